/* lineup-share-pull.c: taking in what changed on a shared plan's server.
 *
 * Steps 2 and 3 of a pass (docs/sharing.md §6): the changes of each
 * collection since its sync token (the CalDAV client falls back to a
 * listing when the token is stale), each merged with the local version
 * against the last synced one and applied as a remote change; then the
 * approvals: the ones in the approvals collection become the post's, and a
 * post whose stage claims an approval the chain lacks goes back to In
 * review (§6a). Sending is lineup-share-push.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lineup-share-private.h"
#include "lineup-share-ical.h"
#include "lineup-share-merge.h"
#include "lineup-workflow.h"

static LineupShareRecord *
read_local (LineupShareRun   *run,
            LineupShareKind   kind,
            const char       *uid,
            GError          **error)
{
  switch (kind)
    {
    case LINEUP_SHARE_POST:
      return lineup_store_share_read_post (run->store, uid, error);
    case LINEUP_SHARE_PLAN:
      return lineup_store_share_read_plan (run->store);
    case LINEUP_SHARE_TEAM:
      return lineup_store_share_read_team (run->store);
    default:
      return NULL;
    }
}

static gboolean
apply_local (LineupShareRun           *run,
             LineupShareKind           kind,
             const char               *uid,
             const LineupShareRecord  *record,
             GError                  **error)
{
  switch (kind)
    {
    case LINEUP_SHARE_POST:
      g_hash_table_add (run->touched, g_strdup (uid));
      return lineup_store_share_apply_post (run->store, uid, record, error);
    case LINEUP_SHARE_PLAN:
      return record == NULL || lineup_store_share_apply_plan (run->store, record, error);
    case LINEUP_SHARE_TEAM:
      return record == NULL || lineup_store_share_apply_team (run->store, record, error);
    case LINEUP_SHARE_APPROVAL:
      if (record && lineup_share_record_get (record, "post"))
        g_hash_table_add (run->approval_posts, g_strdup (lineup_share_record_get (record, "post")));
      return TRUE;
    default:
      return TRUE;
    }
}

/* Whether @uid waits in the queue: a local change not yet sent. */
static gboolean
is_queued (GPtrArray  *queue,
           const char *uid)
{
  for (guint i = 0; i < queue->len; i++)
    {
      LineupShareQueued *queued = g_ptr_array_index (queue, i);

      if (g_strcmp0 (queued->key, uid) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
take_removed (LineupShareRun         *run,
              LineupShareCollection   collection,
              LineupCaldavItem       *item,
              GPtrArray              *queue,
              GError                **error)
{
  g_autoptr(LineupShareResource) resource = lineup_store_share_find_href (run->store, collection, item->href);
  g_autoptr(LineupShareRecord) last = NULL;

  if (resource == NULL)
    return TRUE;
  last = resource->base ? _lineup_share_parse (resource->base, NULL, NULL) : NULL;
  if (!lineup_store_share_remove_resource (run->store, collection, resource->uid, error))
    return FALSE;
  if (last == NULL)
    return TRUE;
  if (lineup_share_record_get_kind (last) == LINEUP_SHARE_POST && is_queued (queue, resource->uid))
    {
      /* Changed here, deleted there: the change stands and is sent as new. */
      return TRUE;
    }
  if (lineup_share_record_get_kind (last) == LINEUP_SHARE_APPROVAL)
    return apply_local (run, LINEUP_SHARE_APPROVAL, resource->uid, last, error);
  run->counts.received++;
  return apply_local (run, lineup_share_record_get_kind (last), resource->uid, NULL, error);
}

static gboolean
take_changed (LineupShareRun         *run,
              LineupShareCollection   collection,
              LineupCaldavItem       *item,
              GPtrArray              *queue,
              GError                **error)
{
  g_autoptr(LineupShareRecord) theirs = NULL;
  g_autoptr(LineupShareRecord) mine = NULL;
  g_autoptr(LineupShareRecord) base = NULL;
  g_autoptr(LineupShareRecord) merged = NULL;
  g_autoptr(LineupShareResource) resource = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  LineupShareResource held = { collection, NULL, item->href, item->etag, item->data };
  LineupShareKind kind;
  const char *uid;
  g_autofree char *writer = NULL;
  gboolean own;
  GError *local_error = NULL;

  theirs = _lineup_share_parse (item->data, &writer, &local_error);
  if (theirs == NULL)
    {
      /* Another client's broken resource must not stop the team's sync. */
      g_warning ("Skipping %s: %s", item->href, local_error->message);
      g_clear_error (&local_error);
      return TRUE;
    }
  uid = lineup_share_record_get_uid (theirs);
  kind = lineup_share_record_get_kind (theirs);
  held.uid = (char *) uid;
  resource = lineup_store_share_get_resource (run->store, collection, uid);
  if (resource && resource->etag && item->etag && g_str_equal (resource->etag, item->etag))
    return TRUE;   /* our own write coming back */

  /* The team and the approvals count only from the approvals collection
   * when there is one: the plan collection is everyone's to write. */
  if (run->config->approvals_url &&
      collection == LINEUP_SHARE_COLLECTION_PLAN &&
      (kind == LINEUP_SHARE_TEAM || kind == LINEUP_SHARE_APPROVAL))
    return TRUE;

  if (kind == LINEUP_SHARE_APPROVAL || kind == LINEUP_SHARE_CLAIM)
    {
      if (!lineup_store_share_set_resource (run->store, &held, error))
        return FALSE;
      return apply_local (run, kind, uid, theirs, error);
    }

  mine = read_local (run, kind, uid, &local_error);
  if (local_error)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  base = resource && resource->base ? _lineup_share_parse (resource->base, NULL, NULL) : NULL;
  run->counts.received++;

  own = g_strcmp0 (writer, run->config->machine) == 0;
  if (mine == NULL && kind == LINEUP_SHARE_POST && is_queued (queue, uid))
    merged = NULL;   /* deleted here, not yet sent: the deletion goes next pass */
  else if (own && mine)
    merged = lineup_share_record_copy (mine);   /* our own write, its answer lost: ours is newer */
  else if (mine == NULL || (base && lineup_share_record_equal (mine, base)) ||
           !is_queued (queue, uid))
    merged = lineup_share_record_copy (theirs);
  else
    merged = lineup_share_merge (base, mine, theirs, run->config->login, &conflicts);

  if (merged && (mine == NULL || !lineup_share_record_equal (merged, mine)) &&
      !apply_local (run, kind, uid, merged, error))
    return FALSE;
  if (conflicts)
    run->counts.conflicts += conflicts->len;
  if (!lineup_store_share_set_resource (run->store, &held, error))
    return FALSE;
  /* What the merge kept of ours goes back to the server. */
  if (merged && !lineup_share_record_equal (merged, theirs))
    {
      const char *queue_kind = kind == LINEUP_SHARE_POST ? "post" : kind == LINEUP_SHARE_PLAN ? "plan" : "team";

      if (!lineup_store_share_enqueue (run->store, queue_kind, uid, error))
        return FALSE;
    }
  return TRUE;
}

/* A pillar (type, campaign) renamed or removed on another copy was kept
 * while this copy's posts still named it; once they have come re-tagged,
 * it goes. Not while this copy's own plan waits to be sent: what it adds
 * is not on the server yet. */
static gboolean
prune_plan (LineupShareRun  *run,
            GError         **error)
{
  g_autoptr(GPtrArray) queue = lineup_store_share_list_queue (run->store, error);
  g_autoptr(LineupShareResource) resource = NULL;
  g_autoptr(LineupShareRecord) record = NULL;

  if (queue == NULL)
    return FALSE;
  if (is_queued (queue, LINEUP_SHARE_PLAN_UID))
    return TRUE;
  resource = lineup_store_share_get_resource (run->store, LINEUP_SHARE_COLLECTION_PLAN, LINEUP_SHARE_PLAN_UID);
  if (resource == NULL || resource->base == NULL ||
      (record = _lineup_share_parse (resource->base, NULL, NULL)) == NULL)
    return TRUE;
  return lineup_store_share_prune_plan (run->store, record, error);
}

static gboolean
pull_collection (LineupShareRun         *run,
                 LineupShareCollection   collection,
                 char                  **inout_token,
                 GCancellable           *cancellable,
                 GError                **error)
{
  LineupCaldav *dav = collection == LINEUP_SHARE_COLLECTION_PLAN ? run->plan_dav : run->approvals_dav;
  g_autoptr(GHashTable) known = lineup_store_share_known_etags (run->store, collection);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) queue = NULL;
  g_autofree char *token = NULL;
  GError *local_error = NULL;
  gboolean ok = TRUE;

  if (!lineup_caldav_changes (dav, *inout_token, known, &items, &token, NULL, cancellable, &local_error))
    {
      _lineup_share_wrap_error (error, local_error);
      return FALSE;
    }
  if (items->len == 0)
    {
      /* In step already: no transaction, nothing written but the token. */
      g_free (*inout_token);
      *inout_token = g_steal_pointer (&token);
      return TRUE;
    }
  queue = lineup_store_share_list_queue (run->store, error);
  if (queue == NULL)
    return FALSE;

  /* One transaction for all of it: a join of 2,000 posts is one commit. */
  lineup_store_begin (run->store, _("Sync shared plan"));
  /* The plan's settings first: posts name its pillars and types. */
  for (guint pass = 0; ok && pass < 2; pass++)
    for (guint i = 0; ok && i < items->len; i++)
      {
        LineupCaldavItem *item = g_ptr_array_index (items, i);
        gboolean settings = item->data && (g_strrstr (item->data, "UID:" LINEUP_SHARE_PLAN_UID) ||
                                           g_strrstr (item->data, "UID:" LINEUP_SHARE_TEAM_UID));

        if ((pass == 0) != settings)
          continue;
        if (item->lazy && !item->removed)
          {
            ok = collection != LINEUP_SHARE_COLLECTION_PLAN || _lineup_share_media_listed (run, item, error);
            continue;
          }
        ok = item->removed ? take_removed (run, collection, item, queue, error)
                           : take_changed (run, collection, item, queue, error);
      }
  if (ok && collection == LINEUP_SHARE_COLLECTION_PLAN)
    ok = prune_plan (run, error);
  if (!ok)
    {
      lineup_store_rollback (run->store);
      return FALSE;
    }
  if (!lineup_store_commit (run->store, error))
    return FALSE;
  g_free (*inout_token);
  *inout_token = g_steal_pointer (&token);
  return TRUE;
}

/* The approvals the approvals collection holds for each post in
 * @run->approval_posts: post id → GPtrArray of LineupShareApproval. */
static GHashTable *
collect_approvals (LineupShareRun *run)
{
  LineupShareCollection collection = run->config->approvals_url
                                     ? LINEUP_SHARE_COLLECTION_APPROVALS : LINEUP_SHARE_COLLECTION_PLAN;
  g_autoptr(GHashTable) known = lineup_store_share_known_etags (run->store, collection);
  GHashTable *by_post = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) g_ptr_array_unref);
  GHashTableIter iter;
  gpointer href;

  g_hash_table_iter_init (&iter, run->approval_posts);
  while (g_hash_table_iter_next (&iter, &href, NULL))
    g_hash_table_insert (by_post, g_strdup (href),
                         g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_share_approval_free));

  if (g_hash_table_size (by_post) == 0)
    return by_post;
  g_hash_table_iter_init (&iter, known);
  while (g_hash_table_iter_next (&iter, &href, NULL))
    {
      g_autoptr(LineupShareResource) resource = lineup_store_share_find_href (run->store, collection, href);
      g_autoptr(LineupShareRecord) record = NULL;
      LineupShareApproval *approval;
      GPtrArray *list;

      if (resource == NULL || resource->base == NULL ||
          !g_str_has_prefix (resource->uid, "lineup-approval-"))
        continue;
      record = _lineup_share_parse (resource->base, NULL, NULL);
      if (record == NULL || lineup_share_record_get_kind (record) != LINEUP_SHARE_APPROVAL ||
          lineup_share_record_get (record, "post") == NULL ||
          (list = g_hash_table_lookup (by_post, lineup_share_record_get (record, "post"))) == NULL)
        continue;
      approval = g_new0 (LineupShareApproval, 1);
      approval->post_id = g_strdup (lineup_share_record_get (record, "post"));
      approval->step = atoi (lineup_share_record_get (record, "step") ? lineup_share_record_get (record, "step") : "0");
      approval->approver = g_strdup (lineup_share_record_get (record, "approver"));
      approval->at = g_ascii_strtoll (lineup_share_record_get (record, "at") ? lineup_share_record_get (record, "at") : "0", NULL, 10);
      approval->content_key = g_strdup (lineup_share_record_get (record, "content-key"));
      if (approval->approver == NULL || approval->content_key == NULL)
        {
          lineup_share_approval_free (approval);
          continue;
        }
      g_ptr_array_add (list, approval);
    }
  return by_post;
}

/* A post whose stage claims approvals the chain does not have goes back
 * to In review (docs/sharing.md §6a). */
static gboolean
check_approvals (LineupShareRun  *run,
                 GError         **error)
{
  g_autoptr(GHashTable) by_post = NULL;
  g_autoptr(GPtrArray) chain = NULL;
  GHashTableIter iter;
  gpointer key, value;

  /* A pass that took nothing in has nothing to check. */
  if (g_hash_table_size (run->touched) == 0 && g_hash_table_size (run->approval_posts) == 0)
    return TRUE;
  by_post = collect_approvals (run);
  chain = lineup_store_get_approval_chain (run->store);

  g_hash_table_iter_init (&iter, by_post);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (!lineup_store_share_set_approvals (run->store, key, value, error))
        return FALSE;
      g_hash_table_add (run->touched, g_strdup (key));
    }

  g_hash_table_iter_init (&iter, run->touched);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autoptr(LineupPost) post = lineup_store_get_post (run->store, key, NULL);
      g_autoptr(LineupPostWorkflow) workflow = NULL;
      LineupApprovalStatus status;
      LineupStage stage;

      if (post == NULL)
        continue;
      stage = lineup_post_get_stage (post);
      if (stage != LINEUP_STAGE_APPROVED && stage != LINEUP_STAGE_SCHEDULED)
        continue;
      workflow = lineup_store_get_post_workflow (run->store, post, error);
      if (workflow == NULL)
        return FALSE;
      lineup_workflow_approval_status (chain, workflow->approvals, &status);
      if (status.waiting_step < 0)
        continue;
      if (!lineup_store_share_demote (run->store, key, run->config->login,
                                      _("the approvals collection does not hold the approvals this post needs"),
                                      error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_lineup_share_pull (LineupShareRun  *run,
                    GCancellable    *cancellable,
                    GError         **error)
{
  if (!pull_collection (run, LINEUP_SHARE_COLLECTION_PLAN, &run->config->token, cancellable, error))
    return FALSE;
  if (run->config->approvals_url &&
      !pull_collection (run, LINEUP_SHARE_COLLECTION_APPROVALS, &run->config->approvals_token,
                        cancellable, error))
    return FALSE;
  return check_approvals (run, error);
}
