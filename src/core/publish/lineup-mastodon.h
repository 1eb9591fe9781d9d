/* lineup-mastodon.h: a Mastodon account, with the server's own scheduling.
 *
 * Follows protocols.md §1: posts are created with scheduled_at and an
 * Idempotency-Key (a retry never posts twice), moved with PUT, replaced by
 * DELETE + POST, cancelled with DELETE; publication is confirmed by finding
 * the status the server created at the time. Posts due within the
 * server's 5 minutes are not scheduled there: the sync engine publishes them
 * itself at their time (LINEUP_MASTODON_MIN_LEAD).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-publisher.h"

G_BEGIN_DECLS

/* Mastodon refuses (4.3) or posts at once (earlier) a scheduled_at within 5
 * minutes; Lineup keeps a minute of margin. */
/* What a server that does not say its own limit takes. */
#define LINEUP_MASTODON_DEFAULT_TEXT_LIMIT 500
#define LINEUP_MASTODON_MIN_LEAD (6 * 60)
#define LINEUP_MASTODON_MAX_PER_DAY 25
#define LINEUP_MASTODON_MAX_PENDING 300
#define LINEUP_MASTODON_SCOPES "read:statuses read:accounts write:statuses write:media"
#define LINEUP_MASTODON_OOB "urn:ietf:wg:oauth:2.0:oob"

#define LINEUP_TYPE_MASTODON (lineup_mastodon_get_type ())
G_DECLARE_FINAL_TYPE (LineupMastodon, lineup_mastodon, LINEUP, MASTODON, GObject)

/* @instance: "https://social.example" (a path or trailing slash is dropped). */
LineupMastodon *lineup_mastodon_new         (LineupHttp  *http,
                                             const char  *instance,
                                             const char  *token);
/* The instance's own limits, learned by connect and kept with the account. */
void            lineup_mastodon_set_limits  (LineupMastodon *self,
                                             guint           text_limit,
                                             guint           url_length);

/* One authorized GET of @path ("/api/v1/statuses/ID") on the account's
 * server, for reading (results): the parsed JSON of a 2xx answer, else
 * NULL with the publish error the answer means (NOT_FOUND, RATE_LIMITED
 * with lineup_publisher_get_retry_at (), …). Blocks. */
JsonNode       *lineup_mastodon_read        (LineupMastodon  *self,
                                             const char      *path,
                                             const char      *what,
                                             GCancellable    *cancellable,
                                             GError         **error);

/* "https://host" from what a person typed ("host", "https://host/", …), or
 * NULL with an error saying what is wrong with it. */
char           *lineup_mastodon_normalize_instance (const char  *text,
                                                    GError     **error);

/* The OAuth copy-paste flow: register Lineup with the instance, send the
 * person to the authorize URL in their browser, exchange the code they paste. */
gboolean        lineup_mastodon_register_app   (LineupHttp    *http,
                                                const char    *instance,
                                                char         **out_client_id,
                                                char         **out_client_secret,
                                                GCancellable  *cancellable,
                                                GError       **error);
char           *lineup_mastodon_authorize_url  (const char    *instance,
                                                const char    *client_id);
char           *lineup_mastodon_exchange_code  (LineupHttp    *http,
                                                const char    *instance,
                                                const char    *client_id,
                                                const char    *client_secret,
                                                const char    *code,
                                                GCancellable  *cancellable,
                                                GError       **error);

G_END_DECLS
