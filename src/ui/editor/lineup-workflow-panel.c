/* lineup-workflow-panel.c
 *
 * Built from the store each time something here changes: the post, its
 * workflow record and its history are read again, so what is shown is what
 * is stored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-workflow-panel.h"

struct _LineupWorkflowPanel
{
  GtkWidget parent_instance;

  LineupStore *store;
  LineupPost *post;
  AdwEntryRow *comment_row;   /* the approval's comment */
  guint changed_idle;         /* a rebuild after the post changed elsewhere */
  double scroll;              /* the editor page's scroll, kept across a rebuild */
};

G_DEFINE_FINAL_TYPE (LineupWorkflowPanel, lineup_workflow_panel, GTK_TYPE_WIDGET)

enum {
  POST_CHANGED,
  ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void rebuild (LineupWorkflowPanel *self);

/* A rebuild replaces every widget of the panel, the one with the keyboard
 * too: each control that can have it carries a key, so that the same
 * control, made again, takes the focus back (see rebuild ()). */
static void
set_focus_key (GtkWidget  *widget,
               const char *key)
{
  g_object_set_data_full (G_OBJECT (widget), "lineup-focus-key", g_strdup (key), g_free);
}

char *
lineup_diff_markup (GPtrArray *spans)
{
  GString *markup = g_string_new (NULL);

  for (guint i = 0; i < spans->len; i++)
    {
      LineupDiffSpan *span = g_ptr_array_index (spans, i);
      g_autofree char *text = g_markup_escape_text (span->text, -1);

      switch (span->op)
        {
        case LINEUP_DIFF_REMOVED:
          g_string_append_printf (markup, "<span strikethrough=\"true\" background=\"#e01b2440\">%s</span>", text);
          break;
        case LINEUP_DIFF_ADDED:
          g_string_append_printf (markup, "<span underline=\"single\" background=\"#2ec27e40\">%s</span>", text);
          break;
        case LINEUP_DIFF_SAME:
        default:
          g_string_append (markup, text);
          break;
        }
    }
  return g_string_free (markup, FALSE);
}

static gboolean
rebuild_idle_cb (gpointer data)
{
  LineupWorkflowPanel *self = data;

  if (self->store)
    rebuild (self);
  return G_SOURCE_REMOVE;
}

/* After an action: the post as stored now, for the editor and for us. */
static void
reload (LineupWorkflowPanel *self)
{
  g_autoptr(LineupPost) fresh = lineup_store_get_post (self->store, lineup_post_get_id (self->post), NULL);

  if (fresh)
    {
      g_set_object (&self->post, fresh);
      g_signal_emit (self, signals[POST_CHANGED], 0, fresh);
    }
  /* Not from inside the handler of a row that the rebuild replaces. */
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, rebuild_idle_cb, g_object_ref (self), g_object_unref);
}

static void
report (LineupWorkflowPanel *self,
        GError              *error)
{
  g_signal_emit (self, signals[ERROR], 0, error->message);
}

static void
on_approve_cb (LineupWorkflowPanel *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  const char *comment = gtk_editable_get_text (GTK_EDITABLE (self->comment_row));

  if (!lineup_workflow_approve (self->store, lineup_post_get_id (self->post), NULL, comment, &note, &error))
    {
      report (self, error);
      return;
    }
  reload (self);
}

static void
on_request_changes_cb (LineupWorkflowPanel *self)
{
  g_autoptr(GError) error = NULL;
  const char *comment = gtk_editable_get_text (GTK_EDITABLE (self->comment_row));

  if (!lineup_workflow_request_changes (self->store, lineup_post_get_id (self->post), NULL, comment, &error))
    {
      report (self, error);
      gtk_widget_grab_focus (GTK_WIDGET (self->comment_row));
      return;
    }
  reload (self);
}

static void
on_check_toggled_cb (GtkCheckButton      *check,
                     LineupWorkflowPanel *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (check), "item-id"));

  if (!lineup_workflow_set_checked (self->store, lineup_post_get_id (self->post), id,
                                    gtk_check_button_get_active (check), NULL, &error))
    {
      report (self, error);
      return;
    }
  reload (self);
}

static void
on_comment_apply_cb (AdwEntryRow         *row,
                     LineupWorkflowPanel *self)
{
  g_autoptr(GError) error = NULL;

  if (!lineup_workflow_comment (self->store, lineup_post_get_id (self->post), NULL,
                                gtk_editable_get_text (GTK_EDITABLE (row)), &error))
    {
      report (self, error);
      return;
    }
  reload (self);
}

static GtkWidget *
new_group (const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  return group;
}

static GtkWidget *
text_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *t = g_markup_escape_text (title ? title : "", -1);
  g_autofree char *s = subtitle ? g_markup_escape_text (subtitle, -1) : NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), t);
  if (s)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), s);
  return row;
}

static void
add_diff_line (GtkWidget  *box,
               const char *label,
               const char *before,
               const char *after)
{
  g_autoptr(GPtrArray) spans = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *line = NULL;
  g_autofree char *name = NULL;
  GtkWidget *text;

  if (g_strcmp0 (before, after) == 0)
    return;
  spans = lineup_workflow_diff_text (before, after);
  markup = lineup_diff_markup (spans);
  name = g_markup_escape_text (label, -1);
  line = g_strdup_printf ("<b>%s</b>  %s", name, markup);
  text = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (text), line);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_box_append (GTK_BOX (box), text);
}

static GtkWidget *
build_approval (LineupWorkflowPanel *self,
                LineupPostWorkflow  *workflow,
                GPtrArray           *chain)
{
  LineupStage stage = lineup_post_get_stage (self->post);
  LineupApprovalStatus status;
  g_autofree char *summary = NULL;
  GtkWidget *group, *buttons, *approve, *request;

  lineup_workflow_approval_status (chain, workflow->approvals, &status);
  if (stage >= LINEUP_STAGE_APPROVED && status.waiting_step < 0)
    summary = g_strdup (_("Approved."));
  else if (status.waiting_step >= 0 && chain->len > 0)
    {
      g_autofree char *step = lineup_workflow_describe_step (g_ptr_array_index (chain, status.waiting_step));
      summary = g_strdup_printf (_("%u of %u approvals; waiting for %s."), status.done, status.needed, step);
    }
  else
    summary = g_strdup_printf (_("%u of %u approvals."), status.done, status.needed);
  group = new_group (_("Approval"), summary);

  for (guint i = 0; i < chain->len; i++)
    {
      LineupApprovalStep *step = g_ptr_array_index (chain, i);
      g_autoptr(GString) by = g_string_new (NULL);
      g_autofree char *who = lineup_workflow_describe_step (step);
      GtkWidget *row, *icon;
      gboolean done = FALSE;

      for (guint j = 0; j < workflow->approvals->len; j++)
        {
          LineupApproval *a = g_ptr_array_index (workflow->approvals, j);
          g_autofree char *when = NULL;

          if (a->step != (int) i)
            continue;
          when = lineup_store_format_time (self->store, a->at, LINEUP_TIME_FORMAT);
          g_string_append_printf (by, "%s%s (%s)", by->len ? ", " : _("Approved by "), a->actor, when);
        }
      done = status.waiting_step < 0 || (int) i < status.waiting_step;
      row = text_row (who, by->len ? by->str : (step->all ? _("Waiting for all of them") : _("Waiting for any one of them")));
      icon = gtk_image_new_from_icon_name (done ? "emblem-ok-symbolic" : "content-loading-symbolic");
      gtk_widget_add_css_class (icon, done ? "success" : "dim-label");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  if (workflow->change_request)
    {
      g_autofree char *title = g_strdup_printf (_("Changes requested by %s"), workflow->change_request_by);
      GtkWidget *row = text_row (title, workflow->change_request);

      gtk_widget_add_css_class (row, "change-request-row");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  if (workflow->approved)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      const char * const *was = lineup_post_get_platforms (workflow->approved);
      const char * const *now = lineup_post_get_platforms (self->post);

      add_diff_line (box, _("Title"), lineup_post_get_title (workflow->approved), lineup_post_get_title (self->post));
      add_diff_line (box, _("Caption"), lineup_post_get_body (workflow->approved), lineup_post_get_body (self->post));
      if (!g_strv_equal (was, now))
        {
          g_autofree char *before = g_strjoinv (", ", (char **) was);
          g_autofree char *after = g_strjoinv (", ", (char **) now);
          add_diff_line (box, _("Platforms"), before, after);
        }
      if (gtk_widget_get_first_child (box))
        {
          GtkWidget *expander = adw_expander_row_new ();
          GtkWidget *holder = gtk_list_box_row_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Changed since approval"));
          /* libadwaita 1.2 names the expander's inner header, not the row
           * that takes the focus first. */
          gtk_accessible_update_property (GTK_ACCESSIBLE (expander), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Changed since approval"), -1);
          adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander),
                                         _("What approvers have not seen: removed text struck through, new text underlined"));
          adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), stage == LINEUP_STAGE_IN_REVIEW);
          gtk_widget_set_margin_start (box, 12);
          gtk_widget_set_margin_end (box, 12);
          gtk_widget_set_margin_top (box, 8);
          gtk_widget_set_margin_bottom (box, 8);
          gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (holder), box);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (holder), FALSE);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), holder);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), expander);
        }
      else
        g_object_ref_sink (box), g_object_unref (box);
    }

  if (stage >= LINEUP_STAGE_IN_REVIEW && stage <= LINEUP_STAGE_SCHEDULED)
    {
      g_autofree char *as = g_strdup_printf (_("Comment, as %s"), lineup_store_get_actor (self->store));

      self->comment_row = ADW_ENTRY_ROW (adw_entry_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->comment_row), as);
      set_focus_key (GTK_WIDGET (self->comment_row), "approval-comment");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->comment_row));

      buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      gtk_widget_set_halign (buttons, GTK_ALIGN_END);
      gtk_widget_set_margin_top (buttons, 12);
      request = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (request), gtk_label_new (_("Request Changes")));
      gtk_accessible_update_property (GTK_ACCESSIBLE (request), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Request changes"), -1);
      gtk_widget_add_css_class (request, "destructive-action");
      set_focus_key (request, "request-changes");
      g_signal_connect_swapped (request, "clicked", G_CALLBACK (on_request_changes_cb), self);
      gtk_box_append (GTK_BOX (buttons), request);
      if (stage == LINEUP_STAGE_IN_REVIEW)
        {
          approve = gtk_button_new ();
          gtk_button_set_child (GTK_BUTTON (approve), gtk_label_new (_("Approve")));
          gtk_accessible_update_property (GTK_ACCESSIBLE (approve), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Approve"), -1);
          gtk_widget_add_css_class (approve, "suggested-action");
          set_focus_key (approve, "approve");
          g_signal_connect_swapped (approve, "clicked", G_CALLBACK (on_approve_cb), self);
          gtk_box_append (GTK_BOX (buttons), approve);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), buttons);
    }
  else
    self->comment_row = NULL;
  return group;
}

static GtkWidget *
build_checklist (LineupWorkflowPanel *self,
                 LineupPostWorkflow  *workflow)
{
  guint ticked = 0;
  g_autofree char *summary = NULL;
  GtkWidget *group;

  for (guint i = 0; i < workflow->checklist->len; i++)
    ticked += ((LineupChecklistItem *) g_ptr_array_index (workflow->checklist, i))->checked;
  summary = g_strdup_printf (_("%u of %u ticked. Every item is ticked before the post is approved."),
                             ticked, workflow->checklist->len);
  group = new_group (_("Checklist"), summary);

  for (guint i = 0; i < workflow->checklist->len; i++)
    {
      LineupChecklistItem *item = g_ptr_array_index (workflow->checklist, i);
      /* Every row has its second line, ticked or not: a tick that added
       * one would push the items below down under the pointer. */
      g_autofree char *by = item->checked && item->checked_by ? g_strdup_printf (_("Ticked by %s"), item->checked_by)
                          : g_strdup (item->checked ? _("Ticked") : _("Not ticked yet"));
      GtkWidget *row, *check = gtk_check_button_new ();

      /* A post's media tick their accessibility item themselves: shown,
       * with why, but not a person's to tick (lineup-store-media.h). */
      if (item->computed)
        {
          g_free (by);
          by = g_strdup (item->checked
                           ? _("Ticked by Lineup: every image has alt text and every video has subtitles or needs none")
                           : _("Ticked by Lineup once every image has alt text and every video has subtitles or needs none (Media, above)"));
        }
      row = text_row (item->text, by);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), item->checked);
      g_object_set_data (G_OBJECT (check), "item-id", GSIZE_TO_POINTER ((gsize) item->id));
      {
        g_autofree char *key = g_strdup_printf ("check-%" G_GINT64_FORMAT, item->id);
        set_focus_key (check, key);
      }
      g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled_cb), self);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      if (item->computed)
        {
          gtk_widget_set_sensitive (check, FALSE);
          gtk_widget_set_tooltip_text (row, by);
          gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, by, -1);
        }
      else
        adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  return group;
}

static const char *
history_title (LineupStageChange *change)
{
  switch (change->kind)
    {
    case LINEUP_HISTORY_APPROVE: return _("Approved");
    case LINEUP_HISTORY_REQUEST_CHANGES: return _("Requested changes");
    case LINEUP_HISTORY_COMMENT: return _("Commented");
    case LINEUP_HISTORY_CHECK: return _("Ticked");
    case LINEUP_HISTORY_UNCHECK: return _("Unticked");
    case LINEUP_HISTORY_EDIT: return _("Edited after approval");
    case LINEUP_HISTORY_STAGE:
    default: return change->from_stage < 0 ? _("Created") : _("Moved");
    }
}

static GtkWidget *
build_comments_and_history (LineupWorkflowPanel *self,
                            GtkWidget          **out_history)
{
  g_autoptr(GPtrArray) history = lineup_store_get_history (self->store, lineup_post_get_id (self->post), NULL);
  GtkWidget *comments = new_group (_("Comments"), NULL);
  GtkWidget *history_group = new_group (NULL, NULL);
  GtkWidget *expander = adw_expander_row_new ();
  AdwEntryRow *add;
  guint n_comments = 0;

  for (guint i = 0; history && i < history->len; i++)
    {
      LineupStageChange *change = g_ptr_array_index (history, i);
      g_autofree char *when = lineup_store_format_time (self->store, change->at, LINEUP_TIME_FORMAT);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      gboolean is_comment = change->kind == LINEUP_HISTORY_COMMENT ||
                            change->kind == LINEUP_HISTORY_REQUEST_CHANGES ||
                            (change->kind == LINEUP_HISTORY_APPROVE && change->comment);

      if (is_comment)
        {
          g_autofree char *who = g_strdup_printf ("%s · %s", change->actor, when);

          adw_preferences_group_add (ADW_PREFERENCES_GROUP (comments), text_row (change->comment, who));
          n_comments++;
        }

      if (change->from_stage >= 0 && change->from_stage != change->to_stage)
        title = g_strdup_printf ("%s: %s → %s", history_title (change),
                                 lineup_stage_to_label (change->from_stage), lineup_stage_to_label (change->to_stage));
      else if (change->from_stage < 0)
        title = g_strdup_printf ("%s: %s", history_title (change), lineup_stage_to_label (change->to_stage));
      else
        title = g_strdup (history_title (change));
      subtitle = change->comment ? g_strdup_printf ("%s · %s — %s", change->actor, when, change->comment)
                                 : g_strdup_printf ("%s · %s", change->actor, when);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), text_row (title, subtitle));
    }

  add = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add), _("Add a comment"));
  adw_entry_row_set_show_apply_button (add, TRUE);
  set_focus_key (GTK_WIDGET (add), "add-comment");
  g_signal_connect (add, "apply", G_CALLBACK (on_comment_apply_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (comments), GTK_WIDGET (add));

  {
    g_autofree char *title = g_strdup_printf (_("History (%u)"), history ? history->len : 0);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
    gtk_accessible_update_property (GTK_ACCESSIBLE (expander), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), _("Who did what, and when"));
  }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (history_group), expander);
  *out_history = history_group;
  return comments;
}

/* ---- keeping the keyboard's place ---- */

/* Without this, a person ticking the checklist from the keyboard would be
 * thrown to the top of the window at every tick. */
static char *
focused_key (LineupWorkflowPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    return NULL;
  for (GtkWidget *w = focus; w && w != GTK_WIDGET (self); w = gtk_widget_get_parent (w))
    {
      const char *key = g_object_get_data (G_OBJECT (w), "lineup-focus-key");

      if (key)
        return g_strdup (key);
    }
  return g_strdup ("");   /* inside, on something without a key */
}

static GtkWidget *
find_focus_key (GtkWidget  *widget,
                const char *key)
{
  if (g_strcmp0 (g_object_get_data (G_OBJECT (widget), "lineup-focus-key"), key) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_focus_key (child, key);

      if (found)
        return found;
    }
  return NULL;
}

static void
restore_focus (LineupWorkflowPanel *self,
               const char          *key)
{
  GtkWidget *target = *key ? find_focus_key (GTK_WIDGET (self), key) : NULL;

  if (target && gtk_widget_grab_focus (target))
    return;
  /* Gone (Approve, once the post is approved): the panel's first control,
   * not the top of the window. */
  gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
}

/* ---- keeping the page where it was ---- */

/* The rows made again are the same size as the ones they replace, but the
 * keyboard's return to a row not yet laid out, or the moment without rows,
 * would scroll the editor's page: a tick would move the list under the
 * pointer. The page's scroll is put back as it was, now and once the rows
 * are laid out. */
static GtkAdjustment *
page_adjustment (LineupWorkflowPanel *self)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);

  return scrolled ? gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)) : NULL;
}

static gboolean
restore_scroll_idle_cb (gpointer data)
{
  LineupWorkflowPanel *self = data;
  GtkAdjustment *adjustment = self->store ? page_adjustment (self) : NULL;

  if (adjustment)
    gtk_adjustment_set_value (adjustment, self->scroll);
  return G_SOURCE_REMOVE;
}

static void
rebuild (LineupWorkflowPanel *self)
{
  g_autoptr(LineupPostWorkflow) workflow = NULL;
  g_autoptr(GPtrArray) chain = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *focus_key = focused_key (self);
  GtkWidget *child, *history = NULL;
  GtkAdjustment *adjustment = page_adjustment (self);

  if (adjustment)
    self->scroll = gtk_adjustment_get_value (adjustment);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  workflow = lineup_store_get_post_workflow (self->store, self->post, &error);
  if (workflow == NULL)
    {
      GtkWidget *label = gtk_label_new (error->message);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_set_parent (label, GTK_WIDGET (self));
      return;
    }
  chain = lineup_store_get_approval_chain (self->store);
  gtk_widget_set_parent (build_approval (self, workflow, chain), GTK_WIDGET (self));
  gtk_widget_set_parent (build_checklist (self, workflow), GTK_WIDGET (self));
  gtk_widget_set_parent (build_comments_and_history (self, &history), GTK_WIDGET (self));
  gtk_widget_set_parent (history, GTK_WIDGET (self));
  if (focus_key)
    restore_focus (self, focus_key);
  if (adjustment)
    {
      gtk_adjustment_set_value (adjustment, self->scroll);
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, restore_scroll_idle_cb, g_object_ref (self), g_object_unref);
    }
}

static gboolean
changed_idle_cb (gpointer data)
{
  LineupWorkflowPanel *self = data;

  self->changed_idle = 0;
  if (self->store)
    rebuild (self);
  return G_SOURCE_REMOVE;
}

/* The post changed elsewhere (its media from the editor's Media group or
 * the command line change the computed checklist item): shown again, once
 * for a burst of changes. */
static void
on_store_post_changed_cb (LineupWorkflowPanel *self,
                          LineupPost          *old,
                          LineupPost          *post)
{
  if (post == NULL || g_strcmp0 (lineup_post_get_id (post), lineup_post_get_id (self->post)) != 0)
    return;
  g_set_object (&self->post, post);
  if (self->changed_idle == 0)
    self->changed_idle = g_idle_add (changed_idle_cb, self);
}

static void
lineup_workflow_panel_dispose (GObject *object)
{
  LineupWorkflowPanel *self = LINEUP_WORKFLOW_PANEL (object);
  GtkWidget *child;

  g_clear_handle_id (&self->changed_idle, g_source_remove);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->store);
  g_clear_object (&self->post);

  G_OBJECT_CLASS (lineup_workflow_panel_parent_class)->dispose (object);
}

static void
lineup_workflow_panel_class_init (LineupWorkflowPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_workflow_panel_dispose;

  signals[POST_CHANGED] =
    g_signal_new ("post-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, LINEUP_TYPE_POST);
  signals[ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
lineup_workflow_panel_init (LineupWorkflowPanel *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 24);
}

LineupWorkflowPanel *
lineup_workflow_panel_new (LineupStore *store,
                           LineupPost  *post)
{
  LineupWorkflowPanel *self;

  g_return_val_if_fail (LINEUP_IS_STORE (store), NULL);
  g_return_val_if_fail (LINEUP_IS_POST (post), NULL);

  self = g_object_new (LINEUP_TYPE_WORKFLOW_PANEL, NULL);
  self->store = g_object_ref (store);
  self->post = g_object_ref (post);
  g_signal_connect_object (store, "post-changed", G_CALLBACK (on_store_post_changed_cb), self, G_CONNECT_SWAPPED);
  rebuild (self);
  return self;
}
