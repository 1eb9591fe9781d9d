/* bench-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "bench-util.h"

#include <stdlib.h>

double
bench_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
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
