/* lineup-results-report.c: grouped results against the plan's baseline
 * (lineup-results-report.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "lineup-results-report.h"
#include "lineup-store-results.h"
#include "lineup-store-weights.h"

static const char * const by_keys[] = { "pillar", "type", "platform", "weekday", "hour", NULL };

gboolean
lineup_results_by_parse (const char      *text,
                         LineupResultsBy *out_by)
{
  for (guint i = 0; text && by_keys[i]; i++)
    if (g_str_equal (text, by_keys[i]))
      {
        *out_by = i;
        return TRUE;
      }
  return FALSE;
}

void
lineup_results_report_free (LineupResultsReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->groups, g_ptr_array_unref);
  g_free (report);
}

/* The group of @post (for a network @network when by platform): an
 * interned string, or NULL. */
static const char *
group_of (LineupStore     *store,
          LineupPost      *post,
          const char      *network,
          LineupResultsBy  by)
{
  /* Untranslated: a key for --json; lineup_results_group_label () translates. */
  static const char * const weekdays[] = {
    "", N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"), N_("Sunday")
  };
  gint64 at = lineup_post_get_scheduled_at (post);
  LineupPillar *pillar;
  LineupContentType *type;
  GDate date;
  int minutes = 0;
  g_autofree char *hour = NULL;

  switch (by)
    {
    case LINEUP_RESULTS_BY_PILLAR:
      pillar = lineup_store_get_pillar (store, lineup_post_get_pillar_id (post));
      return pillar ? g_intern_string (lineup_pillar_get_name (pillar)) : NULL;
    case LINEUP_RESULTS_BY_TYPE:
      type = lineup_store_get_content_type (store, lineup_post_get_type_id (post));
      return type ? g_intern_string (lineup_content_type_get_name (type)) : NULL;
    case LINEUP_RESULTS_BY_PLATFORM:
      return g_intern_string (network);
    case LINEUP_RESULTS_BY_WEEKDAY:
    case LINEUP_RESULTS_BY_HOUR:
    default:
      if (at == 0)
        return NULL;
      g_date_clear (&date, 1);
      lineup_store_utc_to_local (store, at, &date, &minutes);
      if (by == LINEUP_RESULTS_BY_WEEKDAY)
        return weekdays[g_date_get_weekday (&date)];
      hour = g_strdup_printf ("%02d:00", minutes / 60);
      return g_intern_string (hour);
    }
}

LineupResultsReport *
lineup_results_report (LineupStore      *store,
                       LineupResultsBy   by,
                       gint64            from,
                       gint64            to,
                       gint64            now,
                       GError          **error)
{
  g_autoptr(GPtrArray) latest = lineup_store_get_latest_results (store, NULL, error);
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (LineupResultPoint));
  g_autoptr(GArray) window = g_array_new (FALSE, FALSE, sizeof (LineupResultPoint));
  g_autoptr(GHashTable) posts = g_hash_table_new (g_str_hash, g_str_equal);
  LineupResultsReport *report;
  LineupResultWeights weights;

  if (latest == NULL)
    return NULL;
  lineup_store_get_result_weights (store, &weights);
  /* Snapshots come by post then network: a post's points are summed
   * unless grouped by platform. */
  for (guint i = 0; i < latest->len; i++)
    {
      const LineupResultSnapshot *snapshot = g_ptr_array_index (latest, i);
      g_autoptr(LineupPost) post = lineup_store_get_post (store, snapshot->post_id, NULL);
      LineupResultPoint point;
      const char *group;

      if (post == NULL || lineup_post_get_scheduled_at (post) == 0)
        continue;
      group = group_of (store, post, snapshot->network, by);
      point.group = group;
      point.at = lineup_post_get_scheduled_at (post);
      point.engagement = lineup_result_engagement (snapshot, &weights);
      point.followers = MAX (snapshot->followers, 0);   /* unknown: 0 */
      point.engaged = point.followers > 0 ? point.engagement : 0.0;
      if (by != LINEUP_RESULTS_BY_PLATFORM && all->len > 0 &&
          g_hash_table_contains (posts, snapshot->post_id))
        {
          LineupResultPoint *sum = &g_array_index (all, LineupResultPoint, all->len - 1);

          sum->engagement += point.engagement;
          sum->followers += point.followers;
          sum->engaged += point.engaged;
          continue;
        }
      g_hash_table_add (posts, snapshot->post_id);
      g_array_append_val (all, point);
    }
  report = g_new0 (LineupResultsReport, 1);
  report->baseline = lineup_results_baseline ((LineupResultPoint *) all->data, all->len, now);
  for (guint i = 0; i < all->len; i++)
    {
      LineupResultPoint *point = &g_array_index (all, LineupResultPoint, i);

      if ((from == 0 && to == 0) || (point->at >= from && point->at < to))
        g_array_append_val (window, *point);
    }
  report->n_posts = window->len;
  report->groups = lineup_results_group ((LineupResultPoint *) window->data, window->len,
                                         report->baseline, LINEUP_RESULTS_MIN_POSTS);
  return report;
}

const char *
lineup_results_group_label (LineupResultsBy  by,
                            const char      *group)
{
  return by == LINEUP_RESULTS_BY_WEEKDAY ? g_dgettext (GETTEXT_PACKAGE, group) : group;
}
