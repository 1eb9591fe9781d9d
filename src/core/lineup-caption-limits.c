/* lineup-caption-limits.c: a post's captions against its networks' limits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "lineup-caption-limits.h"
#include "lineup-account.h"
#include "lineup-bluesky.h"
#include "lineup-publish-store.h"
#include "lineup-store-utm.h"

guint
lineup_caption_limit (LineupStore *store,
                      const char  *platform)
{
  const LineupPlatformInfo *info = platform ? lineup_platform_lookup (platform) : NULL;
  guint limit;

  if (info == NULL)
    return 0;
  limit = info->text_limit;
  if (g_str_equal (info->key, "mastodon"))
    {
      /* The instance says what it takes (GET /api/v2/instance, kept on the
       * account when it was connected); the smallest one binds. */
      g_autoptr(GPtrArray) accounts = lineup_store_get_accounts (store, NULL);
      guint smallest = 0;

      for (guint i = 0; accounts && i < accounts->len; i++)
        {
          LineupAccount *account = g_ptr_array_index (accounts, i);

          if (account->kind == LINEUP_ACCOUNT_MASTODON && account->text_limit > 0 &&
              (smallest == 0 || account->text_limit < smallest))
            smallest = account->text_limit;
        }
      if (smallest > 0)
        limit = smallest;
    }
  return limit;
}

gboolean
lineup_caption_limits_find_over (LineupStore       *store,
                                 LineupPost        *post,
                                 LineupCaptionOver *out_over)
{
  const char * const *platforms;
  gboolean found = FALSE;

  g_return_val_if_fail (LINEUP_IS_STORE (store), FALSE);
  g_return_val_if_fail (LINEUP_IS_POST (post), FALSE);

  platforms = lineup_post_get_platforms (post);
  for (guint i = 0; platforms && platforms[i]; i++)
    {
      const LineupPlatformInfo *info = lineup_platform_lookup (platforms[i]);
      guint limit = lineup_caption_limit (store, platforms[i]);
      guint count;

      if (info == NULL || limit == 0)
        continue;
      count = lineup_store_count_outgoing (store, post, info->key);
      if (count > limit && (!found || limit < out_over->limit))
        {
          g_autofree char *variant = lineup_post_dup_caption_variant (post, info->key);

          found = TRUE;
          out_over->platform = info;
          out_over->count = count;
          out_over->limit = limit;
          out_over->is_variant = variant != NULL;
          out_over->in_bytes = FALSE;
          out_over->with_warning = g_str_equal (info->key, "mastodon") &&
                                   *lineup_post_get_content_warning (post);
        }
      else if (!found && g_str_equal (info->key, "bluesky"))
        {
          g_autofree char *caption = lineup_store_outgoing_caption (store, post, info->key);
          gsize bytes = caption ? strlen (caption) : 0;

          if (bytes > LINEUP_BLUESKY_MAX_BYTES)
            {
              g_autofree char *variant = lineup_post_dup_caption_variant (post, info->key);

              found = TRUE;
              out_over->platform = info;
              out_over->count = (guint) bytes;
              out_over->limit = LINEUP_BLUESKY_MAX_BYTES;
              out_over->is_variant = variant != NULL;
              out_over->in_bytes = TRUE;
              out_over->with_warning = FALSE;
            }
        }
    }
  return found;
}

gboolean
lineup_caption_limits_check (LineupStore  *store,
                             LineupPost   *post,
                             gboolean      scheduling,
                             GError      **error)
{
  LineupCaptionOver over;
  g_autofree char *short_id = NULL;
  const char *title, *name, *key;

  if (!lineup_caption_limits_find_over (store, post, &over))
    return TRUE;

  short_id = lineup_post_get_id (post) ? g_strndup (lineup_post_get_id (post), 8) : g_strdup ("ID");
  title = lineup_post_get_title (post);
  name = over.platform->name;
  key = over.platform->key;
  if (over.in_bytes)
    g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                 scheduling
                   ? _("“%s” cannot be scheduled: %s allows %u bytes of text; its caption there has %u (emoji and some scripts take several bytes each). Shorten it or write a %s variant: lineup post caption %s --platform %s TEXT")
                   : _("“%s” cannot be approved: %s allows %u bytes of text; its caption there has %u (emoji and some scripts take several bytes each). Shorten it or write a %s variant: lineup post caption %s --platform %s TEXT"),
                 title, name, over.limit, over.count, name, short_id, key);
  else if (over.with_warning)
    g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                 scheduling
                   ? _("“%s” cannot be scheduled: %s allows %u characters, counting the content warning with the caption; together they have %u. Shorten the warning (lineup post cw %s TEXT) or the caption (lineup post caption %s --platform %s TEXT)")
                   : _("“%s” cannot be approved: %s allows %u characters, counting the content warning with the caption; together they have %u. Shorten the warning (lineup post cw %s TEXT) or the caption (lineup post caption %s --platform %s TEXT)"),
                 title, name, over.limit, over.count, short_id, short_id, key);
  else if (over.is_variant)
    g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                 scheduling
                   ? _("“%s” cannot be scheduled: %s allows %u characters; its %s variant has %u. Shorten it: lineup post caption %s --platform %s TEXT")
                   : _("“%s” cannot be approved: %s allows %u characters; its %s variant has %u. Shorten it: lineup post caption %s --platform %s TEXT"),
                 title, name, over.limit, name, over.count, short_id, key);
  else
    g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                 scheduling
                   ? _("“%s” cannot be scheduled: %s allows %u characters; this caption has %u. Shorten it or write a %s variant: lineup post caption %s --platform %s TEXT")
                   : _("“%s” cannot be approved: %s allows %u characters; this caption has %u. Shorten it or write a %s variant: lineup post caption %s --platform %s TEXT"),
                 title, name, over.limit, over.count, name, short_id, key);
  return FALSE;
}
