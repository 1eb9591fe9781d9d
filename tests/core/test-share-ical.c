/* test-share-ical.c: a shared plan's resources as iCalendar text
 * (lineup-share-ical.c, docs/sharing.md §2–4): what Lineup writes reads
 * back the same, in the plan's zone; what another client added survives a
 * write; what another client created reads as a post; hostile text gives
 * an error, never a crash; python's icalendar reads every resource.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <libical/ical.h>

#include "share/lineup-share-ical.h"

/* Python's icalendar (a second, independent reader) reads @text, every
 * property's value in it, and its DTSTART as the same instant as "at"
 * (@at NULL: no DTSTART). The texts are kept and read by one python at the
 * end (/share-ical/python-reads-all): one process, not one a text, so the
 * sanitized build does not spend a minute starting them. */
static GPtrArray *python_texts;   /* text, expected "at" or "-", … */

static void
assert_python_reads_at (const char *text,
                        const char *at)
{
  if (python_texts == NULL)
    python_texts = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (python_texts, g_strdup (text));
  g_ptr_array_add (python_texts, g_strdup (at ? at : "-"));
}

static void
test_python_reads_all (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) python = NULL;
  g_autoptr(GString) input = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;

  g_assert_nonnull (python_texts);
  /* Each text and its expected instant, separated by NUL bytes. */
  for (guint i = 0; i < python_texts->len; i++)
    g_string_append_len (input, g_ptr_array_index (python_texts, i),
                         strlen (g_ptr_array_index (python_texts, i)) + 1);
  python = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                             "/usr/bin/python3", "-c",
                             "import sys, datetime, icalendar\n"
                             "parts = sys.stdin.buffer.read().split(b'\\0')[:-1]\n"
                             "for text, at in zip(parts[0::2], parts[1::2]):\n"
                             "    cal = icalendar.Calendar.from_ical(text)\n"
                             "    items = [c for c in cal.walk() if c.name in ('VEVENT', 'VTODO')]\n"
                             "    assert len(items) == 1, text\n"
                             "    for c in cal.walk():\n"
                             "        for name in c:\n"
                             "            if name != 'CATEGORIES':  # decoded () fails on a list of them\n"
                             "                c.decoded(name)\n"
                             "    start = items[0].get('DTSTART')\n"
                             "    got = '-' if start is None else start.dt.astimezone(datetime.timezone.utc)"
                             ".strftime('%Y%m%dT%H%M%SZ')\n"
                             "    assert got == at.decode(), (got, at, text)\n"
                             "print(len(parts) // 2)\n",
                             NULL);
  g_assert_no_error (error);
  bytes = g_bytes_new (input->str, input->len);
  g_subprocess_communicate (python, bytes, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (python))
    g_error ("python's icalendar cannot read what Lineup wrote (see its message above)");
}

static void
assert_python_reads (const char              *text,
                     const LineupShareRecord *record)
{
  assert_python_reads_at (text, lineup_share_record_get_kind (record) == LINEUP_SHARE_POST
                                ? lineup_share_record_get (record, "at") : NULL);
}

/* Lines end in CRLF, none longer than 75 octets, none cut inside a UTF-8
 * sequence. */
static void
assert_well_formed (const char *text)
{
  g_auto(GStrv) lines = NULL;
  g_autofree char *unfolded = NULL;

  g_assert_true (g_str_has_suffix (text, "END:VCALENDAR\r\n"));
  lines = g_strsplit (text, "\r\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_assert_null (strchr (lines[i], '\n'));
      g_assert_null (strchr (lines[i], '\r'));
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
      g_assert_true (g_utf8_validate (lines[i], -1, NULL));
    }
}

static char *
render_ok (const LineupShareRecord *record,
           const char              *base,
           const char              *zone)
{
  g_autoptr(GError) error = NULL;
  char *text = lineup_share_ical_render (record, base, zone, &error);

  g_assert_no_error (error);
  g_assert_nonnull (text);
  assert_well_formed (text);
  return text;
}

static LineupShareRecord *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  LineupShareRecord *record = lineup_share_ical_parse (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record;
}

static void
assert_records_equal (const LineupShareRecord *a,
                      const LineupShareRecord *b)
{
  g_auto(GStrv) fa = lineup_share_record_list_fields (a);
  g_auto(GStrv) fb = lineup_share_record_list_fields (b);

  g_assert_cmpint (lineup_share_record_get_kind (a), ==, lineup_share_record_get_kind (b));
  g_assert_cmpstr (lineup_share_record_get_uid (a), ==, lineup_share_record_get_uid (b));
  if (!g_strv_equal ((const char * const *) fa, (const char * const *) fb))
    {
      g_autofree char *ja = g_strjoinv (" ", fa), *jb = g_strjoinv (" ", fb);

      g_test_message ("fields written: %s; read: %s", ja, jb);
    }
  g_assert_cmpstrv (fa, fb);
  for (guint i = 0; fa[i]; i++)
    g_assert_cmpstr (lineup_share_record_get (a, fa[i]), ==, lineup_share_record_get (b, fa[i]));
  g_assert_cmpuint (lineup_share_record_get_log (a)->len, ==, lineup_share_record_get_log (b)->len);
  for (guint i = 0; i < lineup_share_record_get_log (a)->len; i++)
    g_assert_cmpstr (g_ptr_array_index (lineup_share_record_get_log (a), i), ==,
                     g_ptr_array_index (lineup_share_record_get_log (b), i));
  g_assert_true (lineup_share_record_equal (a, b));
}

/* The VEVENT or VTODO of @text, read by libical; free the calendar. */
static icalcomponent *
item_of (icalcomponent *calendar)
{
  icalcomponent *item = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);

  return item ? item : icalcomponent_get_first_component (calendar, ICAL_VTODO_COMPONENT);
}

static int
count_x (icalcomponent *item,
         const char    *name)
{
  int n = 0;

  for (icalproperty *p = icalcomponent_get_first_property (item, ICAL_X_PROPERTY); p;
       p = icalcomponent_get_next_property (item, ICAL_X_PROPERTY))
    n += g_strcmp0 (icalproperty_get_x_name (p), name) == 0;
  return n;
}

static LineupShareRecord *
full_post (const char *uid)
{
  LineupShareRecord *r = lineup_share_record_new (LINEUP_SHARE_POST, uid);
  g_autofree char *line1 = lineup_share_log_line_format (1767225600, "created", NULL, "brief", "ala", NULL);
  g_autofree char *line2 = lineup_share_log_line_format (1767229200, "comment", "brief", "draft", "bob|\\x",
                                                         "Looks good | but \\ fix:\nline two; three, four");
  g_autofree char *line3 = lineup_share_log_line_format (1767232800, "approved", "in-review", "approved", "zoë",
                                                         "  spaces at both ends  ");

  lineup_share_record_set (r, "title", "Launch: “Zażółć gęślą jaźń”, part 1; \\ the end");
  lineup_share_record_set (r, "body",
                           "First line of a long caption that goes on and on past seventy-five octets, "
                           "with ąęłńóśźż and emoji 🎉🎉🎉 so folding must not cut a sequence.\n\n"
                           "Second paragraph; commas, semicolons; and a backslash \\ and \\n literally.\r\n"
                           "A CRLF line.");
  lineup_share_record_set (r, "at", "20260315T090000Z");
  lineup_share_record_set (r, "stage", "in-review");
  lineup_share_record_set (r, "pillar", "Stories; told, well");
  lineup_share_record_set (r, "type", "Carousel");
  lineup_share_record_set (r, "platforms", "bluesky,linkedin,mastodon");
  lineup_share_record_set (r, "campaign", "Spring, 2026");
  lineup_share_record_set (r, "goal", "");
  lineup_share_record_set (r, "audience", " leading space");
  lineup_share_record_set (r, "key_message", "tab\tinside and trailing tab\t");
  lineup_share_record_set (r, "call_to_action", "Sign up → https://example.com/a?b=c;d,e");
  lineup_share_record_set (r, "hashtags", "#one #two");
  lineup_share_record_set (r, "owner", "ala");
  lineup_share_record_set (r, "due", "2026-03-10");
  lineup_share_record_set (r, "created", "1767225600");
  lineup_share_record_set (r, "check:Spell-checked; twice", "ala 1767229200");
  lineup_share_record_set (r, "target:mastodon:https://social.example:ala", "Ala on Mastodon");
  lineup_share_record_set (r, "publish:mastodon:https://social.example:ala", "sent https://social.example/@ala/1 -");
  lineup_share_record_set (r, "conflict:title", "Launch, the other title");
  lineup_share_record_set (r, "conflict-by:title", "bob");
  lineup_share_record_set (r, "x\"odd\" name; with = and %41", "%41 stays %41; \x7f del");
  lineup_share_record_add_log (r, line1);
  lineup_share_record_add_log (r, line2);
  lineup_share_record_add_log (r, line3);
  return r;
}

/* Every field and log line of a post, dated or not, in UTC or a zone,
 * reads back exactly; written twice it reads the same again. */
static void
test_round_trip (void)
{
  const char *zones[] = { NULL, "Europe/Warsaw", "America/New_York", "Not/AZone" };

  for (guint dated = 0; dated < 2; dated++)
    for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
      {
        g_autoptr(LineupShareRecord) r = full_post ("6f1c2b9e-4d3a-4e8f-9a7b-0c1d2e3f4a5b");
        g_autoptr(LineupShareRecord) back = NULL, again_back = NULL;
        g_autofree char *text = NULL, *again = NULL;
        icalcomponent *calendar, *item;

        if (!dated)
          lineup_share_record_set (r, "at", NULL);
        text = render_ok (r, NULL, zones[z]);
        back = parse_ok (text);
        assert_records_equal (r, back);
        g_assert_null (lineup_share_record_get (back, "nothing"));
        g_assert_cmpstr (lineup_share_record_get (back, "goal"), ==, "");

        /* Written over itself: still the same record, SEQUENCE 1. */
        again = render_ok (back, text, zones[z]);
        again_back = parse_ok (again);
        assert_records_equal (r, again_back);
        g_assert_nonnull (strstr (again, "\r\nSEQUENCE:1\r\n"));
        g_assert_nonnull (strstr (text, "\r\nSEQUENCE:0\r\n"));
        /* A long line was folded. */
        g_assert_nonnull (strstr (text, "\r\n "));

        calendar = icalparser_parse_string (text);
        item = item_of (calendar);
        g_assert_cmpint (icalcomponent_isa (item), ==, dated ? ICAL_VEVENT_COMPONENT : ICAL_VTODO_COMPONENT);
        g_assert_cmpstr (icalcomponent_get_uid (item), ==, "6f1c2b9e-4d3a-4e8f-9a7b-0c1d2e3f4a5b");
        g_assert_cmpint (icalcomponent_count_properties (calendar, ICAL_PRODID_PROPERTY), ==, 1);
        g_assert_cmpint (icalcomponent_count_properties (calendar, ICAL_VERSION_PROPERTY), ==, 1);
        g_assert_cmpint (icalcomponent_count_properties (item, ICAL_CATEGORIES_PROPERTY), ==, 2);
        g_assert_cmpint (count_x (item, "X-LINEUP-LOG"), ==, 3);
        g_assert_cmpint (count_x (item, "X-LINEUP-VERSION"), ==, 1);
        g_assert_cmpint (icalcomponent_get_status (item), ==, dated ? ICAL_STATUS_TENTATIVE : ICAL_STATUS_INPROCESS);
        /* Another client sees the title as it is, escaped as TEXT. */
        g_assert_cmpstr (icalcomponent_get_summary (item), ==, "Launch: “Zażółć gęślą jaźń”, part 1; \\ the end");
        g_assert_nonnull (strstr (text, "X-LINEUP-PILLAR:Stories\\; told\\, well\r\n"));
        if (dated)
          {
            g_assert_nonnull (icalcomponent_get_first_property (item, ICAL_TRANSP_PROPERTY));
            g_assert_null (icalcomponent_get_first_property (item, ICAL_DUE_PROPERTY));
          }
        else
          {
            g_assert_nonnull (strstr (text, "\r\nDUE;VALUE=DATE:20260310\r\n"));
            g_assert_null (icalcomponent_get_first_property (item, ICAL_DTSTART_PROPERTY));
          }
        icalcomponent_free (calendar);
        assert_python_reads (text, r);
      }
}

/* The plan, the team, an approval and a claim: completed tasks Lineup
 * keeps, reading back the same. */
static void
test_kept_by_lineup (void)
{
  struct {
    LineupShareKind kind;
    const char *uid;
    const char *summary;
  } cases[] = {
    { LINEUP_SHARE_PLAN, "lineup-plan", "Lineup: plan settings (kept by Lineup)" },
    { LINEUP_SHARE_TEAM, "lineup-team", "Lineup: team (kept by Lineup)" },
    { LINEUP_SHARE_APPROVAL, "lineup-approval-6f1c-bob-0", "Lineup: approval (kept by Lineup)" },
    { LINEUP_SHARE_CLAIM, "lineup-claim-6f1c-mastodon:https://social.example:ala", "Lineup: publishing claim (kept by Lineup)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LineupShareRecord) r = lineup_share_record_new (cases[i].kind, cases[i].uid);
      g_autoptr(LineupShareRecord) back = NULL;
      g_autofree char *text = NULL;
      icalcomponent *calendar, *item;

      lineup_share_record_set (r, "zone", "Europe/Warsaw");
      lineup_share_record_set (r, "pillar:News, and more", "#3366ff 3 0");
      lineup_share_record_set (r, "member:bob", "approver Bob B.");
      lineup_share_record_set (r, "step:0", "any Editors|bob|ala");
      lineup_share_record_set (r, "title", "not a post's title");
      lineup_share_record_set (r, "post", "6f1c");
      lineup_share_record_set (r, "step", "0");
      lineup_share_record_set (r, "approver", "bob");
      lineup_share_record_set (r, "content-key", "sha256:abc");
      lineup_share_record_set (r, "at", "1767225600");
      lineup_share_record_set (r, "machine", "laptop-1");
      lineup_share_record_set (r, "account", "mastodon:https://social.example:ala");
      text = render_ok (r, NULL, "Europe/Warsaw");
      back = parse_ok (text);
      assert_records_equal (r, back);

      calendar = icalparser_parse_string (text);
      item = item_of (calendar);
      g_assert_cmpint (icalcomponent_isa (item), ==, ICAL_VTODO_COMPONENT);
      g_assert_cmpint (icalcomponent_get_status (item), ==, ICAL_STATUS_COMPLETED);
      g_assert_cmpstr (icalcomponent_get_summary (item), ==, cases[i].summary);
      g_assert_null (icalcomponent_get_first_property (item, ICAL_DTSTART_PROPERTY));
      if (cases[i].kind == LINEUP_SHARE_APPROVAL)
        {
          g_assert_nonnull (strstr (text, "\r\nX-LINEUP-APPROVER:bob\r\n"));
          g_assert_nonnull (strstr (text, "\r\nX-LINEUP-CONTENT-KEY:sha256:abc\r\n"));
          g_assert_nonnull (strstr (text, "\r\nX-LINEUP-AT:1767225600\r\n"));
        }
      if (cases[i].kind == LINEUP_SHARE_CLAIM)
        g_assert_nonnull (strstr (text, "\r\nX-LINEUP-MACHINE:laptop-1\r\n"));
      if (cases[i].kind == LINEUP_SHARE_PLAN)
        g_assert_nonnull (strstr (text, "X-LINEUP-FIELD;X-KEY=zone:Europe/Warsaw\r\n"));
      icalcomponent_free (calendar);
      assert_python_reads (text, r);
    }
}

/* A dated post in Europe/Warsaw: local wall time with the zone's own
 * VTIMEZONE under its IANA name; read back, the same instant. */
static void
test_zone (void)
{
  struct {
    const char *at;
    const char *start;
    const char *end;
  } cases[] = {
    { "20260315T090000Z", "DTSTART;TZID=Europe/Warsaw:20260315T100000", "DTEND;TZID=Europe/Warsaw:20260315T103000" },
    { "20260715T090000Z", "DTSTART;TZID=Europe/Warsaw:20260715T110000", "DTEND;TZID=Europe/Warsaw:20260715T113000" },
    /* The hour autumn repeats: both instants come back. */
    { "20261025T003000Z", NULL, NULL },
    { "20261025T013000Z", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LineupShareRecord) r = lineup_share_record_new (LINEUP_SHARE_POST, "zoned");
      g_autoptr(LineupShareRecord) back = NULL;
      g_autofree char *text = NULL;
      icalcomponent *calendar, *vtz;

      lineup_share_record_set (r, "title", "Zoned");
      lineup_share_record_set (r, "at", cases[i].at);
      text = render_ok (r, NULL, "Europe/Warsaw");
      if (cases[i].start)
        {
          g_autofree char *start = g_strdup_printf ("\r\n%s\r\n", cases[i].start);
          g_autofree char *end = g_strdup_printf ("\r\n%s\r\n", cases[i].end);

          g_assert_nonnull (strstr (text, start));
          g_assert_nonnull (strstr (text, end));
          g_assert_null (strstr (text, "freeassociation"));
          calendar = icalparser_parse_string (text);
          vtz = icalcomponent_get_first_component (calendar, ICAL_VTIMEZONE_COMPONENT);
          g_assert_nonnull (vtz);
          g_assert_cmpstr (icalproperty_get_tzid (icalcomponent_get_first_property (vtz, ICAL_TZID_PROPERTY)),
                           ==, "Europe/Warsaw");
          g_assert_cmpint (icalcomponent_count_components (calendar, ICAL_VTIMEZONE_COMPONENT), ==, 1);
          /* Trimmed to the years around the post, not the zone's history. */
          g_assert_cmpint (icalcomponent_count_components (vtz, ICAL_ANY_COMPONENT), <, 10);
          icalcomponent_free (calendar);
        }
      back = parse_ok (text);
      g_assert_cmpstr (lineup_share_record_get (back, "at"), ==, cases[i].at);
      assert_python_reads (text, r);
    }
}

#define HEAD "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Other//Client//EN\r\n"
#define TAIL "END:VCALENDAR\r\n"

/* Times as other clients write them: their own VTIMEZONE under any name,
 * an IANA TZID without one, a date, a floating time. */
static void
test_foreign_times (void)
{
  struct {
    const char *text;
    const char *at;
  } cases[] = {
    { HEAD "BEGIN:VTIMEZONE\r\nTZID:W. Europe Standard Time\r\n"
      "BEGIN:STANDARD\r\nDTSTART:16010101T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n"
      "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\n"
      "BEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"
      "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
      "BEGIN:VEVENT\r\nUID:o1\r\nDTSTAMP:20260101T000000Z\r\n"
      "DTSTART;TZID=W. Europe Standard Time:20260715T110000\r\nSUMMARY:Outlook\r\nEND:VEVENT\r\n" TAIL,
      "20260715T090000Z" },
    { HEAD "BEGIN:VEVENT\r\nUID:o2\r\nDTSTAMP:20260101T000000Z\r\n"
      "DTSTART;TZID=America/New_York:20260115T090000\r\nSUMMARY:No VTIMEZONE\r\nEND:VEVENT\r\n" TAIL,
      "20260115T140000Z" },
    { HEAD "BEGIN:VEVENT\r\nUID:o3\r\nDTSTAMP:20260101T000000Z\r\n"
      "DTSTART;VALUE=DATE:20260704\r\nSUMMARY:All day\r\nEND:VEVENT\r\n" TAIL,
      "20260704T000000Z" },
    { HEAD "BEGIN:VEVENT\r\nUID:o4\r\nDTSTAMP:20260101T000000Z\r\n"
      "DTSTART:20260704T123000\r\nSUMMARY:Floating\r\nEND:VEVENT\r\n" TAIL,
      "20260704T123000Z" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LineupShareRecord) r = parse_ok (cases[i].text);

      g_assert_cmpstr (lineup_share_record_get (r, "at"), ==, cases[i].at);
    }
}

/* A resource another client created: a post with the fields it has. */
static void
test_other_client (void)
{
  const char *text =
    HEAD "BEGIN:VEVENT\r\nUID:3f0e-other@example.com\r\nDTSTAMP:20260101T000000Z\r\n"
    "DTSTART:20260320T140000Z\r\nDTEND:20260320T150000Z\r\nSUMMARY:Team lunch\\, Friday\r\n"
    "DESCRIPTION:Bring\\nfood\r\nLOCATION:Café\r\nSTATUS:CONFIRMED\r\nEND:VEVENT\r\n" TAIL;
  g_autoptr(LineupShareRecord) r = parse_ok (text);
  g_auto(GStrv) fields = lineup_share_record_list_fields (r);
  const char *expected[] = { "at", "body", "title", NULL };

  g_assert_cmpint (lineup_share_record_get_kind (r), ==, LINEUP_SHARE_POST);
  g_assert_cmpstr (lineup_share_record_get_uid (r), ==, "3f0e-other@example.com");
  g_assert_cmpstrv (fields, expected);
  g_assert_cmpstr (lineup_share_record_get (r, "title"), ==, "Team lunch, Friday");
  g_assert_cmpstr (lineup_share_record_get (r, "body"), ==, "Bring\nfood");
  g_assert_cmpstr (lineup_share_record_get (r, "at"), ==, "20260320T140000Z");
  g_assert_cmpuint (lineup_share_record_get_log (r)->len, ==, 0);
}

static const char foreign_base[] =
  HEAD "X-WR-CALNAME:Theirs\r\n"
  "BEGIN:VTIMEZONE\r\nTZID:Europe/Warsaw\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000\r\n"
  "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\n"
  "BEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"
  "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
  "BEGIN:VEVENT\r\nUID:kept\r\nDTSTAMP:20260101T000000Z\r\nSEQUENCE:4\r\n"
  "DTSTART;TZID=Europe/Warsaw:20260315T100000\r\nDTEND;TZID=Europe/Warsaw:20260315T103000\r\n"
  "SUMMARY:Old title\r\nSTATUS:TENTATIVE\r\nCATEGORIES:Old\r\nX-LINEUP-STAGE:draft\r\n"
  "X-LINEUP-FIELD;X-KEY=gone:old\r\n"
  "COLOR:turquoise\r\nATTENDEE;CN=Bob;PARTSTAT=ACCEPTED:mailto:bob@example.com\r\n"
  "X-APPLE-FOO;X-BAR=1:keep me\\, please\r\n"
  "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Reminder\r\nTRIGGER:-PT15M\r\nEND:VALARM\r\n"
  "END:VEVENT\r\n" TAIL;

static void
assert_foreign_kept (const char *text,
                     int         sequence)
{
  icalcomponent *calendar = icalparser_parse_string (text);
  icalcomponent *item = item_of (calendar);
  icalproperty *attendee, *foo;
  icalcomponent *alarm;

  g_assert_nonnull (strstr (text, "X-WR-CALNAME:Theirs\r\n"));
  g_assert_cmpint (icalcomponent_count_properties (item, ICAL_UID_PROPERTY), ==, 1);
  g_assert_cmpint (icalcomponent_get_sequence (item), ==, sequence);
  g_assert_cmpstr (icalproperty_get_color (icalcomponent_get_first_property (item, ICAL_COLOR_PROPERTY)), ==, "turquoise");
  attendee = icalcomponent_get_first_property (item, ICAL_ATTENDEE_PROPERTY);
  g_assert_nonnull (attendee);
  g_assert_cmpstr (icalproperty_get_attendee (attendee), ==, "mailto:bob@example.com");
  g_assert_cmpstr (icalparameter_get_cn (icalproperty_get_first_parameter (attendee, ICAL_CN_PARAMETER)), ==, "Bob");
  foo = icalcomponent_get_first_property (item, ICAL_X_PROPERTY);
  while (foo && g_strcmp0 (icalproperty_get_x_name (foo), "X-APPLE-FOO") != 0)
    foo = icalcomponent_get_next_property (item, ICAL_X_PROPERTY);
  g_assert_nonnull (foo);
  g_assert_cmpstr (icalproperty_get_x (foo), ==, "keep me, please");
  alarm = icalcomponent_get_first_component (item, ICAL_VALARM_COMPONENT);
  g_assert_nonnull (alarm);
  g_assert_cmpstr (icalcomponent_get_description (alarm), ==, "Reminder");
  /* What Lineup owns is what the record says now. */
  g_assert_null (strstr (text, "Old"));
  g_assert_null (strstr (text, "gone"));
  g_assert_cmpint (icalcomponent_count_properties (calendar, ICAL_PRODID_PROPERTY), ==, 1);
  g_assert_null (strstr (text, "Other//Client"));
  icalcomponent_free (calendar);
}

/* Another client's VALARM, COLOR, ATTENDEE and X-APPLE-FOO survive a
 * write that moves the post; SEQUENCE goes one up. */
static void
test_foreign_kept (void)
{
  g_autoptr(LineupShareRecord) r = parse_ok (foreign_base);
  g_autoptr(LineupShareRecord) back = NULL;
  g_autofree char *text = NULL;
  icalcomponent *calendar;

  g_assert_cmpstr (lineup_share_record_get (r, "at"), ==, "20260315T090000Z");
  g_assert_cmpstr (lineup_share_record_get (r, "gone"), ==, "old");
  lineup_share_record_set (r, "at", "20260402T080000Z");
  lineup_share_record_set (r, "title", "New title");
  lineup_share_record_set (r, "gone", NULL);
  text = render_ok (r, foreign_base, "Europe/Warsaw");
  assert_foreign_kept (text, 5);
  g_assert_nonnull (strstr (text, "\r\nDTSTART;TZID=Europe/Warsaw:20260402T100000\r\n"));
  /* One VTIMEZONE: Lineup's, in place of the one it referred to. */
  calendar = icalparser_parse_string (text);
  g_assert_cmpint (icalcomponent_count_components (calendar, ICAL_VTIMEZONE_COMPONENT), ==, 1);
  icalcomponent_free (calendar);
  back = parse_ok (text);
  assert_records_equal (r, back);
  assert_python_reads (text, r);
}

/* Undated, the post becomes a VTODO keeping the VALARM and the rest;
 * dated again, a VEVENT. */
static void
test_switch_component (void)
{
  g_autoptr(LineupShareRecord) r = parse_ok (foreign_base);
  g_autoptr(LineupShareRecord) back = NULL;
  g_autofree char *todo = NULL, *event = NULL;
  icalcomponent *calendar, *item;

  lineup_share_record_set (r, "at", NULL);
  lineup_share_record_set (r, "gone", NULL);
  lineup_share_record_set (r, "title", "Backlog");
  todo = render_ok (r, foreign_base, "Europe/Warsaw");
  calendar = icalparser_parse_string (todo);
  g_assert_null (icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT));
  item = icalcomponent_get_first_component (calendar, ICAL_VTODO_COMPONENT);
  g_assert_nonnull (item);
  g_assert_null (icalcomponent_get_first_property (item, ICAL_DTSTART_PROPERTY));
  g_assert_null (icalcomponent_get_first_property (item, ICAL_DTEND_PROPERTY));
  g_assert_null (icalcomponent_get_first_property (item, ICAL_TRANSP_PROPERTY));
  g_assert_cmpint (icalcomponent_get_status (item), ==, ICAL_STATUS_INPROCESS);
  /* Nothing refers to the zone any more. */
  g_assert_null (icalcomponent_get_first_component (calendar, ICAL_VTIMEZONE_COMPONENT));
  icalcomponent_free (calendar);
  assert_foreign_kept (todo, 5);
  back = parse_ok (todo);
  assert_records_equal (r, back);
  assert_python_reads (todo, r);

  lineup_share_record_set (r, "at", "20260501T070000Z");
  event = render_ok (r, todo, "Europe/Warsaw");
  calendar = icalparser_parse_string (event);
  g_assert_null (icalcomponent_get_first_component (calendar, ICAL_VTODO_COMPONENT));
  g_assert_nonnull (icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT));
  icalcomponent_free (calendar);
  assert_foreign_kept (event, 6);
  g_clear_pointer (&back, lineup_share_record_free);
  back = parse_ok (event);
  assert_records_equal (r, back);
  assert_python_reads (event, r);
}

/* Values iCalendar has no plain form for travel exactly: random text from
 * the awkward characters, in every kind of place a value goes. */
static void
test_exact_values (void)
{
  static const char *const pieces[] = {
    " ", "\t", "\n", "\r", "\r\n", ";", ",", "\\", ":", "\"", "%", "%4", "%41", "|", "=", "a", "Z", "ą",
    "🎉", "\xef\xb7\x90", "\xef\xb7\x91", "\x01", "\x0b", "\x0c", "\x7f", "\xc2\xa0", "  ", "\\n", "\\;",
  };
  static const char *const fields[] = { "title", "body", "goal", "pillar", "weird:name", "check:x y" };
  GRand *rand = g_rand_new_with_seed (20261207);

  for (guint round = 0; round < 300; round++)
    {
      g_autoptr(LineupShareRecord) r = lineup_share_record_new (LINEUP_SHARE_POST, "exact");
      g_autoptr(LineupShareRecord) back = NULL;
      g_autofree char *text = NULL;

      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          GString *value = g_string_new (NULL);
          guint n = g_rand_int_range (rand, 0, 6);

          for (guint k = 0; k < n; k++)
            g_string_append (value, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
          lineup_share_record_set (r, fields[f], value->str);
          if (f == 0)
            lineup_share_record_add_log (r, value->str);
          g_string_free (value, TRUE);
        }
      text = render_ok (r, round % 2 ? NULL : foreign_base, NULL);
      back = parse_ok (text);
      assert_records_equal (r, back);
      if (round < 6)
        assert_python_reads (text, r);
    }
  g_rand_free (rand);
}

/* One UID in several components: the one without RECURRENCE-ID is the
 * post, wherever it stands, also after it changed component. */
static void
test_same_uid_twice (void)
{
  const char *text =
    HEAD "BEGIN:VEVENT\r\nUID:r\r\nRECURRENCE-ID:20260322T090000Z\r\nDTSTART:20260322T100000Z\r\n"
    "SUMMARY:Exception\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:r\r\nDTSTART:20260315T090000Z\r\nRRULE:FREQ=WEEKLY\r\nSUMMARY:Master\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:r\r\nDTSTART:20260101T000000Z\r\nSUMMARY:A second master\r\nEND:VEVENT\r\n" TAIL;
  g_autoptr(LineupShareRecord) r = parse_ok (text);
  g_autoptr(LineupShareRecord) back = NULL;
  g_autofree char *undated = NULL;

  g_assert_cmpstr (lineup_share_record_get (r, "title"), ==, "Master");
  g_assert_cmpstr (lineup_share_record_get (r, "at"), ==, "20260315T090000Z");
  lineup_share_record_set (r, "at", NULL);
  undated = render_ok (r, text, NULL);
  back = parse_ok (undated);
  assert_records_equal (r, back);
  /* The others are kept. */
  g_assert_nonnull (strstr (undated, "SUMMARY:Exception\r\n"));
  g_assert_nonnull (strstr (undated, "SUMMARY:A second master\r\n"));
  g_assert_nonnull (strstr (undated, "RRULE:FREQ=WEEKLY\r\n"));
}

static void
assert_parse_error (const char *text,
                    const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupShareRecord) r = lineup_share_ical_parse (text, &error);

  g_assert_null (r);
  g_assert_error (error, LINEUP_SHARE_ICAL_ERROR, LINEUP_SHARE_ICAL_ERROR_PARSE);
  if (words)
    g_assert_nonnull (strstr (error->message, words));
}

/* Hostile text: an error that says what is wrong, never a crash, and
 * never unbounded work. */
static void
test_hostile (void)
{
  g_autoptr(GString) huge = g_string_new (HEAD "BEGIN:VEVENT\r\nUID:huge\r\nDESCRIPTION:");
  g_autoptr(GString) deep = g_string_new (HEAD);
  g_autoptr(GString) binary = g_string_new (NULL);
  g_autoptr(LineupShareRecord) wild = NULL;
  g_autoptr(LineupShareRecord) seed = full_post ("fuzz");
  g_autofree char *valid = NULL;
  GRand *rand = g_rand_new_with_seed (14);
  gint64 started;

  assert_parse_error ("", "no VEVENT or VTODO");
  assert_parse_error ("hello", NULL);
  assert_parse_error (HEAD TAIL, "no VEVENT or VTODO with a UID");
  assert_parse_error (HEAD "BEGIN:VEVENT\r\nSUMMARY:No UID\r\nEND:VEVENT\r\n" TAIL, "no VEVENT or VTODO with a UID");
  assert_parse_error (HEAD "BEGIN:VEVENT\r\nUID:one\r\nEND:VEVENT\r\nBEGIN:VTODO\r\nUID:two\r\nEND:VTODO\r\n" TAIL,
                      "two UIDs");
  assert_parse_error (HEAD "BEGIN:VJOURNAL\r\nUID:j\r\nEND:VJOURNAL\r\n" TAIL, "no VEVENT or VTODO");
  assert_parse_error (HEAD "BEGIN:VEVENT\r\nUID:a\r\nEND:VEVENT\r\n" TAIL HEAD "BEGIN:VEVENT\r\nUID:a\r\nEND:VEVENT\r\n" TAIL,
                      NULL);

  for (guint i = 0; i < 9 * 1024 * 1024 / 64; i++)
    g_string_append (huge, "0123456789012345678901234567890123456789012345678901234567890123");
  g_string_append (huge, "\r\nEND:VEVENT\r\n" TAIL);
  assert_parse_error (huge->str, "larger than");

  for (guint i = 0; i < 100000; i++)
    g_string_append (deep, "BEGIN:X\r\n");
  assert_parse_error (deep->str, "components");

  for (guint i = 0; i < 4096; i++)
    g_string_append_c (binary, (char) g_rand_int_range (rand, 1, 256));
  assert_parse_error (binary->str, NULL);

  /* A VTIMEZONE whose rule changes every second, up to year 2582: read as
   * the built-in zone of that name, at once. */
  started = g_get_monotonic_time ();
  wild = parse_ok (HEAD "BEGIN:VTIMEZONE\r\nTZID:Europe/Warsaw\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
                   "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nRRULE:FREQ=SECONDLY\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
                   "BEGIN:VEVENT\r\nUID:w\r\nDTSTART;TZID=Europe/Warsaw:25800101T000000\r\nEND:VEVENT\r\n" TAIL);
  g_assert_cmpstr (lineup_share_record_get (wild, "at"), ==, "25791231T230000Z");
  g_assert_cmpint (g_get_monotonic_time () - started, <, 5 * G_USEC_PER_SEC);

  /* Mangled copies of a real resource: a record or an error. A sample: the
   * share-ical fuzz harness (tests/fuzz) mangles far more, in CI too. */
  valid = render_ok (seed, foreign_base, "Europe/Warsaw");
  for (guint round = 0; round < 200; round++)
    {
      g_autofree char *text = g_strdup (valid);
      gsize len = strlen (text);
      g_autoptr(GError) error = NULL;
      g_autoptr(LineupShareRecord) r = NULL;

      for (guint k = 0; k < 1 + round % 8; k++)
        text[g_rand_int_range (rand, 0, len)] = (char) g_rand_int_range (rand, 1, 256);
      if (round % 3 == 0)
        text[g_rand_int_range (rand, 0, len)] = '\0';
      r = lineup_share_ical_parse (text, &error);
      g_assert_true ((r == NULL) != (error == NULL));
      if (r != NULL)
        {
          g_autofree char *again = lineup_share_ical_render (r, text, "Europe/Warsaw", &error);

          g_assert_true ((again == NULL) != (error == NULL));
        }
    }
  g_rand_free (rand);
}

/* A record that cannot be written says why. */
static void
test_invalid_record (void)
{
  g_autoptr(LineupShareRecord) r = lineup_share_record_new (LINEUP_SHARE_POST, "bad-time");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  lineup_share_record_set (r, "at", "2026-03-15 10:00");
  text = lineup_share_ical_render (r, NULL, NULL, &error);
  g_assert_null (text);
  g_assert_error (error, LINEUP_SHARE_ICAL_ERROR, LINEUP_SHARE_ICAL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2026-03-15 10:00"));
  g_clear_error (&error);

  lineup_share_record_set (r, "at", "20260315T100000Z");
  text = lineup_share_ical_render (r, "not a calendar", NULL, &error);
  g_assert_null (text);
  g_assert_error (error, LINEUP_SHARE_ICAL_ERROR, LINEUP_SHARE_ICAL_ERROR_PARSE);
}

static void
test_resource_name (void)
{
  g_autofree char *plain = lineup_share_ical_resource_name ("6f1c2b9e-4d3a-4e8f-9a7b-0c1d2e3f4a5b");
  g_autofree char *odd = lineup_share_ical_resource_name ("lineup-claim-6f1c-mastodon:https://x/@a b");

  g_assert_cmpstr (plain, ==, "6f1c2b9e-4d3a-4e8f-9a7b-0c1d2e3f4a5b.ics");
  g_assert_cmpstr (odd, ==, "lineup-claim-6f1c-mastodon%3Ahttps%3A%2F%2Fx%2F%40a%20b.ics");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/share-ical/round-trip", test_round_trip);
  g_test_add_func ("/share-ical/kept-by-lineup", test_kept_by_lineup);
  g_test_add_func ("/share-ical/zone", test_zone);
  g_test_add_func ("/share-ical/foreign-times", test_foreign_times);
  g_test_add_func ("/share-ical/other-client", test_other_client);
  g_test_add_func ("/share-ical/foreign-kept", test_foreign_kept);
  g_test_add_func ("/share-ical/switch-component", test_switch_component);
  g_test_add_func ("/share-ical/exact-values", test_exact_values);
  g_test_add_func ("/share-ical/same-uid-twice", test_same_uid_twice);
  g_test_add_func ("/share-ical/hostile", test_hostile);
  g_test_add_func ("/share-ical/invalid-record", test_invalid_record);
  g_test_add_func ("/share-ical/resource-name", test_resource_name);
  /* Last: reads every text the tests above wrote. */
  g_test_add_func ("/share-ical/python-reads-all", test_python_reads_all);
  return g_test_run ();
}
