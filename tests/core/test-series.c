/* test-series.c: recurring series. The rule's occurrences against
 * python-dateutil's rrule (series-reference.txt, written by
 * series-reference.py), DST in Europe/Warsaw and America/New_York
 * included; the rule's text and words; and in a plan: repeating a post
 * makes deterministic occurrences over the horizon in one undo step, a
 * moved or deleted occurrence stays an exception when the horizon rolls,
 * "this and following" and "this one" edits, and stopping.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "lineup-core.h"
#include "lineup-test-util.h"

/* ---- the rule against dateutil ---- */

static char *
utc_text (GTimeZone   *zone,
          const GDate *date,
          int          minutes)
{
  g_autoptr(GDateTime) local = g_date_time_new (zone, g_date_get_year (date), g_date_get_month (date),
                                                g_date_get_day (date), minutes / 60, minutes % 60, 0);
  g_autoptr(GDateTime) utc = g_date_time_to_utc (local);

  return g_date_time_format (utc, "%Y%m%dT%H%M%SZ");
}

static void
test_reference (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("LINEUP_SOURCE_ROOT"), "tests", "core",
                                            "series-reference.txt", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint cases = 0;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) parts = NULL;
      g_autoptr(GTimeZone) zone = NULL;
      g_autoptr(GArray) dates = NULL;
      g_autoptr(GString) got = g_string_new (NULL);
      g_autofree char *again = NULL;
      LineupSeriesRule rule, reread;
      GDate from, to;

      if (*lines[i] == '\0')
        continue;
      parts = g_strsplit (lines[i], "|", -1);
      g_assert_cmpuint (g_strv_length (parts), ==, 5);
      zone = g_time_zone_new_identifier (parts[0]);
      g_assert_nonnull (zone);
      g_assert_true (lineup_series_rule_parse (parts[1], &rule, &error));
      g_assert_no_error (error);
      /* The text reads back as it was written. */
      again = lineup_series_rule_to_string (&rule);
      g_assert_cmpstr (again, ==, parts[1]);
      g_assert_true (lineup_series_rule_parse (again, &reread, &error));
      g_assert_true (lineup_parse_date (parts[2], &from));
      g_assert_true (lineup_parse_date (parts[3], &to));
      dates = lineup_series_rule_expand (&rule, &from, &to);
      for (guint d = 0; d < dates->len; d++)
        {
          g_autofree char *utc = utc_text (zone, &g_array_index (dates, GDate, d), rule.minutes);

          g_string_append_printf (got, "%s%s", d ? "," : "", utc);
        }
      g_test_message ("%s %s", parts[0], parts[1]);
      g_assert_cmpstr (got->str, ==, parts[4]);
      cases++;
    }
  g_assert_cmpuint (cases, >=, 10);
}

static void
test_words (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *words = NULL;
  LineupSeriesRule rule;

  lineup_series_rule_init (&rule);
  g_date_set_dmy (&rule.start, 7, 6, 2027);
  rule.minutes = 9 * 60;
  g_assert_true (lineup_series_rule_from_words (&rule, "week", 0, "mon,thu", NULL, NULL, "2027-06-30", 0, &error));
  g_assert_no_error (error);
  text = lineup_series_rule_to_string (&rule);
  g_assert_cmpstr (text, ==, "FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TH;UNTIL=20270630;DTSTART=20270607T0900");
  words = lineup_series_rule_describe (&rule);
  g_assert_cmpstr (words, ==, "Every week on Monday and Thursday, until 30 June 2027");
  g_clear_pointer (&words, g_free);

  g_assert_true (lineup_series_rule_from_words (&rule, "month", 2, NULL, NULL, "first-monday", NULL, 6, &error));
  words = lineup_series_rule_describe (&rule);
  g_assert_cmpstr (words, ==, "Every 2 months on the first Monday, 6 times");

  /* Bad words say what is wrong. */
  g_assert_false (lineup_series_rule_from_words (&rule, "year", 0, NULL, NULL, NULL, NULL, 0, &error));
  g_assert_nonnull (strstr (error->message, "day, week or month"));
  g_clear_error (&error);
  g_assert_false (lineup_series_rule_from_words (&rule, "week", 0, "mon,funday", NULL, NULL, NULL, 0, &error));
  g_clear_error (&error);
  g_assert_false (lineup_series_rule_from_words (&rule, "day", 0, "mon", NULL, NULL, NULL, 0, &error));
  g_clear_error (&error);
  g_assert_false (lineup_series_rule_from_words (&rule, "week", 0, NULL, NULL, NULL, "2027-06-30", 3, &error));
  g_clear_error (&error);
  g_assert_false (lineup_series_rule_from_words (&rule, "month", 0, NULL, "32", NULL, NULL, 0, &error));
  g_clear_error (&error);
  g_assert_false (lineup_series_rule_from_words (&rule, "month", 0, NULL, NULL, "fifth-monday", NULL, 0, &error));
  g_clear_error (&error);
  g_assert_false (lineup_series_rule_from_words (&rule, "week", 100, NULL, NULL, NULL, NULL, 0, &error));
  g_clear_error (&error);
  g_assert_false (lineup_series_rule_parse ("FREQ=YEARLY;DTSTART=20270101T0900", &rule, &error));
  g_clear_error (&error);
}

/* ---- in a plan ---- */

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

  f->dir = g_dir_make_tmp ("lineup-series-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "lineup.db", NULL);
  f->store = lineup_store_open (path, &error);
  g_assert_no_error (error);
  lineup_store_set_time_zone (f->store, data ? data : "Europe/Warsaw", &error);
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

/* A Draft post on the Monday after tomorrow, at 09:00 local. */
static LineupPost *
add_post (Fixture *f,
          GDate   *out_date)
{
  g_autoptr(GError) error = NULL;
  LineupPost *post = lineup_post_new ();
  GDate date;

  lineup_store_get_today (f->store, &date);
  g_date_add_days (&date, 2);
  while (g_date_get_weekday (&date) != G_DATE_MONDAY)
    g_date_add_days (&date, 1);
  lineup_post_set_title (post, "Tip of the week");
  lineup_post_set_stage (post, LINEUP_STAGE_DRAFT);
  if (lineup_store_find_pillar (f->store, "Tips") == NULL)
    lineup_store_add_pillar (f->store, "Tips", NULL, -1, &error);
  g_assert_no_error (error);
  lineup_post_set_pillar_id (post, lineup_pillar_get_id (lineup_store_find_pillar (f->store, "Tips")));
  lineup_post_set_type_id (post, lineup_content_type_get_id (lineup_store_find_content_type (f->store, "Educational")));
  lineup_post_set_scheduled_at (post, lineup_store_local_to_utc (f->store, &date, 9 * 60));
  lineup_store_add_post (f->store, post, &error);
  g_assert_no_error (error);
  *out_date = date;
  return post;
}

static char *
repeat_weekly (Fixture    *f,
               LineupPost *post)
{
  g_autoptr(GError) error = NULL;
  LineupSeriesRule rule;
  char *uid;

  lineup_series_rule_init (&rule);
  g_assert_true (lineup_series_rule_from_words (&rule, "week", 1, "mon,thu", NULL, NULL, NULL, 0, &error));
  uid = lineup_store_repeat_post (f->store, lineup_post_get_id (post), &rule, &error);
  g_assert_no_error (error);
  g_assert_nonnull (uid);
  return uid;
}

static void
test_repeat (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) post = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autofree char *uid = NULL;
  GDate start;
  guint made = 99;

  post = add_post (f, &start);
  uid = repeat_weekly (f, post);
  posts = lineup_store_list_series_posts (f->store, uid, NULL);
  /* The post itself, and Mondays and Thursdays up to 8 weeks from today. */
  g_assert_cmpuint (posts->len, >=, 14);
  g_assert_cmpuint (posts->len, <=, 17);
  g_assert_cmpstr (lineup_post_get_id (posts->pdata[0]), ==, lineup_post_get_id (post));
  for (guint i = 1; i < posts->len; i++)
    {
      LineupPost *occurrence = posts->pdata[i];
      g_autofree char *uid_of = NULL;
      g_autofree char *id = NULL;
      GDate date, occurs_on;
      int minutes;

      lineup_store_utc_to_local (f->store, lineup_post_get_scheduled_at (occurrence), &date, &minutes);
      /* 09:00 local whatever DST does, on a Monday or Thursday. */
      g_assert_cmpint (minutes, ==, 9 * 60);
      g_assert_true (g_date_get_weekday (&date) == G_DATE_MONDAY || g_date_get_weekday (&date) == G_DATE_THURSDAY);
      g_assert_true (lineup_store_get_post_series (f->store, lineup_post_get_id (occurrence), &uid_of, &occurs_on));
      g_assert_cmpstr (uid_of, ==, uid);
      g_assert_cmpint (g_date_compare (&date, &occurs_on), ==, 0);
      id = lineup_series_occurrence_id (uid, &date);
      g_assert_cmpstr (lineup_post_get_id (occurrence), ==, id);
      g_assert_cmpstr (lineup_post_get_title (occurrence), ==, "Tip of the week");
      g_assert_cmpint (lineup_post_get_stage (occurrence), ==, LINEUP_STAGE_DRAFT);
    }

  /* Rolling again makes nothing new. */
  g_assert_true (lineup_store_roll_series (f->store, LINEUP_SERIES_HORIZON_DAYS, &made, &error));
  g_assert_cmpuint (made, ==, 0);

  /* One undo step takes the series and its occurrences away. */
  g_assert_cmpstr (lineup_store_get_undo_label (f->store), ==, "Repeat “Tip of the week”");
  g_assert_true (lineup_store_undo (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lineup_store_count_posts (f->store), ==, 1);
  g_assert_false (lineup_store_get_post_series (f->store, lineup_post_get_id (post), NULL, NULL));
  {
    g_autoptr(GPtrArray) none = lineup_store_list_series (f->store);
    g_assert_cmpuint (none->len, ==, 0);
  }
  g_assert_true (lineup_store_redo (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lineup_store_count_posts (f->store), ==, posts->len);
}

static void
test_exceptions (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) post = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(LineupSeries) series = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *moved_id = NULL;
  g_autofree char *deleted_id = NULL;
  GDate start, day;
  guint made = 0, before_len;

  post = add_post (f, &start);
  uid = repeat_weekly (f, post);
  posts = lineup_store_list_series_posts (f->store, uid, NULL);
  before_len = posts->len;
  deleted_id = g_strdup (lineup_post_get_id (posts->pdata[2]));
  moved_id = g_strdup (lineup_post_get_id (posts->pdata[3]));
  g_assert_true (lineup_store_delete_post (f->store, deleted_id, &error));
  lineup_store_utc_to_local (f->store, lineup_post_get_scheduled_at (posts->pdata[3]), &day, NULL);
  g_date_add_days (&day, 1);
  g_assert_true (lineup_store_move_post (f->store, moved_id, &day, &error));
  g_assert_no_error (error);

  /* A longer horizon makes the later ones, never the exceptions again. */
  g_assert_true (lineup_store_roll_series (f->store, 120, &made, &error));
  g_assert_cmpuint (made, >, 10);
  after = lineup_store_list_series_posts (f->store, uid, NULL);
  g_assert_cmpuint (after->len, ==, before_len - 1 + made);
  for (guint i = 0; i < after->len; i++)
    g_assert_cmpstr (lineup_post_get_id (after->pdata[i]), !=, deleted_id);
  series = lineup_store_get_series (f->store, moved_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (series->n_deleted, ==, 1);
  g_assert_cmpuint (series->n_moved, ==, 1);
  g_assert_cmpuint (series->n_live, ==, after->len);
}

static void
test_edit_scope (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) post = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GPtrArray) now = NULL;
  g_autoptr(LineupPost) edited = NULL;
  g_autoptr(LineupPost) own = NULL;
  g_autofree char *uid = NULL;
  guint made = 0;
  GDate start;

  post = add_post (f, &start);
  uid = repeat_weekly (f, post);
  posts = lineup_store_list_series_posts (f->store, uid, NULL);

  /* "This and following" from the fourth one. */
  edited = lineup_post_copy (posts->pdata[3]);
  lineup_post_set_title (edited, "Tip: new format");
  g_assert_true (lineup_series_edit (f->store, edited, LINEUP_SERIES_FOLLOWING, &error));
  g_assert_no_error (error);
  now = lineup_store_list_series_posts (f->store, uid, NULL);
  for (guint i = 0; i < now->len; i++)
    g_assert_cmpstr (lineup_post_get_title (now->pdata[i]), ==, i < 3 ? "Tip of the week" : "Tip: new format");
  g_assert_cmpstr (lineup_store_get_undo_label (f->store), ==, "Edit “Tip of the week” and the following");

  /* "This one" on the last: an exception the later ones do not copy. */
  own = lineup_post_copy (now->pdata[now->len - 1]);
  lineup_post_set_title (own, "Holiday special");
  g_assert_true (lineup_series_edit (f->store, own, LINEUP_SERIES_THIS, &error));
  g_assert_true (lineup_store_roll_series (f->store, 120, &made, &error));
  g_assert_cmpuint (made, >, 0);
  g_clear_pointer (&now, g_ptr_array_unref);
  now = lineup_store_list_series_posts (f->store, uid, NULL);
  g_assert_cmpstr (lineup_post_get_title (now->pdata[now->len - 1]), ==, "Tip: new format");

  /* One undo step each: the "this one" edit, then the following ones. */
  g_assert_true (lineup_store_undo (f->store, &error));   /* the edit of one */
  g_assert_true (lineup_store_undo (f->store, &error));   /* the following */
  g_assert_no_error (error);
  g_clear_pointer (&now, g_ptr_array_unref);
  now = lineup_store_list_series_posts (f->store, uid, NULL);
  for (guint i = 0; i < posts->len; i++)
    g_assert_cmpstr (lineup_post_get_title (now->pdata[i]), ==, "Tip of the week");
}

static void
test_stop (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) post = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(LineupSeries) series = NULL;
  g_autofree char *uid = NULL;
  guint made = 99;
  GDate start;

  post = add_post (f, &start);
  uid = repeat_weekly (f, post);
  g_assert_true (lineup_store_stop_series (f->store, uid, &error));
  g_assert_no_error (error);
  posts = lineup_store_list_series_posts (f->store, uid, NULL);
  /* What is after today goes, but for the post the series started from. */
  g_assert_cmpuint (posts->len, ==, 1);
  g_assert_cmpstr (lineup_post_get_id (posts->pdata[0]), ==, lineup_post_get_id (post));
  g_assert_true (lineup_store_roll_series (f->store, 120, &made, &error));
  g_assert_cmpuint (made, ==, 0);
  series = lineup_store_get_series (f->store, uid, &error);
  g_assert_true (g_date_valid (&series->rule.until));
  g_assert_cmpstr (lineup_store_get_undo_label (f->store), ==, "Stop series “Tip of the week”");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/series/reference", test_reference);
  g_test_add_func ("/series/words", test_words);
  g_test_add ("/series/repeat/warsaw", Fixture, "Europe/Warsaw", fixture_set_up, test_repeat, fixture_tear_down);
  g_test_add ("/series/repeat/new-york", Fixture, "America/New_York", fixture_set_up, test_repeat, fixture_tear_down);
  g_test_add ("/series/exceptions", Fixture, NULL, fixture_set_up, test_exceptions, fixture_tear_down);
  g_test_add ("/series/edit-scope", Fixture, NULL, fixture_set_up, test_edit_scope, fixture_tear_down);
  g_test_add ("/series/stop", Fixture, NULL, fixture_set_up, test_stop, fixture_tear_down);
  return g_test_run ();
}
