/* lineup-best-times-grid.c: the weekday × hour heat grid of best times
 * (lineup-best-times-grid.h), drawn with GtkSnapshot; its caption is a
 * label child under the grid.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "lineup-best-times-grid.h"
#include "lineup-snapshot.h"
#include "lineup-platform.h"
#include "lineup-results-times.h"

#define CELL_HEIGHT 22
#define CELL_MIN_WIDTH 14
#define CELL_NATURAL_WIDTH 28
#define GAP 2
#define CAPTION_SPACING 8

struct _LineupBestTimesGrid
{
  GtkWidget parent_instance;

  LineupStore *store;
  char *platform;               /* NULL: every network */
  LineupResultsTimes *times;
  GtkWidget *caption;           /* the best slots in words */
};

G_DEFINE_FINAL_TYPE (LineupBestTimesGrid, lineup_best_times_grid, GTK_TYPE_WIDGET)

/* "Mon" … "Sun" in the user's language. */
static char *
weekday_name (guint weekday)
{
  LineupResultsBestSlot day = { weekday, 0, 0, 0.0 };
  g_autofree char *described = lineup_results_best_slot_describe (&day);
  char *space = strrchr (described, ' ');

  return g_strndup (described, space ? (gsize) (space - described) : strlen (described));
}

static int
label_column_width (LineupBestTimesGrid *self)
{
  int widest = 0;

  for (guint d = 1; d <= 7; d++)
    {
      g_autofree char *name = weekday_name (d);
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), name);
      int width;

      pango_layout_get_pixel_size (layout, &width, NULL);
      widest = MAX (widest, width);
    }
  return widest + 8;
}

static int
grid_height (void)
{
  /* A row of hours on top, then the seven days. */
  return 8 * (CELL_HEIGHT + GAP);
}

static void
lineup_best_times_grid_measure (GtkWidget      *widget,
                                GtkOrientation  orientation,
                                int             for_size,
                                int            *minimum,
                                int            *natural,
                                int            *minimum_baseline,
                                int            *natural_baseline)
{
  LineupBestTimesGrid *self = LINEUP_BEST_TIMES_GRID (widget);
  int label_width = label_column_width (self);
  int cap_min = 0, cap_nat = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      gtk_widget_measure (self->caption, orientation, -1, &cap_min, &cap_nat, NULL, NULL);
      *minimum = label_width + 24 * (CELL_MIN_WIDTH + GAP);
      *natural = MAX (label_width + 24 * (CELL_NATURAL_WIDTH + GAP), *minimum);
      return;
    }
  gtk_widget_measure (self->caption, orientation, for_size, &cap_min, &cap_nat, NULL, NULL);
  *minimum = grid_height () + CAPTION_SPACING + cap_min;
  *natural = grid_height () + CAPTION_SPACING + cap_nat;
}

static void
lineup_best_times_grid_size_allocate (GtkWidget *widget,
                                      int        width,
                                      int        height,
                                      int        baseline)
{
  LineupBestTimesGrid *self = LINEUP_BEST_TIMES_GRID (widget);
  int top = grid_height () + CAPTION_SPACING;

  gtk_widget_size_allocate (self->caption,
                            &(GtkAllocation) { 0, top, width, MAX (height - top, 0) }, -1);
}

static gboolean
is_best (LineupBestTimesGrid *self,
         guint                weekday,
         guint                hour)
{
  for (guint i = 0; self->times && i < self->times->best->len; i++)
    {
      const LineupResultsBestSlot *slot = &g_array_index (self->times->best, LineupResultsBestSlot, i);

      if (slot->weekday == weekday && slot->hour == hour)
        return TRUE;
    }
  return FALSE;
}

static void
append_text (GtkSnapshot *snapshot,
             GtkWidget   *widget,
             const char  *text,
             float        x,
             float        y,
             const GdkRGBA *color)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);

  lineup_snapshot_layout (snapshot, layout, x, y, color);
}

static void
lineup_best_times_grid_snapshot (GtkWidget   *widget,
                                 GtkSnapshot *snapshot)
{
  LineupBestTimesGrid *self = LINEUP_BEST_TIMES_GRID (widget);
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  int label_width = label_column_width (self);
  float cell_width = MAX ((float) (gtk_widget_get_width (widget) - label_width) / 24.f - GAP, 4.f);
  GdkRGBA fg, accent, dim;

  /* The theme's colours, which change with the dark style. */
  gtk_style_context_get_color (style, &fg);
  if (!gtk_style_context_lookup_color (style, "accent_bg_color", &accent))
    gdk_rgba_parse (&accent, "#3584e4");
  dim = fg;
  dim.alpha *= 0.6f;

  for (guint h = 0; h < 24; h += 3)
    {
      g_autofree char *hour = g_strdup_printf ("%02u", h);

      append_text (snapshot, widget, hour, label_width + h * (cell_width + GAP), 2, &dim);
    }
  for (guint d = 0; d < 7; d++)
    {
      g_autofree char *name = weekday_name (d + 1);
      float y = (d + 1) * (CELL_HEIGHT + GAP);

      append_text (snapshot, widget, name, 0, y + 2, &fg);
      for (guint h = 0; h < 24; h++)
        {
          const LineupResultsTimeCell *cell = self->times ? &self->times->cells[d][h] : NULL;
          graphene_rect_t rect = GRAPHENE_RECT_INIT (label_width + h * (cell_width + GAP), y, cell_width, CELL_HEIGHT);
          GskRoundedRect rounded;
          GdkRGBA fill;

          if (cell == NULL || cell->n_posts == 0)
            {
              fill = fg;
              fill.alpha *= 0.06f;
            }
          else if (isnan (cell->index))
            {
              fill = fg;
              fill.alpha *= 0.2f;
            }
          else
            {
              /* Half strength at the usual, full at twice it. */
              fill = accent;
              fill.alpha = CLAMP ((float) cell->index / 2.f, 0.12f, 1.f);
            }
          lineup_snapshot_rounded (snapshot, &fill, &rect, 3);
          if (is_best (self, d + 1, h))
            {
              const float widths[4] = { 2, 2, 2, 2 };
              const GdkRGBA colors[4] = { fg, fg, fg, fg };

              gsk_rounded_rect_init_from_rect (&rounded, &rect, 3);
              gtk_snapshot_append_border (snapshot, &rounded, widths, colors);
            }
        }
    }
  gtk_widget_snapshot_child (widget, self->caption, snapshot);
}

/* An hour's numbers under the pointer. */
static gboolean
lineup_best_times_grid_query_tooltip (GtkWidget  *widget,
                                      int         x,
                                      int         y,
                                      gboolean    keyboard,
                                      GtkTooltip *tooltip)
{
  LineupBestTimesGrid *self = LINEUP_BEST_TIMES_GRID (widget);
  int label_width = label_column_width (self);
  float cell_width = MAX ((float) (gtk_widget_get_width (widget) - label_width) / 24.f - GAP, 4.f);
  int row = y / (CELL_HEIGHT + GAP), hour = (int) ((x - label_width) / (cell_width + GAP));
  const LineupResultsTimeCell *cell;
  LineupResultsBestSlot slot;
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;

  if (keyboard || self->times == NULL || x < label_width || row < 1 || row > 7 || hour < 0 || hour > 23)
    return FALSE;
  cell = &self->times->cells[row - 1][hour];
  slot = (LineupResultsBestSlot) { row, hour, 0, 0.0 };
  when = lineup_results_best_slot_describe (&slot);
  if (cell->n_posts == 0)
    text = g_strdup_printf (_("%s: no posts"), when);
  else if (isnan (cell->index))
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u post, median engagement %.1f",
                                         "%s: %u posts, median engagement %.1f", cell->n_posts),
                            when, cell->n_posts, cell->median);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u post, median engagement %.1f, %.1f× the usual",
                                         "%s: %u posts, median engagement %.1f, %.1f× the usual", cell->n_posts),
                            when, cell->n_posts, cell->median, cell->index);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
update_caption (LineupBestTimesGrid *self)
{
  const LineupPlatformInfo *info = self->platform ? lineup_platform_lookup (self->platform) : NULL;
  const char *name = info ? info->name : _("all networks");
  g_autofree char *best = NULL;
  g_autofree char *label = g_strdup_printf (_("Best times for %s"), name);

  if (self->times == NULL || self->times->n_posts == 0)
    best = g_strdup_printf (_("No results for %s yet"), name);
  else
    best = lineup_results_times_describe_best (self->times, name);
  gtk_label_set_text (GTK_LABEL (self->caption), best);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, best, -1);
}

void
lineup_best_times_grid_refresh (LineupBestTimesGrid *self)
{
  g_autoptr(GError) error = NULL;
  const char *keys[2] = { NULL, NULL };

  g_return_if_fail (LINEUP_IS_BEST_TIMES_GRID (self));

  g_clear_pointer (&self->times, lineup_results_times_free);
  keys[0] = self->platform;
  if (self->store &&
      (self->times = lineup_results_times (self->store, keys, g_get_real_time () / G_USEC_PER_SEC,
                                           LINEUP_RESULTS_TIMES_BEST, &error)) == NULL)
    g_warning ("Best times: %s", error->message);
  update_caption (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lineup_best_times_grid_set_store (LineupBestTimesGrid *self,
                                  LineupStore         *store)
{
  g_return_if_fail (LINEUP_IS_BEST_TIMES_GRID (self));
  g_return_if_fail (store == NULL || LINEUP_IS_STORE (store));

  g_set_object (&self->store, store);
  lineup_best_times_grid_refresh (self);
}

void
lineup_best_times_grid_set_platform (LineupBestTimesGrid *self,
                                     const char          *platform)
{
  g_return_if_fail (LINEUP_IS_BEST_TIMES_GRID (self));

  g_free (self->platform);
  self->platform = g_strdup (platform);
  lineup_best_times_grid_refresh (self);
}

static void
lineup_best_times_grid_dispose (GObject *object)
{
  LineupBestTimesGrid *self = LINEUP_BEST_TIMES_GRID (object);

  g_clear_pointer (&self->caption, gtk_widget_unparent);
  g_clear_object (&self->store);
  g_clear_pointer (&self->times, lineup_results_times_free);
  g_clear_pointer (&self->platform, g_free);
  G_OBJECT_CLASS (lineup_best_times_grid_parent_class)->dispose (object);
}

static void
lineup_best_times_grid_class_init (LineupBestTimesGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_best_times_grid_dispose;
  widget_class->measure = lineup_best_times_grid_measure;
  widget_class->size_allocate = lineup_best_times_grid_size_allocate;
  widget_class->snapshot = lineup_best_times_grid_snapshot;
  widget_class->query_tooltip = lineup_best_times_grid_query_tooltip;
  gtk_widget_class_set_css_name (widget_class, "best-times-grid");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
lineup_best_times_grid_init (LineupBestTimesGrid *self)
{
  self->caption = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->caption), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->caption), 0);
  gtk_label_set_yalign (GTK_LABEL (self->caption), 0);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_parent (self->caption, GTK_WIDGET (self));
  update_caption (self);
}

GtkWidget *
lineup_best_times_grid_new (void)
{
  return g_object_new (LINEUP_TYPE_BEST_TIMES_GRID, NULL);
}
