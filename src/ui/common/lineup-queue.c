/* lineup-queue.c: "Add to Queue" in the window (lineup-queue.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-queue.h"

gboolean
lineup_queue_post (GtkWidget    *widget,
                   LineupStore  *store,
                   const char   *id,
                   GError      **error)
{
  g_autoptr(LineupPost) post = NULL;
  g_autofree char *when = NULL;
  g_autofree char *message = NULL;
  const LineupPlatformInfo *info;
  GtkRoot *root;
  LineupSlotTime slot;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (LINEUP_IS_STORE (store), FALSE);

  post = lineup_store_get_post (store, id, error);
  if (post == NULL ||
      !lineup_store_queue_post (store, lineup_post_get_id (post), g_get_real_time () / G_USEC_PER_SEC, &slot, error))
    return FALSE;

  when = lineup_store_format_time (store, slot.at, "%a %-d %b, %H:%M");
  info = slot.platform ? lineup_platform_lookup (slot.platform) : NULL;
  if (lineup_post_get_scheduled_at (post) == slot.at)
    message = g_strdup_printf (_("“%s” already has the next free slot, %s"), lineup_post_get_title (post), when);
  else
    message = info ? g_strdup_printf (_("“%s” is queued for %s (%s slot)"), lineup_post_get_title (post), when, info->name)
                 : g_strdup_printf (_("“%s” is queued for %s"), lineup_post_get_title (post), when);
  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root) && gtk_window_get_transient_for (GTK_WINDOW (root)))
    widget = GTK_WIDGET (gtk_window_get_transient_for (GTK_WINDOW (root)));
  gtk_widget_activate_action (widget, lineup_post_get_scheduled_at (post) == slot.at ? "win.toast" : "win.toast-undo",
                              "s", message);
  return TRUE;
}
