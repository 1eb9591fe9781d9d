/* lineup-plan-month-dialog.c: Plan This Month: the preview of the month
 * skeleton and its one-step acceptance (lineup-plan-month-dialog.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-plan-month-dialog.h"
#include "lineup-store-slots.h"

struct _LineupPlanMonthDialog
{
  AdwWindow parent_instance;

  LineupStore *store;
  GDate month;
  int week_start;
  LineupMonthPlan *plan;
  GPtrArray *toggles;        /* GtkToggleButton, one a network, "platform" data: its key */
  GPtrArray *week_groups;    /* AdwPreferencesGroup shown for the plan's weeks */

  AdwPreferencesPage *page;
  AdwComboRow *tier_row;
  GtkFlowBox *networks_box;
  AdwPreferencesGroup *summary_group;
  GtkWidget *accept_button;
  GtkRevealer *error_revealer;
  GtkLabel *error_label;
};

G_DEFINE_FINAL_TYPE (LineupPlanMonthDialog, lineup_plan_month_dialog, ADW_TYPE_WINDOW)

enum { DONE, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
show_error (LineupPlanMonthDialog *self,
            const char            *message)
{
  gtk_label_set_label (self->error_label, message ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static void
clear_weeks (LineupPlanMonthDialog *self)
{
  for (guint i = 0; i < self->week_groups->len; i++)
    adw_preferences_page_remove (self->page, g_ptr_array_index (self->week_groups, i));
  g_ptr_array_set_size (self->week_groups, 0);
}

/* "LinkedIn 2 a week, Instagram 3 a week": what the tier means here. */
static char *
tier_text (LineupSkeletonTier   tier,
           const char * const  *platforms)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; platforms && platforms[i]; i++)
    {
      const LineupPlatformInfo *info = lineup_platform_lookup (platforms[i]);
      guint n = lineup_skeleton_tier_per_week (tier, platforms[i]);

      if (i > 0)
        g_string_append (text, _(", "));
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s %u a week", "%s %u a week", n),
                              info ? info->name : platforms[i], n);
    }
  return g_string_free (text, FALSE);
}

static GtkWidget *
brief_row (LineupPlanMonthDialog     *self,
           const LineupSkeletonBrief *brief)
{
  LineupContentType *type = lineup_store_get_content_type (self->store, brief->type_id);
  LineupPillar *pillar = lineup_store_get_pillar (self->store, brief->pillar_id);
  const LineupPlatformInfo *info = lineup_platform_lookup (brief->platform);
  g_autofree char *when = lineup_store_format_time (self->store, brief->at, "%a %-d %b, %H:%M");
  g_autofree char *title = g_strdup_printf (_("%s · %s"), type ? lineup_content_type_get_name (type) : "?",
                                            pillar ? lineup_pillar_get_name (pillar) : "?");
  g_autofree char *subtitle = g_strdup_printf (brief->from_slot ? _("%s · %s · free slot") : _("%s · %s"),
                                               when, info ? info->name : brief->platform);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (type && lineup_content_type_get_icon_name (type))
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (lineup_content_type_get_icon_name (type)));
  return row;
}

/* The proposal again for the tier and networks chosen. */
static void
refresh (LineupPlanMonthDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) platforms = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tier = NULL;
  g_autofree char *summary = NULL;
  char month[64];
  AdwPreferencesGroup *group = NULL;
  guint week = G_MAXUINT;
  LineupSkeletonTier chosen = adw_combo_row_get_selected (self->tier_row);

  clear_weeks (self);
  g_clear_pointer (&self->plan, lineup_month_plan_free);
  for (guint i = 0; i < self->toggles->len; i++)
    if (gtk_toggle_button_get_active (g_ptr_array_index (self->toggles, i)))
      g_strv_builder_add (builder, g_object_get_data (g_ptr_array_index (self->toggles, i), "platform"));
  platforms = g_strv_builder_end (builder);
  tier = tier_text (chosen, (const char * const *) platforms);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->tier_row), tier);
  gtk_widget_set_sensitive (self->accept_button, FALSE);

  if (platforms[0] == NULL)
    {
      adw_preferences_group_set_description (self->summary_group, _("Choose one network or more."));
      show_error (self, NULL);
      return;
    }
  self->plan = lineup_month_plan_propose (self->store, &self->month, chosen, (const char * const *) platforms,
                                          self->week_start, &error);
  if (self->plan == NULL)
    {
      adw_preferences_group_set_description (self->summary_group, NULL);
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
  g_date_strftime (month, sizeof month, "%B %Y", &self->month);
  summary = self->plan->blackout_days > 0
    ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u brief for %s; %u blackout day left free",
                                    "%u briefs for %s; %u blackout days left free", self->plan->briefs->len),
                       self->plan->briefs->len, month, self->plan->blackout_days)
    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u brief for %s", "%u briefs for %s", self->plan->briefs->len),
                       self->plan->briefs->len, month);
  adw_preferences_group_set_description (self->summary_group, summary);
  gtk_widget_set_sensitive (self->accept_button, self->plan->briefs->len > 0);

  for (guint i = 0; i < self->plan->briefs->len; i++)
    {
      LineupSkeletonBrief *brief = &g_array_index (self->plan->briefs, LineupSkeletonBrief, i);

      if (brief->week != week || group == NULL)
        {
          g_autofree char *from = lineup_store_format_time (self->store, brief->at, "%-d %b");
          g_autofree char *title = g_strdup_printf (_("Week %u · from %s"), brief->week + 1, from);

          week = brief->week;
          group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          adw_preferences_group_set_title (group, title);
          adw_preferences_page_add (self->page, group);
          g_ptr_array_add (self->week_groups, group);
        }
      adw_preferences_group_add (group, brief_row (self, brief));
    }
}

static void
on_changed_cb (LineupPlanMonthDialog *self)
{
  if (self->store)
    refresh (self);
}

static void
on_cancel_cb (LineupPlanMonthDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_accept_cb (LineupPlanMonthDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  char month[64];
  guint n;

  if (self->plan == NULL || self->plan->briefs->len == 0)
    return;
  n = self->plan->briefs->len;
  if (!lineup_month_plan_apply (self->store, self->plan, &error))
    {
      g_autofree char *shown = g_strdup_printf (_("Could not add the briefs: %s"), error->message);
      show_error (self, shown);
      return;
    }
  g_date_strftime (month, sizeof month, "%B %Y", &self->month);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Added %u brief to %s", "Added %u briefs to %s", n),
                             n, month);
  g_signal_emit (self, signals[DONE], 0, message);
  gtk_window_close (GTK_WINDOW (self));
}

static void
lineup_plan_month_dialog_dispose (GObject *object)
{
  LineupPlanMonthDialog *self = LINEUP_PLAN_MONTH_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_PLAN_MONTH_DIALOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->plan, lineup_month_plan_free);
  g_clear_pointer (&self->toggles, g_ptr_array_unref);
  g_clear_pointer (&self->week_groups, g_ptr_array_unref);
  G_OBJECT_CLASS (lineup_plan_month_dialog_parent_class)->dispose (object);
}

static void
lineup_plan_month_dialog_class_init (LineupPlanMonthDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = lineup_plan_month_dialog_dispose;

  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lineup/Lineup/calendar/lineup-plan-month-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupPlanMonthDialog, page);
  gtk_widget_class_bind_template_child (widget_class, LineupPlanMonthDialog, tier_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPlanMonthDialog, networks_box);
  gtk_widget_class_bind_template_child (widget_class, LineupPlanMonthDialog, summary_group);
  gtk_widget_class_bind_template_child (widget_class, LineupPlanMonthDialog, accept_button);
  gtk_widget_class_bind_template_child (widget_class, LineupPlanMonthDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, LineupPlanMonthDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_accept_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lineup_plan_month_dialog_init (LineupPlanMonthDialog *self)
{
  self->toggles = g_ptr_array_new ();
  self->week_groups = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

LineupPlanMonthDialog *
lineup_plan_month_dialog_new (LineupStore *store,
                              int          year,
                              int          month)
{
  LineupPlanMonthDialog *self;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *first_day = g_settings_get_string (settings, "first-day-of-week");
  g_autoptr(GArray) slots = lineup_store_get_slots (store, NULL);
  g_autofree char *title = NULL;
  const LineupPlatformInfo *all;
  char name[64];
  guint n;

  g_return_val_if_fail (LINEUP_IS_STORE (store), NULL);

  self = g_object_new (LINEUP_TYPE_PLAN_MONTH_DIALOG, NULL);
  g_date_clear (&self->month, 1);
  g_date_set_dmy (&self->month, 1, month, year);
  self->week_start = lineup_week_start_from_name (first_day);
  g_date_strftime (name, sizeof name, "%B %Y", &self->month);
  title = g_strdup_printf (_("Plan %s"), name);
  gtk_window_set_title (GTK_WINDOW (self), title);

  /* The networks with slots are chosen at first; LinkedIn when none has any. */
  all = lineup_platforms_get_all (&n);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *toggle = gtk_toggle_button_new_with_label (all[i].name);
      gboolean chosen = slots->len == 0 && g_str_equal (all[i].key, "linkedin");

      for (guint s = 0; s < slots->len && !chosen; s++)
        chosen = g_str_equal (g_array_index (slots, LineupSlot, s).platform, all[i].key);
      g_object_set_data (G_OBJECT (toggle), "platform", (gpointer) all[i].key);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), chosen);
      g_signal_connect_object (toggle, "toggled", G_CALLBACK (on_changed_cb), self, G_CONNECT_SWAPPED);
      gtk_flow_box_append (self->networks_box, toggle);
      /* One Tab stop a network: the toggle, not the box's cell around it. */
      gtk_widget_set_focusable (gtk_widget_get_parent (toggle), FALSE);
      g_ptr_array_add (self->toggles, toggle);
    }
  self->store = g_object_ref (store);
  refresh (self);
  return self;
}

void
lineup_plan_month_dialog_present (GtkWindow          *parent,
                                  LineupStore        *store,
                                  LineupCalendarView *view,
                                  GCallback           done)
{
  LineupPlanMonthDialog *dialog;
  int year = 0, month = 0;

  lineup_calendar_view_get_month (view, &year, &month);
  dialog = lineup_plan_month_dialog_new (store, year, month);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), parent);
  g_signal_connect_object (dialog, "done", done, parent, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}
