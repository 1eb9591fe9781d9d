/* lineup-store-share-utm.c: the plan's UTM settings in a shared plan's
 * record (docs/sharing.md §4): "utm:enabled" = "1" or "0" (always there),
 * and, when set, "utm:medium", "utm:domains", "utm:source:NETWORK" and
 * "utm:campaign:CAMPAIGN NAME". Reading adds them to a record, checking
 * names the first bad field, writing makes the settings what a record says.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sqlite3.h>

#include "lineup-store-private.h"
#include "lineup-store-share.h"
#include "lineup-platform.h"

void
_lineup_store_utm_read_fields (LineupStore       *self,
                               LineupShareRecord *record)
{
  static const char sources_sql[] = "SELECT key, value FROM meta WHERE key LIKE 'utm\\_source:%' ESCAPE '\\'";
  static const char campaigns_sql[] = "SELECT name, utm_campaign FROM campaigns WHERE utm_campaign IS NOT NULL";
  g_autofree char *enabled = _lineup_store_read_meta (self, "utm_enabled");
  g_autofree char *medium = _lineup_store_read_meta (self, "utm_medium");
  g_autofree char *domains = _lineup_store_read_meta (self, "utm_domains");
  sqlite3_stmt *stmt;

  lineup_share_record_set (record, "utm:enabled", g_strcmp0 (enabled, "0") == 0 ? "0" : "1");
  if (medium && *medium)
    lineup_share_record_set (record, "utm:medium", medium);
  if (domains && *domains)
    lineup_share_record_set (record, "utm:domains", domains);
  if ((stmt = _lineup_store_prepare (self, sources_sql, NULL)))
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autofree char *field = g_strconcat ("utm:source:", _lineup_store_column_text (stmt, 0) + strlen ("utm_source:"), NULL);

          lineup_share_record_set (record, field, _lineup_store_column_text (stmt, 1));
        }
      _lineup_store_finish (stmt);
    }
  if ((stmt = _lineup_store_prepare (self, campaigns_sql, NULL)))
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autofree char *field = g_strconcat ("utm:campaign:", _lineup_store_column_text (stmt, 0), NULL);

          lineup_share_record_set (record, field, _lineup_store_column_text (stmt, 1));
        }
      _lineup_store_finish (stmt);
    }
}

gboolean
_lineup_store_utm_check_fields (const LineupShareRecord  *record,
                                char                    **out_bad_field)
{
  g_auto(GStrv) fields = lineup_share_record_list_prefixed (record, "utm:");

  for (guint i = 0; fields[i]; i++)
    {
      const char *field = fields[i];
      const char *value = lineup_share_record_get (record, field);
      gboolean ok;

      if (g_str_equal (field, "utm:enabled"))
        ok = g_strcmp0 (value, "0") == 0 || g_strcmp0 (value, "1") == 0;
      else if (g_str_equal (field, "utm:domains"))
        {
          g_auto(GStrv) domains = lineup_utm_parse_domains (value, NULL);

          ok = domains != NULL;
        }
      else if (g_str_equal (field, "utm:medium") || g_str_has_prefix (field, "utm:source:") ||
               g_str_has_prefix (field, "utm:campaign:"))
        {
          g_autofree char *clean = lineup_utm_check_value ("utm", value, NULL);

          ok = clean != NULL && g_str_equal (clean, value);
        }
      else
        ok = TRUE;   /* a newer Lineup's setting: left alone */
      if (!ok)
        {
          *out_bad_field = g_strdup (field);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
exec (LineupStore  *self,
      const char   *sql,
      const char   *a,
      const char   *b,
      GError      **error)
{
  sqlite3_stmt *stmt = _lineup_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (a)
    sqlite3_bind_text (stmt, 1, a, -1, SQLITE_TRANSIENT);
  if (b)
    sqlite3_bind_text (stmt, 2, b, -1, SQLITE_TRANSIENT);
  return _lineup_store_step_done (self, stmt, "save the UTM settings from the shared plan", error);
}

gboolean
_lineup_store_utm_write_fields (LineupStore              *self,
                                const LineupShareRecord  *record,
                                GError                  **error)
{
  g_auto(GStrv) fields = lineup_share_record_list_prefixed (record, "utm:");
  const char *enabled = lineup_share_record_get (record, "utm:enabled");

  if (!exec (self, "DELETE FROM meta WHERE key LIKE 'utm\\_%' ESCAPE '\\'", NULL, NULL, error) ||
      !exec (self, "UPDATE campaigns SET utm_campaign = NULL", NULL, NULL, error))
    return FALSE;
  if (g_strcmp0 (enabled, "0") == 0 &&
      !exec (self, "INSERT INTO meta (key, value) VALUES ('utm_enabled', '0')", NULL, NULL, error))
    return FALSE;
  for (guint i = 0; fields[i]; i++)
    {
      const char *field = fields[i];
      const char *value = lineup_share_record_get (record, field);

      if (g_str_equal (field, "utm:medium") || g_str_equal (field, "utm:domains"))
        {
          g_autofree char *key = g_strconcat ("utm_", field + strlen ("utm:"), NULL);

          if (!exec (self, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", key, value, error))
            return FALSE;
        }
      else if (g_str_has_prefix (field, "utm:source:"))
        {
          const LineupPlatformInfo *info = lineup_platform_lookup (field + strlen ("utm:source:"));
          g_autofree char *key = info ? g_strconcat ("utm_source:", info->key, NULL) : NULL;

          if (key && !exec (self, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", key, value, error))
            return FALSE;
        }
      else if (g_str_has_prefix (field, "utm:campaign:") &&
               !exec (self, "UPDATE campaigns SET utm_campaign = ?1 WHERE name = ?2 COLLATE NOCASE",
                      value, field + strlen ("utm:campaign:"), error))
        return FALSE;
    }
  return TRUE;
}
