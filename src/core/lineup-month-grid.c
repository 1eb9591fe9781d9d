/* lineup-month-grid.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <langinfo.h>

#include "lineup-month-grid.h"

int
lineup_locale_week_start (void)
{
#ifdef __GLIBC__
  /* glibc: the week's origin day (a date) and the first weekday counted
   * from it, 1-based; the way GtkCalendar reads them. */
  union { unsigned int word; char *string; } info;
  int first_weekday, origin_weekday;
  GDate origin;

  info.string = nl_langinfo (_NL_TIME_FIRST_WEEKDAY);
  first_weekday = info.string[0];
  info.string = nl_langinfo (_NL_TIME_WEEK_1STDAY);
  g_date_clear (&origin, 1);
  g_date_set_dmy (&origin, info.word % 100, (info.word / 100) % 100, info.word / 10000);
  if (!g_date_valid (&origin) || first_weekday < 1 || first_weekday > 7)
    return 1;
  origin_weekday = g_date_get_weekday (&origin) % 7;   /* GDate: Monday 1 … Sunday 7 */
  return (origin_weekday + first_weekday - 1) % 7;
#else
  return 1;
#endif
}

int
lineup_week_start_from_name (const char *name)
{
  if (g_strcmp0 (name, "monday") == 0)
    return 1;
  if (g_strcmp0 (name, "sunday") == 0)
    return 0;
  if (g_strcmp0 (name, "saturday") == 0)
    return 6;
  return lineup_locale_week_start ();
}

void
lineup_month_grid_first_day (int    year,
                             int    month,
                             int    week_start,
                             GDate *out_date)
{
  int weekday, back;

  g_return_if_fail (out_date != NULL);
  g_return_if_fail (week_start >= 0 && week_start < 7);

  g_date_clear (out_date, 1);
  g_date_set_dmy (out_date, 1, month, year);
  weekday = g_date_get_weekday (out_date) % 7;   /* 0 = Sunday */
  back = (weekday - week_start + 7) % 7;
  g_date_subtract_days (out_date, back);
}
