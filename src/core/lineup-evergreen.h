/* lineup-evergreen.h: which evergreen posts come back when — the proposal
 * "Fill Gaps" and `lineup evergreen fill` show before anything is added.
 *
 * Pure: no store. It is given the evergreen posts (each with its minimum
 * gap, its last day and every time it or a copy of it is planned), the
 * open times to fill, and how far each pillar and type is from its mix
 * target; it says which post goes where. The store's side (reading the
 * plan, adding the accepted copies) is lineup-store-reuse.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lineup-post.h"

G_BEGIN_DECLS

typedef struct {
  LineupPost   *post;          /* the evergreen post (borrowed) */
  guint         min_gap_days;  /* no two uses closer than this */
  GDate         until;         /* the last local day it may come back; invalid: no end */
  const gint64 *uses;          /* the times it and its copies are planned (any order) */
  guint         n_uses;
} LineupEvergreenCandidate;

/* A time to fill: the same fields as LineupSlotTime. */
typedef struct {
  gint64      at;
  const char *platform;
} LineupEvergreenTime;

/* How far a pillar or type is from its mix target: > 0 posts short of it,
 * < 0 posts over it, 0 within (or no target). */
typedef struct {
  gint64 id;
  int    need;
} LineupEvergreenNeed;

typedef struct {
  gint64      at;
  const char *platform;        /* the time's, static */
  guint       candidate;       /* index into the candidates */
} LineupEvergreenProposal;

/* For each open time (ascending), the best candidate that targets the
 * time's network, whose gap to each of its uses (and the ones proposed
 * already) is at least its minimum gap, that has no use in the same week
 * (Monday to Sunday in @zone), and whose last day is not past: first the
 * ones whose type, then pillar, is short of its target, then the one used
 * longest ago. A time nothing fits stays empty. Returns
 * LineupEvergreenProposal, by time. */
GArray *lineup_evergreen_propose (const LineupEvergreenCandidate *candidates,
                                  guint                           n_candidates,
                                  const LineupEvergreenTime      *times,
                                  guint                           n_times,
                                  const LineupEvergreenNeed      *pillar_needs,
                                  guint                           n_pillar_needs,
                                  const LineupEvergreenNeed      *type_needs,
                                  guint                           n_type_needs,
                                  GTimeZone                      *zone);

G_END_DECLS
