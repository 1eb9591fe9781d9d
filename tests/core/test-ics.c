/* test-ics.c: the iCalendar export.
 *
 * The golden file tests/core/golden/export.ics was reviewed by hand; ids and
 * times vary from run to run, so they are replaced by fixed strings of the
 * same length before comparing (the folding stays where it was).
 * LINEUP_WRITE_GOLDEN=1 writes it again, to be reviewed again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libical/ical.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "lineup-core.h"
#include "lineup-address.h"
#include "lineup-test-util.h"

typedef struct {
  char *dir;
  char *path;
  LineupStore *store;
  gint64 pillar;
  gint64 type;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("lineup-ics-XXXXXX", &error);
  f->path = g_build_filename (f->dir, "lineup.db", NULL);
  f->store = lineup_plan_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (lineup_store_set_time_zone (f->store, "Europe/Warsaw", &error));
  f->pillar = lineup_pillar_get_id (lineup_store_add_pillar (f->store, "Stories, told; well", "#3584e4", -1, &error));
  g_assert_no_error (error);
  f->type = lineup_content_type_get_id (lineup_store_find_content_type (f->store, "Narrative"));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  lineup_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static LineupPost *
add (Fixture    *f,
     const char *title,
     const char *body,
     int         year,
     int         month,
     int         day,
     int         minutes,
     LineupStage stage)
{
  g_autoptr(GError) error = NULL;
  LineupPost *post = lineup_post_new ();
  const char *platforms[] = { "linkedin", "mastodon", NULL };
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  lineup_post_set_title (post, title);
  lineup_post_set_body (post, body);
  lineup_post_set_pillar_id (post, f->pillar);
  lineup_post_set_type_id (post, f->type);
  lineup_post_set_platforms (post, platforms);
  lineup_post_set_stage (post, stage);
  lineup_post_set_brief (post, LINEUP_BRIEF_GOAL, "Trust; from agencies, mostly");
  lineup_post_set_scheduled_at (post, lineup_store_local_to_utc (f->store, &date, minutes));
  g_assert_true (lineup_store_add_post (f->store, post, &error));
  g_assert_no_error (error);
  return post;
}

static char *
export (Fixture          *f,
        LineupIcsPrivacy  privacy,
        gboolean          local)
{
  g_autoptr(GPtrArray) posts = lineup_store_list_all_posts (f->store, NULL);
  LineupIcsOptions options = { "Team plan, Q4", "Everything we post; every day", privacy, 45, 120, local };

  return lineup_ics_export (f->store, posts, &options, NULL);
}

static void
add_tricky_plan (Fixture *f)
{
  g_autoptr(GString) long_body = g_string_new (NULL);

  while (long_body->len < 2000)
    g_string_append (long_body, "Zażółć gęślą jaźń 🎉 — ");
  g_object_unref (add (f, "Commas, semicolons; and \\backslashes\\", "Line one\nLine two, with 🎉 emoji;\nthree",
                       2026, 3, 28, 9 * 60, LINEUP_STAGE_DRAFT));
  g_object_unref (add (f, "After the clocks change", long_body->str, 2026, 3, 30, 9 * 60, LINEUP_STAGE_APPROVED));
  g_object_unref (add (f, "Autumn", "Back to winter time", 2026, 10, 26, 9 * 60, LINEUP_STAGE_SCHEDULED));
  {
    /* An undated idea is never exported. */
    g_autoptr(LineupPost) idea = lineup_post_new ();
    lineup_post_set_title (idea, "Idea");
    lineup_post_set_pillar_id (idea, f->pillar);
    lineup_post_set_type_id (idea, f->type);
    g_assert_true (lineup_store_add_post (f->store, idea, NULL));
  }
}

/* Ids and times as fixed strings of the same length. */
static char *
normalized (const char *text)
{
  g_autoptr(GRegex) uuid = g_regex_new ("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", 0, 0, NULL);
  g_autoptr(GRegex) stamp = g_regex_new ("(DTSTAMP|LAST-MODIFIED):\\d{8}T\\d{6}Z", 0, 0, NULL);
  g_autofree char *a = g_regex_replace_literal (uuid, text, -1, 0, "00000000-0000-0000-0000-000000000000", 0, NULL);

  return g_regex_replace (stamp, a, -1, 0, "\\1:20261122T120000Z", 0, NULL);
}

static void
test_lines (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  add_tricky_plan (f);
  text = export (f, LINEUP_ICS_PRIVACY_FULL, TRUE);
  g_assert_true (g_str_has_suffix (text, "END:VCALENDAR\r\n"));
  g_assert_true (g_utf8_validate (text, -1, NULL));
  lines = g_strsplit (text, "\r\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
      g_assert_null (strchr (lines[i], '\n'));
      /* A folded line never starts inside a UTF-8 sequence. */
      if (lines[i][0] == ' ')
        g_assert_false (((guchar) lines[i][1] & 0xc0) == 0x80);
      g_assert_true (g_utf8_validate (lines[i], -1, NULL));
    }
  g_assert_null (strstr (text, "Idea"));
}

static void
test_golden (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *golden_path = g_build_filename (g_getenv ("LINEUP_SOURCE_ROOT") ? g_getenv ("LINEUP_SOURCE_ROOT") : ".",
                                                   "tests", "core", "golden", "export.ics", NULL);
  g_autofree char *text = NULL;
  g_autofree char *got = NULL;
  g_autofree char *expected = NULL;

  add_tricky_plan (f);
  text = export (f, LINEUP_ICS_PRIVACY_FULL, TRUE);
  got = normalized (text);
  if (g_getenv ("LINEUP_WRITE_GOLDEN"))
    g_assert_true (g_file_set_contents (golden_path, got, -1, NULL));
  g_assert_true (g_file_get_contents (golden_path, &expected, NULL, NULL));
  g_assert_cmpstr (got, ==, expected);

  /* The same plan gives the same bytes. */
  {
    g_autofree char *again = export (f, LINEUP_ICS_PRIVACY_FULL, TRUE);
    g_assert_cmpstr (again, ==, text);
  }
}

static icalcomponent *
find_event (icalcomponent *calendar,
            const char    *uid)
{
  for (icalcomponent *e = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT); e;
       e = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    if (g_strcmp0 (icalcomponent_get_uid (e), uid) == 0)
      return e;
  return NULL;
}

static void
test_parse_back (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(LineupPost) post = add (f, "Commas, semicolons; and \\backslashes\\", "Line one\nLine two; 🎉",
                                    2026, 3, 29, 9 * 60 + 30, LINEUP_STAGE_IN_REVIEW);
  g_autofree char *uid = lineup_ics_uid (post);
  g_autofree char *text = export (f, LINEUP_ICS_PRIVACY_FULL, TRUE);
  icalcomponent *calendar = icalparser_parse_string (text);
  icalcomponent *event, *vtz;
  icalproperty *prop;
  struct icaltimetype start;
  int categories = 0;

  g_assert_nonnull (calendar);
  /* Local wall time, no Z, naming its zone. */
  g_assert_nonnull (strstr (text, "DTSTART;TZID=Europe/Warsaw:20260329T093000\r\n"));
  event = find_event (calendar, uid);
  g_assert_nonnull (event);
  g_assert_cmpstr (icalcomponent_get_summary (event), ==,
                   "Commas, semicolons; and \\backslashes\\ [LinkedIn, Mastodon]");
  g_assert_cmpstr (icalcomponent_get_description (event), ==,
                   "Goal: Trust; from agencies, mostly\n\nLine one\nLine two; 🎉");
  g_assert_cmpint (icalcomponent_get_status (event), ==, ICAL_STATUS_TENTATIVE);
  for (prop = icalcomponent_get_first_property (event, ICAL_CATEGORIES_PROPERTY); prop;
       prop = icalcomponent_get_next_property (event, ICAL_CATEGORIES_PROPERTY))
    categories++;
  g_assert_cmpint (categories, ==, 2);
  prop = icalcomponent_get_first_property (event, ICAL_CATEGORIES_PROPERTY);
  /* libical cannot escape a comma in a category: it reads as U+201A. */
  g_assert_cmpstr (icalproperty_get_categories (prop), ==, "Stories\u201A told; well");
  /* X-LINEUP-PILLAR is TEXT: its ';' and ',' are escaped (RFC 5545 3.3.11),
   * or a reader sees three values; it reads back as the pillar's name. */
  g_assert_nonnull (strstr (text, "\r\nX-LINEUP-PILLAR:Stories\\, told\\; well\r\n"));
  g_assert_nonnull (strstr (text, "\r\nCATEGORIES:Stories\u201A told\\; well\r\n"));
  g_assert_null (strstr (text, "told; well"));
  for (prop = icalcomponent_get_first_property (event, ICAL_X_PROPERTY); prop;
       prop = icalcomponent_get_next_property (event, ICAL_X_PROPERTY))
    if (g_str_equal (icalproperty_get_x_name (prop), "X-LINEUP-PILLAR"))
      g_assert_cmpstr (icalproperty_get_x (prop), ==, "Stories, told; well");
  g_assert_nonnull (icalcomponent_get_first_property (event, ICAL_DURATION_PROPERTY));
  g_assert_null (icalcomponent_get_first_property (event, ICAL_DTEND_PROPERTY));
  g_assert_cmpint (icaldurationtype_as_int (icalcomponent_get_duration (event)), ==, 45 * 60);
  g_assert_cmpstr (icalproperty_get_color (icalcomponent_get_first_property (event, ICAL_COLOR_PROPERTY)), ==,
                   lineup_css_color_name ("#3584e4"));

  /* 29 March, the day the clocks go forward: 09:30 local is 07:30 UTC,
   * and the zone's VTIMEZONE says so. */
  prop = icalcomponent_get_first_property (event, ICAL_DTSTART_PROPERTY);
  g_assert_cmpstr (icalparameter_get_tzid (icalproperty_get_first_parameter (prop, ICAL_TZID_PARAMETER)), ==,
                   "Europe/Warsaw");
  vtz = icalcomponent_get_first_component (calendar, ICAL_VTIMEZONE_COMPONENT);
  g_assert_nonnull (vtz);
  g_assert_cmpstr (icalproperty_get_tzid (icalcomponent_get_first_property (vtz, ICAL_TZID_PROPERTY)), ==,
                   "Europe/Warsaw");
  g_assert_nonnull (icalcomponent_get_first_component (vtz, ICAL_XDAYLIGHT_COMPONENT));
  g_assert_nonnull (icalcomponent_get_first_component (vtz, ICAL_XSTANDARD_COMPONENT));
  {
    icaltimezone *zone = icaltimezone_new ();

    g_assert_true (icaltimezone_set_component (zone, icalcomponent_new_clone (vtz)));
    start = icalproperty_get_dtstart (prop);
    g_assert_false (icaltime_is_utc (start));
    start.zone = zone;
    g_assert_cmpint (icaltime_as_timet_with_zone (start, zone), ==, lineup_post_get_scheduled_at (post));
    icaltimezone_free (zone, TRUE);
  }
  icalcomponent_free (calendar);

  /* In UTC: no VTIMEZONE, a Z time. */
  {
    g_autofree char *utc = export (f, LINEUP_ICS_PRIVACY_TITLES, FALSE);

    g_assert_null (strstr (utc, "VTIMEZONE"));
    g_assert_nonnull (strstr (utc, "DTSTART:20260329T073000Z"));
    g_assert_null (strstr (utc, "DESCRIPTION:Goal"));
  }
}

static int
sequence_of (Fixture    *f,
             const char *uid)
{
  g_autofree char *text = export (f, LINEUP_ICS_PRIVACY_TITLES, FALSE);
  icalcomponent *calendar = icalparser_parse_string (text);
  icalcomponent *event = find_event (calendar, uid);
  int sequence = event ? icalcomponent_get_sequence (event) : -1;

  icalcomponent_free (calendar);
  return sequence;
}

static void
test_uid_and_sequence (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) post = add (f, "Stable", "Body", 2026, 12, 10, 600, LINEUP_STAGE_DRAFT);
  g_autofree char *uid = lineup_ics_uid (post);
  GDate later;

  g_assert_cmpint (sequence_of (f, uid), ==, 0);
  lineup_post_set_title (post, "Stable, edited");
  g_assert_true (lineup_workflow_edit (f->store, post, &error));
  g_assert_cmpint (sequence_of (f, uid), ==, 1);
  g_date_clear (&later, 1);
  g_date_set_dmy (&later, 12, 12, 2026);
  g_assert_true (lineup_store_move_post (f->store, lineup_post_get_id (post), &later, &error));
  /* Same UID after an edit and a move; the move is a change too. */
  g_assert_cmpint (sequence_of (f, uid), ==, 2);
  g_assert_true (lineup_store_delete_post (f->store, lineup_post_get_id (post), &error));
  g_assert_cmpint (sequence_of (f, uid), ==, -1);
}

static void
test_overlay_events (Fixture       *f,
                     gconstpointer  data)
{
  static const char ics[] =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n"
    "BEGIN:VEVENT\r\nUID:xmas@t\r\nDTSTAMP:20200101T000000Z\r\nDTSTART;VALUE=DATE:20201225\r\n"
    "RRULE:FREQ=YEARLY\r\nSUMMARY:Christmas Day\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:conf@t\r\nDTSTAMP:20200101T000000Z\r\nDTSTART;VALUE=DATE:20261210\r\n"
    "DTEND;VALUE=DATE:20261213\r\nSUMMARY:Conference\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:late@t\r\nDTSTAMP:20200101T000000Z\r\nDTSTART:20261231T233000Z\r\n"
    "SUMMARY:Late in UTC\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  GDate from, to;
  const char *expected[][2] = {
    { "10", "Conference" }, { "11", "Conference" }, { "12", "Conference" }, { "25", "Christmas Day" },
  };

  g_assert_true (lineup_store_add_overlay (f->store, "Days", "/nowhere.ics", "#e01b24", &error));
  g_assert_true (lineup_store_set_overlay_result (f->store, "Days", ics, NULL, &error));
  g_assert_cmpint (lineup_overlay_count (ics), ==, 3);
  g_assert_cmpint (lineup_overlay_count ("<html>"), ==, -1);

  g_date_clear (&from, 1);
  g_date_set_dmy (&from, 1, 12, 2026);
  to = from;
  g_date_add_months (&to, 1);
  events = lineup_overlay_events (f->store, &from, &to);
  /* 23:30 UTC on 31 December is 00:30 on 1 January in Warsaw: not December. */
  g_assert_cmpuint (events->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < events->len; i++)
    {
      LineupOverlayEvent *event = events->pdata[i];
      g_assert_cmpint (g_date_get_day (&event->date), ==, atoi (expected[i][0]));
      g_assert_cmpstr (event->summary, ==, expected[i][1]);
      g_assert_cmpstr (event->color, ==, "#e01b24");
    }

  /* Switched off, it shows nothing. */
  g_assert_true (lineup_store_set_overlay_enabled (f->store, "Days", FALSE, &error));
  g_clear_pointer (&events, g_ptr_array_unref);
  events = lineup_overlay_events (f->store, &from, &to);
  g_assert_cmpuint (events->len, ==, 0);
}

/* Ten lines that describe millions of occurrences: a copy already in the
 * plan (from before rules were checked) expands to what a month shows. */
static const char secondly_ics[] =
  "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Hostile//EN\r\n"
  "BEGIN:VEVENT\r\nUID:tick@t\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260101T000000Z\r\n"
  "RRULE:FREQ=SECONDLY\r\nSUMMARY:Tick\r\nEND:VEVENT\r\n"
  "END:VCALENDAR\r\n";

static void
test_overlay_bounds (Fixture       *f,
                     gconstpointer  data)
{
  static const char *hostile[] = {
    secondly_ics,
    /* Every second of a day by BY- parts, and a COUNT: no skipping ahead. */
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Hostile//EN\r\n"
    "BEGIN:VEVENT\r\nUID:tock@t\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20261201T000000Z\r\n"
    "RRULE:FREQ=DAILY;COUNT=2000000000;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23;"
    "BYMINUTE=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,"
    "36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59\r\nSUMMARY:Tock\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n",
  };
  g_autoptr(GError) error = NULL;
  GDate from, to;

  g_date_clear (&from, 1);
  g_date_set_dmy (&from, 30, 11, 2026);
  to = from;
  g_date_add_days (&to, 42);
  g_assert_true (lineup_store_add_overlay (f->store, "Hostile", "/nowhere.ics", "#e01b24", &error));
  for (guint h = 0; h < G_N_ELEMENTS (hostile); h++)
    {
      g_autoptr(GPtrArray) events = NULL;
      guint per_day[43] = { 0 };

      g_assert_true (lineup_store_set_overlay_result (f->store, "Hostile", hostile[h], NULL, &error));
      events = lineup_overlay_events (f->store, &from, &to);
      /* A few a day and a count, never millions (it was 3.6 million). */
      g_assert_cmpuint (events->len, <=, 42 * 5);
      g_assert_cmpuint (events->len, >=, 5);
      for (guint i = 0; i < events->len; i++)
        {
          LineupOverlayEvent *event = events->pdata[i];
          int day = g_date_days_between (&from, &event->date);

          g_assert_cmpint (day, >=, 0);
          g_assert_cmpint (day, <, 42);
          per_day[day]++;
          g_assert_cmpuint (per_day[day], <=, 5);
        }
      /* The day is full, and says there is more. */
      g_assert_cmpuint (per_day[1], ==, 5);
      g_assert_true (g_str_has_suffix (((LineupOverlayEvent *) events->pdata[4])->summary, "more"));
    }
}

static void
on_events (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(GError) error = NULL;
  GPtrArray **out = data;

  *out = lineup_overlay_events_finish (result, &error);
  if (*out == NULL)
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      *out = g_ptr_array_new ();   /* done, cancelled */
    }
}

/* The same off the main thread, parsing a copy once, and a cancel stops it. */
static void
test_overlay_events_async (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) here = NULL;
  GPtrArray *there = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  static const char daily_ics[] =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n"
    "BEGIN:VEVENT\r\nUID:daily@t\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20260101\r\n"
    "RRULE:FREQ=DAILY\r\nSUMMARY:Daily\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n";
  guint parsed;
  GDate from, to;

  g_date_clear (&from, 1);
  g_date_set_dmy (&from, 30, 11, 2026);
  to = from;
  g_date_add_days (&to, 42);
  g_assert_true (lineup_store_add_overlay (f->store, "Hostile", "/nowhere.ics", NULL, &error));
  g_assert_true (lineup_store_set_overlay_result (f->store, "Hostile", secondly_ics, NULL, &error));
  here = lineup_overlay_events (f->store, &from, &to);

  lineup_overlay_events_async (f->store, &from, &to, NULL, on_events, &there);
  while (there == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (there->len, ==, here->len);
  for (guint i = 0; i < here->len; i++)
    g_assert_cmpstr (((LineupOverlayEvent *) there->pdata[i])->summary, ==,
                     ((LineupOverlayEvent *) here->pdata[i])->summary);
  g_clear_pointer (&there, g_ptr_array_unref);

  /* The workers keep the copy they parsed: the next request (the grid on
   * another month) does not parse it again; a new copy is parsed once. */
  parsed = lineup_overlay_parse_count ();
  for (int round = 0; round < 2; round++)
    {
      g_date_add_months (&from, 1);
      g_date_add_months (&to, 1);
      lineup_overlay_events_async (f->store, &from, &to, NULL, on_events, &there);
      while (there == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_assert_cmpuint (there->len, >, 0);
      g_clear_pointer (&there, g_ptr_array_unref);
    }
  g_assert_cmpuint (lineup_overlay_parse_count (), ==, parsed);
  g_assert_true (lineup_store_set_overlay_result (f->store, "Hostile", daily_ics, NULL, &error));
  for (int round = 0; round < 2; round++)
    {
      lineup_overlay_events_async (f->store, &from, &to, NULL, on_events, &there);
      while (there == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_assert_cmpuint (there->len, >, 0);
      g_assert_cmpstr (((LineupOverlayEvent *) there->pdata[0])->summary, ==, "Daily");
      g_clear_pointer (&there, g_ptr_array_unref);
    }
  g_assert_cmpuint (lineup_overlay_parse_count (), ==, parsed + 1);
  /* Counting it (Preferences) takes what the worker found. */
  g_assert_cmpint (lineup_overlay_count (daily_ics), ==, 1);
  g_assert_cmpuint (lineup_overlay_parse_count (), ==, parsed + 1);

  g_cancellable_cancel (cancellable);
  lineup_overlay_events_async (f->store, &from, &to, cancellable, on_events, &there);
  while (there == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (there->len, ==, 0);
  g_ptr_array_unref (there);
}

/* Refreshing from a calendar with such a rule is refused and says which
 * event; the last good copy stays. */
static void
test_overlay_refuses_sub_daily (Fixture       *f,
                                gconstpointer  data)
{
  static const char good[] =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n"
    "BEGIN:VEVENT\r\nUID:twice@t\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20261201T090000Z\r\n"
    "RRULE:FREQ=DAILY;BYHOUR=9,17\r\nSUMMARY:Stand-up\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n";
  g_autofree char *path = g_build_filename (f->dir, "ticks.ics", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) overlays = NULL;
  LineupOverlay *overlay;

  g_assert_true (g_file_set_contents (path, good, -1, &error));
  g_assert_true (lineup_store_add_overlay (f->store, "Ticks", path, NULL, &error));
  g_assert_cmpint (lineup_overlay_refresh (f->store, "Ticks", &error), ==, 1);

  g_assert_true (g_file_set_contents (path, secondly_ics, -1, &error));
  g_assert_cmpint (lineup_overlay_refresh (f->store, "Ticks", &error), ==, -1);
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“Tick”"));
  g_assert_nonnull (strstr (error->message, "FREQ=SECONDLY"));
  g_assert_nonnull (strstr (error->message, path));
  overlays = lineup_store_get_overlays (f->store);
  overlay = overlays->pdata[0];
  g_assert_nonnull (strstr (overlay->cache, "Stand-up"));
  g_assert_nonnull (strstr (overlay->last_error, "FREQ=SECONDLY"));
}

static void
test_feed_definitions (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupFeed) found = NULL;
  g_autoptr(LineupPost) post = add (f, "In the window", "Body", 2026, 12, 10, 600, LINEUP_STAGE_DRAFT);
  char *filter[] = { "stage=draft", NULL };
  g_autofree char *path = g_build_filename (f->dir, "feed.ics", NULL);
  g_autofree char *text = NULL;
  LineupFeed feed = { "Team", LINEUP_FEED_FILE, path, NULL, filter, 3650, 3650, "titles", 30, 60, FALSE, TRUE };

  g_assert_true (lineup_store_save_feed (f->store, &feed, TRUE, &error));
  g_assert_false (lineup_store_save_feed (f->store, &feed, TRUE, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_EXISTS);
  g_clear_error (&error);

  /* What Preferences does when a feed is edited: the same name, new values. */
  feed.privacy = "full";
  feed.auto_publish = FALSE;
  g_assert_true (lineup_store_save_feed (f->store, &feed, FALSE, &error));
  found = lineup_store_find_feed (f->store, "team");
  g_assert_cmpstr (found->privacy, ==, "full");
  g_assert_false (found->auto_publish);
  g_assert_cmpstr (found->filter[0], ==, "stage=draft");

  g_assert_cmpint (lineup_feed_publish (f->store, "Team", NULL, FALSE, &error), ==, 1);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "DESCRIPTION:Goal: Trust"));
  g_clear_pointer (&found, lineup_feed_free);
  found = lineup_store_find_feed (f->store, "Team");
  g_assert_cmpint (found->last_items, ==, 1);
  g_assert_null (found->last_error);

  /* An address where a file is expected, and the other way round. */
  feed.kind = LINEUP_FEED_WEBDAV;
  g_assert_false (lineup_store_save_feed (f->store, &feed, FALSE, &error));
  g_assert_nonnull (strstr (error->message, "http:// or https://"));
  g_clear_error (&error);

  g_assert_true (lineup_store_remove_feed (f->store, "Team", &error));
  g_assert_null (lineup_store_find_feed (f->store, "Team"));
}

/* A password in a feed's or an overlay's address: refused by the store
 * (the command line and Preferences alike), and never shown. */
static void
test_address_userinfo (Fixture       *f,
                       gconstpointer  data)
{
  static const struct { const char *text, *hidden; gboolean has; } cases[] = {
    { "https://alice:hunter2@dav.example/plan.ics", "https://dav.example/plan.ics", TRUE },
    { "webcal://alice@cal.example/x.ics", "webcal://cal.example/x.ics", TRUE },
    { "http://a%40b:p%3Aw@h:8080/x?u=c@d", "http://h:8080/x?u=c@d", TRUE },
    { "https://dav.example/~alice@home/plan.ics", "https://dav.example/~alice@home/plan.ics", FALSE },
    { "/home/a@b/holidays.ics", "/home/a@b/holidays.ics", FALSE },
    { "Could not reach https://u:p@h/x: refused; try http://v:q@g", "Could not reach https://h/x: refused; try http://g",
      FALSE },
  };
  char *filter[] = { NULL };
  LineupFeed feed = { "Team", LINEUP_FEED_WEBDAV, "https://alice:hunter2@dav.example/plan.ics", NULL, filter,
                      30, 180, "titles", 30, 60, FALSE, TRUE };
  g_autoptr(GError) error = NULL;
  g_autofree char *user = lineup_address_get_user (cases[2].text);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *hidden = lineup_address_hide_userinfo (cases[i].text);

      g_assert_cmpstr (hidden, ==, cases[i].hidden);
      g_assert_cmpint (lineup_address_has_userinfo (cases[i].text), ==, cases[i].has);
    }
  g_assert_cmpstr (user, ==, "a@b");

  g_assert_false (lineup_store_save_feed (f->store, &feed, TRUE, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "LINEUP_FEED_PASSWORD"));
  g_assert_null (strstr (error->message, "hunter2"));
  g_assert_null (lineup_store_find_feed (f->store, "Team"));
  g_clear_error (&error);
  g_assert_false (lineup_store_add_overlay (f->store, "Days", "https://alice:hunter2@cal.example/d.ics", NULL, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_assert_null (strstr (error->message, "hunter2"));
  g_clear_error (&error);

  /* The same without the password is fine, and its link has none. */
  feed.target = "https://dav.example/plan.ics";
  g_assert_true (lineup_store_save_feed (f->store, &feed, TRUE, &error));
  feed.target = "http://alice:hunter2@dav.example/plan.ics";
  {
    g_autofree char *link = lineup_feed_subscription_link (&feed);
    g_assert_cmpstr (link, ==, "webcal://dav.example/plan.ics");
  }
}

static void
test_css_colors (void)
{
  g_assert_cmpstr (lineup_css_color_name ("#ff0000"), ==, "red");
  g_assert_cmpstr (lineup_css_color_name ("#3584e4"), ==, "royalblue");
  g_assert_cmpstr (lineup_css_color_name ("#2ec27e"), ==, "mediumseagreen");
  g_assert_cmpstr (lineup_css_color_name ("nonsense"), ==, "gray");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ics/lines", test_lines);
  ADD ("/ics/golden", test_golden);
  ADD ("/ics/parse-back", test_parse_back);
  ADD ("/ics/uid-and-sequence", test_uid_and_sequence);
  ADD ("/overlay/events", test_overlay_events);
  ADD ("/overlay/bounds", test_overlay_bounds);
  ADD ("/overlay/events-async", test_overlay_events_async);
  ADD ("/overlay/refuses-sub-daily", test_overlay_refuses_sub_daily);
  ADD ("/feed/definitions", test_feed_definitions);
  ADD ("/feed/address-userinfo", test_address_userinfo);
#undef ADD
  g_test_add_func ("/ics/css-colors", test_css_colors);

  return g_test_run ();
}
