/* test-place.c: lineup_store_place_post, what a drop on the calendar does:
 * a move to a day, to a day and an hour, a copy, a refused move, and one
 * undo step each time. Headless; not the drag itself (tests/ui).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "lineup-core.h"
#include "lineup-test-util.h"
#include "lineup-store-private.h"   /* lineup_store_set_stage, to publish */

typedef struct {
  char *dir;
  LineupStore *store;
  char *id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) post = lineup_post_new ();
  g_autofree char *path = NULL;
  LineupPillar *pillar;
  GDate day;

  f->dir = g_dir_make_tmp ("lineup-test-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "plan", "lineup.db", NULL);
  f->store = lineup_store_open (path, &error);
  g_assert_no_error (error);
  lineup_store_set_time_zone (f->store, "Europe/Warsaw", &error);
  g_assert_no_error (error);
  pillar = lineup_store_add_pillar (f->store, "Product education", "#3584e4", 40, &error);
  g_assert_no_error (error);

  /* "Launch teaser" on Thursday 10 December 2026 at 09:30. */
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 10, 12, 2026);
  lineup_post_set_title (post, "Launch teaser");
  lineup_post_set_pillar_id (post, lineup_pillar_get_id (pillar));
  lineup_post_set_type_id (post, lineup_content_type_get_id (lineup_store_find_content_type (f->store, "Educational")));
  lineup_post_set_scheduled_at (post, lineup_store_local_to_utc (f->store, &day, 9 * 60 + 30));
  g_assert_true (lineup_store_add_post (f->store, post, &error));
  g_assert_no_error (error);
  f->id = g_strdup (lineup_post_get_id (post));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  lineup_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->id);
}

/* "YYYY-MM-DD HH:MM" of post @id in the plan's zone. */
static char *
when (Fixture    *f,
      const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) post = lineup_store_get_post (f->store, id, &error);
  GDate d;
  int minutes;

  g_assert_no_error (error);
  lineup_store_utc_to_local (f->store, lineup_post_get_scheduled_at (post), &d, &minutes);
  return g_strdup_printf ("%04d-%02d-%02d %02d:%02d", g_date_get_year (&d), g_date_get_month (&d),
                          g_date_get_day (&d), minutes / 60, minutes % 60);
}

static GDate
december (int day)
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_dmy (&d, day, 12, 2026);
  return d;
}

static void
undo (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lineup_store_undo (f->store, &error));
  g_assert_no_error (error);
}

static void
test_move (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GDate day = december (14);
  g_autofree char *placed = lineup_store_place_post (f->store, f->id, &day, -1, FALSE, &error);
  g_autofree char *moved = NULL, *back = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (placed, ==, f->id);
  moved = when (f, f->id);
  g_assert_cmpstr (moved, ==, "2026-12-14 09:30");
  g_assert_cmpstr (lineup_store_get_undo_label (f->store), ==, "Move “Launch teaser”");
  g_assert_cmpuint (lineup_store_count_posts (f->store), ==, 1);
  undo (f);
  back = when (f, f->id);
  g_assert_cmpstr (back, ==, "2026-12-10 09:30");
}

static void
test_move_hour (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GDate day = december (15);
  g_autofree char *placed = lineup_store_place_post (f->store, f->id, &day, 14, FALSE, &error);
  g_autofree char *moved = NULL, *back = NULL;
  g_autoptr(LineupPost) post = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (placed, ==, f->id);
  /* The hour is the drop's, the minutes the post's. */
  moved = when (f, f->id);
  g_assert_cmpstr (moved, ==, "2026-12-15 14:30");
  g_assert_cmpstr (lineup_store_get_undo_label (f->store), ==, "Move “Launch teaser”");
  post = lineup_store_get_post (f->store, f->id, &error);
  g_assert_cmpint (lineup_store_place_minutes (f->store, post, 8), ==, 8 * 60 + 30);
  g_assert_cmpint (lineup_store_place_minutes (f->store, post, -1), ==, 14 * 60 + 30);
  /* One drop, one undo step. */
  undo (f);
  back = when (f, f->id);
  g_assert_cmpstr (back, ==, "2026-12-10 09:30");
  g_assert_false (lineup_store_can_undo (f->store) &&
                  g_strcmp0 (lineup_store_get_undo_label (f->store), "Move “Launch teaser”") == 0);
}

static void
test_copy (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GDate day = december (16);
  g_autofree char *placed = lineup_store_place_post (f->store, f->id, &day, 11, TRUE, &error);
  g_autofree char *copied = NULL, *original = NULL;
  g_autoptr(LineupPost) copy = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (placed);
  g_assert_cmpstr (placed, !=, f->id);
  copied = when (f, placed);
  g_assert_cmpstr (copied, ==, "2026-12-16 11:30");
  original = when (f, f->id);
  g_assert_cmpstr (original, ==, "2026-12-10 09:30");
  copy = lineup_store_get_post (f->store, placed, &error);
  g_assert_cmpint (lineup_post_get_stage (copy), ==, LINEUP_STAGE_DRAFT);
  g_assert_cmpuint (lineup_store_count_posts (f->store), ==, 2);
  g_assert_cmpstr (lineup_store_get_undo_label (f->store), ==, "Duplicate “Launch teaser”");

  /* One undo removes the copy, placed and all. */
  undo (f);
  g_assert_cmpuint (lineup_store_count_posts (f->store), ==, 1);

  /* A whole-day copy keeps the time of day. */
  g_clear_pointer (&placed, g_free);
  g_clear_pointer (&copied, g_free);
  placed = lineup_store_place_post (f->store, f->id, &day, -1, TRUE, &error);
  g_assert_no_error (error);
  copied = when (f, placed);
  g_assert_cmpstr (copied, ==, "2026-12-16 09:30");
  undo (f);
  g_assert_cmpuint (lineup_store_count_posts (f->store), ==, 1);
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GDate day = december (17);
  g_autofree char *placed = NULL, *still = NULL;
  g_autofree char *label = NULL;

  g_assert_true (lineup_store_set_stage (f->store, f->id, LINEUP_STAGE_PUBLISHED, NULL, NULL, &error));
  g_assert_no_error (error);
  label = g_strdup (lineup_store_get_undo_label (f->store));

  for (int hour = -1; hour <= 10; hour += 11)
    {
      placed = lineup_store_place_post (f->store, f->id, &day, hour, FALSE, &error);
      g_assert_null (placed);
      g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "published"));
      g_clear_error (&error);
      /* Nothing changed, and no undo step was added. */
      g_clear_pointer (&still, g_free);
      still = when (f, f->id);
      g_assert_cmpstr (still, ==, "2026-12-10 09:30");
      g_assert_cmpstr (lineup_store_get_undo_label (f->store), ==, label);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/place/move", test_move);
  ADD ("/place/move-hour", test_move_hour);
  ADD ("/place/copy", test_copy);
  ADD ("/place/refused", test_refused);
#undef ADD

  return g_test_run ();
}
