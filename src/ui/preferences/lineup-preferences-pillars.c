/* lineup-preferences-pillars.c: the Pillars page of Preferences: a row for
 * each pillar that opens on its name, colour, target share and removal
 * (its posts moved to the pillar picked), the row that adds one, and a
 * word when the targets do not add up to 100 %.
 *
 * The store replaces its pillars whole when one changes; the page keeps a
 * GListStore of items synced by id (lineup-preferences-list.h), so a
 * change updates one row and never the field being typed in. Each change
 * is one store call: one transaction, one undo step (Ctrl+Z).
 *
 * It does not hold the window nor the other pages (lineup-preferences.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-preferences-list.h"
#include "lineup-preferences-pillars.h"

struct _LineupPreferencesPillars
{
  AdwPreferencesPage parent_instance;

  LineupStore *store;
  GListStore *pillars;     /* of LineupPreferencesItem, each a LineupPillar */

  GtkListBox *pillars_list;
  GtkLabel *pillar_sum;
};

G_DEFINE_FINAL_TYPE (LineupPreferencesPillars, lineup_preferences_pillars, ADW_TYPE_PREFERENCES_PAGE)

static void reload (LineupPreferencesPillars *self,
                    gboolean                  refresh);

/* Reports a refusal and shows what is stored again. */
static void
refuse (LineupPreferencesPillars *self,
        GError                   *error)
{
  lineup_preferences_toast (GTK_WIDGET (self), error->message);
  reload (self, TRUE);
}

/* "#rrggbb" of @rgba. */
static char *
rgba_to_hex (const GdkRGBA *rgba)
{
  return g_strdup_printf ("#%02x%02x%02x", (int) (CLAMP (rgba->red, 0, 1) * 255 + 0.5),
                          (int) (CLAMP (rgba->green, 0, 1) * 255 + 0.5), (int) (CLAMP (rgba->blue, 0, 1) * 255 + 0.5));
}

/* ---- a pillar ---- */

#define LINEUP_TYPE_PILLAR_ROW (lineup_pillar_row_get_type ())
G_DECLARE_FINAL_TYPE (LineupPillarRow, lineup_pillar_row, LINEUP, PILLAR_ROW, AdwExpanderRow)

struct _LineupPillarRow
{
  AdwExpanderRow parent_instance;

  LineupPreferencesPillars *page;   /* unowned: it holds the list */
  LineupPreferencesItem *item;
  GtkWidget *name;        /* AdwEntryRow */
  GtkColorButton *color;
  GtkSpinButton *target;
  AdwActionRow *remove_row;
  GtkDropDown *move_to;
  GtkStringList *others;  /* the names move_to offers */
  GtkWidget *remove;
};

G_DEFINE_FINAL_TYPE (LineupPillarRow, lineup_pillar_row, ADW_TYPE_EXPANDER_ROW)

static LineupPillar *
pillar_of (LineupPillarRow *row)
{
  return lineup_preferences_item_get_data (row->item);
}

static void
on_rename_cb (LineupPillarRow *row)
{
  g_autoptr(GError) error = NULL;

  if (!lineup_store_edit_pillar (row->page->store, lineup_pillar_get_id (pillar_of (row)),
                                 gtk_editable_get_text (GTK_EDITABLE (row->name)), NULL, FALSE, 0, &error))
    refuse (row->page, error);
}

static void
on_color_set_cb (LineupPillarRow *row)
{
  g_autoptr(GError) error = NULL;
  GdkRGBA rgba;
  g_autofree char *color = NULL;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (row->color), &rgba);
  color = rgba_to_hex (&rgba);
  if (!lineup_store_edit_pillar (row->page->store, lineup_pillar_get_id (pillar_of (row)),
                                 NULL, color, FALSE, 0, &error))
    refuse (row->page, error);
}

static void
on_target_cb (LineupPillarRow *row)
{
  g_autoptr(GError) error = NULL;
  double value = gtk_spin_button_get_value (row->target);

  if (value == MAX (lineup_pillar_get_target (pillar_of (row)), 0))
    return;
  if (!lineup_store_edit_pillar (row->page->store, lineup_pillar_get_id (pillar_of (row)),
                                 NULL, NULL, TRUE, value > 0 ? value : -1, &error))
    refuse (row->page, error);
}

static void
on_remove_cb (LineupPillarRow *row)
{
  g_autoptr(GError) error = NULL;
  gint64 move_to = 0;

  if (gtk_widget_get_visible (GTK_WIDGET (row->move_to)))
    {
      guint picked = gtk_drop_down_get_selected (row->move_to);
      LineupPillar *other = picked == GTK_INVALID_LIST_POSITION ? NULL
        : lineup_store_find_pillar (row->page->store, gtk_string_list_get_string (row->others, picked));

      move_to = other ? lineup_pillar_get_id (other) : 0;
    }
  if (!lineup_store_remove_pillar (row->page->store, lineup_pillar_get_id (pillar_of (row)), move_to, &error))
    refuse (row->page, error);
}

static void
pillar_row_update (LineupPillarRow *row)
{
  LineupPillar *pillar = pillar_of (row);
  LineupStore *store = row->page->store;
  GListModel *all = lineup_store_get_pillars (store);
  guint n = lineup_store_count_pillar_posts (store, lineup_pillar_get_id (pillar));
  g_autofree char *title = g_markup_escape_text (lineup_pillar_get_name (pillar), -1);
  g_autofree char *posts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u post", "%u posts", n), n);
  g_autofree char *subtitle = lineup_pillar_get_target (pillar) >= 0
    ? g_strdup_printf (_("%s · target %g %%"), posts, lineup_pillar_get_target (pillar))
    : g_strdup_printf (_("%s · no target"), posts);
  g_autofree char *color_name = g_strdup_printf (_("Colour of %s"), lineup_pillar_get_name (pillar));
  g_autofree char *target_name = g_strdup_printf (_("Target share of %s"), lineup_pillar_get_name (pillar));
  g_autofree char *remove_name = g_strdup_printf (_("Remove %s"), lineup_pillar_get_name (pillar));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GdkRGBA rgba;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  if (!(gtk_widget_get_state_flags (row->name) & GTK_STATE_FLAG_FOCUS_WITHIN))
    gtk_editable_set_text (GTK_EDITABLE (row->name), lineup_pillar_get_name (pillar));

  if (gdk_rgba_parse (&rgba, lineup_pillar_get_color (pillar)))
    {
      g_signal_handlers_block_by_func (row->color, on_color_set_cb, row);
      gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (row->color), &rgba);
      g_signal_handlers_unblock_by_func (row->color, on_color_set_cb, row);
    }
  /* libadwaita 1.2 names an expander's header, not the row that takes
   * the focus; GTK 4.8 leaves the buttons inside a colour button and a
   * drop-down nameless: each is named here. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  lineup_pillar_get_name (pillar), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->color), GTK_ACCESSIBLE_PROPERTY_LABEL, color_name, -1);
  if (gtk_widget_get_first_child (GTK_WIDGET (row->color)))
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_first_child (GTK_WIDGET (row->color))),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, color_name, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->target), GTK_ACCESSIBLE_PROPERTY_LABEL, target_name, -1);

  if (gtk_spin_button_get_value (row->target) != MAX (lineup_pillar_get_target (pillar), 0))
    {
      g_signal_handlers_block_by_func (row->target, on_target_cb, row);
      gtk_spin_button_set_value (row->target, MAX (lineup_pillar_get_target (pillar), 0));
      g_signal_handlers_unblock_by_func (row->target, on_target_cb, row);
    }

  /* Its posts need a pillar to go to: the others, offered by name. */
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(LineupPillar) other = g_list_model_get_item (all, i);

      if (lineup_pillar_get_id (other) != lineup_pillar_get_id (pillar))
        g_ptr_array_add (names, (gpointer) lineup_pillar_get_name (other));
    }
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (row->others, 0, g_list_model_get_n_items (G_LIST_MODEL (row->others)),
                          (const char * const *) names->pdata);
  gtk_widget_set_visible (GTK_WIDGET (row->move_to), n > 0 && names->len > 1);
  if (n == 0)
    adw_action_row_set_subtitle (row->remove_row, _("No post uses it"));
  else if (names->len > 1)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Its %u post moves to",
                                                            "Its %u posts move to", n), n);
      adw_action_row_set_subtitle (row->remove_row, text);
    }
  else
    adw_action_row_set_subtitle (row->remove_row, _("Its posts need another pillar: add one first"));
  gtk_widget_set_sensitive (row->remove, n == 0 || names->len > 1);
  gtk_widget_set_tooltip_text (row->remove, remove_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_name, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->move_to), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Pillar its posts move to"), -1);
  if (gtk_widget_get_first_child (GTK_WIDGET (row->move_to)))
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_first_child (GTK_WIDGET (row->move_to))),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pillar its posts move to"), -1);
}

static void
lineup_pillar_row_dispose (GObject *object)
{
  g_clear_object (&LINEUP_PILLAR_ROW (object)->item);
  G_OBJECT_CLASS (lineup_pillar_row_parent_class)->dispose (object);
}

static void
lineup_pillar_row_class_init (LineupPillarRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lineup_pillar_row_dispose;
}

static void
lineup_pillar_row_init (LineupPillarRow *row)
{
}

static GtkWidget *
pillar_row_new (gpointer item,
                gpointer data)
{
  LineupPillarRow *row = g_object_new (LINEUP_TYPE_PILLAR_ROW, NULL);
  GtkWidget *color_row = adw_action_row_new ();
  GtkWidget *target_row = adw_action_row_new ();

  row->page = data;
  row->item = g_object_ref (item);

  row->name = lineup_preferences_entry_row (_("Name"), NULL);
  g_signal_connect_swapped (row->name, "apply", G_CALLBACK (on_rename_cb), row);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), row->name);

  row->color = GTK_COLOR_BUTTON (gtk_color_button_new ());
  gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (row->color), FALSE);
  gtk_widget_set_valign (GTK_WIDGET (row->color), GTK_ALIGN_CENTER);
  g_signal_connect_swapped (row->color, "color-set", G_CALLBACK (on_color_set_cb), row);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (color_row), _("Colour"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (color_row), GTK_WIDGET (row->color));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (color_row), GTK_WIDGET (row->color));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), color_row);

  row->target = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 100, 1));
  gtk_widget_set_valign (GTK_WIDGET (row->target), GTK_ALIGN_CENTER);
  g_signal_connect_swapped (row->target, "value-changed", G_CALLBACK (on_target_cb), row);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (target_row), _("Target share"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (target_row), _("Of the posts counted in a month; 0 for none"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (target_row), GTK_WIDGET (row->target));
  adw_action_row_add_suffix (ADW_ACTION_ROW (target_row), gtk_label_new ("%"));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), target_row);

  row->remove_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->remove_row), _("Remove"));
  row->others = gtk_string_list_new (NULL);
  row->move_to = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (row->others), NULL));
  gtk_widget_set_valign (GTK_WIDGET (row->move_to), GTK_ALIGN_CENTER);
  row->remove = gtk_button_new_with_label (_("Remove"));
  gtk_widget_add_css_class (row->remove, "destructive-action");
  gtk_widget_set_valign (row->remove, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (row->remove, "clicked", G_CALLBACK (on_remove_cb), row);
  adw_action_row_add_suffix (row->remove_row, GTK_WIDGET (row->move_to));
  adw_action_row_add_suffix (row->remove_row, row->remove);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), GTK_WIDGET (row->remove_row));

  pillar_row_update (row);
  g_signal_connect_object (item, "changed", G_CALLBACK (pillar_row_update), row, G_CONNECT_SWAPPED);
  return GTK_WIDGET (row);
}

static void
on_add_pillar_cb (AdwEntryRow              *row,
                  LineupPreferencesPillars *self)
{
  g_autoptr(GError) error = NULL;

  if (!lineup_store_add_pillar (self->store, gtk_editable_get_text (GTK_EDITABLE (row)), NULL, -1, &error))
    lineup_preferences_toast (GTK_WIDGET (self), error->message);
  else
    gtk_editable_set_text (GTK_EDITABLE (row), "");
}

/* ---- the page ---- */

static char *
pillar_key (gconstpointer data)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, lineup_pillar_get_id ((LineupPillar *) data));
}

/* What its row shows, the names the others offer and its posts included. */
static char *
pillar_signature (gconstpointer data)
{
  LineupPillar *pillar = (LineupPillar *) data;

  return g_strdup_printf ("%s\x1f%s\x1f%g", lineup_pillar_get_name (pillar), lineup_pillar_get_color (pillar),
                          lineup_pillar_get_target (pillar));
}

static void
reload (LineupPreferencesPillars *self,
        gboolean                  refresh)
{
  GListModel *model = lineup_store_get_pillars (self->store);
  g_autoptr(GPtrArray) pillars = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *warning = lineup_mix_pillar_targets_warning (self->store);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (pillars, g_list_model_get_item (model, i));
  /* A rename or a removal changes what the other rows offer, and a post
   * moved changes their counts: every row shows the plan again. */
  lineup_preferences_list_sync (self->pillars, pillars, pillar_key, pillar_signature, g_object_unref, TRUE);
  gtk_label_set_label (self->pillar_sum, warning ? warning : "");
  gtk_widget_set_visible (GTK_WIDGET (self->pillar_sum), warning != NULL);
  (void) refresh;
}

static void
on_store_changed (GtkWidget *page)
{
  reload (LINEUP_PREFERENCES_PILLARS (page), FALSE);
}

void
lineup_preferences_pillars_set_store (LineupPreferencesPillars *self,
                                      LineupStore              *store)
{
  g_return_if_fail (LINEUP_IS_PREFERENCES_PILLARS (self));
  g_return_if_fail (LINEUP_IS_STORE (store));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  reload (self, FALSE);
  lineup_preferences_follow_store (GTK_WIDGET (self), store, on_store_changed,
                                   "plan-changed", "reloaded", "pillars-changed", "post-added", "post-removed",
                                   "post-changed", NULL);
}

static void
lineup_preferences_pillars_dispose (GObject *object)
{
  LineupPreferencesPillars *self = LINEUP_PREFERENCES_PILLARS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_PREFERENCES_PILLARS);
  g_clear_object (&self->pillars);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (lineup_preferences_pillars_parent_class)->dispose (object);
}

static void
lineup_preferences_pillars_class_init (LineupPreferencesPillarsClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = lineup_preferences_pillars_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lineup/Lineup/preferences/lineup-preferences-pillars.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesPillars, pillars_list);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesPillars, pillar_sum);
  gtk_widget_class_bind_template_callback (widget_class, on_add_pillar_cb);
}

static void
lineup_preferences_pillars_init (LineupPreferencesPillars *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->pillars = g_list_store_new (LINEUP_TYPE_PREFERENCES_ITEM);
  lineup_preferences_list_bind (self->pillars_list, G_LIST_MODEL (self->pillars), pillar_row_new, self);
}
