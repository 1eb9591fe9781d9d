/* lineup-csv.h: importing a plan from a CSV file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-store.h"

G_BEGIN_DECLS

typedef enum {
  LINEUP_CSV_IMPORT_DEFAULT = 0,
  /* Bringing in what was already posted elsewhere (`import csv --history`):
   * a row dated in the past may be Published. */
  LINEUP_CSV_IMPORT_HISTORY = 1 << 0,
  /* Create the pillars, types and campaigns the file names and the plan
   * lacks (`--create-missing`); without it the import lists them and is
   * refused, so a typo never makes a new pillar. */
  LINEUP_CSV_IMPORT_CREATE_MISSING = 1 << 1,
  /* Check every row and write nothing (the window's preview). */
  LINEUP_CSV_IMPORT_DRY_RUN = 1 << 2,
} LineupCsvImportFlags;

/* The first rows of a file as they will come in, for a preview. */
typedef struct {
  guint  row;       /* as a spreadsheet shows it: the header is row 1 */
  char  *title;
  char  *when;      /* "2026-12-10 09:00", "" for no date */
  char  *pillar;
  char  *type;
  char  *stage;     /* the stage's label */
  char  *error;     /* why the row is refused, or NULL */
} LineupCsvRow;

#define LINEUP_CSV_PREVIEW_ROWS 8

/* What an import found, written or not. */
typedef struct {
  guint      n_rows;     /* rows of posts in the file */
  GPtrArray *preview;    /* LineupCsvRow: the first LINEUP_CSV_PREVIEW_ROWS */
  GPtrArray *errors;     /* char *: every refused row ("plan.csv, row 3, …") */
  GPtrArray *missing;    /* char *: what the plan lacks: "pillar “Cafe community”
                          * (row 2; did you mean “Café community”?)" */
  gboolean   written;
} LineupCsvReport;

void lineup_csv_report_free (LineupCsvReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupCsvReport, lineup_csv_report_free)

/* The columns a file may have, for messages: "title, body, …". */
const char *lineup_csv_list_columns (void);

/* Imports every row of @path (RFC 4180, UTF-8, a header row naming the
 * columns of lineup_csv_list_columns() in any order; title, pillar and
 * type are required). Every row is a new post and goes through
 * lineup_workflow_check_new(): it starts as a brief, a draft or in review
 * (published with LINEUP_CSV_IMPORT_HISTORY for a past date). All rows or
 * none: on error the plan is unchanged and the message names the row and
 * column. One undo step.
 *
 * @out_report (may be NULL) is set whenever the file could be read as CSV
 * with a header Lineup knows, even when the import is refused; it lists
 * every refused row and what is missing. With LINEUP_CSV_IMPORT_DRY_RUN
 * nothing is written and TRUE means the import would succeed. */
gboolean lineup_import_csv_full (LineupStore          *store,
                                 const char           *path,
                                 LineupCsvImportFlags  flags,
                                 LineupCsvReport     **out_report,
                                 GError              **error);

/* lineup_import_csv_full() with LINEUP_CSV_IMPORT_CREATE_MISSING: every
 * row or none, @out_n_posts the posts added. */
gboolean lineup_import_csv      (LineupStore          *store,
                                 const char           *path,
                                 guint                *out_n_posts,
                                 GError              **error);

/* The name in @names (NULL-terminated) closest to @name (ignoring case,
 * accents and small typos), or NULL when none is close. */
const char *lineup_csv_closest_name (const char         *name,
                                     const char * const *names);

/* Every row of the CSV file @path (RFC 4180, UTF-8, a BOM skipped, blank
 * lines dropped) as a GPtrArray of its fields (char *), for importers of
 * other files than plans. NULL with a message naming the file on error. */
GPtrArray  *lineup_csv_read_rows    (const char         *path,
                                     GError            **error);

G_END_DECLS
