/* test-publishers.c: counting rules, webhook signatures, the secrets file,
 * and the Bluesky and webhook backends against the fakes in
 * tests/integration (protocols.md §2–3).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
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

  return g_test_run ();
}
