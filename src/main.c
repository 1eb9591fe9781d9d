/* main.c: one binary: a subcommand runs the command line, none opens the window.
 *
 * The window is the module lineup-window.so (lineup-window.h), loaded only
 * when no command was given; the command line and the core are linked in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "cli/lineup-cli.h"
#ifndef LINEUP_WITHOUT_UI
#include <gmodule.h>

#include "lineup-window.h"
#endif

#ifndef LINEUP_WITHOUT_UI
/* Where the window's module may be, in order: beside the binary (the build
 * tree: tests, build-aux/run and the benches start build/src/lineup), in
 * LIBDIR/lineup relative to the binary (an install moved as a whole, or
 * unpacked into a DESTDIR), then in LIBDIR/lineup as configured. */
static GPtrArray *
window_module_candidates (void)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

  if (self)
    {
      g_autofree char *dir = g_path_get_dirname (self);

      g_ptr_array_add (paths, g_build_filename (dir, LINEUP_WINDOW_MODULE, NULL));
#ifdef LINEUP_MODULEDIR_FROM_BINDIR
      {
        g_autofree char *joined = g_build_filename (dir, LINEUP_MODULEDIR_FROM_BINDIR, LINEUP_WINDOW_MODULE, NULL);

        /* Without the "..": easier to read in an error. */
        g_ptr_array_add (paths, g_canonicalize_filename (joined, NULL));
      }
#endif
    }
  g_ptr_array_add (paths, g_build_filename (LINEUP_MODULEDIR, LINEUP_WINDOW_MODULE, NULL));
  return paths;
}

/* Loads the window's module and runs it; without it, says what is missing
 * and where it was looked for, and returns 1. The module stays loaded until
 * the process exits (GTK's types cannot be unloaded). */
static int
run_window (int    argc,
            char **argv)
{
  g_autoptr(GPtrArray) paths = window_module_candidates ();
  g_autoptr(GString) looked = g_string_new (NULL);
  GModule *module;
  gpointer symbol = NULL;
  gpointer version = NULL;

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_string_append_printf (looked, "\n  %s", path);
          continue;
        }

      module = g_module_open (path, G_MODULE_BIND_LAZY);
      if (!module)
        {
          g_autofree char *message = NULL;

          /* TRANSLATORS: the first %s is a file path, the second the system's reason. */
          message = g_strdup_printf (_("the window's module %s could not be loaded: %s. Reinstall Lineup, or give it a command (see “lineup --help”)."),
                                     path, g_module_error ());
          g_printerr ("lineup: %s\n", message);
          return 1;
        }
      if (!g_module_symbol (module, LINEUP_WINDOW_VERSION, &version)
          || g_strcmp0 ((const char *) version, PACKAGE_VERSION) != 0
          || !g_module_symbol (module, LINEUP_WINDOW_MAIN, &symbol))
        {
          g_autofree char *message = NULL;

          /* TRANSLATORS: %s is a file path, then Lineup's version. */
          message = g_strdup_printf (_("%s is not the window's module of Lineup %s (another version, or another file). Reinstall Lineup, or give it a command (see “lineup --help”)."),
                                     path, PACKAGE_VERSION);
          g_printerr ("lineup: %s\n", message);
          g_module_close (module);
          return 1;
        }
      g_module_make_resident (module);
      return ((LineupWindowMainFunc) symbol) (argc, argv);
    }

  {
    g_autofree char *message = NULL;

    /* TRANSLATORS: %s is the module's file name, then the paths looked at, one a line. */
    message = g_strdup_printf (_("the window's module %s is missing; looked for it at:%s\nReinstall Lineup, or give it a command (see “lineup --help”)."),
                               LINEUP_WINDOW_MODULE, looked->str);
    g_printerr ("lineup: %s\n", message);
  }
  return 1;
}
#endif

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  /* LINEUP_LOCALEDIR: translations from a build tree (tests, the quick
   * start), before they are installed. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("LINEUP_LOCALEDIR") ? g_getenv ("LINEUP_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* The command line never initialises GTK, so it runs without a display
   * (cron, CI, ssh). */
  if (lineup_cli_wants (argc, argv))
    return lineup_cli_run (argc, argv);

#ifdef LINEUP_WITHOUT_UI
  g_printerr ("lineup: %s\n", _("this build has no window (built with -Dui=false): give it a command, e.g. “lineup --help”"));
  return 1;
#else
  /* The window lives in a module loaded only now: a command does not map
   * GTK's libraries nor resolve their symbols at start. */
  return run_window (argc, argv);
#endif
}
