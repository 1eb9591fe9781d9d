/* test-post.c: a post as a value (texts, platforms, copies, equality) and
 * what the app holds for each post of a plan it reads whole.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <malloc.h>
#include <string.h>

#include "lineup-core.h"
#include "lineup-test-util.h"

/* The heap is counted with glibc's mallinfo2(), which a sanitizer's own
 * allocator does not feed. */
#if defined(__SANITIZE_ADDRESS__)
# define SANITIZED 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define SANITIZED 1
# endif
#endif
#if !defined(SANITIZED) && defined(__GLIBC__)
# if __GLIBC_PREREQ(2, 33)
#  define CAN_COUNT_HEAP 1
# endif
#endif

/* What the store's benchmark holds a post to (bytes); the plan here has
 * posts like the benchmark's. */
#define POST_BYTES_BUDGET 400

typedef struct {
  char *dir;
  char *path;
  LineupStore *store;
  gint64 pillar_id;
  gint64 type_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LineupPillar *pillar;

  f->dir = g_dir_make_tmp ("lineup-test-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "lineup.db", NULL);
  f->store = lineup_store_open (f->path, &error);
  g_assert_no_error (error);
  pillar = lineup_store_add_pillar (f->store, "Product education", "#3584e4", 40, &error);
  g_assert_no_error (error);
  f->pillar_id = lineup_pillar_get_id (pillar);
  f->type_id = lineup_content_type_get_id (lineup_store_find_content_type (f->store, "Educational"));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  lineup_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static LineupPost *
new_post (Fixture            *f,
          const char         *title,
          const char * const *platforms)
{
  LineupPost *post = lineup_post_new ();

  lineup_post_set_title (post, title);
  lineup_post_set_body (post, "A caption of ordinary length with a link https://example.org/launch?utm_source=mastodon and two #hashtags #planning");
  lineup_post_set_pillar_id (post, f->pillar_id);
  lineup_post_set_type_id (post, f->type_id);
  lineup_post_set_platforms (post, platforms);
  lineup_post_set_scheduled_at (post, 1798761600);   /* 2027-01-01 */
  return post;
}

static LineupPost *
add_post (Fixture            *f,
          const char         *title,
          const char * const *platforms)
{
  g_autoptr(GError) error = NULL;
  LineupPost *post = new_post (f, title, platforms);

  g_assert_true (lineup_store_add_post (f->store, post, &error));
  g_assert_no_error (error);
  return post;
}

/* A new post, and its texts as the setters leave them. */
static void
test_texts (void)
{
  g_autoptr(LineupPost) post = lineup_post_new ();
  g_autoptr(LineupPost) copy = NULL;

  g_assert_null (lineup_post_get_id (post));
  g_assert_cmpstr (lineup_post_get_title (post), ==, "");
  g_assert_cmpstr (lineup_post_get_body (post), ==, "");
  for (guint i = 0; i < LINEUP_N_BRIEF_FIELDS; i++)
    g_assert_null (lineup_post_get_brief (post, i));
  g_assert_null (lineup_post_get_due_on (post));
  g_assert_nonnull (lineup_post_get_platforms (post));
  g_assert_null (lineup_post_get_platforms (post)[0]);

  /* Each text keeps the others. */
  lineup_post_set_brief (post, LINEUP_BRIEF_OWNER, "Ana");
  lineup_post_set_title (post, "Spring launch");
  lineup_post_set_due_on (post, "2027-03-01");
  lineup_post_set_brief (post, LINEUP_BRIEF_GOAL, "Sign-ups");
  lineup_post_set_body (post, "Line one\nLine two");
  g_assert_cmpstr (lineup_post_get_title (post), ==, "Spring launch");
  g_assert_cmpstr (lineup_post_get_body (post), ==, "Line one\nLine two");
  g_assert_cmpstr (lineup_post_get_brief (post, LINEUP_BRIEF_GOAL), ==, "Sign-ups");
  g_assert_null (lineup_post_get_brief (post, LINEUP_BRIEF_AUDIENCE));
  g_assert_cmpstr (lineup_post_get_brief (post, LINEUP_BRIEF_OWNER), ==, "Ana");
  g_assert_cmpstr (lineup_post_get_due_on (post), ==, "2027-03-01");

  /* An empty brief field or due date is none; an empty title is "". */
  lineup_post_set_brief (post, LINEUP_BRIEF_OWNER, "");
  lineup_post_set_due_on (post, "");
  lineup_post_set_title (post, NULL);
  g_assert_null (lineup_post_get_brief (post, LINEUP_BRIEF_OWNER));
  g_assert_null (lineup_post_get_due_on (post));
  g_assert_cmpstr (lineup_post_get_title (post), ==, "");
  g_assert_cmpstr (lineup_post_get_brief (post, LINEUP_BRIEF_GOAL), ==, "Sign-ups");

  /* A text given from the post itself. */
  lineup_post_set_title (post, lineup_post_get_body (post));
  g_assert_cmpstr (lineup_post_get_title (post), ==, "Line one\nLine two");

  /* A copy is equal, and each field it differs in makes it not. */
  copy = lineup_post_copy (post);
  g_assert_true (lineup_post_equal (post, copy));
  g_assert_cmpstr (lineup_post_get_brief (copy, LINEUP_BRIEF_GOAL), ==, "Sign-ups");
  lineup_post_set_brief (copy, LINEUP_BRIEF_HASHTAGS, "#spring");
  g_assert_false (lineup_post_content_equal (post, copy));
  lineup_post_set_brief (copy, LINEUP_BRIEF_HASHTAGS, NULL);
  g_assert_true (lineup_post_content_equal (post, copy));
  lineup_post_set_due_on (copy, "2027-03-02");
  g_assert_false (lineup_post_content_equal (post, copy));
  lineup_post_set_due_on (copy, NULL);
  lineup_post_set_body (copy, "Line one");
  g_assert_false (lineup_post_content_equal (post, copy));
}

/* Platforms: one canonical set reads back as it is, shared by every post
 * with that set; anything else reads back as given until the store
 * normalizes it or names what is wrong. */
static void
test_platforms (Fixture       *f,
                gconstpointer  data)
{
  static const char * const canonical[] = { "linkedin", "x", "mastodon", NULL };
  static const char * const shuffled[] = { "Mastodon", "linkedin", "x", "x", NULL };
  static const char * const unknown[] = { "linkedin", "myspace", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) a = add_post (f, "A", canonical);
  g_autoptr(LineupPost) b = new_post (f, "B", shuffled);
  g_autoptr(LineupPost) c = new_post (f, "C", unknown);
  g_autoptr(LineupPost) copy = NULL;
  g_autoptr(GPtrArray) all = NULL;

  g_assert_true (g_strv_equal (lineup_post_get_platforms (a), canonical));
  g_assert_true (lineup_post_has_platform (a, "x"));
  g_assert_false (lineup_post_has_platform (a, "tiktok"));
  g_assert_false (lineup_post_has_platform (a, "X"));

  /* As given, before the store saw it; a copy keeps it so. */
  g_assert_true (g_strv_equal (lineup_post_get_platforms (b), shuffled));
  g_assert_true (lineup_post_has_platform (b, "Mastodon"));
  g_assert_false (lineup_post_has_platform (b, "mastodon"));
  copy = lineup_post_copy (b);
  g_assert_true (g_strv_equal (lineup_post_get_platforms (copy), shuffled));
  g_assert_true (lineup_post_equal (b, copy));
  g_assert_false (lineup_post_content_equal (a, b));

  g_assert_true (lineup_store_add_post (f->store, b, &error));
  g_assert_no_error (error);
  g_assert_true (g_strv_equal (lineup_post_get_platforms (b), canonical));
  g_assert_true (lineup_post_has_platform (b, "mastodon"));
  lineup_post_set_title (copy, "A");
  lineup_post_set_platforms (copy, canonical);
  g_assert_true (lineup_post_content_equal (a, copy));

  g_assert_false (lineup_store_add_post (f->store, c, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "myspace"));
  g_clear_error (&error);

  /* Read back: the same set, the same list, not one a post. */
  all = lineup_store_list_all_posts (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_true (g_strv_equal (lineup_post_get_platforms (all->pdata[0]), canonical));
  g_assert_true (lineup_post_get_platforms (all->pdata[0]) == lineup_post_get_platforms (all->pdata[1]));

  /* No platforms at all. */
  lineup_post_set_platforms (copy, NULL);
  g_assert_null (lineup_post_get_platforms (copy)[0]);
  g_assert_false (lineup_post_has_platform (copy, "x"));
}

/* The posts the app holds: read once, edited in another copy of the app,
 * read again with every text right. */
static void
test_edit_elsewhere (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const platforms[] = { "instagram", "tiktok", NULL };
  static const char * const canonical[] = { "tiktok", "instagram", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) post = new_post (f, "Behind the scenes", platforms);
  g_autoptr(LineupStore) other = NULL;
  g_autoptr(LineupPost) edit = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  LineupPost *read;

  lineup_post_set_brief (post, LINEUP_BRIEF_AUDIENCE, "Makers");
  lineup_post_set_due_on (post, "2026-12-20");
  g_assert_true (lineup_store_add_post (f->store, post, &error));
  g_assert_no_error (error);
  before = lineup_store_list_all_posts (f->store, &error);
  g_assert_no_error (error);

  other = lineup_store_open (f->path, &error);
  g_assert_no_error (error);
  edit = lineup_store_get_post (other, lineup_post_get_id (post), &error);
  g_assert_no_error (error);
  lineup_post_set_brief (edit, LINEUP_BRIEF_OWNER, "Ana");
  lineup_post_set_brief (edit, LINEUP_BRIEF_AUDIENCE, NULL);
  g_assert_true (lineup_workflow_edit (other, edit, &error));
  g_assert_no_error (error);

  after = lineup_store_list_all_posts (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 1);
  read = after->pdata[0];
  g_assert_cmpstr (lineup_post_get_id (read), ==, lineup_post_get_id (post));
  g_assert_cmpstr (lineup_post_get_title (read), ==, "Behind the scenes");
  g_assert_cmpstr (lineup_post_get_brief (read, LINEUP_BRIEF_OWNER), ==, "Ana");
  g_assert_null (lineup_post_get_brief (read, LINEUP_BRIEF_AUDIENCE));
  g_assert_cmpstr (lineup_post_get_due_on (read), ==, "2026-12-20");
  g_assert_true (g_strv_equal (lineup_post_get_platforms (read), canonical));
  g_assert_cmpint (lineup_post_get_revision (read), ==, 2);

  /* What was read before is a value: it did not change. */
  read = before->pdata[0];
  g_assert_cmpstr (lineup_post_get_brief (read, LINEUP_BRIEF_AUDIENCE), ==, "Makers");
  g_assert_null (lineup_post_get_brief (read, LINEUP_BRIEF_OWNER));
}

/* The heap a plan's posts take when read whole, as the app does at start:
 * the posts, the store's index of them and the array handed out. */
static void
test_memory (Fixture       *f,
             gconstpointer  data)
{
#ifndef CAN_COUNT_HEAP
  g_test_skip ("needs glibc's own malloc to count the heap");
#else
  static const char * const sets[][3] = {
    { "linkedin", NULL }, { "instagram", "tiktok", NULL }, { "mastodon", "bluesky", NULL },
  };
  const guint n = 3000;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warm = NULL;
  g_autoptr(GPtrArray) all = NULL;
  gssize before, grown;

  lineup_store_begin (f->store, "Add");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *title = g_strdup_printf ("Post %u: a realistic title about planning", i);
      g_autoptr(LineupPost) post = new_post (f, title, sets[i % G_N_ELEMENTS (sets)]);

      lineup_post_set_scheduled_at (post, 1798761600 + i * 3600);
      g_assert_true (lineup_store_add_post (f->store, post, &error));
      g_assert_no_error (error);
    }
  g_assert_true (lineup_store_commit (f->store, &error));
  g_assert_no_error (error);

  /* Every page read once first: SQLite's page cache is not the posts'.
   * Those posts are kept, so that the ones measured take new memory. */
  warm = lineup_store_list_posts (f->store, G_MININT64, G_MAXINT64, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (warm->len, ==, n);

  before = mallinfo2 ().uordblks;
  all = lineup_store_list_all_posts (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, n);
  grown = (gssize) mallinfo2 ().uordblks - before;
  g_test_message ("%" G_GSSIZE_FORMAT " bytes a post", grown / n);
  g_assert_cmpint (grown / n, <=, POST_BYTES_BUDGET);
#endif
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/post/texts", test_texts);
  ADD ("/post/platforms", test_platforms);
  ADD ("/post/edit-elsewhere", test_edit_elsewhere);
  ADD ("/post/memory", test_memory);

  return g_test_run ();
}
