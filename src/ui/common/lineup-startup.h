/* lineup-startup.h: what the app does after its window's first frame.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* One step of the work after the first frame. Return G_SOURCE_CONTINUE to
 * run again (the next part of a long job) before the next step,
 * G_SOURCE_REMOVE when done. */
typedef gboolean (*LineupStartupStep) (gpointer owner);

/* Runs @step on @owner after the first frame of the window given to
 * lineup_startup_watch_window(), in the order asked for, one step an idle
 * (below input and redrawing). Dropped if @owner is finalized first.
 * After that frame, steps asked for run at the next idle. @what names the
 * step for the start-up benchmark ("the backlog"). */
void     lineup_startup_after_first_frame (gpointer           owner,
                                           const char        *what,
                                           LineupStartupStep  step);

/* Starts the steps after @window's first painted frame. */
void     lineup_startup_watch_window      (GtkWindow         *window);

/* TRUE once every step asked for so far has run. */
gboolean lineup_startup_is_done           (void);

/* bench/lineup-bench-startup: calls @first_frame when the watched
 * window's first frame is painted; from then on, measures the longest
 * main-loop iteration (input waits that long) and what ran in it; when
 * every step has run and the loop has been quiet for a moment, calls
 * @done with them. Before lineup_startup_watch_window(); nothing once a
 * first frame was painted. */
void     lineup_startup_measure_stalls    (void (*first_frame) (gpointer data),
                                           void (*done) (double      longest_ms,
                                                         const char *what,
                                                         gpointer    data),
                                           gpointer           data);

/* While stalls are measured: the most CPU time the main thread spent in
 * one iteration after the first frame, in ms, and what ran in it: a
 * stall's own work, whatever else the machine does. */
double   lineup_startup_get_longest_cpu   (const char       **what);

G_END_DECLS
