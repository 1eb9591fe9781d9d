/* lineup-share-dialog.c: sharing this plan through a CalDAV server, or
 * joining a plan shared there.
 *
 * The person types the plan collection's address, a login and password,
 * and (optionally) the approvals collection's address; the primary button
 * checks that nothing required is empty and runs the core's
 * lineup_share_create_async () or lineup_share_join_async () with a
 * spinner. While it runs, Cancel stops it (the dialog stays); otherwise
 * Cancel closes. A refusal is shown at the top in the core's words and
 * nothing typed is lost; success emits "done" and closes.
 *
 * Not here: the widgets (lineup-share-dialog.ui) and sharing itself
 * (src/core/share/lineup-share.c), the same as the command line's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-share.h"
#include "lineup-share-dialog.h"

struct _LineupShareDialog
{
  AdwWindow parent_instance;

  LineupStore *store;
  gboolean join;
  GCancellable *cancellable;   /* the call running, or NULL */

  /* From the template */
  GtkWidget *cancel_button;
  GtkWidget *primary_button;
  GtkLabel *primary_label;
  GtkWidget *spinner;
  GtkRevealer *error_revealer;
  GtkLabel *error_label;
  GtkWidget *page;
  AdwPreferencesGroup *server_group;
  GtkWidget *url_row;
  GtkWidget *login_row;
  GtkWidget *password_row;
  GtkWidget *approvals_row;
};

G_DEFINE_FINAL_TYPE (LineupShareDialog, lineup_share_dialog, ADW_TYPE_WINDOW)

enum { DONE, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
show_error (LineupShareDialog *self,
            const char        *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

static void
set_busy (LineupShareDialog *self,
          gboolean           busy)
{
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
  gtk_widget_set_visible (self->spinner, busy);
  gtk_widget_set_sensitive (self->primary_button, !busy);
  gtk_widget_set_sensitive (self->page, !busy);
  if (busy)
    gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

static char *
text_of (GtkWidget *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
on_finished_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(LineupShareDialog) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *url = NULL;

  if (!lineup_share_finish (LINEUP_STORE (source), result, NULL, &error))
    {
      /* Cancelled: by Cancel (the dialog stays) or by closing it. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_clear_object (&self->cancellable);
      set_busy (self, FALSE);
      show_error (self, error->message);
      return;
    }
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  /* The call wrote through a plan of its own: this window's store reads
   * the result now, not at its next look. */
  lineup_store_refresh (self->store);
  url = text_of (self->url_row);
  message = self->join ? g_strdup_printf (_("Joined the plan shared at %s"), url)
                       : g_strdup_printf (_("The plan is shared at %s"), url);
  g_signal_emit (self, signals[DONE], 0, message);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_primary_cb (LineupShareDialog *self)
{
  g_autofree char *url = text_of (self->url_row);
  g_autofree char *login = text_of (self->login_row);
  g_autofree char *approvals = text_of (self->approvals_row);
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  LineupShareTarget target = { 0 };
  GtkWidget *missing = NULL;

  if (self->cancellable)
    return;
  if (*url == '\0')
    {
      show_error (self, _("Enter the address of the plan’s collection on the CalDAV server, "
                          "e.g. https://cloud.example.org/remote.php/dav/calendars/you/plan/"));
      missing = self->url_row;
    }
  else if (*login == '\0')
    {
      show_error (self, _("Enter your login on that server"));
      missing = self->login_row;
    }
  else if (*password == '\0')
    {
      show_error (self, _("Enter your password on that server (an app password where the server offers them)"));
      missing = self->password_row;
    }
  if (missing)
    {
      gtk_widget_grab_focus (missing);
      return;
    }

  target.url = url;
  target.login = login;
  target.password = password;
  target.approvals_url = *approvals ? approvals : NULL;
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  if (self->join)
    lineup_share_join_async (self->store, &target, self->cancellable, on_finished_cb, g_object_ref (self));
  else
    lineup_share_create_async (self->store, &target, self->cancellable, on_finished_cb, g_object_ref (self));
}

/* While the server is asked, Cancel stops asking and the dialog stays, with
 * what was typed; otherwise it closes. */
static void
on_cancel_cb (LineupShareDialog *self)
{
  if (self->cancellable == NULL)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  show_error (self, self->join ? _("Joining was cancelled; nothing was changed") : _("Sharing was cancelled"));
}

static void
lineup_share_dialog_dispose (GObject *object)
{
  LineupShareDialog *self = LINEUP_SHARE_DIALOG (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_SHARE_DIALOG);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (lineup_share_dialog_parent_class)->dispose (object);
}

static gboolean
lineup_share_dialog_close_request (GtkWindow *window)
{
  LineupShareDialog *self = LINEUP_SHARE_DIALOG (window);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (lineup_share_dialog_parent_class)->close_request (window);
}

static void
lineup_share_dialog_class_init (LineupShareDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = lineup_share_dialog_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = lineup_share_dialog_close_request;

  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lineup/Lineup/preferences/lineup-share-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupShareDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LineupShareDialog, primary_button);
  gtk_widget_class_bind_template_child (widget_class, LineupShareDialog, primary_label);
  gtk_widget_class_bind_template_child (widget_class, LineupShareDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, LineupShareDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, LineupShareDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, LineupShareDialog, page);
  gtk_widget_class_bind_template_child (widget_class, LineupShareDialog, server_group);
  gtk_widget_class_bind_template_child (widget_class, LineupShareDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, LineupShareDialog, login_row);
  gtk_widget_class_bind_template_child (widget_class, LineupShareDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, LineupShareDialog, approvals_row);
  gtk_widget_class_bind_template_callback (widget_class, on_primary_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lineup_share_dialog_init (LineupShareDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

LineupShareDialog *
lineup_share_dialog_new (LineupStore *store,
                         gboolean     join)
{
  LineupShareDialog *self;
  const char *label;

  g_return_val_if_fail (LINEUP_IS_STORE (store), NULL);

  self = g_object_new (LINEUP_TYPE_SHARE_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->join = join;
  gtk_window_set_title (GTK_WINDOW (self), join ? _("Join a Shared Plan") : _("Share This Plan"));
  label = join ? _("_Join") : _("_Share");
  gtk_label_set_label (self->primary_label, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->primary_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  join ? _("Join") : _("Share"), -1);
  adw_preferences_group_set_description (self->server_group, join
    ? _("The address a teammate shared the plan at, and your own login on that server. "
        "This plan must have no posts: the shared plan’s posts come in.")
    : _("A calendar collection on your CalDAV server (Nextcloud, Radicale, Baïkal…): it is made "
        "when missing, and every post goes there. The team joins it with the same address."));
  gtk_widget_grab_focus (self->url_row);
  return self;
}
