/* lineup-preferences-pillars.h: the Pillars page of Preferences: each
 * pillar's name, colour and target share, removing one (its posts moved
 * to another), and adding one; each change one store call and one undo
 * step.
 *
 * It is one page; the window that holds it is lineup-preferences.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lineup-core.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_PREFERENCES_PILLARS (lineup_preferences_pillars_get_type ())
G_DECLARE_FINAL_TYPE (LineupPreferencesPillars, lineup_preferences_pillars, LINEUP, PREFERENCES_PILLARS, AdwPreferencesPage)

void lineup_preferences_pillars_set_store (LineupPreferencesPillars *self,
                                           LineupStore              *store);

G_END_DECLS
