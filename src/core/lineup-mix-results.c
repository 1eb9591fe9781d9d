/* lineup-mix-results.c: suggestions for the mix's targets from results
 * (lineup-mix-results.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "lineup-mix-results.h"
#include "lineup-platform.h"
#include "lineup-results.h"
#include "lineup-store-results.h"
#include "lineup-store-weights.h"

void
lineup_mix_result_suggestion_free (LineupMixResultSuggestion *suggestion)
{
  if (suggestion == NULL)
    return;
  g_free (suggestion->name);
  g_free (suggestion->platform);
  g_free (suggestion->text);
  g_free (suggestion);
}

LineupMixResultSuggestion *
lineup_mix_result_suggestion_copy (const LineupMixResultSuggestion *suggestion)
{
  LineupMixResultSuggestion *copy;

  g_return_val_if_fail (suggestion != NULL, NULL);
  copy = g_memdup2 (suggestion, sizeof *suggestion);
  copy->name = g_strdup (suggestion->name);
  copy->platform = g_strdup (suggestion->platform);
  copy->text = g_strdup (suggestion->text);
  return copy;
}

/* One network's posts: points grouped by pillar id and by type id. */
typedef struct {
  char   *platform;
  GArray *by_pillar;   /* LineupResultPoint, group: the pillar's id as text (interned) */
  GArray *by_type;
} Network;

static void
network_free (Network *network)
{
  g_free (network->platform);
  g_array_unref (network->by_pillar);
  g_array_unref (network->by_type);
  g_free (network);
}

static const char *
id_group (gint64 id)
{
  char text[24];

  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, id);
  return g_intern_string (text);
}

/* "Proof posts do 1.8× your usual on LinkedIn over 23 posts: consider
 * raising Proof to 20 %". */
static char *
suggestion_text (const LineupMixResultSuggestion *s)
{
  const LineupPlatformInfo *info = lineup_platform_lookup (s->platform);
  const char *network = info ? info->name : s->platform;
  g_autofree char *doing = NULL;
  g_autofree char *target = NULL;
  /* 1.8, 0.5; below 0.1 two decimals (0.02), not a bare 0.0. */
  g_autofree char *index = g_strdup_printf (s->index < 0.095 ? "%.2f" : "%.1f", s->index);

  /* TRANSLATORS: "Proof posts do 1.8× your usual on LinkedIn over 23 posts";
   * the second %s is the index, "1.8". */
  doing = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s posts do %s× your usual on %s over %u post",
                                        "%s posts do %s× your usual on %s over %u posts", s->n_posts),
                           s->name, index, network, s->n_posts);
  if (s->of == LINEUP_MIX_RESULTS_PILLAR)
    target = g_strdup_printf ("%.0f %%", s->new_max);
  else
    target = g_strdup_printf ("%.0f–%.0f %%", s->new_min, s->new_max);
  /* TRANSLATORS: the first %s is "Proof posts do 1.8× your usual on LinkedIn
   * over 23 posts", the second a pillar's or type's name, the third "20 %" or "35–45 %". */
  return g_strdup_printf (s->raise ? _("%s: consider raising %s to %s") : _("%s: consider lowering %s to %s"),
                          doing, s->name, target);
}

/* The new target of @s (its min, max and raise set); FALSE when there is
 * no room to move it that way. */
static gboolean
move_target (LineupMixResultSuggestion *s)
{
  double step = s->raise ? LINEUP_MIX_RESULTS_STEP : -LINEUP_MIX_RESULTS_STEP;

  if (s->of == LINEUP_MIX_RESULTS_PILLAR)
    {
      s->new_min = s->new_max = CLAMP (s->max + step, 0.0, 100.0);
      return s->new_max != s->max;
    }
  if (s->raise)
    {
      s->new_max = MIN (100.0, s->max + step);
      s->new_min = MIN (s->new_max, s->min + step);
    }
  else
    {
      s->new_min = MAX (0.0, s->min + step);
      s->new_max = MAX (s->new_min, s->max + step);
    }
  return s->new_min != s->min || s->new_max != s->max;
}

static void
suggest_groups (LineupStore        *store,
                const char         *platform,
                GArray             *points,
                LineupMixResultsOf  of,
                gint64              now,
                GPtrArray          *out)
{
  double baseline = lineup_results_baseline ((LineupResultPoint *) points->data, points->len, now);
  g_autoptr(GPtrArray) groups = NULL;

  if (isnan (baseline) || baseline <= 0.0)
    return;
  groups = lineup_results_group ((LineupResultPoint *) points->data, points->len, baseline, LINEUP_RESULTS_MIN_POSTS);
  for (guint i = 0; i < groups->len; i++)
    {
      const LineupResultGroup *group = g_ptr_array_index (groups, i);
      g_autoptr(LineupMixResultSuggestion) s = NULL;
      gint64 id = g_ascii_strtoll (group->group, NULL, 10);
      LineupPillar *pillar = NULL;
      LineupContentType *type = NULL;

      if (!group->enough || isnan (group->index) ||
          (group->index < LINEUP_MIX_RESULTS_HIGH && group->index > LINEUP_MIX_RESULTS_LOW))
        continue;
      s = g_new0 (LineupMixResultSuggestion, 1);
      s->of = of;
      s->id = id;
      s->platform = g_strdup (platform);
      s->n_posts = group->n_posts;
      s->index = group->index;
      s->raise = group->index >= LINEUP_MIX_RESULTS_HIGH;
      if (of == LINEUP_MIX_RESULTS_PILLAR)
        {
          if ((pillar = lineup_store_get_pillar (store, id)) == NULL || lineup_pillar_get_target (pillar) < 0)
            continue;
          s->name = g_strdup (lineup_pillar_get_name (pillar));
          s->min = s->max = lineup_pillar_get_target (pillar);
        }
      else
        {
          if ((type = lineup_store_get_content_type (store, id)) == NULL ||
              lineup_content_type_get_target_min (type) < 0 || lineup_content_type_get_target_max (type) < 0)
            continue;
          s->name = g_strdup (lineup_content_type_get_name (type));
          s->min = lineup_content_type_get_target_min (type);
          s->max = lineup_content_type_get_target_max (type);
        }
      if (!move_target (s))
        continue;
      s->text = suggestion_text (s);
      g_ptr_array_add (out, g_steal_pointer (&s));
    }
}

static int
compare_suggestions (gconstpointer a,
                     gconstpointer b)
{
  const LineupMixResultSuggestion *x = *(LineupMixResultSuggestion * const *) a;
  const LineupMixResultSuggestion *y = *(LineupMixResultSuggestion * const *) b;
  double dx = fabs (log (MAX (x->index, 1e-9))), dy = fabs (log (MAX (y->index, 1e-9)));
  int c;

  if (fabs (dx - dy) > 1e-12)
    return dx > dy ? -1 : 1;
  if (x->of != y->of)
    return x->of == LINEUP_MIX_RESULTS_PILLAR ? -1 : 1;
  if ((c = g_utf8_collate (x->name, y->name)) != 0)
    return c;
  return g_strcmp0 (x->platform, y->platform);
}

GPtrArray *
lineup_mix_results_suggest (LineupStore  *store,
                            const char   *platform,
                            gint64        now,
                            GError      **error)
{
  g_autoptr(GPtrArray) latest = NULL;
  g_autoptr(GPtrArray) networks = g_ptr_array_new_with_free_func ((GDestroyNotify) network_free);
  GPtrArray *suggestions;
  LineupResultWeights weights;
  gint64 since = now - (gint64) LINEUP_RESULTS_BASELINE_DAYS * 24 * 3600;

  g_return_val_if_fail (LINEUP_IS_STORE (store), NULL);

  if ((latest = lineup_store_get_latest_results (store, NULL, error)) == NULL)
    return NULL;
  lineup_store_get_result_weights (store, &weights);
  for (guint i = 0; i < latest->len; i++)
    {
      const LineupResultSnapshot *snapshot = g_ptr_array_index (latest, i);
      g_autoptr(LineupPost) post = NULL;
      Network *network = NULL;
      LineupResultPoint point = { NULL, };

      if (platform && g_strcmp0 (platform, snapshot->network) != 0)
        continue;
      post = lineup_store_get_post (store, snapshot->post_id, NULL);
      if (post == NULL || lineup_post_get_scheduled_at (post) < since || lineup_post_get_scheduled_at (post) > now)
        continue;
      for (guint n = 0; n < networks->len && network == NULL; n++)
        if (g_str_equal (((Network *) g_ptr_array_index (networks, n))->platform, snapshot->network))
          network = g_ptr_array_index (networks, n);
      if (network == NULL)
        {
          network = g_new0 (Network, 1);
          network->platform = g_strdup (snapshot->network);
          network->by_pillar = g_array_new (FALSE, FALSE, sizeof (LineupResultPoint));
          network->by_type = g_array_new (FALSE, FALSE, sizeof (LineupResultPoint));
          g_ptr_array_add (networks, network);
        }
      point.at = lineup_post_get_scheduled_at (post);
      point.engagement = lineup_result_engagement (snapshot, &weights);
      point.group = id_group (lineup_post_get_pillar_id (post));
      g_array_append_val (network->by_pillar, point);
      point.group = id_group (lineup_post_get_type_id (post));
      g_array_append_val (network->by_type, point);
    }

  suggestions = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_mix_result_suggestion_free);
  for (guint n = 0; n < networks->len; n++)
    {
      Network *network = g_ptr_array_index (networks, n);

      suggest_groups (store, network->platform, network->by_pillar, LINEUP_MIX_RESULTS_PILLAR, now, suggestions);
      suggest_groups (store, network->platform, network->by_type, LINEUP_MIX_RESULTS_TYPE, now, suggestions);
    }
  g_ptr_array_sort (suggestions, compare_suggestions);
  return suggestions;
}

gboolean
lineup_mix_results_apply (LineupStore                      *store,
                          const LineupMixResultSuggestion  *suggestion,
                          GError                          **error)
{
  g_return_val_if_fail (LINEUP_IS_STORE (store), FALSE);
  g_return_val_if_fail (suggestion != NULL, FALSE);

  if (suggestion->of == LINEUP_MIX_RESULTS_PILLAR)
    return lineup_store_set_pillar_target (store, suggestion->id, suggestion->new_max, error);
  return lineup_store_set_type_target (store, suggestion->id, suggestion->new_min, suggestion->new_max, error);
}
