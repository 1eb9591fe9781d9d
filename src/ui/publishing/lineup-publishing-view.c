/* lineup-publishing-view.c
 *
 * The panel reads the outbox again after each change of the plan's
 * publishing, but only while it is on screen: hidden, it only notes that it
 * is stale. The outbox is short (what waits, what failed, the latest 50
 * sent), so its rows are rebuilt, not patched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "lineup-account.h"
#include "lineup-publishing-view.h"
#include "lineup-publishing.h"
#include "lineup-sync.h"
#include "lineup-sync-badge.h"

#define LOG_ROWS 20

struct _LineupPublishingView
{
  GtkWidget parent_instance;

  LineupStore *store;
  gboolean stale;
  guint rebuild_id;
  char *signature;         /* what the rows show now */
  gboolean syncing;
  GCancellable *cancellable;   /* Sync now, while the panel lives */

  GtkStack *stack;
  AdwStatusPage *empty_page;
  GtkLabel *summary_label;
  GtkSpinner *spinner;
  GtkLabel *problem_label;
  GtkBox *warnings_box;
  GtkListBox *outbox_list;
  GtkWidget *log_heading;
  GtkListBox *log_list;
};

G_DEFINE_FINAL_TYPE (LineupPublishingView, lineup_publishing_view, GTK_TYPE_WIDGET)

enum {
  TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- the panel ---- */

static void rebuild (LineupPublishingView *self);

static void
toast (LineupPublishingView *self,
       const char           *message)
{
  g_signal_emit (self, signals[TOAST], 0, message);
}

static char *
format_time (LineupPublishingView *self,
             gint64                utc)
{
  GDate day, today;
  int minutes;

  g_date_clear (&day, 1);
  /* Today's times alone; others with their day (both in the plan's zone). */
  lineup_store_utc_to_local (self->store, utc, &day, &minutes);
  lineup_store_get_today (self->store, &today);
  return lineup_store_format_time (self->store, utc,
                                   g_date_valid (&day) && g_date_compare (&day, &today) == 0 ? "%H:%M"
                                                                                            : "%-d %b %H:%M");
}

static gboolean
rebuild_idle_cb (gpointer data)
{
  LineupPublishingView *self = data;

  self->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
on_publishing_changed_cb (LineupPublishingView *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  /* A pass commits several changes in a row: one rebuild for them. */
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rebuild_idle_cb, self);
}

static void
clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)))
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static void
report_error (LineupPublishingView *self,
              GError               *error)
{
  toast (self, error->message);
}

static void
on_retry_clicked_cb (GtkButton            *button,
                     LineupPublishingView *self)
{
  g_autoptr(GError) error = NULL;

  if (!lineup_sync_retry (self->store, g_object_get_data (G_OBJECT (button), "post"),
                          g_object_get_data (G_OBJECT (button), "account"), &error))
    report_error (self, error);
}

static void
on_cancel_clicked_cb (GtkButton            *button,
                      LineupPublishingView *self)
{
  g_autoptr(GError) error = NULL;
  const char *title = g_object_get_data (G_OBJECT (button), "title");
  const char *account = g_object_get_data (G_OBJECT (button), "account-name");

  if (!lineup_store_set_post_target (self->store, g_object_get_data (G_OBJECT (button), "post"),
                                     g_object_get_data (G_OBJECT (button), "account"), FALSE, &error))
    {
      report_error (self, error);
      return;
    }
  {
    g_autofree char *text = g_strdup_printf (_("“%s” no longer goes to %s"), title, account);
    toast (self, text);
  }
}

static void
on_resolve_clicked_cb (GtkButton            *button,
                       LineupPublishingView *self)
{
  g_autoptr(GError) error = NULL;
  gboolean keep = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "keep"));

  if (!lineup_sync_resolve (self->store, g_object_get_data (G_OBJECT (button), "post"),
                            g_object_get_data (G_OBJECT (button), "account"), keep, &error))
    report_error (self, error);
}

static void
on_open_clicked_cb (GtkButton            *button,
                    LineupPublishingView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                g_object_get_data (G_OBJECT (button), "url"), GDK_CURRENT_TIME);
}

static GtkWidget *
row_button (const LineupPostSync *sync,
            const char           *label,
            const char           *accessible_format,
            const char           *tooltip,
            GCallback             callback,
            LineupPublishingView *self)
{
  GtkWidget *button = gtk_button_new ();
  g_autofree char *name = g_strdup_printf (accessible_format, sync->post_title, sync->account_name);

  /* A child label, not the label property: GTK 4.8 would name the button
   * from both ("Retry … Retry"). */
  gtk_button_set_child (GTK_BUTTON (button), gtk_label_new_with_mnemonic (label));

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (button), "post", g_strdup (sync->post_id), g_free);
  g_object_set_data_full (G_OBJECT (button), "account", g_strdup (sync->account_id), g_free);
  g_object_set_data_full (G_OBJECT (button), "account-name", g_strdup (sync->account_name), g_free);
  g_object_set_data_full (G_OBJECT (button), "title", g_strdup (sync->post_title), g_free);
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static GtkWidget *
state_icon (LineupSyncState state)
{
  const char *icon = lineup_sync_state_icon_name (state);
  GtkWidget *image = gtk_image_new_from_icon_name (icon ? icon : "content-loading-symbolic");

  gtk_widget_add_css_class (image, "sync-badge");
  if (lineup_sync_state_css_class (state))
    gtk_widget_add_css_class (image, lineup_sync_state_css_class (state));
  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  lineup_sync_state_to_label (state), -1);
  return image;
}

static char *
ops_words (GStrv ops)
{
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;

  for (guint i = 0; ops && ops[i]; i++)
    {
      LineupOutboxOp op;

      g_strv_builder_add (labels, lineup_outbox_op_from_key (ops[i], &op) ? lineup_outbox_op_to_label (op) : ops[i]);
    }
  list = g_strv_builder_end (labels);
  return g_strjoinv (", ", list);
}

static GtkWidget *
outbox_row (LineupPublishingView *self,
            const LineupPostSync *sync)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_markup_escape_text (sync->post_title ? sync->post_title : "", -1);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *escaped = NULL;
  g_autofree char *ops = ops_words (sync->ops);

  /* Where, in what state, what waits; then the server's words and what to
   * do, when the next try is, and where it is for a published post. */
  g_string_append_printf (subtitle, "%s · %s", sync->account_name, lineup_sync_state_to_label (sync->state));
  if (*ops)
    g_string_append_printf (subtitle, _(" · to send: %s"), ops);
  if (sync->message && *sync->message)
    g_string_append_printf (subtitle, "\n%s", sync->message);
  /* The server's words say when the next try is; without them, say it here. */
  if (sync->state == LINEUP_SYNC_PENDING && sync->next_attempt_at > lineup_sync_now () &&
      !(sync->message && *sync->message))
    {
      g_autofree char *when = format_time (self, sync->next_attempt_at);
      g_string_append_printf (subtitle, "\n");
      g_string_append_printf (subtitle, _("Next try at %s (Sync Now tries at once)"), when);
    }
  if (sync->state == LINEUP_SYNC_SYNCED && sync->remote_at > 0)
    {
      g_autofree char *when = format_time (self, sync->remote_at);
      g_string_append_printf (subtitle, "\n");
      g_string_append_printf (subtitle, _("The server publishes it at %s"), when);
    }
  if (sync->state == LINEUP_SYNC_PUBLISHED && sync->url)
    g_string_append_printf (subtitle, "\n%s", sync->url);

  escaped = g_markup_escape_text (subtitle->str, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), state_icon (sync->state));
  gtk_widget_add_css_class (row, "outbox-row");

  switch (sync->state)
    {
    case LINEUP_SYNC_FAILED:
      {
        GtkWidget *retry = row_button (sync, _("_Retry"), _("Retry “%s” on %s"),
                                       _("Send it again (after fixing what the message says)"),
                                       G_CALLBACK (on_retry_clicked_cb), self);

        gtk_widget_add_css_class (retry, "suggested-action");
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), retry);
      }
      break;
    case LINEUP_SYNC_CONFLICT:
      {
        GtkWidget *keep = row_button (sync, _("_Keep Lineup’s"), _("Keep Lineup’s version of “%s” on %s"),
                                      _("Send the plan’s version to the server again"),
                                      G_CALLBACK (on_resolve_clicked_cb), self);
        GtkWidget *take = row_button (sync, _("_Take the Server’s"), _("Take the server’s version of “%s” on %s"),
                                      _("Change the plan to what the server has"),
                                      G_CALLBACK (on_resolve_clicked_cb), self);

        g_object_set_data (G_OBJECT (keep), "keep", GINT_TO_POINTER (TRUE));
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), keep);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), take);
      }
      break;
    case LINEUP_SYNC_PUBLISHED:
      if (sync->url)
        {
          GtkWidget *open = row_button (sync, _("_Open"), _("Open “%s” on %s"), sync->url,
                                        G_CALLBACK (on_open_clicked_cb), self);

          g_object_set_data_full (G_OBJECT (open), "url", g_strdup (sync->url), g_free);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), open);
        }
      break;
    case LINEUP_SYNC_NOT_SYNCED:
    case LINEUP_SYNC_SYNCED:
    case LINEUP_SYNC_PENDING:
    default:
      break;
    }
  if (sync->state != LINEUP_SYNC_PUBLISHED)
    {
      g_autofree char *tooltip = g_strdup_printf (sync->state == LINEUP_SYNC_SYNCED
                                                  ? _("Withdraw it from %s and stop sending it there")
                                                  : _("Stop sending it to %s"),
                                                  sync->account_name);
      GtkWidget *cancel = row_button (sync, _("_Cancel"), _("Cancel “%s” on %s"), tooltip,
                                      G_CALLBACK (on_cancel_clicked_cb), self);

      gtk_widget_add_css_class (cancel, "flat");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), cancel);
    }

  /* Screen readers (and the UI tests) hear the title (the row's name,
   * from its title), then the rest. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle->str, -1);
  return row;
}

static GtkWidget *
log_row (LineupPublishingView        *self,
         const LineupPublishLogEntry *entry)
{
  GtkWidget *row = adw_action_row_new ();
  const char *title = entry->post_title ? entry->post_title : _("A removed post");
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  g_autofree char *when = format_time (self, entry->at);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *escaped = NULL;
  LineupOutboxOp op;
  GtkWidget *icon;

  g_string_append_printf (subtitle, "%s · %s · %s", when, entry->account_name ? entry->account_name : _("a removed account"),
                          entry->action && lineup_outbox_op_from_key (entry->action, &op)
                          ? lineup_outbox_op_to_label (op) : entry->action ? entry->action : "");
  if (entry->message && *entry->message)
    g_string_append_printf (subtitle, "\n%s", entry->message);
  escaped = g_markup_escape_text (subtitle->str, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  icon = gtk_image_new_from_icon_name (entry->ok ? "emblem-ok-symbolic" : "dialog-error-symbolic");
  gtk_widget_add_css_class (icon, "sync-badge");
  gtk_widget_add_css_class (icon, entry->ok ? "sync-published" : "sync-failed");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  entry->ok ? _("Done") : _("Failed"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle->str, -1);
  return row;
}

static GtkWidget *
placeholder (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "outbox-placeholder");
  return label;
}

/* Everything the panel shows, in one string: a change of the plan's
 * publishing that changes none of it (a pass writing the same state again)
 * leaves the rows alone, and the pointer on the button it was going to
 * press. */
static char *
make_signature (const char *problem,
                GPtrArray  *warnings,
                GPtrArray  *rows,
                GPtrArray  *log)
{
  GString *text = g_string_new (problem);

  for (guint i = 0; warnings && i < warnings->len; i++)
    g_string_append_printf (text, "\x1e%s", (char *) g_ptr_array_index (warnings, i));
  for (guint i = 0; rows && i < rows->len; i++)
    {
      LineupPostSync *sync = g_ptr_array_index (rows, i);
      g_autofree char *ops = sync->ops ? g_strjoinv (",", sync->ops) : NULL;

      g_string_append_printf (text, "\x1e%s\x1f%s\x1f%s\x1f%s\x1f%d\x1f%s\x1f%s\x1f%s\x1f%" G_GINT64_FORMAT
                              "\x1f%" G_GINT64_FORMAT,
                              sync->post_id, sync->post_title, sync->account_id, sync->account_name, sync->state,
                              sync->message, sync->url, ops, sync->next_attempt_at, sync->remote_at);
    }
  for (guint i = 0; log && i < log->len; i++)
    {
      LineupPublishLogEntry *entry = g_ptr_array_index (log, i);

      g_string_append_printf (text, "\x1e%" G_GINT64_FORMAT "\x1f%s\x1f%s\x1f%s\x1f%d\x1f%s", entry->at,
                              entry->post_title, entry->account_name, entry->action, entry->ok, entry->message);
    }
  return g_string_free (text, FALSE);
}

static void
rebuild (LineupPublishingView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autofree char *signature = NULL;
  const char *problem;
  GtkWidget *child;
  guint waiting = 0, failed = 0, conflicts = 0;

  self->stale = FALSE;
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (self->store == NULL)
    return;

  problem = lineup_publishing_get_problem (self->store);
  accounts = lineup_store_get_accounts (self->store, &error);
  if (accounts == NULL || accounts->len == 0)
    {
      g_autofree char *description = NULL;

      if (accounts == NULL)
        description = g_strdup (error->message);
      else if (problem)
        description = g_strdup_printf (_("Lineup cannot keep the accounts’ passwords and tokens now: %s"), problem);
      if (description)
        adw_status_page_set_description (self->empty_page, description);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      g_clear_pointer (&self->signature, g_free);
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "outbox");
  /* Nothing can be sent while publishing is off or still starting. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "publishing.sync-now",
                                 lineup_publishing_get_sync (self->store) && !self->syncing);

  /* The networks' limits this plan is about to hit, before they refuse. */
  warnings = lineup_sync_check_limits (self->store, NULL);
  rows = lineup_store_get_outbox (self->store, TRUE, &error);
  log = lineup_store_get_publish_log (self->store, LOG_ROWS, NULL);
  signature = make_signature (problem, warnings, rows, log);
  if (g_strcmp0 (signature, self->signature) == 0)
    return;
  g_free (self->signature);
  self->signature = g_steal_pointer (&signature);

  if (problem)
    {
      g_autofree char *text = g_strdup_printf (_("Publishing is off: %s"), problem);
      gtk_label_set_label (self->problem_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->warnings_box))))
    gtk_box_remove (self->warnings_box, child);
  for (guint i = 0; warnings && i < warnings->len; i++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      GtkWidget *label = gtk_label_new (g_ptr_array_index (warnings, i));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (box), icon);
      gtk_box_append (GTK_BOX (box), label);
      gtk_widget_add_css_class (box, "publishing-warning");
      gtk_box_append (self->warnings_box, box);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_box), warnings && warnings->len > 0);

  clear_list (self->outbox_list);
  if (rows == NULL)
    gtk_label_set_label (self->summary_label, error->message);
  for (guint i = 0; rows && i < rows->len; i++)
    {
      LineupPostSync *sync = g_ptr_array_index (rows, i);

      waiting += sync->state == LINEUP_SYNC_PENDING;
      failed += sync->state == LINEUP_SYNC_FAILED;
      conflicts += sync->state == LINEUP_SYNC_CONFLICT;
      gtk_list_box_append (self->outbox_list, outbox_row (self, sync));
    }
  if (rows)
    {
      g_autoptr(GString) summary = g_string_new (NULL);

      if (waiting + failed + conflicts == 0)
        g_string_append (summary, _("Nothing waits to be sent."));
      if (failed > 0)
        g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u failed. ", "%u failed. ", failed), failed);
      if (conflicts > 0)
        g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u in conflict. ", "%u in conflict. ", conflicts),
                                conflicts);
      if (waiting > 0)
        g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u waiting.", "%u waiting.", waiting), waiting);
      gtk_label_set_label (self->summary_label, g_strstrip (summary->str));
    }

  clear_list (self->log_list);
  for (guint i = 0; log && i < log->len; i++)
    gtk_list_box_append (self->log_list, log_row (self, g_ptr_array_index (log, i)));
  gtk_widget_set_visible (self->log_heading, log && log->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->log_list), log && log->len > 0);
}

/* ---- Sync now ---- */

static void
set_syncing (LineupPublishingView *self,
             gboolean              syncing)
{
  self->syncing = syncing;
  gtk_spinner_set_spinning (self->spinner, syncing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "publishing.sync-now",
                                 !syncing && self->store && lineup_publishing_get_sync (self->store));
}

static void
on_sync_now_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      data)
{
  g_autoptr(LineupPublishingView) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = lineup_publishing_sync_now_finish (LINEUP_STORE (source), result, &error);

  /* The panel is gone: nobody to tell. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_syncing (self, FALSE);
  toast (self, text ? text : error->message);
}

static void
sync_now (GtkWidget  *widget,
          const char *action_name,
          GVariant   *param)
{
  LineupPublishingView *self = LINEUP_PUBLISHING_VIEW (widget);

  if (self->store == NULL || self->syncing)
    return;
  set_syncing (self, TRUE);
  lineup_publishing_sync_now_async (self->store, self->cancellable, on_sync_now_done_cb, g_object_ref (self));
}

/* ---- GObject ---- */

static void
lineup_publishing_view_map (GtkWidget *widget)
{
  LineupPublishingView *self = LINEUP_PUBLISHING_VIEW (widget);

  GTK_WIDGET_CLASS (lineup_publishing_view_parent_class)->map (widget);
  if (self->stale)
    rebuild (self);
}

static void
lineup_publishing_view_dispose (GObject *object)
{
  LineupPublishingView *self = (LineupPublishingView *) object;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_PUBLISHING_VIEW);
  g_clear_object (&self->store);
  g_clear_pointer (&self->signature, g_free);

  G_OBJECT_CLASS (lineup_publishing_view_parent_class)->dispose (object);
}

static void
lineup_publishing_view_class_init (LineupPublishingViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_publishing_view_dispose;
  widget_class->map = lineup_publishing_view_map;

  signals[TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lineup/Lineup/publishing/lineup-publishing-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupPublishingView, stack);
  gtk_widget_class_bind_template_child (widget_class, LineupPublishingView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, LineupPublishingView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, LineupPublishingView, spinner);
  gtk_widget_class_bind_template_child (widget_class, LineupPublishingView, problem_label);
  gtk_widget_class_bind_template_child (widget_class, LineupPublishingView, warnings_box);
  gtk_widget_class_bind_template_child (widget_class, LineupPublishingView, outbox_list);
  gtk_widget_class_bind_template_child (widget_class, LineupPublishingView, log_heading);
  gtk_widget_class_bind_template_child (widget_class, LineupPublishingView, log_list);

  gtk_widget_class_install_action (widget_class, "publishing.sync-now", NULL, sync_now);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "publishingview");
}

static void
lineup_publishing_view_init (LineupPublishingView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_placeholder (self->outbox_list,
                                placeholder (_("Nothing waits to be sent. Open a post and tick accounts under "
                                               "“Publish To”: once it is Scheduled, it shows here until it is out.")));
  self->stale = TRUE;
  self->cancellable = g_cancellable_new ();
}

void
lineup_publishing_view_set_store (LineupPublishingView *self,
                                  LineupStore          *store)
{
  g_return_if_fail (LINEUP_IS_PUBLISHING_VIEW (self));
  g_return_if_fail (LINEUP_IS_STORE (store));

  if (self->store == store)
    return;
  g_set_object (&self->store, store);
  lineup_publishing_watch (store, G_CALLBACK (on_publishing_changed_cb), self);
  on_publishing_changed_cb (self);
}
