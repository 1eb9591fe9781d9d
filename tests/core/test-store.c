/* test-store.c: the plan store, headless.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lineup-core.h"
#include "lineup-test-util.h"
#include "lineup-store-schema.h"
#include "lineup-store-workflow.h"

typedef struct {
  char *dir;
  char *path;
  LineupStore *store;
  gint64 pillar_id;
  gint64 type_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LineupPillar *pillar;

  f->dir = g_dir_make_tmp ("lineup-test-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "plan", "lineup.db", NULL);
  f->store = lineup_store_open (f->path, &error);
  g_assert_no_error (error);
  if (data)
    {
      lineup_store_set_time_zone (f->store, data, &error);
      g_assert_no_error (error);
    }
  pillar = lineup_store_add_pillar (f->store, "Product education", "#3584e4", 40, &error);
  g_assert_no_error (error);
  f->pillar_id = lineup_pillar_get_id (pillar);
  f->type_id = lineup_content_type_get_id (lineup_store_find_content_type (f->store, "Educational"));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  lineup_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static gint64
local (LineupStore *store,
       const char  *date,
       const char  *time)
{
  GDate d;
  int minutes;

  g_assert_true (lineup_parse_date (date, &d));
  g_assert_true (lineup_parse_time (time, &minutes));
  return lineup_store_local_to_utc (store, &d, minutes);
}

static char *
local_string (LineupStore *store,
              gint64       instant)
{
  GDate d;
  int minutes;

  lineup_store_utc_to_local (store, instant, &d, &minutes);
  return g_strdup_printf ("%04d-%02d-%02d %02d:%02d", g_date_get_year (&d), g_date_get_month (&d),
                          g_date_get_day (&d), minutes / 60, minutes % 60);
}

static LineupPost *
add_post (Fixture    *f,
          const char *title,
          gint64      when)
{
  g_autoptr(GError) error = NULL;
  LineupPost *post = lineup_post_new ();
  const char *platforms[] = { "Mastodon", "linkedin", NULL };

  lineup_post_set_title (post, title);
  lineup_post_set_body (post, "Body text");
  lineup_post_set_pillar_id (post, f->pillar_id);
  lineup_post_set_type_id (post, f->type_id);
  lineup_post_set_platforms (post, platforms);
  lineup_post_set_scheduled_at (post, when);
  g_assert_true (lineup_store_add_post (f->store, post, &error));
  g_assert_no_error (error);
  return post;
}

/* The titles of @posts, in order, joined by commas. */
static char *
titles_of (GPtrArray *posts)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < posts->len; i++)
    g_string_append_printf (text, "%s%s", i ? "," : "", lineup_post_get_title (posts->pdata[i]));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
titles_between (LineupStore *store,
                gint64       from,
                gint64       to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) posts = lineup_store_list_posts (store, from, to, &error);

  g_assert_no_error (error);
  return titles_of (posts);
}

/* The month's mix reads a part of the six weeks the grid just read, and
 * the store answers it from those: never with a post as it was, whoever
 * changed the plan since (this copy, or another process). */
static void
test_range_reads (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 weeks_from = local (f->store, "2027-02-22", "00:00");
  gint64 weeks_to = local (f->store, "2027-04-05", "00:00");
  gint64 month_from = local (f->store, "2027-03-01", "00:00");
  gint64 month_to = local (f->store, "2027-04-01", "00:00");
  g_autoptr(LineupPost) a = add_post (f, "A", local (f->store, "2027-03-03", "09:00"));
  g_autoptr(LineupPost) b = add_post (f, "B", local (f->store, "2027-03-10", "09:00"));
  g_autoptr(LineupPost) c = lineup_post_new ();
  g_autoptr(LineupStore) other = NULL;
  g_autoptr(LineupPost) edit = NULL;
  char *text;
  GDate april;

  text = titles_between (f->store, weeks_from, weeks_to);
  g_assert_cmpstr (text, ==, "A,B");
  g_free (text);
  text = titles_between (f->store, month_from, month_to);
  g_assert_cmpstr (text, ==, "A,B");
  g_free (text);

  /* Moved out of the month here. */
  g_date_clear (&april, 1);
  g_date_set_dmy (&april, 20, G_DATE_APRIL, 2027);
  g_assert_true (lineup_store_move_post (f->store, lineup_post_get_id (b), &april, &error));
  g_assert_no_error (error);
  text = titles_between (f->store, weeks_from, weeks_to);
  g_assert_cmpstr (text, ==, "A");
  g_free (text);
  text = titles_between (f->store, month_from, month_to);
  g_assert_cmpstr (text, ==, "A");
  g_free (text);

  /* Added and renamed by another process on the same plan. */
  other = lineup_store_open (f->path, &error);
  g_assert_no_error (error);
  lineup_post_set_title (c, "C");
  lineup_post_set_pillar_id (c, f->pillar_id);
  lineup_post_set_type_id (c, f->type_id);
  lineup_post_set_scheduled_at (c, local (other, "2027-03-15", "09:00"));
  g_assert_true (lineup_store_add_post (other, c, &error));
  g_assert_no_error (error);
  text = titles_between (f->store, month_from, month_to);
  g_assert_cmpstr (text, ==, "A,C");
  g_free (text);

  text = titles_between (f->store, weeks_from, weeks_to);
  g_free (text);
  edit = lineup_post_copy (a);
  lineup_post_set_title (edit, "A, renamed");
  g_assert_true (lineup_workflow_edit (other, edit, &error));
  g_assert_no_error (error);
  text = titles_between (f->store, month_from, month_to);
  g_assert_cmpstr (text, ==, "A, renamed,C");
  g_free (text);
}

/* ---- CRUD ---- */

static void
test_crud (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) post = add_post (f, "Launch teaser", local (f->store, "2026-12-10", "09:00"));
  g_autoptr(LineupPost) read = NULL;
  g_autoptr(LineupPost) edit = NULL;
  g_autoptr(GPtrArray) month = NULL;
  g_autoptr(GPtrArray) history = NULL;
  const char *expected_platforms[] = { "linkedin", "mastodon", NULL };
  g_autofree char *prefix = NULL;

  g_assert_nonnull (lineup_post_get_id (post));
  g_assert_cmpint (lineup_post_get_revision (post), ==, 1);

  read = lineup_store_get_post (f->store, lineup_post_get_id (post), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lineup_post_get_title (read), ==, "Launch teaser");
  g_assert_cmpstr (lineup_post_get_body (read), ==, "Body text");
  /* Platforms come back in the canonical order, however they were given. */
  g_assert_true (g_strv_equal (lineup_post_get_platforms (read), expected_platforms));
  g_assert_cmpint (lineup_post_get_stage (read), ==, LINEUP_STAGE_BRIEF);
  g_assert_true (lineup_post_equal (read, post));

  /* A unique prefix finds it. */
  prefix = g_strndup (lineup_post_get_id (post), 6);
  g_clear_object (&read);
  read = lineup_store_get_post (f->store, prefix, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lineup_post_get_id (read), ==, lineup_post_get_id (post));

  /* An edit that changes nothing keeps the revision; a real one raises it. */
  edit = lineup_post_copy (read);
  g_assert_true (lineup_workflow_edit (f->store, edit, &error));
  g_assert_cmpint (lineup_post_get_revision (edit), ==, 1);
  lineup_post_set_title (edit, "Launch teaser, take two");
  lineup_post_set_brief (edit, LINEUP_BRIEF_GOAL, "Sign-ups");
  g_assert_true (lineup_workflow_edit (f->store, edit, &error));
  g_assert_no_error (error);
  g_clear_object (&read);
  read = lineup_store_get_post (f->store, lineup_post_get_id (post), &error);
  g_assert_cmpstr (lineup_post_get_title (read), ==, "Launch teaser, take two");
  g_assert_cmpstr (lineup_post_get_brief (read, LINEUP_BRIEF_GOAL), ==, "Sign-ups");
  g_assert_cmpint (lineup_post_get_revision (read), ==, 2);

  /* Stage changes are written to the history with who and why. */
  g_assert_true (lineup_store_set_stage (f->store, lineup_post_get_id (post), LINEUP_STAGE_IN_REVIEW,
                                         "Ada", "Ready for Legal", &error));
  g_assert_no_error (error);
  history = lineup_store_get_history (f->store, lineup_post_get_id (post), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpint (((LineupStageChange *) history->pdata[0])->from_stage, ==, -1);
  g_assert_cmpint (((LineupStageChange *) history->pdata[1])->from_stage, ==, LINEUP_STAGE_BRIEF);
  g_assert_cmpint (((LineupStageChange *) history->pdata[1])->to_stage, ==, LINEUP_STAGE_IN_REVIEW);
  g_assert_cmpstr (((LineupStageChange *) history->pdata[1])->actor, ==, "Ada");
  g_assert_cmpstr (((LineupStageChange *) history->pdata[1])->comment, ==, "Ready for Legal");

  month = lineup_store_list_posts (f->store, local (f->store, "2026-12-01", "00:00"),
                                   local (f->store, "2027-01-01", "00:00"), &error);
  g_assert_cmpuint (month->len, ==, 1);
  g_assert_cmpuint (lineup_store_count_posts (f->store), ==, 1);

  g_assert_true (lineup_store_delete_post (f->store, lineup_post_get_id (post), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lineup_store_count_posts (f->store), ==, 0);
  g_clear_object (&read);
  read = lineup_store_get_post (f->store, lineup_post_get_id (post), &error);
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND);
  g_assert_null (read);
}

static void
test_persistence (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) post = add_post (f, "Survives a restart", local (f->store, "2026-12-10", "17:45"));
  g_autoptr(LineupPost) read = NULL;
  g_autofree char *when = NULL;

  g_clear_object (&f->store);
  f->store = lineup_store_open (f->path, &error);
  g_assert_no_error (error);
  read = lineup_store_get_post (f->store, lineup_post_get_id (post), &error);
  g_assert_no_error (error);
  g_assert_true (lineup_post_equal (read, post));
  when = local_string (f->store, lineup_post_get_scheduled_at (read));
  g_assert_cmpstr (when, ==, "2026-12-10 17:45");
  g_assert_cmpstr (lineup_pillar_get_name (lineup_store_get_pillar (f->store, f->pillar_id)), ==,
                   "Product education");
}

/* ---- time zones ---- */

static void
test_dst (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *zone = data;
  /* The Sunday each zone changes its clocks in spring 2026. */
  const char *before = g_str_equal (zone, "Europe/Warsaw") ? "2026-03-27" : "2026-03-06";
  const char *after = g_str_equal (zone, "Europe/Warsaw") ? "2026-03-30" : "2026-03-09";
  const char *dst_day = g_str_equal (zone, "Europe/Warsaw") ? "2026-03-29" : "2026-03-08";
  g_autoptr(LineupPost) post = add_post (f, "Across the change", local (f->store, before, "09:00"));
  g_autoptr(LineupPost) moved = NULL;
  g_autoptr(GPtrArray) day = NULL;
  g_autofree char *when = NULL;
  GDate target;
  gint64 day_start, day_end;

  g_assert_cmpstr (lineup_store_get_time_zone_id (f->store), ==, zone);

  g_assert_true (lineup_parse_date (after, &target));
  g_assert_true (lineup_store_move_post (f->store, lineup_post_get_id (post), &target, &error));
  g_assert_no_error (error);
  moved = lineup_store_get_post (f->store, lineup_post_get_id (post), &error);
  when = local_string (f->store, lineup_post_get_scheduled_at (moved));
  g_assert_cmpstr (strchr (when, ' ') + 1, ==, "09:00");
  /* The clock moved an hour, so the UTC instant is not a whole number of days later. */
  g_assert_cmpint ((lineup_post_get_scheduled_at (moved) - lineup_post_get_scheduled_at (post)) % 86400, ==, 86400 - 3600);
  g_assert_cmpint (lineup_post_get_revision (moved), ==, 2);

  /* The day of the change has 23 hours; a post at 23:30 local is still in it. */
  g_clear_object (&post);
  post = add_post (f, "Late on the short day", local (f->store, dst_day, "23:30"));
  day_start = local (f->store, dst_day, "00:00");
  {
    GDate next;
    g_assert_true (lineup_parse_date (dst_day, &next));
    g_date_add_days (&next, 1);
    day_end = lineup_store_local_to_utc (f->store, &next, 0);
  }
  g_assert_cmpint (day_end - day_start, ==, 23 * 3600);
  day = lineup_store_list_posts (f->store, day_start, day_end, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (day->len, ==, 1);
  g_assert_cmpstr (lineup_post_get_title (day->pdata[0]), ==, "Late on the short day");

  /* Autumn: the day the clocks go back has 25 hours. */
  {
    const char *autumn = g_str_equal (zone, "Europe/Warsaw") ? "2026-10-25" : "2026-11-01";
    GDate next;
    g_assert_true (lineup_parse_date (autumn, &next));
    g_date_add_days (&next, 1);
    g_assert_cmpint (lineup_store_local_to_utc (f->store, &next, 0) - local (f->store, autumn, "00:00"),
                     ==, 25 * 3600);
  }
}

/* ---- limits ---- */

static void
test_limits (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) post = lineup_post_new ();
  g_autofree char *title300 = NULL;
  g_autofree char *title301 = NULL;
  GString *body;

  lineup_post_set_pillar_id (post, f->pillar_id);
  lineup_post_set_type_id (post, f->type_id);

  /* 300 characters of a two-byte letter are fine: the limit counts characters. */
  {
    GString *s = g_string_new (NULL);
    for (int i = 0; i < 300; i++)
      g_string_append (s, "ż");
    title300 = g_string_free (s, FALSE);
    title301 = g_strconcat (title300, "x", NULL);
  }
  lineup_post_set_title (post, title301);
  g_assert_false (lineup_store_add_post (f->store, post, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "301"));
  g_assert_nonnull (strstr (error->message, "300"));
  g_assert_null (lineup_post_get_id (post));
  g_clear_error (&error);

  lineup_post_set_title (post, "   ");
  g_assert_false (lineup_store_add_post (f->store, post, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  lineup_post_set_title (post, "Two\nlines");
  g_assert_false (lineup_store_add_post (f->store, post, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "one line"));
  g_clear_error (&error);
  g_assert_null (lineup_store_add_pillar (f->store, "Tab\there", NULL, -1, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  lineup_post_set_title (post, "Bad \xff byte");
  g_assert_false (lineup_store_add_post (f->store, post, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "UTF-8"));
  g_clear_error (&error);

  body = g_string_new (NULL);
  for (int i = 0; i < LINEUP_BODY_MAX_CHARS + 1; i++)
    g_string_append_c (body, 'a');
  lineup_post_set_title (post, title300);
  lineup_post_set_body (post, body->str);
  g_assert_false (lineup_store_add_post (f->store, post, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "caption"));
  g_clear_error (&error);
  g_string_truncate (body, LINEUP_BODY_MAX_CHARS);
  lineup_post_set_body (post, body->str);
  g_assert_true (lineup_store_add_post (f->store, post, &error));
  g_assert_no_error (error);
  g_string_free (body, TRUE);

  g_assert_null (lineup_store_add_pillar (f->store, "Colourless", "blue", -1, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "#RRGGBB"));
  g_clear_error (&error);
  g_assert_null (lineup_store_add_pillar (f->store, "Short", "#12345", -1, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (lineup_store_add_pillar (f->store, "product EDUCATION", NULL, -1, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_nonnull (lineup_store_add_pillar (f->store, "Community", "#9141AC", -1, &error));
  g_assert_no_error (error);

  /* Dates and times are strict. */
  g_assert_false (lineup_parse_date ("2026-02-30", NULL));
  g_assert_false (lineup_parse_date ("2026-2-3", NULL));
  g_assert_true (lineup_parse_date ("2028-02-29", NULL));
  g_assert_false (lineup_parse_time ("25:00", NULL));
  g_assert_false (lineup_parse_time ("9:00", NULL));

  /* A platform that does not exist is named in the error. */
  {
    const char *bad[] = { "Myspace", NULL };
    g_autoptr(LineupPost) p = lineup_post_new ();
    lineup_post_set_title (p, "Platforms");
    lineup_post_set_pillar_id (p, f->pillar_id);
    lineup_post_set_type_id (p, f->type_id);
    lineup_post_set_platforms (p, bad);
    g_assert_false (lineup_store_add_post (f->store, p, &error));
    g_assert_nonnull (strstr (error->message, "Myspace"));
  }
}

/* ---- undo ---- */

static void
test_undo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) post = add_post (f, "Undo me", local (f->store, "2026-12-10", "09:00"));
  const char *id = lineup_post_get_id (post);
  g_autoptr(LineupPost) edit = lineup_post_copy (post);
  g_autoptr(LineupPost) now = NULL;
  GDate d;

  g_assert_true (lineup_store_can_undo (f->store));
  g_assert_false (lineup_store_can_redo (f->store));

  lineup_post_set_title (edit, "Edited");
  g_assert_true (lineup_workflow_edit (f->store, edit, &error));
  g_assert_true (lineup_parse_date ("2026-12-14", &d));
  g_assert_true (lineup_store_move_post (f->store, id, &d, &error));
  g_assert_true (lineup_store_set_stage (f->store, id, LINEUP_STAGE_DRAFT, NULL, NULL, &error));
  g_assert_true (lineup_store_delete_post (f->store, id, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (lineup_store_get_undo_label (f->store), "Delete"));

  /* Undo the delete: it is back, as a draft on the 14th. */
  g_assert_true (lineup_store_undo (f->store, &error));
  now = lineup_store_get_post (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lineup_post_get_stage (now), ==, LINEUP_STAGE_DRAFT);
  g_clear_object (&now);

  /* Undo the stage change, then the move, then the edit. */
  g_assert_true (lineup_store_undo (f->store, &error));
  now = lineup_store_get_post (f->store, id, &error);
  g_assert_cmpint (lineup_post_get_stage (now), ==, LINEUP_STAGE_BRIEF);
  g_clear_object (&now);
  g_assert_true (lineup_store_undo (f->store, &error));
  now = lineup_store_get_post (f->store, id, &error);
  g_assert_cmpint (lineup_post_get_scheduled_at (now), ==, local (f->store, "2026-12-10", "09:00"));
  g_clear_object (&now);
  g_assert_true (lineup_store_undo (f->store, &error));
  now = lineup_store_get_post (f->store, id, &error);
  g_assert_cmpstr (lineup_post_get_title (now), ==, "Undo me");
  /* Undo is a new version for anyone who synced the old one. */
  g_assert_cmpint (lineup_post_get_revision (now), >, 3);
  g_clear_object (&now);

  /* Undo the addition: gone. Redo: back. */
  g_assert_true (lineup_store_undo (f->store, &error));
  g_assert_null (lineup_store_get_post (f->store, id, NULL));
  /* Before it, the fixture added its pillar: a step too. */
  g_assert_cmpstr (lineup_store_get_undo_label (f->store), ==, "Add pillar");

  g_assert_true (lineup_store_redo (f->store, &error));
  g_assert_true (lineup_store_redo (f->store, &error));
  now = lineup_store_get_post (f->store, id, &error);
  g_assert_cmpstr (lineup_post_get_title (now), ==, "Edited");
  g_clear_object (&now);

  /* A new change forgets what could be redone. */
  g_assert_true (lineup_store_can_redo (f->store));
  g_assert_true (lineup_store_set_stage (f->store, id, LINEUP_STAGE_APPROVED, NULL, NULL, &error));
  g_assert_false (lineup_store_can_redo (f->store));

  /* The history tells the whole story, undos included. */
  {
    g_autoptr(GPtrArray) history = lineup_store_get_history (f->store, id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (history->len, ==, 4);
    g_assert_cmpstr (((LineupStageChange *) history->pdata[2])->comment, ==, "Undo");
  }
}

static void
count_signal (gpointer data)
{
  (*(int *) data)++;
}

static void
test_batch (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  int added = 0;
  g_autoptr(LineupPost) bad = lineup_post_new ();

  g_signal_connect_swapped (f->store, "post-added", G_CALLBACK (count_signal), &added);

  /* Three posts in one batch: one undo step; signals after commit. */
  lineup_store_begin (f->store, "Three at once");
  g_clear_object (&bad);
  for (int i = 0; i < 3; i++)
    g_object_unref (add_post (f, "Batch", local (f->store, "2026-12-01", "09:00")));
  g_assert_cmpint (added, ==, 0);
  g_assert_true (lineup_store_commit (f->store, &error));
  g_assert_cmpint (added, ==, 3);
  g_assert_cmpstr (lineup_store_get_undo_label (f->store), ==, "Three at once");
  g_assert_true (lineup_store_undo (f->store, &error));
  g_assert_cmpuint (lineup_store_count_posts (f->store), ==, 0);

  /* A batch that is rolled back leaves nothing, pillars included. */
  lineup_store_begin (f->store, "Doomed");
  g_assert_nonnull (lineup_store_add_pillar (f->store, "Temporary", NULL, -1, &error));
  g_object_unref (add_post (f, "Never saved", LINEUP_POST_UNDATED));
  lineup_store_rollback (f->store);
  g_assert_null (lineup_store_find_pillar (f->store, "Temporary"));
  g_assert_cmpuint (lineup_store_count_posts (f->store), ==, 0);
  g_assert_cmpint (added, ==, 3);

  /* A failing change inside a batch rolls back only itself. */
  lineup_store_begin (f->store, "Partly bad");
  g_object_unref (add_post (f, "Good", LINEUP_POST_UNDATED));
  bad = lineup_post_new ();
  lineup_post_set_title (bad, "No pillar");
  g_assert_false (lineup_store_add_post (f->store, bad, &error));
  g_clear_error (&error);
  g_assert_true (lineup_store_commit (f->store, &error));
  g_assert_cmpuint (lineup_store_count_posts (f->store), ==, 1);
}

/* ---- the list model ---- */

typedef struct {
  guint position, removed, added;
  int calls;
} ItemsChanged;

static void
on_items_changed (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *last)
{
  last->position = position;
  last->removed = removed;
  last->added = added;
  last->calls++;
}

static void
test_post_model (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) a = add_post (f, "A", local (f->store, "2026-12-01", "09:00"));
  g_autoptr(LineupPost) c = add_post (f, "C", local (f->store, "2026-12-03", "09:00"));
  g_autoptr(LineupPost) idea = add_post (f, "Idea", LINEUP_POST_UNDATED);
  g_autoptr(LineupPostModel) model = lineup_post_model_new (f->store);
  g_autoptr(LineupPost) b = NULL;
  g_autoptr(LineupPost) edit = NULL;
  ItemsChanged last = { 0, };
  GDate d;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  g_assert_cmpuint (lineup_post_model_find (model, lineup_post_get_id (idea)), ==, 2);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &last);

  b = add_post (f, "B", local (f->store, "2026-12-02", "09:00"));
  g_assert_cmpint (last.calls, ==, 1);
  g_assert_cmpuint (last.position, ==, 1);
  g_assert_cmpuint (last.added, ==, 1);
  g_assert_cmpuint (last.removed, ==, 0);

  /* An edit that keeps the order changes exactly one item. */
  edit = lineup_post_copy (b);
  lineup_post_set_title (edit, "B2");
  g_assert_true (lineup_workflow_edit (f->store, edit, &error));
  g_assert_cmpint (last.calls, ==, 2);
  g_assert_cmpuint (last.position, ==, 1);
  g_assert_cmpuint (last.removed, ==, 1);
  g_assert_cmpuint (last.added, ==, 1);
  {
    g_autoptr(LineupPost) item = g_list_model_get_item (G_LIST_MODEL (model), 1);
    g_assert_cmpstr (lineup_post_get_title (item), ==, "B2");
  }

  /* A move re-sorts: A goes after C. */
  g_assert_true (lineup_parse_date ("2026-12-05", &d));
  g_assert_true (lineup_store_move_post (f->store, lineup_post_get_id (a), &d, &error));
  {
    g_autoptr(LineupPost) item = g_list_model_get_item (G_LIST_MODEL (model), 2);
    g_assert_cmpstr (lineup_post_get_title (item), ==, "A");
  }

  g_assert_true (lineup_store_delete_post (f->store, lineup_post_get_id (c), &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  g_assert_true (lineup_store_undo (f->store, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 4);
  g_assert_cmpuint (last.added, ==, 1);
}

/* ---- filters ---- */

static void
count_changed (gpointer data)
{
  (*(int *) data)++;
}

static void
test_filter (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupFilter) filter = lineup_filter_new (f->store);
  g_autoptr(LineupPost) a = add_post (f, "A", LINEUP_POST_UNDATED);   /* Product education, Educational, linkedin+mastodon */
  g_autoptr(LineupPost) b = lineup_post_new ();
  const char *x[] = { "x", NULL };
  const char *stages[] = { "draft", "In review", NULL };
  int changed = 0;

  lineup_post_set_title (b, "B");
  lineup_post_set_pillar_id (b, lineup_pillar_get_id (lineup_store_add_pillar (f->store, "Community", NULL, -1, &error)));
  lineup_post_set_type_id (b, lineup_content_type_get_id (lineup_store_find_content_type (f->store, "Proof")));
  lineup_post_set_platforms (b, x);
  lineup_post_set_stage (b, LINEUP_STAGE_DRAFT);
  g_assert_true (lineup_store_add_post (f->store, b, &error));
  g_signal_connect_swapped (filter, "changed", G_CALLBACK (count_changed), &changed);

  /* Nothing chosen: everything passes. */
  g_assert_true (lineup_filter_is_empty (filter));
  g_assert_true (lineup_filter_matches (filter, a) && lineup_filter_matches (filter, b));

  /* One pillar (any case): only its posts. */
  lineup_filter_set (filter, LINEUP_FILTER_PILLAR, "community", TRUE);
  g_assert_cmpint (changed, ==, 1);
  g_assert_false (lineup_filter_matches (filter, a));
  g_assert_true (lineup_filter_matches (filter, b));
  lineup_filter_set (filter, LINEUP_FILTER_PILLAR, "Community", TRUE);
  g_assert_cmpint (changed, ==, 1);   /* already chosen: no change */

  /* Dimensions combine with AND; values within one with OR. */
  lineup_filter_set (filter, LINEUP_FILTER_PILLAR, "Product education", TRUE);
  g_assert_true (lineup_filter_matches (filter, a));
  lineup_filter_set (filter, LINEUP_FILTER_PLATFORM, "mastodon", TRUE);
  g_assert_true (lineup_filter_matches (filter, a));
  g_assert_false (lineup_filter_matches (filter, b));
  lineup_filter_set_values (filter, LINEUP_FILTER_STAGE, stages);
  g_assert_false (lineup_filter_matches (filter, a));   /* a is a brief */
  g_assert_true (lineup_filter_has (filter, LINEUP_FILTER_STAGE, "in review"));
  g_assert_cmpstr (lineup_filter_get_values (filter, LINEUP_FILTER_STAGE)[0], ==, "draft");

  lineup_filter_clear (filter);
  g_assert_true (lineup_filter_is_empty (filter));
  g_assert_true (lineup_filter_matches (filter, a) && lineup_filter_matches (filter, b));
  g_assert_cmpstr (lineup_filter_dimension_key (LINEUP_FILTER_CAMPAIGN), ==, "filter-campaigns");
}

/* ---- the month grid ---- */

static void
test_month_grid (void)
{
  GDate d;

  /* December 2026 starts on a Tuesday. */
  lineup_month_grid_first_day (2026, 12, 1, &d);   /* weeks from Monday */
  g_assert_cmpint (g_date_get_day (&d), ==, 30);
  g_assert_cmpint (g_date_get_month (&d), ==, 11);
  lineup_month_grid_first_day (2026, 12, 0, &d);   /* from Sunday */
  g_assert_cmpint (g_date_get_day (&d), ==, 29);
  /* February 2026 starts on a Sunday: a Sunday-first grid starts on the 1st. */
  lineup_month_grid_first_day (2026, 2, 0, &d);
  g_assert_cmpint (g_date_get_day (&d), ==, 1);
  g_assert_cmpint (g_date_get_month (&d), ==, 2);
  lineup_month_grid_first_day (2026, 2, 1, &d);
  g_assert_cmpint (g_date_get_day (&d), ==, 26);
  /* glibc's C.UTF-8 starts its weeks on Sunday, as GtkCalendar shows it. */
  g_assert_cmpint (lineup_locale_week_start (), ==, 0);
  /* The "first-day-of-week" setting's choices. */
  g_assert_cmpint (lineup_week_start_from_name ("monday"), ==, 1);
  g_assert_cmpint (lineup_week_start_from_name ("sunday"), ==, 0);
  g_assert_cmpint (lineup_week_start_from_name ("saturday"), ==, 6);
  g_assert_cmpint (lineup_week_start_from_name ("locale"), ==, lineup_locale_week_start ());
  /* Saturday-first: December 2026's grid starts on Saturday 28 November. */
  lineup_month_grid_first_day (2026, 12, 6, &d);
  g_assert_cmpint (g_date_get_day (&d), ==, 28);
  g_assert_cmpint (g_date_get_weekday (&d), ==, G_DATE_SATURDAY);
}

/* ---- calendar moves ---- */

static void
test_duplicate_and_refused_moves (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) post = add_post (f, "Original", local (f->store, "2026-03-27", "18:30"));
  g_autoptr(LineupPost) copy = NULL;
  g_autoptr(LineupPost) idea = add_post (f, "Idea", LINEUP_POST_UNDATED);
  g_autoptr(LineupPost) idea_copy = NULL;
  g_autoptr(LineupPost) now = NULL;
  g_autofree char *when = NULL;
  guint before;
  GDate d;

  lineup_post_set_brief (post, LINEUP_BRIEF_GOAL, "Goal");
  g_assert_true (lineup_workflow_edit (f->store, post, &error));
  g_assert_true (lineup_store_set_stage (f->store, lineup_post_get_id (post), LINEUP_STAGE_APPROVED, NULL, NULL, &error));

  /* Across the spring change, the copy keeps the local time; it is a Draft
   * with its own id and the same content. */
  g_assert_true (lineup_parse_date ("2026-03-30", &d));
  copy = lineup_store_duplicate_post (f->store, lineup_post_get_id (post), &d, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lineup_post_get_id (copy), !=, lineup_post_get_id (post));
  g_assert_cmpint (lineup_post_get_stage (copy), ==, LINEUP_STAGE_DRAFT);
  g_assert_cmpint (lineup_post_get_revision (copy), ==, 1);
  g_assert_true (lineup_post_content_equal (copy, copy));
  g_assert_cmpstr (lineup_post_get_body (copy), ==, "Body text");
  g_assert_cmpstr (lineup_post_get_brief (copy, LINEUP_BRIEF_GOAL), ==, "Goal");
  when = local_string (f->store, lineup_post_get_scheduled_at (copy));
  g_assert_cmpstr (when, ==, "2026-03-30 18:30");
  g_assert_cmpstr (lineup_store_get_undo_label (f->store), ==, "Add “Original”");

  /* An undated idea duplicated onto a day gets the default time. */
  idea_copy = lineup_store_duplicate_post (f->store, lineup_post_get_id (idea), &d, &error);
  g_clear_pointer (&when, g_free);
  when = local_string (f->store, lineup_post_get_scheduled_at (idea_copy));
  g_assert_cmpstr (when, ==, "2026-03-30 09:00");

  /* Back to the backlog, and out again. */
  g_assert_true (lineup_store_unschedule_post (f->store, lineup_post_get_id (copy), &error));
  now = lineup_store_get_post (f->store, lineup_post_get_id (copy), &error);
  g_assert_false (lineup_post_is_dated (now));
  g_assert_cmpint (lineup_post_get_revision (now), ==, 2);
  g_assert_true (lineup_store_undo (f->store, &error));
  g_clear_object (&now);
  now = lineup_store_get_post (f->store, lineup_post_get_id (copy), &error);
  g_assert_true (lineup_post_is_dated (now));

  /* A published post does not move: the store is left as it was. */
  g_assert_true (lineup_store_set_stage (f->store, lineup_post_get_id (post), LINEUP_STAGE_PUBLISHED, NULL, NULL, &error));
  before = lineup_store_count_posts (f->store);
  g_clear_object (&now);
  now = lineup_store_get_post (f->store, lineup_post_get_id (post), &error);
  g_assert_false (lineup_store_move_post (f->store, lineup_post_get_id (post), &d, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "published"));
  g_clear_error (&error);
  g_assert_false (lineup_store_unschedule_post (f->store, lineup_post_get_id (post), &error));
  g_clear_error (&error);
  {
    g_autoptr(LineupPost) after = lineup_store_get_post (f->store, lineup_post_get_id (post), &error);
    g_assert_true (lineup_post_equal (after, now));
  }
  g_assert_cmpuint (lineup_store_count_posts (f->store), ==, before);
  g_assert_cmpstr (lineup_store_get_undo_label (f->store), ==, "Change the stage of “Original”");
}

/* ---- the List view's day groups ---- */

static gboolean
is_header (GListModel *model,
           guint       i)
{
  g_autoptr(GObject) item = g_list_model_get_item (model, i);
  return LINEUP_IS_AGENDA_HEADER (item);
}

static void
test_agenda_model (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) a = add_post (f, "A", local (f->store, "2026-12-01", "09:00"));
  g_autoptr(LineupPost) b = add_post (f, "B", local (f->store, "2026-12-01", "23:30"));
  g_autoptr(LineupPost) c = add_post (f, "C", local (f->store, "2026-12-03", "00:15"));
  g_autoptr(LineupPost) idea = add_post (f, "Idea", LINEUP_POST_UNDATED);
  g_autoptr(LineupPostModel) posts = lineup_post_model_new (f->store);
  g_autoptr(LineupAgendaModel) agenda = lineup_agenda_model_new (f->store, G_LIST_MODEL (posts));
  GListModel *model = G_LIST_MODEL (agenda);
  ItemsChanged last = { 0, };
  GDate d;

  /* [1 Dec] A B [3 Dec] C [no date] Idea — days are local, not UTC: 23:30
   * in Warsaw is the next day in UTC, yet it stays on the 1st. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 7);
  g_assert_true (is_header (model, 0));
  g_assert_false (is_header (model, 1));
  g_assert_false (is_header (model, 2));
  g_assert_true (is_header (model, 3));
  g_assert_true (is_header (model, 5));
  {
    g_autoptr(LineupAgendaHeader) first = g_list_model_get_item (model, 0);
    g_autoptr(LineupAgendaHeader) undated = g_list_model_get_item (model, 5);
    g_assert_cmpuint (lineup_agenda_header_get_n_posts (first), ==, 2);
    g_assert_cmpint (g_date_get_day (lineup_agenda_header_get_date (first)), ==, 1);
    g_assert_true (lineup_agenda_header_is_undated (undated));
  }
  g_assert_true (lineup_parse_date ("2026-12-02", &d));
  g_assert_cmpuint (lineup_agenda_model_find_day (agenda, &d), ==, 3);
  g_assert_cmpuint (lineup_agenda_model_find_post (agenda, lineup_post_get_id (c)), ==, 4);

  g_signal_connect (agenda, "items-changed", G_CALLBACK (on_items_changed), &last);

  /* Retitling C announces only the span that changed. */
  {
    g_autoptr(LineupPost) edit = lineup_post_copy (c);
    lineup_post_set_title (edit, "C2");
    g_assert_true (lineup_workflow_edit (f->store, edit, &error));
  }
  g_assert_cmpint (last.calls, ==, 1);
  g_assert_cmpuint (last.position, ==, 4);
  g_assert_cmpuint (last.removed, ==, 1);
  g_assert_cmpuint (last.added, ==, 1);

  /* Moving B to the 3rd: the 1st keeps one post, the 3rd gets two. */
  g_assert_true (lineup_parse_date ("2026-12-03", &d));
  g_assert_true (lineup_store_move_post (f->store, lineup_post_get_id (b), &d, &error));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 7);
  g_assert_cmpuint (lineup_agenda_model_find_post (agenda, lineup_post_get_id (b)), ==, 4);

  /* Deleting A removes its day's header with it. */
  g_assert_true (lineup_store_delete_post (f->store, lineup_post_get_id (a), &error));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);
  g_assert_true (is_header (model, 0));
  {
    g_autoptr(LineupAgendaHeader) first = g_list_model_get_item (model, 0);
    g_assert_cmpint (g_date_get_day (lineup_agenda_header_get_date (first)), ==, 3);
  }
}

/* Another process (the command line) writes to the same file while the
 * window is open: a refresh finds it with one query and the model follows. */
static void
test_refresh (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPostModel) model = lineup_post_model_new (f->store);
  g_autoptr(LineupStore) other = lineup_store_open (f->path, &error);
  g_autoptr(LineupPost) post = lineup_post_new ();
  g_autoptr(GPtrArray) month = NULL;
  int reloaded = 0;

  g_assert_no_error (error);
  g_signal_connect_swapped (f->store, "reloaded", G_CALLBACK (count_signal), &reloaded);
  g_object_unref (add_post (f, "Ours", local (f->store, "2026-12-02", "09:00")));
  g_assert_false (lineup_store_refresh (f->store));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);

  /* A setting written elsewhere (a feed's last result, a target) is read
   * again, but our posts and our undo history stay: nothing of ours can
   * be overwritten by it. */
  {
    int plan_changed = 0;
    gint64 type_id = f->type_id;

    g_signal_connect_swapped (f->store, "plan-changed", G_CALLBACK (count_signal), &plan_changed);
    g_assert_true (lineup_store_set_type_target (other, type_id, 5, 95, &error));
    g_assert_false (lineup_store_refresh (f->store));
    g_assert_cmpint (plan_changed, ==, 1);
    g_assert_cmpint (reloaded, ==, 0);
    g_assert_cmpfloat (lineup_content_type_get_target_max (lineup_store_get_content_type (f->store, type_id)), ==, 95);
    g_assert_true (lineup_store_can_undo (f->store));
    g_signal_handlers_disconnect_by_data (f->store, &plan_changed);
  }

  lineup_post_set_title (post, "Theirs");
  lineup_post_set_pillar_id (post, f->pillar_id);
  lineup_post_set_type_id (post, f->type_id);
  lineup_post_set_scheduled_at (post, local (f->store, "2026-12-01", "09:00"));
  g_assert_true (lineup_store_add_post (other, post, &error));
  g_assert_nonnull (lineup_store_add_pillar (other, "Their pillar", NULL, -1, &error));

  /* Month queries never serve a stale answer, even before a refresh. */
  month = lineup_store_list_posts (f->store, local (f->store, "2026-12-01", "00:00"),
                                   local (f->store, "2027-01-01", "00:00"), &error);
  g_assert_cmpuint (month->len, ==, 2);

  g_assert_true (lineup_store_refresh (f->store));
  g_assert_cmpint (reloaded, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  {
    g_autoptr(LineupPost) first = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_assert_cmpstr (lineup_post_get_title (first), ==, "Theirs");
  }
  g_assert_nonnull (lineup_store_find_pillar (f->store, "Their pillar"));
  /* Our undo history could overwrite their work, so it is gone. */
  g_assert_false (lineup_store_can_undo (f->store));
  g_assert_false (lineup_store_refresh (f->store));

  /* Watching: the file system tells the store, which refreshes by itself. */
  lineup_store_watch (f->store);
  g_clear_object (&post);
  post = lineup_post_new ();
  lineup_post_set_title (post, "Theirs again");
  lineup_post_set_pillar_id (post, f->pillar_id);
  lineup_post_set_type_id (post, f->type_id);
  g_assert_true (lineup_store_add_post (other, post, &error));
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    while (reloaded < 2 && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
  }
  g_assert_cmpint (reloaded, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
}

/* ---- the default post time ---- */

static void
test_default_time (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupStore) other = NULL;
  g_autoptr(LineupPost) post = lineup_post_new ();
  int plan_changed = 0;
  gint64 before;

  g_assert_cmpint (lineup_store_get_default_time (f->store), ==, 9 * 60);
  before = local (f->store, "2026-12-02", "09:00");
  g_object_unref (add_post (f, "Planned at nine", before));
  g_signal_connect_swapped (f->store, "plan-changed", G_CALLBACK (count_signal), &plan_changed);

  g_assert_true (lineup_store_set_default_time (f->store, 10 * 60 + 30, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lineup_store_get_default_time (f->store), ==, 10 * 60 + 30);
  g_assert_cmpint (plan_changed, ==, 1);
  /* A setting, not an edit: nothing to undo, and the same value is no change. */
  g_assert_true (lineup_store_set_default_time (f->store, 10 * 60 + 30, &error));
  g_assert_cmpint (plan_changed, ==, 1);

  g_assert_false (lineup_store_set_default_time (f->store, 24 * 60, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lineup_store_set_default_time (f->store, -1, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (lineup_store_get_default_time (f->store), ==, 10 * 60 + 30);
  g_assert_cmpint (plan_changed, ==, 1);

  /* A post given only a day takes it; one already planned keeps its time. */
  lineup_post_set_title (post, "Given a day");
  lineup_post_set_pillar_id (post, f->pillar_id);
  lineup_post_set_type_id (post, f->type_id);
  g_assert_true (lineup_store_add_post (f->store, post, &error));
  g_assert_no_error (error);
  {
    GDate day;

    g_date_clear (&day, 1);
    g_date_set_dmy (&day, 3, 12, 2026);
    g_assert_true (lineup_store_move_post (f->store, lineup_post_get_id (post), &day, &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(LineupPost) moved = lineup_store_get_post (f->store, lineup_post_get_id (post), &error);
    g_autofree char *when = local_string (f->store, lineup_post_get_scheduled_at (moved));

    g_assert_cmpstr (when, ==, "2026-12-03 10:30");
  }
  {
    g_autoptr(GPtrArray) posts = lineup_store_list_posts (f->store, before, before + 1, &error);

    g_assert_cmpuint (posts->len, ==, 1);
  }

  /* It is the plan's: another window on it sees it after a refresh, and it
   * is there when the plan is opened again. */
  other = lineup_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lineup_store_get_default_time (other), ==, 10 * 60 + 30);
  g_assert_true (lineup_store_set_default_time (other, 8 * 60, &error));
  g_assert_false (lineup_store_refresh (f->store));
  g_assert_cmpint (lineup_store_get_default_time (f->store), ==, 8 * 60);
  g_assert_cmpint (plan_changed, ==, 2);
  g_clear_object (&other);
  g_clear_object (&f->store);
  f->store = lineup_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lineup_store_get_default_time (f->store), ==, 8 * 60);
}

/* ---- migrations and opening bad files ---- */

static void
test_migrations (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lineup-migrate-XXXXXX", &error);

  /* From an empty file and from every earlier schema version. */
  for (int v = 0; v < LINEUP_SCHEMA_VERSION; v++)
    {
      g_autofree char *name = g_strdup_printf ("v%d.db", v);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *backup = g_strdup_printf ("%s.bak-v%d", path, v);
      g_autoptr(LineupStore) store = NULL;
      sqlite3 *db;
      sqlite3_stmt *stmt;

      g_assert_true (_lineup_store_create_at_version (path, v, &error));
      g_assert_no_error (error);
      store = lineup_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_nonnull (store);
      g_assert_cmpint (g_file_test (backup, G_FILE_TEST_EXISTS), ==, v > 0);
      g_assert_cmpuint (g_list_model_get_n_items (lineup_store_get_content_types (store)), ==, 5);
      g_clear_object (&store);

      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, LINEUP_SCHEMA_VERSION);
      sqlite3_finalize (stmt);
      g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
      sqlite3_finalize (stmt);
      sqlite3_close (db);
    }

  /* A file from a newer Lineup is refused and left byte for byte. */
  {
    g_autofree char *path = g_build_filename (dir, "newer.db", NULL);
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", LINEUP_SCHEMA_VERSION + 1);
    sqlite3 *db;

    g_assert_true (_lineup_store_create_at_version (path, LINEUP_SCHEMA_VERSION, &error));
    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
    before = lineup_test_file_digest (path);
    g_assert_null (lineup_store_open (path, &error));
    g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NEWER_SCHEMA);
    g_assert_nonnull (strstr (error->message, "newer"));
    g_clear_error (&error);
    after = lineup_test_file_digest (path);
    g_assert_cmpstr (before, ==, after);
  }

  /* A file that is not a database at all. */
  {
    g_autofree char *path = g_build_filename (dir, "notes.db", NULL);
    g_autofree char *after = NULL;

    g_assert_true (g_file_set_contents (path, "Shopping list: milk, eggs\n", -1, NULL));
    g_assert_null (lineup_store_open (path, &error));
    g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_A_PLAN);
    g_clear_error (&error);
    g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
    g_assert_cmpstr (after, ==, "Shopping list: milk, eggs\n");
  }

  /* Another program's SQLite database. */
  {
    g_autofree char *path = g_build_filename (dir, "other.db", NULL);
    sqlite3 *db;

    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE songs (name TEXT)", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
    g_assert_null (lineup_store_open (path, &error));
    g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_A_PLAN);
    g_clear_error (&error);
  }

  lineup_test_remove_tree (dir);
}

static guint
file_mode (const char *path)
{
  GStatBuf info;

  g_assert_cmpint (g_stat (path, &info), ==, 0);
  return info.st_mode & 07777;
}

/* A new plan, its -wal and -shm, and the backup made before a migration are
 * readable by their owner alone, whatever the umask lets through; an
 * existing plan keeps the mode its owner gave it. */
static void
test_private_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lineup-modes-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "plan.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *backup = g_strconcat (path, ".bak-v1", NULL);
  g_autofree char *shared = g_build_filename (dir, "shared.db", NULL);
  g_autoptr(LineupStore) store = NULL;
  mode_t old_umask = umask (022);

  g_assert_true (_lineup_store_create_at_version (path, 1, &error));
  g_assert_no_error (error);
  g_assert_cmphex (file_mode (path), ==, 0600);
  store = lineup_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_assert_cmphex (file_mode (backup), ==, 0600);
  g_assert_nonnull (lineup_store_add_pillar (store, "Community", "#3584e4", -1, &error));
  g_assert_no_error (error);
  g_assert_cmphex (file_mode (wal), ==, 0600);
  g_assert_cmphex (file_mode (shm), ==, 0600);
  g_clear_object (&store);

  g_assert_true (g_file_set_contents (shared, "", 0, &error));
  g_assert_cmpint (g_chmod (shared, 0640), ==, 0);
  store = lineup_store_open (shared, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_cmphex (file_mode (shared), ==, 0640);

  umask (old_umask);
  lineup_test_remove_tree (dir);
}

/* ---- several processes at once ---- */

#define RACE_ROUNDS 300

/* One process of two on the same plan: comments on the post, or edits it,
 * RACE_ROUNDS times; the exit status is the number of failures (at most
 * 100). */
static int
race_child (const char *path,
            const char *id,
            gboolean    commenting)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupStore) store = lineup_store_open (path, &error);
  int failed = 0;

  if (store == NULL)
    return 100;
  for (int i = 0; i < RACE_ROUNDS; i++)
    {
      g_autofree char *text = g_strdup_printf ("%s %d", commenting ? "Comment" : "Caption", i);
      gboolean done;

      if (commenting)
        done = lineup_workflow_comment (store, id, "Ann", text, &error);
      else
        {
          g_autoptr(LineupPost) post = lineup_store_get_post (store, id, &error);

          if (post)
            lineup_post_set_body (post, text);
          done = post && lineup_workflow_edit (store, post, &error);
        }
      if (!done)
        {
          if (failed++ == 0)
            g_printerr ("%s failed: %s\n", commenting ? "comment" : "edit", error->message);
          g_clear_error (&error);
        }
    }
  return MIN (failed, 100);
}

/* A comment that meets another process's edit of the same post (the window
 * and the command line, two people) is not refused as "changed while this
 * was being done": the race is retried inside, so every comment and every
 * edit is kept. */
static void
test_concurrent_comments_and_edits (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lineup-race-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "plan.db", NULL);
  g_autofree char *id = NULL;
  g_autoptr(GPtrArray) history = NULL;
  guint comments = 0;
  pid_t children[2];

  {
    g_autoptr(LineupStore) store = lineup_store_open (path, &error);
    g_autoptr(LineupPost) post = lineup_post_new ();
    LineupPillar *pillar;

    g_assert_no_error (error);
    pillar = lineup_store_add_pillar (store, "Community", "#3584e4", -1, &error);
    g_assert_no_error (error);
    lineup_post_set_title (post, "Contended");
    lineup_post_set_pillar_id (post, lineup_pillar_get_id (pillar));
    lineup_post_set_type_id (post, lineup_content_type_get_id (lineup_store_find_content_type (store, "Educational")));
    g_assert_true (lineup_store_add_post (store, post, &error));
    id = g_strdup (lineup_post_get_id (post));
  }

  /* Each child opens the plan itself, as another process does. */
  for (guint c = 0; c < 2; c++)
    {
      children[c] = fork ();
      g_assert_cmpint (children[c], >=, 0);
      if (children[c] == 0)
        _exit (race_child (path, id, c == 0));
    }
  for (guint c = 0; c < 2; c++)
    {
      int status = 0;

      g_assert_cmpint (waitpid (children[c], &status, 0), ==, children[c]);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
    }

  {
    g_autoptr(LineupStore) store = lineup_store_open (path, &error);
    g_autoptr(LineupPost) post = NULL;

    g_assert_no_error (error);
    history = lineup_store_get_history (store, id, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < history->len; i++)
      comments += ((LineupStageChange *) history->pdata[i])->kind == LINEUP_HISTORY_COMMENT;
    g_assert_cmpuint (comments, ==, RACE_ROUNDS);
    post = lineup_store_get_post (store, id, &error);
    g_assert_cmpstr (lineup_post_get_body (post), ==, "Caption 299");
  }
  lineup_test_remove_tree (dir);
}

/* ---- import and demo ---- */

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = g_build_filename (f->dir, "plan.csv", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.csv", NULL);
  g_autoptr(GPtrArray) all = NULL;
  guint n = 0;

  g_assert_true (g_file_set_contents (csv,
    "\xEF\xBB\xBFtitle,body,date,time,pillar,type,platform,stage\r\n"
    "\"Quote, comma\",\"Line one\nLine \"\"two\"\"\",2026-12-01,10:30,Product education,Educational,\"Mastodon;LinkedIn\",draft\r\n"
    "Brand new pillar,,,,Stories,narrative,,\r\n", -1, NULL));
  g_assert_true (lineup_import_csv (f->store, csv, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_nonnull (lineup_store_find_pillar (f->store, "Stories"));
  all = lineup_store_list_all_posts (f->store, &error);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpstr (lineup_post_get_title (all->pdata[0]), ==, "Quote, comma");
  g_assert_cmpstr (lineup_post_get_body (all->pdata[0]), ==, "Line one\nLine \"two\"");
  g_assert_cmpint (lineup_post_get_stage (all->pdata[0]), ==, LINEUP_STAGE_DRAFT);
  g_assert_false (lineup_post_is_dated (all->pdata[1]));
  g_assert_cmpstr (lineup_store_get_undo_label (f->store), ==, "Import plan.csv");

  /* The third row is bad: nothing of the file is imported. */
  g_assert_true (g_file_set_contents (bad,
    "title,date,pillar,type\n"
    "Fine,2026-12-02,Product education,Educational\n"
    "Also fine,2026-12-03,Yet another,Educational\n"
    "Broken,2026-02-30,Product education,Educational\n", -1, NULL));
  g_assert_false (lineup_import_csv (f->store, bad, &n, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "row 4"));
  g_assert_nonnull (strstr (error->message, "date"));
  g_assert_nonnull (strstr (error->message, "2026-02-30"));
  g_clear_error (&error);
  g_assert_cmpuint (lineup_store_count_posts (f->store), ==, 2);
  g_assert_null (lineup_store_find_pillar (f->store, "Yet another"));

  g_assert_true (g_file_set_contents (bad, "title,pillar,type\n\"Unclosed,Product education,Educational\n", -1, NULL));
  g_assert_false (lineup_import_csv (f->store, bad, &n, &error));
  g_assert_nonnull (strstr (error->message, "never closed"));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (bad, "title,pillar,colour\nX,Product education,red\n", -1, NULL));
  g_assert_false (lineup_import_csv (f->store, bad, &n, &error));
  g_assert_nonnull (strstr (error->message, "colour"));
  g_clear_error (&error);

  g_assert_false (lineup_import_csv (f->store, "/nonexistent/plan.csv", &n, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_IO);
  g_clear_error (&error);

  /* One undo step takes the whole import back. */
  g_assert_true (lineup_store_undo (f->store, &error));
  g_assert_cmpuint (lineup_store_count_posts (f->store), ==, 0);
}

static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  gboolean stages[LINEUP_N_STAGES] = { FALSE, };
  GHashTable *types = g_hash_table_new (NULL, NULL);
  GHashTable *pillars = g_hash_table_new (NULL, NULL);
  guint n = 0, dated = 0, undated = 0;

  g_assert_true (lineup_demo_fill (f->store, 2026, 12, &n, &error));
  g_assert_no_error (error);
  all = lineup_store_list_all_posts (f->store, &error);
  g_assert_cmpuint (all->len, ==, n);
  for (guint i = 0; i < all->len; i++)
    {
      LineupPost *p = all->pdata[i];
      stages[lineup_post_get_stage (p)] = TRUE;
      g_hash_table_add (types, GINT_TO_POINTER (lineup_post_get_type_id (p)));
      g_hash_table_add (pillars, GINT_TO_POINTER (lineup_post_get_pillar_id (p)));
      if (lineup_post_is_dated (p))
        {
          g_autofree char *when = local_string (f->store, lineup_post_get_scheduled_at (p));
          g_assert_true (g_str_has_prefix (when, "2026-12-"));
          dated++;
        }
      else
        undated++;
    }
  g_assert_cmpuint (dated, >=, 20);
  g_assert_cmpuint (dated, <=, 30);
  g_assert_cmpuint (undated, >=, 2);
  /* Every stage, but published only what is past and scheduled only
   * what is to come: a month wholly past or to come has one of the two. */
  for (int s = 0; s < LINEUP_N_STAGES; s++)
    if (s != LINEUP_STAGE_PUBLISHED && s != LINEUP_STAGE_SCHEDULED)
      g_assert_true (stages[s]);
  g_assert_true (stages[LINEUP_STAGE_PUBLISHED] || stages[LINEUP_STAGE_SCHEDULED]);
  g_assert_cmpuint (g_hash_table_size (types), ==, 5);
  g_assert_cmpuint (g_hash_table_size (pillars), ==, 4);
  /* A launch campaign, and the launch post belongs to it. */
  g_assert_nonnull (lineup_store_find_campaign (f->store, "Feeds launch, December 2026"));
  g_hash_table_unref (types);
  g_hash_table_unref (pillars);

  /* Not twice into the same month. */
  g_assert_false (lineup_demo_fill (f->store, 2026, 12, &n, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_EXISTS);
  g_clear_error (&error);

  /* Nor past the last month a plan keeps (its end, 10000-01-01, has no
   * moment), and nothing is added. */
  n = 0;
  g_assert_false (lineup_demo_fill (f->store, 9999, 12, &n, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "9998-12"));
  g_assert_cmpuint (n, ==, 0);
  g_clear_pointer (&all, g_ptr_array_unref);
  all = lineup_store_list_all_posts (f->store, &error);
  g_assert_cmpuint (all->len, ==, dated + undated);
}

/* The backlog's model reads the undated posts alone and follows them as
 * they get a date or lose it; the store lists them without the rest. */
static void
test_undated_model (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) dated = add_post (f, "Dated", local (f->store, "2026-12-01", "09:00"));
  g_autoptr(LineupPost) first = add_post (f, "First idea", LINEUP_POST_UNDATED);
  g_autoptr(LineupPost) second = add_post (f, "Second idea", LINEUP_POST_UNDATED);
  g_autoptr(LineupPostModel) model = lineup_post_model_new_undated (f->store);
  g_autoptr(GPtrArray) listed = lineup_store_list_undated_posts (f->store, &error);
  GDate d;

  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 2);
  for (guint i = 0; i < listed->len; i++)
    g_assert_false (lineup_post_is_dated (listed->pdata[i]));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  g_assert_cmpuint (lineup_post_model_find (model, lineup_post_get_id (dated)), ==, G_MAXUINT);

  /* Given a day, the idea leaves the backlog; a new dated post never enters. */
  g_assert_true (lineup_parse_date ("2026-12-04", &d));
  g_assert_true (lineup_store_move_post (f->store, lineup_post_get_id (first), &d, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  g_clear_object (&dated);
  dated = add_post (f, "Another dated", local (f->store, "2026-12-02", "09:00"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);

  /* Unplanned, it comes back; undone, it goes again. */
  g_assert_true (lineup_store_unschedule_post (f->store, lineup_post_get_id (first), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  g_assert_cmpuint (lineup_post_model_find (model, lineup_post_get_id (first)), !=, G_MAXUINT);
  g_assert_true (lineup_store_undo (f->store, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  g_assert_cmpuint (lineup_post_model_find (model, lineup_post_get_id (second)), ==, 0);
  g_assert_true (lineup_store_has_posts (f->store));
}

/* A view redraws when the plan changes: by then the store must already be
 * in the new zone, or the cards would show the old zone's times. */
static void
on_plan_changed_read_zone (LineupStore *store,
                           char       **seen)
{
  g_free (*seen);
  *seen = g_strdup (lineup_store_get_time_zone_id (store));
}

static void
test_time_zone_signal (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *seen = NULL;
  gulong id = g_signal_connect (f->store, "plan-changed", G_CALLBACK (on_plan_changed_read_zone), &seen);

  g_assert_true (lineup_store_set_time_zone (f->store, "America/New_York", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (seen, ==, "America/New_York");

  /* A refused zone changes nothing and says nothing. */
  g_clear_pointer (&seen, g_free);
  g_assert_false (lineup_store_set_time_zone (f->store, "Mars/Olympus", &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_assert_null (seen);
  g_assert_cmpstr (lineup_store_get_time_zone_id (f->store), ==, "America/New_York");
  g_signal_handler_disconnect (f->store, id);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func, data) \
  g_test_add (name, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/crud", test_crud, NULL);
  ADD ("/store/persistence", test_persistence, NULL);
  ADD ("/store/dst/warsaw", test_dst, "Europe/Warsaw");
  ADD ("/store/dst/new-york", test_dst, "America/New_York");
  ADD ("/store/limits", test_limits, NULL);
  ADD ("/store/undo", test_undo, NULL);
  ADD ("/store/batch", test_batch, NULL);
  ADD ("/store/post-model", test_post_model, NULL);
  ADD ("/store/import", test_import, NULL);
  ADD ("/store/refresh", test_refresh, NULL);
  ADD ("/store/default-time", test_default_time, "Europe/Warsaw");
  ADD ("/store/time-zone-signal", test_time_zone_signal, "Europe/Warsaw");
  ADD ("/store/undated-model", test_undated_model, "Europe/Warsaw");
  ADD ("/store/agenda-model", test_agenda_model, NULL);
  ADD ("/views/filter", test_filter, NULL);
  ADD ("/store/duplicate-and-refused-moves", test_duplicate_and_refused_moves, "Europe/Warsaw");
  ADD ("/store/demo", test_demo, NULL);
  ADD ("/store/range-reads", test_range_reads, "Europe/Warsaw");
  g_test_add_func ("/store/migrations", test_migrations);
  g_test_add_func ("/store/private-files", test_private_files);
  g_test_add_func ("/store/concurrent-comments-and-edits", test_concurrent_comments_and_edits);
  g_test_add_func ("/calendar/month-grid", test_month_grid);

  return g_test_run ();
}
