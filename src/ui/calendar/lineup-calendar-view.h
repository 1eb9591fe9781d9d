/* lineup-calendar-view.h: the month calendar with its backlog.
 *
 * A LineupView (lineup-view.h): it opens posts and says why a change was
 * refused through the window's actions. Its cards ask it for changes
 * through view.* actions (lineup-post-card.h).
 *
 * Signals: new-post (const GDate *day, int minutes) — Enter or a double
 * click on a day.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lineup-core.h"
#include "lineup-view.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_CALENDAR_VIEW (lineup_calendar_view_get_type ())
G_DECLARE_FINAL_TYPE (LineupCalendarView, lineup_calendar_view, LINEUP, CALENDAR_VIEW, AdwBin)

void lineup_calendar_view_set_store (LineupCalendarView *self,
                                     LineupStore        *store);

/* The posts it shows (and the backlog) follow @filter. */
void lineup_calendar_view_set_filter (LineupCalendarView *self,
                                      LineupFilter       *filter);

/* Shows the month (or the week, in week view) of @date. */
void lineup_calendar_view_show_date (LineupCalendarView *self,
                                     const GDate        *date);

/* The month shown: in week view, the month of the week's first day. */
void lineup_calendar_view_get_month (LineupCalendarView *self,
                                     int                *out_year,
                                     int                *out_month);
/* The day a new post from the header starts on: today when it is on
 * screen, else the first day of the month (or the week) shown. */
void lineup_calendar_view_get_new_post_day (LineupCalendarView *self,
                                            GDate              *out_day);

G_END_DECLS
