/* lineup-month-picker.h: the popover under the calendar's title: a year
 * with previous/next buttons and the twelve months. A month button
 * activates calendar.pick-month (int 1–12) for the year shown here; what
 * that does is the calendar view's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LINEUP_TYPE_MONTH_PICKER (lineup_month_picker_get_type ())
G_DECLARE_FINAL_TYPE (LineupMonthPicker, lineup_month_picker, LINEUP, MONTH_PICKER, GtkPopover)

/* The year whose months it offers (1900–9999). */
void lineup_month_picker_set_year (LineupMonthPicker *self,
                                   int                year);
int  lineup_month_picker_get_year (LineupMonthPicker *self);

G_END_DECLS
