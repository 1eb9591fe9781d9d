/* lineup-cli-utm.c: `lineup utm show|set` (the plan's UTM settings) and
 * `lineup post links ID` (a post's links as they go out to each network,
 * with their UTM parameters; lineup-store-utm.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lineup-cli-private.h"

int
cmd_utm_show (Args    *args,
              GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupUtmSettings) settings = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *domains = NULL;
  guint n_platforms;
  const LineupPlatformInfo *platforms = lineup_platforms_get_all (&n_platforms);

  store = open_store (args, error);
  if (store == NULL)
    return 1;
  settings = lineup_store_get_utm_settings (store);
  domains = g_strjoinv (", ", settings->domains);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "enabled");
  json_builder_add_boolean_value (builder, settings->enabled);
  json_builder_set_member_name (builder, "medium");
  json_builder_add_string_value (builder, settings->medium);
  json_builder_set_member_name (builder, "domains");
  json_builder_begin_array (builder);
  for (guint i = 0; settings->domains[i]; i++)
    json_builder_add_string_value (builder, settings->domains[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "sources");
  json_builder_begin_object (builder);
  for (guint i = 0; i < n_platforms; i++)
    {
      g_autofree char *source = lineup_store_get_utm_source (store, platforms[i].key);

      json_builder_set_member_name (builder, platforms[i].key);
      json_builder_add_string_value (builder, source);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  if (opt (args, "json"))
    {
      print_json (builder);
      return 0;
    }

  out ("  %-24s %s\n", _("links tagged"), settings->enabled ? _("yes") : _("no"));
  out ("  %-24s %s\n", "utm_medium", settings->medium);
  out ("  %-24s %s\n", _("domains"), *domains ? domains : _("every site"));
  for (guint i = 0; i < n_platforms; i++)
    {
      g_autofree char *source = lineup_store_get_utm_source (store, platforms[i].key);
      g_autofree char *label = g_strdup_printf ("utm_source (%s)", platforms[i].key);

      out ("  %-24s %s\n", label, source);
    }
  return 0;
}

int
cmd_utm_set (Args    *args,
             GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  GPtrArray *sources = opt_all (args, "source");
  gboolean on = opt (args, "on") != NULL, off = opt (args, "off") != NULL;

  if (on && off)
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE, _("utm set: give --on or --off, not both"));
      return 2;
    }
  if (opt (args, "domains") && opt (args, "all-domains"))
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE, _("utm set: give --domains LIST or --all-domains, not both"));
      return 2;
    }
  if (!on && !off && !opt (args, "medium") && !opt (args, "domains") && !opt (args, "all-domains") &&
      (sources == NULL || sources->len == 0))
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("utm set: nothing to change: give --on, --off, --medium M, --source NETWORK=VALUE, --domains LIST or --all-domains"));
      return 2;
    }
  store = open_store (args, error);
  if (store == NULL)
    return 1;
  /* Each is its own small setting; every value is checked before the
   * first is written, so a refusal leaves the plan as it was. */
  for (guint i = 0; sources && i < sources->len; i++)
    {
      const char *pair = g_ptr_array_index (sources, i);
      g_autofree char *network = g_strndup (pair, strcspn (pair, "="));
      g_autofree char *value = NULL;

      if (strchr (pair, '=') == NULL || !g_utf8_validate (pair, -1, NULL) || lineup_platform_lookup (network) == NULL)
        {
          g_autofree char *s = one_line (pair);
          g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                       _("utm set: --source “%s” is not NETWORK=VALUE with a network Lineup knows (%s), e.g. --source linkedin=li"),
                       s, lineup_platform_list_keys ());
          return 2;
        }
      if ((value = lineup_utm_check_value ("--source", strchr (pair, '=') + 1, error)) == NULL)
        return 2;
    }
  if (opt (args, "medium"))
    {
      g_autofree char *medium = lineup_utm_check_value ("--medium", opt (args, "medium"), error);

      if (medium == NULL)
        return 2;
    }
  if (opt (args, "domains"))
    {
      g_auto(GStrv) domains = lineup_utm_parse_domains (opt (args, "domains"), error);

      if (domains == NULL)
        return 2;
    }

  if ((on || off) && !lineup_store_set_utm_enabled (store, on, error))
    return 1;
  if (opt (args, "medium") && !lineup_store_set_utm_medium (store, opt (args, "medium"), error))
    return 1;
  if ((opt (args, "domains") || opt (args, "all-domains")) &&
      !lineup_store_set_utm_domains (store, opt (args, "domains"), error))
    return 1;
  for (guint i = 0; sources && i < sources->len; i++)
    {
      const char *pair = g_ptr_array_index (sources, i);
      g_autofree char *network = g_strndup (pair, strcspn (pair, "="));

      if (!lineup_store_set_utm_source (store, network, strchr (pair, '=') + 1, error))
        return 1;
    }
  return cmd_utm_show (args, error);
}

int
cmd_post_links (Args    *args,
                GError **error)
{
  g_autoptr(LineupStore) store = open_store (args, error);
  g_autoptr(LineupPost) post = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_auto(GStrv) written = NULL;
  const char * const *platforms;
  const char *only = opt (args, "platform");
  const LineupPlatformInfo *only_info = NULL;

  if (only && (only_info = lineup_platform_lookup (only)) == NULL)
    {
      g_autofree char *s = one_line (only);
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE, _("--platform “%s” is not a platform: expected one of %s"),
                   s, lineup_platform_list_keys ());
      return 2;
    }
  if (store == NULL)
    return 1;
  post = lineup_store_get_post (store, positional (args, 0), error);
  if (post == NULL)
    return 1;
  platforms = lineup_post_get_platforms (post);
  written = lineup_utm_final_links (lineup_post_get_body (post), NULL, NULL);

  json_builder_begin_object (builder);
  for (guint p = 0; platforms[p]; p++)
    {
      g_auto(GStrv) links = NULL;

      if (only_info && !g_str_equal (only_info->key, platforms[p]))
        continue;
      links = lineup_store_outgoing_links (store, post, platforms[p]);
      json_builder_set_member_name (builder, platforms[p]);
      json_builder_begin_array (builder);
      for (guint i = 0; links[i]; i++)
        json_builder_add_string_value (builder, links[i]);
      json_builder_end_array (builder);
      if (!opt (args, "json"))
        {
          const LineupPlatformInfo *info = lineup_platform_lookup (platforms[p]);

          out ("%s\n", info ? info->name : platforms[p]);
          for (guint i = 0; links[i]; i++)
            out ("  %s\n", links[i]);
          if (links[0] == NULL)
            out ("  %s\n", _("(no links)"));
        }
    }
  json_builder_end_object (builder);
  if (opt (args, "json"))
    print_json (builder);
  else if (platforms[0] == NULL)
    {
      out ("%s\n", _("The post has no platforms: its links as written:"));
      for (guint i = 0; written[i]; i++)
        out ("  %s\n", written[i]);
    }
  else if (only_info && !lineup_post_has_platform (post, only_info->key))
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) platforms);

      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("“%s” does not go to %s: its platforms are %s"), lineup_post_get_title (post),
                   only_info->name, joined);
      return 1;
    }
  return 0;
}
