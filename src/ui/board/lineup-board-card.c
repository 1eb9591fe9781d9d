/* lineup-board-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-board-card.h"
#include "lineup-snapshot.h"
#include "lineup-card-gestures.h"
#include "lineup-media-thumb.h"
#include "lineup-post-row.h"
#include "lineup-publishing.h"
#include "lineup-share-marks.h"
#include "lineup-sync-badge.h"
#include "lineup-series-badge.h"
#include "lineup-view.h"

#define MAX_PLATFORM_ICONS 3

/* One widget that draws itself: GTK 4.8's list views keep up to 200 rows
 * per column alive, so a card must be cheap to build, bind and measure. */
struct _LineupBoardCard
{
  GtkWidget parent_instance;

  LineupPost *post;
  LineupStore *store;

  GdkRGBA pillar_color;
  PangoLayout *title;
  PangoLayout *type;
  PangoLayout *date;
  PangoLayout *owner;
  PangoLayout *progress[3];   /* approvals, checklist, comments; text "" when not shown */
  PangoLayout *request;
  GtkIconPaintable *type_icon;
  GtkIconPaintable *platform_icons[MAX_PLATFORM_ICONS]; /* the first networks; NULL past the last */
  PangoLayout *platforms_more;   /* "+2" past three networks, else "" */
  GtkIconPaintable *sync_icon;   /* the post's sync state, or NULL */
  GtkIconPaintable *conflict_icon; /* a shared plan's conflict waits on it, or NULL */
  GtkIconPaintable *series_icon;   /* the repeat badge of a post in a series, or NULL */
  LineupSyncState sync_state;
  char *description;             /* the accessible description before the sync state */
  /* The first medium, drawn at the title's right in a square of the
   * title's two lines (kept while the picture loads, so nothing moves). */
  char *media_sha256;            /* NULL: no media */
  GdkPixbuf *media_pixbuf;       /* once it is in */
  PangoLayout *media_badge;      /* "3" or the film mark, else "" */
  GCancellable *media_cancellable;
  int laid_out_width;
  int type_room;                 /* the width left for the type's name */
};

#define ICON 12
#define GAP 4
#define LINE_GAP 3

static const char * const progress_icons[3] = {
  "emblem-ok-symbolic", "checkbox-checked-symbolic", "chat-message-new-symbolic",
};
static const char * const fact_icons[1] = { "avatar-default-symbolic" };

G_DEFINE_FINAL_TYPE (LineupBoardCard, lineup_board_card, GTK_TYPE_WIDGET)

enum {
  OPEN_POST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_move (LineupBoardCard *self,
           int              stage)
{
  g_autoptr(LineupPost) post = self->post ? g_object_ref (self->post) : NULL;

  if (post && stage >= 0 && stage < LINEUP_N_STAGES && stage != (int) lineup_post_get_stage (post))
    gtk_widget_activate_action (GTK_WIDGET (self), "view.move-to-stage", "(si)", lineup_post_get_id (post), stage);
}

static void
card_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LineupBoardCard *self = LINEUP_BOARD_CARD (widget);

  if (self->post == NULL)
    return;
  if (g_str_equal (action_name, "card.open"))
    g_signal_emit (self, signals[OPEN_POST], 0, self->post);
  else if (g_str_equal (action_name, "card.move-to-stage"))
    emit_move (self, g_variant_get_int32 (param));
  else if (g_str_equal (action_name, "card.queue"))
    gtk_widget_activate_action (widget, "win.queue-post", "s", lineup_post_get_id (self->post));
}

static GMenuModel *
build_menu (GtkWidget *card)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) stages = g_menu_new ();

  g_menu_append (menu, _("_Open"), "card.open");
  g_menu_append (menu, _("Add to _Queue"), "card.queue");
  for (int i = 0; i < LINEUP_N_STAGES; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (lineup_stage_to_label (i), NULL);

      g_menu_item_set_action_and_target (item, "card.move-to-stage", "i", i);
      g_menu_append_item (stages, item);
    }
  g_menu_append_section (menu, _("Move to Stage"), G_MENU_MODEL (stages));
  return G_MENU_MODEL (menu);
}

static LineupPost *
card_get_post (GtkWidget *card)
{
  return ((LineupBoardCard *) card)->post;
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   LineupBoardCard       *self)
{
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  int step = 0;

  if (self->post == NULL)
    return FALSE;
  if (mods == 0 && (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_space))
    {
      g_signal_emit (self, signals[OPEN_POST], 0, self->post);
      return TRUE;
    }
  if (mods != GDK_ALT_MASK)
    return FALSE;
  if (keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left)
    step = rtl ? 1 : -1;
  else if (keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right)
    step = rtl ? -1 : 1;
  if (step == 0)
    return FALSE;
  emit_move (self, (int) lineup_post_get_stage (self->post) + step);
  return TRUE;
}

/* ---- layout and drawing ---- */

static GtkIconPaintable *
lookup_icon (GtkWidget  *widget,
             const char *name)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));

  return gtk_icon_theme_lookup_icon (theme, name, NULL, ICON, gtk_widget_get_scale_factor (widget),
                                     gtk_widget_get_direction (widget), 0);
}

static void
set_small (PangoLayout *layout)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (0.85));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
}

static PangoLayout *
small_layout (LineupBoardCard *self)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);

  set_small (layout);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  return layout;
}

static int
layout_height (PangoLayout *layout)
{
  int h;

  pango_layout_get_pixel_size (layout, NULL, &h);
  return h;
}

static int
layout_width (PangoLayout *layout)
{
  int w;

  pango_layout_get_pixel_size (layout, &w, NULL);
  return w;
}

static gboolean
has_text (PangoLayout *layout)
{
  return *pango_layout_get_text (layout) != '\0';
}

/* The networks' icons and "+N", right of the type. */
static int
platforms_width (LineupBoardCard *self)
{
  int w = 0;

  for (guint i = 0; i < MAX_PLATFORM_ICONS && self->platform_icons[i]; i++)
    w += ICON + 2;
  if (has_text (self->platforms_more))
    w += layout_width (self->platforms_more) + 2;
  return w ? w + 6 : 0;
}

/* Widths of the parts that share a line with something that ellipsizes. */
static int
progress_width (LineupBoardCard *self)
{
  int w = 0;

  for (guint i = 0; i < G_N_ELEMENTS (self->progress); i++)
    if (has_text (self->progress[i]))
      w += ICON + 2 + layout_width (self->progress[i]) + 8;
  return w;
}

static int title_line_height;

/* The width the media's square takes at the title's right, with its gap. */
static int
media_room (LineupBoardCard *self)
{
  return self->media_sha256 ? 2 * title_line_height + GAP : 0;
}

static void
lay_out (LineupBoardCard *self,
         int              width)
{
  int text_width = MAX (width - 10, 1);
  int progress;

  self->laid_out_width = width;
  /* The sync badge sits at the title's end, before the media's square. */
  pango_layout_set_width (self->title, MAX (text_width - media_room (self) - (self->sync_icon ? ICON + GAP : 0)
                                            - (self->conflict_icon ? ICON + GAP : 0)
                                            - (self->series_icon ? ICON + GAP : 0), 1) * PANGO_SCALE);
  pango_layout_set_width (self->request, width * PANGO_SCALE);
  pango_layout_set_width (self->date, -1);
  self->type_room = width - ICON - 2 - layout_width (self->date) - 8 - platforms_width (self);
  pango_layout_set_width (self->type, MAX (self->type_room, 1) * PANGO_SCALE);
  progress = progress_width (self);
  pango_layout_set_width (self->owner, MAX (width - ICON - 2 - progress, 1) * PANGO_SCALE);
}

/* Line heights, measured once: every card has room for two lines of
 * title, so measuring a card needs no text shaping (GTK 4.8's list views
 * measure every row they keep, up to 200 a column). */
static int small_line_height;

static void
measure_lines (LineupBoardCard *self)
{
  PangoLayout *probe;

  if (title_line_height > 0)
    return;
  probe = pango_layout_copy (self->title);
  pango_layout_set_text (probe, "Ag", -1);
  pango_layout_set_width (probe, -1);
  title_line_height = layout_height (probe);
  g_object_unref (probe);
  probe = pango_layout_copy (self->date);
  pango_layout_set_text (probe, "Ag", -1);
  pango_layout_set_width (probe, -1);
  small_line_height = MAX (ICON, layout_height (probe));
  g_object_unref (probe);
}

static int
height_for_width (LineupBoardCard *self,
                  int              width)
{
  int h;

  measure_lines (self);
  h = 2 * title_line_height + GAP + small_line_height + LINE_GAP + small_line_height;
  if (has_text (self->request))
    {
      pango_layout_set_width (self->request, MAX (width, 1) * PANGO_SCALE);
      h += GAP + layout_height (self->request);
    }
  return h;
}

static GtkSizeRequestMode
lineup_board_card_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
lineup_board_card_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  LineupBoardCard *self = LINEUP_BOARD_CARD (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 100;
      *natural = 180;
    }
  else
    *minimum = *natural = height_for_width (self, for_size > 0 ? for_size : 180);
}

static void
lineup_board_card_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  /* Text is laid out when the card is drawn, only if it is on screen. */
  LINEUP_BOARD_CARD (widget)->laid_out_width = 0;
}

static void
draw_icon (GtkSnapshot      *snapshot,
           GtkIconPaintable *icon,
           int               x,
           int               y,
           const GdkRGBA    *color)
{
  GdkRGBA colors[4] = { *color, *color, *color, *color };

  if (icon == NULL)
    return;
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (icon), snapshot, ICON, ICON, colors, 4);
  gtk_snapshot_restore (snapshot);
}

/* The media's square: the picture cut to fill it (or a faint square while
 * it loads), and the badge in its bottom-right corner. */
static void
draw_media (LineupBoardCard *self,
            GtkSnapshot     *snapshot,
            int              x,
            GdkRGBA          fg)
{
  int side = 2 * title_line_height;
  GskRoundedRect clip;

  gsk_rounded_rect_init_from_rect (&clip, &GRAPHENE_RECT_INIT (x, 0, side, side), 4);
  gtk_snapshot_push_rounded_clip (snapshot, &clip);
  if (self->media_pixbuf)
    {
      int w = gdk_pixbuf_get_width (self->media_pixbuf);
      int h = gdk_pixbuf_get_height (self->media_pixbuf);
      double scale = (double) side / MIN (w, h);

      gtk_snapshot_append_texture (snapshot, lineup_media_thumb_texture (self->media_pixbuf),
                                   &GRAPHENE_RECT_INIT (x + (side - w * scale) / 2, (side - h * scale) / 2,
                                                        w * scale, h * scale));
    }
  else
    {
      fg.alpha *= 0.1;
      gtk_snapshot_append_color (snapshot, &fg, &GRAPHENE_RECT_INIT (x, 0, side, side));
    }
  if (has_text (self->media_badge))
    {
      /* Light on dark in both styles: it sits on a picture. */
      GdkRGBA shade = { 0, 0, 0, 0.65 };
      GdkRGBA white = { 1, 1, 1, 1 };
      int bw = layout_width (self->media_badge) + 4;
      int bh = layout_height (self->media_badge);

      gtk_snapshot_append_color (snapshot, &shade, &GRAPHENE_RECT_INIT (x + side - bw, side - bh, bw, bh));
      lineup_snapshot_layout (snapshot, self->media_badge, x + side - bw + 2, side - bh, &white);
    }
  gtk_snapshot_pop (snapshot);
}

static void
lineup_board_card_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  LineupBoardCard *self = LINEUP_BOARD_CARD (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  int width = gtk_widget_get_width (widget);
  GdkRGBA fg, dim, warning;
  int y = 0, line, title_h, x, right;

  if (self->post == NULL)
    return;
  measure_lines (self);
  if (width != self->laid_out_width)
    lay_out (self, width);
  right = width - media_room (self);

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (context, &fg);
  if (!gtk_style_context_lookup_color (context, "warning_color", &warning))
    gdk_rgba_parse (&warning, "#9c6e03");
G_GNUC_END_IGNORE_DEPRECATIONS
  dim = fg;
  dim.alpha *= 0.6;

  /* The pillar's stripe beside the title, the title in bold. */
  measure_lines (self);
  title_h = layout_height (self->title);
  gtk_snapshot_append_color (snapshot, &self->pillar_color, &GRAPHENE_RECT_INIT (0, 1, 4, title_h - 2));
  lineup_snapshot_layout (snapshot, self->title, 10, 0, &fg);
  if (self->sync_icon)
    {
      GdkRGBA color = dim;
      const char *name = NULL;

      switch (self->sync_state)
        {
        case LINEUP_SYNC_PUBLISHED: name = "success_color"; break;
        case LINEUP_SYNC_PENDING: name = "accent_color"; break;
        case LINEUP_SYNC_CONFLICT: name = "warning_color"; break;
        case LINEUP_SYNC_FAILED: name = "error_color"; break;
        case LINEUP_SYNC_NOT_SYNCED:
        case LINEUP_SYNC_SYNCED:
        default: break;
        }
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      if (name && !gtk_style_context_lookup_color (context, name, &color))
        color = dim;
G_GNUC_END_IGNORE_DEPRECATIONS
      draw_icon (snapshot, self->sync_icon, right - ICON, (title_line_height - ICON) / 2, &color);
    }
  /* A conflict's mark, before the sync badge. */
  if (self->conflict_icon)
    {
      GdkRGBA color = warning;

      draw_icon (snapshot, self->conflict_icon, right - ICON - (self->sync_icon ? ICON + GAP : 0),
                 (title_line_height - ICON) / 2, &color);
    }
  /* The repeat badge, before the others. */
  if (self->series_icon)
    draw_icon (snapshot, self->series_icon, right - ICON - (self->sync_icon ? ICON + GAP : 0)
               - (self->conflict_icon ? ICON + GAP : 0), (title_line_height - ICON) / 2, &dim);
  if (self->media_sha256)
    draw_media (self, snapshot, right + GAP, fg);
  y = 2 * title_line_height + GAP;

  /* Type on the left, date on the right. */
  line = small_line_height;
  draw_icon (snapshot, self->type_icon, 0, y + (line - ICON) / 2, &dim);
  /* A narrow card keeps the type's icon and drops its name rather than show
   * "…" (the name is in the description and the tooltip). */
  if (self->type_room >= 3 * ICON)
    lineup_snapshot_layout (snapshot, self->type, ICON + 2, y + (line - layout_height (self->type)) / 2, &dim);
  lineup_snapshot_layout (snapshot, self->date, width - layout_width (self->date), y + (line - layout_height (self->date)) / 2, &dim);
  /* The networks, just left of the date. */
  x = width - layout_width (self->date) - platforms_width (self);
  for (guint i = 0; i < MAX_PLATFORM_ICONS && self->platform_icons[i]; i++)
    {
      draw_icon (snapshot, self->platform_icons[i], x, y + (line - ICON) / 2, &dim);
      x += ICON + 2;
    }
  if (has_text (self->platforms_more))
    lineup_snapshot_layout (snapshot, self->platforms_more, x, y + (line - layout_height (self->platforms_more)) / 2, &dim);
  y += line + LINE_GAP;

  /* Owner on the left; approvals, checklist, comments on the right. */
  if (has_text (self->owner))
    {
      g_autoptr(GtkIconPaintable) person = lookup_icon (widget, fact_icons[0]);

      draw_icon (snapshot, person, 0, y + (line - ICON) / 2, &dim);
      lineup_snapshot_layout (snapshot, self->owner, ICON + 2, y + (line - layout_height (self->owner)) / 2, &dim);
    }
  x = width;
  for (int i = G_N_ELEMENTS (self->progress) - 1; i >= 0; i--)
    {
      g_autoptr(GtkIconPaintable) icon = NULL;
      int w;

      if (!has_text (self->progress[i]))
        continue;
      w = layout_width (self->progress[i]);
      x -= w;
      lineup_snapshot_layout (snapshot, self->progress[i], x, y + (line - layout_height (self->progress[i])) / 2, &dim);
      x -= ICON + 2;
      icon = lookup_icon (widget, progress_icons[i]);
      draw_icon (snapshot, icon, x, y + (line - ICON) / 2, &dim);
      x -= 8;
    }
  y += line;

  if (has_text (self->request))
    lineup_snapshot_layout (snapshot, self->request, 0, y + GAP, &warning);
}

/* The badge and the words for the post's sync state, from the summary the
 * cards share (a lookup, no query). */
static void
update_sync (LineupBoardCard *self)
{
  g_autofree char *text = NULL;
  gboolean conflicted = lineup_share_marks_conflicted (self->store, lineup_post_get_id (self->post));
  g_autofree char *description = conflicted ? g_strdup_printf (_("%s, in conflict in the shared plan"),
                                                               self->description) : NULL;
  LineupSyncState state = lineup_publishing_describe_badge (self->store, self->post,
                                                            conflicted ? description : self->description, &text);
  const char *icon = lineup_sync_state_icon_name (state);
  gboolean had = self->sync_icon != NULL;

  if (conflicted != (self->conflict_icon != NULL))
    {
      g_clear_object (&self->conflict_icon);
      if (conflicted)
        self->conflict_icon = lookup_icon (GTK_WIDGET (self), "dialog-warning-symbolic");
      self->laid_out_width = 0;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }

  if (icon && (!had || state != self->sync_state))
    {
      g_clear_object (&self->sync_icon);
      self->sync_icon = lookup_icon (GTK_WIDGET (self), icon);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  else if (icon == NULL && had)
    {
      g_clear_object (&self->sync_icon);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  self->sync_state = state;
  if (had != (self->sync_icon != NULL))
    self->laid_out_width = 0;

  /* Most changes of the plan's publishing are about other posts. */
  if (g_strcmp0 (text, g_object_get_data (G_OBJECT (self), "description")) == 0)
    return;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  g_object_set_data_full (G_OBJECT (self), "description", g_steal_pointer (&text), g_free);
}

static void
on_publishing_changed_cb (LineupBoardCard *self)
{
  if (self->post)
    update_sync (self);
}

static gboolean
on_query_tooltip_cb (GtkWidget       *widget,
                     int              x,
                     int              y,
                     gboolean         keyboard,
                     GtkTooltip      *tooltip,
                     LineupBoardCard *self)
{
  const char *description;
  g_autofree char *text = NULL;

  if (self->post == NULL)
    return FALSE;
  description = g_object_get_data (G_OBJECT (self), "description");
  text = g_strdup_printf ("%s\n%s", lineup_post_get_title (self->post), description ? description : "");
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}


static void
lineup_board_card_dispose (GObject *object)
{
  LineupBoardCard *self = (LineupBoardCard *) object;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->post);
  g_clear_object (&self->store);
  g_clear_object (&self->title);
  g_clear_object (&self->type);
  g_clear_object (&self->date);
  g_clear_object (&self->owner);
  for (guint i = 0; i < G_N_ELEMENTS (self->progress); i++)
    g_clear_object (&self->progress[i]);
  g_clear_object (&self->request);
  g_clear_object (&self->type_icon);
  for (guint i = 0; i < MAX_PLATFORM_ICONS; i++)
    g_clear_object (&self->platform_icons[i]);
  g_clear_object (&self->platforms_more);
  g_clear_object (&self->sync_icon);
  g_clear_object (&self->conflict_icon);
  g_clear_object (&self->series_icon);
  g_clear_pointer (&self->description, g_free);
  g_cancellable_cancel (self->media_cancellable);
  g_clear_object (&self->media_cancellable);
  g_clear_pointer (&self->media_sha256, g_free);
  g_clear_object (&self->media_pixbuf);
  g_clear_object (&self->media_badge);

  G_OBJECT_CLASS (lineup_board_card_parent_class)->dispose (object);
}

static void
lineup_board_card_class_init (LineupBoardCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_board_card_dispose;

  /* Enter, a double click (lineup-card-gestures.c), Open: the editor. */
  signals[OPEN_POST] =
    g_signal_new_class_handler ("open-post", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                G_CALLBACK (lineup_view_open_post), NULL, NULL, NULL,
                                G_TYPE_NONE, 1, LINEUP_TYPE_POST);

  gtk_widget_class_install_action (widget_class, "card.open", NULL, card_action);
  gtk_widget_class_install_action (widget_class, "card.move-to-stage", "i", card_action);
  gtk_widget_class_install_action (widget_class, "card.queue", NULL, card_action);
  lineup_card_class_add_menu_action (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK, "card.menu", NULL);

  widget_class->get_request_mode = lineup_board_card_get_request_mode;
  widget_class->measure = lineup_board_card_measure;
  widget_class->size_allocate = lineup_board_card_size_allocate;
  widget_class->snapshot = lineup_board_card_snapshot;
  gtk_widget_class_set_css_name (widget_class, "boardcard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_BUTTON);
}

static void
lineup_board_card_init (LineupBoardCard *self)
{
  GtkEventController *keys;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gdk_rgba_parse (&self->pillar_color, "#808080");

  self->title = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  {
    PangoAttrList *attrs = pango_attr_list_new ();

    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
    pango_layout_set_attributes (self->title, attrs);
    pango_attr_list_unref (attrs);
  }
  pango_layout_set_wrap (self->title, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (self->title, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (self->title, -2);   /* at most two lines */
  self->type = small_layout (self);
  self->date = small_layout (self);
  self->owner = small_layout (self);
  self->platforms_more = small_layout (self);
  for (guint i = 0; i < G_N_ELEMENTS (self->progress); i++)
    self->progress[i] = small_layout (self);
  self->request = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  set_small (self->request);
  pango_layout_set_wrap (self->request, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (self->request, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (self->request, -3);

  lineup_card_add_gestures (GTK_WIDGET (self), GDK_ACTION_MOVE, card_get_post, build_menu);

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), self);
}

LineupBoardCard *
lineup_board_card_new (void)
{
  return g_object_new (LINEUP_TYPE_BOARD_CARD, NULL);
}

static void
on_thumbnail_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LineupBoardCard) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = lineup_thumbnails_request_finish (LINEUP_THUMBNAILS (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->media_cancellable);
  if (pixbuf == NULL)
    return;
  g_set_object (&self->media_pixbuf, pixbuf);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The post's first medium: its thumbnail (from memory, or asked for) and
 * badge. Returns "with 3 images" or NULL. */
static char *
bind_media (LineupBoardCard *self,
            LineupStore     *store,
            LineupPost      *post)
{
  const LineupMediaSummary *summary = lineup_thumbnails_summary (store, lineup_post_get_id (post));
  LineupThumbnails *thumbnails = lineup_thumbnails_get_default ();
  g_autofree char *badge = lineup_media_thumb_badge (summary);

  if (self->media_badge == NULL)
    self->media_badge = small_layout (self);
  pango_layout_set_text (self->media_badge, badge ? badge : "", -1);
  if (g_strcmp0 (summary ? summary->sha256 : NULL, self->media_sha256) != 0)
    {
      GdkPixbuf *known;

      g_cancellable_cancel (self->media_cancellable);
      g_clear_object (&self->media_cancellable);
      g_clear_object (&self->media_pixbuf);
      g_free (self->media_sha256);
      self->media_sha256 = summary ? g_strdup (summary->sha256) : NULL;
      if (summary && (known = lineup_thumbnails_lookup (thumbnails, summary->sha256, LINEUP_THUMBNAIL_LARGE)))
        self->media_pixbuf = g_object_ref (known);
      else if (summary)
        {
          g_autofree char *file = lineup_store_get_media_file (store, summary->sha256, summary->mime_type);

          self->media_cancellable = g_cancellable_new ();
          lineup_thumbnails_request (thumbnails, file, summary->sha256, summary->kind, LINEUP_THUMBNAIL_LARGE,
                                     self->media_cancellable, on_thumbnail_cb, g_object_ref (self));
        }
    }
  return lineup_thumbnails_describe (summary);
}

void
lineup_board_card_bind (LineupBoardCard       *self,
                        LineupStore           *store,
                        GPtrArray             *chain,
                        LineupPost            *post,
                        LineupWorkflowSummary *summary)
{
  LineupPillar *pillar;
  LineupContentType *type;
  LineupApprovalStatus status = { 0 };
  g_autofree char *date = NULL;
  g_autofree char *approvals = NULL;
  g_autofree char *approvals_tip = NULL;
  g_autofree char *checks = NULL;
  g_autofree char *checks_tip = NULL;
  g_autofree char *comments = NULL;
  g_autofree char *request = NULL;
  g_autoptr(GString) description = g_string_new (NULL);
  g_autoptr(GString) networks = g_string_new (NULL);
  const char * const *platforms;
  guint n_platforms = 0;
  const char *owner;

  g_return_if_fail (LINEUP_IS_BOARD_CARD (self));

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

  if (!pillar || !gdk_rgba_parse (&self->pillar_color, lineup_pillar_get_color (pillar)))
    gdk_rgba_parse (&self->pillar_color, "#808080");
  pango_layout_set_text (self->title, lineup_post_get_title (post), -1);
  g_clear_object (&self->type_icon);
  self->type_icon = lookup_icon (GTK_WIDGET (self),
                                 type ? lineup_content_type_get_icon_name (type) : "lineup-type-other-symbolic");
  pango_layout_set_text (self->type, type ? lineup_content_type_get_name (type) : "", -1);

  /* Up to three networks' icons, "+N" for the rest; all named in words. */
  platforms = lineup_post_get_platforms (post);
  for (guint i = 0; i < MAX_PLATFORM_ICONS; i++)
    g_clear_object (&self->platform_icons[i]);
  for (guint i = 0; platforms && platforms[i]; i++)
    {
      const LineupPlatformInfo *info = lineup_platform_lookup (platforms[i]);

      if (info == NULL)
        continue;
      if (n_platforms < MAX_PLATFORM_ICONS)
        self->platform_icons[n_platforms] = lookup_icon (GTK_WIDGET (self), info->icon_name);
      g_string_append_printf (networks, "%s%s", networks->len ? ", " : "", info->name);
      n_platforms++;
    }
  {
    g_autofree char *more = n_platforms > MAX_PLATFORM_ICONS
                            ? g_strdup_printf ("+%u", n_platforms - MAX_PLATFORM_ICONS) : NULL;
    pango_layout_set_text (self->platforms_more, more ? more : "", -1);
  }

  if (lineup_post_is_dated (post))
    {
      GDate day;
      int minutes;
      char text[64];

      lineup_store_utc_to_local (store, lineup_post_get_scheduled_at (post), &day, &minutes);
      g_date_strftime (text, sizeof text, "%-d %b", &day);
      date = g_strdup_printf ("%s, %02d:%02d", text, minutes / 60, minutes % 60);
    }
  pango_layout_set_text (self->date, date ? date : _("No date"), -1);

  owner = lineup_post_get_brief (post, LINEUP_BRIEF_OWNER);
  pango_layout_set_text (self->owner, owner && *owner ? owner : "", -1);

  if (summary)
    {
      lineup_workflow_approval_status (chain, summary->approvals, &status);
      /* Approvals matter from review on; before that the count is noise. */
      if (lineup_post_get_stage (post) >= LINEUP_STAGE_IN_REVIEW || summary->approvals->len > 0)
        {
          approvals = g_strdup_printf ("%u/%u", status.done, status.needed);
          approvals_tip = g_strdup_printf (_("Approvals: %u of %u"), status.done, status.needed);
        }
      if (summary->checks_total > 0)
        {
          checks = g_strdup_printf ("%u/%u", summary->checks_done, summary->checks_total);
          checks_tip = g_strdup_printf (_("Checklist: %u of %u ticked"), summary->checks_done, summary->checks_total);
        }
      if (summary->n_comments > 0)
        comments = g_strdup_printf ("%u", summary->n_comments);
      if (summary->change_request)
        request = g_strdup_printf (_("Changes requested by %s: %s"), summary->change_request_by,
                                   summary->change_request);
    }
  pango_layout_set_text (self->progress[0], approvals ? approvals : "", -1);
  pango_layout_set_text (self->progress[1], checks ? checks : "", -1);
  pango_layout_set_text (self->progress[2], comments ? comments : "", -1);
  pango_layout_set_text (self->request, request ? request : "", -1);

  /* What a screen reader says after the title. */
  g_string_append_printf (description, "%s, %s, %s", lineup_stage_to_label (lineup_post_get_stage (post)),
                          type ? lineup_content_type_get_name (type) : "",
                          date ? date : _("no date"));
  if (pillar)
    g_string_append_printf (description, ", %s", lineup_pillar_get_name (pillar));
  if (networks->len)
    g_string_append_printf (description, _(", on %s"), networks->str);
  if (owner && *owner)
    g_string_append_printf (description, _(", owner %s"), owner);
  if (approvals_tip)
    g_string_append_printf (description, ", %s", approvals_tip);
  if (checks_tip)
    g_string_append_printf (description, ", %s", checks_tip);
  if (comments)
    g_string_append_printf (description, g_dngettext (GETTEXT_PACKAGE, ", %u comment", ", %u comments",
                                                      summary->n_comments),
                            summary->n_comments);
  g_clear_object (&self->series_icon);
  if (lineup_series_badge_in_series (store, post))
    {
      self->series_icon = lookup_icon (GTK_WIDGET (self), "media-playlist-repeat-symbolic");
      g_string_append_printf (description, ", %s", _("repeats"));
    }
  {
    g_autofree char *with = bind_media (self, store, post);

    if (with)
      g_string_append_printf (description, ", %s", with);
  }
  if (request)
    g_string_append_printf (description, ". %s", request);
  g_free (self->description);
  self->description = g_strdup (description->str);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, lineup_post_get_title (post),
                                  -1);
  /* GTK 4.8 gives the column's list item around the card no name of its
   * own (GtkListItem has no accessible properties before 4.12): a screen
   * reader going through the column would meet an empty "list item". */
  if (gtk_widget_get_parent (GTK_WIDGET (self)))
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (GTK_WIDGET (self))),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, lineup_post_get_title (post),
                                    -1);
  update_sync (self);
  self->laid_out_width = 0;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
lineup_board_card_unbind (LineupBoardCard *self)
{
  g_return_if_fail (LINEUP_IS_BOARD_CARD (self));

  g_clear_object (&self->post);
  if (gtk_widget_get_parent (GTK_WIDGET (self)))
    gtk_accessible_reset_property (GTK_ACCESSIBLE (gtk_widget_get_parent (GTK_WIDGET (self))),
                                   GTK_ACCESSIBLE_PROPERTY_LABEL);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  /* So the next bind, even to the same post, sets the description again. */
  g_object_set_data (G_OBJECT (self), "description", NULL);
}

LineupPost *
lineup_board_card_get_post (LineupBoardCard *self)
{
  g_return_val_if_fail (LINEUP_IS_BOARD_CARD (self), NULL);
  return self->post;
}
