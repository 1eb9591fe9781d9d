/* caldav-probe.c: one call of the CalDAV client (lineup-caldav.h) from the
 * command line, its result as JSON on stdout, for
 * tests/integration/caldav_servers.py against real servers. A test tool,
 * not a test and not installed.
 *
 *   caldav-probe URL ensure [NAME]          (NAME: create it when missing)
 *   caldav-probe URL href NAME
 *   caldav-probe URL put HREF FILE [ETAG]   (no ETAG: create)
 *   caldav-probe URL get HREF
 *   caldav-probe URL delete HREF [ETAG]
 *   caldav-probe URL changes [TOKEN [KNOWN.json]]  (KNOWN: {href: etag})
 *
 * The login comes from CALDAV_USER and CALDAV_PASSWORD. Exit status 0 with
 * {"ok": true, …}, 1 with {"ok": false, "domain", "code", "message"}.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

#include "lineup-caldav.h"

static const char *const codes[] = {
  "PRECONDITION", "FORBIDDEN", "AUTH", "NOT_FOUND", "TOO_LARGE", "NOT_CALENDAR", "PROTOCOL", "SERVER",
};

static void
add_item (JsonBuilder      *builder,
          LineupCaldavItem *item)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "href");
  json_builder_add_string_value (builder, item->href);
  json_builder_set_member_name (builder, "etag");
  json_builder_add_string_value (builder, item->etag);
  json_builder_set_member_name (builder, "data");
  json_builder_add_string_value (builder, item->data);
  json_builder_set_member_name (builder, "removed");
  json_builder_add_boolean_value (builder, item->removed);
  json_builder_end_object (builder);
}

static GHashTable *
read_known (const char  *path,
            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  GHashTable *known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonObject *object;
  GList *members;

  if (!json_parser_load_from_file (parser, path, error))
    {
      g_hash_table_unref (known);
      return NULL;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  members = json_object_get_members (object);
  for (GList *l = members; l; l = l->next)
    g_hash_table_insert (known, g_strdup (l->data), g_strdup (json_object_get_string_member (object, l->data)));
  g_list_free (members);
  return known;
}

static gboolean
run (LineupCaldav  *caldav,
     int            argc,
     char         **argv,
     JsonBuilder   *builder,
     GError       **error)
{
  const char *command = argv[2];

  if (g_str_equal (command, "ensure"))
    return lineup_caldav_ensure (caldav, argc > 3, argc > 3 ? argv[3] : NULL, NULL, error);
  if (g_str_equal (command, "href") && argc > 3)
    {
      g_autofree char *href = lineup_caldav_href (caldav, argv[3]);

      json_builder_set_member_name (builder, "href");
      json_builder_add_string_value (builder, href);
      return TRUE;
    }
  if (g_str_equal (command, "put") && argc > 4)
    {
      g_autofree char *data = NULL;
      g_autofree char *etag = NULL;

      if (!g_file_get_contents (argv[4], &data, NULL, error))
        return FALSE;
      if (!lineup_caldav_put (caldav, argv[3], data, argc > 5 ? argv[5] : NULL, &etag, NULL, error))
        return FALSE;
      json_builder_set_member_name (builder, "etag");
      json_builder_add_string_value (builder, etag);
      return TRUE;
    }
  if (g_str_equal (command, "get") && argc > 3)
    {
      g_autoptr(LineupCaldavItem) item = lineup_caldav_get (caldav, argv[3], NULL, error);

      if (item == NULL)
        return FALSE;
      json_builder_set_member_name (builder, "item");
      add_item (builder, item);
      return TRUE;
    }
  if (g_str_equal (command, "delete") && argc > 3)
    return lineup_caldav_delete (caldav, argv[3], argc > 4 ? argv[4] : NULL, NULL, error);
  if (g_str_equal (command, "changes"))
    {
      g_autoptr(GHashTable) known = NULL;
      g_autoptr(GPtrArray) items = NULL;
      g_autofree char *token = NULL;
      gboolean listed = FALSE;

      if (argc > 4 && (known = read_known (argv[4], error)) == NULL)
        return FALSE;
      if (!lineup_caldav_changes (caldav, argc > 3 ? argv[3] : NULL, known, &items, &token, &listed, NULL, error))
        return FALSE;
      json_builder_set_member_name (builder, "token");
      json_builder_add_string_value (builder, token);
      json_builder_set_member_name (builder, "listed");
      json_builder_add_boolean_value (builder, listed);
      json_builder_set_member_name (builder, "items");
      json_builder_begin_array (builder);
      for (guint i = 0; i < items->len; i++)
        add_item (builder, items->pdata[i]);
      json_builder_end_array (builder);
      return TRUE;
    }
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, "unknown command or missing arguments: %s", command);
  return FALSE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(LineupHttp) http = NULL;
  g_autoptr(LineupCaldav) caldav = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean ok;

  setlocale (LC_ALL, "");
  if (argc < 3)
    {
      g_printerr ("usage: %s URL ensure|href|put|get|delete|changes …\n", argv[0]);
      return 2;
    }
  http = lineup_http_new ();
  caldav = lineup_caldav_new (http, argv[1], g_getenv ("CALDAV_USER"), g_getenv ("CALDAV_PASSWORD"));

  json_builder_begin_object (builder);
  ok = run (caldav, argc, argv, builder, &error);
  json_builder_set_member_name (builder, "ok");
  json_builder_add_boolean_value (builder, ok);
  if (!ok)
    {
      json_builder_set_member_name (builder, "domain");
      json_builder_add_string_value (builder, g_quark_to_string (error->domain));
      json_builder_set_member_name (builder, "code");
      if (error->domain == LINEUP_CALDAV_ERROR && error->code >= 0 && error->code < (int) G_N_ELEMENTS (codes))
        json_builder_add_string_value (builder, codes[error->code]);
      else
        json_builder_add_int_value (builder, error->code);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, error->message);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
  return ok ? 0 : 1;
}
