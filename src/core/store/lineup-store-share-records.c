/* lineup-store-share-records.c: a post read as a shared plan's record
 * (docs/sharing.md §3), and the record's values (times, integers, stage
 * keys) the other share files parse.
 *
 * Reading gives every field a copy on another machine needs: the content,
 * the stage, the names of the pillar, type and campaign (ids differ between
 * copies), the ticks, the targets and publishing states by account share
 * key, the conflicts, and the history as the log. Applying a record is in
 * lineup-store-share-apply.c; the plan's settings and the team as records
 * in lineup-store-share-plan.c; the queue, resources and approvals in
 * lineup-store-share.c.
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

/* ---- values ---- */

char *
_lineup_share_format_utc (gint64 instant)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (instant);

  return dt ? g_date_time_format (dt, "%Y%m%dT%H%M%SZ") : NULL;
}

gboolean
_lineup_share_parse_utc (const char *text,
                         gint64     *out_instant)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, mo, d, h, mi, s;

  if (text == NULL || strlen (text) != 16 || text[8] != 'T' || text[15] != 'Z')
    return FALSE;
  for (guint i = 0; i < 15; i++)
    if (i != 8 && !g_ascii_isdigit (text[i]))
      return FALSE;
  if (sscanf (text, "%4d%2d%2dT%2d%2d%2d", &y, &mo, &d, &h, &mi, &s) != 6 ||
      y < LINEUP_FIRST_YEAR || y > LINEUP_LAST_YEAR || !g_date_valid_dmy (d, mo, y) ||
      h > 23 || mi > 59 || s > 59)
    return FALSE;
  dt = g_date_time_new_utc (y, mo, d, h, mi, s);
  if (dt == NULL)
    return FALSE;
  *out_instant = g_date_time_to_unix (dt);
  return TRUE;
}

gboolean
_lineup_share_parse_int (const char *text,
                         gint64      min,
                         gint64      max,
                         gint64     *out_value)
{
  gint64 value;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, min, max, &value, NULL))
    return FALSE;
  *out_value = value;
  return TRUE;
}

gboolean
_lineup_share_stage_from_key (const char  *key,
                              LineupStage *out_stage)
{
  for (guint i = 0; key && i < LINEUP_N_STAGES; i++)
    if (g_str_equal (key, lineup_stage_to_key (i)))
      {
        *out_stage = i;
        return TRUE;
      }
  return FALSE;
}

/* ---- reading a post ---- */

/* Runs @stmt (bound to the post's id) and sets, for each row,
 * @prefix + column 0 to column 1 (columns 2 and 3 appended, as "%s %s"). */
static gboolean
set_rows (LineupStore        *self,
          sqlite3_stmt       *stmt,
          LineupShareRecord  *record,
          const char         *prefix,
          GError            **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *field = g_strconcat (prefix, _lineup_store_column_text (stmt, 0), NULL);

      lineup_share_record_set (record, field, _lineup_store_column_text (stmt, 1));
    }
  _lineup_store_finish (stmt);
  if (rc != SQLITE_DONE)
    return _lineup_store_sqlite_error (self, error, _("read the post for the shared plan"));
  return TRUE;
}

sqlite3_stmt *
_lineup_store_share_prepare_for_post (LineupStore  *self,
                  const char   *sql,
                  const char   *id,
                  GError      **error)
{
  sqlite3_stmt *stmt = _lineup_store_prepare (self, sql, error);

  if (stmt)
    sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  return stmt;
}

static void
set_post_fields (LineupStore       *self,
                 LineupPost        *post,
                 LineupShareRecord *record)
{
  LineupPillar *pillar = lineup_store_get_pillar (self, lineup_post_get_pillar_id (post));
  LineupContentType *type = lineup_store_get_content_type (self, lineup_post_get_type_id (post));
  LineupCampaign *campaign = lineup_store_get_campaign (self, lineup_post_get_campaign_id (post));
  g_autofree char *platforms = g_strjoinv (",", (char **) lineup_post_get_platforms (post));
  g_autofree char *created = g_strdup_printf ("%" G_GINT64_FORMAT, lineup_post_get_created_at (post));

  lineup_share_record_set (record, "title", lineup_post_get_title (post));
  lineup_share_record_set (record, "body", lineup_post_get_body (post) ? lineup_post_get_body (post) : "");
  if (lineup_post_is_dated (post))
    {
      g_autofree char *at = _lineup_share_format_utc (lineup_post_get_scheduled_at (post));

      lineup_share_record_set (record, "at", at);
    }
  lineup_share_record_set (record, "stage", lineup_stage_to_key (lineup_post_get_stage (post)));
  lineup_share_record_set (record, "pillar", pillar ? lineup_pillar_get_name (pillar) : NULL);
  lineup_share_record_set (record, "type", type ? lineup_content_type_get_name (type) : NULL);
  lineup_share_record_set (record, "platforms", platforms);
  lineup_share_record_set (record, "campaign", campaign ? lineup_campaign_get_name (campaign) : NULL);
  for (guint i = 0; i < LINEUP_N_BRIEF_FIELDS; i++)
    {
      const char *text = lineup_post_get_brief (post, i);

      lineup_share_record_set (record, lineup_brief_field_to_key (i), text && *text ? text : NULL);
    }
  lineup_share_record_set (record, "due", lineup_post_get_due_on (post));
  lineup_share_record_set (record, "source", lineup_post_get_source_id (post));
  lineup_share_record_set (record, "evergreen", lineup_post_get_evergreen (post));
  lineup_share_record_set (record, "captions", lineup_post_get_captions (post));
  lineup_share_record_set (record, "content_warning", *lineup_post_get_content_warning (post)
                                                        ? lineup_post_get_content_warning (post) : NULL);
  lineup_share_record_set (record, "created", created);
  {
    g_autofree char *series = _lineup_store_series_link_field (self, lineup_post_get_id (post));

    lineup_share_record_set (record, "series", series);
  }
  _lineup_store_results_read_fields (self, lineup_post_get_id (post), record);
  _lineup_store_media_read_fields (self, lineup_post_get_id (post), record);
}

GPtrArray *
_lineup_store_share_history_lines (LineupStore  *self,
                                   const char   *id,
                                   GError      **error)
{
  static const char sql[] =
    "SELECT at, kind, from_stage, to_stage, actor, comment FROM stage_history WHERE post_id = ? ORDER BY id";
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = _lineup_store_share_prepare_for_post (self, sql, id, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int from = sqlite3_column_type (stmt, 2) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 2);
      int to = sqlite3_column_int (stmt, 3);

      g_ptr_array_add (lines, to < 0 || to >= LINEUP_N_STAGES || from >= LINEUP_N_STAGES ? g_strdup ("") :
                       lineup_share_log_line_format (sqlite3_column_int64 (stmt, 0),
                                                     _lineup_store_column_text (stmt, 1),
                                                     from >= 0 ? lineup_stage_to_key (from) : NULL,
                                                     lineup_stage_to_key (to),
                                                     _lineup_store_column_text (stmt, 4),
                                                     _lineup_store_column_text (stmt, 5)));
    }
  _lineup_store_finish (stmt);
  if (rc != SQLITE_DONE)
    {
      _lineup_store_sqlite_error (self, error, _("read the post’s history"));
      return NULL;
    }
  return g_steal_pointer (&lines);
}

static gboolean
add_log (LineupStore        *self,
         const char         *id,
         LineupShareRecord  *record,
         GError            **error)
{
  g_autoptr(GPtrArray) lines = _lineup_store_share_history_lines (self, id, error);

  if (lines == NULL)
    return FALSE;
  for (guint i = 0; i < lines->len; i++)
    if (*(char *) lines->pdata[i])
      lineup_share_record_add_log (record, lines->pdata[i]);
  return TRUE;
}

/* Where the post goes, by account key: the other machines' accounts as
 * pulled, and this machine's by its own targets, named as pulled when
 * they were (so that a record read back is the record applied). */
static gboolean
add_targets (LineupStore        *self,
             const char         *id,
             LineupShareRecord  *record,
             GError            **error)
{
  static const char pulled_sql[] = "SELECT key, name FROM share_targets WHERE post_id = ?";
  static const char own_sql[] =
    "SELECT t.account_id, a.name FROM post_targets t JOIN accounts a ON a.id = t.account_id WHERE t.post_id = ?";
  g_autoptr(GHashTable) keys = _lineup_store_share_account_keys (self, FALSE, error);
  g_autoptr(GHashTable) own = NULL;
  g_autoptr(GHashTable) pulled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer key;
  sqlite3_stmt *stmt;
  int rc;

  if (keys == NULL)
    return FALSE;
  own = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_iter_init (&iter, keys);
  while (g_hash_table_iter_next (&iter, NULL, &key))
    g_hash_table_add (own, key);

  if ((stmt = _lineup_store_share_prepare_for_post (self, pulled_sql, id, error)) == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (pulled, g_strdup (_lineup_store_column_text (stmt, 0)),
                         g_strdup (_lineup_store_column_text (stmt, 1)));
  _lineup_store_finish (stmt);
  if (rc != SQLITE_DONE)
    return _lineup_store_sqlite_error (self, error, _("read where the post goes"));
  g_hash_table_iter_init (&iter, pulled);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (own, key))
      {
        g_autofree char *field = g_strconcat ("target:", (char *) key, NULL);

        lineup_share_record_set (record, field, g_hash_table_lookup (pulled, key));
      }

  if ((stmt = _lineup_store_share_prepare_for_post (self, own_sql, id, error)) == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *account_key = g_hash_table_lookup (keys, _lineup_store_column_text (stmt, 0));
      const char *name = g_hash_table_lookup (pulled, account_key);
      g_autofree char *field = g_strconcat ("target:", account_key, NULL);

      lineup_share_record_set (record, field, name ? name : _lineup_store_column_text (stmt, 1));
    }
  _lineup_store_finish (stmt);
  if (rc != SQLITE_DONE)
    return _lineup_store_sqlite_error (self, error, _("read where the post goes"));
  return TRUE;
}

/* How the sending went, by account key: as pulled, unless this machine's
 * publisher has a state of its own for the account. */
static gboolean
add_publish_states (LineupStore        *self,
                    const char         *id,
                    LineupShareRecord  *record,
                    GError            **error)
{
  static const char pulled_sql[] = "SELECT key, value FROM share_publish WHERE post_id = ?";
  static const char own_sql[] =
    "SELECT account_id, state, url, message FROM publish_state WHERE post_id = ?";
  g_autoptr(GHashTable) keys = _lineup_store_share_account_keys (self, FALSE, error);
  sqlite3_stmt *stmt;
  int rc;

  if (keys == NULL || (stmt = _lineup_store_share_prepare_for_post (self, pulled_sql, id, error)) == NULL ||
      !set_rows (self, stmt, record, "publish:", error))
    return FALSE;

  if ((stmt = _lineup_store_share_prepare_for_post (self, own_sql, id, error)) == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = g_hash_table_lookup (keys, _lineup_store_column_text (stmt, 0));
      const char *url = _lineup_store_column_text (stmt, 2);
      const char *message = _lineup_store_column_text (stmt, 3);
      g_autofree char *field = NULL;
      g_autofree char *value = NULL;

      if (key == NULL)
        continue;
      field = g_strconcat ("publish:", key, NULL);
      value = g_strdup_printf ("%s %s%s%s", _lineup_store_column_text (stmt, 1),
                               url && *url ? url : "-", message && *message ? " " : "",
                               message && *message ? message : "");
      lineup_share_record_set (record, field, value);
    }
  _lineup_store_finish (stmt);
  if (rc != SQLITE_DONE)
    return _lineup_store_sqlite_error (self, error, _("read the post’s publishing state"));
  return TRUE;
}

LineupShareRecord *
_lineup_store_share_read_post_record (LineupStore  *self,
                  LineupPost   *post,
                  GError      **error)
{
  static const char checks_sql[] =
    "SELECT c.text, p.actor || ' ' || p.at FROM post_checks p JOIN checklist c ON c.id = p.item_id "
    "WHERE p.post_id = ?";
  static const char conflicts_sql[] = "SELECT field, value FROM share_conflicts WHERE post_id = ?";
  static const char conflicts_by_sql[] =
    "SELECT field, by FROM share_conflicts WHERE post_id = ? AND by IS NOT NULL";
  const char *id = lineup_post_get_id (post);
  g_autoptr(LineupShareRecord) record = lineup_share_record_new (LINEUP_SHARE_POST, id);
  sqlite3_stmt *stmt;

  set_post_fields (self, post, record);

#define ROWS(sql, prefix) \
  ((stmt = _lineup_store_share_prepare_for_post (self, sql, id, error)) != NULL && set_rows (self, stmt, record, prefix, error))

  if (!ROWS (checks_sql, "check:") ||
      !add_targets (self, id, record, error) ||
      !add_publish_states (self, id, record, error) ||
      !ROWS (conflicts_sql, "conflict:") ||
      !ROWS (conflicts_by_sql, "conflict-by:") ||
      !add_log (self, id, record, error))
    return NULL;
#undef ROWS

  return g_steal_pointer (&record);
}

LineupShareRecord *
lineup_store_share_read_post (LineupStore  *self,
                              const char   *id,
                              GError      **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(LineupPost) post = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  post = _lineup_store_read_post (self, id, &local);
  if (post == NULL)
    {
      if (!g_error_matches (local, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND))
        g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (lineup_post_get_deleted_at (post) != 0)
    return NULL;
  return _lineup_store_share_read_post_record (self, post, error);
}

