/* lineup-cli-card.c: `lineup post card ID`, the link card a post would get
 * on Bluesky (its caption's first link as it goes out, the page's title,
 * description and image; lineup-link-card.h), fetched now so a person can
 * check it before the post goes out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "lineup-cli-private.h"
#include "lineup-link-card.h"

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

int
cmd_post_card (Args    *args,
               GError **error)
{
  g_autoptr(LineupStore) store = open_store (args, error);
  g_autoptr(LineupPost) post = NULL;
  g_autoptr(LineupHttp) http = NULL;
  g_autoptr(LineupLinkCard) card = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_auto(GStrv) links = NULL;
  g_autofree char *thumb = NULL;

  if (store == NULL)
    return 1;
  post = lineup_store_get_post (store, positional (args, 0), error);
  if (post == NULL)
    return 1;
  links = lineup_store_outgoing_links (store, post, "bluesky");
  if (links[0] == NULL)
    {
      if (opt (args, "json"))
        out ("null\n");
      else
        out ("%s\n", _("The caption has no link: the post goes out without a link card"));
      return 0;
    }

  http = lineup_http_new ();
  card = lineup_link_card_fetch (http, links[0], TRUE, NULL, error);
  if (card == NULL)
    return 1;
  if (card->thumb)
    {
      g_autofree char *size = g_format_size (g_bytes_get_size (card->thumb));

      thumb = g_strdup_printf ("%s, %s", card->thumb_type, size);
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uri");
  json_builder_add_string_value (builder, card->uri);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, card->title);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, card->description);
  add_string_or_null (builder, "image", card->image_url);
  add_string_or_null (builder, "thumb_type", card->thumb_type);
  json_builder_set_member_name (builder, "thumb_size");
  json_builder_add_int_value (builder, card->thumb ? (gint64) g_bytes_get_size (card->thumb) : 0);
  json_builder_end_object (builder);
  if (opt (args, "json"))
    {
      print_json (builder);
      return 0;
    }

  out ("  %-12s %s\n", _("link"), card->uri);
  out ("  %-12s %s\n", _("title"), card->title);
  out ("  %-12s %s\n", _("description"), *card->description ? card->description : _("(none)"));
  if (card->image_url == NULL)
    out ("  %-12s %s\n", _("image"), _("(none)"));
  else if (thumb)
    out ("  %-12s %s (%s)\n", _("image"), card->image_url, thumb);
  else
    out ("  %-12s %s (%s)\n", _("image"), card->image_url,
         _("cannot be used: not an image, or too large; the card goes without it"));
  return 0;
}
