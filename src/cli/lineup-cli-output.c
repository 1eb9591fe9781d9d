/* lineup-cli-output.c: what the command line prints: lines on stdout, the
 * one-line error on stderr, aligned tables and pretty JSON.
 *
 * Printing only: what to print is up to each command; nothing here opens
 * the plan or reads an argument.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "lineup-cli-output.h"

/* Straight to stdout: text is UTF-8 already and must not be re-encoded. */
void
out (const char *format,
     ...)
{
  va_list args;

  va_start (args, format);
  vfprintf (stdout, format, args);
  va_end (args);
}

/* @text as valid UTF-8 on one line: line breaks and other control
 * characters are shown as escapes, so a value quoted in a message or a
 * column can never start a second line. */
char *
one_line (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text ? text : "", -1);
  GString *line = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n')
        g_string_append (line, "\\n");
      else if (c == '\r')
        g_string_append (line, "\\r");
      else if (c == '\t')
        g_string_append (line, "\\t");
      else if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029)
        g_string_append_printf (line, "\\u%04X", c);
      else
        g_string_append_len (line, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (line, FALSE);
}

void
print_error (const char *message)
{
  g_autofree char *line = one_line (message);

  fflush (stdout);
  fprintf (stderr, "lineup: %s\n", line);
}

void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  out ("%s\n", text);
}

/* Appends @text and pads it to @width characters (not bytes). */
static void
append_column (GString    *line,
               const char *text,
               glong       width)
{
  g_string_append (line, text);
  for (glong n = g_utf8_strlen (text, -1); n < width; n++)
    g_string_append_c (line, ' ');
  g_string_append (line, "  ");
}

/* Prints @rows (arrays of one-line cells) with every column but the last
 * padded to its widest cell. */
void
print_table (GPtrArray *rows,
             guint      n_columns)
{
  g_autofree glong *widths = g_new0 (glong, n_columns);
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint r = 0; r < rows->len; r++)
    {
      char **cells = g_ptr_array_index (rows, r);
      for (guint c = 0; c + 1 < n_columns; c++)
        widths[c] = MAX (widths[c], g_utf8_strlen (cells[c], -1));
    }

  for (guint r = 0; r < rows->len; r++)
    {
      char **cells = g_ptr_array_index (rows, r);

      g_string_truncate (line, 0);
      for (guint c = 0; c + 1 < n_columns; c++)
        append_column (line, cells[c], widths[c]);
      g_string_append (line, cells[n_columns - 1]);
      out ("%s\n", line->str);
    }
}
