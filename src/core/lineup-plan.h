/* lineup-plan.h: opening a plan as its users do.
 *
 * A plan is the store and what listens to its commits: the outbox, which
 * writes the remote changes a change of posts causes in the same
 * transaction. The command line, the app, the feed and overlay workers, the
 * tests and the benchmarks open plans here; lineup_store_open() alone gives
 * a store nobody listens to (for the store's own tests).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-store.h"

G_BEGIN_DECLS

/* Opens (creating or migrating) the plan at @path, listeners attached. */
LineupStore *lineup_plan_open (const char  *path,
                               GError     **error);

G_END_DECLS
