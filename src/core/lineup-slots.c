/* lineup-slots.c: posting slots (lineup-slots.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "lineup-slots.h"
#include "lineup-platform.h"
#include "lineup-store.h"

static const char * const day_keys[] = { NULL, "mon", "tue", "wed", "thu", "fri", "sat", "sun" };
static const char * const day_names[] = { NULL, "monday", "tuesday", "wednesday", "thursday",
                                          "friday", "saturday", "sunday" };

static int
parse_day (const char *text,
           gsize       len)
{
  g_autofree char *day = g_ascii_strdown (text, len);

  for (int d = 1; d <= 7; d++)
    if (g_str_equal (day, day_keys[d]) || g_str_equal (day, day_names[d]))
      return d;
  return 0;
}

/* "9:00", "09:00", "23:59": minutes after midnight, or -1. */
static int
parse_time (const char *text)
{
  g_autofree char *padded = strlen (text) == 4 ? g_strconcat ("0", text, NULL) : g_strdup (text);
  int minutes;

  return lineup_parse_time (padded, &minutes) ? minutes : -1;
}

static int
platform_rank (const char *key)
{
  guint n;
  const LineupPlatformInfo *all = lineup_platforms_get_all (&n);

  for (guint i = 0; i < n; i++)
    if (all[i].key == key || g_strcmp0 (all[i].key, key) == 0)
      return (int) i;
  return (int) n;
}

gboolean
lineup_slot_parse (const char  *platform,
                   const char  *text,
                   LineupSlot  *out,
                   GError     **error)
{
  const LineupPlatformInfo *info;
  const char *at;
  g_autofree char *clean = NULL;
  int day, minutes;

  g_return_val_if_fail (out != NULL, FALSE);

  if ((info = lineup_platform_find (platform, error)) == NULL)
    return FALSE;
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    text = "";
  clean = g_strstrip (g_strdup (text));
  at = strchr (clean, '@');
  if (at == NULL)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("“%s” is not a slot: write a weekday and a time joined by “@”, such as tue@09:00"),
                   clean);
      return FALSE;
    }
  day = parse_day (clean, at - clean);
  if (day == 0)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The slot “%s” has no weekday before “@”: use mon, tue, wed, thu, fri, sat or sun"),
                   clean);
      return FALSE;
    }
  minutes = parse_time (at + 1);
  if (minutes < 0)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The slot “%s” has no time after “@”: write the time as HH:MM, from 00:00 to 23:59"),
                   clean);
      return FALSE;
    }
  out->platform = info->key;
  out->weekday = day;
  out->minutes = minutes;
  return TRUE;
}

char *
lineup_slot_to_string (const LineupSlot *slot)
{
  g_return_val_if_fail (slot != NULL && slot->weekday >= 1 && slot->weekday <= 7, NULL);
  return g_strdup_printf ("%s@%02d:%02d", day_keys[slot->weekday], slot->minutes / 60, slot->minutes % 60);
}

char *
lineup_slot_describe (const LineupSlot *slot)
{
  g_autoptr(GDateTime) monday = NULL;
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (slot != NULL && slot->weekday >= 1 && slot->weekday <= 7, NULL);
  /* 2024-01-01 was a Monday; only the weekday's name is read. */
  monday = g_date_time_new_utc (2024, 1, 1, 12, 0, 0);
  day = g_date_time_add_days (monday, slot->weekday - 1);
  name = g_date_time_format (day, "%a");
  return g_strdup_printf ("%s %02d:%02d", name, slot->minutes / 60, slot->minutes % 60);
}

static int
compare_slots (gconstpointer a,
               gconstpointer b)
{
  const LineupSlot *x = a, *y = b;
  int rx = platform_rank (x->platform), ry = platform_rank (y->platform);

  if (rx != ry)
    return rx < ry ? -1 : 1;
  if (x->weekday != y->weekday)
    return x->weekday < y->weekday ? -1 : 1;
  return (int) x->minutes - (int) y->minutes;
}

void
lineup_slots_sort (GArray *slots)
{
  guint kept = 0;

  g_return_if_fail (slots != NULL);

  g_array_sort (slots, compare_slots);
  for (guint i = 0; i < slots->len; i++)
    if (kept == 0 || compare_slots (&g_array_index (slots, LineupSlot, kept - 1),
                                    &g_array_index (slots, LineupSlot, i)) != 0)
      g_array_index (slots, LineupSlot, kept++) = g_array_index (slots, LineupSlot, i);
  g_array_set_size (slots, kept);
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  const LineupSlotTime *x = a, *y = b;

  if (x->at != y->at)
    return x->at < y->at ? -1 : 1;
  return platform_rank (x->platform) - platform_rank (y->platform);
}

void
lineup_slot_times_sort (GArray *times)
{
  g_return_if_fail (times != NULL);
  g_array_sort (times, compare_times);
}

GArray *
lineup_slots_times (const LineupSlot *slots,
                    guint             n_slots,
                    const char       *platform,
                    const GDate      *first,
                    const GDate      *last,
                    GTimeZone        *zone)
{
  GArray *times = g_array_new (FALSE, FALSE, sizeof (LineupSlotTime));
  GDate day;

  g_return_val_if_fail (first && last && g_date_valid (first) && g_date_valid (last), times);
  g_return_val_if_fail (zone != NULL, times);

  for (day = *first; g_date_compare (&day, last) <= 0; g_date_add_days (&day, 1))
    {
      GDateWeekday weekday = g_date_get_weekday (&day);

      for (guint i = 0; i < n_slots; i++)
        {
          const LineupSlot *slot = &slots[i];
          g_autoptr(GDateTime) local = NULL;
          LineupSlotTime time;

          if (slot->weekday != weekday ||
              (platform && g_strcmp0 (platform, slot->platform) != 0))
            continue;
          local = g_date_time_new (zone, g_date_get_year (&day), g_date_get_month (&day),
                                   g_date_get_day (&day), slot->minutes / 60, slot->minutes % 60, 0);
          if (local == NULL)
            continue;
          time.at = g_date_time_to_unix (local);
          time.platform = slot->platform;
          g_array_append_val (times, time);
        }
      if (g_date_get_julian (&day) == G_MAXUINT32 - 1)
        break;
    }
  g_array_sort (times, compare_times);
  /* The same slot twice (given twice) counts once. */
  for (guint i = times->len; i > 1; i--)
    if (compare_times (&g_array_index (times, LineupSlotTime, i - 1),
                       &g_array_index (times, LineupSlotTime, i - 2)) == 0)
      g_array_remove_index (times, i - 1);
  return times;
}
