/* lineup-demo.h: a realistic demo month for first-time users and screenshots.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-store.h"

G_BEGIN_DECLS

/* Fills @year-@month with 4 pillars, 20–30 posts over every stage and type and
 * a few undated briefs, in one undo step. Refuses a month that already has
 * posts. The same month always gives the same plan. */
gboolean lineup_demo_fill (LineupStore *store,
                           int          year,
                           int          month,
                           guint       *out_n_posts,
                           GError     **error);

G_END_DECLS
