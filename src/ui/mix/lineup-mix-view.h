/* lineup-mix-view.h: the Mix tab: the balance of a range (the calendar's
 * month, the month after it, this week or any two dates) by type and pillar
 * against the targets, what is counted and what is not, its score, what to
 * change (naming the posts not counted that would close a gap), a weeks ×
 * types table, and the cadence per platform with the rules of thumb it
 * breaks.
 *
 * A LineupView (lineup-view.h) that takes no filter.
 *
 * Signal: show-in-calendar (GDate *week or NULL, const char *type or NULL)
 *   a suggestion was activated: show that week, filtered to that type.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lineup-core.h"
#include "lineup-view.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_MIX_VIEW (lineup_mix_view_get_type ())
G_DECLARE_FINAL_TYPE (LineupMixView, lineup_mix_view, LINEUP, MIX_VIEW, AdwBin)

void lineup_mix_view_set_store (LineupMixView *self,
                                LineupStore   *store);
/* The month the calendar shows: "Calendar’s Month" and "Month After" count
 * it and the next; the title names it. Today's month until it is set. */
void lineup_mix_view_set_month (LineupMixView *self,
                                int            year,
                                int            month);

G_END_DECLS
