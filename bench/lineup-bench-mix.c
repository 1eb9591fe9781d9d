/* lineup-bench-mix.c: the content mix against its budgets.
 *
 *   lineup-bench-mix [--posts N]
 *
 * Generates N posts (default 100,000) over two years through the store, then
 * measures: the full mix of a month (counting it from the plan and making
 * the report; budget 5 ms), and the mix recomputed after one post changed
 * (budget 1 ms, with 500 posts in the month; here the month holds about
 * 4,300). The baseline, in the same run, is bare SQLite counting the same
 * month's posts by type.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "lineup-core.h"
#include "bench-util.h"

#define MONTH_BUDGET_MS 5.0
#define CHANGE_BUDGET_MS 1.0
#define ROUNDS 21

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lineup-bench-mix-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "lineup.db", NULL);
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupMix) mix = NULL;
  const char *types[] = { "educational", "narrative", "proof", "community", "promotional" };
  const char *platforms[] = { "linkedin", "instagram", "mastodon", "x", NULL };
  gint64 type_ids[5], pillar;
  int n_posts = 100000;
  double month[ROUNDS], change[ROUNDS], bare[ROUNDS];
  guint in_month = 0;
  GOptionEntry entries[] = {
    { "posts", 0, 0, G_OPTION_ARG_INT, &n_posts, "How many posts to generate", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  store = lineup_plan_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  lineup_store_set_time_zone (store, "Europe/Warsaw", NULL);
  pillar = lineup_pillar_get_id (lineup_store_add_pillar (store, "Bench", NULL, 30, &error));
  for (guint i = 0; i < 5; i++)
    type_ids[i] = lineup_content_type_get_id (lineup_store_find_content_type (store, types[i]));

  lineup_store_begin (store, "Generate");
  for (int i = 0; i < n_posts; i++)
    {
      g_autoptr(LineupPost) post = lineup_post_new ();
      const char *two[] = { platforms[i % 4], platforms[(i / 4) % 4], NULL };
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 1, 1, 2026);
      g_date_add_days (&date, (i * 730LL) / n_posts);
      lineup_post_set_title (post, "A post of planning length");
      lineup_post_set_pillar_id (post, pillar);
      lineup_post_set_type_id (post, type_ids[(i * 7) % 5]);
      lineup_post_set_platforms (post, two);
      lineup_post_set_stage (post, 1 + i % 5);
      lineup_post_set_scheduled_at (post, lineup_store_local_to_utc (store, &date, 8 * 60 + (i % 600)));
      if (!lineup_store_add_post (store, post, &error))
        g_error ("%s", error->message);
    }
  if (!lineup_store_commit (store, &error))
    g_error ("%s", error->message);
  /* As in the app: the plan held in its time index. */
  g_ptr_array_unref (lineup_store_list_all_posts (store, NULL));

  mix = lineup_mix_new (store);
  for (int r = 0; r < ROUNDS; r++)
    {
      GDate from, to;
      double t0;
      g_autoptr(LineupMixReport) report = NULL;

      g_date_clear (&from, 1);
      g_date_set_dmy (&from, 1, 1 + r % 12, 2026 + (r / 12));
      to = from;
      g_date_add_months (&to, 1);
      t0 = bench_now_ms ();
      lineup_mix_set_range (mix, &from, &to);
      report = lineup_mix_get_report (mix);
      month[r] = bench_now_ms () - t0;
      in_month = report->total;
    }

  /* Bare SQLite: the same month counted by type, nothing else. */
  {
    sqlite3 *db;
    sqlite3_stmt *stmt;

    sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
    sqlite3_prepare_v2 (db, "SELECT type_id, count(*) FROM posts WHERE slot >= ? AND slot < ? "
                            "AND deleted_at IS NULL GROUP BY type_id", -1, &stmt, NULL);
    for (int r = 0; r < ROUNDS; r++)
      {
        GDate from, to;
        double t0 = bench_now_ms ();

        g_date_clear (&from, 1);
        g_date_set_dmy (&from, 1, 1 + r % 12, 2026 + (r / 12));
        to = from;
        g_date_add_months (&to, 1);
        sqlite3_bind_int64 (stmt, 1, lineup_store_local_to_utc (store, &from, 0));
        sqlite3_bind_int64 (stmt, 2, lineup_store_local_to_utc (store, &to, 0));
        while (sqlite3_step (stmt) == SQLITE_ROW)
          ;
        sqlite3_reset (stmt);
        bare[r] = bench_now_ms () - t0;
      }
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }

  /* One post changes type: the counts move, the report is made again. */
  {
    GDate from, to;
    g_autoptr(GPtrArray) posts = NULL;

    g_date_clear (&from, 1);
    g_date_set_dmy (&from, 1, 6, 2026);
    to = from;
    g_date_add_months (&to, 1);
    lineup_mix_set_range (mix, &from, &to);
    posts = lineup_store_list_posts (store, lineup_store_local_to_utc (store, &from, 0),
                                     lineup_store_local_to_utc (store, &to, 0), NULL);
    in_month = posts->len;
    for (int r = 0; r < ROUNDS; r++)
      {
        LineupPost *before = g_ptr_array_index (posts, r * 37 % posts->len);
        g_autoptr(LineupPost) after = lineup_post_copy (before);
        g_autoptr(LineupMixReport) report = NULL;
        double t0;

        lineup_post_set_type_id (after, type_ids[r % 5]);
        t0 = bench_now_ms ();
        /* What the store's post-changed signal does, and the report after. */
        report = lineup_mix_preview (mix, before, after);
        change[r] = bench_now_ms () - t0;
      }
  }

  {
    double m = bench_median (month, ROUNDS), c = bench_median (change, ROUNDS), b = bench_median (bare, ROUNDS);

    g_print ("Lineup mix benchmark: %d posts over two years, ~%u in a month (median of %d)\n",
             n_posts, in_month, ROUNDS);
    g_print ("  bare SQLite, a month counted by type (baseline): %7.3f ms\n", b);
    g_print ("  full mix of a month (count + report):            %7.3f ms  (%.1fx baseline)  budget %.0f ms  %s\n",
             m, m / b, MONTH_BUDGET_MS, m < MONTH_BUDGET_MS ? "OK" : "OVER");
    g_print ("  mix after one post changed (incremental):        %7.3f ms  (%.2fx baseline)  budget %.0f ms  %s\n",
             c, c / b, CHANGE_BUDGET_MS, c < CHANGE_BUDGET_MS ? "OK" : "OVER");
  }

  g_clear_object (&mix);
  g_clear_object (&store);
  bench_remove_plan (dir);
  return 0;
}
