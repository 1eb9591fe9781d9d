/* main.c: one binary: a subcommand runs the command line, none opens the window.
 *
 * `lineup --new-post` (the desktop file's "New Post" action) opens the window
 * with the editor of a new post, through the app's own app.new-post: in this
 * process when it is the first, or in the one already running.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "cli/lineup-cli.h"
#ifndef LINEUP_WITHOUT_UI
#include "ui/common/lineup-application.h"
#endif

#ifndef LINEUP_WITHOUT_UI
static void
on_activated_new_post_cb (GApplication *app,
                          gpointer      user_data)
{
  g_signal_handlers_disconnect_by_func (app, on_activated_new_post_cb, user_data);
  g_action_group_activate_action (G_ACTION_GROUP (app), "new-post", NULL);
}

/* Runs after the application's own handler, so --database has already made
 * the instance non-unique when it must be. */
static int
on_handle_local_options_cb (GApplication *app,
                            GVariantDict *options,
                            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_variant_dict_contains (options, "new-post"))
    return -1;

  if (!g_application_register (app, NULL, &error))
    {
      g_printerr ("lineup: %s\n", error->message);
      return 1;
    }

  if (g_application_get_is_remote (app))
    {
      /* The running instance shows its window, then opens the editor. */
      g_application_activate (app);
      g_action_group_activate_action (G_ACTION_GROUP (app), "new-post", NULL);
      return 0;
    }

  g_signal_connect_after (app, "activate", G_CALLBACK (on_activated_new_post_cb), NULL);
  return -1;
}
#endif

int
main (int   argc,
      char *argv[])
{
#ifndef LINEUP_WITHOUT_UI
  g_autoptr(GApplication) app = NULL;
#endif

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
  app = G_APPLICATION (lineup_application_new ());
  g_application_add_main_option (app, "new-post", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE,
                                 N_("Open the window with the editor of a new post"), NULL);
  g_signal_connect_after (app, "handle-local-options", G_CALLBACK (on_handle_local_options_cb), NULL);
  return g_application_run (app, argc, argv);
#endif
}
