/* lineup-post-check.h: every problem a post has on each network it
 * targets — its caption (lineup-caption-limits.h) and its media
 * (lineup-platform-media.h) — and the media half of the gate.
 *
 * On the networks Lineup publishes to (Mastodon, Bluesky) a medium over a
 * hard limit is an error: the post cannot be approved or scheduled (the
 * workflow's gate, lineup-workflow.c, beside the caption gate). Elsewhere
 * it is a warning, shown by `lineup post check ID` and in the Preview. A
 * caption over a network's limit is always an error (the caption gate).
 *
 * Mastodon's limits are the instance's own when the plan has a Mastodon
 * account that read them (GET /api/v2/instance, kept on the account).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-store.h"
#include "lineup-platform-media.h"

G_BEGIN_DECLS

typedef enum {
  LINEUP_CHECK_CAPTION,
  LINEUP_CHECK_MEDIA,
} LineupCheckTopic;

typedef struct {
  char                     *platform;  /* the platform table's key */
  LineupCheckTopic          topic;
  gboolean                  is_error;  /* blocks approving and scheduling */
  int                       index;     /* the medium (0 is the first), -1 for the post */
  char                     *message;   /* names the network, what is wrong, the limit, the fix */
} LineupCheckProblem;

void        lineup_check_problem_free (LineupCheckProblem *problem);

/* The media limits of @platform (key or name) in this plan: the table's,
 * for Mastodon with the smallest of the plan's instances' own limits. NULL
 * when Lineup has no entry. Free with g_free (). */
LineupPlatformMediaLimits *lineup_post_check_media_limits (LineupStore *store,
                                                           const char  *platform);

/* Every problem of @post on @platform only (key; NULL: each chosen
 * network, in the post's order): an array of LineupCheckProblem. */
GPtrArray  *lineup_post_check         (LineupStore *store,
                                       LineupPost  *post,
                                       const char  *platform);

/* TRUE when no network Lineup publishes to refuses @post's media; else
 * FALSE with an error naming the post, the network, the medium and the
 * limit and how to fix it, refusing the approval, or with @scheduling the
 * scheduling. */
gboolean    lineup_post_check_media_gate (LineupStore  *store,
                                          LineupPost   *post,
                                          gboolean      scheduling,
                                          GError      **error);

G_END_DECLS
