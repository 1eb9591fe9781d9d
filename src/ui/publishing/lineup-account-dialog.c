/* lineup-account-dialog.c
 *
 * One page per step, in a stack (lineup-account-dialog.ui): the account's
 * details; for Mastodon through the browser, the code the server shows; for
 * a webhook, its new signing secret. The primary button in the header bar
 * goes to the next step; while the server is asked, the dialog waits with a
 * spinner and nothing typed can change under it.
 *
 * Here: which groups and pages the account's kind shows, checking what was
 * typed, starting the core's calls and saying what came of them. Not
 * here: the widgets (the template) and connecting the account, which is
 * lineup_account_connect_async () (src/core/publish), as for the command
 * line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lineup-account-dialog.h"
#include "lineup-account-connect.h"
#include "lineup-bluesky.h"
#include "lineup-mastodon.h"
#include "lineup-publish-media.h"
#include "lineup-publishing.h"

typedef enum {
  STEP_DETAILS,
  STEP_CODE,      /* Mastodon: paste the code the browser showed */
  STEP_SECRET,    /* webhook: its signing secret, once */
} Step;

struct _LineupAccountDialog
{
  AdwWindow parent_instance;

  LineupStore *store;
  LineupAccountKind kind;
  LineupAccount *fixing;       /* signed in again, or NULL for a new account */
  LineupHttp *http;
  GCancellable *cancellable;
  Step step;
  gboolean busy;
  char *instance;              /* Mastodon: the normalized server address */
  char *client_id;
  char *client_secret;
  char *authorize_url;
  char *saved_message;         /* said when the secret's page closes */

  /* The kind's own rows among the template's, or NULL. */
  GtkWidget *name_row;         /* NULL when signing in again */
  GtkWidget *server_row;       /* Mastodon instance, Bluesky PDS */

  /* From the template */
  GtkWidget *cancel_button;
  GtkWidget *primary_button;
  GtkWidget *primary_label;
  GtkWidget *spinner;
  GtkWidget *error_revealer;
  GtkWidget *error_label;
  GtkWidget *stack;
  GtkWidget *mastodon_group;
  GtkWidget *mastodon_server_row;
  GtkWidget *mastodon_name_row;
  GtkWidget *token_group;
  GtkWidget *token_switch;
  GtkWidget *token_row;
  GtkWidget *bluesky_group;
  GtkWidget *handle_row;
  GtkWidget *password_row;
  GtkWidget *bluesky_server_row;
  GtkWidget *bluesky_name_row;
  GtkWidget *webhook_group;
  GtkWidget *url_row;
  GtkWidget *webhook_name_row;
  GtkWidget *media_bytes_spin;
  GtkWidget *code_page;
  GtkWidget *code_row;
  GtkWidget *secret_page;
  GtkWidget *secret_label;
};

G_DEFINE_FINAL_TYPE (LineupAccountDialog, lineup_account_dialog, ADW_TYPE_WINDOW)

enum {
  ACCOUNT_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- the steps ---- */

static const char *
text_of (GtkWidget *row)
{
  return row ? gtk_editable_get_text (GTK_EDITABLE (row)) : "";
}

static char *
stripped (GtkWidget *row)
{
  char *text = g_strdup (text_of (row));
  return g_strstrip (text);
}

static void
show_error (LineupAccountDialog *self,
            const char          *message)
{
  gtk_label_set_label (GTK_LABEL (self->error_label), message);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->error_revealer), message != NULL);
}

static void
update_primary (LineupAccountDialog *self)
{
  const char *label;

  switch (self->step)
    {
    case STEP_SECRET:
      label = _("_Done");
      break;
    case STEP_CODE:
      label = self->fixing ? _("_Sign In") : _("_Add Account");
      break;
    case STEP_DETAILS:
    default:
      if (self->kind == LINEUP_ACCOUNT_MASTODON && !gtk_switch_get_active (GTK_SWITCH (self->token_switch)))
        label = _("_Next");
      else
        label = self->fixing ? _("_Sign In") : self->kind == LINEUP_ACCOUNT_WEBHOOK ? _("_Add Webhook")
                                                                                 : _("_Add Account");
      break;
    }
  gtk_label_set_label (GTK_LABEL (self->primary_label), label);
  {
    /* The accessible name without the mnemonic's underscore. */
    g_autofree char *name = g_strdup (label);
    char *from = name, *to = name;

    for (; *from; from++)
      if (*from != '_')
        *to++ = *from;
    *to = '\0';
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->primary_button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  }
}

static void
set_busy (LineupAccountDialog *self,
          gboolean             busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
  gtk_widget_set_visible (self->spinner, busy);
  gtk_widget_set_sensitive (self->primary_button, !busy);
  gtk_widget_set_sensitive (self->stack, !busy);
}

static void
go_to (LineupAccountDialog *self,
       Step                 step,
       GtkWidget           *focus)
{
  static const char * const names[] = { "details", "code", "secret" };

  self->step = step;
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), names[step]);
  update_primary (self);
  if (step == STEP_SECRET)
    gtk_widget_set_visible (self->cancel_button, FALSE);
  if (focus)
    gtk_widget_grab_focus (focus);
}

static void
on_authorize_page_shown_cb (GObject      *source,
                            GAsyncResult *result,
                            gpointer      data)
{
  g_autoptr(GCancellable) cancellable = data;   /* the dialog's, cancelled once it closes */
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error) || g_cancellable_is_cancelled (cancellable))
    return;
  /* No browser (or none that takes the address): said here, beside the
   * way round it, rather than in GTK's own "Could not show link" window,
   * which would cover the dialog and take the keyboard from the code. */
  text = g_strdup_printf (_("Lineup could not open the page in a browser (%s): choose Copy Address and open it in "
                            "your browser, then paste the code it shows here"), error->message);
  show_error (LINEUP_ACCOUNT_DIALOG (source), text);
}

static void
open_authorize_page (LineupAccountDialog *self)
{
  /* The browser opens beside the dialog; the page shows a code to paste. */
  show_error (self, NULL);
  gtk_show_uri_full (GTK_WINDOW (self), self->authorize_url, GDK_CURRENT_TIME, self->cancellable,
                     on_authorize_page_shown_cb, g_object_ref (self->cancellable));
}

/* ---- Mastodon through the browser: registering Lineup ---- */

static void
on_registered_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(LineupAccountDialog) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *client_secret = NULL;
  g_autofree char *authorize_url = NULL;
  gboolean ok;

  ok = lineup_account_register_mastodon_finish (result, &client_id, &client_secret, &authorize_url, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  set_busy (self, FALSE);
  if (!ok)
    {
      show_error (self, error ? error->message : _("The server did not answer as a Mastodon server does"));
      return;
    }
  g_free (self->client_id);
  self->client_id = g_steal_pointer (&client_id);
  g_free (self->client_secret);
  self->client_secret = g_steal_pointer (&client_secret);
  g_free (self->authorize_url);
  self->authorize_url = g_steal_pointer (&authorize_url);
  go_to (self, STEP_CODE, self->code_row);
  open_authorize_page (self);
}

static void
on_saved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(LineupAccountDialog) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupAccount) account = NULL;
  g_autofree char *signing_secret = NULL;
  g_autofree char *message = NULL;

  /* Closed while the server was asked: the core kept nothing. */
  account = lineup_account_connect_finish (self->store, result, &signing_secret, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  set_busy (self, FALSE);
  if (account == NULL)
    {
      show_error (self, error ? error->message : _("The account could not be added"));
      return;
    }

  if (self->fixing)
    message = g_strdup_printf (_("Signed in to “%s” again; its failed posts go again"), self->fixing->name);
  else
    message = g_strdup_printf (_("Added %s account “%s”"), lineup_account_kind_to_label (account->kind), account->name);
  if (signing_secret)
    {
      /* Shown once: the receiving service needs it to check signatures.
       * The window behind says it is added when this one closes. */
      gtk_label_set_label (GTK_LABEL (self->secret_label), signing_secret);
      self->saved_message = g_steal_pointer (&message);
      go_to (self, STEP_SECRET, self->primary_button);
      return;
    }
  g_signal_emit (self, signals[ACCOUNT_SAVED], 0, message);
  gtk_window_destroy (GTK_WINDOW (self));
}

static LineupAccountLogin *
new_login (LineupAccountDialog *self)
{
  LineupAccountLogin *login = lineup_account_login_new (self->kind);

  login->name = self->name_row && *text_of (self->name_row) ? stripped (self->name_row) : NULL;
  return login;
}

/* Connects the account @login describes; the dialog waits meanwhile. */
static void
start_connect (LineupAccountDialog      *self,
               const LineupAccountLogin *login)
{
  show_error (self, NULL);
  set_busy (self, TRUE);
  lineup_account_connect_async (self->store, lineup_publishing_get_secrets (self->store), self->http, login,
                                self->fixing, self->cancellable, on_saved_cb, g_object_ref (self));
}

/* A server address a person typed: https://host, without a trailing slash. */
static char *
server_address (const char  *text,
                GError     **error)
{
  g_autofree char *address = g_strstrip (g_strdup (text));
  g_autoptr(GUri) uri = NULL;

  if (*address == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Give the server’s address, e.g. https://bsky.social"));
      return NULL;
    }
  if (!strstr (address, "://"))
    {
      char *with_scheme = g_strconcat ("https://", address, NULL);
      g_free (address);
      address = with_scheme;
    }
  uri = g_uri_parse (address, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 && g_strcmp0 (g_uri_get_scheme (uri), "http") != 0))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a server’s address: write it as https://host"), text);
      return NULL;
    }
  while (g_str_has_suffix (address, "/"))
    address[strlen (address) - 1] = '\0';
  return g_steal_pointer (&address);
}

static void
next_step (LineupAccountDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupAccountLogin) login = NULL;

  if (self->busy)
    return;
  if (self->step == STEP_SECRET)
    {
      g_signal_emit (self, signals[ACCOUNT_SAVED], 0, self->saved_message);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (lineup_publishing_get_secrets (self->store) == NULL)
    {
      const char *problem = lineup_publishing_get_problem (self->store);
      g_autofree char *text = problem ? g_strdup_printf (_("Lineup cannot keep passwords and tokens now: %s"), problem)
                                      : g_strdup (_("Publishing is still starting; try again in a moment"));
      show_error (self, text);
      return;
    }

  login = new_login (self);
  switch (self->kind)
    {
    case LINEUP_ACCOUNT_MASTODON:
      if (self->step == STEP_DETAILS)
        {
          g_free (self->instance);
          if ((self->instance = lineup_mastodon_normalize_instance (text_of (self->server_row), &error)) == NULL)
            break;
        }
      login->endpoint = g_strdup (self->instance);
      if (self->step == STEP_DETAILS && gtk_switch_get_active (GTK_SWITCH (self->token_switch)))
        {
          if (!*(login->token = stripped (self->token_row)))
            {
              g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Paste the access token made in the server’s Preferences → Development"));
              break;
            }
          start_connect (self, login);
          return;
        }
      if (self->step == STEP_DETAILS)
        {
          show_error (self, NULL);
          set_busy (self, TRUE);
          lineup_account_register_mastodon_async (self->http, self->instance, self->cancellable,
                                                  on_registered_cb, g_object_ref (self));
          return;
        }
      if (!*(login->code = stripped (self->code_row)))
        {
          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Paste the code the server’s page shows once you allow Lineup"));
          break;
        }
      login->client_id = g_strdup (self->client_id);
      login->client_secret = g_strdup (self->client_secret);
      start_connect (self, login);
      return;

    case LINEUP_ACCOUNT_BLUESKY:
      login->handle = stripped (self->handle_row);
      login->app_password = stripped (self->password_row);
      if (*login->handle == '@')
        memmove (login->handle, login->handle + 1, strlen (login->handle));
      if (*login->handle == '\0')
        g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Give the account’s handle, e.g. team.bsky.social"));
      else if (*login->app_password == '\0')
        g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                     _("Give an app password: make one in Bluesky under Settings → Privacy and security → App passwords"));
      else if ((login->endpoint = server_address (text_of (self->server_row), &error)) != NULL)
        {
          start_connect (self, login);
          return;
        }
      break;

    case LINEUP_ACCOUNT_WEBHOOK:
      {
        g_autofree char *url = stripped (self->url_row);
        g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

        if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
            (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 && g_strcmp0 (g_uri_get_scheme (uri), "http") != 0))
          {
            g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                         _("Give the full address the posts go to, starting with https://"));
            break;
          }
        login->endpoint = g_steal_pointer (&url);
        /* The value as typed, even before the field is left. */
        gtk_spin_button_update (GTK_SPIN_BUTTON (self->media_bytes_spin));
        login->media_bytes = (gint64) (gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->media_bytes_spin))
                                       * 1000 * 1000 + 0.5);
        start_connect (self, login);
        return;
      }
    default:
      g_assert_not_reached ();
    }
  show_error (self, error->message);
}

/* ---- the template's callbacks ---- */

static void
on_token_switch_cb (LineupAccountDialog *self)
{
  gboolean token = gtk_switch_get_active (GTK_SWITCH (self->token_switch));

  gtk_widget_set_sensitive (self->token_row, token);
  update_primary (self);
  if (token)
    gtk_widget_grab_focus (self->token_row);
}

static void
on_copy_secret_cb (LineupAccountDialog *self,
                   GtkButton           *button)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)),
                          gtk_label_get_label (GTK_LABEL (self->secret_label)));
  gtk_label_set_label (GTK_LABEL (gtk_button_get_child (button)), _("Copied"));
}

static void
on_copy_url_cb (LineupAccountDialog *self)
{
  if (self->authorize_url)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->authorize_url);
}

/* ---- GObject ---- */

static void
lineup_account_dialog_dispose (GObject *object)
{
  LineupAccountDialog *self = (LineupAccountDialog *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->http);
  g_clear_pointer (&self->fixing, lineup_account_free);
  g_clear_pointer (&self->instance, g_free);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->client_secret, g_free);
  g_clear_pointer (&self->authorize_url, g_free);
  g_clear_pointer (&self->saved_message, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_ACCOUNT_DIALOG);

  G_OBJECT_CLASS (lineup_account_dialog_parent_class)->dispose (object);
}

static void
lineup_account_dialog_class_init (LineupAccountDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_account_dialog_dispose;

  signals[ACCOUNT_SAVED] =
    g_signal_new ("account-saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lineup/Lineup/publishing/lineup-account-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupAccountDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LineupAccountDialog, primary_button);
  gtk_widget_class_bind_template_child (widget_class, LineupAccountDialog, primary_label);
  gtk_widget_class_bind_template_child (widget_class, LineupAccountDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, LineupAccountDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, LineupAccountDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, LineupAccountDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, LineupAccountDialog, mastodon_group);
  gtk_widget_class_bind_template_child (widget_class, LineupAccountDialog, mastodon_server_row);
  gtk_widget_class_bind_template_child (widget_class, LineupAccountDialog, mastodon_name_row);
  gtk_widget_class_bind_template_child (widget_class, LineupAccountDialog, token_group);
  gtk_widget_class_bind_template_child (widget_class, LineupAccountDialog, token_switch);
  gtk_widget_class_bind_template_child (widget_class, LineupAccountDialog, token_row);
  gtk_widget_class_bind_template_child (widget_class, LineupAccountDialog, bluesky_group);
  gtk_widget_class_bind_template_child (widget_class, LineupAccountDialog, handle_row);
  gtk_widget_class_bind_template_child (widget_class, LineupAccountDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, LineupAccountDialog, bluesky_server_row);
  gtk_widget_class_bind_template_child (widget_class, LineupAccountDialog, bluesky_name_row);
  gtk_widget_class_bind_template_child (widget_class, LineupAccountDialog, webhook_group);
  gtk_widget_class_bind_template_child (widget_class, LineupAccountDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, LineupAccountDialog, webhook_name_row);
  gtk_widget_class_bind_template_child (widget_class, LineupAccountDialog, media_bytes_spin);
  gtk_widget_class_bind_template_child (widget_class, LineupAccountDialog, code_page);
  gtk_widget_class_bind_template_child (widget_class, LineupAccountDialog, code_row);
  gtk_widget_class_bind_template_child (widget_class, LineupAccountDialog, secret_page);
  gtk_widget_class_bind_template_child (widget_class, LineupAccountDialog, secret_label);
  gtk_widget_class_bind_template_callback (widget_class, gtk_window_close);
  gtk_widget_class_bind_template_callback (widget_class, next_step);
  gtk_widget_class_bind_template_callback (widget_class, on_token_switch_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_authorize_page);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_url_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_secret_cb);
}

static void
lineup_account_dialog_init (LineupAccountDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->http = lineup_http_new ();
}

static void
set_text (GtkWidget  *row,
          const char *text)
{
  if (text)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* Shows the rows of the account's kind, with what is known of the account
 * signed in again; a new account may be named. */
static void
show_kind (LineupAccountDialog *self)
{
  const LineupAccount *fixing = self->fixing;
  GtkWidget *group = NULL;

  switch (self->kind)
    {
    case LINEUP_ACCOUNT_MASTODON:
      group = self->mastodon_group;
      self->server_row = self->mastodon_server_row;
      self->name_row = self->mastodon_name_row;
      set_text (self->server_row, fixing ? fixing->endpoint : NULL);
      gtk_widget_set_sensitive (self->server_row, fixing == NULL);
      gtk_widget_set_visible (self->token_group, TRUE);
      gtk_widget_set_visible (self->code_page, TRUE);
      break;
    case LINEUP_ACCOUNT_BLUESKY:
      group = self->bluesky_group;
      self->server_row = self->bluesky_server_row;
      self->name_row = self->bluesky_name_row;
      set_text (self->handle_row, fixing ? fixing->handle : NULL);
      set_text (self->server_row, fixing ? fixing->endpoint : LINEUP_BLUESKY_DEFAULT_PDS);
      break;
    case LINEUP_ACCOUNT_WEBHOOK:
      group = self->webhook_group;
      self->name_row = self->webhook_name_row;
      set_text (self->url_row, fixing ? fixing->endpoint : NULL);
      gtk_spin_button_set_range (GTK_SPIN_BUTTON (self->media_bytes_spin), 0, LINEUP_ACCOUNT_MAX_MEDIA_BYTES / 1e6);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->media_bytes_spin),
                                 (fixing ? fixing->media_bytes : LINEUP_WEBHOOK_DEFAULT_MEDIA_BYTES) / 1e6);
      gtk_widget_set_visible (self->secret_page, TRUE);
      break;
    default:
      g_assert_not_reached ();
    }
  gtk_widget_set_visible (group, TRUE);
  if (fixing)
    {
      gtk_widget_set_visible (self->name_row, FALSE);
      self->name_row = NULL;
    }
}

LineupAccountDialog *
lineup_account_dialog_new (LineupStore         *store,
                           LineupAccountKind    kind,
                           const LineupAccount *account)
{
  LineupAccountDialog *self;
  GtkWidget *focus;
  const char *title;

  g_return_val_if_fail (LINEUP_IS_STORE (store), NULL);

  self = g_object_new (LINEUP_TYPE_ACCOUNT_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->kind = account ? account->kind : kind;
  self->fixing = account ? lineup_account_copy (account) : NULL;

  switch (self->kind)
    {
    case LINEUP_ACCOUNT_MASTODON: title = account ? _("Sign In to Mastodon Again") : _("Add a Mastodon Account"); break;
    case LINEUP_ACCOUNT_BLUESKY: title = account ? _("Sign In to Bluesky Again") : _("Add a Bluesky Account"); break;
    case LINEUP_ACCOUNT_WEBHOOK: title = _("Add a Webhook"); break;
    default: g_return_val_if_reached (NULL);
    }
  gtk_window_set_title (GTK_WINDOW (self), title);
  show_kind (self);

  /* The keyboard starts in the first field to fill in. */
  switch (self->kind)
    {
    case LINEUP_ACCOUNT_MASTODON: focus = self->fixing ? self->primary_button : self->server_row; break;
    case LINEUP_ACCOUNT_BLUESKY: focus = self->fixing ? self->password_row : self->handle_row; break;
    case LINEUP_ACCOUNT_WEBHOOK:
    default: focus = self->url_row; break;
    }
  go_to (self, STEP_DETAILS, focus);
  return self;
}
