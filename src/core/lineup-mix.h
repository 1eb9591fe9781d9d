/* lineup-mix.h: the content mix of a range of days against its targets.
 *
 * A LineupMix counts the posts of a range (local days of the plan's zone,
 * [from, to)) by content type, pillar, week, day and platform, keeps the
 * counts up to date from the store's signals (a change moves one post's
 * counts, it does not recount), and makes reports from them.
 *
 * Counted: dated posts in the range whose stage the plan counts (all but
 * Brief unless changed), passing the optional platform and campaign filter.
 * The posts that pass all but the stage are "not counted": the report says
 * how many, by stage, so the numbers agree with the calendar that shows
 * them ("20 counted · 7 briefs not counted"), and the advice names those
 * that would close a gap once moved on to a stage that counts.
 *
 * States and distances (percent of the posts counted, T posts, c in a row):
 *   under   share < min: add k posts of it, the least k with c+k >= min% of T+k;
 *   over    share > max: change the type of k, the least k with c-k <= max% of T,
 *           or add a others, the least a with c <= max% of T+a;
 *   within  otherwise. A pillar's target share t is the band t-5 to t+5.
 * Score: 100 - 2 x (percentage points outside the bands, summed over the
 * types and the pillars with a target), never below 0; 100 when every row
 * is within its band.
 * Weeks start on Monday unless set otherwise (the window follows the
 * calendar's first day of the week). Cadence is checked per platform on the
 * weeks that lie wholly inside the range.
 * A week to fill has at least LINEUP_MIX_WEEK_MIN_DAYS (4) of its seven days
 * in the range, as an ISO week belongs to the year that holds its Thursday:
 * the 1–3 days a month shares with the week before or after it are that
 * week's, and no suggestion or rule of thumb asks to fill them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-store.h"

G_BEGIN_DECLS

typedef enum {
  LINEUP_MIX_NO_TARGET,
  LINEUP_MIX_UNDER,
  LINEUP_MIX_WITHIN,
  LINEUP_MIX_OVER,
} LineupMixState;

const char *lineup_mix_state_to_key (LineupMixState state);   /* "under", "within", "over", "none" */

typedef struct {
  gint64          id;
  char           *name;
  char           *key;        /* the type's key, NULL for pillars and custom types */
  guint           count;
  double          share;      /* percent of the posts counted */
  double          min, max;   /* the band, -1 when there is no target */
  LineupMixState  state;
  guint           distance;   /* under: posts to add; over: posts to change */
  guint           others;     /* over: other posts to add instead (0 when that cannot help) */
} LineupMixRow;

typedef struct {
  GDate   start;              /* the week's first day (see set_week_start) */
  gboolean whole;             /* all seven days inside the range */
  guint   total;
  guint  *type_counts;        /* per row of the report's types */
  gboolean to_fill;           /* LINEUP_MIX_WEEK_MIN_DAYS or more of its days in the range */
  guint  *type_not_counted;   /* per row of the report's types: posts in stages not counted */
} LineupMixWeek;

/* The fewest days of a week inside the range that make it a week to fill. */
#define LINEUP_MIX_WEEK_MIN_DAYS 4

typedef struct {
  char           *platform;   /* key */
  guint           min, max;   /* posts a week */
  guint          *week_counts;
  LineupMixState  state;      /* over the whole weeks: the worst one */
} LineupMixCadence;

typedef enum {
  LINEUP_MIX_ADD_TYPE,        /* id: the type; week: where none is (may be invalid) */
  LINEUP_MIX_REDUCE_TYPE,
  LINEUP_MIX_ADD_PILLAR,
  LINEUP_MIX_REDUCE_PILLAR,
} LineupMixSuggestionKind;

typedef struct {
  LineupMixSuggestionKind  kind;
  gint64                   id;
  GDate                    week;
  char                    *text;
  /* The posts not counted (stage) that would close the gap once moved on,
   * and a sentence naming them ("2 Educational briefs on that week: move
   * them on (“A”, “B”)"); NULL and empty when there are none. */
  char                    *detail;
  GPtrArray               *not_counted;   /* LineupPost */
} LineupMixSuggestion;

LineupMixSuggestion *lineup_mix_suggestion_copy (const LineupMixSuggestion *suggestion);
void                 lineup_mix_suggestion_free (LineupMixSuggestion *suggestion);

typedef struct {
  GDate       from, to;       /* [from, to) */
  guint       total;
  GPtrArray  *types;          /* LineupMixRow, in the plan's order */
  GPtrArray  *pillars;        /* LineupMixRow */
  double      score;
  GPtrArray  *suggestions;    /* LineupMixSuggestion */
  guint       n_weeks;
  LineupMixWeek *weeks;
  GPtrArray  *cadence;        /* LineupMixCadence, platforms with posts */
  GPtrArray  *flags;          /* char *: rules of thumb broken */
  guint       not_counted;    /* posts in the range counted but for their stage */
  guint       not_counted_stages[LINEUP_N_STAGES];
} LineupMixReport;

void lineup_mix_report_free (LineupMixReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupMixReport, lineup_mix_report_free)

LineupMixRow *lineup_mix_report_find_type (LineupMixReport *report,
                                           const char      *name_or_key);
/* "23 posts counted", or "20 counted · 7 briefs not counted" (each stage
 * not counted that has posts, "7 briefs, 2 drafts"). */
char         *lineup_mix_report_counted_text (LineupMixReport *report);

/* The pillar targets of @store added up (those with a target); FALSE when
 * none has one. */
gboolean      lineup_mix_pillar_targets_sum (LineupStore *store,
                                             double      *out_sum);
/* NULL when the pillar targets add up to 100 % (or none is set), else a
 * sentence saying their sum and how to fix it, for every place that sets
 * or lists them. */
char         *lineup_mix_pillar_targets_warning (LineupStore *store);

/* The most posts one platform should get on a day before it is flagged. */
#define LINEUP_MIX_MAX_PER_DAY 2

/* Posts a week the cadence aims at for @platform (domain.md's starting points). */
void lineup_mix_cadence_target (const char *platform,
                                guint      *out_min,
                                guint      *out_max);

#define LINEUP_TYPE_MIX (lineup_mix_get_type ())
G_DECLARE_FINAL_TYPE (LineupMix, lineup_mix, LINEUP, MIX, GObject)

/* Signal: changed () — after the counts changed. */
LineupMix       *lineup_mix_new          (LineupStore *store);
/* [from, to) local days; recounts. */
void             lineup_mix_set_range    (LineupMix   *self,
                                          const GDate *from,
                                          const GDate *to);
/* The first day of a week: 0 = Sunday … 6 = Saturday; 1 (Monday) at first.
 * Recounts when it changes. */
void             lineup_mix_set_week_start (LineupMix *self,
                                            int        week_start);
int              lineup_mix_get_week_start (LineupMix *self);
void             lineup_mix_get_range    (LineupMix   *self,
                                          GDate       *out_from,
                                          GDate       *out_to);
/* NULL: every platform. */
void             lineup_mix_set_platform (LineupMix   *self,
                                          const char  *platform);
/* 0: every post. */
void             lineup_mix_set_campaign (LineupMix   *self,
                                          gint64       campaign_id);
guint            lineup_mix_get_total    (LineupMix   *self);
LineupMixReport *lineup_mix_get_report   (LineupMix   *self);
/* The report as it would be if @before (NULL: a new post) became @after
 * (NULL: removed). The counts are as before afterwards. */
LineupMixReport *lineup_mix_preview      (LineupMix   *self,
                                          LineupPost  *before,
                                          LineupPost  *after);

G_END_DECLS
