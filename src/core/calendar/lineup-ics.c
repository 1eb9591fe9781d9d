/* lineup-ics.c
 *
 * Each event is written as it is read, line by line, into the output
 * (lineup-ics-writer.c escapes and folds: CRLF, 75 octets, never inside a
 * UTF-8 sequence, protocols.md §4), with no component tree: building,
 * writing and freeing a libical component per event took ten times as long
 * (issue 19). The lines of a pillar, a type and a stage are made once an
 * export and copied. libical still gives the VTIMEZONE, the local times in
 * it, the TZID parameter and the DURATION values.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libical/ical.h>

#include "lineup-ics.h"
#include "lineup-ics-writer.h"
#include "lineup-outbox.h"
#include "lineup-store-media.h"

/* The CSS3 colour keywords (the SVG 1.1 list), for RFC 7986 COLOR. */
static const struct {
  const char *name;
  guint32 rgb;
} css_colors[] = {
  { "aliceblue", 0xf0f8ff },
  { "antiquewhite", 0xfaebd7 },
  { "aqua", 0x00ffff },
  { "aquamarine", 0x7fffd4 },
  { "azure", 0xf0ffff },
  { "beige", 0xf5f5dc },
  { "bisque", 0xffe4c4 },
  { "black", 0x000000 },
  { "blanchedalmond", 0xffebcd },
  { "blue", 0x0000ff },
  { "blueviolet", 0x8a2be2 },
  { "brown", 0xa52a2a },
  { "burlywood", 0xdeb887 },
  { "cadetblue", 0x5f9ea0 },
  { "chartreuse", 0x7fff00 },
  { "chocolate", 0xd2691e },
  { "coral", 0xff7f50 },
  { "cornflowerblue", 0x6495ed },
  { "cornsilk", 0xfff8dc },
  { "crimson", 0xdc143c },
  { "cyan", 0x00ffff },
  { "darkblue", 0x00008b },
  { "darkcyan", 0x008b8b },
  { "darkgoldenrod", 0xb8860b },
  { "darkgray", 0xa9a9a9 },
  { "darkgreen", 0x006400 },
  { "darkgrey", 0xa9a9a9 },
  { "darkkhaki", 0xbdb76b },
  { "darkmagenta", 0x8b008b },
  { "darkolivegreen", 0x556b2f },
  { "darkorange", 0xff8c00 },
  { "darkorchid", 0x9932cc },
  { "darkred", 0x8b0000 },
  { "darksalmon", 0xe9967a },
  { "darkseagreen", 0x8fbc8f },
  { "darkslateblue", 0x483d8b },
  { "darkslategray", 0x2f4f4f },
  { "darkslategrey", 0x2f4f4f },
  { "darkturquoise", 0x00ced1 },
  { "darkviolet", 0x9400d3 },
  { "deeppink", 0xff1493 },
  { "deepskyblue", 0x00bfff },
  { "dimgray", 0x696969 },
  { "dimgrey", 0x696969 },
  { "dodgerblue", 0x1e90ff },
  { "firebrick", 0xb22222 },
  { "floralwhite", 0xfffaf0 },
  { "forestgreen", 0x228b22 },
  { "fuchsia", 0xff00ff },
  { "gainsboro", 0xdcdcdc },
  { "ghostwhite", 0xf8f8ff },
  { "gold", 0xffd700 },
  { "goldenrod", 0xdaa520 },
  { "gray", 0x808080 },
  { "grey", 0x808080 },
  { "green", 0x008000 },
  { "greenyellow", 0xadff2f },
  { "honeydew", 0xf0fff0 },
  { "hotpink", 0xff69b4 },
  { "indianred", 0xcd5c5c },
  { "indigo", 0x4b0082 },
  { "ivory", 0xfffff0 },
  { "khaki", 0xf0e68c },
  { "lavender", 0xe6e6fa },
  { "lavenderblush", 0xfff0f5 },
  { "lawngreen", 0x7cfc00 },
  { "lemonchiffon", 0xfffacd },
  { "lightblue", 0xadd8e6 },
  { "lightcoral", 0xf08080 },
  { "lightcyan", 0xe0ffff },
  { "lightgoldenrodyellow", 0xfafad2 },
  { "lightgray", 0xd3d3d3 },
  { "lightgreen", 0x90ee90 },
  { "lightgrey", 0xd3d3d3 },
  { "lightpink", 0xffb6c1 },
  { "lightsalmon", 0xffa07a },
  { "lightseagreen", 0x20b2aa },
  { "lightskyblue", 0x87cefa },
  { "lightslategray", 0x778899 },
  { "lightslategrey", 0x778899 },
  { "lightsteelblue", 0xb0c4de },
  { "lightyellow", 0xffffe0 },
  { "lime", 0x00ff00 },
  { "limegreen", 0x32cd32 },
  { "linen", 0xfaf0e6 },
  { "magenta", 0xff00ff },
  { "maroon", 0x800000 },
  { "mediumaquamarine", 0x66cdaa },
  { "mediumblue", 0x0000cd },
  { "mediumorchid", 0xba55d3 },
  { "mediumpurple", 0x9370db },
  { "mediumseagreen", 0x3cb371 },
  { "mediumslateblue", 0x7b68ee },
  { "mediumspringgreen", 0x00fa9a },
  { "mediumturquoise", 0x48d1cc },
  { "mediumvioletred", 0xc71585 },
  { "midnightblue", 0x191970 },
  { "mintcream", 0xf5fffa },
  { "mistyrose", 0xffe4e1 },
  { "moccasin", 0xffe4b5 },
  { "navajowhite", 0xffdead },
  { "navy", 0x000080 },
  { "oldlace", 0xfdf5e6 },
  { "olive", 0x808000 },
  { "olivedrab", 0x6b8e23 },
  { "orange", 0xffa500 },
  { "orangered", 0xff4500 },
  { "orchid", 0xda70d6 },
  { "palegoldenrod", 0xeee8aa },
  { "palegreen", 0x98fb98 },
  { "paleturquoise", 0xafeeee },
  { "palevioletred", 0xdb7093 },
  { "papayawhip", 0xffefd5 },
  { "peachpuff", 0xffdab9 },
  { "peru", 0xcd853f },
  { "pink", 0xffc0cb },
  { "plum", 0xdda0dd },
  { "powderblue", 0xb0e0e6 },
  { "purple", 0x800080 },
  { "red", 0xff0000 },
  { "rosybrown", 0xbc8f8f },
  { "royalblue", 0x4169e1 },
  { "saddlebrown", 0x8b4513 },
  { "salmon", 0xfa8072 },
  { "sandybrown", 0xf4a460 },
  { "seagreen", 0x2e8b57 },
  { "seashell", 0xfff5ee },
  { "sienna", 0xa0522d },
  { "silver", 0xc0c0c0 },
  { "skyblue", 0x87ceeb },
  { "slateblue", 0x6a5acd },
  { "slategray", 0x708090 },
  { "slategrey", 0x708090 },
  { "snow", 0xfffafa },
  { "springgreen", 0x00ff7f },
  { "steelblue", 0x4682b4 },
  { "tan", 0xd2b48c },
  { "teal", 0x008080 },
  { "thistle", 0xd8bfd8 },
  { "tomato", 0xff6347 },
  { "turquoise", 0x40e0d0 },
  { "violet", 0xee82ee },
  { "wheat", 0xf5deb3 },
  { "white", 0xffffff },
  { "whitesmoke", 0xf5f5f5 },
  { "yellow", 0xffff00 },
  { "yellowgreen", 0x9acd32 },
};

const char *
lineup_css_color_name (const char *hex)
{
  guint r, g, b;
  const char *best = "gray";
  guint64 best_distance = G_MAXUINT64;

  if (hex == NULL || sscanf (hex, "#%02x%02x%02x", &r, &g, &b) != 3)
    return best;
  for (guint i = 0; i < G_N_ELEMENTS (css_colors); i++)
    {
      gint64 dr = (gint64) r - ((css_colors[i].rgb >> 16) & 0xff);
      gint64 dg = (gint64) g - ((css_colors[i].rgb >> 8) & 0xff);
      gint64 db = (gint64) b - (css_colors[i].rgb & 0xff);
      /* Weighted for the eye: green counts most, blue least. */
      guint64 distance = 3 * dr * dr + 4 * dg * dg + 2 * db * db;

      if (distance < best_distance)
        {
          best_distance = distance;
          best = css_colors[i].name;
        }
    }
  return best;
}

const char *
lineup_ics_privacy_to_key (LineupIcsPrivacy privacy)
{
  switch (privacy)
    {
    case LINEUP_ICS_PRIVACY_BRIEF: return "brief";
    case LINEUP_ICS_PRIVACY_FULL: return "full";
    case LINEUP_ICS_PRIVACY_TITLES:
    default: return "titles";
    }
}

gboolean
lineup_ics_privacy_from_key (const char       *key,
                             LineupIcsPrivacy *out_privacy)
{
  for (LineupIcsPrivacy p = LINEUP_ICS_PRIVACY_TITLES; p <= LINEUP_ICS_PRIVACY_FULL; p++)
    if (g_strcmp0 (key, lineup_ics_privacy_to_key (p)) == 0)
      {
        *out_privacy = p;
        return TRUE;
      }
  return FALSE;
}

char *
lineup_ics_uid (LineupPost *post)
{
  g_return_val_if_fail (LINEUP_IS_POST (post), NULL);
  return g_strdup_printf ("%s@lineup", lineup_post_get_id (post));
}

static struct icaltimetype
utc_time (gint64 instant)
{
  return icaltime_from_timet_with_zone ((time_t) instant, 0, icaltimezone_get_utc_timezone ());
}

/* "20261122T120000" as libical writes a DATE-TIME, with a Z in UTC. */
static void
format_time (char                      buffer[32],
             const struct icaltimetype *t,
             gboolean                   utc)
{
  if (t->year >= 0 && t->year <= 9999)
    {
      static const char digits[] = "0123456789";
      int fields[] = { t->month, t->day, t->hour, t->minute, t->second };
      char *o = buffer;

      *o++ = digits[t->year / 1000];
      *o++ = digits[t->year / 100 % 10];
      *o++ = digits[t->year / 10 % 10];
      *o++ = digits[t->year % 10];
      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        {
          if (i == 2)
            *o++ = 'T';
          *o++ = digits[fields[i] / 10 % 10];
          *o++ = digits[fields[i] % 10];
        }
      if (utc)
        *o++ = 'Z';
      *o = '\0';
    }
  else
    g_snprintf (buffer, 32, "%04d%02d%02dT%02d%02d%02d%s", t->year, t->month, t->day,
                t->hour, t->minute, t->second, utc ? "Z" : "");
}

/* An instant in UTC, the calendar reckoned here (gmtime's, without its
 * locking). */
static void
format_utc (char   buffer[32],
            gint64 instant)
{
  struct icaltimetype t = { 0 };
  gint64 days = instant / 86400, seconds = instant % 86400;
  gint64 era, y;
  guint doe, yoe, doy, mp;

  if (seconds < 0)
    {
      seconds += 86400;
      days--;
    }
  /* Days to a civil date (H. Hinnant's days_from_civil, inverted). */
  days += 719468;
  era = (days >= 0 ? days : days - 146096) / 146097;
  doe = (guint) (days - era * 146097);
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = (gint64) yoe + era * 400;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  t.day = (int) (doy - (153 * mp + 2) / 5 + 1);
  t.month = (int) (mp < 10 ? mp + 3 : mp - 9);
  t.year = (int) (y + (t.month <= 2));
  t.hour = (int) (seconds / 3600);
  t.minute = (int) (seconds / 60 % 60);
  t.second = (int) (seconds % 60);
  format_time (buffer, &t, TRUE);
}

static char *
describe (LineupPost       *post,
          LineupIcsPrivacy  privacy)
{
  GString *text = g_string_new (NULL);

  for (guint f = 0; f < LINEUP_N_BRIEF_FIELDS; f++)
    if (lineup_post_get_brief (post, f) && *lineup_post_get_brief (post, f))
      g_string_append_printf (text, "%s: %s\n", lineup_brief_field_to_label (f), lineup_post_get_brief (post, f));
  if (lineup_post_get_due_on (post))
    g_string_append_printf (text, "%s: %s\n", _("Due"), lineup_post_get_due_on (post));
  if (privacy == LINEUP_ICS_PRIVACY_FULL && *lineup_post_get_body (post))
    g_string_append_printf (text, "%s%s", text->len ? "\n" : "", lineup_post_get_body (post));
  while (text->len && text->str[text->len - 1] == '\n')
    g_string_truncate (text, text->len - 1);
  return g_string_free (text, FALSE);
}

/* The plan zone's VTIMEZONE with a plain TZID, trimmed to the years used. */
static icalcomponent *
make_vtimezone (icaltimezone *zone,
                const char   *tzid,
                gint64        first)
{
  icalcomponent *vtz = icalcomponent_new_clone (icaltimezone_get_component (zone));
  icalproperty *prop = icalcomponent_get_first_property (vtz, ICAL_TZID_PROPERTY);
  struct icaltimetype start = utc_time (first);

  if (prop)
    icalproperty_set_tzid (prop, tzid);
  start.year -= 1;
  start.month = 1;
  start.day = 1;
  icaltimezone_truncate_vtimezone (vtz, start, icaltime_null_time (), 0);
  return vtz;
}

static char *
duration_text (int seconds)
{
  return icaldurationtype_as_ical_string_r (icaldurationtype_from_int (seconds));
}

/* What one export writes again and again, written once: the lines of a
 * pillar, a type, a stage; the networks' names in a title. */
typedef struct {
  gint64 id;          /* the pillar's or type's, the table's key */
  char *categories;   /* CATEGORIES */
  char *described;    /* COLOR and X-LINEUP-PILLAR, or X-LINEUP-TYPE */
} CatalogLines;

static void
catalog_lines_free (gpointer data)
{
  CatalogLines *lines = data;

  g_free (lines->categories);
  g_free (lines->described);
  g_free (lines);
}

typedef struct {
  LineupStore *store;
  const LineupIcsOptions *options;
  LineupIcsWriter *writer;
  icaltimezone *zone;
  char *tzid_param;                /* ";TZID=…" */
  char *duration;
  GHashTable *urls;                /* post id → URL */
  GHashTable *series;              /* post id → its series' uid */
  GHashTable *media;               /* post id → its LineupMedium, in order */
  GHashTable *pillars;             /* pillar id → CatalogLines */
  GHashTable *types;               /* type id → CatalogLines */
  GHashTable *networks;            /* "linkedin,mastodon" → " [LinkedIn, Mastodon]" */
  char *stages[LINEUP_N_STAGES];   /* STATUS … X-LINEUP-STAGE, in order */
  GString *summary;
  GString *keys;
} Export;

/* By the id a post holds: the store's catalog is looked up once an id,
 * not once a post. NULL for an id the catalog does not hold. */
static CatalogLines *
pillar_lines (Export *export,
              gint64  id)
{
  CatalogLines *lines = g_hash_table_lookup (export->pillars, &id);
  LineupPillar *pillar;

  if (lines == NULL && (pillar = lineup_store_get_pillar (export->store, id)))
    {
      const char *name = lineup_pillar_get_name (pillar);
      g_autofree char *color = lineup_ics_format_property ("COLOR", NULL, lineup_css_color_name (lineup_pillar_get_color (pillar)),
                                                           LINEUP_ICS_VALUE_TEXT, NULL);
      g_autofree char *x = lineup_ics_format_property ("X-LINEUP-PILLAR", NULL, name, LINEUP_ICS_VALUE_X_TEXT, NULL);

      lines = g_new0 (CatalogLines, 1);
      lines->id = id;
      lines->categories = lineup_ics_format_property ("CATEGORIES", NULL, name, LINEUP_ICS_VALUE_CATEGORY, NULL);
      lines->described = g_strconcat (color, x, NULL);
      g_hash_table_insert (export->pillars, &lines->id, lines);
    }
  return lines;
}

static CatalogLines *
type_lines (Export *export,
            gint64  id)
{
  CatalogLines *lines = g_hash_table_lookup (export->types, &id);
  LineupContentType *type;

  if (lines == NULL && (type = lineup_store_get_content_type (export->store, id)))
    {
      const char *name = lineup_content_type_get_name (type);

      lines = g_new0 (CatalogLines, 1);
      lines->id = id;
      lines->categories = lineup_ics_format_property ("CATEGORIES", NULL, name, LINEUP_ICS_VALUE_CATEGORY, NULL);
      lines->described = lineup_ics_format_property ("X-LINEUP-TYPE", NULL, name, LINEUP_ICS_VALUE_X_TEXT, NULL);
      g_hash_table_insert (export->types, &lines->id, lines);
    }
  return lines;
}

static const char *
status_line (LineupStage stage)
{
  return stage >= LINEUP_STAGE_APPROVED ? "STATUS:CONFIRMED\r\n" : "STATUS:TENTATIVE\r\n";
}

static const char *
stage_line (Export      *export,
            LineupStage  stage)
{
  /* A stage the plan does not know is written each time. */
  if ((int) stage < 0 || stage >= LINEUP_N_STAGES)
    return NULL;
  if (export->stages[stage] == NULL)
    export->stages[stage] = lineup_ics_format_property ("X-LINEUP-STAGE", NULL, lineup_stage_to_key (stage),
                                                        LINEUP_ICS_VALUE_X_TEXT, NULL);
  return export->stages[stage];
}

static void
write_text (Export     *export,
            const char *text)
{
  lineup_ics_writer_append (export->writer, text, strlen (text));
}

static void
write_event (Export     *export,
             LineupPost *post)
{
  LineupIcsWriter *w = export->writer;
  const char *id = lineup_post_get_id (post);
  const char *url = export->urls ? g_hash_table_lookup (export->urls, id) : NULL;
  const char * const *platforms = lineup_post_get_platforms (post);
  CatalogLines *pillar_text = pillar_lines (export, lineup_post_get_pillar_id (post));
  CatalogLines *type_text = type_lines (export, lineup_post_get_type_id (post));
  LineupStage stage = lineup_post_get_stage (post);
  const char *networks, *staged;
  gint64 at = lineup_post_get_scheduled_at (post);
  char uid[256], stamp[32], start[32], sequence[16];

  /* The networks by key, and by name in the title. */
  g_string_truncate (export->keys, 0);
  for (guint i = 0; platforms[i]; i++)
    {
      if (i)
        g_string_append_c (export->keys, ',');
      g_string_append (export->keys, platforms[i]);
    }
  networks = g_hash_table_lookup (export->networks, export->keys->str);
  if (networks == NULL)
    {
      GString *names = g_string_new (NULL);

      for (guint i = 0; platforms[i]; i++)
        {
          const LineupPlatformInfo *info = lineup_platform_lookup (platforms[i]);
          g_string_append_printf (names, "%s%s", i ? ", " : "", info ? info->name : platforms[i]);
        }
      networks = names->len ? g_strdup_printf (" [%s]", names->str) : g_strdup ("");
      g_string_free (names, TRUE);
      g_hash_table_insert (export->networks, g_strdup (export->keys->str), (char *) networks);
    }
  g_string_assign (export->summary, lineup_post_get_title (post));
  g_string_append (export->summary, networks);

  write_text (export, "BEGIN:VEVENT\r\n");
  /* "ID@lineup" and the sequence number without a printf each (two a
   * post were a twentieth of an export). */
  if (strlen (id) + sizeof "@lineup" <= sizeof uid)
    {
      memcpy (g_stpcpy (uid, id), "@lineup", sizeof "@lineup");
      lineup_ics_writer_property (w, "UID", NULL, uid, LINEUP_ICS_VALUE_TEXT);
    }
  else
    {
      g_autofree char *long_uid = lineup_ics_uid (post);
      lineup_ics_writer_property (w, "UID", NULL, long_uid, LINEUP_ICS_VALUE_TEXT);
    }
  format_utc (stamp, lineup_post_get_updated_at (post));
  lineup_ics_writer_property (w, "DTSTAMP", NULL, stamp, LINEUP_ICS_VALUE_RAW);
  if (export->zone)
    {
      /* The local wall time, without a Z: the TZID parameter names the
       * VTIMEZONE. */
      struct icaltimetype local = icaltime_from_timet_with_zone ((time_t) at, 0, export->zone);

      format_time (start, &local, FALSE);
      lineup_ics_writer_property (w, "DTSTART", export->tzid_param, start, LINEUP_ICS_VALUE_RAW);
    }
  else
    {
      format_utc (start, at);
      lineup_ics_writer_property (w, "DTSTART", NULL, start, LINEUP_ICS_VALUE_RAW);
    }
  lineup_ics_writer_property (w, "DURATION", NULL, export->duration, LINEUP_ICS_VALUE_RAW);
  lineup_ics_writer_property (w, "SUMMARY", NULL, export->summary->str, LINEUP_ICS_VALUE_TEXT);
  if (export->options->privacy != LINEUP_ICS_PRIVACY_TITLES)
    {
      g_autofree char *description = describe (post, export->options->privacy);

      if (*description)
        lineup_ics_writer_property (w, "DESCRIPTION", NULL, description, LINEUP_ICS_VALUE_TEXT);
    }
  /* One property a value: a category may hold a comma. */
  if (pillar_text)
    write_text (export, pillar_text->categories);
  if (type_text)
    write_text (export, type_text->categories);
  write_text (export, status_line (stage));
  {
    guint n = (guint) MAX (lineup_post_get_revision (post) - 1, 0);
    char *o = sequence + sizeof sequence - 1;

    *o = '\0';
    do
      *--o = '0' + n % 10;
    while ((n /= 10) > 0);
    memmove (sequence, o, sequence + sizeof sequence - o);
  }
  lineup_ics_writer_property (w, "SEQUENCE", NULL, sequence, LINEUP_ICS_VALUE_RAW);
  lineup_ics_writer_property (w, "LAST-MODIFIED", NULL, stamp, LINEUP_ICS_VALUE_RAW);
  write_text (export, "TRANSP:TRANSPARENT\r\n");
  if (pillar_text)
    write_text (export, pillar_text->described);
  if (type_text)
    write_text (export, type_text->described);
  staged = stage_line (export, stage);
  if (staged)
    write_text (export, staged);
  else
    lineup_ics_writer_property (w, "X-LINEUP-STAGE", NULL, lineup_stage_to_key (stage), LINEUP_ICS_VALUE_X_TEXT);
  if (export->keys->len)
    lineup_ics_writer_property (w, "X-LINEUP-PLATFORMS", NULL, export->keys->str, LINEUP_ICS_VALUE_X_LIST);
  lineup_ics_writer_property (w, "X-LINEUP-POST-ID", NULL, id, LINEUP_ICS_VALUE_X_TEXT);
  /* The content warning is the post's words too: not with privacy "titles". */
  if (*lineup_post_get_content_warning (post) && export->options->privacy != LINEUP_ICS_PRIVACY_TITLES)
    lineup_ics_writer_property (w, "X-LINEUP-CW", NULL, lineup_post_get_content_warning (post), LINEUP_ICS_VALUE_X_TEXT);
  /* An occurrence of a series is an event of its own, related to it. */
  {
    const char *series = g_hash_table_lookup (export->series, id);

    if (series)
      {
        g_autofree char *related = g_strconcat (series, "@lineup-series", NULL);
        lineup_ics_writer_property (w, "RELATED-TO", NULL, related, LINEUP_ICS_VALUE_TEXT);
      }
  }
  /* Its media by name, not their bytes: each medium's hash with its type
   * and size, and its alt text where the feed shows more than titles. */
  {
    GPtrArray *media = g_hash_table_lookup (export->media, id);

    for (guint i = 0; media && i < media->len; i++)
      {
        LineupMedium *medium = g_ptr_array_index (media, i);
        g_autofree char *params = g_strdup_printf (";FMTTYPE=%s;X-SIZE=%" G_GINT64_FORMAT ";X-WIDTH=%d;X-HEIGHT=%d",
                                                   medium->mime_type, medium->size, medium->width, medium->height);

        lineup_ics_writer_property (w, "X-LINEUP-MEDIA", params, medium->sha256, LINEUP_ICS_VALUE_X_TEXT);
        if (*medium->alt && export->options->privacy != LINEUP_ICS_PRIVACY_TITLES)
          {
            g_autofree char *number = g_strdup_printf (";X-SHA256=%s;X-NUMBER=%u", medium->sha256, i + 1);

            lineup_ics_writer_property (w, "X-LINEUP-MEDIA-ALT", number, medium->alt, LINEUP_ICS_VALUE_X_TEXT);
          }
      }
  }
  /* Where the published post can be seen (protocols.md §4). */
  if (url)
    lineup_ics_writer_property (w, "URL", NULL, url, LINEUP_ICS_VALUE_RAW);
  write_text (export, "END:VEVENT\r\n");
}

static inline gboolean
is_exported (LineupPost *post)
{
  return lineup_post_is_dated (post) && lineup_post_get_deleted_at (post) == 0;
}

/* The calendar's lines, then each event as it is written. */
static void
write_calendar (LineupStore            *store,
                GPtrArray              *posts,
                const LineupIcsOptions *options,
                LineupIcsWriter        *writer)
{
  Export export = { store, options, writer };
  const char *tzid = lineup_store_get_time_zone_id (store);
  const char *name = options->name ? options->name : "Lineup";
  gint64 last_modified = 0, first = G_MAXINT64;
  int refresh = options->refresh_minutes > 0 ? options->refresh_minutes : 60;
  g_autofree char *refresh_text = duration_text (refresh * 60);
  g_autofree char *ttl = refresh % 60 == 0 ? g_strdup_printf ("PT%dH", refresh / 60)
                                            : g_strdup_printf ("PT%dM", refresh);

  for (guint i = 0; i < posts->len; i++)
    {
      LineupPost *post = g_ptr_array_index (posts, i);

      if (!is_exported (post))
        continue;
      last_modified = MAX (last_modified, lineup_post_get_updated_at (post));
      first = MIN (first, lineup_post_get_scheduled_at (post));
    }
  if (options->local_time && tzid && !g_str_equal (tzid, "UTC") && !g_str_equal (tzid, "Etc/UTC"))
    export.zone = icaltimezone_get_builtin_timezone (tzid);

  write_text (&export, "BEGIN:VCALENDAR\r\n");
  lineup_ics_writer_property (writer, "PRODID", NULL, "-//Lineup//Lineup " PACKAGE_VERSION "//EN", LINEUP_ICS_VALUE_TEXT);
  lineup_ics_writer_property (writer, "VERSION", NULL, "2.0", LINEUP_ICS_VALUE_TEXT);
  lineup_ics_writer_property (writer, "CALSCALE", NULL, "GREGORIAN", LINEUP_ICS_VALUE_TEXT);
  lineup_ics_writer_property (writer, "NAME", NULL, name, LINEUP_ICS_VALUE_TEXT);
  lineup_ics_writer_property (writer, "X-WR-CALNAME", NULL, name, LINEUP_ICS_VALUE_X_TEXT);
  if (options->description)
    {
      lineup_ics_writer_property (writer, "DESCRIPTION", NULL, options->description, LINEUP_ICS_VALUE_TEXT);
      lineup_ics_writer_property (writer, "X-WR-CALDESC", NULL, options->description, LINEUP_ICS_VALUE_X_TEXT);
    }
  lineup_ics_writer_property (writer, "REFRESH-INTERVAL", ";VALUE=DURATION", refresh_text, LINEUP_ICS_VALUE_RAW);
  lineup_ics_writer_property (writer, "X-PUBLISHED-TTL", NULL, ttl, LINEUP_ICS_VALUE_X_TEXT);
  if (last_modified > 0)
    {
      char stamp[32];

      format_utc (stamp, last_modified);
      lineup_ics_writer_property (writer, "LAST-MODIFIED", NULL, stamp, LINEUP_ICS_VALUE_RAW);
    }
  if (export.zone && first != G_MAXINT64)
    {
      icalcomponent *vtz = make_vtimezone (export.zone, tzid, first);
      char *text = icalcomponent_as_ical_string_r (vtz);

      write_text (&export, text);
      free (text);
      icalcomponent_free (vtz);
    }
  if (export.zone)
    {
      icalparameter *param = icalparameter_new_tzid (tzid);
      char *text = icalparameter_as_ical_string_r (param);

      export.tzid_param = g_strconcat (";", text, NULL);
      free (text);
      icalparameter_free (param);
    }

  export.duration = duration_text ((options->duration_minutes > 0 ? options->duration_minutes : 30) * 60);
  export.urls = lineup_store_get_published_urls (store);
  export.series = lineup_store_get_series_links (store);
  export.media = lineup_store_get_all_media (store);
  export.pillars = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, catalog_lines_free);
  export.types = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, catalog_lines_free);
  export.networks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  export.summary = g_string_sized_new (256);
  export.keys = g_string_sized_new (64);
  for (guint i = 0; i < posts->len; i++)
    if (is_exported (g_ptr_array_index (posts, i)))
      write_event (&export, g_ptr_array_index (posts, i));
  write_text (&export, "END:VCALENDAR\r\n");

  for (guint i = 0; i < G_N_ELEMENTS (export.stages); i++)
    g_free (export.stages[i]);
  g_string_free (export.keys, TRUE);
  g_string_free (export.summary, TRUE);
  g_hash_table_unref (export.networks);
  g_hash_table_unref (export.types);
  g_hash_table_unref (export.pillars);
  g_hash_table_unref (export.urls);
  g_hash_table_unref (export.series);
  g_hash_table_unref (export.media);
  free (export.duration);
  g_free (export.tzid_param);
}

char *
lineup_ics_export (LineupStore            *store,
                   GPtrArray              *posts,
                   const LineupIcsOptions *options,
                   gsize                  *out_length)
{
  LineupIcsOptions defaults = { 0 };
  LineupIcsWriter *writer;

  g_return_val_if_fail (LINEUP_IS_STORE (store), NULL);
  g_return_val_if_fail (posts != NULL, NULL);

  writer = lineup_ics_writer_new (NULL, 512 + posts->len * 560);
  write_calendar (store, posts, options ? options : &defaults, writer);
  return lineup_ics_writer_free (writer, out_length);
}

gboolean
lineup_ics_write (LineupStore             *store,
                  GPtrArray               *posts,
                  const LineupIcsOptions  *options,
                  GOutputStream           *output,
                  GCancellable            *cancellable,
                  GError                 **error)
{
  LineupIcsOptions defaults = { 0 };
  LineupIcsWriter *writer;
  gboolean ok;

  g_return_val_if_fail (LINEUP_IS_STORE (store), FALSE);
  g_return_val_if_fail (posts != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), FALSE);

  writer = lineup_ics_writer_new (output, 0);
  write_calendar (store, posts, options ? options : &defaults, writer);
  ok = lineup_ics_writer_finish (writer, cancellable, error);
  lineup_ics_writer_free (writer, NULL);
  return ok;
}
