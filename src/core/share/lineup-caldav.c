/* lineup-caldav.c: the CalDAV client of a shared plan (lineup-caldav.h).
 *
 * Requests over one LineupHttp with a Basic Authorization header built
 * here (the password never appears in a message), answers read with
 * lineup-dav-xml. Hrefs are kept as the server's paths, normalised (an
 * absolute URL loses its origin, every %XX is decoded then encoded again
 * the one same way) so that a resource always has the same string,
 * whichever spelling a server used in which answer. This file does not
 * know what a post or a record is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lineup-caldav.h"
#include "lineup-dav-xml.h"

#define MULTIGET_BATCH  100
/* A server that says "more" forever (a 507 with the same or a new token
 * every time) stops being asked after this many rounds. */
#define MAX_ROUNDS      1000
#define XML_TYPE        "application/xml; charset=utf-8"
#define XML_HEAD        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"

struct _LineupCaldav {
  LineupHttp *http;
  char       *url;            /* the collection, ending in "/" */
  char       *origin;         /* scheme://host[:port] of url */
  char       *path;           /* its path, normalised, ending in "/" */
  char       *user;
  char       *authorization;  /* "Authorization: Basic …", or NULL */
  char       *lazy_prefix;    /* names listed but not fetched, or NULL */
};

G_DEFINE_QUARK (lineup-caldav-error-quark, lineup_caldav_error)

void
lineup_caldav_item_free (LineupCaldavItem *item)
{
  if (item == NULL)
    return;
  g_free (item->href);
  g_free (item->etag);
  g_free (item->data);
  g_free (item);
}

/* ---- hrefs ---- */

static int
hex_value (char c)
{
  return g_ascii_isxdigit (c) ? g_ascii_xdigit_value (c) : -1;
}

/* @path decoded (%XX, but never into a NUL) and encoded again: every byte
 * outside the unreserved characters and "/!$&'()*+,;=:@" as %XX. */
static char *
normalise_path (const char *path)
{
  g_autoptr(GString) decoded = g_string_new (NULL);

  for (const char *p = path; *p; p++)
    {
      if (*p == '%' && hex_value (p[1]) >= 0 && hex_value (p[2]) >= 0 &&
          (hex_value (p[1]) << 4 | hex_value (p[2])) != 0)
        {
          g_string_append_c (decoded, (char) (hex_value (p[1]) << 4 | hex_value (p[2])));
          p += 2;
        }
      else
        g_string_append_c (decoded, *p);
    }
  return g_uri_escape_string (decoded->str, "/!$&'()*+,;=:@", FALSE);
}

/* The normalised path of @href (an absolute URL, an absolute path, or a
 * path relative to the collection); its query and fragment dropped. */
static char *
normalise_href (LineupCaldav *self,
                const char   *href)
{
  g_autofree char *raw = NULL;
  char *cut;

  if (strstr (href, "://"))
    {
      g_autoptr(GUri) uri = g_uri_parse (href, G_URI_FLAGS_ENCODED, NULL);

      raw = g_strdup (uri && *g_uri_get_path (uri) ? g_uri_get_path (uri) : "/");
    }
  else if (href[0] == '/')
    raw = g_strdup (href);
  else
    raw = g_strconcat (self->path, href, NULL);
  cut = strpbrk (raw, "?#");
  if (cut)
    *cut = '\0';
  return normalise_path (raw);
}

static gboolean
is_collection_href (LineupCaldav *self,
                    const char   *href)
{
  gsize a = strlen (href), b = strlen (self->path);

  while (a > 0 && href[a - 1] == '/')
    a--;
  while (b > 0 && self->path[b - 1] == '/')
    b--;
  return a == b && strncmp (href, self->path, a) == 0;
}

/* Where @href is: always on the collection's own origin, so a server's
 * answer never sends the login elsewhere. */
static char *
href_url (LineupCaldav *self,
          const char   *href)
{
  g_autofree char *path = normalise_href (self, href);

  return g_strconcat (self->origin, path, NULL);
}

/* ---- the object ---- */

LineupCaldav *
lineup_caldav_new (LineupHttp *http,
                   const char *collection_url,
                   const char *user,
                   const char *password)
{
  LineupCaldav *self;
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (LINEUP_IS_HTTP (http), NULL);
  g_return_val_if_fail (collection_url != NULL, NULL);

  self = g_new0 (LineupCaldav, 1);
  self->http = g_object_ref (http);
  self->url = g_str_has_suffix (collection_url, "/") ? g_strdup (collection_url)
                                                     : g_strconcat (collection_url, "/", NULL);
  uri = g_uri_parse (self->url, G_URI_FLAGS_ENCODED, NULL);
  if (uri && g_uri_get_host (uri))
    {
      const char *host = g_uri_get_host (uri);
      gboolean ipv6 = strchr (host, ':') != NULL;
      g_autofree char *port = g_uri_get_port (uri) > 0 ? g_strdup_printf (":%d", g_uri_get_port (uri))
                                                       : g_strdup ("");

      self->origin = g_strdup_printf ("%s://%s%s%s%s", g_uri_get_scheme (uri), ipv6 ? "[" : "", host,
                                      ipv6 ? "]" : "", port);
      self->path = normalise_path (*g_uri_get_path (uri) ? g_uri_get_path (uri) : "/");
    }
  else
    {
      /* Not a URL: every request fails in LineupHttp, which says why. */
      self->origin = g_strdup (self->url);
      self->path = g_strdup ("/");
    }
  if (!g_str_has_suffix (self->path, "/"))
    {
      char *with = g_strconcat (self->path, "/", NULL);

      g_free (self->path);
      self->path = with;
    }
  if (user)
    {
      g_autofree char *pair = g_strdup_printf ("%s:%s", user, password ? password : "");
      g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));

      self->user = g_strdup (user);
      self->authorization = g_strconcat ("Authorization: Basic ", encoded, NULL);
      memset (pair, 0, strlen (pair));
      memset (encoded, 0, strlen (encoded));
    }
  return self;
}

void
lineup_caldav_free (LineupCaldav *self)
{
  if (self == NULL)
    return;
  if (self->authorization)
    memset (self->authorization, 0, strlen (self->authorization));
  g_free (self->authorization);
  g_free (self->user);
  g_free (self->lazy_prefix);
  g_free (self->url);
  g_free (self->origin);
  g_free (self->path);
  g_object_unref (self->http);
  g_free (self);
}

const char *
lineup_caldav_get_url (LineupCaldav *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->url;
}

void
lineup_caldav_set_lazy_prefix (LineupCaldav *self,
                               const char   *prefix)
{
  g_return_if_fail (self != NULL);
  g_free (self->lazy_prefix);
  self->lazy_prefix = prefix && *prefix ? g_strdup (prefix) : NULL;
}

/* Whether @href (normalised) names a resource listed but not fetched. */
static gboolean
is_lazy (LineupCaldav *self,
         const char   *href)
{
  const char *name;

  if (self->lazy_prefix == NULL)
    return FALSE;
  name = strrchr (href, '/');
  name = name ? name + 1 : href;
  return g_str_has_prefix (name, self->lazy_prefix);
}

char *
lineup_caldav_href (LineupCaldav *self,
                    const char   *name)
{
  g_autofree char *escaped = NULL;
  g_autofree char *joined = NULL;

  g_return_val_if_fail (self != NULL && name != NULL, NULL);
  escaped = g_uri_escape_string (name, NULL, FALSE);
  joined = g_strconcat (self->path, escaped, NULL);
  return normalise_path (joined);
}

/* ---- requests and their errors ---- */

static LineupHttpResponse *
send_capped (LineupCaldav  *self,
             const char    *method,
             const char    *url,
             const char    *depth,
             const char    *body,
             const char    *content_type,
             const char    *condition,
             gsize          max_body,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autofree char *depth_line = depth ? g_strconcat ("Depth: ", depth, NULL) : NULL;
  const char *headers[4] = { NULL };
  guint n = 0;
  LineupHttpRequest request = { 0 };

  if (self->authorization)
    headers[n++] = self->authorization;
  if (depth_line)
    headers[n++] = depth_line;
  if (condition)
    headers[n++] = condition;
  request.method = method;
  request.url = url;
  request.body = body;
  request.body_length = body ? strlen (body) : 0;
  request.content_type = body ? content_type : NULL;
  request.headers = headers;
  request.max_body = max_body;
  return lineup_http_send (self->http, &request, cancellable, error);
}

static LineupHttpResponse *
send (LineupCaldav  *self,
      const char    *method,
      const char    *url,
      const char    *depth,
      const char    *body,
      const char    *content_type,
      const char    *condition,
      GCancellable  *cancellable,
      GError       **error)
{
  return send_capped (self, method, url, depth, body, content_type, condition,
                      LINEUP_HTTP_MAX_CALENDAR, cancellable, error);
}

/* The server's own words, short: the first line of text in its body (tags
 * of an XML or HTML answer left out), valid UTF-8, at most 160 bytes. */
static char *
excerpt (LineupHttpResponse *response)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *valid = NULL;
  gboolean in_tag = FALSE;
  char **lines;
  char *first = NULL;

  for (gsize i = 0; i < response->body->len && text->len < 4096; i++)
    {
      char c = response->body->str[i];

      if (c == '<')
        in_tag = TRUE;
      else if (c == '>' && in_tag)
        {
          in_tag = FALSE;
          g_string_append_c (text, '\n');
        }
      else if (!in_tag && c != '\0')
        g_string_append_c (text, c);
    }
  valid = g_utf8_make_valid (text->str, -1);
  lines = g_strsplit (valid, "\n", -1);
  for (guint i = 0; lines[i] && first == NULL; i++)
    if (*g_strstrip (lines[i]))
      first = g_strdup (lines[i]);
  g_strfreev (lines);
  if (first && strlen (first) > 160)
    {
      const char *end = g_utf8_find_prev_char (first, first + 160);

      first[end ? end - first : 0] = '\0';
    }
  return first ? first : g_strdup ("");
}

static gboolean
is_write (const char *method)
{
  return g_str_equal (method, "PUT") || g_str_equal (method, "DELETE") || g_str_equal (method, "MKCALENDAR") ||
         g_str_equal (method, "MKCOL");
}

/* An answer that is not a success, in words: what, where, what to do. */
static void
set_status_error (LineupCaldav        *self,
                  LineupHttpResponse  *response,
                  const char          *method,
                  const char          *url,
                  gsize                sent,
                  GError             **error)
{
  g_autofree char *words = excerpt (response);
  const char *who = self->user ? self->user : _("an anonymous client");

  switch (response->status)
    {
    case 401:
      if (self->user)
        g_set_error (error, LINEUP_CALDAV_ERROR, LINEUP_CALDAV_ERROR_AUTH,
                     _("The server refused the login %s at %s: check the login and password"), self->user, url);
      else
        g_set_error (error, LINEUP_CALDAV_ERROR, LINEUP_CALDAV_ERROR_AUTH,
                     _("The server at %s asks for a login: give the login and password"), url);
      return;
    case 403:
      g_set_error (error, LINEUP_CALDAV_ERROR, LINEUP_CALDAV_ERROR_FORBIDDEN,
                   is_write (method) ? _("The server does not let %s write to %s (HTTP 403: %s)")
                                     : _("The server does not let %s read %s (HTTP 403: %s)"),
                   who, url, words);
      return;
    case 404:
      g_set_error (error, LINEUP_CALDAV_ERROR, LINEUP_CALDAV_ERROR_NOT_FOUND,
                   _("%s does not exist on the server (HTTP 404): check the address"), url);
      return;
    case 412:
      g_set_error (error, LINEUP_CALDAV_ERROR, LINEUP_CALDAV_ERROR_PRECONDITION,
                   _("%s changed on the server since Lineup last read it, or already exists (HTTP 412): "
                     "read it again before writing"), url);
      return;
    case 413:
      {
        g_autofree char *size = g_format_size (sent);

        g_set_error (error, LINEUP_CALDAV_ERROR, LINEUP_CALDAV_ERROR_TOO_LARGE,
                     _("The server does not take %s for %s (HTTP 413): make it smaller, or ask the server’s "
                       "administrator to raise its limit"), size, url);
        return;
      }
    default:
      g_set_error (error, LINEUP_CALDAV_ERROR, LINEUP_CALDAV_ERROR_SERVER,
                   _("The server answered HTTP %ld to %s %s%s%s: try again later, or tell the server’s administrator"),
                   response->status, method, url, *words ? ": " : "", words);
      return;
    }
}

static gboolean
success (LineupHttpResponse *response)
{
  return response->status >= 200 && response->status < 300;
}

static char *
etag_of (LineupHttpResponse *response)
{
  const char *etag = lineup_http_response_get_header (response, "etag");

  if (etag == NULL || *etag == '\0')
    etag = lineup_http_response_get_header (response, "oc-etag");
  return etag && *etag ? g_strdup (etag) : NULL;
}

/* ---- multistatus ---- */

/* The entries of a 207 answer (hrefs normalised), and its DAV:sync-token
 * (NULL if none). */
static gboolean
parse_multistatus (LineupCaldav        *self,
                   LineupHttpResponse  *response,
                   GPtrArray          **out_entries,
                   char               **out_token,
                   GError             **error)
{
  g_autoptr(GError) local = NULL;
  GPtrArray *entries;

  entries = lineup_dav_multistatus_parse (response->body->str, (gssize) response->body->len, out_token, &local);
  if (entries == NULL)
    {
      g_set_error (error, LINEUP_CALDAV_ERROR, LINEUP_CALDAV_ERROR_PROTOCOL,
                   _("%s answered with XML Lineup cannot read (%s): is the address a CalDAV server’s?"),
                   response->url, local->message);
      return FALSE;
    }
  for (guint i = 0; i < entries->len; i++)
    {
      LineupDavResponse *entry = entries->pdata[i];
      char *href = normalise_href (self, entry->href);

      g_free (entry->href);
      entry->href = href;
    }
  *out_entries = entries;
  return TRUE;
}

/* PROPFIND @depth on @url asking for @props (XML elements); NULL with an
 * error unless the server answered 207 with a readable multistatus. */
static GPtrArray *
propfind (LineupCaldav  *self,
          const char    *url,
          const char    *depth,
          const char    *props,
          long          *out_status,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autofree char *body = g_strconcat (XML_HEAD, "<D:propfind xmlns:D=\"DAV:\" "
                                       "xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><D:prop>", props,
                                       "</D:prop></D:propfind>\n", NULL);
  g_autoptr(LineupHttpResponse) response = NULL;
  GPtrArray *entries = NULL;

  if (out_status)
    *out_status = 0;
  response = send (self, "PROPFIND", url, depth, body, XML_TYPE, NULL, cancellable, error);
  if (response == NULL)
    return NULL;
  if (out_status)
    *out_status = response->status;
  if (response->status != 207)
    {
      set_status_error (self, response, "PROPFIND", url, 0, error);
      return NULL;
    }
  if (!parse_multistatus (self, response, &entries, NULL, error))
    return NULL;
  return entries;
}

/* ---- ensure ---- */

static gboolean
make_calendar (LineupCaldav  *self,
               const char    *display_name,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autofree char *name = g_markup_escape_text (display_name ? display_name : "Lineup", -1);
  g_autofree char *body = g_strconcat (XML_HEAD,
                                       "<C:mkcalendar xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\">"
                                       "<D:set><D:prop><D:displayname>", name, "</D:displayname>"
                                       "<C:supported-calendar-component-set>"
                                       "<C:comp name=\"VEVENT\"/><C:comp name=\"VTODO\"/>"
                                       "</C:supported-calendar-component-set>"
                                       "</D:prop></D:set></C:mkcalendar>\n", NULL);

  for (int attempt = 0; attempt < 2; attempt++)
    {
      g_autoptr(LineupHttpResponse) response = NULL;
      g_autoptr(LineupHttpResponse) made = NULL;
      g_autofree char *parent = NULL;
      g_autofree char *parent_url = NULL;
      char *slash;

      response = send (self, "MKCALENDAR", self->url, NULL, body, XML_TYPE, NULL, cancellable, error);
      if (response == NULL)
        return FALSE;
      if (success (response))
        return TRUE;
      /* Made meanwhile by another client: see what it is. */
      if (response->status == 405)
        return lineup_caldav_ensure (self, FALSE, display_name, cancellable, error);
      if (response->status != 409 || attempt > 0 || g_str_equal (self->path, "/"))
        {
          set_status_error (self, response, "MKCALENDAR", self->url, 0, error);
          return FALSE;
        }
      /* 409: the parent is missing (Radicale, for a user's first calendar). */
      parent = g_strndup (self->path, strlen (self->path) - 1);
      slash = strrchr (parent, '/');
      slash[1] = '\0';
      parent_url = g_strconcat (self->origin, parent, NULL);
      made = send (self, "MKCOL", parent_url, NULL, NULL, NULL, NULL, cancellable, error);
      if (made == NULL)
        return FALSE;
      if (!success (made) && made->status != 405)
        {
          set_status_error (self, made, "MKCOL", parent_url, 0, error);
          return FALSE;
        }
    }
  g_assert_not_reached ();
  return FALSE;
}

gboolean
lineup_caldav_ensure (LineupCaldav  *self,
                      gboolean       create,
                      const char    *display_name,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) local = NULL;
  LineupDavResponse *found = NULL;
  long status = 0;

  g_return_val_if_fail (self != NULL, FALSE);

  entries = propfind (self, self->url, "0", "<D:resourcetype/><D:displayname/>", &status, cancellable, &local);
  if (entries)
    {
      for (guint i = 0; i < entries->len && found == NULL; i++)
        if (is_collection_href (self, ((LineupDavResponse *) entries->pdata[i])->href))
          found = entries->pdata[i];
      /* A server that names the collection another way: its one answer. */
      if (found == NULL && entries->len == 1)
        found = entries->pdata[0];
      if (found && found->status == 404)
        status = 404;
      else if (found && found->calendar)
        return TRUE;
      else
        {
          g_set_error (error, LINEUP_CALDAV_ERROR, LINEUP_CALDAV_ERROR_NOT_CALENDAR,
                       _("%s exists but is not a calendar: give the address of a calendar, or a new address "
                         "where Lineup can make one"), self->url);
          return FALSE;
        }
    }
  if (status != 404)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (!create)
    {
      g_set_error (error, LINEUP_CALDAV_ERROR, LINEUP_CALDAV_ERROR_NOT_FOUND,
                   _("There is no calendar at %s: check the address, or create it"), self->url);
      return FALSE;
    }
  return make_calendar (self, display_name, cancellable, error);
}

/* ---- single resources ---- */

LineupCaldavItem *
lineup_caldav_get (LineupCaldav  *self,
                   const char    *href,
                   GCancellable  *cancellable,
                   GError       **error)
{
  return lineup_caldav_get_capped (self, href, LINEUP_HTTP_MAX_CALENDAR, cancellable, error);
}

LineupCaldavItem *
lineup_caldav_get_capped (LineupCaldav  *self,
                          const char    *href,
                          gsize          max_body,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autofree char *url = NULL;
  g_autoptr(LineupHttpResponse) response = NULL;
  LineupCaldavItem *item;

  g_return_val_if_fail (self != NULL && href != NULL, NULL);
  url = href_url (self, href);
  response = send_capped (self, "GET", url, NULL, NULL, NULL, NULL, max_body, cancellable, error);
  if (response == NULL)
    return NULL;
  if (response->status != 200)
    {
      set_status_error (self, response, "GET", url, 0, error);
      return NULL;
    }
  item = g_new0 (LineupCaldavItem, 1);
  item->href = normalise_href (self, href);
  item->etag = etag_of (response);
  item->data = g_utf8_make_valid (response->body->str, (gssize) strnlen (response->body->str, response->body->len));
  return item;
}

gboolean
lineup_caldav_put (LineupCaldav  *self,
                   const char    *href,
                   const char    *data,
                   const char    *if_match,
                   char         **out_etag,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autofree char *url = NULL;
  g_autofree char *condition = NULL;
  g_autoptr(LineupHttpResponse) response = NULL;

  g_return_val_if_fail (self != NULL && href != NULL && data != NULL, FALSE);
  if (out_etag)
    *out_etag = NULL;
  url = href_url (self, href);
  /* Create or update, never both and never neither: a stale ETag must
   * come back as 412, not overwrite someone else's change. */
  condition = if_match ? g_strconcat ("If-Match: ", if_match, NULL) : g_strdup ("If-None-Match: *");
  response = send (self, "PUT", url, NULL, data, "text/calendar; charset=utf-8", condition, cancellable, error);
  if (response == NULL)
    return FALSE;
  if (!success (response))
    {
      set_status_error (self, response, "PUT", url, strlen (data), error);
      return FALSE;
    }
  if (out_etag)
    *out_etag = etag_of (response);
  return TRUE;
}

gboolean
lineup_caldav_delete (LineupCaldav  *self,
                      const char    *href,
                      const char    *if_match,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autofree char *url = NULL;
  g_autofree char *condition = NULL;
  g_autoptr(LineupHttpResponse) response = NULL;

  g_return_val_if_fail (self != NULL && href != NULL, FALSE);
  url = href_url (self, href);
  condition = if_match ? g_strconcat ("If-Match: ", if_match, NULL) : NULL;
  response = send (self, "DELETE", url, NULL, NULL, NULL, condition, cancellable, error);
  if (response == NULL)
    return FALSE;
  if (success (response) || response->status == 404)
    return TRUE;
  set_status_error (self, response, "DELETE", url, 0, error);
  return FALSE;
}

/* ---- changes ---- */

typedef struct {
  GHashTable   *items;    /* href → LineupCaldavItem (owned) */
  GPtrArray    *order;    /* hrefs, first seen first (borrowed from the items) */
  LineupCaldav *lazy_of;  /* the client whose lazy prefix marks items (borrowed) */
} Changes;

static void
changes_clear (Changes *changes)
{
  g_clear_pointer (&changes->items, g_hash_table_unref);
  g_clear_pointer (&changes->order, g_ptr_array_unref);
}

static void
changes_init (Changes *changes)
{
  changes_clear (changes);
  changes->items = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                          (GDestroyNotify) lineup_caldav_item_free);
  changes->order = g_ptr_array_new ();
}

static void
changes_init_for (Changes      *changes,
                  LineupCaldav *self)
{
  changes_init (changes);
  changes->lazy_of = self;
}

/* The item for @href, made (empty: to fetch) when it is new. */
static LineupCaldavItem *
changes_item (Changes    *changes,
              const char *href)
{
  LineupCaldavItem *item = g_hash_table_lookup (changes->items, href);

  if (item == NULL)
    {
      item = g_new0 (LineupCaldavItem, 1);
      item->href = g_strdup (href);
      item->lazy = changes->lazy_of ? is_lazy (changes->lazy_of, href) : FALSE;
      g_hash_table_insert (changes->items, item->href, item);
      g_ptr_array_add (changes->order, item->href);
    }
  return item;
}

static void
item_set (LineupCaldavItem *item,
          const char       *etag,
          const char       *data,
          gboolean          removed)
{
  g_free (item->etag);
  g_free (item->data);
  item->etag = removed ? NULL : g_strdup (etag);
  item->data = removed || item->lazy ? NULL : g_strdup (data);
  item->removed = removed;
}

/* GET every item still without data, or with data but no ETag. */
static gboolean
get_missing (LineupCaldav  *self,
             Changes       *changes,
             GCancellable  *cancellable,
             GError       **error)
{
  for (guint i = 0; i < changes->order->len; i++)
    {
      LineupCaldavItem *item = g_hash_table_lookup (changes->items, changes->order->pdata[i]);
      g_autoptr(LineupCaldavItem) got = NULL;
      g_autoptr(GError) local = NULL;

      if (item->removed || item->lazy || (item->data && item->etag))
        continue;
      got = lineup_caldav_get (self, item->href, cancellable, &local);
      if (got)
        item_set (item, got->etag, got->data, FALSE);
      else if (g_error_matches (local, LINEUP_CALDAV_ERROR, LINEUP_CALDAV_ERROR_NOT_FOUND))
        item_set (item, NULL, NULL, TRUE);
      else
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
    }
  return TRUE;
}

/* calendar-multiget of every item without data, in batches; then a GET
 * of what is still missing (or has no ETag). */
static gboolean
fetch_missing (LineupCaldav  *self,
               Changes       *changes,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GPtrArray) wanted = g_ptr_array_new ();
  gboolean multiget = TRUE;

  for (guint i = 0; i < changes->order->len; i++)
    {
      LineupCaldavItem *item = g_hash_table_lookup (changes->items, changes->order->pdata[i]);

      if (!item->removed && !item->lazy && item->data == NULL)
        g_ptr_array_add (wanted, item->href);
    }
  for (guint start = 0; multiget && start < wanted->len; start += MULTIGET_BATCH)
    {
      g_autoptr(GString) body = g_string_new (XML_HEAD);
      g_autoptr(LineupHttpResponse) response = NULL;
      g_autoptr(GPtrArray) entries = NULL;
      g_autoptr(GHashTable) asked = g_hash_table_new (g_str_hash, g_str_equal);

      g_string_append (body, "<C:calendar-multiget xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\">"
                             "<D:prop><D:getetag/><C:calendar-data/></D:prop>");
      for (guint i = start; i < MIN (wanted->len, start + MULTIGET_BATCH); i++)
        {
          g_autofree char *escaped = g_markup_escape_text (wanted->pdata[i], -1);

          g_string_append_printf (body, "<D:href>%s</D:href>", escaped);
          g_hash_table_add (asked, wanted->pdata[i]);
        }
      g_string_append (body, "</C:calendar-multiget>\n");
      response = send (self, "REPORT", self->url, "1", body->str, XML_TYPE, NULL, cancellable, error);
      if (response == NULL)
        return FALSE;
      if (response->status == 400 || response->status == 405 || response->status == 501 ||
          response->status == 403)
        {
          /* No multiget here: one GET each. */
          multiget = FALSE;
          break;
        }
      if (response->status != 207)
        {
          set_status_error (self, response, "REPORT", self->url, 0, error);
          return FALSE;
        }
      if (!parse_multistatus (self, response, &entries, NULL, error))
        return FALSE;
      for (guint i = 0; i < entries->len; i++)
        {
          LineupDavResponse *entry = entries->pdata[i];
          LineupCaldavItem *item;

          /* Only what was asked: a server cannot add resources here. */
          if (!g_hash_table_contains (asked, entry->href))
            continue;
          item = g_hash_table_lookup (changes->items, entry->href);
          if (entry->status == 404 || entry->status == 410)
            item_set (item, NULL, NULL, TRUE);
          else if (entry->data)
            item_set (item, entry->etag, entry->data, FALSE);
        }
    }
  return get_missing (self, changes, cancellable, error);
}

/* The collection's DAV:sync-token, NULL when it has none. */
static gboolean
current_token (LineupCaldav  *self,
               char         **out_token,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) local = NULL;

  *out_token = NULL;
  entries = propfind (self, self->url, "0", "<D:sync-token/>", NULL, cancellable, &local);
  if (entries == NULL)
    {
      /* No answer is an error; a server without the property is not. */
      if (local->domain != LINEUP_CALDAV_ERROR || local->code == LINEUP_CALDAV_ERROR_AUTH)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      return TRUE;
    }
  for (guint i = 0; i < entries->len; i++)
    {
      LineupDavResponse *entry = entries->pdata[i];

      if (entry->sync_token && is_collection_href (self, entry->href))
        {
          *out_token = g_strdup (entry->sync_token);
          break;
        }
    }
  return TRUE;
}

/* The fallback: a listing of getetag, diffed against @known. */
static gboolean
list_changes (LineupCaldav  *self,
              GHashTable    *known,
              Changes       *changes,
              char         **out_token,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) had = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key, value;

  changes_init_for (changes, self);
  /* The token first: a change made while Lineup lists comes again with
   * the next report (harmless), rather than never. */
  if (!current_token (self, out_token, cancellable, error))
    return FALSE;
  entries = propfind (self, self->url, "1", "<D:getetag/><D:resourcetype/>", NULL, cancellable, error);
  if (entries == NULL)
    return FALSE;

  if (known)
    {
      g_hash_table_iter_init (&iter, known);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (had, normalise_href (self, key), value);
    }
  for (guint i = 0; i < entries->len; i++)
    {
      LineupDavResponse *entry = entries->pdata[i];
      const char *old;

      if (is_collection_href (self, entry->href) || entry->collection || entry->status / 100 == 4)
        continue;
      g_hash_table_add (listed, entry->href);
      old = g_hash_table_lookup (had, entry->href);
      if (old == NULL || entry->etag == NULL || !g_str_equal (old, entry->etag))
        changes_item (changes, entry->href);
    }
  g_hash_table_iter_init (&iter, had);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (listed, key))
      item_set (changes_item (changes, key), NULL, NULL, TRUE);
  if (!fetch_missing (self, changes, cancellable, error))
    return FALSE;
  /* Gone between the listing and the fetch, and never known: nothing to say. */
  for (guint i = changes->order->len; i > 0; i--)
    {
      LineupCaldavItem *item = g_hash_table_lookup (changes->items, changes->order->pdata[i - 1]);

      if (item->removed && !g_hash_table_contains (had, item->href))
        {
          g_ptr_array_remove_index (changes->order, i - 1);
          g_hash_table_remove (changes->items, item->href);
        }
    }
  return TRUE;
}

/* Does this answer to a sync-collection REPORT mean "list instead"? */
static gboolean
token_refused (LineupHttpResponse *response,
               const char         *token)
{
  g_autofree char *start = NULL;

  switch (response->status)
    {
    case 400:  /* no sync-collection, or an empty token refused (Cyrus) */
    case 403:  /* Radicale, sabre: unknown token */
    case 405:
    case 409:
    case 410:
    case 412:
    case 418:  /* Nextcloud, after deletions */
    case 501:
      return TRUE;
    case 401:
    case 404:
      return FALSE;
    case 500:
      /* Xandikos 0.2.8 fails so on a token it does not know; a server in
       * real trouble fails the listing too, and that error is shown. */
      if (*token)
        return TRUE;
      break;
    default:
      break;
    }
  if (response->status < 400)
    return FALSE;
  start = g_ascii_strdown (response->body->str, MIN (response->body->len, 8192));
  return strstr (start, "token") != NULL;
}

/* The sync-collection REPORT, following 507s. FALSE with @out_refused
 * TRUE when the server wants a listing instead. */
static gboolean
report_changes (LineupCaldav  *self,
                const char    *token,
                Changes       *changes,
                char         **out_token,
                gboolean      *out_refused,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autofree char *asked = g_strdup (token ? token : "");

  *out_refused = FALSE;
  *out_token = NULL;
  changes_init_for (changes, self);
  for (int round = 0;; round++)
    {
      g_autofree char *escaped = g_markup_escape_text (asked, -1);
      g_autofree char *body = NULL;
      g_autoptr(LineupHttpResponse) response = NULL;
      g_autoptr(GPtrArray) entries = NULL;
      g_autofree char *next = NULL;
      gboolean more = FALSE;

      if (round >= MAX_ROUNDS)
        {
          g_set_error (error, LINEUP_CALDAV_ERROR, LINEUP_CALDAV_ERROR_PROTOCOL,
                       _("%s kept saying there were more changes after %d answers: tell the server’s "
                         "administrator"), self->url, MAX_ROUNDS);
          return FALSE;
        }
      body = g_strconcat (XML_HEAD, "<D:sync-collection xmlns:D=\"DAV:\" "
                          "xmlns:C=\"urn:ietf:params:xml:ns:caldav\">"
                          "<D:sync-token>", escaped, "</D:sync-token><D:sync-level>1</D:sync-level>"
                          "<D:prop><D:getetag/>", self->lazy_prefix ? "" : "<C:calendar-data/>",
                          "</D:prop></D:sync-collection>\n", NULL);
      response = send (self, "REPORT", self->url, "0", body, XML_TYPE, NULL, cancellable, error);
      if (response == NULL)
        return FALSE;
      if (response->status != 207)
        {
          if (token_refused (response, asked))
            {
              *out_refused = TRUE;
              return FALSE;
            }
          set_status_error (self, response, "REPORT", self->url, 0, error);
          return FALSE;
        }
      if (!parse_multistatus (self, response, &entries, &next, error))
        return FALSE;
      for (guint i = 0; i < entries->len; i++)
        {
          LineupDavResponse *entry = entries->pdata[i];

          if (entry->status == 507)
            more = TRUE;
          else if (is_collection_href (self, entry->href) || entry->collection)
            continue;
          else if (entry->status == 404 || entry->status == 410)
            item_set (changes_item (changes, entry->href), NULL, NULL, TRUE);
          else
            /* Without data (or without an ETag): fetched afterwards. */
            item_set (changes_item (changes, entry->href), entry->etag, entry->data, FALSE);
        }
      g_free (*out_token);
      *out_token = g_strdup (next);
      if (!more || next == NULL || g_str_equal (next, asked))
        break;
      g_free (asked);
      asked = g_steal_pointer (&next);
    }
  return fetch_missing (self, changes, cancellable, error);
}

gboolean
lineup_caldav_changes (LineupCaldav  *self,
                       const char    *token,
                       GHashTable    *known,
                       GPtrArray    **out_items,
                       char         **out_token,
                       gboolean      *out_listed,
                       GCancellable  *cancellable,
                       GError       **error)
{
  Changes changes = { NULL, NULL, NULL };
  g_autofree char *next = NULL;
  gboolean refused = FALSE;
  gboolean ok;

  g_return_val_if_fail (self != NULL && out_items != NULL && out_token != NULL, FALSE);
  *out_items = NULL;
  *out_token = NULL;
  if (out_listed)
    *out_listed = FALSE;

  ok = report_changes (self, token, &changes, &next, &refused, cancellable, error);
  if (!ok && refused)
    {
      g_clear_pointer (&next, g_free);
      ok = list_changes (self, known, &changes, &next, cancellable, error);
      if (ok && out_listed)
        *out_listed = TRUE;
    }
  if (ok)
    {
      GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_caldav_item_free);

      for (guint i = 0; i < changes.order->len; i++)
        {
          gpointer key = NULL, value = NULL;

          g_hash_table_steal_extended (changes.items, changes.order->pdata[i], &key, &value);
          g_ptr_array_add (items, value);
        }
      *out_items = items;
      *out_token = g_steal_pointer (&next);
    }
  changes_clear (&changes);
  return ok;
}
