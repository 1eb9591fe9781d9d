/* lineup-day-cell.h: one day of the month grid: its number, its posts as
 * cards (a few, then "+N more"), and a drop target.
 *
 * Signals:
 *   post-dropped (LineupPost *, gboolean copy)
 *   post-hover (LineupPost *)           a card dragged over the day; NULL when it leaves
 *   new-post ()                         Enter on the day, or a double click on it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lineup-core.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_DAY_CELL (lineup_day_cell_get_type ())
G_DECLARE_FINAL_TYPE (LineupDayCell, lineup_day_cell, LINEUP, DAY_CELL, GtkWidget)

/* Cards an hour of the week grid shows before "+N more" (a day of the
 * month shows what its height holds). */
#define LINEUP_DAY_CELL_MAX_CARDS 3

LineupDayCell *lineup_day_cell_new       (void);
void           lineup_day_cell_set_date  (LineupDayCell *self,
                                          const GDate   *date,
                                          gboolean       in_month,
                                          gboolean       today);
const GDate   *lineup_day_cell_get_date  (LineupDayCell *self);
/* Other calendars' events that day: events[from..to) (LineupOverlayEvent),
 * shown under the day's number and said in its description. */
void           lineup_day_cell_set_overlays (LineupDayCell *self,
                                             GPtrArray     *events,
                                             guint          from,
                                             guint          to);
/* Shows posts[from..to) (time order). Cards are reused, never rebuilt. */
void           lineup_day_cell_set_posts (LineupDayCell *self,
                                          LineupStore   *store,
                                          GPtrArray     *posts,
                                          guint          from,
                                          guint          to,
                                          gboolean       force);
/* Makes the cell one hour of a day (the week grid): no day number, and
 * its name says the time. -1 (the default) is a whole day. */
void           lineup_day_cell_set_hour  (LineupDayCell *self,
                                          int            hour);
int            lineup_day_cell_get_hour  (LineupDayCell *self);
/* The card showing the post with @id, or NULL. */
/* Before the month's first layout: the height it will likely get, so the
 * first frame binds and shows what fits (a start's first frame). */
void           lineup_day_cell_set_height_hint (LineupDayCell *self,
                                                int            height);
GtkWidget     *lineup_day_cell_find_card (LineupDayCell *self,
                                          const char    *id);
/* The free posting slots of the day (or hour): @shown faintly ("○ LinkedIn
 * 09:00"), @spoken for a screen reader ("Free slot: LinkedIn 09:00"); NULL
 * for none. */
void           lineup_day_cell_set_free_slots (LineupDayCell *self,
                                               const char    *shown,
                                               const char    *spoken);

G_END_DECLS
