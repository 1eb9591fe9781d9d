/* lineup-share-claims.c: which copy of a shared plan sends a post.
 *
 * Two members may hold the same account (the team's Mastodon account on two
 * laptops): a post must still go out once. Before this copy sends a post to
 * an account it claims the pair on the server — a resource created with
 * If-None-Match: *, so exactly one copy's create succeeds (docs/sharing.md
 * §7). The publisher asks lineup_share_may_send () before it sends: a
 * local read, never the network.
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

/* The machine named in the claim this copy knows of, or NULL. */
static char *
claim_holder (LineupStore *store,
              const char  *post_id,
              const char  *account_id)
{
  g_autofree char *key = lineup_store_share_account_key (store, account_id);
  g_autofree char *uid = NULL;
  g_autoptr(LineupShareResource) resource = NULL;
  g_autoptr(LineupShareRecord) record = NULL;

  if (key == NULL)
    return NULL;
  uid = claim_uid (post_id, key);
  resource = lineup_store_share_get_resource (store, LINEUP_SHARE_COLLECTION_PLAN, uid);
  if (resource == NULL || resource->base == NULL)
    return NULL;
  record = _lineup_share_parse (resource->base, NULL, NULL);
  return record ? g_strdup (lineup_share_record_get (record, "machine")) : NULL;
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
 * whoever's it is. */
static gboolean
claim_one (LineupShareRun  *run,
           const char      *post_id,
           const char      *account_id,
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
  LineupShareResource resource = { LINEUP_SHARE_COLLECTION_PLAN, NULL, NULL, NULL, NULL };

  if (key == NULL)
    return TRUE;
  uid = claim_uid (post_id, key);
  known = lineup_store_share_get_resource (run->store, LINEUP_SHARE_COLLECTION_PLAN, uid);
  if (known && known->base)
    return TRUE;

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
  resource.uid = uid;
  resource.href = href;

  if (lineup_caldav_put (run->plan_dav, href, text, NULL, &etag, cancellable, &local_error))
    {
      resource.etag = etag;
      resource.base = text;
      run->counts.sent++;
    }
  else if (g_error_matches (local_error, LINEUP_CALDAV_ERROR, LINEUP_CALDAV_ERROR_PRECONDITION))
    {
      /* Someone's claim is there (ours, if an answer was lost): read whose. */
      g_autoptr(LineupCaldavItem) held = NULL;

      g_clear_error (&local_error);
      held = lineup_caldav_get (run->plan_dav, href, cancellable, &local_error);
      if (held == NULL)
        {
          _lineup_share_wrap_error (error, local_error);
          return FALSE;
        }
      resource.etag = held->etag;
      resource.base = held->data;
      return lineup_store_share_set_resource (run->store, &resource, error);
    }
  else
    {
      _lineup_share_wrap_error (error, local_error);
      return FALSE;
    }
  if (resource.etag == NULL)
    {
      g_autoptr(LineupCaldavItem) held = lineup_caldav_get (run->plan_dav, href, cancellable, &local_error);

      if (held == NULL)
        {
          _lineup_share_wrap_error (error, local_error);
          return FALSE;
        }
      resource.etag = held->etag;
      resource.base = held->data;
      return lineup_store_share_set_resource (run->store, &resource, error);
    }
  return lineup_store_share_set_resource (run->store, &resource, error);
}

gboolean
_lineup_share_claim (LineupShareRun  *run,
                     GCancellable    *cancellable,
                     GError         **error)
{
  g_autoptr(GPtrArray) outbox = lineup_store_get_outbox (run->store, FALSE, error);

  if (outbox == NULL)
    return FALSE;
  for (guint i = 0; i < outbox->len; i++)
    {
      LineupPostSync *sync = g_ptr_array_index (outbox, i);
      gboolean sends = FALSE;

      for (guint k = 0; sync->ops && sync->ops[k]; k++)
        sends |= g_str_equal (sync->ops[k], lineup_outbox_op_to_key (LINEUP_OUTBOX_CREATE)) ||
                 g_str_equal (sync->ops[k], lineup_outbox_op_to_key (LINEUP_OUTBOX_PUBLISH));
      if (sends && !claim_one (run, sync->post_id, sync->account_id, cancellable, error))
        return FALSE;
    }
  return TRUE;
}
