/* lineup-export-dialog.h: Export to File (Ctrl+E): what goes into the file
 * before where it goes.
 *
 * The range (the month on screen, the whole plan, or dates), the filters on
 * screen or not, and how much of each post: titles only (the default, as
 * `lineup export ics`), with the brief, or with the caption too. The choice
 * is remembered (the export-* keys of the app's GSettings). Then a file
 * chooser, and the file is written whole or not at all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lineup-core.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_EXPORT_DIALOG (lineup_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LineupExportDialog, lineup_export_dialog, LINEUP, EXPORT_DIALOG, AdwWindow)

/* @filter: the filters on screen; @year/@month: the month on screen. Emits
 * "done" with what to tell the person ("Exported 12 posts to plan.ics"),
 * for a toast, once the file is written. */
LineupExportDialog *lineup_export_dialog_new (LineupStore  *store,
                                              LineupFilter *filter,
                                              int           year,
                                              int           month);

G_END_DECLS
