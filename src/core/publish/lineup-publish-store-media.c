/* lineup-publish-store-media.c: the media of posts on the servers.
 *
 * The SQL of the remote_media table (lineup-publish-store.h): which
 * Mastodon media ids a post's files were uploaded as for an account, so a
 * status made again uses them again; which of them the status the server
 * holds has, with the descriptions it has, so an alt text edit is sent as
 * new descriptions. No network, no decisions about what to send.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-publish-store.h"
#include "lineup-store-publish.h"
#include "lineup-store-media.h"

void
lineup_remote_medium_free (LineupRemoteMedium *medium)
{
  if (medium == NULL)
    return;
  g_free (medium->media_id);
  g_free (medium->sha256);
  g_free (medium->alt);
  g_free (medium);
}

/* The rows of a post on an account: with @attached_only those of the
 * server's status in its order, else every known id, the status's first. */
static GPtrArray *
read_rows (LineupStore  *self,
           const char   *post_id,
           const char   *account_id,
           gboolean      attached_only,
           GError      **error)
{
  static const char attached_sql[] =
    "SELECT media_id, sha256, alt FROM remote_media WHERE post_id = ? AND account_id = ? AND attached = 1 "
    "ORDER BY position, id";
  static const char known_sql[] =
    "SELECT media_id, sha256, alt FROM remote_media WHERE post_id = ? AND account_id = ? "
    "AND media_id IS NOT NULL ORDER BY attached DESC, position, id";
  sqlite3_stmt *stmt = _lineup_store_prepare (self, attached_only ? attached_sql : known_sql, error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_remote_medium_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, post_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, account_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LineupRemoteMedium *row = g_new0 (LineupRemoteMedium, 1);

      row->media_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      row->sha256 = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      row->alt = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      g_ptr_array_add (rows, row);
    }
  _lineup_store_finish (stmt);
  if (rc != SQLITE_DONE)
    {
      _lineup_store_sqlite_error (self, error, _("read the post’s media on the server"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

GStrv
_lineup_publish_known_media_ids (LineupStore *self,
                                 const char  *post_id,
                                 const char  *account_id,
                                 GPtrArray   *media)
{
  g_autoptr(GPtrArray) rows = read_rows (self, post_id, account_id, FALSE, NULL);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();

  for (guint i = 0; media && i < media->len; i++)
    {
      LineupMedium *medium = g_ptr_array_index (media, i);
      const char *alt = medium->alt ? medium->alt : "";
      gboolean found = FALSE;

      for (guint r = 0; rows && r < rows->len; r++)
        {
          LineupRemoteMedium *row = g_ptr_array_index (rows, r);

          if (row->media_id && g_strcmp0 (row->sha256, medium->sha256) == 0 && g_strcmp0 (row->alt, alt) == 0)
            {
              found = TRUE;
              g_strv_builder_add (ids, row->media_id);
              g_ptr_array_remove_index (rows, r);   /* never the same id twice */
              break;
            }
        }
      if (!found)
        g_strv_builder_add (ids, "");
    }
  return g_strv_builder_end (ids);
}

GPtrArray *
_lineup_publish_alt_changes (LineupStore  *self,
                             const char   *post_id,
                             const char   *account_id,
                             gboolean     *out_changed,
                             GError      **error)
{
  g_autoptr(GPtrArray) rows = read_rows (self, post_id, account_id, TRUE, error);
  g_autoptr(GPtrArray) media = NULL;
  g_autoptr(GPtrArray) updates = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_media_update_free);

  *out_changed = FALSE;
  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    return g_steal_pointer (&updates);
  if ((media = lineup_store_get_post_media (self, post_id, error)) == NULL)
    return NULL;
  if (media->len != rows->len)
    {
      *out_changed = TRUE;
      return g_steal_pointer (&updates);
    }
  for (guint i = 0; i < media->len; i++)
    {
      LineupMedium *medium = g_ptr_array_index (media, i);
      LineupRemoteMedium *row = g_ptr_array_index (rows, i);
      LineupMediaUpdate *update;

      if (g_strcmp0 (medium->sha256, row->sha256) != 0)
        {
          *out_changed = TRUE;
          g_ptr_array_set_size (updates, 0);
          break;
        }
      if (g_strcmp0 (medium->alt ? medium->alt : "", row->alt) == 0)
        continue;
      update = g_new0 (LineupMediaUpdate, 1);
      update->media_id = g_strdup (row->media_id);
      update->description = g_strdup (medium->alt ? medium->alt : "");
      update->index = i;
      g_ptr_array_add (updates, update);
    }
  return g_steal_pointer (&updates);
}

GPtrArray *
_lineup_publish_listed_media (LineupStore *self,
                              const char  *post_id,
                              GStrv        ids,
                              GStrv        descriptions)
{
  g_autoptr(GPtrArray) media = lineup_store_get_post_media (self, post_id, NULL);
  GPtrArray *rows;
  guint n = ids ? g_strv_length (ids) : 0;

  if (media == NULL || media->len != n || (descriptions ? g_strv_length (descriptions) : 0) != n)
    return NULL;
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_remote_medium_free);
  for (guint i = 0; i < n; i++)
    {
      LineupMedium *medium = g_ptr_array_index (media, i);
      LineupRemoteMedium *row = g_new0 (LineupRemoteMedium, 1);

      row->media_id = g_strdup (ids[i]);
      row->sha256 = g_strdup (medium->sha256);
      row->alt = g_strdup (descriptions[i]);
      g_ptr_array_add (rows, row);
    }
  return rows;
}

static gboolean
run (LineupStore  *self,
     const char   *sql,
     const char   *post_id,
     const char   *account_id,
     const char   *media_id,
     const char   *sha256,
     const char   *alt,
     gint64        number,
     GError      **error)
{
  sqlite3_stmt *stmt = _lineup_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, post_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, account_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, media_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, alt, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, number);
  sqlite3_bind_int64 (stmt, 7, g_get_real_time () / G_USEC_PER_SEC);
  return _lineup_store_step_done (self, stmt, _("save the post’s media on the server"), error);
}

gboolean
_lineup_publish_record_media (LineupStore             *self,
                              const char              *post_id,
                              const char              *account_id,
                              LineupRemoteMediaChange  change,
                              GPtrArray               *media,
                              const char * const      *forget,
                              GError                 **error)
{
  /* Parameters: ?1 post, ?2 account, ?3 media id, ?4 sha256, ?5 alt, ?6 position, ?7 now. */
  static const char forget_sql[] =
    "DELETE FROM remote_media WHERE post_id = ?1 AND account_id = ?2 AND media_id = ?3";
  static const char unknown_sql[] =
    "UPDATE remote_media SET media_id = NULL WHERE post_id = ?1 AND account_id = ?2 AND media_id = ?3";
  static const char upload_sql[] =
    "INSERT INTO remote_media (post_id, account_id, media_id, sha256, alt, position, attached, uploaded_at) "
    "SELECT ?1, ?2, ?3, ?4, ?5, ?6, 0, ?7 WHERE NOT EXISTS (SELECT 1 FROM remote_media "
    "  WHERE post_id = ?1 AND account_id = ?2 AND media_id = ?3)";
  static const char clear_sql[] = "DELETE FROM remote_media WHERE post_id = ?1 AND account_id = ?2";
  static const char attach_sql[] =
    "INSERT INTO remote_media (post_id, account_id, media_id, sha256, alt, position, attached, uploaded_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7)";
  static const char drop_unknown_sql[] =
    "DELETE FROM remote_media WHERE post_id = ?1 AND account_id = ?2 AND media_id IS NULL";
  static const char release_sql[] =
    "UPDATE remote_media SET attached = 0 WHERE post_id = ?1 AND account_id = ?2";
  static const char describe_sql[] =
    "UPDATE remote_media SET alt = ?5 WHERE post_id = ?1 AND account_id = ?2 AND media_id = ?3";

  switch (change)
    {
    case LINEUP_REMOTE_MEDIA_KEEP:
      return TRUE;
    case LINEUP_REMOTE_MEDIA_UPLOADED:
      for (guint i = 0; forget && forget[i]; i++)
        if (!run (self, forget_sql, post_id, account_id, forget[i], NULL, NULL, 0, error))
          return FALSE;
      for (guint i = 0; media && i < media->len; i++)
        {
          LineupRemoteMedium *medium = g_ptr_array_index (media, i);

          if (!run (self, upload_sql, post_id, account_id, medium->media_id, medium->sha256, medium->alt, i, error))
            return FALSE;
        }
      return TRUE;
    case LINEUP_REMOTE_MEDIA_ATTACHED:
      if (!run (self, clear_sql, post_id, account_id, NULL, NULL, NULL, 0, error))
        return FALSE;
      for (guint i = 0; media && i < media->len; i++)
        {
          LineupRemoteMedium *medium = g_ptr_array_index (media, i);

          if (!run (self, attach_sql, post_id, account_id, medium->media_id, medium->sha256, medium->alt, i, error))
            return FALSE;
        }
      return TRUE;
    case LINEUP_REMOTE_MEDIA_RELEASED:
      return run (self, drop_unknown_sql, post_id, account_id, NULL, NULL, NULL, 0, error) &&
             run (self, release_sql, post_id, account_id, NULL, NULL, NULL, 0, error);
    case LINEUP_REMOTE_MEDIA_DESCRIBED:
      for (guint i = 0; media && i < media->len; i++)
        {
          LineupRemoteMedium *medium = g_ptr_array_index (media, i);

          if (!run (self, describe_sql, post_id, account_id, medium->media_id, NULL, medium->alt, 0, error))
            return FALSE;
        }
      for (guint i = 0; forget && forget[i]; i++)
        if (!run (self, unknown_sql, post_id, account_id, forget[i], NULL, NULL, 0, error))
          return FALSE;
      return TRUE;
    default:
      g_return_val_if_reached (FALSE);
    }
}
