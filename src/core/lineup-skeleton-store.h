/* lineup-skeleton-store.h: "Plan This Month" on a plan: what the skeleton
 * (lineup-skeleton.h) is given, read from the store, and its briefs added
 * to the plan in one transaction, one undo step.
 *
 * Read: the content types and pillars with their targets, the free slots
 * of the networks, the plan's default time, the live posts dated in the
 * month (counted for the targets when the Mix counts their stage, and
 * briefs, which the skeleton's own are), and the days of the enabled
 * overlays marked blackout. In the current month, the days before today
 * are left alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-store.h"
#include "lineup-skeleton.h"

G_BEGIN_DECLS

typedef struct {
  GDate               month;        /* its first day */
  LineupSkeletonTier  tier;
  GStrv               platforms;    /* keys, in the table's order */
  GArray             *briefs;       /* LineupSkeletonBrief; platform points into @platforms */
  guint               blackout_days;
} LineupMonthPlan;

void lineup_month_plan_free (LineupMonthPlan *plan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupMonthPlan, lineup_month_plan_free)

/* The briefs "Plan This Month" proposes for the month of @month on
 * @platforms (keys or names; NULL or empty: the networks that have slots).
 * @week_start as the Mix's (1: Monday). Changes nothing. */
LineupMonthPlan *lineup_month_plan_propose (LineupStore         *store,
                                            const GDate         *month,
                                            LineupSkeletonTier   tier,
                                            const char * const  *platforms,
                                            int                  week_start,
                                            GError             **error);
/* "Educational brief · Product education": the title a brief gets. */
char            *lineup_month_plan_brief_title (LineupStore               *store,
                                                const LineupSkeletonBrief *brief);
/* Adds the briefs (stage Brief) in one transaction and one undo step
 * ("Plan month"): all of them or none. */
gboolean         lineup_month_plan_apply   (LineupStore      *store,
                                            LineupMonthPlan  *plan,
                                            GError          **error);

G_END_DECLS
