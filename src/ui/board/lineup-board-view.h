/* lineup-board-view.h: the approval board: one column per stage.
 *
 * The header scopes it (this week, this month, the calendar's month, all:
 * the "board-scope" setting); each column shows its newest work first and
 * its posts with no date apart, below.
 * Dropping a card on a column asks the workflow to move the post there; a
 * refused move leaves everything as it was and says why in a toast. While
 * a card is dragged, the columns that would refuse it say so.
 * A LineupView (lineup-view.h): cards open posts and toasts go through the
 * window's actions; cards move posts through view.move-to-stage.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lineup-core.h"
#include "lineup-view.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_BOARD_VIEW (lineup_board_view_get_type ())
G_DECLARE_FINAL_TYPE (LineupBoardView, lineup_board_view, LINEUP, BOARD_VIEW, AdwBin)

void lineup_board_view_set_store  (LineupBoardView *self,
                                   LineupStore     *store);
void lineup_board_view_set_filter (LineupBoardView *self,
                                   LineupFilter    *filter);
/* The month the calendar shows, for the "Calendar’s Month" scope. */
void lineup_board_view_set_calendar_month (LineupBoardView *self,
                                           int              year,
                                           int              month);

G_END_DECLS
