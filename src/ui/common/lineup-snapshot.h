/* lineup-snapshot.h: the two drawing steps the app's drawn widgets (bars,
 * grids, cards, swatches) all take: a text layout placed at a point, and
 * a rectangle filled with rounded corners.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* @layout with its top left corner at @x, @y. */
void lineup_snapshot_layout  (GtkSnapshot           *snapshot,
                              PangoLayout           *layout,
                              float                  x,
                              float                  y,
                              const GdkRGBA         *color);
/* @rect filled with @color, its corners rounded by @radius (at most half
 * its height and width: a pill). Nothing when it has no width. */
void lineup_snapshot_rounded (GtkSnapshot           *snapshot,
                              const GdkRGBA         *color,
                              const graphene_rect_t *rect,
                              float                  radius);

G_END_DECLS
