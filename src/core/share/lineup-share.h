/* lineup-share.h: a plan shared through a CalDAV server, as its users use it.
 *
 * One call per intent for the command line and the app: share this plan,
 * join a shared one, one pass now, the status, the conflicts and their
 * resolution, leaving. docs/sharing.md is the format and the rules; this
 * module wires the store (lineup-store-share.h), the iCalendar form
 * (lineup-share-ical.h), the merge and the CalDAV client together.
 *
 * lineup_share_attach () registers the listener that queues every local
 * change in the same transaction as the change: lineup_plan_open () calls
 * it after the outbox's.
 *
 * The network calls block (the command line, worker threads); the _async
 * forms run them in a thread on a plan of their own opened on the same
 * file, as the feeds do: the window's store sees the result through its
 * file watch. The password lives in the Secret Service (or the
 * LINEUP_SECRETS_FILE file), never in the plan.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lineup-store.h"

G_BEGIN_DECLS

#define LINEUP_SHARE_ERROR (lineup_share_error_quark ())

typedef enum {
  LINEUP_SHARE_ERROR_NOT_SHARED,      /* the plan is not shared: share create or join first */
  LINEUP_SHARE_ERROR_ALREADY_SHARED,  /* the plan is shared already: leave first */
  LINEUP_SHARE_ERROR_NOT_EMPTY,       /* join on a plan that has posts */
  LINEUP_SHARE_ERROR_OFFLINE,         /* no answer from the server: changes wait */
  LINEUP_SHARE_ERROR_REFUSED,         /* the server does not let this login do it */
  LINEUP_SHARE_ERROR_AUTH,            /* login or password wrong */
  LINEUP_SHARE_ERROR_NO_PASSWORD,     /* no password stored for the login */
  LINEUP_SHARE_ERROR_CONFLICT,        /* in step, but conflicts wait for someone */
  LINEUP_SHARE_ERROR_NOT_FOUND,       /* no such post or no conflict on that field */
  LINEUP_SHARE_ERROR_FAILED,          /* the server said something else: the message quotes it */
} LineupShareError;

GQuark lineup_share_error_quark (void);

/* Called by lineup_plan_open (): queues local changes of a shared plan. */
void      lineup_share_attach       (LineupStore  *store);

/* TRUE when the plan is shared. */
gboolean  lineup_share_is_shared    (LineupStore  *store);
/* The login of a shared plan (the person everything is done as), or NULL. */
char     *lineup_share_get_login    (LineupStore  *store);

typedef enum {
  LINEUP_SHARE_IN_STEP,      /* nothing waiting, no conflict, last pass worked */
  LINEUP_SHARE_WAITING,      /* local changes not yet sent */
  LINEUP_SHARE_OFFLINE,      /* the last pass got no answer */
  LINEUP_SHARE_CONFLICTED,   /* conflicts wait to be resolved */
  LINEUP_SHARE_FAILING,      /* the last pass failed with an answer (refused, auth, …) */
} LineupShareState;

typedef struct {
  LineupShareState  state;
  char             *url;
  char             *login;
  char             *approvals_url;    /* NULL: none: approvals are not protected */
  gint64            last_pass_at;     /* 0: never */
  guint             n_waiting;
  guint             n_conflicts;
  char             *last_error;       /* in the server's words, or NULL */
  guint             n_media_up;       /* media files not on the server yet */
  guint             n_media_down;     /* media files the posts use that this copy lacks */
} LineupShareStatus;

void               lineup_share_status_free   (LineupShareStatus *status);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupShareStatus, lineup_share_status_free)
/* NULL when not shared. Local only: no network. */
LineupShareStatus *lineup_share_get_status    (LineupStore       *store);
/* "In step", "3 changes waiting", "Offline, 3 changes waiting",
 * "2 conflicts", "Sharing failed" — for the header. */
char              *lineup_share_state_label   (const LineupShareStatus *status);

typedef struct {
  char *post_id;
  char *post_title;
  char *field;        /* "title", "at", "check:…" */
  char *field_label;  /* "Title", "Date and time" in the user's words */
  char *mine;         /* the value this login wrote, as a person reads it */
  char *theirs;       /* the other value, as a person reads it */
  char *theirs_by;    /* the other value's login */
} LineupShareConflict;

void       lineup_share_conflict_free   (LineupShareConflict *conflict);
/* The conflicts of the plan (@post_id NULL) or of one post. Element type
 * LineupShareConflict. */
GPtrArray *lineup_share_list_conflicts  (LineupStore  *store,
                                         const char   *post_id,
                                         GError      **error);
/* Keeps one value of a conflict (local; the next pass sends it). */
gboolean   lineup_share_resolve         (LineupStore  *store,
                                         const char   *post_id,
                                         const char   *field,
                                         gboolean      keep_mine,
                                         GError      **error);

/* ---- the network (blocking) ---- */

typedef struct {
  const char *url;             /* the plan collection */
  const char *login;
  const char *password;        /* stored in the Secret Service */
  const char *approvals_url;   /* NULL: none */
} LineupShareTarget;

/* Shares this plan: creates the collections when missing (MKCALENDAR),
 * sends every post, the plan's settings and (as lead) the team, as one
 * first pass. */
gboolean  lineup_share_create        (LineupStore              *store,
                                      const LineupShareTarget  *target,
                                      GCancellable             *cancellable,
                                      GError                  **error);
/* Joins a shared plan: on a plan with no posts only; pulls everything. */
gboolean  lineup_share_join          (LineupStore              *store,
                                      const LineupShareTarget  *target,
                                      GCancellable             *cancellable,
                                      GError                  **error);

typedef struct {
  guint sent;        /* resources written or deleted */
  guint received;    /* resources pulled and applied */
  guint conflicts;   /* new conflicts found */
} LineupSharePass;

/* One pass (docs/sharing.md §6): push the queue, pull both collections,
 * check the approvals. TRUE when the plan ended in step (nothing waiting,
 * no conflict); FALSE with the reason otherwise (OFFLINE, REFUSED, CONFLICT
 * …). The status records the result either way. */
gboolean  lineup_share_sync          (LineupStore      *store,
                                      LineupSharePass  *out_pass,
                                      GCancellable     *cancellable,
                                      GError          **error);
/* Stops sharing: the local copy stays, the password is forgotten. */
gboolean  lineup_share_leave         (LineupStore      *store,
                                      GError          **error);

/* ---- the same for the app: a worker thread on its own plan ---- */
void      lineup_share_create_async  (LineupStore              *store,
                                      const LineupShareTarget  *target,
                                      GCancellable             *cancellable,
                                      GAsyncReadyCallback       callback,
                                      gpointer                  user_data);
void      lineup_share_join_async    (LineupStore              *store,
                                      const LineupShareTarget  *target,
                                      GCancellable             *cancellable,
                                      GAsyncReadyCallback       callback,
                                      gpointer                  user_data);
void      lineup_share_sync_async    (LineupStore              *store,
                                      GCancellable             *cancellable,
                                      GAsyncReadyCallback       callback,
                                      gpointer                  user_data);
/* For all three. @out_pass may be NULL. */
gboolean  lineup_share_finish        (LineupStore              *store,
                                      GAsyncResult             *result,
                                      LineupSharePass          *out_pass,
                                      GError                  **error);

/* Whether this copy sends @post_id to @account_id: always in a plan that is
 * not shared; in a shared one only once this copy holds the claim on the
 * server (docs/sharing.md §7; a pass makes the claims). Local: no network. */
gboolean  lineup_share_may_send      (LineupStore      *store,
                                      const char       *post_id,
                                      const char       *account_id);

/* Who sends @post_id to @account_id when another member's copy does
 * (docs/sharing.md §7): that copy holds the claim, or the post was on the
 * network before the plan was shared. @state, @url and @message are what
 * that copy last shared of the send (publish:KEY; NULL while nothing
 * came). NULL when this copy sends it or nobody has claimed it yet.
 * Local: no network. */
typedef struct {
  char *login;     /* the claim's login, NULL without a claim */
  char *state;     /* a LineupSyncState key ("synced", …) or NULL */
  char *url;
  char *message;
} LineupShareSender;

void               lineup_share_sender_free    (LineupShareSender *sender);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupShareSender, lineup_share_sender_free)
LineupShareSender *lineup_share_sent_elsewhere (LineupStore      *store,
                                                const char       *post_id,
                                                const char       *account_id);

/* ---- notices: told once (docs: the people in the chain hear about it) ---- */

typedef enum {
  LINEUP_SHARE_NOTICE_APPROVAL_WANTED,   /* a post waits for your approval */
  LINEUP_SHARE_NOTICE_SENT_BACK,         /* one of yours was sent back with a comment */
  LINEUP_SHARE_NOTICE_CONFLICT,          /* a conflict needs you */
} LineupShareNoticeKind;

typedef struct {
  LineupShareNoticeKind  kind;
  char                  *post_id;
  char                  *title;    /* "Waiting for your approval" */
  char                  *body;     /* the post's title, and the comment */
} LineupShareNotice;

void       lineup_share_notice_free  (LineupShareNotice *notice);
/* The notices not told yet, marking them told. Element type
 * LineupShareNotice. Empty when the plan is not shared. */
GPtrArray *lineup_share_take_notices (LineupStore  *store,
                                      GError      **error);

G_END_DECLS
