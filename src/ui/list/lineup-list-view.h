/* lineup-list-view.h: every post by day, with search.
 *
 * A LineupView (lineup-view.h): Enter on a row opens its post and Delete
 * deletes it, both told to the window through its actions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lineup-core.h"
#include "lineup-view.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_LIST_VIEW (lineup_list_view_get_type ())
G_DECLARE_FINAL_TYPE (LineupListView, lineup_list_view, LINEUP, LIST_VIEW, AdwBin)

void lineup_list_view_set_store    (LineupListView *self,
                                    LineupStore    *store);
void lineup_list_view_start_search (LineupListView *self);
/* Only posts that pass @filter are listed (the search narrows further). */
void lineup_list_view_set_filter   (LineupListView *self,
                                    LineupFilter   *filter);

G_END_DECLS
