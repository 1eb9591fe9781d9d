/* lineup-calendar-overlays.c: the overlay events a calendar grid shows,
 * read off the window's thread (see the header).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lineup-calendar-overlays.h"

struct _LineupCalendarOverlays
{
  GFunc changed;
  gpointer data;
  GPtrArray *events;           /* shown; read for the days [first, end) */
  GDate first;
  GDate end;
  gboolean current;            /* and nothing changed since */
  GCancellable *cancellable;   /* the worker reading them for [asked, asked_end) */
  GDate asked;
  GDate asked_end;
};

typedef struct {
  LineupCalendarOverlays *owner;   /* only touched while not cancelled */
  GCancellable *cancellable;
  GDate first;
  GDate end;
} OverlayRequest;

static void
overlay_request_free (OverlayRequest *request)
{
  g_object_unref (request->cancellable);
  g_free (request);
}

/* The worker reading events, if any, is no longer wanted. */
static void
cancel (LineupCalendarOverlays *self)
{
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

LineupCalendarOverlays *
lineup_calendar_overlays_new (GFunc    changed,
                              gpointer data)
{
  LineupCalendarOverlays *self = g_new0 (LineupCalendarOverlays, 1);

  self->changed = changed;
  self->data = data;
  return self;
}

void
lineup_calendar_overlays_free (LineupCalendarOverlays *self)
{
  if (self == NULL)
    return;
  /* Its answer, when it comes, finds the request cancelled. */
  cancel (self);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_free (self);
}

static void
on_events_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  OverlayRequest *request = data;
  LineupCalendarOverlays *self = request->owner;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = lineup_overlay_events_finish (result, &error);
  gboolean changed;

  /* A newer request (another range, a changed overlay) or a closed view
   * cancelled this one: its result is stale, and its owner may be gone. */
  if (g_cancellable_is_cancelled (request->cancellable))
    {
      overlay_request_free (request);
      return;
    }
  g_clear_object (&self->cancellable);
  if (events == NULL)
    {
      g_warning ("Could not read the overlays' events: %s", error->message);
      overlay_request_free (request);
      return;
    }
  /* A plan without overlays: nothing to show again. */
  changed = events->len > 0 || (self->events && self->events->len > 0);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  self->events = g_steal_pointer (&events);
  self->first = request->first;
  self->end = request->end;
  self->current = TRUE;
  overlay_request_free (request);
  if (changed)
    self->changed (self->data, NULL);
}

GPtrArray *
lineup_calendar_overlays_get (LineupCalendarOverlays *self,
                              LineupStore            *store,
                              const GDate            *first,
                              const GDate            *end)
{
  OverlayRequest *request;

  if (self->events == NULL)
    self->events = g_ptr_array_new ();
  if (store == NULL ||
      (self->current && g_date_valid (&self->first) &&
       g_date_compare (&self->first, first) == 0 && g_date_compare (&self->end, end) == 0) ||
      (self->cancellable && g_date_compare (&self->asked, first) == 0 &&
       g_date_compare (&self->asked_end, end) == 0))
    return self->events;

  cancel (self);
  self->cancellable = g_cancellable_new ();
  self->asked = *first;
  self->asked_end = *end;
  request = g_new0 (OverlayRequest, 1);
  request->owner = self;
  request->cancellable = g_object_ref (self->cancellable);
  request->first = *first;
  request->end = *end;
  lineup_overlay_events_async (store, first, end, request->cancellable, on_events_cb, request);
  return self->events;
}

void
lineup_calendar_overlays_invalidate (LineupCalendarOverlays *self)
{
  if (self == NULL)   /* a view being disposed */
    return;
  self->current = FALSE;
  cancel (self);
}
