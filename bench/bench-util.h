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

/* Fills a new plan at @path with @n_posts posts spread over @n_days days
 * from @first_day the way a busy team plans them (weekdays, types weighted
 * 45/25/17/8/5, four pillars, a few undated ideas), through the store's own
 * API, 5,000 a transaction; returns the milliseconds it took. */
double bench_generate_plan (const char  *path,
                            guint        n_posts,
                            const GDate *first_day,
                            guint        n_days);
