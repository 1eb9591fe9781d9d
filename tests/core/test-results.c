/* test-results.c: results of published posts: snapshots kept per post and
 * network (one transaction, all or none, the latest per network), a
 * post's own URL, and the compact text a shared plan carries them in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "lineup-core.h"
#include "lineup-test-util.h"
#include "lineup-share-merge.h"
#include "lineup-share-record.h"

typedef struct {
  char *dir;
  char *path;
  LineupStore *store;
  char *post;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) post = lineup_post_new ();
  const char *platforms[] = { "mastodon", "linkedin", NULL };
  gint64 pillar, type;

  f->dir = g_dir_make_tmp ("lineup-results-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "lineup.db", NULL);
  f->store = lineup_store_open (f->path, &error);
  g_assert_no_error (error);
  pillar = lineup_pillar_get_id (lineup_store_add_pillar (f->store, "Stories", NULL, -1, &error));
  g_assert_no_error (error);
  type = lineup_content_type_get_id (lineup_store_add_content_type (f->store, "Photo", &error));
  g_assert_no_error (error);
  lineup_post_set_title (post, "Launch");
  lineup_post_set_pillar_id (post, pillar);
  lineup_post_set_type_id (post, type);
  lineup_post_set_platforms (post, platforms);
  g_assert_true (lineup_store_add_post (f->store, post, &error));
  g_assert_no_error (error);
  f->post = g_strdup (lineup_post_get_id (post));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  lineup_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->post);
}

static LineupResultSnapshot *
snap (const char *post,
      const char *network,
      gint64      at,
      gint64      replies,
      gint64      likes)
{
  LineupResultSnapshot *s = lineup_result_snapshot_new (post, network, at, network && g_str_equal (network, "mastodon") ? "mastodon" : "import");

  s->counts[LINEUP_RESULT_REPLIES] = replies;
  s->counts[LINEUP_RESULT_LIKES] = likes;
  return s;
}

static void
test_snapshots_kept (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) in = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_result_snapshot_free);
  g_autoptr(GPtrArray) latest = NULL;
  g_autoptr(GPtrArray) curve = NULL;
  const LineupResultSnapshot *m;

  g_ptr_array_add (in, snap (f->post, "mastodon", 1000, 1, 4));
  g_ptr_array_add (in, snap (f->post, "mastodon", 5000, 3, 9));
  g_ptr_array_add (in, snap (f->post, "linkedin", 2000, 2, LINEUP_RESULT_UNKNOWN));
  g_assert_true (lineup_store_add_results (f->store, in, &error));
  g_assert_no_error (error);

  curve = lineup_store_get_results (f->store, f->post, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (curve->len, ==, 3);
  latest = lineup_store_get_latest_results (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (latest->len, ==, 2);
  g_assert_cmpstr (((LineupResultSnapshot *) latest->pdata[0])->network, ==, "linkedin");
  g_assert_cmpint (((LineupResultSnapshot *) latest->pdata[0])->counts[LINEUP_RESULT_LIKES], ==, LINEUP_RESULT_UNKNOWN);
  m = latest->pdata[1];
  g_assert_cmpstr (m->network, ==, "mastodon");
  g_assert_cmpint (m->taken_at, ==, 5000);
  g_assert_cmpint (m->counts[LINEUP_RESULT_REPLIES], ==, 3);
  g_assert_cmpint (m->counts[LINEUP_RESULT_LIKES], ==, 9);
  g_assert_cmpint (m->counts[LINEUP_RESULT_IMPRESSIONS], ==, LINEUP_RESULT_UNKNOWN);
  g_assert_cmpstr (m->source, ==, "mastodon");
}

static void
test_all_or_none (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) in = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_result_snapshot_free);
  g_autoptr(GPtrArray) latest = NULL;

  g_ptr_array_add (in, snap (f->post, "mastodon", 1000, 1, 4));
  g_ptr_array_add (in, snap ("nosuchpost", "mastodon", 1000, 1, 4));
  g_assert_false (lineup_store_add_results (f->store, in, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "nosuchpost"));
  g_clear_error (&error);

  g_ptr_array_set_size (in, 0);
  g_ptr_array_add (in, snap (f->post, "myspace", 1000, 1, 4));
  g_assert_false (lineup_store_add_results (f->store, in, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_ptr_array_set_size (in, 0);
  g_ptr_array_add (in, snap (f->post, "mastodon", 1000, -5, 4));
  g_assert_false (lineup_store_add_results (f->store, in, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  latest = lineup_store_get_latest_results (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (latest->len, ==, 0);
}

static void
test_post_url (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) urls = NULL;
  g_autofree char *url = NULL;
  g_autofree char *prefix = g_strndup (f->post, 6);

  g_assert_false (lineup_store_set_post_url (f->store, f->post, "ftp://example.com/x", &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lineup_store_set_post_url (f->store, "zzzzzzzz", "https://example.com/x", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_true (lineup_store_set_post_url (f->store, prefix, "https://www.linkedin.com/feed/update/urn:li:activity:7/", &error));
  g_assert_no_error (error);
  url = lineup_store_get_post_url (f->store, f->post);
  g_assert_cmpstr (url, ==, "https://www.linkedin.com/feed/update/urn:li:activity:7/");
  urls = lineup_store_get_post_urls (f->store);
  g_assert_cmpstr (g_hash_table_lookup (urls, f->post), ==, url);

  g_assert_true (lineup_store_set_post_url (f->store, f->post, "", &error));
  g_assert_no_error (error);
  g_clear_pointer (&url, g_free);
  url = lineup_store_get_post_url (f->store, f->post);
  g_assert_null (url);
}

static void
test_field (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) in = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_result_snapshot_free);
  g_autoptr(GPtrArray) out = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  LineupResultSnapshot *s = snap ("p1", "mastodon", 1764583200, 2, 11);

  s->counts[LINEUP_RESULT_REPOSTS] = 5;
  g_ptr_array_add (in, s);
  s = snap ("p1", "linkedin", 1764586800, LINEUP_RESULT_UNKNOWN, 40);
  s->counts[LINEUP_RESULT_IMPRESSIONS] = 1200;
  g_ptr_array_add (in, s);

  text = lineup_results_format_field (in);
  g_assert_cmpstr (text, ==,
                   "mastodon 2025-12-01T10:00:00Z mastodon replies=2 reposts=5 likes=11; "
                   "linkedin 2025-12-01T11:00:00Z import likes=40 impressions=1200");
  out = lineup_results_parse_field ("p1", text, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (out->len, ==, 2);
  again = lineup_results_format_field (out);
  g_assert_cmpstr (again, ==, text);
  g_assert_null (lineup_results_format_field (NULL));

  /* A count a newer Lineup keeps is left out; a broken one is refused. */
  g_clear_pointer (&out, g_ptr_array_unref);
  out = lineup_results_parse_field ("p1", "bluesky 2025-12-01T10:00:00Z bluesky likes=3 bookmarks=2", &error);
  g_assert_no_error (error);
  g_assert_cmpint (((LineupResultSnapshot *) out->pdata[0])->counts[LINEUP_RESULT_LIKES], ==, 3);
  g_assert_null (lineup_results_parse_field ("p1", "bluesky 2025-12-01T10:00:00Z bluesky likes=x", &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (lineup_results_parse_field ("p1", "bluesky yesterday bluesky", &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (lineup_results_parse_field ("p1", "bluesky 2025-12-01T10:00:00Z robots", &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
}

/* Hand-computed: 2 replies, 5 reposts, 11 likes, 1 save, 4 clicks, 900
 * impressions = 2*3 + 5*3 + 11*1 + 1*3 + 4*2 = 43; per 200 followers 0.215. */
static void
test_engagement (void)
{
  g_autoptr(LineupResultSnapshot) s = lineup_result_snapshot_new ("p", "linkedin", 0, "import");
  LineupResultWeights likes_only = { { 0 } };

  s->counts[LINEUP_RESULT_REPLIES] = 2;
  s->counts[LINEUP_RESULT_REPOSTS] = 5;
  s->counts[LINEUP_RESULT_LIKES] = 11;
  s->counts[LINEUP_RESULT_SAVES] = 1;
  s->counts[LINEUP_RESULT_CLICKS] = 4;
  s->counts[LINEUP_RESULT_IMPRESSIONS] = 900;
  g_assert_cmpfloat_with_epsilon (lineup_result_engagement (s, NULL), 43.0, 1e-9);
  likes_only.weight[LINEUP_RESULT_LIKES] = 1.0;
  g_assert_cmpfloat_with_epsilon (lineup_result_engagement (s, &likes_only), 11.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (lineup_result_rate (43.0, 200), 0.215, 1e-9);
  g_assert_true (isnan (lineup_result_rate (43.0, 0)));
}

static void
test_median (void)
{
  const double odd[] = { 9, 1, 5 }, even[] = { 4, 1, 10, 6 }, gaps[] = { NAN, 2, NAN };

  g_assert_cmpfloat (lineup_results_median (odd, 3), ==, 5.0);
  g_assert_cmpfloat (lineup_results_median (even, 4), ==, 5.0);   /* (4 + 6) / 2 */
  g_assert_cmpfloat (lineup_results_median (gaps, 3), ==, 2.0);
  g_assert_true (isnan (lineup_results_median (NULL, 0)));
}

/* Twelve posts over 100 days. Baseline: the median of the last 90 days'
 * posts (day 20 and after): 10 20 30 40 40 50 60 60 80 100 → (40 + 50) / 2
 * = 45 (the two older posts, 500 and 1, left out). Proof: 60 60 80 100 40
 * → median 60, index 60/45 = 1.333…; Tips: 10 20 30 40 50 → 30, index
 * 0.666…; Poll: 500 1 (older, still its group's) → 250.5, too few. */
static void
test_groups (void)
{
  const gint64 day = 24 * 3600, now = 100 * day;
  const LineupResultPoint points[] = {
    { "Poll", 1 * day, 500 }, { "Poll", 5 * day, 1 },
    { "Proof", 20 * day, 60 }, { "Proof", 30 * day, 60 }, { "Proof", 40 * day, 80 },
    { "Proof", 50 * day, 100 }, { "Proof", 60 * day, 40 },
    { "Tips", 21 * day, 10 }, { "Tips", 31 * day, 20 }, { "Tips", 41 * day, 30 },
    { "Tips", 51 * day, 40 }, { "Tips", 99 * day, 50 },
  };
  double baseline = lineup_results_baseline (points, G_N_ELEMENTS (points), now);
  g_autoptr(GPtrArray) groups = NULL;
  const LineupResultGroup *g;

  g_assert_cmpfloat_with_epsilon (baseline, 45.0, 1e-9);
  groups = lineup_results_group (points, G_N_ELEMENTS (points), baseline, LINEUP_RESULTS_MIN_POSTS);
  g_assert_cmpuint (groups->len, ==, 3);
  g = groups->pdata[0];
  g_assert_cmpstr (g->group, ==, "Proof");
  g_assert_cmpuint (g->n_posts, ==, 5);
  g_assert_cmpfloat_with_epsilon (g->median, 60.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (g->index, 4.0 / 3.0, 1e-9);
  g_assert_true (g->enough);
  g = groups->pdata[1];
  g_assert_cmpstr (g->group, ==, "Tips");
  g_assert_cmpfloat_with_epsilon (g->index, 2.0 / 3.0, 1e-9);
  g = groups->pdata[2];
  g_assert_cmpstr (g->group, ==, "Poll");
  g_assert_cmpuint (g->n_posts, ==, 2);
  g_assert_cmpfloat_with_epsilon (g->median, 250.5, 1e-9);
  g_assert_false (g->enough);

  /* No posts in the window: no baseline, no index. */
  g_assert_true (isnan (lineup_results_baseline (points, 2, now)));
  g_clear_pointer (&groups, g_ptr_array_unref);
  groups = lineup_results_group (points, 2, NAN, LINEUP_RESULTS_MIN_POSTS);
  g_assert_true (isnan (((LineupResultGroup *) groups->pdata[0])->index));
  /* No followers said: no rate. */
  g_assert_true (isnan (((LineupResultGroup *) groups->pdata[0])->rate));
}

/* Engagement per follower: Proof's three posts engage 60 of 1,000, 30 of
 * 1,000 (its other network said no followers: left out) and 90 of 2,000
 * followers → 6 %, 3 %, 4.5 %: median 4.5 %; a post without followers
 * counts for the index but not the rate. */
static void
test_rate (void)
{
  const LineupResultPoint points[] = {
    { "Proof", 1, 60, 1000, 60 }, { "Proof", 2, 50, 1000, 30 }, { "Proof", 3, 90, 2000, 90 },
    { "Proof", 4, 10, 0, 0 },
  };
  g_autoptr(GPtrArray) groups = lineup_results_group (points, G_N_ELEMENTS (points), 50, 1);
  const LineupResultGroup *g = groups->pdata[0];

  g_assert_true (isnan (lineup_result_point_rate (&points[3])));
  g_assert_cmpfloat_with_epsilon (lineup_result_point_rate (&points[1]), 0.03, 1e-12);
  g_assert_cmpuint (g->n_posts, ==, 4);
  g_assert_cmpfloat_with_epsilon (g->rate, 0.045, 1e-12);
  g_assert_cmpfloat_with_epsilon (g->median, 55.0, 1e-9);
}

/* Both copies imported results since they last met: never a conflict,
 * each network's newer snapshot kept. */
static void
test_merge (void)
{
  g_autoptr(LineupShareRecord) base = lineup_share_record_new (LINEUP_SHARE_POST, "p1");
  g_autoptr(LineupShareRecord) mine = NULL;
  g_autoptr(LineupShareRecord) theirs = NULL;
  g_autoptr(LineupShareRecord) merged = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;

  lineup_share_record_set (base, "results", "mastodon 2026-12-01T10:00:00Z mastodon likes=1");
  mine = lineup_share_record_copy (base);
  theirs = lineup_share_record_copy (base);
  lineup_share_record_set (mine, "results", "mastodon 2026-12-02T10:00:00Z mastodon likes=5; x 2026-12-01T10:00:00Z import likes=2");
  lineup_share_record_set (theirs, "results", "mastodon 2026-12-01T12:00:00Z mastodon likes=3; linkedin 2026-12-03T10:00:00Z import likes=9");
  merged = lineup_share_merge (base, mine, theirs, "alice", &conflicts);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_assert_cmpstr (lineup_share_record_get (merged, "results"), ==,
                   "mastodon 2026-12-02T10:00:00Z mastodon likes=5; x 2026-12-01T10:00:00Z import likes=2; "
                   "linkedin 2026-12-03T10:00:00Z import likes=9");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/results/snapshots-kept", Fixture, NULL, fixture_set_up, test_snapshots_kept, fixture_tear_down);
  g_test_add ("/results/all-or-none", Fixture, NULL, fixture_set_up, test_all_or_none, fixture_tear_down);
  g_test_add ("/results/post-url", Fixture, NULL, fixture_set_up, test_post_url, fixture_tear_down);
  g_test_add_func ("/results/field", test_field);
  g_test_add_func ("/results/engagement", test_engagement);
  g_test_add_func ("/results/median", test_median);
  g_test_add_func ("/results/groups", test_groups);
  g_test_add_func ("/results/rate", test_rate);
  g_test_add_func ("/results/merge", test_merge);
  return g_test_run ();
}
