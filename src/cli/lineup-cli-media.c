/* lineup-cli-media.c: a post's pictures and videos (lineup-store-media.h):
 * `lineup post attach|media|alt|subtitles|detach|media-move` and
 * `lineup media clean`.
 *
 * N is a medium's number in the post's order, 1 for the first, as
 * `lineup post media ID` lists them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lineup-cli-private.h"

/* A medium's number (1 is the first) as the API's index (0 is the first). */
static gboolean
parse_number (Args        *args,
              const char  *what,
              const char  *text,
              guint       *out_index,
              GError     **error)
{
  guint64 n = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT, &n, NULL))
    {
      g_autofree char *s = shown (text);

      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("%s: %s “%s” is not a medium’s number: give 1 for the first, as “lineup post media ID” lists them"),
                   args->command, what, s);
      return FALSE;
    }
  *out_index = (guint) (n - 1);
  return TRUE;
}

static char *
describe_medium (LineupMedium *medium)
{
  g_autofree char *size = g_format_size ((guint64) medium->size);
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "%s, %d×%d, %s", medium->mime_type, medium->width, medium->height, size);
  if (medium->kind == LINEUP_MEDIA_VIDEO)
    g_string_append_printf (text, ", %" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT,
                            medium->duration_ms / 60000, (medium->duration_ms / 1000) % 60);
  return g_string_free (text, FALSE);
}

void
print_media (LineupStore *store,
             GPtrArray   *media)
{
  for (guint i = 0; i < media->len; i++)
    {
      LineupMedium *medium = g_ptr_array_index (media, i);
      g_autofree char *what = describe_medium (medium);
      g_autofree char *name = one_line (medium->name);
      const char *missing = lineup_medium_missing (medium);

      g_autofree char *file = lineup_store_get_media_file (store, medium->sha256, medium->mime_type);

      out ("  %u. %s (%s)\n", i + 1, name, what);
      if (!g_file_test (file, G_FILE_TEST_IS_REGULAR))
        out ("     %s\n", _("its file is not on this computer (in a shared plan, “lineup share sync” fetches it once its sender has sent it)"));
      if (medium->kind == LINEUP_MEDIA_IMAGE || *medium->alt)
        {
          g_autofree char *alt = one_line (medium->alt);

          out ("     %s %s\n", _("alt text:"), *alt ? alt : _("none"));
        }
      if (medium->kind == LINEUP_MEDIA_VIDEO)
        out ("     %s %s\n", _("subtitles:"),
             medium->subtitles ? medium->subtitles_mime
                               : medium->no_subtitles_needed ? _("none needed") : _("none"));
      if (missing)
        out ("     %s\n", medium->kind == LINEUP_MEDIA_IMAGE
                            ? _("needs alt text before the post can be approved")
                            : _("needs subtitles (or --none-needed) before the post can be approved"));
    }
}

int
cmd_post_attach (Args    *args,
                 GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  g_autoptr(LineupPost) post = NULL;

  for (guint i = 1; i < args->positional->len; i++)
    g_ptr_array_add (paths, g_ptr_array_index (args->positional, i));
  if (paths->len == 0)
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("post attach: name the files to attach after the post’s id, e.g. lineup post attach 3f2a photo.jpg --alt \"A red bicycle\""));
      return 2;
    }
  g_ptr_array_add (paths, NULL);
  if (opt (args, "alt") && !check_length ("--alt", _("The alt text"), opt (args, "alt"), LINEUP_MEDIA_MAX_ALT_CHARS, error))
    return 2;

  store = open_store (args, error);
  if (store == NULL)
    return 1;
  if ((post = lineup_store_get_post (store, positional (args, 0), error)) == NULL)
    return 1;
  if (!lineup_store_attach_media (store, lineup_post_get_id (post), (const char * const *) paths->pdata,
                                  opt (args, "alt"), error))
    return 1;
  {
    g_autoptr(GPtrArray) media = lineup_store_get_post_media (store, lineup_post_get_id (post), error);
    g_autofree char *title = one_line (lineup_post_get_title (post));

    if (media == NULL)
      return 1;
    out (g_dngettext (GETTEXT_PACKAGE, "Attached %u file to “%s”; it has %u now:\n",
                      "Attached %u files to “%s”; it has %u now:\n", paths->len - 1),
         paths->len - 1, title, media->len);
    print_media (store, media);
  }
  return 0;
}

int
cmd_post_media (Args    *args,
                GError **error)
{
  g_autoptr(LineupStore) store = open_store (args, error);
  g_autoptr(LineupPost) post = NULL;
  g_autoptr(GPtrArray) media = NULL;

  if (store == NULL)
    return 1;
  if ((post = lineup_store_get_post (store, positional (args, 0), error)) == NULL ||
      (media = lineup_store_get_post_media (store, lineup_post_get_id (post), error)) == NULL)
    return 1;
  if (opt (args, "json"))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      lineup_media_list_to_json (builder, store, media);
      print_json (builder);
      return 0;
    }
  if (media->len == 0)
    {
      g_autofree char *title = one_line (lineup_post_get_title (post));

      out (_("“%s” has no media: attach some with lineup post attach %s FILE… --alt TEXT\n"),
           title, lineup_post_get_id (post));
      return 0;
    }
  print_media (store, media);
  return 0;
}

int
cmd_post_alt (Args    *args,
              GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  guint index;

  if (!parse_number (args, "N", positional (args, 1), &index, error) ||
      !check_length ("TEXT", _("The alt text"), positional (args, 2), LINEUP_MEDIA_MAX_ALT_CHARS, error))
    return 2;
  store = open_store (args, error);
  if (store == NULL)
    return 1;
  if (!lineup_store_set_medium_alt (store, positional (args, 0), index, positional (args, 2), error))
    return 1;
  {
    g_autofree char *text = g_strstrip (g_strdup (positional (args, 2)));

    out (*text ? _("Alt text of medium %u saved\n") : _("Alt text of medium %u removed\n"), index + 1);
  }
  return 0;
}

int
cmd_post_subtitles (Args    *args,
                    GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  gboolean none_needed = opt (args, "none-needed") != NULL;
  gboolean remove = opt (args, "remove") != NULL;
  const char *file = args->positional->len > 2 ? positional (args, 2) : NULL;
  guint index;

  if (!parse_number (args, "N", positional (args, 1), &index, error))
    return 2;
  if (args->positional->len > 3 || (file != NULL) + none_needed + remove != 1)
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("post subtitles: give one subtitles FILE (.vtt or .srt), or --none-needed for a video without speech, or --remove"));
      return 2;
    }
  store = open_store (args, error);
  if (store == NULL)
    return 1;
  if (!lineup_store_set_medium_subtitles (store, positional (args, 0), index, file, none_needed, error))
    return 1;
  out (file ? _("Subtitles of medium %u saved\n")
            : none_needed ? _("Medium %u marked as needing no subtitles\n") : _("Subtitles of medium %u removed\n"),
       index + 1);
  return 0;
}

int
cmd_post_detach (Args    *args,
                 GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  guint index;

  if (!parse_number (args, "N", positional (args, 1), &index, error))
    return 2;
  store = open_store (args, error);
  if (store == NULL)
    return 1;
  if (!lineup_store_detach_medium (store, positional (args, 0), index, error))
    return 1;
  out (_("Medium %u detached (its file stays in the plan until lineup media clean)\n"), index + 1);
  return 0;
}

int
cmd_post_media_move (Args    *args,
                     GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  guint from, to;

  if (!parse_number (args, "N", positional (args, 1), &from, error) ||
      !parse_number (args, "TO", positional (args, 2), &to, error))
    return 2;
  store = open_store (args, error);
  if (store == NULL)
    return 1;
  if (!lineup_store_move_medium (store, positional (args, 0), from, to, error))
    return 1;
  out (_("Medium %u is number %u now\n"), from + 1, to + 1);
  return 0;
}

int
cmd_media_clean (Args    *args,
                 GError **error)
{
  g_autoptr(LineupStore) store = open_store (args, error);
  g_autofree char *folder = NULL;
  g_autofree char *size = NULL;
  guint files = 0;
  gint64 bytes = 0;

  if (store == NULL)
    return 1;
  if (opt (args, "dry-run") != NULL)
    {
      if (!lineup_store_count_unused_media (store, &files, &bytes, error))
        return 1;
      folder = lineup_store_get_media_folder (store);
      size = g_format_size ((guint64) bytes);
      out (g_dngettext (GETTEXT_PACKAGE, "%u file no post uses (%s) in %s: lineup media clean removes it\n",
                        "%u files no post uses (%s) in %s: lineup media clean removes them\n", files),
           files, size, folder);
      return 0;
    }
  if (!lineup_store_clean_media (store, &files, &bytes, error))
    return 1;
  folder = lineup_store_get_media_folder (store);
  size = g_format_size ((guint64) bytes);
  out (g_dngettext (GETTEXT_PACKAGE, "Removed %u file no post uses (%s) from %s\n",
                    "Removed %u files no post uses (%s) from %s\n", files),
       files, size, folder);
  return 0;
}
