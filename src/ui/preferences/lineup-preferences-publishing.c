/* lineup-preferences-publishing.c: the Publishing page of Preferences: the
 * accounts posts are published to, added (through the account dialog),
 * signed in again or removed; a webhook's media size changed.
 *
 * The accounts are a GListStore of items bound to the group's boxed list
 * and synced on "publishing-changed": the sync engine announces many
 * changes that are not about the accounts, and a row changes only when
 * what it shows did. The rows are LineupAccountRow, below, with the
 * account in a typed field.
 *
 * The account dialog is lineup-account-dialog.c; the window and the other
 * pages are lineup-preferences.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-account-connect.h"
#include "lineup-account-dialog.h"
#include "lineup-preferences-list.h"
#include "lineup-preferences-publishing.h"
#include "lineup-preferences-utm.h"
#include "lineup-publishing.h"

struct _LineupPreferencesPublishing
{
  AdwPreferencesPage parent_instance;

  LineupStore *store;
  GListStore *accounts;    /* of LineupPreferencesItem, each a LineupAccount */

  AdwPreferencesGroup *accounts_group;
  GtkListBox *accounts_list;
  GtkWidget *error_row;
  GtkWidget *add_mastodon_row;
  GtkWidget *add_bluesky_row;
  GtkWidget *add_webhook_row;
  LineupPreferencesUtm *utm_group;
};

G_DEFINE_FINAL_TYPE (LineupPreferencesPublishing, lineup_preferences_publishing, ADW_TYPE_PREFERENCES_PAGE)

static void
toast_on (LineupPreferencesPublishing *self,
          const char                  *message)
{
  lineup_preferences_toast (GTK_WIDGET (self), message);
}

static void
on_account_saved_cb (LineupPreferencesPublishing *self,
                     const char                  *message)
{
  toast_on (self, message);
}

static void
open_account_dialog (LineupPreferencesPublishing *self,
                     LineupAccountKind            kind,
                     const LineupAccount         *account)
{
  LineupAccountDialog *dialog = lineup_account_dialog_new (self->store, kind, account);

  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (dialog, "account-saved", G_CALLBACK (on_account_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_add_mastodon_cb (LineupPreferencesPublishing *self)
{
  open_account_dialog (self, LINEUP_ACCOUNT_MASTODON, NULL);
}

static void
on_add_bluesky_cb (LineupPreferencesPublishing *self)
{
  open_account_dialog (self, LINEUP_ACCOUNT_BLUESKY, NULL);
}

static void
on_add_webhook_cb (LineupPreferencesPublishing *self)
{
  open_account_dialog (self, LINEUP_ACCOUNT_WEBHOOK, NULL);
}

/* ---- an account ---- */

#define LINEUP_TYPE_ACCOUNT_ROW (lineup_account_row_get_type ())
G_DECLARE_FINAL_TYPE (LineupAccountRow, lineup_account_row, LINEUP, ACCOUNT_ROW, AdwActionRow)

struct _LineupAccountRow
{
  AdwActionRow parent_instance;

  LineupPreferencesPublishing *page;   /* unowned: it holds the list */
  LineupPreferencesItem *item;
  GtkWidget *state;
  GtkWidget *media_bytes;              /* a webhook's GtkSpinButton, in MB; else NULL */
  GtkWidget *again;                    /* shown when the account has a problem */
  GtkWidget *remove;
};

G_DEFINE_FINAL_TYPE (LineupAccountRow, lineup_account_row, ADW_TYPE_ACTION_ROW)

static LineupAccount *
account_of (LineupAccountRow *row)
{
  return lineup_preferences_item_get_data (row->item);
}

static void
on_sign_in_again_cb (LineupAccountRow *row)
{
  LineupPreferencesPublishing *self = row->page;
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupAccount) account = lineup_store_find_account (self->store, account_of (row)->id, &error);

  if (account == NULL)
    {
      toast_on (self, error->message);
      return;
    }
  if (account->kind != LINEUP_ACCOUNT_WEBHOOK)
    {
      open_account_dialog (self, account->kind, account);
      return;
    }
  /* A webhook has nothing to sign in to: its endpoint may be back. */
  if (!lineup_sync_account_fixed (self->store, account->id, &error))
    toast_on (self, error->message);
  else
    {
      g_autofree char *text = g_strdup_printf (_("“%s” will be tried again"), account->name);
      toast_on (self, text);
    }
}

static gint64
spin_bytes (GtkWidget *spin)
{
  return (gint64) (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)) * 1000 * 1000 + 0.5);
}

static void
on_media_bytes_cb (LineupAccountRow *row)
{
  g_autoptr(GError) error = NULL;
  gint64 bytes = spin_bytes (row->media_bytes);

  if (bytes == account_of (row)->media_bytes)
    return;
  if (!lineup_store_set_account_media_bytes (row->page->store, account_of (row)->id, bytes, &error))
    toast_on (row->page, error->message);
}

/* The account a removal asks about, while its dialog is open. */
typedef struct {
  LineupPreferencesPublishing *page;
  char *id;
  char *name;
} Removal;

static void
removal_free (gpointer data,
              GClosure *closure)
{
  Removal *removal = data;

  g_object_unref (removal->page);
  g_free (removal->id);
  g_free (removal->name);
  g_free (removal);
}

static void
on_remove_account_response_cb (AdwMessageDialog *dialog,
                               const char       *response,
                               Removal          *removal)
{
  LineupPreferencesPublishing *self = removal->page;
  g_autoptr(GError) error = NULL;
  LineupSecrets *secrets;

  if (g_strcmp0 (response, "remove") != 0 || self->store == NULL)
    return;
  if (!lineup_store_remove_account (self->store, removal->id, &error))
    {
      toast_on (self, error->message);
      return;
    }
  if ((secrets = lineup_publishing_get_secrets (self->store)))
    lineup_account_forget_secrets (secrets, removal->id);
  {
    g_autofree char *text = g_strdup_printf (_("Removed “%s”. Posts it already scheduled on the server stay there."),
                                             removal->name);
    toast_on (self, text);
  }
}

static void
on_remove_account_cb (LineupAccountRow *row)
{
  LineupPreferencesPublishing *self = row->page;
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupAccount) account = lineup_store_find_account (self->store, account_of (row)->id, &error);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  Removal *removal;

  if (account == NULL)
    {
      toast_on (self, error->message);
      return;
    }
  heading = g_strdup_printf (_("Remove “%s”?"), account->name);
  body = lineup_account_kind_schedules_on_server (account->kind)
    ? g_strdup_printf (_("Lineup stops publishing to it and forgets its token. Posts it already scheduled on %s "
                         "stay there and go out at their time: delete them on the server if they should not."),
                       account->endpoint)
    : g_strdup (_("Lineup stops publishing to it and forgets its secret. Posts waiting for their time are not sent "
                  "to it; those already out stay where they are."));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  removal = g_new0 (Removal, 1);
  removal->page = g_object_ref (self);
  removal->id = g_strdup (account->id);
  removal->name = g_strdup (account->name);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_remove_account_response_cb), removal, removal_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
account_row_update (LineupAccountRow *row)
{
  LineupAccount *account = account_of (row);
  g_autofree char *title = g_markup_escape_text (account->name, -1);
  g_autofree char *subtitle = g_strdup_printf ("%s · %s\n%s", lineup_account_kind_to_label (account->kind),
                                               account->kind != LINEUP_ACCOUNT_WEBHOOK && account->handle &&
                                               *account->handle ? account->handle : account->endpoint,
                                               account->problem ? account->problem : _("Ready to publish"));
  g_autofree char *escaped = g_markup_escape_text (subtitle, -1);
  g_autofree char *again_name = g_strdup_printf (account->kind == LINEUP_ACCOUNT_WEBHOOK ? _("Try %s again")
                                                                                        : _("Sign in to %s again"),
                                                 account->name);
  g_autofree char *remove_name = g_strdup_printf (_("Remove the account %s"), account->name);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  gtk_image_set_from_icon_name (GTK_IMAGE (row->state), account->problem ? "dialog-error-symbolic" : "emblem-ok-symbolic");
  gtk_widget_remove_css_class (row->state, account->problem ? "sync-published" : "sync-failed");
  gtk_widget_add_css_class (row->state, account->problem ? "sync-failed" : "sync-published");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->state), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  account->problem ? _("Cannot publish") : _("Ready"), -1);
  if (row->media_bytes)
    {
      g_autofree char *media_name = g_strdup_printf (_("Send media to %s up to, in megabytes"), account->name);
      g_autofree char *media_description = lineup_account_describe_media_bytes (account->media_bytes);

      gtk_accessible_update_property (GTK_ACCESSIBLE (row->media_bytes),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, media_name,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, media_description, -1);
      if (spin_bytes (row->media_bytes) != account->media_bytes)
        {
          g_signal_handlers_block_by_func (row->media_bytes, on_media_bytes_cb, row);
          gtk_spin_button_set_value (GTK_SPIN_BUTTON (row->media_bytes), account->media_bytes / 1e6);
          g_signal_handlers_unblock_by_func (row->media_bytes, on_media_bytes_cb, row);
        }
    }
  gtk_widget_set_visible (row->again, account->problem != NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->again), GTK_ACCESSIBLE_PROPERTY_LABEL, again_name, -1);
  gtk_widget_set_tooltip_text (row->remove, remove_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_name, -1);
  /* Named by its title; the description is the subtitle's words. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
}

static void
lineup_account_row_dispose (GObject *object)
{
  g_clear_object (&LINEUP_ACCOUNT_ROW (object)->item);
  G_OBJECT_CLASS (lineup_account_row_parent_class)->dispose (object);
}

static void
lineup_account_row_class_init (LineupAccountRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lineup_account_row_dispose;
}

static void
lineup_account_row_init (LineupAccountRow *row)
{
}

static GtkWidget *
account_row_new (gpointer item,
                 gpointer data)
{
  LineupAccountRow *row = g_object_new (LINEUP_TYPE_ACCOUNT_ROW, NULL);
  LineupAccount *account = lineup_preferences_item_get_data (item);

  row->page = data;
  row->item = g_object_ref (item);
  row->state = gtk_image_new ();
  gtk_widget_add_css_class (row->state, "sync-badge");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), row->state);
  /* A webhook: how large a medium goes in its payload with its bytes. */
  if (account->kind == LINEUP_ACCOUNT_WEBHOOK)
    {
      row->media_bytes = gtk_spin_button_new_with_range (0, LINEUP_ACCOUNT_MAX_MEDIA_BYTES / 1e6, 0.5);
      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (row->media_bytes), 1);
      gtk_widget_set_valign (row->media_bytes, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (row->media_bytes,
                                   _("Send media up to this size with their bytes; larger ones are only listed. "
                                     "0: never."));
      g_signal_connect_swapped (row->media_bytes, "value-changed", G_CALLBACK (on_media_bytes_cb), row);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), row->media_bytes);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new (_("MB")));
    }
  /* A child label, not the label property: GTK 4.8 would name the button
   * from both. A webhook is tried again; the others are signed in to. */
  row->again = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (row->again),
                        gtk_label_new_with_mnemonic (account->kind == LINEUP_ACCOUNT_WEBHOOK ? _("_Try Again")
                                                                                            : _("_Sign In Again…")));
  gtk_widget_set_valign (row->again, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (row->again, "clicked", G_CALLBACK (on_sign_in_again_cb), row);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), row->again);
  row->remove = lineup_preferences_remove_button ("");
  g_signal_connect_swapped (row->remove, "clicked", G_CALLBACK (on_remove_account_cb), row);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), row->remove);
  account_row_update (row);
  g_signal_connect_object (item, "changed", G_CALLBACK (account_row_update), row, G_CONNECT_SWAPPED);
  return GTK_WIDGET (row);
}

/* ---- the page ---- */

static char *
account_key (gconstpointer data)
{
  return g_strdup (((const LineupAccount *) data)->id);
}

static char *
account_signature (gconstpointer data)
{
  const LineupAccount *account = data;

  return g_strdup_printf ("%s\x1f%d\x1f%s\x1f%s\x1f%s\x1f%s\x1f%" G_GINT64_FORMAT, account->id, account->kind,
                          account->name, account->handle ? account->handle : "",
                          account->endpoint ? account->endpoint : "", account->problem ? account->problem : "",
                          account->media_bytes);
}

static void
reload (LineupPreferencesPublishing *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = lineup_store_get_accounts (self->store, &error);
  LineupSecrets *secrets = lineup_publishing_get_secrets (self->store);
  const char *problem = lineup_publishing_get_problem (self->store);
  g_autofree char *description = NULL;

  if (problem)
    description = g_strdup_printf (_("Publishing is off: %s"), problem);
  else if (secrets)
    description = g_strdup_printf (_("Lineup sends a post to the accounts ticked under “Publish To” in its editor, "
                                     "once it is Scheduled, at its time. Their passwords and tokens are kept in %s, "
                                     "never in the plan."), lineup_secrets_describe (secrets));
  else
    description = g_strdup (_("Lineup sends a post to the accounts ticked under “Publish To” in its editor, once it "
                              "is Scheduled, at its time."));
  adw_preferences_group_set_description (self->accounts_group, description);
  if (accounts == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->error_row), escaped);
      accounts = g_ptr_array_new ();
    }
  gtk_widget_set_visible (self->error_row, error != NULL);
  lineup_preferences_list_sync (self->accounts, accounts, account_key, account_signature,
                                (GDestroyNotify) lineup_account_free, FALSE);
  gtk_widget_set_sensitive (self->add_mastodon_row, secrets != NULL);
  gtk_widget_set_sensitive (self->add_bluesky_row, secrets != NULL);
  gtk_widget_set_sensitive (self->add_webhook_row, secrets != NULL);
}

static void
on_store_changed (GtkWidget *page)
{
  reload (LINEUP_PREFERENCES_PUBLISHING (page));
}

void
lineup_preferences_publishing_set_store (LineupPreferencesPublishing *self,
                                         LineupStore                 *store)
{
  g_return_if_fail (LINEUP_IS_PREFERENCES_PUBLISHING (self));
  g_return_if_fail (LINEUP_IS_STORE (store));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  reload (self);
  lineup_preferences_utm_set_store (self->utm_group, store);
  lineup_preferences_follow_store (GTK_WIDGET (self), store, on_store_changed,
                                   "publishing-changed", "reloaded", NULL);
}

static void
lineup_preferences_publishing_dispose (GObject *object)
{
  LineupPreferencesPublishing *self = LINEUP_PREFERENCES_PUBLISHING (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_PREFERENCES_PUBLISHING);
  g_clear_object (&self->accounts);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (lineup_preferences_publishing_parent_class)->dispose (object);
}

static void
lineup_preferences_publishing_class_init (LineupPreferencesPublishingClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = lineup_preferences_publishing_dispose;
  g_type_ensure (LINEUP_TYPE_PREFERENCES_UTM);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lineup/Lineup/preferences/lineup-preferences-publishing.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesPublishing, accounts_group);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesPublishing, accounts_list);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesPublishing, error_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesPublishing, add_mastodon_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesPublishing, add_bluesky_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesPublishing, add_webhook_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesPublishing, utm_group);
  gtk_widget_class_bind_template_callback (widget_class, on_add_mastodon_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_bluesky_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_webhook_cb);
}

static void
lineup_preferences_publishing_init (LineupPreferencesPublishing *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->accounts = g_list_store_new (LINEUP_TYPE_PREFERENCES_ITEM);
  lineup_preferences_list_bind (self->accounts_list, G_LIST_MODEL (self->accounts), account_row_new, self);
}
