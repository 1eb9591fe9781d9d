/* lineup-account.c: accounts and post targets in the plan's database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-account.h"
#include "lineup-outbox.h"
#include "lineup-store-publish.h"

#define ACCOUNT_COLUMNS \
  "id, kind, name, endpoint, handle, remote_user, client_id, text_limit, url_length, problem, created_at"

static const char * const kind_keys[] = { "mastodon", "bluesky", "webhook" };

LineupAccount *
lineup_account_new (void)
{
  return g_new0 (LineupAccount, 1);
}

LineupAccount *
lineup_account_copy (const LineupAccount *account)
{
  LineupAccount *copy = g_new0 (LineupAccount, 1);

  *copy = *account;
  copy->id = g_strdup (account->id);
  copy->name = g_strdup (account->name);
  copy->endpoint = g_strdup (account->endpoint);
  copy->handle = g_strdup (account->handle);
  copy->remote_user = g_strdup (account->remote_user);
  copy->client_id = g_strdup (account->client_id);
  copy->problem = g_strdup (account->problem);
  return copy;
}

void
lineup_account_free (LineupAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->id);
  g_free (account->name);
  g_free (account->endpoint);
  g_free (account->handle);
  g_free (account->remote_user);
  g_free (account->client_id);
  g_free (account->problem);
  g_free (account);
}

const char *
lineup_account_kind_to_key (LineupAccountKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_keys), NULL);
  return kind_keys[kind];
}

const char *
lineup_account_kind_to_label (LineupAccountKind kind)
{
  switch (kind)
    {
    case LINEUP_ACCOUNT_MASTODON: return _("Mastodon");
    case LINEUP_ACCOUNT_BLUESKY: return _("Bluesky");
    case LINEUP_ACCOUNT_WEBHOOK: return _("Webhook");
    default: g_return_val_if_reached (NULL);
    }
}

gboolean
lineup_account_kind_from_string (const char        *text,
                                 LineupAccountKind *out_kind)
{
  for (guint i = 0; text && i < G_N_ELEMENTS (kind_keys); i++)
    if (g_ascii_strcasecmp (text, kind_keys[i]) == 0)
      {
        *out_kind = (LineupAccountKind) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
lineup_account_kind_schedules_on_server (LineupAccountKind kind)
{
  return kind == LINEUP_ACCOUNT_MASTODON;
}

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
}

gboolean
lineup_store_add_account (LineupStore    *self,
                          LineupAccount  *account,
                          GError        **error)
{
  static const char sql[] =
    "INSERT INTO accounts (" ACCOUNT_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
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
    "client_id = ?7, text_limit = ?8, url_length = ?9, problem = ?10, created_at = ?11 WHERE id = ?1";
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
lineup_store_remove_account (LineupStore  *self,
                             const char   *id,
                             GError      **error)
{
  static const char * const sqls[] = {
    "DELETE FROM outbox WHERE account_id = ?",
    "DELETE FROM publish_state WHERE account_id = ?",
    "DELETE FROM post_targets WHERE account_id = ?",
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
