/* lineup-publisher.h: what every network backend does, the same way.
 *
 * A LineupPublisher is one account on one network (a Mastodon account, a
 * Bluesky handle, a webhook endpoint) with its secret. It says what it can
 * do (capabilities) and does it: create a scheduled post, move it, cancel
 * it, publish one now, and tell what the server holds. The vfuncs block
 * (they run in a worker thread or on the command line); the _async
 * wrappers run them in a GTask thread, cancellable, so the main loop never
 * waits on the network.
 *
 * Every failure is a LINEUP_PUBLISH_ERROR whose code tells the sync engine
 * what to do (retry later, wait for the rate limit, or stop and show the
 * server's words) and whose message says it in a person's words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lineup-http.h"

G_BEGIN_DECLS

#define LINEUP_PUBLISH_ERROR (lineup_publish_error_quark ())

typedef enum {
  LINEUP_PUBLISH_ERROR_TRANSIENT,     /* no answer, 5xx: retry with backoff */
  LINEUP_PUBLISH_ERROR_RATE_LIMITED,  /* 429: retry at lineup_publisher_get_retry_at() */
  LINEUP_PUBLISH_ERROR_AUTH,          /* 401/403, bad password: the account needs a new secret */
  LINEUP_PUBLISH_ERROR_REJECTED,      /* any other 4xx: the server's words; never retried */
  LINEUP_PUBLISH_ERROR_NOT_FOUND,     /* 404: the remote post is gone */
  LINEUP_PUBLISH_ERROR_GONE,          /* 410 from a webhook: the endpoint is disabled */
  LINEUP_PUBLISH_ERROR_INVALID,       /* the post breaks a rule checked before sending */
  LINEUP_PUBLISH_ERROR_TOO_LARGE,     /* the answer passed its cap: retried later, not in this pass */
  LINEUP_PUBLISH_ERROR_REDIRECTED,    /* 3xx: never followed; the address is likely wrong */
} LineupPublishError;

GQuark lineup_publish_error_quark (void);

typedef enum {
  LINEUP_PUBLISH_CAN_SCHEDULE = 1 << 0,  /* the server publishes at the time (Mastodon) */
  LINEUP_PUBLISH_CAN_MOVE     = 1 << 1,  /* a scheduled post's time can change in place */
  LINEUP_PUBLISH_CAN_CANCEL   = 1 << 2,  /* a scheduled post can be withdrawn */
  LINEUP_PUBLISH_HAS_MEDIA    = 1 << 3,  /* images can be attached */
  LINEUP_PUBLISH_CAN_DESCRIBE = 1 << 4,  /* a scheduled post's media take new alt text in place */
} LineupPublishCaps;

/* What Lineup sends: one post, rendered for the network. */
typedef struct {
  char   *key;           /* the same across retries: Idempotency-Key, record key, webhook-id */
  char   *post_id;
  char   *title;
  char   *text;          /* the caption as it goes out */
  char   *content_warning; /* shown before it (Mastodon's spoiler_text), or NULL */
  gint64  scheduled_at;  /* UTC seconds */
  char   *language;      /* BCP 47, or NULL */
  char   *pillar;        /* for webhooks' payload; may be NULL */
  char   *content_type;
  GStrv   platforms;
  GStrv   texts;         /* webhooks: the caption as it goes to each of platforms, in order; or NULL */
  GPtrArray *media;      /* LineupMedium, in the post's order; or NULL */
  GStrv   media_files;   /* where each of media is kept (the plan's media folder) */
  /* Mastodon: the server's id of each of media ("" when none yet), in
   * their order. In: ids uploaded before, to use again; the backend
   * writes the id it used as soon as it has one (an upload, or another
   * one when the server no longer knew the old), so a failure later in
   * the call still tells what was uploaded. NULL: none known. */
  GStrv   media_ids;
} LineupOutgoing;

/* What the server holds. */
typedef struct {
  char     *remote_id;     /* scheduled status id, at:// uri, webhook-id */
  gint64    scheduled_at;  /* 0 once published */
  char     *text;          /* as the server has it, when it says */
  char     *key;           /* the idempotency key it was created with, when it says */
  char     *url;           /* published: where people see it */
  gboolean  published;
  /* The media the server attached (its answer's media_attachments, in
   * order) and their descriptions ("" for none); NULL when it named none. */
  GStrv     media_ids;
  GStrv     media_descriptions;
} LineupRemotePost;

/* New alt text for one medium of a scheduled post (CAN_DESCRIBE). */
typedef struct {
  char     *media_id;
  char     *description;   /* "" clears it */
  guint     index;         /* its place on the post, from 0 (for messages) */
  gboolean  gone;          /* set by the backend: the server no longer knows the id (404) */
} LineupMediaUpdate;

void              lineup_media_update_free   (LineupMediaUpdate *update);

LineupOutgoing   *lineup_outgoing_new        (void);
void              lineup_outgoing_free       (LineupOutgoing *outgoing);
LineupRemotePost *lineup_remote_post_new     (void);
void              lineup_remote_post_free    (LineupRemotePost *remote);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupOutgoing, lineup_outgoing_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupRemotePost, lineup_remote_post_free)

/* What the account's server told about itself when connecting. */
typedef struct {
  char  *handle;        /* "lineup@social.example", "team.bsky.social" */
  char  *remote_user;   /* the account's id on the server, or the DID */
  guint  text_limit;    /* 0: none */
  guint  url_length;    /* characters a link counts as (Mastodon: 23), 0: counted as written */
  char  *media_limits;  /* Mastodon: the instance's media limits as JSON, or NULL */
} LineupAccountInfo;

void lineup_account_info_free (LineupAccountInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupAccountInfo, lineup_account_info_free)

#define LINEUP_TYPE_PUBLISHER (lineup_publisher_get_type ())
G_DECLARE_INTERFACE (LineupPublisher, lineup_publisher, LINEUP, PUBLISHER, GObject)

struct _LineupPublisherInterface {
  GTypeInterface parent_iface;

  LineupPublishCaps  (*get_caps)         (LineupPublisher *self);
  /* The most a caption may count, and how this network counts it. */
  guint              (*get_text_limit)   (LineupPublisher *self);
  guint              (*count_text)       (LineupPublisher *self,
                                          const char      *text);
  /* Checks the secret and learns the account's handle and limits. */
  LineupAccountInfo *(*connect)          (LineupPublisher *self,
                                          GCancellable    *cancellable,
                                          GError         **error);
  /* Only with CAN_SCHEDULE. */
  LineupRemotePost  *(*create_scheduled) (LineupPublisher *self,
                                          LineupOutgoing  *outgoing,
                                          GCancellable    *cancellable,
                                          GError         **error);
  LineupRemotePost  *(*move)             (LineupPublisher *self,
                                          const char      *remote_id,
                                          gint64           scheduled_at,
                                          GCancellable    *cancellable,
                                          GError         **error);
  /* A remote post already gone counts as cancelled. */
  gboolean           (*cancel)           (LineupPublisher *self,
                                          const char      *remote_id,
                                          GCancellable    *cancellable,
                                          GError         **error);
  /* Publishes at once; a retry with the same outgoing->key never publishes twice. */
  LineupRemotePost  *(*publish_now)      (LineupPublisher *self,
                                          LineupOutgoing  *outgoing,
                                          GCancellable    *cancellable,
                                          GError         **error);
  /* Every post the server holds scheduled for this account. Only with CAN_SCHEDULE. */
  GPtrArray         *(*list_scheduled)   (LineupPublisher *self,
                                          GCancellable    *cancellable,
                                          GError         **error);
  /* What became of a scheduled post no longer listed: published (with its
   * url) or NULL with NOT_FOUND when the server has no trace of it. */
  LineupRemotePost  *(*find_published)   (LineupPublisher  *self,
                                          LineupRemotePost *scheduled,
                                          GCancellable     *cancellable,
                                          GError          **error);
  /* Only with CAN_DESCRIBE: sends each of @updates (LineupMediaUpdate) of
   * the post @title; an id the server no longer knows is marked gone, not
   * an error. */
  gboolean           (*describe_media)   (LineupPublisher  *self,
                                          const char       *title,
                                          GPtrArray        *updates,
                                          GCancellable     *cancellable,
                                          GError          **error);
};

LineupPublishCaps  lineup_publisher_get_caps         (LineupPublisher *self);
guint              lineup_publisher_get_text_limit   (LineupPublisher *self);
guint              lineup_publisher_count_text       (LineupPublisher *self,
                                                      const char      *text);
LineupAccountInfo *lineup_publisher_connect          (LineupPublisher *self,
                                                      GCancellable    *cancellable,
                                                      GError         **error);
LineupRemotePost  *lineup_publisher_create_scheduled (LineupPublisher *self,
                                                      LineupOutgoing  *outgoing,
                                                      GCancellable    *cancellable,
                                                      GError         **error);
LineupRemotePost  *lineup_publisher_move             (LineupPublisher *self,
                                                      const char      *remote_id,
                                                      gint64           scheduled_at,
                                                      GCancellable    *cancellable,
                                                      GError         **error);
gboolean           lineup_publisher_cancel           (LineupPublisher *self,
                                                      const char      *remote_id,
                                                      GCancellable    *cancellable,
                                                      GError         **error);
LineupRemotePost  *lineup_publisher_publish_now      (LineupPublisher *self,
                                                      LineupOutgoing  *outgoing,
                                                      GCancellable    *cancellable,
                                                      GError         **error);
GPtrArray         *lineup_publisher_list_scheduled   (LineupPublisher *self,
                                                      GCancellable    *cancellable,
                                                      GError         **error);
LineupRemotePost  *lineup_publisher_find_published   (LineupPublisher  *self,
                                                      LineupRemotePost *scheduled,
                                                      GCancellable     *cancellable,
                                                      GError          **error);
gboolean           lineup_publisher_describe_media   (LineupPublisher  *self,
                                                      const char       *title,
                                                      GPtrArray        *updates,
                                                      GCancellable     *cancellable,
                                                      GError          **error);

/* When a RATE_LIMITED failure may be retried (UTC seconds), or 0. Every
 * backend keeps it from the last answer's rate-limit headers. */
gint64             lineup_publisher_get_retry_at     (LineupPublisher *self);
void               lineup_publisher_set_retry_at     (LineupPublisher *self,
                                                      gint64           retry_at);

/* ---- async: the same operations in a GTask thread ---- */
typedef enum {
  LINEUP_PUBLISH_OP_CONNECT,
  LINEUP_PUBLISH_OP_CREATE,
  LINEUP_PUBLISH_OP_MOVE,
  LINEUP_PUBLISH_OP_CANCEL,
  LINEUP_PUBLISH_OP_PUBLISH,
  LINEUP_PUBLISH_OP_LIST,
  LINEUP_PUBLISH_OP_FIND_PUBLISHED,
  LINEUP_PUBLISH_OP_DESCRIBE,
} LineupPublishOp;

typedef struct {
  LineupPublishOp   op;
  LineupOutgoing   *outgoing;       /* CREATE, PUBLISH */
  char             *remote_id;      /* MOVE, CANCEL */
  gint64            scheduled_at;   /* MOVE */
  LineupRemotePost *scheduled;      /* FIND_PUBLISHED */
  char             *title;          /* DESCRIBE: the post's, for messages */
  GPtrArray        *media_updates;  /* DESCRIBE: LineupMediaUpdate (the backend marks the gone ones) */
} LineupPublishCall;

void               lineup_publish_call_free          (LineupPublishCall *call);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupPublishCall, lineup_publish_call_free)

/* Takes @call. The result is a LineupRemotePost (CREATE, MOVE, PUBLISH,
 * FIND_PUBLISHED), a GPtrArray of them (LIST), a LineupAccountInfo
 * (CONNECT) or nothing (CANCEL, DESCRIBE: TRUE). */
void               lineup_publisher_call_async       (LineupPublisher     *self,
                                                      LineupPublishCall   *call,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gpointer           lineup_publisher_call_finish      (LineupPublisher     *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
/* The call @result ran, with what the backend wrote in it on the way
 * (outgoing->media_ids, media_updates' gone marks), success or not. */
LineupPublishCall *lineup_publisher_call_peek        (GAsyncResult        *result);

/* A 3xx answer's Location as text fit for a message: valid UTF-8, one
 * line, at most 200 characters; NULL when the answer gave none. */
char       *_lineup_publisher_dup_location (LineupHttpResponse *response);

/* ---- shared by the backends ---- */
/* Turns an HTTP answer that is not 2xx into the right LINEUP_PUBLISH_ERROR,
 * quoting the server's "error" message; also keeps the rate-limit reset. */
void               _lineup_publisher_set_http_error  (LineupPublisher    *self,
                                                      LineupHttpResponse *response,
                                                      const char         *what,
                                                      GError            **error);
/* A transport failure (no answer) as a TRANSIENT publish error (TLS and
 * clear text to another machine: REJECTED; an answer past its cap: TOO_LARGE). */
void               _lineup_publisher_set_transport_error (GError  *http_error,
                                                          GError **error);
/* A string member of a server's object; NULL when @object is NULL or the
 * member is missing or of another type (a server's JSON is never trusted). */
const char        *_lineup_publish_member_string     (JsonObject *object,
                                                      const char *name);
/* For a failure that came without a reason: a TRANSIENT error saying so. */
void               _lineup_publisher_set_unusable_error  (GError **error);
/* RFC 3339 UTC with milliseconds, "2026-12-01T09:00:00.000Z". */
char              *lineup_publish_format_time        (gint64      utc);
/* Parses RFC 3339 / ISO 8601 with Z or an offset; FALSE when it is not one. */
gboolean           lineup_publish_parse_time         (const char *text,
                                                      gint64     *out_utc);

G_END_DECLS
