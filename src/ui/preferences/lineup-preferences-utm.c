/* lineup-preferences-utm.c: the Links (UTM) group of Preferences'
 * Publishing page (lineup-preferences-utm.h): a switch for tagging links at
 * all, entry rows for utm_medium and the domains tagged, and under "Source
 * per Network" an entry row a network for its utm_source. Each applied row
 * is one store call (plan settings: no undo step, like the time zone); a
 * value the store refuses marks the row, says why in a toast and the row
 * shows the stored value again once it is edited or applied anew.
 *
 * The group follows "plan-changed", so what the command line or a shared
 * plan changes shows at once (a row being edited keeps its text).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-preferences-list.h"
#include "lineup-preferences-utm.h"
#include "lineup-store-utm.h"

struct _LineupPreferencesUtm
{
  AdwPreferencesGroup parent_instance;

  LineupStore *store;
  GPtrArray *source_rows;     /* AdwEntryRow per lineup_platforms_get_all () entry */
  gboolean updating;          /* the rows are being set from the store */

  GtkWidget *enabled_switch;
  GtkWidget *medium_row;
  GtkWidget *domains_row;
  GtkWidget *sources_row;
};

G_DEFINE_FINAL_TYPE (LineupPreferencesUtm, lineup_preferences_utm, ADW_TYPE_PREFERENCES_GROUP)

/* Sets @row's text to @text unless it is being edited (@force: even then). */
static void
set_row_text (GtkWidget  *row,
              const char *text,
              gboolean    force)
{
  if (!force && (gtk_widget_get_state_flags (row) & GTK_STATE_FLAG_FOCUS_WITHIN))
    return;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  gtk_widget_remove_css_class (row, "error");
}

static void
update_rows_full (LineupPreferencesUtm *self,
                  gboolean              force)
{
  g_autoptr(LineupUtmSettings) settings = lineup_store_get_utm_settings (self->store);
  g_autofree char *domains = g_strjoinv (", ", settings->domains);
  guint n_platforms;
  const LineupPlatformInfo *platforms = lineup_platforms_get_all (&n_platforms);

  self->updating = TRUE;
  if (gtk_switch_get_active (GTK_SWITCH (self->enabled_switch)) != settings->enabled)
    gtk_switch_set_active (GTK_SWITCH (self->enabled_switch), settings->enabled);
  set_row_text (self->medium_row, settings->medium, force);
  set_row_text (self->domains_row, domains, force);
  for (guint p = 0; p < n_platforms && p < self->source_rows->len; p++)
    {
      g_autofree char *source = lineup_store_get_utm_source (self->store, platforms[p].key);

      set_row_text (g_ptr_array_index (self->source_rows, p), source, force);
    }
  self->updating = FALSE;
}

static void
update_rows (GtkWidget *widget)
{
  update_rows_full (LINEUP_PREFERENCES_UTM (widget), FALSE);
}

/* A refusal: @row marked, the message in a toast and for a screen reader. */
static void
refuse (LineupPreferencesUtm *self,
        GtkWidget            *row,
        const GError         *error)
{
  gtk_widget_add_css_class (row, "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  error->message, -1);
  lineup_preferences_toast (GTK_WIDGET (self), error->message);
}

static void
accepted (LineupPreferencesUtm *self,
          GtkWidget            *row)
{
  gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  /* What was stored shows again, also in the row being edited. */
  update_rows_full (self, TRUE);
}

static void
on_changed_cb (GtkEditable *editable)
{
  gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
}

static void
on_enabled_cb (LineupPreferencesUtm *self)
{
  g_autoptr(GError) error = NULL;
  gboolean active = gtk_switch_get_active (GTK_SWITCH (self->enabled_switch));

  if (self->updating || self->store == NULL)
    return;
  if (!lineup_store_set_utm_enabled (self->store, active, &error))
    {
      lineup_preferences_toast (GTK_WIDGET (self), error->message);
      update_rows_full (self, FALSE);
    }
}

static void
on_medium_applied_cb (LineupPreferencesUtm *self)
{
  g_autoptr(GError) error = NULL;

  if (!lineup_store_set_utm_medium (self->store, gtk_editable_get_text (GTK_EDITABLE (self->medium_row)), &error))
    refuse (self, self->medium_row, error);
  else
    accepted (self, self->medium_row);
}

static void
on_domains_applied_cb (LineupPreferencesUtm *self)
{
  g_autoptr(GError) error = NULL;

  if (!lineup_store_set_utm_domains (self->store, gtk_editable_get_text (GTK_EDITABLE (self->domains_row)), &error))
    refuse (self, self->domains_row, error);
  else
    accepted (self, self->domains_row);
}

static void
on_source_applied_cb (AdwEntryRow          *row,
                      LineupPreferencesUtm *self)
{
  const LineupPlatformInfo *info = g_object_get_data (G_OBJECT (row), "platform");
  g_autoptr(GError) error = NULL;

  if (!lineup_store_set_utm_source (self->store, info->key, gtk_editable_get_text (GTK_EDITABLE (row)), &error))
    refuse (self, GTK_WIDGET (row), error);
  else
    accepted (self, GTK_WIDGET (row));
}

void
lineup_preferences_utm_set_store (LineupPreferencesUtm *self,
                                  LineupStore          *store)
{
  guint n_platforms;
  const LineupPlatformInfo *platforms = lineup_platforms_get_all (&n_platforms);

  g_return_if_fail (LINEUP_IS_PREFERENCES_UTM (self));
  g_return_if_fail (LINEUP_IS_STORE (store));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  for (guint p = 0; p < n_platforms; p++)
    {
      GtkWidget *row = lineup_preferences_entry_row (platforms[p].name, NULL);
      /* TRANSLATORS: tooltip of a network's utm_source row in Preferences; %s is its key, e.g. "linkedin". */
      g_autofree char *tooltip = g_strdup_printf (_("utm_source for this network; empty for “%s”"), platforms[p].key);

      gtk_widget_set_tooltip_text (row, tooltip);
      g_object_set_data (G_OBJECT (row), "platform", (gpointer) &platforms[p]);
      g_signal_connect (row, "changed", G_CALLBACK (on_changed_cb), NULL);
      g_signal_connect (row, "apply", G_CALLBACK (on_source_applied_cb), self);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (self->sources_row), row);
      g_ptr_array_add (self->source_rows, row);
    }
  update_rows_full (self, TRUE);
  lineup_preferences_follow_store (GTK_WIDGET (self), store, update_rows, "plan-changed", "reloaded", NULL);
}

static void
lineup_preferences_utm_dispose (GObject *object)
{
  LineupPreferencesUtm *self = LINEUP_PREFERENCES_UTM (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_PREFERENCES_UTM);
  g_clear_object (&self->store);
  g_clear_pointer (&self->source_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (lineup_preferences_utm_parent_class)->dispose (object);
}

static void
lineup_preferences_utm_class_init (LineupPreferencesUtmClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = lineup_preferences_utm_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lineup/Lineup/preferences/lineup-preferences-utm.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesUtm, enabled_switch);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesUtm, medium_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesUtm, domains_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesUtm, sources_row);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_enabled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_medium_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_domains_applied_cb);
}

static void
lineup_preferences_utm_init (LineupPreferencesUtm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->source_rows = g_ptr_array_new ();
}
