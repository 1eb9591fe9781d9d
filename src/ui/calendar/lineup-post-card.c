/* lineup-post-card.c
 *
 * Dragging offers the post itself (an in-process value); the drop target
 * asks the store to move it, and the calendar follows the store's signal.
 * The card never moves or hides itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-post-card.h"
#include "lineup-best-slot-buttons.h"
#include "lineup-card-gestures.h"
#include "lineup-media-thumb.h"
#include "lineup-post-row.h"
#include "lineup-publishing.h"
#include "lineup-repurpose-dialog.h"
#include "lineup-share-marks.h"
#include "lineup-sync-badge.h"
#include "lineup-series-badge.h"
#include "lineup-swatch.h"
#include "lineup-view.h"

struct _LineupPostCard
{
  GtkWidget parent_instance;

  LineupPost *post;
  LineupStore *store;
  LineupSwatch *swatch;
  GtkWidget *time_label;
  GtkWidget *type_icon;
  GtkWidget *title_label;     /* first and widest: up to two lines */
  GtkWidget *platform_icons[LINEUP_CARD_MAX_PLATFORM_ICONS + 1];  /* one per network */
  const LineupPlatformInfo *platform_shown[LINEUP_CARD_MAX_PLATFORM_ICONS + 1];  /* what each shows */
  GtkWidget *platform_badge;  /* "+N": how many more platforms */
  gboolean compact;
  GtkWidget *stage_dot;
  char *stage_class;
  GtkWidget *sync_icon;       /* the post's sync state, when it goes to an account */
  GtkWidget *conflict_icon;   /* a shared plan's conflict waits on the post (made when first needed) */
  GtkWidget *series_icon;     /* the repeat badge of a post in a series (made when first needed) */
  GtkWidget *meta_row;        /* time, type, networks, sync state */
  GtkWidget *thumb;           /* the first medium, at the right */
  const char *sync_class;
  char *description;          /* what the accessible description says before the sync state */
  char *full_description;     /* … and with it, as last set */
  GtkWidget *date_popover;  /* "Move to Date…" */
  GtkWidget *calendar;
  GtkWidget *best_row;      /* "Best:" and the best times of its networks */
  GtkWidget *best_box;
};

G_DEFINE_FINAL_TYPE (LineupPostCard, lineup_post_card, GTK_TYPE_WIDGET)

enum {
  OPEN_POST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Asks the view around the card to change its post: view.@action with the
 * post's id (first in the tuple when @format says more). */
#define post_action(self, action, format, ...) \
  gtk_widget_activate_action (GTK_WIDGET (self), "view." action, format, lineup_post_get_id ((self)->post), ##__VA_ARGS__)

/* Arrow keys in a calendar select each day they pass, so choosing a day
 * only chooses; "Move Here" moves. */
static void
on_move_here_cb (LineupPostCard *self)
{
  g_autoptr(GDateTime) picked = gtk_calendar_get_date (GTK_CALENDAR (self->calendar));

  gtk_popover_popdown (GTK_POPOVER (self->date_popover));
  if (self->post)
    post_action (self, "move-post-to", "(siiii)",
                 g_date_time_get_year (picked), g_date_time_get_month (picked),
                 g_date_time_get_day_of_month (picked), -1);
}

/* A best time: the first such weekday from the day chosen, at its hour. */
static void
on_best_slot_cb (const LineupResultsBestSlot *slot,
                 gpointer                     user_data)
{
  LineupPostCard *self = user_data;
  g_autoptr(GDateTime) picked = gtk_calendar_get_date (GTK_CALENDAR (self->calendar));
  GDate from, date;

  gtk_popover_popdown (GTK_POPOVER (self->date_popover));
  if (self->post == NULL)
    return;
  g_date_clear (&from, 1);
  g_date_set_dmy (&from, g_date_time_get_day_of_month (picked), g_date_time_get_month (picked),
                  g_date_time_get_year (picked));
  lineup_results_best_slot_next_date (slot, &from, &date);
  post_action (self, "move-post-to", "(siiii)", g_date_get_year (&date), g_date_get_month (&date),
               g_date_get_day (&date), slot->hour * 60);
}

static gboolean
on_picker_key_cb (GtkEventControllerKey *controller,
                  guint                  keyval,
                  guint                  keycode,
                  GdkModifierType        state,
                  LineupPostCard        *self)
{
  g_autoptr(GDateTime) selected = NULL;
  g_autoptr(GDateTime) moved = NULL;
  int days = 0;

  switch (keyval)
    {
    case GDK_KEY_Return: case GDK_KEY_KP_Enter:
      on_move_here_cb (self);
      return TRUE;
    case GDK_KEY_Left: case GDK_KEY_KP_Left: days = -1; break;
    case GDK_KEY_Right: case GDK_KEY_KP_Right: days = 1; break;
    case GDK_KEY_Up: case GDK_KEY_KP_Up: days = -7; break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down: days = 7; break;
    default:
      return FALSE;
    }

  /* GTK 4.8's calendar starts its keyboard focus on the grid's first cell,
   * not on the chosen day: the arrows move the chosen day here instead. */
  selected = gtk_calendar_get_date (GTK_CALENDAR (self->calendar));
  moved = g_date_time_add_days (selected, days);
  gtk_calendar_select_day (GTK_CALENDAR (self->calendar), moved);
  return TRUE;
}

static void
show_date_picker (LineupPostCard *self)
{
  if (self->date_popover == NULL)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *move = gtk_button_new ();
      GtkWidget *move_label = gtk_label_new_with_mnemonic (_("_Move Here"));

      self->calendar = gtk_calendar_new ();
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->calendar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Move to date"), -1);
      gtk_widget_add_css_class (move, "suggested-action");
      /* A child label and one name: GTK 4.8 would say "_Move Here Move Here". */
      gtk_button_set_child (GTK_BUTTON (move), move_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (move), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Move here"), -1);
      g_signal_connect_swapped (move, "clicked", G_CALLBACK (on_move_here_cb), self);
      GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *best_label = gtk_label_new (_("Best:"));

      gtk_box_append (GTK_BOX (box), self->calendar);
      gtk_box_append (GTK_BOX (box), move);
      /* The best times of its networks, each moving it at once (outside
       * the box whose keys pick days, so Enter presses them). */
      self->best_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      self->best_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_widget_add_css_class (best_label, "dim-label");
      gtk_box_append (GTK_BOX (self->best_row), best_label);
      gtk_box_append (GTK_BOX (self->best_row), self->best_box);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->best_box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Best times"), -1);
      gtk_box_append (GTK_BOX (outer), box);
      gtk_box_append (GTK_BOX (outer), self->best_row);
      self->date_popover = gtk_popover_new ();
      gtk_popover_set_child (GTK_POPOVER (self->date_popover), outer);
      gtk_popover_set_default_widget (GTK_POPOVER (self->date_popover), move);
      /* The arrow keys should move through days at once. */
      g_signal_connect_swapped (self->date_popover, "map", G_CALLBACK (gtk_widget_grab_focus), self->calendar);
      {
        /* The arrows choose the day, Enter moves the post there (like
         * the button); the pointer works on the calendar as usual. */
        GtkEventController *keys = gtk_event_controller_key_new ();

        gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
        g_signal_connect (keys, "key-pressed", G_CALLBACK (on_picker_key_cb), self);
        gtk_widget_add_controller (box, keys);
      }
      gtk_widget_set_parent (self->date_popover, GTK_WIDGET (self));
    }
  if (self->post && lineup_post_is_dated (self->post) && self->store)
    {
      GDate date;
      g_autoptr(GDateTime) day = NULL;

      lineup_store_utc_to_local (self->store, lineup_post_get_scheduled_at (self->post), &date, NULL);
      day = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 12, 0, 0);
      gtk_calendar_select_day (GTK_CALENDAR (self->calendar), day);
    }
  if (self->post && self->store)
    {
      const char * const *platforms = lineup_post_get_platforms (self->post);

      gtk_widget_set_visible (self->best_row,
                              lineup_best_slot_buttons_fill (GTK_BOX (self->best_box), self->store, platforms,
                                                             on_best_slot_cb, self) > 0);
    }
  else
    gtk_widget_set_visible (self->best_row, FALSE);
  gtk_popover_popup (GTK_POPOVER (self->date_popover));
}

static void
card_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LineupPostCard *self = LINEUP_POST_CARD (widget);
  g_autoptr(LineupPost) post = self->post ? g_object_ref (self->post) : NULL;

  if (post == NULL)
    return;
  if (g_str_equal (action_name, "card.open"))
    g_signal_emit (self, signals[OPEN_POST], 0, post);
  else if (g_str_equal (action_name, "card.move-to-date"))
    show_date_picker (self);
  else if (g_str_equal (action_name, "card.duplicate"))
    post_action (self, "duplicate-post", "s");
  else if (g_str_equal (action_name, "card.repurpose") && self->store)
    lineup_repurpose_dialog_show (widget, self->store, post);
  else if (g_str_equal (action_name, "card.backlog"))
    post_action (self, "unschedule-post", "s");
  else if (g_str_equal (action_name, "card.delete"))
    post_action (self, "delete-post", "s");
  else if (g_str_equal (action_name, "card.queue"))
    gtk_widget_activate_action (widget, "win.queue-post", "s", lineup_post_get_id (post));
}

static GMenuModel *
build_menu (GtkWidget *card)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) edit = g_menu_new ();
  g_autoptr(GMenu) danger = g_menu_new ();

  g_menu_append (edit, _("_Open"), "card.open");
  g_menu_append (edit, _("_Move to Date…"), "card.move-to-date");
  g_menu_append (edit, _("D_uplicate"), "card.duplicate");
  g_menu_append (edit, _("_Repurpose as…"), "card.repurpose");
  g_menu_append (edit, _("Move to _Backlog"), "card.backlog");
  g_menu_append (edit, _("Add to _Queue"), "card.queue");
  g_menu_append (danger, _("_Delete"), "card.delete");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (danger));
  return G_MENU_MODEL (menu);
}

static LineupPost *
card_get_post (GtkWidget *card)
{
  return ((LineupPostCard *) card)->post;
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   LineupPostCard        *self)
{
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();
  int days = 0;

  if (self->post == NULL)
    return FALSE;

  if (mods == 0 && (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_space))
    {
      g_signal_emit (self, signals[OPEN_POST], 0, self->post);
      return TRUE;
    }
  if (mods == 0 && (keyval == GDK_KEY_Delete || keyval == GDK_KEY_KP_Delete))
    {
      post_action (self, "delete-post", "s");
      return TRUE;
    }
  if (mods == GDK_CONTROL_MASK && (keyval == GDK_KEY_d || keyval == GDK_KEY_D))
    {
      post_action (self, "duplicate-post", "s");
      return TRUE;
    }
  if (mods == GDK_ALT_MASK)
    {
      gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;

      switch (keyval)
        {
        case GDK_KEY_Left: case GDK_KEY_KP_Left: days = rtl ? 1 : -1; break;
        case GDK_KEY_Right: case GDK_KEY_KP_Right: days = rtl ? -1 : 1; break;
        case GDK_KEY_Up: case GDK_KEY_KP_Up: days = -7; break;
        case GDK_KEY_Down: case GDK_KEY_KP_Down: days = 7; break;
        default: break;
        }
      if (days != 0)
        {
          post_action (self, "move-post", "(si)", days);
          return TRUE;
        }
    }
  return FALSE;
}

/* A list box or a list view wraps a card given to it in a row of its own,
 * which has no name: it gets the post's title. */
static void
name_list_row (LineupPostCard *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  if (parent && self->post &&
      gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (parent)) == GTK_ACCESSIBLE_ROLE_LIST_ITEM)
    gtk_accessible_update_property (GTK_ACCESSIBLE (parent), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    lineup_post_get_title (self->post), -1);
}

/* The badge and the words for the post's sync state, from the summary the
 * cards share (a lookup, no query). */
/* The conflict mark and the networks' icons are made when a card first
 * needs them: a month makes a hundred cards at start, few in conflict. */
static void
make_conflict_icon (LineupPostCard *self)
{
  self->conflict_icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_image_set_pixel_size (GTK_IMAGE (self->conflict_icon), 12);
  gtk_widget_add_css_class (self->conflict_icon, "share-conflict-mark");
  gtk_widget_set_tooltip_text (self->conflict_icon, _("In conflict: open the post to choose which value stays"));
  gtk_box_append (GTK_BOX (self->meta_row), self->conflict_icon);
}

static GtkWidget *
platform_icon (LineupPostCard *self,
               guint           i)
{
  if (self->platform_icons[i] == NULL)
    {
      GtkWidget *icon = gtk_image_new ();

      gtk_image_set_pixel_size (GTK_IMAGE (icon), 12);
      gtk_widget_add_css_class (icon, "platform-icon");
      gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
      /* After the type's icon and the networks' before it. */
      gtk_box_insert_child_after (GTK_BOX (self->meta_row), icon,
                                  i > 0 ? self->platform_icons[i - 1] : self->type_icon);
      self->platform_icons[i] = icon;
    }
  return self->platform_icons[i];
}

static gboolean
on_stage_query_tooltip_cb (GtkWidget      *widget,
                           int             x,
                           int             y,
                           gboolean        keyboard,
                           GtkTooltip     *tooltip,
                           LineupPostCard *self)
{
  if (self->post == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, lineup_stage_to_label (lineup_post_get_stage (self->post)));
  return TRUE;
}

static void
update_sync (LineupPostCard *self)
{
  g_autofree char *text = NULL;
  gboolean conflicted = lineup_share_marks_conflicted (self->store, lineup_post_get_id (self->post));
  g_autofree char *description = conflicted ? g_strdup_printf (_("%s, in conflict in the shared plan"),
                                                               self->description) : NULL;
  LineupSyncState state = lineup_publishing_describe_badge (self->store, self->post,
                                                            conflicted ? description : self->description, &text);
  gboolean badge = state != LINEUP_SYNC_NOT_SYNCED || conflicted;

  if (conflicted && self->conflict_icon == NULL)
    make_conflict_icon (self);
  if (self->conflict_icon)
    gtk_widget_set_visible (self->conflict_icon, conflicted);
  lineup_sync_badge_show (self->sync_icon, &self->sync_class, state);
  (void) badge;

  /* Most changes of the plan's publishing are about other posts. */
  if (g_strcmp0 (text, self->full_description) == 0)
    return;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  g_free (self->full_description);
  self->full_description = g_steal_pointer (&text);
}

static void
on_publishing_changed_cb (LineupPostCard *self)
{
  if (self->post)
    update_sync (self);
}

/* Built when the pointer rests on the card, not on every rebuild. */
static gboolean
on_query_tooltip_cb (GtkWidget      *widget,
                     int             x,
                     int             y,
                     gboolean        keyboard,
                     GtkTooltip     *tooltip,
                     LineupPostCard *self)
{
  g_autofree char *description = NULL;
  g_autofree char *text = NULL;
  g_autofree char *sync = NULL;

  if (self->post == NULL || self->store == NULL)
    return FALSE;

  description = lineup_post_describe (self->store, self->post);
  sync = lineup_publishing_describe_post (self->store, lineup_post_get_id (self->post));
  text = g_strdup_printf ("%s\n%s%s%s%s%s", lineup_post_get_title (self->post), description,
                          sync ? "\n" : "", sync ? sync : "",
                          self->conflict_icon && gtk_widget_get_visible (self->conflict_icon) ? "\n" : "",
                          self->conflict_icon && gtk_widget_get_visible (self->conflict_icon)
                            ? _("In conflict: open the post to choose which value stays") : "");
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
lineup_post_card_dispose (GObject *object)
{
  LineupPostCard *self = (LineupPostCard *) object;
  GtkWidget *child;

  g_clear_pointer (&self->date_popover, gtk_widget_unparent);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->post);
  g_clear_object (&self->store);
  g_clear_pointer (&self->stage_class, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->full_description, g_free);

  G_OBJECT_CLASS (lineup_post_card_parent_class)->dispose (object);
}

static void
lineup_post_card_class_init (LineupPostCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_post_card_dispose;

  /* Enter, a double click (lineup-card-gestures.c), Open: the editor. */
  signals[OPEN_POST] =
    g_signal_new_class_handler ("open-post", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                G_CALLBACK (lineup_view_open_post), NULL, NULL, NULL,
                                G_TYPE_NONE, 1, LINEUP_TYPE_POST);

  gtk_widget_class_install_action (widget_class, "card.open", NULL, card_action);
  gtk_widget_class_install_action (widget_class, "card.move-to-date", NULL, card_action);
  gtk_widget_class_install_action (widget_class, "card.duplicate", NULL, card_action);
  gtk_widget_class_install_action (widget_class, "card.repurpose", NULL, card_action);
  gtk_widget_class_install_action (widget_class, "card.backlog", NULL, card_action);
  gtk_widget_class_install_action (widget_class, "card.delete", NULL, card_action);
  gtk_widget_class_install_action (widget_class, "card.queue", NULL, card_action);
  lineup_card_class_add_menu_action (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK, "card.move-to-date", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_GRID_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "postcard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_BUTTON);
}

static void
place_in_grid (GtkWidget *child,
               int        column,
               int        row,
               int        width,
               int        height)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (gtk_widget_get_parent (child));
  GtkGridLayoutChild *cell = GTK_GRID_LAYOUT_CHILD (gtk_layout_manager_get_layout_child (layout, child));

  gtk_grid_layout_child_set_column (cell, column);
  gtk_grid_layout_child_set_row (cell, row);
  gtk_grid_layout_child_set_column_span (cell, width);
  gtk_grid_layout_child_set_row_span (cell, height);
}

static void
lineup_post_card_init (LineupPostCard *self)
{
  GtkEventController *keys;
  GtkWidget *meta_row;

  gtk_grid_layout_set_column_spacing (GTK_GRID_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 4);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);

  /* The title first and across the card (two lines), the stage mark
   * beside it, then a small line of time, type, networks and sync state;
   * the pillar's stripe down the side. A grid of the card's own, so the
   * accessible tree holds no boxes but the small line's. */
  self->swatch = lineup_swatch_new (4, 16);
  gtk_widget_set_valign (GTK_WIDGET (self->swatch), GTK_ALIGN_FILL);
  gtk_widget_set_parent (GTK_WIDGET (self->swatch), GTK_WIDGET (self));
  place_in_grid (GTK_WIDGET (self->swatch), 0, 0, 1, 2);
  meta_row = self->meta_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 3);
  gtk_widget_add_css_class (meta_row, "card-meta");

  self->title_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->title_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->title_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (self->title_label), 2);
  gtk_label_set_ellipsize (GTK_LABEL (self->title_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (self->title_label), 0);
  gtk_label_set_yalign (GTK_LABEL (self->title_label), 0);
  gtk_label_set_width_chars (GTK_LABEL (self->title_label), 4);
  /* A short natural width, so columns share the space evenly whatever
   * the titles; the label wraps and ellipsizes in what it gets. */
  gtk_label_set_max_width_chars (GTK_LABEL (self->title_label), 4);
  gtk_widget_set_hexpand (self->title_label, TRUE);
  gtk_widget_add_css_class (self->title_label, "card-title");
  gtk_widget_set_parent (self->title_label, GTK_WIDGET (self));
  place_in_grid (self->title_label, 1, 0, 1, 1);
  self->stage_dot = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_size_request (self->stage_dot, 8, 8);
  gtk_widget_add_css_class (self->stage_dot, "stage-dot");
  gtk_widget_set_valign (self->stage_dot, GTK_ALIGN_START);
  gtk_widget_set_parent (self->stage_dot, GTK_WIDGET (self));
  /* The mark's shape tells the stage too (lineup-calendar-view.c's
   * legend); its tooltip says it, written when asked for (setting one
   * on every bind was a twentieth of a start). */
  gtk_widget_set_has_tooltip (self->stage_dot, TRUE);
  g_signal_connect (self->stage_dot, "query-tooltip", G_CALLBACK (on_stage_query_tooltip_cb), self);
  place_in_grid (self->stage_dot, 2, 0, 1, 1);
  gtk_widget_set_parent (meta_row, GTK_WIDGET (self));
  place_in_grid (meta_row, 1, 1, 2, 1);
  self->thumb = lineup_media_thumb_new (30, LINEUP_THUMBNAIL_SMALL);
  gtk_widget_set_parent (self->thumb, GTK_WIDGET (self));
  place_in_grid (self->thumb, 3, 0, 1, 2);

  self->time_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->time_label, "numeric");
  gtk_widget_add_css_class (self->time_label, "card-time");
  gtk_box_append (GTK_BOX (meta_row), self->time_label);
  self->type_icon = gtk_image_new ();
  gtk_image_set_pixel_size (GTK_IMAGE (self->type_icon), 12);
  gtk_widget_set_valign (self->type_icon, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (meta_row), self->type_icon);
  self->platform_badge = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->platform_badge, "platform-badge");
  gtk_widget_set_valign (self->platform_badge, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (meta_row), self->platform_badge);
  self->sync_icon = gtk_image_new ();
  gtk_image_set_pixel_size (GTK_IMAGE (self->sync_icon), 12);
  gtk_widget_add_css_class (self->sync_icon, "sync-badge");
  gtk_widget_set_visible (self->sync_icon, FALSE);
  gtk_box_append (GTK_BOX (meta_row), self->sync_icon);

  lineup_card_add_gestures (GTK_WIDGET (self), GDK_ACTION_MOVE | GDK_ACTION_COPY, card_get_post, build_menu);

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), self);
  g_signal_connect (self, "notify::parent", G_CALLBACK (name_list_row), NULL);
}

LineupPostCard *
lineup_post_card_new (void)
{
  return g_object_new (LINEUP_TYPE_POST_CARD, NULL);
}

void
lineup_post_card_bind (LineupPostCard *self,
                       LineupStore    *store,
                       LineupPost     *post,
                       gboolean        force)
{
  LineupPillar *pillar;
  LineupContentType *type;
  g_autofree char *time = NULL;

  g_return_if_fail (LINEUP_IS_POST_CARD (self));
  g_return_if_fail (LINEUP_IS_POST (post));

  /* Posts are values: the same object means nothing to redo, unless the
   * pillars or the time zone changed around it. */
  if (post == self->post && !force)
    return;

  g_set_object (&self->post, post);
  if (store != self->store)
    {
      if (self->store)
        {
          g_signal_handlers_disconnect_by_func (self->store, on_publishing_changed_cb, self);
          lineup_share_marks_unwatch (self->store, G_CALLBACK (on_publishing_changed_cb), self);
        }
      g_set_object (&self->store, store);
      lineup_publishing_watch (store, G_CALLBACK (on_publishing_changed_cb), self);
      lineup_share_marks_watch (store, G_CALLBACK (on_publishing_changed_cb), self);
    }
  pillar = lineup_store_get_pillar (store, lineup_post_get_pillar_id (post));
  type = lineup_store_get_content_type (store, lineup_post_get_type_id (post));
  time = lineup_post_local_time (store, post);
  g_free (self->description);
  self->description = lineup_post_describe (store, post);
  {
    const LineupMediaSummary *media = lineup_media_thumb_show_post (LINEUP_MEDIA_THUMB (self->thumb), store,
                                                                    lineup_post_get_id (post));
    g_autofree char *with = lineup_thumbnails_describe (media);

    if (with)
      {
        /* TRANSLATORS: a post's description, then "with 3 images" */
        char *described = g_strdup_printf (_("%s, %s"), self->description, with);

        g_free (self->description);
        self->description = described;
      }
  }

  lineup_swatch_set_color (self->swatch, pillar ? lineup_pillar_get_color (pillar) : NULL);
  gtk_label_set_label (GTK_LABEL (self->time_label), lineup_post_is_dated (post) ? time : "");
  gtk_widget_set_visible (self->time_label, lineup_post_is_dated (post));
  gtk_image_set_from_icon_name (GTK_IMAGE (self->type_icon),
                                type ? lineup_content_type_get_icon_name (type) : "lineup-type-other-symbolic");
  gtk_label_set_label (GTK_LABEL (self->title_label), lineup_post_get_title (post));

  /* Each network's icon (up to three, or all four), then how many more:
   * the full list is in the tooltip and the accessible description. */
  {
    const char * const *platforms = lineup_post_get_platforms (post);
    guint n = g_strv_length ((char **) platforms);
    guint icons = lineup_calendar_platform_icons (n);
    g_autofree char *badge = NULL;

    for (guint i = 0; i < G_N_ELEMENTS (self->platform_icons); i++)
      {
        const LineupPlatformInfo *info = i < icons ? lineup_platform_lookup (platforms[i]) : NULL;

        /* Only what changed: a month switch binds hundreds of cards. */
        if (info == self->platform_shown[i])
          continue;
        self->platform_shown[i] = info;
        if (info)
          {
            gtk_image_set_from_icon_name (GTK_IMAGE (platform_icon (self, i)), info->icon_name);
            gtk_accessible_update_property (GTK_ACCESSIBLE (self->platform_icons[i]),
                                            GTK_ACCESSIBLE_PROPERTY_LABEL, info->name, -1);
          }
        if (self->platform_icons[i])
          gtk_widget_set_visible (self->platform_icons[i], info != NULL);
      }
    if (n > icons)
      badge = g_strdup_printf ("+%u", n - icons);
    gtk_label_set_label (GTK_LABEL (self->platform_badge), badge ? badge : "");
    gtk_widget_set_visible (self->platform_badge, badge != NULL);
  }

  {
    g_autofree char *stage_class = g_strdup_printf ("stage-%s", lineup_stage_to_key (lineup_post_get_stage (post)));

    if (g_strcmp0 (stage_class, self->stage_class) != 0)
      {
        if (self->stage_class)
          gtk_widget_remove_css_class (self->stage_dot, self->stage_class);
        g_free (self->stage_class);
        self->stage_class = g_steal_pointer (&stage_class);
        gtk_widget_add_css_class (self->stage_dot, self->stage_class);
      }
  }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, lineup_post_get_title (post),
                                  -1);
  name_list_row (self);
  update_sync (self);
  lineup_series_badge_update (&self->series_icon, self->meta_row, NULL, self->store, post);
}

LineupPost *
lineup_post_card_get_post (LineupPostCard *self)
{
  g_return_val_if_fail (LINEUP_IS_POST_CARD (self), NULL);
  return self->post;
}

void
lineup_post_card_set_compact (LineupPostCard *self,
                              gboolean        compact)
{
  g_return_if_fail (LINEUP_IS_POST_CARD (self));

  if (self->compact == compact)
    return;
  self->compact = compact;
  if (compact)
    gtk_widget_add_css_class (GTK_WIDGET (self), "compact");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "compact");
  if (self->post)
    lineup_post_card_bind (self, self->store, self->post, TRUE);
}
