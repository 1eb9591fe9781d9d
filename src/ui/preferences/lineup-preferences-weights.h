/* lineup-preferences-weights.h: the Results group of Preferences' Content
 * Mix page: the plan's engagement weights, a spin row each, and Reset.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lineup-core.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_PREFERENCES_WEIGHTS (lineup_preferences_weights_get_type ())
G_DECLARE_FINAL_TYPE (LineupPreferencesWeights, lineup_preferences_weights, LINEUP, PREFERENCES_WEIGHTS,
                      AdwPreferencesGroup)

void lineup_preferences_weights_set_store (LineupPreferencesWeights *self,
                                           LineupStore              *store);

G_END_DECLS
