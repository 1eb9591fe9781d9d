/* lineup-filter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lineup-filter.h"

struct _LineupFilter
{
  GObject parent_instance;

  LineupStore *store;
  GPtrArray *values[LINEUP_N_FILTER_DIMENSIONS];   /* of char *, NULL-terminated */
};

G_DEFINE_FINAL_TYPE (LineupFilter, lineup_filter, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const struct {
  const char *label;
  const char *key;
} dimensions[LINEUP_N_FILTER_DIMENSIONS] = {
  { N_("Pillar"), "filter-pillars" },
  { N_("Type"), "filter-types" },
  { N_("Platform"), "filter-platforms" },
  { N_("Stage"), "filter-stages" },
  { N_("Campaign"), "filter-campaigns" },
  { N_("Owner"), "filter-owners" },
};

static int
find_value (GPtrArray  *values,
            const char *value)
{
  g_autofree char *wanted = g_utf8_casefold (value, -1);

  for (guint i = 0; i + 1 < values->len; i++)
    {
      g_autofree char *have = g_utf8_casefold (g_ptr_array_index (values, i), -1);
      if (g_str_equal (have, wanted))
        return i;
    }
  return -1;
}

static void
lineup_filter_finalize (GObject *object)
{
  LineupFilter *self = (LineupFilter *) object;

  for (guint d = 0; d < LINEUP_N_FILTER_DIMENSIONS; d++)
    g_ptr_array_unref (self->values[d]);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (lineup_filter_parent_class)->finalize (object);
}

static void
lineup_filter_class_init (LineupFilterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lineup_filter_finalize;

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
lineup_filter_init (LineupFilter *self)
{
  for (guint d = 0; d < LINEUP_N_FILTER_DIMENSIONS; d++)
    {
      self->values[d] = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (self->values[d], NULL);
    }
}

LineupFilter *
lineup_filter_new (LineupStore *store)
{
  LineupFilter *self;

  g_return_val_if_fail (LINEUP_IS_STORE (store), NULL);

  self = g_object_new (LINEUP_TYPE_FILTER, NULL);
  self->store = g_object_ref (store);
  return self;
}

static gboolean
passes (LineupFilter          *self,
        LineupFilterDimension  dimension,
        const char            *value)
{
  GPtrArray *values = self->values[dimension];

  return values->len == 1 || (value != NULL && find_value (values, value) >= 0);
}

gboolean
lineup_filter_matches (LineupFilter *self,
                       LineupPost   *post)
{
  LineupPillar *pillar;
  LineupContentType *type;
  LineupCampaign *campaign;
  const char * const *platforms;
  gboolean any_platform;

  g_return_val_if_fail (LINEUP_IS_FILTER (self), TRUE);
  g_return_val_if_fail (LINEUP_IS_POST (post), TRUE);

  /* A catalog entry is looked up only for a dimension that was chosen:
   * an empty one passes every post (an export reads 10,000 of them). */
  pillar = self->values[LINEUP_FILTER_PILLAR]->len > 1
    ? lineup_store_get_pillar (self->store, lineup_post_get_pillar_id (post)) : NULL;
  type = self->values[LINEUP_FILTER_TYPE]->len > 1
    ? lineup_store_get_content_type (self->store, lineup_post_get_type_id (post)) : NULL;
  campaign = self->values[LINEUP_FILTER_CAMPAIGN]->len > 1
    ? lineup_store_get_campaign (self->store, lineup_post_get_campaign_id (post)) : NULL;

  if (!passes (self, LINEUP_FILTER_PILLAR, pillar ? lineup_pillar_get_name (pillar) : NULL) ||
      !passes (self, LINEUP_FILTER_TYPE, type ? lineup_content_type_get_name (type) : NULL) ||
      !passes (self, LINEUP_FILTER_STAGE, lineup_stage_to_key (lineup_post_get_stage (post))) ||
      !passes (self, LINEUP_FILTER_CAMPAIGN, campaign ? lineup_campaign_get_name (campaign) : NULL))
    return FALSE;

  /* Owners: any one of those chosen ("me" is whoever uses the plan). */
  if (self->values[LINEUP_FILTER_OWNER]->len > 1)
    {
      gboolean any_owner = FALSE;

      for (guint i = 0; i + 1 < self->values[LINEUP_FILTER_OWNER]->len && !any_owner; i++)
        any_owner = lineup_filter_owner_is (self->store, post,
                                            g_ptr_array_index (self->values[LINEUP_FILTER_OWNER], i));
      if (!any_owner)
        return FALSE;
    }

  /* Platforms: any one of the post's platforms that was chosen. */
  if (self->values[LINEUP_FILTER_PLATFORM]->len == 1)
    return TRUE;
  platforms = lineup_post_get_platforms (post);
  any_platform = FALSE;
  for (guint i = 0; platforms[i] && !any_platform; i++)
    any_platform = find_value (self->values[LINEUP_FILTER_PLATFORM], platforms[i]) >= 0;
  return any_platform;
}

gboolean
lineup_filter_is_empty (LineupFilter *self)
{
  g_return_val_if_fail (LINEUP_IS_FILTER (self), TRUE);

  for (guint d = 0; d < LINEUP_N_FILTER_DIMENSIONS; d++)
    if (self->values[d]->len > 1)
      return FALSE;
  return TRUE;
}

gboolean
lineup_filter_has (LineupFilter          *self,
                   LineupFilterDimension  dimension,
                   const char            *value)
{
  g_return_val_if_fail (LINEUP_IS_FILTER (self), FALSE);
  g_return_val_if_fail (dimension < LINEUP_N_FILTER_DIMENSIONS, FALSE);
  return value && find_value (self->values[dimension], value) >= 0;
}

static gboolean
set_one (LineupFilter          *self,
         LineupFilterDimension  dimension,
         const char            *value,
         gboolean               chosen)
{
  GPtrArray *values = self->values[dimension];
  int pos = find_value (values, value);

  if (chosen && pos < 0)
    {
      g_ptr_array_insert (values, values->len - 1, g_strdup (value));
      return TRUE;
    }
  if (!chosen && pos >= 0)
    {
      g_ptr_array_remove_index (values, pos);
      return TRUE;
    }
  return FALSE;
}

void
lineup_filter_set (LineupFilter          *self,
                   LineupFilterDimension  dimension,
                   const char            *value,
                   gboolean               chosen)
{
  g_return_if_fail (LINEUP_IS_FILTER (self));
  g_return_if_fail (dimension < LINEUP_N_FILTER_DIMENSIONS);
  g_return_if_fail (value != NULL && g_utf8_validate (value, -1, NULL));

  if (set_one (self, dimension, value, chosen))
    g_signal_emit (self, signals[CHANGED], 0);
}

const char * const *
lineup_filter_get_values (LineupFilter          *self,
                          LineupFilterDimension  dimension)
{
  g_return_val_if_fail (LINEUP_IS_FILTER (self), NULL);
  g_return_val_if_fail (dimension < LINEUP_N_FILTER_DIMENSIONS, NULL);
  return (const char * const *) self->values[dimension]->pdata;
}

void
lineup_filter_set_values (LineupFilter          *self,
                          LineupFilterDimension  dimension,
                          const char * const    *values)
{
  gboolean changed;

  g_return_if_fail (LINEUP_IS_FILTER (self));
  g_return_if_fail (dimension < LINEUP_N_FILTER_DIMENSIONS);

  changed = self->values[dimension]->len > 1;
  g_ptr_array_set_size (self->values[dimension], 0);
  g_ptr_array_add (self->values[dimension], NULL);
  for (guint i = 0; values && values[i]; i++)
    if (g_utf8_validate (values[i], -1, NULL))
      changed |= set_one (self, dimension, values[i], TRUE);
  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
}

void
lineup_filter_clear (LineupFilter *self)
{
  gboolean changed = FALSE;

  g_return_if_fail (LINEUP_IS_FILTER (self));

  for (guint d = 0; d < LINEUP_N_FILTER_DIMENSIONS; d++)
    if (self->values[d]->len > 1)
      {
        changed = TRUE;
        g_ptr_array_set_size (self->values[d], 0);
        g_ptr_array_add (self->values[d], NULL);
      }
  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
}

const char *
lineup_filter_dimension_label (LineupFilterDimension dimension)
{
  g_return_val_if_fail (dimension < LINEUP_N_FILTER_DIMENSIONS, NULL);
  return g_dgettext (GETTEXT_PACKAGE, dimensions[dimension].label);
}

const char *
lineup_filter_dimension_key (LineupFilterDimension dimension)
{
  g_return_val_if_fail (dimension < LINEUP_N_FILTER_DIMENSIONS, NULL);
  return dimensions[dimension].key;
}

/* ---- owners ---- */

static gboolean
same_name (const char *a,
           const char *b)
{
  g_autofree char *ta = g_strstrip (g_strdup (a ? a : ""));
  g_autofree char *tb = g_strstrip (g_strdup (b ? b : ""));
  g_autofree char *fa = g_utf8_casefold (ta, -1);
  g_autofree char *fb = g_utf8_casefold (tb, -1);

  return *fa != '\0' && g_str_equal (fa, fb);
}

gboolean
lineup_filter_owner_is (LineupStore *store,
                        LineupPost  *post,
                        const char  *owner)
{
  g_return_val_if_fail (LINEUP_IS_STORE (store), FALSE);
  g_return_val_if_fail (LINEUP_IS_POST (post), FALSE);
  g_return_val_if_fail (owner != NULL, FALSE);

  if (g_str_equal (owner, LINEUP_FILTER_OWNER_ME) || g_ascii_strcasecmp (owner, "me") == 0)
    owner = lineup_store_get_actor (store);
  return same_name (lineup_post_get_brief (post, LINEUP_BRIEF_OWNER), owner);
}

/* ---- the board's scope ---- */

static const char * const scope_keys[] = { "week", "month", "all" };

const char *
lineup_scope_to_key (LineupScope scope)
{
  g_return_val_if_fail (scope <= LINEUP_SCOPE_ALL, NULL);
  return scope_keys[scope];
}

gboolean
lineup_scope_from_string (const char  *text,
                          LineupScope *out_scope)
{
  for (guint i = 0; text && i < G_N_ELEMENTS (scope_keys); i++)
    if (g_ascii_strcasecmp (text, scope_keys[i]) == 0)
      {
        *out_scope = i;
        return TRUE;
      }
  return FALSE;
}

void
lineup_scope_today (LineupStore *store,
                    GDate       *out_day)
{
  g_return_if_fail (LINEUP_IS_STORE (store));
  lineup_store_utc_to_local (store, g_get_real_time () / G_USEC_PER_SEC, out_day, NULL);
}

gboolean
lineup_scope_get_range (LineupStore *store,
                        LineupScope  scope,
                        const GDate *day,
                        int          week_start,
                        gint64      *out_from,
                        gint64      *out_to)
{
  GDate from, to;

  g_return_val_if_fail (LINEUP_IS_STORE (store), FALSE);
  g_return_val_if_fail (day != NULL && g_date_valid (day), FALSE);

  *out_from = G_MININT64;
  *out_to = G_MAXINT64;
  if (scope == LINEUP_SCOPE_ALL)
    return FALSE;
  from = *day;
  if (scope == LINEUP_SCOPE_WEEK)
    {
      /* GDate: Monday 1 … Sunday 7; week_start: Sunday 0 … Saturday 6. */
      int weekday = g_date_get_weekday (&from) % 7;

      g_date_subtract_days (&from, (weekday - week_start + 7) % 7);
      to = from;
      g_date_add_days (&to, 7);
    }
  else
    {
      g_date_set_day (&from, 1);
      to = from;
      g_date_add_months (&to, 1);
    }
  *out_from = lineup_store_local_to_utc (store, &from, 0);
  *out_to = lineup_store_local_to_utc (store, &to, 0);
  return TRUE;
}

gboolean
lineup_scope_contains (LineupPost *post,
                       gint64      from,
                       gint64      to)
{
  gint64 at;

  g_return_val_if_fail (LINEUP_IS_POST (post), FALSE);

  if (!lineup_post_is_dated (post))
    return TRUE;
  at = lineup_post_get_scheduled_at (post);
  return at >= from && at < to;
}

int
lineup_post_compare_newest_first (gconstpointer a,
                                  gconstpointer b,
                                  gpointer      unused)
{
  LineupPost *pa = (LineupPost *) a, *pb = (LineupPost *) b;
  gboolean da = lineup_post_is_dated (pa), db = lineup_post_is_dated (pb);
  int order;

  if (da != db)
    return da ? -1 : 1;
  if (da && lineup_post_get_scheduled_at (pa) != lineup_post_get_scheduled_at (pb))
    return lineup_post_get_scheduled_at (pa) > lineup_post_get_scheduled_at (pb) ? -1 : 1;
  order = g_utf8_collate (lineup_post_get_title (pa), lineup_post_get_title (pb));
  return order ? order : g_strcmp0 (lineup_post_get_id (pa), lineup_post_get_id (pb));
}
