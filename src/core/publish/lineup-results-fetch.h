/* lineup-results-fetch.h: reading how published posts did from Mastodon
 * and Bluesky (protocols.md §8) into the plan's result snapshots.
 *
 * For every post Lineup published to a Mastodon or Bluesky account of the
 * plan: Mastodon's GET /api/v1/statuses/:id (replies, boosts, favourites,
 * quotes when the server says), Bluesky's app.bsky.feed.getPosts, 25 posts
 * a call (replies, reposts, likes, quotes), each with the account's
 * followers then (verify_credentials, app.bsky.actor.getProfile), stored as
 * snapshots with source "mastodon" or "bluesky" (lineup-store-results.h).
 *
 * When: on demand for every post, and when due — 1 hour, 24 hours and 7
 * days after publication, each once unless a reading was already taken
 * after that point. A post the network no longer has (404, or missing from
 * getPosts) is noted and not read again when due. A 429 stops reading that
 * account and says when to try again; a server failure is tried again with
 * the sync engine's backoff, then said. Secrets come from LineupSecrets as
 * for publishing. The calls block: the command line calls
 * lineup_results_fetch(), the app lineup_results_fetch_due_async(), which
 * works in a thread on its own connection to the plan.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "lineup-store.h"
#include "lineup-http.h"
#include "lineup-results.h"
#include "lineup-secrets.h"

G_BEGIN_DECLS

/* Bluesky's getPosts takes at most this many at-URIs. */
#define LINEUP_RESULTS_FETCH_BATCH 25
/* The due points, in seconds after publication. */
#define LINEUP_RESULTS_DUE_1 (3600)
#define LINEUP_RESULTS_DUE_2 (24 * 3600)
#define LINEUP_RESULTS_DUE_3 (7 * 24 * 3600)

/* Whether a post published at @published_at, last read at @last_read_at
 * (0: never), is due at @now: some due point has passed and no reading was
 * taken at or after the latest one passed. Past the last point, never. */
gboolean lineup_results_fetch_is_due (gint64 published_at,
                                      gint64 last_read_at,
                                      gint64 now);

typedef enum {
  LINEUP_RESULTS_FETCH_ALL = 0,       /* every published post (also those the network lost) */
  LINEUP_RESULTS_FETCH_DUE = 1 << 0,  /* only the posts due (lineup_results_fetch_is_due) */
} LineupResultsFetchFlags;

typedef struct {
  guint      read;        /* posts whose counts were read and kept */
  guint      mastodon;    /* of them on Mastodon */
  guint      bluesky;     /* of them on Bluesky */
  guint      not_found;   /* the network no longer has them (deleted?) */
  guint      failed;      /* not read: the problems say why */
  gint64     retry_at;    /* a network asked Lineup to wait until then (UTC), else 0 */
  GPtrArray *notes;       /* char *: a post not found, in words */
  GPtrArray *problems;    /* char *: account, post, what went wrong and what to do */
} LineupResultsFetchReport;

void lineup_results_fetch_report_init  (LineupResultsFetchReport *report);
void lineup_results_fetch_report_clear (LineupResultsFetchReport *report);

/* Reads the posts published to the plan's Mastodon and Bluesky accounts
 * (@post_id, an id or prefix: only that one) and keeps what was read, one
 * transaction per account. @now: the time readings are taken at. FALSE
 * only when nothing could be tried (the post is unknown or was not
 * published there, the plan cannot be read); what went wrong with an
 * account or a post is in @report. */
gboolean lineup_results_fetch        (LineupStore               *store,
                                      LineupSecrets             *secrets,
                                      LineupHttp                *http,
                                      const char                *post_id,
                                      LineupResultsFetchFlags    flags,
                                      gint64                     now,
                                      LineupResultsFetchReport  *report,
                                      GCancellable              *cancellable,
                                      GError                   **error);

/* The app's hourly look: opens the plan at @path in a thread, reads the
 * posts due (the secrets are reached only when some are), and returns how
 * many were read. */
void     lineup_results_fetch_due_async  (const char           *path,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
int      lineup_results_fetch_due_finish (GAsyncResult         *result,
                                          GError              **error);

/* ---- the answers, parsed (also for tests/fuzz) ---- */

/* A Mastodon Status's counts into @snapshot; FALSE when it holds none. */
gboolean lineup_results_parse_mastodon_status (JsonNode             *root,
                                               LineupResultSnapshot *snapshot);
/* at-URI → LineupResultSnapshot (counts only) of every post in a getPosts
 * answer; NULL when it is not one. */
GHashTable *lineup_results_parse_bluesky_posts (JsonNode            *root);
/* followers_count (Mastodon) or followersCount (Bluesky) of an account;
 * LINEUP_RESULT_UNKNOWN when it is not said. */
gint64   lineup_results_parse_followers       (JsonNode             *root);

G_END_DECLS
