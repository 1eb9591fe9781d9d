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
#include "lineup-sync-plan.h"

G_BEGIN_DECLS

#define ONCE_MAX_WAIT 60         /* a --once pass waits at most this long for a retry */

typedef struct {
  LineupAccount   *account;
  LineupPublisher *publisher;   /* NULL with problem set when it cannot be made */
  char            *problem;
  gint64           paused_until;
} AccountRun;

typedef struct {
  LineupSync          *sync;
  LineupSyncPassFlags  flags;
  GHashTable          *accounts;     /* id → AccountRun */
  GPtrArray           *reconcile;    /* AccountRun (borrowed) still to reconcile */
  GPtrArray           *targets;      /* LineupSyncTarget */
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
  LineupSyncState state;      /* NOT_SYNCED: remove the state row */
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
  LineupRemoteMediaChange media_change;   /* what the server did with the post's media */
  GPtrArray  *media;          /* LineupRemoteMedium, for media_change */
  const char * const *forget_media;   /* ids the server no longer knows */
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

/* lineup-sync-reconcile.c: asks @run's server for what it holds and
 * compares; the pass goes on (_lineup_sync_pass_next) once it is done. */
void     _lineup_sync_known_free        (Known        *known);
void     _lineup_sync_reconcile         (GTask        *task,
                                         AccountRun   *run);

/* lineup-publish-store-sync.c */
gboolean   _lineup_publish_load_targets      (Pass         *pass,
                                              GError      **error);
gboolean   _lineup_publish_reload_target     (LineupStore  *store,
                                              LineupSyncTarget       *target,
                                              GError      **error);
gboolean   _lineup_publish_is_targeted       (LineupStore  *store,
                                              const char   *post_id,
                                              const char   *account_id);
gboolean   _lineup_publish_commit_update     (LineupStore  *store,
                                              LineupSyncTarget       *target,
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
