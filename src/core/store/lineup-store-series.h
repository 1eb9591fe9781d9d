/* lineup-store-series.h: recurring series. A post made to repeat becomes
 * the first occurrence of a series with a rule (lineup-series.h); every
 * occurrence is a real post of its own (stage, approval, publishing), made
 * ahead over a horizon (LINEUP_SERIES_HORIZON_DAYS) that rolls forward.
 * An occurrence's id comes from the series' uid and its local date, so two
 * copies of a shared plan make one post, not two. A moved or deleted
 * occurrence is an exception the series keeps: it is never made again. A
 * shared plan carries each rule in its settings ("series:UID") and each
 * post's link in its record (docs/sharing.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-store.h"
#include "lineup-series.h"

G_BEGIN_DECLS

typedef struct {
  char             *uid;
  LineupSeriesRule  rule;
  char             *title;       /* of its latest occurrence; "" when none is live */
  guint             n_live;      /* occurrences in the plan */
  guint             n_moved;     /* exceptions: moved to another day */
  guint             n_deleted;   /* exceptions: deleted */
  GDate             next;        /* the next occurrence from today; invalid: none */
} LineupSeries;

void          lineup_series_free               (LineupSeries *series);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupSeries, lineup_series_free)

/* The series of post @id (live or deleted): its uid, and the local date
 * the occurrence stands for. FALSE when the post is in no series. */
gboolean      lineup_store_get_post_series     (LineupStore  *self,
                                                const char   *id,
                                                char        **out_uid,
                                                GDate        *out_occurs_on);
/* By the series' uid (or a prefix of at least 4 characters) or the id of
 * one of its posts. NULL with @error when there is none. */
LineupSeries *lineup_store_get_series          (LineupStore  *self,
                                                const char   *uid_or_post_id,
                                                GError      **error);
/* Every series, oldest first. Element type LineupSeries. */
GPtrArray    *lineup_store_list_series         (LineupStore  *self);

/* Makes dated post @id the first occurrence of a new series following
 * @rule (its start is the post's local date and time) and makes the
 * occurrences within the horizon: one operation, one undo step. Returns
 * the series' uid. */
char         *lineup_store_repeat_post         (LineupStore             *self,
                                                const char              *id,
                                                const LineupSeriesRule  *rule,
                                                GError                 **error);
/* Ends a series today: no occurrence is made after today, and the ones
 * after today not yet published are deleted (but for the post it
 * started from). One undo step. */
gboolean      lineup_store_stop_series         (LineupStore  *self,
                                                const char   *uid_or_post_id,
                                                GError      **error);
/* Makes the occurrences of every series up to @horizon_days after today
 * that are not made yet (and were never an exception). Not an undo step:
 * the plan only catches up with its rules. @out_made: how many. */
gboolean      lineup_store_roll_series         (LineupStore  *self,
                                                int           horizon_days,
                                                guint        *out_made,
                                                GError      **error);

/* The live occurrences of series @uid on or after local @from (NULL: all),
 * by the date they stand for. Element type LineupPost. */
GPtrArray    *lineup_store_list_series_posts   (LineupStore  *self,
                                                const char   *uid,
                                                const GDate  *from);
/* Marks occurrence @id as edited on its own (TRUE: not a template for the
 * occurrences made later) or as the series' again. Part of the operation
 * in progress (see lineup_series_edit ()), or one of its own. */
gboolean      lineup_store_set_series_own      (LineupStore  *self,
                                                const char   *id,
                                                gboolean      own,
                                                GError      **error);

/* Every post in a series: post id → the series' uid (both owned). */
GHashTable   *lineup_store_get_series_links    (LineupStore  *self);

G_END_DECLS
