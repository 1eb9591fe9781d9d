/* fuzz-link-card.c: reading any bytes as a web page for a link card.
 *
 * The input is handed to lineup_link_card_parse() as a page at a fixed
 * address, as lineup_link_card_fetch() does with what a site answers. It
 * must return a card whose title and description are valid UTF-8 within
 * their caps and whose image, if any, is an http(s) address — never crash,
 * never read past the input. Linear time is checked by libFuzzer's
 * -timeout and by tests/core/test-link-card.c. Not here: fetching
 * (test-link-card.c's fake transport) and the thumbnail (gdk-pixbuf's own).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"
#include "lineup-link-card.h"

static void
check_text (const char *text,
            guint       max)
{
  if (text == NULL)
    return;
  if (!g_utf8_validate (text, -1, NULL) || g_utf8_strlen (text, -1) > max)
    abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(LineupLinkCard) card = NULL;
  /* A copy of exactly @size bytes, so that reading past it is caught. */
  g_autofree char *page = g_memdup2 (data, size);

  fuzz_setup ();
  card = lineup_link_card_parse (page, size, "https://site.example/blog/post.html");
  if (card == NULL || card->description == NULL)
    abort ();
  check_text (card->title, LINEUP_LINK_CARD_MAX_TITLE);
  check_text (card->description, LINEUP_LINK_CARD_MAX_DESCRIPTION);
  if (card->image_url && !g_str_has_prefix (card->image_url, "https://") &&
      !g_str_has_prefix (card->image_url, "http://"))
    abort ();
  return 0;
}
