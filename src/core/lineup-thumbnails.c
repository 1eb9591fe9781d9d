/* lineup-thumbnails.c
 *
 * One GThreadPool of two workers makes thumbnails; the main context keeps
 * the table of requests being made (so a second request for a key waits
 * for the first) and the memory LRU. A worker reads the cache file first
 * and makes the thumbnail from the medium only when that is missing or
 * damaged, then writes it with g_file_set_contents() (a temporary file
 * renamed over the old one), so a crash never leaves half a PNG behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gst/gst.h>

#include "lineup-thumbnails.h"

/* About 2 MB at 64 px (RGBA), enough for a month on screen and the next. */
#define MEMORY_ENTRIES 400
#define WORKERS 2
/* A poster frame waits this long for GStreamer at most. */
#define VIDEO_TIMEOUT (5 * GST_SECOND)

struct _LineupThumbnails
{
  GObject parent_instance;

  char *cache_dir;
  GThreadPool *pool;
  GHashTable *pending;   /* key → GPtrArray of GTask waiting for it */
  GHashTable *memory;    /* key → GList link in @recent */
  GQueue recent;         /* of Entry, most recent first */
  guint decodes;         /* atomic */
};

G_DEFINE_FINAL_TYPE (LineupThumbnails, lineup_thumbnails, G_TYPE_OBJECT)

typedef struct {
  char *key;
  GdkPixbuf *pixbuf;
} Entry;

typedef struct {
  LineupThumbnails *self;   /* a reference */
  GMainContext *context;
  char *key;
  char *path;
  char *cache_file;
  LineupMediaKind kind;
  int size;
  GdkPixbuf *pixbuf;        /* the worker's result */
  GError *error;
} Job;

static void
entry_free (Entry *entry)
{
  g_free (entry->key);
  g_clear_object (&entry->pixbuf);
  g_free (entry);
}

static void
job_free (Job *job)
{
  g_object_unref (job->self);
  g_main_context_unref (job->context);
  g_free (job->key);
  g_free (job->path);
  g_free (job->cache_file);
  g_clear_object (&job->pixbuf);
  g_clear_error (&job->error);
  g_free (job);
}

static char *
make_key (const char *sha256,
          int         size)
{
  return g_strdup_printf ("%s-%d", sha256, size);
}

/* Whether a cache file read back is one this cache wrote. */
static GdkPixbuf *
read_cache_file (const char *file,
                 int         size)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file (file, NULL);

  if (pixbuf == NULL || gdk_pixbuf_get_width (pixbuf) > size || gdk_pixbuf_get_height (pixbuf) > size
      || gdk_pixbuf_get_width (pixbuf) < 1 || gdk_pixbuf_get_height (pixbuf) < 1)
    return NULL;
  return g_steal_pointer (&pixbuf);
}

static GdkPixbuf *
scale_to_fit (GdkPixbuf *pixbuf,
              int        size)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  double scale = (double) size / MAX (width, height);

  if (scale >= 1.0)
    return g_object_ref (pixbuf);
  return gdk_pixbuf_scale_simple (pixbuf, MAX (1, (int) (width * scale + 0.5)),
                                  MAX (1, (int) (height * scale + 0.5)), GDK_INTERP_BILINEAR);
}

/* A video's poster frame: a third of the way in (at most a second), where
 * the first frame is often black, decoded to RGB by GStreamer. */
static GdkPixbuf *
video_poster (const char  *path,
              int          size,
              GError     **error)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *uri = g_filename_to_uri (absolute, NULL, error);
  g_autofree char *description = NULL;
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstElement) sink = NULL;
  g_autoptr(GstSample) sample = NULL;
  GstStateChangeReturn ret;
  GstBuffer *buffer;
  GstCaps *caps;
  GstStructure *structure;
  GstMapInfo map;
  gint64 duration = 0;
  int width = 0, height = 0;
  GdkPixbuf *frame;
  GdkPixbuf *result;

  if (uri == NULL)
    return NULL;
  if (!gst_init_check (NULL, NULL, error))
    return NULL;
  description = g_strdup_printf ("uridecodebin uri=\"%s\" ! videoconvert ! videoscale ! "
                                 "video/x-raw,format=RGB,pixel-aspect-ratio=1/1 ! "
                                 "appsink name=sink sync=false max-buffers=1 drop=true", uri);
  pipeline = gst_parse_launch (description, error);
  if (pipeline == NULL)
    return NULL;
  gst_object_ref_sink (pipeline);
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");

  ret = gst_element_set_state (pipeline, GST_STATE_PAUSED);
  if (ret != GST_STATE_CHANGE_FAILURE)
    ret = gst_element_get_state (pipeline, NULL, NULL, VIDEO_TIMEOUT);
  if (ret == GST_STATE_CHANGE_FAILURE || ret == GST_STATE_CHANGE_ASYNC)
    {
      gst_element_set_state (pipeline, GST_STATE_NULL);
      g_set_error (error, LINEUP_MEDIA_ERROR, LINEUP_MEDIA_ERROR_DAMAGED,
                   _("Could not read a frame of the video “%s”: GStreamer could not play it. Check that the file opens in a video player."),
                   path);
      return NULL;
    }
  if (gst_element_query_duration (pipeline, GST_FORMAT_TIME, &duration) && duration > 0)
    {
      gint64 at = MIN (duration / 3, GST_SECOND);

      if (at > 0 && gst_element_seek_simple (pipeline, GST_FORMAT_TIME,
                                             GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_KEY_UNIT, at))
        gst_element_get_state (pipeline, NULL, NULL, VIDEO_TIMEOUT);
    }
  g_signal_emit_by_name (sink, "pull-preroll", &sample);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  if (sample == NULL || (caps = gst_sample_get_caps (sample)) == NULL
      || (buffer = gst_sample_get_buffer (sample)) == NULL)
    {
      g_set_error (error, LINEUP_MEDIA_ERROR, LINEUP_MEDIA_ERROR_DAMAGED,
                   _("Could not read a frame of the video “%s”: it has no picture GStreamer can decode. Check that the file opens in a video player."),
                   path);
      return NULL;
    }
  structure = gst_caps_get_structure (caps, 0);
  gst_structure_get_int (structure, "width", &width);
  gst_structure_get_int (structure, "height", &height);
  if (width < 1 || height < 1 || !gst_buffer_map (buffer, &map, GST_MAP_READ))
    {
      g_set_error (error, LINEUP_MEDIA_ERROR, LINEUP_MEDIA_ERROR_DAMAGED,
                   _("Could not read a frame of the video “%s”: the frame is empty."), path);
      return NULL;
    }
  /* RGB rows are padded to 4 bytes in GStreamer's raw video. */
  frame = gdk_pixbuf_new_from_data (map.data, GDK_COLORSPACE_RGB, FALSE, 8, width, height,
                                    GST_ROUND_UP_4 (width * 3), NULL, NULL);
  result = gdk_pixbuf_scale_simple (frame, MAX (1, width * size / MAX (width, height)),
                                    MAX (1, height * size / MAX (width, height)), GDK_INTERP_BILINEAR);
  g_object_unref (frame);
  gst_buffer_unmap (buffer, &map);
  return result;
}

static GdkPixbuf *
make_thumbnail (Job     *job,
                GError **error)
{
  g_autoptr(GdkPixbuf) image = NULL;

  if (job->kind == LINEUP_MEDIA_VIDEO)
    return video_poster (job->path, job->size, error);
  /* Loaded at the size: JPEG decodes straight to it, others scale once. */
  image = gdk_pixbuf_new_from_file_at_scale (job->path, job->size, job->size, TRUE, error);
  if (image == NULL)
    return NULL;
  {
    g_autoptr(GdkPixbuf) oriented = gdk_pixbuf_apply_embedded_orientation (image);

    return scale_to_fit (oriented ? oriented : image, job->size);
  }
}

static gboolean
complete_job (gpointer data);

static void
work (gpointer data,
      gpointer pool_data)
{
  Job *job = data;
  g_autoptr(GError) local = NULL;

  (void) pool_data;
  job->pixbuf = read_cache_file (job->cache_file, job->size);
  if (job->pixbuf == NULL)
    {
      g_autofree char *folder = g_path_get_dirname (job->cache_file);
      g_autofree char *png = NULL;
      gsize length = 0;

      g_atomic_int_inc (&job->self->decodes);
      job->pixbuf = make_thumbnail (job, &job->error);
      /* A cache that cannot be written still shows the thumbnail. */
      if (job->pixbuf
          && g_mkdir_with_parents (folder, 0700) == 0
          && gdk_pixbuf_save_to_buffer (job->pixbuf, &png, &length, "png", &local, NULL)
          && !g_file_set_contents (job->cache_file, png, (gssize) length, &local))
        g_debug ("Thumbnail not cached in %s: %s", job->cache_file, local->message);
    }
  g_main_context_invoke (job->context, complete_job, job);
}

static void
remember (LineupThumbnails *self,
          const char       *key,
          GdkPixbuf        *pixbuf)
{
  GList *link = g_hash_table_lookup (self->memory, key);
  Entry *entry;

  if (link)
    {
      g_queue_unlink (&self->recent, link);
      g_queue_push_head_link (&self->recent, link);
      return;
    }
  entry = g_new0 (Entry, 1);
  entry->key = g_strdup (key);
  entry->pixbuf = g_object_ref (pixbuf);
  g_queue_push_head (&self->recent, entry);
  g_hash_table_insert (self->memory, entry->key, self->recent.head);
  while (self->recent.length > MEMORY_ENTRIES)
    {
      Entry *last = g_queue_pop_tail (&self->recent);

      g_hash_table_remove (self->memory, last->key);
      entry_free (last);
    }
}

static gboolean
complete_job (gpointer data)
{
  Job *job = data;
  LineupThumbnails *self = job->self;
  g_autoptr(GPtrArray) waiting = NULL;
  g_autofree char *key = NULL;

  g_hash_table_steal_extended (self->pending, job->key, (gpointer *) &key, (gpointer *) &waiting);
  if (job->pixbuf)
    remember (self, job->key, job->pixbuf);
  for (guint i = 0; waiting && i < waiting->len; i++)
    {
      GTask *task = g_ptr_array_index (waiting, i);

      if (job->pixbuf)
        g_task_return_pointer (task, g_object_ref (job->pixbuf), g_object_unref);
      else
        g_task_return_error (task, g_error_copy (job->error));
    }
  job_free (job);
  return G_SOURCE_REMOVE;
}

static void
lineup_thumbnails_finalize (GObject *object)
{
  LineupThumbnails *self = LINEUP_THUMBNAILS (object);

  /* Jobs hold a reference: none is running when this runs. */
  g_thread_pool_free (self->pool, TRUE, TRUE);
  g_hash_table_unref (self->pending);
  g_hash_table_unref (self->memory);
  g_queue_clear_full (&self->recent, (GDestroyNotify) entry_free);
  g_free (self->cache_dir);
  G_OBJECT_CLASS (lineup_thumbnails_parent_class)->finalize (object);
}

static void
lineup_thumbnails_class_init (LineupThumbnailsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lineup_thumbnails_finalize;
}

static void
lineup_thumbnails_init (LineupThumbnails *self)
{
  self->pool = g_thread_pool_new (work, NULL, WORKERS, FALSE, NULL);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  self->memory = g_hash_table_new (g_str_hash, g_str_equal);
  g_queue_init (&self->recent);
}

LineupThumbnails *
lineup_thumbnails_new (const char *cache_dir)
{
  LineupThumbnails *self = g_object_new (LINEUP_TYPE_THUMBNAILS, NULL);

  self->cache_dir = cache_dir ? g_strdup (cache_dir)
                              : g_build_filename (g_get_user_cache_dir (), "lineup", "thumbnails", NULL);
  return self;
}

LineupThumbnails *
lineup_thumbnails_get_default (void)
{
  static LineupThumbnails *default_cache;

  if (g_once_init_enter (&default_cache))
    g_once_init_leave (&default_cache, lineup_thumbnails_new (NULL));
  return default_cache;
}

char *
lineup_thumbnails_get_cache_file (LineupThumbnails *self,
                                  const char       *sha256,
                                  int               size)
{
  g_autofree char *name = g_strdup_printf ("%s-%d.png", sha256, size);

  g_return_val_if_fail (LINEUP_IS_THUMBNAILS (self), NULL);
  return g_build_filename (self->cache_dir, name, NULL);
}

GdkPixbuf *
lineup_thumbnails_lookup (LineupThumbnails *self,
                          const char       *sha256,
                          int               size)
{
  g_autofree char *key = NULL;
  GList *link;

  g_return_val_if_fail (LINEUP_IS_THUMBNAILS (self), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  key = make_key (sha256, size);
  if ((link = g_hash_table_lookup (self->memory, key)) == NULL)
    return NULL;
  g_queue_unlink (&self->recent, link);
  g_queue_push_head_link (&self->recent, link);
  return ((Entry *) link->data)->pixbuf;
}

void
lineup_thumbnails_request (LineupThumbnails    *self,
                           const char          *path,
                           const char          *sha256,
                           LineupMediaKind      kind,
                           int                  size,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *key = NULL;
  GdkPixbuf *known;
  GPtrArray *waiting;
  Job *job;

  g_return_if_fail (LINEUP_IS_THUMBNAILS (self));
  g_return_if_fail (path != NULL && sha256 != NULL && size > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lineup_thumbnails_request);
  g_task_set_check_cancellable (task, TRUE);
  if ((known = lineup_thumbnails_lookup (self, sha256, size)) != NULL)
    {
      g_task_return_pointer (task, g_object_ref (known), g_object_unref);
      return;
    }
  key = make_key (sha256, size);
  if ((waiting = g_hash_table_lookup (self->pending, key)) != NULL)
    {
      g_ptr_array_add (waiting, g_steal_pointer (&task));
      return;
    }
  waiting = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (waiting, g_steal_pointer (&task));
  g_hash_table_insert (self->pending, g_strdup (key), waiting);

  job = g_new0 (Job, 1);
  job->self = g_object_ref (self);
  job->context = g_main_context_ref_thread_default ();
  job->key = g_steal_pointer (&key);
  job->path = g_strdup (path);
  job->cache_file = lineup_thumbnails_get_cache_file (self, sha256, size);
  job->kind = kind;
  job->size = size;
  g_thread_pool_push (self->pool, job, NULL);
}

GdkPixbuf *
lineup_thumbnails_request_finish (LineupThumbnails  *self,
                                  GAsyncResult      *result,
                                  GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

guint
lineup_thumbnails_get_decode_count (LineupThumbnails *self)
{
  g_return_val_if_fail (LINEUP_IS_THUMBNAILS (self), 0);
  return (guint) g_atomic_int_get (&self->decodes);
}

/* The summaries, on the store until its posts change. */
#define SUMMARIES_KEY "lineup-thumbnails-summaries"

static void
forget_summaries (LineupStore *store)
{
  g_object_set_data (G_OBJECT (store), SUMMARIES_KEY, NULL);
}

const LineupMediaSummary *
lineup_thumbnails_summary (LineupStore *store,
                           const char  *post_id)
{
  GHashTable *summaries;

  g_return_val_if_fail (LINEUP_IS_STORE (store), NULL);
  g_return_val_if_fail (post_id != NULL, NULL);

  if ((summaries = g_object_get_data (G_OBJECT (store), SUMMARIES_KEY)) == NULL)
    {
      summaries = lineup_store_get_media_summaries (store);
      g_object_set_data_full (G_OBJECT (store), SUMMARIES_KEY, summaries, (GDestroyNotify) g_hash_table_unref);
      /* Connected once: the signals outlive each table. */
      if (g_object_get_data (G_OBJECT (store), SUMMARIES_KEY "-watched") == NULL)
        {
          g_object_set_data (G_OBJECT (store), SUMMARIES_KEY "-watched", GINT_TO_POINTER (1));
          g_signal_connect (store, "post-added", G_CALLBACK (forget_summaries), NULL);
          g_signal_connect (store, "post-changed", G_CALLBACK (forget_summaries), NULL);
          g_signal_connect (store, "post-removed", G_CALLBACK (forget_summaries), NULL);
          g_signal_connect (store, "plan-changed", G_CALLBACK (forget_summaries), NULL);
        }
    }
  return g_hash_table_lookup (summaries, post_id);
}

char *
lineup_thumbnails_describe (const LineupMediaSummary *summary)
{
  guint images;

  if (summary == NULL || summary->count == 0)
    return NULL;
  images = summary->count - MIN (summary->videos, summary->count);
  if (summary->videos == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "with %u image", "with %u images", images), images);
  if (images == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "with %u video", "with %u videos", summary->videos),
                            summary->videos);
  {
    g_autofree char *i = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u image", "%u images", images), images);
    g_autofree char *v = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u video", "%u videos", summary->videos),
                                          summary->videos);
    /* TRANSLATORS: "with 2 images and 1 video" */
    return g_strdup_printf (_("with %s and %s"), i, v);
  }
}
