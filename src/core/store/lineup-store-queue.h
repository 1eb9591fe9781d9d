/* lineup-store-queue.h: the queue, what "Add to Queue" does: a post takes
 * the next posting slot of its networks (lineup-store-slots.h) that no
 * other post has taken; and the first free slot of a day, the time a
 * backlog idea dropped on that day gets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-store.h"
#include "lineup-slots.h"

G_BEGIN_DECLS

/* How far ahead the queue looks for a free slot. */
#define LINEUP_QUEUE_WEEKS 53

/* The earliest slot of @post's networks strictly after @after (Unix
 * seconds) that no other live post of that network is scheduled at; a slot
 * @post itself sits in counts as free for it. FALSE with an error that says
 * what to do when the post has no networks, when they have no slots, or
 * when every slot is taken for LINEUP_QUEUE_WEEKS weeks. */
gboolean  lineup_store_next_queue_slot (LineupStore     *self,
                                        LineupPost      *post,
                                        gint64           after,
                                        LineupSlotTime  *out,
                                        GError         **error);
/* Gives post @id that slot, one undo step ("Add “…” to the Queue"); a post
 * already in it stays. @out (may be NULL) gets the slot. */
gboolean  lineup_store_queue_post      (LineupStore     *self,
                                        const char      *id,
                                        gint64           after,
                                        LineupSlotTime  *out,
                                        GError         **error);
/* The local minutes of the first slot of @post's networks on @date that no
 * other post has taken, or -1 when there is none. */
int       lineup_store_first_free_minutes (LineupStore *self,
                                           LineupPost  *post,
                                           const GDate *date);

G_END_DECLS
