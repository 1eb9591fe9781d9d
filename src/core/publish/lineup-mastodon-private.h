/* lineup-mastodon-private.h: what lineup-mastodon.c (accounts, statuses)
 * and lineup-mastodon-media.c (media) share. Not for other files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-mastodon.h"

G_BEGIN_DECLS

/* The first pause while the server processes a medium (it doubles). */
#define LINEUP_MASTODON_MEDIA_POLL_FIRST_MS 1000

/* lineup-mastodon.c: one API call (a JSON @body, or @raw of
 * @content_type); the parsed answer, or NULL with the right publish error. */
JsonNode   *_lineup_mastodon_call          (LineupMastodon  *self,
                                            const char      *method,
                                            const char      *path,
                                            const char      *content_type,
                                            GBytes          *raw,
                                            JsonBuilder     *body,
                                            GCancellable    *cancellable,
                                            const char      *what,
                                            GError         **error);
const char *_lineup_mastodon_get_instance  (LineupMastodon  *self);

/* lineup-mastodon-media.c */
/* Sleeps @ms (scaled by LINEUP_MEDIA_POLL_SCALE in tests), cancellable. */
gboolean    _lineup_mastodon_wait          (guint            ms,
                                            GCancellable    *cancellable,
                                            GError         **error);
/* The post's media on the server, in order: the ids uploaded before when
 * the server still has them, else uploaded now; outgoing->media_ids says
 * which ids it has, even when it fails. NULL-terminated, or NULL. */
GStrv       _lineup_mastodon_upload_media  (LineupMastodon  *self,
                                            LineupOutgoing  *outgoing,
                                            GCancellable    *cancellable,
                                            GError         **error);
/* The LineupPublisher describe_media vfunc. */
gboolean    _lineup_mastodon_describe_media (LineupPublisher *publisher,
                                             const char      *title,
                                             GPtrArray       *updates,
                                             GCancellable    *cancellable,
                                             GError         **error);

G_END_DECLS
