/* lineup-preferences-media.h: the Media group of Preferences' General
 * page: the plan's media folder, how many of its files no post uses, and a
 * button that removes those (lineup media clean in the window).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lineup-core.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_PREFERENCES_MEDIA (lineup_preferences_media_get_type ())
G_DECLARE_FINAL_TYPE (LineupPreferencesMedia, lineup_preferences_media, LINEUP, PREFERENCES_MEDIA, AdwPreferencesGroup)

void lineup_preferences_media_set_store (LineupPreferencesMedia *self,
                                         LineupStore            *store);

G_END_DECLS
