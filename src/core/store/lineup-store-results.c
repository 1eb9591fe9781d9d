/* lineup-store-results.c: result snapshots and posts' own URLs
 * (lineup-store-results.h), and the shared plan's `results` and `url`
 * fields of a post record.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "lineup-store-private.h"
#include "lineup-store-results.h"
#include "lineup-store-share.h"
#include "lineup-publish-store.h"
#include "lineup-platform.h"

#define RESULT_COLUMNS "post_id, network, taken_at, replies, reposts, likes, quotes, saves, clicks, impressions, source, followers"

static LineupResultSnapshot *
read_snapshot (sqlite3_stmt *stmt)
{
  LineupResultSnapshot *snapshot =
    lineup_result_snapshot_new (_lineup_store_column_text (stmt, 0), _lineup_store_column_text (stmt, 1),
                                sqlite3_column_int64 (stmt, 2), _lineup_store_column_text (stmt, 10));

  for (guint c = 0; c < LINEUP_RESULT_N_COUNTS; c++)
    if (sqlite3_column_type (stmt, 3 + c) != SQLITE_NULL)
      snapshot->counts[c] = sqlite3_column_int64 (stmt, 3 + c);
  if (sqlite3_column_type (stmt, 11) != SQLITE_NULL)
    snapshot->followers = sqlite3_column_int64 (stmt, 11);
  return snapshot;
}

static GPtrArray *
read_snapshots (LineupStore  *self,
                const char   *sql,
                const char   *post_id,
                GError      **error)
{
  g_autoptr(GPtrArray) snapshots = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_result_snapshot_free);
  sqlite3_stmt *stmt = _lineup_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  _lineup_store_bind_text_or_null (stmt, 1, post_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (snapshots, read_snapshot (stmt));
  _lineup_store_finish (stmt);
  if (rc != SQLITE_DONE)
    return _lineup_store_sqlite_error (self, error, _("read the results")), NULL;
  return g_steal_pointer (&snapshots);
}

GPtrArray *
lineup_store_get_latest_results (LineupStore  *self,
                                 const char   *post_id,
                                 GError      **error)
{
  /* The newest row of each post and network (the highest id among equal times). */
  static const char sql[] =
    "SELECT " RESULT_COLUMNS " FROM results r WHERE (?1 IS NULL OR r.post_id = ?1) AND r.id = "
    "(SELECT s.id FROM results s WHERE s.post_id = r.post_id AND s.network = r.network "
    " ORDER BY s.taken_at DESC, s.id DESC LIMIT 1) ORDER BY r.post_id, r.network";

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  return read_snapshots (self, sql, post_id, error);
}

GPtrArray *
lineup_store_get_results (LineupStore  *self,
                          const char   *post_id,
                          GError      **error)
{
  static const char sql[] =
    "SELECT " RESULT_COLUMNS " FROM results WHERE post_id = ?1 ORDER BY taken_at, network, id";

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  g_return_val_if_fail (post_id != NULL, NULL);
  return read_snapshots (self, sql, post_id, error);
}

/* Writes @snapshot (checked) inside the operation in progress. */
static gboolean
insert_snapshot (LineupStore                *self,
                 const LineupResultSnapshot *snapshot,
                 GError                    **error)
{
  static const char sql[] =
    "INSERT INTO results (" RESULT_COLUMNS ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  sqlite3_stmt *stmt = _lineup_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, snapshot->post_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, snapshot->network, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, snapshot->taken_at);
  for (guint c = 0; c < LINEUP_RESULT_N_COUNTS; c++)
    if (snapshot->counts[c] == LINEUP_RESULT_UNKNOWN)
      sqlite3_bind_null (stmt, 4 + c);
    else
      sqlite3_bind_int64 (stmt, 4 + c, snapshot->counts[c]);
  sqlite3_bind_text (stmt, 11, snapshot->source, -1, SQLITE_TRANSIENT);
  if (snapshot->followers == LINEUP_RESULT_UNKNOWN)
    sqlite3_bind_null (stmt, 12);
  else
    sqlite3_bind_int64 (stmt, 12, snapshot->followers);
  return _lineup_store_step_done (self, stmt, _("save the results"), error);
}

static gboolean
check_snapshot (LineupStore                *self,
                const LineupResultSnapshot *snapshot,
                GError                    **error)
{
  g_autoptr(LineupPost) post = NULL;
  const LineupPlatformInfo *info = snapshot->network ? lineup_platform_lookup (snapshot->network) : NULL;

  if (snapshot->post_id == NULL || (post = _lineup_store_read_post (self, snapshot->post_id, NULL)) == NULL ||
      lineup_post_get_deleted_at (post) != 0)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND,
                   _("The plan has no post %s: check the id with “lineup post list”"),
                   snapshot->post_id && g_utf8_validate (snapshot->post_id, -1, NULL) ? snapshot->post_id : "?");
      return FALSE;
    }
  if (info == NULL || !g_str_equal (info->key, snapshot->network))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The results of post %s are for “%s”, not a network Lineup knows: use one of %s"),
                   snapshot->post_id,
                   snapshot->network && g_utf8_validate (snapshot->network, -1, NULL) ? snapshot->network : "?",
                   lineup_platform_list_keys ());
      return FALSE;
    }
  if (!lineup_result_source_valid (snapshot->source))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The results of post %s come from an unknown source: expected mastodon, bluesky or import"),
                   snapshot->post_id);
      return FALSE;
    }
  for (guint c = 0; c < LINEUP_RESULT_N_COUNTS; c++)
    if (snapshot->counts[c] != LINEUP_RESULT_UNKNOWN &&
        (snapshot->counts[c] < 0 || snapshot->counts[c] > LINEUP_RESULT_MAX_COUNT))
      {
        g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                     _("The %s of post %s on %s must be a whole number from 0 up"),
                     lineup_result_count_key (c), snapshot->post_id, info->name);
        return FALSE;
      }
  if (snapshot->followers != LINEUP_RESULT_UNKNOWN &&
      (snapshot->followers < 0 || snapshot->followers > LINEUP_RESULT_MAX_COUNT))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The followers of post %s’s account on %s must be a whole number from 0 up"),
                   snapshot->post_id, info->name);
      return FALSE;
    }
  return TRUE;
}

/* In a shared plan, queue each post of @snapshots once. */
static gboolean
queue_posts (LineupStore  *self,
             GPtrArray    *snapshots,
             GError      **error)
{
  g_autoptr(LineupShareConfig) config = lineup_store_get_share (self);
  g_autoptr(GHashTable) done = NULL;

  if (config == NULL)
    return TRUE;
  done = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < snapshots->len; i++)
    {
      const LineupResultSnapshot *snapshot = g_ptr_array_index (snapshots, i);

      if (!g_hash_table_add (done, snapshot->post_id))
        continue;
      if (!lineup_store_share_enqueue (self, "post", snapshot->post_id, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
lineup_store_add_results (LineupStore  *self,
                          GPtrArray    *snapshots,
                          GError      **error)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  g_return_val_if_fail (snapshots != NULL, FALSE);

  if (snapshots->len == 0)
    return TRUE;
  if (!_lineup_store_begin_publishing (self, error))
    return FALSE;
  for (guint i = 0; i < snapshots->len; i++)
    {
      const LineupResultSnapshot *snapshot = g_ptr_array_index (snapshots, i);

      if (!check_snapshot (self, snapshot, error) || !insert_snapshot (self, snapshot, error))
        return _lineup_store_end_publishing (self, FALSE, NULL);
    }
  if (!queue_posts (self, snapshots, error))
    return _lineup_store_end_publishing (self, FALSE, NULL);
  return _lineup_store_end_publishing (self, TRUE, error);
}

/* ---- a post's own URL ---- */

static gboolean
check_url (const char  *url,
           GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (!g_utf8_validate (url, -1, NULL) || strlen (url) > 2000 ||
      (uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL)) == NULL ||
      (scheme = g_uri_get_scheme (uri)) == NULL ||
      (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("“%s” is not the web address of a post: give the whole address, starting with https://"),
                   g_utf8_validate (url, -1, NULL) ? url : "?");
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_url (LineupStore  *self,
           const char   *post_id,
           const char   *url,
           GError      **error)
{
  static const char set_sql[] = "INSERT OR REPLACE INTO post_urls (post_id, url) VALUES (?, ?)";
  static const char clear_sql[] = "DELETE FROM post_urls WHERE post_id = ?";
  gboolean clear = url == NULL || *url == '\0';
  sqlite3_stmt *stmt = _lineup_store_prepare (self, clear ? clear_sql : set_sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, post_id, -1, SQLITE_TRANSIENT);
  if (!clear)
    sqlite3_bind_text (stmt, 2, url, -1, SQLITE_TRANSIENT);
  return _lineup_store_step_done (self, stmt, _("save the post’s address"), error);
}

gboolean
lineup_store_set_post_url (LineupStore  *self,
                           const char   *id_or_prefix,
                           const char   *url,
                           GError      **error)
{
  g_autoptr(LineupPost) post = NULL;
  g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_result_snapshot_free);
  g_autofree char *had = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  if (url && *url && !check_url (url, error))
    return FALSE;
  if ((post = lineup_store_get_post (self, id_or_prefix, error)) == NULL)
    return FALSE;
  had = lineup_store_get_post_url (self, lineup_post_get_id (post));
  if (g_strcmp0 (had, url && *url ? url : NULL) == 0)
    return TRUE;
  g_ptr_array_add (one, lineup_result_snapshot_new (lineup_post_get_id (post), NULL, 0, NULL));
  if (!_lineup_store_begin_publishing (self, error))
    return FALSE;
  if (!write_url (self, lineup_post_get_id (post), url, error) || !queue_posts (self, one, error))
    return _lineup_store_end_publishing (self, FALSE, NULL);
  return _lineup_store_end_publishing (self, TRUE, error);
}

char *
lineup_store_get_post_url (LineupStore *self,
                           const char  *post_id)
{
  static const char sql[] = "SELECT url FROM post_urls WHERE post_id = ?";
  sqlite3_stmt *stmt = _lineup_store_prepare (self, sql, NULL);
  char *url = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, post_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    url = g_strdup (_lineup_store_column_text (stmt, 0));
  _lineup_store_finish (stmt);
  return url;
}

GHashTable *
lineup_store_get_post_urls (LineupStore *self)
{
  static const char sql[] = "SELECT post_id, url FROM post_urls";
  GHashTable *urls = lineup_store_get_published_urls (self);
  sqlite3_stmt *stmt = _lineup_store_prepare (self, sql, NULL);

  if (stmt == NULL)
    return urls;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (urls, g_strdup (_lineup_store_column_text (stmt, 0)),
                         g_strdup (_lineup_store_column_text (stmt, 1)));
  _lineup_store_finish (stmt);
  return urls;
}

/* ---- the shared plan's fields ---- */

void
_lineup_store_results_read_fields (LineupStore       *self,
                                   const char        *post_id,
                                   LineupShareRecord *record)
{
  g_autoptr(GPtrArray) latest = lineup_store_get_latest_results (self, post_id, NULL);
  g_autofree char *results = latest ? lineup_results_format_field (latest) : NULL;
  g_autofree char *url = lineup_store_get_post_url (self, post_id);

  lineup_share_record_set (record, "results", results);
  lineup_share_record_set (record, "url", url);
}

gboolean
_lineup_store_results_check_fields (const LineupShareRecord  *record,
                                    GError                  **error)
{
  const char *value;
  g_autoptr(GPtrArray) parsed = NULL;

  if ((value = lineup_share_record_get (record, "results")) &&
      (parsed = lineup_results_parse_field ("", value, error)) == NULL)
    return FALSE;
  if ((value = lineup_share_record_get (record, "url")) && *value && !check_url (value, error))
    return FALSE;
  return TRUE;
}

gboolean
_lineup_store_results_write_fields (LineupStore              *self,
                                    const char               *post_id,
                                    const char               *value,
                                    const char               *url,
                                    GError                  **error)
{
  g_autoptr(GPtrArray) parsed = value ? lineup_results_parse_field (post_id, value, error) : NULL;
  g_autoptr(GPtrArray) latest = NULL;
  g_autofree char *had = lineup_store_get_post_url (self, post_id);

  if (value && parsed == NULL)
    return FALSE;
  if (g_strcmp0 (had, url && *url ? url : NULL) != 0 && !write_url (self, post_id, url, error))
    return FALSE;
  if (parsed == NULL || parsed->len == 0)
    return TRUE;
  /* Snapshots only add: one newer than this plan's latest for its network
   * is kept, an older or equal one is already here or superseded. */
  if ((latest = lineup_store_get_latest_results (self, post_id, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < parsed->len; i++)
    {
      const LineupResultSnapshot *snapshot = g_ptr_array_index (parsed, i);
      gboolean newer = TRUE;

      for (guint j = 0; j < latest->len; j++)
        {
          const LineupResultSnapshot *have = g_ptr_array_index (latest, j);

          if (g_str_equal (have->network, snapshot->network) && have->taken_at >= snapshot->taken_at)
            newer = FALSE;
        }
      if (newer && !insert_snapshot (self, snapshot, error))
        return FALSE;
    }
  return TRUE;
}
