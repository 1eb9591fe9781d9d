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
  gint64  followers;                        /* the account's followers then; LINEUP_RESULT_UNKNOWN: not said */
} LineupResultSnapshot;

/* Every count and the followers LINEUP_RESULT_UNKNOWN. */
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
 * count said, then "followers=N" when known, e.g. "mastodon
 * 2026-12-01T10:00:00Z mastodon replies=2 reposts=5 likes=11
 * followers=480". NULL when @snapshots (LineupResultSnapshot) is
 * empty. */
char      *lineup_results_format_field (GPtrArray   *snapshots);
/* LineupResultSnapshot for @post_id, or NULL with an error naming what is
 * wrong ("" gives an empty array). */
GPtrArray *lineup_results_parse_field  (const char  *post_id,
                                        const char  *text,
                                        GError     **error);

/* ---- what works: engagement, medians and the plan's own baseline ---- */

/* Engagement quality first: a comment, share, quote or save says more than
 * a like, a click that the post brought someone somewhere. The defaults
 * (README "Results"): likes 1, clicks 2, replies, reposts, quotes and
 * saves 3. Impressions weigh nothing (they are the rate's denominator). */
#define LINEUP_RESULT_WEIGHT_LIKES   1.0
#define LINEUP_RESULT_WEIGHT_CLICKS  2.0
#define LINEUP_RESULT_WEIGHT_REPLIES 3.0
#define LINEUP_RESULT_WEIGHT_REPOSTS 3.0
#define LINEUP_RESULT_WEIGHT_QUOTES  3.0
#define LINEUP_RESULT_WEIGHT_SAVES   3.0

/* Fewer posts than this behind a group: "too few to tell". */
#define LINEUP_RESULTS_MIN_POSTS 5
/* The baseline is the median of the posts of the last this many days. */
#define LINEUP_RESULTS_BASELINE_DAYS 90

typedef struct {
  double weight[LINEUP_RESULT_N_COUNTS];   /* LINEUP_RESULT_IMPRESSIONS' is 0 */
} LineupResultWeights;

void   lineup_result_weights_default (LineupResultWeights        *weights);
/* The weighted sum of the counts @snapshot says (an unknown count adds 0). */
double lineup_result_engagement      (const LineupResultSnapshot *snapshot,
                                      const LineupResultWeights  *weights);
/* Engagement per follower (@followers > 0), else NAN: not known. */
double lineup_result_rate            (double                      engagement,
                                      gint64                      followers);

/* The median of @values (NAN ones left out); NAN when none is left. */
double lineup_results_median         (const double               *values,
                                      guint                       n_values);

/* One post's weighted engagement (summed over its networks, or one
 * network's for a per-platform group), when it went out, and its group. */
typedef struct {
  const char *group;        /* "Proof", "linkedin", "Tuesday", "09" … */
  gint64      at;           /* published, Unix seconds */
  double      engagement;
  /* For the engagement rate: the followers of the accounts whose numbers
   * said them (0: none did) and the engagement on those accounts. */
  gint64      followers;
  double      engaged;
} LineupResultPoint;

/* @point's engagement per follower, or NAN when no account said its
 * followers. */
double     lineup_result_point_rate  (const LineupResultPoint    *point);

/* The plan's baseline: the median engagement of the points published from
 * @now - LINEUP_RESULTS_BASELINE_DAYS days to @now; NAN when none. */
double     lineup_results_baseline   (const LineupResultPoint    *points,
                                      guint                       n_points,
                                      gint64                      now);

/* A group's numbers against the baseline. */
typedef struct {
  char    *group;
  guint    n_posts;
  double   median;          /* median engagement of its posts */
  double   index;           /* median / baseline: 1.0 = usual; NAN: no baseline */
  double   rate;            /* median engagement per follower of its posts whose
                             * followers are known; NAN: none */
  gboolean enough;          /* n_posts >= the minimum; FALSE: too few to tell */
} LineupResultGroup;

void       lineup_result_group_free  (LineupResultGroup          *group);
/* LineupResultGroup, one per distinct group of @points, by index (highest
 * first; groups with too few posts last, then by name). */
GPtrArray *lineup_results_group      (const LineupResultPoint    *points,
                                      guint                       n_points,
                                      double                      baseline,
                                      guint                       min_posts);

G_END_DECLS
