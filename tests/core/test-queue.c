/* test-queue.c: the queue (lineup-store-queue.h): a post takes the next
 * free posting slot of its networks; full weeks roll to the next, other
 * networks' posts take nothing, a post in its slot stays, local times hold
 * across DST in Europe/Warsaw and America/New_York, slots just before and
 * after midnight, clear refusals, one undo step; and a backlog idea dropped
 * on a day takes that day's first free slot.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "lineup-core.h"
#include "lineup-test-util.h"
#include "lineup-store-private.h"   /* lineup_store_set_stage, to publish */

typedef struct {
  char *dir;
  LineupStore *store;
  gint64 pillar;
  gint64 type;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("lineup-queue-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "lineup.db", NULL);
  f->store = lineup_store_open (path, &error);
  g_assert_no_error (error);
  lineup_store_set_time_zone (f->store, data ? data : "Europe/Warsaw", &error);
  g_assert_no_error (error);
  f->pillar = lineup_pillar_get_id (lineup_store_add_pillar (f->store, "Product", "#3584e4", 40, &error));
  g_assert_no_error (error);
  f->type = lineup_content_type_get_id (lineup_store_find_content_type (f->store, "Educational"));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  lineup_test_remove_tree (f->dir);
  g_free (f->dir);
}

static GDate
day (int d, int m, int y)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  return date;
}

/* The instant of local "YYYY-MM-DD HH:MM" in the plan's zone. */
static gint64
at (Fixture    *f,
    const char *text)
{
  int y, m, d, hh, mm;
  GDate date;

  g_assert_cmpint (sscanf (text, "%d-%d-%d %d:%d", &y, &m, &d, &hh, &mm), ==, 5);
  date = day (d, m, y);
  return lineup_store_local_to_utc (f->store, &date, hh * 60 + mm);
}

static char *
local (Fixture *f,
       gint64   instant)
{
  GDate d;
  int minutes;

  lineup_store_utc_to_local (f->store, instant, &d, &minutes);
  return g_strdup_printf ("%04d-%02d-%02d %02d:%02d", g_date_get_year (&d), g_date_get_month (&d),
                          g_date_get_day (&d), minutes / 60, minutes % 60);
}

/* A post on the networks @platforms ("linkedin,x"; "" none) at local
 * @when ("YYYY-MM-DD HH:MM"; NULL: in the backlog). */
static char *
add_post (Fixture    *f,
          const char *title,
          const char *platforms,
          const char *when)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) post = lineup_post_new ();
  g_auto(GStrv) keys = g_strsplit (platforms, ",", -1);

  lineup_post_set_title (post, title);
  lineup_post_set_pillar_id (post, f->pillar);
  lineup_post_set_type_id (post, f->type);
  if (*platforms)
    lineup_post_set_platforms (post, (const char * const *) keys);
  if (when)
    lineup_post_set_scheduled_at (post, at (f, when));
  g_assert_true (lineup_store_add_post (f->store, post, &error));
  g_assert_no_error (error);
  return g_strdup (lineup_post_get_id (post));
}

static void
set_slots (Fixture    *f,
           const char *platform,
           const char *text)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  g_autoptr(GArray) slots = g_array_new (FALSE, FALSE, sizeof (LineupSlot));

  for (guint i = 0; words[i]; i++)
    {
      LineupSlot slot;

      g_assert_true (lineup_slot_parse (platform, words[i], &slot, &error));
      g_assert_no_error (error);
      g_array_append_val (slots, slot);
    }
  g_assert_true (lineup_store_set_slots (f->store, platform, (LineupSlot *) slots->data, slots->len, &error));
  g_assert_no_error (error);
}

/* Queues @id after local @now; returns where it went, local. */
static char *
queue (Fixture    *f,
       const char *id,
       const char *now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) post = NULL;
  LineupSlotTime slot;

  g_assert_true (lineup_store_queue_post (f->store, id, at (f, now), &slot, &error));
  g_assert_no_error (error);
  post = lineup_store_get_post (f->store, id, &error);
  g_assert_cmpint (lineup_post_get_scheduled_at (post), ==, slot.at);
  return local (f, slot.at);
}

static void
test_next_slot (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) post = NULL;
  g_autofree char *id = add_post (f, "Idea", "linkedin", NULL);
  g_autofree char *got = NULL;

  set_slots (f, "linkedin", "thu@12:30 tue@09:00");
  /* Monday 7 December 2026, noon: Tuesday's slot is next. */
  got = queue (f, id, "2026-12-07 12:00");
  g_assert_cmpstr (got, ==, "2026-12-08 09:00");
  g_assert_cmpstr (lineup_store_get_undo_label (f->store), ==, "Add “Idea” to the Queue");

  /* One undo step takes it back to the backlog. */
  g_assert_true (lineup_store_undo (f->store, &error));
  g_assert_no_error (error);
  post = lineup_store_get_post (f->store, id, &error);
  g_assert_false (lineup_post_is_dated (post));

  /* On Tuesday at 09:00 itself the slot is past: Thursday's. */
  g_free (got);
  got = queue (f, id, "2026-12-08 09:00");
  g_assert_cmpstr (got, ==, "2026-12-10 12:30");
}

/* Taken slots are skipped; five full weeks roll past the first look. */
static void
test_full_weeks_roll (Fixture       *f,
                      gconstpointer  data)
{
  const char *taken[] = { "2026-12-08", "2026-12-15", "2026-12-22", "2026-12-29", "2027-01-05", "2027-01-12" };
  g_autofree char *id = add_post (f, "Idea", "linkedin", NULL);
  g_autofree char *other = add_post (f, "On X", "x", "2027-01-19 09:00");
  g_autofree char *got = NULL;

  set_slots (f, "linkedin", "tue@09:00");
  for (guint i = 0; i < G_N_ELEMENTS (taken); i++)
    {
      g_autofree char *when = g_strdup_printf ("%s 09:00", taken[i]);
      g_autofree char *full = add_post (f, "Full", "linkedin,x", when);
    }
  /* The X post at the same time takes nothing of LinkedIn's. */
  got = queue (f, id, "2026-12-07 12:00");
  g_assert_cmpstr (got, ==, "2027-01-19 09:00");
}

/* A post in its slot stays (no step); one in a later slot moves up. */
static void
test_already_in_slot (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *later = add_post (f, "Later", "linkedin", "2026-12-10 12:30");
  g_autofree char *got = NULL;
  g_autofree char *again = NULL;
  g_autofree char *label = NULL;

  set_slots (f, "linkedin", "tue@09:00 thu@12:30");
  got = queue (f, later, "2026-12-07 12:00");
  g_assert_cmpstr (got, ==, "2026-12-08 09:00");
  label = g_strdup (lineup_store_get_undo_label (f->store));
  again = queue (f, later, "2026-12-07 12:00");
  g_assert_cmpstr (again, ==, "2026-12-08 09:00");
  g_assert_cmpstr (lineup_store_get_undo_label (f->store), ==, label);
}

/* The wall time holds across the change to winter time (25 October 2026)
 * and to summer time (28 March 2027) in Warsaw; a slot in the skipped hour
 * comes after it, on its day. */
static void
test_dst_warsaw (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *a = add_post (f, "A", "linkedin", NULL);
  g_autofree char *b = add_post (f, "B", "mastodon", NULL);
  g_autofree char *got = NULL;
  g_autofree char *gap = NULL;
  g_autoptr(LineupPost) post = NULL;

  set_slots (f, "linkedin", "mon@09:00");
  set_slots (f, "mastodon", "sun@02:30");
  got = queue (f, a, "2026-10-23 12:00");
  g_assert_cmpstr (got, ==, "2026-10-26 09:00");
  post = lineup_store_get_post (f->store, a, NULL);
  /* 09:00 CET is 08:00 UTC. */
  g_assert_cmpint (lineup_post_get_scheduled_at (post) % 86400, ==, 8 * 3600);
  g_clear_pointer (&got, g_free);
  got = queue (f, a, "2027-03-26 12:00");
  g_assert_cmpstr (got, ==, "2027-03-29 09:00");
  g_clear_object (&post);
  post = lineup_store_get_post (f->store, a, NULL);
  g_assert_cmpint (lineup_post_get_scheduled_at (post) % 86400, ==, 7 * 3600);

  gap = queue (f, b, "2027-03-27 12:00");
  g_assert_true (g_str_has_prefix (gap, "2027-03-28 03:"));
}

static void
test_dst_new_york (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *a = add_post (f, "A", "instagram", NULL);
  g_autofree char *got = NULL;
  g_autoptr(LineupPost) post = NULL;

  set_slots (f, "instagram", "wed@09:00");
  /* Clocks go back on 1 November 2026. */
  got = queue (f, a, "2026-10-30 12:00");
  g_assert_cmpstr (got, ==, "2026-11-04 09:00");
  post = lineup_store_get_post (f->store, a, NULL);
  g_assert_cmpint (lineup_post_get_scheduled_at (post) % 86400, ==, 14 * 3600);
  /* And forward on 14 March 2027. */
  g_clear_pointer (&got, g_free);
  got = queue (f, a, "2027-03-12 12:00");
  g_assert_cmpstr (got, ==, "2027-03-17 09:00");
  g_clear_object (&post);
  post = lineup_store_get_post (f->store, a, NULL);
  g_assert_cmpint (lineup_post_get_scheduled_at (post) % 86400, ==, 13 * 3600);
}

/* Slots either side of midnight, where the local day is not UTC's. */
static void
test_across_midnight (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *a = add_post (f, "A", "bluesky", NULL);
  g_autofree char *b = add_post (f, "B", "bluesky", NULL);
  g_autofree char *c = add_post (f, "C", "bluesky", NULL);
  g_autofree char *got_a = NULL;
  g_autofree char *got_b = NULL;
  g_autofree char *got_c = NULL;

  set_slots (f, "bluesky", "sat@23:45 sun@00:15");
  got_a = queue (f, a, "2026-12-12 23:00");
  g_assert_cmpstr (got_a, ==, "2026-12-12 23:45");
  got_b = queue (f, b, "2026-12-12 23:00");
  g_assert_cmpstr (got_b, ==, "2026-12-13 00:15");
  /* Both taken: the next week's Saturday. */
  got_c = queue (f, c, "2026-12-12 23:50");
  g_assert_cmpstr (got_c, ==, "2026-12-19 23:45");
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *none = add_post (f, "Nowhere", "", NULL);
  g_autofree char *bare = add_post (f, "Bare", "tiktok,x", NULL);
  g_autofree char *gone = add_post (f, "Gone", "linkedin", "2026-12-01 10:00");
  LineupSlotTime slot;

  g_assert_false (lineup_store_queue_post (f->store, none, at (f, "2026-12-07 12:00"), &slot, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "has no networks"));
  g_clear_error (&error);

  g_assert_false (lineup_store_queue_post (f->store, bare, at (f, "2026-12-07 12:00"), &slot, &error));
  g_assert_nonnull (strstr (error->message, "no posting slots"));
  g_assert_nonnull (strstr (error->message, "lineup slots set"));
  g_clear_error (&error);

  set_slots (f, "linkedin", "tue@09:00");
  g_assert_true (lineup_store_set_stage (f->store, gone, LINEUP_STAGE_PUBLISHED, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (lineup_store_queue_post (f->store, gone, at (f, "2026-12-07 12:00"), &slot, &error));
  g_assert_nonnull (strstr (error->message, "published"));
  g_clear_error (&error);
}

/* A backlog idea dropped on a day takes its first free slot; a day
 * without one, or a dated post, keeps the old rule. */
static void
test_backlog_drop (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *idea = add_post (f, "Idea", "linkedin", NULL);
  g_autofree char *other = add_post (f, "Other", "linkedin", NULL);
  g_autofree char *busy = add_post (f, "Busy", "linkedin", "2026-12-10 08:00");
  g_autofree char *placed = NULL;
  g_autoptr(LineupPost) post = NULL;
  GDate thursday = day (10, 12, 2026), wednesday = day (9, 12, 2026);

  set_slots (f, "linkedin", "thu@08:00 thu@12:30");
  placed = lineup_store_place_post (f->store, idea, &thursday, -1, FALSE, &error);
  g_assert_no_error (error);
  post = lineup_store_get_post (f->store, idea, NULL);
  {
    g_autofree char *got = local (f, lineup_post_get_scheduled_at (post));

    g_assert_cmpstr (got, ==, "2026-12-10 12:30");
  }
  g_clear_pointer (&placed, g_free);
  g_clear_object (&post);

  placed = lineup_store_place_post (f->store, other, &wednesday, -1, FALSE, &error);
  g_assert_no_error (error);
  post = lineup_store_get_post (f->store, other, NULL);
  g_assert_cmpint (lineup_store_first_free_minutes (f->store, post, &wednesday), ==, -1);
  {
    g_autofree char *got = local (f, lineup_post_get_scheduled_at (post));
    g_autofree char *want = g_strdup_printf ("2026-12-09 %02d:%02d", lineup_store_get_default_time (f->store) / 60,
                                             lineup_store_get_default_time (f->store) % 60);

    g_assert_cmpstr (got, ==, want);
  }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, zone) g_test_add (path, Fixture, zone, fixture_set_up, func, fixture_tear_down)
  ADD ("/queue/next-slot", test_next_slot, NULL);
  ADD ("/queue/full-weeks-roll", test_full_weeks_roll, NULL);
  ADD ("/queue/already-in-slot", test_already_in_slot, NULL);
  ADD ("/queue/dst-warsaw", test_dst_warsaw, "Europe/Warsaw");
  ADD ("/queue/dst-new-york", test_dst_new_york, "America/New_York");
  ADD ("/queue/across-midnight", test_across_midnight, "America/New_York");
  ADD ("/queue/refusals", test_refusals, NULL);
  ADD ("/queue/backlog-drop", test_backlog_drop, NULL);
#undef ADD
  return g_test_run ();
}
