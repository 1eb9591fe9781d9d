/* lineup-store-share.c: a shared plan's bookkeeping in the store: where the
 * plan is shared and as whom, the queue of local changes to send, what the
 * server last gave for each resource, the approvals it holds, the
 * conflicts, the notices shown, and the accounts' share keys.
 *
 * Reading a post, the plan or the team as a record and applying a record
 * pulled from the server are in lineup-store-share-records.c. The rules of
 * a pass (what to send when, merging) are in src/core/share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "lineup-store-private.h"
#include "lineup-store-share.h"

/* ---- writing inside whatever transaction is open ---- */

gboolean
_lineup_store_share_write_begin (LineupStore  *self,
                                 gboolean     *in_commit,
                                 GError      **error)
{
  /* A commit hook runs after the outermost operation closed but before
   * COMMIT: the transaction is open, no operation is. Write into it. */
  *in_commit = self->depth == 0 && !sqlite3_get_autocommit (self->db);
  if (*in_commit)
    return TRUE;
  return _lineup_store_begin_operation (self, NULL, error);
}

gboolean
_lineup_store_share_write_end (LineupStore  *self,
                               gboolean      in_commit,
                               gboolean      ok,
                               GError      **error)
{
  if (in_commit)
    return ok;
  return _lineup_store_end_operation (self, ok, ok ? error : NULL);
}

/* Runs one bound statement as a small write of its own (or part of the
 * transaction in progress). */
static gboolean
write_one (LineupStore   *self,
           sqlite3_stmt  *stmt,
           gboolean       in_commit,
           const char    *what,
           GError       **error)
{
  gboolean ok = _lineup_store_step_done (self, stmt, what, error);

  return _lineup_store_share_write_end (self, in_commit, ok, error);
}

static const char *
collection_key (LineupShareCollection collection)
{
  return collection == LINEUP_SHARE_COLLECTION_APPROVALS ? "approvals" : "plan";
}

/* ---- where the plan is shared ---- */

void
lineup_share_config_free (LineupShareConfig *config)
{
  if (config == NULL)
    return;
  g_free (config->url);
  g_free (config->login);
  g_free (config->approvals_url);
  g_free (config->machine);
  g_free (config->token);
  g_free (config->approvals_token);
  g_free (config->last_error);
  g_free (config);
}

LineupShareConfig *
lineup_store_get_share (LineupStore *self)
{
  static const char sql[] =
    "SELECT url, login, approvals_url, machine, token, approvals_token, last_pass_at, "
    "last_error, last_error_at FROM share WHERE id = 1";
  LineupShareConfig *config = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);

  if ((stmt = _lineup_store_prepare (self, sql, NULL)) == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      config = g_new0 (LineupShareConfig, 1);
      config->url = g_strdup (_lineup_store_column_text (stmt, 0));
      config->login = g_strdup (_lineup_store_column_text (stmt, 1));
      config->approvals_url = g_strdup (_lineup_store_column_text (stmt, 2));
      config->machine = g_strdup (_lineup_store_column_text (stmt, 3));
      config->token = g_strdup (_lineup_store_column_text (stmt, 4));
      config->approvals_token = g_strdup (_lineup_store_column_text (stmt, 5));
      config->last_pass_at = sqlite3_column_int64 (stmt, 6);
      config->last_error = g_strdup (_lineup_store_column_text (stmt, 7));
      config->last_error_at = sqlite3_column_int64 (stmt, 8);
    }
  _lineup_store_finish (stmt);
  return config;
}

static gboolean
check_url (const char  *what,
           const char  *url,
           GError     **error)
{
  if (url == NULL || !g_utf8_validate (url, -1, NULL) ||
      !(g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://")) ||
      strpbrk (url, " \t\r\n") != NULL)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("%s “%s” is not a web address: give the collection’s URL, starting with https://"),
                   what, url && g_utf8_validate (url, -1, NULL) ? url : "");
      return FALSE;
    }
  return TRUE;
}

gboolean
lineup_store_set_share (LineupStore              *self,
                        const LineupShareConfig  *config,
                        GError                  **error)
{
  static const char set_sql[] =
    "INSERT OR REPLACE INTO share (id, url, login, approvals_url, machine, token, approvals_token, "
    "last_pass_at, last_error, last_error_at) VALUES (1, ?, ?, ?, ?, NULL, NULL, 0, NULL, 0)";
  /* The resources of a collection that moved are not on the new server. */
  static const char moved_sql[] =
    "DELETE FROM share_resources WHERE (collection = 'plan' AND ?1 IS NOT (SELECT url FROM share)) "
    "OR (collection = 'approvals' AND ?2 IS NOT (SELECT approvals_url FROM share))";
  static const char * const stop_sqls[] = {
    "DELETE FROM share",
    "DELETE FROM share_queue",
    "DELETE FROM share_resources",
    "DELETE FROM share_conflicts",
    "DELETE FROM share_targets",
    "DELETE FROM share_publish",
  };
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  if (config != NULL)
    {
      if (!check_url (_("The plan’s collection"), config->url, error) ||
          (config->approvals_url && !check_url (_("The approvals collection"), config->approvals_url, error)) ||
          !_lineup_store_check_name (_("The login"), config->login, error) ||
          !_lineup_store_check_name (_("This copy’s id"), config->machine, error))
        return FALSE;
    }

  if (!_lineup_store_settings_operation_begin (self, error))
    return FALSE;
  if (config == NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (stop_sqls); i++)
        if (!_lineup_store_exec_sql (self, stop_sqls[i], error))
          return _lineup_store_end_operation (self, FALSE, NULL);
      return _lineup_store_end_operation (self, TRUE, error);
    }

  if ((stmt = _lineup_store_prepare (self, moved_sql, error)) == NULL)
    return _lineup_store_end_operation (self, FALSE, NULL);
  sqlite3_bind_text (stmt, 1, config->url, -1, SQLITE_STATIC);
  _lineup_store_bind_text_or_null (stmt, 2, config->approvals_url);
  if (!_lineup_store_step_done (self, stmt, _("start sharing the plan"), error))
    return _lineup_store_end_operation (self, FALSE, NULL);

  if ((stmt = _lineup_store_prepare (self, set_sql, error)) == NULL)
    return _lineup_store_end_operation (self, FALSE, NULL);
  sqlite3_bind_text (stmt, 1, config->url, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, config->login, -1, SQLITE_STATIC);
  _lineup_store_bind_text_or_null (stmt, 3, config->approvals_url);
  sqlite3_bind_text (stmt, 4, config->machine, -1, SQLITE_STATIC);
  if (!_lineup_store_step_done (self, stmt, _("start sharing the plan"), error))
    return _lineup_store_end_operation (self, FALSE, NULL);
  return _lineup_store_end_operation (self, TRUE, error);
}

gboolean
lineup_store_set_share_result (LineupStore  *self,
                               const char   *token,
                               const char   *approvals_token,
                               gint64        at,
                               const char   *error_text,
                               GError      **error)
{
  static const char sql[] =
    "UPDATE share SET token = ?1, approvals_token = ?2, "
    "last_pass_at = CASE WHEN ?4 IS NULL THEN ?3 ELSE last_pass_at END, "
    "last_error = ?4, last_error_at = CASE WHEN ?4 IS NULL THEN 0 ELSE ?3 END WHERE id = 1";
  g_autofree char *valid_error = NULL;
  sqlite3_stmt *stmt;
  gboolean in_commit;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  /* The server's words may be anything: keep what can be shown. */
  if (error_text)
    valid_error = g_utf8_make_valid (error_text, -1);

  if (!_lineup_store_share_write_begin (self, &in_commit, error))
    return FALSE;
  if ((stmt = _lineup_store_prepare (self, sql, error)) == NULL)
    return _lineup_store_share_write_end (self, in_commit, FALSE, error);
  _lineup_store_bind_text_or_null (stmt, 1, token);
  _lineup_store_bind_text_or_null (stmt, 2, approvals_token);
  sqlite3_bind_int64 (stmt, 3, at);
  _lineup_store_bind_text_or_null (stmt, 4, valid_error);
  if (!_lineup_store_step_done (self, stmt, _("record the result of the pass"), error))
    return _lineup_store_share_write_end (self, in_commit, FALSE, error);
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND,
                   _("The plan “%s” is not shared: share it or join a shared plan first"), self->path);
      return _lineup_store_share_write_end (self, in_commit, FALSE, error);
    }
  return _lineup_store_share_write_end (self, in_commit, TRUE, error);
}

/* ---- the queue ---- */

void
lineup_share_queued_free (LineupShareQueued *queued)
{
  if (queued == NULL)
    return;
  g_free (queued->kind);
  g_free (queued->key);
  g_free (queued);
}

gboolean
lineup_store_share_enqueue (LineupStore  *self,
                            const char   *kind,
                            const char   *key,
                            GError      **error)
{
  /* A change queued again replaces its row: same place in the queue, a new
   * seq, so that a pass sending the older one (and dequeuing its seq) does
   * not take the newer change with it. */
  static const char sql[] =
    "INSERT OR REPLACE INTO share_queue (kind, key, place) VALUES (?1, ?2, "
    "coalesce ((SELECT place FROM share_queue WHERE kind = ?1 AND key = ?2), "
    "          (SELECT coalesce (max(place), 0) + 1 FROM share_queue)))";
  static const char * const kinds[] = { "post", "plan", "team", "approval" };
  sqlite3_stmt *stmt;
  gboolean in_commit;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  if (kind == NULL || !g_strv_contains (kinds, kind) || key == NULL || *key == '\0' ||
      !g_utf8_validate (key, -1, NULL))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("Cannot queue “%s” “%s” for the server: expected a kind of post, plan, team or approval and a key"),
                   kind && g_utf8_validate (kind, -1, NULL) ? kind : "?",
                   key && g_utf8_validate (key, -1, NULL) ? key : "?");
      return FALSE;
    }

  if (!_lineup_store_share_write_begin (self, &in_commit, error))
    return FALSE;
  if ((stmt = _lineup_store_prepare (self, sql, error)) == NULL)
    return _lineup_store_share_write_end (self, in_commit, FALSE, error);
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  return write_one (self, stmt, in_commit, _("queue the change for the shared plan"), error);
}

GPtrArray *
lineup_store_share_list_queue (LineupStore  *self,
                               GError      **error)
{
  static const char sql[] = "SELECT seq, kind, key FROM share_queue ORDER BY place, seq";
  g_autoptr(GPtrArray) queue = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);

  if ((stmt = _lineup_store_prepare (self, sql, error)) == NULL)
    return NULL;
  queue = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_share_queued_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LineupShareQueued *queued = g_new0 (LineupShareQueued, 1);

      queued->seq = sqlite3_column_int64 (stmt, 0);
      queued->kind = g_strdup (_lineup_store_column_text (stmt, 1));
      queued->key = g_strdup (_lineup_store_column_text (stmt, 2));
      g_ptr_array_add (queue, queued);
    }
  _lineup_store_finish (stmt);
  if (rc != SQLITE_DONE)
    {
      _lineup_store_sqlite_error (self, error, _("read the changes waiting for the shared plan"));
      return NULL;
    }
  return g_steal_pointer (&queue);
}

#define MEDIA_REFUSED_KEY "share_media_refused"

gint64
lineup_store_share_get_media_refused (LineupStore *self,
                                      gint64      *out_at)
{
  g_autofree char *value = NULL;
  gint64 size = 0, at = 0;

  g_return_val_if_fail (LINEUP_IS_STORE (self), 0);
  value = _lineup_store_read_meta (self, MEDIA_REFUSED_KEY);
  if (value && sscanf (value, "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT, &size, &at) != 2)
    size = at = 0;
  if (out_at)
    *out_at = at;
  return MAX (size, 0);
}

gboolean
lineup_store_share_set_media_refused (LineupStore  *self,
                                      gint64        size,
                                      gint64        at,
                                      GError      **error)
{
  g_autofree char *value = size > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT, size, at)
                                    : g_strdup ("");
  gboolean in_commit;
  gboolean ok;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  if (!_lineup_store_share_write_begin (self, &in_commit, error))
    return FALSE;
  ok = _lineup_store_write_meta (self, MEDIA_REFUSED_KEY, value, error);
  return _lineup_store_share_write_end (self, in_commit, ok, error);
}

guint
lineup_store_share_count_queue (LineupStore *self)
{
  static const char sql[] = "SELECT count(*) FROM share_queue";
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (LINEUP_IS_STORE (self), 0);

  if ((stmt = _lineup_store_prepare (self, sql, NULL)) == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  _lineup_store_finish (stmt);
  return n;
}

gboolean
lineup_store_share_dequeue (LineupStore  *self,
                            gint64        seq,
                            GError      **error)
{
  static const char sql[] = "DELETE FROM share_queue WHERE seq = ?";
  sqlite3_stmt *stmt;
  gboolean in_commit;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  if (!_lineup_store_share_write_begin (self, &in_commit, error))
    return FALSE;
  if ((stmt = _lineup_store_prepare (self, sql, error)) == NULL)
    return _lineup_store_share_write_end (self, in_commit, FALSE, error);
  sqlite3_bind_int64 (stmt, 1, seq);
  return write_one (self, stmt, in_commit, _("mark the change as sent"), error);
}

/* ---- what the server last gave ---- */

void
lineup_share_resource_free (LineupShareResource *resource)
{
  if (resource == NULL)
    return;
  g_free (resource->uid);
  g_free (resource->href);
  g_free (resource->etag);
  g_free (resource->base);
  g_free (resource);
}

static LineupShareResource *
read_resource (LineupStore           *self,
               const char            *sql,
               LineupShareCollection  collection,
               const char            *wanted)
{
  LineupShareResource *resource = NULL;
  sqlite3_stmt *stmt;

  if (wanted == NULL || (stmt = _lineup_store_prepare (self, sql, NULL)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, collection_key (collection), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, wanted, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      resource = g_new0 (LineupShareResource, 1);
      resource->collection = collection;
      resource->uid = g_strdup (_lineup_store_column_text (stmt, 0));
      resource->href = g_strdup (_lineup_store_column_text (stmt, 1));
      resource->etag = g_strdup (_lineup_store_column_text (stmt, 2));
      resource->base = g_strdup (_lineup_store_column_text (stmt, 3));
    }
  _lineup_store_finish (stmt);
  return resource;
}

LineupShareResource *
lineup_store_share_get_resource (LineupStore            *self,
                                 LineupShareCollection   collection,
                                 const char             *uid)
{
  static const char sql[] =
    "SELECT uid, href, etag, base FROM share_resources WHERE collection = ? AND uid = ?";

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  return read_resource (self, sql, collection, uid);
}

LineupShareResource *
lineup_store_share_find_href (LineupStore            *self,
                              LineupShareCollection   collection,
                              const char             *href)
{
  static const char sql[] =
    "SELECT uid, href, etag, base FROM share_resources WHERE collection = ? AND href = ? LIMIT 1";

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  return read_resource (self, sql, collection, href);
}

GHashTable *
lineup_store_share_known_etags (LineupStore            *self,
                                LineupShareCollection   collection)
{
  static const char sql[] = "SELECT href, etag FROM share_resources WHERE collection = ?";
  GHashTable *etags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), etags);

  if ((stmt = _lineup_store_prepare (self, sql, NULL)) == NULL)
    return etags;
  sqlite3_bind_text (stmt, 1, collection_key (collection), -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *etag = _lineup_store_column_text (stmt, 1);

      g_hash_table_insert (etags, g_strdup (_lineup_store_column_text (stmt, 0)),
                           g_strdup (etag ? etag : ""));
    }
  _lineup_store_finish (stmt);
  return etags;
}

gboolean
lineup_store_share_set_resource (LineupStore                *self,
                                 const LineupShareResource  *resource,
                                 GError                    **error)
{
  static const char sql[] =
    "INSERT OR REPLACE INTO share_resources (collection, uid, href, etag, base) VALUES (?, ?, ?, ?, ?)";
  sqlite3_stmt *stmt;
  gboolean in_commit;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  g_return_val_if_fail (resource != NULL, FALSE);

  if (resource->uid == NULL || *resource->uid == '\0' || resource->href == NULL || *resource->href == '\0')
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("A resource of the shared plan needs a UID and an address (href)"));
      return FALSE;
    }

  if (!_lineup_store_share_write_begin (self, &in_commit, error))
    return FALSE;
  if ((stmt = _lineup_store_prepare (self, sql, error)) == NULL)
    return _lineup_store_share_write_end (self, in_commit, FALSE, error);
  sqlite3_bind_text (stmt, 1, collection_key (resource->collection), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, resource->uid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, resource->href, -1, SQLITE_STATIC);
  _lineup_store_bind_text_or_null (stmt, 4, resource->etag);
  if (resource->base)
    sqlite3_bind_text (stmt, 5, resource->base, -1, SQLITE_STATIC);
  return write_one (self, stmt, in_commit, _("remember what the server holds"), error);
}

gboolean
lineup_store_share_remove_resource (LineupStore            *self,
                                    LineupShareCollection   collection,
                                    const char             *uid,
                                    GError                **error)
{
  static const char sql[] = "DELETE FROM share_resources WHERE collection = ? AND uid = ?";
  sqlite3_stmt *stmt;
  gboolean in_commit;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  g_return_val_if_fail (uid != NULL, FALSE);

  if (!_lineup_store_share_write_begin (self, &in_commit, error))
    return FALSE;
  if ((stmt = _lineup_store_prepare (self, sql, error)) == NULL)
    return _lineup_store_share_write_end (self, in_commit, FALSE, error);
  sqlite3_bind_text (stmt, 1, collection_key (collection), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, uid, -1, SQLITE_STATIC);
  return write_one (self, stmt, in_commit, _("forget a resource of the shared plan"), error);
}

/* ---- accounts ---- */

/* "KIND:ENDPOINT:REMOTE-USER-or-HANDLE" of the current row of
 * "SELECT id, kind, endpoint, remote_user, handle". The endpoint loses a
 * trailing slash, so "https://h/" and "https://h" are one account. */
static char *
key_from_row (sqlite3_stmt *stmt)
{
  const char *endpoint = _lineup_store_column_text (stmt, 2);
  const char *user = _lineup_store_column_text (stmt, 3);
  gsize len = endpoint ? strlen (endpoint) : 0;

  if (user == NULL || *user == '\0')
    user = _lineup_store_column_text (stmt, 4);
  while (len > 0 && endpoint[len - 1] == '/')
    len--;
  return g_strdup_printf ("%s:%.*s:%s", _lineup_store_column_text (stmt, 1),
                          (int) len, endpoint ? endpoint : "", user ? user : "");
}

char *
lineup_store_share_account_key (LineupStore *self,
                                const char  *account_id)
{
  static const char sql[] = "SELECT id, kind, endpoint, remote_user, handle FROM accounts WHERE id = ?";
  sqlite3_stmt *stmt;
  char *key = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  if ((stmt = _lineup_store_prepare (self, sql, NULL)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, account_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    key = key_from_row (stmt);
  _lineup_store_finish (stmt);
  return key;
}

GHashTable *
_lineup_store_share_account_keys (LineupStore  *self,
                                  gboolean      by_key,
                                  GError      **error)
{
  static const char sql[] = "SELECT id, kind, endpoint, remote_user, handle FROM accounts ORDER BY created_at, id";
  g_autoptr(GHashTable) map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt;
  int rc;

  if ((stmt = _lineup_store_prepare (self, sql, error)) == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char *key = key_from_row (stmt);
      char *id = g_strdup (_lineup_store_column_text (stmt, 0));

      /* Two accounts of this machine with one key: the first one added sends. */
      if (by_key && !g_hash_table_contains (map, key))
        g_hash_table_insert (map, key, id);
      else if (!by_key)
        g_hash_table_insert (map, id, key);
      else
        g_free (key), g_free (id);
    }
  _lineup_store_finish (stmt);
  if (rc != SQLITE_DONE)
    {
      _lineup_store_sqlite_error (self, error, _("read the accounts"));
      return NULL;
    }
  return g_steal_pointer (&map);
}

/* ---- approvals ---- */

void
lineup_share_approval_free (LineupShareApproval *approval)
{
  if (approval == NULL)
    return;
  g_free (approval->post_id);
  g_free (approval->approver);
  g_free (approval->content_key);
  g_free (approval);
}

GPtrArray *
lineup_store_share_list_approvals (LineupStore  *self,
                                   const char   *post_id,
                                   GError      **error)
{
  static const char sql[] =
    "SELECT id, post_id, step, actor, at, content_key FROM approvals "
    "WHERE (?1 IS NULL OR post_id = ?1) AND revoked = 0 ORDER BY at, id";
  g_autoptr(GPtrArray) approvals = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);

  if ((stmt = _lineup_store_prepare (self, sql, error)) == NULL)
    return NULL;
  approvals = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_share_approval_free);
  _lineup_store_bind_text_or_null (stmt, 1, post_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LineupShareApproval *approval = g_new0 (LineupShareApproval, 1);

      approval->post_id = g_strdup (_lineup_store_column_text (stmt, 1));
      approval->step = sqlite3_column_int (stmt, 2);
      approval->approver = g_strdup (_lineup_store_column_text (stmt, 3));
      approval->at = sqlite3_column_int64 (stmt, 4);
      approval->content_key = g_strdup (_lineup_store_column_text (stmt, 5));
      g_ptr_array_add (approvals, approval);
    }
  _lineup_store_finish (stmt);
  if (rc != SQLITE_DONE)
    {
      _lineup_store_sqlite_error (self, error, _("read the approvals"));
      return NULL;
    }
  return g_steal_pointer (&approvals);
}

static gboolean
same_approval (const LineupShareApproval *a,
               const LineupShareApproval *b)
{
  return a->step == b->step && g_strcmp0 (a->approver, b->approver) == 0 &&
         g_strcmp0 (a->content_key, b->content_key) == 0;
}

static gboolean
contains_approval (GPtrArray                 *approvals,
                   const LineupShareApproval *wanted,
                   guint                      before)
{
  for (guint i = 0; i < MIN (before, approvals->len); i++)
    if (same_approval (g_ptr_array_index (approvals, i), wanted))
      return TRUE;
  return FALSE;
}

/* The post @id as stored, live, or NULL with an error naming it. */
static LineupPost *
read_live_post (LineupStore  *self,
                const char   *id,
                const char   *doing,
                GError      **error)
{
  g_autoptr(LineupPost) post = _lineup_store_read_post (self, id, NULL);

  if (post == NULL || lineup_post_get_deleted_at (post) != 0)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND,
                   _("Cannot %s: the plan has no post “%s”. Apply the post from the server first"),
                   doing, id && g_utf8_validate (id, -1, NULL) ? id : "?");
      return NULL;
    }
  return g_steal_pointer (&post);
}

gboolean
lineup_store_share_set_approvals (LineupStore  *self,
                                  const char   *post_id,
                                  GPtrArray    *approvals,
                                  GError      **error)
{
  static const char revoke_sql[] = "UPDATE approvals SET revoked = 1 WHERE id = ?";
  static const char insert_sql[] =
    "INSERT INTO approvals (post_id, step, actor, at, content_key) VALUES (?, ?, ?, ?, ?)";
  static const char ids_sql[] =
    "SELECT id, step, actor, content_key FROM approvals WHERE post_id = ? AND revoked = 0 ORDER BY id";
  g_autoptr(LineupPost) post = NULL;
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_share_approval_free);
  g_autoptr(GArray) held_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean changed = FALSE;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  g_return_val_if_fail (post_id != NULL && approvals != NULL, FALSE);

  for (guint i = 0; i < approvals->len; i++)
    {
      LineupShareApproval *a = g_ptr_array_index (approvals, i);

      if (a->step < 0 || a->content_key == NULL || *a->content_key == '\0')
        {
          g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                       _("An approval of the post “%s” from the server has no step or no content key: its copy on the server is damaged; remove it there"),
                       post_id);
          return FALSE;
        }
      if (!_lineup_store_check_name (_("The approver"), a->approver, error))
        {
          g_prefix_error (error, _("An approval of the post “%s” from the server cannot be recorded: "), post_id);
          return FALSE;
        }
    }
  if ((post = read_live_post (self, post_id, _("record the post’s approvals"), error)) == NULL)
    return FALSE;

  if (!_lineup_store_begin_operation (self, NULL, error))
    return FALSE;
  _lineup_store_mark_remote (self);

  if ((stmt = _lineup_store_prepare (self, ids_sql, error)) == NULL)
    return _lineup_store_end_operation (self, FALSE, NULL);
  sqlite3_bind_text (stmt, 1, post_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LineupShareApproval *a = g_new0 (LineupShareApproval, 1);
      gint64 id = sqlite3_column_int64 (stmt, 0);

      a->step = sqlite3_column_int (stmt, 1);
      a->approver = g_strdup (_lineup_store_column_text (stmt, 2));
      a->content_key = g_strdup (_lineup_store_column_text (stmt, 3));
      g_ptr_array_add (held, a);
      g_array_append_val (held_ids, id);
    }
  _lineup_store_finish (stmt);
  if (rc != SQLITE_DONE)
    {
      _lineup_store_sqlite_error (self, error, _("read the approvals"));
      return _lineup_store_end_operation (self, FALSE, NULL);
    }

  /* What the server no longer holds stops counting (a duplicate too). */
  for (guint i = 0; i < held->len; i++)
    {
      LineupShareApproval *a = g_ptr_array_index (held, i);

      if (contains_approval (approvals, a, G_MAXUINT) && !contains_approval (held, a, i))
        continue;
      if ((stmt = _lineup_store_prepare (self, revoke_sql, error)) == NULL)
        return _lineup_store_end_operation (self, FALSE, NULL);
      sqlite3_bind_int64 (stmt, 1, g_array_index (held_ids, gint64, i));
      if (!_lineup_store_step_done (self, stmt, _("take back an approval"), error))
        return _lineup_store_end_operation (self, FALSE, NULL);
      changed = TRUE;
    }
  /* What it holds that this copy did not is recorded. */
  for (guint i = 0; i < approvals->len; i++)
    {
      LineupShareApproval *a = g_ptr_array_index (approvals, i);

      if (contains_approval (held, a, G_MAXUINT) || contains_approval (approvals, a, i))
        continue;
      if ((stmt = _lineup_store_prepare (self, insert_sql, error)) == NULL)
        return _lineup_store_end_operation (self, FALSE, NULL);
      sqlite3_bind_text (stmt, 1, post_id, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, a->step);
      sqlite3_bind_text (stmt, 3, a->approver, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, a->at);
      sqlite3_bind_text (stmt, 5, a->content_key, -1, SQLITE_STATIC);
      if (!_lineup_store_step_done (self, stmt, _("record an approval"), error))
        return _lineup_store_end_operation (self, FALSE, NULL);
      changed = TRUE;
    }

  /* Views show approvals with the post: they hear of it as its change. */
  if (changed)
    _lineup_store_queue_signal (self, PENDING_POST, post, post);
  return _lineup_store_end_operation (self, TRUE, error);
}

gboolean
lineup_store_share_demote (LineupStore  *self,
                           const char   *post_id,
                           const char   *actor,
                           const char   *reason,
                           GError      **error)
{
  g_autoptr(LineupPost) current = NULL;
  g_autoptr(LineupPost) changed = NULL;
  gint64 now = _lineup_store_now_seconds ();
  LineupStage stage;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  g_return_val_if_fail (post_id != NULL, FALSE);

  if (!_lineup_store_check_name (_("The person’s name"), actor, error) ||
      !_lineup_store_check_text (_("The reason"), reason, LINEUP_FIELD_MAX_CHARS, error))
    return FALSE;
  if ((current = read_live_post (self, post_id, _("put the post back to review"), error)) == NULL)
    return FALSE;

  /* Only a post that claims approval goes back: one still before review
   * (or already published) stays where it is. */
  stage = lineup_post_get_stage (current);
  if (stage != LINEUP_STAGE_APPROVED && stage != LINEUP_STAGE_SCHEDULED)
    return TRUE;

  changed = lineup_post_copy (current);
  _lineup_post_set_stage (changed, LINEUP_STAGE_IN_REVIEW);
  _lineup_post_set_bookkeeping (changed, lineup_post_get_created_at (current), now,
                                lineup_post_get_revision (current), 0);

  if (!_lineup_store_begin_operation (self, NULL, error))
    return FALSE;
  _lineup_store_mark_remote (self);
  if (!_lineup_store_write_post_row (self, changed, error) ||
      !_lineup_store_write_history (self, post_id, stage, LINEUP_STAGE_IN_REVIEW, actor, reason, now, error))
    return _lineup_store_end_operation (self, FALSE, NULL);
  _lineup_store_queue_signal (self, PENDING_POST, current, changed);
  return _lineup_store_end_operation (self, TRUE, error);
}

/* ---- conflicts and notices ---- */

void
lineup_share_conflict_row_free (LineupShareConflictRow *row)
{
  if (row == NULL)
    return;
  g_free (row->post_id);
  g_free (row->field);
  g_free (row->value);
  g_free (row->by);
  g_free (row);
}

GPtrArray *
lineup_store_share_list_conflicts (LineupStore  *self,
                                   const char   *post_id,
                                   GError      **error)
{
  /* A deleted post's conflicts wait for nobody. */
  static const char sql[] =
    "SELECT c.post_id, c.field, c.value, c.by FROM share_conflicts c "
    "JOIN posts p ON p.id = c.post_id AND p.deleted_at IS NULL "
    "WHERE ?1 IS NULL OR c.post_id = ?1 ORDER BY c.post_id, c.field";
  g_autoptr(GPtrArray) rows = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);

  if ((stmt = _lineup_store_prepare (self, sql, error)) == NULL)
    return NULL;
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_share_conflict_row_free);
  _lineup_store_bind_text_or_null (stmt, 1, post_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LineupShareConflictRow *row = g_new0 (LineupShareConflictRow, 1);

      row->post_id = g_strdup (_lineup_store_column_text (stmt, 0));
      row->field = g_strdup (_lineup_store_column_text (stmt, 1));
      row->value = g_strdup (_lineup_store_column_text (stmt, 2));
      row->by = g_strdup (_lineup_store_column_text (stmt, 3));
      g_ptr_array_add (rows, row);
    }
  _lineup_store_finish (stmt);
  if (rc != SQLITE_DONE)
    {
      _lineup_store_sqlite_error (self, error, _("read the conflicts"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

gboolean
lineup_store_share_note_notice (LineupStore  *self,
                                const char   *key,
                                GError      **error)
{
  static const char sql[] = "INSERT OR IGNORE INTO share_notices (key, at) VALUES (?, ?)";
  sqlite3_stmt *stmt;
  gboolean in_commit, first;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (!_lineup_store_share_write_begin (self, &in_commit, error))
    return FALSE;
  if ((stmt = _lineup_store_prepare (self, sql, error)) == NULL)
    return _lineup_store_share_write_end (self, in_commit, FALSE, error);
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, _lineup_store_now_seconds ());
  if (!_lineup_store_step_done (self, stmt, _("remember the notice"), error))
    return _lineup_store_share_write_end (self, in_commit, FALSE, error);
  first = sqlite3_changes (self->db) > 0;
  if (!_lineup_store_share_write_end (self, in_commit, TRUE, error))
    return FALSE;
  return first;
}
