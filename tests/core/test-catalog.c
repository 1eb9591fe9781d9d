/* test-catalog.c: renaming, recolouring and removing pillars and campaigns,
 * each one undo step; adding them and the demo plan undone whole; the
 * demo's published posts all in the past.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "lineup-core.h"
#include "lineup-test-util.h"

typedef struct {
  char *dir;
  LineupStore *store;
  gint64 type_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("lineup-catalog-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "lineup.db", NULL);
  f->store = lineup_store_open (path, &error);
  g_assert_no_error (error);
  f->type_id = lineup_content_type_get_id (lineup_store_find_content_type (f->store, "Educational"));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  lineup_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gint64
add_pillar (Fixture    *f,
            const char *name,
            double      target)
{
  g_autoptr(GError) error = NULL;
  LineupPillar *pillar = lineup_store_add_pillar (f->store, name, NULL, target, &error);

  g_assert_no_error (error);
  return lineup_pillar_get_id (pillar);
}

static char *
add_post (Fixture    *f,
          const char *title,
          gint64      pillar_id,
          gint64      campaign_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) post = lineup_post_new ();

  lineup_post_set_title (post, title);
  lineup_post_set_pillar_id (post, pillar_id);
  lineup_post_set_type_id (post, f->type_id);
  lineup_post_set_campaign_id (post, campaign_id);
  g_assert_true (lineup_store_add_post (f->store, post, &error));
  g_assert_no_error (error);
  return g_strdup (lineup_post_get_id (post));
}

static LineupPost *
get_post (Fixture    *f,
          const char *id)
{
  g_autoptr(GError) error = NULL;
  LineupPost *post = lineup_store_get_post (f->store, id, &error);

  g_assert_no_error (error);
  return post;
}

static void
undo (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lineup_store_undo (f->store, &error));
  g_assert_no_error (error);
}

static void
redo (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lineup_store_redo (f->store, &error));
  g_assert_no_error (error);
}

static void
count_signal (guint *counter)
{
  (*counter)++;
}

/* Adding a pillar, a campaign and changing a target are undo steps. */
static void
test_additions_undo (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = add_pillar (f, "Community", 20);

  g_assert_true (lineup_store_set_pillar_target (f->store, id, 35, &error));
  g_assert_no_error (error);
  g_assert_nonnull (lineup_store_add_campaign (f->store, "Spring", "#e66100", "2026-03-01", "2026-03-31", &error));
  g_assert_no_error (error);

  undo (f);
  g_assert_null (lineup_store_find_campaign (f->store, "Spring"));
  undo (f);
  g_assert_cmpfloat (lineup_pillar_get_target (lineup_store_get_pillar (f->store, id)), ==, 20);
  undo (f);
  g_assert_null (lineup_store_find_pillar (f->store, "Community"));
  g_assert_cmpuint (g_list_model_get_n_items (lineup_store_get_pillars (f->store)), ==, 0);
  g_assert_false (lineup_store_undo (f->store, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOTHING_TO_UNDO);
  g_clear_error (&error);
  redo (f);
  g_assert_nonnull (lineup_store_find_pillar (f->store, "Community"));
  g_assert_cmpint (lineup_pillar_get_id (lineup_store_find_pillar (f->store, "community")), ==, id);
}

static void
test_pillar_edit (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 edu = add_pillar (f, "Education", 40);
  gint64 other = add_pillar (f, "Café community", -1);
  g_autofree char *post_id = add_post (f, "Brewing guide", edu, 0);
  guint changed = 0, pillars = 0;

  g_signal_connect_swapped (f->store, "post-changed", G_CALLBACK (count_signal), &changed);
  g_signal_connect_swapped (f->store, "pillars-changed", G_CALLBACK (count_signal), &pillars);

  /* A rename, a colour and a target in one step. */
  g_assert_true (lineup_store_edit_pillar (f->store, edu, "Brew school", "#2ec27e", TRUE, 50, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lineup_pillar_get_name (lineup_store_get_pillar (f->store, edu)), ==, "Brew school");
  g_assert_cmpstr (lineup_pillar_get_color (lineup_store_get_pillar (f->store, edu)), ==, "#2ec27e");
  g_assert_cmpfloat (lineup_pillar_get_target (lineup_store_get_pillar (f->store, edu)), ==, 50);
  g_assert_null (lineup_store_find_pillar (f->store, "Education"));
  g_assert_cmpuint (changed, ==, 1);   /* its post reads differently */
  g_assert_cmpuint (pillars, ==, 1);
  g_assert_cmpstr (lineup_store_get_undo_label (f->store), ==, "Rename pillar “Education”");

  undo (f);
  g_assert_cmpstr (lineup_pillar_get_name (lineup_store_get_pillar (f->store, edu)), ==, "Education");
  g_assert_cmpstr (lineup_pillar_get_color (lineup_store_get_pillar (f->store, edu)), !=, "#2ec27e");
  g_assert_cmpfloat (lineup_pillar_get_target (lineup_store_get_pillar (f->store, edu)), ==, 40);
  {
    g_autoptr(LineupPost) post = get_post (f, post_id);
    g_assert_cmpint (lineup_post_get_pillar_id (post), ==, edu);
  }
  redo (f);
  g_assert_cmpstr (lineup_pillar_get_name (lineup_store_get_pillar (f->store, edu)), ==, "Brew school");

  /* No target any more. */
  g_assert_true (lineup_store_edit_pillar (f->store, edu, NULL, NULL, TRUE, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (lineup_pillar_get_target (lineup_store_get_pillar (f->store, edu)), <, 0);
  undo (f);
  g_assert_cmpfloat (lineup_pillar_get_target (lineup_store_get_pillar (f->store, edu)), ==, 50);

  /* Refused: a name taken (case aside), a bad colour, a target over 100. */
  g_assert_false (lineup_store_edit_pillar (f->store, edu, "café COMMUNITY", NULL, FALSE, 0, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (lineup_store_edit_pillar (f->store, edu, NULL, "green", FALSE, 0, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "#RRGGBB"));
  g_clear_error (&error);
  g_assert_false (lineup_store_edit_pillar (f->store, edu, NULL, NULL, TRUE, 140, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* Its own name in another case is a rename, not a clash. */
  g_assert_true (lineup_store_edit_pillar (f->store, edu, "BREW school", NULL, FALSE, 0, &error));
  g_assert_no_error (error);

  /* The name a typo was meant to be. */
  g_assert_cmpstr (lineup_store_closest_pillar_name (f->store, "Cafe community"), ==, "Café community");
  g_assert_cmpstr (lineup_store_closest_pillar_name (f->store, "brew scool"), ==, "BREW school");
  g_assert_null (lineup_store_closest_pillar_name (f->store, "Unrelated"));
  (void) other;
}

static void
test_pillar_remove (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 edu = add_pillar (f, "Education", 40);
  gint64 stories = add_pillar (f, "Stories", 30);
  gint64 spare = add_pillar (f, "Spare", -1);
  g_autofree char *a = add_post (f, "One", edu, 0);
  g_autofree char *b = add_post (f, "Two", edu, 0);
  g_autofree char *gone = add_post (f, "Deleted", spare, 0);

  /* Refused while posts use it, saying how many and what to do. */
  g_assert_false (lineup_store_remove_pillar (f->store, edu, 0, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2 posts"));
  g_assert_nonnull (strstr (error->message, "move to"));
  g_clear_error (&error);
  g_assert_false (lineup_store_remove_pillar (f->store, edu, edu, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (lineup_store_remove_pillar (f->store, edu, stories, &error));
  g_assert_no_error (error);
  g_assert_null (lineup_store_get_pillar (f->store, edu));
  {
    g_autoptr(LineupPost) post = get_post (f, a);
    g_assert_cmpint (lineup_post_get_pillar_id (post), ==, stories);
  }
  g_assert_cmpuint (lineup_store_count_pillar_posts (f->store, stories), ==, 2);

  undo (f);
  g_assert_nonnull (lineup_store_get_pillar (f->store, edu));
  g_assert_cmpfloat (lineup_pillar_get_target (lineup_store_get_pillar (f->store, edu)), ==, 40);
  {
    g_autoptr(LineupPost) pa = get_post (f, a);
    g_autoptr(LineupPost) pb = get_post (f, b);
    g_assert_cmpint (lineup_post_get_pillar_id (pa), ==, edu);
    g_assert_cmpint (lineup_post_get_pillar_id (pb), ==, edu);
  }
  redo (f);
  g_assert_null (lineup_store_get_pillar (f->store, edu));
  undo (f);

  /* A pillar only deleted posts name goes; undoing both brings the post back. */
  g_assert_true (lineup_store_delete_post (f->store, gone, &error));
  g_assert_no_error (error);
  g_assert_true (lineup_store_remove_pillar (f->store, spare, 0, &error));
  g_assert_no_error (error);
  g_assert_null (lineup_store_get_pillar (f->store, spare));
  undo (f);
  undo (f);
  {
    g_autoptr(LineupPost) post = get_post (f, gone);
    g_assert_cmpint (lineup_post_get_pillar_id (post), ==, spare);
    g_assert_cmpstr (lineup_post_get_title (post), ==, "Deleted");
  }
}

static void
test_campaign_edit_remove (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 edu = add_pillar (f, "Education", -1);
  LineupCampaign *c = lineup_store_add_campaign (f->store, "Spring launch", "#e66100", "2026-03-01", "2026-03-31", &error);
  gint64 id = lineup_campaign_get_id (c);
  g_autofree char *post_id = add_post (f, "Teaser", edu, id);

  g_assert_nonnull (lineup_store_add_campaign (f->store, "Summer", "#1c71d8", "2026-06-01", "2026-06-30", &error));
  g_assert_no_error (error);

  g_assert_true (lineup_store_edit_campaign (f->store, id, "Spring sale", "#c01c28", "2026-03-05", NULL, &error));
  g_assert_no_error (error);
  c = lineup_store_get_campaign (f->store, id);
  g_assert_cmpstr (lineup_campaign_get_name (c), ==, "Spring sale");
  g_assert_cmpstr (lineup_campaign_get_color (c), ==, "#c01c28");
  g_assert_cmpstr (lineup_campaign_get_starts_on (c), ==, "2026-03-05");
  g_assert_cmpstr (lineup_campaign_get_ends_on (c), ==, "2026-03-31");
  undo (f);
  c = lineup_store_get_campaign (f->store, id);
  g_assert_cmpstr (lineup_campaign_get_name (c), ==, "Spring launch");
  g_assert_cmpstr (lineup_campaign_get_starts_on (c), ==, "2026-03-01");

  /* Refused: from after to, a taken name, a bad colour. */
  g_assert_false (lineup_store_edit_campaign (f->store, id, NULL, NULL, "2026-04-02", NULL, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2026-04-02"));
  g_clear_error (&error);
  g_assert_false (lineup_store_edit_campaign (f->store, id, "summer", NULL, NULL, NULL, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (lineup_store_edit_campaign (f->store, id, NULL, "#12", NULL, NULL, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (lineup_store_closest_campaign_name (f->store, "Sprng launch"), ==, "Spring launch");

  /* Removing keeps its posts, in no campaign; undo puts them back in it. */
  g_assert_true (lineup_store_remove_campaign (f->store, id, &error));
  g_assert_no_error (error);
  g_assert_null (lineup_store_get_campaign (f->store, id));
  {
    g_autoptr(LineupPost) post = get_post (f, post_id);
    g_assert_cmpint (lineup_post_get_campaign_id (post), ==, 0);
  }
  undo (f);
  g_assert_nonnull (lineup_store_get_campaign (f->store, id));
  {
    g_autoptr(LineupPost) post = get_post (f, post_id);
    g_assert_cmpint (lineup_post_get_campaign_id (post), ==, id);
  }
}

/* Load Demo Plan, then Undo: nothing of it is left, and Redo brings it all
 * back. */
static void
test_demo_undo (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  guint n = 0, n_pillars;

  g_assert_true (lineup_demo_fill (f->store, 2026, 1, &n, &error));
  g_assert_no_error (error);
  n_pillars = g_list_model_get_n_items (lineup_store_get_pillars (f->store));
  g_assert_cmpuint (n_pillars, ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (lineup_store_get_campaigns (f->store)), ==, 1);

  undo (f);
  g_assert_cmpuint (lineup_store_count_posts (f->store), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (lineup_store_get_pillars (f->store)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (lineup_store_get_campaigns (f->store)), ==, 0);
  g_assert_false (lineup_store_can_undo (f->store));

  redo (f);
  g_assert_cmpuint (lineup_store_count_posts (f->store), ==, n);
  g_assert_cmpuint (g_list_model_get_n_items (lineup_store_get_pillars (f->store)), ==, 4);
  g_assert_cmpfloat (lineup_pillar_get_target (lineup_store_find_pillar (f->store, "Product education")), ==, 40);
  all = lineup_store_list_all_posts (f->store, &error);
  for (guint i = 0; i < all->len; i++)
    g_assert_nonnull (lineup_store_get_pillar (f->store, lineup_post_get_pillar_id (all->pdata[i])));

  /* And once more: the same rows go and come. */
  undo (f);
  g_assert_cmpuint (g_list_model_get_n_items (lineup_store_get_pillars (f->store)), ==, 0);
}

/* The demo of this month: published only what is past, nothing scheduled
 * in the past. */
static void
test_demo_dates (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  gint64 t = g_date_time_to_unix (now);
  guint n = 0, published = 0, scheduled = 0;

  for (int offset = 0; offset < 2; offset++)
    {
      g_autoptr(GDateTime) month = g_date_time_add_months (now, offset);

      g_assert_true (lineup_demo_fill (f->store, g_date_time_get_year (month),
                                       g_date_time_get_month (month), &n, &error));
      g_assert_no_error (error);
    }
  all = lineup_store_list_all_posts (f->store, &error);
  for (guint i = 0; i < all->len; i++)
    {
      LineupPost *p = all->pdata[i];

      if (lineup_post_get_stage (p) == LINEUP_STAGE_PUBLISHED)
        {
          g_assert_true (lineup_post_is_dated (p));
          g_assert_cmpint (lineup_post_get_scheduled_at (p), <=, t);
          published++;
        }
      if (lineup_post_get_stage (p) == LINEUP_STAGE_SCHEDULED)
        {
          g_assert_cmpint (lineup_post_get_scheduled_at (p), >, t);
          scheduled++;
        }
    }
  /* Next month's demo has scheduled posts still to go. */
  g_assert_cmpuint (scheduled, >, 0);
  (void) published;
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/catalog/additions-undo", test_additions_undo);
  ADD ("/catalog/pillar-edit", test_pillar_edit);
  ADD ("/catalog/pillar-remove", test_pillar_remove);
  ADD ("/catalog/campaign-edit-remove", test_campaign_edit_remove);
  ADD ("/catalog/demo-undo", test_demo_undo);
  ADD ("/catalog/demo-dates", test_demo_dates);

  return g_test_run ();
}
