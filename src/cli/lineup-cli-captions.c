/* lineup-cli-captions.c: `lineup post caption ID --platform NAME TEXT` (a
 * network's own caption variant), `lineup post preview ID --platform
 * NAME` (the post as that network will show it; lineup-preview.h) and
 * `lineup post problems ID` (each network's caption and media problems;
 * lineup-post-check.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-cli-private.h"
#include <json-glib/json-glib.h>

#include "lineup-caption-limits.h"
#include "lineup-post-check.h"
#include "lineup-preview.h"
#include "lineup-text.h"

int
cmd_post_caption (Args    *args,
                  GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupPost) post = NULL;
  g_autofree char *had = NULL;
  g_autofree char *title = NULL;
  const LineupPlatformInfo *info;
  const char *text = positional (args, 1);
  LineupStage stage_before;

  if (!need (args, "platform", error) ||
      !check_length ("TEXT", _("caption"), text, LINEUP_BODY_MAX_CHARS, error))
    return 2;
  if ((info = lineup_platform_find (opt (args, "platform"), error)) == NULL)
    return 2;

  store = open_store (args, error);
  if (store == NULL)
    return 1;
  post = lineup_store_get_post (store, positional (args, 0), error);
  if (post == NULL)
    return 1;
  title = one_line (lineup_post_get_title (post));
  had = lineup_post_dup_caption_variant (post, info->key);
  if (*text == '\0' && had == NULL)
    {
      out (_("“%s” has no %s variant: its main caption goes out there\n"), title, info->name);
      return 0;
    }
  stage_before = lineup_post_get_stage (post);
  lineup_post_set_caption_variant (post, info->key, text);
  if (!lineup_workflow_edit (store, post, error))
    return 1;

  if (*text == '\0')
    out (_("Removed the %s variant of “%s”: its main caption goes out there\n"), info->name, title);
  else
    {
      g_autofree char *caption = lineup_store_outgoing_caption (store, post, info->key);
      guint count = lineup_text_count_for_network (caption, info->key);
      guint limit = lineup_caption_limit (store, info->key);

      if (limit > 0)
        out (_("The %s caption of “%s” is set (%u of %u characters)\n"), info->name, title, count, limit);
      else
        out (_("The %s caption of “%s” is set (%u characters)\n"), info->name, title, count);
      if (limit > 0 && count > limit)
        out (_("It is %u over: shorten it before the post is approved\n"), count - limit);
    }
  if (!lineup_post_has_platform (post, info->key))
    out (_("%s is not one of the post’s platforms: the variant is used once it is (lineup post edit %.8s --platform …)\n"),
         info->name, lineup_post_get_id (post));
  if (lineup_post_get_stage (post) != stage_before)
    out (_("“%s” is back in review: its approvers approve the new wording\n"), title);
  return 0;
}

int
cmd_post_cw (Args    *args,
             GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupPost) post = NULL;
  g_autofree char *title = NULL;
  const char *text = positional (args, 1);
  LineupStage stage_before;

  if (!check_one_line ("TEXT", text, error) ||
      !check_length ("TEXT", _("content warning"), text, LINEUP_TITLE_MAX_CHARS, error))
    return 2;

  store = open_store (args, error);
  if (store == NULL)
    return 1;
  post = lineup_store_get_post (store, positional (args, 0), error);
  if (post == NULL)
    return 1;
  title = one_line (lineup_post_get_title (post));
  if (g_strcmp0 (text, lineup_post_get_content_warning (post)) == 0)
    {
      if (*text == '\0')
        out (_("“%s” has no content warning\n"), title);
      else
        out (_("“%s” already has that content warning\n"), title);
      return 0;
    }
  stage_before = lineup_post_get_stage (post);
  lineup_post_set_content_warning (post, text);
  if (!lineup_workflow_edit (store, post, error))
    return 1;

  if (*text == '\0')
    out (_("Removed the content warning of “%s”\n"), title);
  else
    {
      guint count, limit;

      out (_("“%s” has the content warning “%s”: Mastodon shows it first and hides the caption and media until the reader asks\n"),
           title, text);
      count = lineup_store_count_outgoing (store, post, "mastodon");
      limit = lineup_caption_limit (store, "mastodon");
      if (lineup_post_has_platform (post, "mastodon") && limit > 0 && count > limit)
        out (_("With it the Mastodon post is %u over its %u characters: shorten the caption or the warning before the post is approved\n"),
             count - limit, limit);
      if (lineup_post_has_platform (post, "bluesky"))
        out (_("Bluesky has no content warnings: the post goes out there without it\n"));
    }
  if (lineup_post_get_stage (post) != stage_before)
    out (_("“%s” is back in review: its approvers approve the new wording\n"), title);
  return 0;
}

int
cmd_post_preview (Args    *args,
                  GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupPost) post = NULL;
  g_autofree char *preview = NULL;

  if (!need (args, "platform", error))
    return 2;
  if (lineup_platform_find (opt (args, "platform"), error) == NULL)
    return 2;

  store = open_store (args, error);
  if (store == NULL)
    return 1;
  post = lineup_store_get_post (store, positional (args, 0), error);
  if (post == NULL)
    return 1;
  preview = lineup_preview_post (store, post, opt (args, "platform"), error);
  if (preview == NULL)
    return 1;
  out ("%s", preview);
  return 0;
}

/* `lineup post problems ID [--platform NAME] [--json]`: every network's
 * caption and media problems (lineup-post-check.h); errors block approving
 * and scheduling, warnings do not. Exit status 0 either way: it reports. */
int
cmd_post_problems (Args    *args,
                   GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupPost) post = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *title = NULL;
  const LineupPlatformInfo *only = NULL;
  guint errors = 0;

  if (opt (args, "platform") && (only = lineup_platform_find (opt (args, "platform"), error)) == NULL)
    return 2;
  store = open_store (args, error);
  if (store == NULL)
    return 1;
  post = lineup_store_get_post (store, positional (args, 0), error);
  if (post == NULL)
    return 1;
  problems = lineup_post_check (store, post, only ? only->key : NULL);

  if (opt (args, "json"))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < problems->len; i++)
        {
          LineupCheckProblem *problem = g_ptr_array_index (problems, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "platform");
          json_builder_add_string_value (builder, problem->platform);
          json_builder_set_member_name (builder, "level");
          json_builder_add_string_value (builder, problem->is_error ? "error" : "warning");
          json_builder_set_member_name (builder, "topic");
          json_builder_add_string_value (builder, problem->topic == LINEUP_CHECK_MEDIA ? "media" : "caption");
          json_builder_set_member_name (builder, "medium");
          if (problem->index >= 0)
            json_builder_add_int_value (builder, problem->index + 1);
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "message");
          json_builder_add_string_value (builder, problem->message);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      print_json (builder);
      return 0;
    }

  title = one_line (lineup_post_get_title (post));
  if (problems->len == 0)
    {
      out (_("“%s” fits every network it goes to\n"), title);
      return 0;
    }
  for (guint i = 0; i < problems->len; i++)
    {
      LineupCheckProblem *problem = g_ptr_array_index (problems, i);
      const LineupPlatformInfo *info = lineup_platform_lookup (problem->platform);

      if (problem->is_error)
        errors++;
      /* TRANSLATORS: "error: Bluesky: The post has 5 images; …" */
      out (_("%s: %s: %s\n"), problem->is_error ? _("error") : _("warning"),
           info ? info->name : problem->platform, problem->message);
    }
  if (errors > 0)
    out (g_dngettext (GETTEXT_PACKAGE, "“%s” cannot be approved or scheduled until the error is fixed\n",
                      "“%s” cannot be approved or scheduled until the errors are fixed\n", errors), title);
  else
    out (_("Warnings only: “%s” can be approved (the networks with warnings are posted by hand or by a webhook)\n"), title);
  return 0;
}
