/* lineup-cli-args.c: the argument parser every command shares, the checks
 * of single option values (UTF-8, one line, dates, times, stages,
 * platforms, months, counts, lengths) and opening the plan --database names.
 *
 * Every failure is a CLI_ERROR whose message names the option and what was
 * expected. No command lives here, and nothing here prints.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "lineup-cli-args.h"
#include "lineup-cli-output.h"

G_DEFINE_QUARK (lineup-cli-error-quark, cli_error)

void
args_clear (Args *args)
{
  g_clear_pointer (&args->options, g_hash_table_unref);
  g_clear_pointer (&args->positional, g_ptr_array_unref);
}

/* Text safe to show in a message about @text, which may not be UTF-8. */
char *
shown (const char *text)
{
  if (g_utf8_validate (text, -1, NULL))
    return one_line (text);
  return g_strescape (text, NULL);
}

gboolean
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
gboolean
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

gboolean
is_help (const char *arg)
{
  return g_str_equal (arg, "--help") || g_str_equal (arg, "-h");
}

gboolean
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

const char *
opt (Args       *args,
     const char *name)
{
  GPtrArray *values = g_hash_table_lookup (args->options, name);
  return values ? g_ptr_array_index (values, 0) : NULL;
}

GPtrArray *
opt_all (Args       *args,
         const char *name)
{
  return g_hash_table_lookup (args->options, name);
}

const char *
positional (Args  *args,
            guint  index)
{
  return g_ptr_array_index (args->positional, index);
}

gboolean
need (Args        *args,
      const char  *name,
      GError     **error)
{
  if (opt (args, name))
    return TRUE;
  g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE, _("%s: --%s is required"), args->command, name);
  return FALSE;
}

gboolean
parse_date_arg (const char  *what,
                const char  *text,
                GDate       *date,
                GError     **error)
{
  g_autofree char *s = NULL;
  guint y, m, d;
  char tail;

  g_date_clear (date, 1);
  if (lineup_parse_date (text, date))
    return TRUE;
  s = one_line (text);
  /* A real date, but one a plan cannot keep (lineup_parse_date()). */
  if (strlen (text) == 10 && sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &tail) == 3 &&
      g_date_valid_dmy (d, m, y) && (y < LINEUP_FIRST_YEAR || y > LINEUP_LAST_YEAR))
    g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                 _("%s “%s” is outside the dates Lineup can keep: give a date from %d-01-01 to %d-12-31"),
                 what, s, LINEUP_FIRST_YEAR, LINEUP_LAST_YEAR);
  else
    g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                 _("%s “%s” is not a valid date: expected YYYY-MM-DD, e.g. 2026-12-10"), what, s);
  return FALSE;
}

gboolean
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

gboolean
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
gboolean
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

/* "YYYY-MM" */
gboolean
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
  if (*out_year > LINEUP_LAST_YEAR)
    {
      g_autofree char *s = one_line (text);
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("--month “%s” is outside the months Lineup can keep: give a month from %d-01 to %d-12"),
                   s, LINEUP_FIRST_YEAR, LINEUP_LAST_YEAR);
      return FALSE;
    }
  return TRUE;
}

gboolean
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

/* --color, checked here rather than left to the store so that a wrong colour
 * is a wrong command line (exit status 2) and the message names the option;
 * @example is the colour the message suggests. */
gboolean
check_color_arg (const char  *color,
                 const char  *example,
                 GError     **error)
{
  g_autofree char *s = NULL;

  if (color == NULL || lineup_color_is_valid (color))
    return TRUE;
  s = one_line (color);
  g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
               _("--color “%s” is not a colour: expected #RRGGBB, e.g. %s"), s, example);
  return FALSE;
}

/* The checks that need no plan, done before it is opened. */
/* Length limits checked here too, so the message names the option the
 * user typed ("--body"), not the field's name in the window ("caption"). */
gboolean
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
gboolean
plan_exists (Args *args)
{
  g_autofree char *path = plan_path (args);
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* Opens the plan, creating it when @create; otherwise a missing file is an
 * error, so a mistyped --database never leaves an empty plan behind. */
LineupStore *
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

LineupStore *
open_store (Args    *args,
            GError **error)
{
  return open_store_full (args, FALSE, error);
}

/* For the listing commands: a plan that does not exist yet lists nothing
 * (an empty JSON array with --json) and no file is made. Returns FALSE when
 * there is nothing to list or the plan could not be opened (then @error is
 * set). */
gboolean
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

LineupPillar *
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

LineupContentType *
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

/* A secret from standard input: the whole of it, without the line end, so
 * it never shows in the process list or the shell's history. */
char *
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

/* A feed's password from standard input, so it never shows in the process
 * list or the shell's history: all of it but the line end it was typed or
 * piped with. */
char *
read_password_stdin (const char  *command,
                     const char  *example,
                     const char  *name,
                     GError     **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  char buffer[4096];
  size_t n;

  while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0 && text->len < 65536)
    g_string_append_len (text, buffer, (gssize) n);
  if (text->len > 0 && text->str[text->len - 1] == '\n')
    g_string_truncate (text, text->len - 1);
  if (text->len > 0 && text->str[text->len - 1] == '\r')
    g_string_truncate (text, text->len - 1);
  if (text->len == 0 || strlen (text->str) != text->len || strchr (text->str, '\n') ||
      !g_utf8_validate (text->str, -1, NULL))
    {
      g_autofree char *s = one_line (name);
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("%s: no password on standard input: pipe one line in, e.g. "
                     "“secret-tool lookup … | %s %s”"), command, example, s);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}
