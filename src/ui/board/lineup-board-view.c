/* lineup-board-view.c
 *
 * The chain per column: the store's post model → the plan filter and the
 * board's scope (this week, this month, the calendar's month, all) → newest
 * first → a filter on the column's stage, dated and not → two GtkListViews
 * (the dated posts, and "No date" below them), which bind only the cards on
 * screen, so two thousand posts cost a sort, a dozen filters and a
 * screenful of cards. A stage change replaces the post in the model, which
 * moves it between the columns' filters; the board never moves cards itself.
 *
 * While a card is dragged over the board, each column asks the workflow
 * (lineup_workflow_can_move) whether the post may go there: a column that
 * refuses it is dimmed and says why to a screen reader, and is not lit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-board-view.h"
#include "lineup-board-card.h"

typedef struct {
  LineupBoardView *board;
  LineupStage stage;
  GtkFilterListModel *model;     /* the column's dated posts, newest first */
  GtkFilterListModel *undated;   /* its posts with no date */
  GtkWidget *column;
  GtkWidget *count;
  GtkWidget *list;
  GtkWidget *undated_expander;
  GtkWidget *undated_list;
  gboolean refused;              /* while a drag is over the board */
} Column;

/* The scope's choices, in the header's order and as the setting names them. */
typedef enum {
  SCOPE_WEEK,
  SCOPE_MONTH,
  SCOPE_CALENDAR_MONTH,
  SCOPE_ALL,
  N_SCOPES
} Scope;

static const struct {
  const char *key;
  const char *label;
  const char *tooltip;
} scopes[N_SCOPES] = {
  { "week", N_("This Week"), N_("Posts of the week that holds today, and those with no date") },
  { "month", N_("This Month"), N_("Posts of the month that holds today, and those with no date") },
  { "calendar-month", N_("Calendar’s Month"), N_("Posts of the month the calendar shows, and those with no date") },
  { "all", N_("All"), N_("Every post of the plan") },
};

struct _LineupBoardView
{
  AdwBin parent_instance;

  LineupStore *store;
  LineupFilter *filter;
  LineupPostModel *posts;
  GtkFilterListModel *filtered;
  GtkSortListModel *sorted;
  GtkFilter *plan_filter;
  GSettings *settings;
  Scope scope;
  gint64 scope_from, scope_to;  /* the instants the scope covers */
  int calendar_year, calendar_month;
  GtkWidget *scope_buttons[N_SCOPES];
  GtkWidget *summary;           /* "42 of 835 posts" */
  LineupPost *dragged;          /* the post over the board, while a drag is */
  GPtrArray *chain;          /* LineupApprovalStep */
  GHashTable *cards;         /* LineupBoardCard set: every card made, to rebind on plan changes */
  GHashTable *summaries;     /* post id → LineupWorkflowSummary, read for all at once */
  char *focus_post_id;       /* the card the keyboard moved, to keep focus on */

  Column columns[LINEUP_N_STAGES];
};

static void lineup_board_view_iface_init (LineupViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LineupBoardView, lineup_board_view, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (LINEUP_TYPE_VIEW, lineup_board_view_iface_init))

static void
toast (LineupBoardView *self,
       const char      *message)
{
  lineup_view_toast (GTK_WIDGET (self), message);
}

/* ---- moving through the workflow ---- */

static gboolean
move_post (LineupBoardView *self,
           LineupPost      *post,
           LineupStage      stage,
           gboolean         keep_focus)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  g_autofree char *id = g_strdup (lineup_post_get_id (post));

  if (lineup_post_get_stage (post) == stage)
    return FALSE;
  if (keep_focus)
    {
      g_free (self->focus_post_id);
      self->focus_post_id = g_strdup (id);
    }
  if (!lineup_workflow_move (self->store, id, stage, NULL, NULL, &note, &error))
    {
      toast (self, error->message);
      return FALSE;
    }
  if (note)
    toast (self, note);
  return TRUE;
}

/* view.move-to-stage (si), from a card's keys or menu: the post's id, the
 * stage; the keyboard stays on the card. */
static void
move_to_stage_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  LineupBoardView *self = LINEUP_BOARD_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) post = NULL;
  const char *id;
  int stage;

  g_variant_get (param, "(&si)", &id, &stage);
  post = lineup_store_get_post (self->store, id, &error);
  if (post == NULL)
    toast (self, error->message);
  else
    move_post (self, post, stage, TRUE);
}

/* The post a drag carries, read from the drag itself (it starts in this
 * window), so columns can be marked before the pointer reaches them. */
static LineupPost *
dragged_post (GdkDrop *drop)
{
  GdkDrag *drag = drop ? gdk_drop_get_drag (drop) : NULL;
  GdkContentProvider *content = drag ? gdk_drag_get_content (drag) : NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, LINEUP_TYPE_POST);
  if (content == NULL || !gdk_content_provider_get_value (content, &value, NULL))
    return NULL;
  return g_value_dup_object (&value);
}

static void
unmark_columns (LineupBoardView *self)
{
  g_clear_object (&self->dragged);
  for (guint i = 0; i < LINEUP_N_STAGES; i++)
    {
      Column *column = &self->columns[i];

      gtk_widget_remove_css_class (column->column, "drop-refused");
      gtk_widget_remove_css_class (column->column, "drop-allowed");
      gtk_widget_remove_css_class (column->column, "drop-target");
      if (column->refused && column->list)
        {
          gtk_accessible_reset_property (GTK_ACCESSIBLE (column->list), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
          gtk_accessible_reset_state (GTK_ACCESSIBLE (column->list), GTK_ACCESSIBLE_STATE_DISABLED);
        }
      column->refused = FALSE;
    }
}

/* Each column the workflow would refuse @post is marked refused, with the
 * workflow's reason as its description; the others are marked as places
 * to drop it (its own column neither). */
static void
mark_columns (LineupBoardView *self,
              LineupPost      *post)
{
  if (post == NULL || (self->dragged && g_str_equal (lineup_post_get_id (self->dragged), lineup_post_get_id (post))))
    return;
  unmark_columns (self);
  self->dragged = g_object_ref (post);
  for (guint i = 0; i < LINEUP_N_STAGES; i++)
    {
      Column *column = &self->columns[i];
      g_autoptr(GError) error = NULL;

      if (column->stage == lineup_post_get_stage (post))
        continue;
      if (lineup_workflow_can_move (self->store, post, column->stage, NULL, &error))
        {
          gtk_widget_add_css_class (column->column, "drop-allowed");
          continue;
        }
      {
        g_autofree char *why = g_strdup_printf (_("Cannot move here: %s"), error->message);

        column->refused = TRUE;
        gtk_widget_add_css_class (column->column, "drop-refused");
        gtk_accessible_update_property (GTK_ACCESSIBLE (column->list), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, why, -1);
        gtk_accessible_update_state (GTK_ACCESSIBLE (column->list), GTK_ACCESSIBLE_STATE_DISABLED, TRUE, -1);
      }
    }
}

static void
on_board_drag_enter_cb (GtkDropControllerMotion *motion,
                        double                   x,
                        double                   y,
                        LineupBoardView         *self)
{
  g_autoptr(LineupPost) post = dragged_post (gtk_drop_controller_motion_get_drop (motion));

  mark_columns (self, post);
}

static void
on_board_drag_leave_cb (GtkDropControllerMotion *motion,
                        LineupBoardView         *self)
{
  unmark_columns (self);
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            Column        *column)
{
  LineupPost *post = g_value_get_object (value);
  LineupBoardView *self = column->board;

  unmark_columns (self);
  if (!LINEUP_IS_POST (post))
    return FALSE;
  /* A refused column is not lit, but a drop there still says why. */
  return move_post (self, post, column->stage, FALSE);
}

static GdkDragAction
on_drop_enter_cb (GtkDropTarget *target,
                  double         x,
                  double         y,
                  Column        *column)
{
  g_autoptr(LineupPost) post = dragged_post (gtk_drop_target_get_current_drop (target));

  mark_columns (column->board, post);
  if (!column->refused)
    gtk_widget_add_css_class (column->column, "drop-target");
  return GDK_ACTION_MOVE;
}

static void
on_drop_leave_cb (GtkDropTarget *target,
                  Column        *column)
{
  gtk_widget_remove_css_class (column->column, "drop-target");
}

/* ---- cards ---- */

static gboolean
grab_focus_idle_cb (gpointer data)
{
  GtkWidget *card = data;

  if (gtk_widget_get_mapped (card))
    gtk_widget_grab_focus (card);
  g_object_unref (card);
  return G_SOURCE_REMOVE;
}

static void
on_card_destroy_cb (LineupBoardView *self,
                    GtkWidget       *card)
{
  if (self->cards)
    g_hash_table_remove (self->cards, card);
}

static void
setup_card_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               LineupBoardView          *self)
{
  LineupBoardCard *card = lineup_board_card_new ();

  /* Cards are kept until the widget goes, whatever the list does first. */
  g_hash_table_add (self->cards, card);
  g_signal_connect_object (card, "destroy", G_CALLBACK (on_card_destroy_cb), self, G_CONNECT_SWAPPED);
  gtk_list_item_set_child (item, GTK_WIDGET (card));
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_card_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              LineupBoardView          *self)
{
  LineupBoardCard *card = LINEUP_BOARD_CARD (gtk_list_item_get_child (item));
  LineupPost *post = gtk_list_item_get_item (item);

  lineup_board_card_bind (card, self->store, self->chain, post,
                          g_hash_table_lookup (self->summaries, lineup_post_get_id (post)));
  if (self->focus_post_id && g_str_equal (self->focus_post_id, lineup_post_get_id (post)))
    {
      g_clear_pointer (&self->focus_post_id, g_free);
      g_idle_add (grab_focus_idle_cb, g_object_ref (card));
    }
}

static void
unbind_card_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                LineupBoardView          *self)
{
  lineup_board_card_unbind (LINEUP_BOARD_CARD (gtk_list_item_get_child (item)));
}

static void
read_summaries (LineupBoardView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) posts = lineup_store_list_all_posts (self->store, &error);
  GHashTable *summaries = posts ? lineup_store_get_workflow_summaries (self->store, posts, &error) : NULL;

  if (summaries == NULL)
    {
      toast (self, error->message);
      summaries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) lineup_workflow_summary_free);
    }
  g_clear_pointer (&self->summaries, g_hash_table_unref);
  self->summaries = summaries;
}

/* Every workflow action announces itself as a change of the post: read
 * that post's summary again before the columns rebind its card. */
static void
read_summary (LineupBoardView *self,
              LineupPost      *post)
{
  g_autoptr(LineupPostWorkflow) workflow = lineup_store_get_post_workflow (self->store, post, NULL);

  if (workflow)
    g_hash_table_replace (self->summaries, g_strdup (lineup_post_get_id (post)),
                          lineup_workflow_summary_new_from (workflow));
}

static void
on_post_added_cb (LineupBoardView *self,
                  LineupPost      *post)
{
  read_summary (self, post);
}

static void
on_post_changed_cb (LineupBoardView *self,
                    LineupPost      *old_post,
                    LineupPost      *new_post)
{
  read_summary (self, new_post);
}

static void
on_post_removed_cb (LineupBoardView *self,
                    LineupPost      *post)
{
  g_hash_table_remove (self->summaries, lineup_post_get_id (post));
}

static void
rebind_all (LineupBoardView *self)
{
  GHashTableIter iter;
  gpointer card;

  g_clear_pointer (&self->chain, g_ptr_array_unref);
  self->chain = lineup_store_get_approval_chain (self->store);
  read_summaries (self);
  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, &card, NULL))
    {
      LineupPost *post = lineup_board_card_get_post (card);

      if (post)
        lineup_board_card_bind (card, self->store, self->chain, post,
                                g_hash_table_lookup (self->summaries, lineup_post_get_id (post)));
    }
}

/* ---- columns ---- */

static gboolean
match_stage (gpointer item,
             gpointer user_data)
{
  Column *column = user_data;
  return lineup_post_get_stage (item) == column->stage && lineup_post_is_dated (item);
}

static gboolean
match_stage_undated (gpointer item,
                     gpointer user_data)
{
  Column *column = user_data;
  return lineup_post_get_stage (item) == column->stage && !lineup_post_is_dated (item);
}

static gboolean
match_plan_filter (gpointer item,
                   gpointer user_data)
{
  LineupBoardView *self = user_data;
  return lineup_scope_contains (item, self->scope_from, self->scope_to) &&
         (self->filter == NULL || lineup_filter_matches (self->filter, item));
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  return lineup_post_compare_newest_first (a, b, NULL);
}

/* The badge and the list's name count every post the column shows, dated
 * or not; the "No date" group says how many of them have no date. */
static void
update_count (Column *column)
{
  guint dated = g_list_model_get_n_items (G_LIST_MODEL (column->model));
  guint undated = g_list_model_get_n_items (G_LIST_MODEL (column->undated));
  guint n = dated + undated;
  g_autofree char *text = g_strdup_printf ("%u", n);
  g_autofree char *name = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u post", "%s, %u posts", n),
                                           lineup_stage_to_label (column->stage), n);
  g_autofree char *group = g_strdup_printf (_("No date · %u"), undated);
  g_autofree char *group_name = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s with no date, %u post",
                                                              "%s with no date, %u posts", undated),
                                                 lineup_stage_to_label (column->stage), undated);

  gtk_label_set_label (GTK_LABEL (column->count), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (column->list), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_expander_set_label (GTK_EXPANDER (column->undated_expander), group);
  /* GTK 4.8's expander takes no name from its label. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (column->undated_expander), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  group, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (column->undated_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  group_name, -1);
  gtk_widget_set_visible (column->undated_expander, undated > 0);
}

/* "42 of 835 posts" beside the scope. */
static void
update_summary (LineupBoardView *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint all = g_list_model_get_n_items (G_LIST_MODEL (self->posts));
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u post", "%u of %u posts", all),
                                           shown, all);

  gtk_label_set_label (GTK_LABEL (self->summary), text);
}

static void
on_undated_expanded_cb (GtkExpander *expander,
                        GParamSpec  *pspec,
                        Column      *column)
{
  /* Open, the group takes up to half the column; closed, only its line. */
  gtk_widget_set_vexpand (GTK_WIDGET (expander), gtk_expander_get_expanded (expander));
}

static GtkWidget *
build_column (LineupBoardView *self,
              Column          *column)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (lineup_stage_to_label (column->stage));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  g_autofree char *stage_class = g_strdup_printf ("stage-%s", lineup_stage_to_key (column->stage));
  GtkDropTarget *drop;

  column->column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (column->column, "board-column");
  gtk_widget_set_size_request (column->column, 168, -1);
  gtk_widget_set_hexpand (column->column, TRUE);

  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title, TRUE);
  column->count = gtk_label_new ("0");
  gtk_widget_add_css_class (column->count, "board-count");
  gtk_widget_add_css_class (column->count, "stage-badge");
  gtk_widget_add_css_class (column->count, stage_class);
  gtk_widget_add_css_class (column->count, "numeric");
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), column->count);
  gtk_widget_add_css_class (header, "board-column-header");
  gtk_box_append (GTK_BOX (column->column), header);

  column->list = gtk_list_view_new (NULL, NULL);
  gtk_widget_add_css_class (column->list, "board-list");
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), column->list);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (column->column), scroller);

  /* The column's posts with no date, apart below its dated ones. */
  column->undated_list = gtk_list_view_new (NULL, NULL);
  gtk_widget_add_css_class (column->undated_list, "board-list");
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), column->undated_list);
  gtk_widget_set_vexpand (scroller, TRUE);
  column->undated_expander = gtk_expander_new (NULL);
  gtk_widget_add_css_class (column->undated_expander, "board-undated");
  gtk_expander_set_child (GTK_EXPANDER (column->undated_expander), scroller);
  gtk_expander_set_expanded (GTK_EXPANDER (column->undated_expander), TRUE);
  gtk_widget_set_vexpand (column->undated_expander, TRUE);
  gtk_widget_set_visible (column->undated_expander, FALSE);
  g_signal_connect (column->undated_expander, "notify::expanded", G_CALLBACK (on_undated_expanded_cb), column);
  gtk_box_append (GTK_BOX (column->column), column->undated_expander);

  drop = gtk_drop_target_new (LINEUP_TYPE_POST, GDK_ACTION_MOVE);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop_cb), column);
  g_signal_connect (drop, "enter", G_CALLBACK (on_drop_enter_cb), column);
  g_signal_connect (drop, "leave", G_CALLBACK (on_drop_leave_cb), column);
  gtk_widget_add_controller (column->column, GTK_EVENT_CONTROLLER (drop));
  return column->column;
}

static void
on_filter_changed_cb (LineupBoardView *self)
{
  if (self->plan_filter)
    gtk_filter_changed (self->plan_filter, GTK_FILTER_CHANGE_DIFFERENT);
}

/* ---- the scope ---- */

static void
update_scope_range (LineupBoardView *self)
{
  g_autofree char *first_day = g_settings_get_string (self->settings, "first-day-of-week");
  GDate day;

  self->scope_from = G_MININT64;
  self->scope_to = G_MAXINT64;
  if (self->store == NULL)
    return;
  if (self->scope == SCOPE_CALENDAR_MONTH && self->calendar_year > 0)
    g_date_set_dmy (&day, 1, self->calendar_month, self->calendar_year);
  else
    lineup_scope_today (self->store, &day);
  lineup_scope_get_range (self->store,
                          self->scope == SCOPE_WEEK ? LINEUP_SCOPE_WEEK
                            : self->scope == SCOPE_ALL ? LINEUP_SCOPE_ALL : LINEUP_SCOPE_MONTH,
                          &day, lineup_week_start_from_name (first_day),
                          &self->scope_from, &self->scope_to);
}

static void
apply_scope (LineupBoardView *self)
{
  gint64 from = self->scope_from, to = self->scope_to;

  update_scope_range (self);
  if (self->plan_filter && (from != self->scope_from || to != self->scope_to))
    gtk_filter_changed (self->plan_filter, GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_scope_toggled_cb (GtkToggleButton *button,
                     LineupBoardView *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  self->scope = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "scope"));
  g_settings_set_string (self->settings, "board-scope", scopes[self->scope].key);
  apply_scope (self);
}

static GtkWidget *
build_header (LineupBoardView *self)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *group = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  g_autofree char *current = g_settings_get_string (self->settings, "board-scope");

  gtk_widget_add_css_class (header, "board-header");
  gtk_widget_add_css_class (group, "linked");
  gtk_accessible_update_property (GTK_ACCESSIBLE (group), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Show"), -1);
  self->scope = SCOPE_MONTH;
  for (guint i = 0; i < N_SCOPES; i++)
    if (g_str_equal (current, scopes[i].key))
      self->scope = i;
  for (guint i = 0; i < N_SCOPES; i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (_(scopes[i].label));

      self->scope_buttons[i] = button;
      gtk_widget_set_tooltip_text (button, _(scopes[i].tooltip));
      g_object_set_data (G_OBJECT (button), "scope", GINT_TO_POINTER (i));
      if (i > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (self->scope_buttons[0]));
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), i == self->scope);
      g_signal_connect (button, "toggled", G_CALLBACK (on_scope_toggled_cb), self);
      gtk_box_append (GTK_BOX (group), button);
    }
  gtk_box_append (GTK_BOX (header), group);
  self->summary = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->summary, "dim-label");
  gtk_widget_add_css_class (self->summary, "numeric");
  gtk_box_append (GTK_BOX (header), self->summary);
  return header;
}

static void
lineup_board_view_dispose (GObject *object)
{
  LineupBoardView *self = LINEUP_BOARD_VIEW (object);

  for (guint i = 0; i < LINEUP_N_STAGES; i++)
    {
      if (self->columns[i].list)
        gtk_list_view_set_model (GTK_LIST_VIEW (self->columns[i].list), NULL);
      if (self->columns[i].undated_list)
        gtk_list_view_set_model (GTK_LIST_VIEW (self->columns[i].undated_list), NULL);
      self->columns[i].list = self->columns[i].undated_list = NULL;
    }
  adw_bin_set_child (ADW_BIN (self), NULL);
  for (guint i = 0; i < LINEUP_N_STAGES; i++)
    if (self->columns[i].model)
      {
        g_signal_handlers_disconnect_by_data (self->columns[i].model, &self->columns[i]);
        g_clear_object (&self->columns[i].model);
      }
  for (guint i = 0; i < LINEUP_N_STAGES; i++)
    {
      if (self->columns[i].undated)
        {
          g_signal_handlers_disconnect_by_data (self->columns[i].undated, &self->columns[i]);
          g_clear_object (&self->columns[i].undated);
        }
    }
  if (self->filtered)
    g_signal_handlers_disconnect_by_data (self->filtered, self);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->posts);
  g_clear_object (&self->dragged);
  g_clear_object (&self->settings);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);
  g_clear_pointer (&self->chain, g_ptr_array_unref);
  g_clear_pointer (&self->cards, g_hash_table_unref);
  g_clear_pointer (&self->summaries, g_hash_table_unref);
  g_clear_pointer (&self->focus_post_id, g_free);

  G_OBJECT_CLASS (lineup_board_view_parent_class)->dispose (object);
}

static void
lineup_board_view_class_init (LineupBoardViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_board_view_dispose;

  gtk_widget_class_install_action (widget_class, "view.move-to-stage", "(si)", move_to_stage_action);

  gtk_widget_class_set_css_name (widget_class, "board");
}

static void
lineup_board_view_init (LineupBoardView *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkEventController *motion;

  self->settings = g_settings_new (APP_ID);
  /* This Week follows the week's first day set in Preferences. */
  g_signal_connect_object (self->settings, "changed::first-day-of-week", G_CALLBACK (apply_scope),
                           self, G_CONNECT_SWAPPED);
  self->scope_from = G_MININT64;
  self->scope_to = G_MAXINT64;
  self->cards = g_hash_table_new (NULL, NULL);
  gtk_box_append (GTK_BOX (page), build_header (self));
  gtk_widget_add_css_class (row, "board-columns");
  gtk_box_set_homogeneous (GTK_BOX (row), TRUE);
  for (guint i = 0; i < LINEUP_N_STAGES; i++)
    {
      self->columns[i].board = self;
      self->columns[i].stage = i;
      gtk_box_append (GTK_BOX (row), build_column (self, &self->columns[i]));
    }
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), row);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (page), scroller);
  adw_bin_set_child (ADW_BIN (self), page);

  /* A card dragged over the board: mark the columns that refuse it. */
  motion = gtk_drop_controller_motion_new ();
  g_signal_connect (motion, "enter", G_CALLBACK (on_board_drag_enter_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_board_drag_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
}

void
lineup_board_view_set_store (LineupBoardView *self,
                             LineupStore     *store)
{
  GtkCustomFilter *plan_filter;

  g_return_if_fail (LINEUP_IS_BOARD_VIEW (self));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->chain = lineup_store_get_approval_chain (store);
  /* Before the post model's own handlers, so cards bind to fresh summaries. */
  g_signal_connect_object (store, "post-added", G_CALLBACK (on_post_added_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "post-changed", G_CALLBACK (on_post_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "post-removed", G_CALLBACK (on_post_removed_cb), self, G_CONNECT_SWAPPED);
  read_summaries (self);
  update_scope_range (self);
  self->posts = lineup_post_model_new (store);
  plan_filter = gtk_custom_filter_new (match_plan_filter, self, NULL);
  self->plan_filter = GTK_FILTER (plan_filter);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->posts)), GTK_FILTER (plan_filter));
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                          GTK_SORTER (gtk_custom_sorter_new (compare_newest_first, NULL, NULL)));
  g_signal_connect_swapped (self->filtered, "items-changed", G_CALLBACK (update_summary), self);
  update_summary (self);

  for (guint i = 0; i < LINEUP_N_STAGES; i++)
    {
      Column *column = &self->columns[i];
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkSelectionModel *selection;
      GtkCustomFilter *stage_filter = gtk_custom_filter_new (match_stage, column, NULL);

      column->model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sorted)),
                                                 GTK_FILTER (stage_filter));
      column->undated = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sorted)),
                                                   GTK_FILTER (gtk_custom_filter_new (match_stage_undated, column, NULL)));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_card_cb), self);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_card_cb), self);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_card_cb), self);
      gtk_list_view_set_factory (GTK_LIST_VIEW (column->list), factory);
      gtk_list_view_set_factory (GTK_LIST_VIEW (column->undated_list), factory);
      g_object_unref (factory);
      /* gtk_list_view_set_model() takes no ownership: the list keeps its own. */
      selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (column->model))));
      gtk_list_view_set_model (GTK_LIST_VIEW (column->list), selection);
      g_object_unref (selection);
      selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (column->undated))));
      gtk_list_view_set_model (GTK_LIST_VIEW (column->undated_list), selection);
      g_object_unref (selection);
      g_signal_connect_swapped (column->model, "items-changed", G_CALLBACK (update_count), column);
      g_signal_connect_swapped (column->undated, "items-changed", G_CALLBACK (update_count), column);
      update_count (column);
    }

  /* The chain, the checklist and the pillars change what cards show. */
  g_signal_connect_object (store, "plan-changed", G_CALLBACK (rebind_all), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "pillars-changed", G_CALLBACK (rebind_all), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "content-types-changed", G_CALLBACK (rebind_all), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "reloaded", G_CALLBACK (rebind_all), self, G_CONNECT_SWAPPED);
}

void
lineup_board_view_set_filter (LineupBoardView *self,
                              LineupFilter    *filter)
{
  g_return_if_fail (LINEUP_IS_BOARD_VIEW (self));
  g_return_if_fail (LINEUP_IS_FILTER (filter));

  g_set_object (&self->filter, filter);
  g_signal_connect_object (filter, "changed", G_CALLBACK (on_filter_changed_cb), self, G_CONNECT_SWAPPED);
  on_filter_changed_cb (self);
}

static void
lineup_board_view_iface_init (LineupViewInterface *iface)
{
  iface->set_store = (void (*) (LineupView *, LineupStore *)) lineup_board_view_set_store;
  iface->set_filter = (void (*) (LineupView *, LineupFilter *)) lineup_board_view_set_filter;
}

void
lineup_board_view_set_calendar_month (LineupBoardView *self,
                                      int              year,
                                      int              month)
{
  g_return_if_fail (LINEUP_IS_BOARD_VIEW (self));
  g_return_if_fail (month >= 1 && month <= 12);

  self->calendar_year = year;
  self->calendar_month = month;
  /* Shown again: today may have moved on too. */
  apply_scope (self);
}
