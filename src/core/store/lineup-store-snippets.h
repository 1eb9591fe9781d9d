/* lineup-store-snippets.h: snippets, the pieces of caption a plan keeps to
 * insert again and again: hashtag groups, sign-offs and caption templates
 * (a template may be for one content type). Adding or removing one is one
 * operation and one undo step; it emits "plan-changed", and a shared plan
 * carries the snippets in its settings (docs/sharing.md §4).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-store.h"

G_BEGIN_DECLS

typedef enum {
  LINEUP_SNIPPET_HASHTAGS,
  LINEUP_SNIPPET_SIGNOFF,
  LINEUP_SNIPPET_TEMPLATE,
  LINEUP_N_SNIPPET_KINDS,
} LineupSnippetKind;

#define LINEUP_SNIPPET_NAME_MAX_CHARS 60
#define LINEUP_SNIPPET_TEXT_MAX_CHARS 2000

typedef struct {
  gint64             id;
  char              *name;
  LineupSnippetKind  kind;
  gint64             type_id;   /* a template's content type; 0: any type */
  char              *text;
} LineupSnippet;

void          lineup_snippet_free            (LineupSnippet *snippet);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupSnippet, lineup_snippet_free)

/* "hashtags", "signoff", "template" */
const char   *lineup_snippet_kind_to_key     (LineupSnippetKind  kind);
gboolean      lineup_snippet_kind_from_key   (const char        *key,
                                              LineupSnippetKind *out_kind);
/* "Hashtags", "Sign-off", "Template", translated */
const char   *lineup_snippet_kind_to_label   (LineupSnippetKind  kind);
/* "hashtags, signoff, template" */
const char   *lineup_snippet_list_kind_keys  (void);

/* Element type LineupSnippet. @type_id < 0: every snippet, by kind then
 * name. Otherwise what a post of that content type is offered, in the
 * order to offer it: the templates for its type, the templates for any
 * type, the hashtag groups, the sign-offs (templates for other types are
 * left out). */
GPtrArray     *lineup_store_get_snippets     (LineupStore  *self,
                                              gint64        type_id);
/* By name, any case: new, or NULL. */
LineupSnippet *lineup_store_find_snippet     (LineupStore  *self,
                                              const char   *name);
/* @type_id 0: any type (hashtags and sign-offs are always for any). */
gboolean       lineup_store_add_snippet      (LineupStore        *self,
                                              const char         *name,
                                              LineupSnippetKind   kind,
                                              gint64              type_id,
                                              const char         *text,
                                              GError            **error);
gboolean       lineup_store_remove_snippet   (LineupStore  *self,
                                              const char   *name,
                                              GError      **error);

G_END_DECLS
