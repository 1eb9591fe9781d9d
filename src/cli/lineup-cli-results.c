/* lineup-cli-results.c: `lineup post url ID URL` (where a post published
 * outside Lineup is) and `lineup results import FILE` (its numbers from a
 * network's CSV export; lineup-results-import.h), `lineup results` (what
 * works), `lineup results times` (best times; lineup-results-times.h) and
 * `lineup results export`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "lineup-cli-private.h"
#include "lineup-results-times.h"
#include "lineup-store-weights.h"
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
          json_builder_set_member_name (builder, "rate");   /* engagement per follower */
          if (isnan (group->rate))
            json_builder_add_null_value (builder);
          else
            json_builder_add_double_value (builder, group->rate);
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
      else if (isnan (group->rate))
        out ("  %-24s %-10s %s %.1f  ×%.2f\n", lineup_results_group_label (by, group->group), posts, _("median"),
             group->median, group->index);
      else
        /* Translators: the engagement per follower, "2.1 % of followers". */
        out ("  %-24s %-10s %s %.1f  ×%.2f  %.1f %% %s\n", lineup_results_group_label (by, group->group), posts,
             _("median"), group->median, group->index, 100 * group->rate, _("of followers"));
    }
  return 0;
}

/* A cell of the grid as one character: no posts, no usual to compare
 * with, below usual, about usual, above, twice or more. */
static const char *
times_symbol (const LineupResultsTimeCell *cell)
{
  if (cell->n_posts == 0)
    return "·";
  if (isnan (cell->index))
    return "?";
  if (cell->index < 0.8)
    return "-";
  if (cell->index < 1.25)
    return "=";
  return cell->index < 2.0 ? "+" : "#";
}

static void
times_json (JsonBuilder              *builder,
            const LineupResultsTimes *times,
            const char               *platform)
{
  /* Untranslated: keys for scripts. */
  static const char * const weekdays[] = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
  };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "platform");
  if (platform)
    json_builder_add_string_value (builder, platform);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "posts");
  json_builder_add_int_value (builder, times->n_posts);
  json_builder_set_member_name (builder, "cells");
  json_builder_begin_array (builder);
  for (guint d = 0; d < 7; d++)
    for (guint h = 0; h < 24; h++)
      {
        const LineupResultsTimeCell *cell = &times->cells[d][h];

        if (cell->n_posts == 0)
          continue;
        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "weekday");
        json_builder_add_string_value (builder, weekdays[d]);
        json_builder_set_member_name (builder, "hour");
        json_builder_add_int_value (builder, h);
        json_builder_set_member_name (builder, "posts");
        json_builder_add_int_value (builder, cell->n_posts);
        json_builder_set_member_name (builder, "median");
        json_builder_add_double_value (builder, cell->median);
        json_builder_set_member_name (builder, "index");
        if (isnan (cell->index))
          json_builder_add_null_value (builder);
        else
          json_builder_add_double_value (builder, cell->index);
        json_builder_end_object (builder);
      }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "best");
  json_builder_begin_array (builder);
  for (guint i = 0; i < times->best->len; i++)
    {
      const LineupResultsBestSlot *slot = &g_array_index (times->best, LineupResultsBestSlot, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "weekday");
      json_builder_add_string_value (builder, weekdays[slot->weekday - 1]);
      json_builder_set_member_name (builder, "hour");
      json_builder_add_int_value (builder, slot->hour);
      json_builder_set_member_name (builder, "posts");
      json_builder_add_int_value (builder, slot->n_posts);
      json_builder_set_member_name (builder, "index");
      json_builder_add_double_value (builder, slot->index);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

int
cmd_results_times (Args    *args,
                   GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupResultsTimes) times = NULL;
  g_autoptr(GString) line = g_string_new (NULL);
  const LineupPlatformInfo *platform = NULL;
  const char *keys[2] = { NULL, NULL };
  const char *name;
  guint first = 24, last = 0;

  if (opt (args, "platform") && (platform = lineup_platform_lookup (opt (args, "platform"))) == NULL)
    {
      g_autofree char *s = one_line (opt (args, "platform"));
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE, _("results times: “%s” is not a platform: expected one of %s"),
                   s, lineup_platform_list_keys ());
      return 2;
    }
  if ((store = open_store (args, error)) == NULL)
    return 1;
  keys[0] = platform ? platform->key : NULL;
  times = lineup_results_times (store, keys, g_get_real_time () / G_USEC_PER_SEC, LINEUP_RESULTS_TIMES_BEST, error);
  if (times == NULL)
    return 1;
  if (opt (args, "json"))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      times_json (builder, times, platform ? platform->key : NULL);
      print_json (builder);
      return 0;
    }

  name = platform ? platform->name : _("all networks");
  if (times->n_posts == 0)
    {
      out (_("No results yet for %s: add them with “lineup results import FILE”\n"), name);
      return 0;
    }
  out (g_dngettext (GETTEXT_PACKAGE, "Results on %s by the hour they went out (%s), %u post:\n",
                    "Results on %s by the hour they went out (%s), %u posts:\n", times->n_posts),
       name, lineup_store_get_time_zone_id (store), times->n_posts);
  /* Only the hours with posts, from the first to the last. */
  for (guint d = 0; d < 7; d++)
    for (guint h = 0; h < 24; h++)
      if (times->cells[d][h].n_posts > 0)
        {
          first = MIN (first, h);
          last = MAX (last, h);
        }
  g_string_append (line, "     ");
  for (guint h = first; h <= last; h++)
    g_string_append_printf (line, " %02u", h);
  out ("%s\n", line->str);
  for (guint d = 0; d < 7; d++)
    {
      LineupResultsBestSlot day = { d + 1, 0, 0, 0.0 };
      g_autofree char *described = lineup_results_best_slot_describe (&day);
      g_auto(GStrv) parts = g_strsplit (described, " ", 2);

      g_string_truncate (line, 0);
      g_string_append_printf (line, "%-5s", parts[0]);
      for (guint h = first; h <= last; h++)
        g_string_append_printf (line, "  %s", times_symbol (&times->cells[d][h]));
      out ("%s\n", line->str);
    }
  out ("%s\n", _("· no posts  - below usual  = usual  + above usual  # twice usual or more  ? no usual to compare with"));

  {
    g_autofree char *best = lineup_results_times_describe_best (times, name);

    out ("%s\n", best);
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
  LineupResultWeights weights;

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
  lineup_store_get_result_weights (store, &weights);

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
      g_autofree char *engagement = g_strdup_printf ("%g", lineup_result_engagement (s, &weights));
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
      json_builder_add_double_value (builder, lineup_result_engagement (s, &weights));
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

static void
json_number_or_null (JsonBuilder *builder,
                     const char  *member,
                     double       value)
{
  json_builder_set_member_name (builder, member);
  if (isnan (value))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, value);
}

static void
review_post_json (JsonBuilder            *builder,
                  LineupStore            *store,
                  const LineupReviewPost *post)
{
  g_autofree char *at = lineup_store_format_time (store, post->at, "%Y-%m-%dT%H:%M");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, post->post_id);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, post->title);
  json_builder_set_member_name (builder, "pillar");
  json_builder_add_string_value (builder, post->pillar);
  json_builder_set_member_name (builder, "at");
  json_builder_add_string_value (builder, at);
  json_number_or_null (builder, "engagement", post->engagement);
  json_number_or_null (builder, "index", post->index);
  json_builder_end_object (builder);
}

static void
review_json (LineupStore         *store,
             LineupResultsReview *review)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  char week[16];

  g_date_strftime (week, sizeof week, "%Y-%m-%d", &review->week);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "week");
  json_builder_add_string_value (builder, week);
  json_number_or_null (builder, "baseline", review->baseline);
  json_number_or_null (builder, "median", review->median);
  json_number_or_null (builder, "median_before", review->median_before);
  json_builder_set_member_name (builder, "posts_before");
  json_builder_add_int_value (builder, review->n_posts_before);
  for (guint list = 0; list < 3; list++)
    {
      GPtrArray *posts = list == 0 ? review->posts : list == 1 ? review->best : review->worst;

      json_builder_set_member_name (builder, list == 0 ? "posts" : list == 1 ? "best" : "worst");
      json_builder_begin_array (builder);
      for (guint i = 0; i < posts->len; i++)
        {
          if (list == 0)
            review_post_json (builder, store, g_ptr_array_index (posts, i));
          else
            json_builder_add_string_value (builder, ((LineupReviewPost *) g_ptr_array_index (posts, i))->post_id);
        }
      json_builder_end_array (builder);
    }
  json_builder_set_member_name (builder, "pillars");
  json_builder_begin_array (builder);
  for (guint i = 0; i < review->pillars->len; i++)
    {
      const LineupReviewPillar *p = g_ptr_array_index (review->pillars, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "pillar");
      json_builder_add_string_value (builder, p->pillar);
      json_builder_set_member_name (builder, "posts");
      json_builder_add_int_value (builder, p->n_posts);
      json_builder_set_member_name (builder, "posts_before");
      json_builder_add_int_value (builder, p->n_posts_before);
      json_number_or_null (builder, "index", p->index);
      json_number_or_null (builder, "index_before", p->index_before);
      json_number_or_null (builder, "delta", p->delta);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  print_json (builder);
}

/* "×1.80", or "–" when not known. */
static char *
index_text (double index)
{
  return isnan (index) ? g_strdup ("–") : g_strdup_printf ("×%.2f", index);
}

static void
review_posts_text (LineupStore *store,
                   const char  *heading,
                   GPtrArray   *posts)
{
  if (posts->len == 0)
    return;
  out ("%s\n", heading);
  for (guint i = 0; i < posts->len; i++)
    {
      const LineupReviewPost *p = g_ptr_array_index (posts, i);
      g_autofree char *at = lineup_store_format_time (store, p->at, "%a %-d %b %H:%M");
      g_autofree char *index = index_text (p->index);

      out ("  %-8.8s %-18s %8.1f %7s  %s\n", p->post_id, at, p->engagement, index, p->title);
    }
}

int
cmd_results_review (Args    *args,
                    GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupResultsReview) review = NULL;
  GDate day, last;
  char from[64], to[64];

  g_date_clear (&day, 1);
  if (opt (args, "week") && !parse_date_arg ("--week", opt (args, "week"), &day, error))
    return 2;
  if ((store = open_store (args, error)) == NULL)
    return 1;
  review = lineup_results_review (store, opt (args, "week") ? &day : NULL, g_get_real_time () / G_USEC_PER_SEC,
                                  error);
  if (review == NULL)
    return 1;
  if (opt (args, "json"))
    {
      review_json (store, review);
      return 0;
    }

  last = review->week;
  g_date_add_days (&last, 6);
  g_date_strftime (from, sizeof from, "%A %-d %B %Y", &review->week);
  g_date_strftime (to, sizeof to, "%A %-d %B", &last);
  out (_("Week of %s to %s\n"), from, to);
  if (isnan (review->baseline))
    out ("%s\n", _("No posts with results in the 90 days to its end: no baseline to compare with"));
  else
    out (_("Usual engagement (median of the 90 days to its end): %.1f\n"), review->baseline);
  if (review->posts->len == 0)
    out ("%s\n", _("No posts with results that week"));
  else
    out (g_dngettext (GETTEXT_PACKAGE, "%u post with results, median engagement %.1f\n",
                      "%u posts with results, median engagement %.1f\n", review->posts->len),
         review->posts->len, review->median);
  if (review->n_posts_before == 0)
    out ("%s\n", _("The week before: no posts with results"));
  else
    out (g_dngettext (GETTEXT_PACKAGE, "The week before: %u post, median engagement %.1f\n",
                      "The week before: %u posts, median engagement %.1f\n", review->n_posts_before),
         review->n_posts_before, review->median_before);
  review_posts_text (store, C_("review", "Best:"), review->best);
  review_posts_text (store, _("Worst:"), review->worst);
  if (review->pillars->len)
    out ("%s\n", _("Pillars (index that week, the week before, change):"));
  for (guint i = 0; i < review->pillars->len; i++)
    {
      const LineupReviewPillar *p = g_ptr_array_index (review->pillars, i);
      g_autofree char *now = index_text (p->index);
      g_autofree char *before = index_text (p->index_before);
      g_autofree char *delta = isnan (p->delta) ? g_strdup ("–") : g_strdup_printf ("%+.2f", p->delta);

      out ("  %-24s %7s %7s %7s\n", p->pillar, now, before, delta);
    }
  return 0;
}

/* `results weights [--likes N …|--reset] [--json]`: the plan's engagement
 * weights, shown or changed (one undo step; lineup-store-weights.h). */
int
cmd_results_weights (Args    *args,
                     GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  LineupResultWeights weights;
  gboolean changing = FALSE;
  double given[LINEUP_RESULT_N_WEIGHTS];

  for (guint i = 0; i < LINEUP_RESULT_N_WEIGHTS; i++)
    {
      const char *key = lineup_result_count_key (lineup_result_weighted[i]);
      const char *text = opt (args, key);
      char *end = NULL;

      given[i] = NAN;
      if (text == NULL)
        continue;
      changing = TRUE;
      given[i] = g_ascii_strtod (text, &end);
      if (end == text || *end != '\0' || isnan (given[i]) || given[i] < 0 || given[i] > LINEUP_RESULT_WEIGHT_MAX)
        {
          g_autofree char *s = one_line (text);
          g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                       _("results weights: --%s “%s” is not a weight: give a number from 0 to %.0f, such as 3"),
                       key, s, LINEUP_RESULT_WEIGHT_MAX);
          return 2;
        }
    }
  if (changing && opt (args, "reset"))
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("results weights: give --reset or the weights to change, not both"));
      return 2;
    }
  /* Shown without a plan: the defaults a new one starts with. */
  lineup_result_weights_default (&weights);
  if ((changing || opt (args, "reset") || plan_exists (args)) && (store = open_store (args, error)) == NULL)
    return 1;
  if (opt (args, "reset") && !lineup_store_set_result_weights (store, NULL, error))
    return 1;
  if (changing)
    {
      lineup_store_get_result_weights (store, &weights);
      for (guint i = 0; i < LINEUP_RESULT_N_WEIGHTS; i++)
        if (!isnan (given[i]))
          weights.weight[lineup_result_weighted[i]] = given[i];
      if (!lineup_store_set_result_weights (store, &weights, error))
        return 1;
    }
  if (store)
    lineup_store_get_result_weights (store, &weights);

  if (opt (args, "json"))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      for (guint i = 0; i < LINEUP_RESULT_N_WEIGHTS; i++)
        {
          json_builder_set_member_name (builder, lineup_result_count_key (lineup_result_weighted[i]));
          json_builder_add_double_value (builder, weights.weight[lineup_result_weighted[i]]);
        }
      json_builder_set_member_name (builder, "default");
      json_builder_add_boolean_value (builder, lineup_result_weights_is_default (&weights));
      json_builder_end_object (builder);
      print_json (builder);
      return 0;
    }
  out ("%s\n", lineup_result_weights_is_default (&weights)
               ? _("Engagement weights (the defaults): what each counts in a post's engagement")
               : _("Engagement weights: what each counts in a post's engagement"));
  for (guint i = 0; i < LINEUP_RESULT_N_WEIGHTS; i++)
    out ("  %-8s %g\n", lineup_result_count_key (lineup_result_weighted[i]), weights.weight[lineup_result_weighted[i]]);
  return 0;
}
