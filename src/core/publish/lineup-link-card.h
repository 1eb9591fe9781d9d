/* lineup-link-card.h: the link card a Bluesky post shows for its first link.
 *
 * Bluesky does not build link cards itself: the client fetches the page,
 * reads its Open Graph title, description and image (falling back to the
 * Twitter card tags, then <title> and <meta name="description">), uploads
 * the image as a blob and puts them in the post as app.bsky.embed.external
 * (protocols.md §7). This file does the fetching and reading:
 *
 * - lineup_link_card_parse() reads tags from any bytes, in one linear pass
 *   (hostile HTML costs its length, never more, and never crashes it),
 *   decoding entities and resolving a relative image against the page.
 * - lineup_link_card_fetch() fetches the page (http/https only, at most
 *   LINEUP_LINK_CARD_MAX_PAGE bytes, a few redirects to http(s) only, a
 *   short timeout) and its image (at most LINEUP_LINK_CARD_MAX_IMAGE bytes),
 *   and makes a thumbnail a PDS takes: a JPEG or PNG under
 *   LINEUP_LINK_CARD_MAX_THUMB bytes as it is, anything larger (or another
 *   format gdk-pixbuf reads) scaled down and recompressed as JPEG keeping
 *   its aspect ratio, else no thumbnail.
 *
 * Not here: the upload and the record (lineup-bluesky.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-http.h"

G_BEGIN_DECLS

#define LINEUP_LINK_CARD_MAX_PAGE  (1024 * 1024)
#define LINEUP_LINK_CARD_MAX_IMAGE (8 * 1024 * 1024)
/* app.bsky.embed.external's thumb: an image of at most 1,000,000 bytes. */
#define LINEUP_LINK_CARD_MAX_THUMB 1000000
/* Longest title and description kept, in characters. */
#define LINEUP_LINK_CARD_MAX_TITLE       300
#define LINEUP_LINK_CARD_MAX_DESCRIPTION 1000

typedef struct {
  char   *uri;          /* the link as it goes out */
  char   *title;        /* never NULL in a card from lineup_link_card_fetch() */
  char   *description;  /* "" when the page has none */
  char   *image_url;    /* absolute http(s), or NULL */
  GBytes *thumb;        /* the image to upload, or NULL */
  char   *thumb_type;   /* "image/jpeg", "image/png", "image/webp" with @thumb */
} LineupLinkCard;

void            lineup_link_card_free  (LineupLinkCard *card);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupLinkCard, lineup_link_card_free)

/* What @html (any bytes, @length of them) says about itself; @page_url
 * (the page's own address, after redirects) resolves a relative image and
 * becomes the card's uri. Never NULL; title is NULL when the page has none. */
LineupLinkCard *lineup_link_card_parse (const char   *html,
                                        gsize         length,
                                        const char   *page_url);

/* The card for @url: NULL with an error saying why when the page cannot be
 * fetched, is not HTML or has no title. A missing or unusable image only
 * leaves thumb NULL. @with_image FALSE: the image is not fetched. */
LineupLinkCard *lineup_link_card_fetch (LineupHttp    *http,
                                        const char    *url,
                                        gboolean       with_image,
                                        GCancellable  *cancellable,
                                        GError       **error);

/* The image bytes as a PDS takes them (see above): @out_type is set; NULL
 * when they are not an image, or cannot be made small enough. */
GBytes         *lineup_link_card_make_thumb (GBytes      *image,
                                             char       **out_type);

G_END_DECLS
