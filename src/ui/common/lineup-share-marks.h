/* lineup-share-marks.h: which posts of a shared plan wait on a conflict,
 * as every card and row of the window asks it.
 *
 * The set is read once (one lineup_share_list_conflicts () of the whole
 * plan) after each change of the plan's sharing, so a card costs a hash
 * lookup. It lives on the store, like lineup-publishing.h's summary. What
 * a conflict is and its resolution are the core's (lineup-share.h); the
 * passes are the window's (lineup-window.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-store.h"

G_BEGIN_DECLS

/* TRUE when a conflict of @post_id waits for someone (FALSE on a plan that
 * is not shared). */
gboolean  lineup_share_marks_conflicted (LineupStore *store,
                                         const char  *post_id);
/* How many posts wait on a conflict. */
guint     lineup_share_marks_count      (LineupStore *store);
/* Something in this process changed the plan's sharing (a pass ended, a
 * conflict was resolved, the plan was shared or left): the set is read
 * again and the watchers are told. A reload of the plan does it too. */
void      lineup_share_marks_changed    (LineupStore *store);
/* Calls @callback (swapped: @instance first) after every change of the
 * plan's sharing, once the set sees it. Ends with @instance. */
void      lineup_share_marks_watch      (LineupStore *store,
                                         GCallback    callback,
                                         gpointer     instance);
void      lineup_share_marks_unwatch    (LineupStore *store,
                                         GCallback    callback,
                                         gpointer     instance);

G_END_DECLS
