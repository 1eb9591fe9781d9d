/* lineup-cli-mix.c: `lineup mix` and `lineup targets set|list`: the content
 * mix of a month against the targets, as text or JSON: what is counted and
 * what is not (the stages left out), the advice with the posts not counted
 * that would close a gap, and pillar targets that do not add up to 100 %.
 *
 * The counting and the advice are in lineup-mix.c, the suggestions from
 * results in lineup-mix-results.c; this file only prints.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "lineup-cli-private.h"
#include "lineup-mix-results.h"

static char *
format_band (LineupMixRow *row)
{
  if (row->min < 0 && row->max < 0)
    return g_strdup ("-");
  return g_strdup_printf ("%.0f–%.0f %%", MAX (row->min, 0), row->max >= 0 ? row->max : 100);
}

/* The suggestions from results, as the "results" member of the mix's JSON. */
static void
results_to_json (JsonBuilder *builder,
                 GPtrArray   *suggestions)
{
  json_builder_begin_array (builder);
  for (guint i = 0; i < suggestions->len; i++)
    {
      const LineupMixResultSuggestion *s = g_ptr_array_index (suggestions, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, s->of == LINEUP_MIX_RESULTS_PILLAR ? "pillar" : "type");
      json_builder_add_string_value (builder, s->name);
      json_builder_set_member_name (builder, "platform");
      json_builder_add_string_value (builder, s->platform);
      json_builder_set_member_name (builder, "posts");
      json_builder_add_int_value (builder, s->n_posts);
      json_builder_set_member_name (builder, "index");
      json_builder_add_double_value (builder, s->index);
      json_builder_set_member_name (builder, "change");
      json_builder_add_string_value (builder, s->raise ? "raise" : "lower");
      json_builder_set_member_name (builder, "target_min");
      json_builder_add_double_value (builder, s->min);
      json_builder_set_member_name (builder, "target_max");
      json_builder_add_double_value (builder, s->max);
      json_builder_set_member_name (builder, "suggested_min");
      json_builder_add_double_value (builder, s->new_min);
      json_builder_set_member_name (builder, "suggested_max");
      json_builder_add_double_value (builder, s->new_max);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, s->text);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* The command that applies @s: "lineup pillar set Proof --target 20". */
static char *
apply_command (const LineupMixResultSuggestion *s)
{
  gboolean plain = *s->name != '\0';
  g_autofree char *name = NULL;

  for (const char *c = s->name; *c; c++)
    plain &= g_ascii_isalnum (*c) || *c == '-' || *c == '_' || *c == '.';
  name = plain ? g_strdup (s->name) : g_shell_quote (s->name);

  if (s->of == LINEUP_MIX_RESULTS_PILLAR)
    return g_strdup_printf ("lineup pillar set %s --target %.0f", name, s->new_max);
  return g_strdup_printf ("lineup targets set %s %.0f %.0f", name, s->new_min, s->new_max);
}

static void
print_rows (const char *title,
            GPtrArray  *rows)
{
  g_autoptr(GPtrArray) table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  char **header = g_new0 (char *, 6);

  header[0] = g_strdup (title);
  header[1] = g_strdup (_("posts"));
  header[2] = g_strdup (_("share"));
  header[3] = g_strdup (_("target"));
  header[4] = g_strdup (_("state"));
  g_ptr_array_add (table, header);
  for (guint i = 0; i < rows->len; i++)
    {
      LineupMixRow *row = g_ptr_array_index (rows, i);
      char **cells = g_new0 (char *, 6);

      cells[0] = one_line (row->name);
      cells[1] = g_strdup_printf ("%u", row->count);
      cells[2] = g_strdup_printf ("%.0f %%", row->share);
      cells[3] = format_band (row);
      cells[4] = g_strdup (lineup_mix_state_to_key (row->state));
      g_ptr_array_add (table, cells);
    }
  print_table (table, 5);
}

int
cmd_mix (Args    *args,
         GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupMix) mix = NULL;
  g_autoptr(LineupMixReport) report = NULL;
  g_autoptr(GPtrArray) from_results = NULL;
  const LineupPlatformInfo *platform = NULL;
  GDate from, to;
  int year = 0, month = 0;

  if (opt (args, "month") && (opt (args, "from") || opt (args, "to")))
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE, _("mix: give --month or --from and --to, not both"));
      return 2;
    }
  if ((opt (args, "from") != NULL) != (opt (args, "to") != NULL))
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE, _("mix: --from and --to go together"));
      return 2;
    }
  if (opt (args, "month") && !parse_month_arg (opt (args, "month"), &year, &month, error))
    return 2;
  if (opt (args, "from") &&
      (!parse_date_arg ("--from", opt (args, "from"), &from, error) ||
       !parse_date_arg ("--to", opt (args, "to"), &to, error)))
    return 2;
  if (opt (args, "from") && g_date_compare (&from, &to) > 0)
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("mix: --from %s is after --to %s"), opt (args, "from"), opt (args, "to"));
      return 2;
    }
  if (opt (args, "platform") && (platform = lineup_platform_lookup (opt (args, "platform"))) == NULL)
    {
      g_autofree char *s = one_line (opt (args, "platform"));
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE, _("mix: “%s” is not a platform: expected one of %s"),
                   s, lineup_platform_list_keys ());
      return 2;
    }

  store = open_store (args, error);
  if (store == NULL)
    return 1;
  if (!opt (args, "from"))
    {
      if (year == 0)
        {
          GDate today;

          lineup_store_get_today (store, &today);
          year = g_date_get_year (&today);
          month = g_date_get_month (&today);
        }
      g_date_clear (&from, 1);
      g_date_set_dmy (&from, 1, month, year);
      to = from;
      g_date_add_months (&to, 1);
    }
  else
    g_date_add_days (&to, 1);

  mix = lineup_mix_new (store);
  if (platform)
    lineup_mix_set_platform (mix, platform->key);
  lineup_mix_set_range (mix, &from, &to);
  report = lineup_mix_get_report (mix);
  from_results = lineup_mix_results_suggest (store, platform ? platform->key : NULL,
                                             g_get_real_time () / G_USEC_PER_SEC, error);
  if (from_results == NULL)
    return 1;

  if (opt (args, "json"))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonBuilder) results = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      lineup_mix_report_to_json (builder, report);
      results_to_json (results, from_results);
      root = json_builder_get_root (builder);
      json_object_set_member (json_node_get_object (root), "results", json_builder_get_root (results));
      json_generator_set_pretty (generator, TRUE);
      json_generator_set_root (generator, root);
      text = json_generator_to_data (generator, NULL);
      out ("%s\n", text);
      return 0;
    }

  {
    char first[64], last_text[64];
    GDate last = to;
    g_autofree char *counted = lineup_mix_report_counted_text (report);

    g_date_subtract_days (&last, 1);
    g_date_strftime (first, sizeof first, "%-d %B %Y", &from);
    g_date_strftime (last_text, sizeof last_text, "%-d %B %Y", &last);
    /* TRANSLATORS: the second-last %s is "20 counted · 7 briefs not counted". */
    out (_("Content mix, %s to %s (%s)%s%s: %s, balance %.0f/100\n\n"), first, last_text,
         lineup_store_get_time_zone_id (store), platform ? _(", on ") : "", platform ? platform->name : "",
         counted, report->score);
  }
  print_rows (_("type"), report->types);
  out ("\n");
  print_rows (_("pillar"), report->pillars);
  {
    g_autofree char *warning = lineup_mix_pillar_targets_warning (store);

    if (warning)
      out ("%s\n", warning);
  }
  if (report->suggestions->len > 0 || from_results->len > 0)
    {
      out ("\n%s\n", _("What to change:"));
      for (guint i = 0; i < report->suggestions->len; i++)
        {
          LineupMixSuggestion *s = g_ptr_array_index (report->suggestions, i);
          g_autofree char *detail = s->detail ? one_line (s->detail) : NULL;

          out ("  - %s\n", s->text);
          if (detail)
            out ("    %s\n", detail);
        }
      /* From results: never applied here, the command to do it given. */
      for (guint i = 0; i < from_results->len; i++)
        {
          const LineupMixResultSuggestion *s = g_ptr_array_index (from_results, i);
          g_autofree char *command = apply_command (s);

          out ("  - %s\n", s->text);
          out ("    %s %s\n", _("To apply:"), command);
        }
    }
  if (report->flags->len > 0)
    {
      out ("\n%s\n", _("Rules of thumb:"));
      for (guint i = 0; i < report->flags->len; i++)
        out ("  - %s\n", (char *) g_ptr_array_index (report->flags, i));
    }
  return 0;
}

int
cmd_targets_set (Args    *args,
                 GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autofree char *name = NULL;
  LineupContentType *type;
  double min, max;
  char *end;

  min = g_ascii_strtod (positional (args, 1), &end);
  if (*end != '\0' && !(end[0] == '%' && end[1] == '\0'))
    min = NAN;
  max = g_ascii_strtod (positional (args, 2), &end);
  if (*end != '\0' && !(end[0] == '%' && end[1] == '\0'))
    max = NAN;
  if (isnan (min) || isnan (max) || min < 0 || max > 100 || min > max)
    {
      g_autofree char *a = one_line (positional (args, 1));
      g_autofree char *b = one_line (positional (args, 2));
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("targets set: “%s” to “%s” is not a range of percentages: give MIN and MAX from 0 to 100, MIN not above MAX, e.g. 40 50"),
                   a, b);
      return 2;
    }
  store = open_store (args, error);
  if (store == NULL)
    return 1;
  type = find_type (store, positional (args, 0), error);
  if (type == NULL)
    return 1;
  /* The store replaces its type objects when a target changes. */
  name = one_line (lineup_content_type_get_name (type));
  if (!lineup_store_set_type_target (store, lineup_content_type_get_id (type), min, max, error))
    return 1;
  out (_("%s: %.0f–%.0f %% of the month\n"), name, min, max);
  return 0;
}

int
cmd_targets_list (Args    *args,
                  GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  GListModel *types;
  GListModel *pillars;

  if (!plan_exists (args))
    {
      if (opt (args, "json"))
        out ("{\"types\": [], \"pillars\": []}\n");
      return 0;
    }
  store = open_store (args, error);
  if (store == NULL)
    return 1;
  types = lineup_store_get_content_types (store);
  pillars = lineup_store_get_pillars (store);
  if (opt (args, "json"))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      lineup_targets_to_json (builder, store);
      print_json (builder);
      return 0;
    }
  for (guint i = 0; i < g_list_model_get_n_items (types); i++)
    {
      g_autoptr(LineupContentType) type = g_list_model_get_item (types, i);
      g_autofree char *name = one_line (lineup_content_type_get_name (type));

      out ("%-14s %3.0f–%.0f %%\n", name, lineup_content_type_get_target_min (type),
           lineup_content_type_get_target_max (type));
    }
  for (guint i = 0; i < g_list_model_get_n_items (pillars); i++)
    {
      g_autoptr(LineupPillar) pillar = g_list_model_get_item (pillars, i);
      g_autofree char *name = one_line (lineup_pillar_get_name (pillar));

      if (lineup_pillar_get_target (pillar) >= 0)
        out (_("%s (pillar): %.0f %%\n"), name, lineup_pillar_get_target (pillar));
    }
  {
    g_autofree char *warning = lineup_mix_pillar_targets_warning (store);

    if (warning)
      out ("%s\n", warning);
  }
  return 0;
}

/* `targets count [STAGE…]`: which stages the mix counts (lineup-store.h),
 * shown, or set to the stages given. */
int
cmd_targets_count (Args    *args,
                   GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(GString) shown = g_string_new (NULL);
  guint stages = 0;

  for (guint i = 0; args->positional && i < args->positional->len; i++)
    {
      const char *text = g_ptr_array_index (args->positional, i);
      LineupStage stage;

      if (!check_utf8 ("STAGE", text, error))
        return 2;
      if (!lineup_stage_from_string (text, &stage))
        {
          g_autofree char *s = one_line (text);
          g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE, _("targets count: “%s” is not a stage: expected %s"),
                       s, lineup_stage_list_keys ());
          return 2;
        }
      stages |= 1u << stage;
    }
  store = open_store (args, error);
  if (store == NULL)
    return 1;
  if (stages && !lineup_store_set_mix_stages (store, stages, error))
    return 1;
  stages = lineup_store_get_mix_stages (store);
  for (guint s = 0; s < LINEUP_N_STAGES; s++)
    if (stages & (1u << s))
      g_string_append_printf (shown, "%s%s", shown->len ? " " : "", lineup_stage_to_key (s));
  out (_("The mix counts: %s\n"), shown->str);
  return 0;
}
