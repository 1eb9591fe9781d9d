/* lineup-snapshot.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lineup-snapshot.h"

void
lineup_snapshot_layout (GtkSnapshot   *snapshot,
                        PangoLayout   *layout,
                        float          x,
                        float          y,
                        const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

void
lineup_snapshot_rounded (GtkSnapshot           *snapshot,
                         const GdkRGBA         *color,
                         const graphene_rect_t *rect,
                         float                  radius)
{
  GskRoundedRect rounded;

  if (rect->size.width <= 0)
    return;
  radius = MIN (radius, MIN (rect->size.width, rect->size.height) / 2);
  gsk_rounded_rect_init_from_rect (&rounded, rect, radius);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, color, rect);
  gtk_snapshot_pop (snapshot);
}
