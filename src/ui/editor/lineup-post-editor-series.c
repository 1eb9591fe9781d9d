/* lineup-post-editor-series.c: the post editor's Repeat group: the series
 * the post is in and its rule in words, or a Repeat… button that makes the
 * post repeat (every day, week or month, an interval, weekdays, an end
 * date or a count) as one undo step; and, when a change to a post of a
 * series is saved, the question "this one, this and following, or all"
 * (lineup-series-edit.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-post-editor-private.h"

static const char * const every_keys[] = { "day", "week", "month" };
static const char * const day_keys[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

/* ---- the group ---- */

static void
update_row (LineupPostEditor *self)
{
  g_autofree char *uid = NULL;
  g_autoptr(LineupSeries) series = NULL;

  if (self->post && lineup_store_get_post_series (self->store, lineup_post_get_id (self->post), &uid, NULL))
    series = lineup_store_get_series (self->store, uid, NULL);
  if (series)
    {
      g_autofree char *words = lineup_series_rule_describe (&series->rule);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->series_row), words);
      adw_action_row_set_subtitle (self->series_row, _("A post of a series: each date is a post of its own"));
      gtk_widget_set_visible (self->repeat_button, FALSE);
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->series_row), _("Does not repeat"));
      adw_action_row_set_subtitle (self->series_row,
                                   self->post && lineup_post_is_dated (self->post)
                                     ? _("Make this post come back on a rule") : _("Give the post a date and save it to make it repeat"));
      gtk_widget_set_visible (self->repeat_button, TRUE);
      gtk_widget_set_sensitive (self->repeat_button, self->post && lineup_post_is_dated (self->post));
    }
}

typedef struct {
  LineupPostEditor *self;
  GtkDropDown *every;
  GtkSpinButton *interval;
  GtkWidget *days_box;
  GtkToggleButton *days[7];
  GtkEntry *until;
  GtkSpinButton *count;
} RepeatForm;

static void
on_every_changed_cb (GtkDropDown *every,
                     GParamSpec  *pspec,
                     RepeatForm  *form)
{
  gtk_widget_set_visible (form->days_box, gtk_drop_down_get_selected (every) == 1);
}

static void
on_repeat_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       RepeatForm       *form)
{
  LineupPostEditor *self = form->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) on = g_string_new (NULL);
  g_autofree char *uid = NULL;
  const char *until = gtk_editable_get_text (GTK_EDITABLE (form->until));
  guint every = gtk_drop_down_get_selected (form->every);
  LineupSeriesRule rule;

  if (!g_str_equal (response, "repeat") || self->post == NULL)
    return;
  for (guint i = 0; every == 1 && i < 7; i++)
    if (gtk_toggle_button_get_active (form->days[i]))
      g_string_append_printf (on, "%s%s", on->len ? "," : "", day_keys[i]);
  lineup_series_rule_init (&rule);
  if (!lineup_series_rule_from_words (&rule, every_keys[MIN (every, 2)],
                                      gtk_spin_button_get_value_as_int (form->interval),
                                      on->len ? on->str : NULL, NULL, NULL,
                                      *until ? until : NULL,
                                      gtk_spin_button_get_value_as_int (form->count), &error) ||
      (uid = lineup_store_repeat_post (self->store, lineup_post_get_id (self->post), &rule, &error)) == NULL)
    {
      lineup_post_editor_show_error (self, error->message);
      return;
    }
  update_row (self);
}

static GtkWidget *
labelled (const char *text,
          GtkWidget  *widget)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), widget);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  return box;
}

static void
open_repeat_dialog (LineupPostEditor *self)
{
  static const char *everies[] = { N_("Every day"), N_("Every week"), N_("Every month"), NULL };
  const char *translated[G_N_ELEMENTS (everies)];
  const char *day_labels[7] = {
    /* TRANSLATORS: short weekday names on the Repeat dialog's toggles */
    N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun")
  };
  RepeatForm *form = g_new0 (RepeatForm, 1);
  GtkWidget *dialog, *box;

  form->self = self;
  for (guint i = 0; i < G_N_ELEMENTS (everies); i++)
    translated[i] = everies[i] ? _(everies[i]) : NULL;
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  form->every = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (translated));
  gtk_drop_down_set_selected (form->every, 1);
  gtk_box_append (GTK_BOX (box), labelled (_("_How often"), GTK_WIDGET (form->every)));
  form->interval = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1, LINEUP_SERIES_MAX_INTERVAL, 1));
  gtk_box_append (GTK_BOX (box), labelled (_("_Interval"), GTK_WIDGET (form->interval)));
  form->days_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_widget_add_css_class (form->days_box, "linked");
  for (guint i = 0; i < 7; i++)
    {
      form->days[i] = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_label (_(day_labels[i])));
      gtk_box_append (GTK_BOX (form->days_box), GTK_WIDGET (form->days[i]));
    }
  if (self->post && lineup_post_is_dated (self->post))
    {
      GDate date;

      lineup_store_utc_to_local (self->store, lineup_post_get_scheduled_at (self->post), &date, NULL);
      gtk_toggle_button_set_active (form->days[g_date_get_weekday (&date) - 1], TRUE);
    }
  gtk_box_append (GTK_BOX (box), form->days_box);
  form->until = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (form->until, _("YYYY-MM-DD"));
  gtk_box_append (GTK_BOX (box), labelled (_("_Until (optional)"), GTK_WIDGET (form->until)));
  form->count = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, LINEUP_SERIES_MAX_COUNT, 1));
  gtk_box_append (GTK_BOX (box), labelled (_("Number of _times (0: no limit)"), GTK_WIDGET (form->count)));
  g_signal_connect (form->every, "notify::selected", G_CALLBACK (on_every_changed_cb), form);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Repeat Post"),
                                   _("Each date becomes a post of its own, at the same local time, made 8 weeks ahead."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "repeat", _("_Repeat"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "repeat", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "repeat");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_repeat_response_cb), form,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
lineup_post_editor_update_series (LineupPostEditor *self)
{
  AdwPreferencesGroup *group;

  if (self->series_row == NULL)
    {
      group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_set_title (group, _("Repeat"));
      self->series_row = ADW_ACTION_ROW (adw_action_row_new ());
      self->repeat_button = gtk_button_new_with_label (_("Repeat…"));
      gtk_widget_set_valign (self->repeat_button, GTK_ALIGN_CENTER);
      g_signal_connect_swapped (self->repeat_button, "clicked", G_CALLBACK (open_repeat_dialog), self);
      adw_action_row_add_suffix (self->series_row, self->repeat_button);
      adw_preferences_group_add (group, GTK_WIDGET (self->series_row));
      adw_preferences_page_add (self->page, group);
      gtk_widget_set_visible (GTK_WIDGET (group), self->post != NULL);
    }
  update_row (self);
}

/* ---- saving a post of a series ---- */

static gboolean
save_idle_cb (gpointer data)
{
  gtk_widget_activate_action (GTK_WIDGET (data), "editor.save", NULL);
  return G_SOURCE_REMOVE;
}

/* The editor closes once saved: not from inside the answer (GTK 4.8 still
 * speaks to the window the question was for while it closes). */
static void
on_scope_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      LineupPostEditor *self)
{
  LineupSeriesScope scope;

  if (!lineup_series_scope_from_key (response, &scope))
    return;
  self->series_scope = scope;
  self->series_answered = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, save_idle_cb, g_object_ref (self), g_object_unref);
}

gboolean
lineup_post_editor_series_ask (LineupPostEditor *self)
{
  g_autoptr(LineupPost) edited = NULL;
  GtkWidget *dialog;

  if (self->series_answered || self->post == NULL ||
      !lineup_store_get_post_series (self->store, lineup_post_get_id (self->post), NULL, NULL))
    return FALSE;
  edited = lineup_post_copy (self->post);
  if (!lineup_post_editor_read_form (self, edited, NULL) || lineup_post_content_equal (self->post, edited))
    return FALSE;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Change a Post of a Series?"),
                                   _("This post repeats. Change only this post, this one and the following ones, or every post of the series?"));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "this", _("_This Post"),
                                    "following", _("This and _Following"),
                                    "all", _("_All Posts"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "this", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "this");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_scope_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}
