/* lineup-share-indicator.c: the shared plan's indicator in the header bar
 * and its popover.
 *
 * The button shows the state's icon and the core's short label
 * (lineup_share_state_label ()), read again after every change of the
 * plan's sharing; the popover, built each time it opens, shows the details
 * (lineup_share_get_status ()) and the plan's conflicts
 * (lineup_share_list_conflicts ()), each with Open (app.open-post), and
 * Sync Now (app.share-sync). Hidden while the plan is not shared.
 *
 * It does not run passes (lineup-window.c) nor resolve conflicts (the
 * post editor does, where both values show).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lineup-share.h"
#include "lineup-share-indicator.h"
#include "lineup-share-marks.h"

struct _LineupShareIndicator
{
  GtkWidget parent_instance;

  LineupStore *store;
  gboolean busy;
  guint state;               /* LineupShareState, as last read */
  char *text;                /* its label */
  const char *state_class;   /* the style class the button wears */

  GtkWidget *button;
  GtkImage *icon;
  GtkLabel *label;
  GtkPopover *popover;
  GtkLabel *heading;
  GtkLabel *details;
  GtkWidget *conflicts_heading;
  GtkWidget *conflicts_scroller;
  GtkListBox *conflicts_list;
};

G_DEFINE_FINAL_TYPE (LineupShareIndicator, lineup_share_indicator, GTK_TYPE_WIDGET)

static const struct {
  const char *icon;
  const char *css_class;
} states[] = {
  [LINEUP_SHARE_IN_STEP] = { "emblem-ok-symbolic", "share-in-step" },
  [LINEUP_SHARE_WAITING] = { "document-send-symbolic", "share-waiting" },
  [LINEUP_SHARE_OFFLINE] = { "network-offline-symbolic", "share-offline" },
  [LINEUP_SHARE_CONFLICTED] = { "dialog-warning-symbolic", "share-conflicted" },
  [LINEUP_SHARE_FAILING] = { "dialog-error-symbolic", "share-failing" },
};

static void on_popover_show_cb (LineupShareIndicator *self);

/* The icon and the names, from the state and label last read. */
static void
show_state (LineupShareIndicator *self)
{
  g_autofree char *name = self->busy ? g_strdup_printf (_("Shared plan: %s, syncing now"), self->text)
                                     : g_strdup_printf (_("Shared plan: %s"), self->text);

  gtk_label_set_label (self->label, self->text);
  gtk_image_set_from_icon_name (self->icon, self->busy ? "emblem-synchronizing-symbolic" : states[self->state].icon);
  if (self->state_class)
    gtk_widget_remove_css_class (self->button, self->state_class);
  self->state_class = states[self->state].css_class;
  gtk_widget_add_css_class (self->button, self->state_class);
  gtk_widget_set_tooltip_text (self->button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/* After every change of the plan's sharing (local: no network). */
static void
update (LineupShareIndicator *self)
{
  g_autoptr(LineupShareStatus) status = self->store ? lineup_share_get_status (self->store) : NULL;

  gtk_widget_set_visible (GTK_WIDGET (self), status != NULL);
  if (status == NULL)
    return;
  self->state = MIN ((guint) status->state, G_N_ELEMENTS (states) - 1);
  g_free (self->text);
  self->text = lineup_share_state_label (status);
  show_state (self);
  /* Open, the popover follows too. */
  if (gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    on_popover_show_cb (self);
}

static void
on_open_clicked_cb (GtkButton            *button,
                    LineupShareIndicator *self)
{
  const char *post_id = g_object_get_data (G_OBJECT (button), "post-id");

  gtk_popover_popdown (self->popover);
  gtk_widget_activate_action (GTK_WIDGET (self), "app.open-post", "s", post_id);
}

/* One line of a conflict's row: never wrapped, so the row's height does not
 * depend on its width (the popover's list is measured at its natural
 * width); the whole text is in the row's tooltip. */
static GtkWidget *
row_line (const char *text,
          gboolean    dim)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 44);
  if (dim)
    {
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
    }
  return label;
}

static GtkWidget *
conflict_row (LineupShareIndicator      *self,
              const LineupShareConflict *conflict)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *lines = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *open = gtk_button_new ();
  const char *title = conflict->post_title ? conflict->post_title : "";
  g_autofree char *mine = g_strdup_printf (_("%s, yours: “%s”"), conflict->field_label,
                                           conflict->mine ? conflict->mine : "");
  g_autofree char *theirs = g_strdup_printf (_("Theirs (%s): “%s”"), conflict->theirs_by,
                                             conflict->theirs ? conflict->theirs : "");
  g_autofree char *tooltip = g_strdup_printf ("%s\n%s\n%s", title, mine, theirs);
  g_autofree char *name = g_strdup_printf (_("Open “%s”"), title);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_hexpand (lines, TRUE);
  gtk_widget_set_valign (lines, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (lines), row_line (title, FALSE));
  gtk_box_append (GTK_BOX (lines), row_line (mine, TRUE));
  gtk_box_append (GTK_BOX (lines), row_line (theirs, TRUE));
  gtk_box_append (GTK_BOX (box), lines);
  /* A child label, not the label property: GTK 4.8 would name the button
   * from both. */
  gtk_button_set_child (GTK_BUTTON (open), gtk_label_new_with_mnemonic (_("_Open")));
  gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (open), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (open), "post-id", g_strdup (conflict->post_id), g_free);
  g_signal_connect (open, "clicked", G_CALLBACK (on_open_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), open);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_tooltip_text (row, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip, -1);
  return row;
}

/* Built each time it opens: the status and the conflicts as they are now. */
static void
on_popover_show_cb (LineupShareIndicator *self)
{
  g_autoptr(LineupShareStatus) status = self->store ? lineup_share_get_status (self->store) : NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *label = NULL;
  GtkWidget *child;

  if (status == NULL)
    return;
  label = lineup_share_state_label (status);
  gtk_label_set_label (self->heading, label);
  g_string_append_printf (text, _("%s as %s"), status->url, status->login);
  g_string_append_c (text, '\n');
  if (status->last_pass_at > 0)
    {
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (status->last_pass_at);
      g_autofree char *when = g_date_time_format (at, "%-d %b %H:%M");
      g_string_append_printf (text, _("Last successful pass: %s"), when);
    }
  else
    g_string_append (text, _("No successful pass yet"));
  if (status->n_waiting)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u change not sent yet",
                                                 "%u changes not sent yet", status->n_waiting), status->n_waiting);
    }
  if (status->approvals_url == NULL)
    {
      g_string_append_c (text, '\n');
      g_string_append (text, _("Approvals are not protected: anyone in the team can write them"));
    }
  /* A conflict is not a failure: the list below shows it (the core's
   * note about it speaks to the command line). */
  if (status->last_error && status->state != LINEUP_SHARE_CONFLICTED)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("Last error: %s"), status->last_error);
    }
  gtk_label_set_label (self->details, text->str);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->conflicts_list))))
    gtk_list_box_remove (self->conflicts_list, child);
  conflicts = lineup_share_list_conflicts (self->store, NULL, &error);
  if (conflicts == NULL)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), error->message);
      gtk_list_box_append (self->conflicts_list, row);
    }
  for (guint i = 0; conflicts && i < conflicts->len; i++)
    gtk_list_box_append (self->conflicts_list, conflict_row (self, g_ptr_array_index (conflicts, i)));
  gtk_widget_set_visible (self->conflicts_heading, conflicts == NULL || conflicts->len > 0);
  gtk_widget_set_visible (self->conflicts_scroller, conflicts == NULL || conflicts->len > 0);
}

static void
on_sync_clicked_cb (LineupShareIndicator *self)
{
  gtk_popover_popdown (self->popover);
}

static void
lineup_share_indicator_dispose (GObject *object)
{
  LineupShareIndicator *self = LINEUP_SHARE_INDICATOR (object);

  if (self->store)
    lineup_share_marks_unwatch (self->store, G_CALLBACK (update), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_SHARE_INDICATOR);
  g_clear_object (&self->store);
  g_clear_pointer (&self->text, g_free);
  G_OBJECT_CLASS (lineup_share_indicator_parent_class)->dispose (object);
}

static void
lineup_share_indicator_class_init (LineupShareIndicatorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = lineup_share_indicator_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lineup/Lineup/common/lineup-share-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupShareIndicator, button);
  gtk_widget_class_bind_template_child (widget_class, LineupShareIndicator, icon);
  gtk_widget_class_bind_template_child (widget_class, LineupShareIndicator, label);
  gtk_widget_class_bind_template_child (widget_class, LineupShareIndicator, popover);
  gtk_widget_class_bind_template_child (widget_class, LineupShareIndicator, heading);
  gtk_widget_class_bind_template_child (widget_class, LineupShareIndicator, details);
  gtk_widget_class_bind_template_child (widget_class, LineupShareIndicator, conflicts_heading);
  gtk_widget_class_bind_template_child (widget_class, LineupShareIndicator, conflicts_scroller);
  gtk_widget_class_bind_template_child (widget_class, LineupShareIndicator, conflicts_list);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sync_clicked_cb);
}

static void
lineup_share_indicator_init (LineupShareIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
lineup_share_indicator_set_store (LineupShareIndicator *self,
                                  LineupStore          *store)
{
  g_return_if_fail (LINEUP_IS_SHARE_INDICATOR (self));
  g_return_if_fail (LINEUP_IS_STORE (store));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  lineup_share_marks_watch (store, G_CALLBACK (update), self);
  update (self);
}

void
lineup_share_indicator_set_busy (LineupShareIndicator *self,
                                 gboolean              busy)
{
  g_return_if_fail (LINEUP_IS_SHARE_INDICATOR (self));

  if (self->busy == busy)
    return;
  self->busy = busy;
  if (self->text)
    show_state (self);
}
