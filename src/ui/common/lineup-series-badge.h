/* lineup-series-badge.h: the small repeat badge a card or row of a post in
 * a recurring series shows (lineup-store-series.h), with its accessible
 * name. One indexed lookup a post; no cache to go stale.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lineup-store.h"

G_BEGIN_DECLS

gboolean  lineup_series_badge_in_series (LineupStore *store,
                                         LineupPost  *post);
/* Shows or hides *@badge for @post: made the first time it is needed and
 * put into @box after @after (NULL: at its end). */
void      lineup_series_badge_update    (GtkWidget  **badge,
                                         GtkWidget   *box,
                                         GtkWidget   *after,
                                         LineupStore *store,
                                         LineupPost  *post);

G_END_DECLS
