/* lineup-preferences-list.c: the item, the sync and the binding that the
 * Preferences pages' lists share, the row and button makers they use, and
 * the follower of the store's signals (see the header).
 *
 * It holds no page's own rows nor strings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lineup-preferences-list.h"
#include "lineup-toasts.h"

struct _LineupPreferencesItem
{
  GObject parent_instance;

  char *key;
  char *signature;
  guint index;
  gpointer data;
  GDestroyNotify free_data;
};

G_DEFINE_FINAL_TYPE (LineupPreferencesItem, lineup_preferences_item, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
clear_data (LineupPreferencesItem *self)
{
  if (self->data && self->free_data)
    self->free_data (self->data);
  self->data = NULL;
}

static void
lineup_preferences_item_finalize (GObject *object)
{
  LineupPreferencesItem *self = LINEUP_PREFERENCES_ITEM (object);

  clear_data (self);
  g_free (self->key);
  g_free (self->signature);
  G_OBJECT_CLASS (lineup_preferences_item_parent_class)->finalize (object);
}

static void
lineup_preferences_item_class_init (LineupPreferencesItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lineup_preferences_item_finalize;
  /* The data, its place or what it shows changed: the row shows it again. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
lineup_preferences_item_init (LineupPreferencesItem *self)
{
}

gpointer
lineup_preferences_item_get_data (LineupPreferencesItem *self)
{
  g_return_val_if_fail (LINEUP_IS_PREFERENCES_ITEM (self), NULL);
  return self->data;
}

guint
lineup_preferences_item_get_index (LineupPreferencesItem *self)
{
  g_return_val_if_fail (LINEUP_IS_PREFERENCES_ITEM (self), 0);
  return self->index;
}

static gboolean
key_from (GPtrArray  *keys,
          guint       from,
          const char *key)
{
  for (guint i = from; i < keys->len; i++)
    if (g_str_equal (g_ptr_array_index (keys, i), key))
      return TRUE;
  return FALSE;
}

void
lineup_preferences_list_sync (GListStore               *store,
                              GPtrArray                *array,
                              LineupPreferencesTextFunc key,
                              LineupPreferencesTextFunc signature,
                              GDestroyNotify            free_data,
                              gboolean                  refresh)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  guint n;

  g_return_if_fail (G_IS_LIST_STORE (store));

  for (guint j = 0; j < array->len; j++)
    g_ptr_array_add (keys, key (g_ptr_array_index (array, j)));
  /* Each element is stolen below: the array frees none of them. */
  g_ptr_array_set_free_func (array, NULL);
  /* After step j, the first j + 1 items are the array's first j + 1. */
  for (guint j = 0; j < array->len; j++)
    {
      const char *wanted = g_ptr_array_index (keys, j);
      gpointer data = g_ptr_array_index (array, j);
      g_autofree char *sig = signature (data);
      g_autoptr(LineupPreferencesItem) item = NULL;

      while (j < g_list_model_get_n_items (G_LIST_MODEL (store)))
        {
          item = g_list_model_get_item (G_LIST_MODEL (store), j);
          if (g_str_equal (item->key, wanted) || key_from (keys, j, item->key))
            break;
          g_list_store_remove (store, j);
          g_clear_object (&item);
        }
      if (item && g_str_equal (item->key, wanted))
        {
          gboolean changed = refresh || item->index != j || g_strcmp0 (item->signature, sig) != 0;

          clear_data (item);
          item->data = data;
          item->free_data = free_data;
          item->index = j;
          g_free (item->signature);
          item->signature = g_steal_pointer (&sig);
          if (changed)
            g_signal_emit (item, signals[CHANGED], 0);
        }
      else
        {
          LineupPreferencesItem *added = g_object_new (LINEUP_TYPE_PREFERENCES_ITEM, NULL);

          added->key = g_strdup (wanted);
          added->signature = g_steal_pointer (&sig);
          added->data = data;
          added->free_data = free_data;
          added->index = j;
          g_list_store_insert (store, j, added);
          g_object_unref (added);
        }
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  if (n > array->len)
    g_list_store_splice (store, array->len, n - array->len, NULL, 0);
}

/* ---- the binding ---- */

typedef struct {
  GtkListBox *list;                /* unowned: it owns this */
  GListModel *items;
  gulong before_id;
  gulong after_id;
  GtkFlattenListModel *all;
  GtkListBoxCreateWidgetFunc create;
  gpointer data;
  gboolean refocus;                /* the row removed had the focus */
} Binding;

static void
binding_free (gpointer data)
{
  Binding *binding = data;

  g_clear_signal_handler (&binding->before_id, binding->items);
  g_clear_signal_handler (&binding->after_id, binding->all);
  g_clear_object (&binding->items);
  g_clear_object (&binding->all);
  g_free (binding);
}

static GtkWidget *
create_row (gpointer item,
            gpointer data)
{
  Binding *binding = data;

  /* The template's own rows are the items of the second model. */
  if (GTK_IS_WIDGET (item))
    return g_object_ref (item);
  return binding->create (item, binding->data);
}

/* Before the list box drops the rows: did one of them have the focus? */
static void
on_items_changing_cb (GListModel *items,
                      guint       position,
                      guint       removed,
                      guint       added,
                      Binding    *binding)
{
  for (guint i = position; i < position + removed; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (binding->list, i);

      if (row && gtk_widget_get_state_flags (GTK_WIDGET (row)) & GTK_STATE_FLAG_FOCUS_WITHIN)
        binding->refocus = TRUE;
    }
}

static void
on_items_changed_cb (GListModel *all,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Binding    *binding)
{
  guint n = g_list_model_get_n_items (all);
  GtkListBoxRow *row;

  if (!binding->refocus)
    return;
  binding->refocus = FALSE;
  if (n == 0)
    return;
  row = gtk_list_box_get_row_at_index (binding->list, MIN (position, n - 1));
  if (row && !gtk_widget_grab_focus (GTK_WIDGET (row)))
    gtk_widget_child_focus (GTK_WIDGET (row), GTK_DIR_TAB_FORWARD);
}

/* As AdwPreferencesGroup's own list does. */
static gboolean
on_keynav_failed_cb (GtkWidget        *list,
                     GtkDirectionType  direction)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (list));

  if (root == NULL || (direction != GTK_DIR_UP && direction != GTK_DIR_DOWN))
    return FALSE;
  return gtk_widget_child_focus (root, direction == GTK_DIR_UP ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD);
}

/* Named and described by its group, as AdwPreferencesGroup's own list is:
 * a screen reader says which list it is in. */
static void
name_after_group (GtkWidget *list)
{
  GtkWidget *group = gtk_widget_get_ancestor (list, ADW_TYPE_PREFERENCES_GROUP);
  const char *title = adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group));
  const char *description = adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group));

  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, title ? title : "", -1);
  if (description && *description)
    gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

void
lineup_preferences_list_bind (GtkListBox                 *list,
                              GListModel                 *items,
                              GtkListBoxCreateWidgetFunc  create,
                              gpointer                    data)
{
  Binding *binding = g_new0 (Binding, 1);
  GListStore *fixed = g_list_store_new (GTK_TYPE_WIDGET);
  GListStore *parts = g_list_store_new (G_TYPE_LIST_MODEL);
  GtkWidget *group;

  g_return_if_fail (GTK_IS_LIST_BOX (list));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row; row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row))
      g_list_store_append (fixed, row);
  binding->list = list;
  binding->items = g_object_ref (items);
  binding->create = create;
  binding->data = data;
  /* Connected before the flattening model is, so it runs first. */
  binding->before_id = g_signal_connect (items, "items-changed", G_CALLBACK (on_items_changing_cb), binding);
  g_list_store_append (parts, items);
  g_list_store_append (parts, fixed);
  g_object_unref (fixed);
  binding->all = gtk_flatten_list_model_new (G_LIST_MODEL (parts));
  gtk_list_box_bind_model (list, G_LIST_MODEL (binding->all), create_row, binding, binding_free);
  /* Connected after the list box's handler: the rows are in place. */
  binding->after_id = g_signal_connect (binding->all, "items-changed", G_CALLBACK (on_items_changed_cb), binding);
  g_signal_connect (list, "keynav-failed", G_CALLBACK (on_keynav_failed_cb), NULL);
  group = gtk_widget_get_ancestor (GTK_WIDGET (list), ADW_TYPE_PREFERENCES_GROUP);
  if (group)
    {
      name_after_group (GTK_WIDGET (list));
      g_signal_connect_object (group, "notify::title", G_CALLBACK (name_after_group), list, G_CONNECT_SWAPPED);
      g_signal_connect_object (group, "notify::description", G_CALLBACK (name_after_group), list, G_CONNECT_SWAPPED);
    }
}

/* ---- rows and buttons ---- */

GtkWidget *
lineup_preferences_icon_button (const char *icon,
                                const char *accessible_name)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, accessible_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name, -1);
  return button;
}

GtkWidget *
lineup_preferences_remove_button (const char *accessible_name)
{
  return lineup_preferences_icon_button ("user-trash-symbolic", accessible_name);
}

GtkWidget *
lineup_preferences_entry_row (const char *title,
                              const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (text)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  return row;
}

GtkWidget *
lineup_preferences_switch_row (const char *title,
                               const char *subtitle,
                               gboolean    active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_switch_set_active (GTK_SWITCH (toggle), active);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  return row;
}

/* ---- following the store ---- */

typedef struct {
  GtkWidget *page;        /* unowned: this goes with it */
  GObject *store;
  void (*changed) (GtkWidget *page);
  guint idle_id;
} Follower;

static gboolean
follower_idle_cb (gpointer data)
{
  Follower *follower = data;

  follower->idle_id = 0;
  follower->changed (follower->page);
  return G_SOURCE_REMOVE;
}

static void
on_store_signal_cb (Follower *follower)
{
  if (follower->idle_id == 0)
    follower->idle_id = g_idle_add (follower_idle_cb, follower);
}

/* The page is going: no more calls. */
static void
follower_free (gpointer  data,
               GObject  *page)
{
  Follower *follower = data;

  g_clear_handle_id (&follower->idle_id, g_source_remove);
  g_signal_handlers_disconnect_by_data (follower->store, follower);
  g_object_unref (follower->store);
  g_free (follower);
}

void
lineup_preferences_follow_store (GtkWidget  *page,
                                 gpointer    store,
                                 void      (*changed) (GtkWidget *page),
                                 const char *signal,
                                 ...)
{
  Follower *follower = g_new0 (Follower, 1);
  va_list signals;

  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (G_IS_OBJECT (store));

  follower->page = page;
  follower->store = g_object_ref (store);
  follower->changed = changed;
  /* Weak references are dropped in GObject's own dispose. */
  g_object_weak_ref (G_OBJECT (page), follower_free, follower);
  va_start (signals, signal);
  for (const char *name = signal; name; name = va_arg (signals, const char *))
    g_signal_connect_swapped (store, name, G_CALLBACK (on_store_signal_cb), follower);
  va_end (signals);
}

static void
add_to_preferences (GtkWidget *window,
                    AdwToast  *toast)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window), toast);
}

/* One after another (lineup-toasts.h). */
void
lineup_preferences_toast (GtkWidget  *widget,
                          const char *message)
{
  GtkWidget *window = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_WINDOW);

  if (window)
    lineup_toasts_show (window, add_to_preferences, adw_toast_new (message), FALSE);
}
