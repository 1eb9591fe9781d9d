/* lineup-preferences-workflow.c: the Workflow page of Preferences: the
 * plan's team, approval chain, self-approval rule and pre-publication
 * checklist.
 *
 * Each list is a GListStore of LineupPreferencesItem (one a member, a step,
 * an item) bound to its boxed list; "plan-changed" syncs the stores with the
 * plan, so a removal drops one row and an edit updates one row in place,
 * under the person's keyboard. The rows are the small classes below, with
 * what they stand for in typed fields.
 *
 * It does not hold the window nor the other pages (lineup-preferences.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-preferences-list.h"
#include "lineup-preferences-workflow.h"

struct _LineupPreferencesWorkflow
{
  AdwPreferencesPage parent_instance;

  LineupStore *store;
  GListStore *team;        /* of LineupPreferencesItem, each a LineupMember */
  GListStore *chain;       /* … each a LineupApprovalStep */
  GListStore *checklist;   /* … each a LineupChecklistItem */
  char *team_signature;    /* the steps show the team: they follow it */

  AdwPreferencesGroup *chain_group;
  GtkListBox *team_list;
  GtkListBox *chain_list;
  GtkListBox *checklist_list;
  GtkSwitch *self_approval;
};

G_DEFINE_FINAL_TYPE (LineupPreferencesWorkflow, lineup_preferences_workflow, ADW_TYPE_PREFERENCES_PAGE)

static void reload (LineupPreferencesWorkflow *self,
                    gboolean                   refresh);

/* Reports a refusal and shows what is stored again (a switch or check box
 * the person flipped goes back). */
static void
refuse (LineupPreferencesWorkflow *self,
        GError                    *error)
{
  lineup_preferences_toast (GTK_WIDGET (self), error->message);
  reload (self, TRUE);
}

/* ---- a member of the team ---- */

#define LINEUP_TYPE_MEMBER_ROW (lineup_member_row_get_type ())
G_DECLARE_FINAL_TYPE (LineupMemberRow, lineup_member_row, LINEUP, MEMBER_ROW, AdwActionRow)

struct _LineupMemberRow
{
  AdwActionRow parent_instance;

  LineupPreferencesWorkflow *page;   /* unowned: it holds the list */
  LineupPreferencesItem *item;
  GtkDropDown *role;
  GtkWidget *remove;
};

G_DEFINE_FINAL_TYPE (LineupMemberRow, lineup_member_row, ADW_TYPE_ACTION_ROW)

static LineupMember *
member_of (LineupMemberRow *row)
{
  return lineup_preferences_item_get_data (row->item);
}

static void
on_role_selected_cb (GtkDropDown     *dropdown,
                     GParamSpec      *pspec,
                     LineupMemberRow *row)
{
  LineupPreferencesWorkflow *self = row->page;
  g_autoptr(GError) error = NULL;

  if (gtk_drop_down_get_selected (dropdown) != member_of (row)->role &&
      !lineup_store_set_member (self->store, member_of (row)->name, gtk_drop_down_get_selected (dropdown), &error))
    refuse (self, error);
}

static void
on_remove_member_cb (LineupMemberRow *row)
{
  LineupPreferencesWorkflow *self = row->page;
  g_autoptr(GError) error = NULL;

  if (!lineup_store_remove_member (self->store, member_of (row)->name, &error))
    refuse (self, error);
}

static void
member_row_update (LineupMemberRow *row)
{
  LineupMember *member = member_of (row);
  g_autofree char *escaped = g_markup_escape_text (member->name, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  g_signal_handlers_block_by_func (row->role, on_role_selected_cb, row);
  gtk_drop_down_set_selected (row->role, member->role);
  g_signal_handlers_unblock_by_func (row->role, on_role_selected_cb, row);
}

static void
lineup_member_row_dispose (GObject *object)
{
  g_clear_object (&LINEUP_MEMBER_ROW (object)->item);
  G_OBJECT_CLASS (lineup_member_row_parent_class)->dispose (object);
}

static void
lineup_member_row_class_init (LineupMemberRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lineup_member_row_dispose;
}

static void
lineup_member_row_init (LineupMemberRow *row)
{
}

static GtkWidget *
member_row_new (gpointer item,
                gpointer data)
{
  LineupMemberRow *row = g_object_new (LINEUP_TYPE_MEMBER_ROW, NULL);
  LineupMember *member;
  const char *roles[LINEUP_N_ROLES + 1] = { NULL };
  g_autofree char *remove_name = NULL;
  g_autofree char *role_name = NULL;

  row->page = data;
  row->item = g_object_ref (item);
  member = member_of (row);
  remove_name = g_strdup_printf (_("Remove %s from the team"), member->name);
  role_name = g_strdup_printf (_("Role of %s"), member->name);
  for (guint r = 0; r < LINEUP_N_ROLES; r++)
    roles[r] = lineup_role_to_label (r);
  row->role = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (roles));
  gtk_widget_set_valign (GTK_WIDGET (row->role), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->role), GTK_ACCESSIBLE_PROPERTY_LABEL, role_name, -1);
  member_row_update (row);
  g_signal_connect (row->role, "notify::selected", G_CALLBACK (on_role_selected_cb), row);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (row->role));
  row->remove = lineup_preferences_remove_button (remove_name);
  g_signal_connect_swapped (row->remove, "clicked", G_CALLBACK (on_remove_member_cb), row);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), row->remove);
  g_signal_connect_object (item, "changed", G_CALLBACK (member_row_update), row, G_CONNECT_SWAPPED);
  return GTK_WIDGET (row);
}

static void
on_add_member_cb (AdwEntryRow               *row,
                  LineupPreferencesWorkflow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupMember) existing = lineup_store_find_member (self->store, gtk_editable_get_text (GTK_EDITABLE (row)));

  if (existing)
    {
      g_autofree char *message = g_strdup_printf (_("%s is in the team already"), existing->name);
      lineup_preferences_toast (GTK_WIDGET (self), message);
      return;
    }
  if (!lineup_store_set_member (self->store, gtk_editable_get_text (GTK_EDITABLE (row)), LINEUP_ROLE_EDITOR, &error))
    lineup_preferences_toast (GTK_WIDGET (self), error->message);
  else   /* Typing one after another: the keyboard stays in this field. */
    gtk_editable_set_text (GTK_EDITABLE (row), "");
}

/* ---- an approver of a step, and the step ---- */

#define LINEUP_TYPE_STEP_ROW (lineup_step_row_get_type ())
G_DECLARE_FINAL_TYPE (LineupStepRow, lineup_step_row, LINEUP, STEP_ROW, AdwExpanderRow)

struct _LineupStepRow
{
  AdwExpanderRow parent_instance;

  LineupPreferencesWorkflow *page;
  LineupPreferencesItem *item;
  GPtrArray *approvers;     /* of LineupApproverRow, one a member */
  GtkWidget *all_row;
  GtkSwitch *all;
  GtkWidget *remove;
};

G_DEFINE_FINAL_TYPE (LineupStepRow, lineup_step_row, ADW_TYPE_EXPANDER_ROW)

#define LINEUP_TYPE_APPROVER_ROW (lineup_approver_row_get_type ())
G_DECLARE_FINAL_TYPE (LineupApproverRow, lineup_approver_row, LINEUP, APPROVER_ROW, AdwActionRow)

struct _LineupApproverRow
{
  AdwActionRow parent_instance;

  LineupStepRow *step;      /* unowned: it holds this row */
  char *member;
  GtkCheckButton *check;
};

G_DEFINE_FINAL_TYPE (LineupApproverRow, lineup_approver_row, ADW_TYPE_ACTION_ROW)

static void
lineup_approver_row_finalize (GObject *object)
{
  g_free (LINEUP_APPROVER_ROW (object)->member);
  G_OBJECT_CLASS (lineup_approver_row_parent_class)->finalize (object);
}

static void
lineup_approver_row_class_init (LineupApproverRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lineup_approver_row_finalize;
}

static void
lineup_approver_row_init (LineupApproverRow *row)
{
}

static void
apply_chain (LineupPreferencesWorkflow *self,
             GPtrArray                 *chain)
{
  g_autoptr(GError) error = NULL;

  if (!lineup_store_set_approval_chain (self->store, chain, &error))
    refuse (self, error);
}

static void
on_approver_toggled_cb (GtkCheckButton    *check,
                        LineupApproverRow *approver)
{
  LineupStepRow *row = approver->step;
  g_autoptr(GPtrArray) chain = lineup_store_get_approval_chain (row->page->store);
  guint index = lineup_preferences_item_get_index (row->item);
  LineupApprovalStep *step;
  g_autoptr(GStrvBuilder) approvers = g_strv_builder_new ();

  if (index >= chain->len)
    return;
  step = g_ptr_array_index (chain, index);
  for (guint i = 0; step->approvers[i]; i++)
    if (g_strcmp0 (step->approvers[i], approver->member) != 0)
      g_strv_builder_add (approvers, step->approvers[i]);
  if (gtk_check_button_get_active (check))
    g_strv_builder_add (approvers, approver->member);
  g_strfreev (step->approvers);
  step->approvers = g_strv_builder_end (approvers);
  apply_chain (row->page, chain);
}

static void
on_all_toggled_cb (GtkSwitch     *toggle,
                   GParamSpec    *pspec,
                   LineupStepRow *row)
{
  g_autoptr(GPtrArray) chain = lineup_store_get_approval_chain (row->page->store);
  guint index = lineup_preferences_item_get_index (row->item);

  if (index >= chain->len)
    return;
  ((LineupApprovalStep *) g_ptr_array_index (chain, index))->all = gtk_switch_get_active (toggle);
  apply_chain (row->page, chain);
}

static void
on_remove_step_cb (LineupStepRow *row)
{
  g_autoptr(GPtrArray) chain = lineup_store_get_approval_chain (row->page->store);
  guint index = lineup_preferences_item_get_index (row->item);

  if (index < chain->len)
    g_ptr_array_remove_index (chain, index);
  apply_chain (row->page, chain);
}

static GtkWidget *
approver_row_new (LineupStepRow *step,
                  LineupMember  *member)
{
  LineupApproverRow *row = g_object_new (LINEUP_TYPE_APPROVER_ROW, NULL);
  g_autofree char *name = g_markup_escape_text (member->name, -1);

  row->step = step;
  row->member = g_strdup (member->name);
  row->check = GTK_CHECK_BUTTON (gtk_check_button_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  gtk_widget_set_valign (GTK_WIDGET (row->check), GTK_ALIGN_CENTER);
  g_signal_connect (row->check, "toggled", G_CALLBACK (on_approver_toggled_cb), row);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), GTK_WIDGET (row->check));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (row->check));
  return GTK_WIDGET (row);
}

/* The step's rows show the team: when it changed, its rows are made again
 * (the switch stays last); otherwise only what they show moves, under the
 * person's keyboard. */
static void
step_row_update (LineupStepRow *row)
{
  LineupApprovalStep *step = lineup_preferences_item_get_data (row->item);
  g_autoptr(GPtrArray) team = lineup_store_get_team (row->page->store);
  g_autofree char *names = g_strjoinv (", ", step->approvers);
  g_autofree char *who = g_strdup_printf (step->all ? _("All of %s") : _("Any one of %s"), names);
  g_autofree char *title = g_markup_escape_text (step->name, -1);
  g_autofree char *subtitle = g_markup_escape_text (who, -1);
  gboolean same = team->len == row->approvers->len;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  for (guint m = 0; same && m < team->len; m++)
    same = g_str_equal (((LineupMember *) g_ptr_array_index (team, m))->name,
                        LINEUP_APPROVER_ROW (g_ptr_array_index (row->approvers, m))->member);
  if (!same)
    {
      for (guint m = 0; m < row->approvers->len; m++)
        adw_expander_row_remove (ADW_EXPANDER_ROW (row), g_ptr_array_index (row->approvers, m));
      g_ptr_array_set_size (row->approvers, 0);
      if (gtk_widget_get_parent (row->all_row))
        adw_expander_row_remove (ADW_EXPANDER_ROW (row), row->all_row);
      for (guint m = 0; m < team->len; m++)
        {
          GtkWidget *approver = approver_row_new (row, g_ptr_array_index (team, m));

          g_ptr_array_add (row->approvers, approver);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), approver);
        }
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), row->all_row);
    }
  for (guint m = 0; m < team->len; m++)
    {
      LineupMember *member = g_ptr_array_index (team, m);
      LineupApproverRow *approver = g_ptr_array_index (row->approvers, m);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (approver), lineup_role_to_label (member->role));
      g_signal_handlers_block_by_func (approver->check, on_approver_toggled_cb, approver);
      gtk_check_button_set_active (approver->check,
                                   g_strv_contains ((const char * const *) step->approvers, member->name));
      g_signal_handlers_unblock_by_func (approver->check, on_approver_toggled_cb, approver);
    }
  g_signal_handlers_block_by_func (row->all, on_all_toggled_cb, row);
  gtk_switch_set_active (row->all, step->all);
  g_signal_handlers_unblock_by_func (row->all, on_all_toggled_cb, row);
}

static void
lineup_step_row_dispose (GObject *object)
{
  LineupStepRow *row = LINEUP_STEP_ROW (object);

  g_clear_object (&row->item);
  g_clear_object (&row->all_row);
  G_OBJECT_CLASS (lineup_step_row_parent_class)->dispose (object);
}

static void
lineup_step_row_finalize (GObject *object)
{
  g_ptr_array_unref (LINEUP_STEP_ROW (object)->approvers);
  G_OBJECT_CLASS (lineup_step_row_parent_class)->finalize (object);
}

static void
lineup_step_row_class_init (LineupStepRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lineup_step_row_dispose;
  G_OBJECT_CLASS (klass)->finalize = lineup_step_row_finalize;
}

static void
lineup_step_row_init (LineupStepRow *row)
{
  row->approvers = g_ptr_array_new ();
}

static GtkWidget *
step_row_new (gpointer item,
              gpointer data)
{
  LineupStepRow *row = g_object_new (LINEUP_TYPE_STEP_ROW, NULL);
  LineupApprovalStep *step = lineup_preferences_item_get_data (item);
  g_autofree char *remove_name = g_strdup_printf (_("Remove the step %s"), step->name);

  row->page = data;
  row->item = g_object_ref (item);
  row->all_row = g_object_ref_sink (lineup_preferences_switch_row (_("Every approver must approve"),
                                                _("Otherwise any one of them is enough"), step->all));
  row->all = GTK_SWITCH (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row->all_row)));
  g_signal_connect (row->all, "notify::active", G_CALLBACK (on_all_toggled_cb), row);
  row->remove = lineup_preferences_remove_button (remove_name);
  g_signal_connect_swapped (row->remove, "clicked", G_CALLBACK (on_remove_step_cb), row);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), row->remove);
  step_row_update (row);
  g_signal_connect_object (item, "changed", G_CALLBACK (step_row_update), row, G_CONNECT_SWAPPED);
  return GTK_WIDGET (row);
}

static void
on_add_step_cb (AdwEntryRow               *row,
                LineupPreferencesWorkflow *self)
{
  g_autoptr(GPtrArray) chain = lineup_store_get_approval_chain (self->store);
  g_autoptr(GPtrArray) team = lineup_store_get_team (self->store);
  g_autoptr(GStrvBuilder) approvers = g_strv_builder_new ();
  g_autoptr(GError) error = NULL;
  LineupApprovalStep *step;
  guint n = 0;

  /* The leads approve a new step until someone else is chosen. */
  for (guint i = 0; i < team->len; i++)
    if (((LineupMember *) g_ptr_array_index (team, i))->role == LINEUP_ROLE_LEAD)
      g_strv_builder_add (approvers, ((LineupMember *) g_ptr_array_index (team, i))->name), n++;
  if (n == 0 && team->len > 0)
    g_strv_builder_add (approvers, ((LineupMember *) g_ptr_array_index (team, 0))->name), n++;
  if (n == 0)
    {
      lineup_preferences_toast (GTK_WIDGET (self), _("Add the team first: a step needs at least one approver"));
      return;
    }
  step = g_new0 (LineupApprovalStep, 1);
  step->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
  step->approvers = g_strv_builder_end (approvers);
  g_ptr_array_add (chain, step);
  if (!lineup_store_set_approval_chain (self->store, chain, &error))
    refuse (self, error);
  else   /* Typing one after another: the keyboard stays in this field. */
    gtk_editable_set_text (GTK_EDITABLE (row), "");
}

static void
on_self_approval_cb (GtkSwitch                 *toggle,
                     GParamSpec                *pspec,
                     LineupPreferencesWorkflow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->store && gtk_switch_get_active (toggle) != lineup_store_get_forbid_self_approval (self->store) &&
      !lineup_store_set_forbid_self_approval (self->store, gtk_switch_get_active (toggle), &error))
    refuse (self, error);
}

/* ---- an item of the checklist ---- */

#define LINEUP_TYPE_CHECKLIST_ROW (lineup_checklist_row_get_type ())
G_DECLARE_FINAL_TYPE (LineupChecklistRow, lineup_checklist_row, LINEUP, CHECKLIST_ROW, AdwEntryRow)

struct _LineupChecklistRow
{
  AdwEntryRow parent_instance;

  LineupPreferencesWorkflow *page;
  LineupPreferencesItem *item;
  GtkWidget *remove;
};

G_DEFINE_FINAL_TYPE (LineupChecklistRow, lineup_checklist_row, ADW_TYPE_ENTRY_ROW)

static LineupChecklistItem *
item_of (LineupChecklistRow *row)
{
  return lineup_preferences_item_get_data (row->item);
}

static void
on_rename_item_cb (LineupChecklistRow *row)
{
  g_autoptr(GError) error = NULL;

  if (!lineup_store_rename_checklist_item (row->page->store, item_of (row)->id,
                                           gtk_editable_get_text (GTK_EDITABLE (row)), &error))
    refuse (row->page, error);
}

static void
on_remove_item_cb (LineupChecklistRow *row)
{
  g_autoptr(GError) error = NULL;

  if (!lineup_store_remove_checklist_item (row->page->store, item_of (row)->id, &error))
    refuse (row->page, error);
}

/* Its number follows its place; its text is left alone under typing. */
static void
checklist_row_update (LineupChecklistRow *row)
{
  guint n = lineup_preferences_item_get_index (row->item) + 1;
  g_autofree char *title = g_strdup_printf (_("Item %u"), n);
  g_autofree char *remove_name = g_strdup_printf (_("Remove item %u"), n);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_tooltip_text (row->remove, remove_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_name, -1);
  if (!(gtk_widget_get_state_flags (GTK_WIDGET (row)) & GTK_STATE_FLAG_FOCUS_WITHIN) &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), item_of (row)->text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), item_of (row)->text);
}

static void
lineup_checklist_row_dispose (GObject *object)
{
  g_clear_object (&LINEUP_CHECKLIST_ROW (object)->item);
  G_OBJECT_CLASS (lineup_checklist_row_parent_class)->dispose (object);
}

static void
lineup_checklist_row_class_init (LineupChecklistRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lineup_checklist_row_dispose;
}

static void
lineup_checklist_row_init (LineupChecklistRow *row)
{
}

static GtkWidget *
checklist_row_new (gpointer item,
                   gpointer data)
{
  LineupChecklistRow *row = g_object_new (LINEUP_TYPE_CHECKLIST_ROW, "show-apply-button", TRUE, NULL);

  row->page = data;
  row->item = g_object_ref (item);
  row->remove = lineup_preferences_remove_button ("");
  gtk_editable_set_text (GTK_EDITABLE (row), item_of (row)->text);
  checklist_row_update (row);
  g_signal_connect (row, "apply", G_CALLBACK (on_rename_item_cb), NULL);
  g_signal_connect_swapped (row->remove, "clicked", G_CALLBACK (on_remove_item_cb), row);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), row->remove);
  g_signal_connect_object (item, "changed", G_CALLBACK (checklist_row_update), row, G_CONNECT_SWAPPED);
  return GTK_WIDGET (row);
}

static void
on_add_item_cb (AdwEntryRow               *row,
                LineupPreferencesWorkflow *self)
{
  g_autoptr(GError) error = NULL;

  if (!lineup_store_add_checklist_item (self->store, gtk_editable_get_text (GTK_EDITABLE (row)), &error))
    lineup_preferences_toast (GTK_WIDGET (self), error->message);
  else   /* Typing one after another: the keyboard stays in this field. */
    gtk_editable_set_text (GTK_EDITABLE (row), "");
}

/* ---- the page ---- */

static char *
member_key (gconstpointer data)
{
  return g_strdup (((const LineupMember *) data)->name);
}

static char *
member_signature (gconstpointer data)
{
  const LineupMember *member = data;

  return g_strdup_printf ("%s\x1f%d", member->name, member->role);
}

static char *
step_key (gconstpointer data)
{
  return g_strdup (((const LineupApprovalStep *) data)->name);
}

static char *
step_signature (gconstpointer data)
{
  const LineupApprovalStep *step = data;
  g_autofree char *approvers = g_strjoinv ("\x1f", step->approvers);

  return g_strdup_printf ("%s\x1e%d\x1e%s", step->name, step->all, approvers);
}

static char *
item_key (gconstpointer data)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, ((const LineupChecklistItem *) data)->id);
}

static char *
item_signature (gconstpointer data)
{
  return g_strdup (((const LineupChecklistItem *) data)->text);
}

/* Brings the lists to what the plan holds; with @refresh, every row shows
 * it again (after a refusal, a switch flipped goes back). */
static void
reload (LineupPreferencesWorkflow *self,
        gboolean                   refresh)
{
  g_autoptr(GPtrArray) team = lineup_store_get_team (self->store);
  g_autoptr(GPtrArray) chain = lineup_store_get_approval_chain (self->store);
  g_autoptr(GPtrArray) items = lineup_store_get_checklist (self->store);
  g_autoptr(GString) team_signature = g_string_new (NULL);
  gboolean team_changed;

  for (guint i = 0; i < team->len; i++)
    {
      g_autofree char *signature = member_signature (g_ptr_array_index (team, i));

      g_string_append_printf (team_signature, "%s\x1e", signature);
    }
  team_changed = g_strcmp0 (team_signature->str, self->team_signature) != 0;
  g_free (self->team_signature);
  self->team_signature = g_string_free (g_steal_pointer (&team_signature), FALSE);

  adw_preferences_group_set_description (self->chain_group,
                                         chain->len == 0
                                         ? _("No steps: any one person’s approval is enough. Add steps to have posts approved in order.")
                                         : _("A post is approved when every step has approved it, in this order."));
  lineup_preferences_list_sync (self->team, team, member_key, member_signature,
                                (GDestroyNotify) lineup_member_free, refresh);
  lineup_preferences_list_sync (self->chain, chain, step_key, step_signature,
                                (GDestroyNotify) lineup_approval_step_free, refresh || team_changed);
  lineup_preferences_list_sync (self->checklist, items, item_key, item_signature,
                                (GDestroyNotify) lineup_checklist_item_free, refresh);
  g_signal_handlers_block_by_func (self->self_approval, on_self_approval_cb, self);
  gtk_switch_set_active (self->self_approval, lineup_store_get_forbid_self_approval (self->store));
  g_signal_handlers_unblock_by_func (self->self_approval, on_self_approval_cb, self);
}

static void
on_store_changed (GtkWidget *page)
{
  reload (LINEUP_PREFERENCES_WORKFLOW (page), FALSE);
}

void
lineup_preferences_workflow_set_store (LineupPreferencesWorkflow *self,
                                       LineupStore               *store)
{
  g_return_if_fail (LINEUP_IS_PREFERENCES_WORKFLOW (self));
  g_return_if_fail (LINEUP_IS_STORE (store));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  reload (self, FALSE);
  lineup_preferences_follow_store (GTK_WIDGET (self), store, on_store_changed,
                                   "plan-changed", "reloaded", NULL);
}

static void
lineup_preferences_workflow_dispose (GObject *object)
{
  LineupPreferencesWorkflow *self = LINEUP_PREFERENCES_WORKFLOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_PREFERENCES_WORKFLOW);
  g_clear_object (&self->team);
  g_clear_object (&self->chain);
  g_clear_object (&self->checklist);
  g_clear_object (&self->store);
  g_clear_pointer (&self->team_signature, g_free);
  G_OBJECT_CLASS (lineup_preferences_workflow_parent_class)->dispose (object);
}

static void
lineup_preferences_workflow_class_init (LineupPreferencesWorkflowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = lineup_preferences_workflow_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lineup/Lineup/preferences/lineup-preferences-workflow.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWorkflow, chain_group);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWorkflow, team_list);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWorkflow, chain_list);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWorkflow, checklist_list);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWorkflow, self_approval);
  gtk_widget_class_bind_template_callback (widget_class, on_add_member_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_step_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_self_approval_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_item_cb);
}

static void
lineup_preferences_workflow_init (LineupPreferencesWorkflow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->team = g_list_store_new (LINEUP_TYPE_PREFERENCES_ITEM);
  self->chain = g_list_store_new (LINEUP_TYPE_PREFERENCES_ITEM);
  self->checklist = g_list_store_new (LINEUP_TYPE_PREFERENCES_ITEM);
  lineup_preferences_list_bind (self->team_list, G_LIST_MODEL (self->team), member_row_new, self);
  lineup_preferences_list_bind (self->chain_list, G_LIST_MODEL (self->chain), step_row_new, self);
  lineup_preferences_list_bind (self->checklist_list, G_LIST_MODEL (self->checklist), checklist_row_new, self);
}
