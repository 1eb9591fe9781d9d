/* test-results-review.c: the weekly review against hand-computed values:
 * the week's posts in the plan's zone (Monday to Sunday), their networks
 * added up, index against the baseline of the 90 days to the week's end,
 * the best and worst three, and the week before's posts, median and
 * pillar indexes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>

#include "lineup-core.h"
#include "lineup-test-util.h"

typedef struct {
  char *dir;
  LineupStore *store;
  GHashTable *ids;          /* title → post id */
  GHashTable *pillars;      /* name → id */
  gint64 type;
  GPtrArray *snapshots;
} Fixture;

static gint64
utc (int year, int month, int day, int hour, int minute)
{
  g_autoptr(GDateTime) t = g_date_time_new_utc (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (t);
}

/* A post of @pillar at @at with @likes likes, @replies replies and
 * @clicks clicks on LinkedIn (-1: no results on it). */
static void
post (Fixture    *f,
      const char *title,
      const char *pillar,
      gint64      at,
      gint64      likes,
      gint64      replies,
      gint64      clicks)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) p = lineup_post_new ();
  const char *platforms[] = { "linkedin", "mastodon", NULL };
  gint64 pillar_id = GPOINTER_TO_SIZE (g_hash_table_lookup (f->pillars, pillar));

  if (pillar_id == 0)
    {
      pillar_id = lineup_pillar_get_id (lineup_store_add_pillar (f->store, pillar, NULL, -1, &error));
      g_assert_no_error (error);
      g_hash_table_insert (f->pillars, (gpointer) pillar, GSIZE_TO_POINTER (pillar_id));
    }
  lineup_post_set_title (p, title);
  lineup_post_set_pillar_id (p, pillar_id);
  lineup_post_set_type_id (p, f->type);
  lineup_post_set_platforms (p, platforms);
  lineup_post_set_scheduled_at (p, at);
  g_assert_true (lineup_store_add_post (f->store, p, &error));
  g_assert_no_error (error);
  g_hash_table_insert (f->ids, g_strdup (title), g_strdup (lineup_post_get_id (p)));
  if (likes >= 0)
    {
      LineupResultSnapshot *s = lineup_result_snapshot_new (lineup_post_get_id (p), "linkedin", at + 3600, "import");

      s->counts[LINEUP_RESULT_LIKES] = likes;
      s->counts[LINEUP_RESULT_REPLIES] = replies;
      s->counts[LINEUP_RESULT_CLICKS] = clicks;
      g_ptr_array_add (f->snapshots, s);
    }
}

/* The plan in Warsaw (UTC+1 in winter). The week under review: Monday 30
 * November to Sunday 6 December 2026; the week before from 23 November.
 *
 * Engagement: a like 1, a click 2, a reply 3.
 *   the week before: Proof A 20, Tips A 10, Poll A 4, Poll B 100
 *   the week:        Edge 40 (Sunday 23:30 UTC, Monday 00:30 in Warsaw),
 *                    Proof B 10 likes on LinkedIn + 2 replies on Mastodon = 16,
 *                    Tips C 8, Tips D 6 clicks = 12,
 *                    Proof C 60 (Sunday 23:00 in Warsaw)
 *   outside:         Late 1000 (Sunday 23:30 UTC: Monday in Warsaw),
 *                    Old 500 (August: before the 90 days), Quiet (no results)
 * Baseline (90 days to the week's end): 4 8 10 12 16 20 40 60 100 → 16.
 * Best: Proof C 60 (×3.75), Edge 40 (×2.5), Proof B 16 (×1.0); worst
 * (five posts: two): Tips C 8 (×0.5), Tips D 12 (×0.75). Median 16; the
 * week before 2 + 2 posts, median (10 + 20) / 2 = 15.
 * Pillars: Proof 60 40 16 → 40 = ×2.5, before 20 = ×1.25, +1.25;
 * Tips 8 12 → 10 = ×0.625, before 10 = ×0.625, 0; Poll none, before
 * (4 + 100) / 2 = 52 = ×3.25, change unknown. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  LineupResultSnapshot *s;

  f->dir = g_dir_make_tmp ("lineup-review-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "lineup.db", NULL);
  f->store = lineup_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (lineup_store_set_time_zone (f->store, "Europe/Warsaw", &error));
  g_assert_no_error (error);
  f->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  f->snapshots = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_result_snapshot_free);
  f->pillars = g_hash_table_new (g_str_hash, g_str_equal);
  f->type = lineup_content_type_get_id (lineup_store_add_content_type (f->store, "Photo", &error));
  g_assert_no_error (error);

  post (f, "Proof A", "Proof", utc (2026, 11, 24, 9, 0), 20, 0, 0);
  post (f, "Tips A", "Tips", utc (2026, 11, 25, 9, 0), 10, 0, 0);
  post (f, "Poll A", "Poll", utc (2026, 11, 26, 9, 0), 4, 0, 0);
  post (f, "Poll B", "Poll", utc (2026, 11, 27, 9, 0), 100, 0, 0);
  post (f, "Edge", "Proof", utc (2026, 11, 29, 23, 30), 40, 0, 0);
  post (f, "Proof B", "Proof", utc (2026, 12, 1, 9, 0), 10, 0, 0);
  post (f, "Tips C", "Tips", utc (2026, 12, 2, 9, 0), 8, 0, 0);
  post (f, "Tips D", "Tips", utc (2026, 12, 3, 9, 0), 0, 0, 6);
  post (f, "Proof C", "Proof", utc (2026, 12, 6, 22, 0), 60, 0, 0);
  post (f, "Late", "Proof", utc (2026, 12, 6, 23, 30), 1000, 0, 0);
  post (f, "Old", "Proof", utc (2026, 8, 3, 9, 0), 500, 0, 0);
  post (f, "Quiet", "Tips", utc (2026, 12, 2, 12, 0), -1, 0, 0);
  s = lineup_result_snapshot_new (g_hash_table_lookup (f->ids, "Proof B"), "mastodon", utc (2026, 12, 2, 9, 0), "mastodon");
  s->counts[LINEUP_RESULT_REPLIES] = 2;
  g_ptr_array_add (f->snapshots, s);
  g_assert_true (lineup_store_add_results (f->store, f->snapshots, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  lineup_test_remove_tree (f->dir);
  g_free (f->dir);
  g_hash_table_unref (f->ids);
  g_hash_table_unref (f->pillars);
  g_ptr_array_unref (f->snapshots);
}

static void
assert_post (Fixture                *f,
             const LineupReviewPost *p,
             const char             *title,
             double                  engagement,
             double                  index)
{
  g_assert_cmpstr (p->title, ==, title);
  g_assert_cmpstr (p->post_id, ==, g_hash_table_lookup (f->ids, title));
  g_assert_cmpfloat_with_epsilon (p->engagement, engagement, 1e-9);
  g_assert_cmpfloat_with_epsilon (p->index, index, 1e-9);
}

static void
test_last_week (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  /* Tuesday 8 December: last week is the one of 30 November. */
  g_autoptr(LineupResultsReview) r = lineup_results_review (f->store, NULL, utc (2026, 12, 8, 12, 0), &error);
  const LineupReviewPillar *p;

  g_assert_no_error (error);
  g_assert_cmpint (g_date_get_year (&r->week), ==, 2026);
  g_assert_cmpint (g_date_get_month (&r->week), ==, 11);
  g_assert_cmpint (g_date_get_day (&r->week), ==, 30);
  g_assert_cmpint (r->from, ==, utc (2026, 11, 29, 23, 0));
  g_assert_cmpint (r->to, ==, utc (2026, 12, 6, 23, 0));
  g_assert_cmpfloat_with_epsilon (r->baseline, 16.0, 1e-9);

  g_assert_cmpuint (r->posts->len, ==, 5);
  assert_post (f, r->posts->pdata[0], "Proof C", 60, 3.75);
  assert_post (f, r->posts->pdata[1], "Edge", 40, 2.5);
  assert_post (f, r->posts->pdata[2], "Proof B", 16, 1.0);
  assert_post (f, r->posts->pdata[3], "Tips D", 12, 0.75);
  assert_post (f, r->posts->pdata[4], "Tips C", 8, 0.5);
  g_assert_cmpuint (r->best->len, ==, 3);
  g_assert_cmpstr (((LineupReviewPost *) r->best->pdata[2])->title, ==, "Proof B");
  g_assert_cmpuint (r->worst->len, ==, 2);
  g_assert_cmpstr (((LineupReviewPost *) r->worst->pdata[0])->title, ==, "Tips C");
  g_assert_cmpstr (((LineupReviewPost *) r->worst->pdata[1])->title, ==, "Tips D");

  g_assert_cmpfloat_with_epsilon (r->median, 16.0, 1e-9);
  g_assert_cmpuint (r->n_posts_before, ==, 4);
  g_assert_cmpfloat_with_epsilon (r->median_before, 15.0, 1e-9);

  g_assert_cmpuint (r->pillars->len, ==, 3);
  p = r->pillars->pdata[0];
  g_assert_cmpstr (p->pillar, ==, "Proof");
  g_assert_cmpuint (p->n_posts, ==, 3);
  g_assert_cmpuint (p->n_posts_before, ==, 1);
  g_assert_cmpfloat_with_epsilon (p->index, 2.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (p->index_before, 1.25, 1e-9);
  g_assert_cmpfloat_with_epsilon (p->delta, 1.25, 1e-9);
  p = r->pillars->pdata[1];
  g_assert_cmpstr (p->pillar, ==, "Tips");
  g_assert_cmpfloat_with_epsilon (p->index, 0.625, 1e-9);
  g_assert_cmpfloat_with_epsilon (p->delta, 0.0, 1e-9);
  p = r->pillars->pdata[2];
  g_assert_cmpstr (p->pillar, ==, "Poll");
  g_assert_cmpuint (p->n_posts, ==, 0);
  g_assert_true (isnan (p->index));
  g_assert_cmpfloat_with_epsilon (p->index_before, 3.25, 1e-9);
  g_assert_true (isnan (p->delta));
}

/* A day names its week; a week of one post has it as the best and no
 * worst; a week of none has neither. */
static void
test_named_week (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupResultsReview) r = NULL;
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 3, G_DATE_DECEMBER, 2026);
  r = lineup_results_review (f->store, &day, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_date_get_day (&r->week), ==, 30);
  g_assert_cmpuint (r->posts->len, ==, 5);
  g_clear_pointer (&r, lineup_results_review_free);

  g_date_set_dmy (&day, 13, G_DATE_DECEMBER, 2026);   /* a Sunday */
  r = lineup_results_review (f->store, &day, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_date_get_day (&r->week), ==, 7);
  g_assert_cmpuint (r->posts->len, ==, 1);
  g_assert_cmpuint (r->best->len, ==, 1);
  g_assert_cmpuint (r->worst->len, ==, 0);
  g_assert_cmpstr (((LineupReviewPost *) r->best->pdata[0])->title, ==, "Late");
  g_assert_cmpuint (r->n_posts_before, ==, 5);
  g_clear_pointer (&r, lineup_results_review_free);

  g_date_set_dmy (&day, 1, G_DATE_JANUARY, 2026);
  r = lineup_results_review (f->store, &day, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->posts->len, ==, 0);
  g_assert_cmpuint (r->best->len + r->worst->len + r->pillars->len, ==, 0);
  g_assert_true (isnan (r->median));
  g_assert_true (isnan (r->baseline));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/results-review/last-week", Fixture, NULL, fixture_set_up, test_last_week, fixture_tear_down);
  g_test_add ("/results-review/named-week", Fixture, NULL, fixture_set_up, test_named_week, fixture_tear_down);
  return g_test_run ();
}
