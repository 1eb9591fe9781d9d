/* lineup-post-row.h: one row of the List view: a day header or a post.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lineup-core.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_POST_ROW (lineup_post_row_get_type ())
G_DECLARE_FINAL_TYPE (LineupPostRow, lineup_post_row, LINEUP, POST_ROW, GtkWidget)

LineupPostRow *lineup_post_row_new  (void);
/* @item is a LineupPost or a LineupAgendaHeader. */
void           lineup_post_row_bind (LineupPostRow *self,
                                     LineupStore   *store,
                                     GObject       *item);

/* Forgets the item: the row no longer names a post or a day. */
void           lineup_post_row_unbind (LineupPostRow *self);

/* "09:00" in the plan's zone, or "—" for an undated post. */
char          *lineup_post_local_time     (LineupStore   *store,
                                           LineupPost    *post);
/* "LinkedIn, Mastodon" */
char          *lineup_post_platform_names (LineupPost    *post);
/* What a screen reader says after the title: time, pillar, type,
 * platforms, stage. Rows and cards say the same. */
char          *lineup_post_describe       (LineupStore   *store,
                                           LineupPost    *post);

/* "Thursday 10 December 2026" for @date, as day cells and headers say it. */
char          *lineup_format_day    (const GDate   *date);

G_END_DECLS
