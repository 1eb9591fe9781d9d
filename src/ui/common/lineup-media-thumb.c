/* lineup-media-thumb.c
 *
 * The widget draws the picture itself (a GtkPicture's new paintable asks for
 * a layout of the month, a draw does not); the badge, its one child, is
 * allocated the whole square and aligns itself to the bottom-right corner.
 * The picture's texture is
 * made once per thumbnail and kept on the thumbnail's pixbuf, which the
 * memory LRU of lineup-thumbnails.c holds, so a month switch shows the
 * pictures it already had without uploading them again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-media-thumb.h"

#define TEXTURE_KEY "lineup-media-thumb-texture"

struct _LineupMediaThumb
{
  GtkWidget parent_instance;

  int size;
  int thumbnail_size;
  GdkPixbuf *pixbuf;       /* what it draws, once in */
  GtkWidget *badge;       /* the count, or the film icon */
  char *sha256;           /* what it shows or waits for */
  GCancellable *cancellable;
  gboolean loaded;
};

G_DEFINE_FINAL_TYPE (LineupMediaThumb, lineup_media_thumb, GTK_TYPE_WIDGET)

GdkTexture *
lineup_media_thumb_texture (GdkPixbuf *pixbuf)
{
  GdkTexture *texture = g_object_get_data (G_OBJECT (pixbuf), TEXTURE_KEY);

  if (texture == NULL)
    {
      texture = gdk_texture_new_for_pixbuf (pixbuf);
      g_object_set_data_full (G_OBJECT (pixbuf), TEXTURE_KEY, texture, g_object_unref);
    }
  return texture;
}

static void
show_pixbuf (LineupMediaThumb *self,
             GdkPixbuf        *pixbuf)
{
  /* Drawn by the widget itself: a new picture asks for a draw, not a
   * layout (a month switch gives hundreds of cards new pictures). */
  if (pixbuf == self->pixbuf)
    return;
  g_set_object (&self->pixbuf, pixbuf);
  self->loaded = pixbuf != NULL;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_thumbnail_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LineupMediaThumb) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = lineup_thumbnails_request_finish (LINEUP_THUMBNAILS (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  /* A file that cannot be read keeps the plain square. */
  if (pixbuf == NULL)
    g_debug ("No thumbnail: %s", error->message);
  else
    show_pixbuf (self, pixbuf);
}

static void
lineup_media_thumb_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  LineupMediaThumb *self = LINEUP_MEDIA_THUMB (widget);
  int badge_min = 0;

  if (gtk_widget_get_visible (self->badge))
    gtk_widget_measure (self->badge, orientation, -1, &badge_min, NULL, NULL, NULL);
  *minimum = *natural = MAX (self->size, badge_min);
}

static void
lineup_media_thumb_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  LineupMediaThumb *self = LINEUP_MEDIA_THUMB (widget);

  if (gtk_widget_get_visible (self->badge))
    gtk_widget_allocate (self->badge, width, height, -1, NULL);
}

/* The picture cut to fill the square (the widget's rounded corners clip
 * it), then the badge. */
static void
lineup_media_thumb_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  LineupMediaThumb *self = LINEUP_MEDIA_THUMB (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (self->pixbuf)
    {
      int w = gdk_pixbuf_get_width (self->pixbuf);
      int h = gdk_pixbuf_get_height (self->pixbuf);
      double scale = MAX ((double) width / w, (double) height / h);

      gtk_snapshot_append_texture (snapshot, lineup_media_thumb_texture (self->pixbuf),
                                   &GRAPHENE_RECT_INIT ((width - w * scale) / 2, (height - h * scale) / 2,
                                                        w * scale, h * scale));
    }
  if (gtk_widget_get_visible (self->badge))
    gtk_widget_snapshot_child (widget, self->badge, snapshot);
}

static void
lineup_media_thumb_dispose (GObject *object)
{
  LineupMediaThumb *self = LINEUP_MEDIA_THUMB (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->pixbuf);
  g_clear_pointer (&self->badge, gtk_widget_unparent);
  g_clear_pointer (&self->sha256, g_free);
  G_OBJECT_CLASS (lineup_media_thumb_parent_class)->dispose (object);
}

static void
lineup_media_thumb_class_init (LineupMediaThumbClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_media_thumb_dispose;
  widget_class->measure = lineup_media_thumb_measure;
  widget_class->size_allocate = lineup_media_thumb_size_allocate;
  widget_class->snapshot = lineup_media_thumb_snapshot;
  gtk_widget_class_set_css_name (widget_class, "media-thumb");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
lineup_media_thumb_init (LineupMediaThumb *self)
{
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_START);
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_END);
  self->badge = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->badge, "media-badge");
  gtk_widget_set_halign (self->badge, GTK_ALIGN_END);
  gtk_widget_set_valign (self->badge, GTK_ALIGN_END);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->badge), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_widget_set_visible (self->badge, FALSE);
  gtk_widget_set_parent (self->badge, GTK_WIDGET (self));
}

GtkWidget *
lineup_media_thumb_new (int size,
                        int thumbnail_size)
{
  LineupMediaThumb *self = g_object_new (LINEUP_TYPE_MEDIA_THUMB, NULL);

  self->size = size;
  self->thumbnail_size = thumbnail_size;
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  return GTK_WIDGET (self);
}

const LineupMediaSummary *
lineup_media_thumb_show_post (LineupMediaThumb *self,
                              LineupStore      *store,
                              const char       *post_id)
{
  const LineupMediaSummary *summary;
  g_autofree char *badge = NULL;
  LineupThumbnails *thumbnails = lineup_thumbnails_get_default ();
  GdkPixbuf *known;

  g_return_val_if_fail (LINEUP_IS_MEDIA_THUMB (self), NULL);

  summary = lineup_thumbnails_summary (store, post_id);
  gtk_widget_set_visible (GTK_WIDGET (self), summary != NULL);

  badge = lineup_media_thumb_badge (summary);
  /* Only what changed: a month switch binds hundreds of cards. */
  if (g_strcmp0 (gtk_label_get_label (GTK_LABEL (self->badge)), badge ? badge : "") != 0)
    gtk_label_set_label (GTK_LABEL (self->badge), badge ? badge : "");
  gtk_widget_set_visible (self->badge, badge != NULL);

  if (summary == NULL || g_strcmp0 (summary->sha256, self->sha256) == 0)
    return summary;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_free (self->sha256);
  self->sha256 = g_strdup (summary->sha256);
  if ((known = lineup_thumbnails_lookup (thumbnails, summary->sha256, self->thumbnail_size)) != NULL)
    {
      show_pixbuf (self, known);
      return summary;
    }
  show_pixbuf (self, NULL);
  {
    g_autofree char *file = lineup_store_get_media_file (store, summary->sha256, summary->mime_type);

    self->cancellable = g_cancellable_new ();
    lineup_thumbnails_request (thumbnails, file, summary->sha256, summary->kind, self->thumbnail_size,
                               self->cancellable, on_thumbnail_cb, g_object_ref (self));
  }
  return summary;
}

char *
lineup_media_thumb_badge (const LineupMediaSummary *summary)
{
  /* A carousel shows its count; a single video its film mark. */
  if (summary && summary->count > 1)
    return g_strdup_printf ("%u", summary->count);
  if (summary && summary->kind == LINEUP_MEDIA_VIDEO)
    return g_strdup ("▶");
  return NULL;
}

gboolean
lineup_media_thumb_is_loaded (LineupMediaThumb *self)
{
  g_return_val_if_fail (LINEUP_IS_MEDIA_THUMB (self), FALSE);
  return self->loaded;
}
