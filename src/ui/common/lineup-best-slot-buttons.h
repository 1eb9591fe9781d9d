/* lineup-best-slot-buttons.h: the best times of some networks as buttons
 * ("Tue 09:00", "Thu 13:00"), read from the plan's own results
 * (lineup-results-times.h) in one call: the post editor's Best row and
 * Move to Date show them, and a click says which slot.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lineup-store.h"
#include "lineup-results-times.h"

G_BEGIN_DECLS

typedef void (*LineupBestSlotFunc) (const LineupResultsBestSlot *slot,
                                    gpointer                     user_data);

/* Empties @box and fills it with a button per best slot of @platforms
 * (keys; NULL or empty: every network), up to LINEUP_RESULTS_TIMES_BEST;
 * a click calls @func with the slot. Returns how many: 0 when there are
 * too few results to tell (the caller hides what holds @box). */
guint lineup_best_slot_buttons_fill (GtkBox              *box,
                                     LineupStore         *store,
                                     const char * const  *platforms,
                                     LineupBestSlotFunc   func,
                                     gpointer             user_data);

G_END_DECLS
