/* lineup-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lineup-application.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_WINDOW (lineup_window_get_type ())
G_DECLARE_FINAL_TYPE (LineupWindow, lineup_window, LINEUP, WINDOW, AdwApplicationWindow)

LineupWindow *lineup_window_new        (LineupApplication *application,
                                        LineupStore       *store);
void          lineup_window_toast      (LineupWindow      *self,
                                        const char        *text);
/* A toast with an "Undo" button bound to app.undo. */
void          lineup_window_toast_undo (LineupWindow      *self,
                                        const char        *text);
void          lineup_window_new_post   (LineupWindow      *self);
void          lineup_window_edit_post  (LineupWindow      *self,
                                        LineupPost        *post);
/* Sync Now for a shared plan: a pass (after the one running, if any),
 * whose result is said in a toast. */
void          lineup_window_share_pass (LineupWindow      *self);

G_END_DECLS
