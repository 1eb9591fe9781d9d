/* lineup-post.h: one planned post.
 *
 * A LineupPost is a value: the store hands out posts it will never change and
 * replaces them (signal "post-changed") when the plan changes. To edit, take a
 * copy, change it with the setters and give it to lineup_workflow_edit().
 * A text a getter returns is the post's own: it lasts until the post is
 * freed or one of its texts (id, title, caption, brief, due date) is set.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-types.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_POST (lineup_post_get_type ())
G_DECLARE_FINAL_TYPE (LineupPost, lineup_post, LINEUP, POST, GObject)

/* The value of scheduled-at for an undated idea in the backlog. */
#define LINEUP_POST_UNDATED G_MININT64

typedef enum {
  LINEUP_BRIEF_GOAL,
  LINEUP_BRIEF_AUDIENCE,
  LINEUP_BRIEF_KEY_MESSAGE,
  LINEUP_BRIEF_CALL_TO_ACTION,
  LINEUP_BRIEF_HASHTAGS,
  LINEUP_BRIEF_OWNER,
  LINEUP_N_BRIEF_FIELDS
} LineupBriefField;

LineupPost  *lineup_post_new               (void);
LineupPost  *lineup_post_copy              (LineupPost *self);
/* TRUE when every stored field is the same (timestamps included). */
gboolean     lineup_post_equal             (LineupPost *a,
                                            LineupPost *b);
/* TRUE when the fields a person edits (all but stage, timestamps, revision)
 * are the same. */
gboolean     lineup_post_content_equal     (LineupPost *a,
                                            LineupPost *b);

/* The order of every list of posts: dated ones by time, then undated ones;
 * ties by creation time, then id. */
int          lineup_post_compare_by_time   (LineupPost *a,
                                            LineupPost *b);
/* Puts @posts (LineupPost *) in that order; one pass when they already are,
 * as the store's SQL returns them. */
void         lineup_posts_sort_by_time     (GPtrArray  *posts);

const char  *lineup_post_get_id            (LineupPost *self);
const char  *lineup_post_get_title         (LineupPost *self);
void         lineup_post_set_title         (LineupPost *self, const char *title);
const char  *lineup_post_get_body          (LineupPost *self);
void         lineup_post_set_body          (LineupPost *self, const char *body);
gint64       lineup_post_get_pillar_id     (LineupPost *self);
void         lineup_post_set_pillar_id     (LineupPost *self, gint64 pillar_id);
gint64       lineup_post_get_type_id       (LineupPost *self);
void         lineup_post_set_type_id       (LineupPost *self, gint64 type_id);
LineupStage  lineup_post_get_stage         (LineupPost *self);
/* Only for a post not yet added; afterwards use lineup_store_set_stage(). */
void         lineup_post_set_stage         (LineupPost *self, LineupStage stage);
/* Platform keys in the canonical order of lineup_platforms_get_all(). */
const char * const *lineup_post_get_platforms (LineupPost *self);
void         lineup_post_set_platforms     (LineupPost *self, const char * const *keys);
gboolean     lineup_post_has_platform      (LineupPost *self, const char *key);
/* UTC unix seconds, or LINEUP_POST_UNDATED. */
gint64       lineup_post_get_scheduled_at  (LineupPost *self);
void         lineup_post_set_scheduled_at  (LineupPost *self, gint64 scheduled_at);
gboolean     lineup_post_is_dated          (LineupPost *self);
/* 0 for none. */
gint64       lineup_post_get_campaign_id   (LineupPost *self);
void         lineup_post_set_campaign_id   (LineupPost *self, gint64 campaign_id);
const char  *lineup_post_get_brief         (LineupPost *self, LineupBriefField field);
void         lineup_post_set_brief         (LineupPost *self, LineupBriefField field, const char *text);
/* "YYYY-MM-DD" or NULL. */
const char  *lineup_post_get_due_on        (LineupPost *self);
void         lineup_post_set_due_on        (LineupPost *self, const char *due_on);
/* The post this one was copied from (repurposed, or an evergreen post's
 * copy), or NULL. Travels with the post; the family is read from the store. */
const char  *lineup_post_get_source_id     (LineupPost *self);
void         lineup_post_set_source_id     (LineupPost *self, const char *source_id);
/* The evergreen mark: NULL when the post is not evergreen, else
 * "MIN_GAP_DAYS" or "MIN_GAP_DAYS YYYY-MM-DD" (reused until that day). Read
 * it with lineup_evergreen_parse (). */
const char  *lineup_post_get_evergreen     (LineupPost *self);
void         lineup_post_set_evergreen     (LineupPost *self, const char *evergreen);
#define LINEUP_EVERGREEN_DEFAULT_GAP_DAYS 30
#define LINEUP_EVERGREEN_MAX_GAP_DAYS     3650
/* FALSE for a mark that is not "GAP[ YYYY-MM-DD]"; @out_until NULL when none. */
gboolean     lineup_evergreen_parse        (const char *text,
                                            guint      *out_min_gap_days,
                                            char      **out_until);
char        *lineup_evergreen_format       (guint       min_gap_days,
                                            const char *until);
/* Per-network caption variants: a network's own wording of the caption,
 * sent there in place of the main caption (lineup_post_get_body ()). Kept
 * as a JSON object of platform key to text, in the platform table's order
 * ({"bluesky":"…"}); NULL when the post has none. A text that is not such
 * an object is kept as given for validation to refuse. */
const char  *lineup_post_get_captions      (LineupPost *self);
void         lineup_post_set_captions      (LineupPost *self, const char *json);
/* FALSE when the variants are not an object of texts keyed by platforms. */
gboolean     lineup_post_captions_valid    (LineupPost *self);
/* The variant for @platform (a key), or NULL when there is none. */
char        *lineup_post_dup_caption_variant (LineupPost *self, const char *platform);
/* Sets the variant for @platform (a key); NULL or "" removes it. */
void         lineup_post_set_caption_variant (LineupPost *self,
                                              const char *platform,
                                              const char *text);
/* What goes out on @platform: its variant, else the main caption. */
char        *lineup_post_dup_caption_for   (LineupPost *self, const char *platform);
/* The content warning: a short line shown before the caption, which (with
 * the media) stays hidden until the reader asks for it. Mastodon's
 * spoiler_text; Bluesky has none. "" when the post has none; setting ""
 * or NULL removes it. */
const char  *lineup_post_get_content_warning (LineupPost *self);
void         lineup_post_set_content_warning (LineupPost *self, const char *warning);
gint64       lineup_post_get_created_at    (LineupPost *self);
gint64       lineup_post_get_updated_at    (LineupPost *self);
gint         lineup_post_get_revision      (LineupPost *self);
/* 0 while the post is in the plan; the time it was deleted otherwise. */
gint64       lineup_post_get_deleted_at    (LineupPost *self);

/* The brief fields' keys as used by the command line and JSON: "goal", … */
const char  *lineup_brief_field_to_key     (LineupBriefField field);
const char  *lineup_brief_field_to_label   (LineupBriefField field);

/* For the store only: fields it owns. */
void         _lineup_post_set_id           (LineupPost *self, const char *id);
void         _lineup_post_set_bookkeeping  (LineupPost *self,
                                            gint64      created_at,
                                            gint64      updated_at,
                                            gint        revision,
                                            gint64      deleted_at);
void         _lineup_post_set_stage        (LineupPost *self, LineupStage stage);
/* Every text at once, as a row holds them (@brief: LINEUP_N_BRIEF_FIELDS). */
void         _lineup_post_set_texts        (LineupPost         *self,
                                            const char         *id,
                                            const char         *title,
                                            const char         *body,
                                            const char * const *brief,
                                            const char         *due_on);
/* The platforms as a row holds them: keys joined with ",". */
void         _lineup_post_set_platforms_joined (LineupPost *self,
                                                const char *joined);

G_END_DECLS
