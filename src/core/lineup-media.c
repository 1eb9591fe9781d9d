/* lineup-media.c: a medium's type from its bytes, reading an image with
 * gdk-pixbuf and a video with GstDiscoverer, hashing, and the refusals of a
 * file Lineup cannot take (lineup-media.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>

#include "lineup-media.h"

G_DEFINE_QUARK (lineup-media-error-quark, lineup_media_error)

/* How long GStreamer may take to read a video's metadata. */
#define DISCOVER_TIMEOUT_SECONDS 20

LineupMedium *
lineup_medium_copy (const LineupMedium *medium)
{
  LineupMedium *copy;

  if (medium == NULL)
    return NULL;
  copy = g_new0 (LineupMedium, 1);
  *copy = *medium;
  copy->sha256 = g_strdup (medium->sha256);
  copy->mime_type = g_strdup (medium->mime_type);
  copy->alt = g_strdup (medium->alt);
  copy->subtitles = g_strdup (medium->subtitles);
  copy->subtitles_mime = g_strdup (medium->subtitles_mime);
  copy->name = g_strdup (medium->name);
  return copy;
}

void
lineup_medium_free (LineupMedium *medium)
{
  if (medium == NULL)
    return;
  g_free (medium->sha256);
  g_free (medium->mime_type);
  g_free (medium->alt);
  g_free (medium->subtitles);
  g_free (medium->subtitles_mime);
  g_free (medium->name);
  g_free (medium);
}

const char *
lineup_media_kind_to_key (LineupMediaKind kind)
{
  return kind == LINEUP_MEDIA_VIDEO ? "video" : "image";
}

static const struct {
  const char *mime;
  const char *extension;
  const char *label;     /* for people: what it is */
} types[] = {
  { "image/png", "png", N_("a PNG image") },
  { "image/jpeg", "jpg", N_("a JPEG image") },
  { "image/webp", "webp", N_("a WebP image") },
  { "image/gif", "gif", N_("a GIF image") },
  { "video/mp4", "mp4", N_("an MP4 video") },
  { "video/quicktime", "mov", N_("a QuickTime (MOV) video") },
  { "video/webm", "webm", N_("a WebM video") },
  { "text/vtt", "vtt", N_("WebVTT subtitles") },
  { "application/x-subrip", "srt", N_("SubRip subtitles") },
};

const char *
lineup_media_extension_for (const char *mime_type)
{
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_strcmp0 (types[i].mime, mime_type) == 0)
      return types[i].extension;
  return NULL;
}

static const char *
type_label (const char *mime_type)
{
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_strcmp0 (types[i].mime, mime_type) == 0)
      return _(types[i].label);
  return mime_type;
}

gboolean
lineup_medium_is_accessible (const LineupMedium *medium)
{
  return lineup_medium_missing (medium) == NULL;
}

const char *
lineup_medium_missing (const LineupMedium *medium)
{
  g_return_val_if_fail (medium != NULL, NULL);
  if (medium->kind == LINEUP_MEDIA_IMAGE)
    return medium->alt && *medium->alt ? NULL : _("alt text");
  return medium->subtitles || medium->no_subtitles_needed ? NULL : _("subtitles");
}

/* ---- the type from the bytes ---- */

static gboolean
has_bytes_at (const guint8 *data,
              gsize         len,
              gsize         offset,
              const char   *bytes,
              gsize         n)
{
  return len >= offset + n && memcmp (data + offset, bytes, n) == 0;
}

const char *
lineup_media_sniff (const guint8 *data,
                    gsize         len)
{
  if (has_bytes_at (data, len, 0, "\x89PNG\r\n\x1a\n", 8))
    return "image/png";
  if (has_bytes_at (data, len, 0, "\xff\xd8\xff", 3))
    return "image/jpeg";
  if (has_bytes_at (data, len, 0, "GIF87a", 6) || has_bytes_at (data, len, 0, "GIF89a", 6))
    return "image/gif";
  if (has_bytes_at (data, len, 0, "RIFF", 4) && has_bytes_at (data, len, 8, "WEBP", 4))
    return "image/webp";
  if (has_bytes_at (data, len, 4, "ftyp", 4) && len >= 12)
    {
      /* ISO base media: the major brand tells QuickTime from MP4, and
       * HEIF/AVIF pictures (not taken) from both. */
      static const char * const still[] = { "heic", "heix", "mif1", "msf1", "avif", "avis" };

      for (guint i = 0; i < G_N_ELEMENTS (still); i++)
        if (has_bytes_at (data, len, 8, still[i], 4))
          return NULL;
      return has_bytes_at (data, len, 8, "qt  ", 4) ? "video/quicktime" : "video/mp4";
    }
  if (has_bytes_at (data, len, 0, "\x1a\x45\xdf\xa3", 4))
    {
      /* EBML: WebM when its DocType says so (a Matroska .mkv is not taken). */
      for (gsize i = 4; i + 4 <= len && i < 64; i++)
        if (memcmp (data + i, "webm", 4) == 0)
          return "video/webm";
      return NULL;
    }
  return NULL;
}

/* The types a file's name promises, or NULL when its name promises none. */
static const char * const *
expected_types (const char *name)
{
  static const char * const png[] = { "image/png", NULL };
  static const char * const jpeg[] = { "image/jpeg", NULL };
  static const char * const webp[] = { "image/webp", NULL };
  static const char * const gif[] = { "image/gif", NULL };
  /* MP4 and QuickTime are one family: cameras name either either way. */
  static const char * const mp4[] = { "video/mp4", "video/quicktime", NULL };
  static const char * const webm[] = { "video/webm", NULL };
  static const struct { const char *ext; const char * const *types; } table[] = {
    { "png", png }, { "jpg", jpeg }, { "jpeg", jpeg }, { "jpe", jpeg }, { "webp", webp }, { "gif", gif },
    { "mp4", mp4 }, { "m4v", mp4 }, { "mov", mp4 }, { "qt", mp4 }, { "webm", webm },
  };
  const char *dot = strrchr (name, '.');
  g_autofree char *ext = NULL;

  if (dot == NULL)
    return NULL;
  ext = g_ascii_strdown (dot + 1, -1);
  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    if (g_str_equal (table[i].ext, ext))
      return table[i].types;
  return NULL;
}

static gboolean
refuse (GError     **error,
        int          code,
        const char  *format,
        ...) G_GNUC_PRINTF (3, 4);

static gboolean
refuse (GError     **error,
        int          code,
        const char  *format,
        ...)
{
  va_list args;
  GError *local;

  va_start (args, format);
  local = g_error_new_valist (LINEUP_MEDIA_ERROR, code, format, args);
  va_end (args);
  g_propagate_error (error, local);
  return FALSE;
}

/* ---- images ---- */

static guint32
le24 (const guint8 *p)
{
  return p[0] | (p[1] << 8) | (p[2] << 16);
}

/* A WebP's pixel size from its first chunk (gdk-pixbuf reads WebP only
 * with a loader Debian does not install by default), and whether the file
 * is as long as its RIFF header says. */
static gboolean
webp_info (const guint8 *head,
           gsize         len,
           gint64        size,
           int          *width,
           int          *height)
{
  guint32 riff = head[4] | (head[5] << 8) | (head[6] << 16) | ((guint32) head[7] << 24);

  if ((gint64) riff + 8 > size || len < 30)
    return FALSE;
  if (memcmp (head + 12, "VP8 ", 4) == 0)
    {
      *width = (head[26] | (head[27] << 8)) & 0x3fff;
      *height = (head[28] | (head[29] << 8)) & 0x3fff;
    }
  else if (memcmp (head + 12, "VP8L", 4) == 0)
    {
      guint32 bits = head[21] | (head[22] << 8) | (head[23] << 16) | ((guint32) head[24] << 24);

      *width = (bits & 0x3fff) + 1;
      *height = ((bits >> 14) & 0x3fff) + 1;
    }
  else if (memcmp (head + 12, "VP8X", 4) == 0)
    {
      *width = le24 (head + 24) + 1;
      *height = le24 (head + 27) + 1;
    }
  else
    return FALSE;
  return *width > 0 && *height > 0;
}

/* Whether an image's last bytes are its format's end: the incremental
 * decoders take a file cut short without a word, but a PNG ends with its
 * IEND chunk, a JPEG with its EOI marker (some cameras pad after it), a GIF
 * with its trailer. */
static gboolean
image_is_complete (const char   *mime,
                   const guint8 *tail,
                   gsize         len)
{
  if (g_str_equal (mime, "image/png"))
    return len >= 12 && memcmp (tail + len - 12, "\0\0\0\0IEND\xae\x42\x60\x82", 12) == 0;
  if (g_str_equal (mime, "image/jpeg"))
    {
      for (gsize i = len; i >= 2; i--)
        if (tail[i - 2] == 0xff && tail[i - 1] == 0xd9)
          return TRUE;
      return FALSE;
    }
  if (g_str_equal (mime, "image/gif"))
    {
      for (gsize i = len; i >= 1; i--)
        if (tail[i - 1] == 0x3b)
          return TRUE;
      return FALSE;
    }
  return TRUE;
}

/* ---- videos ---- */

static gboolean
discover_video (const char    *path,
                const char    *name,
                LineupMedium  *medium,
                GError       **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GstDiscoverer) discoverer = NULL;
  g_autoptr(GstDiscovererInfo) info = NULL;
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *uri = NULL;
  GList *streams;
  gboolean ok = FALSE;

  if (!gst_init_check (NULL, NULL, &local))
    return refuse (error, LINEUP_MEDIA_ERROR_UNREADABLE,
                   _("Could not read the video “%s”: GStreamer could not start (%s). Install GStreamer (gstreamer1.0-plugins-base and -good) and try again."),
                   name, local->message);
  uri = g_filename_to_uri (absolute, NULL, &local);
  if (uri == NULL)
    return refuse (error, LINEUP_MEDIA_ERROR_UNREADABLE, _("Could not read the video “%s”: %s"), name, local->message);
  discoverer = gst_discoverer_new (DISCOVER_TIMEOUT_SECONDS * GST_SECOND, &local);
  if (discoverer == NULL)
    return refuse (error, LINEUP_MEDIA_ERROR_UNREADABLE,
                   _("Could not read the video “%s”: %s. Install gstreamer1.0-plugins-base and try again."),
                   name, local->message);
  info = gst_discoverer_discover_uri (discoverer, uri, &local);
  if (info == NULL)
    return refuse (error, LINEUP_MEDIA_ERROR_DAMAGED,
                   _("“%s” is truncated or damaged: GStreamer could not read it (%s). Export the video again and attach the new file."),
                   name, local ? local->message : "?");
  switch (gst_discoverer_info_get_result (info))
    {
    case GST_DISCOVERER_OK:
      break;
    case GST_DISCOVERER_MISSING_PLUGINS:
      return refuse (error, LINEUP_MEDIA_ERROR_UNREADABLE,
                     _("Could not read the video “%s”: this system lacks the GStreamer plugins for it. Install gstreamer1.0-plugins-good and try again."),
                     name);
    case GST_DISCOVERER_TIMEOUT:
      return refuse (error, LINEUP_MEDIA_ERROR_DAMAGED,
                     _("“%s” could not be read within %d seconds: it may be damaged. Export the video again and attach the new file."),
                     name, DISCOVER_TIMEOUT_SECONDS);
    default:
      {
        g_autofree char *why = g_strdup (local ? local->message : "");

        /* GStreamer's messages end with a full stop; ours follows. */
        if (g_str_has_suffix (why, "."))
          why[strlen (why) - 1] = '\0';
        return refuse (error, LINEUP_MEDIA_ERROR_DAMAGED,
                       _("“%s” is truncated or damaged: GStreamer could not read it%s%s. Export the video again and attach the new file."),
                       name, *why ? ": " : "", why);
      }
    }

  streams = gst_discoverer_info_get_video_streams (info);
  for (GList *l = streams; l; l = l->next)
    {
      GstDiscovererVideoInfo *video = l->data;

      if (gst_discoverer_video_info_is_image (video))
        continue;
      medium->width = (int) gst_discoverer_video_info_get_width (video);
      medium->height = (int) gst_discoverer_video_info_get_height (video);
      ok = TRUE;
      break;
    }
  gst_discoverer_stream_info_list_free (streams);
  if (!ok)
    return refuse (error, LINEUP_MEDIA_ERROR_DAMAGED,
                   _("“%s” has no picture: it holds no video stream. Attach a video, or an image for a still."),
                   name);
  if (GST_CLOCK_TIME_IS_VALID (gst_discoverer_info_get_duration (info)))
    medium->duration_ms = (gint64) (gst_discoverer_info_get_duration (info) / GST_MSECOND);
  return TRUE;
}

/* ---- reading a file ---- */

static char *
format_size (gint64 bytes)
{
  return g_format_size ((guint64) bytes);
}

LineupMedium *
lineup_media_probe (const char  *path,
                    GError     **error)
{
  g_autoptr(LineupMedium) medium = g_new0 (LineupMedium, 1);
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) local = NULL;
  guint8 head[64];
  gsize head_len = 0;
  guint8 tail[64];
  gsize tail_len = 0;
  const char * const *expected;
  const char *mime;
  gint64 limit;
  guint8 *buffer;
  gboolean is_webp;

  g_return_val_if_fail (path != NULL, NULL);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local);
  if (info == NULL)
    {
      refuse (error, LINEUP_MEDIA_ERROR_UNREADABLE, _("Could not read “%s”: %s. Check the path and try again."),
              path, local->message);
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      refuse (error, LINEUP_MEDIA_ERROR_UNREADABLE, _("“%s” is not a file: give the path of an image or a video"), path);
      return NULL;
    }
  medium->size = g_file_info_get_size (info);
  medium->name = g_steal_pointer (&name);

  stream = g_file_read (file, NULL, &local);
  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head, &head_len, NULL, &local))
    {
      refuse (error, LINEUP_MEDIA_ERROR_UNREADABLE, _("Could not read “%s”: %s. Check the path and try again."),
              path, local->message);
      return NULL;
    }

  mime = lineup_media_sniff (head, head_len);
  expected = expected_types (medium->name);
  if (mime == NULL)
    {
      if (expected)
        refuse (error, LINEUP_MEDIA_ERROR_MISNAMED,
                _("“%s” is named as %s, but its content is not a picture or video Lineup takes (PNG, JPEG, WebP, GIF, MP4, MOV or WebM): attach the right file, or convert it to one of those"),
                medium->name, type_label (expected[0]));
      else
        refuse (error, LINEUP_MEDIA_ERROR_UNKNOWN_TYPE,
                _("“%s” is not a picture or video Lineup takes: its content is not PNG, JPEG, WebP, GIF, MP4, MOV or WebM. Convert it to one of those and attach it again."),
                medium->name);
      return NULL;
    }
  if (expected && !g_strv_contains (expected, mime))
    {
      refuse (error, LINEUP_MEDIA_ERROR_MISNAMED,
              _("“%s” is named as %s, but its content is %s: rename it to .%s, or attach the right file"),
              medium->name, type_label (expected[0]), type_label (mime), lineup_media_extension_for (mime));
      return NULL;
    }
  medium->mime_type = g_strdup (mime);
  medium->kind = g_str_has_prefix (mime, "video/") ? LINEUP_MEDIA_VIDEO : LINEUP_MEDIA_IMAGE;
  medium->alt = g_strdup ("");

  limit = medium->kind == LINEUP_MEDIA_VIDEO ? LINEUP_MEDIA_MAX_VIDEO_BYTES : LINEUP_MEDIA_MAX_IMAGE_BYTES;
  if (medium->size > limit)
    {
      g_autofree char *size = format_size (medium->size);
      g_autofree char *max = format_size (limit);

      refuse (error, LINEUP_MEDIA_ERROR_TOO_LARGE,
              medium->kind == LINEUP_MEDIA_VIDEO
                ? _("“%s” is %s: no network takes a video over %s. Shorten it or export it at a lower bitrate, then attach it again.")
                : _("“%s” is %s: no network takes an image over %s. Resize or recompress it, then attach it again."),
              medium->name, size, max);
      return NULL;
    }

  /* One pass over the bytes: the hash, and for an image the decoder, which
   * fails on a truncated or damaged file. */
  is_webp = g_str_equal (mime, "image/webp");
  if (medium->kind == LINEUP_MEDIA_IMAGE && !is_webp)
    {
      loader = gdk_pixbuf_loader_new_with_mime_type (mime, &local);
      if (loader == NULL)
        {
          refuse (error, LINEUP_MEDIA_ERROR_UNREADABLE,
                  _("Could not read the image “%s”: %s. Install the gdk-pixbuf loaders (libgdk-pixbuf2.0-bin) and try again."),
                  medium->name, local->message);
          return NULL;
        }
    }
  g_checksum_update (checksum, head, head_len);
  memcpy (tail, head, head_len);
  tail_len = head_len;
  if (loader && head_len > 0 && !gdk_pixbuf_loader_write (loader, head, head_len, &local))
    goto damaged;
  buffer = g_malloc (1 << 16);
  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, 1 << 16, NULL, &local);

      if (n < 0)
        {
          g_free (buffer);
          if (loader)
            gdk_pixbuf_loader_close (loader, NULL);
          refuse (error, LINEUP_MEDIA_ERROR_UNREADABLE, _("Could not read “%s”: %s. Check the file and try again."),
                  path, local->message);
          return NULL;
        }
      if (n == 0)
        break;
      g_checksum_update (checksum, buffer, n);
      if ((gsize) n >= sizeof tail)
        {
          memcpy (tail, buffer + n - sizeof tail, sizeof tail);
          tail_len = sizeof tail;
        }
      else
        {
          gsize keep = MIN (tail_len, sizeof tail - n);

          memmove (tail, tail + tail_len - keep, keep);
          memcpy (tail + keep, buffer, n);
          tail_len = keep + n;
        }
      if (loader && !gdk_pixbuf_loader_write (loader, buffer, n, &local))
        {
          g_free (buffer);
          goto damaged;
        }
    }
  g_free (buffer);
  medium->sha256 = g_strdup (g_checksum_get_string (checksum));

  if (loader)
    {
      GdkPixbufAnimation *animation;

      if (!gdk_pixbuf_loader_close (loader, &local))
        goto damaged;
      if (!image_is_complete (mime, tail, tail_len))
        {
          refuse (error, LINEUP_MEDIA_ERROR_DAMAGED,
                  _("“%s” is truncated: the file ends before the image does. Export or download it again and attach the new file."),
                  medium->name);
          return NULL;
        }
      animation = gdk_pixbuf_loader_get_animation (loader);
      if (animation == NULL)
        goto damaged;
      medium->width = gdk_pixbuf_animation_get_width (animation);
      medium->height = gdk_pixbuf_animation_get_height (animation);
    }
  else if (is_webp)
    {
      if (!webp_info (head, head_len, medium->size, &medium->width, &medium->height))
        goto damaged;
    }
  else if (!discover_video (path, medium->name, medium, error))
    return NULL;
  return g_steal_pointer (&medium);

damaged:
  if (loader)
    gdk_pixbuf_loader_close (loader, NULL);
  refuse (error, LINEUP_MEDIA_ERROR_DAMAGED,
          _("“%s” is truncated or damaged: the image cannot be read to its end (%s). Export or download it again and attach the new file."),
          medium->name, local ? local->message : _("its size does not match its header"));
  return NULL;
}

static void
probe_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  LineupMedium *medium = lineup_media_probe (data, &error);

  if (medium)
    g_task_return_pointer (task, medium, (GDestroyNotify) lineup_medium_free);
  else
    g_task_return_error (task, error);
}

void
lineup_media_probe_async (const char          *path,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_return_if_fail (path != NULL);
  g_task_set_source_tag (task, lineup_media_probe_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, probe_thread);
}

LineupMedium *
lineup_media_probe_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
lineup_media_probe_subtitles (const char  *path,
                              char       **out_sha256,
                              char       **out_mime,
                              GError     **error)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *contents = NULL;
  g_autoptr(GError) local = NULL;
  g_auto(GStrv) lines = NULL;
  const char *text, *mime = NULL;
  gsize length;
  guint first = 0;

  if (!g_file_get_contents (path, &contents, &length, &local))
    return refuse (error, LINEUP_MEDIA_ERROR_UNREADABLE, _("Could not read “%s”: %s. Check the path and try again."),
                   path, local->message);
  if ((gint64) length > LINEUP_MEDIA_MAX_SUBTITLES_BYTES)
    return refuse (error, LINEUP_MEDIA_ERROR_TOO_LARGE,
                   _("“%s” is too large for a subtitles file (over 2 MB): give a WebVTT (.vtt) or SubRip (.srt) file"), name);
  text = contents;
  if (g_str_has_prefix (text, "\xef\xbb\xbf"))
    text += 3;
  if (!g_utf8_validate (text, length - (text - contents), NULL) || memchr (contents, '\0', length))
    return refuse (error, LINEUP_MEDIA_ERROR_UNKNOWN_TYPE,
                   _("“%s” is not subtitles: it is not UTF-8 text. Give a WebVTT (.vtt) or SubRip (.srt) file in UTF-8."), name);
  lines = g_strsplit (text, "\n", 4);
  while (lines[first] && *g_strstrip (lines[first]) == '\0')
    first++;
  if (lines[first] && g_str_has_prefix (lines[first], "WEBVTT"))
    mime = "text/vtt";
  else if (lines[first] && *lines[first] && strspn (lines[first], "0123456789") == strlen (lines[first]) &&
           lines[first + 1] && strstr (lines[first + 1], "-->"))
    mime = "application/x-subrip";
  if (mime == NULL)
    return refuse (error, LINEUP_MEDIA_ERROR_UNKNOWN_TYPE,
                   _("“%s” is not subtitles Lineup knows: give a WebVTT file (starting with “WEBVTT”) or a SubRip (.srt) file"), name);
  *out_sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  *out_mime = g_strdup (mime);
  return TRUE;
}

char *
lineup_media_check_alt (const char  *alt,
                        GError     **error)
{
  g_autofree char *text = NULL;
  glong n;

  if (alt == NULL)
    alt = "";
  if (!g_utf8_validate (alt, -1, NULL))
    {
      refuse (error, LINEUP_MEDIA_ERROR_UNKNOWN_TYPE, _("The alt text is not valid UTF-8 text: type it again"));
      return NULL;
    }
  text = g_strstrip (g_strdup (alt));
  n = g_utf8_strlen (text, -1);
  if (n > LINEUP_MEDIA_MAX_ALT_CHARS)
    {
      refuse (error, LINEUP_MEDIA_ERROR_TOO_LARGE,
              _("The alt text has %ld characters; networks take at most %d: describe what matters in the picture more briefly"),
              n, LINEUP_MEDIA_MAX_ALT_CHARS);
      return NULL;
    }
  return g_steal_pointer (&text);
}
