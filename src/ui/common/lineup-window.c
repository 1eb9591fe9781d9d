/* lineup-window.c: the main window: views, empty state, toasts, and the
 * passes of a shared plan while it is open.
 *
 * A shared plan (lineup-share.h) takes a pass every 30 seconds, when the
 * window comes to the front, and a second after a change of a post made
 * here; one at a time (asked for while one runs, another follows it), and
 * cancelled when the window closes. After each, the header's indicator and
 * the cards read the plan's sharing again and the notices go out as the
 * desktop's notifications (lineup-application.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-board-view.h"
#include "lineup-calendar-view.h"
#include "lineup-export-dialog.h"
#include "lineup-fill-gaps-dialog.h"
#include "lineup-import-dialog.h"
#include "lineup-list-view.h"
#include "lineup-mix-view.h"
#include "lineup-plan-month-dialog.h"
#include "lineup-post-editor.h"
#include "lineup-queue.h"
#include "lineup-publishing.h"
#include "lineup-publishing-view.h"
#include "lineup-results-view.h"
#include "lineup-share.h"
#include "lineup-share-dialog.h"
#include "lineup-share-indicator.h"
#include "lineup-share-marks.h"
#include "lineup-view.h"
#include "lineup-window.h"
#include "lineup-toasts.h"

struct _LineupWindow
{
  AdwApplicationWindow parent_instance;

  LineupStore *store;
  GSettings *settings;
  LineupFilter *filter;

  GtkPopover *filter_popover;
  GtkWidget *filter_button;
  GtkRevealer *chips_revealer;
  GtkBox *chips_box;

  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar *switcher_bar;
  AdwToastOverlay *toast_overlay;
  GtkStack *main_stack;
  AdwViewStack *view_stack;
  LineupListView *list_view;    /* the four made when first shown, in their bins */
  GtkWidget *list_bin;
  LineupCalendarView *calendar_view;
  LineupBoardView *board_view;
  GtkWidget *board_bin;
  LineupMixView *mix_view;
  GtkWidget *mix_bin;
  GtkWidget *results_bin;
  AdwViewStackPage *publishing_page;
  LineupPublishingView *publishing_view;
  /* Views given the plan on first show (see ensure_view ()). */
  GHashTable *ready_views;

  /* A shared plan's passes */
  LineupShareIndicator *share_indicator;
  GtkWidget *join_button;
  GCancellable *pass_cancellable;   /* the pass running, or NULL */
  gboolean pass_again;              /* asked for while one ran */
  gboolean pass_told;               /* Sync Now: its result is a toast */
  guint pass_timer;                 /* every 30 s */
  guint pass_soon;                  /* a second after a local change */
};

G_DEFINE_FINAL_TYPE (LineupWindow, lineup_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define SHARE_PASS_SECONDS 30
#define SHARE_PASS_AFTER_CHANGE_MS 1000

static void share_pass (LineupWindow *self,
                        gboolean      tell);

/* The switchers only make sense over the views: an empty plan hides them, so
 * nothing on screen looks clickable and does nothing. */
static void
update_switchers (LineupWindow *self)
{
  gboolean views;

  /* The title notifies while the template is still being built. */
  if (self->main_stack == NULL || self->switcher_bar == NULL)
    return;
  views = g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "views") == 0;
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, views);
  if (self->filter_button)
    gtk_widget_set_visible (self->filter_button, views);
  adw_view_switcher_bar_set_reveal (self->switcher_bar,
                                    views && adw_view_switcher_title_get_title_visible (self->switcher_title));
}

static void
update_empty_state (LineupWindow *self)
{
  gboolean empty = !lineup_store_has_posts (self->store);

  gtk_stack_set_visible_child_name (self->main_stack, empty ? "empty" : "views");
  /* An empty plan already shared waits for its first pass, not a join. */
  gtk_widget_set_visible (self->join_button, empty && !lineup_share_is_shared (self->store));
  update_switchers (self);
}

static void
on_title_visible_cb (LineupWindow *self)
{
  update_switchers (self);
}

static void
on_store_changed_cb (LineupWindow *self)
{
  update_empty_state (self);
}

static void
on_is_active_changed_cb (LineupWindow *self)
{
  /* Coming back to the window after using the command line: show what it
   * changed. One cheap query; nothing polls. */
  if (gtk_window_is_active (GTK_WINDOW (self)) && lineup_store_refresh (self->store))
    lineup_window_toast (self, _("The plan was changed outside this window and has been reloaded"));
  /* And what the team did meanwhile. */
  if (gtk_window_is_active (GTK_WINDOW (self)))
    share_pass (self, FALSE);
}

/* ---- a shared plan's passes ---- */

static void
on_pass_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(LineupWindow) self = data;
  g_autoptr(GError) error = NULL;
  LineupSharePass pass = { 0 };
  gboolean ok = lineup_share_finish (LINEUP_STORE (source), result, &pass, &error);
  gboolean tell = self->pass_told;
  GtkApplication *app;

  /* Closed: nothing more to show. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->store == NULL)
    return;
  g_clear_object (&self->pass_cancellable);
  self->pass_told = FALSE;
  lineup_share_indicator_set_busy (self->share_indicator, FALSE);
  /* The pass wrote through a plan of its own: read it now. */
  lineup_store_refresh (self->store);
  lineup_share_marks_changed (self->store);
  app = gtk_window_get_application (GTK_WINDOW (self));
  if (LINEUP_IS_APPLICATION (app))
    lineup_application_send_share_notices (LINEUP_APPLICATION (app));
  if (tell)
    {
      g_autofree char *text = NULL;

      if (ok)
        text = g_strdup_printf (_("In step: %u sent, %u received"), pass.sent, pass.received);
      lineup_window_toast (self, ok ? text : error->message);
    }
  if (self->pass_again)
    {
      self->pass_again = FALSE;
      share_pass (self, FALSE);
    }
}

/* One pass, unless one runs: then another after it. @tell: its result is
 * said in a toast (Sync Now); otherwise the indicator says it. */
static void
share_pass (LineupWindow *self,
            gboolean      tell)
{
  if (self->store == NULL)
    return;
  if (self->pass_cancellable)
    {
      self->pass_again = TRUE;
      self->pass_told |= tell;
      return;
    }
  if (!lineup_share_is_shared (self->store))
    {
      if (tell)
        lineup_window_toast (self, _("This plan is not shared: share it or join one in Preferences → Sharing"));
      return;
    }
  self->pass_cancellable = g_cancellable_new ();
  self->pass_told = tell;
  lineup_share_indicator_set_busy (self->share_indicator, TRUE);
  lineup_share_sync_async (self->store, self->pass_cancellable, on_pass_done_cb, g_object_ref (self));
}

static gboolean
on_pass_timer_cb (gpointer data)
{
  share_pass (LINEUP_WINDOW (data), FALSE);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_pass_soon_cb (gpointer data)
{
  LineupWindow *self = data;

  self->pass_soon = 0;
  share_pass (self, FALSE);
  return G_SOURCE_REMOVE;
}

/* A post changed here: sent a second later, several changes in one pass. */
static void
on_local_change_cb (LineupWindow *self)
{
  g_clear_handle_id (&self->pass_soon, g_source_remove);
  self->pass_soon = g_timeout_add (SHARE_PASS_AFTER_CHANGE_MS, on_pass_soon_cb, self);
}

static void
stop_passes (LineupWindow *self)
{
  g_clear_handle_id (&self->pass_timer, g_source_remove);
  g_clear_handle_id (&self->pass_soon, g_source_remove);
  if (self->pass_cancellable)
    g_cancellable_cancel (self->pass_cancellable);
  g_clear_object (&self->pass_cancellable);
}

static void
on_joined_cb (LineupWindow *self,
              const char   *message)
{
  lineup_share_marks_changed (self->store);
  lineup_window_toast (self, message);
}

static void
join_shared (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LineupWindow *self = LINEUP_WINDOW (widget);
  LineupShareDialog *dialog = lineup_share_dialog_new (self->store, TRUE);

  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "done", G_CALLBACK (on_joined_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The Publishing tab shows how many posts need a person (failed, or in
 * conflict), counted from the cards' shared summary: no query of its own. */
static void
on_publishing_changed_cb (LineupWindow *self)
{
  guint attention = lineup_publishing_count_attention (self->store);

  adw_view_stack_page_set_needs_attention (self->publishing_page, attention > 0);
  adw_view_stack_page_set_badge_number (self->publishing_page, attention);
}

static void
post_deleted (LineupWindow *self,
              const char   *title)
{
  g_autofree char *text = g_strdup_printf (_("Deleted “%s”"), title);
  lineup_window_toast_undo (self, text);
}

/* ---- what the views ask of the window (lineup-view.h) ---- */

static void
edit_post_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  LineupWindow *self = LINEUP_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) post = lineup_store_get_post (self->store, g_variant_get_string (param, NULL), &error);

  if (post == NULL)
    lineup_window_toast (self, error->message);
  else
    lineup_window_edit_post (self, post);
}

static void
toast_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  lineup_window_toast (LINEUP_WINDOW (widget), g_variant_get_string (param, NULL));
}

/* win.toast-undo (s): a message about a change, with Undo. */
static void
toast_undo_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  lineup_window_toast_undo (LINEUP_WINDOW (widget), g_variant_get_string (param, NULL));
}

/* win.queue-post (s): Add to Queue, from a card's menu. */
static void
queue_post_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  g_autoptr(GError) error = NULL;

  if (!lineup_queue_post (widget, LINEUP_WINDOW (widget)->store, g_variant_get_string (param, NULL), &error))
    lineup_window_toast (LINEUP_WINDOW (widget), error->message);
}

static void
post_deleted_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  post_deleted (LINEUP_WINDOW (widget), g_variant_get_string (param, NULL));
}

/* ---- filters ---- */

static const char *
filter_value (LineupFilterDimension  dimension,
              guint                  i,
              const char           **label)
{
  guint n_platforms;
  const LineupPlatformInfo *platforms = lineup_platforms_get_all (&n_platforms);

  if (dimension == LINEUP_FILTER_PLATFORM)
    {
      if (i >= n_platforms)
        return NULL;
      *label = platforms[i].name;
      return platforms[i].key;
    }
  if (i >= LINEUP_N_STAGES)
    return NULL;
  *label = lineup_stage_to_label (i);
  return lineup_stage_to_key (i);
}

static void
on_filter_check_toggled_cb (GtkCheckButton *check,
                            LineupWindow   *self)
{
  lineup_filter_set (self->filter,
                     GPOINTER_TO_INT (g_object_get_data (G_OBJECT (check), "dimension")),
                     g_object_get_data (G_OBJECT (check), "value"),
                     gtk_check_button_get_active (check));
}

static void
add_filter_check (LineupWindow          *self,
                  GtkWidget             *box,
                  LineupFilterDimension  dimension,
                  const char            *value,
                  const char            *label)
{
  GtkWidget *check = gtk_check_button_new_with_label (label);

  g_object_set_data (G_OBJECT (check), "dimension", GINT_TO_POINTER (dimension));
  g_object_set_data_full (G_OBJECT (check), "value", g_strdup (value), g_free);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), lineup_filter_has (self->filter, dimension, value));
  g_signal_connect (check, "toggled", G_CALLBACK (on_filter_check_toggled_cb), self);
  gtk_box_append (GTK_BOX (box), check);
}

static GtkWidget *
filter_section (const char *title)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *heading = gtk_label_new (title);

  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_set_margin_top (heading, 6);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  return box;
}

static void
add_model_section (LineupWindow          *self,
                   GtkWidget             *column,
                   LineupFilterDimension  dimension,
                   GListModel            *model,
                   const char           *(*get_name) (gpointer))
{
  guint n = g_list_model_get_n_items (model);
  GtkWidget *section;

  if (n == 0)
    return;
  section = filter_section (lineup_filter_dimension_label (dimension));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      add_filter_check (self, section, dimension, get_name (item), get_name (item));
    }
  gtk_box_append (GTK_BOX (column), section);
}

/* Built each time it opens, so new pillars and campaigns are there. */
static void
on_filter_popover_show_cb (LineupWindow *self)
{
  GtkWidget *columns = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *right = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  add_model_section (self, left, LINEUP_FILTER_PILLAR, lineup_store_get_pillars (self->store),
                     (gpointer) lineup_pillar_get_name);
  add_model_section (self, left, LINEUP_FILTER_TYPE, lineup_store_get_content_types (self->store),
                     (gpointer) lineup_content_type_get_name);
  add_model_section (self, left, LINEUP_FILTER_CAMPAIGN, lineup_store_get_campaigns (self->store),
                     (gpointer) lineup_campaign_get_name);
  for (LineupFilterDimension d = LINEUP_FILTER_PLATFORM; d <= LINEUP_FILTER_STAGE; d++)
    {
      GtkWidget *section = filter_section (lineup_filter_dimension_label (d));
      const char *label, *value;

      for (guint i = 0; (value = filter_value (d, i, &label)); i++)
        add_filter_check (self, section, d, value, label);
      gtk_box_append (GTK_BOX (right), section);
    }
  {
    /* Owner: "Mine", the posts whose owner is whoever uses the plan. */
    GtkWidget *section = filter_section (lineup_filter_dimension_label (LINEUP_FILTER_OWNER));

    add_filter_check (self, section, LINEUP_FILTER_OWNER, LINEUP_FILTER_OWNER_ME, _("Mine"));
    gtk_box_append (GTK_BOX (left), section);
  }
  gtk_box_append (GTK_BOX (columns), left);
  gtk_box_append (GTK_BOX (columns), right);
  gtk_widget_set_margin_start (columns, 6);
  gtk_widget_set_margin_end (columns, 6);
  gtk_widget_set_margin_bottom (columns, 6);
  gtk_popover_set_child (self->filter_popover, columns);
}

static void
on_chip_clicked_cb (GtkButton    *chip,
                    LineupWindow *self)
{
  lineup_filter_set (self->filter,
                     GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chip), "dimension")),
                     g_object_get_data (G_OBJECT (chip), "value"), FALSE);
}

static const char *
shown_value (LineupFilterDimension  dimension,
             const char            *value)
{
  LineupStage stage;
  const LineupPlatformInfo *platform;

  if (dimension == LINEUP_FILTER_STAGE && lineup_stage_from_string (value, &stage))
    return lineup_stage_to_label (stage);
  if (dimension == LINEUP_FILTER_PLATFORM && (platform = lineup_platform_lookup (value)))
    return platform->name;
  if (dimension == LINEUP_FILTER_OWNER && g_str_equal (value, LINEUP_FILTER_OWNER_ME))
    return _("Mine");
  return value;
}

static void
on_filter_changed_cb (LineupWindow *self)
{
  GtkWidget *child;
  GtkWidget *clear;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chips_box))))
    gtk_box_remove (self->chips_box, child);

  for (LineupFilterDimension d = 0; d < LINEUP_N_FILTER_DIMENSIONS; d++)
    {
      const char * const *values = lineup_filter_get_values (self->filter, d);

      g_settings_set_strv (self->settings, lineup_filter_dimension_key (d), values);
      for (guint i = 0; values[i]; i++)
        {
          g_autofree char *text = g_strdup_printf ("%s: %s", lineup_filter_dimension_label (d),
                                                   shown_value (d, values[i]));
          g_autofree char *name = g_strdup_printf (_("Remove filter %s"), text);
          GtkWidget *chip = gtk_button_new ();
          GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

          gtk_box_append (GTK_BOX (box), gtk_label_new (text));
          gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("window-close-symbolic"));
          gtk_button_set_child (GTK_BUTTON (chip), box);
          gtk_widget_add_css_class (chip, "filter-chip");
          gtk_widget_set_tooltip_text (chip, name);
          gtk_accessible_update_property (GTK_ACCESSIBLE (chip), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
          g_object_set_data (G_OBJECT (chip), "dimension", GINT_TO_POINTER (d));
          g_object_set_data_full (G_OBJECT (chip), "value", g_strdup (values[i]), g_free);
          g_signal_connect (chip, "clicked", G_CALLBACK (on_chip_clicked_cb), self);
          gtk_box_append (self->chips_box, chip);
        }
    }

  clear = gtk_button_new_with_label (_("Clear Filters"));
  gtk_widget_add_css_class (clear, "flat");
  g_signal_connect_swapped (clear, "clicked", G_CALLBACK (lineup_filter_clear), self->filter);
  gtk_box_append (self->chips_box, clear);
  gtk_revealer_set_reveal_child (self->chips_revealer, !lineup_filter_is_empty (self->filter));
}

static void
on_calendar_new_post_cb (LineupWindow *self,
                         const GDate  *date,
                         int           minutes)
{
  LineupPostEditor *editor = lineup_post_editor_new (self->store, NULL);

  lineup_post_editor_set_date (editor, date, minutes);
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (editor));
}

/* A suggestion of the Mix tab: the calendar at its week, or filtered to
 * the type it is about. */
static void
on_mix_show_in_calendar_cb (LineupWindow *self,
                            GDate        *week,
                            const char   *type)
{
  if (type)
    {
      const char *values[] = { type, NULL };
      lineup_filter_set_values (self->filter, LINEUP_FILTER_TYPE, values);
    }
  if (week)
    lineup_calendar_view_show_date (self->calendar_view, week);
  adw_view_stack_set_visible_child_name (self->view_stack, "calendar");
}

static void
on_view_toast_cb (LineupWindow *self,
                  const char   *message)
{
  lineup_window_toast (self, message);
}

static void
on_editor_deleted_cb (LineupWindow *self,
                      const char   *title)
{
  post_deleted (self, title);
}

/* ---- Export to File… ---- */

static void
on_dialog_done_cb (LineupWindow *self,
                   const char   *message)
{
  lineup_window_toast (self, message);
}

/* Asks what to export (range, filters, details) before where. */
static void
export_ics (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  LineupWindow *self = LINEUP_WINDOW (widget);
  LineupExportDialog *dialog;
  int year = 0, month = 0;

  lineup_calendar_view_get_month (self->calendar_view, &year, &month);
  dialog = lineup_export_dialog_new (self->store, self->filter, year, month);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "done", G_CALLBACK (on_dialog_done_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Plan This Month…: the month on screen (lineup-plan-month-dialog.h). */
static void
plan_month (GtkWidget *widget, const char *action_name, GVariant *param)
{
  LineupWindow *self = LINEUP_WINDOW (widget);

  lineup_plan_month_dialog_present (GTK_WINDOW (self), self->store, self->calendar_view,
                                    G_CALLBACK (on_dialog_done_cb));
}

/* Fill Gaps…: evergreen posts for the month on screen, as a preview. */
static void
fill_gaps (GtkWidget  *widget,
           const char *action_name,
           GVariant   *param)
{
  LineupWindow *self = LINEUP_WINDOW (widget);
  LineupFillGapsDialog *dialog;
  int year = 0, month = 0;

  lineup_calendar_view_get_month (self->calendar_view, &year, &month);
  dialog = lineup_fill_gaps_dialog_new (self->store, year, month);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "done", G_CALLBACK (on_dialog_done_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Import CSV… ---- */

static void
on_import_chosen_cb (GtkNativeDialog *chooser,
                     int              response,
                     LineupWindow    *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  LineupImportDialog *dialog;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      lineup_window_toast (self, _("Could not import: only a file on this computer can be imported"));
      return;
    }
  /* A preview first: nothing is written until Import. */
  dialog = lineup_import_dialog_new (self->store, path);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "done", G_CALLBACK (on_dialog_done_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_csv (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  LineupWindow *self = LINEUP_WINDOW (widget);
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Import CSV"), GTK_WINDOW (self),
                                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), NULL);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_import_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
load_demo (GtkWidget  *widget,
           const char *action_name,
           GVariant   *param)
{
  LineupWindow *self = LINEUP_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  guint n = 0;
  GDate today;

  lineup_store_get_today (self->store, &today);
  if (!lineup_demo_fill (self->store, g_date_get_year (&today), g_date_get_month (&today), &n, &error))
    {
      lineup_window_toast (self, error->message);
      return;
    }
  adw_view_stack_set_visible_child_name (self->view_stack, "list");
  {
    g_autofree char *text = g_strdup_printf (ngettext ("Loaded a demo month of %u post",
                                                       "Loaded a demo month of %u posts", n), n);
    lineup_window_toast_undo (self, text);
  }
}

static void
toggle_search (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LineupWindow *self = LINEUP_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "views") != 0)
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, "list");
  lineup_list_view_start_search (self->list_view);
}

/* The keyboard shortcuts, in a window made each time and gone when closed. */
static void
show_shortcuts (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/lineup/Lineup/common/lineup-shortcuts.ui");
  GtkWindow *shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts"));

  gtk_window_set_transient_for (shortcuts, GTK_WINDOW (widget));
  gtk_window_present (shortcuts);
}

static void
show_view (GtkWidget  *widget,
           const char *action_name,
           GVariant   *param)
{
  LineupWindow *self = LINEUP_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, g_variant_get_string (param, NULL));
}

static gboolean
is_planning_view (LineupWindow *self,
                  const char   *view)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) key = NULL;
  g_autoptr(GVariant) value = g_variant_ref_sink (g_variant_new_string (view));

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  key = g_settings_schema_get_key (schema, "last-view");
  return g_settings_schema_key_range_check (key, value);
}

static void
save_window_state (LineupWindow *self)
{
  int width, height;
  const char *view = adw_view_stack_get_visible_child_name (self->view_stack);

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  /* The Publishing panel is a place to visit, not to open on (and the
   * setting's choices are the planning views). */
  if (view && is_planning_view (self, view))
    g_settings_set_string (self->settings, "last-view", view);
  g_settings_apply (self->settings);
}

static gboolean
lineup_window_close_request (GtkWindow *window)
{
  stop_passes (LINEUP_WINDOW (window));
  save_window_state (LINEUP_WINDOW (window));
  return GTK_WINDOW_CLASS (lineup_window_parent_class)->close_request (window);
}

/* The views off screen get their plan when first shown: with a large plan
 * the board's columns and the list's days cost several times the first
 * frame (bench/lineup-bench-startup), and most starts open on the calendar. */
/* The page's view, made now if it is one of those made when first shown
 * (the Board, Mix, List and Results: most starts open on the calendar,
 * and making them was part of every start; the Results view's template,
 * charts and best-times grid were also measured with the window at its
 * first frame). */
static GtkWidget *
make_view (LineupWindow *self,
           const char   *name)
{
  GtkWidget *child = adw_view_stack_get_child_by_name (self->view_stack, name);
  GtkWidget *view;

  /* Only the bins of those four: other views may be bins themselves. */
  if (child == NULL ||
      (child != self->board_bin && child != self->mix_bin && child != self->list_bin && child != self->results_bin))
    return child;
  view = adw_bin_get_child (ADW_BIN (child));
  if (view)
    return view;
  if (child == self->board_bin)
    view = GTK_WIDGET (self->board_view = g_object_new (LINEUP_TYPE_BOARD_VIEW, NULL));
  else if (child == self->mix_bin)
    {
      view = GTK_WIDGET (self->mix_view = g_object_new (LINEUP_TYPE_MIX_VIEW, NULL));
      g_signal_connect_object (view, "show-in-calendar", G_CALLBACK (on_mix_show_in_calendar_cb), self,
                               G_CONNECT_SWAPPED);
    }
  else if (child == self->results_bin)
    view = g_object_new (LINEUP_TYPE_RESULTS_VIEW, NULL);
  else
    view = GTK_WIDGET (self->list_view = g_object_new (LINEUP_TYPE_LIST_VIEW, NULL));
  adw_bin_set_child (ADW_BIN (child), view);
  return view;
}

static void
ensure_view (LineupWindow *self,
             const char   *name)
{
  GtkWidget *view = name ? make_view (self, name) : NULL;

  if (!LINEUP_IS_VIEW (view) || g_hash_table_contains (self->ready_views, view))
    return;
  g_hash_table_add (self->ready_views, view);
  lineup_view_set_store (LINEUP_VIEW (view), self->store);
  lineup_view_set_filter (LINEUP_VIEW (view), self->filter);
}

static void
on_visible_view_changed_cb (LineupWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  if (name)
    make_view (self, name);
  /* The Mix tab counts the month the calendar shows (the calendar changes
   * month only while it is on screen). */
  if (g_strcmp0 (name, "mix") == 0)
    {
      int year, month;

      lineup_calendar_view_get_month (self->calendar_view, &year, &month);
      lineup_mix_view_set_month (self->mix_view, year, month);
    }
  /* So does the board's "Calendar's Month" scope. */
  if (g_strcmp0 (name, "board") == 0)
    {
      int year, month;

      lineup_calendar_view_get_month (self->calendar_view, &year, &month);
      lineup_board_view_set_calendar_month (self->board_view, year, month);
    }
  ensure_view (self, name);
}

static void
lineup_window_constructed (GObject *object)
{
  LineupWindow *self = (LineupWindow *) object;
  g_autofree char *view = NULL;

  G_OBJECT_CLASS (lineup_window_parent_class)->constructed (object);

  /* First, so the publishing summary the cards read exists before them. */
  lineup_publishing_view_set_store (self->publishing_view, self->store);

  /* Filters persist between runs and apply to every view. */
  self->filter = lineup_filter_new (self->store);
  for (LineupFilterDimension d = 0; d < LINEUP_N_FILTER_DIMENSIONS; d++)
    {
      g_auto(GStrv) values = g_settings_get_strv (self->settings, lineup_filter_dimension_key (d));
      lineup_filter_set_values (self->filter, d, (const char * const *) values);
    }
  g_signal_connect_object (self->filter, "changed", G_CALLBACK (on_filter_changed_cb), self, G_CONNECT_SWAPPED);
  on_filter_changed_cb (self);
  /* The calendar at once: most starts open on it. */
  ensure_view (self, "calendar");

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  view = g_settings_get_string (self->settings, "last-view");
  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (on_visible_view_changed_cb), self, G_CONNECT_SWAPPED);
  adw_view_stack_set_visible_child_name (self->view_stack, view);
  on_visible_view_changed_cb (self);

  g_signal_connect_object (self->store, "post-added", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "post-removed", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "reloaded", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_is_active_changed_cb), NULL);
  lineup_publishing_watch (self->store, G_CALLBACK (on_publishing_changed_cb), self);
  on_publishing_changed_cb (self);

  /* A shared plan: the indicator, and passes while the window is open. */
  lineup_share_indicator_set_store (self->share_indicator, self->store);
  lineup_share_marks_watch (self->store, G_CALLBACK (update_empty_state), self);
  g_signal_connect_object (self->store, "post-added", G_CALLBACK (on_local_change_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "post-changed", G_CALLBACK (on_local_change_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "post-removed", G_CALLBACK (on_local_change_cb), self, G_CONNECT_SWAPPED);
  self->pass_timer = g_timeout_add_seconds (SHARE_PASS_SECONDS, on_pass_timer_cb, self);
  update_empty_state (self);
}

static void
lineup_window_dispose (GObject *object)
{
  LineupWindow *self = (LineupWindow *) object;

  stop_passes (self);
  if (self->store)
    lineup_share_marks_unwatch (self->store, G_CALLBACK (update_empty_state), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_WINDOW);
  g_clear_pointer (&self->ready_views, g_hash_table_unref);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lineup_window_parent_class)->dispose (object);
}

static void
lineup_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LineupWindow *self = LINEUP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_window_class_init (LineupWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = lineup_window_constructed;
  object_class->dispose = lineup_window_dispose;
  object_class->set_property = lineup_window_set_property;
  window_class->close_request = lineup_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, LINEUP_TYPE_STORE,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LINEUP_TYPE_LIST_VIEW);
  g_type_ensure (LINEUP_TYPE_CALENDAR_VIEW);
  g_type_ensure (LINEUP_TYPE_BOARD_VIEW);
  g_type_ensure (LINEUP_TYPE_MIX_VIEW);
  g_type_ensure (LINEUP_TYPE_PUBLISHING_VIEW);
  g_type_ensure (LINEUP_TYPE_RESULTS_VIEW);
  g_type_ensure (LINEUP_TYPE_SHARE_INDICATOR);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lineup/Lineup/common/lineup-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, list_bin);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, calendar_view);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, board_bin);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, mix_bin);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, results_bin);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, publishing_page);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, publishing_view);
  gtk_widget_class_bind_template_callback (widget_class, on_view_toast_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_new_post_cb);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, filter_popover);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, filter_button);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, chips_revealer);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, chips_box);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, share_indicator);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, join_button);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_title_visible_cb);

  gtk_widget_class_install_action (widget_class, "win.load-demo", NULL, load_demo);
  gtk_widget_class_install_action (widget_class, "win.export-ics", NULL, export_ics);
  gtk_widget_class_install_action (widget_class, "win.import-csv", NULL, import_csv);
  gtk_widget_class_install_action (widget_class, "win.plan-month", NULL, plan_month);
  gtk_widget_class_install_action (widget_class, "win.fill-gaps", NULL, fill_gaps);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, toggle_search);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_shortcuts);
  gtk_widget_class_install_action (widget_class, "win.edit-post", "s", edit_post_action);
  gtk_widget_class_install_action (widget_class, "win.toast", "s", toast_action);
  gtk_widget_class_install_action (widget_class, "win.post-deleted", "s", post_deleted_action);
  gtk_widget_class_install_action (widget_class, "win.toast-undo", "s", toast_undo_action);
  gtk_widget_class_install_action (widget_class, "win.join-shared", NULL, join_shared);
  gtk_widget_class_install_action (widget_class, "win.queue-post", "s", queue_post_action);
}

static void
lineup_window_init (LineupWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);
  self->ready_views = g_hash_table_new (NULL, NULL);
}

LineupWindow *
lineup_window_new (LineupApplication *application,
                   LineupStore       *store)
{
  return g_object_new (LINEUP_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       NULL);
}

static void
add_to_overlay (GtkWidget *overlay,
                AdwToast  *toast)
{
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

void
lineup_window_toast (LineupWindow *self,
                     const char   *text)
{
  AdwToast *toast;

  g_return_if_fail (LINEUP_IS_WINDOW (self));

  toast = adw_toast_new (text);
  adw_toast_set_timeout (toast, 5);
  lineup_toasts_show (GTK_WIDGET (self->toast_overlay), add_to_overlay, toast, FALSE);
}

void
lineup_window_toast_undo (LineupWindow *self,
                          const char   *text)
{
  AdwToast *toast;

  g_return_if_fail (LINEUP_IS_WINDOW (self));

  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "app.undo");
  /* Next, dismissing the one shown (lineup-toasts.h). */
  lineup_toasts_show (GTK_WIDGET (self->toast_overlay), add_to_overlay, toast, TRUE);
}

static void
open_editor (LineupWindow *self,
             LineupPost   *post)
{
  LineupPostEditor *editor = lineup_post_editor_new (self->store, post);

  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (self));
  g_signal_connect_object (editor, "post-deleted", G_CALLBACK (on_editor_deleted_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

void
lineup_window_share_pass (LineupWindow *self)
{
  g_return_if_fail (LINEUP_IS_WINDOW (self));
  share_pass (self, TRUE);
}

void
lineup_window_new_post (LineupWindow *self)
{
  GDate day, now;

  g_return_if_fail (LINEUP_IS_WINDOW (self));

  /* With the calendar on another month (or week), the new post goes
   * there, not to today. */
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "calendar") == 0)
    {
      lineup_store_get_today (self->store, &now);
      lineup_calendar_view_get_new_post_day (self->calendar_view, &day);
      if (g_date_compare (&day, &now) != 0)
        {
          on_calendar_new_post_cb (self, &day, lineup_store_get_default_time (self->store));
          return;
        }
    }
  open_editor (self, NULL);
}

void
lineup_window_edit_post (LineupWindow *self,
                         LineupPost   *post)
{
  g_return_if_fail (LINEUP_IS_WINDOW (self));
  g_return_if_fail (LINEUP_IS_POST (post));
  open_editor (self, post);
}
