/* fuzz-common.c: setup, the failure check and the fake HTTP layer of the
 * fuzz harnesses (see fuzz-common.h for the answers' format).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE   /* memmem */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz-common.h"

struct _FuzzAnswers {
  GPtrArray *answers;   /* GBytes, each "status\nheaders\n\nbody" */
  guint      next;
  char      *origin;    /* where credentials may go, or NULL: anywhere */
};

static char *tmp_dir;

static void
remove_tmp_dir (void)
{
  g_autoptr(GDir) dir = tmp_dir ? g_dir_open (tmp_dir, 0, NULL) : NULL;
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
      g_unlink (path);
    }
  if (tmp_dir)
    g_rmdir (tmp_dir);
}

/* g_error() and fatal criticals stop at a breakpoint (SIGTRAP), which
 * libFuzzer does not catch: as an abort, it keeps the input that did it. */
static void
on_trap (int signum)
{
  abort ();
}

const char *
fuzz_setup (void)
{
  if (tmp_dir)
    return tmp_dir;

  signal (SIGTRAP, on_trap);

  /* A critical is a bug (a g_return_if_fail hit): make it a crash, as
   * G_DEBUG=fatal-criticals does for the test suite. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_setenv ("TZ", "Europe/Warsaw", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  /* In memory where there is a tmpfs: the plan is written on every input. */
  tmp_dir = g_build_filename (g_access ("/dev/shm", W_OK) == 0 ? "/dev/shm" : g_get_tmp_dir (),
                              "lineup-fuzz-XXXXXX", NULL);
  if (g_mkdtemp (tmp_dir) == NULL)
    g_error ("Could not make a temporary folder: %s", g_strerror (errno));
  /* Secrets (a Bluesky session, say) never reach a real keyring. */
  {
    g_autofree char *secrets = g_build_filename (tmp_dir, "secrets", NULL);
    g_setenv ("LINEUP_SECRETS_FILE", secrets, TRUE);
  }
  atexit (remove_tmp_dir);
  return tmp_dir;
}

void
fuzz_check_failure (const char   *what,
                    const GError *error)
{
  if (error == NULL)
    g_error ("%s failed without saying why (no GError)", what);
  if (error->message == NULL || !g_utf8_validate (error->message, -1, NULL))
    g_error ("%s failed with a message that is not UTF-8 text", what);
}

/* ---- the fake HTTP layer ---- */

static const char separator[] = "\n%%\n";

FuzzAnswers *
fuzz_answers_new (const uint8_t  *data,
                  size_t          size,
                  char          **out_first_line)
{
  FuzzAnswers *answers = g_new0 (FuzzAnswers, 1);
  const char *text = size ? (const char *) data : "", *end = text + size;
  const char *newline = memchr (text, '\n', size);

  answers->answers = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  *out_first_line = g_strndup (text, newline ? (gsize) (newline - text) : size);
  if (newline == NULL)
    return answers;

  for (const char *start = newline + 1; start <= end;)
    {
      const char *stop = memmem (start, end - start, separator, strlen (separator));

      if (stop == NULL)
        stop = end;
      g_ptr_array_add (answers->answers, g_bytes_new (start, stop - start));
      if (stop == end)
        break;
      start = stop + strlen (separator);
    }
  return answers;
}

void
fuzz_answers_free (FuzzAnswers *answers)
{
  if (answers == NULL)
    return;
  g_ptr_array_unref (answers->answers);
  g_free (answers->origin);
  g_free (answers);
}

void
fuzz_answers_set_origin (FuzzAnswers *answers,
                         const char  *origin)
{
  g_free (answers->origin);
  answers->origin = g_strdup (origin);
}

/* "scheme://host:port" of @url, the port spelled out; NULL if unparsable. */
static char *
origin_of (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *scheme = uri ? g_uri_get_scheme (uri) : NULL;
  int port = uri ? g_uri_get_port (uri) : -1;

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return NULL;
  if (port < 0)
    port = g_ascii_strcasecmp (scheme, "https") == 0 ? 443 : g_ascii_strcasecmp (scheme, "http") == 0 ? 80 : 0;
  return g_strdup_printf ("%s://%s:%d", scheme, g_uri_get_host (uri), port);
}

static void
check_credentials (FuzzAnswers             *answers,
                   const LineupHttpRequest *request)
{
  g_autofree char *allowed = NULL, *target = NULL;

  if (answers->origin == NULL)
    return;
  for (guint i = 0; request->headers && request->headers[i]; i++)
    if (g_ascii_strncasecmp (request->headers[i], "Authorization:", strlen ("Authorization:")) == 0)
      {
        allowed = origin_of (answers->origin);
        target = origin_of (request->url);
        if (target == NULL || g_ascii_strcasecmp (allowed, target) != 0)
          g_error ("Credentials sent to %s, not the account's server %s", request->url, answers->origin);
      }
}

static LineupHttpResponse *
answer (const LineupHttpRequest  *request,
        gpointer                  user_data,
        GError                  **error)
{
  FuzzAnswers *answers = user_data;
  LineupHttpResponse *response;
  const char *text, *end, *line;
  gsize size;

  check_credentials (answers, request);
  if (answers->next >= answers->answers->len)
    {
      g_set_error (error, LINEUP_HTTP_ERROR, LINEUP_HTTP_ERROR_CONNECT,
                   "Could not connect to %s (the fuzzer's answers ran out)", request->url);
      return NULL;
    }
  text = g_bytes_get_data (g_ptr_array_index (answers->answers, answers->next++), &size);
  if (size == 0)
    text = "";   /* an empty GBytes has no data pointer */
  end = text + size;

  if (size > 0 && text[0] == '!')
    {
      int code = size > 1 ? (text[1] - '0') : 0;

      g_set_error (error, LINEUP_HTTP_ERROR,
                   CLAMP (code, LINEUP_HTTP_ERROR_CONNECT, LINEUP_HTTP_ERROR_FAILED),
                   "The fuzzer's transport error %d for %s", code, request->url);
      return NULL;
    }

  response = g_new0 (LineupHttpResponse, 1);
  response->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  response->url = g_strdup (request->url);
  {
    char status[13] = "";

    memcpy (status, text, MIN (size, sizeof status - 1));
    /* curl reads three digits: no server can say more. */
    response->status = CLAMP (strtol (status, NULL, 10), 0, 999);
  }

  /* Headers: the lines after the status, to an empty line. */
  line = memchr (text, '\n', size);
  line = line ? line + 1 : end;
  while (line < end)
    {
      const char *eol = memchr (line, '\n', end - line);
      const char *colon;

      if (eol == NULL)
        eol = end;
      if (eol == line)
        {
          line = eol + 1;
          break;
        }
      colon = memchr (line, ':', eol - line);
      if (colon)
        {
          char *name = g_ascii_strdown (line, colon - line);
          char *value = g_strndup (colon + 1, eol - colon - 1);

          g_hash_table_insert (response->headers, g_strstrip (name), g_strstrip (value));
        }
      line = eol + 1;
    }
  response->body = g_string_new_len (line < end ? line : "", line < end ? end - line : 0);
  return response;
}

LineupHttp *
fuzz_answers_http (FuzzAnswers *answers)
{
  LineupHttp *http = lineup_http_new ();

  lineup_http_set_transport (http, answer, answers);
  return http;
}
