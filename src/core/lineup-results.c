/* lineup-results.c: result snapshots and their shared-plan text
 * (lineup-results.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "lineup-results.h"
#include "lineup-platform.h"
#include "lineup-store.h"

static const char * const count_keys[LINEUP_RESULT_N_COUNTS] = {
  "replies", "reposts", "likes", "quotes", "saves", "clicks", "impressions",
};

static const char * const sources[] = { "mastodon", "bluesky", "import", NULL };

LineupResultSnapshot *
lineup_result_snapshot_new (const char *post_id,
                            const char *network,
                            gint64      taken_at,
                            const char *source)
{
  LineupResultSnapshot *snapshot = g_new0 (LineupResultSnapshot, 1);

  snapshot->post_id = g_strdup (post_id);
  snapshot->network = g_strdup (network);
  snapshot->taken_at = taken_at;
  snapshot->source = g_strdup (source);
  for (guint i = 0; i < LINEUP_RESULT_N_COUNTS; i++)
    snapshot->counts[i] = LINEUP_RESULT_UNKNOWN;
  snapshot->followers = LINEUP_RESULT_UNKNOWN;
  return snapshot;
}

LineupResultSnapshot *
lineup_result_snapshot_copy (const LineupResultSnapshot *snapshot)
{
  LineupResultSnapshot *copy = lineup_result_snapshot_new (snapshot->post_id, snapshot->network,
                                                           snapshot->taken_at, snapshot->source);

  memcpy (copy->counts, snapshot->counts, sizeof copy->counts);
  copy->followers = snapshot->followers;
  return copy;
}

void
lineup_result_snapshot_free (LineupResultSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  g_free (snapshot->post_id);
  g_free (snapshot->network);
  g_free (snapshot->source);
  g_free (snapshot);
}

const char *
lineup_result_count_key (LineupResultCount count)
{
  g_return_val_if_fail (count < LINEUP_RESULT_N_COUNTS, NULL);
  return count_keys[count];
}

gboolean
lineup_result_source_valid (const char *source)
{
  return source != NULL && g_strv_contains (sources, source);
}

char *
lineup_results_format_field (GPtrArray *snapshots)
{
  GString *text;

  if (snapshots == NULL || snapshots->len == 0)
    return NULL;
  text = g_string_new (NULL);
  for (guint i = 0; i < snapshots->len; i++)
    {
      const LineupResultSnapshot *snapshot = g_ptr_array_index (snapshots, i);
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (snapshot->taken_at);
      g_autofree char *when = at ? g_date_time_format (at, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("1970-01-01T00:00:00Z");

      if (i > 0)
        g_string_append (text, "; ");
      g_string_append_printf (text, "%s %s %s", snapshot->network, when, snapshot->source);
      for (guint c = 0; c < LINEUP_RESULT_N_COUNTS; c++)
        if (snapshot->counts[c] != LINEUP_RESULT_UNKNOWN)
          g_string_append_printf (text, " %s=%" G_GINT64_FORMAT, count_keys[c], snapshot->counts[c]);
      if (snapshot->followers != LINEUP_RESULT_UNKNOWN)
        g_string_append_printf (text, " followers=%" G_GINT64_FORMAT, snapshot->followers);
    }
  return g_string_free (text, FALSE);
}

static gboolean
parse_count (const char *text,
             gint64     *out)
{
  char *end = NULL;
  gint64 value;

  if (text == NULL || !g_ascii_isdigit (*text))
    return FALSE;
  value = g_ascii_strtoll (text, &end, 10);
  if (*end != '\0' || value < 0 || value > LINEUP_RESULT_MAX_COUNT)
    return FALSE;
  *out = value;
  return TRUE;
}

static gboolean
parse_utc (const char *text,
           gint64     *out)
{
  g_autoptr(GDateTime) at = NULL;

  if (text == NULL || strlen (text) != 20 || text[19] != 'Z')
    return FALSE;
  at = g_date_time_new_from_iso8601 (text, NULL);
  if (at == NULL)
    return FALSE;
  *out = g_date_time_to_unix (at);
  return TRUE;
}

GPtrArray *
lineup_results_parse_field (const char  *post_id,
                            const char  *text,
                            GError     **error)
{
  g_autoptr(GPtrArray) snapshots = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_result_snapshot_free);
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  if (*text == '\0')
    return g_steal_pointer (&snapshots);
  parts = g_strsplit (text, "; ", -1);
  for (guint i = 0; parts[i]; i++)
    {
      g_auto(GStrv) words = g_strsplit (parts[i], " ", -1);
      const LineupPlatformInfo *info = words[0] ? lineup_platform_lookup (words[0]) : NULL;
      g_autoptr(LineupResultSnapshot) snapshot = NULL;
      gint64 at = 0;

      if (info == NULL || g_strv_length (words) < 3 || !parse_utc (words[1], &at) ||
          !lineup_result_source_valid (words[2]))
        {
          g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                       _("the results “%s” should be a network, a time as YYYY-MM-DDTHH:MM:SSZ, a source (mastodon, bluesky or import) and counts as KEY=N"),
                       g_utf8_validate (parts[i], -1, NULL) ? parts[i] : "?");
          return NULL;
        }
      snapshot = lineup_result_snapshot_new (post_id, info->key, at, words[2]);
      for (guint w = 3; words[w]; w++)
        {
          const char *eq = strchr (words[w], '=');
          gboolean known = FALSE;

          for (guint c = 0; eq && c < LINEUP_RESULT_N_COUNTS; c++)
            if (strlen (count_keys[c]) == (gsize) (eq - words[w]) &&
                strncmp (count_keys[c], words[w], eq - words[w]) == 0)
              known = parse_count (eq + 1, &snapshot->counts[c]);
          if (eq && eq - words[w] == 9 && strncmp (words[w], "followers", 9) == 0)
            known = parse_count (eq + 1, &snapshot->followers);
          /* A count a newer Lineup keeps and this one does not is left out. */
          if (!known && (eq == NULL || !g_ascii_isdigit (eq[1])))
            {
              g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                           _("the count “%s” in the results should be KEY=N, N a whole number"),
                           g_utf8_validate (words[w], -1, NULL) ? words[w] : "?");
              return NULL;
            }
        }
      g_ptr_array_add (snapshots, g_steal_pointer (&snapshot));
    }
  return g_steal_pointer (&snapshots);
}

/* ---- what works ---- */

void
lineup_result_weights_default (LineupResultWeights *weights)
{
  g_return_if_fail (weights != NULL);
  weights->weight[LINEUP_RESULT_REPLIES] = LINEUP_RESULT_WEIGHT_REPLIES;
  weights->weight[LINEUP_RESULT_REPOSTS] = LINEUP_RESULT_WEIGHT_REPOSTS;
  weights->weight[LINEUP_RESULT_LIKES] = LINEUP_RESULT_WEIGHT_LIKES;
  weights->weight[LINEUP_RESULT_QUOTES] = LINEUP_RESULT_WEIGHT_QUOTES;
  weights->weight[LINEUP_RESULT_SAVES] = LINEUP_RESULT_WEIGHT_SAVES;
  weights->weight[LINEUP_RESULT_CLICKS] = LINEUP_RESULT_WEIGHT_CLICKS;
  weights->weight[LINEUP_RESULT_IMPRESSIONS] = 0.0;
}

double
lineup_result_engagement (const LineupResultSnapshot *snapshot,
                          const LineupResultWeights  *weights)
{
  LineupResultWeights defaults;
  double sum = 0.0;

  g_return_val_if_fail (snapshot != NULL, NAN);
  if (weights == NULL)
    {
      lineup_result_weights_default (&defaults);
      weights = &defaults;
    }
  for (guint c = 0; c < LINEUP_RESULT_N_COUNTS; c++)
    if (snapshot->counts[c] != LINEUP_RESULT_UNKNOWN)
      sum += weights->weight[c] * (double) snapshot->counts[c];
  return sum;
}

double
lineup_result_rate (double engagement,
                    gint64 followers)
{
  if (followers <= 0 || isnan (engagement))
    return NAN;
  return engagement / (double) followers;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

double
lineup_results_median (const double *values,
                       guint         n_values)
{
  g_autoptr(GArray) kept = g_array_sized_new (FALSE, FALSE, sizeof (double), n_values);
  guint n;

  for (guint i = 0; i < n_values; i++)
    if (!isnan (values[i]))
      g_array_append_val (kept, values[i]);
  n = kept->len;
  if (n == 0)
    return NAN;
  g_array_sort (kept, compare_doubles);
  if (n % 2 == 1)
    return g_array_index (kept, double, n / 2);
  return (g_array_index (kept, double, n / 2 - 1) + g_array_index (kept, double, n / 2)) / 2.0;
}

double
lineup_results_baseline (const LineupResultPoint *points,
                         guint                    n_points,
                         gint64                   now)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 since = now - (gint64) LINEUP_RESULTS_BASELINE_DAYS * 24 * 3600;

  for (guint i = 0; i < n_points; i++)
    if (points[i].at >= since && points[i].at <= now)
      g_array_append_val (values, points[i].engagement);
  return lineup_results_median ((const double *) values->data, values->len);
}

void
lineup_result_group_free (LineupResultGroup *group)
{
  if (group == NULL)
    return;
  g_free (group->group);
  g_free (group);
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const LineupResultGroup *x = *(LineupResultGroup * const *) a, *y = *(LineupResultGroup * const *) b;
  double xi = isnan (x->index) ? -1.0 : x->index, yi = isnan (y->index) ? -1.0 : y->index;

  if (x->enough != y->enough)
    return x->enough ? -1 : 1;
  if (x->enough && xi != yi)
    return xi > yi ? -1 : 1;
  return g_utf8_collate (x->group, y->group);
}

double
lineup_result_point_rate (const LineupResultPoint *point)
{
  return point->followers > 0 ? point->engaged / (double) point->followers : NAN;
}

GPtrArray *
lineup_results_group (const LineupResultPoint *points,
                      guint                    n_points,
                      double                   baseline,
                      guint                    min_posts)
{
  GPtrArray *groups = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_result_group_free);
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_array_unref);
  g_autoptr(GHashTable) rates = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_array_unref);
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < n_points; i++)
    {
      GArray *of = g_hash_table_lookup (values, points[i].group);
      double rate = lineup_result_point_rate (&points[i]);

      if (points[i].group == NULL)
        continue;
      if (of == NULL)
        {
          of = g_array_new (FALSE, FALSE, sizeof (double));
          g_hash_table_insert (values, (gpointer) points[i].group, of);
          g_hash_table_insert (rates, (gpointer) points[i].group, g_array_new (FALSE, FALSE, sizeof (double)));
        }
      g_array_append_val (of, points[i].engagement);
      g_array_append_val ((GArray *) g_hash_table_lookup (rates, points[i].group), rate);   /* NAN: left out */
    }
  g_hash_table_iter_init (&iter, values);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GArray *of = value;
      LineupResultGroup *group = g_new0 (LineupResultGroup, 1);

      group->group = g_strdup (key);
      group->n_posts = of->len;
      group->median = lineup_results_median ((const double *) of->data, of->len);
      group->index = baseline > 0.0 && !isnan (group->median) ? group->median / baseline : NAN;
      of = g_hash_table_lookup (rates, key);
      group->rate = lineup_results_median ((const double *) of->data, of->len);
      group->enough = of->len >= min_posts;
      g_ptr_array_add (groups, group);
    }
  g_ptr_array_sort (groups, compare_groups);
  return groups;
}
