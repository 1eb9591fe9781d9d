/* lineup-caldav.h: a CalDAV calendar collection, read and written both ways.
 *
 * The client side of docs/sharing.md §6 and protocols.md §5–6 over one
 * LineupHttp (blocking: for worker threads and the command line): creating
 * the collection (MKCALENDAR, VEVENT + VTODO), conditional PUT and DELETE,
 * GET, and the changes since a sync token (REPORT sync-collection, RFC 6578)
 * with every fallback real servers need: a stale or unknown token (403, 409,
 * 410, 418, "Token not found") → a PROPFIND listing of getetag diffed by
 * the caller's known ETags; a 507 inside the multistatus → ask again with
 * the new token; a change listed without an ETag → fetched with GET. Bodies
 * come in calendar-multiget batches. Knows nothing of posts or records.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lineup-http.h"

G_BEGIN_DECLS

#define LINEUP_CALDAV_ERROR (lineup_caldav_error_quark ())

/* No answer at all (offline, refused, timeout) is a LINEUP_HTTP_ERROR. */
typedef enum {
  LINEUP_CALDAV_ERROR_PRECONDITION,  /* 412: someone else wrote first (or the resource exists) */
  LINEUP_CALDAV_ERROR_FORBIDDEN,     /* 403: the server does not let this login do it */
  LINEUP_CALDAV_ERROR_AUTH,          /* 401: login or password wrong */
  LINEUP_CALDAV_ERROR_NOT_FOUND,     /* 404: no such collection or resource */
  LINEUP_CALDAV_ERROR_TOO_LARGE,     /* 413: the body is more than the server takes */
  LINEUP_CALDAV_ERROR_NOT_CALENDAR,  /* the URL is not a calendar collection, and cannot become one */
  LINEUP_CALDAV_ERROR_PROTOCOL,      /* an answer that is not what CalDAV says (bad XML, …) */
  LINEUP_CALDAV_ERROR_SERVER,        /* 5xx or another status: the message quotes the server */
} LineupCaldavError;

GQuark lineup_caldav_error_quark (void);

typedef struct _LineupCaldav LineupCaldav;

/* @collection_url: the calendar collection (a trailing "/" is added when
 * missing). @user NULL: no authentication. The password is kept in memory
 * only. Requests go through @http (its transport, timeout and address
 * checks: an http:// URL to another machine is refused). */
LineupCaldav *lineup_caldav_new       (LineupHttp    *http,
                                       const char    *collection_url,
                                       const char    *user,
                                       const char    *password);
void          lineup_caldav_free      (LineupCaldav  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupCaldav, lineup_caldav_free)
const char   *lineup_caldav_get_url   (LineupCaldav  *self);

/* Resources whose name starts with @prefix (NULL: none) are listed by
 * lineup_caldav_changes () with their ETag and lazy TRUE, never fetched
 * there: they are large, and read one by one with
 * lineup_caldav_get_capped () when needed. The sync report then asks for
 * ETags only, and the other changes come in calendar-multiget batches. */
void          lineup_caldav_set_lazy_prefix (LineupCaldav *self,
                                             const char   *prefix);

/* The href (absolute path, as the server writes hrefs) of @name
 * ("UID.ics") in the collection. Every href this client returns is
 * normalised the same way (the origin of an absolute URL dropped, %XX
 * decoded and encoded again one way), so one resource always has one
 * string, whichever spelling the server used. */
char         *lineup_caldav_href      (LineupCaldav  *self,
                                       const char    *name);

/* Makes sure the collection exists and is a calendar: PROPFIND; when it is
 * missing, MKCALENDAR with @display_name asking for VEVENT and VTODO (and
 * MKCOL of a missing parent when the server answers 409). @create FALSE:
 * a missing collection is LINEUP_CALDAV_ERROR_NOT_FOUND. Also checks the
 * login (401 → AUTH). */
gboolean      lineup_caldav_ensure    (LineupCaldav  *self,
                                       gboolean       create,
                                       const char    *display_name,
                                       GCancellable  *cancellable,
                                       GError       **error);

typedef struct {
  char     *href;
  char     *etag;     /* quoted as the server sent it; NULL when it sent none */
  char     *data;     /* the iCalendar text; NULL for a removed resource or a lazy one */
  gboolean  removed;
  gboolean  lazy;     /* named with the lazy prefix: listed, not fetched */
} LineupCaldavItem;

void          lineup_caldav_item_free (LineupCaldavItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupCaldavItem, lineup_caldav_item_free)

/* What changed since @token (NULL or "": everything, RFC 6578 §3.4).
 * @known: href → ETag of what the caller has (may be NULL); used by the
 * fallback listing, which then reports every known href the server no
 * longer lists as removed, and fetches only what is new or has another
 * ETag. @out_items: LineupCaldavItem, changed ones with their data and
 * ETag, removed ones with removed TRUE; the collection itself is never
 * among them. @out_token: the token to ask with next time (NULL when the
 * server gives none: then every pass lists). @out_listed (may be NULL):
 * TRUE when a listing replaced the report: after a 400, 403, 405, 409,
 * 410, 412, 418 or 501, an error body about the token, or a 500 to a
 * non-empty token (Xandikos 0.2.8 fails so on a token it does not know).
 * The listing takes the collection's DAV:sync-token before it lists, so
 * a change made meanwhile comes again next pass rather than never. */
gboolean      lineup_caldav_changes   (LineupCaldav  *self,
                                       const char    *token,
                                       GHashTable    *known,
                                       GPtrArray    **out_items,
                                       char         **out_token,
                                       gboolean      *out_listed,
                                       GCancellable  *cancellable,
                                       GError       **error);

/* The resource at @href, or NULL with LINEUP_CALDAV_ERROR_NOT_FOUND. */
LineupCaldavItem *lineup_caldav_get   (LineupCaldav  *self,
                                       const char    *href,
                                       GCancellable  *cancellable,
                                       GError       **error);

/* The same with the answer capped at @max_body bytes instead of
 * LINEUP_HTTP_MAX_CALENDAR (a larger answer: LINEUP_HTTP_ERROR_TOO_LARGE). */
LineupCaldavItem *lineup_caldav_get_capped (LineupCaldav  *self,
                                            const char    *href,
                                            gsize          max_body,
                                            GCancellable  *cancellable,
                                            GError       **error);

/* Writes @data to @href: with @if_match (a quoted ETag) an update
 * (If-Match), with NULL a create (If-None-Match: *). 412 →
 * LINEUP_CALDAV_ERROR_PRECONDITION; 403 → FORBIDDEN quoting the server;
 * 413 → TOO_LARGE. @out_etag: the new ETag, NULL when the server answered
 * without one (then GET it before the next conditional write). */
gboolean      lineup_caldav_put       (LineupCaldav  *self,
                                       const char    *href,
                                       const char    *data,
                                       const char    *if_match,
                                       char         **out_etag,
                                       GCancellable  *cancellable,
                                       GError       **error);

/* Deletes @href with If-Match: @if_match (NULL: unconditionally). A
 * resource already gone (404) is success. */
gboolean      lineup_caldav_delete    (LineupCaldav  *self,
                                       const char    *href,
                                       const char    *if_match,
                                       GCancellable  *cancellable,
                                       GError       **error);

G_END_DECLS
