/* lineup-store-media.h: the media of a plan's posts (lineup-media.h).
 *
 * Files live in the plan's media folder beside its database
 * ("<plan>.media/", lineup_store_get_media_folder()), each named by its
 * SHA-256 and extension, so a file attached twice (to one post or to
 * several) is stored once. A post holds an ordered list of media, each
 * with its alt text and, for a video, its subtitles file or the mark that
 * it needs none.
 *
 * Each change below is one transaction and one undo step, and fires the
 * store's commit hook for the post. Removing a post keeps its media (undo
 * can bring it back); lineup_store_clean_media() removes the files no post
 * in the plan names any more. Positions (@index) count from 0.
 *
 * A post in Approved or Scheduled keeps its media as approved: attach,
 * detach and reorder are refused until it goes back to In review; its alt
 * text and subtitles may still change. A published post's media do not
 * change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-store.h"
#include "lineup-media.h"

G_BEGIN_DECLS

/* "<plan>.media", beside the database (the folder may not exist yet). */
char      *lineup_store_get_media_folder      (LineupStore  *self);
/* Where the file of @sha256 (of @mime_type) is kept in the media folder. */
char      *lineup_store_get_media_file        (LineupStore  *self,
                                               const char   *sha256,
                                               const char   *mime_type);

/* Whether the file of @sha256 is in the media folder. */
gboolean   lineup_store_has_media_file        (LineupStore  *self,
                                               const char   *sha256,
                                               const char   *mime_type);
/* Writes @data as the file of @sha256 (a shared plan's copy fetched it),
 * atomically; refused (LINEUP_MEDIA_ERROR_DAMAGED, naming @name) unless
 * @data's SHA-256 is @sha256. A file there already is left as it is. */
gboolean   lineup_store_write_media_file      (LineupStore  *self,
                                               const char   *sha256,
                                               const char   *mime_type,
                                               const char   *name,
                                               GBytes       *data,
                                               GError      **error);

/* The post's media in order (LineupMedium), or NULL with an error. */
GPtrArray *lineup_store_get_post_media        (LineupStore  *self,
                                               const char   *post_id,
                                               GError      **error);

/* Every post's media (deleted posts' too): post id → GPtrArray of
 * LineupMedium in order; posts without media are not in it. One query, for
 * exports of the whole plan. */
GHashTable *lineup_store_get_all_media        (LineupStore  *self);

/* What cards show of each post's media: its first medium and how many it
 * has. Post id → LineupMediaSummary; posts without media are not in it.
 * One query for the whole plan (a month of cards asks once, not per card). */
typedef struct {
  char            *sha256;     /* the first medium's */
  char            *mime_type;
  LineupMediaKind  kind;
  guint            count;      /* media on the post, 1 or more */
  guint            videos;     /* how many of them are videos */
} LineupMediaSummary;

void        lineup_media_summary_free          (LineupMediaSummary *summary);
GHashTable *lineup_store_get_media_summaries   (LineupStore  *self);

/* Reads each of @paths (lineup_media_probe(): one refused file refuses
 * them all, nothing changes), copies them into the media folder and adds
 * them at the end of the post's media, each with @alt (NULL: none). One
 * undo step. */
gboolean   lineup_store_attach_media          (LineupStore        *self,
                                               const char         *post_id,
                                               const char * const *paths,
                                               const char         *alt,
                                               GError            **error);
/* The same with the files already read: @media (LineupMedium) holds what
 * lineup_media_probe() (or lineup_media_probe_async() off the main thread)
 * said of each of @paths, in their order; their alt text is @alt. The plan
 * changes as lineup_store_attach_media() changes it. */
gboolean   lineup_store_attach_probed_media   (LineupStore        *self,
                                               const char         *post_id,
                                               const char * const *paths,
                                               GPtrArray          *media,
                                               const char         *alt,
                                               GError            **error);
/* Takes the medium at @index off the post (its file stays until
 * lineup_store_clean_media()). */
gboolean   lineup_store_detach_medium         (LineupStore  *self,
                                               const char   *post_id,
                                               guint         index,
                                               GError      **error);
/* Moves the medium at @from to @to, the others closing up. */
gboolean   lineup_store_move_medium           (LineupStore  *self,
                                               const char   *post_id,
                                               guint         from,
                                               guint         to,
                                               GError      **error);
/* Sets the alt text of the medium at @index ("" or NULL: none). */
gboolean   lineup_store_set_medium_alt        (LineupStore  *self,
                                               const char   *post_id,
                                               guint         index,
                                               const char   *alt,
                                               GError      **error);
/* A video's subtitles: a WebVTT or SubRip file at @path, copied into the
 * media folder; or with @path NULL, none, and @none_needed says whether
 * it needs any (no speech in it). */
gboolean   lineup_store_set_medium_subtitles  (LineupStore  *self,
                                               const char   *post_id,
                                               guint         index,
                                               const char   *path,
                                               gboolean      none_needed,
                                               GError      **error);

/* Removes the files of the media folder (and their records) that no post
 * of the plan names, deleted posts included (undo may bring those back).
 * @out_files and @out_bytes say how many and how much. */
gboolean   lineup_store_clean_media           (LineupStore  *self,
                                               guint        *out_files,
                                               gint64       *out_bytes,
                                               GError      **error);
/* What lineup_store_clean_media() would remove, without removing it. */
gboolean   lineup_store_count_unused_media    (LineupStore  *self,
                                               guint        *out_files,
                                               gint64       *out_bytes,
                                               GError      **error);

/* For the checklist (lineup-store-workflow.c): whether the post has media
 * and whether every one is accessible (lineup_medium_is_accessible()). */
gboolean   lineup_store_media_accessibility   (LineupStore  *self,
                                               const char   *post_id,
                                               gboolean     *out_has_media,
                                               gboolean     *out_accessible,
                                               GError      **error);

/* Whether a checklist item's text is the one the media compute ("alt
 * text", any case): ticked only while every medium of a post with media
 * is accessible. */
gboolean   lineup_checklist_text_is_media_item (const char *text);

G_END_DECLS
