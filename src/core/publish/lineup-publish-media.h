/* lineup-publish-media.h: a post's media on their way to a network.
 *
 * What the backends share when they send media: the check of a post's
 * media against a network's hard limits before anything is sent
 * (lineup-platform-media.h), reading a medium's file from the plan's media
 * folder, shrinking a picture too large for a network (gdk-pixbuf: JPEG at
 * falling quality, then smaller, keeping its aspect ratio), a multipart
 * form for an upload, and a medium described in a webhook's payload.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "lineup-publisher.h"

G_BEGIN_DECLS

/* A webhook carries a medium's bytes up to this size unless its account
 * says otherwise (lineup account add … --media-bytes N). */
#define LINEUP_WEBHOOK_DEFAULT_MEDIA_BYTES ((gint64) 5 * 1000 * 1000)

/* Whether @outgoing's media break @platform's hard limits; an INVALID
 * publish error naming the post, the network and the problem when they do.
 * With @shrinks, a JPEG or PNG over the size limit passes: it is made
 * smaller before it is sent. */
gboolean  _lineup_publish_check_media    (LineupOutgoing  *outgoing,
                                          const char      *platform,
                                          gboolean         shrinks,
                                          GError         **error);
/* The bytes of @outgoing's medium @index, or NULL with an INVALID error. */
GBytes   *_lineup_publish_read_medium    (LineupOutgoing  *outgoing,
                                          guint            index,
                                          GError         **error);
/* @bytes (a picture) at most @max_bytes long: itself when it fits, else a
 * JPEG at falling quality and, if need be, fewer pixels, the aspect ratio
 * kept; @out_mime, @out_width and @out_height say what it became. NULL with
 * an INVALID error when no smaller picture fits. */
GBytes   *_lineup_publish_shrink_image   (GBytes          *bytes,
                                          const char      *mime,
                                          gsize            max_bytes,
                                          const char     **out_mime,
                                          int             *out_width,
                                          int             *out_height,
                                          GError         **error);
/* A multipart/form-data body of the file @bytes (field "file", named
 * @filename, of @mime) and a text field "description" (when not NULL);
 * @out_content_type is the header value with its boundary. */
GBytes   *_lineup_publish_multipart      (GBytes          *bytes,
                                          const char      *filename,
                                          const char      *mime,
                                          const char      *description,
                                          char           **out_content_type);
/* Adds "media": [{type, mime, size, sha256, alt, width, height,
 * duration_ms, data?, data_omitted?}] to an object being built; the bytes
 * go in base64 as "data" for a medium at most @max_bytes long (0: never);
 * without them, "data_omitted" is "off", "too_large" or "unreadable". */
void      _lineup_publish_add_media_json (JsonBuilder     *builder,
                                          LineupOutgoing  *outgoing,
                                          gint64           max_bytes);

G_END_DECLS
