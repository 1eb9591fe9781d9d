/* lineup-bench-store.c: the store against its budgets (design.md).
 *
 *   lineup-bench-store [--posts N] [--keep PATH [--reuse]]
 *
 * Generates N posts (default 100,000) spread over two years the way a busy
 * team plans them, through the store's own API, in a child process; then, in
 * this process, loads months and measures memory. Every number is printed
 * beside its budget and beside a baseline measured in the same run: the same
 * rows read (or written) with bare SQLite and no objects.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lineup-core.h"
#include "bench-util.h"

#define MONTH_BUDGET_MS 2.0
#define RSS_BUDGET_MB 120.0
#define POST_BYTES_BUDGET 450.0

static double
rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line ? g_ascii_strtod (line + 6, NULL) / 1024.0 : -1;
}

/* Runs in a child so the parent's memory shows only what reading costs. */
static double
generate (const char *path,
          guint       n_posts)
{
  GDate start;

  g_date_clear (&start, 1);
  g_date_set_dmy (&start, 1, 1, 2026);
  return bench_generate_plan (path, n_posts, &start, 730);
}

/* The same rows as lineup_store_list_posts, stepped through with bare SQLite. */
static double
baseline_month (sqlite3 *db,
                gint64   from,
                gint64   to,
                guint   *out_rows)
{
  static sqlite3_stmt *stmt;
  double t0 = bench_now_ms ();
  guint rows = 0;
  gsize bytes = 0;

  if (stmt == NULL)
    sqlite3_prepare_v3 (db,
      "SELECT id, title, body, pillar_id, type_id, stage, platforms, slot, campaign_id, "
      "goal, audience, key_message, call_to_action, hashtags, owner, due_on, created_at, updated_at, "
      "revision, deleted_at FROM posts WHERE slot >= ? AND slot < ? AND deleted_at IS NULL "
      "ORDER BY slot, created_at, id", -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      rows++;
      bytes += sqlite3_column_bytes (stmt, 1) + sqlite3_column_bytes (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (out_rows)
    *out_rows = rows + (bytes == 0);
  return bench_now_ms () - t0;
}

/* Loads every month of the two years three times (the first pass warms
 * the page cache and is not counted), through the store and bare. */
static void
measure_months (LineupStore *store,
                sqlite3     *raw,
                GArray      *store_times,
                GArray      *base_times,
                guint       *month_posts)
{
  g_autoptr(GError) error = NULL;

  for (int pass = 0; pass < 3; pass++)
    for (int m = 0; m < 24; m++)
      {
        GDate first, next;
        gint64 from, to;
        double t0, ms;
        guint rows;

        g_date_clear (&first, 1);
        g_date_set_dmy (&first, 1, 1 + m % 12, 2026 + m / 12);
        next = first;
        g_date_add_months (&next, 1);
        from = lineup_store_local_to_utc (store, &first, 0);
        to = lineup_store_local_to_utc (store, &next, 0);

        t0 = bench_now_ms ();
        {
          g_autoptr(GPtrArray) posts = lineup_store_list_posts (store, from, to, &error);

          ms = bench_now_ms () - t0;
          g_assert_nonnull (posts);
          *month_posts = MAX (*month_posts, posts->len);
        }
        if (pass > 0)
          g_array_append_val (store_times, ms);
        ms = baseline_month (raw, from, to, &rows);
        if (pass > 0)
          g_array_append_val (base_times, ms);
      }
}

/* Writes the plan through the store in a child, and the same number of
 * rows with bare SQLite, and prints both times. */
static void
write_plan (const char *path,
            int         n_posts)
{
  double insert_ms = 0;
  int pipefd[2];
  pid_t pid;

  g_unlink (path);
  g_assert (pipe (pipefd) == 0);
  pid = fork ();
  if (pid == 0)
    {
      double ms = generate (path, n_posts);
      g_assert (write (pipefd[1], &ms, sizeof ms) == sizeof ms);
      _exit (0);
    }
  close (pipefd[1]);
  g_assert (read (pipefd[0], &insert_ms, sizeof insert_ms) == sizeof insert_ms);
  close (pipefd[0]);
  waitpid (pid, NULL, 0);

  /* Baseline for inserts: the same number of rows of the same size, bare SQLite, one transaction. */
  {
    g_autofree char *scratch = g_strconcat (path, ".scratch", NULL);
    sqlite3 *db;
    sqlite3_stmt *stmt;
    double t0, base_insert;

    sqlite3_open (scratch, &db);
    sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                      "CREATE TABLE p (id TEXT PRIMARY KEY, title TEXT, body TEXT, at INTEGER) WITHOUT ROWID;"
                      "CREATE INDEX p_at ON p(at);", NULL, NULL, NULL);
    t0 = bench_now_ms ();
    sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
    sqlite3_prepare_v2 (db, "INSERT INTO p VALUES (?, ?, ?, ?)", -1, &stmt, NULL);
    for (int i = 0; i < n_posts; i++)
      {
        g_autofree char *id = g_uuid_string_random ();
        sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
        sqlite3_bind_text (stmt, 2, "Post: a realistic title about planning", -1, SQLITE_STATIC);
        sqlite3_bind_text (stmt, 3, "A caption of ordinary length with a link https://example.org/launch?utm_source=mastodon and two #hashtags #planning", -1, SQLITE_STATIC);
        sqlite3_bind_int64 (stmt, 4, 1767225600 + i * 631);
        sqlite3_step (stmt);
        sqlite3_reset (stmt);
      }
    sqlite3_finalize (stmt);
    sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
    base_insert = bench_now_ms () - t0;
    sqlite3_close (db);
    g_unlink (scratch);
    {
      g_autofree char *wal = g_strconcat (scratch, "-wal", NULL);
      g_autofree char *shm = g_strconcat (scratch, "-shm", NULL);
      g_unlink (wal);
      g_unlink (shm);
    }

    g_print ("  bulk insert (store API, 5,000 a transaction):  %8.1f ms  (%.1f µs a post; bare SQLite %.1f ms, ×%.1f)\n",
             insert_ms, insert_ms * 1000.0 / n_posts, base_insert, insert_ms / base_insert);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *keep = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  int n_posts = 100000;
  gboolean reuse = FALSE;
  GOptionEntry entries[] = {
    { "posts", 0, 0, G_OPTION_ARG_INT, &n_posts, "How many posts to generate (default 100000)", "N" },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep, "Write the plan here and keep it", "PATH" },
    { "reuse", 0, 0, G_OPTION_ARG_NONE, &reuse, "With --keep: measure the plan already there instead of writing it again", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— measure the plan store");
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(GArray) store_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) base_times = g_array_new (FALSE, FALSE, sizeof (double));
  double rss_before, rss_warm, rss_after, open_ms, month_ms, base_ms, disk_ms;
  guint month_posts = 0;
  sqlite3 *raw;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("lineup-bench-store: %s\n", error->message);
      return 2;
    }
  if (n_posts < 1000)
    n_posts = 1000;

  if (keep)
    path = g_strdup (keep);
  else
    {
      dir = g_dir_make_tmp ("lineup-bench-XXXXXX", &error);
      path = g_build_filename (dir, "lineup.db", NULL);
    }
  g_print ("Lineup store benchmark: %d posts over two years\n", n_posts);
  if (reuse && keep && g_file_test (keep, G_FILE_TEST_EXISTS))
    g_print ("  (the plan already at %s)\n", keep);
  else
    write_plan (path, n_posts);

  rss_before = rss_mb ();
  {
    double t0 = bench_now_ms ();
    store = lineup_plan_open (path, &error);
    open_ms = bench_now_ms () - t0;
  }
  if (store == NULL)
    g_error ("%s", error->message);
  sqlite3_open_v2 (path, &raw, SQLITE_OPEN_READONLY, NULL);
  /* The same settings the store uses, so the ratio shows only our overhead. */
  sqlite3_exec (raw, "PRAGMA cache_size = -16384", NULL, NULL, NULL);

  /* 1. As a one-off command does: straight from the file. */
  measure_months (store, raw, store_times, base_times, &month_posts);
  disk_ms = bench_median ((double *) store_times->data, store_times->len);
  base_ms = bench_median ((double *) base_times->data, base_times->len);
  g_print ("  open the plan:                                 %8.2f ms\n", open_ms);
  g_print ("  load one month from the file (≈%u posts):    %8.3f ms  (bare SQLite %.3f ms, ×%.1f) — the command line's path\n",
           month_posts, disk_ms, base_ms, disk_ms / base_ms);

  /* 2. As the app does: it reads the whole plan once for its views, and the
   * store answers month queries from that index from then on. */
  {
    double t0, load_all_ms, post_bytes;
    g_autoptr(LineupPostModel) model = NULL;
    guint n_read;

    /* Both connections' page caches (16 MB each, at most) are full by now:
     * the months above read every dated row through each. */
    rss_warm = rss_mb ();
    t0 = bench_now_ms ();
    model = lineup_post_model_new (store);
    load_all_ms = bench_now_ms () - t0;
    n_read = g_list_model_get_n_items (G_LIST_MODEL (model));

    rss_after = rss_mb ();
    g_print ("  read the whole plan once (%u posts):        %8.1f ms  RSS %.1f MB (+%.1f MB for the posts)  budget %.0f MB  %s\n",
             n_read, load_all_ms, rss_after,
             rss_after - rss_before, RSS_BUDGET_MB, rss_after < RSS_BUDGET_MB ? "OK" : "OVER");
    /* What each post the views hold costs: the RSS growth of that read
     * (the posts, the store's index of them and the model's array) over
     * the posts. The +MB above also counts the two page caches, which do
     * not grow with the plan. */
    post_bytes = (rss_after - rss_warm) * 1024.0 * 1024.0 / MAX (n_read, 1);
    g_print ("  bytes a post held (RSS growth of that read / posts): %4.0f bytes  budget %.0f  %s  (%.0f counting from before the plan was opened, SQLite's page caches included)\n",
             post_bytes, POST_BYTES_BUDGET, post_bytes <= POST_BYTES_BUDGET ? "OK" : "OVER",
             (rss_after - rss_before) * 1024.0 * 1024.0 / MAX (n_read, 1));

    g_array_set_size (store_times, 0);
    g_array_set_size (base_times, 0);
    measure_months (store, raw, store_times, base_times, &month_posts);
    month_ms = bench_median ((double *) store_times->data, store_times->len);
    base_ms = bench_median ((double *) base_times->data, base_times->len);
    g_print ("  load one month, plan open in the app:          %8.3f ms  budget %.1f ms  %s  (bare SQLite %.3f ms, ×%.2f)\n",
             month_ms, MONTH_BUDGET_MS, month_ms < MONTH_BUDGET_MS ? "OK" : "OVER",
             base_ms, month_ms / base_ms);
  }

  sqlite3_close (raw);
  g_clear_object (&store);
  if (!keep)
    bench_remove_plan (dir);

  return month_ms < MONTH_BUDGET_MS ? 0 : 1;
}
