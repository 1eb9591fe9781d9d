/* lineup-csv.c: RFC 4180 import, all rows or none.
 *
 * Rows are numbered as a spreadsheet shows them: the header is row 1.
 * Every row is checked even after one is refused, so the window's preview
 * and the command line can name all of them; the import runs in one
 * transaction that is rolled back when anything is refused or when only a
 * preview was asked for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lineup-csv.h"
#include "lineup-workflow.h"

typedef enum {
  COL_TITLE,
  COL_BODY,
  COL_DATE,
  COL_TIME,
  COL_PILLAR,
  COL_TYPE,
  COL_PLATFORM,
  COL_STAGE,
  COL_GOAL,
  COL_AUDIENCE,
  COL_KEY_MESSAGE,
  COL_CALL_TO_ACTION,
  COL_HASHTAGS,
  COL_OWNER,
  COL_DUE,
  COL_CAMPAIGN,
  N_COLUMNS
} Column;

static const char * const column_names[N_COLUMNS] = {
  "title", "body", "date", "time", "pillar", "type", "platform", "stage",
  "goal", "audience", "key_message", "call_to_action", "hashtags", "owner", "due", "campaign",
};

/* The brief field each brief column fills, in column order from COL_GOAL. */
static const LineupBriefField brief_of_column[] = {
  LINEUP_BRIEF_GOAL, LINEUP_BRIEF_AUDIENCE, LINEUP_BRIEF_KEY_MESSAGE,
  LINEUP_BRIEF_CALL_TO_ACTION, LINEUP_BRIEF_HASHTAGS, LINEUP_BRIEF_OWNER,
};

/* Other names for a column, as other tools write them. */
static const struct { const char *alias; Column column; } column_aliases[] = {
  { "platforms", COL_PLATFORM },
  { "caption", COL_BODY },
  { "text", COL_BODY },
  { "cta", COL_CALL_TO_ACTION },
  { "due_on", COL_DUE },
  { "message", COL_KEY_MESSAGE },
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

/* ---- the report ---- */

static void
csv_row_free (LineupCsvRow *row)
{
  g_free (row->title);
  g_free (row->when);
  g_free (row->pillar);
  g_free (row->type);
  g_free (row->stage);
  g_free (row->error);
  g_free (row);
}

void
lineup_csv_report_free (LineupCsvReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->preview);
  g_ptr_array_unref (report->errors);
  g_ptr_array_unref (report->missing);
  g_free (report);
}

static LineupCsvReport *
csv_report_new (void)
{
  LineupCsvReport *report = g_new0 (LineupCsvReport, 1);

  report->preview = g_ptr_array_new_with_free_func ((GDestroyNotify) csv_row_free);
  report->errors = g_ptr_array_new_with_free_func (g_free);
  report->missing = g_ptr_array_new_with_free_func (g_free);
  return report;
}

const char *
lineup_csv_list_columns (void)
{
  /* column_names, in order */
  return "title, body, date, time, pillar, type, platform, stage, goal, audience, key_message, "
         "call_to_action, hashtags, owner, due, campaign";
}

/* ---- the closest name ---- */

/* Lower case, without accents: "Café Community" → "cafe community". */
static char *
fold_name (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  return g_ascii_strdown (g_strstrip (ascii), -1);
}

static guint
edit_distance (const char *a,
               const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  g_autofree guint *row = g_new (guint, lb + 1);

  for (gsize j = 0; j <= lb; j++)
    row[j] = j;
  for (gsize i = 1; i <= la; i++)
    {
      guint diagonal = row[0];

      row[0] = i;
      for (gsize j = 1; j <= lb; j++)
        {
          guint above = row[j];
          guint best = MIN (row[j] + 1, row[j - 1] + 1);

          row[j] = MIN (best, diagonal + (a[i - 1] != b[j - 1]));
          diagonal = above;
        }
    }
  return row[lb];
}

const char *
lineup_csv_closest_name (const char         *name,
                         const char * const *names)
{
  g_autofree char *folded = NULL;
  const char *closest = NULL;
  guint best = G_MAXUINT;

  if (name == NULL || names == NULL)
    return NULL;
  folded = fold_name (name);
  for (guint i = 0; names[i]; i++)
    {
      g_autofree char *other = fold_name (names[i]);
      guint d = edit_distance (folded, other);

      if (d < best)
        best = d, closest = names[i];
    }
  /* A typo or two, or a quarter of a long name. */
  if (closest && best <= MAX (2, strlen (folded) / 4) && best < strlen (folded))
    return closest;
  return NULL;
}

static GStrv
list_names (GListModel *model,
            const char *(*get_name) (gpointer))
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      g_strv_builder_add (builder, get_name (item));
    }
  return g_strv_builder_end (builder);
}

/* ---- one import ---- */

typedef enum {
  KIND_PILLAR,
  KIND_TYPE,
  KIND_CAMPAIGN,
} Kind;

typedef struct {
  LineupStore *store;
  const char *name;              /* the file's name, for messages */
  LineupCsvImportFlags flags;
  LineupCsvReport *report;
  GStrv known[3];                /* the plan's names before the import, by Kind */
  GHashTable *missing;           /* "kind:folded name" of what was listed */
  GHashTable *campaign_dates;    /* folded name → char *[2]: first and last date */
} Import;

static void
note_missing (Import     *im,
              Kind        kind,
              const char *value,
              guint       row)
{
  g_autofree char *folded = g_utf8_casefold (value, -1);
  char *key = g_strdup_printf ("%d:%s", kind, folded);
  const char *closest;
  char *text;

  if (!g_hash_table_add (im->missing, key))
    return;
  closest = lineup_csv_closest_name (value, (const char * const *) im->known[kind]);
  switch (kind)
    {
    case KIND_PILLAR:
      text = closest ? g_strdup_printf (_("pillar “%s” (row %u; did you mean “%s”?)"), value, row, closest)
                     : g_strdup_printf (_("pillar “%s” (row %u)"), value, row);
      break;
    case KIND_TYPE:
      text = closest ? g_strdup_printf (_("type “%s” (row %u; did you mean “%s”?)"), value, row, closest)
                     : g_strdup_printf (_("type “%s” (row %u)"), value, row);
      break;
    case KIND_CAMPAIGN:
    default:
      text = closest ? g_strdup_printf (_("campaign “%s” (row %u; did you mean “%s”?)"), value, row, closest)
                     : g_strdup_printf (_("campaign “%s” (row %u)"), value, row);
      break;
    }
  g_ptr_array_add (im->report->missing, text);
}

static char *
cell_error (Import     *im,
            guint       row,
            Column      column,
            const char *format,
            ...) G_GNUC_PRINTF (4, 5);

static char *
cell_error (Import     *im,
            guint       row,
            Column      column,
            const char *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  return g_strdup_printf (_("%s, row %u, column “%s”: %s"), im->name, row, column_names[column], message);
}

static gboolean
cell_is_set (const char *cell)
{
  return cell && *g_strstrip ((char *) cell) != '\0';
}

/* Checks and adds one row; the reason it is refused, or NULL. */
static char *
import_row (Import        *im,
            guint          row,
            const char   **cells,
            LineupCsvRow  *preview)
{
  LineupStore *store = im->store;
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
        return cell_error (im, row, c,
                           _("byte 0x%02X at position %ld is not UTF-8: save the file as UTF-8"),
                           (guchar) *bad, (long) (bad - cells[c]) + 1);
    }

  if (preview)
    {
      preview->title = g_strdup (cell_is_set (cells[COL_TITLE]) ? cells[COL_TITLE] : "");
      preview->when = g_strjoin (" ", cell_is_set (cells[COL_DATE]) ? cells[COL_DATE] : "",
                                 cell_is_set (cells[COL_TIME]) ? cells[COL_TIME] : "", NULL);
      g_strstrip (preview->when);
      preview->pillar = g_strdup (cell_is_set (cells[COL_PILLAR]) ? cells[COL_PILLAR] : "");
      preview->type = g_strdup (cell_is_set (cells[COL_TYPE]) ? cells[COL_TYPE] : "");
      preview->stage = g_strdup (cell_is_set (cells[COL_STAGE]) ? cells[COL_STAGE] : "");
    }

  if (!cell_is_set (cells[COL_TITLE]))
    return cell_error (im, row, COL_TITLE, _("the title is empty: every post needs one"));
  lineup_post_set_title (post, cells[COL_TITLE]);
  lineup_post_set_body (post, cells[COL_BODY]);

  if (!cell_is_set (cells[COL_PILLAR]))
    return cell_error (im, row, COL_PILLAR, _("the pillar is empty: every post belongs to one"));
  pillar = lineup_store_find_pillar (store, cells[COL_PILLAR]);
  if (pillar == NULL)
    {
      /* Created in the transaction either way, so the rest of the file is
       * checked; kept only with LINEUP_CSV_IMPORT_CREATE_MISSING. */
      note_missing (im, KIND_PILLAR, cells[COL_PILLAR], row);
      pillar = lineup_store_add_pillar (store, cells[COL_PILLAR], NULL, -1, &local_error);
      if (pillar == NULL)
        return cell_error (im, row, COL_PILLAR, "%s", local_error->message);
    }
  lineup_post_set_pillar_id (post, lineup_pillar_get_id (pillar));

  if (!cell_is_set (cells[COL_TYPE]))
    {
      g_autofree char *names = lineup_store_list_content_type_names (store);
      return cell_error (im, row, COL_TYPE, _("the type is empty: expected one of %s"), names);
    }
  type = lineup_store_find_content_type (store, cells[COL_TYPE]);
  if (type == NULL)
    {
      note_missing (im, KIND_TYPE, cells[COL_TYPE], row);
      type = lineup_store_add_content_type (store, cells[COL_TYPE], &local_error);
      if (type == NULL)
        return cell_error (im, row, COL_TYPE, "%s", local_error->message);
    }
  lineup_post_set_type_id (post, lineup_content_type_get_id (type));

  if (cell_is_set (cells[COL_DATE]))
    {
      if (!lineup_parse_date (cells[COL_DATE], &date))
        return cell_error (im, row, COL_DATE,
                           _("“%s” is not a valid date: expected YYYY-MM-DD, e.g. 2026-12-10"),
                           cells[COL_DATE]);
      if (cell_is_set (cells[COL_TIME]) && !lineup_parse_time (cells[COL_TIME], &minutes))
        return cell_error (im, row, COL_TIME,
                           _("“%s” is not a valid time: expected HH:MM from 00:00 to 23:59"),
                           cells[COL_TIME]);
      lineup_post_set_scheduled_at (post, lineup_store_local_to_utc (store, &date, minutes));
    }
  else if (cell_is_set (cells[COL_TIME]))
    return cell_error (im, row, COL_TIME, _("a time needs a date: fill in the date column or leave the time empty"));

  if (cell_is_set (cells[COL_PLATFORM]))
    {
      g_auto(GStrv) parts = g_regex_split_simple ("\\s*[;,|]\\s*", cells[COL_PLATFORM], 0, 0);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) keys = NULL;
      g_auto(GStrv) normalized = NULL;

      for (guint i = 0; parts[i]; i++)
        if (*parts[i])
          g_strv_builder_add (builder, parts[i]);
      keys = g_strv_builder_end (builder);
      if (!lineup_platforms_normalize ((const char * const *) keys, &normalized, &local_error))
        return cell_error (im, row, COL_PLATFORM, "%s", local_error->message);
      lineup_post_set_platforms (post, (const char * const *) normalized);
    }

  if (cell_is_set (cells[COL_STAGE]))
    {
      LineupStage stage;

      if (!lineup_stage_from_string (cells[COL_STAGE], &stage))
        return cell_error (im, row, COL_STAGE, _("“%s” is not a stage: expected one of %s"),
                           cells[COL_STAGE], lineup_stage_list_keys ());
      lineup_post_set_stage (post, stage);
    }
  if (preview)
    {
      g_free (preview->stage);
      preview->stage = g_strdup (lineup_stage_to_label (lineup_post_get_stage (post)));
    }

  for (guint i = 0; i < G_N_ELEMENTS (brief_of_column); i++)
    if (cell_is_set (cells[COL_GOAL + i]))
      lineup_post_set_brief (post, brief_of_column[i], cells[COL_GOAL + i]);

  if (cell_is_set (cells[COL_DUE]))
    {
      if (!lineup_parse_date (cells[COL_DUE], NULL))
        return cell_error (im, row, COL_DUE,
                           _("“%s” is not a valid date: expected YYYY-MM-DD, e.g. 2026-12-10"),
                           cells[COL_DUE]);
      lineup_post_set_due_on (post, cells[COL_DUE]);
    }

  if (cell_is_set (cells[COL_CAMPAIGN]))
    {
      LineupCampaign *campaign = lineup_store_find_campaign (store, cells[COL_CAMPAIGN]);

      if (campaign == NULL)
        {
          g_autofree char *folded = g_utf8_casefold (cells[COL_CAMPAIGN], -1);
          char **dates = g_hash_table_lookup (im->campaign_dates, folded);
          g_autofree char *today = NULL;

          note_missing (im, KIND_CAMPAIGN, cells[COL_CAMPAIGN], row);
          if (dates == NULL)
            {
              GDate now;

              lineup_store_get_today (store, &now);
              today = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&now),
                                       g_date_get_month (&now), g_date_get_day (&now));
            }
          /* From the first to the last date of its rows. */
          campaign = lineup_store_add_campaign (store, cells[COL_CAMPAIGN], "#e66100",
                                                dates ? dates[0] : today, dates ? dates[1] : today,
                                                &local_error);
          if (campaign == NULL)
            return cell_error (im, row, COL_CAMPAIGN, "%s", local_error->message);
        }
      lineup_post_set_campaign_id (post, lineup_campaign_get_id (campaign));
    }

  /* The one rule for a new post, whichever way it comes in. */
  if (!lineup_workflow_add (store, post,
                            (im->flags & LINEUP_CSV_IMPORT_HISTORY) ? LINEUP_NEW_POST_HISTORY : LINEUP_NEW_POST_DEFAULT,
                            &local_error))
    return g_strdup_printf (_("%s, row %u: %s"), im->name, row, local_error->message);
  return NULL;
}

/* The first and last date of the rows of each campaign the plan lacks. */
static void
scan_campaign_dates (Import    *im,
                     GPtrArray *records,
                     const int *index_of)
{
  if (index_of[COL_CAMPAIGN] < 0 || index_of[COL_DATE] < 0)
    return;
  for (guint r = 1; r < records->len; r++)
    {
      Record *record = g_ptr_array_index (records, r);
      const char *name, *date;
      char **dates;
      g_autofree char *folded = NULL;

      if (record->fields->len <= (guint) MAX (index_of[COL_CAMPAIGN], index_of[COL_DATE]))
        continue;
      name = g_ptr_array_index (record->fields, index_of[COL_CAMPAIGN]);
      date = g_ptr_array_index (record->fields, index_of[COL_DATE]);
      if (!g_utf8_validate (name, -1, NULL) || !lineup_parse_date (g_strstrip ((char *) date), NULL))
        continue;
      folded = g_utf8_casefold (g_strstrip ((char *) name), -1);
      if (*folded == '\0' || lineup_store_find_campaign (im->store, name))
        continue;
      dates = g_hash_table_lookup (im->campaign_dates, folded);
      if (dates == NULL)
        {
          dates = g_new0 (char *, 3);
          dates[0] = g_strdup (date);
          dates[1] = g_strdup (date);
          g_hash_table_insert (im->campaign_dates, g_steal_pointer (&folded), dates);
        }
      else if (strcmp (date, dates[0]) < 0)
        g_free (dates[0]), dates[0] = g_strdup (date);
      else if (strcmp (date, dates[1]) > 0)
        g_free (dates[1]), dates[1] = g_strdup (date);
    }
}

static gboolean
read_header (Record     *header,
             const char *name,
             int        *index_of,
             GError    **error)
{
  static const Column required[] = { COL_TITLE, COL_PILLAR, COL_TYPE };

  for (guint c = 0; c < N_COLUMNS; c++)
    index_of[c] = -1;
  for (guint f = 0; f < header->fields->len; f++)
    {
      g_autofree char *column = g_ascii_strdown (g_ptr_array_index (header->fields, f), -1);
      int found = -1;

      /* "Key message", "call-to-action" and "key_message" are one column. */
      g_strstrip (column);
      g_strdelimit (column, " -", '_');
      for (guint a = 0; a < G_N_ELEMENTS (column_aliases); a++)
        if (g_str_equal (column, column_aliases[a].alias))
          found = column_aliases[a].column;
      for (guint c = 0; c < N_COLUMNS && found < 0; c++)
        if (g_str_equal (column, column_names[c]))
          found = c;

      if (found < 0)
        {
          g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                       _("%s, row 1, column %u: “%s” is not a column Lineup knows: rename it to one of %s, or remove it"),
                       name, f + 1,
                       g_utf8_validate (g_ptr_array_index (header->fields, f), -1, NULL)
                         ? (char *) g_ptr_array_index (header->fields, f) : "?",
                       lineup_csv_list_columns ());
          return FALSE;
        }
      if (index_of[found] >= 0)
        {
          g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                       _("%s, row 1: the column “%s” appears twice: keep one"), name, column_names[found]);
          return FALSE;
        }
      index_of[found] = f;
    }
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (index_of[required[i]] < 0)
      {
        g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                     _("%s, row 1: the header has no “%s” column: it is required (title, pillar and type are)"),
                     name, column_names[required[i]]);
        return FALSE;
      }
  return TRUE;
}

static void
campaign_dates_free (char **dates)
{
  g_strfreev (dates);
}

gboolean
lineup_import_csv_full (LineupStore           *store,
                        const char            *path,
                        LineupCsvImportFlags   flags,
                        LineupCsvReport      **out_report,
                        GError               **error)
{
  g_autofree char *data = NULL;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(LineupCsvReport) report = NULL;
  Import im = { 0 };
  int index_of[N_COLUMNS];
  const char *start;
  gsize len;
  gboolean ok;

  g_return_val_if_fail (LINEUP_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (out_report)
    *out_report = NULL;
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

  if (!read_header (g_ptr_array_index (records, 0), name, index_of, error))
    return FALSE;

  report = csv_report_new ();
  report->n_rows = records->len - 1;
  im.store = store;
  im.name = name;
  im.flags = flags;
  im.report = report;
  im.known[KIND_PILLAR] = list_names (lineup_store_get_pillars (store), (gpointer) lineup_pillar_get_name);
  im.known[KIND_TYPE] = list_names (lineup_store_get_content_types (store), (gpointer) lineup_content_type_get_name);
  im.known[KIND_CAMPAIGN] = list_names (lineup_store_get_campaigns (store), (gpointer) lineup_campaign_get_name);
  im.missing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  im.campaign_dates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) campaign_dates_free);
  scan_campaign_dates (&im, records, index_of);

  label = g_strdup_printf (_("Import %s"), name);
  lineup_store_begin (store, label);

  for (guint r = 1; r < records->len; r++)
    {
      Record *record = g_ptr_array_index (records, r);
      Record *header = g_ptr_array_index (records, 0);
      LineupCsvRow *preview = NULL;
      const char *cells[N_COLUMNS];
      char *reason;

      if (report->preview->len < LINEUP_CSV_PREVIEW_ROWS)
        {
          preview = g_new0 (LineupCsvRow, 1);
          preview->row = r + 1;
          g_ptr_array_add (report->preview, preview);
        }

      if (record->fields->len != header->fields->len)
        {
          reason = g_strdup_printf (_("%s, row %u (line %u): %u fields, but the header has %u: check for a missing or extra comma, or quote a field that contains one"),
                                    name, r + 1, record->line, record->fields->len, header->fields->len);
        }
      else
        {
          for (guint c = 0; c < N_COLUMNS; c++)
            cells[c] = index_of[c] >= 0 ? g_ptr_array_index (record->fields, index_of[c]) : NULL;
          reason = import_row (&im, r + 1, cells, preview);
        }
      if (preview)
        {
          /* A row refused before its cells were read (not UTF-8) shows blank. */
          char **texts[] = { &preview->title, &preview->when, &preview->pillar, &preview->type, &preview->stage };

          for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
            if (*texts[t] == NULL)
              *texts[t] = g_strdup ("");
        }
      if (reason)
        {
          if (preview)
            preview->error = g_strdup (reason);
          g_ptr_array_add (report->errors, reason);
        }
    }

  for (guint k = 0; k < G_N_ELEMENTS (im.known); k++)
    g_strfreev (im.known[k]);
  g_hash_table_unref (im.missing);
  g_hash_table_unref (im.campaign_dates);

  ok = report->errors->len == 0 &&
       (report->missing->len == 0 || (flags & LINEUP_CSV_IMPORT_CREATE_MISSING));
  if (report->errors->len > 0)
    {
      guint more = report->errors->len - 1;

      if (more == 0)
        g_set_error_literal (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID, report->errors->pdata[0]);
      else
        g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                     g_dngettext (GETTEXT_PACKAGE, "%s (and %u more row is refused)",
                                  "%s (and %u more rows are refused)", more),
                     (char *) report->errors->pdata[0], more);
    }
  else if (!ok)
    {
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint i = 0; i < report->missing->len; i++)
        g_string_append_printf (list, i ? ", %s" : "%s", (char *) report->missing->pdata[i]);
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("%s names what the plan does not have: %s. Correct the spelling, or import with --create-missing to add them"),
                   name, list->str);
    }

  if (!ok || (flags & LINEUP_CSV_IMPORT_DRY_RUN))
    lineup_store_rollback (store);
  else if (!lineup_store_commit (store, error))
    ok = FALSE;
  else
    report->written = TRUE;

  if (out_report)
    *out_report = g_steal_pointer (&report);
  return ok;
}

gboolean
lineup_import_csv (LineupStore  *store,
                   const char   *path,
                   guint        *out_n_posts,
                   GError      **error)
{
  g_autoptr(LineupCsvReport) report = NULL;

  if (!lineup_import_csv_full (store, path, LINEUP_CSV_IMPORT_CREATE_MISSING, &report, error))
    return FALSE;
  if (out_n_posts)
    *out_n_posts = report->n_rows;
  return TRUE;
}

GPtrArray *
lineup_csv_read_rows (const char  *path,
                      GError     **error)
{
  g_autofree char *data = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GError) local_error = NULL;
  const char *start;
  gsize len;

  g_return_val_if_fail (path != NULL, NULL);

  name = g_filename_display_basename (path);
  if (!g_file_get_contents (path, &data, &len, &local_error))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_IO,
                   _("Could not read the CSV file: %s"), local_error->message);
      return NULL;
    }
  start = data;
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    start += 3, len -= 3;
  if (memchr (start, '\0', len) != NULL || !g_utf8_validate (start, len, NULL))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("%s is not a UTF-8 text file: export it as CSV UTF-8"), name);
      return NULL;
    }
  if (!parse_records (start, len, name, records, error))
    return NULL;
  for (guint r = 0; r < records->len; r++)
    {
      Record *record = g_ptr_array_index (records, r);

      g_ptr_array_add (rows, g_ptr_array_ref (record->fields));
    }
  return g_steal_pointer (&rows);
}
