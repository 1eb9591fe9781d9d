/* lineup-cli-output.h: what the command line prints: lines on stdout, the one-line
 * error on stderr, aligned tables and pretty JSON.
 *
 * Printing only; nothing here opens the plan or reads an argument.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>
#include "lineup-core.h"

G_BEGIN_DECLS

void out (const char *format, ...) G_GNUC_PRINTF (1, 2);
char *one_line (const char *text);
void print_error (const char *message);
void print_json (JsonBuilder *builder);
void print_table (GPtrArray *rows,
                  guint      n_columns);

G_END_DECLS
