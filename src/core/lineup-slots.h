/* lineup-slots.h: posting slots, the weekly times a team posts at on each
 * network ("LinkedIn Tue 09:00, Thu 12:30"), in the plan's time zone.
 * Parsing and writing one, and turning a set of them into the instants of
 * a range of dates. No store here: lineup-store-slots.h keeps them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const char *platform;  /* a key of lineup_platforms_get_all () (the table's static string) */
  guint8      weekday;   /* 1 = Monday … 7 = Sunday, as GDateWeekday */
  guint16     minutes;   /* after local midnight, 0 … 1439 */
} LineupSlot;

typedef struct {
  gint64      at;        /* Unix seconds */
  const char *platform;  /* static key, as above */
} LineupSlotTime;

/* "tue@09:00"; "Tuesday@9:00" in any case is taken too. @platform: a key or
 * name of a network. The error says which part is wrong and what to write. */
gboolean  lineup_slot_parse      (const char       *platform,
                                  const char       *text,
                                  LineupSlot       *out,
                                  GError          **error);
/* "tue@09:00": how slots are stored and written on the command line. */
char     *lineup_slot_to_string  (const LineupSlot *slot);
/* "Tue 09:00", the weekday translated: for people. */
char     *lineup_slot_describe   (const LineupSlot *slot);
/* Sorts by platform (the table's order), weekday, minutes; drops repeats. */
void      lineup_slots_sort      (GArray           *slots);
/* Sorts LineupSlotTime by time, then by the platforms' order. */
void      lineup_slot_times_sort (GArray           *times);
/* LineupSlotTime of @slots (of @platform only; NULL: all) on the local
 * dates @first … @last (inclusive) of @zone, ascending by time, then by the
 * platforms' order. A wall time that does not exist that day (in the hour DST
 * skips) comes when the gap ends (02:30 → 03:00), as GLib and
 * lineup_store_local_to_utc () place it; a wall time that comes twice
 * counts once, at the instant GLib gives it (the second). */
GArray   *lineup_slots_times     (const LineupSlot *slots,
                                  guint             n_slots,
                                  const char       *platform,
                                  const GDate      *first,
                                  const GDate      *last,
                                  GTimeZone        *zone);

G_END_DECLS
