/* test-results-times.c: best times (lineup-results-times.h) against
 * hand-computed grids: each network's usual over the last 90 days, a post
 * on several networks counted once at the mean of its indexes, a slot
 * pooling its hour with the hour either side, the best above the usual
 * with enough posts and never within an hour of one another on a day.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>

#include "lineup-results-times.h"

#define DAY ((gint64) 24 * 3600)
#define NOW (1000 * DAY)

enum { MON = 1, TUE, WED, THU, FRI, SAT, SUN };

/* One network ("mastodon"), every post within 90 days but one:
 *   Mon 12:00 twelve posts of 10; Thu 13:00 five of 15; Fri 15:00 one of 5;
 *   Tue 08:00 20; Tue 09:00 30, 40; Tue 10:00 50, 70; Tue 11:00 60;
 *   Sat 03:00 one of 1000, 200 days ago.
 * The usual: the median of the 24 recent posts (5, twelve 10s, five 15s,
 * 20 … 70): the 12th and 13th are 10 → 10 (the old 1000 left out).
 * Indexes: Mon 1 each, Thu 1.5, Fri 0.5, Tue 08 2, 09 3 and 4, 10 5 and 7,
 * 11 6, Sat 100.
 * Slots (the hour either side): Tue 09 pools 2 3 4 5 7 → 5 posts, 4.0;
 * Tue 10 pools 3 4 5 7 6 → 5 posts, 5.0; Tue 08 and 11 have 3 posts
 * (too few); Mon 12 has 12 posts but 1.0 (not better than usual); Thu 13
 * five posts, 1.5; Sat 03 one post. Best: Tue 10:00 (5.0), Tue 09:00 left
 * out (within an hour of it), Thu 13:00 (1.5). */
static void
test_one_network (void)
{
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (LineupResultsTimePoint));
  g_autoptr(LineupResultsTimes) times = NULL;
  g_autoptr(LineupResultsTimes) one = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  const struct { guint8 weekday, hour; double engagement; guint n; gint64 ago; } rows[] = {
    { MON, 12, 10, 12, 5 }, { THU, 13, 15, 5, 6 }, { FRI, 15, 5, 1, 7 },
    { TUE, 8, 20, 1, 8 }, { TUE, 9, 30, 1, 9 }, { TUE, 9, 40, 1, 10 },
    { TUE, 10, 50, 1, 11 }, { TUE, 10, 70, 1, 12 }, { TUE, 11, 60, 1, 13 },
    { SAT, 3, 1000, 1, 200 },
  };
  const LineupResultsTimeCell *cell;
  const LineupResultsBestSlot *best;
  g_autofree char *described = NULL;

  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    for (guint i = 0; i < rows[r].n; i++)
      {
        char *id = g_strdup_printf ("post-%u-%u", r, i);
        LineupResultsTimePoint point = { id, "mastodon", NOW - rows[r].ago * DAY, rows[r].weekday, rows[r].hour,
                                         rows[r].engagement };

        g_ptr_array_add (ids, id);
        g_array_append_val (points, point);
      }
  times = lineup_results_times_compute ((LineupResultsTimePoint *) points->data, points->len, NOW, 3);
  g_assert_cmpuint (times->n_posts, ==, 25);

  cell = &times->cells[TUE - 1][10];
  g_assert_cmpuint (cell->n_posts, ==, 2);
  g_assert_cmpfloat_with_epsilon (cell->median, 60.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (cell->index, 6.0, 1e-9);
  g_assert_cmpuint (cell->slot_posts, ==, 5);
  g_assert_cmpfloat_with_epsilon (cell->slot_index, 5.0, 1e-9);
  cell = &times->cells[TUE - 1][9];
  g_assert_cmpfloat_with_epsilon (cell->index, 3.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (cell->slot_index, 4.0, 1e-9);
  cell = &times->cells[MON - 1][12];
  g_assert_cmpuint (cell->n_posts, ==, 12);
  g_assert_cmpfloat_with_epsilon (cell->index, 1.0, 1e-9);
  cell = &times->cells[SAT - 1][3];
  g_assert_cmpuint (cell->n_posts, ==, 1);
  g_assert_cmpfloat_with_epsilon (cell->index, 100.0, 1e-9);
  cell = &times->cells[WED - 1][9];
  g_assert_cmpuint (cell->n_posts, ==, 0);
  g_assert_true (isnan (cell->median) && isnan (cell->index));

  g_assert_cmpuint (times->best->len, ==, 2);
  best = &g_array_index (times->best, LineupResultsBestSlot, 0);
  g_assert_cmpuint (best->weekday, ==, TUE);
  g_assert_cmpuint (best->hour, ==, 10);
  g_assert_cmpuint (best->n_posts, ==, 5);
  g_assert_cmpfloat_with_epsilon (best->index, 5.0, 1e-9);
  described = lineup_results_best_slot_describe (best);
  g_assert_cmpstr (described, ==, "Tue 10:00");
  best = &g_array_index (times->best, LineupResultsBestSlot, 1);
  g_assert_cmpuint (best->weekday, ==, THU);
  g_assert_cmpuint (best->hour, ==, 13);
  g_assert_cmpfloat_with_epsilon (best->index, 1.5, 1e-9);

  one = lineup_results_times_compute ((LineupResultsTimePoint *) points->data, points->len, NOW, 1);
  g_assert_cmpuint (one->best->len, ==, 1);
  g_assert_cmpuint (g_array_index (one->best, LineupResultsBestSlot, 0).hour, ==, 10);

  /* Four posts fewer on Tuesday: no slot has five behind it. */
  g_clear_pointer (&one, lineup_results_times_free);
  one = lineup_results_times_compute ((LineupResultsTimePoint *) points->data, 12 + 5 + 1 + 2, NOW, 3);
  g_assert_cmpuint (one->best->len, ==, 1);
  g_assert_cmpuint (g_array_index (one->best, LineupResultsBestSlot, 0).weekday, ==, THU);
}

/* Two networks of different sizes. Mastodon: P1 10, P2 10, P3 40 → usual
 * 10; LinkedIn: P1 100, P4 50, P5 50 → usual 50. P1 counts once: index
 * (10/10 + 100/50) / 2 = 1.5, engagement 110, alone on Wed 09:00. Thu
 * 10:00: P2 1, P3 4, P4 1, P5 1 → 4 posts, index 1.0, median engagement
 * (40 + 50) / 2 = 45. */
static void
test_networks (void)
{
  const LineupResultsTimePoint points[] = {
    { "P1", "mastodon", NOW - DAY, WED, 9, 10 }, { "P1", "linkedin", NOW - DAY, WED, 9, 100 },
    { "P2", "mastodon", NOW - DAY, THU, 10, 10 }, { "P3", "mastodon", NOW - DAY, THU, 10, 40 },
    { "P4", "linkedin", NOW - DAY, THU, 10, 50 }, { "P5", "linkedin", NOW - DAY, THU, 10, 50 },
  };
  g_autoptr(LineupResultsTimes) times = lineup_results_times_compute (points, G_N_ELEMENTS (points), NOW, 3);

  g_assert_cmpuint (times->n_posts, ==, 5);
  g_assert_cmpuint (times->cells[WED - 1][9].n_posts, ==, 1);
  g_assert_cmpfloat_with_epsilon (times->cells[WED - 1][9].median, 110.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (times->cells[WED - 1][9].index, 1.5, 1e-9);
  g_assert_cmpuint (times->cells[THU - 1][10].n_posts, ==, 4);
  g_assert_cmpfloat_with_epsilon (times->cells[THU - 1][10].median, 45.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (times->cells[THU - 1][10].index, 1.0, 1e-9);
  g_assert_cmpuint (times->best->len, ==, 0);
}

/* The date a best slot sets: the first of its weekday on or after the
 * date chosen (2026-12-08 is a Tuesday). */
static void
test_next_date (void)
{
  GDate from, out;
  LineupResultsBestSlot tue = { TUE, 9, 5, 2.0 }, mon = { MON, 9, 5, 2.0 }, wed = { WED, 9, 5, 2.0 };

  g_date_clear (&from, 1);
  g_date_set_dmy (&from, 8, 12, 2026);
  lineup_results_best_slot_next_date (&tue, &from, &out);
  g_assert_cmpuint (g_date_get_day (&out), ==, 8);
  lineup_results_best_slot_next_date (&wed, &from, &out);
  g_assert_cmpuint (g_date_get_day (&out), ==, 9);
  lineup_results_best_slot_next_date (&mon, &from, &out);
  g_assert_cmpuint (g_date_get_day (&out), ==, 14);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/results-times/one-network", test_one_network);
  g_test_add_func ("/results-times/networks", test_networks);
  g_test_add_func ("/results-times/next-date", test_next_date);
  return g_test_run ();
}
