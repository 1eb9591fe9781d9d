/* lineup-preview.c: a post as a network will show it, as plain text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "lineup-preview.h"
#include "lineup-caption-limits.h"
#include "lineup-store-utm.h"
#include "lineup-text.h"

char *
lineup_preview_truncate (const char *text,
                         guint       n)
{
  const char *p;

  if (text == NULL)
    return g_strdup ("");
  if (lineup_text_count_graphemes (text) <= n)
    return g_strdup (text);
  /* Grow the prefix one character at a time until it holds one grapheme
   * too many: the cut is just before that character. Captions are short. */
  for (p = text; *p; p = g_utf8_next_char (p))
    {
      const char *next = g_utf8_next_char (p);
      g_autofree char *prefix = g_strndup (text, next - text);

      if (lineup_text_count_graphemes (prefix) > n)
        break;
    }
  return g_strndup (text, p - text);
}

/* @text cut after about @fold characters, at the last space before it when
 * there is one close by, as the networks' apps fold a caption. */
static char *
fold_at (const char *text,
         guint       fold)
{
  g_autofree char *cut = lineup_preview_truncate (text, fold);
  char *space = strrchr (cut, ' ');
  char *newline = strrchr (cut, '\n');

  if (newline && (space == NULL || newline > space))
    space = newline;
  if (space && g_utf8_strlen (cut, space - cut) >= (glong) (fold * 3 / 4))
    *space = '\0';
  return g_strdup (g_strchomp (cut));
}

static void
append_count (GString    *out,
              const char *name,
              guint       count,
              guint       limit,
              const char *how)
{
  if (limit > 0)
    g_string_append_printf (out, _("%s · %u of %u characters%s"), name, count, limit, how);
  else
    g_string_append_printf (out, _("%s · %u characters%s"), name, count, how);
  if (limit > 0 && count > limit)
    g_string_append_printf (out, _(" — %u over: %s refuses it"), count - limit, name);
  g_string_append (out, "\n\n");
}

char *
lineup_preview_render (const char *caption,
                       const char *platform,
                       guint       limit,
                       const char *spoiler)
{
  const LineupPlatformInfo *info = lineup_platform_lookup (platform);
  g_autoptr(GString) out = g_string_new (NULL);
  const char *text = caption ? caption : "";

  g_return_val_if_fail (info != NULL, NULL);

  if (limit == 0)
    limit = info->text_limit;

  if (g_str_equal (info->key, "bluesky"))
    {
      g_autoptr(GArray) links = lineup_text_find_links (text);
      guint count = lineup_text_count_graphemes (text);
      g_autofree char *shown = lineup_preview_truncate (text, limit);

      append_count (out, info->name, count, limit, "");
      g_string_append (out, shown);
      if (count > limit)
        g_string_append (out, _("[…cut here: the rest does not fit]"));
      g_string_append_c (out, '\n');
      if (links->len > 0)
        g_string_append_printf (out, _("\nLink card: %s\n"),
                                g_array_index (links, LineupTextLink, 0).uri);
    }
  else if (g_str_equal (info->key, "mastodon"))
    {
      guint count = lineup_text_count_mastodon (text, spoiler, 23);

      append_count (out, info->name, count, limit, _(" (each link counts as 23)"));
      if (spoiler && *spoiler)
        g_string_append_printf (out, _("Content warning: %s\n[Show more]\n"), spoiler);
      g_string_append (out, text);
      g_string_append_c (out, '\n');
    }
  else if (g_str_equal (info->key, "linkedin") || g_str_equal (info->key, "instagram"))
    {
      gboolean linkedin = g_str_equal (info->key, "linkedin");
      guint fold = linkedin ? LINEUP_PREVIEW_LINKEDIN_FOLD : LINEUP_PREVIEW_INSTAGRAM_FOLD;
      guint count = lineup_text_count_for_network (text, info->key);

      append_count (out, info->name, count, limit, "");
      if (lineup_text_count_graphemes (text) > fold)
        {
          g_autofree char *folded = fold_at (text, fold);

          g_string_append (out, folded);
          g_string_append (out, linkedin ? _("…see more") : _("… more"));
          g_string_append_c (out, '\n');
        }
      else
        {
          g_string_append (out, text);
          g_string_append_c (out, '\n');
        }
    }
  else
    {
      append_count (out, info->name, lineup_text_count_for_network (text, info->key), limit, "");
      g_string_append (out, text);
      g_string_append_c (out, '\n');
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
lineup_preview_post (LineupStore  *store,
                     LineupPost   *post,
                     const char   *platform,
                     GError      **error)
{
  const LineupPlatformInfo *info;
  g_autofree char *caption = NULL;
  const char *warning;
  char *preview;

  g_return_val_if_fail (LINEUP_IS_STORE (store), NULL);
  g_return_val_if_fail (LINEUP_IS_POST (post), NULL);

  if ((info = lineup_platform_find (platform, error)) == NULL)
    return NULL;
  caption = lineup_store_outgoing_caption (store, post, info->key);
  warning = lineup_post_get_content_warning (post);
  preview = lineup_preview_render (caption, info->key, lineup_caption_limit (store, info->key),
                                   g_str_equal (info->key, "mastodon") ? warning : NULL);
  if (*warning && g_str_equal (info->key, "bluesky"))
    {
      char *noted = g_strconcat (preview, "\n", _("Bluesky has no content warnings: the post goes out without it, its caption and media shown at once."), "\n", NULL);

      g_free (preview);
      preview = noted;
    }
  return preview;
}
