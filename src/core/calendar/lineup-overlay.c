/* lineup-overlay.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libical/ical.h>

#include "lineup-overlay.h"
#include "lineup-plan.h"
#include "lineup-feed.h"

void
lineup_overlay_event_free (LineupOverlayEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->overlay);
  g_free (event->color);
  g_free (event->summary);
  g_free (event);
}

int
lineup_overlay_count (const char *ics)
{
  icalcomponent *calendar;
  int n = 0;

  if (ics == NULL || !g_utf8_validate (ics, -1, NULL))
    return -1;
  calendar = icalparser_parse_string (ics);
  if (calendar == NULL || icalcomponent_isa (calendar) != ICAL_VCALENDAR_COMPONENT)
    {
      if (calendar)
        icalcomponent_free (calendar);
      return -1;
    }
  for (icalcomponent *e = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT); e;
       e = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    n++;
  icalcomponent_free (calendar);
  return n;
}

int
lineup_overlay_refresh (LineupStore  *store,
                        const char   *name,
                        GError      **error)
{
  g_autoptr(GPtrArray) overlays = lineup_store_get_overlays (store);
  g_autoptr(GError) local = NULL;
  g_autofree char *text = NULL;
  LineupOverlay *overlay = NULL;
  int n;

  for (guint i = 0; i < overlays->len; i++)
    if (g_ascii_strcasecmp (((LineupOverlay *) g_ptr_array_index (overlays, i))->name, name) == 0)
      overlay = g_ptr_array_index (overlays, i);
  if (overlay == NULL)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND,
                   _("No overlay is called “%s”: see “lineup overlay list”"), name);
      return -1;
    }

  if (g_str_has_prefix (overlay->source, "http://") || g_str_has_prefix (overlay->source, "https://"))
    text = lineup_http_get (overlay->source, NULL, &local);
  else if (g_str_has_prefix (overlay->source, "webcal://"))
    {
      g_autofree char *url = g_strconcat ("https://", overlay->source + strlen ("webcal://"), NULL);
      text = lineup_http_get (url, NULL, &local);
    }
  else if (!g_file_get_contents (overlay->source, &text, NULL, &local))
    g_clear_pointer (&text, g_free);

  if (text && (n = lineup_overlay_count (text)) < 0)
    {
      g_set_error (&local, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("%s is not an iCalendar file (it should start with BEGIN:VCALENDAR)"), overlay->source);
      g_clear_pointer (&text, g_free);
    }
  if (text == NULL)
    {
      /* The last good copy stays; the overlay says what went wrong. */
      lineup_store_set_overlay_result (store, overlay->name, NULL, local->message, NULL);
      g_propagate_error (error, g_steal_pointer (&local));
      return -1;
    }
  if (!lineup_store_set_overlay_result (store, overlay->name, text, NULL, error))
    return -1;
  return n;
}

typedef struct {
  LineupStore *store;
  LineupOverlay *overlay;
  const char *summary;
  gboolean all_day;
  const GDate *from;
  const GDate *to;
  GPtrArray *events;
} Collect;

static void
collect_occurrence (icalcomponent *component,
                    struct icaltime_span *span,
                    void          *data)
{
  Collect *c = data;
  GDate date, last;
  int minutes = -1;

  if (c->all_day)
    {
      /* Whole days are dates, whatever the zone; a conference of three
       * days shows on each of them (the end is exclusive). */
      struct icaltimetype t = icaltime_from_timet_with_zone (span->start, 1, icaltimezone_get_utc_timezone ());
      struct icaltimetype e = icaltime_from_timet_with_zone (MAX (span->end, span->start), 1,
                                                             icaltimezone_get_utc_timezone ());

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, t.day, t.month, t.year);
      g_date_clear (&last, 1);
      g_date_set_dmy (&last, e.day, e.month, e.year);
      if (g_date_compare (&last, &date) > 0)
        g_date_subtract_days (&last, 1);
      else
        last = date;
    }
  else
    {
      lineup_store_utc_to_local (c->store, span->start, &date, &minutes);
      last = date;
    }

  for (; g_date_compare (&date, &last) <= 0; g_date_add_days (&date, 1))
    {
      LineupOverlayEvent *event;

      if (g_date_compare (&date, c->from) < 0 || g_date_compare (&date, c->to) >= 0)
        continue;
      event = g_new0 (LineupOverlayEvent, 1);
      event->overlay = g_strdup (c->overlay->name);
      event->color = g_strdup (c->overlay->color);
      event->summary = g_strdup (c->summary ? c->summary : "");
      event->date = date;
      event->minutes = minutes;
      g_ptr_array_add (c->events, event);
    }
}

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const LineupOverlayEvent *x = *(LineupOverlayEvent **) a, *y = *(LineupOverlayEvent **) b;
  int by_date = g_date_compare (&x->date, &y->date);

  if (by_date != 0)
    return by_date;
  if (x->minutes != y->minutes)
    return x->minutes < y->minutes ? -1 : 1;
  return g_strcmp0 (x->summary, y->summary);
}

GPtrArray *
lineup_overlay_events (LineupStore *store,
                       const GDate *from,
                       const GDate *to)
{
  g_autoptr(GPtrArray) overlays = lineup_store_get_overlays (store);
  GPtrArray *events = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_overlay_event_free);
  /* A day's margin either side: the zones may differ. */
  GDate before = *from, after = *to;
  struct icaltimetype start, end;

  g_date_subtract_days (&before, 1);
  g_date_add_days (&after, 1);
  start = icaltime_from_timet_with_zone ((time_t) lineup_store_local_to_utc (store, &before, 0), 0,
                                         icaltimezone_get_utc_timezone ());
  end = icaltime_from_timet_with_zone ((time_t) lineup_store_local_to_utc (store, &after, 0), 0,
                                       icaltimezone_get_utc_timezone ());

  for (guint i = 0; i < overlays->len; i++)
    {
      LineupOverlay *overlay = g_ptr_array_index (overlays, i);
      icalcomponent *calendar;

      if (!overlay->enabled || overlay->cache == NULL)
        continue;
      calendar = icalparser_parse_string (overlay->cache);
      if (calendar == NULL)
        continue;
      for (icalcomponent *e = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT); e;
           e = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
        {
          Collect c = { store, overlay, icalcomponent_get_summary (e),
                        icalcomponent_get_dtstart (e).is_date, from, to, events };

          if (icalcomponent_get_status (e) == ICAL_STATUS_CANCELLED)
            continue;
          icalcomponent_foreach_recurrence (e, start, end, collect_occurrence, &c);
        }
      icalcomponent_free (calendar);
    }
  g_ptr_array_sort (events, compare_events);
  return events;
}

static void
refresh_due_thread (GTask        *task,
                    gpointer      source,
                    gpointer      data,
                    GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupStore) store = lineup_plan_open (data, &error);
  g_autoptr(GPtrArray) overlays = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  int refreshed = 0;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  overlays = lineup_store_get_overlays (store);
  for (guint i = 0; i < overlays->len; i++)
    {
      LineupOverlay *overlay = g_ptr_array_index (overlays, i);

      if (!overlay->enabled ||
          (overlay->cache && now - overlay->fetched_at < (gint64) MAX (overlay->refresh_hours, 1) * 3600))
        continue;
      if (lineup_overlay_refresh (store, overlay->name, NULL) >= 0)
        refreshed++;
    }
  g_task_return_int (task, refreshed);
}

void
lineup_overlay_refresh_due_async (const char          *path,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, callback, user_data);

  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, refresh_due_thread);
}

int
lineup_overlay_refresh_due_finish (GAsyncResult  *result,
                                   GError       **error)
{
  return g_task_propagate_int (G_TASK (result), error);
}
