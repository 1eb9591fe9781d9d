/* lineup-startup.c: what the app does after its window's first frame.
 *
 * A start shows the month first: the window's first frame holds the
 * header, the view switcher and the month grid. Everything else a start
 * needs (the sidebar's mix, the backlog, the overlays, publishing, feeds)
 * asks for a step here and runs after that frame, one step an idle at
 * G_PRIORITY_DEFAULT_IDLE: below input and below the frame clock, so a
 * key press or a redraw never waits for more than one step. Long jobs are
 * cut into steps (a step returns G_SOURCE_CONTINUE to run again). One step
 * a frame: after a step the next waits for the window's next painted frame
 * (or FRAME_WAIT_MS, for a window that does not paint), so the layout and
 * paint of what a step changed are a frame of their own. Without that, the
 * idles between two frames (a frame waits for its time) ran several steps,
 * and the next frame laid out and painted all they had made at once.
 *
 * For bench/lineup-bench-startup the longest main-loop iteration after
 * the first frame is measured by wrapping the context's poll: the time
 * from one poll's return to the next poll is what input would wait. With
 * LINEUP_STARTUP_TRACE set as well, every iteration over 4 ms is printed
 * on stderr with the step that ran in it, the main thread's CPU time in it
 * (the rest is waiting: for the CPU on a loaded machine, for the display
 * server), and for a frame the time of its layout (measure and
 * allocation) and of its paint.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lineup-startup.h"

#include <time.h>

/* After the last step, how long the loop must stay quiet before the
 * measurement ends (the frames the last steps asked for come in it). */
#define QUIET_MS 400
/* How long a step waits for the frame of the step before it, at most. */
#define FRAME_WAIT_MS 100

typedef struct {
  GWeakRef owner;
  const char *what;
  LineupStartupStep step;
} Step;

static GQueue steps = G_QUEUE_INIT;
static gboolean first_frame_done;
static guint idle_id;
static GdkFrameClock *frame_clock;   /* the watched window's */
static guint frame_wait_id;          /* a step waits for a frame */

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
/* The frame of this iteration, when tracing: its phases' start and ends. */
static gint64 frame_start, layout_end, paint_end;
static gint64 cpu_at_poll_return;   /* the main thread's CPU time then */
static gint64 longest_cpu_us;       /* the most CPU an iteration took */
static const char *longest_cpu_what;

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

static void schedule (void);

/* The frame after a step was painted (or never came): the next step. */
static void
frame_waited (void)
{
  if (frame_wait_id == 0)
    return;
  g_clear_handle_id (&frame_wait_id, g_source_remove);
  if (frame_clock)
    g_signal_handlers_disconnect_by_func (frame_clock, frame_waited, NULL);
  schedule ();
}

static gboolean
on_frame_wait_timeout_cb (gpointer data)
{
  frame_waited ();
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
  if (owner == NULL || frame_clock == NULL)
    return G_SOURCE_CONTINUE;
  /* The next step after the frame that shows this one's work; a frame is
   * asked for, so it comes even when the step changed nothing. */
  idle_id = 0;
  frame_wait_id = g_timeout_add (FRAME_WAIT_MS, on_frame_wait_timeout_cb, NULL);
  g_signal_connect_swapped (frame_clock, "after-paint", G_CALLBACK (frame_waited), NULL);
  gdk_frame_clock_request_phase (frame_clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
  return G_SOURCE_REMOVE;
}

static void
schedule (void)
{
  if (first_frame_done && idle_id == 0 && frame_wait_id == 0)
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

/* When tracing: the frame's phases. These run after GTK's own handlers
 * of the same phase (connected when the window was realized). */
static void
on_frame_begin_cb (GdkFrameClock *clock)
{
  frame_start = g_get_monotonic_time ();
}

static void
on_frame_layout_done_cb (GdkFrameClock *clock)
{
  layout_end = g_get_monotonic_time ();
}

static void
on_frame_paint_done_cb (GdkFrameClock *clock)
{
  paint_end = g_get_monotonic_time ();
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
      if (tracing)
        {
          g_signal_connect (clock, "before-paint", G_CALLBACK (on_frame_begin_cb), NULL);
          g_signal_connect (clock, "layout", G_CALLBACK (on_frame_layout_done_cb), NULL);
          g_signal_connect (clock, "paint", G_CALLBACK (on_frame_paint_done_cb), NULL);
        }
      if (lineup_startup_is_done () && quiet_id == 0)
        quiet_id = g_timeout_add (QUIET_MS, on_quiet_cb, NULL);
    }
}

static void
on_map_cb (GtkWidget *window,
           gpointer   data)
{
  g_signal_handlers_disconnect_by_func (window, on_map_cb, data);
  frame_clock = gtk_widget_get_frame_clock (window);
  g_object_add_weak_pointer (G_OBJECT (frame_clock), (gpointer *) &frame_clock);
  g_signal_connect (frame_clock, "after-paint", G_CALLBACK (on_after_paint_cb), NULL);
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

/* The main thread's CPU time, in µs: what of a stall was its own work,
 * not waiting for the CPU or the display server. */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return 0;
  return ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gint
measuring_poll (GPollFD *fds,
                guint    n_fds,
                gint     timeout)
{
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_us ();
  gint result;

  /* LINEUP_STARTUP_TRACE=1: every iteration over 4 ms, on stderr. */
  if (tracing && poll_returned != 0 && now - poll_returned > 4000)
    {
      g_autofree char *frame = NULL;

      if (frame_start >= poll_returned && paint_end >= layout_end && layout_end >= frame_start)
        frame = g_strdup_printf (", a frame: layout %.1f ms, paint %.1f ms", (layout_end - frame_start) / 1000.0,
                                 (paint_end - layout_end) / 1000.0);
      g_printerr ("lineup-startup: %.1f ms (%.1f ms of CPU) in %s (until %.1f ms, monotonic%s)\n",
                  (now - poll_returned) / 1000.0, (cpu - cpu_at_poll_return) / 1000.0,
                  running ? running : "a frame or event", now / 1000.0, frame ? frame : "");
    }
  if (first_frame_done && poll_returned != 0 && now - poll_returned > longest_us)
    {
      longest_us = now - poll_returned;
      longest_was_step = running != NULL;
      longest_what = running ? running : last_run;
    }
  if (first_frame_done && poll_returned != 0 && cpu - cpu_at_poll_return > longest_cpu_us)
    {
      longest_cpu_us = cpu - cpu_at_poll_return;
      longest_cpu_what = running ? running : "a frame or event";
    }
  if (running)
    last_run = running;
  running = NULL;
  result = default_poll (fds, n_fds, timeout);
  poll_returned = g_get_monotonic_time ();
  cpu_at_poll_return = thread_cpu_us ();
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

double
lineup_startup_get_longest_cpu (const char **what)
{
  if (what)
    *what = longest_cpu_what ? longest_cpu_what : "nothing";
  return longest_cpu_us / 1000.0;
}
