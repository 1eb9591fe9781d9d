/* lineup-backlog.h: the calendar's list of undated ideas (posts without a
 * date), following the view's filter. Not the sidebar around it (the mix,
 * the drop target): those are the calendar view's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lineup-core.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_BACKLOG (lineup_backlog_get_type ())
G_DECLARE_FINAL_TYPE (LineupBacklog, lineup_backlog, LINEUP, BACKLOG, GtkBox)

void        lineup_backlog_set_store  (LineupBacklog *self,
                                       LineupStore   *store);
/* Shows only the undated posts @filter matches; call again when it changed. */
void        lineup_backlog_set_filter (LineupBacklog *self,
                                       LineupFilter  *filter);
/* The posts shown (LineupPost), for their count; NULL before a store. */
GListModel *lineup_backlog_get_model  (LineupBacklog *self);
/* At start: shows a few more cards; FALSE once the whole list is shown. */
gboolean    lineup_backlog_fill_more  (LineupBacklog *self);

G_END_DECLS
