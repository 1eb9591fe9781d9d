/* lineup-repurpose-dialog.c: Repurpose as… (lineup-repurpose-dialog.h): a
 * message dialog with a list of the plan's types and a check box a network.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-repurpose-dialog.h"
#include "lineup-view.h"

typedef struct {
  GtkWidget *parent;          /* the card or row asked from (weak) */
  LineupStore *store;
  LineupPost *post;
  AdwComboRow *type_row;
  GPtrArray *types;           /* LineupContentType, as the combo lists them */
  GPtrArray *checks;          /* GtkCheckButton, one a platform of the table */
} Repurpose;

static void
repurpose_free (Repurpose *r)
{
  g_clear_weak_pointer (&r->parent);
  g_clear_object (&r->store);
  g_clear_object (&r->post);
  g_clear_pointer (&r->types, g_ptr_array_unref);
  g_clear_pointer (&r->checks, g_ptr_array_unref);
  g_free (r);
}

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response,
                Repurpose        *r)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(LineupPost) copy = NULL;
  LineupContentType *type;
  guint n_platforms;
  const LineupPlatformInfo *all = lineup_platforms_get_all (&n_platforms);
  GDate day;
  g_autofree char *message = NULL;

  if (!g_str_equal (response, "repurpose") || r->parent == NULL)
    return;
  type = g_ptr_array_index (r->types, adw_combo_row_get_selected (r->type_row));
  for (guint i = 0; i < r->checks->len; i++)
    if (gtk_check_button_get_active (r->checks->pdata[i]))
      g_ptr_array_add (keys, (gpointer) all[i].key);
  g_ptr_array_add (keys, NULL);
  if (lineup_post_is_dated (r->post))
    lineup_store_utc_to_local (r->store, lineup_post_get_scheduled_at (r->post), &day, NULL);
  copy = lineup_store_repurpose_post (r->store, lineup_post_get_id (r->post), lineup_content_type_get_id (type),
                                      (const char * const *) keys->pdata,
                                      lineup_post_is_dated (r->post) ? &day : NULL, &error);
  if (copy == NULL)
    {
      lineup_view_toast (r->parent, error->message);
      return;
    }
  message = g_strdup_printf (_("Repurposed as a %s Draft, linked to “%s”"),
                             lineup_content_type_get_name (type), lineup_post_get_title (r->post));
  lineup_view_toast (r->parent, message);
}

void
lineup_repurpose_dialog_show (GtkWidget   *parent,
                              LineupStore *store,
                              LineupPost  *post)
{
  Repurpose *r = g_new0 (Repurpose, 1);
  GListModel *types = lineup_store_get_content_types (store);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *networks = gtk_flow_box_new ();
  GtkWidget *dialog;
  g_autofree char *body = NULL;
  guint n_platforms, selected = 0;
  gboolean found = FALSE;
  const LineupPlatformInfo *all = lineup_platforms_get_all (&n_platforms);

  g_set_weak_pointer (&r->parent, parent);
  r->store = g_object_ref (store);
  r->post = g_object_ref (post);
  r->types = g_ptr_array_new_with_free_func (g_object_unref);
  r->checks = g_ptr_array_new ();

  /* The first other type is the likely choice. */
  for (guint i = 0; i < g_list_model_get_n_items (types); i++)
    {
      LineupContentType *type = g_list_model_get_item (types, i);
      gboolean other = lineup_content_type_get_id (type) != lineup_post_get_type_id (post);

      gtk_string_list_append (names, lineup_content_type_get_name (type));
      if (other && !found)
        {
          selected = i;
          found = TRUE;
        }
      g_ptr_array_add (r->types, type);
    }

  r->type_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (r->type_row), _("_Type"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (r->type_row), TRUE);
  adw_combo_row_set_model (r->type_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (r->type_row, selected);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (r->type_row));
  gtk_box_append (GTK_BOX (box), list);

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (networks), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (networks), 4);
  gtk_accessible_update_property (GTK_ACCESSIBLE (networks), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Networks"), -1);
  for (guint i = 0; i < n_platforms; i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (all[i].name);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), lineup_post_has_platform (post, all[i].key));
      gtk_flow_box_append (GTK_FLOW_BOX (networks), check);
      g_ptr_array_add (r->checks, check);
    }
  gtk_box_append (GTK_BOX (box), networks);

  body = g_strdup_printf (_("A Draft linked to “%s”, with its title, caption, brief, pillar and campaign, %s."),
                          lineup_post_get_title (post),
                          lineup_post_is_dated (post) ? _("on the same day") : _("in the backlog"));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (parent)), _("Repurpose as…"), body);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "repurpose", _("_Repurpose"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "repurpose", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "repurpose");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_response_cb), r,
                         (GClosureNotify) (void (*) (void)) repurpose_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
