/* lineup-store.c: the plan in SQLite — the store object, its statements and
 * its operations.
 *
 * Shape of a change: a public mutator validates, opens an operation (BEGIN
 * IMMEDIATE, unless a batch has begun one), writes rows, and
 * records an undo entry (the post before and after) plus the signal to emit.
 * Closing the outermost operation commits, pushes one undo step and only then
 * emits the signals, so no view ever shows something that was rolled back.
 *
 * Deleting a post only marks it deleted: its history stays consistent and
 * undo can bring it back without re-creating rows.
 *
 * This file holds the object (properties, signals, opening, refreshing
 * after another process's commit), the statement cache, operations and
 * batches, and what src/core/publish uses (lineup-store-publish.h). The rest
 * is one topic a file: -schema (migrations, opening a file), -settings (meta,
 * time zone), -validate, -posts, -catalog (pillars, types, campaigns,
 * targets), -team (team, chain, checklist), -calendars (feeds, overlays),
 * -workflow (a post's approvals and the workflow's one write), -undo, and
 * a shared plan's: -share (queue, resources, approvals, conflicts),
 * -share-records (a post read as a record), -share-apply (a record
 * applied), -share-plan (the settings and the team as records).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "lineup-store-private.h"

#define MAX_UNDO_STEPS 200

G_DEFINE_FINAL_TYPE (LineupStore, lineup_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (lineup-store-error-quark, lineup_store_error)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};

enum {
  POST_ADDED,
  POST_CHANGED,
  POST_REMOVED,
  PILLARS_CHANGED,
  CONTENT_TYPES_CHANGED,
  CAMPAIGNS_CHANGED,
  PLAN_CHANGED,
  RELOADED,
  PUBLISHING_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- small helpers ---- */

gint64
_lineup_store_now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

gboolean
_lineup_store_sqlite_error (LineupStore  *self,
                            GError      **error,
                            const char   *what)
{
  int code = sqlite3_errcode (self->db);

  if (code == SQLITE_FULL)
    g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_IO,
                 _("Could not %s: the disk holding “%s” is full. Free some space and try again; nothing was changed."),
                 what, self->path);
  else if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN || code == SQLITE_IOERR)
    g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_IO,
                 _("Could not %s: “%s” cannot be written (%s). Check the file’s permissions; nothing was changed."),
                 what, self->path, sqlite3_errmsg (self->db));
  else if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
    g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_IO,
                 _("Could not %s: another program is writing to “%s”. Try again in a moment; nothing was changed."),
                 what, self->path);
  else if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
    g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_A_PLAN,
                 _("Could not %s: “%s” is damaged (%s). Restore it from a backup (e.g. %s.bak-vN)."),
                 what, self->path, sqlite3_errmsg (self->db), self->path);
  else
    g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_FAILED,
                 _("Could not %s in “%s”: %s"),
                 what, self->path, sqlite3_errmsg (self->db));
  return FALSE;
}

sqlite3_stmt *
_lineup_store_prepare (LineupStore  *self,
                       const char   *sql,
                       GError      **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt == NULL)
    {
      if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
                              &stmt, NULL) != SQLITE_OK)
        {
          _lineup_store_sqlite_error (self, error, _("read the plan"));
          return NULL;
        }
      g_hash_table_insert (self->statements, (gpointer) sql, stmt);
    }

  return stmt;
}

void
_lineup_store_finish (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

gboolean
_lineup_store_exec_sql (LineupStore  *self,
                        const char   *sql,
                        GError      **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return _lineup_store_sqlite_error (self, error, _("save the plan"));
  return TRUE;
}

gboolean
_lineup_store_step_done (LineupStore   *self,
                         sqlite3_stmt  *stmt,
                         const char    *what,
                         GError       **error)
{
  int rc = sqlite3_step (stmt);

  _lineup_store_finish (stmt);
  if (rc != SQLITE_DONE)
    return _lineup_store_sqlite_error (self, error, what);
  return TRUE;
}

void
_lineup_store_bind_text_or_null (sqlite3_stmt *stmt,
                                 int           index,
                                 const char   *text)
{
  if (text && *text)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

const char *
_lineup_store_column_text (sqlite3_stmt *stmt,
                           int           index)
{
  return (const char *) sqlite3_column_text (stmt, index);
}

gint64
_lineup_store_read_data_version (LineupStore *self)
{
  static const char sql[] = "PRAGMA data_version";
  sqlite3_stmt *stmt = _lineup_store_prepare (self, sql, NULL);
  gint64 version = -1;

  if (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  if (stmt)
    _lineup_store_finish (stmt);
  return version;
}

/* ---- operations and undo ---- */

static void
undo_entry_clear (UndoEntry *entry)
{
  g_clear_object (&entry->before);
  g_clear_object (&entry->after);
}

static void
pending_signal_clear (PendingSignal *pending)
{
  g_clear_object (&pending->old_post);
  g_clear_object (&pending->new_post);
}

static void
undo_step_free (UndoStep *step)
{
  g_free (step->label);
  g_array_unref (step->entries);
  _lineup_store_catalog_snapshot_free (step->catalog_before);
  _lineup_store_catalog_snapshot_free (step->catalog_after);
  g_free (step);
}

void
_lineup_store_notify_undo_state (LineupStore *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
}

gboolean
_lineup_store_begin_operation (LineupStore  *self,
                               const char   *label,
                               GError      **error)
{
  guint marks[2];

  if (self->depth == 0)
    {
      g_clear_pointer (&self->range, g_ptr_array_unref);
      if (!_lineup_store_exec_sql (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      self->failed = FALSE;
      g_free (self->label);
      self->label = g_strdup (label);
    }

  marks[0] = self->entries->len;
  marks[1] = self->pending->len;
  g_array_append_vals (self->savepoints, marks, 2);
  self->depth++;
  return TRUE;
}

static void
reload_caches (LineupStore *self)
{
  g_autoptr(GError) error = NULL;

  if (!_lineup_store_load_pillars (self, &error) || !_lineup_store_load_types (self, &error) || !_lineup_store_load_campaigns (self, &error))
    g_warning ("Could not reload the plan after a rollback: %s", error->message);
}

/* First position in the cache whose post sorts at or after @post. */
static guint
cache_bisect (GPtrArray  *cache,
              LineupPost *post)
{
  guint lo = 0, hi = cache->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (lineup_post_compare_by_time (g_ptr_array_index (cache, mid), post) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* First position whose post is scheduled at or after @instant. */
guint
_lineup_store_cache_bisect_time (GPtrArray *cache,
                                 gint64     instant)
{
  guint lo = 0, hi = cache->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      LineupPost *post = g_ptr_array_index (cache, mid);

      if (lineup_post_is_dated (post) && lineup_post_get_scheduled_at (post) < instant)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The position of the post with @post's id in the cache, or G_MAXUINT.
 * The cache holds the post as last committed, which is @post as the
 * operation read it: its sort key finds it without an index by id, which
 * would cost every post of the plan a hash table slot. */
static guint
cache_find (GPtrArray  *cache,
            LineupPost *post)
{
  const char *id = lineup_post_get_id (post);
  guint pos;

  /* A deleted post is not in the cache (an addition announces its post as
   * deleted before). */
  if (id == NULL || lineup_post_get_deleted_at (post) != 0)
    return G_MAXUINT;
  pos = cache_bisect (cache, post);
  if (pos < cache->len && g_strcmp0 (lineup_post_get_id (cache->pdata[pos]), id) == 0)
    return pos;
  /* Not where its sort key says (the plan changed under the cache). */
  for (guint i = 0; i < cache->len; i++)
    if (g_strcmp0 (lineup_post_get_id (cache->pdata[i]), id) == 0)
      return i;
  return G_MAXUINT;
}

static void
cache_apply (LineupStore *self,
             LineupPost  *old_post,
             LineupPost  *new_post)
{
  guint pos;

  g_clear_pointer (&self->range, g_ptr_array_unref);
  if (self->cache == NULL)
    return;

  pos = cache_find (self->cache, old_post);
  if (pos != G_MAXUINT)
    g_ptr_array_remove_index (self->cache, pos);

  if (lineup_post_get_deleted_at (new_post) == 0)
    g_ptr_array_insert (self->cache, cache_bisect (self->cache, new_post), g_object_ref (new_post));
}

static void
emit_pending (LineupStore *self,
              GArray      *pending)
{
  for (guint i = 0; i < pending->len; i++)
    {
      PendingSignal *p = &g_array_index (pending, PendingSignal, i);

      switch (p->kind)
        {
        case PENDING_POST:
          {
            gboolean was = p->old_post && lineup_post_get_deleted_at (p->old_post) == 0;
            gboolean is = p->new_post && lineup_post_get_deleted_at (p->new_post) == 0;

            cache_apply (self, p->old_post, p->new_post);
            if (!was && is)
              g_signal_emit (self, signals[POST_ADDED], 0, p->new_post);
            else if (was && !is)
              g_signal_emit (self, signals[POST_REMOVED], 0, p->old_post);
            else if (was && is)
              g_signal_emit (self, signals[POST_CHANGED], 0, p->old_post, p->new_post);
          }
          break;
        case PENDING_PILLARS:
          g_signal_emit (self, signals[PILLARS_CHANGED], 0);
          break;
        case PENDING_TYPES:
          g_signal_emit (self, signals[CONTENT_TYPES_CHANGED], 0);
          break;
        case PENDING_CAMPAIGNS:
          g_signal_emit (self, signals[CAMPAIGNS_CHANGED], 0);
          break;
        case PENDING_PLAN:
          g_signal_emit (self, signals[PLAN_CHANGED], 0);
          break;
        case PENDING_PUBLISHING:
          g_signal_emit (self, signals[PUBLISHING_CHANGED], 0);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

static LineupCommitKinds
pending_kind_to_commit (PendingKind kind)
{
  switch (kind)
    {
    case PENDING_POST:       return LINEUP_COMMIT_POSTS;
    case PENDING_PILLARS:    return LINEUP_COMMIT_PILLARS;
    case PENDING_TYPES:      return LINEUP_COMMIT_TYPES;
    case PENDING_CAMPAIGNS:  return LINEUP_COMMIT_CAMPAIGNS;
    case PENDING_PLAN:       return LINEUP_COMMIT_PLAN;
    case PENDING_PUBLISHING: return LINEUP_COMMIT_PUBLISHING;
    default:                 g_assert_not_reached ();
    }
}

/* Tells every listener what the operation about to commit changed. The
 * list is taken before the first listener runs: what listeners write
 * themselves (outbox rows) is not shown to the others as a change. */
static gboolean
run_commit_hooks (LineupStore  *self,
                  GError      **error)
{
  g_autoptr(GArray) posts = NULL;
  g_autoptr(GArray) hooks = NULL;
  LineupCommit commit = { 0, };

  if (self->hooks->len == 0)
    return TRUE;

  posts = g_array_new (FALSE, FALSE, sizeof (LineupPostChange));
  for (guint i = 0; i < self->pending->len; i++)
    {
      PendingSignal *p = &g_array_index (self->pending, PendingSignal, i);

      commit.kinds |= pending_kind_to_commit (p->kind);
      if (p->kind == PENDING_POST)
        {
          LineupPostChange change = { p->old_post, p->new_post };

          g_array_append_val (posts, change);
        }
    }
  if (commit.kinds == 0)
    return TRUE;
  commit.posts = (const LineupPostChange *) posts->data;
  commit.n_posts = posts->len;
  commit.remote = self->remote;

  /* A listener may remove itself (or another) while it runs. */
  hooks = g_array_new (FALSE, FALSE, sizeof (CommitHook));
  g_array_append_vals (hooks, self->hooks->data, self->hooks->len);
  for (guint i = 0; i < hooks->len; i++)
    {
      CommitHook *h = &g_array_index (hooks, CommitHook, i);
      g_autoptr(GError) local = NULL;

      if (!h->hook (self, &commit, h->user_data, &local))
        {
          if (local == NULL)
            g_set_error (&local, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_FAILED,
                         _("The change could not be saved: something that follows the plan’s changes refused it without saying why"));
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
    }
  return TRUE;
}

guint
lineup_store_add_commit_hook (LineupStore      *self,
                              LineupCommitHook  hook,
                              gpointer          user_data,
                              GDestroyNotify    destroy)
{
  CommitHook h = { 0, hook, user_data, destroy };

  g_return_val_if_fail (LINEUP_IS_STORE (self), 0);
  g_return_val_if_fail (hook != NULL, 0);

  h.id = ++self->last_hook_id;
  g_array_append_val (self->hooks, h);
  return h.id;
}

void
lineup_store_remove_commit_hook (LineupStore *self,
                                 guint        id)
{
  g_return_if_fail (LINEUP_IS_STORE (self));

  for (guint i = 0; i < self->hooks->len; i++)
    if (g_array_index (self->hooks, CommitHook, i).id == id)
      {
        g_array_remove_index (self->hooks, i);
        return;
      }
  g_critical ("%s: no commit hook %u", G_STRFUNC, id);
}

static void
commit_hook_clear (CommitHook *h)
{
  if (h->destroy)
    h->destroy (h->user_data);
}

static gboolean
step_touches (UndoStep   *step,
              GHashTable *ids)
{
  for (guint i = 0; i < step->entries->len; i++)
    {
      UndoEntry *entry = &g_array_index (step->entries, UndoEntry, i);

      if (g_hash_table_contains (ids, lineup_post_get_id (entry->after)))
        return TRUE;
    }
  return FALSE;
}

/* A change pulled from a shared plan's server replaces posts whole: an
 * undo (or redo) step of one of them, replayed, would silently throw away
 * what someone else wrote. Those steps go; the others stay. */
static void
drop_steps_of_changed_posts (LineupStore *self,
                             GArray      *pending)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *stacks[] = { self->undo_stack, self->redo_stack };

  for (guint i = 0; i < pending->len; i++)
    {
      PendingSignal *p = &g_array_index (pending, PendingSignal, i);

      if (p->kind == PENDING_POST)
        g_hash_table_add (ids, (gpointer) lineup_post_get_id (p->new_post ? p->new_post : p->old_post));
    }
  if (g_hash_table_size (ids) == 0)
    return;
  for (guint s = 0; s < G_N_ELEMENTS (stacks); s++)
    for (guint i = stacks[s]->len; i > 0; i--)
      if (step_touches (g_ptr_array_index (stacks[s], i - 1), ids))
        g_ptr_array_remove_index (stacks[s], i - 1);
}

/* Closes the innermost operation. @ok FALSE rolls it back. At the outermost
 * level a commit pushes one undo step (unless @is_undo says the entries move
 * between the stacks instead) and emits what happened. */
gboolean
_lineup_store_end_operation (LineupStore  *self,
                             gboolean      ok,
                             GError      **error)
{
  guint entries_mark, pending_mark;
  g_autoptr(GArray) entries = NULL;
  g_autoptr(GArray) pending = NULL;
  CatalogSnapshot *catalog_before = NULL, *catalog_after = NULL;
  gboolean remote, catalog_changed = FALSE;

  g_assert (self->depth > 0);

  pending_mark = g_array_index (self->savepoints, guint, self->savepoints->len - 1);
  entries_mark = g_array_index (self->savepoints, guint, self->savepoints->len - 2);
  g_array_set_size (self->savepoints, self->savepoints->len - 2);
  self->depth--;

  /* Inside a batch. Every operation validates before it writes, so one
   * that fails here failed in SQLite halfway through its writes: the batch
   * cannot be committed any more and will roll back whole. (A savepoint per
   * operation would allow less, and costs a copy of every page it touches.) */
  if (self->depth > 0)
    {
      if (!ok)
        {
          self->failed = TRUE;
          g_array_set_size (self->entries, entries_mark);
          g_array_set_size (self->pending, pending_mark);
        }
      return ok;
    }

  if (ok && self->failed)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_FAILED,
                   _("A change inside “%s” failed, so none of it was saved"),
                   self->label ? self->label : _("this change"));
      ok = FALSE;
    }

  /* What listens to commits (the outbox, a shared plan's sync) writes in
   * the same transaction: a crash can lose neither without the other. */
  if (ok && !run_commit_hooks (self, error))
    ok = FALSE;

  /* A transaction that wrote posts says so, for other processes: their
   * refresh tells a change of posts (which voids their undo history) from
   * a change of settings or of a feed's last result (which does not). */
  if (ok)
    for (guint i = 0; i < self->pending->len; i++)
      if (g_array_index (self->pending, PendingSignal, i).kind == PENDING_POST)
        {
          if (!_lineup_store_exec_sql (self, "INSERT INTO meta (key, value) VALUES ('posts_generation', '1') "
                               "ON CONFLICT (key) DO UPDATE SET value = CAST (value AS INTEGER) + 1", error))
            ok = FALSE;
          g_free (self->seen_generation);
          self->seen_generation = _lineup_store_read_meta (self, "posts_generation");
          break;
        }

  /* The catalog as the operation leaves it, for redo. */
  if (ok && self->catalog_before && (catalog_after = _lineup_store_catalog_snapshot (self, error)) == NULL)
    ok = FALSE;

  if (ok && sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      _lineup_store_sqlite_error (self, error, _("save the plan"));
      ok = FALSE;
    }

  remote = self->remote;
  self->remote = FALSE;
  entries = g_steal_pointer (&self->entries);
  pending = g_steal_pointer (&self->pending);
  self->entries = g_array_new (FALSE, TRUE, sizeof (UndoEntry));
  g_array_set_clear_func (self->entries, (GDestroyNotify) undo_entry_clear);
  self->pending = g_array_new (FALSE, TRUE, sizeof (PendingSignal));
  g_array_set_clear_func (self->pending, (GDestroyNotify) pending_signal_clear);

  catalog_before = g_steal_pointer (&self->catalog_before);

  if (!ok)
    {
      _lineup_store_catalog_snapshot_free (catalog_before);
      _lineup_store_catalog_snapshot_free (catalog_after);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      reload_caches (self);
      return FALSE;
    }

  for (guint i = 0; i < pending->len; i++)
    {
      PendingKind kind = g_array_index (pending, PendingSignal, i).kind;

      catalog_changed |= kind == PENDING_PILLARS || kind == PENDING_TYPES || kind == PENDING_CAMPAIGNS;
    }
  /* Steps that restore a catalog a shared plan's server has since changed
   * would undo someone else's work. */
  if (remote && catalog_changed)
    {
      _lineup_store_catalog_snapshot_free (catalog_before);
      _lineup_store_catalog_snapshot_free (catalog_after);
      catalog_before = catalog_after = NULL;
      _lineup_store_drop_catalog_steps (self);
    }

  if (entries->len > 0 || catalog_before)
    {
      UndoStep *step = g_new0 (UndoStep, 1);

      step->label = g_strdup (self->label ? self->label : _("Change"));
      step->entries = g_steal_pointer (&entries);
      step->catalog_before = catalog_before;
      step->catalog_after = catalog_after;
      g_ptr_array_add (self->undo_stack, step);
      if (self->undo_stack->len > MAX_UNDO_STEPS)
        g_ptr_array_remove_index (self->undo_stack, 0);
      g_ptr_array_set_size (self->redo_stack, 0);
    }

  if (remote)
    drop_steps_of_changed_posts (self, pending);
  emit_pending (self, pending);
  _lineup_store_notify_undo_state (self);
  return TRUE;
}

void
_lineup_store_mark_remote (LineupStore *self)
{
  g_assert (self->depth > 0);
  self->remote = TRUE;
}

void
_lineup_store_queue_signal (LineupStore *self,
                            PendingKind  kind,
                            LineupPost  *old_post,
                            LineupPost  *new_post)
{
  PendingSignal p = {
    kind,
    old_post ? g_object_ref (old_post) : NULL,
    new_post ? g_object_ref (new_post) : NULL,
  };

  if (kind != PENDING_POST)
    for (guint i = 0; i < self->pending->len; i++)
      if (g_array_index (self->pending, PendingSignal, i).kind == kind)
        return;

  g_array_append_val (self->pending, p);
}

void
_lineup_store_record_post_change (LineupStore *self,
                                  LineupPost  *before,
                                  LineupPost  *after)
{
  UndoEntry entry = { g_object_ref (before), g_object_ref (after) };

  g_array_append_val (self->entries, entry);
  _lineup_store_queue_signal (self, PENDING_POST, before, after);
}

/* Runs @sql (with up to three text/integer binds prepared by @bind) as one
 * small settings change: its own transaction, no undo step, "plan-changed"
 * after the commit. */
gboolean
_lineup_store_settings_operation_begin (LineupStore  *self,
                                        GError      **error)
{
  if (!_lineup_store_begin_operation (self, NULL, error))
    return FALSE;
  _lineup_store_queue_signal (self, PENDING_PLAN, NULL, NULL);
  return TRUE;
}

/* Runs one statement as a settings change: @types says how to bind the
 * arguments that follow ('s' text, 'i' gint64). */
gboolean
_lineup_store_settings_exec (LineupStore  *self,
                             GError      **error,
                             const char   *what,
                             const char   *sql,
                             const char   *types,
                             ...)
{
  sqlite3_stmt *stmt;
  va_list args;

  if (!_lineup_store_settings_operation_begin (self, error))
    return FALSE;
  stmt = _lineup_store_prepare (self, sql, error);
  if (stmt == NULL)
    return _lineup_store_end_operation (self, FALSE, NULL);
  va_start (args, types);
  for (int i = 0; types[i]; i++)
    {
      if (types[i] == 's')
        sqlite3_bind_text (stmt, i + 1, va_arg (args, const char *), -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_int64 (stmt, i + 1, va_arg (args, gint64));
    }
  va_end (args);
  if (!_lineup_store_step_done (self, stmt, what, error))
    return _lineup_store_end_operation (self, FALSE, NULL);
  return _lineup_store_end_operation (self, TRUE, error);
}

/* ---- GObject ---- */

static void
lineup_store_finalize (GObject *object)
{
  LineupStore *self = (LineupStore *) object;

  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->redo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->seen_generation, g_free);
  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->catalog_before, _lineup_store_catalog_snapshot_free);
  g_clear_pointer (&self->pending, g_array_unref);
  g_clear_pointer (&self->savepoints, g_array_unref);
  g_clear_pointer (&self->hooks, g_array_unref);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->monitor)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);
  g_clear_pointer (&self->cache, g_ptr_array_unref);
  g_clear_pointer (&self->range, g_ptr_array_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->guard, _lineup_store_guard_release);
  if (self->db)
    sqlite3_close_v2 (self->db);
  g_clear_object (&self->pillars);
  g_clear_object (&self->types);
  g_clear_object (&self->campaigns);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_free (self->tz_id);
  g_free (self->path);
  g_free (self->actor);
  g_free (self->label);

  G_OBJECT_CLASS (lineup_store_parent_class)->finalize (object);
}

static void
lineup_store_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LineupStore *self = LINEUP_STORE (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, lineup_store_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, lineup_store_can_redo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, lineup_store_get_undo_label (self));
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, lineup_store_get_redo_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_store_class_init (LineupStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lineup_store_finalize;
  object_class->get_property = lineup_store_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[POST_ADDED] =
    g_signal_new ("post-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, LINEUP_TYPE_POST);
  signals[POST_CHANGED] =
    g_signal_new ("post-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, LINEUP_TYPE_POST, LINEUP_TYPE_POST);
  signals[POST_REMOVED] =
    g_signal_new ("post-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, LINEUP_TYPE_POST);
  signals[PILLARS_CHANGED] =
    g_signal_new ("pillars-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CONTENT_TYPES_CHANGED] =
    g_signal_new ("content-types-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CAMPAIGNS_CHANGED] =
    g_signal_new ("campaigns-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[PLAN_CHANGED] =
    g_signal_new ("plan-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[RELOADED] =
    g_signal_new ("reloaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[PUBLISHING_CHANGED] =
    g_signal_new ("publishing-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
lineup_store_init (LineupStore *self)
{
  const char *real_name = g_get_real_name ();

  self->pillars = g_list_store_new (LINEUP_TYPE_PILLAR);
  self->types = g_list_store_new (LINEUP_TYPE_CONTENT_TYPE);
  self->campaigns = g_list_store_new (LINEUP_TYPE_CAMPAIGN);
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                            (GDestroyNotify) sqlite3_finalize);
  self->entries = g_array_new (FALSE, TRUE, sizeof (UndoEntry));
  g_array_set_clear_func (self->entries, (GDestroyNotify) undo_entry_clear);
  self->pending = g_array_new (FALSE, TRUE, sizeof (PendingSignal));
  g_array_set_clear_func (self->pending, (GDestroyNotify) pending_signal_clear);
  self->savepoints = g_array_new (FALSE, FALSE, sizeof (guint));
  self->hooks = g_array_new (FALSE, FALSE, sizeof (CommitHook));
  g_array_set_clear_func (self->hooks, (GDestroyNotify) commit_hook_clear);
  self->undo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) undo_step_free);
  self->redo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) undo_step_free);
  self->actor = g_strdup (real_name && *real_name && !g_str_equal (real_name, "Unknown")
                            ? real_name : g_get_user_name ());
  self->default_time = 9 * 60;
}

char *
lineup_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "lineup", "lineup.db", NULL);
}

LineupStore *
lineup_store_open (const char  *path,
                   GError     **error)
{
  g_autoptr(LineupStore) self = NULL;
  g_autofree char *tz_id = NULL;
  int version = 0;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (LINEUP_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->db = _lineup_store_open_database (path, &version, error);
  if (self->db == NULL)
    return NULL;

  if (version < LINEUP_SCHEMA_VERSION &&
      !_lineup_store_migrate (self->db, path, version, LINEUP_SCHEMA_VERSION, error))
    return NULL;

  tz_id = _lineup_store_read_meta (self, "time_zone");
  if (tz_id == NULL)
    {
      tz_id = _lineup_store_guess_local_zone ();
      if (!_lineup_store_write_meta (self, "time_zone", tz_id, error))
        return NULL;
    }
  _lineup_store_apply_time_zone (self, tz_id);

  _lineup_store_read_default_time (self);

  if (!_lineup_store_load_pillars (self, error) || !_lineup_store_load_types (self, error) || !_lineup_store_load_campaigns (self, error))
    return NULL;
  self->seen_version = _lineup_store_read_data_version (self);
  self->seen_generation = _lineup_store_read_meta (self, "posts_generation");
  /* Now that the plan has been read, its -shm file exists. */
  self->guard = _lineup_store_guard_take (path);

  return g_steal_pointer (&self);
}

const char *
lineup_store_get_path (LineupStore *self)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  return self->path;
}

const char *
lineup_store_get_actor (LineupStore *self)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  return self->actor;
}

void
lineup_store_set_actor (LineupStore *self,
                        const char  *actor)
{
  g_return_if_fail (LINEUP_IS_STORE (self));
  g_return_if_fail (actor != NULL && g_utf8_validate (actor, -1, NULL));
  g_free (self->actor);
  self->actor = g_strdup (actor);
}

gboolean
lineup_store_refresh (LineupStore *self)
{
  gint64 version;
  g_autofree char *tz_id = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  if (self->depth > 0)
    return FALSE;
  version = _lineup_store_read_data_version (self);
  if (version == self->seen_version)
    return FALSE;
  self->seen_version = version;

  /* Only settings changed (a feed's result, an overlay's copy, a target):
   * read them again, keep the posts and the undo history. */
  {
    g_autofree char *generation = _lineup_store_read_meta (self, "posts_generation");

    if (g_strcmp0 (generation, self->seen_generation) == 0)
      {
        reload_caches (self);
        /* Another process may have changed a pillar or campaign that an
         * undo step would restore over its change. */
        _lineup_store_drop_catalog_steps (self);
        _lineup_store_read_default_time (self);
        tz_id = _lineup_store_read_meta (self, "time_zone");
        if (tz_id)
          _lineup_store_apply_time_zone (self, tz_id);
        /* A pillar recoloured or a campaign moved there shows here. */
        g_signal_emit (self, signals[PILLARS_CHANGED], 0);
        g_signal_emit (self, signals[CONTENT_TYPES_CHANGED], 0);
        g_signal_emit (self, signals[CAMPAIGNS_CHANGED], 0);
        g_signal_emit (self, signals[PLAN_CHANGED], 0);
        return FALSE;
      }
    g_free (self->seen_generation);
    self->seen_generation = g_steal_pointer (&generation);
  }

  g_clear_pointer (&self->cache, g_ptr_array_unref);
  g_clear_pointer (&self->range, g_ptr_array_unref);
  reload_caches (self);
  _lineup_store_read_default_time (self);
  tz_id = _lineup_store_read_meta (self, "time_zone");
  if (tz_id)
    _lineup_store_apply_time_zone (self, tz_id);
  /* Undo steps may refer to states another process has since changed;
   * replaying them could overwrite its work. */
  g_ptr_array_set_size (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
  _lineup_store_notify_undo_state (self);

  g_signal_emit (self, signals[RELOADED], 0);
  return TRUE;
}

static gboolean
refresh_soon_cb (gpointer data)
{
  LineupStore *self = data;

  self->refresh_source = 0;
  lineup_store_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
on_wal_changed_cb (GFileMonitor      *monitor,
                   GFile             *file,
                   GFile             *other,
                   GFileMonitorEvent  event,
                   LineupStore       *self)
{
  /* Our own commits write the file too; the refresh then finds
   * data_version unchanged and does nothing. A burst of writes is one
   * refresh. */
  if (self->refresh_source == 0)
    self->refresh_source = g_timeout_add (250, refresh_soon_cb, self);
}

void
lineup_store_watch (LineupStore *self)
{
  g_autofree char *wal = NULL;
  g_autoptr(GFile) file = NULL;

  g_return_if_fail (LINEUP_IS_STORE (self));

  if (self->monitor)
    return;
  wal = g_strconcat (self->path, "-wal", NULL);
  file = g_file_new_for_path (wal);
  self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, NULL);
  if (self->monitor)
    g_signal_connect (self->monitor, "changed", G_CALLBACK (on_wal_changed_cb), self);
}

/* ---- batches ---- */

void
lineup_store_begin (LineupStore *self,
                    const char  *label)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LINEUP_IS_STORE (self));

  if (!_lineup_store_begin_operation (self, label, &error))
    {
      /* Still count the level so commit/rollback pair up; commit will fail. */
      guint marks[2] = { self->entries->len, self->pending->len };

      g_warning ("Could not start “%s”: %s", label, error->message);
      if (self->depth == 0)
        {
          g_free (self->label);
          self->label = g_strdup (label);
        }
      g_array_append_vals (self->savepoints, marks, 2);
      self->depth++;
      self->failed = TRUE;
    }
}

gboolean
lineup_store_commit (LineupStore  *self,
                     GError      **error)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);
  return _lineup_store_end_operation (self, TRUE, error);
}

void
lineup_store_rollback (LineupStore *self)
{
  g_return_if_fail (LINEUP_IS_STORE (self));
  g_return_if_fail (self->depth > 0);
  if (self->depth > 1)
    self->failed = TRUE;
  _lineup_store_end_operation (self, FALSE, NULL);
}






gboolean
_lineup_store_begin_publishing (LineupStore  *self,
                                GError      **error)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  if (!_lineup_store_begin_operation (self, NULL, error))
    return FALSE;
  _lineup_store_queue_signal (self, PENDING_PUBLISHING, NULL, NULL);
  return TRUE;
}

gboolean
_lineup_store_end_publishing (LineupStore  *self,
                              gboolean      ok,
                              GError      **error)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  return _lineup_store_end_operation (self, ok, error);
}

void
_lineup_store_publishing_changed (LineupStore *self)
{
  g_return_if_fail (LINEUP_IS_STORE (self));
  _lineup_store_queue_signal (self, PENDING_PUBLISHING, NULL, NULL);
}

