/* lineup-cli-workflow.c: `lineup post stage|approve|request-changes|check|
 * comment|history`, `lineup team …`, `lineup approval-chain …` and
 * `lineup checklist …`, with the printing of a post's history and approvals.
 *
 * The rules (who may approve, what a stage change needs) are in
 * lineup-workflow.c; this file only turns arguments into calls and prints.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "lineup-cli-private.h"
#include "lineup-share.h"

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

void
print_history (LineupStore *store,
               GPtrArray   *history)
{
  for (guint i = 0; history && i < history->len; i++)
    {
      LineupStageChange *change = g_ptr_array_index (history, i);
      g_autofree char *at = lineup_store_format_time (store, change->at, "%Y-%m-%d %H:%M");
      g_autofree char *what = describe_history_line (change);
      g_autofree char *actor = one_line (change->actor);
      g_autofree char *comment = change->comment ? one_line (change->comment) : NULL;

      out ("  %s  %s  %s%s%s\n", at, what, actor, comment ? ": " : "", comment ? comment : "");
    }
}

void
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

      out ("  %u. [%s] %s%s\n", i + 1, item->checked ? "x" : " ", text,
           item->computed ? _(" (from the media’s alt text and subtitles)") : "");
    }
}

/* ---- commands ---- */

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

/* Who the command acts as: --as, or the plan's person (the store's actor).
 * In a shared plan a person is their server login: --as may only name
 * yourself, and is not needed. Returns 0, or the exit status. */
static int
acting_as (LineupStore  *store,
           Args         *args,
           gboolean      required,
           const char  **out_actor,
           GError      **error)
{
  g_autofree char *login = lineup_share_get_login (store);
  const char *as = opt (args, "as");

  *out_actor = NULL;
  if (login)
    {
      if (as && g_ascii_strcasecmp (as, login) != 0)
        {
          g_autofree char *shown_as = one_line (as);

          g_set_error (error, CLI_ERROR, CLI_ERROR_FAILED,
                       _("In a shared plan you act as your login “%s”: --as may only name yourself, not “%s”"),
                       login, shown_as);
          return 1;
        }
      return 0;
    }
  if (as == NULL && required)
    return need (args, "as", error) ? 0 : 2;
  *out_actor = as;
  return 0;
}

int
cmd_post_stage (Args    *args,
                GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupPost) post = NULL;
  g_autofree char *title = NULL;
  g_autofree char *note = NULL;
  LineupStage stage;
  const char *actor;
  int rc;

  if (!parse_stage_arg ("STAGE", positional (args, 1), &stage, error))
    return 2;
  if (opt (args, "as") && !check_one_line ("--as", opt (args, "as"), error))
    return 2;

  store = open_store (args, error);
  if (store == NULL)
    return 1;
  if ((rc = acting_as (store, args, FALSE, &actor, error)) != 0)
    return rc;
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
                             actor, opt (args, "comment"), &note, error))
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

int
cmd_post_approve (Args    *args,
                  GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autofree char *note = NULL;
  const char *actor;
  int rc;

  if (!check_actor (args, FALSE, error))
    return 2;
  store = open_store (args, error);
  if (store == NULL)
    return 1;
  if ((rc = acting_as (store, args, TRUE, &actor, error)) != 0)
    return rc;
  if (!lineup_workflow_approve (store, positional (args, 0), actor, opt (args, "comment"), &note, error))
    return 1;
  {
    g_autofree char *line = one_line (note);
    out ("%s\n", line);
  }
  return 0;
}

int
cmd_post_request_changes (Args    *args,
                          GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupPost) post = NULL;
  g_autofree char *title = NULL;
  const char *actor;
  int rc;

  if (!check_actor (args, FALSE, error) || !need (args, "comment", error))
    return 2;
  store = open_store (args, error);
  if (store == NULL)
    return 1;
  if ((rc = acting_as (store, args, TRUE, &actor, error)) != 0)
    return rc;
  post = lineup_store_get_post (store, positional (args, 0), error);
  if (post == NULL ||
      !lineup_workflow_request_changes (store, lineup_post_get_id (post), actor, opt (args, "comment"), error))
    return 1;
  title = one_line (lineup_post_get_title (post));
  out (_("“%s”: %s → draft, changes requested\n"), title, lineup_stage_to_key (lineup_post_get_stage (post)));
  return 0;
}

int
cmd_post_check (Args    *args,
                GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupPost) post = NULL;
  g_autoptr(GPtrArray) checklist = NULL;
  g_autofree char *title = NULL;
  gboolean checked = opt (args, "uncheck") == NULL;
  gint64 item_id;
  const char *actor;
  int rc;

  if (!check_actor (args, FALSE, error))
    return 2;
  store = open_store (args, error);
  if (store == NULL)
    return 1;
  if ((rc = acting_as (store, args, FALSE, &actor, error)) != 0)
    return rc;
  post = lineup_store_get_post (store, positional (args, 0), error);
  if (post == NULL)
    return 1;
  checklist = lineup_store_get_checklist (store);
  if (!lineup_workflow_find_checklist_item (checklist, positional (args, 1), &item_id, error) ||
      !lineup_workflow_set_checked (store, lineup_post_get_id (post), item_id, checked, actor, error))
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

int
cmd_post_comment (Args    *args,
                  GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupPost) post = NULL;
  g_autofree char *title = NULL;
  const char *actor;
  int rc;

  if (!check_actor (args, FALSE, error))
    return 2;
  store = open_store (args, error);
  if (store == NULL)
    return 1;
  if ((rc = acting_as (store, args, FALSE, &actor, error)) != 0)
    return rc;
  post = lineup_store_get_post (store, positional (args, 0), error);
  if (post == NULL ||
      !lineup_workflow_comment (store, lineup_post_get_id (post), actor, positional (args, 1), error))
    return 1;
  title = one_line (lineup_post_get_title (post));
  out (_("Commented on “%s”\n"), title);
  return 0;
}

int
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

      lineup_history_to_json (builder, history);
      print_json (builder);
    }
  else
    print_history (store, history);
  return 0;
}

int
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

int
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
        lineup_member_to_json (builder, g_ptr_array_index (team, i));
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

int
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

int
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

int
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

int
cmd_checklist_add (Args    *args,
                   GError **error)
{
  g_autoptr(LineupStore) store = NULL;

  store = open_store (args, error);
  if (store == NULL || !lineup_store_add_checklist_item (store, positional (args, 0), error))
    return 1;
  return cmd_checklist_list (args, error);
}

int
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
