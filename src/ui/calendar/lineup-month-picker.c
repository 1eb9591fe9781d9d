/* lineup-month-picker.c: the month picker popover (template
 * lineup-month-picker.ui): steps its year and names the months in the
 * locale. Not what picking a month does (the calendar view's action).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lineup-month-picker.h"

struct _LineupMonthPicker
{
  GtkPopover parent_instance;

  GtkWidget *year_label;
  GtkWidget *months;
  int year;
};

G_DEFINE_FINAL_TYPE (LineupMonthPicker, lineup_month_picker, GTK_TYPE_POPOVER)

static void
step_year (GtkWidget  *widget,
           const char *action_name,
           GVariant   *param)
{
  LineupMonthPicker *self = LINEUP_MONTH_PICKER (widget);

  lineup_month_picker_set_year (self, self->year + g_variant_get_int32 (param));
}

static void
lineup_month_picker_class_init (LineupMonthPickerClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lineup/Lineup/calendar/lineup-month-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupMonthPicker, year_label);
  gtk_widget_class_bind_template_child (widget_class, LineupMonthPicker, months);
  gtk_widget_class_install_action (widget_class, "calendar.picker-year", "i", step_year);
}

static void
lineup_month_picker_init (LineupMonthPicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The months' short names come from the locale, not the template. */
  for (int m = 1; m <= 12; m++)
    {
      GDate d;
      char name[32];
      GtkWidget *button = gtk_button_new ();

      g_date_clear (&d, 1);
      g_date_set_dmy (&d, 1, m, 2000);
      g_date_strftime (name, sizeof name, "%Ob", &d);
      gtk_button_set_label (GTK_BUTTON (button), name);
      gtk_widget_add_css_class (button, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "calendar.pick-month");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "i", m);
      gtk_grid_attach (GTK_GRID (self->months), button, (m - 1) % 4, (m - 1) / 4, 1, 1);
    }
  lineup_month_picker_set_year (self, 2000);
}

void
lineup_month_picker_set_year (LineupMonthPicker *self,
                              int                year)
{
  g_autofree char *label = NULL;

  g_return_if_fail (LINEUP_IS_MONTH_PICKER (self));

  self->year = CLAMP (year, 1900, 9999);
  label = g_strdup_printf ("%d", self->year);
  gtk_label_set_label (GTK_LABEL (self->year_label), label);
}

int
lineup_month_picker_get_year (LineupMonthPicker *self)
{
  g_return_val_if_fail (LINEUP_IS_MONTH_PICKER (self), 0);

  return self->year;
}
