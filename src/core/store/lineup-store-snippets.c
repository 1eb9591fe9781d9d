/* lineup-store-snippets.c: snippets (lineup-store-snippets.h): hashtag
 * groups, sign-offs and caption templates; reading, adding and removing
 * them. Each change is one operation that keeps the catalog as it was for
 * its undo step (lineup-store-undo.c holds the snippets with the pillars,
 * types and campaigns) and emits "plan-changed", which also queues the
 * plan's settings for a shared plan (lineup-store-share-plan.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "lineup-store-private.h"

static const char * const kind_keys[] = { "hashtags", "signoff", "template" };
G_STATIC_ASSERT (G_N_ELEMENTS (kind_keys) == LINEUP_N_SNIPPET_KINDS);

void
lineup_snippet_free (LineupSnippet *snippet)
{
  if (snippet == NULL)
    return;
  g_free (snippet->name);
  g_free (snippet->text);
  g_free (snippet);
}

const char *
lineup_snippet_kind_to_key (LineupSnippetKind kind)
{
  g_return_val_if_fail (kind < LINEUP_N_SNIPPET_KINDS, NULL);
  return kind_keys[kind];
}

gboolean
lineup_snippet_kind_from_key (const char        *key,
                              LineupSnippetKind *out_kind)
{
  for (guint k = 0; key && k < LINEUP_N_SNIPPET_KINDS; k++)
    if (g_ascii_strcasecmp (key, kind_keys[k]) == 0 ||
        (k == LINEUP_SNIPPET_SIGNOFF && g_ascii_strcasecmp (key, "sign-off") == 0))
      {
        if (out_kind)
          *out_kind = k;
        return TRUE;
      }
  return FALSE;
}

const char *
lineup_snippet_kind_to_label (LineupSnippetKind kind)
{
  switch (kind)
    {
    case LINEUP_SNIPPET_HASHTAGS: return _("Hashtags");
    case LINEUP_SNIPPET_SIGNOFF:  return _("Sign-off");
    case LINEUP_SNIPPET_TEMPLATE: return _("Template");
    default:                      g_return_val_if_reached (NULL);
    }
}

const char *
lineup_snippet_list_kind_keys (void)
{
  return "hashtags, signoff, template";
}

/* The editor's order (lineup-store-snippets.h), lower first; -1: not
 * offered (a template for another type). */
static int
offer_rank (const LineupSnippet *snippet,
            gint64               type_id)
{
  if (snippet->kind == LINEUP_SNIPPET_TEMPLATE)
    return snippet->type_id == 0 ? 1 : snippet->type_id == type_id ? 0 : -1;
  return snippet->kind == LINEUP_SNIPPET_HASHTAGS ? 2 : 3;
}

GPtrArray *
lineup_store_get_snippets (LineupStore *self,
                           gint64       type_id)
{
  static const char sql[] =
    "SELECT id, name, kind, coalesce(type_id, 0), text FROM snippets "
    "ORDER BY CASE kind WHEN 'hashtags' THEN 0 WHEN 'signoff' THEN 1 ELSE 2 END, name COLLATE NOCASE, id";
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_snippet_free);
  GPtrArray *offered;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), all);

  stmt = _lineup_store_prepare (self, sql, NULL);
  if (stmt == NULL)
    return all;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      LineupSnippet *snippet = g_new0 (LineupSnippet, 1);

      snippet->id = sqlite3_column_int64 (stmt, 0);
      snippet->name = g_strdup (_lineup_store_column_text (stmt, 1));
      if (!lineup_snippet_kind_from_key (_lineup_store_column_text (stmt, 2), &snippet->kind))
        snippet->kind = LINEUP_SNIPPET_TEMPLATE;
      snippet->type_id = sqlite3_column_int64 (stmt, 3);
      snippet->text = g_strdup (_lineup_store_column_text (stmt, 4));
      g_ptr_array_add (all, snippet);
    }
  _lineup_store_finish (stmt);
  if (type_id < 0)
    return all;

  offered = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_snippet_free);
  for (int rank = 0; rank < 4; rank++)
    for (guint i = 0; i < all->len; i++)
      if (all->pdata[i] && offer_rank (all->pdata[i], type_id) == rank)
        g_ptr_array_add (offered, g_steal_pointer (&all->pdata[i]));
  g_ptr_array_unref (all);   /* frees what was not offered; the rest is NULL */
  return offered;
}

LineupSnippet *
lineup_store_find_snippet (LineupStore *self,
                           const char  *name)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *wanted = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return NULL;
  wanted = g_utf8_casefold (name, -1);
  g_strstrip (wanted);
  all = lineup_store_get_snippets (self, -1);
  for (guint i = 0; i < all->len; i++)
    {
      LineupSnippet *snippet = g_ptr_array_index (all, i);
      g_autofree char *have = g_utf8_casefold (snippet->name, -1);

      if (g_str_equal (have, wanted))
        return g_ptr_array_steal_index (all, i);
    }
  return NULL;
}

gboolean
lineup_store_add_snippet (LineupStore        *self,
                          const char         *name,
                          LineupSnippetKind   kind,
                          gint64              type_id,
                          const char         *text,
                          GError            **error)
{
  static const char sql[] = "INSERT INTO snippets (name, kind, type_id, text) VALUES (?, ?, ?, ?)";
  g_autofree char *clean_name = NULL;
  g_autofree char *clean_text = NULL;
  g_autofree char *label = NULL;
  g_autoptr(LineupSnippet) existing = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  if (kind >= LINEUP_N_SNIPPET_KINDS)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The snippet’s kind is not valid: expected one of %s"), lineup_snippet_list_kind_keys ());
      return FALSE;
    }
  if (!_lineup_store_check_name (_("The snippet’s name"), name, error))
    return FALSE;
  clean_name = g_strstrip (g_strdup (name));
  if (!_lineup_store_check_text (_("The snippet’s name"), clean_name, LINEUP_SNIPPET_NAME_MAX_CHARS, error))
    return FALSE;
  if ((existing = lineup_store_find_snippet (self, clean_name)))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_EXISTS,
                   _("There is already a snippet called “%s”: pick another name, or remove that one first"),
                   existing->name);
      return FALSE;
    }
  if (!_lineup_store_check_text (_("The snippet’s text"), text, G_MAXLONG, error))
    return FALSE;
  clean_text = g_strstrip (g_strdup (text ? text : ""));
  if (*clean_text == '\0')
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The snippet’s text is empty: write what it should insert"));
      return FALSE;
    }
  if (!_lineup_store_check_text (_("The snippet’s text"), clean_text, LINEUP_SNIPPET_TEXT_MAX_CHARS, error))
    return FALSE;
  if (type_id != 0 && kind != LINEUP_SNIPPET_TEMPLATE)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("Only a template can be for one content type: leave the type out, or make the snippet a template"));
      return FALSE;
    }
  if (type_id != 0 && lineup_store_get_content_type (self, type_id) == NULL)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND,
                   _("The snippet’s content type is not in the plan: pick one of its types, or any type"));
      return FALSE;
    }

  label = g_strdup_printf (_("Add snippet “%s”"), clean_name);
  if (!_lineup_store_begin_operation (self, label, error))
    return FALSE;
  if (!_lineup_store_catalog_will_change (self, error) ||
      (stmt = _lineup_store_prepare (self, sql, error)) == NULL)
    return _lineup_store_end_operation (self, FALSE, NULL);
  sqlite3_bind_text (stmt, 1, clean_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, kind_keys[kind], -1, SQLITE_STATIC);
  if (type_id != 0)
    sqlite3_bind_int64 (stmt, 3, type_id);
  else
    sqlite3_bind_null (stmt, 3);
  sqlite3_bind_text (stmt, 4, clean_text, -1, SQLITE_STATIC);
  if (!_lineup_store_step_done (self, stmt, _("add the snippet"), error))
    return _lineup_store_end_operation (self, FALSE, NULL);
  _lineup_store_queue_signal (self, PENDING_PLAN, NULL, NULL);
  return _lineup_store_end_operation (self, TRUE, error);
}

gboolean
lineup_store_remove_snippet (LineupStore  *self,
                             const char   *name,
                             GError      **error)
{
  static const char sql[] = "DELETE FROM snippets WHERE id = ?";
  g_autoptr(LineupSnippet) snippet = NULL;
  g_autofree char *label = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  snippet = lineup_store_find_snippet (self, name);
  if (snippet == NULL)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND,
                   _("There is no snippet called “%s”: see the names with “lineup snippet list”"),
                   name && g_utf8_validate (name, -1, NULL) ? name : "?");
      return FALSE;
    }

  label = g_strdup_printf (_("Remove snippet “%s”"), snippet->name);
  if (!_lineup_store_begin_operation (self, label, error))
    return FALSE;
  if (!_lineup_store_catalog_will_change (self, error) ||
      (stmt = _lineup_store_prepare (self, sql, error)) == NULL)
    return _lineup_store_end_operation (self, FALSE, NULL);
  sqlite3_bind_int64 (stmt, 1, snippet->id);
  if (!_lineup_store_step_done (self, stmt, _("remove the snippet"), error))
    return _lineup_store_end_operation (self, FALSE, NULL);
  _lineup_store_queue_signal (self, PENDING_PLAN, NULL, NULL);
  return _lineup_store_end_operation (self, TRUE, error);
}
