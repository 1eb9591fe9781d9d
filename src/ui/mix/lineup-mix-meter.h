/* lineup-mix-meter.h: the content mix as bars, one a row, each with its
 * target band marked and coloured by its state (under, within, over).
 *
 * Every bar is a custom-drawn widget (CSS name "mixbar") with the meter
 * role: its accessible value is the row's share in percent (0–100), and its
 * value text and description say the share, the count, the target and the
 * state. Compact bars (the calendar's sidebar) are thinner. A meter set
 * from a report says under its bars what is counted and what is not
 * ("20 counted · 7 briefs not counted").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lineup-core.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_MIX_METER (lineup_mix_meter_get_type ())
G_DECLARE_FINAL_TYPE (LineupMixMeter, lineup_mix_meter, LINEUP, MIX_METER, GtkWidget)

LineupMixMeter *lineup_mix_meter_new      (gboolean        compact);
/* @rows: LineupMixRow (borrowed for the call). Bars are reused. */
void            lineup_mix_meter_set_rows (LineupMixMeter *self,
                                           GPtrArray      *rows);
/* Before the first report (a start: the mix is counted after the first
 * frame): a bar for each of @types (LineupContentType), named but empty,
 * and the line under them, so the report fills them in without moving
 * what is below the meter. */
void            lineup_mix_meter_reserve  (LineupMixMeter *self,
                                           GListModel     *types);
/* The report's types as bars, and the line saying what is counted. */
void            lineup_mix_meter_set_report (LineupMixMeter  *self,
                                             LineupMixReport *report);

G_END_DECLS
