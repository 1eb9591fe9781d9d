/* lineup-store-weights.h: the plan's engagement weights (how much a like,
 * a click, a reply, a repost, a quote and a save count; README "Results").
 * A plan setting kept in the plan's meta table ("results_weights", absent
 * at the defaults); each change one transaction, one undo step,
 * "plan-changed"; a shared plan carries them (field `results:weights`,
 * docs/sharing.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-store.h"
#include "lineup-results-weights.h"

G_BEGIN_DECLS

/* The plan's weights: the defaults until set. */
void     lineup_store_get_result_weights (LineupStore                *self,
                                          LineupResultWeights        *out_weights);
/* @weights NULL: back to the defaults. Refused (plan unchanged) when a
 * weight is not 0 to LINEUP_RESULT_WEIGHT_MAX or all are 0. */
gboolean lineup_store_set_result_weights (LineupStore                *self,
                                          const LineupResultWeights  *weights,
                                          GError                    **error);

G_END_DECLS
