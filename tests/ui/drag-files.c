/* drag-files.c: a file manager's window, for the UI tests: one button,
 * "Drag Files", that a pointer drag takes the given files from (as a
 * GdkFileList, which GTK also offers as text/uri-list), as Files or any
 * file manager gives them. Built only for the tests (tests/ui/meson.build).
 *
 *   lineup-drag-files FILE…
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gtk/gtk.h>

static GSList *files;

static GdkContentProvider *
on_prepare_cb (GtkDragSource *source,
               double         x,
               double         y,
               gpointer       data)
{
  GdkFileList *list = gdk_file_list_new_from_list (files);
  GdkContentProvider *provider = gdk_content_provider_new_typed (GDK_TYPE_FILE_LIST, list);

  g_boxed_free (GDK_TYPE_FILE_LIST, list);
  return provider;
}

static void
on_activate_cb (GtkApplication *app)
{
  GtkWidget *window = gtk_application_window_new (app);
  GtkWidget *label = gtk_label_new ("Drag Files");
  GtkDragSource *drag = gtk_drag_source_new ();

  gtk_window_set_title (GTK_WINDOW (window), "Drag Files");
  gtk_window_set_default_size (GTK_WINDOW (window), 240, 160);
  gtk_drag_source_set_actions (drag, GDK_ACTION_COPY);
  g_signal_connect (drag, "prepare", G_CALLBACK (on_prepare_cb), NULL);
  gtk_widget_add_controller (label, GTK_EVENT_CONTROLLER (drag));
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, "Drag Files", -1);
  gtk_window_set_child (GTK_WINDOW (window), label);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkApplication) app = gtk_application_new (NULL, G_APPLICATION_NON_UNIQUE);
  int status;

  for (int i = argc - 1; i > 0; i--)
    files = g_slist_prepend (files, g_file_new_for_commandline_arg (argv[i]));
  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb), NULL);
  status = g_application_run (G_APPLICATION (app), 1, argv);
  g_slist_free_full (files, g_object_unref);
  return status;
}
