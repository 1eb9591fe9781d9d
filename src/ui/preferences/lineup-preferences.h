/* lineup-preferences.h: the Preferences window: General (your name, the
 * plan's time zone and default post time, the appearance), Workflow (the
 * team, approval chain and checklist), Content Mix (targets and which
 * stages count), Sharing (feeds, overlay calendars) and Publishing (the
 * accounts), each a page of its own (lineup-preferences-PAGE.h).
 *
 * Your name and the appearance are yours (GSettings); the rest belongs to
 * the plan and every change is saved at once through the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lineup-core.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_PREFERENCES (lineup_preferences_get_type ())
G_DECLARE_FINAL_TYPE (LineupPreferences, lineup_preferences, LINEUP, PREFERENCES, AdwPreferencesWindow)

LineupPreferences *lineup_preferences_new (LineupStore *store,
                                           GSettings   *settings);

/* The name that goes into the history: the "user-name" setting, or the
 * account's real name when it is empty. */
char              *lineup_preferences_user_name (GSettings *settings);

G_END_DECLS
