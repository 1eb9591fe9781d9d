/* test-snippets.c: snippets (hashtag groups, sign-offs, caption templates):
 * adding with its checks, the editor's order for a post's type, removing,
 * each change one undo step and "plan-changed", and the snippets kept when a
 * content type they were for goes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <sqlite3.h>

#include "lineup-core.h"
#include "lineup-test-util.h"

typedef struct {
  char *dir;
  char *path;
  LineupStore *store;
  gint64 educational;
  gint64 promotional;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("lineup-snippets-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "lineup.db", NULL);
  f->store = lineup_store_open (f->path, &error);
  g_assert_no_error (error);
  f->educational = lineup_content_type_get_id (lineup_store_find_content_type (f->store, "Educational"));
  f->promotional = lineup_content_type_get_id (lineup_store_find_content_type (f->store, "Promotional"));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  lineup_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
count_signal (guint *count)
{
  (*count)++;
}

static void
add (Fixture           *f,
     const char        *name,
     LineupSnippetKind  kind,
     gint64             type_id,
     const char        *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lineup_store_add_snippet (f->store, name, kind, type_id, text, &error));
  g_assert_no_error (error);
}

static char *
names (GPtrArray *snippets)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < snippets->len; i++)
    g_string_append_printf (s, "%s%s", i ? "," : "", ((LineupSnippet *) g_ptr_array_index (snippets, i))->name);
  return g_string_free (s, FALSE);
}

static void
test_add_list_order (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) offered = NULL;
  g_autoptr(GPtrArray) any = NULL;
  g_autoptr(LineupSnippet) found = NULL;
  g_autofree char *all_names = NULL, *offered_names = NULL, *any_names = NULL;
  guint changed = 0;

  g_signal_connect_swapped (f->store, "plan-changed", G_CALLBACK (count_signal), &changed);
  add (f, "Thanks", LINEUP_SNIPPET_SIGNOFF, 0, "  Thanks for reading!\n— The team  ");
  g_assert_cmpuint (changed, ==, 1);
  add (f, "Launch tags", LINEUP_SNIPPET_HASHTAGS, 0, "#launch #gnome");
  add (f, "How-to", LINEUP_SNIPPET_TEMPLATE, f->educational, "Step 1:\nStep 2:");
  add (f, "Offer", LINEUP_SNIPPET_TEMPLATE, f->promotional, "Save 20% until Friday");
  add (f, "Any", LINEUP_SNIPPET_TEMPLATE, 0, "Hello!");

  all = lineup_store_get_snippets (f->store, -1);
  all_names = names (all);
  g_assert_cmpstr (all_names, ==, "Launch tags,Thanks,Any,How-to,Offer");

  /* An Educational post: its templates first, then any type's, hashtags,
   * sign-offs; never the promotional template. */
  offered = lineup_store_get_snippets (f->store, f->educational);
  offered_names = names (offered);
  g_assert_cmpstr (offered_names, ==, "How-to,Any,Launch tags,Thanks");
  any = lineup_store_get_snippets (f->store, 0);
  any_names = names (any);
  g_assert_cmpstr (any_names, ==, "Any,Launch tags,Thanks");

  found = lineup_store_find_snippet (f->store, " thanks ");
  g_assert_nonnull (found);
  g_assert_cmpstr (found->name, ==, "Thanks");
  g_assert_cmpint (found->kind, ==, LINEUP_SNIPPET_SIGNOFF);
  g_assert_cmpint (found->type_id, ==, 0);
  /* The text is kept trimmed, its inner line break kept. */
  g_assert_cmpstr (found->text, ==, "Thanks for reading!\n— The team");

  /* Kept after closing and opening the file again. */
  g_clear_object (&f->store);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(LineupSnippet) again = NULL;

    f->store = lineup_store_open (f->path, &error);
    g_assert_no_error (error);
    again = lineup_store_find_snippet (f->store, "HOW-TO");
    g_assert_nonnull (again);
    g_assert_cmpint (again->type_id, ==, f->educational);
    g_assert_cmpstr (again->text, ==, "Step 1:\nStep 2:");
  }
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *long_name = g_strnfill (61, 'n');
  g_autofree char *long_text = g_strnfill (2001, 't');
  g_autofree char *longest_text = g_strnfill (2000, 't');
  g_autoptr(GPtrArray) all = NULL;
  struct {
    const char *name;
    LineupSnippetKind kind;
    gint64 type;
    const char *text;
    int code;
    const char *says;
  } cases[] = {
    { "", LINEUP_SNIPPET_HASHTAGS, 0, "#a", LINEUP_STORE_ERROR_INVALID, "empty" },
    { "two\nlines", LINEUP_SNIPPET_HASHTAGS, 0, "#a", LINEUP_STORE_ERROR_INVALID, NULL },
    { long_name, LINEUP_SNIPPET_HASHTAGS, 0, "#a", LINEUP_STORE_ERROR_INVALID, "limit is 60" },
    { "Tags", LINEUP_SNIPPET_HASHTAGS, 0, "   ", LINEUP_STORE_ERROR_INVALID, "empty" },
    { "Tags", LINEUP_SNIPPET_HASHTAGS, 0, NULL, LINEUP_STORE_ERROR_INVALID, "empty" },
    { "Tags", LINEUP_SNIPPET_HASHTAGS, 0, long_text, LINEUP_STORE_ERROR_INVALID, "limit is 2000" },
    { "Tags", LINEUP_N_SNIPPET_KINDS, 0, "#a", LINEUP_STORE_ERROR_INVALID, "hashtags, signoff, template" },
    { "Tags", LINEUP_SNIPPET_HASHTAGS, 0 /* set below */, "#a", LINEUP_STORE_ERROR_INVALID, "Only a template" },
    { "Tags", LINEUP_SNIPPET_TEMPLATE, 999999, "#a", LINEUP_STORE_ERROR_NOT_FOUND, "not in the plan" },
    { "EXISTING", LINEUP_SNIPPET_SIGNOFF, 0, "Bye", LINEUP_STORE_ERROR_EXISTS, "already" },
  };

  cases[7].type = f->educational;
  add (f, "Existing", LINEUP_SNIPPET_HASHTAGS, 0, "#x");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (lineup_store_add_snippet (f->store, cases[i].name, cases[i].kind, cases[i].type,
                                                cases[i].text, &error));
      g_assert_error (error, LINEUP_STORE_ERROR, cases[i].code);
      if (cases[i].says)
        g_assert_nonnull (strstr (error->message, cases[i].says));
    }
  all = lineup_store_get_snippets (f->store, -1);
  g_assert_cmpuint (all->len, ==, 1);
  /* The limits themselves are fine. */
  {
    g_autofree char *name60 = g_strnfill (60, 'n');
    add (f, name60, LINEUP_SNIPPET_TEMPLATE, 0, longest_text);
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (lineup_store_remove_snippet (f->store, "nothing", &error));
    g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "lineup snippet list"));
  }
}

static void
test_remove_undo (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupSnippet) back = NULL;
  g_autoptr(GPtrArray) after_undo = NULL;
  g_autoptr(GPtrArray) after_redo = NULL;
  guint changed = 0;

  add (f, "How-to", LINEUP_SNIPPET_TEMPLATE, f->educational, "Step 1:");
  g_assert_cmpstr (lineup_store_get_undo_label (f->store), ==, "Add snippet “How-to”");
  g_signal_connect_swapped (f->store, "plan-changed", G_CALLBACK (count_signal), &changed);
  g_assert_true (lineup_store_remove_snippet (f->store, "how-to", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_null (lineup_store_find_snippet (f->store, "How-to"));
  g_assert_cmpstr (lineup_store_get_undo_label (f->store), ==, "Remove snippet “How-to”");

  /* Undo brings it back whole, its type too; redo removes it again. */
  g_assert_true (lineup_store_undo (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 2);
  back = lineup_store_find_snippet (f->store, "How-to");
  g_assert_nonnull (back);
  g_assert_cmpint (back->type_id, ==, f->educational);
  g_assert_cmpstr (back->text, ==, "Step 1:");
  g_assert_true (lineup_store_redo (f->store, &error));
  g_assert_no_error (error);
  after_redo = lineup_store_get_snippets (f->store, -1);
  g_assert_cmpuint (after_redo->len, ==, 0);

  /* Undoing both steps leaves none; the adding is a step of its own. */
  g_assert_true (lineup_store_undo (f->store, &error));
  g_assert_true (lineup_store_undo (f->store, &error));
  g_assert_no_error (error);
  after_undo = lineup_store_get_snippets (f->store, -1);
  g_assert_cmpuint (after_undo->len, ==, 0);
}

static void
test_type_removed (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupSnippet) kept = NULL;
  LineupContentType *type = lineup_store_add_content_type (f->store, "Webinar", &error);
  gint64 webinar;
  sqlite3 *db = NULL;

  g_assert_no_error (error);
  webinar = lineup_content_type_get_id (type);
  add (f, "Webinar intro", LINEUP_SNIPPET_TEMPLATE, webinar, "Join us live");
  /* No command removes a type; a file where one went keeps the template,
   * for any type. */
  g_clear_object (&f->store);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA foreign_keys = ON; DELETE FROM content_types WHERE name = 'Webinar'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  f->store = lineup_store_open (f->path, &error);
  g_assert_no_error (error);
  kept = lineup_store_find_snippet (f->store, "webinar intro");
  g_assert_nonnull (kept);
  g_assert_cmpint (kept->type_id, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/snippets/add-list-order", test_add_list_order);
  ADD ("/snippets/bad-input", test_bad_input);
  ADD ("/snippets/remove-undo", test_remove_undo);
  ADD ("/snippets/type-removed", test_type_removed);

  return g_test_run ();
}
