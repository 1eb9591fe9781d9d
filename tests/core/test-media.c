/* test-media.c: media on posts, headless: the type from the bytes, the
 * refusals (a renamed text file, a truncated PNG, a file too large), hashing
 * and storing once, the ordered list with its undo steps, cleaning, and the
 * computed accessibility item of the checklist.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include "lineup-core.h"
#include "lineup-test-util.h"

typedef LineupTestPlan Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  lineup_test_plan_open (f, "lineup-media-XXXXXX");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  lineup_test_plan_close (f);
}

static char *
add_post (Fixture     *f,
          LineupStage  stage)
{
  return lineup_test_plan_add_post (f, stage);
}

static char *
write_image (Fixture    *f,
             const char *name,
             const char *format,
             int         width,
             int         height,
             guint32     color)
{
  return lineup_test_write_image (f->dir, name, format, width, height, color);
}

static char *
write_file (Fixture      *f,
            const char   *name,
            const void   *data,
            gsize         len)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, data, len, &error));
  g_assert_no_error (error);
  return path;
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

static GPtrArray *
media_of (Fixture    *f,
          const char *id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *media = lineup_store_get_post_media (f->store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (media);
  return media;
}

static void
attach (Fixture    *f,
        const char *id,
        const char *path,
        const char *alt)
{
  g_autoptr(GError) error = NULL;
  const char *paths[] = { path, NULL };

  g_assert_true (lineup_store_attach_media (f->store, id, paths, alt, &error));
  g_assert_no_error (error);
}

/* ---- the type from the bytes ---- */

static void
test_sniff (void)
{
  static const struct { const char *bytes; gsize len; const char *mime; } cases[] = {
    { "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, "image/png" },
    { "\xff\xd8\xff\xe0\0\x10JFIF\0\1\1\0\0\1", 16, "image/jpeg" },
    { "GIF89a\1\0\1\0\0\0\0\0\0\0", 16, "image/gif" },
    { "RIFF\x24\0\0\0WEBPVP8 ", 16, "image/webp" },
    { "\0\0\0\x20" "ftypisom\0\0\2\0", 16, "video/mp4" },
    { "\0\0\0\x14" "ftypqt  \0\0\2\0", 16, "video/quicktime" },
    { "\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm", 16, "video/webm" },
    /* not taken: a HEIC photo, a Matroska film, text, nothing */
    { "\0\0\0\x18" "ftypheic\0\0\0\0", 16, NULL },
    { "\x1a\x45\xdf\xa3\x9f\x42\x82\x88matroska", 16, NULL },
    { "hello, these are", 16, NULL },
    { "", 0, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (lineup_media_sniff ((const guint8 *) cases[i].bytes, cases[i].len), ==, cases[i].mime);
}

/* ---- reading a file ---- */

static void
test_probe_image (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *png = write_image (f, "bike.png", "png", 40, 30, 0xff0000ff);
  g_autofree char *jpeg = write_image (f, "bike.JPG", "jpeg", 64, 48, 0x00ff00ff);
  g_autofree char *digest = lineup_test_file_digest (png);
  g_autoptr(LineupMedium) medium = lineup_media_probe (png, &error);
  g_autoptr(LineupMedium) photo = NULL;
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_cmpstr (medium->sha256, ==, digest);
  g_assert_cmpstr (medium->mime_type, ==, "image/png");
  g_assert_cmpint (medium->kind, ==, LINEUP_MEDIA_IMAGE);
  g_assert_cmpint (medium->width, ==, 40);
  g_assert_cmpint (medium->height, ==, 30);
  g_assert_cmpint (g_stat (png, &st), ==, 0);
  g_assert_cmpint (medium->size, ==, st.st_size);
  g_assert_cmpstr (medium->name, ==, "bike.png");
  g_assert_false (lineup_medium_is_accessible (medium));

  photo = lineup_media_probe (jpeg, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (photo->mime_type, ==, "image/jpeg");
  g_assert_cmpint (photo->width, ==, 64);
}

static void
test_refuse_renamed_text (Fixture       *f,
                          gconstpointer  data)
{
  static const char text[] = "Shot list for Sunday: bikes, helmets, the park.\n";
  g_autofree char *renamed = write_file (f, "photo.png", text, strlen (text));
  g_autofree char *unnamed = write_file (f, "notes.txt", text, strlen (text));
  g_autofree char *png = write_image (f, "real.png", "png", 8, 8, 0xffffffff);
  g_autofree char *as_jpeg = g_build_filename (f->dir, "real.jpg", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_null (lineup_media_probe (renamed, &error));
  g_assert_error (error, LINEUP_MEDIA_ERROR, LINEUP_MEDIA_ERROR_MISNAMED);
  g_assert_nonnull (strstr (error->message, "photo.png"));
  g_assert_nonnull (strstr (error->message, "PNG image"));
  g_clear_error (&error);

  g_assert_null (lineup_media_probe (unnamed, &error));
  g_assert_error (error, LINEUP_MEDIA_ERROR, LINEUP_MEDIA_ERROR_UNKNOWN_TYPE);
  g_assert_nonnull (strstr (error->message, "notes.txt"));
  g_clear_error (&error);

  /* A PNG named .jpg: its content is not what its name says. */
  g_assert_true (g_file_get_contents (png, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (as_jpeg, contents, len, NULL));
  g_assert_null (lineup_media_probe (as_jpeg, &error));
  g_assert_error (error, LINEUP_MEDIA_ERROR, LINEUP_MEDIA_ERROR_MISNAMED);
  g_assert_nonnull (strstr (error->message, "rename it to .png"));
}

static void
test_refuse_truncated_png (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *png = write_image (f, "whole.png", "png", 120, 90, 0x336699ff);
  g_autofree char *contents = NULL;
  g_autofree char *cut = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (png, &contents, &len, NULL));
  cut = write_file (f, "cut.png", contents, len / 2);
  g_assert_null (lineup_media_probe (cut, &error));
  g_assert_error (error, LINEUP_MEDIA_ERROR, LINEUP_MEDIA_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "cut.png"));
  g_assert_nonnull (strstr (error->message, "truncated"));
}

static void
test_refuse_too_large (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *png = write_image (f, "small.png", "png", 8, 8, 0xffffffff);
  g_autofree char *huge = g_build_filename (f->dir, "huge.png", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  int fd;

  /* A sparse file: a PNG's start, then nothing, larger than any network takes. */
  g_assert_true (g_file_get_contents (png, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (huge, contents, len, NULL));
  fd = g_open (huge, O_WRONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, LINEUP_MEDIA_MAX_IMAGE_BYTES + 1), ==, 0);
  close (fd);
  g_assert_null (lineup_media_probe (huge, &error));
  g_assert_error (error, LINEUP_MEDIA_ERROR, LINEUP_MEDIA_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "huge.png"));
}

static void
probed (GObject      *source,
        GAsyncResult *result,
        gpointer      data)
{
  LineupMedium **out = data;
  g_autoptr(GError) error = NULL;

  *out = lineup_media_probe_finish (result, &error);
  g_assert_no_error (error);
}

/* Off the main thread, then attached as read: what a window does with a
 * large video. */
static void
test_probe_async_then_attach (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *id = add_post (f, LINEUP_STAGE_DRAFT);
  g_autofree char *png = write_image (f, "bike.png", "png", 40, 30, 0xff0000ff);
  g_autoptr(GPtrArray) media = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_medium_free);
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[] = { png, NULL };
  LineupMedium *medium = NULL;

  lineup_media_probe_async (png, NULL, probed, &medium);
  while (medium == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (medium->width, ==, 40);
  g_ptr_array_add (media, medium);
  g_assert_true (lineup_store_attach_probed_media (f->store, id, paths, media, "A red bicycle", &error));
  g_assert_no_error (error);
  stored = media_of (f, id);
  g_assert_cmpuint (stored->len, ==, 1);
  g_assert_cmpstr (((LineupMedium *) stored->pdata[0])->alt, ==, "A red bicycle");
}

/* ---- the store ---- */

static void
test_store_once_and_clean (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *first = add_post (f, LINEUP_STAGE_DRAFT);
  g_autofree char *second = add_post (f, LINEUP_STAGE_DRAFT);
  g_autofree char *png = write_image (f, "bike.png", "png", 40, 30, 0xff0000ff);
  g_autofree char *other = write_image (f, "helmet.png", "png", 20, 10, 0x0000ffff);
  g_autofree char *folder = lineup_store_get_media_folder (f->store);
  g_autofree char *digest = lineup_test_file_digest (png);
  g_autofree char *stored = NULL;
  g_autofree char *stored_digest = NULL;
  g_autoptr(GPtrArray) media = NULL;
  g_autoptr(GError) error = NULL;
  guint files = 99;
  gint64 bytes = -1;

  g_autofree char *expected_folder = g_strconcat (f->path, ".media", NULL);

  g_assert_cmpstr (folder, ==, expected_folder);
  attach (f, first, png, "A red bicycle");
  attach (f, first, png, NULL);
  attach (f, second, png, "The same bicycle");
  attach (f, second, other, NULL);
  /* Three uses of one file, one of another: two files. */
  g_assert_cmpuint (count_files (folder), ==, 2);
  stored = lineup_store_get_media_file (f->store, digest, "image/png");
  g_assert_true (g_str_has_suffix (stored, ".png"));
  stored_digest = lineup_test_file_digest (stored);
  g_assert_cmpstr (stored_digest, ==, digest);

  media = media_of (f, first);
  g_assert_cmpuint (media->len, ==, 2);
  g_assert_cmpstr (((LineupMedium *) media->pdata[0])->alt, ==, "A red bicycle");
  g_assert_cmpstr (((LineupMedium *) media->pdata[1])->alt, ==, "");
  g_assert_cmpstr (((LineupMedium *) media->pdata[0])->sha256, ==, digest);

  /* A deleted post keeps its media: undo may bring it back. */
  g_assert_true (lineup_store_delete_post (f->store, second, &error));
  g_assert_no_error (error);
  g_assert_true (lineup_store_clean_media (f->store, &files, &bytes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (files, ==, 0);
  g_assert_cmpuint (count_files (folder), ==, 2);

  /* Nothing names the helmet any more once it is detached. */
  g_assert_true (lineup_store_undo (f->store, &error));
  g_assert_no_error (error);
  g_assert_true (lineup_store_detach_medium (f->store, second, 1, &error));
  g_assert_no_error (error);
  g_assert_true (lineup_store_clean_media (f->store, &files, &bytes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (files, ==, 1);
  g_assert_cmpint (bytes, >, 0);
  g_assert_cmpuint (count_files (folder), ==, 1);
  g_assert_true (g_file_test (stored, G_FILE_TEST_EXISTS));
}

static void
test_refusal_changes_nothing (Fixture       *f,
                              gconstpointer  data)
{
  static const char text[] = "not a picture\n";
  g_autofree char *id = add_post (f, LINEUP_STAGE_DRAFT);
  g_autofree char *png = write_image (f, "bike.png", "png", 40, 30, 0xff0000ff);
  g_autofree char *renamed = write_file (f, "photo.jpg", text, strlen (text));
  g_autofree char *folder = lineup_store_get_media_folder (f->store);
  const char *paths[] = { png, renamed, NULL };
  g_autoptr(GPtrArray) media = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (lineup_store_attach_media (f->store, id, paths, "Bike", &error));
  g_assert_error (error, LINEUP_MEDIA_ERROR, LINEUP_MEDIA_ERROR_MISNAMED);
  media = media_of (f, id);
  g_assert_cmpuint (media->len, ==, 0);
  g_assert_cmpuint (count_files (folder), ==, 0);
  g_assert_false (lineup_store_can_undo (f->store) &&
                  g_strcmp0 (lineup_store_get_undo_label (f->store), "Attach media") == 0);
}

static void
test_order_and_undo (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *id = add_post (f, LINEUP_STAGE_DRAFT);
  g_autofree char *a = write_image (f, "a.png", "png", 10, 10, 0xff0000ff);
  g_autofree char *b = write_image (f, "b.png", "png", 20, 20, 0x00ff00ff);
  g_autofree char *c = write_image (f, "c.png", "png", 30, 30, 0x0000ffff);
  const char *paths[] = { a, b, c, NULL };
  g_autoptr(GError) error = NULL;
  GPtrArray *media;

  g_assert_true (lineup_store_attach_media (f->store, id, paths, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (lineup_store_move_medium (f->store, id, 2, 0, &error));
  g_assert_no_error (error);
  media = media_of (f, id);
  g_assert_cmpstr (((LineupMedium *) media->pdata[0])->name, ==, "c.png");
  g_assert_cmpstr (((LineupMedium *) media->pdata[1])->name, ==, "a.png");
  g_assert_cmpstr (((LineupMedium *) media->pdata[2])->name, ==, "b.png");
  g_ptr_array_unref (media);

  g_assert_true (lineup_store_set_medium_alt (f->store, id, 1, "  Red square  ", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lineup_store_get_undo_label (f->store), ==, "Edit alt text");
  media = media_of (f, id);
  g_assert_cmpstr (((LineupMedium *) media->pdata[1])->alt, ==, "Red square");
  g_ptr_array_unref (media);

  /* Each change is one step: the alt text, then the order, then the attach. */
  g_assert_true (lineup_store_undo (f->store, &error));
  media = media_of (f, id);
  g_assert_cmpstr (((LineupMedium *) media->pdata[1])->alt, ==, "");
  g_ptr_array_unref (media);
  g_assert_true (lineup_store_undo (f->store, &error));
  media = media_of (f, id);
  g_assert_cmpstr (((LineupMedium *) media->pdata[0])->name, ==, "a.png");
  g_ptr_array_unref (media);
  g_assert_true (lineup_store_undo (f->store, &error));
  g_assert_no_error (error);
  media = media_of (f, id);
  g_assert_cmpuint (media->len, ==, 0);
  g_ptr_array_unref (media);
  g_assert_true (lineup_store_redo (f->store, &error));
  g_assert_no_error (error);
  media = media_of (f, id);
  g_assert_cmpuint (media->len, ==, 3);
  g_ptr_array_unref (media);

  g_assert_true (lineup_store_detach_medium (f->store, id, 0, &error));
  media = media_of (f, id);
  g_assert_cmpuint (media->len, ==, 2);
  g_assert_cmpstr (((LineupMedium *) media->pdata[0])->name, ==, "b.png");
  g_ptr_array_unref (media);

  /* A number past the end says which there are. */
  g_assert_false (lineup_store_set_medium_alt (f->store, id, 5, "x", &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "from 1 to 2"));
}

static LineupChecklistItem *
media_item (LineupPostWorkflow *workflow)
{
  for (guint i = 0; i < workflow->checklist->len; i++)
    {
      LineupChecklistItem *item = g_ptr_array_index (workflow->checklist, i);

      if (lineup_checklist_text_is_media_item (item->text))
        return item;
    }
  g_assert_not_reached ();
}

static void
tick_all (Fixture    *f,
          const char *id)
{
  g_autoptr(GPtrArray) items = lineup_store_get_checklist (f->store);

  for (guint i = 0; i < items->len; i++)
    lineup_workflow_set_checked (f->store, id, ((LineupChecklistItem *) items->pdata[i])->id, TRUE, NULL, NULL);
}

static void
test_checklist_computed (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *id = add_post (f, LINEUP_STAGE_IN_REVIEW);
  g_autofree char *plain = add_post (f, LINEUP_STAGE_IN_REVIEW);
  g_autofree char *png = write_image (f, "bike.png", "png", 40, 30, 0xff0000ff);
  g_autoptr(LineupPost) post = NULL;
  g_autoptr(LineupPostWorkflow) workflow = NULL;
  g_autoptr(GPtrArray) posts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) summaries = NULL;
  g_autoptr(GError) error = NULL;
  LineupWorkflowSummary *summary;

  /* Without media: people tick it, as before. */
  tick_all (f, plain);
  post = lineup_store_get_post (f->store, plain, NULL);
  workflow = lineup_store_get_post_workflow (f->store, post, &error);
  g_assert_true (media_item (workflow)->checked);
  g_assert_false (media_item (workflow)->computed);
  g_clear_pointer (&workflow, lineup_post_workflow_free);
  g_clear_object (&post);

  /* With an image without alt text: unticked whatever people ticked, and
   * the approval is refused saying which image. */
  tick_all (f, id);
  attach (f, id, png, NULL);
  post = lineup_store_get_post (f->store, id, NULL);
  workflow = lineup_store_get_post_workflow (f->store, post, &error);
  g_assert_no_error (error);
  g_assert_true (media_item (workflow)->computed);
  g_assert_false (media_item (workflow)->checked);
  g_clear_pointer (&workflow, lineup_post_workflow_free);
  g_assert_false (lineup_workflow_approve (f->store, id, "Ana", NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "image 1"));
  g_assert_nonnull (strstr (error->message, "no alt text"));
  g_clear_error (&error);
  /* Nobody can tick it by hand. */
  {
    g_autoptr(GPtrArray) items = lineup_store_get_checklist (f->store);
    gint64 item_id = 0;

    for (guint i = 0; i < items->len; i++)
      if (lineup_checklist_text_is_media_item (((LineupChecklistItem *) items->pdata[i])->text))
        item_id = ((LineupChecklistItem *) items->pdata[i])->id;
    g_assert_false (lineup_workflow_set_checked (f->store, id, item_id, TRUE, NULL, &error));
    g_assert_nonnull (strstr (error->message, "ticked by Lineup"));
    g_clear_error (&error);
  }
  g_ptr_array_add (posts, g_object_ref (post));
  summaries = lineup_store_get_workflow_summaries (f->store, posts, &error);
  g_assert_no_error (error);
  summary = g_hash_table_lookup (summaries, id);
  g_assert_cmpuint (summary->checks_done, ==, summary->checks_total - 1);
  g_clear_pointer (&summaries, g_hash_table_unref);

  /* With its alt text: ticked, and the approval goes through. */
  g_assert_true (lineup_store_set_medium_alt (f->store, id, 0, "A red bicycle against a wall", &error));
  g_assert_no_error (error);
  workflow = lineup_store_get_post_workflow (f->store, post, &error);
  g_assert_true (media_item (workflow)->checked);
  summaries = lineup_store_get_workflow_summaries (f->store, posts, &error);
  summary = g_hash_table_lookup (summaries, id);
  g_assert_cmpuint (summary->checks_done, ==, summary->checks_total);
  g_assert_true (lineup_workflow_approve (f->store, id, "Ana", NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&post);
  post = lineup_store_get_post (f->store, id, NULL);
  g_assert_cmpint (lineup_post_get_stage (post), ==, LINEUP_STAGE_APPROVED);
}

static void
test_approved_keeps_its_media (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *id = add_post (f, LINEUP_STAGE_IN_REVIEW);
  g_autofree char *png = write_image (f, "bike.png", "png", 40, 30, 0xff0000ff);
  g_autoptr(GError) error = NULL;
  const char *paths[] = { png, NULL };

  attach (f, id, png, "Bike");
  tick_all (f, id);
  g_assert_true (lineup_workflow_approve (f->store, id, "Ana", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (lineup_store_attach_media (f->store, id, paths, NULL, &error));
  g_assert_nonnull (strstr (error->message, "In review"));
  g_clear_error (&error);
  g_assert_false (lineup_store_detach_medium (f->store, id, 0, &error));
  g_clear_error (&error);
  /* Its alt text may still improve. */
  g_assert_true (lineup_store_set_medium_alt (f->store, id, 0, "A red bike", &error));
  g_assert_no_error (error);
}

/* An approver approves the pictures with the words: a medium added while a
 * chain of two approvals is under way takes back the first one (the alt
 * text alone does not). */
static void
test_media_change_takes_back_approvals (Fixture       *f,
                                        gconstpointer  data)
{
  g_autofree char *id = add_post (f, LINEUP_STAGE_IN_REVIEW);
  g_autofree char *png = write_image (f, "bike.png", "png", 40, 30, 0xff0000ff);
  g_autofree char *jpg = write_image (f, "helmet.jpg", "jpeg", 30, 40, 0x2050ffff);
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_approval_step_free);
  g_autoptr(GError) error = NULL;
  const char *lead[] = { "Ana", NULL };
  const char *legal[] = { "Cleo", NULL };
  LineupApprovalStep *step;

  for (guint i = 0; i < 2; i++)
    {
      step = g_new0 (LineupApprovalStep, 1);
      step->name = g_strdup (i == 0 ? "Lead" : "Legal");
      step->approvers = g_strdupv ((char **) (i == 0 ? lead : legal));
      g_ptr_array_add (steps, step);
    }
  g_assert_true (lineup_store_set_member (f->store, "Ana", LINEUP_ROLE_LEAD, &error));
  g_assert_true (lineup_store_set_member (f->store, "Cleo", LINEUP_ROLE_APPROVER, &error));
  g_assert_true (lineup_store_set_approval_chain (f->store, steps, &error));
  g_assert_no_error (error);
  attach (f, id, png, "A red bike");
  tick_all (f, id);
  g_assert_true (lineup_workflow_approve (f->store, id, "Ana", NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(LineupPost) post = lineup_store_get_post (f->store, id, NULL);
    g_autoptr(LineupPostWorkflow) workflow = lineup_store_get_post_workflow (f->store, post, &error);

    g_assert_cmpint (lineup_post_get_stage (post), ==, LINEUP_STAGE_IN_REVIEW);
    g_assert_cmpuint (workflow->approvals->len, ==, 1);
  }
  /* Better alt text: Ana's approval stands. */
  g_assert_true (lineup_store_set_medium_alt (f->store, id, 0, "A red bike against a wall", &error));
  {
    g_autoptr(LineupPost) post = lineup_store_get_post (f->store, id, NULL);
    g_autoptr(LineupPostWorkflow) workflow = lineup_store_get_post_workflow (f->store, post, &error);

    g_assert_cmpuint (workflow->approvals->len, ==, 1);
  }
  /* Another picture: Ana has not seen it. */
  attach (f, id, jpg, "A blue helmet");
  {
    g_autoptr(LineupPost) post = lineup_store_get_post (f->store, id, NULL);
    g_autoptr(LineupPostWorkflow) workflow = lineup_store_get_post_workflow (f->store, post, &error);
    g_autoptr(GPtrArray) posts = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(GHashTable) summaries = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (workflow->approvals->len, ==, 0);
    g_ptr_array_add (posts, g_object_ref (post));
    summaries = lineup_store_get_workflow_summaries (f->store, posts, &error);
    g_assert_cmpuint (((LineupWorkflowSummary *) g_hash_table_lookup (summaries, id))->approvals->len, ==, 0);
  }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  g_test_add_func ("/media/sniff", test_sniff);
  ADD ("/media/probe-image", test_probe_image);
  ADD ("/media/refuse-renamed-text", test_refuse_renamed_text);
  ADD ("/media/refuse-truncated-png", test_refuse_truncated_png);
  ADD ("/media/refuse-too-large", test_refuse_too_large);
  ADD ("/media/probe-async-then-attach", test_probe_async_then_attach);
  ADD ("/media/store-once-and-clean", test_store_once_and_clean);
  ADD ("/media/refusal-changes-nothing", test_refusal_changes_nothing);
  ADD ("/media/order-and-undo", test_order_and_undo);
  ADD ("/media/checklist-computed", test_checklist_computed);
  ADD ("/media/approved-keeps-its-media", test_approved_keeps_its_media);
  ADD ("/media/change-takes-back-approvals", test_media_change_takes_back_approvals);
#undef ADD
  return g_test_run ();
}
