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
 * old copy) and returns -1. */
int        lineup_overlay_refresh    (LineupStore  *store,
                                      const char   *name,
                                      GError      **error);
/* Refreshes, off the main thread, every overlay of the plan at @path whose
 * copy is older than its refresh interval (or missing). The callback's
 * result is the number refreshed; failures are on the overlays. */
void       lineup_overlay_refresh_due_async  (const char          *path,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
int        lineup_overlay_refresh_due_finish (GAsyncResult        *result,
                                              GError             **error);

/* The events of the enabled overlays on the local days [from, to),
 * recurrences expanded, by date. Element type LineupOverlayEvent. */
GPtrArray *lineup_overlay_events     (LineupStore  *store,
                                      const GDate  *from,
                                      const GDate  *to);
/* How many events a copy holds (-1: it is not iCalendar). */
int        lineup_overlay_count      (const char   *ics);

G_END_DECLS
