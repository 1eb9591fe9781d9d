/* lineup-cli.c: `lineup post|pillar|import|demo …`
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
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lineup-cli.h"
#include "lineup-core.h"

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
} Args;

typedef int (*CommandFunc) (Args *args, GError **error);

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

/* ---- argument checks ---- */

/* Text safe to show in a message about @text, which may not be UTF-8. */
static char *
shown (const char *text)
{
  if (g_utf8_validate (text, -1, NULL))
    return g_strdup (text);
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
parse_args (const char        *command,
            const OptionSpec  *specs,
            guint              min_positional,
            guint              max_positional,
            const char        *positional_names,
            char             **argv,
            Args              *args,
            GError           **error)
{
  args->command = command;
  args->options = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) g_ptr_array_unref);
  args->positional = g_ptr_array_new ();

  for (guint i = 0; argv[i]; i++)
    {
      const char *arg = argv[i];

      if (g_str_has_prefix (arg, "--") && arg[2] != '\0')
        {
          g_autofree char *name = g_strdup (arg + 2);
          char *eq = strchr (name, '=');
          const char *value = NULL;
          const OptionSpec *spec;
          GPtrArray *values;

          if (eq)
            {
              *eq = '\0';
              value = arg + 2 + (eq - name) + 1;
            }
          spec = find_spec (specs, name);
          if (spec == NULL)
            {
              g_autofree char *s = shown (arg);
              g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                           _("%s: unknown option %s; see “lineup help”"), command, s);
              return FALSE;
            }
          if (spec->takes_value && value == NULL)
            {
              if (argv[i + 1] == NULL)
                {
                  g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                               _("%s: --%s needs a value"), command, spec->name);
                  return FALSE;
                }
              value = argv[++i];
            }
          else if (!spec->takes_value && value != NULL)
            {
              g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                           _("%s: --%s takes no value"), command, spec->name);
              return FALSE;
            }

          if (value)
            {
              g_autofree char *what = g_strdup_printf ("--%s", spec->name);
              if (!check_utf8 (what, value, error))
                return FALSE;
            }

          values = g_hash_table_lookup (args->options, spec->name);
          if (values && !spec->repeatable)
            {
              g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                           _("%s: --%s is given twice; give it once"), command, spec->name);
              return FALSE;
            }
          if (values == NULL)
            {
              values = g_ptr_array_new ();
              g_hash_table_insert (args->options, (gpointer) spec->name, values);
            }
          g_ptr_array_add (values, (gpointer) (value ? value : ""));
        }
      else
        {
          if (!check_utf8 (_("An argument"), arg, error))
            return FALSE;
          g_ptr_array_add (args->positional, (gpointer) arg);
        }
    }

  if (args->positional->len < min_positional || args->positional->len > max_positional)
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   args->positional->len < min_positional
                     ? _("%s: missing %s; see “lineup help”")
                     : _("%s: too many arguments (expected %s); see “lineup help”"),
                   command, positional_names);
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
  g_date_clear (date, 1);
  if (lineup_parse_date (text, date))
    return TRUE;
  g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
               _("%s “%s” is not a valid date: expected YYYY-MM-DD, e.g. 2026-12-10"), what, text);
  return FALSE;
}

static gboolean
parse_time_arg (const char  *text,
                int         *minutes,
                GError     **error)
{
  if (lineup_parse_time (text, minutes))
    return TRUE;
  g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
               _("--time “%s” is not a valid time: expected HH:MM from 00:00 to 23:59, e.g. 09:30"), text);
  return FALSE;
}

static gboolean
parse_stage_arg (const char   *text,
                 LineupStage  *stage,
                 GError      **error)
{
  if (lineup_stage_from_string (text, stage))
    return TRUE;
  g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
               _("“%s” is not a stage: expected one of %s"), text, lineup_stage_list_keys ());
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
              g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                           _("--platform “%s” is not a platform Lineup knows: expected one of %s"),
                           parts[p], lineup_platform_list_keys ());
              return FALSE;
            }
          g_strv_builder_add (builder, parts[p]);
        }
    }
  names = g_strv_builder_end (builder);
  return lineup_platforms_normalize ((const char * const *) names, out_keys, error);
}

/* ---- the plan ---- */

static LineupStore *
open_store (Args    *args,
            GError **error)
{
  g_autofree char *path = NULL;

  if (args->database)
    path = g_strdup (args->database);
  else if (g_getenv ("LINEUP_DATABASE") && *g_getenv ("LINEUP_DATABASE"))
    path = g_strdup (g_getenv ("LINEUP_DATABASE"));
  else
    path = lineup_store_default_path ();

  return lineup_store_open (path, error);
}

static LineupPillar *
find_pillar (LineupStore  *store,
             const char   *name,
             GError      **error)
{
  LineupPillar *pillar = lineup_store_find_pillar (store, name);
  g_autofree char *known = NULL;

  if (pillar)
    return pillar;
  known = lineup_store_list_pillar_names (store);
  g_set_error (error, CLI_ERROR, CLI_ERROR_FAILED,
               _("--pillar “%s”: no such pillar; known pillars: %s. Add one with: lineup pillar add \"%s\""),
               name, *known ? known : _("none yet"), name);
  return NULL;
}

static LineupContentType *
find_type (LineupStore  *store,
           const char   *name,
           GError      **error)
{
  LineupContentType *type = lineup_store_find_content_type (store, name);
  g_autofree char *known = NULL;

  if (type)
    return type;
  known = lineup_store_list_content_type_names (store);
  g_set_error (error, CLI_ERROR, CLI_ERROR_FAILED,
               _("--type “%s”: no such content type; expected one of %s"), name, known);
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
      json_builder_begin_array (builder);
      for (guint i = 0; history && i < history->len; i++)
        {
          LineupStageChange *change = g_ptr_array_index (history, i);
          g_autofree char *at = format_utc (change->at);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "at");
          json_builder_add_string_value (builder, at);
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

  json_builder_end_object (builder);
}

static void
print_post_line (LineupStore *store,
                 LineupPost  *post)
{
  LineupPillar *pillar = lineup_store_get_pillar (store, lineup_post_get_pillar_id (post));
  LineupContentType *type = lineup_store_get_content_type (store, lineup_post_get_type_id (post));
  g_autofree char *when = lineup_post_is_dated (post)
    ? format_local (store, lineup_post_get_scheduled_at (post), "%Y-%m-%d %H:%M")
    : g_strdup (_("(no date)       "));
  g_autofree char *platforms = g_strjoinv (",", (char **) lineup_post_get_platforms (post));
  g_autofree char *short_id = g_strndup (lineup_post_get_id (post), 8);

  out ("%s  %-9s  %-18s  %-12s  %-20s  %s  [%s]\n",
       when, lineup_stage_to_key (lineup_post_get_stage (post)),
       pillar ? lineup_pillar_get_name (pillar) : "?",
       type ? lineup_content_type_get_name (type) : "?",
       *platforms ? platforms : "-",
       lineup_post_get_title (post), short_id);
}

/* ---- commands ---- */

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

static const char * const brief_options[LINEUP_N_BRIEF_FIELDS] = {
  "goal", "audience", "key-message", "call-to-action", "hashtags", "owner",
};

/* Applies the options every post command shares to @post; @store may be
 * NULL for the checks that need no plan. */
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
          g_set_error (error, CLI_ERROR, CLI_ERROR_FAILED,
                       _("--campaign “%s”: no such campaign in the plan"), opt (args, "campaign"));
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
static gboolean
check_post_fields (Args    *args,
                   GError **error)
{
  GDate date;
  int minutes;
  LineupStage stage;
  g_auto(GStrv) keys = NULL;

  if (opt (args, "date") && !parse_date_arg ("--date", opt (args, "date"), &date, error))
    return FALSE;
  if (opt (args, "due") && *opt (args, "due") && !parse_date_arg ("--due", opt (args, "due"), &date, error))
    return FALSE;
  if (opt (args, "time") && !parse_time_arg (opt (args, "time"), &minutes, error))
    return FALSE;
  if (opt (args, "stage") && !parse_stage_arg (opt (args, "stage"), &stage, error))
    return FALSE;
  if (opt_all (args, "platform") && !parse_platforms_arg (opt_all (args, "platform"), &keys, error))
    return FALSE;
  return TRUE;
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

  store = open_store (args, error);
  if (store == NULL)
    return 1;

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
    for (guint i = 0; i < posts->len; i++)
      print_post_line (store, posts->pdata[i]);
  return 0;
}

static int
cmd_post_edit (Args    *args,
               GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupPost) post = NULL;
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
  post = lineup_store_get_post (store, g_ptr_array_index (args->positional, 0), error);
  if (post == NULL || !apply_post_fields (args, store, post, error))
    return 1;

  if (opt (args, "time"))
    {
      GDate date;
      int minutes;

      if (!lineup_post_is_dated (post))
        {
          g_set_error (error, CLI_ERROR, CLI_ERROR_FAILED,
                       _("post edit: “%s” has no date, so it has no time; give it one with “lineup post move %.8s --date YYYY-MM-DD” first"),
                       lineup_post_get_title (post), lineup_post_get_id (post));
          return 1;
        }
      lineup_parse_time (opt (args, "time"), &minutes);
      lineup_store_utc_to_local (store, lineup_post_get_scheduled_at (post), &date, NULL);
      lineup_post_set_scheduled_at (post, lineup_store_local_to_utc (store, &date, minutes));
    }

  before = lineup_post_get_revision (post);
  if (!lineup_store_update_post (store, post, error))
    return 1;
  if (lineup_post_get_revision (post) == before)
    out (_("No change to “%s”\n"), lineup_post_get_title (post));
  else
    out (_("Updated “%s” (revision %d)\n"), lineup_post_get_title (post), lineup_post_get_revision (post));
  return 0;
}

static int
cmd_post_move (Args    *args,
               GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupPost) moved = NULL;
  g_autofree char *when = NULL;
  int minutes = -1;
  GDate date;

  if (!need (args, "date", error) || !parse_date_arg ("--date", opt (args, "date"), &date, error) ||
      (opt (args, "time") && !parse_time_arg (opt (args, "time"), &minutes, error)))
    return 2;

  store = open_store (args, error);
  if (store == NULL ||
      !lineup_store_reschedule_post (store, g_ptr_array_index (args->positional, 0), &date, minutes, error))
    return 1;
  moved = lineup_store_get_post (store, g_ptr_array_index (args->positional, 0), error);
  if (moved == NULL)
    return 1;
  when = format_local (store, lineup_post_get_scheduled_at (moved), "%Y-%m-%d %H:%M");
  out (_("Moved “%s” to %s\n"), lineup_post_get_title (moved), when);
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
  copy = lineup_store_duplicate_post (store, g_ptr_array_index (args->positional, 0), &date, error);
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
  LineupStage stage;

  if (!parse_stage_arg (g_ptr_array_index (args->positional, 1), &stage, error))
    return 2;

  store = open_store (args, error);
  if (store == NULL)
    return 1;
  post = lineup_store_get_post (store, g_ptr_array_index (args->positional, 0), error);
  if (post == NULL ||
      !lineup_store_set_stage (store, lineup_post_get_id (post), stage,
                               opt (args, "as"), opt (args, "comment"), error))
    return 1;
  out ("“%s”: %s → %s\n", lineup_post_get_title (post),
       lineup_stage_to_key (lineup_post_get_stage (post)), lineup_stage_to_key (stage));
  return 0;
}

static int
cmd_post_delete (Args    *args,
                 GError **error)
{
  g_autoptr(LineupStore) store = open_store (args, error);
  g_autoptr(LineupPost) post = NULL;

  if (store == NULL)
    return 1;
  post = lineup_store_get_post (store, g_ptr_array_index (args->positional, 0), error);
  if (post == NULL || !lineup_store_delete_post (store, lineup_post_get_id (post), error))
    return 1;
  out (_("Deleted “%s” (%s)\n"), lineup_post_get_title (post), lineup_post_get_id (post));
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
  post = lineup_store_get_post (store, g_ptr_array_index (args->positional, 0), error);
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
    g_autofree char *when = lineup_post_is_dated (post)
      ? format_local (store, lineup_post_get_scheduled_at (post), "%A %-d %B %Y, %H:%M")
      : g_strdup (_("no date (backlog)"));
    g_autofree char *platforms = g_strjoinv (", ", (char **) lineup_post_get_platforms (post));
    g_autoptr(GPtrArray) history = lineup_store_get_history (store, lineup_post_get_id (post), NULL);

    out ("%s\n", lineup_post_get_title (post));
    out ("  %-16s %s\n", _("id"), lineup_post_get_id (post));
    out ("  %-16s %s (%s)\n", _("when"), when, lineup_store_get_time_zone_id (store));
    out ("  %-16s %s\n", _("stage"), lineup_stage_to_label (lineup_post_get_stage (post)));
    out ("  %-16s %s\n", _("pillar"), pillar ? lineup_pillar_get_name (pillar) : "?");
    out ("  %-16s %s\n", _("type"), type ? lineup_content_type_get_name (type) : "?");
    out ("  %-16s %s\n", _("platforms"), *platforms ? platforms : "-");
    out ("  %-16s %d\n", _("revision"), lineup_post_get_revision (post));
    for (guint f = 0; f < LINEUP_N_BRIEF_FIELDS; f++)
      if (lineup_post_get_brief (post, f))
        out ("  %-16s %s\n", lineup_brief_field_to_label (f), lineup_post_get_brief (post, f));
    if (lineup_post_get_due_on (post))
      out ("  %-16s %s\n", _("due"), lineup_post_get_due_on (post));
    if (*lineup_post_get_body (post))
      out ("\n%s\n", lineup_post_get_body (post));
    out ("\n%s\n", _("History:"));
    for (guint i = 0; history && i < history->len; i++)
      {
        LineupStageChange *change = g_ptr_array_index (history, i);
        g_autofree char *at = format_local (store, change->at, "%Y-%m-%d %H:%M");

        out ("  %s  %s → %s  %s%s%s\n", at,
             change->from_stage < 0 ? _("created") : lineup_stage_to_key (change->from_stage),
             lineup_stage_to_key (change->to_stage), change->actor,
             change->comment ? ": " : "", change->comment ? change->comment : "");
      }
  }
  return 0;
}

static int
cmd_pillar_add (Args    *args,
                GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  LineupPillar *pillar;
  double target = -1;

  if (opt (args, "color") && !lineup_color_is_valid (opt (args, "color")))
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("--color “%s” is not a colour: expected #RRGGBB, e.g. #3584e4"), opt (args, "color"));
      return 2;
    }
  if (opt (args, "target"))
    {
      char *end = NULL;

      target = g_ascii_strtod (opt (args, "target"), &end);
      if (end == opt (args, "target") || *end != '\0' || target < 0 || target > 100)
        {
          g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                       _("--target “%s” is not a share: expected a percentage from 0 to 100, e.g. 25"),
                       opt (args, "target"));
          return 2;
        }
    }

  store = open_store (args, error);
  if (store == NULL)
    return 1;
  pillar = lineup_store_add_pillar (store, g_ptr_array_index (args->positional, 0),
                                    opt (args, "color"), target, error);
  if (pillar == NULL)
    return 1;
  out (_("Added pillar “%s” (%s)\n"), lineup_pillar_get_name (pillar), lineup_pillar_get_color (pillar));
  return 0;
}

static int
cmd_pillar_list (Args    *args,
                 GError **error)
{
  g_autoptr(LineupStore) store = open_store (args, error);
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GListModel *pillars;
  guint n;

  if (store == NULL)
    return 1;
  posts = lineup_store_list_all_posts (store, error);
  if (posts == NULL)
    return 1;
  pillars = lineup_store_get_pillars (store);
  n = g_list_model_get_n_items (pillars);

  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LineupPillar) pillar = g_list_model_get_item (pillars, i);
      guint count = 0;

      for (guint p = 0; p < posts->len; p++)
        count += lineup_post_get_pillar_id (posts->pdata[p]) == lineup_pillar_get_id (pillar);

      if (opt (args, "json"))
        {
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
        }
      else
        {
          g_autofree char *target = lineup_pillar_get_target (pillar) >= 0
            ? g_strdup_printf ("%g%%", lineup_pillar_get_target (pillar)) : g_strdup ("-");
          out ("%-24s %s  %-6s %u posts\n", lineup_pillar_get_name (pillar),
               lineup_pillar_get_color (pillar), target, count);
        }
    }
  json_builder_end_array (builder);
  if (opt (args, "json"))
    print_json (builder);
  return 0;
}

static int
cmd_campaign_add (Args    *args,
                  GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  LineupCampaign *campaign;
  GDate from, to;

  if (!need (args, "from", error) || !need (args, "to", error) ||
      !parse_date_arg ("--from", opt (args, "from"), &from, error) ||
      !parse_date_arg ("--to", opt (args, "to"), &to, error))
    return 2;
  if (g_date_compare (&from, &to) > 0)
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("campaign add: --from %s is after --to %s"), opt (args, "from"), opt (args, "to"));
      return 2;
    }
  if (opt (args, "color") && !lineup_color_is_valid (opt (args, "color")))
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("--color “%s” is not a colour: expected #RRGGBB, e.g. #e66100"), opt (args, "color"));
      return 2;
    }

  store = open_store (args, error);
  if (store == NULL)
    return 1;
  campaign = lineup_store_add_campaign (store, g_ptr_array_index (args->positional, 0),
                                        opt (args, "color") ? opt (args, "color") : "#e66100",
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
  g_autoptr(LineupStore) store = open_store (args, error);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GListModel *campaigns;
  guint n;

  if (store == NULL)
    return 1;
  campaigns = lineup_store_get_campaigns (store);
  n = g_list_model_get_n_items (campaigns);
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LineupCampaign) c = g_list_model_get_item (campaigns, i);

      if (opt (args, "json"))
        {
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
        }
      else
        out ("%-24s %s  %s – %s\n", lineup_campaign_get_name (c), lineup_campaign_get_color (c),
             lineup_campaign_get_starts_on (c), lineup_campaign_get_ends_on (c));
    }
  json_builder_end_array (builder);
  if (opt (args, "json"))
    print_json (builder);
  return 0;
}

static int
cmd_import_csv (Args    *args,
                GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  const char *file = g_ptr_array_index (args->positional, 0);
  guint n = 0;

  if (!g_file_test (file, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_FAILED,
                   _("import csv: “%s” does not exist or is not a file"), file);
      return 1;
    }
  store = open_store (args, error);
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
  int year = 0, month = 0;
  guint n = 0;
  char tail;

  if (opt (args, "month") &&
      (strlen (opt (args, "month")) != 7 ||
       sscanf (opt (args, "month"), "%4d-%2d%c", &year, &month, &tail) != 2 ||
       month < 1 || month > 12 || year < 1900))
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("--month “%s” is not a month: expected YYYY-MM, e.g. 2026-12"), opt (args, "month"));
      return 2;
    }

  store = open_store (args, error);
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
  out (_("Added a demo plan for %04d-%02d: %u posts in 4 pillars\n"), year, month, n);
  return 0;
}

static const char usage[] =
  "Usage: lineup [--database PATH] [COMMAND …]\n"
  "\n"
  "Without a command, opens the window. The plan is $XDG_DATA_HOME/lineup/lineup.db\n"
  "unless --database or LINEUP_DATABASE names another file.\n"
  "\n"
  "Commands:\n"
  "  post add --title T --pillar P --type TYPE [--date YYYY-MM-DD [--time HH:MM]]\n"
  "           [--platform NAME]… [--stage STAGE] [--body TEXT]\n"
  "  post list [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]\n"
  "  post edit ID [--title T] [--body TEXT] [--pillar P] [--type TYPE]\n"
  "           [--platform NAME]… [--time HH:MM]\n"
  "  post move ID --date YYYY-MM-DD [--time HH:MM]\n"
  "                                        keeps the local time of day unless --time\n"
  "  post duplicate ID --date YYYY-MM-DD   a Draft copy on that day, same time\n"
  "  post stage ID STAGE [--comment TEXT] [--as NAME]\n"
  "  post delete ID\n"
  "  post show ID [--json]\n"
  "  pillar add NAME [--color #RRGGBB] [--target PERCENT]\n"
  "  pillar list [--json]\n"
  "  campaign add NAME --from YYYY-MM-DD --to YYYY-MM-DD [--color #RRGGBB]\n"
  "  campaign list [--json]\n"
  "  import csv FILE                       columns title, body, date, time, pillar,\n"
  "                                        type, platform, stage; all rows or none\n"
  "  demo [--month YYYY-MM]                a realistic demo month\n"
  "\n"
  "post add and post edit also take the brief: --goal, --audience, --key-message,\n"
  "--call-to-action, --hashtags, --owner, --due YYYY-MM-DD, and --campaign NAME.\n"
  "ID is a post's id or its first characters (at least 4).\n"
  "Stages: brief, draft, in-review, approved, scheduled, published.\n";

typedef struct {
  const char *group;
  const char *verb;       /* NULL: the group is the command */
  CommandFunc func;
  const OptionSpec *options;
  guint min_positional, max_positional;
  const char *positional_names;
} Command;

static const OptionSpec list_options[] = {
  { "from", TRUE, FALSE }, { "to", TRUE, FALSE }, { "json", FALSE, FALSE }, { NULL }
};
static const OptionSpec move_options[] = { { "date", TRUE, FALSE }, { "time", TRUE, FALSE }, { NULL } };
static const OptionSpec date_options[] = { { "date", TRUE, FALSE }, { NULL } };
static const OptionSpec stage_options[] = { { "comment", TRUE, FALSE }, { "as", TRUE, FALSE }, { NULL } };
static const OptionSpec no_options[] = { { NULL } };
static const OptionSpec json_options[] = { { "json", FALSE, FALSE }, { NULL } };
static const OptionSpec pillar_options[] = { { "color", TRUE, FALSE }, { "target", TRUE, FALSE }, { NULL } };
static const OptionSpec demo_options[] = { { "month", TRUE, FALSE }, { NULL } };
static const OptionSpec campaign_options[] = {
  { "from", TRUE, FALSE }, { "to", TRUE, FALSE }, { "color", TRUE, FALSE }, { NULL }
};

static const Command commands[] = {
  { "post", "add", cmd_post_add, post_field_options, 0, 0, "" },
  { "post", "list", cmd_post_list, list_options, 0, 0, "" },
  { "post", "edit", cmd_post_edit, post_field_options, 1, 1, "ID" },
  { "post", "move", cmd_post_move, move_options, 1, 1, "ID" },
  { "post", "duplicate", cmd_post_duplicate, date_options, 1, 1, "ID" },
  { "post", "stage", cmd_post_stage, stage_options, 2, 2, "ID and STAGE" },
  { "post", "delete", cmd_post_delete, no_options, 1, 1, "ID" },
  { "post", "show", cmd_post_show, json_options, 1, 1, "ID" },
  { "pillar", "add", cmd_pillar_add, pillar_options, 1, 1, "NAME" },
  { "pillar", "list", cmd_pillar_list, json_options, 0, 0, "" },
  { "campaign", "add", cmd_campaign_add, campaign_options, 1, 1, "NAME" },
  { "campaign", "list", cmd_campaign_list, json_options, 0, 0, "" },
  { "import", "csv", cmd_import_csv, no_options, 1, 1, "FILE" },
  { "demo", NULL, cmd_demo, demo_options, 0, 0, "" },
};

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
  /* Options GApplication and GTK understand stay with the window. */
  if (g_str_equal (argv[first], "--help") || g_str_equal (argv[first], "-h") ||
      g_str_equal (argv[first], "--version"))
    return TRUE;
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

  if (first < 0)
    {
      fprintf (stderr, "lineup: %s\n", _("--database needs a file path, e.g. --database ~/plans/lineup.db"));
      return 2;
    }
  if (first >= argc || g_str_equal (argv[first], "help") ||
      g_str_equal (argv[first], "--help") || g_str_equal (argv[first], "-h"))
    {
      out ("%s", usage);
      return 0;
    }
  if (g_str_equal (argv[first], "--version"))
    {
      out ("lineup %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (database && !*database)
    {
      fprintf (stderr, "lineup: %s\n", _("--database needs a file path, e.g. --database ~/plans/lineup.db"));
      return 2;
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
      if (parse_args (name, command->options, command->min_positional, command->max_positional,
                      command->positional_names, argv + first + (command->verb ? 2 : 1), &args, &error))
        status = command->func (&args, &error);
      else
        status = 2;
      args_clear (&args);

      if (error)
        {
          fprintf (stderr, "lineup: %s\n", error->message);
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

    if (g_str_equal (group, "post") || g_str_equal (group, "pillar") || g_str_equal (group, "import") ||
        g_str_equal (group, "campaign"))
      message = v ? g_strdup_printf (_("“%s %s” is not a command; see “lineup help”"), g, v)
                  : g_strdup_printf (_("“%s” needs a subcommand; see “lineup help”"), g);
    else
      message = g_strdup_printf (_("“%s” is not a command (expected post, pillar, campaign, import, demo or help); see “lineup help”"), g);
    fprintf (stderr, "lineup: %s\n", message);
  }
  return 2;
}
