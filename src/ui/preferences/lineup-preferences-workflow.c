/* lineup-preferences-workflow.c: the Workflow page of Preferences: the
 * plan's team, approval chain, self-approval rule and pre-publication
 * checklist.
 *
 * It does not hold the window nor the other pages (lineup-preferences.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-preferences-private.h"

/* ---- the team ---- */

static void
on_role_selected_cb (GtkDropDown       *dropdown,
                     GParamSpec        *pspec,
                     LineupPreferences *self)
{
  g_autoptr(GError) error = NULL;
  const char *name = g_object_get_data (G_OBJECT (dropdown), "member");

  if (!lineup_store_set_member (self->store, name, gtk_drop_down_get_selected (dropdown), &error))
    refused (self, error);
}

static void
on_remove_member_cb (GtkButton         *button,
                     LineupPreferences *self)
{
  g_autoptr(GError) error = NULL;

  if (!lineup_store_remove_member (self->store, g_object_get_data (G_OBJECT (button), "member"), &error))
    refused (self, error);
}

static void
on_add_member_cb (AdwEntryRow       *row,
                  LineupPreferences *self)
{
  /* Typing one after another: the keyboard stays in this field. */
  self->refocus = "Add a member";
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupMember) existing = lineup_store_find_member (self->store, gtk_editable_get_text (GTK_EDITABLE (row)));

  if (existing)
    {
      g_autofree char *message = g_strdup_printf (_("%s is in the team already"), existing->name);
      toast (self, message);
      return;
    }
  if (!lineup_store_set_member (self->store, gtk_editable_get_text (GTK_EDITABLE (row)), LINEUP_ROLE_EDITOR, &error))
    toast (self, error->message);
}

GtkWidget *
build_team (LineupPreferences *self)
{
  g_autoptr(GPtrArray) team = lineup_store_get_team (self->store);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *add;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Team"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("The people who plan, write and approve, kept with the plan."));
  for (guint i = 0; i < team->len; i++)
    {
      LineupMember *member = g_ptr_array_index (team, i);
      GtkWidget *row = adw_action_row_new ();
      const char *roles[LINEUP_N_ROLES + 1] = { NULL };
      g_autofree char *escaped = g_markup_escape_text (member->name, -1);
      g_autofree char *remove_name = g_strdup_printf (_("Remove %s from the team"), member->name);
      g_autofree char *role_name = g_strdup_printf (_("Role of %s"), member->name);
      GtkWidget *dropdown, *remove;

      for (guint r = 0; r < LINEUP_N_ROLES; r++)
        roles[r] = lineup_role_to_label (r);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      dropdown = gtk_drop_down_new_from_strings (roles);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), member->role);
      gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, role_name, -1);
      g_object_set_data_full (G_OBJECT (dropdown), "member", g_strdup (member->name), g_free);
      g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_role_selected_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
      remove = remove_button (remove_name);
      g_object_set_data_full (G_OBJECT (remove), "member", g_strdup (member->name), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_member_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  add = entry_row (_("Add a member"), NULL);
  g_hash_table_replace (self->add_rows, (gpointer) "Add a member", add);
  g_signal_connect (add, "apply", G_CALLBACK (on_add_member_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), add);
  return group;
}

/* ---- the approval chain ---- */

static void
apply_chain (LineupPreferences *self,
             GPtrArray         *chain)
{
  g_autoptr(GError) error = NULL;

  if (!lineup_store_set_approval_chain (self->store, chain, &error))
    refused (self, error);
}

static void
on_approver_toggled_cb (GtkCheckButton    *check,
                        LineupPreferences *self)
{
  g_autoptr(GPtrArray) chain = lineup_store_get_approval_chain (self->store);
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "step"));
  const char *member = g_object_get_data (G_OBJECT (check), "member");
  LineupApprovalStep *step;
  g_autoptr(GStrvBuilder) approvers = g_strv_builder_new ();

  if (index >= chain->len)
    return;
  step = g_ptr_array_index (chain, index);
  for (guint i = 0; step->approvers[i]; i++)
    if (g_strcmp0 (step->approvers[i], member) != 0)
      g_strv_builder_add (approvers, step->approvers[i]);
  if (gtk_check_button_get_active (check))
    g_strv_builder_add (approvers, member);
  g_strfreev (step->approvers);
  step->approvers = g_strv_builder_end (approvers);
  apply_chain (self, chain);
}

static void
on_all_toggled_cb (GtkSwitch         *toggle,
                   GParamSpec        *pspec,
                   LineupPreferences *self)
{
  g_autoptr(GPtrArray) chain = lineup_store_get_approval_chain (self->store);
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (toggle), "step"));

  if (index >= chain->len)
    return;
  ((LineupApprovalStep *) g_ptr_array_index (chain, index))->all = gtk_switch_get_active (toggle);
  apply_chain (self, chain);
}

static void
on_remove_step_cb (GtkButton         *button,
                   LineupPreferences *self)
{
  g_autoptr(GPtrArray) chain = lineup_store_get_approval_chain (self->store);
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "step"));

  if (index < chain->len)
    g_ptr_array_remove_index (chain, index);
  apply_chain (self, chain);
}

static void
on_add_step_cb (AdwEntryRow       *row,
                LineupPreferences *self)
{
  /* Typing one after another: the keyboard stays in this field. */
  self->refocus = "Add a step";
  g_autoptr(GPtrArray) chain = lineup_store_get_approval_chain (self->store);
  g_autoptr(GPtrArray) team = lineup_store_get_team (self->store);
  g_autoptr(GStrvBuilder) approvers = g_strv_builder_new ();
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
      toast (self, _("Add the team first: a step needs at least one approver"));
      return;
    }
  step = g_new0 (LineupApprovalStep, 1);
  step->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
  step->approvers = g_strv_builder_end (approvers);
  g_ptr_array_add (chain, step);
  apply_chain (self, chain);
}

static void
on_self_approval_cb (GtkSwitch         *toggle,
                     GParamSpec        *pspec,
                     LineupPreferences *self)
{
  g_autoptr(GError) error = NULL;

  if (gtk_switch_get_active (toggle) != lineup_store_get_forbid_self_approval (self->store) &&
      !lineup_store_set_forbid_self_approval (self->store, gtk_switch_get_active (toggle), &error))
    refused (self, error);
}

GtkWidget *
switch_row (const char *title,
            const char *subtitle,
            gboolean    active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_switch_set_active (GTK_SWITCH (toggle), active);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  g_object_set_data (G_OBJECT (row), "switch", toggle);
  return row;
}

GtkWidget *
build_chain (LineupPreferences *self)
{
  g_autoptr(GPtrArray) chain = lineup_store_get_approval_chain (self->store);
  g_autoptr(GPtrArray) team = lineup_store_get_team (self->store);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *row, *add;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Approval"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         chain->len == 0
                                         ? _("No steps: any one person’s approval is enough. Add steps to have posts approved in order.")
                                         : _("A post is approved when every step has approved it, in this order."));
  for (guint i = 0; i < chain->len; i++)
    {
      LineupApprovalStep *step = g_ptr_array_index (chain, i);
      g_autofree char *names = g_strjoinv (", ", step->approvers);
      g_autofree char *who = g_strdup_printf (step->all ? _("All of %s") : _("Any one of %s"), names);
      g_autofree char *title = g_markup_escape_text (step->name, -1);
      g_autofree char *subtitle = g_markup_escape_text (who, -1);
      g_autofree char *remove_name = g_strdup_printf (_("Remove the step %s"), step->name);
      GtkWidget *expander = adw_expander_row_new ();
      GtkWidget *all, *remove;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
      for (guint m = 0; m < team->len; m++)
        {
          LineupMember *member = g_ptr_array_index (team, m);
          g_autofree char *name = g_markup_escape_text (member->name, -1);
          GtkWidget *member_row = adw_action_row_new ();
          GtkWidget *check = gtk_check_button_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (member_row), name);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (member_row), lineup_role_to_label (member->role));
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                       g_strv_contains ((const char * const *) step->approvers, member->name));
          gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
          g_object_set_data (G_OBJECT (check), "step", GUINT_TO_POINTER (i));
          g_object_set_data_full (G_OBJECT (check), "member", g_strdup (member->name), g_free);
          g_signal_connect (check, "toggled", G_CALLBACK (on_approver_toggled_cb), self);
          adw_action_row_add_prefix (ADW_ACTION_ROW (member_row), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (member_row), check);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), member_row);
        }
      all = switch_row (_("Every approver must approve"), _("Otherwise any one of them is enough"), step->all);
      g_object_set_data (G_OBJECT (g_object_get_data (G_OBJECT (all), "switch")), "step", GUINT_TO_POINTER (i));
      g_signal_connect (g_object_get_data (G_OBJECT (all), "switch"), "notify::active",
                        G_CALLBACK (on_all_toggled_cb), self);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), all);
      remove = remove_button (remove_name);
      g_object_set_data (G_OBJECT (remove), "step", GUINT_TO_POINTER (i));
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_step_cb), self);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), remove);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), expander);
    }
  add = entry_row (_("Add a step"), NULL);
  g_hash_table_replace (self->add_rows, (gpointer) "Add a step", add);
  g_signal_connect (add, "apply", G_CALLBACK (on_add_step_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), add);

  row = switch_row (_("Forbid approving your own post"), _("A post’s owner cannot approve it"),
                    lineup_store_get_forbid_self_approval (self->store));
  g_signal_connect (g_object_get_data (G_OBJECT (row), "switch"), "notify::active",
                    G_CALLBACK (on_self_approval_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return group;
}

/* ---- the checklist ---- */

static void
on_rename_item_cb (AdwEntryRow       *row,
                   LineupPreferences *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "item-id"));

  if (!lineup_store_rename_checklist_item (self->store, id, gtk_editable_get_text (GTK_EDITABLE (row)), &error))
    refused (self, error);
}

static void
on_remove_item_cb (GtkButton         *button,
                   LineupPreferences *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "item-id"));

  if (!lineup_store_remove_checklist_item (self->store, id, &error))
    refused (self, error);
}

static void
on_add_item_cb (AdwEntryRow       *row,
                LineupPreferences *self)
{
  /* Typing one after another: the keyboard stays in this field. */
  self->refocus = "Add an item";
  g_autoptr(GError) error = NULL;

  if (!lineup_store_add_checklist_item (self->store, gtk_editable_get_text (GTK_EDITABLE (row)), &error))
    toast (self, error->message);
}

GtkWidget *
build_checklist (LineupPreferences *self)
{
  g_autoptr(GPtrArray) items = lineup_store_get_checklist (self->store);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *add;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Pre-Publication Checklist"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Every post carries these items; it is approved only when all are ticked."));
  for (guint i = 0; i < items->len; i++)
    {
      LineupChecklistItem *item = g_ptr_array_index (items, i);
      g_autofree char *title = g_strdup_printf (_("Item %u"), i + 1);
      g_autofree char *remove_name = g_strdup_printf (_("Remove item %u"), i + 1);
      GtkWidget *row = entry_row (title, item->text);
      GtkWidget *remove = remove_button (remove_name);

      g_object_set_data (G_OBJECT (row), "item-id", GSIZE_TO_POINTER ((gsize) item->id));
      g_signal_connect (row, "apply", G_CALLBACK (on_rename_item_cb), self);
      g_object_set_data (G_OBJECT (remove), "item-id", GSIZE_TO_POINTER ((gsize) item->id));
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_item_cb), self);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  add = entry_row (_("Add an item"), NULL);
  g_hash_table_replace (self->add_rows, (gpointer) "Add an item", add);
  g_signal_connect (add, "apply", G_CALLBACK (on_add_item_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), add);
  return group;
}
