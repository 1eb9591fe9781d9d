/* lineup-platform.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lineup-platform.h"
#include "lineup-store.h"

/* Caption limits as the networks document them for a post's main text
 * (domain.md). Mastodon's is the default; an instance may advertise its own,
 * which the publisher reads from the server. */
static const LineupPlatformInfo platforms[] = {
  { "linkedin",  "LinkedIn",  "in", "lineup-platform-linkedin-symbolic",   3000 },
  { "x",         "X",         "X",  "lineup-platform-x-symbolic",          280 },
  { "tiktok",    "TikTok",    "TT", "lineup-platform-tiktok-symbolic",     2200 },
  { "instagram", "Instagram", "IG", "lineup-platform-instagram-symbolic",  2200 },
  { "youtube",   "YouTube",   "YT", "lineup-platform-youtube-symbolic",    5000 },
  { "reddit",    "Reddit",    "R",  "lineup-platform-reddit-symbolic",     40000 },
  { "threads",   "Threads",   "Th", "lineup-platform-threads-symbolic",    500 },
  { "pinterest", "Pinterest", "P",  "lineup-platform-pinterest-symbolic",  500 },
  { "facebook",  "Facebook",  "f",  "lineup-platform-facebook-symbolic",   63206 },
  { "mastodon",  "Mastodon",  "M",  "lineup-platform-mastodon-symbolic",   500 },
  { "bluesky",   "Bluesky",   "B",  "lineup-platform-bluesky-symbolic",    300 },
};

const LineupPlatformInfo *
lineup_platforms_get_all (guint *n_platforms)
{
  if (n_platforms)
    *n_platforms = G_N_ELEMENTS (platforms);
  return platforms;
}

const LineupPlatformInfo *
lineup_platform_lookup (const char *key_or_name)
{
  g_autofree char *norm = NULL;

  if (key_or_name == NULL || !g_utf8_validate (key_or_name, -1, NULL))
    return NULL;

  norm = g_ascii_strdown (key_or_name, -1);
  g_strstrip (norm);
  if (g_str_equal (norm, "twitter"))
    return &platforms[1];

  for (guint i = 0; i < G_N_ELEMENTS (platforms); i++)
    if (g_str_equal (norm, platforms[i].key) ||
        g_ascii_strcasecmp (norm, platforms[i].name) == 0)
      return &platforms[i];

  return NULL;
}

const char *
lineup_platform_list_keys (void)
{
  return "linkedin, x, tiktok, instagram, youtube, reddit, threads, pinterest, facebook, mastodon, bluesky";
}

gboolean
lineup_platforms_normalize (const char * const *keys,
                            GStrv              *out_keys,
                            GError            **error)
{
  gboolean chosen[G_N_ELEMENTS (platforms)] = { FALSE, };
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; keys && keys[i]; i++)
    {
      const LineupPlatformInfo *info = lineup_platform_lookup (keys[i]);

      if (info == NULL)
        {
          g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                       _("Unknown platform “%s”: expected one of %s"),
                       g_utf8_validate (keys[i], -1, NULL) ? keys[i] : "?",
                       lineup_platform_list_keys ());
          return FALSE;
        }
      chosen[info - platforms] = TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (platforms); i++)
    if (chosen[i])
      g_strv_builder_add (builder, platforms[i].key);

  *out_keys = g_strv_builder_end (builder);
  return TRUE;
}

const LineupPlatformInfo *
lineup_platform_find (const char  *key_or_name,
                      GError     **error)
{
  const LineupPlatformInfo *info = key_or_name ? lineup_platform_lookup (key_or_name) : NULL;

  if (info == NULL)
    g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                 _("“%s” is not a platform Lineup knows: use one of %s"),
                 key_or_name && g_utf8_validate (key_or_name, -1, NULL) ? key_or_name : "?",
                 lineup_platform_list_keys ());
  return info;
}
