/* lineup-month-grid.h: which days a month view shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LINEUP_GRID_DAYS 42   /* six weeks: every month fits, the grid never jumps */

/* The locale's first day of the week: 0 = Sunday … 6 = Saturday. */
int  lineup_locale_week_start     (void);
/* The first day of the week a "first-day-of-week" setting names:
 * "monday", "sunday" or "saturday"; anything else ("locale") is the
 * locale's. 0 = Sunday … 6 = Saturday. */
int  lineup_week_start_from_name  (const char *name);
/* The first day of the six-week grid that shows @year-@month, the weeks
 * starting on @week_start (0 = Sunday). */
void lineup_month_grid_first_day  (int    year,
                                   int    month,
                                   int    week_start,
                                   GDate *out_date);

G_END_DECLS
