/* test-results-fetch.c: results read from Mastodon and Bluesky: when a
 * published post is due a reading (1 hour, 24 hours, 7 days after it went
 * out, each once), the networks' answers parsed whatever they hold, and the
 * account's followers kept with a snapshot and carried by a shared plan's
 * `results` field.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "lineup-core.h"
#include "lineup-results-fetch.h"

#define H 3600
#define D (24 * H)

static void
test_due (void)
{
  const gint64 out = 1764579600;   /* 2025-12-01T09:00:00Z */

  /* Before the first hour, nothing. */
  g_assert_false (lineup_results_fetch_is_due (out, 0, out));
  g_assert_false (lineup_results_fetch_is_due (out, 0, out + H - 1));
  /* The hour passed, never read: due; read after it: not until a day. */
  g_assert_true (lineup_results_fetch_is_due (out, 0, out + H));
  g_assert_false (lineup_results_fetch_is_due (out, out + H, out + H + 1));
  g_assert_false (lineup_results_fetch_is_due (out, out + 2 * H, out + D - 1));
  /* Read at 30 minutes (on demand): the hour's reading is still due. */
  g_assert_true (lineup_results_fetch_is_due (out, out + H / 2, out + 2 * H));
  /* The day: due once. */
  g_assert_true (lineup_results_fetch_is_due (out, out + 2 * H, out + D));
  g_assert_false (lineup_results_fetch_is_due (out, out + D, out + 3 * D));
  /* Missed for days (the app was closed): one reading, the latest point's. */
  g_assert_true (lineup_results_fetch_is_due (out, 0, out + 5 * D));
  g_assert_false (lineup_results_fetch_is_due (out, out + 5 * D, out + 6 * D));
  /* The week: due once, then never again. */
  g_assert_true (lineup_results_fetch_is_due (out, out + 5 * D, out + 7 * D));
  g_assert_false (lineup_results_fetch_is_due (out, out + 7 * D, out + 7 * D + 1));
  g_assert_false (lineup_results_fetch_is_due (out, out + 8 * D, out + 400 * D));
  /* Not known when it went out: never due. */
  g_assert_false (lineup_results_fetch_is_due (0, 0, out));
  g_assert_false (lineup_results_fetch_is_due (G_MAXINT64, 0, out));
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, text, -1, NULL) || json_parser_get_root (parser) == NULL)
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_answers (void)
{
  static const char * const hostile[] = {
    "[]", "3", "\"x\"", "null", "{\"replies_count\": -1, \"favourites_count\": 1.5}",
    "{\"replies_count\": \"2\"}", "{\"replies_count\": 99999999999999999}", "{\"posts\": {}}",
    "{\"posts\": [3, null, {\"uri\": 4, \"likeCount\": 1}, {\"uri\": \"at://x\"}]}",
  };
  g_autoptr(LineupResultSnapshot) snapshot = lineup_result_snapshot_new ("p", "mastodon", 0, "mastodon");
  g_autoptr(JsonNode) status = parse ("{\"id\": \"1\", \"replies_count\": 2, \"reblogs_count\": 5, "
                                      "\"favourites_count\": 11}");
  g_autoptr(JsonNode) posts = parse ("{\"posts\": [{\"uri\": \"at://did:plc:a/app.bsky.feed.post/1\", "
                                     "\"replyCount\": 1, \"repostCount\": 2, \"likeCount\": 3, \"quoteCount\": 4}]}");
  g_autoptr(JsonNode) profile = parse ("{\"did\": \"did:plc:a\", \"followersCount\": 120}");
  g_autoptr(JsonNode) account = parse ("{\"id\": \"1\", \"followers_count\": 480}");
  g_autoptr(GHashTable) found = NULL;
  LineupResultSnapshot *sky;

  g_assert_true (lineup_results_parse_mastodon_status (status, snapshot));
  g_assert_cmpint (snapshot->counts[LINEUP_RESULT_REPLIES], ==, 2);
  g_assert_cmpint (snapshot->counts[LINEUP_RESULT_REPOSTS], ==, 5);
  g_assert_cmpint (snapshot->counts[LINEUP_RESULT_LIKES], ==, 11);
  /* Before Mastodon 4.4 quotes are not said: unknown, not zero. */
  g_assert_cmpint (snapshot->counts[LINEUP_RESULT_QUOTES], ==, LINEUP_RESULT_UNKNOWN);

  found = lineup_results_parse_bluesky_posts (posts);
  g_assert_nonnull (found);
  sky = g_hash_table_lookup (found, "at://did:plc:a/app.bsky.feed.post/1");
  g_assert_nonnull (sky);
  g_assert_cmpint (sky->counts[LINEUP_RESULT_QUOTES], ==, 4);
  g_assert_cmpint (sky->counts[LINEUP_RESULT_LIKES], ==, 3);
  g_assert_cmpint (lineup_results_parse_followers (profile), ==, 120);
  g_assert_cmpint (lineup_results_parse_followers (account), ==, 480);

  /* Whatever a server sends: no counts, never a crash or a wrong number. */
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autoptr(JsonNode) node = parse (hostile[i]);
      g_autoptr(LineupResultSnapshot) none = lineup_result_snapshot_new ("p", "mastodon", 0, "mastodon");
      g_autoptr(GHashTable) table = lineup_results_parse_bluesky_posts (node);

      g_assert_false (lineup_results_parse_mastodon_status (node, none));
      g_assert_cmpint (lineup_results_parse_followers (node), ==, LINEUP_RESULT_UNKNOWN);
      g_assert_true (table == NULL || g_hash_table_size (table) == 0);
    }
  g_assert_false (lineup_results_parse_mastodon_status (NULL, snapshot));
  g_assert_null (lineup_results_parse_bluesky_posts (NULL));
}

/* The followers travel in the shared plan's field, and a field without
 * them (an older copy's) reads as not known. */
static void
test_followers_field (void)
{
  g_autoptr(GPtrArray) snapshots = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_result_snapshot_free);
  LineupResultSnapshot *snapshot = lineup_result_snapshot_new ("p", "mastodon", 1764579600, "mastodon");
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GPtrArray) old = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  snapshot->counts[LINEUP_RESULT_LIKES] = 11;
  snapshot->followers = 480;
  g_ptr_array_add (snapshots, snapshot);
  text = lineup_results_format_field (snapshots);
  g_assert_cmpstr (text, ==, "mastodon 2025-12-01T09:00:00Z mastodon likes=11 followers=480");
  back = lineup_results_parse_field ("p", text, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((LineupResultSnapshot *) g_ptr_array_index (back, 0))->followers, ==, 480);
  g_assert_cmpint (((LineupResultSnapshot *) g_ptr_array_index (back, 0))->counts[LINEUP_RESULT_LIKES], ==, 11);
  old = lineup_results_parse_field ("p", "mastodon 2025-12-01T09:00:00Z mastodon likes=11", &error);
  g_assert_no_error (error);
  g_assert_cmpint (((LineupResultSnapshot *) g_ptr_array_index (old, 0))->followers, ==, LINEUP_RESULT_UNKNOWN);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/results-fetch/due", test_due);
  g_test_add_func ("/results-fetch/answers", test_answers);
  g_test_add_func ("/results-fetch/followers-field", test_followers_field);
  return g_test_run ();
}
