/* lineup-publish-store-sync.c: the sync engine's reads and writes of the
 * publishing tables.
 *
 * Which targets have work, a target's state as the server last told it,
 * saving what a request or a reconciliation learned (state, outbox and log
 * line in one transaction), marking a post Published when every account has
 * it, and the person's decisions (retry, resolve a conflict, an account
 * fixed) with the limits check. Only SQL: what to send and when is decided
 * in lineup-sync-plan.c and done by lineup-sync.c; nothing here talks to a
 * server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-sync-private.h"
#include "lineup-mastodon.h"
#include "lineup-store-publish.h"
#include "lineup-store-private.h"

/* ---- reading the work ---- */

gboolean
_lineup_publish_load_targets (Pass    *pass,
              GError **error)
{
  static const char sql[] =
    "SELECT t.post_id, t.account_id, (SELECT max(id) FROM outbox o WHERE o.post_id = t.post_id "
    "   AND o.account_id = t.account_id), s.state, s.remote_id, s.remote_at, s.remote_text, "
    "  s.pending_key, s.attempts, s.next_attempt_at "
    "FROM (SELECT post_id, account_id, min(id) AS first FROM outbox GROUP BY post_id, account_id "
    "      UNION ALL "
    "      SELECT post_id, account_id, 9223372036854775807 FROM publish_state s WHERE state = 'pending' "
    "        AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.post_id = s.post_id AND o.account_id = s.account_id)) t "
    "LEFT JOIN publish_state s ON s.post_id = t.post_id AND s.account_id = t.account_id "
    "ORDER BY t.first";
  LineupStore *store = pass->sync->store;
  sqlite3_stmt *stmt = _lineup_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  g_clear_pointer (&pass->targets, g_ptr_array_unref);
  pass->targets = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_sync_target_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LineupSyncTarget *target = g_new0 (LineupSyncTarget, 1);
      const char *state = (const char *) sqlite3_column_text (stmt, 3);

      target->post_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      target->account_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      target->last_op = sqlite3_column_int64 (stmt, 2);
      target->has_state = state != NULL;
      g_ptr_array_add (pass->targets, target);
    }
  _lineup_store_finish (stmt);
  if (rc != SQLITE_DONE)
    return _lineup_store_sqlite_error (store, error, _("read the outbox"));
  return TRUE;
}

/* Reads the target's state again: the previous step (or another window)
 * may have changed it. */
gboolean
_lineup_publish_reload_target (LineupStore  *store,
               LineupSyncTarget       *target,
               GError      **error)
{
  static const char sql[] =
    "SELECT state, remote_id, remote_at, remote_text, pending_key, attempts, next_attempt_at, "
    "  (SELECT max(id) FROM outbox o WHERE o.post_id = ?1 AND o.account_id = ?2), message "
    "FROM publish_state WHERE post_id = ?1 AND account_id = ?2";
  sqlite3_stmt *stmt = _lineup_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, target->post_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, target->account_id, -1, SQLITE_TRANSIENT);
  g_clear_pointer (&target->remote_id, g_free);
  g_clear_pointer (&target->remote_text, g_free);
  g_clear_pointer (&target->pending_key, g_free);
  g_clear_pointer (&target->message, g_free);
  target->has_state = FALSE;
  target->state = LINEUP_SYNC_NOT_SYNCED;
  target->remote_at = 0;
  target->attempts = 0;
  target->next_attempt_at = 0;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      target->has_state = TRUE;
      target->state = lineup_sync_state_from_key ((const char *) sqlite3_column_text (stmt, 0));
      target->remote_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      target->remote_at = sqlite3_column_int64 (stmt, 2);
      target->remote_text = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      target->pending_key = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      target->attempts = (guint) sqlite3_column_int (stmt, 5);
      target->next_attempt_at = sqlite3_column_int64 (stmt, 6);
      target->last_op = sqlite3_column_int64 (stmt, 7);
      target->message = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
    }
  _lineup_store_finish (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _lineup_store_sqlite_error (store, error, _("read the sync state"));
  return TRUE;
}

gboolean
_lineup_publish_is_targeted (LineupStore *store,
             const char  *post_id,
             const char  *account_id)
{
  static const char sql[] = "SELECT 1 FROM post_targets WHERE post_id = ? AND account_id = ?";
  sqlite3_stmt *stmt = _lineup_store_prepare (store, sql, NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, post_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, account_id, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  _lineup_store_finish (stmt);
  return found;
}

/* ---- writing results ---- */



static gboolean
write_update (LineupStore  *store,
              LineupSyncTarget       *target,
              const Update *update,
              GError      **error)
{
  static const char upsert_sql[] =
    "INSERT INTO publish_state (post_id, account_id, state, updated_at) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (post_id, account_id) DO UPDATE SET state = ?3, updated_at = ?4";
  static const char remote_sql[] =
    "UPDATE publish_state SET remote_id = ?3, remote_at = ?4, remote_text = ?5 "
    "WHERE post_id = ?1 AND account_id = ?2";
  static const char key_sql[] =
    "UPDATE publish_state SET pending_key = ?3 WHERE post_id = ?1 AND account_id = ?2";
  static const char url_sql[] =
    "UPDATE publish_state SET url = ?3 WHERE post_id = ?1 AND account_id = ?2";
  static const char message_sql[] =
    "UPDATE publish_state SET message = ?3, attempts = CASE WHEN ?4 < 0 THEN attempts ELSE ?4 END, "
    "next_attempt_at = ?5 WHERE post_id = ?1 AND account_id = ?2";
  static const char delete_sql[] = "DELETE FROM publish_state WHERE post_id = ?1 AND account_id = ?2";
  static const char outbox_sql[] = "DELETE FROM outbox WHERE post_id = ?1 AND account_id = ?2 AND id <= ?3";
  sqlite3_stmt *stmt;

#define PREPARE(sql) \
  if ((stmt = _lineup_store_prepare (store, sql, error)) == NULL) return FALSE; \
  sqlite3_bind_text (stmt, 1, target->post_id, -1, SQLITE_TRANSIENT); \
  sqlite3_bind_text (stmt, 2, target->account_id, -1, SQLITE_TRANSIENT)

  if (update->state == LINEUP_SYNC_NOT_SYNCED)
    {
      PREPARE (delete_sql);
      if (!_lineup_store_step_done (store, stmt, _("save the sync state"), error))
        return FALSE;
    }
  else
    {
      PREPARE (upsert_sql);
      sqlite3_bind_text (stmt, 3, lineup_sync_state_to_key (update->state), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, g_get_real_time () / G_USEC_PER_SEC);
      if (!_lineup_store_step_done (store, stmt, _("save the sync state"), error))
        return FALSE;
      if (update->set_remote)
        {
          PREPARE (remote_sql);
          sqlite3_bind_text (stmt, 3, update->remote_id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (stmt, 4, update->remote_at);
          sqlite3_bind_text (stmt, 5, update->remote_text, -1, SQLITE_TRANSIENT);
          if (!_lineup_store_step_done (store, stmt, _("save the sync state"), error))
            return FALSE;
        }
      if (update->set_key)
        {
          PREPARE (key_sql);
          sqlite3_bind_text (stmt, 3, update->pending_key, -1, SQLITE_TRANSIENT);
          if (!_lineup_store_step_done (store, stmt, _("save the sync state"), error))
            return FALSE;
        }
      if (update->url)
        {
          PREPARE (url_sql);
          sqlite3_bind_text (stmt, 3, update->url, -1, SQLITE_TRANSIENT);
          if (!_lineup_store_step_done (store, stmt, _("save the sync state"), error))
            return FALSE;
        }
      PREPARE (message_sql);
      sqlite3_bind_text (stmt, 3, update->message, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 4, update->attempts);
      sqlite3_bind_int64 (stmt, 5, update->next_attempt_at);
      if (!_lineup_store_step_done (store, stmt, _("save the sync state"), error))
        return FALSE;
    }
  if (!_lineup_publish_record_media (store, target->post_id, target->account_id, update->media_change,
                                     update->media, update->forget_media, error))
    return FALSE;
  if (update->drop_outbox)
    {
      PREPARE (outbox_sql);
      sqlite3_bind_int64 (stmt, 3, target->last_op);
      if (!_lineup_store_step_done (store, stmt, _("clear the outbox"), error))
        return FALSE;
    }
#undef PREPARE
  return TRUE;
}

static gboolean
write_log (LineupStore *store,
           LineupSyncTarget      *target,
           const char  *action,
           gboolean     ok,
           const char  *message,
           GError     **error)
{
  static const char sql[] =
    "INSERT INTO publish_log (at, post_id, account_id, action, ok, message) VALUES (?, ?, ?, ?, ?, ?)";
  static const char trim_sql[] = "DELETE FROM publish_log WHERE id <= (SELECT max(id) - 2000 FROM publish_log)";
  sqlite3_stmt *stmt = _lineup_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_text (stmt, 2, target->post_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, target->account_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, action, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, ok);
  sqlite3_bind_text (stmt, 6, message, -1, SQLITE_TRANSIENT);
  if (!_lineup_store_step_done (store, stmt, _("write the publishing log"), error))
    return FALSE;
  if ((stmt = _lineup_store_prepare (store, trim_sql, error)) == NULL)
    return FALSE;
  return _lineup_store_step_done (store, stmt, _("write the publishing log"), error);
}

/* One transaction: the state, the outbox and the log line. */
gboolean
_lineup_publish_commit_update (LineupStore  *store,
               LineupSyncTarget       *target,
               const Update *update,
               const char   *log_action,
               gboolean      log_ok,
               const char   *log_message)
{
  g_autoptr(GError) error = NULL;

  if (!_lineup_store_begin_publishing (store, &error))
    goto failed;
  if (!write_update (store, target, update, &error) ||
      (log_action && !write_log (store, target, log_action, log_ok, log_message, &error)))
    {
      _lineup_store_end_publishing (store, FALSE, NULL);
      goto failed;
    }
  if (_lineup_store_end_publishing (store, TRUE, &error))
    return TRUE;

failed:
  g_warning ("Could not save what the server said about post %s: %s", target->post_id, error->message);
  return FALSE;
}

/* When every account the post went to has published it, the post is
 * Published (not an undo step: it happened in the world). */
void
_lineup_publish_mark_published (LineupStore   *store,
                      const char    *post_id,
                      const char    *who,
                      const char    *url)
{
  static const char sql[] =
    "SELECT count(*) FROM post_targets t LEFT JOIN publish_state s ON s.post_id = t.post_id "
    "AND s.account_id = t.account_id WHERE t.post_id = ? AND (s.state IS NULL OR s.state != 'published')";
  g_autoptr(LineupPost) post = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = _lineup_store_prepare (store, sql, NULL);
  LineupWorkflowEvent event = { 0 };
  gint64 left = 1;

  if (stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, post_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    left = sqlite3_column_int64 (stmt, 0);
  _lineup_store_finish (stmt);
  if (left > 0)
    return;

  post = _lineup_store_read_post (store, post_id, NULL);
  if (post == NULL || lineup_post_get_deleted_at (post) != 0 ||
      lineup_post_get_stage (post) == LINEUP_STAGE_PUBLISHED)
    return;
  event.kind = LINEUP_HISTORY_STAGE;
  event.to_stage = LINEUP_STAGE_PUBLISHED;
  event.actor = who;
  event.comment = url;
  event.approve_step = -1;
  if (!_lineup_store_apply_event (store, post, &event, &error))
    g_warning ("Could not mark “%s” published: %s", lineup_post_get_title (post), error->message);
}

/* ---- what the engine asks ---- */


GPtrArray *
_lineup_publish_load_known (LineupStore *store,
            const char  *account_id)
{
  static const char sql[] =
    "SELECT post_id, remote_id, remote_at, remote_text, pending_key FROM publish_state "
    "WHERE account_id = ? AND state IN ('synced', 'pending', 'failed') "
    "AND (remote_id IS NOT NULL OR pending_key IS NOT NULL)";
  sqlite3_stmt *stmt = _lineup_store_prepare (store, sql, NULL);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) _lineup_sync_known_free);

  if (stmt == NULL)
    return rows;
  sqlite3_bind_text (stmt, 1, account_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Known *known = g_new0 (Known, 1);

      known->post_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      known->remote_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      known->remote_at = sqlite3_column_int64 (stmt, 2);
      known->remote_text = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      known->pending_key = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      g_ptr_array_add (rows, known);
    }
  _lineup_store_finish (stmt);
  return rows;
}

gboolean
_lineup_publish_has_retry_waiting (Pass *pass)
{
  static const char sql[] =
    "SELECT 1 FROM publish_state WHERE state = 'pending' AND next_attempt_at > 0 "
    "AND next_attempt_at <= ? LIMIT 1";
  sqlite3_stmt *stmt = _lineup_store_prepare (pass->sync->store, sql, NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, lineup_sync_now () + ONCE_MAX_WAIT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  _lineup_store_finish (stmt);
  return found;
}

/* Whether the account has posts the server may have published by now, or
 * any post it holds (a full reconciliation). */
gboolean
_lineup_publish_needs_reconcile (LineupStore   *store,
                 AccountRun    *run,
                 gboolean       due_only)
{
  static const char any_sql[] =
    "SELECT 1 FROM publish_state WHERE account_id = ?1 AND (remote_id IS NOT NULL OR pending_key IS NOT NULL) "
    "AND state IN ('synced', 'pending', 'failed') LIMIT 1";
  static const char due_sql[] =
    "SELECT 1 FROM publish_state WHERE account_id = ?1 AND remote_id IS NOT NULL AND state = 'synced' "
    "AND remote_at <= ?2 LIMIT 1";
  sqlite3_stmt *stmt = _lineup_store_prepare (store, due_only ? due_sql : any_sql, NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, run->account->id, -1, SQLITE_TRANSIENT);
  if (due_only)
    sqlite3_bind_int64 (stmt, 2, lineup_sync_now ());
  found = sqlite3_step (stmt) == SQLITE_ROW;
  _lineup_store_finish (stmt);
  return found;
}


gint64
_lineup_publish_next_wake (LineupSync *self)
{
  static const char sql[] =
    "SELECT min(t) FROM ("
    "  SELECT next_attempt_at AS t FROM publish_state WHERE state = 'pending' AND next_attempt_at > 0 "
    "  UNION ALL SELECT p.slot FROM outbox o JOIN posts p ON p.id = o.post_id "
    "    WHERE p.stage = 4 AND p.deleted_at IS NULL "
    "  UNION ALL SELECT remote_at FROM publish_state WHERE state = 'synced' AND remote_at IS NOT NULL)"
    " WHERE t > ?";
  sqlite3_stmt *stmt = _lineup_store_prepare (self->store, sql, NULL);
  gint64 when = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, lineup_sync_now ());
  if (sqlite3_step (stmt) == SQLITE_ROW)
    when = sqlite3_column_int64 (stmt, 0);
  _lineup_store_finish (stmt);
  return when;
}

/* ---- a person's decisions ---- */

static gboolean
reset_target (LineupStore  *store,
              const char   *sql,
              const char   *first,
              const char   *second,
              GError      **error)
{
  sqlite3_stmt *stmt;

  if (!_lineup_store_begin_publishing (store, error))
    return FALSE;
  if ((stmt = _lineup_store_prepare (store, sql, error)) == NULL)
    return _lineup_store_end_publishing (store, FALSE, NULL);
  sqlite3_bind_text (stmt, 1, first, -1, SQLITE_TRANSIENT);
  if (second)
    sqlite3_bind_text (stmt, 2, second, -1, SQLITE_TRANSIENT);
  if (!_lineup_store_step_done (store, stmt, _("save the sync state"), error))
    return _lineup_store_end_publishing (store, FALSE, NULL);
  return _lineup_store_end_publishing (store, TRUE, error);
}

gboolean
lineup_sync_retry (LineupStore  *store,
                   const char   *post_id,
                   const char   *account_id,
                   GError      **error)
{
  static const char sql[] =
    "UPDATE publish_state SET state = 'pending', message = NULL, attempts = 0, next_attempt_at = 0 "
    "WHERE post_id = ?1 AND account_id = ?2 AND state IN ('failed', 'pending')";

  return reset_target (store, sql, post_id, account_id, error);
}

gboolean
lineup_sync_account_fixed (LineupStore  *store,
                           const char   *account_id,
                           GError      **error)
{
  static const char sql[] =
    "UPDATE publish_state SET state = 'pending', message = NULL, attempts = 0, next_attempt_at = 0 "
    "WHERE account_id = ?1 AND state = 'failed'";
  g_autoptr(LineupAccount) account = lineup_store_find_account (store, account_id, error);

  if (account == NULL)
    return FALSE;
  g_clear_pointer (&account->problem, g_free);
  if (!lineup_store_update_account (store, account, error))
    return FALSE;
  return reset_target (store, sql, account->id, NULL, error);
}

gboolean
lineup_sync_resolve (LineupStore  *store,
                     const char   *post_id,
                     const char   *account_id,
                     gboolean      keep_lineup,
                     GError      **error)
{
  static const char remote_sql[] =
    "SELECT remote_id, remote_at, remote_text FROM publish_state "
    "WHERE post_id = ? AND account_id = ? AND state = 'conflict'";
  /* Lineup's version: the next pass compares the plan with what the server
   * has now (kept when the conflict was found) and moves, replaces or
   * creates it again. */
  static const char keep_sql[] =
    "UPDATE publish_state SET state = 'pending', message = NULL, attempts = 0, next_attempt_at = 0 "
    "WHERE post_id = ?1 AND account_id = ?2";
  static const char synced_sql[] =
    "UPDATE publish_state SET state = 'synced', message = NULL WHERE post_id = ?1 AND account_id = ?2";
  static const char forget_sql[] = "DELETE FROM publish_state WHERE post_id = ?1 AND account_id = ?2";
  g_autoptr(LineupPost) post = lineup_store_get_post (store, post_id, error);
  sqlite3_stmt *stmt;
  g_autofree char *remote_id = NULL;
  g_autofree char *remote_text = NULL;
  g_autofree char *caption = NULL;
  gint64 remote_at = 0;
  gboolean found = FALSE;

  if (post == NULL)
    return FALSE;
  if ((stmt = _lineup_store_prepare (store, remote_sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, lineup_post_get_id (post), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, account_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      remote_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      remote_at = sqlite3_column_int64 (stmt, 1);
      remote_text = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
    }
  _lineup_store_finish (stmt);
  if (!found)
    {
      g_set_error (error, LINEUP_SYNC_ERROR, LINEUP_SYNC_ERROR_FAILED,
                   _("“%s” is not in conflict on that account"), lineup_post_get_title (post));
      return FALSE;
    }

  if (keep_lineup)
    return reset_target (store, keep_sql, lineup_post_get_id (post), account_id, error);

  /* The server's version. Gone there: the post stops going to that account. */
  if (remote_id == NULL)
    {
      if (!lineup_store_set_post_target (store, lineup_post_get_id (post), account_id, FALSE, error))
        return FALSE;
      return reset_target (store, forget_sql, lineup_post_get_id (post), account_id, error);
    }
  {
    g_autoptr(LineupAccount) account = lineup_store_find_account (store, account_id, NULL);

    g_free (caption);
    caption = lineup_store_caption_for_account (store, post, account);
  }
  if (g_strcmp0 (remote_text, caption) != 0)
    {
      g_set_error (error, LINEUP_SYNC_ERROR, LINEUP_SYNC_ERROR_FAILED,
                   _("The server has other text for “%s”: copy it into the caption (which sends the post back to review), or keep Lineup’s"),
                   lineup_post_get_title (post));
      return FALSE;
    }
  /* Moved there: the plan takes its time. */
  if (!reset_target (store, synced_sql, lineup_post_get_id (post), account_id, error))
    return FALSE;
  if (remote_at != lineup_post_get_scheduled_at (post))
    {
      GDate date;
      int minutes;

      lineup_store_utc_to_local (store, remote_at, &date, &minutes);
      if (!lineup_store_reschedule_post (store, lineup_post_get_id (post), &date, minutes, error))
        return FALSE;
    }
  return TRUE;
}

GPtrArray *
lineup_sync_check_limits (LineupStore  *store,
                          GError      **error)
{
  static const char day_sql[] =
    "SELECT a.name, date(p.slot, 'unixepoch') AS day, count(*) FROM post_targets t "
    "JOIN accounts a ON a.id = t.account_id JOIN posts p ON p.id = t.post_id "
    "WHERE a.kind = 'mastodon' AND p.stage = 4 AND p.deleted_at IS NULL AND p.slot > ?1 "
    "GROUP BY a.id, day HAVING count(*) > ?2 ORDER BY a.name, day";
  static const char total_sql[] =
    "SELECT a.name, count(*) FROM post_targets t "
    "JOIN accounts a ON a.id = t.account_id JOIN posts p ON p.id = t.post_id "
    "WHERE a.kind = 'mastodon' AND p.stage = 4 AND p.deleted_at IS NULL AND p.slot > ?1 "
    "GROUP BY a.id HAVING count(*) > ?2 ORDER BY a.name";
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  gint64 soon = lineup_sync_now () + LINEUP_MASTODON_MIN_LEAD;

  if ((stmt = _lineup_store_prepare (store, day_sql, error)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, soon);
  sqlite3_bind_int (stmt, 2, LINEUP_MASTODON_MAX_PER_DAY);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (warnings,
                     g_strdup_printf (_("%s: %d posts are scheduled on %s (UTC); Mastodon takes at most %d a day per account, so %d of them will fail. Move some to another day."),
                                      (const char *) sqlite3_column_text (stmt, 0),
                                      sqlite3_column_int (stmt, 2),
                                      (const char *) sqlite3_column_text (stmt, 1),
                                      LINEUP_MASTODON_MAX_PER_DAY,
                                      sqlite3_column_int (stmt, 2) - LINEUP_MASTODON_MAX_PER_DAY));
  _lineup_store_finish (stmt);

  if ((stmt = _lineup_store_prepare (store, total_sql, error)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, soon);
  sqlite3_bind_int (stmt, 2, LINEUP_MASTODON_MAX_PENDING);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (warnings,
                     g_strdup_printf (_("%s: %d posts are scheduled ahead; Mastodon holds at most %d per account, so the last %d will fail until earlier ones go out."),
                                      (const char *) sqlite3_column_text (stmt, 0),
                                      sqlite3_column_int (stmt, 1), LINEUP_MASTODON_MAX_PENDING,
                                      sqlite3_column_int (stmt, 1) - LINEUP_MASTODON_MAX_PENDING));
  _lineup_store_finish (stmt);
  return g_steal_pointer (&warnings);
}
