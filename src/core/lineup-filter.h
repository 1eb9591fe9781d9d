/* lineup-filter.h: which posts the views show: chosen pillars, types,
 * platforms, stages and campaigns. An empty set in a dimension lets every
 * post through; a post must pass every dimension that has a choice.
 *
 * Values are names (pillar, type and campaign names; platform and stage
 * keys), so a filter survives restarts in GSettings as plain strings.
 * Signal: changed ().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-store.h"

G_BEGIN_DECLS

typedef enum {
  LINEUP_FILTER_PILLAR,
  LINEUP_FILTER_TYPE,
  LINEUP_FILTER_PLATFORM,
  LINEUP_FILTER_STAGE,
  LINEUP_FILTER_CAMPAIGN,
  LINEUP_N_FILTER_DIMENSIONS
} LineupFilterDimension;

#define LINEUP_TYPE_FILTER (lineup_filter_get_type ())
G_DECLARE_FINAL_TYPE (LineupFilter, lineup_filter, LINEUP, FILTER, GObject)

LineupFilter       *lineup_filter_new          (LineupStore           *store);
gboolean            lineup_filter_matches      (LineupFilter          *self,
                                                LineupPost            *post);
gboolean            lineup_filter_is_empty     (LineupFilter          *self);
gboolean            lineup_filter_has          (LineupFilter          *self,
                                                LineupFilterDimension  dimension,
                                                const char            *value);
/* Adds or removes one value; emits "changed" when that changes anything. */
void                lineup_filter_set          (LineupFilter          *self,
                                                LineupFilterDimension  dimension,
                                                const char            *value,
                                                gboolean               chosen);
/* The chosen values of a dimension, in the order they were chosen. */
const char * const *lineup_filter_get_values   (LineupFilter          *self,
                                                LineupFilterDimension  dimension);
void                lineup_filter_set_values   (LineupFilter          *self,
                                                LineupFilterDimension  dimension,
                                                const char * const    *values);
void                lineup_filter_clear        (LineupFilter          *self);
/* "Pillar", "Type", … for chips. */
const char         *lineup_filter_dimension_label (LineupFilterDimension dimension);
/* "filter-pillars", … : the GSettings key of a dimension. */
const char         *lineup_filter_dimension_key   (LineupFilterDimension dimension);

G_END_DECLS
