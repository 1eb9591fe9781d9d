/* lineup-store-place.c: what a drop on the calendar does to the plan, in
 * one call: move or duplicate a post to a day (and an hour in the week
 * grid), as one undo step, with the drop-time rule in one place: a
 * backlog idea dropped on a day takes that day's first free posting slot
 * of its networks (lineup-store-queue.h), else the default time. Built on
 * the store's public API only; not the drag itself (the UI's), nor the
 * moves and copies it uses (lineup-store.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lineup-store.h"

int
lineup_store_place_minutes (LineupStore *self,
                            LineupPost  *post,
                            int          hour)
{
  int minutes = -1;

  g_return_val_if_fail (LINEUP_IS_STORE (self), 0);
  g_return_val_if_fail (LINEUP_IS_POST (post), 0);

  if (lineup_post_is_dated (post))
    lineup_store_utc_to_local (self, lineup_post_get_scheduled_at (post), NULL, &minutes);
  /* An hour of the week grid keeps the post's minutes (none when undated). */
  if (hour >= 0)
    return hour * 60 + MAX (minutes, 0) % 60;
  return minutes >= 0 ? minutes : lineup_store_get_default_time (self);
}

char *
lineup_store_place_post (LineupStore *self,
                         const char  *id,
                         const GDate *date,
                         int          hour,
                         gboolean     copy,
                         GError     **error)
{
  g_autoptr(LineupPost) post = NULL;
  g_autoptr(LineupPost) copy_post = NULL;
  g_autofree char *label = NULL;
  GDate target;
  const char *placed;
  int minutes;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);
  g_return_val_if_fail (hour >= -1 && hour < 24, NULL);

  target = *date;
  /* A whole day: the store's own move and copy keep the time of day. */
  if (hour < 0 && copy)
    {
      copy_post = lineup_store_duplicate_post (self, id, &target, error);
      return copy_post ? g_strdup (lineup_post_get_id (copy_post)) : NULL;
    }
  if (hour < 0)
    {
      /* A backlog idea takes the day's first free slot of its networks. */
      post = lineup_store_get_post (self, id, error);
      if (post == NULL)
        return NULL;
      if (!lineup_post_is_dated (post) && (minutes = lineup_store_first_free_minutes (self, post, &target)) >= 0)
        return lineup_store_reschedule_post (self, id, &target, minutes, error) ? g_strdup (id) : NULL;
      return lineup_store_move_post (self, id, &target, error) ? g_strdup (id) : NULL;
    }

  /* An hour: the copy is made and placed in one step, so one undo removes it. */
  post = lineup_store_get_post (self, id, error);
  if (post == NULL)
    return NULL;
  label = g_strdup_printf (copy ? _("Duplicate “%s”") : _("Move “%s”"), lineup_post_get_title (post));
  lineup_store_begin (self, label);
  placed = lineup_post_get_id (post);
  if (copy)
    {
      copy_post = lineup_store_duplicate_post (self, placed, &target, error);
      placed = copy_post ? lineup_post_get_id (copy_post) : NULL;
    }
  if (placed == NULL ||
      !lineup_store_reschedule_post (self, placed, &target, lineup_store_place_minutes (self, post, hour), error))
    {
      lineup_store_rollback (self);
      return NULL;
    }
  /* A failed commit has rolled back already. */
  if (!lineup_store_commit (self, error))
    return NULL;
  return g_strdup (placed);
}
