/* lineup-share-merge.h: the three-way merge of two versions of a record.
 *
 * Field by field against the version both started from (docs/sharing.md
 * §5): a field changed on one side takes that side's value; changed on both
 * to different values it is a conflict, kept in the record as
 * conflict:FIELD / conflict-by:FIELD; logs merge by union. No I/O here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-share-record.h"

G_BEGIN_DECLS

/* Merges @mine (this copy, written by @my_login) and @theirs (the server's)
 * against @base (NULL: they started from nothing, as two creates of one
 * UID). Returns the merged record (kind and UID of @theirs); @out_conflicts
 * (may be NULL) gets the names of the fields that became conflicts in this
 * merge (a GPtrArray of char *, sorted). A field that already was a
 * conflict on either side stays one unless a side resolved it (removed
 * conflict:FIELD while the other did not change FIELD). */
LineupShareRecord *lineup_share_merge (const LineupShareRecord  *base,
                                       const LineupShareRecord  *mine,
                                       const LineupShareRecord  *theirs,
                                       const char               *my_login,
                                       GPtrArray               **out_conflicts);

/* Keeps one side of a conflict in @record: FIELD gets the value written
 * by @login (@keep_mine) or the other one, and conflict:FIELD and
 * conflict-by:FIELD go. FALSE when @field is not in conflict. */
gboolean           lineup_share_resolve_field (LineupShareRecord *record,
                                               const char        *field,
                                               const char        *login,
                                               gboolean           keep_mine);

/* The fields of @record in conflict (the FIELD of each conflict:FIELD),
 * sorted; g_strfreev. */
GStrv              lineup_share_record_list_conflicts (const LineupShareRecord *record);

G_END_DECLS
