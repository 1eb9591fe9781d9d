/* lineup-cli-calendar.c: `lineup export ics`, `lineup feed …` and
 * `lineup overlay …`: the plan as iCalendar, and other calendars beside it.
 *
 * Writing iCalendar, publishing feeds and reading overlays are in
 * src/core/calendar; this file checks the arguments and prints.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "lineup-cli-private.h"

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

int
cmd_export_ics (Args    *args,
                GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupFilter) filter = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  LineupIcsOptions options = { 0 };
  const char *output = opt (args, "output");
  GDate from, to;

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

  if (output == NULL || g_str_equal (output, "-"))
    {
      gsize length;
      g_autofree char *text = lineup_ics_export (store, chosen, &options, &length);

      fwrite (text, 1, length, stdout);
      return 0;
    }
  /* Written as it is made into a temporary file, renamed over the old one
   * at the close: a reader never sees half, and a failed write leaves the
   * old file (a cancelled close does not rename). */
  {
    g_autoptr(GFile) file = g_file_new_for_path (output);
    g_autoptr(GFileOutputStream) stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                                          NULL, error);
    g_autoptr(GCancellable) abandon = g_cancellable_new ();

    if (stream == NULL)
      return 1;
    if (!lineup_ics_write (store, chosen, &options, G_OUTPUT_STREAM (stream), NULL, error))
      {
        g_cancellable_cancel (abandon);
        g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);
        return 1;
      }
    if (!g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error))
      return 1;
  }
  fprintf (stderr, "%s\n", _("Exported"));
  return 0;
}

/* ---- feeds ---- */

static void
forget_text (char *text)
{
  if (text)
    {
      memset (text, 0, strlen (text));
      g_free (text);
    }
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (char, forget_text)

int
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
  g_autoptr(char) password = NULL;

  if (destinations != 1)
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("feed add: give one destination: --file PATH, --webdav URL or --caldav URL"));
      return 2;
    }
  if (opt (args, "password-stdin") && (opt (args, "user") == NULL || opt (args, "file")))
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("feed add: --password-stdin goes with --user NAME and a --webdav or --caldav address"));
      return 2;
    }
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
  /* Read before anything is saved: no input, no feed. */
  if (opt (args, "password-stdin") && (password = read_password_stdin ("feed add", "lineup feed password", feed.name, error)) == NULL)
    return 2;
  if (!lineup_store_save_feed (store, &feed, TRUE, error))
    return 1;
  if (password && !lineup_feed_store_password (feed.name, password, error))
    {
      /* Nothing half-added: a feed without its password would only fail. */
      lineup_store_remove_feed (store, feed.name, NULL);
      g_prefix_error (error, _("Nothing was added: "));
      return 1;
    }
  {
    g_autofree char *name = one_line (feed.name);
    out (_("Added the feed “%s” (%s): publish it with “lineup feed publish %s”\n"), name,
         lineup_feed_kind_to_key (feed.kind), name);
    if (feed.username && password == NULL)
      out (_("Store its password with “lineup feed password %s” (it reads it from standard input)\n"), name);
  }
  return 0;
}

int
cmd_feed_password (Args    *args,
                   GError **error)
{
  g_autoptr(LineupStore) store = open_store (args, error);
  g_autoptr(LineupFeed) feed = NULL;
  g_autoptr(char) password = NULL;
  g_autofree char *name = NULL;

  if (store == NULL)
    return 1;
  feed = lineup_store_find_feed (store, positional (args, 0));
  name = one_line (positional (args, 0));
  if (feed == NULL)
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_FAILED, _("No feed is called “%s”: see “lineup feed list”"), name);
      return 1;
    }
  if (feed->kind == LINEUP_FEED_FILE || feed->username == NULL)
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_FAILED,
                   _("The feed “%s” does not sign in (it has no user name): it needs no password"), name);
      return 1;
    }
  if ((password = read_password_stdin ("feed password", "lineup feed password", feed->name, error)) == NULL)
    return 2;
  if (!lineup_feed_store_password (feed->name, password, error))
    return 1;
  out (_("The password of the feed “%s” is stored: “lineup feed publish %s” uses it\n"), name, name);
  return 0;
}

int
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
        lineup_feed_to_json (builder, g_ptr_array_index (feeds, i));
      json_builder_end_array (builder);
      print_json (builder);
      return 0;
    }
  for (guint i = 0; i < feeds->len; i++)
    {
      LineupFeed *feed = g_ptr_array_index (feeds, i);
      g_autofree char *name = one_line (feed->name);
      g_autofree char *target = one_line (feed->target);
      g_autofree char *when = feed->last_at ? lineup_store_format_time (store, feed->last_at, "%Y-%m-%d %H:%M") : NULL;
      g_autofree char *problem = feed->last_error ? one_line (feed->last_error) : NULL;

      out ("%s  %s  %s\n", name, lineup_feed_kind_to_key (feed->kind), target);
      if (when && problem)
        out (_("  last publish %s failed: %s\n"), when, problem);
      else if (when)
        out (_("  last published %s: %d posts\n"), when, feed->last_items);
      else
        out ("%s\n", _("  never published"));
      if (!when && problem)
        out ("  %s\n", problem);
    }
  return 0;
}

int
cmd_feed_publish (Args    *args,
                  GError **error)
{
  g_autoptr(LineupStore) store = open_store (args, error);
  g_autoptr(GPtrArray) feeds = NULL;
  /* Set, it wins (scripts); unset, each feed's stored password. */
  const char *password = lineup_feed_password_from_env ();
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

int
cmd_feed_remove (Args    *args,
                 GError **error)
{
  g_autoptr(LineupStore) store = open_store (args, error);
  g_autoptr(LineupFeed) feed = NULL;
  g_autoptr(GError) local = NULL;

  if (store == NULL)
    return 1;
  /* As the plan spells it: the password is kept under that name. */
  feed = lineup_store_find_feed (store, positional (args, 0));
  if (!lineup_store_remove_feed (store, positional (args, 0), error))
    return 1;
  /* Its password goes with it; a feed that never signed in has none. */
  if (feed && feed->kind != LINEUP_FEED_FILE && feed->username &&
      !lineup_feed_forget_password (feed->name, &local))
    {
      g_autofree char *name = one_line (feed->name);
      g_set_error (error, CLI_ERROR, CLI_ERROR_FAILED,
                   _("The feed “%s” is removed, but its password could not be forgotten: %s"), name,
                   local->message);
      return 1;
    }
  return 0;
}

/* ---- overlay calendars ---- */

int
cmd_overlay_add (Args    *args,
                 GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autofree char *name = NULL;
  int n;

  if (!check_color_arg (opt (args, "color"), "#e01b24", error))
    return 2;
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

int
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

int
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
        lineup_overlay_to_json (builder, overlay);
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

int
cmd_overlay_remove (Args    *args,
                    GError **error)
{
  g_autoptr(LineupStore) store = open_store (args, error);

  if (store == NULL || !lineup_store_remove_overlay (store, positional (args, 0), error))
    return 1;
  return 0;
}
