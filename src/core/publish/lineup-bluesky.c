/* lineup-bluesky.c: XRPC calls to the account's PDS, protocols.md §2.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "lineup-bluesky.h"
#include "lineup-link-card.h"
#include "lineup-text.h"
#include "lineup-media.h"
#include "lineup-publish-media.h"

#define POST_COLLECTION "app.bsky.feed.post"
/* An unreferenced blob lives for a while on the PDS (it is collected after
 * hours); a retry within these minutes may still point at it. */
#define CARD_REUSE_SECONDS (10 * 60)

struct _LineupBluesky {
  GObject     parent_instance;
  LineupHttp *http;
  char       *pds;
  char       *identifier;
  char       *app_password;

  /* One operation at a time: refresh tokens rotate on use, so two threads
   * refreshing at once would log each other out. */
  GMutex      op_lock;
  /* Guards the session alone, so "session" can be read from a notify handler. */
  GMutex      session_lock;
  char       *access_jwt;
  char       *refresh_jwt;
  char       *did;
  char       *handle;

  /* The last link card built, for its post's retries: uploadBlob is
   * allowed ~1,000 times a day, so a retry reuses the blob. */
  char           *card_key;
  gint64          card_at;      /* monotonic µs: reused for CARD_REUSE_SECONDS */
  LineupLinkCard *card;
  JsonNode       *card_thumb;
};

static void lineup_bluesky_publisher_init (LineupPublisherInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LineupBluesky, lineup_bluesky, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (LINEUP_TYPE_PUBLISHER, lineup_bluesky_publisher_init))

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- helpers ---- */

static char *
normalize_pds (const char *url)
{
  g_autofree char *text = g_strstrip (g_strdup (url ? url : ""));
  gsize length;

  if (*text == '\0')
    return g_strdup (LINEUP_BLUESKY_DEFAULT_PDS);
  length = strlen (text);
  while (length > 0 && text[length - 1] == '/')
    text[--length] = '\0';
  if (!g_str_has_prefix (text, "https://") && !g_str_has_prefix (text, "http://"))
    return g_strconcat ("https://", text, NULL);
  return g_steal_pointer (&text);
}

static JsonObject *
parse_object (GString    *body,
              JsonParser *parser)
{
  JsonNode *root;

  if (body->len == 0 || !json_parser_load_from_data (parser, body->str, (gssize) body->len, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  return root && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
}

/* The XRPC error name of an answer ("ExpiredToken", "AuthenticationRequired"). */
static char *
dup_error_name (LineupHttpResponse *response)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object = parse_object (response->body, parser);

  if (object == NULL)
    return NULL;
  return g_strdup (_lineup_publish_member_string (object, "error"));
}

static char *
dup_handle (LineupBluesky *self)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->session_lock);

  return g_strdup (self->handle ? self->handle : self->identifier);
}

static char *
dup_did (LineupBluesky *self)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->session_lock);

  return g_strdup (self->did);
}

static char *
dup_token (LineupBluesky *self,
           gboolean       refresh)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->session_lock);

  return g_strdup (refresh ? self->refresh_jwt : self->access_jwt);
}

/* Takes what createSession, refreshSession or a saved session hold; FALSE
 * when the tokens are missing. */
static gboolean
set_session (LineupBluesky *self,
             JsonObject    *object,
             gboolean       notify)
{
  const char *access = _lineup_publish_member_string (object, "accessJwt");
  const char *refresh = _lineup_publish_member_string (object, "refreshJwt");
  const char *did = _lineup_publish_member_string (object, "did");
  const char *handle = _lineup_publish_member_string (object, "handle");

  if (access == NULL || refresh == NULL || did == NULL)
    return FALSE;

  g_mutex_lock (&self->session_lock);
  g_free (self->access_jwt);
  self->access_jwt = g_strdup (access);
  g_free (self->refresh_jwt);
  self->refresh_jwt = g_strdup (refresh);
  g_free (self->did);
  self->did = g_strdup (did);
  if (handle && *handle)
    {
      g_free (self->handle);
      self->handle = g_strdup (handle);
    }
  g_mutex_unlock (&self->session_lock);

  if (notify)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
  return TRUE;
}

/* Seconds since the epoch in Bluesky's "ratelimit-reset". */
static void
keep_rate_limit_reset (LineupBluesky      *self,
                       LineupHttpResponse *response)
{
  const char *reset = lineup_http_response_get_header (response, "ratelimit-reset");
  char *end = NULL;
  gint64 at;

  if (reset == NULL)
    return;
  at = g_ascii_strtoll (reset, &end, 10);
  if (end && *end == '\0' && at > 0)
    lineup_publisher_set_retry_at (LINEUP_PUBLISHER (self), at);
}

static void
set_auth_error (LineupBluesky  *self,
                GError        **error)
{
  g_autofree char *handle = dup_handle (self);

  g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_AUTH,
               _("Bluesky refused the app password for %s: create a new one in Bluesky’s settings → "
                 "App passwords and enter it in Preferences → Publishing"),
               handle);
}

/* Any answer that is not 2xx, in the right LINEUP_PUBLISH_ERROR. */
static void
set_answer_error (LineupBluesky       *self,
                  LineupHttpResponse  *response,
                  const char          *what,
                  GError             **error)
{
  g_autofree char *name = dup_error_name (response);

  if (response->status == 401 || g_strcmp0 (name, "AuthenticationRequired") == 0 ||
      g_strcmp0 (name, "ExpiredToken") == 0 || g_strcmp0 (name, "InvalidToken") == 0)
    {
      set_auth_error (self, error);
      return;
    }
  if (g_strcmp0 (name, "AuthFactorTokenRequired") == 0)
    {
      g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_AUTH,
                   _("Bluesky asks for the code it emailed, which means the password given is the account’s own: "
                     "create an app password in Bluesky’s settings → App passwords and use that"));
      return;
    }
  _lineup_publisher_set_http_error (LINEUP_PUBLISHER (self), response, what, error);
  if (response->status == 429)
    keep_rate_limit_reset (self, response);
}

/* One XRPC request with @length bytes of @content_type as its body (@data
 * NULL: none): NULL only when no answer came. */
static LineupHttpResponse *
send_xrpc_bytes (LineupBluesky  *self,
                 const char     *method,
                 const char     *nsid,
                 const char     *content_type,
                 const char     *data,
                 gsize           length,
                 const char     *token,
                 GCancellable   *cancellable,
                 GError        **error)
{
  g_autofree char *url = g_strconcat (self->pds, "/xrpc/", nsid, NULL);
  g_autofree char *auth = token ? g_strconcat ("Authorization: Bearer ", token, NULL) : NULL;
  const char *headers[] = { auth, NULL };
  LineupHttpRequest request = { method, url, NULL, NULL, 0, auth ? headers : NULL };
  g_autoptr(GError) local_error = NULL;
  LineupHttpResponse *response;

  if (data)
    {
      request.content_type = content_type;
      request.body = data;
      request.body_length = length;
    }
  response = lineup_http_send (self->http, &request, cancellable, &local_error);
  if (response == NULL)
    _lineup_publisher_set_transport_error (local_error, error);
  return response;
}

/* One XRPC request: NULL only when no answer came. */
static LineupHttpResponse *
send_xrpc (LineupBluesky  *self,
           const char     *method,
           const char     *nsid,
           JsonNode       *body,
           const char     *token,
           GCancellable   *cancellable,
           GError        **error)
{
  g_autofree char *json = body ? json_to_string (body, FALSE) : NULL;
  LineupHttpResponse *response;

  response = send_xrpc_bytes (self, method, nsid, "application/json", json, json ? strlen (json) : 0,
                              token, cancellable, error);
  if (json)
    memset (json, 0, strlen (json));   /* it may hold the app password */
  return response;
}

static gboolean
create_session (LineupBluesky  *self,
                GCancellable   *cancellable,
                GError        **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(LineupHttpResponse) response = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  if (self->app_password == NULL || *self->app_password == '\0')
    {
      set_auth_error (self, error);
      return FALSE;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "identifier");
  json_builder_add_string_value (builder, self->identifier);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, self->app_password);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  response = send_xrpc (self, "POST", "com.atproto.server.createSession", body, NULL, cancellable, error);
  if (response == NULL)
    return FALSE;
  if (response->status < 200 || response->status >= 300)
    {
      set_answer_error (self, response, _("sign in to Bluesky"), error);
      return FALSE;
    }
  object = parse_object (response->body, parser);
  if (object == NULL || !set_session (self, object, TRUE))
    {
      g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_TRANSIENT,
                   _("%s answered the sign-in without a session: is it a Bluesky server (PDS)?"), self->pds);
      return FALSE;
    }
  return TRUE;
}

/* The access token is dead: refresh it, or sign in again only when the
 * refresh token is dead too (a login costs from a small daily allowance). */
static gboolean
renew_session (LineupBluesky  *self,
               GCancellable   *cancellable,
               GError        **error)
{
  g_autofree char *refresh = dup_token (self, TRUE);
  g_autoptr(LineupHttpResponse) response = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *name = NULL;
  JsonObject *object;

  if (refresh == NULL)
    return create_session (self, cancellable, error);

  response = send_xrpc (self, "POST", "com.atproto.server.refreshSession", NULL, refresh, cancellable, error);
  if (response == NULL)
    return FALSE;
  if (response->status >= 200 && response->status < 300)
    {
      object = parse_object (response->body, parser);
      if (object && set_session (self, object, TRUE))
        return TRUE;
      return create_session (self, cancellable, error);
    }

  name = dup_error_name (response);
  if (response->status == 401 ||
      (response->status == 400 && (g_strcmp0 (name, "ExpiredToken") == 0 ||
                                   g_strcmp0 (name, "InvalidToken") == 0 ||
                                   g_strcmp0 (name, "AuthenticationRequired") == 0)))
    return create_session (self, cancellable, error);

  set_answer_error (self, response, _("renew the Bluesky session"), error);
  return FALSE;
}

static gboolean
ensure_session (LineupBluesky  *self,
                GCancellable   *cancellable,
                GError        **error)
{
  g_autofree char *access = dup_token (self, FALSE);

  return access != NULL || create_session (self, cancellable, error);
}

static gboolean
is_dead_token (LineupHttpResponse *response)
{
  g_autofree char *name = NULL;

  if (response->status == 401)
    return TRUE;
  if (response->status != 400)
    return FALSE;
  name = dup_error_name (response);
  return g_strcmp0 (name, "ExpiredToken") == 0 || g_strcmp0 (name, "InvalidToken") == 0;
}

/* A call with the session's access token, renewing the session once when
 * the server says the token is dead. Returns a 2xx answer. */
static LineupHttpResponse *
call_authorized (LineupBluesky  *self,
                 const char     *method,
                 const char     *nsid,
                 JsonNode       *body,
                 GCancellable   *cancellable,
                 const char     *what,
                 GError        **error)
{
  if (!ensure_session (self, cancellable, error))
    return NULL;

  for (guint attempt = 0; ; attempt++)
    {
      g_autofree char *access = dup_token (self, FALSE);
      g_autoptr(LineupHttpResponse) response = NULL;

      response = send_xrpc (self, method, nsid, body, access, cancellable, error);
      if (response == NULL)
        return NULL;
      if (response->status >= 200 && response->status < 300)
        return g_steal_pointer (&response);
      if (attempt == 0 && is_dead_token (response))
        {
          if (!renew_session (self, cancellable, error))
            return NULL;
          continue;
        }
      set_answer_error (self, response, what, error);
      return NULL;
    }
}

/* call_authorized() for a body that is not JSON (a blob's bytes). */
static LineupHttpResponse *
call_authorized_bytes (LineupBluesky  *self,
                       const char     *nsid,
                       const char     *content_type,
                       GBytes         *bytes,
                       GCancellable   *cancellable,
                       const char     *what,
                       GError        **error)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  if (!ensure_session (self, cancellable, error))
    return NULL;

  for (guint attempt = 0; ; attempt++)
    {
      g_autofree char *access = dup_token (self, FALSE);
      g_autoptr(LineupHttpResponse) response = NULL;

      response = send_xrpc_bytes (self, "POST", nsid, content_type, data ? data : "", length, access,
                                  cancellable, error);
      if (response == NULL)
        return NULL;
      if (response->status >= 200 && response->status < 300)
        return g_steal_pointer (&response);
      if (attempt == 0 && is_dead_token (response))
        {
          if (!renew_session (self, cancellable, error))
            return NULL;
          continue;
        }
      set_answer_error (self, response, what, error);
      return NULL;
    }
}

static gboolean
check_text (LineupOutgoing  *outgoing,
            GError         **error)
{
  const char *text = outgoing->text ? outgoing->text : "";
  const char *name = outgoing->title && *outgoing->title ? outgoing->title : _("The post");
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  guint graphemes = lineup_text_count_graphemes (text);
  gsize bytes = strlen (text);

  if (*trimmed == '\0')
    {
      g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_INVALID,
                   _("“%s” has no caption: Bluesky needs text to post"), name);
      return FALSE;
    }
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_INVALID,
                   _("“%s” has a caption that is not valid UTF-8: retype the damaged characters"), name);
      return FALSE;
    }
  if (graphemes > LINEUP_BLUESKY_MAX_GRAPHEMES)
    {
      g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_INVALID,
                   _("“%s” is %u characters long; Bluesky takes at most %u: shorten the caption by %u"),
                   name, graphemes, LINEUP_BLUESKY_MAX_GRAPHEMES, graphemes - LINEUP_BLUESKY_MAX_GRAPHEMES);
      return FALSE;
    }
  if (bytes > LINEUP_BLUESKY_MAX_BYTES)
    {
      g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_INVALID,
                   _("“%s” takes %" G_GSIZE_FORMAT " bytes; Bluesky takes at most %u: shorten the caption by %"
                     G_GSIZE_FORMAT " bytes (characters outside Latin script take two to four)"),
                   name, bytes, LINEUP_BLUESKY_MAX_BYTES, bytes - LINEUP_BLUESKY_MAX_BYTES);
      return FALSE;
    }
  return TRUE;
}

static void
add_facets (JsonBuilder *builder,
            const char  *text)
{
  g_autoptr(GArray) links = lineup_text_find_links (text);

  if (links->len == 0)
    return;
  json_builder_set_member_name (builder, "facets");
  json_builder_begin_array (builder);
  for (guint i = 0; i < links->len; i++)
    {
      LineupTextLink *link = &g_array_index (links, LineupTextLink, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "$type");
      json_builder_add_string_value (builder, "app.bsky.richtext.facet");
      json_builder_set_member_name (builder, "index");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "byteStart");
      json_builder_add_int_value (builder, (gint64) link->byte_start);
      json_builder_set_member_name (builder, "byteEnd");
      json_builder_add_int_value (builder, (gint64) link->byte_end);
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "features");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "$type");
      json_builder_add_string_value (builder, "app.bsky.richtext.facet#link");
      json_builder_set_member_name (builder, "uri");
      json_builder_add_string_value (builder, link->uri);
      json_builder_end_object (builder);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* app.bsky.embed.external: the card, with @thumb (the uploaded blob) or none. */
static void
add_link_card (JsonBuilder    *builder,
               LineupLinkCard *card,
               JsonNode       *thumb)
{
  json_builder_set_member_name (builder, "embed");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "$type");
  json_builder_add_string_value (builder, "app.bsky.embed.external");
  json_builder_set_member_name (builder, "external");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uri");
  json_builder_add_string_value (builder, card->uri);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, card->title);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, card->description ? card->description : "");
  if (thumb)
    {
      json_builder_set_member_name (builder, "thumb");
      json_builder_add_value (builder, json_node_copy (thumb));
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static JsonNode *
build_put_record (const char     *did,
                  const char     *rkey,
                  LineupOutgoing *outgoing,
                  LineupLinkCard *card,
                  JsonNode       *thumb)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *created_at = lineup_publish_format_time (g_get_real_time () / G_USEC_PER_SEC);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "repo");
  json_builder_add_string_value (builder, did);
  json_builder_set_member_name (builder, "collection");
  json_builder_add_string_value (builder, POST_COLLECTION);
  json_builder_set_member_name (builder, "rkey");
  json_builder_add_string_value (builder, rkey);
  json_builder_set_member_name (builder, "record");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "$type");
  json_builder_add_string_value (builder, POST_COLLECTION);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, outgoing->text);
  json_builder_set_member_name (builder, "createdAt");
  json_builder_add_string_value (builder, created_at);
  if (outgoing->language && *outgoing->language)
    {
      json_builder_set_member_name (builder, "langs");
      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, outgoing->language);
      json_builder_end_array (builder);
    }
  add_facets (builder, outgoing->text);
  if (card)
    add_link_card (builder, card, thumb);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* The blob reference (a copy) an uploadBlob answer gives, or NULL. */
static JsonNode *
blob_of_answer (LineupHttpResponse *response)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object = parse_object (response->body, parser);
  JsonNode *blob = object && json_object_has_member (object, "blob") ? json_object_get_member (object, "blob") : NULL;

  return blob && JSON_NODE_HOLDS_OBJECT (blob) ? json_node_copy (blob) : NULL;
}

/* The blob uploadBlob made of @card's thumbnail, or NULL (the card goes
 * without an image; never a reason to fail the post). */
static JsonNode *
upload_thumb (LineupBluesky  *self,
              LineupLinkCard *card,
              GCancellable   *cancellable)
{
  g_autoptr(LineupHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *blob;
  gint64 retry_at = lineup_publisher_get_retry_at (LINEUP_PUBLISHER (self));

  response = call_authorized_bytes (self, "com.atproto.repo.uploadBlob", card->thumb_type, card->thumb,
                                    cancellable, _("upload the link card’s image to Bluesky"), &error);
  if (response == NULL)
    {
      /* uploadBlob's own daily allowance spent says nothing about posting:
       * its reset time must not hold back the post's retries. */
      lineup_publisher_set_retry_at (LINEUP_PUBLISHER (self), retry_at);
      g_message ("The link card for %s goes without its image: %s", card->uri, error->message);
      return NULL;
    }
  if ((blob = blob_of_answer (response)) == NULL)
    g_message ("The link card for %s goes without its image: %s answered the upload without a blob",
               card->uri, self->pds);
  return blob;
}

/* The card of the caption's first link, built before the record is written
 * (a retry writes the same record key, so builds it again harmlessly), or
 * NULL: a page that cannot be read costs the card, never the post. */
static LineupLinkCard *
build_link_card (LineupBluesky   *self,
                 LineupOutgoing  *outgoing,
                 GCancellable    *cancellable,
                 JsonNode       **out_thumb)
{
  g_autoptr(GArray) links = lineup_text_find_links (outgoing->text);
  g_autoptr(LineupLinkCard) card = NULL;
  g_autoptr(GError) error = NULL;
  const char *uri;

  *out_thumb = NULL;
  if (links->len == 0)
    return NULL;
  uri = g_array_index (links, LineupTextLink, 0).uri;
  if (self->card && g_strcmp0 (self->card_key, outgoing->key) == 0 && g_str_equal (self->card->uri, uri) &&
      g_get_monotonic_time () - self->card_at < CARD_REUSE_SECONDS * G_USEC_PER_SEC)
    {
      LineupLinkCard *copy = g_new0 (LineupLinkCard, 1);

      copy->uri = g_strdup (self->card->uri);
      copy->title = g_strdup (self->card->title);
      copy->description = g_strdup (self->card->description);
      copy->image_url = g_strdup (self->card->image_url);
      *out_thumb = self->card_thumb ? json_node_copy (self->card_thumb) : NULL;
      return copy;
    }
  card = lineup_link_card_fetch (self->http, uri, TRUE, cancellable, &error);
  if (card == NULL)
    {
      /* Cancelled: the record is not written either. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return NULL;
      g_message ("“%s” goes to Bluesky without a link card: %s",
                 outgoing->title ? outgoing->title : outgoing->key, error->message);
      return NULL;
    }
  if (card->thumb)
    *out_thumb = upload_thumb (self, card, cancellable);

  g_free (self->card_key);
  self->card_key = g_strdup (outgoing->key);
  self->card_at = g_get_monotonic_time ();
  g_clear_pointer (&self->card, lineup_link_card_free);
  g_clear_pointer (&self->card_thumb, json_node_unref);
  self->card = g_new0 (LineupLinkCard, 1);
  self->card->uri = g_strdup (card->uri);
  self->card->title = g_strdup (card->title);
  self->card->description = g_strdup (card->description);
  self->card->image_url = g_strdup (card->image_url);
  self->card_thumb = *out_thumb ? json_node_copy (*out_thumb) : NULL;
  return g_steal_pointer (&card);
}

/* ---- media (protocols.md §7): blobs and the embed that shows them ---- */

/* The largest image blob Bluesky takes (atproto #1737). */
#define BLUESKY_MAX_IMAGE_BYTES 1000000

/* Uploads @bytes as a blob: the blob reference for a record, or NULL. */
static JsonNode *
upload_blob (LineupBluesky  *self,
             GBytes         *bytes,
             const char     *mime,
             GCancellable   *cancellable,
             GError        **error)
{
  g_autoptr(LineupHttpResponse) response = NULL;
  JsonNode *blob;

  response = call_authorized_bytes (self, "com.atproto.repo.uploadBlob", mime, bytes, cancellable,
                                    _("upload the post’s media to Bluesky"), error);
  if (response == NULL)
    return NULL;
  if ((blob = blob_of_answer (response)) == NULL)
    g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_TRANSIENT,
                 _("%s took the medium but gave no blob for it"), self->pds);
  return blob;
}

static void
add_aspect_ratio (JsonBuilder *builder,
                  int          width,
                  int          height)
{
  if (width <= 0 || height <= 0)
    return;
  json_builder_set_member_name (builder, "aspectRatio");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "width");
  json_builder_add_int_value (builder, width);
  json_builder_set_member_name (builder, "height");
  json_builder_add_int_value (builder, height);
  json_builder_end_object (builder);
}

/* The post's media uploaded and shown: app.bsky.embed.images (a picture
 * too large for a blob made smaller first) or app.bsky.embed.video; NULL
 * with no error for a post without media. A post has one embed: media come
 * before a link card. */
static JsonNode *
build_media_embed (LineupBluesky   *self,
                   LineupOutgoing  *outgoing,
                   GCancellable    *cancellable,
                   GError         **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  LineupMedium *first;

  if (outgoing->media == NULL || outgoing->media->len == 0)
    return NULL;
  first = g_ptr_array_index (outgoing->media, 0);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "$type");
  if (first->kind == LINEUP_MEDIA_VIDEO)
    {
      g_autoptr(GBytes) bytes = _lineup_publish_read_medium (outgoing, 0, error);
      g_autoptr(JsonNode) blob = bytes ? upload_blob (self, bytes, first->mime_type, cancellable, error) : NULL;

      if (blob == NULL)
        return NULL;
      json_builder_add_string_value (builder, "app.bsky.embed.video");
      json_builder_set_member_name (builder, "video");
      json_builder_add_value (builder, g_steal_pointer (&blob));
      json_builder_set_member_name (builder, "alt");
      json_builder_add_string_value (builder, first->alt ? first->alt : "");
      add_aspect_ratio (builder, first->width, first->height);
    }
  else
    {
      json_builder_add_string_value (builder, "app.bsky.embed.images");
      json_builder_set_member_name (builder, "images");
      json_builder_begin_array (builder);
      for (guint i = 0; i < outgoing->media->len; i++)
        {
          LineupMedium *medium = g_ptr_array_index (outgoing->media, i);
          g_autoptr(GBytes) bytes = _lineup_publish_read_medium (outgoing, i, error);
          g_autoptr(GBytes) small = NULL;
          g_autoptr(JsonNode) blob = NULL;
          const char *mime = medium->mime_type;
          int width = medium->width, height = medium->height;

          if (bytes == NULL)
            return NULL;
          small = _lineup_publish_shrink_image (bytes, medium->mime_type, BLUESKY_MAX_IMAGE_BYTES,
                                                &mime, &width, &height, error);
          if (small == NULL)
            return NULL;
          blob = upload_blob (self, small, mime, cancellable, error);
          if (blob == NULL)
            return NULL;
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "image");
          json_builder_add_value (builder, g_steal_pointer (&blob));
          json_builder_set_member_name (builder, "alt");
          json_builder_add_string_value (builder, medium->alt ? medium->alt : "");
          add_aspect_ratio (builder, width, height);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Puts @embed (taken) in the record of a putRecord body. */
static void
set_record_embed (JsonNode *body,
                  JsonNode *embed)
{
  JsonObject *record = json_object_get_object_member (json_node_get_object (body), "record");

  json_object_set_member (record, "embed", embed);
}

/* ---- LineupPublisher ---- */

static LineupPublishCaps
lineup_bluesky_get_caps (LineupPublisher *publisher)
{
  return 0;
}

static guint
lineup_bluesky_get_text_limit (LineupPublisher *publisher)
{
  return LINEUP_BLUESKY_MAX_GRAPHEMES;
}

static guint
lineup_bluesky_count_text (LineupPublisher *publisher,
                           const char      *text)
{
  return lineup_text_count_graphemes (text);
}

static LineupAccountInfo *
lineup_bluesky_connect (LineupPublisher  *publisher,
                        GCancellable     *cancellable,
                        GError          **error)
{
  LineupBluesky *self = LINEUP_BLUESKY (publisher);
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->op_lock);
  g_autoptr(LineupHttpResponse) response = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *access = dup_token (self, FALSE);
  LineupAccountInfo *info;
  JsonObject *object;

  if (access == NULL)
    {
      if (!create_session (self, cancellable, error))
        return NULL;
    }
  else
    {
      /* A saved session: prove it still works (renewing it if needed)
       * rather than spend a login. */
      response = call_authorized (self, "GET", "com.atproto.server.getSession", NULL, cancellable,
                                  _("check the Bluesky session"), error);
      if (response == NULL)
        return NULL;
      object = parse_object (response->body, parser);
      if (object)
        {
          const char *handle = _lineup_publish_member_string (object, "handle");
          gboolean changed;

          g_mutex_lock (&self->session_lock);
          changed = handle && *handle && g_strcmp0 (handle, self->handle) != 0;
          if (changed)
            {
              g_free (self->handle);
              self->handle = g_strdup (handle);
            }
          g_mutex_unlock (&self->session_lock);
          if (changed)
            g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
        }
    }

  info = g_new0 (LineupAccountInfo, 1);
  info->handle = dup_handle (self);
  info->remote_user = dup_did (self);
  info->text_limit = LINEUP_BLUESKY_MAX_GRAPHEMES;
  return info;
}

static LineupRemotePost *
lineup_bluesky_publish_now (LineupPublisher  *publisher,
                            LineupOutgoing   *outgoing,
                            GCancellable     *cancellable,
                            GError          **error)
{
  LineupBluesky *self = LINEUP_BLUESKY (publisher);
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->op_lock);
  g_autoptr(LineupHttpResponse) response = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *rkey = NULL;
  g_autofree char *did = NULL;
  g_autofree char *handle = NULL;
  g_autoptr(LineupLinkCard) card = NULL;
  g_autoptr(JsonNode) thumb = NULL;
  g_autoptr(JsonNode) embed = NULL;
  g_autoptr(GError) embed_error = NULL;
  LineupRemotePost *remote;
  JsonObject *object;
  const char *uri = NULL;

  if (!check_text (outgoing, error))
    return NULL;
  if (!ensure_session (self, cancellable, error))
    return NULL;

  if (!_lineup_publish_check_media (outgoing, "bluesky", TRUE, error))
    return NULL;
  embed = build_media_embed (self, outgoing, cancellable, &embed_error);
  if (embed_error)
    {
      g_propagate_error (error, g_steal_pointer (&embed_error));
      return NULL;
    }

  did = dup_did (self);
  rkey = lineup_bluesky_record_key (outgoing->key);
  /* One embed a post: its media, else its first link's card. */
  if (embed == NULL)
    card = build_link_card (self, outgoing, cancellable, &thumb);
  body = build_put_record (did, rkey, outgoing, card, thumb);
  if (embed)
    set_record_embed (body, g_steal_pointer (&embed));
  response = call_authorized (self, "POST", "com.atproto.repo.putRecord", body, cancellable,
                              _("publish the post on Bluesky"), error);
  if (response == NULL)
    return NULL;

  object = parse_object (response->body, parser);
  if (object)
    uri = _lineup_publish_member_string (object, "uri");

  handle = dup_handle (self);
  remote = lineup_remote_post_new ();
  remote->remote_id = uri ? g_strdup (uri) : g_strdup_printf ("at://%s/%s/%s", did, POST_COLLECTION, rkey);
  remote->key = g_strdup (outgoing->key);
  remote->text = g_strdup (outgoing->text);
  remote->url = g_strdup_printf ("https://bsky.app/profile/%s/post/%s", handle, rkey);
  remote->published = TRUE;
  return remote;
}

static void
lineup_bluesky_publisher_init (LineupPublisherInterface *iface)
{
  iface->get_caps = lineup_bluesky_get_caps;
  iface->get_text_limit = lineup_bluesky_get_text_limit;
  iface->count_text = lineup_bluesky_count_text;
  iface->connect = lineup_bluesky_connect;
  iface->publish_now = lineup_bluesky_publish_now;
}

/* ---- GObject ---- */

static void
lineup_bluesky_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LineupBluesky *self = LINEUP_BLUESKY (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_take_string (value, lineup_bluesky_dup_session (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_bluesky_finalize (GObject *object)
{
  LineupBluesky *self = (LineupBluesky *) object;

  g_clear_object (&self->http);
  g_free (self->pds);
  g_free (self->identifier);
  g_free (self->app_password);
  g_free (self->access_jwt);
  g_free (self->refresh_jwt);
  g_free (self->did);
  g_free (self->handle);
  g_free (self->card_key);
  g_clear_pointer (&self->card, lineup_link_card_free);
  g_clear_pointer (&self->card_thumb, json_node_unref);
  g_mutex_clear (&self->op_lock);
  g_mutex_clear (&self->session_lock);
  G_OBJECT_CLASS (lineup_bluesky_parent_class)->finalize (object);
}

static void
lineup_bluesky_class_init (LineupBlueskyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = lineup_bluesky_get_property;
  object_class->finalize = lineup_bluesky_finalize;

  properties[PROP_SESSION] =
    g_param_spec_string ("session", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lineup_bluesky_init (LineupBluesky *self)
{
  g_mutex_init (&self->op_lock);
  g_mutex_init (&self->session_lock);
}

/* ---- public ---- */

LineupBluesky *
lineup_bluesky_new (LineupHttp *http,
                    const char *pds_url,
                    const char *handle,
                    const char *app_password,
                    const char *session_json)
{
  LineupBluesky *self;

  g_return_val_if_fail (LINEUP_IS_HTTP (http), NULL);
  g_return_val_if_fail (handle != NULL, NULL);

  self = g_object_new (LINEUP_TYPE_BLUESKY, NULL);
  self->http = g_object_ref (http);
  self->pds = normalize_pds (pds_url);
  self->identifier = g_strdup (handle[0] == '@' ? handle + 1 : handle);
  g_strstrip (self->identifier);
  self->app_password = g_strdup (app_password);

  if (session_json && *session_json)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GString) text = g_string_new (session_json);
      JsonObject *object = parse_object (text, parser);

      /* A damaged saved session only costs a login. */
      if (object == NULL || !set_session (self, object, FALSE))
        g_debug ("The saved Bluesky session for %s is unreadable; signing in again", self->identifier);
    }
  return self;
}

char *
lineup_bluesky_dup_session (LineupBluesky *self)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (LINEUP_IS_BLUESKY (self), NULL);

  locker = g_mutex_locker_new (&self->session_lock);
  if (self->access_jwt == NULL)
    return NULL;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "accessJwt");
  json_builder_add_string_value (builder, self->access_jwt);
  json_builder_set_member_name (builder, "refreshJwt");
  json_builder_add_string_value (builder, self->refresh_jwt);
  json_builder_set_member_name (builder, "did");
  json_builder_add_string_value (builder, self->did);
  json_builder_set_member_name (builder, "handle");
  json_builder_add_string_value (builder, self->handle ? self->handle : self->identifier);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

JsonNode *
lineup_bluesky_query (LineupBluesky  *self,
                      const char     *nsid_query,
                      const char     *what,
                      GCancellable   *cancellable,
                      GError        **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(LineupHttpResponse) response = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  g_return_val_if_fail (LINEUP_IS_BLUESKY (self), NULL);
  g_return_val_if_fail (nsid_query != NULL, NULL);

  locker = g_mutex_locker_new (&self->op_lock);
  response = call_authorized (self, "GET", nsid_query, NULL, cancellable, what, error);
  if (response == NULL)
    return NULL;
  if (!json_parser_load_from_data (parser, response->body->str, (gssize) response->body->len, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_TRANSIENT,
                   _("%s answered with something that is not a JSON object while Lineup tried to %s"),
                   self->pds, what);
      return NULL;
    }
  return json_node_copy (root);
}

char *
lineup_bluesky_dup_did (LineupBluesky *self)
{
  g_return_val_if_fail (LINEUP_IS_BLUESKY (self), NULL);
  return dup_did (self);
}

/* Posts' lexicon wants TID record keys (Bluesky's app view skips posts under
 * other keys), and a TID must come from the outgoing key alone so that a
 * retry lands on the same record. Its clock part is therefore a hash, kept
 * within 2023 so it never sorts after keys from real clocks' future. */
char *
lineup_bluesky_record_key (const char *key)
{
  static const char alphabet[] = "234567abcdefghijklmnopqrstuvwxyz";
  /* 2023-01-01T00:00:00Z in microseconds, and 2^45 µs (about 407 days). */
  const guint64 base = G_GUINT64_CONSTANT (1672531200000000);
  const guint64 span = G_GUINT64_CONSTANT (1) << 45;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize length = sizeof digest;
  guint64 hash = 0, tid;
  char rkey[14];

  g_return_val_if_fail (key != NULL, NULL);

  g_checksum_update (checksum, (const guchar *) key, (gssize) strlen (key));
  g_checksum_get_digest (checksum, digest, &length);
  for (guint i = 0; i < 8; i++)
    hash = (hash << 8) | digest[i];

  /* 53 bits of microseconds, 10 bits of clock id, the top bit zero. */
  tid = ((base + (hash >> 10) % span) << 10) | (hash & 0x3FF);
  for (int i = 12; i >= 0; i--)
    {
      rkey[i] = alphabet[tid & 31];
      tid >>= 5;
    }
  rkey[13] = '\0';
  return g_strdup (rkey);
}
