/* lineup-calendar-bands.h: the campaign bands drawn over one week of the
 * month grid or over the week grid. Not the weeks themselves: the month and
 * week views own the grids these bands sit in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lineup-core.h"

G_BEGIN_DECLS

/* An empty grid of seven homogeneous columns, for one week's bands. */
GtkWidget *lineup_calendar_bands_new  (void);
/* Shows in @band_grid the campaigns of the week starting on @week_start;
 * nothing is remade when the week shows the same bands as before. */
void       lineup_calendar_bands_fill (GtkWidget   *band_grid,
                                       LineupStore *store,
                                       const GDate *week_start);

G_END_DECLS
