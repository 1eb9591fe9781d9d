/* lineup-results-times.h: best times, read from the plan's own results: a
 * weekday × hour grid (in the plan's time zone, when the posts went out)
 * of the posts per hour, their median engagement and their index against
 * the usual, and the best slots to post at. `lineup results times`
 * prints it, the editor and Move to Date offer the best slots, the Results
 * view draws it (lineup-best-times-grid.h).
 *
 * The rules (README "Results"):
 * - A post's index on a network is its weighted engagement over that
 *   network's usual: the median of its posts of the last
 *   LINEUP_RESULTS_BASELINE_DAYS days (lineup_results_baseline ()). A post
 *   on several of the networks asked for counts once, at the mean of its
 *   indexes; its engagement is the sum. For one network a cell's index is
 *   exactly its median engagement over the network's usual.
 * - Cells are sparse, so a slot pools its hour with the hour either side
 *   on the same day (Tue 09:00: the posts of Tue 08:00–10:59). A slot is
 *   a candidate when it has posts in its own hour, at least
 *   LINEUP_RESULTS_MIN_POSTS in the three hours, and an index above 1.0
 *   (better than usual). The best are the candidates by index (then more
 *   posts, then earlier in the week), none within an hour of one already
 *   chosen on the same day (they would share their posts).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-store.h"
#include "lineup-results.h"

G_BEGIN_DECLS

/* How many best slots the editor and Move to Date offer. */
#define LINEUP_RESULTS_TIMES_BEST 3

/* One post's results on one network, placed in the plan's week. */
typedef struct {
  const char *post_id;
  const char *network;
  gint64      at;           /* went out, Unix seconds (for the baseline) */
  guint8      weekday;      /* local: 1 = Monday … 7 = Sunday */
  guint8      hour;         /* local: 0 … 23 */
  double      engagement;   /* weighted (lineup_result_engagement ()) */
} LineupResultsTimePoint;

/* One hour of the week. */
typedef struct {
  guint  n_posts;           /* posts that went out in this hour */
  double median;            /* their median engagement; NAN: none */
  double index;             /* the median of their indexes; NAN: none or no usual */
  guint  slot_posts;        /* posts of this hour and the hour either side */
  double slot_index;        /* the median of their indexes; NAN: none */
} LineupResultsTimeCell;

/* A best slot. */
typedef struct {
  guint8 weekday;           /* 1 = Monday … 7 = Sunday */
  guint8 hour;
  guint  n_posts;           /* behind it: its hour and the hour either side */
  double index;             /* > 1.0 */
} LineupResultsBestSlot;

typedef struct {
  guint                 n_posts;          /* posts in the grid */
  LineupResultsTimeCell cells[7][24];     /* [weekday - 1][hour] */
  GArray               *best;             /* LineupResultsBestSlot, best first */
} LineupResultsTimes;

void lineup_results_times_free (LineupResultsTimes *times);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupResultsTimes, lineup_results_times_free)

/* The grid of @points and up to @n_best best slots, each network's usual
 * taken over the LINEUP_RESULTS_BASELINE_DAYS days up to @now. */
LineupResultsTimes *lineup_results_times_compute (const LineupResultsTimePoint *points,
                                                  guint                         n_points,
                                                  gint64                        now,
                                                  guint                         n_best);

/* The plan's grid for the networks @platforms (keys; NULL or empty: every
 * network), from each post's latest results, with the plan's weights. */
LineupResultsTimes *lineup_results_times         (LineupStore                  *store,
                                                  const char * const           *platforms,
                                                  gint64                        now,
                                                  guint                         n_best,
                                                  GError                      **error);

/* "Best for Mastodon: Tue 09:00 (1.9×, 6 posts), Thu 13:00 (1.4×, 5
 * posts)", or that there are too few to tell; @name: the networks as
 * shown ("Mastodon", "all networks"). */
char               *lineup_results_times_describe_best (const LineupResultsTimes *times,
                                                        const char               *name);
/* "Tue 09:00", the weekday in the user's language. */
char               *lineup_results_best_slot_describe (const LineupResultsBestSlot *slot);
/* The first date on or after @from that is @slot's weekday. */
void                lineup_results_best_slot_next_date (const LineupResultsBestSlot *slot,
                                                        const GDate                 *from,
                                                        GDate                       *out_date);

G_END_DECLS
