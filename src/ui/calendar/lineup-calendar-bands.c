/* lineup-calendar-bands.c: campaign bands over a week: one row a campaign,
 * from the day it starts (or the week's first) to the day it ends (or the
 * week's last). Not the day cells under them, nor the posts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-calendar-bands.h"
#include "lineup-post-row.h"
#include "lineup-swatch.h"

static GtkWidget *
make_band (LineupCampaign *campaign,
           const GDate    *from,
           const GDate    *to)
{
  GtkWidget *overlay = gtk_overlay_new ();
  LineupSwatch *swatch = lineup_swatch_new (8, 16);
  GtkWidget *label = gtk_label_new (lineup_campaign_get_name (campaign));
  g_autofree char *start = lineup_format_day (from);
  g_autofree char *end = lineup_format_day (to);
  g_autofree char *name = g_strdup_printf (_("Campaign %s, %s to %s"), lineup_campaign_get_name (campaign), start, end);

  lineup_swatch_set_color (swatch, lineup_campaign_get_color (campaign));
  gtk_widget_set_hexpand (GTK_WIDGET (swatch), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (swatch), GTK_ALIGN_FILL);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), GTK_WIDGET (swatch));
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "campaign-label");
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), label);
  gtk_widget_add_css_class (overlay, "campaign-band");
  gtk_widget_set_tooltip_text (overlay, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (overlay), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return overlay;
}

/* Whether @campaign shows in the week [@week_start, @week_end]; its days. */
static gboolean
campaign_in_week (LineupCampaign *campaign,
                  const GDate    *week_start,
                  const GDate    *week_end,
                  GDate          *out_from,
                  GDate          *out_to)
{
  return lineup_parse_date (lineup_campaign_get_starts_on (campaign), out_from) &&
         lineup_parse_date (lineup_campaign_get_ends_on (campaign), out_to) &&
         g_date_compare (out_to, week_start) >= 0 && g_date_compare (out_from, week_end) <= 0;
}

/* Campaigns are few: a week's bands are made again when what they show
 * changed (most weeks of most months have the same bands, often none). */
void
lineup_calendar_bands_fill (GtkWidget   *band_grid,
                            LineupStore *store,
                            const GDate *week_start)
{
  GListModel *campaigns = lineup_store_get_campaigns (store);
  guint n = g_list_model_get_n_items (campaigns);
  g_autoptr(GString) key = g_string_new (NULL);
  GtkWidget *child;
  GDate week_end = *week_start;
  int row = 0;

  /* What the bands show, in order: where they start and end in the week,
   * their campaign's days, colour and name. */
  g_date_add_days (&week_end, 6);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LineupCampaign) campaign = g_list_model_get_item (campaigns, i);
      GDate from, to;

      if (campaign_in_week (campaign, week_start, &week_end, &from, &to))
        g_string_append_printf (key, "%d %d %u %u %s\x1f%s\x1e",
                                MAX (g_date_days_between (week_start, &from), 0),
                                MIN (g_date_days_between (week_start, &to), 6),
                                g_date_get_julian (&from), g_date_get_julian (&to),
                                lineup_campaign_get_color (campaign) ? lineup_campaign_get_color (campaign) : "",
                                lineup_campaign_get_name (campaign));
    }
  if (g_strcmp0 (g_object_get_data (G_OBJECT (band_grid), "lineup-bands"), key->str) == 0)
    return;
  g_object_set_data_full (G_OBJECT (band_grid), "lineup-bands", g_string_free (g_steal_pointer (&key), FALSE), g_free);

  while ((child = gtk_widget_get_first_child (band_grid)))
    gtk_grid_remove (GTK_GRID (band_grid), child);
  /* A grid counts only the columns that hold something: seven empty
   * placeholders make a band start and end on its days. */
  for (int c = 0; c < 7; c++)
    gtk_grid_attach (GTK_GRID (band_grid), gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0), c, 99, 1, 1);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LineupCampaign) campaign = g_list_model_get_item (campaigns, i);
      GDate from, to, shown_from, shown_to;

      if (!campaign_in_week (campaign, week_start, &week_end, &from, &to))
        continue;

      shown_from = g_date_compare (&from, week_start) < 0 ? *week_start : from;
      shown_to = g_date_compare (&to, &week_end) > 0 ? week_end : to;
      gtk_grid_attach (GTK_GRID (band_grid), make_band (campaign, &from, &to),
                       g_date_days_between (week_start, &shown_from), row,
                       g_date_days_between (&shown_from, &shown_to) + 1, 1);
      row++;
    }
}

GtkWidget *
lineup_calendar_bands_new (void)
{
  GtkWidget *band_grid = gtk_grid_new ();

  gtk_grid_set_column_homogeneous (GTK_GRID (band_grid), TRUE);
  gtk_grid_set_row_spacing (GTK_GRID (band_grid), 1);
  gtk_widget_add_css_class (band_grid, "campaign-bands");
  return band_grid;
}
