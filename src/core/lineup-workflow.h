/* lineup-workflow.h: the rules of the brief-to-approval workflow.
 *
 * The one place the board, the calendar, the editor and the command line go
 * through to change a post's stage, approve it, send it back, comment on it
 * or tick its checklist. Every refusal is a GError whose message says why in
 * words a person understands, and what to do.
 *
 * Brief → Draft → In review → Approved → Scheduled → Published:
 *  - a new post starts in Brief, Draft or In review (the one exception:
 *    Published for a past date when history is brought in);
 *  - forward one stage at a time; back to any earlier stage; nothing leaves
 *    Published;
 *  - Draft → In review needs a caption;
 *  - In review → Approved is an approval: every step of the plan's chain
 *    satisfied ("any one" or "all" of its approvers; with no chain, one
 *    approval); no approval is given while the checklist has an unticked
 *    item or the caption is longer than a target network takes;
 *  - Approved → Scheduled needs a date still to come, at least one platform
 *    and a caption every target network takes;
 *  - Scheduled → Published once the scheduled time has passed;
 *  - editing the title, caption or platforms of an approved or scheduled
 *    post sends it back to In review (lineup_workflow_edit(), the one way
 *    every edit is stored); approvals count only for the content
 *    they were given for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-store.h"

G_BEGIN_DECLS

typedef enum {
  LINEUP_NEW_POST_DEFAULT = 0,
  /* Bringing in what was already posted elsewhere (`import csv --history`):
   * a post dated in the past may come in as Published. */
  LINEUP_NEW_POST_HISTORY = 1 << 0,
} LineupNewPostFlags;

/* The one rule for a post made anew, whichever way it comes in (the editor,
 * `post add`, a CSV row): it starts in Brief, Draft or In review (In review
 * needs a caption) and reaches Approved, Scheduled and Published only through
 * the workflow; with LINEUP_NEW_POST_HISTORY a post dated in the past may
 * also come in as Published. The message names the post and says what to do. */
gboolean  lineup_workflow_check_new        (LineupStore         *store,
                                            LineupPost          *post,
                                            LineupNewPostFlags   flags,
                                            GError             **error);

/* Checks @post by lineup_workflow_check_new() and adds it to the plan (one
 * undo step, or part of the caller's lineup_store_begin()). */
gboolean  lineup_workflow_add              (LineupStore         *store,
                                            LineupPost          *post,
                                            LineupNewPostFlags   flags,
                                            GError             **error);

/* Whether @actor (NULL: the store's actor) may move @post to @to now. A
 * move to Approved is checked as an approval by @actor. */
gboolean  lineup_workflow_can_move         (LineupStore  *store,
                                            LineupPost   *post,
                                            LineupStage   to,
                                            const char   *actor,
                                            GError      **error);

/* Moves the post (id or unique prefix) to @to through the rules, writing
 * the history with @actor and @comment; a plain move is one undo step. A move
 * to Approved approves as @actor: when the chain still waits for another step
 * the post stays in review and @out_note (if given) says so. */
gboolean  lineup_workflow_move             (LineupStore  *store,
                                            const char   *id,
                                            LineupStage   to,
                                            const char   *actor,
                                            const char   *comment,
                                            char        **out_note,
                                            GError      **error);

/* Records @actor's approval of a post in review; the approval that satisfies
 * the whole chain moves it to Approved and keeps its content as the approved
 * version. @out_note says what happened ("Approved", "waiting for Legal"). */
gboolean  lineup_workflow_approve          (LineupStore  *store,
                                            const char   *id,
                                            const char   *actor,
                                            const char   *comment,
                                            char        **out_note,
                                            GError      **error);

/* Sends a post in review (or approved, or scheduled) back to Draft with
 * @comment, which is required; its approvals stop counting. */
gboolean  lineup_workflow_request_changes  (LineupStore  *store,
                                            const char   *id,
                                            const char   *actor,
                                            const char   *comment,
                                            GError      **error);

gboolean  lineup_workflow_comment          (LineupStore  *store,
                                            const char   *id,
                                            const char   *actor,
                                            const char   *text,
                                            GError      **error);

/* Ticks or unticks a checklist item on a post. */
gboolean  lineup_workflow_set_checked      (LineupStore  *store,
                                            const char   *id,
                                            gint64        item_id,
                                            gboolean      checked,
                                            const char   *actor,
                                            GError      **error);

/* Finds a checklist item by its number (1 is the first), its text, or the
 * start of its text (any case) when only one item starts so. */
gboolean  lineup_workflow_find_checklist_item (GPtrArray   *checklist,
                                               const char  *what,
                                               gint64      *out_id,
                                               GError     **error);

/* Stores an edit of @post's content (matched by id: title, caption, pillar,
 * type, platforms, date, campaign, brief) as one undo step. Editing what
 * approvers approved in an approved or scheduled post sends it back to In
 * review, and the history says what changed. On success @post has the new
 * revision and stage. Nothing happens when nothing changed. */
gboolean  lineup_workflow_edit             (LineupStore  *store,
                                            LineupPost   *post,
                                            GError      **error);

/* "title, caption and platforms" when @after edits what approvers approved
 * in @before (an approved or scheduled post), else NULL. */
char     *lineup_workflow_edit_sends_back  (LineupPost   *before,
                                            LineupPost   *after);

typedef struct {
  guint done;          /* approvals that count, up to what each step needs */
  guint needed;        /* what the chain needs in all (1 with no chain) */
  int   waiting_step;  /* the first step not yet satisfied, -1 when all are */
} LineupApprovalStatus;

/* How far @approvals (LineupApproval) go through @chain (LineupApprovalStep). */
void      lineup_workflow_approval_status  (GPtrArray            *chain,
                                            GPtrArray            *approvals,
                                            LineupApprovalStatus *out_status);

/* "Lead (Ana or Ben)", "Legal (Cleo and Dan)" */
char     *lineup_workflow_describe_step    (LineupApprovalStep   *step);

/* ---- what changed since the approved version ---- */

typedef enum {
  LINEUP_DIFF_SAME,
  LINEUP_DIFF_REMOVED,
  LINEUP_DIFF_ADDED,
} LineupDiffOp;

typedef struct {
  LineupDiffOp  op;
  char         *text;
} LineupDiffSpan;

void       lineup_diff_span_free  (LineupDiffSpan *span);

/* Word by word: spans of kept, removed and added text that read @before
 * when the added ones are skipped and @after when the removed ones are. */
GPtrArray *lineup_workflow_diff_text (const char *before,
                                      const char *after);

/* "Title: …\nCaption: …\nPlatforms: +Mastodon −X" in plain text with
 * [-removed-] and {+added+} marks, or NULL when nothing changed. */
char      *lineup_workflow_describe_diff (LineupPost *approved,
                                          LineupPost *current);

/* ---- what the editor offers ---- */

/* Why @post cannot go to each stage now: LINEUP_N_STAGES entries, NULL
 * where it may (its own stage is NULL), else the reason in the words of
 * lineup_workflow_can_move() — or, with @is_new, of
 * lineup_workflow_check_new() (a post not yet in the plan: where it may
 * start). The editor offers the stages with NULL and shows the others,
 * disabled, with their reason. */
GPtrArray *lineup_workflow_stage_choices (LineupStore *store,
                                          LineupPost  *post,
                                          gboolean     is_new);

G_END_DECLS
