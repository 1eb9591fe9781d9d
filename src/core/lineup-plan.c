/* lineup-plan.c: opens a plan — the store with its commit listeners.
 *
 * Holds only the wiring of what listens to a store's commits; the listeners
 * themselves live with their topics (the outbox in publish/).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lineup-plan.h"
#include "lineup-outbox.h"
#include "lineup-share.h"

LineupStore *
lineup_plan_open (const char  *path,
                  GError     **error)
{
  LineupStore *store = lineup_store_open (path, error);

  if (store)
    {
      lineup_outbox_attach (store);
      /* Second: a shared plan's queue (src/core/share). */
      lineup_share_attach (store);
    }
  return store;
}
