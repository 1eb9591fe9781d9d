/* lineup-cli-snippet.c: `lineup snippet add|list|remove`: the hashtag
 * groups, sign-offs and caption templates the editor inserts into a
 * caption (lineup-store-snippets.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lineup-cli-private.h"

/* Without --kind: hashtags when every word of @text is a #hashtag, a
 * template otherwise. */
static LineupSnippetKind
guess_kind (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n", -1);
  gboolean any = FALSE;

  for (guint i = 0; words[i]; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (words[i][0] != '#' || words[i][1] == '\0')
        return LINEUP_SNIPPET_TEMPLATE;
      any = TRUE;
    }
  return any ? LINEUP_SNIPPET_HASHTAGS : LINEUP_SNIPPET_TEMPLATE;
}

int
cmd_snippet_add (Args    *args,
                 GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupSnippet) added = NULL;
  const char *name = positional (args, 0);
  const char *text = positional (args, 1);
  const char *kind_key = opt (args, "kind");
  LineupContentType *type = NULL;
  LineupSnippetKind kind;

  if (!check_one_line ("NAME", name, error) || !check_utf8 ("TEXT", text, error))
    return 2;
  if (kind_key && !lineup_snippet_kind_from_key (kind_key, &kind))
    {
      g_autofree char *s = one_line (kind_key);
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("--kind “%s” is not a kind of snippet: expected one of %s"), s,
                   lineup_snippet_list_kind_keys ());
      return 2;
    }
  if (kind_key == NULL)
    kind = opt (args, "type") ? LINEUP_SNIPPET_TEMPLATE : guess_kind (text);
  if (opt (args, "type") && kind != LINEUP_SNIPPET_TEMPLATE)
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("snippet add: --type is for templates only: leave it out, or give --kind template"));
      return 2;
    }

  store = open_store (args, error);
  if (store == NULL)
    return 1;
  if (opt (args, "type") && (type = find_type (store, opt (args, "type"), error)) == NULL)
    return 1;
  if (!lineup_store_add_snippet (store, name, kind, type ? lineup_content_type_get_id (type) : 0, text, error))
    return 1;
  added = lineup_store_find_snippet (store, name);
  if (type)
    out (_("Added snippet “%s” (%s for %s)\n"), added->name, lineup_snippet_kind_to_key (kind),
         lineup_content_type_get_name (type));
  else
    out (_("Added snippet “%s” (%s)\n"), added->name, lineup_snippet_kind_to_key (kind));
  return 0;
}

int
cmd_snippet_list (Args    *args,
                  GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(GPtrArray) snippets = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (!open_for_listing (args, &store, error))
    return store == NULL && error && *error ? 1 : 0;
  snippets = lineup_store_get_snippets (store, -1);

  json_builder_begin_array (builder);
  for (guint i = 0; i < snippets->len; i++)
    {
      LineupSnippet *snippet = g_ptr_array_index (snippets, i);
      LineupContentType *type = snippet->type_id ? lineup_store_get_content_type (store, snippet->type_id) : NULL;
      char **cells = g_new0 (char *, 5);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, snippet->name);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, lineup_snippet_kind_to_key (snippet->kind));
      json_builder_set_member_name (builder, "type");
      if (type)
        json_builder_add_string_value (builder, lineup_content_type_get_name (type));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, snippet->text);
      json_builder_end_object (builder);

      cells[0] = one_line (snippet->name);
      cells[1] = g_strdup (lineup_snippet_kind_to_key (snippet->kind));
      cells[2] = type ? one_line (lineup_content_type_get_name (type)) : g_strdup (_("any type"));
      cells[3] = one_line (snippet->text);
      g_ptr_array_add (rows, cells);
    }
  json_builder_end_array (builder);

  if (opt (args, "json"))
    print_json (builder);
  else if (snippets->len == 0)
    out ("%s\n", _("No snippets yet: add one with “lineup snippet add NAME TEXT”"));
  else
    print_table (rows, 4);
  return 0;
}

int
cmd_snippet_remove (Args    *args,
                    GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupSnippet) snippet = NULL;

  if (!check_one_line ("NAME", positional (args, 0), error))
    return 2;
  store = open_store (args, error);
  if (store == NULL)
    return 1;
  snippet = lineup_store_find_snippet (store, positional (args, 0));
  if (!lineup_store_remove_snippet (store, positional (args, 0), error))
    return 1;
  out (_("Removed snippet “%s”\n"), snippet->name);
  return 0;
}
