/* lineup-store-queue.c: the queue (lineup-store-queue.h): the next free
 * posting slot of a post's networks, and giving the post that slot. Built
 * on the store's public API and its slots (lineup-store-slots.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lineup-platform.h"
#include "lineup-store.h"
#include "lineup-store-queue.h"
#include "lineup-store-slots.h"

/* How many weeks one look at the free slots covers. */
#define QUEUE_CHUNK_WEEKS 4

/* "LinkedIn and X" for messages. */
static char *
network_names (const char * const *keys)
{
  g_autoptr(GString) names = g_string_new (NULL);
  guint n = g_strv_length ((char **) keys);

  for (guint i = 0; i < n; i++)
    {
      const LineupPlatformInfo *info = lineup_platform_lookup (keys[i]);

      if (i > 0)
        g_string_append (names, i + 1 == n ? _(" and ") : ", ");
      g_string_append (names, info ? info->name : keys[i]);
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* Whether @at is a slot time of one of @post's networks (the slot @post
 * sits in counts as its own). */
static gboolean
in_own_slot (LineupStore *self,
             LineupPost  *post,
             GArray      *slots,
             gint64       at)
{
  g_autoptr(GArray) times = NULL;
  GDate day;

  lineup_store_utc_to_local (self, at, &day, NULL);
  times = lineup_slots_times ((LineupSlot *) slots->data, slots->len, NULL, &day, &day,
                              lineup_store_get_time_zone (self));
  for (guint i = 0; i < times->len; i++)
    if (g_array_index (times, LineupSlotTime, i).at == at)
      return TRUE;
  return FALSE;
}

/* The slots of @post's networks (none when it has none). */
static GArray *
post_slots (LineupStore *self,
            LineupPost  *post)
{
  const char * const *keys = lineup_post_get_platforms (post);
  GArray *slots = g_array_new (FALSE, FALSE, sizeof (LineupSlot));

  for (guint i = 0; keys && keys[i]; i++)
    {
      g_autoptr(GArray) some = lineup_store_get_slots (self, keys[i]);

      g_array_append_vals (slots, some->data, some->len);
    }
  return slots;
}

gboolean
lineup_store_next_queue_slot (LineupStore     *self,
                              LineupPost      *post,
                              gint64           after,
                              LineupSlotTime  *out,
                              GError         **error)
{
  const char * const *keys;
  g_autoptr(GArray) slots = NULL;
  g_autofree char *names = NULL;
  gint64 own = 0;
  GDate first;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  g_return_val_if_fail (LINEUP_IS_POST (post), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  keys = lineup_post_get_platforms (post);
  if (keys == NULL || keys[0] == NULL)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("“%s” has no networks, so it has no slots to go to: choose its networks first "
                     "(in the editor, or “lineup post edit ID --platform NAME”)"),
                   lineup_post_get_title (post));
      return FALSE;
    }
  names = network_names (keys);
  slots = post_slots (self, post);
  if (slots->len == 0)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("%s has no posting slots: set them in Preferences › General › Posting Slots, "
                     "or with “lineup slots set %s tue@09:00 thu@12:30”"),
                   names, keys[0]);
      return FALSE;
    }

  /* The slot the post already sits in is free for it. */
  if (lineup_post_is_dated (post) && lineup_post_get_scheduled_at (post) > after &&
      in_own_slot (self, post, slots, lineup_post_get_scheduled_at (post)))
    own = lineup_post_get_scheduled_at (post);

  lineup_store_utc_to_local (self, after, &first, NULL);
  for (guint week = 0; week < LINEUP_QUEUE_WEEKS; week += QUEUE_CHUNK_WEEKS)
    {
      g_autoptr(GArray) free_slots = NULL;
      GDate last = first;

      g_date_add_days (&last, QUEUE_CHUNK_WEEKS * 7 - 1);
      free_slots = lineup_store_get_free_slots (self, keys, &first, &last, error);
      if (free_slots == NULL)
        return FALSE;
      for (guint i = 0; i < free_slots->len; i++)
        {
          const LineupSlotTime *time = &g_array_index (free_slots, LineupSlotTime, i);

          if (own && own <= time->at)
            break;
          if (time->at > after)
            {
              *out = *time;
              return TRUE;
            }
        }
      g_date_add_days (&last, 1);
      if (own && own < lineup_store_local_to_utc (self, &last, 0))
        {
          out->at = own;
          out->platform = NULL;
          for (guint i = 0; keys[i] && out->platform == NULL; i++)
            {
              const LineupPlatformInfo *info = lineup_platform_lookup (keys[i]);

              out->platform = info ? info->key : NULL;
            }
          return TRUE;
        }
      first = last;
    }
  g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
               _("Every posting slot of %s is taken for the next %d weeks: add slots in Preferences › "
                 "General › Posting Slots, or with “lineup slots set %s …”"),
               names, LINEUP_QUEUE_WEEKS, keys[0]);
  return FALSE;
}

gboolean
lineup_store_queue_post (LineupStore     *self,
                         const char      *id,
                         gint64           after,
                         LineupSlotTime  *out,
                         GError         **error)
{
  g_autoptr(LineupPost) post = NULL;
  g_autofree char *label = NULL;
  LineupSlotTime slot;
  GDate date;
  int minutes;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  post = lineup_store_get_post (self, id, error);
  if (post == NULL || !lineup_store_can_move_post (self, post, error) ||
      !lineup_store_next_queue_slot (self, post, after, &slot, error))
    return FALSE;
  if (out)
    *out = slot;
  if (lineup_post_get_scheduled_at (post) == slot.at)
    return TRUE;

  /* A slot is a local wall time; the move takes one and keeps it. */
  lineup_store_utc_to_local (self, slot.at, &date, &minutes);
  label = g_strdup_printf (_("Add “%s” to the Queue"), lineup_post_get_title (post));
  lineup_store_begin (self, label);
  if (!lineup_store_reschedule_post (self, lineup_post_get_id (post), &date, minutes, error))
    {
      lineup_store_rollback (self);
      return FALSE;
    }
  if (lineup_store_local_to_utc (self, &date, minutes) != slot.at)
    {
      /* The second of an hour that comes twice: not a time a day can name. */
      lineup_store_rollback (self);
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The next slot of “%s” falls in the hour the clocks go back: add it by hand"),
                   lineup_post_get_title (post));
      return FALSE;
    }
  return lineup_store_commit (self, error);
}

int
lineup_store_first_free_minutes (LineupStore *self,
                                 LineupPost  *post,
                                 const GDate *date)
{
  const char * const *keys;
  g_autoptr(GArray) free_slots = NULL;
  int minutes = -1;

  g_return_val_if_fail (LINEUP_IS_STORE (self), -1);
  g_return_val_if_fail (LINEUP_IS_POST (post), -1);
  g_return_val_if_fail (date != NULL && g_date_valid (date), -1);

  keys = lineup_post_get_platforms (post);
  if (keys == NULL || keys[0] == NULL)
    return -1;
  free_slots = lineup_store_get_free_slots (self, keys, date, date, NULL);
  if (free_slots == NULL || free_slots->len == 0)
    return -1;
  lineup_store_utc_to_local (self, g_array_index (free_slots, LineupSlotTime, 0).at, NULL, &minutes);
  return minutes;
}
