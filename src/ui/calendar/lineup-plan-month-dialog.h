/* lineup-plan-month-dialog.h: Plan This Month: the month skeleton
 * (lineup-skeleton-store.h) as a preview — the tier, the networks, and the
 * briefs it would add, week by week with their type and pillar — that
 * Add Briefs adds in one undo step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lineup-core.h"
#include "lineup-calendar-view.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_PLAN_MONTH_DIALOG (lineup_plan_month_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LineupPlanMonthDialog, lineup_plan_month_dialog, LINEUP, PLAN_MONTH_DIALOG, AdwWindow)

/* The month @year/@month (the calendar's). Emits "done" with what to tell
 * the person ("Added 22 briefs to June 2026"), for a toast, once added. */
LineupPlanMonthDialog *lineup_plan_month_dialog_new (LineupStore *store,
                                                     int          year,
                                                     int          month);

/* Presents one for the month @view shows, over @parent; "done" goes to
 * @done (swapped: @parent first, then the message). */
void lineup_plan_month_dialog_present (GtkWindow          *parent,
                                       LineupStore        *store,
                                       LineupCalendarView *view,
                                       GCallback           done);

G_END_DECLS
