/* lineup-toasts.c: toasts shown one after another, never replacing one
 * that is still coming in.
 *
 * libadwaita 1.2 (Debian 12's) crashes when a toast is dismissed while it
 * is still sliding in and its fade-out ends first: a toast that replaces
 * another slides in for 500 ms and fades out in 300, so dismissing it
 * within 200 ms of its coming in freed it under its own animation (two
 * refusals in Preferences, then Escape twice: the app went away;
 * ui-general does that). libadwaita queues and replaces toasts itself;
 * here Lineup does it instead, so that a toast is only ever added to an
 * overlay with nothing on it and nothing fading out: it then slides in in
 * 300 ms, no longer than any fade-out that can follow.
 *
 * Per target (an overlay or Preferences): the toasts waiting, the one shown,
 * and until when the last one dismissed may still fade out (350 ms: 300
 * and a frame or two).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lineup-toasts.h"

#define FADE_US (350 * G_TIME_SPAN_MILLISECOND)
#define TOASTS_KEY "lineup-toasts"

typedef struct {
  GtkWidget *target;            /* unowned: this goes with it */
  LineupToastAddFunc add;
  GQueue waiting;               /* AdwToast, owned */
  AdwToast *current;            /* owned; NULL when none is shown */
  gulong dismissed_id;
  gint64 fading_until;          /* monotonic time */
  guint pump_id;
} Toasts;

static void pump (Toasts *toasts);

static gboolean
pump_cb (gpointer data)
{
  Toasts *toasts = data;

  toasts->pump_id = 0;
  pump (toasts);
  return G_SOURCE_REMOVE;
}

static void
pump_later (Toasts *toasts,
            gint64  delay_us)
{
  if (toasts->pump_id == 0)
    toasts->pump_id = g_timeout_add ((guint) (delay_us / G_TIME_SPAN_MILLISECOND) + 1, pump_cb, toasts);
}

static void
on_dismissed_cb (AdwToast *toast,
                 Toasts   *toasts)
{
  if (toast != toasts->current)
    return;
  g_clear_signal_handler (&toasts->dismissed_id, toasts->current);
  g_clear_object (&toasts->current);
  toasts->fading_until = g_get_monotonic_time () + FADE_US;
  pump_later (toasts, FADE_US);
}

static void
pump (Toasts *toasts)
{
  gint64 now = g_get_monotonic_time ();
  AdwToast *next;

  if (toasts->current != NULL || g_queue_is_empty (&toasts->waiting))
    return;
  if (now < toasts->fading_until)
    {
      pump_later (toasts, toasts->fading_until - now);
      return;
    }
  next = g_queue_pop_head (&toasts->waiting);
  toasts->current = next;   /* the queue's reference */
  toasts->dismissed_id = g_signal_connect (next, "dismissed", G_CALLBACK (on_dismissed_cb), toasts);
  toasts->add (toasts->target, g_object_ref (next));
}

static void
toasts_free (gpointer data)
{
  Toasts *toasts = data;

  g_clear_handle_id (&toasts->pump_id, g_source_remove);
  if (toasts->current)
    g_clear_signal_handler (&toasts->dismissed_id, toasts->current);
  g_clear_object (&toasts->current);
  g_queue_clear_full (&toasts->waiting, g_object_unref);
  g_free (toasts);
}

void
lineup_toasts_show (GtkWidget          *target,
                    LineupToastAddFunc  add,
                    AdwToast           *toast,
                    gboolean            urgent)
{
  Toasts *toasts;

  g_return_if_fail (GTK_IS_WIDGET (target));
  g_return_if_fail (add != NULL);
  g_return_if_fail (ADW_IS_TOAST (toast));

  toasts = g_object_get_data (G_OBJECT (target), TOASTS_KEY);
  if (toasts == NULL)
    {
      toasts = g_new0 (Toasts, 1);
      toasts->target = target;
      toasts->add = add;
      g_queue_init (&toasts->waiting);
      g_object_set_data_full (G_OBJECT (target), TOASTS_KEY, toasts, toasts_free);
    }
  if (urgent)
    {
      g_queue_push_head (&toasts->waiting, toast);
      if (toasts->current)
        adw_toast_dismiss (toasts->current);   /* on_dismissed_cb () shows it after the fade */
    }
  else
    g_queue_push_tail (&toasts->waiting, toast);
  pump (toasts);
}
