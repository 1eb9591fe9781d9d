/* test-content-warning.c: a post's content warning (Mastodon's
 * spoiler_text): kept and undone as one step, part of what approvers
 * approve, counted with the caption against Mastodon's limit, sent as
 * spoiler_text, shown first in Mastodon's preview and noted on Bluesky's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "lineup-core.h"
#include "lineup-test-util.h"
#include "lineup-caption-limits.h"
#include "lineup-post-check.h"
#include "lineup-preview.h"
#include "lineup-store-utm.h"

typedef LineupTestPlan Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  lineup_test_plan_open (f, "lineup-cw-XXXXXX");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  lineup_test_plan_close (f);
}

/* A post in review, dated tomorrow, on @platforms, every checklist item
 * ticked. */
static char *
add_in_review (Fixture            *f,
               const char         *body,
               const char * const *platforms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) post = lineup_post_new ();
  g_autoptr(GPtrArray) items = lineup_store_get_checklist (f->store);

  lineup_post_set_title (post, "Spoilers ahead");
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
set_warning (Fixture    *f,
             const char *id,
             const char *warning,
             GError    **error)
{
  g_autoptr(LineupPost) post = lineup_store_get_post (f->store, id, NULL);

  lineup_post_set_content_warning (post, warning);
  return lineup_workflow_edit (f->store, post, error);
}

static char *
warning_of (Fixture    *f,
            const char *id)
{
  g_autoptr(LineupPost) post = lineup_store_get_post (f->store, id, NULL);

  return g_strdup (lineup_post_get_content_warning (post));
}

/* Kept, read back after reopening, undone and redone as one step; ""
 * removes it; more than one line is refused. */
static void
test_store_round_trip (Fixture       *f,
                       gconstpointer  data)
{
  const char *platforms[] = { "mastodon", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *id = add_in_review (f, "The ending, discussed", platforms);
  g_autofree char *read = NULL;
  g_autoptr(LineupPost) post = NULL;

  read = warning_of (f, id);
  g_assert_cmpstr (read, ==, "");
  g_clear_pointer (&read, g_free);

  g_assert_true (set_warning (f, id, "Film spoilers", &error));
  g_assert_no_error (error);
  g_assert_true (lineup_store_undo (f->store, &error));
  g_assert_no_error (error);
  read = warning_of (f, id);
  g_assert_cmpstr (read, ==, "");
  g_clear_pointer (&read, g_free);
  g_assert_true (lineup_store_redo (f->store, &error));
  g_assert_no_error (error);

  g_clear_object (&f->store);
  f->store = lineup_plan_open (f->path, &error);
  g_assert_no_error (error);
  read = warning_of (f, id);
  g_assert_cmpstr (read, ==, "Film spoilers");
  g_clear_pointer (&read, g_free);

  g_assert_true (set_warning (f, id, "", &error));
  read = warning_of (f, id);
  g_assert_cmpstr (read, ==, "");

  post = lineup_store_get_post (f->store, id, NULL);
  lineup_post_set_content_warning (post, "two\nlines");
  g_assert_false (lineup_workflow_edit (f->store, post, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "content warning"));
}

/* What readers see first is approved with the rest: the content key
 * changes with the warning (and stays what it was without one), and a
 * new warning on an approved post sends it back to review, and what
 * changed since the approved version names it. */
static void
test_approval_key (Fixture       *f,
                   gconstpointer  data)
{
  const char *platforms[] = { "mastodon", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *id = add_in_review (f, "The ending, discussed", platforms);
  g_autoptr(LineupPost) post = lineup_store_get_post (f->store, id, NULL);
  g_autoptr(LineupPost) warned = lineup_post_copy (post);
  g_autofree char *key = lineup_post_content_key (post);
  g_autofree char *key_warned = NULL;
  g_autofree char *key_removed = NULL;

  lineup_post_set_content_warning (warned, "Film spoilers");
  key_warned = lineup_post_content_key (warned);
  g_assert_cmpstr (key, !=, key_warned);
  lineup_post_set_content_warning (warned, "");
  key_removed = lineup_post_content_key (warned);
  g_assert_cmpstr (key, ==, key_removed);

  g_assert_true (lineup_workflow_approve (f->store, id, "Ana", NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&post);
  post = lineup_store_get_post (f->store, id, NULL);
  g_assert_cmpint (lineup_post_get_stage (post), ==, LINEUP_STAGE_APPROVED);

  g_assert_true (set_warning (f, id, "Film spoilers", &error));
  g_assert_no_error (error);
  g_clear_object (&post);
  post = lineup_store_get_post (f->store, id, NULL);
  g_assert_cmpint (lineup_post_get_stage (post), ==, LINEUP_STAGE_IN_REVIEW);
  {
    g_autoptr(LineupPostWorkflow) workflow = lineup_store_get_post_workflow (f->store, post, &error);
    g_autofree char *diff = NULL;

    g_assert_no_error (error);
    g_assert_nonnull (workflow->approved);
    g_assert_cmpstr (lineup_post_get_content_warning (workflow->approved), ==, "");
    diff = lineup_workflow_describe_diff (workflow->approved, post);
    g_assert_nonnull (diff);
    g_assert_nonnull (strstr (diff, "Content warning: {+Film spoilers+}"));
  }
}

/* Mastodon counts the warning with the text: a warning that takes a
 * post over the limit refuses its approval with a message that says so;
 * Bluesky's problems warn (not refuse) that it has no warnings. */
static void
test_limit_and_bluesky (Fixture       *f,
                        gconstpointer  data)
{
  const char *platforms[] = { "mastodon", "bluesky", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *caption = g_strnfill (290, 'a');
  g_autofree char *long_warning = g_strnfill (250, 'w');
  g_autofree char *id = add_in_review (f, caption, platforms);
  g_autoptr(LineupPost) post = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  gboolean warned = FALSE;

  g_assert_true (set_warning (f, id, long_warning, &error));
  post = lineup_store_get_post (f->store, id, NULL);
  g_assert_cmpuint (lineup_store_count_outgoing (f->store, post, "mastodon"), ==, 540);
  g_assert_cmpuint (lineup_store_count_outgoing (f->store, post, "bluesky"), ==, 290);
  g_assert_false (lineup_workflow_approve (f->store, id, "Ana", NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "Mastodon allows 500 characters, counting the content warning with the caption; together they have 540"));
  g_clear_error (&error);

  problems = lineup_post_check (f->store, post, NULL);
  for (guint i = 0; i < problems->len; i++)
    {
      LineupCheckProblem *problem = problems->pdata[i];

      if (g_str_equal (problem->platform, "bluesky"))
        {
          g_assert_false (problem->is_error);
          g_assert_true (g_str_has_prefix (problem->message, "Bluesky has no content warnings: the post goes out without it"));
          warned = TRUE;
        }
    }
  g_assert_true (warned);

  g_assert_true (set_warning (f, id, "Spoilers", &error));
  g_assert_true (lineup_workflow_approve (f->store, id, "Ana", NULL, NULL, &error));
  g_assert_no_error (error);
}

/* Mastodon's preview shows the warning, then Show more, then the text. */
static void
test_preview (Fixture       *f,
              gconstpointer  data)
{
  const char *platforms[] = { "mastodon", "bluesky", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *id = add_in_review (f, "The ending, discussed", platforms);
  g_autoptr(LineupPost) post = NULL;
  g_autofree char *mastodon = NULL;
  g_autofree char *bluesky = NULL;
  const char *warning, *more, *text;

  g_assert_true (set_warning (f, id, "Film spoilers", &error));
  post = lineup_store_get_post (f->store, id, NULL);
  mastodon = lineup_preview_post (f->store, post, "mastodon", &error);
  g_assert_no_error (error);
  warning = strstr (mastodon, "Content warning: Film spoilers");
  more = strstr (mastodon, "[Show more]");
  text = strstr (mastodon, "The ending, discussed");
  g_assert_nonnull (warning);
  g_assert_nonnull (more);
  g_assert_nonnull (text);
  g_assert_true (warning < more && more < text);
  g_assert_nonnull (strstr (mastodon, "34 of 500 characters"));

  bluesky = lineup_preview_post (f->store, post, "bluesky", &error);
  g_assert_null (strstr (bluesky, "Film spoilers"));
  g_assert_nonnull (strstr (bluesky, "Bluesky has no content warnings"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/content-warning/store", Fixture, NULL, fixture_set_up, test_store_round_trip, fixture_tear_down);
  g_test_add ("/content-warning/approval-key", Fixture, NULL, fixture_set_up, test_approval_key, fixture_tear_down);
  g_test_add ("/content-warning/limit-and-bluesky", Fixture, NULL, fixture_set_up, test_limit_and_bluesky, fixture_tear_down);
  g_test_add ("/content-warning/preview", Fixture, NULL, fixture_set_up, test_preview, fixture_tear_down);
  return g_test_run ();
}
