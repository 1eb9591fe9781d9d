/* lineup-preferences-campaigns.c: the Campaigns page of Preferences: a
 * row for each campaign that opens on its name, first and last day,
 * colour and removal (its posts stay, in no campaign), and the fields
 * that create one.
 *
 * The store replaces its campaigns whole when one changes; the page keeps
 * a GListStore of items synced by id (lineup-preferences-list.h), so a
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
#include "lineup-preferences-campaigns.h"
#include "lineup-store-utm.h"

struct _LineupPreferencesCampaigns
{
  AdwPreferencesPage parent_instance;

  LineupStore *store;
  GListStore *campaigns;   /* of LineupPreferencesItem, each a LineupCampaign */

  GtkListBox *campaigns_list;
  AdwEntryRow *new_name;
  AdwEntryRow *new_from;
  AdwEntryRow *new_to;
  GtkColorButton *new_color;
};

G_DEFINE_FINAL_TYPE (LineupPreferencesCampaigns, lineup_preferences_campaigns, ADW_TYPE_PREFERENCES_PAGE)

static void reload (LineupPreferencesCampaigns *self);

/* Reports a refusal and shows what is stored again. */
static void
refuse (LineupPreferencesCampaigns *self,
        GError                     *error)
{
  lineup_preferences_toast (GTK_WIDGET (self), error->message);
  reload (self);
}

static char *
color_of (GtkColorButton *button)
{
  GdkRGBA rgba;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  return g_strdup_printf ("#%02x%02x%02x", (int) (CLAMP (rgba.red, 0, 1) * 255 + 0.5),
                          (int) (CLAMP (rgba.green, 0, 1) * 255 + 0.5), (int) (CLAMP (rgba.blue, 0, 1) * 255 + 0.5));
}

/* ---- a campaign ---- */

#define LINEUP_TYPE_CAMPAIGN_ROW (lineup_campaign_row_get_type ())
G_DECLARE_FINAL_TYPE (LineupCampaignRow, lineup_campaign_row, LINEUP, CAMPAIGN_ROW, AdwExpanderRow)

struct _LineupCampaignRow
{
  AdwExpanderRow parent_instance;

  LineupPreferencesCampaigns *page;   /* unowned: it holds the list */
  LineupPreferencesItem *item;
  GtkWidget *name;        /* AdwEntryRow */
  GtkWidget *from;
  GtkWidget *to;
  GtkWidget *utm;         /* AdwEntryRow: its own utm_campaign, empty for the default */
  GtkColorButton *color;
  GtkWidget *remove;
};

G_DEFINE_FINAL_TYPE (LineupCampaignRow, lineup_campaign_row, ADW_TYPE_EXPANDER_ROW)

static LineupCampaign *
campaign_of (LineupCampaignRow *row)
{
  return lineup_preferences_item_get_data (row->item);
}

static void
edit (LineupCampaignRow *row,
      const char        *name,
      const char        *color,
      const char        *from,
      const char        *to)
{
  g_autoptr(GError) error = NULL;

  if (!lineup_store_edit_campaign (row->page->store, lineup_campaign_get_id (campaign_of (row)),
                                   name, color, from, to, &error))
    refuse (row->page, error);
}

static void
on_rename_cb (LineupCampaignRow *row)
{
  edit (row, gtk_editable_get_text (GTK_EDITABLE (row->name)), NULL, NULL, NULL);
}

static void
on_from_cb (LineupCampaignRow *row)
{
  edit (row, NULL, NULL, gtk_editable_get_text (GTK_EDITABLE (row->from)), NULL);
}

static void
on_to_cb (LineupCampaignRow *row)
{
  edit (row, NULL, NULL, NULL, gtk_editable_get_text (GTK_EDITABLE (row->to)));
}

static void
on_utm_cb (LineupCampaignRow *row)
{
  g_autoptr(GError) error = NULL;

  if (!lineup_store_set_utm_campaign (row->page->store, lineup_campaign_get_id (campaign_of (row)),
                                      gtk_editable_get_text (GTK_EDITABLE (row->utm)), &error))
    {
      gtk_widget_add_css_class (row->utm, "error");
      refuse (row->page, error);
    }
}

static void
on_utm_changed_cb (GtkWidget *entry)
{
  gtk_widget_remove_css_class (entry, "error");
}

static void show_text (GtkWidget  *entry,
                       const char *text);

/* The utm_campaign row: the campaign's own value, the default (its name
 * cleaned) as the placeholder and in the tooltip. */
static void
campaign_row_update_utm (LineupCampaignRow *row,
                         LineupCampaign    *campaign)
{
  g_autofree char *value = lineup_store_get_utm_campaign (row->page->store, lineup_campaign_get_id (campaign));
  g_autofree char *fallback = lineup_utm_clean_value (lineup_campaign_get_name (campaign));
  /* TRANSLATORS: tooltip of a campaign's utm_campaign row; %s is the default, e.g. "spring-launch". */
  g_autofree char *tooltip = g_strdup_printf (_("utm_campaign on this campaign’s links; empty for “%s”, its name"), fallback);
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (row->utm));

  show_text (row->utm, g_strcmp0 (value, fallback) == 0 ? "" : value);
  if (GTK_IS_TEXT (text))
    gtk_text_set_placeholder_text (GTK_TEXT (text), fallback);
  gtk_widget_set_tooltip_text (row->utm, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->utm), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip, -1);
}

static void
on_color_set_cb (LineupCampaignRow *row)
{
  g_autofree char *color = color_of (row->color);

  edit (row, NULL, color, NULL, NULL);
}

static void
on_remove_cb (LineupCampaignRow *row)
{
  g_autoptr(GError) error = NULL;

  if (!lineup_store_remove_campaign (row->page->store, lineup_campaign_get_id (campaign_of (row)), &error))
    refuse (row->page, error);
}

static void
show_text (GtkWidget  *entry,
           const char *text)
{
  if (!(gtk_widget_get_state_flags (entry) & GTK_STATE_FLAG_FOCUS_WITHIN) &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static void
campaign_row_update (LineupCampaignRow *row)
{
  LineupCampaign *campaign = campaign_of (row);
  guint n = lineup_store_count_campaign_posts (row->page->store, lineup_campaign_get_id (campaign));
  g_autofree char *title = g_markup_escape_text (lineup_campaign_get_name (campaign), -1);
  g_autofree char *posts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u post", "%u posts", n), n);
  g_autofree char *subtitle = g_strdup_printf (_("%s to %s · %s"), lineup_campaign_get_starts_on (campaign),
                                               lineup_campaign_get_ends_on (campaign), posts);
  g_autofree char *color_name = g_strdup_printf (_("Colour of %s"), lineup_campaign_get_name (campaign));
  g_autofree char *remove_name = g_strdup_printf (_("Remove %s"), lineup_campaign_get_name (campaign));
  GdkRGBA rgba;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  show_text (row->name, lineup_campaign_get_name (campaign));
  show_text (row->from, lineup_campaign_get_starts_on (campaign));
  show_text (row->to, lineup_campaign_get_ends_on (campaign));
  campaign_row_update_utm (row, campaign);
  if (gdk_rgba_parse (&rgba, lineup_campaign_get_color (campaign)))
    {
      g_signal_handlers_block_by_func (row->color, on_color_set_cb, row);
      gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (row->color), &rgba);
      g_signal_handlers_unblock_by_func (row->color, on_color_set_cb, row);
    }
  /* libadwaita 1.2 names an expander's header, not the row that takes
   * the focus; GTK 4.8 leaves the button inside a colour button nameless. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  lineup_campaign_get_name (campaign), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->color), GTK_ACCESSIBLE_PROPERTY_LABEL, color_name, -1);
  if (gtk_widget_get_first_child (GTK_WIDGET (row->color)))
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_first_child (GTK_WIDGET (row->color))),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, color_name, -1);
  gtk_widget_set_tooltip_text (row->remove, remove_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_name, -1);
}

static void
lineup_campaign_row_dispose (GObject *object)
{
  g_clear_object (&LINEUP_CAMPAIGN_ROW (object)->item);
  G_OBJECT_CLASS (lineup_campaign_row_parent_class)->dispose (object);
}

static void
lineup_campaign_row_class_init (LineupCampaignRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lineup_campaign_row_dispose;
}

static void
lineup_campaign_row_init (LineupCampaignRow *row)
{
}

static GtkWidget *
campaign_row_new (gpointer item,
                  gpointer data)
{
  LineupCampaignRow *row = g_object_new (LINEUP_TYPE_CAMPAIGN_ROW, NULL);
  GtkWidget *color_row = adw_action_row_new ();
  GtkWidget *remove_row = adw_action_row_new ();

  row->page = data;
  row->item = g_object_ref (item);

  row->name = lineup_preferences_entry_row (_("Name"), NULL);
  g_signal_connect_swapped (row->name, "apply", G_CALLBACK (on_rename_cb), row);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), row->name);
  row->from = lineup_preferences_entry_row (_("First day"), NULL);
  g_signal_connect_swapped (row->from, "apply", G_CALLBACK (on_from_cb), row);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), row->from);
  row->to = lineup_preferences_entry_row (_("Last day"), NULL);
  g_signal_connect_swapped (row->to, "apply", G_CALLBACK (on_to_cb), row);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), row->to);
  row->utm = lineup_preferences_entry_row (_("UTM Campaign"), NULL);
  g_signal_connect_swapped (row->utm, "apply", G_CALLBACK (on_utm_cb), row);
  g_signal_connect (row->utm, "changed", G_CALLBACK (on_utm_changed_cb), NULL);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), row->utm);

  row->color = GTK_COLOR_BUTTON (gtk_color_button_new ());
  gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (row->color), FALSE);
  gtk_widget_set_valign (GTK_WIDGET (row->color), GTK_ALIGN_CENTER);
  g_signal_connect_swapped (row->color, "color-set", G_CALLBACK (on_color_set_cb), row);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (color_row), _("Colour"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (color_row), GTK_WIDGET (row->color));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (color_row), GTK_WIDGET (row->color));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), color_row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (remove_row), _("Remove"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (remove_row), _("Its posts stay, in no campaign"));
  row->remove = gtk_button_new_with_label (_("Remove"));
  gtk_widget_add_css_class (row->remove, "destructive-action");
  gtk_widget_set_valign (row->remove, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (row->remove, "clicked", G_CALLBACK (on_remove_cb), row);
  adw_action_row_add_suffix (ADW_ACTION_ROW (remove_row), row->remove);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), remove_row);

  campaign_row_update (row);
  g_signal_connect_object (item, "changed", G_CALLBACK (campaign_row_update), row, G_CONNECT_SWAPPED);
  return GTK_WIDGET (row);
}

static void
on_add_campaign_cb (GtkButton                  *button,
                    LineupPreferencesCampaigns *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *color = color_of (self->new_color);
  g_autofree char *from = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_from))));
  g_autofree char *to = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_to))));

  if (!lineup_store_add_campaign (self->store, gtk_editable_get_text (GTK_EDITABLE (self->new_name)),
                                  color, from, to, &error))
    {
      lineup_preferences_toast (GTK_WIDGET (self), error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->new_name), "");
  gtk_editable_set_text (GTK_EDITABLE (self->new_from), "");
  gtk_editable_set_text (GTK_EDITABLE (self->new_to), "");
}

/* ---- the page ---- */

static char *
campaign_key (gconstpointer data)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, lineup_campaign_get_id ((LineupCampaign *) data));
}

static char *
campaign_signature (gconstpointer data)
{
  LineupCampaign *c = (LineupCampaign *) data;

  return g_strdup_printf ("%s\x1f%s\x1f%s\x1f%s", lineup_campaign_get_name (c), lineup_campaign_get_color (c),
                          lineup_campaign_get_starts_on (c), lineup_campaign_get_ends_on (c));
}

static void
reload (LineupPreferencesCampaigns *self)
{
  GListModel *model = lineup_store_get_campaigns (self->store);
  g_autoptr(GPtrArray) campaigns = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (campaigns, g_list_model_get_item (model, i));
  /* Every row again: a post moved in or out changes a count. */
  lineup_preferences_list_sync (self->campaigns, campaigns, campaign_key, campaign_signature, g_object_unref, TRUE);
}

static void
on_store_changed (GtkWidget *page)
{
  reload (LINEUP_PREFERENCES_CAMPAIGNS (page));
}

void
lineup_preferences_campaigns_set_store (LineupPreferencesCampaigns *self,
                                        LineupStore                *store)
{
  g_return_if_fail (LINEUP_IS_PREFERENCES_CAMPAIGNS (self));
  g_return_if_fail (LINEUP_IS_STORE (store));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  reload (self);
  lineup_preferences_follow_store (GTK_WIDGET (self), store, on_store_changed,
                                   "plan-changed", "reloaded", "campaigns-changed", "post-added", "post-removed",
                                   "post-changed", NULL);
}

static void
lineup_preferences_campaigns_dispose (GObject *object)
{
  LineupPreferencesCampaigns *self = LINEUP_PREFERENCES_CAMPAIGNS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_PREFERENCES_CAMPAIGNS);
  g_clear_object (&self->campaigns);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (lineup_preferences_campaigns_parent_class)->dispose (object);
}

static void
lineup_preferences_campaigns_class_init (LineupPreferencesCampaignsClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = lineup_preferences_campaigns_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lineup/Lineup/preferences/lineup-preferences-campaigns.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesCampaigns, campaigns_list);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesCampaigns, new_name);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesCampaigns, new_from);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesCampaigns, new_to);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesCampaigns, new_color);
  gtk_widget_class_bind_template_callback (widget_class, on_add_campaign_cb);
}

static void
lineup_preferences_campaigns_init (LineupPreferencesCampaigns *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->campaigns = g_list_store_new (LINEUP_TYPE_PREFERENCES_ITEM);
  lineup_preferences_list_bind (self->campaigns_list, G_LIST_MODEL (self->campaigns), campaign_row_new, self);
  if (gtk_widget_get_first_child (GTK_WIDGET (self->new_color)))
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_first_child (GTK_WIDGET (self->new_color))),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Colour of the new campaign"), -1);
}
