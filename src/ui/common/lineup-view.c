/* lineup-view.c: the LineupView interface and the window actions a view
 * (or a card in it) uses to open a post or show a toast. Not the views,
 * nor what the window does with those actions (lineup-window.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lineup-view.h"

G_DEFINE_INTERFACE (LineupView, lineup_view, GTK_TYPE_WIDGET)

static void
lineup_view_default_init (LineupViewInterface *iface)
{
}

void
lineup_view_set_store (LineupView  *self,
                       LineupStore *store)
{
  g_return_if_fail (LINEUP_IS_VIEW (self));
  g_return_if_fail (LINEUP_IS_STORE (store));

  LINEUP_VIEW_GET_IFACE (self)->set_store (self, store);
}

void
lineup_view_set_filter (LineupView   *self,
                        LineupFilter *filter)
{
  LineupViewInterface *iface;

  g_return_if_fail (LINEUP_IS_VIEW (self));
  g_return_if_fail (LINEUP_IS_FILTER (filter));

  iface = LINEUP_VIEW_GET_IFACE (self);
  if (iface->set_filter)
    iface->set_filter (self, filter);
}

void
lineup_view_open_post (GtkWidget  *widget,
                       LineupPost *post)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (LINEUP_IS_POST (post));

  gtk_widget_activate_action (widget, "win.edit-post", "s", lineup_post_get_id (post));
}

void
lineup_view_toast (GtkWidget  *widget,
                   const char *message)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_widget_activate_action (widget, "win.toast", "s", message);
}

void
lineup_view_post_deleted (GtkWidget  *widget,
                          const char *title)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_widget_activate_action (widget, "win.post-deleted", "s", title);
}
