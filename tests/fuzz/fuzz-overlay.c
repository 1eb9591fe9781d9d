/* fuzz-overlay.c: any bytes as an overlay calendar's copy.
 *
 * The input is the overlay's source file: lineup_overlay_refresh() reads it
 * as a refresh from its URL would, and lineup_overlay_events() expands it
 * over six weeks, as the calendar's month view asks. Both must end (within
 * libFuzzer's -timeout and -rss_limit_mb, or the replayer's alarm), never
 * crash, give at most MAX_EVENTS events, and a refused copy must say why. Not here: fetching over HTTP (tests/integration/overlays.py).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "fuzz-common.h"
#include "lineup-overlay.h"
#include "lineup-plan.h"

/* Far more than any calendar a person reads shows in six weeks (~240 a
 * day): past it, expansion is unbounded (issue #20, defect 2). */
#define MAX_EVENTS 10000

static LineupStore *store;
static char *ics_path;

static void
close_plan (void)
{
  g_clear_object (&store);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  GDate from, to;

  if (store == NULL)
    {
      const char *dir = fuzz_setup ();
      g_autofree char *plan_path = g_build_filename (dir, "plan.lineup", NULL);

      ics_path = g_build_filename (dir, "overlay.ics", NULL);
      if (!g_file_set_contents (ics_path, "", 0, &error))
        g_error ("Could not write the input: %s", error->message);
      store = lineup_plan_open (plan_path, &error);
      if (store == NULL ||
          !lineup_store_add_overlay (store, "Fuzz", ics_path, "#3584e4", &error))
        g_error ("Could not set up the fuzzing plan: %s", error->message);
      atexit (close_plan);
    }

  /* Each input on its own: no copy kept from the one before. */
  if (!lineup_store_remove_overlay (store, "Fuzz", &error) ||
      !lineup_store_add_overlay (store, "Fuzz", ics_path, "#3584e4", &error))
    g_error ("Could not start the overlay afresh: %s", error->message);
  if (!g_file_set_contents (ics_path, (const char *) data, (gssize) size, &error))
    g_error ("Could not write the input: %s", error->message);
  if (lineup_overlay_refresh (store, "Fuzz", &error) < 0)
    fuzz_check_failure ("lineup_overlay_refresh", error);

  /* The calendar's month view: six weeks from Monday 2026-02-23. */
  g_date_clear (&from, 1);
  g_date_set_dmy (&from, 23, G_DATE_FEBRUARY, 2026);
  to = from;
  g_date_add_days (&to, 42);
  events = lineup_overlay_events (store, &from, &to);
  if (events->len > MAX_EVENTS)
    g_error ("An overlay expanded to %u events in 42 days: expansion must be bounded", events->len);
  for (guint i = 0; i < events->len; i++)
    {
      LineupOverlayEvent *event = g_ptr_array_index (events, i);

      if (g_date_compare (&event->date, &from) < 0 || g_date_compare (&event->date, &to) >= 0)
        g_error ("An overlay event falls outside the days asked for");
    }
  return 0;
}
