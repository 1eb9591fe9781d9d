/* lineup-fill-gaps-dialog.h: Fill Gaps…: the evergreen posts proposed for
 * the month's open times (lineup-reuse.h) as a preview, one row a copy
 * with a check box so the lead can drop some; "Add N Posts" adds the ones
 * still ticked as Draft copies in one undo step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lineup-core.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_FILL_GAPS_DIALOG (lineup_fill_gaps_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LineupFillGapsDialog, lineup_fill_gaps_dialog, LINEUP, FILL_GAPS_DIALOG, AdwWindow)

/* The proposal for @year/@month. Emits "done" with what to tell the
 * person ("Added 3 evergreen posts as Drafts"), for a toast. */
LineupFillGapsDialog *lineup_fill_gaps_dialog_new (LineupStore *store,
                                                   int          year,
                                                   int          month);

G_END_DECLS
