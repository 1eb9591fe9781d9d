/* lineup-swatch.h: a small rounded mark in a colour that comes from data
 * (a pillar's), drawn rather than styled so no CSS is generated per colour.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LINEUP_TYPE_SWATCH (lineup_swatch_get_type ())
G_DECLARE_FINAL_TYPE (LineupSwatch, lineup_swatch, LINEUP, SWATCH, GtkWidget)

LineupSwatch *lineup_swatch_new       (int           width,
                                       int           height);
/* "#RRGGBB"; NULL or an invalid colour leaves it as it is. */
void          lineup_swatch_set_color (LineupSwatch *self,
                                       const char   *color);

G_END_DECLS
