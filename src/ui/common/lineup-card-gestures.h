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
/* The card's context menu, built the first time it is needed (new ref). */
typedef GMenuModel *(*LineupCardMenuFunc) (GtkWidget *card);

void lineup_card_add_gestures (GtkWidget          *card,
                               GdkDragAction       actions,
                               LineupCardPostFunc  get_post,
                               LineupCardMenuFunc  build_menu);
/* The "card.menu" action, bound to Menu and Shift+F10, opening the context
 * menu below the card's corner. */
void lineup_card_class_add_menu_action (GtkWidgetClass *widget_class);

G_END_DECLS
