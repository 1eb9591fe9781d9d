/* lineup-week-view.h: seven days by 24 hours (as gnome-calendar's week
 * view): day names with other calendars' events and the week's campaign
 * bands stay on top while the hours scroll. It shows what it is given;
 * reading the store and what a drop does belong to the calendar view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lineup-core.h"
#include "lineup-day-cell.h"

G_BEGIN_DECLS

#define LINEUP_WEEK_VIEW_CELLS (7 * 24)

#define LINEUP_TYPE_WEEK_VIEW (lineup_week_view_get_type ())
G_DECLARE_FINAL_TYPE (LineupWeekView, lineup_week_view, LINEUP, WEEK_VIEW, GtkBox)

LineupWeekView  *lineup_week_view_new               (void);
/* The LINEUP_WEEK_VIEW_CELLS hour cells, day by day, hour by hour. */
LineupDayCell  **lineup_week_view_get_cells         (LineupWeekView *self);
/* Shows the week starting on @first: @posts in time order over the week,
 * @overlay_events (LineupOverlayEvent) of those days. */
void             lineup_week_view_update            (LineupWeekView *self,
                                                     LineupStore    *store,
                                                     GPtrArray      *posts,
                                                     GPtrArray      *overlay_events,
                                                     const GDate    *first,
                                                     const GDate    *today,
                                                     gboolean        force);
/* Once laid out, scrolls to 07:00, where most posts go out. */
void             lineup_week_view_scroll_to_morning (LineupWeekView *self);

G_END_DECLS
