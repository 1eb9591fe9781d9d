/* test-captions.c: per-network caption variants (kept, undone, sent), the
 * gate that refuses approving or scheduling a caption over a network's
 * limit, the previews as text, and the networks' media limits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "lineup-core.h"
#include "lineup-test-util.h"
#include "lineup-account.h"
#include "lineup-publish-store.h"
#include "lineup-store-utm.h"
#include "lineup-caption-limits.h"
#include "lineup-preview.h"
#include "lineup-platform-media.h"
#include "lineup-text.h"
#include "lineup-sync-plan.h"

typedef LineupTestPlan Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  lineup_test_plan_open (f, "lineup-captions-XXXXXX");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  lineup_test_plan_close (f);
}

static char *
repeat (const char *unit,
        guint       n)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (text, unit);
  return g_string_free (text, FALSE);
}

/* A post in review, dated tomorrow, on @platforms, with every checklist
 * item ticked. */
static char *
add_in_review (Fixture            *f,
               const char         *body,
               const char * const *platforms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) post = lineup_post_new ();
  g_autoptr(GPtrArray) items = lineup_store_get_checklist (f->store);

  lineup_post_set_title (post, "Launch story");
  lineup_post_set_body (post, body);
  lineup_post_set_pillar_id (post, f->pillar_id);
  lineup_post_set_type_id (post, f->type_id);
  lineup_post_set_platforms (post, platforms);
  lineup_post_set_scheduled_at (post, g_get_real_time () / G_USEC_PER_SEC + 86400);
  lineup_post_set_stage (post, LINEUP_STAGE_IN_REVIEW);
  g_assert_true (lineup_store_add_post (f->store, post, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    {
      g_assert_true (lineup_workflow_set_checked (f->store, lineup_post_get_id (post),
                                                  ((LineupChecklistItem *) items->pdata[i])->id,
                                                  TRUE, NULL, &error));
      g_assert_no_error (error);
    }
  return g_strdup (lineup_post_get_id (post));
}

static gboolean
set_variant (Fixture    *f,
             const char *id,
             const char *platform,
             const char *text,
             GError    **error)
{
  g_autoptr(LineupPost) post = lineup_store_get_post (f->store, id, NULL);

  lineup_post_set_caption_variant (post, platform, text);
  return lineup_workflow_edit (f->store, post, error);
}

static LineupStage
stage_of (Fixture    *f,
          const char *id)
{
  g_autoptr(LineupPost) post = lineup_store_get_post (f->store, id, NULL);

  return lineup_post_get_stage (post);
}

/* A post keeps its variants as one canonical JSON text; "" removes one. */
static void
test_post_variants (void)
{
  g_autoptr(LineupPost) post = lineup_post_new ();
  g_autoptr(LineupPost) copy = NULL;
  g_autofree char *for_x = NULL;
  g_autofree char *for_bluesky = NULL;

  lineup_post_set_body (post, "Main caption");
  g_assert_null (lineup_post_get_captions (post));
  lineup_post_set_caption_variant (post, "mastodon", "Toot \"this\"\nnow");
  lineup_post_set_caption_variant (post, "bluesky", "Skeet");
  /* The table's order, whatever order they were set in. */
  g_assert_cmpstr (lineup_post_get_captions (post), ==,
                   "{\"mastodon\":\"Toot \\\"this\\\"\\nnow\",\"bluesky\":\"Skeet\"}");
  for_bluesky = lineup_post_dup_caption_for (post, "bluesky");
  for_x = lineup_post_dup_caption_for (post, "x");
  g_assert_cmpstr (for_bluesky, ==, "Skeet");
  g_assert_cmpstr (for_x, ==, "Main caption");

  copy = lineup_post_copy (post);
  g_assert_true (lineup_post_content_equal (post, copy));
  lineup_post_set_caption_variant (copy, "bluesky", NULL);
  g_assert_false (lineup_post_content_equal (post, copy));
  lineup_post_set_caption_variant (copy, "mastodon", "");
  g_assert_null (lineup_post_get_captions (copy));

  /* Anything else is kept as given, for validation to refuse. */
  lineup_post_set_captions (copy, "{\"myspace\":\"hi\"}");
  g_assert_false (lineup_post_captions_valid (copy));
  lineup_post_set_captions (copy, "{\"bluesky\":\"a\",\"x\":\"b\"}");
  g_assert_true (lineup_post_captions_valid (copy));
  g_assert_cmpstr (lineup_post_get_captions (copy), ==, "{\"x\":\"b\",\"bluesky\":\"a\"}");
}

/* A scheduled post whose network variant changes is replaced on the
 * servers that hold it, as when its main caption changes. */
static void
test_variant_change_replaces (void)
{
  g_autoptr(LineupPost) scheduled = lineup_post_new ();
  g_autoptr(LineupPost) edited = NULL;
  LineupOutboxOp ops[2];

  lineup_post_set_title (scheduled, "Launch");
  lineup_post_set_body (scheduled, "Hi");
  lineup_post_set_stage (scheduled, LINEUP_STAGE_SCHEDULED);
  lineup_post_set_scheduled_at (scheduled, g_get_real_time () / G_USEC_PER_SEC + 3600);
  edited = lineup_post_copy (scheduled);
  lineup_post_set_caption_variant (edited, "mastodon", "Hi, fediverse");
  g_assert_cmpuint (lineup_sync_plan_change_ops (scheduled, edited, ops), ==, 1);
  g_assert_cmpint (ops[0], ==, LINEUP_OUTBOX_REPLACE);
  g_assert_cmpuint (lineup_sync_plan_change_ops (edited, edited, ops), ==, 0);
}

/* Stored, read back after reopening, undone as one step, refused when not
 * valid; the caption as it goes out to a network is its variant. */
static void
test_store_and_outgoing (Fixture       *f,
                         gconstpointer  data)
{
  const char *platforms[] = { "mastodon", "bluesky", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *id = add_in_review (f, "Main https://example.org/a", platforms);
  g_autoptr(LineupPost) post = NULL;
  g_autofree char *to_bluesky = NULL;
  g_autofree char *to_mastodon = NULL;
  g_autofree char *variant = NULL;

  g_assert_true (set_variant (f, id, "bluesky", "Short https://example.org/b", &error));
  g_assert_no_error (error);

  /* Undone and redone as one step, as any other edit of the post. */
  g_assert_true (lineup_store_undo (f->store, &error));
  g_assert_no_error (error);
  post = lineup_store_get_post (f->store, id, NULL);
  g_assert_null (lineup_post_get_captions (post));
  g_clear_object (&post);
  g_assert_true (lineup_store_redo (f->store, &error));
  g_assert_no_error (error);

  g_clear_object (&f->store);
  f->store = lineup_plan_open (f->path, &error);
  g_assert_no_error (error);
  post = lineup_store_get_post (f->store, id, &error);
  variant = lineup_post_dup_caption_variant (post, "bluesky");
  g_assert_cmpstr (variant, ==, "Short https://example.org/b");

  to_bluesky = lineup_store_outgoing_caption (f->store, post, "bluesky");
  to_mastodon = lineup_store_outgoing_caption (f->store, post, "mastodon");
  g_assert_true (g_str_has_prefix (to_bluesky, "Short https://example.org/b?utm_source=bluesky"));
  g_assert_true (g_str_has_prefix (to_mastodon, "Main https://example.org/a?utm_source=mastodon"));
  /* What the publisher sends to a Bluesky account is the variant. */
  {
    g_autoptr(LineupAccount) account = lineup_account_new ();
    g_autofree char *sent = NULL;

    account->kind = LINEUP_ACCOUNT_BLUESKY;
    sent = lineup_store_caption_for_account (f->store, post, account);
    g_assert_cmpstr (sent, ==, to_bluesky);
  }

  /* Not an object of texts keyed by platforms: refused, nothing written. */
  lineup_post_set_captions (post, "{\"myspace\":\"hi\"}");
  g_assert_false (lineup_workflow_edit (f->store, post, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "caption variants"));
}

/* The gate: over a chosen network's limit, neither approved (either way
 * in) nor scheduled; the message names the network, the count, the limit
 * and the command that writes a variant; the variant makes it pass. */
static void
test_gate (Fixture       *f,
           gconstpointer  data)
{
  const char *platforms[] = { "linkedin", "bluesky", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *long_caption = repeat ("é", 512);
  g_autofree char *id = add_in_review (f, long_caption, platforms);
  g_autofree char *expected = NULL;
  g_autofree char *too_long_variant = repeat ("a", 301);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  expected = g_strdup_printf ("“Launch story” cannot be approved: Bluesky allows 300 characters; this caption has 512. "
                              "Shorten it or write a Bluesky variant: lineup post caption %.8s --platform bluesky TEXT",
                              id);
  before = lineup_test_file_digest (f->path);
  g_assert_false (lineup_workflow_approve (f->store, id, "Ana", NULL, NULL, &error));
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);
  /* The stage move the board's drag and `post stage` make. */
  g_assert_false (lineup_workflow_move (f->store, id, LINEUP_STAGE_APPROVED, "Ana", NULL, NULL, &error));
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);
  after = lineup_test_file_digest (f->path);
  g_assert_cmpstr (before, ==, after);

  /* A Bluesky variant over the limit: named as the variant. */
  g_assert_true (set_variant (f, id, "bluesky", too_long_variant, &error));
  g_assert_false (lineup_workflow_approve (f->store, id, "Ana", NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "Bluesky allows 300 characters; its Bluesky variant has 301. Shorten it: lineup post caption"));
  g_clear_error (&error);

  /* A variant that fits: approved, and scheduled. */
  g_assert_true (set_variant (f, id, "bluesky", "Launch day.", &error));
  g_assert_true (lineup_workflow_approve (f->store, id, "Ana", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stage_of (f, id), ==, LINEUP_STAGE_APPROVED);

  /* Editing the variant after approval sends it back to review. */
  g_assert_true (set_variant (f, id, "bluesky", "Launch day!", &error));
  g_assert_cmpint (stage_of (f, id), ==, LINEUP_STAGE_IN_REVIEW);
  /* … and what changed since the approved version says so. */
  {
    g_autoptr(LineupPost) now = lineup_store_get_post (f->store, id, NULL);
    g_autoptr(LineupPostWorkflow) workflow = lineup_store_get_post_workflow (f->store, now, &error);
    g_autofree char *diff = lineup_workflow_describe_diff (workflow->approved, now);

    g_assert_nonnull (diff);
    g_assert_nonnull (strstr (diff, "Bluesky caption: "));
    g_assert_nonnull (strstr (diff, "{+"));
    g_assert_null (strstr (diff, "Caption: "));
  }
  g_assert_true (lineup_workflow_approve (f->store, id, "Ana", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (lineup_workflow_move (f->store, id, LINEUP_STAGE_SCHEDULED, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* Bluesky also takes at most 3,000 bytes: 290 family emoji fit its 300
 * graphemes but not its bytes. */
static void
test_gate_bluesky_bytes (Fixture       *f,
                         gconstpointer  data)
{
  const char *platforms[] = { "bluesky", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *families = repeat ("👨‍👩‍👧", 290);
  g_autofree char *id = add_in_review (f, families, platforms);

  g_assert_cmpuint (lineup_text_count_graphemes (families), ==, 290);
  g_assert_false (lineup_workflow_approve (f->store, id, "Ana", NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "cannot be approved: Bluesky allows 3000 bytes of text; its caption there has 5220"));
  g_clear_error (&error);
  g_assert_true (set_variant (f, id, "bluesky", "👨‍👩‍👧", &error));
  g_assert_true (lineup_workflow_approve (f->store, id, "Ana", NULL, NULL, &error));
  g_assert_no_error (error);
}

/* Scheduling checks too (a post approved before a network was added to it
 * cannot be: adding one sends it back; so the check is on an approved post
 * whose limit tightened — the Mastodon instance's own max_characters). */
static void
test_gate_schedule_and_instance_limit (Fixture       *f,
                                       gconstpointer  data)
{
  const char *platforms[] = { "mastodon", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *caption = repeat ("b", 450);
  g_autofree char *id = add_in_review (f, caption, platforms);
  g_autoptr(LineupAccount) account = lineup_account_new ();

  g_assert_cmpuint (lineup_caption_limit (f->store, "mastodon"), ==, 500);
  g_assert_true (lineup_workflow_approve (f->store, id, "Ana", NULL, NULL, &error));
  g_assert_no_error (error);

  /* The instance takes 400 (GET /api/v2/instance, kept on the account). */
  account->kind = LINEUP_ACCOUNT_MASTODON;
  account->name = g_strdup ("lineup@small.example");
  account->endpoint = g_strdup ("https://small.example");
  account->text_limit = 400;
  account->url_length = 23;
  g_assert_true (lineup_store_add_account (f->store, account, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lineup_caption_limit (f->store, "mastodon"), ==, 400);

  g_assert_false (lineup_workflow_move (f->store, id, LINEUP_STAGE_SCHEDULED, NULL, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "cannot be scheduled: Mastodon allows 400 characters; this caption has 450."));
  g_clear_error (&error);
  g_assert_cmpint (stage_of (f, id), ==, LINEUP_STAGE_APPROVED);
}

static void
test_preview_render (void)
{
  g_autofree char *long_words = repeat ("word ", 80);
  g_autofree char *bluesky_long = repeat ("👍🏽", 310);
  g_autofree char *out = NULL;
  g_autofree char *cut = NULL;

  /* Bluesky: the count, and the first link as the card. */
  out = lineup_preview_render ("New guide: https://example.org/g?utm_source=bluesky. Read it!", "bluesky", 0, NULL);
  g_assert_true (g_str_has_prefix (out, "Bluesky · 61 of 300 characters\n\n"));
  g_assert_nonnull (strstr (out, "\nLink card: https://example.org/g?utm_source=bluesky\n"));
  g_clear_pointer (&out, g_free);

  /* Over 300 graphemes: cut at 300 whole graphemes. */
  out = lineup_preview_render (bluesky_long, "bluesky", 0, NULL);
  g_assert_nonnull (strstr (out, "310 of 300 characters — 10 over"));
  cut = lineup_preview_truncate (bluesky_long, 300);
  g_assert_cmpuint (lineup_text_count_graphemes (cut), ==, 300);
  g_assert_cmpuint (strlen (cut), ==, 300 * strlen ("👍🏽"));
  g_clear_pointer (&out, g_free);

  /* Mastodon: the content warning first, each link as 23. */
  out = lineup_preview_render ("See https://example.org/a-very-long-path-indeed-more-than-23", "mastodon", 500, "spoilers");
  g_assert_true (g_str_has_prefix (out, "Mastodon · 35 of 500 characters (each link counts as 23)\n\nContent warning: spoilers\n"));
  g_clear_pointer (&out, g_free);

  /* LinkedIn folds after about 210 characters, at a word. */
  out = lineup_preview_render (long_words, "linkedin", 0, NULL);
  {
    const char *body = strstr (out, "\n\n") + 2;
    const char *fold = strstr (body, "…see more\n");

    g_assert_nonnull (fold);
    g_assert_cmpint (g_utf8_strlen (body, fold - body), <=, 210);
    g_assert_cmpint (g_utf8_strlen (body, fold - body), >=, 200);
    g_assert_true (fold[-1] == 'd');
  }
  g_clear_pointer (&out, g_free);

  /* Instagram after 125. */
  out = lineup_preview_render (long_words, "instagram", 0, NULL);
  {
    const char *body = strstr (out, "\n\n") + 2;
    const char *fold = strstr (body, "… more\n");

    g_assert_nonnull (fold);
    g_assert_cmpint (g_utf8_strlen (body, fold - body), <=, 125);
  }
  g_clear_pointer (&out, g_free);

  /* Short captions do not fold. */
  out = lineup_preview_render ("Short.", "instagram", 0, NULL);
  g_assert_cmpstr (out, ==, "Instagram · 6 of 2200 characters\n\nShort.\n");
}

static void
test_preview_post (Fixture       *f,
                   gconstpointer  data)
{
  const char *platforms[] = { "bluesky", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *id = add_in_review (f, "Main https://example.org/a", platforms);
  g_autoptr(LineupPost) post = NULL;
  g_autofree char *out = NULL;

  g_assert_true (set_variant (f, id, "bluesky", "Variant https://example.org/b", &error));
  post = lineup_store_get_post (f->store, id, NULL);
  out = lineup_preview_post (f->store, post, "Bluesky", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (out, "\nVariant https://example.org/b?utm_source=bluesky&utm_medium=social"));
  g_assert_nonnull (strstr (out, "Link card: https://example.org/b?utm_source=bluesky"));
  g_assert_null (lineup_preview_post (f->store, post, "myspace", &error));
  g_assert_nonnull (strstr (error->message, "not a platform Lineup knows"));
}

static gboolean
has_problem (GPtrArray  *problems,
             int         index,
             const char *needle)
{
  for (guint i = 0; i < problems->len; i++)
    {
      LineupMediaProblem *p = problems->pdata[i];

      if (p->index == index && strstr (p->message, needle))
        return TRUE;
    }
  return FALSE;
}

static void
test_media_limits (void)
{
  const LineupMediaFacts photo = { LINEUP_MEDIA_FACTS_IMAGE, "image/jpeg", 800000, 1080, 1350, 0 };
  const LineupMediaFacts big_photo = { LINEUP_MEDIA_FACTS_IMAGE, "image/png", 2400000, 4000, 3000, 0 };
  const LineupMediaFacts clip = { LINEUP_MEDIA_FACTS_VIDEO, "video/mp4", 20000000, 1080, 1920, 45000 };
  const LineupMediaFacts long_clip = { LINEUP_MEDIA_FACTS_VIDEO, "video/mp4", 50000000, 1920, 1080, 4 * 60 * 1000 };
  const char *all[] = { "mastodon", "bluesky", "instagram", "linkedin", "x", "tiktok", "threads",
                        "facebook", "pinterest", "youtube", NULL };
  LineupMediaFacts five[5] = { photo, photo, photo, photo, photo };
  LineupMediaFacts mixed[2] = { photo, clip };
  g_autoptr(GPtrArray) p = NULL;
  g_autofree LineupPlatformMediaLimits *instance = NULL;

  for (guint i = 0; all[i]; i++)
    {
      const LineupPlatformMediaLimits *limits = lineup_platform_media_limits (all[i]);

      g_assert_nonnull (limits);
      g_assert_true (g_str_has_prefix (limits->source, "https://"));
      g_assert_cmpint (limits->publishes, ==, g_str_equal (all[i], "mastodon") || g_str_equal (all[i], "bluesky"));
    }
  g_assert_null (lineup_platform_media_limits ("reddit"));

  /* One photo that fits everywhere that takes images. */
  p = lineup_platform_media_check (lineup_platform_media_limits ("bluesky"), &photo, 1);
  g_assert_cmpuint (p->len, ==, 0);
  g_clear_pointer (&p, g_ptr_array_unref);

  /* Bluesky: too large a blob, five images, images with a video: errors. */
  p = lineup_platform_media_check (lineup_platform_media_limits ("bluesky"), &big_photo, 1);
  g_assert_true (lineup_media_problems_have_error (p));
  g_assert_true (has_problem (p, 0, "Image 1 is 2.4\u00a0MB; Bluesky takes at most 1.0\u00a0MB"));
  g_clear_pointer (&p, g_ptr_array_unref);
  p = lineup_platform_media_check (lineup_platform_media_limits ("bluesky"), five, 5);
  g_assert_true (has_problem (p, -1, "The post has 5 images; Bluesky takes 4"));
  g_clear_pointer (&p, g_ptr_array_unref);
  p = lineup_platform_media_check (lineup_platform_media_limits ("mastodon"), mixed, 2);
  g_assert_true (has_problem (p, -1, "Mastodon takes images or a video, not both"));
  g_assert_true (lineup_media_problems_have_error (p));
  g_clear_pointer (&p, g_ptr_array_unref);
  p = lineup_platform_media_check (lineup_platform_media_limits ("bluesky"), &long_clip, 1);
  g_assert_true (has_problem (p, 0, "Video 1 lasts 4 min; Bluesky takes videos up to 3 min"));
  g_clear_pointer (&p, g_ptr_array_unref);

  /* An instance's own limits override the defaults. */
  instance = lineup_platform_media_limits_copy (lineup_platform_media_limits ("mastodon"));
  instance->max_images = 2;
  instance->max_image_bytes = 500000;
  p = lineup_platform_media_check (instance, five, 3);
  g_assert_true (has_problem (p, -1, "The post has 3 images; Mastodon takes 2"));
  g_assert_true (has_problem (p, 2, "Image 3 is 800.0\u00a0kB; Mastodon takes at most 500.0\u00a0kB"));
  g_clear_pointer (&p, g_ptr_array_unref);

  /* Elsewhere: warnings. Instagram's 4:5 portrait is fine, 4:3 PNG is not JPEG. */
  p = lineup_platform_media_check (lineup_platform_media_limits ("instagram"), &photo, 1);
  g_assert_cmpuint (p->len, ==, 0);
  g_clear_pointer (&p, g_ptr_array_unref);
  p = lineup_platform_media_check (lineup_platform_media_limits ("instagram"), &big_photo, 1);
  g_assert_false (lineup_media_problems_have_error (p));
  g_assert_true (has_problem (p, 0, "Image 1 is image/png, which Instagram does not take"));
  g_clear_pointer (&p, g_ptr_array_unref);
  p = lineup_platform_media_check (lineup_platform_media_limits ("x"), &long_clip, 1);
  g_assert_true (has_problem (p, 0, "Video 1 lasts 4 min; X takes videos up to 140 s"));
  g_clear_pointer (&p, g_ptr_array_unref);
  p = lineup_platform_media_check (lineup_platform_media_limits ("pinterest"), &long_clip, 1);
  g_assert_false (has_problem (p, 0, "aspect ratio"));
  g_clear_pointer (&p, g_ptr_array_unref);
  p = lineup_platform_media_check (lineup_platform_media_limits ("youtube"), &photo, 1);
  g_assert_true (has_problem (p, -1, "YouTube takes no images"));
  g_assert_true (has_problem (p, -1, "A post on YouTube is a video"));
  g_clear_pointer (&p, g_ptr_array_unref);
  {
    const LineupMediaFacts wide = { LINEUP_MEDIA_FACTS_IMAGE, "image/jpeg", 100000, 3000, 1000, 0 };

    p = lineup_platform_media_check (lineup_platform_media_limits ("instagram"), &wide, 1);
    g_assert_true (has_problem (p, 0, "Image 1 has an aspect ratio of 3.00:1; Instagram takes 0.80:1 to 1.91:1"));
    g_clear_pointer (&p, g_ptr_array_unref);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/captions/post-variants", test_post_variants);
  g_test_add_func ("/captions/variant-change-replaces", test_variant_change_replaces);
  g_test_add ("/captions/store-and-outgoing", Fixture, NULL, fixture_set_up, test_store_and_outgoing, fixture_tear_down);
  g_test_add ("/captions/gate", Fixture, NULL, fixture_set_up, test_gate, fixture_tear_down);
  g_test_add ("/captions/gate-bluesky-bytes", Fixture, NULL, fixture_set_up, test_gate_bluesky_bytes, fixture_tear_down);
  g_test_add ("/captions/gate-schedule-instance-limit", Fixture, NULL, fixture_set_up,
              test_gate_schedule_and_instance_limit, fixture_tear_down);
  g_test_add_func ("/captions/preview-render", test_preview_render);
  g_test_add ("/captions/preview-post", Fixture, NULL, fixture_set_up, test_preview_post, fixture_tear_down);
  g_test_add_func ("/captions/media-limits", test_media_limits);
  return g_test_run ();
}
