/* lineup-post-editor-family.c: the editor's Family group: a published
 * post's Evergreen switch and, while it is on, its days between uses and
 * last date (lineup_store_set_evergreen, each its own undo step, at once
 * like the workflow's buttons), the post it was made from and the posts
 * made from it, each a row that opens it in its own editor.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-post-editor-private.h"

static void
on_open_cb (GtkButton        *button,
            LineupPostEditor *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "post-id");
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (parent && id)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.edit-post", "s", id);
}

static GtkWidget *
relative_row (LineupPostEditor *self,
              const char       *role,
              LineupPost       *post)
{
  LineupContentType *type = lineup_store_get_content_type (self->store, lineup_post_get_type_id (post));
  g_autofree char *when = lineup_post_is_dated (post)
    ? lineup_store_format_time (self->store, lineup_post_get_scheduled_at (post), "%-d %b %Y")
    : g_strdup (_("Backlog"));
  g_autofree char *subtitle = g_strdup_printf ("%s · %s · %s · %s", role,
                                               type ? lineup_content_type_get_name (type) : "?",
                                               lineup_stage_to_label (lineup_post_get_stage (post)), when);
  g_autofree char *name = g_strdup_printf (_("Open “%s”"), lineup_post_get_title (post));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("go-next-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lineup_post_get_title (post));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (button), "post-id", g_strdup (lineup_post_get_id (post)), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_open_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  return row;
}

/* The form saves over this post: it must hold the mark as stored. */
static void
reload_post (LineupPostEditor *self)
{
  g_autoptr(LineupPost) stored = lineup_store_get_post (self->store, lineup_post_get_id (self->post), NULL);

  if (stored)
    g_set_object (&self->post, stored);
}

static char *
evergreen_subtitle (guint       gap,
                    const char *until)
{
  return until && *until
    ? g_strdup_printf (_("Fill Gaps may bring it back as a Draft copy, at least %u days apart, until %s"), gap, until)
    : g_strdup_printf (_("Fill Gaps may bring it back as a Draft copy, at least %u days apart"), gap);
}

/* "Days Between Uses" or "Until" applied: both as they read now. */
static void
on_evergreen_apply_cb (AdwEntryRow      *entry,
                       LineupPostEditor *self)
{
  GtkEditable *gap_row = g_object_get_data (G_OBJECT (entry), "gap-row");
  GtkEditable *until_row = g_object_get_data (G_OBJECT (entry), "until-row");
  g_autoptr(GError) error = NULL;
  g_autofree char *gap_text = g_strstrip (g_strdup (gtk_editable_get_text (gap_row)));
  g_autofree char *until = g_strstrip (g_strdup (gtk_editable_get_text (until_row)));
  guint64 gap = 0;
  GDate date;

  if (self->post == NULL)
    return;
  if (!g_ascii_string_to_unsigned (gap_text, 10, 0, LINEUP_EVERGREEN_MAX_GAP_DAYS, &gap, NULL))
    {
      g_autofree char *message = g_strdup_printf (_("Days between uses must be a whole number from 0 to %d"),
                                                  LINEUP_EVERGREEN_MAX_GAP_DAYS);
      lineup_post_editor_show_error (self, message);
      gtk_widget_add_css_class (GTK_WIDGET (gap_row), "error");
      return;
    }
  if (*until && !lineup_parse_date (until, &date))
    {
      lineup_post_editor_show_error (self, _("The last date must be written as YYYY-MM-DD, or left empty for none"));
      gtk_widget_add_css_class (GTK_WIDGET (until_row), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (gap_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (until_row), "error");
  if (!lineup_store_set_evergreen (self->store, lineup_post_get_id (self->post), TRUE, (guint) gap,
                                   *until ? until : NULL, &error))
    {
      lineup_post_editor_show_error (self, error->message);
      return;
    }
  reload_post (self);
  {
    g_autofree char *subtitle = evergreen_subtitle ((guint) gap, until);

    adw_action_row_set_subtitle (g_object_get_data (G_OBJECT (entry), "switch-row"), subtitle);
  }
}

static GtkWidget *
evergreen_entry (const char *title,
                 const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  return row;
}

static gboolean
on_evergreen_set_cb (GtkSwitch        *toggle,
                     gboolean          active,
                     LineupPostEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *until = NULL;
  guint gap = LINEUP_EVERGREEN_DEFAULT_GAP_DAYS;
  GtkWidget *gap_row = g_object_get_data (G_OBJECT (toggle), "gap-row");
  GtkWidget *until_row = g_object_get_data (G_OBJECT (toggle), "until-row");

  if (self->post == NULL || (lineup_post_get_evergreen (self->post) != NULL) == active)
    return FALSE;
  if (lineup_post_get_evergreen (self->post))
    lineup_evergreen_parse (lineup_post_get_evergreen (self->post), &gap, &until);
  if (!lineup_store_set_evergreen (self->store, lineup_post_get_id (self->post), active, gap, until, &error))
    {
      lineup_post_editor_show_error (self, error->message);
      return TRUE;   /* the switch stays as it was */
    }
  reload_post (self);
  gtk_widget_set_visible (gap_row, active);
  gtk_widget_set_visible (until_row, active);
  gtk_switch_set_state (toggle, active);
  return TRUE;
}

void
lineup_post_editor_add_family (LineupPostEditor *self)
{
  g_autoptr(LineupPost) source = NULL;
  g_autoptr(GPtrArray) children = NULL;
  GtkWidget *group;
  gboolean published = lineup_post_get_stage (self->post) == LINEUP_STAGE_PUBLISHED;

  if (!lineup_store_get_family (self->store, self->post, &source, &children, NULL))
    return;
  if (!published && source == NULL && children->len == 0 && lineup_post_get_evergreen (self->post) == NULL)
    return;

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Family"));
  if (published || lineup_post_get_evergreen (self->post))
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *toggle = gtk_switch_new ();
      g_autofree char *subtitle = NULL;
      g_autofree char *until = NULL;
      guint gap = LINEUP_EVERGREEN_DEFAULT_GAP_DAYS;

      if (lineup_post_get_evergreen (self->post))
        lineup_evergreen_parse (lineup_post_get_evergreen (self->post), &gap, &until);
      subtitle = evergreen_subtitle (gap, until);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("_Evergreen"));
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_switch_set_active (GTK_SWITCH (toggle), lineup_post_get_evergreen (self->post) != NULL);
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Evergreen"), -1);
      g_signal_connect (toggle, "state-set", G_CALLBACK (on_evergreen_set_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      {
        g_autofree char *gap_text = g_strdup_printf ("%u", gap);
        GtkWidget *gap_row = evergreen_entry (_("Days Between Uses"), gap_text);
        GtkWidget *until_row = evergreen_entry (_("Until (YYYY-MM-DD, empty: no end)"), until ? until : "");
        GtkWidget *rows[] = { gap_row, until_row, toggle };

        for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
          {
            g_object_set_data (G_OBJECT (rows[i]), "gap-row", gap_row);
            g_object_set_data (G_OBJECT (rows[i]), "until-row", until_row);
            g_object_set_data (G_OBJECT (rows[i]), "switch-row", row);
          }
        g_signal_connect (gap_row, "apply", G_CALLBACK (on_evergreen_apply_cb), self);
        g_signal_connect (until_row, "apply", G_CALLBACK (on_evergreen_apply_cb), self);
        gtk_widget_set_visible (gap_row, lineup_post_get_evergreen (self->post) != NULL);
        gtk_widget_set_visible (until_row, lineup_post_get_evergreen (self->post) != NULL);
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), gap_row);
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), until_row);
      }
    }
  if (source)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), relative_row (self, _("Made from"), source));
  for (guint i = 0; i < children->len; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), relative_row (self, _("Copy"), children->pdata[i]));

  /* Before the Delete button, which stays last. */
  g_object_ref (self->delete_group);
  adw_preferences_page_remove (self->page, self->delete_group);
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
  adw_preferences_page_add (self->page, self->delete_group);
  g_object_unref (self->delete_group);
}
