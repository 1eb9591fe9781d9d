/* lineup-cli-catalog.c: `lineup pillar add|list|rename|set|remove`,
 * `lineup campaign add|list|edit|remove`, `lineup import csv` and `lineup
 * demo`: what a plan is made of, and ways to fill one.
 *
 * Content types and their targets are in lineup-cli-mix.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lineup-cli-private.h"

/* --target: "25" and "25%" mean the same; -1 when not given. */
static gboolean
parse_target_arg (Args     *args,
                  double   *out_target,
                  GError  **error)
{
  g_autofree char *text = NULL;
  char *end = NULL;
  double target;

  *out_target = -1;
  if (opt (args, "target") == NULL)
    return TRUE;
  text = g_strdup (opt (args, "target"));
  if (g_str_has_suffix (text, "%"))
    text[strlen (text) - 1] = '\0';
  target = g_ascii_strtod (text, &end);
  if (*text == '\0' || end == text || *end != '\0' || !(target >= 0 && target <= 100))
    {
      g_autofree char *s = one_line (opt (args, "target"));
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("--target “%s” is not a share: expected a percentage from 0 to 100, e.g. 25"), s);
      return FALSE;
    }
  *out_target = target;
  return TRUE;
}

/* Says when the pillars' targets do not add up to 100 %. */
static void
print_targets_warning (LineupStore *store)
{
  g_autofree char *warning = lineup_mix_pillar_targets_warning (store);

  if (warning)
    out ("%s\n", warning);
}

int
cmd_pillar_add (Args    *args,
                GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  const char *name = positional (args, 0);
  const char *color = opt (args, "color");
  LineupPillar *pillar;
  double target = -1;

  if (!check_one_line ("NAME", name, error))
    return 2;
  if (!check_color_arg (color, "#3584e4", error))
    return 2;
  if (!parse_target_arg (args, &target, error))
    return 2;

  store = open_store_full (args, TRUE, error);
  if (store == NULL)
    return 1;
  pillar = lineup_store_add_pillar (store, name, color, target, error);
  if (pillar == NULL)
    return 1;
  out (_("Added pillar “%s” (%s)\n"), lineup_pillar_get_name (pillar), lineup_pillar_get_color (pillar));
  if (target >= 0)
    print_targets_warning (store);
  return 0;
}

/* The pillar called @name (case aside), or an error that names the one
 * meant and lists them all. */
static LineupPillar *
pillar_named (LineupStore  *store,
              const char   *name,
              GError      **error)
{
  LineupPillar *pillar = lineup_store_find_pillar (store, name);
  const char *close;
  g_autofree char *known = NULL;
  g_autofree char *s = NULL;

  if (pillar)
    return pillar;
  close = lineup_store_closest_pillar_name (store, name);
  known = lineup_store_list_pillar_names (store);
  s = one_line (name);
  if (close)
    g_set_error (error, CLI_ERROR, CLI_ERROR_FAILED,
                 _("No pillar is called “%s”: did you mean “%s”? The pillars: %s"), s, close, known);
  else
    g_set_error (error, CLI_ERROR, CLI_ERROR_FAILED,
                 _("No pillar is called “%s”; the pillars: %s (see “lineup pillar list”)"),
                 s, *known ? known : _("none yet"));
  return NULL;
}

static LineupCampaign *
campaign_named (LineupStore  *store,
                const char   *name,
                GError      **error)
{
  LineupCampaign *campaign = lineup_store_find_campaign (store, name);
  const char *close;
  g_autofree char *known = NULL;
  g_autofree char *s = NULL;

  if (campaign)
    return campaign;
  close = lineup_store_closest_campaign_name (store, name);
  known = lineup_store_list_campaign_names (store);
  s = one_line (name);
  if (close)
    g_set_error (error, CLI_ERROR, CLI_ERROR_FAILED,
                 _("No campaign is called “%s”: did you mean “%s”? The campaigns: %s"), s, close, known);
  else
    g_set_error (error, CLI_ERROR, CLI_ERROR_FAILED,
                 _("No campaign is called “%s”; the campaigns: %s (see “lineup campaign list”)"),
                 s, *known ? known : _("none yet"));
  return NULL;
}

int
cmd_pillar_rename (Args    *args,
                   GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autofree char *old_name = NULL;
  const char *name = positional (args, 1);
  LineupPillar *pillar;
  gint64 id;
  guint n;

  if (!check_one_line ("OLD", positional (args, 0), error) || !check_one_line ("NEW", name, error))
    return 2;
  store = open_store (args, error);
  if (store == NULL || (pillar = pillar_named (store, positional (args, 0), error)) == NULL)
    return 1;
  id = lineup_pillar_get_id (pillar);
  old_name = g_strdup (lineup_pillar_get_name (pillar));
  if (!lineup_store_edit_pillar (store, id, name, NULL, FALSE, 0, error))
    return 1;
  n = lineup_store_count_pillar_posts (store, id);
  out (g_dngettext (GETTEXT_PACKAGE, "Renamed pillar “%s” to “%s” (%u post)\n",
                    "Renamed pillar “%s” to “%s” (%u posts)\n", n),
       old_name, lineup_pillar_get_name (lineup_store_get_pillar (store, id)), n);
  return 0;
}

int
cmd_pillar_set (Args    *args,
                GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  const char *color = opt (args, "color");
  LineupPillar *pillar;
  gboolean set_target = opt (args, "target") != NULL || opt (args, "no-target") != NULL;
  double target = -1;

  if (!check_one_line ("NAME", positional (args, 0), error) ||
      !check_color_arg (color, "#3584e4", error) ||
      !parse_target_arg (args, &target, error))
    return 2;
  if (opt (args, "target") && opt (args, "no-target"))
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("pillar set: give --target PERCENT or --no-target, not both"));
      return 2;
    }
  if (color == NULL && !set_target)
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("pillar set: nothing to change: give --color #RRGGBB, --target PERCENT or --no-target"));
      return 2;
    }
  store = open_store (args, error);
  if (store == NULL || (pillar = pillar_named (store, positional (args, 0), error)) == NULL)
    return 1;
  if (!lineup_store_edit_pillar (store, lineup_pillar_get_id (pillar), NULL, color, set_target, target, error))
    return 1;
  pillar = lineup_store_find_pillar (store, positional (args, 0));
  if (lineup_pillar_get_target (pillar) >= 0)
    out (_("Pillar “%s”: %s, target %g %%\n"), lineup_pillar_get_name (pillar),
         lineup_pillar_get_color (pillar), lineup_pillar_get_target (pillar));
  else
    out (_("Pillar “%s”: %s, no target\n"), lineup_pillar_get_name (pillar), lineup_pillar_get_color (pillar));
  if (set_target)
    print_targets_warning (store);
  return 0;
}

int
cmd_pillar_remove (Args    *args,
                   GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autofree char *name = NULL;
  g_autofree char *other_name = NULL;
  LineupPillar *pillar, *other = NULL;
  guint n;

  if (!check_one_line ("NAME", positional (args, 0), error) ||
      (opt (args, "move-to") && !check_one_line ("--move-to", opt (args, "move-to"), error)))
    return 2;
  store = open_store (args, error);
  if (store == NULL || (pillar = pillar_named (store, positional (args, 0), error)) == NULL)
    return 1;
  if (opt (args, "move-to") && (other = pillar_named (store, opt (args, "move-to"), error)) == NULL)
    {
      g_prefix_error (error, "--move-to: ");
      return 1;
    }
  name = g_strdup (lineup_pillar_get_name (pillar));
  other_name = other ? g_strdup (lineup_pillar_get_name (other)) : NULL;
  n = lineup_store_count_pillar_posts (store, lineup_pillar_get_id (pillar));
  if (n > 0 && other == NULL)
    {
      g_autofree char *s = one_line (name);
      g_set_error (error, CLI_ERROR, CLI_ERROR_FAILED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The pillar “%s” is used by %u post: move it to another pillar as you remove this one, with: lineup pillar remove \"%s\" --move-to OTHER",
                                "The pillar “%s” is used by %u posts: move them to another pillar as you remove this one, with: lineup pillar remove \"%s\" --move-to OTHER",
                                n),
                   s, n, s);
      return 1;
    }
  if (!lineup_store_remove_pillar (store, lineup_pillar_get_id (pillar),
                                   other ? lineup_pillar_get_id (other) : 0, error))
    return 1;
  if (other && n > 0)
    out (g_dngettext (GETTEXT_PACKAGE, "Removed pillar “%s”; its %u post moved to “%s”\n",
                      "Removed pillar “%s”; its %u posts moved to “%s”\n", n),
         name, n, other_name);
  else
    out (_("Removed pillar “%s”\n"), name);
  print_targets_warning (store);
  return 0;
}

int
cmd_pillar_list (Args    *args,
                 GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GListModel *pillars;
  guint n;

  if (!open_for_listing (args, &store, error))
    return store == NULL && error && *error ? 1 : 0;
  posts = lineup_store_list_all_posts (store, error);
  if (posts == NULL)
    return 1;
  pillars = lineup_store_get_pillars (store);
  n = g_list_model_get_n_items (pillars);

  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LineupPillar) pillar = g_list_model_get_item (pillars, i);
      char **cells = g_new0 (char *, 5);
      guint count = 0;

      for (guint p = 0; p < posts->len; p++)
        count += lineup_post_get_pillar_id (posts->pdata[p]) == lineup_pillar_get_id (pillar);

      lineup_pillar_to_json (builder, pillar, count);

      cells[0] = one_line (lineup_pillar_get_name (pillar));
      cells[1] = g_strdup (lineup_pillar_get_color (pillar));
      cells[2] = lineup_pillar_get_target (pillar) >= 0
        ? g_strdup_printf ("%g%%", lineup_pillar_get_target (pillar)) : g_strdup ("-");
      cells[3] = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u post", "%u posts", count), count);
      g_ptr_array_add (rows, cells);
    }
  json_builder_end_array (builder);

  if (opt (args, "json"))
    print_json (builder);
  else
    print_table (rows, 4);
  return 0;
}

int
cmd_campaign_add (Args    *args,
                  GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  const char *name = positional (args, 0);
  const char *color = opt (args, "color");
  LineupCampaign *campaign;
  GDate from, to;

  if (!check_one_line ("NAME", name, error) ||
      !need (args, "from", error) || !need (args, "to", error) ||
      !parse_date_arg ("--from", opt (args, "from"), &from, error) ||
      !parse_date_arg ("--to", opt (args, "to"), &to, error))
    return 2;
  if (g_date_compare (&from, &to) > 0)
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("campaign add: --from %s is after --to %s"), opt (args, "from"), opt (args, "to"));
      return 2;
    }
  if (!check_color_arg (color, "#e66100", error))
    return 2;

  store = open_store_full (args, TRUE, error);
  if (store == NULL)
    return 1;
  campaign = lineup_store_add_campaign (store, name, color ? color : "#e66100",
                                        opt (args, "from"), opt (args, "to"), error);
  if (campaign == NULL)
    return 1;
  out (_("Added campaign “%s” (%s to %s)\n"), lineup_campaign_get_name (campaign),
       lineup_campaign_get_starts_on (campaign), lineup_campaign_get_ends_on (campaign));
  return 0;
}

int
cmd_campaign_list (Args    *args,
                   GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  GListModel *campaigns;
  guint n;

  if (!open_for_listing (args, &store, error))
    return store == NULL && error && *error ? 1 : 0;
  campaigns = lineup_store_get_campaigns (store);
  n = g_list_model_get_n_items (campaigns);
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LineupCampaign) c = g_list_model_get_item (campaigns, i);
      char **cells = g_new0 (char *, 4);

      lineup_campaign_to_json (builder, c);

      cells[0] = one_line (lineup_campaign_get_name (c));
      cells[1] = g_strdup (lineup_campaign_get_color (c));
      cells[2] = g_strdup_printf ("%s – %s", lineup_campaign_get_starts_on (c), lineup_campaign_get_ends_on (c));
      g_ptr_array_add (rows, cells);
    }
  json_builder_end_array (builder);
  if (opt (args, "json"))
    print_json (builder);
  else
    print_table (rows, 3);
  return 0;
}

int
cmd_campaign_edit (Args    *args,
                   GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  const char *color = opt (args, "color");
  const char *utm = opt (args, "utm-campaign");
  g_autofree char *clean_utm = NULL;
  LineupCampaign *campaign;
  GDate date;
  gint64 id;

  if (!check_one_line ("NAME", positional (args, 0), error) ||
      (opt (args, "rename") && !check_one_line ("--rename", opt (args, "rename"), error)) ||
      (opt (args, "from") && !parse_date_arg ("--from", opt (args, "from"), &date, error)) ||
      (opt (args, "to") && !parse_date_arg ("--to", opt (args, "to"), &date, error)) ||
      !check_color_arg (color, "#e66100", error))
    return 2;
  if (!opt (args, "rename") && !opt (args, "from") && !opt (args, "to") && !color && !utm)
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("campaign edit: nothing to change: give --rename NEW, --from YYYY-MM-DD, --to YYYY-MM-DD, --color #RRGGBB or --utm-campaign VALUE"));
      return 2;
    }
  if (utm && *utm && (clean_utm = lineup_utm_check_value ("--utm-campaign", utm, error)) == NULL)
    return 2;
  store = open_store (args, error);
  if (store == NULL || (campaign = campaign_named (store, positional (args, 0), error)) == NULL)
    return 1;
  id = lineup_campaign_get_id (campaign);
  if ((opt (args, "rename") || opt (args, "from") || opt (args, "to") || color) &&
      !lineup_store_edit_campaign (store, id, opt (args, "rename"), color,
                                   opt (args, "from"), opt (args, "to"), error))
    return 1;
  if (utm && !lineup_store_set_utm_campaign (store, id, utm, error))
    return 1;
  campaign = lineup_store_get_campaign (store, id);
  if (utm)
    {
      g_autofree char *value = lineup_store_get_utm_campaign (store, id);

      out (_("Campaign “%s”: links get utm_campaign=%s\n"), lineup_campaign_get_name (campaign), value);
      return 0;
    }
  out (_("Campaign “%s”: %s to %s, %s\n"), lineup_campaign_get_name (campaign),
       lineup_campaign_get_starts_on (campaign), lineup_campaign_get_ends_on (campaign),
       lineup_campaign_get_color (campaign));
  return 0;
}

int
cmd_campaign_remove (Args    *args,
                     GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autofree char *name = NULL;
  LineupCampaign *campaign;
  guint n;

  if (!check_one_line ("NAME", positional (args, 0), error))
    return 2;
  store = open_store (args, error);
  if (store == NULL || (campaign = campaign_named (store, positional (args, 0), error)) == NULL)
    return 1;
  name = g_strdup (lineup_campaign_get_name (campaign));
  n = lineup_store_count_campaign_posts (store, lineup_campaign_get_id (campaign));
  if (!lineup_store_remove_campaign (store, lineup_campaign_get_id (campaign), error))
    return 1;
  if (n > 0)
    out (g_dngettext (GETTEXT_PACKAGE, "Removed campaign “%s”; its %u post stays, in no campaign\n",
                      "Removed campaign “%s”; its %u posts stay, in no campaign\n", n), name, n);
  else
    out (_("Removed campaign “%s”\n"), name);
  return 0;
}

int
cmd_import_csv (Args    *args,
                GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupCsvReport) report = NULL;
  const char *file = positional (args, 0);
  LineupCsvImportFlags flags = LINEUP_CSV_IMPORT_DEFAULT;
  guint n = 0;

  if (!g_file_test (file, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *s = one_line (file);
      g_set_error (error, CLI_ERROR, CLI_ERROR_FAILED,
                   g_file_test (file, G_FILE_TEST_EXISTS)
                     ? _("import csv: “%s” is not a file: expected a CSV file")
                     : _("import csv: “%s” does not exist: expected a CSV file"), s);
      return 1;
    }
  if (opt (args, "history"))
    flags |= LINEUP_CSV_IMPORT_HISTORY;
  if (opt (args, "create-missing"))
    flags |= LINEUP_CSV_IMPORT_CREATE_MISSING;
  store = open_store_full (args, TRUE, error);
  if (store == NULL || !lineup_import_csv_full (store, file, flags, &report, error))
    return 1;
  n = report->n_rows;
  out (g_dngettext (GETTEXT_PACKAGE, "Imported %u post\n", "Imported %u posts\n", n), n);
  /* Say what --create-missing added. */
  for (guint i = 0; i < report->missing->len; i++)
    out (_("Created %s\n"), (char *) report->missing->pdata[i]);
  return 0;
}

int
cmd_demo (Args    *args,
          GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(GPtrArray) dated = NULL;
  g_autoptr(GHashTable) pillars = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  int year = 0, month = 0;
  guint n = 0;
  GDate first, next;

  if (opt (args, "month") && !parse_month_arg (opt (args, "month"), &year, &month, error))
    return 2;

  store = open_store_full (args, TRUE, error);
  if (store == NULL)
    return 1;
  if (year == 0)
    {
      GDate today;

      lineup_store_get_today (store, &today);
      year = g_date_get_year (&today);
      month = g_date_get_month (&today);
    }
  if (!lineup_demo_fill (store, year, month, &n, error))
    return 1;

  /* Say what the month now holds: the demo refuses a month with posts, so
   * every dated post in it is new. */
  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, month, year);
  next = first;
  g_date_add_months (&next, 1);
  dated = lineup_store_list_posts (store, lineup_store_local_to_utc (store, &first, 0),
                                   lineup_store_local_to_utc (store, &next, 0), NULL);
  for (guint i = 0; dated && i < dated->len; i++)
    {
      gint64 *id = g_new (gint64, 1);

      *id = lineup_post_get_pillar_id (dated->pdata[i]);
      g_hash_table_add (pillars, id);
    }
  out (_("Added a demo plan for %04d-%02d: %u posts (%u dated, %u undated briefs) in %u pillars\n"),
       year, month, n, dated ? dated->len : 0, dated ? n - MIN (n, dated->len) : 0,
       g_hash_table_size (pillars));
  return 0;
}
