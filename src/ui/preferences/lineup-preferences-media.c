/* lineup-preferences-media.c: the Media group of Preferences' General page.
 *
 * Its row says how many files of the plan's media folder no post names
 * (lineup_store_count_unused_media(); a deleted post still names its own,
 * since Undo can bring it back) and how much room they take, counted again
 * when the plan changes; Remove takes them away with
 * lineup_store_clean_media(), the same call as `lineup media clean`, and
 * the row then says what went. (Not in a toast: libadwaita 1.2 crashes when
 * Preferences closes while a dismissed toast is still fading out.) Nothing
 * removed here can be undone, and nothing a post uses is removed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-preferences-list.h"
#include "lineup-preferences-media.h"

struct _LineupPreferencesMedia
{
  AdwPreferencesGroup parent_instance;

  LineupStore *store;

  AdwActionRow *unused_row;
  GtkWidget *remove_button;
};

G_DEFINE_FINAL_TYPE (LineupPreferencesMedia, lineup_preferences_media, ADW_TYPE_PREFERENCES_GROUP)

/* The row's subtitle: what no post uses now, after @done (what the last
 * Remove took away) when given. */
static void
update_count_after (LineupPreferencesMedia *self,
                    const char             *done)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = lineup_store_get_media_folder (self->store);
  g_autofree char *size = NULL;
  g_autofree char *subtitle = NULL;
  guint files = 0;
  gint64 bytes = 0;

  if (!lineup_store_count_unused_media (self->store, &files, &bytes, &error))
    {
      adw_action_row_set_subtitle (self->unused_row, error->message);
      gtk_widget_set_sensitive (self->remove_button, FALSE);
      return;
    }
  size = g_format_size ((guint64) bytes);
  subtitle = files == 0
    ? g_strdup_printf (_("None, in %s"), folder)
    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file, %s, in %s", "%u files, %s, in %s", files),
                       files, size, folder);
  if (done)
    {
      g_autofree char *both = g_strdup_printf ("%s. %s", done, subtitle);

      adw_action_row_set_subtitle (self->unused_row, both);
    }
  else
    adw_action_row_set_subtitle (self->unused_row, subtitle);
  gtk_widget_set_sensitive (self->remove_button, files > 0);
}

static void
update_count (LineupPreferencesMedia *self)
{
  update_count_after (self, NULL);
}

static void
on_store_changed (GtkWidget *widget)
{
  update_count (LINEUP_PREFERENCES_MEDIA (widget));
}

static void
on_remove_clicked_cb (LineupPreferencesMedia *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *size = NULL;
  g_autofree char *message = NULL;
  guint files = 0;
  gint64 bytes = 0;

  if (!lineup_store_clean_media (self->store, &files, &bytes, &error))
    {
      /* What could not be removed, and why, stays in the row. */
      update_count_after (self, error->message);
      return;
    }
  size = g_format_size ((guint64) bytes);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Removed %u file no post uses (%s)",
                                          "Removed %u files no post uses (%s)", files),
                             files, size);
  update_count_after (self, message);
}

void
lineup_preferences_media_set_store (LineupPreferencesMedia *self,
                                    LineupStore            *store)
{
  g_return_if_fail (LINEUP_IS_PREFERENCES_MEDIA (self));
  g_return_if_fail (LINEUP_IS_STORE (store));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  update_count (self);
  lineup_preferences_follow_store (GTK_WIDGET (self), store, on_store_changed,
                                   "post-changed", "post-removed", "plan-changed", "reloaded", NULL);
}

static void
lineup_preferences_media_dispose (GObject *object)
{
  LineupPreferencesMedia *self = LINEUP_PREFERENCES_MEDIA (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_PREFERENCES_MEDIA);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (lineup_preferences_media_parent_class)->dispose (object);
}

static void
lineup_preferences_media_class_init (LineupPreferencesMediaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_preferences_media_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lineup/Lineup/preferences/lineup-preferences-media.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesMedia, unused_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesMedia, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked_cb);
}

static void
lineup_preferences_media_init (LineupPreferencesMedia *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
