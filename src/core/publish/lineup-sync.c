/* lineup-sync.c: the sync engine: one pass over the outbox, its lock, the
 * background timer and the retries, and the LineupSync object.
 *
 * It acts; what to do for each post is decided in lineup-sync-plan.c.
 * Reconciliation with what the servers hold is in lineup-sync-reconcile.c;
 * the SQL in lineup-publish-store-sync.c; making the accounts' publishers
 * in lineup-account-connect.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "lineup-sync-private.h"
#include "lineup-account-connect.h"
#include "lineup-mastodon.h"
#include "lineup-store-publish.h"
#include "lineup-store-media.h"
#include "lineup-share.h"

#define RECONCILE_SECONDS (5 * 60)

G_DEFINE_FINAL_TYPE (LineupSync, lineup_sync, G_TYPE_OBJECT)
G_DEFINE_QUARK (lineup-sync-error-quark, lineup_sync_error)

/* ---- small things ---- */

gint64
lineup_sync_now (void)
{
  const char *offset = g_getenv ("LINEUP_CLOCK_OFFSET");

  return g_get_real_time () / G_USEC_PER_SEC + (offset ? g_ascii_strtoll (offset, NULL, 10) : 0);
}

static gint64
retry_base_ms (void)
{
  const char *text = g_getenv ("LINEUP_SYNC_RETRY_BASE_MS");
  gint64 ms = text ? g_ascii_strtoll (text, NULL, 10) : 0;

  return ms > 0 ? ms : 2000;
}

static char *
new_key (const char *post_id)
{
  g_autofree char *uuid = g_uuid_string_random ();

  /* Also a valid AT Protocol record key and webhook-id. */
  return g_strdup_printf ("lineup-%.8s-%s", post_id, uuid);
}

static void
account_run_free (AccountRun *run)
{
  lineup_account_free (run->account);
  g_clear_object (&run->publisher);
  g_free (run->problem);
  g_free (run);
}

static void
pass_free (Pass *pass)
{
  g_clear_pointer (&pass->accounts, g_hash_table_unref);
  g_clear_pointer (&pass->reconcile, g_ptr_array_unref);
  g_clear_pointer (&pass->targets, g_ptr_array_unref);
  if (pass->lock_fd >= 0)
    close (pass->lock_fd);   /* releases the lock */
  g_clear_object (&pass->sync);
  g_free (pass);
}

/* ---- deciding ---- */

/* The post's media and where their files are: the backends read them in
 * their worker thread. */
static void
add_media (LineupStore    *store,
           LineupOutgoing *outgoing)
{
  g_autoptr(GPtrArray) media = lineup_store_get_post_media (store, outgoing->post_id, NULL);

  if (media == NULL || media->len == 0)
    return;
  outgoing->media_files = g_new0 (char *, media->len + 1);
  for (guint i = 0; i < media->len; i++)
    {
      LineupMedium *medium = g_ptr_array_index (media, i);

      outgoing->media_files[i] = lineup_store_get_media_file (store, medium->sha256, medium->mime_type);
    }
  outgoing->media = g_steal_pointer (&media);
}

static LineupOutgoing *
make_outgoing (LineupStore         *store,
               LineupPost          *post,
               const LineupAccount *account,
               const char          *key)
{
  LineupOutgoing *outgoing = lineup_outgoing_new ();
  LineupPillar *pillar = lineup_store_get_pillar (store, lineup_post_get_pillar_id (post));
  LineupContentType *type = lineup_store_get_content_type (store, lineup_post_get_type_id (post));

  outgoing->key = g_strdup (key);
  outgoing->post_id = g_strdup (lineup_post_get_id (post));
  outgoing->title = g_strdup (lineup_post_get_title (post));
  outgoing->text = lineup_store_caption_for_account (store, post, account);
  if (*lineup_post_get_content_warning (post))
    outgoing->content_warning = g_strdup (lineup_post_get_content_warning (post));
  outgoing->scheduled_at = lineup_post_get_scheduled_at (post);
  outgoing->pillar = pillar ? g_strdup (lineup_pillar_get_name (pillar)) : NULL;
  outgoing->content_type = type ? g_strdup (lineup_content_type_get_name (type)) : NULL;
  outgoing->platforms = g_strdupv ((char **) lineup_post_get_platforms (post));
  if (account && account->kind == LINEUP_ACCOUNT_WEBHOOK)
    {
      guint n = g_strv_length (outgoing->platforms);

      outgoing->texts = g_new0 (char *, n + 1);
      for (guint i = 0; i < n; i++)
        outgoing->texts[i] = lineup_store_outgoing_caption (store, post, outgoing->platforms[i]);
    }
  add_media (store, outgoing);
  /* Uploaded before for this account: used again (Mastodon). */
  if (account && outgoing->media)
    outgoing->media_ids = _lineup_publish_known_media_ids (store, outgoing->post_id, account->id, outgoing->media);
  return outgoing;
}

/* What the plan wants of the target's post on its account now. */
static LineupSyncWish
wish_for (LineupStore         *store,
          LineupSyncTarget    *target,
          AccountRun          *run,
          LineupPost          *post,
          char               **out_text,
          GPtrArray          **out_alt_changes)
{
  LineupSyncWish wish = { 0 };

  wish.wanted = lineup_sync_plan_wants_remote (post) &&
                _lineup_publish_is_targeted (store, target->post_id, target->account_id);
  wish.scheduled_at = post ? lineup_post_get_scheduled_at (post) : 0;
  wish.text = *out_text = post ? lineup_store_caption_for_account (store, post, run->account) : NULL;

  /* The media of the status the server holds, against the post's. */
  *out_alt_changes = NULL;
  if (target->remote_id && wish.wanted)
    {
      g_autoptr(GError) error = NULL;
      GPtrArray *changes = _lineup_publish_alt_changes (store, target->post_id, target->account_id,
                                                        &wish.media_changed, &error);

      if (changes == NULL)
        g_warning ("%s", error->message);
      else
        {
          gboolean known = TRUE;

          for (guint i = 0; i < changes->len; i++)
            known &= ((LineupMediaUpdate *) g_ptr_array_index (changes, i))->media_id != NULL;
          wish.alt_changes = changes->len;
          wish.alt_in_place = known && (lineup_publisher_get_caps (run->publisher) & LINEUP_PUBLISH_CAN_DESCRIBE);
          *out_alt_changes = changes;
        }
    }
  return wish;
}

/* What a call that created (or tried to create) the post left of its media
 * on the server, from the ids the backend wrote into the outgoing: each id
 * it has (LineupRemoteMedium), and in @out_forget the ids used before that
 * the server no longer knew. With @remote, the media the status holds: as
 * the server's answer names them when it names them all. */
static GPtrArray *
media_of_call (LineupPublishCall  *call,
               GStrv               sent_ids,
               LineupRemotePost   *remote,
               GStrv              *out_forget)
{
  LineupOutgoing *outgoing = call ? call->outgoing : NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_remote_medium_free);
  g_autoptr(GStrvBuilder) forget = g_strv_builder_new ();
  guint n = outgoing && outgoing->media ? outgoing->media->len : 0;
  gboolean answered = remote && remote->media_ids && g_strv_length (remote->media_ids) == n;

  for (guint i = 0; i < n; i++)
    {
      LineupMedium *medium = g_ptr_array_index (outgoing->media, i);
      const char *id = answered ? remote->media_ids[i]
                       : outgoing->media_ids && i < g_strv_length (outgoing->media_ids) ? outgoing->media_ids[i] : "";
      const char *sent = sent_ids && i < g_strv_length (sent_ids) ? sent_ids[i] : "";
      LineupRemoteMedium *row;

      if (*sent && g_strcmp0 (sent, id) != 0 && !answered)
        g_strv_builder_add (forget, sent);
      if (*id == '\0')
        continue;
      row = g_new0 (LineupRemoteMedium, 1);
      row->media_id = g_strdup (id);
      row->sha256 = g_strdup (medium->sha256);
      row->alt = g_strdup (answered ? remote->media_descriptions[i] : medium->alt ? medium->alt : "");
      g_ptr_array_add (rows, row);
    }
  *out_forget = g_strv_builder_end (forget);
  return rows;
}

/* ---- the state machine ---- */

typedef struct {
  LineupSyncTarget     *target;     /* borrowed from the pass */
  AccountRun *run;
  LineupSyncAction      action;
  char       *key;
  LineupPost *post;
  GStrv       sent_ids;     /* CREATE, PUBLISH: the media ids it was given */
  GPtrArray  *updates;      /* DESCRIBE: what was sent (the call's) */
} Step;

static void
step_free (Step *step)
{
  g_free (step->key);
  g_clear_object (&step->post);
  g_strfreev (step->sent_ids);
  g_clear_pointer (&step->updates, g_ptr_array_unref);
  g_free (step);
}

/* A failure: what it means for the post. */
static void
handle_error (Pass              *pass,
              Step              *step,
              LineupPublishCall *call,
              GError            *error)
{
  LineupStore *store = pass->sync->store;
  LineupSyncTarget *target = step->target;
  gint64 now = lineup_sync_now ();
  Update update = { .state = LINEUP_SYNC_PENDING, .attempts = -1 };
  g_autofree char *message = NULL;
  g_autoptr(GPtrArray) uploaded = NULL;
  g_auto(GStrv) forget = NULL;

  /* What it uploaded before it failed is used again next time. */
  if (step->action == LINEUP_SYNC_ACT_CREATE || step->action == LINEUP_SYNC_ACT_PUBLISH)
    {
      uploaded = media_of_call (call, step->sent_ids, NULL, &forget);
      update.media_change = LINEUP_REMOTE_MEDIA_UPLOADED;
      update.media = uploaded;
      update.forget_media = (const char * const *) forget;
    }

  LineupSyncFailure failure = lineup_sync_plan_failure (error, step->action);

  if (failure == LINEUP_SYNC_FAILURE_RETRY)
    {
      gint64 backoff = lineup_sync_plan_backoff (target->attempts, retry_base_ms (), g_random_double ());
      gint64 retry_at = lineup_sync_plan_retry_at (error, now, backoff,
                                                   lineup_publisher_get_retry_at (step->run->publisher));

      if (g_error_matches (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_RATE_LIMITED))
        step->run->paused_until = retry_at;
      /* An answer too large once is too large again soon: a later pass
       * tries it; this one does not wait to download it again. */
      if (g_error_matches (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_TOO_LARGE))
        retry_at = MAX (retry_at, now + ONCE_MAX_WAIT + 1);
      if (!g_str_has_prefix (error->message, "Cancelled"))
        {
          g_autofree char *when = lineup_store_format_time (store, retry_at, LINEUP_TIME_FORMAT);

          message = g_strdup_printf (_("%s — trying again at %s"), error->message, when);
        }
      update.message = message;
      update.attempts = (int) target->attempts + 1;
      update.next_attempt_at = retry_at;
      pass->report.retried++;
      pass->wake_at = pass->wake_at ? MIN (pass->wake_at, retry_at) : retry_at;
      _lineup_publish_commit_update (store, target, &update, lineup_sync_action_to_key (step->action), FALSE, error->message);
      return;
    }

  if (failure == LINEUP_SYNC_FAILURE_CONFLICT)
    {
      update.state = LINEUP_SYNC_CONFLICT;
      message = g_strdup_printf (_("Deleted on the server, or published there early: %s. "
                                   "Choose to send Lineup’s version again or to take the server’s."),
                                 error->message);
      update.message = message;
      pass->report.conflicts++;
      _lineup_publish_commit_update (store, target, &update, lineup_sync_action_to_key (step->action), FALSE, message);
      return;
    }

  if (failure == LINEUP_SYNC_FAILURE_ACCOUNT)
    {
      g_autoptr(GError) save_error = NULL;

      /* The whole account is stuck until someone signs in again; its
       * outbox stays as it is, so nothing is lost. */
      g_free (step->run->problem);
      step->run->problem = g_strdup (error->message);
      step->run->paused_until = G_MAXINT64;
      g_free (step->run->account->problem);
      step->run->account->problem = g_strdup (error->message);
      if (!lineup_store_update_account (store, step->run->account, &save_error))
        g_warning ("Could not save the account’s problem: %s", save_error->message);
    }

  /* Refused: the server's words stay with the post; the outbox keeps the
   * change so Retry (or any edit) sends it again. */
  message = lineup_sync_plan_refusal (step->run->account->kind, error, step->action,
                                      step->post ? lineup_post_get_scheduled_at (step->post) : 0);
  update.state = LINEUP_SYNC_FAILED;
  update.message = message;
  update.next_attempt_at = 0;
  pass->report.failed++;
  _lineup_publish_commit_update (store, target, &update, lineup_sync_action_to_key (step->action), FALSE, message);
}

static void
on_call_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  Pass *pass = g_task_get_task_data (task);
  Step *step = g_object_get_data (G_OBJECT (task), "lineup-step");
  LineupStore *store = pass->sync->store;
  LineupSyncTarget *target = step->target;
  g_autoptr(GError) error = NULL;
  gpointer value = lineup_publisher_call_finish (LINEUP_PUBLISHER (source), result, &error);
  LineupPublishCall *call = lineup_publisher_call_peek (result);
  Update update = { .state = LINEUP_SYNC_SYNCED, .attempts = 0 };
  g_autoptr(GPtrArray) media = NULL;
  g_auto(GStrv) forget = NULL;

  if (value == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          g_object_unref (task);
          return;
        }
      handle_error (pass, step, call, error);
      pass->index++;
      pass->steps = 0;
      g_object_set_data (G_OBJECT (task), "lineup-step", NULL);
      _lineup_sync_pass_next (task);
      return;
    }

  switch (step->action)
    {
    case LINEUP_SYNC_ACT_CREATE:
    case LINEUP_SYNC_ACT_PUBLISH:
      {
        LineupRemotePost *remote = value;
        g_autofree char *sent = lineup_store_caption_for_account (store, step->post, step->run->account);

        /* The media the status holds, with the descriptions it took. */
        media = media_of_call (call, step->sent_ids, remote, &forget);
        update.media_change = LINEUP_REMOTE_MEDIA_ATTACHED;
        update.media = media;
        if (remote->published)
          {
            update.state = LINEUP_SYNC_PUBLISHED;
            update.set_remote = TRUE;
            update.remote_id = remote->remote_id;
            update.remote_text = sent;
            update.url = remote->url;
            update.drop_outbox = TRUE;
            pass->report.published++;
          }
        else
          {
            update.set_remote = TRUE;
            update.remote_id = remote->remote_id;
            update.remote_at = remote->scheduled_at;
            update.remote_text = remote->text ? remote->text : sent;
          }
        update.set_key = TRUE;
        update.pending_key = NULL;
        pass->report.sent++;
        if (_lineup_publish_commit_update (store, target, &update, lineup_sync_action_to_key (step->action), TRUE, remote->url) &&
            remote->published)
          _lineup_publish_mark_published (store, target->post_id, step->run->account->name, remote->url);
        lineup_remote_post_free (remote);
      }
      break;
    case LINEUP_SYNC_ACT_MOVE:
      {
        LineupRemotePost *remote = value;

        update.set_remote = TRUE;
        update.remote_id = remote->remote_id;
        update.remote_at = remote->scheduled_at;
        update.remote_text = target->remote_text;
        pass->report.sent++;
        _lineup_publish_commit_update (store, target, &update, "move", TRUE, NULL);
        lineup_remote_post_free (remote);
      }
      break;
    case LINEUP_SYNC_ACT_CANCEL:
    case LINEUP_SYNC_ACT_REPLACE:
      update.state = LINEUP_SYNC_PENDING;
      update.set_remote = TRUE;
      update.remote_id = NULL;
      update.remote_at = 0;
      update.remote_text = NULL;
      /* The status is gone: its media may go on the next one. */
      update.media_change = LINEUP_REMOTE_MEDIA_RELEASED;
      pass->report.sent++;
      _lineup_publish_commit_update (store, target, &update, lineup_sync_action_to_key (step->action), TRUE, NULL);
      break;
    case LINEUP_SYNC_ACT_DESCRIBE:
      {
        g_autoptr(GStrvBuilder) gone = g_strv_builder_new ();

        /* The new descriptions are the server's; an id it no longer knew
         * is forgotten, and the next step makes the status again. */
        media = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_remote_medium_free);
        for (guint i = 0; step->updates && i < step->updates->len; i++)
          {
            LineupMediaUpdate *sent = g_ptr_array_index (step->updates, i);
            LineupRemoteMedium *row;

            if (sent->gone)
              {
                g_strv_builder_add (gone, sent->media_id);
                continue;
              }
            row = g_new0 (LineupRemoteMedium, 1);
            row->media_id = g_strdup (sent->media_id);
            row->alt = g_strdup (sent->description);
            g_ptr_array_add (media, row);
          }
        forget = g_strv_builder_end (gone);
        update.media_change = LINEUP_REMOTE_MEDIA_DESCRIBED;
        update.media = media;
        update.forget_media = (const char * const *) forget;
        pass->report.sent++;
        _lineup_publish_commit_update (store, target, &update, "describe", TRUE, NULL);
      }
      break;
    case LINEUP_SYNC_ACT_FIND_PENDING:
      {
        g_autoptr(GPtrArray) list = value;
        const char *found = NULL;

        for (guint i = 0; i < list->len; i++)
          {
            LineupRemotePost *remote = g_ptr_array_index (list, i);

            if (g_strcmp0 (remote->key, target->pending_key) == 0)
              found = remote->remote_id;
          }
        /* The create did reach the server: withdraw it by its id next. */
        update.state = LINEUP_SYNC_PENDING;
        update.set_remote = found != NULL;
        update.remote_id = found;
        update.remote_at = G_MAXINT64 / 2;
        update.set_key = TRUE;
        update.pending_key = NULL;
        _lineup_publish_commit_update (store, target, &update, NULL, TRUE, NULL);
      }
      break;
    default:
      g_assert_not_reached ();
    }

  g_object_set_data (G_OBJECT (task), "lineup-step", NULL);
  _lineup_sync_pass_next (task);   /* the same target again: one more step may follow */
}

/* Another member's copy sends the post to this account (docs/sharing.md
 * §7): once it shared that the server holds it, this copy shows that state
 * and the outbox rows go; until then the row says who sends it. */
static void
show_sent_elsewhere (LineupStore       *store,
                     LineupSyncTarget  *target,
                     LineupShareSender *sender)
{
  LineupSyncState state = lineup_sync_state_from_key (sender->state);

  if (state == LINEUP_SYNC_SYNCED || state == LINEUP_SYNC_PUBLISHED)
    {
      Update update = { .state = state, .url = sender->url, .message = sender->message,
                        .attempts = 0, .drop_outbox = TRUE };

      _lineup_publish_commit_update (store, target, &update, NULL, TRUE, NULL);
    }
  else
    {
      g_autofree char *message =
        sender->login
          ? g_strdup_printf (_("Sent by another member’s copy of the plan (%s’s): its result shows here "
                               "after both copies sync the shared plan"), sender->login)
          : g_strdup (_("Sent by another member’s copy of the plan: its result shows here "
                        "after both copies sync the shared plan"));
      Update update = { .state = LINEUP_SYNC_PENDING, .message = message, .attempts = -1,
                        .next_attempt_at = 0 };

      /* Written once: a commit announces a change, which starts a pass. */
      if (target->state != LINEUP_SYNC_PENDING || target->next_attempt_at != 0 ||
          g_strcmp0 (target->message, message) != 0)
        _lineup_publish_commit_update (store, target, &update, NULL, TRUE, NULL);
    }
}

/* Does what can be done for the current target without the network, or
 * starts its next request. Returns TRUE when a request is on its way. */
static gboolean
step_target (GTask  *task,
             Pass   *pass,
             LineupSyncTarget *target)
{
  LineupStore *store = pass->sync->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) post = NULL;
  AccountRun *run;
  gint64 now = lineup_sync_now ();
  LineupPublishCall *call;
  Step *step;
  LineupSyncAction action;
  LineupSyncWish wish;
  g_autofree char *wish_text = NULL;
  g_autoptr(GPtrArray) alt_changes = NULL;

  if (!_lineup_publish_reload_target (store, target, &error))
    {
      g_warning ("%s", error->message);
      return FALSE;
    }
  run = g_hash_table_lookup (pass->accounts, target->account_id);
  if (run == NULL)
    return FALSE;   /* the account was removed */
  post = _lineup_store_read_post (store, target->post_id, NULL);

  if (run->publisher == NULL)
    {
      Update update = { .state = LINEUP_SYNC_FAILED, .message = run->problem, .attempts = -1 };

      if (target->state != LINEUP_SYNC_FAILED)
        {
          pass->report.failed++;
          _lineup_publish_commit_update (store, target, &update, "sync", FALSE, run->problem);
        }
      return FALSE;
    }
  if (!lineup_sync_plan_ready (target, run->paused_until, now, &pass->wake_at))
    {
      pass->report.waiting++;
      return FALSE;
    }

  wish = wish_for (store, target, run, post, &wish_text, &alt_changes);
  action = lineup_sync_plan_action (target, &wish,
                                    (lineup_publisher_get_caps (run->publisher) & LINEUP_PUBLISH_CAN_SCHEDULE) != 0,
                                    now);
  if (++pass->steps > 6)
    {
      g_warning ("Post %s on %s did not settle; it is left for the next pass", target->post_id,
                 run->account->name);
      return FALSE;
    }

  switch (action)
    {
    case LINEUP_SYNC_ACT_SKIP:
      return FALSE;
    case LINEUP_SYNC_ACT_DROP:
      {
        Update update = { .attempts = 0, .drop_outbox = TRUE };

        update.state = lineup_sync_plan_settled_state (target);
        update.set_remote = FALSE;
        if (update.state != LINEUP_SYNC_NOT_SYNCED || target->has_state)
          _lineup_publish_commit_update (store, target, &update, NULL, TRUE, NULL);
        return FALSE;
      }
    case LINEUP_SYNC_ACT_WAIT:
      {
        gint64 at = lineup_post_get_scheduled_at (post);
        g_autofree char *when = lineup_store_format_time (store, at, LINEUP_TIME_FORMAT);
        g_autofree char *message = g_strdup_printf (_("Lineup publishes it at %s (it must be running then, or its timer)"),
                                                    when);
        Update update = { .state = LINEUP_SYNC_PENDING, .message = message, .attempts = -1, .next_attempt_at = 0 };

        pass->report.waiting++;
        pass->wake_at = pass->wake_at ? MIN (pass->wake_at, at) : at;
        /* Written once: a commit announces a change, which starts a pass. */
        if (target->state != LINEUP_SYNC_PENDING || target->next_attempt_at != 0 ||
            g_strcmp0 (target->message, message) != 0)
          _lineup_publish_commit_update (store, target, &update, NULL, TRUE, NULL);
        return FALSE;
      }
    case LINEUP_SYNC_ACT_TOO_LATE:
      {
        Update update = { .state = LINEUP_SYNC_FAILED, .attempts = -1,
                          .message = _("The server publishes it within 5 minutes and can no longer change it: "
                                       "edit the published post on the network instead") };

        pass->report.failed++;
        _lineup_publish_commit_update (store, target, &update, "sync", FALSE, update.message);
        return FALSE;
      }
    default:
      break;
    }

  /* In a shared plan another member's copy may hold the same account:
   * only the copy whose claim the server took sends (docs/sharing.md §7).
   * When another copy holds it, this one shows what that copy shared of
   * the send and stops asking; without a claim yet, a share pass makes it. */
  if ((action == LINEUP_SYNC_ACT_CREATE || action == LINEUP_SYNC_ACT_PUBLISH) &&
      !lineup_share_may_send (store, target->post_id, target->account_id))
    {
      g_autoptr(LineupShareSender) sender = lineup_share_sent_elsewhere (store, target->post_id,
                                                                          target->account_id);

      if (sender)
        show_sent_elsewhere (store, target, sender);
      else
        pass->report.waiting++;
      return FALSE;
    }

  step = g_new0 (Step, 1);
  step->target = target;
  step->run = run;
  step->action = action;
  step->post = g_steal_pointer (&post);
  call = g_new0 (LineupPublishCall, 1);

  switch (action)
    {
    case LINEUP_SYNC_ACT_CREATE:
    case LINEUP_SYNC_ACT_PUBLISH:
    case LINEUP_SYNC_ACT_REPLACE:
      /* The key is committed before the request leaves: after a crash the
       * retry carries the same one and the server answers with the first
       * result instead of posting again. */
      if (target->pending_key == NULL || action == LINEUP_SYNC_ACT_REPLACE)
        {
          g_autofree char *key = new_key (target->post_id);
          Update update = { .state = LINEUP_SYNC_PENDING, .set_key = TRUE, .pending_key = key,
                            .message = NULL, .attempts = -1, .next_attempt_at = 0 };

          if (!_lineup_publish_commit_update (store, target, &update, NULL, TRUE, NULL))
            {
              step_free (step);
              lineup_publish_call_free (call);
              return FALSE;
            }
          g_free (target->pending_key);
          target->pending_key = g_steal_pointer (&key);
        }
      if (action == LINEUP_SYNC_ACT_REPLACE)
        {
          call->op = LINEUP_PUBLISH_OP_CANCEL;
          call->remote_id = g_strdup (target->remote_id);
        }
      else
        {
          call->op = action == LINEUP_SYNC_ACT_CREATE ? LINEUP_PUBLISH_OP_CREATE : LINEUP_PUBLISH_OP_PUBLISH;
          call->outgoing = make_outgoing (store, step->post, step->run->account, target->pending_key);
          step->sent_ids = g_strdupv (call->outgoing->media_ids);
        }
      break;
    case LINEUP_SYNC_ACT_DESCRIBE:
      call->op = LINEUP_PUBLISH_OP_DESCRIBE;
      call->title = g_strdup (lineup_post_get_title (step->post));
      call->media_updates = g_ptr_array_ref (alt_changes);
      step->updates = g_ptr_array_ref (alt_changes);
      break;
    case LINEUP_SYNC_ACT_MOVE:
      call->op = LINEUP_PUBLISH_OP_MOVE;
      call->remote_id = g_strdup (target->remote_id);
      call->scheduled_at = lineup_post_get_scheduled_at (step->post);
      break;
    case LINEUP_SYNC_ACT_CANCEL:
      call->op = LINEUP_PUBLISH_OP_CANCEL;
      call->remote_id = g_strdup (target->remote_id);
      break;
    case LINEUP_SYNC_ACT_FIND_PENDING:
      call->op = LINEUP_PUBLISH_OP_LIST;
      break;
    default:
      g_assert_not_reached ();
    }

  g_object_set_data_full (G_OBJECT (task), "lineup-step", step, (GDestroyNotify) step_free);
  lineup_publisher_call_async (run->publisher, call, g_task_get_cancellable (task), on_call_done_cb, task);
  return TRUE;
}

/* ---- the pass ---- */


static void
finish_pass (GTask *task)
{
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

void
_lineup_sync_pass_next (GTask *task)
{
  Pass *pass = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  /* First reconcile the accounts that schedule on their servers. */
  if (pass->reconcile && pass->reconcile->len > 0)
    {
      _lineup_sync_reconcile (task, g_ptr_array_steal_index (pass->reconcile, 0));
      return;
    }

  if (pass->targets == NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!_lineup_publish_load_targets (pass, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          g_object_unref (task);
          return;
        }
      pass->index = 0;
      pass->steps = 0;
    }

  while (pass->index < pass->targets->len)
    {
      LineupSyncTarget *target = g_ptr_array_index (pass->targets, pass->index);

      if (step_target (task, pass, target))
        return;   /* on_call_done_cb continues */
      pass->index++;
      pass->steps = 0;
    }

  /* Everything tried once. A --once pass waits for retries that are close. */
  if (!(pass->flags & LINEUP_SYNC_PASS_NO_WAIT) && pass->wake_at > 0)
    {
      gint64 now = lineup_sync_now ();
      gint64 wait = pass->wake_at - now;

      if (wait <= ONCE_MAX_WAIT && _lineup_publish_has_retry_waiting (pass))
        {
          g_clear_pointer (&pass->targets, g_ptr_array_unref);
          pass->wake_at = 0;
          pass->report.waiting = 0;
          g_timeout_add_once ((guint) MAX (wait, 0) * 1000 + 10, (GSourceOnceFunc) _lineup_sync_pass_next, task);
          return;
        }
    }
  finish_pass (task);
}

/* One pass at a time per plan file, across processes (the app and the
 * timer's `lineup sync --due`). */
static int
take_lock (LineupStore  *store,
           GError      **error)
{
  g_autofree char *path = g_strconcat (lineup_store_get_path (store), ".sync-lock", NULL);
  int fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, LINEUP_SYNC_ERROR, LINEUP_SYNC_ERROR_FAILED,
                   _("Could not create %s (%s): check the folder’s permissions"), path, g_strerror (saved));
      return -1;
    }
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      close (fd);
      g_set_error (error, LINEUP_SYNC_ERROR, LINEUP_SYNC_ERROR_BUSY,
                   _("Another Lineup is syncing this plan right now; it will send everything"));
      return -1;
    }
  return fd;
}

void
lineup_sync_run_async (LineupSync          *self,
                       LineupSyncPassFlags  flags,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task;
  Pass *pass;
  g_autoptr(GPtrArray) accounts = NULL;
  GError *error = NULL;

  g_return_if_fail (LINEUP_IS_SYNC (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lineup_sync_run_async);
  pass = g_new0 (Pass, 1);
  pass->sync = g_object_ref (self);
  pass->flags = flags;
  pass->lock_fd = -1;
  g_task_set_task_data (task, pass, (GDestroyNotify) pass_free);

  if ((pass->lock_fd = take_lock (self->store, &error)) < 0 ||
      (accounts = lineup_store_get_accounts (self->store, &error)) == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  pass->accounts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) account_run_free);
  pass->reconcile = g_ptr_array_new ();
  for (guint i = 0; i < accounts->len; i++)
    {
      AccountRun *run = g_new0 (AccountRun, 1);
      g_autoptr(GError) local_error = NULL;

      run->account = g_steal_pointer (&accounts->pdata[i]);
      run->publisher = lineup_account_build_publisher (run->account, self->http, self->secrets, &local_error);
      if (run->publisher == NULL)
        run->problem = g_strdup (local_error->message);
      g_hash_table_insert (pass->accounts, run->account->id, run);
      if (run->publisher &&
          (lineup_publisher_get_caps (run->publisher) & LINEUP_PUBLISH_CAN_SCHEDULE) &&
          _lineup_publish_needs_reconcile (self->store, run, (flags & LINEUP_SYNC_PASS_DUE_ONLY) != 0))
        g_ptr_array_add (pass->reconcile, run);
    }
  g_ptr_array_set_free_func (accounts, NULL);
  self->last_reconcile = lineup_sync_now ();

  _lineup_sync_pass_next (task);
}

gboolean
lineup_sync_run_finish (LineupSync        *self,
                        GAsyncResult      *result,
                        LineupSyncReport  *out_report,
                        GError           **error)
{
  Pass *pass;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  pass = g_task_get_task_data (G_TASK (result));
  if (out_report)
    *out_report = pass->report;
  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct {
  GAsyncResult *result;
} Waiter;

static void
on_run_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Waiter *waiter = user_data;

  waiter->result = g_object_ref (result);
}

gboolean
lineup_sync_run (LineupSync          *self,
                 LineupSyncPassFlags  flags,
                 LineupSyncReport    *out_report,
                 GCancellable        *cancellable,
                 GError             **error)
{
  Waiter waiter = { NULL };
  gboolean ok;

  lineup_sync_run_async (self, flags, cancellable, on_run_done_cb, &waiter);
  while (waiter.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  ok = lineup_sync_run_finish (self, waiter.result, out_report, error);
  g_object_unref (waiter.result);
  return ok;
}

/* ---- in the background ---- */

static void schedule_pass (LineupSync *self, guint delay_ms);


static void
on_background_pass_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  LineupSync *self = LINEUP_SYNC (source);
  g_autoptr(GError) error = NULL;
  gint64 now, wake, delay;

  self->busy = FALSE;
  if (!lineup_sync_run_finish (self, result, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !g_error_matches (error, LINEUP_SYNC_ERROR, LINEUP_SYNC_ERROR_BUSY))
    g_warning ("Sync: %s", error->message);
  if (!self->running)
    {
      g_object_unref (self);
      return;
    }

  now = lineup_sync_now ();
  wake = _lineup_publish_next_wake (self);
  delay = RECONCILE_SECONDS;
  if (wake > 0)
    delay = MIN (delay, wake - now);
  if (self->again)
    delay = 0;
  self->again = FALSE;
  schedule_pass (self, (guint) MAX (delay, 0) * 1000 + (delay > 0 ? 200 : 50));
  g_object_unref (self);
}

static void
on_pass_due_cb (gpointer data)
{
  LineupSync *self = data;

  self->timeout_id = 0;
  if (!self->running || self->busy)
    return;
  self->busy = TRUE;
  lineup_sync_run_async (self, LINEUP_SYNC_PASS_NO_WAIT, self->cancellable, on_background_pass_cb,
                         g_object_ref (self));
}

static void
schedule_pass (LineupSync *self,
               guint       delay_ms)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add_once (delay_ms, on_pass_due_cb, self);
}

static void
on_publishing_changed_cb (LineupStore *store,
                          LineupSync  *self)
{
  if (self->busy)
    self->again = TRUE;
  else if (self->running)
    schedule_pass (self, 300);   /* let a burst of edits settle */
}

void
lineup_sync_start (LineupSync *self)
{
  g_return_if_fail (LINEUP_IS_SYNC (self));
  if (self->running)
    return;
  self->running = TRUE;
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->changed_id = g_signal_connect (self->store, "publishing-changed",
                                       G_CALLBACK (on_publishing_changed_cb), self);
  /* What another process (the command line) put in the outbox arrives as a
   * reload of the whole plan. */
  self->reloaded_id = g_signal_connect (self->store, "reloaded", G_CALLBACK (on_publishing_changed_cb), self);
  schedule_pass (self, 500);
}

void
lineup_sync_stop (LineupSync *self)
{
  g_return_if_fail (LINEUP_IS_SYNC (self));
  if (!self->running)
    return;
  self->running = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_signal_handler (&self->reloaded_id, self->store);
}

gboolean
lineup_sync_is_running (LineupSync *self)
{
  g_return_val_if_fail (LINEUP_IS_SYNC (self), FALSE);
  return self->running;
}


/* ---- GObject ---- */

LineupPublisher *
lineup_sync_create_publisher (LineupAccount  *account,
                              LineupSecrets  *secrets,
                              LineupHttp     *http,
                              GError        **error)
{
  return lineup_account_build_publisher (account, http, secrets, error);
}

static void
lineup_sync_dispose (GObject *object)
{
  LineupSync *self = (LineupSync *) object;

  if (self->running)
    lineup_sync_stop (self);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->secrets);
  g_clear_object (&self->http);
  G_OBJECT_CLASS (lineup_sync_parent_class)->dispose (object);
}

static void
lineup_sync_class_init (LineupSyncClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lineup_sync_dispose;
}

static void
lineup_sync_init (LineupSync *self)
{
  self->http = lineup_http_new ();
}

LineupSync *
lineup_sync_new (LineupStore   *store,
                 LineupSecrets *secrets)
{
  LineupSync *self;

  g_return_val_if_fail (LINEUP_IS_STORE (store), NULL);
  g_return_val_if_fail (LINEUP_IS_SECRETS (secrets), NULL);
  self = g_object_new (LINEUP_TYPE_SYNC, NULL);
  self->store = g_object_ref (store);
  self->secrets = g_object_ref (secrets);
  return self;
}

void
lineup_sync_set_reuse_connections (LineupSync *self,
                                   gboolean    reuse)
{
  g_return_if_fail (LINEUP_IS_SYNC (self));
  lineup_http_set_reuse (self->http, reuse);
}

LineupHttp *
lineup_sync_get_http (LineupSync *self)
{
  g_return_val_if_fail (LINEUP_IS_SYNC (self), NULL);
  return self->http;
}
