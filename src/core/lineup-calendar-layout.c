/* lineup-calendar-layout.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lineup-calendar-layout.h"

guint
lineup_calendar_fit_cards (guint      n_posts,
                           const int *card_heights,
                           int        spacing,
                           int        more_height,
                           int        available)
{
  int used = 0;
  guint shown = 0;

  g_return_val_if_fail (n_posts == 0 || card_heights != NULL, 0);

  /* Every card, without the button? */
  for (guint i = 0; i < n_posts; i++)
    used += card_heights[i] + (i > 0 ? spacing : 0);
  if (used <= available)
    return n_posts;

  /* Else the cards that fit above the button. */
  used = more_height;
  for (guint i = 0; i < n_posts; i++)
    {
      used += card_heights[i] + spacing;
      if (used > available)
        break;
      shown++;
    }
  return shown;
}

guint
lineup_calendar_platform_icons (guint n_platforms)
{
  /* "+1" takes the room of an icon: show the icon. */
  if (n_platforms <= LINEUP_CARD_MAX_PLATFORM_ICONS + 1)
    return n_platforms;
  return LINEUP_CARD_MAX_PLATFORM_ICONS;
}

static gboolean
in_month (const GDate *day,
          int          year,
          int          month)
{
  return g_date_valid (day) && (int) g_date_get_year (day) == year && (int) g_date_get_month (day) == month;
}

void
lineup_calendar_week_to_open (int          year,
                              int          month,
                              const GDate *today,
                              GArray      *post_days,
                              GDate       *out_day)
{
  g_return_if_fail (out_day != NULL);

  g_date_clear (out_day, 1);
  if (today && in_month (today, year, month))
    {
      *out_day = *today;
      return;
    }
  for (guint i = 0; post_days && i < post_days->len; i++)
    {
      const GDate *day = &g_array_index (post_days, GDate, i);

      if (in_month (day, year, month) && (!g_date_valid (out_day) || g_date_compare (day, out_day) < 0))
        *out_day = *day;
    }
  if (!g_date_valid (out_day))
    g_date_set_dmy (out_day, 1, month, year);
}

void
lineup_calendar_new_post_day (int          year,
                              int          month,
                              const GDate *today,
                              GDate       *out_day)
{
  g_return_if_fail (out_day != NULL);

  g_date_clear (out_day, 1);
  if (today && in_month (today, year, month))
    *out_day = *today;
  else
    g_date_set_dmy (out_day, 1, month, year);
}
