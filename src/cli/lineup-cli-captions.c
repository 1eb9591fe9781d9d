/* lineup-cli-captions.c: `lineup post caption ID --platform NAME TEXT` (a
 * network's own caption variant) and `lineup post preview ID --platform
 * NAME` (the post as that network will show it; lineup-preview.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-cli-private.h"
#include "lineup-caption-limits.h"
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
