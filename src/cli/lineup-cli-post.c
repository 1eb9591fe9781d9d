/* lineup-cli-post.c: `lineup post add|list|edit|move|duplicate|delete|show`.
 *
 * A post's fields from the options every post command shares, checked
 * before the plan is opened. The workflow commands on a post are in
 * lineup-cli-workflow.c, publishing ones in lineup-cli-publish.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "lineup-cli-private.h"

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
      cells[0] = lineup_store_format_time (store, lineup_post_get_scheduled_at (post), "%Y-%m-%d");
      cells[1] = lineup_store_format_time (store, lineup_post_get_scheduled_at (post), "%H:%M");
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
  if (opt (args, "cw"))
    lineup_post_set_content_warning (post, opt (args, "cw"));
  return TRUE;
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
       !check_length ("--body", _("caption"), opt (args, "body"), LINEUP_BODY_MAX_CHARS, error)) ||
      (opt (args, "cw") &&
       (!check_one_line ("--cw", opt (args, "cw"), error) ||
        !check_length ("--cw", _("content warning"), opt (args, "cw"), LINEUP_TITLE_MAX_CHARS, error))))
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

int
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

  /* A new post starts as a brief, a draft or in review: the rest of the
   * way goes through the workflow (`lineup post stage`, `post approve`). */
  if (!lineup_workflow_add (store, post, LINEUP_NEW_POST_DEFAULT, error))
    return 1;
  out ("%s\n", lineup_post_get_id (post));
  return 0;
}

/* post list --scope week|month|all (the board's scopes around today) and
 * --owner NAME|me: --scope chooses days as --from/--to do, so not both. */
static gboolean
check_list_scope (Args    *args,
                  GError **error)
{
  LineupScope scope;
  g_autofree char *owner = g_strstrip (g_strdup (opt (args, "owner") ? opt (args, "owner") : "-"));

  if (opt (args, "scope") && !lineup_scope_from_string (opt (args, "scope"), &scope))
    {
      g_autofree char *shown = one_line (opt (args, "scope"));

      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("post list: --scope “%s” is not a scope; use week, month or all"), shown);
      return FALSE;
    }
  if (opt (args, "scope") && (opt (args, "from") || opt (args, "to")))
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("post list: --scope and --from/--to both choose the days; give one of them"));
      return FALSE;
    }
  if (*owner == '\0')
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("post list: --owner needs a person’s name, or “me” for yourself"));
      return FALSE;
    }
  return TRUE;
}

/* Keeps the posts of --owner (me: the plan's person, as the window's
 * "Mine") in --scope (the week or month that holds today in the plan's
 * zone, weeks starting on the locale's first day; posts with no date are in
 * every scope, as the board shows them apart). */
static void
keep_owner_and_scope (Args        *args,
                      LineupStore *store,
                      GPtrArray   *posts)
{
  LineupScope scope = LINEUP_SCOPE_ALL;
  gint64 from = G_MININT64, to = G_MAXINT64;
  const char *owner = opt (args, "owner");

  if (opt (args, "scope") && lineup_scope_from_string (opt (args, "scope"), &scope))
    {
      GDate today;

      lineup_scope_today (store, &today);
      lineup_scope_get_range (store, scope, &today, lineup_locale_week_start (), &from, &to);
    }
  for (guint i = posts->len; i > 0; i--)
    {
      LineupPost *post = posts->pdata[i - 1];

      if (!lineup_scope_contains (post, from, to) || (owner && !lineup_filter_owner_is (store, post, owner)))
        g_ptr_array_remove_index (posts, i - 1);
    }
}

int
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
  if (!check_list_scope (args, error))
    return 2;

  if (!open_for_listing (args, &store, error))
    return store == NULL && error && *error ? 1 : 0;
  roll_series (store);

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
  keep_owner_and_scope (args, store, posts);

  if (opt (args, "json"))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < posts->len; i++)
        lineup_post_to_json (builder, store, posts->pdata[i], FALSE);
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

int
cmd_post_edit (Args    *args,
               GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupPost) post = NULL;
  g_autofree char *title = NULL;
  LineupSeriesScope scope;
  int before;

  if (!check_post_fields (args, error) || !series_scope_option (args, &scope, error))
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
  if (!lineup_series_edit (store, post, scope, error))
    return 1;
  title = one_line (lineup_post_get_title (post));
  if (lineup_post_get_revision (post) == before)
    out (_("No change to “%s”\n"), title);
  else
    out (_("Updated “%s” (revision %d)\n"), title, lineup_post_get_revision (post));
  return 0;
}

int
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
  when = lineup_store_format_time (store, lineup_post_get_scheduled_at (moved), "%Y-%m-%d %H:%M");
  title = one_line (lineup_post_get_title (moved));
  out (_("Moved “%s” to %s (%s)\n"), title, when, lineup_store_get_time_zone_id (store));
  return 0;
}

int
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

int
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

int
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
      lineup_post_to_json (builder, store, post, TRUE);
      print_json (builder);
      return 0;
    }

  {
    LineupPillar *pillar = lineup_store_get_pillar (store, lineup_post_get_pillar_id (post));
    LineupContentType *type = lineup_store_get_content_type (store, lineup_post_get_type_id (post));
    LineupCampaign *campaign = lineup_store_get_campaign (store, lineup_post_get_campaign_id (post));
    g_autofree char *when = lineup_post_is_dated (post)
      ? lineup_store_format_time (store, lineup_post_get_scheduled_at (post), "%A %-d %B %Y, %H:%M")
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
    if (*lineup_post_get_content_warning (post))
      {
        g_autofree char *warning = one_line (lineup_post_get_content_warning (post));

        out ("  %-16s %s\n", _("content warning"), warning);
      }
    print_family (store, post);
    if (*lineup_post_get_body (post))
      out ("\n%s\n", lineup_post_get_body (post));
    {
      guint n;
      const LineupPlatformInfo *all = lineup_platforms_get_all (&n);

      for (guint i = 0; i < n; i++)
        {
          g_autofree char *variant = lineup_post_dup_caption_variant (post, all[i].key);

          if (variant)
            {
              g_autofree char *label = g_strdup_printf (_("%s caption"), all[i].name);

              out ("\n%s:\n%s\n", label, variant);
            }
        }
    }
    {
      g_autoptr(GPtrArray) media = lineup_store_get_post_media (store, lineup_post_get_id (post), NULL);

      if (media && media->len > 0)
        {
          out ("\n%s\n", _("Media:"));
          print_media (store, media);
        }
    }
    print_workflow (store, post);
    out ("\n%s\n", _("History:"));
    print_history (store, history);
  }
  return 0;
}
