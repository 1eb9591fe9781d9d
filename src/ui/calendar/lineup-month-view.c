/* lineup-month-view.c: the month grid: weekday names, 42 day cells and a
 * band grid over each week. Every cell reuses its card widgets. Not the
 * header, the backlog, nor what a drop does (lineup-calendar-view.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lineup-calendar-bands.h"
#include "lineup-month-view.h"

struct _LineupMonthView
{
  GtkGrid parent_instance;

  LineupDayCell *cells[LINEUP_GRID_DAYS];
  GtkWidget *band_grids[LINEUP_GRID_DAYS / 7];   /* campaigns over each week */
  GtkWidget *weekday_labels[7];
};

G_DEFINE_FINAL_TYPE (LineupMonthView, lineup_month_view, GTK_TYPE_GRID)

static void
lineup_month_view_class_init (LineupMonthViewClass *klass)
{
}

static void
lineup_month_view_init (LineupMonthView *self)
{
  GtkWidget *grid = GTK_WIDGET (self);

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
  lineup_month_view_set_week_start (self, 0);

  for (int i = 0; i < LINEUP_GRID_DAYS; i++)
    {
      self->cells[i] = lineup_day_cell_new ();
      gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->cells[i]), i % 7, 2 + 2 * (i / 7), 1, 1);
    }
  for (int w = 0; w < LINEUP_GRID_DAYS / 7; w++)
    {
      self->band_grids[w] = lineup_calendar_bands_new ();
      gtk_grid_attach (GTK_GRID (grid), self->band_grids[w], 0, 1 + 2 * w, 7, 1);
    }
}

LineupMonthView *
lineup_month_view_new (void)
{
  return g_object_new (LINEUP_TYPE_MONTH_VIEW, NULL);
}

void
lineup_month_view_set_week_start (LineupMonthView *self,
                                  int              week_start)
{
  g_return_if_fail (LINEUP_IS_MONTH_VIEW (self));

  for (int c = 0; c < 7; c++)
    {
      GDate d;
      char name[32];

      /* 2000-01-02 was a Sunday. */
      g_date_clear (&d, 1);
      g_date_set_dmy (&d, 2 + (week_start + c) % 7, 1, 2000);
      g_date_strftime (name, sizeof name, "%a", &d);
      gtk_label_set_label (GTK_LABEL (self->weekday_labels[c]), name);
    }
}

/* Before the first layout (a start's first frame): the height a day will
 * get, from the window's default height. Days take the height the rest of
 * the window leaves, shared evenly between the six weeks; 0 if unknown. */
static int
first_layout_day_height (LineupMonthView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  int width = 0, height = 0, window_min = 0, day_min = 0;

  if (!GTK_IS_WINDOW (root) || gtk_widget_get_height (GTK_WIDGET (self)) > 0)
    return 0;
  gtk_window_get_default_size (GTK_WINDOW (root), &width, &height);
  if (width <= 0 || height <= 0 || gtk_window_is_maximized (GTK_WINDOW (root)))
    return 0;
  gtk_widget_measure (GTK_WIDGET (root), GTK_ORIENTATION_VERTICAL, width, &window_min, NULL, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (self->cells[0]), GTK_ORIENTATION_VERTICAL, -1, &day_min, NULL, NULL, NULL);
  return day_min + MAX (0, height - window_min) / (LINEUP_GRID_DAYS / 7);
}

LineupDayCell **
lineup_month_view_get_cells (LineupMonthView *self)
{
  g_return_val_if_fail (LINEUP_IS_MONTH_VIEW (self), NULL);

  return self->cells;
}

void
lineup_month_view_update (LineupMonthView *self,
                          LineupStore     *store,
                          GPtrArray       *posts,
                          GPtrArray       *overlay_events,
                          const GDate     *first,
                          int              month,
                          const GDate     *now,
                          gboolean         force)
{
  GDate day;
  guint index = 0;
  int hint;

  g_return_if_fail (LINEUP_IS_MONTH_VIEW (self));

  for (int w = 0; w < LINEUP_GRID_DAYS / 7; w++)
    {
      GDate week_start = *first;

      g_date_add_days (&week_start, 7 * w);
      lineup_calendar_bands_fill (self->band_grids[w], store, &week_start);
    }

  hint = first_layout_day_height (self);
  day = *first;
  for (guint i = 0, o = 0; i < LINEUP_GRID_DAYS; i++)
    {
      guint start = index, overlay_start;
      gint64 next_day;
      GDate following = day;

      g_date_add_days (&following, 1);
      next_day = lineup_store_local_to_utc (store, &following, 0);
      while (index < posts->len && lineup_post_get_scheduled_at (posts->pdata[index]) < next_day)
        index++;

      lineup_day_cell_set_date (self->cells[i], &day,
                                (int) g_date_get_month (&day) == month,
                                g_date_compare (&day, now) == 0);
      lineup_day_cell_set_height_hint (self->cells[i], hint);
      lineup_day_cell_set_posts (self->cells[i], store, posts, start, index, force);
      while (o < overlay_events->len &&
             g_date_compare (&((LineupOverlayEvent *) overlay_events->pdata[o])->date, &day) < 0)
        o++;
      overlay_start = o;
      while (o < overlay_events->len &&
             g_date_compare (&((LineupOverlayEvent *) overlay_events->pdata[o])->date, &day) == 0)
        o++;
      lineup_day_cell_set_overlays (self->cells[i], overlay_events, overlay_start, o);
      day = following;
    }
}
