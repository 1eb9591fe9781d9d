/* bench-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "bench-util.h"

#include <glib/gstdio.h>
#include <stdlib.h>

double
bench_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

void
bench_remove_plan (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);
      g_unlink (child);
    }
  g_rmdir (dir);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

double
bench_median (double *values,
              int     n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}
