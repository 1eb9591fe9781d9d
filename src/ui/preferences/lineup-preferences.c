/* lineup-preferences.c: the Preferences window, which holds the pages
 * (each in its own lineup-preferences-PAGE.c), rebuilds them and shows
 * their toasts.
 *
 * The plan's groups are rebuilt from the store after each change (the store
 * announces them with "plan-changed"), so they always show what is saved,
 * also when the command line changed it meanwhile.
 *
 * The General page mixes the two kinds of setting and says which is which:
 * the plan's time zone and default post time are kept in the plan (the same
 * for everyone who opens it); your name, the first day of the week and the
 * colour scheme are yours, in GSettings, bound to their rows so a change
 * applies at once wherever it shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lineup-preferences-private.h"

G_DEFINE_FINAL_TYPE (LineupPreferences, lineup_preferences, ADW_TYPE_PREFERENCES_WINDOW)

char *
lineup_preferences_user_name (GSettings *settings)
{
  g_autofree char *name = g_settings_get_string (settings, "user-name");

  g_strstrip (name);
  if (*name)
    return g_steal_pointer (&name);
  return g_strdup (g_get_real_name ());
}

void
toast (LineupPreferences *self,
       const char        *message)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

/* Reports a refusal and shows what is stored again (a switch or check box
 * the person flipped goes back). */
void
refused (LineupPreferences *self,
         GError            *error)
{
  toast (self, error->message);
  rebuild (self);
}

static gboolean
rebuild_idle_cb (gpointer data)
{
  LineupPreferences *self = data;

  self->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

void
queue_rebuild (LineupPreferences *self)
{
  if (self->saving)
    return;
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rebuild_idle_cb, self);
}

GtkWidget *
remove_button (const char *accessible_name)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, accessible_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name, -1);
  return button;
}

/* The switch is the row's activatable widget. */
GtkWidget *
switch_row (const char *title,
            const char *subtitle,
            gboolean    active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_switch_set_active (GTK_SWITCH (toggle), active);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  return row;
}

GtkWidget *
entry_row (const char *title,
           const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (text)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  return row;
}


void
rebuild (LineupPreferences *self)
{
  update_general (self);
}

static gboolean
on_escape_cb (GtkWidget *widget,
              GVariant  *args,
              gpointer   data)
{
  LineupPreferences *self = LINEUP_PREFERENCES (widget);

  if (self->zone_page && gtk_widget_get_mapped (self->zone_page))
    on_zone_back_cb (self);
  else
    gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
lineup_preferences_dispose (GObject *object)
{
  LineupPreferences *self = LINEUP_PREFERENCES (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (self->store)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->zone_needle, g_free);
  g_clear_object (&self->zone_page);
  g_clear_object (&self->zone_mark);
  g_clear_pointer (&self->zone_rows, g_hash_table_unref);

  G_OBJECT_CLASS (lineup_preferences_parent_class)->dispose (object);
}

static void
lineup_preferences_class_init (LineupPreferencesClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lineup_preferences_dispose;
  /* Escape closes Preferences, as it does every GNOME dialog; on the time
   * zone's page it goes back first. */
  gtk_widget_class_add_binding (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0, on_escape_cb, NULL);
}

static void
lineup_preferences_init (LineupPreferences *self)
{
  self->zone_rows = g_hash_table_new (g_str_hash, g_str_equal);
  self->zone_mark = g_object_ref_sink (gtk_image_new_from_icon_name ("object-select-symbolic"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->zone_mark), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The plan’s time zone"), -1);
  gtk_window_set_title (GTK_WINDOW (self), _("Preferences"));
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 720);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), FALSE);
  self->general_page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  adw_preferences_page_set_title (self->general_page, _("General"));
  adw_preferences_page_set_name (self->general_page, "general");
  adw_preferences_page_set_icon_name (self->general_page, "preferences-system-symbolic");
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), self->general_page);
  self->workflow_page = g_object_new (LINEUP_TYPE_PREFERENCES_WORKFLOW, NULL);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (self->workflow_page));
  self->mix_page = g_object_new (LINEUP_TYPE_PREFERENCES_MIX, NULL);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (self->mix_page));
  self->sharing_page = g_object_new (LINEUP_TYPE_PREFERENCES_SHARING, NULL);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (self->sharing_page));
  self->publishing_page = g_object_new (LINEUP_TYPE_PREFERENCES_PUBLISHING, NULL);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (self->publishing_page));
}

LineupPreferences *
lineup_preferences_new (LineupStore *store,
                        GSettings   *settings)
{
  LineupPreferences *self;

  g_return_val_if_fail (LINEUP_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (LINEUP_TYPE_PREFERENCES, NULL);
  self->store = g_object_ref (store);
  self->settings = g_object_ref (settings);
  build_general (self);
  lineup_preferences_workflow_set_store (self->workflow_page, store);
  lineup_preferences_mix_set_store (self->mix_page, store);
  lineup_preferences_sharing_set_store (self->sharing_page, store);
  lineup_preferences_publishing_set_store (self->publishing_page, store);
  rebuild (self);
  /* The window opens on the first thing to fill in. */
  gtk_window_set_focus (GTK_WINDOW (self), self->name_row);
  g_signal_connect_swapped (store, "plan-changed", G_CALLBACK (queue_rebuild), self);
  g_signal_connect_swapped (store, "reloaded", G_CALLBACK (queue_rebuild), self);
  g_signal_connect_swapped (store, "content-types-changed", G_CALLBACK (queue_rebuild), self);
  g_signal_connect_swapped (store, "pillars-changed", G_CALLBACK (queue_rebuild), self);
  return self;
}
