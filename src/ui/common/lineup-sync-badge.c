/* lineup-sync-badge.c: the badge of a post's sync state on a card or a row.
 *
 * Only the icons and styles: which state a post is in, and the words for
 * it, come from the core (src/core/publish/lineup-publishing.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lineup-sync-badge.h"

const char *
lineup_sync_state_icon_name (LineupSyncState state)
{
  switch (state)
    {
    case LINEUP_SYNC_PUBLISHED: return "emblem-ok-symbolic";
    case LINEUP_SYNC_SYNCED: return "alarm-symbolic";
    case LINEUP_SYNC_PENDING: return "emblem-synchronizing-symbolic";
    case LINEUP_SYNC_CONFLICT: return "dialog-warning-symbolic";
    case LINEUP_SYNC_FAILED: return "dialog-error-symbolic";
    case LINEUP_SYNC_NOT_SYNCED:
    default: return NULL;
    }
}

const char *
lineup_sync_state_css_class (LineupSyncState state)
{
  switch (state)
    {
    case LINEUP_SYNC_PUBLISHED: return "sync-published";
    case LINEUP_SYNC_SYNCED: return "sync-synced";
    case LINEUP_SYNC_PENDING: return "sync-pending";
    case LINEUP_SYNC_CONFLICT: return "sync-conflict";
    case LINEUP_SYNC_FAILED: return "sync-failed";
    case LINEUP_SYNC_NOT_SYNCED:
    default: return NULL;
    }
}

void
lineup_sync_badge_show (GtkWidget       *image,
                        const char     **css_class,
                        LineupSyncState  state)
{
  const char *icon = lineup_sync_state_icon_name (state);
  const char *css = lineup_sync_state_css_class (state);

  g_return_if_fail (GTK_IS_IMAGE (image));

  if (css != *css_class)
    {
      if (*css_class)
        gtk_widget_remove_css_class (image, *css_class);
      *css_class = css;
      if (css)
        gtk_widget_add_css_class (image, css);
      if (icon)
        gtk_image_set_from_icon_name (GTK_IMAGE (image), icon);
    }
  gtk_widget_set_visible (image, icon != NULL);
}
