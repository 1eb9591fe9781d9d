/* lineup-mix-meter.c: the bars (LineupMixBar, drawn here) and the meter
 * that stacks them, with the line under them saying what is counted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-mix-meter.h"
#include "lineup-snapshot.h"

/* ---- one bar ---- */

#define LINEUP_TYPE_MIX_BAR (lineup_mix_bar_get_type ())
G_DECLARE_FINAL_TYPE (LineupMixBar, lineup_mix_bar, LINEUP, MIX_BAR, GtkWidget)

struct _LineupMixBar
{
  GtkWidget parent_instance;

  gboolean compact;
  double share, min, max;
  LineupMixState state;
  PangoLayout *name;
  PangoLayout *value;
  char *text;              /* the tooltip and the accessible description */
};

G_DEFINE_FINAL_TYPE (LineupMixBar, lineup_mix_bar, GTK_TYPE_WIDGET)

#define NAME_WIDTH_COMPACT 92
#define NAME_WIDTH 130
#define VALUE_WIDTH 44

static int
name_width (LineupMixBar *self)
{
  return self->compact ? NAME_WIDTH_COMPACT : NAME_WIDTH;
}

static void
lineup_mix_bar_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  LineupMixBar *self = LINEUP_MIX_BAR (widget);
  int h;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = name_width (self) + VALUE_WIDTH + 60;
      /* Compact, in the calendar's sidebar: no wider than the sidebar's
       * own width, so the sidebar (and the month beside it) keeps its
       * width when the mix fills in after the first frame. */
      *natural = name_width (self) + VALUE_WIDTH + (self->compact ? 60 : 320);
      return;
    }
  pango_layout_get_pixel_size (self->name, NULL, &h);
  *minimum = *natural = MAX (h, self->compact ? 10 : 16) + (self->compact ? 2 : 6);
}

static void
lineup_mix_bar_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  LineupMixBar *self = LINEUP_MIX_BAR (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int track_x = name_width (self);
  int track_w = MAX (width - track_x - VALUE_WIDTH - 8, 10);
  float bar_h = self->compact ? 6 : 10;
  float bar_y = (height - bar_h) / 2;
  GdkRGBA fg, track, band, fill;
  const char *state_color;
  int th, tw;

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (context, &fg);
  state_color = self->state == LINEUP_MIX_OVER ? "error_color"
              : self->state == LINEUP_MIX_UNDER ? "warning_color"
              : self->state == LINEUP_MIX_WITHIN ? "success_color" : "accent_color";
  if (!gtk_style_context_lookup_color (context, state_color, &fill))
    fill = fg;
  if (!gtk_style_context_lookup_color (context, "accent_color", &band))
    band = fg;
G_GNUC_END_IGNORE_DEPRECATIONS
  track = fg;
  track.alpha = 0.1;
  band.alpha = 0.35;

  /* Name on the left, share on the right. */
  pango_layout_get_pixel_size (self->name, NULL, &th);
  pango_layout_set_width (self->name, (track_x - 8) * PANGO_SCALE);
  lineup_snapshot_layout (snapshot, self->name, 0, (height - th) / 2.0f, &fg);

  lineup_snapshot_rounded (snapshot, &track, &GRAPHENE_RECT_INIT (track_x, bar_y, track_w, bar_h), bar_h / 2);
  /* The target band: a lighter stretch under the bar, marked at both ends. */
  if (self->max >= 0 || self->min >= 0)
    {
      double lo = MAX (self->min, 0), hi = self->max >= 0 ? self->max : 100;
      float x0 = track_x + track_w * lo / 100.0, x1 = track_x + track_w * hi / 100.0;
      GdkRGBA mark = band;

      gtk_snapshot_append_color (snapshot, &band, &GRAPHENE_RECT_INIT (x0, bar_y - 2, MAX (x1 - x0, 2), bar_h + 4));
      mark.alpha = 0.9;
      gtk_snapshot_append_color (snapshot, &mark, &GRAPHENE_RECT_INIT (x0 - 1, bar_y - 3, 2, bar_h + 6));
      gtk_snapshot_append_color (snapshot, &mark, &GRAPHENE_RECT_INIT (x1 - 1, bar_y - 3, 2, bar_h + 6));
    }
  lineup_snapshot_rounded (snapshot, &fill, &GRAPHENE_RECT_INIT (track_x, bar_y, track_w * CLAMP (self->share, 0, 100) / 100.0, bar_h), bar_h / 2);

  pango_layout_get_pixel_size (self->value, &tw, &th);
  lineup_snapshot_layout (snapshot, self->value, width - tw, (height - th) / 2.0f, &fg);
}

static void
lineup_mix_bar_dispose (GObject *object)
{
  LineupMixBar *self = LINEUP_MIX_BAR (object);

  g_clear_object (&self->name);
  g_clear_object (&self->value);
  g_clear_pointer (&self->text, g_free);
  G_OBJECT_CLASS (lineup_mix_bar_parent_class)->dispose (object);
}

/* The tooltip is read when the pointer rests on the bar: setting one on
 * every change would ask the display where the pointer is each time. */
static gboolean
lineup_mix_bar_query_tooltip (GtkWidget  *widget,
                              int         x,
                              int         y,
                              gboolean    keyboard,
                              GtkTooltip *tooltip)
{
  LineupMixBar *self = LINEUP_MIX_BAR (widget);

  if (self->text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, self->text);
  return TRUE;
}

static void
lineup_mix_bar_class_init (LineupMixBarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = lineup_mix_bar_dispose;
  widget_class->measure = lineup_mix_bar_measure;
  widget_class->snapshot = lineup_mix_bar_snapshot;
  widget_class->query_tooltip = lineup_mix_bar_query_tooltip;
  gtk_widget_class_set_css_name (widget_class, "mixbar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_METER);
}

static void
lineup_mix_bar_init (LineupMixBar *self)
{
  self->name = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  pango_layout_set_ellipsize (self->name, PANGO_ELLIPSIZE_END);
  self->value = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  self->min = self->max = -1;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

static void
lineup_mix_bar_set (LineupMixBar *self,
                    LineupMixRow *row)
{
  g_autofree char *value = g_strdup_printf ("%.0f %%", row->share);
  g_autofree char *target = row->min >= 0 || row->max >= 0
    ? g_strdup_printf (_("target %.0f–%.0f %%"), MAX (row->min, 0), row->max >= 0 ? row->max : 100)
    : g_strdup (_("no target"));
  const char *state = row->state == LINEUP_MIX_UNDER ? _("under")
                    : row->state == LINEUP_MIX_OVER ? _("over")
                    : row->state == LINEUP_MIX_WITHIN ? _("within") : "";
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%.0f %%, %u post, %s%s%s",
                                                        "%.0f %%, %u posts, %s%s%s", row->count),
                                           row->share, row->count, target, *state ? ", " : "", state);

  /* A month's rows are mostly as they were: change only what differs. */
  if (g_strcmp0 (pango_layout_get_text (self->name), row->name) != 0)
    {
      pango_layout_set_text (self->name, row->name, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, row->name, -1);
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
  if (g_strcmp0 (self->text, text) != 0 || self->share != row->share)
    {
      g_free (self->text);
      self->text = g_steal_pointer (&text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->text,
                                      GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                      GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, 100.0,
                                      GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, row->share,
                                      GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, self->text,
                                      -1);
    }
  if (g_strcmp0 (pango_layout_get_text (self->value), value) != 0 || self->share != row->share ||
      self->min != row->min || self->max != row->max || self->state != row->state)
    {
      self->share = row->share;
      self->min = row->min;
      self->max = row->max;
      self->state = row->state;
      pango_layout_set_text (self->value, value, -1);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

/* ---- the meter ---- */

struct _LineupMixMeter
{
  GtkWidget parent_instance;

  gboolean compact;
  GPtrArray *bars;
  GtkWidget *caption;      /* "20 counted · 7 briefs not counted", after the bars */
};

G_DEFINE_FINAL_TYPE (LineupMixMeter, lineup_mix_meter, GTK_TYPE_WIDGET)

static void
lineup_mix_meter_dispose (GObject *object)
{
  LineupMixMeter *self = LINEUP_MIX_METER (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_pointer (&self->bars, g_ptr_array_unref);
  G_OBJECT_CLASS (lineup_mix_meter_parent_class)->dispose (object);
}

static void
lineup_mix_meter_class_init (LineupMixMeterClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = lineup_mix_meter_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mixmeter");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
lineup_mix_meter_init (LineupMixMeter *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  self->bars = g_ptr_array_new ();
}

LineupMixMeter *
lineup_mix_meter_new (gboolean compact)
{
  LineupMixMeter *self = g_object_new (LINEUP_TYPE_MIX_METER, NULL);

  self->compact = compact;
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), compact ? 2 : 6);
  if (compact)
    gtk_widget_add_css_class (GTK_WIDGET (self), "compact");
  return self;
}

void
lineup_mix_meter_set_rows (LineupMixMeter *self,
                           GPtrArray      *rows)
{
  g_return_if_fail (LINEUP_IS_MIX_METER (self));

  while (self->bars->len < rows->len)
    {
      LineupMixBar *bar = g_object_new (LINEUP_TYPE_MIX_BAR, NULL);

      bar->compact = self->compact;
      gtk_widget_insert_before (GTK_WIDGET (bar), GTK_WIDGET (self), self->caption);
      g_ptr_array_add (self->bars, bar);
    }
  for (guint i = 0; i < self->bars->len; i++)
    {
      LineupMixBar *bar = g_ptr_array_index (self->bars, i);

      gtk_widget_set_visible (GTK_WIDGET (bar), i < rows->len);
      if (i < rows->len)
        lineup_mix_bar_set (bar, g_ptr_array_index (rows, i));
    }
}

static void
ensure_caption (LineupMixMeter *self)
{
  if (self->caption == NULL)
    {
      self->caption = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (self->caption), 0);
      gtk_label_set_wrap (GTK_LABEL (self->caption), TRUE);
      gtk_widget_add_css_class (self->caption, "dim-label");
      gtk_widget_add_css_class (self->caption, "caption");
      gtk_widget_set_margin_top (self->caption, 4);
      gtk_widget_set_parent (self->caption, GTK_WIDGET (self));
    }
}

void
lineup_mix_meter_reserve (LineupMixMeter *self,
                          GListModel     *types)
{
  guint n;

  g_return_if_fail (LINEUP_IS_MIX_METER (self));
  g_return_if_fail (G_IS_LIST_MODEL (types));

  ensure_caption (self);
  n = g_list_model_get_n_items (types);
  for (guint i = self->bars->len; i < n; i++)
    {
      g_autoptr(LineupContentType) type = g_list_model_get_item (types, i);
      LineupMixBar *bar = g_object_new (LINEUP_TYPE_MIX_BAR, NULL);
      const char *name = lineup_content_type_get_name (type);

      bar->compact = self->compact;
      /* The name now, as the report will give it; the share when it comes. */
      pango_layout_set_text (bar->name, name, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_widget_insert_before (GTK_WIDGET (bar), GTK_WIDGET (self), self->caption);
      g_ptr_array_add (self->bars, bar);
    }
}

void
lineup_mix_meter_set_report (LineupMixMeter  *self,
                             LineupMixReport *report)
{
  g_autofree char *counted = NULL;

  g_return_if_fail (LINEUP_IS_MIX_METER (self));
  g_return_if_fail (report != NULL);

  ensure_caption (self);
  lineup_mix_meter_set_rows (self, report->types);
  counted = lineup_mix_report_counted_text (report);
  if (g_strcmp0 (gtk_label_get_label (GTK_LABEL (self->caption)), counted) != 0)
    gtk_label_set_label (GTK_LABEL (self->caption), counted);
}
