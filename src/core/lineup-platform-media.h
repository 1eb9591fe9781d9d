/* lineup-platform-media.h: what media each network takes, kept as data, and
 * a pure check of a post's media against it.
 *
 * From the networks' own documentation (the `source` of each entry): how
 * many images and videos a post carries and whether they mix, the formats,
 * file sizes, pixel sizes, aspect ratios and video durations. Mastodon's
 * numbers are its defaults; an instance says its own at GET /api/v2/instance
 * (configuration.media_attachments, statuses.max_media_attachments): copy
 * the entry and change the fields (lineup_platform_media_limits_copy ()).
 *
 * Lineup publishes to Mastodon and Bluesky itself: there a problem is an
 * error (the server would refuse the post). Elsewhere it is a warning (a
 * person or a webhook flow posts it, and the network may adapt the file).
 *
 * The check is pure and safe from any thread; it knows nothing of where
 * the files are kept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  LINEUP_MEDIA_FACTS_IMAGE,
  LINEUP_MEDIA_FACTS_VIDEO,
} LineupMediaFactsKind;

/* What is known of one medium (0 or NULL: not known, not checked). */
typedef struct {
  LineupMediaFactsKind  kind;
  const char           *mime;         /* "image/jpeg" */
  guint64               bytes;
  guint                 width;        /* pixels */
  guint                 height;
  guint64               duration_ms;  /* video */
} LineupMediaFacts;

typedef struct {
  const char          *platform;          /* the platform table's key */
  gboolean             publishes;         /* Lineup publishes there: problems are errors */
  guint                max_images;        /* per post; 0: none taken */
  guint                max_videos;
  guint                max_items;         /* images and videos together; 0: no own limit */
  gboolean             mixes;             /* images and video in one post */
  gboolean             needs_video;       /* a post there is a video (YouTube) */
  const char * const  *image_types;       /* MIME types, NULL-terminated */
  const char * const  *video_types;
  guint64              max_image_bytes;   /* 0: no limit known */
  guint64              max_video_bytes;
  guint64              max_image_pixels;  /* width × height */
  guint64              max_video_pixels;
  guint                min_side;          /* pixels, either side */
  double               min_aspect;        /* width / height; 0: no limit */
  double               max_aspect;
  guint64              min_video_ms;
  guint64              max_video_ms;      /* 0: no limit known */
  const char          *source;            /* where the numbers come from */
} LineupPlatformMediaLimits;

/* The entry for @platform (key or name), or NULL when Lineup has none. */
const LineupPlatformMediaLimits *lineup_platform_media_limits      (const char *platform);
/* A copy to change (an instance's own limits); free with g_free (); the
 * type lists stay the table's. */
LineupPlatformMediaLimits       *lineup_platform_media_limits_copy (const LineupPlatformMediaLimits *limits);

typedef enum {
  LINEUP_MEDIA_PROBLEM_WARNING,
  LINEUP_MEDIA_PROBLEM_ERROR,
} LineupMediaProblemLevel;

typedef struct {
  LineupMediaProblemLevel  level;
  int                      index;     /* the medium (0 is the first), -1 for the post */
  char                    *message;   /* names the network, what is wrong and the limit */
} LineupMediaProblem;

void        lineup_media_problem_free   (LineupMediaProblem *problem);

/* Every problem @n_media media (in the post's order) have on the network
 * @limits describes: an array of LineupMediaProblem (empty when none). */
GPtrArray  *lineup_platform_media_check (const LineupPlatformMediaLimits *limits,
                                         const LineupMediaFacts          *media,
                                         guint                            n_media);

/* TRUE when @problems holds an error. */
gboolean    lineup_media_problems_have_error (GPtrArray *problems);

G_END_DECLS
