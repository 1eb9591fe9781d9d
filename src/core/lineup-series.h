/* lineup-series.h: a recurring series' rule (RFC 5545 RRULE semantics, the
 * part a planner needs): every N days, weeks (on some weekdays) or months
 * (on a day of the month, or the first…last weekday), until a date or for
 * a number of occurrences, from a local start date and time. Occurrences
 * are local dates: each keeps the start's wall time in the plan's zone,
 * whatever daylight saving time does. No store, no widgets: the store's
 * series (lineup-store-series.h) and the editor use this.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  LINEUP_REPEAT_DAILY,
  LINEUP_REPEAT_WEEKLY,
  LINEUP_REPEAT_MONTHLY,
} LineupRepeatFreq;

#define LINEUP_SERIES_MAX_INTERVAL 99
#define LINEUP_SERIES_MAX_COUNT    999
/* Days ahead the occurrences are made (8 weeks). */
#define LINEUP_SERIES_HORIZON_DAYS 56

typedef struct {
  LineupRepeatFreq freq;
  int              interval;     /* 1 … 99 */
  guint8           weekdays;     /* weekly: bit 0 Monday … bit 6 Sunday; 0: the start's */
  int              month_day;    /* monthly: 1 … 31, -1 the last; 0: none */
  int              nth;          /* monthly: 1 … 4, -1 the last, of nth_weekday; 0: none */
  GDateWeekday     nth_weekday;
  GDate            until;        /* inclusive, local; invalid: none */
  int              count;        /* 0: none */
  GDate            start;        /* local date of the first occurrence (DTSTART) */
  int              minutes;      /* its local time, minutes after midnight */
} LineupSeriesRule;

void      lineup_series_rule_init        (LineupSeriesRule *rule);
/* "FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TH;UNTIL=20270630;DTSTART=20261207T0900":
 * the text a plan keeps and shares. */
char     *lineup_series_rule_to_string   (const LineupSeriesRule *rule);
gboolean  lineup_series_rule_parse       (const char        *text,
                                          LineupSeriesRule  *rule,
                                          GError           **error);
/* Checks a rule made by hand (the command line's options, the editor). */
gboolean  lineup_series_rule_validate    (const LineupSeriesRule  *rule,
                                          GError                 **error);

/* The command line's words: @every "day|week|month"; @on "mon,thu"; @day
 * "1"…"31" or "last"; @weekday "first-monday" … "last-friday"; @until
 * "YYYY-MM-DD"; @count > 0. NULL / 0: not given. The start is left as is. */
gboolean  lineup_series_rule_from_words  (LineupSeriesRule  *rule,
                                          const char        *every,
                                          int                interval,
                                          const char        *on,
                                          const char        *day,
                                          const char        *weekday,
                                          const char        *until,
                                          int                count,
                                          GError           **error);

/* The local dates of the occurrences with @from <= date <= @to, in order
 * (element type GDate). A count counts from the start. */
GArray   *lineup_series_rule_expand      (const LineupSeriesRule *rule,
                                          const GDate            *from,
                                          const GDate            *to);

/* "Every week on Monday and Thursday, until 30 June 2027", translated. */
char     *lineup_series_rule_describe    (const LineupSeriesRule *rule);

/* A new series' uid, and the id of its occurrence on local @date: the same
 * on every computer, so two copies of a shared plan make one post. */
char     *lineup_series_new_uid          (void);
char     *lineup_series_occurrence_id    (const char  *series_uid,
                                          const GDate *date);

G_END_DECLS
