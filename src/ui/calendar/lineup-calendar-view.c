/* lineup-calendar-view.c: the calendar shell (template
 * lineup-calendar-view.ui): its header (Month/Week, previous, today, next,
 * the month picker), the month and week grids in a stack, and the sidebar
 * with the shown range's mix and the backlog.
 *
 * Pattern (gnome-calendar's month rows): a store signal only marks the grid
 * stale and asks for the next frame; one function then lays the visible
 * six weeks (or the week) out from the store's time index, and every cell
 * reuses its card widgets. Dropping a card asks the store to move the post;
 * the grid follows the signal like any other change, so undo needs nothing
 * special. The grids themselves are lineup-month-view.c and
 * lineup-week-view.c, the campaign bands lineup-calendar-bands.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "lineup-backlog.h"
#include "lineup-calendar-overlays.h"
#include "lineup-calendar-slots.h"
#include "lineup-calendar-view.h"
#include "lineup-day-cell.h"
#include "lineup-mix-meter.h"
#include "lineup-month-picker.h"
#include "lineup-month-view.h"
#include "lineup-startup.h"
#include "lineup-view.h"
#include "lineup-week-view.h"

struct _LineupCalendarView
{
  AdwBin parent_instance;

  LineupStore *store;
  LineupFilter *filter;
  int year;
  int month;
  int week_start;           /* 0 = Sunday; from the "first-day-of-week" setting */
  GSettings *settings;
  gboolean stale;
  gboolean force;           /* pillars or the zone changed: rebind every card */
  guint tick_id;
  char *focus_post_id;

  /* Week mode: seven days by 24 hours. */
  gboolean week_mode;
  GDate week_first;

  LineupMonthView *month_view;
  LineupWeekView *week_view;
  GtkWidget *grids_stack;
  GtkWidget *month_button;
  LineupMonthPicker *month_picker;
  GtkWidget *previous_button;
  GtkWidget *next_button;
  GtkWidget *backlog_revealer;
  GtkWidget *sidebar;
  LineupBacklog *backlog;
  GtkWidget *backlog_count;

  /* The visible month's (or week's) content mix, in the sidebar. */
  LineupMix *mix;
  LineupMixMeter *mix_meter;
  LineupCalendarOverlays *overlays;   /* the grid's events, read by a worker */
  gboolean overlays_ready;     /* read only after the first frame */
  GtkWidget *mix_title;
  gboolean previewing;
  GtkWidget *stage_legend;
};

static void lineup_calendar_view_iface_init (LineupViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LineupCalendarView, lineup_calendar_view, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (LINEUP_TYPE_VIEW, lineup_calendar_view_iface_init))

enum {
  NEW_POST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void rebuild (LineupCalendarView *self);
static void update_mix_range (LineupCalendarView *self);

static void
toast (LineupCalendarView *self,
       const char         *message)
{
  lineup_view_toast (GTK_WIDGET (self), message);
}

static gboolean
rebuild_tick_cb (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       data)
{
  LineupCalendarView *self = LINEUP_CALENDAR_VIEW (widget);

  self->tick_id = 0;
  if (self->stale)
    rebuild (self);
  return G_SOURCE_REMOVE;
}

/* Marks the grid stale: however many changes arrive, one rebuild a frame. */
static void
queue_rebuild (LineupCalendarView *self)
{
  self->stale = TRUE;
  if (self->tick_id == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), rebuild_tick_cb, NULL, NULL);
}

static void
queue_full_rebuild (LineupCalendarView *self)
{
  /* Overlays are plan settings: read them again (the grid keeps showing
   * the events it has until the new ones arrive). */
  lineup_calendar_overlays_invalidate (self->overlays);
  self->force = TRUE;
  queue_rebuild (self);
}

static void
today (LineupCalendarView *self,
       GDate              *out)
{
  lineup_store_get_today (self->store, out);
}

static void
update_title (LineupCalendarView *self)
{
  GDate first;
  char label[96];

  if (self->week_mode)
    {
      GDate last = self->week_first;
      char from[48], to[48];

      g_date_add_days (&last, 6);
      g_date_strftime (from, sizeof from, g_date_get_month (&last) == g_date_get_month (&self->week_first)
                                             ? "%-d" : "%-d %B", &self->week_first);
      g_date_strftime (to, sizeof to, "%-d %B %Y", &last);
      g_snprintf (label, sizeof label, "%s – %s", from, to);
    }
  else
    {
      g_date_clear (&first, 1);
      g_date_set_dmy (&first, 1, self->month, self->year);
      g_date_strftime (label, sizeof label, "%OB %Y", &first);
    }
  /* The button makes a new label and arrow every time it is given one. */
  if (g_strcmp0 (gtk_menu_button_get_label (GTK_MENU_BUTTON (self->month_button)), label) != 0)
    gtk_menu_button_set_label (GTK_MENU_BUTTON (self->month_button), label);
}

static void
set_week_containing (LineupCalendarView *self,
                     const GDate        *date)
{
  int back = ((int) g_date_get_weekday (date) % 7 - self->week_start + 7) % 7;

  self->week_first = *date;
  g_date_subtract_days (&self->week_first, back);
}

/* Preferences changed the first day of the week: the grid follows at once,
 * on the same month (or the week holding the same first day). */
static void
on_week_start_changed_cb (LineupCalendarView *self)
{
  g_autofree char *name = g_settings_get_string (self->settings, "first-day-of-week");
  int week_start = lineup_week_start_from_name (name);

  if (week_start == self->week_start)
    return;
  self->week_start = week_start;
  lineup_month_view_set_week_start (self->month_view, week_start);
  if (g_date_valid (&self->week_first))
    set_week_containing (self, &self->week_first);
  queue_rebuild (self);
}

static GPtrArray *
visible_posts (LineupCalendarView *self,
               const GDate        *first,
               const GDate        *end)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *posts = lineup_store_list_posts (self->store,
                                              lineup_store_local_to_utc (self->store, (GDate *) first, 0),
                                              lineup_store_local_to_utc (self->store, (GDate *) end, 0),
                                              &error);
  if (posts == NULL)
    {
      toast (self, error->message);
      return NULL;
    }
  if (self->filter && !lineup_filter_is_empty (self->filter))
    for (guint i = posts->len; i > 0; i--)
      if (!lineup_filter_matches (self->filter, posts->pdata[i - 1]))
        g_ptr_array_remove_index (posts, i - 1);
  return posts;
}

static void
focus_pending_card (LineupCalendarView *self,
                    LineupDayCell     **cells,
                    guint               n_cells)
{
  if (self->focus_post_id == NULL)
    return;
  for (guint i = 0; i < n_cells; i++)
    {
      GtkWidget *card = lineup_day_cell_find_card (cells[i], self->focus_post_id);
      if (card)
        {
          gtk_widget_grab_focus (card);
          break;
        }
    }
  g_clear_pointer (&self->focus_post_id, g_free);
}

/* New overlay events arrived: the same cards, only the days' lines change. */
static void
on_overlays_changed_cb (gpointer view,
                        gpointer unused)
{
  queue_rebuild (view);
}

/* Other calendars' events for the grid of [first, end): the first frame
 * shows the plan's own posts; the overlays follow. */
static GPtrArray *
overlay_events (LineupCalendarView *self,
                const GDate        *first,
                const GDate        *end)
{
  return lineup_calendar_overlays_get (self->overlays, self->overlays_ready ? self->store : NULL, first, end);
}

static void
rebuild (LineupCalendarView *self)
{
  g_autoptr(GPtrArray) posts = NULL;
  GDate first, now, end;

  self->stale = FALSE;
  if (self->store == NULL)
    return;
  update_mix_range (self);
  today (self, &now);

  if (self->week_mode)
    {
      end = self->week_first;
      g_date_add_days (&end, 7);
      posts = visible_posts (self, &self->week_first, &end);
      if (posts == NULL)
        return;
      lineup_week_view_update (self->week_view, self->store, posts,
                               overlay_events (self, &self->week_first, &end),
                               &self->week_first, &now, self->force);
      lineup_calendar_slots_show (self->store, lineup_week_view_get_cells (self->week_view), &self->week_first, 7, TRUE);
      update_title (self);
      self->force = FALSE;
      focus_pending_card (self, lineup_week_view_get_cells (self->week_view), LINEUP_WEEK_VIEW_CELLS);
      return;
    }

  lineup_month_grid_first_day (self->year, self->month, self->week_start, &first);
  end = first;
  g_date_add_days (&end, LINEUP_GRID_DAYS);

  posts = visible_posts (self, &first, &end);
  if (posts == NULL)
    return;
  lineup_month_view_update (self->month_view, self->store, posts, overlay_events (self, &first, &end),
                            &first, self->month, &now, self->force);
  lineup_calendar_slots_show (self->store, lineup_month_view_get_cells (self->month_view), &first, LINEUP_GRID_DAYS, FALSE);

  update_title (self);
  self->force = FALSE;

  /* Keep the keyboard on the post it just moved. */
  focus_pending_card (self, lineup_month_view_get_cells (self->month_view), LINEUP_GRID_DAYS);
}

static void
show_month (LineupCalendarView *self,
            int                 year,
            int                 month)
{
  while (month < 1)
    month += 12, year--;
  while (month > 12)
    month -= 12, year++;
  self->year = CLAMP (year, 1900, 9999);
  self->month = month;
  update_title (self);
  queue_rebuild (self);
}

static void
show_date (LineupCalendarView *self,
           const GDate        *date)
{
  GDate first, end;

  lineup_month_grid_first_day (self->year, self->month, self->week_start, &first);
  end = first;
  g_date_add_days (&end, LINEUP_GRID_DAYS);
  if (g_date_compare (date, &first) < 0 || g_date_compare (date, &end) >= 0)
    show_month (self, g_date_get_year (date), g_date_get_month (date));
}

/* ---- the mix of what is shown ---- */

static void
show_mix (LineupCalendarView *self,
          LineupMixReport    *report)
{
  lineup_mix_meter_set_report (self->mix_meter, report);
}

static void
on_mix_changed_cb (LineupCalendarView *self)
{
  g_autoptr(LineupMixReport) report = NULL;

  if (self->previewing)
    return;
  report = lineup_mix_get_report (self->mix);
  show_mix (self, report);
}

static void
update_mix_range (LineupCalendarView *self)
{
  GDate from, to, current_from, current_to;
  const char *title;

  if (self->mix == NULL)
    return;
  if (self->week_mode)
    from = self->week_first;
  else
    {
      g_date_clear (&from, 1);
      g_date_set_dmy (&from, 1, self->month, self->year);
    }
  to = from;
  if (self->week_mode)
    g_date_add_days (&to, 7);
  else
    g_date_add_months (&to, 1);
  lineup_mix_get_range (self->mix, &current_from, &current_to);
  if (g_date_valid (&current_from) && g_date_compare (&from, &current_from) == 0 &&
      g_date_compare (&to, &current_to) == 0)
    return;
  title = self->week_mode ? _("This Week’s Mix") : _("This Month’s Mix");
  if (g_strcmp0 (gtk_label_get_label (GTK_LABEL (self->mix_title)), title) != 0)
    gtk_label_set_label (GTK_LABEL (self->mix_title), title);
  lineup_mix_set_range (self->mix, &from, &to);
}

/* A card over a day: the mix as it would be after the drop there. */
static void
on_post_hover_cb (LineupDayCell      *cell,
                  LineupPost         *post,
                  LineupCalendarView *self)
{
  g_autoptr(LineupPost) after = NULL;
  g_autoptr(LineupMixReport) report = NULL;
  GDate date = *lineup_day_cell_get_date (cell);

  if (self->mix == NULL)
    return;
  if (post == NULL || !lineup_store_can_move_post (self->store, post, NULL))
    {
      self->previewing = FALSE;
      on_mix_changed_cb (self);
      return;
    }
  after = lineup_post_copy (post);
  lineup_post_set_scheduled_at (after, lineup_store_local_to_utc (self->store, &date,
                                                                  lineup_store_place_minutes (self->store, post,
                                                                                              lineup_day_cell_get_hour (cell))));
  report = lineup_mix_preview (self->mix, post, after);
  self->previewing = TRUE;
  show_mix (self, report);
}

/* ---- changes through the store ---- */

/* "2026-12-24" as "24 December"; FALSE for anything else. */
static gboolean
format_iso_day (const char *iso,
                char       *out,
                gsize       size)
{
  int y, m, d;
  GDate date;

  if (iso == NULL || sscanf (iso, "%d-%d-%d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  return g_date_strftime (out, size, "%-d %B", &date) > 0;
}

/* A post placed on @date outside its campaign's dates: the toast says so,
 * with Undo (the move is one step). */
static void
warn_outside_campaign (LineupCalendarView *self,
                       LineupPost         *post,
                       const GDate        *date)
{
  LineupCampaign *campaign = lineup_post_get_campaign_id (post) > 0
                             ? lineup_store_get_campaign (self->store, lineup_post_get_campaign_id (post)) : NULL;
  const char *starts, *ends;
  char day[16], from[48] = "", to[48] = "";
  g_autofree char *message = NULL;

  if (campaign == NULL)
    return;
  starts = lineup_campaign_get_starts_on (campaign);
  ends = lineup_campaign_get_ends_on (campaign);
  g_snprintf (day, sizeof day, "%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
              g_date_get_day (date));
  if (!((starts && *starts && strcmp (day, starts) < 0) || (ends && *ends && strcmp (day, ends) > 0)))
    return;
  if (format_iso_day (starts, from, sizeof from) && format_iso_day (ends, to, sizeof to))
    message = g_strdup_printf (_("“%s” is now outside its campaign “%s” (%s – %s)"),
                               lineup_post_get_title (post), lineup_campaign_get_name (campaign), from, to);
  else
    message = g_strdup_printf (_("“%s” is now outside the dates of its campaign “%s”"),
                               lineup_post_get_title (post), lineup_campaign_get_name (campaign));
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast-undo", "s", message);
}

/* Moves (or with @copy duplicates) @post to @date, at @hour when it is not
 * -1; the keyboard then stays on the post placed. */
static void
place_post (LineupCalendarView *self,
            LineupPost         *post,
            const GDate        *date,
            int                 hour,
            gboolean            copy)
{
  g_autoptr(GError) error = NULL;
  char *placed;

  placed = lineup_store_place_post (self->store, lineup_post_get_id (post), date, hour, copy, &error);
  if (placed == NULL)
    {
      toast (self, error->message);
      return;
    }
  g_free (self->focus_post_id);
  self->focus_post_id = placed;
  warn_outside_campaign (self, post, date);
  if (hour < 0)
    show_date (self, date);
}

static void
on_post_dropped_cb (LineupDayCell      *cell,
                    LineupPost         *post,
                    gboolean            copy,
                    LineupCalendarView *self)
{
  /* In the week grid the drop also says the hour; the minutes stay. */
  place_post (self, post, lineup_day_cell_get_date (cell), lineup_day_cell_get_hour (cell), copy);
}

static void
on_new_post_cb (LineupDayCell      *cell,
                LineupCalendarView *self)
{
  int hour = lineup_day_cell_get_hour (cell);

  g_signal_emit (self, signals[NEW_POST], 0, lineup_day_cell_get_date (cell),
                 hour >= 0 ? hour * 60 : lineup_store_get_default_time (self->store));
}

static gboolean
on_backlog_drop_cb (GtkDropTarget      *target,
                    const GValue       *value,
                    double              x,
                    double              y,
                    LineupCalendarView *self)
{
  g_autoptr(GError) error = NULL;
  LineupPost *post = g_value_get_object (value);

  if (!LINEUP_IS_POST (post))
    return FALSE;
  if (!lineup_store_unschedule_post (self->store, lineup_post_get_id (post), &error))
    toast (self, error->message);
  return TRUE;
}

/* ---- what a card asks for (lineup-post-card.h): view.* actions with the
 * post's id ---- */

/* The post @param names (first in a tuple), or NULL having said why. */
static LineupPost *
action_post (LineupCalendarView *self,
             GVariant           *param)
{
  g_autoptr(GError) error = NULL;
  const char *id = NULL;
  LineupPost *post;

  if (g_variant_is_of_type (param, G_VARIANT_TYPE_STRING))
    id = g_variant_get_string (param, NULL);
  else
    g_variant_get_child (param, 0, "&s", &id);
  post = lineup_store_get_post (self->store, id, &error);
  if (post == NULL)
    toast (self, error->message);
  return post;
}

/* The local day of @post, or today for an undated one. */
static void
post_day (LineupCalendarView *self,
          LineupPost         *post,
          GDate              *out)
{
  if (lineup_post_is_dated (post))
    lineup_store_utc_to_local (self->store, lineup_post_get_scheduled_at (post), out, NULL);
  else
    today (self, out);
}

/* view.move-post (si): ±days from its day (an undated post: to today). */
static void
move_post_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  LineupCalendarView *self = LINEUP_CALENDAR_VIEW (widget);
  g_autoptr(LineupPost) post = action_post (self, param);
  int days;
  GDate date;

  if (post == NULL)
    return;
  g_variant_get_child (param, 1, "i", &days);
  post_day (self, post, &date);
  if (!lineup_post_is_dated (post))
    days = 0;
  if (days > 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, -days);
  place_post (self, post, &date, -1, FALSE);
}

/* view.duplicate-post (s): a copy on the same day (an undated one: today). */
static void
duplicate_post_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  LineupCalendarView *self = LINEUP_CALENDAR_VIEW (widget);
  g_autoptr(LineupPost) post = action_post (self, param);
  GDate date;

  if (post == NULL)
    return;
  post_day (self, post, &date);
  place_post (self, post, &date, -1, TRUE);
}

static void
delete_post_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  LineupCalendarView *self = LINEUP_CALENDAR_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) post = action_post (self, param);

  if (post == NULL)
    return;
  if (!lineup_store_delete_post (self->store, lineup_post_get_id (post), &error))
    toast (self, error->message);
  else
    lineup_view_post_deleted (widget, lineup_post_get_title (post));
}

/* view.move-post-to (siiii): to year, month, day, at minutes after
 * midnight (a best time of Move to Date) or -1: as a drop on the day. */
static void
move_post_to_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  LineupCalendarView *self = LINEUP_CALENDAR_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) post = action_post (self, param);
  int year, month, day, minutes;
  GDate date;

  if (post == NULL)
    return;
  g_variant_get (param, "(&siiii)", NULL, &year, &month, &day, &minutes);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  if (minutes < 0)
    place_post (self, post, &date, -1, FALSE);
  else if (!lineup_store_reschedule_post (self->store, lineup_post_get_id (post), &date, minutes, &error))
    toast (self, error->message);
  else
    show_date (self, &date);
}

static void
unschedule_post_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  LineupCalendarView *self = LINEUP_CALENDAR_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (!lineup_store_unschedule_post (self->store, g_variant_get_string (param, NULL), &error))
    toast (self, error->message);
}

static void
connect_cells (LineupCalendarView *self,
               LineupDayCell     **cells,
               guint               n_cells)
{
  for (guint i = 0; i < n_cells; i++)
    {
      g_signal_connect_object (cells[i], "post-dropped", G_CALLBACK (on_post_dropped_cb), self, 0);
      g_signal_connect_object (cells[i], "post-hover", G_CALLBACK (on_post_hover_cb), self, 0);
      g_signal_connect_object (cells[i], "new-post", G_CALLBACK (on_new_post_cb), self, 0);
    }
}

static void
on_filter_changed_cb (LineupCalendarView *self)
{
  lineup_backlog_set_filter (self->backlog, self->filter);
  queue_rebuild (self);
}

static void
update_backlog_count (LineupCalendarView *self)
{
  guint n = g_list_model_get_n_items (lineup_backlog_get_model (self->backlog));
  g_autofree char *label = g_strdup_printf ("%u", n);

  gtk_label_set_label (GTK_LABEL (self->backlog_count), label);
}

/* ---- after the first frame (lineup-startup.c) ---- */

/* The sidebar keeps its width from the start; its mix and its backlog
 * fill in after the month is on screen, then the overlays join the grid. */
static gboolean
load_mix (gpointer owner)
{
  LineupCalendarView *self = owner;

  self->mix = lineup_mix_new (self->store);
  g_signal_connect_object (self->mix, "changed", G_CALLBACK (on_mix_changed_cb), self, G_CONNECT_SWAPPED);
  update_mix_range (self);
  return G_SOURCE_REMOVE;
}

static gboolean
load_backlog (gpointer owner)
{
  LineupCalendarView *self = owner;

  if (lineup_backlog_get_model (self->backlog) == NULL)
    {
      lineup_backlog_set_store (self->backlog, self->store);
      lineup_backlog_set_filter (self->backlog, self->filter);
      g_signal_connect_object (lineup_backlog_get_model (self->backlog), "items-changed",
                               G_CALLBACK (update_backlog_count), self, G_CONNECT_SWAPPED);
      update_backlog_count (self);
      /* Its cards from the next step on: reading the undated posts is
       * a step's worth already. */
      return G_SOURCE_CONTINUE;
    }
  /* Its cards a few at a time, each part a step of its own. */
  return lineup_backlog_fill_more (self->backlog) ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static gboolean
load_overlays (gpointer owner)
{
  LineupCalendarView *self = owner;
  g_autoptr(GPtrArray) overlays = lineup_store_get_overlays (self->store);

  self->overlays_ready = TRUE;
  lineup_calendar_overlays_invalidate (self->overlays);
  /* Only a plan that shows calendars over its own needs the grid again. */
  for (guint i = 0; i < overlays->len; i++)
    {
      LineupOverlay *overlay = g_ptr_array_index (overlays, i);

      if (overlay->enabled && overlay->cache)
        {
          queue_rebuild (self);
          break;
        }
    }
  return G_SOURCE_REMOVE;
}

/* ---- header ---- */

static void
step_week (LineupCalendarView *self,
           int                 weeks)
{
  if (weeks > 0)
    g_date_add_days (&self->week_first, 7 * weeks);
  else
    g_date_subtract_days (&self->week_first, -7 * weeks);
  update_title (self);
  queue_rebuild (self);
}

static void
go_previous (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LineupCalendarView *self = LINEUP_CALENDAR_VIEW (widget);

  if (self->week_mode)
    step_week (self, -1);
  else
    show_month (self, self->year, self->month - 1);
}

static void
go_next (GtkWidget  *widget,
         const char *action_name,
         GVariant   *param)
{
  LineupCalendarView *self = LINEUP_CALENDAR_VIEW (widget);

  if (self->week_mode)
    step_week (self, 1);
  else
    show_month (self, self->year, self->month + 1);
}

static void
go_today (GtkWidget  *widget,
          const char *action_name,
          GVariant   *param)
{
  LineupCalendarView *self = LINEUP_CALENDAR_VIEW (widget);
  GDate now;

  today (self, &now);
  set_week_containing (self, &now);
  show_month (self, g_date_get_year (&now), g_date_get_month (&now));
}

/* The local days of the shown month's posts (those the filter shows). */
static GArray *
month_post_days (LineupCalendarView *self)
{
  GArray *days = g_array_new (FALSE, FALSE, sizeof (GDate));
  g_autoptr(GPtrArray) posts = NULL;
  GDate first, end;

  if (self->store == NULL)
    return days;
  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, self->month, self->year);
  end = first;
  g_date_add_months (&end, 1);
  posts = visible_posts (self, &first, &end);
  for (guint i = 0; posts && i < posts->len; i++)
    {
      GDate day;

      lineup_store_utc_to_local (self->store, lineup_post_get_scheduled_at (posts->pdata[i]), &day, NULL);
      g_array_append_val (days, day);
    }
  return days;
}

/* The week grid (168 hour cells) is made when first shown: most starts
 * open on the month, and making it was a tenth of a start. */
static void
ensure_week_view (LineupCalendarView *self)
{
  if (self->week_view)
    return;
  self->week_view = lineup_week_view_new ();
  gtk_stack_add_named (GTK_STACK (self->grids_stack), GTK_WIDGET (self->week_view), "week");
  connect_cells (self, lineup_week_view_get_cells (self->week_view), LINEUP_WEEK_VIEW_CELLS);
}

static void
apply_mode (LineupCalendarView *self,
            gboolean            week)
{
  if (week == self->week_mode)
    return;
  if (week)
    ensure_week_view (self);
  self->week_mode = week;
  if (week)
    {
      GDate first, now;
      g_autoptr(GArray) days = month_post_days (self);

      /* The week of today if it is in the month shown, else the month's
       * first week with posts (not an empty one). */
      today (self, &now);
      lineup_calendar_week_to_open (self->year, self->month, &now, days, &first);
      set_week_containing (self, &first);
    }
  else
    {
      self->year = g_date_get_year (&self->week_first);
      self->month = g_date_get_month (&self->week_first);
    }
  gtk_stack_set_visible_child_name (GTK_STACK (self->grids_stack), week ? "week" : "month");
  gtk_widget_set_tooltip_text (self->previous_button, week ? _("Previous Week (Page Up)") : _("Previous Month (Page Up)"));
  gtk_widget_set_tooltip_text (self->next_button, week ? _("Next Week (Page Down)") : _("Next Month (Page Down)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->previous_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  week ? _("Previous week") : _("Previous month"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->next_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  week ? _("Next week") : _("Next month"), -1);
  update_title (self);
  queue_rebuild (self);
  if (week)
    lineup_week_view_scroll_to_morning (self->week_view);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

static void
pick_month (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  LineupCalendarView *self = LINEUP_CALENDAR_VIEW (widget);
  int picker_year = lineup_month_picker_get_year (self->month_picker);

  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->month_button));
  if (self->week_mode)
    {
      GDate first;

      /* The week view goes to the chosen month's first week. */
      g_date_set_dmy (&first, 1, CLAMP (g_variant_get_int32 (param), 1, 12), picker_year);
      set_week_containing (self, &first);
      self->year = picker_year;
      self->month = g_date_get_month (&first);
      update_title (self);
      queue_rebuild (self);
      return;
    }
  show_month (self, picker_year, g_variant_get_int32 (param));
}

static void
on_picker_shown_cb (LineupCalendarView *self)
{
  lineup_month_picker_set_year (self->month_picker, self->year);
}

/* The legend of the cards' stage marks, two stages a row. Approved and
 * Scheduled are both green: a ring and a filled dot, said in words too. */
static void
fill_stage_legend (LineupCalendarView *self)
{
  for (int stage = 0; stage < LINEUP_N_STAGES; stage++)
    {
      GtkWidget *item = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *dot = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      GtkWidget *label = gtk_label_new (lineup_stage_to_label (stage));
      g_autofree char *dot_class = g_strdup_printf ("stage-%s", lineup_stage_to_key (stage));
      const char *shape = stage == LINEUP_STAGE_APPROVED ? _("hollow ring")
                        : stage == LINEUP_STAGE_SCHEDULED ? _("filled dot")
                        : NULL;

      gtk_widget_set_size_request (dot, 8, 8);
      gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (dot, "stage-dot");
      gtk_widget_add_css_class (dot, dot_class);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (item), dot);
      gtk_box_append (GTK_BOX (item), label);
      if (shape)
        {
          g_autofree char *tip = g_strdup_printf ("%s: %s", lineup_stage_to_label (stage), shape);

          gtk_widget_set_tooltip_text (item, tip);
          gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, shape, -1);
        }
      gtk_grid_attach (GTK_GRID (self->stage_legend), item, stage % 2, stage / 2, 1, 1);
    }
}

static void
lineup_calendar_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LineupCalendarView *self = LINEUP_CALENDAR_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODE:
      g_value_set_string (value, self->week_mode ? "week" : "month");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_calendar_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  LineupCalendarView *self = LINEUP_CALENDAR_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODE:
      apply_mode (self, g_strcmp0 (g_value_get_string (value), "week") == 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_calendar_view_map (GtkWidget *widget)
{
  LineupCalendarView *self = LINEUP_CALENDAR_VIEW (widget);

  GTK_WIDGET_CLASS (lineup_calendar_view_parent_class)->map (widget);
  if (self->stale)
    rebuild (self);
}

static void
lineup_calendar_view_dispose (GObject *object)
{
  LineupCalendarView *self = (LineupCalendarView *) object;

  if (self->tick_id)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  g_clear_object (&self->mix);
  g_clear_pointer (&self->overlays, lineup_calendar_overlays_free);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->focus_post_id, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_CALENDAR_VIEW);

  G_OBJECT_CLASS (lineup_calendar_view_parent_class)->dispose (object);
}

static void
lineup_calendar_view_class_init (LineupCalendarViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_calendar_view_dispose;
  object_class->get_property = lineup_calendar_view_get_property;
  object_class->set_property = lineup_calendar_view_set_property;
  widget_class->map = lineup_calendar_view_map;

  /* "month" or "week"; the Month/Week toggles follow it through the
   * calendar.mode action. */
  properties[PROP_MODE] =
    g_param_spec_string ("mode", NULL, NULL, "month",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* new-post (const GDate *day, int minutes): start a post on that day. */
  signals[NEW_POST] =
    g_signal_new ("new-post", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_INT);
  gtk_widget_class_install_action (widget_class, "view.move-post", "(si)", move_post_action);
  gtk_widget_class_install_action (widget_class, "view.duplicate-post", "s", duplicate_post_action);
  gtk_widget_class_install_action (widget_class, "view.delete-post", "s", delete_post_action);
  gtk_widget_class_install_action (widget_class, "view.move-post-to", "(siiii)", move_post_to_action);
  gtk_widget_class_install_action (widget_class, "view.unschedule-post", "s", unschedule_post_action);

  gtk_widget_class_install_action (widget_class, "calendar.previous", NULL, go_previous);
  gtk_widget_class_install_action (widget_class, "calendar.next", NULL, go_next);
  gtk_widget_class_install_action (widget_class, "calendar.today", NULL, go_today);
  gtk_widget_class_install_action (widget_class, "calendar.pick-month", "i", pick_month);
  gtk_widget_class_install_property_action (widget_class, "calendar.mode", "mode");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "calendar.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "calendar.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_CONTROL_MASK, "calendar.today", NULL);
  gtk_widget_class_set_css_name (widget_class, "calendarview");

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lineup/Lineup/calendar/lineup-calendar-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupCalendarView, month_view);
  gtk_widget_class_bind_template_child (widget_class, LineupCalendarView, grids_stack);
  gtk_widget_class_bind_template_child (widget_class, LineupCalendarView, month_button);
  gtk_widget_class_bind_template_child (widget_class, LineupCalendarView, month_picker);
  gtk_widget_class_bind_template_child (widget_class, LineupCalendarView, previous_button);
  gtk_widget_class_bind_template_child (widget_class, LineupCalendarView, next_button);
  gtk_widget_class_bind_template_child (widget_class, LineupCalendarView, backlog_revealer);
  gtk_widget_class_bind_template_child (widget_class, LineupCalendarView, sidebar);
  gtk_widget_class_bind_template_child (widget_class, LineupCalendarView, backlog);
  gtk_widget_class_bind_template_child (widget_class, LineupCalendarView, backlog_count);
  gtk_widget_class_bind_template_child (widget_class, LineupCalendarView, mix_title);
  gtk_widget_class_bind_template_child (widget_class, LineupCalendarView, stage_legend);
  gtk_widget_class_bind_template_callback (widget_class, on_picker_shown_cb);
}

static void
lineup_calendar_view_init (LineupCalendarView *self)
{
  GtkDropTarget *drop;

  self->overlays = lineup_calendar_overlays_new (on_overlays_changed_cb, self);

  /* The types its template names. */
  g_type_ensure (LINEUP_TYPE_BACKLOG);
  g_type_ensure (LINEUP_TYPE_MONTH_PICKER);
  g_type_ensure (LINEUP_TYPE_MONTH_VIEW);
  g_type_ensure (LINEUP_TYPE_WEEK_VIEW);
  gtk_widget_init_template (GTK_WIDGET (self));

  {
    g_autofree char *first_day = NULL;

    self->settings = g_settings_new (APP_ID);
    first_day = g_settings_get_string (self->settings, "first-day-of-week");
    self->week_start = lineup_week_start_from_name (first_day);
    g_signal_connect_object (self->settings, "changed::first-day-of-week",
                             G_CALLBACK (on_week_start_changed_cb), self, G_CONNECT_SWAPPED);
  }
  self->year = 2000;
  self->month = 1;
  self->stale = TRUE;
  lineup_month_view_set_week_start (self->month_view, self->week_start);
  connect_cells (self, lineup_month_view_get_cells (self->month_view), LINEUP_GRID_DAYS);

  self->mix_meter = lineup_mix_meter_new (TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->mix_meter), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Content mix"), -1);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->mix_meter), 12);
  gtk_box_insert_child_after (GTK_BOX (self->sidebar), GTK_WIDGET (self->mix_meter), self->mix_title);

  fill_stage_legend (self);

  drop = gtk_drop_target_new (LINEUP_TYPE_POST, GDK_ACTION_MOVE);
  g_signal_connect (drop, "drop", G_CALLBACK (on_backlog_drop_cb), self);
  gtk_widget_add_controller (self->sidebar, GTK_EVENT_CONTROLLER (drop));
}

void
lineup_calendar_view_set_store (LineupCalendarView *self,
                                LineupStore        *store)
{
  GDate now;

  g_return_if_fail (LINEUP_IS_CALENDAR_VIEW (self));
  g_return_if_fail (LINEUP_IS_STORE (store));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  today (self, &now);
  self->year = g_date_get_year (&now);
  self->month = g_date_get_month (&now);
  set_week_containing (self, &now);

  g_signal_connect_object (store, "post-added", G_CALLBACK (queue_rebuild), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "post-changed", G_CALLBACK (queue_rebuild), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "post-removed", G_CALLBACK (queue_rebuild), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "pillars-changed", G_CALLBACK (queue_full_rebuild), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "content-types-changed", G_CALLBACK (queue_full_rebuild), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "campaigns-changed", G_CALLBACK (queue_rebuild), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "plan-changed", G_CALLBACK (queue_full_rebuild), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "reloaded", G_CALLBACK (queue_full_rebuild), self, G_CONNECT_SWAPPED);

  /* The month first (the window's first frame), the rest after it; the
   * mix's bars have their place from the first frame on. */
  lineup_mix_meter_reserve (self->mix_meter, lineup_store_get_content_types (store));
  lineup_startup_after_first_frame (self, "the month's mix", load_mix);
  lineup_startup_after_first_frame (self, "the backlog", load_backlog);
  lineup_startup_after_first_frame (self, "the overlays", load_overlays);

  update_title (self);
  queue_rebuild (self);
}

void
lineup_calendar_view_set_filter (LineupCalendarView *self,
                                 LineupFilter       *filter)
{
  g_return_if_fail (LINEUP_IS_CALENDAR_VIEW (self));
  g_return_if_fail (LINEUP_IS_FILTER (filter));

  g_set_object (&self->filter, filter);
  g_signal_connect_object (filter, "changed", G_CALLBACK (on_filter_changed_cb), self, G_CONNECT_SWAPPED);
  on_filter_changed_cb (self);
}

void
lineup_calendar_view_show_date (LineupCalendarView *self,
                                const GDate        *date)
{
  g_return_if_fail (LINEUP_IS_CALENDAR_VIEW (self));
  g_return_if_fail (date != NULL && g_date_valid (date));

  if (self->week_mode)
    {
      set_week_containing (self, date);
      self->year = g_date_get_year (&self->week_first);
      self->month = g_date_get_month (&self->week_first);
      update_title (self);
      queue_rebuild (self);
    }
  else
    show_date (self, date);
}

static void
lineup_calendar_view_iface_init (LineupViewInterface *iface)
{
  iface->set_store = (void (*) (LineupView *, LineupStore *)) lineup_calendar_view_set_store;
  iface->set_filter = (void (*) (LineupView *, LineupFilter *)) lineup_calendar_view_set_filter;
}

void
lineup_calendar_view_get_month (LineupCalendarView *self,
                                int                *out_year,
                                int                *out_month)
{
  g_return_if_fail (LINEUP_IS_CALENDAR_VIEW (self));
  if (out_year)
    *out_year = self->year;
  if (out_month)
    *out_month = self->month;
}

void
lineup_calendar_view_get_new_post_day (LineupCalendarView *self,
                                       GDate              *out_day)
{
  GDate now, end;

  g_return_if_fail (LINEUP_IS_CALENDAR_VIEW (self));
  g_return_if_fail (out_day != NULL);

  today (self, &now);
  if (!self->week_mode)
    {
      lineup_calendar_new_post_day (self->year, self->month, &now, out_day);
      return;
    }
  /* The week shown: today in it, else its first day. */
  end = self->week_first;
  g_date_add_days (&end, 7);
  *out_day = g_date_compare (&now, &self->week_first) >= 0 && g_date_compare (&now, &end) < 0
             ? now : self->week_first;
}
