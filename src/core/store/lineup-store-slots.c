/* lineup-store-slots.c: the plan's posting slots and the times still open
 * (lineup-store-slots.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "lineup-store-private.h"
#include "lineup-store-slots.h"
#include "lineup-platform.h"

GArray *
lineup_store_get_slots (LineupStore *self,
                        const char  *platform)
{
  static const char sql[] = "SELECT platform, weekday, minutes FROM slots";
  GArray *slots = g_array_new (FALSE, FALSE, sizeof (LineupSlot));
  const LineupPlatformInfo *only = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), slots);

  if (platform && (only = lineup_platform_lookup (platform)) == NULL)
    return slots;
  stmt = _lineup_store_prepare (self, sql, NULL);
  if (stmt == NULL)
    return slots;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const LineupPlatformInfo *info = lineup_platform_lookup (_lineup_store_column_text (stmt, 0));
      LineupSlot slot;

      /* A network a newer Lineup knows and this one does not: kept, not shown. */
      if (info == NULL || (only && info != only))
        continue;
      slot.platform = info->key;
      slot.weekday = CLAMP (sqlite3_column_int (stmt, 1), 1, 7);
      slot.minutes = CLAMP (sqlite3_column_int (stmt, 2), 0, 24 * 60 - 1);
      g_array_append_val (slots, slot);
    }
  _lineup_store_finish (stmt);
  lineup_slots_sort (slots);
  return slots;
}

static gboolean
same_slots (GArray *a,
            GArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      const LineupSlot *x = &g_array_index (a, LineupSlot, i), *y = &g_array_index (b, LineupSlot, i);

      if (g_strcmp0 (x->platform, y->platform) != 0 || x->weekday != y->weekday || x->minutes != y->minutes)
        return FALSE;
    }
  return TRUE;
}

gboolean
lineup_store_set_slots (LineupStore       *self,
                        const char        *platform,
                        const LineupSlot  *slots,
                        guint              n_slots,
                        GError           **error)
{
  static const char delete_sql[] = "DELETE FROM slots WHERE platform = ?";
  static const char insert_sql[] = "INSERT INTO slots (platform, weekday, minutes) VALUES (?, ?, ?)";
  const LineupPlatformInfo *info;
  g_autoptr(GArray) wanted = g_array_new (FALSE, FALSE, sizeof (LineupSlot));
  g_autoptr(GArray) have = NULL;
  g_autofree char *label = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  g_return_val_if_fail (slots != NULL || n_slots == 0, FALSE);

  if ((info = lineup_platform_find (platform, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < n_slots; i++)
    {
      LineupSlot slot = slots[i];

      if (slot.weekday < 1 || slot.weekday > 7 || slot.minutes >= 24 * 60)
        {
          g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                       _("A slot must fall on a weekday at a time from 00:00 to 23:59"));
          return FALSE;
        }
      slot.platform = info->key;
      g_array_append_val (wanted, slot);
    }
  lineup_slots_sort (wanted);
  if (wanted->len > LINEUP_SLOTS_MAX_PER_PLATFORM)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("%s would have %u slots a week; a network can have at most %d: leave some out"),
                   info->name, wanted->len, LINEUP_SLOTS_MAX_PER_PLATFORM);
      return FALSE;
    }
  have = lineup_store_get_slots (self, info->key);
  if (same_slots (have, wanted))
    return TRUE;

  label = wanted->len ? g_strdup_printf (_("Set %s slots"), info->name)
                      : g_strdup_printf (_("Clear %s slots"), info->name);
  if (!_lineup_store_begin_operation (self, label, error))
    return FALSE;
  if (!_lineup_store_catalog_will_change (self, error) ||
      (stmt = _lineup_store_prepare (self, delete_sql, error)) == NULL)
    return _lineup_store_end_operation (self, FALSE, NULL);
  sqlite3_bind_text (stmt, 1, info->key, -1, SQLITE_STATIC);
  if (!_lineup_store_step_done (self, stmt, _("set the slots"), error))
    return _lineup_store_end_operation (self, FALSE, NULL);
  for (guint i = 0; i < wanted->len; i++)
    {
      const LineupSlot *slot = &g_array_index (wanted, LineupSlot, i);

      if ((stmt = _lineup_store_prepare (self, insert_sql, error)) == NULL)
        return _lineup_store_end_operation (self, FALSE, NULL);
      sqlite3_bind_text (stmt, 1, info->key, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, slot->weekday);
      sqlite3_bind_int (stmt, 3, slot->minutes);
      if (!_lineup_store_step_done (self, stmt, _("set the slots"), error))
        return _lineup_store_end_operation (self, FALSE, NULL);
    }
  _lineup_store_queue_signal (self, PENDING_PLAN, NULL, NULL);
  return _lineup_store_end_operation (self, TRUE, error);
}

/* The live posts scheduled on @first … @last (local), or NULL. */
static GPtrArray *
posts_on (LineupStore  *self,
          const GDate  *first,
          const GDate  *last,
          GError      **error)
{
  GDate after = *last;

  g_date_add_days (&after, 1);
  return lineup_store_list_posts (self,
                                  lineup_store_local_to_utc (self, (GDate *) first, 0),
                                  lineup_store_local_to_utc (self, &after, 0),
                                  error);
}

static gboolean
taken (GPtrArray  *posts,
       const char *platform,
       gint64      at)
{
  for (guint i = 0; i < posts->len; i++)
    {
      LineupPost *post = g_ptr_array_index (posts, i);

      if (lineup_post_get_scheduled_at (post) == at && lineup_post_has_platform (post, platform))
        return TRUE;
    }
  return FALSE;
}

static gboolean
wanted_platform (const char * const *platforms,
                 const char         *key)
{
  if (platforms == NULL)
    return TRUE;
  for (guint i = 0; platforms[i]; i++)
    {
      const LineupPlatformInfo *info = lineup_platform_lookup (platforms[i]);

      if (info && g_str_equal (info->key, key))
        return TRUE;
    }
  return FALSE;
}

static gboolean
check_range (const GDate  *first,
             const GDate  *last,
             GError      **error)
{
  if (first == NULL || last == NULL || !g_date_valid (first) || !g_date_valid (last) ||
      g_date_compare (first, last) > 0)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The range of dates is empty: its first day must not come after its last"));
      return FALSE;
    }
  return TRUE;
}

static GArray *
open_times (LineupStore        *self,
            const char * const *platforms,
            const GDate        *first,
            const GDate        *last,
            gboolean            weekdays_without_slots,
            GError            **error)
{
  g_autoptr(GArray) slots = NULL;
  g_autoptr(GArray) wanted = g_array_new (FALSE, FALSE, sizeof (LineupSlot));
  g_autoptr(GArray) times = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  GArray *open;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);

  if (!check_range (first, last, error) || (posts = posts_on (self, first, last, error)) == NULL)
    return NULL;
  slots = lineup_store_get_slots (self, NULL);
  for (guint i = 0; i < slots->len; i++)
    if (wanted_platform (platforms, g_array_index (slots, LineupSlot, i).platform))
      g_array_append_val (wanted, g_array_index (slots, LineupSlot, i));
  times = lineup_slots_times ((LineupSlot *) wanted->data, wanted->len, NULL, first, last,
                              lineup_store_get_time_zone (self));
  open = g_array_new (FALSE, FALSE, sizeof (LineupSlotTime));
  for (guint i = 0; i < times->len; i++)
    {
      const LineupSlotTime *time = &g_array_index (times, LineupSlotTime, i);

      if (!taken (posts, time->platform, time->at))
        g_array_append_val (open, *time);
    }

  if (weekdays_without_slots && platforms)
    {
      for (guint p = 0; platforms[p]; p++)
        {
          const LineupPlatformInfo *info = lineup_platform_lookup (platforms[p]);
          gboolean has_slots = FALSE;
          GDate day;

          if (info == NULL)
            continue;
          for (guint i = 0; i < slots->len && !has_slots; i++)
            has_slots = g_str_equal (g_array_index (slots, LineupSlot, i).platform, info->key);
          if (has_slots)
            continue;
          for (day = *first; g_date_compare (&day, last) <= 0; g_date_add_days (&day, 1))
            {
              gint64 from = lineup_store_local_to_utc (self, &day, 0);
              GDate next = day;
              gboolean busy = FALSE;
              LineupSlotTime time;

              if (g_date_get_weekday (&day) > G_DATE_FRIDAY)
                continue;
              g_date_add_days (&next, 1);
              for (guint i = 0; i < posts->len && !busy; i++)
                {
                  LineupPost *post = g_ptr_array_index (posts, i);
                  gint64 at = lineup_post_get_scheduled_at (post);

                  busy = at >= from && at < lineup_store_local_to_utc (self, &next, 0) &&
                         lineup_post_has_platform (post, info->key);
                }
              if (busy)
                continue;
              time.at = lineup_store_local_to_utc (self, &day, lineup_store_get_default_time (self));
              time.platform = info->key;
              g_array_append_val (open, time);
            }
        }
      lineup_slot_times_sort (open);
    }
  return open;
}

GArray *
lineup_store_get_free_slots (LineupStore        *self,
                             const char * const *platforms,
                             const GDate        *first,
                             const GDate        *last,
                             GError            **error)
{
  return open_times (self, platforms, first, last, FALSE, error);
}

GArray *
lineup_store_get_open_times (LineupStore        *self,
                             const char * const *platforms,
                             const GDate        *first,
                             const GDate        *last,
                             GError            **error)
{
  return open_times (self, platforms, first, last, TRUE, error);
}
