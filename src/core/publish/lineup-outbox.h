/* lineup-outbox.h: the durable list of remote changes still to make, and
 * each post's sync state per account.
 *
 * Every intended change of a post on an account (create, move, replace,
 * cancel, publish, describe: new alt text for its media) is a row written
 * in the same transaction as the local change that causes it (the outbox
 * listens to the store's commit hook, lineup_outbox_attach()). lineup-sync.c
 * sends them in order per post, coalescing what has not gone out yet, and
 * records what the server said.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-store.h"

G_BEGIN_DECLS

typedef enum {
  LINEUP_OUTBOX_CREATE,
  LINEUP_OUTBOX_MOVE,
  LINEUP_OUTBOX_REPLACE,
  LINEUP_OUTBOX_CANCEL,
  LINEUP_OUTBOX_PUBLISH,
  LINEUP_OUTBOX_DESCRIBE,   /* new alt text for the media of a scheduled status */
} LineupOutboxOp;

const char *lineup_outbox_op_to_key   (LineupOutboxOp op);   /* "create" … */
const char *lineup_outbox_op_to_label (LineupOutboxOp op);   /* "Schedule" … translated */
gboolean    lineup_outbox_op_from_key (const char     *key,
                                       LineupOutboxOp *out_op);

/* Where a post stands on one account. Ordered by how much it needs a
 * person's attention (the card badge shows the worst of its accounts). */
typedef enum {
  LINEUP_SYNC_NOT_SYNCED,   /* goes to the account, nothing to send yet (not scheduled) */
  LINEUP_SYNC_PUBLISHED,    /* out, with its URL */
  LINEUP_SYNC_SYNCED,       /* the server holds it scheduled (remote id) */
  LINEUP_SYNC_PENDING,      /* a change waits in the outbox (or for its time) */
  LINEUP_SYNC_CONFLICT,     /* changed on the server too: a person decides */
  LINEUP_SYNC_FAILED,       /* the server refused: its words and what to do */
} LineupSyncState;

const char *lineup_sync_state_to_key   (LineupSyncState state);  /* "pending" … */
const char *lineup_sync_state_to_label (LineupSyncState state);  /* translated */
/* The key back; NOT_SYNCED for NULL or an unknown one. */
LineupSyncState lineup_sync_state_from_key (const char *key);

typedef struct {
  char            *post_id;
  char            *post_title;
  char            *account_id;
  char            *account_name;
  LineupSyncState  state;
  char            *remote_id;
  gint64           remote_at;      /* when the server will publish it, 0 if unknown */
  char            *url;
  char            *message;        /* the server's words and what to do, or the wait */
  guint            attempts;
  gint64           next_attempt_at;
  GStrv            ops;            /* outbox operations waiting, oldest first */
  gint64           queued_at;      /* when the oldest waiting one was written, 0 if none */
} LineupPostSync;

void lineup_post_sync_free (LineupPostSync *sync);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupPostSync, lineup_post_sync_free)

typedef struct {
  gint64    at;
  char     *post_id;
  char     *post_title;
  char     *account_name;
  char     *action;
  gboolean  ok;
  char     *message;
} LineupPublishLogEntry;

void       lineup_publish_log_entry_free  (LineupPublishLogEntry *entry);

/* Makes the outbox follow @store's commits: every change of a post writes
 * the remote changes it causes into the outbox, in the same transaction.
 * lineup_plan_open() does this for every plan. */
void          lineup_outbox_attach        (LineupStore  *store);

/* What the outbox writes for one change of a post (@old_post NULL for a new
 * one, @new_post possibly deleted), inside the store's transaction. */
gboolean      _lineup_outbox_note_change  (LineupStore  *self,
                                           LineupPost   *old_post,
                                           LineupPost   *new_post,
                                           GError      **error);

G_END_DECLS

/* Reading sync states and queuing outbox rows in the plan's database. */
#include "lineup-publish-store.h"
