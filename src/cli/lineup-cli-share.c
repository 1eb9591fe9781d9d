/* lineup-cli-share.c: `lineup share …`: a plan shared through a CalDAV server.
 *
 * create, join, sync, status, resolve and leave, each one call of
 * src/core/share/lineup-share.h. The password comes on standard input only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-cli-private.h"
#include "lineup-share.h"

static int
share_with (Args     *args,
            gboolean  create,
            GError  **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autofree char *password = NULL;
  LineupShareTarget target = { positional (args, 0), opt (args, "user"), NULL, opt (args, "approvals-url") };

  if (!need (args, "user", error))
    return 2;
  if (!opt (args, "password-stdin"))
    {
      g_set_error_literal (error, CLI_ERROR, CLI_ERROR_USAGE,
                           _("Give your password on the server on standard input with --password-stdin"));
      return 2;
    }
  if ((password = read_password_stdin (args->command, create ? "lineup share create" : "lineup share join",
                                       positional (args, 0), error)) == NULL)
    return 2;
  target.password = password;
  if ((store = open_store_full (args, TRUE, error)) == NULL)
    return 1;
  if (create ? !lineup_share_create (store, &target, NULL, error)
             : !lineup_share_join (store, &target, NULL, error))
    {
      /* Shared, but the first pass did not finish: say so, it resumes. */
      if (lineup_share_is_shared (store))
        g_prefix_error (error, create ? _("The plan is shared, but not all of it went out yet (run “lineup share sync” again): ")
                                      : _("The plan is joined, but not all of it came in yet (run “lineup share sync” again): "));
      return 1;
    }
  out (create ? _("Shared this plan at %s as %s (%u posts)\n") : _("Joined the plan at %s as %s (%u posts)\n"),
       target.url, target.login, lineup_store_count_posts (store));
  return 0;
}

int
cmd_share_create (Args    *args,
                  GError **error)
{
  return share_with (args, TRUE, error);
}

int
cmd_share_join (Args    *args,
                GError **error)
{
  return share_with (args, FALSE, error);
}

int
cmd_share_sync (Args    *args,
                GError **error)
{
  g_autoptr(LineupStore) store = open_store (args, error);
  LineupSharePass pass = { 0, };
  gboolean ok;

  if (store == NULL)
    return 1;
  ok = lineup_share_sync (store, &pass, NULL, error);
  /* The series' next posts, from the rules just received, go out now. */
  if (ok)
    {
      guint made = 0;
      LineupSharePass again = { 0, };

      if (lineup_store_roll_series (store, LINEUP_SERIES_HORIZON_DAYS, &made, NULL) && made > 0)
        {
          ok = lineup_share_sync (store, &again, NULL, error);
          pass.sent += again.sent;
          pass.received += again.received;
          pass.conflicts += again.conflicts;
        }
    }
  out (_("Sent %u, received %u, new conflicts %u\n"), pass.sent, pass.received, pass.conflicts);
  /* What the window tells with a notification, told here once too. */
  {
    g_autoptr(GPtrArray) notices = lineup_share_take_notices (store, NULL);

    for (guint i = 0; notices && i < notices->len; i++)
      {
        LineupShareNotice *notice = g_ptr_array_index (notices, i);
        g_autofree char *body = one_line (notice->body);

        out ("%s: %s (%.8s)\n", notice->title, body, notice->post_id);
      }
  }
  return ok ? 0 : 1;
}

static const char *
state_key (LineupShareState state)
{
  static const char * const keys[] = { "in-step", "waiting", "offline", "conflict", "failing" };

  return keys[state];
}

static void
json_member_string (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

int
cmd_share_status (Args    *args,
                  GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupShareStatus) status = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autofree char *last = NULL;

  if ((store = open_store (args, error)) == NULL)
    return 1;
  status = lineup_share_get_status (store);
  if (status == NULL)
    {
      if (opt (args, "json"))
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "shared");
          json_builder_add_boolean_value (builder, FALSE);
          json_builder_end_object (builder);
          print_json (builder);
        }
      else
        out (_("This plan is not shared. Share it with “lineup share create URL --user LOGIN --password-stdin”.\n"));
      return 0;
    }
  if ((conflicts = lineup_share_list_conflicts (store, NULL, error)) == NULL)
    return 1;
  if (status->last_pass_at)
    last = lineup_store_format_time (store, status->last_pass_at, LINEUP_TIME_FORMAT);

  if (opt (args, "json"))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "shared");
      json_builder_add_boolean_value (builder, TRUE);
      json_member_string (builder, "url", status->url);
      json_member_string (builder, "login", status->login);
      json_member_string (builder, "approvals_url", status->approvals_url);
      json_member_string (builder, "state", state_key (status->state));
      json_builder_set_member_name (builder, "last_pass_at");
      if (status->last_pass_at)
        json_builder_add_int_value (builder, status->last_pass_at);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "waiting");
      json_builder_add_int_value (builder, status->n_waiting);
      json_builder_set_member_name (builder, "media_to_upload");
      json_builder_add_int_value (builder, status->n_media_up);
      json_builder_set_member_name (builder, "media_to_download");
      json_builder_add_int_value (builder, status->n_media_down);
      json_member_string (builder, "last_error", status->last_error);
      json_builder_set_member_name (builder, "conflicts");
      json_builder_begin_array (builder);
      for (guint i = 0; i < conflicts->len; i++)
        {
          LineupShareConflict *c = g_ptr_array_index (conflicts, i);

          json_builder_begin_object (builder);
          json_member_string (builder, "post", c->post_id);
          json_member_string (builder, "title", c->post_title);
          json_member_string (builder, "field", c->field);
          json_member_string (builder, "mine", c->mine);
          json_member_string (builder, "theirs", c->theirs);
          json_member_string (builder, "theirs_by", c->theirs_by);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      print_json (builder);
      return 0;
    }

  {
    g_autofree char *state = lineup_share_state_label (status);

    out (_("Shared at %s as %s: %s\n"), status->url, status->login, state);
  }
  if (status->approvals_url)
    out (_("Approvals: %s (only approvers may write it)\n"), status->approvals_url);
  else
    out (_("Approvals: in the plan’s own collection — the server does not protect them\n"));
  out (_("Last pass in step: %s\n"), last ? last : _("never"));
  out (_("Changes waiting to go out: %u\n"), status->n_waiting);
  if (status->n_media_up || status->n_media_down)
    out (_("Media files waiting: %u to upload, %u to download\n"), status->n_media_up, status->n_media_down);
  if (status->last_error)
    {
      g_autofree char *line = one_line (status->last_error);

      out (_("Last error: %s\n"), line);
    }
  for (guint i = 0; i < conflicts->len; i++)
    {
      LineupShareConflict *c = g_ptr_array_index (conflicts, i);
      g_autofree char *mine = one_line (c->mine);
      g_autofree char *theirs = one_line (c->theirs);
      g_autofree char *title = one_line (c->post_title);

      out (_("Conflict: %.8s “%s”, %s: yours “%s”, %s’s “%s” (lineup share resolve %.8s %s --keep mine|theirs)\n"),
           c->post_id, title, c->field_label, mine, c->theirs_by, theirs, c->post_id, c->field);
    }
  return 0;
}

int
cmd_share_resolve (Args    *args,
                   GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  const char *keep = opt (args, "keep");

  if (!need (args, "keep", error))
    return 2;
  if (!g_str_equal (keep, "mine") && !g_str_equal (keep, "theirs"))
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE, _("--keep takes mine or theirs, not “%s”"), keep);
      return 2;
    }
  if ((store = open_store (args, error)) == NULL ||
      !lineup_share_resolve (store, positional (args, 0), positional (args, 1), g_str_equal (keep, "mine"), error))
    return 1;
  out (_("Kept %s; the next pass sends it\n"), g_str_equal (keep, "mine") ? _("yours") : _("theirs"));
  return 0;
}

int
cmd_share_leave (Args    *args,
                 GError **error)
{
  g_autoptr(LineupStore) store = open_store (args, error);

  if (store == NULL || !lineup_share_leave (store, error))
    return 1;
  out (_("Left the shared plan; this copy stays as it is\n"));
  return 0;
}
