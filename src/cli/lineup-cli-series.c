/* lineup-cli-series.c: recurring series on the command line: `lineup post
 * repeat ID --every …` turns a post into a series, `lineup series list`,
 * `series stop` and `series roll` see, end and catch up series
 * (lineup-store-series.h), and the horizon rolled forward by the commands
 * that list or sync the plan.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lineup-cli-private.h"

/* A whole number from @min to @max given as option @name, or 0 when the
 * option is absent. */
static gboolean
int_option (Args        *args,
            const char  *name,
            int          min,
            int          max,
            int         *out,
            GError     **error)
{
  const char *text = opt (args, name);
  gint64 value;

  *out = 0;
  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_signed (text, 10, min, max, &value, NULL))
    {
      g_autofree char *s = one_line (text);
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("--%s “%s” is not a whole number from %d to %d"), name, s, min, max);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

void
roll_series (LineupStore *store)
{
  g_autoptr(GError) error = NULL;

  if (!lineup_store_roll_series (store, LINEUP_SERIES_HORIZON_DAYS, NULL, &error))
    g_printerr (_("Warning: the series’ next posts could not be made: %s\n"), error->message);
}

int
cmd_post_repeat (Args    *args,
                 GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupSeries) series = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *words = NULL;
  g_autofree char *title = NULL;
  LineupSeriesRule rule;
  int interval, count;

  if (!check_utf8 ("ID", positional (args, 0), error))
    return 2;
  if (opt (args, "every") == NULL)
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("post repeat: say how often with --every day, --every week or --every month"));
      return 2;
    }
  if (!int_option (args, "interval", 1, LINEUP_SERIES_MAX_INTERVAL, &interval, error) ||
      !int_option (args, "count", 1, LINEUP_SERIES_MAX_COUNT, &count, error))
    return 2;
  lineup_series_rule_init (&rule);
  if (!lineup_series_rule_from_words (&rule, opt (args, "every"), interval, opt (args, "on"),
                                      opt (args, "day"), opt (args, "weekday"), opt (args, "until"),
                                      count, error))
    {
      g_prefix_error (error, "post repeat: ");
      return 2;
    }

  store = open_store (args, error);
  if (store == NULL)
    return 1;
  uid = lineup_store_repeat_post (store, positional (args, 0), &rule, error);
  if (uid == NULL)
    return 1;
  series = lineup_store_get_series (store, uid, error);
  if (series == NULL)
    return 1;
  words = lineup_series_rule_describe (&series->rule);
  title = one_line (series->title);
  out (_("“%s” repeats: %s (series %.8s, posts made ahead: %u)\n"), title, words, uid, series->n_live);
  return 0;
}

int
cmd_series_list (Args    *args,
                 GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (!open_for_listing (args, &store, error))
    return store == NULL && error && *error ? 1 : 0;
  roll_series (store);
  all = lineup_store_list_series (store);

  json_builder_begin_array (builder);
  for (guint i = 0; i < all->len; i++)
    {
      LineupSeries *series = g_ptr_array_index (all, i);
      g_autofree char *rule = lineup_series_rule_to_string (&series->rule);
      g_autofree char *words = lineup_series_rule_describe (&series->rule);
      char **cells = g_new0 (char *, 6);
      char next[16] = "";

      if (g_date_valid (&series->next))
        g_snprintf (next, sizeof next, "%04d-%02d-%02d", g_date_get_year (&series->next),
                    g_date_get_month (&series->next), g_date_get_day (&series->next));
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "uid");
      json_builder_add_string_value (builder, series->uid);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, series->title);
      json_builder_set_member_name (builder, "rule");
      json_builder_add_string_value (builder, rule);
      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, words);
      json_builder_set_member_name (builder, "posts");
      json_builder_add_int_value (builder, series->n_live);
      json_builder_set_member_name (builder, "moved");
      json_builder_add_int_value (builder, series->n_moved);
      json_builder_set_member_name (builder, "deleted");
      json_builder_add_int_value (builder, series->n_deleted);
      json_builder_set_member_name (builder, "next");
      if (*next)
        json_builder_add_string_value (builder, next);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);

      cells[0] = g_strndup (series->uid, 8);
      cells[1] = one_line (series->title);
      cells[2] = g_strdup (words);
      cells[3] = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u post", "%u posts", series->n_live), series->n_live);
      cells[4] = g_strdup (*next ? next : "—");
      g_ptr_array_add (rows, cells);
    }
  json_builder_end_array (builder);

  if (opt (args, "json"))
    print_json (builder);
  else if (all->len == 0)
    out ("%s\n", _("No series yet: make a post repeat with “lineup post repeat ID --every week”"));
  else
    print_table (rows, 5);
  return 0;
}

int
cmd_series_stop (Args    *args,
                 GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupSeries) series = NULL;
  g_autofree char *title = NULL;

  if (!check_utf8 ("SERIES", positional (args, 0), error))
    return 2;
  store = open_store (args, error);
  if (store == NULL)
    return 1;
  series = lineup_store_get_series (store, positional (args, 0), error);
  if (series == NULL || !lineup_store_stop_series (store, series->uid, error))
    return 1;
  title = one_line (series->title);
  out (_("Stopped series “%s”: no posts after today\n"), title);
  return 0;
}

int
cmd_series_roll (Args    *args,
                 GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  int days;
  guint made = 0;

  if (!int_option (args, "days", 1, 3660, &days, error))
    return 2;
  store = open_store (args, error);
  if (store == NULL)
    return 1;
  if (!lineup_store_roll_series (store, days ? days : LINEUP_SERIES_HORIZON_DAYS, &made, error))
    return 1;
  out (g_dngettext (GETTEXT_PACKAGE, "Made %u post of the series ahead\n", "Made %u posts of the series ahead\n", made), made);
  return 0;
}

gboolean
series_scope_option (Args               *args,
                     LineupSeriesScope  *out_scope,
                     GError            **error)
{
  *out_scope = LINEUP_SERIES_THIS;
  if (opt (args, "series") && !lineup_series_scope_from_key (opt (args, "series"), out_scope))
    {
      g_autofree char *s = one_line (opt (args, "series"));
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("--series “%s”: expected this, following or all"), s);
      return FALSE;
    }
  return TRUE;
}
