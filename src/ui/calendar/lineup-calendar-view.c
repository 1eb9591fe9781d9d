/* lineup-calendar-view.c: the month grid, its header and the backlog.
 *
 * Pattern (gnome-calendar's month rows): a store signal only marks the grid
 * stale and asks for the next frame; one function then lays the visible
 * six weeks out from the store's time index, and every cell reuses its card
 * widgets. Dropping a card asks the store to move the post; the grid
 * follows the signal like any other change, so undo needs nothing special.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-calendar-view.h"
#include "lineup-day-cell.h"
#include "lineup-mix-meter.h"
#include "lineup-post-card.h"
#include "lineup-swatch.h"
#include "lineup-post-row.h"

struct _LineupCalendarView
{
  AdwBin parent_instance;

  LineupStore *store;
  LineupFilter *filter;
  GtkFilter *backlog_filter;
  LineupPostModel *posts;
  GtkFilterListModel *backlog;
  int year;
  int month;
  int week_start;           /* 0 = Sunday; from the "first-day-of-week" setting */
  GSettings *settings;
  gboolean stale;
  gboolean force;           /* pillars or the zone changed: rebind every card */
  guint tick_id;
  char *focus_post_id;
  int picker_year;

  LineupDayCell *cells[LINEUP_GRID_DAYS];
  GtkWidget *band_grids[LINEUP_GRID_DAYS / 7];   /* campaigns over each week */

  /* Week mode: seven days by 24 hours. */
  gboolean week_mode;
  GDate week_first;
  LineupDayCell *week_cells[7 * 24];
  GtkWidget *week_headers[7];
  GtkWidget *week_bands;
  GtkWidget *grids_stack;
  GtkWidget *week_scroller;
  GtkWidget *weekday_labels[7];
  GtkWidget *month_button;
  GtkWidget *previous_button;
  GtkWidget *next_button;
  GtkWidget *picker_year_label;
  GtkWidget *backlog_revealer;
  GtkWidget *backlog_list;

  /* The visible month's (or week's) content mix, in the sidebar. */
  LineupMix *mix;
  LineupMixMeter *mix_meter;
  GPtrArray *overlay_events;   /* the grid's, read once per grid and plan change */
  GDate overlay_first;
  GtkWidget *mix_title;
  gboolean previewing;
  GtkWidget *backlog_count;
};

G_DEFINE_FINAL_TYPE (LineupCalendarView, lineup_calendar_view, ADW_TYPE_BIN)

enum {
  OPEN_POST,
  POST_DELETED,
  TOAST,
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
  g_signal_emit (self, signals[TOAST], 0, message);
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
  /* Overlays are plan settings: read them again. */
  g_clear_pointer (&self->overlay_events, g_ptr_array_unref);
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

static void
update_weekday_labels (LineupCalendarView *self)
{
  for (int c = 0; c < 7; c++)
    {
      GDate d;
      char name[32];

      /* 2000-01-02 was a Sunday. */
      g_date_clear (&d, 1);
      g_date_set_dmy (&d, 2 + (self->week_start + c) % 7, 1, 2000);
      g_date_strftime (name, sizeof name, "%a", &d);
      gtk_label_set_label (GTK_LABEL (self->weekday_labels[c]), name);
    }
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
  update_weekday_labels (self);
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

static GtkWidget *
make_band (LineupCampaign *campaign,
           const GDate    *from,
           const GDate    *to)
{
  GtkWidget *overlay = gtk_overlay_new ();
  LineupSwatch *swatch = lineup_swatch_new (8, 16);
  GtkWidget *label = gtk_label_new (lineup_campaign_get_name (campaign));
  g_autofree char *start = lineup_format_day (from);
  g_autofree char *end = lineup_format_day (to);
  g_autofree char *name = g_strdup_printf (_("Campaign %s, %s to %s"), lineup_campaign_get_name (campaign), start, end);

  lineup_swatch_set_color (swatch, lineup_campaign_get_color (campaign));
  gtk_widget_set_hexpand (GTK_WIDGET (swatch), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (swatch), GTK_ALIGN_FILL);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), GTK_WIDGET (swatch));
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "campaign-label");
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), label);
  gtk_widget_add_css_class (overlay, "campaign-band");
  gtk_widget_set_tooltip_text (overlay, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (overlay), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return overlay;
}

/* Whether @campaign shows in the week [@week_start, @week_end]; its days. */
static gboolean
campaign_in_week (LineupCampaign *campaign,
                  const GDate    *week_start,
                  const GDate    *week_end,
                  GDate          *out_from,
                  GDate          *out_to)
{
  return lineup_parse_date (lineup_campaign_get_starts_on (campaign), out_from) &&
         lineup_parse_date (lineup_campaign_get_ends_on (campaign), out_to) &&
         g_date_compare (out_to, week_start) >= 0 && g_date_compare (out_from, week_end) <= 0;
}

/* Campaigns are few: a week's bands are made again when what they show
 * changed (most weeks of most months have the same bands, often none). */
static void
fill_band_grid (LineupCalendarView *self,
                GtkWidget          *band_grid,
                const GDate        *week_start)
{
  GListModel *campaigns = lineup_store_get_campaigns (self->store);
  guint n = g_list_model_get_n_items (campaigns);
  g_autoptr(GString) key = g_string_new (NULL);
  GtkWidget *child;
  GDate week_end = *week_start;
  int row = 0;

  /* What the bands show, in order: where they start and end in the week,
   * their campaign's days, colour and name. */
  g_date_add_days (&week_end, 6);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LineupCampaign) campaign = g_list_model_get_item (campaigns, i);
      GDate from, to;

      if (campaign_in_week (campaign, week_start, &week_end, &from, &to))
        g_string_append_printf (key, "%d %d %u %u %s\x1f%s\x1e",
                                MAX (g_date_days_between (week_start, &from), 0),
                                MIN (g_date_days_between (week_start, &to), 6),
                                g_date_get_julian (&from), g_date_get_julian (&to),
                                lineup_campaign_get_color (campaign) ? lineup_campaign_get_color (campaign) : "",
                                lineup_campaign_get_name (campaign));
    }
  if (g_strcmp0 (g_object_get_data (G_OBJECT (band_grid), "lineup-bands"), key->str) == 0)
    return;
  g_object_set_data_full (G_OBJECT (band_grid), "lineup-bands", g_string_free (g_steal_pointer (&key), FALSE), g_free);

  while ((child = gtk_widget_get_first_child (band_grid)))
    gtk_grid_remove (GTK_GRID (band_grid), child);
  /* A grid counts only the columns that hold something: seven empty
   * placeholders make a band start and end on its days. */
  for (int c = 0; c < 7; c++)
    gtk_grid_attach (GTK_GRID (band_grid), gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0), c, 99, 1, 1);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LineupCampaign) campaign = g_list_model_get_item (campaigns, i);
      GDate from, to, shown_from, shown_to;

      if (!campaign_in_week (campaign, week_start, &week_end, &from, &to))
        continue;

      shown_from = g_date_compare (&from, week_start) < 0 ? *week_start : from;
      shown_to = g_date_compare (&to, &week_end) > 0 ? week_end : to;
      gtk_grid_attach (GTK_GRID (band_grid), make_band (campaign, &from, &to),
                       g_date_days_between (week_start, &shown_from), row,
                       g_date_days_between (&shown_from, &shown_to) + 1, 1);
      row++;
    }
}

static void
rebuild_bands (LineupCalendarView *self,
               const GDate        *first)
{
  for (int w = 0; w < LINEUP_GRID_DAYS / 7; w++)
    {
      GDate week_start = *first;

      g_date_add_days (&week_start, 7 * w);
      fill_band_grid (self, self->band_grids[w], &week_start);
    }
}

static void
rebuild_week (LineupCalendarView *self)
{
  g_autoptr(GPtrArray) posts = NULL;
  GDate end, now, day;
  guint index = 0;

  end = self->week_first;
  g_date_add_days (&end, 7);
  lineup_store_get_today (self->store, &now);
  posts = visible_posts (self, &self->week_first, &end);
  if (posts == NULL)
    return;
  fill_band_grid (self, self->week_bands, &self->week_first);
  if (self->overlay_events == NULL || !g_date_valid (&self->overlay_first) ||
      g_date_compare (&self->overlay_first, &self->week_first) != 0)
    {
      g_clear_pointer (&self->overlay_events, g_ptr_array_unref);
      self->overlay_events = lineup_overlay_events (self->store, &self->week_first, &end);
      self->overlay_first = self->week_first;
    }

  /* Cells in (day, hour) order are in time order, like the posts. */
  day = self->week_first;
  for (guint d = 0; d < 7; d++)
    {
      g_autoptr(GString) markup = g_string_new (NULL);
      g_autoptr(GString) plain = g_string_new (NULL);
      char text[64];

      g_date_strftime (text, sizeof text, "%a %-d", &day);
      g_string_append (markup, text);
      /* Other calendars' events under the day's name. */
      for (guint o = 0; o < self->overlay_events->len; o++)
        {
          LineupOverlayEvent *event = g_ptr_array_index (self->overlay_events, o);
          g_autofree char *summary = NULL;

          if (g_date_compare (&event->date, &day) != 0)
            continue;
          summary = g_markup_escape_text (event->summary, -1);
          g_string_append_printf (markup, "\n<small><span foreground=\"%s\">●</span> %s</small>", event->color, summary);
          g_string_append_printf (plain, "%s%s (%s)", plain->len ? "; " : "", event->summary, event->overlay);
        }
      /* Set only what changed: a label lays itself out again, a tooltip
       * asks the display where the pointer is. */
      if (g_strcmp0 (gtk_label_get_label (GTK_LABEL (self->week_headers[d])), markup->str) != 0)
        gtk_label_set_markup (GTK_LABEL (self->week_headers[d]), markup->str);
      if (g_strcmp0 (gtk_widget_get_tooltip_text (self->week_headers[d]), plain->len ? plain->str : NULL) != 0)
        {
          gtk_widget_set_tooltip_text (self->week_headers[d], plain->len ? plain->str : NULL);
          gtk_accessible_update_property (GTK_ACCESSIBLE (self->week_headers[d]), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                          plain->len ? plain->str : NULL, -1);
        }
      if (g_date_compare (&day, &now) == 0)
        gtk_widget_add_css_class (self->week_headers[d], "today");
      else
        gtk_widget_remove_css_class (self->week_headers[d], "today");

      for (guint h = 0; h < 24; h++)
        {
          LineupDayCell *cell = self->week_cells[d * 24 + h];
          guint start = index;
          gint64 boundary;

          if (h < 23)
            boundary = lineup_store_local_to_utc (self->store, &day, (h + 1) * 60);
          else
            {
              GDate next = day;
              g_date_add_days (&next, 1);
              boundary = lineup_store_local_to_utc (self->store, &next, 0);
            }
          while (index < posts->len && lineup_post_get_scheduled_at (posts->pdata[index]) < boundary)
            index++;
          lineup_day_cell_set_date (cell, &day, TRUE, g_date_compare (&day, &now) == 0);
          lineup_day_cell_set_posts (cell, self->store, posts, start, index, self->force);
        }
      g_date_add_days (&day, 1);
    }
}

static void
rebuild (LineupCalendarView *self)
{
  g_autoptr(GPtrArray) posts = NULL;
  GDate first, day, now, end;
  guint index = 0;

  self->stale = FALSE;
  if (self->store == NULL)
    return;
  update_mix_range (self);

  if (self->week_mode)
    {
      rebuild_week (self);
      update_title (self);
      self->force = FALSE;
      focus_pending_card (self, self->week_cells, G_N_ELEMENTS (self->week_cells));
      return;
    }

  lineup_month_grid_first_day (self->year, self->month, self->week_start, &first);
  end = first;
  g_date_add_days (&end, LINEUP_GRID_DAYS);
  today (self, &now);

  posts = visible_posts (self, &first, &end);
  if (posts == NULL)
    return;
  rebuild_bands (self, &first);

  /* Other calendars: parsed once for this grid, not on every rebuild. */
  if (self->overlay_events == NULL || !g_date_valid (&self->overlay_first) ||
      g_date_compare (&self->overlay_first, &first) != 0)
    {
      g_clear_pointer (&self->overlay_events, g_ptr_array_unref);
      self->overlay_events = lineup_overlay_events (self->store, &first, &end);
      self->overlay_first = first;
    }

  day = first;
  for (guint i = 0, o = 0; i < LINEUP_GRID_DAYS; i++)
    {
      guint start = index, overlay_start;
      gint64 next_day;
      GDate following = day;

      g_date_add_days (&following, 1);
      next_day = lineup_store_local_to_utc (self->store, &following, 0);
      while (index < posts->len && lineup_post_get_scheduled_at (posts->pdata[index]) < next_day)
        index++;

      lineup_day_cell_set_date (self->cells[i], &day,
                                (int) g_date_get_month (&day) == self->month,
                                g_date_compare (&day, &now) == 0);
      lineup_day_cell_set_posts (self->cells[i], self->store, posts, start, index, self->force);
      while (o < self->overlay_events->len &&
             g_date_compare (&((LineupOverlayEvent *) self->overlay_events->pdata[o])->date, &day) < 0)
        o++;
      overlay_start = o;
      while (o < self->overlay_events->len &&
             g_date_compare (&((LineupOverlayEvent *) self->overlay_events->pdata[o])->date, &day) == 0)
        o++;
      lineup_day_cell_set_overlays (self->cells[i], self->overlay_events, overlay_start, o);
      day = following;
    }

  update_title (self);
  self->force = FALSE;

  /* Keep the keyboard on the post it just moved. */
  focus_pending_card (self, self->cells, LINEUP_GRID_DAYS);
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
  lineup_mix_meter_set_rows (self->mix_meter, report->types);
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
  int hour = lineup_day_cell_get_hour (cell);
  int minutes = lineup_store_get_default_time (self->store);
  GDate date = *lineup_day_cell_get_date (cell);

  if (post == NULL || !lineup_store_can_move_post (self->store, post, NULL))
    {
      self->previewing = FALSE;
      on_mix_changed_cb (self);
      return;
    }
  if (lineup_post_is_dated (post))
    lineup_store_utc_to_local (self->store, lineup_post_get_scheduled_at (post), NULL, &minutes);
  if (hour >= 0)
    minutes = hour * 60 + minutes % 60;
  after = lineup_post_copy (post);
  lineup_post_set_scheduled_at (after, lineup_store_local_to_utc (self->store, &date, minutes));
  report = lineup_mix_preview (self->mix, post, after);
  self->previewing = TRUE;
  show_mix (self, report);
}

/* ---- changes through the store ---- */

static void
move_post_to (LineupCalendarView *self,
              LineupPost         *post,
              const GDate        *date)
{
  g_autoptr(GError) error = NULL;
  GDate target = *date;

  g_free (self->focus_post_id);
  self->focus_post_id = g_strdup (lineup_post_get_id (post));
  if (!lineup_store_move_post (self->store, lineup_post_get_id (post), &target, &error))
    {
      g_clear_pointer (&self->focus_post_id, g_free);
      toast (self, error->message);
      return;
    }
  show_date (self, &target);
}

static void
duplicate_post_to (LineupCalendarView *self,
                   LineupPost         *post,
                   const GDate        *date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) copy = NULL;
  GDate target = *date;

  copy = lineup_store_duplicate_post (self->store, lineup_post_get_id (post), &target, &error);
  if (copy == NULL)
    {
      toast (self, error->message);
      return;
    }
  g_free (self->focus_post_id);
  self->focus_post_id = g_strdup (lineup_post_get_id (copy));
  show_date (self, &target);
}

static void
on_post_dropped_cb (LineupDayCell      *cell,
                    LineupPost         *post,
                    gboolean            copy,
                    LineupCalendarView *self)
{
  int hour = lineup_day_cell_get_hour (cell);

  /* In the week grid the drop also says the hour; the minutes stay. A copy
   * is made and placed in one step, so one undo removes it. */
  if (hour >= 0)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LineupPost) copy_post = NULL;
      GDate date = *lineup_day_cell_get_date (cell);
      const char *id = lineup_post_get_id (post);
      int minutes = 0;

      if (lineup_post_is_dated (post))
        lineup_store_utc_to_local (self->store, lineup_post_get_scheduled_at (post), NULL, &minutes);

      g_autofree char *label = g_strdup_printf (copy ? _("Duplicate “%s”") : _("Move “%s”"),
                                                lineup_post_get_title (post));

      lineup_store_begin (self->store, label);
      if (copy)
        {
          copy_post = lineup_store_duplicate_post (self->store, id, &date, &error);
          id = copy_post ? lineup_post_get_id (copy_post) : NULL;
        }
      if (id == NULL ||
          !lineup_store_reschedule_post (self->store, id, &date, hour * 60 + minutes % 60, &error))
        {
          lineup_store_rollback (self->store);
          toast (self, error->message);
          return;
        }
      /* A failed commit has rolled back already. */
      if (!lineup_store_commit (self->store, &error))
        {
          toast (self, error->message);
          return;
        }
      g_free (self->focus_post_id);
      self->focus_post_id = g_strdup (id);
      return;
    }
  if (copy)
    duplicate_post_to (self, post, lineup_day_cell_get_date (cell));
  else
    move_post_to (self, post, lineup_day_cell_get_date (cell));
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

static void
on_card_open_cb (LineupPostCard     *card,
                 LineupPost         *post,
                 LineupCalendarView *self)
{
  g_signal_emit (self, signals[OPEN_POST], 0, post);
}

static void
on_card_move_cb (LineupPostCard     *card,
                 LineupPost         *post,
                 int                 days,
                 LineupCalendarView *self)
{
  GDate date;

  if (!lineup_post_is_dated (post))
    today (self, &date);
  else
    {
      lineup_store_utc_to_local (self->store, lineup_post_get_scheduled_at (post), &date, NULL);
      if (days > 0)
        g_date_add_days (&date, days);
      else
        g_date_subtract_days (&date, -days);
    }
  move_post_to (self, post, &date);
}

static void
on_card_duplicate_cb (LineupPostCard     *card,
                      LineupPost         *post,
                      LineupCalendarView *self)
{
  GDate date;

  if (lineup_post_is_dated (post))
    lineup_store_utc_to_local (self->store, lineup_post_get_scheduled_at (post), &date, NULL);
  else
    today (self, &date);
  duplicate_post_to (self, post, &date);
}

static void
on_card_delete_cb (LineupPostCard     *card,
                   LineupPost         *post,
                   LineupCalendarView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) keep = g_object_ref (post);

  if (!lineup_store_delete_post (self->store, lineup_post_get_id (keep), &error))
    toast (self, error->message);
  else
    g_signal_emit (self, signals[POST_DELETED], 0, lineup_post_get_title (keep));
}

static void
on_card_move_to_cb (LineupPostCard     *card,
                    LineupPost         *post,
                    int                 year,
                    int                 month,
                    int                 day,
                    LineupCalendarView *self)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  move_post_to (self, post, &date);
}

static void
on_card_unschedule_cb (LineupPostCard     *card,
                       LineupPost         *post,
                       LineupCalendarView *self)
{
  g_autoptr(GError) error = NULL;

  if (!lineup_store_unschedule_post (self->store, lineup_post_get_id (post), &error))
    toast (self, error->message);
}

static void
connect_card (LineupCalendarView *self,
              LineupPostCard     *card)
{
  g_signal_connect_object (card, "move-post-to", G_CALLBACK (on_card_move_to_cb), self, 0);
  g_signal_connect_object (card, "unschedule-post", G_CALLBACK (on_card_unschedule_cb), self, 0);
  g_signal_connect_object (card, "open-post", G_CALLBACK (on_card_open_cb), self, 0);
  g_signal_connect_object (card, "move-post", G_CALLBACK (on_card_move_cb), self, 0);
  g_signal_connect_object (card, "duplicate-post", G_CALLBACK (on_card_duplicate_cb), self, 0);
  g_signal_connect_object (card, "delete-post", G_CALLBACK (on_card_delete_cb), self, 0);
}

static void
on_card_created_cb (LineupDayCell      *cell,
                    LineupPostCard     *card,
                    LineupCalendarView *self)
{
  connect_card (self, card);
}

/* The backlog is a list view: a plan may hold thousands of undated ideas,
 * and only the cards on screen are made (then reused as it scrolls). */
static void
setup_backlog_card_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       LineupCalendarView       *self)
{
  LineupPostCard *card = lineup_post_card_new ();

  connect_card (self, card);
  gtk_list_item_set_child (item, GTK_WIDGET (card));
  /* The card takes the keyboard; its row would be a second, empty stop. */
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_selectable (item, FALSE);
}

static void
bind_backlog_card_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      LineupCalendarView       *self)
{
  lineup_post_card_bind (LINEUP_POST_CARD (gtk_list_item_get_child (item)), self->store,
                         gtk_list_item_get_item (item), TRUE);
}

static gboolean
is_undated (gpointer item,
            gpointer user_data)
{
  LineupCalendarView *self = user_data;

  return !lineup_post_is_dated (item) &&
         (self->filter == NULL || lineup_filter_matches (self->filter, item));
}

static void
on_filter_changed_cb (LineupCalendarView *self)
{
  gtk_filter_changed (self->backlog_filter, GTK_FILTER_CHANGE_DIFFERENT);
  queue_rebuild (self);
}

static void
update_backlog_count (LineupCalendarView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->backlog));
  g_autofree char *label = g_strdup_printf ("%u", n);

  gtk_label_set_label (GTK_LABEL (self->backlog_count), label);
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

static gboolean
scroll_week_to_morning_tick (GtkWidget     *widget,
                             GdkFrameClock *clock,
                             gpointer       data)
{
  LineupCalendarView *self = LINEUP_CALENDAR_VIEW (widget);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->week_scroller));

  /* Wait for the first layout of the week, then start it at 07:00, where
   * most posts go out. */
  if (gtk_adjustment_get_upper (adjustment) <= gtk_adjustment_get_page_size (adjustment))
    return G_SOURCE_CONTINUE;
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) * 7 / 24);
  return G_SOURCE_REMOVE;
}

static void
scroll_week_to_morning (LineupCalendarView *self)
{
  gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_week_to_morning_tick, NULL, NULL);
}

static void
apply_mode (LineupCalendarView *self,
            gboolean            week)
{
  if (week == self->week_mode)
    return;
  self->week_mode = week;
  if (week)
    {
      GDate first;

      /* The week of today if it is in the month shown, else the month's first week. */
      today (self, &first);
      if ((int) g_date_get_month (&first) != self->month || (int) g_date_get_year (&first) != self->year)
        g_date_set_dmy (&first, 1, self->month, self->year);
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
    scroll_week_to_morning (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

static void
pick_month (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  LineupCalendarView *self = LINEUP_CALENDAR_VIEW (widget);

  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->month_button));
  if (self->week_mode)
    {
      GDate first;

      /* The week view goes to the chosen month's first week. */
      g_date_set_dmy (&first, 1, CLAMP (g_variant_get_int32 (param), 1, 12), self->picker_year);
      set_week_containing (self, &first);
      self->year = self->picker_year;
      self->month = g_date_get_month (&first);
      update_title (self);
      queue_rebuild (self);
      return;
    }
  show_month (self, self->picker_year, g_variant_get_int32 (param));
}

static void
update_picker_year (LineupCalendarView *self)
{
  g_autofree char *year = g_strdup_printf ("%d", self->picker_year);
  gtk_label_set_label (GTK_LABEL (self->picker_year_label), year);
}

static void
picker_year_step (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  LineupCalendarView *self = LINEUP_CALENDAR_VIEW (widget);

  self->picker_year = CLAMP (self->picker_year + g_variant_get_int32 (param), 1900, 9999);
  update_picker_year (self);
}

static void
on_picker_shown_cb (LineupCalendarView *self)
{
  self->picker_year = self->year;
  update_picker_year (self);
}

static GtkWidget *
build_month_picker (LineupCalendarView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *year_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *prev = gtk_button_new_from_icon_name ("go-previous-symbolic");
  GtkWidget *next = gtk_button_new_from_icon_name ("go-next-symbolic");
  GtkWidget *popover = gtk_popover_new ();

  gtk_actionable_set_action_name (GTK_ACTIONABLE (prev), "calendar.picker-year");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (prev), "i", -1);
  gtk_widget_set_tooltip_text (prev, _("Previous Year"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (prev), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Previous year"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (next), "calendar.picker-year");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (next), "i", 1);
  gtk_widget_set_tooltip_text (next, _("Next Year"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (next), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Next year"), -1);
  self->picker_year_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->picker_year_label, "heading");
  gtk_widget_set_hexpand (self->picker_year_label, TRUE);
  gtk_box_append (GTK_BOX (year_row), prev);
  gtk_box_append (GTK_BOX (year_row), self->picker_year_label);
  gtk_box_append (GTK_BOX (year_row), next);

  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 4);
  for (int m = 1; m <= 12; m++)
    {
      GDate d;
      char name[32];
      GtkWidget *button;

      g_date_clear (&d, 1);
      g_date_set_dmy (&d, 1, m, 2000);
      g_date_strftime (name, sizeof name, "%Ob", &d);
      button = gtk_button_new_with_label (name);
      gtk_widget_add_css_class (button, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "calendar.pick-month");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "i", m);
      gtk_grid_attach (GTK_GRID (grid), button, (m - 1) % 4, (m - 1) / 4, 1, 1);
    }

  gtk_box_append (GTK_BOX (box), year_row);
  gtk_box_append (GTK_BOX (box), grid);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  g_signal_connect_object (popover, "show", G_CALLBACK (on_picker_shown_cb), self, G_CONNECT_SWAPPED);
  return popover;
}

/* A button showing @mnemonic and named @name. GTK 4.8 names a button from
 * its label property and its child together ("_Week Week"), so the text is
 * a child label and the name is set once. */
static GtkWidget *
text_button (GtkWidget  *button,
             const char *mnemonic,
             const char *name)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_button_set_child (GTK_BUTTON (button), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return button;
}

static GtkWidget *
icon_button (const char *icon,
             const char *action,
             const char *tooltip,
             const char *name)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return button;
}

static GtkWidget *
build_header (LineupCalendarView *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *nav = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *today_button = text_button (gtk_button_new (), _("_Today"), _("Today"));
  GtkWidget *spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *backlog_toggle = gtk_toggle_button_new ();
  GtkWidget *toggle_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_widget_add_css_class (bar, "calendar-header");
  gtk_widget_add_css_class (nav, "linked");
  self->previous_button = icon_button ("go-previous-symbolic", "calendar.previous",
                                       _("Previous Month (Page Up)"), _("Previous month"));
  gtk_box_append (GTK_BOX (nav), self->previous_button);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (today_button), "calendar.today");
  gtk_box_append (GTK_BOX (nav), today_button);
  self->next_button = icon_button ("go-next-symbolic", "calendar.next",
                                   _("Next Month (Page Down)"), _("Next month"));
  gtk_box_append (GTK_BOX (nav), self->next_button);

  self->month_button = gtk_menu_button_new ();
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->month_button), build_month_picker (self));
  gtk_widget_add_css_class (self->month_button, "flat");
  gtk_widget_add_css_class (self->month_button, "month-title");
  gtk_widget_set_tooltip_text (self->month_button, _("Choose a Month"));

  gtk_widget_set_hexpand (spacer, TRUE);

  self->backlog_count = gtk_label_new ("0");
  gtk_widget_add_css_class (self->backlog_count, "backlog-count");
  gtk_box_append (GTK_BOX (toggle_box), gtk_label_new_with_mnemonic (_("_Backlog")));
  gtk_box_append (GTK_BOX (toggle_box), self->backlog_count);
  gtk_button_set_child (GTK_BUTTON (backlog_toggle), toggle_box);
  gtk_widget_set_tooltip_text (backlog_toggle, _("Show or hide the undated ideas"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (backlog_toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Backlog"), -1);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (backlog_toggle), TRUE);
  g_object_bind_property (backlog_toggle, "active", self->backlog_revealer, "reveal-child",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  {
    GtkWidget *modes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
    GtkWidget *month = text_button (gtk_toggle_button_new (), _("_Month"), _("Month"));
    GtkWidget *week = text_button (gtk_toggle_button_new (), _("_Week"), _("Week"));

    gtk_widget_add_css_class (modes, "linked");
    gtk_actionable_set_action_name (GTK_ACTIONABLE (month), "calendar.mode");
    gtk_actionable_set_action_target (GTK_ACTIONABLE (month), "s", "month");
    gtk_actionable_set_action_name (GTK_ACTIONABLE (week), "calendar.mode");
    gtk_actionable_set_action_target (GTK_ACTIONABLE (week), "s", "week");
    gtk_widget_set_tooltip_text (month, _("The month at a glance"));
    gtk_widget_set_tooltip_text (week, _("A week by the hour: drop a post at a time"));
    gtk_box_append (GTK_BOX (modes), month);
    gtk_box_append (GTK_BOX (modes), week);
    gtk_box_append (GTK_BOX (bar), modes);
  }
  gtk_box_append (GTK_BOX (bar), nav);
  gtk_box_append (GTK_BOX (bar), self->month_button);
  gtk_box_append (GTK_BOX (bar), spacer);
  gtk_box_append (GTK_BOX (bar), backlog_toggle);
  return bar;
}

static GtkWidget *
build_backlog (LineupCalendarView *self)
{
  GtkWidget *panel = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (_("Backlog"));
  GtkWidget *hint = gtk_label_new (_("Ideas without a date. Drag one onto a day to plan it, or a card here to unplan it."));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkDropTarget *drop;

  gtk_widget_add_css_class (panel, "backlog");
  gtk_widget_set_size_request (panel, 240, -1);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (hint), 28);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_add_css_class (hint, "caption");

  {
    GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

    g_signal_connect (factory, "setup", G_CALLBACK (setup_backlog_card_cb), self);
    g_signal_connect (factory, "bind", G_CALLBACK (bind_backlog_card_cb), self);
    self->backlog_list = gtk_list_view_new (NULL, factory);
  }
  gtk_widget_add_css_class (self->backlog_list, "backlog-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->backlog_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Backlog"), -1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->backlog_list);
  gtk_widget_set_vexpand (scroller, TRUE);

  self->mix_title = gtk_label_new (_("This Month’s Mix"));
  gtk_widget_add_css_class (self->mix_title, "heading");
  gtk_label_set_xalign (GTK_LABEL (self->mix_title), 0);
  self->mix_meter = lineup_mix_meter_new (TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->mix_meter), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Content mix"), -1);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->mix_meter), 12);
  gtk_box_append (GTK_BOX (panel), self->mix_title);
  gtk_box_append (GTK_BOX (panel), GTK_WIDGET (self->mix_meter));
  gtk_box_append (GTK_BOX (panel), title);
  gtk_box_append (GTK_BOX (panel), hint);
  gtk_box_append (GTK_BOX (panel), scroller);

  drop = gtk_drop_target_new (LINEUP_TYPE_POST, GDK_ACTION_MOVE);
  g_signal_connect (drop, "drop", G_CALLBACK (on_backlog_drop_cb), self);
  gtk_widget_add_controller (panel, GTK_EVENT_CONTROLLER (drop));

  self->backlog_revealer = gtk_revealer_new ();
  gtk_revealer_set_transition_type (GTK_REVEALER (self->backlog_revealer), GTK_REVEALER_TRANSITION_TYPE_SLIDE_LEFT);
  gtk_revealer_set_child (GTK_REVEALER (self->backlog_revealer), panel);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->backlog_revealer), TRUE);
  return self->backlog_revealer;
}

static GtkWidget *
build_grid (LineupCalendarView *self)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_row_homogeneous (GTK_GRID (grid), FALSE);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  gtk_widget_add_css_class (grid, "month-grid");
  gtk_widget_set_vexpand (grid, TRUE);

  for (int c = 0; c < 7; c++)
    {
      self->weekday_labels[c] = gtk_label_new (NULL);
      gtk_widget_add_css_class (self->weekday_labels[c], "weekday");
      gtk_grid_attach (GTK_GRID (grid), self->weekday_labels[c], c, 0, 1, 1);
    }
  update_weekday_labels (self);

  for (int i = 0; i < LINEUP_GRID_DAYS; i++)
    {
      self->cells[i] = lineup_day_cell_new ();
      g_signal_connect_object (self->cells[i], "card-created", G_CALLBACK (on_card_created_cb), self, 0);
      g_signal_connect_object (self->cells[i], "post-dropped", G_CALLBACK (on_post_dropped_cb), self, 0);
      g_signal_connect_object (self->cells[i], "post-hover", G_CALLBACK (on_post_hover_cb), self, 0);
      g_signal_connect_object (self->cells[i], "new-post", G_CALLBACK (on_new_post_cb), self, 0);
      gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->cells[i]), i % 7, 2 + 2 * (i / 7), 1, 1);
    }
  for (int w = 0; w < LINEUP_GRID_DAYS / 7; w++)
    {
      self->band_grids[w] = gtk_grid_new ();
      gtk_grid_set_column_homogeneous (GTK_GRID (self->band_grids[w]), TRUE);
      gtk_grid_set_row_spacing (GTK_GRID (self->band_grids[w]), 1);
      gtk_widget_add_css_class (self->band_grids[w], "campaign-bands");
      gtk_grid_attach (GTK_GRID (grid), self->band_grids[w], 0, 1 + 2 * w, 7, 1);
    }
  return grid;
}

#define HOUR_COLUMN_WIDTH 56

static GtkWidget *
build_week_grid (LineupCalendarView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *top = gtk_grid_new ();
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *corner = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  /* Day names and campaign bands stay in view while the hours scroll. */
  gtk_grid_set_column_homogeneous (GTK_GRID (top), FALSE);
  gtk_widget_set_size_request (corner, HOUR_COLUMN_WIDTH, -1);
  gtk_grid_attach (GTK_GRID (top), corner, 0, 0, 1, 1);
  for (int d = 0; d < 7; d++)
    {
      self->week_headers[d] = gtk_label_new (NULL);
      gtk_widget_add_css_class (self->week_headers[d], "weekday");
      gtk_label_set_ellipsize (GTK_LABEL (self->week_headers[d]), PANGO_ELLIPSIZE_END);
      gtk_label_set_justify (GTK_LABEL (self->week_headers[d]), GTK_JUSTIFY_CENTER);
      gtk_widget_set_hexpand (self->week_headers[d], TRUE);
      gtk_widget_set_size_request (self->week_headers[d], 110, -1);
      gtk_grid_attach (GTK_GRID (top), self->week_headers[d], 1 + d, 0, 1, 1);
    }
  self->week_bands = gtk_grid_new ();
  gtk_grid_set_column_homogeneous (GTK_GRID (self->week_bands), TRUE);
  gtk_grid_set_row_spacing (GTK_GRID (self->week_bands), 1);
  gtk_widget_add_css_class (self->week_bands, "campaign-bands");
  gtk_grid_attach (GTK_GRID (top), self->week_bands, 1, 1, 7, 1);
  gtk_widget_add_css_class (top, "week-grid");

  gtk_grid_set_column_homogeneous (GTK_GRID (grid), FALSE);
  gtk_widget_add_css_class (grid, "week-grid");
  for (int h = 0; h < 24; h++)
    {
      g_autofree char *text = g_strdup_printf ("%02d:00", h);
      GtkWidget *label = gtk_label_new (text);

      gtk_widget_add_css_class (label, "hour-label");
      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_set_valign (label, GTK_ALIGN_START);
      gtk_widget_set_size_request (label, HOUR_COLUMN_WIDTH, -1);
      gtk_grid_attach (GTK_GRID (grid), label, 0, h, 1, 1);
      for (int d = 0; d < 7; d++)
        {
          LineupDayCell *cell = lineup_day_cell_new ();

          lineup_day_cell_set_hour (cell, h);
          gtk_widget_set_vexpand (GTK_WIDGET (cell), FALSE);
          /* Every day column asks the same width, so they share it evenly. */
          gtk_widget_set_size_request (GTK_WIDGET (cell), 110, -1);
          g_signal_connect_object (cell, "card-created", G_CALLBACK (on_card_created_cb), self, 0);
          g_signal_connect_object (cell, "post-dropped", G_CALLBACK (on_post_dropped_cb), self, 0);
          g_signal_connect_object (cell, "post-hover", G_CALLBACK (on_post_hover_cb), self, 0);
          g_signal_connect_object (cell, "new-post", G_CALLBACK (on_new_post_cb), self, 0);
          gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (cell), 1 + d, h, 1, 1);
          self->week_cells[d * 24 + h] = cell;
        }
    }

  self->week_scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->week_scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->week_scroller), grid);
  gtk_widget_set_vexpand (self->week_scroller, TRUE);
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), self->week_scroller);
  return box;
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
  g_clear_object (&self->backlog);
  g_clear_object (&self->posts);
  g_clear_object (&self->mix);
  g_clear_pointer (&self->overlay_events, g_ptr_array_unref);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->focus_post_id, g_free);

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

  signals[OPEN_POST] =
    g_signal_new ("open-post", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, LINEUP_TYPE_POST);
  signals[POST_DELETED] =
    g_signal_new ("post-deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* new-post (const GDate *day, int minutes): start a post on that day. */
  signals[NEW_POST] =
    g_signal_new ("new-post", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_INT);
  signals[TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "calendar.previous", NULL, go_previous);
  gtk_widget_class_install_action (widget_class, "calendar.next", NULL, go_next);
  gtk_widget_class_install_action (widget_class, "calendar.today", NULL, go_today);
  gtk_widget_class_install_action (widget_class, "calendar.pick-month", "i", pick_month);
  gtk_widget_class_install_action (widget_class, "calendar.picker-year", "i", picker_year_step);
  gtk_widget_class_install_property_action (widget_class, "calendar.mode", "mode");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "calendar.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "calendar.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_CONTROL_MASK, "calendar.today", NULL);
  gtk_widget_class_set_css_name (widget_class, "calendarview");
}

static void
lineup_calendar_view_init (LineupCalendarView *self)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *main = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

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

  build_backlog (self);
  gtk_box_append (GTK_BOX (main), build_header (self));
  self->grids_stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->grids_stack), build_grid (self), "month");
  gtk_stack_add_named (GTK_STACK (self->grids_stack), build_week_grid (self), "week");
  gtk_widget_set_vexpand (self->grids_stack, TRUE);
  gtk_box_append (GTK_BOX (main), self->grids_stack);
  gtk_widget_set_hexpand (main, TRUE);
  gtk_box_append (GTK_BOX (outer), main);
  gtk_box_append (GTK_BOX (outer), self->backlog_revealer);
  adw_bin_set_child (ADW_BIN (self), outer);
}

void
lineup_calendar_view_set_store (LineupCalendarView *self,
                                LineupStore        *store)
{
  GtkCustomFilter *filter;
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

  self->mix = lineup_mix_new (store);
  g_signal_connect_object (self->mix, "changed", G_CALLBACK (on_mix_changed_cb), self, G_CONNECT_SWAPPED);
  update_mix_range (self);

  /* The backlog reads the undated posts alone, not the whole plan. */
  self->posts = lineup_post_model_new_undated (store);
  filter = gtk_custom_filter_new (is_undated, self, NULL);
  self->backlog_filter = GTK_FILTER (filter);
  self->backlog = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->posts)), GTK_FILTER (filter));
  gtk_list_view_set_model (GTK_LIST_VIEW (self->backlog_list),
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->backlog)))));
  g_signal_connect_object (self->backlog, "items-changed", G_CALLBACK (update_backlog_count), self, G_CONNECT_SWAPPED);
  update_backlog_count (self);

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
