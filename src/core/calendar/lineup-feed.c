/* lineup-feed.c: publishing a feed (file, WebDAV, CalDAV) and keeping its
 * password with the secrets. What a feed is and where it is saved is the
 * store's (lineup-store-calendars.c); iCalendar itself is lineup-ics.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <curl/curl.h>
#include <glib/gi18n-lib.h>

#include "lineup-feed.h"
#include "lineup-address.h"
#include "lineup-http.h"
#include "lineup-plan.h"
#include "lineup-filter.h"
#include "lineup-ics.h"
#include "lineup-secrets.h"

G_DEFINE_QUARK (lineup-feed-error-quark, lineup_feed_error)

/* ---- what a feed shows ---- */

GPtrArray *
lineup_feed_select_posts (LineupStore  *store,
                          LineupFeed   *feed,
                          GError      **error)
{
  static const struct { const char *key; LineupFilterDimension dimension; } keys[] = {
    { "pillar", LINEUP_FILTER_PILLAR }, { "type", LINEUP_FILTER_TYPE },
    { "platform", LINEUP_FILTER_PLATFORM }, { "stage", LINEUP_FILTER_STAGE },
    { "campaign", LINEUP_FILTER_CAMPAIGN },
  };
  g_autoptr(LineupFilter) filter = lineup_filter_new (store);
  g_autoptr(GPtrArray) posts = NULL;
  GPtrArray *chosen;
  GDate today, from, to;

  for (guint i = 0; feed->filter && feed->filter[i]; i++)
    {
      const char *eq = strchr (feed->filter[i], '=');

      for (guint k = 0; eq && k < G_N_ELEMENTS (keys); k++)
        if (strncmp (feed->filter[i], keys[k].key, eq - feed->filter[i]) == 0 &&
            strlen (keys[k].key) == (gsize) (eq - feed->filter[i]))
          lineup_filter_set (filter, keys[k].dimension, eq + 1, TRUE);
    }

  lineup_store_get_today (store, &today);
  from = to = today;
  g_date_subtract_days (&from, feed->days_back);
  g_date_add_days (&to, feed->days_ahead + 1);
  posts = lineup_store_list_posts (store, lineup_store_local_to_utc (store, &from, 0),
                                   lineup_store_local_to_utc (store, &to, 0), error);
  if (posts == NULL)
    return NULL;
  chosen = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < posts->len; i++)
    if (lineup_filter_matches (filter, g_ptr_array_index (posts, i)))
      g_ptr_array_add (chosen, g_object_ref (g_ptr_array_index (posts, i)));
  return chosen;
}

static char *
export_posts (LineupStore *store,
              LineupFeed  *feed,
              GPtrArray   *posts,
              gsize       *length)
{
  LineupIcsOptions options = { 0 };

  options.name = feed->name;
  options.duration_minutes = feed->duration;
  options.refresh_minutes = feed->refresh;
  options.local_time = feed->local_time;
  if (!lineup_ics_privacy_from_key (feed->privacy, &options.privacy))
    options.privacy = LINEUP_ICS_PRIVACY_TITLES;
  return lineup_ics_export (store, posts, &options, length);
}

/* ---- HTTP ---- */

typedef struct {
  long status;
  GString *body;
  char *etag;
  gboolean whole;     /* keep the whole body, not just the start of an error page */
  gboolean too_large;
} Response;

static void
response_clear (Response *response)
{
  if (response->body)
    g_string_free (response->body, TRUE);
  g_free (response->etag);
  memset (response, 0, sizeof *response);
}

static size_t
on_body (char   *data,
         size_t  size,
         size_t  n,
         void   *user_data)
{
  Response *response = user_data;

  if (response->whole)
    {
      if (response->body->len + size * n > LINEUP_HTTP_MAX_CALENDAR)
        {
          response->too_large = TRUE;   /* no calendar is that big: stop */
          return 0;
        }
      g_string_append_len (response->body, data, size * n);
      return size * n;
    }
  /* What a person needs of an error page is its start. */
  if (response->body->len < 4096)
    g_string_append_len (response->body, data, MIN (size * n, 4096 - response->body->len));
  return size * n;
}

static size_t
on_header (char   *data,
           size_t  size,
           size_t  n,
           void   *user_data)
{
  Response *response = user_data;
  gsize length = size * n;

  if (length > 5 && g_ascii_strncasecmp (data, "ETag:", 5) == 0)
    {
      g_autofree char *value = g_strndup (data + 5, length - 5);

      g_free (response->etag);
      response->etag = g_strdup (g_strstrip (value));
    }
  return length;
}

static int
timeout_seconds (void)
{
  const char *text = g_getenv ("LINEUP_HTTP_TIMEOUT");
  int seconds = text ? atoi (text) : 0;

  return seconds > 0 ? seconds : 30;
}

/* One request. FALSE only when no answer came (the error says why); a
 * status the caller did not want is for it to judge. */
static gboolean
http (const char  *method,
      const char  *url,
      const char  *username,
      const char  *password,
      const char  *body,
      gsize        length,
      const char  *if_match,
      gboolean     if_none_match,
      Response    *out,
      GError     **error)
{
  g_autofree char *match = if_match ? g_strdup_printf ("If-Match: %s", if_match) : NULL;
  struct curl_slist *headers = NULL;
  CURL *curl;
  CURLcode rc;
  char message[CURL_ERROR_SIZE] = "";

  gboolean whole = out->whole;

  memset (out, 0, sizeof *out);
  out->body = g_string_new (NULL);
  out->whole = whole;

  curl = curl_easy_init ();
  if (curl == NULL)
    {
      g_set_error (error, LINEUP_FEED_ERROR, LINEUP_FEED_ERROR_NETWORK, _("Could not start an HTTP request"));
      return FALSE;
    }
  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_CUSTOMREQUEST, method);
  curl_easy_setopt (curl, CURLOPT_USERAGENT, "Lineup/" PACKAGE_VERSION);
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt (curl, CURLOPT_TIMEOUT, (long) timeout_seconds ());
  curl_easy_setopt (curl, CURLOPT_ERRORBUFFER, message);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, out);
  curl_easy_setopt (curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt (curl, CURLOPT_HEADERDATA, out);
  if (username)
    {
      curl_easy_setopt (curl, CURLOPT_HTTPAUTH, (long) CURLAUTH_BASIC);
      curl_easy_setopt (curl, CURLOPT_USERNAME, username);
      curl_easy_setopt (curl, CURLOPT_PASSWORD, password ? password : "");
    }
  if (body)
    {
      headers = curl_slist_append (headers, "Content-Type: text/calendar; charset=utf-8");
      curl_easy_setopt (curl, CURLOPT_POSTFIELDS, body);
      curl_easy_setopt (curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) length);
    }
  else if (g_str_equal (method, "HEAD"))
    curl_easy_setopt (curl, CURLOPT_NOBODY, 1L);
  if (match)
    headers = curl_slist_append (headers, match);
  if (if_none_match)
    headers = curl_slist_append (headers, "If-None-Match: *");
  /* Is it there: the resource itself, not all below it. */
  if (g_str_equal (method, "PROPFIND"))
    headers = curl_slist_append (headers, "Depth: 0");
  /* No "Expect: 100-continue" round trip. */
  headers = curl_slist_append (headers, "Expect:");
  curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);

  rc = curl_easy_perform (curl);
  curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &out->status);
  curl_slist_free_all (headers);
  curl_easy_cleanup (curl);

  if (rc == CURLE_OK)
    return TRUE;
  if (out->too_large)
    {
      lineup_http_set_too_large (error, url, LINEUP_HTTP_MAX_CALENDAR);
      return FALSE;
    }
  switch (rc)
    {
    case CURLE_COULDNT_CONNECT:
      g_set_error (error, LINEUP_FEED_ERROR, LINEUP_FEED_ERROR_NETWORK,
                   _("Could not connect to %s: is the server running, and is the address right?"), url);
      break;
    case CURLE_COULDNT_RESOLVE_HOST:
      g_set_error (error, LINEUP_FEED_ERROR, LINEUP_FEED_ERROR_NETWORK,
                   _("Could not find the server of %s: check the address and the network"), url);
      break;
    case CURLE_OPERATION_TIMEDOUT:
      g_set_error (error, LINEUP_FEED_ERROR, LINEUP_FEED_ERROR_NETWORK,
                   _("%s did not answer within %d seconds: try again later"), url, timeout_seconds ());
      break;
    default:
      g_set_error (error, LINEUP_FEED_ERROR, LINEUP_FEED_ERROR_NETWORK, _("Could not reach %s: %s"), url,
                   *message ? message : curl_easy_strerror (rc));
      break;
    }
  return FALSE;
}

/* An answer that is not a success, in plain words. */
static void
set_status_error (GError     **error,
                  const char  *url,
                  Response    *response)
{
  g_autofree char *first = NULL;

  if (response->body && response->body->len)
    {
      g_auto(GStrv) lines = g_strsplit (response->body->str, "\n", 2);
      first = g_strstrip (g_utf8_make_valid (lines[0], -1));
    }
  switch (response->status)
    {
    case 401:
      /* Where the password came from, and so how to fix it, the caller says. */
      g_set_error (error, LINEUP_FEED_ERROR, LINEUP_FEED_ERROR_PASSWORD,
                   _("%s refused the user name or password (401)"), url);
      return;
    case 403:
      g_set_error (error, LINEUP_FEED_ERROR, LINEUP_FEED_ERROR_REFUSED,
                   _("%s does not let this user write there (403)"), url);
      return;
    case 404:
    case 409:
      g_set_error (error, LINEUP_FEED_ERROR, LINEUP_FEED_ERROR_REFUSED,
                   _("%s does not exist (%ld): check the address, and that its folder exists"), url,
                   response->status);
      return;
    case 412:
      g_set_error (error, LINEUP_FEED_ERROR, LINEUP_FEED_ERROR_CONFLICT,
                   _("Someone else changed %s since Lineup last published it (412); nothing was overwritten. "
                     "Look at it, then publish with --force to replace it"), url);
      return;
    default:
      break;
    }
  g_set_error (error, LINEUP_FEED_ERROR,
               response->status >= 500 ? LINEUP_FEED_ERROR_SERVER : LINEUP_FEED_ERROR_REFUSED,
               response->status >= 500 ? _("%s failed (%ld)%s%s: try again later")
                                       : _("%s refused the calendar (%ld)%s%s"),
               url, response->status, first && *first ? ": " : "", first ? first : "");
}

static gboolean
success (long status)
{
  return status >= 200 && status < 300;
}

/* ---- destinations ---- */

static gboolean
publish_file (LineupFeed  *feed,
              const char  *text,
              gsize        length,
              GError     **error)
{
  g_autoptr(GError) local = NULL;

  /* A temporary file renamed over the old one: readers never see half. */
  if (!g_file_set_contents (feed->target, text, length, &local))
    {
      g_set_error (error, LINEUP_FEED_ERROR, LINEUP_FEED_ERROR_FILE,
                   _("Could not write %s: %s"), feed->target, local->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
publish_webdav (LineupFeed  *feed,
                const char  *password,
                const char  *text,
                gsize        length,
                gboolean     force,
                char       **out_etag,
                GError     **error)
{
  Response response = { 0 };
  gboolean ok;

  /* Replace only what we put there last (or create): a stale ETag is 412. */
  ok = http ("PUT", feed->target, feed->username, password, text, length,
             force ? NULL : feed->etag, !force && feed->etag == NULL, &response, error);
  if (ok && !success (response.status))
    {
      set_status_error (error, feed->target, &response);
      ok = FALSE;
    }
  if (ok)
    {
      *out_etag = g_steal_pointer (&response.etag);
      if (*out_etag == NULL)
        {
          /* Some servers say it only when asked. */
          Response head = { 0 };

          if (http ("HEAD", feed->target, feed->username, password, NULL, 0, NULL, FALSE, &head, NULL) &&
              success (head.status))
            *out_etag = g_steal_pointer (&head.etag);
          response_clear (&head);
        }
    }
  response_clear (&response);
  return ok;
}

static char *
collection_url (LineupFeed *feed)
{
  return g_str_has_suffix (feed->target, "/") ? g_strdup (feed->target) : g_strconcat (feed->target, "/", NULL);
}

static gboolean
ensure_calendar (LineupFeed  *feed,
                 const char  *password,
                 GError     **error)
{
  g_autofree char *url = collection_url (feed);
  Response response = { 0 };
  gboolean ok;

  /* There already? (Radicale answers MKCALENDAR on an existing calendar
   * with 409, as it does for a missing parent: ask first.) */
  if (!http ("PROPFIND", url, feed->username, password, NULL, 0, NULL, FALSE, &response, error))
    return FALSE;
  ok = response.status == 207 || response.status == 200;
  response_clear (&response);
  if (ok)
    return TRUE;

  if (!http ("MKCALENDAR", url, feed->username, password, NULL, 0, NULL, FALSE, &response, error))
    return FALSE;
  if (response.status == 409)
    {
      /* The parent is missing: make it, then the calendar. */
      g_autofree char *trimmed = g_strndup (url, strlen (url) - 1);
      const char *slash = strrchr (trimmed, '/');
      g_autofree char *parent = g_strndup (trimmed, slash ? (gsize) (slash - trimmed + 1) : strlen (trimmed));
      Response made = { 0 };

      response_clear (&response);
      if (!http ("MKCOL", parent, feed->username, password, NULL, 0, NULL, FALSE, &made, error))
        return FALSE;
      response_clear (&made);
      if (!http ("MKCALENDAR", url, feed->username, password, NULL, 0, NULL, FALSE, &response, error))
        return FALSE;
    }
  /* 201 made it; 405 means it is there already. */
  ok = success (response.status) || response.status == 405;
  if (!ok)
    set_status_error (error, url, &response);
  response_clear (&response);
  return ok;
}

static gboolean
publish_caldav (LineupStore  *store,
                LineupFeed   *feed,
                const char   *password,
                GPtrArray    *posts,
                GError      **error)
{
  g_autoptr(GHashTable) known = lineup_store_get_feed_items (store, feed->name);
  g_autoptr(GHashTable) current = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *base = collection_url (feed);
  GHashTableIter iter;
  gpointer key, value;

  if (!ensure_calendar (feed, password, error))
    return FALSE;

  for (guint i = 0; i < posts->len; i++)
    {
      LineupPost *post = g_ptr_array_index (posts, i);
      g_autoptr(GPtrArray) one = g_ptr_array_new ();
      g_autofree char *uid = lineup_ics_uid (post);
      g_autofree char *text = NULL;
      g_autofree char *hash = NULL;
      LineupFeedItem *item = g_hash_table_lookup (known, uid);
      LineupFeedItem fresh = { 0 };
      Response response = { 0 };
      gsize length;

      g_hash_table_add (current, g_strdup (uid));
      g_ptr_array_add (one, post);
      text = export_posts (store, feed, one, &length);
      hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, length);
      if (item && g_strcmp0 (item->content_hash, hash) == 0)
        continue;

      fresh.uid = uid;
      fresh.href = item ? g_strdup (item->href) : g_strdup_printf ("%s%s.ics", base, lineup_post_get_id (post));
      if (!http ("PUT", fresh.href, feed->username, password, text, length,
                 item ? item->etag : NULL, item == NULL, &response, error))
        {
          g_free (fresh.href);
          return FALSE;
        }
      if (!success (response.status))
        {
          set_status_error (error, fresh.href, &response);
          response_clear (&response);
          g_free (fresh.href);
          return FALSE;
        }
      fresh.etag = g_steal_pointer (&response.etag);
      fresh.content_hash = hash;
      response_clear (&response);
      lineup_store_set_feed_item (store, feed->name, &fresh, NULL);
      g_free (fresh.href);
      g_free (fresh.etag);
    }

  /* What the feed no longer shows goes from the calendar. */
  g_hash_table_iter_init (&iter, known);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      LineupFeedItem *item = value;
      Response response = { 0 };

      if (g_hash_table_contains (current, key))
        continue;
      if (!http ("DELETE", item->href, feed->username, password, NULL, 0, item->etag, FALSE, &response, error))
        return FALSE;
      if (!success (response.status) && response.status != 404)
        {
          set_status_error (error, item->href, &response);
          response_clear (&response);
          return FALSE;
        }
      response_clear (&response);
      lineup_store_remove_feed_item (store, feed->name, item->uid, NULL);
    }
  return TRUE;
}

/* ---- the password ---- */

#define PASSWORD_KIND "password"

const char *
lineup_feed_password_from_env (void)
{
  const char *password = g_getenv (LINEUP_FEED_PASSWORD_ENV);

  return password && *password ? password : NULL;
}

static char *
password_account (const char *name)
{
  return g_strconcat ("feed:", name, NULL);
}

gboolean
lineup_feed_store_password (const char  *name,
                            const char  *password,
                            GError     **error)
{
  g_autoptr(LineupSecrets) secrets = NULL;
  g_autofree char *account = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  if (*password == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The password of the feed “%s” is empty: type it, or paste it"), name);
      return FALSE;
    }
  if ((secrets = lineup_secrets_new (error)) == NULL)
    return FALSE;
  account = password_account (name);
  label = g_strdup_printf (_("Lineup: password for feed %s"), name);
  return lineup_secrets_store (secrets, account, PASSWORD_KIND, label, password, error);
}

char *
lineup_feed_lookup_password (const char  *name,
                             GError     **error)
{
  g_autoptr(LineupSecrets) secrets = NULL;
  g_autofree char *account = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  if ((secrets = lineup_secrets_new (error)) == NULL)
    return NULL;
  account = password_account (name);
  return lineup_secrets_lookup (secrets, account, PASSWORD_KIND, error);
}

gboolean
lineup_feed_forget_password (const char  *name,
                             GError     **error)
{
  g_autoptr(LineupSecrets) secrets = NULL;
  g_autofree char *account = NULL;

  g_return_val_if_fail (name != NULL, FALSE);

  if ((secrets = lineup_secrets_new (error)) == NULL)
    return FALSE;
  account = password_account (name);
  return lineup_secrets_clear (secrets, account, error);
}

typedef struct {
  char *name;
  char *password;
} PasswordJob;

static void
password_job_free (PasswordJob *job)
{
  g_free (job->name);
  if (job->password)
    memset (job->password, 0, strlen (job->password));
  g_free (job->password);
  g_free (job);
}

static void
store_password_thread (GTask        *task,
                       gpointer      source,
                       gpointer      data,
                       GCancellable *cancellable)
{
  PasswordJob *job = data;
  GError *error = NULL;

  if (job->password ? lineup_feed_store_password (job->name, job->password, &error)
                    : lineup_feed_forget_password (job->name, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
lineup_feed_store_password_async (const char          *name,
                                  const char          *password,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  PasswordJob *job = g_new0 (PasswordJob, 1);

  job->name = g_strdup (name);
  job->password = g_strdup (password);
  g_task_set_task_data (task, job, (GDestroyNotify) password_job_free);
  g_task_run_in_thread (task, store_password_thread);
}

gboolean
lineup_feed_store_password_finish (GAsyncResult  *result,
                                   GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The password to publish @feed with: @given (LINEUP_FEED_PASSWORD), else
 * the stored one. NULL with the error (what to do) when the feed signs in
 * and has none; NULL without one when it does not sign in. */
static char *
find_password (LineupFeed  *feed,
               const char  *given,
               GError     **error)
{
  g_autoptr(GError) local = NULL;
  char *password;

  if (feed->kind == LINEUP_FEED_FILE || feed->username == NULL)
    return NULL;
  if (given && *given)
    return g_strdup (given);
  password = lineup_feed_lookup_password (feed->name, &local);
  if (password)
    return password;
  if (local)
    g_set_error (error, LINEUP_FEED_ERROR, LINEUP_FEED_ERROR_PASSWORD,
                 _("The password of the feed “%s” could not be read: %s (or set %s)"),
                 feed->name, local->message, LINEUP_FEED_PASSWORD_ENV);
  else
    g_set_error (error, LINEUP_FEED_ERROR, LINEUP_FEED_ERROR_PASSWORD,
                 _("The feed “%s” signs in as “%s” but has no password: store it with "
                   "“lineup feed password %s” or in Preferences → Sharing"),
                 feed->name, feed->username, feed->name);
  return NULL;
}

/* A refused password (401), with how to fix it where it came from. */
static void
explain_refusal (LineupFeed  *feed,
                 gboolean     from_env,
                 GError      *error)
{
  char *message;

  if (!g_error_matches (error, LINEUP_FEED_ERROR, LINEUP_FEED_ERROR_PASSWORD))
    return;
  if (feed->username == NULL)
    message = g_strdup_printf (_("%s: the feed has no user name: give it one in Preferences → Sharing, "
                                 "or add it again with --user NAME --password-stdin"), error->message);
  else if (from_env)
    message = g_strdup_printf (_("%s: check the user name “%s” and %s"), error->message, feed->username,
                               LINEUP_FEED_PASSWORD_ENV);
  else
    message = g_strdup_printf (_("%s: check the user name “%s”, and change the password with "
                                 "“lineup feed password %s” or in Preferences → Sharing"),
                               error->message, feed->username, feed->name);
  g_free (error->message);
  error->message = message;
}

int
lineup_feed_publish (LineupStore  *store,
                     const char   *name,
                     const char   *password,
                     gboolean      force,
                     GError      **error)
{
  g_autoptr(LineupFeed) feed = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *text = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *secret = NULL;
  gsize length = 0;
  gboolean ok = FALSE;
  gboolean given = password && *password;

  g_return_val_if_fail (LINEUP_IS_STORE (store), -1);

  feed = lineup_store_find_feed (store, name);
  if (feed == NULL)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND,
                   _("No feed is called “%s”: see “lineup feed list”"), name ? name : "");
      return -1;
    }
  posts = lineup_feed_select_posts (store, feed, error);
  if (posts == NULL)
    return -1;

  secret = find_password (feed, password, &local);
  if (local)
    {
      lineup_store_set_feed_result (store, feed->name, NULL, posts->len, local->message, NULL);
      g_propagate_error (error, g_steal_pointer (&local));
      return -1;
    }
  password = secret;

  switch (feed->kind)
    {
    case LINEUP_FEED_FILE:
      text = export_posts (store, feed, posts, &length);
      ok = publish_file (feed, text, length, &local);
      break;
    case LINEUP_FEED_WEBDAV:
      text = export_posts (store, feed, posts, &length);
      ok = publish_webdav (feed, password, text, length, force, &etag, &local);
      break;
    case LINEUP_FEED_CALDAV:
      ok = publish_caldav (store, feed, password, posts, &local);
      break;
    default:
      g_assert_not_reached ();
    }

  if (!ok)
    explain_refusal (feed, given, local);
  /* The feed keeps its last good state; the result says what happened. */
  lineup_store_set_feed_result (store, feed->name, etag, posts->len, ok ? NULL : local->message, NULL);
  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return -1;
    }
  return posts->len;
}

typedef struct {
  char *path;
  char *name;
  char *password;
} PublishJob;

static void
publish_job_free (PublishJob *job)
{
  g_free (job->path);
  g_free (job->name);
  g_free (job->password);
  g_free (job);
}

static void
publish_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  PublishJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupStore) store = lineup_plan_open (job->path, &error);
  int n;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  n = lineup_feed_publish (store, job->name, job->password, FALSE, &error);
  if (n < 0)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, n);
}

void
lineup_feed_publish_async (const char          *path,
                           const char          *name,
                           const char          *password,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  PublishJob *job = g_new0 (PublishJob, 1);

  job->path = g_strdup (path);
  job->name = g_strdup (name);
  job->password = g_strdup (password);
  g_task_set_task_data (task, job, (GDestroyNotify) publish_job_free);
  g_task_run_in_thread (task, publish_thread);
}

int
lineup_feed_publish_finish (GAsyncResult  *result,
                            GError       **error)
{
  return g_task_propagate_int (G_TASK (result), error);
}

char *
lineup_http_get (const char  *url,
                 gsize       *out_length,
                 GError     **error)
{
  Response response = { 0 };
  char *body;

  response.whole = TRUE;
  if (!http ("GET", url, NULL, NULL, NULL, 0, NULL, FALSE, &response, error))
    {
      response_clear (&response);
      return NULL;
    }
  if (!success (response.status))
    {
      set_status_error (error, url, &response);
      response_clear (&response);
      return NULL;
    }
  if (out_length)
    *out_length = response.body->len;
  body = g_string_free (g_steal_pointer (&response.body), FALSE);
  response_clear (&response);
  return body;
}

char *
lineup_feed_subscription_link (LineupFeed *feed)
{
  g_autofree char *target = NULL;

  g_return_val_if_fail (feed != NULL, NULL);

  /* A link is shared: never with a user name or password in it. */
  target = lineup_address_hide_userinfo (feed->target);
  if (feed->kind == LINEUP_FEED_WEBDAV && g_str_has_prefix (target, "http://"))
    return g_strconcat ("webcal://", target + strlen ("http://"), NULL);
  if (feed->kind == LINEUP_FEED_WEBDAV || feed->kind == LINEUP_FEED_CALDAV)
    return g_steal_pointer (&target);
  return NULL;
}
