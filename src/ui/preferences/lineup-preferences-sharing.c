/* lineup-preferences-sharing.c: the Sharing page of Preferences: the plan
 * shared through a CalDAV server (share, join, how it stands, leave), the
 * feeds others subscribe to (published now or after each change) and the
 * overlay calendars shown on the month.
 *
 * Each list is a GListStore of items (one a feed, an overlay) bound to its
 * boxed list and synced with the plan on "plan-changed": a removal drops
 * one row and a publish or an edit updates one row in place. The rows are
 * the small classes below, with what they stand for in typed fields.
 * A feed that signs in has a password row: what is typed there goes to the
 * Secret Service in a worker thread (lineup_feed_store_password_async), and
 * stays in the row when that fails.
 *
 * It does not hold the window nor the other pages (lineup-preferences.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-preferences-list.h"
#include "lineup-preferences-sharing.h"
#include "lineup-share.h"
#include "lineup-share-dialog.h"
#include "lineup-share-marks.h"

struct _LineupPreferencesSharing
{
  AdwPreferencesPage parent_instance;

  LineupStore *store;
  GListStore *feeds;       /* of LineupPreferencesItem, each a LineupFeed */
  GListStore *overlays;    /* … each a LineupOverlay */

  GtkListBox *feeds_list;
  AdwExpanderRow *add_feed_row;
  GtkEditable *new_feed_name;
  AdwComboRow *new_feed_kind;
  GtkEditable *new_feed_target;
  GtkEditable *new_feed_user;
  GtkEditable *new_feed_password;
  AdwComboRow *new_feed_privacy;
  GtkWidget *add_feed_button;
  GtkListBox *overlays_list;
  AdwExpanderRow *add_overlay_row;
  GtkEditable *new_overlay_name;
  GtkEditable *new_overlay_source;
  GtkWidget *share_buttons;
  GtkWidget *share_details;
  AdwActionRow *server_row;
  AdwActionRow *login_row;
  AdwActionRow *approvals_row;
  GtkWidget *unprotected_row;
  AdwActionRow *last_pass_row;
  AdwActionRow *waiting_row;
  AdwActionRow *error_row;
};

G_DEFINE_FINAL_TYPE (LineupPreferencesSharing, lineup_preferences_sharing, ADW_TYPE_PREFERENCES_PAGE)

static void reload (LineupPreferencesSharing *self,
                    gboolean                  refresh);

static void
toast_on (LineupPreferencesSharing *self,
          const char               *message)
{
  lineup_preferences_toast (GTK_WIDGET (self), message);
}

/* Reports a refusal and shows what is stored again (a switch flipped goes
 * back). */
static void
refuse (LineupPreferencesSharing *self,
        GError                   *error)
{
  toast_on (self, error->message);
  reload (self, TRUE);
}

/* ---- a feed ---- */

#define LINEUP_TYPE_FEED_ROW (lineup_feed_row_get_type ())
G_DECLARE_FINAL_TYPE (LineupFeedRow, lineup_feed_row, LINEUP, FEED_ROW, AdwExpanderRow)

struct _LineupFeedRow
{
  AdwExpanderRow parent_instance;

  LineupPreferencesSharing *page;   /* unowned: it holds the list */
  LineupPreferencesItem *item;
  GtkWidget *publish;
  GtkWidget *copy;                  /* shown when the feed has a link */
  GtkWidget *target;
  GtkWidget *user;                  /* WebDAV and CalDAV only */
  GtkWidget *password;              /* … and only with a user name */
  AdwComboRow *privacy;
  GtkSwitch *automatic;
};

G_DEFINE_FINAL_TYPE (LineupFeedRow, lineup_feed_row, ADW_TYPE_EXPANDER_ROW)

static LineupFeed *
feed_of (LineupFeedRow *row)
{
  return lineup_preferences_item_get_data (row->item);
}

static void
on_published_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(LineupPreferencesSharing) self = data;
  g_autoptr(GError) error = NULL;
  int n = lineup_feed_publish_finish (result, &error);

  if (self->store == NULL)
    return;
  lineup_store_refresh (self->store);
  if (n < 0)
    toast_on (self, error->message);
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Published %d post", "Published %d posts", n), n);
      toast_on (self, text);
    }
  reload (self, TRUE);
}

static void
on_publish_now_cb (LineupFeedRow *row)
{
  LineupPreferencesSharing *self = row->page;

  gtk_widget_set_sensitive (row->publish, FALSE);
  /* NULL unless LINEUP_FEED_PASSWORD is set: the feed's stored password. */
  lineup_feed_publish_async (lineup_store_get_path (self->store), feed_of (row)->name,
                             lineup_feed_password_from_env (), NULL, on_published_cb, g_object_ref (self));
}

static gboolean
signs_in (LineupFeed *feed)
{
  return feed->kind != LINEUP_FEED_FILE && feed->username != NULL;
}

/* A password forgotten (the feed removed, or its user name cleared): only
 * a failure is worth saying. */
static void
on_password_forgotten_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      data)
{
  g_autoptr(LineupPreferencesSharing) self = data;
  g_autoptr(GError) error = NULL;

  if (!lineup_feed_store_password_finish (result, &error) && self->store)
    {
      g_autofree char *text = g_strdup_printf (_("The feed’s password could not be forgotten: %s"), error->message);
      toast_on (self, text);
    }
}

static void
forget_password (LineupPreferencesSharing *self,
                 const char               *name)
{
  lineup_feed_store_password_async (name, NULL, NULL, on_password_forgotten_cb, g_object_ref (self));
}

static void
on_password_stored_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      data)
{
  g_autoptr(LineupFeedRow) row = data;
  g_autoptr(GError) error = NULL;

  gtk_widget_set_sensitive (row->password, TRUE);
  if (!lineup_feed_store_password_finish (result, &error))
    {
      /* What was typed stays in the row, to try again. */
      gtk_widget_add_css_class (row->password, "error");
      lineup_preferences_toast (GTK_WIDGET (row), error->message);
      return;
    }
  gtk_widget_remove_css_class (row->password, "error");
  gtk_editable_set_text (GTK_EDITABLE (row->password), "");
  {
    g_autofree char *text = g_strdup_printf (_("Password of %s saved"), feed_of (row)->name);
    lineup_preferences_toast (GTK_WIDGET (row), text);
  }
}

static void
on_feed_password_cb (LineupFeedRow *row)
{
  const char *password = gtk_editable_get_text (GTK_EDITABLE (row->password));

  if (*password == '\0')
    {
      toast_on (row->page, _("Type the password first"));
      return;
    }
  /* The keyring may ask to be unlocked: never in the window's thread. */
  gtk_widget_set_sensitive (row->password, FALSE);
  lineup_feed_store_password_async (feed_of (row)->name, password, NULL, on_password_stored_cb, g_object_ref (row));
}

static void
on_copy_link_cb (LineupFeedRow *row)
{
  g_autofree char *link = lineup_feed_subscription_link (feed_of (row));

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (row)), link);
  toast_on (row->page, _("Subscription link copied"));
}

static void
on_remove_feed_cb (LineupFeedRow *row)
{
  LineupPreferencesSharing *self = row->page;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup (feed_of (row)->name);
  gboolean had_password = signs_in (feed_of (row));

  if (!lineup_store_remove_feed (self->store, name, &error))
    refuse (self, error);
  else if (had_password)
    forget_password (self, name);
}

/* @username: NULL unchanged, "" none. */
static void
save_feed_change (LineupFeedRow *row,
                  const char    *target,
                  const char    *username,
                  int            privacy,
                  int            auto_publish)
{
  LineupPreferencesSharing *self = row->page;
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupFeed) feed = lineup_store_find_feed (self->store, feed_of (row)->name);
  gboolean forget = FALSE;

  if (feed == NULL)
    return;
  if (target)
    {
      g_free (feed->target);
      feed->target = g_strdup (target);
    }
  if (username)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (username));

      forget = feed->username && *trimmed == '\0';
      g_free (feed->username);
      feed->username = *trimmed ? g_steal_pointer (&trimmed) : NULL;
    }
  if (privacy >= 0)
    {
      g_free (feed->privacy);
      feed->privacy = g_strdup (lineup_ics_privacy_to_key (privacy));
    }
  if (auto_publish >= 0)
    feed->auto_publish = auto_publish;
  if (!lineup_store_save_feed (self->store, feed, FALSE, &error))
    refuse (self, error);
  else
    {
      /* No user, no password: it goes with the user name. */
      if (forget)
        forget_password (self, feed->name);
      toast_on (self, _("Feed saved"));
    }
}

static void
on_feed_target_cb (LineupFeedRow *row)
{
  save_feed_change (row, gtk_editable_get_text (GTK_EDITABLE (row->target)), NULL, -1, -1);
}

static void
on_feed_user_cb (LineupFeedRow *row)
{
  save_feed_change (row, NULL, gtk_editable_get_text (GTK_EDITABLE (row->user)), -1, -1);
}

static void
on_feed_privacy_cb (LineupFeedRow *row)
{
  save_feed_change (row, NULL, NULL, adw_combo_row_get_selected (row->privacy), -1);
}

static void
on_feed_auto_cb (LineupFeedRow *row)
{
  save_feed_change (row, NULL, NULL, -1, gtk_switch_get_active (row->automatic));
}

static void
feed_row_update (LineupFeedRow *row)
{
  LineupFeed *feed = feed_of (row);
  g_autofree char *title = g_markup_escape_text (feed->name, -1);
  g_autofree char *when = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *link = lineup_feed_subscription_link (feed);
  LineupIcsPrivacy level = LINEUP_ICS_PRIVACY_TITLES;

  if (feed->last_at)
    {
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (feed->last_at);
      when = g_date_time_format (at, "%-d %b %H:%M");
    }
  subtitle = feed->last_error
    ? g_strdup_printf (_("%s — last publish %s failed: %s"), feed->target, when, feed->last_error)
    : when ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s — published %s, %d post", "%s — published %s, %d posts",
                                           feed->last_items), feed->target, when, feed->last_items)
           : g_strdup_printf (_("%s — not published yet"), feed->target);
  escaped = g_markup_escape_text (subtitle, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), escaped);
  if (feed->last_error)
    gtk_widget_add_css_class (GTK_WIDGET (row), "feed-failed");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "feed-failed");
  gtk_widget_set_sensitive (row->publish, TRUE);
  gtk_widget_set_visible (row->copy, link != NULL);

  /* The editing rows, never under the person's typing. */
  if (!(gtk_widget_get_state_flags (row->target) & GTK_STATE_FLAG_FOCUS_WITHIN) &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row->target)), feed->target) != 0)
    gtk_editable_set_text (GTK_EDITABLE (row->target), feed->target);
  gtk_widget_set_visible (row->user, feed->kind != LINEUP_FEED_FILE);
  if (!(gtk_widget_get_state_flags (row->user) & GTK_STATE_FLAG_FOCUS_WITHIN) &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row->user)), feed->username ? feed->username : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (row->user), feed->username ? feed->username : "");
  gtk_widget_set_visible (row->password, signs_in (feed));
  lineup_ics_privacy_from_key (feed->privacy, &level);
  g_signal_handlers_block_by_func (row->privacy, on_feed_privacy_cb, row);
  adw_combo_row_set_selected (row->privacy, level);
  g_signal_handlers_unblock_by_func (row->privacy, on_feed_privacy_cb, row);
  g_signal_handlers_block_by_func (row->automatic, on_feed_auto_cb, row);
  gtk_switch_set_active (row->automatic, feed->auto_publish);
  g_signal_handlers_unblock_by_func (row->automatic, on_feed_auto_cb, row);
}

static void
lineup_feed_row_dispose (GObject *object)
{
  g_clear_object (&LINEUP_FEED_ROW (object)->item);
  G_OBJECT_CLASS (lineup_feed_row_parent_class)->dispose (object);
}

static void
lineup_feed_row_class_init (LineupFeedRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lineup_feed_row_dispose;
}

static void
lineup_feed_row_init (LineupFeedRow *row)
{
}

static GtkWidget *
feed_row_new (gpointer item,
              gpointer data)
{
  LineupFeedRow *row = g_object_new (LINEUP_TYPE_FEED_ROW, NULL);
  LineupFeed *feed = lineup_preferences_item_get_data (item);
  g_autofree char *publish_name = g_strdup_printf (_("Publish %s now"), feed->name);
  g_autofree char *remove_name = g_strdup_printf (_("Remove the feed %s"), feed->name);
  const char *shows[] = { _("Titles Only"), _("Titles and Brief"), _("Titles, Brief and Caption"), NULL };
  GtkWidget *remove, *automatic;

  row->page = data;
  row->item = g_object_ref (item);
  /* AdwExpanderRow puts each action before the ones added earlier:
   * added last to first, they read copy, publish, remove. */
  remove = lineup_preferences_remove_button (remove_name);
  g_signal_connect_swapped (remove, "clicked", G_CALLBACK (on_remove_feed_cb), row);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), remove);
  row->publish = lineup_preferences_icon_button ("view-refresh-symbolic", publish_name);
  g_signal_connect_swapped (row->publish, "clicked", G_CALLBACK (on_publish_now_cb), row);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), row->publish);
  row->copy = lineup_preferences_icon_button ("edit-copy-symbolic", _("Copy subscription link"));
  g_signal_connect_swapped (row->copy, "clicked", G_CALLBACK (on_copy_link_cb), row);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), row->copy);

  /* Editing: each change is saved at once. */
  row->target = lineup_preferences_entry_row (_("File or address"), feed->target);
  g_signal_connect_swapped (row->target, "apply", G_CALLBACK (on_feed_target_cb), row);
  row->user = lineup_preferences_entry_row (_("User Name"), feed->username);
  g_signal_connect_swapped (row->user, "apply", G_CALLBACK (on_feed_user_cb), row);
  /* Never filled in: a password is typed to change it, never shown. */
  row->password = adw_password_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->password), _("New Password"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row->password), TRUE);
  g_signal_connect_swapped (row->password, "apply", G_CALLBACK (on_feed_password_cb), row);
  row->privacy = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->privacy), _("Shows"));
  adw_combo_row_set_model (row->privacy, G_LIST_MODEL (gtk_string_list_new (shows)));
  automatic = lineup_preferences_switch_row (_("Republish after changes"), NULL, feed->auto_publish);
  row->automatic = GTK_SWITCH (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (automatic)));
  feed_row_update (row);
  g_signal_connect_swapped (row->privacy, "notify::selected", G_CALLBACK (on_feed_privacy_cb), row);
  g_signal_connect_swapped (row->automatic, "notify::active", G_CALLBACK (on_feed_auto_cb), row);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), row->target);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), row->user);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), row->password);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), GTK_WIDGET (row->privacy));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), automatic);
  g_signal_connect_object (item, "changed", G_CALLBACK (feed_row_update), row, G_CONNECT_SWAPPED);
  return GTK_WIDGET (row);
}

/* Added: the rows are empty again for the next one. */
static void
clear_new_feed (LineupPreferencesSharing *self)
{
  gtk_widget_set_sensitive (self->add_feed_button, TRUE);
  gtk_editable_set_text (self->new_feed_name, "");
  gtk_editable_set_text (self->new_feed_target, "");
  gtk_editable_set_text (self->new_feed_user, "");
  gtk_editable_set_text (self->new_feed_password, "");
  adw_combo_row_set_selected (self->new_feed_kind, 0);
  adw_combo_row_set_selected (self->new_feed_privacy, 0);
  adw_expander_row_set_expanded (self->add_feed_row, FALSE);
}

typedef struct {
  LineupPreferencesSharing *page;   /* owned */
  char *name;
} NewFeed;

static void
on_new_password_stored_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      data)
{
  NewFeed *added = data;
  LineupPreferencesSharing *self = added->page;
  g_autoptr(GError) error = NULL;

  if (self->store && !lineup_feed_store_password_finish (result, &error))
    {
      /* Nothing half-added: the feed goes, what was typed stays. */
      g_autofree char *text = g_strdup_printf (_("Nothing was added: %s"), error->message);

      lineup_store_remove_feed (self->store, added->name, NULL);
      gtk_widget_set_sensitive (self->add_feed_button, TRUE);
      toast_on (self, text);
    }
  else if (self->store)
    clear_new_feed (self);
  g_object_unref (added->page);
  g_free (added->name);
  g_free (added);
}

static void
on_add_feed_cb (GtkButton                *button,
                LineupPreferencesSharing *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *user = g_strstrip (g_strdup (gtk_editable_get_text (self->new_feed_user)));
  const char *password = gtk_editable_get_text (self->new_feed_password);
  LineupFeed feed = { 0 };
  char *empty[] = { NULL };
  NewFeed *added;

  feed.name = (char *) gtk_editable_get_text (self->new_feed_name);
  feed.kind = adw_combo_row_get_selected (self->new_feed_kind);
  feed.target = (char *) gtk_editable_get_text (self->new_feed_target);
  feed.username = feed.kind != LINEUP_FEED_FILE && *user ? user : NULL;
  feed.privacy = (char *) lineup_ics_privacy_to_key (adw_combo_row_get_selected (self->new_feed_privacy));
  feed.filter = empty;
  feed.days_back = 30;
  feed.days_ahead = 180;
  feed.duration = 30;
  feed.refresh = 60;
  feed.auto_publish = TRUE;
  if (*password && feed.username == NULL)
    {
      toast_on (self, _("A password goes with a user name, for a WebDAV or CalDAV address: type the user name"));
      return;
    }
  if (!lineup_store_save_feed (self->store, &feed, TRUE, &error))
    {
      toast_on (self, error->message);
      return;
    }
  if (*password == '\0')
    {
      clear_new_feed (self);
      return;
    }
  /* The password to the Secret Service, in a worker thread. */
  gtk_widget_set_sensitive (self->add_feed_button, FALSE);
  added = g_new0 (NewFeed, 1);
  added->page = g_object_ref (self);
  added->name = g_strdup (feed.name);
  lineup_feed_store_password_async (feed.name, password, NULL, on_new_password_stored_cb, added);
}

/* ---- an overlay calendar ---- */

#define LINEUP_TYPE_OVERLAY_ROW (lineup_overlay_row_get_type ())
G_DECLARE_FINAL_TYPE (LineupOverlayRow, lineup_overlay_row, LINEUP, OVERLAY_ROW, AdwActionRow)

struct _LineupOverlayRow
{
  AdwActionRow parent_instance;

  LineupPreferencesSharing *page;   /* unowned: it holds the list */
  LineupPreferencesItem *item;
  GtkSwitch *shown;
  GtkWidget *remove;
  GtkToggleButton *blackout;   /* its days kept free by Plan This Month */
};

G_DEFINE_FINAL_TYPE (LineupOverlayRow, lineup_overlay_row, ADW_TYPE_ACTION_ROW)

static LineupOverlay *
overlay_of (LineupOverlayRow *row)
{
  return lineup_preferences_item_get_data (row->item);
}

static void
on_overlay_switch_cb (LineupOverlayRow *row)
{
  g_autoptr(GError) error = NULL;

  if (!lineup_store_set_overlay_enabled (row->page->store, overlay_of (row)->name,
                                         gtk_switch_get_active (row->shown), &error))
    refuse (row->page, error);
}

static void
on_overlay_blackout_cb (LineupOverlayRow *row)
{
  g_autoptr(GError) error = NULL;

  if (!lineup_store_set_overlay_blackout (row->page->store, overlay_of (row)->name,
                                          gtk_toggle_button_get_active (row->blackout), &error))
    refuse (row->page, error);
}

static void
on_remove_overlay_cb (LineupOverlayRow *row)
{
  g_autoptr(GError) error = NULL;

  if (!lineup_store_remove_overlay (row->page->store, overlay_of (row)->name, &error))
    refuse (row->page, error);
}

static void
overlay_row_update (LineupOverlayRow *row)
{
  LineupOverlay *overlay = overlay_of (row);
  int n = overlay->cache ? lineup_overlay_count (overlay->cache) : 0;
  g_autofree char *name = g_markup_escape_text (overlay->name, -1);
  g_autofree char *title = g_strdup_printf ("<span foreground=\"%s\">●</span> %s", overlay->color, name);
  g_autofree char *subtitle = overlay->last_error
    ? g_strdup_printf (_("%s — the last refresh failed: %s"), overlay->source, overlay->last_error)
    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s — %d event", "%s — %d events", MAX (n, 0)),
                       overlay->source, MAX (n, 0));
  g_autofree char *escaped = g_markup_escape_text (subtitle, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  g_signal_handlers_block_by_func (row->shown, on_overlay_switch_cb, row);
  gtk_switch_set_active (row->shown, overlay->enabled);
  g_signal_handlers_unblock_by_func (row->shown, on_overlay_switch_cb, row);
  g_signal_handlers_block_by_func (row->blackout, on_overlay_blackout_cb, row);
  gtk_toggle_button_set_active (row->blackout, overlay->blackout);
  g_signal_handlers_unblock_by_func (row->blackout, on_overlay_blackout_cb, row);
}

static void
lineup_overlay_row_dispose (GObject *object)
{
  g_clear_object (&LINEUP_OVERLAY_ROW (object)->item);
  G_OBJECT_CLASS (lineup_overlay_row_parent_class)->dispose (object);
}

static void
lineup_overlay_row_class_init (LineupOverlayRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lineup_overlay_row_dispose;
}

static void
lineup_overlay_row_init (LineupOverlayRow *row)
{
}

static GtkWidget *
overlay_row_new (gpointer item,
                 gpointer data)
{
  LineupOverlayRow *row = g_object_new (LINEUP_TYPE_OVERLAY_ROW, NULL);
  LineupOverlay *overlay = lineup_preferences_item_get_data (item);
  g_autofree char *remove_name = g_strdup_printf (_("Remove the overlay %s"), overlay->name);
  g_autofree char *switch_name = g_strdup_printf (_("Show %s"), overlay->name);
  g_autofree char *blackout_name = g_strdup_printf (_("Blackout: keep the days of %s free"), overlay->name);

  row->page = data;
  row->item = g_object_ref (item);
  row->shown = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (row->shown), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->shown), GTK_ACCESSIBLE_PROPERTY_LABEL, switch_name, -1);
  row->remove = lineup_preferences_remove_button (remove_name);
  row->blackout = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_("_Blackout")));
  gtk_widget_set_valign (GTK_WIDGET (row->blackout), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row->blackout), _("Plan This Month leaves this calendar’s days free"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->blackout), GTK_ACCESSIBLE_PROPERTY_LABEL, blackout_name, -1);
  overlay_row_update (row);
  g_signal_connect_swapped (row->blackout, "toggled", G_CALLBACK (on_overlay_blackout_cb), row);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (row->blackout));
  g_signal_connect_swapped (row->shown, "notify::active", G_CALLBACK (on_overlay_switch_cb), row);
  g_signal_connect_swapped (row->remove, "clicked", G_CALLBACK (on_remove_overlay_cb), row);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (row->shown));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), row->remove);
  g_signal_connect_object (item, "changed", G_CALLBACK (overlay_row_update), row, G_CONNECT_SWAPPED);
  return GTK_WIDGET (row);
}

/* An overlay being read for the first time: the page may be gone when the
 * answer comes, the store stays. */
typedef struct {
  GWeakRef page;
  LineupStore *store;
  GtkWidget *button;
  char *name;
} AddingOverlay;

static void
adding_overlay_free (AddingOverlay *adding)
{
  g_weak_ref_clear (&adding->page);
  g_clear_object (&adding->store);
  g_clear_object (&adding->button);
  g_free (adding->name);
  g_free (adding);
}

static void
on_overlay_read_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  AddingOverlay *adding = data;
  g_autoptr(LineupPreferencesSharing) self = g_weak_ref_get (&adding->page);
  g_autoptr(GError) error = NULL;

  gtk_widget_set_sensitive (adding->button, TRUE);
  /* The worker wrote the copy with a store of its own. */
  lineup_store_refresh (adding->store);
  if (lineup_overlay_refresh_finish (result, &error) < 0)
    {
      /* A wrong address is said now, and nothing is kept. */
      lineup_store_remove_overlay (adding->store, adding->name, NULL);
      if (self)
        toast_on (self, error->message);
    }
  else if (self)
    {
      gtk_editable_set_text (self->new_overlay_name, "");
      gtk_editable_set_text (self->new_overlay_source, "");
      adw_expander_row_set_expanded (self->add_overlay_row, FALSE);
    }
  adding_overlay_free (adding);
}

static void
on_add_overlay_cb (GtkButton                *button,
                   LineupPreferencesSharing *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup (gtk_editable_get_text (self->new_overlay_name));
  AddingOverlay *adding;

  if (!lineup_store_add_overlay (self->store, name, gtk_editable_get_text (self->new_overlay_source), NULL, &error))
    {
      toast_on (self, error->message);
      return;
    }
  /* Read at once, off the window's thread: a slow server or a big calendar
   * never holds the window. Add waits for the answer. */
  adding = g_new0 (AddingOverlay, 1);
  g_weak_ref_init (&adding->page, self);
  adding->store = g_object_ref (self->store);
  adding->button = g_object_ref (GTK_WIDGET (button));
  adding->name = g_steal_pointer (&name);
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  lineup_overlay_refresh_async (lineup_store_get_path (self->store), adding->name, on_overlay_read_cb, adding);
}

/* ---- the shared plan ---- */

static void
set_subtitle (AdwActionRow *row,
              const char   *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);
  adw_action_row_set_subtitle (row, escaped);
}

/* The group shows the two ways in, or how the shared plan stands (local:
 * no network), again after every change of the plan's sharing. */
static void
update_shared (LineupPreferencesSharing *self)
{
  g_autoptr(LineupShareStatus) status = lineup_share_get_status (self->store);
  g_autofree char *when = NULL;
  g_autofree char *waiting = NULL;

  if (self->share_buttons == NULL)
    return;
  gtk_widget_set_visible (self->share_buttons, status == NULL);
  gtk_widget_set_visible (self->share_details, status != NULL);
  if (status == NULL)
    return;
  set_subtitle (self->server_row, status->url);
  set_subtitle (self->login_row, status->login);
  gtk_widget_set_visible (GTK_WIDGET (self->approvals_row), status->approvals_url != NULL);
  gtk_widget_set_visible (self->unprotected_row, status->approvals_url == NULL);
  set_subtitle (self->approvals_row, status->approvals_url);
  if (status->last_pass_at > 0)
    {
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (status->last_pass_at);
      when = g_date_time_format (at, "%-d %b %H:%M");
    }
  set_subtitle (self->last_pass_row, when ? when : _("None yet"));
  waiting = status->n_waiting
    ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change not sent yet", "%u changes not sent yet",
                                    status->n_waiting), status->n_waiting)
    : g_strdup (_("None: everything was sent"));
  set_subtitle (self->waiting_row, waiting);
  /* A conflict is not a failure: the header and the cards show it, and the
   * core's note about it speaks to the command line. */
  gtk_widget_set_visible (GTK_WIDGET (self->error_row),
                          status->last_error != NULL && status->state != LINEUP_SHARE_CONFLICTED);
  set_subtitle (self->error_row, status->last_error);
}

static void
on_share_done_cb (LineupPreferencesSharing *self,
                  const char               *message)
{
  lineup_share_marks_changed (self->store);
  toast_on (self, message);
}

static void
open_share_dialog (LineupPreferencesSharing *self,
                   gboolean                  join)
{
  LineupShareDialog *dialog = lineup_share_dialog_new (self->store, join);

  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (dialog, "done", G_CALLBACK (on_share_done_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_share_cb (LineupPreferencesSharing *self)
{
  open_share_dialog (self, FALSE);
}

static void
on_join_cb (LineupPreferencesSharing *self)
{
  open_share_dialog (self, TRUE);
}

/* Preferences is not one of the app's windows: its buttons reach the app's
 * actions through the app itself. The pass is the main window's. */
static void
on_sync_now_cb (LineupPreferencesSharing *self)
{
  GApplication *app = g_application_get_default ();

  if (app)
    g_action_group_activate_action (G_ACTION_GROUP (app), "share-sync", NULL);
}

static void
on_leave_response_cb (AdwMessageDialog         *dialog,
                      const char               *response,
                      LineupPreferencesSharing *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "leave") != 0)
    return;
  if (!lineup_share_leave (self->store, &error))
    {
      toast_on (self, error->message);
      return;
    }
  lineup_share_marks_changed (self->store);
  toast_on (self, _("Left the shared plan: the plan stays on this computer"));
}

static void
on_leave_cb (LineupPreferencesSharing *self)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              _("Leave the Shared Plan?"),
                                              _("The plan stays on this computer as it is now, with every post. "
                                                "It no longer sends or receives changes, and the password is "
                                                "forgotten. The team’s plan on the server is not changed."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "leave", _("_Leave"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "leave", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_leave_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- the page ---- */

static char *
feed_key (gconstpointer data)
{
  return g_strdup (((const LineupFeed *) data)->name);
}

static char *
feed_signature (gconstpointer data)
{
  const LineupFeed *feed = data;

  return g_strdup_printf ("%s\x1f%d\x1f%s\x1f%s\x1f%s\x1f%d\x1f%" G_GINT64_FORMAT "\x1f%d\x1f%s", feed->name,
                          feed->kind, feed->target, feed->username ? feed->username : "", feed->privacy,
                          feed->auto_publish, feed->last_at, feed->last_items, feed->last_error ? feed->last_error : "");
}

static char *
overlay_key (gconstpointer data)
{
  return g_strdup (((const LineupOverlay *) data)->name);
}

static char *
overlay_signature (gconstpointer data)
{
  const LineupOverlay *overlay = data;

  return g_strdup_printf ("%s\x1f%s\x1f%s\x1f%d\x1f%d\x1f%" G_GINT64_FORMAT "\x1f%s", overlay->name, overlay->source,
                          overlay->color, overlay->enabled, overlay->blackout, overlay->fetched_at,
                          overlay->last_error ? overlay->last_error : "");
}

static void
reload (LineupPreferencesSharing *self,
        gboolean                  refresh)
{
  g_autoptr(GPtrArray) feeds = lineup_store_get_feeds (self->store);
  g_autoptr(GPtrArray) overlays = lineup_store_get_overlays (self->store);

  lineup_preferences_list_sync (self->feeds, feeds, feed_key, feed_signature,
                                (GDestroyNotify) lineup_feed_free, refresh);
  lineup_preferences_list_sync (self->overlays, overlays, overlay_key, overlay_signature,
                                (GDestroyNotify) lineup_overlay_free, refresh);
}

static void
on_store_changed (GtkWidget *page)
{
  reload (LINEUP_PREFERENCES_SHARING (page), FALSE);
}

void
lineup_preferences_sharing_set_store (LineupPreferencesSharing *self,
                                      LineupStore              *store)
{
  g_return_if_fail (LINEUP_IS_PREFERENCES_SHARING (self));
  g_return_if_fail (LINEUP_IS_STORE (store));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  reload (self, FALSE);
  lineup_preferences_follow_store (GTK_WIDGET (self), store, on_store_changed,
                                   "plan-changed", "reloaded", NULL);
  update_shared (self);
  lineup_share_marks_watch (store, G_CALLBACK (update_shared), self);
}

static void
lineup_preferences_sharing_dispose (GObject *object)
{
  LineupPreferencesSharing *self = LINEUP_PREFERENCES_SHARING (object);

  if (self->store)
    lineup_share_marks_unwatch (self->store, G_CALLBACK (update_shared), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_PREFERENCES_SHARING);
  g_clear_object (&self->feeds);
  g_clear_object (&self->overlays);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (lineup_preferences_sharing_parent_class)->dispose (object);
}

static void
lineup_preferences_sharing_class_init (LineupPreferencesSharingClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = lineup_preferences_sharing_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lineup/Lineup/preferences/lineup-preferences-sharing.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesSharing, feeds_list);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesSharing, add_feed_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesSharing, new_feed_name);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesSharing, new_feed_kind);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesSharing, new_feed_target);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesSharing, new_feed_user);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesSharing, new_feed_password);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesSharing, new_feed_privacy);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesSharing, add_feed_button);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesSharing, overlays_list);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesSharing, add_overlay_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesSharing, new_overlay_name);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesSharing, new_overlay_source);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesSharing, share_buttons);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesSharing, share_details);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesSharing, server_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesSharing, login_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesSharing, approvals_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesSharing, unprotected_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesSharing, last_pass_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesSharing, waiting_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesSharing, error_row);
  gtk_widget_class_bind_template_callback (widget_class, on_share_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_join_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leave_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sync_now_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_feed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_overlay_cb);
}

static void
lineup_preferences_sharing_init (LineupPreferencesSharing *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->feeds = g_list_store_new (LINEUP_TYPE_PREFERENCES_ITEM);
  self->overlays = g_list_store_new (LINEUP_TYPE_PREFERENCES_ITEM);
  lineup_preferences_list_bind (self->feeds_list, G_LIST_MODEL (self->feeds), feed_row_new, self);
  lineup_preferences_list_bind (self->overlays_list, G_LIST_MODEL (self->overlays), overlay_row_new, self);
}
