/* lineup-cli-results.c: `lineup post url ID URL` (where a post published
 * outside Lineup is) and `lineup results import FILE` (its numbers from a
 * network's CSV export; lineup-results-import.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "lineup-cli-private.h"
#include "lineup-results-fetch.h"
#include "lineup-sync.h"

int
cmd_post_url (Args    *args,
              GError **error)
{
  g_autoptr(LineupStore) store = open_store (args, error);
  g_autoptr(LineupPost) post = NULL;
  const char *url = positional (args, 1);

  if (store == NULL)
    return 1;
  if (!lineup_store_set_post_url (store, positional (args, 0), url, error))
    return 1;
  post = lineup_store_get_post (store, positional (args, 0), error);
  if (post == NULL)
    return 1;
  if (*url)
    out (_("%s is at %s\n"), lineup_post_get_id (post), url);
  else
    out (_("%s has no address of its own now\n"), lineup_post_get_id (post));
  return 0;
}

int
cmd_results_import (Args    *args,
                    GError **error)
{
  g_autoptr(LineupStore) store = open_store (args, error);
  guint n = 0;

  if (store == NULL)
    return 1;
  if (!lineup_results_import (store, positional (args, 0), &n, error))
    return 1;
  out (g_dngettext (GETTEXT_PACKAGE, "Imported the results of %u row\n", "Imported the results of %u rows\n", n), n);
  return 0;
}

int
cmd_results_fetch (Args    *args,
                   GError **error)
{
  g_autoptr(LineupStore) store = open_store (args, error);
  g_autoptr(LineupSecrets) secrets = NULL;
  g_autoptr(LineupHttp) http = NULL;
  LineupResultsFetchReport report;
  LineupResultsFetchFlags flags = opt (args, "due") ? LINEUP_RESULTS_FETCH_DUE : LINEUP_RESULTS_FETCH_ALL;
  gboolean ok;

  if (store == NULL || (secrets = lineup_secrets_new (error)) == NULL)
    return 1;
  http = lineup_http_new ();
  lineup_results_fetch_report_init (&report);
  ok = lineup_results_fetch (store, secrets, http, opt (args, "post"), flags, lineup_sync_now (), &report, NULL, error);
  if (ok)
    {
      guint read = report.read, not_found = report.not_found;

      if (read + not_found + report.failed == 0)
        out ("%s\n", flags & LINEUP_RESULTS_FETCH_DUE
                       ? _("Nothing to read: no post published to Mastodon or Bluesky is due (1 hour, 24 hours and 7 days after it went out)")
                       : _("Nothing to read: Lineup has published no post to a Mastodon or Bluesky account of this plan"));
      else
        {
          g_autofree char *first = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Read %u post", "Read %u posts", read), read);
          g_autofree char *networks = g_strdup_printf (_("%u on Mastodon, %u on Bluesky"), report.mastodon, report.bluesky);
          g_autofree char *lost = not_found ? g_strdup_printf (_("; %u not found (deleted?)"), not_found) : g_strdup ("");
          g_autofree char *failed = report.failed ? g_strdup_printf (_("; %u not read"), report.failed) : g_strdup ("");

          out ("%s: %s%s%s\n", first, networks, lost, failed);
        }
      for (guint i = 0; i < report.notes->len; i++)
        out ("  %s\n", (const char *) g_ptr_array_index (report.notes, i));
      for (guint i = 0; i < report.problems->len; i++)
        print_error (g_ptr_array_index (report.problems, i));
      ok = report.failed == 0;
    }
  lineup_results_fetch_report_clear (&report);
  return ok ? 0 : 1;
}

/* --from/--to as the instants of the plan's local days (the end exclusive). */
static int
read_window (Args          *args,
             LineupStore   *store,
             gint64        *from,
             gint64        *to,
             GError       **error)
{
  GDate first, last;

  *from = *to = 0;
  if ((opt (args, "from") != NULL) != (opt (args, "to") != NULL))
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE, _("results: --from and --to go together"));
      return 2;
    }
  if (opt (args, "from") == NULL)
    return 0;
  if (!parse_date_arg ("--from", opt (args, "from"), &first, error) ||
      !parse_date_arg ("--to", opt (args, "to"), &last, error))
    return 2;
  if (g_date_compare (&first, &last) > 0)
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE, _("results: --from %s is after --to %s"),
                   opt (args, "from"), opt (args, "to"));
      return 2;
    }
  g_date_add_days (&last, 1);
  *from = lineup_store_local_to_utc (store, &first, 0);
  *to = lineup_store_local_to_utc (store, &last, 0);
  return 0;
}

int
cmd_results (Args    *args,
             GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupResultsReport) report = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  LineupResultsBy by = LINEUP_RESULTS_BY_PILLAR;
  gint64 from, to;
  int status;

  if (opt (args, "by") && !lineup_results_by_parse (opt (args, "by"), &by))
    {
      g_autofree char *s = one_line (opt (args, "by"));
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("results: --by “%s” is not a grouping: expected pillar, type, platform, weekday or hour"), s);
      return 2;
    }
  if ((store = open_store (args, error)) == NULL)
    return 1;
  if ((status = read_window (args, store, &from, &to, error)) != 0)
    return status;
  report = lineup_results_report (store, by, from, to, g_get_real_time () / G_USEC_PER_SEC, error);
  if (report == NULL)
    return 1;

  if (opt (args, "json"))
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "baseline");
      if (isnan (report->baseline))
        json_builder_add_null_value (builder);
      else
        json_builder_add_double_value (builder, report->baseline);
      json_builder_set_member_name (builder, "posts");
      json_builder_add_int_value (builder, report->n_posts);
      json_builder_set_member_name (builder, "groups");
      json_builder_begin_array (builder);
      for (guint i = 0; i < report->groups->len; i++)
        {
          const LineupResultGroup *group = g_ptr_array_index (report->groups, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "group");
          json_builder_add_string_value (builder, group->group);
          json_builder_set_member_name (builder, "posts");
          json_builder_add_int_value (builder, group->n_posts);
          json_builder_set_member_name (builder, "median");
          json_builder_add_double_value (builder, group->median);
          json_builder_set_member_name (builder, "index");
          if (isnan (group->index))
            json_builder_add_null_value (builder);
          else
            json_builder_add_double_value (builder, group->index);
          json_builder_set_member_name (builder, "enough");
          json_builder_add_boolean_value (builder, group->enough);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      print_json (builder);
      return 0;
    }

  if (report->groups->len == 0)
    {
      out ("%s\n", _("No results yet: add them with “lineup results import FILE”"));
      return 0;
    }
  if (isnan (report->baseline))
    out ("%s\n", _("No posts with results in the last 90 days: no baseline to compare with"));
  else
    out (_("Usual engagement (median of the last 90 days): %.1f\n"), report->baseline);
  for (guint i = 0; i < report->groups->len; i++)
    {
      const LineupResultGroup *group = g_ptr_array_index (report->groups, i);
      g_autofree char *posts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u post", "%u posts", group->n_posts),
                                                group->n_posts);

      if (!group->enough)
        out ("  %-24s %-10s %s\n", lineup_results_group_label (by, group->group), posts, _("too few to tell"));
      else if (isnan (group->index))
        out ("  %-24s %-10s %s %.1f\n", lineup_results_group_label (by, group->group), posts, _("median"), group->median);
      else
        out ("  %-24s %-10s %s %.1f  ×%.2f\n", lineup_results_group_label (by, group->group), posts, _("median"),
             group->median, group->index);
    }
  return 0;
}

static void
csv_cell (GString    *line,
          const char *text)
{
  if (line->len && line->str[line->len - 1] != '\n')
    g_string_append_c (line, ',');
  if (text && strpbrk (text, ",\"\r\n"))
    {
      g_autofree char *doubled = NULL;
      g_auto(GStrv) parts = g_strsplit (text, "\"", -1);

      doubled = g_strjoinv ("\"\"", parts);
      g_string_append_printf (line, "\"%s\"", doubled);
    }
  else if (text)
    g_string_append (line, text);
}

int
cmd_results_export (Args    *args,
                    GError **error)
{
  const char *format = opt (args, "format") ? opt (args, "format") : "csv";
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(GPtrArray) latest = NULL;
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (!g_str_equal (format, "csv") && !g_str_equal (format, "json"))
    {
      g_autofree char *s = one_line (format);
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE, _("results export: --format “%s”: expected csv or json"), s);
      return 2;
    }
  if ((store = open_store (args, error)) == NULL)
    return 1;
  if ((latest = lineup_store_get_latest_results (store, NULL, error)) == NULL)
    return 1;

  g_string_append (csv, "post,title,network,taken_at");
  for (guint c = 0; c < LINEUP_RESULT_N_COUNTS; c++)
    g_string_append_printf (csv, ",%s", lineup_result_count_key (c));
  g_string_append (csv, ",engagement,source,followers\n");
  json_builder_begin_array (builder);
  for (guint i = 0; i < latest->len; i++)
    {
      const LineupResultSnapshot *s = g_ptr_array_index (latest, i);
      g_autoptr(LineupPost) post = lineup_store_get_post (store, s->post_id, NULL);
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (s->taken_at);
      g_autofree char *when = at ? g_date_time_format (at, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("");
      g_autofree char *engagement = g_strdup_printf ("%g", lineup_result_engagement (s, NULL));
      g_autofree char *followers = s->followers == LINEUP_RESULT_UNKNOWN ? g_strdup ("")
                                   : g_strdup_printf ("%" G_GINT64_FORMAT, s->followers);

      csv_cell (csv, s->post_id);
      csv_cell (csv, post ? lineup_post_get_title (post) : "");
      csv_cell (csv, s->network);
      csv_cell (csv, when);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "post");
      json_builder_add_string_value (builder, s->post_id);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, post ? lineup_post_get_title (post) : "");
      json_builder_set_member_name (builder, "network");
      json_builder_add_string_value (builder, s->network);
      json_builder_set_member_name (builder, "taken_at");
      json_builder_add_string_value (builder, when);
      for (guint c = 0; c < LINEUP_RESULT_N_COUNTS; c++)
        {
          g_autofree char *n = s->counts[c] == LINEUP_RESULT_UNKNOWN ? g_strdup ("")
                               : g_strdup_printf ("%" G_GINT64_FORMAT, s->counts[c]);

          csv_cell (csv, n);
          json_builder_set_member_name (builder, lineup_result_count_key (c));
          if (s->counts[c] == LINEUP_RESULT_UNKNOWN)
            json_builder_add_null_value (builder);
          else
            json_builder_add_int_value (builder, s->counts[c]);
        }
      csv_cell (csv, engagement);
      csv_cell (csv, s->source);
      csv_cell (csv, followers);
      g_string_append_c (csv, '\n');
      json_builder_set_member_name (builder, "engagement");
      json_builder_add_double_value (builder, lineup_result_engagement (s, NULL));
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, s->source);
      json_builder_set_member_name (builder, "followers");
      if (s->followers == LINEUP_RESULT_UNKNOWN)
        json_builder_add_null_value (builder);
      else
        json_builder_add_int_value (builder, s->followers);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (g_str_equal (format, "json"))
    print_json (builder);
  else
    out ("%s", csv->str);
  return 0;
}
