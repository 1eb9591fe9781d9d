/* lineup-bench-sync.c: syncing new scheduled posts to Mastodon.
 *
 *   lineup-bench-sync [--posts N]
 *
 * Starts the fake Mastodon from tests/integration/fakes on 127.0.0.1, schedules
 * N posts (default 500; budget 2 s) on two accounts (Mastodon holds at
 * most 300 pending posts per account) and syncs them with connection
 * reuse; in the same run, the same on two other accounts with a new
 * connection for every request, and prints both and their ratio.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lineup-core.h"
#include "lineup-account.h"
#include "lineup-http.h"
#include "lineup-secrets.h"
#include "lineup-sync.h"
#include "bench-util.h"

#define SYNC_BUDGET_MS 2000.0

static char *
control (LineupHttp *http,
         const char *base,
         const char *path,
         const char *json)
{
  g_autofree char *url = g_strconcat (base, path, NULL);
  LineupHttpRequest request = { "POST", url, "application/json", json, strlen (json), NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupHttpResponse) response = lineup_http_send (http, &request, NULL, &error);

  if (response == NULL || response->status != 200)
    g_error ("The fake server refused %s: %s", path, error ? error->message : response->body->str);
  return g_strdup (response->body->str);
}

/* One plan, one account, @n scheduled posts targeted at it; returns the
 * milliseconds one sync pass took. */
static double
sync_posts (const char    *dir,
            const char    *base,
            const char    *token,
            LineupSecrets *secrets,
            int            n,
            gboolean       reuse,
            guint         *out_connections)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, reuse ? "reuse.db" : "fresh.db", NULL);
  g_autoptr(LineupStore) store = lineup_plan_open (path, &error);
  g_autoptr(LineupAccount) account = lineup_account_new ();
  g_autoptr(LineupAccount) second = lineup_account_new ();
  g_autoptr(LineupSync) sync = NULL;
  g_autofree char *second_token = g_strconcat (token, "-2", NULL);
  LineupSyncReport report = { 0 };
  LineupPillar *pillar;
  gint64 type_id, first;
  double start, elapsed;

  g_assert_no_error (error);
  pillar = lineup_store_add_pillar (store, "Bench", NULL, -1, &error);
  g_assert_no_error (error);
  type_id = lineup_content_type_get_id (lineup_store_find_content_type (store, "Educational"));

  account->kind = LINEUP_ACCOUNT_MASTODON;
  account->name = g_strdup (reuse ? "reuse" : "fresh");
  account->endpoint = g_strdup (base);
  account->id = g_uuid_string_random ();
  if (!lineup_secrets_store (secrets, account->id, "token", "bench", token, &error) ||
      !lineup_store_add_account (store, account, &error))
    g_error ("%s", error->message);
  second->kind = LINEUP_ACCOUNT_MASTODON;
  second->name = g_strdup (reuse ? "reuse-2" : "fresh-2");
  second->endpoint = g_strdup (base);
  second->id = g_uuid_string_random ();
  if (!lineup_secrets_store (secrets, second->id, "token", "bench", second_token, &error) ||
      !lineup_store_add_account (store, second, &error))
    g_error ("%s", error->message);

  /* From the day after tomorrow, 20 a day, 10 per account (Mastodon takes 25). */
  first = (g_get_real_time () / G_USEC_PER_SEC / 86400 + 2) * 86400 + 6 * 3600;
  lineup_store_begin (store, "Bench");
  for (int i = 0; i < n; i++)
    {
      g_autoptr(LineupPost) post = lineup_post_new ();
      g_autofree char *title = g_strdup_printf ("Post %d", i);
      g_autofree char *body = g_strdup_printf ("Post %d: a caption of ordinary length, with a link https://example.org/%d", i, i);
      const char *platforms[] = { "mastodon", NULL };

      lineup_post_set_title (post, title);
      lineup_post_set_body (post, body);
      lineup_post_set_pillar_id (post, lineup_pillar_get_id (pillar));
      lineup_post_set_type_id (post, type_id);
      lineup_post_set_platforms (post, platforms);
      lineup_post_set_scheduled_at (post, first + (i / 20) * 86400 + (i % 20) * 1800);
      lineup_post_set_stage (post, LINEUP_STAGE_SCHEDULED);
      if (!lineup_store_add_post (store, post, &error) ||
          !lineup_store_set_post_target (store, lineup_post_get_id (post), (i % 2 ? second : account)->id,
                                         TRUE, &error))
        g_error ("%s", error->message);
    }
  if (!lineup_store_commit (store, &error))
    g_error ("%s", error->message);

  sync = lineup_sync_new (store, secrets);
  lineup_sync_set_reuse_connections (sync, reuse);
  start = bench_now_ms ();
  if (!lineup_sync_run (sync, LINEUP_SYNC_PASS_ONCE, &report, NULL, &error))
    g_error ("%s", error->message);
  elapsed = bench_now_ms () - start;
  if ((int) report.sent != n)
    g_error ("Only %u of %d posts were sent", report.sent, n);
  *out_connections = lineup_http_get_connections (lineup_sync_get_http (sync));
  return elapsed;
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lineup-bench-sync-XXXXXX", &error);
  g_autofree char *port_file = g_build_filename (dir, "port", NULL);
  g_autofree char *keys = g_build_filename (dir, "keys", NULL);
  g_autofree char *fake = g_build_filename (LINEUP_SOURCE_DIR, "tests", "integration", "fakes", "fake_mastodon.py", NULL);
  g_autofree char *port = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(LineupHttp) http = lineup_http_new ();
  g_autoptr(LineupSecrets) secrets = NULL;
  guint fresh_connections = 0, reuse_connections = 0;
  double fresh, reuse;
  int n = 500;

  if (argc == 3 && g_str_equal (argv[1], "--posts"))
    n = atoi (argv[2]);
  g_assert_no_error (error);

  server = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "/usr/bin/python3", fake,
                             "--port-file", port_file, NULL);
  if (server == NULL)
    g_error ("Could not start %s: %s", fake, error->message);
  for (int i = 0; i < 200 && !g_file_get_contents (port_file, &port, NULL, NULL); i++)
    g_usleep (50000);
  if (port == NULL)
    g_error ("The fake Mastodon did not start");
  base = g_strdup_printf ("http://127.0.0.1:%d", atoi (port));

  g_free (control (http, base, "/__fake/limits", "{\"rate_limit\": 1000000, \"rate_window\": 300}"));
  g_free (control (http, base, "/__fake/accounts", "{\"username\": \"fresh\", \"token\": \"fresh-token\", \"scopes\": \"read write\"}"));
  g_free (control (http, base, "/__fake/accounts", "{\"username\": \"reuse\", \"token\": \"reuse-token\", \"scopes\": \"read write\"}"));
  g_free (control (http, base, "/__fake/accounts", "{\"username\": \"fresh2\", \"token\": \"fresh-token-2\", \"scopes\": \"read write\"}"));
  g_free (control (http, base, "/__fake/accounts", "{\"username\": \"reuse2\", \"token\": \"reuse-token-2\", \"scopes\": \"read write\"}"));

  g_setenv ("LINEUP_SECRETS_FILE", keys, TRUE);
  if ((secrets = lineup_secrets_new (&error)) == NULL)
    g_error ("%s", error->message);

  fresh = sync_posts (dir, base, "fresh-token", secrets, n, FALSE, &fresh_connections);
  reuse = sync_posts (dir, base, "reuse-token", secrets, n, TRUE, &reuse_connections);

  printf ("sync %d new scheduled posts to the fake Mastodon on 127.0.0.1\n", n);
  printf ("  one connection per request: %8.1f ms  (%u connections)\n", fresh, fresh_connections);
  printf ("  connection reuse:           %8.1f ms  (%u connections)  budget %.0f ms  %s\n",
          reuse, reuse_connections, SYNC_BUDGET_MS, reuse < SYNC_BUDGET_MS ? "OK" : "OVER");
  printf ("  ratio reuse / fresh:        %8.2f\n", reuse / fresh);

  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, NULL);
  bench_remove_plan (dir);
  return 0;
}
