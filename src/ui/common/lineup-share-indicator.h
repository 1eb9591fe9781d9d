/* lineup-share-indicator.h: the header bar's word on a shared plan: an
 * icon and a short label ("In step", "3 changes waiting", "2 conflicts"),
 * and a popover with the details, the conflicts and Sync Now.
 *
 * Hidden while the plan is not shared. It reads the core's status
 * (lineup-share.h) after every change of the plan's sharing
 * (lineup-share-marks.h); the passes themselves are the window's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lineup-store.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_SHARE_INDICATOR (lineup_share_indicator_get_type ())
G_DECLARE_FINAL_TYPE (LineupShareIndicator, lineup_share_indicator, LINEUP, SHARE_INDICATOR, GtkWidget)

void lineup_share_indicator_set_store (LineupShareIndicator *self,
                                       LineupStore          *store);
/* A pass runs (TRUE) or ended: the icon says so. */
void lineup_share_indicator_set_busy  (LineupShareIndicator *self,
                                       gboolean              busy);

G_END_DECLS
