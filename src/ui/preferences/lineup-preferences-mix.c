/* lineup-preferences-mix.c: the Content Mix page of Preferences: the
 * content types' and pillars' target shares (saying when the pillars' do
 * not add up to 100 %), which stages count, and the Results group of
 * engagement weights (lineup-preferences-weights.c).
 *
 * The store replaces its types and pillars whole when one changes; the
 * page keeps its own GListStore of items for each, synced by id, so a
 * change moves the spin buttons of one row and never the one being typed
 * in. The rows are the small classes below, with what they stand for in
 * typed fields.
 *
 * It does not hold the window nor the other pages (lineup-preferences.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-preferences-list.h"
#include "lineup-preferences-mix.h"
#include "lineup-preferences-weights.h"

struct _LineupPreferencesMix
{
  AdwPreferencesPage parent_instance;

  LineupStore *store;
  GListStore *types;       /* of LineupPreferencesItem, each a LineupContentType */
  GListStore *pillars;     /* … each a LineupPillar */
  GPtrArray *stage_rows;   /* of LineupStageRow, one a stage */

  GtkListBox *types_list;
  GtkListBox *pillars_list;
  GtkLabel *pillar_sum;
  AdwPreferencesGroup *stages_group;
  LineupPreferencesWeights *weights_group;
};

G_DEFINE_FINAL_TYPE (LineupPreferencesMix, lineup_preferences_mix, ADW_TYPE_PREFERENCES_PAGE)

static void reload (LineupPreferencesMix *self,
                    gboolean              refresh);

/* Reports a refusal and shows what is stored again. */
static void
refuse (LineupPreferencesMix *self,
        GError               *error)
{
  lineup_preferences_toast (GTK_WIDGET (self), error->message);
  reload (self, TRUE);
}

static GtkSpinButton *
percent_spin (const char *accessible_name)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (0, 100, 1);

  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name, -1);
  return GTK_SPIN_BUTTON (spin);
}

/* Sets @spin to @value without saving it again. */
static void
show_value (GtkSpinButton *spin,
            double         value,
            GCallback      handler,
            gpointer       data)
{
  if (gtk_spin_button_get_value (spin) == value)
    return;
  g_signal_handlers_block_by_func (spin, handler, data);
  gtk_spin_button_set_value (spin, value);
  g_signal_handlers_unblock_by_func (spin, handler, data);
}

/* ---- a content type's target range ---- */

#define LINEUP_TYPE_TYPE_TARGET_ROW (lineup_type_target_row_get_type ())
G_DECLARE_FINAL_TYPE (LineupTypeTargetRow, lineup_type_target_row, LINEUP, TYPE_TARGET_ROW, AdwActionRow)

struct _LineupTypeTargetRow
{
  AdwActionRow parent_instance;

  LineupPreferencesMix *page;   /* unowned: it holds the list */
  LineupPreferencesItem *item;
  GtkSpinButton *min;
  GtkSpinButton *max;
};

G_DEFINE_FINAL_TYPE (LineupTypeTargetRow, lineup_type_target_row, ADW_TYPE_ACTION_ROW)

static LineupContentType *
type_of (LineupTypeTargetRow *row)
{
  return lineup_preferences_item_get_data (row->item);
}

static void
on_type_target_cb (LineupTypeTargetRow *row)
{
  g_autoptr(GError) error = NULL;

  if (!lineup_store_set_type_target (row->page->store, lineup_content_type_get_id (type_of (row)),
                                     gtk_spin_button_get_value (row->min), gtk_spin_button_get_value (row->max),
                                     &error))
    refuse (row->page, error);
}

static void
type_target_row_update (LineupTypeTargetRow *row)
{
  LineupContentType *type = type_of (row);
  g_autofree char *title = g_markup_escape_text (lineup_content_type_get_name (type), -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  show_value (row->min, MAX (lineup_content_type_get_target_min (type), 0), G_CALLBACK (on_type_target_cb), row);
  show_value (row->max, lineup_content_type_get_target_max (type) >= 0 ? lineup_content_type_get_target_max (type) : 100,
              G_CALLBACK (on_type_target_cb), row);
}

static void
lineup_type_target_row_dispose (GObject *object)
{
  g_clear_object (&LINEUP_TYPE_TARGET_ROW (object)->item);
  G_OBJECT_CLASS (lineup_type_target_row_parent_class)->dispose (object);
}

static void
lineup_type_target_row_class_init (LineupTypeTargetRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lineup_type_target_row_dispose;
}

static void
lineup_type_target_row_init (LineupTypeTargetRow *row)
{
}

static GtkWidget *
type_target_row_new (gpointer item,
                     gpointer data)
{
  LineupTypeTargetRow *row = g_object_new (LINEUP_TYPE_TYPE_TARGET_ROW, NULL);
  LineupContentType *type = lineup_preferences_item_get_data (item);
  g_autofree char *min_name = g_strdup_printf (_("%s, least share"), lineup_content_type_get_name (type));
  g_autofree char *max_name = g_strdup_printf (_("%s, most share"), lineup_content_type_get_name (type));

  row->page = data;
  row->item = g_object_ref (item);
  row->min = percent_spin (min_name);
  row->max = percent_spin (max_name);
  type_target_row_update (row);
  g_signal_connect_swapped (row->min, "value-changed", G_CALLBACK (on_type_target_cb), row);
  g_signal_connect_swapped (row->max, "value-changed", G_CALLBACK (on_type_target_cb), row);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (row->min));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new ("–"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (row->max));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new ("%"));
  g_signal_connect_object (item, "changed", G_CALLBACK (type_target_row_update), row, G_CONNECT_SWAPPED);
  return GTK_WIDGET (row);
}

/* ---- a pillar's target share ---- */

#define LINEUP_TYPE_PILLAR_TARGET_ROW (lineup_pillar_target_row_get_type ())
G_DECLARE_FINAL_TYPE (LineupPillarTargetRow, lineup_pillar_target_row, LINEUP, PILLAR_TARGET_ROW, AdwActionRow)

struct _LineupPillarTargetRow
{
  AdwActionRow parent_instance;

  LineupPreferencesMix *page;   /* unowned: it holds the list */
  LineupPreferencesItem *item;
  GtkSpinButton *spin;
};

G_DEFINE_FINAL_TYPE (LineupPillarTargetRow, lineup_pillar_target_row, ADW_TYPE_ACTION_ROW)

static void
on_pillar_target_cb (LineupPillarTargetRow *row)
{
  g_autoptr(GError) error = NULL;
  LineupPillar *pillar = lineup_preferences_item_get_data (row->item);
  double value = gtk_spin_button_get_value (row->spin);

  if (!lineup_store_set_pillar_target (row->page->store, lineup_pillar_get_id (pillar), value > 0 ? value : -1, &error))
    refuse (row->page, error);
}

static void
pillar_target_row_update (LineupPillarTargetRow *row)
{
  LineupPillar *pillar = lineup_preferences_item_get_data (row->item);
  g_autofree char *title = g_markup_escape_text (lineup_pillar_get_name (pillar), -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  show_value (row->spin, MAX (lineup_pillar_get_target (pillar), 0), G_CALLBACK (on_pillar_target_cb), row);
}

static void
lineup_pillar_target_row_dispose (GObject *object)
{
  g_clear_object (&LINEUP_PILLAR_TARGET_ROW (object)->item);
  G_OBJECT_CLASS (lineup_pillar_target_row_parent_class)->dispose (object);
}

static void
lineup_pillar_target_row_class_init (LineupPillarTargetRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lineup_pillar_target_row_dispose;
}

static void
lineup_pillar_target_row_init (LineupPillarTargetRow *row)
{
}

static GtkWidget *
pillar_target_row_new (gpointer item,
                       gpointer data)
{
  LineupPillarTargetRow *row = g_object_new (LINEUP_TYPE_PILLAR_TARGET_ROW, NULL);
  LineupPillar *pillar = lineup_preferences_item_get_data (item);
  g_autofree char *name = g_strdup_printf (_("%s, target share"), lineup_pillar_get_name (pillar));

  row->page = data;
  row->item = g_object_ref (item);
  row->spin = percent_spin (name);
  pillar_target_row_update (row);
  g_signal_connect_swapped (row->spin, "value-changed", G_CALLBACK (on_pillar_target_cb), row);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (row->spin));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new ("%"));
  g_signal_connect_object (item, "changed", G_CALLBACK (pillar_target_row_update), row, G_CONNECT_SWAPPED);
  return GTK_WIDGET (row);
}

/* ---- a stage that counts, or not ---- */

#define LINEUP_TYPE_STAGE_ROW (lineup_stage_row_get_type ())
G_DECLARE_FINAL_TYPE (LineupStageRow, lineup_stage_row, LINEUP, STAGE_ROW, AdwActionRow)

struct _LineupStageRow
{
  AdwActionRow parent_instance;

  LineupPreferencesMix *page;   /* unowned: it holds the row */
  LineupStage stage;
  GtkCheckButton *check;
};

G_DEFINE_FINAL_TYPE (LineupStageRow, lineup_stage_row, ADW_TYPE_ACTION_ROW)

static void
lineup_stage_row_class_init (LineupStageRowClass *klass)
{
}

static void
lineup_stage_row_init (LineupStageRow *row)
{
}

static void
on_stage_counted_cb (LineupStageRow *row)
{
  g_autoptr(GError) error = NULL;
  guint stages = lineup_store_get_mix_stages (row->page->store);

  if (gtk_check_button_get_active (row->check))
    stages |= 1u << row->stage;
  else
    stages &= ~(1u << row->stage);
  if (!lineup_store_set_mix_stages (row->page->store, stages, &error))
    refuse (row->page, error);
}

static void
stage_row_update (LineupStageRow *row,
                  guint           stages)
{
  g_signal_handlers_block_by_func (row->check, on_stage_counted_cb, row);
  gtk_check_button_set_active (row->check, (stages & (1u << row->stage)) != 0);
  g_signal_handlers_unblock_by_func (row->check, on_stage_counted_cb, row);
}

static GtkWidget *
stage_row_new (LineupPreferencesMix *page,
               LineupStage           stage)
{
  LineupStageRow *row = g_object_new (LINEUP_TYPE_STAGE_ROW, NULL);

  row->page = page;
  row->stage = stage;
  row->check = GTK_CHECK_BUTTON (gtk_check_button_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lineup_stage_to_label (stage));
  gtk_widget_set_valign (GTK_WIDGET (row->check), GTK_ALIGN_CENTER);
  g_signal_connect_swapped (row->check, "toggled", G_CALLBACK (on_stage_counted_cb), row);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), GTK_WIDGET (row->check));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (row->check));
  return GTK_WIDGET (row);
}

/* ---- the page ---- */

static char *
type_key (gconstpointer data)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, lineup_content_type_get_id ((LineupContentType *) data));
}

static char *
type_signature (gconstpointer data)
{
  LineupContentType *type = (LineupContentType *) data;

  return g_strdup_printf ("%s\x1f%g\x1f%g", lineup_content_type_get_name (type),
                          lineup_content_type_get_target_min (type), lineup_content_type_get_target_max (type));
}

static char *
pillar_key (gconstpointer data)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, lineup_pillar_get_id ((LineupPillar *) data));
}

static char *
pillar_signature (gconstpointer data)
{
  LineupPillar *pillar = (LineupPillar *) data;

  return g_strdup_printf ("%s\x1f%g", lineup_pillar_get_name (pillar), lineup_pillar_get_target (pillar));
}

/* The store's model, as an array of references to its objects. */
static GPtrArray *
objects_of (GListModel *model)
{
  GPtrArray *objects = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (objects, g_list_model_get_item (model, i));
  return objects;
}

static void
reload (LineupPreferencesMix *self,
        gboolean              refresh)
{
  g_autoptr(GPtrArray) types = objects_of (lineup_store_get_content_types (self->store));
  g_autoptr(GPtrArray) pillars = objects_of (lineup_store_get_pillars (self->store));
  guint stages = lineup_store_get_mix_stages (self->store);
  g_autofree char *warning = lineup_mix_pillar_targets_warning (self->store);

  lineup_preferences_list_sync (self->types, types, type_key, type_signature, g_object_unref, refresh);
  lineup_preferences_list_sync (self->pillars, pillars, pillar_key, pillar_signature, g_object_unref, refresh);
  gtk_label_set_label (self->pillar_sum, warning ? warning : "");
  gtk_widget_set_visible (GTK_WIDGET (self->pillar_sum), warning != NULL);
  for (guint i = 0; i < self->stage_rows->len; i++)
    stage_row_update (g_ptr_array_index (self->stage_rows, i), stages);
}

static void
on_store_changed (GtkWidget *page)
{
  reload (LINEUP_PREFERENCES_MIX (page), FALSE);
}

void
lineup_preferences_mix_set_store (LineupPreferencesMix *self,
                                  LineupStore          *store)
{
  g_return_if_fail (LINEUP_IS_PREFERENCES_MIX (self));
  g_return_if_fail (LINEUP_IS_STORE (store));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  reload (self, FALSE);
  lineup_preferences_weights_set_store (self->weights_group, store);
  lineup_preferences_follow_store (GTK_WIDGET (self), store, on_store_changed,
                                   "plan-changed", "reloaded", "content-types-changed", "pillars-changed", NULL);
}

static void
lineup_preferences_mix_dispose (GObject *object)
{
  LineupPreferencesMix *self = LINEUP_PREFERENCES_MIX (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_PREFERENCES_MIX);
  g_clear_object (&self->types);
  g_clear_object (&self->pillars);
  g_clear_pointer (&self->stage_rows, g_ptr_array_unref);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (lineup_preferences_mix_parent_class)->dispose (object);
}

static void
lineup_preferences_mix_class_init (LineupPreferencesMixClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = lineup_preferences_mix_dispose;
  g_type_ensure (LINEUP_TYPE_PREFERENCES_WEIGHTS);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lineup/Lineup/preferences/lineup-preferences-mix.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesMix, types_list);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesMix, pillars_list);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesMix, pillar_sum);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesMix, stages_group);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesMix, weights_group);
}

static void
lineup_preferences_mix_init (LineupPreferencesMix *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->types = g_list_store_new (LINEUP_TYPE_PREFERENCES_ITEM);
  self->pillars = g_list_store_new (LINEUP_TYPE_PREFERENCES_ITEM);
  self->stage_rows = g_ptr_array_new ();
  lineup_preferences_list_bind (self->types_list, G_LIST_MODEL (self->types), type_target_row_new, self);
  lineup_preferences_list_bind (self->pillars_list, G_LIST_MODEL (self->pillars), pillar_target_row_new, self);
  for (guint i = 0; i < LINEUP_N_STAGES; i++)
    {
      GtkWidget *row = stage_row_new (self, i);

      g_ptr_array_add (self->stage_rows, row);
      adw_preferences_group_add (self->stages_group, row);
    }
}
