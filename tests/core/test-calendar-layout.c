/* test-calendar-layout.c: the calendar's layout decisions without a
 * display (lineup-calendar-layout.h): cards a day fits by its height,
 * network icons on a card, the week the Week view opens on, the day a new
 * post starts on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lineup-core.h"

/* A tall day shows more than the old fixed two cards and "+N more". */
static void
test_fit_tall_day (void)
{
  int heights[8] = { 44, 44, 44, 44, 44, 44, 44, 44 };

  /* Five posts, room for all five. */
  g_assert_cmpuint (lineup_calendar_fit_cards (5, heights, 2, 18, 5 * 44 + 4 * 2), ==, 5);
  /* Eight posts in 300 px: 6 cards would need 6 * 46 + 18 = 294. */
  g_assert_cmpuint (lineup_calendar_fit_cards (8, heights, 2, 18, 300), ==, 6);
  g_assert_cmpuint (lineup_calendar_fit_cards (8, heights, 2, 18, 300), >, 2);
}

static void
test_fit_short_day (void)
{
  int heights[4] = { 44, 30, 44, 44 };

  g_assert_cmpuint (lineup_calendar_fit_cards (0, NULL, 2, 18, 10), ==, 0);
  /* One card that fits is shown without a button. */
  g_assert_cmpuint (lineup_calendar_fit_cards (1, heights, 2, 18, 44), ==, 1);
  /* Two that fit together. */
  g_assert_cmpuint (lineup_calendar_fit_cards (2, heights, 2, 18, 76), ==, 2);
  /* Two that do not: the first and "+1 more" (44 + 2 + 18). */
  g_assert_cmpuint (lineup_calendar_fit_cards (2, heights, 2, 18, 75), ==, 1);
  /* No room for a card and the button: the button alone. */
  g_assert_cmpuint (lineup_calendar_fit_cards (4, heights, 2, 18, 40), ==, 0);
  /* Cards of their own heights. */
  g_assert_cmpuint (lineup_calendar_fit_cards (4, heights, 2, 18, 44 + 2 + 30 + 2 + 18), ==, 2);
}

static void
test_platform_icons (void)
{
  g_assert_cmpuint (lineup_calendar_platform_icons (0), ==, 0);
  g_assert_cmpuint (lineup_calendar_platform_icons (1), ==, 1);
  g_assert_cmpuint (lineup_calendar_platform_icons (3), ==, 3);
  /* Four: all four icons rather than three and "+1". */
  g_assert_cmpuint (lineup_calendar_platform_icons (4), ==, 4);
  g_assert_cmpuint (lineup_calendar_platform_icons (7), ==, LINEUP_CARD_MAX_PLATFORM_ICONS);
}

static GDate
dmy (int d, int m, int y)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  return date;
}

static void
test_week_to_open (void)
{
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (GDate));
  GDate today = dmy (7, 12, 2026), out, day;

  /* Today's month: today's week. */
  lineup_calendar_week_to_open (2026, 12, &today, days, &out);
  g_assert_cmpint (g_date_compare (&out, &today), ==, 0);

  /* Another month: its first day with posts, not its (empty) first week. */
  day = dmy (20, 1, 2027); g_array_append_val (days, day);
  day = dmy (12, 1, 2027); g_array_append_val (days, day);
  day = dmy (3, 2, 2027); g_array_append_val (days, day);
  lineup_calendar_week_to_open (2027, 1, &today, days, &out);
  g_assert_cmpint (g_date_get_day (&out), ==, 12);
  g_assert_cmpint (g_date_get_month (&out), ==, 1);

  /* A month without posts: its first day. */
  lineup_calendar_week_to_open (2027, 3, &today, days, &out);
  g_assert_cmpint (g_date_get_day (&out), ==, 1);
  g_assert_cmpint (g_date_get_month (&out), ==, 3);
}

static void
test_new_post_day (void)
{
  GDate today = dmy (7, 12, 2026), out;

  lineup_calendar_new_post_day (2026, 12, &today, &out);
  g_assert_cmpint (g_date_compare (&out, &today), ==, 0);
  /* January shown in December: a January day, not today. */
  lineup_calendar_new_post_day (2027, 1, &today, &out);
  g_assert_cmpint (g_date_get_month (&out), ==, 1);
  g_assert_cmpint (g_date_get_year (&out), ==, 2027);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/calendar-layout/fit/tall-day", test_fit_tall_day);
  g_test_add_func ("/calendar-layout/fit/short-day", test_fit_short_day);
  g_test_add_func ("/calendar-layout/platform-icons", test_platform_icons);
  g_test_add_func ("/calendar-layout/week-to-open", test_week_to_open);
  g_test_add_func ("/calendar-layout/new-post-day", test_new_post_day);

  return g_test_run ();
}
