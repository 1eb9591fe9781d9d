/* lineup-publisher.c: the interface, its async wrapper, and what the
 * backends share (errors from HTTP answers, times on the wire).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lineup-publisher.h"

G_DEFINE_INTERFACE (LineupPublisher, lineup_publisher, G_TYPE_OBJECT)
G_DEFINE_QUARK (lineup-publish-error-quark, lineup_publish_error)

static GQuark retry_at_quark;

static void
lineup_publisher_default_init (LineupPublisherInterface *iface)
{
  retry_at_quark = g_quark_from_static_string ("lineup-publisher-retry-at");
}

/* ---- plain data ---- */

LineupOutgoing *
lineup_outgoing_new (void)
{
  return g_new0 (LineupOutgoing, 1);
}

void
lineup_outgoing_free (LineupOutgoing *outgoing)
{
  if (outgoing == NULL)
    return;
  g_free (outgoing->key);
  g_free (outgoing->post_id);
  g_free (outgoing->title);
  g_free (outgoing->text);
  g_free (outgoing->content_warning);
  g_free (outgoing->language);
  g_free (outgoing->pillar);
  g_free (outgoing->content_type);
  g_strfreev (outgoing->platforms);
  g_strfreev (outgoing->texts);
  g_clear_pointer (&outgoing->media, g_ptr_array_unref);
  g_strfreev (outgoing->media_files);
  g_strfreev (outgoing->media_ids);
  g_free (outgoing);
}

LineupRemotePost *
lineup_remote_post_new (void)
{
  return g_new0 (LineupRemotePost, 1);
}

void
lineup_remote_post_free (LineupRemotePost *remote)
{
  if (remote == NULL)
    return;
  g_free (remote->remote_id);
  g_free (remote->text);
  g_free (remote->key);
  g_free (remote->url);
  g_strfreev (remote->media_ids);
  g_strfreev (remote->media_descriptions);
  g_free (remote);
}

void
lineup_account_info_free (LineupAccountInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->handle);
  g_free (info->remote_user);
  g_free (info->media_limits);
  g_free (info);
}

void
lineup_publish_call_free (LineupPublishCall *call)
{
  if (call == NULL)
    return;
  lineup_outgoing_free (call->outgoing);
  g_free (call->remote_id);
  lineup_remote_post_free (call->scheduled);
  g_free (call->title);
  g_clear_pointer (&call->media_updates, g_ptr_array_unref);
  g_free (call);
}

void
lineup_media_update_free (LineupMediaUpdate *update)
{
  if (update == NULL)
    return;
  g_free (update->media_id);
  g_free (update->description);
  g_free (update);
}

/* ---- dispatch ---- */

static gboolean
unsupported (LineupPublisher  *self,
             const char       *what,
             GError          **error)
{
  g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_INVALID,
               _("This account’s network cannot %s"), what);
  return FALSE;
}

LineupPublishCaps
lineup_publisher_get_caps (LineupPublisher *self)
{
  g_return_val_if_fail (LINEUP_IS_PUBLISHER (self), 0);
  return LINEUP_PUBLISHER_GET_IFACE (self)->get_caps (self);
}

guint
lineup_publisher_get_text_limit (LineupPublisher *self)
{
  g_return_val_if_fail (LINEUP_IS_PUBLISHER (self), 0);
  return LINEUP_PUBLISHER_GET_IFACE (self)->get_text_limit (self);
}

guint
lineup_publisher_count_text (LineupPublisher *self,
                             const char      *text)
{
  g_return_val_if_fail (LINEUP_IS_PUBLISHER (self), 0);
  return LINEUP_PUBLISHER_GET_IFACE (self)->count_text (self, text ? text : "");
}

LineupAccountInfo *
lineup_publisher_connect (LineupPublisher  *self,
                          GCancellable     *cancellable,
                          GError          **error)
{
  g_return_val_if_fail (LINEUP_IS_PUBLISHER (self), NULL);
  return LINEUP_PUBLISHER_GET_IFACE (self)->connect (self, cancellable, error);
}

LineupRemotePost *
lineup_publisher_create_scheduled (LineupPublisher  *self,
                                   LineupOutgoing   *outgoing,
                                   GCancellable     *cancellable,
                                   GError          **error)
{
  LineupPublisherInterface *iface;

  g_return_val_if_fail (LINEUP_IS_PUBLISHER (self), NULL);
  g_return_val_if_fail (outgoing != NULL && outgoing->key != NULL, NULL);
  iface = LINEUP_PUBLISHER_GET_IFACE (self);
  if (iface->create_scheduled == NULL)
    return unsupported (self, _("schedule posts on the server"), error), NULL;
  return iface->create_scheduled (self, outgoing, cancellable, error);
}

LineupRemotePost *
lineup_publisher_move (LineupPublisher  *self,
                       const char       *remote_id,
                       gint64            scheduled_at,
                       GCancellable     *cancellable,
                       GError          **error)
{
  LineupPublisherInterface *iface;

  g_return_val_if_fail (LINEUP_IS_PUBLISHER (self), NULL);
  g_return_val_if_fail (remote_id != NULL, NULL);
  iface = LINEUP_PUBLISHER_GET_IFACE (self);
  if (iface->move == NULL)
    return unsupported (self, _("move a scheduled post"), error), NULL;
  return iface->move (self, remote_id, scheduled_at, cancellable, error);
}

gboolean
lineup_publisher_cancel (LineupPublisher  *self,
                         const char       *remote_id,
                         GCancellable     *cancellable,
                         GError          **error)
{
  LineupPublisherInterface *iface;

  g_return_val_if_fail (LINEUP_IS_PUBLISHER (self), FALSE);
  g_return_val_if_fail (remote_id != NULL, FALSE);
  iface = LINEUP_PUBLISHER_GET_IFACE (self);
  if (iface->cancel == NULL)
    return unsupported (self, _("cancel a scheduled post"), error);
  return iface->cancel (self, remote_id, cancellable, error);
}

LineupRemotePost *
lineup_publisher_publish_now (LineupPublisher  *self,
                              LineupOutgoing   *outgoing,
                              GCancellable     *cancellable,
                              GError          **error)
{
  g_return_val_if_fail (LINEUP_IS_PUBLISHER (self), NULL);
  g_return_val_if_fail (outgoing != NULL && outgoing->key != NULL, NULL);
  return LINEUP_PUBLISHER_GET_IFACE (self)->publish_now (self, outgoing, cancellable, error);
}

GPtrArray *
lineup_publisher_list_scheduled (LineupPublisher  *self,
                                 GCancellable     *cancellable,
                                 GError          **error)
{
  LineupPublisherInterface *iface;

  g_return_val_if_fail (LINEUP_IS_PUBLISHER (self), NULL);
  iface = LINEUP_PUBLISHER_GET_IFACE (self);
  if (iface->list_scheduled == NULL)
    return unsupported (self, _("list scheduled posts"), error), NULL;
  return iface->list_scheduled (self, cancellable, error);
}

LineupRemotePost *
lineup_publisher_find_published (LineupPublisher   *self,
                                 LineupRemotePost  *scheduled,
                                 GCancellable      *cancellable,
                                 GError           **error)
{
  LineupPublisherInterface *iface;

  g_return_val_if_fail (LINEUP_IS_PUBLISHER (self), NULL);
  g_return_val_if_fail (scheduled != NULL, NULL);
  iface = LINEUP_PUBLISHER_GET_IFACE (self);
  if (iface->find_published == NULL)
    return unsupported (self, _("look up published posts"), error), NULL;
  return iface->find_published (self, scheduled, cancellable, error);
}

gboolean
lineup_publisher_describe_media (LineupPublisher  *self,
                                 const char       *title,
                                 GPtrArray        *updates,
                                 GCancellable     *cancellable,
                                 GError          **error)
{
  LineupPublisherInterface *iface;

  g_return_val_if_fail (LINEUP_IS_PUBLISHER (self), FALSE);
  g_return_val_if_fail (updates != NULL, FALSE);
  iface = LINEUP_PUBLISHER_GET_IFACE (self);
  if (iface->describe_media == NULL)
    return unsupported (self, _("change the alt text of a scheduled post’s media"), error);
  return iface->describe_media (self, title, updates, cancellable, error);
}

gint64
lineup_publisher_get_retry_at (LineupPublisher *self)
{
  gint64 *retry_at;

  g_return_val_if_fail (LINEUP_IS_PUBLISHER (self), 0);
  retry_at = g_object_get_qdata (G_OBJECT (self), retry_at_quark);
  return retry_at ? *retry_at : 0;
}

void
lineup_publisher_set_retry_at (LineupPublisher *self,
                               gint64           retry_at)
{
  g_return_if_fail (LINEUP_IS_PUBLISHER (self));
  g_object_set_qdata_full (G_OBJECT (self), retry_at_quark,
                           g_memdup2 (&retry_at, sizeof retry_at), g_free);
}

/* ---- async ---- */

static void
call_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LineupPublisher *self = source;
  LineupPublishCall *call = task_data;
  GError *error = NULL;
  gpointer result = NULL;
  GDestroyNotify destroy = (GDestroyNotify) lineup_remote_post_free;

  switch (call->op)
    {
    case LINEUP_PUBLISH_OP_CONNECT:
      result = lineup_publisher_connect (self, cancellable, &error);
      destroy = (GDestroyNotify) lineup_account_info_free;
      break;
    case LINEUP_PUBLISH_OP_CREATE:
      result = lineup_publisher_create_scheduled (self, call->outgoing, cancellable, &error);
      break;
    case LINEUP_PUBLISH_OP_MOVE:
      result = lineup_publisher_move (self, call->remote_id, call->scheduled_at, cancellable, &error);
      break;
    case LINEUP_PUBLISH_OP_CANCEL:
      if (lineup_publisher_cancel (self, call->remote_id, cancellable, &error))
        result = GINT_TO_POINTER (1);
      destroy = NULL;
      break;
    case LINEUP_PUBLISH_OP_PUBLISH:
      result = lineup_publisher_publish_now (self, call->outgoing, cancellable, &error);
      break;
    case LINEUP_PUBLISH_OP_LIST:
      result = lineup_publisher_list_scheduled (self, cancellable, &error);
      destroy = (GDestroyNotify) g_ptr_array_unref;
      break;
    case LINEUP_PUBLISH_OP_FIND_PUBLISHED:
      result = lineup_publisher_find_published (self, call->scheduled, cancellable, &error);
      break;
    case LINEUP_PUBLISH_OP_DESCRIBE:
      if (lineup_publisher_describe_media (self, call->title, call->media_updates, cancellable, &error))
        result = GINT_TO_POINTER (1);
      destroy = NULL;
      break;
    default:
      g_assert_not_reached ();
    }

  /* A backend that fails must say why; if one does not, the caller still
   * gets an error, never a NULL without one. */
  if (result == NULL && error == NULL)
    _lineup_publisher_set_unusable_error (&error);
  if (error)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, destroy);
}

void
lineup_publisher_call_async (LineupPublisher     *self,
                             LineupPublishCall   *call,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LINEUP_IS_PUBLISHER (self));
  g_return_if_fail (call != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lineup_publisher_call_async);
  g_task_set_task_data (task, call, (GDestroyNotify) lineup_publish_call_free);
  g_task_run_in_thread (task, call_thread);
}

gpointer
lineup_publisher_call_finish (LineupPublisher  *self,
                              GAsyncResult     *result,
                              GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- shared by backends ---- */

/* The server's own words: {"error": "..."} (Mastodon), {"message": ...}
 * (AT Protocol), or the body's first line. */
static char *
server_message (LineupHttpResponse *response)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;

  if (response->body->len == 0)
    return NULL;
  if (json_parser_load_from_data (parser, response->body->str, (gssize) response->body->len, NULL) &&
      json_parser_get_root (parser) && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      JsonObject *object = json_node_get_object (json_parser_get_root (parser));
      const char *error = _lineup_publish_member_string (object, "error");
      const char *message = _lineup_publish_member_string (object, "message");

      if (error && message)
        return g_strdup_printf ("%s: %s", error, message);
      if (message || error)
        return g_strdup (message ? message : error);
    }
  text = g_utf8_make_valid (response->body->str, MIN (response->body->len, 300));
  text[strcspn (text, "\r\n")] = '\0';
  return g_strdup (g_strstrip (text));
}

void
_lineup_publisher_set_http_error (LineupPublisher    *self,
                                  LineupHttpResponse *response,
                                  const char         *what,
                                  GError            **error)
{
  g_autofree char *said = server_message (response);
  const char *reset = lineup_http_response_get_header (response, "x-ratelimit-reset");
  const char *words = said ? said : _("no explanation");
  long status = response->status;
  gint64 reset_at = 0;

  if (reset && lineup_publish_parse_time (reset, &reset_at) && self)
    lineup_publisher_set_retry_at (self, reset_at);

  if (status == 429)
    {
      const char *after = lineup_http_response_get_header (response, "retry-after");
      char *end = NULL;
      gint64 seconds = after ? g_ascii_strtoll (after, &end, 10) : -1;

      /* Retry-After in seconds, when the server says no reset time. */
      if (reset_at == 0 && after && end && end != after && *end == '\0' && seconds >= 0 && seconds <= 86400)
        reset_at = g_get_real_time () / G_USEC_PER_SEC + seconds;
      if (self)
        lineup_publisher_set_retry_at (self, reset_at);
      g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_RATE_LIMITED,
                   _("The server asks Lineup to slow down while trying to %s (429: %s); it waits until the limit resets"),
                   what, words);
    }
  else if (status >= 500 || status == 408)
    g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_TRANSIENT,
                 _("The server failed while trying to %s (%ld: %s); Lineup tries again"), what, status, words);
  else if (status == 401 || status == 403)
    g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_AUTH,
                 _("The server refused the account’s access while trying to %s (%ld: %s): sign in to the account again in Preferences → Publishing"),
                 what, status, words);
  else if (status == 404)
    g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_NOT_FOUND,
                 _("The server no longer has it (404: %s)"), words);
  else if (status == 410)
    g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_GONE,
                 _("The endpoint says it is gone (410: %s): it is disabled until you change it"), words);
  else if (status >= 300 && status < 400)
    {
      g_autofree char *location = _lineup_publisher_dup_location (response);

      g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_REDIRECTED,
                   _("The server redirected Lineup to %s (%ld) while trying to %s; Lineup does not follow "
                     "redirects: check the account’s server address"),
                   location && *location ? location : _("an address it did not give"), status, what);
    }
  else
    g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_REJECTED,
                 _("The server refused to %s (%ld: %s)"), what, status, words);
}

const char *
_lineup_publish_member_string (JsonObject *object,
                               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
           ? json_node_get_string (node) : NULL;
}

void
_lineup_publisher_set_unusable_error (GError **error)
{
  g_set_error_literal (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_TRANSIENT,
                       _("The server gave an answer Lineup could not use: check the server’s address, or try again later"));
}

void
_lineup_publisher_set_transport_error (GError  *http_error,
                                       GError **error)
{
  if (http_error == NULL)
    _lineup_publisher_set_unusable_error (error);
  else if (g_error_matches (http_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, http_error->message);
  else if (g_error_matches (http_error, LINEUP_HTTP_ERROR, LINEUP_HTTP_ERROR_TOO_LARGE))
    g_set_error_literal (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_TOO_LARGE, http_error->message);
  else if (g_error_matches (http_error, LINEUP_HTTP_ERROR, LINEUP_HTTP_ERROR_INSECURE))
    g_set_error_literal (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_REJECTED, http_error->message);
  else
    g_set_error_literal (error, LINEUP_PUBLISH_ERROR,
                         g_error_matches (http_error, LINEUP_HTTP_ERROR, LINEUP_HTTP_ERROR_TLS)
                           ? LINEUP_PUBLISH_ERROR_REJECTED : LINEUP_PUBLISH_ERROR_TRANSIENT,
                         http_error->message);
}

char *
lineup_publish_format_time (gint64 utc)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (utc);

  return time ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%S.000Z") : NULL;
}

gboolean
lineup_publish_parse_time (const char *text,
                           gint64     *out_utc)
{
  g_autoptr(GDateTime) time = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  time = g_date_time_new_from_iso8601 (text, NULL);
  if (time == NULL)
    return FALSE;
  *out_utc = g_date_time_to_unix (time);
  return TRUE;
}

char *
_lineup_publisher_dup_location (LineupHttpResponse *response)
{
  const char *location = lineup_http_response_get_header (response, "location");
  g_autofree char *text = NULL;

  if (location == NULL || *location == '\0')
    return NULL;
  /* A server's bytes: not necessarily text, nor one line, nor short. */
  text = g_utf8_make_valid (location, MIN (strlen (location), 600));
  for (char *p = text; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      *p = ' ';
  if (g_utf8_strlen (text, -1) > 200)
    return g_strdup_printf ("%.*s…", (int) (g_utf8_offset_to_pointer (text, 199) - text), text);
  return g_steal_pointer (&text);
}

LineupPublishCall *
lineup_publisher_call_peek (GAsyncResult *result)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  return g_task_get_task_data (G_TASK (result));
}
