/* lineup-publish-store.c: the publishing tables in the plan's database.
 *
 * Every SQL statement on accounts, post_targets, outbox and publish_state
 * that the accounts and the outbox need: reading and writing the account
 * rows, where posts go, queuing outbox rows and reading sync states and the
 * publishing log. The sync engine's own reads and writes of its state are in
 * lineup-publish-store-sync.c. No network, no decisions about what to send.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-publish-store.h"
#include "lineup-store-publish.h"

#define ACCOUNT_COLUMNS \
  "id, kind, name, endpoint, handle, remote_user, client_id, text_limit, url_length, problem, created_at, media_limits, media_bytes"


static char *
dup_column (sqlite3_stmt *stmt,
            int           index)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, index));
}

static LineupAccount *
account_from_row (sqlite3_stmt *stmt)
{
  LineupAccount *account = lineup_account_new ();

  account->id = dup_column (stmt, 0);
  lineup_account_kind_from_string ((const char *) sqlite3_column_text (stmt, 1), &account->kind);
  account->name = dup_column (stmt, 2);
  account->endpoint = dup_column (stmt, 3);
  account->handle = dup_column (stmt, 4);
  account->remote_user = dup_column (stmt, 5);
  account->client_id = dup_column (stmt, 6);
  account->text_limit = (guint) sqlite3_column_int (stmt, 7);
  account->url_length = (guint) sqlite3_column_int (stmt, 8);
  account->problem = dup_column (stmt, 9);
  account->created_at = sqlite3_column_int64 (stmt, 10);
  account->media_limits = dup_column (stmt, 11);
  account->media_bytes = sqlite3_column_int64 (stmt, 12);
  return account;
}

GPtrArray *
lineup_store_get_accounts (LineupStore  *self,
                           GError      **error)
{
  static const char sql[] = "SELECT " ACCOUNT_COLUMNS " FROM accounts ORDER BY created_at, name";
  sqlite3_stmt *stmt = _lineup_store_prepare (self, sql, error);
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_account_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (accounts, account_from_row (stmt));
  _lineup_store_finish (stmt);
  if (rc != SQLITE_DONE)
    {
      _lineup_store_sqlite_error (self, error, _("read the accounts"));
      return NULL;
    }
  return g_steal_pointer (&accounts);
}

char *
lineup_store_caption_for_account (LineupStore         *self,
                                  LineupPost          *post,
                                  const LineupAccount *account)
{
  g_return_val_if_fail (LINEUP_IS_POST (post), NULL);

  if (account == NULL || account->kind == LINEUP_ACCOUNT_WEBHOOK)
    return g_strdup (lineup_post_get_body (post));
  return lineup_store_outgoing_caption (self, post, lineup_account_kind_to_key (account->kind));
}

LineupAccount *
lineup_store_find_account (LineupStore  *self,
                           const char   *name_or_id,
                           GError      **error)
{
  static const char sql[] =
    "SELECT " ACCOUNT_COLUMNS " FROM accounts WHERE name = ?1 COLLATE NOCASE OR id = ?1";
  sqlite3_stmt *stmt;
  LineupAccount *account = NULL;
  int rc;

  g_return_val_if_fail (name_or_id != NULL, NULL);
  if ((stmt = _lineup_store_prepare (self, sql, error)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name_or_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    account = account_from_row (stmt);
  _lineup_store_finish (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _lineup_store_sqlite_error (self, error, _("read the accounts"));
  else if (account == NULL)
    g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND,
                 _("No account named “%s”: see them with “lineup account list”"), name_or_id);
  return account;
}

static gboolean
check_account (LineupAccount  *account,
               GError        **error)
{
  g_autofree char *name = g_strstrip (g_strdup (account->name ? account->name : ""));

  if (*name == '\0' || g_utf8_strlen (name, -1) > LINEUP_NAME_MAX_CHARS || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("An account’s name must be 1 to %d characters of text"), LINEUP_NAME_MAX_CHARS);
      return FALSE;
    }
  if (account->media_bytes < 0 || account->media_bytes > LINEUP_ACCOUNT_MAX_MEDIA_BYTES)
    {
      g_autofree char *max = lineup_account_format_size (LINEUP_ACCOUNT_MAX_MEDIA_BYTES);

      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("A webhook carries media bytes up to at most %s (0: none)"), max);
      return FALSE;
    }
  if (account->endpoint == NULL || !(g_str_has_prefix (account->endpoint, "https://") ||
                                     g_str_has_prefix (account->endpoint, "http://")))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The account’s address must start with https:// (or http:// for a server on this machine)"));
      return FALSE;
    }
  g_free (account->name);
  account->name = g_steal_pointer (&name);
  return TRUE;
}

static void
bind_account (sqlite3_stmt  *stmt,
              LineupAccount *account)
{
  sqlite3_bind_text (stmt, 1, account->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, lineup_account_kind_to_key (account->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, account->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, account->endpoint, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, account->handle, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, account->remote_user, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, account->client_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 8, (int) account->text_limit);
  sqlite3_bind_int (stmt, 9, (int) account->url_length);
  sqlite3_bind_text (stmt, 10, account->problem, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 11, account->created_at);
  sqlite3_bind_text (stmt, 12, account->media_limits, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 13, account->media_bytes);
}

gboolean
lineup_store_add_account (LineupStore    *self,
                          LineupAccount  *account,
                          GError        **error)
{
  static const char sql[] =
    "INSERT INTO accounts (" ACCOUNT_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
  g_autoptr(LineupAccount) existing = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (account != NULL, FALSE);
  if (!check_account (account, error))
    return FALSE;
  existing = lineup_store_find_account (self, account->name, NULL);
  if (existing)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_EXISTS,
                   _("There is already an account named “%s”: choose another name with --name"), account->name);
      return FALSE;
    }
  if (account->id == NULL)
    account->id = g_uuid_string_random ();
  if (account->created_at == 0)
    account->created_at = g_get_real_time () / G_USEC_PER_SEC;

  if (!_lineup_store_begin_publishing (self, error))
    return FALSE;
  if ((stmt = _lineup_store_prepare (self, sql, error)) == NULL)
    return _lineup_store_end_publishing (self, FALSE, NULL);
  bind_account (stmt, account);
  if (!_lineup_store_step_done (self, stmt, _("add the account"), error))
    return _lineup_store_end_publishing (self, FALSE, NULL);
  return _lineup_store_end_publishing (self, TRUE, error);
}

gboolean
lineup_store_update_account (LineupStore    *self,
                             LineupAccount  *account,
                             GError        **error)
{
  static const char sql[] =
    "UPDATE accounts SET kind = ?2, name = ?3, endpoint = ?4, handle = ?5, remote_user = ?6, "
    "client_id = ?7, text_limit = ?8, url_length = ?9, problem = ?10, created_at = ?11, media_limits = ?12, media_bytes = ?13 WHERE id = ?1";
  sqlite3_stmt *stmt;

  g_return_val_if_fail (account != NULL && account->id != NULL, FALSE);
  if (!check_account (account, error))
    return FALSE;
  if (!_lineup_store_begin_publishing (self, error))
    return FALSE;
  if ((stmt = _lineup_store_prepare (self, sql, error)) == NULL)
    return _lineup_store_end_publishing (self, FALSE, NULL);
  bind_account (stmt, account);
  if (!_lineup_store_step_done (self, stmt, _("save the account"), error))
    return _lineup_store_end_publishing (self, FALSE, NULL);
  return _lineup_store_end_publishing (self, TRUE, error);
}

gboolean
lineup_store_set_account_media_bytes (LineupStore  *self,
                                      const char   *name_or_id,
                                      gint64        media_bytes,
                                      GError      **error)
{
  g_autoptr(LineupAccount) account = lineup_store_find_account (self, name_or_id, error);

  if (account == NULL)
    return FALSE;
  if (account->kind != LINEUP_ACCOUNT_WEBHOOK)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("“%s” is a %s account: only a webhook sends media bytes in its payload"),
                   account->name, lineup_account_kind_to_label (account->kind));
      return FALSE;
    }
  account->media_bytes = media_bytes;
  return lineup_store_update_account (self, account, error);
}

gboolean
lineup_store_remove_account (LineupStore  *self,
                             const char   *id,
                             GError      **error)
{
  static const char * const sqls[] = {
    "DELETE FROM outbox WHERE account_id = ?",
    "DELETE FROM publish_state WHERE account_id = ?",
    "DELETE FROM post_targets WHERE account_id = ?",
    "DELETE FROM remote_media WHERE account_id = ?",
    "DELETE FROM accounts WHERE id = ?",
  };

  g_return_val_if_fail (id != NULL, FALSE);
  if (!_lineup_store_begin_publishing (self, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (sqls); i++)
    {
      sqlite3_stmt *stmt = _lineup_store_prepare (self, sqls[i], error);

      if (stmt == NULL)
        return _lineup_store_end_publishing (self, FALSE, NULL);
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      if (!_lineup_store_step_done (self, stmt, _("remove the account"), error))
        return _lineup_store_end_publishing (self, FALSE, NULL);
    }
  return _lineup_store_end_publishing (self, TRUE, error);
}

GStrv
lineup_store_get_post_targets (LineupStore  *self,
                               const char   *post_id,
                               GError      **error)
{
  static const char sql[] =
    "SELECT t.account_id FROM post_targets t JOIN accounts a ON a.id = t.account_id "
    "WHERE t.post_id = ? ORDER BY a.created_at, a.name";
  sqlite3_stmt *stmt = _lineup_store_prepare (self, sql, error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, post_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  _lineup_store_finish (stmt);
  if (rc != SQLITE_DONE)
    {
      _lineup_store_sqlite_error (self, error, _("read where the post goes"));
      return NULL;
    }
  return g_strv_builder_end (builder);
}

gboolean
lineup_store_set_post_target (LineupStore  *self,
                              const char   *post_id,
                              const char   *account_id,
                              gboolean      on,
                              GError      **error)
{
  static const char add_sql[] = "INSERT OR IGNORE INTO post_targets (post_id, account_id) VALUES (?, ?)";
  static const char remove_sql[] = "DELETE FROM post_targets WHERE post_id = ? AND account_id = ?";
  g_autoptr(LineupPost) post = lineup_store_get_post (self, post_id, error);
  g_autoptr(LineupAccount) account = NULL;
  sqlite3_stmt *stmt;
  gboolean changed;

  if (post == NULL)
    return FALSE;
  if ((account = lineup_store_find_account (self, account_id, error)) == NULL)
    return FALSE;

  if (!_lineup_store_begin_publishing (self, error))
    return FALSE;
  if ((stmt = _lineup_store_prepare (self, on ? add_sql : remove_sql, error)) == NULL)
    return _lineup_store_end_publishing (self, FALSE, NULL);
  sqlite3_bind_text (stmt, 1, lineup_post_get_id (post), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, account->id, -1, SQLITE_TRANSIENT);
  if (!_lineup_store_step_done (self, stmt, _("save where the post goes"), error))
    return _lineup_store_end_publishing (self, FALSE, NULL);
  changed = sqlite3_changes (sqlite3_db_handle (stmt)) > 0;

  /* A post already scheduled goes out (or is withdrawn) now. */
  if (changed && lineup_post_get_stage (post) == LINEUP_STAGE_SCHEDULED && lineup_post_is_dated (post) &&
      !_lineup_outbox_enqueue (self, lineup_post_get_id (post), account->id,
                               on ? LINEUP_OUTBOX_CREATE : LINEUP_OUTBOX_CANCEL, error))
    return _lineup_store_end_publishing (self, FALSE, NULL);
  return _lineup_store_end_publishing (self, TRUE, error);
}

/* ---- the outbox ---- */

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
  sync->state = lineup_sync_state_from_key ((const char *) sqlite3_column_text (stmt, 4));
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
      LineupSyncState state = lineup_sync_state_from_key ((const char *) sqlite3_column_text (stmt, 1));
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

