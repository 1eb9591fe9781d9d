/* test-filter.c: the views' filter by owner ("Mine") and the board's scope
 * (a week, a month, all; newest first, posts with no date in every scope).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "lineup-core.h"
#include "lineup-test-util.h"

typedef struct {
  char *dir;
  LineupStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("lineup-filter-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "lineup.db", NULL);
  f->store = lineup_plan_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (lineup_store_set_time_zone (f->store, "Europe/Warsaw", &error));
  lineup_store_set_actor (f->store, "Ana Kowalska");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  lineup_test_remove_tree (f->dir);
  g_free (f->dir);
}

static LineupPost *
make_post (Fixture    *f,
           const char *title,
           int         year,
           int         month,
           int         day,
           const char *owner)
{
  LineupPost *post = lineup_post_new ();

  lineup_post_set_title (post, title);
  if (year)
    {
      g_autoptr(GDate) date = g_date_new_dmy (day, month, year);
      lineup_post_set_scheduled_at (post, lineup_store_local_to_utc (f->store, date, 9 * 60));
    }
  if (owner)
    lineup_post_set_brief (post, LINEUP_BRIEF_OWNER, owner);
  return post;
}

/* "Mine" is the store's actor, whatever its case and spaces; it follows a
 * new name; other owners and posts with no owner are not mine. */
static void
test_owner_mine (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(LineupFilter) filter = lineup_filter_new (f->store);
  g_autoptr(LineupPost) mine = make_post (f, "Mine", 2027, 1, 5, " ana kowalska ");
  g_autoptr(LineupPost) other = make_post (f, "Ben's", 2027, 1, 5, "Ben");
  g_autoptr(LineupPost) nobody = make_post (f, "Nobody's", 2027, 1, 5, NULL);

  lineup_filter_set (filter, LINEUP_FILTER_OWNER, LINEUP_FILTER_OWNER_ME, TRUE);
  g_assert_false (lineup_filter_is_empty (filter));
  g_assert_true (lineup_filter_matches (filter, mine));
  g_assert_false (lineup_filter_matches (filter, other));
  g_assert_false (lineup_filter_matches (filter, nobody));

  lineup_store_set_actor (f->store, "Ben");
  g_assert_false (lineup_filter_matches (filter, mine));
  g_assert_true (lineup_filter_matches (filter, other));

  /* A named owner, beside "me": either one. */
  lineup_filter_set (filter, LINEUP_FILTER_OWNER, "Ana Kowalska", TRUE);
  g_assert_true (lineup_filter_matches (filter, mine));
  g_assert_true (lineup_filter_matches (filter, other));
  g_assert_false (lineup_filter_matches (filter, nobody));

  g_assert_true (lineup_filter_owner_is (f->store, other, "me"));
  g_assert_true (lineup_filter_owner_is (f->store, mine, "ANA KOWALSKA"));
  g_assert_false (lineup_filter_owner_is (f->store, nobody, ""));
  g_assert_cmpstr (lineup_filter_dimension_key (LINEUP_FILTER_OWNER), ==, "filter-owners");

  lineup_filter_clear (filter);
  g_assert_true (lineup_filter_matches (filter, nobody));
}

static gboolean
in_scope (Fixture     *f,
          LineupScope  scope,
          GDate       *day,
          int          week_start,
          LineupPost  *post)
{
  gint64 from, to;

  lineup_scope_get_range (f->store, scope, day, week_start, &from, &to);
  return lineup_scope_contains (post, from, to);
}

/* Wednesday 13 January 2027: its week (from Monday 11, or Sunday 10) and
 * its month, whole local days in the plan's zone; undated posts are in
 * every scope. */
static void
test_scope_ranges (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDate) day = g_date_new_dmy (13, 1, 2027);
  g_autoptr(LineupPost) sunday = make_post (f, "Sunday", 2027, 1, 10, NULL);
  g_autoptr(LineupPost) monday = make_post (f, "Monday", 2027, 1, 11, NULL);
  g_autoptr(LineupPost) next_sunday = make_post (f, "Next Sunday", 2027, 1, 17, NULL);
  g_autoptr(LineupPost) next_monday = make_post (f, "Next Monday", 2027, 1, 18, NULL);
  g_autoptr(LineupPost) last_day = make_post (f, "Last day", 2027, 1, 31, NULL);
  g_autoptr(LineupPost) february = make_post (f, "February", 2027, 2, 1, NULL);
  g_autoptr(LineupPost) december = make_post (f, "December", 2026, 12, 31, NULL);
  g_autoptr(LineupPost) undated = make_post (f, "Idea", 0, 0, 0, NULL);
  LineupScope scope;
  gint64 from, to;

  g_assert_false (in_scope (f, LINEUP_SCOPE_WEEK, day, 1, sunday));
  g_assert_true (in_scope (f, LINEUP_SCOPE_WEEK, day, 1, monday));
  g_assert_true (in_scope (f, LINEUP_SCOPE_WEEK, day, 1, next_sunday));
  g_assert_false (in_scope (f, LINEUP_SCOPE_WEEK, day, 1, next_monday));
  g_assert_true (in_scope (f, LINEUP_SCOPE_WEEK, day, 0, sunday));
  g_assert_false (in_scope (f, LINEUP_SCOPE_WEEK, day, 0, next_sunday));
  g_assert_true (in_scope (f, LINEUP_SCOPE_WEEK, day, 1, undated));

  g_assert_true (in_scope (f, LINEUP_SCOPE_MONTH, day, 1, last_day));
  g_assert_true (in_scope (f, LINEUP_SCOPE_MONTH, day, 1, sunday));
  g_assert_false (in_scope (f, LINEUP_SCOPE_MONTH, day, 1, february));
  g_assert_false (in_scope (f, LINEUP_SCOPE_MONTH, day, 1, december));
  g_assert_true (in_scope (f, LINEUP_SCOPE_MONTH, day, 1, undated));

  g_assert_false (lineup_scope_get_range (f->store, LINEUP_SCOPE_ALL, day, 1, &from, &to));
  g_assert_true (lineup_scope_contains (december, from, to));
  g_assert_true (lineup_scope_contains (february, from, to));

  g_assert_true (lineup_scope_from_string ("Week", &scope));
  g_assert_cmpint (scope, ==, LINEUP_SCOPE_WEEK);
  g_assert_true (lineup_scope_from_string ("all", &scope));
  g_assert_cmpstr (lineup_scope_to_key (scope), ==, "all");
  g_assert_false (lineup_scope_from_string ("year", &scope));
}

static int
compare_ptrs (gconstpointer a,
              gconstpointer b)
{
  return lineup_post_compare_newest_first (*(LineupPost **) a, *(LineupPost **) b, NULL);
}

/* Newest work first, posts with no date last. */
static void
test_newest_first (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) posts = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (posts, make_post (f, "Old", 2026, 3, 1, NULL));
  g_ptr_array_add (posts, make_post (f, "Idea", 0, 0, 0, NULL));
  g_ptr_array_add (posts, make_post (f, "New", 2027, 2, 1, NULL));
  g_ptr_array_add (posts, make_post (f, "Middle", 2026, 9, 1, NULL));
  g_ptr_array_add (posts, make_post (f, "Another idea", 0, 0, 0, NULL));
  g_ptr_array_sort (posts, compare_ptrs);
  g_assert_cmpstr (lineup_post_get_title (posts->pdata[0]), ==, "New");
  g_assert_cmpstr (lineup_post_get_title (posts->pdata[1]), ==, "Middle");
  g_assert_cmpstr (lineup_post_get_title (posts->pdata[2]), ==, "Old");
  g_assert_cmpstr (lineup_post_get_title (posts->pdata[3]), ==, "Another idea");
  g_assert_cmpstr (lineup_post_get_title (posts->pdata[4]), ==, "Idea");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/filter/owner-mine", Fixture, NULL, fixture_set_up, test_owner_mine, fixture_tear_down);
  g_test_add ("/filter/scope-ranges", Fixture, NULL, fixture_set_up, test_scope_ranges, fixture_tear_down);
  g_test_add ("/filter/newest-first", Fixture, NULL, fixture_set_up, test_newest_first, fixture_tear_down);
  return g_test_run ();
}
