/* lineup-store-workflow.h: what src/core/lineup-workflow.c (and the tests)
 * write through the store. Not for the app or the command line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-store.h"

G_BEGIN_DECLS

/* Changes the stage and writes the history: who (@actor, NULL = the store's
 * actor), when, from, to, @comment. No workflow rules: everything outside the
 * store's own tests moves posts with lineup_workflow_move(). */
gboolean lineup_store_set_stage (LineupStore  *self,
                                 const char   *id,
                                 LineupStage   stage,
                                 const char   *actor,
                                 const char   *comment,
                                 GError      **error);

/* What one workflow action writes, in one transaction (lineup-workflow.c
 * decides; the store writes). */
typedef struct {
  LineupHistoryKind  kind;
  LineupStage        to_stage;           /* the post's stage afterwards */
  const char        *actor;              /* NULL: the store's actor */
  const char        *comment;
  int                approve_step;       /* >= 0: record an approval for that step */
  gboolean           revoke_approvals;   /* approvals given so far stop counting */
  gboolean           snapshot_approved;  /* keep the content as the approved version */
  gint64             check_item;         /* a checklist item to tick or untick, or 0 */
  gboolean           checked;
  const char        *undo_label;         /* a stage change that is one undo step, or NULL */
} LineupWorkflowEvent;

/* Applies @event to @post, which must be the post as stored: if someone
 * changed it meanwhile nothing is written and the error says to try again. */
gboolean _lineup_store_apply_event (LineupStore               *self,
                                    LineupPost                *post,
                                    const LineupWorkflowEvent *event,
                                    GError                   **error);

/* Says whether changing @before into @after sends the post back to review:
 * what changed in words ("caption, platforms"), or NULL. */
typedef char *(*LineupEditReview) (LineupPost *before,
                                   LineupPost *after);

/* Stores the editable fields of @post (matched by id): title, body, pillar,
 * type, platforms, date, campaign, brief, as the next revision; nothing
 * when nothing changed. The stage stays, unless @review (called with the
 * stored post and the edit, inside the store's checks) names what changed:
 * then the post goes back to In review and the history says why. On
 * success @post gets the new revision and stage. Everything outside the
 * store edits with lineup_workflow_edit(). */
gboolean _lineup_store_write_edit (LineupStore       *self,
                                   LineupPost        *post,
                                   LineupEditReview   review,
                                   GError           **error);

G_END_DECLS
