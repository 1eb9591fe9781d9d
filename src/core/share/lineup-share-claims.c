/* lineup-share-claims.c: which copy of a shared plan sends a post.
 *
 * Two members may hold the same account (the team's Mastodon account on two
 * laptops): a post must still go out once. Before this copy sends a post to
 * an account it claims the pair on the server — a resource created with
 * If-None-Match: *, so exactly one copy's create succeeds (docs/sharing.md
 * §7). The publisher asks lineup_share_may_send () before it sends, and
 * lineup_share_sent_elsewhere () what to show when another copy sends:
 * local reads, never the network. At the end of a pass the states of the
 * sends this copy holds go back to the server (publish:KEY), so that the
 * other copies show them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lineup-share-private.h"
#include "lineup-share-ical.h"
#include "lineup-publish-store.h"
#include "lineup-outbox.h"

/* "lineup-claim-POST-HASH": the account's key hashed, so the UID stays a
 * short path segment whatever the key holds. */
static char *
claim_uid (const char *post_id,
           const char *account_key)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, account_key, -1);

  hash[16] = '\0';
  return g_strdup_printf ("lineup-claim-%s-%s", post_id, hash);
}

/* The claim on @post_id for the account of share key @key that this copy
 * knows of, or NULL. */
static LineupShareRecord *
read_claim (LineupStore *store,
            const char  *post_id,
            const char  *key)
{
  g_autofree char *uid = claim_uid (post_id, key);
  g_autoptr(LineupShareResource) resource =
    lineup_store_share_get_resource (store, LINEUP_SHARE_COLLECTION_PLAN, uid);

  if (resource == NULL || resource->base == NULL)
    return NULL;
  return _lineup_share_parse (resource->base, NULL, NULL);
}

/* The machine named in the claim this copy knows of, or NULL. */
static char *
claim_holder (LineupStore *store,
              const char  *post_id,
              const char  *account_id)
{
  g_autofree char *key = lineup_store_share_account_key (store, account_id);
  g_autoptr(LineupShareRecord) record = key ? read_claim (store, post_id, key) : NULL;

  return record ? g_strdup (lineup_share_record_get (record, "machine")) : NULL;
}

/* The publishing state for @key that the server's version of the post
 * carries ("STATE URL-or-- MESSAGE"), or NULL. */
static char *
travelled_state (LineupStore *store,
                 const char  *post_id,
                 const char  *key)
{
  g_autoptr(LineupShareResource) resource =
    lineup_store_share_get_resource (store, LINEUP_SHARE_COLLECTION_PLAN, post_id);
  g_autoptr(LineupShareRecord) record = NULL;
  g_autofree char *field = g_strconcat ("publish:", key, NULL);

  if (resource == NULL || resource->base == NULL)
    return NULL;
  record = _lineup_share_parse (resource->base, NULL, NULL);
  return record ? g_strdup (lineup_share_record_get (record, field)) : NULL;
}

/* Whether a travelled state says the post is on the network already. */
static gboolean
state_is_sent (const char *value)
{
  return value && (g_str_has_prefix (value, "synced ") || g_str_has_prefix (value, "published "));
}

void
lineup_share_sender_free (LineupShareSender *sender)
{
  if (sender == NULL)
    return;
  g_free (sender->login);
  g_free (sender->state);
  g_free (sender->url);
  g_free (sender->message);
  g_free (sender);
}

LineupShareSender *
lineup_share_sent_elsewhere (LineupStore *store,
                             const char  *post_id,
                             const char  *account_id)
{
  g_autoptr(LineupShareConfig) config = lineup_store_get_share (store);
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;
  g_autoptr(LineupShareRecord) claim = NULL;
  LineupShareSender *sender;

  if (config == NULL || (key = lineup_store_share_account_key (store, account_id)) == NULL)
    return NULL;
  claim = read_claim (store, post_id, key);
  value = travelled_state (store, post_id, key);
  if (claim)
    {
      if (g_strcmp0 (lineup_share_record_get (claim, "machine"), config->machine) == 0)
        return NULL;   /* ours: this copy sends */
    }
  else if (!state_is_sent (value))
    return NULL;       /* nobody has it: a pass claims it */

  sender = g_new0 (LineupShareSender, 1);
  sender->login = claim ? g_strdup (lineup_share_record_get (claim, "login")) : NULL;
  if (value)
    {
      /* "STATE URL-or-- MESSAGE" (docs/sharing.md §3) */
      g_auto(GStrv) parts = g_strsplit (value, " ", 3);

      sender->state = g_strdup (parts[0]);
      if (parts[0] && parts[1] && !g_str_equal (parts[1], "-"))
        sender->url = g_strdup (parts[1]);
      if (parts[0] && parts[1] && parts[2] && *parts[2])
        sender->message = g_strdup (parts[2]);
    }
  return sender;
}

gboolean
lineup_share_may_send (LineupStore *store,
                       const char  *post_id,
                       const char  *account_id)
{
  g_autoptr(LineupShareConfig) config = lineup_store_get_share (store);
  g_autofree char *holder = NULL;

  if (config == NULL)
    return TRUE;
  holder = claim_holder (store, post_id, account_id);
  return holder && g_str_equal (holder, config->machine);
}

/* Claims one post for one account: TRUE once the server holds a claim,
 * whoever's it is. @on_server: this copy holds it on the server already. */
static gboolean
claim_one (LineupShareRun  *run,
           const char      *post_id,
           const char      *account_id,
           gboolean         on_server,
           GCancellable    *cancellable,
           GError         **error)
{
  g_autofree char *key = lineup_store_share_account_key (run->store, account_id);
  g_autofree char *uid = NULL;
  g_autofree char *name = NULL;
  g_autofree char *href = NULL;
  g_autofree char *text = NULL;
  g_autofree char *etag = NULL;
  g_autoptr(LineupShareRecord) record = NULL;
  g_autoptr(LineupShareResource) known = NULL;
  GError *local_error = NULL;

  if (key == NULL)
    return TRUE;
  uid = claim_uid (post_id, key);
  known = lineup_store_share_get_resource (run->store, LINEUP_SHARE_COLLECTION_PLAN, uid);
  if (known && known->base)
    return TRUE;
  /* Sent by another copy before the plan was shared, and that copy's
   * first pass has not claimed it yet: nobody sends it again. */
  if (!on_server)
    {
      g_autofree char *travelled = travelled_state (run->store, post_id, key);

      if (state_is_sent (travelled))
        return TRUE;
    }

  record = lineup_share_record_new (LINEUP_SHARE_CLAIM, uid);
  lineup_share_record_set (record, "post", post_id);
  lineup_share_record_set (record, "account", key);
  lineup_share_record_set (record, "machine", run->config->machine);
  lineup_share_record_set (record, "login", run->config->login);
  text = _lineup_share_render (run, record, NULL, error);
  if (text == NULL)
    return FALSE;
  name = lineup_share_ical_resource_name (uid);
  href = lineup_caldav_href (run->plan_dav, name);

  if (lineup_caldav_put (run->plan_dav, href, text, NULL, &etag, cancellable, &local_error))
    {
      run->counts.sent++;
      return _lineup_share_remember (run, LINEUP_SHARE_COLLECTION_PLAN, uid, href, text, etag,
                                     cancellable, error);
    }
  if (g_error_matches (local_error, LINEUP_CALDAV_ERROR, LINEUP_CALDAV_ERROR_PRECONDITION))
    {
      /* Someone's claim is there (ours, if an answer was lost): read whose. */
      g_autoptr(LineupCaldavItem) held = NULL;

      g_clear_error (&local_error);
      held = lineup_caldav_get (run->plan_dav, href, cancellable, &local_error);
      if (held)
        return _lineup_share_remember (run, LINEUP_SHARE_COLLECTION_PLAN, uid, href, held->data,
                                       held->etag, cancellable, error);
    }
  _lineup_share_wrap_error (error, local_error);
  return FALSE;
}

/* The states of the sends this copy holds the claims of go to the server
 * in the post's publish:KEY, so the other copies show how it went: a
 * post whose state here differs from the server's is queued and pushed.
 * The rows read are the open ones and the latest settled ones (the
 * outbox's view): a state older than those travels with the post's next
 * change. Only the claim's holder writes the field, so two copies never
 * send it back and forth. */
static gboolean
send_back_states (LineupShareRun  *run,
                  GCancellable    *cancellable,
                  GError         **error)
{
  g_autoptr(GPtrArray) rows = lineup_store_get_outbox (run->store, TRUE, error);
  gboolean queued = FALSE;

  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      LineupPostSync *sync = g_ptr_array_index (rows, i);
      g_autofree char *holder = claim_holder (run->store, sync->post_id, sync->account_id);
      g_autofree char *key = NULL;
      g_autofree char *field = NULL;
      g_autofree char *travelled = NULL;
      g_autoptr(LineupShareRecord) mine = NULL;

      if (holder == NULL || !g_str_equal (holder, run->config->machine))
        continue;
      key = lineup_store_share_account_key (run->store, sync->account_id);
      mine = lineup_store_share_read_post (run->store, sync->post_id, NULL);
      if (key == NULL || mine == NULL)
        continue;
      field = g_strconcat ("publish:", key, NULL);
      travelled = travelled_state (run->store, sync->post_id, key);
      if (g_strcmp0 (lineup_share_record_get (mine, field), travelled) == 0)
        continue;
      if (!lineup_store_share_enqueue (run->store, "post", sync->post_id, error))
        return FALSE;
      queued = TRUE;
    }
  return !queued || _lineup_share_push (run, cancellable, error);
}

/* Every sync row of the plan, for the first pass (see below). */
static GPtrArray *
all_sync_rows (LineupStore  *store,
               GError      **error)
{
  g_autoptr(GHashTable) summaries = lineup_store_get_sync_summaries (store, error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_post_sync_free);
  GHashTableIter iter;
  gpointer post_id;

  if (summaries == NULL)
    return NULL;
  g_hash_table_iter_init (&iter, summaries);
  while (g_hash_table_iter_next (&iter, &post_id, NULL))
    {
      g_autoptr(GPtrArray) post_rows = lineup_store_get_post_sync (store, post_id, NULL);

      for (guint i = 0; post_rows && i < post_rows->len; i++)
        g_ptr_array_add (rows, g_steal_pointer (&post_rows->pdata[i]));
    }
  return g_steal_pointer (&rows);
}

/* Claims what this copy is about to send, and what it holds on a server
 * already: a post scheduled before the plan was shared is claimed by the
 * copy that sent it, so no other copy sends it again. The first pass
 * (create) looks at every row; later ones at the outbox's view (open rows,
 * latest settled ones). */
gboolean
_lineup_share_claim (LineupShareRun  *run,
                     GCancellable    *cancellable,
                     GError         **error)
{
  g_autoptr(GPtrArray) rows = run->config->last_pass_at == 0
                              ? all_sync_rows (run->store, error)
                              : lineup_store_get_outbox (run->store, TRUE, error);

  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      LineupPostSync *sync = g_ptr_array_index (rows, i);
      gboolean sends = sync->remote_id != NULL;

      for (guint k = 0; sync->ops && sync->ops[k]; k++)
        sends |= g_str_equal (sync->ops[k], lineup_outbox_op_to_key (LINEUP_OUTBOX_CREATE)) ||
                 g_str_equal (sync->ops[k], lineup_outbox_op_to_key (LINEUP_OUTBOX_PUBLISH));
      if (sends && !claim_one (run, sync->post_id, sync->account_id, sync->remote_id != NULL,
                               cancellable, error))
        return FALSE;
    }
  return send_back_states (run, cancellable, error);
}
