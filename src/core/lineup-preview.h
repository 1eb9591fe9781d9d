/* lineup-preview.h: a post as a network will show it, as plain text.
 *
 * What `lineup post preview ID --platform NAME` prints, from the caption
 * as it goes out there (the network's variant or the main caption, links
 * with their UTM parameters):
 *  - Bluesky: the count against 300 graphemes, the text (cut where
 *    Bluesky would refuse it), and the link that becomes the link card;
 *  - Mastodon: the content warning if any (then "[Show more]"), the text,
 *    the count of both, each link as 23 characters, against the
 *    instance's limit;
 *  - Bluesky, for a post with a content warning: that it goes out without;
 *  - LinkedIn: the text folded after about 210 characters ("…see more");
 *  - Instagram: the first 125 characters, then "… more";
 *  - the other networks: the text and its count against their limit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-store.h"

G_BEGIN_DECLS

/* Where LinkedIn and Instagram fold a caption, in characters. */
#define LINEUP_PREVIEW_LINKEDIN_FOLD  210
#define LINEUP_PREVIEW_INSTAGRAM_FOLD 125

/* The longest prefix of @text with at most @n graphemes (at a grapheme
 * boundary; @text itself when it is not longer). */
char *lineup_preview_truncate (const char *text,
                               guint       n);

/* The preview of @caption (already as it goes out) on @platform (a key),
 * with the network's @limit (0: the platform table's) and Mastodon's
 * content warning @spoiler (NULL: none). Pure. */
char *lineup_preview_render  (const char *caption,
                              const char *platform,
                              guint       limit,
                              const char *spoiler);

/* @post as @platform (key or name) will show it; NULL with an error naming
 * the platform when Lineup does not know it. */
char *lineup_preview_post    (LineupStore  *store,
                              LineupPost   *post,
                              const char   *platform,
                              GError      **error);

G_END_DECLS
