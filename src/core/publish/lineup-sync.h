/* lineup-sync.h: the engine that empties the outbox.
 *
 * One pass: reconcile each account that schedules on its server (list what
 * the server holds: published, cancelled or changed elsewhere), then take
 * every post with something in the outbox, in order, coalesce what has not
 * gone out yet into the one request that brings the server to the plan
 * (create + move → one create; anything + cancel before sending → nothing),
 * and send it. Posts on networks without server-side scheduling, and
 * Mastodon posts due within its 5 minutes, wait for their time: the due
 * dispatcher publishes them then.
 *
 * Safe against every failure: a create's Idempotency-Key (or record key, or
 * webhook-id) is committed before the request goes, so a retry after a
 * crash, a kill or a dropped connection can never make a second post;
 * transient failures (no answer, 5xx) back off exponentially with jitter;
 * 429 waits until the rate limit resets; any other refusal marks the post
 * failed with the server's words and is not retried until someone changes
 * the post or asks for a retry.
 *
 * Network calls run in GTask threads; the database is only touched from the
 * thread that runs the main context the engine was made in.
 *
 * The rules above are plain functions in lineup-sync-plan.h; the SQL is
 * behind lineup-publish-store.h; connecting an account and making its
 * publisher is lineup-account-connect.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-store.h"
#include "lineup-account.h"
#include "lineup-outbox.h"
#include "lineup-publisher.h"
#include "lineup-secrets.h"

G_BEGIN_DECLS

#define LINEUP_SYNC_ERROR (lineup_sync_error_quark ())

typedef enum {
  LINEUP_SYNC_ERROR_BUSY,      /* another Lineup is syncing this plan */
  LINEUP_SYNC_ERROR_FAILED,
} LineupSyncError;

GQuark lineup_sync_error_quark (void);

typedef enum {
  LINEUP_SYNC_PASS_ONCE      = 0,
  LINEUP_SYNC_PASS_DUE_ONLY  = 1 << 0,  /* the timer's quick pass: reconcile only accounts with posts due by now */
  LINEUP_SYNC_PASS_NO_WAIT   = 1 << 1,  /* do not wait for retries: one sweep only */
} LineupSyncPassFlags;

typedef struct {
  guint sent;        /* requests that changed something on a server */
  guint published;   /* posts that went out (by us or confirmed) */
  guint retried;     /* transient failures that will be (or were) retried */
  guint failed;      /* targets now failed */
  guint conflicts;   /* targets now in conflict */
  guint waiting;     /* targets waiting for their time or a retry */
} LineupSyncReport;

#define LINEUP_TYPE_SYNC (lineup_sync_get_type ())
G_DECLARE_FINAL_TYPE (LineupSync, lineup_sync, LINEUP, SYNC, GObject)

LineupSync *lineup_sync_new          (LineupStore   *store,
                                      LineupSecrets *secrets);
/* FALSE: a new connection per request (the benchmark's baseline). */
void        lineup_sync_set_reuse_connections (LineupSync *self,
                                               gboolean    reuse);
LineupHttp *lineup_sync_get_http     (LineupSync *self);

/* One pass (see above); with ONCE, transient failures are retried within
 * the pass while their next attempt is less than a minute away. */
void        lineup_sync_run_async    (LineupSync          *self,
                                      LineupSyncPassFlags  flags,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
gboolean    lineup_sync_run_finish   (LineupSync          *self,
                                      GAsyncResult        *result,
                                      LineupSyncReport    *out_report,
                                      GError             **error);
/* The same, blocking (command line): iterates the thread-default context. */
gboolean    lineup_sync_run          (LineupSync          *self,
                                      LineupSyncPassFlags  flags,
                                      LineupSyncReport    *out_report,
                                      GCancellable        *cancellable,
                                      GError             **error);

/* Runs in the background (the app, `lineup sync`): a pass whenever the
 * outbox changes, at the next due time or retry, and every few minutes to
 * reconcile. */
void        lineup_sync_start        (LineupSync *self);
void        lineup_sync_stop         (LineupSync *self);
gboolean    lineup_sync_is_running   (LineupSync *self);

/* The publisher for an account, with its secret from @secrets. */
LineupPublisher *lineup_sync_create_publisher (LineupAccount  *account,
                                               LineupSecrets  *secrets,
                                               LineupHttp     *http,
                                               GError        **error);

/* A failed post on an account goes back to the outbox (Retry). */
gboolean    lineup_sync_retry        (LineupStore  *store,
                                      const char   *post_id,
                                      const char   *account_id,
                                      GError      **error);
/* A conflict is settled: @keep_lineup sends the plan's version again;
 * otherwise the plan takes the server's (its time, or its withdrawal). */
gboolean    lineup_sync_resolve      (LineupStore  *store,
                                      const char   *post_id,
                                      const char   *account_id,
                                      gboolean      keep_lineup,
                                      GError      **error);
/* After an account's secret was renewed: its failed posts retry. */
gboolean    lineup_sync_account_fixed (LineupStore  *store,
                                       const char   *account_id,
                                       GError      **error);

/* Warnings, in words, about limits a plan is about to hit (Mastodon: 25
 * scheduled posts per account and UTC day, 300 pending). Element type
 * char *. */
GPtrArray  *lineup_sync_check_limits (LineupStore  *store,
                                      GError      **error);

/* Seconds since the epoch, as the engine sees it: LINEUP_CLOCK_OFFSET (in
 * seconds, for tests that cannot wait minutes) moves it. */
gint64      lineup_sync_now          (void);

G_END_DECLS
