/* lineup-preferences-campaigns.h: the Campaigns page of Preferences: each
 * campaign's name, dates and colour, removing one (its posts stay, in no
 * campaign), and creating one; each change one store call and one undo
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

#define LINEUP_TYPE_PREFERENCES_CAMPAIGNS (lineup_preferences_campaigns_get_type ())
G_DECLARE_FINAL_TYPE (LineupPreferencesCampaigns, lineup_preferences_campaigns, LINEUP, PREFERENCES_CAMPAIGNS, AdwPreferencesPage)

void lineup_preferences_campaigns_set_store (LineupPreferencesCampaigns *self,
                                             LineupStore                *store);

G_END_DECLS
