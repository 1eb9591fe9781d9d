/* lineup-share-ical.h: a shared plan's resources as iCalendar text.
 *
 * Reads a resource's text into a record and writes a record back as text,
 * in the format docs/sharing.md §2–4 defines. Writing starts from the text
 * the server last gave (the base) and replaces only the properties Lineup
 * owns, so another client's properties and subcomponents (VALARM, COLOR,
 * ATTENDEE …) survive. libical does the parsing, escaping and folding.
 * No I/O and no store here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lineup-share-record.h"

G_BEGIN_DECLS

#define LINEUP_SHARE_ICAL_ERROR (lineup_share_ical_error_quark ())

typedef enum {
  LINEUP_SHARE_ICAL_ERROR_PARSE,     /* not iCalendar, or no VEVENT/VTODO with a UID */
  LINEUP_SHARE_ICAL_ERROR_INVALID,   /* a record that cannot be written (a bad "at", a kind with no form) */
} LineupShareIcalError;

GQuark lineup_share_ical_error_quark (void);

/* The record @text holds: its kind from its UID (docs/sharing.md §2), its
 * fields and log. A post's "at" is converted to UTC whatever zone the
 * text used (a TZID with its VTIMEZONE, UTC, or floating: read as UTC). A
 * resource another client created becomes a post with the fields it has
 * (title from SUMMARY; no stage, pillar or type). */
LineupShareRecord *lineup_share_ical_parse  (const char               *text,
                                             GError                  **error);

/* The text of @record. @base: the text the server last gave for this
 * resource, or NULL for a new one. @zone: the plan's IANA time zone for a
 * post's DTSTART (with its VTIMEZONE; NULL or unknown: UTC). SEQUENCE
 * is one more than the base's (0 for a new resource). */
char              *lineup_share_ical_render (const LineupShareRecord  *record,
                                             const char               *base,
                                             const char               *zone,
                                             GError                  **error);

/* The resource name of a UID: "UID.ics", percent-encoded for a path. */
char              *lineup_share_ical_resource_name (const char *uid);

G_END_DECLS
