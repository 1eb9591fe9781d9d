/* lineup-preferences-sharing.h: the Sharing page of Preferences: the plan
 * shared through a CalDAV server, the feeds others subscribe to and the
 * overlay calendars shown on the month, each change saved at once through
 * the store.
 *
 * It is one page; the window that holds it is lineup-preferences.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lineup-core.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_PREFERENCES_SHARING (lineup_preferences_sharing_get_type ())
G_DECLARE_FINAL_TYPE (LineupPreferencesSharing, lineup_preferences_sharing, LINEUP, PREFERENCES_SHARING,
                      AdwPreferencesPage)

void lineup_preferences_sharing_set_store (LineupPreferencesSharing *self,
                                           LineupStore              *store);

G_END_DECLS
