/* lineup-view.h: what every planning view (calendar, board, mix, list)
 * shares with the window: it is given the plan and the filter, and it asks
 * the window to open a post or to show a toast through window actions
 * (win.edit-post, win.toast, win.post-deleted), not through signals of its
 * own. Not the views' content, nor the window's handling of the actions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lineup-core.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_VIEW (lineup_view_get_type ())
G_DECLARE_INTERFACE (LineupView, lineup_view, LINEUP, VIEW, GtkWidget)

struct _LineupViewInterface
{
  GTypeInterface parent_iface;

  /* Once, when the view is first needed. */
  void (*set_store)  (LineupView   *self,
                      LineupStore  *store);
  /* The posts it shows follow @filter (a view without posts to filter
   * leaves it out). */
  void (*set_filter) (LineupView   *self,
                      LineupFilter *filter);
};

void lineup_view_set_store  (LineupView   *self,
                             LineupStore  *store);
void lineup_view_set_filter (LineupView   *self,
                             LineupFilter *filter);

/* For any widget inside a view (a card, a row): opens @post in the editor
 * (win.edit-post with its id). */
void lineup_view_open_post    (GtkWidget  *widget,
                               LineupPost *post);
/* Shows @message in the window (win.toast). */
void lineup_view_toast        (GtkWidget  *widget,
                               const char *message);
/* Says the post titled @title was deleted, with Undo (win.post-deleted). */
void lineup_view_post_deleted (GtkWidget  *widget,
                               const char *title);

G_END_DECLS
