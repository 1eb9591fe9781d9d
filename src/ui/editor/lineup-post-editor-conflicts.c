/* lineup-post-editor-conflicts.c: in a shared plan, a post whose change met
 * another's (lineup-share.h) shows each field's two values above the form,
 * with Keep Mine and Keep Theirs; the choice is lineup_share_resolve (), sent
 * by the next pass.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-post-editor-private.h"
#include "lineup-share.h"
#include "lineup-share-marks.h"

static void
resolve (GtkButton        *button,
         LineupPostEditor *self,
         gboolean          keep_mine)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) post = NULL;
  const char *field = g_object_get_data (G_OBJECT (button), "field");
  gboolean had_changes = lineup_post_editor_has_changes (self);

  if (!lineup_share_resolve (self->store, lineup_post_get_id (self->post), field, keep_mine, &error))
    {
      lineup_post_editor_show_error (self, error->message);
      return;
    }
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  /* Their value is the post's now: the form shows it. The title and the
   * caption change alone, so what was typed elsewhere stays; another field
   * reads the whole post again. */
  post = keep_mine ? NULL : lineup_store_get_post (self->store, lineup_post_get_id (self->post), NULL);
  if (post)
    {
      g_set_object (&self->post, post);
      if (g_str_equal (field, "title"))
        gtk_editable_set_text (GTK_EDITABLE (self->title_row), lineup_post_get_title (post));
      else if (g_str_equal (field, "body"))
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view), lineup_post_get_body (post), -1);
      else
        {
          g_clear_pointer (&self->targets, g_strfreev);
          lineup_post_editor_load_post (self);
        }
    }
  lineup_share_marks_changed (self->store);
  lineup_post_editor_update_conflicts (self);
  /* Their value, now stored, is not a change of this editor's. */
  if (!had_changes)
    lineup_post_editor_take_baseline (self);
  lineup_post_editor_update_stage_choices (self);
  /* The buttons pressed are gone: the keyboard goes back to the form. */
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

static void
on_keep_mine_cb (GtkButton        *button,
                 LineupPostEditor *self)
{
  resolve (button, self, TRUE);
}

static void
on_keep_theirs_cb (GtkButton        *button,
                   LineupPostEditor *self)
{
  resolve (button, self, FALSE);
}

static GtkWidget *
value_label (const char *format,
             const char *who,
             const char *value)
{
  g_autofree char *text = who ? g_strdup_printf (format, who, value ? value : "")
                              : g_strdup_printf (format, value ? value : "");
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* A long caption shows its start; the whole is in the tooltip. */
  gtk_label_set_lines (GTK_LABEL (label), 3);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_tooltip_text (label, text);
  return label;
}

static GtkWidget *
keep_button (const char       *label,
             const char       *name,
             const char       *field,
             GCallback         callback,
             LineupPostEditor *self)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *child = gtk_label_new_with_mnemonic (label);

  /* A child label, not the label property: GTK 4.8 would name the button
   * from both. */
  gtk_button_set_child (GTK_BUTTON (button), child);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (button), "field", g_strdup (field), g_free);
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

/* The post's conflicts, read again after every change of the plan's
 * sharing (a pass may bring one while the editor is open). */
void
lineup_post_editor_update_conflicts (LineupPostEditor *self)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->conflict_box))))
    gtk_box_remove (self->conflict_box, child);
  conflicts = self->post && lineup_share_marks_conflicted (self->store, lineup_post_get_id (self->post))
    ? lineup_share_list_conflicts (self->store, lineup_post_get_id (self->post), &error) : NULL;
  if (conflicts == NULL && error)
    lineup_post_editor_show_error (self, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->conflict_box), conflicts && conflicts->len > 0);
  if (conflicts == NULL || conflicts->len == 0)
    return;

  {
    GtkWidget *heading = gtk_label_new (_("Someone else changed this post while you did"));
    GtkWidget *hint = gtk_label_new (_("Choose which value stays; the team gets your choice at the next pass."));

    gtk_label_set_xalign (GTK_LABEL (heading), 0);
    gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
    gtk_widget_add_css_class (heading, "heading");
    gtk_label_set_xalign (GTK_LABEL (hint), 0);
    gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
    gtk_box_append (self->conflict_box, heading);
    gtk_box_append (self->conflict_box, hint);
  }
  for (guint i = 0; i < conflicts->len; i++)
    {
      LineupShareConflict *conflict = g_ptr_array_index (conflicts, i);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkWidget *field = gtk_label_new (conflict->field_label);
      GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      g_autofree char *mine_name = g_strdup_printf (_("Keep mine: %s"), conflict->field_label);
      g_autofree char *theirs_name = g_strdup_printf (_("Keep %s’s: %s"), conflict->theirs_by, conflict->field_label);

      gtk_label_set_xalign (GTK_LABEL (field), 0);
      gtk_widget_add_css_class (field, "heading");
      gtk_box_append (GTK_BOX (box), field);
      gtk_box_append (GTK_BOX (box), value_label (_("Yours: %s"), NULL, conflict->mine));
      /* "Theirs", as the button says; who, in brackets: a login, or "the
       * server" when the core cannot tell, never at a line's start. */
      gtk_box_append (GTK_BOX (box), value_label (_("Theirs (%s): %s"), conflict->theirs_by, conflict->theirs));
      gtk_widget_set_halign (buttons, GTK_ALIGN_END);
      gtk_box_append (GTK_BOX (buttons), keep_button (_("Keep _Mine"), mine_name, conflict->field,
                                                      G_CALLBACK (on_keep_mine_cb), self));
      gtk_box_append (GTK_BOX (buttons), keep_button (_("Keep _Theirs"), theirs_name, conflict->field,
                                                      G_CALLBACK (on_keep_theirs_cb), self));
      gtk_box_append (GTK_BOX (box), buttons);
      gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      conflict->field_label, -1);
      gtk_box_append (self->conflict_box, box);
    }
}
