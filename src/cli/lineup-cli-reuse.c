/* lineup-cli-reuse.c: `lineup evergreen add|list|remove|fill` and `lineup
 * post repurpose`: posts made again from other posts
 * (lineup-store-reuse.h, lineup-reuse.h), and the family `post show`
 * prints.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "lineup-cli-private.h"
#include "lineup-reuse.h"

static gboolean
parse_gap_arg (Args     *args,
               guint    *out_days,
               GError  **error)
{
  guint64 value;

  *out_days = LINEUP_EVERGREEN_DEFAULT_GAP_DAYS;
  if (opt (args, "min-gap-days") == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (opt (args, "min-gap-days"), 10, 0, LINEUP_EVERGREEN_MAX_GAP_DAYS, &value, NULL))
    {
      g_autofree char *s = one_line (opt (args, "min-gap-days"));
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("--min-gap-days “%s” is not a number of days from 0 to %d"), s, LINEUP_EVERGREEN_MAX_GAP_DAYS);
      return FALSE;
    }
  *out_days = value;
  return TRUE;
}

int
cmd_evergreen_add (Args    *args,
                   GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupPost) post = NULL;
  g_autofree char *title = NULL;
  guint gap;
  GDate until;

  if (!parse_gap_arg (args, &gap, error) ||
      (opt (args, "until") && !parse_date_arg ("--until", opt (args, "until"), &until, error)))
    return 2;
  if ((store = open_store (args, error)) == NULL)
    return 1;
  if ((post = lineup_store_get_post (store, positional (args, 0), error)) == NULL ||
      !lineup_store_set_evergreen (store, lineup_post_get_id (post), TRUE, gap, opt (args, "until"), error))
    return 1;
  title = one_line (lineup_post_get_title (post));
  if (opt (args, "until"))
    out (_("“%s” is evergreen: it may come back every %u days or more, until %s\n"), title, gap, opt (args, "until"));
  else
    out (_("“%s” is evergreen: it may come back every %u days or more\n"), title, gap);
  return 0;
}

int
cmd_evergreen_remove (Args    *args,
                      GError **error)
{
  g_autoptr(LineupStore) store = open_store (args, error);
  g_autoptr(LineupPost) post = NULL;
  g_autofree char *title = NULL;

  if (store == NULL)
    return 1;
  if ((post = lineup_store_get_post (store, positional (args, 0), error)) == NULL ||
      !lineup_store_set_evergreen (store, lineup_post_get_id (post), FALSE, 0, NULL, error))
    return 1;
  title = one_line (lineup_post_get_title (post));
  out (_("“%s” is no longer evergreen (its copies stay)\n"), title);
  return 0;
}

/* The latest time the post or a copy of it is planned, or undated. */
static gint64
last_use (LineupPost *post,
          GPtrArray  *children)
{
  gint64 last = lineup_post_is_dated (post) ? lineup_post_get_scheduled_at (post) : LINEUP_POST_UNDATED;

  for (guint i = 0; i < children->len; i++)
    if (lineup_post_is_dated (children->pdata[i]))
      last = MAX (last, lineup_post_get_scheduled_at (children->pdata[i]));
  return last;
}

int
cmd_evergreen_list (Args    *args,
                    GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (!open_for_listing (args, &store, error))
    return store == NULL && error && *error ? 1 : 0;
  if ((posts = lineup_store_list_evergreen (store, error)) == NULL)
    return 1;

  json_builder_begin_array (builder);
  for (guint i = 0; i < posts->len; i++)
    {
      LineupPost *post = posts->pdata[i];
      g_autoptr(GPtrArray) children = NULL;
      g_autofree char *until = NULL;
      g_autofree char *last = NULL;
      guint gap = 0;
      gint64 at;
      char **cells = g_new0 (char *, 6);

      lineup_evergreen_parse (lineup_post_get_evergreen (post), &gap, &until);
      if (!lineup_store_get_family (store, post, NULL, &children, error))
        {
          g_strfreev (cells);
          return 1;
        }
      at = last_use (post, children);
      last = at != LINEUP_POST_UNDATED ? lineup_store_format_time (store, at, "%Y-%m-%d %H:%M") : NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, lineup_post_get_id (post));
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, lineup_post_get_title (post));
      json_builder_set_member_name (builder, "min_gap_days");
      json_builder_add_int_value (builder, gap);
      json_builder_set_member_name (builder, "until");
      json_builder_add_string_value (builder, until);
      json_builder_set_member_name (builder, "copies");
      json_builder_add_int_value (builder, children->len);
      json_builder_set_member_name (builder, "last_used");
      json_builder_add_string_value (builder, last);
      json_builder_end_object (builder);

      cells[0] = g_strndup (lineup_post_get_id (post), 8);
      cells[1] = one_line (lineup_post_get_title (post));
      cells[2] = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "every %u day+", "every %u days+", gap), gap);
      cells[3] = until ? g_strdup_printf (_("until %s"), until) : g_strdup (_("no end"));
      cells[4] = last ? g_strdup_printf (_("last %s"), last) : g_strdup (_("never used"));
      g_ptr_array_add (rows, cells);
    }
  json_builder_end_array (builder);

  if (opt (args, "json"))
    print_json (builder);
  else if (posts->len == 0)
    out ("%s\n", _("No evergreen posts yet: mark a published one with “lineup evergreen add ID”"));
  else
    print_table (rows, 5);
  return 0;
}

int
cmd_evergreen_fill (Args    *args,
                    GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GPtrArray) added = NULL;
  int year, month;
  GDate first, last;

  if (!need (args, "month", error) || !parse_month_arg (opt (args, "month"), &year, &month, error))
    return 2;
  if ((store = open_store (args, error)) == NULL)
    return 1;
  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, month, year);
  last = first;
  g_date_add_months (&last, 1);
  g_date_subtract_days (&last, 1);
  if ((copies = lineup_reuse_propose (store, &first, &last, error)) == NULL)
    return 1;
  if (copies->len == 0)
    {
      out ("%s\n", _("Nothing to fill: no evergreen post may come back in an open time of that month (see “lineup evergreen list”)"));
      return 0;
    }
  for (guint i = 0; i < copies->len; i++)
    {
      LineupReuseCopy *c = g_ptr_array_index (copies, i);
      LineupPillar *pillar = lineup_store_get_pillar (store, lineup_post_get_pillar_id (c->source));
      LineupContentType *type = lineup_store_get_content_type (store, lineup_post_get_type_id (c->source));
      g_autofree char *when = lineup_store_format_time (store, c->at, "%a %Y-%m-%d %H:%M");
      g_autofree char *title = one_line (lineup_post_get_title (c->source));

      out ("%s  %-10s %s (%s, %s)\n", when, c->platform, title,
           pillar ? lineup_pillar_get_name (pillar) : "?", type ? lineup_content_type_get_name (type) : "?");
    }
  if (!opt (args, "yes"))
    {
      out (g_dngettext (GETTEXT_PACKAGE, "%u evergreen post proposed; nothing added: run again with --yes to add it as a Draft copy\n",
                        "%u evergreen posts proposed; nothing added: run again with --yes to add them as Draft copies\n",
                        copies->len), copies->len);
      return 0;
    }
  if ((added = lineup_store_add_evergreen_copies (store, copies, error)) == NULL)
    return 1;
  out (g_dngettext (GETTEXT_PACKAGE, "Added %u Draft copy (each needs approval again)\n",
                    "Added %u Draft copies (each needs approval again)\n", added->len), added->len);
  return 0;
}

int
cmd_post_repurpose (Args    *args,
                    GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupPost) copy = NULL;
  g_auto(GStrv) keys = NULL;
  LineupContentType *type;
  GDate date;

  if (!need (args, "type", error) ||
      (opt (args, "date") && !parse_date_arg ("--date", opt (args, "date"), &date, error)) ||
      (opt_all (args, "platform") && !parse_platforms_arg (opt_all (args, "platform"), &keys, error)))
    return 2;
  if ((store = open_store (args, error)) == NULL)
    return 1;
  if ((type = find_type (store, opt (args, "type"), error)) == NULL)
    return 1;
  copy = lineup_store_repurpose_post (store, positional (args, 0), lineup_content_type_get_id (type),
                                      (const char * const *) keys, opt (args, "date") ? &date : NULL, error);
  if (copy == NULL)
    return 1;
  out ("%s\n", lineup_post_get_id (copy));
  return 0;
}

static void
print_relative (LineupStore *store,
                const char  *role,
                LineupPost  *post)
{
  LineupContentType *type = lineup_store_get_content_type (store, lineup_post_get_type_id (post));
  g_autofree char *title = one_line (lineup_post_get_title (post));
  g_autofree char *when = lineup_post_is_dated (post)
    ? lineup_store_format_time (store, lineup_post_get_scheduled_at (post), "%Y-%m-%d")
    : g_strdup (_("backlog"));

  out ("  %-16s %.8s  %s (%s, %s, %s)\n", role, lineup_post_get_id (post), title,
       type ? lineup_content_type_get_name (type) : "?",
       lineup_stage_to_label (lineup_post_get_stage (post)), when);
}

void
print_family (LineupStore *store,
              LineupPost  *post)
{
  g_autoptr(LineupPost) source = NULL;
  g_autoptr(GPtrArray) children = NULL;
  g_autofree char *until = NULL;
  guint gap;

  if (lineup_post_get_evergreen (post) && lineup_evergreen_parse (lineup_post_get_evergreen (post), &gap, &until))
    {
      g_autofree char *text = until
        ? g_strdup_printf (_("every %u days or more, until %s"), gap, until)
        : g_strdup_printf (_("every %u days or more"), gap);
      out ("  %-16s %s\n", _("evergreen"), text);
    }
  if (!lineup_store_get_family (store, post, &source, &children, NULL))
    return;
  if (source)
    print_relative (store, _("made from"), source);
  else if (lineup_post_get_source_id (post))
    out ("  %-16s %s (%s)\n", _("made from"), lineup_post_get_source_id (post), _("no longer in the plan"));
  for (guint i = 0; i < children->len; i++)
    print_relative (store, _("copy"), children->pdata[i]);
}
