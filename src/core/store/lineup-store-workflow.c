/* lineup-store-workflow.c: a post's place in the workflow as stored: its
 * approvals, checks and history read for the editor and the board, and the
 * one write every workflow action makes (_lineup_store_apply_event). The
 * rules are in src/core/lineup-workflow.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "lineup-store-private.h"
#include "lineup-store-media.h"

/* ---- a post's place in the workflow ---- */

char *
lineup_post_content_key (LineupPost *post)
{
  g_autofree char *platforms = NULL;
  g_autofree char *joined = NULL;

  g_return_val_if_fail (LINEUP_IS_POST (post), NULL);
  platforms = g_strjoinv (",", (char **) lineup_post_get_platforms (post));
  /* The variants join the key only when there are some: the keys of posts
   * without them stay what they were. */
  joined = g_strdup_printf ("%s\x1f%s\x1f%s%s%s", lineup_post_get_title (post),
                            lineup_post_get_body (post), platforms,
                            lineup_post_get_captions (post) ? "\x1f" : "",
                            lineup_post_get_captions (post) ? lineup_post_get_captions (post) : "");
  /* So does the content warning: what readers see first is approved too. */
  if (*lineup_post_get_content_warning (post))
    {
      char *with_warning = g_strdup_printf ("%s\x1e%s", joined, lineup_post_get_content_warning (post));

      g_free (joined);
      joined = with_warning;
    }
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, joined, -1);
}

/* The key approvals are given against, with the post's media (in order):
 * an approver approves the pictures with the words. A medium's alt text is
 * not in it (it may still be improved on an approved post); posts without
 * media keep lineup_post_content_key(). */
static char *
content_key_with_media (LineupPost *post,
                        GPtrArray  *media)
{
  g_autofree char *key = lineup_post_content_key (post);
  g_autoptr(GString) joined = NULL;

  if (media == NULL || media->len == 0)
    return g_steal_pointer (&key);
  joined = g_string_new (key);
  for (guint i = 0; i < media->len; i++)
    g_string_append_printf (joined, "\x1f%s", ((LineupMedium *) g_ptr_array_index (media, i))->sha256);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, joined->str, joined->len);
}

void
lineup_post_workflow_free (LineupPostWorkflow *workflow)
{
  if (workflow == NULL)
    return;
  g_clear_pointer (&workflow->checklist, g_ptr_array_unref);
  g_clear_pointer (&workflow->approvals, g_ptr_array_unref);
  g_free (workflow->change_request);
  g_free (workflow->change_request_by);
  g_clear_object (&workflow->approved);
  g_free (workflow);
}

static void
lineup_approval_free (LineupApproval *approval)
{
  g_free (approval->actor);
  g_free (approval);
}

/* For a post with media, the checklist's accessibility item is not a
 * person's tick: it is ticked while every medium is accessible
 * (lineup-store-media.h). A post without media keeps the ticks people gave. */
static gboolean
compute_media_item (LineupStore  *self,
                    const char   *post_id,
                    GPtrArray    *checklist,
                    GError      **error)
{
  gboolean has_media = FALSE, accessible = FALSE;

  if (!lineup_store_media_accessibility (self, post_id, &has_media, &accessible, error))
    return FALSE;
  if (!has_media)
    return TRUE;
  for (guint i = 0; i < checklist->len; i++)
    {
      LineupChecklistItem *item = g_ptr_array_index (checklist, i);

      if (!lineup_checklist_text_is_media_item (item->text))
        continue;
      item->computed = TRUE;
      item->checked = accessible;
      g_clear_pointer (&item->checked_by, g_free);
    }
  return TRUE;
}

/* The same for lineup_store_get_workflow_summaries(): each post with media
 * counts its accessibility items as the media say, not as people ticked. */
static gboolean
compute_media_summaries (LineupStore  *self,
                         GHashTable   *summaries,
                         GError      **error)
{
  static const char media_sql[] =
    "SELECT pm.post_id, min(CASE WHEN m.kind = 'video' THEN pm.subtitles IS NOT NULL OR pm.no_subtitles <> 0 "
    "ELSE pm.alt <> '' END) FROM post_media pm LEFT JOIN media m ON m.sha256 = pm.sha256 GROUP BY pm.post_id";
  static const char ticks_sql[] = "SELECT count(*) FROM post_checks WHERE post_id = ? AND item_id = ?";
  g_autoptr(GPtrArray) checklist = lineup_store_get_checklist (self);
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) accessible = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key, value;
  sqlite3_stmt *stmt;
  int rc;

  for (guint i = 0; i < checklist->len; i++)
    {
      LineupChecklistItem *item = g_ptr_array_index (checklist, i);

      if (lineup_checklist_text_is_media_item (item->text))
        g_array_append_val (items, item->id);
    }
  if (items->len == 0)
    return TRUE;

  if ((stmt = _lineup_store_prepare (self, media_sql, error)) == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (accessible, g_strdup (_lineup_store_column_text (stmt, 0)),
                         GINT_TO_POINTER (sqlite3_column_int (stmt, 1) != 0));
  _lineup_store_finish (stmt);
  if (rc != SQLITE_DONE)
    return _lineup_store_sqlite_error (self, error, _("read the post’s media"));

  g_hash_table_iter_init (&iter, accessible);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      LineupWorkflowSummary *summary = g_hash_table_lookup (summaries, key);

      if (summary == NULL)
        continue;
      for (guint i = 0; i < items->len; i++)
        {
          if ((stmt = _lineup_store_prepare (self, ticks_sql, error)) == NULL)
            return FALSE;
          sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 2, g_array_index (items, gint64, i));
          if (sqlite3_step (stmt) == SQLITE_ROW)
            summary->checks_done -= sqlite3_column_int (stmt, 0);
          _lineup_store_finish (stmt);
          summary->checks_done += GPOINTER_TO_INT (value);
        }
    }
  return TRUE;
}

LineupPostWorkflow *
lineup_store_get_post_workflow (LineupStore  *self,
                                LineupPost   *post,
                                GError      **error)
{
  static const char checks_sql[] =
    "SELECT c.id, c.text, p.actor FROM checklist c "
    "LEFT JOIN post_checks p ON p.item_id = c.id AND p.post_id = ? ORDER BY c.position, c.id";
  static const char approvals_sql[] =
    "SELECT step, actor, at FROM approvals WHERE post_id = ? AND revoked = 0 AND content_key = ? ORDER BY id";
  static const char comments_sql[] =
    "SELECT count(*) FROM stage_history WHERE post_id = ? AND (kind IN ('comment', 'request-changes') "
    "OR (kind = 'approve' AND comment IS NOT NULL))";
  static const char approved_sql[] =
    "SELECT title, body, platforms, revision, captions, content_warning FROM approved_versions WHERE post_id = ?";
  g_autoptr(LineupPostWorkflow) workflow = g_new0 (LineupPostWorkflow, 1);
  g_autofree char *key = NULL;
  const char *id;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  g_return_val_if_fail (LINEUP_IS_POST (post), NULL);

  id = lineup_post_get_id (post);
  {
    g_autoptr(GPtrArray) media = lineup_store_get_post_media (self, id, NULL);

    key = content_key_with_media (post, media);
  }
  workflow->checklist = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_checklist_item_free);
  workflow->approvals = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_approval_free);

  if ((stmt = _lineup_store_prepare (self, checks_sql, error)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LineupChecklistItem *item = g_new0 (LineupChecklistItem, 1);

      item->id = sqlite3_column_int64 (stmt, 0);
      item->text = g_strdup (_lineup_store_column_text (stmt, 1));
      item->checked = sqlite3_column_type (stmt, 2) != SQLITE_NULL;
      item->checked_by = g_strdup (_lineup_store_column_text (stmt, 2));
      g_ptr_array_add (workflow->checklist, item);
    }
  _lineup_store_finish (stmt);
  if (rc != SQLITE_DONE)
    goto failed;
  if (!compute_media_item (self, id, workflow->checklist, error))
    return NULL;

  if ((stmt = _lineup_store_prepare (self, approvals_sql, error)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LineupApproval *approval = g_new0 (LineupApproval, 1);

      approval->step = sqlite3_column_int (stmt, 0);
      approval->actor = g_strdup (_lineup_store_column_text (stmt, 1));
      approval->at = sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (workflow->approvals, approval);
    }
  _lineup_store_finish (stmt);
  if (rc != SQLITE_DONE)
    goto failed;

  if ((stmt = _lineup_store_prepare (self, comments_sql, error)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    workflow->n_comments = sqlite3_column_int (stmt, 0);
  _lineup_store_finish (stmt);
  if (rc != SQLITE_ROW)
    goto failed;

  /* The request for changes shows while it is the last word on a draft. */
  if (lineup_post_get_stage (post) == LINEUP_STAGE_DRAFT)
    {
      static const char last_request_sql[] =
        "SELECT comment, actor FROM stage_history WHERE post_id = ? AND kind = 'request-changes' "
        "AND id > coalesce((SELECT max(id) FROM stage_history WHERE post_id = ?1 AND kind = 'stage' "
        "AND to_stage <> 1), 0) ORDER BY id DESC LIMIT 1";

      if ((stmt = _lineup_store_prepare (self, last_request_sql, error)) == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          workflow->change_request = g_strdup (_lineup_store_column_text (stmt, 0));
          workflow->change_request_by = g_strdup (_lineup_store_column_text (stmt, 1));
        }
      _lineup_store_finish (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        goto failed;
    }

  if ((stmt = _lineup_store_prepare (self, approved_sql, error)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_auto(GStrv) platforms = g_strsplit (_lineup_store_column_text (stmt, 2), ",", -1);

      workflow->approved = lineup_post_copy (post);
      lineup_post_set_title (workflow->approved, _lineup_store_column_text (stmt, 0));
      lineup_post_set_body (workflow->approved, _lineup_store_column_text (stmt, 1));
      lineup_post_set_platforms (workflow->approved, (const char * const *) platforms);
      lineup_post_set_captions (workflow->approved, sqlite3_column_type (stmt, 4) == SQLITE_NULL
                                                      ? NULL : _lineup_store_column_text (stmt, 4));
      lineup_post_set_content_warning (workflow->approved, sqlite3_column_type (stmt, 5) == SQLITE_NULL
                                                             ? NULL : _lineup_store_column_text (stmt, 5));
    }
  _lineup_store_finish (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    goto failed;

  return g_steal_pointer (&workflow);

failed:
  _lineup_store_sqlite_error (self, error, _("read the post’s workflow"));
  return NULL;
}

void
lineup_workflow_summary_free (LineupWorkflowSummary *summary)
{
  if (summary == NULL)
    return;
  g_clear_pointer (&summary->approvals, g_ptr_array_unref);
  g_free (summary->change_request);
  g_free (summary->change_request_by);
  g_free (summary);
}

static LineupApproval *
approval_copy (LineupApproval *a)
{
  LineupApproval *copy = g_new0 (LineupApproval, 1);

  copy->step = a->step;
  copy->actor = g_strdup (a->actor);
  copy->at = a->at;
  return copy;
}

LineupWorkflowSummary *
lineup_workflow_summary_new_from (LineupPostWorkflow *workflow)
{
  LineupWorkflowSummary *summary = g_new0 (LineupWorkflowSummary, 1);

  summary->approvals = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_approval_free);
  for (guint i = 0; i < workflow->approvals->len; i++)
    g_ptr_array_add (summary->approvals, approval_copy (g_ptr_array_index (workflow->approvals, i)));
  for (guint i = 0; i < workflow->checklist->len; i++)
    summary->checks_done += ((LineupChecklistItem *) g_ptr_array_index (workflow->checklist, i))->checked;
  summary->checks_total = workflow->checklist->len;
  summary->n_comments = workflow->n_comments;
  summary->change_request = g_strdup (workflow->change_request);
  summary->change_request_by = g_strdup (workflow->change_request_by);
  return summary;
}

GHashTable *
lineup_store_get_workflow_summaries (LineupStore  *self,
                                     GPtrArray    *posts,
                                     GError      **error)
{
  static const char total_sql[] = "SELECT count(*) FROM checklist";
  static const char checks_sql[] =
    "SELECT post_id, count(*) FROM post_checks WHERE item_id IN (SELECT id FROM checklist) GROUP BY post_id";
  static const char approvals_sql[] =
    "SELECT post_id, step, actor, at, content_key FROM approvals WHERE revoked = 0 ORDER BY id";
  static const char comments_sql[] =
    "SELECT post_id, count(*) FROM stage_history WHERE kind IN ('comment', 'request-changes') "
    "OR (kind = 'approve' AND comment IS NOT NULL) GROUP BY post_id";
  /* The last request for changes of each post, unless a move to another
   * stage than Draft came after it. */
  static const char requests_sql[] =
    "SELECT h.post_id, h.comment, h.actor FROM stage_history h "
    "JOIN (SELECT post_id, max(id) AS id FROM stage_history WHERE kind = 'request-changes' GROUP BY post_id) r "
    "ON h.id = r.id "
    "WHERE r.id > coalesce((SELECT max(id) FROM stage_history m WHERE m.post_id = h.post_id "
    "AND m.kind = 'stage' AND m.to_stage <> 1), 0)";
  g_autoptr(GHashTable) summaries = NULL;
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GHashTable) all_media = NULL;
  guint total = 0;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  g_return_val_if_fail (posts != NULL, NULL);

  summaries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) lineup_workflow_summary_free);
  all_media = lineup_store_get_all_media (self);

  if ((stmt = _lineup_store_prepare (self, total_sql, error)) == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    total = sqlite3_column_int (stmt, 0);
  _lineup_store_finish (stmt);

  for (guint i = 0; i < posts->len; i++)
    {
      LineupPost *post = g_ptr_array_index (posts, i);
      LineupWorkflowSummary *summary = g_new0 (LineupWorkflowSummary, 1);

      summary->approvals = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_approval_free);
      summary->checks_total = total;
      g_hash_table_insert (summaries, g_strdup (lineup_post_get_id (post)), summary);
      g_hash_table_insert (keys, (gpointer) lineup_post_get_id (post),
                           content_key_with_media (post, g_hash_table_lookup (all_media, lineup_post_get_id (post))));
    }

  if ((stmt = _lineup_store_prepare (self, checks_sql, error)) == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LineupWorkflowSummary *summary = g_hash_table_lookup (summaries, _lineup_store_column_text (stmt, 0));

      if (summary)
        summary->checks_done = sqlite3_column_int (stmt, 1);
    }
  _lineup_store_finish (stmt);
  if (rc != SQLITE_DONE)
    goto failed;
  if (!compute_media_summaries (self, summaries, error))
    return NULL;

  if ((stmt = _lineup_store_prepare (self, approvals_sql, error)) == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = _lineup_store_column_text (stmt, 0);
      LineupWorkflowSummary *summary = g_hash_table_lookup (summaries, id);
      LineupApproval *approval;

      /* Only approvals of the content as it is now count. */
      if (summary == NULL || g_strcmp0 (g_hash_table_lookup (keys, id), _lineup_store_column_text (stmt, 4)) != 0)
        continue;
      approval = g_new0 (LineupApproval, 1);
      approval->step = sqlite3_column_int (stmt, 1);
      approval->actor = g_strdup (_lineup_store_column_text (stmt, 2));
      approval->at = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (summary->approvals, approval);
    }
  _lineup_store_finish (stmt);
  if (rc != SQLITE_DONE)
    goto failed;

  if ((stmt = _lineup_store_prepare (self, comments_sql, error)) == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LineupWorkflowSummary *summary = g_hash_table_lookup (summaries, _lineup_store_column_text (stmt, 0));

      if (summary)
        summary->n_comments = sqlite3_column_int (stmt, 1);
    }
  _lineup_store_finish (stmt);
  if (rc != SQLITE_DONE)
    goto failed;

  if ((stmt = _lineup_store_prepare (self, requests_sql, error)) == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LineupWorkflowSummary *summary = g_hash_table_lookup (summaries, _lineup_store_column_text (stmt, 0));

      if (summary)
        {
          summary->change_request = g_strdup (_lineup_store_column_text (stmt, 1));
          summary->change_request_by = g_strdup (_lineup_store_column_text (stmt, 2));
        }
    }
  _lineup_store_finish (stmt);
  if (rc != SQLITE_DONE)
    goto failed;

  /* The request shows while the post is a draft. */
  for (guint i = 0; i < posts->len; i++)
    {
      LineupPost *post = g_ptr_array_index (posts, i);
      LineupWorkflowSummary *summary = g_hash_table_lookup (summaries, lineup_post_get_id (post));

      if (lineup_post_get_stage (post) != LINEUP_STAGE_DRAFT)
        {
          g_clear_pointer (&summary->change_request, g_free);
          g_clear_pointer (&summary->change_request_by, g_free);
        }
    }
  return g_steal_pointer (&summaries);

failed:
  _lineup_store_sqlite_error (self, error, _("read the posts’ workflow"));
  return NULL;
}

gboolean
_lineup_store_apply_event (LineupStore               *self,
                           LineupPost                *post,
                           const LineupWorkflowEvent *event,
                           GError                   **error)
{
  static const char approve_sql[] =
    "INSERT INTO approvals (post_id, step, actor, at, content_key) VALUES (?, ?, ?, ?, ?)";
  static const char revoke_sql[] = "UPDATE approvals SET revoked = 1 WHERE post_id = ? AND revoked = 0";
  static const char snapshot_sql[] =
    "INSERT OR REPLACE INTO approved_versions (post_id, revision, at, title, body, platforms, captions, content_warning) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  static const char check_sql[] =
    "INSERT OR REPLACE INTO post_checks (post_id, item_id, actor, at) VALUES (?, ?, ?, ?)";
  static const char uncheck_sql[] = "DELETE FROM post_checks WHERE post_id = ? AND item_id = ?";
  g_autoptr(LineupPost) current = NULL;
  g_autoptr(LineupPost) changed = NULL;
  const char *actor;
  const char *id;
  gint64 now = _lineup_store_now_seconds ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  g_return_val_if_fail (LINEUP_IS_POST (post), FALSE);
  g_return_val_if_fail (event != NULL, FALSE);

  actor = event->actor ? event->actor : self->actor;
  if (!_lineup_store_check_name (_("The person’s name"), actor, error) ||
      !_lineup_store_check_text (_("The comment"), event->comment, LINEUP_FIELD_MAX_CHARS, error))
    return FALSE;

  id = lineup_post_get_id (post);
  if (!_lineup_store_begin_operation (self, event->undo_label, error))
    return FALSE;

  /* What the rules were checked against must still be what is stored. */
  current = _lineup_store_read_post (self, id, error);
  if (current == NULL)
    return _lineup_store_end_operation (self, FALSE, NULL);
  if (lineup_post_get_deleted_at (current) != 0 ||
      lineup_post_get_revision (current) != lineup_post_get_revision (post) ||
      lineup_post_get_stage (current) != lineup_post_get_stage (post))
    {
      _lineup_store_end_operation (self, FALSE, NULL);
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_FAILED,
                   _("“%s” changed while this was being done (perhaps in another window): look at it again and retry"),
                   lineup_post_get_title (post));
      return FALSE;
    }

  changed = lineup_post_copy (current);
  _lineup_post_set_stage (changed, event->to_stage);
  _lineup_post_set_bookkeeping (changed, lineup_post_get_created_at (current), now,
                                lineup_post_get_revision (current), 0);
  if (!_lineup_store_write_post_row (self, changed, error) ||
      !_lineup_store_write_history_line (self, event->kind, id, lineup_post_get_stage (current), event->to_stage,
                           actor, event->comment, now, error))
    return _lineup_store_end_operation (self, FALSE, NULL);

  if (event->revoke_approvals)
    {
      if ((stmt = _lineup_store_prepare (self, revoke_sql, error)) == NULL)
        return _lineup_store_end_operation (self, FALSE, NULL);
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      if (!_lineup_store_step_done (self, stmt, _("record the request for changes"), error))
        return _lineup_store_end_operation (self, FALSE, NULL);
    }
  if (event->approve_step >= 0)
    {
      g_autoptr(GPtrArray) media = lineup_store_get_post_media (self, id, NULL);
      g_autofree char *key = content_key_with_media (current, media);

      if ((stmt = _lineup_store_prepare (self, approve_sql, error)) == NULL)
        return _lineup_store_end_operation (self, FALSE, NULL);
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, event->approve_step);
      sqlite3_bind_text (stmt, 3, actor, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, now);
      sqlite3_bind_text (stmt, 5, key, -1, SQLITE_STATIC);
      if (!_lineup_store_step_done (self, stmt, _("record the approval"), error))
        return _lineup_store_end_operation (self, FALSE, NULL);
    }
  if (event->snapshot_approved)
    {
      g_autofree char *platforms = g_strjoinv (",", (char **) lineup_post_get_platforms (current));

      if ((stmt = _lineup_store_prepare (self, snapshot_sql, error)) == NULL)
        return _lineup_store_end_operation (self, FALSE, NULL);
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, lineup_post_get_revision (current));
      sqlite3_bind_int64 (stmt, 3, now);
      sqlite3_bind_text (stmt, 4, lineup_post_get_title (current), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, lineup_post_get_body (current), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, platforms, -1, SQLITE_STATIC);
      _lineup_store_bind_text_or_null (stmt, 7, lineup_post_get_captions (current));
      _lineup_store_bind_text_or_null (stmt, 8, *lineup_post_get_content_warning (current)
                                                  ? lineup_post_get_content_warning (current) : NULL);
      if (!_lineup_store_step_done (self, stmt, _("keep the approved version"), error))
        return _lineup_store_end_operation (self, FALSE, NULL);
    }
  if (event->check_item != 0)
    {
      if ((stmt = _lineup_store_prepare (self, event->checked ? check_sql : uncheck_sql, error)) == NULL)
        return _lineup_store_end_operation (self, FALSE, NULL);
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, event->check_item);
      if (event->checked)
        {
          sqlite3_bind_text (stmt, 3, actor, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 4, now);
        }
      if (!_lineup_store_step_done (self, stmt, _("save the checklist"), error))
        return _lineup_store_end_operation (self, FALSE, NULL);
    }

  /* A stage change is an undo step when the caller says so; approvals,
   * comments and ticks are records, not edits, and stay. Views hear of
   * every event as a change of the post. */
  if (event->undo_label && event->to_stage != lineup_post_get_stage (current))
    _lineup_store_record_post_change (self, current, changed);
  else
    _lineup_store_queue_signal (self, PENDING_POST, current, changed);
  return _lineup_store_end_operation (self, TRUE, error);
}
