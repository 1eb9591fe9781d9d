/* lineup-results-chart.h: the Results view's chart: one row a group,
 * each a horizontal bar of its index against the plan's usual, drawn with
 * GtkSnapshot, with a line at 1.0 ("usual") through every row; a group
 * with too few posts is drawn faint and says so. Each row is a list row
 * whose accessible name carries its numbers ("Proof: index 1.80 over 23
 * posts"), so a screen reader reads what the bars show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lineup-core.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_RESULTS_CHART (lineup_results_chart_get_type ())
G_DECLARE_FINAL_TYPE (LineupResultsChart, lineup_results_chart, LINEUP, RESULTS_CHART, AdwBin)

GtkWidget *lineup_results_chart_new        (void);
/* Shows @groups (LineupResultGroup, in their order) named as @by says. */
void       lineup_results_chart_set_groups (LineupResultsChart *self,
                                            LineupResultsBy     by,
                                            GPtrArray          *groups);

G_END_DECLS
