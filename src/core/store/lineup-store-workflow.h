/* lineup-store-workflow.h: what the workflow (and the tests) write through the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-store.h"

G_BEGIN_DECLS

/* Creates (or upgrades) the file at @path to exactly schema @version without
 * opening it as a plan, so tests can build a database of every earlier
 * version and check that opening it migrates it. */
gboolean _lineup_store_create_at_version (const char  *path,
                                          int          version,
                                          GError     **error);

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

G_END_DECLS
