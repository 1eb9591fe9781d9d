/* test-crash.c: kill -9 at random moments never breaks the plan.
 *
 * A child process edits the plan as fast as it can and, after each change
 * the store says is committed, writes the post's new state to a pipe. The
 * parent kills it with SIGKILL at a random moment, 20 times over the same
 * file, and checks that the file passes integrity_check and holds every
 * reported change. Only the one change in flight when the kill came may be
 * missing or present, and a batch of three is all there or not at all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lineup-core.h"
#include "lineup-test-util.h"
#include "lineup-store-workflow.h"

#define ROUNDS 20

static void
report (LineupPost *post,
        const char *gone)
{
  /* id revision stage scheduled deleted title */
  g_autofree char *line = g_strdup_printf ("%s %d %d %" G_GINT64_FORMAT " %s %s\n",
                                           lineup_post_get_id (post),
                                           lineup_post_get_revision (post),
                                           lineup_post_get_stage (post),
                                           lineup_post_get_scheduled_at (post),
                                           gone, lineup_post_get_title (post));
  gsize len = strlen (line);
  const char *p = line;

  while (len > 0)
    {
      ssize_t n = write (STDOUT_FILENO, p, len);
      if (n <= 0)
        _exit (3);
      p += n;
      len -= n;
    }
}

static LineupPost *
new_post (LineupStore *store,
          GRand       *rand,
          const char  *title)
{
  LineupPost *post = lineup_post_new ();
  LineupPillar *pillar = g_list_model_get_item (lineup_store_get_pillars (store), 0);

  lineup_post_set_title (post, title);
  lineup_post_set_body (post, "Caption");
  lineup_post_set_pillar_id (post, lineup_pillar_get_id (pillar));
  lineup_post_set_type_id (post, lineup_content_type_get_id (lineup_store_find_content_type (store, "proof")));
  lineup_post_set_scheduled_at (post, 1796000000 + g_rand_int_range (rand, 0, 90) * 86400);
  g_object_unref (pillar);
  return post;
}

static G_GNUC_NORETURN void
run_child (const char *path,
           guint32     seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupStore) store = lineup_plan_open (path, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  guint op = 0;

  if (store == NULL)
    {
      g_printerr ("child: %s\n", error->message);
      _exit (2);
    }
  if (lineup_store_find_pillar (store, "Crash") == NULL &&
      lineup_store_add_pillar (store, "Crash", NULL, -1, &error) == NULL)
    _exit (2);

  {
    g_autoptr(GPtrArray) existing = lineup_store_list_all_posts (store, NULL);
    for (guint i = 0; existing && i < existing->len; i++)
      g_ptr_array_add (ids, g_strdup (lineup_post_get_id (existing->pdata[i])));
  }

  for (;;)
    {
      int what = ids->len < 5 ? 0 : g_rand_int_range (rand, 0, 6);
      const char *id = ids->len ? g_ptr_array_index (ids, g_rand_int_range (rand, 0, ids->len)) : NULL;
      g_autoptr(LineupPost) after = NULL;

      op++;
      switch (what)
        {
        case 0: /* add */
          {
            g_autofree char *title = g_strdup_printf ("single-%u-%u", seed, op);
            after = new_post (store, rand, title);
            if (!lineup_store_add_post (store, after, &error))
              _exit (4);
            g_ptr_array_add (ids, g_strdup (lineup_post_get_id (after)));
            report (after, "live");
          }
          break;
        case 1: /* edit */
          {
            g_autofree char *title = g_strdup_printf ("edited-%u-%u", seed, op);
            after = lineup_store_get_post (store, id, &error);
            lineup_post_set_title (after, title);
            if (!lineup_workflow_edit (store, after, &error))
              _exit (4);
            g_clear_object (&after);
            after = lineup_store_get_post (store, id, &error);
            report (after, "live");
          }
          break;
        case 2: /* move */
          {
            GDate d;
            g_date_clear (&d, 1);
            g_date_set_dmy (&d, g_rand_int_range (rand, 1, 28), g_rand_int_range (rand, 1, 13), 2027);
            if (!lineup_store_move_post (store, id, &d, &error))
              {
                /* A published post refuses to move: nothing changed. */
                if (!g_error_matches (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID))
                  _exit (4);
                g_clear_error (&error);
                break;
              }
            after = lineup_store_get_post (store, id, &error);
            report (after, "live");
          }
          break;
        case 3: /* stage */
          if (!lineup_store_set_stage (store, id, g_rand_int_range (rand, 0, LINEUP_N_STAGES),
                                       "Crash tester", "random", &error))
            _exit (4);
          after = lineup_store_get_post (store, id, &error);
          report (after, "live");
          break;
        case 4: /* delete */
          after = lineup_store_get_post (store, id, &error);
          if (!lineup_store_delete_post (store, id, &error))
            _exit (4);
          report (after, "deleted");
          g_ptr_array_remove (ids, (gpointer) id);
          break;
        case 5: /* a batch of three */
          {
            g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

            lineup_store_begin (store, "Batch");
            for (int k = 0; k < 3; k++)
              {
                g_autofree char *title = g_strdup_printf ("batch-%u-%u", seed, op);
                LineupPost *post = new_post (store, rand, title);
                if (!lineup_store_add_post (store, post, &error))
                  _exit (4);
                g_ptr_array_add (added, post);
              }
            if (!lineup_store_commit (store, &error))
              _exit (4);
            for (guint k = 0; k < added->len; k++)
              {
                report (added->pdata[k], "live");
                g_ptr_array_add (ids, g_strdup (lineup_post_get_id (added->pdata[k])));
              }
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

typedef struct {
  int revision;
  int stage;
  gint64 scheduled;
  gboolean deleted;
  char *title;
} Expected;

static void
expected_free (Expected *e)
{
  g_free (e->title);
  g_free (e);
}

static void
read_reports (const char *text,
              GHashTable *expected)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i]; i++)
    {
      char id[64], gone[16];
      int revision, stage, offset = 0;
      gint64 scheduled;
      Expected *e;

      /* A line cut by the kill has no newline and is the last piece. */
      if (lines[i + 1] == NULL)
        break;
      g_assert_cmpint (sscanf (lines[i], "%63s %d %d %" G_GINT64_FORMAT " %15s %n",
                               id, &revision, &stage, &scheduled, gone, &offset), ==, 5);
      e = g_new0 (Expected, 1);
      e->revision = revision;
      e->stage = stage;
      e->scheduled = scheduled;
      e->deleted = g_str_equal (gone, "deleted");
      e->title = g_strdup (lines[i] + offset);
      g_hash_table_replace (expected, g_strdup (id), e);
    }
}

static void
check_database (const char *path,
                GHashTable *expected,
                int         round)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  guint unexplained_single = 0, differing = 0;
  g_autoptr(GHashTable) unexplained_batches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* Killed before the first child had even made the file (a sanitized
   * build starts slower than the first kill's delay): nothing was saved,
   * nothing can have been reported. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_assert_cmpuint (g_hash_table_size (expected), ==, 0);
      g_test_message ("round %d: killed before the plan's file existed, consistent", round);
      return;
    }
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA foreign_key_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  /* Killed before the first child had created the plan (a loaded machine
   * can take longer than the first kill's delay to start a process): the
   * file is empty, which is as consistent as a plan gets, and nothing can
   * have been reported as saved. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'posts'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  if (sqlite3_column_int (stmt, 0) == 0)
    {
      sqlite3_finalize (stmt);
      sqlite3_close (db);
      g_assert_cmpuint (g_hash_table_size (expected), ==, 0);
      g_test_message ("round %d: killed before the plan existed, consistent", round);
      return;
    }
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                     "SELECT id, revision, stage, slot, deleted_at IS NOT NULL, title FROM posts",
                     -1, &stmt, NULL), ==, SQLITE_OK);
  {
    g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        const char *id = (const char *) sqlite3_column_text (stmt, 0);
        const char *title = (const char *) sqlite3_column_text (stmt, 5);
        Expected *e = g_hash_table_lookup (expected, id);

        if (e == NULL)
          {
            /* Added by the change in flight when the kill came. */
            if (g_str_has_prefix (title, "batch-"))
              {
                guint n = GPOINTER_TO_UINT (g_hash_table_lookup (unexplained_batches, title));
                g_hash_table_replace (unexplained_batches, g_strdup (title), GUINT_TO_POINTER (n + 1));
              }
            else
              unexplained_single++;
            continue;
          }
        g_hash_table_add (seen, e);

        if (e->revision != sqlite3_column_int (stmt, 1) ||
            e->stage != sqlite3_column_int (stmt, 2) ||
            (!e->deleted && e->scheduled != sqlite3_column_int64 (stmt, 3)) ||
            e->deleted != sqlite3_column_int (stmt, 4) ||
            g_strcmp0 (e->title, title) != 0)
          {
            /* Only forward: the in-flight change, never a lost one. */
            g_assert_cmpint (sqlite3_column_int (stmt, 1), >=, e->revision);
            g_assert_true (sqlite3_column_int (stmt, 4) || !e->deleted);
            differing++;
          }
      }
    sqlite3_finalize (stmt);

    /* Every reported post is in the file. */
    g_assert_cmpuint (g_hash_table_size (seen), ==, g_hash_table_size (expected));
  }

  /* At most one change was in flight: one post, or one whole batch. */
  g_assert_cmpuint (unexplained_single + differing + g_hash_table_size (unexplained_batches), <=, 1);
  {
    GHashTableIter iter;
    gpointer key, value;
    g_hash_table_iter_init (&iter, unexplained_batches);
    /* Its reports may have been cut short, but its rows are all there. */
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM posts WHERE title = ?",
                                             -1, &stmt, NULL), ==, SQLITE_OK);
        sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
        g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 3);
        sqlite3_finalize (stmt);
      }
  }

  /* What the file holds now is the truth the next round builds on: the
   * change in flight is either in it or not, and either is consistent. */
  g_hash_table_remove_all (expected);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                     "SELECT id, revision, stage, slot, deleted_at IS NOT NULL, title FROM posts",
                     -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Expected *e = g_new0 (Expected, 1);
      e->revision = sqlite3_column_int (stmt, 1);
      e->stage = sqlite3_column_int (stmt, 2);
      e->scheduled = sqlite3_column_int64 (stmt, 3);
      e->deleted = sqlite3_column_int (stmt, 4);
      e->title = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      g_hash_table_replace (expected, g_strdup ((const char *) sqlite3_column_text (stmt, 0)), e);
    }
  sqlite3_finalize (stmt);

  sqlite3_close (db);
  g_test_message ("round %d: %u posts reported, consistent", round, g_hash_table_size (expected));
}

static void
test_kill9 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lineup-crash-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "lineup.db", NULL);
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          (GDestroyNotify) expected_free);
  guint32 seed = g_test_rand_int ();
  GRand *rand = g_rand_new_with_seed (seed);
  char exe[4096];
  ssize_t exe_len = readlink ("/proc/self/exe", exe, sizeof exe - 1);

  g_assert_cmpint (exe_len, >, 0);
  exe[exe_len] = '\0';
  g_test_message ("seed %u, database %s", seed, path);

  for (int round = 0; round < ROUNDS; round++)
    {
      g_autofree char *seed_arg = g_strdup_printf ("%u", seed + round);
      const char *argv[] = { exe, "--child", path, seed_arg, NULL };
      GString *out = g_string_new (NULL);
      GPid pid;
      int out_fd, status;
      char buf[4096];
      ssize_t n;

      g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                               G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                               &pid, NULL, &out_fd, NULL, &error));
      g_assert_no_error (error);

      /* Let it work for a while: long enough to open the file and commit,
       * short enough that the kill lands mid-write often. A loaded machine
       * may take longer than that to start a process and make the plan:
       * while nothing was saved yet, each round waits a quarter second
       * longer, so the kills still land in the work, not only before it. */
      g_usleep ((g_rand_int_range (rand, 30, 250) +
                 (g_hash_table_size (expected) == 0 ? 250 * round : 0)) * 1000);
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));
      g_spawn_close_pid (pid);

      while ((n = read (out_fd, buf, sizeof buf)) > 0)
        g_string_append_len (out, buf, n);
      close (out_fd);

      read_reports (out->str, expected);
      g_string_free (out, TRUE);
      check_database (path, expected, round);
    }

  g_assert_cmpuint (g_hash_table_size (expected), >, 0);

  /* And the store itself opens it and reads every post. */
  {
    g_autoptr(LineupStore) store = lineup_plan_open (path, &error);
    g_autoptr(GPtrArray) all = NULL;
    guint live = 0;
    GHashTableIter iter;
    gpointer value;

    g_assert_no_error (error);
    all = lineup_store_list_all_posts (store, &error);
    g_assert_no_error (error);
    g_hash_table_iter_init (&iter, expected);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      live += !((Expected *) value)->deleted;
    g_assert_cmpuint (all->len, >=, live);
  }

  g_rand_free (rand);

  lineup_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "--child"))
    run_child (argv[2], (guint32) g_ascii_strtoull (argv[3], NULL, 10));

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/crash/kill-9", test_kill9);
  return g_test_run ();
}
