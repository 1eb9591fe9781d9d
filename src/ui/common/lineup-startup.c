/* lineup-startup.c: what the app does after its window's first frame.
 *
 * A start shows the month first: the window's first frame holds the
 * header, the view switcher and the month grid. Everything else a start
 * needs (the sidebar's mix, the backlog, the overlays, publishing, feeds)
 * asks for a step here and runs after that frame, one step an idle at
 * G_PRIORITY_DEFAULT_IDLE: below input and below the frame clock, so a
 * key press or a redraw never waits for more than one step. Long jobs are
 * cut into steps (a step returns G_SOURCE_CONTINUE to run again).
 *
 * For bench/lineup-bench-startup the longest main-loop iteration after
 * the first frame is measured by wrapping the context's poll: the time
 * from one poll's return to the next poll is what input would wait. With
 * LINEUP_STARTUP_TRACE set as well, every iteration over 4 ms is printed
 * on stderr with the step that ran in it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lineup-startup.h"

/* After the last step, how long the loop must stay quiet before the
 * measurement ends (the frames the last steps asked for come in it). */
#define QUIET_MS 400

typedef struct {
  GWeakRef owner;
  const char *what;
  LineupStartupStep step;
} Step;

static GQueue steps = G_QUEUE_INIT;
static gboolean first_frame_done;
static guint idle_id;

/* The measurement's state. */
static GPollFunc default_poll;
static gint64 poll_returned;
static gint64 longest_us;
static const char *running;        /* the step run in this iteration */
static const char *last_run;       /* the last step run */
static const char *longest_what;
static gboolean longest_was_step;
static void (*measure_first_frame) (gpointer);
static void (*measure_done) (double, const char *, gpointer);
static gpointer measure_data;
static guint quiet_id;
static gboolean tracing;

static gint measuring_poll (GPollFD *fds,
                           guint    n_fds,
                           gint     timeout);

static void
step_free (Step *step)
{
  g_weak_ref_clear (&step->owner);
  g_free (step);
}

static gboolean
on_quiet_cb (gpointer data)
{
  g_autofree char *what = NULL;

  quiet_id = 0;
  if (!lineup_startup_is_done () || measure_done == NULL)
    return G_SOURCE_REMOVE;
  g_main_context_set_poll_func (NULL, default_poll);
  if (longest_was_step)
    what = g_strdup (longest_what);
  else
    what = g_strdup_printf ("a frame or event, after %s", longest_what ? longest_what : "the first frame");
  measure_done (longest_us / 1000.0, what, measure_data);
  measure_done = NULL;
  return G_SOURCE_REMOVE;
}

static gboolean
run_next_step_cb (gpointer data)
{
  Step *step = g_queue_peek_head (&steps);
  g_autoptr(GObject) owner = NULL;

  if (step == NULL)
    {
      idle_id = 0;
      if (measure_done && quiet_id == 0)
        quiet_id = g_timeout_add (QUIET_MS, on_quiet_cb, NULL);
      return G_SOURCE_REMOVE;
    }
  owner = g_weak_ref_get (&step->owner);
  running = step->what;
  if (owner == NULL || step->step (owner) == G_SOURCE_REMOVE)
    step_free (g_queue_pop_head (&steps));
  return G_SOURCE_CONTINUE;
}

static void
schedule (void)
{
  if (first_frame_done && idle_id == 0)
    {
      idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, run_next_step_cb, NULL, NULL);
      g_source_set_name_by_id (idle_id, "[lineup] after the first frame");
    }
}

void
lineup_startup_after_first_frame (gpointer           owner,
                                  const char        *what,
                                  LineupStartupStep  step)
{
  Step *entry;

  g_return_if_fail (G_IS_OBJECT (owner));
  g_return_if_fail (step != NULL);

  entry = g_new0 (Step, 1);
  g_weak_ref_init (&entry->owner, owner);
  entry->what = what;
  entry->step = step;
  g_queue_push_tail (&steps, entry);
  schedule ();
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gpointer       data)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, data);
  first_frame_done = TRUE;
  poll_returned = 0;   /* the first frame's own iteration is not counted */
  schedule ();
  if (measure_first_frame)
    {
      measure_first_frame (measure_data);
      default_poll = g_main_context_get_poll_func (NULL);
      g_main_context_set_poll_func (NULL, measuring_poll);
      if (lineup_startup_is_done () && quiet_id == 0)
        quiet_id = g_timeout_add (QUIET_MS, on_quiet_cb, NULL);
    }
}

static void
on_map_cb (GtkWidget *window,
           gpointer   data)
{
  g_signal_handlers_disconnect_by_func (window, on_map_cb, data);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint_cb), NULL);
}

void
lineup_startup_watch_window (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  if (first_frame_done)
    return;
  if (gtk_widget_get_mapped (GTK_WIDGET (window)))
    on_map_cb (GTK_WIDGET (window), NULL);
  else
    g_signal_connect (window, "map", G_CALLBACK (on_map_cb), NULL);
}

gboolean
lineup_startup_is_done (void)
{
  return first_frame_done && g_queue_is_empty (&steps);
}

static gint
measuring_poll (GPollFD *fds,
                guint    n_fds,
                gint     timeout)
{
  gint64 now = g_get_monotonic_time ();
  gint result;

  /* LINEUP_STARTUP_TRACE=1: every iteration over 4 ms, on stderr. */
  if (tracing && poll_returned != 0 && now - poll_returned > 4000)
    g_printerr ("lineup-startup: %.1f ms in %s (until %.1f ms, monotonic)\n", (now - poll_returned) / 1000.0,
                running ? running : "a frame or event", now / 1000.0);
  if (first_frame_done && poll_returned != 0 && now - poll_returned > longest_us)
    {
      longest_us = now - poll_returned;
      longest_was_step = running != NULL;
      longest_what = running ? running : last_run;
    }
  if (running)
    last_run = running;
  running = NULL;
  result = default_poll (fds, n_fds, timeout);
  poll_returned = g_get_monotonic_time ();
  return result;
}

void
lineup_startup_measure_stalls (void (*first_frame) (gpointer),
                               void (*done) (double, const char *, gpointer),
                               gpointer data)
{
  g_return_if_fail (first_frame != NULL && done != NULL);

  /* A later window: the start was measured already (or never will be). */
  if (first_frame_done)
    return;
  measure_first_frame = first_frame;
  measure_done = done;
  measure_data = data;
  tracing = g_getenv ("LINEUP_STARTUP_TRACE") != NULL;
}
