/* lineup-preferences-slots.c: the Posting Slots group of Preferences'
 * General page (lineup-preferences-slots.h): an entry row a network, its
 * title the network and its slots in words ("LinkedIn · Tue 09:00, Thu
 * 12:30"), its text the slots as written ("tue@09:00 thu@12:30"). Apply
 * replaces that network's slots, one store call and one undo step; a slot
 * that does not read marks the row and says why in a toast.
 *
 * The group follows "plan-changed", so what the command line or a shared
 * plan changes shows at once (a row being edited keeps its text).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lineup-preferences-list.h"
#include "lineup-preferences-slots.h"

struct _LineupPreferencesSlots
{
  AdwPreferencesGroup parent_instance;

  LineupStore *store;
  GPtrArray *rows;          /* AdwEntryRow per lineup_platforms_get_all () entry */
};

G_DEFINE_FINAL_TYPE (LineupPreferencesSlots, lineup_preferences_slots, ADW_TYPE_PREFERENCES_GROUP)

/* "tue@09:00 thu@12:30", also "Tue 09:00, Thu 12:30": the slots of @text,
 * or FALSE with the first one that does not read. */
static gboolean
parse_slots (const char  *platform,
             const char  *text,
             GArray      *out,
             GError     **error)
{
  g_autofree char *flat = g_strdelimit (g_strdup (text), ",;\t\n", ' ');
  g_auto(GStrv) words = g_strsplit (flat, " ", -1);
  g_autofree char *pending = NULL;

  for (guint i = 0; words[i]; i++)
    {
      g_autofree char *one = NULL;
      LineupSlot slot;

      if (*words[i] == '\0')
        continue;
      if (strchr (words[i], '@') == NULL && pending == NULL)
        {
          pending = g_strdup (words[i]);
          continue;
        }
      one = pending ? g_strconcat (pending, "@", words[i], NULL) : g_strdup (words[i]);
      g_clear_pointer (&pending, g_free);
      if (!lineup_slot_parse (platform, one, &slot, error))
        return FALSE;
      g_array_append_val (out, slot);
    }
  if (pending)
    {
      LineupSlot slot;

      return lineup_slot_parse (platform, pending, &slot, error);
    }
  return TRUE;
}

static void
update_row (LineupPreferencesSlots   *self,
            AdwEntryRow              *row,
            const LineupPlatformInfo *info,
            GArray                   *slots,
            gboolean                  force)
{
  g_autoptr(GString) keys = g_string_new (NULL);
  g_autoptr(GString) words = g_string_new (NULL);
  g_autofree char *title = NULL;

  for (guint i = 0; i < slots->len; i++)
    {
      const LineupSlot *slot = &g_array_index (slots, LineupSlot, i);
      g_autofree char *key = NULL;
      g_autofree char *described = NULL;

      if (!g_str_equal (slot->platform, info->key))
        continue;
      key = lineup_slot_to_string (slot);
      described = lineup_slot_describe (slot);
      g_string_append_printf (keys, "%s%s", keys->len ? " " : "", key);
      g_string_append_printf (words, "%s%s", words->len ? ", " : "", described);
    }
  /* TRANSLATORS: a network's row in Posting Slots: its name and its slots in words. */
  title = words->len ? g_strdup_printf (_("%s · %s"), info->name, words->str) : g_strdup (info->name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if ((force || !(gtk_widget_get_state_flags (GTK_WIDGET (row)) & GTK_STATE_FLAG_FOCUS_WITHIN)) &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), keys->str) != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), keys->str);
}

static void
update_rows (GtkWidget *widget)
{
  LineupPreferencesSlots *self = LINEUP_PREFERENCES_SLOTS (widget);
  g_autoptr(GArray) slots = lineup_store_get_slots (self->store, NULL);
  guint n_platforms;
  const LineupPlatformInfo *platforms = lineup_platforms_get_all (&n_platforms);

  for (guint p = 0; p < n_platforms && p < self->rows->len; p++)
    update_row (self, g_ptr_array_index (self->rows, p), &platforms[p], slots, FALSE);
}

static void
on_changed_cb (GtkEditable *editable)
{
  gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
}

static void
on_applied_cb (AdwEntryRow            *row,
               LineupPreferencesSlots *self)
{
  const LineupPlatformInfo *info = g_object_get_data (G_OBJECT (row), "platform");
  g_autoptr(GArray) slots = g_array_new (FALSE, FALSE, sizeof (LineupSlot));
  g_autoptr(GError) error = NULL;

  if (!parse_slots (info->key, gtk_editable_get_text (GTK_EDITABLE (row)), slots, &error) ||
      !lineup_store_set_slots (self->store, info->key, (LineupSlot *) slots->data, slots->len, &error))
    {
      g_autofree char *message = g_strdup_printf (_("%s: %s"), info->name, error->message);

      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
      lineup_preferences_toast (GTK_WIDGET (self), message);
      return;
    }
  gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  /* What was stored, sorted, shows again, also in the row being edited. */
  {
    g_autoptr(GArray) stored = lineup_store_get_slots (self->store, info->key);

    update_row (self, row, info, stored, TRUE);
  }
}

void
lineup_preferences_slots_set_store (LineupPreferencesSlots *self,
                                    LineupStore            *store)
{
  guint n_platforms;
  const LineupPlatformInfo *platforms = lineup_platforms_get_all (&n_platforms);

  g_return_if_fail (LINEUP_IS_PREFERENCES_SLOTS (self));
  g_return_if_fail (LINEUP_IS_STORE (store));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  for (guint p = 0; p < n_platforms; p++)
    {
      GtkWidget *row = adw_entry_row_new ();

      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, _("Weekday@time, several apart with spaces: tue@09:00 thu@12:30; empty for none"));
      g_object_set_data (G_OBJECT (row), "platform", (gpointer) &platforms[p]);
      g_signal_connect (row, "changed", G_CALLBACK (on_changed_cb), NULL);
      g_signal_connect (row, "apply", G_CALLBACK (on_applied_cb), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
    }
  update_rows (GTK_WIDGET (self));
  lineup_preferences_follow_store (GTK_WIDGET (self), store, update_rows, "plan-changed", "reloaded", NULL);
}

static void
lineup_preferences_slots_dispose (GObject *object)
{
  LineupPreferencesSlots *self = LINEUP_PREFERENCES_SLOTS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_PREFERENCES_SLOTS);
  g_clear_object (&self->store);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (lineup_preferences_slots_parent_class)->dispose (object);
}

static void
lineup_preferences_slots_class_init (LineupPreferencesSlotsClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = lineup_preferences_slots_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lineup/Lineup/preferences/lineup-preferences-slots.ui");
}

static void
lineup_preferences_slots_init (LineupPreferencesSlots *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}
