/* test-ics-stream.c: the streamed iCalendar export loses nothing.
 *
 * Plans with awkward content (long titles whose multi-byte characters fall
 * on every octet of the fold, commas, semicolons, backslashes, line breaks
 * and control characters in captions and briefs, every stage, dated and
 * undated, every network, pillars, types and campaigns, published URLs) are
 * exported with every option; each export
 *  - equals byte for byte what the libical exporter it replaced wrote (kept
 *    below, as it was, as the reference), but for the one place libical
 *    3.0.16 cut a CRLF in two (a last piece of exactly 73 octets);
 *  - parses with libical back to every post's values, property by property;
 *  - has lines of at most 75 octets, CRLF ends, no fold inside a character;
 *  - is the same whether streamed to a GOutputStream or kept in memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libical/ical.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "lineup-core.h"
#include "lineup-account.h"
#include "lineup-store-publish.h"
#include "lineup-test-util.h"

/* ---- the reference: the libical exporter as it was (before issue 19) ---- */

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

static char *
reference_export (LineupStore            *store,
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

/* libical 3.0.16 cuts a CRLF in two when a folded line's last piece is 73
 * octets with no ';', ':' or ' ' in it ("…\r" "\r\n " "\n"): the streamed
 * writer keeps such a piece whole. */
static char *
reference_repaired (LineupStore            *store,
                    GPtrArray              *posts,
                    const LineupIcsOptions *options)
{
  g_autofree char *text = reference_export (store, posts, options, NULL);
  g_autoptr(GString) repaired = g_string_new (text);

  g_string_replace (repaired, "\r\r\n \n", "\r\n", 0);
  return g_string_free (g_steal_pointer (&repaired), FALSE);
}

/* ---- the plan ---- */

typedef struct {
  char *dir;
  LineupStore *store;
  GPtrArray *posts;         /* what is exported: stored posts and made-up ones */
  GHashTable *urls;         /* post id → URL */
} Fixture;

static const char *pillar_names[] = {
  "Stories, told; well",
  "Back\\slash",
  "Zażółć gęślą jaźń 🎉, a pillar whose name is long enough to be folded",
  "Plain",
};

static const char *type_names[] = { "Narrative", "How-to; tips, tricks", "Ünïcödé 🧪" };

/* A title of @prefix ASCII letters, then multi-byte characters of every
 * length, so that the fold meets each octet of a sequence somewhere. */
static char *
awkward_title (guint prefix)
{
  GString *title = g_string_new (NULL);

  for (guint i = 0; i < prefix; i++)
    g_string_append_c (title, 'a' + i % 26);
  g_string_append (title, "é€🎉ż, ; \\ ");
  while (g_utf8_strlen (title->str, -1) < 150)
    g_string_append (title, "ą🎉€x");
  return g_string_free (title, FALSE);
}

static LineupPost *
make_post (Fixture     *f,
           const char  *title,
           const char  *body,
           guint        n,
           gint64       pillar,
           gint64       type,
           gint64       campaign,
           LineupStage  stage,
           gboolean     dated)
{
  LineupPost *post = lineup_post_new ();
  guint n_platforms = 0;
  const LineupPlatformInfo *all = lineup_platforms_get_all (&n_platforms);
  g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();
  g_auto(GStrv) platforms = NULL;

  /* One network, each in turn; every one; none. */
  if (n % 7 == 5)
    for (guint i = 0; i < n_platforms; i++)
      g_strv_builder_add (keys, all[i].key);
  else if (n % 7 != 6)
    g_strv_builder_add (keys, all[n % n_platforms].key);
  platforms = g_strv_builder_end (keys);

  lineup_post_set_title (post, title);
  lineup_post_set_body (post, body);
  lineup_post_set_pillar_id (post, pillar);
  lineup_post_set_type_id (post, type);
  lineup_post_set_campaign_id (post, campaign);
  lineup_post_set_platforms (post, (const char * const *) platforms);
  lineup_post_set_stage (post, stage);
  if (n % 3 != 2)
    for (guint b = 0; b < LINEUP_N_BRIEF_FIELDS; b++)
      {
        g_autofree char *text = g_strdup_printf ("Brief %u; of post %u, with\na second line and \\ a backslash", b, n);
        lineup_post_set_brief (post, b, (b + n) % 4 ? text : NULL);
      }
  if (n % 4 == 1)
    lineup_post_set_due_on (post, "2026-03-27");
  if (dated)
    {
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 1 + n % 28, 1 + n % 12, 2026 + n % 3);
      lineup_post_set_scheduled_at (post, lineup_store_local_to_utc (f->store, &date, (n * 37) % (24 * 60)));
    }
  return post;
}

/* A post that is not in the store: an id and bookkeeping of its own. */
static LineupPost *
made_up (LineupPost *post,
         guint       n)
{
  g_autofree char *id = g_uuid_string_random ();

  _lineup_post_set_id (post, id);
  _lineup_post_set_bookkeeping (post, 1767225600, 1767225600 + n * 3600, 1 + n % 4, 0);
  return post;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static const char insert[] =
    "INSERT INTO publish_state (post_id, account_id, state, url, updated_at) VALUES (?, ?, 'published', ?, 1)";
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupAccount) account = lineup_account_new ();
  g_autofree char *path = NULL;
  gint64 pillars[G_N_ELEMENTS (pillar_names)], types[G_N_ELEMENTS (type_names)], campaign;
  static const char *bodies[] = {
    "",
    "Line one\nLine two, with 🎉 emoji;\nthree",
    "Tabs\tand\r\nCRLF, a backspace\b, a form feed\f and \\n that is not a newline",
    "Noncharacters \uFDD0 and \uFDD1 of the plan's own; commas, too",
    "A caption of one long word: "
    "ThisIsAVeryLongWordWithoutAnyBreakThatLibicalMustCutSomewhereBeforeTheEndOfTheLineXYZ",
  };
  guint n = 0;

  f->dir = g_dir_make_tmp ("lineup-ics-stream-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "lineup.db", NULL);
  f->store = lineup_plan_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (lineup_store_set_time_zone (f->store, "Europe/Warsaw", &error));
  for (guint i = 0; i < G_N_ELEMENTS (pillar_names); i++)
    {
      static const char *colors[] = { "#3584e4", "#e01b24", "#2ec27e", "#000000" };
      pillars[i] = lineup_pillar_get_id (lineup_store_add_pillar (f->store, pillar_names[i], colors[i], -1, &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (type_names); i++)
    {
      LineupContentType *type = lineup_store_find_content_type (f->store, type_names[i]);

      if (type == NULL)
        type = lineup_store_add_content_type (f->store, type_names[i], &error);
      g_assert_no_error (error);
      types[i] = lineup_content_type_get_id (type);
    }
  campaign = lineup_campaign_get_id (lineup_store_add_campaign (f->store, "Spring, launch", "#ff7800", "2026-03-01", "2026-04-30", &error));
  g_assert_no_error (error);

  account->kind = LINEUP_ACCOUNT_MASTODON;
  account->name = g_strdup ("Team");
  account->endpoint = g_strdup ("https://social.example/");
  g_assert_true (lineup_store_add_account (f->store, account, &error));
  g_assert_no_error (error);

  /* Stored posts: titles with the fold at every octet, every stage. */
  for (guint prefix = 0; prefix < 80; prefix++, n++)
    {
      g_autofree char *title = awkward_title (prefix);
      g_autoptr(LineupPost) post = make_post (f, title, bodies[n % G_N_ELEMENTS (bodies)], n,
                                              pillars[n % G_N_ELEMENTS (pillars)], types[n % G_N_ELEMENTS (types)],
                                              n % 2 ? campaign : 0, n % LINEUP_N_STAGES, n % 9 != 8);

      g_assert_true (lineup_store_add_post (f->store, post, &error));
      g_assert_no_error (error);
      if (lineup_post_get_stage (post) == LINEUP_STAGE_PUBLISHED)
        {
          g_autofree char *url = g_strdup_printf ("https://social.example/@team/%u?a=1,b=2;c", n);
          sqlite3_stmt *stmt = _lineup_store_prepare (f->store, insert, &error);

          g_assert_no_error (error);
          sqlite3_bind_text (stmt, 1, lineup_post_get_id (post), -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 2, account->id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 3, url, -1, SQLITE_TRANSIENT);
          g_assert_true (_lineup_store_step_done (f->store, stmt, "test", &error));
        }
    }
  f->posts = lineup_store_list_all_posts (f->store, &error);
  g_assert_no_error (error);

  /* Made-up posts the store would refuse (control characters in a title,
   * an empty title, no pillar or type), exported all the same. */
  {
    static const char *titles[] = {
      "", "Tab\there, CR\rthere, LF\nthere", "x", "Ends in a backslash\\",
    };
    for (guint i = 0; i < G_N_ELEMENTS (titles); i++, n++)
      g_ptr_array_add (f->posts, made_up (make_post (f, titles[i], bodies[i], n, i % 2 ? pillars[0] : 0,
                                                     i % 3 ? 0 : types[1], 0, i, TRUE), n));
  }
  /* A deleted post is never exported. */
  {
    LineupPost *post = made_up (make_post (f, "Deleted", "Gone", n, 0, 0, 0, LINEUP_STAGE_DRAFT, TRUE), n);

    _lineup_post_set_bookkeeping (post, 1767225600, 1767229200, 2, 1767229200);
    g_ptr_array_add (f->posts, post);
    n++;
  }
  /* A caption whose last folded piece is 73 octets without a break: where
   * libical cut the CRLF. */
  {
    g_autoptr(GString) body = g_string_new ("Goal");
    LineupPost *post;

    for (guint len = 60; len < 160; len++, n++)
      {
        g_string_truncate (body, 0);
        for (guint i = 0; i < len; i++)
          g_string_append_c (body, 'A' + i % 26);
        post = made_up (make_post (f, "Long word", body->str, n, 0, 0, 0, LINEUP_STAGE_DRAFT, TRUE), n);
        for (guint b = 0; b < LINEUP_N_BRIEF_FIELDS; b++)
          lineup_post_set_brief (post, b, NULL);
        lineup_post_set_due_on (post, NULL);
        g_ptr_array_add (f->posts, post);
      }
  }
  f->urls = lineup_store_get_published_urls (f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->urls, g_hash_table_unref);
  g_clear_pointer (&f->posts, g_ptr_array_unref);
  g_clear_object (&f->store);
  lineup_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* Every option the callers give: privacy, zone, names with specials,
 * durations and refresh intervals of every shape. */
static const LineupIcsOptions option_sets[] = {
  { NULL, NULL, LINEUP_ICS_PRIVACY_TITLES, 0, 0, FALSE },
  { "Team plan, Q4", "Everything we post; every day\nand night \\o/", LINEUP_ICS_PRIVACY_FULL, 45, 120, TRUE },
  { "Zażółć 🎉; a name long enough to be folded, with commas, and more, and more", NULL,
    LINEUP_ICS_PRIVACY_BRIEF, 90, 90, TRUE },
  { "Plan", "Desc", LINEUP_ICS_PRIVACY_FULL, 1440, 1440, FALSE },
  { "Week", NULL, LINEUP_ICS_PRIVACY_BRIEF, 10080, 15, FALSE },
};

/* ---- the checks ---- */

static void
test_same_bytes (Fixture       *f,
                 gconstpointer  data)
{
  guint differences = 0;

  for (guint o = 0; o < G_N_ELEMENTS (option_sets); o++)
    {
      gsize length = 0;
      g_autofree char *expected = reference_repaired (f->store, f->posts, &option_sets[o]);
      g_autofree char *got = lineup_ics_export (f->store, f->posts, &option_sets[o], &length);
      g_autofree char *raw = reference_export (f->store, f->posts, &option_sets[o], NULL);

      g_assert_cmpuint (length, ==, strlen (got));
      g_assert_cmpstr (got, ==, expected);
      if (!g_str_equal (raw, expected))
        differences++;
    }
  /* The plan does hold the case libical got wrong. */
  g_assert_cmpuint (differences, >, 0);
}

static void
test_lines (Fixture       *f,
            gconstpointer  data)
{
  for (guint o = 0; o < G_N_ELEMENTS (option_sets); o++)
    {
      g_autofree char *text = lineup_ics_export (f->store, f->posts, &option_sets[o], NULL);
      g_auto(GStrv) lines = NULL;

      g_assert_true (g_str_has_prefix (text, "BEGIN:VCALENDAR\r\n"));
      g_assert_true (g_str_has_suffix (text, "END:VCALENDAR\r\n"));
      g_assert_true (g_utf8_validate (text, -1, NULL));
      lines = g_strsplit (text, "\r\n", -1);
      g_assert_cmpstr (lines[g_strv_length (lines) - 1], ==, "");
      for (guint i = 0; lines[i + 1]; i++)
        {
          g_assert_cmpuint (strlen (lines[i]), <=, 75);
          g_assert_cmpuint (strlen (lines[i]), >, 0);
          g_assert_null (strchr (lines[i], '\n'));
          g_assert_null (strchr (lines[i], '\r'));
          /* A folded line never starts inside a UTF-8 sequence. */
          if (lines[i][0] == ' ')
            g_assert_false (((guchar) lines[i][1] & 0xc0) == 0x80);
          g_assert_true (g_utf8_validate (lines[i], -1, NULL));
        }
    }
}

/* A value as read back: CR, backspace and form feed dropped (TEXT has
 * none); in a category a comma as U+201A, a noncharacter of the plan's as
 * U+FFFD; elsewhere U+FDD0 and U+FDD1 as ';' and ',' (the libical
 * exporter's marks for them, kept byte for byte). */
static char *
read_back (const char *value,
           gboolean    category)
{
  GString *text = g_string_new (value);

  g_string_replace (text, "\r", "", 0);
  g_string_replace (text, "\b", "", 0);
  g_string_replace (text, "\f", "", 0);
  if (category)
    {
      g_string_replace (text, ",", "\u201A", 0);
      g_string_replace (text, "\uFDD0", "\uFFFD", 0);
      g_string_replace (text, "\uFDD1", "\uFFFD", 0);
    }
  else
    {
      g_string_replace (text, "\uFDD0", ";", 0);
      g_string_replace (text, "\uFDD1", ",", 0);
    }
  return g_string_free (text, FALSE);
}

static char *
expected_description (LineupPost       *post,
                      LineupIcsPrivacy  privacy)
{
  g_autofree char *plain = describe (post, privacy);

  return read_back (plain, FALSE);
}

static const char *
x_value (icalcomponent *event,
         const char    *name)
{
  for (icalproperty *p = icalcomponent_get_first_property (event, ICAL_X_PROPERTY); p;
       p = icalcomponent_get_next_property (event, ICAL_X_PROPERTY))
    if (g_str_equal (icalproperty_get_x_name (p), name))
      return icalproperty_get_x (p);
  return NULL;
}

static void
check_event (Fixture                *f,
             icalcomponent          *event,
             icaltimezone           *zone,
             LineupPost             *post,
             const LineupIcsOptions *options)
{
  LineupPillar *pillar = lineup_store_get_pillar (f->store, lineup_post_get_pillar_id (post));
  LineupContentType *type = lineup_store_get_content_type (f->store, lineup_post_get_type_id (post));
  const char * const *platforms = lineup_post_get_platforms (post);
  g_autoptr(GString) summary = g_string_new (lineup_post_get_title (post));
  g_autofree char *keys = g_strjoinv (",", (char **) platforms);
  g_autofree char *expected_summary = NULL;
  const char *url = g_hash_table_lookup (f->urls, lineup_post_get_id (post));
  icalproperty *prop;
  struct icaltimetype start;
  guint n_categories = 0, n_found = 0;
  const char *categories[2] = { NULL, NULL };

  for (guint i = 0; platforms[i]; i++)
    g_string_append_printf (summary, "%s%s", i ? ", " : " [", lineup_platform_lookup (platforms[i])->name);
  if (platforms[0])
    g_string_append_c (summary, ']');
  expected_summary = read_back (summary->str, FALSE);
  /* libical's parser drops the blanks a value starts with (an empty title). */
  g_assert_cmpstr (icalcomponent_get_summary (event), ==, g_strchug (expected_summary));

  if (options->privacy == LINEUP_ICS_PRIVACY_TITLES)
    g_assert_null (icalcomponent_get_first_property (event, ICAL_DESCRIPTION_PROPERTY));
  else
    {
      g_autofree char *description = expected_description (post, options->privacy);

      if (*description)
        g_assert_cmpstr (icalcomponent_get_description (event), ==, description);
      else
        g_assert_null (icalcomponent_get_first_property (event, ICAL_DESCRIPTION_PROPERTY));
    }

  /* DTSTAMP and LAST-MODIFIED: the last change; DTSTART: the post's time. */
  g_assert_cmpint (icaltime_as_timet (icalcomponent_get_dtstamp (event)), ==, lineup_post_get_updated_at (post));
  prop = icalcomponent_get_first_property (event, ICAL_LASTMODIFIED_PROPERTY);
  g_assert_cmpint (icaltime_as_timet (icalproperty_get_lastmodified (prop)), ==, lineup_post_get_updated_at (post));
  prop = icalcomponent_get_first_property (event, ICAL_DTSTART_PROPERTY);
  start = icalproperty_get_dtstart (prop);
  if (zone)
    {
      g_assert_cmpstr (icalparameter_get_tzid (icalproperty_get_first_parameter (prop, ICAL_TZID_PARAMETER)), ==,
                       "Europe/Warsaw");
      g_assert_cmpint (icaltime_as_timet_with_zone (start, zone), ==, lineup_post_get_scheduled_at (post));
    }
  else
    {
      g_assert_true (icaltime_is_utc (start));
      g_assert_cmpint (icaltime_as_timet (start), ==, lineup_post_get_scheduled_at (post));
    }
  g_assert_cmpint (icaldurationtype_as_int (icalcomponent_get_duration (event)), ==,
                   (options->duration_minutes ? options->duration_minutes : 30) * 60);
  g_assert_null (icalcomponent_get_first_property (event, ICAL_DTEND_PROPERTY));

  for (prop = icalcomponent_get_first_property (event, ICAL_CATEGORIES_PROPERTY); prop;
       prop = icalcomponent_get_next_property (event, ICAL_CATEGORIES_PROPERTY))
    {
      g_assert_cmpuint (n_found, <, 2);
      categories[n_found++] = icalproperty_get_categories (prop);
    }
  if (pillar)
    {
      g_autofree char *name = read_back (lineup_pillar_get_name (pillar), TRUE);
      g_assert_cmpstr (categories[n_categories++], ==, name);
      g_assert_cmpstr (x_value (event, "X-LINEUP-PILLAR"), ==, lineup_pillar_get_name (pillar));
      g_assert_cmpstr (icalproperty_get_color (icalcomponent_get_first_property (event, ICAL_COLOR_PROPERTY)), ==,
                       lineup_css_color_name (lineup_pillar_get_color (pillar)));
    }
  else
    {
      g_assert_null (x_value (event, "X-LINEUP-PILLAR"));
      g_assert_null (icalcomponent_get_first_property (event, ICAL_COLOR_PROPERTY));
    }
  if (type)
    {
      g_autofree char *name = read_back (lineup_content_type_get_name (type), TRUE);
      g_assert_cmpstr (categories[n_categories++], ==, name);
      g_assert_cmpstr (x_value (event, "X-LINEUP-TYPE"), ==, lineup_content_type_get_name (type));
    }
  else
    g_assert_null (x_value (event, "X-LINEUP-TYPE"));
  g_assert_cmpuint (n_found, ==, n_categories);

  g_assert_cmpint (icalcomponent_get_status (event), ==, lineup_post_get_stage (post) >= LINEUP_STAGE_APPROVED
                                                         ? ICAL_STATUS_CONFIRMED : ICAL_STATUS_TENTATIVE);
  g_assert_cmpint (icalcomponent_get_sequence (event), ==, MAX (lineup_post_get_revision (post) - 1, 0));
  g_assert_cmpint (icalproperty_get_transp (icalcomponent_get_first_property (event, ICAL_TRANSP_PROPERTY)), ==,
                   ICAL_TRANSP_TRANSPARENT);
  g_assert_cmpstr (x_value (event, "X-LINEUP-STAGE"), ==, lineup_stage_to_key (lineup_post_get_stage (post)));
  g_assert_cmpstr (x_value (event, "X-LINEUP-PLATFORMS"), ==, *keys ? keys : NULL);
  g_assert_cmpstr (x_value (event, "X-LINEUP-POST-ID"), ==, lineup_post_get_id (post));
  prop = icalcomponent_get_first_property (event, ICAL_URL_PROPERTY);
  g_assert_cmpstr (prop ? icalproperty_get_url (prop) : NULL, ==, url);
}

static void
test_parse_back (Fixture       *f,
                 gconstpointer  data)
{
  for (guint o = 0; o < G_N_ELEMENTS (option_sets); o++)
    {
      const LineupIcsOptions *options = &option_sets[o];
      g_autofree char *text = lineup_ics_export (f->store, f->posts, options, NULL);
      icalcomponent *calendar = icalparser_parse_string (text);
      icalcomponent *vtz = icalcomponent_get_first_component (calendar, ICAL_VTIMEZONE_COMPONENT);
      icaltimezone *zone = NULL;
      g_autoptr(GHashTable) events = g_hash_table_new (g_str_hash, g_str_equal);
      guint dated = 0;

      g_assert_nonnull (calendar);
      g_assert_cmpint (icalcomponent_count_errors (calendar), ==, 0);
      g_assert_cmpstr (icalproperty_get_name (icalcomponent_get_first_property (calendar, ICAL_NAME_PROPERTY)), ==,
                       options->name ? options->name : "Lineup");
      if (options->description)
        {
          g_autofree char *description = read_back (options->description, FALSE);
          g_assert_cmpstr (icalproperty_get_description (icalcomponent_get_first_property (calendar,
                                                                                           ICAL_DESCRIPTION_PROPERTY)),
                           ==, description);
        }
      g_assert_cmpint (options->local_time, ==, vtz != NULL);
      if (vtz)
        {
          zone = icaltimezone_new ();
          g_assert_true (icaltimezone_set_component (zone, icalcomponent_new_clone (vtz)));
        }
      for (icalcomponent *e = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT); e;
           e = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
        g_hash_table_insert (events, (gpointer) icalcomponent_get_uid (e), e);

      for (guint i = 0; i < f->posts->len; i++)
        {
          LineupPost *post = f->posts->pdata[i];
          g_autofree char *uid = lineup_ics_uid (post);
          icalcomponent *event = g_hash_table_lookup (events, uid);

          if (!lineup_post_is_dated (post) || lineup_post_get_deleted_at (post) != 0)
            {
              g_assert_null (event);
              continue;
            }
          g_assert_nonnull (event);
          check_event (f, event, zone, post, options);
          dated++;
        }
      g_assert_cmpuint (g_hash_table_size (events), ==, dated);
      g_assert_cmpuint (dated, <, f->posts->len);
      if (zone)
        icaltimezone_free (zone, TRUE);
      icalcomponent_free (calendar);
    }
}

/* Streamed to a GOutputStream in chunks: the same bytes; a stream that
 * fails says so. */
static void
test_stream (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) many = g_ptr_array_new ();

  /* Enough to fill several chunks. */
  for (guint r = 0; r < 40; r++)
    for (guint i = 0; i < f->posts->len; i++)
      g_ptr_array_add (many, f->posts->pdata[i]);
  for (guint o = 0; o < G_N_ELEMENTS (option_sets); o++)
    {
      g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
      gsize length = 0;
      g_autofree char *text = lineup_ics_export (f->store, many, &option_sets[o], &length);

      g_assert_cmpuint (length, >, 4 * 64 * 1024);
      g_assert_true (lineup_ics_write (f->store, many, &option_sets[o], memory, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_output_stream_close (memory, NULL, &error));
      g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory)), ==, length);
      g_assert_true (memcmp (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory)), text, length) == 0);
    }
  {
    g_autoptr(GOutputStream) closed = g_memory_output_stream_new_resizable ();

    g_assert_true (g_output_stream_close (closed, NULL, NULL));
    g_assert_false (lineup_ics_write (f->store, many, NULL, closed, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ics-stream/same-bytes", test_same_bytes);
  ADD ("/ics-stream/lines", test_lines);
  ADD ("/ics-stream/parse-back", test_parse_back);
  ADD ("/ics-stream/stream", test_stream);
#undef ADD

  return g_test_run ();
}
