/* lineup-preferences-weights.c: the Results group of Preferences' Content
 * Mix page (lineup-preferences-weights.h): a spin row a weight (likes,
 * link clicks, replies, reposts, quotes, saves; 0 to 100 in steps of 0.5)
 * and Reset, sensitive while the weights are not the defaults. Each
 * change is one store call and one undo step; a refusal (every weight 0)
 * marks the row, says why in a toast and for a screen reader, and the
 * rows show the stored weights again.
 *
 * The group follows "plan-changed", so what the command line, an undo or
 * a shared plan changes shows at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-preferences-list.h"
#include "lineup-preferences-weights.h"
#include "lineup-store-weights.h"

struct _LineupPreferencesWeights
{
  AdwPreferencesGroup parent_instance;

  LineupStore *store;
  GtkWidget *rows[LINEUP_RESULT_N_WEIGHTS];    /* AdwActionRow */
  GtkWidget *spins[LINEUP_RESULT_N_WEIGHTS];   /* GtkSpinButton, by lineup_result_weighted */

  GtkWidget *reset_row;
  GtkWidget *reset_button;
};

G_DEFINE_FINAL_TYPE (LineupPreferencesWeights, lineup_preferences_weights, ADW_TYPE_PREFERENCES_GROUP)

static void on_weight_changed_cb (LineupPreferencesWeights *self);

static void
update_rows (LineupPreferencesWeights *self)
{
  LineupResultWeights weights;

  lineup_store_get_result_weights (self->store, &weights);
  for (guint i = 0; i < LINEUP_RESULT_N_WEIGHTS; i++)
    {
      GtkSpinButton *spin = GTK_SPIN_BUTTON (self->spins[i]);
      double value = weights.weight[lineup_result_weighted[i]];

      if (gtk_spin_button_get_value (spin) != value)
        {
          g_signal_handlers_block_by_func (spin, on_weight_changed_cb, self);
          gtk_spin_button_set_value (spin, value);
          g_signal_handlers_unblock_by_func (spin, on_weight_changed_cb, self);
        }
    }
  gtk_widget_set_sensitive (self->reset_button, !lineup_result_weights_is_default (&weights));
}

static void
on_store_changed (GtkWidget *widget)
{
  update_rows (LINEUP_PREFERENCES_WEIGHTS (widget));
}

static void
clear_errors (LineupPreferencesWeights *self)
{
  for (guint i = 0; i < LINEUP_RESULT_N_WEIGHTS; i++)
    {
      gtk_widget_remove_css_class (self->rows[i], "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->spins[i]), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

/* A refusal: @row marked, the message in a toast and for a screen reader,
 * the stored weights shown again. */
static void
refuse (LineupPreferencesWeights *self,
        guint                     index,
        const GError             *error)
{
  gtk_widget_add_css_class (self->rows[index], "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spins[index]), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  error->message, -1);
  lineup_preferences_toast (GTK_WIDGET (self), error->message);
  update_rows (self);
}

static void
on_weight_changed_cb (LineupPreferencesWeights *self)
{
  g_autoptr(GError) error = NULL;
  LineupResultWeights weights;
  guint changed = 0;

  if (self->store == NULL)
    return;
  lineup_store_get_result_weights (self->store, &weights);
  for (guint i = 0; i < LINEUP_RESULT_N_WEIGHTS; i++)
    {
      double value = gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->spins[i]));

      if (value != weights.weight[lineup_result_weighted[i]])
        changed = i;
      weights.weight[lineup_result_weighted[i]] = value;
    }
  clear_errors (self);
  if (!lineup_store_set_result_weights (self->store, &weights, &error))
    refuse (self, changed, error);
}

static void
on_reset_cb (LineupPreferencesWeights *self)
{
  g_autoptr(GError) error = NULL;

  clear_errors (self);
  if (!lineup_store_set_result_weights (self->store, NULL, &error))
    lineup_preferences_toast (GTK_WIDGET (self), error->message);
}

void
lineup_preferences_weights_set_store (LineupPreferencesWeights *self,
                                      LineupStore              *store)
{
  g_return_if_fail (LINEUP_IS_PREFERENCES_WEIGHTS (self));
  g_return_if_fail (LINEUP_IS_STORE (store));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  update_rows (self);
  lineup_preferences_follow_store (GTK_WIDGET (self), store, on_store_changed, "plan-changed", "reloaded", NULL);
}

static void
lineup_preferences_weights_dispose (GObject *object)
{
  LineupPreferencesWeights *self = LINEUP_PREFERENCES_WEIGHTS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_PREFERENCES_WEIGHTS);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (lineup_preferences_weights_parent_class)->dispose (object);
}

static void
lineup_preferences_weights_class_init (LineupPreferencesWeightsClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = lineup_preferences_weights_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lineup/Lineup/preferences/lineup-preferences-weights.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWeights, reset_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWeights, reset_button);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_cb);
}

static void
lineup_preferences_weights_init (LineupPreferencesWeights *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The weight rows go above Reset: Reset is taken out and added last. */
  g_object_ref (self->reset_row);
  adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), self->reset_row);
  for (guint i = 0; i < LINEUP_RESULT_N_WEIGHTS; i++)
    {
      const char *label = lineup_result_weight_label (lineup_result_weighted[i]);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *spin = gtk_spin_button_new_with_range (0, LINEUP_RESULT_WEIGHT_MAX, 0.5);

      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 1);
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (on_weight_changed_cb), self);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      self->rows[i] = row;
      self->spins[i] = spin;
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->reset_row);
  g_object_unref (self->reset_row);
}
