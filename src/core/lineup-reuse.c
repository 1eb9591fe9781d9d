/* lineup-reuse.c: the evergreen proposal read from the plan (see
 * lineup-reuse.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lineup-evergreen.h"
#include "lineup-mix.h"
#include "lineup-platform.h"
#include "lineup-reuse.h"
#include "lineup-slots.h"

/* How far each pillar and type of the days is from its target. */
static void
read_needs (LineupStore  *store,
            const GDate  *first,
            const GDate  *last,
            GArray       *pillar_needs,
            GArray       *type_needs)
{
  g_autoptr(LineupMix) mix = lineup_mix_new (store);
  GDate end = *last;
  g_autoptr(LineupMixReport) report = NULL;
  GPtrArray *rows[2];
  GArray *needs[2] = { type_needs, pillar_needs };

  g_date_add_days (&end, 1);
  lineup_mix_set_range (mix, first, &end);
  report = lineup_mix_get_report (mix);
  if (report == NULL)
    return;
  rows[0] = report->types;
  rows[1] = report->pillars;
  for (guint k = 0; k < 2; k++)
    for (guint i = 0; i < rows[k]->len; i++)
      {
        LineupMixRow *row = g_ptr_array_index (rows[k], i);
        LineupEvergreenNeed need = { row->id, 0 };

        if (row->state == LINEUP_MIX_UNDER)
          need.need = MAX (1, (int) row->distance);
        else if (row->state == LINEUP_MIX_OVER)
          need.need = -MAX (1, (int) row->distance);
        g_array_append_val (needs[k], need);
      }
}

/* The open times of @platforms on the days: their free slots, or, for a
 * network without slots, weekdays at the plan's default time. */
static GArray *
open_times (LineupStore         *store,
            const char * const  *platforms,
            const GDate         *first,
            const GDate         *last,
            GError             **error)
{
  g_autoptr(GArray) slots = lineup_store_get_open_times (store, platforms, first, last, error);
  GArray *times;

  if (slots == NULL)
    return NULL;
  times = g_array_sized_new (FALSE, FALSE, sizeof (LineupEvergreenTime), slots->len);
  for (guint i = 0; i < slots->len; i++)
    {
      LineupSlotTime *s = &g_array_index (slots, LineupSlotTime, i);
      LineupEvergreenTime t = { s->at, s->platform };

      g_array_append_val (times, t);
    }
  return times;
}

GPtrArray *
lineup_reuse_propose (LineupStore  *store,
                      const GDate  *first,
                      const GDate  *last,
                      GError      **error)
{
  g_autoptr(GPtrArray) evergreen = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GArray) candidates = g_array_new (FALSE, TRUE, sizeof (LineupEvergreenCandidate));
  g_autoptr(GPtrArray) uses = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GArray) times = NULL;
  g_autoptr(GArray) future = g_array_new (FALSE, FALSE, sizeof (LineupEvergreenTime));
  g_autoptr(GArray) pillar_needs = g_array_new (FALSE, FALSE, sizeof (LineupEvergreenNeed));
  g_autoptr(GArray) type_needs = g_array_new (FALSE, FALSE, sizeof (LineupEvergreenNeed));
  g_autoptr(GArray) proposed = NULL;
  g_autoptr(GPtrArray) platforms = g_ptr_array_new ();
  GPtrArray *copies;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint n_platforms;
  const LineupPlatformInfo *table = lineup_platforms_get_all (&n_platforms);

  g_return_val_if_fail (LINEUP_IS_STORE (store), NULL);

  if ((evergreen = lineup_store_list_evergreen (store, error)) == NULL ||
      (all = lineup_store_list_all_posts (store, error)) == NULL)
    return NULL;
  copies = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_reuse_copy_free);
  if (evergreen->len == 0)
    return copies;

  for (guint i = 0; i < evergreen->len; i++)
    {
      LineupPost *post = evergreen->pdata[i];
      LineupEvergreenCandidate c = { post, };
      g_autofree char *until = NULL;
      GArray *used = g_array_new (FALSE, FALSE, sizeof (gint64));

      lineup_evergreen_parse (lineup_post_get_evergreen (post), &c.min_gap_days, &until);
      g_date_clear (&c.until, 1);
      if (until)
        lineup_parse_date (until, &c.until);
      for (guint k = 0; k < all->len; k++)
        {
          LineupPost *p = all->pdata[k];

          if ((p == post || g_strcmp0 (lineup_post_get_source_id (p), lineup_post_get_id (post)) == 0) &&
              lineup_post_is_dated (p))
            {
              gint64 at = lineup_post_get_scheduled_at (p);

              g_array_append_val (used, at);
            }
        }
      g_ptr_array_add (uses, used);
      g_array_append_val (candidates, c);
    }
  for (guint i = 0; i < candidates->len; i++)
    {
      LineupEvergreenCandidate *c = &g_array_index (candidates, LineupEvergreenCandidate, i);
      GArray *used = uses->pdata[i];

      c->uses = (const gint64 *) used->data;
      c->n_uses = used->len;
    }

  /* The networks the evergreen posts go to, in the table's order. */
  for (guint k = 0; k < n_platforms; k++)
    for (guint i = 0; i < evergreen->len; i++)
      if (lineup_post_has_platform (evergreen->pdata[i], table[k].key))
        {
          g_ptr_array_add (platforms, (gpointer) table[k].key);
          break;
        }
  g_ptr_array_add (platforms, NULL);

  if ((times = open_times (store, (const char * const *) platforms->pdata, first, last, error)) == NULL)
    {
      g_ptr_array_unref (copies);
      return NULL;
    }
  for (guint i = 0; i < times->len; i++)
    if (g_array_index (times, LineupEvergreenTime, i).at > now)
      g_array_append_val (future, g_array_index (times, LineupEvergreenTime, i));

  read_needs (store, first, last, pillar_needs, type_needs);
  proposed = lineup_evergreen_propose ((LineupEvergreenCandidate *) candidates->data, candidates->len,
                                       (LineupEvergreenTime *) future->data, future->len,
                                       (LineupEvergreenNeed *) pillar_needs->data, pillar_needs->len,
                                       (LineupEvergreenNeed *) type_needs->data, type_needs->len,
                                       lineup_store_get_time_zone (store));
  for (guint i = 0; i < proposed->len; i++)
    {
      LineupEvergreenProposal *p = &g_array_index (proposed, LineupEvergreenProposal, i);
      LineupReuseCopy *copy = g_new0 (LineupReuseCopy, 1);

      copy->source = g_object_ref (g_array_index (candidates, LineupEvergreenCandidate, p->candidate).post);
      copy->at = p->at;
      copy->platform = p->platform;
      g_ptr_array_add (copies, copy);
    }
  return copies;
}
