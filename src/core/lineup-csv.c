/* lineup-csv.c: RFC 4180 import, all rows or none.
 *
 * Rows are numbered as a spreadsheet shows them: the header is row 1.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lineup-csv.h"

typedef enum {
  COL_TITLE,
  COL_BODY,
  COL_DATE,
  COL_TIME,
  COL_PILLAR,
  COL_TYPE,
  COL_PLATFORM,
  COL_STAGE,
  N_COLUMNS
} Column;

static const char * const column_names[N_COLUMNS] = {
  "title", "body", "date", "time", "pillar", "type", "platform", "stage",
};

typedef struct {
  GPtrArray *fields;   /* of char *, raw bytes */
  guint line;          /* physical line where the record starts */
} Record;

static void
record_free (Record *record)
{
  g_ptr_array_unref (record->fields);
  g_free (record);
}

/* Splits @data into records; FALSE with a message when a quote is not closed
 * or a quoted field is followed by stray text. */
static gboolean
parse_records (const char  *data,
               gsize        len,
               const char  *name,
               GPtrArray   *records,
               GError     **error)
{
  gsize i = 0;
  guint line = 1;

  while (i < len)
    {
      Record *record = g_new0 (Record, 1);
      gboolean end_of_record = FALSE;

      record->fields = g_ptr_array_new_with_free_func (g_free);
      record->line = line;
      g_ptr_array_add (records, record);

      while (!end_of_record)
        {
          GString *field = g_string_new (NULL);

          if (i < len && data[i] == '"')
            {
              guint quote_line = line;

              i++;
              for (;;)
                {
                  if (i >= len)
                    {
                      g_string_free (field, TRUE);
                      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                                   _("%s, row %u: the quoted field that starts on line %u is never closed: add the closing \""),
                                   name, records->len, quote_line);
                      return FALSE;
                    }
                  if (data[i] == '"')
                    {
                      if (i + 1 < len && data[i + 1] == '"')
                        {
                          g_string_append_c (field, '"');
                          i += 2;
                          continue;
                        }
                      i++;
                      break;
                    }
                  if (data[i] == '\n')
                    line++;
                  g_string_append_c (field, data[i++]);
                }
              if (i < len && data[i] != ',' && data[i] != '\n' && data[i] != '\r')
                {
                  g_string_free (field, TRUE);
                  g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                               _("%s, row %u (line %u): text after a closing quote; a quote inside a quoted field is written twice (\"\")"),
                               name, records->len, line);
                  return FALSE;
                }
            }
          else
            {
              while (i < len && data[i] != ',' && data[i] != '\n' && data[i] != '\r')
                g_string_append_c (field, data[i++]);
            }

          g_ptr_array_add (record->fields, g_string_free (field, FALSE));

          if (i >= len)
            end_of_record = TRUE;
          else if (data[i] == ',')
            i++;
          else
            {
              if (data[i] == '\r')
                i++;
              if (i < len && data[i] == '\n')
                i++;
              line++;
              end_of_record = TRUE;
            }
        }
    }

  /* A record that is one empty field is a blank line: skip it. */
  for (guint r = records->len; r > 0; r--)
    {
      Record *record = g_ptr_array_index (records, r - 1);
      if (record->fields->len == 1 && *(char *) g_ptr_array_index (record->fields, 0) == '\0')
        g_ptr_array_remove_index (records, r - 1);
    }

  return TRUE;
}

static gboolean
fail_cell (GError     **error,
           const char  *name,
           guint        row,
           Column       column,
           const char  *format,
           ...) G_GNUC_PRINTF (5, 6);

static gboolean
fail_cell (GError     **error,
           const char  *name,
           guint        row,
           Column       column,
           const char  *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
               _("%s, row %u, column “%s”: %s"), name, row, column_names[column], message);
  return FALSE;
}

static gboolean
import_row (LineupStore  *store,
            const char   *name,
            guint         row,
            const char  **cells,
            GError      **error)
{
  g_autoptr(LineupPost) post = lineup_post_new ();
  g_autoptr(GError) local_error = NULL;
  LineupPillar *pillar;
  LineupContentType *type;
  GDate date;
  int minutes = lineup_store_get_default_time (store);

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      const char *bad;

      if (cells[c] && !g_utf8_validate (cells[c], -1, &bad))
        return fail_cell (error, name, row, c,
                          _("byte 0x%02X at position %ld is not UTF-8: save the file as UTF-8"),
                          (guchar) *bad, (long) (bad - cells[c]) + 1);
    }

  if (cells[COL_TITLE] == NULL || *g_strstrip ((char *) cells[COL_TITLE]) == '\0')
    return fail_cell (error, name, row, COL_TITLE, _("the title is empty: every post needs one"));
  lineup_post_set_title (post, cells[COL_TITLE]);
  lineup_post_set_body (post, cells[COL_BODY]);

  if (cells[COL_PILLAR] == NULL || *g_strstrip ((char *) cells[COL_PILLAR]) == '\0')
    return fail_cell (error, name, row, COL_PILLAR, _("the pillar is empty: every post belongs to one"));
  pillar = lineup_store_find_pillar (store, cells[COL_PILLAR]);
  if (pillar == NULL)
    {
      pillar = lineup_store_add_pillar (store, cells[COL_PILLAR], NULL, -1, &local_error);
      if (pillar == NULL)
        return fail_cell (error, name, row, COL_PILLAR, "%s", local_error->message);
    }
  lineup_post_set_pillar_id (post, lineup_pillar_get_id (pillar));

  if (cells[COL_TYPE] == NULL || *g_strstrip ((char *) cells[COL_TYPE]) == '\0')
    {
      g_autofree char *names = lineup_store_list_content_type_names (store);
      return fail_cell (error, name, row, COL_TYPE, _("the type is empty: expected one of %s"), names);
    }
  type = lineup_store_find_content_type (store, cells[COL_TYPE]);
  if (type == NULL)
    {
      g_autofree char *names = lineup_store_list_content_type_names (store);
      return fail_cell (error, name, row, COL_TYPE, _("“%s” is not a content type: expected one of %s"),
                        cells[COL_TYPE], names);
    }
  lineup_post_set_type_id (post, lineup_content_type_get_id (type));

  if (cells[COL_DATE] && *g_strstrip ((char *) cells[COL_DATE]))
    {
      if (!lineup_parse_date (cells[COL_DATE], &date))
        return fail_cell (error, name, row, COL_DATE,
                          _("“%s” is not a valid date: expected YYYY-MM-DD, e.g. 2026-12-10"),
                          cells[COL_DATE]);
      if (cells[COL_TIME] && *g_strstrip ((char *) cells[COL_TIME]) &&
          !lineup_parse_time (cells[COL_TIME], &minutes))
        return fail_cell (error, name, row, COL_TIME,
                          _("“%s” is not a valid time: expected HH:MM from 00:00 to 23:59"),
                          cells[COL_TIME]);
      lineup_post_set_scheduled_at (post, lineup_store_local_to_utc (store, &date, minutes));
    }
  else if (cells[COL_TIME] && *g_strstrip ((char *) cells[COL_TIME]))
    return fail_cell (error, name, row, COL_TIME, _("a time needs a date: fill in the date column or leave the time empty"));

  if (cells[COL_PLATFORM] && *cells[COL_PLATFORM])
    {
      g_auto(GStrv) parts = g_regex_split_simple ("\\s*[;,|]\\s*", g_strstrip ((char *) cells[COL_PLATFORM]), 0, 0);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) keys = NULL;

      for (guint i = 0; parts[i]; i++)
        if (*parts[i])
          g_strv_builder_add (builder, parts[i]);
      keys = g_strv_builder_end (builder);
      {
        g_auto(GStrv) normalized = NULL;
        if (!lineup_platforms_normalize ((const char * const *) keys, &normalized, &local_error))
          return fail_cell (error, name, row, COL_PLATFORM, "%s", local_error->message);
        lineup_post_set_platforms (post, (const char * const *) normalized);
      }
    }

  if (cells[COL_STAGE] && *g_strstrip ((char *) cells[COL_STAGE]))
    {
      LineupStage stage;

      if (!lineup_stage_from_string (cells[COL_STAGE], &stage))
        return fail_cell (error, name, row, COL_STAGE, _("“%s” is not a stage: expected one of %s"),
                          cells[COL_STAGE], lineup_stage_list_keys ());
      lineup_post_set_stage (post, stage);
    }

  if (!lineup_store_add_post (store, post, &local_error))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("%s, row %u: %s"), name, row, local_error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
lineup_import_csv (LineupStore  *store,
                   const char   *path,
                   guint        *out_n_posts,
                   GError      **error)
{
  g_autofree char *data = NULL;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
  g_autoptr(GError) local_error = NULL;
  static const Column required[] = { COL_TITLE, COL_PILLAR, COL_TYPE };
  int index_of[N_COLUMNS];
  const char *start;
  gsize len;
  Record *header;

  g_return_val_if_fail (LINEUP_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  name = g_filename_display_basename (path);

  if (!g_file_get_contents (path, &data, &len, &local_error))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_IO,
                   _("Could not read the CSV file: %s"), local_error->message);
      return FALSE;
    }

  start = data;
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    start += 3, len -= 3;

  if (memchr (start, '\0', len) != NULL)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("%s is not a text file (it contains NUL bytes): export it from your spreadsheet as CSV UTF-8"),
                   name);
      return FALSE;
    }

  if (!parse_records (start, len, name, records, error))
    return FALSE;

  if (records->len == 0)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("%s is empty: expected a header row naming the columns title, pillar, type (and optionally body, date, time, platform, stage)"),
                   name);
      return FALSE;
    }

  header = g_ptr_array_index (records, 0);
  for (guint c = 0; c < N_COLUMNS; c++)
    index_of[c] = -1;
  for (guint f = 0; f < header->fields->len; f++)
    {
      g_autofree char *column = g_ascii_strdown (g_ptr_array_index (header->fields, f), -1);
      gboolean known = FALSE;

      g_strstrip (column);
      if (g_str_equal (column, "platforms"))
        g_free (column), column = g_strdup ("platform");
      else if (g_str_equal (column, "caption"))
        g_free (column), column = g_strdup ("body");

      for (guint c = 0; c < N_COLUMNS && !known; c++)
        if (g_str_equal (column, column_names[c]))
          {
            if (index_of[c] >= 0)
              {
                g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                             _("%s, row 1: the column “%s” appears twice: keep one"), name, column_names[c]);
                return FALSE;
              }
            index_of[c] = f;
            known = TRUE;
          }

      if (!known)
        {
          g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                       _("%s, row 1, column %u: “%s” is not a column Lineup knows: expected title, body, date, time, pillar, type, platform, stage"),
                       name, f + 1,
                       g_utf8_validate (g_ptr_array_index (header->fields, f), -1, NULL)
                         ? (char *) g_ptr_array_index (header->fields, f) : "?");
          return FALSE;
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (index_of[required[i]] < 0)
      {
        g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                     _("%s, row 1: the header has no “%s” column: it is required (title, pillar and type are)"),
                     name, column_names[required[i]]);
        return FALSE;
      }

  label = g_strdup_printf (_("Import %s"), name);
  lineup_store_begin (store, label);

  for (guint r = 1; r < records->len; r++)
    {
      Record *record = g_ptr_array_index (records, r);
      const char *cells[N_COLUMNS];

      if (record->fields->len != header->fields->len)
        {
          g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                       _("%s, row %u (line %u): %u fields, but the header has %u: check for a missing or extra comma, or quote a field that contains one"),
                       name, r + 1, record->line, record->fields->len, header->fields->len);
          lineup_store_rollback (store);
          return FALSE;
        }

      for (guint c = 0; c < N_COLUMNS; c++)
        cells[c] = index_of[c] >= 0 ? g_ptr_array_index (record->fields, index_of[c]) : NULL;

      if (!import_row (store, name, r + 1, cells, error))
        {
          lineup_store_rollback (store);
          return FALSE;
        }
    }

  if (!lineup_store_commit (store, error))
    return FALSE;

  if (out_n_posts)
    *out_n_posts = records->len - 1;
  return TRUE;
}
