/* test-sync-plan.c: the sync's decisions (lineup-sync-plan.h), one rule at
 * a time, without a database, a server or a clock.
 *
 * What a change of a post writes into the outbox; what the engine does next
 * for a post on an account; when a target may be tried; backoff bounds and
 * rate limits; what a refusal means; and what reconciliation makes of the
 * server's answers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "lineup-mastodon.h"
#include "lineup-post.h"
#include "lineup-sync-plan.h"

#define NOW ((gint64) 1796115600)   /* 2026-12-01T09:00:00Z */
#define HOUR ((gint64) 3600)

static LineupPost *
new_post (LineupStage  stage,
          gint64       at,
          const char  *body)
{
  LineupPost *post = lineup_post_new ();

  lineup_post_set_title (post, "Launch");
  lineup_post_set_body (post, body);
  lineup_post_set_stage (post, stage);
  lineup_post_set_scheduled_at (post, at);
  _lineup_post_set_id (post, "0123456789abcdef");
  return post;
}

static LineupPost *
deleted (LineupPost *post)
{
  _lineup_post_set_bookkeeping (post, NOW - HOUR, NOW, 2, NOW);
  return post;
}

/* ---- the outbox ---- */

static void
test_wants_remote (void)
{
  g_autoptr(LineupPost) scheduled = new_post (LINEUP_STAGE_SCHEDULED, NOW + HOUR, "Hi");
  g_autoptr(LineupPost) approved = new_post (LINEUP_STAGE_APPROVED, NOW + HOUR, "Hi");
  g_autoptr(LineupPost) undated = new_post (LINEUP_STAGE_SCHEDULED, LINEUP_POST_UNDATED, "Hi");
  g_autoptr(LineupPost) gone = deleted (new_post (LINEUP_STAGE_SCHEDULED, NOW + HOUR, "Hi"));

  g_assert_true (lineup_sync_plan_wants_remote (scheduled));
  g_assert_false (lineup_sync_plan_wants_remote (NULL));
  g_assert_false (lineup_sync_plan_wants_remote (approved));
  g_assert_false (lineup_sync_plan_wants_remote (undated));
  g_assert_false (lineup_sync_plan_wants_remote (gone));
}

static void
test_change_ops (void)
{
  g_autoptr(LineupPost) draft = new_post (LINEUP_STAGE_DRAFT, NOW + HOUR, "Hi");
  g_autoptr(LineupPost) scheduled = new_post (LINEUP_STAGE_SCHEDULED, NOW + HOUR, "Hi");
  g_autoptr(LineupPost) moved = new_post (LINEUP_STAGE_SCHEDULED, NOW + 2 * HOUR, "Hi");
  g_autoptr(LineupPost) edited = new_post (LINEUP_STAGE_SCHEDULED, NOW + HOUR, "Hello");
  g_autoptr(LineupPost) both = new_post (LINEUP_STAGE_SCHEDULED, NOW + 2 * HOUR, "Hello");
  g_autoptr(LineupPost) published = new_post (LINEUP_STAGE_PUBLISHED, NOW + HOUR, "Hi");
  g_autoptr(LineupPost) gone = deleted (new_post (LINEUP_STAGE_SCHEDULED, NOW + HOUR, "Hi"));
  g_autoptr(LineupPost) gone_published = deleted (new_post (LINEUP_STAGE_PUBLISHED, NOW + HOUR, "Hi"));
  g_autoptr(LineupPost) undated = new_post (LINEUP_STAGE_SCHEDULED, LINEUP_POST_UNDATED, "Hi");
  LineupOutboxOp ops[2];

  /* Neither before nor after on a server: nothing. */
  g_assert_cmpuint (lineup_sync_plan_change_ops (NULL, draft, ops), ==, 0);
  g_assert_cmpuint (lineup_sync_plan_change_ops (draft, draft, ops), ==, 0);
  /* Scheduled (new, or from a draft): a create. */
  g_assert_cmpuint (lineup_sync_plan_change_ops (NULL, scheduled, ops), ==, 1);
  g_assert_cmpint (ops[0], ==, LINEUP_OUTBOX_CREATE);
  g_assert_cmpuint (lineup_sync_plan_change_ops (draft, scheduled, ops), ==, 1);
  g_assert_cmpint (ops[0], ==, LINEUP_OUTBOX_CREATE);
  /* Back to a draft, deleted, or its date taken away: a cancel. */
  g_assert_cmpuint (lineup_sync_plan_change_ops (scheduled, draft, ops), ==, 1);
  g_assert_cmpint (ops[0], ==, LINEUP_OUTBOX_CANCEL);
  g_assert_cmpuint (lineup_sync_plan_change_ops (scheduled, gone, ops), ==, 1);
  g_assert_cmpint (ops[0], ==, LINEUP_OUTBOX_CANCEL);
  g_assert_cmpuint (lineup_sync_plan_change_ops (scheduled, NULL, ops), ==, 1);
  g_assert_cmpint (ops[0], ==, LINEUP_OUTBOX_CANCEL);
  g_assert_cmpuint (lineup_sync_plan_change_ops (scheduled, undated, ops), ==, 1);
  g_assert_cmpint (ops[0], ==, LINEUP_OUTBOX_CANCEL);
  /* Published (by the sync, or marked so): nothing to withdraw; deleted
   * after all, it is withdrawn. */
  g_assert_cmpuint (lineup_sync_plan_change_ops (scheduled, published, ops), ==, 0);
  g_assert_cmpuint (lineup_sync_plan_change_ops (scheduled, gone_published, ops), ==, 1);
  g_assert_cmpint (ops[0], ==, LINEUP_OUTBOX_CANCEL);
  /* Still scheduled: a move, a replace, both (text first), or nothing. */
  g_assert_cmpuint (lineup_sync_plan_change_ops (scheduled, moved, ops), ==, 1);
  g_assert_cmpint (ops[0], ==, LINEUP_OUTBOX_MOVE);
  g_assert_cmpuint (lineup_sync_plan_change_ops (scheduled, edited, ops), ==, 1);
  g_assert_cmpint (ops[0], ==, LINEUP_OUTBOX_REPLACE);
  g_assert_cmpuint (lineup_sync_plan_change_ops (scheduled, both, ops), ==, 2);
  g_assert_cmpint (ops[0], ==, LINEUP_OUTBOX_REPLACE);
  g_assert_cmpint (ops[1], ==, LINEUP_OUTBOX_MOVE);
  g_assert_cmpuint (lineup_sync_plan_change_ops (scheduled, scheduled, ops), ==, 0);
}

/* ---- the next step ---- */

static LineupSyncTarget
target_in (LineupSyncState  state,
           const char      *remote_id,
           gint64           remote_at,
           const char      *remote_text)
{
  LineupSyncTarget target = { 0 };

  target.post_id = (char *) "0123456789abcdef";
  target.account_id = (char *) "account";
  target.has_state = TRUE;
  target.state = state;
  target.remote_id = (char *) remote_id;
  target.remote_at = remote_at;
  target.remote_text = (char *) remote_text;
  return target;
}

static void
test_action_nothing_on_server (void)
{
  LineupSyncTarget target = target_in (LINEUP_SYNC_PENDING, NULL, 0, NULL);
  LineupSyncWish later = { TRUE, NOW + HOUR, "Hi" };
  LineupSyncWish soon = { TRUE, NOW + LINEUP_MASTODON_MIN_LEAD - 1, "Hi" };
  LineupSyncWish lead = { TRUE, NOW + LINEUP_MASTODON_MIN_LEAD, "Hi" };
  LineupSyncWish due = { TRUE, NOW, "Hi" };
  LineupSyncWish past = { TRUE, NOW - HOUR, "Hi" };
  LineupSyncWish unwanted = { FALSE, NOW + HOUR, "Hi" };

  /* A server that schedules: created there when far enough ahead. */
  g_assert_cmpint (lineup_sync_plan_action (&target, &later, TRUE, NOW), ==, LINEUP_SYNC_ACT_CREATE);
  g_assert_cmpint (lineup_sync_plan_action (&target, &lead, TRUE, NOW), ==, LINEUP_SYNC_ACT_CREATE);
  /* Closer than Mastodon's lead: Lineup publishes it at its time. */
  g_assert_cmpint (lineup_sync_plan_action (&target, &soon, TRUE, NOW), ==, LINEUP_SYNC_ACT_WAIT);
  /* A network without scheduling waits for every post's time. */
  g_assert_cmpint (lineup_sync_plan_action (&target, &later, FALSE, NOW), ==, LINEUP_SYNC_ACT_WAIT);
  /* Due or overdue: published now, on any network. */
  g_assert_cmpint (lineup_sync_plan_action (&target, &due, TRUE, NOW), ==, LINEUP_SYNC_ACT_PUBLISH);
  g_assert_cmpint (lineup_sync_plan_action (&target, &past, FALSE, NOW), ==, LINEUP_SYNC_ACT_PUBLISH);
  /* Not wanted (cancelled, deleted, no longer going there): nothing... */
  g_assert_cmpint (lineup_sync_plan_action (&target, &unwanted, TRUE, NOW), ==, LINEUP_SYNC_ACT_DROP);
  /* ...unless a create may have reached a server that schedules. */
  target.pending_key = (char *) "lineup-01234567-key";
  g_assert_cmpint (lineup_sync_plan_action (&target, &unwanted, TRUE, NOW), ==, LINEUP_SYNC_ACT_FIND_PENDING);
  g_assert_cmpint (lineup_sync_plan_action (&target, &unwanted, FALSE, NOW), ==, LINEUP_SYNC_ACT_DROP);
  /* A retried create carries its key: still a create. */
  g_assert_cmpint (lineup_sync_plan_action (&target, &later, TRUE, NOW), ==, LINEUP_SYNC_ACT_CREATE);
}

static void
test_action_held_on_server (void)
{
  gint64 at = NOW + 2 * HOUR;
  LineupSyncTarget target = target_in (LINEUP_SYNC_PENDING, "109", at, "Hi");
  LineupSyncWish same = { TRUE, at, "Hi" };
  LineupSyncWish moved = { TRUE, at + HOUR, "Hi" };
  LineupSyncWish moved_close = { TRUE, NOW + LINEUP_MASTODON_MIN_LEAD - 1, "Hi" };
  LineupSyncWish edited = { TRUE, at, "Hello" };
  LineupSyncWish edited_moved = { TRUE, at + HOUR, "Hello" };
  LineupSyncWish unwanted = { FALSE, at, "Hi" };

  g_assert_cmpint (lineup_sync_plan_action (&target, &same, TRUE, NOW), ==, LINEUP_SYNC_ACT_DROP);
  g_assert_cmpint (lineup_sync_plan_action (&target, &moved, TRUE, NOW), ==, LINEUP_SYNC_ACT_MOVE);
  /* Moved closer than the server takes: withdrawn there (then published by Lineup). */
  g_assert_cmpint (lineup_sync_plan_action (&target, &moved_close, TRUE, NOW), ==, LINEUP_SYNC_ACT_CANCEL);
  /* New text cannot be edited into a scheduled post: replaced (text first). */
  g_assert_cmpint (lineup_sync_plan_action (&target, &edited, TRUE, NOW), ==, LINEUP_SYNC_ACT_REPLACE);
  g_assert_cmpint (lineup_sync_plan_action (&target, &edited_moved, TRUE, NOW), ==, LINEUP_SYNC_ACT_REPLACE);
  g_assert_cmpint (lineup_sync_plan_action (&target, &unwanted, TRUE, NOW), ==, LINEUP_SYNC_ACT_CANCEL);

  /* Within the server's last 5 minutes nothing can change it any more... */
  target.remote_at = NOW + LINEUP_SYNC_FIRE_GUARD;
  same.scheduled_at = moved.scheduled_at = NOW + LINEUP_SYNC_FIRE_GUARD;
  moved.scheduled_at += HOUR;
  g_assert_cmpint (lineup_sync_plan_action (&target, &moved, TRUE, NOW), ==, LINEUP_SYNC_ACT_TOO_LATE);
  g_assert_cmpint (lineup_sync_plan_action (&target, &unwanted, TRUE, NOW), ==, LINEUP_SYNC_ACT_TOO_LATE);
  /* ...and nothing needs to when it already matches. */
  g_assert_cmpint (lineup_sync_plan_action (&target, &same, TRUE, NOW), ==, LINEUP_SYNC_ACT_DROP);
  /* One second more and it can still move. */
  target.remote_at = NOW + LINEUP_SYNC_FIRE_GUARD + 1;
  g_assert_cmpint (lineup_sync_plan_action (&target, &moved, TRUE, NOW), ==, LINEUP_SYNC_ACT_MOVE);
}

static void
test_action_media_on_server (void)
{
  gint64 at = NOW + 2 * HOUR;
  LineupSyncTarget target = target_in (LINEUP_SYNC_PENDING, "109", at, "Hi");
  LineupSyncWish described = { TRUE, at, "Hi", 1, TRUE, FALSE };
  LineupSyncWish described_moved = { TRUE, at + HOUR, "Hi", 2, TRUE, FALSE };
  LineupSyncWish ids_unknown = { TRUE, at, "Hi", 1, FALSE, FALSE };
  LineupSyncWish described_edited = { TRUE, at, "Hello", 1, TRUE, FALSE };
  LineupSyncWish other_media = { TRUE, at, "Hi", 0, FALSE, TRUE };

  /* New alt text goes in place, the status kept (then moved if need be). */
  g_assert_cmpint (lineup_sync_plan_action (&target, &described, TRUE, NOW), ==, LINEUP_SYNC_ACT_DESCRIBE);
  g_assert_cmpint (lineup_sync_plan_action (&target, &described_moved, TRUE, NOW), ==, LINEUP_SYNC_ACT_DESCRIBE);
  /* Media whose ids Lineup does not know, new text or other media: made again. */
  g_assert_cmpint (lineup_sync_plan_action (&target, &ids_unknown, TRUE, NOW), ==, LINEUP_SYNC_ACT_REPLACE);
  g_assert_cmpint (lineup_sync_plan_action (&target, &described_edited, TRUE, NOW), ==, LINEUP_SYNC_ACT_REPLACE);
  g_assert_cmpint (lineup_sync_plan_action (&target, &other_media, TRUE, NOW), ==, LINEUP_SYNC_ACT_REPLACE);
  /* Within the server's last 5 minutes, too late for that as well. */
  target.remote_at = NOW + LINEUP_SYNC_FIRE_GUARD;
  described.scheduled_at = target.remote_at;
  g_assert_cmpint (lineup_sync_plan_action (&target, &described, TRUE, NOW), ==, LINEUP_SYNC_ACT_TOO_LATE);
  g_assert_cmpstr (lineup_sync_action_to_key (LINEUP_SYNC_ACT_DESCRIBE), ==, "describe");
}

static void
test_action_settled_states (void)
{
  LineupSyncWish later = { TRUE, NOW + HOUR, "Hi" };
  LineupSyncWish unwanted = { FALSE, NOW + HOUR, "Hi" };
  LineupSyncTarget failed = target_in (LINEUP_SYNC_FAILED, NULL, 0, NULL);
  LineupSyncTarget conflict = target_in (LINEUP_SYNC_CONFLICT, "109", NOW + HOUR, "Hi");
  LineupSyncTarget published = target_in (LINEUP_SYNC_PUBLISHED, "109", 0, "Hi");

  /* A person decides first. */
  g_assert_cmpint (lineup_sync_plan_action (&failed, &later, TRUE, NOW), ==, LINEUP_SYNC_ACT_SKIP);
  g_assert_cmpint (lineup_sync_plan_action (&conflict, &unwanted, TRUE, NOW), ==, LINEUP_SYNC_ACT_SKIP);
  /* Out in the world: nothing more to send, whatever the plan says. */
  g_assert_cmpint (lineup_sync_plan_action (&published, &later, TRUE, NOW), ==, LINEUP_SYNC_ACT_DROP);
  g_assert_cmpint (lineup_sync_plan_action (&published, &unwanted, TRUE, NOW), ==, LINEUP_SYNC_ACT_DROP);
}

static void
test_settled_state (void)
{
  LineupSyncTarget published = target_in (LINEUP_SYNC_PUBLISHED, "109", 0, "Hi");
  LineupSyncTarget held = target_in (LINEUP_SYNC_PENDING, "109", NOW + HOUR, "Hi");
  LineupSyncTarget nothing = target_in (LINEUP_SYNC_PENDING, NULL, 0, NULL);

  g_assert_cmpint (lineup_sync_plan_settled_state (&published), ==, LINEUP_SYNC_PUBLISHED);
  g_assert_cmpint (lineup_sync_plan_settled_state (&held), ==, LINEUP_SYNC_SYNCED);
  g_assert_cmpint (lineup_sync_plan_settled_state (&nothing), ==, LINEUP_SYNC_NOT_SYNCED);
}

static void
test_ready (void)
{
  LineupSyncTarget target = target_in (LINEUP_SYNC_PENDING, NULL, 0, NULL);
  gint64 wake_at = 0;

  g_assert_true (lineup_sync_plan_ready (&target, 0, NOW, &wake_at));
  g_assert_cmpint (wake_at, ==, 0);
  /* Its retry is later: not now, and the pass wakes then. */
  target.next_attempt_at = NOW + 30;
  g_assert_false (lineup_sync_plan_ready (&target, 0, NOW, &wake_at));
  g_assert_cmpint (wake_at, ==, NOW + 30);
  /* The earliest wins. */
  target.next_attempt_at = NOW + 60;
  g_assert_false (lineup_sync_plan_ready (&target, 0, NOW, &wake_at));
  g_assert_cmpint (wake_at, ==, NOW + 30);
  target.next_attempt_at = NOW + 10;
  g_assert_false (lineup_sync_plan_ready (&target, 0, NOW, &wake_at));
  g_assert_cmpint (wake_at, ==, NOW + 10);
  /* Its time has come (equal counts). */
  target.next_attempt_at = NOW;
  g_assert_true (lineup_sync_plan_ready (&target, 0, NOW, &wake_at));
  /* The account is paused (rate limit): wait for it. */
  wake_at = 0;
  g_assert_false (lineup_sync_plan_ready (&target, NOW + 90, NOW, &wake_at));
  g_assert_cmpint (wake_at, ==, NOW + 90);
  g_assert_true (lineup_sync_plan_ready (&target, NOW, NOW, &wake_at));
}

/* ---- failures ---- */

static void
test_failure (void)
{
  g_autoptr(GError) transient = g_error_new_literal (LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_TRANSIENT, "503");
  g_autoptr(GError) limited = g_error_new_literal (LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_RATE_LIMITED, "429");
  g_autoptr(GError) missing = g_error_new_literal (LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_NOT_FOUND, "404");
  g_autoptr(GError) auth = g_error_new_literal (LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_AUTH, "401");
  g_autoptr(GError) rejected = g_error_new_literal (LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_REJECTED, "422");
  g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "?");

  g_assert_cmpint (lineup_sync_plan_failure (transient, LINEUP_SYNC_ACT_CREATE), ==, LINEUP_SYNC_FAILURE_RETRY);
  g_assert_cmpint (lineup_sync_plan_failure (limited, LINEUP_SYNC_ACT_MOVE), ==, LINEUP_SYNC_FAILURE_RETRY);
  /* A post to move that is gone on the server: a conflict... */
  g_assert_cmpint (lineup_sync_plan_failure (missing, LINEUP_SYNC_ACT_MOVE), ==, LINEUP_SYNC_FAILURE_CONFLICT);
  /* ...elsewhere a refusal like any other. */
  g_assert_cmpint (lineup_sync_plan_failure (missing, LINEUP_SYNC_ACT_CANCEL), ==, LINEUP_SYNC_FAILURE_REFUSED);
  g_assert_cmpint (lineup_sync_plan_failure (auth, LINEUP_SYNC_ACT_CREATE), ==, LINEUP_SYNC_FAILURE_ACCOUNT);
  g_assert_cmpint (lineup_sync_plan_failure (rejected, LINEUP_SYNC_ACT_CREATE), ==, LINEUP_SYNC_FAILURE_REFUSED);
  g_assert_cmpint (lineup_sync_plan_failure (other, LINEUP_SYNC_ACT_PUBLISH), ==, LINEUP_SYNC_FAILURE_REFUSED);
}

static void
test_backoff (void)
{
  /* 2 s base: the first retry after 1 to 2 s, doubling each time. */
  g_assert_cmpint (lineup_sync_plan_backoff (0, 2000, 0.0), ==, 1);
  g_assert_cmpint (lineup_sync_plan_backoff (0, 2000, 0.999999), ==, 2);
  g_assert_cmpint (lineup_sync_plan_backoff (1, 2000, 0.0), ==, 2);
  g_assert_cmpint (lineup_sync_plan_backoff (1, 2000, 0.999999), ==, 4);
  g_assert_cmpint (lineup_sync_plan_backoff (3, 2000, 0.5), ==, 12);
  /* Never more than 15 minutes, however many attempts (no overflow). */
  for (guint attempts = 0; attempts < 200; attempts++)
    {
      gint64 low = lineup_sync_plan_backoff (attempts, 2000, 0.0);
      gint64 high = lineup_sync_plan_backoff (attempts, 2000, 0.999999);

      g_assert_cmpint (low, >=, 1);
      g_assert_cmpint (low, <=, high);
      g_assert_cmpint (high, <=, LINEUP_SYNC_MAX_RETRY_SECONDS);
      if (attempts > 0)
        g_assert_cmpint (low, >=, lineup_sync_plan_backoff (attempts - 1, 2000, 0.0));
    }
  g_assert_cmpint (lineup_sync_plan_backoff (40, 2000, 0.0), ==, LINEUP_SYNC_MAX_RETRY_SECONDS / 2);
  g_assert_cmpint (lineup_sync_plan_backoff (40, 2000, 0.999999), ==, LINEUP_SYNC_MAX_RETRY_SECONDS);
  /* A tiny base (the tests' LINEUP_SYNC_RETRY_BASE_MS): at once, then any
   * millisecond rounds up to a whole second. */
  g_assert_cmpint (lineup_sync_plan_backoff (0, 1, 0.999999), ==, 0);
  g_assert_cmpint (lineup_sync_plan_backoff (1, 1, 0.0), ==, 1);
  g_assert_cmpint (lineup_sync_plan_backoff (5, 1, 0.999999), ==, 1);
  /* A jitter out of range is held to it. */
  g_assert_cmpint (lineup_sync_plan_backoff (1, 2000, 7.0), ==, 4);
  g_assert_cmpint (lineup_sync_plan_backoff (1, 2000, -1.0), ==, 2);
}

static void
test_retry_at (void)
{
  g_autoptr(GError) transient = g_error_new_literal (LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_TRANSIENT, "503");
  g_autoptr(GError) limited = g_error_new_literal (LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_RATE_LIMITED, "429");

  g_assert_cmpint (lineup_sync_plan_retry_at (transient, NOW, 4, NOW + 600), ==, NOW + 4);
  /* A 429 waits until the limit resets... */
  g_assert_cmpint (lineup_sync_plan_retry_at (limited, NOW, 4, NOW + 600), ==, NOW + 600);
  /* ...or backs off when the reset is unknown or past. */
  g_assert_cmpint (lineup_sync_plan_retry_at (limited, NOW, 4, 0), ==, NOW + 4);
  g_assert_cmpint (lineup_sync_plan_retry_at (limited, NOW, 4, NOW), ==, NOW + 4);
}

static void
test_refusal (void)
{
  g_autoptr(GError) rejected = g_error_new_literal (LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_REJECTED,
                                                    "422: Scheduled statuses limit reached");
  g_autoptr(GError) invalid = g_error_new_literal (LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_INVALID, "Too long");
  g_autofree char *quota = lineup_sync_plan_refusal (LINEUP_ACCOUNT_MASTODON, rejected, LINEUP_SYNC_ACT_CREATE,
                                                     NOW + 15 * HOUR);   /* 2026-12-02 00:00 UTC */
  g_autofree char *moved = lineup_sync_plan_refusal (LINEUP_ACCOUNT_MASTODON, rejected, LINEUP_SYNC_ACT_MOVE, NOW);
  g_autofree char *cancel = lineup_sync_plan_refusal (LINEUP_ACCOUNT_MASTODON, rejected, LINEUP_SYNC_ACT_CANCEL, NOW);
  g_autofree char *bluesky = lineup_sync_plan_refusal (LINEUP_ACCOUNT_BLUESKY, rejected, LINEUP_SYNC_ACT_CREATE, NOW);
  g_autofree char *other = lineup_sync_plan_refusal (LINEUP_ACCOUNT_MASTODON, invalid, LINEUP_SYNC_ACT_CREATE, NOW);

  /* Mastodon's scheduling limits are explained, with the UTC day. */
  g_assert_true (g_str_has_prefix (quota, "422: Scheduled statuses limit reached. Mastodon takes at most 25"));
  g_assert_nonnull (strstr (quota, "(2026-12-02 here)"));
  g_assert_nonnull (strstr (quota, "300 in all"));
  g_assert_nonnull (strstr (moved, "(2026-12-01 here)"));
  /* Anything else keeps the server's words alone. */
  g_assert_cmpstr (cancel, ==, "422: Scheduled statuses limit reached");
  g_assert_cmpstr (bluesky, ==, "422: Scheduled statuses limit reached");
  g_assert_cmpstr (other, ==, "Too long");
}

static void
test_action_keys (void)
{
  g_assert_cmpstr (lineup_sync_action_to_key (LINEUP_SYNC_ACT_CREATE), ==, "create");
  g_assert_cmpstr (lineup_sync_action_to_key (LINEUP_SYNC_ACT_PUBLISH), ==, "publish");
  g_assert_cmpstr (lineup_sync_action_to_key (LINEUP_SYNC_ACT_MOVE), ==, "move");
  g_assert_cmpstr (lineup_sync_action_to_key (LINEUP_SYNC_ACT_CANCEL), ==, "cancel");
  g_assert_cmpstr (lineup_sync_action_to_key (LINEUP_SYNC_ACT_FIND_PENDING), ==, "cancel");
  g_assert_cmpstr (lineup_sync_action_to_key (LINEUP_SYNC_ACT_REPLACE), ==, "replace");
  g_assert_cmpstr (lineup_sync_action_to_key (LINEUP_SYNC_ACT_TOO_LATE), ==, "sync");
}

static void
test_state_keys (void)
{
  /* The one pair the database's text goes through, both ways. */
  for (int state = LINEUP_SYNC_NOT_SYNCED; state <= LINEUP_SYNC_FAILED; state++)
    g_assert_cmpint (lineup_sync_state_from_key (lineup_sync_state_to_key (state)), ==, state);
  g_assert_cmpstr (lineup_sync_state_to_key (LINEUP_SYNC_PENDING), ==, "pending");
  g_assert_cmpstr (lineup_sync_state_to_key (LINEUP_SYNC_CONFLICT), ==, "conflict");
  g_assert_cmpint (lineup_sync_state_from_key ("published"), ==, LINEUP_SYNC_PUBLISHED);
  g_assert_cmpint (lineup_sync_state_from_key (NULL), ==, LINEUP_SYNC_NOT_SYNCED);
  g_assert_cmpint (lineup_sync_state_from_key ("bogus"), ==, LINEUP_SYNC_NOT_SYNCED);
}

/* ---- reconciliation ---- */

static void
test_compare (void)
{
  LineupRemotePost listed = { 0 };

  listed.remote_id = (char *) "109";
  listed.scheduled_at = NOW + HOUR;
  listed.text = (char *) "Hi";

  g_assert_cmpint (lineup_sync_plan_compare ("109", NOW + HOUR, "Hi", &listed), ==, LINEUP_SYNC_SEEN_SAME);
  g_assert_cmpint (lineup_sync_plan_compare ("109", NOW + HOUR, "Hi", NULL), ==, LINEUP_SYNC_SEEN_MISSING);
  g_assert_cmpint (lineup_sync_plan_compare ("109", NOW + 2 * HOUR, "Hi", &listed), ==, LINEUP_SYNC_SEEN_MOVED);
  g_assert_cmpint (lineup_sync_plan_compare ("109", NOW + HOUR, "Hello", &listed), ==, LINEUP_SYNC_SEEN_EDITED);
  /* Moved and edited: the move is what it says. */
  g_assert_cmpint (lineup_sync_plan_compare ("109", NOW + 2 * HOUR, "Hello", &listed), ==, LINEUP_SYNC_SEEN_MOVED);
  /* A server that does not say the text cannot have changed it. */
  listed.text = NULL;
  g_assert_cmpint (lineup_sync_plan_compare ("109", NOW + HOUR, "Hello", &listed), ==, LINEUP_SYNC_SEEN_SAME);
  /* Only a key: what the server made of a lost create is adopted. */
  g_assert_cmpint (lineup_sync_plan_compare (NULL, 0, NULL, &listed), ==, LINEUP_SYNC_SEEN_ADOPT);
  g_assert_cmpint (lineup_sync_plan_compare (NULL, 0, NULL, NULL), ==, LINEUP_SYNC_SEEN_UNKNOWN);
}

static void
test_gone (void)
{
  LineupRemotePost published = { 0 };
  LineupRemotePost scheduled = { 0 };
  g_autoptr(GError) missing = g_error_new_literal (LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_NOT_FOUND, "404");
  g_autoptr(GError) transient = g_error_new_literal (LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_TRANSIENT, "503");
  g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");

  published.published = TRUE;
  published.url = (char *) "https://social.example/@team/109";
  scheduled.scheduled_at = NOW + HOUR;

  g_assert_cmpint (lineup_sync_plan_gone (&published, NULL, NOW - 60, NOW), ==, LINEUP_SYNC_GONE_PUBLISHED);
  g_assert_cmpint (lineup_sync_plan_gone (&scheduled, NULL, NOW + HOUR, NOW), ==, LINEUP_SYNC_GONE_STILL_THERE);
  /* Nothing there: deleted before its time, or never published. */
  g_assert_cmpint (lineup_sync_plan_gone (NULL, missing, NOW + 60, NOW), ==, LINEUP_SYNC_GONE_DELETED_EARLY);
  g_assert_cmpint (lineup_sync_plan_gone (NULL, missing, NOW, NOW), ==, LINEUP_SYNC_GONE_NOT_PUBLISHED);
  g_assert_cmpint (lineup_sync_plan_gone (NULL, missing, NOW - 60, NOW), ==, LINEUP_SYNC_GONE_NOT_PUBLISHED);
  /* No answer: ask again, decide nothing. */
  g_assert_cmpint (lineup_sync_plan_gone (NULL, transient, NOW - 60, NOW), ==, LINEUP_SYNC_GONE_UNSURE);
  g_assert_cmpint (lineup_sync_plan_gone (NULL, cancelled, NOW - 60, NOW), ==, LINEUP_SYNC_GONE_UNSURE);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync-plan/wants-remote", test_wants_remote);
  g_test_add_func ("/sync-plan/change-ops", test_change_ops);
  g_test_add_func ("/sync-plan/action/nothing-on-server", test_action_nothing_on_server);
  g_test_add_func ("/sync-plan/action/held-on-server", test_action_held_on_server);
  g_test_add_func ("/sync-plan/action/media-on-server", test_action_media_on_server);
  g_test_add_func ("/sync-plan/action/settled-states", test_action_settled_states);
  g_test_add_func ("/sync-plan/settled-state", test_settled_state);
  g_test_add_func ("/sync-plan/ready", test_ready);
  g_test_add_func ("/sync-plan/failure", test_failure);
  g_test_add_func ("/sync-plan/backoff", test_backoff);
  g_test_add_func ("/sync-plan/retry-at", test_retry_at);
  g_test_add_func ("/sync-plan/refusal", test_refusal);
  g_test_add_func ("/sync-plan/action-keys", test_action_keys);
  g_test_add_func ("/sync-plan/state-keys", test_state_keys);
  g_test_add_func ("/sync-plan/compare", test_compare);
  g_test_add_func ("/sync-plan/gone", test_gone);

  return g_test_run ();
}
