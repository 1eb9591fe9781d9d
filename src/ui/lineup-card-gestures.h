/* lineup-card-gestures.h: what every post card does with the pointer.
 *
 * The card can be dragged, offering its post (an in-process value; the drop
 * target asks the store to change it, and the views follow the store's
 * signal); a click gives it the keyboard; a double click emits its
 * "open-post" signal; a right click opens its menu at the pointer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lineup-core.h"

G_BEGIN_DECLS

typedef LineupPost *(*LineupCardPostFunc) (GtkWidget *card);
typedef void        (*LineupCardMenuFunc) (GtkWidget *card,
                                           double     x,
                                           double     y);

void lineup_card_add_gestures (GtkWidget          *card,
                               GdkDragAction       actions,
                               LineupCardPostFunc  get_post,
                               LineupCardMenuFunc  show_menu);

G_END_DECLS
