/* lineup-calendar-slots.c: the free posting slots of a calendar grid
 * (lineup-calendar-slots.h), said by each day or hour cell
 * (lineup_day_cell_set_free_slots ()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-calendar-slots.h"

static void
show_cell (LineupDayCell *cell,
           GString       *shown,
           GString       *spoken)
{
  lineup_day_cell_set_free_slots (cell, shown->len ? shown->str : NULL, spoken->len ? spoken->str : NULL);
  g_string_truncate (shown, 0);
  g_string_truncate (spoken, 0);
}

void
lineup_calendar_slots_show (LineupStore    *store,
                            LineupDayCell **cells,
                            const GDate    *first,
                            guint           n_days,
                            gboolean        hours)
{
  g_autoptr(GArray) slots = NULL;
  g_autoptr(GArray) times = NULL;
  g_autoptr(GString) shown = g_string_new (NULL);
  g_autoptr(GString) spoken = g_string_new (NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint n_cells = n_days * (hours ? 24 : 1);
  guint current = 0;
  GDate last = *first;

  g_return_if_fail (LINEUP_IS_STORE (store));
  g_return_if_fail (n_days > 0);

  /* A plan without slots (most) asks nothing more. */
  slots = lineup_store_get_slots (store, NULL);
  if (slots->len > 0)
    {
      g_date_add_days (&last, n_days - 1);
      times = lineup_store_get_free_slots (store, NULL, first, &last, NULL);
    }

  for (guint i = 0; times && i < times->len; i++)
    {
      const LineupSlotTime *time = &g_array_index (times, LineupSlotTime, i);
      const LineupPlatformInfo *info = lineup_platform_lookup (time->platform);
      GDate day;
      int minutes;
      guint cell;

      if (time->at <= now || info == NULL)
        continue;
      lineup_store_utc_to_local (store, time->at, &day, &minutes);
      if (g_date_compare (&day, first) < 0)
        continue;
      cell = (g_date_get_julian (&day) - g_date_get_julian (first)) * (hours ? 24 : 1) + (hours ? minutes / 60 : 0);
      if (cell >= n_cells)
        break;
      if (cell != current)
        {
          show_cell (cells[current], shown, spoken);
          for (guint c = current + 1; c < cell; c++)
            show_cell (cells[c], shown, spoken);
          current = cell;
        }
      g_string_append_printf (shown, "%s○ %s %02d:%02d", shown->len ? " · " : "", info->name,
                              minutes / 60, minutes % 60);
      /* TRANSLATORS: what a screen reader says of an empty posting slot in the calendar. */
      g_string_append_printf (spoken, "%s", spoken->len ? "; " : "");
      g_string_append_printf (spoken, _("Free slot: %s %02d:%02d"), info->name, minutes / 60, minutes % 60);
    }
  for (guint c = current; c < n_cells; c++)
    show_cell (cells[c], shown, spoken);
}
