/* lineup-platform-media.c: the networks' media limits and the check.
 *
 * The numbers, from each network's documentation (late 2025), are the
 * limits of what its API or its own app takes for a post's media; where a
 * network gives a range of recommendations, the hard limit is kept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "lineup-platform.h"
#include "lineup-platform-media.h"

#define KB G_GUINT64_CONSTANT (1000)
#define MB (KB * 1000)
#define MiB G_GUINT64_CONSTANT (1048576)
#define GB (MB * 1000)
#define SECONDS G_GUINT64_CONSTANT (1000)
#define MINUTES (60 * SECONDS)

static const char * const mastodon_images[] = { "image/jpeg", "image/png", "image/gif", "image/webp", "image/heic", "image/heif", "image/avif", NULL };
static const char * const mastodon_videos[] = { "video/mp4", "video/quicktime", "video/webm", "video/x-m4v", NULL };
static const char * const bluesky_images[] = { "image/jpeg", "image/png", "image/webp", "image/gif", NULL };
static const char * const bluesky_videos[] = { "video/mp4", "video/quicktime", "video/webm", "video/mpeg", NULL };
static const char * const jpeg_only[] = { "image/jpeg", NULL };
static const char * const jpeg_png[] = { "image/jpeg", "image/png", NULL };
static const char * const jpeg_png_gif[] = { "image/jpeg", "image/png", "image/gif", NULL };
static const char * const jpeg_png_gif_webp[] = { "image/jpeg", "image/png", "image/gif", "image/webp", NULL };
static const char * const jpeg_webp[] = { "image/jpeg", "image/webp", NULL };
static const char * const facebook_images[] = { "image/jpeg", "image/png", "image/gif", "image/bmp", "image/tiff", NULL };
static const char * const pinterest_images[] = { "image/jpeg", "image/png", "image/webp", "image/bmp", "image/tiff", NULL };
static const char * const mp4_mov[] = { "video/mp4", "video/quicktime", NULL };
static const char * const mp4_only[] = { "video/mp4", NULL };
static const char * const mp4_mov_webm[] = { "video/mp4", "video/quicktime", "video/webm", NULL };
static const char * const pinterest_videos[] = { "video/mp4", "video/quicktime", "video/x-m4v", NULL };
static const char * const youtube_videos[] = { "video/mp4", "video/quicktime", "video/webm", "video/x-msvideo", "video/x-matroska", "video/mpeg", "video/x-flv", NULL };
static const char * const none[] = { NULL };

static const LineupPlatformMediaLimits table[] = {
  /* docs.joinmastodon.org/methods/media and /methods/instance: the defaults
   * of configuration.media_attachments (16 MB images up to 7680×4320 px,
   * 99 MB video up to 3840×2160 px) and max_media_attachments 4; a video
   * (or GIFV) is the post's only medium. */
  { "mastodon", TRUE, 4, 1, 4, FALSE, FALSE, mastodon_images, mastodon_videos,
    16 * MiB, 99 * MiB, 33177600, 8294400, 0, 0, 0, 0, 0,
    "https://docs.joinmastodon.org/methods/instance/#v2" },
  /* docs.bsky.app (posts, blobs): app.bsky.embed.images takes 4 images,
   * each blob at most 1,000,000 bytes; app.bsky.embed.video one video up
   * to 100 MB and 3 minutes; one embed a post, so no mixing. */
  { "bluesky", TRUE, 4, 1, 4, FALSE, FALSE, bluesky_images, bluesky_videos,
    1000000, 100 * MB, 0, 0, 0, 0, 0, 0, 3 * MINUTES,
    "https://docs.bsky.app/docs/advanced-guides/posts" },
  /* developers.facebook.com/docs/instagram-platform/content-publishing:
   * JPEG images up to 8 MB, aspect 4:5 to 1.91:1, width 320–1440 px (wider
   * ones are scaled); carousels of up to 10 items, images and videos mixed;
   * reels MP4/MOV up to 300 MB, 3 s to 15 min. */
  { "instagram", FALSE, 10, 10, 10, TRUE, FALSE, jpeg_only, mp4_mov,
    8 * MB, 300 * MB, 0, 0, 320, 0.8, 1.91, 3 * SECONDS, 15 * MINUTES,
    "https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media" },
  /* learn.microsoft.com/linkedin/marketing (Images API, Videos API): up to
   * 20 images (JPG, PNG, GIF, at most 36,152,320 pixels) or one MP4 video of
   * 75 KB to 500 MB, 3 s to 30 min, aspect 1:2.4 to 2.4:1. */
  { "linkedin", FALSE, 20, 1, 20, FALSE, FALSE, jpeg_png_gif, mp4_only,
    0, 500 * MB, 36152320, 0, 0, 1 / 2.4, 2.4, 3 * SECONDS, 30 * MINUTES,
    "https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/videos-api" },
  /* developer.x.com (media upload, best practices): 4 images (JPG, PNG,
   * GIF, WEBP, 5 MB) or one video (MP4/MOV, 512 MB, 0.5 s to 140 s, aspect
   * 1:3 to 3:1), not both. */
  { "x", FALSE, 4, 1, 4, FALSE, FALSE, jpeg_png_gif_webp, mp4_mov,
    5 * MB, 512 * MB, 0, 0, 32, 1 / 3.0, 3.0, 500, 140 * SECONDS,
    "https://developer.x.com/en/docs/x-api/v1/media/upload-media/uploading-media/media-best-practices" },
  /* developers.tiktok.com (Content Posting API, media transfer guide): a
   * video (MP4, WebM, MOV; up to 4 GB and 10 minutes; 360–4096 px a side)
   * or a photo post of up to 35 JPEG/WebP images of 20 MB. */
  { "tiktok", FALSE, 35, 1, 35, FALSE, FALSE, jpeg_webp, mp4_mov_webm,
    20 * MB, 4 * GB, 0, 0, 360, 0, 0, 3 * SECONDS, 10 * MINUTES,
    "https://developers.tiktok.com/doc/content-posting-api-media-transfer-guide" },
  /* developers.facebook.com/docs/threads (media specifications): up to 20
   * items in a carousel, mixed; JPEG/PNG images up to 8 MB, 320–1440 px
   * wide, aspect up to 10:1; MOV/MP4 video up to 1 GB and 5 minutes. */
  { "threads", FALSE, 20, 20, 20, TRUE, FALSE, jpeg_png, mp4_mov,
    8 * MB, 1 * GB, 0, 0, 320, 0.1, 10.0, 0, 5 * MINUTES,
    "https://developers.facebook.com/docs/threads/overview#media-specifications" },
  /* developers.facebook.com/docs/graph-api (Page photos, videos): photos
   * JPEG, PNG, GIF, BMP, TIFF up to 4 MB, up to 10 in a post; video MP4/MOV
   * up to 10 GB and 240 minutes. */
  { "facebook", FALSE, 10, 1, 10, FALSE, FALSE, facebook_images, mp4_mov,
    4 * MB, 10 * GB, 0, 0, 0, 0, 0, 1 * SECONDS, 240 * MINUTES,
    "https://developers.facebook.com/docs/graph-api/reference/page/photos/" },
  /* help.pinterest.com (product specs): a Pin is one image (up to 20 MB;
   * carousels of up to 5) or one video (MP4, MOV, M4V; up to 2 GB, 4 s to
   * 15 min, aspect 1:2 to 1.91:1). */
  { "pinterest", FALSE, 5, 1, 5, FALSE, FALSE, pinterest_images, pinterest_videos,
    20 * MB, 2 * GB, 0, 0, 0, 0.5, 1.91, 4 * SECONDS, 15 * MINUTES,
    "https://help.pinterest.com/en/business/article/pinterest-product-specs" },
  /* support.google.com/youtube (upload): one video, up to 256 GB or 12
   * hours; no images. */
  { "youtube", FALSE, 0, 1, 1, FALSE, TRUE, none, youtube_videos,
    0, 256 * GB, 0, 0, 0, 0, 0, 1 * SECONDS, 12 * 60 * MINUTES,
    "https://support.google.com/youtube/answer/71673" },
};

const LineupPlatformMediaLimits *
lineup_platform_media_limits (const char *platform)
{
  const LineupPlatformInfo *info = lineup_platform_lookup (platform);

  for (guint i = 0; info && i < G_N_ELEMENTS (table); i++)
    if (g_str_equal (table[i].platform, info->key))
      return &table[i];
  return NULL;
}

LineupPlatformMediaLimits *
lineup_platform_media_limits_copy (const LineupPlatformMediaLimits *limits)
{
  g_return_val_if_fail (limits != NULL, NULL);
  return g_memdup2 (limits, sizeof *limits);
}

void
lineup_media_problem_free (LineupMediaProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->message);
  g_free (problem);
}

gboolean
lineup_media_problems_have_error (GPtrArray *problems)
{
  for (guint i = 0; problems && i < problems->len; i++)
    if (((LineupMediaProblem *) g_ptr_array_index (problems, i))->level == LINEUP_MEDIA_PROBLEM_ERROR)
      return TRUE;
  return FALSE;
}

static void
add (GPtrArray                       *problems,
     const LineupPlatformMediaLimits *limits,
     int                              index,
     const char                      *format,
     ...) G_GNUC_PRINTF (4, 5);

static void
add (GPtrArray                       *problems,
     const LineupPlatformMediaLimits *limits,
     int                              index,
     const char                      *format,
     ...)
{
  LineupMediaProblem *problem = g_new0 (LineupMediaProblem, 1);
  va_list args;

  va_start (args, format);
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);
  problem->level = limits->publishes ? LINEUP_MEDIA_PROBLEM_ERROR : LINEUP_MEDIA_PROBLEM_WARNING;
  problem->index = index;
  g_ptr_array_add (problems, problem);
}

static char *
describe_medium (const LineupMediaFacts *facts,
                 guint                   index)
{
  return facts->kind == LINEUP_MEDIA_FACTS_VIDEO
    ? g_strdup_printf (_("Video %u"), index + 1)
    : g_strdup_printf (_("Image %u"), index + 1);
}

static char *
seconds (guint64 ms)
{
  if (ms % 1000 != 0)
    return g_strdup_printf (_("%.1f s"), ms / 1000.0);
  if (ms >= 60000 && ms % 60000 == 0)
    return g_strdup_printf (_("%u min"), (guint) (ms / 60000));
  return g_strdup_printf (_("%u s"), (guint) (ms / 1000));
}

static void
check_one (GPtrArray                       *problems,
           const LineupPlatformMediaLimits *limits,
           const char                      *name,
           const LineupMediaFacts          *m,
           guint                            i)
{
  gboolean video = m->kind == LINEUP_MEDIA_FACTS_VIDEO;
  const char * const *types = video ? limits->video_types : limits->image_types;
  guint64 max_bytes = video ? limits->max_video_bytes : limits->max_image_bytes;
  guint64 max_pixels = video ? limits->max_video_pixels : limits->max_image_pixels;
  g_autofree char *what = describe_medium (m, i);

  if (m->mime && types && types[0] && !g_strv_contains (types, m->mime))
    {
      g_autofree char *list = g_strjoinv (", ", (char **) types);

      add (problems, limits, i, _("%s is %s, which %s does not take: use one of %s"),
           what, m->mime, name, list);
    }
  if (m->bytes > 0 && max_bytes > 0 && m->bytes > max_bytes)
    {
      g_autofree char *size = g_format_size (m->bytes);
      g_autofree char *max = g_format_size (max_bytes);

      add (problems, limits, i, _("%s is %s; %s takes at most %s: make it smaller"),
           what, size, name, max);
    }
  if (m->width > 0 && m->height > 0)
    {
      double aspect = (double) m->width / m->height;

      if (max_pixels > 0 && (guint64) m->width * m->height > max_pixels)
        {
          g_autofree char *max = g_strdup_printf ("%" G_GUINT64_FORMAT, max_pixels);

          add (problems, limits, i, _("%s is %u × %u pixels; %s takes at most %s pixels in all: scale it down"),
               what, m->width, m->height, name, max);
        }
      if (limits->min_side > 0 && MIN (m->width, m->height) < limits->min_side)
        add (problems, limits, i, _("%s is %u × %u pixels; %s wants at least %u pixels a side"),
             what, m->width, m->height, name, limits->min_side);
      /* A little slack: 1080 × 1350 is 4:5 even when rounded. */
      if ((limits->min_aspect > 0 && aspect < limits->min_aspect * 0.995) ||
          (limits->max_aspect > 0 && aspect > limits->max_aspect * 1.005))
        add (problems, limits, i, _("%s has an aspect ratio of %.2f:1; %s takes %.2f:1 to %.2f:1: crop it"),
             what, aspect, name, limits->min_aspect, limits->max_aspect);
    }
  if (video && m->duration_ms > 0)
    {
      if (limits->max_video_ms > 0 && m->duration_ms > limits->max_video_ms)
        {
          g_autofree char *length = seconds (m->duration_ms);
          g_autofree char *max = seconds (limits->max_video_ms);

          add (problems, limits, i, _("%s lasts %s; %s takes videos up to %s: shorten it"),
               what, length, name, max);
        }
      if (limits->min_video_ms > 0 && m->duration_ms < limits->min_video_ms)
        {
          g_autofree char *length = seconds (m->duration_ms);
          g_autofree char *min = seconds (limits->min_video_ms);

          add (problems, limits, i, _("%s lasts %s; %s wants videos of at least %s"),
               what, length, name, min);
        }
    }
}

GPtrArray *
lineup_platform_media_check (const LineupPlatformMediaLimits *limits,
                             const LineupMediaFacts          *media,
                             guint                            n_media)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_media_problem_free);
  const LineupPlatformInfo *info;
  const char *name;
  guint images = 0, videos = 0;

  g_return_val_if_fail (limits != NULL, problems);
  g_return_val_if_fail (media != NULL || n_media == 0, problems);

  info = lineup_platform_lookup (limits->platform);
  name = info ? info->name : limits->platform;

  for (guint i = 0; i < n_media; i++)
    {
      if (media[i].kind == LINEUP_MEDIA_FACTS_VIDEO)
        videos++;
      else
        images++;
    }

  if (images > 0 && limits->max_images == 0)
    add (problems, limits, -1, _("%s takes no images: post a video there"), name);
  else if (images > limits->max_images)
    add (problems, limits, -1, _("The post has %u images; %s takes %u in one post: remove some"),
         images, name, limits->max_images);
  if (videos > limits->max_videos)
    add (problems, limits, -1, _("The post has %u videos; %s takes %u in one post: remove some"),
         videos, name, limits->max_videos);
  if (images > 0 && videos > 0 && !limits->mixes)
    add (problems, limits, -1, _("%s takes images or a video, not both in one post: keep one kind"), name);
  else if (limits->max_items > 0 && images + videos > limits->max_items &&
           images <= limits->max_images && videos <= limits->max_videos)
    add (problems, limits, -1, _("The post has %u media; %s takes %u in one post: remove some"),
         images + videos, name, limits->max_items);
  if (limits->needs_video && videos == 0)
    add (problems, limits, -1, _("A post on %s is a video: attach one"), name);

  for (guint i = 0; i < n_media; i++)
    check_one (problems, limits, name, &media[i], i);

  return problems;
}
