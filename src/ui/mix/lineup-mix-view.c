/* lineup-mix-view.c
 *
 * The counts live in a LineupMix, which follows the store; this view only
 * redraws from its report (once a frame at most) and picks the range. Its
 * months are the calendar's: the window says which month the calendar
 * shows (lineup_mix_view_set_month) and the view names it in its title.
 * Under "What to Change" come the suggestions from results too
 * (lineup-mix-results.h), each with an Apply button: the only way they
 * change a target (one undo step).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-mix-view.h"
#include "lineup-mix-meter.h"
#include "lineup-month-grid.h"
#include "lineup-mix-results.h"

enum {
  RANGE_CALENDAR_MONTH,
  RANGE_MONTH_AFTER,
  RANGE_THIS_WEEK,
  RANGE_CUSTOM,
};

struct _LineupMixView
{
  AdwBin parent_instance;

  LineupStore *store;
  LineupMix *mix;
  guint refresh_id;
  GSettings *settings;          /* the first day of the week, as the calendar's */
  int week_start;               /* 0 = Sunday … 6 = Saturday */
  int year, month;              /* the calendar's month; 0 until the window says */

  GtkWidget *range;
  GtkWidget *custom_box;
  GtkWidget *from_entry;
  GtkWidget *to_entry;
  GtkWidget *title;             /* "January 2027": the range shown */
  GtkWidget *summary;
  GtkWidget *score;
  GtkWidget *pillar_warning;    /* pillar targets that do not add up to 100 % */
  LineupMixMeter *types_meter;
  LineupMixMeter *pillars_meter;
  GtkWidget *suggestions;
  GtkWidget *weeks_grid;
  GtkWidget *cadence_grid;
  GtkWidget *flags;
  GPtrArray *suggestion_data;   /* LineupMixSuggestion copies, by row index */
};

static void on_apply_results_cb (GtkButton     *button,
                                 LineupMixView *self);

static void lineup_mix_view_iface_init (LineupViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LineupMixView, lineup_mix_view, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (LINEUP_TYPE_VIEW, lineup_mix_view_iface_init))

static void on_week_start_changed_cb (LineupMixView *self);

enum {
  SHOW_IN_CALENDAR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
clear_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)))
    {
      if (GTK_IS_LIST_BOX (widget))
        gtk_list_box_remove (GTK_LIST_BOX (widget), child);
      else if (GTK_IS_GRID (widget))
        gtk_grid_remove (GTK_GRID (widget), child);
      else
        gtk_box_remove (GTK_BOX (widget), child);
    }
}

static GtkWidget *
cell (const char *text,
      gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), heading ? 0 : 1);
  gtk_widget_add_css_class (label, "numeric");
  if (heading)
    gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static char *
short_date (const GDate *date)
{
  char text[32];

  g_date_strftime (text, sizeof text, "%-d %b", date);
  return g_strdup (text);
}

/* "January 2027" for a month's range, else "7 December to 13 December 2026". */
static char *
range_title (LineupMixReport *report)
{
  char from[48], to[48];
  GDate last = report->to, after_month = report->from;

  g_date_subtract_days (&last, 1);
  g_date_add_months (&after_month, 1);
  if (g_date_get_day (&report->from) == 1 && g_date_compare (&after_month, &report->to) == 0)
    {
      g_date_strftime (from, sizeof from, "%OB %Y", &report->from);
      return g_strdup (from);
    }
  g_date_strftime (from, sizeof from, "%-d %B", &report->from);
  g_date_strftime (to, sizeof to, "%-d %B %Y", &last);
  return g_strdup_printf (_("%s to %s"), from, to);
}

static void
refresh (LineupMixView *self)
{
  g_autoptr(LineupMixReport) report = NULL;
  g_autofree char *score = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *title = NULL;
  g_autofree char *warning = NULL;
  guint n_suggestions;

  if (self->mix == NULL)
    return;
  report = lineup_mix_get_report (self->mix);
  title = range_title (report);
  gtk_label_set_label (GTK_LABEL (self->title), title);
  summary = lineup_mix_report_counted_text (report);
  gtk_label_set_label (GTK_LABEL (self->summary), summary);
  warning = lineup_mix_pillar_targets_warning (self->store);
  gtk_label_set_label (GTK_LABEL (self->pillar_warning), warning ? warning : "");
  gtk_widget_set_visible (self->pillar_warning, warning != NULL);
  score = g_strdup_printf (_("Balance %.0f/100"), report->score);
  gtk_label_set_label (GTK_LABEL (self->score), score);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->score), GTK_ACCESSIBLE_PROPERTY_LABEL, score, -1);

  lineup_mix_meter_set_rows (self->types_meter, report->types);
  lineup_mix_meter_set_rows (self->pillars_meter, report->pillars);
  n_suggestions = report->suggestions->len;

  /* What to change. */
  clear_children (self->suggestions);
  g_ptr_array_set_size (self->suggestion_data, 0);
  for (guint i = 0; i < report->suggestions->len; i++)
    {
      LineupMixSuggestion *s = g_ptr_array_index (report->suggestions, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *text = g_markup_escape_text (s->text, -1);
      /* The posts not counted that would close the gap, named. */
      g_autofree char *detail = s->detail ? g_markup_escape_text (s->detail, -1) : NULL;

      g_ptr_array_add (self->suggestion_data, lineup_mix_suggestion_copy (s));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      if (detail)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), detail);
      if (s->kind == LINEUP_MIX_ADD_TYPE || s->kind == LINEUP_MIX_REDUCE_TYPE)
        {
          if (detail == NULL)
            adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Show in the calendar"));
          gtk_widget_set_tooltip_text (row, _("Show in the calendar"));
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
        }
      gtk_list_box_append (GTK_LIST_BOX (self->suggestions), row);
    }
  /* From results: a target to move, applied only by its button. */
  {
    g_autoptr(GPtrArray) from_results = lineup_mix_results_suggest (self->store, NULL,
                                                                    g_get_real_time () / G_USEC_PER_SEC, NULL);

    for (guint i = 0; from_results && i < from_results->len; i++)
      {
        LineupMixResultSuggestion *s = g_ptr_array_index (from_results, i);
        GtkWidget *row = adw_action_row_new ();
        GtkWidget *apply = gtk_button_new_with_label (_("Apply"));
        g_autofree char *text = g_markup_escape_text (s->text, -1);

        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), s->of == LINEUP_MIX_RESULTS_PILLAR
                                                          ? _("From results: the pillar’s target changes only when you apply it")
                                                          : _("From results: the type’s target changes only when you apply it"));
        gtk_widget_set_valign (apply, GTK_ALIGN_CENTER);
        gtk_widget_set_tooltip_text (apply, _("Change the target as suggested (Ctrl+Z takes it back)"));
        gtk_accessible_update_property (GTK_ACCESSIBLE (apply), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Apply"),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, s->text, -1);
        g_object_set_data_full (G_OBJECT (apply), "suggestion", lineup_mix_result_suggestion_copy (s),
                                (GDestroyNotify) lineup_mix_result_suggestion_free);
        g_object_set_data (G_OBJECT (apply), "row", row);
        g_signal_connect (apply, "clicked", G_CALLBACK (on_apply_results_cb), self);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), apply);
        /* The row stands for no suggestion of the mix's own. */
        g_ptr_array_add (self->suggestion_data, NULL);
        gtk_list_box_append (GTK_LIST_BOX (self->suggestions), row);
      }
    if (from_results && from_results->len > 0)
      n_suggestions += from_results->len;
  }
  if (n_suggestions == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nothing: every type and pillar is within its target"));
      gtk_list_box_append (GTK_LIST_BOX (self->suggestions), row);
    }

  /* Weeks × types. */
  clear_children (self->weeks_grid);
  gtk_grid_attach (GTK_GRID (self->weeks_grid), cell (_("Week of"), TRUE), 0, 0, 1, 1);
  for (guint t = 0; t < report->types->len; t++)
    gtk_grid_attach (GTK_GRID (self->weeks_grid),
                     cell (((LineupMixRow *) g_ptr_array_index (report->types, t))->name, TRUE), t + 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (self->weeks_grid), cell (_("All"), TRUE), report->types->len + 1, 0, 1, 1);
  for (guint w = 0; w < report->n_weeks; w++)
    {
      /* A week that starts before the range is named by its first day in it. */
      g_autofree char *label = short_date (g_date_compare (&report->weeks[w].start, &report->from) < 0
                                           ? &report->from : &report->weeks[w].start);
      g_autofree char *total = g_strdup_printf ("%u", report->weeks[w].total);

      gtk_grid_attach (GTK_GRID (self->weeks_grid), cell (label, TRUE), 0, w + 1, 1, 1);
      for (guint t = 0; t < report->types->len; t++)
        {
          g_autofree char *count = g_strdup_printf ("%u", report->weeks[w].type_counts[t]);
          gtk_grid_attach (GTK_GRID (self->weeks_grid), cell (count, FALSE), t + 1, w + 1, 1, 1);
        }
      gtk_grid_attach (GTK_GRID (self->weeks_grid), cell (total, FALSE), report->types->len + 1, w + 1, 1, 1);
    }

  /* Cadence per platform. */
  clear_children (self->cadence_grid);
  gtk_grid_attach (GTK_GRID (self->cadence_grid), cell (_("Platform"), TRUE), 0, 0, 1, 1);
  for (guint w = 0; w < report->n_weeks; w++)
    {
      g_autofree char *label = short_date (g_date_compare (&report->weeks[w].start, &report->from) < 0
                                           ? &report->from : &report->weeks[w].start);
      gtk_grid_attach (GTK_GRID (self->cadence_grid), cell (label, TRUE), w + 1, 0, 1, 1);
    }
  gtk_grid_attach (GTK_GRID (self->cadence_grid), cell (_("Target a week"), TRUE), report->n_weeks + 1, 0, 1, 1);
  for (guint c = 0; c < report->cadence->len; c++)
    {
      LineupMixCadence *cadence = g_ptr_array_index (report->cadence, c);
      const LineupPlatformInfo *info = lineup_platform_lookup (cadence->platform);
      g_autofree char *target = g_strdup_printf ("%u–%u", cadence->min, cadence->max);

      gtk_grid_attach (GTK_GRID (self->cadence_grid), cell (info ? info->name : cadence->platform, TRUE), 0, c + 1, 1, 1);
      for (guint w = 0; w < report->n_weeks; w++)
        {
          g_autofree char *count = g_strdup_printf ("%u", cadence->week_counts[w]);
          GtkWidget *label = cell (count, FALSE);

          if (report->weeks[w].whole && (cadence->week_counts[w] < cadence->min || cadence->week_counts[w] > cadence->max))
            gtk_widget_add_css_class (label, "warning");
          gtk_grid_attach (GTK_GRID (self->cadence_grid), label, w + 1, c + 1, 1, 1);
        }
      gtk_grid_attach (GTK_GRID (self->cadence_grid), cell (target, FALSE), report->n_weeks + 1, c + 1, 1, 1);
    }

  clear_children (self->flags);
  for (guint i = 0; i < report->flags->len; i++)
    {
      g_autofree char *text = g_strdup_printf ("• %s", (char *) g_ptr_array_index (report->flags, i));
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_box_append (GTK_BOX (self->flags), label);
    }
}

static gboolean
refresh_idle_cb (gpointer data)
{
  LineupMixView *self = data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (LineupMixView *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle_cb, self);
}

/* GTK 4.8's drop-down takes the keyboard in a button inside it that has no
 * name: a screen reader would say "toggle button" and nothing else. The
 * button gets the drop-down's name, and the choice as its description. */
static void
name_range_button (LineupMixView *self)
{
  GtkWidget *button = gtk_widget_get_first_child (self->range);
  GtkStringObject *chosen = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (self->range));

  if (button == NULL)
    return;
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Range"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  chosen ? gtk_string_object_get_string (chosen) : "",
                                  -1);
}

static void
apply_range (LineupMixView *self)
{
  guint choice = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->range));
  GDate today, from, to;

  if (self->mix == NULL)
    return;
  gtk_widget_set_visible (self->custom_box, choice == RANGE_CUSTOM);
  lineup_store_get_today (self->store, &today);
  from = today;
  /* The months are the calendar's month and the one after it. */
  if (self->year > 0 && (choice == RANGE_CALENDAR_MONTH || choice == RANGE_MONTH_AFTER))
    g_date_set_dmy (&from, 1, self->month, self->year);
  switch (choice)
    {
    case RANGE_MONTH_AFTER:
      g_date_set_day (&from, 1);
      g_date_add_months (&from, 1);
      to = from;
      g_date_add_months (&to, 1);
      break;
    case RANGE_THIS_WEEK:
      g_date_subtract_days (&from, ((int) g_date_get_weekday (&from) % 7 - self->week_start + 7) % 7);
      to = from;
      g_date_add_days (&to, 7);
      break;
    case RANGE_CUSTOM:
      if (!lineup_parse_date (gtk_editable_get_text (GTK_EDITABLE (self->from_entry)), &from) ||
          !lineup_parse_date (gtk_editable_get_text (GTK_EDITABLE (self->to_entry)), &to) ||
          g_date_compare (&from, &to) > 0)
        {
          gtk_widget_add_css_class (self->custom_box, "error");
          gtk_label_set_label (GTK_LABEL (self->summary),
                               _("Write both days as YYYY-MM-DD, the first not after the last"));
          return;
        }
      gtk_widget_remove_css_class (self->custom_box, "error");
      g_date_add_days (&to, 1);
      break;
    case RANGE_CALENDAR_MONTH:
    default:
      g_date_set_day (&from, 1);
      to = from;
      g_date_add_months (&to, 1);
      break;
    }
  lineup_mix_set_range (self->mix, &from, &to);
}

static void
on_suggestion_activated_cb (GtkListBox    *list,
                            GtkListBoxRow *row,
                            LineupMixView *self)
{
  guint i = gtk_list_box_row_get_index (row);
  LineupMixSuggestion *s;
  LineupContentType *type;

  if (i >= self->suggestion_data->len || (s = g_ptr_array_index (self->suggestion_data, i)) == NULL)
    return;
  if (s->kind != LINEUP_MIX_ADD_TYPE && s->kind != LINEUP_MIX_REDUCE_TYPE)
    return;
  type = lineup_store_get_content_type (self->store, s->id);
  if (s->kind == LINEUP_MIX_ADD_TYPE)
    /* The week that has none; the calendar shows it whole. */
    g_signal_emit (self, signals[SHOW_IN_CALENDAR], 0, g_date_valid (&s->week) ? &s->week : NULL, NULL);
  else
    g_signal_emit (self, signals[SHOW_IN_CALENDAR], 0, NULL,
                   type ? lineup_content_type_get_name (type) : NULL);
}

static void
on_apply_results_cb (GtkButton     *button,
                     LineupMixView *self)
{
  const LineupMixResultSuggestion *s = g_object_get_data (G_OBJECT (button), "suggestion");
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "row");
  g_autoptr(GError) error = NULL;

  /* Done: the mix recounts and the suggestion goes (or the next step shows). */
  if (lineup_mix_results_apply (self->store, s, &error))
    return;
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
  gtk_widget_add_css_class (row, "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error->message, -1);
}

static GtkWidget *
section (GtkWidget  *box,
         const char *title,
         GtkWidget  *child)
{
  GtkWidget *label = gtk_label_new (title);

  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 18);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), child);
  gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  return child;
}

static void
lineup_mix_view_dispose (GObject *object)
{
  LineupMixView *self = LINEUP_MIX_VIEW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_object (&self->mix);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->suggestion_data, g_ptr_array_unref);
  G_OBJECT_CLASS (lineup_mix_view_parent_class)->dispose (object);
}

static void
lineup_mix_view_class_init (LineupMixViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lineup_mix_view_dispose;

  signals[SHOW_IN_CALENDAR] =
    g_signal_new ("show-in-calendar", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_STRING);
}

static void
lineup_mix_view_init (LineupMixView *self)
{
  const char *ranges[] = { N_("Calendar’s Month"), N_("Month After"), N_("This Week"), N_("Custom"), NULL };
  const char *translated[G_N_ELEMENTS (ranges)] = { NULL };
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *apply = gtk_button_new ();
  GtkWidget *weeks_scroller = gtk_scrolled_window_new ();
  GtkWidget *cadence_scroller = gtk_scrolled_window_new ();

  self->suggestion_data = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_mix_suggestion_free);
  {
    g_autofree char *first_day = NULL;

    self->settings = g_settings_new (APP_ID);
    first_day = g_settings_get_string (self->settings, "first-day-of-week");
    self->week_start = lineup_week_start_from_name (first_day);
    g_signal_connect_object (self->settings, "changed::first-day-of-week",
                             G_CALLBACK (on_week_start_changed_cb), self, G_CONNECT_SWAPPED);
  }
  for (guint i = 0; ranges[i]; i++)
    translated[i] = _(ranges[i]);
  self->range = gtk_drop_down_new_from_strings (translated);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->range), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Range"), -1);
  g_signal_connect_swapped (self->range, "notify::selected", G_CALLBACK (apply_range), self);
  g_signal_connect_swapped (self->range, "notify::selected", G_CALLBACK (name_range_button), self);
  name_range_button (self);
  self->custom_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (self->custom_box, "linked");
  self->from_entry = gtk_entry_new ();
  self->to_entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->from_entry), _("From YYYY-MM-DD"));
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->to_entry), _("To YYYY-MM-DD"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->from_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("From"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->to_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("To"), -1);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->from_entry), 11);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->to_entry), 11);
  gtk_button_set_child (GTK_BUTTON (apply), gtk_label_new (_("Show")));
  gtk_accessible_update_property (GTK_ACCESSIBLE (apply), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Show"), -1);
  g_signal_connect_swapped (apply, "clicked", G_CALLBACK (apply_range), self);
  g_signal_connect_swapped (self->from_entry, "activate", G_CALLBACK (apply_range), self);
  g_signal_connect_swapped (self->to_entry, "activate", G_CALLBACK (apply_range), self);
  gtk_box_append (GTK_BOX (self->custom_box), self->from_entry);
  gtk_box_append (GTK_BOX (self->custom_box), self->to_entry);
  gtk_box_append (GTK_BOX (self->custom_box), apply);
  gtk_widget_set_visible (self->custom_box, FALSE);

  self->score = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->score, "title-2");
  gtk_widget_set_hexpand (self->score, TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->score), 1);
  gtk_box_append (GTK_BOX (header), self->range);
  gtk_box_append (GTK_BOX (header), self->custom_box);
  gtk_box_append (GTK_BOX (header), self->score);
  gtk_box_append (GTK_BOX (box), header);
  self->title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  gtk_widget_add_css_class (self->title, "title-3");
  gtk_widget_set_margin_top (self->title, 6);
  gtk_box_append (GTK_BOX (box), self->title);
  self->summary = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->summary), 0);
  gtk_label_set_wrap (GTK_LABEL (self->summary), TRUE);
  gtk_widget_add_css_class (self->summary, "dim-label");
  gtk_box_append (GTK_BOX (box), self->summary);

  self->types_meter = lineup_mix_meter_new (FALSE);
  section (box, _("Content Types"), GTK_WIDGET (self->types_meter));
  self->pillars_meter = lineup_mix_meter_new (FALSE);
  section (box, _("Pillars"), GTK_WIDGET (self->pillars_meter));
  self->pillar_warning = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->pillar_warning), 0);
  gtk_label_set_wrap (GTK_LABEL (self->pillar_warning), TRUE);
  gtk_widget_add_css_class (self->pillar_warning, "warning");
  gtk_widget_set_visible (self->pillar_warning, FALSE);
  gtk_box_append (GTK_BOX (box), self->pillar_warning);

  self->suggestions = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->suggestions), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->suggestions, "boxed-list");
  g_signal_connect (self->suggestions, "row-activated", G_CALLBACK (on_suggestion_activated_cb), self);
  section (box, _("What to Change"), self->suggestions);

  self->weeks_grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (self->weeks_grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (self->weeks_grid), 4);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (weeks_scroller), self->weeks_grid);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (weeks_scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (weeks_scroller), TRUE);
  section (box, _("Week by Week"), weeks_scroller);

  self->cadence_grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (self->cadence_grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (self->cadence_grid), 4);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (cadence_scroller), self->cadence_grid);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (cadence_scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (cadence_scroller), TRUE);
  section (box, _("Cadence: Posts a Week"), cadence_scroller);

  self->flags = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  section (box, _("Rules of Thumb"), self->flags);

  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 860);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  adw_bin_set_child (ADW_BIN (self), scroller);
}

void
lineup_mix_view_set_store (LineupMixView *self,
                           LineupStore   *store)
{
  g_return_if_fail (LINEUP_IS_MIX_VIEW (self));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->mix = lineup_mix_new (store);
  lineup_mix_set_week_start (self->mix, self->week_start);
  g_signal_connect_object (self->mix, "changed", G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  /* Results coming in change the suggestions from results (new weights
   * come with "plan-changed", which the mix follows). */
  g_signal_connect_object (store, "publishing-changed", G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  apply_range (self);
}

/* Weeks here are the calendar's weeks: the same first day, changed live. */
static void
on_week_start_changed_cb (LineupMixView *self)
{
  g_autofree char *name = g_settings_get_string (self->settings, "first-day-of-week");

  self->week_start = lineup_week_start_from_name (name);
  if (self->mix == NULL)
    return;
  lineup_mix_set_week_start (self->mix, self->week_start);
  apply_range (self);
}

/* The mix counts the whole plan in its range: the filter does not apply. */
static void
lineup_mix_view_iface_init (LineupViewInterface *iface)
{
  iface->set_store = (void (*) (LineupView *, LineupStore *)) lineup_mix_view_set_store;
}

void
lineup_mix_view_set_month (LineupMixView *self,
                           int            year,
                           int            month)
{
  g_return_if_fail (LINEUP_IS_MIX_VIEW (self));
  g_return_if_fail (month >= 1 && month <= 12);

  if (self->year == year && self->month == month)
    return;
  self->year = year;
  self->month = month;
  apply_range (self);
}
