/* lineup-ics-writer.c
 *
 * What libical 3.0 did for each property, without its trees: escape the
 * value (icalmemory_strdup_and_quote), fold the line with CRLF
 * (fold_property_line), and, as lineup-ics.c did after it, turn the marks
 * of ';' and ',' in X- and CATEGORIES values into escapes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lineup-ics-writer.h"

#define CHUNK_SIZE (64 * 1024)
#define LINE_OCTETS 75

/* libical writes an X- or CATEGORIES value's ';' and ',' as they are, so
 * lineup-ics.c gave them to it as these noncharacters (one code point,
 * three octets: the folding counted them so) and made each an escape after
 * folding; a noncharacter of the plan's own in such a value became U+FFFD
 * first. The bytes stay those. */
#define MARK_0 0xef
#define MARK_1 0xb7
#define MARK_SEMICOLON 0x90
#define MARK_COMMA 0x91

struct _LineupIcsWriter {
  GOutputStream *output;
  GString *out;
  GString *line;
  GError *error;
};

/* g_string_append_len () without its call (GLib 2.74 has no inline one):
 * an export appends some 200,000 short pieces. */
static inline void
append (GString    *out,
        const char *text,
        gsize       length)
{
  if (out->len + length < out->allocated_len)
    {
      memcpy (out->str + out->len, text, length);
      out->len += length;
      out->str[out->len] = '\0';
    }
  else
    g_string_append_len (out, text, length);
}

static inline gboolean
is_mark (const guchar *p)
{
  return p[0] == MARK_0 && p[1] == MARK_1 && (p[2] == MARK_SEMICOLON || p[2] == MARK_COMMA);
}

/* Appends @value escaped as @kind to @line; whether it holds a mark. */
static gboolean
escape_value (GString        *line,
              const char     *value,
              LineupIcsValue  kind)
{
  gsize start = line->len;
  gboolean marks = FALSE;
  guchar *o;

  /* No octet becomes more than three. */
  g_string_set_size (line, start + 3 * strlen (value));
  o = (guchar *) line->str + start;
  for (const guchar *p = (const guchar *) value; *p; p++)
    {
      if (kind == LINEUP_ICS_VALUE_RAW)
        {
          if (*p == MARK_0 && is_mark (p))
            marks = TRUE;
          *o++ = *p;
          continue;
        }
      switch (*p)
        {
        case '\n':
          *o++ = '\\';
          *o++ = 'n';
          break;
        case '\r':
        case '\b':
        case '\f':
          break;
        case '\\':
          *o++ = '\\';
          *o++ = '\\';
          break;
        case ';':
        case ',':
          if (kind == LINEUP_ICS_VALUE_TEXT)
            {
              *o++ = '\\';
              *o++ = *p;
            }
          else if (kind == LINEUP_ICS_VALUE_X_LIST)
            *o++ = *p;
          else if (kind == LINEUP_ICS_VALUE_CATEGORY && *p == ',')
            {
              /* U+201A: an escaped comma in a category is still split
               * there by some readers. */
              *o++ = 0xe2;
              *o++ = 0x80;
              *o++ = 0x9a;
            }
          else
            {
              *o++ = MARK_0;
              *o++ = MARK_1;
              *o++ = *p == ';' ? MARK_SEMICOLON : MARK_COMMA;
              marks = TRUE;
            }
          break;
        case MARK_0:
          if (is_mark (p))
            {
              if (kind == LINEUP_ICS_VALUE_X_TEXT || kind == LINEUP_ICS_VALUE_CATEGORY)
                {
                  *o++ = 0xef;   /* U+FFFD */
                  *o++ = 0xbf;
                  *o++ = 0xbd;
                }
              else
                {
                  memcpy (o, p, 3);
                  o += 3;
                  marks = TRUE;
                }
              p += 2;
              break;
            }
          G_GNUC_FALLTHROUGH;
        default:
          *o++ = *p;
        }
    }
  g_string_truncate (line, (char *) o - line->str);
  return marks;
}

/* Where the piece of @left octets (its CRLF included) starting at @p is
 * cut: within 74 octets, after the last ';', ':' or ' ' there, else before
 * the last octet that starts a character. */
static gsize
next_line_start (const guchar *p,
                 gsize         left)
{
  if (left < LINE_OCTETS)
    return left;
  for (gsize pos = LINE_OCTETS - 2; pos > 0; pos--)
    if (p[pos] == ';' || p[pos] == ':' || p[pos] == ' ')
      return pos + 1;
  for (gsize pos = LINE_OCTETS - 1; pos > 0; pos--)
    if ((p[pos] & 0x80) == 0 || (p[pos] & 0xc0) == 0xc0)
      /* libical would cut between CR and LF here: 73 octets and the CRLF
       * fit on one line. */
      return pos == left - 1 ? left : pos;
  return LINE_OCTETS - 1;
}

/* Appends @line (ending in CRLF) folded to @out, marks made escapes. */
static void
fold (GString    *out,
      const char *line,
      gsize       length,
      gboolean    marks)
{
  gsize from = out->len;
  gsize start = 0;

  while (start < length)
    {
      gsize next = start + next_line_start ((const guchar *) line + start, length - start);

      if (start > 0)
        append (out, "\r\n ", 3);
      append (out, line + start, next - start);
      start = next;
    }
  if (marks)
    {
      guchar *r = (guchar *) out->str + from;
      guchar *end = (guchar *) out->str + out->len;
      guchar *w = r;

      while (r < end)
        if (r + 2 < end && is_mark (r))
          {
            *w++ = '\\';
            *w++ = r[2] == MARK_SEMICOLON ? ';' : ',';
            r += 3;
          }
        else
          *w++ = *r++;
      g_string_truncate (out, (char *) w - out->str);
    }
}

static void
append_property (GString        *out,
                 GString        *line,
                 const char     *name,
                 const char     *params,
                 const char     *value,
                 LineupIcsValue  kind)
{
  gboolean marks;

  g_string_truncate (line, 0);
  append (line, name, strlen (name));
  if (params)
    append (line, params, strlen (params));
  g_string_append_c (line, ':');
  marks = escape_value (line, value, kind);
  append (line, "\r\n", 2);
  fold (out, line->str, line->len, marks);
}

char *
lineup_ics_format_property (const char     *name,
                            const char     *params,
                            const char     *value,
                            LineupIcsValue  kind,
                            gsize          *out_length)
{
  g_autoptr(GString) line = g_string_sized_new (128);
  GString *out = g_string_sized_new (128);

  append_property (out, line, name, params, value, kind);
  if (out_length)
    *out_length = out->len;
  return g_string_free (out, FALSE);
}

LineupIcsWriter *
lineup_ics_writer_new (GOutputStream *output,
                       gsize          size_hint)
{
  LineupIcsWriter *writer = g_new0 (LineupIcsWriter, 1);

  g_return_val_if_fail (output == NULL || G_IS_OUTPUT_STREAM (output), NULL);

  writer->output = output ? g_object_ref (output) : NULL;
  writer->out = g_string_sized_new (output ? CHUNK_SIZE + 4096 : MAX (size_hint, 4096));
  writer->line = g_string_sized_new (1024);
  return writer;
}

static void
flush (LineupIcsWriter *writer,
       GCancellable    *cancellable)
{
  if (writer->output == NULL || writer->out->len == 0)
    return;
  if (writer->error == NULL)
    g_output_stream_write_all (writer->output, writer->out->str, writer->out->len, NULL,
                               cancellable, &writer->error);
  g_string_truncate (writer->out, 0);
}

static inline void
maybe_flush (LineupIcsWriter *writer)
{
  if (writer->output && writer->out->len >= CHUNK_SIZE)
    flush (writer, NULL);
}

void
lineup_ics_writer_property (LineupIcsWriter *writer,
                            const char      *name,
                            const char      *params,
                            const char      *value,
                            LineupIcsValue   kind)
{
  append_property (writer->out, writer->line, name, params, value, kind);
  maybe_flush (writer);
}

void
lineup_ics_writer_append (LineupIcsWriter *writer,
                          const char      *lines,
                          gsize            length)
{
  append (writer->out, lines, length);
  maybe_flush (writer);
}

gboolean
lineup_ics_writer_finish (LineupIcsWriter  *writer,
                          GCancellable     *cancellable,
                          GError          **error)
{
  flush (writer, cancellable);
  if (writer->error)
    {
      g_propagate_error (error, g_steal_pointer (&writer->error));
      return FALSE;
    }
  return TRUE;
}

char *
lineup_ics_writer_free (LineupIcsWriter *writer,
                        gsize           *out_length)
{
  char *text = NULL;

  if (writer->output == NULL)
    {
      if (out_length)
        *out_length = writer->out->len;
      text = g_string_free (writer->out, FALSE);
    }
  else
    g_string_free (writer->out, TRUE);
  g_string_free (writer->line, TRUE);
  g_clear_object (&writer->output);
  g_clear_error (&writer->error);
  g_free (writer);
  return text;
}
