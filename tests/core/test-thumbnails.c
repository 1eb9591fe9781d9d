/* test-thumbnails.c: thumbnails of media for cards, headless: made once
 * (a second request is served from memory, a second cache from the cache
 * folder, neither decodes), written whole, a damaged cache file made again,
 * requests for one thumbnail made once, and the plan's first medium and
 * count per post from one query.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <locale.h>
#include <string.h>

#include "lineup-core.h"
#include "lineup-test-util.h"
#include <gst/gst.h>

typedef struct {
  LineupTestPlan plan;
  char *cache;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  lineup_test_plan_open (&f->plan, "lineup-thumbs-XXXXXX");
  f->cache = g_build_filename (f->plan.dir, "cache", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  lineup_test_plan_close (&f->plan);
  g_free (f->cache);
}

static char *
add_post (Fixture     *f,
          LineupStage  stage)
{
  return lineup_test_plan_add_post (&f->plan, stage);
}

static char *
write_image (Fixture    *f,
             const char *name,
             const char *format,
             int         width,
             int         height,
             guint32     color)
{
  return lineup_test_write_image (f->plan.dir, name, format, width, height, color);
}

static guint
count_files (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  while (dir && g_dir_read_name (dir))
    n++;
  return n;
}

static void
attach (Fixture    *f,
        const char *id,
        const char *path,
        const char *alt)
{
  g_autoptr(GError) error = NULL;
  const char *paths[] = { path, NULL };

  g_assert_true (lineup_store_attach_media (f->plan.store, id, paths, alt, &error));
  g_assert_no_error (error);
}


typedef struct {
  guint done;
  GPtrArray *pixbufs;
} Waiter;

static void
on_thumbnail_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Waiter *w = user_data;
  g_autoptr(GError) error = NULL;
  GdkPixbuf *pixbuf = lineup_thumbnails_request_finish (LINEUP_THUMBNAILS (source), result, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pixbuf);
  g_ptr_array_add (w->pixbufs, pixbuf);
  w->done++;
}

/* Asks @n times at once for the thumbnail of the first medium of @id. */
static GdkPixbuf *
request (Fixture          *f,
         LineupThumbnails *thumbnails,
         const char       *id,
         guint             n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) media = lineup_store_get_post_media (f->plan.store, id, &error);
  LineupMedium *medium = g_ptr_array_index (media, 0);
  g_autofree char *file = lineup_store_get_media_file (f->plan.store, medium->sha256, medium->mime_type);
  Waiter w = { 0, g_ptr_array_new_with_free_func (g_object_unref) };
  GdkPixbuf *first;

  for (guint i = 0; i < n; i++)
    lineup_thumbnails_request (thumbnails, file, medium->sha256, medium->kind, LINEUP_THUMBNAIL_SMALL,
                               NULL, on_thumbnail_cb, &w);
  while (w.done < n)
    g_main_context_iteration (NULL, TRUE);
  first = g_object_ref (g_ptr_array_index (w.pixbufs, 0));
  for (guint i = 1; i < n; i++)
    g_assert_true (g_ptr_array_index (w.pixbufs, i) == first);
  g_ptr_array_unref (w.pixbufs);
  return first;
}

static char *
cache_file (Fixture          *f,
            LineupThumbnails *thumbnails,
            const char       *id)
{
  g_autoptr(GPtrArray) media = lineup_store_get_post_media (f->plan.store, id, NULL);

  return lineup_thumbnails_get_cache_file (thumbnails, ((LineupMedium *) g_ptr_array_index (media, 0))->sha256,
                                           LINEUP_THUMBNAIL_SMALL);
}

static void
test_made_once (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *id = add_post (f, LINEUP_STAGE_DRAFT);
  g_autofree char *image = write_image (f, "wide.png", "png", 400, 200, 0x3366ccff);
  g_autoptr(LineupThumbnails) thumbnails = lineup_thumbnails_new (f->cache);
  g_autoptr(LineupThumbnails) later = NULL;
  g_autoptr(GdkPixbuf) first = NULL;
  g_autoptr(GdkPixbuf) again = NULL;
  g_autoptr(GdkPixbuf) from_disk = NULL;
  g_autoptr(GdkPixbuf) written = NULL;
  g_autofree char *file = NULL;

  attach (f, id, image, "A blue banner");
  file = cache_file (f, thumbnails, id);
  g_assert_true (g_str_has_prefix (file, f->cache));
  g_assert_true (g_str_has_suffix (file, "-64.png"));

  first = request (f, thumbnails, id, 1);
  g_assert_cmpuint (lineup_thumbnails_get_decode_count (thumbnails), ==, 1);
  /* Fits the size, keeps the shape. */
  g_assert_cmpint (gdk_pixbuf_get_width (first), ==, 64);
  g_assert_cmpint (gdk_pixbuf_get_height (first), ==, 32);
  /* Written whole: the PNG and nothing else (no temporary file left). */
  written = gdk_pixbuf_new_from_file (file, NULL);
  g_assert_nonnull (written);
  g_assert_cmpint (gdk_pixbuf_get_width (written), ==, 64);
  g_assert_cmpuint (count_files (f->cache), ==, 1);

  /* On screen again: from memory, at once and without decoding. */
  {
    g_autoptr(GPtrArray) media = lineup_store_get_post_media (f->plan.store, id, NULL);

    g_assert_true (lineup_thumbnails_lookup (thumbnails, ((LineupMedium *) g_ptr_array_index (media, 0))->sha256,
                                             LINEUP_THUMBNAIL_SMALL) == first);
  }
  again = request (f, thumbnails, id, 1);
  g_assert_true (again == first);
  g_assert_cmpuint (lineup_thumbnails_get_decode_count (thumbnails), ==, 1);

  /* The next start: from the cache folder, still without decoding. */
  later = lineup_thumbnails_new (f->cache);
  from_disk = request (f, later, id, 1);
  g_assert_cmpuint (lineup_thumbnails_get_decode_count (later), ==, 0);
  g_assert_cmpint (gdk_pixbuf_get_width (from_disk), ==, 64);
}

static void
test_coalesced (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *id = add_post (f, LINEUP_STAGE_DRAFT);
  g_autofree char *image = write_image (f, "photo.jpg", "jpeg", 300, 600, 0xcc3333ff);
  g_autoptr(LineupThumbnails) thumbnails = lineup_thumbnails_new (f->cache);
  g_autoptr(GdkPixbuf) pixbuf = NULL;

  attach (f, id, image, "A red poster");
  /* Twenty cards of one post asking at once: one decode, one answer. */
  pixbuf = request (f, thumbnails, id, 20);
  g_assert_cmpuint (lineup_thumbnails_get_decode_count (thumbnails), ==, 1);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 64);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 32);
}

static void
test_damaged_cache_remade (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *id = add_post (f, LINEUP_STAGE_DRAFT);
  g_autofree char *image = write_image (f, "square.png", "png", 128, 128, 0x33aa33ff);
  g_autoptr(LineupThumbnails) thumbnails = lineup_thumbnails_new (f->cache);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkPixbuf) written = NULL;
  g_autofree char *file = NULL;
  g_autoptr(GError) error = NULL;

  attach (f, id, image, "A green square");
  file = cache_file (f, thumbnails, id);
  g_assert_cmpint (g_mkdir_with_parents (f->cache, 0700), ==, 0);
  /* Half a PNG, as a crash of some other writer might leave. */
  g_assert_true (g_file_set_contents (file, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, &error));
  g_assert_no_error (error);

  pixbuf = request (f, thumbnails, id, 1);
  g_assert_cmpuint (lineup_thumbnails_get_decode_count (thumbnails), ==, 1);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 64);
  written = gdk_pixbuf_new_from_file (file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (written), ==, 64);
}

static void
test_summaries (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *three = add_post (f, LINEUP_STAGE_DRAFT);
  g_autofree char *none = add_post (f, LINEUP_STAGE_DRAFT);
  g_autofree char *a = write_image (f, "a.png", "png", 10, 10, 0x000000ff);
  g_autofree char *b = write_image (f, "b.png", "png", 10, 10, 0xffffffff);
  g_autofree char *c = write_image (f, "c.jpg", "jpeg", 10, 10, 0xff0000ff);
  g_autoptr(GPtrArray) media = NULL;
  g_autoptr(GHashTable) summaries = NULL;
  g_autofree char *described = NULL;
  const LineupMediaSummary *summary;
  g_autoptr(GError) error = NULL;

  attach (f, three, a, "black");
  attach (f, three, b, "white");
  attach (f, three, c, "red");
  g_assert_true (lineup_store_move_medium (f->plan.store, three, 2, 0, &error));
  g_assert_no_error (error);
  media = lineup_store_get_post_media (f->plan.store, three, &error);

  summaries = lineup_store_get_media_summaries (f->plan.store);
  g_assert_cmpuint (g_hash_table_size (summaries), ==, 1);
  g_assert_false (g_hash_table_contains (summaries, none));
  summary = g_hash_table_lookup (summaries, three);
  g_assert_nonnull (summary);
  g_assert_cmpuint (summary->count, ==, 3);
  g_assert_cmpstr (summary->sha256, ==, ((LineupMedium *) g_ptr_array_index (media, 0))->sha256);
  g_assert_cmpstr (summary->mime_type, ==, "image/jpeg");

  /* Kept on the store until a post changes. */
  g_assert_null (lineup_thumbnails_summary (f->plan.store, none));
  attach (f, none, a, "black");
  summary = lineup_thumbnails_summary (f->plan.store, none);
  g_assert_nonnull (summary);
  g_assert_cmpuint (summary->count, ==, 1);

  described = lineup_thumbnails_describe (lineup_thumbnails_summary (f->plan.store, three));
  g_assert_cmpstr (described, ==, "with 3 images");
}

/* A video's thumbnail is a frame of it, at the video's shape. */
static void
test_video_poster (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *id = add_post (f, LINEUP_STAGE_DRAFT);
  g_autofree char *video = g_build_filename (f->plan.dir, "ball.webm", NULL);
  g_autofree char *launch = g_strdup_printf ("videotestsrc num-buffers=30 pattern=ball ! "
                                             "video/x-raw,width=320,height=240,framerate=30/1 ! "
                                             "vp8enc ! webmmux ! filesink location=\"%s\"", video);
  g_autoptr(LineupThumbnails) thumbnails = lineup_thumbnails_new (f->cache);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;

  gst_init (NULL, NULL);
  if (gst_element_factory_find ("vp8enc") == NULL || gst_element_factory_find ("webmmux") == NULL)
    {
      g_test_skip ("GStreamer's vp8enc and webmmux are needed to make a video");
      return;
    }
  pipeline = gst_parse_launch (launch, NULL);
  g_assert_nonnull (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  bus = gst_element_get_bus (pipeline);
  message = gst_bus_timed_pop_filtered (bus, 20 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_nonnull (message);
  g_assert_cmpint (GST_MESSAGE_TYPE (message), ==, GST_MESSAGE_EOS);
  gst_element_set_state (pipeline, GST_STATE_NULL);

  attach (f, id, video, "A ball bouncing");
  pixbuf = request (f, thumbnails, id, 1);
  g_assert_cmpuint (lineup_thumbnails_get_decode_count (thumbnails), ==, 1);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 64);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 48);
  g_assert_cmpuint (lineup_thumbnails_summary (f->plan.store, id)->kind, ==, LINEUP_MEDIA_VIDEO);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/thumbnails/made-once", test_made_once);
  ADD ("/thumbnails/coalesced", test_coalesced);
  ADD ("/thumbnails/damaged-cache-remade", test_damaged_cache_remade);
  ADD ("/thumbnails/summaries", test_summaries);
  ADD ("/thumbnails/video-poster", test_video_poster);
  return g_test_run ();
}
