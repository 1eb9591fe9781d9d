/* lineup-preferences-mix.c: the Content Mix page of Preferences: the
 * content types' and pillars' target shares and which stages count.
 *
 * It does not hold the window nor the other pages (lineup-preferences.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-preferences-private.h"

/* ---- the content mix ---- */

static void
on_type_target_cb (GtkSpinButton     *spin,
                   LineupPreferences *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *row = g_object_get_data (G_OBJECT (spin), "row");
  GtkSpinButton *min = g_object_get_data (G_OBJECT (row), "min");
  GtkSpinButton *max = g_object_get_data (G_OBJECT (row), "max");
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "type-id"));
  gboolean ok;

  self->saving = TRUE;
  ok = lineup_store_set_type_target (self->store, id, gtk_spin_button_get_value (min),
                                     gtk_spin_button_get_value (max), &error);
  self->saving = FALSE;
  if (!ok)
    refused (self, error);
}

static GtkWidget *
percent_spin (double      value,
              const char *accessible_name)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (0, 100, 1);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name, -1);
  return spin;
}

GtkWidget *
build_type_targets (LineupPreferences *self)
{
  GListModel *types = lineup_store_get_content_types (self->store);
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Content Types"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("The share of the posts counted that each type should take, from – to, in percent."));
  for (guint i = 0; i < g_list_model_get_n_items (types); i++)
    {
      g_autoptr(LineupContentType) type = g_list_model_get_item (types, i);
      g_autofree char *title = g_markup_escape_text (lineup_content_type_get_name (type), -1);
      g_autofree char *min_name = g_strdup_printf (_("%s, least share"), lineup_content_type_get_name (type));
      g_autofree char *max_name = g_strdup_printf (_("%s, most share"), lineup_content_type_get_name (type));
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *min = percent_spin (MAX (lineup_content_type_get_target_min (type), 0), min_name);
      GtkWidget *max = percent_spin (lineup_content_type_get_target_max (type) >= 0
                                     ? lineup_content_type_get_target_max (type) : 100, max_name);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      g_object_set_data (G_OBJECT (row), "type-id", GSIZE_TO_POINTER ((gsize) lineup_content_type_get_id (type)));
      g_object_set_data (G_OBJECT (row), "min", min);
      g_object_set_data (G_OBJECT (row), "max", max);
      g_object_set_data (G_OBJECT (min), "row", row);
      g_object_set_data (G_OBJECT (max), "row", row);
      g_signal_connect (min, "value-changed", G_CALLBACK (on_type_target_cb), self);
      g_signal_connect (max, "value-changed", G_CALLBACK (on_type_target_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), min);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new ("–"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), max);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new ("%"));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  return group;
}

static void
on_pillar_target_cb (GtkSpinButton     *spin,
                     LineupPreferences *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (spin), "pillar-id"));
  double value = gtk_spin_button_get_value (spin);
  gboolean ok;

  self->saving = TRUE;
  ok = lineup_store_set_pillar_target (self->store, id, value > 0 ? value : -1, &error);
  self->saving = FALSE;
  if (!ok)
    refused (self, error);
}

GtkWidget *
build_pillar_targets (LineupPreferences *self)
{
  GListModel *pillars = lineup_store_get_pillars (self->store);
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Pillars"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("A pillar’s share of the month, within 5 points either way; 0 for no target."));
  for (guint i = 0; i < g_list_model_get_n_items (pillars); i++)
    {
      g_autoptr(LineupPillar) pillar = g_list_model_get_item (pillars, i);
      g_autofree char *title = g_markup_escape_text (lineup_pillar_get_name (pillar), -1);
      g_autofree char *name = g_strdup_printf (_("%s, target share"), lineup_pillar_get_name (pillar));
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *spin = percent_spin (MAX (lineup_pillar_get_target (pillar), 0), name);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      g_object_set_data (G_OBJECT (spin), "pillar-id", GSIZE_TO_POINTER ((gsize) lineup_pillar_get_id (pillar)));
      g_signal_connect (spin, "value-changed", G_CALLBACK (on_pillar_target_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new ("%"));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  return group;
}

static void
on_stage_counted_cb (GtkCheckButton    *check,
                     LineupPreferences *self)
{
  g_autoptr(GError) error = NULL;
  guint stage = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "stage"));
  guint stages = lineup_store_get_mix_stages (self->store);
  gboolean ok;

  if (gtk_check_button_get_active (check))
    stages |= 1u << stage;
  else
    stages &= ~(1u << stage);
  self->saving = TRUE;
  ok = lineup_store_set_mix_stages (self->store, stages, &error);
  self->saving = FALSE;
  if (!ok)
    refused (self, error);
}

GtkWidget *
build_counted_stages (LineupPreferences *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  guint stages = lineup_store_get_mix_stages (self->store);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("What Counts"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Dated posts in these stages count in the mix."));
  for (guint i = 0; i < LINEUP_N_STAGES; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lineup_stage_to_label (i));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), (stages & (1u << i)) != 0);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (check), "stage", GUINT_TO_POINTER (i));
      g_signal_connect (check, "toggled", G_CALLBACK (on_stage_counted_cb), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  return group;
}
