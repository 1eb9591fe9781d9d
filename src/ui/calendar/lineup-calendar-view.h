/* lineup-calendar-view.h: the month calendar with its backlog.
 *
 * Signals: open-post (LineupPost *), post-deleted (const char *title),
 * toast (const char *message) — a refused drop says why.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lineup-core.h"

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

G_END_DECLS
