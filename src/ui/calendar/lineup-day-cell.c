/* lineup-day-cell.c
 *
 * The cell lays its children out itself (a custom layout): the day's
 * number, other calendars' events, then the day's cards one under another.
 * In the month grid it shows as many cards as its height holds
 * (lineup_calendar_fit_cards) and "+N more" for the rest, so a tall window
 * shows more of each day; an hour of the week grid shows its cards, the
 * last filling the hour. It asks no width of its own (the grid gives it),
 * so the grids' columns stay even whatever the cards hold, before and
 * after a drop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-day-cell.h"
#include "lineup-post-card.h"
#include "lineup-post-row.h"

/* Pixels between the cell's rows. */
#define SPACING 2
/* Cards a day of the month binds at most: more than any screen shows. */
#define MONTH_CARDS_CAP 16

struct _LineupDayCell
{
  GtkWidget parent_instance;

  GDate date;
  int hour;                /* -1: a whole day (month grid); else an hour of it (week grid) */
  LineupPost *hovered;     /* the post dragged over the day: compared, never used */
  GtkWidget *number_label;
  GtkWidget *overlay_label;  /* other calendars' events that day */
  gboolean today;
  GtkWidget *more_button;   /* last child; shown when some cards do not show */
  GtkWidget *more_box;
  GPtrArray *cards;        /* LineupPostCard children of the cell, some hidden */
  GPtrArray *more_cards;   /* LineupPostCard in the popover */
  GPtrArray *day_posts;    /* every post of the day, for the popover */
  LineupStore *store;
  guint n_posts;           /* the day's posts */
  guint n_bound;           /* cards[0..n_bound) hold the first of them */
  guint shown;             /* of those, the ones the last layout showed */
  guint more_idle;         /* "+N more" and the cards' hidden state follow the layout */
  guint capacity;          /* the cards the last layout of the month had room for */
  guint bind_idle;         /* binds more cards when a layout found room for them */
  int more_height;         /* the button's height, kept while it is hidden */
  gboolean laid_out;       /* a layout of the month has said what shows */
  int height_hint;         /* before that: the height the month expects */

  /* What the widgets show now: a rebuild sets only what changed, since
   * setting even the same text costs a layout (labels), new widgets
   * (the "+N more" button) or a round trip to the display (tooltips). */
  guint more_count;        /* what "+N more" says (0: not set yet) */
  char *name;              /* the accessible label */
  char *description;       /* the accessible description */
  char *overlay_markup;    /* other calendars' events: the label's markup */
  char *overlay_text;      /* and in words, for the tooltip and description */
  GtkWidget *slots_label;  /* the free posting slots, faint (lineup-calendar-slots.c) */
  char *slots_text;        /* "Free slot: LinkedIn 09:00; …", for the description */
};

G_DEFINE_FINAL_TYPE (LineupDayCell, lineup_day_cell, GTK_TYPE_WIDGET)

enum {
  POST_DROPPED,
  POST_HOVER,
  NEW_POST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            LineupDayCell *self)
{
  LineupPost *post = g_value_get_object (value);
  GdkDrop *drop = gtk_drop_target_get_current_drop (target);
  /* The source offers move and copy; with Ctrl held it proposes copy only. */
  gboolean copy = drop && gdk_drop_get_actions (drop) == GDK_ACTION_COPY;

  if (!LINEUP_IS_POST (post))
    return FALSE;
  g_signal_emit (self, signals[POST_DROPPED], 0, post, copy);
  return TRUE;
}

/* While a card is dragged over the day: the post it carries, so the mix can
 * show the month as it would be after the drop; NULL when it leaves. */
static void
hover (LineupDayCell *self,
       LineupPost    *post)
{
  if (post == self->hovered)
    return;
  self->hovered = post;
  g_signal_emit (self, signals[POST_HOVER], 0, post);
}

static GdkDragAction
on_drop_motion_cb (GtkDropTarget *target,
                   double         x,
                   double         y,
                   LineupDayCell *self)
{
  const GValue *value = gtk_drop_target_get_value (target);
  GdkDrop *drop = gtk_drop_target_get_current_drop (target);

  if (value && G_VALUE_HOLDS (value, LINEUP_TYPE_POST))
    hover (self, g_value_get_object (value));
  /* What the default handler would answer: copy when that is all the
   * source offers now (Ctrl held), else move. */
  return drop && gdk_drop_get_actions (drop) == GDK_ACTION_COPY ? GDK_ACTION_COPY : GDK_ACTION_MOVE;
}

static void
on_drop_value_cb (GtkDropTarget *target,
                  GParamSpec    *pspec,
                  LineupDayCell *self)
{
  const GValue *value = gtk_drop_target_get_value (target);

  hover (self, value && G_VALUE_HOLDS (value, LINEUP_TYPE_POST) ? g_value_get_object (value) : NULL);
}

static void
on_drop_leave_cb (GtkDropTarget *target,
                  LineupDayCell *self)
{
  hover (self, NULL);
}

/* Enter on a day (not on one of its cards, which take Enter first) or a
 * double click on its empty space: a new post on that day. */
static gboolean
on_day_key_cb (GtkEventControllerKey *controller,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               LineupDayCell         *self)
{
  if ((keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter) ||
      (state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return FALSE;
  g_signal_emit (self, signals[NEW_POST], 0);
  return TRUE;
}

static void
on_day_pressed_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   LineupDayCell   *self)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);

  /* Only the day's own space, not a card or the "+N more" button. */
  if (picked && picked != GTK_WIDGET (self) && picked != self->number_label)
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (n_press == 2)
    g_signal_emit (self, signals[NEW_POST], 0);
}

/* A card of @pool: the popover's (in @box) or, with @box NULL, the day's
 * own (children of the cell, before "+N more"). */
static LineupPostCard *
take_card (LineupDayCell *self,
           GPtrArray     *pool,
           GtkWidget     *box,
           guint          index)
{
  LineupPostCard *card;

  if (index < pool->len)
    return g_ptr_array_index (pool, index);

  card = lineup_post_card_new ();
  lineup_post_card_set_compact (card, box == NULL);
  if (box)
    gtk_box_append (GTK_BOX (box), GTK_WIDGET (card));
  else
    gtk_widget_insert_before (GTK_WIDGET (card), GTK_WIDGET (self), self->more_button);
  g_ptr_array_add (pool, card);
  return card;
}

/* Cards a day of the month binds for @n posts: as many as the last layout
 * had room for (binding is most of a month switch's cost, and a busy day
 * at the default size shows two), never more than MONTH_CARDS_CAP. */
static guint
month_bound (LineupDayCell *self,
             guint          n)
{
  return MIN (n, MIN (self->capacity, MONTH_CARDS_CAP));
}

/* A layout found room for more cards than are bound (the window grew):
 * bind them from the day's posts, then lay out again. */
static void
bind_more (LineupDayCell *self)
{
  guint bound = month_bound (self, self->day_posts->len);

  if (bound <= self->n_bound)
    return;
  for (guint i = self->n_bound; i < bound; i++)
    {
      LineupPostCard *card = take_card (self, self->cards, NULL, i);

      lineup_post_card_bind (card, self->store, g_ptr_array_index (self->day_posts, i), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (card), TRUE);
    }
  self->n_bound = bound;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static gboolean
bind_idle_cb (gpointer data)
{
  LineupDayCell *self = data;

  self->bind_idle = 0;
  bind_more (self);
  return G_SOURCE_REMOVE;
}

/* ---- the layout ---- */

static int height_for (GtkWidget *child,
                       int        width,
                       gboolean   minimum);

/* Before the month's first layout (a start's first frame): binds and
 * shows what the height it expects (lineup_day_cell_set_height_hint())
 * holds, the way day_allocate() will count, so that frame already has
 * its cards and its "+N more" and the layout changes nothing. A wrong
 * guess is corrected by the layout, a frame later. */
static int first_card_height;

static void
guess_first_layout (LineupDayCell *self)
{
  int heights[MONTH_CARDS_CAP + 1];
  guint n = self->day_posts->len, counted = 0;
  int room;

  if (self->height_hint <= 0 || n == 0)
    {
      self->shown = MIN (self->n_bound, n);
      gtk_widget_set_visible (self->more_button, n > self->shown);
      return;
    }
  room = self->height_hint - height_for (self->number_label, -1, FALSE) - SPACING;
  if (self->n_bound == 0)
    bind_more (self);
  if (self->n_bound == 0)
    return;
  /* Every card as tall as the first one measured: measuring each (its
   * title laid out at no width) was a tenth of a start. */
  if (first_card_height == 0)
    first_card_height = height_for (g_ptr_array_index (self->cards, 0), -1, FALSE);
  self->capacity = MAX (1, (room + SPACING) / (first_card_height + SPACING));
  bind_more (self);
  for (counted = 0; counted < self->n_bound; counted++)
    heights[counted] = first_card_height;
  if (n > counted)
    heights[counted] = G_MAXINT / 4;
  self->shown = MIN (lineup_calendar_fit_cards (n > counted ? counted + 1 : counted, heights, SPACING,
                                                self->more_height, room), self->n_bound);
  gtk_widget_set_visible (self->more_button, self->shown < n);
  /* As the layout leaves them: bound but not shown, and hidden from
   * screen readers. */
  for (guint i = 0; i < self->n_bound; i++)
    {
      GtkWidget *card = g_ptr_array_index (self->cards, i);

      gtk_widget_set_child_visible (card, i < self->shown);
      gtk_accessible_update_state (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_STATE_HIDDEN, i >= self->shown, -1);
    }
}

/* "+N more": its words only when the count changes (the button makes a
 * new label and arrow whenever it is given one). */
static void
set_more_count (LineupDayCell *self,
                guint          count)
{
  g_autofree char *label = NULL;
  g_autofree char *name = NULL;

  if (count == 0 || count == self->more_count)
    return;
  label = g_strdup_printf (ngettext ("+%u more", "+%u more", count), count);
  name = g_strdup_printf (ngettext ("%u more post", "%u more posts", count), count);
  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->more_button), label);
  /* The button inside takes its name from the label; the menu button
   * around it has none of its own. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->more_button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  self->more_count = count;
}

/* After a layout of the month changed how many cards show: the count on
 * the button, and screen readers skip the cards that do not show. */
static gboolean
more_idle_cb (gpointer data)
{
  LineupDayCell *self = data;

  self->more_idle = 0;
  set_more_count (self, self->n_posts - MIN (self->shown, self->n_posts));
  /* Hidden rather than only left out, so most days (all shown) add no
   * button to what a screen reader walks. */
  gtk_widget_set_visible (self->more_button, self->shown < self->n_posts);
  for (guint i = 0; i < self->cards->len; i++)
    gtk_accessible_update_state (GTK_ACCESSIBLE (g_ptr_array_index (self->cards, i)),
                                 GTK_ACCESSIBLE_STATE_HIDDEN, i >= self->shown, -1);
  return G_SOURCE_REMOVE;
}

static int
height_for (GtkWidget *child,
            int        width,
            gboolean   minimum)
{
  int min = 0, nat = 0;

  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, &min, &nat, NULL, NULL);
  return minimum ? min : nat;
}

static void
day_measure (GtkWidget      *widget,
             GtkOrientation  orientation,
             int             for_size,
             int            *minimum,
             int            *natural,
             int            *minimum_baseline,
             int            *natural_baseline)
{
  LineupDayCell *self = LINEUP_DAY_CELL (widget);
  gboolean month = self->hour < 0;
  int min = 0, nat = 0, rows = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      int child_min = 0, child_nat = 0;
      gboolean card = !(child == self->number_label || child == self->overlay_label || child == self->more_button ||
                        child == self->slots_label);

      /* The width is the grid's to give (the week's cells ask 110 pixels
       * each): what a card holds never widens its column, so no child is
       * measured across. A day of the month asks nothing for its cards
       * either (below): they are measured once, at the width they get,
       * when the day places them, not at every width the window tries
       * while it finds its size (the first frame measured the month's
       * cards' text several times over). */
      if (orientation == GTK_ORIENTATION_HORIZONTAL || (month && card))
        continue;
      if (!gtk_widget_get_visible (child) ||
          (child == self->more_button && (month || self->n_posts <= self->n_bound)))
        continue;
      gtk_widget_measure (child, orientation, for_size, &child_min, &child_nat, NULL, NULL);
      /* A day of the month needs room for its number; its cards take
       * what the grid gives it. An hour needs its cards. */
      min += child_min + (rows ? SPACING : 0);
      nat += child_nat + (rows ? SPACING : 0);
      rows++;
    }
  *minimum = min;
  /* A day of the month asks no more than its minimum either: the weeks
   * share the height evenly, and each day shows what fits in its share. */
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL || month ? min : MAX (min, nat);
}

/* A child at @y across the cell; one that needs more width than a narrow
 * cell has gets it, and the cell clips it. */
static void
place (GtkWidget *child,
       int        width,
       int       *y,
       int        height)
{
  GtkAllocation allocation = { 0, *y, width, height };
  int min_width = 0;

  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  allocation.width = MAX (width, min_width);
  allocation.height = MAX (height, height_for (child, allocation.width, TRUE));
  if (!gtk_widget_get_child_visible (child))
    gtk_widget_set_child_visible (child, TRUE);
  gtk_widget_size_allocate (child, &allocation, -1);
  *y += height + SPACING;
}

static void
day_allocate (GtkWidget *widget,
              int        width,
              int        height,
              int        baseline)
{
  LineupDayCell *self = LINEUP_DAY_CELL (widget);
  int heights[MONTH_CARDS_CAP + 1];
  guint bound = MIN (self->n_bound, self->cards->len);
  guint shown = bound;
  int y = 0, more_height = 0;
  gboolean more, changed = FALSE;

  if (gtk_widget_get_visible (self->number_label))
    place (self->number_label, width, &y, height_for (self->number_label, width, FALSE));
  if (gtk_widget_get_visible (self->overlay_label))
    place (self->overlay_label, width, &y, height_for (self->overlay_label, width, FALSE));
  if (gtk_widget_get_visible (self->slots_label))
    place (self->slots_label, width, &y, height_for (self->slots_label, width, FALSE));

  bound = MIN (bound, MONTH_CARDS_CAP);
  for (guint i = 0; i < bound; i++)
    heights[i] = height_for (g_ptr_array_index (self->cards, i), width, FALSE);
  if (gtk_widget_get_visible (self->more_button))
    self->more_height = height_for (self->more_button, width, FALSE);
  more_height = self->more_height;
  if (self->hour < 0)
    {
      guint n = bound;

      /* More posts than cards bound: the button shows whatever fits. */
      if (self->n_posts > bound)
        heights[n++] = G_MAXINT / 4;
      /* The room for cards like the first, for the next binding; when it
       * holds more than are bound, bind them. */
      if (bound > 0)
        {
          guint capacity = MAX (1, (height - y + SPACING) / (heights[0] + SPACING));

          self->capacity = capacity;
          if (self->n_posts > bound && month_bound (self, self->n_posts) > bound && self->bind_idle == 0)
            self->bind_idle = g_idle_add (bind_idle_cb, self);
        }
      shown = MIN (lineup_calendar_fit_cards (n, heights, SPACING, more_height, height - y), bound);
    }
  more = shown < self->n_posts;

  for (guint i = 0; i < bound; i++)
    {
      GtkWidget *card = g_ptr_array_index (self->cards, i);
      int h = heights[i];

      if (i >= shown)
        {
          GtkAllocation none = { 0, 0, 0, 0 };

          if (gtk_widget_get_child_visible (card))
            {
              gtk_widget_set_child_visible (card, FALSE);
              changed = TRUE;
            }
          /* No area either: what asks where the card is (a screen
           * reader) finds it nowhere, not where it was last shown. */
          gtk_widget_size_allocate (card, &none, -1);
          continue;
        }
      /* In an hour of the week the last card fills the hour. */
      if (self->hour >= 0 && i == shown - 1)
        h = MAX (h, height - y - (more ? more_height + SPACING : 0));
      place (card, width, &y, h);
    }
  if (more && gtk_widget_get_visible (self->more_button))
    {
      int more_width = 0;

      gtk_widget_measure (self->more_button, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &more_width, NULL, NULL);
      place (self->more_button, MIN (width, more_width), &y, more_height);
    }
  else if (gtk_widget_get_child_visible (self->more_button))
    gtk_widget_set_child_visible (self->more_button, FALSE);

  if (self->hour < 0)
    self->laid_out = TRUE;
  if (self->hour < 0 && (changed || shown != self->shown || more != gtk_widget_get_visible (self->more_button)))
    {
      self->shown = shown;
      if (self->more_idle == 0)
        self->more_idle = g_idle_add (more_idle_cb, self);
    }
}

/* The popover's cards are bound only when someone opens it: most days are
 * never opened, and binding is most of a rebuild's cost. */
static void
on_more_shown_cb (LineupDayCell *self)
{
  for (guint i = 0; i < self->day_posts->len; i++)
    {
      LineupPostCard *card = take_card (self, self->more_cards, self->more_box, i);

      lineup_post_card_bind (card, self->store, g_ptr_array_index (self->day_posts, i), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (card), TRUE);
    }
  for (guint i = self->day_posts->len; i < self->more_cards->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (self->more_cards, i), FALSE);
}

static void
lineup_day_cell_dispose (GObject *object)
{
  LineupDayCell *self = (LineupDayCell *) object;
  GtkWidget *child;

  g_clear_handle_id (&self->more_idle, g_source_remove);
  g_clear_handle_id (&self->bind_idle, g_source_remove);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_pointer (&self->cards, g_ptr_array_unref);
  g_clear_pointer (&self->more_cards, g_ptr_array_unref);
  g_clear_pointer (&self->day_posts, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->overlay_markup, g_free);
  g_clear_pointer (&self->overlay_text, g_free);
  g_clear_pointer (&self->slots_text, g_free);

  G_OBJECT_CLASS (lineup_day_cell_parent_class)->dispose (object);
}

/* The grid's lines: the cell's right and bottom edges, a pixel each in
 * the cell's colour at 8 % (the space is the right and bottom padding's,
 * style.css). Two plain rectangles rather than a CSS border: GTK 4.8's
 * cairo renderer fills a border as an even-odd ring through its span
 * converter, over the whole cell, and the month's 42 borders were most
 * of the first frame's paint (perf: three quarters of the render). The
 * right line stops above the bottom one, so the corner's pixel is
 * covered once, as the border's ring covered it. */
static void
lineup_day_cell_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  graphene_rect_t box;   /* the whole cell, padding included */
  GdkRGBA line;

  if (gtk_widget_compute_bounds (widget, widget, &box) && box.size.width >= 1 && box.size.height >= 1)
    {
      float x = box.origin.x, y = box.origin.y, width = box.size.width, height = box.size.height;

      gtk_style_context_get_color (gtk_widget_get_style_context (widget), &line);
      line.alpha *= 0.08;
      gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (x + width - 1, y, 1, height - 1));
      gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (x, y + height - 1, width, 1));
    }
  GTK_WIDGET_CLASS (lineup_day_cell_parent_class)->snapshot (widget, snapshot);
}

static void
lineup_day_cell_class_init (LineupDayCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_day_cell_dispose;
  widget_class->snapshot = lineup_day_cell_snapshot;

  signals[NEW_POST] =
    g_signal_new ("new-post", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[POST_DROPPED] =
    g_signal_new ("post-dropped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, LINEUP_TYPE_POST, G_TYPE_BOOLEAN);
  signals[POST_HOVER] =
    g_signal_new ("post-hover", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, LINEUP_TYPE_POST);

  gtk_widget_class_set_css_name (widget_class, "daycell");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
create_more_popover_cb (GtkMenuButton *button,
                        gpointer       data)
{
  LineupDayCell *self = data;
  GtkWidget *popover, *scroller;

  if (gtk_menu_button_get_popover (button))
    return;
  self->more_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 420);
  gtk_widget_set_size_request (scroller, 260, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->more_box);
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), scroller);
  g_signal_connect_swapped (popover, "show", G_CALLBACK (on_more_shown_cb), self);
  gtk_menu_button_set_popover (button, popover);
}

static void
lineup_day_cell_init (LineupDayCell *self)
{
  GtkDropTarget *drop;

  gtk_widget_set_layout_manager (GTK_WIDGET (self), gtk_custom_layout_new (NULL, day_measure, day_allocate));
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  g_date_clear (&self->date, 1);
  self->hour = -1;

  self->number_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->number_label), 0);
  gtk_widget_add_css_class (self->number_label, "day-number");
  gtk_widget_set_halign (self->number_label, GTK_ALIGN_START);
  gtk_widget_set_parent (self->number_label, GTK_WIDGET (self));
  self->overlay_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->overlay_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->overlay_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (self->overlay_label), 1);
  gtk_widget_add_css_class (self->overlay_label, "overlay-events");
  gtk_widget_set_visible (self->overlay_label, FALSE);
  gtk_widget_set_parent (self->overlay_label, GTK_WIDGET (self));
  self->slots_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->slots_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->slots_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (self->slots_label), 1);
  gtk_widget_add_css_class (self->slots_label, "free-slots");
  gtk_widget_set_visible (self->slots_label, FALSE);
  gtk_widget_set_parent (self->slots_label, GTK_WIDGET (self));

  self->more_button = gtk_menu_button_new ();
  /* The "+N more" popover is made when first opened: a month and a week
   * hold over 200 cells, and most never open theirs. */
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->more_button), create_more_popover_cb, self, NULL);
  gtk_widget_add_css_class (self->more_button, "flat");
  gtk_widget_add_css_class (self->more_button, "more-button");
  gtk_widget_set_halign (self->more_button, GTK_ALIGN_START);
  gtk_widget_set_visible (self->more_button, FALSE);
  self->more_height = 22;
  self->capacity = 2;
  gtk_widget_set_parent (self->more_button, GTK_WIDGET (self));

  self->cards = g_ptr_array_new ();
  self->more_cards = g_ptr_array_new ();
  self->day_posts = g_ptr_array_new_with_free_func (g_object_unref);

  /* Days take the keyboard too, so arrow keys can reach an empty day. */
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();
    GtkGesture *click = gtk_gesture_click_new ();

    g_signal_connect (keys, "key-pressed", G_CALLBACK (on_day_key_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), keys);
    g_signal_connect (click, "pressed", G_CALLBACK (on_day_pressed_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  }

  drop = gtk_drop_target_new (LINEUP_TYPE_POST, GDK_ACTION_MOVE | GDK_ACTION_COPY);
  /* Read the dragged post while hovering (an in-process value, at once). */
  gtk_drop_target_set_preload (drop, TRUE);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop_cb), self);
  g_signal_connect (drop, "notify::value", G_CALLBACK (on_drop_value_cb), self);
  g_signal_connect (drop, "enter", G_CALLBACK (on_drop_motion_cb), self);
  g_signal_connect (drop, "motion", G_CALLBACK (on_drop_motion_cb), self);
  g_signal_connect (drop, "leave", G_CALLBACK (on_drop_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

LineupDayCell *
lineup_day_cell_new (void)
{
  return g_object_new (LINEUP_TYPE_DAY_CELL, NULL);
}

/* Replaces *@field with @value (owned) and says whether it changed. */
static gboolean
take_if_changed (char **field,
                 char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    {
      g_free (value);
      return FALSE;
    }
  g_free (*field);
  *field = value;
  return TRUE;
}

/* Today, then other calendars' events: what a screen reader hears after
 * the date. */
static void
update_description (LineupDayCell *self)
{
  char *description = self->today && self->overlay_text ? g_strdup_printf ("%s. %s", _("Today"), self->overlay_text)
                    : self->today ? g_strdup (_("Today"))
                    : g_strdup (self->overlay_text);

  if (self->slots_text)
    {
      g_autofree char *before = description;

      description = before ? g_strdup_printf ("%s. %s", before, self->slots_text) : g_strdup (self->slots_text);
    }

  if (take_if_changed (&self->description, description))
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    self->description, -1);
}

void
lineup_day_cell_set_date (LineupDayCell *self,
                          const GDate   *date,
                          gboolean       in_month,
                          gboolean       today)
{
  char *name;
  char number[32];

  g_return_if_fail (LINEUP_IS_DAY_CELL (self));

  self->date = *date;
  if (g_date_get_day (date) == 1)
    g_date_strftime (number, sizeof number, "%-d %b", date);
  else
    g_snprintf (number, sizeof number, "%u", g_date_get_day (date));
  if (g_strcmp0 (gtk_label_get_label (GTK_LABEL (self->number_label)), number) != 0)
    gtk_label_set_label (GTK_LABEL (self->number_label), number);

  if (in_month)
    gtk_widget_remove_css_class (GTK_WIDGET (self), "other-month");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self), "other-month");
  if (today)
    gtk_widget_add_css_class (GTK_WIDGET (self), "today");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "today");

  /* Screen readers, and the tests, know a day by its full date (and an
   * hour of the week grid by its date and time). */
  name = lineup_format_day (date);
  if (self->hour >= 0)
    {
      g_autofree char *day = name;
      name = g_strdup_printf ("%s, %02d:00", day, self->hour);
    }
  gtk_widget_set_visible (self->number_label, self->hour < 0);
  self->today = today;
  if (take_if_changed (&self->name, name))
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->name, -1);
  update_description (self);
}

void
lineup_day_cell_set_overlays (LineupDayCell *self,
                              GPtrArray     *events,
                              guint          from,
                              guint          to)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autoptr(GString) plain = g_string_new (NULL);

  g_return_if_fail (LINEUP_IS_DAY_CELL (self));

  for (guint i = from; events && i < to; i++)
    {
      LineupOverlayEvent *event = g_ptr_array_index (events, i);
      g_autofree char *summary = g_markup_escape_text (event->summary, -1);

      g_string_append_printf (markup, "%s<span foreground=\"%s\">●</span> %s", markup->len ? "  " : "",
                              event->color, summary);
      g_string_append_printf (plain, "%s%s (%s)", plain->len ? "; " : "", event->summary, event->overlay);
    }
  /* Most days have none, before and after. */
  if (take_if_changed (&self->overlay_markup, markup->len ? g_string_free (g_steal_pointer (&markup), FALSE) : NULL))
    {
      gtk_label_set_markup (GTK_LABEL (self->overlay_label), self->overlay_markup ? self->overlay_markup : "");
      gtk_widget_set_visible (self->overlay_label, self->overlay_markup && self->hour < 0);
    }
  if (take_if_changed (&self->overlay_text, plain->len ? g_string_free (g_steal_pointer (&plain), FALSE) : NULL))
    gtk_widget_set_tooltip_text (self->overlay_label, self->overlay_text);
  update_description (self);
}

const GDate *
lineup_day_cell_get_date (LineupDayCell *self)
{
  g_return_val_if_fail (LINEUP_IS_DAY_CELL (self), NULL);
  return &self->date;
}

void
lineup_day_cell_set_posts (LineupDayCell *self,
                           LineupStore   *store,
                           GPtrArray     *posts,
                           guint          from,
                           guint          to,
                           gboolean       force)
{
  guint n = to - from;
  /* The month binds what a tall day could show, its layout shows what
   * fits; an hour of the week shows a few and "+N more". */
  guint bound = self->hour < 0 ? month_bound (self, n)
              : n > LINEUP_DAY_CELL_MAX_CARDS ? LINEUP_DAY_CELL_MAX_CARDS - 1 : n;

  g_return_if_fail (LINEUP_IS_DAY_CELL (self));

  for (guint i = 0; i < bound; i++)
    {
      LineupPostCard *card = take_card (self, self->cards, NULL, i);

      lineup_post_card_bind (card, store, g_ptr_array_index (posts, from + i), force);
      gtk_widget_set_visible (GTK_WIDGET (card), TRUE);
    }
  for (guint i = bound; i < self->cards->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (self->cards, i), FALSE);
  if (n != self->n_posts || bound != self->n_bound)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
  self->n_posts = n;
  self->n_bound = bound;

  /* "+N more" opens every post of the day, each a drag source too. */
  g_set_object (&self->store, store);
  g_ptr_array_set_size (self->day_posts, 0);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->day_posts, g_object_ref (g_ptr_array_index (posts, from + i)));
  if (self->hour >= 0)
    {
      self->shown = bound;
      set_more_count (self, n - bound);
      gtk_widget_set_visible (self->more_button, n > bound);
    }
  else
    {
      /* What the last layout showed, until the next one says; showing a
       * card again clears its hidden state, which the idle sets back.
       * Before the first layout, the guess says it all. */
      if (!self->laid_out)
        guess_first_layout (self);
      set_more_count (self, n - MIN (self->shown, n));
      if (self->more_idle == 0 && self->laid_out)
        self->more_idle = g_idle_add (more_idle_cb, self);
    }
}

void
lineup_day_cell_set_height_hint (LineupDayCell *self,
                                 int            height)
{
  g_return_if_fail (LINEUP_IS_DAY_CELL (self));
  self->height_hint = height;
}

GtkWidget *
lineup_day_cell_find_card (LineupDayCell *self,
                           const char    *id)
{
  g_return_val_if_fail (LINEUP_IS_DAY_CELL (self), NULL);

  for (guint i = 0; i < self->cards->len; i++)
    {
      GtkWidget *card = g_ptr_array_index (self->cards, i);
      LineupPost *post = lineup_post_card_get_post (LINEUP_POST_CARD (card));

      if (gtk_widget_get_visible (card) && gtk_widget_get_child_visible (card) &&
          post && g_strcmp0 (lineup_post_get_id (post), id) == 0)
        return card;
    }
  return NULL;
}

void
lineup_day_cell_set_hour (LineupDayCell *self,
                          int            hour)
{
  g_return_if_fail (LINEUP_IS_DAY_CELL (self));
  g_return_if_fail (hour >= -1 && hour < 24);

  self->hour = hour;
  if (hour >= 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "hour");
}

int
lineup_day_cell_get_hour (LineupDayCell *self)
{
  g_return_val_if_fail (LINEUP_IS_DAY_CELL (self), -1);
  return self->hour;
}

void
lineup_day_cell_set_free_slots (LineupDayCell *self,
                                const char    *shown,
                                const char    *spoken)
{
  g_return_if_fail (LINEUP_IS_DAY_CELL (self));

  /* Most days have the same, before and after. */
  if (g_strcmp0 (gtk_label_get_label (GTK_LABEL (self->slots_label)), shown ? shown : "") != 0)
    gtk_label_set_label (GTK_LABEL (self->slots_label), shown ? shown : "");
  if (gtk_widget_get_visible (self->slots_label) != (shown != NULL))
    gtk_widget_set_visible (self->slots_label, shown != NULL);
  if (take_if_changed (&self->slots_text, g_strdup (spoken)))
    {
      gtk_widget_set_tooltip_text (self->slots_label, spoken);
      if (spoken)
        gtk_accessible_update_property (GTK_ACCESSIBLE (self->slots_label), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
      update_description (self);
    }
}
