/* lineup-link-card.c: a page's Open Graph card, read in one pass.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>
#include <string.h>

#include "lineup-link-card.h"

#define MAX_REDIRECTS 5
/* The longest side of a thumbnail Lineup makes (Bluesky shows cards at
 * most ~600 px wide; twice that for dense screens). */
#define THUMB_SIDE 1200
/* Pixels beyond which an image is not decoded at all. */
#define MAX_PIXELS (64 * 1024 * 1024)

enum {
  FIELD_OG_TITLE,
  FIELD_OG_DESCRIPTION,
  FIELD_OG_IMAGE,
  FIELD_TWITTER_TITLE,
  FIELD_TWITTER_DESCRIPTION,
  FIELD_TWITTER_IMAGE,
  FIELD_DESCRIPTION,
  FIELD_TITLE,
  FIELD_CHARSET,
  N_FIELDS
};

/* Meta tags' keys (property= or name=), lowercase, and what they fill. */
static const struct {
  const char *key;
  int         field;
} meta_keys[] = {
  { "og:title", FIELD_OG_TITLE },
  { "og:description", FIELD_OG_DESCRIPTION },
  { "og:image", FIELD_OG_IMAGE },
  { "og:image:url", FIELD_OG_IMAGE },
  { "og:image:secure_url", FIELD_OG_IMAGE },
  { "twitter:title", FIELD_TWITTER_TITLE },
  { "twitter:description", FIELD_TWITTER_DESCRIPTION },
  { "twitter:image", FIELD_TWITTER_IMAGE },
  { "twitter:image:src", FIELD_TWITTER_IMAGE },
  { "description", FIELD_DESCRIPTION },
};

typedef struct {
  const char *start;
  gsize       length;
} Span;

void
lineup_link_card_free (LineupLinkCard *card)
{
  if (card == NULL)
    return;
  g_free (card->uri);
  g_free (card->title);
  g_free (card->description);
  g_free (card->image_url);
  g_clear_pointer (&card->thumb, g_bytes_unref);
  g_free (card->thumb_type);
  g_free (card);
}

/* ---- reading HTML ---- */

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static gboolean
span_is (Span        span,
         const char *word)
{
  gsize length = strlen (word);

  return span.length == length && g_ascii_strncasecmp (span.start, word, length) == 0;
}

/* The first "</@name" at or after @from (case-insensitive), or NULL. */
static const char *
find_end_tag (const char *from,
              const char *end,
              const char *name)
{
  gsize length = strlen (name);

  while (from < end)
    {
      const char *lt = memchr (from, '<', end - from);

      if (lt == NULL || (gsize) (end - lt) < length + 2)
        return NULL;
      if (lt[1] == '/' && g_ascii_strncasecmp (lt + 2, name, length) == 0)
        return lt;
      from = lt + 1;
    }
  return NULL;
}

static const char *
find_text (const char *from,
           const char *end,
           const char *text)
{
  gsize length = strlen (text);

  while (from < end)
    {
      const char *first = memchr (from, text[0], end - from);

      if (first == NULL || (gsize) (end - first) < length)
        return NULL;
      if (memcmp (first, text, length) == 0)
        return first;
      from = first + 1;
    }
  return NULL;
}

static const struct {
  const char *name;
  gunichar    value;
} entities[] = {
  { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
  { "nbsp", 0xA0 }, { "hellip", 0x2026 }, { "mdash", 0x2014 }, { "ndash", 0x2013 },
  { "lsquo", 0x2018 }, { "rsquo", 0x2019 }, { "ldquo", 0x201C }, { "rdquo", 0x201D },
  { "laquo", 0xAB }, { "raquo", 0xBB }, { "copy", 0xA9 }, { "reg", 0xAE }, { "trade", 0x2122 },
  { "middot", 0xB7 }, { "bull", 0x2022 }, { "euro", 0x20AC },
};

/* The entity at @text (after its "&", up to @end): its character and
 * length through the ";", or 0. */
static gunichar
read_entity (const char  *text,
             const char  *end,
             gsize       *out_length)
{
  const char *semi = memchr (text, ';', MIN ((gsize) (end - text), 12));
  g_autofree char *name = NULL;

  if (semi == NULL || semi == text)
    return 0;
  name = g_strndup (text, semi - text);
  *out_length = semi - text + 1;
  if (name[0] == '#')
    {
      gboolean hex = name[1] == 'x' || name[1] == 'X';
      char *stop = NULL;
      guint64 value = g_ascii_strtoull (name + (hex ? 2 : 1), &stop, hex ? 16 : 10);

      if (stop == name + (hex ? 2 : 1) || *stop != '\0')
        return 0;
      /* NUL, surrogates, past Unicode: the replacement character, as browsers do. */
      if (value == 0 || value > 0x10FFFF || !g_unichar_validate ((gunichar) value))
        return 0xFFFD;
      return (gunichar) value;
    }
  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    if (g_str_equal (name, entities[i].name))
      return entities[i].value;
  return 0;
}

/* @span as text for a person: UTF-8 (from @charset when it is not), entities
 * decoded, every run of white space one space, at most @max characters. */
static char *
clean_text (Span        span,
            const char *charset,
            guint       max)
{
  g_autofree char *raw = g_strndup (span.start, span.length);
  g_autofree char *utf8 = NULL;
  GString *text = g_string_new (NULL);
  const char *p, *end;
  gboolean space = FALSE;

  /* strndup stops at a NUL: the text is what comes before it. */
  if (g_utf8_validate (raw, -1, NULL))
    utf8 = g_steal_pointer (&raw);
  else
    {
      utf8 = g_convert (raw, -1, "UTF-8", charset && *charset ? charset : "WINDOWS-1252", NULL, NULL, NULL);
      if (utf8 == NULL || !g_utf8_validate (utf8, -1, NULL))
        {
          g_free (utf8);
          utf8 = g_utf8_make_valid (raw, -1);
        }
    }

  end = utf8 + strlen (utf8);
  for (p = utf8; p < end; p++)
    {
      gunichar entity = 0;
      gsize length = 0;

      if (*p == '&')
        entity = read_entity (p + 1, end, &length);
      if (entity == 0xA0 || (entity == 0 && is_space (*p)))
        {
          space = text->len > 0;
          if (entity)
            p += length;
          continue;
        }
      if (space)
        g_string_append_c (text, ' ');
      space = FALSE;
      if (entity)
        {
          g_string_append_unichar (text, entity);
          p += length;
        }
      else
        g_string_append_c (text, *p);
    }

  if (g_utf8_strlen (text->str, -1) > max)
    {
      const char *cut = g_utf8_offset_to_pointer (text->str, max - 1);

      g_string_truncate (text, cut - text->str);
      while (text->len > 0 && text->str[text->len - 1] == ' ')
        g_string_truncate (text, text->len - 1);
      g_string_append (text, "…");
    }
  return g_string_free (text, FALSE);
}

typedef struct {
  Span     fields[N_FIELDS];
  gboolean found[N_FIELDS];
} Found;

static void
keep (Found *found,
      int    field,
      Span   value)
{
  if (found->found[field])
    return;   /* the first one wins, as the networks' crawlers read it */
  found->found[field] = TRUE;
  found->fields[field] = value;
}

/* A charset in "text/html; charset=ISO-8859-2". */
static gboolean
charset_from_content_type (Span  value,
                           Span *out)
{
  for (gsize i = 0; i + 8 <= value.length; i++)
    if (g_ascii_strncasecmp (value.start + i, "charset=", 8) == 0)
      {
        gsize start = i + 8, end = start;

        while (end < value.length && !is_space (value.start[end]) && value.start[end] != ';' &&
               value.start[end] != '"' && value.start[end] != '\'')
          end++;
        out->start = value.start + start;
        out->length = end - start;
        return end > start;
      }
  return FALSE;
}

static void
read_meta (Found *found,
           Span   key,
           Span   content,
           Span   http_equiv,
           Span   charset)
{
  Span value;

  if (charset.start)
    keep (found, FIELD_CHARSET, charset);
  if (http_equiv.start && content.start && span_is (http_equiv, "content-type") &&
      charset_from_content_type (content, &value))
    keep (found, FIELD_CHARSET, value);
  if (key.start == NULL || content.start == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (meta_keys); i++)
    if (span_is (key, meta_keys[i].key))
      {
        keep (found, meta_keys[i].field, content);
        return;
      }
}

/* Reads the attributes of a tag from @p (after its name) to its ">":
 * returns what follows the ">", or @end when the tag does not end. For a
 * <meta>, hands its attributes to read_meta(). */
static const char *
read_tag (Found      *found,
          const char *p,
          const char *end,
          gboolean    meta)
{
  Span key = { 0 }, content = { 0 }, http_equiv = { 0 }, charset = { 0 };

  for (;;)
    {
      Span name, value = { 0 };

      while (p < end && (is_space (*p) || *p == '/'))
        p++;
      if (p >= end)
        return end;
      if (*p == '>')
        break;
      name.start = p;
      while (p < end && !is_space (*p) && *p != '=' && *p != '>' && *p != '/')
        p++;
      name.length = p - name.start;
      while (p < end && is_space (*p))
        p++;
      if (p < end && *p == '=')
        {
          p++;
          while (p < end && is_space (*p))
            p++;
          if (p < end && (*p == '"' || *p == '\''))
            {
              const char *close = memchr (p + 1, *p, end - p - 1);

              if (close == NULL)
                return end;
              value.start = p + 1;
              value.length = close - p - 1;
              p = close + 1;
            }
          else
            {
              value.start = p;
              while (p < end && !is_space (*p) && *p != '>')
                p++;
              value.length = p - value.start;
            }
        }
      if (!meta || value.start == NULL)
        continue;
      if ((span_is (name, "property") || span_is (name, "name")) && key.start == NULL)
        key = value;
      else if (span_is (name, "content") && content.start == NULL)
        content = value;
      else if (span_is (name, "http-equiv"))
        http_equiv = value;
      else if (span_is (name, "charset"))
        charset = value;
    }
  if (meta)
    read_meta (found, key, content, http_equiv, charset);
  return p + 1;
}

static void
scan (Found      *found,
      const char *html,
      gsize       length)
{
  const char *p = html, *end = html + length;
  gboolean title_seen = FALSE;

  while (p < end)
    {
      const char *lt = memchr (p, '<', end - p);
      Span name;

      if (lt == NULL)
        return;
      p = lt + 1;
      if (end - p >= 3 && memcmp (p, "!--", 3) == 0)
        {
          const char *close = find_text (p + 3, end, "-->");

          if (close == NULL)
            return;
          p = close + 3;
          continue;
        }
      if (p < end && (*p == '/' || *p == '!' || *p == '?'))
        {
          const char *gt = memchr (p, '>', end - p);

          if (gt == NULL)
            return;
          p = gt + 1;
          continue;
        }
      name.start = p;
      while (p < end && g_ascii_isalnum (*p))
        p++;
      name.length = p - name.start;
      if (name.length == 0)
        continue;   /* "a < b": not a tag */

      p = read_tag (found, p, end, span_is (name, "meta"));
      if (span_is (name, "title") && !title_seen)
        {
          const char *close = find_end_tag (p, end, "title");

          title_seen = TRUE;
          if (close == NULL)
            return;
          keep (found, FIELD_TITLE, (Span) { p, close - p });
          p = close;
        }
      else if (span_is (name, "script") || span_is (name, "style") || span_is (name, "textarea"))
        {
          /* Their text is not markup: a "<meta" in a script is no tag. */
          const char *close = find_end_tag (p, end, span_is (name, "script") ? "script" :
                                                    span_is (name, "style") ? "style" : "textarea");

          if (close == NULL)
            return;
          p = close;
        }
    }
}

static char *
resolve_image (Span        span,
               const char *page_url,
               const char *charset)
{
  g_autofree char *text = clean_text (span, charset, 4096);
  g_autofree char *resolved = NULL;
  const char *scheme;

  g_strstrip (text);
  if (*text == '\0')
    return NULL;
  resolved = page_url ? g_uri_resolve_relative (page_url, text, G_URI_FLAGS_NONE, NULL)
                      : g_strdup (text);
  if (resolved == NULL || strpbrk (resolved, " \t\n") != NULL)
    return NULL;
  scheme = g_uri_peek_scheme (resolved);
  if (scheme == NULL || (!g_str_equal (scheme, "https") && !g_str_equal (scheme, "http")))
    return NULL;
  return g_steal_pointer (&resolved);
}

static LineupLinkCard *
parse_page (const char *html,
            gsize       length,
            const char *page_url,
            const char *header_charset)
{
  LineupLinkCard *card = g_new0 (LineupLinkCard, 1);
  Found found = { 0 };
  g_autofree char *meta_charset = NULL;
  const char *charset;
  int title = -1, description = -1, image = -1;

  scan (&found, html ? html : "", html ? length : 0);
  if (found.found[FIELD_CHARSET])
    meta_charset = g_strndup (found.fields[FIELD_CHARSET].start, MIN (found.fields[FIELD_CHARSET].length, 40));
  charset = header_charset && *header_charset ? header_charset : meta_charset;

  for (int f = FIELD_OG_TITLE; f <= FIELD_TITLE; f++)
    {
      g_autofree char *text = NULL;

      if (!found.found[f])
        continue;
      if (f == FIELD_OG_IMAGE || f == FIELD_TWITTER_IMAGE)
        {
          if (image < 0 && (card->image_url = resolve_image (found.fields[f], page_url, charset)) != NULL)
            image = f;
          continue;
        }
      if ((f == FIELD_OG_TITLE || f == FIELD_TWITTER_TITLE || f == FIELD_TITLE) && title < 0)
        {
          text = clean_text (found.fields[f], charset, LINEUP_LINK_CARD_MAX_TITLE);
          if (*text)
            {
              card->title = g_steal_pointer (&text);
              title = f;
            }
        }
      else if ((f == FIELD_OG_DESCRIPTION || f == FIELD_TWITTER_DESCRIPTION || f == FIELD_DESCRIPTION) &&
               description < 0)
        {
          text = clean_text (found.fields[f], charset, LINEUP_LINK_CARD_MAX_DESCRIPTION);
          if (*text)
            {
              card->description = g_steal_pointer (&text);
              description = f;
            }
        }
    }
  if (card->description == NULL)
    card->description = g_strdup ("");
  card->uri = g_strdup (page_url);
  return card;
}

LineupLinkCard *
lineup_link_card_parse (const char *html,
                        gsize       length,
                        const char *page_url)
{
  return parse_page (html, length, page_url, NULL);
}

/* ---- the thumbnail ---- */

static const char *
sniff_type (const guint8 *data,
            gsize         length)
{
  if (length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
    return "image/jpeg";
  if (length >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";
  if (length >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return "image/webp";
  return NULL;
}

static void
on_size_prepared (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  gboolean *refused = user_data;
  double scale;

  if (width <= 0 || height <= 0 || (gint64) width * height > MAX_PIXELS)
    {
      /* 0×0 tells the loader to allocate nothing and stop. */
      *refused = TRUE;
      gdk_pixbuf_loader_set_size (loader, 0, 0);
      return;
    }
  scale = MIN (1.0, (double) THUMB_SIDE / MAX (width, height));
  if (scale < 1.0)
    gdk_pixbuf_loader_set_size (loader, MAX (1, (int) (width * scale + 0.5)), MAX (1, (int) (height * scale + 0.5)));
}

GBytes *
lineup_link_card_make_thumb (GBytes  *image,
                             char   **out_type)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GdkPixbuf) flat = NULL;
  GdkPixbuf *pixbuf;
  gsize length = 0;
  const guint8 *data = image ? g_bytes_get_data (image, &length) : NULL;
  const char *type = data ? sniff_type (data, length) : NULL;
  static const int qualities[] = { 85, 70, 55, 40 };
  gboolean refused = FALSE;

  g_return_val_if_fail (out_type != NULL, NULL);
  *out_type = NULL;
  if (data == NULL || length == 0)
    return NULL;
  if (type && length <= LINEUP_LINK_CARD_MAX_THUMB)
    {
      *out_type = g_strdup (type);
      return g_bytes_ref (image);
    }

  /* Too large, or a format the PDS may refuse: scaled down as a JPEG. */
  loader = gdk_pixbuf_loader_new ();
  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared), &refused);
  if (!gdk_pixbuf_loader_write (loader, data, length, NULL) || refused)
    {
      gdk_pixbuf_loader_close (loader, NULL);
      return NULL;
    }
  if (!gdk_pixbuf_loader_close (loader, NULL) || refused)
    return NULL;
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    return NULL;
  /* JPEG has no transparency: flattened on white. */
  flat = gdk_pixbuf_get_has_alpha (pixbuf)
           ? gdk_pixbuf_composite_color_simple (pixbuf, gdk_pixbuf_get_width (pixbuf), gdk_pixbuf_get_height (pixbuf),
                                                GDK_INTERP_NEAREST, 255, 32, 0xFFFFFFFF, 0xFFFFFFFF)
           : g_object_ref (pixbuf);
  if (flat == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (qualities); i++)
    {
      g_autofree char *quality = g_strdup_printf ("%d", qualities[i]);
      char *buffer = NULL;
      gsize size = 0;

      if (!gdk_pixbuf_save_to_buffer (flat, &buffer, &size, "jpeg", NULL, "quality", quality, NULL))
        return NULL;
      if (size <= LINEUP_LINK_CARD_MAX_THUMB)
        {
          *out_type = g_strdup ("image/jpeg");
          return g_bytes_new_take (buffer, size);
        }
      g_free (buffer);
    }
  return NULL;
}

/* ---- fetching ---- */

static gboolean
is_web_address (const char *url)
{
  const char *scheme = url ? g_uri_peek_scheme (url) : NULL;

  return scheme && (g_str_equal (scheme, "https") || g_str_equal (scheme, "http"));
}

/* GET @url, following up to MAX_REDIRECTS redirects to http(s) addresses;
 * @out_url: where the answer came from. */
static LineupHttpResponse *
get (LineupHttp    *http,
     const char    *url,
     gsize          max_body,
     char         **out_url,
     GCancellable  *cancellable,
     GError       **error)
{
  g_autofree char *current = g_strdup (url);

  for (guint hop = 0; ; hop++)
    {
      LineupHttpRequest request = { "GET", current, NULL, NULL, 0, NULL, max_body };
      g_autoptr(LineupHttpResponse) response = NULL;
      const char *location;
      g_autofree char *next = NULL;

      if (!is_web_address (current))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("“%s” is not a web address (http or https): no link card"), current);
          return NULL;
        }
      response = lineup_http_send (http, &request, cancellable, error);
      if (response == NULL)
        return NULL;
      if (response->status >= 200 && response->status < 300)
        {
          *out_url = g_steal_pointer (&current);
          return g_steal_pointer (&response);
        }
      location = lineup_http_response_get_header (response, "location");
      if (response->status < 300 || response->status >= 400 || location == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("%s answered %ld: no link card"), current, response->status);
          return NULL;
        }
      if (hop >= MAX_REDIRECTS)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("%s redirected more than %d times: no link card"), url, MAX_REDIRECTS);
          return NULL;
        }
      next = g_uri_resolve_relative (current, location, G_URI_FLAGS_NONE, NULL);
      if (next == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("%s redirected to an address that is not one: no link card"), current);
          return NULL;
        }
      g_free (current);
      current = g_steal_pointer (&next);
    }
}

LineupLinkCard *
lineup_link_card_fetch (LineupHttp    *http,
                        const char    *url,
                        gboolean       with_image,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(LineupHttpResponse) page = NULL;
  g_autoptr(LineupHttpResponse) picture = NULL;
  g_autoptr(LineupLinkCard) card = NULL;
  g_autofree char *page_url = NULL;
  g_autofree char *image_url = NULL;
  g_autofree char *charset = NULL;
  const char *content_type;
  Span type_span, charset_span;

  g_return_val_if_fail (LINEUP_IS_HTTP (http), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  page = get (http, url, LINEUP_LINK_CARD_MAX_PAGE, &page_url, cancellable, error);
  if (page == NULL)
    return NULL;
  content_type = lineup_http_response_get_header (page, "content-type");
  if (content_type && *content_type && strstr (content_type, "html") == NULL)
    {
      g_autofree char *shown = g_utf8_make_valid (content_type, MIN (strlen (content_type), 80));

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s is not a web page (%s): no link card"), url, shown);
      return NULL;
    }
  if (content_type)
    {
      type_span = (Span) { content_type, strlen (content_type) };
      if (charset_from_content_type (type_span, &charset_span))
        charset = g_strndup (charset_span.start, MIN (charset_span.length, 40));
    }

  card = parse_page (page->body->str, page->body->len, page_url, charset);
  /* The card links where the post links, with its UTM parameters. */
  g_free (card->uri);
  card->uri = g_strdup (url);
  if (card->title == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s has no title (no og:title and no <title>): no link card"), url);
      return NULL;
    }
  if (!with_image || card->image_url == NULL)
    return g_steal_pointer (&card);

  picture = get (http, card->image_url, LINEUP_LINK_CARD_MAX_IMAGE, &image_url, cancellable, NULL);
  if (picture && picture->body->len > 0)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (picture->body->str, picture->body->len);

      card->thumb = lineup_link_card_make_thumb (bytes, &card->thumb_type);
    }
  if (card->thumb == NULL)
    g_message ("The link card for %s goes without its image %s: it could not be fetched or made small enough",
               url, card->image_url);
  return g_steal_pointer (&card);
}
