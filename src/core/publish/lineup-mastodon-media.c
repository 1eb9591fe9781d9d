/* lineup-mastodon-media.c: a post's media on Mastodon (protocols.md §7).
 *
 * Uploading each medium with its alt text as the description and waiting
 * while the server processes it, using again a medium uploaded before when
 * the server still has it, and new alt text for the media of a scheduled
 * status (PUT /api/v1/media/:id). The status itself is lineup-mastodon.c's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "lineup-mastodon-private.h"
#include "lineup-media.h"
#include "lineup-publish-media.h"

static JsonObject *
node_object (JsonNode *node)
{
  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* How long Lineup waits for the server to process one medium: polls
 * spaced 1, 2, 4, 8… seconds apart, at most 16, for about two minutes. */
#define MEDIA_POLL_FIRST_MS  LINEUP_MASTODON_MEDIA_POLL_FIRST_MS
#define MEDIA_POLL_MAX_MS    16000
#define MEDIA_POLL_TOTAL_MS  120000

gboolean
_lineup_mastodon_wait (guint         ms,
                       GCancellable *cancellable,
                       GError      **error)
{
  /* Test fakes answer at once; a test sets this to keep its run short. */
  const char *scale = g_getenv ("LINEUP_MEDIA_POLL_SCALE");
  guint scaled = scale ? (guint) (ms * g_ascii_strtod (scale, NULL)) : ms;

  /* In slices, so a cancelled sync (the app quitting) stops within 0.1 s. */
  for (guint slept = 0; slept < scaled; slept += 100)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      g_usleep ((gulong) MIN (100, scaled - slept) * 1000);
    }
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static gboolean
medium_ready (JsonNode *root)
{
  const char *url = _lineup_publish_member_string (node_object (root), "url");

  return url != NULL && *url != '\0';
}

/* Polls medium @id (whose last answer was @root) until the server has
 * processed it. */
static gboolean
wait_processed (LineupMastodon  *self,
                LineupOutgoing  *outgoing,
                const char      *id,
                JsonNode        *root,
                GCancellable    *cancellable,
                GError         **error)
{
  g_autoptr(JsonNode) last = root ? json_node_ref (root) : NULL;
  g_autofree char *escaped = lineup_http_escape (id);
  g_autofree char *path = g_strdup_printf ("/api/v1/media/%s", escaped);
  guint delay = MEDIA_POLL_FIRST_MS, waited = 0;

  /* 202 with no url: still processing; poll until it has one. */
  while (!medium_ready (last))
    {
      if (waited >= MEDIA_POLL_TOTAL_MS)
        {
          g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_TRANSIENT,
                       _("%s is still processing the media of “%s” after two minutes: Lineup tries again later"),
                       _lineup_mastodon_get_instance (self), outgoing->title);
          return FALSE;
        }
      if (!_lineup_mastodon_wait (delay, cancellable, error))
        return FALSE;
      waited += delay;
      delay = MIN (delay * 2, MEDIA_POLL_MAX_MS);
      g_clear_pointer (&last, json_node_unref);
      last = _lineup_mastodon_call (self, "GET", path, NULL, NULL, NULL, cancellable,
                                    _("wait for the media to be processed"), error);
      if (last == NULL)
        return FALSE;
    }
  return TRUE;
}

/* Uploads medium @index of @outgoing with its alt text and waits until the
 * server has processed it: its id, or NULL. The id is written into
 * outgoing->media_ids at once, so a failure later still tells the sync it
 * exists. A kill or a lost answer leaves at most an unattached medium,
 * which the server removes itself. */
static char *
upload_medium (LineupMastodon  *self,
               LineupOutgoing  *outgoing,
               guint            index,
               GCancellable    *cancellable,
               GError         **error)
{
  LineupMedium *medium = g_ptr_array_index (outgoing->media, index);
  g_autoptr(GBytes) bytes = _lineup_publish_read_medium (outgoing, index, error);
  g_autoptr(GBytes) form = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *filename = NULL;
  const char *id;

  if (bytes == NULL)
    return NULL;
  filename = g_strdup_printf ("%s.%s", medium->sha256, lineup_media_extension_for (medium->mime_type));
  form = _lineup_publish_multipart (bytes, filename, medium->mime_type,
                                    medium->alt && *medium->alt ? medium->alt : NULL, &content_type);
  root = _lineup_mastodon_call (self, "POST", "/api/v2/media", content_type, form, NULL, cancellable,
                                _("upload the post’s media"), error);
  if (root == NULL)
    return NULL;
  id = _lineup_publish_member_string (node_object (root), "id");
  if (id == NULL)
    {
      g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_TRANSIENT,
                   _("%s took the medium but gave no id for it"), _lineup_mastodon_get_instance (self));
      return NULL;
    }
  g_free (outgoing->media_ids[index]);
  outgoing->media_ids[index] = g_strdup (id);
  if (!wait_processed (self, outgoing, id, root, cancellable, error))
    return NULL;
  return g_strdup (id);
}

/* Medium @index by the id uploaded before, if the server still has it
 * (processed, or waited for); NULL without an error when it does not
 * (404: removed as unattached, or never known). */
static char *
reuse_medium (LineupMastodon  *self,
              LineupOutgoing  *outgoing,
              guint            index,
              GCancellable    *cancellable,
              GError         **error)
{
  const char *id = outgoing->media_ids[index];
  g_autofree char *escaped = lineup_http_escape (id);
  g_autofree char *path = g_strdup_printf ("/api/v1/media/%s", escaped);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = _lineup_mastodon_call (self, "GET", path, NULL, NULL, NULL, cancellable,
                                                    _("check a medium uploaded before"), &local_error);

  if (root == NULL)
    {
      if (!g_error_matches (local_error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_NOT_FOUND))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        {
          /* Forgotten, even if the upload that follows fails. */
          g_free (outgoing->media_ids[index]);
          outgoing->media_ids[index] = g_strdup ("");
        }
      return NULL;
    }
  if (!wait_processed (self, outgoing, id, root, cancellable, error))
    return NULL;
  return g_strdup (id);
}

/* The post's media on the server, in order: the ids uploaded before when
 * the server still has them, else uploaded now; NULL-terminated, or NULL. */
GStrv
_lineup_mastodon_upload_media (LineupMastodon  *self,
                               LineupOutgoing  *outgoing,
                               GCancellable    *cancellable,
                               GError         **error)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();

  if (outgoing->media_ids == NULL || g_strv_length (outgoing->media_ids) != outgoing->media->len)
    {
      g_strfreev (outgoing->media_ids);
      outgoing->media_ids = g_new0 (char *, outgoing->media->len + 1);
      for (guint i = 0; i < outgoing->media->len; i++)
        outgoing->media_ids[i] = g_strdup ("");
    }
  for (guint i = 0; i < outgoing->media->len; i++)
    {
      g_autofree char *id = NULL;
      g_autoptr(GError) local_error = NULL;

      if (*outgoing->media_ids[i])
        {
          id = reuse_medium (self, outgoing, i, cancellable, &local_error);
          if (id == NULL && local_error)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
        }
      if (id == NULL)
        id = upload_medium (self, outgoing, i, cancellable, error);
      if (id == NULL)
        return NULL;
      g_strv_builder_add (ids, id);
    }
  return g_strv_builder_end (ids);
}

/* New alt text for media of a scheduled post: PUT /api/v1/media/:id
 * (protocols.md §7); the status keeps its media. */
gboolean
_lineup_mastodon_describe_media (LineupPublisher  *publisher,
                                 const char       *title,
                                 GPtrArray        *updates,
                                 GCancellable     *cancellable,
                                 GError          **error)
{
  LineupMastodon *self = LINEUP_MASTODON (publisher);

  for (guint i = 0; i < updates->len; i++)
    {
      LineupMediaUpdate *update = g_ptr_array_index (updates, i);
      g_autofree char *escaped = lineup_http_escape (update->media_id);
      g_autofree char *path = g_strdup_printf ("/api/v1/media/%s", escaped);
      /* Translators: the first is a medium's place on the post (1, 2…), the second the post's title. */
      g_autofree char *what = g_strdup_printf (_("change the alt text of medium %u of “%s”"),
                                               update->index + 1, title ? title : "");
      g_autoptr(JsonBuilder) body = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(GError) local_error = NULL;

      json_builder_begin_object (body);
      json_builder_set_member_name (body, "description");
      json_builder_add_string_value (body, update->description ? update->description : "");
      json_builder_end_object (body);
      root = _lineup_mastodon_call (self, "PUT", path, NULL, NULL, body, cancellable, what, &local_error);
      if (root)
        continue;
      /* Gone from the server: the sync makes the status again with the
       * medium uploaded anew. */
      if (g_error_matches (local_error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_NOT_FOUND))
        {
          update->gone = TRUE;
          continue;
        }
      if (g_error_matches (local_error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_REJECTED))
        g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_REJECTED,
                     _("%s. Mastodon keeps the old alt text of medium %u of “%s”: correct the alt text and "
                       "Lineup sends it again, or choose Retry"),
                     local_error->message, update->index + 1, title ? title : "");
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}
