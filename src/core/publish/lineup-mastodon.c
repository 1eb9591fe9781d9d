/* lineup-mastodon.c: Mastodon's REST API, as protocols.md §1 describes it (a post's
 * media: lineup-mastodon-media.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lineup-mastodon.h"
#include "lineup-mastodon-private.h"
#include "lineup-text.h"
#include "lineup-media.h"
#include "lineup-publish-media.h"

struct _LineupMastodon {
  GObject     parent_instance;
  LineupHttp *http;
  char       *instance;
  char       *token;
  char       *account_id;   /* learned from verify_credentials */
  guint       text_limit;
  guint       url_length;
};

static void lineup_mastodon_publisher_init (LineupPublisherInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LineupMastodon, lineup_mastodon, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (LINEUP_TYPE_PUBLISHER, lineup_mastodon_publisher_init))

/* ---- requests ---- */

/* One API call. Returns the parsed JSON root of a 2xx answer; anything else
 * becomes the right publish error (@what says what was being done). */
/* An answer with nothing in it, as an empty object: what it lacks is then
 * said by whoever reads it. (The node holds its own reference: the object's
 * first one is dropped here, or every empty answer leaks one.) */
static JsonNode *
empty_answer (void)
{
  g_autoptr(JsonObject) object = json_object_new ();

  return json_node_init_object (json_node_alloc (), object);
}

static JsonNode *send_call (LineupMastodon *self, const char *method, const char *path,
                            const char *content_type, GBytes *raw, JsonBuilder *body,
                            const char *idempotency_key, GCancellable *cancellable,
                            const char *what, char **out_next, GError **error);

static JsonNode *
call (LineupMastodon  *self,
      const char      *method,
      const char      *path,
      JsonBuilder     *body,
      const char      *idempotency_key,
      GCancellable    *cancellable,
      const char      *what,
      char           **out_next,
      GError         **error)
{
  return send_call (self, method, path, NULL, NULL, body, idempotency_key, cancellable, what, out_next, error);
}

/* The same with a body of @content_type (@raw) instead of JSON. */
static JsonNode *
send_call (LineupMastodon  *self,
           const char      *method,
           const char      *path,
           const char      *content_type,
           GBytes          *raw,
           JsonBuilder     *body,
           const char      *idempotency_key,
           GCancellable    *cancellable,
           const char      *what,
           char           **out_next,
           GError         **error)
{
  g_autofree char *url = g_str_has_prefix (path, "http") ? g_strdup (path)
                                                          : g_strconcat (self->instance, path, NULL);
  g_autofree char *auth = g_strdup_printf ("Authorization: Bearer %s", self->token);
  g_autofree char *key = idempotency_key ? g_strdup_printf ("Idempotency-Key: %s", idempotency_key) : NULL;
  g_autofree char *json = NULL;
  const char *headers[4] = { auth, key, NULL, NULL };
  g_autoptr(LineupHttpResponse) response = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  LineupHttpRequest request = { method, url, NULL, NULL, 0, headers };
  const char *remaining, *reset;
  gint64 reset_at;

  if (key == NULL)
    headers[1] = NULL;
  if (body)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = json_builder_get_root (body);

      json_generator_set_root (generator, root);
      json = json_generator_to_data (generator, NULL);
      request.content_type = "application/json";
      request.body = json;
      request.body_length = strlen (json);
    }
  else if (raw)
    {
      gsize size = 0;

      request.content_type = content_type;
      request.body = g_bytes_get_data (raw, &size);
      request.body_length = size;
    }

  response = lineup_http_send (self->http, &request, cancellable, &local_error);
  if (response == NULL)
    {
      _lineup_publisher_set_transport_error (local_error, error);
      return NULL;
    }

  /* Spend the last requests of a window, then wait for it to reset. */
  remaining = lineup_http_response_get_header (response, "x-ratelimit-remaining");
  reset = lineup_http_response_get_header (response, "x-ratelimit-reset");
  if (remaining && g_str_equal (remaining, "0") && lineup_publish_parse_time (reset, &reset_at))
    lineup_publisher_set_retry_at (LINEUP_PUBLISHER (self), reset_at);
  else if (response->status != 429)
    lineup_publisher_set_retry_at (LINEUP_PUBLISHER (self), 0);

  if (response->status < 200 || response->status >= 300)
    {
      _lineup_publisher_set_http_error (LINEUP_PUBLISHER (self), response, what, error);
      return NULL;
    }

  if (out_next && !lineup_http_next_link (response, out_next, &local_error))
    {
      g_set_error_literal (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_REJECTED, local_error->message);
      return NULL;
    }

  if (response->body->len == 0)
    return empty_answer ();
  if (!json_parser_load_from_data (parser, response->body->str, (gssize) response->body->len, &local_error))
    {
      g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_TRANSIENT,
                   _("%s answered with something that is not JSON while Lineup tried to %s: %s"),
                   self->instance, what, local_error->message);
      return NULL;
    }
  /* Nothing but blanks (or a comment): an empty answer, as a DELETE's is. */
  if (json_parser_get_root (parser) == NULL)
    return empty_answer ();
  return json_node_copy (json_parser_get_root (parser));
}

JsonNode *
_lineup_mastodon_call (LineupMastodon  *self,
                       const char      *method,
                       const char      *path,
                       const char      *content_type,
                       GBytes          *raw,
                       JsonBuilder     *body,
                       GCancellable    *cancellable,
                       const char      *what,
                       GError         **error)
{
  return send_call (self, method, path, content_type, raw, body, NULL, cancellable, what, NULL, error);
}

const char *
_lineup_mastodon_get_instance (LineupMastodon *self)
{
  return self->instance;
}

/* A member that must be an object; NULL when it is missing or not one. */
static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonObject *
node_object (JsonNode *node)
{
  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gint64
member_int (JsonObject *object,
            const char *name,
            gint64      fallback)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64
           ? json_node_get_int (node) : fallback;
}

/* The ids of the media the server attached, in the order they were sent
 * (params.media_ids), and their descriptions (from media_attachments, whose
 * order the server does not promise), when its answer names them all. */
static void
read_attachments (JsonObject       *object,
                  JsonObject       *params,
                  LineupRemotePost *remote)
{
  JsonNode *ids_node = params ? json_object_get_member (params, "media_ids") : NULL;
  JsonNode *node = json_object_get_member (object, "media_attachments");
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) descriptions = g_strv_builder_new ();
  JsonArray *sent, *attached;

  if (ids_node == NULL || !JSON_NODE_HOLDS_ARRAY (ids_node) || node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;
  sent = json_node_get_array (ids_node);
  attached = json_node_get_array (node);
  if (json_array_get_length (sent) == 0)
    return;
  for (guint i = 0; i < json_array_get_length (sent); i++)
    {
      JsonNode *element = json_array_get_element (sent, i);
      const char *id = JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING
                         ? json_node_get_string (element) : NULL;
      gboolean found = FALSE;

      for (guint k = 0; id && k < json_array_get_length (attached) && !found; k++)
        {
          JsonObject *medium = node_object (json_array_get_element (attached, k));
          const char *description = _lineup_publish_member_string (medium, "description");

          if (g_strcmp0 (_lineup_publish_member_string (medium, "id"), id) != 0)
            continue;
          g_strv_builder_add (ids, id);
          g_strv_builder_add (descriptions, description ? description : "");
          found = TRUE;
        }
      if (!found)
        return;
    }
  remote->media_ids = g_strv_builder_end (ids);
  remote->media_descriptions = g_strv_builder_end (descriptions);
}

/* A ScheduledStatus (it has params) or a Status, as a remote post. */
static LineupRemotePost *
remote_from_json (JsonNode  *node,
                  GError   **error)
{
  g_autoptr(LineupRemotePost) remote = lineup_remote_post_new ();
  JsonObject *object = node_object (node);
  const char *id = _lineup_publish_member_string (object, "id");

  if (id == NULL)
    {
      g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_TRANSIENT,
                   _("The server’s answer has no post id"));
      return NULL;
    }
  remote->remote_id = g_strdup (id);

  if (json_object_has_member (object, "params"))
    {
      JsonObject *params = member_object (object, "params");

      if (!lineup_publish_parse_time (_lineup_publish_member_string (object, "scheduled_at"), &remote->scheduled_at))
        {
          g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_TRANSIENT,
                       _("The server’s scheduled post %s has no readable time"), id);
          return NULL;
        }
      remote->text = g_strdup (_lineup_publish_member_string (params, "text"));
      remote->key = g_strdup (_lineup_publish_member_string (params, "idempotency"));
      read_attachments (object, params, remote);
    }
  else
    {
      remote->published = TRUE;
      remote->url = g_strdup (_lineup_publish_member_string (object, "url"));
      if (remote->url == NULL)
        remote->url = g_strdup (_lineup_publish_member_string (object, "uri"));
    }
  return g_steal_pointer (&remote);
}

static JsonBuilder *
status_body (LineupOutgoing *outgoing,
             GStrv           media_ids,
             gboolean        scheduled)
{
  JsonBuilder *builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, outgoing->text);
  /* The content warning: shown first, the text and media behind it. */
  if (outgoing->content_warning && *outgoing->content_warning)
    {
      json_builder_set_member_name (builder, "spoiler_text");
      json_builder_add_string_value (builder, outgoing->content_warning);
    }
  json_builder_set_member_name (builder, "visibility");
  json_builder_add_string_value (builder, "public");
  if (outgoing->language && *outgoing->language)
    {
      json_builder_set_member_name (builder, "language");
      json_builder_add_string_value (builder, outgoing->language);
    }
  if (media_ids && media_ids[0])
    {
      json_builder_set_member_name (builder, "media_ids");
      json_builder_begin_array (builder);
      for (guint i = 0; media_ids[i]; i++)
        json_builder_add_string_value (builder, media_ids[i]);
      json_builder_end_array (builder);
    }
  if (scheduled)
    {
      g_autofree char *at = lineup_publish_format_time (outgoing->scheduled_at);

      json_builder_set_member_name (builder, "scheduled_at");
      json_builder_add_string_value (builder, at);
    }
  json_builder_end_object (builder);
  return builder;
}

static gboolean
check_text (LineupMastodon  *self,
            LineupOutgoing  *outgoing,
            GError         **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (outgoing->text ? outgoing->text : ""));
  /* Mastodon counts the content warning with the text (protocols.md §1). */
  guint count = lineup_text_count_mastodon (outgoing->text, NULL, self->url_length) +
                (outgoing->content_warning ? lineup_text_count_mastodon (outgoing->content_warning, NULL,
                                                                         self->url_length) : 0);

  if (*trimmed == '\0')
    {
      g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_INVALID,
                   _("“%s” has no caption: Mastodon needs text to post"), outgoing->title);
      return FALSE;
    }
  if (self->text_limit && count > self->text_limit)
    {
      g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_INVALID,
                   outgoing->content_warning && *outgoing->content_warning
                     ? _("“%s” is %u characters long with its content warning; %s takes at most %u: shorten the caption or the warning by %u")
                     : _("“%s” is %u characters long; %s takes at most %u: shorten the caption by %u"),
                   outgoing->title, count, self->instance, self->text_limit, count - self->text_limit);
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_still_processing (GError *error)
{
  return g_error_matches (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_REJECTED) &&
         strstr (error->message, "processing") != NULL;
}

/* The status, scheduled or not, with the post's media. Its Idempotency-Key
 * makes a retry return the status already made (with the media it took
 * first) rather than a second one. */
static LineupRemotePost *
post_status (LineupMastodon  *self,
             LineupOutgoing  *outgoing,
             gboolean         scheduled,
             GCancellable    *cancellable,
             GError         **error)
{
  g_auto(GStrv) media_ids = NULL;
  g_autoptr(JsonBuilder) body = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (!check_text (self, outgoing, error))
    return NULL;
  if (!_lineup_publish_check_media (outgoing, "mastodon", FALSE, error))
    return NULL;
  if (outgoing->media && outgoing->media->len)
    {
      media_ids = _lineup_mastodon_upload_media (self, outgoing, cancellable, error);
      if (media_ids == NULL)
        return NULL;
    }
  body = status_body (outgoing, media_ids, scheduled);
  /* 422 "not finished processing": the server was slower than it said. */
  for (guint attempt = 0; ; attempt++)
    {
      g_autoptr(GError) local_error = NULL;

      root = call (self, "POST", "/api/v1/statuses", body, outgoing->key, cancellable,
                   scheduled ? _("schedule the post") : _("publish the post"), NULL, &local_error);
      if (root)
        break;
      if (media_ids == NULL || attempt >= 4 || !is_still_processing (local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (!_lineup_mastodon_wait (LINEUP_MASTODON_MEDIA_POLL_FIRST_MS << attempt, cancellable, error))
        return NULL;
    }
  return remote_from_json (root, error);
}

/* ---- LineupPublisher ---- */

static LineupPublishCaps
lineup_mastodon_get_caps (LineupPublisher *publisher)
{
  return LINEUP_PUBLISH_CAN_SCHEDULE | LINEUP_PUBLISH_CAN_MOVE | LINEUP_PUBLISH_CAN_CANCEL |
         LINEUP_PUBLISH_HAS_MEDIA | LINEUP_PUBLISH_CAN_DESCRIBE;
}

static guint
lineup_mastodon_get_text_limit (LineupPublisher *publisher)
{
  return LINEUP_MASTODON (publisher)->text_limit;
}

static guint
lineup_mastodon_count_text (LineupPublisher *publisher,
                            const char      *text)
{
  return lineup_text_count_mastodon (text, NULL, LINEUP_MASTODON (publisher)->url_length);
}

static gboolean
ensure_account_id (LineupMastodon  *self,
                   GCancellable    *cancellable,
                   GError         **error)
{
  g_autoptr(JsonNode) root = NULL;
  const char *id;

  if (self->account_id)
    return TRUE;
  root = call (self, "GET", "/api/v1/accounts/verify_credentials", NULL, NULL, cancellable,
               _("check the account"), NULL, error);
  if (root == NULL)
    return FALSE;
  id = JSON_NODE_HOLDS_OBJECT (root) ? _lineup_publish_member_string (json_node_get_object (root), "id") : NULL;
  if (id == NULL)
    {
      g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_TRANSIENT,
                   _("%s did not say which account the token belongs to"), self->instance);
      return FALSE;
    }
  self->account_id = g_strdup (id);
  return TRUE;
}

/* The instance's media limits (configuration.media_attachments and
 * statuses.max_media_attachments) as the JSON kept on the account, or NULL
 * when it says none (lineup-post-check.h reads it). */
static char *
instance_media_limits (JsonObject *configuration,
                       JsonObject *statuses)
{
  static const char * const members[] = {
    "image_size_limit", "video_size_limit", "image_matrix_limit", "video_matrix_limit", NULL
  };
  JsonObject *media = member_object (configuration, "media_attachments");
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  gboolean any = FALSE;
  gint64 max;

  json_builder_begin_object (builder);
  if ((max = member_int (statuses, "max_media_attachments", 0)) > 0)
    {
      json_builder_set_member_name (builder, "max_media_attachments");
      json_builder_add_int_value (builder, max);
      any = TRUE;
    }
  for (guint i = 0; members[i]; i++)
    if ((max = member_int (media, members[i], 0)) > 0)
      {
        json_builder_set_member_name (builder, members[i]);
        json_builder_add_int_value (builder, max);
        any = TRUE;
      }
  json_builder_end_object (builder);
  if (!any)
    return NULL;
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static LineupAccountInfo *
lineup_mastodon_connect (LineupPublisher  *publisher,
                         GCancellable     *cancellable,
                         GError          **error)
{
  LineupMastodon *self = LINEUP_MASTODON (publisher);
  g_autoptr(LineupAccountInfo) info = g_new0 (LineupAccountInfo, 1);
  g_autoptr(JsonNode) account = NULL;
  g_autoptr(JsonNode) instance = NULL;
  g_autoptr(GUri) uri = g_uri_parse (self->instance, G_URI_FLAGS_NONE, NULL);
  JsonObject *object;

  account = call (self, "GET", "/api/v1/accounts/verify_credentials", NULL, NULL, cancellable,
                  _("check the account"), NULL, error);
  if (account == NULL)
    return NULL;
  object = JSON_NODE_HOLDS_OBJECT (account) ? json_node_get_object (account) : NULL;
  if (_lineup_publish_member_string (object, "id") == NULL || _lineup_publish_member_string (object, "username") == NULL)
    {
      g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_REJECTED,
                   _("%s did not answer like a Mastodon server: is the address right?"), self->instance);
      return NULL;
    }
  g_free (self->account_id);
  self->account_id = g_strdup (_lineup_publish_member_string (object, "id"));
  info->remote_user = g_strdup (self->account_id);
  info->handle = g_strdup_printf ("%s@%s", _lineup_publish_member_string (object, "username"),
                                  uri ? g_uri_get_host (uri) : self->instance);
  info->text_limit = LINEUP_MASTODON_DEFAULT_TEXT_LIMIT;
  info->url_length = 23;

  /* The instance's own limits; an older server without v2 keeps the defaults. */
  instance = call (self, "GET", "/api/v2/instance", NULL, NULL, cancellable, _("read the server’s limits"),
                   NULL, NULL);
  if (instance && JSON_NODE_HOLDS_OBJECT (instance))
    {
      JsonObject *configuration = member_object (json_node_get_object (instance), "configuration");
      JsonObject *statuses = member_object (configuration, "statuses");

      if (statuses)
        {
          gint64 max = member_int (statuses, "max_characters", LINEUP_MASTODON_DEFAULT_TEXT_LIMIT);
          gint64 url = member_int (statuses, "characters_reserved_per_url", 23);

          info->text_limit = max > 0 ? (guint) max : LINEUP_MASTODON_DEFAULT_TEXT_LIMIT;
          info->url_length = url > 0 ? (guint) url : 23;
        }
      info->media_limits = instance_media_limits (configuration, statuses);
    }
  lineup_mastodon_set_limits (self, info->text_limit, info->url_length);
  return g_steal_pointer (&info);
}

static LineupRemotePost *
lineup_mastodon_create_scheduled (LineupPublisher  *publisher,
                                  LineupOutgoing   *outgoing,
                                  GCancellable     *cancellable,
                                  GError          **error)
{
  LineupMastodon *self = LINEUP_MASTODON (publisher);

  return post_status (self, outgoing, TRUE, cancellable, error);
}

static LineupRemotePost *
lineup_mastodon_publish_now (LineupPublisher  *publisher,
                             LineupOutgoing   *outgoing,
                             GCancellable     *cancellable,
                             GError          **error)
{
  LineupMastodon *self = LINEUP_MASTODON (publisher);

  return post_status (self, outgoing, FALSE, cancellable, error);
}

static LineupRemotePost *
lineup_mastodon_move (LineupPublisher  *publisher,
                      const char       *remote_id,
                      gint64            scheduled_at,
                      GCancellable     *cancellable,
                      GError          **error)
{
  LineupMastodon *self = LINEUP_MASTODON (publisher);
  g_autoptr(JsonBuilder) body = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *escaped = lineup_http_escape (remote_id);
  g_autofree char *path = g_strdup_printf ("/api/v1/scheduled_statuses/%s", escaped);
  g_autofree char *at = lineup_publish_format_time (scheduled_at);

  json_builder_begin_object (body);
  json_builder_set_member_name (body, "scheduled_at");
  json_builder_add_string_value (body, at);
  json_builder_end_object (body);
  root = call (self, "PUT", path, body, NULL, cancellable, _("move the scheduled post"), NULL, error);
  return root ? remote_from_json (root, error) : NULL;
}

static gboolean
lineup_mastodon_cancel (LineupPublisher  *publisher,
                        const char       *remote_id,
                        GCancellable     *cancellable,
                        GError          **error)
{
  LineupMastodon *self = LINEUP_MASTODON (publisher);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *escaped = lineup_http_escape (remote_id);
  g_autofree char *path = g_strdup_printf ("/api/v1/scheduled_statuses/%s", escaped);

  root = call (self, "DELETE", path, NULL, NULL, cancellable, _("cancel the scheduled post"), NULL, &local_error);
  /* Already gone: a retry of a DELETE that worked, or deleted elsewhere. */
  if (root == NULL && !g_error_matches (local_error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static GPtrArray *
lineup_mastodon_list_scheduled (LineupPublisher  *publisher,
                                GCancellable     *cancellable,
                                GError          **error)
{
  LineupMastodon *self = LINEUP_MASTODON (publisher);
  g_autoptr(GPtrArray) posts = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_remote_post_free);
  g_autofree char *next = g_strdup ("/api/v1/scheduled_statuses?limit=40");

  /* 300 at most: eight pages; the bound stops a server that loops. */
  for (guint page = 0; next && page < 50; page++)
    {
      g_autofree char *url = g_steal_pointer (&next);
      g_autoptr(JsonNode) root = call (self, "GET", url, NULL, NULL, cancellable,
                                       _("list the scheduled posts"), &next, error);
      JsonArray *array;

      if (root == NULL)
        return NULL;
      if (!JSON_NODE_HOLDS_ARRAY (root))
        {
          g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_TRANSIENT,
                       _("%s did not answer with a list of scheduled posts"), self->instance);
          return NULL;
        }
      array = json_node_get_array (root);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          LineupRemotePost *remote = remote_from_json (json_array_get_element (array, i), error);

          if (remote == NULL)
            return NULL;
          g_ptr_array_add (posts, remote);
        }
    }
  return g_steal_pointer (&posts);
}

/* The server deleted the scheduled post at its time and created a status
 * with a new id and no link back: find it by time and text. */
static LineupRemotePost *
lineup_mastodon_find_published (LineupPublisher   *publisher,
                                LineupRemotePost  *scheduled,
                                GCancellable      *cancellable,
                                GError           **error)
{
  LineupMastodon *self = LINEUP_MASTODON (publisher);
  g_autofree char *next = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *gone_path = NULL;
  g_autoptr(JsonNode) still = NULL;
  g_autoptr(GError) local_error = NULL;

  escaped = lineup_http_escape (scheduled->remote_id);
  gone_path = g_strdup_printf ("/api/v1/scheduled_statuses/%s", escaped);
  still = call (self, "GET", gone_path, NULL, NULL, cancellable, _("look at the scheduled post"), NULL, &local_error);
  if (still)
    return remote_from_json (still, error);
  if (!g_error_matches (local_error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (!ensure_account_id (self, cancellable, error))
    return NULL;
  g_free (escaped);
  escaped = lineup_http_escape (self->account_id);
  next = g_strdup_printf ("/api/v1/accounts/%s/statuses?limit=40", escaped);

  for (guint page = 0; next && page < 10; page++)
    {
      g_autofree char *url = g_steal_pointer (&next);
      g_autoptr(JsonNode) root = call (self, "GET", url, NULL, NULL, cancellable,
                                       _("list the account’s posts"), &next, error);
      JsonArray *array;
      gboolean older = FALSE;

      if (root == NULL)
        return NULL;
      if (!JSON_NODE_HOLDS_ARRAY (root))
        break;
      array = json_node_get_array (root);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *status = node_object (json_array_get_element (array, i));
          const char *id = _lineup_publish_member_string (status, "id");
          gint64 created = 0;
          g_autofree char *source_path = NULL;
          g_autoptr(JsonNode) source = NULL;
          const char *text;

          if (id == NULL || !lineup_publish_parse_time (_lineup_publish_member_string (status, "created_at"), &created))
            continue;
          if (created < scheduled->scheduled_at)
            {
              older = TRUE;   /* newest first: the rest are older still */
              break;
            }
          source_path = g_strdup_printf ("/api/v1/statuses/%s/source", id);
          source = call (self, "GET", source_path, NULL, NULL, cancellable, _("read a post’s text"), NULL, error);
          if (source == NULL)
            return NULL;
          text = _lineup_publish_member_string (node_object (source), "text");
          if (g_strcmp0 (text, scheduled->text) == 0)
            {
              LineupRemotePost *published = lineup_remote_post_new ();

              published->remote_id = g_strdup (id);
              published->published = TRUE;
              published->text = g_strdup (text);
              published->url = g_strdup (_lineup_publish_member_string (status, "url"));
              return published;
            }
        }
      if (older || json_array_get_length (array) == 0)
        break;
    }

  g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_NOT_FOUND,
               _("The server no longer has the scheduled post and no post of the account matches it: it was deleted on the server or the server dropped it"));
  return NULL;
}

static void
lineup_mastodon_publisher_init (LineupPublisherInterface *iface)
{
  iface->get_caps = lineup_mastodon_get_caps;
  iface->get_text_limit = lineup_mastodon_get_text_limit;
  iface->count_text = lineup_mastodon_count_text;
  iface->connect = lineup_mastodon_connect;
  iface->create_scheduled = lineup_mastodon_create_scheduled;
  iface->move = lineup_mastodon_move;
  iface->cancel = lineup_mastodon_cancel;
  iface->publish_now = lineup_mastodon_publish_now;
  iface->list_scheduled = lineup_mastodon_list_scheduled;
  iface->find_published = lineup_mastodon_find_published;
  iface->describe_media = _lineup_mastodon_describe_media;
}

/* ---- GObject ---- */

static void
lineup_mastodon_finalize (GObject *object)
{
  LineupMastodon *self = (LineupMastodon *) object;

  g_clear_object (&self->http);
  g_free (self->instance);
  if (self->token)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);
  g_free (self->account_id);
  G_OBJECT_CLASS (lineup_mastodon_parent_class)->finalize (object);
}

static void
lineup_mastodon_class_init (LineupMastodonClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lineup_mastodon_finalize;
}

static void
lineup_mastodon_init (LineupMastodon *self)
{
  self->text_limit = LINEUP_MASTODON_DEFAULT_TEXT_LIMIT;
  self->url_length = 23;
}

/* ---- public ---- */

LineupMastodon *
lineup_mastodon_new (LineupHttp *http,
                     const char *instance,
                     const char *token)
{
  LineupMastodon *self;

  g_return_val_if_fail (LINEUP_IS_HTTP (http), NULL);
  g_return_val_if_fail (instance != NULL && token != NULL, NULL);

  self = g_object_new (LINEUP_TYPE_MASTODON, NULL);
  self->http = g_object_ref (http);
  self->instance = g_strdup (instance);
  while (g_str_has_suffix (self->instance, "/"))
    self->instance[strlen (self->instance) - 1] = '\0';
  self->token = g_strdup (token);
  return self;
}

void
lineup_mastodon_set_limits (LineupMastodon *self,
                            guint           text_limit,
                            guint           url_length)
{
  g_return_if_fail (LINEUP_IS_MASTODON (self));
  self->text_limit = text_limit ? text_limit : LINEUP_MASTODON_DEFAULT_TEXT_LIMIT;
  self->url_length = url_length ? url_length : 23;
}

JsonNode *
lineup_mastodon_read (LineupMastodon  *self,
                      const char      *path,
                      const char      *what,
                      GCancellable    *cancellable,
                      GError         **error)
{
  g_return_val_if_fail (LINEUP_IS_MASTODON (self), NULL);
  g_return_val_if_fail (path != NULL && path[0] == '/', NULL);

  return call (self, "GET", path, NULL, NULL, cancellable, what, NULL, error);
}

char *
lineup_mastodon_normalize_instance (const char  *text,
                                    GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));
  g_autofree char *with_scheme = NULL;
  g_autoptr(GUri) uri = NULL;

  if (*trimmed == '\0')
    {
      g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_INVALID,
                   _("No server given: type its address, like mastodon.social"));
      return NULL;
    }
  with_scheme = strstr (trimmed, "://") ? g_strdup (trimmed) : g_strconcat ("https://", trimmed, NULL);
  uri = g_uri_parse (with_scheme, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 && g_strcmp0 (g_uri_get_scheme (uri), "http") != 0))
    {
      g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_INVALID,
                   _("“%s” is not a server address: type it like mastodon.social or https://mastodon.social"),
                   trimmed);
      return NULL;
    }
  return g_uri_join (G_URI_FLAGS_NONE, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                     g_uri_get_port (uri), "", NULL, NULL);
}

static JsonNode *
form_post (LineupHttp    *http,
           const char    *url,
           GString       *form,
           GCancellable  *cancellable,
           const char    *what,
           GError       **error)
{
  g_autoptr(LineupHttpResponse) response = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  LineupHttpRequest request = { "POST", url, "application/x-www-form-urlencoded", form->str, form->len, NULL };

  response = lineup_http_send (http, &request, cancellable, &local_error);
  if (response == NULL)
    {
      _lineup_publisher_set_transport_error (local_error, error);
      return NULL;
    }
  if (response->status < 200 || response->status >= 300)
    {
      _lineup_publisher_set_http_error (NULL, response, what, error);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, response->body->str, (gssize) response->body->len, NULL) ||
      node_object (json_parser_get_root (parser)) == NULL)
    {
      g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_REJECTED,
                   _("%s did not answer like a Mastodon server: is the address right?"), url);
      return NULL;
    }
  return json_node_copy (json_parser_get_root (parser));
}

static void
form_add (GString    *form,
          const char *name,
          const char *value)
{
  g_autofree char *escaped = lineup_http_escape (value);

  if (form->len)
    g_string_append_c (form, '&');
  g_string_append_printf (form, "%s=%s", name, escaped);
}

gboolean
lineup_mastodon_register_app (LineupHttp    *http,
                              const char    *instance,
                              char         **out_client_id,
                              char         **out_client_secret,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autoptr(GString) form = g_string_new (NULL);
  g_autofree char *url = g_strconcat (instance, "/api/v1/apps", NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  form_add (form, "client_name", "Lineup");
  form_add (form, "redirect_uris", LINEUP_MASTODON_OOB);
  form_add (form, "scopes", LINEUP_MASTODON_SCOPES);
  form_add (form, "website", "https://github.com/lineup/Lineup");
  root = form_post (http, url, form, cancellable, _("register Lineup with the server"), error);
  if (root == NULL)
    return FALSE;
  object = json_node_get_object (root);
  if (_lineup_publish_member_string (object, "client_id") == NULL || _lineup_publish_member_string (object, "client_secret") == NULL)
    {
      g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_REJECTED,
                   _("%s did not register Lineup: is it a Mastodon server?"), instance);
      return FALSE;
    }
  *out_client_id = g_strdup (_lineup_publish_member_string (object, "client_id"));
  *out_client_secret = g_strdup (_lineup_publish_member_string (object, "client_secret"));
  return TRUE;
}

char *
lineup_mastodon_authorize_url (const char *instance,
                               const char *client_id)
{
  g_autofree char *id = lineup_http_escape (client_id);
  g_autofree char *redirect = lineup_http_escape (LINEUP_MASTODON_OOB);
  g_autofree char *scopes = lineup_http_escape (LINEUP_MASTODON_SCOPES);

  return g_strdup_printf ("%s/oauth/authorize?response_type=code&client_id=%s&redirect_uri=%s&scope=%s",
                          instance, id, redirect, scopes);
}

char *
lineup_mastodon_exchange_code (LineupHttp    *http,
                               const char    *instance,
                               const char    *client_id,
                               const char    *client_secret,
                               const char    *code,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(GString) form = g_string_new (NULL);
  g_autofree char *url = g_strconcat (instance, "/oauth/token", NULL);
  g_autofree char *trimmed = g_strstrip (g_strdup (code ? code : ""));
  g_autoptr(JsonNode) root = NULL;
  const char *token;

  if (*trimmed == '\0')
    {
      g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_INVALID,
                   _("No code given: paste the code the server showed after you allowed Lineup"));
      return NULL;
    }
  form_add (form, "grant_type", "authorization_code");
  form_add (form, "code", trimmed);
  form_add (form, "client_id", client_id);
  form_add (form, "client_secret", client_secret);
  form_add (form, "redirect_uri", LINEUP_MASTODON_OOB);
  form_add (form, "scope", LINEUP_MASTODON_SCOPES);
  root = form_post (http, url, form, cancellable, _("exchange the code for a token"), error);
  if (root == NULL)
    return NULL;
  token = _lineup_publish_member_string (json_node_get_object (root), "access_token");
  if (token == NULL)
    {
      g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_REJECTED,
                   _("%s gave no token for that code: ask for a new code and paste it again"), instance);
      return NULL;
    }
  return g_strdup (token);
}
