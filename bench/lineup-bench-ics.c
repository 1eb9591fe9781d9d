/* lineup-bench-ics.c: the iCalendar export against its budget.
 *
 *   lineup-bench-ics [--posts N] [--keep-plan] [--baseline OTHER_BUILD_DIR]
 *
 * Exports N posts (default 10,000; budget 100 ms) twice: in this process
 * (lineup_ics_export on posts already read) and as a whole process, the way
 * a person or a cron job runs it (`lineup --database PLAN export ics
 * --output FILE`: start, open the plan, read, write, exit), beside the bare
 * start of the same binary (`lineup --help`); with --baseline, another
 * build's binary (main's, say) exports the same plan in alternate rounds. In
 * the same run it has
 * python3-icalendar's writer build and serialise the same events (and npm's
 * ical-generator when `node` finds it), printing the ratios.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "lineup-core.h"
#include "bench-util.h"

#define EXPORT_BUDGET_MS 100.0
#define ROUNDS 7

/* The milliseconds from spawning `lineup ARGS…` to its exit (-1 if it
 * failed), with its output thrown away. The binary is @build_dir's, or
 * the one built beside this benchmark: build/src/lineup for
 * build/bench/lineup-bench-ics. */
static double
run_lineup (const char         *build_dir,
            const char * const *args)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *bench_dir = self ? g_path_get_dirname (self) : g_strdup (".");
  g_autofree char *lineup = build_dir ? g_build_filename (build_dir, "src", "lineup", NULL)
                                      : g_build_filename (bench_dir, "..", "src", "lineup", NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  double t0;

  g_strv_builder_add (builder, lineup);
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);
  t0 = bench_now_ms ();
  if (!g_spawn_sync (NULL, argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("%s: %s\n", argv[0], error->message);
      return -1;
    }
  return bench_now_ms () - t0;
}

static const char python_writer[] =
  "import sys, time, datetime\n"
  "from icalendar import Calendar, Event\n"
  "n = int(sys.argv[1])\n"
  "t0 = time.monotonic()\n"
  "cal = Calendar(); cal.add('prodid', '-//bench//EN'); cal.add('version', '2.0')\n"
  "start = datetime.datetime(2026, 1, 1, 9, tzinfo=datetime.timezone.utc)\n"
  "for i in range(n):\n"
  "    e = Event()\n"
  "    e.add('uid', f'{i:08d}-0000-4000-8000-000000000000@lineup')\n"
  "    e.add('dtstamp', start); e.add('dtstart', start + datetime.timedelta(hours=i))\n"
  "    e.add('duration', datetime.timedelta(minutes=30))\n"
  "    e.add('summary', f'Post {i}: a title of planning length [LinkedIn, Mastodon]')\n"
  "    e.add('categories', ['Bench']); e.add('categories', ['Educational'])\n"
  "    e.add('status', 'CONFIRMED'); e.add('sequence', 0); e.add('last-modified', start)\n"
  "    e.add('transp', 'TRANSPARENT'); e.add('x-lineup-stage', 'draft')\n"
  "    cal.add_component(e)\n"
  "data = cal.to_ical()\n"
  "print((time.monotonic() - t0) * 1000)\n";

static const char node_writer[] =
  "const ical = require('ical-generator').default || require('ical-generator');\n"
  "const n = parseInt(process.argv[1]);\n"
  "const t0 = process.hrtime.bigint();\n"
  "const cal = ical({ name: 'bench' });\n"
  "for (let i = 0; i < n; i++) cal.createEvent({ id: i + '@lineup', start: new Date(Date.UTC(2026, 0, 1, 9) + i * 3600000),\n"
  "  end: new Date(Date.UTC(2026, 0, 1, 9, 30) + i * 3600000), summary: 'Post ' + i + ': a title of planning length' });\n"
  "cal.toString();\n"
  "console.log(Number(process.hrtime.bigint() - t0) / 1e6);\n";

static double
run_writer (const char *program,
            const char *flag,
            const char *script,
            int         n)
{
  g_autofree char *count = g_strdup_printf ("%d", n);
  g_autofree char *found = g_find_program_in_path (program);
  const char *argv[] = { found, flag, script, count, NULL };
  g_autofree char *out = NULL;
  int status = 0;

  if (found == NULL)
    return -1;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL) || out == NULL)
    return -1;
  return g_ascii_strtod (out, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lineup-bench-ics-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "lineup.db", NULL);
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autofree char *ics_path = g_build_filename (dir, "plan.ics", NULL);
  double times[ROUNDS], process_times[ROUNDS], start_times[ROUNDS], baseline_times[ROUNDS];
  g_autofree char *baseline = NULL;
  int n_posts = 10000;
  gboolean keep_plan = FALSE;
  gsize length = 0;
  gint64 pillar, type;
  GOptionEntry entries[] = {
    { "posts", 0, 0, G_OPTION_ARG_INT, &n_posts, "How many posts to export", "N" },
    { "keep-plan", 0, 0, G_OPTION_ARG_NONE, &keep_plan, "Keep the generated plan (to profile the export)", NULL },
    { "baseline", 0, 0, G_OPTION_ARG_FILENAME, &baseline, "Another build directory whose lineup exports too", "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  store = lineup_plan_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  pillar = lineup_pillar_get_id (lineup_store_add_pillar (store, "Bench", "#3584e4", -1, &error));
  type = lineup_content_type_get_id (lineup_store_find_content_type (store, "educational"));
  lineup_store_begin (store, "Generate");
  for (int i = 0; i < n_posts; i++)
    {
      g_autoptr(LineupPost) post = lineup_post_new ();
      const char *platforms[] = { "linkedin", "mastodon", NULL };
      g_autofree char *title = g_strdup_printf ("Post %d: a title of planning length", i);

      lineup_post_set_title (post, title);
      lineup_post_set_pillar_id (post, pillar);
      lineup_post_set_type_id (post, type);
      lineup_post_set_platforms (post, platforms);
      lineup_post_set_stage (post, LINEUP_STAGE_DRAFT);
      lineup_post_set_scheduled_at (post, 1767254400 + (gint64) i * 3600);
      if (!lineup_store_add_post (store, post, &error))
        g_error ("%s", error->message);
    }
  if (!lineup_store_commit (store, &error))
    g_error ("%s", error->message);
  posts = lineup_store_list_all_posts (store, NULL);

  for (int r = 0; r < ROUNDS; r++)
    {
      double t0 = bench_now_ms ();
      g_autofree char *text = lineup_ics_export (store, posts, NULL, &length);

      times[r] = bench_now_ms () - t0;
    }
  g_clear_object (&store);
  g_clear_pointer (&posts, g_ptr_array_unref);

  /* The whole process: the plan is closed here first, as a cron job finds it. */
  for (int r = 0; r < ROUNDS; r++)
    {
      const char *export_args[] = { "--database", path, "export", "ics", "--output", ics_path, NULL };
      const char *help_args[] = { "--help", NULL };

      process_times[r] = run_lineup (NULL, export_args);
      start_times[r] = run_lineup (NULL, help_args);
      if (baseline)
        baseline_times[r] = run_lineup (baseline, export_args);
    }
  {
    double ours = bench_median (times, ROUNDS);
    double process = bench_median (process_times, ROUNDS);
    double start = bench_median (start_times, ROUNDS);
    gsize file_length = 0;
    g_autofree char *written = NULL;
    double python = run_writer ("/usr/bin/python3", "-c", python_writer, n_posts);
    double node = run_writer ("node", "-e", node_writer, n_posts);

    g_print ("Lineup ICS benchmark: %d posts, %" G_GSIZE_FORMAT " bytes (median of %d)\n", n_posts, length, ROUNDS);
    g_print ("  lineup_ics_export, in process:      %8.1f ms  budget %.0f ms  %s\n",
             ours, EXPORT_BUDGET_MS, ours < EXPORT_BUDGET_MS ? "OK" : "OVER");
    if (process > 0 && g_file_get_contents (ics_path, &written, &file_length, NULL))
      g_print ("  lineup export ics, whole process:   %8.1f ms  budget %.0f ms  %s  (%" G_GSIZE_FORMAT " bytes)\n",
               process, EXPORT_BUDGET_MS, process < EXPORT_BUDGET_MS ? "OK" : "OVER", file_length);
    else
      g_print ("  lineup export ics, whole process: failed\n");
    if (start > 0 && process > 0)
      g_print ("    of which the bare start (lineup --help): %.1f ms; the rest (open, read, write, exit): %.1f ms\n",
               start, process - start);
    if (baseline)
      {
        double other = bench_median (baseline_times, ROUNDS);
        g_print ("  the same by %s/src/lineup: %.1f ms  (%.2fx ours)\n", baseline, other, other / process);
      }
    if (python > 0)
      g_print ("  python3-icalendar, same events:     %8.1f ms  (%.1fx ours in process, %.1fx the whole process)\n",
               python, python / ours, python / process);
    else
      g_print ("  python3-icalendar: not installed (apt-get install python3-icalendar)\n");
    if (node > 0)
      g_print ("  npm ical-generator, same events:    %8.1f ms  (%.1fx ours in process, %.1fx the whole process)\n",
               node, node / ours, node / process);
    else
      g_print ("  npm ical-generator: not found (needs node and `npm install ical-generator`)\n");
  }

  if (keep_plan)
    g_print ("The plan is kept: %s\n", path);
  else
    bench_remove_plan (dir);
  return 0;
}
