/* test-post-check.c: a post's media against the networks it targets — the
 * gate that refuses approving, moving to Approved or scheduling a post
 * whose media break Mastodon's or Bluesky's limits (the instance's own, as
 * kept on the account), and the warnings for the other networks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <locale.h>
#include <string.h>

#include "lineup-core.h"
#include "lineup-test-util.h"
#include "lineup-account.h"
#include "lineup-publish-store.h"
#include "lineup-post-check.h"
#include "lineup-store-media.h"

typedef LineupTestPlan Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  lineup_test_plan_open (f, "lineup-post-check-XXXXXX");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  lineup_test_plan_close (f);
}

/* A post in review on @platforms with @n_images PNG images (alt text
 * given) and every checklist item ticked. */
static char *
add_with_images (Fixture            *f,
                 const char * const *platforms,
                 guint               n_images)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) post = lineup_post_new ();
  g_autoptr(GPtrArray) items = lineup_store_get_checklist (f->store);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  lineup_post_set_title (post, "Bike day");
  lineup_post_set_body (post, "Ride with us on Sunday.");
  lineup_post_set_pillar_id (post, f->pillar_id);
  lineup_post_set_type_id (post, f->type_id);
  lineup_post_set_platforms (post, platforms);
  lineup_post_set_scheduled_at (post, g_get_real_time () / G_USEC_PER_SEC + 86400);
  lineup_post_set_stage (post, LINEUP_STAGE_IN_REVIEW);
  g_assert_true (lineup_store_add_post (f->store, post, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < n_images; i++)
    {
      g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 40, 30);
      g_autofree char *name = g_strdup_printf ("photo-%u.png", i);
      char *path = g_build_filename (f->dir, name, NULL);

      gdk_pixbuf_fill (pixbuf, 0x10203000 + (i << 8));
      g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", &error, NULL));
      g_assert_no_error (error);
      g_ptr_array_add (paths, path);
    }
  g_ptr_array_add (paths, NULL);
  if (n_images > 0)
    {
      g_assert_true (lineup_store_attach_media (f->store, lineup_post_get_id (post),
                                                (const char * const *) paths->pdata, "A red bicycle", &error));
      g_assert_no_error (error);
    }
  /* The computed item (alt text) refuses a tick: Lineup ticks it. */
  for (guint i = 0; i < items->len; i++)
    lineup_workflow_set_checked (f->store, lineup_post_get_id (post),
                                 ((LineupChecklistItem *) items->pdata[i])->id, TRUE, NULL, NULL);
  return g_strdup (lineup_post_get_id (post));
}

static LineupStage
stage_of (Fixture    *f,
          const char *id)
{
  g_autoptr(LineupPost) post = lineup_store_get_post (f->store, id, NULL);

  return lineup_post_get_stage (post);
}

static GPtrArray *
check (Fixture    *f,
       const char *id)
{
  g_autoptr(LineupPost) post = lineup_store_get_post (f->store, id, NULL);

  return lineup_post_check (f->store, post, NULL);
}

/* Five images: Bluesky (where Lineup publishes) refuses the approval and
 * the move to Approved, naming the network and the limit; Instagram's
 * problem (it takes only JPEG) is a warning. Four images: approved. */
static void
test_approve (Fixture       *f,
              gconstpointer  data)
{
  const char *platforms[] = { "bluesky", "instagram", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *id = add_with_images (f, platforms, 5);
  g_autoptr(GPtrArray) problems = check (f, id);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gboolean bluesky_error = FALSE, instagram_warning = FALSE;

  g_assert_cmpint (stage_of (f, id), ==, LINEUP_STAGE_IN_REVIEW);
  for (guint i = 0; i < problems->len; i++)
    {
      LineupCheckProblem *problem = problems->pdata[i];

      g_assert_cmpint (problem->topic, ==, LINEUP_CHECK_MEDIA);
      if (g_str_equal (problem->platform, "bluesky") && problem->is_error &&
          strstr (problem->message, "The post has 5 images; Bluesky takes 4 in one post"))
        bluesky_error = TRUE;
      if (g_str_equal (problem->platform, "instagram"))
        {
          g_assert_false (problem->is_error);
          if (strstr (problem->message, "image/png, which Instagram does not take"))
            instagram_warning = TRUE;
        }
    }
  g_assert_true (bluesky_error);
  g_assert_true (instagram_warning);

  before = lineup_test_file_digest (f->path);
  g_assert_false (lineup_workflow_approve (f->store, id, "Ana", NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "“Bike day” cannot be approved: The post has 5 images; Bluesky takes 4 in one post: remove some."));
  g_clear_error (&error);
  g_assert_false (lineup_workflow_move (f->store, id, LINEUP_STAGE_APPROVED, "Ana", NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "cannot be approved: The post has 5 images; Bluesky takes 4"));
  g_clear_error (&error);
  after = lineup_test_file_digest (f->path);
  g_assert_cmpstr (before, ==, after);

  /* One image less: Bluesky takes it; Instagram's warnings do not block. */
  g_assert_true (lineup_store_detach_medium (f->store, id, 4, &error));
  g_assert_no_error (error);
  if (stage_of (f, id) != LINEUP_STAGE_IN_REVIEW)
    {
      g_assert_true (lineup_workflow_move (f->store, id, LINEUP_STAGE_IN_REVIEW, "Erin Editor", NULL, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (lineup_workflow_approve (f->store, id, "Ana", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stage_of (f, id), ==, LINEUP_STAGE_APPROVED);
}

/* The Mastodon instance's own limits (GET /api/v2/instance, kept on the
 * account): an approved post with two images cannot be scheduled once the
 * plan's instance takes one. */
static void
test_schedule_instance_limits (Fixture       *f,
                               gconstpointer  data)
{
  const char *platforms[] = { "mastodon", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *id = add_with_images (f, platforms, 2);
  g_autoptr(LineupAccount) account = lineup_account_new ();
  g_autofree LineupPlatformMediaLimits *limits = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  g_assert_true (lineup_workflow_approve (f->store, id, "Ana", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stage_of (f, id), ==, LINEUP_STAGE_APPROVED);

  account->kind = LINEUP_ACCOUNT_MASTODON;
  account->name = g_strdup ("lineup@small.example");
  account->endpoint = g_strdup ("https://small.example");
  account->text_limit = 500;
  account->url_length = 23;
  account->media_limits = g_strdup ("{\"max_media_attachments\":1,\"image_size_limit\":2000000}");
  g_assert_true (lineup_store_add_account (f->store, account, &error));
  g_assert_no_error (error);

  limits = lineup_post_check_media_limits (f->store, "mastodon");
  g_assert_cmpuint (limits->max_images, ==, 1);
  g_assert_cmpuint (limits->max_image_bytes, ==, 2000000);
  g_assert_cmpuint (limits->max_videos, ==, 1);

  problems = check (f, id);
  g_assert_cmpuint (problems->len, ==, 1);

  g_assert_false (lineup_workflow_move (f->store, id, LINEUP_STAGE_SCHEDULED, NULL, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "“Bike day” cannot be scheduled: The post has 2 images; Mastodon takes 1 in one post: remove some."));
  g_clear_error (&error);
  g_assert_cmpint (stage_of (f, id), ==, LINEUP_STAGE_APPROVED);
}

/* A post without media, and one on a network Lineup has no media entry
 * for, has no media problems; a caption over a limit is an error in the
 * check too. */
static void
test_caption_in_check (Fixture       *f,
                       gconstpointer  data)
{
  const char *platforms[] = { "bluesky", NULL };
  g_autofree char *id = add_with_images (f, platforms, 0);
  g_autoptr(LineupPost) post = lineup_store_get_post (f->store, id, NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  problems = lineup_post_check (f->store, post, NULL);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  for (guint i = 0; i < 310; i++)
    g_string_append_c (text, 'a');
  lineup_post_set_body (post, text->str);
  problems = lineup_post_check (f->store, post, NULL);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpint (((LineupCheckProblem *) problems->pdata[0])->topic, ==, LINEUP_CHECK_CAPTION);
  g_assert_true (((LineupCheckProblem *) problems->pdata[0])->is_error);
  g_assert_nonnull (strstr (((LineupCheckProblem *) problems->pdata[0])->message, "Bluesky allows 300 characters; this caption has 310"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/post-check/approve", Fixture, NULL, fixture_set_up, test_approve, fixture_tear_down);
  g_test_add ("/post-check/schedule-instance-limits", Fixture, NULL, fixture_set_up,
              test_schedule_instance_limits, fixture_tear_down);
  g_test_add ("/post-check/caption", Fixture, NULL, fixture_set_up, test_caption_in_check, fixture_tear_down);
  return g_test_run ();
}
