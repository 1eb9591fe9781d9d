/* lineup-thumbnails.h: small pictures of a post's media, for cards.
 *
 * A thumbnail of a medium (known by its SHA-256, lineup-media.h) at a size
 * (its longer side in pixels, e.g. 64 or 128) is made once, off the main
 * thread (at most two workers), and kept as a PNG in the cache folder,
 * "$XDG_CACHE_HOME/lineup/thumbnails/<sha256>-<size>.png", written whole or
 * not at all; a damaged cache file is made again. The latest thumbnails
 * asked for stay in memory (least recently used go first), so cards that
 * come back on screen show theirs at once. A video's thumbnail is its
 * poster frame, read with GStreamer. Requests for the same medium and size
 * while one is being made wait for that one. No GTK here.
 *
 * lineup_thumbnails_summary() tells cards a post's first medium and how
 * many media it has from one query of the plan (lineup-store-media.h),
 * kept until the plan's posts change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "lineup-media.h"
#include "lineup-store-media.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_THUMBNAILS (lineup_thumbnails_get_type ())
G_DECLARE_FINAL_TYPE (LineupThumbnails, lineup_thumbnails, LINEUP, THUMBNAILS, GObject)

/* The sizes cards ask for: 64 in the calendar and the list, 128 on the
 * board (twice what they show, for HiDPI screens). */
#define LINEUP_THUMBNAIL_SMALL 64
#define LINEUP_THUMBNAIL_LARGE 128

/* Thumbnails kept in @cache_dir; NULL: the user's cache folder. Callbacks
 * run in the thread-default main context of the caller of _request(). */
LineupThumbnails *lineup_thumbnails_new          (const char       *cache_dir);
/* The application's one, in the user's cache folder. */
LineupThumbnails *lineup_thumbnails_get_default  (void);

/* Where the thumbnail of @sha256 at @size is (or would be) kept. */
char             *lineup_thumbnails_get_cache_file (LineupThumbnails *self,
                                                    const char       *sha256,
                                                    int               size);

/* The thumbnail if it is in memory now, else NULL (no work, no waiting):
 * for a card being bound. */
GdkPixbuf        *lineup_thumbnails_lookup       (LineupThumbnails *self,
                                                  const char       *sha256,
                                                  int               size);

/* Makes (or reads from the cache folder) the thumbnail of the medium of
 * @sha256 kept at @path, of @kind; @callback gets it through
 * lineup_thumbnails_request_finish(). */
void              lineup_thumbnails_request      (LineupThumbnails    *self,
                                                  const char          *path,
                                                  const char          *sha256,
                                                  LineupMediaKind      kind,
                                                  int                  size,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GdkPixbuf        *lineup_thumbnails_request_finish (LineupThumbnails  *self,
                                                    GAsyncResult      *result,
                                                    GError           **error);

/* How many thumbnails this cache made from media files (not read back
 * from the cache folder or memory): for tests and benches. */
guint             lineup_thumbnails_get_decode_count (LineupThumbnails *self);

/* The post's first medium and count (NULL: no media), from one query of
 * the plan kept on @store until its posts change. */
const LineupMediaSummary *lineup_thumbnails_summary (LineupStore *store,
                                                     const char  *post_id);

/* "with 3 images", "with a video", "with 2 images and a video" for the
 * accessible description of a card; NULL without media. */
char             *lineup_thumbnails_describe     (const LineupMediaSummary *summary);

G_END_DECLS
