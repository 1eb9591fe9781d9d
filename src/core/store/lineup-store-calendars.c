/* lineup-store-calendars.c: calendar rows: saved feeds with their items and
 * results, and overlay calendars. The iCalendar work itself is in
 * src/core/calendar.
 *
 * An address with a user name or password in it is refused; one a plan
 * saved before that rule is read without them (and says so on the row),
 * and leaves the file at the row's next result.
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
#include "lineup-address.h"

/* ---- feeds ---- */

void
lineup_feed_free (LineupFeed *feed)
{
  if (feed == NULL)
    return;
  g_free (feed->name);
  g_free (feed->target);
  g_free (feed->username);
  g_strfreev (feed->filter);
  g_free (feed->privacy);
  g_free (feed->etag);
  g_free (feed->last_error);
  g_free (feed);
}

const char *
lineup_feed_kind_to_key (LineupFeedKind kind)
{
  switch (kind)
    {
    case LINEUP_FEED_WEBDAV: return "webdav";
    case LINEUP_FEED_CALDAV: return "caldav";
    case LINEUP_FEED_FILE:
    default: return "file";
    }
}

#define FEED_COLUMNS "name, kind, target, username, filter, days_back, days_ahead, privacy, duration, " \
                     "refresh, local_time, auto_publish, etag, last_at, last_items, last_error"

/* An address a plan saved with a user name or password in it is read
 * without them, and @last_error starts with @note. Returns the address as
 * stored (for its user), or NULL if it had none. */
static char *
hide_stored_userinfo (char       **address,
                      char       **last_error,
                      const char  *note)
{
  g_autofree char *problem = NULL;
  char *stored;

  if (!lineup_address_has_userinfo (*address))
    return NULL;
  stored = g_steal_pointer (address);
  problem = g_steal_pointer (last_error);
  *address = lineup_address_hide_userinfo (stored);
  *last_error = g_strdup_printf ("%s%s%s", note, problem ? "; " : "", problem ? problem : "");
  return stored;
}

static LineupFeed *
feed_from_row (sqlite3_stmt *stmt)
{
  LineupFeed *feed = g_new0 (LineupFeed, 1);
  g_autofree char *stored = NULL;
  const char *kind = _lineup_store_column_text (stmt, 1);
  const char *filter = _lineup_store_column_text (stmt, 4);

  feed->name = g_strdup (_lineup_store_column_text (stmt, 0));
  feed->kind = g_strcmp0 (kind, "webdav") == 0 ? LINEUP_FEED_WEBDAV
             : g_strcmp0 (kind, "caldav") == 0 ? LINEUP_FEED_CALDAV : LINEUP_FEED_FILE;
  feed->target = g_strdup (_lineup_store_column_text (stmt, 2));
  feed->username = g_strdup (_lineup_store_column_text (stmt, 3));
  feed->filter = filter && *filter ? g_strsplit (filter, "\n", -1) : g_new0 (char *, 1);
  feed->days_back = sqlite3_column_int (stmt, 5);
  feed->days_ahead = sqlite3_column_int (stmt, 6);
  feed->privacy = g_strdup (_lineup_store_column_text (stmt, 7));
  feed->duration = sqlite3_column_int (stmt, 8);
  feed->refresh = sqlite3_column_int (stmt, 9);
  feed->local_time = sqlite3_column_int (stmt, 10);
  feed->auto_publish = sqlite3_column_int (stmt, 11);
  feed->etag = g_strdup (_lineup_store_column_text (stmt, 12));
  feed->last_at = sqlite3_column_int64 (stmt, 13);
  feed->last_items = sqlite3_column_int (stmt, 14);
  feed->last_error = lineup_address_hide_userinfo (_lineup_store_column_text (stmt, 15));
  stored = hide_stored_userinfo (&feed->target, &feed->last_error,
                                 _("Its address held a user name or password, which Lineup does not keep: "
                                   "they are no longer shown or used, and leave the plan at the next "
                                   "publish. Put the user in --user and the password in LINEUP_FEED_PASSWORD"));
  if (stored && feed->username == NULL)
    feed->username = lineup_address_get_user (stored);
  return feed;
}

/* A user name or password in a feed's or an overlay's address: refused. */
static gboolean
check_address (const char  *address,
               const char  *message,
               const char  *name,
               GError     **error)
{
  if (!lineup_address_has_userinfo (address))
    return TRUE;
  g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID, message, name);
  return FALSE;
}

/* Rewrites an address a plan saved with a user name or password in it. */
static void
forget_userinfo (LineupStore *self,
                 const char  *what,
                 const char  *select_sql,
                 const char  *update_sql,   /* ?1 name, ?2 address[, ?3 user] */
                 const char  *name)
{
  g_autofree char *stored = NULL;
  g_autofree char *address = NULL;
  g_autofree char *user = NULL;
  sqlite3_stmt *stmt;

  if ((stmt = _lineup_store_prepare (self, select_sql, NULL)) == NULL)
    return;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    stored = g_strdup (_lineup_store_column_text (stmt, 0));
  _lineup_store_finish (stmt);
  if (!lineup_address_has_userinfo (stored))
    return;
  address = lineup_address_hide_userinfo (stored);
  user = lineup_address_get_user (stored);
  _lineup_store_settings_exec (self, NULL, what, update_sql, strstr (update_sql, "?3") ? "sss" : "ss",
                               name, address, user);
}

GPtrArray *
lineup_store_get_feeds (LineupStore *self)
{
  static const char sql[] = "SELECT " FEED_COLUMNS " FROM feeds ORDER BY name";
  GPtrArray *feeds = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_feed_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), feeds);
  if ((stmt = _lineup_store_prepare (self, sql, NULL)) == NULL)
    return feeds;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (feeds, feed_from_row (stmt));
  _lineup_store_finish (stmt);
  return feeds;
}

LineupFeed *
lineup_store_find_feed (LineupStore *self,
                        const char  *name)
{
  static const char sql[] = "SELECT " FEED_COLUMNS " FROM feeds WHERE name = ?";
  LineupFeed *feed = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  if (name == NULL || (stmt = _lineup_store_prepare (self, sql, NULL)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    feed = feed_from_row (stmt);
  _lineup_store_finish (stmt);
  return feed;
}

gboolean
lineup_store_save_feed (LineupStore  *self,
                        LineupFeed   *feed,
                        gboolean      create,
                        GError      **error)
{
  static const char insert_sql[] =
    "INSERT INTO feeds (name, kind, target, username, filter, days_back, days_ahead, privacy, duration, "
    "refresh, local_time, auto_publish) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
  static const char update_sql[] =
    "UPDATE feeds SET kind = ?2, target = ?3, username = ?4, filter = ?5, days_back = ?6, days_ahead = ?7, "
    "privacy = ?8, duration = ?9, refresh = ?10, local_time = ?11, auto_publish = ?12 WHERE name = ?1";
  g_autofree char *filter = NULL;
  g_autoptr(LineupFeed) existing = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  g_return_val_if_fail (feed != NULL, FALSE);

  if (!_lineup_store_check_name (_("The feed’s name"), feed->name, error))
    return FALSE;
  if (feed->target == NULL || *feed->target == '\0' ||
      (feed->kind != LINEUP_FEED_FILE && !g_str_has_prefix (feed->target, "http://") &&
       !g_str_has_prefix (feed->target, "https://")))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   feed->kind == LINEUP_FEED_FILE
                   ? _("The feed “%s” needs a file to write")
                   : _("The feed “%s” needs an http:// or https:// address"), feed->name);
      return FALSE;
    }
  if (!check_address (feed->target,
                      _("The address of the feed “%s” holds a user name or password, and Lineup never stores "
                        "passwords: put the user in --user and the password in LINEUP_FEED_PASSWORD"),
                      feed->name, error))
    return FALSE;
  if (feed->days_back < 0 || feed->days_ahead < 0 || feed->duration <= 0 || feed->refresh <= 0)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The feed “%s” needs a window of zero or more days and a positive duration and refresh"),
                   feed->name);
      return FALSE;
    }
  existing = lineup_store_find_feed (self, feed->name);
  if (create && existing)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_EXISTS,
                   _("There is a feed called “%s” already: choose another name"), feed->name);
      return FALSE;
    }
  if (!create && !existing)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND, _("No feed is called “%s”"), feed->name);
      return FALSE;
    }

  filter = feed->filter ? g_strjoinv ("\n", feed->filter) : g_strdup ("");
  if (!_lineup_store_settings_operation_begin (self, error))
    return FALSE;
  if ((stmt = _lineup_store_prepare (self, create ? insert_sql : update_sql, error)) == NULL)
    return _lineup_store_end_operation (self, FALSE, NULL);
  sqlite3_bind_text (stmt, 1, feed->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, lineup_feed_kind_to_key (feed->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, feed->target, -1, SQLITE_STATIC);
  _lineup_store_bind_text_or_null (stmt, 4, feed->username);
  sqlite3_bind_text (stmt, 5, filter, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 6, feed->days_back);
  sqlite3_bind_int (stmt, 7, feed->days_ahead);
  sqlite3_bind_text (stmt, 8, feed->privacy ? feed->privacy : "titles", -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 9, feed->duration);
  sqlite3_bind_int (stmt, 10, feed->refresh);
  sqlite3_bind_int (stmt, 11, feed->local_time);
  sqlite3_bind_int (stmt, 12, feed->auto_publish);
  if (!_lineup_store_step_done (self, stmt, _("save the feed"), error))
    return _lineup_store_end_operation (self, FALSE, NULL);
  return _lineup_store_end_operation (self, TRUE, error);
}

gboolean
lineup_store_remove_feed (LineupStore  *self,
                          const char   *name,
                          GError      **error)
{
  g_autoptr(LineupFeed) feed = lineup_store_find_feed (self, name);

  if (feed == NULL)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND, _("No feed is called “%s”"), name);
      return FALSE;
    }
  return _lineup_store_settings_exec (self, error, _("remove the feed"), "DELETE FROM feeds WHERE name = ?", "s", feed->name);
}

gboolean
lineup_store_set_feed_result (LineupStore  *self,
                              const char   *name,
                              const char   *etag,
                              int           items,
                              const char   *error_text,
                              GError      **error)
{
  static const char ok_sql[] =
    "UPDATE feeds SET etag = coalesce(?2, etag), last_at = ?3, last_items = ?4, last_error = NULL WHERE name = ?1";
  static const char failed_sql[] = "UPDATE feeds SET last_at = ?2, last_error = ?3 WHERE name = ?1";

  forget_userinfo (self, _("save the feed’s result"), "SELECT target FROM feeds WHERE name = ?",
                   "UPDATE feeds SET target = ?2, username = coalesce(username, ?3) WHERE name = ?1", name);
  if (error_text)
    {
      g_autofree char *hidden = lineup_address_hide_userinfo (error_text);

      return _lineup_store_settings_exec (self, error, _("save the feed’s result"), failed_sql, "sis", name,
                                          _lineup_store_now_seconds (), hidden);
    }
  return _lineup_store_settings_exec (self, error, _("save the feed’s result"), ok_sql, "ssii", name, etag,
                        _lineup_store_now_seconds (), (gint64) items);
}

void
lineup_feed_item_free (LineupFeedItem *item)
{
  if (item == NULL)
    return;
  g_free (item->uid);
  g_free (item->href);
  g_free (item->etag);
  g_free (item->content_hash);
  g_free (item);
}

GHashTable *
lineup_store_get_feed_items (LineupStore *self,
                             const char  *feed)
{
  static const char sql[] = "SELECT uid, href, etag, content_hash FROM feed_items WHERE feed = ?";
  GHashTable *items = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) lineup_feed_item_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), items);
  if ((stmt = _lineup_store_prepare (self, sql, NULL)) == NULL)
    return items;
  sqlite3_bind_text (stmt, 1, feed, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      LineupFeedItem *item = g_new0 (LineupFeedItem, 1);

      item->uid = g_strdup (_lineup_store_column_text (stmt, 0));
      item->href = g_strdup (_lineup_store_column_text (stmt, 1));
      item->etag = g_strdup (_lineup_store_column_text (stmt, 2));
      item->content_hash = g_strdup (_lineup_store_column_text (stmt, 3));
      g_hash_table_insert (items, item->uid, item);
    }
  _lineup_store_finish (stmt);
  return items;
}

gboolean
lineup_store_set_feed_item (LineupStore     *self,
                            const char      *feed,
                            LineupFeedItem  *item,
                            GError         **error)
{
  return _lineup_store_settings_exec (self, error, _("save the feed’s state"),
                        "INSERT OR REPLACE INTO feed_items (feed, uid, href, etag, content_hash) VALUES (?, ?, ?, ?, ?)",
                        "sssss", feed, item->uid, item->href, item->etag, item->content_hash);
}

gboolean
lineup_store_remove_feed_item (LineupStore  *self,
                               const char   *feed,
                               const char   *uid,
                               GError      **error)
{
  return _lineup_store_settings_exec (self, error, _("save the feed’s state"),
                        "DELETE FROM feed_items WHERE feed = ? AND uid = ?", "ss", feed, uid);
}

/* ---- overlay calendars ---- */

void
lineup_overlay_free (LineupOverlay *overlay)
{
  if (overlay == NULL)
    return;
  g_free (overlay->name);
  g_free (overlay->source);
  g_free (overlay->color);
  g_free (overlay->cache);
  g_free (overlay->last_error);
  g_free (overlay);
}

GPtrArray *
lineup_store_get_overlays (LineupStore *self)
{
  static const char sql[] =
    "SELECT name, source, color, enabled, refresh_hours, cache, fetched_at, last_error, blackout FROM overlays "
    "ORDER BY name";
  GPtrArray *overlays = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_overlay_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), overlays);
  if ((stmt = _lineup_store_prepare (self, sql, NULL)) == NULL)
    return overlays;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      LineupOverlay *overlay = g_new0 (LineupOverlay, 1);

      overlay->name = g_strdup (_lineup_store_column_text (stmt, 0));
      overlay->source = g_strdup (_lineup_store_column_text (stmt, 1));
      overlay->color = g_strdup (_lineup_store_column_text (stmt, 2));
      overlay->enabled = sqlite3_column_int (stmt, 3);
      overlay->refresh_hours = sqlite3_column_int (stmt, 4);
      overlay->cache = g_strdup (_lineup_store_column_text (stmt, 5));
      overlay->fetched_at = sqlite3_column_int64 (stmt, 6);
      overlay->last_error = lineup_address_hide_userinfo (_lineup_store_column_text (stmt, 7));
      overlay->blackout = sqlite3_column_int (stmt, 8);
      g_free (hide_stored_userinfo (&overlay->source, &overlay->last_error,
                                    _("Its address held a user name or password, which Lineup does not "
                                      "keep: they are no longer shown or used, and leave the plan at the "
                                      "next refresh. Use an address that needs none")));
      g_ptr_array_add (overlays, overlay);
    }
  _lineup_store_finish (stmt);
  return overlays;
}

gboolean
lineup_store_add_overlay (LineupStore  *self,
                          const char   *name,
                          const char   *source,
                          const char   *color,
                          GError      **error)
{
  g_autoptr(GPtrArray) existing = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  if (!_lineup_store_check_name (_("The overlay’s name"), name, error))
    return FALSE;
  if (source == NULL || *source == '\0')
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The overlay “%s” needs a file or an address to read"), name);
      return FALSE;
    }
  if (!check_address (source,
                      _("The address of the overlay “%s” holds a user name or password, and Lineup never stores "
                        "passwords: use an address that needs none"),
                      name, error))
    return FALSE;
  if (color && !lineup_color_is_valid (color))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The colour “%s” is not valid: write it as #RRGGBB, e.g. #e01b24"), color);
      return FALSE;
    }
  existing = lineup_store_get_overlays (self);
  for (guint i = 0; i < existing->len; i++)
    if (g_ascii_strcasecmp (((LineupOverlay *) g_ptr_array_index (existing, i))->name, name) == 0)
      {
        g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_EXISTS,
                     _("There is an overlay called “%s” already: choose another name"), name);
        return FALSE;
      }
  return _lineup_store_settings_exec (self, error, _("save the overlay"),
                        "INSERT INTO overlays (name, source, color) VALUES (?, ?, ?)", "sss",
                        name, source, color ? color : "#9a9996");
}

gboolean
lineup_store_set_overlay_enabled (LineupStore  *self,
                                  const char   *name,
                                  gboolean      enabled,
                                  GError      **error)
{
  return _lineup_store_settings_exec (self, error, _("save the overlay"), "UPDATE overlays SET enabled = ? WHERE name = ?",
                        "is", (gint64) enabled, name);
}

gboolean
lineup_store_set_overlay_blackout (LineupStore  *self,
                                   const char   *name,
                                   gboolean      blackout,
                                   GError      **error)
{
  g_autoptr(GPtrArray) overlays = NULL;
  g_autoptr(GString) names = g_string_new (NULL);

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  overlays = lineup_store_get_overlays (self);
  for (guint i = 0; i < overlays->len; i++)
    {
      LineupOverlay *overlay = g_ptr_array_index (overlays, i);

      if (name && g_ascii_strcasecmp (overlay->name, name) == 0)
        return _lineup_store_settings_exec (self, error, _("save the overlay"),
                                            "UPDATE overlays SET blackout = ? WHERE name = ?", "is",
                                            (gint64) (blackout != FALSE), overlay->name);
      g_string_append_printf (names, "%s“%s”", i ? ", " : "", overlay->name);
    }
  g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND,
               overlays->len ? _("No overlay is called “%s”: the plan has %s")
                             : _("No overlay is called “%s”: the plan has none (add one with “lineup overlay add NAME FILE|URL”)"),
               name ? name : "", names->str);
  return FALSE;
}

gboolean
lineup_store_remove_overlay (LineupStore  *self,
                             const char   *name,
                             GError      **error)
{
  return _lineup_store_settings_exec (self, error, _("remove the overlay"), "DELETE FROM overlays WHERE name = ?", "s", name);
}

gboolean
lineup_store_set_overlay_result (LineupStore  *self,
                                 const char   *name,
                                 const char   *cache,
                                 const char   *error_text,
                                 GError      **error)
{
  forget_userinfo (self, _("save the overlay"), "SELECT source FROM overlays WHERE name = ?",
                   "UPDATE overlays SET source = ?2 WHERE name = ?1", name);
  if (error_text)
    {
      g_autofree char *hidden = lineup_address_hide_userinfo (error_text);

      return _lineup_store_settings_exec (self, error, _("save the overlay"),
                                          "UPDATE overlays SET last_error = ? WHERE name = ?", "ss", hidden, name);
    }
  return _lineup_store_settings_exec (self, error, _("save the overlay"),
                        "UPDATE overlays SET cache = ?, fetched_at = ?, last_error = NULL WHERE name = ?",
                        "sis", cache, _lineup_store_now_seconds (), name);
}
