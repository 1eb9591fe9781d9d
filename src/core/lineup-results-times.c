/* lineup-results-times.c: the weekday × hour grid of the plan's results and
 * its best slots (lineup-results-times.h, where the rules are).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "lineup-results-times.h"
#include "lineup-store-weights.h"
#include "lineup-slots.h"
#include "lineup-store-results.h"

void
lineup_results_times_free (LineupResultsTimes *times)
{
  if (times == NULL)
    return;
  g_clear_pointer (&times->best, g_array_unref);
  g_free (times);
}

/* A post's place in the week, its summed engagement and its indexes. */
typedef struct {
  guint8 weekday, hour;
  double engagement;
  double index_sum;
  guint  n_indexes;
} PostTotal;

/* network → its usual (a boxed double; NAN: none in the last 90 days). */
static GHashTable *
network_baselines (const LineupResultsTimePoint *points,
                   guint                         n_points,
                   gint64                        now)
{
  g_autoptr(GHashTable) by_network = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                            (GDestroyNotify) g_array_unref);
  GHashTable *baselines = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < n_points; i++)
    {
      GArray *of = g_hash_table_lookup (by_network, points[i].network);
      LineupResultPoint point = { NULL, points[i].at, points[i].engagement };

      if (of == NULL)
        {
          of = g_array_new (FALSE, FALSE, sizeof (LineupResultPoint));
          g_hash_table_insert (by_network, (gpointer) points[i].network, of);
        }
      g_array_append_val (of, point);
    }
  g_hash_table_iter_init (&iter, by_network);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GArray *of = value;

      g_hash_table_insert (baselines, key,
                           g_memdup2 (&(double) { lineup_results_baseline ((LineupResultPoint *) of->data, of->len, now) },
                                      sizeof (double)));
    }
  return baselines;
}

static int
compare_best (gconstpointer a,
              gconstpointer b)
{
  const LineupResultsBestSlot *x = a, *y = b;

  if (x->index != y->index)
    return x->index > y->index ? -1 : 1;
  if (x->n_posts != y->n_posts)
    return x->n_posts > y->n_posts ? -1 : 1;
  if (x->weekday != y->weekday)
    return x->weekday < y->weekday ? -1 : 1;
  return (int) x->hour - (int) y->hour;
}

LineupResultsTimes *
lineup_results_times_compute (const LineupResultsTimePoint *points,
                              guint                         n_points,
                              gint64                        now,
                              guint                         n_best)
{
  g_autoptr(GHashTable) baselines = network_baselines (points, n_points, now);
  g_autoptr(GHashTable) posts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  GArray *engagements[7][24] = { { NULL } };
  GArray *indexes[7][24] = { { NULL } };
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (LineupResultsBestSlot));
  LineupResultsTimes *times = g_new0 (LineupResultsTimes, 1);
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < n_points; i++)
    {
      PostTotal *total = g_hash_table_lookup (posts, points[i].post_id);
      const double *baseline = g_hash_table_lookup (baselines, points[i].network);

      if (points[i].weekday < 1 || points[i].weekday > 7 || points[i].hour > 23)
        {
          g_critical ("Best times: a point with weekday %u and hour %u left out", points[i].weekday, points[i].hour);
          continue;
        }
      if (total == NULL)
        {
          total = g_new0 (PostTotal, 1);
          total->weekday = points[i].weekday;
          total->hour = points[i].hour;
          g_hash_table_insert (posts, (gpointer) points[i].post_id, total);
        }
      total->engagement += points[i].engagement;
      if (baseline && *baseline > 0.0)
        {
          total->index_sum += points[i].engagement / *baseline;
          total->n_indexes++;
        }
    }

  g_hash_table_iter_init (&iter, posts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const PostTotal *total = value;
      guint d = total->weekday - 1, h = total->hour;
      double index = total->n_indexes ? total->index_sum / total->n_indexes : NAN;

      if (engagements[d][h] == NULL)
        {
          engagements[d][h] = g_array_new (FALSE, FALSE, sizeof (double));
          indexes[d][h] = g_array_new (FALSE, FALSE, sizeof (double));
        }
      g_array_append_val (engagements[d][h], total->engagement);
      g_array_append_val (indexes[d][h], index);
      times->n_posts++;
    }

  for (guint d = 0; d < 7; d++)
    for (guint h = 0; h < 24; h++)
      {
        LineupResultsTimeCell *cell = &times->cells[d][h];
        g_autoptr(GArray) pooled = g_array_new (FALSE, FALSE, sizeof (double));

        cell->median = cell->index = cell->slot_index = NAN;
        if (engagements[d][h] == NULL)
          continue;
        cell->n_posts = engagements[d][h]->len;
        cell->median = lineup_results_median ((double *) engagements[d][h]->data, cell->n_posts);
        cell->index = lineup_results_median ((double *) indexes[d][h]->data, cell->n_posts);
        /* The slot: this hour and the hour either side, the same day. */
        for (guint n = h > 0 ? h - 1 : 0; n <= h + 1 && n < 24; n++)
          if (indexes[d][n])
            g_array_append_vals (pooled, indexes[d][n]->data, indexes[d][n]->len);
        cell->slot_posts = pooled->len;
        cell->slot_index = lineup_results_median ((double *) pooled->data, pooled->len);
        if (cell->slot_posts >= LINEUP_RESULTS_MIN_POSTS && !isnan (cell->slot_index) && cell->slot_index > 1.0)
          {
            LineupResultsBestSlot slot = { d + 1, h, cell->slot_posts, cell->slot_index };

            g_array_append_val (candidates, slot);
          }
      }

  for (guint d = 0; d < 7; d++)
    for (guint h = 0; h < 24; h++)
      {
        g_clear_pointer (&engagements[d][h], g_array_unref);
        g_clear_pointer (&indexes[d][h], g_array_unref);
      }

  g_array_sort (candidates, compare_best);
  times->best = g_array_new (FALSE, FALSE, sizeof (LineupResultsBestSlot));
  for (guint i = 0; i < candidates->len && times->best->len < n_best; i++)
    {
      const LineupResultsBestSlot *slot = &g_array_index (candidates, LineupResultsBestSlot, i);
      gboolean near = FALSE;

      for (guint j = 0; j < times->best->len && !near; j++)
        {
          const LineupResultsBestSlot *chosen = &g_array_index (times->best, LineupResultsBestSlot, j);

          near = chosen->weekday == slot->weekday && ABS ((int) chosen->hour - (int) slot->hour) <= 1;
        }
      if (!near)
        g_array_append_val (times->best, *slot);
    }
  return times;
}

LineupResultsTimes *
lineup_results_times (LineupStore         *store,
                      const char * const  *platforms,
                      gint64               now,
                      guint                n_best,
                      GError             **error)
{
  g_autoptr(GPtrArray) latest = NULL;
  g_autoptr(GPtrArray) posts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (LineupResultsTimePoint));
  gboolean every = platforms == NULL || platforms[0] == NULL;
  LineupResultWeights weights;

  g_return_val_if_fail (LINEUP_IS_STORE (store), NULL);

  if ((latest = lineup_store_get_latest_results (store, NULL, error)) == NULL)
    return NULL;
  lineup_store_get_result_weights (store, &weights);
  for (guint i = 0; i < latest->len; i++)
    {
      const LineupResultSnapshot *snapshot = g_ptr_array_index (latest, i);
      LineupPost *post = NULL;
      LineupResultsTimePoint point;
      GDate date;
      int minutes = 0;

      if (!every && !g_strv_contains (platforms, snapshot->network))
        continue;
      /* Snapshots come by post: the post just read is usually this one. */
      if (posts->len > 0 &&
          g_str_equal (lineup_post_get_id (g_ptr_array_index (posts, posts->len - 1)), snapshot->post_id))
        post = g_ptr_array_index (posts, posts->len - 1);
      else if ((post = lineup_store_get_post (store, snapshot->post_id, NULL)) != NULL)
        g_ptr_array_add (posts, post);
      if (post == NULL || lineup_post_get_scheduled_at (post) == 0)
        continue;
      g_date_clear (&date, 1);
      lineup_store_utc_to_local (store, lineup_post_get_scheduled_at (post), &date, &minutes);
      point.post_id = lineup_post_get_id (post);
      point.network = snapshot->network;
      point.at = lineup_post_get_scheduled_at (post);
      point.weekday = g_date_get_weekday (&date);
      point.hour = minutes / 60;
      point.engagement = lineup_result_engagement (snapshot, &weights);
      g_array_append_val (points, point);
    }
  return lineup_results_times_compute ((LineupResultsTimePoint *) points->data, points->len, now, n_best);
}

char *
lineup_results_times_describe_best (const LineupResultsTimes *times,
                                    const char               *name)
{
  g_autoptr(GString) list = g_string_new (NULL);

  g_return_val_if_fail (times != NULL && name != NULL, NULL);

  if (times->best->len == 0)
    return g_strdup_printf (_("Best for %s: too few to tell (a slot needs %d posts in its hour and the hour either side, doing better than usual)"),
                            name, LINEUP_RESULTS_MIN_POSTS);
  for (guint i = 0; i < times->best->len; i++)
    {
      const LineupResultsBestSlot *slot = &g_array_index (times->best, LineupResultsBestSlot, i);
      g_autofree char *described = lineup_results_best_slot_describe (slot);

      if (i > 0)
        g_string_append (list, ", ");
      /* TRANSLATORS: "Tue 09:00 (1.9×, 6 posts)". */
      g_string_append_printf (list, g_dngettext (GETTEXT_PACKAGE, "%s (%.1f×, %u post)", "%s (%.1f×, %u posts)",
                                                 slot->n_posts),
                              described, slot->index, slot->n_posts);
    }
  /* TRANSLATORS: "Best for Mastodon: Tue 09:00 (1.9×, 6 posts), …". */
  return g_strdup_printf (_("Best for %s: %s"), name, list->str);
}

char *
lineup_results_best_slot_describe (const LineupResultsBestSlot *slot)
{
  LineupSlot as_slot = { NULL, slot->weekday, slot->hour * 60 };

  return lineup_slot_describe (&as_slot);
}

void
lineup_results_best_slot_next_date (const LineupResultsBestSlot *slot,
                                    const GDate                 *from,
                                    GDate                       *out_date)
{
  g_return_if_fail (g_date_valid (from) && slot->weekday >= 1 && slot->weekday <= 7);

  *out_date = *from;
  g_date_add_days (out_date, (slot->weekday - g_date_get_weekday (from) + 7) % 7);
}
