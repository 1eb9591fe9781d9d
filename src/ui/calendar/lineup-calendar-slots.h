/* lineup-calendar-slots.h: the free posting slots a calendar grid shows,
 * faintly, in its days (the month) or hours (the week), so a lead sees the
 * gaps: one lineup_store_get_free_slots () call for the grid's range, in
 * the pass that fills it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-core.h"
#include "lineup-day-cell.h"

G_BEGIN_DECLS

/* @cells: @n_days days from @first, one cell a day, or with @hours 24 a day
 * (cells[day * 24 + hour]). Slots already past show nothing. */
void lineup_calendar_slots_show (LineupStore    *store,
                                 LineupDayCell **cells,
                                 const GDate    *first,
                                 guint           n_days,
                                 gboolean        hours);

G_END_DECLS
