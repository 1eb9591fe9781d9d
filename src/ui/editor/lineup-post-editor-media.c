/* lineup-post-editor-media.c: the editor's Media group, the post's
 * pictures and videos (lineup-store-media.h).
 *
 * Files come from "Add Pictures or Videos…" (a file chooser) or are dropped
 * on the editor; each is read off the main thread (lineup_media_probe_async)
 * and attached by one store call, a refusal shown with the file's name and
 * the reason. The media show as thumbnails in order (each image read scaled
 * down in a worker thread; a film icon for a video), with Move Left, Move
 * Right and Remove buttons and a drag to reorder; under each, its alt text
 * with its length (saved on Enter or when the focus leaves: one undo step
 * per edit) and, for an image without any, "No alt text"; for a video, its
 * subtitles file or the "No speech" switch.
 *
 * Every change goes through the store at once (media are not part of Save;
 * a new post is saved as it stands with its first medium, in the same
 * transaction: one undo step) and the group is read again when the store says the post changed, from
 * here or from elsewhere (the command line, Undo).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-post-editor-private.h"
#include "lineup-media.h"
#include "lineup-store-media.h"

/* The thumbnails' size in the editor, in pixels. */
#define THUMB_WIDTH  160
#define THUMB_HEIGHT 120

typedef struct {
  GtkWidget *card;
  GtkWidget *picture;     /* GtkPicture, or GtkImage for a video */
  GtkWidget *entry;       /* the alt text */
  GtkWidget *count;       /* "12/1,500" */
  GtkWidget *warning;     /* "No alt text" */
  GtkWidget *no_speech;   /* a video's switch, or NULL */
  GtkWidget *left, *right, *remove;
  char *sha256;
  char *alt;              /* as stored */
  guint index;
} MediaCard;

struct _LineupEditorMedia {
  GtkWidget *add_button;
  GtkWidget *flow;              /* GtkFlowBox of cards */
  GtkWidget *status;            /* "Reading bike.jpg…" */
  GPtrArray *cards;             /* MediaCard */
  char *signature;              /* the media shown: their hashes in order */
  GHashTable *thumbs;           /* sha256 → GdkTexture */
  GCancellable *cancellable;
  guint pending;                /* files being read */
  guint refresh_idle;
};

static void refresh (LineupPostEditor *self);

static void
media_card_free (MediaCard *card)
{
  g_free (card->sha256);
  g_free (card->alt);
  g_free (card);
}

static const char *
post_id (LineupPostEditor *self)
{
  return self->post ? lineup_post_get_id (self->post) : NULL;
}

/* ---- adding files ---- */

static void
update_status (LineupPostEditor *self)
{
  LineupEditorMedia *media = self->media;

  gtk_widget_set_visible (media->status, media->pending > 0);
  if (media->pending > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("Reading %u file…", "Reading %u files…", media->pending),
                                               media->pending);

      gtk_label_set_label (GTK_LABEL (media->status), text);
    }
}

/* The files of one drop or one choice: each read off the main thread,
 * then those read attached together, in their order, by one store call
 * (one undo step); a file refused is said with its reason, and the others
 * still go on. */
typedef struct {
  LineupPostEditor *self;
  GPtrArray *paths;       /* char *, in the order given */
  GPtrArray *media;       /* LineupMedium per path, NULL while unread or when refused */
  GString *refusals;
  guint remaining;
} ProbeBatch;

typedef struct {
  ProbeBatch *batch;
  guint index;
} ProbeData;

static void
probe_batch_free (ProbeBatch *batch)
{
  g_object_unref (batch->self);
  g_ptr_array_unref (batch->paths);
  g_ptr_array_unref (batch->media);
  g_string_free (batch->refusals, TRUE);
  g_free (batch);
}

/* The media read, with their paths (NULL-terminated). */
static GPtrArray *
batch_read (ProbeBatch  *batch,
            GPtrArray  **out_paths)
{
  GPtrArray *media = g_ptr_array_new ();
  GPtrArray *paths = g_ptr_array_new ();

  for (guint i = 0; i < batch->paths->len; i++)
    if (g_ptr_array_index (batch->media, i))
      {
        g_ptr_array_add (media, g_ptr_array_index (batch->media, i));
        g_ptr_array_add (paths, g_ptr_array_index (batch->paths, i));
      }
  g_ptr_array_add (paths, NULL);
  *out_paths = paths;
  return media;
}

/* What batch_read () gave, for attach_read (). */
typedef struct {
  GPtrArray *paths;
  GPtrArray *media;
} ReadFiles;

static gboolean
attach_read (LineupPostEditor  *self,
             const char        *id,
             gpointer           data,
             GError           **error)
{
  ReadFiles *read = data;

  return lineup_store_attach_probed_media (self->store, id, (const char * const *) read->paths->pdata,
                                           read->media, NULL, error);
}

static void
finish_batch (ProbeBatch *batch)
{
  LineupPostEditor *self = batch->self;
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GPtrArray) media = batch_read (batch, &paths);
  ReadFiles read = { paths, media };
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (media->len > 0 && post_id (self))
    ok = attach_read (self, post_id (self), &read, &error);
  else if (media->len > 0)
    {
      /* A new post: saved as it stands with its first media, in one
       * transaction (one undo step); the editor then edits it. */
      ok = lineup_post_editor_save_new (self, attach_read, &read, &error);
      if (ok)
        refresh (self);
      else
        g_prefix_error (&error, _("Not added: the new post is saved with its first files, and it could not be: "));
    }
  if (!ok)
    lineup_post_editor_show_error (self, error->message);
  else if (batch->refusals->len > 0)
    lineup_post_editor_show_error (self, batch->refusals->str);
}

static void
on_probed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  ProbeData *data = user_data;
  ProbeBatch *batch = data->batch;
  LineupPostEditor *self = batch->self;
  g_autoptr(GError) error = NULL;
  LineupMedium *medium = lineup_media_probe_finish (result, &error);

  g_ptr_array_index (batch->media, data->index) = medium;
  if (medium == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_string_append_printf (batch->refusals, "%s%s", batch->refusals->len ? "\n" : "", error->message);
  g_free (data);
  /* The editor closed meanwhile: nothing to attach to. */
  if (self->media != NULL)
    {
      self->media->pending--;
      update_status (self);
    }
  if (--batch->remaining > 0)
    return;
  if (self->media != NULL && self->store != NULL)
    finish_batch (batch);
  probe_batch_free (batch);
}

static void
add_files (LineupPostEditor *self,
           GFile           **files,
           guint             n_files)
{
  ProbeBatch *batch = g_new0 (ProbeBatch, 1);

  batch->self = g_object_ref (self);
  batch->paths = g_ptr_array_new_with_free_func (g_free);
  batch->media = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_medium_free);
  batch->refusals = g_string_new (NULL);
  for (guint i = 0; i < n_files; i++)
    {
      char *path = g_file_get_path (files[i]);

      if (path == NULL)
        {
          g_autofree char *uri = g_file_get_uri (files[i]);

          g_string_append_printf (batch->refusals, "%s", batch->refusals->len ? "\n" : "");
          g_string_append_printf (batch->refusals, _("“%s” is not a local file: save it on this computer first, then add it"), uri);
          continue;
        }
      g_ptr_array_add (batch->paths, path);
      g_ptr_array_add (batch->media, NULL);
    }
  if (batch->paths->len == 0)
    {
      lineup_post_editor_show_error (self, batch->refusals->str);
      probe_batch_free (batch);
      return;
    }
  batch->remaining = batch->paths->len;
  self->media->pending += batch->paths->len;
  update_status (self);
  for (guint i = 0; i < batch->paths->len; i++)
    {
      ProbeData *data = g_new0 (ProbeData, 1);

      data->batch = batch;
      data->index = i;
      lineup_media_probe_async (g_ptr_array_index (batch->paths, i), self->media->cancellable, on_probed_cb, data);
    }
}

static void
on_chooser_response_cb (GtkNativeDialog  *chooser,
                        int               response,
                        LineupPostEditor *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->store)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);

      gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        g_ptr_array_add (list, g_list_model_get_item (files, i));
      if (list->len > 0)
        add_files (self, (GFile **) list->pdata, list->len);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
on_add_clicked_cb (LineupPostEditor *self)
{
  static const char * const types[] = {
    "image/png", "image/jpeg", "image/webp", "image/gif", "video/mp4", "video/quicktime", "video/webm",
  };
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Add Pictures or Videos"), GTK_WINDOW (self),
                                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));
  GtkFileFilter *all = gtk_file_filter_new ();
  GtkFileFilter *images = gtk_file_filter_new ();
  GtkFileFilter *videos = gtk_file_filter_new ();

  gtk_file_filter_set_name (all, _("Pictures and videos"));
  gtk_file_filter_set_name (images, _("Pictures (PNG, JPEG, WebP, GIF)"));
  gtk_file_filter_set_name (videos, _("Videos (MP4, MOV, WebM)"));
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      gtk_file_filter_add_mime_type (all, types[i]);
      gtk_file_filter_add_mime_type (g_str_has_prefix (types[i], "image/") ? images : videos, types[i]);
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), images);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), videos);
  g_object_unref (all);
  g_object_unref (images);
  g_object_unref (videos);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  /* The Pictures folder (else home), not Recent files: a path typed there
   * (Ctrl+L) is what is added. */
  {
    const char *dir = g_get_user_special_dir (G_USER_DIRECTORY_PICTURES);
    g_autoptr(GFile) folder = g_file_new_for_path (dir && g_file_test (dir, G_FILE_TEST_IS_DIR) ? dir : g_get_home_dir ());

    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
on_files_dropped_cb (GtkDropTarget    *target,
                     const GValue     *value,
                     double            x,
                     double            y,
                     LineupPostEditor *self)
{
  GSList *files = g_value_get_boxed (value);

  g_autoptr(GPtrArray) list = g_ptr_array_new ();

  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  for (GSList *l = files; l; l = l->next)
    g_ptr_array_add (list, l->data);
  if (list->len == 0)
    return FALSE;
  add_files (self, (GFile **) list->pdata, list->len);
  return TRUE;
}

/* ---- the cards' controls ---- */

/* The card of a control; NULL once the editor is going. */
static MediaCard *
card_of (GtkWidget *widget)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (widget));

  if (!LINEUP_IS_POST_EDITOR (root) || LINEUP_POST_EDITOR (root)->media == NULL)
    return NULL;
  return g_object_get_data (G_OBJECT (widget), "media-card");
}

static void
report (LineupPostEditor *self,
        gboolean          ok,
        GError           *error)
{
  if (!ok)
    lineup_post_editor_show_error (self, error->message);
  else   /* what was said before (a refused approval) may be out of date */
    gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

static void
save_alt (LineupPostEditor *self,
          MediaCard        *card)
{
  if (card == NULL || self->store == NULL)
    return;
  {
  g_autofree char *trimmed = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (card->entry))));
  g_autoptr(GError) error = NULL;

  /* Compared trimmed, as the store keeps it: leaving the field unchanged
   * is not an edit. */
  if (g_strcmp0 (trimmed, card->alt) == 0)
    return;
  report (self, lineup_store_set_medium_alt (self->store, post_id (self), card->index, trimmed, &error), error);
  }
}

static void
on_alt_activate_cb (GtkEntry         *entry,
                    LineupPostEditor *self)
{
  save_alt (self, card_of (GTK_WIDGET (entry)));
}

static void
on_alt_leave_cb (GtkEventControllerFocus *focus,
                 LineupPostEditor        *self)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus));

  save_alt (self, card_of (entry));
}

static void
update_count (MediaCard *card)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (card->entry));
  glong n = g_utf8_strlen (text, -1);
  g_autofree char *label = g_strdup_printf (_("%ld/%d"), n, LINEUP_MEDIA_MAX_ALT_CHARS);
  g_autofree char *description = g_strdup_printf (_("%ld of at most %d characters (Mastodon’s limit)"),
                                                  n, LINEUP_MEDIA_MAX_ALT_CHARS);

  gtk_label_set_label (GTK_LABEL (card->count), label);
  gtk_widget_set_tooltip_text (card->count, description);
  if (n > LINEUP_MEDIA_MAX_ALT_CHARS)
    gtk_widget_add_css_class (card->count, "error");
  else
    gtk_widget_remove_css_class (card->count, "error");
}

static void
on_alt_changed_cb (GtkEditable *entry)
{
  MediaCard *card = card_of (GTK_WIDGET (entry));

  if (card)
    update_count (card);
}

static void
on_move_clicked_cb (GtkButton        *button,
                    LineupPostEditor *self)
{
  MediaCard *card = card_of (GTK_WIDGET (button));
  int step = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "step"));
  g_autoptr(GError) error = NULL;

  report (self, lineup_store_move_medium (self->store, post_id (self), card->index, card->index + step, &error), error);
}

static void
on_remove_clicked_cb (GtkButton        *button,
                      LineupPostEditor *self)
{
  MediaCard *card = card_of (GTK_WIDGET (button));
  g_autoptr(GError) error = NULL;

  report (self, lineup_store_detach_medium (self->store, post_id (self), card->index, &error), error);
}

static void
on_no_speech_cb (GtkSwitch        *widget,
                 GParamSpec       *pspec,
                 LineupPostEditor *self)
{
  MediaCard *card = card_of (GTK_WIDGET (widget));
  g_autoptr(GError) error = NULL;

  if (g_object_get_data (G_OBJECT (widget), "loading"))
    return;
  report (self, lineup_store_set_medium_subtitles (self->store, post_id (self), card->index, NULL,
                                                   gtk_switch_get_active (widget), &error), error);
}

static void
on_subtitles_response_cb (GtkNativeDialog  *chooser,
                          int               response,
                          LineupPostEditor *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (chooser), "index"));

  if (response == GTK_RESPONSE_ACCEPT && self->store)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path)
        report (self, lineup_store_set_medium_subtitles (self->store, post_id (self), index, path, FALSE, &error),
                error);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
on_subtitles_clicked_cb (GtkButton        *button,
                         LineupPostEditor *self)
{
  MediaCard *card = card_of (GTK_WIDGET (button));
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Choose Subtitles"), GTK_WINDOW (self),
                                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Subtitles (WebVTT, SubRip)"));
  gtk_file_filter_add_suffix (filter, "vtt");
  gtk_file_filter_add_suffix (filter, "srt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  g_object_set_data (G_OBJECT (chooser), "index", GUINT_TO_POINTER (card->index));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_subtitles_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_subtitles_remove_cb (GtkButton        *button,
                        LineupPostEditor *self)
{
  MediaCard *card = card_of (GTK_WIDGET (button));
  g_autoptr(GError) error = NULL;

  report (self, lineup_store_set_medium_subtitles (self->store, post_id (self), card->index, NULL, FALSE, &error),
          error);
}

/* Reorder by drag: a card carries its position; dropped on another card,
 * it takes that one's place. */
static GdkContentProvider *
on_drag_prepare_cb (GtkDragSource *source,
                    double         x,
                    double         y,
                    MediaCard     *card)
{
  return gdk_content_provider_new_typed (G_TYPE_UINT, card->index);
}

static gboolean
on_card_drop_cb (GtkDropTarget    *target,
                 const GValue     *value,
                 double            x,
                 double            y,
                 LineupPostEditor *self)
{
  MediaCard *card = card_of (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target)));
  guint from = g_value_get_uint (value);
  g_autoptr(GError) error = NULL;

  if (card == NULL || from == card->index)
    return FALSE;
  report (self, lineup_store_move_medium (self->store, post_id (self), from, card->index, &error), error);
  return TRUE;
}

/* ---- thumbnails, read off the main thread ---- */

static void
thumb_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  GdkPixbuf *pixbuf = gdk_pixbuf_new_from_file_at_scale (task_data, THUMB_WIDTH * 2, THUMB_HEIGHT * 2, TRUE, &error);

  if (pixbuf == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, pixbuf, g_object_unref);
}

static void
set_thumb (LineupPostEditor *self,
           const char       *sha256,
           GdkTexture       *texture)
{
  for (guint i = 0; i < self->media->cards->len; i++)
    {
      MediaCard *card = g_ptr_array_index (self->media->cards, i);

      if (g_str_equal (card->sha256, sha256) && GTK_IS_PICTURE (card->picture))
        gtk_picture_set_paintable (GTK_PICTURE (card->picture), GDK_PAINTABLE (texture));
    }
}

static void
on_thumb_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  LineupPostEditor *self = LINEUP_POST_EDITOR (source);
  g_autofree char *sha256 = user_data;
  g_autoptr(GdkPixbuf) pixbuf = g_task_propagate_pointer (G_TASK (result), NULL);
  GdkTexture *texture;

  if (pixbuf == NULL || self->media == NULL || g_cancellable_is_cancelled (self->media->cancellable))
    return;
  texture = gdk_texture_new_for_pixbuf (pixbuf);
  g_hash_table_insert (self->media->thumbs, g_strdup (sha256), texture);
  set_thumb (self, sha256, texture);
}

static void
load_thumb (LineupPostEditor   *self,
            const LineupMedium *medium)
{
  GTask *task;

  if (g_hash_table_contains (self->media->thumbs, medium->sha256))
    {
      set_thumb (self, medium->sha256, g_hash_table_lookup (self->media->thumbs, medium->sha256));
      return;
    }
  task = g_task_new (self, self->media->cancellable, on_thumb_cb, g_strdup (medium->sha256));
  g_task_set_task_data (task, lineup_store_get_media_file (self->store, medium->sha256, medium->mime_type), g_free);
  g_task_run_in_thread (task, thumb_thread);
  g_object_unref (task);
}

/* ---- the cards ---- */

static GtkWidget *
icon_button (const char *icon,
             const char *name,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

/* What the card says of its medium: the thumbnail's name, the warning,
 * the alt text's count; the entry keeps what is being typed in it. */
static void
update_card (LineupPostEditor   *self,
             MediaCard          *card,
             const LineupMedium *medium,
             guint               n)
{
  gboolean video = medium->kind == LINEUP_MEDIA_VIDEO;
  const char *missing = lineup_medium_missing (medium);
  g_autofree char *name = NULL;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  g_free (card->alt);
  card->alt = g_strdup (medium->alt ? medium->alt : "");
  if (focus == NULL || !gtk_widget_is_ancestor (focus, card->entry))
    gtk_editable_set_text (GTK_EDITABLE (card->entry), card->alt);
  update_count (card);
  name = *card->alt
    ? g_strdup_printf (video ? _("Video %u of %u: %s") : _("Image %u of %u: %s"), card->index + 1, n, card->alt)
    : g_strdup_printf (video ? _("Video %u of %u: no alt text") : _("Image %u of %u: no alt text"), card->index + 1, n);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card->picture), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card->card), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_set_tooltip_text (card->picture, name);

  gtk_widget_set_visible (card->warning, missing != NULL);
  if (missing)
    {
      const char *text = video ? _("No subtitles") : _("No alt text");
      const char *why = video
        ? _("This video has no subtitles: choose a subtitles file, or switch on No speech; until then the post cannot be approved")
        : _("This image has no alt text: describe it for people who cannot see it; until then the post cannot be approved");

      gtk_label_set_label (GTK_LABEL (gtk_widget_get_last_child (card->warning)), text);
      gtk_widget_set_tooltip_text (card->warning, why);
      gtk_accessible_update_property (GTK_ACCESSIBLE (card->entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, why, -1);
    }
  else
    gtk_accessible_update_property (GTK_ACCESSIBLE (card->entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    _("What a screen reader says instead of the picture"), -1);
  if (card->no_speech)
    {
      g_object_set_data (G_OBJECT (card->no_speech), "loading", GINT_TO_POINTER (1));
      gtk_switch_set_active (GTK_SWITCH (card->no_speech), medium->no_subtitles_needed);
      gtk_widget_set_sensitive (card->no_speech, medium->subtitles == NULL);
      g_object_set_data (G_OBJECT (card->no_speech), "loading", NULL);
    }
}

static GtkWidget *
video_controls (LineupPostEditor   *self,
                MediaCard          *card,
                const LineupMedium *medium)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("No _speech: no subtitles needed"));
  GtkWidget *button;

  if (medium->subtitles)
    {
      button = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (button), gtk_label_new_with_mnemonic (_("Remove S_ubtitles")));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Remove Subtitles"), -1);
      g_signal_connect (button, "clicked", G_CALLBACK (on_subtitles_remove_cb), self);
    }
  else
    {
      button = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (button), gtk_label_new_with_mnemonic (_("S_ubtitles…")));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Choose Subtitles"), -1);
      gtk_widget_set_tooltip_text (button, _("A WebVTT or SubRip file with what is said in the video"));
      g_signal_connect (button, "clicked", G_CALLBACK (on_subtitles_clicked_cb), self);
    }
  g_object_set_data (G_OBJECT (button), "media-card", card);
  gtk_box_append (GTK_BOX (box), button);

  card->no_speech = gtk_switch_new ();
  gtk_widget_set_valign (card->no_speech, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (card->no_speech), "media-card", card);
  g_signal_connect (card->no_speech, "notify::active", G_CALLBACK (on_no_speech_cb), self);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), card->no_speech);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 14);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), card->no_speech);
  gtk_box_append (GTK_BOX (box), row);
  return box;
}

static MediaCard *
new_card (LineupPostEditor   *self,
          const LineupMedium *medium,
          guint               index,
          guint               n)
{
  MediaCard *card = g_new0 (MediaCard, 1);
  GtkWidget *frame, *buttons, *left, *right, *remove, *alt_label, *alt_row, *icon;
  GtkDragSource *drag;
  GtkDropTarget *drop;
  g_autofree char *alt_name = NULL;

  card->sha256 = g_strdup (medium->sha256);
  card->index = index;
  card->card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_object_set_data (G_OBJECT (card->card), "media-card", card);
  gtk_widget_set_size_request (card->card, THUMB_WIDTH, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card->card), GTK_ACCESSIBLE_PROPERTY_ROLE_DESCRIPTION,
                                  _("medium"), -1);

  frame = gtk_frame_new (NULL);
  if (medium->kind == LINEUP_MEDIA_VIDEO)
    {
      card->picture = gtk_image_new_from_icon_name ("camera-video-symbolic");
      gtk_image_set_pixel_size (GTK_IMAGE (card->picture), 48);
      gtk_widget_add_css_class (card->picture, "dim-label");
    }
  else
    {
      card->picture = gtk_picture_new ();
      gtk_picture_set_content_fit (GTK_PICTURE (card->picture), GTK_CONTENT_FIT_COVER);
      gtk_picture_set_can_shrink (GTK_PICTURE (card->picture), TRUE);
    }
  gtk_widget_set_size_request (card->picture, THUMB_WIDTH, THUMB_HEIGHT);
  gtk_frame_set_child (GTK_FRAME (frame), card->picture);
  gtk_box_append (GTK_BOX (card->card), frame);

  drag = gtk_drag_source_new ();
  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (on_drag_prepare_cb), card);
  gtk_widget_add_controller (frame, GTK_EVENT_CONTROLLER (drag));
  drop = gtk_drop_target_new (G_TYPE_UINT, GDK_ACTION_MOVE);
  g_signal_connect (drop, "drop", G_CALLBACK (on_card_drop_cb), self);
  gtk_widget_add_controller (card->card, GTK_EVENT_CONTROLLER (drop));

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  left = icon_button ("go-previous-symbolic", _("Move Left"), _("Move Left: earlier in the post"));
  right = icon_button ("go-next-symbolic", _("Move Right"), _("Move Right: later in the post"));
  remove = icon_button ("user-trash-symbolic", _("Remove"), _("Remove from the post (Undo brings it back)"));
  g_object_set_data (G_OBJECT (left), "step", GINT_TO_POINTER (-1));
  g_object_set_data (G_OBJECT (right), "step", GINT_TO_POINTER (1));
  gtk_widget_set_sensitive (left, index > 0);
  gtk_widget_set_sensitive (right, index + 1 < n);
  gtk_widget_set_hexpand (remove, TRUE);
  gtk_widget_set_halign (remove, GTK_ALIGN_END);
  for (GtkWidget *b = left; b; b = b == left ? right : b == right ? remove : NULL)
    {
      g_object_set_data (G_OBJECT (b), "media-card", card);
      gtk_box_append (GTK_BOX (buttons), b);
    }
  card->left = left;
  card->right = right;
  card->remove = remove;
  g_signal_connect (left, "clicked", G_CALLBACK (on_move_clicked_cb), self);
  g_signal_connect (right, "clicked", G_CALLBACK (on_move_clicked_cb), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), self);
  gtk_box_append (GTK_BOX (card->card), buttons);

  card->warning = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_box_append (GTK_BOX (card->warning), icon);
  gtk_box_append (GTK_BOX (card->warning), gtk_label_new (NULL));
  gtk_widget_add_css_class (card->warning, "warning");
  gtk_box_append (GTK_BOX (card->card), card->warning);

  alt_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  alt_label = gtk_label_new_with_mnemonic (_("_Alt text"));
  gtk_widget_add_css_class (alt_label, "caption-heading");
  gtk_label_set_xalign (GTK_LABEL (alt_label), 0);
  gtk_widget_set_hexpand (alt_label, TRUE);
  card->count = gtk_label_new (NULL);
  gtk_widget_add_css_class (card->count, "caption");
  gtk_widget_add_css_class (card->count, "numeric");
  gtk_box_append (GTK_BOX (alt_row), alt_label);
  gtk_box_append (GTK_BOX (alt_row), card->count);
  gtk_box_append (GTK_BOX (card->card), alt_row);

  card->entry = gtk_entry_new ();
  gtk_editable_set_width_chars (GTK_EDITABLE (card->entry), 12);
  alt_name = g_strdup_printf (medium->kind == LINEUP_MEDIA_VIDEO ? _("Alt text of video %u") : _("Alt text of image %u"),
                              index + 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card->entry), GTK_ACCESSIBLE_PROPERTY_LABEL, alt_name, -1);
  gtk_entry_set_placeholder_text (GTK_ENTRY (card->entry), _("Describe it"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (alt_label), card->entry);
  /* Named by its own label alone: GTK 4.8 would add the mnemonic label's
   * ("Alt text of image 2 Alt text"). */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (card->entry), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  g_object_set_data (G_OBJECT (card->entry), "media-card", card);
  g_signal_connect (card->entry, "activate", G_CALLBACK (on_alt_activate_cb), self);
  g_signal_connect (card->entry, "changed", G_CALLBACK (on_alt_changed_cb), NULL);
  {
    GtkEventController *focus = gtk_event_controller_focus_new ();

    g_signal_connect (focus, "leave", G_CALLBACK (on_alt_leave_cb), self);
    gtk_widget_add_controller (card->entry, focus);
  }
  gtk_box_append (GTK_BOX (card->card), card->entry);

  if (medium->kind == LINEUP_MEDIA_VIDEO)
    gtk_box_append (GTK_BOX (card->card), video_controls (self, card, medium));
  return card;
}

static char *
signature_of (GPtrArray *list)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; list && i < list->len; i++)
    {
      const LineupMedium *medium = g_ptr_array_index (list, i);

      g_string_append_printf (out, "%s:%d,", medium->sha256, medium->subtitles != NULL);
    }
  return g_string_free (out, FALSE);
}

/* Which control of which card has the keyboard, so that the cards made
 * again give it back: Move Left pressed from the keyboard stays on the
 * medium it moved. */
static GtkWidget *
focused_control (LineupPostEditor *self,
                 char            **out_sha256)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  for (guint i = 0; focus && i < self->media->cards->len; i++)
    {
      MediaCard *card = g_ptr_array_index (self->media->cards, i);
      GtkWidget *controls[] = { card->left, card->right, card->remove, card->entry };

      if (!gtk_widget_is_ancestor (focus, card->card))
        continue;
      *out_sha256 = g_strdup (card->sha256);
      for (guint c = 0; c < G_N_ELEMENTS (controls); c++)
        if (focus == controls[c] || gtk_widget_is_ancestor (focus, controls[c]))
          return controls[c];
      return card->entry;
    }
  return NULL;
}

static void
restore_focus (LineupPostEditor *self,
               const char       *sha256,
               int               which)
{
  for (guint i = 0; i < self->media->cards->len; i++)
    {
      MediaCard *card = g_ptr_array_index (self->media->cards, i);
      GtkWidget *controls[] = { card->left, card->right, card->remove, card->entry };

      if (!g_str_equal (card->sha256, sha256))
        continue;
      /* Moved to an end: the other Move button. */
      if ((which == 0 || which == 1) && !gtk_widget_get_sensitive (controls[which]))
        which = 1 - which;
      if (which >= 0 && gtk_widget_get_sensitive (controls[which]))
        gtk_widget_grab_focus (controls[which]);
      else
        gtk_widget_grab_focus (card->entry);
      return;
    }
  /* Removed: the next stop is the Add button. */
  gtk_widget_grab_focus (self->media->add_button);
}

/* The post's media as stored: the same media in the same order keep their
 * cards (and what is being typed in them); any other change makes them
 * again. */
static void
refresh (LineupPostEditor *self)
{
  LineupEditorMedia *media = self->media;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *signature = NULL;
  GtkWidget *child;

  if (post_id (self) == NULL)
    return;
  list = lineup_store_get_post_media (self->store, post_id (self), &error);
  if (list == NULL)
    {
      lineup_post_editor_show_error (self, error->message);
      return;
    }
  signature = signature_of (list);
  if (g_strcmp0 (signature, media->signature) != 0)
    {
      g_autofree char *focus_sha256 = NULL;
      GtkWidget *focus = focused_control (self, &focus_sha256);
      int which = -1;

      if (focus)
        {
          MediaCard *was = card_of (focus);

          which = focus == was->left ? 0 : focus == was->right ? 1 : focus == was->remove ? 2 : 3;
        }
      g_free (media->signature);
      media->signature = g_steal_pointer (&signature);
      while ((child = gtk_widget_get_first_child (media->flow)))
        gtk_flow_box_remove (GTK_FLOW_BOX (media->flow), child);
      g_ptr_array_set_size (media->cards, 0);
      for (guint i = 0; i < list->len; i++)
        {
          MediaCard *card = new_card (self, g_ptr_array_index (list, i), i, list->len);

          GtkWidget *clamp = adw_clamp_new ();

          /* A thumbnail's width, whatever the picture's own size. */
          adw_clamp_set_maximum_size (ADW_CLAMP (clamp), THUMB_WIDTH);
          adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), THUMB_WIDTH);
          adw_clamp_set_child (ADW_CLAMP (clamp), card->card);
          g_ptr_array_add (media->cards, card);
          gtk_flow_box_append (GTK_FLOW_BOX (media->flow), clamp);
          /* The card's controls are the stops, not the flow box's cell. */
          gtk_widget_set_focusable (gtk_widget_get_parent (clamp), FALSE);
        }
      for (guint i = 0; i < list->len; i++)
        if (((LineupMedium *) g_ptr_array_index (list, i))->kind == LINEUP_MEDIA_IMAGE)
          load_thumb (self, g_ptr_array_index (list, i));
      if (focus_sha256)
        restore_focus (self, focus_sha256, which);
    }
  for (guint i = 0; i < list->len; i++)
    update_card (self, g_ptr_array_index (media->cards, i), g_ptr_array_index (list, i), list->len);
  gtk_widget_set_visible (media->flow, list->len > 0);
  adw_preferences_group_set_description (self->media_group, list->len > 0
                                           ? _("Drag a picture to reorder, or use its Move buttons. Alt text is saved on Enter or when you leave the field.")
                                           : _("Drop pictures or videos here, or add them: each needs alt text before the post is approved."));
}

static gboolean
refresh_idle_cb (gpointer data)
{
  LineupPostEditor *self = data;

  if (self->media)
    {
      self->media->refresh_idle = 0;
      refresh (self);
    }
  return G_SOURCE_REMOVE;
}

static void
on_post_changed_cb (LineupPostEditor *self,
                    LineupPost       *old,
                    LineupPost       *post)
{
  if (self->media == NULL || post_id (self) == NULL ||
      (post && g_strcmp0 (lineup_post_get_id (post), post_id (self)) != 0))
    return;
  if (self->media->refresh_idle == 0)
    self->media->refresh_idle = g_idle_add (refresh_idle_cb, self);
}

static void
on_reloaded_cb (LineupPostEditor *self)
{
  on_post_changed_cb (self, NULL, NULL);
}

void
lineup_post_editor_setup_media (LineupPostEditor *self)
{
  LineupEditorMedia *media = g_new0 (LineupEditorMedia, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkDropTarget *drop;

  self->media = media;
  media->cards = g_ptr_array_new_with_free_func ((GDestroyNotify) media_card_free);
  media->thumbs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  media->cancellable = g_cancellable_new ();

  media->add_button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (media->add_button),
                        gtk_label_new_with_mnemonic (_("Add _Pictures or Videos…")));
  gtk_accessible_update_property (GTK_ACCESSIBLE (media->add_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Add Pictures or Videos…"), -1);
  gtk_widget_set_valign (media->add_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (media->add_button, "flat");
  g_signal_connect_swapped (media->add_button, "clicked", G_CALLBACK (on_add_clicked_cb), self);
  adw_preferences_group_set_header_suffix (self->media_group, media->add_button);

  media->status = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (media->status), 0);
  gtk_widget_add_css_class (media->status, "dim-label");
  gtk_widget_set_visible (media->status, FALSE);
  gtk_box_append (GTK_BOX (box), media->status);

  media->flow = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (media->flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (media->flow), TRUE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (media->flow), 4);
  /* Thumbnails keep their size: one picture is not stretched across. */
  gtk_widget_set_halign (media->flow, GTK_ALIGN_START);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (media->flow), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (media->flow), 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (media->flow), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Media"), -1);
  gtk_widget_set_visible (media->flow, FALSE);
  gtk_box_append (GTK_BOX (box), media->flow);
  adw_preferences_group_add (self->media_group, box);

  /* A new post is saved with its first media (finish_batch ()). */
  if (self->post == NULL)
    adw_preferences_group_set_description (self->media_group,
                                           _("Drop pictures or videos here, or add them: the first one saves the post as it stands. Each needs alt text before the post is approved."));

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_files_dropped_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  g_signal_connect_object (self->store, "post-changed", G_CALLBACK (on_post_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "reloaded", G_CALLBACK (on_reloaded_cb), self, G_CONNECT_SWAPPED);
  refresh (self);
}

void
lineup_post_editor_dispose_media (LineupPostEditor *self)
{
  LineupEditorMedia *media = self->media;

  if (media == NULL)
    return;
  g_cancellable_cancel (media->cancellable);
  g_clear_handle_id (&media->refresh_idle, g_source_remove);
  self->media = NULL;
  g_clear_object (&media->cancellable);
  g_clear_pointer (&media->cards, g_ptr_array_unref);
  g_clear_pointer (&media->thumbs, g_hash_table_unref);
  g_free (media->signature);
  g_free (media);
}
