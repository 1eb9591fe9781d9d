/* lineup-publishing.h: a plan's publishing, as every window shares it.
 *
 * The secrets and the sync engine of an open plan, why publishing is off,
 * and each post's sync state in a form a card can show. No widgets: the
 * badges are in src/ui/common/lineup-sync-badge.h, the Publishing panel in
 * src/ui/publishing/.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-store.h"
#include "lineup-post.h"
#include "lineup-outbox.h"
#include "lineup-secrets.h"
#include "lineup-sync.h"

G_BEGIN_DECLS

/* The application makes one LineupSecrets and one LineupSync per open plan
 * and hands them over here (the store carries them), so the panel, the
 * Preferences and the editors use the same ones. Until then, or when the
 * secrets cannot be kept anywhere, the getters return NULL and the problem
 * says why. Every change announces itself as the store's
 * "publishing-changed". */
void           lineup_publishing_set_engine  (LineupStore   *store,
                                              LineupSecrets *secrets,
                                              LineupSync    *sync,
                                              const char    *problem);
LineupSecrets *lineup_publishing_get_secrets (LineupStore   *store);
LineupSync    *lineup_publishing_get_sync    (LineupStore   *store);
/* Why publishing is off ("The Secret Service … could not be reached …"),
 * or NULL. */
const char    *lineup_publishing_get_problem (LineupStore   *store);

/* The worst sync state of the post over its accounts and, when it needs
 * saying, each account's state and message in words: read for every post at
 * once after each change of the plan's publishing (two queries), so a card
 * costs a hash lookup. FALSE for a post that goes to no account. */
gboolean       lineup_publishing_lookup      (LineupStore      *store,
                                              const char       *post_id,
                                              LineupSyncState  *out_state,
                                              const char      **out_detail);
/* Posts failed or in conflict: what needs a person. */
guint          lineup_publishing_count_attention (LineupStore *store);
/* Calls @callback (swapped: @instance first) after every change of the
 * plan's publishing and after a reload, once lookups see the change. Ends
 * with @instance. */
void           lineup_publishing_watch       (LineupStore   *store,
                                              GCallback      callback,
                                              gpointer       instance);
/* One line per account the post goes to: "Team (Mastodon): Failed — 401 …"
 * (one query, for a tooltip). NULL when it goes nowhere. */
char          *lineup_publishing_describe_post (LineupStore *store,
                                                const char  *post_id);

/* What a card or a row says of its post's publishing: the state (NOT_SYNCED
 * when it goes nowhere) and @description followed by how it stands, "…,
 * publishing: Team hook: Waiting to sync" (a lookup, no query). */
LineupSyncState lineup_publishing_describe_badge (LineupStore  *store,
                                                  LineupPost   *post,
                                                  const char   *description,
                                                  char        **out_text);

/* "Sync now": one pass that sends what can go now, without waiting for
 * retries. What waits for its next try after a failure goes at once;
 * failed posts wait for their Retry, and posts for their time. While a
 * background pass holds the plan, it asks again each second for half a
 * minute. The result is what to tell the person ("Synced: 1 published");
 * the error says why nothing was sent (publishing is off or still
 * starting, the pass failed), G_IO_ERROR_CANCELLED once @cancellable is. */
void           lineup_publishing_sync_now_async  (LineupStore          *store,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
char          *lineup_publishing_sync_now_finish (LineupStore          *store,
                                                  GAsyncResult         *result,
                                                  GError              **error);

G_END_DECLS
