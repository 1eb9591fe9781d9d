/* lineup-backlog.c: the backlog (template lineup-backlog.ui): a list view
 * of the plan's undated posts as calendar cards. A plan may hold thousands
 * of undated ideas, and only the cards on screen are made (then reused as it
 * scrolls). GTK 4.8's list view makes up to 200 cards at once for a new
 * model, so it is given a slice of the list that grows: a few cards a step
 * after the first frame (lineup_backlog_fill_more()), up to three screens,
 * then more as the list is scrolled (or walked with the keyboard) near its
 * end, one growth a frame. Not what a card's keys do, nor the drop into
 * the backlog.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lineup-backlog.h"
#include "lineup-post-card.h"

struct _LineupBacklog
{
  GtkBox parent_instance;

  GtkWidget *list;
  LineupStore *store;
  LineupFilter *filter;
  GtkFilter *undated_filter;
  LineupPostModel *posts;
  GtkFilterListModel *backlog;
  GtkSliceListModel *shown;    /* the first of them while it fills */
  guint grow_idle;             /* more cards, near the end of a scroll */
  guint grow_tick;             /* … after the frame that shows the last */
};

/* How many cards a step of the start makes (each about a millisecond to
 * make and as much to lay out and draw, on the 2-core machine): a step
 * and the frame after it each stay well under a frame's 16 ms. */
#define FILL_STEP 3
/* The cards made at start: about three screens of the sidebar. */
#define START_CARDS 36
/* What GTK 4.8's list view keeps alive at most: past it, the whole list. */
#define LIST_VIEW_ALIVE 200

G_DEFINE_FINAL_TYPE (LineupBacklog, lineup_backlog, GTK_TYPE_BOX)

static void on_scrolled_cb (LineupBacklog *self);

static void
setup_backlog_card_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       LineupBacklog            *self)
{
  LineupPostCard *card = lineup_post_card_new ();

  gtk_list_item_set_child (item, GTK_WIDGET (card));
  /* The card takes the keyboard; its row would be a second, empty stop. */
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_selectable (item, FALSE);
}

static void
bind_backlog_card_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      LineupBacklog            *self)
{
  lineup_post_card_bind (LINEUP_POST_CARD (gtk_list_item_get_child (item)), self->store,
                         gtk_list_item_get_item (item), TRUE);
}

static gboolean
is_undated (gpointer item,
            gpointer user_data)
{
  LineupBacklog *self = user_data;

  return !lineup_post_is_dated (item) &&
         (self->filter == NULL || lineup_filter_matches (self->filter, item));
}

static void
lineup_backlog_dispose (GObject *object)
{
  LineupBacklog *self = LINEUP_BACKLOG (object);

  g_clear_handle_id (&self->grow_idle, g_source_remove);
  if (self->grow_tick)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->grow_tick);
  self->grow_tick = 0;
  g_clear_object (&self->shown);
  g_clear_object (&self->backlog);
  g_clear_object (&self->posts);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_BACKLOG);

  G_OBJECT_CLASS (lineup_backlog_parent_class)->dispose (object);
}

static void
lineup_backlog_class_init (LineupBacklogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_backlog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lineup/Lineup/calendar/lineup-backlog.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupBacklog, list);
  gtk_widget_class_bind_template_callback (widget_class, setup_backlog_card_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_backlog_card_cb);
}

static void
lineup_backlog_init (LineupBacklog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
lineup_backlog_set_store (LineupBacklog *self,
                          LineupStore   *store)
{
  GtkCustomFilter *filter;

  g_return_if_fail (LINEUP_IS_BACKLOG (self));
  g_return_if_fail (LINEUP_IS_STORE (store));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  /* The backlog reads the undated posts alone, not the whole plan. */
  self->posts = lineup_post_model_new_undated (store);
  filter = gtk_custom_filter_new (is_undated, self, NULL);
  self->undated_filter = GTK_FILTER (filter);
  self->backlog = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->posts)), GTK_FILTER (filter));
  self->shown = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->backlog)), 0, 0);
  gtk_list_view_set_model (GTK_LIST_VIEW (self->list),
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->shown)))));
  {
    GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list));

    g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (on_scrolled_cb), self, G_CONNECT_SWAPPED);
    g_signal_connect_object (adjustment, "changed", G_CALLBACK (on_scrolled_cb), self, G_CONNECT_SWAPPED);
  }
}

/* Shows FILL_STEP more cards while the slice is under @limit; FALSE once
 * it is not (or shows the whole list). */
static gboolean
grow (LineupBacklog *self,
      guint          limit)
{
  guint size = gtk_slice_list_model_get_size (self->shown);

  if (size == G_MAXUINT)
    return FALSE;
  /* Past what the list keeps alive, or past the end: the whole list
   * from now on. */
  if (size >= LIST_VIEW_ALIVE || size >= g_list_model_get_n_items (G_LIST_MODEL (self->backlog)))
    {
      gtk_slice_list_model_set_size (self->shown, G_MAXUINT);
      return FALSE;
    }
  if (size >= limit)
    return FALSE;
  gtk_slice_list_model_set_size (self->shown, size + FILL_STEP);
  return TRUE;
}

/* Within two screens of the slice's end. */
static gboolean
near_the_end (LineupBacklog *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list));

  return adjustment &&
         gtk_adjustment_get_value (adjustment) + 3 * gtk_adjustment_get_page_size (adjustment) >=
         gtk_adjustment_get_upper (adjustment);
}

static gboolean grow_idle_cb (gpointer data);

/* The frame that lays out and paints the cards just made has begun: the
 * next ones in an idle after it, so that one frame never lays out more
 * than one growth's cards (idles between two frames would make several). */
static gboolean
grow_after_frame_cb (GtkWidget     *widget,
                     GdkFrameClock *clock,
                     gpointer       data)
{
  LineupBacklog *self = LINEUP_BACKLOG (widget);

  self->grow_tick = 0;
  self->grow_idle = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, grow_idle_cb, self, NULL);
  return G_SOURCE_REMOVE;
}

static gboolean
grow_idle_cb (gpointer data)
{
  LineupBacklog *self = data;

  self->grow_idle = 0;
  if (near_the_end (self) && grow (self, G_MAXUINT))
    self->grow_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), grow_after_frame_cb, NULL, NULL);
  return G_SOURCE_REMOVE;
}

static void
on_scrolled_cb (LineupBacklog *self)
{
  if (self->shown && self->grow_idle == 0 && self->grow_tick == 0 &&
      gtk_slice_list_model_get_size (self->shown) != G_MAXUINT && near_the_end (self))
    self->grow_idle = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, grow_idle_cb, self, NULL);
}

gboolean
lineup_backlog_fill_more (LineupBacklog *self)
{
  g_return_val_if_fail (LINEUP_IS_BACKLOG (self), FALSE);
  g_return_val_if_fail (self->shown != NULL, FALSE);

  if (grow (self, START_CARDS))
    return TRUE;
  /* Scrolled near the end already (a tall window): more as it needs. */
  on_scrolled_cb (self);
  return FALSE;
}

void
lineup_backlog_set_filter (LineupBacklog *self,
                           LineupFilter  *filter)
{
  g_return_if_fail (LINEUP_IS_BACKLOG (self));

  g_set_object (&self->filter, filter);
  if (self->undated_filter)
    gtk_filter_changed (self->undated_filter, GTK_FILTER_CHANGE_DIFFERENT);
}

GListModel *
lineup_backlog_get_model (LineupBacklog *self)
{
  g_return_val_if_fail (LINEUP_IS_BACKLOG (self), NULL);

  return G_LIST_MODEL (self->backlog);
}
