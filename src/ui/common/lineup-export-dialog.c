/* lineup-export-dialog.c: Export to File: the range, the filters, how much
 * of each post, then where (lineup-export-dialog.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-export-dialog.h"

typedef enum {
  RANGE_MONTH,
  RANGE_ALL,
  RANGE_DATES,
} Range;

static const char * const range_keys[] = { "month", "all", "dates" };

struct _LineupExportDialog
{
  AdwWindow parent_instance;

  LineupStore *store;
  LineupFilter *filter;
  GSettings *settings;
  int year, month;

  AdwComboRow *range_row;
  AdwEntryRow *from_row;
  AdwEntryRow *to_row;
  AdwActionRow *filter_row;
  GtkSwitch *filter_switch;
  AdwComboRow *privacy_row;
  GtkRevealer *error_revealer;
  GtkLabel *error_label;
};

G_DEFINE_FINAL_TYPE (LineupExportDialog, lineup_export_dialog, ADW_TYPE_WINDOW)

enum { DONE, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
show_error (LineupExportDialog *self,
            const char         *message)
{
  gtk_label_set_label (self->error_label, message ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static void
on_range_changed_cb (LineupExportDialog *self)
{
  gboolean dates = adw_combo_row_get_selected (self->range_row) == RANGE_DATES;

  gtk_widget_set_visible (GTK_WIDGET (self->from_row), dates);
  gtk_widget_set_visible (GTK_WIDGET (self->to_row), dates);
}

static void
on_cancel_cb (LineupExportDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

/* The posts the choice takes, or NULL with @error. [start, end) in UTC. */
static GPtrArray *
chosen_posts (LineupExportDialog  *self,
              GError             **error)
{
  g_autoptr(GPtrArray) posts = NULL;
  GPtrArray *chosen;
  gint64 start = G_MININT64 + 1, end = G_MAXINT64;
  GDate from, to;

  switch (adw_combo_row_get_selected (self->range_row))
    {
    case RANGE_MONTH:
      g_date_clear (&from, 1);
      g_date_set_dmy (&from, 1, self->month, self->year);
      to = from;
      g_date_add_months (&to, 1);
      start = lineup_store_local_to_utc (self->store, &from, 0);
      end = lineup_store_local_to_utc (self->store, &to, 0);
      break;
    case RANGE_DATES:
      if (!lineup_parse_date (gtk_editable_get_text (GTK_EDITABLE (self->from_row)), &from) ||
          !lineup_parse_date (gtk_editable_get_text (GTK_EDITABLE (self->to_row)), &to))
        {
          g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                       _("The range needs two dates as YYYY-MM-DD, e.g. 2026-12-01 and 2026-12-31"));
          return NULL;
        }
      if (g_date_compare (&from, &to) > 0)
        {
          g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                       _("The range starts after it ends: swap the dates"));
          return NULL;
        }
      g_date_add_days (&to, 1);
      start = lineup_store_local_to_utc (self->store, &from, 0);
      end = lineup_store_local_to_utc (self->store, &to, 0);
      break;
    default:
      break;
    }

  posts = lineup_store_list_posts (self->store, start, end, error);
  if (posts == NULL)
    return NULL;
  chosen = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < posts->len; i++)
    {
      LineupPost *post = g_ptr_array_index (posts, i);

      if (!lineup_post_is_dated (post))
        continue;
      if (gtk_switch_get_active (self->filter_switch) && self->filter && !lineup_filter_matches (self->filter, post))
        continue;
      g_ptr_array_add (chosen, g_object_ref (post));
    }
  return chosen;
}

static void
save_choice (LineupExportDialog *self)
{
  guint range = adw_combo_row_get_selected (self->range_row);

  g_settings_delay (self->settings);
  g_settings_set_string (self->settings, "export-range", range_keys[MIN (range, RANGE_DATES)]);
  g_settings_set_string (self->settings, "export-from", gtk_editable_get_text (GTK_EDITABLE (self->from_row)));
  g_settings_set_string (self->settings, "export-to", gtk_editable_get_text (GTK_EDITABLE (self->to_row)));
  g_settings_set_boolean (self->settings, "export-filtered", gtk_switch_get_active (self->filter_switch));
  g_settings_set_string (self->settings, "export-privacy",
                         lineup_ics_privacy_to_key (adw_combo_row_get_selected (self->privacy_row)));
  g_settings_apply (self->settings);
}

static void
on_file_chosen_cb (GtkNativeDialog    *chooser,
                   int                 response,
                   LineupExportDialog *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  LineupIcsOptions options = { 0 };
  gsize length;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
      return;
    }

  posts = chosen_posts (self, &error);
  if (posts != NULL)
    {
      options.privacy = adw_combo_row_get_selected (self->privacy_row);
      text = lineup_ics_export (self->store, posts, &options, &length);
    }
  /* Written whole or not at all (a temporary file, then a rename). */
  if (posts == NULL ||
      !g_file_replace_contents (file, text, length, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error))
    {
      g_autofree char *shown = g_strdup_printf (_("Could not export: %s"), error->message);
      show_error (self, shown);
      gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
      return;
    }

  name = g_file_get_basename (file);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u post to %s",
                                          "Exported %u posts to %s", posts->len), posts->len, name);
  g_signal_emit (self, signals[DONE], 0, message);
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_export_cb (LineupExportDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  /* Check the range before asking where. */
  posts = chosen_posts (self, &error);
  if (posts == NULL)
    {
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
  save_choice (self);

  chooser = gtk_file_chooser_native_new (_("Export the Plan"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_file_filter_set_name (filter, _("Calendar files"));
  gtk_file_filter_add_mime_type (filter, "text/calendar");
  gtk_file_filter_add_suffix (filter, "ics");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("plan.ics"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chosen_cb), self);
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
lineup_export_dialog_dispose (GObject *object)
{
  LineupExportDialog *self = LINEUP_EXPORT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_EXPORT_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->filter);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (lineup_export_dialog_parent_class)->dispose (object);
}

static void
lineup_export_dialog_class_init (LineupExportDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = lineup_export_dialog_dispose;

  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lineup/Lineup/common/lineup-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupExportDialog, range_row);
  gtk_widget_class_bind_template_child (widget_class, LineupExportDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, LineupExportDialog, to_row);
  gtk_widget_class_bind_template_child (widget_class, LineupExportDialog, filter_row);
  gtk_widget_class_bind_template_child (widget_class, LineupExportDialog, filter_switch);
  gtk_widget_class_bind_template_child (widget_class, LineupExportDialog, privacy_row);
  gtk_widget_class_bind_template_child (widget_class, LineupExportDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, LineupExportDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_range_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_export_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lineup_export_dialog_init (LineupExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);
}

LineupExportDialog *
lineup_export_dialog_new (LineupStore  *store,
                          LineupFilter *filter,
                          int           year,
                          int           month)
{
  LineupExportDialog *self;
  g_autoptr(GtkStringList) ranges = NULL;
  g_autofree char *month_label = NULL;
  g_autofree char *month_name = NULL;
  g_autofree char *range = NULL;
  g_autofree char *privacy = NULL;
  g_autoptr(GDateTime) first = NULL;
  LineupIcsPrivacy level = LINEUP_ICS_PRIVACY_TITLES;
  guint selected = RANGE_MONTH;
  gboolean filtering;

  g_return_val_if_fail (LINEUP_IS_STORE (store), NULL);

  self = g_object_new (LINEUP_TYPE_EXPORT_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->filter = filter ? g_object_ref (filter) : NULL;
  if (year <= 0 || month < 1 || month > 12)
    {
      GDate today;

      lineup_store_get_today (store, &today);
      year = g_date_get_year (&today);
      month = g_date_get_month (&today);
    }
  self->year = year;
  self->month = month;

  first = g_date_time_new_local (year, month, 1, 0, 0, 0);
  /* TRANSLATORS: %s is a month and year, e.g. "December 2026" */
  month_name = first ? g_date_time_format (first, "%OB %Y") : g_strdup_printf ("%04d-%02d", year, month);
  month_label = g_strdup_printf (_("The month shown (%s)"), month_name);
  ranges = gtk_string_list_new (NULL);
  gtk_string_list_append (ranges, month_label);
  gtk_string_list_append (ranges, _("The whole plan"));
  gtk_string_list_append (ranges, _("From a date to a date"));
  adw_combo_row_set_model (self->range_row, G_LIST_MODEL (ranges));

  /* The last choice, or the defaults: the month shown, the filters on
   * screen, titles only. */
  range = g_settings_get_string (self->settings, "export-range");
  for (guint i = 0; i < G_N_ELEMENTS (range_keys); i++)
    if (g_str_equal (range, range_keys[i]))
      selected = i;
  adw_combo_row_set_selected (self->range_row, selected);
  {
    g_autofree char *from = g_settings_get_string (self->settings, "export-from");
    g_autofree char *to = g_settings_get_string (self->settings, "export-to");

    gtk_editable_set_text (GTK_EDITABLE (self->from_row), from);
    gtk_editable_set_text (GTK_EDITABLE (self->to_row), to);
  }
  on_range_changed_cb (self);

  filtering = self->filter && !lineup_filter_is_empty (self->filter);
  gtk_switch_set_active (self->filter_switch,
                         filtering && g_settings_get_boolean (self->settings, "export-filtered"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->filter_row), filtering);
  adw_action_row_set_subtitle (self->filter_row, filtering ? _("Some posts are hidden by the filters")
                                                           : _("No filters are on: every post shows"));

  privacy = g_settings_get_string (self->settings, "export-privacy");
  if (!lineup_ics_privacy_from_key (privacy, &level))
    level = LINEUP_ICS_PRIVACY_TITLES;
  adw_combo_row_set_selected (self->privacy_row, level);
  return self;
}
