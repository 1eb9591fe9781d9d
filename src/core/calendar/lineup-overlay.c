/* lineup-overlay.c: reading an overlay calendar's copy (refusing rules
 * that repeat within a day) and expanding its events for a range of days,
 * within bounds a hostile calendar cannot push past. Storing overlays is in
 * the store (lineup-store-calendars.c); fetching is lineup_http_get().
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

static gboolean sub_daily (const struct icalrecurrencetype *rule);

#define PER_DAY     4

/* Parsing a big copy takes long (1.3 s for 20,000 events, every time the
 * month changed or Preferences counted them): each copy is parsed once and
 * kept while it is in use, at most PARSED_MAX. The trees are read under
 * one lock, as libical keeps its iteration state in them; a tree is freed
 * only when a new one is parsed, so it stays valid while the lock is held
 * and nothing else is parsed. */
#define PARSED_MAX 8

static GMutex parsed_lock;
static GHashTable *parsed;   /* copy → icalcomponent */
/* The workers of lineup_overlay_events_async() keep theirs apart, under a
 * lock of their own, which the caller's thread never waits for: a worker
 * may hold it for seconds (parsing, then expanding). A newer worker waits
 * for an older, cancelled one, and finds the copy it parsed. */
static GMutex worker_lock;
static GHashTable *worker_parsed;
static guint n_parsed;
/* What each copy parsed holds, by its SHA-1, so that counting a copy a
 * worker parsed (Preferences, the command line) does not parse it again on
 * the caller's thread. Held only for a look-up. */
static GMutex counts_lock;
static GHashTable *counts;   /* SHA-1 → events + 2 (1: not iCalendar) */

static int
count_events (icalcomponent *calendar)
{
  int n = 0;

  if (calendar == NULL || icalcomponent_isa (calendar) != ICAL_VCALENDAR_COMPONENT)
    return -1;
  for (icalcomponent *e = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT); e;
       e = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    n++;
  return n;
}

static void
remember_count (const char *text,
                int         n)
{
  char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, text, -1);

  g_mutex_lock (&counts_lock);
  if (counts == NULL)
    counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (g_hash_table_size (counts) >= 64)
    g_hash_table_remove_all (counts);
  g_hash_table_insert (counts, sum, GINT_TO_POINTER (n + 2));
  g_mutex_unlock (&counts_lock);
}

/* With the table's lock held. */
static icalcomponent *
parse_kept (GHashTable **table,
            const char  *text)
{
  icalcomponent *calendar;

  if (*table == NULL)
    *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) icalcomponent_free);
  if ((calendar = g_hash_table_lookup (*table, text)) != NULL)
    return calendar;
  g_atomic_int_inc (&n_parsed);
  calendar = icalparser_parse_string (text);
  remember_count (text, count_events (calendar));
  if (calendar == NULL)
    return NULL;
  if (g_hash_table_size (*table) >= PARSED_MAX)
    g_hash_table_remove_all (*table);
  g_hash_table_insert (*table, g_strdup (text), calendar);
  return calendar;
}

/* With parsed_lock held. */
static icalcomponent *
parsed_calendar (const char *text)
{
  return parse_kept (&parsed, text);
}

guint
lineup_overlay_parse_count (void)
{
  return g_atomic_int_get (&n_parsed);
}

int
lineup_overlay_count (const char *ics)
{
  g_autofree char *sum = NULL;
  gpointer known = NULL;
  int n;

  if (ics == NULL || !g_utf8_validate (ics, -1, NULL))
    return -1;
  sum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, ics, -1);
  g_mutex_lock (&counts_lock);
  if (counts)
    known = g_hash_table_lookup (counts, sum);
  g_mutex_unlock (&counts_lock);
  if (known)
    return GPOINTER_TO_INT (known) - 2;
  g_mutex_lock (&parsed_lock);
  n = count_events (parsed_calendar (ics));
  g_mutex_unlock (&parsed_lock);
  return n;
}

/* A rule that repeats within a day (every second, minute or hour, or at
 * more times of a day than a day shows) is refused when the copy is read:
 * the error names the event and its rule. */
static gboolean
check_rules (const char  *ics,
             const char  *source,
             GError     **error)
{
  icalcomponent *calendar;
  gboolean ok = TRUE;

  g_mutex_lock (&parsed_lock);
  calendar = parsed_calendar (ics);

  for (icalcomponent *e = calendar ? icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT) : NULL;
       e && ok; e = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    for (icalproperty *p = icalcomponent_get_first_property (e, ICAL_RRULE_PROPERTY); p && ok;
         p = icalcomponent_get_next_property (e, ICAL_RRULE_PROPERTY))
      {
        struct icalrecurrencetype rule = icalproperty_get_rrule (p);

        if (sub_daily (&rule))
          {
            g_autofree char *valid = g_utf8_make_valid (icalcomponent_get_summary (e)
                                                        ? icalcomponent_get_summary (e) : "", -1);
            g_autofree char *summary = g_utf8_substring (valid, 0, MIN (g_utf8_strlen (valid, -1), 80));

            /* One line, and not a page of it: the summary is the server's. */
            for (char *c = summary; *c; c++)
              if ((guchar) *c < 0x20 || *c == 0x7f)
                *c = ' ';
            g_autofree char *text = g_strdup (icalrecurrencetype_as_string (&rule));

            g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                         _("In %s, the event “%s” repeats more than %d times a day (RRULE:%s); overlays show "
                           "days, not hours: remove that rule from the calendar, or ask its owner for one that "
                           "repeats daily at most"),
                         source, g_strstrip (summary), PER_DAY, text ? text : "?");
            ok = FALSE;
          }
      }
  g_mutex_unlock (&parsed_lock);
  return ok;
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
  if (text && !check_rules (text, overlay->source, &local))
    g_clear_pointer (&text, g_free);
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

/* ---- expanding recurrences, within bounds ----
 *
 * Ten lines of iCalendar can describe millions of occurrences (FREQ=SECONDLY
 * for six weeks is 3.6 million). A month view shows a few events a day, so
 * that is what is kept: at most PER_DAY events of an overlay a day, the rest
 * a count ("+12 more"); at most MAX_KEPT events for a range; and the work
 * stops after MAX_STEPS steps of the recurrence rules or TIME_BUDGET, or
 * when the caller cancels. A rule that repeats within a day skips to the
 * next day once the day is full. What is kept does not depend on the order
 * of the file: the earliest events of the day win. (PER_DAY is above.) */

#define MAX_KEPT    5000
#define MAX_STEPS   20000
#define WORKER_MAX_STEPS 400000
#define TIME_BUDGET (100 * G_TIME_SPAN_MILLISECOND)          /* on the caller's thread */
#define WORKER_TIME_BUDGET (2 * G_TIME_SPAN_SECOND)          /* in lineup_overlay_events_async() */

struct _LineupOverlaySnapshot {
  GTimeZone *tz;
  GPtrArray *overlays;   /* LineupOverlay: the enabled ones with a copy */
};

typedef struct {
  LineupOverlayEvent *kept[PER_DAY];
  guint               n_kept;
  guint               more;       /* counted beyond the kept */
  gboolean            skipped;    /* and some not even counted */
} Day;

typedef struct {
  GTimeZone     *tz;
  guint32        from;          /* julian days, [from, to) */
  guint32        to;
  icaltime_span  limit;         /* the range in UTC, a day's margin either side */
  LineupOverlay *overlay;
  GHashTable    *days;          /* julian day → Day, for the current overlay */
  guint          kept;
  guint          steps;
  guint          max_steps;
  guint          ticks;
  gint64         deadline;
  GCancellable  *cancellable;
  gboolean       stop;
} Expansion;

static guint32
julian_of_unix_day (gint64 day)
{
  static guint32 epoch;

  if (epoch == 0)
    {
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 1, 1, 1970);
      epoch = g_date_get_julian (&date);
    }
  return (guint32) (epoch + day);
}

/* The local day (julian) and minutes of a UTC instant in @tz. */
static guint32
local_day (GTimeZone *tz,
           gint64     instant,
           int       *out_minutes)
{
  gint64 local = instant + g_time_zone_get_offset (tz, g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, instant));
  gint64 day = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);

  if (out_minutes)
    *out_minutes = (int) ((local - day * 86400) / 60);
  return julian_of_unix_day (day);
}

static gint64
local_midnight (GTimeZone    *tz,
                const GDate  *date)
{
  g_autoptr(GDateTime) dt = g_date_time_new (tz, g_date_get_year (date), g_date_get_month (date),
                                             g_date_get_day (date), 0, 0, 0);

  return dt ? g_date_time_to_unix (dt) : 0;
}

/* Counts one step of a rule (@step) or one event, and says whether to stop. */
static gboolean
spent (Expansion *x,
       gboolean   step)
{
  if (x->stop)
    return TRUE;
  x->steps += step;
  x->ticks++;
  if (x->steps > x->max_steps || x->kept >= MAX_KEPT ||
      ((x->ticks & 63) == 0 && (g_get_monotonic_time () > x->deadline ||
                                g_cancellable_is_cancelled (x->cancellable))))
    x->stop = TRUE;
  return x->stop;
}

/* Sorted by day, then time (whole days first), then summary. */
static int
compare_at (int         minutes_a,
            const char *summary_a,
            int         minutes_b,
            const char *summary_b)
{
  if (minutes_a != minutes_b)
    return minutes_a < minutes_b ? -1 : 1;
  return g_strcmp0 (summary_a, summary_b);
}

static void
day_free (Day *day)
{
  for (guint i = 0; i < day->n_kept; i++)
    lineup_overlay_event_free (day->kept[i]);
  g_free (day);
}

/* One event on the local day @julian (in the range). */
static void
keep (Expansion  *x,
      guint32     julian,
      int         minutes,
      const char *summary)
{
  Day *day = g_hash_table_lookup (x->days, GUINT_TO_POINTER (julian));
  LineupOverlayEvent *event;
  guint slot;

  if (day == NULL)
    {
      day = g_new0 (Day, 1);
      g_hash_table_insert (x->days, GUINT_TO_POINTER (julian), day);
    }
  if (day->n_kept < PER_DAY)
    slot = day->n_kept++;
  else
    {
      /* Full: the latest of the day gives way to an earlier one. */
      slot = 0;
      for (guint i = 1; i < PER_DAY; i++)
        if (compare_at (day->kept[i]->minutes, day->kept[i]->summary,
                        day->kept[slot]->minutes, day->kept[slot]->summary) > 0)
          slot = i;
      day->more++;
      if (compare_at (minutes, summary, day->kept[slot]->minutes, day->kept[slot]->summary) >= 0)
        return;
      lineup_overlay_event_free (day->kept[slot]);
      x->kept--;
    }
  event = g_new0 (LineupOverlayEvent, 1);
  event->overlay = g_strdup (x->overlay->name);
  event->color = g_strdup (x->overlay->color);
  event->summary = g_strdup (summary);
  g_date_clear (&event->date, 1);
  g_date_set_julian (&event->date, julian);
  event->minutes = minutes;
  day->kept[slot] = event;
  x->kept++;
}

/* An occurrence [start, end) in UTC; returns the local day it starts on. */
static guint32
occurrence (Expansion  *x,
            gboolean    all_day,
            time_t      start,
            time_t      end,
            const char *summary)
{
  guint32 first, last;
  int minutes = -1;

  if (all_day)
    {
      /* Whole days are dates, whatever the zone; a conference of three
       * days shows on each of them (the end is exclusive). */
      first = julian_of_unix_day (start >= 0 ? start / 86400 : -((-start + 86399) / 86400));
      last = julian_of_unix_day (MAX (end, start) >= 0 ? MAX (end, start) / 86400 : -((-MAX (end, start) + 86399) / 86400));
      last = last > first ? last - 1 : first;
    }
  else
    first = last = local_day (x->tz, start, &minutes);

  for (guint32 d = MAX (first, x->from); d <= last && d < x->to; d++)
    keep (x, d, minutes, summary ? summary : "");
  return first;
}

static gboolean
sub_daily (const struct icalrecurrencetype *rule)
{
  guint hours = 0, minutes = 0, seconds = 0;

  if (rule->freq == ICAL_SECONDLY_RECURRENCE || rule->freq == ICAL_MINUTELY_RECURRENCE ||
      rule->freq == ICAL_HOURLY_RECURRENCE)
    return TRUE;
  while (hours < ICAL_BY_HOUR_SIZE && rule->by_hour[hours] != ICAL_RECURRENCE_ARRAY_MAX)
    hours++;
  while (minutes < ICAL_BY_MINUTE_SIZE && rule->by_minute[minutes] != ICAL_RECURRENCE_ARRAY_MAX)
    minutes++;
  while (seconds < ICAL_BY_SECOND_SIZE && rule->by_second[seconds] != ICAL_RECURRENCE_ARRAY_MAX)
    seconds++;
  return (guint64) MAX (hours, 1) * MAX (minutes, 1) * MAX (seconds, 1) > PER_DAY;
}

static time_t
as_utc (struct icaltimetype t)
{
  return icaltime_as_timet_with_zone (t, t.zone ? t.zone : icaltimezone_get_utc_timezone ());
}

/* Moves @it to the midnight (in the rule's own zone) at or before @instant,
 * or after it with @after. libical skips ahead quickly to a midnight, but
 * to 23:00 it steps there a second at a time (130 ms for FREQ=SECONDLY). */
static void
skip_to (icalrecur_iterator  *it,
         struct icaltimetype  dtstart,
         time_t               instant,
         gboolean             after)
{
  icaltimezone *zone = dtstart.zone ? (icaltimezone *) dtstart.zone : icaltimezone_get_utc_timezone ();
  struct icaltimetype t = icaltime_from_timet_with_zone (instant, 0, zone);
  gboolean exact = t.hour == 0 && t.minute == 0 && t.second == 0;

  t.hour = t.minute = t.second = 0;
  if (after && !exact)
    icaltime_adjust (&t, 1, 0, 0, 0);
  t.is_date = dtstart.is_date;
  icalrecur_iterator_set_start (it, t);
}

/* The occurrences of one VEVENT in the range: DTSTART, each RRULE and each
 * RDATE, less the EXDATEs (what icalcomponent_foreach_recurrence does, but
 * stopping in time and skipping what a day cannot show; the deprecated
 * EXRULE is not read: checking it costs a walk from DTSTART each time). */
static void
expand_event (Expansion     *x,
              icalcomponent *event)
{
  struct icaltimetype dtstart = icalcomponent_get_dtstart (event);
  struct icaltimetype dtend = icalcomponent_get_dtend (event);
  const char *summary = icalcomponent_get_summary (event);
  g_autoptr(GHashTable) excluded = NULL;
  icaltime_span base;
  time_t duration;

  if (icaltime_is_null_time (dtstart) || icalcomponent_get_status (event) == ICAL_STATUS_CANCELLED)
    return;
  base.start = as_utc (dtstart);
  base.end = icaltime_is_null_time (dtend) ? base.start : as_utc (dtend);
  base.is_busy = 1;
  if (base.end < base.start)
    base.end = base.start;
  duration = base.end - base.start;

  for (icalproperty *p = icalcomponent_get_first_property (event, ICAL_EXDATE_PROPERTY); p;
       p = icalcomponent_get_next_property (event, ICAL_EXDATE_PROPERTY))
    {
      if (excluded == NULL)
        excluded = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      if (g_hash_table_size (excluded) < MAX_STEPS)
        {
          gint64 *at = g_new (gint64, 1);   /* the table's: a repeated EXDATE frees the one it replaces */

          *at = as_utc (icalproperty_get_exdate (p));
          g_hash_table_add (excluded, at);
        }
    }
#define EXCLUDED(t) (excluded && g_hash_table_contains (excluded, &(gint64) { (t) }))

  if (!EXCLUDED (base.start) && icaltime_span_overlaps (&base, &x->limit))
    occurrence (x, dtstart.is_date, base.start, base.end, summary);

  for (icalproperty *p = icalcomponent_get_first_property (event, ICAL_RRULE_PROPERTY); p && !x->stop;
       p = icalcomponent_get_next_property (event, ICAL_RRULE_PROPERTY))
    {
      struct icalrecurrencetype rule = icalproperty_get_rrule (p);
      icalrecur_iterator *it = icalrecur_iterator_new (rule, dtstart);
      gboolean jumps = rule.count == 0 && !dtstart.is_date && sub_daily (&rule);
      guint32 day = 0, first;
      guint on_day = 0;
      time_t previous = 0;

      if (it == NULL)
        continue;
      /* Straight to the range, where the rule allows it. */
      if (rule.count == 0 && (time_t) x->limit.start - duration > base.start)
        skip_to (it, dtstart, x->limit.start - duration, FALSE);
      while (!spent (x, TRUE))
        {
          struct icaltimetype t = icalrecur_iterator_next (it);
          icaltime_span span;

          if (icaltime_is_null_time (t))
            break;
          span.start = as_utc (t);
          span.end = span.start + duration;
          span.is_busy = 1;
          if (span.start >= x->limit.end || (previous && span.start <= previous && jumps))
            break;
          previous = span.start;
          if (jumps && (first = local_day (x->tz, span.start, NULL)) != day)
            {
              day = first;
              on_day = 0;
            }
          if (span.start != base.start && !EXCLUDED (span.start) && icaltime_span_overlaps (&span, &x->limit))
            occurrence (x, dtstart.is_date, span.start, span.end, summary);
          if (jumps && ++on_day >= PER_DAY)
            {
              /* The day is full (or before the range): on to the next
               * one, not through every second of it. */
              Day *full = g_hash_table_lookup (x->days, GUINT_TO_POINTER (day));
              GDate next;

              if (full)
                full->skipped = TRUE;
              g_date_clear (&next, 1);
              g_date_set_julian (&next, day + 1);
              skip_to (it, dtstart, local_midnight (x->tz, &next), TRUE);
            }
        }
      icalrecur_iterator_free (it);
    }

  for (icalproperty *p = icalcomponent_get_first_property (event, ICAL_RDATE_PROPERTY); p && !spent (x, TRUE);
       p = icalcomponent_get_next_property (event, ICAL_RDATE_PROPERTY))
    {
      struct icaldatetimeperiodtype rdate = icalproperty_get_rdate (p);
      icaltime_span span;

      if (icaltime_is_null_time (rdate.time))
        continue;
      span.start = as_utc (rdate.time);
      span.end = span.start + duration;
      span.is_busy = 1;
      if (!EXCLUDED (span.start) && icaltime_span_overlaps (&span, &x->limit))
        occurrence (x, dtstart.is_date, span.start, span.end, summary);
    }
#undef EXCLUDED
}

/* The days of the current overlay into @events, each full one with its count. */
static void
flush_days (Expansion *x,
            GPtrArray *events)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, x->days);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Day *day = value;

      for (guint i = 0; i < day->n_kept; i++)
        g_ptr_array_add (events, g_steal_pointer (&day->kept[i]));
      if (day->more || day->skipped)
        {
          LineupOverlayEvent *more = g_new0 (LineupOverlayEvent, 1);

          more->overlay = g_strdup (x->overlay->name);
          more->color = g_strdup (x->overlay->color);
          more->summary = day->skipped
            ? g_strdup (_("and more"))
            : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "+%u more", "+%u more", day->more), day->more);
          g_date_clear (&more->date, 1);
          g_date_set_julian (&more->date, GPOINTER_TO_UINT (key));
          more->minutes = 24 * 60;   /* after the day's events */
          g_ptr_array_add (events, more);
        }
      day->n_kept = 0;
    }
  g_hash_table_remove_all (x->days);
}

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const LineupOverlayEvent *x = *(LineupOverlayEvent **) a, *y = *(LineupOverlayEvent **) b;
  int by_date = g_date_compare (&x->date, &y->date);

  if (by_date != 0)
    return by_date;
  return compare_at (x->minutes, x->summary, y->minutes, y->summary);
}

LineupOverlaySnapshot *
lineup_overlay_snapshot_new (LineupStore *store)
{
  LineupOverlaySnapshot *snapshot = g_new0 (LineupOverlaySnapshot, 1);
  GPtrArray *overlays = lineup_store_get_overlays (store);

  snapshot->tz = g_time_zone_ref (lineup_store_get_time_zone (store));
  snapshot->overlays = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_overlay_free);
  for (guint i = 0; i < overlays->len; i++)
    {
      LineupOverlay *overlay = g_ptr_array_index (overlays, i);

      if (overlay->enabled && overlay->cache)
        g_ptr_array_add (snapshot->overlays, g_steal_pointer (&overlays->pdata[i]));
    }
  g_ptr_array_unref (overlays);
  return snapshot;
}

void
lineup_overlay_snapshot_free (LineupOverlaySnapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  g_time_zone_unref (snapshot->tz);
  g_ptr_array_unref (snapshot->overlays);
  g_free (snapshot);
}

static GPtrArray *
expand (LineupOverlaySnapshot *snapshot,
        const GDate           *from,
        const GDate           *to,
        GCancellable          *cancellable,
        gboolean               shared,
        guint                  max_steps,
        GTimeSpan              budget)
{
  GPtrArray *events = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_overlay_event_free);
  /* A day's margin either side: the zones may differ. */
  GDate before = *from, after = *to;
  Expansion x = { 0 };

  g_date_subtract_days (&before, 1);
  g_date_add_days (&after, 1);
  x.tz = snapshot->tz;
  x.from = g_date_get_julian (from);
  x.to = g_date_get_julian (to);
  x.limit.start = local_midnight (snapshot->tz, &before);
  x.limit.end = local_midnight (snapshot->tz, &after);
  x.cancellable = cancellable;
  x.max_steps = max_steps;
  x.days = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) day_free);

  /* The caller's thread uses its kept trees, a worker the workers' (so
   * that it never holds the lock the caller's thread may wait for); a
   * worker's parsing does not count against its budget. */
  g_mutex_lock (shared ? &parsed_lock : &worker_lock);
  x.deadline = g_get_monotonic_time () + budget;
  for (guint i = 0; i < snapshot->overlays->len && !x.stop; i++)
    {
      icalcomponent *calendar;
      gint64 started = g_get_monotonic_time ();

      x.overlay = g_ptr_array_index (snapshot->overlays, i);
      /* Waited for the lock, cancelled meanwhile: no parse for nothing. */
      if (g_cancellable_is_cancelled (cancellable))
        {
          x.stop = TRUE;
          break;
        }
      calendar = parse_kept (shared ? &parsed : &worker_parsed, x.overlay->cache);
      if (!shared)
        x.deadline += g_get_monotonic_time () - started;
      if (calendar == NULL)
        continue;
      for (icalcomponent *e = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT); e && !spent (&x, FALSE);
           e = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
        expand_event (&x, e);
      flush_days (&x, events);
    }
  g_mutex_unlock (shared ? &parsed_lock : &worker_lock);
  if (x.stop)
    g_debug ("Overlay events for %u days cut short after %u steps, %u kept", x.to - x.from, x.steps, x.kept);
  g_hash_table_unref (x.days);
  g_ptr_array_sort (events, compare_events);
  return events;
}

GPtrArray *
lineup_overlay_snapshot_events (LineupOverlaySnapshot *snapshot,
                                const GDate           *from,
                                const GDate           *to,
                                GCancellable          *cancellable)
{
  return expand (snapshot, from, to, cancellable, TRUE, MAX_STEPS, TIME_BUDGET);
}

GPtrArray *
lineup_overlay_events (LineupStore *store,
                       const GDate *from,
                       const GDate *to)
{
  LineupOverlaySnapshot *snapshot = lineup_overlay_snapshot_new (store);
  GPtrArray *events = lineup_overlay_snapshot_events (snapshot, from, to, NULL);

  lineup_overlay_snapshot_free (snapshot);
  return events;
}

typedef struct {
  LineupOverlaySnapshot *snapshot;
  GDate from;
  GDate to;
} EventsJob;

static void
events_job_free (EventsJob *job)
{
  lineup_overlay_snapshot_free (job->snapshot);
  g_free (job);
}

static void
events_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  EventsJob *job = data;
  GPtrArray *events = expand (job->snapshot, &job->from, &job->to, cancellable, FALSE, WORKER_MAX_STEPS,
                                WORKER_TIME_BUDGET);

  if (g_task_return_error_if_cancelled (task))
    g_ptr_array_unref (events);
  else
    g_task_return_pointer (task, events, (GDestroyNotify) g_ptr_array_unref);
}

void
lineup_overlay_events_async (LineupStore         *store,
                             const GDate         *from,
                             const GDate         *to,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  EventsJob *job = g_new0 (EventsJob, 1);

  job->snapshot = lineup_overlay_snapshot_new (store);
  job->from = *from;
  job->to = *to;
  g_task_set_task_data (task, job, (GDestroyNotify) events_job_free);
  g_task_run_in_thread (task, events_thread);
}

GPtrArray *
lineup_overlay_events_finish (GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
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

static void
refresh_one_thread (GTask        *task,
                    gpointer      source,
                    gpointer      data,
                    GCancellable *cancellable)
{
  char **what = data;   /* the plan's path, the overlay's name */
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupStore) store = lineup_plan_open (what[0], &error);
  int events;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  events = lineup_overlay_refresh (store, what[1], &error);
  if (events < 0)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, events);
}

void
lineup_overlay_refresh_async (const char          *path,
                              const char          *name,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, callback, user_data);
  char **what = g_new0 (char *, 3);

  what[0] = g_strdup (path);
  what[1] = g_strdup (name);
  g_task_set_task_data (task, what, (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, refresh_one_thread);
}

int
lineup_overlay_refresh_finish (GAsyncResult  *result,
                               GError       **error)
{
  return g_task_propagate_int (G_TASK (result), error);
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
