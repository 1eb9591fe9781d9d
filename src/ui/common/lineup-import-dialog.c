/* lineup-import-dialog.c: Import CSV…: a preview first, then all rows or
 * none (lineup-import-dialog.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-import-dialog.h"

struct _LineupImportDialog
{
  AdwWindow parent_instance;

  LineupStore *store;
  char *path;
  char *name;
  GPtrArray *preview_rows;   /* the rows added to preview_group */

  GtkWidget *import_button;
  AdwPreferencesGroup *problems_group;
  GtkBox *problems_box;
  AdwPreferencesGroup *missing_group;
  GtkBox *missing_box;
  AdwPreferencesGroup *create_group;
  GtkSwitch *create_switch;
  AdwPreferencesGroup *preview_group;
  GtkSwitch *history_switch;
};

G_DEFINE_FINAL_TYPE (LineupImportDialog, lineup_import_dialog, ADW_TYPE_WINDOW)

enum { DONE, N_SIGNALS };
static guint signals[N_SIGNALS];

static LineupCsvImportFlags
chosen_flags (LineupImportDialog *self)
{
  LineupCsvImportFlags flags = LINEUP_CSV_IMPORT_DEFAULT;

  if (gtk_switch_get_active (self->create_switch))
    flags |= LINEUP_CSV_IMPORT_CREATE_MISSING;
  if (gtk_switch_get_active (self->history_switch))
    flags |= LINEUP_CSV_IMPORT_HISTORY;
  return flags;
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))))
    gtk_box_remove (box, child);
}

static void
add_line (GtkBox     *box,
          const char *text,
          gboolean    error)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (error)
    gtk_widget_add_css_class (label, "error");
  gtk_box_append (box, label);
}

/* Reads the file again as a dry run with the switches as they are, and
 * shows what it found; Import is possible only when it would succeed. */
static void
refresh (LineupImportDialog *self)
{
  g_autoptr(LineupCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = lineup_import_csv_full (self->store, self->path, chosen_flags (self) | LINEUP_CSV_IMPORT_DRY_RUN,
                               &report, &error);

  clear_box (self->problems_box);
  clear_box (self->missing_box);
  for (guint i = 0; i < self->preview_rows->len; i++)
    adw_preferences_group_remove (self->preview_group, self->preview_rows->pdata[i]);
  g_ptr_array_set_size (self->preview_rows, 0);

  if (report == NULL)
    {
      /* The file itself is wrong: no rows to show. */
      add_line (self->problems_box, error ? error->message : "", TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->problems_group), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->missing_group), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->create_group), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->preview_group), FALSE);
      gtk_widget_set_sensitive (self->import_button, FALSE);
      return;
    }

  for (guint i = 0; i < report->errors->len; i++)
    add_line (self->problems_box, report->errors->pdata[i], TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), report->errors->len > 0);

  for (guint i = 0; i < report->missing->len; i++)
    add_line (self->missing_box, report->missing->pdata[i], FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->missing_group), report->missing->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->create_group), report->missing->len > 0);

  {
    g_autofree char *description =
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s holds %u post; the first as they will come in:",
                                    "%s holds %u posts; the first as they will come in:", report->n_rows),
                       self->name, report->n_rows);
    adw_preferences_group_set_description (self->preview_group, description);
  }
  for (guint i = 0; i < report->preview->len; i++)
    {
      LineupCsvRow *row = report->preview->pdata[i];
      GtkWidget *widget = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf (_("Row %u: %s"), row->row, row->title);
      g_autoptr(GString) subtitle = g_string_new (NULL);
      const char *parts[] = { row->when, row->pillar, row->type, row->stage };

      for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
        if (parts[p] && *parts[p])
          g_string_append_printf (subtitle, subtitle->len ? " · %s" : "%s", parts[p]);
      if (*row->when == '\0')
        g_string_append_printf (subtitle, subtitle->len ? " · %s" : "%s", _("no date"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (widget), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (widget), subtitle->str);
      if (row->error)
        {
          GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");

          gtk_widget_add_css_class (icon, "error");
          gtk_widget_set_tooltip_text (icon, row->error);
          gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Refused"), -1);
          adw_action_row_add_suffix (ADW_ACTION_ROW (widget), icon);
        }
      adw_preferences_group_add (self->preview_group, widget);
      g_ptr_array_add (self->preview_rows, widget);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->preview_group), TRUE);
  gtk_widget_set_sensitive (self->import_button, ok && report->n_rows > 0);
}

static void
on_option_changed_cb (LineupImportDialog *self)
{
  refresh (self);
}

static void
on_cancel_cb (LineupImportDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_import_cb (LineupImportDialog *self)
{
  g_autoptr(LineupCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!gtk_widget_get_sensitive (self->import_button))
    return;
  /* The same call as the preview, for real: all rows or none, one undo step. */
  if (!lineup_import_csv_full (self->store, self->path, chosen_flags (self), &report, &error))
    {
      /* The file or the plan changed since the preview: show it again. */
      refresh (self);
      return;
    }
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u post from %s",
                                          "Imported %u posts from %s", report->n_rows),
                             report->n_rows, self->name);
  g_signal_emit (self, signals[DONE], 0, message);
  gtk_window_close (GTK_WINDOW (self));
}

static void
lineup_import_dialog_dispose (GObject *object)
{
  LineupImportDialog *self = LINEUP_IMPORT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->preview_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (lineup_import_dialog_parent_class)->dispose (object);
}

static void
lineup_import_dialog_finalize (GObject *object)
{
  LineupImportDialog *self = LINEUP_IMPORT_DIALOG (object);

  g_free (self->path);
  g_free (self->name);
  G_OBJECT_CLASS (lineup_import_dialog_parent_class)->finalize (object);
}

static void
lineup_import_dialog_class_init (LineupImportDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = lineup_import_dialog_dispose;
  G_OBJECT_CLASS (klass)->finalize = lineup_import_dialog_finalize;

  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lineup/Lineup/common/lineup-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, LineupImportDialog, problems_group);
  gtk_widget_class_bind_template_child (widget_class, LineupImportDialog, problems_box);
  gtk_widget_class_bind_template_child (widget_class, LineupImportDialog, missing_group);
  gtk_widget_class_bind_template_child (widget_class, LineupImportDialog, missing_box);
  gtk_widget_class_bind_template_child (widget_class, LineupImportDialog, create_group);
  gtk_widget_class_bind_template_child (widget_class, LineupImportDialog, create_switch);
  gtk_widget_class_bind_template_child (widget_class, LineupImportDialog, preview_group);
  gtk_widget_class_bind_template_child (widget_class, LineupImportDialog, history_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_option_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_import_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lineup_import_dialog_init (LineupImportDialog *self)
{
  self->preview_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

LineupImportDialog *
lineup_import_dialog_new (LineupStore *store,
                          const char  *path)
{
  LineupImportDialog *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (LINEUP_TYPE_IMPORT_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->path = g_strdup (path);
  self->name = g_filename_display_basename (path);
  title = g_strdup_printf (_("Import %s"), self->name);
  gtk_window_set_title (GTK_WINDOW (self), title);
  refresh (self);
  return self;
}
