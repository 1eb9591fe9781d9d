/* lineup-publishing-view.h: the Publishing panel.
 *
 * The panel lists the outbox: what waits to be sent, what failed and why,
 * what is in conflict, and the latest published, with Retry, Cancel and the
 * two ways out of a conflict per row; "Sync now"; the networks' limits the
 * plan is about to hit; the latest results.
 *
 * Signals:
 *   toast (const char *message)   something to tell the person
 *
 * What every window shares about a plan's publishing is in the core's
 * lineup-publishing.h, the sync badges in lineup-sync-badge.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lineup-core.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_PUBLISHING_VIEW (lineup_publishing_view_get_type ())
G_DECLARE_FINAL_TYPE (LineupPublishingView, lineup_publishing_view, LINEUP, PUBLISHING_VIEW, GtkWidget)

void        lineup_publishing_view_set_store (LineupPublishingView *self,
                                              LineupStore          *store);

G_END_DECLS
