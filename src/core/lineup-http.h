/* lineup-http.h: the one libcurl wrapper the publishers (and feeds) share.
 *
 * A LineupHttp keeps one connection per host alive between requests (a sync
 * of 500 posts opens one TCP connection, not 500), verifies TLS always,
 * takes its proxy from the environment as curl does, never follows a
 * redirect, and gives up after a timeout (LINEUP_HTTP_TIMEOUT seconds, 30 by
 * default). Requests on one LineupHttp are serialised; use one per worker.
 *
 * What a server may make Lineup do is bounded here, for every user:
 * an answer's body stops at a cap (LINEUP_HTTP_MAX_BODY unless the request
 * says otherwise), a "next page" link is followed only to the same origin
 * (lineup_http_next_link()), and nothing with credentials (a header or a
 * body) goes to a clear-text http:// address but on this machine
 * (lineup_http_check_address()).
 *
 * lineup_http_send() blocks (for worker threads and the command line);
 * lineup_http_send_async() runs it in a GTask thread so the main loop never
 * waits on the network.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LINEUP_HTTP_ERROR (lineup_http_error_quark ())

/* Every one of these means no answer came: the request may or may not have
 * reached the server, so only an idempotent or keyed request may be retried. */
typedef enum {
  LINEUP_HTTP_ERROR_CONNECT,    /* refused, unreachable, name unknown */
  LINEUP_HTTP_ERROR_TIMEOUT,    /* no (whole) answer within the timeout */
  LINEUP_HTTP_ERROR_DROPPED,    /* the connection closed before the answer */
  LINEUP_HTTP_ERROR_TLS,        /* certificate or TLS failure: not retried */
  LINEUP_HTTP_ERROR_FAILED,
  LINEUP_HTTP_ERROR_TOO_LARGE,  /* the answer passed the request's cap: reading stopped */
  LINEUP_HTTP_ERROR_INSECURE,   /* http:// to another machine: refused before sending */
} LineupHttpError;

/* The cap on an API answer's body: far above any real one (a page of 40
 * posts is ~100 kB). */
#define LINEUP_HTTP_MAX_BODY (8 * 1024 * 1024)
/* The cap on a calendar Lineup reads (an overlay's): a busy year is ~1 MB. */
#define LINEUP_HTTP_MAX_CALENDAR (16 * 1024 * 1024)

GQuark lineup_http_error_quark (void);

typedef struct {
  const char         *method;        /* "GET", "POST", … */
  const char         *url;
  const char         *content_type;  /* with @body */
  const char         *body;          /* NULL: none */
  gsize               body_length;   /* -1 not allowed; use strlen */
  const char * const *headers;       /* NULL-terminated "Name: value" lines, or NULL */
  gsize               max_body;      /* 0: LINEUP_HTTP_MAX_BODY */
} LineupHttpRequest;

typedef struct {
  long        status;
  GString    *body;
  GHashTable *headers;   /* lower-case name → value (the last one wins) */
  char       *url;       /* the request's url, for messages */
} LineupHttpResponse;

void        lineup_http_response_free       (LineupHttpResponse *response);
const char *lineup_http_response_get_header (LineupHttpResponse *response,
                                             const char         *name);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupHttpResponse, lineup_http_response_free)

#define LINEUP_TYPE_HTTP (lineup_http_get_type ())
G_DECLARE_FINAL_TYPE (LineupHttp, lineup_http, LINEUP, HTTP, GObject)

LineupHttp         *lineup_http_new          (void);
/* FALSE: a new connection for every request (the benchmark's baseline). */
void                lineup_http_set_reuse    (LineupHttp *self,
                                              gboolean    reuse);
void                lineup_http_set_timeout  (LineupHttp *self,
                                              int         seconds);
int                 lineup_http_get_timeout  (LineupHttp *self);
/* How many TCP connections this LineupHttp has opened so far. */
guint               lineup_http_get_connections (LineupHttp *self);

/* NULL with @error only when no answer came; any status is an answer. */
LineupHttpResponse *lineup_http_send         (LineupHttp               *self,
                                              const LineupHttpRequest  *request,
                                              GCancellable             *cancellable,
                                              GError                  **error);
/* The request is copied: it need not outlive the call. */
void                lineup_http_send_async   (LineupHttp               *self,
                                              const LineupHttpRequest  *request,
                                              GCancellable             *cancellable,
                                              GAsyncReadyCallback       callback,
                                              gpointer                  user_data);
LineupHttpResponse *lineup_http_send_finish  (LineupHttp               *self,
                                              GAsyncResult             *result,
                                              GError                  **error);

/* LINEUP_HTTP_ERROR_TOO_LARGE: @url's answer passed @max_body bytes. */
void                lineup_http_set_too_large (GError     **error,
                                               const char  *url,
                                               gsize        max_body);

/* The response's Link: <…>; rel="next", resolved against its url, in
 * @out_next (NULL when there is none). FALSE with an error when it points
 * to another origin (scheme, host, port): a server may not send Lineup, and
 * the credentials it sends along, elsewhere. */
gboolean            lineup_http_next_link    (LineupHttpResponse  *response,
                                              char               **out_next,
                                              GError             **error);
gboolean            lineup_http_same_origin  (const char *a,
                                              const char *b);
/* TRUE for https://, and for http:// only to this machine (localhost,
 * 127.0.0.0/8, ::1); otherwise LINEUP_HTTP_ERROR_INSECURE saying what to do. */
gboolean            lineup_http_check_address (const char  *url,
                                               GError     **error);

/* Tests only (tests/fuzz): every request of @self is answered by @transport,
 * never the network. It returns a response or NULL with @error set, as
 * lineup_http_send() does. NULL restores the network. */
typedef LineupHttpResponse *(*LineupHttpTransport) (const LineupHttpRequest  *request,
                                                    gpointer                  user_data,
                                                    GError                  **error);
void                lineup_http_set_transport (LineupHttp          *self,
                                               LineupHttpTransport  transport,
                                               gpointer             user_data);

/* Percent-encodes @value for a query string or a form body. */
char               *lineup_http_escape       (const char *value);

G_END_DECLS
