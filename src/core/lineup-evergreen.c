/* lineup-evergreen.c: the evergreen proposal (see lineup-evergreen.h).
 *
 * Greedy and in time order: each open time takes the candidate that fits
 * best at that moment, and what it takes counts as a use for the times
 * after it. The order of the rules is the order a lead checks them: may
 * it come back at all (network, last day, gap, week), then does it help
 * the mix, then has it rested longest.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lineup-evergreen.h"

#define DAY_SECONDS G_GINT64_CONSTANT (86400)

/* The local date of @at in @zone. */
static void
local_date (gint64     at,
            GTimeZone *zone,
            GDate     *out_date)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_timezone (utc, zone) : NULL;

  g_date_clear (out_date, 1);
  if (local)
    g_date_set_dmy (out_date, g_date_time_get_day_of_month (local),
                    g_date_time_get_month (local), g_date_time_get_year (local));
}

/* The Julian day of the Monday that starts @at's week in @zone. */
static guint32
week_of (gint64     at,
         GTimeZone *zone)
{
  GDate date;

  local_date (at, zone, &date);
  if (!g_date_valid (&date))
    return 0;
  return g_date_get_julian (&date) - (g_date_get_weekday (&date) - G_DATE_MONDAY);
}

static int
need_of (const LineupEvergreenNeed *needs,
         guint                      n,
         gint64                     id)
{
  for (guint i = 0; i < n; i++)
    if (needs[i].id == id)
      return needs[i].need;
  return 0;
}

static void
take_need (LineupEvergreenNeed *needs,
           guint                n,
           gint64               id)
{
  for (guint i = 0; i < n; i++)
    if (needs[i].id == id && needs[i].need > 0)
      needs[i].need--;
}

/* May candidate @c (its uses and @proposed) come back at @at? */
static gboolean
fits (const LineupEvergreenCandidate *c,
      GArray                         *proposed,
      guint                           index,
      gint64                          at,
      const char                     *platform,
      GTimeZone                      *zone)
{
  gint64 gap = (gint64) c->min_gap_days * DAY_SECONDS;
  guint32 week = week_of (at, zone);

  if (!lineup_post_has_platform (c->post, platform))
    return FALSE;
  if (g_date_valid (&c->until))
    {
      GDate day;

      local_date (at, zone, &day);
      if (!g_date_valid (&day) || g_date_compare (&day, &c->until) > 0)
        return FALSE;
    }
  for (guint i = 0; i < c->n_uses + proposed->len; i++)
    {
      gint64 use;

      if (i < c->n_uses)
        use = c->uses[i];
      else
        {
          const LineupEvergreenProposal *p = &g_array_index (proposed, LineupEvergreenProposal, i - c->n_uses);

          if (p->candidate != index)
            continue;
          use = p->at;
        }
      if (use == LINEUP_POST_UNDATED)
        continue;
      if (ABS (at - use) < gap || (gap == 0 && at == use) || week_of (use, zone) == week)
        return FALSE;
    }
  return TRUE;
}

/* The latest use before @at, or G_MININT64 for none. */
static gint64
last_use (const LineupEvergreenCandidate *c,
          GArray                         *proposed,
          guint                           index)
{
  gint64 last = G_MININT64;

  for (guint i = 0; i < c->n_uses; i++)
    if (c->uses[i] != LINEUP_POST_UNDATED)
      last = MAX (last, c->uses[i]);
  for (guint i = 0; i < proposed->len; i++)
    {
      const LineupEvergreenProposal *p = &g_array_index (proposed, LineupEvergreenProposal, i);

      if (p->candidate == index)
        last = MAX (last, p->at);
    }
  return last;
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  const LineupEvergreenTime *x = a, *y = b;

  return x->at < y->at ? -1 : x->at > y->at;
}

GArray *
lineup_evergreen_propose (const LineupEvergreenCandidate *candidates,
                          guint                           n_candidates,
                          const LineupEvergreenTime      *times,
                          guint                           n_times,
                          const LineupEvergreenNeed      *pillar_needs,
                          guint                           n_pillar_needs,
                          const LineupEvergreenNeed      *type_needs,
                          guint                           n_type_needs,
                          GTimeZone                      *zone)
{
  GArray *proposed = g_array_new (FALSE, FALSE, sizeof (LineupEvergreenProposal));
  g_autofree LineupEvergreenTime *sorted = g_memdup2 (times, sizeof *times * n_times);
  g_autofree LineupEvergreenNeed *pillars = g_memdup2 (pillar_needs, sizeof *pillar_needs * n_pillar_needs);
  g_autofree LineupEvergreenNeed *types = g_memdup2 (type_needs, sizeof *type_needs * n_type_needs);

  g_return_val_if_fail (zone != NULL, proposed);

  if (n_times > 0)
    g_qsort_with_data (sorted, n_times, sizeof *sorted, (GCompareDataFunc) compare_times, NULL);

  for (guint t = 0; t < n_times; t++)
    {
      guint best = G_MAXUINT;
      int best_score = G_MININT;
      gint64 best_last = 0;

      for (guint c = 0; c < n_candidates; c++)
        {
          const LineupEvergreenCandidate *cand = &candidates[c];
          int type_need, pillar_need, score;
          gint64 last;

          if (!fits (cand, proposed, c, sorted[t].at, sorted[t].platform, zone))
            continue;
          type_need = need_of (types, n_type_needs, lineup_post_get_type_id (cand->post));
          pillar_need = need_of (pillars, n_pillar_needs, lineup_post_get_pillar_id (cand->post));
          /* A short type weighs more than a short pillar; one over its
           * target comes only when nothing else fits. */
          score = (type_need > 0 ? 4 : type_need < 0 ? -4 : 0) +
                  (pillar_need > 0 ? 2 : pillar_need < 0 ? -2 : 0);
          last = last_use (cand, proposed, c);
          if (score > best_score || (score == best_score && last < best_last))
            {
              best = c;
              best_score = score;
              best_last = last;
            }
        }
      if (best != G_MAXUINT)
        {
          LineupEvergreenProposal p = { sorted[t].at, sorted[t].platform, best };

          g_array_append_val (proposed, p);
          take_need (types, n_type_needs, lineup_post_get_type_id (candidates[best].post));
          take_need (pillars, n_pillar_needs, lineup_post_get_pillar_id (candidates[best].post));
        }
    }
  return proposed;
}
