/* lineup-http.c: one reusable curl handle per LineupHttp.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>

#include "lineup-http.h"

struct _LineupHttp {
  GObject  parent_instance;
  GMutex   lock;
  CURL    *curl;          /* kept between requests: its connection cache is the reuse */
  gboolean reuse;
  long     timeout_ms;
  guint    connections;
  LineupHttpTransport transport;       /* tests only: answers instead of curl */
  gpointer            transport_data;
};

G_DEFINE_FINAL_TYPE (LineupHttp, lineup_http, G_TYPE_OBJECT)
G_DEFINE_QUARK (lineup-http-error-quark, lineup_http_error)

typedef struct {
  LineupHttpResponse *response;
  GCancellable       *cancellable;
  gsize               max_body;
  gboolean            too_large;
} Transfer;

/* ---- helpers ---- */

/* LINEUP_HTTP_TIMEOUT may be fractional ("0.5"): tests of stalling
 * servers should not wait whole seconds. In milliseconds. */
static long
default_timeout_ms (void)
{
  const char *text = g_getenv ("LINEUP_HTTP_TIMEOUT");
  double seconds = text ? g_ascii_strtod (text, NULL) : 0;

  return seconds > 0 ? (long) (seconds * 1000) : 30000;
}

static size_t
on_body (char   *data,
         size_t  size,
         size_t  n,
         void   *user_data)
{
  Transfer *transfer = user_data;

  /* Past the cap: stop reading (curl ends the transfer), keep nothing more. */
  if (transfer->response->body->len + size * n > transfer->max_body)
    {
      transfer->too_large = TRUE;
      return 0;
    }
  g_string_append_len (transfer->response->body, data, (gssize) (size * n));
  return size * n;
}

static size_t
on_header (char   *data,
           size_t  size,
           size_t  n,
           void   *user_data)
{
  Transfer *transfer = user_data;
  size_t length = size * n;
  const char *colon = memchr (data, ':', length);

  /* A new status line (after a 100 Continue) starts a new set of headers. */
  if (length > 5 && g_ascii_strncasecmp (data, "HTTP/", 5) == 0)
    g_hash_table_remove_all (transfer->response->headers);
  else if (colon)
    {
      g_autofree char *name = g_ascii_strdown (data, colon - data);
      g_autofree char *value = g_strndup (colon + 1, length - (colon + 1 - data));

      g_hash_table_insert (transfer->response->headers, g_strdup (g_strstrip (name)),
                           g_strdup (g_strstrip (value)));
    }
  return length;
}

static int
on_progress (void       *user_data,
             curl_off_t  dltotal,
             curl_off_t  dlnow,
             curl_off_t  ultotal,
             curl_off_t  ulnow)
{
  Transfer *transfer = user_data;

  return g_cancellable_is_cancelled (transfer->cancellable) ? 1 : 0;
}

void
lineup_http_set_too_large (GError     **error,
                           const char  *url,
                           gsize        max_body)
{
  g_autofree char *size = g_format_size (max_body);

  g_set_error (error, LINEUP_HTTP_ERROR, LINEUP_HTTP_ERROR_TOO_LARGE,
               _("%s answered with more than %s; Lineup stopped reading there: check the address"), url, size);
}

static gboolean
is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address && g_inet_address_get_is_loopback (address);
}

static int
default_port (const char *scheme)
{
  return g_ascii_strcasecmp (scheme, "https") == 0 ? 443 : g_ascii_strcasecmp (scheme, "http") == 0 ? 80 : -1;
}

static void
set_curl_error (GError     **error,
                CURLcode     rc,
                const char  *url,
                const char  *message,
                int          timeout)
{
  const char *detail = *message ? message : curl_easy_strerror (rc);

  switch (rc)
    {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      g_set_error (error, LINEUP_HTTP_ERROR, LINEUP_HTTP_ERROR_CONNECT,
                   _("Could not connect to %s (%s): is the address right and the network up?"), url, detail);
      break;
    case CURLE_OPERATION_TIMEDOUT:
      g_set_error (error, LINEUP_HTTP_ERROR, LINEUP_HTTP_ERROR_TIMEOUT,
                   _("%s did not answer within %d seconds"), url, timeout);
      break;
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_PARTIAL_FILE:
      g_set_error (error, LINEUP_HTTP_ERROR, LINEUP_HTTP_ERROR_DROPPED,
                   _("The connection to %s closed before the answer came (%s)"), url, detail);
      break;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE:
      g_set_error (error, LINEUP_HTTP_ERROR, LINEUP_HTTP_ERROR_TLS,
                   _("The secure connection to %s failed (%s): check the address and the system’s certificates"),
                   url, detail);
      break;
    case CURLE_ABORTED_BY_CALLBACK:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
      break;
    default:
      g_set_error (error, LINEUP_HTTP_ERROR, LINEUP_HTTP_ERROR_FAILED, _("Could not reach %s: %s"), url, detail);
      break;
    }
}

/* ---- GObject ---- */

static void
lineup_http_finalize (GObject *object)
{
  LineupHttp *self = (LineupHttp *) object;

  g_clear_pointer (&self->curl, curl_easy_cleanup);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (lineup_http_parent_class)->finalize (object);
}

static void
lineup_http_class_init (LineupHttpClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lineup_http_finalize;
  curl_global_init (CURL_GLOBAL_DEFAULT);
}

static void
lineup_http_init (LineupHttp *self)
{
  g_mutex_init (&self->lock);
  self->reuse = TRUE;
  self->timeout_ms = default_timeout_ms ();
}

/* ---- public ---- */

LineupHttp *
lineup_http_new (void)
{
  return g_object_new (LINEUP_TYPE_HTTP, NULL);
}

void
lineup_http_set_reuse (LineupHttp *self,
                       gboolean    reuse)
{
  g_return_if_fail (LINEUP_IS_HTTP (self));
  self->reuse = !!reuse;
}

void
lineup_http_set_timeout (LineupHttp *self,
                         int         seconds)
{
  g_return_if_fail (LINEUP_IS_HTTP (self));
  self->timeout_ms = seconds > 0 ? seconds * 1000L : default_timeout_ms ();
}

int
lineup_http_get_timeout (LineupHttp *self)
{
  g_return_val_if_fail (LINEUP_IS_HTTP (self), 0);
  return (int) ((self->timeout_ms + 999) / 1000);
}

guint
lineup_http_get_connections (LineupHttp *self)
{
  g_return_val_if_fail (LINEUP_IS_HTTP (self), 0);
  return self->connections;
}

void
lineup_http_response_free (LineupHttpResponse *response)
{
  if (response == NULL)
    return;
  g_string_free (response->body, TRUE);
  g_hash_table_unref (response->headers);
  g_free (response->url);
  g_free (response);
}

const char *
lineup_http_response_get_header (LineupHttpResponse *response,
                                 const char         *name)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (response != NULL, NULL);
  lower = g_ascii_strdown (name, -1);
  return g_hash_table_lookup (response->headers, lower);
}

void
lineup_http_set_transport (LineupHttp          *self,
                           LineupHttpTransport  transport,
                           gpointer             user_data)
{
  g_return_if_fail (LINEUP_IS_HTTP (self));
  self->transport = transport;
  self->transport_data = user_data;
}

LineupHttpResponse *
lineup_http_send (LineupHttp               *self,
                  const LineupHttpRequest  *request,
                  GCancellable             *cancellable,
                  GError                  **error)
{
  g_autoptr(LineupHttpResponse) response = NULL;
  struct curl_slist *headers = NULL;
  char message[CURL_ERROR_SIZE] = "";
  Transfer transfer;
  CURLcode rc;
  long opened = 0;

  g_return_val_if_fail (LINEUP_IS_HTTP (self), NULL);
  g_return_val_if_fail (request != NULL && request->method && request->url, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (self->transport)
    return self->transport (request, self->transport_data, error);

  response = g_new0 (LineupHttpResponse, 1);
  response->body = g_string_new (NULL);
  response->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  response->url = g_strdup (request->url);
  transfer.response = response;
  transfer.cancellable = cancellable;
  transfer.max_body = request->max_body ? request->max_body : LINEUP_HTTP_MAX_BODY;
  transfer.too_large = FALSE;

  /* A token, a password, a signed post: never in clear text to another machine. */
  if ((request->headers || request->body) && !lineup_http_check_address (request->url, error))
    return NULL;

  g_mutex_lock (&self->lock);
  if (self->curl == NULL)
    self->curl = curl_easy_init ();
  else
    curl_easy_reset (self->curl);   /* keeps the connection cache */
  if (self->curl == NULL)
    {
      g_mutex_unlock (&self->lock);
      g_set_error (error, LINEUP_HTTP_ERROR, LINEUP_HTTP_ERROR_FAILED, _("Could not start an HTTP request"));
      return NULL;
    }

  curl_easy_setopt (self->curl, CURLOPT_URL, request->url);
  curl_easy_setopt (self->curl, CURLOPT_CUSTOMREQUEST, request->method);
  curl_easy_setopt (self->curl, CURLOPT_USERAGENT, "Lineup/" PACKAGE_VERSION);
  curl_easy_setopt (self->curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (self->curl, CURLOPT_CONNECTTIMEOUT_MS, MIN (self->timeout_ms, 10000L));
  curl_easy_setopt (self->curl, CURLOPT_TIMEOUT_MS, self->timeout_ms);
  curl_easy_setopt (self->curl, CURLOPT_ERRORBUFFER, message);
  curl_easy_setopt (self->curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt (self->curl, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt (self->curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt (self->curl, CURLOPT_HEADERDATA, &transfer);
  curl_easy_setopt (self->curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt (self->curl, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt (self->curl, CURLOPT_XFERINFODATA, &transfer);
  curl_easy_setopt (self->curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt (self->curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt (self->curl, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt (self->curl, CURLOPT_PROTOCOLS_STR, "http,https");
  /* A Content-Length past the cap stops the transfer before its body. */
  curl_easy_setopt (self->curl, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t) transfer.max_body);
  if (!self->reuse)
    {
      curl_easy_setopt (self->curl, CURLOPT_FRESH_CONNECT, 1L);
      curl_easy_setopt (self->curl, CURLOPT_FORBID_REUSE, 1L);
    }
  if (g_str_equal (request->method, "HEAD"))
    curl_easy_setopt (self->curl, CURLOPT_NOBODY, 1L);
  if (request->body)
    {
      curl_easy_setopt (self->curl, CURLOPT_POSTFIELDS, request->body);
      curl_easy_setopt (self->curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) request->body_length);
      if (request->content_type)
        {
          g_autofree char *line = g_strdup_printf ("Content-Type: %s", request->content_type);
          headers = curl_slist_append (headers, line);
        }
    }
  for (guint i = 0; request->headers && request->headers[i]; i++)
    headers = curl_slist_append (headers, request->headers[i]);
  /* No "Expect: 100-continue" round trip. */
  headers = curl_slist_append (headers, "Expect:");
  curl_easy_setopt (self->curl, CURLOPT_HTTPHEADER, headers);

  rc = curl_easy_perform (self->curl);
  curl_easy_getinfo (self->curl, CURLINFO_RESPONSE_CODE, &response->status);
  curl_easy_getinfo (self->curl, CURLINFO_NUM_CONNECTS, &opened);
  self->connections += (guint) opened;
  /* The handle must not keep pointers into this call's stack. */
  curl_easy_setopt (self->curl, CURLOPT_HTTPHEADER, NULL);
  curl_easy_setopt (self->curl, CURLOPT_ERRORBUFFER, NULL);
  curl_slist_free_all (headers);
  g_mutex_unlock (&self->lock);

  if (transfer.too_large || rc == CURLE_FILESIZE_EXCEEDED)
    {
      lineup_http_set_too_large (error, request->url, transfer.max_body);
      return NULL;
    }
  if (rc != CURLE_OK)
    {
      set_curl_error (error, rc, request->url, message, lineup_http_get_timeout (self));
      return NULL;
    }
  return g_steal_pointer (&response);
}

typedef struct {
  LineupHttpRequest request;
  char  *method, *url, *content_type, *body;
  GStrv  headers;
} RequestCopy;

static void
request_copy_free (RequestCopy *copy)
{
  g_free (copy->method);
  g_free (copy->url);
  g_free (copy->content_type);
  g_free (copy->body);
  g_strfreev (copy->headers);
  g_free (copy);
}

static void
send_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  RequestCopy *copy = task_data;
  GError *error = NULL;
  LineupHttpResponse *response = lineup_http_send (source, &copy->request, cancellable, &error);

  if (response)
    g_task_return_pointer (task, response, (GDestroyNotify) lineup_http_response_free);
  else
    g_task_return_error (task, error);
}

void
lineup_http_send_async (LineupHttp               *self,
                        const LineupHttpRequest  *request,
                        GCancellable             *cancellable,
                        GAsyncReadyCallback       callback,
                        gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  RequestCopy *copy;

  g_return_if_fail (LINEUP_IS_HTTP (self));
  g_return_if_fail (request != NULL);

  copy = g_new0 (RequestCopy, 1);
  copy->method = g_strdup (request->method);
  copy->url = g_strdup (request->url);
  copy->content_type = g_strdup (request->content_type);
  if (request->body)
    {
      copy->body = g_malloc (request->body_length + 1);
      memcpy (copy->body, request->body, request->body_length);
      copy->body[request->body_length] = '\0';
    }
  copy->headers = g_strdupv ((char **) request->headers);
  copy->request = (LineupHttpRequest) {
    copy->method, copy->url, copy->content_type, copy->body, request->body_length,
    (const char * const *) copy->headers, request->max_body,
  };

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lineup_http_send_async);
  g_task_set_task_data (task, copy, (GDestroyNotify) request_copy_free);
  g_task_run_in_thread (task, send_thread);
}

LineupHttpResponse *
lineup_http_send_finish (LineupHttp    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
lineup_http_same_origin (const char *a,
                         const char *b)
{
  g_autoptr(GUri) first = a ? g_uri_parse (a, G_URI_FLAGS_NONE, NULL) : NULL;
  g_autoptr(GUri) second = b ? g_uri_parse (b, G_URI_FLAGS_NONE, NULL) : NULL;
  int first_port, second_port;

  if (first == NULL || second == NULL || g_uri_get_host (first) == NULL || g_uri_get_host (second) == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (g_uri_get_scheme (first), g_uri_get_scheme (second)) != 0 ||
      g_ascii_strcasecmp (g_uri_get_host (first), g_uri_get_host (second)) != 0)
    return FALSE;
  first_port = g_uri_get_port (first) > 0 ? g_uri_get_port (first) : default_port (g_uri_get_scheme (first));
  second_port = g_uri_get_port (second) > 0 ? g_uri_get_port (second) : default_port (g_uri_get_scheme (second));
  return first_port == second_port;
}

gboolean
lineup_http_next_link (LineupHttpResponse  *response,
                       char               **out_next,
                       GError             **error)
{
  const char *link, *next, *end, *start;
  g_autofree char *target = NULL;
  g_autofree char *resolved = NULL;

  g_return_val_if_fail (response != NULL && out_next != NULL, FALSE);
  *out_next = NULL;
  link = lineup_http_response_get_header (response, "link");
  next = link ? strstr (link, "rel=\"next\"") : NULL;
  if (next == NULL)
    return TRUE;
  /* <url>; rel="next": the url before it. */
  end = g_strrstr_len (link, next - link, ">");
  start = end ? g_strrstr_len (link, end - link, "<") : NULL;
  if (start == NULL || end == NULL)
    return TRUE;
  target = g_strndup (start + 1, end - start - 1);
  resolved = g_uri_resolve_relative (response->url, target, G_URI_FLAGS_NONE, NULL);
  if (resolved == NULL || !lineup_http_same_origin (response->url, resolved))
    {
      g_autofree char *shown = g_utf8_make_valid (target, MIN (strlen (target), 200));

      g_set_error (error, LINEUP_HTTP_ERROR, LINEUP_HTTP_ERROR_FAILED,
                   _("%s sent Lineup to another address for the rest of the list (%s); Lineup does not follow "
                     "it, and sends the account’s access nowhere but its own server"),
                   response->url, shown);
      return FALSE;
    }
  *out_next = g_steal_pointer (&resolved);
  return TRUE;
}

gboolean
lineup_http_check_address (const char  *url,
                           GError     **error)
{
  g_autoptr(GUri) uri = url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *scheme = uri ? g_uri_get_scheme (uri) : NULL;

  if (scheme && g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  if (scheme && g_ascii_strcasecmp (scheme, "http") == 0 && is_loopback (g_uri_get_host (uri)))
    return TRUE;
  if (scheme && g_ascii_strcasecmp (scheme, "http") == 0)
    g_set_error (error, LINEUP_HTTP_ERROR, LINEUP_HTTP_ERROR_INSECURE,
                 _("%s is a clear-text http:// address: tokens and passwords would travel unencrypted. "
                   "Use its https:// address (http:// is accepted only for a server on this machine)"), url);
  else
    g_set_error (error, LINEUP_HTTP_ERROR, LINEUP_HTTP_ERROR_INSECURE,
                 _("“%s” is not a web address: use one that starts with https://"), url ? url : "");
  return FALSE;
}

char *
lineup_http_escape (const char *value)
{
  return g_uri_escape_string (value ? value : "", NULL, FALSE);
}
