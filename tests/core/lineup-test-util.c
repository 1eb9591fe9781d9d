/* lineup-test-util.c: helpers the core tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lineup-test-util.h"

#include <glib/gstdio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "lineup-core.h"

void
lineup_test_remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        lineup_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (dir);
}

char *
lineup_test_file_digest (const char *path)
{
  g_autofree char *data = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

void
lineup_test_plan_open (LineupTestPlan *plan,
                       const char     *template)
{
  g_autoptr(GError) error = NULL;

  plan->dir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  plan->path = g_build_filename (plan->dir, "lineup.db", NULL);
  plan->store = lineup_plan_open (plan->path, &error);
  g_assert_no_error (error);
  lineup_store_set_actor (plan->store, "Erin Editor");
  plan->pillar_id = lineup_pillar_get_id (lineup_store_add_pillar (plan->store, "Stories", NULL, -1, &error));
  g_assert_no_error (error);
  plan->type_id = lineup_content_type_get_id (lineup_store_find_content_type (plan->store, "Narrative"));
}

void
lineup_test_plan_close (LineupTestPlan *plan)
{
  g_clear_object (&plan->store);
  lineup_test_remove_tree (plan->dir);
  g_clear_pointer (&plan->dir, g_free);
  g_clear_pointer (&plan->path, g_free);
}

char *
lineup_test_plan_add_post (LineupTestPlan *plan,
                           LineupStage     stage)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) post = lineup_post_new ();
  const char *platforms[] = { "mastodon", NULL };

  lineup_post_set_title (post, "Bike day");
  lineup_post_set_body (post, "Ride with us on Sunday.");
  lineup_post_set_pillar_id (post, plan->pillar_id);
  lineup_post_set_type_id (post, plan->type_id);
  lineup_post_set_platforms (post, platforms);
  lineup_post_set_scheduled_at (post, g_get_real_time () / G_USEC_PER_SEC + 86400);
  lineup_post_set_stage (post, stage);
  g_assert_true (lineup_store_add_post (plan->store, post, &error));
  g_assert_no_error (error);
  return g_strdup (lineup_post_get_id (post));
}

char *
lineup_test_write_image (const char *dir,
                         const char *name,
                         const char *format,
                         int         width,
                         int         height,
                         guint32     color)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  char *path = g_build_filename (dir, name, NULL);

  gdk_pixbuf_fill (pixbuf, color);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, format, &error, NULL));
  g_assert_no_error (error);
  return path;
}
