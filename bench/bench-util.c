/* bench-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "bench-util.h"

#include "lineup-core.h"

#include <glib/gstdio.h>
#include <stdlib.h>

double
bench_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

void
bench_remove_plan (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);
      g_unlink (child);
    }
  g_rmdir (dir);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

double
bench_median (double *values,
              int     n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

double
bench_generate_plan (const char  *path,
                     guint        n_posts,
                     const GDate *first_day,
                     guint        n_days)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupStore) store = lineup_plan_open (path, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261122);
  static const char * const pillar_names[] = { "Product education", "Customer stories", "Behind the scenes", "Community" };
  static const char * const type_keys[] = { "educational", "narrative", "proof", "community", "promotional" };
  static const int type_weights[] = { 45, 25, 17, 8, 5 };
  static const char * const platform_sets[][3] = {
    { "linkedin", NULL }, { "instagram", "tiktok", NULL }, { "mastodon", "bluesky", NULL },
    { "x", "threads", NULL }, { "youtube", NULL }, { "linkedin", "mastodon", NULL },
  };
  gint64 pillar_ids[4], type_ids[5];
  GDate start;
  double t0;
  const guint chunk = 5000;

  if (store == NULL)
    g_error ("%s", error->message);
  lineup_store_set_time_zone (store, "Europe/Warsaw", NULL);
  for (guint i = 0; i < 4; i++)
    pillar_ids[i] = lineup_pillar_get_id (lineup_store_add_pillar (store, pillar_names[i], NULL, 25, &error));
  for (guint i = 0; i < 5; i++)
    type_ids[i] = lineup_content_type_get_id (lineup_store_find_content_type (store, type_keys[i]));

  start = *first_day;

  t0 = bench_now_ms ();
  for (guint done = 0; done < n_posts; done += chunk)
    {
      lineup_store_begin (store, "Generate");
      for (guint i = done; i < MIN (done + chunk, n_posts); i++)
        {
          g_autoptr(LineupPost) post = lineup_post_new ();
          g_autofree char *title = g_strdup_printf ("Post %u: a realistic title about planning", i);
          GDate day = start;
          int w = g_rand_int_range (rand, 0, 100), type = 0;

          /* Weekdays carry most posts; a few percent are undated ideas. */
          g_date_add_days (&day, g_rand_int_range (rand, 0, n_days));
          if (g_date_get_weekday (&day) >= G_DATE_SATURDAY && g_rand_int_range (rand, 0, 3))
            g_date_subtract_days (&day, 2);
          while (w >= type_weights[type])
            w -= type_weights[type++];

          lineup_post_set_title (post, title);
          lineup_post_set_body (post, "A caption of ordinary length with a link https://example.org/launch?utm_source=mastodon and two #hashtags #planning");
          lineup_post_set_pillar_id (post, pillar_ids[g_rand_int_range (rand, 0, 4)]);
          lineup_post_set_type_id (post, type_ids[type]);
          lineup_post_set_platforms (post, platform_sets[g_rand_int_range (rand, 0, G_N_ELEMENTS (platform_sets))]);
          lineup_post_set_stage (post, g_rand_int_range (rand, 0, LINEUP_N_STAGES));
          if (g_rand_int_range (rand, 0, 100) >= 3)
            lineup_post_set_scheduled_at (post, lineup_store_local_to_utc (store, &day,
                                                                           g_rand_int_range (rand, 8 * 4, 18 * 4) * 15));
          if (!lineup_store_add_post (store, post, &error))
            g_error ("%s", error->message);
        }
      if (!lineup_store_commit (store, &error))
        g_error ("%s", error->message);
    }
  return bench_now_ms () - t0;
}
