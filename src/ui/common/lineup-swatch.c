/* lineup-swatch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lineup-swatch.h"
#include "lineup-snapshot.h"

struct _LineupSwatch
{
  GtkWidget parent_instance;
  GdkRGBA color;
};

G_DEFINE_FINAL_TYPE (LineupSwatch, lineup_swatch, GTK_TYPE_WIDGET)

static void
lineup_swatch_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  LineupSwatch *self = LINEUP_SWATCH (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  lineup_snapshot_rounded (snapshot, &self->color, &GRAPHENE_RECT_INIT (0, 0, width, height), MIN (width, height) / 2.0);
}

static void
lineup_swatch_class_init (LineupSwatchClass *klass)
{
  GTK_WIDGET_CLASS (klass)->snapshot = lineup_swatch_snapshot;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "swatch");
  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass), GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
lineup_swatch_init (LineupSwatch *self)
{
  gdk_rgba_parse (&self->color, "#808080");
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
}

LineupSwatch *
lineup_swatch_new (int width,
                   int height)
{
  LineupSwatch *self = g_object_new (LINEUP_TYPE_SWATCH, NULL);

  gtk_widget_set_size_request (GTK_WIDGET (self), width, height);
  return self;
}

void
lineup_swatch_set_color (LineupSwatch *self,
                         const char   *color)
{
  GdkRGBA rgba;

  g_return_if_fail (LINEUP_IS_SWATCH (self));

  if (color && gdk_rgba_parse (&rgba, color) && !gdk_rgba_equal (&rgba, &self->color))
    {
      self->color = rgba;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}
