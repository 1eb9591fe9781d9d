/* test-outbox.c: remote changes are written with the local change that
 * causes them, and never without it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "lineup-core.h"
#include "lineup-account.h"
#include "lineup-outbox.h"
#include "lineup-sync.h"
#include "lineup-store-media.h"
#include "lineup-test-util.h"

typedef struct {
  char *dir;
  char *path;
  LineupStore *store;
  gint64 pillar_id;
  gint64 type_id;
  char *account_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupAccount) account = lineup_account_new ();

  f->dir = g_dir_make_tmp ("lineup-outbox-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "lineup.db", NULL);
  f->store = lineup_plan_open (f->path, &error);
  g_assert_no_error (error);
  f->pillar_id = lineup_pillar_get_id (lineup_store_add_pillar (f->store, "Stories", NULL, -1, &error));
  g_assert_no_error (error);
  f->type_id = lineup_content_type_get_id (lineup_store_find_content_type (f->store, "Narrative"));

  account->kind = LINEUP_ACCOUNT_MASTODON;
  account->name = g_strdup ("team@social.example");
  account->endpoint = g_strdup ("https://social.example");
  g_assert_true (lineup_store_add_account (f->store, account, &error));
  g_assert_no_error (error);
  f->account_id = g_strdup (account->id);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  lineup_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->account_id);
}

static char *
add_post (Fixture     *f,
          LineupStage  stage,
          gint64       at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) post = lineup_post_new ();
  const char *platforms[] = { "mastodon", NULL };

  lineup_post_set_title (post, "Launch story");
  lineup_post_set_body (post, "We launched the thing today.");
  lineup_post_set_pillar_id (post, f->pillar_id);
  lineup_post_set_type_id (post, f->type_id);
  lineup_post_set_platforms (post, platforms);
  lineup_post_set_scheduled_at (post, at);
  lineup_post_set_stage (post, stage);
  g_assert_true (lineup_store_add_post (f->store, post, &error));
  g_assert_no_error (error);
  return g_strdup (lineup_post_get_id (post));
}

/* The post's outbox operations, oldest first, joined: "create,move". */
static char *
ops_of (Fixture    *f,
        const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = lineup_store_get_post_sync (f->store, id, &error);

  g_assert_no_error (error);
  if (rows->len == 0)
    return g_strdup ("");
  return g_strjoinv (",", ((LineupPostSync *) g_ptr_array_index (rows, 0))->ops);
}

static LineupSyncState
state_of (Fixture    *f,
          const char *id)
{
  g_autoptr(GPtrArray) rows = lineup_store_get_post_sync (f->store, id, NULL);

  return rows->len ? ((LineupPostSync *) g_ptr_array_index (rows, 0))->state : (LineupSyncState) -1;
}

static void
test_target_then_changes (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 at = g_get_real_time () / G_USEC_PER_SEC + 3 * 86400;
  g_autofree char *id = add_post (f, LINEUP_STAGE_SCHEDULED, at);
  g_autofree char *ops = NULL;
  g_autoptr(GDateTime) later = g_date_time_new_from_unix_local (at + 86400);
  GDate date;

  /* Targeting a scheduled post queues its creation. */
  g_assert_true (lineup_store_set_post_target (f->store, id, f->account_id, TRUE, &error));
  g_assert_no_error (error);
  ops = ops_of (f, id);
  g_assert_cmpstr (ops, ==, "create");
  g_assert_cmpint (state_of (f, id), ==, LINEUP_SYNC_PENDING);

  /* A move is queued behind it; undo of the move queues another. */
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (later), g_date_time_get_month (later),
                  g_date_time_get_year (later));
  g_assert_true (lineup_store_move_post (f->store, id, &date, &error));
  g_assert_no_error (error);
  g_free (ops);
  ops = ops_of (f, id);
  g_assert_cmpstr (ops, ==, "create,move");
  g_assert_true (lineup_store_undo (f->store, &error));
  g_free (ops);
  ops = ops_of (f, id);
  g_assert_cmpstr (ops, ==, "create,move,move");

  /* Back out of Scheduled: a cancel. */
  g_assert_true (lineup_workflow_move (f->store, id, LINEUP_STAGE_APPROVED, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_free (ops);
  ops = ops_of (f, id);
  g_assert_cmpstr (ops, ==, "create,move,move,cancel");
}

static void
test_unscheduled_posts_queue_nothing (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 at = g_get_real_time () / G_USEC_PER_SEC + 3 * 86400;
  g_autofree char *id = add_post (f, LINEUP_STAGE_APPROVED, at);
  g_autofree char *ops = NULL;

  g_assert_true (lineup_store_set_post_target (f->store, id, f->account_id, TRUE, &error));
  ops = ops_of (f, id);
  g_assert_cmpstr (ops, ==, "");
  g_assert_cmpint (state_of (f, id), ==, LINEUP_SYNC_NOT_SYNCED);

  /* Scheduling it queues the create in the same step. */
  g_assert_true (lineup_workflow_move (f->store, id, LINEUP_STAGE_SCHEDULED, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_free (ops);
  ops = ops_of (f, id);
  g_assert_cmpstr (ops, ==, "create");
}

/* A batch that fails leaves neither the change nor its outbox rows. */
static void
test_rolled_back_together (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 at = g_get_real_time () / G_USEC_PER_SEC + 3 * 86400;
  g_autofree char *id = add_post (f, LINEUP_STAGE_SCHEDULED, at);
  g_autofree char *ops = NULL;
  g_autoptr(LineupPost) before = NULL;
  GDate date;

  g_assert_true (lineup_store_set_post_target (f->store, id, f->account_id, TRUE, &error));
  g_free (ops);
  before = lineup_store_get_post (f->store, id, &error);

  lineup_store_begin (f->store, "Move and fail");
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, 1, 2031);
  g_assert_true (lineup_store_move_post (f->store, id, &date, &error));
  g_assert_false (lineup_store_move_post (f->store, "no-such-post", &date, &error));
  g_clear_error (&error);
  lineup_store_rollback (f->store);

  ops = ops_of (f, id);
  g_assert_cmpstr (ops, ==, "create");
  {
    g_autoptr(LineupPost) after = lineup_store_get_post (f->store, id, &error);
    g_assert_cmpint (lineup_post_get_scheduled_at (after), ==, lineup_post_get_scheduled_at (before));
  }
}

static void
test_remove_account_clears_its_queue (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 at = g_get_real_time () / G_USEC_PER_SEC + 3 * 86400;
  g_autofree char *id = add_post (f, LINEUP_STAGE_SCHEDULED, at);
  g_autoptr(GPtrArray) outbox = NULL;
  g_auto(GStrv) targets = NULL;

  g_assert_true (lineup_store_set_post_target (f->store, id, f->account_id, TRUE, &error));
  g_assert_true (lineup_store_remove_account (f->store, f->account_id, &error));
  g_assert_no_error (error);
  outbox = lineup_store_get_outbox (f->store, TRUE, &error);
  g_assert_cmpuint (outbox->len, ==, 0);
  targets = lineup_store_get_post_targets (f->store, id, &error);
  g_assert_cmpuint (g_strv_length (targets), ==, 0);
}

/* More than Mastodon's 25 a UTC day is said before it bites. */
static void
test_daily_limit_warning (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) day = g_date_time_add_days (now, 10);
  g_autoptr(GDateTime) noon = g_date_time_new_utc (g_date_time_get_year (day), g_date_time_get_month (day),
                                                   g_date_time_get_day_of_month (day), 8, 0, 0);

  lineup_store_begin (f->store, "Many");
  for (int i = 0; i < 27; i++)
    {
      g_autofree char *id = add_post (f, LINEUP_STAGE_SCHEDULED, g_date_time_to_unix (noon) + i * 60);
      g_assert_true (lineup_store_set_post_target (f->store, id, f->account_id, TRUE, &error));
    }
  g_assert_true (lineup_store_commit (f->store, &error));
  warnings = lineup_sync_check_limits (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "27 posts"));
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "at most 25"));
}

/* Runs @sql on the plan's file beside the store: what a sync that
 * scheduled the post on the server left there. */
static void
exec_sql (Fixture    *f,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static void
test_alt_edit_describes (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 at = g_get_real_time () / G_USEC_PER_SEC + 3 * 86400;
  g_autofree char *id = add_post (f, LINEUP_STAGE_SCHEDULED, at);
  g_autofree char *sql = NULL;
  g_autofree char *ops = NULL;
  const char *sha = "ea271127651e0f9aa5186d63c4caac19adf6095f4d3fc731cbfaffabd7093758";

  g_assert_true (lineup_store_set_post_target (f->store, id, f->account_id, TRUE, &error));
  g_assert_no_error (error);
  /* Synced: the server holds it with its picture, described as "A bike". */
  sql = g_strdup_printf ("DELETE FROM outbox;"
                         "UPDATE publish_state SET state = 'synced', remote_id = '77', remote_at = %" G_GINT64_FORMAT ","
                         "  remote_text = 'We launched the thing today.';"
                         "INSERT INTO media (sha256, mime, kind, size, width, height) VALUES ('%s', 'image/png', 'image', 90, 3, 3);"
                         "INSERT INTO post_media (post_id, position, sha256, alt) VALUES ('%s', 0, '%s', 'A bike');"
                         "INSERT INTO remote_media (post_id, account_id, sha256, alt, media_id, position, attached) "
                         "  VALUES ('%s', '%s', '%s', 'A bike', '501', 0, 1);",
                         at, sha, id, sha, id, f->account_id, sha);
  exec_sql (f, sql);
  ops = ops_of (f, id);
  g_assert_cmpstr (ops, ==, "");

  /* New alt text: a "describe", in the same change, and only one. */
  g_assert_true (lineup_store_set_medium_alt (f->store, id, 0, "A red bike", &error));
  g_assert_no_error (error);
  g_free (ops);
  ops = ops_of (f, id);
  g_assert_cmpstr (ops, ==, "describe");
  g_assert_cmpint (state_of (f, id), ==, LINEUP_SYNC_PENDING);
  g_assert_true (lineup_store_set_medium_alt (f->store, id, 0, "A red bike on a wall", &error));
  g_free (ops);
  ops = ops_of (f, id);
  g_assert_cmpstr (ops, ==, "describe");

  /* Back to what the server has: nothing more is queued. */
  exec_sql (f, "DELETE FROM outbox");
  g_assert_true (lineup_store_set_medium_alt (f->store, id, 0, "A bike", &error));
  g_free (ops);
  ops = ops_of (f, id);
  g_assert_cmpstr (ops, ==, "");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/outbox/target-then-changes", Fixture, NULL, fixture_set_up, test_target_then_changes, fixture_tear_down);
  g_test_add ("/outbox/unscheduled-queue-nothing", Fixture, NULL, fixture_set_up, test_unscheduled_posts_queue_nothing, fixture_tear_down);
  g_test_add ("/outbox/rolled-back-together", Fixture, NULL, fixture_set_up, test_rolled_back_together, fixture_tear_down);
  g_test_add ("/outbox/remove-account", Fixture, NULL, fixture_set_up, test_remove_account_clears_its_queue, fixture_tear_down);
  g_test_add ("/outbox/alt-edit-describes", Fixture, NULL, fixture_set_up, test_alt_edit_describes, fixture_tear_down);
  g_test_add ("/outbox/daily-limit-warning", Fixture, NULL, fixture_set_up, test_daily_limit_warning, fixture_tear_down);
  return g_test_run ();
}
