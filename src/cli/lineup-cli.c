/* lineup-cli.c: `lineup post|pillar|campaign|import|demo …`
 *
 * Every argument is checked before the plan is opened, and every failure is
 * one line on stderr that says what was wrong, where, and what was expected.
 * The store does the rest in one transaction, so a refused command leaves
 * the file exactly as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lineup-cli.h"
#include "lineup-core.h"
#include "lineup-account.h"
#include "lineup-bluesky.h"
#include "lineup-mastodon.h"
#include "lineup-outbox.h"
#include "lineup-secrets.h"
#include "lineup-sync.h"
#include "lineup-webhook.h"

#define CLI_ERROR (cli_error_quark ())
static GQuark cli_error_quark (void);
static G_DEFINE_QUARK (lineup-cli-error-quark, cli_error)

enum {
  CLI_ERROR_USAGE,   /* exit 2 */
  CLI_ERROR_FAILED,  /* exit 1 */
};

typedef struct {
  const char *name;        /* without the dashes */
  gboolean takes_value;
  gboolean repeatable;
} OptionSpec;

typedef struct {
  const char *command;     /* "post add", for messages */
  GHashTable *options;     /* name → GPtrArray of values (or of "" for flags) */
  GPtrArray *positional;
  const char *database;
  gboolean help;
} Args;

typedef int (*CommandFunc) (Args *args, GError **error);

typedef struct {
  const char *group;
  const char *verb;                 /* NULL: the group is the command */
  CommandFunc func;
  const OptionSpec *options;
  const char * const *positional;   /* names of the required arguments, NULL-terminated */
  const char *synopsis;             /* what follows the command's name in the usage */
  const char *summary;
} Command;

static void
args_clear (Args *args)
{
  g_clear_pointer (&args->options, g_hash_table_unref);
  g_clear_pointer (&args->positional, g_ptr_array_unref);
}

/* ---- output ---- */

static void out (const char *format, ...) G_GNUC_PRINTF (1, 2);

/* Straight to stdout: text is UTF-8 already and must not be re-encoded. */
static void
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
static char *
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

static void
print_error (const char *message)
{
  g_autofree char *line = one_line (message);

  fflush (stdout);
  fprintf (stderr, "lineup: %s\n", line);
}

static void
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
static void
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

/* ---- argument checks ---- */

/* Text safe to show in a message about @text, which may not be UTF-8. */
static char *
shown (const char *text)
{
  if (g_utf8_validate (text, -1, NULL))
    return one_line (text);
  return g_strescape (text, NULL);
}

static gboolean
check_utf8 (const char  *what,
            const char  *text,
            GError     **error)
{
  const char *bad;

  if (g_utf8_validate (text, -1, &bad))
    return TRUE;
  g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
               _("%s is not valid UTF-8: byte 0x%02X at offset %ld; pass the text in UTF-8"),
               what, (guchar) *bad, (long) (bad - text));
  return FALSE;
}

/* Titles and names are one line in every view and export. */
static gboolean
check_one_line (const char  *what,
                const char  *text,
                GError     **error)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029)
        {
          g_autofree char *s = one_line (text);
          g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                       _("%s “%s” has a line break or control character (U+%04X) at offset %ld: it must be one line of text"),
                       what, s, c, (long) (p - text));
          return FALSE;
        }
    }
  return TRUE;
}

static const OptionSpec *
find_spec (const OptionSpec *specs,
           const char       *name)
{
  for (guint i = 0; specs[i].name; i++)
    if (g_str_equal (specs[i].name, name))
      return &specs[i];
  return NULL;
}

static gboolean
is_help (const char *arg)
{
  return g_str_equal (arg, "--help") || g_str_equal (arg, "-h");
}

static gboolean
parse_args (const char     *command,
            const Command  *spec,
            char          **argv,
            Args           *args,
            GError        **error)
{
  guint n_positional = spec->positional ? g_strv_length ((char **) spec->positional) : 0;
  gboolean options_done = FALSE;

  args->command = command;
  args->options = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) g_ptr_array_unref);
  args->positional = g_ptr_array_new ();

  for (guint i = 0; argv[i]; i++)
    {
      const char *arg = argv[i];

      if (!options_done && is_help (arg))
        {
          args->help = TRUE;
          return TRUE;
        }
      if (!options_done && g_str_equal (arg, "--"))
        options_done = TRUE;
      else if (!options_done && g_str_has_prefix (arg, "--"))
        {
          g_autofree char *name = g_strdup (arg + 2);
          char *eq = strchr (name, '=');
          const char *value = NULL;
          const OptionSpec *option;
          GPtrArray *values;

          if (eq)
            {
              *eq = '\0';
              value = arg + 2 + (eq - name) + 1;
            }

          /* The global option is welcome after the command too. */
          if (g_str_equal (name, "database"))
            {
              if (value == NULL && argv[i + 1] == NULL)
                {
                  g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                               _("--database needs a file path, e.g. --database ~/plans/lineup.db"));
                  return FALSE;
                }
              args->database = value ? value : argv[++i];
              if (!check_utf8 ("--database", args->database, error))
                return FALSE;
              continue;
            }

          option = find_spec (spec->options, name);
          if (option == NULL)
            {
              g_autofree char *s = shown (arg);
              g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                           _("%s: unknown option %s; see “lineup %s --help”"), command, s, command);
              return FALSE;
            }
          if (option->takes_value && value == NULL)
            {
              if (argv[i + 1] == NULL)
                {
                  g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                               _("%s: --%s needs a value"), command, option->name);
                  return FALSE;
                }
              value = argv[++i];
            }
          else if (!option->takes_value && value != NULL)
            {
              g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                           _("%s: --%s takes no value"), command, option->name);
              return FALSE;
            }

          if (value)
            {
              g_autofree char *what = g_strdup_printf ("--%s", option->name);
              if (!check_utf8 (what, value, error))
                return FALSE;
            }

          values = g_hash_table_lookup (args->options, option->name);
          if (values && !option->repeatable)
            {
              g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                           _("%s: --%s is given twice; give it once"), command, option->name);
              return FALSE;
            }
          if (values == NULL)
            {
              values = g_ptr_array_new ();
              g_hash_table_insert (args->options, (gpointer) option->name, values);
            }
          g_ptr_array_add (values, (gpointer) (value ? value : ""));
        }
      else if (!options_done && arg[0] == '-' && arg[1] != '\0')
        {
          g_autofree char *s = shown (arg);
          g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                       _("%s: unknown option %s; options are spelled --name (put “--” before an argument that starts with “-”)"),
                       command, s);
          return FALSE;
        }
      else
        {
          guint index = args->positional->len;

          /* A last name ending in "…" takes any number of arguments. */
          if (index >= n_positional && n_positional > 0 &&
              g_str_has_suffix (spec->positional[n_positional - 1], "…"))
            index = n_positional - 1;
          if (index >= n_positional)
            {
              g_autofree char *s = shown (arg);
              g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                           _("%s: unexpected argument “%s”; see “lineup %s --help”"),
                           command, s, command);
              return FALSE;
            }
          if (!check_utf8 (spec->positional[index], arg, error))
            return FALSE;
          g_ptr_array_add (args->positional, (gpointer) arg);
        }
    }

  if (args->positional->len < n_positional &&
      !(args->positional->len + 1 == n_positional && g_str_has_suffix (spec->positional[n_positional - 1], "…")))
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("%s: missing %s; usage: lineup %s %s"),
                   command, spec->positional[args->positional->len], command, spec->synopsis);
      return FALSE;
    }
  return TRUE;
}

static const char *
opt (Args       *args,
     const char *name)
{
  GPtrArray *values = g_hash_table_lookup (args->options, name);
  return values ? g_ptr_array_index (values, 0) : NULL;
}

static GPtrArray *
opt_all (Args       *args,
         const char *name)
{
  return g_hash_table_lookup (args->options, name);
}

static const char *
positional (Args  *args,
            guint  index)
{
  return g_ptr_array_index (args->positional, index);
}

static gboolean
need (Args        *args,
      const char  *name,
      GError     **error)
{
  if (opt (args, name))
    return TRUE;
  g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE, _("%s: --%s is required"), args->command, name);
  return FALSE;
}

static gboolean
parse_date_arg (const char  *what,
                const char  *text,
                GDate       *date,
                GError     **error)
{
  g_autofree char *s = NULL;

  g_date_clear (date, 1);
  if (lineup_parse_date (text, date))
    return TRUE;
  s = one_line (text);
  g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
               _("%s “%s” is not a valid date: expected YYYY-MM-DD, e.g. 2026-12-10"), what, s);
  return FALSE;
}

static gboolean
parse_time_arg (const char  *text,
                int         *minutes,
                GError     **error)
{
  g_autofree char *s = NULL;

  if (lineup_parse_time (text, minutes))
    return TRUE;
  s = one_line (text);
  g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
               _("--time “%s” is not a valid time: expected HH:MM from 00:00 to 23:59, e.g. 09:30"), s);
  return FALSE;
}

static gboolean
parse_stage_arg (const char   *what,
                 const char   *text,
                 LineupStage  *stage,
                 GError      **error)
{
  g_autofree char *s = NULL;

  if (lineup_stage_from_string (text, stage))
    return TRUE;
  s = one_line (text);
  g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
               _("%s “%s” is not a stage: expected one of %s"), what, s, lineup_stage_list_keys ());
  return FALSE;
}

/* --platform may be repeated and may hold a comma-separated list. */
static gboolean
parse_platforms_arg (GPtrArray  *values,
                     GStrv      *out_keys,
                     GError    **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  for (guint i = 0; values && i < values->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (values, i), ",", -1);

      for (guint p = 0; parts[p]; p++)
        {
          g_strstrip (parts[p]);
          if (*parts[p] == '\0')
            continue;
          if (lineup_platform_lookup (parts[p]) == NULL)
            {
              g_autofree char *s = one_line (parts[p]);
              g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                           _("--platform “%s” is not a platform Lineup knows: expected one of %s"),
                           s, lineup_platform_list_keys ());
              return FALSE;
            }
          g_strv_builder_add (builder, parts[p]);
        }
    }
  names = g_strv_builder_end (builder);
  return lineup_platforms_normalize ((const char * const *) names, out_keys, error);
}

/* ---- the plan ---- */

static char *
plan_path (Args *args)
{
  if (args->database)
    return g_strdup (args->database);
  if (g_getenv ("LINEUP_DATABASE") && *g_getenv ("LINEUP_DATABASE"))
    return g_strdup (g_getenv ("LINEUP_DATABASE"));
  return lineup_store_default_path ();
}

/* For commands that only read: a plan that does not exist yet is empty. */
static gboolean
plan_exists (Args *args)
{
  g_autofree char *path = plan_path (args);
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* Opens the plan, creating it when @create; otherwise a missing file is an
 * error, so a mistyped --database never leaves an empty plan behind. */
static LineupStore *
open_store_full (Args      *args,
                 gboolean   create,
                 GError   **error)
{
  g_autofree char *path = plan_path (args);

  if (!create && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *s = one_line (path);
      g_set_error (error, CLI_ERROR, CLI_ERROR_FAILED,
                   _("There is no plan at “%s” yet: start one with “lineup pillar add NAME”, “lineup import csv FILE” or “lineup demo”, or name another with --database"),
                   s);
      return NULL;
    }
  return lineup_plan_open (path, error);
}

static LineupStore *
open_store (Args    *args,
            GError **error)
{
  return open_store_full (args, FALSE, error);
}

/* For the listing commands: a plan that does not exist yet lists nothing
 * (an empty JSON array with --json) and no file is made. Returns FALSE when
 * there is nothing to list or the plan could not be opened (then @error is
 * set). */
static gboolean
open_for_listing (Args         *args,
                  LineupStore **out_store,
                  GError      **error)
{
  if (!plan_exists (args))
    {
      if (opt (args, "json"))
        out ("[]\n");
      return FALSE;
    }
  *out_store = open_store (args, error);
  return *out_store != NULL;
}

static LineupPillar *
find_pillar (LineupStore  *store,
             const char   *name,
             GError      **error)
{
  LineupPillar *pillar = lineup_store_find_pillar (store, name);
  g_autofree char *known = NULL;
  g_autofree char *s = NULL;

  if (pillar)
    return pillar;
  known = lineup_store_list_pillar_names (store);
  s = one_line (name);
  g_set_error (error, CLI_ERROR, CLI_ERROR_FAILED,
               _("--pillar “%s”: no such pillar; known pillars: %s. Add one with: lineup pillar add \"%s\""),
               s, *known ? known : _("none yet"), s);
  return NULL;
}

static LineupContentType *
find_type (LineupStore  *store,
           const char   *name,
           GError      **error)
{
  LineupContentType *type = lineup_store_find_content_type (store, name);
  g_autofree char *known = NULL;
  g_autofree char *s = NULL;

  if (type)
    return type;
  known = lineup_store_list_content_type_names (store);
  s = one_line (name);
  g_set_error (error, CLI_ERROR, CLI_ERROR_FAILED,
               _("--type “%s”: no such content type; expected one of %s"), s, known);
  return NULL;
}

static char *
format_local (LineupStore *store,
              gint64       instant,
              const char  *format)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (instant);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, lineup_store_get_time_zone (store));
  return g_date_time_format (local, format);
}

static char *
format_utc (gint64 instant)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (instant);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* ---- the workflow's records ---- */

/* "draft → in-review", "approved", "comment", … for one history line. */
static char *
describe_history_line (LineupStageChange *change)
{
  const char *from = change->from_stage < 0 ? NULL : lineup_stage_to_key (change->from_stage);
  const char *to = lineup_stage_to_key (change->to_stage);
  gboolean moved = change->from_stage != change->to_stage;

  switch (change->kind)
    {
    case LINEUP_HISTORY_APPROVE:
      return moved ? g_strdup_printf (_("approved: %s → %s"), from, to) : g_strdup (_("approved"));
    case LINEUP_HISTORY_REQUEST_CHANGES:
      return g_strdup_printf (_("requested changes: %s → %s"), from, to);
    case LINEUP_HISTORY_COMMENT:
      return g_strdup (_("comment"));
    case LINEUP_HISTORY_CHECK:
      return g_strdup (_("ticked"));
    case LINEUP_HISTORY_UNCHECK:
      return g_strdup (_("unticked"));
    case LINEUP_HISTORY_EDIT:
      return g_strdup_printf (_("edited: %s → %s"), from, to);
    case LINEUP_HISTORY_STAGE:
    default:
      return from ? g_strdup_printf ("%s → %s", from, to) : g_strdup_printf (_("created → %s"), to);
    }
}

static void
print_history (LineupStore *store,
               GPtrArray   *history)
{
  for (guint i = 0; history && i < history->len; i++)
    {
      LineupStageChange *change = g_ptr_array_index (history, i);
      g_autofree char *at = format_local (store, change->at, "%Y-%m-%d %H:%M");
      g_autofree char *what = describe_history_line (change);
      g_autofree char *actor = one_line (change->actor);
      g_autofree char *comment = change->comment ? one_line (change->comment) : NULL;

      out ("  %s  %s  %s%s%s\n", at, what, actor, comment ? ": " : "", comment ? comment : "");
    }
}

static void
add_history_json (JsonBuilder *builder,
                  GPtrArray   *history)
{
  json_builder_begin_array (builder);
  for (guint i = 0; history && i < history->len; i++)
    {
      LineupStageChange *change = g_ptr_array_index (history, i);
      g_autofree char *at = format_utc (change->at);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "at");
      json_builder_add_string_value (builder, at);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, lineup_history_kind_to_key (change->kind));
      json_builder_set_member_name (builder, "from");
      json_builder_add_string_value (builder, change->from_stage < 0 ? NULL
                                     : lineup_stage_to_key (change->from_stage));
      json_builder_set_member_name (builder, "to");
      json_builder_add_string_value (builder, lineup_stage_to_key (change->to_stage));
      json_builder_set_member_name (builder, "actor");
      json_builder_add_string_value (builder, change->actor);
      json_builder_set_member_name (builder, "comment");
      json_builder_add_string_value (builder, change->comment);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_workflow_json (JsonBuilder *builder,
                   LineupStore *store,
                   LineupPost  *post)
{
  g_autoptr(LineupPostWorkflow) workflow = lineup_store_get_post_workflow (store, post, NULL);
  g_autoptr(GPtrArray) chain = lineup_store_get_approval_chain (store);
  LineupApprovalStatus status;

  if (workflow == NULL)
    return;
  lineup_workflow_approval_status (chain, workflow->approvals, &status);

  json_builder_set_member_name (builder, "checklist");
  json_builder_begin_array (builder);
  for (guint i = 0; i < workflow->checklist->len; i++)
    {
      LineupChecklistItem *item = g_ptr_array_index (workflow->checklist, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "item");
      json_builder_add_string_value (builder, item->text);
      json_builder_set_member_name (builder, "checked");
      json_builder_add_boolean_value (builder, item->checked);
      json_builder_set_member_name (builder, "by");
      json_builder_add_string_value (builder, item->checked_by);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "approvals");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "done");
  json_builder_add_int_value (builder, status.done);
  json_builder_set_member_name (builder, "needed");
  json_builder_add_int_value (builder, status.needed);
  json_builder_set_member_name (builder, "by");
  json_builder_begin_array (builder);
  for (guint i = 0; i < workflow->approvals->len; i++)
    json_builder_add_string_value (builder, ((LineupApproval *) g_ptr_array_index (workflow->approvals, i))->actor);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "comments");
  json_builder_add_int_value (builder, workflow->n_comments);
  json_builder_set_member_name (builder, "change_request");
  json_builder_add_string_value (builder, workflow->change_request);
  json_builder_set_member_name (builder, "changes_since_approval");
  if (workflow->approved)
    {
      g_autofree char *diff = lineup_workflow_describe_diff (workflow->approved, post);
      json_builder_add_string_value (builder, diff);
    }
  else
    json_builder_add_null_value (builder);
}

static void
print_workflow (LineupStore *store,
                LineupPost  *post)
{
  g_autoptr(LineupPostWorkflow) workflow = lineup_store_get_post_workflow (store, post, NULL);
  g_autoptr(GPtrArray) chain = lineup_store_get_approval_chain (store);
  LineupApprovalStatus status;

  if (workflow == NULL)
    return;
  lineup_workflow_approval_status (chain, workflow->approvals, &status);

  out ("\n%s\n", _("Approval:"));
  out ("  %u/%u", status.done, status.needed);
  for (guint i = 0; i < workflow->approvals->len; i++)
    {
      g_autofree char *who = one_line (((LineupApproval *) g_ptr_array_index (workflow->approvals, i))->actor);
      out ("%s%s", i == 0 ? _(" by ") : ", ", who);
    }
  if (status.waiting_step >= 0 && chain->len > 0)
    {
      g_autofree char *step = lineup_workflow_describe_step (g_ptr_array_index (chain, status.waiting_step));
      g_autofree char *s = one_line (step);
      out (_("; waiting for %s"), s);
    }
  out ("\n");
  if (workflow->change_request)
    {
      g_autofree char *by = one_line (workflow->change_request_by);
      g_autofree char *text = one_line (workflow->change_request);
      out (_("  Changes requested by %s: %s\n"), by, text);
    }
  if (workflow->approved)
    {
      g_autofree char *diff = lineup_workflow_describe_diff (workflow->approved, post);

      if (diff)
        {
          g_auto(GStrv) lines = g_strsplit (diff, "\n", -1);

          out ("\n%s\n", _("Changed since approval:"));
          for (guint i = 0; lines[i]; i++)
            {
              g_autofree char *l = one_line (lines[i]);
              out ("  %s\n", l);
            }
        }
    }
  out ("\n%s\n", _("Checklist:"));
  for (guint i = 0; i < workflow->checklist->len; i++)
    {
      LineupChecklistItem *item = g_ptr_array_index (workflow->checklist, i);
      g_autofree char *text = one_line (item->text);

      out ("  %u. [%s] %s\n", i + 1, item->checked ? "x" : " ", text);
    }
}

/* Where the post goes and how far it got on each account. */
static void
add_sync_json (JsonBuilder *builder,
               LineupStore *store,
               LineupPost  *post)
{
  g_autoptr(GPtrArray) rows = lineup_store_get_post_sync (store, lineup_post_get_id (post), NULL);
  g_autofree char *url = lineup_store_get_published_url (store, lineup_post_get_id (post));

  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, url);
  json_builder_set_member_name (builder, "sync");
  json_builder_begin_array (builder);
  for (guint i = 0; rows && i < rows->len; i++)
    {
      LineupPostSync *sync = g_ptr_array_index (rows, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "account");
      json_builder_add_string_value (builder, sync->account_name);
      json_builder_set_member_name (builder, "state");
      json_builder_add_string_value (builder, lineup_sync_state_to_key (sync->state));
      json_builder_set_member_name (builder, "remote_id");
      json_builder_add_string_value (builder, sync->remote_id);
      json_builder_set_member_name (builder, "url");
      json_builder_add_string_value (builder, sync->url);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, sync->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_post_json (JsonBuilder *builder,
               LineupStore *store,
               LineupPost  *post,
               gboolean     details)
{
  LineupPillar *pillar = lineup_store_get_pillar (store, lineup_post_get_pillar_id (post));
  LineupContentType *type = lineup_store_get_content_type (store, lineup_post_get_type_id (post));
  LineupCampaign *campaign = lineup_store_get_campaign (store, lineup_post_get_campaign_id (post));
  const char * const *platforms = lineup_post_get_platforms (post);
  g_autofree char *created = format_utc (lineup_post_get_created_at (post));
  g_autofree char *updated = format_utc (lineup_post_get_updated_at (post));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, lineup_post_get_id (post));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, lineup_post_get_title (post));
  json_builder_set_member_name (builder, "body");
  json_builder_add_string_value (builder, lineup_post_get_body (post));
  json_builder_set_member_name (builder, "pillar");
  json_builder_add_string_value (builder, pillar ? lineup_pillar_get_name (pillar) : NULL);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, type ? lineup_content_type_get_name (type) : NULL);
  json_builder_set_member_name (builder, "stage");
  json_builder_add_string_value (builder, lineup_stage_to_key (lineup_post_get_stage (post)));
  json_builder_set_member_name (builder, "platforms");
  json_builder_begin_array (builder);
  for (guint i = 0; platforms[i]; i++)
    json_builder_add_string_value (builder, platforms[i]);
  json_builder_end_array (builder);

  if (lineup_post_is_dated (post))
    {
      g_autofree char *date = format_local (store, lineup_post_get_scheduled_at (post), "%Y-%m-%d");
      g_autofree char *time = format_local (store, lineup_post_get_scheduled_at (post), "%H:%M");
      g_autofree char *at = format_utc (lineup_post_get_scheduled_at (post));

      json_builder_set_member_name (builder, "date");
      json_builder_add_string_value (builder, date);
      json_builder_set_member_name (builder, "time");
      json_builder_add_string_value (builder, time);
      json_builder_set_member_name (builder, "scheduled_at");
      json_builder_add_string_value (builder, at);
    }
  else
    {
      json_builder_set_member_name (builder, "date");
      json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "time");
      json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "scheduled_at");
      json_builder_add_null_value (builder);
    }
  json_builder_set_member_name (builder, "campaign");
  if (campaign)
    json_builder_add_string_value (builder, lineup_campaign_get_name (campaign));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "revision");
  json_builder_add_int_value (builder, lineup_post_get_revision (post));
  json_builder_set_member_name (builder, "created");
  json_builder_add_string_value (builder, created);
  json_builder_set_member_name (builder, "updated");
  json_builder_add_string_value (builder, updated);

  if (details)
    {
      g_autoptr(GPtrArray) history = lineup_store_get_history (store, lineup_post_get_id (post), NULL);

      json_builder_set_member_name (builder, "brief");
      json_builder_begin_object (builder);
      for (guint f = 0; f < LINEUP_N_BRIEF_FIELDS; f++)
        {
          json_builder_set_member_name (builder, lineup_brief_field_to_key (f));
          json_builder_add_string_value (builder, lineup_post_get_brief (post, f));
        }
      json_builder_set_member_name (builder, "due");
      json_builder_add_string_value (builder, lineup_post_get_due_on (post));
      json_builder_end_object (builder);

      json_builder_set_member_name (builder, "history");
      add_history_json (builder, history);
      add_workflow_json (builder, store, post);
      add_sync_json (builder, store, post);
    }

  json_builder_end_object (builder);
}

#define POST_LINE_COLUMNS 8

/* date, time, stage, pillar, type, platforms, title, short id */
static char **
make_post_line (LineupStore *store,
                LineupPost  *post)
{
  LineupPillar *pillar = lineup_store_get_pillar (store, lineup_post_get_pillar_id (post));
  LineupContentType *type = lineup_store_get_content_type (store, lineup_post_get_type_id (post));
  g_autofree char *platforms = g_strjoinv (",", (char **) lineup_post_get_platforms (post));
  char **cells = g_new0 (char *, POST_LINE_COLUMNS + 1);

  if (lineup_post_is_dated (post))
    {
      cells[0] = format_local (store, lineup_post_get_scheduled_at (post), "%Y-%m-%d");
      cells[1] = format_local (store, lineup_post_get_scheduled_at (post), "%H:%M");
    }
  else
    {
      cells[0] = g_strdup (_("(no date)"));
      cells[1] = g_strdup ("-");
    }
  cells[2] = g_strdup (lineup_stage_to_key (lineup_post_get_stage (post)));
  cells[3] = one_line (pillar ? lineup_pillar_get_name (pillar) : "?");
  cells[4] = one_line (type ? lineup_content_type_get_name (type) : "?");
  cells[5] = g_strdup (*platforms ? platforms : "-");
  cells[6] = one_line (lineup_post_get_title (post));
  cells[7] = g_strdup_printf ("[%.8s]", lineup_post_get_id (post));
  return cells;
}

/* ---- commands ---- */

static const char * const brief_options[LINEUP_N_BRIEF_FIELDS] = {
  "goal", "audience", "key-message", "call-to-action", "hashtags", "owner",
};

/* Applies the options every post command shares to @post. */
static gboolean
apply_post_fields (Args         *args,
                   LineupStore  *store,
                   LineupPost   *post,
                   GError      **error)
{
  if (opt (args, "title"))
    lineup_post_set_title (post, opt (args, "title"));
  if (opt (args, "body"))
    lineup_post_set_body (post, opt (args, "body"));
  if (opt (args, "pillar"))
    {
      LineupPillar *pillar = find_pillar (store, opt (args, "pillar"), error);
      if (pillar == NULL)
        return FALSE;
      lineup_post_set_pillar_id (post, lineup_pillar_get_id (pillar));
    }
  if (opt (args, "type"))
    {
      LineupContentType *type = find_type (store, opt (args, "type"), error);
      if (type == NULL)
        return FALSE;
      lineup_post_set_type_id (post, lineup_content_type_get_id (type));
    }
  if (opt_all (args, "platform"))
    {
      g_auto(GStrv) keys = NULL;
      if (!parse_platforms_arg (opt_all (args, "platform"), &keys, error))
        return FALSE;
      lineup_post_set_platforms (post, (const char * const *) keys);
    }
  if (opt (args, "campaign"))
    {
      LineupCampaign *campaign = lineup_store_find_campaign (store, opt (args, "campaign"));
      if (campaign == NULL && *opt (args, "campaign"))
        {
          g_autofree char *s = one_line (opt (args, "campaign"));
          g_set_error (error, CLI_ERROR, CLI_ERROR_FAILED,
                       _("--campaign “%s”: no such campaign in the plan (--campaign \"\" takes a post out of its campaign)"),
                       s);
          return FALSE;
        }
      lineup_post_set_campaign_id (post, campaign ? lineup_campaign_get_id (campaign) : 0);
    }
  for (guint f = 0; f < LINEUP_N_BRIEF_FIELDS; f++)
    if (opt (args, brief_options[f]))
      lineup_post_set_brief (post, f, opt (args, brief_options[f]));
  if (opt (args, "due"))
    lineup_post_set_due_on (post, opt (args, "due"));
  return TRUE;
}

/* The checks that need no plan, done before it is opened. */
/* Length limits checked here too, so the message names the option the
 * user typed ("--body"), not the field's name in the window ("caption"). */
static gboolean
check_length (const char  *option,
              const char  *what,
              const char  *text,
              glong        max_chars,
              GError     **error)
{
  glong n = g_utf8_strlen (text, -1);

  if (n <= max_chars)
    return TRUE;
  g_set_error (error, CLI_ERROR, CLI_ERROR_FAILED,
               _("%s is %ld characters long; a %s may have at most %ld: shorten it by %ld"),
               option, n, what, max_chars, n - max_chars);
  return FALSE;
}

static gboolean
check_post_fields (Args    *args,
                   GError **error)
{
  GDate date;
  int minutes;
  LineupStage stage;
  g_auto(GStrv) keys = NULL;

  if (opt (args, "title") && !check_one_line ("--title", opt (args, "title"), error))
    return FALSE;
  if ((opt (args, "title") &&
       !check_length ("--title", _("title"), opt (args, "title"), LINEUP_TITLE_MAX_CHARS, error)) ||
      (opt (args, "body") &&
       !check_length ("--body", _("caption"), opt (args, "body"), LINEUP_BODY_MAX_CHARS, error)))
    return FALSE;
  if (opt (args, "date") && !parse_date_arg ("--date", opt (args, "date"), &date, error))
    return FALSE;
  if (opt (args, "due") && *opt (args, "due") && !parse_date_arg ("--due", opt (args, "due"), &date, error))
    return FALSE;
  if (opt (args, "time") && !parse_time_arg (opt (args, "time"), &minutes, error))
    return FALSE;
  if (opt (args, "stage") && !parse_stage_arg ("--stage", opt (args, "stage"), &stage, error))
    return FALSE;
  if (opt_all (args, "platform") && !parse_platforms_arg (opt_all (args, "platform"), &keys, error))
    return FALSE;
  return TRUE;
}

static gboolean
check_actor (Args     *args,
             gboolean  required,
             GError  **error)
{
  const char *as = opt (args, "as");
  g_autofree char *stripped = NULL;

  if (as == NULL)
    return !required || need (args, "as", error);
  if (!check_one_line ("--as", as, error))
    return FALSE;
  stripped = g_strstrip (g_strdup (as));
  if (g_utf8_strlen (as, -1) > LINEUP_NAME_MAX_CHARS || *stripped == '\0')
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("%s: --as needs a person’s name of 1 to %d characters"), args->command, LINEUP_NAME_MAX_CHARS);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_comment_arg (Args        *args,
                   const char  *what,
                   const char  *text,
                   GError     **error)
{
  return text == NULL || check_length (what, _("comment"), text, LINEUP_FIELD_MAX_CHARS, error);
}

static int
cmd_post_approve (Args    *args,
                  GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autofree char *note = NULL;

  if (!check_actor (args, TRUE, error))
    return 2;
  if (!check_comment_arg (args, "--comment", opt (args, "comment"), error))
    return 1;
  store = open_store (args, error);
  if (store == NULL ||
      !lineup_workflow_approve (store, positional (args, 0), opt (args, "as"), opt (args, "comment"), &note, error))
    return 1;
  {
    g_autofree char *line = one_line (note);
    out ("%s\n", line);
  }
  return 0;
}

static int
cmd_post_request_changes (Args    *args,
                          GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupPost) post = NULL;
  g_autofree char *title = NULL;

  if (!check_actor (args, TRUE, error) || !need (args, "comment", error))
    return 2;
  if (!check_comment_arg (args, "--comment", opt (args, "comment"), error))
    return 1;
  store = open_store (args, error);
  if (store == NULL)
    return 1;
  post = lineup_store_get_post (store, positional (args, 0), error);
  if (post == NULL ||
      !lineup_workflow_request_changes (store, lineup_post_get_id (post), opt (args, "as"), opt (args, "comment"), error))
    return 1;
  title = one_line (lineup_post_get_title (post));
  out (_("“%s”: %s → draft, changes requested\n"), title, lineup_stage_to_key (lineup_post_get_stage (post)));
  return 0;
}

static int
cmd_post_check (Args    *args,
                GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupPost) post = NULL;
  g_autoptr(GPtrArray) checklist = NULL;
  g_autofree char *title = NULL;
  gboolean checked = opt (args, "uncheck") == NULL;
  gint64 item_id;

  if (!check_actor (args, FALSE, error))
    return 2;
  store = open_store (args, error);
  if (store == NULL)
    return 1;
  post = lineup_store_get_post (store, positional (args, 0), error);
  if (post == NULL)
    return 1;
  checklist = lineup_store_get_checklist (store);
  if (!lineup_workflow_find_checklist_item (checklist, positional (args, 1), &item_id, error) ||
      !lineup_workflow_set_checked (store, lineup_post_get_id (post), item_id, checked, opt (args, "as"), error))
    return 1;
  title = one_line (lineup_post_get_title (post));
  for (guint i = 0; i < checklist->len; i++)
    {
      LineupChecklistItem *item = g_ptr_array_index (checklist, i);

      if (item->id == item_id)
        {
          g_autofree char *text = one_line (item->text);
          out (checked ? _("“%s”: ticked “%s”\n") : _("“%s”: unticked “%s”\n"), title, text);
        }
    }
  return 0;
}

static int
cmd_post_comment (Args    *args,
                  GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupPost) post = NULL;
  g_autofree char *title = NULL;

  if (!check_actor (args, FALSE, error))
    return 2;
  if (!check_comment_arg (args, "TEXT", positional (args, 1), error))
    return 1;
  store = open_store (args, error);
  if (store == NULL)
    return 1;
  post = lineup_store_get_post (store, positional (args, 0), error);
  if (post == NULL ||
      !lineup_workflow_comment (store, lineup_post_get_id (post), opt (args, "as"), positional (args, 1), error))
    return 1;
  title = one_line (lineup_post_get_title (post));
  out (_("Commented on “%s”\n"), title);
  return 0;
}

static int
cmd_post_history (Args    *args,
                  GError **error)
{
  g_autoptr(LineupStore) store = open_store (args, error);
  g_autoptr(LineupPost) post = NULL;
  g_autoptr(GPtrArray) history = NULL;

  if (store == NULL)
    return 1;
  post = lineup_store_get_post (store, positional (args, 0), error);
  if (post == NULL)
    return 1;
  history = lineup_store_get_history (store, lineup_post_get_id (post), error);
  if (history == NULL)
    return 1;
  if (opt (args, "json"))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      add_history_json (builder, history);
      print_json (builder);
    }
  else
    print_history (store, history);
  return 0;
}

static int
cmd_team_add (Args    *args,
              GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autofree char *name = NULL;
  LineupRole role;

  if (!need (args, "role", error))
    return 2;
  if (!lineup_role_from_string (opt (args, "role"), &role))
    {
      g_autofree char *s = one_line (opt (args, "role"));
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("team add: --role “%s” is not a role: expected lead, editor or approver"), s);
      return 2;
    }
  if (!check_one_line (_("The name"), positional (args, 0), error))
    return 2;
  store = open_store_full (args, TRUE, error);
  if (store == NULL || !lineup_store_set_member (store, positional (args, 0), role, error))
    return 1;
  {
    g_autofree char *stripped = g_strstrip (g_strdup (positional (args, 0)));
    name = one_line (stripped);
  }
  out (_("%s is in the team as %s\n"), name, lineup_role_to_key (role));
  return 0;
}

static int
cmd_team_list (Args    *args,
               GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(GPtrArray) team = NULL;

  if (!open_for_listing (args, &store, error))
    return error && *error ? 1 : 0;
  team = lineup_store_get_team (store);
  if (opt (args, "json"))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < team->len; i++)
        {
          LineupMember *member = g_ptr_array_index (team, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, member->name);
          json_builder_set_member_name (builder, "role");
          json_builder_add_string_value (builder, lineup_role_to_key (member->role));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      print_json (builder);
      return 0;
    }
  for (guint i = 0; i < team->len; i++)
    {
      LineupMember *member = g_ptr_array_index (team, i);
      g_autofree char *name = one_line (member->name);

      out ("%-10s %s\n", lineup_role_to_key (member->role), name);
    }
  return 0;
}

/* "Lead:any:Ana,Ben" */
static LineupApprovalStep *
parse_step_arg (const char  *text,
                GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ":", 3);
  g_autoptr(LineupApprovalStep) step = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) split = NULL;
  g_autofree char *s = one_line (text);

  if (g_strv_length (parts) != 3 || (g_strcmp0 (parts[1], "any") != 0 && g_strcmp0 (parts[1], "all") != 0))
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("approval-chain set: “%s” is not a step: write STEP:any:NAME[,NAME…] or STEP:all:NAME[,NAME…], e.g. Lead:any:Ana,Ben"),
                   s);
      return NULL;
    }
  step = g_new0 (LineupApprovalStep, 1);
  step->name = g_strstrip (g_strdup (parts[0]));
  step->all = g_str_equal (parts[1], "all");
  split = g_strsplit (parts[2], ",", -1);
  for (guint i = 0; split[i]; i++)
    {
      g_strstrip (split[i]);
      if (*split[i])
        g_strv_builder_add (names, split[i]);
    }
  step->approvers = g_strv_builder_end (names);
  if (*step->name == '\0' || step->approvers[0] == NULL)
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("approval-chain set: “%s” needs a step name and at least one approver, e.g. Lead:any:Ana"), s);
      return NULL;
    }
  return g_steal_pointer (&step);
}

static void
print_chain (LineupStore *store)
{
  g_autoptr(GPtrArray) chain = lineup_store_get_approval_chain (store);

  if (chain->len == 0)
    out ("%s\n", _("No approval chain: any one approval is enough."));
  for (guint i = 0; i < chain->len; i++)
    {
      g_autofree char *step = lineup_workflow_describe_step (g_ptr_array_index (chain, i));
      g_autofree char *line = one_line (step);

      out ("%u. %s%s\n", i + 1, line,
           ((LineupApprovalStep *) g_ptr_array_index (chain, i))->all ? _(", all of them") : _(", any one"));
    }
  out (lineup_store_get_forbid_self_approval (store)
         ? _("Nobody may approve their own post.\n")
         : _("Owners may approve their own posts.\n"));
}

static int
cmd_approval_chain_set (Args    *args,
                        GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_approval_step_free);

  if (opt (args, "forbid-self-approval") && opt (args, "allow-self-approval"))
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("approval-chain set: give --forbid-self-approval or --allow-self-approval, not both"));
      return 2;
    }
  for (guint i = 0; i < args->positional->len; i++)
    {
      LineupApprovalStep *step;

      if (!check_one_line (_("The step"), positional (args, i), error))
        return 2;
      step = parse_step_arg (positional (args, i), error);
      if (step == NULL)
        return 2;
      g_ptr_array_add (steps, step);
    }
  if (steps->len == 0 && !opt (args, "clear") && !opt (args, "forbid-self-approval") && !opt (args, "allow-self-approval"))
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("approval-chain set: give the steps (e.g. Lead:any:Ana,Ben Legal:all:Cleo), or --clear for none"));
      return 2;
    }
  if (steps->len > 0 && opt (args, "clear"))
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE, _("approval-chain set: give steps or --clear, not both"));
      return 2;
    }

  store = open_store (args, error);
  if (store == NULL)
    return 1;
  lineup_store_begin (store, NULL);
  if (((steps->len > 0 || opt (args, "clear")) && !lineup_store_set_approval_chain (store, steps, error)) ||
      ((opt (args, "forbid-self-approval") || opt (args, "allow-self-approval")) &&
       !lineup_store_set_forbid_self_approval (store, opt (args, "forbid-self-approval") != NULL, error)))
    {
      lineup_store_rollback (store);
      return 1;
    }
  if (!lineup_store_commit (store, error))
    return 1;
  print_chain (store);
  return 0;
}

static int
cmd_approval_chain_show (Args    *args,
                         GError **error)
{
  g_autoptr(LineupStore) store = NULL;

  if (!open_for_listing (args, &store, error))
    {
      if (error && *error)
        return 1;
      out ("%s\n", _("No approval chain: any one approval is enough."));
      return 0;
    }
  print_chain (store);
  return 0;
}

static int
cmd_checklist_list (Args    *args,
                    GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(GPtrArray) items = NULL;

  if (!open_for_listing (args, &store, error))
    return error && *error ? 1 : 0;
  items = lineup_store_get_checklist (store);
  for (guint i = 0; i < items->len; i++)
    {
      g_autofree char *text = one_line (((LineupChecklistItem *) g_ptr_array_index (items, i))->text);
      out ("%u. %s\n", i + 1, text);
    }
  return 0;
}

static int
cmd_checklist_add (Args    *args,
                   GError **error)
{
  g_autoptr(LineupStore) store = NULL;

  if (!check_one_line (_("The checklist item"), positional (args, 0), error))
    return 2;
  store = open_store (args, error);
  if (store == NULL || !lineup_store_add_checklist_item (store, positional (args, 0), error))
    return 1;
  return cmd_checklist_list (args, error);
}

static int
cmd_checklist_remove (Args    *args,
                      GError **error)
{
  g_autoptr(LineupStore) store = open_store (args, error);
  g_autoptr(GPtrArray) items = NULL;
  gint64 id;

  if (store == NULL)
    return 1;
  items = lineup_store_get_checklist (store);
  if (!lineup_workflow_find_checklist_item (items, positional (args, 0), &id, error) ||
      !lineup_store_remove_checklist_item (store, id, error))
    return 1;
  return cmd_checklist_list (args, error);
}

/* "YYYY-MM" */
static gboolean
parse_month_arg (const char  *text,
                 int         *out_year,
                 int         *out_month,
                 GError     **error)
{
  char tail;

  if (strlen (text) != 7 ||
      sscanf (text, "%4d-%2d%c", out_year, out_month, &tail) != 2 ||
      *out_month < 1 || *out_month > 12 || *out_year < 1900)
    {
      g_autofree char *s = one_line (text);
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("--month “%s” is not a month: expected YYYY-MM, e.g. 2026-12"), s);
      return FALSE;
    }
  return TRUE;
}

/* ---- the content mix ---- */

static void
add_row_json (JsonBuilder  *builder,
              LineupMixRow *row)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, row->name);
  if (row->key)
    {
      json_builder_set_member_name (builder, "key");
      json_builder_add_string_value (builder, row->key);
    }
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, row->count);
  json_builder_set_member_name (builder, "share");
  json_builder_add_double_value (builder, round (row->share * 10) / 10);
  json_builder_set_member_name (builder, "target_min");
  if (row->min >= 0)
    json_builder_add_double_value (builder, row->min);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "target_max");
  if (row->max >= 0)
    json_builder_add_double_value (builder, row->max);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, lineup_mix_state_to_key (row->state));
  json_builder_set_member_name (builder, "distance");
  json_builder_add_int_value (builder, row->distance);
  json_builder_end_object (builder);
}

static char *
iso_date (const GDate *date)
{
  char text[16];

  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  return g_strdup (text);
}

static void
print_mix_json (LineupMixReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GDate last = report->to;
  g_autofree char *from = iso_date (&report->from);
  g_autofree char *to = NULL;

  g_date_subtract_days (&last, 1);
  to = iso_date (&last);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "from");
  json_builder_add_string_value (builder, from);
  json_builder_set_member_name (builder, "to");
  json_builder_add_string_value (builder, to);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, report->total);
  json_builder_set_member_name (builder, "score");
  json_builder_add_int_value (builder, (gint64) round (report->score));
  json_builder_set_member_name (builder, "types");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->types->len; i++)
    add_row_json (builder, g_ptr_array_index (report->types, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "pillars");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->pillars->len; i++)
    add_row_json (builder, g_ptr_array_index (report->pillars, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "suggestions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->suggestions->len; i++)
    json_builder_add_string_value (builder, ((LineupMixSuggestion *) g_ptr_array_index (report->suggestions, i))->text);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "weeks");
  json_builder_begin_array (builder);
  for (guint w = 0; w < report->n_weeks; w++)
    {
      g_autofree char *start = iso_date (&report->weeks[w].start);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "start");
      json_builder_add_string_value (builder, start);
      json_builder_set_member_name (builder, "total");
      json_builder_add_int_value (builder, report->weeks[w].total);
      json_builder_set_member_name (builder, "types");
      json_builder_begin_object (builder);
      for (guint t = 0; t < report->types->len; t++)
        {
          json_builder_set_member_name (builder, ((LineupMixRow *) g_ptr_array_index (report->types, t))->name);
          json_builder_add_int_value (builder, report->weeks[w].type_counts[t]);
        }
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "cadence");
  json_builder_begin_array (builder);
  for (guint c = 0; c < report->cadence->len; c++)
    {
      LineupMixCadence *cadence = g_ptr_array_index (report->cadence, c);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "platform");
      json_builder_add_string_value (builder, cadence->platform);
      json_builder_set_member_name (builder, "target_min");
      json_builder_add_int_value (builder, cadence->min);
      json_builder_set_member_name (builder, "target_max");
      json_builder_add_int_value (builder, cadence->max);
      json_builder_set_member_name (builder, "weeks");
      json_builder_begin_array (builder);
      for (guint w = 0; w < report->n_weeks; w++)
        json_builder_add_int_value (builder, cadence->week_counts[w]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "state");
      json_builder_add_string_value (builder, lineup_mix_state_to_key (cadence->state));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "flags");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->flags->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (report->flags, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  print_json (builder);
}

static char *
format_band (LineupMixRow *row)
{
  if (row->min < 0 && row->max < 0)
    return g_strdup ("-");
  return g_strdup_printf ("%.0f–%.0f %%", MAX (row->min, 0), row->max >= 0 ? row->max : 100);
}

static void
print_rows (const char *title,
            GPtrArray  *rows)
{
  g_autoptr(GPtrArray) table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  char **header = g_new0 (char *, 6);

  header[0] = g_strdup (title);
  header[1] = g_strdup (_("posts"));
  header[2] = g_strdup (_("share"));
  header[3] = g_strdup (_("target"));
  header[4] = g_strdup (_("state"));
  g_ptr_array_add (table, header);
  for (guint i = 0; i < rows->len; i++)
    {
      LineupMixRow *row = g_ptr_array_index (rows, i);
      char **cells = g_new0 (char *, 6);

      cells[0] = one_line (row->name);
      cells[1] = g_strdup_printf ("%u", row->count);
      cells[2] = g_strdup_printf ("%.0f %%", row->share);
      cells[3] = format_band (row);
      cells[4] = g_strdup (lineup_mix_state_to_key (row->state));
      g_ptr_array_add (table, cells);
    }
  print_table (table, 5);
}

static int
cmd_mix (Args    *args,
         GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupMix) mix = NULL;
  g_autoptr(LineupMixReport) report = NULL;
  const LineupPlatformInfo *platform = NULL;
  GDate from, to;
  int year = 0, month = 0;

  if (opt (args, "month") && (opt (args, "from") || opt (args, "to")))
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE, _("mix: give --month or --from and --to, not both"));
      return 2;
    }
  if ((opt (args, "from") != NULL) != (opt (args, "to") != NULL))
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE, _("mix: --from and --to go together"));
      return 2;
    }
  if (opt (args, "month") && !parse_month_arg (opt (args, "month"), &year, &month, error))
    return 2;
  if (opt (args, "from") &&
      (!parse_date_arg ("--from", opt (args, "from"), &from, error) ||
       !parse_date_arg ("--to", opt (args, "to"), &to, error)))
    return 2;
  if (opt (args, "from") && g_date_compare (&from, &to) > 0)
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("mix: --from %s is after --to %s"), opt (args, "from"), opt (args, "to"));
      return 2;
    }
  if (opt (args, "platform") && (platform = lineup_platform_lookup (opt (args, "platform"))) == NULL)
    {
      g_autofree char *s = one_line (opt (args, "platform"));
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE, _("mix: “%s” is not a platform: expected one of %s"),
                   s, lineup_platform_list_keys ());
      return 2;
    }

  store = open_store (args, error);
  if (store == NULL)
    return 1;
  if (!opt (args, "from"))
    {
      if (year == 0)
        {
          GDate today;

          lineup_store_get_today (store, &today);
          year = g_date_get_year (&today);
          month = g_date_get_month (&today);
        }
      g_date_clear (&from, 1);
      g_date_set_dmy (&from, 1, month, year);
      to = from;
      g_date_add_months (&to, 1);
    }
  else
    g_date_add_days (&to, 1);

  mix = lineup_mix_new (store);
  if (platform)
    lineup_mix_set_platform (mix, platform->key);
  lineup_mix_set_range (mix, &from, &to);
  report = lineup_mix_get_report (mix);

  if (opt (args, "json"))
    {
      print_mix_json (report);
      return 0;
    }

  {
    char first[64], last_text[64];
    GDate last = to;

    g_date_subtract_days (&last, 1);
    g_date_strftime (first, sizeof first, "%-d %B %Y", &from);
    g_date_strftime (last_text, sizeof last_text, "%-d %B %Y", &last);
    out (_("Content mix, %s to %s (%s)%s%s: %u posts, balance %.0f/100\n\n"), first, last_text,
         lineup_store_get_time_zone_id (store), platform ? _(", on ") : "", platform ? platform->name : "",
         report->total, report->score);
  }
  print_rows (_("type"), report->types);
  out ("\n");
  print_rows (_("pillar"), report->pillars);
  if (report->suggestions->len > 0)
    {
      out ("\n%s\n", _("What to change:"));
      for (guint i = 0; i < report->suggestions->len; i++)
        out ("  - %s\n", ((LineupMixSuggestion *) g_ptr_array_index (report->suggestions, i))->text);
    }
  if (report->flags->len > 0)
    {
      out ("\n%s\n", _("Rules of thumb:"));
      for (guint i = 0; i < report->flags->len; i++)
        out ("  - %s\n", (char *) g_ptr_array_index (report->flags, i));
    }
  return 0;
}

static int
cmd_targets_set (Args    *args,
                 GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autofree char *name = NULL;
  LineupContentType *type;
  double min, max;
  char *end;

  min = g_ascii_strtod (positional (args, 1), &end);
  if (*end != '\0' && !(end[0] == '%' && end[1] == '\0'))
    min = NAN;
  max = g_ascii_strtod (positional (args, 2), &end);
  if (*end != '\0' && !(end[0] == '%' && end[1] == '\0'))
    max = NAN;
  if (isnan (min) || isnan (max) || min < 0 || max > 100 || min > max)
    {
      g_autofree char *a = one_line (positional (args, 1));
      g_autofree char *b = one_line (positional (args, 2));
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("targets set: “%s” to “%s” is not a range of percentages: give MIN and MAX from 0 to 100, MIN not above MAX, e.g. 40 50"),
                   a, b);
      return 2;
    }
  store = open_store (args, error);
  if (store == NULL)
    return 1;
  type = find_type (store, positional (args, 0), error);
  if (type == NULL)
    return 1;
  /* The store replaces its type objects when a target changes. */
  name = one_line (lineup_content_type_get_name (type));
  if (!lineup_store_set_type_target (store, lineup_content_type_get_id (type), min, max, error))
    return 1;
  out (_("%s: %.0f–%.0f %% of the month\n"), name, min, max);
  return 0;
}

static int
cmd_targets_list (Args    *args,
                  GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  GListModel *types;
  GListModel *pillars;

  if (!plan_exists (args))
    {
      if (opt (args, "json"))
        out ("{\"types\": [], \"pillars\": []}\n");
      return 0;
    }
  store = open_store (args, error);
  if (store == NULL)
    return 1;
  types = lineup_store_get_content_types (store);
  pillars = lineup_store_get_pillars (store);
  if (opt (args, "json"))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "types");
      json_builder_begin_array (builder);
      for (guint i = 0; i < g_list_model_get_n_items (types); i++)
        {
          g_autoptr(LineupContentType) type = g_list_model_get_item (types, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, lineup_content_type_get_name (type));
          json_builder_set_member_name (builder, "min");
          json_builder_add_double_value (builder, lineup_content_type_get_target_min (type));
          json_builder_set_member_name (builder, "max");
          json_builder_add_double_value (builder, lineup_content_type_get_target_max (type));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "pillars");
      json_builder_begin_array (builder);
      for (guint i = 0; i < g_list_model_get_n_items (pillars); i++)
        {
          g_autoptr(LineupPillar) pillar = g_list_model_get_item (pillars, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, lineup_pillar_get_name (pillar));
          json_builder_set_member_name (builder, "target");
          if (lineup_pillar_get_target (pillar) >= 0)
            json_builder_add_double_value (builder, lineup_pillar_get_target (pillar));
          else
            json_builder_add_null_value (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      print_json (builder);
      return 0;
    }
  for (guint i = 0; i < g_list_model_get_n_items (types); i++)
    {
      g_autoptr(LineupContentType) type = g_list_model_get_item (types, i);
      g_autofree char *name = one_line (lineup_content_type_get_name (type));

      out ("%-14s %3.0f–%.0f %%\n", name, lineup_content_type_get_target_min (type),
           lineup_content_type_get_target_max (type));
    }
  for (guint i = 0; i < g_list_model_get_n_items (pillars); i++)
    {
      g_autoptr(LineupPillar) pillar = g_list_model_get_item (pillars, i);
      g_autofree char *name = one_line (lineup_pillar_get_name (pillar));

      if (lineup_pillar_get_target (pillar) >= 0)
        out (_("%s (pillar): %.0f %%\n"), name, lineup_pillar_get_target (pillar));
    }
  return 0;
}

/* ---- iCalendar ---- */

/* The canonical names of the values of a repeatable filter option
 * (--pillar, --type, --platform, --stage), checked against the plan. */
static GStrv
collect_filter_values (Args                   *args,
                       LineupStore            *store,
                       const char             *option,
                       LineupFilterDimension   dimension,
                       GError                **error)
{
  GPtrArray *values = opt_all (args, option);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  for (guint i = 0; values && i < values->len; i++)
    {
      const char *value = g_ptr_array_index (values, i);
      const char *name = NULL;
      LineupStage stage;

      switch (dimension)
        {
        case LINEUP_FILTER_PILLAR:
          {
            LineupPillar *pillar = find_pillar (store, value, error);
            if (pillar == NULL)
              return NULL;
            name = lineup_pillar_get_name (pillar);
          }
          break;
        case LINEUP_FILTER_TYPE:
          {
            LineupContentType *type = find_type (store, value, error);
            if (type == NULL)
              return NULL;
            name = lineup_content_type_get_name (type);
          }
          break;
        case LINEUP_FILTER_PLATFORM:
          {
            const LineupPlatformInfo *info = lineup_platform_lookup (value);
            if (info == NULL)
              {
                g_autofree char *s = one_line (value);
                g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE, _("--platform “%s” is not a platform: expected one of %s"),
                             s, lineup_platform_list_keys ());
                return NULL;
              }
            name = info->key;
          }
          break;
        case LINEUP_FILTER_STAGE:
          if (!parse_stage_arg ("--stage", value, &stage, error))
            return NULL;
          name = lineup_stage_to_key (stage);
          break;
        default:
          name = value;
          break;
        }
      g_strv_builder_add (names, name);
    }
  return g_strv_builder_end (names);
}

static gboolean
add_filter_values (Args                   *args,
                   LineupStore            *store,
                   LineupFilter           *filter,
                   const char             *option,
                   LineupFilterDimension   dimension,
                   GError                **error)
{
  g_auto(GStrv) list = collect_filter_values (args, store, option, dimension, error);

  if (list == NULL)
    return FALSE;
  if (list[0])
    lineup_filter_set_values (filter, dimension, (const char * const *) list);
  return TRUE;
}

static int
cmd_export_ics (Args    *args,
                GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupFilter) filter = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  g_autofree char *text = NULL;
  LineupIcsOptions options = { 0 };
  const char *output = opt (args, "output");
  GDate from, to;
  gsize length;

  if ((opt (args, "from") && !parse_date_arg ("--from", opt (args, "from"), &from, error)) ||
      (opt (args, "to") && !parse_date_arg ("--to", opt (args, "to"), &to, error)))
    return 2;
  if (opt (args, "from") && opt (args, "to") && g_date_compare (&from, &to) > 0)
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("export ics: --from %s is after --to %s"), opt (args, "from"), opt (args, "to"));
      return 2;
    }
  if (opt (args, "privacy") && !lineup_ics_privacy_from_key (opt (args, "privacy"), &options.privacy))
    {
      g_autofree char *s = one_line (opt (args, "privacy"));
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("export ics: --privacy “%s” is not a level: expected titles, brief or full"), s);
      return 2;
    }
  if (opt (args, "name") && !check_one_line ("--name", opt (args, "name"), error))
    return 2;

  store = open_store (args, error);
  if (store == NULL)
    return 1;
  filter = lineup_filter_new (store);
  if (!add_filter_values (args, store, filter, "pillar", LINEUP_FILTER_PILLAR, error) ||
      !add_filter_values (args, store, filter, "type", LINEUP_FILTER_TYPE, error) ||
      !add_filter_values (args, store, filter, "platform", LINEUP_FILTER_PLATFORM, error) ||
      !add_filter_values (args, store, filter, "stage", LINEUP_FILTER_STAGE, error))
    return (*error)->domain == CLI_ERROR && (*error)->code == CLI_ERROR_USAGE ? 2 : 1;

  {
    gint64 start = G_MININT64 + 1, end = G_MAXINT64;

    if (opt (args, "from"))
      start = lineup_store_local_to_utc (store, &from, 0);
    if (opt (args, "to"))
      {
        g_date_add_days (&to, 1);
        end = lineup_store_local_to_utc (store, &to, 0);
      }
    posts = lineup_store_list_posts (store, start, end, error);
    if (posts == NULL)
      return 1;
  }
  for (guint i = 0; i < posts->len; i++)
    if (lineup_filter_matches (filter, g_ptr_array_index (posts, i)))
      g_ptr_array_add (chosen, g_ptr_array_index (posts, i));

  options.name = opt (args, "name");
  options.local_time = opt (args, "local-time") != NULL;
  text = lineup_ics_export (store, chosen, &options, &length);

  if (output == NULL || g_str_equal (output, "-"))
    {
      fwrite (text, 1, length, stdout);
      return 0;
    }
  /* A temporary file renamed over the old one: a reader never sees half. */
  if (!g_file_set_contents (output, text, length, error))
    return 1;
  fprintf (stderr, "%s\n", _("Exported"));
  return 0;
}

/* ---- feeds ---- */

static gboolean
parse_count_arg (Args        *args,
                 const char  *option,
                 int          fallback,
                 int          minimum,
                 int         *out,
                 GError     **error)
{
  guint64 value;

  *out = fallback;
  if (opt (args, option) == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (opt (args, option), 10, minimum, 100000, &value, NULL))
    {
      g_autofree char *s = one_line (opt (args, option));
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE, _("--%s “%s” is not a whole number from %d"), option, s, minimum);
      return FALSE;
    }
  *out = (int) value;
  return TRUE;
}

static int
cmd_feed_add (Args    *args,
              GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(GStrvBuilder) filter = g_strv_builder_new ();
  LineupFeed feed = { 0 };
  LineupIcsPrivacy privacy = LINEUP_ICS_PRIVACY_TITLES;
  int destinations = (opt (args, "file") != NULL) + (opt (args, "webdav") != NULL) + (opt (args, "caldav") != NULL);
  static const struct { const char *option; LineupFilterDimension dimension; } filters[] = {
    { "pillar", LINEUP_FILTER_PILLAR }, { "type", LINEUP_FILTER_TYPE },
    { "platform", LINEUP_FILTER_PLATFORM }, { "stage", LINEUP_FILTER_STAGE },
  };
  g_auto(GStrv) lines = NULL;

  if (destinations != 1)
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("feed add: give one destination: --file PATH, --webdav URL or --caldav URL"));
      return 2;
    }
  if (!check_one_line (_("The feed’s name"), positional (args, 0), error))
    return 2;
  if (opt (args, "privacy") && !lineup_ics_privacy_from_key (opt (args, "privacy"), &privacy))
    {
      g_autofree char *s = one_line (opt (args, "privacy"));
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("feed add: --privacy “%s” is not a level: expected titles, brief or full"), s);
      return 2;
    }
  if (!parse_count_arg (args, "days-back", 30, 0, &feed.days_back, error) ||
      !parse_count_arg (args, "days-ahead", 180, 0, &feed.days_ahead, error) ||
      !parse_count_arg (args, "duration", 30, 1, &feed.duration, error) ||
      !parse_count_arg (args, "refresh", 60, 1, &feed.refresh, error))
    return 2;

  store = open_store (args, error);
  if (store == NULL)
    return 1;
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      g_auto(GStrv) values = collect_filter_values (args, store, filters[i].option, filters[i].dimension, error);

      if (values == NULL)
        return (*error)->domain == CLI_ERROR && (*error)->code == CLI_ERROR_USAGE ? 2 : 1;
      for (guint k = 0; values[k]; k++)
        {
          g_autofree char *line = g_strdup_printf ("%s=%s", filters[i].option, values[k]);
          g_strv_builder_add (filter, line);
        }
    }
  lines = g_strv_builder_end (filter);

  feed.name = (char *) positional (args, 0);
  feed.kind = opt (args, "file") ? LINEUP_FEED_FILE : opt (args, "webdav") ? LINEUP_FEED_WEBDAV : LINEUP_FEED_CALDAV;
  feed.target = (char *) (opt (args, "file") ? opt (args, "file") : opt (args, "webdav") ? opt (args, "webdav")
                                                                                       : opt (args, "caldav"));
  feed.username = (char *) opt (args, "user");
  feed.filter = lines;
  feed.privacy = (char *) lineup_ics_privacy_to_key (privacy);
  feed.local_time = opt (args, "local-time") != NULL;
  feed.auto_publish = opt (args, "auto-publish") != NULL;
  if (!lineup_store_save_feed (store, &feed, TRUE, error))
    return 1;
  {
    g_autofree char *name = one_line (feed.name);
    out (_("Added the feed “%s” (%s): publish it with “lineup feed publish %s”\n"), name,
         lineup_feed_kind_to_key (feed.kind), name);
  }
  return 0;
}

static int
cmd_feed_list (Args    *args,
               GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(GPtrArray) feeds = NULL;

  if (!open_for_listing (args, &store, error))
    return error && *error ? 1 : 0;
  feeds = lineup_store_get_feeds (store);
  if (opt (args, "json"))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < feeds->len; i++)
        {
          LineupFeed *feed = g_ptr_array_index (feeds, i);
          g_autofree char *link = lineup_feed_subscription_link (feed);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, feed->name);
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, lineup_feed_kind_to_key (feed->kind));
          json_builder_set_member_name (builder, "target");
          json_builder_add_string_value (builder, feed->target);
          json_builder_set_member_name (builder, "link");
          json_builder_add_string_value (builder, link);
          json_builder_set_member_name (builder, "filter");
          json_builder_begin_array (builder);
          for (guint k = 0; feed->filter[k]; k++)
            json_builder_add_string_value (builder, feed->filter[k]);
          json_builder_end_array (builder);
          json_builder_set_member_name (builder, "privacy");
          json_builder_add_string_value (builder, feed->privacy);
          json_builder_set_member_name (builder, "last_published");
          if (feed->last_at)
            {
              g_autofree char *at = format_utc (feed->last_at);
              json_builder_add_string_value (builder, at);
            }
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "last_items");
          json_builder_add_int_value (builder, feed->last_items);
          json_builder_set_member_name (builder, "last_error");
          json_builder_add_string_value (builder, feed->last_error);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      print_json (builder);
      return 0;
    }
  for (guint i = 0; i < feeds->len; i++)
    {
      LineupFeed *feed = g_ptr_array_index (feeds, i);
      g_autofree char *name = one_line (feed->name);
      g_autofree char *target = one_line (feed->target);
      g_autofree char *when = feed->last_at ? format_local (store, feed->last_at, "%Y-%m-%d %H:%M") : NULL;
      g_autofree char *problem = feed->last_error ? one_line (feed->last_error) : NULL;

      out ("%s  %s  %s\n", name, lineup_feed_kind_to_key (feed->kind), target);
      if (when && problem)
        out (_("  last publish %s failed: %s\n"), when, problem);
      else if (when)
        out (_("  last published %s: %d posts\n"), when, feed->last_items);
      else
        out ("%s\n", _("  never published"));
    }
  return 0;
}

static int
cmd_feed_publish (Args    *args,
                  GError **error)
{
  g_autoptr(LineupStore) store = open_store (args, error);
  g_autoptr(GPtrArray) feeds = NULL;
  const char *password = g_getenv ("LINEUP_FEED_PASSWORD");
  int failures = 0;

  if (store == NULL)
    return 1;
  feeds = lineup_store_get_feeds (store);
  if (args->positional->len == 0 && feeds->len == 0)
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_FAILED, _("The plan has no feeds: add one with “lineup feed add”"));
      return 1;
    }
  for (guint i = 0; i < feeds->len; i++)
    {
      LineupFeed *feed = g_ptr_array_index (feeds, i);
      g_autoptr(GError) local = NULL;
      g_autofree char *name = one_line (feed->name);
      int n;

      if (args->positional->len > 0 && g_utf8_collate (feed->name, positional (args, 0)) != 0 &&
          g_ascii_strcasecmp (feed->name, positional (args, 0)) != 0)
        continue;
      n = lineup_feed_publish (store, feed->name, password, opt (args, "force") != NULL, &local);
      if (n < 0)
        {
          g_autofree char *message = g_strdup_printf ("%s: %s", name, local->message);
          print_error (message);
          failures++;
        }
      else
        out (g_dngettext (GETTEXT_PACKAGE, "Published “%s”: %d post\n", "Published “%s”: %d posts\n", n), name, n);
    }
  if (args->positional->len > 0 && failures == 0)
    {
      g_autoptr(LineupFeed) found = lineup_store_find_feed (store, positional (args, 0));
      if (found == NULL)
        {
          g_autofree char *s = one_line (positional (args, 0));
          g_set_error (error, CLI_ERROR, CLI_ERROR_FAILED, _("No feed is called “%s”: see “lineup feed list”"), s);
          return 1;
        }
    }
  return failures ? 1 : 0;
}

static int
cmd_feed_remove (Args    *args,
                 GError **error)
{
  g_autoptr(LineupStore) store = open_store (args, error);

  if (store == NULL || !lineup_store_remove_feed (store, positional (args, 0), error))
    return 1;
  return 0;
}

/* ---- overlay calendars ---- */

static int
cmd_overlay_add (Args    *args,
                 GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autofree char *name = NULL;
  int n;

  if (!check_one_line (_("The overlay’s name"), positional (args, 0), error))
    return 2;
  if (opt (args, "color") && !lineup_color_is_valid (opt (args, "color")))
    {
      g_autofree char *s = one_line (opt (args, "color"));
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE, _("--color “%s” is not a colour: write it as #RRGGBB, e.g. #e01b24"), s);
      return 2;
    }
  store = open_store (args, error);
  if (store == NULL ||
      !lineup_store_add_overlay (store, positional (args, 0), positional (args, 1), opt (args, "color"), error))
    return 1;
  name = one_line (positional (args, 0));
  /* Read it at once: a wrong address is said now, not later. */
  n = lineup_overlay_refresh (store, positional (args, 0), error);
  if (n < 0)
    {
      /* Nothing half-added: the overlay goes with the error. */
      lineup_store_remove_overlay (store, positional (args, 0), NULL);
      g_prefix_error (error, _("Nothing was added: "));
      return 1;
    }
  out (g_dngettext (GETTEXT_PACKAGE, "Added the overlay “%s”: %d event\n", "Added the overlay “%s”: %d events\n", n),
       name, n);
  return 0;
}

static int
cmd_overlay_refresh (Args    *args,
                     GError **error)
{
  g_autoptr(LineupStore) store = open_store (args, error);
  g_autoptr(GPtrArray) overlays = NULL;
  int failures = 0, done = 0;

  if (store == NULL)
    return 1;
  overlays = lineup_store_get_overlays (store);
  for (guint i = 0; i < overlays->len; i++)
    {
      LineupOverlay *overlay = g_ptr_array_index (overlays, i);
      g_autoptr(GError) local = NULL;
      g_autofree char *name = one_line (overlay->name);
      int n;

      if (args->positional->len > 0 && g_ascii_strcasecmp (overlay->name, positional (args, 0)) != 0)
        continue;
      done++;
      n = lineup_overlay_refresh (store, overlay->name, &local);
      if (n < 0)
        {
          g_autofree char *message = g_strdup_printf (_("%s: %s (the last good copy is kept)"), name, local->message);
          print_error (message);
          failures++;
        }
      else
        out (g_dngettext (GETTEXT_PACKAGE, "“%s”: %d event\n", "“%s”: %d events\n", n), name, n);
    }
  if (done == 0)
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_FAILED, args->positional->len
                   ? _("No overlay is called that: see “lineup overlay list”")
                   : _("The plan has no overlays: add one with “lineup overlay add NAME FILE|URL”"));
      return 1;
    }
  return failures ? 1 : 0;
}

static int
cmd_overlay_list (Args    *args,
                  GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(GPtrArray) overlays = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (!open_for_listing (args, &store, error))
    return error && *error ? 1 : 0;
  overlays = lineup_store_get_overlays (store);
  json_builder_begin_array (builder);
  for (guint i = 0; i < overlays->len; i++)
    {
      LineupOverlay *overlay = g_ptr_array_index (overlays, i);
      int n = overlay->cache ? lineup_overlay_count (overlay->cache) : 0;

      if (opt (args, "json"))
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, overlay->name);
          json_builder_set_member_name (builder, "source");
          json_builder_add_string_value (builder, overlay->source);
          json_builder_set_member_name (builder, "color");
          json_builder_add_string_value (builder, overlay->color);
          json_builder_set_member_name (builder, "enabled");
          json_builder_add_boolean_value (builder, overlay->enabled);
          json_builder_set_member_name (builder, "events");
          json_builder_add_int_value (builder, MAX (n, 0));
          json_builder_set_member_name (builder, "last_error");
          json_builder_add_string_value (builder, overlay->last_error);
          json_builder_end_object (builder);
        }
      else
        {
          g_autofree char *name = one_line (overlay->name);
          g_autofree char *source = one_line (overlay->source);
          g_autofree char *problem = overlay->last_error ? one_line (overlay->last_error) : NULL;

          out ("%s  %s  %s  %d events%s%s\n", name, overlay->color, source, MAX (n, 0),
               problem ? _("; last refresh failed: ") : "", problem ? problem : "");
        }
    }
  json_builder_end_array (builder);
  if (opt (args, "json"))
    print_json (builder);
  return 0;
}

static int
cmd_overlay_remove (Args    *args,
                    GError **error)
{
  g_autoptr(LineupStore) store = open_store (args, error);

  if (store == NULL || !lineup_store_remove_overlay (store, positional (args, 0), error))
    return 1;
  return 0;
}

static int
cmd_post_add (Args    *args,
              GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupPost) post = lineup_post_new ();
  LineupStage stage = LINEUP_STAGE_BRIEF;

  if (!need (args, "title", error) || !need (args, "pillar", error) || !need (args, "type", error) ||
      !check_post_fields (args, error))
    return 2;
  if (opt (args, "time") && !opt (args, "date"))
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("post add: --time needs --date; without a date the post is an idea in the backlog"));
      return 2;
    }

  store = open_store (args, error);
  if (store == NULL || !apply_post_fields (args, store, post, error))
    return 1;

  if (opt (args, "date"))
    {
      GDate date;
      int minutes = lineup_store_get_default_time (store);

      parse_date_arg ("--date", opt (args, "date"), &date, NULL);
      if (opt (args, "time"))
        lineup_parse_time (opt (args, "time"), &minutes);
      lineup_post_set_scheduled_at (post, lineup_store_local_to_utc (store, &date, minutes));
    }
  if (opt (args, "stage"))
    lineup_stage_from_string (opt (args, "stage"), &stage);
  lineup_post_set_stage (post, stage);

  if (!lineup_store_add_post (store, post, error))
    return 1;
  out ("%s\n", lineup_post_get_id (post));
  return 0;
}

static int
cmd_post_list (Args    *args,
               GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  GDate from, to;

  if ((opt (args, "from") && !parse_date_arg ("--from", opt (args, "from"), &from, error)) ||
      (opt (args, "to") && !parse_date_arg ("--to", opt (args, "to"), &to, error)))
    return 2;
  if (opt (args, "from") && opt (args, "to") && g_date_compare (&from, &to) > 0)
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("post list: --from %s is after --to %s"), opt (args, "from"), opt (args, "to"));
      return 2;
    }

  if (!open_for_listing (args, &store, error))
    return store == NULL && error && *error ? 1 : 0;

  if (opt (args, "from") || opt (args, "to"))
    {
      /* Whole local days, both ends included. */
      gint64 start = G_MININT64 + 1, end = G_MAXINT64 - 1;

      if (opt (args, "from"))
        start = lineup_store_local_to_utc (store, &from, 0);
      if (opt (args, "to"))
        {
          g_date_add_days (&to, 1);
          end = lineup_store_local_to_utc (store, &to, 0);
        }
      posts = lineup_store_list_posts (store, start, end, error);
    }
  else
    posts = lineup_store_list_all_posts (store, error);
  if (posts == NULL)
    return 1;

  if (opt (args, "json"))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < posts->len; i++)
        add_post_json (builder, store, posts->pdata[i], FALSE);
      json_builder_end_array (builder);
      print_json (builder);
    }
  else
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new_full (posts->len, (GDestroyNotify) g_strfreev);

      for (guint i = 0; i < posts->len; i++)
        g_ptr_array_add (rows, make_post_line (store, posts->pdata[i]));
      print_table (rows, POST_LINE_COLUMNS);
    }
  return 0;
}

static int
cmd_post_edit (Args    *args,
               GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupPost) post = NULL;
  g_autofree char *title = NULL;
  int before;

  if (!check_post_fields (args, error))
    return 2;
  if (opt (args, "date") || opt (args, "stage"))
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   opt (args, "date")
                     ? _("post edit: change the date with “lineup post move ID --date YYYY-MM-DD”")
                     : _("post edit: change the stage with “lineup post stage ID STAGE”"));
      return 2;
    }

  store = open_store (args, error);
  if (store == NULL)
    return 1;
  post = lineup_store_get_post (store, positional (args, 0), error);
  if (post == NULL || !apply_post_fields (args, store, post, error))
    return 1;

  if (opt (args, "time"))
    {
      GDate date;
      int minutes;

      if (!lineup_post_is_dated (post))
        {
          g_autofree char *s = one_line (lineup_post_get_title (post));
          g_set_error (error, CLI_ERROR, CLI_ERROR_FAILED,
                       _("post edit: --time: “%s” has no date, so it has no time; give it one with “lineup post move %.8s --date YYYY-MM-DD” first"),
                       s, lineup_post_get_id (post));
          return 1;
        }
      lineup_parse_time (opt (args, "time"), &minutes);
      lineup_store_utc_to_local (store, lineup_post_get_scheduled_at (post), &date, NULL);
      lineup_post_set_scheduled_at (post, lineup_store_local_to_utc (store, &date, minutes));
    }

  before = lineup_post_get_revision (post);
  if (!lineup_workflow_edit (store, post, error))
    return 1;
  title = one_line (lineup_post_get_title (post));
  if (lineup_post_get_revision (post) == before)
    out (_("No change to “%s”\n"), title);
  else
    out (_("Updated “%s” (revision %d)\n"), title, lineup_post_get_revision (post));
  return 0;
}

static int
cmd_post_move (Args    *args,
               GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupPost) moved = NULL;
  g_autofree char *when = NULL;
  g_autofree char *title = NULL;
  int minutes = -1;
  GDate date;

  if (!need (args, "date", error) || !parse_date_arg ("--date", opt (args, "date"), &date, error) ||
      (opt (args, "time") && !parse_time_arg (opt (args, "time"), &minutes, error)))
    return 2;

  store = open_store (args, error);
  if (store == NULL ||
      !lineup_store_reschedule_post (store, positional (args, 0), &date, minutes, error))
    return 1;
  moved = lineup_store_get_post (store, positional (args, 0), error);
  if (moved == NULL)
    return 1;
  when = format_local (store, lineup_post_get_scheduled_at (moved), "%Y-%m-%d %H:%M");
  title = one_line (lineup_post_get_title (moved));
  out (_("Moved “%s” to %s (%s)\n"), title, when, lineup_store_get_time_zone_id (store));
  return 0;
}

static int
cmd_post_duplicate (Args    *args,
                    GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupPost) copy = NULL;
  GDate date;

  if (!need (args, "date", error) || !parse_date_arg ("--date", opt (args, "date"), &date, error))
    return 2;

  store = open_store (args, error);
  if (store == NULL)
    return 1;
  copy = lineup_store_duplicate_post (store, positional (args, 0), &date, error);
  if (copy == NULL)
    return 1;
  out ("%s\n", lineup_post_get_id (copy));
  return 0;
}

static int
cmd_post_stage (Args    *args,
                GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupPost) post = NULL;
  g_autofree char *title = NULL;
  g_autofree char *note = NULL;
  LineupStage stage;

  if (!parse_stage_arg ("STAGE", positional (args, 1), &stage, error))
    return 2;
  if (opt (args, "as") && !check_one_line ("--as", opt (args, "as"), error))
    return 2;

  store = open_store (args, error);
  if (store == NULL)
    return 1;
  post = lineup_store_get_post (store, positional (args, 0), error);
  if (post == NULL)
    return 1;
  title = one_line (lineup_post_get_title (post));
  if (lineup_post_get_stage (post) == stage)
    {
      out (_("“%s” is already %s; nothing changed\n"), title, lineup_stage_to_key (stage));
      return 0;
    }
  if (!lineup_workflow_move (store, lineup_post_get_id (post), stage,
                             opt (args, "as"), opt (args, "comment"), &note, error))
    return 1;
  if (note)
    {
      g_autofree char *line = one_line (note);
      out ("%s\n", line);
    }
  else
    out ("“%s”: %s → %s\n", title,
         lineup_stage_to_key (lineup_post_get_stage (post)), lineup_stage_to_key (stage));
  return 0;
}

static int
cmd_post_delete (Args    *args,
                 GError **error)
{
  g_autoptr(LineupStore) store = open_store (args, error);
  g_autoptr(LineupPost) post = NULL;
  g_autofree char *title = NULL;

  if (store == NULL)
    return 1;
  post = lineup_store_get_post (store, positional (args, 0), error);
  if (post == NULL || !lineup_store_delete_post (store, lineup_post_get_id (post), error))
    return 1;
  title = one_line (lineup_post_get_title (post));
  out (_("Deleted “%s” (%s)\n"), title, lineup_post_get_id (post));
  return 0;
}

static int
cmd_post_show (Args    *args,
               GError **error)
{
  g_autoptr(LineupStore) store = open_store (args, error);
  g_autoptr(LineupPost) post = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (store == NULL)
    return 1;
  post = lineup_store_get_post (store, positional (args, 0), error);
  if (post == NULL)
    return 1;

  if (opt (args, "json"))
    {
      add_post_json (builder, store, post, TRUE);
      print_json (builder);
      return 0;
    }

  {
    LineupPillar *pillar = lineup_store_get_pillar (store, lineup_post_get_pillar_id (post));
    LineupContentType *type = lineup_store_get_content_type (store, lineup_post_get_type_id (post));
    LineupCampaign *campaign = lineup_store_get_campaign (store, lineup_post_get_campaign_id (post));
    g_autofree char *when = lineup_post_is_dated (post)
      ? format_local (store, lineup_post_get_scheduled_at (post), "%A %-d %B %Y, %H:%M")
      : g_strdup (_("no date (backlog)"));
    g_autofree char *platforms = g_strjoinv (", ", (char **) lineup_post_get_platforms (post));
    g_autofree char *title = one_line (lineup_post_get_title (post));
    g_autoptr(GPtrArray) history = lineup_store_get_history (store, lineup_post_get_id (post), NULL);

    out ("%s\n", title);
    out ("  %-16s %s\n", _("id"), lineup_post_get_id (post));
    out ("  %-16s %s (%s)\n", _("when"), when, lineup_store_get_time_zone_id (store));
    out ("  %-16s %s\n", _("stage"), lineup_stage_to_label (lineup_post_get_stage (post)));
    out ("  %-16s %s\n", _("pillar"), pillar ? lineup_pillar_get_name (pillar) : "?");
    out ("  %-16s %s\n", _("type"), type ? lineup_content_type_get_name (type) : "?");
    out ("  %-16s %s\n", _("platforms"), *platforms ? platforms : "-");
    if (campaign)
      out ("  %-16s %s\n", _("campaign"), lineup_campaign_get_name (campaign));
    out ("  %-16s %d\n", _("revision"), lineup_post_get_revision (post));
    for (guint f = 0; f < LINEUP_N_BRIEF_FIELDS; f++)
      if (lineup_post_get_brief (post, f))
        {
          g_autoptr(GString) label = g_string_new (lineup_brief_field_to_label (f));
          g_autofree char *value = one_line (lineup_post_get_brief (post, f));

          do
            g_string_append_c (label, ' ');
          while (g_utf8_strlen (label->str, -1) < 17);
          out ("  %s%s\n", label->str, value);
        }
    if (lineup_post_get_due_on (post))
      out ("  %-16s %s\n", _("due"), lineup_post_get_due_on (post));
    if (*lineup_post_get_body (post))
      out ("\n%s\n", lineup_post_get_body (post));
    print_workflow (store, post);
    out ("\n%s\n", _("History:"));
    print_history (store, history);
  }
  return 0;
}

static int
cmd_pillar_add (Args    *args,
                GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  const char *name = positional (args, 0);
  const char *color = opt (args, "color");
  LineupPillar *pillar;
  double target = -1;

  if (!check_one_line ("NAME", name, error))
    return 2;
  if (color && !lineup_color_is_valid (color))
    {
      g_autofree char *s = one_line (color);
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("--color “%s” is not a colour: expected #RRGGBB, e.g. #3584e4"), s);
      return 2;
    }
  if (opt (args, "target"))
    {
      g_autofree char *text = g_strdup (opt (args, "target"));
      char *end = NULL;

      /* "25" and "25%" mean the same. */
      if (g_str_has_suffix (text, "%"))
        text[strlen (text) - 1] = '\0';
      target = g_ascii_strtod (text, &end);
      if (*text == '\0' || end == text || *end != '\0' || !(target >= 0 && target <= 100))
        {
          g_autofree char *s = one_line (opt (args, "target"));
          g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                       _("--target “%s” is not a share: expected a percentage from 0 to 100, e.g. 25"), s);
          return 2;
        }
    }

  store = open_store_full (args, TRUE, error);
  if (store == NULL)
    return 1;
  pillar = lineup_store_add_pillar (store, name, color, target, error);
  if (pillar == NULL)
    return 1;
  out (_("Added pillar “%s” (%s)\n"), lineup_pillar_get_name (pillar), lineup_pillar_get_color (pillar));
  return 0;
}

static int
cmd_pillar_list (Args    *args,
                 GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GListModel *pillars;
  guint n;

  if (!open_for_listing (args, &store, error))
    return store == NULL && error && *error ? 1 : 0;
  posts = lineup_store_list_all_posts (store, error);
  if (posts == NULL)
    return 1;
  pillars = lineup_store_get_pillars (store);
  n = g_list_model_get_n_items (pillars);

  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LineupPillar) pillar = g_list_model_get_item (pillars, i);
      char **cells = g_new0 (char *, 5);
      guint count = 0;

      for (guint p = 0; p < posts->len; p++)
        count += lineup_post_get_pillar_id (posts->pdata[p]) == lineup_pillar_get_id (pillar);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, lineup_pillar_get_name (pillar));
      json_builder_set_member_name (builder, "color");
      json_builder_add_string_value (builder, lineup_pillar_get_color (pillar));
      json_builder_set_member_name (builder, "target");
      if (lineup_pillar_get_target (pillar) >= 0)
        json_builder_add_double_value (builder, lineup_pillar_get_target (pillar));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "posts");
      json_builder_add_int_value (builder, count);
      json_builder_end_object (builder);

      cells[0] = one_line (lineup_pillar_get_name (pillar));
      cells[1] = g_strdup (lineup_pillar_get_color (pillar));
      cells[2] = lineup_pillar_get_target (pillar) >= 0
        ? g_strdup_printf ("%g%%", lineup_pillar_get_target (pillar)) : g_strdup ("-");
      cells[3] = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u post", "%u posts", count), count);
      g_ptr_array_add (rows, cells);
    }
  json_builder_end_array (builder);

  if (opt (args, "json"))
    print_json (builder);
  else
    print_table (rows, 4);
  return 0;
}

static int
cmd_campaign_add (Args    *args,
                  GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  const char *name = positional (args, 0);
  const char *color = opt (args, "color");
  LineupCampaign *campaign;
  GDate from, to;

  if (!check_one_line ("NAME", name, error) ||
      !need (args, "from", error) || !need (args, "to", error) ||
      !parse_date_arg ("--from", opt (args, "from"), &from, error) ||
      !parse_date_arg ("--to", opt (args, "to"), &to, error))
    return 2;
  if (g_date_compare (&from, &to) > 0)
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("campaign add: --from %s is after --to %s"), opt (args, "from"), opt (args, "to"));
      return 2;
    }
  if (color && !lineup_color_is_valid (color))
    {
      g_autofree char *s = one_line (color);
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("--color “%s” is not a colour: expected #RRGGBB, e.g. #e66100"), s);
      return 2;
    }

  store = open_store_full (args, TRUE, error);
  if (store == NULL)
    return 1;
  campaign = lineup_store_add_campaign (store, name, color ? color : "#e66100",
                                        opt (args, "from"), opt (args, "to"), error);
  if (campaign == NULL)
    return 1;
  out (_("Added campaign “%s” (%s to %s)\n"), lineup_campaign_get_name (campaign),
       lineup_campaign_get_starts_on (campaign), lineup_campaign_get_ends_on (campaign));
  return 0;
}

static int
cmd_campaign_list (Args    *args,
                   GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  GListModel *campaigns;
  guint n;

  if (!open_for_listing (args, &store, error))
    return store == NULL && error && *error ? 1 : 0;
  campaigns = lineup_store_get_campaigns (store);
  n = g_list_model_get_n_items (campaigns);
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LineupCampaign) c = g_list_model_get_item (campaigns, i);
      char **cells = g_new0 (char *, 4);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, lineup_campaign_get_name (c));
      json_builder_set_member_name (builder, "color");
      json_builder_add_string_value (builder, lineup_campaign_get_color (c));
      json_builder_set_member_name (builder, "from");
      json_builder_add_string_value (builder, lineup_campaign_get_starts_on (c));
      json_builder_set_member_name (builder, "to");
      json_builder_add_string_value (builder, lineup_campaign_get_ends_on (c));
      json_builder_end_object (builder);

      cells[0] = one_line (lineup_campaign_get_name (c));
      cells[1] = g_strdup (lineup_campaign_get_color (c));
      cells[2] = g_strdup_printf ("%s – %s", lineup_campaign_get_starts_on (c), lineup_campaign_get_ends_on (c));
      g_ptr_array_add (rows, cells);
    }
  json_builder_end_array (builder);
  if (opt (args, "json"))
    print_json (builder);
  else
    print_table (rows, 3);
  return 0;
}

static int
cmd_import_csv (Args    *args,
                GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  const char *file = positional (args, 0);
  guint n = 0;

  if (!g_file_test (file, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *s = one_line (file);
      g_set_error (error, CLI_ERROR, CLI_ERROR_FAILED,
                   g_file_test (file, G_FILE_TEST_EXISTS)
                     ? _("import csv: “%s” is not a file: expected a CSV file")
                     : _("import csv: “%s” does not exist: expected a CSV file"), s);
      return 1;
    }
  store = open_store_full (args, TRUE, error);
  if (store == NULL || !lineup_import_csv (store, file, &n, error))
    return 1;
  out (g_dngettext (GETTEXT_PACKAGE, "Imported %u post\n", "Imported %u posts\n", n), n);
  return 0;
}

static int
cmd_demo (Args    *args,
          GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(GPtrArray) dated = NULL;
  g_autoptr(GHashTable) pillars = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  int year = 0, month = 0;
  guint n = 0;
  GDate first, next;

  if (opt (args, "month") && !parse_month_arg (opt (args, "month"), &year, &month, error))
    return 2;

  store = open_store_full (args, TRUE, error);
  if (store == NULL)
    return 1;
  if (year == 0)
    {
      GDate today;

      lineup_store_get_today (store, &today);
      year = g_date_get_year (&today);
      month = g_date_get_month (&today);
    }
  if (!lineup_demo_fill (store, year, month, &n, error))
    return 1;

  /* Say what the month now holds: the demo refuses a month with posts, so
   * every dated post in it is new. */
  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, month, year);
  next = first;
  g_date_add_months (&next, 1);
  dated = lineup_store_list_posts (store, lineup_store_local_to_utc (store, &first, 0),
                                   lineup_store_local_to_utc (store, &next, 0), NULL);
  for (guint i = 0; dated && i < dated->len; i++)
    {
      gint64 *id = g_new (gint64, 1);

      *id = lineup_post_get_pillar_id (dated->pdata[i]);
      g_hash_table_add (pillars, id);
    }
  out (_("Added a demo plan for %04d-%02d: %u posts (%u dated, %u undated briefs) in %u pillars\n"),
       year, month, n, dated ? dated->len : 0, dated ? n - MIN (n, dated->len) : 0,
       g_hash_table_size (pillars));
  return 0;
}

static const OptionSpec post_field_options[] = {
  { "title", TRUE, FALSE },
  { "body", TRUE, FALSE },
  { "pillar", TRUE, FALSE },
  { "type", TRUE, FALSE },
  { "platform", TRUE, TRUE },
  { "date", TRUE, FALSE },
  { "time", TRUE, FALSE },
  { "stage", TRUE, FALSE },
  { "campaign", TRUE, FALSE },
  { "goal", TRUE, FALSE },
  { "audience", TRUE, FALSE },
  { "key-message", TRUE, FALSE },
  { "call-to-action", TRUE, FALSE },
  { "hashtags", TRUE, FALSE },
  { "owner", TRUE, FALSE },
  { "due", TRUE, FALSE },
  { NULL }
};
static const OptionSpec list_options[] = {
  { "from", TRUE, FALSE }, { "to", TRUE, FALSE }, { "json", FALSE, FALSE }, { NULL }
};
static const OptionSpec move_options[] = { { "date", TRUE, FALSE }, { "time", TRUE, FALSE }, { NULL } };
static const OptionSpec date_options[] = { { "date", TRUE, FALSE }, { NULL } };
static const OptionSpec stage_options[] = { { "comment", TRUE, FALSE }, { "as", TRUE, FALSE }, { NULL } };
static const OptionSpec no_options[] = { { NULL } };
static const OptionSpec as_options[] = { { "as", TRUE, FALSE }, { NULL } };
static const OptionSpec check_options[] = { { "uncheck", FALSE, FALSE }, { "as", TRUE, FALSE }, { NULL } };
static const OptionSpec role_options[] = { { "role", TRUE, FALSE }, { NULL } };
static const OptionSpec chain_options[] = {
  { "clear", FALSE, FALSE }, { "forbid-self-approval", FALSE, FALSE }, { "allow-self-approval", FALSE, FALSE }, { NULL }
};
static const OptionSpec json_options[] = { { "json", FALSE, FALSE }, { NULL } };
static const OptionSpec pillar_options[] = { { "color", TRUE, FALSE }, { "target", TRUE, FALSE }, { NULL } };
static const OptionSpec demo_options[] = { { "month", TRUE, FALSE }, { NULL } };
static const OptionSpec export_options[] = {
  { "output", TRUE, FALSE }, { "from", TRUE, FALSE }, { "to", TRUE, FALSE }, { "pillar", TRUE, TRUE },
  { "type", TRUE, TRUE }, { "platform", TRUE, TRUE }, { "stage", TRUE, TRUE }, { "privacy", TRUE, FALSE },
  { "local-time", FALSE, FALSE }, { "name", TRUE, FALSE }, { NULL }
};
static const OptionSpec feed_options[] = {
  { "file", TRUE, FALSE }, { "webdav", TRUE, FALSE }, { "caldav", TRUE, FALSE }, { "user", TRUE, FALSE },
  { "pillar", TRUE, TRUE }, { "type", TRUE, TRUE }, { "platform", TRUE, TRUE }, { "stage", TRUE, TRUE },
  { "privacy", TRUE, FALSE }, { "days-back", TRUE, FALSE }, { "days-ahead", TRUE, FALSE },
  { "duration", TRUE, FALSE }, { "refresh", TRUE, FALSE }, { "local-time", FALSE, FALSE },
  { "auto-publish", FALSE, FALSE }, { NULL }
};
static const OptionSpec publish_options[] = { { "force", FALSE, FALSE }, { NULL } };
static const OptionSpec color_options[] = { { "color", TRUE, FALSE }, { NULL } };
static const OptionSpec mix_options[] = {
  { "month", TRUE, FALSE }, { "from", TRUE, FALSE }, { "to", TRUE, FALSE }, { "platform", TRUE, FALSE },
  { "json", FALSE, FALSE }, { NULL }
};
static const OptionSpec campaign_options[] = {
  { "from", TRUE, FALSE }, { "to", TRUE, FALSE }, { "color", TRUE, FALSE }, { NULL }
};

static const OptionSpec account_options[] = {
  { "name", TRUE, FALSE }, { "instance", TRUE, FALSE }, { "token-stdin", FALSE, FALSE },
  { "handle", TRUE, FALSE }, { "app-password-stdin", FALSE, FALSE }, { "pds", TRUE, FALSE },
  { "url", TRUE, FALSE }, { "hub-secret-stdin", FALSE, FALSE }, { NULL }
};
static const OptionSpec target_options[] = { { "account", TRUE, FALSE }, { "remove", FALSE, FALSE }, { NULL } };
static const OptionSpec account_only_options[] = { { "account", TRUE, FALSE }, { NULL } };
static const OptionSpec resolve_options[] = { { "account", TRUE, FALSE }, { "keep", TRUE, FALSE }, { NULL } };
static const OptionSpec sync_options[] = { { "once", FALSE, FALSE }, { "due", FALSE, FALSE }, { NULL } };
static const OptionSpec outbox_options[] = { { "json", FALSE, FALSE }, { "all", FALSE, FALSE }, { NULL } };
static const char * const network_arg[] = { "NETWORK", NULL };
static const char * const ids_arg[] = { "ID…", NULL };

static const char * const id_arg[] = { "ID", NULL };
static const char * const id_stage_args[] = { "ID", "STAGE", NULL };
static const char * const name_arg[] = { "NAME", NULL };
static const char * const id_item_args[] = { "ID", "ITEM", NULL };
static const char * const id_text_args[] = { "ID", "TEXT", NULL };
static const char * const item_arg[] = { "ITEM", NULL };
static const char * const steps_arg[] = { "STEP…", NULL };
static const char * const file_arg[] = { "FILE", NULL };
static const char * const target_args[] = { "TYPE", "MIN", "MAX", NULL };
static const char * const optional_name_arg[] = { "NAME…", NULL };
static const char * const name_source_args[] = { "NAME", "SOURCE", NULL };

/* ---- publishing: accounts, targets, the outbox and sync ---- */

/* A secret from standard input: the whole of it, without the line end, so
 * it never shows in the process list or the shell's history. */
static char *
read_secret_stdin (const char  *what,
                   GError     **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  char buffer[4096];
  size_t n;

  while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0 && text->len < 65536)
    g_string_append_len (text, buffer, (gssize) n);
  g_strstrip (text->str);
  text->len = strlen (text->str);
  if (text->len == 0 || !g_utf8_validate (text->str, -1, NULL) || strchr (text->str, '\n'))
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("No %s on standard input: pipe it in, e.g. “secret-tool lookup … | lineup account add …”"), what);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static LineupSecrets *
open_secrets (GError **error)
{
  return lineup_secrets_new (error);
}

/* Stores the account and its secrets: the secrets first, so a plan never
 * names an account whose secret is missing; removed again if the row fails. */
static gboolean
save_account (LineupStore    *store,
              LineupSecrets  *secrets,
              LineupAccount  *account,
              const char    **kinds,
              const char    **values,
              GError        **error)
{
  if (account->id == NULL)
    account->id = g_uuid_string_random ();
  for (guint i = 0; kinds[i]; i++)
    {
      g_autofree char *label = g_strdup_printf ("Lineup: %s %s for %s",
                                                lineup_account_kind_to_label (account->kind), kinds[i], account->name);

      if (values[i] && !lineup_secrets_store (secrets, account->id, kinds[i], label, values[i], error))
        return FALSE;
    }
  if (!lineup_store_add_account (store, account, error))
    {
      lineup_secrets_clear (secrets, account->id, NULL);
      return FALSE;
    }
  return TRUE;
}

static int
cmd_account_add (Args    *args,
                 GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupSecrets) secrets = NULL;
  g_autoptr(LineupAccount) account = lineup_account_new ();
  g_autoptr(LineupHttp) http = lineup_http_new ();
  g_autoptr(LineupPublisher) publisher = NULL;
  g_autoptr(LineupAccountInfo) info = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *extra = NULL;
  const char *kinds[3] = { NULL, NULL, NULL };
  const char *values[3] = { NULL, NULL, NULL };
  const char *network = positional (args, 0);

  if (!lineup_account_kind_from_string (network, &account->kind))
    {
      g_autofree char *s = one_line (network);
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("Unknown network “%s”: expected mastodon, bluesky or webhook"), s);
      return 2;
    }
  if ((store = open_store_full (args, TRUE, error)) == NULL || (secrets = open_secrets (error)) == NULL)
    return 1;

  switch (account->kind)
    {
    case LINEUP_ACCOUNT_MASTODON:
      if (!need (args, "instance", error))
        return 2;
      if ((account->endpoint = lineup_mastodon_normalize_instance (opt (args, "instance"), error)) == NULL)
        return 2;
      if (opt (args, "token-stdin"))
        secret = read_secret_stdin (_("access token"), error);
      else
        {
          /* The copy-paste flow: Lineup registers itself, the person allows
           * it in the browser and pastes the code shown there. */
          g_autofree char *client_id = NULL;
          g_autofree char *client_secret = NULL;
          g_autofree char *url = NULL;
          g_autofree char *code = NULL;

          if (!lineup_mastodon_register_app (http, account->endpoint, &client_id, &client_secret, NULL, error))
            return 1;
          url = lineup_mastodon_authorize_url (account->endpoint, client_id);
          fprintf (stderr, _("Open this address, allow Lineup, and paste the code it shows here:\n%s\n"), url);
          if ((code = read_secret_stdin (_("authorization code"), error)) == NULL)
            return 2;
          secret = lineup_mastodon_exchange_code (http, account->endpoint, client_id, client_secret, code, NULL, error);
          account->client_id = g_steal_pointer (&client_id);
          extra = g_steal_pointer (&client_secret);
        }
      if (secret == NULL)
        return 1;
      kinds[0] = "token";
      values[0] = secret;
      kinds[1] = extra ? "client-secret" : NULL;
      values[1] = extra;
      publisher = LINEUP_PUBLISHER (lineup_mastodon_new (http, account->endpoint, secret));
      break;
    case LINEUP_ACCOUNT_BLUESKY:
      if (!need (args, "handle", error))
        return 2;
      if (!opt (args, "app-password-stdin"))
        {
          g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                       _("Give the app password on standard input with --app-password-stdin (create one in Bluesky → Settings → App passwords)"));
          return 2;
        }
      if ((secret = read_secret_stdin (_("app password"), error)) == NULL)
        return 2;
      account->endpoint = g_strdup (opt (args, "pds") ? opt (args, "pds") : "https://bsky.social");
      while (g_str_has_suffix (account->endpoint, "/"))
        account->endpoint[strlen (account->endpoint) - 1] = '\0';
      account->handle = g_strdup (opt (args, "handle"));
      kinds[0] = "app-password";
      values[0] = secret;
      publisher = LINEUP_PUBLISHER (lineup_bluesky_new (http, account->endpoint, account->handle, secret, NULL));
      break;
    case LINEUP_ACCOUNT_WEBHOOK:
      if (!need (args, "url", error))
        return 2;
      account->endpoint = g_strdup (opt (args, "url"));
      secret = lineup_webhook_generate_secret ();
      kinds[0] = "secret";
      values[0] = secret;
      if (opt (args, "hub-secret-stdin"))
        {
          if ((extra = read_secret_stdin (_("X-Hub-Signature secret"), error)) == NULL)
            return 2;
          kinds[1] = "hub-secret";
          values[1] = extra;
        }
      publisher = LINEUP_PUBLISHER (lineup_webhook_new (http, account->endpoint, secret, extra));
      break;
    default:
      g_assert_not_reached ();
    }

  if (account->kind != LINEUP_ACCOUNT_WEBHOOK &&
      !g_str_has_prefix (account->endpoint, "https://") && !g_str_has_prefix (account->endpoint, "http://"))
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE, _("The server’s address must start with https://"));
      return 2;
    }

  /* Learn who this is and the server's limits; a bad secret stops here. */
  if ((info = lineup_publisher_connect (publisher, NULL, error)) == NULL)
    return 1;
  account->handle = g_strdup (info->handle ? info->handle : account->handle);
  account->remote_user = g_strdup (info->remote_user);
  account->text_limit = info->text_limit;
  account->url_length = info->url_length;
  account->name = g_strdup (opt (args, "name") ? opt (args, "name")
                                               : info->handle ? info->handle : account->endpoint);
  if (account->kind == LINEUP_ACCOUNT_BLUESKY)
    {
      g_autofree char *session = NULL;

      session = lineup_bluesky_dup_session (LINEUP_BLUESKY (publisher));
      kinds[1] = session ? "session" : NULL;
      values[1] = session;
      if (!save_account (store, secrets, account, kinds, values, error))
        return 1;
    }
  else if (!save_account (store, secrets, account, kinds, values, error))
    return 1;

  {
    g_autofree char *name = one_line (account->name);
    out (_("Added %s account “%s” (its secret is in %s)\n"), lineup_account_kind_to_label (account->kind), name,
         lineup_secrets_describe (secrets));
  }
  if (account->kind == LINEUP_ACCOUNT_WEBHOOK)
    out (_("Signing secret (shown once; give it to the receiving service): %s\n"), secret);
  return 0;
}

static int
cmd_account_renew (Args    *args,
                   GError **error)
{
  g_autoptr(LineupStore) store = open_store (args, error);
  g_autoptr(LineupAccount) account = NULL;
  g_autoptr(LineupSecrets) secrets = NULL;
  g_autoptr(LineupHttp) http = lineup_http_new ();
  g_autoptr(LineupPublisher) publisher = NULL;
  g_autoptr(LineupAccountInfo) info = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *label = NULL;
  const char *kind;

  if (store == NULL || (account = lineup_store_find_account (store, positional (args, 0), error)) == NULL ||
      (secrets = open_secrets (error)) == NULL)
    return 1;
  switch (account->kind)
    {
    case LINEUP_ACCOUNT_MASTODON:
      kind = "token";
      if ((secret = read_secret_stdin (_("access token"), error)) == NULL)
        return 2;
      publisher = LINEUP_PUBLISHER (lineup_mastodon_new (http, account->endpoint, secret));
      break;
    case LINEUP_ACCOUNT_BLUESKY:
      kind = "app-password";
      if ((secret = read_secret_stdin (_("app password"), error)) == NULL)
        return 2;
      publisher = LINEUP_PUBLISHER (lineup_bluesky_new (http, account->endpoint, account->handle, secret, NULL));
      break;
    default:
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("A webhook’s secret is made by Lineup: remove the account and add it again for a new one"));
      return 2;
    }
  /* Only a secret the server accepts replaces the old one. */
  if ((info = lineup_publisher_connect (publisher, NULL, error)) == NULL)
    return 1;
  label = g_strdup_printf ("Lineup: %s %s for %s", lineup_account_kind_to_label (account->kind), kind, account->name);
  if (!lineup_secrets_store (secrets, account->id, kind, label, secret, error))
    return 1;
  if (account->kind == LINEUP_ACCOUNT_BLUESKY)
    {
      g_autofree char *session = lineup_bluesky_dup_session (LINEUP_BLUESKY (publisher));

      if (session && !lineup_secrets_store (secrets, account->id, "session", label, session, error))
        return 1;
    }
  if (!lineup_sync_account_fixed (store, account->id, error))
    return 1;
  {
    g_autofree char *name = one_line (account->name);
    out (_("“%s” can publish again; its failed posts will be sent at the next sync\n"), name);
  }
  return 0;
}

static int
cmd_account_list (Args    *args,
                  GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(GPtrArray) accounts = NULL;

  if (!open_for_listing (args, &store, error))
    return error && *error ? 1 : 0;
  if ((accounts = lineup_store_get_accounts (store, error)) == NULL)
    return 1;
  if (opt (args, "json"))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < accounts->len; i++)
        {
          LineupAccount *account = g_ptr_array_index (accounts, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, account->id);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, account->name);
          json_builder_set_member_name (builder, "network");
          json_builder_add_string_value (builder, lineup_account_kind_to_key (account->kind));
          json_builder_set_member_name (builder, "endpoint");
          json_builder_add_string_value (builder, account->endpoint);
          json_builder_set_member_name (builder, "handle");
          json_builder_add_string_value (builder, account->handle);
          json_builder_set_member_name (builder, "text_limit");
          json_builder_add_int_value (builder, account->text_limit);
          json_builder_set_member_name (builder, "schedules_on_server");
          json_builder_add_boolean_value (builder, lineup_account_kind_schedules_on_server (account->kind));
          json_builder_set_member_name (builder, "problem");
          json_builder_add_string_value (builder, account->problem);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      print_json (builder);
      return 0;
    }
  for (guint i = 0; i < accounts->len; i++)
    {
      LineupAccount *account = g_ptr_array_index (accounts, i);
      g_autofree char *name = one_line (account->name);
      g_autofree char *endpoint = one_line (account->endpoint);

      out ("%s  %s  %s\n", name, lineup_account_kind_to_key (account->kind), endpoint);
      if (account->problem)
        {
          g_autofree char *problem = one_line (account->problem);
          out (_("  cannot publish: %s\n"), problem);
        }
    }
  return 0;
}

static int
cmd_account_remove (Args    *args,
                    GError **error)
{
  g_autoptr(LineupStore) store = open_store (args, error);
  g_autoptr(LineupAccount) account = NULL;
  g_autoptr(LineupSecrets) secrets = NULL;
  g_autoptr(GError) local = NULL;

  if (store == NULL || (account = lineup_store_find_account (store, positional (args, 0), error)) == NULL)
    return 1;
  if (!lineup_store_remove_account (store, account->id, error))
    return 1;
  if ((secrets = open_secrets (&local)) == NULL || !lineup_secrets_clear (secrets, account->id, &local))
    print_error (local->message);
  {
    g_autofree char *name = one_line (account->name);
    out (_("Removed “%s”. Posts it already scheduled on the server stay there.\n"), name);
  }
  return 0;
}

static int
cmd_post_target (Args    *args,
                 GError **error)
{
  g_autoptr(LineupStore) store = open_store (args, error);
  g_autoptr(LineupAccount) account = NULL;
  g_autoptr(GPtrArray) warnings = NULL;

  if (store == NULL || !need (args, "account", error))
    return store ? 2 : 1;
  if (args->positional->len == 0)
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE, _("Name at least one post: lineup post target ID… --account NAME"));
      return 2;
    }
  if ((account = lineup_store_find_account (store, opt (args, "account"), error)) == NULL)
    return 1;
  /* Many posts: one transaction, all or none. */
  lineup_store_begin (store, NULL);
  for (guint i = 0; i < args->positional->len; i++)
    if (!lineup_store_set_post_target (store, positional (args, i), account->id, opt (args, "remove") == NULL, error))
      {
        lineup_store_rollback (store);
        return 1;
      }
  if (!lineup_store_commit (store, error))
    return 1;
  warnings = lineup_sync_check_limits (store, NULL);
  for (guint i = 0; warnings && i < warnings->len; i++)
    print_error (g_ptr_array_index (warnings, i));
  return 0;
}

static int
cmd_post_retry (Args    *args,
                GError **error)
{
  g_autoptr(LineupStore) store = open_store (args, error);
  g_autoptr(LineupAccount) account = NULL;
  g_autoptr(LineupPost) post = NULL;

  if (store == NULL || !need (args, "account", error))
    return store ? 2 : 1;
  if ((post = lineup_store_get_post (store, positional (args, 0), error)) == NULL ||
      (account = lineup_store_find_account (store, opt (args, "account"), error)) == NULL ||
      !lineup_sync_retry (store, lineup_post_get_id (post), account->id, error))
    return 1;
  return 0;
}

static int
cmd_post_resolve (Args    *args,
                  GError **error)
{
  g_autoptr(LineupStore) store = open_store (args, error);
  g_autoptr(LineupAccount) account = NULL;
  g_autoptr(LineupPost) post = NULL;
  const char *keep = opt (args, "keep");

  if (store == NULL || !need (args, "account", error) || !need (args, "keep", error))
    return store ? 2 : 1;
  if (g_strcmp0 (keep, "lineup") != 0 && g_strcmp0 (keep, "server") != 0)
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE, _("--keep takes lineup or server"));
      return 2;
    }
  if ((post = lineup_store_get_post (store, positional (args, 0), error)) == NULL ||
      (account = lineup_store_find_account (store, opt (args, "account"), error)) == NULL ||
      !lineup_sync_resolve (store, lineup_post_get_id (post), account->id, g_str_equal (keep, "lineup"), error))
    return 1;
  return 0;
}

static int
cmd_sync (Args    *args,
          GError **error)
{
  g_autoptr(LineupStore) store = open_store (args, error);
  g_autoptr(LineupSecrets) secrets = NULL;
  g_autoptr(LineupSync) sync = NULL;
  LineupSyncReport report = { 0 };
  /* --due is the timer's pass: publish what is due, confirm what fired,
   * send the outbox, and never wait for a retry (the next minute does). */
  LineupSyncPassFlags flags = opt (args, "due") ? LINEUP_SYNC_PASS_DUE_ONLY | LINEUP_SYNC_PASS_NO_WAIT
                                               : LINEUP_SYNC_PASS_ONCE;

  if (store == NULL || (secrets = open_secrets (error)) == NULL)
    return 1;
  sync = lineup_sync_new (store, secrets);

  if (!opt (args, "once") && !opt (args, "due"))
    {
      /* Runs until stopped, like the app does in the background. */
      g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

      lineup_sync_start (sync);
      g_main_loop_run (loop);
      return 0;
    }

  if (!lineup_sync_run (sync, flags, &report, NULL, error))
    {
      if (g_error_matches (*error, LINEUP_SYNC_ERROR, LINEUP_SYNC_ERROR_BUSY))
        {
          print_error ((*error)->message);
          g_clear_error (error);
          return 0;
        }
      return 1;
    }
  out (_("Sent %u, published %u, retried %u, waiting %u, failed %u, conflicts %u\n"), report.sent, report.published,
       report.retried, report.waiting, report.failed, report.conflicts);
  return report.failed + report.conflicts > 0 ? 1 : 0;
}

static int
cmd_outbox (Args    *args,
            GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) warnings = NULL;

  if (!open_for_listing (args, &store, error))
    return error && *error ? 1 : 0;
  if ((rows = lineup_store_get_outbox (store, opt (args, "all") != NULL, error)) == NULL)
    return 1;
  warnings = lineup_sync_check_limits (store, NULL);
  if (opt (args, "json"))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < rows->len; i++)
        {
          LineupPostSync *sync = g_ptr_array_index (rows, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "post");
          json_builder_add_string_value (builder, sync->post_id);
          json_builder_set_member_name (builder, "title");
          json_builder_add_string_value (builder, sync->post_title);
          json_builder_set_member_name (builder, "account");
          json_builder_add_string_value (builder, sync->account_name);
          json_builder_set_member_name (builder, "state");
          json_builder_add_string_value (builder, lineup_sync_state_to_key (sync->state));
          json_builder_set_member_name (builder, "ops");
          json_builder_begin_array (builder);
          for (guint k = 0; sync->ops[k]; k++)
            json_builder_add_string_value (builder, sync->ops[k]);
          json_builder_end_array (builder);
          json_builder_set_member_name (builder, "remote_id");
          json_builder_add_string_value (builder, sync->remote_id);
          json_builder_set_member_name (builder, "url");
          json_builder_add_string_value (builder, sync->url);
          json_builder_set_member_name (builder, "attempts");
          json_builder_add_int_value (builder, sync->attempts);
          json_builder_set_member_name (builder, "message");
          json_builder_add_string_value (builder, sync->message);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      print_json (builder);
      return 0;
    }
  for (guint i = 0; warnings && i < warnings->len; i++)
    out ("! %s\n", (const char *) g_ptr_array_index (warnings, i));
  if (rows->len == 0)
    out ("%s\n", _("Nothing waits to be sent."));
  for (guint i = 0; i < rows->len; i++)
    {
      LineupPostSync *sync = g_ptr_array_index (rows, i);
      g_autofree char *title = one_line (sync->post_title);
      g_autofree char *name = one_line (sync->account_name);
      g_autofree char *ops = g_strjoinv (", ", sync->ops);

      out ("%.8s  %-10s  %s → %s%s%s%s\n", sync->post_id, lineup_sync_state_to_key (sync->state), title, name,
           *ops ? "  (" : "", ops, *ops ? ")" : "");
      if (sync->url)
        out ("  %s\n", sync->url);
      if (sync->message)
        {
          g_autofree char *message = one_line (sync->message);
          out ("  %s\n", message);
        }
    }
  return 0;
}

/* Every command: the parser, the usage and the dispatch all read this. */
static const Command commands[] = {
  { "post", "add", cmd_post_add, post_field_options, NULL,
    "--title T --pillar P --type TYPE [--date YYYY-MM-DD [--time HH:MM]] [--platform NAME]… [--stage STAGE] [--body TEXT] [BRIEF]",
    N_("adds a post and prints its id; without --date it is an idea in the backlog") },
  { "post", "list", cmd_post_list, list_options, NULL,
    "[--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]",
    N_("lists posts by time, whole days in the plan’s time zone; undated ones last") },
  { "post", "edit", cmd_post_edit, post_field_options, id_arg,
    "ID [--title T] [--body TEXT] [--pillar P] [--type TYPE] [--platform NAME]… [--time HH:MM] [BRIEF]",
    N_("changes only the fields given; --platform replaces the set") },
  { "post", "move", cmd_post_move, move_options, id_arg,
    "ID --date YYYY-MM-DD [--time HH:MM]",
    N_("moves a post to another day, keeping its local time unless --time") },
  { "post", "duplicate", cmd_post_duplicate, date_options, id_arg,
    "ID --date YYYY-MM-DD",
    N_("a Draft copy on that day at the same time; prints its id") },
  { "post", "stage", cmd_post_stage, stage_options, id_stage_args,
    "ID STAGE [--comment TEXT] [--as NAME]",
    N_("moves a post through the workflow and records who did it") },
  { "post", "approve", cmd_post_approve, stage_options, id_arg,
    "ID --as NAME [--comment TEXT]",
    N_("approves a post in review for the approval chain’s current step") },
  { "post", "request-changes", cmd_post_request_changes, stage_options, id_arg,
    "ID --as NAME --comment TEXT",
    N_("sends a post back to Draft with what should change") },
  { "post", "check", cmd_post_check, check_options, id_item_args,
    "ID ITEM [--uncheck] [--as NAME]",
    N_("ticks (or unticks) a checklist item, by number or text") },
  { "post", "comment", cmd_post_comment, as_options, id_text_args,
    "ID TEXT [--as NAME]",
    N_("adds a comment to a post’s thread") },
  { "post", "history", cmd_post_history, json_options, id_arg,
    "ID [--json]",
    N_("who did what to a post, and when") },
  { "post", "delete", cmd_post_delete, no_options, id_arg,
    "ID",
    N_("removes a post from the plan") },
  { "post", "show", cmd_post_show, json_options, id_arg,
    "ID [--json]",
    N_("everything about one post, with its brief and history") },
  { "post", "target", cmd_post_target, target_options, ids_arg,
    "ID… --account NAME [--remove]",
    N_("sends the post to an account once it is scheduled (or, with --remove, stops)") },
  { "post", "retry", cmd_post_retry, account_only_options, id_arg,
    "ID --account NAME",
    N_("sends a post that failed on an account again") },
  { "post", "resolve", cmd_post_resolve, resolve_options, id_arg,
    "ID --account NAME --keep lineup|server",
    N_("settles a conflict: send Lineup’s version again, or take the server’s") },
  { "account", "add", cmd_account_add, account_options, network_arg,
    "mastodon --instance URL [--token-stdin] | bluesky --handle H --app-password-stdin [--pds URL] | webhook --url URL [--hub-secret-stdin]  [--name NAME]",
    N_("adds an account to publish to; the secret goes to the Secret Service, never into the plan") },
  { "account", "renew", cmd_account_renew, no_options, name_arg,
    "NAME  (the new token or app password on standard input)",
    N_("gives an account a new token or app password after the server refused the old one") },
  { "account", "list", cmd_account_list, json_options, NULL,
    "[--json]",
    N_("the accounts, with what stops one from publishing") },
  { "account", "remove", cmd_account_remove, no_options, name_arg,
    "NAME",
    N_("removes an account and its secret (posts already scheduled on the server stay)") },
  { "sync", NULL, cmd_sync, sync_options, NULL,
    "[--once] [--due]",
    N_("sends the outbox to the networks and publishes what is due (--once: one pass; --due: only what is due, for a timer; neither: keeps running)") },
  { "outbox", NULL, cmd_outbox, outbox_options, NULL,
    "[--all] [--json]",
    N_("what waits to be sent, what failed and why (--all: and the latest sent)") },
  { "pillar", "add", cmd_pillar_add, pillar_options, name_arg,
    "NAME [--color #RRGGBB] [--target PERCENT]",
    N_("adds a content pillar") },
  { "pillar", "list", cmd_pillar_list, json_options, NULL,
    "[--json]",
    N_("the pillars with colour, target share and number of posts") },
  { "campaign", "add", cmd_campaign_add, campaign_options, name_arg,
    "NAME --from YYYY-MM-DD --to YYYY-MM-DD [--color #RRGGBB]",
    N_("adds a campaign: a named window of days posts can belong to") },
  { "campaign", "list", cmd_campaign_list, json_options, NULL,
    "[--json]",
    N_("the campaigns with colour and dates") },
  { "team", "add", cmd_team_add, role_options, name_arg,
    "NAME --role lead|editor|approver",
    N_("adds a team member, or changes their role") },
  { "team", "list", cmd_team_list, json_options, NULL,
    "[--json]",
    N_("the team and their roles") },
  { "approval-chain", "set", cmd_approval_chain_set, chain_options, steps_arg,
    "STEP:any|all:NAME[,NAME]… [--clear] [--forbid-self-approval|--allow-self-approval]",
    N_("the steps a post goes through to be approved, in order") },
  { "approval-chain", "show", cmd_approval_chain_show, no_options, NULL,
    "",
    N_("the approval chain") },
  { "checklist", "list", cmd_checklist_list, no_options, NULL,
    "",
    N_("the pre-publication checklist every post carries") },
  { "checklist", "add", cmd_checklist_add, no_options, item_arg,
    "TEXT",
    N_("adds an item to the checklist") },
  { "checklist", "remove", cmd_checklist_remove, no_options, item_arg,
    "ITEM",
    N_("removes an item (by number or text) from the checklist and every post") },
  { "export", "ics", cmd_export_ics, export_options, NULL,
    "[--output FILE|-] [--from D] [--to D] [--pillar P]… [--type T]… [--platform N]… [--stage S]… [--privacy titles|brief|full] [--local-time] [--name NAME]",
    N_("the dated posts as an iCalendar file (standard output by default)") },
  { "feed", "add", cmd_feed_add, feed_options, name_arg,
    "NAME --file PATH|--webdav URL|--caldav URL [--user NAME] [--pillar P]… [--type T]… [--platform N]… [--stage S]… [--privacy titles|brief|full] [--days-back N] [--days-ahead N] [--duration MIN] [--refresh MIN] [--local-time] [--auto-publish]",
    N_("saves a feed: the plan as iCalendar, published to a file, a WebDAV file or a CalDAV calendar") },
  { "feed", "list", cmd_feed_list, json_options, NULL,
    "[--json]",
    N_("the feeds, with where they publish and how the last publish went") },
  { "feed", "publish", cmd_feed_publish, publish_options, optional_name_arg,
    "[NAME] [--force]",
    N_("publishes one feed, or all; the password is read from LINEUP_FEED_PASSWORD") },
  { "feed", "remove", cmd_feed_remove, no_options, name_arg,
    "NAME",
    N_("removes a feed (not what it published)") },
  { "overlay", "add", cmd_overlay_add, color_options, name_source_args,
    "NAME FILE|URL [--color #RRGGBB]",
    N_("shows another calendar (holidays, awareness days) beside the plan, read-only") },
  { "overlay", "list", cmd_overlay_list, json_options, NULL,
    "[--json]",
    N_("the overlay calendars, with their events and how the last refresh went") },
  { "overlay", "refresh", cmd_overlay_refresh, no_options, optional_name_arg,
    "[NAME]",
    N_("reads the overlays again (a failure keeps the last good copy)") },
  { "overlay", "remove", cmd_overlay_remove, no_options, name_arg,
    "NAME",
    N_("removes an overlay calendar") },
  { "mix", NULL, cmd_mix, mix_options, NULL,
    "[--month YYYY-MM | --from YYYY-MM-DD --to YYYY-MM-DD] [--platform NAME] [--json]",
    N_("the content mix of a month (this month by default) against its targets, with what to change") },
  { "targets", "set", cmd_targets_set, no_options, target_args,
    "TYPE MIN MAX",
    N_("sets a content type's target share of the month, in percent") },
  { "targets", "list", cmd_targets_list, json_options, NULL,
    "[--json]",
    N_("the content types' and pillars' target shares") },
  { "import", "csv", cmd_import_csv, no_options, file_arg,
    "FILE",
    N_("imports posts from CSV (columns title, body, date, time, pillar, type, platform, stage); all rows or none") },
  { "demo", NULL, cmd_demo, demo_options, NULL,
    "[--month YYYY-MM]",
    N_("fills a month (this month by default) with a realistic demo plan") },
};

/* Every command, or those of @group, or @only. */
static void
print_usage (const char    *group,
             const Command *only)
{
  g_autofree char *default_path = lineup_store_default_path ();
  gboolean post_commands = FALSE;

  out ("%s\n", _("Usage: lineup [--database PATH] [COMMAND …]"));
  if (group == NULL && only == NULL)
    {
      out ("\n");
      out (_("Without a command, opens the window. The plan is %s\n"
             "unless --database or LINEUP_DATABASE names another file.\n"), default_path);
      out ("\n%s\n", _("Commands:"));
    }
  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    {
      const Command *command = &commands[c];

      if ((only && only != command) || (group && !g_str_equal (group, command->group)))
        continue;
      post_commands |= g_str_equal (command->group, "post");
      out ("  lineup %s%s%s %s\n      %s\n", command->group, command->verb ? " " : "",
           command->verb ? command->verb : "", command->synopsis, _(command->summary));
    }
  if (post_commands)
    {
      out ("\n%s\n", _("BRIEF, for post add and post edit: --goal, --audience, --key-message,\n"
                       "--call-to-action, --hashtags, --owner TEXT, --due YYYY-MM-DD, --campaign NAME."));
      out (_("ID is a post’s id or its first characters (at least 4).\n"
             "STAGE is one of %s.\n"), lineup_stage_list_keys ());
      out (_("NAME after --platform is one of %s.\n"), lineup_platform_list_keys ());
    }
  if (group == NULL && only == NULL)
    out ("\n%s\n", _("Exit status: 0 done, 1 the plan refused or could not be changed,\n"
                     "2 the command line was wrong. Errors are one line on stderr."));
}

/* Index of the first argument after the global options, or -1 on a
 * malformed --database. */
static int
skip_global_options (int          argc,
                     char       **argv,
                     const char **database)
{
  int i = 1;

  while (i < argc)
    {
      if (g_str_equal (argv[i], "--database"))
        {
          if (i + 1 >= argc)
            return -1;
          *database = argv[i + 1];
          i += 2;
        }
      else if (g_str_has_prefix (argv[i], "--database="))
        *database = argv[i++] + strlen ("--database=");
      else
        break;
    }
  return i;
}

gboolean
lineup_cli_wants (int    argc,
                  char **argv)
{
  const char *database = NULL;
  int first = skip_global_options (argc, argv, &database);

  if (first < 0)
    return TRUE;
  if (first >= argc)
    return FALSE;
  if (is_help (argv[first]) || g_str_equal (argv[first], "--version"))
    return TRUE;
  /* Any other word is a command, known or not: handed to the window, a
   * mistyped command would only get GApplication's "can not open files"
   * critical. Options GApplication and GTK understand stay with the window. */
  return argv[first][0] != '-';
}

int
lineup_cli_run (int    argc,
                char **argv)
{
  g_autoptr(GError) error = NULL;
  Args args = { NULL, };
  const char *database = NULL;
  int first = skip_global_options (argc, argv, &database);
  const char *group, *verb;
  int status = 2;

  if (first < 0 || (database && !*database))
    {
      print_error (_("--database needs a file path, e.g. --database ~/plans/lineup.db"));
      return 2;
    }
  if (database && !check_utf8 ("--database", database, &error))
    {
      print_error (error->message);
      return 2;
    }
  if (first >= argc || g_str_equal (argv[first], "help") || is_help (argv[first]))
    {
      print_usage (NULL, NULL);
      return 0;
    }
  if (g_str_equal (argv[first], "--version"))
    {
      out ("lineup %s\n", PACKAGE_VERSION);
      return 0;
    }

  group = argv[first];
  verb = first + 1 < argc ? argv[first + 1] : NULL;

  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    {
      const Command *command = &commands[c];
      g_autofree char *name = NULL;

      if (!g_str_equal (command->group, group))
        continue;
      if (command->verb && g_strcmp0 (command->verb, verb) != 0)
        continue;

      name = command->verb ? g_strdup_printf ("%s %s", group, verb) : g_strdup (group);
      args.database = database;
      if (!parse_args (name, command, argv + first + (command->verb ? 2 : 1), &args, &error))
        status = 2;
      else if (args.help)
        {
          print_usage (NULL, command);
          status = 0;
        }
      else
        status = command->func (&args, &error);
      args_clear (&args);

      if (error)
        {
          print_error (error->message);
          if (status == 0)
            status = 1;
        }
      fflush (stdout);
      return status;
    }

  {
    g_autofree char *g = shown (group);
    g_autofree char *v = verb ? shown (verb) : NULL;
    g_autofree char *message = NULL;
    gboolean is_group = FALSE;

    for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
      is_group |= commands[c].verb && g_str_equal (commands[c].group, group);

    if (is_group && verb && is_help (verb))
      {
        print_usage (group, NULL);
        return 0;
      }
    if (is_group)
      message = v ? g_strdup_printf (_("“%s %s” is not a command; see “lineup %s --help”"), g, v, g)
                  : g_strdup_printf (_("“%s” needs a subcommand; see “lineup %s --help”"), g, g);
    else
      message = g_strdup_printf (_("“%s” is not a command (expected post, pillar, campaign, team, approval-chain, checklist, mix, targets, export, feed, overlay, import, demo or help); see “lineup help”"), g);
    print_error (message);
  }
  return 2;
}
