/* test-workflow.c: the brief-to-approval rules, headless.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "lineup-core.h"
#include "lineup-test-util.h"
#include "lineup-store-schema.h"
#include "lineup-store-workflow.h"

typedef struct {
  char *dir;
  char *path;
  LineupStore *store;
  gint64 pillar_id;
  gint64 type_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("lineup-workflow-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "lineup.db", NULL);
  f->store = lineup_plan_open (f->path, &error);
  g_assert_no_error (error);
  lineup_store_set_actor (f->store, "Erin Editor");
  f->pillar_id = lineup_pillar_get_id (lineup_store_add_pillar (f->store, "Stories", NULL, -1, &error));
  g_assert_no_error (error);
  f->type_id = lineup_content_type_get_id (lineup_store_find_content_type (f->store, "Narrative"));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  lineup_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* A post in @stage (created so: creation is not a move), dated @at, with
 * @body and @platforms. */
static char *
add_post_full (Fixture            *f,
               LineupStage         stage,
               gint64              at,
               const char         *body,
               const char * const *platforms,
               const char         *owner)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) post = lineup_post_new ();

  lineup_post_set_title (post, "Launch story");
  lineup_post_set_body (post, body);
  lineup_post_set_pillar_id (post, f->pillar_id);
  lineup_post_set_type_id (post, f->type_id);
  lineup_post_set_platforms (post, platforms);
  lineup_post_set_scheduled_at (post, at);
  lineup_post_set_brief (post, LINEUP_BRIEF_OWNER, owner);
  lineup_post_set_stage (post, stage);
  g_assert_true (lineup_store_add_post (f->store, post, &error));
  g_assert_no_error (error);
  return g_strdup (lineup_post_get_id (post));
}

/* A post in @stage dated tomorrow (or yesterday when @past) with a caption
 * and a platform. */
static char *
add_post (Fixture     *f,
          LineupStage  stage,
          gboolean     past,
          const char  *owner)
{
  const char *platforms[] = { "mastodon", NULL };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  return add_post_full (f, stage, now + (past ? -86400 : 86400), "We launched the thing today.",
                        platforms, owner);
}

static LineupStage
stage_of (Fixture    *f,
          const char *id)
{
  g_autoptr(LineupPost) post = lineup_store_get_post (f->store, id, NULL);
  g_assert_nonnull (post);
  return lineup_post_get_stage (post);
}

static void
tick_all (Fixture    *f,
          const char *id)
{
  g_autoptr(GPtrArray) items = lineup_store_get_checklist (f->store);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (items->len, ==, 5);
  for (guint i = 0; i < items->len; i++)
    {
      g_assert_true (lineup_workflow_set_checked (f->store, id, ((LineupChecklistItem *) items->pdata[i])->id,
                                                  TRUE, NULL, &error));
      g_assert_no_error (error);
    }
}

/* Every from → to pair: allowed or refused with the expected reason. */
static void
test_move_matrix (Fixture       *f,
                  gconstpointer  data)
{
  /* Expected: NULL = allowed, else a fragment of the reason. Rows are
   * "from", columns "to". The posts have a caption, a date, a platform and
   * a fully ticked checklist; the chain is empty. Their time has passed:
   * Scheduled → Published may go, Approved → Scheduled may not. */
  static const char *expected[LINEUP_N_STAGES][LINEUP_N_STAGES] = {
    /* brief */     { NULL, NULL, "move “Launch story” to Draft first", "to Draft first", "to Draft first", "to Draft first" },
    /* draft */     { NULL, NULL, NULL, "to In review first", "to In review first", "to In review first" },
    /* in review */ { NULL, NULL, NULL, NULL, "to Approved first", "to Approved first" },
    /* approved */  { NULL, NULL, NULL, NULL, "which has passed", "to Scheduled first" },
    /* scheduled */ { NULL, NULL, NULL, NULL, NULL, NULL },
    /* published */ { "is published", "is published", "is published", "is published", "is published", NULL },
  };

  for (guint from = 0; from < LINEUP_N_STAGES; from++)
    for (guint to = 0; to < LINEUP_N_STAGES; to++)
      {
        g_autofree char *id = add_post (f, from, TRUE, NULL);
        g_autoptr(GError) error = NULL;
        g_autofree char *before = NULL;
        gboolean ok;

        tick_all (f, id);
        before = lineup_test_file_digest (f->path);
        ok = lineup_workflow_move (f->store, id, to, NULL, NULL, NULL, &error);
        if (expected[from][to] == NULL)
          {
            g_assert_no_error (error);
            g_assert_true (ok);
            g_assert_cmpint (stage_of (f, id), ==, to);
          }
        else
          {
            g_autofree char *after = NULL;

            g_assert_false (ok);
            g_assert_nonnull (error);
            if (strstr (error->message, expected[from][to]) == NULL)
              g_error ("%s → %s: “%s” does not say “%s”", lineup_stage_to_key (from),
                       lineup_stage_to_key (to), error->message, expected[from][to]);
            g_assert_cmpint (stage_of (f, id), ==, from);
            /* A refused move writes nothing at all. */
            after = lineup_test_file_digest (f->path);
            g_assert_cmpstr (before, ==, after);
          }
      }
}

static void
test_gates (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = add_post (f, LINEUP_STAGE_DRAFT, FALSE, NULL);
  g_autoptr(LineupPost) post = lineup_store_get_post (f->store, id, NULL);
  g_autoptr(GPtrArray) items = lineup_store_get_checklist (f->store);

  /* No caption, no review. */
  lineup_post_set_body (post, "   ");
  g_assert_true (lineup_workflow_edit (f->store, post, &error));
  g_assert_false (lineup_workflow_move (f->store, id, LINEUP_STAGE_IN_REVIEW, NULL, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "has no caption yet"));
  g_clear_error (&error);
  lineup_post_set_body (post, "Now with words");
  g_assert_true (lineup_workflow_edit (f->store, post, &error));
  g_assert_true (lineup_workflow_move (f->store, id, LINEUP_STAGE_IN_REVIEW, NULL, NULL, NULL, &error));

  /* The checklist gates approval, naming the first unticked item. */
  for (guint i = 0; i < items->len; i++)
    if (i != 3)
      g_assert_true (lineup_workflow_set_checked (f->store, id, ((LineupChecklistItem *) items->pdata[i])->id,
                                                  TRUE, NULL, &error));
  g_assert_false (lineup_workflow_move (f->store, id, LINEUP_STAGE_APPROVED, NULL, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "“Tracked links carry UTM parameters” is not ticked"));
  g_clear_error (&error);
  g_assert_cmpint (stage_of (f, id), ==, LINEUP_STAGE_IN_REVIEW);
  g_assert_true (lineup_workflow_set_checked (f->store, id, ((LineupChecklistItem *) items->pdata[3])->id,
                                              TRUE, "Quinn", &error));
  g_assert_true (lineup_workflow_move (f->store, id, LINEUP_STAGE_APPROVED, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stage_of (f, id), ==, LINEUP_STAGE_APPROVED);

  /* Scheduling needs a date and a platform. */
  g_clear_object (&post);
  post = lineup_store_get_post (f->store, id, NULL);
  lineup_post_set_scheduled_at (post, LINEUP_POST_UNDATED);
  g_assert_true (lineup_workflow_edit (f->store, post, &error));
  g_assert_cmpint (stage_of (f, id), ==, LINEUP_STAGE_APPROVED);  /* a date is not content */
  g_assert_false (lineup_workflow_move (f->store, id, LINEUP_STAGE_SCHEDULED, NULL, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "needs a date and at least one platform"));
  g_assert_nonnull (strstr (error->message, "no date"));
  g_clear_error (&error);

  /* Published only once the time has passed. */
  {
    g_autofree char *future = add_post (f, LINEUP_STAGE_SCHEDULED, FALSE, NULL);

    g_assert_false (lineup_workflow_move (f->store, future, LINEUP_STAGE_PUBLISHED, NULL, NULL, NULL, &error));
    g_assert_nonnull (strstr (error->message, "once that time has passed"));
  }
}

static void
test_chain (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_approval_step_free);
  g_autoptr(GPtrArray) chain = NULL;
  g_autoptr(LineupPost) post = NULL;
  g_autoptr(LineupPostWorkflow) workflow = NULL;
  g_autofree char *id = add_post (f, LINEUP_STAGE_IN_REVIEW, FALSE, "Erin Editor");
  g_autofree char *note = NULL;
  LineupApprovalStep *step;
  LineupApprovalStatus status;
  const char *lead[] = { "Ana", "Ben", NULL };
  const char *legal[] = { "Cleo", "Dan", NULL };

  /* Approvers must be in the team. */
  step = g_new0 (LineupApprovalStep, 1);
  step->name = g_strdup ("Lead");
  step->approvers = g_strdupv ((char **) lead);
  g_ptr_array_add (steps, step);
  step = g_new0 (LineupApprovalStep, 1);
  step->name = g_strdup ("Legal");
  step->all = TRUE;
  step->approvers = g_strdupv ((char **) legal);
  g_ptr_array_add (steps, step);
  g_assert_false (lineup_store_set_approval_chain (f->store, steps, &error));
  g_assert_nonnull (strstr (error->message, "Ana (in the step “Lead”) is not in the team"));
  g_clear_error (&error);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_true (lineup_store_set_member (f->store, lead[i], LINEUP_ROLE_LEAD, &error));
      g_assert_true (lineup_store_set_member (f->store, legal[i], LINEUP_ROLE_APPROVER, &error));
    }
  g_assert_true (lineup_store_set_member (f->store, "Erin Editor", LINEUP_ROLE_EDITOR, &error));
  g_assert_true (lineup_store_set_approval_chain (f->store, steps, &error));
  g_assert_no_error (error);
  chain = lineup_store_get_approval_chain (f->store);
  g_assert_cmpuint (chain->len, ==, 2);
  g_assert_cmpstr (((LineupApprovalStep *) chain->pdata[1])->approvers[1], ==, "Dan");
  g_assert_true (((LineupApprovalStep *) chain->pdata[1])->all);
  tick_all (f, id);

  /* Legal cannot go before Lead; an outsider cannot approve at all. */
  g_assert_false (lineup_workflow_approve (f->store, id, "Cleo", NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "waits for Lead (Ana or Ben) first"));
  g_clear_error (&error);
  g_assert_false (lineup_workflow_approve (f->store, id, "Mallory", NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "Mallory is not an approver"));
  g_clear_error (&error);

  /* Any one of Lead. */
  g_assert_true (lineup_workflow_approve (f->store, id, "ben", "Fine by me", &note, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (note, "waits for Legal (Cleo and Dan)"));
  g_assert_cmpint (stage_of (f, id), ==, LINEUP_STAGE_IN_REVIEW);
  g_assert_false (lineup_workflow_approve (f->store, id, "Ana", NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "now waits for Legal"));
  g_clear_error (&error);

  /* All of Legal: Cleo alone is not enough, and not twice. */
  g_assert_true (lineup_workflow_approve (f->store, id, "Cleo", NULL, NULL, &error));
  g_assert_cmpint (stage_of (f, id), ==, LINEUP_STAGE_IN_REVIEW);
  g_assert_false (lineup_workflow_approve (f->store, id, "Cleo", NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "already approved"));
  g_clear_error (&error);
  post = lineup_store_get_post (f->store, id, NULL);
  workflow = lineup_store_get_post_workflow (f->store, post, &error);
  lineup_workflow_approval_status (chain, workflow->approvals, &status);
  g_assert_cmpuint (status.done, ==, 2);
  g_assert_cmpuint (status.needed, ==, 3);
  g_assert_cmpint (status.waiting_step, ==, 1);

  g_clear_pointer (&note, g_free);
  g_assert_true (lineup_workflow_approve (f->store, id, "Dan", NULL, &note, &error));
  g_assert_cmpint (stage_of (f, id), ==, LINEUP_STAGE_APPROVED);
  g_assert_nonnull (strstr (note, "is approved"));

  /* Request changes: back to Draft, the comment on the post, approvals gone. */
  g_assert_false (lineup_workflow_request_changes (f->store, id, "Dan", "  ", &error));
  g_assert_nonnull (strstr (error->message, "needs a comment"));
  g_clear_error (&error);
  g_assert_false (lineup_workflow_request_changes (f->store, id, "Erin Editor", "No", &error));
  g_assert_nonnull (strstr (error->message, "neither an approver"));
  g_clear_error (&error);
  g_assert_true (lineup_workflow_request_changes (f->store, id, "Dan", "Say who launched it", &error));
  g_assert_cmpint (stage_of (f, id), ==, LINEUP_STAGE_DRAFT);
  g_clear_object (&post);
  g_clear_pointer (&workflow, lineup_post_workflow_free);
  post = lineup_store_get_post (f->store, id, NULL);
  workflow = lineup_store_get_post_workflow (f->store, post, &error);
  g_assert_cmpstr (workflow->change_request, ==, "Say who launched it");
  g_assert_cmpstr (workflow->change_request_by, ==, "Dan");
  g_assert_cmpuint (workflow->approvals->len, ==, 0);
  g_assert_cmpuint (workflow->n_comments, ==, 2);  /* Ben's approval said something, and Dan's request */
}

static void
test_self_approval (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = add_post (f, LINEUP_STAGE_IN_REVIEW, FALSE, "Ana");

  tick_all (f, id);
  g_assert_false (lineup_store_get_forbid_self_approval (f->store));
  g_assert_true (lineup_store_set_forbid_self_approval (f->store, TRUE, &error));
  g_assert_false (lineup_workflow_approve (f->store, id, "ana", NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "does not let people approve their own posts"));
  g_clear_error (&error);
  g_assert_true (lineup_workflow_approve (f->store, id, "Ben", NULL, NULL, &error));
  g_assert_cmpint (stage_of (f, id), ==, LINEUP_STAGE_APPROVED);

  /* Allowed again, the owner may approve. */
  {
    g_autofree char *other = add_post (f, LINEUP_STAGE_IN_REVIEW, FALSE, "Ana");

    tick_all (f, other);
    g_assert_true (lineup_store_set_forbid_self_approval (f->store, FALSE, &error));
    g_assert_true (lineup_workflow_approve (f->store, other, "Ana", NULL, NULL, &error));
    g_assert_no_error (error);
  }
}

static void
test_edit_after_approval (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = add_post (f, LINEUP_STAGE_IN_REVIEW, FALSE, NULL);
  g_autoptr(LineupPost) post = NULL;
  g_autoptr(LineupPostWorkflow) workflow = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *diff = NULL;
  const char *platforms[] = { "mastodon", "bluesky", NULL };
  LineupStageChange *last;
  GDate day;
  int revision;

  tick_all (f, id);
  g_assert_true (lineup_workflow_approve (f->store, id, "Ana", NULL, NULL, &error));
  g_assert_true (lineup_workflow_move (f->store, id, LINEUP_STAGE_SCHEDULED, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* A date-only move keeps the approval and the stage. */
  post = lineup_store_get_post (f->store, id, NULL);
  lineup_store_utc_to_local (f->store, lineup_post_get_scheduled_at (post), &day, NULL);
  g_date_add_days (&day, 3);
  g_assert_true (lineup_store_move_post (f->store, id, &day, &error));
  g_assert_cmpint (stage_of (f, id), ==, LINEUP_STAGE_SCHEDULED);
  g_clear_object (&post);
  post = lineup_store_get_post (f->store, id, NULL);
  workflow = lineup_store_get_post_workflow (f->store, post, &error);
  g_assert_cmpuint (workflow->approvals->len, ==, 1);
  g_clear_pointer (&workflow, lineup_post_workflow_free);

  /* Editing the caption and platforms sends it back to review. */
  revision = lineup_post_get_revision (post);
  lineup_post_set_body (post, "We launched the new thing today, with Ana.");
  lineup_post_set_platforms (post, platforms);
  g_assert_true (lineup_workflow_edit (f->store, post, &error));
  g_assert_cmpint (lineup_post_get_stage (post), ==, LINEUP_STAGE_IN_REVIEW);
  g_assert_cmpint (stage_of (f, id), ==, LINEUP_STAGE_IN_REVIEW);
  g_assert_cmpint (lineup_post_get_revision (post), ==, revision + 1);

  history = lineup_store_get_history (f->store, id, &error);
  last = history->pdata[history->len - 1];
  g_assert_cmpint (last->kind, ==, LINEUP_HISTORY_EDIT);
  g_assert_cmpint (last->from_stage, ==, LINEUP_STAGE_SCHEDULED);
  g_assert_cmpint (last->to_stage, ==, LINEUP_STAGE_IN_REVIEW);
  g_assert_cmpstr (last->comment, ==, "Edited after approval (caption, platforms): back to review");

  /* The approval no longer counts; the difference since it is shown. */
  workflow = lineup_store_get_post_workflow (f->store, post, &error);
  g_assert_cmpuint (workflow->approvals->len, ==, 0);
  g_assert_nonnull (workflow->approved);
  diff = lineup_workflow_describe_diff (workflow->approved, post);
  g_assert_cmpstr (diff, ==,
                   "Caption: We launched the {+new +}thing today{+, with Ana+}.\n"
                   "Platforms: {+Bluesky+}");

  /* Undo puts back the approved content, and its approval counts again. */
  g_assert_true (lineup_store_undo (f->store, &error));
  g_assert_cmpint (stage_of (f, id), ==, LINEUP_STAGE_SCHEDULED);
  g_clear_object (&post);
  g_clear_pointer (&workflow, lineup_post_workflow_free);
  post = lineup_store_get_post (f->store, id, NULL);
  workflow = lineup_store_get_post_workflow (f->store, post, &error);
  g_assert_cmpuint (workflow->approvals->len, ==, 1);
}

static void
test_history_rows (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = add_post (f, LINEUP_STAGE_DRAFT, FALSE, NULL);
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) items = lineup_store_get_checklist (f->store);
  static const LineupHistoryKind kinds[] = {
    LINEUP_HISTORY_STAGE, LINEUP_HISTORY_STAGE, LINEUP_HISTORY_COMMENT, LINEUP_HISTORY_CHECK,
    LINEUP_HISTORY_UNCHECK, LINEUP_HISTORY_REQUEST_CHANGES,
  };

  g_assert_true (lineup_workflow_move (f->store, id, LINEUP_STAGE_IN_REVIEW, "Erin", "Ready", NULL, &error));
  g_assert_true (lineup_workflow_comment (f->store, id, "Ana", "Nice hook", &error));
  g_assert_false (lineup_workflow_comment (f->store, id, "Ana", " \n ", &error));
  g_clear_error (&error);
  g_assert_true (lineup_workflow_set_checked (f->store, id, ((LineupChecklistItem *) items->pdata[0])->id, TRUE, "Ana", &error));
  /* Ticking what is ticked records nothing. */
  g_assert_true (lineup_workflow_set_checked (f->store, id, ((LineupChecklistItem *) items->pdata[0])->id, TRUE, "Ana", &error));
  g_assert_true (lineup_workflow_set_checked (f->store, id, ((LineupChecklistItem *) items->pdata[0])->id, FALSE, "Ben", &error));
  g_assert_true (lineup_workflow_request_changes (f->store, id, "Ben", "Shorter, please", &error));
  g_assert_no_error (error);

  history = lineup_store_get_history (f->store, id, &error);
  g_assert_cmpuint (history->len, ==, G_N_ELEMENTS (kinds));
  for (guint i = 0; i < history->len; i++)
    g_assert_cmpint (((LineupStageChange *) history->pdata[i])->kind, ==, kinds[i]);
  g_assert_cmpstr (((LineupStageChange *) history->pdata[1])->actor, ==, "Erin");
  g_assert_cmpstr (((LineupStageChange *) history->pdata[1])->comment, ==, "Ready");
  g_assert_cmpstr (((LineupStageChange *) history->pdata[2])->comment, ==, "Nice hook");
  g_assert_cmpstr (((LineupStageChange *) history->pdata[3])->comment, ==, ((LineupChecklistItem *) items->pdata[0])->text);
  g_assert_cmpstr (((LineupStageChange *) history->pdata[4])->actor, ==, "Ben");
  g_assert_cmpint (((LineupStageChange *) history->pdata[5])->to_stage, ==, LINEUP_STAGE_DRAFT);

  /* A plain move is one undo step; approvals, comments and ticks are not. */
  g_assert_cmpstr (lineup_store_get_undo_label (f->store), ==, "Move “Launch story” to In review");
}

static void
test_checklist_items (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = lineup_store_get_checklist (f->store);
  gint64 id;

  g_assert_true (lineup_workflow_find_checklist_item (items, "2", &id, &error));
  g_assert_cmpint (id, ==, ((LineupChecklistItem *) items->pdata[1])->id);
  g_assert_true (lineup_workflow_find_checklist_item (items, "tracked", &id, &error));
  g_assert_cmpint (id, ==, ((LineupChecklistItem *) items->pdata[3])->id);
  g_assert_false (lineup_workflow_find_checklist_item (items, "6", &id, &error));
  g_assert_nonnull (strstr (error->message, "from 1 to 5"));
  g_clear_error (&error);
  g_assert_false (lineup_workflow_find_checklist_item (items, "a", &id, &error));
  g_assert_nonnull (strstr (error->message, "starts several"));
  g_clear_error (&error);

  g_assert_true (lineup_store_add_checklist_item (f->store, "Legal has seen the claims", &error));
  g_assert_false (lineup_store_add_checklist_item (f->store, "two\nlines", &error));
  g_clear_error (&error);
  g_assert_true (lineup_store_remove_checklist_item (f->store, ((LineupChecklistItem *) items->pdata[2])->id, &error));
  g_clear_pointer (&items, g_ptr_array_unref);
  items = lineup_store_get_checklist (f->store);
  g_assert_cmpuint (items->len, ==, 5);
  g_assert_cmpstr (((LineupChecklistItem *) items->pdata[4])->text, ==, "Legal has seen the claims");
}

/* A post made anew starts as a brief, a draft or in review, whichever way
 * it comes in; published only as history, dated in the past. */
static void
test_new_post_stages (Fixture       *f,
                      gconstpointer  data)
{
  static const struct {
    LineupStage         stage;
    const char         *body;
    gboolean            past;
    LineupNewPostFlags  flags;
    const char         *refused;  /* NULL: added */
  } cases[] = {
    { LINEUP_STAGE_BRIEF,     "",           FALSE, LINEUP_NEW_POST_DEFAULT, NULL },
    { LINEUP_STAGE_DRAFT,     "",           FALSE, LINEUP_NEW_POST_DEFAULT, NULL },
    { LINEUP_STAGE_IN_REVIEW, " \n ",       FALSE, LINEUP_NEW_POST_DEFAULT, "cannot start in review without a caption" },
    { LINEUP_STAGE_IN_REVIEW, "Words",      FALSE, LINEUP_NEW_POST_DEFAULT, NULL },
    { LINEUP_STAGE_APPROVED,  "Words",      FALSE, LINEUP_NEW_POST_DEFAULT, "cannot start as Approved" },
    { LINEUP_STAGE_SCHEDULED, "Words",      FALSE, LINEUP_NEW_POST_DEFAULT, "cannot start as Scheduled" },
    { LINEUP_STAGE_SCHEDULED, "Words",      FALSE, LINEUP_NEW_POST_HISTORY, "cannot start as Scheduled" },
    { LINEUP_STAGE_PUBLISHED, "Words",      TRUE,  LINEUP_NEW_POST_DEFAULT, "lineup import csv --history" },
    { LINEUP_STAGE_PUBLISHED, "Words",      FALSE, LINEUP_NEW_POST_HISTORY, "is dated in the future" },
    { LINEUP_STAGE_PUBLISHED, "Words",      TRUE,  LINEUP_NEW_POST_HISTORY, NULL },
  };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LineupPost) post = lineup_post_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *before = lineup_test_file_digest (f->path);
      g_autofree char *after = NULL;
      gboolean ok;

      lineup_post_set_title (post, "New one");
      lineup_post_set_body (post, cases[i].body);
      lineup_post_set_pillar_id (post, f->pillar_id);
      lineup_post_set_type_id (post, f->type_id);
      lineup_post_set_scheduled_at (post, now + (cases[i].past ? -86400 : 86400));
      lineup_post_set_stage (post, cases[i].stage);
      ok = lineup_workflow_add (f->store, post, cases[i].flags, &error);
      after = lineup_test_file_digest (f->path);
      if (cases[i].refused == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpint (stage_of (f, lineup_post_get_id (post)), ==, cases[i].stage);
        }
      else
        {
          g_assert_false (ok);
          g_assert_nonnull (error);
          if (strstr (error->message, cases[i].refused) == NULL)
            g_error ("case %u: “%s” does not say “%s”", i, error->message, cases[i].refused);
          g_assert_cmpstr (before, ==, after);
        }
    }
}

/* An approved post dated @at, with @body, targeting @platforms. */
static char *
add_approved (Fixture            *f,
              gint64              at,
              const char         *body,
              const char * const *platforms)
{
  return add_post_full (f, LINEUP_STAGE_APPROVED, at, body, platforms, NULL);
}

/* Scheduling for a time already past is refused, saying when and what to
 * do; a minute ahead is fine. */
static void
test_schedule_in_the_past (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *platforms[] = { "mastodon", NULL };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  GDate day;
  g_autofree char *old = NULL;
  g_autofree char *just_gone = add_approved (f, now - 60, "Words", platforms);
  g_autofree char *soon = add_approved (f, now + 120, "Words", platforms);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(LineupPost) post = NULL;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 3, G_DATE_JANUARY, 2025);
  old = add_approved (f, lineup_store_local_to_utc (f->store, &day, 9 * 60), "Words", platforms);

  before = lineup_test_file_digest (f->path);
  g_assert_false (lineup_workflow_move (f->store, old, LINEUP_STAGE_SCHEDULED, NULL, NULL, NULL, &error));
  g_assert_cmpstr (error->message, ==,
                   "“Launch story” is dated 3 January 2025 at 09:00, which has passed: "
                   "give it a later date or time before scheduling it");
  g_clear_error (&error);
  g_assert_false (lineup_workflow_move (f->store, just_gone, LINEUP_STAGE_SCHEDULED, NULL, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "which has passed"));
  g_clear_error (&error);
  after = lineup_test_file_digest (f->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (stage_of (f, old), ==, LINEUP_STAGE_APPROVED);

  /* What the board asks before offering the column says the same. */
  post = lineup_store_get_post (f->store, old, NULL);
  g_assert_false (lineup_workflow_can_move (f->store, post, LINEUP_STAGE_SCHEDULED, NULL, &error));
  g_assert_nonnull (strstr (error->message, "which has passed"));
  g_clear_error (&error);

  g_assert_true (lineup_workflow_move (f->store, soon, LINEUP_STAGE_SCHEDULED, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stage_of (f, soon), ==, LINEUP_STAGE_SCHEDULED);

  /* Once scheduled, neither a move (a drag, `post move`) nor an edit of its
   * date takes it to a time already past: it would go out at once. */
  before = (g_free (before), lineup_test_file_digest (f->path));
  g_assert_false (lineup_store_reschedule_post (f->store, soon, &day, 9 * 60, &error));
  g_assert_cmpstr (error->message, ==,
                   "“Launch story” is scheduled, and 3 January 2025 at 09:00 has passed: it would go out at once. "
                   "Pick a later date or time, or move it back to Approved first");
  g_clear_error (&error);
  g_clear_object (&post);
  post = lineup_store_get_post (f->store, soon, NULL);
  lineup_post_set_scheduled_at (post, now - 3600);
  g_assert_false (lineup_workflow_edit (f->store, post, &error));
  g_assert_nonnull (strstr (error->message, "it would go out at once"));
  g_clear_error (&error);
  after = (g_free (after), lineup_test_file_digest (f->path));
  g_assert_cmpstr (before, ==, after);
  /* A later time is fine. */
  g_date_set_time_t (&day, now + 2 * 86400);
  g_assert_true (lineup_store_reschedule_post (f->store, soon, &day, 9 * 60, &error));
  g_assert_no_error (error);
}

/* @n graphemes of a thumbs-up with a skin tone: 8 bytes and 2 code points
 * each, one character to a reader and to the networks. */
static char *
thumbs (guint n)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (text, "👍🏽");
  return g_string_free (text, FALSE);
}

/* A caption longer than a target network takes is neither approved nor
 * scheduled; the message names the tightest network, the count and its
 * limit. One at the limit goes. */
static void
test_caption_limits (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *bluesky_mastodon[] = { "mastodon", "bluesky", NULL };
  const char *x_bluesky[] = { "x", "bluesky", NULL };
  gint64 later = g_get_real_time () / G_USEC_PER_SEC + 86400;
  g_autofree char *too_long = thumbs (301);
  g_autofree char *at_limit = thumbs (300);
  g_autofree char *id = add_post (f, LINEUP_STAGE_IN_REVIEW, FALSE, NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(LineupPost) post = lineup_store_get_post (f->store, id, NULL);
  g_autoptr(LineupPostWorkflow) workflow = NULL;

  lineup_post_set_body (post, too_long);
  lineup_post_set_platforms (post, bluesky_mastodon);
  g_assert_true (lineup_workflow_edit (f->store, post, &error));
  g_assert_no_error (error);
  tick_all (f, id);

  /* Approving: refused, by either way in, and nothing is recorded. */
  before = lineup_test_file_digest (f->path);
  g_assert_false (lineup_workflow_approve (f->store, id, "Ana", NULL, NULL, &error));
  {
    g_autofree char *expected =
      g_strdup_printf ("“Launch story” cannot be approved: Bluesky allows 300 characters; this caption has 301. "
                       "Shorten it or write a Bluesky variant: lineup post caption %.8s --platform bluesky TEXT", id);

    g_assert_cmpstr (error->message, ==, expected);
  }
  g_clear_error (&error);
  g_assert_false (lineup_workflow_move (f->store, id, LINEUP_STAGE_APPROVED, NULL, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "Bluesky allows 300 characters; this caption has 301"));
  g_clear_error (&error);
  after = lineup_test_file_digest (f->path);
  g_assert_cmpstr (before, ==, after);
  g_clear_object (&post);
  post = lineup_store_get_post (f->store, id, NULL);
  workflow = lineup_store_get_post_workflow (f->store, post, &error);
  g_assert_cmpuint (workflow->approvals->len, ==, 0);
  g_assert_cmpint (stage_of (f, id), ==, LINEUP_STAGE_IN_REVIEW);

  /* At the limit, counted as a reader sees it (not 600 code points). */
  lineup_post_set_body (post, at_limit);
  g_assert_true (lineup_workflow_edit (f->store, post, &error));
  g_assert_true (lineup_workflow_approve (f->store, id, "Ana", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stage_of (f, id), ==, LINEUP_STAGE_APPROVED);
  g_assert_true (lineup_workflow_move (f->store, id, LINEUP_STAGE_SCHEDULED, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Scheduling: the tightest of the post's networks is the one named. */
  {
    g_autofree char *approved = add_approved (f, later, at_limit, x_bluesky);

    g_clear_pointer (&before, g_free);
    g_clear_pointer (&after, g_free);
    before = lineup_test_file_digest (f->path);
    g_assert_false (lineup_workflow_move (f->store, approved, LINEUP_STAGE_SCHEDULED, NULL, NULL, NULL, &error));
    g_autofree char *expected =
      g_strdup_printf ("“Launch story” cannot be scheduled: X allows 280 characters; this caption has 300. "
                       "Shorten it or write a X variant: lineup post caption %.8s --platform x TEXT", approved);

    g_assert_cmpstr (error->message, ==, expected);
    g_clear_error (&error);
    after = lineup_test_file_digest (f->path);
    g_assert_cmpstr (before, ==, after);
    g_assert_cmpint (stage_of (f, approved), ==, LINEUP_STAGE_APPROVED);
  }
}

static void
test_diff_text (void)
{
  g_autoptr(GPtrArray) spans = lineup_workflow_diff_text ("one two three", "one 2 three four");
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);

  for (guint i = 0; i < spans->len; i++)
    {
      LineupDiffSpan *span = spans->pdata[i];

      if (span->op != LINEUP_DIFF_ADDED)
        g_string_append (before, span->text);
      if (span->op != LINEUP_DIFF_REMOVED)
        g_string_append (after, span->text);
    }
  g_assert_cmpstr (before->str, ==, "one two three");
  g_assert_cmpstr (after->str, ==, "one 2 three four");
  g_assert_cmpint (((LineupDiffSpan *) spans->pdata[1])->op, ==, LINEUP_DIFF_REMOVED);
  g_assert_cmpstr (((LineupDiffSpan *) spans->pdata[1])->text, ==, "two");

  /* Huge captions fall back to whole replacement instead of a huge table. */
  {
    g_autoptr(GString) big_a = g_string_new (NULL);
    g_autoptr(GString) big_b = g_string_new (NULL);
    g_autoptr(GPtrArray) big = NULL;

    for (guint i = 0; i < 20000; i++)
      {
        g_string_append_printf (big_a, "a%u ", i);
        g_string_append_printf (big_b, "b%u ", i);
      }
    big = lineup_workflow_diff_text (big_a->str, big_b->str);
    /* Removed, added, and the common trailing space. */
    g_assert_cmpuint (big->len, ==, 3);
    g_assert_cmpint (((LineupDiffSpan *) big->pdata[0])->op, ==, LINEUP_DIFF_REMOVED);
    g_assert_cmpint (((LineupDiffSpan *) big->pdata[1])->op, ==, LINEUP_DIFF_ADDED);
  }
}

static void
test_migration_adds_checklist (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "v1.db", NULL);
  g_autofree char *backup = g_strconcat (path, ".bak-v1", NULL);
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(GPtrArray) items = NULL;

  g_assert_true (_lineup_store_create_at_version (path, 1, &error));
  store = lineup_plan_open (path, &error);
  g_assert_no_error (error);
  items = lineup_store_get_checklist (store);
  g_assert_cmpuint (items->len, ==, 5);
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
  /* The fixture's tear-down removes the file, its backup and companions. */
}

/* What the editor's stage chooser offers: a new post only where it may
 * start, a stored one only the moves the rules allow now; each other stage
 * with the reason the rules give. */
static void
test_stage_choices (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(LineupPost) fresh = lineup_post_new ();
  g_autoptr(GPtrArray) choices = NULL;
  g_autoptr(LineupPost) draft = NULL;
  g_autoptr(LineupPost) published = NULL;
  g_autofree char *draft_id = add_post (f, LINEUP_STAGE_DRAFT, FALSE, NULL);
  g_autofree char *published_id = add_post (f, LINEUP_STAGE_PUBLISHED, TRUE, NULL);
  g_autofree char *before = lineup_test_file_digest (f->path);
  g_autofree char *after = NULL;

  lineup_post_set_title (fresh, "New one");
  lineup_post_set_pillar_id (fresh, f->pillar_id);
  lineup_post_set_type_id (fresh, f->type_id);
  choices = lineup_workflow_stage_choices (f->store, fresh, TRUE);
  g_assert_cmpuint (choices->len, ==, LINEUP_N_STAGES);
  g_assert_null (choices->pdata[LINEUP_STAGE_BRIEF]);
  g_assert_null (choices->pdata[LINEUP_STAGE_DRAFT]);
  g_assert_nonnull (strstr (choices->pdata[LINEUP_STAGE_IN_REVIEW], "cannot start in review without a caption"));
  g_assert_nonnull (strstr (choices->pdata[LINEUP_STAGE_APPROVED], "cannot start as Approved"));
  g_assert_nonnull (strstr (choices->pdata[LINEUP_STAGE_SCHEDULED], "cannot start as Scheduled"));
  g_assert_nonnull (strstr (choices->pdata[LINEUP_STAGE_PUBLISHED], "cannot start as Published"));
  /* The caption typed, In review opens; the post asked about is unchanged. */
  lineup_post_set_body (fresh, "Words");
  g_clear_pointer (&choices, g_ptr_array_unref);
  choices = lineup_workflow_stage_choices (f->store, fresh, TRUE);
  g_assert_null (choices->pdata[LINEUP_STAGE_IN_REVIEW]);
  g_assert_nonnull (choices->pdata[LINEUP_STAGE_SCHEDULED]);
  g_assert_cmpint (lineup_post_get_stage (fresh), ==, LINEUP_STAGE_BRIEF);

  draft = lineup_store_get_post (f->store, draft_id, NULL);
  g_clear_pointer (&choices, g_ptr_array_unref);
  choices = lineup_workflow_stage_choices (f->store, draft, FALSE);
  g_assert_null (choices->pdata[LINEUP_STAGE_BRIEF]);
  g_assert_null (choices->pdata[LINEUP_STAGE_DRAFT]);
  g_assert_null (choices->pdata[LINEUP_STAGE_IN_REVIEW]);
  g_assert_cmpstr (choices->pdata[LINEUP_STAGE_APPROVED], ==,
                   "Posts go through every stage: move “Launch story” to In review first");
  g_assert_nonnull (strstr (choices->pdata[LINEUP_STAGE_SCHEDULED], "to In review first"));
  g_assert_nonnull (strstr (choices->pdata[LINEUP_STAGE_PUBLISHED], "to In review first"));

  published = lineup_store_get_post (f->store, published_id, NULL);
  g_clear_pointer (&choices, g_ptr_array_unref);
  choices = lineup_workflow_stage_choices (f->store, published, FALSE);
  g_assert_null (choices->pdata[LINEUP_STAGE_PUBLISHED]);
  for (guint s = 0; s < LINEUP_STAGE_PUBLISHED; s++)
    g_assert_nonnull (strstr (choices->pdata[s], "is published and stays so"));

  /* Asking writes nothing. */
  after = lineup_test_file_digest (f->path);
  g_assert_cmpstr (before, ==, after);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/workflow/move-matrix", test_move_matrix);
  ADD ("/workflow/gates", test_gates);
  ADD ("/workflow/chain", test_chain);
  ADD ("/workflow/self-approval", test_self_approval);
  ADD ("/workflow/edit-after-approval", test_edit_after_approval);
  ADD ("/workflow/history", test_history_rows);
  ADD ("/workflow/checklist", test_checklist_items);
  ADD ("/workflow/migration", test_migration_adds_checklist);
  ADD ("/workflow/new-post-stages", test_new_post_stages);
  ADD ("/workflow/schedule-in-the-past", test_schedule_in_the_past);
  ADD ("/workflow/caption-limits", test_caption_limits);
  ADD ("/workflow/stage-choices", test_stage_choices);
#undef ADD
  g_test_add_func ("/workflow/diff", test_diff_text);

  return g_test_run ();
}
