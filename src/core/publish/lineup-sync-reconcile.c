/* lineup-sync-reconcile.c: comparing what a server holds with what the
 * plan remembers sending it.
 *
 * Part of a sync pass: the list of scheduled posts an account's server
 * gives is matched by id (and by idempotency key, for a create whose answer
 * was lost); a post moved or edited there becomes a conflict, a post no
 * longer listed is looked for among the published ones. Sending changes is
 * in lineup-sync.c; what each answer means in lineup-sync-plan.c; the SQL
 * in lineup-publish-store-sync.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-sync-private.h"

void
_lineup_sync_known_free (Known *known)
{
  g_free (known->post_id);
  g_free (known->remote_id);
  g_free (known->remote_text);
  g_free (known->pending_key);
  g_free (known);
}

typedef struct {
  GTask      *task;
  AccountRun *run;
  GPtrArray  *missing;    /* Known whose remote post is no longer listed */
  guint       index;
} Lookup;

static void reconcile_missing_next (Lookup *lookup);

static void
lookup_free (Lookup *lookup)
{
  g_ptr_array_unref (lookup->missing);
  g_free (lookup);
}

static void
on_find_published_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Lookup *lookup = user_data;
  Pass *pass = g_task_get_task_data (lookup->task);
  LineupStore *store = pass->sync->store;
  Known *known = g_ptr_array_index (lookup->missing, lookup->index);
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupRemotePost) found = lineup_publisher_call_finish (LINEUP_PUBLISHER (source), result, &error);
  LineupSyncTarget target = { .post_id = known->post_id, .account_id = lookup->run->account->id };

  switch (lineup_sync_plan_gone (found, error, known->remote_at, lineup_sync_now ()))
    {
    case LINEUP_SYNC_GONE_PUBLISHED:
      {
        Update update = { .state = LINEUP_SYNC_PUBLISHED, .url = found->url, .attempts = 0 };

        pass->report.published++;
        if (_lineup_publish_commit_update (store, &target, &update, "published", TRUE, found->url))
          _lineup_publish_mark_published (store, known->post_id, lookup->run->account->name, found->url);
      }
      break;
    case LINEUP_SYNC_GONE_STILL_THERE:
      /* Still scheduled (listed late): compare it like a listed one next pass. */
      break;
    case LINEUP_SYNC_GONE_DELETED_EARLY:
    case LINEUP_SYNC_GONE_NOT_PUBLISHED:
      {
        const char *message = known->remote_at > lineup_sync_now ()
          ? _("Deleted on the server before its time. Send Lineup’s version again, or take the server’s (stop sending it there).")
          : _("The server did not publish it (it has no post matching it): it was deleted there, or the server dropped it. Send it again, or take the server’s.");
        /* The server has nothing: remember that, for the person's decision. */
        Update update = { .state = LINEUP_SYNC_CONFLICT, .message = message, .attempts = -1,
                          .set_remote = TRUE, .remote_id = NULL };

        pass->report.conflicts++;
        _lineup_publish_commit_update (store, &target, &update, "reconcile", FALSE, message);
      }
      break;
    case LINEUP_SYNC_GONE_UNSURE:
    default:
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not look for post %s: %s", known->post_id, error->message);
      break;
    }

  lookup->index++;
  reconcile_missing_next (lookup);
}

static void
reconcile_missing_next (Lookup *lookup)
{
  GTask *task = lookup->task;

  if (lookup->index < lookup->missing->len && !g_task_return_error_if_cancelled (task))
    {
      Known *known = g_ptr_array_index (lookup->missing, lookup->index);
      LineupPublishCall *call = g_new0 (LineupPublishCall, 1);

      call->op = LINEUP_PUBLISH_OP_FIND_PUBLISHED;
      call->scheduled = lineup_remote_post_new ();
      call->scheduled->remote_id = g_strdup (known->remote_id);
      call->scheduled->scheduled_at = known->remote_at;
      call->scheduled->text = g_strdup (known->remote_text);
      lineup_publisher_call_async (lookup->run->publisher, call, g_task_get_cancellable (task),
                                   on_find_published_cb, lookup);
      return;
    }
  if (g_task_had_error (task))
    {
      lookup_free (lookup);
      g_object_unref (task);
      return;
    }
  lookup_free (lookup);
  _lineup_sync_pass_next (task);
}

static void
on_list_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  Pass *pass = g_task_get_task_data (task);
  LineupStore *store = pass->sync->store;
  AccountRun *run = g_object_steal_data (G_OBJECT (task), "lineup-reconciling");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) listed = lineup_publisher_call_finish (LINEUP_PUBLISHER (source), result, &error);
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(GHashTable) by_key = NULL;
  g_autoptr(GPtrArray) known = NULL;
  Lookup *lookup;
  gint64 now = lineup_sync_now ();

  if (listed == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          g_object_unref (task);
          return;
        }
      if (g_error_matches (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_AUTH))
        {
          g_autoptr(GError) save_error = NULL;

          run->paused_until = G_MAXINT64;
          g_free (run->account->problem);
          run->account->problem = g_strdup (error->message);
          lineup_store_update_account (store, run->account, &save_error);
        }
      else if (g_error_matches (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_RATE_LIMITED))
        run->paused_until = MAX (lineup_publisher_get_retry_at (run->publisher), now + 1);
      g_debug ("Could not reconcile %s: %s", run->account->name, error->message);
      _lineup_sync_pass_next (task);
      return;
    }

  if (run->account->problem)
    {
      g_autoptr(GError) save_error = NULL;

      g_clear_pointer (&run->account->problem, g_free);
      lineup_store_update_account (store, run->account, &save_error);
    }

  by_id = g_hash_table_new (g_str_hash, g_str_equal);
  by_key = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < listed->len; i++)
    {
      LineupRemotePost *remote = g_ptr_array_index (listed, i);

      g_hash_table_insert (by_id, remote->remote_id, remote);
      if (remote->key)
        g_hash_table_insert (by_key, remote->key, remote);
    }

  lookup = g_new0 (Lookup, 1);
  lookup->task = task;
  lookup->run = run;
  lookup->missing = g_ptr_array_new_with_free_func ((GDestroyNotify) _lineup_sync_known_free);
  known = _lineup_publish_load_known (store, run->account->id);
  for (guint i = 0; i < known->len; i++)
    {
      Known *k = g_ptr_array_index (known, i);
      LineupSyncTarget target = { .post_id = k->post_id, .account_id = run->account->id };

      LineupRemotePost *listed = k->remote_id ? g_hash_table_lookup (by_id, k->remote_id)
                                              : g_hash_table_lookup (by_key, k->pending_key);

      switch (lineup_sync_plan_compare (k->remote_id, k->remote_at, k->remote_text, listed))
        {
        case LINEUP_SYNC_SEEN_ADOPT:
          {
            /* A create whose answer was lost, longer ago than the server
             * remembers its key: adopt what it made. */
            Update update = { .state = LINEUP_SYNC_PENDING, .set_remote = TRUE, .remote_id = listed->remote_id,
                              .remote_at = listed->scheduled_at, .remote_text = listed->text,
                              .set_key = TRUE, .pending_key = NULL, .attempts = 0 };
            /* And the media it holds, with the descriptions it took. */
            g_autoptr(GPtrArray) media = _lineup_publish_listed_media (store, target.post_id, listed->media_ids,
                                                                       listed->media_descriptions);

            if (media)
              {
                update.media_change = LINEUP_REMOTE_MEDIA_ATTACHED;
                update.media = media;
              }
            _lineup_publish_commit_update (store, &target, &update, "adopt", TRUE, NULL);
          }
          break;
        case LINEUP_SYNC_SEEN_MISSING:
          g_ptr_array_add (lookup->missing, g_steal_pointer (&known->pdata[i]));
          break;
        case LINEUP_SYNC_SEEN_MOVED:
        case LINEUP_SYNC_SEEN_EDITED:
          {
            g_autofree char *when = lineup_store_format_time (store, listed->scheduled_at, LINEUP_TIME_FORMAT);
            g_autofree char *message =
              listed->scheduled_at != k->remote_at
                ? g_strdup_printf (_("Moved on the server to %s. Send Lineup’s time again, or take the server’s."), when)
                : g_strdup (_("Its text was changed on the server. Send Lineup’s text again, or take the server’s."));
            /* What the server has now, so either choice knows it. */
            Update update = { .state = LINEUP_SYNC_CONFLICT, .message = message, .attempts = -1,
                              .set_remote = TRUE, .remote_id = listed->remote_id,
                              .remote_at = listed->scheduled_at,
                              .remote_text = listed->text ? listed->text : k->remote_text };

            pass->report.conflicts++;
            _lineup_publish_commit_update (store, &target, &update, "reconcile", FALSE, message);
          }
          break;
        case LINEUP_SYNC_SEEN_SAME:
        case LINEUP_SYNC_SEEN_UNKNOWN:
        default:
          break;
        }
    }

  /* _lineup_sync_known_free on the stolen (NULL) slots is a no-op. */
  g_ptr_array_set_free_func (known, NULL);
  for (guint i = 0; i < known->len; i++)
    if (known->pdata[i])
      _lineup_sync_known_free (known->pdata[i]);
  lookup->index = 0;
  reconcile_missing_next (lookup);
}

void
_lineup_sync_reconcile (GTask      *task,
                        AccountRun *run)
{
  LineupPublishCall *call = g_new0 (LineupPublishCall, 1);

  call->op = LINEUP_PUBLISH_OP_LIST;
  g_object_set_data (G_OBJECT (task), "lineup-reconciling", run);
  lineup_publisher_call_async (run->publisher, call, g_task_get_cancellable (task), on_list_cb, task);
}
