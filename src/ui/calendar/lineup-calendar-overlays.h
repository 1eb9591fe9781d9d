/* lineup-calendar-overlays.h: the overlay events a calendar grid shows,
 * read by a worker (lineup_overlay_events_async ()): a big calendar takes
 * seconds to parse and expand, and the window must keep answering (and
 * quit at once) meanwhile. The grid shows the events it has until the new
 * ones arrive, then is told to draw again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-core.h"

G_BEGIN_DECLS

typedef struct _LineupCalendarOverlays LineupCalendarOverlays;

/* @changed is called (with @data) when new events arrive that differ from
 * those shown; never after lineup_calendar_overlays_free (). */
LineupCalendarOverlays *lineup_calendar_overlays_new        (GFunc                    changed,
                                                             gpointer                 data);
void                    lineup_calendar_overlays_free       (LineupCalendarOverlays *self);

/* The events to show on the days [first, end): those read for them, or,
 * while a worker reads them (asked here when needed), those the grid has
 * (their days are right wherever they overlap; none at first). With
 * @store NULL, only those it has: nothing is asked. Borrowed. */
GPtrArray              *lineup_calendar_overlays_get        (LineupCalendarOverlays *self,
                                                             LineupStore            *store,
                                                             const GDate            *first,
                                                             const GDate            *end);
/* The overlays changed (a plan change): read them again at the next get,
 * showing the old events until then. */
void                    lineup_calendar_overlays_invalidate (LineupCalendarOverlays *self);

G_END_DECLS
