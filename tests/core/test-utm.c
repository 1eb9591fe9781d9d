/* test-utm.c: UTM parameters on a caption's links (protocols.md §9):
 * appending to a URL (query, fragment, keys already there, encoding,
 * other schemes), finding the links in a caption as the networks do
 * (trailing punctuation, parentheses), the domain list (subdomains, IDN),
 * and the plan's settings giving each network's caption.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "lineup-core.h"
#include "lineup-test-util.h"
#include "lineup-store-private.h"
#include <sqlite3.h>

static const LineupUtm plain = { "mastodon", "social", "spring-launch", "abcd1234", NULL };

static void
test_tag_url (void)
{
  struct { const char *in, *out; } cases[] = {
    { "https://x.org/p",
      "https://x.org/p?utm_source=mastodon&utm_medium=social&utm_campaign=spring-launch&utm_content=abcd1234" },
    { "https://x.org/p?ref=a#top",
      "https://x.org/p?ref=a&utm_source=mastodon&utm_medium=social&utm_campaign=spring-launch&utm_content=abcd1234#top" },
    /* the link's own value wins */
    { "https://x.org/?utm_source=newsletter&b=2",
      "https://x.org/?utm_source=newsletter&b=2&utm_medium=social&utm_campaign=spring-launch&utm_content=abcd1234" },
    { "HTTP://X.org?a=1&",
      "HTTP://X.org?a=1&utm_source=mastodon&utm_medium=social&utm_campaign=spring-launch&utm_content=abcd1234" },
    { "https://x.org/?",
      "https://x.org/?utm_source=mastodon&utm_medium=social&utm_campaign=spring-launch&utm_content=abcd1234" },
    /* a "?" inside the fragment is the fragment's */
    { "https://x.org/p#a?b",
      "https://x.org/p?utm_source=mastodon&utm_medium=social&utm_campaign=spring-launch&utm_content=abcd1234#a?b" },
    /* other schemes are left alone */
    { "mailto:team@x.org", "mailto:team@x.org" },
    { "ftp://x.org/file", "ftp://x.org/file" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = lineup_utm_tag_url (cases[i].in, &plain);

      g_assert_cmpstr (got, ==, cases[i].out);
    }
  {
    /* every UTM key there already: unchanged */
    const char *full = "https://x.org/?utm_source=a&utm_medium=b&utm_campaign=c&utm_content=d";
    g_autofree char *got = lineup_utm_tag_url (full, &plain);

    g_assert_cmpstr (got, ==, full);
  }
  {
    LineupUtm odd = { "x", "social", "zażółć-gęślą", "a&b=c", "one two" };
    g_autofree char *got = lineup_utm_tag_url ("https://x.org/", &odd);

    g_assert_cmpstr (got, ==, "https://x.org/?utm_source=x&utm_medium=social"
                              "&utm_campaign=za%C5%BC%C3%B3%C5%82%C4%87-g%C4%99%C5%9Bl%C4%85"
                              "&utm_content=a%26b%3Dc&utm_term=one%20two");
  }
}

static void
test_clean_value (void)
{
  struct { const char *in, *out; } cases[] = {
    { "Spring Launch 2027", "spring-launch-2027" },
    { "  Q3 / EMEA  ", "q3-emea" },
    { "already_clean-value", "already_clean-value" },
    { "Zażółć Gęślą", "zażółć-gęślą" },
    { "   ", "" },
    { "Feeds launch, December 2026", "feeds-launch-december-2026" },
    { "Q&A: live!", "q-a-live" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = lineup_utm_clean_value (cases[i].in);

      g_assert_cmpstr (got, ==, cases[i].out);
    }
}

static void
test_tag_text (void)
{
  const LineupUtm short_utm = { "x", NULL, NULL, NULL, NULL };
  struct { const char *in, *out; } cases[] = {
    { "Read https://x.org/a.", "Read https://x.org/a?utm_source=x." },
    { "(see https://x.org/a) and https://y.org/b, ok",
      "(see https://x.org/a?utm_source=x) and https://y.org/b?utm_source=x, ok" },
    { "https://en.wikipedia.org/wiki/Foo_(bar) is balanced",
      "https://en.wikipedia.org/wiki/Foo_(bar)?utm_source=x is balanced" },
    { "no links, mail team@x.org", "no links, mail team@x.org" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = lineup_utm_tag_text (cases[i].in, &short_utm, NULL);

      g_assert_cmpstr (got, ==, cases[i].out);
    }
}

static void
test_domains (void)
{
  const LineupUtm short_utm = { "x", NULL, NULL, NULL, NULL };
  const char *domains[] = { "Example.org", "xn--bcher-kva.de", NULL };
  const char *unicode_domains[] = { "bücher.de", NULL };
  g_autofree char *text = lineup_utm_tag_text ("https://shop.example.org/a https://example.org. "
                                               "https://notexample.org/ https://other.net/x https://bücher.de/buch",
                                               &short_utm, domains);
  g_auto(GStrv) links = NULL;

  g_assert_cmpstr (text, ==, "https://shop.example.org/a?utm_source=x https://example.org?utm_source=x. "
                             "https://notexample.org/ https://other.net/x https://bücher.de/buch?utm_source=x");
  g_assert_true (lineup_utm_host_matches ("https://BÜCHER.de/", unicode_domains));
  g_assert_true (lineup_utm_host_matches ("https://user@example.org:8080/", domains));
  g_assert_false (lineup_utm_host_matches ("https://example.org.evil.net/", domains));
  g_assert_true (lineup_utm_host_matches ("https://anything.net/", NULL));

  links = lineup_utm_final_links ("a https://x.org/1 b https://other.net/2", &short_utm, domains);
  g_assert_cmpuint (g_strv_length (links), ==, 2);
  g_assert_cmpstr (links[1], ==, "https://other.net/2");
}

typedef struct {
  char *dir;
  LineupStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("lineup-utm-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "lineup.db", NULL);
  f->store = lineup_store_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  lineup_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
test_store (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) post = lineup_post_new ();
  LineupCampaign *campaign;
  gint64 campaign_id;
  const char *platforms[] = { "linkedin", "bluesky", NULL };
  g_autofree char *prefix = NULL;

  campaign = lineup_store_add_campaign (f->store, "Spring Launch", "#e66100", "2026-03-01", "2026-04-30", &error);
  g_assert_no_error (error);
  campaign_id = lineup_campaign_get_id (campaign);   /* the object goes when the catalog reloads */
  lineup_post_set_title (post, "Launch");
  lineup_post_set_body (post, "New: https://shop.example.org/spring?ref=feed#buy and https://partner.net/x.");
  lineup_post_set_pillar_id (post, lineup_pillar_get_id (lineup_store_add_pillar (f->store, "Proof", NULL, -1, NULL)));
  lineup_post_set_type_id (post, lineup_content_type_get_id (lineup_store_find_content_type (f->store, "Educational")));
  lineup_post_set_platforms (post, platforms);
  lineup_post_set_campaign_id (post, campaign_id);
  g_assert_true (lineup_store_add_post (f->store, post, &error));
  g_assert_no_error (error);
  prefix = g_strndup (lineup_post_get_id (post), 8);

  /* The defaults: every host, source = the network, medium social,
   * campaign from its name, content the short id. */
  {
    g_autofree char *caption = lineup_store_outgoing_caption (f->store, post, "linkedin");
    g_autofree char *expected = g_strdup_printf (
      "New: https://shop.example.org/spring?ref=feed&utm_source=linkedin&utm_medium=social&utm_campaign=spring-launch&utm_content=%s#buy"
      " and https://partner.net/x?utm_source=linkedin&utm_medium=social&utm_campaign=spring-launch&utm_content=%s.",
      prefix, prefix);

    g_assert_cmpstr (caption, ==, expected);
    /* the stored caption stays clean */
    g_assert_null (strstr (lineup_post_get_body (post), "utm_"));
  }

  /* Set: domains, a network's source, the medium, the campaign's value. */
  g_assert_true (lineup_store_set_utm_domains (f->store, "example.org", &error));
  g_assert_true (lineup_store_set_utm_source (f->store, "bluesky", "Bsky", &error));
  g_assert_true (lineup_store_set_utm_medium (f->store, "Organic Social", &error));
  g_assert_true (lineup_store_set_utm_campaign (f->store, campaign_id, "spring_27", &error));
  g_assert_no_error (error);
  {
    g_auto(GStrv) links = lineup_store_outgoing_links (f->store, post, "bluesky");
    g_autofree char *expected = g_strdup_printf (
      "https://shop.example.org/spring?ref=feed&utm_source=bsky&utm_medium=organic-social&utm_campaign=spring_27&utm_content=%s#buy",
      prefix);

    g_assert_cmpuint (g_strv_length (links), ==, 2);
    g_assert_cmpstr (links[0], ==, expected);
    g_assert_cmpstr (links[1], ==, "https://partner.net/x");
  }
  /* The campaign's value is one undo step. */
  g_assert_true (lineup_store_undo (f->store, &error));
  {
    g_autofree char *value = lineup_store_get_utm_campaign (f->store, campaign_id);

    g_assert_cmpstr (value, ==, "spring-launch");
  }

  /* Refusals say what to write and change nothing. */
  g_assert_false (lineup_store_set_utm_domains (f->store, "https://example.org/path", &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "example.org"));
  g_clear_error (&error);
  g_assert_false (lineup_store_set_utm_medium (f->store, "   ", &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lineup_store_set_utm_source (f->store, "myspace", "x", &error));
  g_clear_error (&error);
  {
    g_autoptr(LineupUtmSettings) settings = lineup_store_get_utm_settings (f->store);

    g_assert_cmpstr (settings->domains[0], ==, "example.org");
    g_assert_cmpstr (settings->medium, ==, "organic-social");
  }

  /* Off: the caption goes out as written. */
  g_assert_true (lineup_store_set_utm_enabled (f->store, FALSE, &error));
  {
    g_autofree char *caption = lineup_store_outgoing_caption (f->store, post, "linkedin");

    g_assert_cmpstr (caption, ==, lineup_post_get_body (post));
  }
}

/* A plan upgraded with posts in it keeps its links as written (tagging
 * them would re-create its scheduled posts on their servers); an empty
 * plan, and a new one, tag them. */
static void
test_migration (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lineup-utm-migrate-XXXXXX", &error);
  const char *names[] = { "with-posts.db", "empty.db" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autoptr(LineupStore) store = NULL;
      g_autoptr(LineupUtmSettings) settings = NULL;

      /* 11: the version before the one that brought UTM (11 → 12); the
       * later migrations run too. */
      g_assert_true (_lineup_store_create_at_version (path, 11, &error));
      g_assert_no_error (error);
      if (i == 0)
        {
          sqlite3 *db;

          g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
          g_assert_cmpint (sqlite3_exec (db,
                                         "INSERT INTO pillars (id, name, color) VALUES (1, 'Proof', '#3584e4');"
                                         "INSERT INTO posts (id, title, pillar_id, type_id, stage, slot, created_at, updated_at) "
                                         "VALUES ('p1', 'Old', 1, (SELECT min(id) FROM content_types), 1, 1800000000, 1, 1);",
                                         NULL, NULL, NULL), ==, SQLITE_OK);
          sqlite3_close (db);
        }
      store = lineup_store_open (path, &error);
      g_assert_no_error (error);
      settings = lineup_store_get_utm_settings (store);
      g_assert_cmpint (settings->enabled, ==, i != 0);
    }
  lineup_test_remove_tree (dir);
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/utm/tag-url", test_tag_url);
  g_test_add_func ("/utm/clean-value", test_clean_value);
  g_test_add_func ("/utm/tag-text", test_tag_text);
  g_test_add_func ("/utm/domains", test_domains);
  g_test_add_func ("/utm/migration", test_migration);
  g_test_add ("/utm/store", Fixture, NULL, fixture_set_up, test_store, fixture_tear_down);
  return g_test_run ();
}
