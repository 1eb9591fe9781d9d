/* lineup-cli-catalog.c: `lineup pillar add|list`, `lineup campaign add|list`,
 * `lineup import csv` and `lineup demo`: what a plan is made of, and ways
 * to fill one.
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
  if (opt (args, "target"))
    {
      g_autofree char *text = g_strdup (opt (args, "target"));
      char *end = NULL;

      /* "25" and "25%" mean the same. */
      if (g_str_has_suffix (text, "%"))
        text[strlen (text) - 1] = '\0';
      target = g_ascii_strtod (text, &end);
      if (*text == '\0' || end == text || *end != '\0' || !(target >= 0 && target <= 100))
        {
          g_autofree char *s = one_line (opt (args, "target"));
          g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                       _("--target “%s” is not a share: expected a percentage from 0 to 100, e.g. 25"), s);
          return 2;
        }
    }

  store = open_store_full (args, TRUE, error);
  if (store == NULL)
    return 1;
  pillar = lineup_store_add_pillar (store, name, color, target, error);
  if (pillar == NULL)
    return 1;
  out (_("Added pillar “%s” (%s)\n"), lineup_pillar_get_name (pillar), lineup_pillar_get_color (pillar));
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
