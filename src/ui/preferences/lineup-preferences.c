/* lineup-preferences.c: the Preferences window, which holds the pages
 * (each a template of its own in lineup-preferences-PAGE.c), gives them
 * the plan and the settings, and closes on Escape.
 *
 * Each page follows the store's signals itself and updates the rows that
 * changed, so they always show what is saved, also when the command line
 * changed it meanwhile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-preferences.h"
#include "lineup-preferences-list.h"
#include "lineup-preferences-general.h"
#include "lineup-preferences-mix.h"
#include "lineup-preferences-publishing.h"
#include "lineup-preferences-sharing.h"
#include "lineup-preferences-workflow.h"
#include "lineup-preferences-pillars.h"
#include "lineup-preferences-campaigns.h"
#include "lineup-preferences-snippets.h"

struct _LineupPreferences
{
  AdwPreferencesWindow parent_instance;

  LineupPreferencesGeneral *general_page;
  LineupPreferencesWorkflow *workflow_page;
  LineupPreferencesMix *mix_page;
  LineupPreferencesSharing *sharing_page;
  LineupPreferencesPublishing *publishing_page;
  LineupPreferencesPillars *pillars_page;
  LineupPreferencesCampaigns *campaigns_page;
  LineupPreferencesSnippets *snippets_page;

  LineupStore *store;
};

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

static gboolean
on_escape_cb (GtkWidget *widget,
              GVariant  *args,
              gpointer   data)
{
  LineupPreferences *self = LINEUP_PREFERENCES (widget);

  if (!lineup_preferences_general_leave_zone (self->general_page))
    gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

/* Ctrl+Z and Shift+Ctrl+Z here too: what the pages change is undone as
 * in the main window (a text field's own undo comes first). */
static gboolean
on_undo_cb (GtkWidget *widget,
            GVariant  *args,
            gpointer   data)
{
  LineupPreferences *self = LINEUP_PREFERENCES (widget);
  gboolean redo = g_variant_get_boolean (args);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return FALSE;
  /* The pages show what came back; only a refusal is said (a toast takes
   * the next Escape, which should close the window). */
  if (!(redo ? lineup_store_redo (self->store, &error) : lineup_store_undo (self->store, &error)))
    lineup_preferences_toast (GTK_WIDGET (self), error->message);
  return TRUE;
}

static void
lineup_preferences_dispose (GObject *object)
{
  g_clear_object (&LINEUP_PREFERENCES (object)->store);
  gtk_widget_dispose_template (GTK_WIDGET (object), LINEUP_TYPE_PREFERENCES);
  G_OBJECT_CLASS (lineup_preferences_parent_class)->dispose (object);
}

static void
lineup_preferences_class_init (LineupPreferencesClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = lineup_preferences_dispose;
  g_type_ensure (LINEUP_TYPE_PREFERENCES_GENERAL);
  g_type_ensure (LINEUP_TYPE_PREFERENCES_WORKFLOW);
  g_type_ensure (LINEUP_TYPE_PREFERENCES_MIX);
  g_type_ensure (LINEUP_TYPE_PREFERENCES_SHARING);
  g_type_ensure (LINEUP_TYPE_PREFERENCES_PUBLISHING);
  g_type_ensure (LINEUP_TYPE_PREFERENCES_PILLARS);
  g_type_ensure (LINEUP_TYPE_PREFERENCES_CAMPAIGNS);
  g_type_ensure (LINEUP_TYPE_PREFERENCES_SNIPPETS);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lineup/Lineup/preferences/lineup-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupPreferences, general_page);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferences, workflow_page);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferences, mix_page);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferences, sharing_page);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferences, publishing_page);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferences, pillars_page);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferences, campaigns_page);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferences, snippets_page);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, on_undo_cb, "b", FALSE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, on_undo_cb, "b", TRUE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, on_undo_cb, "b", TRUE);
  /* Escape closes Preferences, as it does every GNOME dialog; on the time
   * zone's page it goes back first. */
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, on_escape_cb, NULL);
}

static void
lineup_preferences_init (LineupPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

LineupPreferences *
lineup_preferences_new (LineupStore *store,
                        GSettings   *settings)
{
  LineupPreferences *self;

  g_return_val_if_fail (LINEUP_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (LINEUP_TYPE_PREFERENCES, NULL);
  lineup_preferences_general_set_store (self->general_page, store, settings);
  lineup_preferences_workflow_set_store (self->workflow_page, store);
  lineup_preferences_mix_set_store (self->mix_page, store);
  lineup_preferences_sharing_set_store (self->sharing_page, store);
  lineup_preferences_publishing_set_store (self->publishing_page, store);
  lineup_preferences_pillars_set_store (self->pillars_page, store);
  lineup_preferences_campaigns_set_store (self->campaigns_page, store);
  lineup_preferences_snippets_set_store (self->snippets_page, store);
  self->store = g_object_ref (store);
  /* The window opens on the first thing to fill in. */
  gtk_window_set_focus (GTK_WINDOW (self), lineup_preferences_general_get_name_row (self->general_page));
  return self;
}
