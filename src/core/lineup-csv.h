/* lineup-csv.h: importing a plan from a CSV file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-store.h"

G_BEGIN_DECLS

/* Imports every row of @path (RFC 4180, UTF-8, a header row naming the
 * columns title, body, date, time, pillar, type, platform, stage in any order;
 * title, pillar and type are required). Unknown pillars are created. All rows
 * or none: on error the plan is unchanged and the message names the row and
 * column. One undo step. */
gboolean lineup_import_csv (LineupStore *store,
                            const char  *path,
                            guint       *out_n_posts,
                            GError     **error);

G_END_DECLS
