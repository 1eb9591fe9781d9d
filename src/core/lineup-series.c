/* lineup-series.c: a recurring series' rule (lineup-series.h): its text,
 * the command line's words for it, its occurrences and its description.
 *
 * The occurrences follow RFC 5545 as python-dateutil's rrule reads it (the
 * reference of tests/core/test-series.c): weeks start on Monday and an
 * interval counts whole weeks from the start's; a month without the day
 * asked for is skipped; the start itself is an occurrence only when it
 * matches the rule, and a count counts the occurrences from the start.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "lineup-series.h"
#include "lineup-store.h"

static const char * const day_keys[] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };
static const char * const day_words[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };
static const char * const day_names[] = {
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"
};
static const char * const nth_words[] = { "last", "first", "second", "third", "fourth" };

void
lineup_series_rule_init (LineupSeriesRule *rule)
{
  memset (rule, 0, sizeof *rule);
  rule->freq = LINEUP_REPEAT_WEEKLY;
  rule->interval = 1;
  g_date_clear (&rule->until, 1);
  g_date_clear (&rule->start, 1);
}

static gboolean
rule_error (GError    **error,
            const char *text,
            const char *why)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("The repeat rule “%s” cannot be read: %s"), text, why);
  return FALSE;
}

/* "20270630" */
static gboolean
parse_compact_date (const char *text,
                    GDate      *out)
{
  g_autofree char *dashed = NULL;

  if (strlen (text) != 8)
    return FALSE;
  for (int i = 0; i < 8; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  dashed = g_strdup_printf ("%.4s-%.2s-%.2s", text, text + 4, text + 6);
  return lineup_parse_date (dashed, out);
}

static int
day_key_index (const char *key)
{
  for (int i = 0; i < 7; i++)
    if (g_ascii_strcasecmp (key, day_keys[i]) == 0)
      return i;
  return -1;
}

char *
lineup_series_rule_to_string (const LineupSeriesRule *rule)
{
  static const char * const freqs[] = { "DAILY", "WEEKLY", "MONTHLY" };
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "FREQ=%s;INTERVAL=%d", freqs[rule->freq], rule->interval);
  if (rule->freq == LINEUP_REPEAT_WEEKLY && rule->weekdays)
    {
      g_string_append (out, ";BYDAY=");
      for (int i = 0, n = 0; i < 7; i++)
        if (rule->weekdays & (1u << i))
          g_string_append_printf (out, "%s%s", n++ ? "," : "", day_keys[i]);
    }
  if (rule->freq == LINEUP_REPEAT_MONTHLY && rule->month_day)
    g_string_append_printf (out, ";BYMONTHDAY=%d", rule->month_day);
  if (rule->freq == LINEUP_REPEAT_MONTHLY && rule->nth)
    g_string_append_printf (out, ";BYDAY=%d%s", rule->nth, day_keys[rule->nth_weekday - 1]);
  if (g_date_valid (&rule->until))
    g_string_append_printf (out, ";UNTIL=%04d%02d%02d", g_date_get_year (&rule->until),
                            g_date_get_month (&rule->until), g_date_get_day (&rule->until));
  if (rule->count)
    g_string_append_printf (out, ";COUNT=%d", rule->count);
  if (g_date_valid (&rule->start))
    g_string_append_printf (out, ";DTSTART=%04d%02d%02dT%02d%02d", g_date_get_year (&rule->start),
                            g_date_get_month (&rule->start), g_date_get_day (&rule->start),
                            rule->minutes / 60, rule->minutes % 60);
  return g_string_free (out, FALSE);
}

gboolean
lineup_series_rule_validate (const LineupSeriesRule  *rule,
                             GError                 **error)
{
  if (rule->interval < 1 || rule->interval > LINEUP_SERIES_MAX_INTERVAL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The interval must be a whole number from 1 to %d"), LINEUP_SERIES_MAX_INTERVAL);
      return FALSE;
    }
  if (rule->count < 0 || rule->count > LINEUP_SERIES_MAX_COUNT)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The count must be a whole number from 1 to %d"), LINEUP_SERIES_MAX_COUNT);
      return FALSE;
    }
  if (rule->count && g_date_valid (&rule->until))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("A series ends on a date or after a number of times, not both: give --until or --count"));
      return FALSE;
    }
  if (rule->month_day && rule->nth)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("A monthly series goes on a day of the month or on a weekday of it, not both: give --day or --weekday"));
      return FALSE;
    }
  if ((rule->weekdays && rule->freq != LINEUP_REPEAT_WEEKLY) ||
      ((rule->month_day || rule->nth) && rule->freq != LINEUP_REPEAT_MONTHLY))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Weekdays (--on) go with --every week; a day or weekday of the month (--day, --weekday) with --every month"));
      return FALSE;
    }
  if (g_date_valid (&rule->until) && g_date_valid (&rule->start) &&
      g_date_compare (&rule->until, &rule->start) < 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The series would end before it starts: give an end date on or after the post’s date"));
      return FALSE;
    }
  return TRUE;
}

gboolean
lineup_series_rule_parse (const char        *text,
                          LineupSeriesRule  *rule,
                          GError           **error)
{
  g_auto(GStrv) parts = NULL;
  gboolean has_freq = FALSE;

  lineup_series_rule_init (rule);
  if (text == NULL || !g_utf8_validate (text, -1, NULL) || strlen (text) > 200)
    return rule_error (error, "?", _("it is not a short text"));
  parts = g_strsplit (text, ";", -1);
  for (guint i = 0; parts[i]; i++)
    {
      const char *eq = strchr (parts[i], '=');
      g_autofree char *name = eq ? g_strndup (parts[i], eq - parts[i]) : NULL;
      const char *value = eq ? eq + 1 : NULL;
      char *end = NULL;

      if (name == NULL)
        return rule_error (error, text, _("expected NAME=VALUE parts separated by “;”"));
      if (g_str_equal (name, "FREQ"))
        {
          has_freq = TRUE;
          if (g_str_equal (value, "DAILY"))
            rule->freq = LINEUP_REPEAT_DAILY;
          else if (g_str_equal (value, "WEEKLY"))
            rule->freq = LINEUP_REPEAT_WEEKLY;
          else if (g_str_equal (value, "MONTHLY"))
            rule->freq = LINEUP_REPEAT_MONTHLY;
          else
            return rule_error (error, text, _("FREQ must be DAILY, WEEKLY or MONTHLY"));
        }
      else if (g_str_equal (name, "INTERVAL") || g_str_equal (name, "COUNT") ||
               g_str_equal (name, "BYMONTHDAY"))
        {
          long n = strtol (value, &end, 10);

          if (*value == '\0' || *end != '\0' || n < -1 || n > 999)
            return rule_error (error, text, _("a number is out of range"));
          if (g_str_equal (name, "INTERVAL"))
            rule->interval = n;
          else if (g_str_equal (name, "COUNT"))
            rule->count = n;
          else if (n == 0 || n > 31)
            return rule_error (error, text, _("BYMONTHDAY must be 1 to 31 or -1"));
          else
            rule->month_day = n;
        }
      else if (g_str_equal (name, "BYDAY"))
        {
          g_auto(GStrv) days = g_strsplit (value, ",", -1);

          for (guint d = 0; days[d]; d++)
            {
              size_t len = strlen (days[d]);
              int index = len >= 2 ? day_key_index (days[d] + len - 2) : -1;

              if (index < 0)
                return rule_error (error, text, _("BYDAY must list MO, TU, WE, TH, FR, SA, SU"));
              if (len > 2)
                {
                  g_autofree char *num = g_strndup (days[d], len - 2);
                  long n = strtol (num, &end, 10);

                  if (*end != '\0' || !(n == -1 || (n >= 1 && n <= 4)) || days[1])
                    return rule_error (error, text, _("a weekday of the month is 1MO to 4MO or -1MO"));
                  rule->nth = n;
                  rule->nth_weekday = index + 1;
                }
              else
                rule->weekdays |= 1u << index;
            }
        }
      else if (g_str_equal (name, "UNTIL"))
        {
          if (!parse_compact_date (value, &rule->until))
            return rule_error (error, text, _("UNTIL must be a date as YYYYMMDD"));
        }
      else if (g_str_equal (name, "DTSTART"))
        {
          g_autofree char *date = g_strndup (value, 8);
          int h, m;

          if (strlen (value) != 13 || value[8] != 'T' || !parse_compact_date (date, &rule->start) ||
              !g_ascii_isdigit (value[9]) || !g_ascii_isdigit (value[10]) ||
              !g_ascii_isdigit (value[11]) || !g_ascii_isdigit (value[12]) ||
              (h = (value[9] - '0') * 10 + value[10] - '0') > 23 ||
              (m = (value[11] - '0') * 10 + value[12] - '0') > 59)
            return rule_error (error, text, _("DTSTART must be a local time as YYYYMMDDTHHMM"));
          rule->minutes = h * 60 + m;
        }
      else
        return rule_error (error, text, _("only FREQ, INTERVAL, BYDAY, BYMONTHDAY, UNTIL, COUNT and DTSTART are known"));
    }
  if (!has_freq || !g_date_valid (&rule->start))
    return rule_error (error, text, _("FREQ and DTSTART are needed"));
  if (!lineup_series_rule_validate (rule, error))
    {
      g_prefix_error (error, _("The repeat rule “%s” cannot be used: "), text);
      return FALSE;
    }
  return TRUE;
}

gboolean
lineup_series_rule_from_words (LineupSeriesRule  *rule,
                               const char        *every,
                               int                interval,
                               const char        *on,
                               const char        *day,
                               const char        *weekday,
                               const char        *until,
                               int                count,
                               GError           **error)
{
  if (every == NULL || g_str_equal (every, "week"))
    rule->freq = LINEUP_REPEAT_WEEKLY;
  else if (g_str_equal (every, "day"))
    rule->freq = LINEUP_REPEAT_DAILY;
  else if (g_str_equal (every, "month"))
    rule->freq = LINEUP_REPEAT_MONTHLY;
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not how often a series repeats: expected day, week or month"), every);
      return FALSE;
    }
  rule->interval = interval ? interval : 1;
  rule->weekdays = 0;
  rule->month_day = rule->nth = 0;
  rule->count = count;
  g_date_clear (&rule->until, 1);

  if (on && *on)
    {
      g_auto(GStrv) days = g_strsplit (on, ",", -1);

      for (guint i = 0; days[i]; i++)
        {
          int index = -1;

          g_strstrip (days[i]);
          for (int d = 0; d < 7 && index < 0; d++)
            if (g_ascii_strcasecmp (days[i], day_words[d]) == 0 ||
                g_ascii_strcasecmp (days[i], day_names[d]) == 0)
              index = d;
          if (index < 0)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("“%s” is not a weekday: expected days such as mon,thu (mon, tue, wed, thu, fri, sat, sun)"),
                           days[i]);
              return FALSE;
            }
          rule->weekdays |= 1u << index;
        }
    }
  if (day && *day)
    {
      char *end = NULL;
      long n = g_ascii_strcasecmp (day, "last") == 0 ? -1 : strtol (day, &end, 10);

      if ((end && (*end != '\0' || end == day)) || n == 0 || n < -1 || n > 31)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not a day of the month: expected 1 to 31, or last"), day);
          return FALSE;
        }
      rule->month_day = n;
    }
  if (weekday && *weekday)
    {
      const char *dash = strchr (weekday, '-');
      int nth = -2, index = -1;

      for (int i = 0; dash && i < 5; i++)
        if ((size_t) (dash - weekday) == strlen (nth_words[i]) &&
            g_ascii_strncasecmp (weekday, nth_words[i], dash - weekday) == 0)
          nth = i == 0 ? -1 : i;
      for (int d = 0; dash && d < 7; d++)
        if (g_ascii_strcasecmp (dash + 1, day_names[d]) == 0 || g_ascii_strcasecmp (dash + 1, day_words[d]) == 0)
          index = d;
      if (nth == -2 || index < 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not a weekday of the month: expected first, second, third, fourth or last, a dash and a weekday, such as first-monday"),
                       weekday);
          return FALSE;
        }
      rule->nth = nth;
      rule->nth_weekday = index + 1;
    }
  if (until && !lineup_parse_date (until, &rule->until))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a date: give the end as YYYY-MM-DD"), until);
      return FALSE;
    }
  return lineup_series_rule_validate (rule, error);
}

/* ---- occurrences ---- */

static int
days_in_month (int year, int month)
{
  return g_date_get_days_in_month (month, year);
}

/* The day of the month of @rule's occurrence in @year/@month, or 0. */
static int
monthly_day (const LineupSeriesRule *rule,
             int                     year,
             int                     month)
{
  int days = days_in_month (year, month);

  if (rule->month_day)
    return rule->month_day == -1 ? days : rule->month_day <= days ? rule->month_day : 0;
  if (rule->nth)
    {
      GDate first;
      int first_weekday, day;

      g_date_clear (&first, 1);
      g_date_set_dmy (&first, 1, month, year);
      first_weekday = g_date_get_weekday (&first);
      day = 1 + ((int) rule->nth_weekday - first_weekday + 7) % 7;
      if (rule->nth > 0)
        {
          day += 7 * (rule->nth - 1);
          return day <= days ? day : 0;
        }
      while (day + 7 <= days)
        day += 7;
      return day;
    }
  {
    int day = g_date_get_day (&rule->start);
    return day <= days ? day : 0;
  }
}

GArray *
lineup_series_rule_expand (const LineupSeriesRule *rule,
                           const GDate            *from,
                           const GDate            *to)
{
  GArray *dates = g_array_new (FALSE, FALSE, sizeof (GDate));
  guint32 start = g_date_get_julian (&rule->start);
  guint32 last = g_date_get_julian (to);
  guint32 first = g_date_get_julian (from);
  GDate limit;
  int made = 0;

  g_date_clear (&limit, 1);
  g_date_set_dmy (&limit, 31, 12, LINEUP_LAST_YEAR);
  if (g_date_valid (&rule->until) && g_date_get_julian (&rule->until) < last)
    last = g_date_get_julian (&rule->until);
  if (last > g_date_get_julian (&limit))
    last = g_date_get_julian (&limit);

  for (guint64 k = 0;; k++)
    {
      guint32 candidates[7];
      guint n = 0;
      guint32 period_start;

      if (rule->freq == LINEUP_REPEAT_DAILY)
        {
          period_start = start + k * rule->interval;
          candidates[n++] = period_start;
        }
      else if (rule->freq == LINEUP_REPEAT_WEEKLY)
        {
          guint8 mask = rule->weekdays ? rule->weekdays : 1u << (g_date_get_weekday (&rule->start) - 1);

          period_start = start - (g_date_get_weekday (&rule->start) - 1) + 7 * k * rule->interval;
          for (int i = 0; i < 7; i++)
            if (mask & (1u << i))
              candidates[n++] = period_start + i;
        }
      else
        {
          guint64 months = (guint64) (g_date_get_year (&rule->start)) * 12 +
                           (g_date_get_month (&rule->start) - 1) + k * rule->interval;
          int year = months / 12, month = months % 12 + 1, day;
          GDate d;

          if (year > LINEUP_LAST_YEAR)
            break;
          g_date_clear (&d, 1);
          g_date_set_dmy (&d, 1, month, year);
          period_start = g_date_get_julian (&d);
          if ((day = monthly_day (rule, year, month)) > 0)
            candidates[n++] = period_start + day - 1;
        }
      if (period_start > last)
        break;
      for (guint i = 0; i < n; i++)
        {
          GDate d;

          if (candidates[i] < start || candidates[i] > last)
            continue;
          if (rule->count && made >= rule->count)
            return dates;
          made++;
          if (candidates[i] < first)
            continue;
          g_date_clear (&d, 1);
          g_date_set_julian (&d, candidates[i]);
          g_array_append_val (dates, d);
        }
      if (rule->count && made >= rule->count)
        break;
    }
  return dates;
}

/* ---- in words ---- */

static const char *
weekday_name (int index)   /* 0: Monday */
{
  switch (index)
    {
    case 0: return _("Monday");
    case 1: return _("Tuesday");
    case 2: return _("Wednesday");
    case 3: return _("Thursday");
    case 4: return _("Friday");
    case 5: return _("Saturday");
    default: return _("Sunday");
    }
}

static const char *
nth_name (int nth)
{
  switch (nth)
    {
    case 1: return _("first");
    case 2: return _("second");
    case 3: return _("third");
    case 4: return _("fourth");
    default: return _("last");
    }
}

char *
lineup_series_rule_describe (const LineupSeriesRule *rule)
{
  GString *out = g_string_new (NULL);

  if (rule->freq == LINEUP_REPEAT_DAILY)
    g_string_append_printf (out, rule->interval == 1 ? _("Every day")
                            : g_dngettext (GETTEXT_PACKAGE, "Every %d day", "Every %d days", rule->interval),
                            rule->interval);
  else if (rule->freq == LINEUP_REPEAT_WEEKLY)
    {
      guint8 mask = rule->weekdays ? rule->weekdays : 1u << (g_date_get_weekday (&rule->start) - 1);
      g_autoptr(GPtrArray) names = g_ptr_array_new ();

      g_string_append_printf (out, rule->interval == 1 ? _("Every week")
                              : g_dngettext (GETTEXT_PACKAGE, "Every %d week", "Every %d weeks", rule->interval),
                              rule->interval);
      for (int i = 0; i < 7; i++)
        if (mask & (1u << i))
          g_ptr_array_add (names, (gpointer) weekday_name (i));
      g_string_append (out, " ");
      if (names->len == 1)
        g_string_append_printf (out, _("on %s"), (char *) names->pdata[0]);
      else
        {
          g_autoptr(GString) list = g_string_new (NULL);

          for (guint i = 0; i + 1 < names->len; i++)
            g_string_append_printf (list, "%s%s", i ? ", " : "", (char *) names->pdata[i]);
          /* TRANSLATORS: "on Monday, Tuesday and Thursday" */
          g_string_append_printf (out, _("on %s and %s"), list->str, (char *) names->pdata[names->len - 1]);
        }
    }
  else
    {
      g_string_append_printf (out, rule->interval == 1 ? _("Every month")
                              : g_dngettext (GETTEXT_PACKAGE, "Every %d month", "Every %d months", rule->interval),
                              rule->interval);
      g_string_append (out, " ");
      if (rule->nth)
        /* TRANSLATORS: "on the first Monday" */
        g_string_append_printf (out, _("on the %s %s"), nth_name (rule->nth), weekday_name (rule->nth_weekday - 1));
      else if (rule->month_day == -1)
        g_string_append (out, _("on the last day"));
      else
        g_string_append_printf (out, _("on day %d"),
                                rule->month_day ? rule->month_day : g_date_get_day (&rule->start));
    }
  if (g_date_valid (&rule->until))
    {
      char day[64];

      g_date_strftime (day, sizeof day, "%-d %B %Y", &rule->until);
      g_string_append (out, ", ");
      g_string_append_printf (out, _("until %s"), day);
    }
  else if (rule->count)
    {
      g_string_append (out, ", ");
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%d time", "%d times", rule->count), rule->count);
    }
  return g_string_free (out, FALSE);
}

/* ---- ids ---- */

char *
lineup_series_new_uid (void)
{
  return g_uuid_string_random ();
}

char *
lineup_series_occurrence_id (const char  *series_uid,
                             const GDate *date)
{
  g_autofree char *key = g_strdup_printf ("lineup-series:%s:%04d-%02d-%02d", series_uid,
                                          g_date_get_year (date), g_date_get_month (date),
                                          g_date_get_day (date));
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);

  /* Shaped as a version-5-like UUID, so it reads as any post's id. */
  return g_strdup_printf ("%.8s-%.4s-5%.3s-a%.3s-%.12s", sum, sum + 8, sum + 13, sum + 17, sum + 20);
}
