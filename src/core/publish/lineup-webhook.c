/* lineup-webhook.c: signed deliveries to a webhook endpoint, protocols.md §3.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <curl/curl.h>
#include <json-glib/json-glib.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "lineup-text.h"
#include "lineup-webhook.h"
#include "lineup-publish-media.h"

/* Standard Webhooks asks for 24 to 64 bytes of key. */
#define SECRET_BYTES 24

struct _LineupWebhook {
  GObject     parent_instance;
  LineupHttp *http;
  char       *url;
  char       *secret;
  char       *hub_secret;
  gint64      media_bytes;   /* media up to this size go with their bytes */
};

static void lineup_webhook_publisher_init (LineupPublisherInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LineupWebhook, lineup_webhook, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (LINEUP_TYPE_PUBLISHER, lineup_webhook_publisher_init))

/* ---- helpers ---- */

/* The key bytes of "whsec_<base64>", or NULL when it is not base64: a
 * mistyped secret must fail loudly, not sign with garbage no receiver accepts. */
static guchar *
decode_secret (const char *secret,
               gsize      *out_length)
{
  static const char * const padding[] = { "", "", "==", "=" };
  g_autofree char *padded = NULL;
  gsize length, i, rest;

  if (secret == NULL)
    return NULL;
  if (g_str_has_prefix (secret, LINEUP_WEBHOOK_SECRET_PREFIX))
    secret += strlen (LINEUP_WEBHOOK_SECRET_PREFIX);

  length = strlen (secret);
  for (i = 0; i < length && (g_ascii_isalnum (secret[i]) || secret[i] == '+' || secret[i] == '/'); i++)
    ;
  rest = length - i;
  if (i == 0 || i % 4 == 1 || rest > 2 || strspn (secret + i, "=") != rest ||
      (rest > 0 && length % 4 != 0))
    return NULL;

  /* Some generators drop the padding; the decoder needs it. */
  padded = g_strdup_printf ("%.*s%s", (int) i, secret, padding[i % 4]);
  return g_base64_decode (padded, out_length);
}

static void
set_bad_secret_error (GError **error)
{
  g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_INVALID,
               _("The webhook’s signing secret is not valid (it should be “%s” followed by base64): "
                 "generate a new one in Preferences → Publishing and give it to the receiver"),
               LINEUP_WEBHOOK_SECRET_PREFIX);
}

static char *
dup_host (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *scheme;

  if (uri == NULL)
    return NULL;
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
    return NULL;
  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return NULL;
  return g_strdup (g_uri_get_host (uri));
}

/* The receiver's own words: the first line of what it answered. */
static char *
dup_first_line (LineupHttpResponse *response)
{
  g_autofree char *text = NULL;

  if (response->body->len == 0)
    return g_strdup (_("no explanation"));
  text = g_utf8_make_valid (response->body->str, MIN (response->body->len, 300));
  text[strcspn (text, "\r\n")] = '\0';
  g_strstrip (text);
  return g_strdup (*text ? text : _("no explanation"));
}

static char *
build_body (LineupOutgoing *outgoing,
            gint64          media_bytes,
            gint64          now)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *timestamp = lineup_publish_format_time (now);
  g_autofree char *scheduled_at = lineup_publish_format_time (outgoing->scheduled_at);
  struct { const char *name, *value; } members[] = {
    { "id", outgoing->post_id },
    { "title", outgoing->title },
    { "text", outgoing->text },
    { "content_warning", outgoing->content_warning },
    { "scheduled_at", scheduled_at },
    { "pillar", outgoing->pillar },
    { "type", outgoing->content_type },
  };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "post.due");
  json_builder_set_member_name (builder, "timestamp");
  json_builder_add_string_value (builder, timestamp);
  json_builder_set_member_name (builder, "data");
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      json_builder_set_member_name (builder, members[i].name);
      if (members[i].value)
        json_builder_add_string_value (builder, members[i].value);
      else
        json_builder_add_null_value (builder);
    }
  json_builder_set_member_name (builder, "platforms");
  json_builder_begin_array (builder);
  for (guint i = 0; outgoing->platforms && outgoing->platforms[i]; i++)
    json_builder_add_string_value (builder, outgoing->platforms[i]);
  json_builder_end_array (builder);
  /* Each network's caption and links as they should go out there: with the
   * plan's UTM parameters for that network (lineup-store-utm.h). */
  if (outgoing->texts)
    {
      json_builder_set_member_name (builder, "texts");
      json_builder_begin_object (builder);
      for (guint i = 0; outgoing->platforms && outgoing->platforms[i] && outgoing->texts[i]; i++)
        {
          json_builder_set_member_name (builder, outgoing->platforms[i]);
          json_builder_add_string_value (builder, outgoing->texts[i]);
        }
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "links");
      json_builder_begin_object (builder);
      for (guint i = 0; outgoing->platforms && outgoing->platforms[i] && outgoing->texts[i]; i++)
        {
          g_autoptr(GArray) links = lineup_text_find_links (outgoing->texts[i]);

          json_builder_set_member_name (builder, outgoing->platforms[i]);
          json_builder_begin_array (builder);
          for (guint l = 0; l < links->len; l++)
            json_builder_add_string_value (builder, g_array_index (links, LineupTextLink, l).uri);
          json_builder_end_array (builder);
        }
      json_builder_end_object (builder);
    }
  /* Each medium described, with its bytes when small enough: a flow can
   * post the picture where Lineup does not. */
  _lineup_publish_add_media_json (builder, outgoing, media_bytes);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* Retry-After: seconds or an HTTP date; 0 when absent. */
static gint64
parse_retry_after (LineupHttpResponse *response,
                   gint64              now)
{
  const char *value = lineup_http_response_get_header (response, "retry-after");
  gint64 seconds;
  char *end = NULL;
  time_t when;

  if (value == NULL || *value == '\0')
    return 0;
  seconds = g_ascii_strtoll (value, &end, 10);
  if (end && *end == '\0' && seconds >= 0)
    return now + seconds;
  when = curl_getdate (value, NULL);
  return when > 0 ? (gint64) when : 0;
}

/* Only 2xx is a delivery; everything else says what to do next. */
static void
set_delivery_error (LineupWebhook       *self,
                    LineupHttpResponse  *response,
                    gint64               now,
                    GError             **error)
{
  g_autofree char *host = dup_host (self->url);
  g_autofree char *said = dup_first_line (response);
  long status = response->status;

  if (status >= 300 && status < 400)
    {
      g_autofree char *location = _lineup_publisher_dup_location (response);

      g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_REJECTED,
                   _("The webhook endpoint %s redirects (%ld) to %s, and Lineup does not follow redirects "
                     "with a signed post: put the new address in the webhook’s settings"),
                   self->url, status, location ? location : _("another address"));
    }
  else if (status == 410)
    g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_GONE,
                 _("The endpoint %s says it is gone (410): the webhook is disabled; ask whoever runs the "
                   "receiver for the right address, then turn the webhook on again in Preferences → Publishing"),
                 host ? host : self->url);
  else if (status == 429)
    {
      lineup_publisher_set_retry_at (LINEUP_PUBLISHER (self), parse_retry_after (response, now));
      g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_RATE_LIMITED,
                   _("The webhook endpoint %s asks Lineup to slow down (429: %s); it waits, then tries again"),
                   host ? host : self->url, said);
    }
  else if (status >= 500 || status == 408)
    g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_TRANSIENT,
                 _("The webhook endpoint %s failed (%ld: %s); Lineup tries again later"),
                 host ? host : self->url, status, said);
  else if (status == 401 || status == 403)
    g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_REJECTED,
                 _("The webhook endpoint %s refused the post (%ld: %s): check that the receiver has this "
                   "webhook’s signing secret"),
                 host ? host : self->url, status, said);
  else
    g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_REJECTED,
                 _("The webhook endpoint %s refused the post (%ld: %s)"),
                 host ? host : self->url, status, said);
}

/* A receiver may answer where the post now lives: {"url": "…"}. */
static char *
dup_answer_url (LineupHttpResponse *response)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  const char *url;

  if (response->body->len == 0 ||
      !json_parser_load_from_data (parser, response->body->str, (gssize) response->body->len, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  url = _lineup_publish_member_string (json_node_get_object (root), "url");
  return url && *url ? g_strdup (url) : NULL;
}

/* ---- LineupPublisher ---- */

static LineupPublishCaps
lineup_webhook_get_caps (LineupPublisher *publisher)
{
  return 0;
}

static guint
lineup_webhook_get_text_limit (LineupPublisher *publisher)
{
  return 0;
}

static guint
lineup_webhook_count_text (LineupPublisher *publisher,
                           const char      *text)
{
  return lineup_text_count_graphemes (text);
}

static gboolean
check_settings (LineupWebhook  *self,
                GError        **error)
{
  g_autofree guchar *key = NULL;
  g_autofree char *host = dup_host (self->url);
  gsize length = 0;

  if (host == NULL)
    {
      g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_INVALID,
                   _("“%s” is not a web address Lineup can deliver to: use one that starts with https://"),
                   self->url);
      return FALSE;
    }
  key = decode_secret (self->secret, &length);
  if (key == NULL)
    {
      set_bad_secret_error (error);
      return FALSE;
    }
  memset (key, 0, length);
  return TRUE;
}

static LineupAccountInfo *
lineup_webhook_connect (LineupPublisher  *publisher,
                        GCancellable     *cancellable,
                        GError          **error)
{
  LineupWebhook *self = LINEUP_WEBHOOK (publisher);
  LineupAccountInfo *info;

  /* Nothing to ask the receiver: a test delivery would be a real post. */
  if (!check_settings (self, error))
    return NULL;
  info = g_new0 (LineupAccountInfo, 1);
  info->handle = dup_host (self->url);
  return info;
}

static LineupRemotePost *
lineup_webhook_publish_now (LineupPublisher  *publisher,
                            LineupOutgoing   *outgoing,
                            GCancellable     *cancellable,
                            GError          **error)
{
  LineupWebhook *self = LINEUP_WEBHOOK (publisher);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *body = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *id_header = NULL;
  g_autofree char *timestamp_header = NULL;
  g_autofree char *signature_header = NULL;
  g_autofree char *hub_header = NULL;
  g_autoptr(LineupHttpResponse) response = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *headers[5] = { NULL, };
  LineupHttpRequest request = { "POST", self->url, "application/json", NULL, 0, headers };
  LineupRemotePost *remote;
  guint n = 0;

  if (!check_settings (self, error))
    return NULL;

  body = build_body (outgoing, self->media_bytes, now);
  signature = lineup_webhook_sign (self->secret, outgoing->key, now, body, strlen (body));
  id_header = g_strdup_printf ("webhook-id: %s", outgoing->key);
  timestamp_header = g_strdup_printf ("webhook-timestamp: %" G_GINT64_FORMAT, now);
  signature_header = g_strdup_printf ("webhook-signature: %s", signature);
  headers[n++] = id_header;
  headers[n++] = timestamp_header;
  headers[n++] = signature_header;
  if (self->hub_secret && *self->hub_secret)
    {
      g_autofree char *hub = lineup_webhook_hub_signature (self->hub_secret, body, strlen (body));

      hub_header = g_strdup_printf ("X-Hub-Signature-256: %s", hub);
      headers[n++] = hub_header;
    }
  request.body = body;
  request.body_length = strlen (body);

  response = lineup_http_send (self->http, &request, cancellable, &local_error);
  if (response == NULL)
    {
      _lineup_publisher_set_transport_error (local_error, error);
      return NULL;
    }
  if (response->status < 200 || response->status >= 300)
    {
      set_delivery_error (self, response, now, error);
      return NULL;
    }

  remote = lineup_remote_post_new ();
  remote->remote_id = g_strdup (outgoing->key);
  remote->key = g_strdup (outgoing->key);
  remote->text = g_strdup (outgoing->text);
  remote->url = dup_answer_url (response);
  remote->published = TRUE;
  return remote;
}

static void
lineup_webhook_publisher_init (LineupPublisherInterface *iface)
{
  iface->get_caps = lineup_webhook_get_caps;
  iface->get_text_limit = lineup_webhook_get_text_limit;
  iface->count_text = lineup_webhook_count_text;
  iface->connect = lineup_webhook_connect;
  iface->publish_now = lineup_webhook_publish_now;
}

/* ---- GObject ---- */

static void
lineup_webhook_finalize (GObject *object)
{
  LineupWebhook *self = (LineupWebhook *) object;

  g_clear_object (&self->http);
  g_free (self->url);
  g_free (self->secret);
  g_free (self->hub_secret);
  G_OBJECT_CLASS (lineup_webhook_parent_class)->finalize (object);
}

static void
lineup_webhook_class_init (LineupWebhookClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lineup_webhook_finalize;
}

static void
lineup_webhook_init (LineupWebhook *self)
{
  self->media_bytes = LINEUP_WEBHOOK_DEFAULT_MEDIA_BYTES;
}

/* ---- public ---- */

LineupWebhook *
lineup_webhook_new (LineupHttp *http,
                    const char *url,
                    const char *secret,
                    const char *hub_secret)
{
  LineupWebhook *self;

  g_return_val_if_fail (LINEUP_IS_HTTP (http), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  self = g_object_new (LINEUP_TYPE_WEBHOOK, NULL);
  self->http = g_object_ref (http);
  self->url = g_strstrip (g_strdup (url));
  self->secret = g_strdup (secret);
  self->hub_secret = g_strdup (hub_secret);
  return self;
}

char *
lineup_webhook_sign (const char *secret,
                     const char *msg_id,
                     gint64      timestamp,
                     const char *body,
                     gsize       length)
{
  g_autofree guchar *key = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *encoded = NULL;
  g_autoptr(GHmac) hmac = NULL;
  guint8 digest[32];
  gsize key_length = 0, digest_length = sizeof digest;

  g_return_val_if_fail (msg_id != NULL, NULL);
  g_return_val_if_fail (body != NULL || length == 0, NULL);

  key = decode_secret (secret, &key_length);
  if (key == NULL)
    return NULL;

  hmac = g_hmac_new (G_CHECKSUM_SHA256, key, key_length);
  memset (key, 0, key_length);
  prefix = g_strdup_printf ("%s.%" G_GINT64_FORMAT ".", msg_id, timestamp);
  g_hmac_update (hmac, (const guchar *) prefix, (gssize) strlen (prefix));
  g_hmac_update (hmac, (const guchar *) body, (gssize) length);
  g_hmac_get_digest (hmac, digest, &digest_length);

  encoded = g_base64_encode (digest, digest_length);
  return g_strconcat ("v1,", encoded, NULL);
}

char *
lineup_webhook_hub_signature (const char *secret,
                              const char *body,
                              gsize       length)
{
  g_autofree char *hex = NULL;

  g_return_val_if_fail (secret != NULL, NULL);
  g_return_val_if_fail (body != NULL || length == 0, NULL);

  hex = g_compute_hmac_for_data (G_CHECKSUM_SHA256, (const guchar *) secret, strlen (secret),
                                 (const guchar *) (body ? body : ""), length);
  return g_strconcat ("sha256=", hex, NULL);
}

/* The kernel's generator first; /dev/urandom where getrandom() is missing
 * (old kernels, some sandboxes); GLib's generator only when both fail, so a
 * secret is always made. */
static void
fill_random (guint8 *bytes,
             gsize   length)
{
  gsize done = 0;
  int fd;

  while (done < length)
    {
      ssize_t got = getrandom (bytes + done, length - done, 0);

      if (got < 0 && errno == EINTR)
        continue;
      if (got <= 0)
        break;
      done += (gsize) got;
    }
  if (done == length)
    return;

  fd = open ("/dev/urandom", O_RDONLY | O_CLOEXEC);
  if (fd >= 0)
    {
      while (done < length)
        {
          ssize_t got = read (fd, bytes + done, length - done);

          if (got < 0 && errno == EINTR)
            continue;
          if (got <= 0)
            break;
          done += (gsize) got;
        }
      close (fd);
    }
  for (; done < length; done++)
    bytes[done] = (guint8) g_random_int_range (0, 256);
}

char *
lineup_webhook_generate_secret (void)
{
  guint8 bytes[SECRET_BYTES];
  g_autofree char *encoded = NULL;

  fill_random (bytes, sizeof bytes);
  encoded = g_base64_encode (bytes, sizeof bytes);
  memset (bytes, 0, sizeof bytes);
  return g_strconcat (LINEUP_WEBHOOK_SECRET_PREFIX, encoded, NULL);
}

void
lineup_webhook_set_media_bytes (LineupWebhook *self,
                                gint64         max_bytes)
{
  g_return_if_fail (LINEUP_IS_WEBHOOK (self));
  self->media_bytes = max_bytes;
}
