/* lineup-ics-writer.h: iCalendar content lines (RFC 5545 §3.1) written
 * straight to their destination, without a component tree.
 *
 * Each property is escaped and folded the way libical 3.0 writes it, byte
 * for byte (lineup-ics.c wrote the plan through libical before; the feeds'
 * readers and the golden files know those bytes):
 *  - TEXT escapes backslash, semicolon, comma and line breaks (\n); a CR,
 *    backspace or form feed is dropped, a tab kept;
 *  - lines end in CRLF and are folded at 75 octets, after a ';', ':' or
 *    ' ' near the end when there is one, never inside a UTF-8 sequence
 *    (protocols.md §4). Where libical 3.0.16 would split a CRLF (a last
 *    piece of exactly 73 octets with no break in it), the piece is written
 *    whole: its line is 74 octets.
 * The text is kept in a buffer that goes to the output stream in chunks of
 * 64 KiB, or is kept whole when there is no stream.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  LINEUP_ICS_VALUE_TEXT,      /* TEXT (SUMMARY, DESCRIPTION, UID, NAME, …) */
  LINEUP_ICS_VALUE_X_TEXT,    /* TEXT in an X- property: ';' and ',' escaped too */
  LINEUP_ICS_VALUE_X_LIST,    /* keys in an X- property: its commas separate them */
  LINEUP_ICS_VALUE_CATEGORY,  /* one CATEGORIES value: a comma reads as U+201A */
  LINEUP_ICS_VALUE_RAW,       /* as it is: DATE-TIME, DURATION, INTEGER, URI, … */
} LineupIcsValue;

typedef struct _LineupIcsWriter LineupIcsWriter;

/* Writes to @output (kept until freed), or into memory when it is NULL. */
LineupIcsWriter *lineup_ics_writer_new          (GOutputStream    *output,
                                                 gsize             size_hint);
/* NAME[PARAMS]:VALUE, escaped as @kind, folded, CRLF; @params is written
 * as it is (";TZID=Europe/Warsaw") and may be NULL. */
void             lineup_ics_writer_property     (LineupIcsWriter  *writer,
                                                 const char       *name,
                                                 const char       *params,
                                                 const char       *value,
                                                 LineupIcsValue    kind);
/* Lines already written (a cached property, BEGIN:VEVENT\r\n, …). */
void             lineup_ics_writer_append       (LineupIcsWriter  *writer,
                                                 const char       *lines,
                                                 gsize             length);
/* The same property as text, for lines written again and again. */
char            *lineup_ics_format_property     (const char       *name,
                                                 const char       *params,
                                                 const char       *value,
                                                 LineupIcsValue    kind,
                                                 gsize            *out_length);
/* Writes what is left to the stream; the first error of any write. */
gboolean         lineup_ics_writer_finish       (LineupIcsWriter  *writer,
                                                 GCancellable     *cancellable,
                                                 GError          **error);
/* Frees @writer; without a stream, returns the text written (else NULL). */
char            *lineup_ics_writer_free         (LineupIcsWriter  *writer,
                                                 gsize            *out_length);

G_END_DECLS
