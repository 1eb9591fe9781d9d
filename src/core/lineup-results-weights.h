/* lineup-results-weights.h: the plan's engagement weights as text and
 * checked: how much a like, a click, a reply, a repost, a quote and a save
 * count in a post's engagement (lineup-results.h). The plan keeps them
 * (lineup-store-weights.h); this file only checks, writes and reads them.
 *
 * The text, kept in the plan and carried by a shared plan's `results:weights`
 * field: "likes=1 clicks=2 replies=3 reposts=3 quotes=3 saves=3".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lineup-results.h"

G_BEGIN_DECLS

/* A weight is 0 to this, in steps of 0.1. */
#define LINEUP_RESULT_WEIGHT_MAX 100.0

/* The counts that have a weight, in the order they are shown: likes,
 * clicks, replies, reposts, quotes, saves. */
#define LINEUP_RESULT_N_WEIGHTS 6
extern const LineupResultCount lineup_result_weighted[LINEUP_RESULT_N_WEIGHTS];

/* A weight's name as shown: "Likes", "Link clicks", "Replies (comments)"… */
const char *lineup_result_weight_label (LineupResultCount count);

/* FALSE, with a sentence naming the first weight that is not a number from
 * 0 to LINEUP_RESULT_WEIGHT_MAX, or saying that all are 0. */
gboolean  lineup_result_weights_check      (const LineupResultWeights *weights,
                                            GError                   **error);
gboolean  lineup_result_weights_equal      (const LineupResultWeights *a,
                                            const LineupResultWeights *b);
gboolean  lineup_result_weights_is_default (const LineupResultWeights *weights);
/* "likes=1 clicks=2 replies=3 reposts=3 quotes=3 saves=3". */
char     *lineup_result_weights_to_text    (const LineupResultWeights *weights);
/* The weights @text says, a weight it leaves out at its default; FALSE
 * with an error naming the word that is wrong. Checked as above. */
gboolean  lineup_result_weights_parse      (const char                *text,
                                            LineupResultWeights       *out_weights,
                                            GError                   **error);

G_END_DECLS
