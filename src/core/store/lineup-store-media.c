/* lineup-store-media.c: the media of a plan's posts: the media folder
 * beside the database, a post's ordered list of media with their alt text
 * and subtitles, each change one undo step, and cleaning the folder
 * (lineup-store-media.h).
 *
 * Undo restores the post_media table with the catalog snapshot
 * (lineup-store-undo.c); the media table only grows (one row a file) until
 * lineup_store_clean_media().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <sqlite3.h>

#include "lineup-store-private.h"
#include "lineup-store-media.h"

/* ---- the folder ---- */

char *
lineup_store_get_media_folder (LineupStore *self)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  return g_strconcat (self->path, ".media", NULL);
}

char *
lineup_store_get_media_file (LineupStore *self,
                             const char  *sha256,
                             const char  *mime_type)
{
  g_autofree char *folder = lineup_store_get_media_folder (self);
  const char *extension = lineup_media_extension_for (mime_type);
  g_autofree char *name = g_strconcat (sha256, extension ? "." : "", extension ? extension : "", NULL);

  return g_build_filename (folder, name, NULL);
}

gboolean
lineup_store_has_media_file (LineupStore *self,
                             const char  *sha256,
                             const char  *mime_type)
{
  g_autofree char *file = lineup_store_get_media_file (self, sha256, mime_type);

  return g_file_test (file, G_FILE_TEST_IS_REGULAR);
}

gboolean
lineup_store_write_media_file (LineupStore  *self,
                               const char   *sha256,
                               const char   *mime_type,
                               const char   *name,
                               GBytes       *data,
                               GError      **error)
{
  g_autofree char *folder = lineup_store_get_media_folder (self);
  g_autofree char *target = lineup_store_get_media_file (self, sha256, mime_type);
  g_autofree char *actual = NULL;
  gsize length = 0;
  const guint8 *bytes = g_bytes_get_data (data, &length);

  actual = g_compute_checksum_for_data (G_CHECKSUM_SHA256, bytes ? bytes : (const guint8 *) "", length);
  if (g_ascii_strcasecmp (actual, sha256) != 0)
    {
      g_set_error (error, LINEUP_MEDIA_ERROR, LINEUP_MEDIA_ERROR_DAMAGED,
                   _("The server’s copy of “%s” is not the file the post names (its SHA-256 differs): "
                     "it was not saved; whoever attached it can attach it again"), name ? name : sha256);
      return FALSE;
    }
  if (g_file_test (target, G_FILE_TEST_IS_REGULAR))
    return TRUE;
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not make the media folder %s: %s"), folder, g_strerror (saved));
      return FALSE;
    }
  /* g_file_set_contents () writes a temporary file and renames it: the
   * folder never holds half a file under a hash. */
  return g_file_set_contents_full (target, (const char *) (bytes ? bytes : (const guint8 *) ""), (gssize) length,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

/* Copies @path into the media folder as @sha256's file, unless it is
 * there already: through a temporary name, so the folder never holds half
 * a file under a hash. */
static gboolean
store_file (LineupStore  *self,
            const char   *path,
            const char   *sha256,
            const char   *mime_type,
            GError      **error)
{
  g_autofree char *folder = lineup_store_get_media_folder (self);
  g_autofree char *target = lineup_store_get_media_file (self, sha256, mime_type);
  g_autofree char *temporary = NULL;
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) copy = NULL;
  g_autoptr(GError) local = NULL;

  if (g_file_test (target, G_FILE_TEST_IS_REGULAR))
    return TRUE;
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_IO,
                   _("Could not create the plan’s media folder “%s”: %s. Check that its folder is writable."),
                   folder, g_strerror (saved_errno));
      return FALSE;
    }
  temporary = g_strdup_printf ("%s.part-%d", target, (int) getpid ());
  source = g_file_new_for_path (path);
  copy = g_file_new_for_path (temporary);
  if (!g_file_copy (source, copy, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &local) ||
      g_rename (temporary, target) != 0)
    {
      g_autofree char *name = g_path_get_basename (path);

      g_unlink (temporary);
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_IO,
                   _("Could not copy “%s” into the plan’s media folder “%s”: %s. Check the free space and that the folder is writable."),
                   name, folder, local ? local->message : g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

/* ---- reading ---- */

static LineupMedium *
medium_from_row (sqlite3_stmt *stmt,
                 int           first)
{
  LineupMedium *medium = g_new0 (LineupMedium, 1);
  const char *mime = _lineup_store_column_text (stmt, first + 1);

  medium->sha256 = g_strdup (_lineup_store_column_text (stmt, first));
  medium->mime_type = g_strdup (mime ? mime : "application/octet-stream");
  medium->kind = g_strcmp0 (_lineup_store_column_text (stmt, first + 2), "video") == 0 ? LINEUP_MEDIA_VIDEO
                                                                                       : LINEUP_MEDIA_IMAGE;
  medium->size = sqlite3_column_int64 (stmt, first + 3);
  medium->width = sqlite3_column_int (stmt, first + 4);
  medium->height = sqlite3_column_int (stmt, first + 5);
  medium->duration_ms = sqlite3_column_int64 (stmt, first + 6);
  medium->alt = g_strdup (_lineup_store_column_text (stmt, first + 7));
  medium->subtitles = g_strdup (_lineup_store_column_text (stmt, first + 8));
  medium->subtitles_mime = g_strdup (_lineup_store_column_text (stmt, first + 9));
  medium->no_subtitles_needed = sqlite3_column_int (stmt, first + 10) != 0;
  medium->name = g_strdup (_lineup_store_column_text (stmt, first + 11));
  return medium;
}

#define MEDIUM_COLUMNS \
  "pm.sha256, m.mime, m.kind, m.size, m.width, m.height, m.duration_ms, pm.alt, " \
  "pm.subtitles, s.mime, pm.no_subtitles, pm.name FROM post_media pm " \
  "LEFT JOIN media m ON m.sha256 = pm.sha256 LEFT JOIN media s ON s.sha256 = pm.subtitles "

GHashTable *
lineup_store_get_all_media (LineupStore *self)
{
  static const char sql[] = "SELECT pm.post_id, " MEDIUM_COLUMNS "ORDER BY pm.post_id, pm.position, pm.id";
  GHashTable *all = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), all);

  if ((stmt = _lineup_store_prepare (self, sql, NULL)) == NULL)
    return all;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *post_id = _lineup_store_column_text (stmt, 0);
      GPtrArray *media = g_hash_table_lookup (all, post_id);

      if (media == NULL)
        {
          media = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_medium_free);
          g_hash_table_insert (all, g_strdup (post_id), media);
        }
      g_ptr_array_add (media, medium_from_row (stmt, 1));
    }
  _lineup_store_finish (stmt);
  return all;
}

void
lineup_media_summary_free (LineupMediaSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->sha256);
  g_free (summary->mime_type);
  g_free (summary);
}

GHashTable *
lineup_store_get_media_summaries (LineupStore *self)
{
  /* The first medium by position and each post's counts, in one pass. */
  static const char sql[] =
    "SELECT pm.post_id, pm.sha256, m.mime, m.kind, c.n, c.videos FROM post_media pm "
    "JOIN (SELECT p.post_id, min(p.position) AS first, count(*) AS n, "
    "      sum(coalesce(v.kind = 'video', 0)) AS videos "
    "      FROM post_media p LEFT JOIN media v ON v.sha256 = p.sha256 GROUP BY p.post_id) c "
    "  ON c.post_id = pm.post_id AND c.first = pm.position "
    "LEFT JOIN media m ON m.sha256 = pm.sha256 ORDER BY pm.post_id, pm.id";
  GHashTable *all = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) lineup_media_summary_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), all);

  if ((stmt = _lineup_store_prepare (self, sql, NULL)) == NULL)
    return all;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *post_id = _lineup_store_column_text (stmt, 0);
      const char *mime = _lineup_store_column_text (stmt, 2);
      LineupMediaSummary *summary;

      /* Two media at one position: the first added wins, as in the list. */
      if (g_hash_table_contains (all, post_id))
        continue;
      summary = g_new0 (LineupMediaSummary, 1);
      summary->sha256 = g_strdup (_lineup_store_column_text (stmt, 1));
      summary->mime_type = g_strdup (mime ? mime : "application/octet-stream");
      summary->kind = g_strcmp0 (_lineup_store_column_text (stmt, 3), "video") == 0 ? LINEUP_MEDIA_VIDEO
                                                                                  : LINEUP_MEDIA_IMAGE;
      summary->count = (guint) sqlite3_column_int (stmt, 4);
      summary->videos = (guint) sqlite3_column_int (stmt, 5);
      g_hash_table_insert (all, g_strdup (post_id), summary);
    }
  _lineup_store_finish (stmt);
  return all;
}

GPtrArray *
lineup_store_get_post_media (LineupStore  *self,
                             const char   *post_id,
                             GError      **error)
{
  static const char sql[] = "SELECT " MEDIUM_COLUMNS "WHERE pm.post_id = ? ORDER BY pm.position, pm.id";
  g_autoptr(GPtrArray) media = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_medium_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  g_return_val_if_fail (post_id != NULL, NULL);

  if ((stmt = _lineup_store_prepare (self, sql, error)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, post_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (media, medium_from_row (stmt, 0));
  _lineup_store_finish (stmt);
  if (rc != SQLITE_DONE)
    {
      _lineup_store_sqlite_error (self, error, _("read the post’s media"));
      return NULL;
    }
  return g_steal_pointer (&media);
}

/* ---- changes ---- */

typedef enum {
  CHANGE_LIST,        /* attach, detach, reorder: what approvers approved */
  CHANGE_DESCRIPTION, /* alt text, subtitles */
} ChangeKind;

/* The live post @post_id names, if its media may change so; then an
 * operation in progress (end it with _lineup_store_end_operation()) whose
 * undo step restores the post's media. */
static LineupPost *
begin_change (LineupStore  *self,
              const char   *post_id,
              const char   *label,
              ChangeKind    kind,
              GError      **error)
{
  g_autoptr(LineupPost) post = lineup_store_get_post (self, post_id, error);
  LineupStage stage;

  if (post == NULL)
    return NULL;
  stage = lineup_post_get_stage (post);
  if (stage == LINEUP_STAGE_PUBLISHED)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("“%s” is published: its media no longer change. Duplicate it to post them again."),
                   lineup_post_get_title (post));
      return NULL;
    }
  if (kind == CHANGE_LIST && (stage == LINEUP_STAGE_APPROVED || stage == LINEUP_STAGE_SCHEDULED))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("“%s” is %s with the media its approvers saw: move it back to In review (lineup post stage %s in-review) to change them"),
                   lineup_post_get_title (post), lineup_stage_to_label (stage), lineup_post_get_id (post));
      return NULL;
    }
  if (!_lineup_store_begin_operation (self, label, error))
    return NULL;
  if (!_lineup_store_catalog_will_change (self, error))
    {
      _lineup_store_end_operation (self, FALSE, NULL);
      return NULL;
    }
  /* The post's views show its media: they refresh, and a shared plan
   * sends its record again. */
  _lineup_store_queue_signal (self, PENDING_POST, post, post);
  return g_steal_pointer (&post);
}

static gint64
count_media (LineupStore *self,
             const char  *post_id)
{
  static const char sql[] = "SELECT count(*) FROM post_media WHERE post_id = ?";
  sqlite3_stmt *stmt = _lineup_store_prepare (self, sql, NULL);
  gint64 n = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, post_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  _lineup_store_finish (stmt);
  return n;
}

/* The id of the row at @index of the post's media, or 0 with an error
 * that says which numbers there are. */
static gint64
row_at (LineupStore  *self,
        LineupPost   *post,
        guint         index,
        GError      **error)
{
  static const char sql[] = "SELECT id FROM post_media WHERE post_id = ? ORDER BY position, id LIMIT 1 OFFSET ?";
  const char *id = lineup_post_get_id (post);
  sqlite3_stmt *stmt = _lineup_store_prepare (self, sql, error);
  gint64 row = 0;
  gint64 n;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, index);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    row = sqlite3_column_int64 (stmt, 0);
  _lineup_store_finish (stmt);
  if (row != 0)
    return row;
  n = count_media (self, id);
  if (n == 0)
    g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND,
                 _("“%s” has no media: attach some first (lineup post attach %s FILE…)"),
                 lineup_post_get_title (post), id);
  else if (n == 1)
    g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND,
                 _("“%s” has one medium: give the number 1 (see lineup post media %s)"),
                 lineup_post_get_title (post), id);
  else
    g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND,
                 _("“%s” has %u media: give a number from 1 to %u (see lineup post media %s)"),
                 lineup_post_get_title (post), (guint) n, (guint) n, id);
  return 0;
}

/* Numbers the post's media 0, 1, 2… in their order. */
static gboolean
renumber (LineupStore  *self,
          const char   *post_id,
          GError      **error)
{
  static const char sql[] =
    "UPDATE post_media SET position = (SELECT count(*) FROM post_media o WHERE o.post_id = post_media.post_id "
    "AND (o.position < post_media.position OR (o.position = post_media.position AND o.id < post_media.id))) "
    "WHERE post_id = ?";
  sqlite3_stmt *stmt = _lineup_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, post_id, -1, SQLITE_STATIC);
  return _lineup_store_step_done (self, stmt, _("save the post’s media"), error);
}

static gboolean
record_file (LineupStore         *self,
             const LineupMedium  *medium,
             const char          *kind,
             GError             **error)
{
  static const char sql[] =
    "INSERT OR IGNORE INTO media (sha256, mime, kind, size, width, height, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?)";
  sqlite3_stmt *stmt = _lineup_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, medium->sha256, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, medium->mime_type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, medium->size);
  sqlite3_bind_int (stmt, 5, medium->width);
  sqlite3_bind_int (stmt, 6, medium->height);
  sqlite3_bind_int64 (stmt, 7, medium->duration_ms);
  return _lineup_store_step_done (self, stmt, _("save the post’s media"), error);
}

gboolean
lineup_store_attach_probed_media (LineupStore         *self,
                                  const char          *post_id,
                                  const char * const  *paths,
                                  GPtrArray           *media,
                                  const char          *alt,
                                  GError             **error)
{
  static const char insert_sql[] =
    "INSERT INTO post_media (post_id, position, sha256, alt, name) "
    "VALUES (?1, (SELECT count(*) FROM post_media WHERE post_id = ?1), ?2, ?3, ?4)";
  g_autoptr(LineupPost) post = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  g_return_val_if_fail (paths != NULL && media != NULL, FALSE);
  g_return_val_if_fail (g_strv_length ((char **) paths) == media->len, FALSE);

  if (media->len == 0)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("Name at least one file to attach: an image (PNG, JPEG, WebP, GIF) or a video (MP4, MOV, WebM)"));
      return FALSE;
    }
  if ((text = lineup_media_check_alt (alt, error)) == NULL)
    return FALSE;
  if ((post = begin_change (self, post_id, _("Attach media"), CHANGE_LIST, error)) == NULL)
    return FALSE;
  /* A copy left by a failed transaction is removed by the next clean. */
  for (guint i = 0; i < media->len; i++)
    {
      LineupMedium *medium = g_ptr_array_index (media, i);
      sqlite3_stmt *stmt;

      if (!store_file (self, paths[i], medium->sha256, medium->mime_type, error) ||
          !record_file (self, medium, lineup_media_kind_to_key (medium->kind), error) ||
          (stmt = _lineup_store_prepare (self, insert_sql, error)) == NULL)
        return _lineup_store_end_operation (self, FALSE, NULL);
      sqlite3_bind_text (stmt, 1, lineup_post_get_id (post), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, medium->sha256, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, text, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, medium->name, -1, SQLITE_STATIC);
      if (!_lineup_store_step_done (self, stmt, _("save the post’s media"), error))
        return _lineup_store_end_operation (self, FALSE, NULL);
    }
  return _lineup_store_end_operation (self, TRUE, error);
}

gboolean
lineup_store_attach_media (LineupStore         *self,
                           const char          *post_id,
                           const char * const  *paths,
                           const char          *alt,
                           GError             **error)
{
  g_autoptr(GPtrArray) media = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_medium_free);
  g_autoptr(LineupPost) checked = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  g_return_val_if_fail (paths != NULL, FALSE);

  if (paths[0] == NULL)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("Name at least one file to attach: an image (PNG, JPEG, WebP, GIF) or a video (MP4, MOV, WebM)"));
      return FALSE;
    }
  if ((text = lineup_media_check_alt (alt, error)) == NULL)
    return FALSE;
  /* The post first, so a wrong id is said before any file is read. */
  if ((checked = lineup_store_get_post (self, post_id, error)) == NULL)
    return FALSE;
  /* Every file is read before the plan changes: one refused file refuses
   * them all. */
  for (guint i = 0; paths[i]; i++)
    {
      LineupMedium *medium = lineup_media_probe (paths[i], error);

      if (medium == NULL)
        return FALSE;
      g_ptr_array_add (media, medium);
    }
  return lineup_store_attach_probed_media (self, lineup_post_get_id (checked), paths, media, text, error);
}

gboolean
lineup_store_detach_medium (LineupStore  *self,
                            const char   *post_id,
                            guint         index,
                            GError      **error)
{
  static const char sql[] = "DELETE FROM post_media WHERE id = ?";
  g_autoptr(LineupPost) post = NULL;
  sqlite3_stmt *stmt;
  gint64 row;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  if ((post = begin_change (self, post_id, _("Detach a medium"), CHANGE_LIST, error)) == NULL)
    return FALSE;
  if ((row = row_at (self, post, index, error)) == 0 || (stmt = _lineup_store_prepare (self, sql, error)) == NULL)
    return _lineup_store_end_operation (self, FALSE, NULL);
  sqlite3_bind_int64 (stmt, 1, row);
  if (!_lineup_store_step_done (self, stmt, _("save the post’s media"), error) ||
      !renumber (self, lineup_post_get_id (post), error))
    return _lineup_store_end_operation (self, FALSE, NULL);
  return _lineup_store_end_operation (self, TRUE, error);
}

gboolean
lineup_store_move_medium (LineupStore  *self,
                          const char   *post_id,
                          guint         from,
                          guint         to,
                          GError      **error)
{
  /* Positions are 0…n-1 (renumber()): the medium takes @to, the ones in
   * between move by one toward where it was. */
  static const char shift_sql[] =
    "UPDATE post_media SET position = position + CASE WHEN ?2 < ?3 THEN -1 ELSE 1 END "
    "WHERE post_id = ?1 AND position BETWEEN min(?2, ?3) AND max(?2, ?3) AND id <> ?4";
  static const char place_sql[] = "UPDATE post_media SET position = ?2 WHERE id = ?1";
  g_autoptr(LineupPost) post = NULL;
  sqlite3_stmt *stmt;
  gint64 row, n;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  if ((post = begin_change (self, post_id, _("Reorder media"), CHANGE_LIST, error)) == NULL)
    return FALSE;
  if ((row = row_at (self, post, from, error)) == 0 || !renumber (self, lineup_post_get_id (post), error))
    return _lineup_store_end_operation (self, FALSE, NULL);
  n = count_media (self, lineup_post_get_id (post));
  if (to >= n)
    {
      if (n == 1)
        g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                     _("“%s” has one medium: there is nothing to reorder"), lineup_post_get_title (post));
      else
        g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                     _("“%s” has %u media: move it to a place from 1 to %u"),
                     lineup_post_get_title (post), (guint) n, (guint) n);
      return _lineup_store_end_operation (self, FALSE, NULL);
    }
  if (from == to)
    return _lineup_store_end_operation (self, TRUE, error);
  if ((stmt = _lineup_store_prepare (self, shift_sql, error)) == NULL)
    return _lineup_store_end_operation (self, FALSE, NULL);
  sqlite3_bind_text (stmt, 1, lineup_post_get_id (post), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, from);
  sqlite3_bind_int64 (stmt, 3, to);
  sqlite3_bind_int64 (stmt, 4, row);
  if (!_lineup_store_step_done (self, stmt, _("save the post’s media"), error) ||
      (stmt = _lineup_store_prepare (self, place_sql, error)) == NULL)
    return _lineup_store_end_operation (self, FALSE, NULL);
  sqlite3_bind_int64 (stmt, 1, row);
  sqlite3_bind_int64 (stmt, 2, to);
  if (!_lineup_store_step_done (self, stmt, _("save the post’s media"), error))
    return _lineup_store_end_operation (self, FALSE, NULL);
  return _lineup_store_end_operation (self, TRUE, error);
}

gboolean
lineup_store_set_medium_alt (LineupStore  *self,
                             const char   *post_id,
                             guint         index,
                             const char   *alt,
                             GError      **error)
{
  static const char sql[] = "UPDATE post_media SET alt = ? WHERE id = ?";
  g_autoptr(LineupPost) post = NULL;
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt;
  gint64 row;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  if ((text = lineup_media_check_alt (alt, error)) == NULL)
    return FALSE;
  if ((post = begin_change (self, post_id, _("Edit alt text"), CHANGE_DESCRIPTION, error)) == NULL)
    return FALSE;
  if ((row = row_at (self, post, index, error)) == 0 || (stmt = _lineup_store_prepare (self, sql, error)) == NULL)
    return _lineup_store_end_operation (self, FALSE, NULL);
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, row);
  if (!_lineup_store_step_done (self, stmt, _("save the alt text"), error))
    return _lineup_store_end_operation (self, FALSE, NULL);
  return _lineup_store_end_operation (self, TRUE, error);
}

gboolean
lineup_store_set_medium_subtitles (LineupStore  *self,
                                   const char   *post_id,
                                   guint         index,
                                   const char   *path,
                                   gboolean      none_needed,
                                   GError      **error)
{
  static const char sql[] = "UPDATE post_media SET subtitles = ?, no_subtitles = ? WHERE id = ?";
  g_autoptr(LineupPost) post = NULL;
  g_autoptr(GPtrArray) media = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *mime = NULL;
  LineupMedium *medium;
  sqlite3_stmt *stmt;
  gint64 row;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  if (path && !lineup_media_probe_subtitles (path, &sha256, &mime, error))
    return FALSE;
  if ((post = begin_change (self, post_id, _("Edit subtitles"), CHANGE_DESCRIPTION, error)) == NULL)
    return FALSE;
  if ((row = row_at (self, post, index, error)) == 0 ||
      (media = lineup_store_get_post_media (self, lineup_post_get_id (post), error)) == NULL)
    return _lineup_store_end_operation (self, FALSE, NULL);
  medium = g_ptr_array_index (media, index);
  if (medium->kind != LINEUP_MEDIA_VIDEO)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("Medium %u of “%s” is an image: images take alt text, not subtitles (lineup post alt %s %u TEXT)"),
                   index + 1, lineup_post_get_title (post), lineup_post_get_id (post), index + 1);
      return _lineup_store_end_operation (self, FALSE, NULL);
    }
  if (path)
    {
      LineupMedium file = { .sha256 = sha256, .mime_type = mime, .kind = LINEUP_MEDIA_IMAGE };
      g_autofree char *contents = NULL;
      gsize length = 0;

      g_file_get_contents (path, &contents, &length, NULL);
      file.size = length;
      if (!store_file (self, path, sha256, mime, error) || !record_file (self, &file, "subtitles", error))
        return _lineup_store_end_operation (self, FALSE, NULL);
    }
  if ((stmt = _lineup_store_prepare (self, sql, error)) == NULL)
    return _lineup_store_end_operation (self, FALSE, NULL);
  _lineup_store_bind_text_or_null (stmt, 1, sha256);
  sqlite3_bind_int (stmt, 2, path == NULL && none_needed);
  sqlite3_bind_int64 (stmt, 3, row);
  if (!_lineup_store_step_done (self, stmt, _("save the subtitles"), error))
    return _lineup_store_end_operation (self, FALSE, NULL);
  return _lineup_store_end_operation (self, TRUE, error);
}

/* ---- cleaning ---- */

/* Adds to @named the hashes of the files the plan's posts name, deleted
 * posts included (undo may bring those back): media and subtitles. */
static gboolean
read_named_media (LineupStore  *self,
                  GHashTable   *named,
                  const char   *action,
                  GError      **error)
{
  static const char named_sql[] =
    "SELECT sha256 FROM post_media WHERE post_id IN (SELECT id FROM posts) "
    "UNION SELECT subtitles FROM post_media WHERE subtitles IS NOT NULL AND post_id IN (SELECT id FROM posts)";
  sqlite3_stmt *stmt;
  int rc;

  if ((stmt = _lineup_store_prepare (self, named_sql, error)) == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (named, g_strdup (_lineup_store_column_text (stmt, 0)));
  _lineup_store_finish (stmt);
  if (rc != SQLITE_DONE)
    {
      _lineup_store_sqlite_error (self, error, action);
      return FALSE;
    }
  return TRUE;
}

/* The media folder's files no post names (a file whose stem is not a
 * named hash, and copies an interrupted attach left); with @remove, they
 * are removed, after the records of posts gone for good and of files no
 * row names, and what is named is read in the same transaction. Counting
 * only reads: no transaction, so the store's caches stay. */
static gboolean
unused_media (LineupStore  *self,
              gboolean      remove,
              guint        *out_files,
              gint64       *out_bytes,
              GError      **error)
{
  /* Rows of posts gone for good (a removed pillar takes its deleted posts
   * with it); then the records of files no row names. */
  static const char orphans_sql[] = "DELETE FROM post_media WHERE post_id NOT IN (SELECT id FROM posts)";
  static const char records_sql[] =
    "DELETE FROM media WHERE sha256 NOT IN (SELECT sha256 FROM post_media) "
    "AND sha256 NOT IN (SELECT subtitles FROM post_media WHERE subtitles IS NOT NULL)";
  g_autoptr(GHashTable) named = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *folder = lineup_store_get_media_folder (self);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local = NULL;
  const char *entry;
  sqlite3_stmt *stmt;
  guint files = 0;
  gint64 bytes = 0;

  if (remove)
    {
      /* No undo step: what goes is what nothing can bring back. */
      if (!_lineup_store_begin_operation (self, NULL, error))
        return FALSE;
      if ((stmt = _lineup_store_prepare (self, orphans_sql, error)) == NULL ||
          !_lineup_store_step_done (self, stmt, _("clean the media"), error) ||
          (stmt = _lineup_store_prepare (self, records_sql, error)) == NULL ||
          !_lineup_store_step_done (self, stmt, _("clean the media"), error) ||
          !read_named_media (self, named, _("clean the media"), error))
        return _lineup_store_end_operation (self, FALSE, NULL);
      if (!_lineup_store_end_operation (self, TRUE, error))
        return FALSE;
    }
  else if (!read_named_media (self, named, _("count the media no post uses"), error))
    return FALSE;

  dir = g_dir_open (folder, 0, &local);
  if (dir == NULL)
    {
      if (!g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_IO,
                       _("Could not read the plan’s media folder “%s”: %s"), folder, local->message);
          return FALSE;
        }
    }
  while (dir && (entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *stem = g_strndup (entry, strcspn (entry, "."));
      g_autofree char *path = g_build_filename (folder, entry, NULL);
      GStatBuf st;

      if (g_hash_table_contains (named, stem) && strstr (entry, ".part-") == NULL)
        continue;
      if (g_lstat (path, &st) != 0 || !S_ISREG (st.st_mode))
        continue;
      if (remove && g_unlink (path) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_IO,
                       _("Could not remove “%s” from the plan’s media folder: %s"), path, g_strerror (saved_errno));
          return FALSE;
        }
      files++;
      bytes += st.st_size;
    }
  if (out_files)
    *out_files = files;
  if (out_bytes)
    *out_bytes = bytes;
  return TRUE;
}

gboolean
lineup_store_clean_media (LineupStore  *self,
                          guint        *out_files,
                          gint64       *out_bytes,
                          GError      **error)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  return unused_media (self, TRUE, out_files, out_bytes, error);
}

gboolean
lineup_store_count_unused_media (LineupStore  *self,
                                 guint        *out_files,
                                 gint64       *out_bytes,
                                 GError      **error)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  return unused_media (self, FALSE, out_files, out_bytes, error);
}

/* ---- the checklist ---- */

gboolean
lineup_checklist_text_is_media_item (const char *text)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    return FALSE;
  folded = g_utf8_casefold (text, -1);
  return strstr (folded, "alt text") != NULL || strstr (folded, "alt-text") != NULL;
}

gboolean
lineup_store_media_accessibility (LineupStore  *self,
                                  const char   *post_id,
                                  gboolean     *out_has_media,
                                  gboolean     *out_accessible,
                                  GError      **error)
{
  static const char sql[] =
    "SELECT count(*), coalesce(min(CASE WHEN m.kind = 'video' "
    "THEN pm.subtitles IS NOT NULL OR pm.no_subtitles <> 0 ELSE pm.alt <> '' END), 1) "
    "FROM post_media pm LEFT JOIN media m ON m.sha256 = pm.sha256 WHERE pm.post_id = ?";
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  if ((stmt = _lineup_store_prepare (self, sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, post_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_has_media = sqlite3_column_int64 (stmt, 0) > 0;
      *out_accessible = sqlite3_column_int (stmt, 1) != 0;
    }
  _lineup_store_finish (stmt);
  if (rc != SQLITE_ROW)
    return _lineup_store_sqlite_error (self, error, _("read the post’s media"));
  return TRUE;
}

/* ---- a shared plan's record (docs/sharing.md §3) ---- */

/* A text of a line's field: "=" then the text percent-encoded, so that a
 * line splits on spaces and an empty text is still a field. */
static void
append_text (GString    *line,
             const char *text)
{
  g_autofree char *escaped = g_uri_escape_string (text ? text : "", NULL, FALSE);

  g_string_append_printf (line, " =%s", escaped);
}

void
_lineup_store_media_read_fields (LineupStore       *self,
                                 const char        *post_id,
                                 LineupShareRecord *record)
{
  g_autoptr(GPtrArray) media = lineup_store_get_post_media (self, post_id, NULL);
  g_autoptr(GString) value = g_string_new (NULL);

  /* A post without media has no field: its record is as it always was. */
  for (guint i = 0; media && i < media->len; i++)
    {
      LineupMedium *medium = g_ptr_array_index (media, i);

      if (value->len)
        g_string_append_c (value, '\n');
      g_string_append_printf (value, "%s %s %" G_GINT64_FORMAT " %d %d %" G_GINT64_FORMAT " %d %s %s",
                              medium->sha256, medium->mime_type, medium->size, medium->width, medium->height,
                              medium->duration_ms, medium->no_subtitles_needed ? 1 : 0,
                              medium->subtitles ? medium->subtitles : "-",
                              medium->subtitles_mime ? medium->subtitles_mime : "-");
      append_text (value, medium->name);
      append_text (value, medium->alt);
    }
  lineup_share_record_set (record, "media", value->len ? value->str : NULL);
}

static gboolean
is_hash (const char *text)
{
  if (strlen (text) != 64)
    return FALSE;
  for (const char *c = text; *c; c++)
    if (!g_ascii_isxdigit (*c) || g_ascii_isupper (*c))
      return FALSE;
  return TRUE;
}

static char *
line_text (const char *field)
{
  return field[0] == '=' ? g_uri_unescape_string (field + 1, NULL) : NULL;
}

gboolean
_lineup_store_media_write_fields (LineupStore  *self,
                                  const char   *post_id,
                                  const char   *value,
                                  GError      **error)
{
  static const char clear_sql[] = "DELETE FROM post_media WHERE post_id = ?";
  static const char insert_sql[] =
    "INSERT INTO post_media (post_id, position, sha256, alt, subtitles, no_subtitles, name) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)";
  g_auto(GStrv) lines = g_strsplit (value ? value : "", "\n", -1);
  g_autoptr(GPtrArray) media = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_medium_free);
  g_autoptr(GPtrArray) current = NULL;
  gboolean same;
  sqlite3_stmt *stmt;

  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], " ", -1);
      g_autoptr(LineupMedium) medium = g_new0 (LineupMedium, 1);

      if (*lines[i] == '\0')
        continue;
      /* A later Lineup may add fields at the end of a line: they are left. */
      if (g_strv_length (f) < 11 || !is_hash (f[0]) || lineup_media_extension_for (f[1]) == NULL ||
          (!g_str_equal (f[7], "-") && !is_hash (f[7])) ||
          (medium->name = line_text (f[9])) == NULL || (medium->alt = line_text (f[10])) == NULL ||
          !g_utf8_validate (medium->name, -1, NULL) || !g_utf8_validate (medium->alt, -1, NULL))
        {
          g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                       _("The shared plan’s record of post %s has a media line Lineup cannot read (line %u): "
                         "it was written by another program; edit the post in Lineup to write it again"),
                       post_id, i + 1);
          return FALSE;
        }
      medium->sha256 = g_strdup (f[0]);
      medium->mime_type = g_strdup (f[1]);
      medium->kind = g_str_has_prefix (f[1], "video/") ? LINEUP_MEDIA_VIDEO : LINEUP_MEDIA_IMAGE;
      medium->size = g_ascii_strtoll (f[2], NULL, 10);
      medium->width = (int) g_ascii_strtoll (f[3], NULL, 10);
      medium->height = (int) g_ascii_strtoll (f[4], NULL, 10);
      medium->duration_ms = g_ascii_strtoll (f[5], NULL, 10);
      medium->no_subtitles_needed = g_str_equal (f[6], "1");
      medium->subtitles = g_str_equal (f[7], "-") ? NULL : g_strdup (f[7]);
      medium->subtitles_mime = g_str_equal (f[8], "-") ? NULL : g_strdup (f[8]);
      g_ptr_array_add (media, g_steal_pointer (&medium));
    }

  if ((current = lineup_store_get_post_media (self, post_id, error)) == NULL)
    return FALSE;
  same = current->len == media->len;
  for (guint i = 0; same && i < media->len; i++)
    {
      LineupMedium *a = g_ptr_array_index (current, i), *b = g_ptr_array_index (media, i);

      same = g_str_equal (a->sha256, b->sha256) && g_strcmp0 (a->alt, b->alt) == 0 &&
             g_strcmp0 (a->subtitles, b->subtitles) == 0 && a->no_subtitles_needed == b->no_subtitles_needed &&
             g_strcmp0 (a->name, b->name) == 0;
    }
  if (same)
    return TRUE;

  /* The list as the record says; the files' records (their bytes come as
   * resources of their own, lineup-share-media.c). Undo steps that would
   * restore this post's media over the server's are dropped. */
  _lineup_store_drop_catalog_steps (self);
  if ((stmt = _lineup_store_prepare (self, clear_sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, post_id, -1, SQLITE_STATIC);
  if (!_lineup_store_step_done (self, stmt, _("save the post’s media"), error))
    return FALSE;
  for (guint i = 0; i < media->len; i++)
    {
      LineupMedium *medium = g_ptr_array_index (media, i);

      if (!record_file (self, medium, lineup_media_kind_to_key (medium->kind), error))
        return FALSE;
      if (medium->subtitles)
        {
          LineupMedium file = { .sha256 = medium->subtitles,
                                .mime_type = medium->subtitles_mime ? medium->subtitles_mime : (char *) "text/vtt" };

          if (!record_file (self, &file, "subtitles", error))
            return FALSE;
        }
      if ((stmt = _lineup_store_prepare (self, insert_sql, error)) == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, post_id, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, i);
      sqlite3_bind_text (stmt, 3, medium->sha256, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, medium->alt, -1, SQLITE_STATIC);
      _lineup_store_bind_text_or_null (stmt, 5, medium->subtitles);
      sqlite3_bind_int (stmt, 6, medium->no_subtitles_needed);
      sqlite3_bind_text (stmt, 7, medium->name, -1, SQLITE_STATIC);
      if (!_lineup_store_step_done (self, stmt, _("save the post’s media"), error))
        return FALSE;
    }
  return TRUE;
}
