/* lineup-preferences-utm.h: the Links (UTM) group of Preferences'
 * Publishing page: whether links get UTM parameters when a post goes out,
 * utm_medium, the domains tagged and utm_source per network.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lineup-core.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_PREFERENCES_UTM (lineup_preferences_utm_get_type ())
G_DECLARE_FINAL_TYPE (LineupPreferencesUtm, lineup_preferences_utm, LINEUP, PREFERENCES_UTM, AdwPreferencesGroup)

void lineup_preferences_utm_set_store (LineupPreferencesUtm *self,
                                       LineupStore          *store);

G_END_DECLS
