/* lineup-preferences-snippets.h: the Snippets page of Preferences.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lineup-core.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_PREFERENCES_SNIPPETS (lineup_preferences_snippets_get_type ())
G_DECLARE_FINAL_TYPE (LineupPreferencesSnippets, lineup_preferences_snippets, LINEUP, PREFERENCES_SNIPPETS, AdwPreferencesPage)

void lineup_preferences_snippets_set_store (LineupPreferencesSnippets *self,
                                            LineupStore               *store);

G_END_DECLS
