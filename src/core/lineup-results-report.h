/* lineup-results-report.h: what works for this audience, read from the
 * plan: each post's latest results turned into points (lineup-results.h)
 * grouped by pillar, type, platform, weekday or hour, against the plan's
 * own baseline. `lineup results` prints it; `lineup results export` the
 * rows behind it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-store.h"
#include "lineup-results.h"

G_BEGIN_DECLS

typedef enum {
  LINEUP_RESULTS_BY_PILLAR,
  LINEUP_RESULTS_BY_TYPE,
  LINEUP_RESULTS_BY_PLATFORM,
  LINEUP_RESULTS_BY_WEEKDAY,
  LINEUP_RESULTS_BY_HOUR,
} LineupResultsBy;

/* "pillar", "type", "platform", "weekday", "hour"; FALSE when none. */
gboolean lineup_results_by_parse (const char      *text,
                                  LineupResultsBy *out_by);

typedef struct {
  double     baseline;     /* median engagement of the last 90 days' posts; NAN: none */
  guint      n_posts;      /* posts with results in the window */
  GPtrArray *groups;       /* LineupResultGroup */
} LineupResultsReport;

void lineup_results_report_free (LineupResultsReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupResultsReport, lineup_results_report_free)

/* The posts with results dated @from <= at < @to (0, 0: all), grouped by
 * @by (weekday and hour in the plan's zone; "platform" one point per
 * network, the others a post's networks summed), with the plan's
 * weights (lineup-store-weights.h); the baseline over the 90 days up to
 * @now. */
LineupResultsReport *lineup_results_report (LineupStore      *store,
                                            LineupResultsBy   by,
                                            gint64            from,
                                            gint64            to,
                                            gint64            now,
                                            GError          **error);

/* A group's name as shown: a weekday in the user's language, the others
 * as they are. */
const char *lineup_results_group_label (LineupResultsBy  by,
                                        const char      *group);

G_END_DECLS
