/* lineup-workflow-panel.h: the editor's part about the workflow: the
 * approval chain's status with Approve and Request Changes, the difference
 * since the approved version, the checklist, the comments and the history.
 *
 * Everything here is a record that takes effect at once (not on Save).
 * Signals: post-changed (LineupPost *post) after an action changed the post
 * (its stage, say), error (const char *message) when one was refused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lineup-core.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_WORKFLOW_PANEL (lineup_workflow_panel_get_type ())
G_DECLARE_FINAL_TYPE (LineupWorkflowPanel, lineup_workflow_panel, LINEUP, WORKFLOW_PANEL, GtkWidget)

LineupWorkflowPanel *lineup_workflow_panel_new (LineupStore *store,
                                                LineupPost  *post);

/* Pango markup of @spans: removed text struck through, added underlined. */
char                *lineup_diff_markup        (GPtrArray   *spans);

G_END_DECLS
