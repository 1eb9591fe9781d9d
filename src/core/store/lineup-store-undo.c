/* lineup-store-undo.c: undo and redo: restoring posts as they were, the
 * pillars, content types and campaigns as they were (a snapshot of those
 * small tables, taken when an operation first changes them), and moving
 * steps between the two stacks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "lineup-store-private.h"

/* Writes @target's content, stage and presence over the stored post, as
 * undo and redo do: the revision still rises so feeds see a newer version,
 * and a stage that changes back is written to the history. */
static gboolean
restore_post (LineupStore  *self,
              LineupPost   *target,
              const char   *why,
              GError      **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(LineupPost) current = _lineup_store_read_post (self, lineup_post_get_id (target), &local);
  g_autoptr(LineupPost) restored = NULL;
  gint64 now = _lineup_store_now_seconds ();

  if (current == NULL && !g_error_matches (local, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (current == NULL)
    {
      /* Its row went with a pillar, type or campaign an undone step had
       * added (a deleted post keeps its row only while they exist): it
       * comes back whole from the step, its history starting here. */
      restored = lineup_post_copy (target);
      _lineup_post_set_bookkeeping (restored, lineup_post_get_created_at (target), now,
                                    lineup_post_get_revision (target) + 1,
                                    lineup_post_get_deleted_at (target));
      if (!_lineup_store_write_post_row (self, restored, error))
        return FALSE;
      if (lineup_post_get_deleted_at (restored) == 0 &&
          !_lineup_store_write_history (self, lineup_post_get_id (restored), -1,
                                        lineup_post_get_stage (restored), NULL, why, now, error))
        return FALSE;
      current = lineup_post_copy (target);
      _lineup_post_set_bookkeeping (current, lineup_post_get_created_at (target), now,
                                    lineup_post_get_revision (target), now);
      _lineup_store_queue_signal (self, PENDING_POST, current, restored);
      return TRUE;
    }

  restored = lineup_post_copy (target);
  _lineup_post_set_bookkeeping (restored,
                                lineup_post_get_created_at (current),
                                now,
                                lineup_post_get_revision (current) +
                                  (lineup_post_content_equal (current, target) ? 0 : 1),
                                lineup_post_get_deleted_at (target));

  if (!_lineup_store_write_post_row (self, restored, error))
    return FALSE;

  if (lineup_post_get_stage (current) != lineup_post_get_stage (restored) &&
      !_lineup_store_write_history (self, lineup_post_get_id (restored),
                      lineup_post_get_stage (current), lineup_post_get_stage (restored),
                      NULL, why, now, error))
    return FALSE;

  _lineup_store_queue_signal (self, PENDING_POST, current, restored);
  return TRUE;
}


/* ---- the catalog: pillars, content types, campaigns ---- */

typedef struct {
  gint64 id;
  char *key;          /* types */
  char *name;
  char *color;        /* pillars, campaigns */
  double a, b;        /* pillar: target; type: min, max; -1: none */
  gboolean has_a, has_b;
  char *starts_on;    /* campaigns */
  char *ends_on;
  gint64 position;
  gint64 type_id;     /* snippets (key: the kind); 0: any type */
  char *text;         /* snippets; a campaign's utm_campaign */
} CatalogRow;

struct _CatalogSnapshot {
  GArray *rows[9];    /* of CatalogRow: pillars, types, campaigns, snippets, slots, series, series_posts,
                       * the engagement weights (a meta row, id 1), post_media */
};

enum { CATALOG_PILLARS, CATALOG_TYPES, CATALOG_CAMPAIGNS, CATALOG_SNIPPETS, CATALOG_SLOTS, CATALOG_SERIES,
       CATALOG_SERIES_POSTS, CATALOG_WEIGHTS, CATALOG_POST_MEDIA };

static void
catalog_row_clear (CatalogRow *row)
{
  g_free (row->key);
  g_free (row->name);
  g_free (row->color);
  g_free (row->starts_on);
  g_free (row->ends_on);
  g_free (row->text);
}

void
_lineup_store_catalog_snapshot_free (CatalogSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  for (guint t = 0; t < G_N_ELEMENTS (snapshot->rows); t++)
    g_clear_pointer (&snapshot->rows[t], g_array_unref);
  g_free (snapshot);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           index)
{
  return g_strdup (_lineup_store_column_text (stmt, index));
}

CatalogSnapshot *
_lineup_store_catalog_snapshot (LineupStore  *self,
                                GError      **error)
{
  static const char * const sql[] = {
    "SELECT id, NULL, name, color, target, NULL, NULL, NULL, position, 0, NULL FROM pillars ORDER BY id",
    "SELECT id, key, name, NULL, target_min, target_max, NULL, NULL, position, 0, NULL FROM content_types ORDER BY id",
    "SELECT id, NULL, name, color, NULL, NULL, starts_on, ends_on, 0, 0, utm_campaign FROM campaigns ORDER BY id",
    "SELECT id, kind, name, NULL, NULL, NULL, NULL, NULL, 0, coalesce(type_id, 0), text FROM snippets ORDER BY id",
    /* a slot: its network as the key, weekday * 1440 + minutes as the position */
    "SELECT id, platform, '', NULL, NULL, NULL, NULL, NULL, weekday * 1440 + minutes, 0, NULL FROM slots ORDER BY id",
    "SELECT id, uid, uid, NULL, NULL, NULL, NULL, NULL, 0, 0, rule FROM series ORDER BY id",
    "SELECT id, series_uid, post_id, NULL, NULL, NULL, occurs_on, NULL, own, 0, NULL FROM series_posts ORDER BY id",
    "SELECT 1, key, '', NULL, NULL, NULL, NULL, NULL, 0, 0, value FROM meta WHERE key = 'results_weights'",
    /* a post's medium (lineup-store-media.h): its hash as the key, the post as the name, its subtitles'
     * hash as the color, the file's name as starts_on, "no subtitles needed" as the type, alt as the text */
    "SELECT id, sha256, post_id, subtitles, NULL, NULL, name, NULL, position, no_subtitles, alt FROM post_media ORDER BY id",
  };
  CatalogSnapshot *snapshot = g_new0 (CatalogSnapshot, 1);

  for (guint t = 0; t < G_N_ELEMENTS (sql); t++)
    {
      sqlite3_stmt *stmt = _lineup_store_prepare (self, sql[t], error);
      int rc;

      snapshot->rows[t] = g_array_new (FALSE, TRUE, sizeof (CatalogRow));
      g_array_set_clear_func (snapshot->rows[t], (GDestroyNotify) catalog_row_clear);
      if (stmt == NULL)
        {
          _lineup_store_catalog_snapshot_free (snapshot);
          return NULL;
        }
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          CatalogRow row = { 0, };

          row.id = sqlite3_column_int64 (stmt, 0);
          row.key = column_dup (stmt, 1);
          row.name = column_dup (stmt, 2);
          row.color = column_dup (stmt, 3);
          row.has_a = sqlite3_column_type (stmt, 4) != SQLITE_NULL;
          row.a = row.has_a ? sqlite3_column_double (stmt, 4) : -1;
          row.has_b = sqlite3_column_type (stmt, 5) != SQLITE_NULL;
          row.b = row.has_b ? sqlite3_column_double (stmt, 5) : -1;
          row.starts_on = column_dup (stmt, 6);
          row.ends_on = column_dup (stmt, 7);
          row.position = sqlite3_column_int64 (stmt, 8);
          row.type_id = sqlite3_column_int64 (stmt, 9);
          row.text = column_dup (stmt, 10);
          g_array_append_val (snapshot->rows[t], row);
        }
      _lineup_store_finish (stmt);
      if (rc != SQLITE_DONE)
        {
          _lineup_store_catalog_snapshot_free (snapshot);
          _lineup_store_sqlite_error (self, error, _("read the pillars, types and campaigns"));
          return NULL;
        }
    }
  return snapshot;
}

gboolean
_lineup_store_catalog_will_change (LineupStore  *self,
                                   GError      **error)
{
  g_assert (self->depth > 0);
  if (self->catalog_before)
    return TRUE;
  self->catalog_before = _lineup_store_catalog_snapshot (self, error);
  return self->catalog_before != NULL;
}

static gboolean
step_has_catalog (UndoStep *step)
{
  return step->catalog_before != NULL;
}

void
_lineup_store_drop_catalog_steps (LineupStore *self)
{
  GPtrArray *stacks[] = { self->undo_stack, self->redo_stack };
  gboolean dropped = FALSE;

  for (guint s = 0; s < G_N_ELEMENTS (stacks); s++)
    for (guint i = stacks[s]->len; i > 0; i--)
      if (step_has_catalog (g_ptr_array_index (stacks[s], i - 1)))
        {
          g_ptr_array_remove_index (stacks[s], i - 1);
          dropped = TRUE;
        }
  if (dropped)
    _lineup_store_notify_undo_state (self);
}

#define PURGE_SQL(column) { \
  "DELETE FROM stage_history WHERE post_id IN (SELECT id FROM posts WHERE deleted_at IS NOT NULL AND " column " = ?)", \
  "DELETE FROM post_checks WHERE post_id IN (SELECT id FROM posts WHERE deleted_at IS NOT NULL AND " column " = ?)", \
  "DELETE FROM approvals WHERE post_id IN (SELECT id FROM posts WHERE deleted_at IS NOT NULL AND " column " = ?)", \
  "DELETE FROM approved_versions WHERE post_id IN (SELECT id FROM posts WHERE deleted_at IS NOT NULL AND " column " = ?)", \
  "DELETE FROM post_targets WHERE post_id IN (SELECT id FROM posts WHERE deleted_at IS NOT NULL AND " column " = ?)", \
  "DELETE FROM posts WHERE deleted_at IS NOT NULL AND " column " = ?", \
}

gboolean
_lineup_store_purge_deleted_posts (LineupStore  *self,
                                   const char   *column,
                                   gint64        id,
                                   GError      **error)
{
  static const char * const pillar_sql[] = PURGE_SQL ("pillar_id");
  static const char * const type_sql[] = PURGE_SQL ("type_id");
  static const char * const campaign_sql[] = PURGE_SQL ("campaign_id");
  const char * const *sql = g_str_equal (column, "pillar_id") ? pillar_sql
                            : g_str_equal (column, "type_id") ? type_sql : campaign_sql;

  for (guint i = 0; i < G_N_ELEMENTS (pillar_sql); i++)
    {
      sqlite3_stmt *stmt = _lineup_store_prepare (self, sql[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!_lineup_store_step_done (self, stmt, _("remove deleted posts"), error))
        return FALSE;
    }
  return TRUE;
}

static void
bind_optional (sqlite3_stmt *stmt,
               int           index,
               gboolean      has,
               double        value)
{
  if (has)
    sqlite3_bind_double (stmt, index, value);
  else
    sqlite3_bind_null (stmt, index);
}

static gboolean
snapshot_has_id (GArray *rows,
                 gint64  id)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_array_index (rows, CatalogRow, i).id == id)
      return TRUE;
  return FALSE;
}

/* Writes every row of @target over the tables (adding the ones they
 * lack). Rows @target lacks stay until restore_catalog_removals(): posts
 * may still name them until they are restored. */
/* The engagement weights @snapshot holds ("results_weights"), or NULL. */
static const char *
weights_of (CatalogSnapshot *snapshot)
{
  GArray *rows = snapshot ? snapshot->rows[CATALOG_WEIGHTS] : NULL;

  return rows && rows->len ? g_array_index (rows, CatalogRow, 0).text : NULL;
}

static gboolean
restore_catalog_rows (LineupStore      *self,
                      CatalogSnapshot  *target,
                      gboolean          with_weights,
                      GError          **error)
{
  static const char * const sql[] = {
    "INSERT INTO pillars (id, name, color, target, position) VALUES (?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT (id) DO UPDATE SET name = ?2, color = ?3, target = ?4, position = ?5",
    "INSERT INTO content_types (id, key, name, target_min, target_max, position) VALUES (?1, ?6, ?2, ?4, ?7, ?5) "
    "ON CONFLICT (id) DO UPDATE SET key = ?6, name = ?2, target_min = ?4, target_max = ?7, position = ?5",
    "INSERT INTO campaigns (id, name, color, starts_on, ends_on, utm_campaign) VALUES (?1, ?2, ?3, ?8, ?9, ?11) "
    "ON CONFLICT (id) DO UPDATE SET name = ?2, color = ?3, starts_on = ?8, ends_on = ?9, utm_campaign = ?11",
    "INSERT INTO snippets (id, name, kind, type_id, text) "
    "VALUES (?1, ?2, ?6, (SELECT id FROM content_types WHERE id = ?10), ?11) "
    "ON CONFLICT (id) DO UPDATE SET name = ?2, kind = ?6, "
    "type_id = (SELECT id FROM content_types WHERE id = ?10), text = ?11",
    "INSERT INTO slots (id, platform, weekday, minutes) VALUES (?1, ?6, ?5 / 1440, ?5 % 1440) "
    "ON CONFLICT (id) DO UPDATE SET platform = ?6, weekday = ?5 / 1440, minutes = ?5 % 1440",
    "INSERT INTO series (id, uid, rule) VALUES (?1, ?6, ?11) "
    "ON CONFLICT (id) DO UPDATE SET uid = ?6, rule = ?11",
    "INSERT INTO series_posts (id, post_id, series_uid, occurs_on, own) VALUES (?1, ?2, ?6, ?8, ?5) "
    "ON CONFLICT (id) DO UPDATE SET post_id = ?2, series_uid = ?6, occurs_on = ?8, own = ?5",
    "INSERT INTO meta (key, value) VALUES (?6, ?11) ON CONFLICT (key) DO UPDATE SET value = ?11 WHERE ?1 = 1",
    "INSERT INTO post_media (id, post_id, sha256, subtitles, name, position, no_subtitles, alt) "
    "VALUES (?1, ?2, ?6, ?3, coalesce(?8, ''), ?5, ?10, coalesce(?11, '')) "
    "ON CONFLICT (id) DO UPDATE SET post_id = ?2, sha256 = ?6, subtitles = ?3, name = coalesce(?8, ''), "
    "position = ?5, no_subtitles = ?10, alt = coalesce(?11, '')",
  };

  for (guint t = 0; t < G_N_ELEMENTS (sql); t++)
    for (guint i = 0; i < target->rows[t]->len && (t != CATALOG_WEIGHTS || with_weights); i++)
      {
        CatalogRow *row = &g_array_index (target->rows[t], CatalogRow, i);
        sqlite3_stmt *stmt = _lineup_store_prepare (self, sql[t], error);

        if (stmt == NULL)
          return FALSE;
        sqlite3_bind_int64 (stmt, 1, row->id);
        if (t == CATALOG_SLOTS)
          {
            sqlite3_bind_int64 (stmt, 5, row->position);
            sqlite3_bind_text (stmt, 6, row->key, -1, SQLITE_STATIC);
            if (!_lineup_store_step_done (self, stmt, _("restore the slots"), error))
              return FALSE;
            continue;
          }
        if (t == CATALOG_WEIGHTS)
          {
            sqlite3_bind_text (stmt, 6, row->key, -1, SQLITE_STATIC);
            sqlite3_bind_text (stmt, 11, row->text, -1, SQLITE_STATIC);
            if (!_lineup_store_step_done (self, stmt, _("restore the engagement weights"), error))
              return FALSE;
            continue;
          }
        sqlite3_bind_text (stmt, 2, row->name, -1, SQLITE_STATIC);
        if (t == CATALOG_POST_MEDIA)
          {
            sqlite3_bind_text (stmt, 6, row->key, -1, SQLITE_STATIC);
            _lineup_store_bind_text_or_null (stmt, 3, row->color);
            _lineup_store_bind_text_or_null (stmt, 8, row->starts_on);
            sqlite3_bind_int64 (stmt, 5, row->position);
            sqlite3_bind_int64 (stmt, 10, row->type_id);
            _lineup_store_bind_text_or_null (stmt, 11, row->text);
            if (!_lineup_store_step_done (self, stmt, _("restore the post’s media"), error))
              return FALSE;
            continue;
          }
        if (t == CATALOG_SERIES || t == CATALOG_SERIES_POSTS)
          {
            sqlite3_bind_text (stmt, 6, row->key, -1, SQLITE_STATIC);
            sqlite3_bind_int64 (stmt, 5, row->position);
            _lineup_store_bind_text_or_null (stmt, 8, row->starts_on);
            _lineup_store_bind_text_or_null (stmt, 11, row->text);
            if (!_lineup_store_step_done (self, stmt, _("restore the series"), error))
              return FALSE;
            continue;
          }
        if (t == CATALOG_SNIPPETS)
          {
            sqlite3_bind_text (stmt, 6, row->key, -1, SQLITE_STATIC);
            sqlite3_bind_int64 (stmt, 10, row->type_id);   /* gone: any type */
            sqlite3_bind_text (stmt, 11, row->text, -1, SQLITE_STATIC);
            if (!_lineup_store_step_done (self, stmt, _("restore the snippets"), error))
              return FALSE;
            continue;
          }
        if (t != CATALOG_TYPES)
          sqlite3_bind_text (stmt, 3, row->color, -1, SQLITE_STATIC);
        bind_optional (stmt, 4, row->has_a, row->a);
        if (t != CATALOG_CAMPAIGNS)
          sqlite3_bind_int64 (stmt, 5, row->position);
        if (t == CATALOG_TYPES)
          {
            _lineup_store_bind_text_or_null (stmt, 6, row->key);
            bind_optional (stmt, 7, row->has_b, row->b);
          }
        if (t == CATALOG_CAMPAIGNS)
          {
            sqlite3_bind_text (stmt, 8, row->starts_on, -1, SQLITE_STATIC);
            sqlite3_bind_text (stmt, 9, row->ends_on, -1, SQLITE_STATIC);
            _lineup_store_bind_text_or_null (stmt, 11, row->text);   /* utm_campaign */
          }
        if (!_lineup_store_step_done (self, stmt, _("restore the pillars, types and campaigns"), error))
          return FALSE;
      }
  return TRUE;
}

/* Removes the rows @target lacks, once the posts are restored. */
static gboolean
restore_catalog_removals (LineupStore      *self,
                          CatalogSnapshot  *target,
                          gboolean          with_weights,
                          GError          **error)
{
  static const char * const delete_sql[] = {
    "DELETE FROM pillars WHERE id = ?",
    "DELETE FROM content_types WHERE id = ?",
    "DELETE FROM campaigns WHERE id = ?",
    "DELETE FROM snippets WHERE id = ?",
    "DELETE FROM slots WHERE id = ?",
    "DELETE FROM series WHERE id = ?",
    "DELETE FROM series_posts WHERE id = ?",
    "DELETE FROM meta WHERE key = 'results_weights' AND ?1 = 1",
    "DELETE FROM post_media WHERE id = ?",
  };
  static const char * const columns[] = { "pillar_id", "type_id", "campaign_id", NULL, NULL, NULL, NULL, NULL, NULL };
  G_STATIC_ASSERT (G_N_ELEMENTS (columns) == G_N_ELEMENTS (delete_sql));
  CatalogSnapshot *now = _lineup_store_catalog_snapshot (self, error);

  if (now == NULL)
    return FALSE;
  for (guint t = 0; t < G_N_ELEMENTS (delete_sql); t++)
    for (guint i = 0; i < now->rows[t]->len && (t != CATALOG_WEIGHTS || with_weights); i++)
      {
        gint64 id = g_array_index (now->rows[t], CatalogRow, i).id;
        sqlite3_stmt *stmt;

        if (snapshot_has_id (target->rows[t], id))
          continue;
        if ((columns[t] && !_lineup_store_purge_deleted_posts (self, columns[t], id, error)) ||
            (stmt = _lineup_store_prepare (self, delete_sql[t], error)) == NULL)
          {
            _lineup_store_catalog_snapshot_free (now);
            return FALSE;
          }
        sqlite3_bind_int64 (stmt, 1, id);
        if (!_lineup_store_step_done (self, stmt, _("restore the pillars, types and campaigns"), error))
          {
            _lineup_store_catalog_snapshot_free (now);
            g_prefix_error (error, _("A post that is in the plan now still uses a pillar, type or campaign this undo would remove: "));
            return FALSE;
          }
      }
  _lineup_store_catalog_snapshot_free (now);
  if (!_lineup_store_load_pillars (self, error) || !_lineup_store_load_types (self, error) ||
      !_lineup_store_load_campaigns (self, error))
    return FALSE;
  _lineup_store_queue_signal (self, PENDING_PILLARS, NULL, NULL);
  _lineup_store_queue_signal (self, PENDING_TYPES, NULL, NULL);
  _lineup_store_queue_signal (self, PENDING_CAMPAIGNS, NULL, NULL);
  _lineup_store_queue_signal (self, PENDING_PLAN, NULL, NULL);   /* the snippets and slots */
  return TRUE;
}

static gboolean
replay_step (LineupStore  *self,
             UndoStep     *step,
             gboolean      backwards,
             GError      **error)
{
  const char *why = backwards ? _("Undo") : _("Redo");
  CatalogSnapshot *catalog = backwards ? step->catalog_before : step->catalog_after;
  /* The weights only when the step changed them: undoing an older step
   * keeps weights set since by another process. */
  gboolean with_weights = g_strcmp0 (weights_of (step->catalog_before), weights_of (step->catalog_after)) != 0;

  if (!_lineup_store_begin_operation (self, step->label, error))
    return FALSE;
  /* The catalog's rows first, so that restored posts find theirs; its
   * removals last, once no restored post names them. */
  if (catalog && !restore_catalog_rows (self, catalog, with_weights, error))
    {
      _lineup_store_end_operation (self, FALSE, NULL);
      return FALSE;
    }

  for (guint i = 0; i < step->entries->len; i++)
    {
      guint index = backwards ? step->entries->len - 1 - i : i;
      UndoEntry *entry = &g_array_index (step->entries, UndoEntry, index);

      if (!restore_post (self, backwards ? entry->before : entry->after, why, error))
        {
          _lineup_store_end_operation (self, FALSE, NULL);
          return FALSE;
        }
    }
  if (catalog && !restore_catalog_removals (self, catalog, with_weights, error))
    {
      _lineup_store_end_operation (self, FALSE, NULL);
      return FALSE;
    }

  /* The entries stay with the step, which moves to the other stack. */
  return _lineup_store_end_operation (self, TRUE, error);
}

/* ---- undo ---- */

gboolean
lineup_store_can_undo (LineupStore *self)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  return self->undo_stack->len > 0;
}

gboolean
lineup_store_can_redo (LineupStore *self)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  return self->redo_stack->len > 0;
}

const char *
lineup_store_get_undo_label (LineupStore *self)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  if (self->undo_stack->len == 0)
    return NULL;
  return ((UndoStep *) g_ptr_array_index (self->undo_stack, self->undo_stack->len - 1))->label;
}

const char *
lineup_store_get_redo_label (LineupStore *self)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  if (self->redo_stack->len == 0)
    return NULL;
  return ((UndoStep *) g_ptr_array_index (self->redo_stack, self->redo_stack->len - 1))->label;
}

static gboolean
move_step (LineupStore  *self,
           GPtrArray    *from,
           GPtrArray    *to,
           gboolean      backwards,
           GError      **error)
{
  UndoStep *step;

  g_return_val_if_fail (self->depth == 0, FALSE);

  if (from->len == 0)
    {
      g_set_error_literal (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOTHING_TO_UNDO,
                           backwards ? _("There is nothing to undo") : _("There is nothing to redo"));
      return FALSE;
    }

  step = g_ptr_array_steal_index (from, from->len - 1);
  if (!replay_step (self, step, backwards, error))
    {
      g_ptr_array_add (from, step);
      return FALSE;
    }
  g_ptr_array_add (to, step);
  _lineup_store_notify_undo_state (self);
  return TRUE;
}

gboolean
lineup_store_undo (LineupStore  *self,
                   GError      **error)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  return move_step (self, self->undo_stack, self->redo_stack, TRUE, error);
}

gboolean
lineup_store_redo (LineupStore  *self,
                   GError      **error)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  return move_step (self, self->redo_stack, self->undo_stack, FALSE, error);
}
