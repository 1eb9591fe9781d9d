/* test-publishers.c: counting rules, webhook signatures, the secrets file,
 * and the Bluesky and webhook backends against the fakes in
 * tests/integration/fakes (protocols.md §2–3).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <signal.h>
#include <sys/prctl.h>
#include <string.h>
#include <sys/stat.h>

#include "lineup-bluesky.h"
#include "lineup-http.h"
#include "lineup-publisher.h"
#include "lineup-secrets.h"
#include "lineup-test-util.h"
#include "lineup-text.h"
#include "lineup-webhook.h"

/* ---- counting ---- */

static void
test_graphemes (void)
{
  g_assert_cmpuint (lineup_text_count_graphemes (NULL), ==, 0);
  g_assert_cmpuint (lineup_text_count_graphemes (""), ==, 0);
  g_assert_cmpuint (lineup_text_count_graphemes ("abc"), ==, 3);
  /* thumbs up + skin tone; man ZWJ woman ZWJ girl; flag of Poland */
  g_assert_cmpuint (lineup_text_count_graphemes ("\U0001F44D\U0001F3FD"), ==, 1);
  g_assert_cmpuint (lineup_text_count_graphemes ("\U0001F468\u200D\U0001F469\u200D\U0001F467"), ==, 1);
  g_assert_cmpuint (lineup_text_count_graphemes ("\U0001F1F5\U0001F1F1"), ==, 1);
  /* two flags side by side, and a lone regional indicator after one */
  g_assert_cmpuint (lineup_text_count_graphemes ("\U0001F1F5\U0001F1F1\U0001F1E9\U0001F1EA"), ==, 2);
  g_assert_cmpuint (lineup_text_count_graphemes ("\U0001F1F5\U0001F1F1\U0001F1E9"), ==, 2);
  /* e + combining acute; a with two combining marks */
  g_assert_cmpuint (lineup_text_count_graphemes ("e\u0301"), ==, 1);
  g_assert_cmpuint (lineup_text_count_graphemes ("a\u0328\u0301b"), ==, 2);
  /* keycap one; heart on fire (VS16 + ZWJ); Scotland's tag flag */
  g_assert_cmpuint (lineup_text_count_graphemes ("1\uFE0F\u20E3"), ==, 1);
  g_assert_cmpuint (lineup_text_count_graphemes ("\u2764\uFE0F\u200D\U0001F525"), ==, 1);
  g_assert_cmpuint (lineup_text_count_graphemes ("\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F"), ==, 1);
  /* Hangul: precomposed syllables and a conjoining jamo sequence */
  g_assert_cmpuint (lineup_text_count_graphemes ("\uD55C\uAD6D\uC5B4"), ==, 3);
  g_assert_cmpuint (lineup_text_count_graphemes ("\u1100\u1161\u11A8"), ==, 1);
  /* CR LF is one; a ZWJ after a letter joins nothing that follows */
  g_assert_cmpuint (lineup_text_count_graphemes ("a\r\nb"), ==, 3);
  g_assert_cmpuint (lineup_text_count_graphemes ("a\u200Db"), ==, 2);
  /* Polish, precomposed and decomposed alike */
  g_assert_cmpuint (lineup_text_count_graphemes ("Zażółć gęślą jaźń"), ==, 17);
  g_assert_cmpuint (lineup_text_count_graphemes ("Za\u0307z\u0307o\u0301\u0142c\u0301"), ==, 6);
}

static void
test_mastodon_count (void)
{
  const char *long_link = "https://example.com/a/very/long/path/that/goes/on/and/on?page=1";

  g_assert_cmpuint (lineup_text_count_mastodon (NULL, NULL, 23), ==, 0);
  g_assert_cmpuint (lineup_text_count_mastodon ("Zażółć", NULL, 23), ==, 6);
  /* every link counts 23, long or short; the full stop after it is text */
  g_assert_cmpuint (lineup_text_count_mastodon (long_link, NULL, 23), ==, 23);
  g_assert_cmpuint (lineup_text_count_mastodon ("see http://x.pl.", NULL, 23), ==, 4 + 23 + 1);
  /* 0: links count as written */
  g_assert_cmpuint (lineup_text_count_mastodon ("http://x.pl", NULL, 0), ==, 11);
  /* @user@domain counts as @user, a local mention as written */
  g_assert_cmpuint (lineup_text_count_mastodon ("hi @anna@social.example.org!", NULL, 23), ==, 3 + 5 + 1);
  g_assert_cmpuint (lineup_text_count_mastodon ("hi @anna", NULL, 23), ==, 8);
  g_assert_cmpuint (lineup_text_count_mastodon ("@anna@żółw.pl", NULL, 23), ==, 5);
  /* an e-mail address is no mention */
  g_assert_cmpuint (lineup_text_count_mastodon ("anna@example.org", NULL, 23), ==, 16);
  /* the spoiler counts too, its links as written */
  g_assert_cmpuint (lineup_text_count_mastodon ("text", "CW: \U0001F44D\U0001F3FD", 23), ==, 4 + 5);
  g_assert_cmpuint (lineup_text_count_mastodon ("@a@b.c http://d.e", "x", 23), ==, 1 + 3 + 23);
}

static void
test_links (void)
{
  /* "Zażółć " is 11 bytes: each of ż ó ł ć takes two */
  const char *text = "Zażółć https://example.com/ścieżka?q=1. (see http://x.pl/a_(b)) and "
                     "HTTPS://EXAMPLE.ORG! xhttp://no.pl http:// done";
  g_autoptr(GArray) links = lineup_text_find_links (text);
  LineupTextLink *link;

  g_assert_cmpuint (links->len, ==, 3);

  link = &g_array_index (links, LineupTextLink, 0);
  g_assert_cmpuint (link->byte_start, ==, 11);
  g_assert_cmpstr (link->uri, ==, "https://example.com/ścieżka?q=1");
  g_assert_cmpuint (link->byte_end, ==, 11 + strlen ("https://example.com/ścieżka?q=1"));
  g_assert_true (strncmp (text + link->byte_start, link->uri, link->byte_end - link->byte_start) == 0);

  link = &g_array_index (links, LineupTextLink, 1);
  g_assert_cmpstr (link->uri, ==, "http://x.pl/a_(b)");
  g_assert_true (strncmp (text + link->byte_start, "http://x.pl/a_(b))", 18) == 0);

  link = &g_array_index (links, LineupTextLink, 2);
  g_assert_cmpstr (link->uri, ==, "HTTPS://EXAMPLE.ORG");

  g_clear_pointer (&links, g_array_unref);
  links = lineup_text_find_links ("no links here, just text: ok?");
  g_assert_cmpuint (links->len, ==, 0);
}

/* ---- webhook signatures ---- */

static void
test_webhook_signatures (void)
{
  const char *body = "{\"test\": 2432232314}";
  const char *hub_body = "Hello, World!";
  g_autofree char *signature = NULL;
  g_autofree char *hub = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *other = NULL;
  g_autofree char *unprefixed = NULL;

  /* protocols.md §3, Standard Webhooks' own vector */
  signature = lineup_webhook_sign ("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                                   1614265330, body, strlen (body));
  g_assert_cmpstr (signature, ==, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  unprefixed = lineup_webhook_sign ("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                                    1614265330, body, strlen (body));
  g_assert_cmpstr (unprefixed, ==, signature);
  g_assert_null (lineup_webhook_sign ("whsec_not base64!", "msg", 1, body, strlen (body)));

  /* protocols.md §3, GitHub's vector */
  hub = lineup_webhook_hub_signature ("It's a Secret to Everybody", hub_body, strlen (hub_body));
  g_assert_cmpstr (hub, ==, "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");

  secret = lineup_webhook_generate_secret ();
  other = lineup_webhook_generate_secret ();
  g_assert_true (g_str_has_prefix (secret, "whsec_"));
  g_assert_cmpuint (strlen (secret), ==, 6 + 32);   /* 24 bytes in base64 */
  g_assert_cmpstr (secret, !=, other);
  g_clear_pointer (&signature, g_free);
  signature = lineup_webhook_sign (secret, "msg", 1, body, strlen (body));
  g_assert_nonnull (signature);
}

/* ---- the secrets file ---- */

static void
test_secrets_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lineup-secrets-XXXXXX", &error);
  g_autofree char *folder = g_build_filename (dir, "config", "lineup", NULL);
  g_autofree char *path = g_build_filename (folder, "secrets", NULL);
  g_autoptr(LineupSecrets) secrets = NULL;
  g_autofree char *found = NULL;
  g_autofree char *description = NULL;
  GStatBuf info;

  g_assert_no_error (error);
  g_setenv ("LINEUP_SECRETS_FILE", path, TRUE);
  secrets = lineup_secrets_new (&error);
  g_unsetenv ("LINEUP_SECRETS_FILE");
  g_assert_no_error (error);
  description = g_strdup_printf ("the file %s", path);
  g_assert_cmpstr (lineup_secrets_describe (secrets), ==, description);

  /* nothing yet: NULL without an error, and no file made by looking */
  found = lineup_secrets_lookup (secrets, "1", "token", &error);
  g_assert_no_error (error);
  g_assert_null (found);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_assert_true (lineup_secrets_store (secrets, "1", "token", "Team", "s3cret=[x]\nline", &error));
  g_assert_no_error (error);
  g_assert_true (lineup_secrets_store (secrets, "1", "session", "Team", "{\"a\":1}", &error));
  g_assert_true (lineup_secrets_store (secrets, "acct [2]", "token", NULL, "other", &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpuint (info.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (folder, &info), ==, 0);
  g_assert_cmpuint (info.st_mode & 0777, ==, 0700);

  found = lineup_secrets_lookup (secrets, "1", "token", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, "s3cret=[x]\nline");
  g_clear_pointer (&found, g_free);
  found = lineup_secrets_lookup (secrets, "acct [2]", "token", &error);
  g_assert_cmpstr (found, ==, "other");
  g_clear_pointer (&found, g_free);

  /* replacing keeps one value */
  g_assert_true (lineup_secrets_store (secrets, "1", "token", "Team", "new", &error));
  found = lineup_secrets_lookup (secrets, "1", "token", &error);
  g_assert_cmpstr (found, ==, "new");
  g_clear_pointer (&found, g_free);

  /* clear forgets every kind of one account, and only that account */
  g_assert_true (lineup_secrets_clear (secrets, "1", &error));
  g_assert_no_error (error);
  g_assert_null (lineup_secrets_lookup (secrets, "1", "token", &error));
  g_assert_null (lineup_secrets_lookup (secrets, "1", "session", &error));
  g_assert_no_error (error);
  found = lineup_secrets_lookup (secrets, "acct [2]", "token", &error);
  g_assert_cmpstr (found, ==, "other");
  g_clear_pointer (&found, g_free);
  g_assert_true (lineup_secrets_clear (secrets, "nobody", &error));

  /* a file others can read is refused, and the message says how to fix it */
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  found = lineup_secrets_lookup (secrets, "acct [2]", "token", &error);
  g_assert_null (found);
  g_assert_error (error, LINEUP_SECRETS_ERROR, LINEUP_SECRETS_ERROR_PERMISSIONS);
  g_assert_nonnull (strstr (error->message, "chmod 600"));
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);
  g_assert_false (lineup_secrets_store (secrets, "3", "token", NULL, "x", &error));
  g_assert_error (error, LINEUP_SECRETS_ERROR, LINEUP_SECRETS_ERROR_PERMISSIONS);
  g_clear_error (&error);
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpuint (info.st_mode & 0777, ==, 0644);   /* refused, not silently changed */

  lineup_test_remove_tree (dir);
}

/* ---- the fakes ---- */

typedef struct {
  GSubprocess *process;
  LineupHttp  *http;      /* the control connection, apart from the backend's */
  char        *dir;
  char        *url;
} Fake;

/* A failed assertion aborts the test: the fake must not outlive it (and
 * hold meson's output pipe open until the timeout). */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* Starts tests/integration/fakes/@script on a free port of 127.0.0.1; it writes
 * the port to a file once it listens. */
static void
fake_start (Fake       *fake,
            const char *script)
{
  const char *root = g_getenv ("LINEUP_SOURCE_ROOT");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *port_file = NULL;
  gint64 deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;

  g_assert_nonnull (root);
  path = g_build_filename (root, "tests", "integration", "fakes", script, NULL);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  fake->dir = g_dir_make_tmp ("lineup-fake-XXXXXX", &error);
  g_assert_no_error (error);
  port_file = g_build_filename (fake->dir, "port", NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  fake->process = g_subprocess_launcher_spawn (launcher, &error,
                                               "/usr/bin/python3", path, "--port-file", port_file, NULL);
  g_assert_no_error (error);
  fake->http = lineup_http_new ();

  while (fake->url == NULL)
    {
      g_autofree char *port = NULL;

      if (g_file_get_contents (port_file, &port, NULL, NULL) && g_ascii_strtoull (port, NULL, 10) > 0)
        fake->url = g_strdup_printf ("http://127.0.0.1:%s", g_strstrip (port));
      else
        {
          g_assert_cmpint (g_get_monotonic_time (), <, deadline);
          g_usleep (20 * 1000);
        }
    }
}

static void
fake_stop (Fake *fake)
{
  if (fake->process)
    {
      g_subprocess_send_signal (fake->process, SIGTERM);
      g_subprocess_wait (fake->process, NULL, NULL);
    }
  g_clear_object (&fake->process);
  g_clear_object (&fake->http);
  if (fake->dir)
    lineup_test_remove_tree (fake->dir);
  g_clear_pointer (&fake->dir, g_free);
  g_clear_pointer (&fake->url, g_free);
}

/* A call to the fake's /__fake/… control API; its JSON answer. */
static JsonNode *
fake_control (Fake       *fake,
              const char *method,
              const char *path,
              const char *json)
{
  g_autofree char *url = g_strconcat (fake->url, path, NULL);
  LineupHttpRequest request = { method, url, json ? "application/json" : NULL, json, json ? strlen (json) : 0, NULL };
  g_autoptr(LineupHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  response = lineup_http_send (fake->http, &request, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (response->status, ==, 200);
  root = json_from_string (response->body->str, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return root;
}

static LineupOutgoing *
new_outgoing (const char *key,
              const char *text)
{
  LineupOutgoing *outgoing = lineup_outgoing_new ();

  outgoing->key = g_strdup (key);
  outgoing->post_id = g_strdup ("42");
  outgoing->title = g_strdup ("Launch");
  outgoing->text = g_strdup (text);
  outgoing->scheduled_at = 1796115600;   /* 2026-12-01T09:00:00Z */
  outgoing->language = g_strdup ("pl");
  outgoing->pillar = g_strdup ("Community");
  outgoing->content_type = g_strdup ("Proof");
  outgoing->platforms = g_strsplit ("bluesky,webhook", ",", -1);
  return outgoing;
}

/* ---- Bluesky against fake_pds.py ---- */

typedef struct {
  Fake           pds;
  LineupHttp    *http;
  char          *did;
} PdsFixture;

static void
pds_set_up (PdsFixture    *f,
            gconstpointer  data)
{
  g_autoptr(JsonNode) answer = NULL;

  fake_start (&f->pds, "fake_pds.py");
  answer = fake_control (&f->pds, "POST", "/__fake/accounts",
                         "{\"handle\": \"team.test\", \"password\": \"app-pass-1234\"}");
  f->did = g_strdup (json_object_get_string_member (json_node_get_object (answer), "did"));
  f->http = lineup_http_new ();
  lineup_http_set_timeout (f->http, 5);
}

static void
pds_tear_down (PdsFixture    *f,
               gconstpointer  data)
{
  g_clear_object (&f->http);
  g_free (f->did);
  fake_stop (&f->pds);
}

typedef struct {
  JsonNode   *root;
  JsonObject *records;   /* rkey → record */
  gint64      logins;
  gint64      puts;
} PdsState;

static void
pds_state_clear (PdsState *state)
{
  g_clear_pointer (&state->root, json_node_unref);
}

static void
pds_state (PdsFixture *f,
           PdsState   *state)
{
  JsonObject *object;

  pds_state_clear (state);
  state->root = fake_control (&f->pds, "GET", "/__fake/state", NULL);
  object = json_node_get_object (state->root);
  state->records = json_object_get_object_member (
    json_array_get_object_element (json_object_get_array_member (object, "accounts"), 0), "records");
  state->logins = json_object_get_int_member (object, "logins");
  state->puts = json_object_get_int_member (object, "puts");
}

static void
on_session_notify_cb (GObject    *object,
                      GParamSpec *pspec,
                      guint      *count)
{
  (*count)++;
}

static void
test_bluesky_session_reused (PdsFixture    *f,
                             gconstpointer  data)
{
  g_autoptr(LineupBluesky) bluesky = lineup_bluesky_new (f->http, f->pds.url, "@team.test", "app-pass-1234", NULL);
  g_autoptr(LineupBluesky) again = NULL;
  g_autoptr(LineupAccountInfo) info = NULL;
  g_autoptr(LineupOutgoing) first = new_outgoing ("out-1", "First post");
  g_autoptr(LineupOutgoing) second = new_outgoing ("out-2", "Second post");
  g_autoptr(LineupOutgoing) third = new_outgoing ("out-3", "Third post");
  g_autoptr(LineupRemotePost) remote = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *session = NULL;
  g_autofree char *rkey = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *url = NULL;
  PdsState state = { 0, };
  guint notified = 0;

  g_assert_cmpuint (lineup_publisher_get_caps (LINEUP_PUBLISHER (bluesky)), ==, 0);
  g_assert_cmpuint (lineup_publisher_get_text_limit (LINEUP_PUBLISHER (bluesky)), ==, 300);
  g_assert_null (lineup_bluesky_dup_session (bluesky));
  g_signal_connect (bluesky, "notify::session", G_CALLBACK (on_session_notify_cb), &notified);

  info = lineup_publisher_connect (LINEUP_PUBLISHER (bluesky), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->handle, ==, "team.test");
  g_assert_cmpstr (info->remote_user, ==, f->did);
  g_assert_cmpuint (info->text_limit, ==, 300);
  g_assert_cmpuint (notified, ==, 1);

  remote = lineup_publisher_publish_now (LINEUP_PUBLISHER (bluesky), first, NULL, &error);
  g_assert_no_error (error);
  rkey = lineup_bluesky_record_key ("out-1");
  uri = g_strdup_printf ("at://%s/app.bsky.feed.post/%s", f->did, rkey);
  url = g_strdup_printf ("https://bsky.app/profile/team.test/post/%s", rkey);
  g_assert_true (remote->published);
  g_assert_cmpstr (remote->remote_id, ==, uri);
  g_assert_cmpstr (remote->url, ==, url);
  g_clear_pointer (&remote, lineup_remote_post_free);
  remote = lineup_publisher_publish_now (LINEUP_PUBLISHER (bluesky), second, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&remote, lineup_remote_post_free);

  pds_state (f, &state);
  g_assert_cmpint (state.logins, ==, 1);
  g_assert_cmpuint (json_object_get_size (state.records), ==, 2);
  g_assert_cmpuint (notified, ==, 1);

  /* the saved session serves the next run without a login */
  session = lineup_bluesky_dup_session (bluesky);
  g_assert_nonnull (strstr (session, "\"refreshJwt\""));
  again = lineup_bluesky_new (f->http, f->pds.url, "team.test", "app-pass-1234", session);
  remote = lineup_publisher_publish_now (LINEUP_PUBLISHER (again), third, NULL, &error);
  g_assert_no_error (error);
  pds_state (f, &state);
  g_assert_cmpint (state.logins, ==, 1);
  g_assert_cmpuint (json_object_get_size (state.records), ==, 3);
  pds_state_clear (&state);
}

static void
test_bluesky_refresh (PdsFixture    *f,
                      gconstpointer  data)
{
  g_autoptr(LineupBluesky) bluesky = lineup_bluesky_new (f->http, f->pds.url, "team.test", "app-pass-1234", NULL);
  g_autoptr(LineupOutgoing) first = new_outgoing ("out-1", "Before the token expires");
  g_autoptr(LineupOutgoing) second = new_outgoing ("out-2", "After it expired");
  g_autoptr(LineupRemotePost) remote = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  PdsState state = { 0, };
  guint notified = 0;

  remote = lineup_publisher_publish_now (LINEUP_PUBLISHER (bluesky), first, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&remote, lineup_remote_post_free);
  before = lineup_bluesky_dup_session (bluesky);

  answer = fake_control (&f->pds, "POST", "/__fake/expire_access", "{}");
  g_signal_connect (bluesky, "notify::session", G_CALLBACK (on_session_notify_cb), &notified);
  remote = lineup_publisher_publish_now (LINEUP_PUBLISHER (bluesky), second, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (remote->published);

  /* refreshed, not logged in again, and the new session told to its keeper */
  pds_state (f, &state);
  g_assert_cmpint (state.logins, ==, 1);
  g_assert_cmpuint (json_object_get_size (state.records), ==, 2);
  g_assert_cmpuint (notified, ==, 1);
  after = lineup_bluesky_dup_session (bluesky);
  g_assert_cmpstr (before, !=, after);

  /* with the refresh token dead too, the app password signs in again */
  g_clear_pointer (&answer, json_node_unref);
  answer = fake_control (&f->pds, "POST", "/__fake/expire_access", "{}");
  {
    g_autoptr(LineupBluesky) stale = lineup_bluesky_new (f->http, f->pds.url, "team.test", "app-pass-1234", before);
    g_autoptr(LineupOutgoing) third = new_outgoing ("out-3", "With a stale session");

    g_clear_pointer (&remote, lineup_remote_post_free);
    remote = lineup_publisher_publish_now (LINEUP_PUBLISHER (stale), third, NULL, &error);
    g_assert_no_error (error);
  }
  pds_state (f, &state);
  g_assert_cmpint (state.logins, ==, 2);
  g_assert_cmpuint (json_object_get_size (state.records), ==, 3);
  pds_state_clear (&state);
}

static void
test_bluesky_record (PdsFixture    *f,
                     gconstpointer  data)
{
  const char *text = "Zażółć gęślą jaźń \U0001F44D\U0001F3FD — read https://example.org/ünï?a=1. "
                     "Also (http://x.pl/a_(b)) today";
  g_autoptr(LineupBluesky) bluesky = lineup_bluesky_new (f->http, f->pds.url, "team.test", "app-pass-1234", NULL);
  g_autoptr(LineupOutgoing) outgoing = new_outgoing ("post-7-bluesky-1", text);
  g_autoptr(LineupRemotePost) remote = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rkey = lineup_bluesky_record_key ("post-7-bluesky-1");
  JsonObject *record;
  JsonArray *facets;
  PdsState state = { 0, };
  const char *expected[] = { "https://example.org/ünï?a=1", "http://x.pl/a_(b)" };

  remote = lineup_publisher_publish_now (LINEUP_PUBLISHER (bluesky), outgoing, NULL, &error);
  g_assert_no_error (error);

  pds_state (f, &state);
  record = json_object_get_object_member (state.records, rkey);
  g_assert_nonnull (record);
  g_assert_cmpstr (json_object_get_string_member (record, "text"), ==, text);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (record, "langs"), 0), ==, "pl");
  facets = json_object_get_array_member (record, "facets");
  g_assert_cmpuint (json_array_get_length (facets), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *facet = json_array_get_object_element (facets, i);
      JsonObject *index = json_object_get_object_member (facet, "index");
      gint64 start = json_object_get_int_member (index, "byteStart");
      gint64 end = json_object_get_int_member (index, "byteEnd");
      JsonObject *feature = json_array_get_object_element (json_object_get_array_member (facet, "features"), 0);

      /* byte offsets: the multi-byte letters and the emoji before the link count in bytes */
      g_assert_cmpint (end - start, ==, (gint64) strlen (expected[i]));
      g_assert_true (strncmp (text + start, expected[i], end - start) == 0);
      g_assert_cmpstr (json_object_get_string_member (feature, "uri"), ==, expected[i]);
    }
  pds_state_clear (&state);
}

static void
test_bluesky_retry_same_key (PdsFixture    *f,
                             gconstpointer  data)
{
  g_autoptr(LineupBluesky) bluesky = lineup_bluesky_new (f->http, f->pds.url, "team.test", "app-pass-1234", NULL);
  g_autoptr(LineupOutgoing) outgoing = new_outgoing ("post-9-bluesky-1", "Only once, whatever happens");
  g_autoptr(LineupRemotePost) remote = NULL;
  g_autoptr(LineupRemotePost) retried = NULL;
  g_autoptr(LineupAccountInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *rkey = lineup_bluesky_record_key ("post-9-bluesky-1");
  g_autofree char *other = lineup_bluesky_record_key ("post-9-bluesky-2");
  PdsState state = { 0, };

  /* a valid TID: 13 base32-sortable characters, the first below 'k' */
  g_assert_cmpuint (strlen (rkey), ==, 13);
  g_assert_cmpuint (strspn (rkey, "234567abcdefghijklmnopqrstuvwxyz"), ==, 13);
  g_assert_nonnull (strchr ("234567abcdefghij", rkey[0]));
  g_assert_cmpstr (rkey, !=, other);

  info = lineup_publisher_connect (LINEUP_PUBLISHER (bluesky), NULL, &error);
  g_assert_no_error (error);

  /* the server writes the record, then the answer is lost */
  answer = fake_control (&f->pds, "POST", "/__fake/faults", "{\"rate\": 1.0, \"kinds\": [\"reset_after\"]}");
  remote = lineup_publisher_publish_now (LINEUP_PUBLISHER (bluesky), outgoing, NULL, &error);
  g_assert_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_TRANSIENT);
  g_assert_null (remote);
  g_clear_error (&error);
  g_clear_pointer (&answer, json_node_unref);
  answer = fake_control (&f->pds, "POST", "/__fake/faults", "{\"rate\": 0}");

  retried = lineup_publisher_publish_now (LINEUP_PUBLISHER (bluesky), outgoing, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (retried->remote_id, rkey));

  pds_state (f, &state);
  /* curl itself may resend once on a fresh connection when a reused one
   * dies without an answer: more writes, still one record */
  g_assert_cmpint (state.puts, >=, 2);
  g_assert_cmpuint (json_object_get_size (state.records), ==, 1);
  g_assert_true (json_object_has_member (state.records, rkey));
  pds_state_clear (&state);
}

static void
test_bluesky_invalid (PdsFixture    *f,
                      gconstpointer  data)
{
  g_autoptr(LineupHttp) http = lineup_http_new ();
  g_autoptr(LineupBluesky) bluesky = lineup_bluesky_new (http, f->pds.url, "team.test", "app-pass-1234", NULL);
  g_autoptr(LineupBluesky) refused = NULL;
  g_autoptr(LineupOutgoing) outgoing = NULL;
  g_autoptr(LineupAccountInfo) info = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  PdsState state = { 0, };

  /* 301 graphemes, each a flag of four bytes: refused before any request */
  for (guint i = 0; i < 301; i++)
    g_string_append (text, "\U0001F1F5\U0001F1F1");
  outgoing = new_outgoing ("long", text->str);
  g_assert_null (lineup_publisher_publish_now (LINEUP_PUBLISHER (bluesky), outgoing, NULL, &error));
  g_assert_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "301"));
  g_assert_nonnull (strstr (error->message, "by 1"));
  g_clear_error (&error);

  /* 300 graphemes but 4,200 bytes: over the byte limit */
  g_string_truncate (text, 0);
  for (guint i = 0; i < 300; i++)
    g_string_append (text, "\U0001F468\u200D\U0001F469");   /* 11 bytes, one grapheme */
  g_free (outgoing->text);
  outgoing->text = g_strdup (text->str);
  g_assert_null (lineup_publisher_publish_now (LINEUP_PUBLISHER (bluesky), outgoing, NULL, &error));
  g_assert_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "3300"));
  g_clear_error (&error);

  g_assert_cmpuint (lineup_http_get_connections (http), ==, 0);
  pds_state (f, &state);
  g_assert_cmpint (state.logins, ==, 0);

  /* a refused app password says where to make a new one */
  refused = lineup_bluesky_new (http, f->pds.url, "team.test", "wrong-pass", NULL);
  info = lineup_publisher_connect (LINEUP_PUBLISHER (refused), NULL, &error);
  g_assert_null (info);
  g_assert_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "App passwords"));
  pds_state_clear (&state);
}

/* ---- webhooks against webhook_receiver.py ---- */

#define TEST_SECRET "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

typedef struct {
  Fake        receiver;
  LineupHttp *http;
  char       *hook_url;
} HookFixture;

static void
hook_set_up (HookFixture   *f,
             gconstpointer  data)
{
  fake_start (&f->receiver, "webhook_receiver.py");
  f->http = lineup_http_new ();
  lineup_http_set_timeout (f->http, 5);
  f->hook_url = g_strconcat (f->receiver.url, "/hook", NULL);
}

static void
hook_tear_down (HookFixture   *f,
                gconstpointer  data)
{
  g_clear_object (&f->http);
  g_free (f->hook_url);
  fake_stop (&f->receiver);
}

static void
hook_configure (HookFixture *f,
                const char  *responses,
                gboolean     hub)
{
  g_autofree char *json = g_strdup_printf ("{\"secret\": \"%s\", %s \"responses\": [%s]}", TEST_SECRET,
                                           hub ? "\"hub_secret\": \"It's a Secret to Everybody\"," : "",
                                           responses);
  g_autoptr(JsonNode) answer = fake_control (&f->receiver, "POST", "/__fake/config", json);
}

static JsonArray *
hook_deliveries (HookFixture  *f,
                 JsonNode    **out_root)
{
  *out_root = fake_control (&f->receiver, "GET", "/__fake/state", NULL);
  return json_object_get_array_member (json_node_get_object (*out_root), "deliveries");
}

static void
test_webhook_delivery (HookFixture   *f,
                       gconstpointer  data)
{
  g_autoptr(LineupWebhook) webhook = lineup_webhook_new (f->http, f->hook_url, TEST_SECRET,
                                                         "It's a Secret to Everybody");
  g_autoptr(LineupOutgoing) outgoing = new_outgoing ("msg_post-42-1", "Goes to n8n: Zażółć");
  g_autoptr(LineupRemotePost) remote = NULL;
  g_autoptr(LineupAccountInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) state = NULL;
  g_autoptr(JsonNode) payload = NULL;
  JsonObject *delivery, *body, *post;
  JsonArray *deliveries;

  g_assert_cmpuint (lineup_publisher_get_caps (LINEUP_PUBLISHER (webhook)) &
                    (LINEUP_PUBLISH_CAN_SCHEDULE | LINEUP_PUBLISH_CAN_MOVE | LINEUP_PUBLISH_CAN_CANCEL), ==, 0);
  info = lineup_publisher_connect (LINEUP_PUBLISHER (webhook), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->handle, ==, "127.0.0.1");

  hook_configure (f, "200", TRUE);
  remote = lineup_publisher_publish_now (LINEUP_PUBLISHER (webhook), outgoing, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (remote->published);
  g_assert_cmpstr (remote->remote_id, ==, "msg_post-42-1");
  g_assert_null (remote->url);

  deliveries = hook_deliveries (f, &state);
  g_assert_cmpuint (json_array_get_length (deliveries), ==, 1);
  delivery = json_array_get_object_element (deliveries, 0);
  g_assert_cmpstr (json_object_get_string_member (delivery, "id"), ==, "msg_post-42-1");
  g_assert_true (json_object_get_boolean_member (delivery, "signature_ok"));
  g_assert_true (json_object_get_boolean_member (delivery, "hub_ok"));
  g_assert_cmpstr (json_object_get_string_member (delivery, "content_type"), ==, "application/json");

  payload = json_from_string (json_object_get_string_member (delivery, "body"), &error);
  g_assert_no_error (error);
  body = json_node_get_object (payload);
  g_assert_cmpstr (json_object_get_string_member (body, "type"), ==, "post.due");
  post = json_object_get_object_member (body, "data");
  g_assert_cmpstr (json_object_get_string_member (post, "id"), ==, "42");
  g_assert_cmpstr (json_object_get_string_member (post, "text"), ==, "Goes to n8n: Zażółć");
  g_assert_cmpstr (json_object_get_string_member (post, "scheduled_at"), ==, "2026-12-01T09:00:00.000Z");
  g_assert_cmpstr (json_object_get_string_member (post, "pillar"), ==, "Community");
  g_assert_cmpstr (json_object_get_string_member (post, "type"), ==, "Proof");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (post, "platforms")), ==, 2);
}

static void
test_webhook_retry (HookFixture   *f,
                    gconstpointer  data)
{
  g_autoptr(LineupWebhook) webhook = lineup_webhook_new (f->http, f->hook_url, TEST_SECRET, NULL);
  g_autoptr(LineupOutgoing) outgoing = new_outgoing ("msg_post-42-2", "Retried");
  g_autoptr(LineupRemotePost) remote = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) state = NULL;
  JsonArray *deliveries;

  hook_configure (f, "500, 200", FALSE);
  remote = lineup_publisher_publish_now (LINEUP_PUBLISHER (webhook), outgoing, NULL, &error);
  g_assert_null (remote);
  g_assert_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_TRANSIENT);
  g_clear_error (&error);
  remote = lineup_publisher_publish_now (LINEUP_PUBLISHER (webhook), outgoing, NULL, &error);
  g_assert_no_error (error);

  deliveries = hook_deliveries (f, &state);
  g_assert_cmpuint (json_array_get_length (deliveries), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *delivery = json_array_get_object_element (deliveries, i);

      g_assert_cmpstr (json_object_get_string_member (delivery, "id"), ==, "msg_post-42-2");
      g_assert_true (json_object_get_boolean_member (delivery, "signature_ok"));
    }
}

static void
test_webhook_refusals (HookFixture   *f,
                       gconstpointer  data)
{
  g_autoptr(LineupWebhook) webhook = lineup_webhook_new (f->http, f->hook_url, TEST_SECRET, NULL);
  g_autoptr(LineupWebhook) bad = lineup_webhook_new (f->http, f->hook_url, "whsec_not base64!", NULL);
  g_autoptr(LineupOutgoing) outgoing = new_outgoing ("msg_post-42-3", "Refused");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) state = NULL;

  hook_configure (f, "410, 429, 301, 400", FALSE);

  g_assert_null (lineup_publisher_publish_now (LINEUP_PUBLISHER (webhook), outgoing, NULL, &error));
  g_assert_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_GONE);
  g_assert_nonnull (strstr (error->message, "410"));
  g_clear_error (&error);

  g_assert_null (lineup_publisher_publish_now (LINEUP_PUBLISHER (webhook), outgoing, NULL, &error));
  g_assert_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_RATE_LIMITED);
  g_clear_error (&error);

  g_assert_null (lineup_publisher_publish_now (LINEUP_PUBLISHER (webhook), outgoing, NULL, &error));
  g_assert_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "redirects"));
  g_clear_error (&error);

  g_assert_null (lineup_publisher_publish_now (LINEUP_PUBLISHER (webhook), outgoing, NULL, &error));
  g_assert_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "400"));
  g_clear_error (&error);

  /* a damaged secret never sends anything */
  g_assert_null (lineup_publisher_publish_now (LINEUP_PUBLISHER (bad), outgoing, NULL, &error));
  g_assert_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_INVALID);
  g_assert_cmpuint (json_array_get_length (hook_deliveries (f, &state)), ==, 4);
}

/* ---- the rules lineup-http.c keeps for every user ---- */

static void
test_http_same_origin (void)
{
  g_assert_true (lineup_http_same_origin ("https://a.example/x", "https://A.example:443/y?z"));
  g_assert_true (lineup_http_same_origin ("http://127.0.0.1:8080/a", "http://127.0.0.1:8080/b"));
  g_assert_false (lineup_http_same_origin ("http://127.0.0.1:8080/a", "http://127.0.0.1:8081/a"));
  g_assert_false (lineup_http_same_origin ("https://a.example/", "http://a.example/"));
  g_assert_false (lineup_http_same_origin ("https://a.example/", "https://b.example/"));
  g_assert_false (lineup_http_same_origin ("https://a.example/", "not a url"));
}

static LineupHttpResponse *
response_with_link (const char *url,
                    const char *link)
{
  LineupHttpResponse *response = g_new0 (LineupHttpResponse, 1);

  response->body = g_string_new (NULL);
  response->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  response->url = g_strdup (url);
  if (link)
    g_hash_table_insert (response->headers, g_strdup ("link"), g_strdup (link));
  return response;
}

static void
test_http_next_link (void)
{
  const char *base = "https://social.example/api/v1/scheduled_statuses?limit=40";
  g_autoptr(LineupHttpResponse) none = response_with_link (base, NULL);
  g_autoptr(LineupHttpResponse) same = response_with_link (base,
    "<https://social.example/api/v1/scheduled_statuses?max_id=7>; rel=\"next\", <https://x.example/p>; rel=\"prev\"");
  g_autoptr(LineupHttpResponse) relative = response_with_link (base, "</api/v1/scheduled_statuses?max_id=3>; rel=\"next\"");
  g_autoptr(LineupHttpResponse) other_host = response_with_link (base, "<https://evil.example/steal>; rel=\"next\"");
  g_autoptr(LineupHttpResponse) other_port = response_with_link (base, "<https://social.example:8443/a>; rel=\"next\"");
  g_autoptr(LineupHttpResponse) other_scheme = response_with_link (base, "<http://social.example/a>; rel=\"next\"");
  g_autoptr(GError) error = NULL;
  char *next = NULL;

  g_assert_true (lineup_http_next_link (none, &next, &error));
  g_assert_null (next);
  g_assert_true (lineup_http_next_link (same, &next, &error));
  g_assert_cmpstr (next, ==, "https://social.example/api/v1/scheduled_statuses?max_id=7");
  g_clear_pointer (&next, g_free);
  g_assert_true (lineup_http_next_link (relative, &next, &error));
  g_assert_cmpstr (next, ==, "https://social.example/api/v1/scheduled_statuses?max_id=3");
  g_clear_pointer (&next, g_free);
  g_assert_no_error (error);

  g_assert_false (lineup_http_next_link (other_host, &next, &error));
  g_assert_null (next);
  g_assert_error (error, LINEUP_HTTP_ERROR, LINEUP_HTTP_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "evil.example"));
  g_clear_error (&error);
  g_assert_false (lineup_http_next_link (other_port, &next, &error));
  g_clear_error (&error);
  g_assert_false (lineup_http_next_link (other_scheme, &next, &error));
  g_clear_error (&error);
}

static void
test_http_check_address (void)
{
  const char *allowed[] = { "https://mastodon.social", "http://127.0.0.1:8080", "http://127.1.2.3/",
                            "http://localhost:3000/x", "http://[::1]:8080/" };
  const char *refused[] = { "http://mastodon.social", "http://10.0.0.1/", "http://[::2]/", "ftp://x.example/",
                            "mastodon.social", "" };

  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (lineup_http_check_address (allowed[i], &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (lineup_http_check_address (refused[i], &error));
      g_assert_error (error, LINEUP_HTTP_ERROR, LINEUP_HTTP_ERROR_INSECURE);
      g_assert_nonnull (strstr (error->message, "https://"));
    }
}

/* Nothing is sent in clear text to another machine, whoever asks. */
static void
test_http_refuses_clear_text (void)
{
  g_autoptr(LineupHttp) http = lineup_http_new ();
  const char *headers[] = { "Authorization: Bearer secret", NULL };
  LineupHttpRequest request = { "GET", "http://192.0.2.1/api/v1/accounts/verify_credentials", NULL, NULL, 0, headers };
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupHttpResponse) response = lineup_http_send (http, &request, NULL, &error);

  g_assert_null (response);
  g_assert_error (error, LINEUP_HTTP_ERROR, LINEUP_HTTP_ERROR_INSECURE);
  g_assert_cmpuint (lineup_http_get_connections (http), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/graphemes", test_graphemes);
  g_test_add_func ("/text/mastodon-count", test_mastodon_count);
  g_test_add_func ("/text/links", test_links);
  g_test_add_func ("/webhook/signatures", test_webhook_signatures);
  g_test_add_func ("/secrets/file", test_secrets_file);
  g_test_add_func ("/http/same-origin", test_http_same_origin);
  g_test_add_func ("/http/next-link", test_http_next_link);
  g_test_add_func ("/http/check-address", test_http_check_address);
  g_test_add_func ("/http/refuses-clear-text", test_http_refuses_clear_text);

#define ADD_PDS(name, func) g_test_add (name, PdsFixture, NULL, pds_set_up, func, pds_tear_down)
  ADD_PDS ("/bluesky/session-reused", test_bluesky_session_reused);
  ADD_PDS ("/bluesky/refresh", test_bluesky_refresh);
  ADD_PDS ("/bluesky/record", test_bluesky_record);
  ADD_PDS ("/bluesky/retry-same-key", test_bluesky_retry_same_key);
  ADD_PDS ("/bluesky/invalid", test_bluesky_invalid);
#undef ADD_PDS
#define ADD_HOOK(name, func) g_test_add (name, HookFixture, NULL, hook_set_up, func, hook_tear_down)
  ADD_HOOK ("/webhook/delivery", test_webhook_delivery);
  ADD_HOOK ("/webhook/retry", test_webhook_retry);
  ADD_HOOK ("/webhook/refusals", test_webhook_refusals);
#undef ADD_HOOK

  return g_test_run ();
}
