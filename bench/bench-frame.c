/* bench-frame.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bench-frame.h"

static gboolean painted;
static gint64 frame_start;
static gint64 frame_end;

/* The frame's own work: from its start (before its update phase, where the grid rebuilds)
 * to the end of painting; the wait for the next vblank is not work. */
static void
on_update (GdkFrameClock *clock,
           gpointer       data)
{
  if (!painted && frame_start == 0)
    frame_start = g_get_monotonic_time ();
}

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       data)
{
  frame_end = g_get_monotonic_time ();
  painted = TRUE;
}

/* Runs @action and waits for the frame that shows its result; returns the
 * latency and stores the frame's own work in @work. */
double
bench_time_to_frame (GtkWidget *window,
               void     (*action) (gpointer),
               gpointer   data,
               double    *work)
{
  gint64 t0, acted;

  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  painted = FALSE;
  frame_start = 0;
  t0 = g_get_monotonic_time ();
  action (data);
  acted = g_get_monotonic_time ();
  gtk_widget_queue_draw (window);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  /* The action itself (a drop's store commit) plus the frame's work. */
  if (work)
    *work = ((acted - t0) + (frame_end - (frame_start ? frame_start : acted))) / 1000.0;
  return (frame_end - t0) / 1000.0;
}

void
bench_nothing (gpointer data)
{
}


void
bench_frame_watch (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "before-paint", G_CALLBACK (on_update), NULL);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint), NULL);
}
