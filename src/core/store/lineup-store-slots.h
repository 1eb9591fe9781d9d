/* lineup-store-slots.h: the plan's posting slots (lineup-slots.h), per
 * network, and the slots and open times no post has taken yet: what "Add
 * to Queue", "Fill Gaps" and the month skeleton fill. Setting a network's
 * slots is one operation and one undo step; it emits "plan-changed".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-store.h"
#include "lineup-slots.h"

G_BEGIN_DECLS

/* The most slots one network may have in a week. */
#define LINEUP_SLOTS_MAX_PER_PLATFORM 100

/* LineupSlot, sorted as lineup_slots_sort (). @platform NULL: every network's. */
GArray   *lineup_store_get_slots      (LineupStore        *self,
                                       const char         *platform);
/* Replaces @platform's slots with @slots (@n_slots 0 clears them). Refuses
 * an unknown network, naming the known ones. */
gboolean  lineup_store_set_slots      (LineupStore        *self,
                                       const char         *platform,
                                       const LineupSlot   *slots,
                                       guint               n_slots,
                                       GError            **error);
/* LineupSlotTime: the slots of @platforms (NULL: every network with slots)
 * on the local dates @first … @last that no live post targeting that
 * network is scheduled at (the same instant). */
GArray   *lineup_store_get_free_slots (LineupStore        *self,
                                       const char * const *platforms,
                                       const GDate        *first,
                                       const GDate        *last,
                                       GError            **error);
/* Like lineup_store_get_free_slots (), but a network of @platforms that has
 * no slots at all gets one time on each weekday (Monday to Friday) at the
 * plan's default time instead, on the days no live post targeting it is
 * scheduled. @platforms NULL: every network with slots. */
GArray   *lineup_store_get_open_times (LineupStore        *self,
                                       const char * const *platforms,
                                       const GDate        *first,
                                       const GDate        *last,
                                       GError            **error);

G_END_DECLS
