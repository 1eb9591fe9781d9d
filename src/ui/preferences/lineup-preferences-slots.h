/* lineup-preferences-slots.h: the Posting Slots group of Preferences'
 * General page: each network's weekly slots, one editable row a network.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lineup-core.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_PREFERENCES_SLOTS (lineup_preferences_slots_get_type ())
G_DECLARE_FINAL_TYPE (LineupPreferencesSlots, lineup_preferences_slots, LINEUP, PREFERENCES_SLOTS, AdwPreferencesGroup)

void lineup_preferences_slots_set_store (LineupPreferencesSlots *self,
                                         LineupStore            *store);

G_END_DECLS
