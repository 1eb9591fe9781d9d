/* lineup-test-util.c: helpers the core tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lineup-test-util.h"

#include <glib/gstdio.h>

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
