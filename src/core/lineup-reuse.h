/* lineup-reuse.h: the evergreen proposal for a stretch of days, read from
 * the plan: its evergreen posts and their uses, the open times of their
 * networks, and the mix's distance from its targets, given to
 * lineup_evergreen_propose (). What "Fill Gaps…" and `lineup evergreen
 * fill` show; accepting is lineup_store_add_evergreen_copies ().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-store.h"

G_BEGIN_DECLS

/* LineupReuseCopy, by time, for the local days @first … @last (inclusive);
 * times already past are left out. Empty when nothing fits. */
GPtrArray *lineup_reuse_propose (LineupStore  *store,
                                 const GDate  *first,
                                 const GDate  *last,
                                 GError      **error);

G_END_DECLS
