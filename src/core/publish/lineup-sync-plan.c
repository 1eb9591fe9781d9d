/* lineup-sync-plan.c: the sync's decisions, as plain functions.
 *
 * See lineup-sync-plan.h. Everything here is a function of its arguments:
 * no database, no network, no clock, no random numbers of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-sync-plan.h"
#include "lineup-mastodon.h"

const char *
lineup_sync_action_to_key (LineupSyncAction action)
{
  switch (action)
    {
    case LINEUP_SYNC_ACT_CREATE: return "create";
    case LINEUP_SYNC_ACT_PUBLISH: return "publish";
    case LINEUP_SYNC_ACT_MOVE: return "move";
    case LINEUP_SYNC_ACT_CANCEL: case LINEUP_SYNC_ACT_FIND_PENDING: return "cancel";
    case LINEUP_SYNC_ACT_REPLACE: return "replace";
    case LINEUP_SYNC_ACT_DESCRIBE: return "describe";
    default: return "sync";
    }
}

void
lineup_sync_target_free (LineupSyncTarget *target)
{
  if (target == NULL)
    return;
  g_free (target->post_id);
  g_free (target->account_id);
  g_free (target->remote_id);
  g_free (target->remote_text);
  g_free (target->pending_key);
  g_free (target->message);
  g_free (target);
}

/* ---- the outbox ---- */

gboolean
lineup_sync_plan_wants_remote (LineupPost *post)
{
  return post != NULL && lineup_post_get_deleted_at (post) == 0 &&
         lineup_post_get_stage (post) == LINEUP_STAGE_SCHEDULED && lineup_post_is_dated (post);
}

guint
lineup_sync_plan_change_ops (LineupPost     *old_post,
                             LineupPost     *new_post,
                             LineupOutboxOp  ops[2])
{
  gboolean before = lineup_sync_plan_wants_remote (old_post);
  gboolean after = lineup_sync_plan_wants_remote (new_post);
  guint n_ops = 0;

  if (!before && !after)
    return 0;
  if (!before)
    ops[n_ops++] = LINEUP_OUTBOX_CREATE;
  else if (!after)
    {
      /* Published by the sync itself (or marked so): nothing to withdraw. */
      if (new_post && lineup_post_get_deleted_at (new_post) == 0 &&
          lineup_post_get_stage (new_post) == LINEUP_STAGE_PUBLISHED)
        return 0;
      ops[n_ops++] = LINEUP_OUTBOX_CANCEL;
    }
  else
    {
      /* A network's own caption is its text there too. */
      if (g_strcmp0 (lineup_post_get_body (old_post), lineup_post_get_body (new_post)) != 0 ||
          g_strcmp0 (lineup_post_get_captions (old_post), lineup_post_get_captions (new_post)) != 0 ||
          g_strcmp0 (lineup_post_get_content_warning (old_post), lineup_post_get_content_warning (new_post)) != 0)
        ops[n_ops++] = LINEUP_OUTBOX_REPLACE;
      if (lineup_post_get_scheduled_at (old_post) != lineup_post_get_scheduled_at (new_post))
        ops[n_ops++] = LINEUP_OUTBOX_MOVE;
    }
  return n_ops;
}

/* ---- the next step ---- */

LineupSyncAction
lineup_sync_plan_action (const LineupSyncTarget *target,
                         const LineupSyncWish   *wish,
                         gboolean                on_server,
                         gint64                  now)
{
  gboolean desired = wish->wanted;
  gint64 at = wish->scheduled_at;

  if (target->state == LINEUP_SYNC_CONFLICT || target->state == LINEUP_SYNC_FAILED)
    return LINEUP_SYNC_ACT_SKIP;
  if (target->state == LINEUP_SYNC_PUBLISHED)
    return LINEUP_SYNC_ACT_DROP;

  if (target->remote_id == NULL)
    {
      if (!desired)
        return target->pending_key && on_server ? LINEUP_SYNC_ACT_FIND_PENDING : LINEUP_SYNC_ACT_DROP;
      if (on_server && at >= now + LINEUP_MASTODON_MIN_LEAD)
        return LINEUP_SYNC_ACT_CREATE;
      if (at <= now)
        return LINEUP_SYNC_ACT_PUBLISH;
      return LINEUP_SYNC_ACT_WAIT;
    }

  /* The server holds it scheduled at remote_at. */
  if (desired && g_strcmp0 (target->remote_text, wish->text) == 0 && target->remote_at == at &&
      wish->alt_changes == 0 && !wish->media_changed)
    return LINEUP_SYNC_ACT_DROP;
  if (target->remote_at <= now + LINEUP_SYNC_FIRE_GUARD)
    return LINEUP_SYNC_ACT_TOO_LATE;
  if (!desired)
    return LINEUP_SYNC_ACT_CANCEL;
  /* Other text or media: made again (the media's ids used again). New alt
   * text goes in place when every id is known, else it is made again too. */
  if (g_strcmp0 (target->remote_text, wish->text) != 0 || wish->media_changed ||
      (wish->alt_changes > 0 && !wish->alt_in_place))
    return LINEUP_SYNC_ACT_REPLACE;
  if (wish->alt_changes > 0)
    return LINEUP_SYNC_ACT_DESCRIBE;
  return at >= now + LINEUP_MASTODON_MIN_LEAD ? LINEUP_SYNC_ACT_MOVE : LINEUP_SYNC_ACT_CANCEL;
}

static void
lower (gint64 *wake_at,
       gint64  when)
{
  *wake_at = *wake_at ? MIN (*wake_at, when) : when;
}

gboolean
lineup_sync_plan_ready (const LineupSyncTarget *target,
                        gint64                  paused_until,
                        gint64                  now,
                        gint64                 *wake_at)
{
  if (target->next_attempt_at > now)
    {
      lower (wake_at, target->next_attempt_at);
      return FALSE;
    }
  if (paused_until > now)
    {
      lower (wake_at, paused_until);
      return FALSE;
    }
  return TRUE;
}

LineupSyncState
lineup_sync_plan_settled_state (const LineupSyncTarget *target)
{
  if (target->state == LINEUP_SYNC_PUBLISHED)
    return LINEUP_SYNC_PUBLISHED;
  if (target->remote_id)
    return LINEUP_SYNC_SYNCED;
  return LINEUP_SYNC_NOT_SYNCED;   /* nothing on the server, nothing wanted */
}

/* ---- failures ---- */

LineupSyncFailure
lineup_sync_plan_failure (const GError     *error,
                          LineupSyncAction  action)
{
  if (g_error_matches (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_TRANSIENT) ||
      g_error_matches (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_RATE_LIMITED) ||
      g_error_matches (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_TOO_LARGE))
    return LINEUP_SYNC_FAILURE_RETRY;
  if (g_error_matches (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_NOT_FOUND) &&
      action == LINEUP_SYNC_ACT_MOVE)
    return LINEUP_SYNC_FAILURE_CONFLICT;
  if (g_error_matches (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_AUTH))
    return LINEUP_SYNC_FAILURE_ACCOUNT;
  return LINEUP_SYNC_FAILURE_REFUSED;
}

gint64
lineup_sync_plan_backoff (guint   attempts,
                          gint64  base_ms,
                          double  jitter)
{
  gint64 ceiling = base_ms << MIN (attempts, 16u);
  gint64 ms = MIN (ceiling, (gint64) LINEUP_SYNC_MAX_RETRY_SECONDS * 1000);
  gint64 half = MAX (ms / 2, 1);

  jitter = CLAMP (jitter, 0.0, 1.0);
  ms = ms / 2 + MIN ((gint64) (jitter * (double) half), half - 1);
  return (ms + 999) / 1000;
}

gint64
lineup_sync_plan_retry_at (const GError *error,
                           gint64        now,
                           gint64        backoff,
                           gint64        reset)
{
  if (g_error_matches (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_RATE_LIMITED) && reset > now)
    return reset;
  return now + backoff;
}

char *
lineup_sync_plan_refusal (LineupAccountKind  kind,
                          const GError      *error,
                          LineupSyncAction   action,
                          gint64             scheduled_at)
{
  if (kind == LINEUP_ACCOUNT_MASTODON &&
      g_error_matches (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_REJECTED) &&
      (action == LINEUP_SYNC_ACT_CREATE || action == LINEUP_SYNC_ACT_MOVE) && scheduled_at != 0)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (scheduled_at);
      g_autofree char *day = g_date_time_format (utc, "%Y-%m-%d");

      return g_strdup_printf (_("%s. Mastodon takes at most %d scheduled posts per account on one UTC day "
                                "(%s here) and %d in all: move this post to another day, or publish fewer."),
                              error->message, LINEUP_MASTODON_MAX_PER_DAY, day, LINEUP_MASTODON_MAX_PENDING);
    }
  return g_strdup (error->message);
}

/* ---- reconciliation ---- */

LineupSyncSeen
lineup_sync_plan_compare (const char             *remote_id,
                          gint64                  remote_at,
                          const char             *remote_text,
                          const LineupRemotePost *listed)
{
  if (remote_id == NULL)
    return listed ? LINEUP_SYNC_SEEN_ADOPT : LINEUP_SYNC_SEEN_UNKNOWN;
  if (listed == NULL)
    return LINEUP_SYNC_SEEN_MISSING;
  if (listed->scheduled_at != remote_at)
    return LINEUP_SYNC_SEEN_MOVED;
  if (listed->text && g_strcmp0 (listed->text, remote_text) != 0)
    return LINEUP_SYNC_SEEN_EDITED;
  return LINEUP_SYNC_SEEN_SAME;
}

LineupSyncGone
lineup_sync_plan_gone (const LineupRemotePost *found,
                       const GError           *error,
                       gint64                  remote_at,
                       gint64                  now)
{
  if (found && found->published)
    return LINEUP_SYNC_GONE_PUBLISHED;
  if (found)
    return LINEUP_SYNC_GONE_STILL_THERE;
  if (g_error_matches (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_NOT_FOUND))
    return remote_at > now ? LINEUP_SYNC_GONE_DELETED_EARLY : LINEUP_SYNC_GONE_NOT_PUBLISHED;
  return LINEUP_SYNC_GONE_UNSURE;
}
