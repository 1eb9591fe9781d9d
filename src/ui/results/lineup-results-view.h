/* lineup-results-view.h: the Results tab: what works for this audience
 * (posts grouped by pillar, type, platform, weekday or hour, each group's
 * index against the plan's usual, as bars a screen reader can read), and
 * the weekly review (a week's best and worst three posts, which open in
 * the editor, and what changed against the week before). With no results
 * in the plan, it says how they come in.
 *
 * A LineupView (lineup-view.h) that takes no filter: results are the
 * plan's, as `lineup results` prints them. It follows the store and
 * recomputes when shown after a change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lineup-core.h"
#include "lineup-view.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_RESULTS_VIEW (lineup_results_view_get_type ())
G_DECLARE_FINAL_TYPE (LineupResultsView, lineup_results_view, LINEUP, RESULTS_VIEW, AdwBin)

void lineup_results_view_set_store (LineupResultsView *self,
                                    LineupStore       *store);

G_END_DECLS
