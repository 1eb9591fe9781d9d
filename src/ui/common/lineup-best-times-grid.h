/* lineup-best-times-grid.h: best times as a heat grid: the seven weekdays
 * by the 24 hours (the plan's time zone, when the posts went out), each
 * hour as strong in the theme's accent colour as its posts did against
 * the usual, the best slots outlined, and under it the best slots in words
 * (what a screen reader reads). lineup-results-times.h computes it.
 *
 * Use: lineup_best_times_grid_new (), set_store (), set_platform () (NULL:
 * every network), and refresh () when the results may have changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lineup-store.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_BEST_TIMES_GRID (lineup_best_times_grid_get_type ())
G_DECLARE_FINAL_TYPE (LineupBestTimesGrid, lineup_best_times_grid, LINEUP, BEST_TIMES_GRID, GtkWidget)

GtkWidget *lineup_best_times_grid_new          (void);
/* Reads @store's results (refreshes). */
void       lineup_best_times_grid_set_store    (LineupBestTimesGrid *self,
                                                LineupStore         *store);
/* A platform key ("mastodon") or NULL for every network (refreshes). */
void       lineup_best_times_grid_set_platform (LineupBestTimesGrid *self,
                                                const char          *platform);
/* Reads the results again. */
void       lineup_best_times_grid_refresh      (LineupBestTimesGrid *self);

G_END_DECLS
