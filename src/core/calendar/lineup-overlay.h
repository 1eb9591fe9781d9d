/* lineup-overlay.h: other calendars (public holidays, awareness days, a
 * launch calendar) read from an iCalendar file or URL and shown read-only
 * beside the plan. A refresh that fails keeps the last good copy and says
 * why on the overlay.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-store.h"

G_BEGIN_DECLS

typedef struct {
  char  *overlay;     /* its name */
  char  *color;       /* "#RRGGBB" */
  char  *summary;
  GDate  date;        /* the local day it falls on, in the plan's zone */
  int    minutes;     /* local time, or -1 for a whole day */
} LineupOverlayEvent;

void       lineup_overlay_event_free (LineupOverlayEvent *event);

/* Reads the overlay's source again; on success keeps it as the new copy
 * and returns the number of events, else records the error (keeping the
 * old copy) and returns -1. A calendar with a rule that repeats within a
 * day (FREQ=SECONDLY, MINUTELY, HOURLY, or more than 4 times a day) is
 * refused, the error naming the event. */
int        lineup_overlay_refresh    (LineupStore  *store,
                                      const char   *name,
                                      GError      **error);
/* lineup_overlay_refresh () off the main thread, with a store of its own on
 * the plan at @path: a slow server or a big calendar never holds the
 * window. The result is the number of events, or -1 with the reason (also
 * recorded on the overlay); the caller's store sees the new copy after
 * lineup_store_refresh (). */
void       lineup_overlay_refresh_async      (const char          *path,
                                              const char          *name,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
int        lineup_overlay_refresh_finish     (GAsyncResult        *result,
                                              GError             **error);
/* Refreshes, off the main thread, every overlay of the plan at @path whose
 * copy is older than its refresh interval (or missing). The callback's
 * result is the number refreshed; failures are on the overlays. */
void       lineup_overlay_refresh_due_async  (const char          *path,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
int        lineup_overlay_refresh_due_finish (GAsyncResult        *result,
                                              GError             **error);

/* The events of the enabled overlays on the local days [from, to),
 * recurrences expanded, by date. Element type LineupOverlayEvent.
 *
 * Bounded whatever the calendars say: at most 4 events of an overlay a
 * day, then one event whose summary is the count ("+12 more", or "and
 * more" where a rule repeating within a day was skipped), at most 5,000
 * events, and at most 20,000 recurrence steps or 100 ms of work (then
 * the rest is left out). A copy is parsed once and kept (parsing 20,000
 * events takes over a second): the first call after a refresh of a big
 * calendar blocks for that. */
GPtrArray *lineup_overlay_events     (LineupStore  *store,
                                      const GDate  *from,
                                      const GDate  *to);

/* The same off the main thread: what the store holds is copied first (the
 * store stays on the caller's thread), then expanded in a worker. A
 * cancelled @cancellable stops the work within a few steps and the result
 * is G_IO_ERROR_CANCELLED. The same bounds, but 400,000 steps and 2 s of
 * work (not counting the parse; the workers keep the copies they parsed,
 * apart from the caller's thread's) instead of 20,000 and 100 ms. The
 * result is a GPtrArray of LineupOverlayEvent. */
void       lineup_overlay_events_async  (LineupStore          *store,
                                         const GDate          *from,
                                         const GDate          *to,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
GPtrArray *lineup_overlay_events_finish (GAsyncResult         *result,
                                         GError              **error);

/* The overlays of a store copied for use on any thread, and their events:
 * what lineup_overlay_events() and its async form are made of. */
typedef struct _LineupOverlaySnapshot LineupOverlaySnapshot;

LineupOverlaySnapshot *lineup_overlay_snapshot_new    (LineupStore           *store);
void                   lineup_overlay_snapshot_free   (LineupOverlaySnapshot *snapshot);
GPtrArray             *lineup_overlay_snapshot_events (LineupOverlaySnapshot *snapshot,
                                                       const GDate           *from,
                                                       const GDate           *to,
                                                       GCancellable          *cancellable);
/* How many copies this process parsed so far (each is parsed once while
 * it is in use, once for the caller's thread and once for the workers):
 * for tests and benches. */
guint      lineup_overlay_parse_count (void);
/* How many events a copy holds (-1: it is not iCalendar); a copy parsed
 * before, by this thread or a worker, is not parsed again. */
int        lineup_overlay_count      (const char   *ics);

G_END_DECLS
