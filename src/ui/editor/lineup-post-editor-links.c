/* lineup-post-editor-links.c: the post editor's "Links as They Go Out"
 * expander under the caption's counts: each chosen network's links as
 * they will be posted, with their UTM parameters (lineup-store-utm.h), as
 * selectable labels to copy. It follows the caption, the networks and
 * accounts ticked, the campaign chosen and the plan's UTM settings (the
 * command line or a shared plan changing them), and hides when the
 * caption has no link.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-post-editor-private.h"
#include "lineup-store-utm.h"

LineupPost *
lineup_post_editor_draft_post (LineupPostEditor *self,
                               const char       *body)
{
  LineupPost *draft = self->post ? lineup_post_copy (self->post) : lineup_post_new ();
  guint campaign = adw_combo_row_get_selected (self->campaign_row);

  if (body == NULL)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
      g_autofree char *text = NULL;
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      lineup_post_set_body (draft, text);
    }
  else
    lineup_post_set_body (draft, body);
  if (self->campaign_ids && campaign < self->campaign_ids->len)
    lineup_post_set_campaign_id (draft, *(gint64 *) g_ptr_array_index (self->campaign_ids, campaign));
  lineup_post_set_content_warning (draft, gtk_editable_get_text (GTK_EDITABLE (self->cw_row)));
  /* Each network's own caption, as the tabs hold it. */
  lineup_post_editor_read_variants (self, draft);
  return draft;
}

/* The networks the post goes to now: those ticked, then the networks of
 * the accounts ticked; each once, as keys. */
static GPtrArray *
chosen_networks (LineupPostEditor *self)
{
  GPtrArray *keys = g_ptr_array_new ();
  guint n_platforms;
  const LineupPlatformInfo *platforms = lineup_platforms_get_all (&n_platforms);

  for (guint i = 0; self->platform_checks && i < n_platforms && i < self->platform_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->platform_checks, i)))
      g_ptr_array_add (keys, (gpointer) platforms[i].key);
  for (guint i = 0; self->accounts && self->account_checks && i < self->accounts->len; i++)
    {
      const char *key = lineup_account_kind_to_key (((LineupAccount *) g_ptr_array_index (self->accounts, i))->kind);

      if (gtk_check_button_get_active (g_ptr_array_index (self->account_checks, i)) &&
          !g_ptr_array_find_with_equal_func (keys, key, g_str_equal, NULL))
        g_ptr_array_add (keys, (gpointer) key);
    }
  return keys;
}

static const char *
network_name (const char *key)
{
  const LineupPlatformInfo *info = lineup_platform_lookup (key);
  LineupAccountKind kind;

  if (info)
    return info->name;
  if (lineup_account_kind_from_string (key, &kind))
    return lineup_account_kind_to_label (kind);
  return key;
}

static GtkWidget *
link_label (const char *text,
            const char *network)
{
  GtkWidget *label = gtk_label_new (text);
  PangoAttrList *attrs = pango_attr_list_new ();

  /* A URL broken over two lines gets no hyphen that is not in it. */
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  gtk_label_set_attributes (GTK_LABEL (label), attrs);
  pango_attr_list_unref (attrs);

  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_add_css_class (label, "caption");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, network, -1);
  return label;
}

/* Rebuilds the list; called whenever something it shows may have changed. */
void
lineup_post_editor_update_links (LineupPostEditor *self)
{
  g_autoptr(LineupPost) draft = NULL;
  g_autoptr(GPtrArray) networks = NULL;
  g_auto(GStrv) plain = NULL;
  const LineupUtm untagged = { NULL };
  g_autofree char *title = NULL;
  GtkWidget *child;
  guint n;

  if (self->links_box == NULL)
    return;
  draft = lineup_post_editor_draft_post (self, NULL);
  plain = lineup_utm_final_links (lineup_post_get_body (draft), &untagged, NULL);
  n = plain ? g_strv_length (plain) : 0;
  networks = chosen_networks (self);
  /* A network's own caption may have more links, or some where the main
   * caption has none. */
  for (guint i = 0; i < networks->len; i++)
    {
      g_autofree char *variant = lineup_post_dup_caption_variant (draft, g_ptr_array_index (networks, i));
      g_auto(GStrv) links = variant ? lineup_utm_final_links (variant, &untagged, NULL) : NULL;

      n = MAX (n, links ? g_strv_length (links) : 0);
    }
  gtk_widget_set_visible (self->links_expander, n > 0);
  while ((child = gtk_widget_get_first_child (self->links_box)))
    gtk_box_remove (GTK_BOX (self->links_box), child);
  if (n == 0)
    return;
  title = g_strdup_printf (ngettext ("%u Link as It Goes Out", "%u Links as They Go Out", n), n);
  gtk_expander_set_label (GTK_EXPANDER (self->links_expander), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->links_expander), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);

  if (networks->len == 0)
    {
      GtkWidget *hint = gtk_label_new (_("Choose platforms to see each one’s links with their UTM parameters"));

      gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
      gtk_label_set_xalign (GTK_LABEL (hint), 0);
      gtk_widget_add_css_class (hint, "dim-label");
      gtk_box_append (GTK_BOX (self->links_box), hint);
      return;
    }
  for (guint i = 0; i < networks->len; i++)
    {
      const char *key = g_ptr_array_index (networks, i);
      g_auto(GStrv) links = lineup_store_outgoing_links (self->store, draft, key);
      GtkWidget *heading = gtk_label_new (network_name (key));

      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_widget_add_css_class (heading, "heading");
      gtk_box_append (GTK_BOX (self->links_box), heading);
      for (guint l = 0; links && links[l]; l++)
        gtk_box_append (GTK_BOX (self->links_box), link_label (links[l], network_name (key)));
    }
}

/* The expander goes under the caption's counts. */
void
lineup_post_editor_setup_links (LineupPostEditor *self)
{
  self->links_expander = gtk_expander_new (NULL);
  self->links_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_margin_top (self->links_box, 6);
  gtk_widget_set_margin_top (self->links_expander, 6);
  gtk_widget_set_tooltip_text (self->links_expander,
                               _("Each network’s links as they will be posted, with the UTM parameters set in Preferences"));
  gtk_expander_set_child (GTK_EXPANDER (self->links_expander), self->links_box);
  gtk_widget_insert_after (self->links_expander, gtk_widget_get_parent (GTK_WIDGET (self->count_label)),
                           GTK_WIDGET (self->count_label));
  g_signal_connect_object (self->campaign_row, "notify::selected",
                           G_CALLBACK (lineup_post_editor_update_links), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "plan-changed",
                           G_CALLBACK (lineup_post_editor_update_links), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "campaigns-changed",
                           G_CALLBACK (lineup_post_editor_update_links), self, G_CONNECT_SWAPPED);
  lineup_post_editor_update_links (self);
}
