/* lineup-share-ical.c: a shared plan's resources read from and written to
 * iCalendar (docs/sharing.md §2–4).
 *
 * libical parses, escapes and folds. What it cannot carry exactly is
 * handled here: it drops a property with an empty value, trims spaces at
 * either end of a value, drops a CR, and writes the ';' and ',' of an X-
 * value unescaped. Such a value of an X-LINEUP-* property is written with
 * X-LINEUP-ENC=EMPTY or X-LINEUP-ENC=PCT (percent-encoded); a title or a
 * caption SUMMARY/DESCRIPTION cannot carry also travels exactly in
 * X-LINEUP-TITLE/X-LINEUP-BODY (docs/sharing.md §3, "Exact values").
 *
 * Hostile text costs bounded work: the size, the number of components and
 * the time zone rules a conversion would expand are capped before libical
 * sees them. No I/O, no store, no merge here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <stdio.h>
#include <string.h>
#include <libical/ical.h>

#include "lineup-share-ical.h"
#include "lineup-share-fields.h"

G_DEFINE_QUARK (lineup-share-ical-error-quark, lineup_share_ical_error)

/* The largest resource read or written: far above a post with a long
 * caption and years of history, far below what would hurt. */
#define MAX_TEXT            (8 * 1024 * 1024)
/* Components (BEGIN lines) in one resource: libical frees and writes them
 * recursively. A VTIMEZONE of a zone's whole history has about 200. */
#define MAX_COMPONENTS      2000
/* Recurrence rules of the VTIMEZONEs used to convert a time. */
#define MAX_ZONE_RULES      64
#define POST_MINUTES        30
/* So that DTEND, 30 minutes later, still has four digits. */
#define MAX_YEAR            9998

/* ---- exact text values ---- */

/* libical writes an X- value's ';' and ',' unescaped (RFC 5545 TEXT
 * escapes them): they are handed to it as two noncharacters and the
 * written text gets the escapes in their place (as lineup-ics.c does). A
 * value holding a noncharacter itself is percent-encoded, and a base
 * holding one is written with ';' and ',' unescaped (libical reads both). */
#define MARK_SEMICOLON "\uFDD0"
#define MARK_COMMA     "\uFDD1"

static gboolean
has_marks (const char *text)
{
  return strstr (text, MARK_SEMICOLON) != NULL || strstr (text, MARK_COMMA) != NULL;
}

/* TRUE when libical cannot carry @value exactly as plain text: a control
 * character other than LF and TAB (it drops a CR, trims \v and \f), a
 * space or TAB at either end (it trims them), or a mark. */
static gboolean
needs_pct (const char *value)
{
  gsize len = strlen (value);

  if (len > 0 && (value[0] == ' ' || value[0] == '\t' ||
                  value[len - 1] == ' ' || value[len - 1] == '\t'))
    return TRUE;
  for (const guchar *p = (const guchar *) value; *p; p++)
    if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f)
      return TRUE;
  return has_marks (value);
}

/* '%', control characters, a space or TAB at either end and every byte
 * of a non-ASCII character (so no mark is left) as %XX. */
static char *
pct_encode (const char *value)
{
  GString *out = g_string_new (NULL);
  gsize len = strlen (value);

  for (gsize i = 0; i < len; i++)
    {
      guchar c = value[i];
      gboolean edge = (i == 0 || i == len - 1) && (c == ' ' || c == '\t');

      if (c == '%' || c < 0x20 || c >= 0x7f || edge)
        g_string_append_printf (out, "%%%02X", c);
      else
        g_string_append_c (out, c);
    }
  return g_string_free (out, FALSE);
}

/* %XX as the byte; a '%' without two hex digits stays. NULL when the
 * result holds a NUL (nothing in a record can). */
static char *
pct_decode (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (*p == '%' && g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]))
        {
          char c = (char) (g_ascii_xdigit_value (p[1]) * 16 + g_ascii_xdigit_value (p[2]));

          if (c == '\0')
            return g_string_free (out, TRUE), NULL;
          g_string_append_c (out, c);
          p += 2;
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* A field name as an X-KEY parameter (docs/sharing.md §3): every byte
 * outside A-Z a-z 0-9 . _ - and inner spaces as %XX, so it never needs
 * quotes and libical never trims it. */
static char *
key_encode (const char *name)
{
  GString *out = g_string_new (NULL);
  gsize len = strlen (name);

  for (gsize i = 0; i < len; i++)
    {
      guchar c = name[i];

      if (g_ascii_isalnum (c) || c == '.' || c == '_' || c == '-' ||
          (c == ' ' && i > 0 && i < len - 1))
        g_string_append_c (out, c);
      else
        g_string_append_printf (out, "%%%02X", c);
    }
  return g_string_free (out, FALSE);
}

static char *
mark_specials (const char *value)
{
  g_autoptr(GString) text = g_string_new (value);

  g_string_replace (text, ";", MARK_SEMICOLON, 0);
  g_string_replace (text, ",", MARK_COMMA, 0);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

typedef struct {
  icalcomponent *component;
  gboolean       marking;   /* ';' and ',' of X- values as marks */
} Writer;

static void
set_x_param (icalproperty *prop,
             const char   *name,
             const char   *value)
{
  icalparameter *param = icalparameter_new_x (value);

  icalparameter_set_xname (param, name);
  icalproperty_add_parameter (prop, param);
}

/* An X-LINEUP-* property holding @value exactly; @key: its X-KEY or NULL. */
static void
add_x (Writer     *writer,
       const char *name,
       const char *key,
       const char *value)
{
  g_autofree char *encoded = NULL;
  g_autofree char *marked = NULL;
  const char *enc = NULL;
  icalproperty *prop;

  if (*value == '\0')
    {
      enc = "EMPTY";
      value = "-";
    }
  else if (needs_pct (value))
    {
      enc = "PCT";
      value = encoded = pct_encode (value);
    }
  if (writer->marking)
    value = marked = mark_specials (value);
  prop = icalproperty_new_x (value);
  icalproperty_set_x_name (prop, name);
  if (key != NULL)
    {
      g_autofree char *encoded_key = key_encode (key);
      set_x_param (prop, "X-KEY", encoded_key);
    }
  if (enc != NULL)
    set_x_param (prop, "X-LINEUP-ENC", enc);
  icalcomponent_add_property (writer->component, prop);
}

static const char *
get_x_param (icalproperty *prop,
             const char   *name)
{
  for (icalparameter *param = icalproperty_get_first_parameter (prop, ICAL_X_PARAMETER);
       param != NULL;
       param = icalproperty_get_next_parameter (prop, ICAL_X_PARAMETER))
    if (icalparameter_get_xname (param) && g_ascii_strcasecmp (icalparameter_get_xname (param), name) == 0)
      return icalparameter_get_xvalue (param);
  return NULL;
}

/* The text of @prop as the record holds it (valid UTF-8), or NULL. */
static char *
read_text (icalproperty *prop)
{
  icalvalue *value = icalproperty_get_value (prop);
  g_autofree char *owned = NULL;
  const char *text, *enc;

  if (value == NULL)
    return NULL;
  if (icalvalue_isa (value) == ICAL_X_VALUE)
    text = icalvalue_get_x (value);
  else if (icalvalue_isa (value) == ICAL_TEXT_VALUE)
    text = icalvalue_get_text (value);
  else
    text = owned = icalvalue_as_ical_string_r (value);
  if (text == NULL)
    return NULL;
  enc = icalproperty_isa (prop) == ICAL_X_PROPERTY ? get_x_param (prop, "X-LINEUP-ENC") : NULL;
  if (enc && g_ascii_strcasecmp (enc, "EMPTY") == 0)
    return g_strdup ("");
  if (enc && g_ascii_strcasecmp (enc, "PCT") == 0)
    {
      g_autofree char *decoded = pct_decode (text);

      return decoded ? g_utf8_make_valid (decoded, -1) : NULL;
    }
  return g_utf8_make_valid (text, -1);
}

/* What SUMMARY or DESCRIPTION shows of @value: no control characters but
 * LF and TAB, no marks, no spaces at the ends ("" when nothing is left). */
static char *
display_text (const char *value)
{
  GString *out = g_string_new (NULL);
  gsize start, end;

  for (const guchar *p = (const guchar *) value; *p; p++)
    if (p[0] == 0xef && p[1] == 0xb7 && (p[2] == 0x90 || p[2] == 0x91))
      {
        g_string_append (out, "\uFFFD");
        p += 2;
      }
    else if ((*p >= 0x20 && *p != 0x7f) || *p == '\n' || *p == '\t')
      g_string_append_c (out, *p);
  for (start = 0; start < out->len && (out->str[start] == ' ' || out->str[start] == '\t'); start++)
    ;
  for (end = out->len; end > start && (out->str[end - 1] == ' ' || out->str[end - 1] == '\t'); end--)
    ;
  g_string_truncate (out, end);
  g_string_erase (out, 0, start);
  return g_string_free (out, FALSE);
}

/* ---- times ---- */

static gboolean
at_from_text (const char           *text,
              struct icaltimetype  *out)
{
  struct icaltimetype t;

  if (text == NULL || strlen (text) != 16 || text[8] != 'T' || text[15] != 'Z')
    return FALSE;
  for (int i = 0; i < 15; i++)
    if (i != 8 && !g_ascii_isdigit (text[i]))
      return FALSE;
  t = icaltime_null_time ();
  sscanf (text, "%4d%2d%2dT%2d%2d%2dZ", &t.year, &t.month, &t.day, &t.hour, &t.minute, &t.second);
  t.zone = icaltimezone_get_utc_timezone ();
  if (t.year < 1 || t.year > MAX_YEAR || t.month < 1 || t.month > 12 || t.day < 1 ||
      t.day > icaltime_days_in_month (t.month, t.year) ||
      t.hour > 23 || t.minute > 59 || t.second > 59)
    return FALSE;
  *out = t;
  return TRUE;
}

static char *
at_to_text (struct icaltimetype t)
{
  if (t.year < 1 || t.year > MAX_YEAR)
    return NULL;
  return g_strdup_printf ("%04d%02d%02dT%02d%02d%02dZ", t.year, t.month, t.day, t.hour, t.minute, t.second);
}

/* FALSE for a VTIMEZONE whose expansion could cost more than a few
 * thousand steps: only yearly rules, in one month, on a few days. */
static gboolean
vtimezone_is_tame (icalcomponent *vtz,
                   int           *rules)
{
  for (icalcomponent *sub = icalcomponent_get_first_component (vtz, ICAL_ANY_COMPONENT);
       sub != NULL;
       sub = icalcomponent_get_next_component (vtz, ICAL_ANY_COMPONENT))
    for (icalproperty *prop = icalcomponent_get_first_property (sub, ICAL_RRULE_PROPERTY);
         prop != NULL;
         prop = icalcomponent_get_next_property (sub, ICAL_RRULE_PROPERTY))
      {
        struct icalrecurrencetype rule = icalproperty_get_rrule (prop);
        int months = 0, days = 0, monthdays = 0;

        if (++*rules > MAX_ZONE_RULES || rule.freq != ICAL_YEARLY_RECURRENCE ||
            (rule.by_second[0] != ICAL_RECURRENCE_ARRAY_MAX && rule.by_second[1] != ICAL_RECURRENCE_ARRAY_MAX))
          return FALSE;
        while (months < ICAL_BY_MONTH_SIZE && rule.by_month[months] != ICAL_RECURRENCE_ARRAY_MAX)
          months++;
        while (days < ICAL_BY_DAY_SIZE && rule.by_day[days] != ICAL_RECURRENCE_ARRAY_MAX)
          days++;
        while (monthdays < ICAL_BY_MONTHDAY_SIZE && rule.by_month_day[monthdays] != ICAL_RECURRENCE_ARRAY_MAX)
          monthdays++;
        if (months > 1 || days > 1 || monthdays > 7 || ((days || monthdays) && months == 0) ||
            rule.by_minute[0] != ICAL_RECURRENCE_ARRAY_MAX || rule.by_hour[0] != ICAL_RECURRENCE_ARRAY_MAX ||
            rule.by_year_day[0] != ICAL_RECURRENCE_ARRAY_MAX || rule.by_week_no[0] != ICAL_RECURRENCE_ARRAY_MAX ||
            rule.by_set_pos[0] != ICAL_RECURRENCE_ARRAY_MAX)
          return FALSE;
      }
  return TRUE;
}

/* Removes @doomed, components of @calendar, and frees them. */
static void
drop_components (icalcomponent *calendar,
                 GPtrArray     *doomed)
{
  for (guint i = 0; i < doomed->len; i++)
    {
      icalcomponent_remove_component (calendar, g_ptr_array_index (doomed, i));
      icalcomponent_free (g_ptr_array_index (doomed, i));
    }
}

/* Drops the VTIMEZONEs of @calendar that could cost unbounded work to
 * expand; a time that names one is then read in the built-in zone of
 * that name, or as UTC. */
static void
drop_wild_vtimezones (icalcomponent *calendar)
{
  g_autoptr(GPtrArray) wild = g_ptr_array_new ();
  int rules = 0;

  for (icalcomponent *vtz = icalcomponent_get_first_component (calendar, ICAL_VTIMEZONE_COMPONENT);
       vtz != NULL;
       vtz = icalcomponent_get_next_component (calendar, ICAL_VTIMEZONE_COMPONENT))
    if (!vtimezone_is_tame (vtz, &rules))
      g_ptr_array_add (wild, vtz);
  drop_components (calendar, wild);
}

static icaltimezone *
find_zone (icalcomponent *calendar,
           const char    *tzid)
{
  icaltimezone *zone = icalcomponent_get_timezone (calendar, tzid);

  if (zone == NULL)
    zone = icaltimezone_get_builtin_timezone (tzid);
  if (zone == NULL)
    zone = icaltimezone_get_builtin_timezone_from_tzid (tzid);
  return zone;
}

/* A DATE or DATE-TIME property as "at" (UTC), or with @as_date as
 * "YYYY-MM-DD" (the date as written); NULL when it holds neither. */
static char *
read_time (icalcomponent *calendar,
           icalproperty  *prop,
           gboolean       as_date)
{
  icalvalue *value = icalproperty_get_value (prop);
  struct icaltimetype t;
  icalparameter *param;

  if (value == NULL || (icalvalue_isa (value) != ICAL_DATETIME_VALUE && icalvalue_isa (value) != ICAL_DATE_VALUE))
    return NULL;
  t = icalvalue_get_datetime (value);
  if (icaltime_is_null_time (t) || !icaltime_is_valid_time (t) || t.year < 1 || t.year > MAX_YEAR)
    return NULL;
  if (as_date)
    return g_strdup_printf ("%04d-%02d-%02d", t.year, t.month, t.day);
  if (t.is_date)
    {
      t.is_date = 0;
      t.hour = t.minute = t.second = 0;
    }
  else if (!icaltime_is_utc (t) && (param = icalproperty_get_first_parameter (prop, ICAL_TZID_PARAMETER)) &&
           icalparameter_get_tzid (param) != NULL)
    {
      icaltimezone *zone = find_zone (calendar, icalparameter_get_tzid (param));

      if (zone != NULL)
        icaltimezone_convert_time (&t, zone, icaltimezone_get_utc_timezone ());
    }
  return at_to_text (t);
}

/* ---- the properties of each kind ---- */

/* A post's fields that travel in SUMMARY, DESCRIPTION and DTSTART. */
static gboolean
is_stamped_field (LineupShareKind  kind,
                  const char      *field)
{
  if (kind != LINEUP_SHARE_POST)
    return FALSE;
  return strcmp (field, "title") == 0 || strcmp (field, "body") == 0 || strcmp (field, "at") == 0;
}

/* The SUMMARY of each kind but a post's, by LineupShareKind. */
static const char *const summaries[] = {
  NULL,
  "Lineup: plan settings (kept by Lineup)",
  "Lineup: team (kept by Lineup)",
  "Lineup: approval (kept by Lineup)",
  "Lineup: publishing claim (kept by Lineup)",
};

static LineupShareKind
kind_of_uid (const char *uid)
{
  if (strcmp (uid, LINEUP_SHARE_PLAN_UID) == 0)
    return LINEUP_SHARE_PLAN;
  if (strcmp (uid, LINEUP_SHARE_TEAM_UID) == 0)
    return LINEUP_SHARE_TEAM;
  if (g_str_has_prefix (uid, "lineup-approval-"))
    return LINEUP_SHARE_APPROVAL;
  if (g_str_has_prefix (uid, "lineup-claim-"))
    return LINEUP_SHARE_CLAIM;
  return LINEUP_SHARE_POST;
}

/* ---- reading ---- */

static gboolean
fail (GError    **error,
      int         code,
      const char *format,
      ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (GError    **error,
      int         code,
      const char *format,
      ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, LINEUP_SHARE_ICAL_ERROR, code, message);
  return FALSE;
}

/* How many components @text could hold at most: every "BEGIN:" or
 * "BEGIN;" once line breaks, folds and blanks are left out (so never
 * fewer than libical finds). */
static gsize
count_begins (const char *text)
{
  static const char word[] = "begin";
  gsize count = 0, matched = 0;

  for (const char *p = text; *p; p++)
    {
      if (*p == '\r' || *p == '\n' || *p == ' ' || *p == '\t')
        continue;
      if (matched == 5)
        {
          if (*p == ':' || *p == ';')
            count++;
          matched = 0;
        }
      if (g_ascii_tolower (*p) == word[matched])
        matched++;
      else
        matched = g_ascii_tolower (*p) == word[0] ? 1 : 0;
    }
  return count;
}

/* The calendar of @text, checked to cost bounded work; NULL with @error. */
static icalcomponent *
parse_calendar (const char  *text,
                const char  *what,
                GError     **error)
{
  icalcomponent *root;
  gsize length = strnlen (text, MAX_TEXT + 1);

  if (length > MAX_TEXT)
    return fail (error, LINEUP_SHARE_ICAL_ERROR_PARSE,
                 _("%s is larger than %d MiB: it is not a resource Lineup wrote; remove it from the server"),
                 what, MAX_TEXT / (1024 * 1024)), NULL;
  if (count_begins (text) > MAX_COMPONENTS)
    return fail (error, LINEUP_SHARE_ICAL_ERROR_PARSE,
                 _("%s holds more than %d components: it is not a resource Lineup wrote; remove it from the server"),
                 what, MAX_COMPONENTS), NULL;
  if (length == 0)
    return fail (error, LINEUP_SHARE_ICAL_ERROR_PARSE, _("no VEVENT or VTODO with a UID in %s: it is empty"), what), NULL;
  root = icalparser_parse_string (text);
  if (root == NULL || icalcomponent_isa (root) != ICAL_VCALENDAR_COMPONENT)
    {
      if (root)
        icalcomponent_free (root);
      return fail (error, LINEUP_SHARE_ICAL_ERROR_PARSE,
                   _("%s is not one iCalendar object (BEGIN:VCALENDAR … END:VCALENDAR)"), what), NULL;
    }
  drop_wild_vtimezones (root);
  return root;
}

static const char *
uid_of (icalcomponent *component)
{
  icalproperty *prop = icalcomponent_get_first_property (component, ICAL_UID_PROPERTY);
  const char *uid = prop ? icalproperty_get_uid (prop) : NULL;

  return uid && *uid && g_utf8_validate (uid, -1, NULL) ? uid : NULL;
}

/* The VEVENT or VTODO of @calendar: the one UID's master (no
 * RECURRENCE-ID); NULL with @error when there is none or two UIDs. */
static icalcomponent *
find_item (icalcomponent  *calendar,
           const char     *what,
           GError        **error)
{
  icalcomponent *item = NULL;
  const char *uid = NULL;

  for (icalcomponent *c = icalcomponent_get_first_component (calendar, ICAL_ANY_COMPONENT);
       c != NULL;
       c = icalcomponent_get_next_component (calendar, ICAL_ANY_COMPONENT))
    {
      const char *this_uid;

      if ((icalcomponent_isa (c) != ICAL_VEVENT_COMPONENT && icalcomponent_isa (c) != ICAL_VTODO_COMPONENT) ||
          (this_uid = uid_of (c)) == NULL)
        continue;
      if (uid != NULL && strcmp (uid, this_uid) != 0)
        return fail (error, LINEUP_SHARE_ICAL_ERROR_PARSE,
                     _("%s holds two UIDs (%s and %s): a resource holds one"), what, uid, this_uid), NULL;
      uid = this_uid;
      if (item == NULL ||
          (icalcomponent_get_first_property (item, ICAL_RECURRENCEID_PROPERTY) != NULL &&
           icalcomponent_get_first_property (c, ICAL_RECURRENCEID_PROPERTY) == NULL))
        item = c;
    }
  if (item == NULL)
    fail (error, LINEUP_SHARE_ICAL_ERROR_PARSE, _("no VEVENT or VTODO with a UID in %s"), what);
  return item;
}

static char *
read_key (icalproperty *prop)
{
  const char *key = get_x_param (prop, "X-KEY");
  g_autofree char *decoded = key ? pct_decode (key) : NULL;

  if (decoded == NULL || *decoded == '\0' || !g_utf8_validate (decoded, -1, NULL))
    return NULL;
  return g_steal_pointer (&decoded);
}

/* Title or body: the exact copy (X-LINEUP-TITLE, read into @field) while
 * SUMMARY/DESCRIPTION still shows it; what they say when another client
 * changed them. */
static void
settle_exact (LineupShareRecord *record,
              const char        *field,
              const char        *shown)
{
  const char *exact = lineup_share_record_get (record, field);
  g_autofree char *display = exact ? display_text (exact) : NULL;

  if (exact == NULL || g_strcmp0 (shown ? shown : "", display) != 0)
    lineup_share_record_set (record, field, shown);
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

LineupShareRecord *
lineup_share_ical_parse (const char  *text,
                         GError     **error)
{
  icalcomponent *calendar, *item;
  LineupShareRecord *record;
  LineupShareKind kind;
  g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *summary = NULL, *description = NULL, *due = NULL;
  gboolean is_todo;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  calendar = parse_calendar (text ? text : "", _("the resource"), error);
  if (calendar == NULL)
    return NULL;
  item = find_item (calendar, "the resource", error);
  if (item == NULL)
    {
      icalcomponent_free (calendar);
      return NULL;
    }
  kind = kind_of_uid (uid_of (item));
  record = lineup_share_record_new (kind, uid_of (item));
  is_todo = icalcomponent_isa (item) == ICAL_VTODO_COMPONENT;

  for (icalproperty *prop = icalcomponent_get_first_property (item, ICAL_ANY_PROPERTY);
       prop != NULL;
       prop = icalcomponent_get_next_property (item, ICAL_ANY_PROPERTY))
    {
      icalproperty_kind pkind = icalproperty_isa (prop);
      const char *name, *field;

      if (kind == LINEUP_SHARE_POST && pkind == ICAL_SUMMARY_PROPERTY && summary == NULL)
        summary = read_text (prop);
      else if (kind == LINEUP_SHARE_POST && pkind == ICAL_DESCRIPTION_PROPERTY && description == NULL)
        description = read_text (prop);
      else if (kind == LINEUP_SHARE_POST && pkind == ICAL_DTSTART_PROPERTY)
        {
          g_autofree char *at = read_time (calendar, prop, FALSE);

          if (at && lineup_share_record_get (record, "at") == NULL)
            lineup_share_record_set (record, "at", at);
        }
      else if (kind == LINEUP_SHARE_POST && pkind == ICAL_DUE_PROPERTY && is_todo && due == NULL)
        due = read_time (calendar, prop, TRUE);
      else if (pkind == ICAL_X_PROPERTY && (name = icalproperty_get_x_name (prop)) != NULL &&
               g_ascii_strncasecmp (name, "X-LINEUP-", 9) == 0)
        {
          g_autofree char *value = read_text (prop);

          if (value == NULL)
            continue;
          if (g_ascii_strcasecmp (name, "X-LINEUP-LOG") == 0)
            g_ptr_array_add (log, g_steal_pointer (&value));
          else if (g_ascii_strcasecmp (name, "X-LINEUP-FIELD") == 0)
            {
              g_autofree char *key = read_key (prop);

              /* A field the kind writes elsewhere never comes from here. */
              if (key != NULL && !is_stamped_field (kind, key) && !_lineup_share_named_property (kind, key))
                lineup_share_record_set (record, key, value);
            }
          else if ((field = _lineup_share_named_field (kind, name)) != NULL)
            lineup_share_record_set (record, field, value);
        }
    }
  if (kind == LINEUP_SHARE_POST)
    {
      settle_exact (record, "title", summary);
      settle_exact (record, "body", description);
      /* DUE is what another client changes; X-LINEUP-DUE keeps a value
       * that is not a date. */
      if (due && g_strcmp0 (due, lineup_share_record_get (record, "due")) != 0)
        lineup_share_record_set (record, "due", due);
    }

  /* Sorted first, so each line is added at the end. */
  g_ptr_array_sort (log, compare_lines);
  for (guint i = 0; i < log->len; i++)
    lineup_share_record_add_log (record, g_ptr_array_index (log, i));
  icalcomponent_free (calendar);
  return record;
}

/* ---- writing ---- */

/* docs/sharing.md §3, "Properties Lineup owns", and the UID. */
static const icalproperty_kind owned[] = {
  ICAL_UID_PROPERTY, ICAL_SUMMARY_PROPERTY, ICAL_DESCRIPTION_PROPERTY, ICAL_DTSTART_PROPERTY,
  ICAL_DTEND_PROPERTY, ICAL_DURATION_PROPERTY, ICAL_DUE_PROPERTY, ICAL_STATUS_PROPERTY,
  ICAL_CATEGORIES_PROPERTY, ICAL_TRANSP_PROPERTY, ICAL_SEQUENCE_PROPERTY, ICAL_DTSTAMP_PROPERTY,
  ICAL_LASTMODIFIED_PROPERTY,
};

static gboolean
is_owned (icalproperty *prop)
{
  const char *name = icalproperty_isa (prop) == ICAL_X_PROPERTY ? icalproperty_get_x_name (prop) : NULL;

  for (guint i = 0; i < G_N_ELEMENTS (owned); i++)
    if (icalproperty_isa (prop) == owned[i])
      return TRUE;
  return name && g_ascii_strncasecmp (name, "X-LINEUP-", 9) == 0;
}

/* Detaches the properties of @component that @which picks (NULL: all). */
static GPtrArray *
take_properties (icalcomponent *component,
                 gboolean       (*which) (icalproperty *))
{
  GPtrArray *taken = g_ptr_array_new ();

  for (icalproperty *p = icalcomponent_get_first_property (component, ICAL_ANY_PROPERTY);
       p != NULL; p = icalcomponent_get_next_property (component, ICAL_ANY_PROPERTY))
    if (which == NULL || which (p))
      g_ptr_array_add (taken, p);
  for (guint i = 0; i < taken->len; i++)
    icalcomponent_remove_property (component, g_ptr_array_index (taken, i));
  return taken;
}

/* Detaches every component @component holds. */
static GPtrArray *
take_components (icalcomponent *component)
{
  GPtrArray *taken = g_ptr_array_new ();

  for (icalcomponent *c = icalcomponent_get_first_component (component, ICAL_ANY_COMPONENT);
       c != NULL; c = icalcomponent_get_next_component (component, ICAL_ANY_COMPONENT))
    g_ptr_array_add (taken, c);
  for (guint i = 0; i < taken->len; i++)
    icalcomponent_remove_component (component, g_ptr_array_index (taken, i));
  return taken;
}

static void
remove_properties (icalcomponent *component,
                   gboolean       (*which) (icalproperty *))
{
  GPtrArray *doomed = take_properties (component, which);

  g_ptr_array_set_free_func (doomed, (GDestroyNotify) icalproperty_free);
  g_ptr_array_unref (doomed);
}

static gboolean
is_calendar_owned (icalproperty *prop)
{
  return icalproperty_isa (prop) == ICAL_PRODID_PROPERTY || icalproperty_isa (prop) == ICAL_VERSION_PROPERTY;
}

/* A component of @kind holding everything of @old (which is freed). */
static icalcomponent *
switch_component (icalcomponent      *old,
                  icalcomponent_kind  kind)
{
  icalcomponent *fresh = icalcomponent_new (kind);
  g_autoptr(GPtrArray) props = take_properties (old, NULL);
  g_autoptr(GPtrArray) subs = take_components (old);

  for (guint i = 0; i < props->len; i++)
    icalcomponent_add_property (fresh, g_ptr_array_index (props, i));
  for (guint i = 0; i < subs->len; i++)
    icalcomponent_add_component (fresh, g_ptr_array_index (subs, i));
  icalcomponent_free (old);
  return fresh;
}

/* Adds @first to @calendar before the components it holds. */
static void
move_components (icalcomponent *calendar,
                 icalcomponent *first)
{
  g_autoptr(GPtrArray) rest = take_components (calendar);

  icalcomponent_add_component (calendar, first);
  for (guint i = 0; i < rest->len; i++)
    icalcomponent_add_component (calendar, g_ptr_array_index (rest, i));
}

static void
collect_tzids (icalcomponent *component,
               GHashTable    *tzids)
{
  for (icalproperty *p = icalcomponent_get_first_property (component, ICAL_ANY_PROPERTY);
       p != NULL; p = icalcomponent_get_next_property (component, ICAL_ANY_PROPERTY))
    for (icalparameter *param = icalproperty_get_first_parameter (p, ICAL_TZID_PARAMETER);
         param != NULL; param = icalproperty_get_next_parameter (p, ICAL_TZID_PARAMETER))
      if (icalparameter_get_tzid (param))
        g_hash_table_add (tzids, g_strdup (icalparameter_get_tzid (param)));
  if (icalcomponent_isa (component) == ICAL_VTIMEZONE_COMPONENT)
    return;
  for (icalcomponent *c = icalcomponent_get_first_component (component, ICAL_ANY_COMPONENT);
       c != NULL; c = icalcomponent_get_next_component (component, ICAL_ANY_COMPONENT))
    collect_tzids (c, tzids);
}

/* Removes the VTIMEZONEs named in @stale that nothing refers to any more,
 * and any named @tzid (it is written afresh). */
static void
drop_stale_vtimezones (icalcomponent *calendar,
                       GHashTable    *stale,
                       const char    *tzid)
{
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) doomed = g_ptr_array_new ();

  collect_tzids (calendar, used);
  for (icalcomponent *vtz = icalcomponent_get_first_component (calendar, ICAL_VTIMEZONE_COMPONENT);
       vtz != NULL; vtz = icalcomponent_get_next_component (calendar, ICAL_VTIMEZONE_COMPONENT))
    {
      icalproperty *prop = icalcomponent_get_first_property (vtz, ICAL_TZID_PROPERTY);
      const char *name = prop ? icalproperty_get_tzid (prop) : NULL;

      if (name && ((tzid && strcmp (name, tzid) == 0) ||
                   (g_hash_table_contains (stale, name) && !g_hash_table_contains (used, name))))
        g_ptr_array_add (doomed, vtz);
    }
  drop_components (calendar, doomed);
}

/* The plan zone's VTIMEZONE with a plain TZID, from a year before @at on. */
static icalcomponent *
make_vtimezone (icaltimezone        *zone,
                const char          *tzid,
                struct icaltimetype  at)
{
  icalcomponent *vtz = icalcomponent_new_clone (icaltimezone_get_component (zone));
  icalproperty *prop = icalcomponent_get_first_property (vtz, ICAL_TZID_PROPERTY);
  struct icaltimetype start = icaltime_null_time ();

  if (prop)
    icalproperty_set_tzid (prop, tzid);
  start.year = MAX (at.year - 1, 1);
  start.month = 1;
  start.day = 1;
  start.zone = icaltimezone_get_utc_timezone ();
  icaltimezone_truncate_vtimezone (vtz, start, icaltime_null_time (), 0);
  return vtz;
}

/* DTSTART (and DTEND 30 minutes later) of a dated post in @zone, or in
 * UTC when the wall time would not name the instant again (the hour a
 * fall-back repeats). Returns the VTIMEZONE to add, or NULL. */
static icalcomponent *
add_times (icalcomponent       *item,
           struct icaltimetype  at,
           const char          *tzid)
{
  icaltimezone *zone = NULL;
  struct icaltimetype end = at;
  icalproperty *start_prop, *end_prop;

  icaltime_adjust (&end, 0, 0, POST_MINUTES, 0);
  if (tzid && *tzid && strcmp (tzid, "UTC") != 0 && strcmp (tzid, "Etc/UTC") != 0)
    zone = icaltimezone_get_builtin_timezone (tzid);
  if (zone != NULL)
    {
      struct icaltimetype local = icaltime_convert_to_zone (at, zone);
      struct icaltimetype local_end = icaltime_convert_to_zone (end, zone);
      struct icaltimetype back = local;
      icalcomponent *vtz = make_vtimezone (zone, tzid, at);
      icalcomponent *calendar = icalcomponent_new (ICAL_VCALENDAR_COMPONENT);

      /* Read back through the VTIMEZONE written, as
       * lineup_share_ical_parse () reads it. */
      icalcomponent_add_component (calendar, icalcomponent_new_clone (vtz));
      back.zone = NULL;
      back.is_daylight = 0;
      icaltimezone_convert_time (&back, find_zone (calendar, tzid), icaltimezone_get_utc_timezone ());
      icalcomponent_free (calendar);
      if (back.year == at.year && back.month == at.month && back.day == at.day &&
          back.hour == at.hour && back.minute == at.minute && back.second == at.second)
        {
          local.zone = NULL;
          local_end.zone = NULL;
          start_prop = icalproperty_new_dtstart (local);
          icalproperty_add_parameter (start_prop, icalparameter_new_tzid (tzid));
          end_prop = icalproperty_new_dtend (local_end);
          icalproperty_add_parameter (end_prop, icalparameter_new_tzid (tzid));
          icalcomponent_add_property (item, start_prop);
          icalcomponent_add_property (item, end_prop);
          return vtz;
        }
      icalcomponent_free (vtz);
    }
  icalcomponent_add_property (item, icalproperty_new_dtstart (at));
  icalcomponent_add_property (item, icalproperty_new_dtend (end));
  return NULL;
}

static icalproperty_status
status_of (const char *stage,
           gboolean    dated)
{
  gboolean approved = g_strcmp0 (stage, "approved") == 0 || g_strcmp0 (stage, "scheduled") == 0 ||
                      g_strcmp0 (stage, "published") == 0;

  if (dated)
    return approved ? ICAL_STATUS_CONFIRMED : ICAL_STATUS_TENTATIVE;
  if (g_strcmp0 (stage, "published") == 0)
    return ICAL_STATUS_COMPLETED;
  if (approved || g_strcmp0 (stage, "draft") == 0 || g_strcmp0 (stage, "in-review") == 0)
    return ICAL_STATUS_INPROCESS;
  return ICAL_STATUS_NEEDSACTION;
}

/* One CATEGORIES property holding one value. Some readers split at an
 * escaped comma too: a comma becomes U+201A, which reads the same. */
static void
add_category (Writer     *writer,
              const char *value)
{
  g_autoptr(GString) text = NULL;
  g_autofree char *shown = value ? display_text (value) : NULL;

  if (shown == NULL || *shown == '\0')
    return;
  text = g_string_new (shown);
  g_string_replace (text, ",", "\u201A", 0);
  if (writer->marking)
    g_string_replace (text, ";", MARK_SEMICOLON, 0);
  icalcomponent_add_property (writer->component, icalproperty_new_categories (text->str));
}

/* SUMMARY or DESCRIPTION showing @value, with the exact value in @exact_name
 * when they cannot carry it. */
static void
add_shown (Writer       *writer,
           icalproperty *(*make) (const char *),
           const char   *exact_name,
           const char   *value)
{
  g_autofree char *shown = NULL;

  if (value == NULL)
    return;
  shown = display_text (value);
  if (*shown)
    icalcomponent_add_property (writer->component, make (shown));
  if (*shown == '\0' || strcmp (shown, value) != 0)
    add_x (writer, exact_name, NULL, value);
}

static gboolean
valid_date (const char          *text,
            struct icaltimetype *out)
{
  g_autofree char *at = NULL;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  at = g_strdup_printf ("%.4s%.2s%.2sT000000Z", text, text + 5, text + 8);
  if (!at_from_text (at, out))
    return FALSE;
  out->is_date = 1;
  out->zone = NULL;
  return TRUE;
}

/* The owned properties of @record into @writer's component. Returns the
 * VTIMEZONE to add, or NULL. */
static icalcomponent *
write_record (Writer                  *writer,
              const LineupShareRecord *record,
              const char              *zone,
              int                      sequence,
              gboolean                 dated,
              struct icaltimetype      at)
{
  icalcomponent *item = writer->component;
  LineupShareKind kind = lineup_share_record_get_kind (record);
  g_auto(GStrv) fields = lineup_share_record_list_fields (record);
  GPtrArray *log = lineup_share_record_get_log (record);
  struct icaltimetype now = icaltime_current_time_with_zone (icaltimezone_get_utc_timezone ());
  icalcomponent *vtz = NULL;
  const char *stage = lineup_share_record_get (record, "stage");
  struct icaltimetype due;

  icalcomponent_add_property (item, icalproperty_new_uid (lineup_share_record_get_uid (record)));
  icalcomponent_add_property (item, icalproperty_new_dtstamp (now));
  icalcomponent_add_property (item, icalproperty_new_lastmodified (now));
  icalcomponent_add_property (item, icalproperty_new_sequence (sequence));
  if (kind == LINEUP_SHARE_POST)
    {
      add_shown (writer, icalproperty_new_summary, "X-LINEUP-TITLE", lineup_share_record_get (record, "title"));
      add_shown (writer, icalproperty_new_description, "X-LINEUP-BODY", lineup_share_record_get (record, "body"));
      if (dated)
        vtz = add_times (item, at, zone);
      if (stage != NULL)
        icalcomponent_add_property (item, icalproperty_new_status (status_of (stage, dated)));
      add_category (writer, lineup_share_record_get (record, "pillar"));
      add_category (writer, lineup_share_record_get (record, "type"));
      if (dated)
        icalcomponent_add_property (item, icalproperty_new_transp (ICAL_TRANSP_TRANSPARENT));
      if (!dated && valid_date (lineup_share_record_get (record, "due"), &due))
        icalcomponent_add_property (item, icalproperty_new_due (due));
    }
  else
    {
      icalcomponent_add_property (item, icalproperty_new_summary (summaries[kind]));
      icalcomponent_add_property (item, icalproperty_new_status (ICAL_STATUS_COMPLETED));
    }
  add_x (writer, "X-LINEUP-VERSION", NULL, "1");
  for (guint i = 0; fields[i]; i++)
    if (!is_stamped_field (kind, fields[i]))
      {
        const char *property = _lineup_share_named_property (kind, fields[i]);

        add_x (writer, property ? property : "X-LINEUP-FIELD", property ? NULL : fields[i],
               lineup_share_record_get (record, fields[i]));
      }
  for (guint i = 0; i < log->len; i++)
    add_x (writer, "X-LINEUP-LOG", NULL, g_ptr_array_index (log, i));
  return vtz;
}

static gboolean
check_record (const LineupShareRecord  *record,
              struct icaltimetype      *out_at,
              gboolean                 *out_dated,
              GError                  **error)
{
  g_auto(GStrv) fields = lineup_share_record_list_fields (record);
  GPtrArray *log = lineup_share_record_get_log (record);
  const char *uid = lineup_share_record_get_uid (record);
  const char *at = lineup_share_record_get (record, "at");

  if (*uid == '\0' || !g_utf8_validate (uid, -1, NULL) || needs_pct (uid))
    return fail (error, LINEUP_SHARE_ICAL_ERROR_INVALID,
                 _("the UID “%s” cannot be written: it must be UTF-8 text without control characters or spaces at its ends"),
                 uid);
  for (guint i = 0; fields[i]; i++)
    if (*fields[i] == '\0' || !g_utf8_validate (fields[i], -1, NULL) ||
        !g_utf8_validate (lineup_share_record_get (record, fields[i]), -1, NULL))
      return fail (error, LINEUP_SHARE_ICAL_ERROR_INVALID,
                   _("the field “%s” of %s is empty-named or not UTF-8 text"), fields[i], uid);
  for (guint i = 0; i < log->len; i++)
    if (!g_utf8_validate (g_ptr_array_index (log, i), -1, NULL))
      return fail (error, LINEUP_SHARE_ICAL_ERROR_INVALID, _("a history line of %s is not UTF-8 text"), uid);
  *out_dated = FALSE;
  if (lineup_share_record_get_kind (record) == LINEUP_SHARE_POST && at != NULL)
    {
      if (!at_from_text (at, out_at))
        return fail (error, LINEUP_SHARE_ICAL_ERROR_INVALID,
                     _("the post %s has the time “%s”, not YYYYMMDDTHHMMSSZ (UTC)"), uid, at);
      *out_dated = TRUE;
    }
  return TRUE;
}

char *
lineup_share_ical_render (const LineupShareRecord  *record,
                          const char               *base,
                          const char               *zone,
                          GError                  **error)
{
  LineupShareKind kind;
  icalcomponent *calendar = NULL, *item = NULL, *vtz;
  icalcomponent_kind want;
  g_autoptr(GHashTable) stale = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  struct icaltimetype at = icaltime_null_time ();
  gboolean dated;
  int sequence = 0;
  Writer writer;
  g_autofree char *written = NULL;
  GString *out;

  g_return_val_if_fail (record != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  if (!check_record (record, &at, &dated, error))
    return NULL;
  kind = lineup_share_record_get_kind (record);
  want = kind == LINEUP_SHARE_POST && dated ? ICAL_VEVENT_COMPONENT : ICAL_VTODO_COMPONENT;

  if (base != NULL)
    {
      icalproperty *seq;

      calendar = parse_calendar (base, "the server’s copy", error);
      if (calendar == NULL || (item = find_item (calendar, "the server’s copy", error)) == NULL)
        {
          g_prefix_error (error, "Cannot write %s over what the server holds: ", lineup_share_record_get_uid (record));
          if (calendar)
            icalcomponent_free (calendar);
          return NULL;
        }
      seq = icalcomponent_get_first_property (item, ICAL_SEQUENCE_PROPERTY);
      sequence = seq ? icalproperty_get_sequence (seq) : 0;
      sequence = sequence < 0 ? 1 : sequence >= G_MAXINT32 - 1 ? G_MAXINT32 - 1 : sequence + 1;
      collect_tzids (item, stale);
      /* libical's notes on what it could not read are not the server's. */
      icalcomponent_strip_errors (calendar);
      remove_properties (item, is_owned);
      remove_properties (calendar, is_calendar_owned);
      if (icalcomponent_isa (item) != want)
        {
          /* First, so it stays the one read among copies of its UID. */
          icalcomponent_remove_component (calendar, item);
          item = switch_component (item, want);
          move_components (calendar, item);
        }
    }
  else
    {
      calendar = icalcomponent_new (ICAL_VCALENDAR_COMPONENT);
      item = icalcomponent_new (want);
      icalcomponent_add_component (calendar, item);
    }

  writer.component = item;
  writer.marking = base == NULL || !has_marks (base);
  vtz = write_record (&writer, record, zone, sequence, dated, at);
  /* The time zone Lineup wrote before, unless a foreign property still
   * needs it, and the one it writes now. */
  drop_stale_vtimezones (calendar, stale, vtz ? zone : NULL);
  if (vtz)
    icalcomponent_add_component (calendar, vtz);
  icalcomponent_add_property (calendar, icalproperty_new_prodid ("-//Lineup//Lineup " PACKAGE_VERSION "//EN"));
  icalcomponent_add_property (calendar, icalproperty_new_version ("2.0"));

  written = icalcomponent_as_ical_string_r (calendar);
  icalcomponent_free (calendar);
  out = g_string_new (written);
  if (writer.marking)
    {
      g_string_replace (out, MARK_SEMICOLON, "\\;", 0);
      g_string_replace (out, MARK_COMMA, "\\,", 0);
    }
  return g_string_free (out, FALSE);
}

char *
lineup_share_ical_resource_name (const char *uid)
{
  g_autofree char *escaped = g_uri_escape_string (uid, NULL, FALSE);

  return g_strconcat (escaped, ".ics", NULL);
}
