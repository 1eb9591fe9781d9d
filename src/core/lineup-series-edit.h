/* lineup-series-edit.h: editing a post of a recurring series: this one,
 * this and the following ones, or all of them, in one undo step. The
 * editor asks which; the command line takes --series.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-store.h"

G_BEGIN_DECLS

typedef enum {
  LINEUP_SERIES_THIS,
  LINEUP_SERIES_FOLLOWING,
  LINEUP_SERIES_ALL,
} LineupSeriesScope;

/* "this", "following", "all" */
gboolean  lineup_series_scope_from_key (const char        *key,
                                        LineupSeriesScope *out_scope);

/* Stores @edited (a copy of a post with edits, as lineup_workflow_edit ()
 * takes it). For a post in a series, the fields it changed (title,
 * caption, pillar, type, platforms, campaign, brief) go to the posts
 * @scope names too, each edited through the workflow (an approved one
 * goes back to review); its date and time stay its own. "This one" makes
 * the post an exception the series no longer copies; "following" and
 * "all" make the edited content what later occurrences copy. */
gboolean  lineup_series_edit           (LineupStore        *store,
                                        LineupPost         *edited,
                                        LineupSeriesScope   scope,
                                        GError            **error);

G_END_DECLS
