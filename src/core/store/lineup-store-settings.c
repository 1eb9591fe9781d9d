/* lineup-store-settings.c: the plan's own settings: the meta table, its time
 * zone, the default time of day, and turning dates into instants in that
 * zone. Not the catalog (pillars, types, targets) nor the workflow settings.
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

char *
_lineup_store_read_meta (LineupStore *self,
                         const char  *key)
{
  static const char sql[] = "SELECT value FROM meta WHERE key = ?";
  sqlite3_stmt *stmt = _lineup_store_prepare (self, sql, NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup (_lineup_store_column_text (stmt, 0));
  _lineup_store_finish (stmt);
  return value;
}

gboolean
_lineup_store_write_meta (LineupStore  *self,
                          const char   *key,
                          const char   *value,
                          GError      **error)
{
  static const char sql[] = "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)";
  sqlite3_stmt *stmt = _lineup_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  _lineup_store_finish (stmt);
  if (rc != SQLITE_DONE)
    return _lineup_store_sqlite_error (self, error, _("save the plan’s settings"));
  return TRUE;
}

void
_lineup_store_read_default_time (LineupStore *self)
{
  g_autofree char *value = _lineup_store_read_meta (self, "default_time");

  if (value)
    self->default_time = CLAMP (atoi (value), 0, 24 * 60 - 1);
}

void
_lineup_store_apply_time_zone (LineupStore *self,
                               const char  *iana_id)
{
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_free (self->tz_id);
  self->tz = g_time_zone_new_identifier (iana_id);
  if (self->tz == NULL)
    {
      self->tz = g_time_zone_new_utc ();
      iana_id = "UTC";
    }
  self->tz_id = g_strdup (iana_id);
}

/* The zone a new plan starts in: the one this computer uses, when it has an
 * IANA name. */
char *
_lineup_store_guess_local_zone (void)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  const char *id = g_time_zone_get_identifier (local);
  g_autoptr(GTimeZone) check = NULL;

  if (id && *id == ':')
    id++;
  if (id && g_str_has_prefix (id, "/usr/share/zoneinfo/"))
    id += strlen ("/usr/share/zoneinfo/");
  if (id == NULL || g_str_equal (id, "Local") || *id == '/')
    return g_strdup ("UTC");
  check = g_time_zone_new_identifier (id);
  return g_strdup (check ? id : "UTC");
}

/* ---- plan settings ---- */

GTimeZone *
lineup_store_get_time_zone (LineupStore *self)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  return self->tz;
}

const char *
lineup_store_get_time_zone_id (LineupStore *self)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  return self->tz_id;
}

gboolean
lineup_store_set_time_zone (LineupStore  *self,
                            const char   *iana_id,
                            GError      **error)
{
  g_autoptr(GTimeZone) check = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  if (iana_id == NULL || !g_utf8_validate (iana_id, -1, NULL) ||
      (check = g_time_zone_new_identifier (iana_id)) == NULL)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("“%s” is not a time zone: use an IANA name such as Europe/Warsaw or America/New_York"),
                   iana_id && g_utf8_validate (iana_id, -1, NULL) ? iana_id : "?");
      return FALSE;
    }
  if (g_strcmp0 (iana_id, self->tz_id) == 0)
    return TRUE;

  if (!_lineup_store_begin_operation (self, _("Change time zone"), error))
    return FALSE;
  if (!_lineup_store_write_meta (self, "time_zone", iana_id, error))
    return _lineup_store_end_operation (self, FALSE, NULL);
  _lineup_store_queue_signal (self, PENDING_PLAN, NULL, NULL);
  /* The zone is the store's before _lineup_store_end_operation () announces the change:
   * a view that redraws on the signal must read the new zone, not the old. */
  {
    g_autofree char *before = g_strdup (self->tz_id);

    _lineup_store_apply_time_zone (self, iana_id);
    if (!_lineup_store_end_operation (self, TRUE, error))
      {
        _lineup_store_apply_time_zone (self, before);
        return FALSE;
      }
  }
  return TRUE;
}

int
lineup_store_get_default_time (LineupStore *self)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), 9 * 60);
  return self->default_time;
}

gboolean
lineup_store_set_default_time (LineupStore  *self,
                               int           minutes,
                               GError      **error)
{
  g_autofree char *value = NULL;
  int before;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  if (minutes < 0 || minutes >= 24 * 60)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The default post time must be between 00:00 and 23:59"));
      return FALSE;
    }
  if (minutes == self->default_time)
    return TRUE;

  value = g_strdup_printf ("%d", minutes);
  if (!_lineup_store_begin_operation (self, NULL, error))
    return FALSE;
  if (!_lineup_store_write_meta (self, "default_time", value, error))
    return _lineup_store_end_operation (self, FALSE, NULL);
  _lineup_store_queue_signal (self, PENDING_PLAN, NULL, NULL);
  /* Set before the commit emits "plan-changed", so its handlers read it. */
  before = self->default_time;
  self->default_time = minutes;
  if (!_lineup_store_end_operation (self, TRUE, error))
    {
      self->default_time = before;
      return FALSE;
    }
  return TRUE;
}

/* ---- dates ---- */

gint64
lineup_store_local_to_utc (LineupStore *self,
                           GDate       *date,
                           int          minutes)
{
  g_autoptr(GDateTime) dt = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), 0);
  g_return_val_if_fail (date != NULL && g_date_valid (date), 0);

  /* A local time that does not exist (the hour skipped by DST) comes out
   * moved forward by GLib, which is what a planner expects. */
  dt = g_date_time_new (self->tz,
                        g_date_get_year (date), g_date_get_month (date), g_date_get_day (date),
                        minutes / 60, minutes % 60, 0);
  return g_date_time_to_unix (dt);
}

void
lineup_store_utc_to_local (LineupStore *self,
                           gint64       instant,
                           GDate       *out_date,
                           int         *out_minutes)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  g_return_if_fail (LINEUP_IS_STORE (self));

  utc = g_date_time_new_from_unix_utc (instant);
  local = g_date_time_to_timezone (utc, self->tz);
  if (out_date)
    g_date_set_dmy (out_date, g_date_time_get_day_of_month (local),
                    g_date_time_get_month (local), g_date_time_get_year (local));
  if (out_minutes)
    *out_minutes = g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local);
}

char *
lineup_store_format_time (LineupStore *self,
                          gint64       utc,
                          const char  *format)
{
  g_autoptr(GDateTime) instant = NULL;
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  g_return_val_if_fail (format != NULL, NULL);

  instant = g_date_time_new_from_unix_utc (utc);
  local = instant ? g_date_time_to_timezone (instant, self->tz) : NULL;
  return local ? g_date_time_format (local, format) : g_strdup ("?");
}

void
lineup_store_get_today (LineupStore *self,
                        GDate       *out_date)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_if_fail (LINEUP_IS_STORE (self));
  g_return_if_fail (out_date != NULL);

  now = g_date_time_new_now (self->tz);
  g_date_clear (out_date, 1);
  g_date_set_dmy (out_date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

/* ---- for src/core/publish (lineup-store-publish.h) ---- */
