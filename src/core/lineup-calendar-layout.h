/* lineup-calendar-layout.h: the calendar's layout decisions that need no
 * display: how many cards a day shows in the height it has, how many
 * network icons a card shows, which week the Week view opens on and which
 * day a new post starts on. The widgets (src/ui/calendar) ask; the tests
 * check these without a window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Network icons a card shows before "+N". */
#define LINEUP_CARD_MAX_PLATFORM_ICONS 3

/* How many of a day's @n_posts cards show in @available pixels, the cards
 * @card_heights[0..n_posts) tall with @spacing between them: all when they
 * fit; else as many as fit above a "+N more" button @more_height tall (so
 * never all but one: the button would stand for a single card). */
guint lineup_calendar_fit_cards      (guint        n_posts,
                                      const int   *card_heights,
                                      int          spacing,
                                      int          more_height,
                                      int          available);

/* Of @n_platforms, how many a card shows as icons (the rest is "+N"):
 * up to LINEUP_CARD_MAX_PLATFORM_ICONS, and all four rather than three
 * and "+1". */
guint lineup_calendar_platform_icons (guint        n_platforms);

/* The day whose week the Week view opens on, for the month @year-@month
 * shown: today when it is in that month; else the first of @post_days
 * (local days of the month's posts, any order) in the month; else the
 * month's first day. */
void  lineup_calendar_week_to_open   (int          year,
                                      int          month,
                                      const GDate *today,
                                      GArray      *post_days,
                                      GDate       *out_day);

/* The day a new post starts on when the calendar shows @year-@month:
 * today in that month, else the month's first day. */
void  lineup_calendar_new_post_day   (int          year,
                                      int          month,
                                      const GDate *today,
                                      GDate       *out_day);

G_END_DECLS
