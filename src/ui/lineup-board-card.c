/* lineup-board-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-board-card.h"
#include "lineup-post-row.h"
#include "lineup-swatch.h"

struct _LineupBoardCard
{
  GtkWidget parent_instance;

  LineupPost *post;
  LineupStore *store;

  LineupSwatch *swatch;
  GtkWidget *title_label;
  GtkWidget *type_icon;
  GtkWidget *type_label;
  GtkWidget *date_label;
  GtkWidget *owner_box;
  GtkWidget *owner_label;
  GtkWidget *approvals_box;
  GtkWidget *approvals_label;
  GtkWidget *checks_box;
  GtkWidget *checks_label;
  GtkWidget *comments_box;
  GtkWidget *comments_label;
  GtkWidget *request_label;
  GtkWidget *menu;
};

G_DEFINE_FINAL_TYPE (LineupBoardCard, lineup_board_card, GTK_TYPE_WIDGET)

enum {
  OPEN_POST,
  MOVE_TO_STAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_move (LineupBoardCard *self,
           int              stage)
{
  g_autoptr(LineupPost) post = self->post ? g_object_ref (self->post) : NULL;

  if (post && stage >= 0 && stage < LINEUP_N_STAGES && stage != (int) lineup_post_get_stage (post))
    g_signal_emit (self, signals[MOVE_TO_STAGE], 0, post, stage);
}

static void
card_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LineupBoardCard *self = LINEUP_BOARD_CARD (widget);

  if (self->post == NULL)
    return;
  if (g_str_equal (action_name, "card.open"))
    g_signal_emit (self, signals[OPEN_POST], 0, self->post);
  else if (g_str_equal (action_name, "card.move-to-stage"))
    emit_move (self, g_variant_get_int32 (param));
}

static void
show_menu (LineupBoardCard *self,
           double           x,
           double           y)
{
  if (self->menu == NULL)
    {
      g_autoptr(GMenu) menu = g_menu_new ();
      g_autoptr(GMenu) stages = g_menu_new ();

      g_menu_append (menu, _("_Open"), "card.open");
      for (int i = 0; i < LINEUP_N_STAGES; i++)
        {
          g_autoptr(GMenuItem) item = g_menu_item_new (lineup_stage_to_label (i), NULL);

          g_menu_item_set_action_and_target (item, "card.move-to-stage", "i", i);
          g_menu_append_item (stages, item);
        }
      g_menu_append_section (menu, _("Move to Stage"), G_MENU_MODEL (stages));
      self->menu = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
      gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
    }
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static void
menu_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  show_menu (LINEUP_BOARD_CARD (widget), 8, gtk_widget_get_height (widget));
}

static void
on_secondary_pressed_cb (GtkGestureClick *gesture,
                         int              n_press,
                         double           x,
                         double           y,
                         LineupBoardCard *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  show_menu (self, x, y);
}

static void
on_pressed_cb (GtkGestureClick *gesture,
               int              n_press,
               double           x,
               double           y,
               LineupBoardCard *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (n_press == 2 && self->post)
    g_signal_emit (self, signals[OPEN_POST], 0, self->post);
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   LineupBoardCard       *self)
{
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  int step = 0;

  if (self->post == NULL)
    return FALSE;
  if (mods == 0 && (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_space))
    {
      g_signal_emit (self, signals[OPEN_POST], 0, self->post);
      return TRUE;
    }
  if (mods != GDK_ALT_MASK)
    return FALSE;
  if (keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left)
    step = rtl ? 1 : -1;
  else if (keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right)
    step = rtl ? -1 : 1;
  if (step == 0)
    return FALSE;
  emit_move (self, (int) lineup_post_get_stage (self->post) + step);
  return TRUE;
}

static GdkContentProvider *
on_drag_prepare_cb (GtkDragSource   *source,
                    double           x,
                    double           y,
                    LineupBoardCard *self)
{
  if (self->post == NULL)
    return NULL;
  return gdk_content_provider_new_typed (LINEUP_TYPE_POST, self->post);
}

static void
on_drag_begin_cb (GtkDragSource   *source,
                  GdkDrag         *drag,
                  LineupBoardCard *self)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (self));

  gtk_drag_source_set_icon (source, paintable, 12, 12);
  gtk_widget_add_css_class (GTK_WIDGET (self), "dragged");
}

static void
on_drag_end_cb (GtkDragSource   *source,
                GdkDrag         *drag,
                gboolean         delete_data,
                LineupBoardCard *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self), "dragged");
}

static GtkWidget *
add_fact (GtkWidget  *row,
          const char *icon_name,
          GtkWidget **out_label)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 3);
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

  gtk_image_set_pixel_size (GTK_IMAGE (icon), 12);
  *out_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (*out_label, "numeric");
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), *out_label);
  gtk_widget_add_css_class (box, "board-fact");
  gtk_box_append (GTK_BOX (row), box);
  return box;
}

static void
lineup_board_card_dispose (GObject *object)
{
  LineupBoardCard *self = (LineupBoardCard *) object;
  GtkWidget *child;

  g_clear_pointer (&self->menu, gtk_widget_unparent);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->post);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (lineup_board_card_parent_class)->dispose (object);
}

static void
lineup_board_card_class_init (LineupBoardCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_board_card_dispose;

  signals[OPEN_POST] =
    g_signal_new ("open-post", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, LINEUP_TYPE_POST);
  signals[MOVE_TO_STAGE] =
    g_signal_new ("move-to-stage", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, LINEUP_TYPE_POST, G_TYPE_INT);

  gtk_widget_class_install_action (widget_class, "card.open", NULL, card_action);
  gtk_widget_class_install_action (widget_class, "card.move-to-stage", "i", card_action);
  gtk_widget_class_install_action (widget_class, "card.menu", NULL, menu_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "card.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "card.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK, "card.menu", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "boardcard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_BUTTON);
}

static void
lineup_board_card_init (LineupBoardCard *self)
{
  GtkWidget *top, *facts, *progress;
  GtkDragSource *drag;
  GtkGesture *click;
  GtkEventController *keys;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 4);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);

  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->swatch = lineup_swatch_new (4, 18);
  gtk_widget_set_valign (GTK_WIDGET (self->swatch), GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->swatch));
  self->title_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->title_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->title_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (self->title_label), 2);
  gtk_label_set_ellipsize (GTK_LABEL (self->title_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (self->title_label), 0);
  gtk_label_set_width_chars (GTK_LABEL (self->title_label), 12);
  gtk_label_set_max_width_chars (GTK_LABEL (self->title_label), 20);
  gtk_widget_set_hexpand (self->title_label, TRUE);
  gtk_widget_add_css_class (self->title_label, "card-title");
  gtk_box_append (GTK_BOX (top), self->title_label);
  gtk_widget_set_parent (top, GTK_WIDGET (self));

  facts = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_add_css_class (facts, "dim-label");
  {
    GtkWidget *type_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 3);

    self->type_icon = gtk_image_new ();
    gtk_image_set_pixel_size (GTK_IMAGE (self->type_icon), 12);
    self->type_label = gtk_label_new (NULL);
    gtk_label_set_ellipsize (GTK_LABEL (self->type_label), PANGO_ELLIPSIZE_END);
    gtk_box_append (GTK_BOX (type_box), self->type_icon);
    gtk_box_append (GTK_BOX (type_box), self->type_label);
    gtk_widget_add_css_class (type_box, "board-fact");
    gtk_box_append (GTK_BOX (facts), type_box);
  }
  self->date_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->date_label, "numeric");
  gtk_widget_add_css_class (self->date_label, "board-fact");
  gtk_widget_set_hexpand (self->date_label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->date_label), 1);
  gtk_box_append (GTK_BOX (facts), self->date_label);
  gtk_widget_set_parent (facts, GTK_WIDGET (self));

  progress = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_add_css_class (progress, "dim-label");
  self->owner_box = add_fact (progress, "avatar-default-symbolic", &self->owner_label);
  gtk_label_set_ellipsize (GTK_LABEL (self->owner_label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (self->owner_box, TRUE);
  self->approvals_box = add_fact (progress, "emblem-ok-symbolic", &self->approvals_label);
  self->checks_box = add_fact (progress, "checkbox-checked-symbolic", &self->checks_label);
  self->comments_box = add_fact (progress, "chat-message-new-symbolic", &self->comments_label);
  gtk_widget_set_parent (progress, GTK_WIDGET (self));

  self->request_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->request_label), TRUE);
  gtk_label_set_lines (GTK_LABEL (self->request_label), 3);
  gtk_label_set_ellipsize (GTK_LABEL (self->request_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (self->request_label), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (self->request_label), 20);
  gtk_widget_add_css_class (self->request_label, "change-request");
  gtk_widget_set_parent (self->request_label, GTK_WIDGET (self));

  drag = gtk_drag_source_new ();
  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (on_drag_prepare_cb), self);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_secondary_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

LineupBoardCard *
lineup_board_card_new (void)
{
  return g_object_new (LINEUP_TYPE_BOARD_CARD, NULL);
}

static void
set_fact (GtkWidget  *box,
          GtkWidget  *label,
          const char *text,
          const char *tooltip)
{
  gtk_label_set_label (GTK_LABEL (label), text ? text : "");
  gtk_widget_set_visible (box, text != NULL);
  gtk_widget_set_tooltip_text (box, tooltip);
}

void
lineup_board_card_bind (LineupBoardCard *self,
                        LineupStore     *store,
                        GPtrArray       *chain,
                        LineupPost      *post)
{
  g_autoptr(LineupPostWorkflow) workflow = NULL;
  LineupPillar *pillar;
  LineupContentType *type;
  LineupApprovalStatus status = { 0 };
  g_autofree char *date = NULL;
  g_autofree char *approvals = NULL;
  g_autofree char *approvals_tip = NULL;
  g_autofree char *checks = NULL;
  g_autofree char *checks_tip = NULL;
  g_autofree char *comments = NULL;
  g_autofree char *request = NULL;
  g_autoptr(GString) description = g_string_new (NULL);
  const char *owner;
  guint n_checked = 0;

  g_return_if_fail (LINEUP_IS_BOARD_CARD (self));

  g_set_object (&self->post, post);
  g_set_object (&self->store, store);
  pillar = lineup_store_get_pillar (store, lineup_post_get_pillar_id (post));
  type = lineup_store_get_content_type (store, lineup_post_get_type_id (post));
  workflow = lineup_store_get_post_workflow (store, post, NULL);

  lineup_swatch_set_color (self->swatch, pillar ? lineup_pillar_get_color (pillar) : NULL);
  gtk_label_set_label (GTK_LABEL (self->title_label), lineup_post_get_title (post));
  gtk_image_set_from_icon_name (GTK_IMAGE (self->type_icon),
                                type ? lineup_content_type_get_icon_name (type) : "lineup-type-other-symbolic");
  gtk_label_set_label (GTK_LABEL (self->type_label), type ? lineup_content_type_get_name (type) : "");

  if (lineup_post_is_dated (post))
    {
      GDate day;
      int minutes;
      char text[64];

      lineup_store_utc_to_local (store, lineup_post_get_scheduled_at (post), &day, &minutes);
      g_date_strftime (text, sizeof text, "%-d %b", &day);
      date = g_strdup_printf ("%s, %02d:%02d", text, minutes / 60, minutes % 60);
    }
  gtk_label_set_label (GTK_LABEL (self->date_label), date ? date : _("No date"));

  owner = lineup_post_get_brief (post, LINEUP_BRIEF_OWNER);
  set_fact (self->owner_box, self->owner_label, owner && *owner ? owner : NULL, _("Owner"));

  if (workflow)
    {
      lineup_workflow_approval_status (chain, workflow->approvals, &status);
      for (guint i = 0; i < workflow->checklist->len; i++)
        n_checked += ((LineupChecklistItem *) g_ptr_array_index (workflow->checklist, i))->checked;

      /* Approvals matter from review on; before that the count is noise. */
      if (lineup_post_get_stage (post) >= LINEUP_STAGE_IN_REVIEW || workflow->approvals->len > 0)
        {
          approvals = g_strdup_printf ("%u/%u", status.done, status.needed);
          approvals_tip = g_strdup_printf (_("Approvals: %u of %u"), status.done, status.needed);
        }
      if (workflow->checklist->len > 0)
        {
          checks = g_strdup_printf ("%u/%u", n_checked, workflow->checklist->len);
          checks_tip = g_strdup_printf (_("Checklist: %u of %u ticked"), n_checked, workflow->checklist->len);
        }
      if (workflow->n_comments > 0)
        comments = g_strdup_printf ("%u", workflow->n_comments);
      if (workflow->change_request)
        request = g_strdup_printf (_("Changes requested by %s: %s"), workflow->change_request_by,
                                   workflow->change_request);
    }
  set_fact (self->approvals_box, self->approvals_label, approvals, approvals_tip);
  set_fact (self->checks_box, self->checks_label, checks, checks_tip);
  set_fact (self->comments_box, self->comments_label, comments, _("Comments"));
  gtk_label_set_label (GTK_LABEL (self->request_label), request ? request : "");
  gtk_widget_set_visible (self->request_label, request != NULL);

  /* What a screen reader says after the title. */
  g_string_append_printf (description, "%s, %s, %s", lineup_stage_to_label (lineup_post_get_stage (post)),
                          type ? lineup_content_type_get_name (type) : "",
                          date ? date : _("no date"));
  if (pillar)
    g_string_append_printf (description, ", %s", lineup_pillar_get_name (pillar));
  if (owner && *owner)
    g_string_append_printf (description, _(", owner %s"), owner);
  if (approvals_tip)
    g_string_append_printf (description, ", %s", approvals_tip);
  if (checks_tip)
    g_string_append_printf (description, ", %s", checks_tip);
  if (comments)
    g_string_append_printf (description, g_dngettext (GETTEXT_PACKAGE, ", %u comment", ", %u comments",
                                                      workflow->n_comments),
                            workflow->n_comments);
  if (request)
    g_string_append_printf (description, ". %s", request);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, lineup_post_get_title (post),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);
}

void
lineup_board_card_unbind (LineupBoardCard *self)
{
  g_return_if_fail (LINEUP_IS_BOARD_CARD (self));

  g_clear_object (&self->post);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

LineupPost *
lineup_board_card_get_post (LineupBoardCard *self)
{
  g_return_val_if_fail (LINEUP_IS_BOARD_CARD (self), NULL);
  return self->post;
}
