/* lineup-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lineup-core.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_APPLICATION (lineup_application_get_type ())
G_DECLARE_FINAL_TYPE (LineupApplication, lineup_application, LINEUP, APPLICATION, AdwApplication)

LineupApplication *lineup_application_new       (void);
LineupStore       *lineup_application_get_store (LineupApplication *self);
/* The open plan's context, NULL until it is open. */
LineupContext     *lineup_application_get_context (LineupApplication *self);
/* The shared plan's notices not told yet, as the desktop's notifications
 * (each opens its post); the window calls it after each pass. */
void               lineup_application_send_share_notices (LineupApplication *self);

G_END_DECLS
