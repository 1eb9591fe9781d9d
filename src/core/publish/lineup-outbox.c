/* lineup-outbox.c: the outbox's logic: operation and state keys and labels,
 * and which outbox rows a change of a post writes (_lineup_outbox_note_change,
 * called by the store before it commits the change; a change from another
 * member's copy also queues this machine's targets never sent from here).
 *
 * The SQL that writes and reads outbox rows and sync states is in
 * lineup-publish-store.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-outbox.h"
#include "lineup-account.h"
#include "lineup-publish-store.h"
#include "lineup-store-publish.h"
#include "lineup-sync-plan.h"

static const char * const op_keys[] = { "create", "move", "replace", "cancel", "publish", "describe" };
static const char * const state_keys[] = {
  "not-synced", "published", "synced", "pending", "conflict", "failed",
};

const char *
lineup_outbox_op_to_key (LineupOutboxOp op)
{
  g_return_val_if_fail ((guint) op < G_N_ELEMENTS (op_keys), NULL);
  return op_keys[op];
}

const char *
lineup_outbox_op_to_label (LineupOutboxOp op)
{
  switch (op)
    {
    case LINEUP_OUTBOX_CREATE: return _("Schedule");
    case LINEUP_OUTBOX_MOVE: return _("Move");
    case LINEUP_OUTBOX_REPLACE: return _("Replace text");
    case LINEUP_OUTBOX_CANCEL: return _("Cancel");
    case LINEUP_OUTBOX_PUBLISH: return _("Publish");
    case LINEUP_OUTBOX_DESCRIBE: return _("Update alt text");
    default: g_return_val_if_reached (NULL);
    }
}

gboolean
lineup_outbox_op_from_key (const char     *key,
                           LineupOutboxOp *out_op)
{
  for (guint i = 0; key && i < G_N_ELEMENTS (op_keys); i++)
    if (g_str_equal (key, op_keys[i]))
      {
        *out_op = (LineupOutboxOp) i;
        return TRUE;
      }
  return FALSE;
}

const char *
lineup_sync_state_to_key (LineupSyncState state)
{
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (state_keys), NULL);
  return state_keys[state];
}

const char *
lineup_sync_state_to_label (LineupSyncState state)
{
  switch (state)
    {
    case LINEUP_SYNC_NOT_SYNCED: return _("Not synced");
    case LINEUP_SYNC_PUBLISHED: return _("Published");
    case LINEUP_SYNC_SYNCED: return _("Scheduled on the server");
    case LINEUP_SYNC_PENDING: return _("Waiting to sync");
    case LINEUP_SYNC_CONFLICT: return _("Conflict");
    case LINEUP_SYNC_FAILED: return _("Failed");
    default: g_return_val_if_reached (NULL);
    }
}

LineupSyncState
lineup_sync_state_from_key (const char *key)
{
  for (guint i = 0; key && i < G_N_ELEMENTS (state_keys); i++)
    if (g_str_equal (key, state_keys[i]))
      return (LineupSyncState) i;
  return LINEUP_SYNC_NOT_SYNCED;
}

void
lineup_post_sync_free (LineupPostSync *sync)
{
  if (sync == NULL)
    return;
  g_free (sync->post_id);
  g_free (sync->post_title);
  g_free (sync->account_id);
  g_free (sync->account_name);
  g_free (sync->remote_id);
  g_free (sync->url);
  g_free (sync->message);
  g_strfreev (sync->ops);
  g_free (sync);
}

void
lineup_publish_log_entry_free (LineupPublishLogEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->post_id);
  g_free (entry->post_title);
  g_free (entry->account_name);
  g_free (entry->action);
  g_free (entry->message);
  g_free (entry);
}

gboolean
_lineup_outbox_note_change (LineupStore  *self,
                            LineupPost   *old_post,
                            LineupPost   *new_post,
                            GError      **error)
{
  LineupOutboxOp ops[2];
  guint n_ops = lineup_sync_plan_change_ops (old_post, new_post, ops);
  g_auto(GStrv) targets = NULL;

  if (n_ops == 0)
    return TRUE;

  targets = lineup_store_get_post_targets (self, lineup_post_get_id (new_post ? new_post : old_post), error);
  if (targets == NULL)
    return FALSE;
  for (guint t = 0; targets[t]; t++)
    for (guint i = 0; i < n_ops; i++)
      if (!_lineup_outbox_enqueue (self, lineup_post_get_id (new_post ? new_post : old_post),
                                   targets[t], ops[i], error))
        return FALSE;
  return TRUE;
}

/* A change from another member's copy (LineupCommit.remote) may give the
 * post a target of this machine's account that this copy never queued: the
 * same account on both machines (docs/sharing.md §7), or a post that was
 * scheduled before it came. A post that should be on the server is queued
 * for it; the sync then sends it only with this copy's claim, and shows
 * the other copy's send otherwise. */
static gboolean
queue_unsent_targets (LineupStore  *self,
                      LineupPost   *post,
                      GError      **error)
{
  g_autoptr(GPtrArray) rows = NULL;

  if (!lineup_sync_plan_wants_remote (post))
    return TRUE;
  rows = lineup_store_get_post_sync (self, lineup_post_get_id (post), error);
  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      LineupPostSync *sync = g_ptr_array_index (rows, i);

      /* No state and nothing queued: never sent from here. */
      if (sync->state == LINEUP_SYNC_NOT_SYNCED && (sync->ops == NULL || sync->ops[0] == NULL) &&
          !_lineup_outbox_enqueue (self, sync->post_id, sync->account_id, LINEUP_OUTBOX_CREATE, error))
        return FALSE;
    }
  return TRUE;
}

/* New alt text for media of a post the server holds scheduled: a
 * "describe" for each account whose status has other descriptions, unless
 * one waits already. Any change of the post gets here (an alt text edit
 * changes no field of the post itself), undo included. */
static gboolean
queue_alt_changes (LineupStore  *self,
                   LineupPost   *post,
                   GError      **error)
{
  static const char waiting_sql[] =
    "SELECT 1 FROM outbox WHERE post_id = ? AND account_id = ? AND op = 'describe'";
  g_auto(GStrv) targets = NULL;

  if (!lineup_sync_plan_wants_remote (post))
    return TRUE;
  targets = lineup_store_get_post_targets (self, lineup_post_get_id (post), error);
  if (targets == NULL)
    return FALSE;
  for (guint t = 0; targets[t]; t++)
    {
      g_autoptr(GPtrArray) changes = NULL;
      gboolean changed = FALSE, waiting;
      sqlite3_stmt *stmt;

      changes = _lineup_publish_alt_changes (self, lineup_post_get_id (post), targets[t], &changed, error);
      if (changes == NULL)
        return FALSE;
      if (changes->len == 0)
        continue;
      if ((stmt = _lineup_store_prepare (self, waiting_sql, error)) == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, lineup_post_get_id (post), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, targets[t], -1, SQLITE_TRANSIENT);
      waiting = sqlite3_step (stmt) == SQLITE_ROW;
      _lineup_store_finish (stmt);
      if (!waiting && !_lineup_outbox_enqueue (self, lineup_post_get_id (post), targets[t],
                                               LINEUP_OUTBOX_DESCRIBE, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
outbox_commit_hook (LineupStore         *store,
                    const LineupCommit  *commit,
                    gpointer             user_data,
                    GError             **error)
{
  for (guint i = 0; i < commit->n_posts; i++)
    {
      if (!_lineup_outbox_note_change (store, commit->posts[i].old_post, commit->posts[i].new_post, error))
        return FALSE;
      if (!queue_alt_changes (store, commit->posts[i].new_post, error))
        return FALSE;
      if (commit->remote && !queue_unsent_targets (store, commit->posts[i].new_post, error))
        return FALSE;
    }
  return TRUE;
}

void
lineup_outbox_attach (LineupStore *store)
{
  g_return_if_fail (LINEUP_IS_STORE (store));

  lineup_store_add_commit_hook (store, outbox_commit_hook, NULL, NULL);
}
