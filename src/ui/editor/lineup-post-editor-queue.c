/* lineup-post-editor-queue.c: Add to Queue in the post editor: a saved
 * post takes the next free posting slot of its networks at once (one store
 * call, one undo step, a toast in the window saying the time), and the
 * Date and Time rows show it. A new post has no queue until it is saved.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-post-editor-private.h"
#include "lineup-queue.h"

void
lineup_post_editor_setup_queue (LineupPostEditor *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.queue", self->post != NULL);
  if (self->post == NULL)
    adw_action_row_set_subtitle (self->queue_row, _("Save the post first, then add it to the queue"));
}

void
lineup_post_editor_queue_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  LineupPostEditor *self = LINEUP_POST_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) queued = NULL;
  g_autofree char *baseline = NULL;
  gboolean had_changes;
  GDate date;
  int minutes;

  if (self->post == NULL)
    return;
  had_changes = lineup_post_editor_has_changes (self);
  if (!lineup_queue_post (widget, self->store, lineup_post_get_id (self->post), &error) ||
      (queued = lineup_store_get_post (self->store, lineup_post_get_id (self->post), &error)) == NULL)
    {
      lineup_post_editor_show_error (self, error->message);
      return;
    }
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  g_set_object (&self->post, queued);
  /* The rows show the slot; what else was typed stays a change to save. */
  baseline = g_strdup (self->baseline);
  lineup_store_utc_to_local (self->store, lineup_post_get_scheduled_at (queued), &date, &minutes);
  lineup_post_editor_set_date (self, &date, minutes);
  if (had_changes)
    {
      g_free (self->baseline);
      self->baseline = g_steal_pointer (&baseline);
    }
}
