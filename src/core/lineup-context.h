/* lineup-context.h: an open plan and what runs beside it in the app.
 *
 * One context per plan the app has open: its store, its publishing (the
 * secrets and the sync engine, shared through lineup-publishing.h), and
 * the timers that work in the background while the app runs: the engine's
 * due passes, a pass soon after another process changed the outbox, the
 * overlay calendars refreshed at start and every hour, the results of
 * published posts read from Mastodon and Bluesky when due (at start and
 * every hour, in a thread), and the feeds that publish themselves a few
 * seconds after a change. No widgets: the
 * application (src/ui/common) makes the context and hands its store to the
 * windows; the command line opens plans with lineup_plan_open () alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-store.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_CONTEXT (lineup_context_get_type ())
G_DECLARE_FINAL_TYPE (LineupContext, lineup_context, LINEUP, CONTEXT, GObject)

/* A context for the open plan @store; nothing runs before _start(). */
LineupContext *lineup_context_new        (LineupStore   *store);
LineupStore   *lineup_context_get_store  (LineupContext *self);

/* Watches the plan's file, refreshes the overlays due and starts their
 * hourly look, publishes feeds after changes, and starts publishing: the
 * secrets are reached in a thread, then the sync engine runs. */
void           lineup_context_start      (LineupContext *self);
/* Quit was chosen: no engine starts any more, nothing more is sent for
 * other processes' changes, and nothing is said to wait. */
void           lineup_context_quit       (LineupContext *self);

/* The "outbox-waiting" property: the engine runs and the outbox holds
 * posts it waits to send (the app stays up for them). */
gboolean       lineup_context_get_outbox_waiting (LineupContext *self);

/* For the tests, before _start(): how often the overlays due are looked
 * for (an hour) and how long after a change the feeds publish (three
 * seconds), in milliseconds. */
void           lineup_context_set_intervals (LineupContext *self,
                                             guint          overlay_ms,
                                             guint          auto_publish_ms);

G_END_DECLS
