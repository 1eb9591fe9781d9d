/* lineup-text.h: how the networks count a caption, and where its links are.
 *
 * Every network limits "characters", and each means something else:
 * Bluesky counts grapheme clusters (what a reader sees as one character:
 * 👍🏽, 👨‍👩‍👧 and 🇵🇱 are one each), Mastodon counts grapheme clusters too
 * but a link as 23 and "@user@domain" as "@user" (protocols.md §1–2).
 * These are pure functions, safe from any thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Extended grapheme clusters of @text (UAX #29, approximated with GLib's
 * character data: combining and spacing marks, ZWJ emoji sequences,
 * variation selectors, skin-tone modifiers, flags, tag sequences, Hangul
 * jamo, CR LF). NULL counts 0. */
guint   lineup_text_count_graphemes (const char *text);

/* What Mastodon counts against its limit: graphemes of @spoiler + @text,
 * with every http(s) link in @text as @url_length characters (0: as
 * written) and "@user@domain" as "@user". Either string may be NULL. */
guint   lineup_text_count_mastodon  (const char *text,
                                     const char *spoiler,
                                     guint       url_length);

/* What the network @platform_key counts of @text: Mastodon and X count
 * each link as 23 characters, the other networks every grapheme. */
guint   lineup_text_count_for_network (const char *text,
                                       const char *platform_key);

/* One http(s) link in a text, as UTF-8 byte offsets [byte_start, byte_end)
 * (what Bluesky's link facets take). */
typedef struct {
  gsize  byte_start;
  gsize  byte_end;
  char  *uri;
} LineupTextLink;

void    lineup_text_link_clear      (LineupTextLink *link);

/* The http(s) links in @text, in order, without the punctuation that ends
 * a sentence around them (". , ) ! ? : ;" as Bluesky's clients trim it).
 * Element type LineupTextLink; the array frees its elements (g_array_unref). */
GArray *lineup_text_find_links      (const char *text);

G_END_DECLS
