/* lineup-feed.h: publishing a feed (a saved iCalendar export) to its
 * destination: a file (written atomically), a WebDAV file (PUT with the
 * ETag of the last upload; a stale one is a conflict, never overwritten
 * blindly) or a CalDAV collection (one resource a post: PUT what changed,
 * DELETE what is gone). protocols.md §4–5.
 *
 * Passwords never reach the plan's file: a feed's password lives with the
 * other secrets (lineup-secrets.h: the Secret Service, or the file named by
 * LINEUP_SECRETS_FILE), as account "feed:NAME", kind "password". A caller
 * may give one instead (the command line and the app pass
 * LINEUP_FEED_PASSWORD when it is set, for scripts).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-store.h"

G_BEGIN_DECLS

#define LINEUP_FEED_ERROR (lineup_feed_error_quark ())
GQuark lineup_feed_error_quark (void);

typedef enum {
  LINEUP_FEED_ERROR_CONFLICT,   /* someone else changed the destination */
  LINEUP_FEED_ERROR_REFUSED,    /* the server said no (4xx) */
  LINEUP_FEED_ERROR_SERVER,     /* the server failed (5xx) */
  LINEUP_FEED_ERROR_NETWORK,    /* no answer: refused, unreachable, timed out */
  LINEUP_FEED_ERROR_FILE,
  LINEUP_FEED_ERROR_PASSWORD,   /* the server refused the user or password (401), or none is stored */
} LineupFeedError;

/* The environment variable a script sets to give the password itself. */
#define LINEUP_FEED_PASSWORD_ENV "LINEUP_FEED_PASSWORD"

/* The value of LINEUP_FEED_PASSWORD, or NULL when it is unset or empty. */
const char *lineup_feed_password_from_env (void);

/* The posts @feed shows today: its window and filter. Element type LineupPost. */
GPtrArray *lineup_feed_select_posts (LineupStore  *store,
                                     LineupFeed   *feed,
                                     GError      **error);

/* Publishes @feed now and records the result (time, items, error) in the
 * plan. @password: NULL for the one stored for the feed (looked up only
 * when the feed has a user name; this blocks). @force replaces a WebDAV
 * file someone else changed. Returns the number of posts published, or -1
 * with @error in plain words. */
int        lineup_feed_publish      (LineupStore  *store,
                                     const char   *name,
                                     const char   *password,
                                     gboolean      force,
                                     GError      **error);

/* The same, off the main thread, on its own connection to the plan at
 * @path (the app's store notices the result through the file). The
 * callback gets the number of posts, or -1 with the error. */
void       lineup_feed_publish_async  (const char          *path,
                                       const char          *name,
                                       const char          *password,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
int        lineup_feed_publish_finish (GAsyncResult        *result,
                                       GError             **error);

/* A feed's password with the secrets (lineup-secrets.h), under the feed's
 * name as the plan spells it. They block (D-Bus or the file): call them in
 * a worker thread or on the command line. Forgetting a feed that has none
 * is no error. */
gboolean   lineup_feed_store_password  (const char          *name,
                                        const char          *password,
                                        GError             **error);
char      *lineup_feed_lookup_password (const char          *name,
                                        GError             **error);
gboolean   lineup_feed_forget_password (const char          *name,
                                        GError             **error);
/* lineup_feed_store_password() in a worker thread, for the window;
 * @password NULL: lineup_feed_forget_password(). */
void       lineup_feed_store_password_async  (const char          *name,
                                              const char          *password,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean   lineup_feed_store_password_finish (GAsyncResult        *result,
                                              GError             **error);

/* The body of a GET of @url, or NULL with the reason in plain words. */
char      *lineup_http_get            (const char          *url,
                                       gsize               *out_length,
                                       GError             **error);

/* "webcal://host/path" for an http(s) file, or NULL where there is none. */
char      *lineup_feed_subscription_link (LineupFeed *feed);

G_END_DECLS
