/* lineup-skeleton.h: a month skeleton — the dated briefs a month needs for a
 * cadence tier, with types and pillars that meet the mix targets.
 *
 * A pure function: no store. It is given the month, the tier, the networks,
 * the content types and pillars with their targets, the free slot times,
 * the plan's default time, the posts already in the month and the blackout
 * days, and proposes one brief (one network each) per chosen time.
 *
 * Tiers, posts a week per network (lineup_mix_cadence_target ()'s band for
 * that network, min–max):
 *   light     the band's lower end (2–3 for most networks, 1 for YouTube, Reddit)
 *   standard  its middle, rounded up (3–4 for most)
 *   heavy     its upper end (5 for most, 3 for LinkedIn, 7 for X)
 * Posts already on a network in a week count towards its number. A week
 * with fewer than LINEUP_MIX_WEEK_MIN_DAYS days in the month gets its share
 * (days/7 of the number, rounded).
 *
 * Times: a network's free slots that week first; when they are too few (or
 * the network has none), weekdays (Mon–Fri) at the default time on days the
 * network has no post yet. Never on a blackout day, at most one new brief a
 * network a day while there are free days, never a day past
 * LINEUP_MIX_MAX_PER_DAY posts of that network, and never before @from
 * (the plan's today, when the month is the current one).
 *
 * Types and pillars: the counts that put every row with a target inside its
 * band (the Mix's score, posts already there included), then spread over
 * the month so that each week to fill has an Educational post and no week
 * of two posts or more is all one type.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  LINEUP_SKELETON_LIGHT,
  LINEUP_SKELETON_STANDARD,
  LINEUP_SKELETON_HEAVY,
} LineupSkeletonTier;

#define LINEUP_SKELETON_ERROR (lineup_skeleton_error_quark ())
GQuark lineup_skeleton_error_quark (void);

/* "light", "standard", "heavy" (any case); the error names them. */
gboolean    lineup_skeleton_tier_parse   (const char         *text,
                                          LineupSkeletonTier *out,
                                          GError            **error);
const char *lineup_skeleton_tier_to_key  (LineupSkeletonTier  tier);
/* Posts a week on @platform (a key) for @tier. */
guint       lineup_skeleton_tier_per_week (LineupSkeletonTier tier,
                                           const char        *platform);

typedef struct {
  gint64      id;
  const char *key;         /* "educational", …, or NULL */
  double      min, max;    /* percent; -1: no bound */
} LineupSkeletonType;

typedef struct {
  gint64 id;
  double target;           /* percent; -1: no target (band target ± 5) */
} LineupSkeletonPillar;

typedef struct {
  gint64      at;          /* Unix seconds */
  const char *platform;    /* key */
} LineupSkeletonTime;

typedef struct {
  gint64              at;
  const char * const *platforms;
  gint64              type_id;
  gint64              pillar_id;
  gboolean            counted;   /* counted by the Mix (or a brief): for the targets */
} LineupSkeletonPost;

typedef struct {
  GDate                        month;          /* any day of it */
  LineupSkeletonTier           tier;
  const char * const          *platforms;      /* keys, NULL-terminated, at least one */
  GTimeZone                   *zone;           /* the plan's */
  int                          default_minutes;
  int                          week_start;     /* 0 = Sunday … 6; the Mix's is 1 */
  const LineupSkeletonType    *types;
  guint                        n_types;
  const LineupSkeletonPillar  *pillars;
  guint                        n_pillars;
  const LineupSkeletonTime    *slots;          /* free slot times, any order */
  guint                        n_slots;
  const LineupSkeletonPost    *posts;          /* live posts dated in the month */
  guint                        n_posts;
  const GDate                 *blackout;       /* days to leave empty */
  guint                        n_blackout;
  GDate                        from;           /* no brief before this day; cleared: the whole month */
} LineupSkeletonInput;

typedef struct {
  gint64      at;
  GDate       date;        /* local, in the zone */
  const char *platform;    /* the input's string */
  gint64      type_id;
  gint64      pillar_id;   /* 0 when there are no pillars */
  gboolean    from_slot;   /* a free slot, not a default-time weekday */
  guint       week;        /* 0-based week of the month, as the Mix numbers them */
} LineupSkeletonBrief;

/* LineupSkeletonBrief, by time. Empty when nothing fits. */
GArray *lineup_skeleton_plan (const LineupSkeletonInput *input);

G_END_DECLS
