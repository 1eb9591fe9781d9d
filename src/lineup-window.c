/* lineup-window.c: the window's entry point, the one function the module
 * lineup-window.so exports (lineup-window.h says why it is a module).
 *
 * `lineup --new-post` (the desktop file's "New Post" action) opens the window
 * with the editor of a new post, through the app's own app.new-post: in this
 * process when it is the first, or in the one already running.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gmodule.h>

#include "lineup-window.h"
#include "ui/common/lineup-application.h"

G_MODULE_EXPORT const char lineup_window_version[] = PACKAGE_VERSION;

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

G_MODULE_EXPORT int
lineup_window_main (int    argc,
                    char **argv)
{
  g_autoptr(GApplication) app = G_APPLICATION (lineup_application_new ());

  g_application_add_main_option (app, "new-post", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE,
                                 N_("Open the window with the editor of a new post"), NULL);
  g_signal_connect_after (app, "handle-local-options", G_CALLBACK (on_handle_local_options_cb), NULL);
  return g_application_run (app, argc, argv);
}
