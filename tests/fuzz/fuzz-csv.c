/* fuzz-csv.c: importing any bytes as a CSV file into a plan.
 *
 * The input is written to a file and imported with lineup_import_csv() into
 * a plan in a temporary folder, as `lineup import` does. The import must
 * either succeed, adding as many posts as it says, or fail with an error
 * that says why and leave the plan as it was. The plan is started afresh
 * every few hundred inputs so that it does not grow without end. Not here:
 * the command line's own checks (tests/integration/cli_bad_input.py).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "fuzz-common.h"
#include "lineup-csv.h"
#include "lineup-plan.h"

#define RUNS_PER_PLAN 500

static LineupStore *store;
static char *plan_path, *csv_path;
static guint runs;

static void
forget_plan (void)
{
  g_autofree char *wal = g_strconcat (plan_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (plan_path, "-shm", NULL);

  g_clear_object (&store);
  g_unlink (plan_path);
  g_unlink (wal);
  g_unlink (shm);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  guint before, n_posts = 0;

  if (plan_path == NULL)
    {
      const char *dir = fuzz_setup ();

      plan_path = g_build_filename (dir, "plan.lineup", NULL);
      csv_path = g_build_filename (dir, "import.csv", NULL);
      atexit (forget_plan);
    }
  if (store && ++runs % RUNS_PER_PLAN == 0)
    forget_plan ();
  if (store == NULL)
    {
      store = lineup_plan_open (plan_path, &error);
      if (store == NULL)
        g_error ("Could not open the fuzzing plan: %s", error->message);
    }

  if (!g_file_set_contents (csv_path, (const char *) data, (gssize) size, &error))
    g_error ("Could not write the input: %s", error->message);

  before = lineup_store_count_posts (store);
  if (lineup_import_csv (store, csv_path, &n_posts, &error))
    {
      if (lineup_store_count_posts (store) != before + n_posts)
        g_error ("The import said %u posts but the plan went from %u to %u",
                 n_posts, before, lineup_store_count_posts (store));
    }
  else
    {
      fuzz_check_failure ("lineup_import_csv", error);
      if (lineup_store_count_posts (store) != before)
        g_error ("A failed import changed the plan (%u posts, now %u)",
                 before, lineup_store_count_posts (store));
    }
  return 0;
}
