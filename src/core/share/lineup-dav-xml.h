/* lineup-dav-xml.h: a small tree of a WebDAV answer's XML, without libxml2.
 *
 * Reads a multistatus (or any XML body) with GLib's GMarkupParseContext
 * into a tree of elements named by namespace URI and local name, whatever
 * prefixes the server chose (D:, d:, a default xmlns, none). Bounded for
 * hostile answers: too deep or too many elements is an error, never a
 * crash. Also reads a multistatus into its responses (href, status,
 * getetag, calendar-data, sync-token, resourcetype); what to do with them
 * is lineup-caldav.c's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LINEUP_DAV_NS     "DAV:"
#define LINEUP_CALDAV_NS  "urn:ietf:params:xml:ns:caldav"

typedef struct _LineupDavNode LineupDavNode;
struct _LineupDavNode {
  char          *ns;        /* namespace URI; "" when the name had none */
  char          *name;      /* local name */
  GString       *text;      /* the text directly inside, entities decoded */
  GPtrArray     *children;  /* LineupDavNode, in document order */
  LineupDavNode *parent;
};

/* The root element of @text, or NULL with a G_MARKUP_ERROR saying what is
 * wrong (not XML, cut short, deeper than 64, more than 200,000 elements). */
LineupDavNode *lineup_dav_xml_parse       (const char    *text,
                                           gssize         length,
                                           GError       **error);
void           lineup_dav_node_free       (LineupDavNode *node);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupDavNode, lineup_dav_node_free)

/* TRUE when @node is {@ns}@name. */
gboolean       lineup_dav_node_is         (LineupDavNode *node,
                                           const char    *ns,
                                           const char    *name);
/* The first child {@ns}@name of @node, or NULL. */
LineupDavNode *lineup_dav_node_child      (LineupDavNode *node,
                                           const char    *ns,
                                           const char    *name);
/* The stripped text of the first child {@ns}@name (a new string), or NULL
 * when there is no such child. */
char          *lineup_dav_node_child_text (LineupDavNode *node,
                                           const char    *ns,
                                           const char    *name);

/* One <response> of a multistatus, one per href it names, with the
 * properties of its 2xx propstats. */
typedef struct {
  char    *href;        /* as the server wrote it, stripped */
  int      status;      /* the response's own status; 0 when it has propstats */
  char    *etag;        /* DAV:getetag */
  char    *data;        /* CALDAV:calendar-data, its line ends CR LF again */
  char    *sync_token;  /* DAV:sync-token as a property */
  gboolean collection;  /* DAV:resourcetype holds DAV:collection */
  gboolean calendar;    /* … and CALDAV:calendar */
} LineupDavResponse;

void           lineup_dav_response_free   (LineupDavResponse *response);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupDavResponse, lineup_dav_response_free)

/* The LineupDavResponse of a DAV:multistatus, and the multistatus's own
 * DAV:sync-token (NULL when it has none), or NULL with a G_MARKUP_ERROR
 * when @text is not XML or not a multistatus. */
GPtrArray     *lineup_dav_multistatus_parse (const char  *text,
                                             gssize       length,
                                             char       **out_sync_token,
                                             GError     **error);
/* "HTTP/1.1 404 Not Found" → 404; 0 when unreadable. */
int            lineup_dav_status_code     (const char    *line);

G_END_DECLS
