/* bench-frame.h: timing the real widgets to the painted frame, shared by
 * the benchmarks that need a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "bench-util.h"

/* Starts watching @window's frame clock (call once it is mapped). */
void   bench_frame_watch   (GtkWidget  *window);
/* Runs @action and waits for the frame that shows its result; returns the
 * latency in ms and stores the action plus the frame's own work in @work. */
double bench_time_to_frame (GtkWidget  *window,
                            void      (*action) (gpointer),
                            gpointer    data,
                            double     *work);
/* An action that does nothing: the baseline frame. */
void   bench_nothing       (gpointer    data);
