/* lineup-store-results.h: the results of published posts kept in the
 * plan: snapshots of each post's counts per network over time
 * (lineup-results.h), and the URL of a post published outside Lineup.
 * Writing them is one transaction with no undo step (like publishing
 * states: they are what the networks said, not an edit of the plan); in a
 * shared plan the posts they touch are queued, their latest snapshot per
 * network travelling in the post's record.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-store.h"
#include "lineup-results.h"

G_BEGIN_DECLS

/* Adds every snapshot of @snapshots (LineupResultSnapshot) in one
 * transaction: all or none. Refuses an unknown post, network or source,
 * or a count below zero, naming the post. */
gboolean    lineup_store_add_results        (LineupStore  *self,
                                             GPtrArray    *snapshots,
                                             GError      **error);
/* LineupResultSnapshot: the latest snapshot of each post and network
 * (@post_id NULL: of every post), by post then network. */
GPtrArray  *lineup_store_get_latest_results (LineupStore  *self,
                                             const char   *post_id,
                                             GError      **error);
/* Every snapshot of @post_id, oldest first (a post's curve). */
GPtrArray  *lineup_store_get_results        (LineupStore  *self,
                                             const char   *post_id,
                                             GError      **error);

/* Sets the URL of a post published elsewhere (@url "" or NULL clears it).
 * @id_or_prefix as lineup_store_get_post(); @url must be http(s). */
gboolean    lineup_store_set_post_url       (LineupStore  *self,
                                             const char   *id_or_prefix,
                                             const char   *url,
                                             GError      **error);
/* The URL set with lineup_store_set_post_url(), or NULL. */
char       *lineup_store_get_post_url       (LineupStore  *self,
                                             const char   *post_id);
/* post id → URL: every URL set by hand and, for the other posts, the URL
 * their publishing recorded (lineup_store_get_published_urls()). */
GHashTable *lineup_store_get_post_urls      (LineupStore  *self);

G_END_DECLS
