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

G_BEGIN_DECLS

/* To stdout as it is (UTF-8 already). */
void out (const char *format, ...) G_GNUC_PRINTF (1, 2);
/* @text as valid UTF-8 on one line, control characters escaped. */
char *one_line (const char *text);
/* "lineup: @message", one line on stderr. */
void print_error (const char *message);
/* The builder's root, pretty-printed. */
void print_json (JsonBuilder *builder);
/* Rows of one-line cells, every column but the last padded. */
void print_table (GPtrArray *rows,
                  guint      n_columns);

G_END_DECLS
