/* lineup-media.h: a picture or video on a post, and reading one from a file.
 *
 * A medium is known by the SHA-256 of its bytes (the same file is stored
 * once, lineup-store-media.h), its type as its bytes say (never as its name
 * says), its size in bytes, its pixel size, a video's duration, and what
 * the post says about it: the alt text, a video's subtitles file, or that a
 * video needs none (no speech).
 *
 * lineup_media_probe() reads a file the way attaching it does: a file whose
 * content is not an image or video Lineup takes (PNG, JPEG, WebP, GIF, MP4,
 * MOV, WebM), whose content is not what its name says, that is truncated or
 * damaged (the image decoder or GStreamer's discoverer fails), or that is
 * larger than any network takes, is refused with the reason and the file's
 * name. Images are read with gdk-pixbuf (WebP from its own header), videos
 * with GstDiscoverer. No GTK here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LINEUP_MEDIA_ERROR (lineup_media_error_quark ())
GQuark lineup_media_error_quark (void);

typedef enum {
  LINEUP_MEDIA_ERROR_UNREADABLE,   /* the file cannot be read */
  LINEUP_MEDIA_ERROR_UNKNOWN_TYPE, /* not an image or video Lineup takes */
  LINEUP_MEDIA_ERROR_MISNAMED,     /* its content is not what its name says */
  LINEUP_MEDIA_ERROR_DAMAGED,      /* truncated or damaged */
  LINEUP_MEDIA_ERROR_TOO_LARGE,    /* over the largest any network takes */
} LineupMediaError;

typedef enum {
  LINEUP_MEDIA_IMAGE,
  LINEUP_MEDIA_VIDEO,
} LineupMediaKind;

/* The largest file any network Lineup publishes to takes: images (Facebook
 * and Pinterest, the most generous, stop at about 30 MB; a little room
 * above) and videos (TikTok, Instagram and Threads stop at 4 GB, a size the
 * plan's folder should not hold more of). Per-network limits are warnings
 * before approval, in the platform table. */
#define LINEUP_MEDIA_MAX_IMAGE_BYTES  ((gint64) 50 * 1000 * 1000)
#define LINEUP_MEDIA_MAX_VIDEO_BYTES  ((gint64) 4 * 1000 * 1000 * 1000)
/* A subtitles file (WebVTT or SubRip). */
#define LINEUP_MEDIA_MAX_SUBTITLES_BYTES  ((gint64) 2 * 1000 * 1000)
/* Alt text: Mastodon takes 1,500 characters, the longest of the networks
 * that take alt text at all. */
#define LINEUP_MEDIA_MAX_ALT_CHARS  1500

typedef struct {
  char            *sha256;       /* 64 lowercase hex digits */
  char            *mime_type;    /* "image/png", "video/webm" */
  LineupMediaKind  kind;
  gint64           size;         /* bytes */
  int              width;        /* pixels; 0 when unknown */
  int              height;
  gint64           duration_ms;  /* video; 0 for images */
  /* What the post says about it (lineup-store-media.h): */
  char            *alt;          /* "" when none */
  char            *subtitles;    /* the SHA-256 of its subtitles file, or NULL */
  char            *subtitles_mime;  /* "text/vtt", "application/x-subrip", or NULL */
  gboolean         no_subtitles_needed;
  char            *name;         /* the file's name when attached, for people */
} LineupMedium;

LineupMedium *lineup_medium_copy  (const LineupMedium *medium);
void          lineup_medium_free  (LineupMedium       *medium);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupMedium, lineup_medium_free)

/* "image" or "video". */
const char   *lineup_media_kind_to_key     (LineupMediaKind kind);
/* The extension the media folder names a file of @mime_type with ("png",
 * "jpg", "webp", "gif", "mp4", "mov", "webm", "vtt", "srt"), or NULL. */
const char   *lineup_media_extension_for   (const char *mime_type);

/* Whether @medium has what people who cannot see or hear it need: alt
 * text for an image; subtitles, or the mark that it needs none, for a
 * video. */
gboolean      lineup_medium_is_accessible  (const LineupMedium *medium);
/* What @medium still lacks, for people ("alt text", "subtitles"), or NULL. */
const char   *lineup_medium_missing        (const LineupMedium *medium);

/* The type the first bytes of a file say (@len at least 16 to tell), or
 * NULL: image/png, image/jpeg, image/webp, image/gif, video/mp4,
 * video/quicktime, video/webm. */
const char   *lineup_media_sniff           (const guint8 *data,
                                            gsize         len);

/* Reads the file at @path: its hash, type, size, pixel size and duration
 * (alt text empty, no subtitles, @name its base name), or NULL with a
 * LINEUP_MEDIA_ERROR that names the file and says why and what to do. */
LineupMedium *lineup_media_probe           (const char  *path,
                                            GError     **error);

/* lineup_media_probe() in a worker thread, for a window that must not wait
 * on a large video: @callback runs in the caller's main context. */
void          lineup_media_probe_async     (const char           *path,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
LineupMedium *lineup_media_probe_finish    (GAsyncResult         *result,
                                            GError              **error);

/* Reads a subtitles file (WebVTT or SubRip, UTF-8): its SHA-256 in
 * @out_sha256 and type in @out_mime, or FALSE with the reason. */
gboolean      lineup_media_probe_subtitles (const char  *path,
                                            char       **out_sha256,
                                            char       **out_mime,
                                            GError     **error);

/* Trims @alt and checks it: one paragraph or more of text, at most
 * LINEUP_MEDIA_MAX_ALT_CHARS characters. The trimmed text, or NULL. */
char         *lineup_media_check_alt       (const char  *alt,
                                            GError     **error);

G_END_DECLS
