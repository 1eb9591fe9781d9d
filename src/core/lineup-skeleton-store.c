/* lineup-skeleton-store.c: the month skeleton read from and added to a
 * plan (see the header).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lineup-skeleton-store.h"
#include "lineup-content-type.h"
#include "lineup-overlay.h"
#include "lineup-pillar.h"
#include "lineup-platform.h"
#include "lineup-post.h"
#include "lineup-store-slots.h"

void
lineup_month_plan_free (LineupMonthPlan *plan)
{
  if (plan == NULL)
    return;
  g_strfreev (plan->platforms);
  g_clear_pointer (&plan->briefs, g_array_unref);
  g_free (plan);
}

/* The free slot times of @platforms in [first, last]. */
static GArray *
free_slot_times (LineupStore        *store,
                 const char * const *platforms,
                 const GDate        *first,
                 const GDate        *last,
                 GError            **error)
{
  g_autoptr(GArray) free_slots = lineup_store_get_free_slots (store, platforms, first, last, error);
  GArray *times;

  if (free_slots == NULL)
    return NULL;
  times = g_array_sized_new (FALSE, FALSE, sizeof (LineupSkeletonTime), free_slots->len);
  for (guint i = 0; i < free_slots->len; i++)
    {
      LineupSlotTime *slot = &g_array_index (free_slots, LineupSlotTime, i);
      LineupSkeletonTime time = { slot->at, slot->platform };

      g_array_append_val (times, time);
    }
  return times;
}

/* The networks that have slots, in the table's order. */
static GStrv
networks_with_slots (LineupStore *store)
{
  g_autoptr(GArray) slots = lineup_store_get_slots (store, NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *last = NULL;

  for (guint i = 0; i < slots->len; i++)
    {
      LineupSlot *slot = &g_array_index (slots, LineupSlot, i);

      if (g_strcmp0 (slot->platform, last) != 0)
        g_strv_builder_add (builder, slot->platform);
      last = slot->platform;
    }
  return g_strv_builder_end (builder);
}

/* The days of the enabled overlays marked blackout in [first, end). */
static GArray *
blackout_days (LineupStore *store,
               const GDate *first,
               const GDate *end)
{
  g_autoptr(GPtrArray) overlays = lineup_store_get_overlays (store);
  g_autoptr(GHashTable) marked = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) events = NULL;
  GArray *days = g_array_new (FALSE, FALSE, sizeof (GDate));

  for (guint i = 0; i < overlays->len; i++)
    {
      LineupOverlay *overlay = g_ptr_array_index (overlays, i);

      if (overlay->blackout && overlay->enabled)
        g_hash_table_add (marked, overlay->name);
    }
  if (g_hash_table_size (marked) == 0)
    return days;
  events = lineup_overlay_events (store, first, end);
  for (guint i = 0; events && i < events->len; i++)
    {
      LineupOverlayEvent *event = g_ptr_array_index (events, i);
      gboolean seen = FALSE;

      if (!g_hash_table_contains (marked, event->overlay))
        continue;
      for (guint j = 0; j < days->len && !seen; j++)
        seen = g_date_compare (&g_array_index (days, GDate, j), &event->date) == 0;
      if (!seen)
        g_array_append_val (days, event->date);
    }
  return days;
}

LineupMonthPlan *
lineup_month_plan_propose (LineupStore         *store,
                           const GDate         *month,
                           LineupSkeletonTier   tier,
                           const char * const  *platforms,
                           int                  week_start,
                           GError             **error)
{
  g_autoptr(LineupMonthPlan) plan = g_new0 (LineupMonthPlan, 1);
  g_autoptr(GArray) types = g_array_new (FALSE, TRUE, sizeof (LineupSkeletonType));
  g_autoptr(GArray) pillars = g_array_new (FALSE, TRUE, sizeof (LineupSkeletonPillar));
  g_autoptr(GArray) posts = g_array_new (FALSE, TRUE, sizeof (LineupSkeletonPost));
  g_autoptr(GArray) slots = NULL;
  g_autoptr(GArray) blackout = NULL;
  g_autoptr(GPtrArray) live = NULL;
  GListModel *model;
  GDate last, end;
  guint stages;
  LineupSkeletonInput in = { 0 };

  g_return_val_if_fail (LINEUP_IS_STORE (store), NULL);
  g_return_val_if_fail (month != NULL && g_date_valid (month), NULL);

  g_date_clear (&plan->month, 1);
  g_date_set_dmy (&plan->month, 1, g_date_get_month (month), g_date_get_year (month));
  plan->tier = tier;
  if (platforms && platforms[0])
    {
      if (!lineup_platforms_normalize (platforms, &plan->platforms, error))
        return NULL;
    }
  else
    plan->platforms = networks_with_slots (store);
  if (plan->platforms == NULL || plan->platforms[0] == NULL)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("No network to plan: none has posting slots, so name one or more (%s)"),
                   lineup_platform_list_keys ());
      return NULL;
    }

  end = plan->month;
  g_date_add_months (&end, 1);
  last = end;
  g_date_subtract_days (&last, 1);

  model = lineup_store_get_content_types (store);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LineupContentType) type = g_list_model_get_item (model, i);
      LineupSkeletonType t = {
        lineup_content_type_get_id (type), lineup_content_type_get_key (type),
        lineup_content_type_get_target_min (type), lineup_content_type_get_target_max (type),
      };

      g_array_append_val (types, t);
    }
  model = lineup_store_get_pillars (store);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LineupPillar) pillar = g_list_model_get_item (model, i);
      LineupSkeletonPillar p = { lineup_pillar_get_id (pillar), lineup_pillar_get_target (pillar) };

      g_array_append_val (pillars, p);
    }
  if (pillars->len == 0)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The plan has no pillars, and every brief needs one: add one first (Preferences ▸ Pillars, or “lineup pillar add NAME”)"));
      return NULL;
    }

  stages = lineup_store_get_mix_stages (store) | (1u << LINEUP_STAGE_BRIEF);
  live = lineup_store_list_posts (store, lineup_store_local_to_utc (store, &plan->month, 0),
                                  lineup_store_local_to_utc (store, &end, 0), error);
  if (live == NULL)
    return NULL;
  for (guint i = 0; i < live->len; i++)
    {
      LineupPost *post = g_ptr_array_index (live, i);
      LineupSkeletonPost p = {
        lineup_post_get_scheduled_at (post), lineup_post_get_platforms (post),
        lineup_post_get_type_id (post), lineup_post_get_pillar_id (post),
        (stages & (1u << lineup_post_get_stage (post))) != 0,
      };

      if (lineup_post_get_deleted_at (post) == 0)
        g_array_append_val (posts, p);
    }

  slots = free_slot_times (store, (const char * const *) plan->platforms, &plan->month, &last, error);
  if (slots == NULL)
    return NULL;
  blackout = blackout_days (store, &plan->month, &end);
  plan->blackout_days = blackout->len;

  in.month = plan->month;
  in.tier = tier;
  in.platforms = (const char * const *) plan->platforms;
  in.zone = lineup_store_get_time_zone (store);
  in.default_minutes = lineup_store_get_default_time (store);
  in.week_start = week_start;
  in.types = (LineupSkeletonType *) types->data;
  in.n_types = types->len;
  in.pillars = (LineupSkeletonPillar *) pillars->data;
  in.n_pillars = pillars->len;
  in.slots = (LineupSkeletonTime *) slots->data;
  in.n_slots = slots->len;
  in.posts = (LineupSkeletonPost *) posts->data;
  in.n_posts = posts->len;
  in.blackout = (GDate *) blackout->data;
  in.n_blackout = blackout->len;
  /* In the current month, from today on. */
  lineup_store_get_today (store, &in.from);
  if (g_date_get_month (&in.from) != g_date_get_month (&plan->month) ||
      g_date_get_year (&in.from) != g_date_get_year (&plan->month))
    g_date_clear (&in.from, 1);
  plan->briefs = lineup_skeleton_plan (&in);
  return g_steal_pointer (&plan);
}

char *
lineup_month_plan_brief_title (LineupStore               *store,
                               const LineupSkeletonBrief *brief)
{
  LineupContentType *type = lineup_store_get_content_type (store, brief->type_id);
  LineupPillar *pillar = lineup_store_get_pillar (store, brief->pillar_id);

  /* TRANSLATORS: a new brief's title: "Educational brief · Product education" */
  return g_strdup_printf (_("%s brief · %s"), type ? lineup_content_type_get_name (type) : "?",
                          pillar ? lineup_pillar_get_name (pillar) : "?");
}

gboolean
lineup_month_plan_apply (LineupStore      *store,
                         LineupMonthPlan  *plan,
                         GError          **error)
{
  g_return_val_if_fail (LINEUP_IS_STORE (store), FALSE);
  g_return_val_if_fail (plan != NULL, FALSE);

  if (plan->briefs->len == 0)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("Nothing to add: the month has no free day for these networks"));
      return FALSE;
    }
  lineup_store_begin (store, _("Plan month"));
  for (guint i = 0; i < plan->briefs->len; i++)
    {
      LineupSkeletonBrief *brief = &g_array_index (plan->briefs, LineupSkeletonBrief, i);
      g_autoptr(LineupPost) post = lineup_post_new ();
      g_autofree char *title = lineup_month_plan_brief_title (store, brief);
      const char *platforms[] = { brief->platform, NULL };

      lineup_post_set_title (post, title);
      lineup_post_set_type_id (post, brief->type_id);
      lineup_post_set_pillar_id (post, brief->pillar_id);
      lineup_post_set_platforms (post, platforms);
      lineup_post_set_stage (post, LINEUP_STAGE_BRIEF);
      lineup_post_set_scheduled_at (post, brief->at);
      if (!lineup_store_add_post (store, post, error))
        {
          lineup_store_rollback (store);
          return FALSE;
        }
    }
  return lineup_store_commit (store, error);
}
