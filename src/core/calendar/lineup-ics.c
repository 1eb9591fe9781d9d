/* lineup-ics.c
 *
 * libical builds and writes everything: escaping, CRLF, folding at 75
 * octets without splitting a UTF-8 sequence (protocols.md §4); only the
 * ';' and ',' of X- and CATEGORIES values are escaped here (see
 * mark_text_specials).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libical/ical.h>

#include "lineup-ics.h"
#include "lineup-outbox.h"

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

/* libical writes an X- property's value and a CATEGORIES value with only
 * backslashes and line breaks escaped, so "Stories; told" would read as
 * two values. RFC 5545 TEXT escapes ';' and ',' too: the value is given to
 * libical with each of them as a noncharacter (one code point, so folding
 * stays right), and the written text gets the escapes in their place. A
 * noncharacter of the plan's own (they are not for interchange) becomes
 * U+FFFD first. */
#define TEXT_SEMICOLON "\uFDD0"
#define TEXT_COMMA     "\uFDD1"

static char *
mark_text_specials (const char *value,
                    gboolean    commas)
{
  g_autoptr(GString) text = g_string_new (value);

  g_string_replace (text, TEXT_SEMICOLON, "\uFFFD", 0);
  g_string_replace (text, TEXT_COMMA, "\uFFFD", 0);
  g_string_replace (text, ";", TEXT_SEMICOLON, 0);
  if (commas)
    g_string_replace (text, ",", TEXT_COMMA, 0);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Appends libical's @text (freeing it) with the marks made escapes. */
static void
append_escaped (GString *out,
                char    *text)
{
  gsize start = out->len;
  g_autoptr(GString) tail = NULL;

  g_string_append (out, text);
  free (text);
  if (strstr (out->str + start, TEXT_SEMICOLON) == NULL && strstr (out->str + start, TEXT_COMMA) == NULL)
    return;
  tail = g_string_new (out->str + start);
  g_string_replace (tail, TEXT_SEMICOLON, "\\;", 0);
  g_string_replace (tail, TEXT_COMMA, "\\,", 0);
  g_string_truncate (out, start);
  g_string_append_len (out, tail->str, tail->len);
}

/* An X- property whose value is TEXT (a name, a description). */
static void
add_x (icalcomponent *component,
       const char    *name,
       const char    *value)
{
  g_autofree char *marked = mark_text_specials (value, TRUE);
  icalproperty *prop = icalproperty_new_x (marked);

  icalproperty_set_x_name (prop, name);
  icalcomponent_add_property (component, prop);
}

/* An X- property holding a list of keys: its commas separate them. */
static void
add_x_list (icalcomponent *component,
            const char    *name,
            const char    *keys)
{
  icalproperty *prop = icalproperty_new_x (keys);

  icalproperty_set_x_name (prop, name);
  icalcomponent_add_property (component, prop);
}

/* A CATEGORIES property with one value. An escaped comma in it is still
 * split there by some readers, so a comma becomes U+201A, which reads the
 * same; a semicolon is escaped. */
static void
add_category (icalcomponent *component,
              const char    *value)
{
  g_autoptr(GString) text = g_string_new (value);
  g_autofree char *marked = NULL;

  g_string_replace (text, ",", "\u201A", 0);
  marked = mark_text_specials (text->str, FALSE);
  icalcomponent_add_property (component, icalproperty_new_categories (marked));
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

static icalcomponent *
make_event (LineupStore            *store,
            LineupPost             *post,
            const LineupIcsOptions *options,
            icaltimezone           *zone,
            const char             *tzid,
            GHashTable             *urls)
{
  icalcomponent *event = icalcomponent_new (ICAL_VEVENT_COMPONENT);
  const char *url = urls ? g_hash_table_lookup (urls, lineup_post_get_id (post)) : NULL;
  LineupPillar *pillar = lineup_store_get_pillar (store, lineup_post_get_pillar_id (post));
  LineupContentType *type = lineup_store_get_content_type (store, lineup_post_get_type_id (post));
  const char * const *platforms = lineup_post_get_platforms (post);
  g_autoptr(GString) summary = g_string_new (lineup_post_get_title (post));
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *uid = lineup_ics_uid (post);
  g_autofree char *keys = g_strjoinv (",", (char **) platforms);
  gint64 at = lineup_post_get_scheduled_at (post);
  icalproperty *prop;

  for (guint i = 0; platforms[i]; i++)
    {
      const LineupPlatformInfo *info = lineup_platform_lookup (platforms[i]);
      g_string_append_printf (names, "%s%s", i ? ", " : "", info ? info->name : platforms[i]);
    }
  if (names->len)
    g_string_append_printf (summary, " [%s]", names->str);

  icalcomponent_add_property (event, icalproperty_new_uid (uid));
  icalcomponent_add_property (event, icalproperty_new_dtstamp (utc_time (lineup_post_get_updated_at (post))));
  if (zone)
    {
      /* The local wall time, written without a zone of its own: the TZID
       * parameter names the VTIMEZONE (libical would add a Z otherwise). */
      struct icaltimetype local = icaltime_from_timet_with_zone ((time_t) at, 0, zone);

      local.zone = NULL;
      prop = icalproperty_new_dtstart (local);
      icalproperty_add_parameter (prop, icalparameter_new_tzid (tzid));
    }
  else
    prop = icalproperty_new_dtstart (utc_time (at));
  icalcomponent_add_property (event, prop);
  icalcomponent_add_property (event, icalproperty_new_duration (
    icaldurationtype_from_int ((options->duration_minutes > 0 ? options->duration_minutes : 30) * 60)));
  icalcomponent_add_property (event, icalproperty_new_summary (summary->str));
  if (options->privacy != LINEUP_ICS_PRIVACY_TITLES)
    {
      g_autofree char *description = describe (post, options->privacy);

      if (*description)
        icalcomponent_add_property (event, icalproperty_new_description (description));
    }
  /* One property a value: a category may hold a comma. */
  if (pillar)
    add_category (event, lineup_pillar_get_name (pillar));
  if (type)
    add_category (event, lineup_content_type_get_name (type));
  icalcomponent_add_property (event, icalproperty_new_status (lineup_post_get_stage (post) >= LINEUP_STAGE_APPROVED
                                                              ? ICAL_STATUS_CONFIRMED : ICAL_STATUS_TENTATIVE));
  icalcomponent_add_property (event, icalproperty_new_sequence (MAX (lineup_post_get_revision (post) - 1, 0)));
  icalcomponent_add_property (event, icalproperty_new_lastmodified (utc_time (lineup_post_get_updated_at (post))));
  icalcomponent_add_property (event, icalproperty_new_transp (ICAL_TRANSP_TRANSPARENT));
  if (pillar)
    icalcomponent_add_property (event, icalproperty_new_color (lineup_css_color_name (lineup_pillar_get_color (pillar))));
  if (pillar)
    add_x (event, "X-LINEUP-PILLAR", lineup_pillar_get_name (pillar));
  if (type)
    add_x (event, "X-LINEUP-TYPE", lineup_content_type_get_name (type));
  add_x (event, "X-LINEUP-STAGE", lineup_stage_to_key (lineup_post_get_stage (post)));
  if (*keys)
    add_x_list (event, "X-LINEUP-PLATFORMS", keys);
  add_x (event, "X-LINEUP-POST-ID", lineup_post_get_id (post));
  /* Where the published post can be seen (protocols.md §4). */
  if (url)
    icalcomponent_add_property (event, icalproperty_new_url (url));
  return event;
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

char *
lineup_ics_export (LineupStore            *store,
                   GPtrArray              *posts,
                   const LineupIcsOptions *options,
                   gsize                  *out_length)
{
  LineupIcsOptions defaults = { 0 };
  icalcomponent *calendar;
  icalproperty *prop;
  icaltimezone *zone = NULL;
  const char *tzid = lineup_store_get_time_zone_id (store);
  gint64 last_modified = 0, first = G_MAXINT64;
  int refresh;
  char *text, *result;
  GString *out;
  g_autoptr(GHashTable) urls = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (store), NULL);
  g_return_val_if_fail (posts != NULL, NULL);

  if (options == NULL)
    options = &defaults;
  refresh = options->refresh_minutes > 0 ? options->refresh_minutes : 60;

  for (guint i = 0; i < posts->len; i++)
    {
      LineupPost *post = g_ptr_array_index (posts, i);

      if (!lineup_post_is_dated (post) || lineup_post_get_deleted_at (post) != 0)
        continue;
      last_modified = MAX (last_modified, lineup_post_get_updated_at (post));
      first = MIN (first, lineup_post_get_scheduled_at (post));
    }
  if (options->local_time && tzid && !g_str_equal (tzid, "UTC") && !g_str_equal (tzid, "Etc/UTC"))
    zone = icaltimezone_get_builtin_timezone (tzid);

  calendar = icalcomponent_new (ICAL_VCALENDAR_COMPONENT);
  icalcomponent_add_property (calendar, icalproperty_new_prodid ("-//Lineup//Lineup " PACKAGE_VERSION "//EN"));
  icalcomponent_add_property (calendar, icalproperty_new_version ("2.0"));
  icalcomponent_add_property (calendar, icalproperty_new_calscale ("GREGORIAN"));
  icalcomponent_add_property (calendar, icalproperty_new_name (options->name ? options->name : "Lineup"));
  add_x (calendar, "X-WR-CALNAME", options->name ? options->name : "Lineup");
  if (options->description)
    {
      icalcomponent_add_property (calendar, icalproperty_new_description (options->description));
      add_x (calendar, "X-WR-CALDESC", options->description);
    }
  prop = icalproperty_new_refreshinterval (icaldurationtype_from_int (refresh * 60));
  icalproperty_add_parameter (prop, icalparameter_new_value (ICAL_VALUE_DURATION));
  icalcomponent_add_property (calendar, prop);
  {
    g_autofree char *ttl = refresh % 60 == 0 ? g_strdup_printf ("PT%dH", refresh / 60)
                                              : g_strdup_printf ("PT%dM", refresh);
    add_x (calendar, "X-PUBLISHED-TTL", ttl);
  }
  if (last_modified > 0)
    icalcomponent_add_property (calendar, icalproperty_new_lastmodified (utc_time (last_modified)));
  if (zone && first != G_MAXINT64)
    icalcomponent_add_component (calendar, make_vtimezone (zone, tzid, first));

  /* The calendar's own lines, then each event written and freed in turn
   * (one big tree of ten thousand events costs more to build and free
   * than the writing itself). */
  urls = lineup_store_get_published_urls (store);
  text = icalcomponent_as_ical_string_r (calendar);
  icalcomponent_free (calendar);
  out = g_string_sized_new (512 + posts->len * 560);
  append_escaped (out, text);
  g_assert (g_str_has_suffix (out->str, "END:VCALENDAR\r\n"));
  g_string_truncate (out, out->len - strlen ("END:VCALENDAR\r\n"));

  for (guint i = 0; i < posts->len; i++)
    {
      LineupPost *post = g_ptr_array_index (posts, i);
      icalcomponent *event;

      if (!lineup_post_is_dated (post) || lineup_post_get_deleted_at (post) != 0)
        continue;
      event = make_event (store, post, options, zone, tzid, urls);
      append_escaped (out, icalcomponent_as_ical_string_r (event));
      icalcomponent_free (event);
    }
  g_string_append (out, "END:VCALENDAR\r\n");

  if (out_length)
    *out_length = out->len;
  result = g_string_free (out, FALSE);
  return result;
}
