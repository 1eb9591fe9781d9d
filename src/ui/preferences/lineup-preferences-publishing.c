/* lineup-preferences-publishing.c: the Publishing page of Preferences:
 * the accounts posts are published to, added, signed in again or removed.
 *
 * The account dialog itself is lineup-account-dialog.c; the window and
 * the other pages are lineup-preferences.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-account-dialog.h"
#include "lineup-preferences-private.h"
#include "lineup-publishing-view.h"

/* ---- publishing accounts ---- */

static void
on_account_saved_cb (LineupPreferences *self,
                     const char        *message)
{
  toast (self, message);
}

static void
open_account_dialog (LineupPreferences   *self,
                     LineupAccountKind    kind,
                     const LineupAccount *account)
{
  LineupAccountDialog *dialog = lineup_account_dialog_new (self->store, kind, account);

  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "account-saved", G_CALLBACK (on_account_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_add_account_cb (AdwActionRow      *row,
                   LineupPreferences *self)
{
  open_account_dialog (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "kind")), NULL);
}

static void
on_sign_in_again_cb (GtkButton         *button,
                     LineupPreferences *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupAccount) account = lineup_store_find_account (self->store,
                                                                g_object_get_data (G_OBJECT (button), "account"),
                                                                &error);

  if (account == NULL)
    {
      toast (self, error->message);
      return;
    }
  if (account->kind != LINEUP_ACCOUNT_WEBHOOK)
    {
      open_account_dialog (self, account->kind, account);
      return;
    }
  /* A webhook has nothing to sign in to: its endpoint may be back. */
  if (!lineup_sync_account_fixed (self->store, account->id, &error))
    toast (self, error->message);
  else
    {
      g_autofree char *text = g_strdup_printf (_("“%s” will be tried again"), account->name);
      toast (self, text);
    }
}

static void
on_remove_account_response_cb (AdwMessageDialog  *dialog,
                               const char        *response,
                               LineupPreferences *self)
{
  g_autoptr(GError) error = NULL;
  const char *id = g_object_get_data (G_OBJECT (dialog), "account");
  const char *name = g_object_get_data (G_OBJECT (dialog), "name");
  LineupSecrets *secrets;

  if (g_strcmp0 (response, "remove") != 0 || self->store == NULL)
    return;
  if (!lineup_store_remove_account (self->store, id, &error))
    {
      toast (self, error->message);
      return;
    }
  if ((secrets = lineup_publishing_get_secrets (self->store)))
    lineup_account_forget_secrets (secrets, id);
  {
    g_autofree char *text = g_strdup_printf (_("Removed “%s”. Posts it already scheduled on the server stay there."), name);
    toast (self, text);
  }
}

static void
on_remove_account_cb (GtkButton         *button,
                      LineupPreferences *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupAccount) account = lineup_store_find_account (self->store,
                                                                g_object_get_data (G_OBJECT (button), "account"),
                                                                &error);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (account == NULL)
    {
      toast (self, error->message);
      return;
    }
  heading = g_strdup_printf (_("Remove “%s”?"), account->name);
  body = lineup_account_kind_schedules_on_server (account->kind)
    ? g_strdup_printf (_("Lineup stops publishing to it and forgets its token. Posts it already scheduled on %s "
                         "stay there and go out at their time: delete them on the server if they should not."),
                       account->endpoint)
    : g_strdup (_("Lineup stops publishing to it and forgets its secret. Posts waiting for their time are not sent "
                  "to it; those already out stay where they are."));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "account", g_strdup (account->id), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "name", g_strdup (account->name), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_account_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
add_account_row (LineupPreferences *self,
                 LineupAccountKind  kind,
                 const char        *title,
                 const char        *subtitle,
                 gboolean           can_add)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_sensitive (row, can_add);
  g_object_set_data (G_OBJECT (row), "kind", GINT_TO_POINTER (kind));
  g_signal_connect (row, "activated", G_CALLBACK (on_add_account_cb), self);
  return row;
}

static GtkWidget *
account_row (LineupPreferences   *self,
             const LineupAccount *account)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_markup_escape_text (account->name, -1);
  g_autofree char *subtitle = g_strdup_printf ("%s · %s\n%s", lineup_account_kind_to_label (account->kind),
                                               account->kind != LINEUP_ACCOUNT_WEBHOOK && account->handle &&
                                               *account->handle ? account->handle : account->endpoint,
                                               account->problem ? account->problem : _("Ready to publish"));
  g_autofree char *escaped = g_markup_escape_text (subtitle, -1);
  g_autofree char *remove_name = g_strdup_printf (_("Remove the account %s"), account->name);
  GtkWidget *state = gtk_image_new_from_icon_name (account->problem ? "dialog-error-symbolic" : "emblem-ok-symbolic");
  GtkWidget *remove = remove_button (remove_name);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  gtk_widget_add_css_class (state, "sync-badge");
  gtk_widget_add_css_class (state, account->problem ? "sync-failed" : "sync-published");
  gtk_accessible_update_property (GTK_ACCESSIBLE (state), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  account->problem ? _("Cannot publish") : _("Ready"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), state);
  if (account->problem)
    {
      g_autofree char *name = g_strdup_printf (account->kind == LINEUP_ACCOUNT_WEBHOOK ? _("Try %s again")
                                                                                      : _("Sign in to %s again"),
                                               account->name);
      GtkWidget *again = gtk_button_new ();

      /* A child label, not the label property: GTK 4.8 would name the
       * button from both. */
      gtk_button_set_child (GTK_BUTTON (again),
                            gtk_label_new_with_mnemonic (account->kind == LINEUP_ACCOUNT_WEBHOOK ? _("_Try Again")
                                                                                                : _("_Sign In Again…")));
      gtk_widget_set_valign (again, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (again), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_object_set_data_full (G_OBJECT (again), "account", g_strdup (account->id), g_free);
      g_signal_connect (again, "clicked", G_CALLBACK (on_sign_in_again_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), again);
    }
  g_object_set_data_full (G_OBJECT (remove), "account", g_strdup (account->id), g_free);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_account_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  /* Named by its title; the description is the subtitle's words. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
  return row;
}

/* Rebuilt only when what it shows changed: the sync engine announces many
 * changes that are not about the accounts. */
void
rebuild_accounts (LineupPreferences *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = lineup_store_get_accounts (self->store, &error);
  LineupSecrets *secrets = lineup_publishing_get_secrets (self->store);
  const char *problem = lineup_publishing_get_problem (self->store);
  g_autoptr(GString) signature = g_string_new (problem);
  g_autofree char *description = NULL;
  GtkWidget *group;

  g_clear_handle_id (&self->accounts_id, g_source_remove);
  g_string_append_printf (signature, "\x1e%d\x1e%s", secrets != NULL, error ? error->message : "");
  for (guint i = 0; accounts && i < accounts->len; i++)
    {
      LineupAccount *account = g_ptr_array_index (accounts, i);

      g_string_append_printf (signature, "\x1e%s\x1f%s\x1f%s\x1f%s\x1f%s", account->id, account->name,
                              account->handle ? account->handle : "", account->endpoint ? account->endpoint : "",
                              account->problem ? account->problem : "");
    }
  if (g_strcmp0 (signature->str, self->accounts_signature) == 0)
    return;
  g_free (self->accounts_signature);
  self->accounts_signature = g_strdup (signature->str);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Accounts"));
  if (problem)
    description = g_strdup_printf (_("Publishing is off: %s"), problem);
  else if (secrets)
    description = g_strdup_printf (_("Lineup sends a post to the accounts ticked under “Publish To” in its editor, "
                                     "once it is Scheduled, at its time. Their passwords and tokens are kept in %s, "
                                     "never in the plan."), lineup_secrets_describe (secrets));
  else
    description = g_strdup (_("Lineup sends a post to the accounts ticked under “Publish To” in its editor, once it "
                              "is Scheduled, at its time."));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  if (accounts == NULL)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  for (guint i = 0; accounts && i < accounts->len; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), account_row (self, g_ptr_array_index (accounts, i)));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             add_account_row (self, LINEUP_ACCOUNT_MASTODON, _("Add a Mastodon Account…"),
                                              _("Signs in through your browser, or with an access token"),
                                              secrets != NULL));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             add_account_row (self, LINEUP_ACCOUNT_BLUESKY, _("Add a Bluesky Account…"),
                                              _("With its handle and an app password"), secrets != NULL));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             add_account_row (self, LINEUP_ACCOUNT_WEBHOOK, _("Add a Webhook…"),
                                              _("Posts go as signed JSON to an address of yours"), secrets != NULL));

  if (self->accounts_group)
    adw_preferences_page_remove (self->publishing_page, ADW_PREFERENCES_GROUP (self->accounts_group));
  self->accounts_group = group;
  adw_preferences_page_add (self->publishing_page, ADW_PREFERENCES_GROUP (group));
}

static gboolean
rebuild_accounts_idle_cb (gpointer data)
{
  LineupPreferences *self = data;

  self->accounts_id = 0;
  rebuild_accounts (self);
  return G_SOURCE_REMOVE;
}

void
queue_rebuild_accounts (LineupPreferences *self)
{
  if (self->accounts_id == 0)
    self->accounts_id = g_idle_add (rebuild_accounts_idle_cb, self);
}
