/* test-context.c: what an open plan's context runs in the background,
 * driven through a main loop with short intervals.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "lineup-core.h"
#include "lineup-secrets.h"
#include "lineup-account.h"
#include "lineup-store-results.h"
#include "lineup-test-util.h"

#define OVERLAY_MS 200
#define AUTO_PUBLISH_MS 50

static const char holidays[] =
  "BEGIN:VCALENDAR\r\n"
  "VERSION:2.0\r\n"
  "PRODID:-//Lineup//test//EN\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:day-off@lineup.test\r\n"
  "DTSTAMP:20260101T000000Z\r\n"
  "DTSTART;VALUE=DATE:20260601\r\n"
  "SUMMARY:Day off\r\n"
  "END:VEVENT\r\n"
  "END:VCALENDAR\r\n";

static gboolean
quit_loop_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms milliseconds. */
static void
run_for (guint ms)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_timeout_add (ms, quit_loop_cb, loop);
  g_main_loop_run (loop);
}

/* The overlay's copy, or NULL while it has none. */
static char *
overlay_copy (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupStore) store = lineup_plan_open (path, &error);
  g_autoptr(GPtrArray) overlays = NULL;

  g_assert_no_error (error);
  overlays = lineup_store_get_overlays (store);
  g_assert_cmpuint (overlays->len, ==, 1);
  return g_strdup (((LineupOverlay *) g_ptr_array_index (overlays, 0))->cache);
}

/* The README promises overlays are looked at hourly while the app runs:
 * an edit (which starts the feeds' auto-publish wait) must not end that. */
static void
test_overlays_refresh_after_an_edit (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lineup-context-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "lineup.db", NULL);
  g_autofree char *secrets = g_build_filename (dir, "secrets", NULL);
  g_autofree char *source = g_build_filename (dir, "holidays.ics", NULL);
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupContext) context = NULL;
  g_autoptr(LineupPost) post = lineup_post_new ();
  g_autofree char *copy = NULL;

  g_assert_no_error (error);
  /* No keyring in a test: the secrets go to a file. */
  g_setenv (LINEUP_SECRETS_FILE_ENV, secrets, TRUE);
  store = lineup_plan_open (path, &error);
  g_assert_no_error (error);
  /* Its source is not there yet: the look at start fails and leaves it
   * due, without a copy. */
  g_assert_true (lineup_store_add_overlay (store, "Holidays", source, "#3584e4", &error));
  g_assert_no_error (error);

  context = lineup_context_new (store);
  lineup_context_set_intervals (context, OVERLAY_MS, AUTO_PUBLISH_MS);
  lineup_context_start (context);
  run_for (OVERLAY_MS / 2);

  /* An edit: the feeds' auto-publish wait starts. */
  lineup_post_set_title (post, "Launch story");
  lineup_post_set_pillar_id (post, lineup_pillar_get_id (lineup_store_add_pillar (store, "Stories", NULL, -1, &error)));
  g_assert_no_error (error);
  lineup_post_set_type_id (post, lineup_content_type_get_id (lineup_store_find_content_type (store, "Narrative")));
  g_assert_true (lineup_store_add_post (store, post, &error));
  g_assert_no_error (error);
  run_for (AUTO_PUBLISH_MS * 2);

  /* The source appears; a later look at the overlays due fetches it. */
  g_assert_true (g_file_set_contents (source, holidays, -1, &error));
  g_assert_no_error (error);
  for (guint waited = 0; waited < OVERLAY_MS * 15 && copy == NULL; waited += OVERLAY_MS / 2)
    {
      run_for (OVERLAY_MS / 2);
      copy = overlay_copy (path);
    }
  g_assert_nonnull (copy);
  g_assert_cmpint (lineup_overlay_count (copy), ==, 1);

  g_clear_object (&context);
  g_clear_object (&store);
  lineup_test_remove_tree (dir);
}

/* ---- results read in the background ---- */

/* A Mastodon server that knows one status and the account's followers,
 * answering each request on its own connection. */
static gboolean
on_mastodon_request_cb (GThreadedSocketService *service,
                        GSocketConnection      *connection,
                        GObject                *source,
                        gpointer                data)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(GString) request = g_string_new (NULL);
  g_autofree char *answer = NULL;
  const char *body;
  char buffer[1024];
  gssize n;

  while (strstr (request->str, "\r\n\r\n") == NULL &&
         (n = g_input_stream_read (in, buffer, sizeof buffer, NULL, NULL)) > 0)
    g_string_append_len (request, buffer, n);
  if (g_str_has_prefix (request->str, "GET /api/v1/accounts/verify_credentials "))
    body = "{\"id\": \"1\", \"username\": \"team\", \"followers_count\": 77}";
  else if (g_str_has_prefix (request->str, "GET /api/v1/statuses/110000000000000002 "))
    body = "{\"id\": \"110000000000000002\", \"replies_count\": 1, \"reblogs_count\": 2, \"favourites_count\": 3}";
  else
    body = NULL;
  answer = body ? g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n"
                                   "Connection: close\r\n\r\n%s", strlen (body), body)
                : g_strdup ("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  g_output_stream_write_all (out, answer, strlen (answer), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

/* The views hear of the plan's change once the results are in it. */
static void
on_plan_changed_cb (LineupStore *store,
                    gpointer     data)
{
  g_autoptr(GPtrArray) latest = lineup_store_get_latest_results (store, NULL, NULL);

  if (latest && latest->len > 0)
    *(gboolean *) data = TRUE;
}

/* A post published to Mastodon two hours ago is due its first reading: the
 * context reads it on its own as the plan opens, without the window
 * waiting, and the views hear of it. */
static void
test_results_read_in_background (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lineup-context-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "lineup.db", NULL);
  g_autofree char *secrets_path = g_build_filename (dir, "secrets", NULL);
  g_autoptr(GSocketService) service = g_threaded_socket_service_new (2);
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupSecrets) secrets = NULL;
  g_autoptr(LineupContext) context = NULL;
  g_autoptr(LineupPost) post = lineup_post_new ();
  g_autoptr(LineupAccount) account = lineup_account_new ();
  g_autoptr(GPtrArray) latest = NULL;
  g_autofree char *sql = NULL;
  const char *platforms[] = { "mastodon", NULL };
  gint64 out_at = g_get_real_time () / G_USEC_PER_SEC - 2 * 3600;
  gboolean reloaded = FALSE;
  guint16 port;
  sqlite3 *db;

  g_assert_no_error (error);
  port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "run", G_CALLBACK (on_mastodon_request_cb), NULL);
  g_socket_service_start (service);

  g_setenv (LINEUP_SECRETS_FILE_ENV, secrets_path, TRUE);
  store = lineup_plan_open (path, &error);
  g_assert_no_error (error);
  account->kind = LINEUP_ACCOUNT_MASTODON;
  account->name = g_strdup ("team@localhost");
  account->endpoint = g_strdup_printf ("http://127.0.0.1:%u", port);
  g_assert_true (lineup_store_add_account (store, account, &error));
  g_assert_no_error (error);
  secrets = lineup_secrets_new (&error);
  g_assert_no_error (error);
  g_assert_true (lineup_secrets_store (secrets, account->id, "token", NULL, "tok-context", &error));
  g_assert_no_error (error);
  lineup_post_set_title (post, "Out two hours ago");
  lineup_post_set_pillar_id (post, lineup_pillar_get_id (lineup_store_add_pillar (store, "Stories", NULL, -1, &error)));
  g_assert_no_error (error);
  lineup_post_set_type_id (post, lineup_content_type_get_id (lineup_store_find_content_type (store, "Narrative")));
  lineup_post_set_platforms (post, platforms);
  lineup_post_set_scheduled_at (post, out_at);
  g_assert_true (lineup_store_add_post (store, post, &error));
  g_assert_no_error (error);
  /* Published, as the sync engine records it. */
  sql = g_strdup_printf ("INSERT INTO publish_state (post_id, account_id, state, remote_id, url, updated_at) "
                         "VALUES ('%s', '%s', 'published', '1', 'http://127.0.0.1:%u/@team/110000000000000002', %"
                         G_GINT64_FORMAT ")", lineup_post_get_id (post), account->id, port, out_at + 60);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  /* Snapshots are not posts: the views hear "plan-changed". */
  g_signal_connect (store, "plan-changed", G_CALLBACK (on_plan_changed_cb), &reloaded);
  context = lineup_context_new (store);
  lineup_context_set_intervals (context, OVERLAY_MS, AUTO_PUBLISH_MS);
  lineup_context_start (context);
  for (guint waited = 0; waited < 20000 && !reloaded; waited += 50)
    run_for (50);
  g_assert_true (reloaded);
  latest = lineup_store_get_latest_results (store, lineup_post_get_id (post), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (latest->len, ==, 1);
  g_assert_cmpstr (((LineupResultSnapshot *) g_ptr_array_index (latest, 0))->source, ==, "mastodon");
  g_assert_cmpint (((LineupResultSnapshot *) g_ptr_array_index (latest, 0))->counts[LINEUP_RESULT_LIKES], ==, 3);
  g_assert_cmpint (((LineupResultSnapshot *) g_ptr_array_index (latest, 0))->followers, ==, 77);

  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));
  g_clear_object (&context);
  g_clear_object (&store);
  lineup_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/context/overlays-refresh-after-an-edit", test_overlays_refresh_after_an_edit);
  g_test_add_func ("/context/results-read-in-background", test_results_read_in_background);

  return g_test_run ();
}
