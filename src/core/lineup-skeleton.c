/* lineup-skeleton.c: a month skeleton, planned without a store (see the
 * header for the rules).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "lineup-skeleton.h"
#include "lineup-mix.h"

G_DEFINE_QUARK (lineup-skeleton-error-quark, lineup_skeleton_error)

gboolean
lineup_skeleton_tier_parse (const char         *text,
                            LineupSkeletonTier *out,
                            GError            **error)
{
  static const char * const keys[] = { "light", "standard", "heavy" };

  for (guint i = 0; text && i < G_N_ELEMENTS (keys); i++)
    if (g_ascii_strcasecmp (text, keys[i]) == 0)
      {
        *out = (LineupSkeletonTier) i;
        return TRUE;
      }
  g_set_error (error, LINEUP_SKELETON_ERROR, 0,
               _("“%s” is not a cadence tier: use light, standard or heavy"), text ? text : "");
  return FALSE;
}

const char *
lineup_skeleton_tier_to_key (LineupSkeletonTier tier)
{
  switch (tier)
    {
    case LINEUP_SKELETON_LIGHT: return "light";
    case LINEUP_SKELETON_HEAVY: return "heavy";
    case LINEUP_SKELETON_STANDARD:
    default: return "standard";
    }
}

guint
lineup_skeleton_tier_per_week (LineupSkeletonTier tier,
                               const char        *platform)
{
  guint min, max;

  lineup_mix_cadence_target (platform, &min, &max);
  switch (tier)
    {
    case LINEUP_SKELETON_LIGHT: return min;
    case LINEUP_SKELETON_HEAVY: return max;
    case LINEUP_SKELETON_STANDARD:
    default: return (min + max + 1) / 2;
    }
}

/* ---- the month ---- */

typedef struct {
  const LineupSkeletonInput *in;
  GDate first;
  guint n_days;
  guint offset;              /* days of the first week before the 1st */
  guint n_weeks;
  guint n_platforms;
  guint *day_posts;          /* [day * n_platforms + p]: live posts, then chosen briefs */
  gboolean *blackout;        /* [day] */
} Month;

static int
day_index (Month       *m,
           const GDate *date)
{
  return g_date_days_between (&m->first, date);
}

static guint
week_of_day (Month *m,
             guint  d)
{
  return (d + m->offset) / 7;
}

static guint
days_in_week (Month *m,
              guint  w)
{
  int first = (int) (w * 7) - (int) m->offset;
  int last = first + 7;

  return MAX (MIN (last, (int) m->n_days) - MAX (first, 0), 0);
}

static gboolean
week_to_fill (Month *m,
              guint  w)
{
  return days_in_week (m, w) >= LINEUP_MIX_WEEK_MIN_DAYS;
}

/* The local day of @at in the month, or -1. */
static int
local_day (Month  *m,
           gint64  at,
           GDate  *out_date)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at);
  g_autoptr(GDateTime) local = NULL;
  GDate date;
  int d;

  if (utc == NULL)
    return -1;
  local = g_date_time_to_timezone (utc, m->in->zone);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  d = day_index (m, &date);
  if (out_date)
    *out_date = date;
  return d >= 0 && d < (int) m->n_days ? d : -1;
}

static int
platform_index (Month      *m,
                const char *key)
{
  for (guint p = 0; p < m->n_platforms; p++)
    if (g_strcmp0 (m->in->platforms[p], key) == 0)
      return p;
  return -1;
}

/* ---- times ---- */

typedef struct {
  gint64 at;
  guint day;
  gboolean from_slot;
} Candidate;

static int
candidate_cmp (gconstpointer a,
               gconstpointer b)
{
  const Candidate *x = a, *y = b;

  return x->at < y->at ? -1 : x->at > y->at;
}

/* Up to @k of @cands (by time), spread over them; appends to @chosen. */
static void
take_spread (GArray *cands,
             guint   k,
             GArray *chosen)
{
  if (cands->len <= k)
    {
      g_array_append_vals (chosen, cands->data, cands->len);
      return;
    }
  for (guint i = 0; i < k; i++)
    g_array_append_val (chosen, g_array_index (cands, Candidate, (guint) ((i + 0.5) * cands->len / k)));
}

static gboolean
day_taken (GArray *chosen,
           guint   day)
{
  for (guint i = 0; i < chosen->len; i++)
    if (g_array_index (chosen, Candidate, i).day == day)
      return TRUE;
  return FALSE;
}

/* The times of network @p in week @w: its free slots on days it has no post
 * yet, its other free slots, then default-time weekdays. */
static void
choose_times (Month  *m,
              guint   p,
              guint   w,
              guint   need,
              GArray *out)
{
  const LineupSkeletonInput *in = m->in;
  const char *platform = in->platforms[p];
  g_autoptr(GArray) slots = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GArray) first = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GArray) chosen = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GArray) weekdays = g_array_new (FALSE, FALSE, sizeof (Candidate));

  if (need == 0)
    return;
  for (guint i = 0; i < in->n_slots; i++)
    {
      Candidate c = { in->slots[i].at, 0, TRUE };
      int d;

      if (g_strcmp0 (in->slots[i].platform, platform) != 0)
        continue;
      d = local_day (m, c.at, NULL);
      if (d < 0 || week_of_day (m, d) != w || m->blackout[d])
        continue;
      c.day = d;
      g_array_append_val (slots, c);
    }
  g_array_sort (slots, candidate_cmp);

  /* Free slots on days the network has nothing yet, one a day. */
  for (guint i = 0; i < slots->len; i++)
    {
      Candidate *c = &g_array_index (slots, Candidate, i);

      if (m->day_posts[c->day * m->n_platforms + p] == 0 && !day_taken (first, c->day))
        g_array_append_val (first, *c);
    }
  take_spread (first, need, chosen);
  for (guint i = 0; i < chosen->len; i++)
    m->day_posts[g_array_index (chosen, Candidate, i).day * m->n_platforms + p]++;

  /* The other free slots, while a day stays within the Mix's limit. */
  for (guint i = 0; i < slots->len && chosen->len < need; i++)
    {
      Candidate *c = &g_array_index (slots, Candidate, i);
      gboolean used = FALSE;

      for (guint j = 0; j < chosen->len; j++)
        used = used || g_array_index (chosen, Candidate, j).at == c->at;
      if (used || m->day_posts[c->day * m->n_platforms + p] >= LINEUP_MIX_MAX_PER_DAY)
        continue;
      g_array_append_val (chosen, *c);
      m->day_posts[c->day * m->n_platforms + p]++;
    }

  /* Weekdays at the default time, on days the network has nothing. */
  if (chosen->len < need)
    for (guint d = 0; d < m->n_days; d++)
      {
        GDate date = m->first;
        g_autoptr(GDateTime) at = NULL;
        Candidate c = { 0, d, FALSE };

        g_date_add_days (&date, d);
        if (week_of_day (m, d) != w || g_date_get_weekday (&date) > G_DATE_FRIDAY || m->blackout[d] ||
            m->day_posts[d * m->n_platforms + p] > 0)
          continue;
        at = g_date_time_new (in->zone, g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date), in->default_minutes / 60, in->default_minutes % 60, 0);
        if (at == NULL)
          continue;
        c.at = g_date_time_to_unix (at);
        g_array_append_val (weekdays, c);
      }
  {
    guint before = chosen->len;

    take_spread (weekdays, need - chosen->len, chosen);
    for (guint i = before; i < chosen->len; i++)
      m->day_posts[g_array_index (chosen, Candidate, i).day * m->n_platforms + p]++;
  }
  g_array_append_vals (out, chosen->data, chosen->len);
}

/* ---- counts that meet the targets ---- */

typedef struct {
  double min, max;   /* -1: no bound */
  double mid;        /* the share aimed at, for ties */
  guint existing;    /* counted posts already there */
  guint count;       /* new ones */
  guint at_least;    /* new ones needed whatever the targets say */
} Row;

/* Percentage points outside the band, as the Mix judges a row. */
static double
outside (const Row *row,
         guint      count,
         guint      total)
{
  double share;

  if (total == 0)
    return 0;
  share = 100.0 * count / total;
  if (row->min > 0 && share < row->min - 1e-9)
    return row->min - share;
  if (row->max >= 0 && share > row->max + 1e-9)
    return share - row->max;
  return 0;
}

static double
cost (const Row *row,
      guint      extra,
      guint      total)
{
  return outside (row, row->existing + extra, total);
}

/* The aims of rows without a band share what the banded ones leave. */
static void
set_mids (Row   *rows,
          guint  n)
{
  double used = 0;
  guint free_rows = 0;

  for (guint i = 0; i < n; i++)
    {
      Row *r = &rows[i];

      if (r->min < 0 && r->max < 0)
        {
          free_rows++;
          r->mid = -1;
          continue;
        }
      r->mid = ((r->min < 0 ? 0 : r->min) + (r->max < 0 ? 100 : r->max)) / 2;
      used += r->mid;
    }
  for (guint i = 0; i < n; i++)
    if (rows[i].mid < 0)
      rows[i].mid = free_rows && used < 100 ? (100 - used) / free_rows : 0;
}

/* Gives @n new posts to @rows: the counts with the least points outside
 * (each row's cost is convex in its count, so a greedy fill then single
 * moves find the least sum), aims breaking ties. */
static void
allot (Row   *rows,
       guint  n_rows,
       guint  n)
{
  guint total = n;

  if (n_rows == 0)
    return;
  for (guint i = 0; i < n_rows; i++)
    {
      total += rows[i].existing;
      rows[i].count = 0;
    }
  set_mids (rows, n_rows);

  for (guint i = 0; i < n_rows; i++)
    rows[i].count = MIN (rows[i].at_least, n);
  for (guint k = 0; k < n_rows; k++)
    n -= MIN (n, rows[k].count);

  for (guint step = 0; step < n; step++)
    {
      int best = -1;
      double best_delta = 0, best_gap = 0;

      for (guint i = 0; i < n_rows; i++)
        {
          double delta = cost (&rows[i], rows[i].count + 1, total) - cost (&rows[i], rows[i].count, total);
          double gap = rows[i].mid * total / 100.0 - (rows[i].existing + rows[i].count);

          if (best < 0 || delta < best_delta - 1e-9 || (fabs (delta - best_delta) <= 1e-9 && gap > best_gap))
            {
              best = i;
              best_delta = delta;
              best_gap = gap;
            }
        }
      rows[best].count++;
    }

  for (guint round = 0; round < 10000; round++)
    {
      int from = -1, to = -1;
      double best = -1e-9;

      for (guint a = 0; a < n_rows; a++)
        {
          if (rows[a].count <= rows[a].at_least)
            continue;
          for (guint b = 0; b < n_rows; b++)
            {
              double delta;

              if (a == b)
                continue;
              delta = cost (&rows[a], rows[a].count - 1, total) - cost (&rows[a], rows[a].count, total) +
                      cost (&rows[b], rows[b].count + 1, total) - cost (&rows[b], rows[b].count, total);
              if (delta < best)
                {
                  best = delta;
                  from = a;
                  to = b;
                }
            }
        }
      if (from < 0)
        break;
      rows[from].count--;
      rows[to].count++;
    }
}

/* ---- spreading them ---- */

typedef struct {
  double pos;
  guint row;
} Token;

static int
token_cmp (gconstpointer a,
           gconstpointer b)
{
  const Token *x = a, *y = b;

  if (x->pos != y->pos)
    return x->pos < y->pos ? -1 : 1;
  return x->row < y->row ? -1 : x->row > y->row;
}

/* Row indices for the briefs not yet given one (@given[i] G_MAXUINT), by
 * time: each row's posts evenly over the month. */
static void
spread (Row   *rows,
        guint  n_rows,
        guint *given,
        guint  n)
{
  g_autoptr(GArray) tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  guint next = 0;

  for (guint r = 0; r < n_rows; r++)
    for (guint j = 0; j < rows[r].count; j++)
      {
        Token t = { (j + 0.5) / rows[r].count, r };

        g_array_append_val (tokens, t);
      }
  g_array_sort (tokens, token_cmp);
  for (guint i = 0; i < n && next < tokens->len; i++)
    if (given[i] == G_MAXUINT)
      given[i] = g_array_index (tokens, Token, next++).row;
}

/* ---- the weekly rules ---- */

typedef struct {
  Month *m;
  guint n_types;
  int educational;
  guint *week_types;      /* [w * n_types + t]: counted posts already there */
  GArray *briefs;
  guint *types;           /* per brief: type row */
} Weeks;

/* A week to fill with posts has an Educational one and is not all one type. */
static gboolean
week_ok (Weeks *k,
         guint  w)
{
  g_autofree guint *counts = g_new0 (guint, MAX (k->n_types, 1));
  guint total = 0;

  if (!week_to_fill (k->m, w))
    return TRUE;
  for (guint t = 0; t < k->n_types; t++)
    {
      counts[t] = k->week_types[w * k->n_types + t];
      total += counts[t];
    }
  for (guint i = 0; i < k->briefs->len; i++)
    if (g_array_index (k->briefs, LineupSkeletonBrief, i).week == w)
      {
        counts[k->types[i]]++;
        total++;
      }
  if (total >= 1 && k->educational >= 0 && counts[k->educational] == 0)
    return FALSE;
  for (guint t = 0; total >= 2 && t < k->n_types; t++)
    if (counts[t] == total)
      return FALSE;
  return TRUE;
}

/* Swaps the types of two briefs of different weeks where that mends a week
 * and breaks none. */
static void
mend_weeks (Weeks *k)
{
  for (guint w = 0; w < k->m->n_weeks; w++)
    {
      if (week_ok (k, w))
        continue;
      for (guint i = 0; i < k->briefs->len && !week_ok (k, w); i++)
        {
          guint wi = g_array_index (k->briefs, LineupSkeletonBrief, i).week;

          if (wi != w)
            continue;
          for (guint j = 0; j < k->briefs->len; j++)
            {
              guint wj = g_array_index (k->briefs, LineupSkeletonBrief, j).week;
              gboolean before_j = week_ok (k, wj);
              guint swap;

              if (wj == w || k->types[j] == k->types[i])
                continue;
              swap = k->types[i];
              k->types[i] = k->types[j];
              k->types[j] = swap;
              if (week_ok (k, w) && (week_ok (k, wj) || !before_j))
                break;
              k->types[j] = k->types[i];
              k->types[i] = swap;
            }
        }
    }
}

/* ---- the plan ---- */

static int
brief_cmp (gconstpointer a,
           gconstpointer b)
{
  const LineupSkeletonBrief *x = a, *y = b;

  if (x->at != y->at)
    return x->at < y->at ? -1 : 1;
  return g_strcmp0 (x->platform, y->platform);
}

GArray *
lineup_skeleton_plan (const LineupSkeletonInput *in)
{
  GArray *briefs = g_array_new (FALSE, FALSE, sizeof (LineupSkeletonBrief));
  Month m = { in, };
  g_autofree guint *week_platform = NULL;
  g_autofree guint *week_types = NULL;
  g_autofree Row *types = NULL;
  g_autofree Row *pillars = NULL;
  g_autofree guint *type_of = NULL;
  g_autofree guint *pillar_of = NULL;
  GDate end;
  int educational = -1;
  guint n;

  g_return_val_if_fail (in != NULL && in->zone != NULL && g_date_valid (&in->month), briefs);

  g_date_clear (&m.first, 1);
  g_date_set_dmy (&m.first, 1, g_date_get_month (&in->month), g_date_get_year (&in->month));
  end = m.first;
  g_date_add_months (&end, 1);
  m.n_days = g_date_days_between (&m.first, &end);
  m.offset = ((int) g_date_get_weekday (&m.first) % 7 - in->week_start + 7) % 7;
  m.n_weeks = (m.offset + m.n_days + 6) / 7;
  m.n_platforms = in->platforms ? g_strv_length ((char **) in->platforms) : 0;
  m.day_posts = g_new0 (guint, MAX (m.n_days * m.n_platforms, 1));
  m.blackout = g_new0 (gboolean, m.n_days);
  week_platform = g_new0 (guint, MAX (m.n_weeks * m.n_platforms, 1));
  week_types = g_new0 (guint, MAX (m.n_weeks * in->n_types, 1));
  types = g_new0 (Row, MAX (in->n_types, 1));
  pillars = g_new0 (Row, MAX (in->n_pillars, 1));

  for (guint t = 0; t < in->n_types; t++)
    {
      types[t].min = in->types[t].min;
      types[t].max = in->types[t].max;
      if (g_strcmp0 (in->types[t].key, "educational") == 0)
        educational = t;
    }
  for (guint p = 0; p < in->n_pillars; p++)
    {
      double target = in->pillars[p].target;

      pillars[p].min = target >= 0 ? MAX (target - 5, 0) : -1;
      pillars[p].max = target >= 0 ? MIN (target + 5, 100) : -1;
    }

  /* Days gone by are left alone too. */
  if (g_date_valid (&in->from))
    for (guint d = 0; d < m.n_days && (int) d < day_index (&m, &in->from); d++)
      m.blackout[d] = TRUE;
  for (guint b = 0; b < in->n_blackout; b++)
    {
      int d = g_date_valid (&in->blackout[b]) ? day_index (&m, &in->blackout[b]) : -1;

      if (d >= 0 && d < (int) m.n_days)
        m.blackout[d] = TRUE;
    }

  /* What is there already. */
  for (guint i = 0; i < in->n_posts; i++)
    {
      const LineupSkeletonPost *post = &in->posts[i];
      int d = local_day (&m, post->at, NULL);

      if (d < 0)
        continue;
      for (guint j = 0; post->platforms && post->platforms[j]; j++)
        {
          int p = platform_index (&m, post->platforms[j]);

          if (p < 0)
            continue;
          m.day_posts[d * m.n_platforms + p]++;
          week_platform[week_of_day (&m, d) * m.n_platforms + p]++;
        }
      if (!post->counted)
        continue;
      for (guint t = 0; t < in->n_types; t++)
        if (in->types[t].id == post->type_id)
          {
            types[t].existing++;
            week_types[week_of_day (&m, d) * in->n_types + t]++;
          }
      for (guint p = 0; p < in->n_pillars; p++)
        if (in->pillars[p].id == post->pillar_id)
          pillars[p].existing++;
    }

  /* When: each network's number a week, less what it has. */
  for (guint p = 0; p < m.n_platforms; p++)
    {
      guint per_week = lineup_skeleton_tier_per_week (in->tier, in->platforms[p]);

      for (guint w = 0; w < m.n_weeks; w++)
        {
          g_autoptr(GArray) chosen = g_array_new (FALSE, FALSE, sizeof (Candidate));
          guint days = days_in_week (&m, w);
          guint need = week_to_fill (&m, w) ? per_week : (guint) floor (per_week * days / 7.0 + 0.5);
          guint has = week_platform[w * m.n_platforms + p];

          choose_times (&m, p, w, need > has ? need - has : 0, chosen);
          for (guint i = 0; i < chosen->len; i++)
            {
              Candidate *c = &g_array_index (chosen, Candidate, i);
              LineupSkeletonBrief brief = { c->at, { 0 }, in->platforms[p], 0, 0, c->from_slot, w };

              g_date_clear (&brief.date, 1);
              local_day (&m, c->at, &brief.date);
              g_array_append_val (briefs, brief);
            }
        }
    }
  g_array_sort (briefs, brief_cmp);
  n = briefs->len;
  if (n == 0)
    goto out;

  /* Which types: an Educational post for each week to fill that has none
   * yet, then the counts that meet the targets. */
  type_of = g_new (guint, n);
  pillar_of = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    type_of[i] = pillar_of[i] = G_MAXUINT;
  if (educational >= 0)
    for (guint w = 0; w < m.n_weeks; w++)
      {
        guint first = G_MAXUINT, count = 0;

        if (!week_to_fill (&m, w) || week_types[w * in->n_types + educational] > 0)
          continue;
        for (guint i = 0; i < n; i++)
          if (g_array_index (briefs, LineupSkeletonBrief, i).week == w)
            {
              first = first == G_MAXUINT ? i : first;
              count++;
            }
        if (count == 0)
          continue;
        type_of[first + count / 2] = educational;
        types[educational].at_least++;
      }
  if (in->n_types > 0)
    {
      Weeks k = { &m, in->n_types, educational, week_types, briefs, NULL };

      allot (types, in->n_types, n);
      if (educational >= 0)
        types[educational].count -= types[educational].at_least;
      spread (types, in->n_types, type_of, n);
      for (guint i = 0; i < n; i++)
        if (type_of[i] == G_MAXUINT)
          type_of[i] = educational >= 0 ? (guint) educational : 0;
      k.types = type_of;
      mend_weeks (&k);
    }
  if (in->n_pillars > 0)
    {
      allot (pillars, in->n_pillars, n);
      spread (pillars, in->n_pillars, pillar_of, n);
    }
  for (guint i = 0; i < n; i++)
    {
      LineupSkeletonBrief *brief = &g_array_index (briefs, LineupSkeletonBrief, i);

      brief->type_id = in->n_types > 0 ? in->types[type_of[i]].id : 0;
      brief->pillar_id = in->n_pillars > 0 && pillar_of[i] != G_MAXUINT ? in->pillars[pillar_of[i]].id : 0;
    }

out:
  g_free (m.day_posts);
  g_free (m.blackout);
  return briefs;
}
