/* test-account-connect.c: connecting accounts (lineup-account-connect.h)
 * against the fake servers in tests/integration/fakes, with the secrets in
 * a file.
 *
 * A webhook gets a new signing secret; Bluesky signs in with an app
 * password and keeps its session; Mastodon takes a pasted token or goes
 * through the browser (register, authorize, exchange the code); an account
 * is signed in again. Whatever fails (a wrong password or code, a name
 * taken, a cancel) leaves no row and no secret behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "lineup-account-connect.h"
#include "lineup-plan.h"
#include "lineup-publish-store.h"
#include "lineup-test-util.h"

typedef struct {
  char          *dir;
  char          *secrets_path;
  LineupStore   *store;
  LineupSecrets *secrets;
  LineupHttp    *http;
  GSubprocess   *server;      /* a fake, when the test starts one */
  char          *server_url;
} Fixture;

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("lineup-connect-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "lineup.db", NULL);
  f->store = lineup_plan_open (path, &error);
  g_assert_no_error (error);
  f->secrets_path = g_build_filename (f->dir, "secrets.ini", NULL);
  g_setenv (LINEUP_SECRETS_FILE_ENV, f->secrets_path, TRUE);
  f->secrets = lineup_secrets_new (&error);
  g_assert_no_error (error);
  f->http = lineup_http_new ();
  lineup_http_set_timeout (f->http, 5);
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  if (f->server)
    {
      g_subprocess_send_signal (f->server, SIGTERM);
      g_subprocess_wait (f->server, NULL, NULL);
    }
  g_clear_object (&f->server);
  g_free (f->server_url);
  g_clear_object (&f->http);
  g_clear_object (&f->secrets);
  g_clear_object (&f->store);
  lineup_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->secrets_path);
}

/* The fake must not outlive a test that aborts. */
static void
end_with_test (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* Runs tests/integration/fakes/@script on a free port; its address. */
static void
start_server (Fixture    *f,
              const char *script)
{
  g_autofree char *path = g_build_filename (g_getenv ("LINEUP_SOURCE_ROOT"), "tests", "integration", "fakes",
                                            script, NULL);
  g_autofree char *port_file = g_build_filename (f->dir, "port", NULL);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;

  g_subprocess_launcher_set_child_setup (launcher, end_with_test, NULL, NULL);
  f->server = g_subprocess_launcher_spawn (launcher, &error, "/usr/bin/python3", path, "--port-file", port_file,
                                           NULL);
  g_assert_no_error (error);
  for (;;)
    {
      g_autofree char *port = NULL;

      if (g_file_get_contents (port_file, &port, NULL, NULL) && g_ascii_strtoull (port, NULL, 10) > 0)
        {
          f->server_url = g_strdup_printf ("http://127.0.0.1:%s", g_strstrip (port));
          return;
        }
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (20 * 1000);
    }
}

/* A request to the fake (its control API or a page); the answer's body. */
static char *
ask_server (Fixture    *f,
            const char *method,
            const char *url,
            const char *json)
{
  LineupHttpRequest request = { method, url, json ? "application/json" : NULL, json, json ? strlen (json) : 0, NULL };
  g_autoptr(LineupHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = lineup_http_send (f->http, &request, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (response->status, ==, 200);
  return g_strdup (response->body->str);
}

static char *
control (Fixture    *f,
         const char *method,
         const char *path,
         const char *json)
{
  g_autofree char *url = g_strconcat (f->server_url, path, NULL);

  return ask_server (f, method, url, json);
}

/* How many accounts have secrets in the file. */
static gsize
secret_groups (Fixture *f)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_auto(GStrv) groups = NULL;
  gsize n = 0;

  if (!g_key_file_load_from_file (keys, f->secrets_path, G_KEY_FILE_NONE, NULL))
    return 0;
  groups = g_key_file_get_groups (keys, &n);
  return n;
}

static guint
account_count (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = lineup_store_get_accounts (f->store, &error);

  g_assert_no_error (error);
  return accounts->len;
}

static char *
secret_of (Fixture    *f,
           const char *account_id,
           const char *kind)
{
  g_autoptr(GError) error = NULL;
  char *secret = lineup_secrets_lookup (f->secrets, account_id, kind, &error);

  g_assert_no_error (error);
  return secret;
}

static LineupAccount *
connect_account (Fixture                   *f,
                 const LineupAccountLogin  *login,
                 const LineupAccount       *fixing,
                 char                     **out_signing_secret,
                 GError                   **error)
{
  return lineup_account_connect (f->store, f->secrets, f->http, login, fixing, out_signing_secret, NULL, error);
}

/* ---- webhooks: no server to ask ---- */

static void
test_webhook (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(LineupAccountLogin) login = lineup_account_login_new (LINEUP_ACCOUNT_WEBHOOK);
  g_autoptr(LineupAccount) account = NULL;
  g_autoptr(LineupAccount) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *signing = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *hub = NULL;

  login->endpoint = g_strdup ("https://hooks.example.org/lineup");
  login->hub_secret = g_strdup ("It's a Secret to Everybody");
  account = connect_account (f, login, NULL, &signing, &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);
  /* Named by its host when no name is given. */
  g_assert_cmpstr (account->name, ==, "hooks.example.org");
  g_assert_cmpint (account->kind, ==, LINEUP_ACCOUNT_WEBHOOK);
  g_assert_true (g_str_has_prefix (signing, "whsec_"));

  found = lineup_store_find_account (f->store, "hooks.example.org", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->id, ==, account->id);
  g_assert_cmpstr (found->endpoint, ==, "https://hooks.example.org/lineup");
  kept = secret_of (f, account->id, "secret");
  hub = secret_of (f, account->id, "hub-secret");
  g_assert_cmpstr (kept, ==, signing);
  g_assert_cmpstr (hub, ==, "It's a Secret to Everybody");
  /* Media up to 5 MB go with their bytes unless the login says otherwise. */
  g_assert_cmpint (found->media_bytes, ==, 5 * 1000 * 1000);
}

/* The size a webhook carries media bytes up to: given when it is added,
 * kept with the row, changed later; only a webhook has one. */
static void
test_webhook_media_bytes (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(LineupAccountLogin) login = lineup_account_login_new (LINEUP_ACCOUNT_WEBHOOK);
  g_autoptr(LineupAccount) account = NULL;
  g_autoptr(LineupAccount) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *signing = NULL;
  static const struct { const char *text; gint64 bytes; const char *shown; } sizes[] = {
    { "0", 0, "0 B" }, { "5MB", 5000000, "5 MB" }, { "500kB", 500000, "500 kB" },
    { " 1.5 mb ", 1500000, "1.5 MB" }, { "2 MiB", 2097152, "2.1 MB" }, { "900", 900, "900 B" },
  };
  static const char * const bad[] = { "", "MB", "-1", "5 parsecs", "1e6", "inf", "0x10", "101MB", "5MB!" };
  gint64 bytes;

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *shown = NULL;

      g_assert_true (lineup_account_parse_size (sizes[i].text, &bytes, &error));
      g_assert_no_error (error);
      g_assert_cmpint (bytes, ==, sizes[i].bytes);
      shown = lineup_account_format_size (bytes);
      g_assert_cmpstr (shown, ==, sizes[i].shown);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (lineup_account_parse_size (bad[i], &bytes, &error));
      g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
      g_clear_error (&error);
    }

  login->endpoint = g_strdup ("https://hooks.example.org/lineup");
  login->name = g_strdup ("n8n");
  login->media_bytes = 0;
  account = connect_account (f, login, NULL, &signing, &error);
  g_assert_no_error (error);
  g_assert_cmpint (account->media_bytes, ==, 0);
  found = lineup_store_find_account (f->store, "n8n", &error);
  g_assert_cmpint (found->media_bytes, ==, 0);
  g_clear_pointer (&found, lineup_account_free);

  g_assert_true (lineup_store_set_account_media_bytes (f->store, "n8n", 1000000, &error));
  g_assert_no_error (error);
  found = lineup_store_find_account (f->store, "n8n", &error);
  g_assert_cmpint (found->media_bytes, ==, 1000000);
  g_clear_pointer (&found, lineup_account_free);

  /* Out of range is refused and changes nothing. */
  g_assert_false (lineup_store_set_account_media_bytes (f->store, "n8n", -1, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  found = lineup_store_find_account (f->store, "n8n", &error);
  g_assert_cmpint (found->media_bytes, ==, 1000000);
}

static void
test_webhook_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(LineupAccountLogin) login = lineup_account_login_new (LINEUP_ACCOUNT_WEBHOOK);
  g_autoptr(LineupAccount) first = NULL;
  g_autoptr(LineupAccount) again = NULL;
  g_autoptr(LineupAccount) fixed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *signing = NULL;

  /* No address: refused before anything is kept. */
  again = connect_account (f, login, NULL, &signing, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_null (again);
  g_assert_null (signing);
  g_clear_error (&error);

  login->name = g_strdup ("n8n");
  login->endpoint = g_strdup ("https://n8n.example/hook");
  first = connect_account (f, login, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first->name, ==, "n8n");
  g_assert_cmpuint (secret_groups (f), ==, 1);

  /* The name is taken: its secrets are forgotten again, no second row. */
  again = connect_account (f, login, NULL, &signing, &error);
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_EXISTS);
  g_assert_null (again);
  g_assert_null (signing);
  g_clear_error (&error);
  g_assert_cmpuint (account_count (f), ==, 1);
  g_assert_cmpuint (secret_groups (f), ==, 1);

  /* A webhook's secret is not renewed by signing in. */
  fixed = connect_account (f, login, first, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_null (fixed);
}

/* Keeps the result of an async call for the test to finish. */
static void
on_result_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  GAsyncResult **out = data;

  *out = g_object_ref (result);
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(LineupAccountLogin) login = lineup_account_login_new (LINEUP_ACCOUNT_WEBHOOK);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LineupAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  /* Closed while the server was asked: nothing is kept. */
  login->endpoint = g_strdup ("https://hooks.example.org/lineup");
  lineup_account_connect_async (f->store, f->secrets, f->http, login, NULL, cancellable, on_result_cb, &result);
  g_cancellable_cancel (cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  account = lineup_account_connect_finish (f->store, result, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (account);
  g_assert_cmpuint (account_count (f), ==, 0);
  g_assert_cmpuint (secret_groups (f), ==, 0);
}

/* ---- Bluesky against fake_pds.py ---- */

static char *
pds_set_up (Fixture *f)
{
  g_autofree char *answer = NULL;
  g_autoptr(JsonNode) root = NULL;

  start_server (f, "fake_pds.py");
  answer = control (f, "POST", "/__fake/accounts", "{\"handle\": \"team.test\", \"password\": \"app-pass-1234\"}");
  root = json_from_string (answer, NULL);
  return g_strdup (json_object_get_string_member (json_node_get_object (root), "did"));
}

static void
test_bluesky (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *did = pds_set_up (f);
  g_autoptr(LineupAccountLogin) login = lineup_account_login_new (LINEUP_ACCOUNT_BLUESKY);
  g_autoptr(LineupAccount) account = NULL;
  g_autoptr(LineupAccount) fixed = NULL;
  g_autoptr(LineupAccount) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;
  g_autofree char *session = NULL;
  g_autofree char *signing = NULL;

  login->endpoint = g_strconcat (f->server_url, "/", NULL);
  login->handle = g_strdup ("@team.test");
  login->app_password = g_strdup ("app-pass-1234");
  account = connect_account (f, login, NULL, &signing, &error);
  g_assert_no_error (error);
  g_assert_null (signing);
  g_assert_cmpstr (account->name, ==, "team.test");
  g_assert_cmpstr (account->handle, ==, "team.test");
  g_assert_cmpstr (account->remote_user, ==, did);
  g_assert_cmpstr (account->endpoint, ==, f->server_url);   /* without the slash */
  password = secret_of (f, account->id, "app-password");
  session = secret_of (f, account->id, "session");
  g_assert_cmpstr (password, ==, "app-pass-1234");
  g_assert_nonnull (session);

  /* Signing in again: the same row, its problem gone. */
  g_free (account->problem);
  account->problem = g_strdup ("401: the app password was revoked");
  g_assert_true (lineup_store_update_account (f->store, account, &error));
  g_assert_no_error (error);
  g_clear_pointer (&login->handle, g_free);   /* the account's own is used */
  login->handle = g_strdup ("someone.else");
  fixed = connect_account (f, login, account, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fixed->id, ==, account->id);
  g_assert_cmpstr (fixed->name, ==, "team.test");
  found = lineup_store_find_account (f->store, account->id, &error);
  g_assert_no_error (error);
  g_assert_null (found->problem);
  g_assert_cmpuint (account_count (f), ==, 1);
}

static void
test_bluesky_wrong_password (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *did = pds_set_up (f);
  g_autoptr(LineupAccountLogin) login = lineup_account_login_new (LINEUP_ACCOUNT_BLUESKY);
  g_autoptr(LineupAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  login->endpoint = g_strdup (f->server_url);
  login->handle = g_strdup ("team.test");
  login->app_password = g_strdup ("wrong-pass-0000");
  account = connect_account (f, login, NULL, NULL, &error);
  g_assert_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_AUTH);
  g_assert_true (g_str_has_prefix (error->message, "Bluesky did not accept that app password for team.test"));
  g_assert_null (account);
  g_assert_cmpuint (account_count (f), ==, 0);
  g_assert_cmpuint (secret_groups (f), ==, 0);
}

/* ---- Mastodon against fake_mastodon.py ---- */

static void
test_mastodon_token (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(LineupAccountLogin) login = lineup_account_login_new (LINEUP_ACCOUNT_MASTODON);
  g_autoptr(LineupAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *token = NULL;
  g_autofree char *client_secret = NULL;

  start_server (f, "fake_mastodon.py");
  answer = control (f, "POST", "/__fake/accounts", "{\"username\": \"team\", \"token\": \"token-1234\"}");

  /* A wrong token: nothing kept. */
  login->endpoint = g_strdup (f->server_url);
  login->token = g_strdup ("token-0000");
  account = connect_account (f, login, NULL, NULL, &error);
  g_assert_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_AUTH);
  g_assert_null (account);
  g_assert_cmpuint (account_count (f), ==, 0);
  g_assert_cmpuint (secret_groups (f), ==, 0);
  g_clear_error (&error);

  g_free (login->token);
  login->token = g_strdup ("token-1234");
  login->name = g_strdup ("Team");
  account = connect_account (f, login, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (account->name, ==, "Team");
  g_assert_true (g_str_has_prefix (account->handle, "team@"));
  g_assert_cmpuint (account->text_limit, >, 0);
  g_assert_null (account->client_id);
  token = secret_of (f, account->id, "token");
  client_secret = secret_of (f, account->id, "client-secret");
  g_assert_cmpstr (token, ==, "token-1234");
  g_assert_null (client_secret);
}

static void
test_mastodon_browser (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(LineupAccountLogin) login = lineup_account_login_new (LINEUP_ACCOUNT_MASTODON);
  g_autoptr(LineupAccount) account = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *page = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *url = NULL;
  g_autofree char *token = NULL;
  g_autofree char *client_secret = NULL;

  start_server (f, "fake_mastodon.py");
  answer = control (f, "POST", "/__fake/accounts", "{\"username\": \"team\"}");

  /* Lineup registers itself, the person allows it in the browser... */
  lineup_account_register_mastodon_async (f->http, f->server_url, NULL, on_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (lineup_account_register_mastodon_finish (result, &login->client_id, &login->client_secret, &url,
                                                          &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (url, f->server_url));
  page = ask_server (f, "GET", url, NULL);
  shown = control (f, "GET", "/__fake/oauth_code", NULL);
  root = json_from_string (shown, NULL);

  /* ...a code mistyped is refused, and nothing is kept... */
  login->endpoint = g_strdup (f->server_url);
  login->code = g_strdup ("not-the-code");
  account = connect_account (f, login, NULL, NULL, &error);
  g_assert_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_REJECTED);
  g_assert_true (g_str_has_prefix (error->message, "The server did not accept that code"));
  g_assert_cmpuint (account_count (f), ==, 0);
  g_assert_cmpuint (secret_groups (f), ==, 0);
  g_clear_error (&error);

  /* ...and the code the page showed connects the account. */
  g_free (login->code);
  login->code = g_strdup (json_object_get_string_member (json_node_get_object (root), "code"));
  account = connect_account (f, login, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (account->client_id, ==, login->client_id);
  token = secret_of (f, account->id, "token");
  client_secret = secret_of (f, account->id, "client-secret");
  g_assert_nonnull (token);
  g_assert_cmpstr (client_secret, ==, login->client_secret);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, set_up, func, tear_down)
  ADD ("/account-connect/webhook", test_webhook);
  ADD ("/account-connect/webhook-media-bytes", test_webhook_media_bytes);
  ADD ("/account-connect/webhook-refused", test_webhook_refused);
  ADD ("/account-connect/cancelled", test_cancelled);
  ADD ("/account-connect/bluesky", test_bluesky);
  ADD ("/account-connect/bluesky-wrong-password", test_bluesky_wrong_password);
  ADD ("/account-connect/mastodon-token", test_mastodon_token);
  ADD ("/account-connect/mastodon-browser", test_mastodon_browser);
#undef ADD

  return g_test_run ();
}
