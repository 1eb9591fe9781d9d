/* lineup-share-push.c: sending a shared plan's queued local changes.
 *
 * Step 1 of a pass (docs/sharing.md §6): every queued post, the plan's
 * settings and the team go to the server with conditional writes; a 412
 * fetches the server's version, merges it with ours against the last synced
 * one, and writes again. A post's approvals by this login go before the
 * post, so a refused approval never reaches the plan collection. A queue row
 * goes only when the server took the change. Pulling is lineup-share-pull.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lineup-share-private.h"
#include "lineup-share-ical.h"
#include "lineup-share-merge.h"
#include "lineup-workflow.h"

/* A 412 loop this long means two writers keep racing: the next pass goes on. */
#define MAX_WRITE_ATTEMPTS 6

static LineupCaldav *
dav_for (LineupShareRun        *run,
         LineupShareCollection  collection)
{
  return collection == LINEUP_SHARE_COLLECTION_APPROVALS ? run->approvals_dav : run->plan_dav;
}

LineupShareCollection
_lineup_share_collection_of (LineupShareRun *run,
                             LineupShareKind kind)
{
  if (run->config->approvals_url == NULL)
    return LINEUP_SHARE_COLLECTION_PLAN;
  return kind == LINEUP_SHARE_TEAM || kind == LINEUP_SHARE_APPROVAL
         ? LINEUP_SHARE_COLLECTION_APPROVALS : LINEUP_SHARE_COLLECTION_PLAN;
}

/* Remembers what the server holds now for @uid: @data and @etag, or when
 * the write was answered without an ETag, what a GET gives. */
gboolean
_lineup_share_remember (LineupShareRun        *run,
                        LineupShareCollection  collection,
                        const char            *uid,
                        const char            *href,
                        const char            *data,
                        const char            *etag,
                        GCancellable          *cancellable,
                        GError               **error)
{
  g_autoptr(LineupCaldavItem) fetched = NULL;
  LineupShareResource resource = { collection, (char *) uid, (char *) href, (char *) etag, (char *) data };

  if (etag == NULL)
    {
      GError *local_error = NULL;

      /* The server may have rewritten what it stored: never assume the
       * bytes are ours (protocols.md §6). */
      fetched = lineup_caldav_get (dav_for (run, collection), href, cancellable, &local_error);
      if (fetched == NULL)
        {
          _lineup_share_wrap_error (error, local_error);
          return FALSE;
        }
      resource.etag = fetched->etag;
      resource.base = fetched->data;
    }
  return lineup_store_share_set_resource (run->store, &resource, error);
}

typedef LineupShareRecord *(*ReadLocal)  (LineupShareRun *run, const char *uid, GError **error);
typedef gboolean           (*ApplyLocal) (LineupShareRun *run, const char *uid,
                                          const LineupShareRecord *record, GError **error);

static LineupShareRecord *
read_post (LineupShareRun  *run,
           const char      *uid,
           GError         **error)
{
  return lineup_store_share_read_post (run->store, uid, error);
}

static gboolean
apply_post (LineupShareRun           *run,
            const char               *uid,
            const LineupShareRecord  *record,
            GError                  **error)
{
  g_hash_table_add (run->touched, g_strdup (uid));
  return lineup_store_share_apply_post (run->store, uid, record, error);
}

static LineupShareRecord *
read_plan (LineupShareRun  *run,
           const char      *uid,
           GError         **error)
{
  return lineup_store_share_read_plan (run->store);
}

static gboolean
apply_plan (LineupShareRun           *run,
            const char               *uid,
            const LineupShareRecord  *record,
            GError                  **error)
{
  return lineup_store_share_apply_plan (run->store, record, error);
}

static LineupShareRecord *
read_team (LineupShareRun  *run,
           const char      *uid,
           GError         **error)
{
  return lineup_store_share_read_team (run->store);
}

static gboolean
apply_team (LineupShareRun           *run,
            const char               *uid,
            const LineupShareRecord  *record,
            GError                  **error)
{
  return lineup_store_share_apply_team (run->store, record, error);
}

/* Writes the local version of @uid (what @read gives), merging with the
 * server's on a 412. @mine NULL (a deleted post): deletes the resource. */
static gboolean
write_resource (LineupShareRun         *run,
                LineupShareCollection   collection,
                const char             *uid,
                ReadLocal               read,
                ApplyLocal              apply,
                GCancellable           *cancellable,
                GError                **error)
{
  LineupCaldav *dav = dav_for (run, collection);
  g_autoptr(LineupShareResource) resource = lineup_store_share_get_resource (run->store, collection, uid);
  g_autoptr(LineupShareRecord) mine = NULL;
  g_autofree char *name = lineup_share_ical_resource_name (uid);
  g_autofree char *href = resource ? g_strdup (resource->href) : lineup_caldav_href (dav, name);
  GError *local_error = NULL;

  mine = read (run, uid, &local_error);
  if (local_error)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  for (guint attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++)
    {
      g_autoptr(LineupCaldavItem) theirs_item = NULL;
      g_autoptr(LineupShareRecord) theirs = NULL;
      g_autoptr(LineupShareRecord) base = NULL;
      g_autoptr(LineupShareRecord) merged = NULL;
      g_autofree char *text = NULL;
      g_autofree char *etag = NULL;
      g_autofree char *writer = NULL;
      const char *base_text = resource ? resource->base : NULL;

      if (mine == NULL)
        {
          /* A deletion wins over a change made elsewhere meanwhile. */
          if (resource == NULL)
            return TRUE;
          if (lineup_caldav_delete (dav, href, resource->etag, cancellable, &local_error))
            {
              run->counts.sent++;
              return lineup_store_share_remove_resource (run->store, collection, uid, error);
            }
        }
      else
        {
          /* Nothing to send when the server has this already. */
          if (base_text)
            {
              g_autoptr(LineupShareRecord) last = _lineup_share_parse (base_text, NULL, NULL);

              if (last && lineup_share_record_equal (last, mine) && resource->etag)
                return TRUE;
            }
          text = _lineup_share_render (run, mine, base_text, error);
          if (text == NULL)
            return FALSE;
          if (lineup_caldav_put (dav, href, text, resource ? resource->etag : NULL, &etag,
                                 cancellable, &local_error))
            {
              run->counts.sent++;
              return _lineup_share_remember (run, collection, uid, href, text, etag, cancellable, error);
            }
        }

      if (!g_error_matches (local_error, LINEUP_CALDAV_ERROR, LINEUP_CALDAV_ERROR_PRECONDITION))
        {
          _lineup_share_wrap_error (error, local_error);
          return FALSE;
        }
      g_clear_error (&local_error);

      /* Someone else wrote first: take theirs and merge. */
      theirs_item = lineup_caldav_get (dav, href, cancellable, &local_error);
      if (theirs_item == NULL)
        {
          if (!g_error_matches (local_error, LINEUP_CALDAV_ERROR, LINEUP_CALDAV_ERROR_NOT_FOUND))
            {
              _lineup_share_wrap_error (error, local_error);
              return FALSE;
            }
          /* Gone meanwhile: write it as new. */
          g_clear_error (&local_error);
          if (!lineup_store_share_remove_resource (run->store, collection, uid, error))
            return FALSE;
          g_clear_pointer (&resource, lineup_share_resource_free);
          continue;
        }
      if (mine == NULL)
        {
          g_free (resource->etag);
          resource->etag = g_strdup (theirs_item->etag);
          continue;
        }
      theirs = _lineup_share_parse (theirs_item->data, &writer, &local_error);
      if (theirs == NULL)
        {
          g_propagate_prefixed_error (error, local_error, _("The server holds a damaged %s: "), href);
          return FALSE;
        }
      /* This copy's own earlier write (its answer lost): what this copy has
       * now grew from it, so it is the base and ours stands whole. */
      if (g_strcmp0 (writer, run->config->machine) == 0)
        base = lineup_share_record_copy (theirs);
      else
        base = base_text ? _lineup_share_parse (base_text, NULL, NULL) : NULL;
      merged = lineup_share_merge (base, mine, theirs, run->config->login, NULL);
      if (!lineup_share_record_equal (merged, mine) && !apply (run, uid, merged, error))
        return FALSE;
      if (!_lineup_share_remember (run, collection, uid, href, theirs_item->data, theirs_item->etag,
                     cancellable, error))
        return FALSE;
      g_clear_pointer (&resource, lineup_share_resource_free);
      resource = lineup_store_share_get_resource (run->store, collection, uid);
      g_clear_pointer (&mine, lineup_share_record_free);
      mine = g_steal_pointer (&merged);
    }

  g_set_error (error, LINEUP_SHARE_ERROR, LINEUP_SHARE_ERROR_FAILED,
               _("Another copy kept changing “%s” while this one wrote it; the next pass tries again"),
               uid);
  return FALSE;
}

char *
_lineup_share_approval_uid (const char *post_id,
                            const char *login,
                            int         step)
{
  return g_strdup_printf ("lineup-approval-%s-%s-%d", post_id, login, step);
}

/* Writes this login's approvals of @post_id the server does not hold yet.
 * A refusal takes the approval back and puts the post back to In review. */
static gboolean
push_approvals (LineupShareRun  *run,
                const char      *post_id,
                GCancellable    *cancellable,
                GError         **error)
{
  LineupShareCollection collection = _lineup_share_collection_of (run, LINEUP_SHARE_APPROVAL);
  LineupCaldav *dav = dav_for (run, collection);
  g_autoptr(GPtrArray) approvals = lineup_store_share_list_approvals (run->store, post_id, error);

  if (approvals == NULL)
    return FALSE;
  for (guint i = 0; i < approvals->len; i++)
    {
      LineupShareApproval *approval = g_ptr_array_index (approvals, i);
      g_autofree char *uid = NULL;
      g_autofree char *name = NULL;
      g_autofree char *href = NULL;
      g_autofree char *text = NULL;
      g_autofree char *etag = NULL;
      g_autofree char *at = NULL;
      g_autofree char *step = NULL;
      g_autoptr(LineupShareResource) resource = NULL;
      g_autoptr(LineupShareRecord) record = NULL;
      GError *local_error = NULL;

      if (g_strcmp0 (approval->approver, run->config->login) != 0)
        continue;
      uid = _lineup_share_approval_uid (post_id, approval->approver, approval->step);
      resource = lineup_store_share_get_resource (run->store, collection, uid);
      if (resource && resource->base)
        {
          g_autoptr(LineupShareRecord) held = _lineup_share_parse (resource->base, NULL, NULL);

          if (held && g_strcmp0 (lineup_share_record_get (held, "content-key"), approval->content_key) == 0)
            continue;
        }
      record = lineup_share_record_new (LINEUP_SHARE_APPROVAL, uid);
      step = g_strdup_printf ("%d", approval->step);
      at = g_strdup_printf ("%" G_GINT64_FORMAT, approval->at);
      lineup_share_record_set (record, "post", post_id);
      lineup_share_record_set (record, "step", step);
      lineup_share_record_set (record, "approver", approval->approver);
      lineup_share_record_set (record, "content-key", approval->content_key);
      lineup_share_record_set (record, "at", at);
      text = _lineup_share_render (run, record, resource ? resource->base : NULL, error);
      if (text == NULL)
        return FALSE;
      name = lineup_share_ical_resource_name (uid);
      href = resource ? g_strdup (resource->href) : lineup_caldav_href (dav, name);

      if (!lineup_caldav_put (dav, href, text, resource ? resource->etag : NULL, &etag,
                              cancellable, &local_error) &&
          g_error_matches (local_error, LINEUP_CALDAV_ERROR, LINEUP_CALDAV_ERROR_PRECONDITION))
        {
          /* An earlier approval of this step by this login: replace it. */
          g_autoptr(LineupCaldavItem) held = NULL;

          g_clear_error (&local_error);
          held = lineup_caldav_get (dav, href, cancellable, &local_error);
          if (held)
            lineup_caldav_put (dav, href, text, held->etag, &etag, cancellable, &local_error);
        }
      if (local_error == NULL)
        {
          run->counts.sent++;
          if (!_lineup_share_remember (run, collection, uid, href, text, etag, cancellable, error))
            return FALSE;
          continue;
        }
      if (g_error_matches (local_error, LINEUP_CALDAV_ERROR, LINEUP_CALDAV_ERROR_FORBIDDEN))
        {
          g_autofree char *reason = g_strdup_printf (_("the server does not let %s approve"),
                                                     run->config->login);
          g_autoptr(GPtrArray) kept = g_ptr_array_new ();

          for (guint k = 0; k < approvals->len; k++)
            if (k != i)
              g_ptr_array_add (kept, g_ptr_array_index (approvals, k));
          if (!lineup_store_share_set_approvals (run->store, post_id, kept, error) ||
              !lineup_store_share_demote (run->store, post_id, run->config->login, reason, error))
            {
              g_clear_error (&local_error);
              return FALSE;
            }
          /* A refused approval is what the person needs to hear first. */
          g_clear_error (&run->refused);
          if (run->refused == NULL)
            run->refused = g_error_new (LINEUP_SHARE_ERROR, LINEUP_SHARE_ERROR_REFUSED,
                                        _("“%s” was not approved: %s (%s)"), post_id, reason,
                                        local_error->message);
          g_clear_error (&local_error);
          /* The demotion is local: the post itself is sent next with it. */
          return TRUE;
        }
      _lineup_share_wrap_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
push_one (LineupShareRun     *run,
          LineupShareQueued  *queued,
          GCancellable       *cancellable,
          GError            **error)
{
  if (g_str_equal (queued->kind, "post"))
    {
      if (!push_approvals (run, queued->key, cancellable, error))
        return FALSE;
      return write_resource (run, LINEUP_SHARE_COLLECTION_PLAN, queued->key, read_post, apply_post,
                             cancellable, error);
    }
  if (g_str_equal (queued->kind, "plan"))
    return write_resource (run, LINEUP_SHARE_COLLECTION_PLAN, LINEUP_SHARE_PLAN_UID, read_plan,
                           apply_plan, cancellable, error);
  if (g_str_equal (queued->kind, "team"))
    return write_resource (run, _lineup_share_collection_of (run, LINEUP_SHARE_TEAM),
                           LINEUP_SHARE_TEAM_UID, read_team, apply_team, cancellable, error);
  /* A kind a newer Lineup queued: it sends it itself. */
  return TRUE;
}

/* Puts back what the server holds of the plan's settings or the team after
 * it refused this copy's change of them. */
static gboolean
restore_from_server (LineupShareRun     *run,
                     LineupShareQueued  *queued,
                     GError            **error)
{
  gboolean team = g_str_equal (queued->kind, "team");
  LineupShareCollection collection = _lineup_share_collection_of (run, team ? LINEUP_SHARE_TEAM : LINEUP_SHARE_PLAN);
  g_autoptr(LineupShareResource) resource = lineup_store_share_get_resource (run->store, collection, queued->key);
  g_autoptr(LineupShareRecord) held = NULL;

  if (resource == NULL || resource->base == NULL ||
      (held = _lineup_share_parse (resource->base, NULL, NULL)) == NULL)
    return TRUE;
  return team ? lineup_store_share_apply_team (run->store, held, error)
              : lineup_store_share_apply_plan (run->store, held, error);
}

gboolean
_lineup_share_push (LineupShareRun  *run,
                    GCancellable    *cancellable,
                    GError         **error)
{
  g_autoptr(GPtrArray) queue = lineup_store_share_list_queue (run->store, error);

  if (queue == NULL)
    return FALSE;
  /* The files first: a post that names one reaches the others after it. */
  if (!_lineup_share_media_push (run, cancellable, error))
    return FALSE;
  for (guint i = 0; i < queue->len; i++)
    {
      LineupShareQueued *queued = g_ptr_array_index (queue, i);
      GError *local_error = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!push_one (run, queued, cancellable, &local_error))
        {
          /* A team or plan the server does not let this login write (an
           * editor, with a protected approvals collection) is not theirs to
           * send: it leaves the queue, and the pull brings the server's back. */
          if (g_error_matches (local_error, LINEUP_SHARE_ERROR, LINEUP_SHARE_ERROR_REFUSED) &&
              !g_str_equal (queued->kind, "post"))
            {
              if (run->refused == NULL)
                run->refused = g_steal_pointer (&local_error);
              g_clear_error (&local_error);
              if (!lineup_store_share_dequeue (run->store, queued->seq, error) ||
                  !restore_from_server (run, queued, error))
                return FALSE;
              continue;
            }
          g_propagate_error (error, local_error);
          return FALSE;
        }
      if (!lineup_store_share_dequeue (run->store, queued->seq, error))
        return FALSE;
    }
  return TRUE;
}
