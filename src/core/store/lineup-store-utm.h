/* lineup-store-utm.h: the plan's UTM settings and the caption as it goes
 * out to a network (lineup-utm.h does the tagging).
 *
 * The defaults (protocols.md §9, README "Clean links"): tagging on,
 * utm_medium "social", utm_source the network's key ("linkedin"),
 * utm_campaign the post's campaign's name cleaned ("spring-launch"),
 * utm_content the post's short id, every host tagged. Each can be set;
 * the plan-wide ones are plan settings like the time zone (their own
 * transaction, "plan-changed", no undo step); all travel with a shared
 * plan.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-store.h"
#include "lineup-utm.h"

G_BEGIN_DECLS

#define LINEUP_UTM_DEFAULT_MEDIUM "social"

typedef struct {
  gboolean  enabled;
  char     *medium;
  GStrv     domains;   /* empty: every host */
} LineupUtmSettings;

void               lineup_utm_settings_free        (LineupUtmSettings *settings);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupUtmSettings, lineup_utm_settings_free)

LineupUtmSettings *lineup_store_get_utm_settings   (LineupStore  *self);
/* utm_source for @platform: what was set, else its key. */
char              *lineup_store_get_utm_source     (LineupStore  *self,
                                                    const char   *platform);
/* utm_campaign for a campaign: what was set, else its name cleaned; NULL
 * for no campaign (0) or an unknown one. */
char              *lineup_store_get_utm_campaign   (LineupStore  *self,
                                                    gint64        campaign_id);

gboolean           lineup_store_set_utm_enabled    (LineupStore  *self,
                                                    gboolean      enabled,
                                                    GError      **error);
/* @medium NULL or "": back to "social". */
gboolean           lineup_store_set_utm_medium     (LineupStore  *self,
                                                    const char   *medium,
                                                    GError      **error);
/* @source NULL or "": back to the network's key. */
gboolean           lineup_store_set_utm_source     (LineupStore  *self,
                                                    const char   *platform,
                                                    const char   *source,
                                                    GError      **error);
/* "example.org, shop.example.com"; NULL or "": every host. */
gboolean           lineup_store_set_utm_domains    (LineupStore  *self,
                                                    const char   *domains,
                                                    GError      **error);
/* @value NULL or "": back to the campaign's name, cleaned. Like editing
 * the campaign: one undo step, "campaigns-changed". */
gboolean           lineup_store_set_utm_campaign   (LineupStore  *self,
                                                    gint64        campaign_id,
                                                    const char   *value,
                                                    GError      **error);

/* @post's caption as it goes out to @platform — its variant for
 * @platform if it has one, else the main caption — its links tagged as the
 * settings say (the caption itself when tagging is off). */
char              *lineup_store_outgoing_caption   (LineupStore  *self,
                                                    LineupPost   *post,
                                                    const char   *platform);
/* What @platform counts of @post's caption as it goes out there: Mastodon
 * and X count each link as 23 characters, the other networks count every
 * grapheme (so a longer link with its UTM parameters counts there). A post
 * not yet in the plan counts as if its short id were in its links.
 * Mastodon's count includes the post's content warning (its spoiler_text). */
guint              lineup_store_count_outgoing     (LineupStore  *self,
                                                    LineupPost   *post,
                                                    const char   *platform);
/* @post's links as they go out to @platform, in order (NULL-terminated). */
GStrv              lineup_store_outgoing_links     (LineupStore  *self,
                                                    LineupPost   *post,
                                                    const char   *platform);

G_END_DECLS
