/* test-commit-hook.c: what listens to a plan's commits sees every change,
 * inside the committing transaction, and can refuse it.
 *
 * Two listeners stand for the outbox and a shared plan's sync: both see the
 * same changes in the order they were added; what a listener writes commits
 * with the change; a listener that fails rolls the whole change back (the
 * file, the undo history and the signals), and its error is the change's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "lineup-core.h"
#include "lineup-store-publish.h"
#include "lineup-test-util.h"

typedef struct {
  const char *name;
  GString    *log;         /* shared: "name:kinds:n_posts;" per call */
  gboolean    fail;        /* refuse the next change */
  gboolean    write_meta;  /* write a row of its own inside the transaction */
  guint       calls;
  GPtrArray  *titles;      /* new_post titles seen */
} Listener;

typedef struct {
  char *dir;
  char *path;
  LineupStore *store;
  gint64 pillar_id;
  gint64 type_id;
  GString *log;
  Listener first;
  Listener second;
  guint added_signals;
} Fixture;

static gboolean
listener_hook (LineupStore         *store,
               const LineupCommit  *commit,
               gpointer             user_data,
               GError             **error)
{
  Listener *l = user_data;

  l->calls++;
  g_string_append_printf (l->log, "%s:%d:%u;", l->name, commit->kinds, commit->n_posts);
  for (guint i = 0; i < commit->n_posts; i++)
    g_ptr_array_add (l->titles, g_strdup (lineup_post_get_title (commit->posts[i].new_post)));

  if (l->write_meta)
    {
      sqlite3_stmt *stmt = _lineup_store_prepare (store,
                                                  "INSERT INTO meta (key, value) VALUES ('hook_test', '1') "
                                                  "ON CONFLICT (key) DO UPDATE SET value = CAST (value AS INTEGER) + 1",
                                                  error);
      if (stmt == NULL || !_lineup_store_step_done (store, stmt, "count the change", error))
        return FALSE;
    }

  if (l->fail)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, "%s refuses this change", l->name);
      return FALSE;
    }
  return TRUE;
}

static void
on_post_added_cb (LineupStore *store,
                  LineupPost  *post,
                  Fixture     *f)
{
  f->added_signals++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("lineup-hook-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "lineup.db", NULL);
  /* The store alone: no outbox, only the test's listeners. */
  f->store = lineup_store_open (f->path, &error);
  g_assert_no_error (error);
  f->pillar_id = lineup_pillar_get_id (lineup_store_add_pillar (f->store, "Stories", NULL, -1, &error));
  g_assert_no_error (error);
  f->type_id = lineup_content_type_get_id (lineup_store_find_content_type (f->store, "Narrative"));

  f->log = g_string_new (NULL);
  f->first = (Listener) { "outbox", f->log, FALSE, FALSE, 0, g_ptr_array_new_with_free_func (g_free) };
  f->second = (Listener) { "sync", f->log, FALSE, FALSE, 0, g_ptr_array_new_with_free_func (g_free) };
  lineup_store_add_commit_hook (f->store, listener_hook, &f->first, NULL);
  lineup_store_add_commit_hook (f->store, listener_hook, &f->second, NULL);
  g_signal_connect (f->store, "post-added", G_CALLBACK (on_post_added_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  lineup_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_string_free (f->log, TRUE);
  g_ptr_array_unref (f->first.titles);
  g_ptr_array_unref (f->second.titles);
}

static LineupPost *
new_post (Fixture    *f,
          const char *title)
{
  LineupPost *post = lineup_post_new ();
  GDate *date = g_date_new_dmy (7, G_DATE_DECEMBER, 2026);

  lineup_post_set_title (post, title);
  lineup_post_set_pillar_id (post, f->pillar_id);
  lineup_post_set_type_id (post, f->type_id);
  lineup_post_set_scheduled_at (post, lineup_store_local_to_utc (f->store, date, 10 * 60));
  g_date_free (date);
  return post;
}

static char *
read_hook_meta (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT value FROM meta WHERE key = 'hook_test'", -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* Both listeners see the change, in the order they were added, with what
 * it touched. */
static void
test_two_listeners_see_each_change (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) post = new_post (f, "Launch story");

  g_string_truncate (f->log, 0);
  g_assert_true (lineup_store_add_post (f->store, post, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (f->log->str, ==, "outbox:1:1;sync:1:1;");
  g_assert_cmpuint (f->first.titles->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->second.titles, 0), ==, "Launch story");

  /* A batch is one commit: one call with both posts, in order. */
  g_string_truncate (f->log, 0);
  lineup_store_begin (f->store, "Two posts");
  {
    g_autoptr(LineupPost) a = new_post (f, "First");
    g_autoptr(LineupPost) b = new_post (f, "Second");

    g_assert_true (lineup_store_add_post (f->store, a, &error));
    g_assert_true (lineup_store_add_post (f->store, b, &error));
  }
  g_assert_cmpstr (f->log->str, ==, "");   /* nothing until the commit */
  g_assert_true (lineup_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (f->log->str, ==, "outbox:1:2;sync:1:2;");
  g_assert_cmpstr (g_ptr_array_index (f->first.titles, 1), ==, "First");
  g_assert_cmpstr (g_ptr_array_index (f->first.titles, 2), ==, "Second");

  /* Undo is a change too: the listeners follow it. */
  g_string_truncate (f->log, 0);
  g_assert_true (lineup_store_undo (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (f->log->str, ==, "outbox:1:2;sync:1:2;");

  /* A change of settings says what it touched, with no post. */
  g_string_truncate (f->log, 0);
  g_assert_nonnull (lineup_store_add_pillar (f->store, "Product", NULL, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (f->log->str, ==, "outbox:2:0;sync:2:0;");
}

/* What a listener writes is part of the change: it is in the file after
 * the commit. */
static void
test_listener_writes_commit_with_the_change (Fixture       *f,
                                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) post = new_post (f, "Launch story");
  g_autofree char *value = NULL;

  f->second.write_meta = TRUE;
  g_assert_true (lineup_store_add_post (f->store, post, &error));
  g_assert_no_error (error);
  value = read_hook_meta (f->path);
  g_assert_cmpstr (value, ==, "1");
}

/* A listener that fails rolls back the change and what the other listener
 * wrote for it; the change's error is the listener's; no signal, no undo
 * step, and the plan on disk is as before. */
static void
test_failing_listener_rolls_back (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) post = new_post (f, "Launch story");
  g_autoptr(GPtrArray) posts = NULL;
  g_autofree char *value = NULL;
  gboolean could_undo = lineup_store_can_undo (f->store);

  f->first.write_meta = TRUE;    /* writes, then the second refuses */
  f->second.fail = TRUE;

  g_assert_false (lineup_store_add_post (f->store, post, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_cmpstr (error->message, ==, "sync refuses this change");
  g_assert_cmpuint (f->first.calls, ==, 1);
  g_assert_cmpuint (f->second.calls, ==, 1);
  g_assert_cmpuint (f->added_signals, ==, 0);
  g_assert_cmpint (lineup_store_can_undo (f->store), ==, could_undo);
  g_clear_error (&error);

  posts = lineup_store_list_all_posts (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (posts->len, ==, 0);
  value = read_hook_meta (f->path);
  g_assert_null (value);
  g_assert_false (lineup_store_has_posts (f->store));

  /* The file holds the plan as before: reopen it and look. */
  g_clear_object (&f->store);
  f->store = lineup_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_false (lineup_store_has_posts (f->store));

  /* Once the listener accepts again, the same change goes through. */
  lineup_store_add_commit_hook (f->store, listener_hook, &f->second, NULL);
  f->second.fail = FALSE;
  g_assert_true (lineup_store_add_post (f->store, post, &error));
  g_assert_no_error (error);
  g_assert_true (lineup_store_has_posts (f->store));
}

/* A removed listener is not called any more; the other one still is. */
static void
test_removed_listener_is_not_called (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupPost) post = NULL;
  Listener only = { "only", f->log, FALSE, FALSE, 0, g_ptr_array_new_with_free_func (g_free) };
  Listener gone = { "gone", f->log, TRUE, FALSE, 0, g_ptr_array_new_with_free_func (g_free) };
  guint id;

  g_clear_object (&f->store);
  store = lineup_store_open (f->path, &error);
  g_assert_no_error (error);
  lineup_store_add_commit_hook (store, listener_hook, &only, NULL);
  id = lineup_store_add_commit_hook (store, listener_hook, &gone, NULL);
  g_assert_cmpuint (id, !=, 0);
  lineup_store_remove_commit_hook (store, id);

  post = lineup_post_new ();
  lineup_post_set_title (post, "Idea");
  lineup_post_set_pillar_id (post, f->pillar_id);
  lineup_post_set_type_id (post, f->type_id);
  g_assert_true (lineup_store_add_post (store, post, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (only.calls, ==, 1);
  g_assert_cmpuint (gone.calls, ==, 0);
  g_ptr_array_unref (only.titles);
  g_ptr_array_unref (gone.titles);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/commit-hook/two-listeners", Fixture, NULL,
              fixture_set_up, test_two_listeners_see_each_change, fixture_tear_down);
  g_test_add ("/commit-hook/listener-writes", Fixture, NULL,
              fixture_set_up, test_listener_writes_commit_with_the_change, fixture_tear_down);
  g_test_add ("/commit-hook/failing-listener-rolls-back", Fixture, NULL,
              fixture_set_up, test_failing_listener_rolls_back, fixture_tear_down);
  g_test_add ("/commit-hook/removed-listener", Fixture, NULL,
              fixture_set_up, test_removed_listener_is_not_called, fixture_tear_down);
  return g_test_run ();
}
