/* main.c: one binary: a subcommand runs the command line, none opens the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "cli/lineup-cli.h"
#include "ui/lineup-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* The command line never initialises GTK, so it runs without a display
   * (cron, CI, ssh). */
  if (lineup_cli_wants (argc, argv))
    return lineup_cli_run (argc, argv);

  app = G_APPLICATION (lineup_application_new ());
  return g_application_run (app, argc, argv);
}
