/* lineup-store-posts.c: posts: their rows, adding, finding, listing (through
 * the cache), editing, moving, duplicating, deleting, and their history. Not
 * the workflow's reads (lineup-store-workflow.c).
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

/* ---- rows ---- */

static LineupPost *
post_from_row (sqlite3_stmt *stmt)
{
  LineupPost *post = lineup_post_new ();
  const char *brief[LINEUP_N_BRIEF_FIELDS];

  /* Each text is read once and kept in one block with the others. */
  for (guint i = 0; i < LINEUP_N_BRIEF_FIELDS; i++)
    brief[i] = _lineup_store_column_text (stmt, 9 + i);
  _lineup_post_set_texts (post,
                          _lineup_store_column_text (stmt, 0),
                          _lineup_store_column_text (stmt, 1),
                          _lineup_store_column_text (stmt, 2),
                          brief,
                          _lineup_store_column_text (stmt, 15));
  if (sqlite3_column_type (stmt, 20) != SQLITE_NULL)
    lineup_post_set_source_id (post, _lineup_store_column_text (stmt, 20));
  if (sqlite3_column_type (stmt, 21) != SQLITE_NULL)
    lineup_post_set_evergreen (post, _lineup_store_column_text (stmt, 21));
  if (sqlite3_column_type (stmt, 22) != SQLITE_NULL)
    lineup_post_set_captions (post, _lineup_store_column_text (stmt, 22));
  if (sqlite3_column_type (stmt, 23) != SQLITE_NULL)
    lineup_post_set_content_warning (post, _lineup_store_column_text (stmt, 23));
  lineup_post_set_pillar_id (post, sqlite3_column_int64 (stmt, 3));
  lineup_post_set_type_id (post, sqlite3_column_int64 (stmt, 4));
  _lineup_post_set_stage (post, sqlite3_column_int (stmt, 5));
  _lineup_post_set_platforms_joined (post, _lineup_store_column_text (stmt, 6));
  lineup_post_set_scheduled_at (post, sqlite3_column_int64 (stmt, 7) == UNDATED_SLOT
                                        ? LINEUP_POST_UNDATED
                                        : sqlite3_column_int64 (stmt, 7));
  lineup_post_set_campaign_id (post, sqlite3_column_int64 (stmt, 8));
  _lineup_post_set_bookkeeping (post,
                                sqlite3_column_int64 (stmt, 16),
                                sqlite3_column_int64 (stmt, 17),
                                sqlite3_column_int (stmt, 18),
                                sqlite3_column_int64 (stmt, 19));
  return post;
}

gboolean
_lineup_store_write_post_row (LineupStore  *self,
                              LineupPost   *post,
                              GError      **error)
{
  static const char sql[] =
    "INSERT INTO posts (" POST_COLUMNS ") VALUES "
    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24) "
    "ON CONFLICT (id) DO UPDATE SET title = ?2, body = ?3, pillar_id = ?4, type_id = ?5, "
    "stage = ?6, platforms = ?7, slot = ?8, campaign_id = ?9, goal = ?10, "
    "audience = ?11, key_message = ?12, call_to_action = ?13, hashtags = ?14, owner = ?15, "
    "due_on = ?16, updated_at = ?18, revision = ?19, deleted_at = ?20, source_id = ?21, evergreen = ?22, captions = ?23, "
    "content_warning = ?24";
  sqlite3_stmt *stmt = _lineup_store_prepare (self, sql, error);
  g_autofree char *platforms = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;

  platforms = g_strjoinv (",", (char **) lineup_post_get_platforms (post));
  sqlite3_bind_text (stmt, 1, lineup_post_get_id (post), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, lineup_post_get_title (post), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, lineup_post_get_body (post), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, lineup_post_get_pillar_id (post));
  sqlite3_bind_int64 (stmt, 5, lineup_post_get_type_id (post));
  sqlite3_bind_int (stmt, 6, lineup_post_get_stage (post));
  sqlite3_bind_text (stmt, 7, platforms, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, lineup_post_is_dated (post) ? lineup_post_get_scheduled_at (post) : UNDATED_SLOT);
  if (lineup_post_get_campaign_id (post) != 0)
    sqlite3_bind_int64 (stmt, 9, lineup_post_get_campaign_id (post));
  else
    sqlite3_bind_null (stmt, 9);
  for (guint i = 0; i < LINEUP_N_BRIEF_FIELDS; i++)
    _lineup_store_bind_text_or_null (stmt, 10 + i, lineup_post_get_brief (post, i));
  _lineup_store_bind_text_or_null (stmt, 16, lineup_post_get_due_on (post));
  sqlite3_bind_int64 (stmt, 17, lineup_post_get_created_at (post));
  sqlite3_bind_int64 (stmt, 18, lineup_post_get_updated_at (post));
  sqlite3_bind_int (stmt, 19, lineup_post_get_revision (post));
  if (lineup_post_get_deleted_at (post) != 0)
    sqlite3_bind_int64 (stmt, 20, lineup_post_get_deleted_at (post));
  else
    sqlite3_bind_null (stmt, 20);
  _lineup_store_bind_text_or_null (stmt, 21, lineup_post_get_source_id (post));
  _lineup_store_bind_text_or_null (stmt, 22, lineup_post_get_evergreen (post));
  _lineup_store_bind_text_or_null (stmt, 23, lineup_post_get_captions (post));
  _lineup_store_bind_text_or_null (stmt, 24, *lineup_post_get_content_warning (post)
                                               ? lineup_post_get_content_warning (post) : NULL);

  rc = sqlite3_step (stmt);
  _lineup_store_finish (stmt);
  if (rc != SQLITE_DONE)
    return _lineup_store_sqlite_error (self, error, _("save the post"));
  return TRUE;
}

gboolean
_lineup_store_write_history_line (LineupStore       *self,
                                  LineupHistoryKind  kind,
                                  const char        *post_id,
                                  int                from_stage,
                                  int                to_stage,
                                  const char        *actor,
                                  const char        *comment,
                                  gint64             at,
                                  GError           **error)
{
  static const char sql[] =
    "INSERT INTO stage_history (post_id, from_stage, to_stage, actor, at, comment, kind) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)";
  sqlite3_stmt *stmt = _lineup_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, post_id, -1, SQLITE_STATIC);
  if (from_stage < 0)
    sqlite3_bind_null (stmt, 2);
  else
    sqlite3_bind_int (stmt, 2, from_stage);
  sqlite3_bind_int (stmt, 3, to_stage);
  sqlite3_bind_text (stmt, 4, actor ? actor : self->actor, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, at);
  _lineup_store_bind_text_or_null (stmt, 6, comment);
  sqlite3_bind_text (stmt, 7, lineup_history_kind_to_key (kind), -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  _lineup_store_finish (stmt);
  if (rc != SQLITE_DONE)
    return _lineup_store_sqlite_error (self, error, _("record the change in the post’s history"));
  return TRUE;
}

gboolean
_lineup_store_write_history (LineupStore  *self,
                             const char   *post_id,
                             int           from_stage,
                             int           to_stage,
                             const char   *actor,
                             const char   *comment,
                             gint64        at,
                             GError      **error)
{
  return _lineup_store_write_history_line (self, LINEUP_HISTORY_STAGE, post_id, from_stage, to_stage,
                             actor, comment, at, error);
}

/* Reads a post by exact id, deleted ones included. */
LineupPost *
_lineup_store_read_post (LineupStore  *self,
                         const char   *id,
                         GError      **error)
{
  static const char sql[] = "SELECT " POST_COLUMNS " FROM posts WHERE id = ?";
  sqlite3_stmt *stmt = _lineup_store_prepare (self, sql, error);
  LineupPost *post = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    post = post_from_row (stmt);
  else if (rc != SQLITE_DONE)
    _lineup_store_sqlite_error (self, error, _("read the post"));
  else
    g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND,
                 _("No post with id “%s”: list the posts with “lineup post list” to find its id"), id);
  _lineup_store_finish (stmt);

  return post;
}

/* ---- posts ---- */

static char *
quoted_label (const char *format,
              LineupPost *post)
{
  const char *full = lineup_post_get_title (post);
  /* g_utf8_substring reads past the end when asked for more than there is. */
  g_autofree char *title = g_utf8_substring (full, 0, MIN (40, g_utf8_strlen (full, -1)));
  return g_strdup_printf (format, title);
}

gboolean
lineup_store_add_post (LineupStore  *self,
                       LineupPost   *post,
                       GError      **error)
{
  g_autofree char *id = NULL;
  g_autofree char *label = NULL;
  g_autoptr(LineupPost) gone = NULL;
  gint64 now = _lineup_store_now_seconds ();

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  g_return_val_if_fail (LINEUP_IS_POST (post), FALSE);
  g_return_val_if_fail (lineup_post_get_id (post) == NULL, FALSE);

  if (!_lineup_store_validate_post (self, post, error))
    return FALSE;

  id = g_uuid_string_random ();
  _lineup_post_set_id (post, id);
  _lineup_post_set_bookkeeping (post, now, now, 1, 0);

  label = quoted_label (_("Add “%s”"), post);
  if (!_lineup_store_begin_operation (self, label, error))
    goto failed;
  if (!_lineup_store_write_post_row (self, post, error) ||
      !_lineup_store_write_history (self, id, -1, lineup_post_get_stage (post), NULL, NULL, now, error))
    {
      _lineup_store_end_operation (self, FALSE, NULL);
      goto failed;
    }

  /* Undoing an addition marks the post deleted, like a deletion does. */
  gone = lineup_post_copy (post);
  _lineup_post_set_bookkeeping (gone, now, now, 1, now);
  {
    g_autoptr(LineupPost) stored = lineup_post_copy (post);
    _lineup_store_record_post_change (self, gone, stored);
  }
  if (!_lineup_store_end_operation (self, TRUE, error))
    goto failed;
  return TRUE;

failed:
  _lineup_post_set_id (post, NULL);
  _lineup_post_set_bookkeeping (post, 0, 0, 0, 0);
  return FALSE;
}

/* Resolves a full id or a unique prefix of at least 4 characters to a live
 * post. */
static LineupPost *
find_live_post (LineupStore  *self,
                const char   *id_or_prefix,
                GError      **error)
{
  static const char sql[] =
    "SELECT " POST_COLUMNS " FROM posts "
    "WHERE id >= ?1 AND id < ?1 || x'7f' AND deleted_at IS NULL LIMIT 2";
  static const char exact_sql[] = "SELECT " POST_COLUMNS " FROM posts WHERE id = ? AND deleted_at IS NULL";
  g_autofree char *lower = NULL;
  sqlite3_stmt *stmt;
  LineupPost *found = NULL;
  int rc, matches = 0;

  if (id_or_prefix == NULL || !g_utf8_validate (id_or_prefix, -1, NULL) ||
      strlen (id_or_prefix) < 4)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND,
                   _("“%s” is not a post id: give the id or at least its first 4 characters (see “lineup post list”)"),
                   id_or_prefix && g_utf8_validate (id_or_prefix, -1, NULL) ? id_or_prefix : "?");
      return NULL;
    }

  /* A whole id first, as it is: a post another calendar client created in
   * a shared plan keeps that client's UID, capitals and all. */
  stmt = _lineup_store_prepare (self, exact_sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id_or_prefix, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    found = post_from_row (stmt);
  _lineup_store_finish (stmt);
  if (found)
    return found;

  lower = g_ascii_strdown (id_or_prefix, -1);
  stmt = _lineup_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, lower, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      matches++;
      if (found == NULL)
        found = post_from_row (stmt);
    }
  _lineup_store_finish (stmt);

  if (rc != SQLITE_DONE)
    {
      g_clear_object (&found);
      _lineup_store_sqlite_error (self, error, _("find the post"));
      return NULL;
    }
  if (matches == 0)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND,
                   _("No post with id “%s” in the plan: list the posts with “lineup post list” to find its id"),
                   id_or_prefix);
      return NULL;
    }
  if (matches > 1)
    {
      g_clear_object (&found);
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_AMBIGUOUS,
                   _("“%s” is the start of several posts’ ids: give more of the id"),
                   id_or_prefix);
      return NULL;
    }
  return found;
}

LineupPost *
lineup_store_get_post (LineupStore  *self,
                       const char   *id_or_prefix,
                       GError      **error)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  return find_live_post (self, id_or_prefix, error);
}

static GPtrArray *
collect_posts (LineupStore  *self,
               sqlite3_stmt *stmt,
               GError      **error)
{
  g_autoptr(GPtrArray) posts = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (posts, post_from_row (stmt));
  _lineup_store_finish (stmt);
  if (rc != SQLITE_DONE)
    {
      _lineup_store_sqlite_error (self, error, _("read the posts"));
      return NULL;
    }
  return g_steal_pointer (&posts);
}

/* Posts held since the file's data_version was @version (the whole plan,
 * or the last range read): still what the file holds? */
static gboolean
held_is_current (LineupStore  *self,
                 GPtrArray   **held,
                 gint64        version)
{
  if (*held == NULL)
    return FALSE;
  if (_lineup_store_read_data_version (self) == version)
    return TRUE;

  /* Another process changed the plan since: forget what we hold. */
  g_clear_pointer (held, g_ptr_array_unref);
  return FALSE;
}

static gboolean
cache_is_current (LineupStore *self)
{
  return held_is_current (self, &self->cache, self->cache_version);
}

static GPtrArray *
copy_range (GPtrArray *cache,
            guint      from,
            guint      to)
{
  GPtrArray *posts = g_ptr_array_new_full (to - from, g_object_unref);

  for (guint i = from; i < to; i++)
    g_ptr_array_add (posts, g_object_ref (g_ptr_array_index (cache, i)));
  return posts;
}

GPtrArray *
lineup_store_list_posts (LineupStore  *self,
                         gint64        from,
                         gint64        to,
                         GError      **error)
{
  static const char sql[] =
    "SELECT " POST_COLUMNS " FROM posts "
    "WHERE slot >= ? AND slot < ? AND deleted_at IS NULL "
    "ORDER BY slot, created_at, id";
  sqlite3_stmt *stmt;
  GPtrArray *posts;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);

  /* Inside a transaction the cache does not show the uncommitted changes;
   * the database does. */
  if (self->depth == 0 && cache_is_current (self))
    {
      guint first = _lineup_store_cache_bisect_time (self->cache, from);
      guint last = _lineup_store_cache_bisect_time (self->cache, to);

      return copy_range (self->cache, first, MAX (first, last));
    }

  /* Within the last range read (the month's mix after its six weeks). */
  if (self->depth == 0 && self->range && from >= self->range_from && to <= self->range_to &&
      held_is_current (self, &self->range, self->range_version))
    {
      guint first = _lineup_store_cache_bisect_time (self->range, from);
      guint last = _lineup_store_cache_bisect_time (self->range, to);

      return copy_range (self->range, first, MAX (first, last));
    }

  stmt = _lineup_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, MIN (to, UNDATED_SLOT));
  posts = collect_posts (self, stmt, error);
  if (posts && self->depth == 0)
    {
      g_clear_pointer (&self->range, g_ptr_array_unref);
      self->range = copy_range (posts, 0, posts->len);
      self->range_from = from;
      self->range_to = to;
      self->range_version = _lineup_store_read_data_version (self);
    }
  return posts;
}

GPtrArray *
lineup_store_list_undated_posts (LineupStore  *self,
                                 GError      **error)
{
  static const char sql[] =
    "SELECT " POST_COLUMNS " FROM posts WHERE slot = ? AND deleted_at IS NULL "
    "ORDER BY slot, created_at, id";
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);

  /* Undated posts sort last in the cache. */
  if (self->depth == 0 && cache_is_current (self))
    {
      guint first = self->cache->len;

      while (first > 0 && !lineup_post_is_dated (self->cache->pdata[first - 1]))
        first--;
      return copy_range (self->cache, first, self->cache->len);
    }

  stmt = _lineup_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, UNDATED_SLOT);
  return collect_posts (self, stmt, error);
}

GPtrArray *
lineup_store_list_all_posts (LineupStore  *self,
                             GError      **error)
{
  static const char sql[] =
    "SELECT " POST_COLUMNS " FROM posts WHERE deleted_at IS NULL "
    "ORDER BY slot, created_at, id";
  sqlite3_stmt *stmt;
  GPtrArray *posts;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);

  if (self->depth == 0 && cache_is_current (self))
    return copy_range (self->cache, 0, self->cache->len);

  stmt = _lineup_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  posts = collect_posts (self, stmt, error);
  if (posts == NULL || self->depth > 0)
    return posts;

  /* SQLite's order and ours agree; sorting keeps the cache's invariant
   * independent of the SQL. */
  lineup_posts_sort_by_time (posts);
  self->cache = posts;
  self->cache_version = _lineup_store_read_data_version (self);

  return copy_range (posts, 0, posts->len);
}

guint
lineup_store_count_posts (LineupStore *self)
{
  static const char sql[] = "SELECT count(*) FROM posts WHERE deleted_at IS NULL";
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (LINEUP_IS_STORE (self), 0);

  if (self->depth == 0 && cache_is_current (self))
    return self->cache->len;

  stmt = _lineup_store_prepare (self, sql, NULL);
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  _lineup_store_finish (stmt);
  return n;
}

gboolean
lineup_store_has_posts (LineupStore *self)
{
  static const char sql[] = "SELECT EXISTS (SELECT 1 FROM posts WHERE deleted_at IS NULL)";
  sqlite3_stmt *stmt;
  gboolean any = FALSE;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  if (self->depth == 0 && cache_is_current (self))
    return self->cache->len > 0;

  stmt = _lineup_store_prepare (self, sql, NULL);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    any = sqlite3_column_int (stmt, 0) != 0;
  _lineup_store_finish (stmt);
  return any;
}

/* Stores @changed (a copy of @current with edits) as the next revision. */
static gboolean
commit_post_change (LineupStore  *self,
                    LineupPost   *current,
                    LineupPost   *changed,
                    const char   *label,
                    GError      **error)
{
  if (!_lineup_store_begin_operation (self, label, error))
    return FALSE;
  if (!_lineup_store_write_post_row (self, changed, error))
    return _lineup_store_end_operation (self, FALSE, NULL);
  _lineup_store_record_post_change (self, current, changed);
  return _lineup_store_end_operation (self, TRUE, error);
}

/* A scheduled post goes out at its time: moving it to a time already past
 * would send it at once, so that is refused (the workflow refuses scheduling
 * for a past time the same way). Other stages move freely. */
static gboolean
check_scheduled_time (LineupStore  *self,
                      LineupPost   *current,
                      LineupStage   stage,
                      gint64        when,
                      GError      **error)
{
  GDate date;
  int minutes;
  char day[64];

  if (stage != LINEUP_STAGE_SCHEDULED || when == LINEUP_POST_UNDATED ||
      when == lineup_post_get_scheduled_at (current) || when > _lineup_store_now_seconds ())
    return TRUE;
  lineup_store_utc_to_local (self, when, &date, &minutes);
  g_date_strftime (day, sizeof day, "%-d %B %Y", &date);
  g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
               _("“%s” is scheduled, and %s at %02d:%02d has passed: it would go out at once. Pick a later date or time, or move it back to Approved first"),
               lineup_post_get_title (current), day, minutes / 60, minutes % 60);
  return FALSE;
}

gboolean
_lineup_store_write_edit (LineupStore       *self,
                          LineupPost        *post,
                          LineupEditReview   review,
                          GError           **error)
{
  g_autoptr(LineupPost) current = NULL;
  g_autoptr(LineupPost) changed = NULL;
  g_autofree char *label = NULL;
  g_autofree char *what_changed = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  g_return_val_if_fail (LINEUP_IS_POST (post), FALSE);
  g_return_val_if_fail (lineup_post_get_id (post) != NULL, FALSE);

  current = find_live_post (self, lineup_post_get_id (post), error);
  if (current == NULL)
    return FALSE;

  changed = lineup_post_copy (post);
  if (!_lineup_store_validate_post (self, changed, error))
    return FALSE;
  if (lineup_post_content_equal (current, changed))
    return TRUE;

  _lineup_post_set_stage (changed, lineup_post_get_stage (current));
  _lineup_post_set_bookkeeping (changed,
                                lineup_post_get_created_at (current),
                                _lineup_store_now_seconds (),
                                lineup_post_get_revision (current) + 1,
                                0);

  /* The workflow says whether the edit sends the post back to review. */
  what_changed = review ? review (current, changed) : NULL;
  if (what_changed)
    _lineup_post_set_stage (changed, LINEUP_STAGE_IN_REVIEW);
  if (!check_scheduled_time (self, current, lineup_post_get_stage (changed),
                             lineup_post_get_scheduled_at (changed), error))
    return FALSE;

  label = quoted_label (_("Edit “%s”"), current);
  if (!_lineup_store_begin_operation (self, label, error))
    return FALSE;
  if (!_lineup_store_write_post_row (self, changed, error) ||
      (what_changed &&
       !_lineup_store_write_history_line (self, LINEUP_HISTORY_EDIT, lineup_post_get_id (current),
                            lineup_post_get_stage (current), LINEUP_STAGE_IN_REVIEW,
                            NULL, what_changed, lineup_post_get_updated_at (changed), error)))
    return _lineup_store_end_operation (self, FALSE, NULL);
  _lineup_store_record_post_change (self, current, changed);
  if (!_lineup_store_end_operation (self, TRUE, error))
    return FALSE;

  _lineup_post_set_bookkeeping (post,
                                lineup_post_get_created_at (changed),
                                lineup_post_get_updated_at (changed),
                                lineup_post_get_revision (changed),
                                0);
  lineup_post_set_platforms (post, lineup_post_get_platforms (changed));
  _lineup_post_set_stage (post, lineup_post_get_stage (changed));
  return TRUE;
}

/* Stores @current at instant @when (or undated) as the next revision, in
 * one undo step labelled @label_format with the title; nothing when the
 * instant is the same. */
static gboolean
commit_schedule (LineupStore  *self,
                 LineupPost   *current,
                 gint64        when,
                 const char   *label_format,
                 GError      **error)
{
  g_autoptr(LineupPost) changed = NULL;
  g_autofree char *label = NULL;

  if (!check_scheduled_time (self, current, lineup_post_get_stage (current), when, error))
    return FALSE;
  if (when == lineup_post_get_scheduled_at (current))
    return TRUE;

  changed = lineup_post_copy (current);
  lineup_post_set_scheduled_at (changed, when);
  _lineup_post_set_bookkeeping (changed,
                                lineup_post_get_created_at (current),
                                _lineup_store_now_seconds (),
                                lineup_post_get_revision (current) + 1,
                                0);

  label = quoted_label (label_format, current);
  return commit_post_change (self, current, changed, label, error);
}

gboolean
lineup_store_move_post (LineupStore  *self,
                        const char   *id,
                        GDate        *date,
                        GError      **error)
{
  return lineup_store_reschedule_post (self, id, date, -1, error);
}

gboolean
lineup_store_reschedule_post (LineupStore  *self,
                              const char   *id,
                              GDate        *date,
                              int           minutes,
                              GError      **error)
{
  g_autoptr(LineupPost) current = NULL;
  gint64 when;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);
  g_return_val_if_fail (minutes >= -1 && minutes < 24 * 60, FALSE);

  current = find_live_post (self, id, error);
  if (current == NULL || !lineup_store_can_move_post (self, current, error))
    return FALSE;

  if (minutes < 0)
    {
      minutes = self->default_time;
      if (lineup_post_is_dated (current))
        lineup_store_utc_to_local (self, lineup_post_get_scheduled_at (current), NULL, &minutes);
    }
  when = lineup_store_local_to_utc (self, date, minutes);
  return commit_schedule (self, current, when, _("Move “%s”"), error);
}

gboolean
lineup_store_can_move_post (LineupStore  *self,
                            LineupPost   *post,
                            GError      **error)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  g_return_val_if_fail (LINEUP_IS_POST (post), FALSE);

  if (lineup_post_get_stage (post) == LINEUP_STAGE_PUBLISHED)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("“%s” is published: it stays on the day it went out. Duplicate it to plan it again"),
                   lineup_post_get_title (post));
      return FALSE;
    }
  return TRUE;
}

gboolean
lineup_store_unschedule_post (LineupStore  *self,
                              const char   *id,
                              GError      **error)
{
  g_autoptr(LineupPost) current = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  current = find_live_post (self, id, error);
  if (current == NULL || !lineup_store_can_move_post (self, current, error))
    return FALSE;
  return commit_schedule (self, current, LINEUP_POST_UNDATED, _("Move “%s” to the backlog"), error);
}

LineupPost *
lineup_store_duplicate_post (LineupStore  *self,
                             const char   *id,
                             GDate        *date,
                             GError      **error)
{
  g_autoptr(LineupPost) original = NULL;
  g_autoptr(LineupPost) copy = NULL;
  int minutes;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  original = find_live_post (self, id, error);
  if (original == NULL)
    return NULL;

  minutes = self->default_time;
  if (lineup_post_is_dated (original))
    lineup_store_utc_to_local (self, lineup_post_get_scheduled_at (original), NULL, &minutes);

  /* A fresh post: its own id, history and revision, content copied. */
  copy = lineup_post_copy (original);
  _lineup_post_set_id (copy, NULL);
  _lineup_post_set_bookkeeping (copy, 0, 0, 0, 0);
  _lineup_post_set_stage (copy, LINEUP_STAGE_DRAFT);
  lineup_post_set_scheduled_at (copy, lineup_store_local_to_utc (self, date, minutes));
  lineup_post_set_evergreen (copy, NULL);   /* a duplicate is a post of its own */

  if (!lineup_store_add_post (self, copy, error))
    return NULL;
  return g_steal_pointer (&copy);
}

gboolean
lineup_store_set_stage (LineupStore  *self,
                        const char   *id,
                        LineupStage   stage,
                        const char   *actor,
                        const char   *comment,
                        GError      **error)
{
  g_autoptr(LineupPost) current = NULL;
  g_autoptr(LineupPost) changed = NULL;
  g_autofree char *label = NULL;
  gint64 now = _lineup_store_now_seconds ();

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  if ((guint) stage >= LINEUP_N_STAGES)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("Unknown stage: expected one of %s"), lineup_stage_list_keys ());
      return FALSE;
    }
  if (actor != NULL && !_lineup_store_check_name (_("The person’s name"), actor, error))
    return FALSE;
  if (!_lineup_store_check_text (_("The comment"), comment, LINEUP_FIELD_MAX_CHARS, error))
    return FALSE;

  current = find_live_post (self, id, error);
  if (current == NULL)
    return FALSE;
  if (lineup_post_get_stage (current) == stage)
    return TRUE;

  changed = lineup_post_copy (current);
  _lineup_post_set_stage (changed, stage);
  _lineup_post_set_bookkeeping (changed,
                                lineup_post_get_created_at (current), now,
                                lineup_post_get_revision (current), 0);

  label = quoted_label (_("Change the stage of “%s”"), current);
  if (!_lineup_store_begin_operation (self, label, error))
    return FALSE;
  if (!_lineup_store_write_post_row (self, changed, error) ||
      !_lineup_store_write_history (self, lineup_post_get_id (current),
                      lineup_post_get_stage (current), stage,
                      actor, comment, now, error))
    return _lineup_store_end_operation (self, FALSE, NULL);
  _lineup_store_record_post_change (self, current, changed);
  return _lineup_store_end_operation (self, TRUE, error);
}

gboolean
lineup_store_delete_post (LineupStore  *self,
                          const char   *id,
                          GError      **error)
{
  g_autoptr(LineupPost) current = NULL;
  g_autoptr(LineupPost) changed = NULL;
  g_autofree char *label = NULL;
  gint64 now = _lineup_store_now_seconds ();

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  current = find_live_post (self, id, error);
  if (current == NULL)
    return FALSE;

  changed = lineup_post_copy (current);
  _lineup_post_set_bookkeeping (changed,
                                lineup_post_get_created_at (current), now,
                                lineup_post_get_revision (current), now);

  label = quoted_label (_("Delete “%s”"), current);
  return commit_post_change (self, current, changed, label, error);
}

void
lineup_stage_change_free (LineupStageChange *change)
{
  if (change == NULL)
    return;
  g_free (change->actor);
  g_free (change->comment);
  g_free (change);
}

GPtrArray *
lineup_store_get_history (LineupStore  *self,
                          const char   *id,
                          GError      **error)
{
  static const char sql[] =
    "SELECT at, from_stage, to_stage, actor, comment, kind FROM stage_history "
    "WHERE post_id = ? ORDER BY id";
  g_autoptr(LineupPost) post = NULL;
  g_autoptr(GPtrArray) history = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);

  post = find_live_post (self, id, error);
  if (post == NULL)
    return NULL;
  stmt = _lineup_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  history = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_stage_change_free);
  sqlite3_bind_text (stmt, 1, lineup_post_get_id (post), -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LineupStageChange *change = g_new0 (LineupStageChange, 1);

      change->at = sqlite3_column_int64 (stmt, 0);
      change->from_stage = sqlite3_column_type (stmt, 1) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 1);
      change->to_stage = sqlite3_column_int (stmt, 2);
      change->actor = g_strdup (_lineup_store_column_text (stmt, 3));
      change->comment = g_strdup (_lineup_store_column_text (stmt, 4));
      if (!lineup_history_kind_from_key (_lineup_store_column_text (stmt, 5), &change->kind))
        change->kind = LINEUP_HISTORY_STAGE;
      g_ptr_array_add (history, change);
    }
  _lineup_store_finish (stmt);
  if (rc != SQLITE_DONE)
    {
      _lineup_store_sqlite_error (self, error, _("read the history"));
      return NULL;
    }
  return g_steal_pointer (&history);
}
