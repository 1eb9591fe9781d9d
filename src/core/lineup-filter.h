/* lineup-filter.h: which posts the views show: chosen pillars, types,
 * platforms, stages, campaigns and owners; and the board's scope (a week,
 * a month or all of the plan), newest first. An empty set in a dimension lets every
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
  LINEUP_FILTER_OWNER,
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

/* ---- owners ---- */

/* The owner value that means "me": whoever uses the plan (the store's
 * actor, read when a post is matched, so a new name in Preferences or a
 * share login follows). "Mine" in the window, `--owner me` on the command line. */
#define LINEUP_FILTER_OWNER_ME "@me"

/* Whether @post's owner (its brief's owner, any case, spaces trimmed) is
 * @owner; LINEUP_FILTER_OWNER_ME or "me" is the store's actor. */
gboolean            lineup_filter_owner_is     (LineupStore           *store,
                                                LineupPost            *post,
                                                const char            *owner);

/* ---- the board's scope ---- */

typedef enum {
  LINEUP_SCOPE_WEEK,     /* the local week that holds the day */
  LINEUP_SCOPE_MONTH,    /* the local month that holds the day */
  LINEUP_SCOPE_ALL,
} LineupScope;

/* "week", "month", "all" */
const char         *lineup_scope_to_key        (LineupScope            scope);
gboolean            lineup_scope_from_string   (const char            *text,
                                                LineupScope           *out_scope);
/* Today in the plan's time zone. */
void                lineup_scope_today         (LineupStore           *store,
                                                GDate                 *out_day);
/* The instants [from, to) of the week (starting on @week_start, 0 = Sunday)
 * or the month that holds local @day; for LINEUP_SCOPE_ALL every instant
 * (and FALSE). */
gboolean            lineup_scope_get_range     (LineupStore           *store,
                                                LineupScope            scope,
                                                const GDate           *day,
                                                int                    week_start,
                                                gint64                *out_from,
                                                gint64                *out_to);
/* Whether @post is dated in [from, to). A post with no date is in every
 * scope: it is work not yet placed, shown apart ("No date"). */
gboolean            lineup_scope_contains      (LineupPost            *post,
                                                gint64                 from,
                                                gint64                 to);
/* Newest work first: the later date first, posts with no date last, then by
 * title and id (a GCompareDataFunc for LineupPost). */
int                 lineup_post_compare_newest_first (gconstpointer    a,
                                                      gconstpointer    b,
                                                      gpointer         unused);

G_END_DECLS
