/* lineup-preferences-general.h: the General page of Preferences: your
 * name, the plan's time zone and default post time, the first day of the
 * week and the colour scheme.
 *
 * It is one page; the window that holds it is lineup-preferences.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lineup-core.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_PREFERENCES_GENERAL (lineup_preferences_general_get_type ())
G_DECLARE_FINAL_TYPE (LineupPreferencesGeneral, lineup_preferences_general, LINEUP, PREFERENCES_GENERAL,
                      AdwPreferencesPage)

void       lineup_preferences_general_set_store     (LineupPreferencesGeneral *self,
                                                     LineupStore              *store,
                                                     GSettings                *settings);
/* "Your name", where the window opens. */
GtkWidget *lineup_preferences_general_get_name_row  (LineupPreferencesGeneral *self);
/* Goes back from the time zone's subpage if it is shown; FALSE if not. */
gboolean   lineup_preferences_general_leave_zone    (LineupPreferencesGeneral *self);

G_END_DECLS
