/* lineup-post-check.c: a post's captions and media against each network.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "lineup-post-check.h"
#include "lineup-caption-limits.h"
#include "lineup-account.h"
#include "lineup-bluesky.h"
#include "lineup-media.h"
#include "lineup-publish-store.h"
#include "lineup-store-media.h"
#include "lineup-store-utm.h"
#include "lineup-text.h"

void
lineup_check_problem_free (LineupCheckProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->platform);
  g_free (problem->message);
  g_free (problem);
}

/* A limit the instance said, kept on the account (lineup-mastodon.c):
 * the smaller of @current (0: none) and the account's, when it has one. */
static guint64
tighter (guint64     current,
         JsonObject *limits,
         const char *member)
{
  gint64 value;

  if (limits == NULL || !json_object_has_member (limits, member))
    return current;
  value = json_object_get_int_member (limits, member);
  if (value <= 0)
    return current;
  return current == 0 || (guint64) value < current ? (guint64) value : current;
}

LineupPlatformMediaLimits *
lineup_post_check_media_limits (LineupStore *store,
                                const char  *platform)
{
  const LineupPlatformMediaLimits *table = lineup_platform_media_limits (platform);
  LineupPlatformMediaLimits *limits;
  g_autoptr(GPtrArray) accounts = NULL;
  gboolean first = TRUE;

  if (table == NULL)
    return NULL;
  limits = lineup_platform_media_limits_copy (table);
  if (!g_str_equal (limits->platform, "mastodon"))
    return limits;

  /* Each instance's own limits (GET /api/v2/instance); the tightest binds. */
  accounts = lineup_store_get_accounts (store, NULL);
  for (guint i = 0; accounts && i < accounts->len; i++)
    {
      LineupAccount *account = g_ptr_array_index (accounts, i);
      g_autoptr(JsonNode) node = NULL;
      JsonObject *object;

      if (account->kind != LINEUP_ACCOUNT_MASTODON || account->media_limits == NULL)
        continue;
      node = json_from_string (account->media_limits, NULL);
      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      if (first)
        {
          /* The instance's numbers replace the defaults, not just tighten them. */
          limits->max_images = limits->max_items = limits->max_image_bytes = limits->max_video_bytes = 0;
          limits->max_image_pixels = limits->max_video_pixels = 0;
          first = FALSE;
        }
      limits->max_items = (guint) tighter (limits->max_items, object, "max_media_attachments");
      limits->max_images = limits->max_items;
      limits->max_image_bytes = tighter (limits->max_image_bytes, object, "image_size_limit");
      limits->max_video_bytes = tighter (limits->max_video_bytes, object, "video_size_limit");
      limits->max_image_pixels = tighter (limits->max_image_pixels, object, "image_matrix_limit");
      limits->max_video_pixels = tighter (limits->max_video_pixels, object, "video_matrix_limit");
    }
  if (!first)
    {
      /* A number an instance did not say keeps the default. */
      if (limits->max_items == 0)
        limits->max_items = limits->max_images = table->max_items;
      if (limits->max_image_bytes == 0)
        limits->max_image_bytes = table->max_image_bytes;
      if (limits->max_video_bytes == 0)
        limits->max_video_bytes = table->max_video_bytes;
      if (limits->max_image_pixels == 0)
        limits->max_image_pixels = table->max_image_pixels;
      if (limits->max_video_pixels == 0)
        limits->max_video_pixels = table->max_video_pixels;
    }
  return limits;
}

static void
add (GPtrArray        *problems,
     const char       *platform,
     LineupCheckTopic  topic,
     gboolean          is_error,
     int               index,
     char             *message)
{
  LineupCheckProblem *problem = g_new0 (LineupCheckProblem, 1);

  problem->platform = g_strdup (platform);
  problem->topic = topic;
  problem->is_error = is_error;
  problem->index = index;
  problem->message = message;
  g_ptr_array_add (problems, problem);
}

static void
check_caption (GPtrArray                *problems,
               LineupStore              *store,
               LineupPost               *post,
               const LineupPlatformInfo *info)
{
  guint limit = lineup_caption_limit (store, info->key);
  g_autofree char *variant = lineup_post_dup_caption_variant (post, info->key);
  const char *id = lineup_post_get_id (post) ? lineup_post_get_id (post) : "ID";  /* a new post: not saved yet */
  guint count;

  /* Bluesky has no content warning: the post goes out there without it.
   * Worth knowing, not a reason to stop it. */
  if (g_str_equal (info->key, "bluesky") && *lineup_post_get_content_warning (post))
    add (problems, info->key, LINEUP_CHECK_CAPTION, FALSE, -1,
         g_strdup_printf (_("Bluesky has no content warnings: the post goes out without it, its caption and media shown at once. Take Bluesky off the post if they must stay hidden (lineup post edit %.8s --platform …)"),
                          id));
  if (limit == 0)
    return;
  count = lineup_store_count_outgoing (store, post, info->key);
  if (count > limit && g_str_equal (info->key, "mastodon") && *lineup_post_get_content_warning (post))
    {
      add (problems, info->key, LINEUP_CHECK_CAPTION, TRUE, -1,
           g_strdup_printf (_("%s allows %u characters, counting the content warning with the caption; together they have %u: shorten the warning (lineup post cw %.8s TEXT) or the caption"),
                            info->name, limit, count, id));
      return;
    }
  if (count > limit)
    {
      add (problems, info->key, LINEUP_CHECK_CAPTION, TRUE, -1,
           variant
             ? g_strdup_printf (_("%s allows %u characters; its %s variant has %u: shorten it (lineup post caption %.8s --platform %s TEXT)"),
                                info->name, limit, info->name, count, id, info->key)
             : g_strdup_printf (_("%s allows %u characters; this caption has %u: shorten it or write a %s variant (lineup post caption %.8s --platform %s TEXT)"),
                                info->name, limit, count, info->name, id, info->key));
      return;
    }
  if (g_str_equal (info->key, "bluesky"))
    {
      g_autofree char *caption = lineup_store_outgoing_caption (store, post, info->key);
      gsize bytes = caption ? strlen (caption) : 0;

      if (bytes > LINEUP_BLUESKY_MAX_BYTES)
        add (problems, info->key, LINEUP_CHECK_CAPTION, TRUE, -1,
             g_strdup_printf (_("%s allows %u bytes of text; its caption there has %u: shorten it or write a %s variant (lineup post caption %.8s --platform %s TEXT)"),
                              info->name, (guint) LINEUP_BLUESKY_MAX_BYTES, (guint) bytes, info->name, id, info->key));
    }
}

static void
check_media (GPtrArray                *problems,
             LineupStore              *store,
             const LineupPlatformInfo *info,
             GPtrArray                *media)
{
  g_autofree LineupPlatformMediaLimits *limits = NULL;
  g_autofree LineupMediaFacts *facts = NULL;
  g_autoptr(GPtrArray) found = NULL;

  if (media == NULL || media->len == 0)
    return;
  limits = lineup_post_check_media_limits (store, info->key);
  if (limits == NULL)
    return;
  facts = g_new0 (LineupMediaFacts, media->len);
  for (guint i = 0; i < media->len; i++)
    {
      LineupMedium *medium = g_ptr_array_index (media, i);

      facts[i].kind = medium->kind == LINEUP_MEDIA_VIDEO ? LINEUP_MEDIA_FACTS_VIDEO : LINEUP_MEDIA_FACTS_IMAGE;
      facts[i].mime = medium->mime_type;
      facts[i].bytes = medium->size > 0 ? (guint64) medium->size : 0;
      facts[i].width = medium->width > 0 ? (guint) medium->width : 0;
      facts[i].height = medium->height > 0 ? (guint) medium->height : 0;
      facts[i].duration_ms = medium->duration_ms > 0 ? (guint64) medium->duration_ms : 0;
    }
  found = lineup_platform_media_check (limits, facts, media->len);
  for (guint i = 0; i < found->len; i++)
    {
      LineupMediaProblem *problem = g_ptr_array_index (found, i);

      add (problems, info->key, LINEUP_CHECK_MEDIA, problem->level == LINEUP_MEDIA_PROBLEM_ERROR,
           problem->index, g_steal_pointer (&problem->message));
    }
}

GPtrArray *
lineup_post_check (LineupStore *store,
                   LineupPost  *post,
                   const char  *platform)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_check_problem_free);
  g_autoptr(GPtrArray) media = NULL;
  const char * const *platforms;

  g_return_val_if_fail (LINEUP_IS_STORE (store), problems);
  g_return_val_if_fail (LINEUP_IS_POST (post), problems);

  if (lineup_post_get_id (post))
    media = lineup_store_get_post_media (store, lineup_post_get_id (post), NULL);
  platforms = lineup_post_get_platforms (post);
  for (guint i = 0; platforms && platforms[i]; i++)
    {
      const LineupPlatformInfo *info = lineup_platform_lookup (platforms[i]);

      if (info == NULL || (platform && !g_str_equal (info->key, platform)))
        continue;
      check_caption (problems, store, post, info);
      check_media (problems, store, info, media);
    }
  return problems;
}

gboolean
lineup_post_check_media_gate (LineupStore  *store,
                              LineupPost   *post,
                              gboolean      scheduling,
                              GError      **error)
{
  g_autoptr(GPtrArray) problems = lineup_post_check (store, post, NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      LineupCheckProblem *problem = g_ptr_array_index (problems, i);

      if (problem->topic != LINEUP_CHECK_MEDIA || !problem->is_error)
        continue;
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   scheduling
                     ? _("“%s” cannot be scheduled: %s. Change its media (lineup post media %.8s) or take the network off the post")
                     : _("“%s” cannot be approved: %s. Change its media (lineup post media %.8s) or take the network off the post"),
                   lineup_post_get_title (post), problem->message,
                   lineup_post_get_id (post) ? lineup_post_get_id (post) : "ID");
      return FALSE;
    }
  return TRUE;
}
