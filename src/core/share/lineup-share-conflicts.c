/* lineup-share-conflicts.c: a shared plan's conflicts as people read them,
 * their resolution, and the notices the people in the chain get.
 *
 * A conflict is a field two copies changed to different values: both values
 * stay in the post's record (docs/sharing.md §5) until someone keeps one.
 * Notices are told once each (the store remembers which): a post waiting
 * for your approval, one of yours sent back, a conflict on your change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lineup-share-private.h"
#include "lineup-share-merge.h"
#include "lineup-workflow.h"

void
lineup_share_conflict_free (LineupShareConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->post_id);
  g_free (conflict->post_title);
  g_free (conflict->field);
  g_free (conflict->field_label);
  g_free (conflict->mine);
  g_free (conflict->theirs);
  g_free (conflict->theirs_by);
  g_free (conflict);
}

static char *
field_label (const char *field)
{
  static const struct { const char *field; const char *label; } labels[] = {
    { "title", N_("Title") }, { "body", N_("Caption") }, { "at", N_("Date and time") },
    { "stage", N_("Stage") }, { "pillar", N_("Pillar") }, { "type", N_("Type") },
    { "platforms", N_("Platforms") }, { "campaign", N_("Campaign") }, { "due", N_("Due date") },
    { "source", N_("Copied from") }, { "evergreen", N_("Evergreen") },
    { "content_warning", N_("Content warning") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (field, labels[i].field))
      return g_strdup (g_dgettext (GETTEXT_PACKAGE, labels[i].label));
  for (int i = 0; i < LINEUP_N_BRIEF_FIELDS; i++)
    if (g_str_equal (field, lineup_brief_field_to_key (i)))
      return g_strdup (lineup_brief_field_to_label (i));
  if (g_str_has_prefix (field, "check:"))
    return g_strdup_printf (_("Checklist: %s"), field + strlen ("check:"));
  return g_strdup (field);
}

/* A field's value as a person reads it. */
static char *
readable_value (LineupStore *store,
                const char  *field,
                const char  *value)
{
  if (value == NULL)
    return g_strdup (_("(none)"));
  if (g_str_equal (field, "at"))
    {
      g_autoptr(GDateTime) when = NULL;
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

      when = g_date_time_new_from_iso8601 (value, utc);
      if (when)
        return lineup_store_format_time (store, g_date_time_to_unix (when), LINEUP_TIME_FORMAT);
    }
  if (g_str_equal (field, "stage"))
    {
      LineupStage stage;

      if (lineup_stage_from_string (value, &stage))
        return g_strdup (lineup_stage_to_label (stage));
    }
  return g_strdup (value);
}

GPtrArray *
lineup_share_list_conflicts (LineupStore  *store,
                             const char   *post_id,
                             GError      **error)
{
  g_autoptr(GPtrArray) rows = lineup_store_share_list_conflicts (store, post_id, error);
  g_autofree char *login = lineup_share_get_login (store);
  GPtrArray *conflicts;

  if (rows == NULL)
    return NULL;
  conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_share_conflict_free);
  for (guint i = 0; i < rows->len; i++)
    {
      LineupShareConflictRow *row = g_ptr_array_index (rows, i);
      g_autoptr(LineupShareRecord) record = lineup_store_share_read_post (store, row->post_id, NULL);
      LineupShareConflict *conflict;
      const char *current;
      gboolean mine_is_other;

      if (record == NULL)
        continue;
      current = lineup_share_record_get (record, row->field);
      /* "Mine" is what this login wrote: the other value when this login
       * wrote it, the post's value otherwise. */
      mine_is_other = g_strcmp0 (row->by, login) == 0;
      conflict = g_new0 (LineupShareConflict, 1);
      conflict->post_id = g_strdup (row->post_id);
      conflict->post_title = g_strdup (lineup_share_record_get (record, "title"));
      conflict->field = g_strdup (row->field);
      conflict->field_label = field_label (row->field);
      conflict->mine = readable_value (store, row->field, mine_is_other ? row->value : current);
      conflict->theirs = readable_value (store, row->field, mine_is_other ? current : row->value);
      conflict->theirs_by = g_strdup (mine_is_other ? _("the server") : row->by);
      g_ptr_array_add (conflicts, conflict);
    }
  return conflicts;
}

gboolean
lineup_share_resolve (LineupStore  *store,
                      const char   *post_id,
                      const char   *field,
                      gboolean      keep_mine,
                      GError      **error)
{
  g_autofree char *login = lineup_share_get_login (store);
  g_autoptr(LineupPost) post = NULL;
  g_autoptr(LineupShareRecord) record = NULL;

  if (login == NULL)
    {
      g_set_error_literal (error, LINEUP_SHARE_ERROR, LINEUP_SHARE_ERROR_NOT_SHARED,
                           _("This plan is not shared: it has no conflicts to resolve"));
      return FALSE;
    }
  post = lineup_store_get_post (store, post_id, error);
  if (post == NULL)
    return FALSE;
  record = lineup_store_share_read_post (store, lineup_post_get_id (post), error);
  if (record == NULL)
    return FALSE;
  if (!lineup_share_resolve_field (record, field, login, keep_mine))
    {
      g_auto(GStrv) fields = lineup_share_record_list_conflicts (record);
      g_autofree char *list = g_strjoinv (", ", fields);

      g_set_error (error, LINEUP_SHARE_ERROR, LINEUP_SHARE_ERROR_NOT_FOUND,
                   *list ? _("“%s” has no conflict on “%s”; its conflicts are on: %s")
                         : _("“%s” has no conflict on “%s”%s"),
                   lineup_post_get_title (post), field, list);
      return FALSE;
    }
  /* The resolution is applied and queued in one transaction. */
  lineup_store_begin (store, _("Resolve conflict"));
  if (!lineup_store_share_apply_post (store, lineup_post_get_id (post), record, error) ||
      !lineup_store_share_enqueue (store, "post", lineup_post_get_id (post), error))
    {
      lineup_store_rollback (store);
      return FALSE;
    }
  return lineup_store_commit (store, error);
}

/* ---- notices ---- */

void
lineup_share_notice_free (LineupShareNotice *notice)
{
  if (notice == NULL)
    return;
  g_free (notice->post_id);
  g_free (notice->title);
  g_free (notice->body);
  g_free (notice);
}

static void
add_notice (GPtrArray             *notices,
            LineupShareNoticeKind  kind,
            const char            *post_id,
            const char            *title,
            const char            *body)
{
  LineupShareNotice *notice = g_new0 (LineupShareNotice, 1);

  notice->kind = kind;
  notice->post_id = g_strdup (post_id);
  notice->title = g_strdup (title);
  notice->body = g_strdup (body);
  g_ptr_array_add (notices, notice);
}

static gboolean
step_has (LineupApprovalStep *step,
          const char         *login)
{
  for (guint i = 0; step->approvers && step->approvers[i]; i++)
    if (g_ascii_strcasecmp (step->approvers[i], login) == 0)
      return TRUE;
  return FALSE;
}

/* Whether @login made @post (its first history line) or owns it. */
static gboolean
is_theirs (LineupStore *store,
           LineupPost  *post,
           const char  *login)
{
  g_autoptr(GPtrArray) history = NULL;
  const char *owner = lineup_post_get_brief (post, LINEUP_BRIEF_OWNER);

  if (owner && g_ascii_strcasecmp (owner, login) == 0)
    return TRUE;
  history = lineup_store_get_history (store, lineup_post_get_id (post), NULL);
  return history && history->len > 0 &&
         g_strcmp0 (((LineupStageChange *) g_ptr_array_index (history, 0))->actor, login) == 0;
}

GPtrArray *
lineup_share_take_notices (LineupStore  *store,
                           GError      **error)
{
  g_autofree char *login = lineup_share_get_login (store);
  g_autoptr(GPtrArray) notices = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_share_notice_free);
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GPtrArray) chain = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;

  if (login == NULL)
    return g_steal_pointer (&notices);
  posts = lineup_store_list_all_posts (store, error);
  if (posts == NULL)
    return NULL;
  chain = lineup_store_get_approval_chain (store);

  for (guint i = 0; i < posts->len; i++)
    {
      LineupPost *post = g_ptr_array_index (posts, i);
      LineupStage stage = lineup_post_get_stage (post);
      g_autoptr(LineupPostWorkflow) workflow = NULL;
      g_autofree char *key = NULL;

      if (stage != LINEUP_STAGE_IN_REVIEW && stage != LINEUP_STAGE_DRAFT)
        continue;
      workflow = lineup_store_get_post_workflow (store, post, NULL);
      if (workflow == NULL)
        continue;
      if (stage == LINEUP_STAGE_IN_REVIEW)
        {
          LineupApprovalStatus status;
          gboolean mine;

          lineup_workflow_approval_status (chain, workflow->approvals, &status);
          if (status.waiting_step < 0)
            continue;
          mine = chain->len == 0 ? FALSE
                                 : step_has (g_ptr_array_index (chain, status.waiting_step), login);
          key = g_strdup_printf ("approve:%s:%d", lineup_post_get_id (post), lineup_post_get_revision (post));
          if (mine && lineup_store_share_note_notice (store, key, NULL))
            add_notice (notices, LINEUP_SHARE_NOTICE_APPROVAL_WANTED, lineup_post_get_id (post),
                        _("Waiting for your approval"), lineup_post_get_title (post));
        }
      else if (workflow->change_request && is_theirs (store, post, login) &&
               g_strcmp0 (workflow->change_request_by, login) != 0)
        {
          g_autofree char *body = g_strdup_printf ("%s — %s: %s", lineup_post_get_title (post),
                                                   workflow->change_request_by, workflow->change_request);

          key = g_strdup_printf ("sent-back:%s:%d", lineup_post_get_id (post), lineup_post_get_revision (post));
          if (lineup_store_share_note_notice (store, key, NULL))
            add_notice (notices, LINEUP_SHARE_NOTICE_SENT_BACK, lineup_post_get_id (post),
                        _("Sent back with changes to make"), body);
        }
    }

  conflicts = lineup_share_list_conflicts (store, NULL, error);
  if (conflicts == NULL)
    return NULL;
  for (guint i = 0; i < conflicts->len; i++)
    {
      LineupShareConflict *conflict = g_ptr_array_index (conflicts, i);
      g_autofree char *key = g_strdup_printf ("conflict:%s:%s:%s:%s", conflict->post_id, conflict->field,
                                              conflict->mine, conflict->theirs);
      g_autofree char *body = g_strdup_printf (_("%s — %s: yours “%s”, %s’s “%s”"), conflict->post_title,
                                               conflict->field_label, conflict->mine,
                                               conflict->theirs_by, conflict->theirs);

      if (lineup_store_share_note_notice (store, key, NULL))
        add_notice (notices, LINEUP_SHARE_NOTICE_CONFLICT, conflict->post_id,
                    _("A conflict needs you"), body);
    }
  return g_steal_pointer (&notices);
}
