/* lineup-results-review.h: the weekly review, the screen a lead opens on
 * Monday: one week's posts (Monday to Sunday in the plan's zone) with
 * their results, the best and worst three, and what changed against the
 * week before (posts, median engagement, each pillar's index). The
 * Results view shows it; `lineup results review` prints it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-store.h"
#include "lineup-results.h"

G_BEGIN_DECLS

/* How many posts the best and the worst each hold at most. */
#define LINEUP_REVIEW_TOP 3

/* One post of the week with its results. */
typedef struct {
  char   *post_id;
  char   *title;
  char   *pillar;         /* its pillar's name, or NULL */
  gint64  at;             /* when it went out, Unix seconds */
  double  engagement;     /* weighted, its networks added up */
  double  index;          /* engagement / the baseline; NAN: no baseline */
} LineupReviewPost;

/* A pillar's index in the week and in the week before: its posts' median
 * engagement over the baseline (NAN when it had no posts that week or
 * there is no baseline). */
typedef struct {
  char   *pillar;
  guint   n_posts;
  guint   n_posts_before;
  double  index;
  double  index_before;
  double  delta;          /* index - index_before; NAN unless both are known */
} LineupReviewPillar;

typedef struct {
  GDate      week;            /* its Monday, in the plan's zone */
  gint64     from, to;        /* the week's instants, @to exclusive */
  double     baseline;        /* median engagement of the 90 days up to @to; NAN: none */
  GPtrArray *posts;           /* LineupReviewPost with results that week, best first */
  GPtrArray *best;            /* the first of @posts, at most 3 (not owned) */
  GPtrArray *worst;           /* the last of @posts, worst first, at most 3, never one of @best (not owned) */
  guint      n_posts_before;  /* posts with results the week before */
  double     median;          /* median engagement of the week's posts; NAN: none */
  double     median_before;   /* … of the week before's */
  GPtrArray *pillars;         /* LineupReviewPillar of either week, by index (highest first, then by name) */
} LineupResultsReview;

void lineup_results_review_free (LineupResultsReview *review);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupResultsReview, lineup_results_review_free)

/* The Monday of the week holding @day (copied to @out_monday). */
void lineup_results_week_start (const GDate *day,
                                GDate       *out_monday);

/* The review of the week holding @day (NULL: the week before the one
 * holding @now, in the plan's zone), with the plan's weights. Only posts
 * with results count; when @posts holds fewer than six, the best take
 * the upper half (rounded up) and the worst the rest. */
LineupResultsReview *lineup_results_review (LineupStore  *store,
                                            const GDate  *day,
                                            gint64        now,
                                            GError      **error);

G_END_DECLS
