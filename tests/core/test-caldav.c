/* test-caldav.c: the CalDAV client (lineup-caldav.h) against canned answers
 * of real servers (protocols.md §5–6): first sync, 507 truncation, stale
 * tokens (Radicale, sabre, Nextcloud, Xandikos) falling back to a listing,
 * resources without ETags, conditional writes, errors that quote the
 * server, and hostile XML. Live servers: tests/integration/caldav_servers.py.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "lineup-caldav.h"
#include "lineup-dav-xml.h"

#define BASE   "http://127.0.0.1:5232"
#define COLL   BASE "/alice/plan/"
#define MS_D   "<?xml version=\"1.0\"?><D:multistatus xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\">"
#define MS_END "</D:multistatus>"
#define ICS(uid) "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:" uid "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"

/* ---- a scripted server ---- */

typedef struct {
  const char *method;     /* what the client must send */
  const char *url;        /* NULL: any */
  long        status;
  const char *headers;    /* "name: value\n…" */
  const char *body;
} Answer;

typedef struct {
  char   *method;
  char   *url;
  char   *body;
  GStrv   headers;
} Seen;

typedef struct {
  const Answer *answers;
  guint         n;
  guint         next;
  GPtrArray    *seen;
  gboolean      offline;
} Fake;

static void
seen_free (Seen *seen)
{
  g_free (seen->method);
  g_free (seen->url);
  g_free (seen->body);
  g_strfreev (seen->headers);
  g_free (seen);
}

static LineupHttpResponse *
answer (const LineupHttpRequest  *request,
        gpointer                  user_data,
        GError                  **error)
{
  Fake *fake = user_data;
  Seen *seen = g_new0 (Seen, 1);
  LineupHttpResponse *response;
  const Answer *a;

  seen->method = g_strdup (request->method);
  seen->url = g_strdup (request->url);
  seen->body = request->body ? g_strndup (request->body, request->body_length) : NULL;
  seen->headers = g_strdupv ((char **) request->headers);
  g_ptr_array_add (fake->seen, seen);
  if (fake->offline)
    {
      g_set_error (error, LINEUP_HTTP_ERROR, LINEUP_HTTP_ERROR_CONNECT, "Could not connect to %s", request->url);
      return NULL;
    }
  if (fake->next >= fake->n)
    g_error ("unexpected request %s %s", request->method, request->url);
  a = &fake->answers[fake->next++];
  g_assert_cmpstr (request->method, ==, a->method);
  if (a->url)
    g_assert_cmpstr (request->url, ==, a->url);

  response = g_new0 (LineupHttpResponse, 1);
  response->status = a->status;
  response->url = g_strdup (request->url);
  response->body = g_string_new (a->body ? a->body : "");
  response->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (a->headers)
    {
      g_auto(GStrv) lines = g_strsplit (a->headers, "\n", -1);

      for (guint i = 0; lines[i]; i++)
        {
          char *colon = strchr (lines[i], ':');

          if (colon)
            g_hash_table_insert (response->headers, g_ascii_strdown (lines[i], colon - lines[i]),
                                 g_strstrip (g_strdup (colon + 1)));
        }
    }
  return response;
}

typedef struct {
  Fake          fake;
  LineupHttp   *http;
  LineupCaldav *caldav;
} Fixture;

static void
fixture_init (Fixture      *f,
              const Answer *answers,
              guint         n)
{
  memset (f, 0, sizeof *f);
  f->fake.answers = answers;
  f->fake.n = n;
  f->fake.seen = g_ptr_array_new_with_free_func ((GDestroyNotify) seen_free);
  f->http = lineup_http_new ();
  lineup_http_set_transport (f->http, answer, &f->fake);
  /* No trailing slash: the client adds it. */
  f->caldav = lineup_caldav_new (f->http, BASE "/alice/plan", "alice", "s3cret-pw");
}

static void
fixture_clear (Fixture *f,
               gboolean all_used)
{
  if (all_used)
    g_assert_cmpuint (f->fake.next, ==, f->fake.n);
  lineup_caldav_free (f->caldav);
  g_object_unref (f->http);
  g_ptr_array_unref (f->fake.seen);
}

static Seen *
seen (Fixture *f,
      guint    i)
{
  g_assert_cmpuint (i, <, f->fake.seen->len);
  return f->fake.seen->pdata[i];
}

static const char *
header (Seen       *s,
        const char *name)
{
  gsize n = strlen (name);

  for (guint i = 0; s->headers && s->headers[i]; i++)
    if (g_ascii_strncasecmp (s->headers[i], name, n) == 0 && s->headers[i][n] == ':')
      return s->headers[i] + n + 2;
  return NULL;
}

static LineupCaldavItem *
item_of (GPtrArray  *items,
         const char *href)
{
  for (guint i = 0; i < items->len; i++)
    if (g_str_equal (((LineupCaldavItem *) items->pdata[i])->href, href))
      return items->pdata[i];
  return NULL;
}

/* ---- changes ---- */

static void
test_first_sync (void)
{
  /* Default namespace in one answer, "d:"/"cal:" prefixes in the other;
   * the same resource spelt %40 in one and @ in an absolute URL in the
   * other; the collection itself listed among the changes (iCloud). */
  static const Answer answers[] = {
    { "REPORT", COLL, 207, NULL,
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<multistatus xmlns=\"DAV:\">"
      "<response><href>/alice/plan/</href><propstat><prop><getetag>\"c\"</getetag></prop>"
      "<status>HTTP/1.1 200 OK</status></propstat></response>"
      "<response><href>/alice/plan/one.ics</href><propstat><prop><getetag>\"1\"</getetag>"
      "<calendar-data xmlns=\"urn:ietf:params:xml:ns:caldav\">" ICS ("one") "</calendar-data></prop>"
      "<status>HTTP/1.1 200 OK</status></propstat></response>"
      "<response><href>/alice/plan/a%40b.ics</href><propstat><prop><getetag>\"2\"</getetag></prop>"
      "<status>HTTP/1.1 200 OK</status></propstat><propstat><prop><calendar-data xmlns=\"urn:ietf:params:xml:ns:caldav\"/></prop>"
      "<status>HTTP/1.1 404 Not Found</status></propstat></response>"
      "<sync-token>http://radicale.org/ns/sync/t1</sync-token></multistatus>" },
    { "REPORT", COLL, 207, NULL,
      "<d:multistatus xmlns:d=\"DAV:\" xmlns:cal=\"urn:ietf:params:xml:ns:caldav\">"
      "<d:response><d:href>" BASE "/alice/plan/a@b.ics</d:href><d:propstat><d:prop>"
      "<d:getetag>\"2\"</d:getetag><cal:calendar-data><![CDATA[" ICS ("ab") "]]></cal:calendar-data>"
      "</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>" },
  };
  Fixture f;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *token = NULL;
  g_autofree char *expected_auth = NULL;
  g_autofree char *ab = NULL;
  g_autoptr(GError) error = NULL;
  gboolean listed = TRUE;
  LineupCaldavItem *item;

  fixture_init (&f, answers, G_N_ELEMENTS (answers));
  g_assert_true (lineup_caldav_changes (f.caldav, NULL, NULL, &items, &token, &listed, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (listed);
  g_assert_cmpstr (token, ==, "http://radicale.org/ns/sync/t1");

  /* RFC 6578: an empty token element, level 1, Depth 0, getetag and data. */
  g_assert_nonnull (strstr (seen (&f, 0)->body, "<D:sync-token></D:sync-token>"));
  g_assert_nonnull (strstr (seen (&f, 0)->body, "<D:sync-level>1</D:sync-level>"));
  g_assert_nonnull (strstr (seen (&f, 0)->body, "<C:calendar-data/>"));
  g_assert_cmpstr (header (seen (&f, 0), "Depth"), ==, "0");
  expected_auth = g_strconcat ("Basic ", "YWxpY2U6czNjcmV0LXB3", NULL);  /* alice:s3cret-pw */
  g_assert_cmpstr (header (seen (&f, 0), "Authorization"), ==, expected_auth);
  /* The one listed without data comes by multiget, by its href. */
  g_assert_nonnull (strstr (seen (&f, 1)->body, "calendar-multiget"));
  g_assert_nonnull (strstr (seen (&f, 1)->body, "<D:href>/alice/plan/a@b.ics</D:href>"));
  g_assert_null (strstr (seen (&f, 1)->body, "one.ics"));
  g_assert_cmpstr (header (seen (&f, 1), "Depth"), ==, "1");

  g_assert_cmpuint (items->len, ==, 2);
  item = item_of (items, "/alice/plan/one.ics");
  g_assert_nonnull (item);
  g_assert_cmpstr (item->etag, ==, "\"1\"");
  g_assert_cmpstr (item->data, ==, ICS ("one"));
  g_assert_false (item->removed);
  ab = lineup_caldav_href (f.caldav, "a@b.ics");
  item = item_of (items, ab);
  g_assert_nonnull (item);
  g_assert_cmpstr (item->etag, ==, "\"2\"");
  g_assert_cmpstr (item->data, ==, ICS ("ab"));
  fixture_clear (&f, TRUE);
}

/* Resources named with the lazy prefix (a shared plan's media files) are
 * listed, never fetched with the records: the report asks for ETags only
 * (and data a server sends anyway is dropped), the multiget names only the
 * others, and a GET of its own reads one. */
static void
test_lazy_prefix (void)
{
  static const Answer answers[] = {
    { "REPORT", COLL, 207, NULL,
      MS_D "<D:response><D:href>/alice/plan/one.ics</D:href><D:propstat><D:prop><D:getetag>\"1\"</D:getetag>"
      "</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>"
      "<D:response><D:href>/alice/plan/media-ab.ics</D:href><D:propstat><D:prop><D:getetag>\"m\"</D:getetag>"
      "<C:calendar-data>" ICS ("media-ab") "</C:calendar-data>"
      "</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>"
      "<D:sync-token>t1</D:sync-token>" MS_END },
    { "REPORT", COLL, 207, NULL,
      MS_D "<D:response><D:href>/alice/plan/one.ics</D:href><D:propstat><D:prop><D:getetag>\"1\"</D:getetag>"
      "<C:calendar-data>" ICS ("one") "</C:calendar-data></D:prop><D:status>HTTP/1.1 200 OK</D:status>"
      "</D:propstat></D:response>" MS_END },
    { "GET", COLL "media-ab.ics", 200, "ETag: \"m\"", ICS ("media-ab") },
  };
  Fixture f;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupCaldavItem) got = NULL;
  LineupCaldavItem *item;

  fixture_init (&f, answers, G_N_ELEMENTS (answers));
  lineup_caldav_set_lazy_prefix (f.caldav, "media-");
  g_assert_true (lineup_caldav_changes (f.caldav, NULL, NULL, &items, &token, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (strstr (seen (&f, 0)->body, "calendar-data"));
  g_assert_nonnull (strstr (seen (&f, 1)->body, "<D:href>/alice/plan/one.ics</D:href>"));
  g_assert_null (strstr (seen (&f, 1)->body, "media-ab"));
  g_assert_cmpuint (items->len, ==, 2);
  item = item_of (items, "/alice/plan/media-ab.ics");
  g_assert_true (item->lazy);
  g_assert_null (item->data);
  g_assert_cmpstr (item->etag, ==, "\"m\"");
  g_assert_cmpstr (item_of (items, "/alice/plan/one.ics")->data, ==, ICS ("one"));

  got = lineup_caldav_get_capped (f.caldav, "/alice/plan/media-ab.ics", 1024, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->data, ==, ICS ("media-ab"));
  g_assert_cmpstr (got->etag, ==, "\"m\"");
  fixture_clear (&f, TRUE);
}

static void
test_truncated (void)
{
  static const Answer answers[] = {
    { "REPORT", COLL, 207, NULL,
      MS_D "<D:response><D:href>/alice/plan/1.ics</D:href><D:propstat><D:prop><D:getetag>\"1\"</D:getetag>"
      "<C:calendar-data>" ICS ("1") "</C:calendar-data></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>"
      "</D:response><D:response><D:href>/alice/plan/</D:href><D:status>HTTP/1.1 507 Insufficient Storage</D:status>"
      "</D:response><D:sync-token>t2</D:sync-token>" MS_END },
    { "REPORT", COLL, 207, NULL,
      MS_D "<D:response><D:href>/alice/plan/2.ics</D:href><D:propstat><D:prop><D:getetag>\"2\"</D:getetag>"
      "<C:calendar-data>" ICS ("2") "</C:calendar-data></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>"
      "</D:response><D:response><D:href>/alice/plan/gone.ics</D:href><D:status>HTTP/1.1 404 Not Found</D:status>"
      "</D:response><D:response><D:href>/alice/plan/</D:href><D:status>HTTP/1.1 507 Insufficient Storage</D:status>"
      "</D:response><D:sync-token>t3</D:sync-token>" MS_END },
    { "REPORT", COLL, 207, NULL,
      MS_D "<D:response><D:href>/alice/plan/3.ics</D:href><D:propstat><D:prop><D:getetag>\"3\"</D:getetag>"
      "<C:calendar-data>" ICS ("3") "</C:calendar-data></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>"
      "</D:response><D:sync-token>t4</D:sync-token>" MS_END },
  };
  Fixture f;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;

  fixture_init (&f, answers, G_N_ELEMENTS (answers));
  g_assert_true (lineup_caldav_changes (f.caldav, "t1", NULL, &items, &token, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (seen (&f, 0)->body, "<D:sync-token>t1</D:sync-token>"));
  g_assert_nonnull (strstr (seen (&f, 1)->body, "<D:sync-token>t2</D:sync-token>"));
  g_assert_nonnull (strstr (seen (&f, 2)->body, "<D:sync-token>t3</D:sync-token>"));
  g_assert_cmpstr (token, ==, "t4");
  g_assert_cmpuint (items->len, ==, 4);
  g_assert_cmpstr (item_of (items, "/alice/plan/1.ics")->data, ==, ICS ("1"));
  g_assert_cmpstr (item_of (items, "/alice/plan/3.ics")->etag, ==, "\"3\"");
  g_assert_true (item_of (items, "/alice/plan/gone.ics")->removed);
  g_assert_null (item_of (items, "/alice/plan/gone.ics")->data);
  g_assert_null (item_of (items, "/alice/plan/"));
  fixture_clear (&f, TRUE);
}

/* A server refusing the token as @status/@body: the client lists. */
static void
check_listing_fallback (long        status,
                        const char *body)
{
  const Answer answers[] = {
    { "REPORT", COLL, status, NULL, body },
    { "PROPFIND", COLL, 207, NULL,
      MS_D "<D:response><D:href>/alice/plan/</D:href><D:propstat><D:prop><D:sync-token>fresh</D:sync-token>"
      "</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>" MS_END },
    { "PROPFIND", COLL, 207, NULL,
      MS_D "<D:response><D:href>/alice/plan/</D:href><D:propstat><D:prop><D:resourcetype><D:collection/>"
      "<C:calendar/></D:resourcetype></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>"
      "<D:response><D:href>/alice/plan/same.ics</D:href><D:propstat><D:prop><D:getetag>\"s1\"</D:getetag>"
      "</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>"
      "<D:response><D:href>/alice/plan/changed.ics</D:href><D:propstat><D:prop><D:getetag>\"c2\"</D:getetag>"
      "</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>"
      "<D:response><D:href>/alice/plan/new.ics</D:href><D:propstat><D:prop><D:getetag>\"n1\"</D:getetag>"
      "</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>" MS_END },
    { "REPORT", COLL, 207, NULL,
      MS_D "<D:response><D:href>/alice/plan/changed.ics</D:href><D:propstat><D:prop><D:getetag>\"c2\"</D:getetag>"
      "<C:calendar-data>" ICS ("changed") "</C:calendar-data></D:prop><D:status>HTTP/1.1 200 OK</D:status>"
      "</D:propstat></D:response><D:response><D:href>/alice/plan/new.ics</D:href><D:propstat><D:prop>"
      "<D:getetag>\"n1\"</D:getetag><C:calendar-data>" ICS ("new") "</C:calendar-data></D:prop>"
      "<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>" MS_END },
  };
  Fixture f;
  g_autoptr(GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;
  gboolean listed = FALSE;

  g_hash_table_insert (known, "/alice/plan/same.ics", "\"s1\"");
  g_hash_table_insert (known, "/alice/plan/changed.ics", "\"c1\"");
  g_hash_table_insert (known, "/alice/plan/deleted.ics", "\"d1\"");

  fixture_init (&f, answers, G_N_ELEMENTS (answers));
  g_assert_true (lineup_caldav_changes (f.caldav, "stale", known, &items, &token, &listed, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (listed);
  g_assert_cmpstr (token, ==, "fresh");
  g_assert_nonnull (strstr (seen (&f, 1)->body, "sync-token"));
  g_assert_cmpstr (header (seen (&f, 2), "Depth"), ==, "1");
  g_assert_nonnull (strstr (seen (&f, 2)->body, "getetag"));
  /* Only the new and the changed are fetched. */
  g_assert_null (strstr (seen (&f, 3)->body, "same.ics"));
  g_assert_nonnull (strstr (seen (&f, 3)->body, "changed.ics"));

  g_assert_cmpuint (items->len, ==, 3);
  g_assert_null (item_of (items, "/alice/plan/same.ics"));
  g_assert_cmpstr (item_of (items, "/alice/plan/changed.ics")->data, ==, ICS ("changed"));
  g_assert_cmpstr (item_of (items, "/alice/plan/changed.ics")->etag, ==, "\"c2\"");
  g_assert_cmpstr (item_of (items, "/alice/plan/new.ics")->data, ==, ICS ("new"));
  g_assert_true (item_of (items, "/alice/plan/deleted.ics")->removed);
  fixture_clear (&f, TRUE);
}

static void
test_stale_radicale (void)
{
  /* 3.1.8 (Debian 12), then later versions. */
  check_listing_fallback (403, "<?xml version='1.0' encoding='utf-8'?>\n<error xmlns=\"DAV:\"><valid-sync-token /></error>");
  check_listing_fallback (403, "Token not found\n");
}

static void
test_stale_sabre (void)
{
  check_listing_fallback (403, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<d:error xmlns:d=\"DAV:\" "
                          "xmlns:s=\"http://sabredav.org/ns\"><d:valid-sync-token/>"
                          "<s:message>Invalid or unknown sync token</s:message></d:error>");
}

static void
test_stale_nextcloud (void)
{
  check_listing_fallback (418, "");
}

static void
test_stale_xandikos (void)
{
  /* Xandikos 0.2.8 answers an unknown token with a plain 500. */
  check_listing_fallback (500, "500 Internal Server Error\n\nServer got itself in trouble");
}

static void
test_no_sync_collection (void)
{
  check_listing_fallback (501, "Not Implemented");
}

/* A 500 on a first sync is the server's trouble, not a stale token. */
static void
test_server_error (void)
{
  static const Answer answers[] = {
    { "REPORT", COLL, 503, NULL, "<html><body><h1>Maintenance</h1>\nback soon</body></html>" },
  };
  Fixture f;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;

  fixture_init (&f, answers, G_N_ELEMENTS (answers));
  g_assert_false (lineup_caldav_changes (f.caldav, "", NULL, &items, &token, NULL, NULL, &error));
  g_assert_error (error, LINEUP_CALDAV_ERROR, LINEUP_CALDAV_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "503"));
  g_assert_nonnull (strstr (error->message, "Maintenance"));
  g_assert_nonnull (strstr (error->message, COLL));
  g_assert_null (items);
  fixture_clear (&f, TRUE);
}

static void
test_no_etag (void)
{
  static const Answer answers[] = {
    { "REPORT", COLL, 207, NULL,
      MS_D "<D:response><D:href>/alice/plan/x.ics</D:href><D:propstat><D:prop>"
      "<C:calendar-data>" ICS ("x") "</C:calendar-data></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>"
      "</D:response><D:sync-token>t9</D:sync-token>" MS_END },
    { "GET", COLL "x.ics", 200, "Content-Type: text/calendar\nOC-ETag: \"oc-7\"", ICS ("x2") },
  };
  Fixture f;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;

  fixture_init (&f, answers, G_N_ELEMENTS (answers));
  g_assert_true (lineup_caldav_changes (f.caldav, "t8", NULL, &items, &token, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpstr (item_of (items, "/alice/plan/x.ics")->etag, ==, "\"oc-7\"");
  /* What the server holds now, not what the report had. */
  g_assert_cmpstr (item_of (items, "/alice/plan/x.ics")->data, ==, ICS ("x2"));
  fixture_clear (&f, TRUE);
}

/* 150 changes listed with ETags only: two calendar-multiget batches. */
static void
test_multiget_batches (void)
{
  g_autoptr(GString) report = g_string_new (MS_D);
  g_autoptr(GString) first = g_string_new (MS_D);
  g_autoptr(GString) second = g_string_new (MS_D);
  Answer answers[3] = { { "REPORT", COLL, 207, NULL, NULL }, { "REPORT", COLL, 207, NULL, NULL },
                        { "REPORT", COLL, 207, NULL, NULL } };
  Fixture f;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;
  guint hrefs = 0;

  for (int i = 0; i < 150; i++)
    {
      g_string_append_printf (report, "<D:response><D:href>/alice/plan/%d.ics</D:href><D:propstat><D:prop>"
                              "<D:getetag>\"%d\"</D:getetag></D:prop><D:status>HTTP/1.1 200 OK</D:status>"
                              "</D:propstat></D:response>", i, i);
      g_string_append_printf (i < 100 ? first : second,
                              "<D:response><D:href>/alice/plan/%d.ics</D:href><D:propstat><D:prop>"
                              "<D:getetag>\"%d\"</D:getetag><C:calendar-data>BEGIN:VCALENDAR&#13;\nUID:%d&#13;\n"
                              "END:VCALENDAR&#13;\n</C:calendar-data></D:prop><D:status>HTTP/1.1 200 OK</D:status>"
                              "</D:propstat></D:response>", i, i, i);
    }
  g_string_append (report, "<D:sync-token>t1</D:sync-token>" MS_END);
  g_string_append (first, MS_END);
  g_string_append (second, MS_END);
  answers[0].body = report->str;
  answers[1].body = first->str;
  answers[2].body = second->str;

  fixture_init (&f, answers, G_N_ELEMENTS (answers));
  g_assert_true (lineup_caldav_changes (f.caldav, NULL, NULL, &items, &token, NULL, NULL, &error));
  g_assert_no_error (error);
  for (const char *p = seen (&f, 1)->body; (p = strstr (p, "<D:href>")); p++)
    hrefs++;
  g_assert_cmpuint (hrefs, ==, 100);
  g_assert_nonnull (strstr (seen (&f, 2)->body, "<D:href>/alice/plan/149.ics</D:href>"));
  g_assert_null (strstr (seen (&f, 2)->body, "<D:href>/alice/plan/99.ics</D:href>"));
  g_assert_cmpuint (items->len, ==, 150);
  g_assert_cmpstr (item_of (items, "/alice/plan/149.ics")->etag, ==, "\"149\"");
  /* Line ends as the server escaped them: CR LF, not doubled. */
  g_assert_cmpstr (item_of (items, "/alice/plan/7.ics")->data, ==, "BEGIN:VCALENDAR\r\nUID:7\r\nEND:VCALENDAR\r\n");
  fixture_clear (&f, TRUE);
}

static void
check_protocol (const char *body)
{
  const Answer answers[] = { { "REPORT", COLL, 207, NULL, body } };
  Fixture f;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;

  fixture_init (&f, answers, G_N_ELEMENTS (answers));
  g_assert_false (lineup_caldav_changes (f.caldav, NULL, NULL, &items, &token, NULL, NULL, &error));
  g_assert_error (error, LINEUP_CALDAV_ERROR, LINEUP_CALDAV_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, COLL));
  g_assert_null (items);
  g_assert_null (token);
  fixture_clear (&f, TRUE);
}

static void
test_malformed (void)
{
  g_autoptr(GString) deep = g_string_new ("<D:multistatus xmlns:D=\"DAV:\">");

  check_protocol ("");
  check_protocol ("this is not XML");
  check_protocol (MS_D "<D:response><D:href>/alice/plan/a.ics</D:href>");
  check_protocol ("<html><body>Login</body></html>");
  check_protocol (MS_D "<D:response><D:href>&bogus;</D:href></D:response>" MS_END);
  check_protocol (MS_D MS_END "<D:multistatus xmlns:D=\"DAV:\"/>");
  for (int i = 0; i < 5000; i++)
    g_string_append (deep, "<D:prop>");
  for (int i = 0; i < 5000; i++)
    g_string_append (deep, "</D:prop>");
  g_string_append (deep, "</D:multistatus>");
  check_protocol (deep->str);
}

/* ---- writes ---- */

static void
test_put_conditions (void)
{
  static const Answer answers[] = {
    { "PUT", COLL "new.ics", 201, "ETag: \"e1\"", "" },
    { "PUT", COLL "new.ics", 412, NULL, "" },
    { "PUT", COLL "new.ics", 204, NULL, "" },
  };
  Fixture f;
  g_autofree char *etag = NULL;
  g_autofree char *href = NULL;
  g_autoptr(GError) error = NULL;

  fixture_init (&f, answers, G_N_ELEMENTS (answers));
  href = lineup_caldav_href (f.caldav, "new.ics");
  g_assert_cmpstr (href, ==, "/alice/plan/new.ics");

  g_assert_true (lineup_caldav_put (f.caldav, href, ICS ("new"), NULL, &etag, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (etag, ==, "\"e1\"");
  g_assert_cmpstr (header (seen (&f, 0), "If-None-Match"), ==, "*");
  g_assert_null (header (seen (&f, 0), "If-Match"));
  g_assert_cmpstr (seen (&f, 0)->body, ==, ICS ("new"));

  /* A stale update: 412, and no second try without the condition. */
  g_clear_pointer (&etag, g_free);
  g_assert_false (lineup_caldav_put (f.caldav, href, ICS ("new"), "\"e0\"", &etag, NULL, &error));
  g_assert_error (error, LINEUP_CALDAV_ERROR, LINEUP_CALDAV_ERROR_PRECONDITION);
  g_assert_cmpuint (f.fake.seen->len, ==, 2);
  g_assert_cmpstr (header (seen (&f, 1), "If-Match"), ==, "\"e0\"");
  g_assert_null (header (seen (&f, 1), "If-None-Match"));
  g_assert_null (etag);
  g_clear_error (&error);

  /* Taken, but rewritten: no ETag to trust. */
  g_assert_true (lineup_caldav_put (f.caldav, href, ICS ("new"), "\"e1\"", &etag, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (etag);
  fixture_clear (&f, TRUE);
}

static void
test_put_refused (void)
{
  static const Answer answers[] = {
    { "PUT", COLL "a.ics", 403, NULL, "   Access to the requested resource forbidden.   \nsecond line" },
    { "PUT", COLL "a.ics", 413, NULL, "Request Entity Too Large" },
    { "PUT", COLL "a.ics", 401, NULL, "Unauthorized" },
    { "DELETE", COLL "a.ics", 412, NULL, "" },
    { "DELETE", COLL "a.ics", 404, NULL, "" },
  };
  Fixture f;
  g_autoptr(GError) error = NULL;
  g_autofree char *big = g_strnfill (300000, 'x');

  fixture_init (&f, answers, G_N_ELEMENTS (answers));
  g_assert_false (lineup_caldav_put (f.caldav, "/alice/plan/a.ics", ICS ("a"), NULL, NULL, NULL, &error));
  g_assert_error (error, LINEUP_CALDAV_ERROR, LINEUP_CALDAV_ERROR_FORBIDDEN);
  g_assert_cmpstr (error->message, ==, "The server does not let alice write to " COLL "a.ics "
                   "(HTTP 403: Access to the requested resource forbidden.)");
  g_clear_error (&error);

  g_assert_false (lineup_caldav_put (f.caldav, "/alice/plan/a.ics", big, "\"1\"", NULL, NULL, &error));
  g_assert_error (error, LINEUP_CALDAV_ERROR, LINEUP_CALDAV_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "300.0"));
  g_assert_nonnull (strstr (error->message, COLL "a.ics"));
  g_clear_error (&error);

  g_assert_false (lineup_caldav_put (f.caldav, "/alice/plan/a.ics", ICS ("a"), "\"1\"", NULL, NULL, &error));
  g_assert_error (error, LINEUP_CALDAV_ERROR, LINEUP_CALDAV_ERROR_AUTH);
  g_assert_cmpstr (error->message, ==, "The server refused the login alice at " COLL "a.ics: "
                   "check the login and password");
  g_assert_null (strstr (error->message, "s3cret"));
  g_clear_error (&error);

  g_assert_false (lineup_caldav_delete (f.caldav, "/alice/plan/a.ics", "\"1\"", NULL, &error));
  g_assert_error (error, LINEUP_CALDAV_ERROR, LINEUP_CALDAV_ERROR_PRECONDITION);
  g_assert_cmpstr (header (seen (&f, 3), "If-Match"), ==, "\"1\"");
  g_clear_error (&error);
  /* Already gone is done. */
  g_assert_true (lineup_caldav_delete (f.caldav, "/alice/plan/a.ics", "\"1\"", NULL, &error));
  g_assert_no_error (error);
  fixture_clear (&f, TRUE);
}

static void
test_offline (void)
{
  Fixture f;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *token = NULL;

  fixture_init (&f, NULL, 0);
  f.fake.offline = TRUE;
  g_assert_false (lineup_caldav_put (f.caldav, "/alice/plan/a.ics", ICS ("a"), NULL, NULL, NULL, &error));
  g_assert_error (error, LINEUP_HTTP_ERROR, LINEUP_HTTP_ERROR_CONNECT);
  g_clear_error (&error);
  g_assert_false (lineup_caldav_changes (f.caldav, "t", NULL, &items, &token, NULL, NULL, &error));
  g_assert_error (error, LINEUP_HTTP_ERROR, LINEUP_HTTP_ERROR_CONNECT);
  g_clear_error (&error);
  g_assert_false (lineup_caldav_ensure (f.caldav, TRUE, "Plan", NULL, &error));
  g_assert_error (error, LINEUP_HTTP_ERROR, LINEUP_HTTP_ERROR_CONNECT);
  fixture_clear (&f, FALSE);
}

/* ---- ensure ---- */

static void
test_ensure_create (void)
{
  static const Answer answers[] = {
    { "PROPFIND", COLL, 404, NULL, "" },
    { "MKCALENDAR", COLL, 409, NULL, "" },
    { "MKCOL", BASE "/alice/", 201, NULL, "" },
    { "MKCALENDAR", COLL, 201, NULL, "" },
  };
  Fixture f;
  g_autoptr(GError) error = NULL;

  fixture_init (&f, answers, G_N_ELEMENTS (answers));
  g_assert_true (lineup_caldav_ensure (f.caldav, TRUE, "Team & plan", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (header (seen (&f, 0), "Depth"), ==, "0");
  g_assert_nonnull (strstr (seen (&f, 0)->body, "resourcetype"));
  g_assert_nonnull (strstr (seen (&f, 3)->body, "<C:comp name=\"VEVENT\"/>"));
  g_assert_nonnull (strstr (seen (&f, 3)->body, "<C:comp name=\"VTODO\"/>"));
  g_assert_nonnull (strstr (seen (&f, 3)->body, "<D:displayname>Team &amp; plan</D:displayname>"));
  g_assert_nonnull (header (seen (&f, 3), "Authorization"));
  fixture_clear (&f, TRUE);
}

static void
test_ensure_existing (void)
{
  static const Answer answers[] = {
    { "PROPFIND", COLL, 207, NULL,
      "<multistatus xmlns=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><response><href>/alice/plan/</href>"
      "<propstat><prop><resourcetype><collection/><C:calendar/></resourcetype></prop>"
      "<status>HTTP/1.1 200 OK</status></propstat></response></multistatus>" },
    { "PROPFIND", COLL, 207, NULL,
      "<multistatus xmlns=\"DAV:\"><response><href>/alice/plan/</href>"
      "<propstat><prop><resourcetype><collection/></resourcetype></prop>"
      "<status>HTTP/1.1 200 OK</status></propstat></response></multistatus>" },
    { "PROPFIND", COLL, 404, NULL, "" },
    { "PROPFIND", COLL, 401, NULL, "" },
  };
  Fixture f;
  g_autoptr(GError) error = NULL;

  fixture_init (&f, answers, G_N_ELEMENTS (answers));
  g_assert_true (lineup_caldav_ensure (f.caldav, TRUE, "Plan", NULL, &error));
  g_assert_no_error (error);
  g_assert_false (lineup_caldav_ensure (f.caldav, TRUE, "Plan", NULL, &error));
  g_assert_error (error, LINEUP_CALDAV_ERROR, LINEUP_CALDAV_ERROR_NOT_CALENDAR);
  g_clear_error (&error);
  g_assert_false (lineup_caldav_ensure (f.caldav, FALSE, "Plan", NULL, &error));
  g_assert_error (error, LINEUP_CALDAV_ERROR, LINEUP_CALDAV_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (lineup_caldav_ensure (f.caldav, TRUE, "Plan", NULL, &error));
  g_assert_error (error, LINEUP_CALDAV_ERROR, LINEUP_CALDAV_ERROR_AUTH);
  g_assert_cmpstr (error->message, ==, "The server refused the login alice at " COLL ": check the login and password");
  fixture_clear (&f, TRUE);
}

/* ---- the XML reader ---- */

static void
test_xml_namespaces (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupDavNode) root = lineup_dav_xml_parse (
    "<a:x xmlns:a=\"DAV:\" xmlns=\"urn:ietf:params:xml:ns:caldav\"><calendar-data>t &amp; u</calendar-data>"
    "<b:y xmlns:b=\"DAV:\"><b:z/></b:y><q:w/></a:x>", -1, &error);

  g_assert_no_error (error);
  g_assert_true (lineup_dav_node_is (root, LINEUP_DAV_NS, "x"));
  g_assert_cmpstr (lineup_dav_node_child (root, LINEUP_CALDAV_NS, "calendar-data")->text->str, ==, "t & u");
  g_assert_nonnull (lineup_dav_node_child (lineup_dav_node_child (root, LINEUP_DAV_NS, "y"), LINEUP_DAV_NS, "z"));
  /* An undeclared prefix matches nothing. */
  g_assert_null (lineup_dav_node_child (root, LINEUP_DAV_NS, "w"));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/caldav/changes/first-sync", test_first_sync);
  g_test_add_func ("/caldav/changes/truncated-507", test_truncated);
  g_test_add_func ("/caldav/changes/stale-radicale", test_stale_radicale);
  g_test_add_func ("/caldav/changes/stale-sabre", test_stale_sabre);
  g_test_add_func ("/caldav/changes/stale-nextcloud", test_stale_nextcloud);
  g_test_add_func ("/caldav/changes/stale-xandikos", test_stale_xandikos);
  g_test_add_func ("/caldav/changes/no-sync-collection", test_no_sync_collection);
  g_test_add_func ("/caldav/changes/server-error", test_server_error);
  g_test_add_func ("/caldav/changes/no-etag", test_no_etag);
  g_test_add_func ("/caldav/changes/malformed", test_malformed);
  g_test_add_func ("/caldav/changes/multiget-batches", test_multiget_batches);
  g_test_add_func ("/caldav/changes/lazy-prefix", test_lazy_prefix);
  g_test_add_func ("/caldav/put/conditions", test_put_conditions);
  g_test_add_func ("/caldav/put/refused", test_put_refused);
  g_test_add_func ("/caldav/offline", test_offline);
  g_test_add_func ("/caldav/ensure/create", test_ensure_create);
  g_test_add_func ("/caldav/ensure/existing", test_ensure_existing);
  g_test_add_func ("/caldav/xml/namespaces", test_xml_namespaces);
  return g_test_run ();
}
