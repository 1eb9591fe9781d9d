/* lineup-workflow.c: the rules decide, the store writes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "lineup-workflow.h"
#include "lineup-store-workflow.h"
#include "lineup-text.h"
#include "lineup-caption-limits.h"
#include "lineup-post-check.h"
#include "lineup-store-media.h"

static gboolean
refuse (GError    **error,
        const char *format,
        ...) G_GNUC_PRINTF (2, 3);

static gboolean
refuse (GError    **error,
        const char *format,
        ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID, message);
  return FALSE;
}

/* A workflow action reads the post, decides by the rules, then writes; the
 * store refuses the write when the post changed in between (another window,
 * the timer, a script), rather than apply a decision made on an old post.
 * That lost race is nobody's doing: TRUE (with the error cleared) when the
 * post did change since @read and another attempt is due, so the action
 * decides again on the post as it now is, after a short random wait (so two
 * writers in step fall out of step); at most this many attempts. */
#define ATTEMPTS 20

static gboolean
lost_race (LineupStore  *store,
           LineupPost   *read,
           guint         attempt,
           GError      **error)
{
  g_autoptr(LineupPost) now = NULL;

  if (attempt >= ATTEMPTS || !g_error_matches (*error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_FAILED))
    return FALSE;
  now = lineup_store_get_post (store, lineup_post_get_id (read), NULL);
  if (now == NULL || lineup_post_get_deleted_at (now) != 0 ||
      (lineup_post_get_revision (now) == lineup_post_get_revision (read) &&
       lineup_post_get_stage (now) == lineup_post_get_stage (read)))
    return FALSE;
  g_clear_error (error);
  g_usleep (g_random_int_range (1000, 1000 + 2000 * (attempt + 1)));
  return TRUE;
}

static const char *
actor_or_default (LineupStore *store,
                  const char  *actor)
{
  return actor && *actor ? actor : lineup_store_get_actor (store);
}

static gboolean
same_person (const char *a,
             const char *b)
{
  g_autofree char *fa = NULL;
  g_autofree char *fb = NULL;

  if (a == NULL || b == NULL)
    return FALSE;
  fa = g_utf8_casefold (a, -1);
  fb = g_utf8_casefold (b, -1);
  g_strstrip (fa);
  g_strstrip (fb);
  return g_str_equal (fa, fb);
}

static gboolean
step_has_approver (LineupApprovalStep *step,
                   const char         *actor)
{
  for (guint i = 0; step->approvers && step->approvers[i]; i++)
    if (same_person (step->approvers[i], actor))
      return TRUE;
  return FALSE;
}

char *
lineup_workflow_describe_step (LineupApprovalStep *step)
{
  g_autoptr(GString) names = g_string_new (NULL);
  guint n = step->approvers ? g_strv_length (step->approvers) : 0;

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (names, i + 1 == n ? (step->all ? _(" and ") : _(" or ")) : ", ");
      g_string_append (names, step->approvers[i]);
    }
  return g_strdup_printf ("%s (%s)", step->name, names->str);
}

void
lineup_workflow_approval_status (GPtrArray            *chain,
                                 GPtrArray            *approvals,
                                 LineupApprovalStatus *out)
{
  out->done = 0;
  out->needed = 0;
  out->waiting_step = -1;

  if (chain == NULL || chain->len == 0)
    {
      out->needed = 1;
      out->done = approvals && approvals->len > 0 ? 1 : 0;
      out->waiting_step = out->done ? -1 : 0;
      return;
    }

  for (guint i = 0; i < chain->len; i++)
    {
      LineupApprovalStep *step = g_ptr_array_index (chain, i);
      guint n_approvers = step->approvers ? g_strv_length (step->approvers) : 0;
      guint needed = step->all ? MAX (n_approvers, 1) : 1;
      guint done = 0;

      /* Each approver of the step counts once. */
      for (guint k = 0; k < n_approvers; k++)
        for (guint j = 0; approvals && j < approvals->len; j++)
          {
            LineupApproval *a = g_ptr_array_index (approvals, j);

            if (a->step == (int) i && same_person (a->actor, step->approvers[k]))
              {
                done++;
                break;
              }
          }
      done = MIN (done, needed);
      out->done += done;
      out->needed += needed;
      if (done < needed && out->waiting_step < 0)
        out->waiting_step = i;
    }
}

/* "3 January 2027" and the minutes since midnight of @at in the plan's
 * time zone. */
static void
describe_day (LineupStore *store,
              gint64       at,
              char        *day,
              gsize        day_size,
              int         *out_minutes)
{
  GDate date;

  lineup_store_utc_to_local (store, at, &date, out_minutes);
  g_date_strftime (day, day_size, "%-d %B %Y", &date);
}

/* A caption goes out only where the network takes it: refuses when a
 * chosen network's caption (its variant, else the main one), as it goes out,
 * is longer than that network takes (lineup-caption-limits.h). */
static gboolean
check_caption_fits (LineupStore *store,
                    LineupPost  *post,
                    gboolean     scheduling,
                    GError     **error)
{
  return lineup_caption_limits_check (store, post, scheduling, error) &&
         lineup_post_check_media_gate (store, post, scheduling, error);
}

static LineupChecklistItem *
first_unticked (LineupPostWorkflow *workflow)
{
  for (guint i = 0; i < workflow->checklist->len; i++)
    {
      LineupChecklistItem *item = g_ptr_array_index (workflow->checklist, i);

      if (!item->checked)
        return item;
    }
  return NULL;
}

/* Why the accessibility item of a post with media is not ticked: the first
 * medium that lacks alt text or subtitles, and how to add them. */
static gboolean
refuse_inaccessible (LineupStore          *store,
                     LineupPost           *post,
                     LineupChecklistItem  *item,
                     GError              **error)
{
  g_autoptr(GPtrArray) media = lineup_store_get_post_media (store, lineup_post_get_id (post), NULL);
  const char *id = lineup_post_get_id (post);

  for (guint i = 0; media && i < media->len; i++)
    {
      LineupMedium *medium = g_ptr_array_index (media, i);

      if (lineup_medium_is_accessible (medium))
        continue;
      if (medium->kind == LINEUP_MEDIA_IMAGE)
        return refuse (error, _("Not approved yet: image %u of “%s” (%s) has no alt text: describe it with lineup post alt %s %u TEXT"),
                       i + 1, lineup_post_get_title (post), medium->name, id, i + 1);
      return refuse (error, _("Not approved yet: video %u of “%s” (%s) has no subtitles: add them with lineup post subtitles %s %u FILE, or mark it as needing none with --none-needed"),
                     i + 1, lineup_post_get_title (post), medium->name, id, i + 1);
    }
  return refuse (error, _("Not approved yet: “%s” is not ticked on the checklist"), item->text);
}

/* The approval @actor would give: the chain step it counts for, whether it
 * completes the chain, or FALSE with the reason it cannot be given. */
static gboolean
plan_approval (LineupStore        *store,
               LineupPost         *post,
               LineupPostWorkflow *workflow,
               const char         *actor,
               int                *out_step,
               gboolean           *out_completes,
               char              **out_waiting,
               GError            **error)
{
  g_autoptr(GPtrArray) chain = lineup_store_get_approval_chain (store);
  LineupApprovalStatus status;
  const char *title = lineup_post_get_title (post);
  LineupChecklistItem *unticked;
  LineupApprovalStep *waiting;
  g_autoptr(GPtrArray) approvals_after = NULL;

  if (lineup_post_get_stage (post) != LINEUP_STAGE_IN_REVIEW)
    return refuse (error, _("Only a post in review can be approved; “%s” is %s: move it to In review first"),
                   title, lineup_stage_to_label (lineup_post_get_stage (post)));

  if (!check_caption_fits (store, post, FALSE, error))
    return FALSE;

  if (lineup_store_get_forbid_self_approval (store) &&
      same_person (lineup_post_get_brief (post, LINEUP_BRIEF_OWNER), actor))
    return refuse (error, _("%s owns “%s” and this plan does not let people approve their own posts: ask another approver"),
                   actor, title);

  /* The checklist gates the way into Approved: approvers approve the post
   * as it will go out, so every step waits for it. */
  if ((unticked = first_unticked (workflow)) != NULL)
    return unticked->computed
             ? refuse_inaccessible (store, post, unticked, error)
             : refuse (error, _("Not approved yet: “%s” is not ticked on the checklist"), unticked->text);

  lineup_workflow_approval_status (chain, workflow->approvals, &status);

  if (chain->len == 0)
    *out_step = 0;
  else
    {
      g_return_val_if_fail (status.waiting_step >= 0, FALSE);
      waiting = g_ptr_array_index (chain, status.waiting_step);
      if (!step_has_approver (waiting, actor))
        {
          g_autofree char *who = lineup_workflow_describe_step (waiting);

          for (guint i = 0; i < chain->len; i++)
            if (step_has_approver (g_ptr_array_index (chain, i), actor))
              return refuse (error, (int) i > status.waiting_step
                               ? _("“%s” waits for %s first; %s approves after that")
                               : _("“%s” now waits for %s; %s has approved their step already"),
                             title, who, actor);
          return refuse (error, _("%s is not an approver of this plan; “%s” waits for %s"),
                         actor, title, who);
        }
      for (guint j = 0; j < workflow->approvals->len; j++)
        {
          LineupApproval *a = g_ptr_array_index (workflow->approvals, j);

          if (a->step == status.waiting_step && same_person (a->actor, actor))
            return refuse (error, _("%s has already approved this version of “%s”"), actor, title);
        }
      *out_step = status.waiting_step;
    }

  /* Would this approval satisfy the chain? */
  /* A borrowing copy: the array's own free function must not run on it. */
  approvals_after = g_ptr_array_sized_new (workflow->approvals->len + 1);
  for (guint i = 0; i < workflow->approvals->len; i++)
    g_ptr_array_add (approvals_after, g_ptr_array_index (workflow->approvals, i));
  {
    LineupApproval mine = { *out_step, (char *) actor, 0 };
    LineupApprovalStatus after;

    g_ptr_array_add (approvals_after, &mine);
    lineup_workflow_approval_status (chain, approvals_after, &after);
    *out_completes = after.waiting_step < 0;
    if (!*out_completes && out_waiting)
      *out_waiting = lineup_workflow_describe_step (g_ptr_array_index (chain, after.waiting_step));
  }

  return TRUE;
}

gboolean
lineup_workflow_check_new (LineupStore         *store,
                           LineupPost          *post,
                           LineupNewPostFlags   flags,
                           GError             **error)
{
  LineupStage stage;
  const char *title;

  g_return_val_if_fail (LINEUP_IS_STORE (store), FALSE);
  g_return_val_if_fail (LINEUP_IS_POST (post), FALSE);

  stage = lineup_post_get_stage (post);
  title = lineup_post_get_title (post);
  switch (stage)
    {
    case LINEUP_STAGE_BRIEF:
    case LINEUP_STAGE_DRAFT:
      return TRUE;

    case LINEUP_STAGE_IN_REVIEW:
      {
        g_autofree char *body = g_strstrip (g_strdup (lineup_post_get_body (post)));

        if (*body == '\0')
          return refuse (error, _("“%s” cannot start in review without a caption: write the caption, or start it as a brief or a draft"),
                         title);
        return TRUE;
      }

    case LINEUP_STAGE_PUBLISHED:
      if (flags & LINEUP_NEW_POST_HISTORY)
        {
          if (!lineup_post_is_dated (post))
            return refuse (error, _("“%s” has no date: a post brought in as published needs the date it was posted"),
                           title);
          if (lineup_post_get_scheduled_at (post) > g_get_real_time () / G_USEC_PER_SEC)
            return refuse (error, _("“%s” is dated in the future: only a post dated in the past can come in as published"),
                           title);
          return TRUE;
        }
      return refuse (error, _("“%s” cannot start as Published: a new post starts as a brief, a draft or in review (a post already posted elsewhere comes in with “lineup import csv --history”)"),
                     title);

    case LINEUP_STAGE_APPROVED:
    case LINEUP_STAGE_SCHEDULED:
    default:
      return refuse (error, _("“%s” cannot start as %s: a new post starts as a brief, a draft or in review, and is approved and scheduled through the workflow"),
                     title, lineup_stage_to_label (stage));
    }
}

gboolean
lineup_workflow_add (LineupStore         *store,
                     LineupPost          *post,
                     LineupNewPostFlags   flags,
                     GError             **error)
{
  return lineup_workflow_check_new (store, post, flags, error) &&
         lineup_store_add_post (store, post, error);
}

gboolean
lineup_workflow_can_move (LineupStore  *store,
                          LineupPost   *post,
                          LineupStage   to,
                          const char   *actor,
                          GError      **error)
{
  LineupStage from;
  const char *title;

  g_return_val_if_fail (LINEUP_IS_STORE (store), FALSE);
  g_return_val_if_fail (LINEUP_IS_POST (post), FALSE);

  if ((guint) to >= LINEUP_N_STAGES)
    return refuse (error, _("Unknown stage: expected one of %s"), lineup_stage_list_keys ());

  from = lineup_post_get_stage (post);
  title = lineup_post_get_title (post);
  actor = actor_or_default (store, actor);

  if (from == to)
    return TRUE;
  if (from == LINEUP_STAGE_PUBLISHED)
    return refuse (error, _("“%s” is published and stays so: duplicate it to post it again"), title);
  if (to < from)
    return TRUE;
  if (to > from + 1)
    return refuse (error, _("Posts go through every stage: move “%s” to %s first"),
                   title, lineup_stage_to_label (from + 1));

  switch (to)
    {
    case LINEUP_STAGE_DRAFT:
      return TRUE;

    case LINEUP_STAGE_IN_REVIEW:
      {
        g_autofree char *body = g_strstrip (g_strdup (lineup_post_get_body (post)));

        if (*body == '\0')
          return refuse (error, _("“%s” has no caption yet: write it before sending the post to review"), title);
        return TRUE;
      }

    case LINEUP_STAGE_APPROVED:
      {
        g_autoptr(LineupPostWorkflow) workflow = lineup_store_get_post_workflow (store, post, error);
        int step;
        gboolean completes;

        if (workflow == NULL)
          return FALSE;
        return plan_approval (store, post, workflow, actor, &step, &completes, NULL, error);
      }

    case LINEUP_STAGE_SCHEDULED:
      if (!lineup_post_is_dated (post) || lineup_post_get_platforms (post)[0] == NULL)
        return refuse (error, _("A post needs a date and at least one platform before it can be scheduled: “%s” has %s"),
                       title,
                       !lineup_post_is_dated (post) && lineup_post_get_platforms (post)[0] == NULL
                         ? _("neither")
                         : !lineup_post_is_dated (post) ? _("no date") : _("no platform"));
      if (lineup_post_get_scheduled_at (post) <= g_get_real_time () / G_USEC_PER_SEC)
        {
          char day[64];
          int minutes;

          describe_day (store, lineup_post_get_scheduled_at (post), day, sizeof day, &minutes);
          return refuse (error, _("“%s” is dated %s at %02d:%02d, which has passed: give it a later date or time before scheduling it"),
                         title, day, minutes / 60, minutes % 60);
        }
      return check_caption_fits (store, post, TRUE, error);

    case LINEUP_STAGE_PUBLISHED:
      if (lineup_post_get_scheduled_at (post) > g_get_real_time () / G_USEC_PER_SEC)
        {
          char day[64];
          int minutes;

          describe_day (store, lineup_post_get_scheduled_at (post), day, sizeof day, &minutes);
          return refuse (error, _("“%s” is scheduled for %s at %02d:%02d: it can be marked published once that time has passed"),
                         title, day, minutes / 60, minutes % 60);
        }
      return TRUE;

    case LINEUP_STAGE_BRIEF:
    default:
      return TRUE;
    }
}

static gboolean
approve (LineupStore  *store,
         const char   *id,
         const char   *actor,
         const char   *comment,
         char        **out_note,
         guint         attempt,
         GError      **error)
{
  g_autoptr(LineupPost) post = NULL;
  g_autoptr(LineupPostWorkflow) workflow = NULL;
  g_autofree char *waiting = NULL;
  LineupWorkflowEvent event = { 0 };
  int step = 0;
  gboolean completes = FALSE;

  g_return_val_if_fail (LINEUP_IS_STORE (store), FALSE);

  actor = actor_or_default (store, actor);
  post = lineup_store_get_post (store, id, error);
  if (post == NULL)
    return FALSE;
  workflow = lineup_store_get_post_workflow (store, post, error);
  if (workflow == NULL ||
      !plan_approval (store, post, workflow, actor, &step, &completes, &waiting, error))
    return FALSE;

  event.kind = LINEUP_HISTORY_APPROVE;
  event.to_stage = completes ? LINEUP_STAGE_APPROVED : LINEUP_STAGE_IN_REVIEW;
  event.actor = actor;
  event.comment = comment && *comment ? comment : NULL;
  event.approve_step = step;
  event.snapshot_approved = completes;
  if (!_lineup_store_apply_event (store, post, &event, error))
    return lost_race (store, post, attempt, error) &&
           approve (store, id, actor, comment, out_note, attempt + 1, error);

  if (out_note)
    *out_note = completes
      ? g_strdup_printf (_("“%s” is approved"), lineup_post_get_title (post))
      : g_strdup_printf (_("%s’s approval of “%s” is recorded; it now waits for %s"),
                         actor, lineup_post_get_title (post), waiting);
  return TRUE;
}

gboolean
lineup_workflow_approve (LineupStore  *store,
                         const char   *id,
                         const char   *actor,
                         const char   *comment,
                         char        **out_note,
                         GError      **error)
{
  return approve (store, id, actor, comment, out_note, 1, error);
}

static gboolean
move (LineupStore  *store,
      const char   *id,
      LineupStage   to,
      const char   *actor,
      const char   *comment,
      char        **out_note,
      guint         attempt,
      GError      **error)
{
  g_autoptr(LineupPost) post = NULL;
  g_autofree char *label = NULL;
  LineupWorkflowEvent event = { 0 };

  g_return_val_if_fail (LINEUP_IS_STORE (store), FALSE);

  post = lineup_store_get_post (store, id, error);
  if (post == NULL)
    return FALSE;
  if (lineup_post_get_stage (post) == to)
    return TRUE;
  if (to == LINEUP_STAGE_APPROVED && lineup_post_get_stage (post) == LINEUP_STAGE_IN_REVIEW)
    return lineup_workflow_approve (store, lineup_post_get_id (post), actor, comment, out_note, error);
  if (!lineup_workflow_can_move (store, post, to, actor, error))
    return FALSE;

  label = g_strdup_printf (_("Move “%s” to %s"), lineup_post_get_title (post), lineup_stage_to_label (to));
  event.kind = LINEUP_HISTORY_STAGE;
  event.to_stage = to;
  event.actor = actor_or_default (store, actor);
  event.comment = comment && *comment ? comment : NULL;
  event.approve_step = -1;
  event.undo_label = label;
  return _lineup_store_apply_event (store, post, &event, error) ||
         (lost_race (store, post, attempt, error) && move (store, id, to, actor, comment, out_note, attempt + 1, error));
}

gboolean
lineup_workflow_move (LineupStore  *store,
                      const char   *id,
                      LineupStage   to,
                      const char   *actor,
                      const char   *comment,
                      char        **out_note,
                      GError      **error)
{
  return move (store, id, to, actor, comment, out_note, 1, error);
}

static gboolean
request_changes (LineupStore  *store,
                 const char   *id,
                 const char   *actor,
                 const char   *comment,
                 guint         attempt,
                 GError      **error)
{
  g_autoptr(LineupPost) post = NULL;
  g_autoptr(GPtrArray) chain = NULL;
  g_autofree char *stripped = NULL;
  LineupWorkflowEvent event = { 0 };
  LineupStage stage;

  g_return_val_if_fail (LINEUP_IS_STORE (store), FALSE);

  actor = actor_or_default (store, actor);
  post = lineup_store_get_post (store, id, error);
  if (post == NULL)
    return FALSE;

  stripped = g_strstrip (g_strdup (comment ? comment : ""));
  if (*stripped == '\0')
    return refuse (error, _("Say what should change: a request for changes needs a comment"));

  stage = lineup_post_get_stage (post);
  if (stage != LINEUP_STAGE_IN_REVIEW && stage != LINEUP_STAGE_APPROVED && stage != LINEUP_STAGE_SCHEDULED)
    return refuse (error, _("Changes are requested on a post in review, approved or scheduled; “%s” is %s"),
                   lineup_post_get_title (post), lineup_stage_to_label (stage));

  chain = lineup_store_get_approval_chain (store);
  if (chain->len > 0)
    {
      g_autoptr(LineupMember) member = lineup_store_find_member (store, actor);
      gboolean approver = member && member->role == LINEUP_ROLE_LEAD;

      for (guint i = 0; !approver && i < chain->len; i++)
        approver = step_has_approver (g_ptr_array_index (chain, i), actor);
      if (!approver)
        return refuse (error, _("%s is neither an approver in the chain nor a lead: only they can send “%s” back"),
                       actor, lineup_post_get_title (post));
    }

  event.kind = LINEUP_HISTORY_REQUEST_CHANGES;
  event.to_stage = LINEUP_STAGE_DRAFT;
  event.actor = actor;
  event.comment = stripped;
  event.approve_step = -1;
  event.revoke_approvals = TRUE;
  return _lineup_store_apply_event (store, post, &event, error) ||
         (lost_race (store, post, attempt, error) && request_changes (store, id, actor, comment, attempt + 1, error));
}

gboolean
lineup_workflow_request_changes (LineupStore  *store,
                                 const char   *id,
                                 const char   *actor,
                                 const char   *comment,
                                 GError      **error)
{
  return request_changes (store, id, actor, comment, 1, error);
}

static gboolean
comment_on (LineupStore  *store,
            const char   *id,
            const char   *actor,
            const char   *text,
            guint         attempt,
            GError      **error)
{
  g_autoptr(LineupPost) post = NULL;
  g_autofree char *stripped = NULL;
  LineupWorkflowEvent event = { 0 };

  g_return_val_if_fail (LINEUP_IS_STORE (store), FALSE);

  stripped = g_strstrip (g_strdup (text ? text : ""));
  if (*stripped == '\0')
    return refuse (error, _("The comment is empty: write something to say"));
  post = lineup_store_get_post (store, id, error);
  if (post == NULL)
    return FALSE;

  event.kind = LINEUP_HISTORY_COMMENT;
  event.to_stage = lineup_post_get_stage (post);
  event.actor = actor_or_default (store, actor);
  event.comment = stripped;
  event.approve_step = -1;
  return _lineup_store_apply_event (store, post, &event, error) ||
         (lost_race (store, post, attempt, error) && comment_on (store, id, actor, text, attempt + 1, error));
}

gboolean
lineup_workflow_comment (LineupStore  *store,
                         const char   *id,
                         const char   *actor,
                         const char   *text,
                         GError      **error)
{
  return comment_on (store, id, actor, text, 1, error);
}

gboolean
lineup_workflow_find_checklist_item (GPtrArray   *checklist,
                                     const char  *what,
                                     gint64      *out_id,
                                     GError     **error)
{
  g_autofree char *folded = NULL;
  LineupChecklistItem *found = NULL;
  guint64 number;
  guint matches = 0;

  if (what == NULL || !g_utf8_validate (what, -1, NULL) || *what == '\0')
    return refuse (error, _("Name the checklist item by its number (1 to %u) or its text"), checklist->len);

  if (g_ascii_string_to_unsigned (what, 10, 1, G_MAXUINT, &number, NULL))
    {
      if (number > checklist->len)
        return refuse (error, _("The checklist has %u items: give a number from 1 to %u"),
                       checklist->len, checklist->len);
      *out_id = ((LineupChecklistItem *) g_ptr_array_index (checklist, number - 1))->id;
      return TRUE;
    }

  folded = g_utf8_casefold (what, -1);
  for (guint i = 0; i < checklist->len; i++)
    {
      LineupChecklistItem *item = g_ptr_array_index (checklist, i);
      g_autofree char *text = g_utf8_casefold (item->text, -1);

      if (g_str_equal (text, folded))
        {
          *out_id = item->id;
          return TRUE;
        }
      if (g_str_has_prefix (text, folded))
        {
          matches++;
          found = item;
        }
    }
  if (matches == 1)
    {
      *out_id = found->id;
      return TRUE;
    }
  return refuse (error, matches > 1
                   ? _("“%s” starts several checklist items: give more of the text, or the item’s number")
                   : _("No checklist item is “%s”: see the numbered list with “lineup post show ID”"),
                 what);
}

static gboolean
set_checked (LineupStore  *store,
             const char   *id,
             gint64        item_id,
             gboolean      checked,
             const char   *actor,
             guint         attempt,
             GError      **error)
{
  g_autoptr(LineupPost) post = NULL;
  g_autoptr(LineupPostWorkflow) workflow = NULL;
  LineupChecklistItem *item = NULL;
  LineupWorkflowEvent event = { 0 };

  g_return_val_if_fail (LINEUP_IS_STORE (store), FALSE);

  post = lineup_store_get_post (store, id, error);
  if (post == NULL)
    return FALSE;
  workflow = lineup_store_get_post_workflow (store, post, error);
  if (workflow == NULL)
    return FALSE;
  for (guint i = 0; i < workflow->checklist->len; i++)
    if (((LineupChecklistItem *) g_ptr_array_index (workflow->checklist, i))->id == item_id)
      item = g_ptr_array_index (workflow->checklist, i);
  if (item == NULL)
    return refuse (error, _("The checklist has no such item: it may have been removed in the preferences"));
  if (item->computed)
    return refuse (error, _("“%s” is ticked by Lineup for a post with media: it is ticked while every image has alt text and every video has subtitles or is marked as needing none (lineup post media %s)"),
                   item->text, lineup_post_get_id (post));
  if (item->checked == checked)
    return TRUE;

  event.kind = checked ? LINEUP_HISTORY_CHECK : LINEUP_HISTORY_UNCHECK;
  event.to_stage = lineup_post_get_stage (post);
  event.actor = actor_or_default (store, actor);
  event.comment = item->text;
  event.approve_step = -1;
  event.check_item = item_id;
  event.checked = checked;
  return _lineup_store_apply_event (store, post, &event, error) ||
         (lost_race (store, post, attempt, error) &&
          set_checked (store, id, item_id, checked, actor, attempt + 1, error));
}

gboolean
lineup_workflow_set_checked (LineupStore  *store,
                             const char   *id,
                             gint64        item_id,
                             gboolean      checked,
                             const char   *actor,
                             GError      **error)
{
  return set_checked (store, id, item_id, checked, actor, 1, error);
}

char *
lineup_workflow_edit_sends_back (LineupPost *before,
                                 LineupPost *after)
{
  g_autoptr(GPtrArray) what = g_ptr_array_new ();
  LineupStage stage = lineup_post_get_stage (before);

  if (stage != LINEUP_STAGE_APPROVED && stage != LINEUP_STAGE_SCHEDULED)
    return NULL;

  if (g_strcmp0 (lineup_post_get_title (before), lineup_post_get_title (after)) != 0)
    g_ptr_array_add (what, _("title"));
  if (g_strcmp0 (lineup_post_get_body (before), lineup_post_get_body (after)) != 0)
    g_ptr_array_add (what, _("caption"));
  if (g_strcmp0 (lineup_post_get_captions (before), lineup_post_get_captions (after)) != 0)
    g_ptr_array_add (what, _("caption variants"));
  if (g_strcmp0 (lineup_post_get_content_warning (before), lineup_post_get_content_warning (after)) != 0)
    g_ptr_array_add (what, _("content warning"));
  if (!g_strv_equal (lineup_post_get_platforms (before), lineup_post_get_platforms (after)))
    g_ptr_array_add (what, _("platforms"));
  if (what->len == 0)
    return NULL;

  g_ptr_array_add (what, NULL);
  {
    g_autofree char *list = g_strjoinv (", ", (char **) what->pdata);

    return g_strdup_printf (_("Edited after approval (%s): back to review"), list);
  }
}

gboolean
lineup_workflow_edit (LineupStore  *store,
                      LineupPost   *post,
                      GError      **error)
{
  g_return_val_if_fail (LINEUP_IS_STORE (store), FALSE);
  g_return_val_if_fail (LINEUP_IS_POST (post), FALSE);

  return _lineup_store_write_edit (store, post, lineup_workflow_edit_sends_back, error);
}

/* ---- differences ---- */

void
lineup_diff_span_free (LineupDiffSpan *span)
{
  if (span == NULL)
    return;
  g_free (span->text);
  g_free (span);
}

/* Words (runs of letters and digits) and single other characters. */
static GPtrArray *
tokenize (const char *text)
{
  GPtrArray *tokens = g_ptr_array_new_with_free_func (g_free);
  const char *p = text ? text : "";

  while (*p)
    {
      const char *start = p;

      if (g_unichar_isalnum (g_utf8_get_char (p)))
        while (*p && g_unichar_isalnum (g_utf8_get_char (p)))
          p = g_utf8_next_char (p);
      else
        p = g_utf8_next_char (p);
      g_ptr_array_add (tokens, g_strndup (start, p - start));
    }
  return tokens;
}

static void
add_span (GPtrArray    *spans,
          LineupDiffOp  op,
          const char   *text)
{
  LineupDiffSpan *last = spans->len ? g_ptr_array_index (spans, spans->len - 1) : NULL;

  if (last && last->op == op)
    {
      char *joined = g_strconcat (last->text, text, NULL);

      g_free (last->text);
      last->text = joined;
      return;
    }
  last = g_new0 (LineupDiffSpan, 1);
  last->op = op;
  last->text = g_strdup (text);
  g_ptr_array_add (spans, last);
}

/* Beyond this many tokens on each side (after the common start and end),
 * the middle is shown as removed and added whole. */
#define DIFF_MAX_TOKENS 1500

GPtrArray *
lineup_workflow_diff_text (const char *before,
                           const char *after)
{
  g_autoptr(GPtrArray) a = tokenize (before);
  g_autoptr(GPtrArray) b = tokenize (after);
  GPtrArray *spans = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_diff_span_free);
  guint start = 0, end_a = a->len, end_b = b->len;
  guint n, m;

  while (start < end_a && start < end_b && g_str_equal (a->pdata[start], b->pdata[start]))
    add_span (spans, LINEUP_DIFF_SAME, a->pdata[start++]);
  while (end_a > start && end_b > start && g_str_equal (a->pdata[end_a - 1], b->pdata[end_b - 1]))
    end_a--, end_b--;

  n = end_a - start;
  m = end_b - start;
  if (n > DIFF_MAX_TOKENS || m > DIFF_MAX_TOKENS)
    {
      for (guint i = start; i < end_a; i++)
        add_span (spans, LINEUP_DIFF_REMOVED, a->pdata[i]);
      for (guint j = start; j < end_b; j++)
        add_span (spans, LINEUP_DIFF_ADDED, b->pdata[j]);
    }
  else if (n > 0 || m > 0)
    {
      /* Longest common subsequence, lengths from the end. */
      guint16 *lcs = g_new0 (guint16, (gsize) (n + 1) * (m + 1));
      guint i = 0, j = 0;

#define L(x, y) lcs[(gsize) (x) * (m + 1) + (y)]
      for (guint x = n; x-- > 0;)
        for (guint y = m; y-- > 0;)
          L (x, y) = g_str_equal (a->pdata[start + x], b->pdata[start + y])
                       ? L (x + 1, y + 1) + 1
                       : MAX (L (x + 1, y), L (x, y + 1));
      while (i < n || j < m)
        {
          if (i < n && j < m && g_str_equal (a->pdata[start + i], b->pdata[start + j]))
            {
              add_span (spans, LINEUP_DIFF_SAME, a->pdata[start + i]);
              i++, j++;
            }
          else if (i < n && (j == m || L (i + 1, j) >= L (i, j + 1)))
            add_span (spans, LINEUP_DIFF_REMOVED, a->pdata[start + i++]);
          else
            add_span (spans, LINEUP_DIFF_ADDED, b->pdata[start + j++]);
        }
#undef L
      g_free (lcs);
    }

  for (guint i = end_a; i < a->len; i++)
    add_span (spans, LINEUP_DIFF_SAME, a->pdata[i]);
  return spans;
}

static void
append_text_diff (GString    *out,
                  const char *label,
                  const char *before,
                  const char *after)
{
  g_autoptr(GPtrArray) spans = NULL;

  if (g_strcmp0 (before, after) == 0)
    return;
  spans = lineup_workflow_diff_text (before, after);
  g_string_append_printf (out, "%s: ", label);
  for (guint i = 0; i < spans->len; i++)
    {
      LineupDiffSpan *span = g_ptr_array_index (spans, i);

      g_string_append_printf (out, span->op == LINEUP_DIFF_REMOVED ? "[-%s-]"
                                   : span->op == LINEUP_DIFF_ADDED ? "{+%s+}" : "%s",
                              span->text);
    }
  g_string_append_c (out, '\n');
}

char *
lineup_workflow_describe_diff (LineupPost *approved,
                               LineupPost *current)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char * const *was;
  const char * const *now;

  g_return_val_if_fail (LINEUP_IS_POST (approved), NULL);
  g_return_val_if_fail (LINEUP_IS_POST (current), NULL);

  append_text_diff (out, _("Title"), lineup_post_get_title (approved), lineup_post_get_title (current));
  append_text_diff (out, _("Content warning"), lineup_post_get_content_warning (approved),
                    lineup_post_get_content_warning (current));
  append_text_diff (out, _("Caption"), lineup_post_get_body (approved), lineup_post_get_body (current));
  {
    guint n;
    const LineupPlatformInfo *all = lineup_platforms_get_all (&n);

    for (guint i = 0; i < n; i++)
      {
        g_autofree char *was_variant = lineup_post_dup_caption_variant (approved, all[i].key);
        g_autofree char *now_variant = lineup_post_dup_caption_variant (current, all[i].key);
        g_autofree char *label = NULL;

        if (g_strcmp0 (was_variant, now_variant) == 0)
          continue;
        label = g_strdup_printf (_("%s caption"), all[i].name);
        append_text_diff (out, label, was_variant ? was_variant : "", now_variant ? now_variant : "");
      }
  }

  was = lineup_post_get_platforms (approved);
  now = lineup_post_get_platforms (current);
  if (!g_strv_equal (was, now))
    {
      g_string_append_printf (out, "%s:", _("Platforms"));
      for (guint i = 0; now[i]; i++)
        if (!g_strv_contains (was, now[i]))
          {
            const LineupPlatformInfo *info = lineup_platform_lookup (now[i]);
            g_string_append_printf (out, " {+%s+}", info ? info->name : now[i]);
          }
      for (guint i = 0; was[i]; i++)
        if (!g_strv_contains (now, was[i]))
          {
            const LineupPlatformInfo *info = lineup_platform_lookup (was[i]);
            g_string_append_printf (out, " [-%s-]", info ? info->name : was[i]);
          }
      g_string_append_c (out, '\n');
    }

  if (out->len == 0)
    return NULL;
  g_string_truncate (out, out->len - 1);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---- what the editor offers ---- */

GPtrArray *
lineup_workflow_stage_choices (LineupStore *store,
                               LineupPost  *post,
                               gboolean     is_new)
{
  GPtrArray *reasons;

  g_return_val_if_fail (LINEUP_IS_STORE (store), NULL);
  g_return_val_if_fail (LINEUP_IS_POST (post), NULL);

  reasons = g_ptr_array_new_full (LINEUP_N_STAGES, g_free);
  for (guint s = 0; s < LINEUP_N_STAGES; s++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok;

      if (is_new)
        {
          g_autoptr(LineupPost) trial = lineup_post_copy (post);

          lineup_post_set_stage (trial, s);
          ok = lineup_workflow_check_new (store, trial, LINEUP_NEW_POST_DEFAULT, &error);
        }
      else
        ok = lineup_workflow_can_move (store, post, s, NULL, &error);
      g_ptr_array_add (reasons, ok ? NULL : g_strdup (error->message));
    }
  return reasons;
}
