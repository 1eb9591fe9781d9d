/* lineup-store-undo.c: undo and redo: restoring posts as they were, and
 * moving steps between the two stacks.
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

/* Writes @target's content, stage and presence over the stored post, as
 * undo and redo do: the revision still rises so feeds see a newer version,
 * and a stage that changes back is written to the history. */
static gboolean
restore_post (LineupStore  *self,
              LineupPost   *target,
              const char   *why,
              GError      **error)
{
  g_autoptr(LineupPost) current = _lineup_store_read_post (self, lineup_post_get_id (target), error);
  g_autoptr(LineupPost) restored = NULL;
  gint64 now = _lineup_store_now_seconds ();

  if (current == NULL)
    return FALSE;

  restored = lineup_post_copy (target);
  _lineup_post_set_bookkeeping (restored,
                                lineup_post_get_created_at (current),
                                now,
                                lineup_post_get_revision (current) +
                                  (lineup_post_content_equal (current, target) ? 0 : 1),
                                lineup_post_get_deleted_at (target));

  if (!_lineup_store_write_post_row (self, restored, error))
    return FALSE;

  if (lineup_post_get_stage (current) != lineup_post_get_stage (restored) &&
      !_lineup_store_write_history (self, lineup_post_get_id (restored),
                      lineup_post_get_stage (current), lineup_post_get_stage (restored),
                      NULL, why, now, error))
    return FALSE;

  _lineup_store_queue_signal (self, PENDING_POST, current, restored);
  return TRUE;
}

static gboolean
replay_step (LineupStore  *self,
             UndoStep     *step,
             gboolean      backwards,
             GError      **error)
{
  const char *why = backwards ? _("Undo") : _("Redo");

  if (!_lineup_store_begin_operation (self, step->label, error))
    return FALSE;

  for (guint i = 0; i < step->entries->len; i++)
    {
      guint index = backwards ? step->entries->len - 1 - i : i;
      UndoEntry *entry = &g_array_index (step->entries, UndoEntry, index);

      if (!restore_post (self, backwards ? entry->before : entry->after, why, error))
        {
          _lineup_store_end_operation (self, FALSE, NULL);
          return FALSE;
        }
    }

  /* The entries stay with the step, which moves to the other stack. */
  return _lineup_store_end_operation (self, TRUE, error);
}

/* ---- undo ---- */

gboolean
lineup_store_can_undo (LineupStore *self)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  return self->undo_stack->len > 0;
}

gboolean
lineup_store_can_redo (LineupStore *self)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  return self->redo_stack->len > 0;
}

const char *
lineup_store_get_undo_label (LineupStore *self)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  if (self->undo_stack->len == 0)
    return NULL;
  return ((UndoStep *) g_ptr_array_index (self->undo_stack, self->undo_stack->len - 1))->label;
}

const char *
lineup_store_get_redo_label (LineupStore *self)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  if (self->redo_stack->len == 0)
    return NULL;
  return ((UndoStep *) g_ptr_array_index (self->redo_stack, self->redo_stack->len - 1))->label;
}

static gboolean
move_step (LineupStore  *self,
           GPtrArray    *from,
           GPtrArray    *to,
           gboolean      backwards,
           GError      **error)
{
  UndoStep *step;

  g_return_val_if_fail (self->depth == 0, FALSE);

  if (from->len == 0)
    {
      g_set_error_literal (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOTHING_TO_UNDO,
                           backwards ? _("There is nothing to undo") : _("There is nothing to redo"));
      return FALSE;
    }

  step = g_ptr_array_steal_index (from, from->len - 1);
  if (!replay_step (self, step, backwards, error))
    {
      g_ptr_array_add (from, step);
      return FALSE;
    }
  g_ptr_array_add (to, step);
  _lineup_store_notify_undo_state (self);
  return TRUE;
}

gboolean
lineup_store_undo (LineupStore  *self,
                   GError      **error)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  return move_step (self, self->undo_stack, self->redo_stack, TRUE, error);
}

gboolean
lineup_store_redo (LineupStore  *self,
                   GError      **error)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  return move_step (self, self->redo_stack, self->undo_stack, FALSE, error);
}
