/* lineup-results.h: the results of published posts, without the store: a
 * snapshot of one post's counts on one network at one time, and the
 * compact text a shared plan carries them in (a post record's `results`
 * field, docs/sharing.md). Nothing here reads or writes a plan.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a network may say about a post. Mastodon says replies, reposts
 * (boosts), likes (favourites) and quotes; Bluesky the same four; the CSV
 * exports of other networks also impressions, saves and clicks. */
typedef enum {
  LINEUP_RESULT_REPLIES,      /* replies, comments */
  LINEUP_RESULT_REPOSTS,      /* reposts, boosts, shares */
  LINEUP_RESULT_LIKES,        /* likes, favourites, reactions */
  LINEUP_RESULT_QUOTES,
  LINEUP_RESULT_SAVES,
  LINEUP_RESULT_CLICKS,
  LINEUP_RESULT_IMPRESSIONS,
  LINEUP_RESULT_N_COUNTS
} LineupResultCount;

/* A count the network does not say (stored as NULL). */
#define LINEUP_RESULT_UNKNOWN ((gint64) -1)
/* The largest count Lineup keeps. */
#define LINEUP_RESULT_MAX_COUNT ((gint64) 1000000000000)

/* One post's counts on one network, taken at @taken_at (Unix seconds). */
typedef struct {
  char   *post_id;
  char   *network;                          /* a platform key: "mastodon" */
  gint64  taken_at;
  gint64  counts[LINEUP_RESULT_N_COUNTS];   /* LINEUP_RESULT_UNKNOWN: not said */
  char   *source;                           /* "mastodon", "bluesky" or "import" */
} LineupResultSnapshot;

/* Every count LINEUP_RESULT_UNKNOWN. */
LineupResultSnapshot *lineup_result_snapshot_new  (const char                 *post_id,
                                                   const char                 *network,
                                                   gint64                      taken_at,
                                                   const char                 *source);
LineupResultSnapshot *lineup_result_snapshot_copy (const LineupResultSnapshot *snapshot);
void                  lineup_result_snapshot_free (LineupResultSnapshot       *snapshot);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupResultSnapshot, lineup_result_snapshot_free)

/* "replies", "reposts", "likes", "quotes", "saves", "clicks", "impressions". */
const char *lineup_result_count_key   (LineupResultCount  count);
/* "mastodon", "bluesky" or "import". */
gboolean    lineup_result_source_valid (const char        *source);

/* The shared plan's `results` field: one snapshot a network, separated by
 * "; ", each "NETWORK YYYY-MM-DDTHH:MM:SSZ SOURCE" then "KEY=N" for every
 * count said, e.g. "mastodon 2026-12-01T10:00:00Z mastodon replies=2
 * reposts=5 likes=11". NULL when @snapshots (LineupResultSnapshot) is
 * empty. */
char      *lineup_results_format_field (GPtrArray   *snapshots);
/* LineupResultSnapshot for @post_id, or NULL with an error naming what is
 * wrong ("" gives an empty array). */
GPtrArray *lineup_results_parse_field  (const char  *post_id,
                                        const char  *text,
                                        GError     **error);

G_END_DECLS
