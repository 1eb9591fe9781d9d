/* lineup-post-card.h: a post on the calendar: its title first, across the
 * card on up to two lines, with its stage mark; under it a small line of
 * time, type, each network's icon (+N past three), and its sync state when it goes to an account (a badge; the
 * detail in the tooltip and the accessible description, following every
 * change of the plan's publishing). A drag source, and the keyboard's way to
 * move a post.
 *
 * The card never changes the plan itself: it activates actions of the view
 * around it with the post's id (view.move-post (si), view.duplicate-post,
 * view.delete-post, view.unschedule-post (s), view.move-post-to (siiii):
 * a date, and minutes after midnight for a best time or -1),
 * and its "open-post" signal (Enter, double click) opens the editor
 * through win.edit-post:
 *   open                Enter, double click
 *   move-post ±days     Alt+Left/Right (±1), Alt+Up/Down (±7)
 *   duplicate-post      Ctrl+D
 *   delete-post         Delete
 *   move-post-to        Move to Date… (Ctrl+M)
 *   unschedule-post     Move to Backlog
 * Right-click, the Menu key or Shift+F10 opens these as a menu.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lineup-core.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_POST_CARD (lineup_post_card_get_type ())
G_DECLARE_FINAL_TYPE (LineupPostCard, lineup_post_card, LINEUP, POST_CARD, GtkWidget)

LineupPostCard *lineup_post_card_new      (void);
/* @force rebinds even the same post (after pillars or the zone changed). */
void            lineup_post_card_bind     (LineupPostCard *self,
                                           LineupStore    *store,
                                           LineupPost     *post,
                                           gboolean        force);
LineupPost     *lineup_post_card_get_post (LineupPostCard *self);
/* Compact cards: inside a day of the grid, where width is short. */
void            lineup_post_card_set_compact (LineupPostCard *self,
                                              gboolean        compact);

G_END_DECLS
