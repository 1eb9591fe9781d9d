/* lineup-store-utm.c: the plan's UTM settings, kept in its meta table
 * ("utm_enabled", "utm_medium", "utm_domains", "utm_source:NETWORK") and
 * a campaign's row (utm_campaign), and the caption as it goes out
 * (lineup-store-utm.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "lineup-store-private.h"
#include "lineup-store-utm.h"
#include "lineup-platform.h"
#include "lineup-text.h"

void
lineup_utm_settings_free (LineupUtmSettings *settings)
{
  if (settings == NULL)
    return;
  g_free (settings->medium);
  g_strfreev (settings->domains);
  g_free (settings);
}

static GStrv
split_domains (const char *text)
{
  g_auto(GStrv) parts = g_strsplit_set (text ? text : "", ", \t\n", -1);
  GPtrArray *domains = g_ptr_array_new ();

  for (guint i = 0; parts[i]; i++)
    if (*parts[i])
      g_ptr_array_add (domains, g_ascii_strdown (parts[i], -1));
  g_ptr_array_add (domains, NULL);
  return (GStrv) g_ptr_array_free (domains, FALSE);
}

LineupUtmSettings *
lineup_store_get_utm_settings (LineupStore *self)
{
  LineupUtmSettings *settings = g_new0 (LineupUtmSettings, 1);
  g_autofree char *enabled = NULL;
  g_autofree char *domains = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), settings);

  enabled = _lineup_store_read_meta (self, "utm_enabled");
  settings->enabled = g_strcmp0 (enabled, "0") != 0;
  settings->medium = _lineup_store_read_meta (self, "utm_medium");
  if (settings->medium == NULL || *settings->medium == '\0')
    {
      g_free (settings->medium);
      settings->medium = g_strdup (LINEUP_UTM_DEFAULT_MEDIUM);
    }
  domains = _lineup_store_read_meta (self, "utm_domains");
  settings->domains = split_domains (domains);
  return settings;
}

char *
lineup_store_get_utm_source (LineupStore *self,
                             const char  *platform)
{
  const LineupPlatformInfo *info = platform ? lineup_platform_lookup (platform) : NULL;
  g_autofree char *key = NULL;
  char *source;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);

  if (info == NULL)
    return lineup_utm_clean_value (platform);
  key = g_strconcat ("utm_source:", info->key, NULL);
  source = _lineup_store_read_meta (self, key);
  if (source && *source)
    return source;
  g_free (source);
  return g_strdup (info->key);
}

/* The campaign's own utm_campaign, or NULL. */
static char *
read_campaign_utm (LineupStore *self,
                   gint64       campaign_id)
{
  static const char sql[] = "SELECT utm_campaign FROM campaigns WHERE id = ?";
  sqlite3_stmt *stmt = _lineup_store_prepare (self, sql, NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, campaign_id);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup (_lineup_store_column_text (stmt, 0));
  _lineup_store_finish (stmt);
  return value;
}

char *
lineup_store_get_utm_campaign (LineupStore *self,
                               gint64       campaign_id)
{
  LineupCampaign *campaign;
  char *value;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);

  if (campaign_id == 0 || (campaign = lineup_store_get_campaign (self, campaign_id)) == NULL)
    return NULL;
  if ((value = read_campaign_utm (self, campaign_id)))
    return value;
  return lineup_utm_clean_value (lineup_campaign_get_name (campaign));
}

/* Writes @value under @key, or removes the key when @value is NULL. */
static gboolean
write_setting (LineupStore  *self,
               const char   *key,
               const char   *value,
               GError      **error)
{
  g_autofree char *before = _lineup_store_read_meta (self, key);

  if (g_strcmp0 (before, value) == 0)
    return TRUE;
  if (value == NULL)
    return _lineup_store_settings_exec (self, error, _("change the UTM settings"),
                                        "DELETE FROM meta WHERE key = ?", "s", key);
  return _lineup_store_settings_exec (self, error, _("change the UTM settings"),
                                      "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", "ss", key, value);
}

gboolean
lineup_store_set_utm_enabled (LineupStore  *self,
                              gboolean      enabled,
                              GError      **error)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  return write_setting (self, "utm_enabled", enabled ? NULL : "0", error);
}

gboolean
lineup_store_set_utm_medium (LineupStore  *self,
                             const char   *medium,
                             GError      **error)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  if (medium && *medium && (clean = lineup_utm_check_value (_("utm_medium"), medium, error)) == NULL)
    return FALSE;
  return write_setting (self, "utm_medium", clean, error);
}

gboolean
lineup_store_set_utm_source (LineupStore  *self,
                             const char   *platform,
                             const char   *source,
                             GError      **error)
{
  const LineupPlatformInfo *info;
  g_autofree char *clean = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  if ((info = lineup_platform_find (platform, error)) == NULL)
    return FALSE;
  if (source && *source && (clean = lineup_utm_check_value (_("utm_source"), source, error)) == NULL)
    return FALSE;
  key = g_strconcat ("utm_source:", info->key, NULL);
  return write_setting (self, key, clean, error);
}

gboolean
lineup_store_set_utm_domains (LineupStore  *self,
                              const char   *domains,
                              GError      **error)
{
  g_auto(GStrv) list = NULL;
  g_autofree char *joined = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  if ((list = lineup_utm_parse_domains (domains, error)) == NULL)
    return FALSE;
  joined = g_strjoinv (", ", list);
  return write_setting (self, "utm_domains", *joined ? joined : NULL, error);
}

gboolean
lineup_store_set_utm_campaign (LineupStore  *self,
                               gint64        campaign_id,
                               const char   *value,
                               GError      **error)
{
  static const char sql[] = "UPDATE campaigns SET utm_campaign = ? WHERE id = ?";
  LineupCampaign *campaign;
  g_autofree char *clean = NULL;
  g_autofree char *before = NULL;
  g_autofree char *label = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  if (campaign_id == 0 || (campaign = lineup_store_get_campaign (self, campaign_id)) == NULL)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND,
                   _("That campaign is not in the plan: see the campaigns with “lineup campaign list”"));
      return FALSE;
    }
  if (value && *value && (clean = lineup_utm_check_value (_("utm_campaign"), value, error)) == NULL)
    return FALSE;
  before = read_campaign_utm (self, campaign_id);
  if (g_strcmp0 (before, clean) == 0)
    return TRUE;

  label = g_strdup_printf (_("Change UTM campaign of “%s”"), lineup_campaign_get_name (campaign));
  if (!_lineup_store_begin_operation (self, label, error))
    return FALSE;
  if (!_lineup_store_catalog_will_change (self, error) ||
      (stmt = _lineup_store_prepare (self, sql, error)) == NULL)
    return _lineup_store_end_operation (self, FALSE, NULL);
  _lineup_store_bind_text_or_null (stmt, 1, clean);
  sqlite3_bind_int64 (stmt, 2, campaign_id);
  if (!_lineup_store_step_done (self, stmt, _("change the UTM settings"), error))
    return _lineup_store_end_operation (self, FALSE, NULL);
  _lineup_store_queue_signal (self, PENDING_CAMPAIGNS, NULL, NULL);
  return _lineup_store_end_operation (self, TRUE, error);
}

/* The parameters @post gets on @platform; FALSE when tagging is off. */
static gboolean
post_utm (LineupStore        *self,
          LineupPost         *post,
          const char         *platform,
          LineupUtm          *utm,
          LineupUtmSettings **out_settings,
          char              **out_source,
          char              **out_campaign,
          char              **out_content)
{
  LineupUtmSettings *settings = lineup_store_get_utm_settings (self);

  *out_settings = settings;
  if (!settings->enabled)
    return FALSE;
  *out_source = lineup_store_get_utm_source (self, platform);
  *out_campaign = lineup_store_get_utm_campaign (self, lineup_post_get_campaign_id (post));
  /* A post not yet added has no id: its short id will be as long. */
  *out_content = lineup_post_get_id (post) ? g_strndup (lineup_post_get_id (post), 8) : g_strdup ("00000000");
  utm->source = *out_source;
  utm->medium = settings->medium;
  utm->campaign = *out_campaign;
  utm->content = *out_content;
  utm->term = NULL;
  return TRUE;
}

char *
lineup_store_outgoing_caption (LineupStore *self,
                               LineupPost  *post,
                               const char  *platform)
{
  g_autoptr(LineupUtmSettings) settings = NULL;
  g_autofree char *source = NULL, *campaign = NULL, *content = NULL;
  g_autofree char *caption = NULL;
  LineupUtm utm = { 0 };

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  g_return_val_if_fail (LINEUP_IS_POST (post), NULL);

  /* The network's own variant when the post has one, else the main caption. */
  caption = lineup_post_dup_caption_for (post, platform);
  if (!post_utm (self, post, platform, &utm, &settings, &source, &campaign, &content))
    return g_steal_pointer (&caption);
  return lineup_utm_tag_text (caption, &utm, (const char * const *) settings->domains);
}

GStrv
lineup_store_outgoing_links (LineupStore *self,
                             LineupPost  *post,
                             const char  *platform)
{
  g_autofree char *caption = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  g_return_val_if_fail (LINEUP_IS_POST (post), NULL);

  /* The links of the caption as it goes out: the same rules found them. */
  caption = lineup_store_outgoing_caption (self, post, platform);
  return lineup_utm_final_links (caption, NULL, NULL);
}

guint
lineup_store_count_outgoing (LineupStore *self,
                             LineupPost  *post,
                             const char  *platform)
{
  const LineupPlatformInfo *info = platform ? lineup_platform_lookup (platform) : NULL;
  g_autofree char *caption = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), 0);
  g_return_val_if_fail (LINEUP_IS_POST (post), 0);

  caption = lineup_store_outgoing_caption (self, post, info ? info->key : NULL);
  /* Mastodon counts its spoiler_text with the text (protocols.md §1). */
  if (info && g_str_equal (info->key, "mastodon") && *lineup_post_get_content_warning (post))
    return lineup_text_count_for_network (lineup_post_get_content_warning (post), info->key) +
           lineup_text_count_for_network (caption, info->key);
  return lineup_text_count_for_network (caption, info ? info->key : NULL);
}
