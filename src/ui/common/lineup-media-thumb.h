/* lineup-media-thumb.h: the small picture of a post's first medium on a
 * card or row: its thumbnail (lineup-thumbnails.h), a film badge on a
 * video, and the count on a post with more than one (a carousel). Always
 * its size once a post has media, so nothing moves when the picture
 * arrives; hidden for a post without. Screen readers read the card's
 * description ("with 3 images"), not this.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lineup-core.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_MEDIA_THUMB (lineup_media_thumb_get_type ())
G_DECLARE_FINAL_TYPE (LineupMediaThumb, lineup_media_thumb, LINEUP, MEDIA_THUMB, GtkWidget)

/* Shown @size pixels square, from a thumbnail of @thumbnail_size. */
GtkWidget *lineup_media_thumb_new       (int               size,
                                         int               thumbnail_size);
/* Shows the first medium of @post_id (lineup_thumbnails_summary()), or
 * hides itself; returns the post's summary (NULL: no media). */
const LineupMediaSummary *lineup_media_thumb_show_post (LineupMediaThumb *self,
                                                        LineupStore      *store,
                                                        const char       *post_id);
/* The texture of a thumbnail, made once and kept with it (for cards that
 * draw themselves, lineup-board-card.c). */
GdkTexture *lineup_media_thumb_texture  (GdkPixbuf        *pixbuf);
/* What the badge over a post's thumbnail says: its count past one, a film
 * mark for a video, else NULL. */
char       *lineup_media_thumb_badge    (const LineupMediaSummary *summary);
/* Whether the picture is in (for tests and benches). */
gboolean   lineup_media_thumb_is_loaded (LineupMediaThumb *self);

G_END_DECLS
