/* lineup-cli-skeleton.c: `lineup plan month YYYY-MM --tier …`: the month
 * skeleton (lineup-skeleton-store.h), printed as a proposal and added with
 * --yes; and `lineup overlay blackout NAME [--off]`, the overlays whose
 * days it leaves free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "lineup-cli-private.h"

/* The proposal, week by week: "  Tue 2 Jun, 09:00  LinkedIn  Educational · Product education  (slot)". */
static void
print_plan (LineupStore     *store,
            LineupMonthPlan *plan)
{
  char month[64];
  g_autoptr(GString) networks = g_string_new (NULL);
  guint week = G_MAXUINT;

  g_date_strftime (month, sizeof month, "%B %Y", &plan->month);
  for (guint i = 0; plan->platforms[i]; i++)
    {
      const LineupPlatformInfo *info = lineup_platform_lookup (plan->platforms[i]);

      g_string_append_printf (networks, "%s%s", i ? ", " : "", info ? info->name : plan->platforms[i]);
    }
  out (g_dngettext (GETTEXT_PACKAGE, "%s, %s tier: %u brief on %s\n", "%s, %s tier: %u briefs on %s\n",
                    plan->briefs->len),
       month, lineup_skeleton_tier_to_key (plan->tier), plan->briefs->len, networks->str);
  if (plan->blackout_days > 0)
    out (g_dngettext (GETTEXT_PACKAGE, "%u blackout day left free\n", "%u blackout days left free\n",
                      plan->blackout_days), plan->blackout_days);
  for (guint i = 0; i < plan->briefs->len; i++)
    {
      LineupSkeletonBrief *brief = &g_array_index (plan->briefs, LineupSkeletonBrief, i);
      const LineupPlatformInfo *info = lineup_platform_lookup (brief->platform);
      LineupContentType *type = lineup_store_get_content_type (store, brief->type_id);
      LineupPillar *pillar = lineup_store_get_pillar (store, brief->pillar_id);
      g_autofree char *when = lineup_store_format_time (store, brief->at, "%a %-d %b, %H:%M");

      if (brief->week != week)
        {
          g_autofree char *first = lineup_store_format_time (store, brief->at, "%-d %b");

          week = brief->week;
          out (_("Week %u (from %s)\n"), week + 1, first);
        }
      out ("  %s  %-10s  %s · %s%s\n", when, info ? info->name : brief->platform,
           type ? lineup_content_type_get_name (type) : "?", pillar ? lineup_pillar_get_name (pillar) : "?",
           brief->from_slot ? _("  (slot)") : "");
    }
}

int
cmd_plan_month (Args    *args,
                GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupMonthPlan) plan = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) wanted = NULL;
  g_auto(GStrv) platforms = NULL;
  g_autoptr(GError) local = NULL;
  GPtrArray *given = opt_all (args, "platform");
  LineupSkeletonTier tier;
  GDate month;
  int year, mon;

  if (!parse_month_arg (positional (args, 0), &year, &mon, &local))
    {
      g_autofree char *s = one_line (positional (args, 0));
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("plan month: “%s” is not a month: expected YYYY-MM from %d-01 to %d-12, e.g. 2026-12"),
                   s, LINEUP_FIRST_YEAR, LINEUP_LAST_YEAR);
      return 2;
    }
  if (!need (args, "tier", error))
    return 2;
  if (!lineup_skeleton_tier_parse (opt (args, "tier"), &tier, &local))
    {
      g_autofree char *s = one_line (opt (args, "tier"));
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("--tier “%s” is not a cadence tier: expected light (2–3 posts a week a network), standard or heavy"), s);
      return 2;
    }
  for (guint i = 0; given && i < given->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (given, i));
  wanted = g_strv_builder_end (builder);
  if (wanted[0] && !lineup_platforms_normalize ((const char * const *) wanted, &platforms, &local))
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE, "--platform: %s", local->message);
      return 2;
    }

  store = open_store (args, error);
  if (store == NULL)
    return 1;
  g_date_clear (&month, 1);
  g_date_set_dmy (&month, 1, mon, year);
  plan = lineup_month_plan_propose (store, &month, tier, (const char * const *) platforms, 1, error);
  if (plan == NULL)
    return 1;
  print_plan (store, plan);
  if (!opt (args, "yes"))
    {
      if (plan->briefs->len > 0)
        out ("%s\n", _("Nothing was added: run it again with --yes to add these briefs (one undo step)."));
      else
        out ("%s\n", _("Nothing to add: the month has no free day for these networks"));
      return 0;
    }
  if (!lineup_month_plan_apply (store, plan, error))
    return 1;
  out (g_dngettext (GETTEXT_PACKAGE, "Added %u brief.\n", "Added %u briefs.\n", plan->briefs->len),
       plan->briefs->len);
  return 0;
}

int
cmd_overlay_blackout (Args    *args,
                      GError **error)
{
  g_autoptr(LineupStore) store = open_store (args, error);
  gboolean on = opt (args, "off") == NULL;
  g_autofree char *name = NULL;

  if (store == NULL || !lineup_store_set_overlay_blackout (store, positional (args, 0), on, error))
    return 1;
  name = one_line (positional (args, 0));
  out (on ? _("“%s” is a blackout calendar: Plan This Month leaves its days free\n")
          : _("“%s” is no longer a blackout calendar\n"), name);
  return 0;
}
