/* lineup-toasts.h: toasts shown one after another, never replacing one
 * that is still coming in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* How @target shows a toast: adw_toast_overlay_add_toast() for an
 * AdwToastOverlay, adw_preferences_window_add_toast() for Preferences. */
typedef void (*LineupToastAddFunc) (GtkWidget *target,
                                    AdwToast  *toast);

/* Shows @toast (transfer full) through @add on @target once the toast
 * before it has gone and faded out; @urgent: next, dismissing the one
 * shown (an Undo toast). */
void lineup_toasts_show (GtkWidget          *target,
                         LineupToastAddFunc  add,
                         AdwToast           *toast,
                         gboolean            urgent);

G_END_DECLS
