/* lineup-outbox.c: outbox rows and sync states in the plan's database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-outbox.h"
#include "lineup-account.h"
#include "lineup-store-publish.h"

static const char * const op_keys[] = { "create", "move", "replace", "cancel", "publish" };
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

static LineupSyncState
state_from_key (const char *key)
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

/* ---- writing ---- */

gboolean
_lineup_outbox_enqueue (LineupStore    *self,
                        const char     *post_id,
                        const char     *account_id,
                        LineupOutboxOp  op,
                        GError        **error)
{
  static const char insert_sql[] =
    "INSERT INTO outbox (post_id, account_id, op, created_at) VALUES (?, ?, ?, ?)";
  /* A new intention clears a failure (the person changed something) but
   * not a conflict, which waits for their decision; a published post stays
   * published. */
  static const char state_sql[] =
    "INSERT INTO publish_state (post_id, account_id, state, updated_at) VALUES (?1, ?2, 'pending', ?3) "
    "ON CONFLICT (post_id, account_id) DO UPDATE SET "
    "  state = CASE WHEN state IN ('conflict', 'published') THEN state ELSE 'pending' END, "
    "  message = CASE WHEN state IN ('conflict', 'published') THEN message ELSE NULL END, "
    "  attempts = CASE WHEN state = 'failed' THEN 0 ELSE attempts END, "
    "  next_attempt_at = CASE WHEN state = 'failed' THEN 0 ELSE next_attempt_at END, "
    "  updated_at = ?3";
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  sqlite3_stmt *stmt;

  if ((stmt = _lineup_store_prepare (self, insert_sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, post_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, account_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, lineup_outbox_op_to_key (op), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, now);
  if (!_lineup_store_step_done (self, stmt, _("queue the change for the server"), error))
    return FALSE;

  if ((stmt = _lineup_store_prepare (self, state_sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, post_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, account_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, now);
  if (!_lineup_store_step_done (self, stmt, _("queue the change for the server"), error))
    return FALSE;

  _lineup_store_publishing_changed (self);
  return TRUE;
}

/* Whether the servers should hold @post scheduled. */
static gboolean
wants_remote (LineupPost *post)
{
  return post != NULL && lineup_post_get_deleted_at (post) == 0 &&
         lineup_post_get_stage (post) == LINEUP_STAGE_SCHEDULED && lineup_post_is_dated (post);
}

gboolean
_lineup_outbox_note_change (LineupStore  *self,
                            LineupPost   *old_post,
                            LineupPost   *new_post,
                            GError      **error)
{
  gboolean before = wants_remote (old_post);
  gboolean after = wants_remote (new_post);
  LineupOutboxOp ops[2];
  guint n_ops = 0;
  g_auto(GStrv) targets = NULL;

  if (!before && !after)
    return TRUE;
  if (!before)
    ops[n_ops++] = LINEUP_OUTBOX_CREATE;
  else if (!after)
    {
      /* Published by the sync itself (or marked so): nothing to withdraw. */
      if (new_post && lineup_post_get_deleted_at (new_post) == 0 &&
          lineup_post_get_stage (new_post) == LINEUP_STAGE_PUBLISHED)
        return TRUE;
      ops[n_ops++] = LINEUP_OUTBOX_CANCEL;
    }
  else
    {
      if (g_strcmp0 (lineup_post_get_body (old_post), lineup_post_get_body (new_post)) != 0)
        ops[n_ops++] = LINEUP_OUTBOX_REPLACE;
      if (lineup_post_get_scheduled_at (old_post) != lineup_post_get_scheduled_at (new_post))
        ops[n_ops++] = LINEUP_OUTBOX_MOVE;
    }
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

/* ---- reading ---- */

#define SYNC_SELECT \
  "SELECT t.post_id, p.title, a.id, a.name, s.state, s.remote_id, s.remote_at, s.url, s.message, " \
  "  s.attempts, s.next_attempt_at, " \
  "  (SELECT group_concat(op, ',') FROM (SELECT op FROM outbox o WHERE o.post_id = t.post_id " \
  "     AND o.account_id = t.account_id ORDER BY o.id)), " \
  "  (SELECT min(created_at) FROM outbox o WHERE o.post_id = t.post_id AND o.account_id = t.account_id) " \
  "FROM (SELECT post_id, account_id FROM post_targets UNION SELECT post_id, account_id FROM publish_state) t " \
  "JOIN accounts a ON a.id = t.account_id " \
  "JOIN posts p ON p.id = t.post_id " \
  "LEFT JOIN publish_state s ON s.post_id = t.post_id AND s.account_id = t.account_id "

static LineupPostSync *
sync_from_row (sqlite3_stmt *stmt)
{
  LineupPostSync *sync = g_new0 (LineupPostSync, 1);
  const char *ops = (const char *) sqlite3_column_text (stmt, 11);

  sync->post_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sync->post_title = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  sync->account_id = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  sync->account_name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  sync->state = state_from_key ((const char *) sqlite3_column_text (stmt, 4));
  sync->remote_id = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  sync->remote_at = sqlite3_column_int64 (stmt, 6);
  sync->url = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
  sync->message = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
  sync->attempts = (guint) sqlite3_column_int (stmt, 9);
  sync->next_attempt_at = sqlite3_column_int64 (stmt, 10);
  sync->ops = ops ? g_strsplit (ops, ",", -1) : g_new0 (char *, 1);
  sync->queued_at = sqlite3_column_int64 (stmt, 12);
  return sync;
}

static GPtrArray *
collect_sync (LineupStore   *self,
              const char    *sql,
              const char    *post_id,
              GError       **error)
{
  sqlite3_stmt *stmt = _lineup_store_prepare (self, sql, error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_post_sync_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (post_id)
    sqlite3_bind_text (stmt, 1, post_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, sync_from_row (stmt));
  _lineup_store_finish (stmt);
  if (rc != SQLITE_DONE)
    {
      _lineup_store_sqlite_error (self, error, _("read the sync state"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

GPtrArray *
lineup_store_get_post_sync (LineupStore  *self,
                            const char   *post_id,
                            GError      **error)
{
  static const char sql[] = SYNC_SELECT "WHERE t.post_id = ? ORDER BY a.created_at, a.name";
  g_autoptr(LineupPost) post = lineup_store_get_post (self, post_id, error);

  if (post == NULL)
    return NULL;
  return collect_sync (self, sql, lineup_post_get_id (post), error);
}

GHashTable *
lineup_store_get_sync_summaries (LineupStore  *self,
                                 GError      **error)
{
  static const char sql[] =
    "SELECT t.post_id, s.state FROM "
    "(SELECT post_id, account_id FROM post_targets UNION SELECT post_id, account_id FROM publish_state) t "
    "LEFT JOIN publish_state s ON s.post_id = t.post_id AND s.account_id = t.account_id";
  sqlite3_stmt *stmt = _lineup_store_prepare (self, sql, error);
  g_autoptr(GHashTable) summaries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      LineupSyncState state = state_from_key ((const char *) sqlite3_column_text (stmt, 1));
      gpointer old = g_hash_table_lookup (summaries, id);

      if (old == NULL || GPOINTER_TO_INT (old) - 1 < (int) state)
        g_hash_table_insert (summaries, g_strdup (id), GINT_TO_POINTER (state + 1));
    }
  _lineup_store_finish (stmt);
  if (rc != SQLITE_DONE)
    {
      _lineup_store_sqlite_error (self, error, _("read the sync state"));
      return NULL;
    }
  return g_steal_pointer (&summaries);
}

GPtrArray *
lineup_store_get_outbox (LineupStore  *self,
                         gboolean      recent,
                         GError      **error)
{
  static const char open_sql[] =
    SYNC_SELECT "WHERE s.state IN ('pending', 'failed', 'conflict') "
    "ORDER BY CASE s.state WHEN 'failed' THEN 0 WHEN 'conflict' THEN 1 ELSE 2 END, p.slot, a.name";
  static const char recent_sql[] =
    SYNC_SELECT "WHERE s.state IN ('synced', 'published') ORDER BY s.updated_at DESC LIMIT 50";
  g_autoptr(GPtrArray) rows = collect_sync (self, open_sql, NULL, error);

  if (rows && recent)
    {
      g_autoptr(GPtrArray) done = collect_sync (self, recent_sql, NULL, error);

      if (done == NULL)
        return NULL;
      for (guint i = 0; i < done->len; i++)
        g_ptr_array_add (rows, g_steal_pointer (&done->pdata[i]));
    }
  return g_steal_pointer (&rows);
}

char *
lineup_store_get_published_url (LineupStore *self,
                                const char  *post_id)
{
  static const char sql[] =
    "SELECT s.url FROM publish_state s JOIN accounts a ON a.id = s.account_id "
    "WHERE s.post_id = ? AND s.state = 'published' AND s.url IS NOT NULL ORDER BY a.created_at LIMIT 1";
  sqlite3_stmt *stmt = _lineup_store_prepare (self, sql, NULL);
  char *url = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, post_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    url = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  _lineup_store_finish (stmt);
  return url;
}

GHashTable *
lineup_store_get_published_urls (LineupStore *self)
{
  static const char sql[] =
    "SELECT s.post_id, s.url FROM publish_state s JOIN accounts a ON a.id = s.account_id "
    "WHERE s.state = 'published' AND s.url IS NOT NULL ORDER BY a.created_at DESC";
  sqlite3_stmt *stmt = _lineup_store_prepare (self, sql, NULL);
  GHashTable *urls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (stmt == NULL)
    return urls;
  /* Oldest account last, so its URL is the one kept. */
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (urls, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  _lineup_store_finish (stmt);
  return urls;
}

GPtrArray *
lineup_store_get_publish_log (LineupStore  *self,
                              guint         limit,
                              GError      **error)
{
  static const char sql[] =
    "SELECT l.at, l.post_id, p.title, a.name, l.action, l.ok, l.message FROM publish_log l "
    "LEFT JOIN posts p ON p.id = l.post_id LEFT JOIN accounts a ON a.id = l.account_id "
    "ORDER BY l.id DESC LIMIT ?";
  sqlite3_stmt *stmt = _lineup_store_prepare (self, sql, error);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_publish_log_entry_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, (int) limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LineupPublishLogEntry *entry = g_new0 (LineupPublishLogEntry, 1);

      entry->at = sqlite3_column_int64 (stmt, 0);
      entry->post_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      entry->post_title = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      entry->account_name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      entry->action = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      entry->ok = sqlite3_column_int (stmt, 5) != 0;
      entry->message = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      g_ptr_array_add (entries, entry);
    }
  _lineup_store_finish (stmt);
  if (rc != SQLITE_DONE)
    {
      _lineup_store_sqlite_error (self, error, _("read the publishing log"));
      return NULL;
    }
  return g_steal_pointer (&entries);
}

static gboolean
outbox_commit_hook (LineupStore         *store,
                    const LineupCommit  *commit,
                    gpointer             user_data,
                    GError             **error)
{
  for (guint i = 0; i < commit->n_posts; i++)
    if (!_lineup_outbox_note_change (store, commit->posts[i].old_post, commit->posts[i].new_post, error))
      return FALSE;
  return TRUE;
}

void
lineup_outbox_attach (LineupStore *store)
{
  g_return_if_fail (LINEUP_IS_STORE (store));

  lineup_store_add_commit_hook (store, outbox_commit_hook, NULL, NULL);
}
