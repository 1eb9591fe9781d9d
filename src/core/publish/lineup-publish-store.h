/* lineup-publish-store.h: the publishing tables of the plan's database.
 *
 * All of publishing's SQL is behind these: the account rows and where posts
 * go (lineup-publish-store.c), the outbox and the sync states as people see
 * them (lineup-publish-store.c), and the sync engine's own reads and writes
 * (lineup-publish-store-sync.c). The models (LineupAccount, LineupPostSync)
 * are in lineup-account.h and lineup-outbox.h, which include this header, so
 * their includers see these functions too. Nothing here talks to a server or
 * decides what to send.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-store.h"
#include "lineup-account.h"
#include "lineup-outbox.h"
#include "lineup-publisher.h"

G_BEGIN_DECLS

/* ---- accounts and post targets ---- */

/* Oldest first. Element type LineupAccount. */
GPtrArray     *lineup_store_get_accounts      (LineupStore    *self,
                                               GError        **error);
/* @post's caption as it goes to @account: for a network, its links with
 * the plan's UTM parameters for that network (lineup-store-utm.h); for a
 * webhook, as written (its payload carries each network's caption). */
char          *lineup_store_caption_for_account (LineupStore         *self,
                                                 LineupPost          *post,
                                                 const LineupAccount *account);
/* By name (case-insensitive) or id. */
LineupAccount *lineup_store_find_account      (LineupStore    *self,
                                               const char     *name_or_id,
                                               GError        **error);
/* Adds @account (its id is made when NULL). The name must be free. */
gboolean       lineup_store_add_account       (LineupStore    *self,
                                               LineupAccount  *account,
                                               GError        **error);
/* Stores handle, limits, client id and problem of an existing account. */
gboolean       lineup_store_update_account    (LineupStore    *self,
                                               LineupAccount  *account,
                                               GError        **error);
/* Sets how large a medium webhook @name_or_id carries the bytes of (0:
 * none, only the list); an INVALID error for another kind of account. */
gboolean       lineup_store_set_account_media_bytes (LineupStore  *self,
                                                     const char   *name_or_id,
                                                     gint64        media_bytes,
                                                     GError      **error);
/* Removes the account, its targets, its outbox and its sync states. Posts
 * already scheduled on the server stay there (the message says so). */
gboolean       lineup_store_remove_account    (LineupStore    *self,
                                               const char     *id,
                                               GError        **error);

/* Sends the post (id or prefix) to the account, or stops sending it; a
 * scheduled post gets a create (or cancel) in the outbox at once. */
gboolean       lineup_store_set_post_target   (LineupStore    *self,
                                               const char     *post_id,
                                               const char     *account_id,
                                               gboolean        on,
                                               GError        **error);
/* Ids of the accounts the post goes to. */
GStrv          lineup_store_get_post_targets  (LineupStore    *self,
                                               const char     *post_id,
                                               GError        **error);

/* ---- the outbox and sync states ---- */

/* One line per target of the post (NOT_SYNCED for those with no state). */
GPtrArray  *lineup_store_get_post_sync      (LineupStore  *self,
                                             const char   *post_id,
                                             GError      **error);
/* post id → the LineupSyncState (as GINT_TO_POINTER (state + 1)) of every
 * post that goes to some account: the worst of its accounts. */
GHashTable *lineup_store_get_sync_summaries (LineupStore  *self,
                                             GError      **error);
/* Every target with something waiting, failed or in conflict, oldest
 * first; then (with @recent) the latest published and synced ones. */
GPtrArray  *lineup_store_get_outbox         (LineupStore  *self,
                                             gboolean      recent,
                                             GError      **error);
/* post id → URL of every published post (the first account's), for
 * exports: one query for all. */
GHashTable *lineup_store_get_published_urls (LineupStore  *self);
/* The published post's URL (the first account's), or NULL. */
char       *lineup_store_get_published_url  (LineupStore  *self,
                                             const char   *post_id);

/* Newest first, at most @limit. */
GPtrArray *lineup_store_get_publish_log   (LineupStore  *self,
                                           guint         limit,
                                           GError      **error);

/* ---- media on the servers (remote_media, lineup-publish-store-media.c) ----
 *
 * A Mastodon medium is uploaded once per post, account, file and alt
 * text: its id is kept and used again when the status is made again. The
 * media of the status the server holds are marked attached, in their
 * order, with the description the server has; an alt text edit is sent
 * as new descriptions of those ids. */

typedef enum {
  LINEUP_REMOTE_MEDIA_KEEP,
  LINEUP_REMOTE_MEDIA_UPLOADED,   /* uploads on no status yet: kept to use again */
  LINEUP_REMOTE_MEDIA_ATTACHED,   /* the server's new status holds these, in order */
  LINEUP_REMOTE_MEDIA_RELEASED,   /* the server's status is gone: its media are free again */
  LINEUP_REMOTE_MEDIA_DESCRIBED,  /* these have their new descriptions on the server */
} LineupRemoteMediaChange;

typedef struct {
  char *media_id;   /* NULL: not known */
  char *sha256;
  char *alt;        /* the description it went with ("" none) */
} LineupRemoteMedium;

void       lineup_remote_medium_free       (LineupRemoteMedium *medium);

/* For each of @media (the post's LineupMedium, in order) the id of an
 * upload of that file with that alt text for the post on the account, each
 * id at most once; "" where there is none. */
GStrv      _lineup_publish_known_media_ids (LineupStore   *self,
                                            const char    *post_id,
                                            const char    *account_id,
                                            GPtrArray     *media);
/* The media of the status the server holds whose alt text is not the
 * post's now (LineupMediaUpdate, media_id NULL when not known); empty when
 * none, or when Lineup knows none of its media. @out_changed: the post's
 * media are no longer the status's (other files or order). */
GPtrArray *_lineup_publish_alt_changes     (LineupStore   *self,
                                            const char    *post_id,
                                            const char    *account_id,
                                            gboolean      *out_changed,
                                            GError       **error);
/* The media a status the server listed holds (@ids and @descriptions, in
 * order, NULL for none), as LineupRemoteMedium: the post's own media in
 * their order; NULL when they are not as many. */
GPtrArray *_lineup_publish_listed_media    (LineupStore   *self,
                                            const char    *post_id,
                                            GStrv          ids,
                                            GStrv          descriptions);
/* Records what the server did with the post's media (@media:
 * LineupRemoteMedium; @forget: ids it no longer knows), inside the
 * operation in progress. */
gboolean   _lineup_publish_record_media    (LineupStore             *self,
                                            const char              *post_id,
                                            const char              *account_id,
                                            LineupRemoteMediaChange  change,
                                            GPtrArray               *media,
                                            const char * const      *forget,
                                            GError                 **error);

/* Adds an outbox row and marks the target pending, inside the operation in
 * progress (account and outbox code only). */
gboolean   _lineup_outbox_enqueue         (LineupStore    *self,
                                           const char     *post_id,
                                           const char     *account_id,
                                           LineupOutboxOp  op,
                                           GError        **error);

G_END_DECLS
