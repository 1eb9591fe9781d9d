/* lineup-dav-xml.c: GMarkupParseContext into a namespace-resolved tree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lineup-dav-xml.h"

#define MAX_DEPTH     64
#define MAX_ELEMENTS  200000

typedef struct {
  char *prefix;   /* "" for the default namespace */
  char *uri;
  guint depth;    /* the element that declared it */
} Binding;

typedef struct {
  LineupDavNode *root;
  LineupDavNode *current;
  GArray        *bindings;
  guint          depth;
  guint          elements;
} Parser;

static void
binding_clear (Binding *binding)
{
  g_free (binding->prefix);
  g_free (binding->uri);
}

void
lineup_dav_node_free (LineupDavNode *node)
{
  if (node == NULL)
    return;
  /* Recursive through the children's array: the parser bounds the depth. */
  g_ptr_array_unref (node->children);
  g_string_free (node->text, TRUE);
  g_free (node->ns);
  g_free (node->name);
  g_free (node);
}

static const char *
lookup_namespace (Parser     *parser,
                  const char *prefix)
{
  for (guint i = parser->bindings->len; i > 0; i--)
    {
      Binding *binding = &g_array_index (parser->bindings, Binding, i - 1);

      if (g_str_equal (binding->prefix, prefix))
        return binding->uri;
    }
  return NULL;
}

static void
on_start (GMarkupParseContext  *context,
          const char           *element,
          const char          **names,
          const char          **values,
          gpointer              user_data,
          GError              **error)
{
  Parser *parser = user_data;
  LineupDavNode *node;
  const char *colon, *ns;
  g_autofree char *prefix = NULL;

  if (parser->depth >= MAX_DEPTH || parser->elements >= MAX_ELEMENTS)
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                   "the answer nests deeper than %d or holds more than %d elements", MAX_DEPTH, MAX_ELEMENTS);
      return;
    }
  if (parser->root && parser->current == NULL)
    {
      g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                           "the answer has more than one root element");
      return;
    }
  parser->depth++;
  parser->elements++;

  for (guint i = 0; names[i]; i++)
    {
      Binding binding;

      if (g_str_equal (names[i], "xmlns"))
        binding.prefix = g_strdup ("");
      else if (g_str_has_prefix (names[i], "xmlns:"))
        binding.prefix = g_strdup (names[i] + 6);
      else
        continue;
      binding.uri = g_strdup (values[i]);
      binding.depth = parser->depth;
      g_array_append_val (parser->bindings, binding);
    }

  colon = strchr (element, ':');
  prefix = colon ? g_strndup (element, colon - element) : g_strdup ("");
  ns = lookup_namespace (parser, prefix);

  node = g_new0 (LineupDavNode, 1);
  /* An undeclared prefix: named by the prefix itself, so it matches nothing. */
  node->ns = g_strdup (ns ? ns : prefix);
  node->name = g_strdup (colon ? colon + 1 : element);
  node->text = g_string_new (NULL);
  node->children = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_dav_node_free);
  node->parent = parser->current;
  if (parser->current)
    g_ptr_array_add (parser->current->children, node);
  else
    parser->root = node;
  parser->current = node;
}

static void
on_end (GMarkupParseContext  *context,
        const char           *element,
        gpointer              user_data,
        GError              **error)
{
  Parser *parser = user_data;

  while (parser->bindings->len > 0 &&
         g_array_index (parser->bindings, Binding, parser->bindings->len - 1).depth == parser->depth)
    g_array_remove_index (parser->bindings, parser->bindings->len - 1);
  parser->depth--;
  if (parser->current)
    parser->current = parser->current->parent;
}

static void
on_text (GMarkupParseContext  *context,
         const char           *text,
         gsize                 length,
         gpointer              user_data,
         GError              **error)
{
  Parser *parser = user_data;

  if (parser->current)
    g_string_append_len (parser->current->text, text, (gssize) length);
}

LineupDavNode *
lineup_dav_xml_parse (const char  *text,
                      gssize       length,
                      GError     **error)
{
  static const GMarkupParser callbacks = { on_start, on_end, on_text, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  Parser parser = { 0 };
  gboolean ok;

  g_return_val_if_fail (text != NULL, NULL);

  parser.bindings = g_array_new (FALSE, FALSE, sizeof (Binding));
  g_array_set_clear_func (parser.bindings, (GDestroyNotify) binding_clear);
  context = g_markup_parse_context_new (&callbacks, G_MARKUP_TREAT_CDATA_AS_TEXT, &parser, NULL);
  ok = g_markup_parse_context_parse (context, text, length, error) &&
       g_markup_parse_context_end_parse (context, error);
  g_array_unref (parser.bindings);
  if (ok && parser.root == NULL)
    {
      g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_EMPTY, "the answer holds no element");
      ok = FALSE;
    }
  if (!ok)
    {
      /* GMarkup quotes the bytes it could not read: a message a person
       * reads must be text. */
      if (error && *error && !g_utf8_validate ((*error)->message, -1, NULL))
        {
          char *valid = g_utf8_make_valid ((*error)->message, -1);

          g_free ((*error)->message);
          (*error)->message = valid;
        }
      lineup_dav_node_free (parser.root);
      return NULL;
    }
  return parser.root;
}

gboolean
lineup_dav_node_is (LineupDavNode *node,
                    const char    *ns,
                    const char    *name)
{
  return node && g_str_equal (node->ns, ns) && g_str_equal (node->name, name);
}

LineupDavNode *
lineup_dav_node_child (LineupDavNode *node,
                       const char    *ns,
                       const char    *name)
{
  if (node == NULL)
    return NULL;
  for (guint i = 0; i < node->children->len; i++)
    if (lineup_dav_node_is (node->children->pdata[i], ns, name))
      return node->children->pdata[i];
  return NULL;
}

char *
lineup_dav_node_child_text (LineupDavNode *node,
                            const char    *ns,
                            const char    *name)
{
  LineupDavNode *child = lineup_dav_node_child (node, ns, name);

  return child ? g_strstrip (g_strndup (child->text->str, child->text->len)) : NULL;
}

/* ---- multistatus ---- */

void
lineup_dav_response_free (LineupDavResponse *response)
{
  if (response == NULL)
    return;
  g_free (response->href);
  g_free (response->etag);
  g_free (response->data);
  g_free (response->sync_token);
  g_free (response);
}

/* "HTTP/1.1 404 Not Found" → 404; 0 when unreadable. */
int
lineup_dav_status_code (const char *line)
{
  const char *space = line ? strchr (line, ' ') : NULL;
  int status = 0;

  if (space == NULL)
    return 0;
  for (int i = 1; i <= 3; i++)
    {
      if (!g_ascii_isdigit (space[i]))
        return 0;
      status = status * 10 + (space[i] - '0');
    }
  return status;
}

/* iCalendar's line ends: XML turned every CR LF into LF (XML 1.0 §2.11). */
static char *
crlf (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 64);

  for (const char *p = text; *p; p++)
    {
      if (*p == '\n' && (p == text || p[-1] != '\r'))
        g_string_append_c (out, '\r');
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
read_prop (LineupDavResponse *entry,
           LineupDavNode     *prop)
{
  LineupDavNode *type = lineup_dav_node_child (prop, LINEUP_DAV_NS, "resourcetype");
  LineupDavNode *data = lineup_dav_node_child (prop, LINEUP_CALDAV_NS, "calendar-data");
  char *etag = lineup_dav_node_child_text (prop, LINEUP_DAV_NS, "getetag");
  char *token = lineup_dav_node_child_text (prop, LINEUP_DAV_NS, "sync-token");

  if (etag && *etag)
    {
      g_free (entry->etag);
      entry->etag = etag;
    }
  else
    g_free (etag);
  if (token && *token)
    {
      g_free (entry->sync_token);
      entry->sync_token = token;
    }
  else
    g_free (token);
  if (data && data->text->len > 0)
    {
      g_free (entry->data);
      entry->data = crlf (data->text->str);
    }
  if (type)
    {
      entry->collection = lineup_dav_node_child (type, LINEUP_DAV_NS, "collection") != NULL;
      entry->calendar = lineup_dav_node_child (type, LINEUP_CALDAV_NS, "calendar") != NULL;
    }
}

/* The responses of a DAV:multistatus, one per href, and its sync-token. */
GPtrArray *
lineup_dav_multistatus_parse (const char  *text,
                              gssize       length,
                              char       **out_sync_token,
                              GError     **error)
{
  g_autoptr(LineupDavNode) root = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_dav_response_free);

  if (out_sync_token)
    *out_sync_token = NULL;
  root = lineup_dav_xml_parse (text, length, error);
  if (root == NULL)
    return NULL;
  if (!lineup_dav_node_is (root, LINEUP_DAV_NS, "multistatus"))
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                   "the answer is <%s>, not a WebDAV multistatus", root->name);
      return NULL;
    }
  for (guint i = 0; i < root->children->len; i++)
    {
      LineupDavNode *node = root->children->pdata[i];
      g_autofree char *status = NULL;
      g_autoptr(LineupDavResponse) props = NULL;

      if (!lineup_dav_node_is (node, LINEUP_DAV_NS, "response"))
        continue;
      status = lineup_dav_node_child_text (node, LINEUP_DAV_NS, "status");
      props = g_new0 (LineupDavResponse, 1);
      for (guint j = 0; j < node->children->len; j++)
        {
          LineupDavNode *propstat = node->children->pdata[j];
          g_autofree char *line = NULL;

          if (!lineup_dav_node_is (propstat, LINEUP_DAV_NS, "propstat"))
            continue;
          line = lineup_dav_node_child_text (propstat, LINEUP_DAV_NS, "status");
          /* A propstat without a status is taken as found (lenient). */
          if (line == NULL || lineup_dav_status_code (line) / 100 == 2)
            read_prop (props, lineup_dav_node_child (propstat, LINEUP_DAV_NS, "prop"));
        }
      for (guint j = 0; j < node->children->len; j++)
        {
          LineupDavNode *href = node->children->pdata[j];
          g_autofree char *value = NULL;
          LineupDavResponse *entry;

          if (!lineup_dav_node_is (href, LINEUP_DAV_NS, "href"))
            continue;
          value = g_strstrip (g_strndup (href->text->str, href->text->len));
          if (*value == '\0')
            continue;
          entry = g_new0 (LineupDavResponse, 1);
          entry->href = g_steal_pointer (&value);
          entry->status = status ? lineup_dav_status_code (status) : 0;
          entry->etag = g_strdup (props->etag);
          entry->data = g_strdup (props->data);
          entry->sync_token = g_strdup (props->sync_token);
          entry->collection = props->collection;
          entry->calendar = props->calendar;
          g_ptr_array_add (entries, entry);
        }
    }
  if (out_sync_token)
    {
      char *token = lineup_dav_node_child_text (root, LINEUP_DAV_NS, "sync-token");

      if (token && *token == '\0')
        g_clear_pointer (&token, g_free);
      *out_sync_token = token;
    }
  return g_steal_pointer (&entries);
}
