/* lineup-board-card.h: a post on the approval board: title, pillar stripe,
 * type, its networks (icons, "+N" past three; all named in the accessible
 * description), date, owner, approvals ("1/2"), checklist progress,
 * comments, the request for changes that sent it back, and its sync state
 * when it goes to an account (a badge at the title's end; the detail in the
 * tooltip and the accessible description). A drag source.
 *
 * The card never changes the plan itself:
 *   "open-post" (LineupPost *) signal    Enter, double click: opens the editor (win.edit-post)
 *   view.move-to-stage (si) action      Alt+Left/Right (one stage), "Move to Stage…" (Ctrl+M),
 *                                       with the post's id and the stage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lineup-core.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_BOARD_CARD (lineup_board_card_get_type ())
G_DECLARE_FINAL_TYPE (LineupBoardCard, lineup_board_card, LINEUP, BOARD_CARD, GtkWidget)

LineupBoardCard *lineup_board_card_new    (void);
/* @chain: the plan's approval chain (LineupApprovalStep), borrowed;
 * @summary: the post's workflow at a glance (may be NULL). */
void             lineup_board_card_bind   (LineupBoardCard       *self,
                                           LineupStore           *store,
                                           GPtrArray             *chain,
                                           LineupPost            *post,
                                           LineupWorkflowSummary *summary);
void             lineup_board_card_unbind (LineupBoardCard *self);
LineupPost      *lineup_board_card_get_post (LineupBoardCard *self);

G_END_DECLS
