/* lineup-list-view.c
 *
 * The chain: the store's post model (sorted, one item per change) → a
 * filter for the search → the agenda model (day headers) → a selection →
 * a GtkListView that recycles a screenful of rows. A change to one post
 * rebinds one row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-list-view.h"
#include "lineup-post-row.h"

struct _LineupListView
{
  AdwBin parent_instance;

  LineupStore *store;
  LineupFilter *plan_filter;
  LineupPostModel *posts;
  GtkFilterListModel *filtered;
  LineupAgendaModel *agenda;
  GtkSingleSelection *selection;
  GtkCustomFilter *filter;
  char *needle;          /* casefolded search text, or NULL */
  gboolean scrolled_to_end;

  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  GtkStack *stack;
  GtkListView *list;
};

static void lineup_list_view_iface_init (LineupViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LineupListView, lineup_list_view, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (LINEUP_TYPE_VIEW, lineup_list_view_iface_init))

static gboolean
contains_folded (const char *haystack,
                 const char *needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL || *haystack == '\0')
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, needle) != NULL;
}

static gboolean
match_post (gpointer item,
            gpointer user_data)
{
  LineupListView *self = user_data;
  LineupPost *post = item;
  LineupPillar *pillar;

  if (self->plan_filter && !lineup_filter_matches (self->plan_filter, post))
    return FALSE;
  if (self->needle == NULL)
    return TRUE;
  if (contains_folded (lineup_post_get_title (post), self->needle) ||
      contains_folded (lineup_post_get_body (post), self->needle))
    return TRUE;
  pillar = lineup_store_get_pillar (self->store, lineup_post_get_pillar_id (post));
  return pillar && contains_folded (lineup_pillar_get_name (pillar), self->needle);
}

static void
update_stack (LineupListView *self)
{
  gboolean none = self->agenda && g_list_model_get_n_items (G_LIST_MODEL (self->agenda)) == 0 &&
                  (self->needle || (self->plan_filter && !lineup_filter_is_empty (self->plan_filter)));

  gtk_stack_set_visible_child_name (self->stack, none ? "no-results" : "list");
}

static void
on_search_changed_cb (LineupListView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->needle, g_free);
  if (*stripped)
    self->needle = g_utf8_casefold (stripped, -1);
  if (self->filter)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_stack (self);
}

static void
on_stop_search_cb (LineupListView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->list));
}

static void
on_list_activate_cb (LineupListView *self,
                     guint           position)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->agenda), position);

  if (LINEUP_IS_POST (item))
    lineup_view_open_post (GTK_WIDGET (self), LINEUP_POST (item));
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   LineupListView        *self)
{
  g_autoptr(GError) error = NULL;
  gpointer item;

  if (keyval != GDK_KEY_Delete && keyval != GDK_KEY_KP_Delete)
    return FALSE;

  item = gtk_single_selection_get_selected_item (self->selection);
  if (!LINEUP_IS_POST (item))
    return FALSE;

  {
    g_autoptr(LineupPost) post = g_object_ref (item);

    if (!lineup_store_delete_post (self->store, lineup_post_get_id (post), &error))
      {
        g_warning ("%s", error->message);
        return TRUE;
      }
    lineup_view_post_deleted (GTK_WIDGET (self), lineup_post_get_title (post));
  }
  return TRUE;
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              LineupListView           *self)
{
  gtk_list_item_set_child (list_item, GTK_WIDGET (lineup_post_row_new ()));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             LineupListView           *self)
{
  GObject *item = gtk_list_item_get_item (list_item);
  gboolean is_post = LINEUP_IS_POST (item);

  /* Day headers are labels, not things to pick. */
  gtk_list_item_set_selectable (list_item, is_post);
  gtk_list_item_set_activatable (list_item, is_post);
  lineup_post_row_bind (LINEUP_POST_ROW (gtk_list_item_get_child (list_item)), self->store, item);
}

static guint
today_position (LineupListView *self)
{
  GDate today;

  lineup_store_get_today (self->store, &today);
  return lineup_agenda_model_find_day (self->agenda, &today);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               LineupListView           *self)
{
  lineup_post_row_unbind (LINEUP_POST_ROW (gtk_list_item_get_child (list_item)));
}

/* GTK 4.8 scrolls as little as it can: going to the end first, and to
 * today on the next frame, puts today at the top with the days ahead below.
 * Both wait until the list has its size. */
static gboolean
scroll_to_today_tick (GtkWidget     *widget,
                      GdkFrameClock *clock,
                      gpointer       data)
{
  LineupListView *self = data;
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list));
  guint position = today_position (self);

  if (position == G_MAXUINT)
    return G_SOURCE_REMOVE;
  if (gtk_adjustment_get_upper (adjustment) <= gtk_adjustment_get_page_size (adjustment) &&
      gtk_adjustment_get_page_size (adjustment) == 0)
    return G_SOURCE_CONTINUE;
  if (!self->scrolled_to_end)
    {
      self->scrolled_to_end = TRUE;
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      return G_SOURCE_CONTINUE;
    }
  gtk_widget_activate_action (GTK_WIDGET (self->list), "list.scroll-to-item", "u", position);
  return G_SOURCE_REMOVE;
}

static void
scroll_to_today (LineupListView *self)
{
  self->scrolled_to_end = FALSE;
  gtk_widget_add_tick_callback (GTK_WIDGET (self->list), scroll_to_today_tick,
                                g_object_ref (self), g_object_unref);
}

static gboolean
scroll_to_today_idle (gpointer data)
{
  scroll_to_today (LINEUP_LIST_VIEW (data));
  return G_SOURCE_REMOVE;
}

static void
on_list_first_map_cb (LineupListView *self)
{
  g_signal_handlers_disconnect_by_func (self->list, on_list_first_map_cb, self);
  g_idle_add_full (G_PRIORITY_LOW, scroll_to_today_idle, g_object_ref (self), g_object_unref);
}

static void
lineup_list_view_dispose (GObject *object)
{
  LineupListView *self = (LineupListView *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_LIST_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->agenda);
  g_clear_object (&self->filtered);
  g_clear_object (&self->posts);
  g_clear_object (&self->store);
  g_clear_object (&self->plan_filter);
  g_clear_pointer (&self->needle, g_free);

  G_OBJECT_CLASS (lineup_list_view_parent_class)->dispose (object);
}

static void
lineup_list_view_class_init (LineupListViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_list_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lineup/Lineup/list/lineup-list-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupListView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, LineupListView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LineupListView, stack);
  gtk_widget_class_bind_template_child (widget_class, LineupListView, list);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);
}

static void
lineup_list_view_init (LineupListView *self)
{
  GtkListItemFactory *factory;
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list, factory);
  g_object_unref (factory);

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list), keys);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
}

void
lineup_list_view_set_store (LineupListView *self,
                            LineupStore    *store)
{
  g_return_if_fail (LINEUP_IS_LIST_VIEW (self));
  g_return_if_fail (LINEUP_IS_STORE (store));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->posts = lineup_post_model_new (store);
  self->filter = gtk_custom_filter_new (match_post, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->posts)),
                                              GTK_FILTER (self->filter));
  self->agenda = lineup_agenda_model_new (store, G_LIST_MODEL (self->filtered));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->agenda)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->agenda, "items-changed", G_CALLBACK (update_stack), self, G_CONNECT_SWAPPED);

  /* Scrolling needs an allocated list: do it when it is first shown. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self->list)))
    scroll_to_today (self);
  else
    g_signal_connect_object (self->list, "map", G_CALLBACK (on_list_first_map_cb), self, G_CONNECT_SWAPPED);
}

void
lineup_list_view_start_search (LineupListView *self)
{
  g_return_if_fail (LINEUP_IS_LIST_VIEW (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
on_plan_filter_changed_cb (LineupListView *self)
{
  if (self->filter)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_stack (self);
}

void
lineup_list_view_set_filter (LineupListView *self,
                             LineupFilter   *filter)
{
  g_return_if_fail (LINEUP_IS_LIST_VIEW (self));
  g_return_if_fail (LINEUP_IS_FILTER (filter));

  g_set_object (&self->plan_filter, filter);
  g_signal_connect_object (filter, "changed", G_CALLBACK (on_plan_filter_changed_cb), self, G_CONNECT_SWAPPED);
  on_plan_filter_changed_cb (self);
}

static void
lineup_list_view_iface_init (LineupViewInterface *iface)
{
  iface->set_store = (void (*) (LineupView *, LineupStore *)) lineup_list_view_set_store;
  iface->set_filter = (void (*) (LineupView *, LineupFilter *)) lineup_list_view_set_filter;
}
