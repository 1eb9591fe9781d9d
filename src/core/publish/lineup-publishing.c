/* lineup-publishing.c: a plan's publishing, as every window shares it.
 *
 * What the windows share lives on the store (its qdata): the secrets, the
 * sync engine, why publishing is off, and every post's sync state read at
 * once after each change. No widgets here: the badges' icons and styles are
 * in src/ui/common/lineup-sync-badge.c, the panel in
 * src/ui/publishing/lineup-publishing-view.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-publishing.h"

typedef struct {
  LineupSecrets *secrets;
  LineupSync *sync;
  char *problem;
  GHashTable *summaries;   /* post id → state + 1; NULL: to be read again */
  GHashTable *details;     /* post id → each account's state in words */
  guint attention;
} Publishing;

static GQuark
publishing_quark (void)
{
  return g_quark_from_static_string ("lineup-publishing");
}

static void
publishing_free (Publishing *publishing)
{
  g_clear_object (&publishing->secrets);
  g_clear_object (&publishing->sync);
  g_free (publishing->problem);
  g_clear_pointer (&publishing->summaries, g_hash_table_unref);
  g_clear_pointer (&publishing->details, g_hash_table_unref);
  g_free (publishing);
}

static void
on_publishing_invalid_cb (LineupStore *store,
                          Publishing  *publishing)
{
  g_clear_pointer (&publishing->summaries, g_hash_table_unref);
  g_clear_pointer (&publishing->details, g_hash_table_unref);
}

/* Made on first use; its handlers are connected before any watcher's, so
 * a watcher always reads after the cache was dropped. */
static Publishing *
get_publishing (LineupStore *store)
{
  Publishing *publishing = g_object_get_qdata (G_OBJECT (store), publishing_quark ());

  if (publishing == NULL)
    {
      publishing = g_new0 (Publishing, 1);
      g_object_set_qdata_full (G_OBJECT (store), publishing_quark (), publishing, (GDestroyNotify) publishing_free);
      g_signal_connect (store, "publishing-changed", G_CALLBACK (on_publishing_invalid_cb), publishing);
      g_signal_connect (store, "reloaded", G_CALLBACK (on_publishing_invalid_cb), publishing);
    }
  return publishing;
}

static void
append_sync_words (GString              *text,
                   const LineupPostSync *sync)
{
  g_string_append_printf (text, "%s: %s", sync->account_name, lineup_sync_state_to_label (sync->state));
  if (sync->message && *sync->message)
    g_string_append_printf (text, " — %s", sync->message);
  if (sync->state == LINEUP_SYNC_PUBLISHED && sync->url)
    g_string_append_printf (text, " — %s", sync->url);
}

static void
load_publishing (LineupStore *store,
                 Publishing  *publishing)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GHashTableIter iter;
  gpointer value;

  if (publishing->summaries)
    return;
  publishing->details = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  publishing->attention = 0;
  publishing->summaries = lineup_store_get_sync_summaries (store, &error);
  if (publishing->summaries == NULL)
    {
      /* The cards go without badges; the panel says what failed. */
      g_message ("Could not read the sync state: %s", error->message);
      publishing->summaries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      return;
    }
  g_hash_table_iter_init (&iter, publishing->summaries);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      LineupSyncState state = GPOINTER_TO_INT (value) - 1;
      publishing->attention += state == LINEUP_SYNC_FAILED || state == LINEUP_SYNC_CONFLICT;
    }
  if (g_hash_table_size (publishing->summaries) == 0 ||
      (rows = lineup_store_get_outbox (store, TRUE, NULL)) == NULL)
    return;

  /* The words for every post that waits, failed, is in conflict or went
   * out lately: what a card's tooltip and screen reader say. */
  {
    g_autoptr(GHashTable) texts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, NULL);

    for (guint i = 0; i < rows->len; i++)
      {
        LineupPostSync *sync = g_ptr_array_index (rows, i);
        GString *text = g_hash_table_lookup (texts, sync->post_id);

        if (text == NULL)
          {
            text = g_string_new (NULL);
            g_hash_table_insert (texts, sync->post_id, text);
          }
        else
          g_string_append (text, "; ");
        append_sync_words (text, sync);
      }
    g_hash_table_iter_init (&iter, texts);
    {
      gpointer key;

      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (publishing->details, g_strdup (key), g_string_free (value, FALSE));
    }
  }
}

void
lineup_publishing_set_engine (LineupStore   *store,
                              LineupSecrets *secrets,
                              LineupSync    *sync,
                              const char    *problem)
{
  Publishing *publishing;

  g_return_if_fail (LINEUP_IS_STORE (store));
  g_return_if_fail (secrets == NULL || LINEUP_IS_SECRETS (secrets));
  g_return_if_fail (sync == NULL || LINEUP_IS_SYNC (sync));

  publishing = get_publishing (store);
  g_set_object (&publishing->secrets, secrets);
  g_set_object (&publishing->sync, sync);
  g_free (publishing->problem);
  publishing->problem = g_strdup (problem);
  /* What can be published changed: everyone who shows it looks again. */
  g_signal_emit_by_name (store, "publishing-changed");
}

LineupSecrets *
lineup_publishing_get_secrets (LineupStore *store)
{
  g_return_val_if_fail (LINEUP_IS_STORE (store), NULL);
  return get_publishing (store)->secrets;
}

LineupSync *
lineup_publishing_get_sync (LineupStore *store)
{
  g_return_val_if_fail (LINEUP_IS_STORE (store), NULL);
  return get_publishing (store)->sync;
}

const char *
lineup_publishing_get_problem (LineupStore *store)
{
  g_return_val_if_fail (LINEUP_IS_STORE (store), NULL);
  return get_publishing (store)->problem;
}

gboolean
lineup_publishing_lookup (LineupStore      *store,
                          const char       *post_id,
                          LineupSyncState  *out_state,
                          const char      **out_detail)
{
  Publishing *publishing;
  gpointer value;

  g_return_val_if_fail (LINEUP_IS_STORE (store), FALSE);

  publishing = get_publishing (store);
  load_publishing (store, publishing);
  if (post_id == NULL || (value = g_hash_table_lookup (publishing->summaries, post_id)) == NULL)
    return FALSE;
  if (out_state)
    *out_state = GPOINTER_TO_INT (value) - 1;
  if (out_detail)
    *out_detail = g_hash_table_lookup (publishing->details, post_id);
  return TRUE;
}

guint
lineup_publishing_count_attention (LineupStore *store)
{
  Publishing *publishing;

  g_return_val_if_fail (LINEUP_IS_STORE (store), 0);

  publishing = get_publishing (store);
  load_publishing (store, publishing);
  return publishing->attention;
}

void
lineup_publishing_watch (LineupStore *store,
                         GCallback    callback,
                         gpointer     instance)
{
  g_return_if_fail (LINEUP_IS_STORE (store));

  get_publishing (store);
  g_signal_connect_object (store, "publishing-changed", callback, instance, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "reloaded", callback, instance, G_CONNECT_SWAPPED);
}

char *
lineup_publishing_describe_post (LineupStore *store,
                                 const char  *post_id)
{
  g_autoptr(GPtrArray) rows = NULL;
  GString *text;

  g_return_val_if_fail (LINEUP_IS_STORE (store), NULL);

  if (!lineup_publishing_lookup (store, post_id, NULL, NULL) ||
      (rows = lineup_store_get_post_sync (store, post_id, NULL)) == NULL || rows->len == 0)
    return NULL;
  text = g_string_new (NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, '\n');
      append_sync_words (text, g_ptr_array_index (rows, i));
    }
  return g_string_free (text, FALSE);
}

LineupSyncState
lineup_publishing_describe_badge (LineupStore  *store,
                                  LineupPost   *post,
                                  const char   *description,
                                  char        **out_text)
{
  LineupSyncState state = LINEUP_SYNC_NOT_SYNCED;
  const char *detail = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (store), LINEUP_SYNC_NOT_SYNCED);
  g_return_val_if_fail (LINEUP_IS_POST (post), LINEUP_SYNC_NOT_SYNCED);

  if (!lineup_publishing_lookup (store, lineup_post_get_id (post), &state, &detail))
    state = LINEUP_SYNC_NOT_SYNCED;
  if (out_text)
    *out_text = state != LINEUP_SYNC_NOT_SYNCED
                  ? g_strdup_printf (_("%s, publishing: %s"), description ? description : "",
                                     detail ? detail : lineup_sync_state_to_label (state))
                  : g_strdup (description ? description : "");
  return state;
}

/* ---- Sync now ---- */

/* "Sync now" while a background pass holds the plan's sync lock: try again
 * each second for this long before saying so. */
#define BUSY_RETRIES 30

static char *
describe_report (const LineupSyncReport *report)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  if (report->published > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u published", "%u published",
                                                          report->published), report->published));
  if (report->sent > report->published)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change sent", "%u changes sent",
                                                          report->sent - report->published),
                                             report->sent - report->published));
  if (report->failed > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u failed", "%u failed",
                                                          report->failed), report->failed));
  if (report->conflicts > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u in conflict", "%u in conflict",
                                                          report->conflicts), report->conflicts));
  if (report->retried > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u will be tried again",
                                                          "%u will be tried again", report->retried),
                                             report->retried));
  if (parts->len == 0)
    return report->waiting > 0
      ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Nothing to send now: %u post waits for its time",
                                      "Nothing to send now: %u posts wait for their time", report->waiting),
                         report->waiting)
      : g_strdup (_("Nothing to send now: everything is up to date"));
  g_ptr_array_add (parts, NULL);
  joined = g_strjoinv (", ", (char **) parts->pdata);
  return g_strdup_printf (_("Synced: %s"), joined);
}

static void sync_now_run (GTask *task);

static gboolean
sync_now_retry_cb (gpointer data)
{
  sync_now_run (G_TASK (data));
  return G_SOURCE_REMOVE;
}

static void
on_sync_now_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      data)
{
  g_autoptr(GTask) task = data;
  g_autoptr(GError) error = NULL;
  guint *busy_retries = g_task_get_task_data (task);
  LineupSyncReport report = { 0 };

  if (!lineup_sync_run_finish (LINEUP_SYNC (source), result, &report, &error))
    {
      /* The background pass holds the plan: it is sending already. Ask
       * again when it is done. */
      if (g_error_matches (error, LINEUP_SYNC_ERROR, LINEUP_SYNC_ERROR_BUSY) && (*busy_retries)++ < BUSY_RETRIES &&
          !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
        {
          g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, 1, sync_now_retry_cb, g_object_ref (task), g_object_unref);
          return;
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, describe_report (&report), g_free);
}

/* Why nothing can be sent now. */
static GError *
publishing_off_error (LineupStore *store)
{
  const char *problem = lineup_publishing_get_problem (store);

  if (problem)
    return g_error_new (LINEUP_SYNC_ERROR, LINEUP_SYNC_ERROR_FAILED, _("Publishing is off: %s"), problem);
  return g_error_new_literal (LINEUP_SYNC_ERROR, LINEUP_SYNC_ERROR_FAILED,
                              _("Publishing is still starting; try again in a moment"));
}

static void
sync_now_run (GTask *task)
{
  LineupStore *store = g_task_get_source_object (task);
  LineupSync *sync = lineup_publishing_get_sync (store);

  if (g_task_return_error_if_cancelled (task))
    return;
  if (sync == NULL)
    {
      g_task_return_error (task, publishing_off_error (store));
      return;
    }
  lineup_sync_run_async (sync, LINEUP_SYNC_PASS_NO_WAIT, NULL, on_sync_now_done_cb, g_object_ref (task));
}

void
lineup_publishing_sync_now_async (LineupStore         *store,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 now = lineup_sync_now ();

  g_return_if_fail (LINEUP_IS_STORE (store));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, lineup_publishing_sync_now_async);
  g_task_set_task_data (task, g_new0 (guint, 1), g_free);

  /* "Now" means now: what waits for its next try after a failure goes in
   * this pass. Failed posts wait for their Retry, and posts for their time. */
  if (lineup_publishing_get_sync (store))
    rows = lineup_store_get_outbox (store, FALSE, NULL);
  for (guint i = 0; rows && i < rows->len; i++)
    {
      LineupPostSync *sync = g_ptr_array_index (rows, i);

      if (sync->state == LINEUP_SYNC_PENDING && sync->next_attempt_at > now)
        lineup_sync_retry (store, sync->post_id, sync->account_id, NULL);
    }
  sync_now_run (task);
}

char *
lineup_publishing_sync_now_finish (LineupStore   *store,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
