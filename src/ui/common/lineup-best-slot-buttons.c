/* lineup-best-slot-buttons.c: best times as buttons
 * (lineup-best-slot-buttons.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-best-slot-buttons.h"

typedef struct {
  LineupResultsBestSlot slot;
  LineupBestSlotFunc    func;
  gpointer              user_data;
} Click;

static void
on_clicked_cb (GtkButton *button,
               Click     *click)
{
  click->func (&click->slot, click->user_data);
}

guint
lineup_best_slot_buttons_fill (GtkBox              *box,
                               LineupStore         *store,
                               const char * const  *platforms,
                               LineupBestSlotFunc   func,
                               gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupResultsTimes) times = NULL;
  GtkWidget *child;

  g_return_val_if_fail (GTK_IS_BOX (box) && LINEUP_IS_STORE (store), 0);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
  times = lineup_results_times (store, platforms, g_get_real_time () / G_USEC_PER_SEC,
                                LINEUP_RESULTS_TIMES_BEST, &error);
  if (times == NULL)
    {
      g_warning ("Best times: %s", error->message);
      return 0;
    }
  for (guint i = 0; i < times->best->len; i++)
    {
      Click *click = g_new0 (Click, 1);
      g_autofree char *label = NULL;
      g_autofree char *name = NULL;
      g_autofree char *posts = NULL;
      GtkWidget *button;

      click->slot = g_array_index (times->best, LineupResultsBestSlot, i);
      click->func = func;
      click->user_data = user_data;
      label = lineup_results_best_slot_describe (&click->slot);
      posts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u post", "%u posts", click->slot.n_posts),
                               click->slot.n_posts);
      /* TRANSLATORS: "Best time Tue 09:00: 1.9 times the usual, 6 posts". */
      name = g_strdup_printf (_("Best time %s: %.1f times the usual, %s"), label, click->slot.index, posts);
      button = gtk_button_new_with_label (label);
      gtk_widget_set_tooltip_text (button, name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_signal_connect_data (button, "clicked", G_CALLBACK (on_clicked_cb), click,
                             (GClosureNotify) g_free, 0);
      gtk_box_append (box, button);
    }
  return times->best->len;
}
