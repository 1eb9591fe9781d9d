/* lineup-post-editor-times.c: the post editor's Best row: the best times
 * of the networks ticked (every network when none is), from the plan's own
 * results, as buttons; a click sets the date to the next such weekday from
 * the date chosen (today when it has none or it is past) and the time to
 * the slot's hour. A change of the form like any other, saved with it.
 * Hidden when there are too few results to tell.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lineup-post-editor-private.h"
#include "lineup-best-slot-buttons.h"

static void
on_best_slot_cb (const LineupResultsBestSlot *slot,
                 gpointer                     user_data)
{
  LineupPostEditor *self = user_data;
  g_autofree char *baseline = g_strdup (self->baseline);
  GDate today, from, date;

  lineup_store_get_today (self->store, &today);
  from = today;
  if (gtk_switch_get_active (self->date_switch) && g_date_valid (&self->date) &&
      g_date_compare (&self->date, &today) > 0)
    from = self->date;
  lineup_results_best_slot_next_date (slot, &from, &date);
  /* The rows show the slot; unlike a day the editor was opened on, it is
   * a change to save. */
  lineup_post_editor_set_date (self, &date, slot->hour * 60);
  g_free (self->baseline);
  self->baseline = g_steal_pointer (&baseline);
}

static void
update_best_times (LineupPostEditor *self)
{
  guint n_platforms;
  const LineupPlatformInfo *platforms = lineup_platforms_get_all (&n_platforms);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  guint n;

  for (guint i = 0; i < n_platforms; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->platform_checks, i)))
      g_ptr_array_add (keys, (gpointer) platforms[i].key);
  g_ptr_array_add (keys, NULL);
  n = lineup_best_slot_buttons_fill (self->best_box, self->store, (const char * const *) keys->pdata,
                                     on_best_slot_cb, self);
  gtk_widget_set_visible (GTK_WIDGET (self->best_row), n > 0);
}

void
lineup_post_editor_setup_best_times (LineupPostEditor *self)
{
  for (guint i = 0; i < self->platform_checks->len; i++)
    g_signal_connect_swapped (g_ptr_array_index (self->platform_checks, i), "toggled",
                              G_CALLBACK (update_best_times), self);
  update_best_times (self);
}
