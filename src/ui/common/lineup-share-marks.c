/* lineup-share-marks.c: the posts of a shared plan that wait on a
 * conflict, read once after each change and kept on the store.
 *
 * A small object on the store's qdata holds the set (NULL until asked
 * after a change) and the "changed" signal the watchers connect to. It
 * follows the store's reloads (another process, or a pass on its own
 * connection, changed the file). It does not run passes nor resolve.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lineup-share.h"
#include "lineup-share-marks.h"

#define LINEUP_TYPE_SHARE_MARKS (lineup_share_marks_get_type ())
G_DECLARE_FINAL_TYPE (LineupShareMarks, lineup_share_marks, LINEUP, SHARE_MARKS, GObject)

struct _LineupShareMarks
{
  GObject parent_instance;

  LineupStore *store;     /* unowned: the store owns this */
  GHashTable *conflicted; /* post ids; NULL: read again when asked */
};

G_DEFINE_FINAL_TYPE (LineupShareMarks, lineup_share_marks, G_TYPE_OBJECT)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
lineup_share_marks_finalize (GObject *object)
{
  g_clear_pointer (&LINEUP_SHARE_MARKS (object)->conflicted, g_hash_table_unref);
  G_OBJECT_CLASS (lineup_share_marks_parent_class)->finalize (object);
}

static void
lineup_share_marks_class_init (LineupShareMarksClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lineup_share_marks_finalize;
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
lineup_share_marks_init (LineupShareMarks *self)
{
}

static void
drop_and_tell (LineupShareMarks *self)
{
  g_clear_pointer (&self->conflicted, g_hash_table_unref);
  g_signal_emit (self, signals[CHANGED], 0);
}

static GQuark
marks_quark (void)
{
  return g_quark_from_static_string ("lineup-share-marks");
}

/* Made on first use; its handlers are connected before any watcher's, so
 * a watcher always reads after the set was dropped. */
static LineupShareMarks *
get_marks (LineupStore *store)
{
  LineupShareMarks *self = g_object_get_qdata (G_OBJECT (store), marks_quark ());

  if (self == NULL)
    {
      self = g_object_new (LINEUP_TYPE_SHARE_MARKS, NULL);
      self->store = store;
      g_object_set_qdata_full (G_OBJECT (store), marks_quark (), self, g_object_unref);
      g_signal_connect_object (store, "reloaded", G_CALLBACK (drop_and_tell), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "plan-changed", G_CALLBACK (drop_and_tell), self, G_CONNECT_SWAPPED);
    }
  return self;
}

static GHashTable *
get_set (LineupStore *store)
{
  LineupShareMarks *self = get_marks (store);
  g_autoptr(GPtrArray) conflicts = NULL;

  if (self->conflicted)
    return self->conflicted;
  self->conflicted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* An error reads as no conflict: the header says why the sharing fails. */
  conflicts = lineup_share_is_shared (store) ? lineup_share_list_conflicts (store, NULL, NULL) : NULL;
  for (guint i = 0; conflicts && i < conflicts->len; i++)
    {
      LineupShareConflict *conflict = g_ptr_array_index (conflicts, i);
      g_hash_table_add (self->conflicted, g_strdup (conflict->post_id));
    }
  return self->conflicted;
}

gboolean
lineup_share_marks_conflicted (LineupStore *store,
                               const char  *post_id)
{
  g_return_val_if_fail (LINEUP_IS_STORE (store), FALSE);
  return post_id && g_hash_table_contains (get_set (store), post_id);
}

guint
lineup_share_marks_count (LineupStore *store)
{
  g_return_val_if_fail (LINEUP_IS_STORE (store), 0);
  return g_hash_table_size (get_set (store));
}

void
lineup_share_marks_changed (LineupStore *store)
{
  g_return_if_fail (LINEUP_IS_STORE (store));
  drop_and_tell (get_marks (store));
}

void
lineup_share_marks_watch (LineupStore *store,
                          GCallback    callback,
                          gpointer     instance)
{
  g_return_if_fail (LINEUP_IS_STORE (store));
  g_signal_connect_object (get_marks (store), "changed", callback, instance, G_CONNECT_SWAPPED);
}

void
lineup_share_marks_unwatch (LineupStore *store,
                            GCallback    callback,
                            gpointer     instance)
{
  g_return_if_fail (LINEUP_IS_STORE (store));
  g_signal_handlers_disconnect_by_func (get_marks (store), callback, instance);
}
