/* lineup-sync-plan.h: the sync's decisions, as plain functions.
 *
 * What a change of a post writes into the outbox; what to do next for a
 * post on one account, given what the plan wants and what the server was
 * last told; when a retry is due and how long to back off; what a server's
 * refusal means for the post; and what a reconciliation's answer means. All
 * of it works on plain values and structs: no SQL, no network, no signals,
 * no clock (the time is a parameter), so each rule is unit-tested
 * (tests/core/test-sync-plan.c). The engine that acts on these decisions is
 * lineup-sync.c; reconciliation lineup-sync-reconcile.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-account.h"
#include "lineup-outbox.h"
#include "lineup-publisher.h"

G_BEGIN_DECLS

/* Mastodon's queue may take a post this close to its time: no more changes. */
#define LINEUP_SYNC_FIRE_GUARD (5 * 60)
/* The longest wait between two tries of a transient failure. */
#define LINEUP_SYNC_MAX_RETRY_SECONDS (15 * 60)

/* The next thing to do for a post on an account. */
typedef enum {
  LINEUP_SYNC_ACT_DROP,          /* nothing to send: the server has what the plan wants */
  LINEUP_SYNC_ACT_SKIP,          /* failed or in conflict: a person decides first */
  LINEUP_SYNC_ACT_WAIT,          /* waits for its time (the due dispatcher publishes it) */
  LINEUP_SYNC_ACT_CREATE,        /* schedule it on the server */
  LINEUP_SYNC_ACT_PUBLISH,       /* publish it now */
  LINEUP_SYNC_ACT_MOVE,          /* the server holds it: change its time */
  LINEUP_SYNC_ACT_CANCEL,        /* the server holds it: withdraw it */
  LINEUP_SYNC_ACT_REPLACE,       /* new text: withdraw it (a create follows) */
  LINEUP_SYNC_ACT_FIND_PENDING,  /* a create may have reached the server and is no longer wanted */
  LINEUP_SYNC_ACT_TOO_LATE,      /* differs, but the server is about to publish it */
  LINEUP_SYNC_ACT_DESCRIBE,      /* the server holds it: new alt text for its media, in place */
} LineupSyncAction;

/* The publishing log's word for an action ("create", "cancel", "sync" …). */
const char *lineup_sync_action_to_key (LineupSyncAction action);

/* One post on one account, as the plan last heard from the server (a
 * publish_state row and its outbox). */
typedef struct {
  char            *post_id;
  char            *account_id;
  gint64           last_op;        /* the newest outbox row seen */
  gboolean         has_state;
  LineupSyncState  state;
  char            *remote_id;      /* the server's id while it holds it scheduled */
  gint64           remote_at;
  char            *remote_text;
  char            *pending_key;    /* the idempotency key of a create on its way */
  char            *message;
  guint            attempts;
  gint64           next_attempt_at;
} LineupSyncTarget;

void lineup_sync_target_free (LineupSyncTarget *target);

/* What the plan wants of the post on that account now. */
typedef struct {
  gboolean    wanted;         /* scheduled, dated, not deleted, and going to the account */
  gint64      scheduled_at;
  const char *text;
  guint       alt_changes;     /* media of the server's status whose alt text is not the plan's */
  gboolean    alt_in_place;    /* each of them can take its new alt text in place (id known) */
  gboolean    media_changed;   /* the post's media are not the server's status's */
} LineupSyncWish;

/* ---- the outbox ---- */

/* Whether the servers should hold @post scheduled (NULL: no). */
gboolean         lineup_sync_plan_wants_remote  (LineupPost       *post);
/* The outbox operations that a change of a post from @old_post to
 * @new_post (either NULL) writes for each of its accounts, in order, into
 * @ops; returns how many (0 to 2). */
guint            lineup_sync_plan_change_ops    (LineupPost       *old_post,
                                                 LineupPost       *new_post,
                                                 LineupOutboxOp    ops[2]);

/* ---- the next step ---- */

/* @on_server: the account's network schedules posts itself. */
LineupSyncAction lineup_sync_plan_action        (const LineupSyncTarget *target,
                                                 const LineupSyncWish   *wish,
                                                 gboolean                on_server,
                                                 gint64                  now);
/* Whether the target may be tried now; if not, @wake_at (0: none yet) is
 * lowered to when it may. @paused_until is the account's pause. */
gboolean         lineup_sync_plan_ready         (const LineupSyncTarget *target,
                                                 gint64                  paused_until,
                                                 gint64                  now,
                                                 gint64                 *wake_at);
/* Nothing to send (DROP): the state the target settles in; NOT_SYNCED
 * means its state row is forgotten. */
LineupSyncState  lineup_sync_plan_settled_state (const LineupSyncTarget *target);

/* ---- failures ---- */

typedef enum {
  LINEUP_SYNC_FAILURE_RETRY,     /* no answer, 5xx or 429: try again later */
  LINEUP_SYNC_FAILURE_CONFLICT,  /* the post to move is gone on the server */
  LINEUP_SYNC_FAILURE_ACCOUNT,   /* the secret was refused: the whole account stops */
  LINEUP_SYNC_FAILURE_REFUSED,   /* refused: failed until someone changes or retries it */
} LineupSyncFailure;

LineupSyncFailure lineup_sync_plan_failure      (const GError     *error,
                                                 LineupSyncAction  action);
/* Exponential backoff with full jitter, in whole seconds: between half and
 * all of @base_ms << @attempts (at most LINEUP_SYNC_MAX_RETRY_SECONDS);
 * @jitter is a random number in [0, 1). */
gint64            lineup_sync_plan_backoff      (guint             attempts,
                                                 gint64            base_ms,
                                                 double            jitter);
/* When to try a transient failure again: after the backoff, or when the
 * rate limit resets (@reset, 0 if unknown) for a 429. */
gint64            lineup_sync_plan_retry_at     (const GError     *error,
                                                 gint64            now,
                                                 gint64            backoff,
                                                 gint64            reset);
/* The words a refused post keeps: the server's, and for Mastodon's
 * scheduling limits what to do (@scheduled_at 0: no post at hand). */
char             *lineup_sync_plan_refusal      (LineupAccountKind kind,
                                                 const GError     *error,
                                                 LineupSyncAction  action,
                                                 gint64            scheduled_at);

/* ---- reconciliation ---- */

typedef enum {
  LINEUP_SYNC_SEEN_SAME,      /* the server holds what it was told */
  LINEUP_SYNC_SEEN_ADOPT,     /* a create whose answer was lost: take what it made */
  LINEUP_SYNC_SEEN_UNKNOWN,   /* a create not (yet) seen on the server: nothing to do */
  LINEUP_SYNC_SEEN_MISSING,   /* no longer listed: published, or deleted there */
  LINEUP_SYNC_SEEN_MOVED,     /* moved on the server: a conflict */
  LINEUP_SYNC_SEEN_EDITED,    /* its text changed on the server: a conflict */
} LineupSyncSeen;

/* What the server's list says of a post it was told about (@remote_id, or
 * only @pending_key before it answered): @listed is the listed post with
 * that id (or that key), NULL if none. */
LineupSyncSeen    lineup_sync_plan_compare      (const char             *remote_id,
                                                 gint64                  remote_at,
                                                 const char             *remote_text,
                                                 const LineupRemotePost *listed);

typedef enum {
  LINEUP_SYNC_GONE_PUBLISHED,      /* it went out: the post is published */
  LINEUP_SYNC_GONE_STILL_THERE,    /* still scheduled, listed late: next pass */
  LINEUP_SYNC_GONE_DELETED_EARLY,  /* deleted before its time: a conflict */
  LINEUP_SYNC_GONE_NOT_PUBLISHED,  /* its time passed, no post: a conflict */
  LINEUP_SYNC_GONE_UNSURE,         /* the server did not say: ask again next pass */
} LineupSyncGone;

/* A post no longer listed as scheduled, looked for among the published
 * ones: @found what the server answered, or @error. */
LineupSyncGone    lineup_sync_plan_gone         (const LineupRemotePost *found,
                                                 const GError           *error,
                                                 gint64                  remote_at,
                                                 gint64                  now);

G_END_DECLS
