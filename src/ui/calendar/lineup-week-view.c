/* lineup-week-view.c: the week grid: a header row of day names (with other
 * calendars' events) and campaign bands, then 24 rows of hour cells in a
 * scroller. Not the calendar's header, backlog, nor what a drop does
 * (lineup-calendar-view.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lineup-calendar-bands.h"
#include "lineup-week-view.h"

#define HOUR_COLUMN_WIDTH 56

struct _LineupWeekView
{
  GtkBox parent_instance;

  LineupDayCell *cells[LINEUP_WEEK_VIEW_CELLS];
  GtkWidget *headers[7];
  GtkWidget *bands;
  GtkWidget *scroller;
};

G_DEFINE_FINAL_TYPE (LineupWeekView, lineup_week_view, GTK_TYPE_BOX)

static void
lineup_week_view_class_init (LineupWeekViewClass *klass)
{
}

static void
lineup_week_view_init (LineupWeekView *self)
{
  GtkWidget *box = GTK_WIDGET (self);
  GtkWidget *top = gtk_grid_new ();
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *corner = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (box), GTK_ORIENTATION_VERTICAL);
  /* Day names and campaign bands stay in view while the hours scroll. */
  gtk_grid_set_column_homogeneous (GTK_GRID (top), FALSE);
  gtk_widget_set_size_request (corner, HOUR_COLUMN_WIDTH, -1);
  gtk_grid_attach (GTK_GRID (top), corner, 0, 0, 1, 1);
  for (int d = 0; d < 7; d++)
    {
      self->headers[d] = gtk_label_new (NULL);
      gtk_widget_add_css_class (self->headers[d], "weekday");
      gtk_label_set_ellipsize (GTK_LABEL (self->headers[d]), PANGO_ELLIPSIZE_END);
      gtk_label_set_justify (GTK_LABEL (self->headers[d]), GTK_JUSTIFY_CENTER);
      gtk_widget_set_hexpand (self->headers[d], TRUE);
      gtk_widget_set_size_request (self->headers[d], 110, -1);
      gtk_grid_attach (GTK_GRID (top), self->headers[d], 1 + d, 0, 1, 1);
    }
  self->bands = lineup_calendar_bands_new ();
  gtk_grid_attach (GTK_GRID (top), self->bands, 1, 1, 7, 1);
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
          gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (cell), 1 + d, h, 1, 1);
          self->cells[d * 24 + h] = cell;
        }
    }

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), grid);
  gtk_widget_set_vexpand (self->scroller, TRUE);
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), self->scroller);
}

LineupWeekView *
lineup_week_view_new (void)
{
  return g_object_new (LINEUP_TYPE_WEEK_VIEW, NULL);
}

LineupDayCell **
lineup_week_view_get_cells (LineupWeekView *self)
{
  g_return_val_if_fail (LINEUP_IS_WEEK_VIEW (self), NULL);

  return self->cells;
}

void
lineup_week_view_update (LineupWeekView *self,
                         LineupStore    *store,
                         GPtrArray      *posts,
                         GPtrArray      *overlay_events,
                         const GDate    *first,
                         const GDate    *now,
                         gboolean        force)
{
  GDate day;
  guint index = 0;

  g_return_if_fail (LINEUP_IS_WEEK_VIEW (self));

  lineup_calendar_bands_fill (self->bands, store, first);

  /* Cells in (day, hour) order are in time order, like the posts. */
  day = *first;
  for (guint d = 0; d < 7; d++)
    {
      g_autoptr(GString) markup = g_string_new (NULL);
      g_autoptr(GString) plain = g_string_new (NULL);
      char text[64];

      g_date_strftime (text, sizeof text, "%a %-d", &day);
      g_string_append (markup, text);
      /* Other calendars' events under the day's name. */
      for (guint o = 0; o < overlay_events->len; o++)
        {
          LineupOverlayEvent *event = g_ptr_array_index (overlay_events, o);
          g_autofree char *summary = NULL;

          if (g_date_compare (&event->date, &day) != 0)
            continue;
          summary = g_markup_escape_text (event->summary, -1);
          g_string_append_printf (markup, "\n<small><span foreground=\"%s\">●</span> %s</small>", event->color, summary);
          g_string_append_printf (plain, "%s%s (%s)", plain->len ? "; " : "", event->summary, event->overlay);
        }
      /* Set only what changed: a label lays itself out again, a tooltip
       * asks the display where the pointer is. */
      if (g_strcmp0 (gtk_label_get_label (GTK_LABEL (self->headers[d])), markup->str) != 0)
        gtk_label_set_markup (GTK_LABEL (self->headers[d]), markup->str);
      if (g_strcmp0 (gtk_widget_get_tooltip_text (self->headers[d]), plain->len ? plain->str : NULL) != 0)
        {
          gtk_widget_set_tooltip_text (self->headers[d], plain->len ? plain->str : NULL);
          gtk_accessible_update_property (GTK_ACCESSIBLE (self->headers[d]), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                          plain->len ? plain->str : NULL, -1);
        }
      if (g_date_compare (&day, now) == 0)
        gtk_widget_add_css_class (self->headers[d], "today");
      else
        gtk_widget_remove_css_class (self->headers[d], "today");

      for (guint h = 0; h < 24; h++)
        {
          LineupDayCell *cell = self->cells[d * 24 + h];
          guint start = index;
          gint64 boundary;

          if (h < 23)
            boundary = lineup_store_local_to_utc (store, &day, (h + 1) * 60);
          else
            {
              GDate next = day;
              g_date_add_days (&next, 1);
              boundary = lineup_store_local_to_utc (store, &next, 0);
            }
          while (index < posts->len && lineup_post_get_scheduled_at (posts->pdata[index]) < boundary)
            index++;
          lineup_day_cell_set_date (cell, &day, TRUE, g_date_compare (&day, now) == 0);
          lineup_day_cell_set_posts (cell, store, posts, start, index, force);
        }
      g_date_add_days (&day, 1);
    }
}

static gboolean
scroll_to_morning_tick (GtkWidget     *widget,
                        GdkFrameClock *clock,
                        gpointer       data)
{
  LineupWeekView *self = LINEUP_WEEK_VIEW (widget);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));

  /* Wait for the first layout of the week, then start it at 07:00, where
   * most posts go out. */
  if (gtk_adjustment_get_upper (adjustment) <= gtk_adjustment_get_page_size (adjustment))
    return G_SOURCE_CONTINUE;
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) * 7 / 24);
  return G_SOURCE_REMOVE;
}

void
lineup_week_view_scroll_to_morning (LineupWeekView *self)
{
  g_return_if_fail (LINEUP_IS_WEEK_VIEW (self));

  gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_to_morning_tick, NULL, NULL);
}
