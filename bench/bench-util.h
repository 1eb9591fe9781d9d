/* bench-util.h: the clock and median every benchmark reads its numbers with.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

/* Monotonic time in milliseconds. */
double bench_now_ms  (void);
/* Removes the benchmark's temporary folder @dir with the plan file in it
 * and its -wal and -shm companions. */
void   bench_remove_plan (const char *dir);
/* Sorts @values and returns the middle one. */
double bench_median  (double *values,
                      int     n);
