/* lineup-post-editor.c
 *
 * The editor holds the user's text until Save; a save is one transaction and
 * one undo step (a new pillar, the post, its stage). When the store refuses,
 * the reason is shown here and nothing typed is lost.
 *
 * The Stage row offers what the workflow allows (lineup-workflow.h): a new
 * post starts in Brief, Draft or In review and is added by
 * lineup_workflow_add (); a stored one moves as lineup_workflow_can_move ()
 * says. The other stages show, disabled, with the reason
 * (lineup-post-editor-stage.c).
 *
 * Closing with changes not saved (Esc, Cancel, the window's close) asks
 * "Save changes?"; without any, it closes at once. Errors show in a bar at
 * the window's foot, so that nothing above it moves under the pointer.
 *
 * In a shared plan, a post whose change met another's (lineup-share.h)
 * shows each field's two values above the form, with Keep Mine and Keep
 * Theirs; the choice is lineup_share_resolve (), sent by the next pass
 * (lineup-post-editor-conflicts.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-account.h"
#include "lineup-outbox.h"
#include "lineup-post-editor.h"
#include "lineup-post-editor-private.h"
#include "lineup-publishing.h"
#include "lineup-share.h"
#include "lineup-share-marks.h"
#include "lineup-text.h"
#include "lineup-workflow-panel.h"
#include "lineup-preview-dialog.h"

G_DEFINE_FINAL_TYPE (LineupPostEditor, lineup_post_editor, ADW_TYPE_WINDOW)

enum {
  POST_DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

char *
lineup_post_editor_get_body (LineupPostEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
lineup_post_editor_show_error (LineupPostEditor *self,
            const char       *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

static void
update_date_label (LineupPostEditor *self)
{
  g_autofree char *label = NULL;

  if (gtk_switch_get_active (self->date_switch) && g_date_valid (&self->date))
    {
      char text[64];
      g_date_strftime (text, sizeof text, "%a %-d %b %Y", &self->date);
      label = g_strdup (text);
    }
  else
    label = g_strdup (_("No date (backlog)"));
  gtk_menu_button_set_label (self->date_button, label);
}

static void
on_date_switch_cb (LineupPostEditor *self)
{
  if (gtk_switch_get_active (self->date_switch) && !g_date_valid (&self->date))
    {
      lineup_store_get_today (self->store, &self->date);
    }
  if (gtk_switch_get_active (self->date_switch) &&
      *gtk_editable_get_text (GTK_EDITABLE (self->time_row)) == '\0')
    {
      int minutes = lineup_store_get_default_time (self->store);
      g_autofree char *time = g_strdup_printf ("%02d:%02d", minutes / 60, minutes % 60);
      gtk_editable_set_text (GTK_EDITABLE (self->time_row), time);
    }
  update_date_label (self);
}

/* A day picked is the date; the popover closes itself, so that the next
 * Esc is the editor's, asked about, not the popover's. */
static void
on_day_selected_cb (LineupPostEditor *self)
{
  g_autoptr(GDateTime) picked = gtk_calendar_get_date (self->calendar);

  g_date_set_dmy (&self->date, g_date_time_get_day_of_month (picked), g_date_time_get_month (picked),
                  g_date_time_get_year (picked));
  update_date_label (self);
  gtk_menu_button_popdown (self->date_button);
  lineup_post_editor_form_changed (self);
}

static gboolean
day_picked_idle_cb (gpointer data)
{
  LineupPostEditor *self = data;

  if (self->store)
    on_day_selected_cb (self);
  return G_SOURCE_REMOVE;
}

/* GtkCalendar says nothing when the day picked is the one already chosen
 * (today, for a new post): a click on a day or Space picks it all the same. */
static void
day_picked_later (LineupPostEditor *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, day_picked_idle_cb, g_object_ref (self), g_object_unref);
}

static void
on_calendar_pressed_cb (GtkGestureClick  *gesture,
                        int               n_press,
                        double            x,
                        double            y,
                        LineupPostEditor *self)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->calendar), x, y, GTK_PICK_DEFAULT);

  /* The days, not the month's and the year's arrows. */
  if (picked && gtk_widget_has_css_class (picked, "day-number"))
    day_picked_later (self);
}

static gboolean
on_calendar_key_cb (GtkEventControllerKey *controller,
                    guint                  keyval,
                    guint                  keycode,
                    GdkModifierType        state,
                    LineupPostEditor      *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self->calendar));

  /* On the grid of days, not on a month's or a year's arrow. */
  if ((keyval == GDK_KEY_space || keyval == GDK_KEY_KP_Space) &&
      root && gtk_root_get_focus (root) == GTK_WIDGET (self->calendar))
    day_picked_later (self);
  return FALSE;
}

static void
watch_calendar (LineupPostEditor *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_calendar_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->calendar), GTK_EVENT_CONTROLLER (click));
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_calendar_key_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->calendar), keys);
}

static void
on_pillar_selected_cb (LineupPostEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->pillar_row);
  gboolean new_pillar = self->pillar_ids && selected == self->pillar_ids->len;

  gtk_widget_set_visible (GTK_WIDGET (self->new_pillar_row), new_pillar);
  if (new_pillar)
    gtk_widget_grab_focus (GTK_WIDGET (self->new_pillar_row));
}

/* ---- where the post goes ---- */

/* Each account's row says where the post stands there: its state and
 * the server's words, or what stops the account from publishing. */
static void
update_sync_rows (LineupPostEditor *self)
{
  g_autoptr(GPtrArray) rows = NULL;

  if (self->accounts == NULL)
    return;
  if (self->post)
    rows = lineup_store_get_post_sync (self->store, lineup_post_get_id (self->post), NULL);
  for (guint i = 0; i < self->accounts->len; i++)
    {
      LineupAccount *account = g_ptr_array_index (self->accounts, i);
      GtkWidget *row = g_ptr_array_index (self->account_rows, i);
      LineupPostSync *sync = NULL;
      g_autoptr(GString) subtitle = g_string_new (lineup_account_kind_to_label (account->kind));
      g_autofree char *escaped = NULL;

      for (guint r = 0; rows && r < rows->len; r++)
        if (g_strcmp0 (((LineupPostSync *) g_ptr_array_index (rows, r))->account_id, account->id) == 0)
          sync = g_ptr_array_index (rows, r);
      if (sync)
        {
          g_string_append_printf (subtitle, " · %s", lineup_sync_state_to_label (sync->state));
          if (sync->message && *sync->message)
            g_string_append_printf (subtitle, " — %s", sync->message);
          if (sync->state == LINEUP_SYNC_PUBLISHED && sync->url)
            g_string_append_printf (subtitle, " — %s", sync->url);
        }
      if (account->problem)
        g_string_append_printf (subtitle, _(" · cannot publish: %s"), account->problem);
      escaped = g_markup_escape_text (subtitle->str, -1);
      /* Most changes of the plan's publishing are about other posts. */
      if (g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), escaped) == 0)
        continue;
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
      gtk_accessible_update_property (GTK_ACCESSIBLE (g_ptr_array_index (self->account_checks, i)),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle->str, -1);
    }
}

static void
build_publish_to (LineupPostEditor *self)
{
  g_autoptr(GError) error = NULL;

  self->accounts = lineup_store_get_accounts (self->store, &error);
  self->account_checks = g_ptr_array_new ();
  self->account_rows = g_ptr_array_new ();
  if (self->accounts == NULL || self->accounts->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *add = gtk_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No accounts yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error ? error->message
                                   : _("Add Mastodon, Bluesky or a webhook in Preferences → Publishing"));
      /* A child label, not the label property: GTK 4.8 would name the
       * button from both. */
      gtk_button_set_child (GTK_BUTTON (add), gtk_label_new_with_mnemonic (_("_Add an Account…")));
      gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "app.show-accounts");
      gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add an Account"), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), add);
      adw_preferences_group_add (self->publish_group, row);
      g_clear_pointer (&self->accounts, g_ptr_array_unref);
      return;
    }
  for (guint i = 0; i < self->accounts->len; i++)
    {
      LineupAccount *account = g_ptr_array_index (self->accounts, i);
      g_autofree char *title = g_markup_escape_text (account->name, -1);
      g_autofree char *name = g_strdup_printf (_("Publish to %s"), account->name);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (lineup_post_editor_update_counts), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      /* The row labels its activatable widget by its title too; GTK 4.8
       * would say both ("Publish to Team Team"). */
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      adw_preferences_group_add (self->publish_group, row);
      g_ptr_array_add (self->account_checks, check);
      g_ptr_array_add (self->account_rows, row);
    }
  g_signal_connect_object (self->store, "publishing-changed", G_CALLBACK (update_sync_rows), self, G_CONNECT_SWAPPED);
  update_sync_rows (self);
}

/* Inside the save's transaction: the targets as ticked. */
static gboolean
save_targets (LineupPostEditor  *self,
              const char        *post_id,
              GError           **error)
{
  for (guint i = 0; self->accounts && i < self->accounts->len; i++)
    {
      LineupAccount *account = g_ptr_array_index (self->accounts, i);
      gboolean on = gtk_check_button_get_active (g_ptr_array_index (self->account_checks, i));
      gboolean was = self->targets && g_strv_contains ((const char * const *) self->targets, account->id);

      if (on != was && !lineup_store_set_post_target (self->store, post_id, account->id, on, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- filling the form ---- */

static void
fill_combo (AdwComboRow  *row,
            GListModel   *model,
            const char *(*get_name) (gpointer),
            gint64      (*get_id) (gpointer),
            const char   *first,
            const char   *last,
            GPtrArray   **out_ids)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint n = g_list_model_get_n_items (model);

  *out_ids = g_ptr_array_new_with_free_func (g_free);
  if (first)
    {
      gtk_string_list_append (names, first);
      g_ptr_array_add (*out_ids, g_memdup2 (&(gint64) { 0 }, sizeof (gint64)));
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      gint64 id = get_id (item);

      gtk_string_list_append (names, get_name (item));
      g_ptr_array_add (*out_ids, g_memdup2 (&id, sizeof id));
    }
  if (last)
    gtk_string_list_append (names, last);
  adw_combo_row_set_model (row, G_LIST_MODEL (names));
}

static guint
position_of_id (GPtrArray *ids,
                gint64     id)
{
  for (guint i = 0; i < ids->len; i++)
    if (*(gint64 *) g_ptr_array_index (ids, i) == id)
      return i;
  return 0;
}

static void
build_form (LineupPostEditor *self)
{
  guint n_platforms;
  const LineupPlatformInfo *platforms = lineup_platforms_get_all (&n_platforms);
  g_autoptr(GtkStringList) stages = gtk_string_list_new (NULL);

  fill_combo (self->pillar_row, lineup_store_get_pillars (self->store),
              (gpointer) lineup_pillar_get_name, (gpointer) lineup_pillar_get_id,
              NULL, _("New pillar…"), &self->pillar_ids);
  fill_combo (self->type_row, lineup_store_get_content_types (self->store),
              (gpointer) lineup_content_type_get_name, (gpointer) lineup_content_type_get_id,
              NULL, NULL, &self->type_ids);
  fill_combo (self->campaign_row, lineup_store_get_campaigns (self->store),
              (gpointer) lineup_campaign_get_name, (gpointer) lineup_campaign_get_id,
              _("None"), NULL, &self->campaign_ids);

  for (guint s = 0; s < LINEUP_N_STAGES; s++)
    gtk_string_list_append (stages, lineup_stage_to_label (s));
  adw_combo_row_set_model (self->stage_row, G_LIST_MODEL (stages));

  self->platform_checks = g_ptr_array_new ();
  for (guint i = 0; i < n_platforms; i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (platforms[i].name);

      g_signal_connect_swapped (check, "toggled", G_CALLBACK (lineup_post_editor_update_counts), self);
      gtk_flow_box_append (self->platform_box, check);
      /* The check box is the stop: the flow box's cell around it would be
       * a second, nameless one before it. */
      gtk_widget_set_focusable (gtk_widget_get_parent (check), FALSE);
      g_ptr_array_add (self->platform_checks, check);
    }

  for (guint f = 0; f < LINEUP_N_BRIEF_FIELDS; f++)
    {
      self->brief_rows[f] = ADW_ENTRY_ROW (adw_entry_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->brief_rows[f]), lineup_brief_field_to_label (f));
      adw_preferences_group_add (self->brief_group, GTK_WIDGET (self->brief_rows[f]));
    }
  self->due_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->due_row), _("Due date (YYYY-MM-DD)"));
  adw_preferences_group_add (self->brief_group, GTK_WIDGET (self->due_row));

  build_publish_to (self);

  g_signal_connect_swapped (gtk_text_view_get_buffer (self->body_view), "changed",
                            G_CALLBACK (lineup_post_editor_update_counts), self);
  /* Mastodon counts the content warning with the caption. */
  g_signal_connect_swapped (self->cw_row, "changed", G_CALLBACK (lineup_post_editor_update_counts), self);
  /* A campaign's utm_campaign is counted where the whole link counts. */
  g_signal_connect_swapped (self->campaign_row, "notify::selected", G_CALLBACK (lineup_post_editor_update_counts), self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (lineup_post_editor_update_counts), self, G_CONNECT_SWAPPED);
}

void
lineup_post_editor_load_post (LineupPostEditor *self)
{
  LineupPost *post = self->post;
  guint n_platforms;
  const LineupPlatformInfo *platforms = lineup_platforms_get_all (&n_platforms);

  if (post == NULL)
    {
      /* A new idea starts in the backlog as a brief. */
      gtk_window_set_title (GTK_WINDOW (self), _("New Post"));
      gtk_widget_set_visible (GTK_WIDGET (self->delete_group), FALSE);
      adw_combo_row_set_selected (self->stage_row, LINEUP_STAGE_BRIEF);
      if (self->pillar_ids->len == 0)
        adw_combo_row_set_selected (self->pillar_row, 0);
      on_pillar_selected_cb (self);
      update_date_label (self);
      lineup_post_editor_update_counts (self);
      return;
    }

  gtk_window_set_title (GTK_WINDOW (self), _("Edit Post"));
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), lineup_post_get_title (post));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view), lineup_post_get_body (post), -1);
  gtk_editable_set_text (GTK_EDITABLE (self->cw_row), lineup_post_get_content_warning (post));
  adw_combo_row_set_selected (self->pillar_row, position_of_id (self->pillar_ids, lineup_post_get_pillar_id (post)));
  adw_combo_row_set_selected (self->type_row, position_of_id (self->type_ids, lineup_post_get_type_id (post)));
  adw_combo_row_set_selected (self->stage_row, lineup_post_get_stage (post));
  adw_combo_row_set_selected (self->campaign_row, position_of_id (self->campaign_ids, lineup_post_get_campaign_id (post)));
  for (guint i = 0; i < n_platforms; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->platform_checks, i),
                                 lineup_post_has_platform (post, platforms[i].key));
  self->targets = lineup_store_get_post_targets (self->store, lineup_post_get_id (post), NULL);
  for (guint i = 0; self->accounts && i < self->accounts->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->account_checks, i),
                                 self->targets && g_strv_contains ((const char * const *) self->targets,
                                                                   ((LineupAccount *) g_ptr_array_index (self->accounts, i))->id));
  update_sync_rows (self);

  if (lineup_post_is_dated (post))
    {
      int minutes;
      g_autofree char *time = NULL;
      g_autoptr(GDateTime) day = NULL;

      lineup_store_utc_to_local (self->store, lineup_post_get_scheduled_at (post), &self->date, &minutes);
      time = g_strdup_printf ("%02d:%02d", minutes / 60, minutes % 60);
      gtk_editable_set_text (GTK_EDITABLE (self->time_row), time);
      day = g_date_time_new_local (g_date_get_year (&self->date), g_date_get_month (&self->date),
                                   g_date_get_day (&self->date), 12, 0, 0);
      gtk_calendar_select_day (self->calendar, day);
      gtk_switch_set_active (self->date_switch, TRUE);
    }

  for (guint f = 0; f < LINEUP_N_BRIEF_FIELDS; f++)
    if (lineup_post_get_brief (post, f))
      gtk_editable_set_text (GTK_EDITABLE (self->brief_rows[f]), lineup_post_get_brief (post, f));
  if (lineup_post_get_due_on (post))
    gtk_editable_set_text (GTK_EDITABLE (self->due_row), lineup_post_get_due_on (post));

  on_pillar_selected_cb (self);
  update_date_label (self);
  lineup_post_editor_update_counts (self);
  lineup_post_editor_update_series (self);
}

/* ---- saving ---- */

/* Copies the form into @post; the store validates the rest. */
gboolean
lineup_post_editor_read_form (LineupPostEditor  *self,
           LineupPost        *post,
           GError           **error)
{
  guint n_platforms;
  const LineupPlatformInfo *platforms = lineup_platforms_get_all (&n_platforms);
  g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();
  g_auto(GStrv) platform_keys = NULL;
  g_autofree char *body = lineup_post_editor_get_body (self);
  guint type = adw_combo_row_get_selected (self->type_row);
  guint campaign = adw_combo_row_get_selected (self->campaign_row);
  const char *due = gtk_editable_get_text (GTK_EDITABLE (self->due_row));

  lineup_post_set_title (post, gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
  lineup_post_set_body (post, body);
  lineup_post_set_content_warning (post, gtk_editable_get_text (GTK_EDITABLE (self->cw_row)));
  lineup_post_editor_read_variants (self, post);

  if (type < self->type_ids->len)
    lineup_post_set_type_id (post, *(gint64 *) g_ptr_array_index (self->type_ids, type));
  if (campaign < self->campaign_ids->len)
    lineup_post_set_campaign_id (post, *(gint64 *) g_ptr_array_index (self->campaign_ids, campaign));

  for (guint i = 0; i < n_platforms; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->platform_checks, i)))
      g_strv_builder_add (keys, platforms[i].key);
  platform_keys = g_strv_builder_end (keys);
  lineup_post_set_platforms (post, (const char * const *) platform_keys);

  if (gtk_switch_get_active (self->date_switch))
    {
      const char *time = gtk_editable_get_text (GTK_EDITABLE (self->time_row));
      int minutes;

      if (!lineup_parse_time (time, &minutes))
        {
          g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                       _("The time “%s” is not valid: write it as HH:MM, e.g. 09:30"), time);
          return FALSE;
        }
      lineup_post_set_scheduled_at (post, lineup_store_local_to_utc (self->store, &self->date, minutes));
    }
  else
    lineup_post_set_scheduled_at (post, LINEUP_POST_UNDATED);

  for (guint f = 0; f < LINEUP_N_BRIEF_FIELDS; f++)
    lineup_post_set_brief (post, f, gtk_editable_get_text (GTK_EDITABLE (self->brief_rows[f])));
  if (*due && !lineup_parse_date (due, NULL))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The due date “%s” is not valid: write it as YYYY-MM-DD, e.g. 2026-12-10"), due);
      return FALSE;
    }
  lineup_post_set_due_on (post, due);
  return TRUE;
}

/* ---- changes not saved ---- */

/* Everything the form holds but the stage, in one string: the form is
 * changed when it differs from the one taken as it opened. (The stage is
 * compared with the post's own: the approval panel moves it while the
 * editor is open.) */
static char *
form_fingerprint (LineupPostEditor *self)
{
  GString *out = g_string_new (NULL);
  g_autofree char *body = lineup_post_editor_get_body (self);

#define FIELD(s) (g_string_append (out, (s)), g_string_append_c (out, '\x1f'))
  FIELD (gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
  FIELD (body);
  FIELD (gtk_editable_get_text (GTK_EDITABLE (self->cw_row)));
  g_string_append_printf (out, "%u\x1f%u\x1f%u\x1f", adw_combo_row_get_selected (self->pillar_row),
                          adw_combo_row_get_selected (self->type_row),
                          adw_combo_row_get_selected (self->campaign_row));
  FIELD (gtk_widget_get_visible (GTK_WIDGET (self->new_pillar_row))
         ? gtk_editable_get_text (GTK_EDITABLE (self->new_pillar_row)) : "");
  if (gtk_switch_get_active (self->date_switch))
    {
      g_string_append_printf (out, "%u\x1f", g_date_valid (&self->date) ? g_date_get_julian (&self->date) : 0);
      FIELD (gtk_editable_get_text (GTK_EDITABLE (self->time_row)));
    }
  else
    FIELD ("undated");
  for (guint i = 0; i < self->platform_checks->len; i++)
    g_string_append_c (out, gtk_check_button_get_active (g_ptr_array_index (self->platform_checks, i)) ? '1' : '0');
  g_string_append_c (out, '\x1f');
  for (guint i = 0; self->account_checks && i < self->account_checks->len; i++)
    g_string_append_c (out, gtk_check_button_get_active (g_ptr_array_index (self->account_checks, i)) ? '1' : '0');
  g_string_append_c (out, '\x1f');
  for (guint f = 0; f < LINEUP_N_BRIEF_FIELDS; f++)
    FIELD (gtk_editable_get_text (GTK_EDITABLE (self->brief_rows[f])));
  FIELD (gtk_editable_get_text (GTK_EDITABLE (self->due_row)));
  lineup_post_editor_append_variants (self, out);
#undef FIELD
  return g_string_free (out, FALSE);
}

void
lineup_post_editor_take_baseline (LineupPostEditor *self)
{
  g_free (self->baseline);
  self->baseline = form_fingerprint (self);
}

gboolean
lineup_post_editor_has_changes (LineupPostEditor *self)
{
  g_autofree char *now = form_fingerprint (self);

  return g_strcmp0 (now, self->baseline) != 0 ||
         adw_combo_row_get_selected (self->stage_row) != (guint) lineup_post_editor_stored_stage (self);
}

static void add_workflow_panel (LineupPostEditor *self);

/* A new post just saved while the editor stays open (its first medium):
 * from now on the editor edits that post, as if opened on it. */
static void
become_saved (LineupPostEditor *self,
              const char       *id)
{
  g_autoptr(LineupPost) stored = lineup_store_get_post (self->store, id, NULL);

  if (stored == NULL)
    return;
  g_set_object (&self->post, stored);
  /* A pillar made with it ("New pillar…") is now one of the list. */
  if (adw_combo_row_get_selected (self->pillar_row) >= self->pillar_ids->len)
    {
      g_clear_pointer (&self->pillar_ids, g_ptr_array_unref);
      fill_combo (self->pillar_row, lineup_store_get_pillars (self->store),
                  (gpointer) lineup_pillar_get_name, (gpointer) lineup_pillar_get_id,
                  NULL, _("New pillar…"), &self->pillar_ids);
      adw_combo_row_set_selected (self->pillar_row, position_of_id (self->pillar_ids, lineup_post_get_pillar_id (stored)));
      on_pillar_selected_cb (self);
    }
  gtk_window_set_title (GTK_WINDOW (self), _("Edit Post"));
  gtk_widget_set_visible (GTK_WIDGET (self->delete_group), TRUE);
  g_clear_pointer (&self->targets, g_strfreev);
  self->targets = lineup_store_get_post_targets (self->store, id, NULL);
  update_sync_rows (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.queue", TRUE);
  adw_action_row_set_subtitle (self->queue_row, _("The next free posting slot of its networks"));
  lineup_post_editor_update_series (self);
  add_workflow_panel (self);
  lineup_post_editor_add_family (self);
  lineup_post_editor_update_conflicts (self);
  lineup_share_marks_watch (self->store, G_CALLBACK (lineup_post_editor_update_conflicts), self);
  lineup_post_editor_take_baseline (self);
  lineup_post_editor_update_stage_choices (self);
}

/* Saves the form in one transaction; @then (when not NULL) runs inside it
 * once the post is written, with its id (a new post's first medium goes
 * on it there: one undo step). */
static gboolean
save_with (LineupPostEditor      *self,
           LineupPostEditorThen   then,
           gpointer               data,
           GError               **error)
{
  g_autoptr(LineupPost) post = self->post ? lineup_post_copy (self->post) : lineup_post_new ();
  guint pillar = adw_combo_row_get_selected (self->pillar_row);
  LineupStage stage = adw_combo_row_get_selected (self->stage_row);
  g_autofree char *label = NULL;

  if (!lineup_post_editor_read_form (self, post, error))
    return FALSE;

  label = g_strdup_printf (self->post ? _("Edit “%s”") : _("Add “%s”"), lineup_post_get_title (post));
  lineup_store_begin (self->store, label);

  if (pillar >= self->pillar_ids->len)
    {
      LineupPillar *created = lineup_store_add_pillar (self->store,
                                                       gtk_editable_get_text (GTK_EDITABLE (self->new_pillar_row)),
                                                       NULL, -1, error);
      if (created == NULL)
        goto failed;
      lineup_post_set_pillar_id (post, lineup_pillar_get_id (created));
    }
  else
    lineup_post_set_pillar_id (post, *(gint64 *) g_ptr_array_index (self->pillar_ids, pillar));

  if (self->post == NULL)
    {
      /* The one rule for a new post: where it may start. */
      lineup_post_set_stage (post, stage);
      if (!lineup_workflow_add (self->store, post, LINEUP_NEW_POST_DEFAULT, error) ||
          !save_targets (self, lineup_post_get_id (post), error))
        goto failed;
    }
  else
    {
      if (!lineup_series_edit (self->store, post, self->series_scope, error) ||
          !save_targets (self, lineup_post_get_id (post), error))
        goto failed;
      /* Through the workflow's rules, after the edit (which may itself have
       * sent an approved post back to review). */
      if (stage != lineup_post_get_stage (self->post) &&
          stage != lineup_post_get_stage (post) &&
          !lineup_workflow_move (self->store, lineup_post_get_id (post), stage, NULL, NULL, NULL, error))
        goto failed;
    }
  if (then && !then (self, lineup_post_get_id (post), data, error))
    goto failed;
  if (!lineup_store_commit (self->store, error))
    return FALSE;
  if (then && self->post == NULL)
    become_saved (self, lineup_post_get_id (post));
  return TRUE;

failed:
  lineup_store_rollback (self->store);
  return FALSE;
}

static gboolean
save (LineupPostEditor  *self,
      GError           **error)
{
  return save_with (self, NULL, NULL, error);
}

gboolean
lineup_post_editor_save_new (LineupPostEditor      *self,
                             LineupPostEditorThen   then,
                             gpointer               data,
                             GError               **error)
{
  g_return_val_if_fail (self->post == NULL, FALSE);
  return save_with (self, then, data, error);
}

/* Saves and closes; when the store refuses, the editor stays open with
 * everything typed and says why. */
static void
save_and_close (LineupPostEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (!save (self, &error))
    {
      lineup_post_editor_show_error (self, error->message);
      lineup_post_editor_update_stage_choices (self);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  if (!lineup_post_editor_series_ask (LINEUP_POST_EDITOR (widget)))
    save_and_close (LINEUP_POST_EDITOR (widget));
}

/* Esc and Cancel close as the window's close does: asking first when
 * something typed is not saved. */
static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static gboolean
discard_idle_cb (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static gboolean
save_idle_cb (gpointer data)
{
  save_and_close (LINEUP_POST_EDITOR (data));
  return G_SOURCE_REMOVE;
}

/* Once the question has closed: GTK 4.8 still speaks to the window it was
 * for while it closes, so that window must not go from inside the answer. */
static void
on_confirm_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        LineupPostEditor *self)
{
  if (self->confirm)
    g_object_remove_weak_pointer (G_OBJECT (self->confirm), (gpointer *) &self->confirm);
  self->confirm = NULL;
  if (g_str_equal (response, "discard"))
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, discard_idle_cb, g_object_ref (self), g_object_unref);
  else if (g_str_equal (response, "save"))
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, save_idle_cb, g_object_ref (self), g_object_unref);
}

static void
ask_save_changes (LineupPostEditor *self)
{
  GtkWidget *dialog;

  if (self->confirm)
    {
      gtk_window_present (GTK_WINDOW (self->confirm));
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save changes?"),
                                   self->post
                                     ? _("This post has changes that are not saved. If you discard them, they are lost.")
                                     : _("This new post is not saved yet. If you discard it, what you typed is lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_confirm_response_cb), self);
  self->confirm = ADW_MESSAGE_DIALOG (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->confirm);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
lineup_post_editor_close_request (GtkWindow *window)
{
  LineupPostEditor *self = LINEUP_POST_EDITOR (window);

  if (self->store && lineup_post_editor_has_changes (self))
    {
      ask_save_changes (self);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (lineup_post_editor_parent_class)->close_request (window);
}

/* The form as it stands (captions, variants, campaign), as each network
 * will show it. */
static void
preview_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LineupPostEditor *self = LINEUP_POST_EDITOR (widget);
  g_autoptr(LineupPost) draft = lineup_post_editor_draft_post (self, NULL);
  g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();
  g_auto(GStrv) platform_keys = NULL;
  guint n_platforms;
  const LineupPlatformInfo *platforms = lineup_platforms_get_all (&n_platforms);

  /* The networks ticked now, saved or not (a new post has none saved). */
  for (guint i = 0; i < n_platforms; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->platform_checks, i)))
      g_strv_builder_add (keys, platforms[i].key);
  platform_keys = g_strv_builder_end (keys);
  lineup_post_set_platforms (draft, (const char * const *) platform_keys);

  gtk_window_present (GTK_WINDOW (lineup_preview_dialog_new (GTK_WINDOW (self), self->store, draft)));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LineupPostEditor *self = LINEUP_POST_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (self->post == NULL)
    return;
  if (!lineup_store_delete_post (self->store, lineup_post_get_id (self->post), &error))
    {
      lineup_post_editor_show_error (self, error->message);
      return;
    }
  g_signal_emit (self, signals[POST_DELETED], 0, lineup_post_get_title (self->post));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
lineup_post_editor_dispose (GObject *object)
{
  LineupPostEditor *self = (LineupPostEditor *) object;

  if (self->store)
    lineup_share_marks_unwatch (self->store, G_CALLBACK (lineup_post_editor_update_conflicts), self);
  g_clear_handle_id (&self->stage_choices_idle, g_source_remove);
  if (self->confirm)
    {
      AdwMessageDialog *confirm = self->confirm;

      g_object_remove_weak_pointer (G_OBJECT (confirm), (gpointer *) &self->confirm);
      self->confirm = NULL;
      g_signal_handlers_disconnect_by_data (confirm, self);
      gtk_window_destroy (GTK_WINDOW (confirm));
    }
  lineup_post_editor_dispose_media (self);
  /* The tabs' views go with the template: nothing counts them after. */
  g_clear_pointer (&self->variant_views, g_ptr_array_unref);
  g_clear_pointer (&self->variant_counts, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_POST_EDITOR);
  g_clear_object (&self->store);
  g_clear_object (&self->post);
  g_clear_pointer (&self->pillar_ids, g_ptr_array_unref);
  g_clear_pointer (&self->type_ids, g_ptr_array_unref);
  g_clear_pointer (&self->campaign_ids, g_ptr_array_unref);
  g_clear_pointer (&self->platform_checks, g_ptr_array_unref);
  g_clear_pointer (&self->accounts, g_ptr_array_unref);
  g_clear_pointer (&self->account_checks, g_ptr_array_unref);
  g_clear_pointer (&self->account_rows, g_ptr_array_unref);
  g_clear_pointer (&self->targets, g_strfreev);
  g_clear_pointer (&self->stage_reasons, g_ptr_array_unref);
  g_clear_pointer (&self->stage_items, g_ptr_array_unref);
  g_clear_pointer (&self->baseline, g_free);

  G_OBJECT_CLASS (lineup_post_editor_parent_class)->dispose (object);
}

static void
lineup_post_editor_class_init (LineupPostEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = lineup_post_editor_dispose;
  window_class->close_request = lineup_post_editor_close_request;

  signals[POST_DELETED] =
    g_signal_new ("post-deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lineup/Lineup/editor/lineup-post-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupPostEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, LineupPostEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, LineupPostEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPostEditor, body_view);
  gtk_widget_class_bind_template_child (widget_class, LineupPostEditor, cw_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPostEditor, count_label);
  gtk_widget_class_bind_template_child (widget_class, LineupPostEditor, platform_box);
  gtk_widget_class_bind_template_child (widget_class, LineupPostEditor, publish_group);
  gtk_widget_class_bind_template_child (widget_class, LineupPostEditor, pillar_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPostEditor, new_pillar_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPostEditor, type_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPostEditor, stage_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPostEditor, date_button);
  gtk_widget_class_bind_template_child (widget_class, LineupPostEditor, date_switch);
  gtk_widget_class_bind_template_child (widget_class, LineupPostEditor, calendar);
  gtk_widget_class_bind_template_child (widget_class, LineupPostEditor, time_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPostEditor, campaign_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPostEditor, brief_group);
  gtk_widget_class_bind_template_child (widget_class, LineupPostEditor, delete_group);
  gtk_widget_class_bind_template_child (widget_class, LineupPostEditor, page);
  gtk_widget_class_bind_template_child (widget_class, LineupPostEditor, conflict_box);
  gtk_widget_class_bind_template_child (widget_class, LineupPostEditor, snippet_button);
  gtk_widget_class_bind_template_child (widget_class, LineupPostEditor, queue_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPostEditor, best_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPostEditor, best_box);
  gtk_widget_class_bind_template_child (widget_class, LineupPostEditor, caption_switcher);
  gtk_widget_class_bind_template_child (widget_class, LineupPostEditor, caption_stack);
  gtk_widget_class_bind_template_child (widget_class, LineupPostEditor, media_group);
  gtk_widget_class_bind_template_callback (widget_class, on_date_switch_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_pillar_selected_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "editor.preview", NULL, preview_action);
  gtk_widget_class_install_action (widget_class, "editor.queue", NULL, lineup_post_editor_queue_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
}

static void
lineup_post_editor_init (LineupPostEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_date_clear (&self->date, 1);
  watch_calendar (self);
  /* The Date row labels its switch by the row's title as well as the
   * switch's own name: GTK 4.8 would say "Has a date Date". */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->date_switch), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/* An approval or a request for changes moved the post: what Save writes
 * starts from the post as it is now. */
static void
on_workflow_post_changed_cb (LineupPostEditor *self,
                             LineupPost       *post)
{
  g_set_object (&self->post, post);
  adw_combo_row_set_selected (self->stage_row, lineup_post_get_stage (post));
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  lineup_post_editor_update_stage_choices (self);
}

static void
on_workflow_error_cb (LineupPostEditor *self,
                      const char       *message)
{
  lineup_post_editor_show_error (self, message);
}

static void
add_workflow_panel (LineupPostEditor *self)
{
  LineupWorkflowPanel *panel = lineup_workflow_panel_new (self->store, self->post);
  GtkWidget *group = adw_preferences_group_new ();

  g_signal_connect_object (panel, "post-changed", G_CALLBACK (on_workflow_post_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (panel, "error", G_CALLBACK (on_workflow_error_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (panel));
  /* Before the Delete button, which stays last. */
  g_object_ref (self->delete_group);
  adw_preferences_page_remove (self->page, self->delete_group);
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
  adw_preferences_page_add (self->page, self->delete_group);
  g_object_unref (self->delete_group);
}

LineupPostEditor *
lineup_post_editor_new (LineupStore *store,
                        LineupPost  *post)
{
  LineupPostEditor *self;

  g_return_val_if_fail (LINEUP_IS_STORE (store), NULL);
  g_return_val_if_fail (post == NULL || LINEUP_IS_POST (post), NULL);

  self = g_object_new (LINEUP_TYPE_POST_EDITOR, NULL);
  self->store = g_object_ref (store);
  self->post = post ? g_object_ref (post) : NULL;
  build_form (self);
  lineup_post_editor_load_post (self);
  lineup_post_editor_setup_variants (self);
  lineup_post_editor_setup_media (self);
  lineup_post_editor_setup_stage_chooser (self);
  lineup_post_editor_setup_snippets (self);
  lineup_post_editor_setup_links (self);
  lineup_post_editor_setup_queue (self);
  lineup_post_editor_setup_best_times (self);
  lineup_post_editor_update_stage_choices (self);
  lineup_post_editor_take_baseline (self);
  if (self->post)
    {
      add_workflow_panel (self);
      lineup_post_editor_add_family (self);
      lineup_post_editor_update_conflicts (self);
      lineup_share_marks_watch (store, G_CALLBACK (lineup_post_editor_update_conflicts), self);
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));

  return self;
}

void
lineup_post_editor_set_date (LineupPostEditor *self,
                             const GDate      *date,
                             int               minutes)
{
  g_autofree char *time = NULL;
  g_autoptr(GDateTime) day = NULL;

  g_return_if_fail (LINEUP_IS_POST_EDITOR (self));
  g_return_if_fail (date != NULL && g_date_valid (date));

  self->date = *date;
  time = g_strdup_printf ("%02d:%02d", minutes / 60, minutes % 60);
  gtk_editable_set_text (GTK_EDITABLE (self->time_row), time);
  day = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date), g_date_get_day (date), 12, 0, 0);
  gtk_calendar_select_day (self->calendar, day);
  self->date = *date;
  gtk_switch_set_active (self->date_switch, TRUE);
  update_date_label (self);
  /* The day it was started from is where it opens, not a change. */
  lineup_post_editor_take_baseline (self);
  lineup_post_editor_update_stage_choices (self);
}
