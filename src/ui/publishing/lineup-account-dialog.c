/* lineup-account-dialog.c
 *
 * One page per step, in a stack: the account's details; for Mastodon
 * through the browser, the code the server shows; for a webhook, its new
 * signing secret. The primary button in the header bar goes to the next
 * step; while the server is asked, the dialog waits with a spinner and
 * nothing typed can change under it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lineup-account-dialog.h"
#include "lineup-bluesky.h"
#include "lineup-mastodon.h"
#include "lineup-publishing.h"
#include "lineup-sync.h"
#include "lineup-webhook.h"

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

  GtkWidget *cancel_button;
  GtkWidget *primary_button;
  GtkWidget *primary_label;
  GtkWidget *spinner;
  GtkWidget *error_revealer;
  GtkWidget *error_label;
  GtkWidget *stack;

  GtkWidget *name_row;
  GtkWidget *server_row;       /* Mastodon instance, Bluesky PDS */
  GtkWidget *token_switch;
  GtkWidget *token_row;
  GtkWidget *code_row;
  GtkWidget *handle_row;
  GtkWidget *password_row;
  GtkWidget *url_row;
  GtkWidget *secret_label;
};

G_DEFINE_FINAL_TYPE (LineupAccountDialog, lineup_account_dialog, ADW_TYPE_WINDOW)

enum {
  ACCOUNT_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What a worker thread needs and learns; the dialog's widgets stay on the
 * main thread. */
typedef struct {
  LineupAccountKind kind;
  LineupSecrets *secrets;
  LineupHttp *http;
  char *account_id;
  char *name;
  char *endpoint;
  char *handle;
  char *password;
  char *token;
  char *client_id;
  char *client_secret;
  char *code;
  /* learned */
  LineupAccountInfo *info;
  char *secret;               /* a webhook's signing secret, to show once */
  gboolean stored;            /* secrets were kept: forget them if the row is not saved */
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->secrets);
  g_clear_object (&job->http);
  g_free (job->account_id);
  g_free (job->name);
  g_free (job->endpoint);
  g_free (job->handle);
  if (job->password)
    memset (job->password, 0, strlen (job->password));
  g_free (job->password);
  g_free (job->token);
  g_free (job->client_id);
  g_free (job->client_secret);
  g_free (job->code);
  g_clear_pointer (&job->info, lineup_account_info_free);
  g_free (job->secret);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

/* ---- forgetting secrets ---- */

static void
forget_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  if (!lineup_secrets_clear (LINEUP_SECRETS (source), data, &error))
    g_message ("Could not forget the secrets of account %s: %s", (char *) data, error->message);
}

void
lineup_account_forget_secrets (LineupSecrets *secrets,
                               const char    *account_id)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LINEUP_IS_SECRETS (secrets));
  g_return_if_fail (account_id != NULL);

  task = g_task_new (secrets, NULL, NULL, NULL);
  g_task_set_source_tag (task, lineup_account_forget_secrets);
  g_task_set_task_data (task, g_strdup (account_id), g_free);
  g_task_run_in_thread (task, forget_thread);
}

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
register_thread (GTask        *task,
                 gpointer      source,
                 gpointer      data,
                 GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;

  if (!lineup_mastodon_register_app (job->http, job->endpoint, &job->client_id, &job->client_secret,
                                     cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_registered_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  LineupAccountDialog *self = LINEUP_ACCOUNT_DIALOG (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  set_busy (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      show_error (self, error->message);
      return;
    }
  g_free (self->client_id);
  self->client_id = g_steal_pointer (&job->client_id);
  g_free (self->client_secret);
  self->client_secret = g_steal_pointer (&job->client_secret);
  g_free (self->authorize_url);
  self->authorize_url = lineup_mastodon_authorize_url (self->instance, self->client_id);
  go_to (self, STEP_CODE, self->code_row);
  open_authorize_page (self);
}

/* ---- connecting, keeping the secrets ---- */

static gboolean
keep_secret (Job         *job,
             const char  *kind,
             const char  *value,
             GError     **error)
{
  g_autofree char *label = g_strdup_printf ("Lineup: %s %s for %s", lineup_account_kind_to_label (job->kind), kind,
                                            job->name ? job->name : job->info && job->info->handle ? job->info->handle
                                                                                                    : job->endpoint);
  if (value == NULL)
    return TRUE;
  if (!lineup_secrets_store (job->secrets, job->account_id, kind, label, value, error))
    return FALSE;
  job->stored = TRUE;
  return TRUE;
}

static void
save_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr(LineupPublisher) publisher = NULL;
  g_autofree char *token = NULL;
  g_autofree char *session = NULL;
  GError *error = NULL;

  switch (job->kind)
    {
    case LINEUP_ACCOUNT_MASTODON:
      token = job->token ? g_strdup (job->token)
                         : lineup_mastodon_exchange_code (job->http, job->endpoint, job->client_id, job->client_secret,
                                                          job->code, cancellable, &error);
      if (token == NULL)
        {
          /* A code mistyped, cut short, used already or too old: the
           * server's "invalid_grant" alone does not say what to do. */
          if (job->code && g_error_matches (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_REJECTED))
            {
              GError *refused = g_error_new (LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_REJECTED,
                                             _("The server did not accept that code: copy the whole code from its "
                                               "page again, or choose Open to get a new one — %s"),
                                             error->message);
              g_error_free (error);
              error = refused;
            }
          goto failed;
        }
      publisher = LINEUP_PUBLISHER (lineup_mastodon_new (job->http, job->endpoint, token));
      break;
    case LINEUP_ACCOUNT_BLUESKY:
      publisher = LINEUP_PUBLISHER (lineup_bluesky_new (job->http, job->endpoint, job->handle, job->password, NULL));
      break;
    case LINEUP_ACCOUNT_WEBHOOK:
      job->secret = lineup_webhook_generate_secret ();
      publisher = LINEUP_PUBLISHER (lineup_webhook_new (job->http, job->endpoint, job->secret, NULL));
      break;
    default:
      g_assert_not_reached ();
    }

  /* Who this is and the server's limits; a wrong secret stops here. */
  if ((job->info = lineup_publisher_connect (publisher, cancellable, &error)) == NULL)
    {
      /* The publisher's own words send a person to Preferences → Publishing
       * to sign in again, where this dialog already is. */
      if (job->kind == LINEUP_ACCOUNT_BLUESKY &&
          g_error_matches (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_AUTH))
        {
          GError *refused = g_error_new (LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_AUTH,
                                         _("Bluesky did not accept that app password for %s: check it, or make a new "
                                           "one in Bluesky under Settings → Privacy and security → App passwords"),
                                         job->handle);
          g_error_free (error);
          error = refused;
        }
      goto failed;
    }

  /* The secrets first: a plan never names an account without them. */
  switch (job->kind)
    {
    case LINEUP_ACCOUNT_MASTODON:
      if (!keep_secret (job, "token", token, &error) ||
          (!job->token && !keep_secret (job, "client-secret", job->client_secret, &error)))
        goto failed;
      break;
    case LINEUP_ACCOUNT_BLUESKY:
      session = lineup_bluesky_dup_session (LINEUP_BLUESKY (publisher));
      if (!keep_secret (job, "app-password", job->password, &error) ||
          !keep_secret (job, "session", session, &error))
        goto failed;
      break;
    case LINEUP_ACCOUNT_WEBHOOK:
      if (!keep_secret (job, "secret", job->secret, &error))
        goto failed;
      break;
    default:
      g_assert_not_reached ();
    }
  g_task_return_boolean (task, TRUE);
  return;

failed:
  g_task_return_error (task, error);
}

static gboolean
save_account_row (LineupAccountDialog  *self,
                  Job                  *job,
                  GError              **error)
{
  LineupAccountInfo *info = job->info;
  g_autoptr(LineupAccount) account = NULL;

  if (self->fixing)
    {
      account = lineup_account_copy (self->fixing);
      g_clear_pointer (&account->problem, g_free);
    }
  else
    {
      account = lineup_account_new ();
      account->id = g_strdup (job->account_id);
      account->kind = job->kind;
      account->endpoint = g_strdup (job->endpoint);
      account->name = g_strdup (job->name ? job->name : info->handle ? info->handle : job->endpoint);
    }
  if (info->handle || job->handle)
    {
      g_free (account->handle);
      account->handle = g_strdup (info->handle ? info->handle : job->handle);
    }
  g_free (account->remote_user);
  account->remote_user = g_strdup (info->remote_user);
  account->text_limit = info->text_limit;
  account->url_length = info->url_length;
  if (job->kind == LINEUP_ACCOUNT_MASTODON && !job->token)
    {
      g_free (account->client_id);
      account->client_id = g_strdup (job->client_id);
    }

  if (self->fixing ? !lineup_store_update_account (self->store, account, error)
                   : !lineup_store_add_account (self->store, account, error))
    return FALSE;
  /* Posts that failed for want of this account's secret go again. */
  if (!lineup_sync_account_fixed (self->store, account->id, error))
    return FALSE;
  return TRUE;
}

static void
on_saved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  LineupAccountDialog *self = LINEUP_ACCOUNT_DIALOG (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);
  g_autofree char *message = NULL;

  /* Closed while the server was asked: nothing is kept. */
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      if (ok && !self->fixing)
        lineup_account_forget_secrets (job->secrets, job->account_id);
      return;
    }
  set_busy (self, FALSE);
  if (ok && !save_account_row (self, job, &error))
    {
      if (!self->fixing)
        lineup_account_forget_secrets (job->secrets, job->account_id);
      ok = FALSE;
    }
  if (!ok)
    {
      show_error (self, error->message);
      return;
    }

  if (self->fixing)
    message = g_strdup_printf (_("Signed in to “%s” again; its failed posts go again"), self->fixing->name);
  else
    message = g_strdup_printf (_("Added %s account “%s”"), lineup_account_kind_to_label (job->kind),
                               job->name ? job->name : job->info->handle ? job->info->handle : job->endpoint);
  if (job->kind == LINEUP_ACCOUNT_WEBHOOK && job->secret)
    {
      /* Shown once: the receiving service needs it to check signatures.
       * The window behind says it is added when this one closes. */
      gtk_label_set_label (GTK_LABEL (self->secret_label), job->secret);
      self->saved_message = g_steal_pointer (&message);
      go_to (self, STEP_SECRET, self->primary_button);
      return;
    }
  g_signal_emit (self, signals[ACCOUNT_SAVED], 0, message);
  gtk_window_destroy (GTK_WINDOW (self));
}

static Job *
new_job (LineupAccountDialog *self)
{
  Job *job = g_new0 (Job, 1);

  job->kind = self->kind;
  job->secrets = g_object_ref (lineup_publishing_get_secrets (self->store));
  job->http = g_object_ref (self->http);
  job->account_id = self->fixing ? g_strdup (self->fixing->id) : g_uuid_string_random ();
  if (self->name_row && *text_of (self->name_row))
    job->name = stripped (self->name_row);
  return job;
}

static void
start (LineupAccountDialog *self,
       Job                 *job,
       GTaskThreadFunc      thread,
       GAsyncReadyCallback  callback)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, callback, NULL);

  g_task_set_source_tag (task, start);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  show_error (self, NULL);
  set_busy (self, TRUE);
  g_task_run_in_thread (task, thread);
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
  g_autoptr(Job) job = NULL;

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

  job = new_job (self);
  switch (self->kind)
    {
    case LINEUP_ACCOUNT_MASTODON:
      if (self->step == STEP_DETAILS)
        {
          g_free (self->instance);
          if ((self->instance = lineup_mastodon_normalize_instance (text_of (self->server_row), &error)) == NULL)
            break;
        }
      job->endpoint = g_strdup (self->instance);
      if (self->step == STEP_DETAILS && gtk_switch_get_active (GTK_SWITCH (self->token_switch)))
        {
          if (!*(job->token = stripped (self->token_row)))
            {
              g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Paste the access token made in the server’s Preferences → Development"));
              break;
            }
          start (self, g_steal_pointer (&job), save_thread, on_saved_cb);
          return;
        }
      if (self->step == STEP_DETAILS)
        {
          start (self, g_steal_pointer (&job), register_thread, on_registered_cb);
          return;
        }
      if (!*(job->code = stripped (self->code_row)))
        {
          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Paste the code the server’s page shows once you allow Lineup"));
          break;
        }
      job->client_id = g_strdup (self->client_id);
      job->client_secret = g_strdup (self->client_secret);
      start (self, g_steal_pointer (&job), save_thread, on_saved_cb);
      return;

    case LINEUP_ACCOUNT_BLUESKY:
      job->handle = stripped (self->handle_row);
      job->password = stripped (self->password_row);
      if (*job->handle == '@')
        memmove (job->handle, job->handle + 1, strlen (job->handle));
      if (*job->handle == '\0')
        g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Give the account’s handle, e.g. team.bsky.social"));
      else if (*job->password == '\0')
        g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                     _("Give an app password: make one in Bluesky under Settings → Privacy and security → App passwords"));
      else if ((job->endpoint = server_address (text_of (self->server_row), &error)) != NULL)
        {
          start (self, g_steal_pointer (&job), save_thread, on_saved_cb);
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
        job->endpoint = g_steal_pointer (&url);
        start (self, g_steal_pointer (&job), save_thread, on_saved_cb);
        return;
      }
    default:
      g_assert_not_reached ();
    }
  show_error (self, error->message);
}

/* ---- building the pages ---- */

static GtkWidget *
entry_row (const char *title,
           const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (text)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  return row;
}

static GtkWidget *
password_row (const char *title)
{
  GtkWidget *row = adw_password_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  return row;
}

static GtkWidget *
group (GtkWidget  *page,
       const char *title,
       const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  if (title)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  return group;
}

static void
add_row (GtkWidget *group,
         GtkWidget *row)
{
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static GtkWidget *
name_row (LineupAccountDialog *self)
{
  /* A webhook has no handle: it is named by its address's host. */
  self->name_row = entry_row (self->kind == LINEUP_ACCOUNT_WEBHOOK
                              ? _("Name in Lineup (optional; the address’s host otherwise)")
                              : _("Name in Lineup (optional; the handle otherwise)"), NULL);
  return self->name_row;
}

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

static GtkWidget *
labelled_button (const char *label,
                 const char *accessible_name)
{
  GtkWidget *button = gtk_button_new ();

  /* A child label, not the label property: GTK 4.8 would name the button
   * from both. */
  gtk_button_set_child (GTK_BUTTON (button), gtk_label_new_with_mnemonic (label));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name, -1);
  return button;
}

static GtkWidget *
build_details (LineupAccountDialog *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  const LineupAccount *fixing = self->fixing;
  GtkWidget *g;

  switch (self->kind)
    {
    case LINEUP_ACCOUNT_MASTODON:
      {
        GtkWidget *switch_row = adw_action_row_new ();

        g = group (page, _("Mastodon Account"),
                   _("Lineup signs in through your browser: it registers itself with the server, opens the page "
                     "where you allow it, and you paste the code that page shows."));
        self->server_row = entry_row (_("Server, e.g. mastodon.social"), fixing ? fixing->endpoint : NULL);
        gtk_widget_set_sensitive (self->server_row, fixing == NULL);
        add_row (g, self->server_row);
        if (!fixing)
          add_row (g, name_row (self));

        g = group (page, _("Or With an Access Token"),
                   _("Made on the server under Preferences → Development → New Application, with the scopes "
                     "read:statuses, read:accounts, write:statuses and write:media."));
        self->token_switch = gtk_switch_new ();
        gtk_widget_set_valign (self->token_switch, GTK_ALIGN_CENTER);
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (switch_row), _("Paste an access token instead"));
        adw_action_row_add_suffix (ADW_ACTION_ROW (switch_row), self->token_switch);
        adw_action_row_set_activatable_widget (ADW_ACTION_ROW (switch_row), self->token_switch);
        g_signal_connect_swapped (self->token_switch, "notify::active", G_CALLBACK (on_token_switch_cb), self);
        add_row (g, switch_row);
        self->token_row = password_row (_("Access token"));
        gtk_widget_set_sensitive (self->token_row, FALSE);
        add_row (g, self->token_row);
      }
      break;
    case LINEUP_ACCOUNT_BLUESKY:
      g = group (page, _("Bluesky Account"),
                 _("Sign in with an app password, made in Bluesky under Settings → Privacy and security → "
                   "App passwords; never with the account’s own password."));
      self->handle_row = entry_row (_("Handle, e.g. team.bsky.social"), fixing ? fixing->handle : NULL);
      add_row (g, self->handle_row);
      self->password_row = password_row (_("App password"));
      add_row (g, self->password_row);
      self->server_row = entry_row (_("Server"), fixing ? fixing->endpoint : LINEUP_BLUESKY_DEFAULT_PDS);
      add_row (g, self->server_row);
      if (!fixing)
        add_row (g, name_row (self));
      break;
    case LINEUP_ACCOUNT_WEBHOOK:
      g = group (page, _("Webhook"),
                 _("At each post’s time, Lineup sends it as JSON to this address, signed with a secret that the "
                   "receiving service checks (Standard Webhooks)."));
      self->url_row = entry_row (_("Address, e.g. https://example.com/hooks/lineup"), fixing ? fixing->endpoint : NULL);
      adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (self->url_row), GTK_INPUT_PURPOSE_URL);
      add_row (g, self->url_row);
      if (!fixing)
        add_row (g, name_row (self));
      break;
    default:
      g_assert_not_reached ();
    }
  return page;
}

static GtkWidget *
build_code (LineupAccountDialog *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *g = group (page, _("Allow Lineup"),
                        _("Lineup opened the server’s page in your browser. Sign in there if it asks, choose "
                          "Authorize, and paste the code it shows."));
  GtkWidget *again = adw_action_row_new ();
  GtkWidget *open = labelled_button (_("_Open"), _("Open the page again"));
  GtkWidget *copy = labelled_button (_("_Copy Address"), _("Copy the page’s address"));

  self->code_row = entry_row (_("Authorization code"), NULL);
  add_row (g, self->code_row);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (again), _("The page did not open?"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (again), _("Open it again, or copy its address into a browser."));
  g_signal_connect_swapped (open, "clicked", G_CALLBACK (open_authorize_page), self);
  g_signal_connect_swapped (copy, "clicked", G_CALLBACK (on_copy_url_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (again), open);
  adw_action_row_add_suffix (ADW_ACTION_ROW (again), copy);
  add_row (g, again);
  return page;
}

static GtkWidget *
build_secret (LineupAccountDialog *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *g = group (page, _("Signing Secret"),
                        _("Give this secret to the service that receives the posts, so it can check that they come "
                          "from Lineup. It is shown only this once; Lineup keeps it with the account’s other secrets."));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *copy = labelled_button (_("_Copy"), _("Copy the signing secret"));

  self->secret_label = gtk_label_new (NULL);
  gtk_label_set_selectable (GTK_LABEL (self->secret_label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (self->secret_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->secret_label), PANGO_WRAP_CHAR);
  gtk_widget_add_css_class (self->secret_label, "signing-secret");
  gtk_widget_add_css_class (self->secret_label, "card");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->secret_label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Signing secret"), -1);
  gtk_widget_set_halign (copy, GTK_ALIGN_END);
  gtk_widget_add_css_class (copy, "pill");
  g_signal_connect_swapped (copy, "clicked", G_CALLBACK (on_copy_secret_cb), self);
  gtk_box_append (GTK_BOX (box), self->secret_label);
  gtk_box_append (GTK_BOX (box), copy);
  add_row (g, box);
  return page;
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
}

static void
lineup_account_dialog_init (LineupAccountDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->http = lineup_http_new ();
}

LineupAccountDialog *
lineup_account_dialog_new (LineupStore         *store,
                           LineupAccountKind    kind,
                           const LineupAccount *account)
{
  LineupAccountDialog *self;
  GtkWidget *box, *header, *primary_box, *focus;
  const char *title;

  g_return_val_if_fail (LINEUP_IS_STORE (store), NULL);

  self = g_object_new (LINEUP_TYPE_ACCOUNT_DIALOG, "modal", TRUE, "default-width", 520, "default-height", 620, NULL);
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

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  self->cancel_button = labelled_button (_("_Cancel"), _("Cancel"));
  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (gtk_window_close), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->cancel_button);
  self->primary_button = gtk_button_new ();
  self->primary_label = gtk_label_new (NULL);
  gtk_label_set_use_underline (GTK_LABEL (self->primary_label), TRUE);
  gtk_button_set_child (GTK_BUTTON (self->primary_button), self->primary_label);
  gtk_widget_add_css_class (self->primary_button, "suggested-action");
  g_signal_connect_swapped (self->primary_button, "clicked", G_CALLBACK (next_step), self);
  self->spinner = gtk_spinner_new ();
  gtk_widget_set_visible (self->spinner, FALSE);
  primary_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (primary_box), self->spinner);
  gtk_box_append (GTK_BOX (primary_box), self->primary_button);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), primary_box);
  gtk_box_append (GTK_BOX (box), header);

  /* An alert: what went wrong is told as it shows, not only seen. */
  self->error_label = g_object_new (GTK_TYPE_LABEL, "accessible-role", GTK_ACCESSIBLE_ROLE_ALERT, NULL);
  gtk_label_set_wrap (GTK_LABEL (self->error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->error_label), 0);
  gtk_label_set_selectable (GTK_LABEL (self->error_label), TRUE);
  gtk_widget_add_css_class (self->error_label, "editor-error");
  self->error_revealer = gtk_revealer_new ();
  gtk_revealer_set_child (GTK_REVEALER (self->error_revealer), self->error_label);
  gtk_box_append (GTK_BOX (box), self->error_revealer);

  self->stack = gtk_stack_new ();
  gtk_stack_set_transition_type (GTK_STACK (self->stack), GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT);
  gtk_widget_set_vexpand (self->stack, TRUE);
  gtk_stack_add_named (GTK_STACK (self->stack), build_details (self), "details");
  if (self->kind == LINEUP_ACCOUNT_MASTODON)
    gtk_stack_add_named (GTK_STACK (self->stack), build_code (self), "code");
  if (self->kind == LINEUP_ACCOUNT_WEBHOOK)
    gtk_stack_add_named (GTK_STACK (self->stack), build_secret (self), "secret");
  gtk_box_append (GTK_BOX (box), self->stack);
  adw_window_set_content (ADW_WINDOW (self), box);

  gtk_window_set_default_widget (GTK_WINDOW (self), self->primary_button);
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
