/* lineup-store-team.c: the people and the rules of approval: the team, the
 * approval chain, self-approval, and the pre-publication checklist.
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

/* ---- the team, the approval chain, the checklist ---- */

void
lineup_member_free (LineupMember *member)
{
  if (member == NULL)
    return;
  g_free (member->name);
  g_free (member->display_name);
  g_free (member);
}

void
lineup_approval_step_free (LineupApprovalStep *step)
{
  if (step == NULL)
    return;
  g_free (step->name);
  g_strfreev (step->approvers);
  g_free (step);
}

void
lineup_checklist_item_free (LineupChecklistItem *item)
{
  if (item == NULL)
    return;
  g_free (item->text);
  g_free (item->checked_by);
  g_free (item);
}

GPtrArray *
lineup_store_get_team (LineupStore *self)
{
  static const char sql[] = "SELECT name, role, display_name FROM team ORDER BY position, name";
  GPtrArray *team = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_member_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), team);

  stmt = _lineup_store_prepare (self, sql, NULL);
  if (stmt == NULL)
    return team;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      LineupMember *member = g_new0 (LineupMember, 1);

      member->name = g_strdup (_lineup_store_column_text (stmt, 0));
      if (!lineup_role_from_string (_lineup_store_column_text (stmt, 1), &member->role))
        member->role = LINEUP_ROLE_EDITOR;
      member->display_name = g_strdup (_lineup_store_column_text (stmt, 2));
      g_ptr_array_add (team, member);
    }
  _lineup_store_finish (stmt);
  return team;
}

LineupMember *
lineup_store_find_member (LineupStore *self,
                          const char  *name)
{
  g_autoptr(GPtrArray) team = lineup_store_get_team (self);

  for (guint i = 0; name && i < team->len; i++)
    {
      LineupMember *member = g_ptr_array_index (team, i);

      if (g_utf8_collate (member->name, name) == 0 || g_ascii_strcasecmp (member->name, name) == 0)
        {
          LineupMember *copy = g_new0 (LineupMember, 1);

          copy->name = g_strdup (member->name);
          copy->role = member->role;
          copy->display_name = g_strdup (member->display_name);
          return copy;
        }
    }
  return NULL;
}

gboolean
lineup_store_set_member (LineupStore  *self,
                         const char   *name,
                         LineupRole    role,
                         GError      **error)
{
  static const char sql[] =
    "INSERT INTO team (name, role, position) "
    "VALUES (?1, ?2, (SELECT coalesce(max(position), -1) + 1 FROM team)) "
    "ON CONFLICT (name) DO UPDATE SET role = ?2";
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  if (!_lineup_store_check_name (_("The member’s name"), name, error))
    return FALSE;
  if ((guint) role >= LINEUP_N_ROLES)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("Unknown role: expected lead, editor or approver"));
      return FALSE;
    }
  stripped = g_strstrip (g_strdup (name));
  return _lineup_store_settings_exec (self, error, _("save the team member"), sql, "ss", stripped, lineup_role_to_key (role));
}

gboolean
lineup_store_remove_member (LineupStore  *self,
                            const char   *name,
                            GError      **error)
{
  static const char sql[] = "DELETE FROM team WHERE name = ?";
  g_autoptr(LineupMember) member = NULL;
  g_autoptr(GPtrArray) chain = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  member = lineup_store_find_member (self, name);
  if (member == NULL)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND,
                   _("“%s” is not in the team"), name ? name : "");
      return FALSE;
    }
  chain = lineup_store_get_approval_chain (self);
  for (guint i = 0; i < chain->len; i++)
    {
      LineupApprovalStep *step = g_ptr_array_index (chain, i);

      if (g_strv_contains ((const char * const *) step->approvers, member->name))
        {
          g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                       _("%s approves in the step “%s”: take them out of the approval chain first"),
                       member->name, step->name);
          return FALSE;
        }
    }

  return _lineup_store_settings_exec (self, error, _("remove the team member"), sql, "s", member->name);
}

GPtrArray *
lineup_store_get_approval_chain (LineupStore *self)
{
  static const char steps_sql[] = "SELECT position, name, mode FROM approval_steps ORDER BY position";
  static const char members_sql[] =
    "SELECT m.member FROM approval_step_members m LEFT JOIN team t ON t.name = m.member "
    "WHERE m.step = ? ORDER BY t.position, m.member";
  GPtrArray *chain = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_approval_step_free);
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), chain);

  stmt = _lineup_store_prepare (self, steps_sql, NULL);
  if (stmt == NULL)
    return chain;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      LineupApprovalStep *step = g_new0 (LineupApprovalStep, 1);
      gint64 position = sqlite3_column_int64 (stmt, 0);

      step->name = g_strdup (_lineup_store_column_text (stmt, 1));
      step->all = g_strcmp0 (_lineup_store_column_text (stmt, 2), "all") == 0;
      g_ptr_array_add (chain, step);
      g_array_append_val (positions, position);
    }
  _lineup_store_finish (stmt);

  for (guint i = 0; i < chain->len; i++)
    {
      LineupApprovalStep *step = g_ptr_array_index (chain, i);
      g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

      stmt = _lineup_store_prepare (self, members_sql, NULL);
      if (stmt == NULL)
        break;
      sqlite3_bind_int64 (stmt, 1, g_array_index (positions, gint64, i));
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (names, _lineup_store_column_text (stmt, 0));
      _lineup_store_finish (stmt);
      step->approvers = g_strv_builder_end (names);
    }
  for (guint i = 0; i < chain->len; i++)
    {
      LineupApprovalStep *step = g_ptr_array_index (chain, i);

      if (step->approvers == NULL)
        step->approvers = g_new0 (char *, 1);
    }
  return chain;
}

gboolean
lineup_store_set_approval_chain (LineupStore  *self,
                                 GPtrArray    *steps,
                                 GError      **error)
{
  static const char step_sql[] = "INSERT INTO approval_steps (position, name, mode) VALUES (?, ?, ?)";
  static const char member_sql[] = "INSERT OR IGNORE INTO approval_step_members (step, member) VALUES (?, ?)";
  g_autoptr(GPtrArray) canonical = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  g_return_val_if_fail (steps != NULL, FALSE);

  /* Check everything before writing anything. */
  for (guint i = 0; i < steps->len; i++)
    {
      LineupApprovalStep *step = g_ptr_array_index (steps, i);

      if (!_lineup_store_check_name (_("The step’s name"), step->name, error))
        return FALSE;
      for (guint j = 0; j < i; j++)
        if (g_utf8_collate (((LineupApprovalStep *) g_ptr_array_index (steps, j))->name, step->name) == 0)
          {
            g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_EXISTS,
                         _("The chain names the step “%s” twice: give each step its own name"), step->name);
            return FALSE;
          }
      if (step->approvers == NULL || step->approvers[0] == NULL)
        {
          g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                       _("The step “%s” has no approvers: name at least one team member"), step->name);
          return FALSE;
        }
      for (guint k = 0; step->approvers[k]; k++)
        {
          g_autoptr(LineupMember) member = lineup_store_find_member (self, step->approvers[k]);

          if (member == NULL)
            {
              g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND,
                           _("%s (in the step “%s”) is not in the team: add them first with “lineup team add NAME --role approver”"),
                           step->approvers[k], step->name);
              return FALSE;
            }
        }
    }

  if (!_lineup_store_settings_operation_begin (self, error))
    return FALSE;
  if (!_lineup_store_exec_sql (self, "DELETE FROM approval_step_members; DELETE FROM approval_steps", error))
    return _lineup_store_end_operation (self, FALSE, NULL);
  for (guint i = 0; i < steps->len; i++)
    {
      LineupApprovalStep *step = g_ptr_array_index (steps, i);
      g_autofree char *name = g_strstrip (g_strdup (step->name));
      sqlite3_stmt *stmt = _lineup_store_prepare (self, step_sql, error);

      if (stmt == NULL)
        return _lineup_store_end_operation (self, FALSE, NULL);
      sqlite3_bind_int (stmt, 1, i);
      sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, step->all ? "all" : "any", -1, SQLITE_STATIC);
      if (!_lineup_store_step_done (self, stmt, _("save the approval chain"), error))
        return _lineup_store_end_operation (self, FALSE, NULL);
      for (guint k = 0; step->approvers[k]; k++)
        {
          g_autoptr(LineupMember) member = lineup_store_find_member (self, step->approvers[k]);

          stmt = _lineup_store_prepare (self, member_sql, error);
          if (stmt == NULL)
            return _lineup_store_end_operation (self, FALSE, NULL);
          sqlite3_bind_int (stmt, 1, i);
          sqlite3_bind_text (stmt, 2, member->name, -1, SQLITE_TRANSIENT);
          if (!_lineup_store_step_done (self, stmt, _("save the approval chain"), error))
            return _lineup_store_end_operation (self, FALSE, NULL);
        }
    }
  return _lineup_store_end_operation (self, TRUE, error);
}

gboolean
lineup_store_get_forbid_self_approval (LineupStore *self)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  value = _lineup_store_read_meta (self, "forbid_self_approval");
  return g_strcmp0 (value, "1") == 0;
}

gboolean
lineup_store_set_forbid_self_approval (LineupStore  *self,
                                       gboolean      forbid,
                                       GError      **error)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  if (!_lineup_store_settings_operation_begin (self, error))
    return FALSE;
  if (!_lineup_store_write_meta (self, "forbid_self_approval", forbid ? "1" : "0", error))
    return _lineup_store_end_operation (self, FALSE, NULL);
  return _lineup_store_end_operation (self, TRUE, error);
}

GPtrArray *
lineup_store_get_checklist (LineupStore *self)
{
  static const char sql[] = "SELECT id, text FROM checklist ORDER BY position, id";
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_checklist_item_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), items);

  stmt = _lineup_store_prepare (self, sql, NULL);
  if (stmt == NULL)
    return items;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      LineupChecklistItem *item = g_new0 (LineupChecklistItem, 1);

      item->id = sqlite3_column_int64 (stmt, 0);
      item->text = g_strdup (_lineup_store_column_text (stmt, 1));
      g_ptr_array_add (items, item);
    }
  _lineup_store_finish (stmt);
  return items;
}

static gboolean
check_checklist_text (const char  *text,
                      GError     **error)
{
  g_autofree char *stripped = NULL;

  if (!_lineup_store_check_text (_("The checklist item"), text, 300, error) ||
      !_lineup_store_check_one_line (_("The checklist item"), text, error))
    return FALSE;
  stripped = g_strstrip (g_strdup (text ? text : ""));
  if (*stripped == '\0')
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The checklist item is empty: say what to check"));
      return FALSE;
    }
  return TRUE;
}

gboolean
lineup_store_add_checklist_item (LineupStore  *self,
                                 const char   *text,
                                 GError      **error)
{
  static const char sql[] =
    "INSERT INTO checklist (text, position) VALUES (?, (SELECT coalesce(max(position), -1) + 1 FROM checklist))";
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  if (!check_checklist_text (text, error))
    return FALSE;
  stripped = g_strstrip (g_strdup (text));
  return _lineup_store_settings_exec (self, error, _("save the checklist"), sql, "s", stripped);
}

static gboolean
checklist_item_exists (LineupStore  *self,
                       gint64        id,
                       GError      **error)
{
  g_autoptr(GPtrArray) items = lineup_store_get_checklist (self);

  for (guint i = 0; i < items->len; i++)
    if (((LineupChecklistItem *) g_ptr_array_index (items, i))->id == id)
      return TRUE;
  g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND,
               _("The checklist has no item %" G_GINT64_FORMAT), id);
  return FALSE;
}

gboolean
lineup_store_rename_checklist_item (LineupStore  *self,
                                    gint64        id,
                                    const char   *text,
                                    GError      **error)
{
  static const char sql[] = "UPDATE checklist SET text = ? WHERE id = ?";
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  if (!check_checklist_text (text, error) || !checklist_item_exists (self, id, error))
    return FALSE;
  stripped = g_strstrip (g_strdup (text));
  return _lineup_store_settings_exec (self, error, _("save the checklist"), sql, "si", stripped, id);
}

gboolean
lineup_store_remove_checklist_item (LineupStore  *self,
                                    gint64        id,
                                    GError      **error)
{
  static const char sql[] = "DELETE FROM checklist WHERE id = ?";

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  if (!checklist_item_exists (self, id, error))
    return FALSE;
  return _lineup_store_settings_exec (self, error, _("save the checklist"), sql, "i", id);
}
