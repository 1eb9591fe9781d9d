/* lineup-post-model.c
 *
 * Holds every live post (or every undated one) sorted by (dated first, time,
 * creation, id). A store
 * signal touches one position: a binary search finds it, and items-changed
 * names only that position, so a view rebinds one row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lineup-post-model.h"
#include "lineup-store.h"

struct _LineupPostModel
{
  GObject parent_instance;

  LineupStore *store;
  GPtrArray *posts;
  gboolean undated_only;     /* the backlog: posts without a date */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LineupPostModel, lineup_post_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* The position where @post is or would go. */
static guint
bisect (LineupPostModel *self,
        LineupPost      *post)
{
  guint lo = 0, hi = self->posts->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (lineup_post_compare_by_time (g_ptr_array_index (self->posts, mid), post) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static guint
position_of (LineupPostModel *self,
             LineupPost      *post)
{
  guint pos = bisect (self, post);

  if (pos < self->posts->len &&
      g_strcmp0 (lineup_post_get_id (g_ptr_array_index (self->posts, pos)),
                 lineup_post_get_id (post)) == 0)
    return pos;
  /* Not where its sort key says: fall back to a search by id. */
  return lineup_post_model_find (self, lineup_post_get_id (post));
}

static void
insert_post (LineupPostModel *self,
             LineupPost      *post)
{
  guint pos = bisect (self, post);

  g_ptr_array_insert (self->posts, pos, g_object_ref (post));
  g_list_model_items_changed (G_LIST_MODEL (self), pos, 0, 1);
}

static void
remove_post (LineupPostModel *self,
             LineupPost      *post)
{
  guint pos = position_of (self, post);

  if (pos == G_MAXUINT)
    return;
  g_ptr_array_remove_index (self->posts, pos);
  g_list_model_items_changed (G_LIST_MODEL (self), pos, 1, 0);
}

static gboolean
belongs (LineupPostModel *self,
         LineupPost      *post)
{
  return !self->undated_only || !lineup_post_is_dated (post);
}

static GPtrArray *
read_posts (LineupPostModel  *self,
            GError          **error)
{
  return self->undated_only ? lineup_store_list_undated_posts (self->store, error)
                            : lineup_store_list_all_posts (self->store, error);
}

static void
on_store_post_added_cb (LineupPostModel *self,
                        LineupPost      *post)
{
  if (belongs (self, post))
    insert_post (self, post);
}

static void
on_store_post_removed_cb (LineupPostModel *self,
                          LineupPost      *post)
{
  remove_post (self, post);
}

static void
on_store_post_changed_cb (LineupPostModel *self,
                          LineupPost      *old_post,
                          LineupPost      *new_post)
{
  guint pos = position_of (self, old_post);

  if (!belongs (self, new_post))
    {
      /* Given a date: it leaves the backlog. */
      if (pos != G_MAXUINT)
        {
          g_ptr_array_remove_index (self->posts, pos);
          g_list_model_items_changed (G_LIST_MODEL (self), pos, 1, 0);
        }
      return;
    }
  if (pos == G_MAXUINT)
    {
      insert_post (self, new_post);
      return;
    }

  /* Same place in the order: replace in place, one item changed. */
  if ((pos == 0 || lineup_post_compare_by_time (g_ptr_array_index (self->posts, pos - 1), new_post) < 0) &&
      (pos + 1 >= self->posts->len || lineup_post_compare_by_time (new_post, g_ptr_array_index (self->posts, pos + 1)) < 0))
    {
      g_object_unref (g_ptr_array_index (self->posts, pos));
      g_ptr_array_index (self->posts, pos) = g_object_ref (new_post);
      g_list_model_items_changed (G_LIST_MODEL (self), pos, 1, 1);
      return;
    }

  g_ptr_array_remove_index (self->posts, pos);
  g_list_model_items_changed (G_LIST_MODEL (self), pos, 1, 0);
  insert_post (self, new_post);
}

static void
on_store_reloaded_cb (LineupPostModel *self)
{
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GError) error = NULL;
  guint removed = self->posts->len;

  posts = read_posts (self, &error);
  if (posts == NULL)
    {
      g_warning ("Could not re-read the plan’s posts: %s", error->message);
      return;
    }
  g_ptr_array_set_size (self->posts, 0);
  g_ptr_array_extend_and_steal (self->posts, g_steal_pointer (&posts));
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->posts->len);
}

static GType
lineup_post_model_get_item_type (GListModel *model)
{
  return LINEUP_TYPE_POST;
}

static guint
lineup_post_model_get_n_items (GListModel *model)
{
  return LINEUP_POST_MODEL (model)->posts->len;
}

static gpointer
lineup_post_model_get_item (GListModel *model,
                            guint       position)
{
  LineupPostModel *self = LINEUP_POST_MODEL (model);

  if (position >= self->posts->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->posts, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = lineup_post_model_get_item_type;
  iface->get_n_items = lineup_post_model_get_n_items;
  iface->get_item = lineup_post_model_get_item;
}

static void
lineup_post_model_dispose (GObject *object)
{
  LineupPostModel *self = (LineupPostModel *) object;

  if (self->store)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (lineup_post_model_parent_class)->dispose (object);
}

static void
lineup_post_model_finalize (GObject *object)
{
  LineupPostModel *self = (LineupPostModel *) object;

  g_ptr_array_unref (self->posts);

  G_OBJECT_CLASS (lineup_post_model_parent_class)->finalize (object);
}

static void
lineup_post_model_class_init (LineupPostModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lineup_post_model_dispose;
  object_class->finalize = lineup_post_model_finalize;
}

static void
lineup_post_model_init (LineupPostModel *self)
{
  self->posts = g_ptr_array_new_with_free_func (g_object_unref);
}

static LineupPostModel *
post_model_new (LineupStore *store,
                gboolean     undated_only)
{
  LineupPostModel *self;
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GError) error = NULL;

  self = g_object_new (LINEUP_TYPE_POST_MODEL, NULL);
  self->store = g_object_ref (store);
  self->undated_only = undated_only;

  posts = read_posts (self, &error);
  if (posts == NULL)
    g_warning ("Could not read the plan’s posts: %s", error->message);
  else
    {
      g_ptr_array_extend_and_steal (self->posts, g_steal_pointer (&posts));
      /* The store already orders them so; sorting here keeps the model's
       * invariant independent of the SQL. */
      lineup_posts_sort_by_time (self->posts);
    }

  g_signal_connect_object (store, "post-added", G_CALLBACK (on_store_post_added_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "post-removed", G_CALLBACK (on_store_post_removed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "post-changed", G_CALLBACK (on_store_post_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "reloaded", G_CALLBACK (on_store_reloaded_cb),
                           self, G_CONNECT_SWAPPED);

  return self;
}

LineupPostModel *
lineup_post_model_new (LineupStore *store)
{
  g_return_val_if_fail (LINEUP_IS_STORE (store), NULL);
  return post_model_new (store, FALSE);
}

LineupPostModel *
lineup_post_model_new_undated (LineupStore *store)
{
  g_return_val_if_fail (LINEUP_IS_STORE (store), NULL);
  return post_model_new (store, TRUE);
}

guint
lineup_post_model_find (LineupPostModel *self,
                        const char      *id)
{
  g_return_val_if_fail (LINEUP_IS_POST_MODEL (self), G_MAXUINT);

  for (guint i = 0; i < self->posts->len; i++)
    if (g_strcmp0 (lineup_post_get_id (g_ptr_array_index (self->posts, i)), id) == 0)
      return i;
  return G_MAXUINT;
}
