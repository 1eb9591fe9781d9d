/* lineup-bench-startup.c: start to first frame against its budget
 * (design.md: at most 1.25 × a bare libadwaita window measured in the same
 * run, with 50,000 posts in the plan).
 *
 *   lineup-bench-startup [--posts N] [--runs N] [--baseline BUILD_DIR] [--keep-plan]
 *
 * Fills a plan with N posts (default 50,000) over the year before and after
 * today, then starts, in turns, the real lineup binary on it and a bare
 * libadwaita window of the same size (lineup-bench-bare-window). Each says
 * "first-frame" on stdout once its first frame is painted; the time runs
 * from just before the process is spawned to that line, so it includes
 * loading the program and its libraries. Lineup then does what it left for
 * after the first frame (the sidebar, the backlog, publishing, overlays)
 * and says "longest-stall MS WHAT": the longest main-loop iteration after
 * the first frame (what input would have waited for; budget 16 ms), with
 * what ran in it. --baseline starts another build's lineup (main's, say)
 * in the same turns, for a before and after from one run; it must read
 * the plan this build filled (an older plan version's build would stop at
 * "saved by a newer Lineup"), which its command line is asked first, and
 * the bench refuses with that build's own message if it cannot. A window
 * silent for 60 s is stopped and the run fails. Needs a display and a
 * session bus: run it under
 * xvfb-run and dbus-run-session (README, "Benchmarks").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include "lineup-core.h"
#include "bench-util.h"

#define RATIO_BUDGET 1.25
#define STALL_BUDGET_MS 16.0
/* A window that says nothing for this long is stopped. */
#define SILENT_MS 60000

/* Reads one line of the child's stdout into @line, waiting at most until
 * @deadline (bench_now_ms); FALSE at its end, on an error or past it. */
static gboolean
read_line_until (GIOChannel  *channel,
                 int          fd,
                 double       deadline,
                 char       **line)
{
  /* A line already buffered needs no wait (the children print whole
   * lines, so a readable pipe holds one). */
  if (!(g_io_channel_get_buffer_condition (channel) & G_IO_IN))
    {
      struct pollfd pfd = { fd, POLLIN, 0 };
      double left = deadline - bench_now_ms ();

      if (left <= 0 || poll (&pfd, 1, (int) left) <= 0)
        return FALSE;
    }
  return g_io_channel_read_line (channel, line, NULL, NULL, NULL) == G_IO_STATUS_NORMAL;
}

/* Spawns @argv and returns the milliseconds until it prints "first-frame";
 * -1 if it ends or stays silent for 60 s. With @stall, also waits for its
 * "longest-stall" line and stores the stall (and what ran in @what), and
 * in @cpu the "longest-cpu" line before it (the most CPU time the main
 * thread took in one iteration: a stall's own work, on a loaded machine
 * where a stall is mostly waiting for the CPU). */
static double
time_first_frame (char       **argv,
                  char       **envp,
                  double      *stall,
                  char       **what,
                  double      *cpu)
{
  g_autoptr(GError) error = NULL;
  GPid pid;
  int out_fd;
  double t0 = bench_now_ms (), result = -1;
  g_autoptr(GIOChannel) channel = NULL;
  g_autofree char *line = NULL;
  int status;

  if (!g_spawn_async_with_pipes (NULL, argv, envp, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                 &pid, NULL, &out_fd, NULL, &error))
    g_error ("could not start %s: %s", argv[0], error->message);
  channel = g_io_channel_unix_new (out_fd);
  g_io_channel_set_close_on_unref (channel, TRUE);
  while (read_line_until (channel, out_fd, bench_now_ms () + SILENT_MS, &line))
    {
      if (g_str_has_prefix (line, "first-frame"))
        {
          result = bench_now_ms () - t0;
          if (stall == NULL)
            break;
        }
      else if (cpu && g_str_has_prefix (line, "longest-cpu "))
        *cpu = g_ascii_strtod (line + strlen ("longest-cpu "), NULL);
      else if (stall && g_str_has_prefix (line, "longest-stall "))
        {
          char *end = NULL;

          *stall = g_ascii_strtod (line + strlen ("longest-stall "), &end);
          *what = g_strstrip (g_strdup (end));
          break;
        }
      g_clear_pointer (&line, g_free);
    }
  /* It quits by itself after the frame; a hung one is stopped. */
  for (int i = 0; i < 500 && waitpid (pid, &status, WNOHANG) == 0; i++)
    g_usleep (10000);
  if (waitpid (pid, &status, WNOHANG) == 0)
    {
      kill (pid, SIGKILL);
      waitpid (pid, &status, 0);
    }
  g_spawn_close_pid (pid);
  return result;
}

/* Whether @lineup (the baseline's binary) reads the plan at @path: its
 * command line lists one day of it. An older plan version's build says
 * "saved by a newer Lineup" there, and its window would wait on that
 * message; FALSE then, with what it said in @message. */
static gboolean
baseline_reads_plan (const char  *lineup,
                     const char  *path,
                     char       **envp,
                     char       **message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  const char *argv[] = { lineup, "--database", path, "post", "list", "--from", day, "--to", day, NULL };
  g_autofree char *err = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, &err, &status, &error))
    {
      *message = g_strdup (error->message);
      return FALSE;
    }
  if (!g_spawn_check_wait_status (status, &error))
    {
      g_strstrip (err);
      *message = g_strdup (*err ? err : error->message);
      return FALSE;
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  int n_posts = 50000, runs = 9;
  gboolean keep_plan = FALSE;
  g_autofree char *baseline = NULL;
  g_autofree char *baseline_lineup = NULL;
  g_autofree double *baseline_ms = NULL;
  g_autofree double *baseline_stall_ms = NULL;
  g_autofree double *baseline_cpu_ms = NULL;
  g_autofree double *cpu_ms = NULL;
  GOptionEntry entries[] = {
    { "posts", 0, 0, G_OPTION_ARG_INT, &n_posts, "How many posts the plan holds (default 50000)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "How many starts of each (default 9)", "N" },
    { "baseline", 0, 0, G_OPTION_ARG_FILENAME, &baseline, "Also start this build's lineup, in the same turns", "BUILD_DIR" },
    { "keep-plan", 0, 0, G_OPTION_ARG_NONE, &keep_plan, "Keep the generated plan (to profile a start)", NULL },
    { NULL }
  };
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *schemas = g_build_filename (LINEUP_BUILD_DIR, "data", NULL);
  g_autofree char *lineup = g_build_filename (LINEUP_BUILD_DIR, "src", "lineup", NULL);
  g_autofree char *bare = g_build_filename (LINEUP_BUILD_DIR, "bench", "lineup-bench-bare-window", NULL);
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree double *app_ms = NULL;
  g_autofree double *bare_ms = NULL;
  g_autofree double *stall_ms = NULL;
  g_autoptr(GPtrArray) stall_what = g_ptr_array_new_with_free_func (g_free);
  double fill_ms, app, base, worst_stall = 0;
  guint worst = 0;
  GDate first;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (!g_getenv ("DISPLAY") && !g_getenv ("WAYLAND_DISPLAY"))
    {
      g_printerr ("lineup-bench-startup needs a display: run it under xvfb-run -a\n");
      return 2;
    }
  runs = CLAMP (runs, 1, 99);
  app_ms = g_new0 (double, runs);
  bare_ms = g_new0 (double, runs);
  stall_ms = g_new0 (double, runs);
  baseline_ms = g_new0 (double, runs);
  baseline_stall_ms = g_new0 (double, runs);
  baseline_cpu_ms = g_new0 (double, runs);
  cpu_ms = g_new0 (double, runs);
  if (baseline)
    baseline_lineup = g_build_filename (baseline, "src", "lineup", NULL);

  envp = g_environ_setenv (envp, "GSETTINGS_SCHEMA_DIR", schemas, FALSE);
  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "memory", TRUE);
  envp = g_environ_setenv (envp, "LINEUP_BENCH_FIRST_FRAME", "1", TRUE);
  /* The publisher would look for the keyring: a file keeps it out of the way. */
  dir = g_dir_make_tmp ("lineup-bench-startup-XXXXXX", &error);
  g_assert_no_error (error);
  {
    g_autofree char *secrets = g_build_filename (dir, "secrets", NULL);

    envp = g_environ_setenv (envp, "LINEUP_SECRETS_FILE", secrets, TRUE);
  }
  path = g_build_filename (dir, "lineup.db", NULL);

  g_date_clear (&first, 1);
  g_date_set_time_t (&first, time (NULL));
  g_date_subtract_days (&first, 365);
  fill_ms = bench_generate_plan (path, n_posts, &first, 730);
  if (baseline_lineup)
    {
      g_autofree char *message = NULL;

      if (!baseline_reads_plan (baseline_lineup, path, envp, &message))
        {
          g_printerr ("lineup-bench-startup: the baseline %s cannot read the plan this build filled "
                      "(plan version %d), so its window would only show why:\n  %s\n"
                      "Build the baseline from a commit with plan version %d, or compare with "
                      "this build's own earlier numbers.\n",
                      baseline_lineup, LINEUP_SCHEMA_VERSION, message, LINEUP_SCHEMA_VERSION);
          bench_remove_plan (dir);
          return 2;
        }
    }

  g_print ("Lineup start-up benchmark: %d posts over the year either side of today "
           "(filled in %.1f s), %d starts each, median\n", n_posts, fill_ms / 1000.0, runs);
  for (int i = 0; i < runs; i++)
    {
      char *bare_argv[] = { bare, NULL };
      char *app_argv[] = { lineup, "--database", path, NULL };

      /* In turns, so a slower minute of the machine weighs on both. */
      char *what = NULL;

      bare_ms[i] = time_first_frame (bare_argv, envp, NULL, NULL, NULL);
      if (baseline_lineup)
        {
          char *baseline_argv[] = { baseline_lineup, "--database", path, NULL };

          /* Its stalls too when it measures them (an older build may
           * not: it ends after its first frame, or is stopped). */
          char *baseline_what = NULL;

          baseline_stall_ms[i] = -1;
          baseline_cpu_ms[i] = -1;
          baseline_ms[i] = time_first_frame (baseline_argv, envp, &baseline_stall_ms[i], &baseline_what,
                                             &baseline_cpu_ms[i]);
          g_free (baseline_what);
        }
      stall_ms[i] = -1;
      cpu_ms[i] = -1;
      app_ms[i] = time_first_frame (app_argv, envp, &stall_ms[i], &what, &cpu_ms[i]);
      g_ptr_array_add (stall_what, what);
      if (stall_ms[i] > worst_stall)
        worst_stall = stall_ms[i], worst = i;
      if (bare_ms[i] < 0 || app_ms[i] < 0 || stall_ms[i] < 0)
        {
          g_printerr ("a window never said it painted its first frame or finished starting "
                      "(bare %.0f ms, lineup %.0f ms, stall %.0f ms)\n", bare_ms[i], app_ms[i], stall_ms[i]);
          bench_remove_plan (dir);
          return 1;
        }
    }
  base = bench_median (bare_ms, runs);
  app = bench_median (app_ms, runs);
  g_print ("  bare libadwaita window (baseline):   %7.1f ms\n", base);
  g_print ("  lineup, start to first frame:        %7.1f ms   ×%.2f the bare window   budget ×%.2f  %s\n",
           app, app / base, RATIO_BUDGET, app / base <= RATIO_BUDGET ? "OK" : "OVER");
  if (baseline_lineup)
    {
      double before = bench_median (baseline_ms, runs);

      double worst_before = -1;

      g_print ("  baseline (%s), first frame:  %7.1f ms   ×%.2f the bare window; this build ×%.2f of it\n",
               baseline, before, before / base, app / before);
      for (int i = 0; i < runs; i++)
        worst_before = MAX (worst_before, baseline_stall_ms[i]);
      if (worst_before >= 0)
        g_print ("  baseline, longest stall after its first frame: %.1f ms   median %.1f ms\n",
                 worst_before, bench_median (baseline_stall_ms, runs));
      worst_before = -1;
      for (int i = 0; i < runs; i++)
        worst_before = MAX (worst_before, baseline_cpu_ms[i]);
      if (worst_before >= 0)
        g_print ("  baseline, most CPU in one iteration after it:  %.1f ms   median %.1f ms\n",
                 worst_before, bench_median (baseline_cpu_ms, runs));
    }
  g_print ("  longest stall after the first frame: %7.1f ms   median %.1f ms   budget %.0f ms  %s\n"
           "    (in the worst run: %s)\n",
           worst_stall, bench_median (stall_ms, runs), STALL_BUDGET_MS,
           worst_stall <= STALL_BUDGET_MS ? "OK" : "OVER", (char *) g_ptr_array_index (stall_what, worst));
  {
    double worst_cpu = -1;

    for (int i = 0; i < runs; i++)
      worst_cpu = MAX (worst_cpu, cpu_ms[i]);
    if (worst_cpu >= 0)
      g_print ("  most CPU in one iteration after it:  %7.1f ms   median %.1f ms   (the main thread's own work)\n",
               worst_cpu, bench_median (cpu_ms, runs));
  }
  if (keep_plan)
    g_print ("  the plan is kept: %s\n", path);
  else
    bench_remove_plan (dir);
  return 0;
}
