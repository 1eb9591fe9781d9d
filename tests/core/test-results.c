/* test-results.c: results of published posts: snapshots kept per post and
 * network (one transaction, all or none, the latest per network), a
 * post's own URL, and the compact text a shared plan carries them in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "lineup-core.h"
#include "lineup-test-util.h"

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

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/results/snapshots-kept", Fixture, NULL, fixture_set_up, test_snapshots_kept, fixture_tear_down);
  g_test_add ("/results/all-or-none", Fixture, NULL, fixture_set_up, test_all_or_none, fixture_tear_down);
  g_test_add ("/results/post-url", Fixture, NULL, fixture_set_up, test_post_url, fixture_tear_down);
  g_test_add_func ("/results/field", test_field);
  return g_test_run ();
}
