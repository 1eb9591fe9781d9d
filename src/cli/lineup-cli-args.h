/* lineup-cli-args.h: the argument parser every command shares, the checks of
 * single option values, and opening the plan --database names.
 *
 * What a command is (its options, positional names, usage) is described
 * here; the table of commands is in lineup-cli.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "lineup-core.h"

G_BEGIN_DECLS

#define CLI_ERROR (cli_error_quark ())
GQuark cli_error_quark (void);

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

/* The parser: fills @args from @argv after the command's name. */
void args_clear (Args *args);

char *shown (const char *text);
gboolean check_utf8 (const char  *what,
                     const char  *text,
                     GError     **error);
gboolean check_one_line (const char  *what,
                         const char  *text,
                         GError     **error);
gboolean is_help (const char *arg);
gboolean parse_args (const char     *command,
                     const Command  *spec,
                     char          **argv,
                     Args           *args,
                     GError        **error);
/* The values parsed: the first of an option, all of them, a positional. */
const char *opt (Args       *args,
                 const char *name);
GPtrArray *opt_all (Args       *args,
                    const char *name);
const char *positional (Args  *args,
                        guint  index);
/* FALSE with a usage error when --@name is not given. */
gboolean need (Args        *args,
               const char  *name,
               GError     **error);
/* One value, checked before the plan is opened: a usage error names the
 * option and says what was expected. */
gboolean parse_date_arg (const char  *what,
                         const char  *text,
                         GDate       *date,
                         GError     **error);
gboolean parse_time_arg (const char  *text,
                         int         *minutes,
                         GError     **error);
gboolean parse_stage_arg (const char   *what,
                          const char   *text,
                          LineupStage  *stage,
                          GError      **error);
gboolean parse_platforms_arg (GPtrArray  *values,
                              GStrv      *out_keys,
                              GError    **error);
gboolean parse_month_arg (const char  *text,
                          int         *out_year,
                          int         *out_month,
                          GError     **error);
gboolean parse_count_arg (Args        *args,
                          const char  *option,
                          int          fallback,
                          int          minimum,
                          int         *out,
                          GError     **error);
gboolean check_color_arg (const char  *color,
                          const char  *example,
                          GError     **error);
gboolean check_length (const char  *option,
                       const char  *what,
                       const char  *text,
                       glong        max_chars,
                       GError     **error);
/* A secret from standard input: the whole of it, without the line end, so
 * it never shows in the process list or the shell's history. */
char *read_secret_stdin (const char  *what,
                         GError     **error);
/* A password from standard input: one line, kept as typed but for its line
 * end. @command and "@example @name" name the command in the error. */
char *read_password_stdin (const char  *command,
                           const char  *example,
                           const char  *name,
                           GError     **error);
/* The plan --database, LINEUP_DATABASE or the default names. */
gboolean plan_exists (Args *args);
LineupStore *open_store_full (Args      *args,
                              gboolean   create,
                              GError   **error);
LineupStore *open_store (Args    *args,
                         GError **error);
gboolean open_for_listing (Args         *args,
                           LineupStore **out_store,
                           GError      **error);
/* A pillar or a type by the name given, or an error listing the known ones. */
LineupPillar *find_pillar (LineupStore  *store,
                           const char   *name,
                           GError      **error);
LineupContentType *find_type (LineupStore  *store,
                              const char   *name,
                              GError      **error);

G_END_DECLS
