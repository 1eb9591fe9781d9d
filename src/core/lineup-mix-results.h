/* lineup-mix-results.h: the content mix fed by results: when a pillar or a
 * content type does clearly better or worse than the plan's usual on a
 * network, over enough posts, a suggestion to move its target, with the
 * numbers ("Proof posts do 1.8× your usual on LinkedIn over 23 posts:
 * consider raising Proof to 20 %"). Targets change only when the user
 * applies a suggestion (one undo step); nothing here changes them alone.
 *
 * The rule (README "The content mix"): on each network, the posts of the
 * last LINEUP_RESULTS_BASELINE_DAYS (90) days with results there, each
 * weighted with the plan's weights (lineup-store-weights.h). The usual is
 * their median; a pillar's or type's index is the median of its posts
 * there over the usual. With LINEUP_RESULTS_MIN_POSTS (5) posts or more
 * and an index of LINEUP_MIX_RESULTS_HIGH (1.3) or more, its target is
 * suggested LINEUP_MIX_RESULTS_STEP (5) points higher; at
 * LINEUP_MIX_RESULTS_LOW (0.7) or less, 5 points lower (a type's band
 * moves as a whole, within 0–100). A pillar without a target gets none.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-store.h"

G_BEGIN_DECLS

#define LINEUP_MIX_RESULTS_HIGH 1.3
#define LINEUP_MIX_RESULTS_LOW  0.7
#define LINEUP_MIX_RESULTS_STEP 5.0

typedef enum {
  LINEUP_MIX_RESULTS_PILLAR,
  LINEUP_MIX_RESULTS_TYPE,
} LineupMixResultsOf;

typedef struct {
  LineupMixResultsOf  of;
  gint64              id;             /* the pillar's or the type's */
  char               *name;
  char               *platform;       /* the network's key: "linkedin" */
  guint               n_posts;
  double              index;          /* 1.0: as usual on that network */
  gboolean            raise;          /* FALSE: lower */
  double              min, max;       /* the target now (a pillar's: both the same) */
  double              new_min, new_max;
  char               *text;           /* the sentence, numbers and all */
} LineupMixResultSuggestion;

void                       lineup_mix_result_suggestion_free (LineupMixResultSuggestion       *suggestion);
LineupMixResultSuggestion *lineup_mix_result_suggestion_copy (const LineupMixResultSuggestion *suggestion);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupMixResultSuggestion, lineup_mix_result_suggestion_free)

/* LineupMixResultSuggestion, the furthest from usual first (pillars then
 * types for the same distance), for @platform only unless NULL; results
 * up to @now (Unix seconds). Empty when there are too few results; NULL
 * with @error when the plan cannot be read. */
GPtrArray *lineup_mix_results_suggest (LineupStore                      *store,
                                       const char                       *platform,
                                       gint64                            now,
                                       GError                          **error);
/* Sets the target @suggestion names: one undo step ("Change target"). */
gboolean   lineup_mix_results_apply   (LineupStore                      *store,
                                       const LineupMixResultSuggestion  *suggestion,
                                       GError                          **error);

G_END_DECLS
