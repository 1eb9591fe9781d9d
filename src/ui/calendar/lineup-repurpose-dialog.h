/* lineup-repurpose-dialog.h: Repurpose as…: asks for the new post's type
 * and networks, then makes a Draft linked to the post with its brief
 * carried over (lineup_store_repurpose_post), on the post's day or, for an
 * idea, in the backlog; one undo step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lineup-core.h"

G_BEGIN_DECLS

/* Shows the dialog over @parent's window; the outcome is told with
 * lineup_view_toast () on @parent. */
void lineup_repurpose_dialog_show (GtkWidget   *parent,
                                   LineupStore *store,
                                   LineupPost  *post);

G_END_DECLS
