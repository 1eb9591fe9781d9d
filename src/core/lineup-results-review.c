/* lineup-results-review.c: the weekly review (lineup-results-review.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "lineup-results-review.h"
#include "lineup-store-weights.h"
#include "lineup-store-results.h"

static void
review_post_free (LineupReviewPost *post)
{
  g_free (post->post_id);
  g_free (post->title);
  g_free (post->pillar);
  g_free (post);
}

static void
review_pillar_free (LineupReviewPillar *pillar)
{
  g_free (pillar->pillar);
  g_free (pillar);
}

void
lineup_results_review_free (LineupResultsReview *review)
{
  if (review == NULL)
    return;
  g_clear_pointer (&review->best, g_ptr_array_unref);
  g_clear_pointer (&review->worst, g_ptr_array_unref);
  g_clear_pointer (&review->posts, g_ptr_array_unref);
  g_clear_pointer (&review->pillars, g_ptr_array_unref);
  g_free (review);
}

void
lineup_results_week_start (const GDate *day,
                           GDate       *out_monday)
{
  *out_monday = *day;
  g_date_subtract_days (out_monday, g_date_get_weekday (day) - G_DATE_MONDAY);
}

/* Every post with results and a time: its networks' engagement added up. */
static GPtrArray *
collect_posts (LineupStore  *store,
               GError      **error)
{
  g_autoptr(GPtrArray) latest = lineup_store_get_latest_results (store, NULL, error);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  LineupResultWeights weights;
  GPtrArray *posts;

  if (latest == NULL)
    return NULL;
  lineup_store_get_result_weights (store, &weights);
  posts = g_ptr_array_new_with_free_func ((GDestroyNotify) review_post_free);
  for (guint i = 0; i < latest->len; i++)
    {
      const LineupResultSnapshot *snapshot = g_ptr_array_index (latest, i);
      LineupReviewPost *point = g_hash_table_lookup (by_id, snapshot->post_id);
      g_autoptr(LineupPost) post = NULL;
      LineupPillar *pillar;

      if (point)
        {
          point->engagement += lineup_result_engagement (snapshot, &weights);
          continue;
        }
      post = lineup_store_get_post (store, snapshot->post_id, NULL);
      if (post == NULL || lineup_post_get_scheduled_at (post) == 0)
        continue;
      point = g_new0 (LineupReviewPost, 1);
      point->post_id = g_strdup (lineup_post_get_id (post));
      point->title = g_strdup (lineup_post_get_title (post));
      pillar = lineup_store_get_pillar (store, lineup_post_get_pillar_id (post));
      point->pillar = pillar ? g_strdup (lineup_pillar_get_name (pillar)) : NULL;
      point->at = lineup_post_get_scheduled_at (post);
      point->engagement = lineup_result_engagement (snapshot, &weights);
      point->index = NAN;
      g_ptr_array_add (posts, point);
      g_hash_table_insert (by_id, point->post_id, point);
    }
  return posts;
}

static int
compare_posts (gconstpointer a,
               gconstpointer b)
{
  const LineupReviewPost *x = *(LineupReviewPost * const *) a, *y = *(LineupReviewPost * const *) b;

  if (x->engagement != y->engagement)
    return x->engagement > y->engagement ? -1 : 1;
  if (x->at != y->at)
    return x->at < y->at ? -1 : 1;
  return strcmp (x->post_id, y->post_id);
}

static int
compare_pillars (gconstpointer a,
                 gconstpointer b)
{
  const LineupReviewPillar *x = *(LineupReviewPillar * const *) a, *y = *(LineupReviewPillar * const *) b;
  double xi = isnan (x->index) ? -1.0 : x->index, yi = isnan (y->index) ? -1.0 : y->index;

  if (xi != yi)
    return xi > yi ? -1 : 1;
  return g_utf8_collate (x->pillar, y->pillar);
}

/* The median engagement of @points (LineupReviewPost) of @pillar (NULL:
 * all) from @from to @to; their number in @out_n. */
static double
median_of (GPtrArray  *points,
           const char *pillar,
           gint64      from,
           gint64      to,
           guint      *out_n)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < points->len; i++)
    {
      const LineupReviewPost *p = g_ptr_array_index (points, i);

      if (p->at < from || p->at >= to)
        continue;
      if (pillar && g_strcmp0 (p->pillar, pillar) != 0)
        continue;
      g_array_append_val (values, p->engagement);
    }
  *out_n = values->len;
  return lineup_results_median ((const double *) values->data, values->len);
}

LineupResultsReview *
lineup_results_review (LineupStore  *store,
                       const GDate  *day,
                       gint64        now,
                       GError      **error)
{
  g_autoptr(GPtrArray) all = collect_posts (store, error);
  g_autoptr(GArray) points = NULL;
  g_autoptr(GHashTable) pillars = g_hash_table_new (g_str_hash, g_str_equal);
  LineupResultsReview *review;
  GDate monday, before;
  gint64 before_from;
  guint n_best, n_worst, n;

  if (all == NULL)
    return NULL;
  review = g_new0 (LineupResultsReview, 1);
  if (day)
    lineup_results_week_start (day, &monday);
  else
    {
      GDate today;
      int minutes;

      g_date_clear (&today, 1);
      lineup_store_utc_to_local (store, now, &today, &minutes);
      lineup_results_week_start (&today, &monday);
      g_date_subtract_days (&monday, 7);
    }
  review->week = monday;
  review->from = lineup_store_local_to_utc (store, &monday, 0);
  before = monday;
  g_date_subtract_days (&before, 7);
  before_from = lineup_store_local_to_utc (store, &before, 0);
  g_date_add_days (&monday, 7);
  review->to = lineup_store_local_to_utc (store, &monday, 0);

  /* The baseline as it was at the week's end: a past week's review does
   * not change as weeks go by. */
  points = g_array_sized_new (FALSE, FALSE, sizeof (LineupResultPoint), all->len);
  for (guint i = 0; i < all->len; i++)
    {
      const LineupReviewPost *p = g_ptr_array_index (all, i);
      LineupResultPoint point = { p->pillar, p->at, p->engagement };

      g_array_append_val (points, point);
    }
  review->baseline = lineup_results_baseline ((const LineupResultPoint *) points->data, points->len,
                                              review->to - 1);

  review->posts = g_ptr_array_new_with_free_func ((GDestroyNotify) review_post_free);
  for (guint i = all->len; i > 0; i--)
    {
      LineupReviewPost *p = g_ptr_array_index (all, i - 1);

      if (p->at >= review->from && p->at < review->to)
        {
          p->index = review->baseline > 0.0 ? p->engagement / review->baseline : NAN;
          g_ptr_array_add (review->posts, g_ptr_array_steal_index (all, i - 1));
        }
    }
  g_ptr_array_sort (review->posts, compare_posts);
  n = review->posts->len;
  n_best = MIN (LINEUP_REVIEW_TOP, (n + 1) / 2);
  n_worst = MIN (LINEUP_REVIEW_TOP, n - n_best);
  review->best = g_ptr_array_new ();
  review->worst = g_ptr_array_new ();
  for (guint i = 0; i < n_best; i++)
    g_ptr_array_add (review->best, g_ptr_array_index (review->posts, i));
  for (guint i = 0; i < n_worst; i++)
    g_ptr_array_add (review->worst, g_ptr_array_index (review->posts, n - 1 - i));

  /* What changed: the week's posts are in @review->posts now, the week
   * before's still in @all. */
  review->median = median_of (review->posts, NULL, review->from, review->to, &n);
  review->median_before = median_of (all, NULL, before_from, review->from, &review->n_posts_before);
  for (guint w = 0; w < 2; w++)
    {
      GPtrArray *of = w == 0 ? review->posts : all;

      for (guint i = 0; i < of->len; i++)
        {
          const LineupReviewPost *p = g_ptr_array_index (of, i);

          if (p->pillar && p->at >= before_from && p->at < review->to)
            g_hash_table_add (pillars, p->pillar);
        }
    }
  review->pillars = g_ptr_array_new_with_free_func ((GDestroyNotify) review_pillar_free);
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, pillars);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        LineupReviewPillar *pillar = g_new0 (LineupReviewPillar, 1);
        double median = median_of (review->posts, key, review->from, review->to, &pillar->n_posts);
        double median_before = median_of (all, key, before_from, review->from, &pillar->n_posts_before);

        pillar->pillar = g_strdup (key);
        pillar->index = review->baseline > 0.0 ? median / review->baseline : NAN;
        pillar->index_before = review->baseline > 0.0 ? median_before / review->baseline : NAN;
        pillar->delta = pillar->index - pillar->index_before;   /* NAN when either is */
        g_ptr_array_add (review->pillars, pillar);
      }
  }
  g_ptr_array_sort (review->pillars, compare_pillars);
  return review;
}
