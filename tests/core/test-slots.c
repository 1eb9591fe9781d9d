/* test-slots.c: posting slots: parsing and writing one, their instants
 * across DST changes (Europe/Warsaw, America/New_York) and midnight, the
 * store keeping them per network as one undo step, and the free slots and
 * open times no post has taken.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

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

  f->dir = g_dir_make_tmp ("lineup-slots-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "lineup.db", NULL);
  f->store = lineup_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (lineup_store_set_time_zone (f->store, "Europe/Warsaw", &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  lineup_test_remove_tree (f->dir);
  g_free (f->dir);
}

static LineupSlot
slot (const char *platform,
      const char *text)
{
  g_autoptr(GError) error = NULL;
  LineupSlot s = { 0 };

  g_assert_true (lineup_slot_parse (platform, text, &s, &error));
  g_assert_no_error (error);
  return s;
}

static char *
local_string (gint64      at,
              const char *zone_id)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (zone_id);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);

  return g_date_time_format (local, "%Y-%m-%d %H:%M %z");
}

static void
test_parse (void)
{
  struct { const char *text; int weekday; int minutes; } good[] = {
    { "tue@09:00", 2, 540 }, { "Tuesday@9:00", 2, 540 }, { " SUN@23:59 ", 7, 1439 }, { "mon@00:00", 1, 0 },
  };
  const char *bad[] = { "", "tue", "tue@", "@09:00", "tues@09:00", "tue@24:00", "tue@9:60", "tue@09:00:00",
                        "tue@0900", "tue@ 09:00", "tue@-1:00", "tue@9", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      LineupSlot s = slot ("LinkedIn", good[i].text);
      g_autofree char *back = lineup_slot_to_string (&s);

      g_assert_cmpstr (s.platform, ==, "linkedin");
      g_assert_cmpint (s.weekday, ==, good[i].weekday);
      g_assert_cmpint (s.minutes, ==, good[i].minutes);
      g_assert_true (g_str_has_suffix (back, good[i].minutes == 540 ? "@09:00" : back + 3));
    }
  for (guint i = 0; bad[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      LineupSlot s;

      g_assert_false (lineup_slot_parse ("linkedin", bad[i], &s, &error));
      g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "tue@09:00") ? error->message : strstr (error->message, "HH:MM") ? error->message : strstr (error->message, "mon, tue"));
    }
  {
    g_autoptr(GError) error = NULL;
    LineupSlot s;

    g_assert_false (lineup_slot_parse ("myspace", "tue@09:00", &s, &error));
    g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "linkedin"));
  }
  {
    LineupSlot s = slot ("x", "thu@12:30");
    g_autofree char *text = lineup_slot_to_string (&s);
    g_autofree char *shown = lineup_slot_describe (&s);

    g_assert_cmpstr (text, ==, "thu@12:30");
    g_assert_cmpstr (shown, ==, "Thu 12:30");
  }
}

static void
test_sort (void)
{
  g_autoptr(GArray) slots = g_array_new (FALSE, FALSE, sizeof (LineupSlot));
  LineupSlot in[] = { slot ("x", "mon@10:00"), slot ("mastodon", "fri@08:00"), slot ("x", "mon@09:00"),
                      slot ("mastodon", "fri@08:00"), slot ("x", "sun@01:00") };

  g_array_append_vals (slots, in, G_N_ELEMENTS (in));
  lineup_slots_sort (slots);
  g_assert_cmpuint (slots->len, ==, 4);   /* the repeat is gone */
  /* the table's order of networks first */
  g_assert_cmpstr (g_array_index (slots, LineupSlot, 0).platform, !=, g_array_index (slots, LineupSlot, 3).platform);
  for (guint i = 1; i < slots->len; i++)
    {
      const LineupSlot *a = &g_array_index (slots, LineupSlot, i - 1), *b = &g_array_index (slots, LineupSlot, i);

      if (a->platform == b->platform)
        g_assert_true (a->weekday < b->weekday || (a->weekday == b->weekday && a->minutes < b->minutes));
    }
}

/* Wall time is kept across both DST changes, in both zones; a time in the
 * skipped hour comes when the hour ends, the repeated one counts once (GLib's second
 * instant, as the rest of the plan places it). */
static void
test_times_dst (void)
{
  struct {
    const char *zone;
    const char *slot;
    int y, m, d;      /* first day; seven days are expanded */
    const char *expected[3];
  } cases[] = {
    /* Warsaw springs forward on Sunday 2026-03-29 at 02:00 → 03:00. */
    { "Europe/Warsaw", "sun@09:00", 2026, 3, 23, { "2026-03-29 09:00 +0200" } },
    { "Europe/Warsaw", "sat@09:00", 2026, 3, 23, { "2026-03-28 09:00 +0100" } },
    { "Europe/Warsaw", "sun@02:30", 2026, 3, 23, { "2026-03-29 03:00 +0200" } },
    /* and falls back on Sunday 2026-10-25 at 03:00 → 02:00. */
    { "Europe/Warsaw", "sun@02:30", 2026, 10, 19, { "2026-10-25 02:30 +0100" } },
    { "Europe/Warsaw", "mon@09:00", 2026, 10, 19, { "2026-10-19 09:00 +0200", "2026-10-26 09:00 +0100" } },
    /* New York: 2026-03-08 and 2026-11-01. */
    { "America/New_York", "sun@12:00", 2026, 3, 2, { "2026-03-08 12:00 -0400" } },
    { "America/New_York", "sat@12:00", 2026, 3, 2, { "2026-03-07 12:00 -0500" } },
    { "America/New_York", "sun@02:15", 2026, 3, 2, { "2026-03-08 03:00 -0400" } },
    { "America/New_York", "sun@23:30", 2026, 10, 26, { "2026-11-01 23:30 -0500" } },
    /* a slot just after midnight belongs to its own day */
    { "America/New_York", "mon@00:15", 2026, 10, 26, { "2026-10-26 00:15 -0400", "2026-11-02 00:15 -0500" } },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (cases[c].zone);
      g_autoptr(GArray) times = NULL;
      LineupSlot s = slot ("mastodon", cases[c].slot);
      GDate first, last;
      guint n = 0;

      g_date_set_dmy (&first, cases[c].d, cases[c].m, cases[c].y);
      last = first;
      g_date_add_days (&last, cases[c].expected[1] ? 7 : 6);
      times = lineup_slots_times (&s, 1, NULL, &first, &last, zone);
      while (n < G_N_ELEMENTS (cases[c].expected) && cases[c].expected[n])
        n++;
      g_assert_cmpuint (times->len, ==, n);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *got = local_string (g_array_index (times, LineupSlotTime, i).at, cases[c].zone);

          g_assert_cmpstr (got, ==, cases[c].expected[i]);
        }
    }
}

static void
test_times_order (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/Warsaw");
  LineupSlot slots[] = { slot ("x", "tue@12:30"), slot ("linkedin", "tue@09:00"), slot ("mastodon", "tue@09:00"),
                         slot ("linkedin", "thu@12:30") };
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) linkedin = NULL;
  GDate first, last;

  g_date_set_dmy (&first, 1, 12, 2026);   /* a Tuesday */
  g_date_set_dmy (&last, 14, 12, 2026);
  all = lineup_slots_times (slots, G_N_ELEMENTS (slots), NULL, &first, &last, zone);
  g_assert_cmpuint (all->len, ==, 8);
  for (guint i = 1; i < all->len; i++)
    g_assert_cmpint (g_array_index (all, LineupSlotTime, i - 1).at, <=, g_array_index (all, LineupSlotTime, i).at);
  linkedin = lineup_slots_times (slots, G_N_ELEMENTS (slots), "linkedin", &first, &last, zone);
  g_assert_cmpuint (linkedin->len, ==, 4);
  for (guint i = 0; i < linkedin->len; i++)
    g_assert_cmpstr (g_array_index (linkedin, LineupSlotTime, i).platform, ==, "linkedin");
}

static void
count_signal (guint *count)
{
  (*count)++;
}

static guint
n_slots (LineupStore *store,
         const char  *platform)
{
  g_autoptr(GArray) slots = lineup_store_get_slots (store, platform);

  return slots->len;
}

static void
test_store_set (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LineupSlot linkedin[] = { slot ("linkedin", "thu@12:30"), slot ("linkedin", "tue@09:00"), slot ("linkedin", "tue@09:00") };
  LineupSlot mastodon[] = { slot ("mastodon", "mon@08:00") };
  guint changed = 0;

  g_signal_connect_swapped (f->store, "plan-changed", G_CALLBACK (count_signal), &changed);
  g_assert_true (lineup_store_set_slots (f->store, "LinkedIn", linkedin, G_N_ELEMENTS (linkedin), &error));
  g_assert_no_error (error);
  g_assert_true (lineup_store_set_slots (f->store, "mastodon", mastodon, 1, &error));
  g_assert_cmpuint (changed, ==, 2);
  g_assert_cmpuint (n_slots (f->store, NULL), ==, 3);
  g_assert_cmpuint (n_slots (f->store, "linkedin"), ==, 2);
  {
    g_autoptr(GArray) got = lineup_store_get_slots (f->store, "linkedin");
    g_autofree char *first = lineup_slot_to_string (&g_array_index (got, LineupSlot, 0));

    g_assert_cmpstr (first, ==, "tue@09:00");
  }
  /* The same again is no change and no undo step. */
  g_assert_true (lineup_store_set_slots (f->store, "linkedin", linkedin, 2, &error));
  g_assert_cmpuint (changed, ==, 2);
  g_assert_cmpstr (lineup_store_get_undo_label (f->store), ==, "Set Mastodon slots");

  /* Clearing one network leaves the other; undo brings them back. */
  g_assert_true (lineup_store_set_slots (f->store, "linkedin", NULL, 0, &error));
  g_assert_cmpuint (n_slots (f->store, "linkedin"), ==, 0);
  g_assert_cmpuint (n_slots (f->store, "mastodon"), ==, 1);
  g_assert_true (lineup_store_undo (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_slots (f->store, "linkedin"), ==, 2);
  g_assert_true (lineup_store_redo (f->store, &error));
  g_assert_cmpuint (n_slots (f->store, "linkedin"), ==, 0);
  g_assert_true (lineup_store_undo (f->store, &error));
  g_assert_true (lineup_store_undo (f->store, &error));
  g_assert_cmpuint (n_slots (f->store, "mastodon"), ==, 0);
  g_assert_cmpuint (n_slots (f->store, "linkedin"), ==, 2);

  /* Refusals leave the plan as it was. */
  g_assert_false (lineup_store_set_slots (f->store, "myspace", mastodon, 1, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  {
    LineupSlot wrong = { "linkedin", 8, 0 };

    g_assert_false (lineup_store_set_slots (f->store, "linkedin", &wrong, 1, &error));
    g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }
  g_assert_cmpuint (n_slots (f->store, NULL), ==, 2);
}

static void
add_post (Fixture    *f,
          const char *platform,
          gint64      at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) post = lineup_post_new ();
  const char *platforms[] = { platform, NULL };
  LineupPillar *pillar = lineup_store_find_pillar (f->store, "Proof");   /* borrowed */
  g_autoptr(LineupContentType) type = g_list_model_get_item (lineup_store_get_content_types (f->store), 0);

  if (pillar == NULL)
    pillar = lineup_store_add_pillar (f->store, "Proof", "#3584e4", 40, NULL);
  lineup_post_set_title (post, "Taken");
  lineup_post_set_pillar_id (post, lineup_pillar_get_id (pillar));
  lineup_post_set_type_id (post, lineup_content_type_get_id (type));
  lineup_post_set_platforms (post, platforms);
  lineup_post_set_scheduled_at (post, at);
  g_assert_true (lineup_store_add_post (f->store, post, &error));
  g_assert_no_error (error);
}

static gint64
local (Fixture *f,
       int      y,
       int      m,
       int      d,
       int      minutes)
{
  GDate date;

  g_date_set_dmy (&date, d, m, y);
  return lineup_store_local_to_utc (f->store, &date, minutes);
}

static void
test_store_free (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LineupSlot linkedin[] = { slot ("linkedin", "tue@09:00"), slot ("linkedin", "thu@12:30") };
  const char *only_linkedin[] = { "linkedin", NULL };
  const char *linkedin_and_x[] = { "linkedin", "x", NULL };
  g_autoptr(GArray) free_slots = NULL;
  g_autoptr(GArray) open = NULL;
  GDate first, last;

  g_assert_true (lineup_store_set_slots (f->store, "linkedin", linkedin, 2, &error));
  g_date_set_dmy (&first, 7, 12, 2026);   /* Monday */
  g_date_set_dmy (&last, 13, 12, 2026);
  /* The Tuesday slot is taken by a LinkedIn post; a Mastodon post at the
   * Thursday slot's time does not take LinkedIn's. */
  add_post (f, "linkedin", local (f, 2026, 12, 8, 9 * 60));
  add_post (f, "mastodon", local (f, 2026, 12, 10, 12 * 60 + 30));
  free_slots = lineup_store_get_free_slots (f->store, only_linkedin, &first, &last, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (free_slots->len, ==, 1);
  g_assert_cmpint (g_array_index (free_slots, LineupSlotTime, 0).at, ==, local (f, 2026, 12, 10, 12 * 60 + 30));

  /* X has no slots: its open times are the weekdays at the default time
   * without an X post; a post on Wednesday takes Wednesday. */
  g_assert_true (lineup_store_set_default_time (f->store, 10 * 60, &error));
  add_post (f, "x", local (f, 2026, 12, 9, 17 * 60));
  open = lineup_store_get_open_times (f->store, linkedin_and_x, &first, &last, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 1 + 4);
  for (guint i = 0; i < open->len; i++)
    {
      const LineupSlotTime *t = &g_array_index (open, LineupSlotTime, i);

      if (i > 0)
        g_assert_cmpint (g_array_index (open, LineupSlotTime, i - 1).at, <=, t->at);
      if (g_str_equal (t->platform, "x"))
        g_assert_cmpint (t->at, !=, local (f, 2026, 12, 9, 10 * 60));
    }
  g_assert_cmpint (g_array_index (open, LineupSlotTime, 0).at, ==, local (f, 2026, 12, 7, 10 * 60));

  /* A backwards range is refused with a reason. */
  g_clear_pointer (&open, g_array_unref);
  open = lineup_store_get_open_times (f->store, linkedin_and_x, &last, &first, &error);
  g_assert_null (open);
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
}

/* A plan from before slots opens with none, and a plan with slots reopens
 * with them. */
static void
test_store_reopen (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "lineup.db", NULL);
  LineupSlot s = slot ("bluesky", "sat@18:45");

  g_assert_cmpuint (n_slots (f->store, NULL), ==, 0);
  g_assert_true (lineup_store_set_slots (f->store, "bluesky", &s, 1, &error));
  g_clear_object (&f->store);
  f->store = lineup_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_slots (f->store, "bluesky"), ==, 1);
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/slots/parse", test_parse);
  g_test_add_func ("/slots/sort", test_sort);
  g_test_add_func ("/slots/times-dst", test_times_dst);
  g_test_add_func ("/slots/times-order", test_times_order);
  g_test_add ("/slots/store-set", Fixture, NULL, fixture_set_up, test_store_set, fixture_tear_down);
  g_test_add ("/slots/store-free", Fixture, NULL, fixture_set_up, test_store_free, fixture_tear_down);
  g_test_add ("/slots/store-reopen", Fixture, NULL, fixture_set_up, test_store_reopen, fixture_tear_down);
  return g_test_run ();
}
