/* lineup-publish-media.c: a post's media on their way to a network.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>
#include <string.h>

#include "lineup-media.h"
#include "lineup-platform-media.h"
#include "lineup-publish-media.h"

static const char *
post_name (LineupOutgoing *outgoing)
{
  return outgoing->title && *outgoing->title ? outgoing->title : _("The post");
}

static gboolean
shrinkable (const char *mime)
{
  return g_strcmp0 (mime, "image/jpeg") == 0 || g_strcmp0 (mime, "image/png") == 0;
}

gboolean
_lineup_publish_check_media (LineupOutgoing  *outgoing,
                             const char      *platform,
                             gboolean         shrinks,
                             GError         **error)
{
  const LineupPlatformMediaLimits *limits = lineup_platform_media_limits (platform);
  g_autofree LineupMediaFacts *facts = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  guint n = outgoing->media ? outgoing->media->len : 0;

  if (n == 0 || limits == NULL)
    return TRUE;
  facts = g_new0 (LineupMediaFacts, n);
  for (guint i = 0; i < n; i++)
    {
      LineupMedium *medium = g_ptr_array_index (outgoing->media, i);

      facts[i].kind = medium->kind == LINEUP_MEDIA_VIDEO ? LINEUP_MEDIA_FACTS_VIDEO : LINEUP_MEDIA_FACTS_IMAGE;
      facts[i].mime = medium->mime_type;
      facts[i].bytes = shrinks && shrinkable (medium->mime_type) ? 0 : (guint64) medium->size;
      facts[i].width = (guint) MAX (medium->width, 0);
      facts[i].height = (guint) MAX (medium->height, 0);
      facts[i].duration_ms = (guint64) MAX (medium->duration_ms, 0);
    }
  problems = lineup_platform_media_check (limits, facts, n);
  for (guint i = 0; i < problems->len; i++)
    {
      LineupMediaProblem *problem = g_ptr_array_index (problems, i);

      if (problem->level != LINEUP_MEDIA_PROBLEM_ERROR)
        continue;
      g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_INVALID,
                   _("“%s” was not sent: %s. Change its media in the editor or with lineup post detach"),
                   post_name (outgoing), problem->message);
      return FALSE;
    }
  return TRUE;
}

GBytes *
_lineup_publish_read_medium (LineupOutgoing  *outgoing,
                             guint            index,
                             GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  char *data = NULL;
  gsize length = 0;
  const char *path;

  g_return_val_if_fail (outgoing->media && index < outgoing->media->len, NULL);
  path = outgoing->media_files ? outgoing->media_files[index] : NULL;
  if (path == NULL || !g_file_get_contents (path, &data, &length, &local_error))
    {
      LineupMedium *medium = g_ptr_array_index (outgoing->media, index);

      g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_INVALID,
                   _("“%s” was not sent: the file of its medium %u (%s) is missing from the plan’s media folder (%s); attach it again"),
                   post_name (outgoing), index + 1, medium->name ? medium->name : medium->sha256,
                   local_error ? local_error->message : _("no file"));
      return NULL;
    }
  return g_bytes_new_take (data, length);
}

static GBytes *
save_jpeg (GdkPixbuf *pixbuf,
           int        quality)
{
  g_autofree char *q = g_strdup_printf ("%d", quality);
  g_autoptr(GdkPixbuf) flat = NULL;
  char *buffer = NULL;
  gsize size = 0;

  /* JPEG has no alpha: lay the picture on white. */
  if (gdk_pixbuf_get_has_alpha (pixbuf))
    flat = gdk_pixbuf_composite_color_simple (pixbuf, gdk_pixbuf_get_width (pixbuf),
                                              gdk_pixbuf_get_height (pixbuf), GDK_INTERP_NEAREST,
                                              255, 256, 0xffffffff, 0xffffffff);
  if (!gdk_pixbuf_save_to_buffer (flat ? flat : pixbuf, &buffer, &size, "jpeg", NULL,
                                  "quality", q, NULL))
    return NULL;
  return g_bytes_new_take (buffer, size);
}

GBytes *
_lineup_publish_shrink_image (GBytes      *bytes,
                              const char  *mime,
                              gsize        max_bytes,
                              const char **out_mime,
                              int         *out_width,
                              int         *out_height,
                              GError     **error)
{
  static const int qualities[] = { 90, 80, 70, 60, 50 };
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkPixbuf) oriented = NULL;
  int width, height;

  if (g_bytes_get_size (bytes) <= max_bytes || !shrinkable (mime))
    {
      *out_mime = mime;
      return g_bytes_ref (bytes);
    }
  stream = g_memory_input_stream_new_from_bytes (bytes);
  pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, NULL);
  if (pixbuf == NULL)
    goto fail;
  oriented = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  width = gdk_pixbuf_get_width (oriented);
  height = gdk_pixbuf_get_height (oriented);

  /* Falling quality first, then three quarters of the pixels each round. */
  for (guint round = 0; round < 8 && width >= 16 && height >= 16; round++)
    {
      g_autoptr(GdkPixbuf) scaled = round == 0 ? g_object_ref (oriented)
        : gdk_pixbuf_scale_simple (oriented, width, height, GDK_INTERP_BILINEAR);

      if (scaled == NULL)
        break;
      for (guint q = 0; q < G_N_ELEMENTS (qualities); q++)
        {
          g_autoptr(GBytes) jpeg = save_jpeg (scaled, qualities[q]);

          if (jpeg && g_bytes_get_size (jpeg) <= max_bytes)
            {
              *out_mime = "image/jpeg";
              *out_width = width;
              *out_height = height;
              return g_steal_pointer (&jpeg);
            }
        }
      width = width * 3 / 4;
      height = height * 3 / 4;
    }

fail:
  g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_INVALID,
               _("A picture of %lu bytes could not be made smaller than %lu bytes: attach a smaller picture"),
               (gulong) g_bytes_get_size (bytes), (gulong) max_bytes);
  return NULL;
}

GBytes *
_lineup_publish_multipart (GBytes      *bytes,
                           const char  *filename,
                           const char  *mime,
                           const char  *description,
                           char       **out_content_type)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *boundary = g_strconcat ("----lineup-", uuid, NULL);
  GByteArray *body = g_byte_array_new ();
  g_autofree char *head = NULL;
  g_autofree char *tail = g_strdup_printf ("\r\n--%s--\r\n", boundary);
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  if (description)
    {
      g_autofree char *part = g_strdup_printf ("--%s\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\n%s\r\n",
                                               boundary, description);

      g_byte_array_append (body, (const guint8 *) part, strlen (part));
    }
  head = g_strdup_printf ("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n"
                          "Content-Type: %s\r\n\r\n", boundary, filename, mime);
  g_byte_array_append (body, (const guint8 *) head, strlen (head));
  g_byte_array_append (body, data, size);
  g_byte_array_append (body, (const guint8 *) tail, strlen (tail));
  *out_content_type = g_strconcat ("multipart/form-data; boundary=", boundary, NULL);
  return g_byte_array_free_to_bytes (body);
}

void
_lineup_publish_add_media_json (JsonBuilder    *builder,
                                LineupOutgoing *outgoing,
                                gint64          max_bytes)
{
  json_builder_set_member_name (builder, "media");
  json_builder_begin_array (builder);
  for (guint i = 0; outgoing->media && i < outgoing->media->len; i++)
    {
      LineupMedium *medium = g_ptr_array_index (outgoing->media, i);
      const char *omitted;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, lineup_media_kind_to_key (medium->kind));
      json_builder_set_member_name (builder, "mime");
      json_builder_add_string_value (builder, medium->mime_type);
      json_builder_set_member_name (builder, "size");
      json_builder_add_int_value (builder, medium->size);
      json_builder_set_member_name (builder, "sha256");
      json_builder_add_string_value (builder, medium->sha256);
      json_builder_set_member_name (builder, "alt");
      json_builder_add_string_value (builder, medium->alt ? medium->alt : "");
      json_builder_set_member_name (builder, "width");
      json_builder_add_int_value (builder, medium->width);
      json_builder_set_member_name (builder, "height");
      json_builder_add_int_value (builder, medium->height);
      json_builder_set_member_name (builder, "duration_ms");
      json_builder_add_int_value (builder, medium->duration_ms);
      /* Without "data", "data_omitted" says why: "off" (the webhook
       * carries no bytes), "too_large" (over its size), "unreadable". */
      omitted = max_bytes <= 0 ? "off" : medium->size > max_bytes ? "too_large" : NULL;
      if (omitted == NULL)
        {
          g_autoptr(GBytes) bytes = _lineup_publish_read_medium (outgoing, i, NULL);

          if (bytes)
            {
              gsize size = 0;
              const guint8 *data = g_bytes_get_data (bytes, &size);
              g_autofree char *encoded = g_base64_encode (data, size);

              json_builder_set_member_name (builder, "data");
              json_builder_add_string_value (builder, encoded);
            }
          else
            omitted = "unreadable";
        }
      if (omitted)
        {
          json_builder_set_member_name (builder, "data_omitted");
          json_builder_add_string_value (builder, omitted);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}
