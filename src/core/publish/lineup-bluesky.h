/* lineup-bluesky.h: a Bluesky account (AT Protocol), published by Lineup.
 *
 * Bluesky holds no scheduled posts: Lineup's own dispatcher calls
 * publish_now at the post's time (protocols.md §2). The post is written
 * with putRecord under a record key derived from the outgoing key, so a
 * retry replaces the record instead of posting twice; links become facets
 * with UTF-8 byte offsets, since the server does not find them.
 *
 * Logins are rate-limited, so the session is kept and reused: the access
 * token while it lasts, then refreshSession, and only when the refresh
 * token is dead too a new login with the app password. Whenever the
 * session changes, the "session" property notifies (in the thread that made
 * the call: a worker thread for the _async calls) so its owner can keep it
 * in the secret store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-publisher.h"

G_BEGIN_DECLS

#define LINEUP_BLUESKY_DEFAULT_PDS   "https://bsky.social"
#define LINEUP_BLUESKY_MAX_GRAPHEMES 300
#define LINEUP_BLUESKY_MAX_BYTES     3000

#define LINEUP_TYPE_BLUESKY (lineup_bluesky_get_type ())
G_DECLARE_FINAL_TYPE (LineupBluesky, lineup_bluesky, LINEUP, BLUESKY, GObject)

/* @pds_url: the account's server (NULL: bsky.social); @handle: what the
 * person signs in with ("team.bsky.social", a leading "@" is dropped);
 * @app_password: an app password, never the account's own; @session_json:
 * a session saved from lineup_bluesky_dup_session(), or NULL. */
LineupBluesky *lineup_bluesky_new         (LineupHttp    *http,
                                           const char    *pds_url,
                                           const char    *handle,
                                           const char    *app_password,
                                           const char    *session_json);

/* The session to keep: {"accessJwt","refreshJwt","did","handle"} as JSON,
 * or NULL before the first login. Also the "session" property. */
char          *lineup_bluesky_dup_session (LineupBluesky *self);

/* One XRPC query with the account's session (renewed when dead), for
 * reading (results): @nsid_query is "app.bsky.feed.getPosts?uris=…",
 * escaped by the caller. The parsed JSON of a 2xx answer, else NULL with
 * the publish error the answer means (RATE_LIMITED with
 * lineup_publisher_get_retry_at (), …). Blocks. */
JsonNode      *lineup_bluesky_query       (LineupBluesky  *self,
                                           const char     *nsid_query,
                                           const char     *what,
                                           GCancellable   *cancellable,
                                           GError        **error);
/* The account's DID once signed in, else NULL. */
char          *lineup_bluesky_dup_did     (LineupBluesky  *self);

/* The record key a post with outgoing key @key is written under: a valid
 * TID (13 characters, base32-sortable), the same for the same key. */
char          *lineup_bluesky_record_key  (const char    *key);

G_END_DECLS
