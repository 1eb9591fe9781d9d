/* lineup-share-media.c: a shared plan's media files on its server.
 *
 * Each file a post of the plan uses (and a video's subtitles) is one
 * resource of the plan collection, "media-SHA256.ics": a completed VTODO
 * whose ATTACH;VALUE=BINARY;ENCODING=BASE64;FMTTYPE=… carries the bytes
 * (docs/sharing.md §2a). The push uploads what the server lacks, once
 * (If-None-Match: *, and never again once this copy knows it is there);
 * the record download lists these resources without fetching them
 * (lineup_caldav_set_lazy_prefix ()), and a pass then fetches the files
 * this copy lacks one by one, with a cap of their own, checks each
 * against its SHA-256 and writes it into the media folder. Lineup never
 * deletes a media resource: another copy's post may still name it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "lineup-share-private.h"
#include "lineup-store-media.h"

/* The largest file that travels through the server: its resource is
 * about 4/3 of it, held in memory while it goes. Radicale's own default
 * max_content_length is 100,000,000 bytes. */
#define MAX_FILE_BYTES ((gint64) 100 * 1000 * 1000)
/* A file at least as large as one the server refused (413) is not sent
 * again for this long: the window makes a pass every 30 s. */
#define REFUSED_RETRY_SECONDS (60 * 60)
#define MAX_RESOURCE_BYTES ((gsize) (MAX_FILE_BYTES / 3 * 4 + MAX_FILE_BYTES / 50 + 64 * 1024))

typedef struct {
  char   *sha256;
  char   *mime_type;
  char   *name;
  gint64  size;
} Wanted;

static void
wanted_free (Wanted *wanted)
{
  g_free (wanted->sha256);
  g_free (wanted->mime_type);
  g_free (wanted->name);
  g_free (wanted);
}

static void
want (GHashTable *all,
      const char *sha256,
      const char *mime_type,
      const char *name,
      gint64      size)
{
  Wanted *wanted;

  if (sha256 == NULL || mime_type == NULL || g_hash_table_contains (all, sha256))
    return;
  wanted = g_new0 (Wanted, 1);
  wanted->sha256 = g_ascii_strdown (sha256, -1);
  wanted->mime_type = g_strdup (mime_type);
  wanted->name = g_strdup (name && *name ? name : sha256);
  wanted->size = size;
  g_hash_table_insert (all, wanted->sha256, wanted);
}

/* Every file the plan's posts use: SHA-256 → Wanted. */
static GHashTable *
wanted_files (LineupStore *store)
{
  g_autoptr(GHashTable) by_post = lineup_store_get_all_media (store);
  GHashTable *all = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) wanted_free);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, by_post);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GPtrArray *media = value;

      for (guint i = 0; i < media->len; i++)
        {
          LineupMedium *medium = g_ptr_array_index (media, i);
          g_autofree char *subtitles_name = NULL;

          want (all, medium->sha256, medium->mime_type, medium->name, medium->size);
          if (medium->subtitles)
            {
              subtitles_name = g_strdup_printf (_("subtitles of %s"), medium->name ? medium->name : medium->sha256);
              want (all, medium->subtitles, medium->subtitles_mime, subtitles_name, -1);
            }
        }
    }
  return all;
}

char *
_lineup_share_media_uid (const char *sha256)
{
  return g_strconcat (LINEUP_SHARE_MEDIA_PREFIX, sha256, NULL);
}

static gboolean
on_server (LineupShareRun *run,
           const char     *sha256)
{
  g_autofree char *uid = _lineup_share_media_uid (sha256);
  g_autoptr(LineupShareResource) resource = lineup_store_share_get_resource (run->store, LINEUP_SHARE_COLLECTION_PLAN, uid);

  return resource != NULL;
}

void
_lineup_share_media_count (LineupStore *store,
                           guint       *out_up,
                           guint       *out_down)
{
  g_autoptr(GHashTable) all = wanted_files (store);
  GHashTableIter iter;
  gpointer value;

  *out_up = *out_down = 0;
  g_hash_table_iter_init (&iter, all);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Wanted *wanted = value;
      g_autofree char *uid = _lineup_share_media_uid (wanted->sha256);
      g_autoptr(LineupShareResource) resource = NULL;

      if (!lineup_store_has_media_file (store, wanted->sha256, wanted->mime_type))
        {
          (*out_down)++;
          continue;
        }
      resource = lineup_store_share_get_resource (store, LINEUP_SHARE_COLLECTION_PLAN, uid);
      if (resource == NULL)
        (*out_up)++;
    }
}

/* ---- the resource ---- */

static void
append_folded (GString    *text,
               const char *line)
{
  gsize length = strlen (line);

  /* Lines of at most 75 octets (RFC 5545 §3.1); the line is ASCII. */
  for (gsize start = 0; start < length; start += start == 0 ? 75 : 74)
    {
      if (start > 0)
        g_string_append_c (text, ' ');
      g_string_append_len (text, line + start, MIN (length - start, start == 0 ? 75 : 74));
      g_string_append (text, "\r\n");
    }
}

static char *
escape_text (const char *value)
{
  GString *out = g_string_new (NULL);

  for (const char *p = value; *p; p++)
    {
      if (*p == '\\' || *p == ';' || *p == ',')
        g_string_append_c (out, '\\');
      if (*p == '\n')
        g_string_append (out, "\\n");
      else if ((guchar) *p >= 0x20)
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static char *
render_medium (const Wanted *wanted,
               GBytes       *bytes)
{
  g_autoptr(GString) text = g_string_new ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Lineup//Lineup//EN\r\n"
                                          "BEGIN:VTODO\r\n");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  g_autofree char *name = escape_text (wanted->name);
  g_autofree char *summary = NULL;
  g_autofree char *encoded = NULL;
  g_autofree char *line = NULL;
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  g_string_append_printf (text, "UID:%s%s\r\nDTSTAMP:%s\r\nSTATUS:COMPLETED\r\n",
                          LINEUP_SHARE_MEDIA_PREFIX, wanted->sha256, stamp);
  summary = g_strdup_printf ("SUMMARY:Lineup media: %s (kept by Lineup)", name);
  g_string_append_printf (text, "%s\r\n", summary);
  g_string_append_printf (text, "X-LINEUP-MEDIA-SHA256:%s\r\nX-LINEUP-MEDIA-SIZE:%" G_GSIZE_FORMAT "\r\n",
                          wanted->sha256, length);
  encoded = g_base64_encode (data ? data : (const guint8 *) "", length);
  line = g_strdup_printf ("ATTACH;VALUE=BINARY;ENCODING=BASE64;FMTTYPE=%s:%s", wanted->mime_type, encoded);
  g_clear_pointer (&encoded, g_free);
  append_folded (text, line);
  g_string_append (text, "END:VTODO\r\nEND:VCALENDAR\r\n");
  return g_strdup (text->str);
}

/* The bytes of the first ATTACH;VALUE=BINARY of @text, or NULL. */
static GBytes *
read_attachment (const char *text)
{
  const char *p = text;

  while (p && *p)
    {
      const char *end = p;
      gboolean binary;

      /* One logical line: a line break followed by a space or TAB goes on. */
      while (*end && !((end[0] == '\n' || (end[0] == '\r' && end[1] == '\n')) &&
                       !(end[end[0] == '\r' ? 2 : 1] == ' ' || end[end[0] == '\r' ? 2 : 1] == '\t')))
        end++;
      if (g_ascii_strncasecmp (p, "ATTACH", 6) == 0 && (p[6] == ';' || p[6] == ':'))
        {
          g_autofree char *head = NULL;
          const char *colon = memchr (p, ':', end - p);

          if (colon)
            {
              head = g_ascii_strup (p, colon - p);
              binary = strstr (head, "VALUE=BINARY") != NULL && strstr (head, "ENCODING=BASE64") != NULL;
              if (binary)
                {
                  /* g_base64_decode () skips the folding's breaks and spaces. */
                  g_autofree char *value = g_strndup (colon + 1, end - colon - 1);
                  gsize length = 0;
                  guchar *decoded = g_base64_decode (value, &length);

                  return g_bytes_new_take (decoded, length);
                }
            }
        }
      p = *end ? end + (end[0] == '\r' ? 2 : 1) : NULL;
    }
  return NULL;
}

/* ---- push ---- */

static void
refuse (LineupShareRun *run,
        GError         *error)
{
  if (run->refused == NULL)
    run->refused = error;
  else
    g_error_free (error);
}

static void
refuse_too_large (LineupShareRun *run,
                  const Wanted   *wanted,
                  gint64          bytes)
{
  g_autofree char *size = g_format_size (bytes);

  refuse (run, g_error_new (LINEUP_SHARE_ERROR, LINEUP_SHARE_ERROR_REFUSED,
                            _("The server refuses “%s” (%s) as too large (HTTP 413): the other members do "
                              "not get it. Raise the server’s limit on a request’s size (Radicale: "
                              "max_content_length in its [server] section) or attach a smaller file"),
                            wanted->name, size));
}

static gboolean
upload (LineupShareRun  *run,
        const Wanted    *wanted,
        GCancellable    *cancellable,
        GError         **error)
{
  g_autofree char *uid = _lineup_share_media_uid (wanted->sha256);
  g_autofree char *name = g_strconcat (uid, ".ics", NULL);
  g_autofree char *href = lineup_caldav_href (run->plan_dav, name);
  g_autofree char *path = lineup_store_get_media_file (run->store, wanted->sha256, wanted->mime_type);
  g_autofree char *text = NULL;
  g_autofree char *etag = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  LineupShareResource resource = { LINEUP_SHARE_COLLECTION_PLAN, uid, href, NULL, NULL };
  GError *local_error = NULL;
  GStatBuf info;
  gint64 refused_size, refused_at = 0, now;

  if (g_stat (path, &info) != 0)
    return TRUE;
  if (info.st_size > MAX_FILE_BYTES)
    {
      g_autofree char *size = g_format_size (info.st_size);
      g_autofree char *cap = g_format_size (MAX_FILE_BYTES);

      refuse (run, g_error_new (LINEUP_SHARE_ERROR, LINEUP_SHARE_ERROR_REFUSED,
                                _("“%s” (%s) stays on this computer: Lineup sends files up to %s through a shared "
                                  "plan; attach a smaller file, or share this one another way"),
                                wanted->name, size, cap));
      return TRUE;
    }
  refused_size = lineup_store_share_get_media_refused (run->store, &refused_at);
  now = g_get_real_time () / G_USEC_PER_SEC;
  if (refused_size > 0 && info.st_size >= refused_size && now - refused_at < REFUSED_RETRY_SECONDS &&
      now >= refused_at)
    {
      refuse_too_large (run, wanted, info.st_size);
      return TRUE;
    }
  mapped = g_mapped_file_new (path, FALSE, &local_error);
  if (mapped == NULL)
    {
      g_propagate_prefixed_error (error, local_error, _("Could not read “%s” to share it: "), wanted->name);
      return FALSE;
    }
  bytes = g_mapped_file_get_bytes (mapped);
  text = render_medium (wanted, bytes);
  if (lineup_caldav_put (run->plan_dav, href, text, NULL, &etag, cancellable, &local_error))
    {
      run->counts.sent++;
      resource.etag = etag;
      /* The server takes files this large now (its limit was raised). */
      if (refused_size > 0 && info.st_size >= refused_size &&
          !lineup_store_share_set_media_refused (run->store, 0, 0, error))
        return FALSE;
      return lineup_store_share_set_resource (run->store, &resource, error);
    }
  /* There already (another copy sent the same file): never sent again. */
  if (g_error_matches (local_error, LINEUP_CALDAV_ERROR, LINEUP_CALDAV_ERROR_PRECONDITION))
    {
      g_clear_error (&local_error);
      return lineup_store_share_set_resource (run->store, &resource, error);
    }
  if (g_error_matches (local_error, LINEUP_CALDAV_ERROR, LINEUP_CALDAV_ERROR_TOO_LARGE) ||
      g_error_matches (local_error, LINEUP_CALDAV_ERROR, LINEUP_CALDAV_ERROR_FORBIDDEN) ||
      g_error_matches (local_error, LINEUP_CALDAV_ERROR, LINEUP_CALDAV_ERROR_SERVER))
    {
      g_autofree char *size = g_format_size (info.st_size);
      gboolean too_large = g_error_matches (local_error, LINEUP_CALDAV_ERROR, LINEUP_CALDAV_ERROR_TOO_LARGE);

      /* The rest of the push goes on; the pass ends saying this. */
      if (too_large)
        {
          g_clear_error (&local_error);
          refuse_too_large (run, wanted, info.st_size);
          if (refused_size > 0 && refused_size < info.st_size && now - refused_at < REFUSED_RETRY_SECONDS)
            return TRUE;
          return lineup_store_share_set_media_refused (run->store, info.st_size, now, error);
        }
      else
        refuse (run, g_error_new (LINEUP_SHARE_ERROR, LINEUP_SHARE_ERROR_REFUSED,
                                  _("The server did not take “%s” (%s): %s"), wanted->name, size,
                                  local_error->message));
      g_clear_error (&local_error);
      return TRUE;
    }
  _lineup_share_wrap_error (error, local_error);
  return FALSE;
}

gboolean
_lineup_share_media_push (LineupShareRun  *run,
                          GCancellable    *cancellable,
                          GError         **error)
{
  g_autoptr(GHashTable) all = wanted_files (run->store);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, all);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Wanted *wanted = value;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (on_server (run, wanted->sha256) ||
          !lineup_store_has_media_file (run->store, wanted->sha256, wanted->mime_type))
        continue;
      if (!upload (run, wanted, cancellable, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- pull ---- */

gboolean
_lineup_share_media_listed (LineupShareRun    *run,
                            LineupCaldavItem  *item,
                            GError           **error)
{
  const char *name = strrchr (item->href, '/');
  g_autofree char *uid = NULL;
  LineupShareResource resource = { LINEUP_SHARE_COLLECTION_PLAN, NULL, item->href, item->etag, NULL };

  name = name ? name + 1 : item->href;
  uid = g_str_has_suffix (name, ".ics") ? g_strndup (name, strlen (name) - 4) : g_strdup (name);
  resource.uid = uid;
  return lineup_store_share_set_resource (run->store, &resource, error);
}

gboolean
_lineup_share_media_fetch (LineupShareRun  *run,
                           GCancellable    *cancellable,
                           GError         **error)
{
  g_autoptr(GHashTable) all = wanted_files (run->store);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, all);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Wanted *wanted = value;
      g_autofree char *uid = _lineup_share_media_uid (wanted->sha256);
      g_autoptr(LineupShareResource) resource = NULL;
      g_autoptr(LineupCaldavItem) item = NULL;
      g_autoptr(GBytes) bytes = NULL;
      GError *local_error = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (lineup_store_has_media_file (run->store, wanted->sha256, wanted->mime_type))
        continue;
      /* Not listed on the server yet: its sender has not sent it. */
      resource = lineup_store_share_get_resource (run->store, LINEUP_SHARE_COLLECTION_PLAN, uid);
      if (resource == NULL)
        continue;
      item = lineup_caldav_get_capped (run->plan_dav, resource->href, MAX_RESOURCE_BYTES, cancellable, &local_error);
      if (item == NULL)
        {
          if (g_error_matches (local_error, LINEUP_CALDAV_ERROR, LINEUP_CALDAV_ERROR_NOT_FOUND))
            {
              /* Gone: the sender sends it again. */
              g_clear_error (&local_error);
              if (!lineup_store_share_remove_resource (run->store, LINEUP_SHARE_COLLECTION_PLAN, uid, error))
                return FALSE;
              continue;
            }
          if (g_error_matches (local_error, LINEUP_HTTP_ERROR, LINEUP_HTTP_ERROR_TOO_LARGE))
            {
              refuse (run, g_error_new (LINEUP_SHARE_ERROR, LINEUP_SHARE_ERROR_FAILED,
                                        _("The server’s copy of “%s” is larger than Lineup takes: it was not saved"),
                                        wanted->name));
              g_clear_error (&local_error);
              continue;
            }
          _lineup_share_wrap_error (error, local_error);
          return FALSE;
        }
      bytes = item->data ? read_attachment (item->data) : NULL;
      if (bytes == NULL)
        {
          refuse (run, g_error_new (LINEUP_SHARE_ERROR, LINEUP_SHARE_ERROR_FAILED,
                                    _("The server’s copy of “%s” holds no file: it was not saved; whoever attached "
                                      "it can attach it again"), wanted->name));
          continue;
        }
      if (!lineup_store_write_media_file (run->store, wanted->sha256, wanted->mime_type, wanted->name, bytes,
                                          &local_error))
        {
          if (g_error_matches (local_error, LINEUP_MEDIA_ERROR, LINEUP_MEDIA_ERROR_DAMAGED))
            {
              refuse (run, g_error_new_literal (LINEUP_SHARE_ERROR, LINEUP_SHARE_ERROR_FAILED,
                                                local_error->message));
              g_clear_error (&local_error);
              continue;
            }
          g_propagate_error (error, local_error);
          return FALSE;
        }
      run->counts.received++;
    }
  return TRUE;
}
