/* lineup-share-record.h: what travels of one resource of a shared plan.
 *
 * A record is a post (or the plan's settings, the team, an approval, a
 * claim) as named text fields plus a log that only grows, independent of
 * the store's ids: docs/sharing.md §3–4 names the fields. It is what
 * lineup-share-ical.c reads from and writes to iCalendar, what
 * lineup-share-merge.c merges, and what the store reads and applies
 * (lineup-store-share.h). No I/O here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  LINEUP_SHARE_POST,       /* VEVENT when it has an "at" field, VTODO otherwise */
  LINEUP_SHARE_PLAN,       /* UID lineup-plan */
  LINEUP_SHARE_TEAM,       /* UID lineup-team */
  LINEUP_SHARE_APPROVAL,   /* UID lineup-approval-POST-LOGIN-STEP */
  LINEUP_SHARE_CLAIM,      /* UID lineup-claim-POST-ACCOUNT */
} LineupShareKind;

#define LINEUP_SHARE_PLAN_UID "lineup-plan"
#define LINEUP_SHARE_TEAM_UID "lineup-team"

typedef struct _LineupShareRecord LineupShareRecord;

LineupShareRecord *lineup_share_record_new        (LineupShareKind          kind,
                                                   const char              *uid);
LineupShareRecord *lineup_share_record_copy       (const LineupShareRecord *self);
void               lineup_share_record_free       (LineupShareRecord       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupShareRecord, lineup_share_record_free)

LineupShareKind    lineup_share_record_get_kind   (const LineupShareRecord *self);
const char        *lineup_share_record_get_uid    (const LineupShareRecord *self);

/* NULL when the field is absent. An empty string is a value. */
const char        *lineup_share_record_get        (const LineupShareRecord *self,
                                                   const char              *field);
/* @value NULL removes the field. */
void               lineup_share_record_set        (LineupShareRecord       *self,
                                                   const char              *field,
                                                   const char              *value);
/* The names of the fields present, sorted (strcmp). Free with g_strfreev. */
GStrv              lineup_share_record_list_fields (const LineupShareRecord *self);
/* The names of the fields present that start with @prefix ("check:"),
 * sorted. Free with g_strfreev. */
GStrv              lineup_share_record_list_prefixed (const LineupShareRecord *self,
                                                     const char              *prefix);

/* Adds a log line unless it is there already; the log stays sorted
 * (strcmp, so by time: see lineup_share_log_line_format). */
void               lineup_share_record_add_log    (LineupShareRecord       *self,
                                                   const char              *line);
/* Sorted, borrowed: element type char *. */
GPtrArray         *lineup_share_record_get_log    (const LineupShareRecord *self);

/* Same kind, UID, fields and log. */
gboolean           lineup_share_record_equal      (const LineupShareRecord *a,
                                                   const LineupShareRecord *b);

/* One history line: "AT|KIND|FROM|TO|ACTOR|COMMENT" (docs/sharing.md §3).
 * @from_stage may be NULL (creation), @comment NULL for none. */
char              *lineup_share_log_line_format   (gint64                   at,
                                                   const char              *kind,
                                                   const char              *from_stage,
                                                   const char              *to_stage,
                                                   const char              *actor,
                                                   const char              *comment);
/* FALSE for a line that is not one; the out strings are new (from_stage
 * and comment NULL when empty). */
gboolean           lineup_share_log_line_parse    (const char              *line,
                                                   gint64                  *out_at,
                                                   char                   **out_kind,
                                                   char                   **out_from_stage,
                                                   char                   **out_to_stage,
                                                   char                   **out_actor,
                                                   char                   **out_comment);

G_END_DECLS
