/* lineup-preferences-publishing.h: the Publishing page of Preferences: the
 * accounts posts are published to, added, signed in again or removed.
 *
 * It is one page; the window that holds it is lineup-preferences.h, and
 * the dialog that adds an account is lineup-account-dialog.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lineup-core.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_PREFERENCES_PUBLISHING (lineup_preferences_publishing_get_type ())
G_DECLARE_FINAL_TYPE (LineupPreferencesPublishing, lineup_preferences_publishing, LINEUP, PREFERENCES_PUBLISHING,
                      AdwPreferencesPage)

void lineup_preferences_publishing_set_store (LineupPreferencesPublishing *self,
                                              LineupStore                 *store);

G_END_DECLS
