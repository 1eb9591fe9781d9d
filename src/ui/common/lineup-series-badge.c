/* lineup-series-badge.c: the repeat badge of a post in a series
 * (lineup-series-badge.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-series-badge.h"

gboolean
lineup_series_badge_in_series (LineupStore *store,
                               LineupPost  *post)
{
  return store && post && lineup_store_get_post_series (store, lineup_post_get_id (post), NULL, NULL);
}

void
lineup_series_badge_update (GtkWidget  **badge,
                            GtkWidget   *box,
                            GtkWidget   *after,
                            LineupStore *store,
                            LineupPost  *post)
{
  gboolean in_series = lineup_series_badge_in_series (store, post);

  if (*badge == NULL && !in_series)
    return;
  if (*badge == NULL)
    {
      *badge = gtk_image_new_from_icon_name ("media-playlist-repeat-symbolic");
      gtk_image_set_pixel_size (GTK_IMAGE (*badge), 12);
      gtk_widget_add_css_class (*badge, "series-badge");
      gtk_widget_add_css_class (*badge, "dim-label");
      gtk_widget_set_valign (*badge, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (*badge, _("Repeats: a post of a series"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (*badge), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Repeats"), -1);
      if (after)
        gtk_box_insert_child_after (GTK_BOX (box), *badge, after);
      else
        gtk_box_append (GTK_BOX (box), *badge);
    }
  gtk_widget_set_visible (*badge, in_series);
}
