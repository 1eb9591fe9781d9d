/* lineup-fill-gaps-dialog.c: Fill Gaps…: the evergreen proposal as a
 * preview with a check box a copy (lineup-fill-gaps-dialog.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-fill-gaps-dialog.h"
#include "lineup-reuse.h"

struct _LineupFillGapsDialog
{
  AdwWindow parent_instance;

  LineupStore *store;
  GPtrArray *copies;          /* LineupReuseCopy */
  GPtrArray *checks;          /* GtkCheckButton, one a copy */

  GtkButton *add_button;
  GtkLabel *add_label;
  GtkRevealer *error_revealer;
  GtkLabel *error_label;
  GtkStack *stack;
  AdwPreferencesGroup *group;
};

G_DEFINE_FINAL_TYPE (LineupFillGapsDialog, lineup_fill_gaps_dialog, ADW_TYPE_WINDOW)

enum { DONE, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
show_error (LineupFillGapsDialog *self,
            const char           *message)
{
  gtk_label_set_label (self->error_label, message ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static guint
count_chosen (LineupFillGapsDialog *self)
{
  guint n = 0;

  for (guint i = 0; self->checks && i < self->checks->len; i++)
    n += gtk_check_button_get_active (self->checks->pdata[i]) ? 1 : 0;
  return n;
}

static void
update_add_button (LineupFillGapsDialog *self)
{
  guint n = count_chosen (self);
  g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Add %u Post", "_Add %u Posts", n), n);
  g_autofree char *plain = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Add %u Post", "Add %u Posts", n), n);

  gtk_label_set_label (self->add_label, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_button), GTK_ACCESSIBLE_PROPERTY_LABEL, plain, -1);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), n > 0);
}

static void
on_cancel_cb (LineupFillGapsDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_add_cb (LineupFillGapsDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  g_autoptr(GPtrArray) added = NULL;
  g_autofree char *message = NULL;

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (self->checks->pdata[i]))
      g_ptr_array_add (chosen, self->copies->pdata[i]);
  if (chosen->len == 0)
    return;
  added = lineup_store_add_evergreen_copies (self->store, chosen, &error);
  if (added == NULL)
    {
      show_error (self, error->message);
      return;
    }
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Added %u evergreen post as a Draft",
                                          "Added %u evergreen posts as Drafts", added->len), added->len);
  g_signal_emit (self, signals[DONE], 0, message);
  gtk_window_close (GTK_WINDOW (self));
}

static GtkWidget *
copy_row (LineupFillGapsDialog *self,
          LineupReuseCopy      *copy,
          GtkWidget           **out_check)
{
  LineupPillar *pillar = lineup_store_get_pillar (self->store, lineup_post_get_pillar_id (copy->source));
  LineupContentType *type = lineup_store_get_content_type (self->store, lineup_post_get_type_id (copy->source));
  const LineupPlatformInfo *platform = lineup_platform_lookup (copy->platform);
  g_autofree char *when = lineup_store_format_time (self->store, copy->at, "%a %-d %b, %H:%M");
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  subtitle = g_strdup_printf ("%s · %s · %s · %s", when,
                              platform ? platform->name : copy->platform,
                              pillar ? lineup_pillar_get_name (pillar) : "?",
                              type ? lineup_content_type_get_name (type) : "?");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lineup_post_get_title (copy->source));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  {
    g_autofree char *name = g_strdup_printf ("%s, %s", lineup_post_get_title (copy->source), subtitle);

    gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  }
  g_signal_connect_swapped (check, "toggled", G_CALLBACK (update_add_button), self);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  *out_check = check;
  return row;
}

static void
lineup_fill_gaps_dialog_dispose (GObject *object)
{
  LineupFillGapsDialog *self = LINEUP_FILL_GAPS_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_FILL_GAPS_DIALOG);
  g_clear_pointer (&self->copies, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (lineup_fill_gaps_dialog_parent_class)->dispose (object);
}

static void
lineup_fill_gaps_dialog_class_init (LineupFillGapsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_fill_gaps_dialog_dispose;

  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lineup/Lineup/calendar/lineup-fill-gaps-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupFillGapsDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, LineupFillGapsDialog, add_label);
  gtk_widget_class_bind_template_child (widget_class, LineupFillGapsDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, LineupFillGapsDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, LineupFillGapsDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, LineupFillGapsDialog, group);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lineup_fill_gaps_dialog_init (LineupFillGapsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

LineupFillGapsDialog *
lineup_fill_gaps_dialog_new (LineupStore *store,
                             int          year,
                             int          month)
{
  LineupFillGapsDialog *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) first_dt = NULL;
  g_autofree char *month_name = NULL;
  g_autofree char *title = NULL;
  GDate first, last;

  g_return_val_if_fail (LINEUP_IS_STORE (store), NULL);

  self = g_object_new (LINEUP_TYPE_FILL_GAPS_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->checks = g_ptr_array_new ();
  if (year <= 0 || month < 1 || month > 12)
    {
      GDate today;

      lineup_store_get_today (store, &today);
      year = g_date_get_year (&today);
      month = g_date_get_month (&today);
    }
  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, month, year);
  last = first;
  g_date_add_months (&last, 1);
  g_date_subtract_days (&last, 1);

  first_dt = g_date_time_new_local (year, month, 1, 12, 0, 0);
  month_name = first_dt ? g_date_time_format (first_dt, "%OB %Y") : g_strdup ("?");
  title = g_strdup_printf (_("Evergreen Posts for %s"), month_name);
  adw_preferences_group_set_title (self->group, title);

  self->copies = lineup_reuse_propose (store, &first, &last, &error);
  if (self->copies == NULL)
    {
      self->copies = g_ptr_array_new ();
      show_error (self, error->message);
    }
  for (guint i = 0; i < self->copies->len; i++)
    {
      GtkWidget *check = NULL;
      GtkWidget *row = copy_row (self, self->copies->pdata[i], &check);

      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->checks, check);
    }
  gtk_stack_set_visible_child_name (self->stack, self->copies->len > 0 ? "proposal" : "empty");
  update_add_button (self);
  return self;
}
