/* lineup-preview-dialog.c: a tab per network with the post laid out as
 * that network lays it out, in the app's own widgets.
 *
 * The text rules are lineup-preview.h's (where LinkedIn and Instagram fold,
 * how Bluesky counts); the caption is the one that goes out there (the
 * network's variant or the main caption, links with their UTM parameters).
 * Thumbnails are read off the main thread (a GTask each), at the size
 * shown; until then, and when a file cannot be read, a box with the alt
 * text stands in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-preview-dialog.h"
#include "lineup-caption-limits.h"
#include "lineup-http.h"
#include "lineup-link-card.h"
#include "lineup-media.h"
#include "lineup-post-check.h"
#include "lineup-preview.h"
#include "lineup-store-media.h"
#include "lineup-store-utm.h"
#include "lineup-text.h"

#define THUMB_SIZE 240

struct _LineupPreviewDialog {
  AdwWindow     parent_instance;

  AdwViewStack *stack;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (LineupPreviewDialog, lineup_preview_dialog, ADW_TYPE_WINDOW)

/* ---- thumbnails, off the main thread ---- */

typedef struct {
  char *path;
  int   size;
} ThumbJob;

static void
thumb_job_free (ThumbJob *job)
{
  g_free (job->path);
  g_free (job);
}

static void
thumb_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  ThumbJob *job = data;
  GError *error = NULL;
  GdkPixbuf *pixbuf = gdk_pixbuf_new_from_file_at_scale (job->path, job->size, job->size, TRUE, &error);

  if (pixbuf)
    g_task_return_pointer (task, pixbuf, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
thumb_done (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(GtkPicture) picture = data;
  g_autoptr(GdkPixbuf) pixbuf = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autoptr(GdkTexture) texture = NULL;

  if (pixbuf == NULL)
    return;  /* the placeholder with the alt text stays */
  texture = gdk_texture_new_for_pixbuf (pixbuf);
  gtk_picture_set_paintable (picture, GDK_PAINTABLE (texture));
}

/* A picture of @medium, @width × @height (cropped to fill), with its alt
 * text as the accessible description and, until the thumbnail is read, on
 * the box behind it. */
static GtkWidget *
medium_widget (LineupPreviewDialog *self,
               LineupStore         *store,
               LineupMedium        *medium,
               int                  width,
               int                  height)
{
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *placeholder = gtk_label_new (medium->alt && *medium->alt ? medium->alt : medium->name);
  GtkWidget *picture = gtk_picture_new ();
  g_autofree char *path = lineup_store_get_media_file (store, medium->sha256, medium->mime_type);

  gtk_widget_set_size_request (overlay, width, height);
  gtk_widget_set_overflow (overlay, GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (overlay, "lineup-preview-medium");
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (placeholder), PANGO_ELLIPSIZE_END);
  gtk_label_set_lines (GTK_LABEL (placeholder), 4);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_add_css_class (placeholder, "caption");
  gtk_overlay_set_child (GTK_OVERLAY (overlay), placeholder);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_COVER);
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), picture);
  gtk_accessible_update_property (GTK_ACCESSIBLE (picture),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  medium->alt && *medium->alt ? medium->alt : _("Image without alt text"),
                                  -1);

  if (path && medium->kind == LINEUP_MEDIA_IMAGE)
    {
      g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, thumb_done, g_object_ref (picture));
      ThumbJob *job = g_new0 (ThumbJob, 1);

      job->path = g_steal_pointer (&path);
      job->size = MAX (width, height) * 2;
      g_task_set_task_data (task, job, (GDestroyNotify) thumb_job_free);
      g_task_run_in_thread (task, thumb_thread);
    }
  return overlay;
}

/* ---- the parts of a post ---- */

static GtkWidget *
text_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* The network's problems with this post, errors first, on top of its tab. */
static void
add_problems (GtkBox     *box,
              GPtrArray  *problems)
{
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < problems->len; i++)
      {
        LineupCheckProblem *problem = g_ptr_array_index (problems, i);
        g_autofree char *text = NULL;
        GtkWidget *label;

        if (problem->is_error != (pass == 0))
          continue;
        text = g_strdup_printf (problem->is_error ? _("Error: %s") : _("Warning: %s"), problem->message);
        label = text_label (text, problem->is_error ? "error" : "warning");
        gtk_widget_add_css_class (label, "lineup-preview-problem");
        gtk_box_append (box, label);
      }
}

/* The account line at the top of a post: an avatar and the network's name. */
static GtkWidget *
author_row (const LineupPlatformInfo *info)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *avatar = adw_avatar_new (32, info->name, TRUE);
  GtkWidget *name = gtk_label_new (_("Your account"));
  GtkWidget *network = gtk_label_new (info->name);
  GtkWidget *names = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (network), 0);
  gtk_widget_add_css_class (name, "heading");
  gtk_widget_add_css_class (network, "dim-label");
  gtk_widget_add_css_class (network, "caption");
  gtk_box_append (GTK_BOX (names), name);
  gtk_box_append (GTK_BOX (names), network);
  gtk_box_append (GTK_BOX (row), avatar);
  gtk_box_append (GTK_BOX (row), names);
  return row;
}

/* Up to four images in a grid as Mastodon and Bluesky show them: one wide,
 * two side by side, three with a tall first, four in a square. */
static GtkWidget *
media_grid (LineupPreviewDialog *self,
            LineupStore         *store,
            GPtrArray           *media)
{
  GtkWidget *grid = gtk_grid_new ();
  guint n = MIN (media->len, 4);

  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 4);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  for (guint i = 0; i < n; i++)
    {
      LineupMedium *medium = g_ptr_array_index (media, i);
      gboolean tall = n == 3 && i == 0;
      int column = n == 1 ? 0 : (n == 3 ? (i == 0 ? 0 : 1) : (int) (i % 2));
      int row = n == 3 ? (i == 0 ? 0 : (int) i - 1) : (int) (i / 2);
      int height = n == 1 ? 260 : (tall ? 260 : 128);
      GtkWidget *widget = medium_widget (self, store, medium, n == 1 ? 480 : 238, height);

      gtk_grid_attach (GTK_GRID (grid), widget, column, row, 1, tall ? 2 : 1);
    }
  return grid;
}

/* Bluesky's link card: the page's host and the link at first, then the
 * page's title and description as Lineup reads them off the main thread
 * (lineup-link-card.h: what publishing sends), the way the card goes out. */
typedef struct {
  GtkLabel *title;
  GtkLabel *description;
} CardLabels;

static void
card_labels_free (CardLabels *labels)
{
  g_object_unref (labels->title);
  g_object_unref (labels->description);
  g_free (labels);
}

static void
card_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  g_autoptr(LineupHttp) http = lineup_http_new ();
  GError *error = NULL;
  LineupLinkCard *card = lineup_link_card_fetch (http, data, FALSE, cancellable, &error);

  if (card)
    g_task_return_pointer (task, card, (GDestroyNotify) lineup_link_card_free);
  else
    g_task_return_error (task, error);
}

static void
card_done (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  CardLabels *labels = data;
  g_autoptr(LineupLinkCard) card = g_task_propagate_pointer (G_TASK (result), NULL);

  /* Unread (no page, no title, closed): the host stays, as Bluesky would
   * post it without a card. */
  if (card)
    {
      gtk_label_set_label (labels->title, card->title);
      gtk_label_set_label (labels->description, card->description);
      gtk_widget_set_visible (GTK_WIDGET (labels->description), *card->description != '\0');
    }
  card_labels_free (labels);
}

static GtkWidget *
link_card (LineupPreviewDialog *self,
           const char          *uri)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  const char *host = parsed ? g_uri_get_host (parsed) : uri;
  GtkWidget *title = text_label (host, "heading");
  GtkWidget *description = text_label ("", NULL);
  GtkWidget *link = text_label (uri, "caption");
  CardLabels *labels = g_new0 (CardLabels, 1);
  g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, card_done, labels);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "lineup-preview-link-card");
  gtk_widget_set_margin_top (title, 8);
  for (GtkWidget *w = title; w; w = w == title ? description : w == description ? link : NULL)
    {
      gtk_widget_set_margin_start (w, 10);
      gtk_widget_set_margin_end (w, 10);
    }
  gtk_widget_set_visible (description, FALSE);
  gtk_label_set_lines (GTK_LABEL (description), 3);
  gtk_label_set_ellipsize (GTK_LABEL (description), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_bottom (link, 8);
  gtk_widget_add_css_class (link, "dim-label");
  gtk_label_set_ellipsize (GTK_LABEL (link), PANGO_ELLIPSIZE_END);
  gtk_label_set_selectable (GTK_LABEL (link), FALSE);
  gtk_box_append (GTK_BOX (card), title);
  gtk_box_append (GTK_BOX (card), description);
  gtk_box_append (GTK_BOX (card), link);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Link card"), -1);

  labels->title = g_object_ref (GTK_LABEL (title));
  labels->description = g_object_ref (GTK_LABEL (description));
  g_task_set_task_data (task, g_strdup (uri), g_free);
  g_task_run_in_thread (task, card_thread);   /* card_done frees the labels, cancelled or not */
  return card;
}

/* The text up to the network's fold and the fold's own words ("…see
 * more", "… more"), or the whole text when it fits. */
static void
add_folded (GtkBox     *post_box,
            const char *caption,
            guint       fold,
            const char *more)
{
  guint n = lineup_text_count_graphemes (caption);

  if (n <= fold)
    {
      gtk_box_append (post_box, text_label (caption, NULL));
      return;
    }
  {
    g_autofree char *shown = lineup_preview_truncate (caption, fold);
    g_autofree char *text = g_strconcat (shown, more, NULL);
    GtkWidget *label = text_label (text, NULL);

    gtk_box_append (post_box, label);
  }
}

static void
on_show_more_toggled_cb (GtkToggleButton *button,
                         GtkRevealer     *revealer)
{
  gboolean shown = gtk_toggle_button_get_active (button);

  gtk_revealer_set_reveal_child (revealer, shown);
  gtk_button_set_label (GTK_BUTTON (button), shown ? _("Show less") : _("Show more"));
  gtk_accessible_update_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_EXPANDED, shown, -1);
}

/* Mastodon's content warning: the warning, then "Show more", which shows
 * the text and the media hidden behind it (and "Show less" hides them). */
static void
add_behind_warning (LineupPreviewDialog *self,
                    LineupStore         *store,
                    GtkBox              *post_box,
                    const char          *warning,
                    const char          *caption,
                    GPtrArray           *media)
{
  GtkWidget *warning_label = text_label (warning, "heading");
  GtkWidget *button = gtk_toggle_button_new_with_label (_("Show more"));
  GtkWidget *revealer = gtk_revealer_new ();
  GtkWidget *hidden = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  g_autofree char *description = g_strdup_printf (_("Content warning: %s. Shows the text and media behind it."), warning);

  gtk_widget_add_css_class (warning_label, "lineup-preview-content-warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (warning_label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Content warning"), -1);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "small");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_EXPANDED, FALSE, -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_CONTROLS, hidden, NULL, -1);
  gtk_revealer_set_transition_type (GTK_REVEALER (revealer), GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_box_append (GTK_BOX (hidden), text_label (caption, NULL));
  if (media && media->len > 0)
    gtk_box_append (GTK_BOX (hidden), media_grid (self, store, media));
  gtk_revealer_set_child (GTK_REVEALER (revealer), hidden);
  g_signal_connect (button, "toggled", G_CALLBACK (on_show_more_toggled_cb), revealer);
  gtk_box_append (post_box, warning_label);
  gtk_box_append (post_box, button);
  gtk_box_append (post_box, revealer);
}

static GtkWidget *
network_page (LineupPreviewDialog       *self,
              LineupStore               *store,
              LineupPost                *post,
              const LineupPlatformInfo  *info,
              GPtrArray                 *media)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *post_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  g_autoptr(GPtrArray) problems = lineup_post_check (store, post, info->key);
  g_autofree char *caption = lineup_store_outgoing_caption (store, post, info->key);
  guint limit = lineup_caption_limit (store, info->key);
  /* As the gate counts: Mastodon's with the content warning. */
  guint count = lineup_store_count_outgoing (store, post, info->key);
  g_autofree char *count_text = NULL;
  GtkWidget *count_label;

  if (caption == NULL)
    caption = g_strdup ("");
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 520);
  gtk_widget_set_margin_top (page, 18);
  gtk_widget_set_margin_bottom (page, 18);
  gtk_widget_set_margin_start (page, 12);
  gtk_widget_set_margin_end (page, 12);
  add_problems (GTK_BOX (page), problems);

  gtk_widget_set_margin_top (post_box, 12);
  gtk_widget_set_margin_bottom (post_box, 12);
  gtk_widget_set_margin_start (post_box, 12);
  gtk_widget_set_margin_end (post_box, 12);
  gtk_box_append (GTK_BOX (post_box), author_row (info));

  if (g_str_equal (info->key, "linkedin"))
    add_folded (GTK_BOX (post_box), caption, LINEUP_PREVIEW_LINKEDIN_FOLD, _("…see more"));
  else if (g_str_equal (info->key, "instagram"))
    {
      /* Instagram: the first image, square, then the caption's start. */
      if (media && media->len > 0)
        gtk_box_append (GTK_BOX (post_box),
                        medium_widget (self, store, g_ptr_array_index (media, 0), 480, 480));
      add_folded (GTK_BOX (post_box), caption, LINEUP_PREVIEW_INSTAGRAM_FOLD, _("… more"));
    }
  else if (g_str_equal (info->key, "bluesky"))
    {
      /* Bluesky shows what fits; a link card when there are no images. */
      g_autofree char *shown = lineup_preview_truncate (caption, limit ? limit : G_MAXUINT);
      g_autoptr(GArray) links = lineup_text_find_links (caption);

      gtk_box_append (GTK_BOX (post_box), text_label (shown, NULL));
      if (media && media->len > 0)
        gtk_box_append (GTK_BOX (post_box), media_grid (self, store, media));
      else if (links->len > 0)
        gtk_box_append (GTK_BOX (post_box), link_card (self, g_array_index (links, LineupTextLink, 0).uri));
    }
  else if (g_str_equal (info->key, "mastodon") && *lineup_post_get_content_warning (post))
    add_behind_warning (self, store, GTK_BOX (post_box), lineup_post_get_content_warning (post), caption, media);
  else
    {
      gtk_box_append (GTK_BOX (post_box), text_label (caption, NULL));
      if (media && media->len > 0)
        gtk_box_append (GTK_BOX (post_box), media_grid (self, store, media));
    }

  if (limit > 0)
    count_text = g_strdup_printf (_("%u of %u characters"), count, limit);
  else
    count_text = g_strdup_printf (_("%u characters"), count);
  count_label = gtk_label_new (count_text);
  gtk_label_set_xalign (GTK_LABEL (count_label), 1);
  gtk_widget_add_css_class (count_label, limit > 0 && count > limit ? "error" : "dim-label");
  gtk_widget_add_css_class (count_label, "numeric");

  {
    GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

    gtk_widget_add_css_class (card, "card");
    gtk_box_append (GTK_BOX (card), post_box);
    gtk_box_append (GTK_BOX (page), card);
  }
  gtk_box_append (GTK_BOX (page), count_label);
  adw_clamp_set_child (ADW_CLAMP (clamp), page);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  return scrolled;
}

static void
lineup_preview_dialog_dispose (GObject *object)
{
  LineupPreviewDialog *self = LINEUP_PREVIEW_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_PREVIEW_DIALOG);
  G_OBJECT_CLASS (lineup_preview_dialog_parent_class)->dispose (object);
}

static void
lineup_preview_dialog_class_init (LineupPreviewDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = lineup_preview_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lineup/Lineup/editor/lineup-preview-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupPreviewDialog, stack);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lineup_preview_dialog_init (LineupPreviewDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

LineupPreviewDialog *
lineup_preview_dialog_new (GtkWindow   *parent,
                           LineupStore *store,
                           LineupPost  *post)
{
  LineupPreviewDialog *self = g_object_new (LINEUP_TYPE_PREVIEW_DIALOG,
                                            "transient-for", parent, NULL);
  g_autoptr(GPtrArray) media = NULL;
  const char * const *platforms = lineup_post_get_platforms (post);
  gboolean any = FALSE;

  if (lineup_post_get_id (post))
    media = lineup_store_get_post_media (store, lineup_post_get_id (post), NULL);
  for (guint i = 0; platforms && platforms[i]; i++)
    {
      const LineupPlatformInfo *info = lineup_platform_lookup (platforms[i]);
      AdwViewStackPage *page;

      if (info == NULL)
        continue;
      g_autoptr(GPtrArray) problems = lineup_post_check (store, post, info->key);
      gboolean errors = FALSE;

      for (guint j = 0; j < problems->len; j++)
        errors |= ((LineupCheckProblem *) g_ptr_array_index (problems, j))->is_error;
      page = adw_view_stack_add_titled (self->stack, network_page (self, store, post, info, media),
                                        info->key, info->name);
      /* The tab says whether the network takes the post as it is. */
      adw_view_stack_page_set_icon_name (page, errors ? "dialog-error-symbolic"
                                               : problems->len > 0 ? "dialog-warning-symbolic"
                                               : "emblem-ok-symbolic");
      adw_view_stack_page_set_needs_attention (page, errors);
      any = TRUE;
    }
  if (!any)
    {
      GtkWidget *empty = adw_status_page_new ();

      adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Networks Chosen"));
      adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                       _("Choose the networks the post goes to to see it as each shows it."));
      adw_view_stack_add_titled (self->stack, empty, "none", _("Preview"));
    }
  return self;
}
