/* lineup-sync-badge.h: the badge of a post's sync state, for the cards and
 * rows of every view.
 *
 * Icons and style classes only; what state a post is in and its words are
 * the core's (lineup-publishing.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lineup-publishing.h"

G_BEGIN_DECLS

/* The badge of a state: a symbolic icon and a CSS class ("sync-failed"…),
 * NULL for NOT_SYNCED (nothing to show). */
const char    *lineup_sync_state_icon_name   (LineupSyncState state);
const char    *lineup_sync_state_css_class   (LineupSyncState state);

/* Shows @state's badge on @image, hidden for NOT_SYNCED; *@css_class is
 * the style class the image wears, kept up to date. */
void           lineup_sync_badge_show        (GtkWidget       *image,
                                              const char     **css_class,
                                              LineupSyncState  state);

G_END_DECLS
