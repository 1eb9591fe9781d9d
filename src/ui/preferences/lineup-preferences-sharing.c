/* lineup-preferences-sharing.c: the Sharing page of Preferences: the
 * feeds others subscribe to and the overlay calendars shown on the month.
 *
 * It does not hold the window nor the other pages (lineup-preferences.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-preferences-private.h"

/* ---- feeds ---- */

static void
on_published_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(LineupPreferences) self = data;
  g_autoptr(GError) error = NULL;
  int n = lineup_feed_publish_finish (result, &error);

  if (self->store == NULL)
    return;
  lineup_store_refresh (self->store);
  if (n < 0)
    toast (self, error->message);
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Published %d post", "Published %d posts", n), n);
      toast (self, text);
    }
  rebuild (self);
}

static void
on_publish_now_cb (GtkButton         *button,
                   LineupPreferences *self)
{
  const char *name = g_object_get_data (G_OBJECT (button), "feed");

  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  lineup_feed_publish_async (lineup_store_get_path (self->store), name, g_getenv ("LINEUP_FEED_PASSWORD"),
                             NULL, on_published_cb, g_object_ref (self));
}

static void
on_copy_link_cb (GtkButton         *button,
                 LineupPreferences *self)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)),
                          g_object_get_data (G_OBJECT (button), "link"));
  toast (self, _("Subscription link copied"));
}

static void
on_remove_feed_cb (GtkButton         *button,
                   LineupPreferences *self)
{
  g_autoptr(GError) error = NULL;

  if (!lineup_store_remove_feed (self->store, g_object_get_data (G_OBJECT (button), "feed"), &error))
    refused (self, error);
}

static void
on_add_feed_cb (GtkButton         *button,
                LineupPreferences *self)
{
  g_autoptr(GError) error = NULL;
  LineupFeed feed = { 0 };
  char *empty[] = { NULL };

  feed.name = (char *) gtk_editable_get_text (GTK_EDITABLE (self->new_feed_name));
  feed.kind = adw_combo_row_get_selected (ADW_COMBO_ROW (self->new_feed_kind));
  feed.target = (char *) gtk_editable_get_text (GTK_EDITABLE (self->new_feed_target));
  feed.privacy = (char *) lineup_ics_privacy_to_key (adw_combo_row_get_selected (ADW_COMBO_ROW (self->new_feed_privacy)));
  feed.filter = empty;
  feed.days_back = 30;
  feed.days_ahead = 180;
  feed.duration = 30;
  feed.refresh = 60;
  feed.auto_publish = TRUE;
  if (!lineup_store_save_feed (self->store, &feed, TRUE, &error))
    toast (self, error->message);
}

static void
save_feed_change (LineupPreferences *self,
                  GObject           *control,
                  const char        *target,
                  int                privacy,
                  int                auto_publish)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupFeed) feed = lineup_store_find_feed (self->store, g_object_get_data (control, "feed"));
  gboolean ok;

  if (feed == NULL)
    return;
  if (target)
    {
      g_free (feed->target);
      feed->target = g_strdup (target);
    }
  if (privacy >= 0)
    {
      g_free (feed->privacy);
      feed->privacy = g_strdup (lineup_ics_privacy_to_key (privacy));
    }
  if (auto_publish >= 0)
    feed->auto_publish = auto_publish;
  self->saving = TRUE;
  ok = lineup_store_save_feed (self->store, feed, FALSE, &error);
  self->saving = FALSE;
  if (!ok)
    refused (self, error);
  else
    toast (self, _("Feed saved"));
}

static void
on_feed_target_cb (AdwEntryRow       *row,
                   LineupPreferences *self)
{
  save_feed_change (self, G_OBJECT (row), gtk_editable_get_text (GTK_EDITABLE (row)), -1, -1);
}

static void
on_feed_privacy_cb (AdwComboRow       *row,
                    GParamSpec        *pspec,
                    LineupPreferences *self)
{
  save_feed_change (self, G_OBJECT (row), NULL, adw_combo_row_get_selected (row), -1);
}

static void
on_feed_auto_cb (GtkSwitch         *toggle,
                 GParamSpec        *pspec,
                 LineupPreferences *self)
{
  save_feed_change (self, G_OBJECT (toggle), NULL, -1, gtk_switch_get_active (toggle));
}

static GtkWidget *
icon_button (const char *icon,
             const char *name)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return button;
}

GtkWidget *
build_feeds (LineupPreferences *self)
{
  g_autoptr(GPtrArray) feeds = lineup_store_get_feeds (self->store);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *expander, *add;
  const char *kinds[] = { N_("File"), N_("WebDAV File"), N_("CalDAV Calendar"), NULL };
  const char *levels[] = { N_("Titles Only"), N_("Titles and Brief"), N_("Titles, Brief and Caption"), NULL };
  const char *kinds_t[4] = { NULL }, *levels_t[4] = { NULL };

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Feeds"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("The plan as a calendar others subscribe to, republished a few seconds after "
                                           "each change. Passwords come from LINEUP_FEED_PASSWORD; none is saved."));
  for (guint i = 0; i < feeds->len; i++)
    {
      LineupFeed *feed = g_ptr_array_index (feeds, i);
      g_autofree char *title = g_markup_escape_text (feed->name, -1);
      g_autofree char *when = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *escaped = NULL;
      g_autofree char *link = lineup_feed_subscription_link (feed);
      g_autofree char *publish_name = g_strdup_printf (_("Publish %s now"), feed->name);
      g_autofree char *remove_name = g_strdup_printf (_("Remove the feed %s"), feed->name);
      GtkWidget *row = adw_expander_row_new ();
      GtkWidget *publish, *remove;

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
        gtk_widget_add_css_class (row, "feed-failed");
      /* AdwExpanderRow puts each action before the ones added earlier:
       * added last to first, they read copy, publish, remove. */
      remove = remove_button (remove_name);
      g_object_set_data_full (G_OBJECT (remove), "feed", g_strdup (feed->name), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_feed_cb), self);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), remove);
      publish = icon_button ("view-refresh-symbolic", publish_name);
      g_object_set_data_full (G_OBJECT (publish), "feed", g_strdup (feed->name), g_free);
      g_signal_connect (publish, "clicked", G_CALLBACK (on_publish_now_cb), self);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), publish);
      if (link)
        {
          GtkWidget *copy = icon_button ("edit-copy-symbolic", _("Copy subscription link"));

          g_object_set_data_full (G_OBJECT (copy), "link", g_strdup (link), g_free);
          g_signal_connect (copy, "clicked", G_CALLBACK (on_copy_link_cb), self);
          adw_expander_row_add_action (ADW_EXPANDER_ROW (row), copy);
        }

      /* Editing: each change is saved at once. */
      {
        GtkWidget *target = entry_row (_("File or address"), feed->target);
        GtkWidget *privacy = adw_combo_row_new ();
        GtkWidget *automatic = switch_row (_("Republish after changes"), NULL, feed->auto_publish);
        const char *shows[] = { _("Titles Only"), _("Titles and Brief"), _("Titles, Brief and Caption"), NULL };
        LineupIcsPrivacy level = LINEUP_ICS_PRIVACY_TITLES;

        lineup_ics_privacy_from_key (feed->privacy, &level);
        g_object_set_data_full (G_OBJECT (target), "feed", g_strdup (feed->name), g_free);
        g_signal_connect (target, "apply", G_CALLBACK (on_feed_target_cb), self);
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (privacy), _("Shows"));
        adw_combo_row_set_model (ADW_COMBO_ROW (privacy), G_LIST_MODEL (gtk_string_list_new (shows)));
        adw_combo_row_set_selected (ADW_COMBO_ROW (privacy), level);
        g_object_set_data_full (G_OBJECT (privacy), "feed", g_strdup (feed->name), g_free);
        g_signal_connect (privacy, "notify::selected", G_CALLBACK (on_feed_privacy_cb), self);
        g_object_set_data_full (G_OBJECT (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (automatic))), "feed",
                                g_strdup (feed->name), g_free);
        g_signal_connect (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (automatic)), "notify::active",
                          G_CALLBACK (on_feed_auto_cb), self);
        adw_expander_row_add_row (ADW_EXPANDER_ROW (row), target);
        adw_expander_row_add_row (ADW_EXPANDER_ROW (row), privacy);
        adw_expander_row_add_row (ADW_EXPANDER_ROW (row), automatic);
      }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  for (guint i = 0; kinds[i]; i++)
    kinds_t[i] = _(kinds[i]);
  for (guint i = 0; levels[i]; i++)
    levels_t[i] = _(levels[i]);
  expander = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Add a Feed"));
  self->new_feed_name = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->new_feed_name), _("Name"));
  self->new_feed_kind = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->new_feed_kind), _("Published to"));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->new_feed_kind), G_LIST_MODEL (gtk_string_list_new (kinds_t)));
  self->new_feed_target = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->new_feed_target), _("File or address (https://…)"));
  self->new_feed_privacy = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->new_feed_privacy), _("Shows"));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->new_feed_privacy), G_LIST_MODEL (gtk_string_list_new (levels_t)));
  add = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (add), gtk_label_new (_("Add Feed")));
  gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add feed"), -1);
  gtk_widget_add_css_class (add, "suggested-action");
  gtk_widget_set_halign (add, GTK_ALIGN_END);
  gtk_widget_set_margin_top (add, 6);
  gtk_widget_set_margin_bottom (add, 6);
  gtk_widget_set_margin_end (add, 6);
  g_signal_connect (add, "clicked", G_CALLBACK (on_add_feed_cb), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), self->new_feed_name);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), self->new_feed_kind);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), self->new_feed_target);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), self->new_feed_privacy);
  {
    GtkWidget *holder = gtk_list_box_row_new ();

    gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (holder), FALSE);
    gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (holder), add);
    adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), holder);
  }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), expander);
  return group;
}

/* ---- overlay calendars ---- */

static void
on_overlay_switch_cb (GtkSwitch         *toggle,
                      GParamSpec        *pspec,
                      LineupPreferences *self)
{
  g_autoptr(GError) error = NULL;

  if (!lineup_store_set_overlay_enabled (self->store, g_object_get_data (G_OBJECT (toggle), "overlay"),
                                         gtk_switch_get_active (toggle), &error))
    refused (self, error);
}

static void
on_remove_overlay_cb (GtkButton         *button,
                      LineupPreferences *self)
{
  g_autoptr(GError) error = NULL;

  if (!lineup_store_remove_overlay (self->store, g_object_get_data (G_OBJECT (button), "overlay"), &error))
    refused (self, error);
}

static void
on_add_overlay_cb (GtkButton         *button,
                   LineupPreferences *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_overlay_name)));

  if (!lineup_store_add_overlay (self->store, name, gtk_editable_get_text (GTK_EDITABLE (self->new_overlay_source)),
                                 NULL, &error))
    {
      toast (self, error->message);
      return;
    }
  /* Read it at once: a wrong address is said now, and nothing is kept. */
  if (lineup_overlay_refresh (self->store, name, &error) < 0)
    {
      lineup_store_remove_overlay (self->store, name, NULL);
      toast (self, error->message);
    }
}

GtkWidget *
build_overlays (LineupPreferences *self)
{
  g_autoptr(GPtrArray) overlays = lineup_store_get_overlays (self->store);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *expander, *add, *holder;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Overlay Calendars"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Other calendars (holidays, awareness days, launches) shown on the month, "
                                           "read-only, refreshed every few hours and kept for offline."));
  for (guint i = 0; i < overlays->len; i++)
    {
      LineupOverlay *overlay = g_ptr_array_index (overlays, i);
      int n = overlay->cache ? lineup_overlay_count (overlay->cache) : 0;
      g_autofree char *escaped_title = NULL;
      g_autofree char *subtitle = overlay->last_error
        ? g_strdup_printf (_("%s — the last refresh failed: %s"), overlay->source, overlay->last_error)
        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s — %d event", "%s — %d events", MAX (n, 0)),
                           overlay->source, MAX (n, 0));
      g_autofree char *escaped = g_markup_escape_text (subtitle, -1);
      g_autofree char *remove_name = g_strdup_printf (_("Remove the overlay %s"), overlay->name);
      g_autofree char *switch_name = g_strdup_printf (_("Show %s"), overlay->name);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *toggle = gtk_switch_new ();
      GtkWidget *remove = remove_button (remove_name);

      {
        g_autofree char *name = g_markup_escape_text (overlay->name, -1);
        escaped_title = g_strdup_printf ("<span foreground=\"%s\">●</span> %s", overlay->color, name);
      }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
      gtk_switch_set_active (GTK_SWITCH (toggle), overlay->enabled);
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, switch_name, -1);
      g_object_set_data_full (G_OBJECT (toggle), "overlay", g_strdup (overlay->name), g_free);
      g_signal_connect (toggle, "notify::active", G_CALLBACK (on_overlay_switch_cb), self);
      g_object_set_data_full (G_OBJECT (remove), "overlay", g_strdup (overlay->name), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_overlay_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  expander = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Add an Overlay Calendar"));
  self->new_overlay_name = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->new_overlay_name), _("Name"));
  self->new_overlay_source = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->new_overlay_source), _("File or address (https://, webcal://)"));
  add = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (add), gtk_label_new (_("Add Overlay")));
  gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add overlay"), -1);
  gtk_widget_add_css_class (add, "suggested-action");
  gtk_widget_set_halign (add, GTK_ALIGN_END);
  gtk_widget_set_margin_top (add, 6);
  gtk_widget_set_margin_bottom (add, 6);
  gtk_widget_set_margin_end (add, 6);
  g_signal_connect (add, "clicked", G_CALLBACK (on_add_overlay_cb), self);
  holder = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (holder), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (holder), add);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), self->new_overlay_name);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), self->new_overlay_source);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), holder);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), expander);
  return group;
}
