/* lineup-card-gestures.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lineup-card-gestures.h"

typedef struct {
  LineupCardPostFunc get_post;
  LineupCardMenuFunc build_menu;
  GtkWidget *menu;     /* a child of the card once made; weak */
} Gestures;

static Gestures *
gestures_of (GtkWidget *card)
{
  return g_object_get_data (G_OBJECT (card), "lineup-card-gestures");
}

static GdkContentProvider *
on_drag_prepare_cb (GtkDragSource *source,
                    double         x,
                    double         y,
                    GtkWidget     *card)
{
  LineupPost *post = gestures_of (card)->get_post (card);

  return post ? gdk_content_provider_new_typed (LINEUP_TYPE_POST, post) : NULL;
}

static void
on_drag_begin_cb (GtkDragSource *source,
                  GdkDrag       *drag,
                  GtkWidget     *card)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (card);

  gtk_drag_source_set_icon (source, paintable, 12, 12);
  gtk_widget_add_css_class (card, "dragged");
}

static void
on_drag_end_cb (GtkDragSource *source,
                GdkDrag       *drag,
                gboolean       delete_data,
                GtkWidget     *card)
{
  gtk_widget_remove_css_class (card, "dragged");
}

static void
on_pressed_cb (GtkGestureClick *gesture,
               int              n_press,
               double           x,
               double           y,
               GtkWidget       *card)
{
  LineupPost *post = gestures_of (card)->get_post (card);

  gtk_widget_grab_focus (card);
  if (n_press == 2 && post)
    g_signal_emit_by_name (card, "open-post", post);
}

/* Opens the context menu at (@x, @y) of the card. */
static void
popup_menu (GtkWidget *card,
            double     x,
            double     y)
{
  Gestures *gestures = gestures_of (card);

  g_return_if_fail (gestures != NULL);

  if (gestures->menu == NULL)
    {
      g_autoptr(GMenuModel) model = gestures->build_menu (card);

      gestures->menu = gtk_popover_menu_new_from_model (model);
      gtk_popover_set_has_arrow (GTK_POPOVER (gestures->menu), FALSE);
      gtk_widget_set_halign (gestures->menu, GTK_ALIGN_START);
      gtk_widget_set_parent (gestures->menu, card);
      /* The card unparents its children when it goes. */
      g_object_add_weak_pointer (G_OBJECT (gestures->menu), (gpointer *) &gestures->menu);
    }
  gtk_popover_set_pointing_to (GTK_POPOVER (gestures->menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (gestures->menu));
}

static void
menu_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  popup_menu (widget, 8, gtk_widget_get_height (widget));
}

void
lineup_card_class_add_menu_action (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "card.menu", NULL, menu_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "card.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "card.menu", NULL);
}

static void
on_secondary_pressed_cb (GtkGestureClick *gesture,
                         int              n_press,
                         double           x,
                         double           y,
                         GtkWidget       *card)
{
  gtk_widget_grab_focus (card);
  popup_menu (card, x, y);
}

static void
gestures_free (Gestures *gestures)
{
  if (gestures->menu)
    g_object_remove_weak_pointer (G_OBJECT (gestures->menu), (gpointer *) &gestures->menu);
  g_free (gestures);
}

void
lineup_card_add_gestures (GtkWidget          *card,
                          GdkDragAction       actions,
                          LineupCardPostFunc  get_post,
                          LineupCardMenuFunc  build_menu)
{
  Gestures *gestures = g_new0 (Gestures, 1);
  GtkDragSource *drag;
  GtkGesture *click;

  gestures->get_post = get_post;
  gestures->build_menu = build_menu;
  g_object_set_data_full (G_OBJECT (card), "lineup-card-gestures", gestures, (GDestroyNotify) gestures_free);

  drag = gtk_drag_source_new ();
  gtk_drag_source_set_actions (drag, actions);
  g_signal_connect (drag, "prepare", G_CALLBACK (on_drag_prepare_cb), card);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), card);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end_cb), card);
  gtk_widget_add_controller (card, GTK_EVENT_CONTROLLER (drag));

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed_cb), card);
  gtk_widget_add_controller (card, GTK_EVENT_CONTROLLER (click));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_secondary_pressed_cb), card);
  gtk_widget_add_controller (card, GTK_EVENT_CONTROLLER (click));
}
