/* lineup-publishing-view.h: the Publishing panel, and what every window
 * shares about a plan's publishing.
 *
 * The panel lists the outbox: what waits to be sent, what failed and why,
 * what is in conflict, and the latest published, with Retry, Cancel and the
 * two ways out of a conflict per row; "Sync now"; the networks' limits the
 * plan is about to hit; the latest results.
 *
 * Signals:
 *   toast (const char *message)   something to tell the person
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lineup-core.h"
#include "lineup-outbox.h"
#include "lineup-secrets.h"
#include "lineup-sync.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_PUBLISHING_VIEW (lineup_publishing_view_get_type ())
G_DECLARE_FINAL_TYPE (LineupPublishingView, lineup_publishing_view, LINEUP, PUBLISHING_VIEW, GtkWidget)

void        lineup_publishing_view_set_store (LineupPublishingView *self,
                                              LineupStore          *store);

/* ---- a plan's publishing, as the windows share it ----
 *
 * The application makes one LineupSecrets and one LineupSync per open plan
 * and hands them over here (the store carries them), so the panel, the
 * Preferences and the editors use the same ones. Until then, or when the
 * secrets cannot be kept anywhere, the getters return NULL and the problem
 * says why. Every change announces itself as the store's
 * "publishing-changed". */
void           lineup_publishing_set_engine  (LineupStore   *store,
                                              LineupSecrets *secrets,
                                              LineupSync    *sync,
                                              const char    *problem);
LineupSecrets *lineup_publishing_get_secrets (LineupStore   *store);
LineupSync    *lineup_publishing_get_sync    (LineupStore   *store);
/* Why publishing is off ("The Secret Service … could not be reached …"),
 * or NULL. */
const char    *lineup_publishing_get_problem (LineupStore   *store);

/* The worst sync state of the post over its accounts and, when it needs
 * saying, each account's state and message in words: read for every post at
 * once after each change of the plan's publishing (two queries), so a card
 * costs a hash lookup. FALSE for a post that goes to no account. */
gboolean       lineup_publishing_lookup      (LineupStore      *store,
                                              const char       *post_id,
                                              LineupSyncState  *out_state,
                                              const char      **out_detail);
/* Posts failed or in conflict: what needs a person. */
guint          lineup_publishing_count_attention (LineupStore *store);
/* Calls @callback (swapped: @instance first) after every change of the
 * plan's publishing and after a reload, once lookups see the change. Ends
 * with @instance. */
void           lineup_publishing_watch       (LineupStore   *store,
                                              GCallback      callback,
                                              gpointer       instance);
/* One line per account the post goes to: "Team (Mastodon): Failed — 401 …"
 * (one query, for a tooltip). NULL when it goes nowhere. */
char          *lineup_publishing_describe_post (LineupStore *store,
                                                const char  *post_id);

/* The badge of a state: a symbolic icon and a CSS class ("sync-failed"…),
 * NULL for NOT_SYNCED (nothing to show). */
const char    *lineup_sync_state_icon_name   (LineupSyncState state);
const char    *lineup_sync_state_css_class   (LineupSyncState state);

/* What a card or a row says of its post's publishing: the state (NOT_SYNCED
 * when it goes nowhere) and @description followed by how it stands, "…,
 * publishing: Team hook: Waiting to sync" (a lookup, no query). */
LineupSyncState lineup_publishing_describe_badge (LineupStore  *store,
                                                  LineupPost   *post,
                                                  const char   *description,
                                                  char        **out_text);
/* Shows @state's badge on @image, hidden for NOT_SYNCED; *@css_class is
 * the style class the image wears, kept up to date. */
void           lineup_sync_badge_show        (GtkWidget       *image,
                                              const char     **css_class,
                                              LineupSyncState  state);

G_END_DECLS
