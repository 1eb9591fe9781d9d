/* lineup-import-dialog.h: Import CSV…: what a CSV file would bring in, before
 * anything is written.
 *
 * The first rows as they will come in, every row the workflow or the format
 * refuses (with its row number), and the pillars, types and campaigns the
 * file names and the plan lacks (each with the closest existing name); a
 * switch creates those, another brings in posts already published
 * elsewhere. The preview is lineup_import_csv_full() as a dry run; Import is
 * the same call for real: all rows or none, one undo step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lineup-core.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_IMPORT_DIALOG (lineup_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LineupImportDialog, lineup_import_dialog, LINEUP, IMPORT_DIALOG, AdwWindow)

/* Previews @path against @store. Emits "done" with what to tell the person
 * ("Imported 12 posts from plan.csv"), for a toast, once imported. */
LineupImportDialog *lineup_import_dialog_new (LineupStore *store,
                                              const char  *path);

G_END_DECLS
