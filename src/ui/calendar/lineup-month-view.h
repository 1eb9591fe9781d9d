/* lineup-month-view.h: six weeks of day cells under the weekday names, with
 * each week's campaign bands (as gnome-calendar's month view). It shows what
 * it is given; reading the store, the header and the drops belong to the
 * calendar view around it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lineup-core.h"
#include "lineup-day-cell.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_MONTH_VIEW (lineup_month_view_get_type ())
G_DECLARE_FINAL_TYPE (LineupMonthView, lineup_month_view, LINEUP, MONTH_VIEW, GtkGrid)

LineupMonthView *lineup_month_view_new            (void);
/* 0 = Sunday: the weekday names follow it. */
void             lineup_month_view_set_week_start (LineupMonthView *self,
                                                   int              week_start);
/* The LINEUP_GRID_DAYS cells, in date order (the calendar listens to them). */
LineupDayCell  **lineup_month_view_get_cells      (LineupMonthView *self);
/* Shows the grid starting on @first for @month: @posts in time order over
 * the six weeks, @overlay_events (LineupOverlayEvent) in date order. */
void             lineup_month_view_update         (LineupMonthView *self,
                                                   LineupStore     *store,
                                                   GPtrArray       *posts,
                                                   GPtrArray       *overlay_events,
                                                   const GDate     *first,
                                                   int              month,
                                                   const GDate     *today,
                                                   gboolean         force);

G_END_DECLS
