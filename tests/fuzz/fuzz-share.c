/* fuzz-share.c: any bytes from a shared plan's server.
 *
 * FUZZ_SHARE_ICAL: the input is a resource's text as another client (or a
 * broken server) may have left it: lineup_share_ical_parse () reads it or
 * says why not; what it read, written back over that same text, must read
 * back as the same record — so a Lineup edit never loses or changes what
 * it owns, whatever surrounds it.
 *
 * FUZZ_CALDAV: the first line is the client's call (changes, changes-token,
 * ensure, put, get, delete), the rest the server's answers (fuzz-common.h):
 * every call ends, never crashes, never sends the password to another
 * origin, and a failure says why. Not here: the passes over real servers
 * (tests/integration/share_plans.py).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "fuzz-common.h"

#ifdef FUZZ_SHARE_ICAL
#include "lineup-share-ical.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupShareRecord) record = NULL;
  g_autoptr(LineupShareRecord) again = NULL;
  g_autofree char *written = NULL;

  fuzz_setup ();
  record = lineup_share_ical_parse (text, &error);
  if (record == NULL)
    {
      fuzz_check_failure ("lineup_share_ical_parse", error);
      return 0;
    }
  written = lineup_share_ical_render (record, text, "Europe/Warsaw", &error);
  if (written == NULL)
    {
      fuzz_check_failure ("lineup_share_ical_render", error);
      return 0;
    }
  again = lineup_share_ical_parse (written, &error);
  if (again == NULL)
    g_error ("What Lineup wrote does not read back: %s\n%s", error->message, written);
  if (!lineup_share_record_equal (record, again))
    g_error ("Written over its own text, a record read back changed:\n%s", written);
  return 0;
}
#endif

#ifdef FUZZ_CALDAV
#include "lineup-caldav.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *call = NULL;
  g_autoptr(FuzzAnswers) answers = NULL;
  g_autoptr(LineupHttp) http = NULL;
  g_autoptr(LineupCaldav) dav = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean ok = TRUE;

  fuzz_setup ();
  answers = fuzz_answers_new (data, size, &call);
  fuzz_answers_set_origin (answers, "https://dav.example");
  http = fuzz_answers_http (answers);
  dav = lineup_caldav_new (http, "https://dav.example/team/plan/", "ann", "secret");
  g_hash_table_insert (known, "/team/plan/a.ics", "\"1\"");
  g_hash_table_insert (known, "/team/plan/b.ics", "\"2\"");

  if (g_str_has_prefix (call, "changes"))
    {
      g_autoptr(GPtrArray) items = NULL;
      g_autofree char *token = NULL;
      gboolean listed = FALSE;

      ok = lineup_caldav_changes (dav, g_str_equal (call, "changes-token") ? "http://example/sync/1" : NULL,
                                  known, &items, &token, &listed, NULL, &error);
      for (guint i = 0; ok && i < items->len; i++)
        {
          LineupCaldavItem *item = g_ptr_array_index (items, i);

          if (item->href == NULL || (!item->removed && item->data == NULL))
            g_error ("A change without its href or data");
        }
    }
  else if (g_str_equal (call, "ensure"))
    ok = lineup_caldav_ensure (dav, TRUE, "Plan", NULL, &error);
  else if (g_str_equal (call, "put"))
    {
      g_autofree char *etag = NULL;

      ok = lineup_caldav_put (dav, "/team/plan/a.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "\"1\"",
                              &etag, NULL, &error);
    }
  else if (g_str_equal (call, "get"))
    {
      g_autoptr(LineupCaldavItem) item = lineup_caldav_get (dav, "/team/plan/a.ics", NULL, &error);

      ok = item != NULL;
    }
  else
    ok = lineup_caldav_delete (dav, "/team/plan/a.ics", "\"1\"", NULL, &error);
  if (!ok)
    fuzz_check_failure (call, error);
  return 0;
}
#endif
