/* test-store-guard.c: a plan open in one process keeps its write-ahead log
 * when something in that process reads the file (as GIO does to guess a
 * file's type) and a `lineup` command opens and closes the plan meanwhile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <unistd.h>

#include "lineup-core.h"
#include "lineup-test-util.h"

/* What GIO's content-type sniffing does to each file it lists: open, read
 * the first bytes, close. Closing drops every POSIX lock this process holds
 * on the file, SQLite's included. */
static void
sniff (const char *path)
{
  char buffer[4096];
  int fd = g_open (path, O_RDONLY, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (read (fd, buffer, sizeof buffer), >=, 0);
  g_assert_no_errno (close (fd));
}

/* The real command line, in a process of its own, on the plan. */
static void
run_command (const char *path,
             const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *errors = NULL;
  const char *binary = g_getenv ("LINEUP_BINARY");
  const char *argv[] = { binary, "--database", path, "post", "add", "--title", title,
                         "--pillar", "Product education", "--type", "Educational", NULL };
  int status = 0;

  g_assert_nonnull (binary);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &output, &errors, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s post add failed: %s\n%s", binary, error->message, errors);
}

static LineupPost *
titled (const char *title)
{
  LineupPost *post = lineup_post_new ();

  lineup_post_set_title (post, title);
  return post;
}

static gboolean
has_title (GPtrArray  *posts,
           const char *title)
{
  for (guint i = 0; i < posts->len; i++)
    if (g_str_equal (lineup_post_get_title (posts->pdata[i]), title))
      return TRUE;
  return FALSE;
}

static void
test_log_kept_while_open (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lineup-guard-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "plan.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(LineupStore) window = NULL;
  g_autoptr(LineupStore) later = NULL;
  g_autoptr(LineupPost) first = titled ("Written by the window before");
  g_autoptr(LineupPost) second = titled ("Written by the window after");
  g_autoptr(GPtrArray) posts = NULL;
  gint64 pillar, type;

  g_assert_no_error (error);
  window = lineup_store_open (path, &error);
  g_assert_no_error (error);
  pillar = lineup_pillar_get_id (lineup_store_add_pillar (window, "Product education", "#3584e4", 40, &error));
  g_assert_no_error (error);
  type = lineup_content_type_get_id (lineup_store_find_content_type (window, "Educational"));
  lineup_post_set_pillar_id (first, pillar);
  lineup_post_set_type_id (first, type);
  g_assert_true (lineup_store_add_post (window, first, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* A file chooser lists the plan's folder in the window's process... */
  sniff (path);
  sniff (wal);
  sniff (shm);
  /* ...and a command opens and closes the plan. */
  run_command (path, "Written by a command");

  /* The window still has the plan open: its log must still be there. */
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (shm, G_FILE_TEST_EXISTS));

  /* What the window writes now reaches everyone else... */
  lineup_post_set_pillar_id (second, pillar);
  lineup_post_set_type_id (second, type);
  g_assert_true (lineup_store_add_post (window, second, &error));
  g_assert_no_error (error);
  later = lineup_store_open (path, &error);
  g_assert_no_error (error);
  posts = lineup_store_list_all_posts (later, &error);
  g_assert_no_error (error);
  g_assert_true (has_title (posts, "Written by the window before"));
  g_assert_true (has_title (posts, "Written by a command"));
  g_assert_true (has_title (posts, "Written by the window after"));
  g_clear_pointer (&posts, g_ptr_array_unref);
  g_clear_object (&later);

  /* ...and the window sees the command's post. */
  lineup_store_refresh (window);
  posts = lineup_store_list_all_posts (window, &error);
  g_assert_no_error (error);
  g_assert_true (has_title (posts, "Written by a command"));
  g_clear_pointer (&posts, g_ptr_array_unref);

  /* The last one to close still checkpoints and removes the log. */
  g_clear_object (&window);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  lineup_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/guard/log-kept-while-open", test_log_kept_while_open);
  return g_test_run ();
}
