/* lineup-sync-private.h: what the parts of the sync engine share.
 *
 * lineup-sync.c (the pass), lineup-sync-reconcile.c (comparing with the
 * servers) and lineup-publish-store-sync.c (their SQL) work on the same
 * pass, accounts and targets: their structures and the functions between
 * them are here. Not for the UI or the command line, which use
 * lineup-sync.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-sync.h"

G_BEGIN_DECLS

#define ONCE_MAX_WAIT 60         /* a --once pass waits at most this long for a retry */

typedef enum {
  ACT_DROP,           /* nothing to send: the server has what the plan wants */
  ACT_SKIP,           /* failed, in conflict, or its retry is later */
  ACT_WAIT,           /* waits for its time (due dispatcher) */
  ACT_CREATE,
  ACT_PUBLISH,
  ACT_MOVE,
  ACT_CANCEL,
  ACT_REPLACE,        /* the DELETE half; the create follows */
  ACT_FIND_PENDING,   /* a create may have reached the server and is no longer wanted */
  ACT_TOO_LATE,       /* differs, but the server is about to publish it */
} Action;

typedef struct {
  LineupAccount   *account;
  LineupPublisher *publisher;   /* NULL with problem set when it cannot be made */
  char            *problem;
  gint64           paused_until;
} AccountRun;

typedef struct {
  char            *post_id;
  char            *account_id;
  gint64           last_op;        /* the newest outbox row seen */
  gboolean         has_state;
  LineupSyncState  state;
  char            *remote_id;
  gint64           remote_at;
  char            *remote_text;
  char            *pending_key;
  char            *message;
  guint            attempts;
  gint64           next_attempt_at;
} Target;

typedef struct {
  LineupSync          *sync;
  LineupSyncPassFlags  flags;
  GHashTable          *accounts;     /* id → AccountRun */
  GPtrArray           *reconcile;    /* AccountRun (borrowed) still to reconcile */
  GPtrArray           *targets;      /* Target */
  guint                index;
  guint                steps;        /* actions on the current target, against loops */
  LineupSyncReport     report;
  gint64               wake_at;      /* earliest retry or due time seen */
  int                  lock_fd;
} Pass;

struct _LineupSync {
  GObject        parent_instance;
  LineupStore   *store;
  LineupSecrets *secrets;
  LineupHttp    *http;
  GCancellable  *cancellable;    /* the background loop's */
  gboolean       running;
  gboolean       busy;
  gboolean       again;          /* a change came in during a pass */
  guint          timeout_id;
  gulong         changed_id;
  gulong         reloaded_id;
  gint64         last_reconcile;
};

typedef struct {
  const char *state;          /* NULL: remove the state row (not synced) */
  gboolean    set_remote;     /* write remote_id/at/text (NULLs clear) */
  const char *remote_id;
  gint64      remote_at;
  const char *remote_text;
  gboolean    set_key;
  const char *pending_key;
  const char *url;            /* kept unless set */
  const char *message;
  int         attempts;       /* -1 keep */
  gint64      next_attempt_at;
  gboolean    drop_outbox;    /* the outbox rows up to last_op are done */
} Update;

typedef struct {
  char   *post_id;
  char   *remote_id;
  gint64  remote_at;
  char   *remote_text;
  char   *pending_key;
} Known;

/* lineup-sync.c */
void     _lineup_sync_pass_next         (GTask        *task);
char    *_lineup_sync_format_local      (LineupStore  *store,
                                         gint64        utc);
void     _lineup_sync_target_free       (Target       *target);

/* lineup-sync-reconcile.c: the answer to an account's LIST; the pass goes on. */
void     _lineup_sync_known_free        (Known        *known);
void     _lineup_sync_on_list_cb        (GObject      *source,
                                         GAsyncResult *result,
                                         gpointer      user_data);

/* lineup-publish-store-sync.c */
gboolean   _lineup_publish_load_targets      (Pass         *pass,
                                              GError      **error);
gboolean   _lineup_publish_reload_target     (LineupStore  *store,
                                              Target       *target,
                                              GError      **error);
gboolean   _lineup_publish_is_targeted       (LineupStore  *store,
                                              const char   *post_id,
                                              const char   *account_id);
gboolean   _lineup_publish_commit_update     (LineupStore  *store,
                                              Target       *target,
                                              const Update *update,
                                              const char   *log_action,
                                              gboolean      log_ok,
                                              const char   *log_message);
void       _lineup_publish_mark_published    (LineupStore  *store,
                                              const char   *post_id,
                                              const char   *who,
                                              const char   *url);
GPtrArray *_lineup_publish_load_known        (LineupStore  *store,
                                              const char   *account_id);
gboolean   _lineup_publish_has_retry_waiting (Pass         *pass);
gboolean   _lineup_publish_needs_reconcile   (LineupStore  *store,
                                              AccountRun   *run,
                                              gboolean      due_only);
gint64     _lineup_publish_next_wake         (LineupSync   *self);

G_END_DECLS
