/* lineup-preferences-workflow.h: the Workflow page of Preferences: the
 * plan's team, approval chain, self-approval rule and pre-publication
 * checklist, each change saved at once through the store.
 *
 * It is one page; the window that holds it is lineup-preferences.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lineup-core.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_PREFERENCES_WORKFLOW (lineup_preferences_workflow_get_type ())
G_DECLARE_FINAL_TYPE (LineupPreferencesWorkflow, lineup_preferences_workflow, LINEUP, PREFERENCES_WORKFLOW,
                      AdwPreferencesPage)

void lineup_preferences_workflow_set_store (LineupPreferencesWorkflow *self,
                                            LineupStore               *store);

G_END_DECLS
