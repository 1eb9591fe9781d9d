/* lineup-preferences-mix.h: the Content Mix page of Preferences: the
 * content types' and pillars' target shares and which stages count, each
 * change saved at once through the store.
 *
 * It is one page; the window that holds it is lineup-preferences.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lineup-core.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_PREFERENCES_MIX (lineup_preferences_mix_get_type ())
G_DECLARE_FINAL_TYPE (LineupPreferencesMix, lineup_preferences_mix, LINEUP, PREFERENCES_MIX, AdwPreferencesPage)

void lineup_preferences_mix_set_store (LineupPreferencesMix *self,
                                       LineupStore          *store);

G_END_DECLS
