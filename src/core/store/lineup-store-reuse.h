/* lineup-store-reuse.h: posts made again from other posts: evergreen marks
 * (a published post that may come back as a copy), repurposed posts (a
 * Draft of another type or network made from a post's brief), and the
 * family they make (a post's source and copies).
 *
 * The link and the mark are the post's own fields (source id, evergreen),
 * so they are undone, redone and shared with the post. Each change here is
 * one operation and one undo step. What to propose is lineup-evergreen.h
 * (pure) and lineup-reuse.h (read from the store).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-store.h"

G_BEGIN_DECLS

/* Marks post @id evergreen (it must be published) with @min_gap_days
 * between uses and @until ("YYYY-MM-DD", NULL: no end), or, with
 * @evergreen FALSE, takes the mark away. */
gboolean    lineup_store_set_evergreen        (LineupStore  *self,
                                               const char   *id,
                                               gboolean      evergreen,
                                               guint         min_gap_days,
                                               const char   *until,
                                               GError      **error);
/* The live evergreen posts, in time order. */
GPtrArray  *lineup_store_list_evergreen       (LineupStore  *self,
                                               GError      **error);

/* A new Draft linked to post @id (its source): the title, caption, brief,
 * pillar and campaign carried over; @type_id its type, @platforms its
 * networks (NULL: the source's); on @date at the source's time of day (the
 * default time for an undated source), or undated (@date NULL). */
LineupPost *lineup_store_repurpose_post       (LineupStore        *self,
                                               const char         *id,
                                               gint64              type_id,
                                               const char * const *platforms,
                                               const GDate        *date,
                                               GError            **error);

/* One copy an evergreen fill adds. */
typedef struct {
  LineupPost *source;     /* the evergreen post */
  gint64      at;
  const char *platform;   /* static key */
} LineupReuseCopy;

void        lineup_reuse_copy_free            (LineupReuseCopy *copy);
/* Adds a Draft copy of each (LineupReuseCopy) linked to its source, on its
 * time and network, all in one transaction and one undo step. Returns the
 * copies added (LineupPost). */
GPtrArray  *lineup_store_add_evergreen_copies (LineupStore  *self,
                                               GPtrArray    *copies,
                                               GError      **error);

/* The family of @post: its source (NULL when it has none or it is gone)
 * and the live posts made from it, in time order. */
gboolean    lineup_store_get_family           (LineupStore  *self,
                                               LineupPost   *post,
                                               LineupPost  **out_source,
                                               GPtrArray   **out_children,
                                               GError      **error);

G_END_DECLS
