/* lineup-results-chart.c: the index bars (lineup-results-chart.h).
 *
 * The chart is a GtkListBox of rows, each a LineupResultsBar that draws
 * its name, its bar, the 1.0 line and its numbers; every bar of a chart
 * shares one scale so that the 1.0 lines make one line down the chart.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lineup-results-chart.h"
#include "lineup-snapshot.h"

#define NAME_WIDTH 150
#define VALUE_WIDTH 190
#define BAR_HEIGHT 14

/* ---- one bar ---- */

#define LINEUP_TYPE_RESULTS_BAR (lineup_results_bar_get_type ())
G_DECLARE_FINAL_TYPE (LineupResultsBar, lineup_results_bar, LINEUP, RESULTS_BAR, GtkWidget)

struct _LineupResultsBar
{
  GtkWidget parent_instance;

  PangoLayout *name;
  PangoLayout *value;
  double index;           /* NAN: no baseline */
  double scale;           /* the index at the bar's right end */
  gboolean enough;
  gboolean axis;          /* no bar: "usual" over the 1.0 line, the scale's end */
};

G_DEFINE_FINAL_TYPE (LineupResultsBar, lineup_results_bar, GTK_TYPE_WIDGET)

static void
lineup_results_bar_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  LineupResultsBar *self = LINEUP_RESULTS_BAR (widget);
  int h = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = NAME_WIDTH + VALUE_WIDTH + 120;
      *natural = NAME_WIDTH + VALUE_WIDTH + 400;
      return;
    }
  pango_layout_get_pixel_size (self->name, NULL, &h);
  *minimum = *natural = self->axis ? h + 2 : MAX (h, BAR_HEIGHT) + 16;
}

static void
lineup_results_bar_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  LineupResultsBar *self = LINEUP_RESULTS_BAR (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int track_x = NAME_WIDTH;
  int track_w = MAX (width - NAME_WIDTH - VALUE_WIDTH - 12, 20);
  float bar_y = (height - BAR_HEIGHT) / 2.0f;
  float usual_x = track_x + track_w * (1.0 / self->scale);
  GdkRGBA fg, fill, line, track;
  int tw, th;

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (context, &fg);
  if (!gtk_style_context_lookup_color (context,
                                       !self->enough ? "borders"
                                       : !isnan (self->index) && self->index >= 1.0 ? "success_color"
                                       : "warning_color", &fill))
    fill = fg;
G_GNUC_END_IGNORE_DEPRECATIONS
  if (!self->enough)
    {
      fill = fg;
      fill.alpha = 0.3;
    }
  track = fg;
  track.alpha = 0.08;
  line = fg;
  line.alpha = 0.75;

  if (self->axis)
    {
      g_autofree char *end = g_strdup_printf ("×%.1f", self->scale);
      GdkRGBA dim = fg;

      dim.alpha = 0.7;
      pango_layout_set_text (self->value, end, -1);
      pango_layout_get_pixel_size (self->name, &tw, &th);
      lineup_snapshot_layout (snapshot, self->name, usual_x - tw / 2.0f, height - th, &dim);
      pango_layout_get_pixel_size (self->value, &tw, &th);
      lineup_snapshot_layout (snapshot, self->value, track_x + track_w - tw / 2.0f, height - th, &dim);
      return;
    }
  pango_layout_set_width (self->name, (NAME_WIDTH - 12) * PANGO_SCALE);
  pango_layout_get_pixel_size (self->name, NULL, &th);
  lineup_snapshot_layout (snapshot, self->name, 0, (height - th) / 2.0f, &fg);

  gtk_snapshot_append_color (snapshot, &track, &GRAPHENE_RECT_INIT (track_x, bar_y, track_w, BAR_HEIGHT));
  if (!isnan (self->index) && self->index > 0)
    gtk_snapshot_append_color (snapshot, &fill,
                               &GRAPHENE_RECT_INIT (track_x, bar_y,
                                                    MAX (2.0f, track_w * MIN (self->index / self->scale, 1.0)),
                                                    BAR_HEIGHT));
  /* The usual (1.0), from the row's top to its bottom: the rows' lines meet. */
  gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (usual_x - 1, 0, 2, height));

  pango_layout_get_pixel_size (self->value, &tw, &th);
  lineup_snapshot_layout (snapshot, self->value, width - VALUE_WIDTH, (height - th) / 2.0f, &fg);
}

static void
lineup_results_bar_dispose (GObject *object)
{
  LineupResultsBar *self = LINEUP_RESULTS_BAR (object);

  g_clear_object (&self->name);
  g_clear_object (&self->value);
  G_OBJECT_CLASS (lineup_results_bar_parent_class)->dispose (object);
}

static void
lineup_results_bar_class_init (LineupResultsBarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = lineup_results_bar_dispose;
  widget_class->measure = lineup_results_bar_measure;
  widget_class->snapshot = lineup_results_bar_snapshot;
}

static void
lineup_results_bar_init (LineupResultsBar *self)
{
  self->name = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  pango_layout_set_ellipsize (self->name, PANGO_ELLIPSIZE_END);
  self->value = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  self->scale = 2.0;
  self->index = NAN;
}

/* ---- the chart ---- */

struct _LineupResultsChart
{
  AdwBin parent_instance;

  LineupResultsBar *axis;
  GtkWidget *list;
};

G_DEFINE_FINAL_TYPE (LineupResultsChart, lineup_results_chart, ADW_TYPE_BIN)

static void
lineup_results_chart_class_init (LineupResultsChartClass *klass)
{
}

static void
lineup_results_chart_init (LineupResultsChart *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  PangoAttrList *small = pango_attr_list_new ();

  /* Above the bars, as wide as their rows' insides (the list's border and
   * the bar's margin). What it says, the rows say themselves. */
  self->axis = g_object_new (LINEUP_TYPE_RESULTS_BAR, NULL);
  self->axis->axis = TRUE;
  pango_attr_list_insert (small, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_layout_set_attributes (self->axis->name, small);
  pango_layout_set_attributes (self->axis->value, small);
  pango_attr_list_unref (small);
  /* Translators: over the chart's line at an index of 1.0. */
  pango_layout_set_text (self->axis->name, _("usual ×1.0"), -1);
  gtk_widget_set_margin_start (GTK_WIDGET (self->axis), 13);
  gtk_widget_set_margin_end (GTK_WIDGET (self->axis), 13);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->axis), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->axis));
  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("What Works"), -1);
  gtk_box_append (GTK_BOX (box), self->list);
  adw_bin_set_child (ADW_BIN (self), box);
}

GtkWidget *
lineup_results_chart_new (void)
{
  return g_object_new (LINEUP_TYPE_RESULTS_CHART, NULL);
}

/* The accessible name and the text beside the bar. */
static char *
group_text (const LineupResultGroup *group,
            const char              *name,
            gboolean                 spoken)
{
  g_autofree char *posts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u post", "%u posts", group->n_posts),
                                            group->n_posts);

  if (!group->enough)
    /* Translators: "Poll: too few to tell (2 posts)". */
    return spoken ? g_strdup_printf (_("%s: too few to tell (%s)"), name, posts)
                  : g_strdup_printf (_("too few to tell (%s)"), posts);
  if (isnan (group->index))
    return spoken ? g_strdup_printf (_("%s: median engagement %.1f over %s, no usual to compare with"), name,
                                     group->median, posts)
                  : g_strdup_printf (_("median %.1f, %s"), group->median, posts);
  if (!isnan (group->rate))
    /* Translators: "Proof: index 1.80 over 23 posts, 2.1 % of followers engaging"; beside the bar
     * "×1.80 · 23 posts · 2.1 %". */
    return spoken ? g_strdup_printf (_("%s: index %.2f over %s, %.1f %% of followers engaging"), name, group->index,
                                     posts, 100 * group->rate)
                  : g_strdup_printf (_("×%.2f · %s · %.1f %%"), group->index, posts, 100 * group->rate);
  /* Translators: "Proof: index 1.80 over 23 posts". */
  return spoken ? g_strdup_printf (_("%s: index %.2f over %s"), name, group->index, posts)
                : g_strdup_printf (_("×%.2f · %s"), group->index, posts);
}

void
lineup_results_chart_set_groups (LineupResultsChart *self,
                                 LineupResultsBy     by,
                                 GPtrArray          *groups)
{
  GtkWidget *child;
  double scale = 2.0;

  g_return_if_fail (LINEUP_IS_RESULTS_CHART (self));

  while ((child = gtk_widget_get_first_child (self->list)))
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);
  /* One scale for every bar: at least twice the usual, else the highest
   * index with some room. */
  for (guint i = 0; i < groups->len; i++)
    {
      const LineupResultGroup *group = g_ptr_array_index (groups, i);

      if (group->enough && !isnan (group->index))
        scale = MAX (scale, group->index * 1.1);
    }
  self->axis->scale = scale;
  gtk_widget_queue_draw (GTK_WIDGET (self->axis));
  for (guint i = 0; i < groups->len; i++)
    {
      const LineupResultGroup *group = g_ptr_array_index (groups, i);
      const LineupPlatformInfo *platform = by == LINEUP_RESULTS_BY_PLATFORM ? lineup_platform_lookup (group->group) : NULL;
      const char *name = platform ? platform->name : lineup_results_group_label (by, group->group);
      LineupResultsBar *bar = g_object_new (LINEUP_TYPE_RESULTS_BAR, NULL);
      GtkWidget *row = gtk_list_box_row_new ();
      g_autofree char *value = group_text (group, name, FALSE);
      g_autofree char *spoken = group_text (group, name, TRUE);

      pango_layout_set_text (bar->name, name, -1);
      pango_layout_set_text (bar->value, value, -1);
      bar->index = group->index;
      bar->enough = group->enough;
      bar->scale = scale;
      gtk_widget_set_margin_start (GTK_WIDGET (bar), 12);
      gtk_widget_set_margin_end (GTK_WIDGET (bar), 12);
      gtk_widget_set_tooltip_text (row, spoken);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), GTK_WIDGET (bar));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
      gtk_list_box_append (GTK_LIST_BOX (self->list), row);
    }
}
