/* lineup-post-editor-stage.c: the post editor's Stage list. It offers what
 * the workflow allows (lineup-workflow.h) for the form as typed: the other
 * stages show, disabled, with the reason under them; a stage reached
 * another way is put back, and the reason shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-post-editor-private.h"
#include "lineup-workflow.h"

/* The stage the post has now (Brief for a new one): always offered, as
 * "leave it where it is". */
LineupStage
lineup_post_editor_stored_stage (LineupPostEditor *self)
{
  return self->post ? lineup_post_get_stage (self->post) : LINEUP_STAGE_BRIEF;
}

static const char *
stage_reason (LineupPostEditor *self,
              guint             stage)
{
  if (stage == lineup_post_editor_stored_stage (self) || self->stage_reasons == NULL || stage >= self->stage_reasons->len)
    return NULL;
  return g_ptr_array_index (self->stage_reasons, stage);
}

/* One entry of the Stage list: its name, a tick when chosen, and, when the
 * workflow does not allow it now, disabled with the reason under it (also
 * its accessible description, for a screen reader). */
static void
show_stage_item (LineupPostEditor *self,
                 GtkListItem      *item)
{
  guint stage = gtk_list_item_get_position (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *text = gtk_widget_get_first_child (box);
  GtkWidget *tick = gtk_widget_get_next_sibling (text);
  GtkWidget *title = gtk_widget_get_first_child (text);
  GtkWidget *reason = gtk_widget_get_next_sibling (title);
  const char *why;

  if (stage >= LINEUP_N_STAGES)
    return;
  why = stage_reason (self, stage);
  gtk_label_set_label (GTK_LABEL (title), lineup_stage_to_label (stage));
  gtk_label_set_label (GTK_LABEL (reason), why ? why : "");
  gtk_widget_set_visible (reason, why != NULL);
  gtk_widget_set_opacity (tick, stage == adw_combo_row_get_selected (self->stage_row) ? 1 : 0);
  /* The entry, and each label in it: a screen reader reads the labels. */
  gtk_widget_set_sensitive (box, why == NULL);
  gtk_widget_set_sensitive (title, why == NULL);
  gtk_widget_set_sensitive (reason, why == NULL);
  gtk_list_item_set_activatable (item, why == NULL);
  gtk_list_item_set_selectable (item, why == NULL);
  if (why)
    {
      gtk_widget_set_tooltip_text (box, why);
      gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, why, -1);
    }
  else
    {
      gtk_widget_set_tooltip_text (box, NULL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

static void
on_stage_item_setup_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *item,
                        LineupPostEditor         *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *reason = gtk_label_new (NULL);
  GtkWidget *tick = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (reason), 0);
  gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (reason), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (reason), 40);
  gtk_widget_add_css_class (reason, "caption");
  gtk_widget_add_css_class (reason, "dim-label");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (tick, GTK_ALIGN_CENTER);
  gtk_accessible_update_state (GTK_ACCESSIBLE (tick), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), reason);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), tick);
  gtk_list_item_set_child (item, box);
}

static void
on_stage_item_bind_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       LineupPostEditor         *self)
{
  if (self->stage_items)
    g_ptr_array_add (self->stage_items, item);
  show_stage_item (self, item);
}

static void
on_stage_item_unbind_cb (GtkSignalListItemFactory *factory,
                         GtkListItem              *item,
                         LineupPostEditor         *self)
{
  if (self->stage_items)
    g_ptr_array_remove_fast (self->stage_items, item);
}

static void
show_stage_items (LineupPostEditor *self)
{
  for (guint i = 0; self->stage_items && i < self->stage_items->len; i++)
    show_stage_item (self, g_ptr_array_index (self->stage_items, i));
}

/* What the rules say of the form as it is now: the caption typed opens In
 * review, a date in the past closes Scheduled, and so on. An edit that
 * sends an approved post back to review (lineup_workflow_edit ()) is
 * judged from In review, where the save leaves it. */
void
lineup_post_editor_update_stage_choices (LineupPostEditor *self)
{
  g_autoptr(LineupPost) post = self->post ? lineup_post_copy (self->post) : lineup_post_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *sends_back = NULL;

  if (self->store == NULL)
    return;
  lineup_post_editor_read_form (self, post, &error);   /* a time still being typed is judged at Save */
  /* The reasons name the post: not as “” before its title is typed. */
  if (*lineup_post_get_title (post) == '\0')
    lineup_post_set_title (post, _("New post"));
  if (self->post && (sends_back = lineup_workflow_edit_sends_back (self->post, post)))
    lineup_post_set_stage (post, LINEUP_STAGE_IN_REVIEW);
  g_clear_pointer (&self->stage_reasons, g_ptr_array_unref);
  self->stage_reasons = lineup_workflow_stage_choices (self->store, post, self->post == NULL);
  show_stage_items (self);
}

static gboolean
stage_choices_idle_cb (gpointer data)
{
  LineupPostEditor *self = data;

  self->stage_choices_idle = 0;
  lineup_post_editor_update_stage_choices (self);
  return G_SOURCE_REMOVE;
}

/* Typing changes what the rules allow: asked once the keys pause. */
void
lineup_post_editor_form_changed (LineupPostEditor *self)
{
  if (self->stage_choices_idle == 0)
    self->stage_choices_idle = g_timeout_add (150, stage_choices_idle_cb, self);
}

/* The list lets only allowed stages be picked; a stage reached another way
 * (the keyboard, a stale list) is put back, and the reason shown. */
static void
on_stage_selected_cb (LineupPostEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->stage_row);
  const char *why = stage_reason (self, selected);

  if (why)
    {
      g_autofree char *message = g_strdup (why);
      guint back = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (self->stage_row), "lineup-last-stage"));

      adw_combo_row_set_selected (self->stage_row, back);
      lineup_post_editor_show_error (self, message);
      return;
    }
  g_object_set_data (G_OBJECT (self->stage_row), "lineup-last-stage", GUINT_TO_POINTER (selected));
  show_stage_items (self);
}

void
lineup_post_editor_setup_stage_chooser (LineupPostEditor *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->stage_items = g_ptr_array_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_stage_item_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_stage_item_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_stage_item_unbind_cb), self);
  adw_combo_row_set_list_factory (self->stage_row, factory);
  g_object_set_data (G_OBJECT (self->stage_row), "lineup-last-stage",
                     GUINT_TO_POINTER (adw_combo_row_get_selected (self->stage_row)));
  g_signal_connect_swapped (self->stage_row, "notify::selected", G_CALLBACK (on_stage_selected_cb), self);

  /* Whatever the rules read: title, caption, platforms, date and time. */
  g_signal_connect_swapped (self->title_row, "changed", G_CALLBACK (lineup_post_editor_form_changed), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->body_view), "changed",
                            G_CALLBACK (lineup_post_editor_form_changed), self);
  for (guint i = 0; i < self->platform_checks->len; i++)
    g_signal_connect_swapped (g_ptr_array_index (self->platform_checks, i), "toggled",
                              G_CALLBACK (lineup_post_editor_form_changed), self);
  g_signal_connect_swapped (self->date_switch, "notify::active", G_CALLBACK (lineup_post_editor_form_changed), self);
  g_signal_connect_swapped (self->time_row, "changed", G_CALLBACK (lineup_post_editor_form_changed), self);
}
