/* test-context.c: what an open plan's context runs in the background,
 * driven through a main loop with short intervals.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "lineup-core.h"
#include "lineup-secrets.h"
#include "lineup-test-util.h"

#define OVERLAY_MS 200
#define AUTO_PUBLISH_MS 50

static const char holidays[] =
  "BEGIN:VCALENDAR\r\n"
  "VERSION:2.0\r\n"
  "PRODID:-//Lineup//test//EN\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:day-off@lineup.test\r\n"
  "DTSTAMP:20260101T000000Z\r\n"
  "DTSTART;VALUE=DATE:20260601\r\n"
  "SUMMARY:Day off\r\n"
  "END:VEVENT\r\n"
  "END:VCALENDAR\r\n";

static gboolean
quit_loop_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms milliseconds. */
static void
run_for (guint ms)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_timeout_add (ms, quit_loop_cb, loop);
  g_main_loop_run (loop);
}

/* The overlay's copy, or NULL while it has none. */
static char *
overlay_copy (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupStore) store = lineup_plan_open (path, &error);
  g_autoptr(GPtrArray) overlays = NULL;

  g_assert_no_error (error);
  overlays = lineup_store_get_overlays (store);
  g_assert_cmpuint (overlays->len, ==, 1);
  return g_strdup (((LineupOverlay *) g_ptr_array_index (overlays, 0))->cache);
}

/* The README promises overlays are looked at hourly while the app runs:
 * an edit (which starts the feeds' auto-publish wait) must not end that. */
static void
test_overlays_refresh_after_an_edit (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lineup-context-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "lineup.db", NULL);
  g_autofree char *secrets = g_build_filename (dir, "secrets", NULL);
  g_autofree char *source = g_build_filename (dir, "holidays.ics", NULL);
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupContext) context = NULL;
  g_autoptr(LineupPost) post = lineup_post_new ();
  g_autofree char *copy = NULL;

  g_assert_no_error (error);
  /* No keyring in a test: the secrets go to a file. */
  g_setenv (LINEUP_SECRETS_FILE_ENV, secrets, TRUE);
  store = lineup_plan_open (path, &error);
  g_assert_no_error (error);
  /* Its source is not there yet: the look at start fails and leaves it
   * due, without a copy. */
  g_assert_true (lineup_store_add_overlay (store, "Holidays", source, "#3584e4", &error));
  g_assert_no_error (error);

  context = lineup_context_new (store);
  lineup_context_set_intervals (context, OVERLAY_MS, AUTO_PUBLISH_MS);
  lineup_context_start (context);
  run_for (OVERLAY_MS / 2);

  /* An edit: the feeds' auto-publish wait starts. */
  lineup_post_set_title (post, "Launch story");
  lineup_post_set_pillar_id (post, lineup_pillar_get_id (lineup_store_add_pillar (store, "Stories", NULL, -1, &error)));
  g_assert_no_error (error);
  lineup_post_set_type_id (post, lineup_content_type_get_id (lineup_store_find_content_type (store, "Narrative")));
  g_assert_true (lineup_store_add_post (store, post, &error));
  g_assert_no_error (error);
  run_for (AUTO_PUBLISH_MS * 2);

  /* The source appears; a later look at the overlays due fetches it. */
  g_assert_true (g_file_set_contents (source, holidays, -1, &error));
  g_assert_no_error (error);
  for (guint waited = 0; waited < OVERLAY_MS * 15 && copy == NULL; waited += OVERLAY_MS / 2)
    {
      run_for (OVERLAY_MS / 2);
      copy = overlay_copy (path);
    }
  g_assert_nonnull (copy);
  g_assert_cmpint (lineup_overlay_count (copy), ==, 1);

  g_clear_object (&context);
  g_clear_object (&store);
  lineup_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/context/overlays-refresh-after-an-edit", test_overlays_refresh_after_an_edit);

  return g_test_run ();
}
