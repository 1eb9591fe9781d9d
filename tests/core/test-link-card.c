/* test-link-card.c: the link card a Bluesky post gets for its first link
 * (lineup-link-card.h): reading Open Graph tags as pages write them
 * (entities, attribute order, quotes, fallbacks to <title> and the meta
 * description, a relative image), hostile HTML in linear time, the
 * thumbnail (kept, recompressed under the blob limit, or dropped), and
 * fetching through a fake transport (redirects, errors, pages that are not
 * HTML). The publishing itself: tests/integration/publish_link_card.py.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <locale.h>
#include <string.h>

#include "lineup-link-card.h"

static LineupLinkCard *
parse (const char *html)
{
  return lineup_link_card_parse (html, strlen (html), "https://example.org/blog/post.html?x=1");
}

static void
test_open_graph (void)
{
  g_autoptr(LineupLinkCard) card = parse (
    "<!doctype html><html><head>\n"
    "<title>Fallback title</title>\n"
    "<META content=\"Tom &amp; Jerry&#8217;s &quot;news&quot; &#x2014; today\" PROPERTY=\"og:title\">\n"
    "<meta property='og:description' content='It&apos;s   here,\n  at last &lt;3'/>\n"
    "<meta name=description content=\"not this one\">\n"
    "<meta property=\"og:image\" content=\"https://cdn.example.net/a.png?w=1&amp;h=2\">\n"
    "</head><body><meta property=\"og:title\" content=\"second: ignored\"></body></html>");

  g_assert_cmpstr (card->title, ==, "Tom & Jerry’s \"news\" — today");
  g_assert_cmpstr (card->description, ==, "It's here, at last <3");
  g_assert_cmpstr (card->image_url, ==, "https://cdn.example.net/a.png?w=1&h=2");
  g_assert_cmpstr (card->uri, ==, "https://example.org/blog/post.html?x=1");
}

static void
test_fallbacks (void)
{
  g_autoptr(LineupLinkCard) plain = parse (
    "<html><head><TITLE>\n  A plain &amp; simple   page\n</TITLE>"
    "<meta name=\"description\" content=\"What it is about\"></head></html>");
  g_autoptr(LineupLinkCard) twitter = parse (
    "<meta name=\"twitter:title\" content=\"Tweet title\"><meta name=\"twitter:image\" content=\"/t.jpg\">"
    "<title>Page title</title>");
  g_autoptr(LineupLinkCard) none = parse ("<html><body><p>No title at all</p></body></html>");
  g_autoptr(LineupLinkCard) empty_og = parse ("<meta property=\"og:title\" content=\"  \"><title>Used</title>");

  g_assert_cmpstr (plain->title, ==, "A plain & simple page");
  g_assert_cmpstr (plain->description, ==, "What it is about");
  g_assert_null (plain->image_url);
  g_assert_cmpstr (twitter->title, ==, "Tweet title");
  g_assert_cmpstr (twitter->image_url, ==, "https://example.org/t.jpg");
  g_assert_null (none->title);
  g_assert_cmpstr (none->description, ==, "");
  g_assert_cmpstr (empty_og->title, ==, "Used");
}

static void
test_relative_image (void)
{
  struct { const char *image, *expected; } cases[] = {
    { "../img/card.png", "https://example.org/img/card.png" },
    { "card.png", "https://example.org/blog/card.png" },
    { "/card.png", "https://example.org/card.png" },
    { "//cdn.example.net/c.png", "https://cdn.example.net/c.png" },
    { "http://other.example/c.png", "http://other.example/c.png" },
    { "javascript:alert(1)", NULL },
    { "data:image/png;base64,AAAA", NULL },
    { "ftp://example.org/c.png", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *html = g_strdup_printf ("<title>t</title><meta property=og:image content=\"%s\">",
                                               cases[i].image);
      g_autoptr(LineupLinkCard) card = parse (html);

      g_assert_cmpstr (card->image_url, ==, cases[i].expected);
    }
}

static void
test_not_markup (void)
{
  /* Tags in comments and scripts are not tags; "a < b" is text. */
  g_autoptr(LineupLinkCard) card = parse (
    "<!-- <meta property=\"og:title\" content=\"commented\"> -->"
    "<script>var s = '<meta property=\"og:title\" content=\"scripted\">';</script>"
    "<p>1 < 2 <3</p><meta property=\"og:title\" content=\"Real\">");
  g_autoptr(LineupLinkCard) latin = NULL;
  const char latin2[] = "<meta charset=\"iso-8859-2\"><title>Za\xbf\xf3\xb3\xe6</title>";

  g_assert_cmpstr (card->title, ==, "Real");
  latin = lineup_link_card_parse (latin2, sizeof latin2 - 1, "https://example.org/");
  g_assert_cmpstr (latin->title, ==, "Zażółć");
}

static void
test_hostile (void)
{
  const char *pieces[] = {
    "<meta a='", "<title>", "<!--", "<script>", "<meta property=og:title content=\"", "&#", "&#x110000;",
    "<", "<<<<", "<meta\0property=og:title", "&amp", "\xff\xfe<ti",
  };
  gint64 start;

  /* Cut anywhere, each still reads without a crash. */
  for (guint i = 0; i < G_N_ELEMENTS (pieces); i++)
    for (gsize cut = 0; cut <= strlen (pieces[i]); cut++)
      {
        g_autoptr(LineupLinkCard) card = lineup_link_card_parse (pieces[i], cut, "https://example.org/");

        g_assert_nonnull (card);
      }

  /* 4 MB of each repeated: linear, so well under a second each even unoptimised. */
  start = g_get_monotonic_time ();
  for (guint i = 0; i < G_N_ELEMENTS (pieces); i++)
    {
      gsize length = strlen (pieces[i]);
      GString *html = g_string_sized_new (4 * 1024 * 1024);
      g_autoptr(LineupLinkCard) card = NULL;

      while (html->len < 4 * 1024 * 1024)
        g_string_append_len (html, pieces[i], (gssize) length);
      card = lineup_link_card_parse (html->str, html->len, "https://example.org/");
      g_assert_nonnull (card);
      if (card->title)
        g_assert_cmpuint (g_utf8_strlen (card->title, -1), <=, LINEUP_LINK_CARD_MAX_TITLE);
      g_string_free (html, TRUE);
    }
  g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);

  {
    /* Entities and a NUL: valid UTF-8 out, never past the cap. */
    g_autoptr(LineupLinkCard) card = parse ("<title>&#0;&#xD800;&#1114112;&bogus;&amp\x01 x</title>");

    g_assert_true (g_utf8_validate (card->title, -1, NULL));
    g_assert_cmpstr (card->title, ==, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd&bogus;&amp\x01 x");
  }
}

static GBytes *
make_png (int      width,
          int      height,
          gboolean noise)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  gsize length = (gsize) gdk_pixbuf_get_rowstride (pixbuf) * height;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  char *buffer = NULL;
  gsize size = 0;

  for (gsize i = 0; i < length; i++)
    pixels[i] = noise ? (guint8) g_rand_int (rand) : (guint8) (i % 251);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", NULL, NULL));
  return g_bytes_new_take (buffer, size);
}

static void
test_thumb (void)
{
  g_autoptr(GBytes) small = make_png (40, 20, FALSE);
  g_autoptr(GBytes) large = make_png (1600, 900, TRUE);
  g_autoptr(GBytes) text = g_bytes_new_static ("<html>not an image</html>", 25);
  g_autoptr(GBytes) kept = NULL;
  g_autoptr(GBytes) smaller = NULL;
  g_autoptr(GBytes) none = NULL;
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autofree char *type = NULL, *large_type = NULL, *none_type = NULL;
  GdkPixbuf *read;

  kept = lineup_link_card_make_thumb (small, &type);
  g_assert_true (kept == small);
  g_assert_cmpstr (type, ==, "image/png");

  g_assert_cmpuint (g_bytes_get_size (large), >, LINEUP_LINK_CARD_MAX_THUMB);
  smaller = lineup_link_card_make_thumb (large, &large_type);
  g_assert_nonnull (smaller);
  g_assert_cmpstr (large_type, ==, "image/jpeg");
  g_assert_cmpuint (g_bytes_get_size (smaller), <=, LINEUP_LINK_CARD_MAX_THUMB);
  /* Scaled keeping its aspect ratio (16:9), no side over 1200. */
  g_assert_true (gdk_pixbuf_loader_write_bytes (loader, smaller, NULL));
  g_assert_true (gdk_pixbuf_loader_close (loader, NULL));
  read = gdk_pixbuf_loader_get_pixbuf (loader);
  g_assert_cmpint (gdk_pixbuf_get_width (read), ==, 1200);
  g_assert_cmpint (gdk_pixbuf_get_height (read), ==, 675);

  none = lineup_link_card_make_thumb (text, &none_type);
  g_assert_null (none);
  g_assert_null (none_type);
}

/* A fake web: answers by path. */
static LineupHttpResponse *
answer (const LineupHttpRequest  *request,
        gpointer                  user_data,
        GError                  **error)
{
  LineupHttpResponse *response = g_new0 (LineupHttpResponse, 1);
  const char *path = strstr (request->url, "://") ? strchr (strstr (request->url, "://") + 3, '/') : "/";
  guint *requests = user_data;

  (*requests)++;
  g_assert_null (request->headers);   /* nothing about the account goes to a web page */
  g_assert_cmpstr (request->method, ==, "GET");
  response->body = g_string_new (NULL);
  response->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  response->url = g_strdup (request->url);
  response->status = 200;
  g_hash_table_insert (response->headers, g_strdup ("content-type"), g_strdup ("text/html; charset=utf-8"));
  if (g_str_has_prefix (path, "/moved"))
    {
      response->status = 301;
      g_hash_table_insert (response->headers, g_strdup ("location"), g_strdup ("/page?via=moved"));
    }
  else if (g_str_equal (path, "/to-file"))
    {
      response->status = 302;
      g_hash_table_insert (response->headers, g_strdup ("location"), g_strdup ("file:///etc/passwd"));
    }
  else if (g_str_equal (path, "/loop"))
    {
      response->status = 302;
      g_hash_table_insert (response->headers, g_strdup ("location"), g_strdup ("/loop"));
    }
  else if (g_str_has_prefix (path, "/page"))
    g_string_append (response->body, "<title>The page</title><meta property=og:image content=/nothing.png>");
  else if (g_str_equal (path, "/pdf"))
    g_hash_table_replace (response->headers, g_strdup ("content-type"), g_strdup ("application/pdf"));
  else if (g_str_equal (path, "/nothing.png"))
    response->status = 404;
  else
    response->status = 404;
  return response;
}

static void
test_fetch (void)
{
  g_autoptr(LineupHttp) http = lineup_http_new ();
  g_autoptr(LineupLinkCard) card = NULL;
  g_autoptr(GError) error = NULL;
  guint requests = 0;

  lineup_http_set_transport (http, answer, &requests);

  card = lineup_link_card_fetch (http, "https://site.example/moved?utm_source=bluesky", TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (card->uri, ==, "https://site.example/moved?utm_source=bluesky");
  g_assert_cmpstr (card->title, ==, "The page");
  /* Resolved against where the page was, after the redirect; it is missing: no thumb. */
  g_assert_cmpstr (card->image_url, ==, "https://site.example/nothing.png");
  g_assert_null (card->thumb);
  g_assert_cmpuint (requests, ==, 3);
  g_clear_pointer (&card, lineup_link_card_free);

  card = lineup_link_card_fetch (http, "https://site.example/to-file", TRUE, NULL, &error);
  g_assert_null (card);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);

  requests = 0;
  card = lineup_link_card_fetch (http, "https://site.example/loop", TRUE, NULL, &error);
  g_assert_null (card);
  g_assert_nonnull (error);
  g_assert_cmpuint (requests, ==, 6);
  g_clear_error (&error);

  card = lineup_link_card_fetch (http, "https://site.example/pdf", TRUE, NULL, &error);
  g_assert_null (card);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  card = lineup_link_card_fetch (http, "https://site.example/gone", TRUE, NULL, &error);
  g_assert_null (card);
  g_assert_nonnull (strstr (error->message, "404"));
  g_clear_error (&error);

  card = lineup_link_card_fetch (http, "mailto:team@example.org", TRUE, NULL, &error);
  g_assert_null (card);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/link-card/open-graph", test_open_graph);
  g_test_add_func ("/link-card/fallbacks", test_fallbacks);
  g_test_add_func ("/link-card/relative-image", test_relative_image);
  g_test_add_func ("/link-card/not-markup", test_not_markup);
  g_test_add_func ("/link-card/hostile", test_hostile);
  g_test_add_func ("/link-card/thumb", test_thumb);
  g_test_add_func ("/link-card/fetch", test_fetch);
  return g_test_run ();
}
