/* lineup-preferences-snippets.c: the Snippets page of Preferences: a row
 * for each hashtag group, sign-off and caption template, with its kind,
 * type and text and a button that removes it, and the fields that create
 * one (name, kind, content type for a template, text).
 *
 * The page keeps a GListStore of items synced by id
 * (lineup-preferences-list.h) and follows "plan-changed", so what the
 * command line or a shared plan changes shows at once. Each change is one
 * store call: one transaction, one undo step (Ctrl+Z).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-preferences-list.h"
#include "lineup-preferences-snippets.h"

struct _LineupPreferencesSnippets
{
  AdwPreferencesPage parent_instance;

  LineupStore *store;
  GListStore *snippets;    /* of LineupPreferencesItem, each a LineupSnippet */
  GArray *type_ids;        /* gint64 per New Snippet type position; 0: any */

  GtkListBox *snippets_list;
  AdwEntryRow *new_name;
  AdwComboRow *new_kind;
  AdwComboRow *new_type;
  GtkTextView *new_text;
};

G_DEFINE_FINAL_TYPE (LineupPreferencesSnippets, lineup_preferences_snippets, ADW_TYPE_PREFERENCES_PAGE)

/* ---- a snippet ---- */

static char *
describe (LineupStore         *store,
          const LineupSnippet *snippet)
{
  LineupContentType *type = snippet->type_id ? lineup_store_get_content_type (store, snippet->type_id) : NULL;
  g_autofree char *text = g_strdup (snippet->text);

  g_strdelimit (text, "\n\t", ' ');
  if (type)
    /* TRANSLATORS: a snippet's row: its kind, its content type and its text. */
    return g_strdup_printf (_("%s for %s · %s"), lineup_snippet_kind_to_label (snippet->kind),
                            lineup_content_type_get_name (type), text);
  /* TRANSLATORS: a snippet's row: its kind and its text. */
  return g_strdup_printf (_("%s · %s"), lineup_snippet_kind_to_label (snippet->kind), text);
}

static void
on_remove_cb (GtkButton *button,
              gpointer   user_data)
{
  LineupPreferencesSnippets *self = user_data;
  LineupPreferencesItem *item = g_object_get_data (G_OBJECT (button), "item");
  LineupSnippet *snippet = lineup_preferences_item_get_data (item);
  g_autoptr(GError) error = NULL;

  if (!lineup_store_remove_snippet (self->store, snippet->name, &error))
    lineup_preferences_toast (GTK_WIDGET (self), error->message);
}

static void
snippet_row_update (GtkWidget *row)
{
  LineupPreferencesItem *item = g_object_get_data (G_OBJECT (row), "item");
  LineupPreferencesSnippets *self = g_object_get_data (G_OBJECT (row), "page");
  GtkWidget *remove = g_object_get_data (G_OBJECT (row), "remove");
  LineupSnippet *snippet = lineup_preferences_item_get_data (item);
  g_autofree char *title = g_markup_escape_text (snippet->name, -1);
  g_autofree char *subtitle_text = describe (self->store, snippet);
  g_autofree char *subtitle = g_markup_escape_text (subtitle_text, -1);
  g_autofree char *remove_name = g_strdup_printf (_("Remove %s"), snippet->name);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_tooltip_text (remove, remove_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_name, -1);
}

static GtkWidget *
snippet_row_new (gpointer item,
                 gpointer data)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = lineup_preferences_remove_button (_("Remove"));

  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  g_object_set_data_full (G_OBJECT (row), "item", g_object_ref (item), g_object_unref);
  g_object_set_data (G_OBJECT (row), "page", data);
  g_object_set_data (G_OBJECT (row), "remove", remove);
  g_object_set_data_full (G_OBJECT (remove), "item", g_object_ref (item), g_object_unref);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_cb), data);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  snippet_row_update (row);
  g_signal_connect_object (item, "changed", G_CALLBACK (snippet_row_update), row, G_CONNECT_SWAPPED);
  return row;
}

/* ---- a new snippet ---- */

static void
on_add_snippet_cb (GtkButton                 *button,
                   LineupPreferencesSnippets *self)
{
  g_autoptr(GError) error = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->new_text);
  guint type = adw_combo_row_get_selected (self->new_type);
  LineupSnippetKind kind = adw_combo_row_get_selected (self->new_kind);
  gint64 type_id = type < self->type_ids->len ? g_array_index (self->type_ids, gint64, type) : 0;
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (kind >= LINEUP_N_SNIPPET_KINDS)
    kind = LINEUP_SNIPPET_HASHTAGS;
  if (!lineup_store_add_snippet (self->store, gtk_editable_get_text (GTK_EDITABLE (self->new_name)),
                                 kind, kind == LINEUP_SNIPPET_TEMPLATE ? type_id : 0, text, &error))
    {
      lineup_preferences_toast (GTK_WIDGET (self), error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->new_name), "");
  gtk_text_buffer_set_text (buffer, "", 0);
}

static void
on_kind_selected_cb (LineupPreferencesSnippets *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->new_type),
                            adw_combo_row_get_selected (self->new_kind) == LINEUP_SNIPPET_TEMPLATE);
}

/* The New Snippet's type choices: any, then the plan's types. */
static void
load_types (LineupPreferencesSnippets *self)
{
  GListModel *types = lineup_store_get_content_types (self->store);
  guint selected = adw_combo_row_get_selected (self->new_type);
  gint64 was = selected < self->type_ids->len ? g_array_index (self->type_ids, gint64, selected) : 0;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 any = 0;
  guint keep = 0;

  g_array_set_size (self->type_ids, 0);
  gtk_string_list_append (names, _("Any type"));
  g_array_append_val (self->type_ids, any);
  for (guint i = 0; i < g_list_model_get_n_items (types); i++)
    {
      g_autoptr(LineupContentType) type = g_list_model_get_item (types, i);
      gint64 id = lineup_content_type_get_id (type);

      gtk_string_list_append (names, lineup_content_type_get_name (type));
      if (id == was)
        keep = self->type_ids->len;
      g_array_append_val (self->type_ids, id);
    }
  adw_combo_row_set_model (self->new_type, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->new_type, keep);
}

/* ---- the page ---- */

static char *
snippet_key (gconstpointer data)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, ((const LineupSnippet *) data)->id);
}

static char *
snippet_signature (gconstpointer data)
{
  const LineupSnippet *s = data;

  return g_strdup_printf ("%s\x1f%d\x1f%" G_GINT64_FORMAT "\x1f%s", s->name, s->kind, s->type_id, s->text);
}

static void
reload (LineupPreferencesSnippets *self)
{
  g_autoptr(GPtrArray) snippets = lineup_store_get_snippets (self->store, -1);

  g_ptr_array_set_free_func (snippets, NULL);   /* the list takes them */
  lineup_preferences_list_sync (self->snippets, snippets, snippet_key, snippet_signature,
                                (GDestroyNotify) lineup_snippet_free, FALSE);
}

static void
on_store_changed (GtkWidget *page)
{
  LineupPreferencesSnippets *self = LINEUP_PREFERENCES_SNIPPETS (page);

  load_types (self);
  reload (self);
}

void
lineup_preferences_snippets_set_store (LineupPreferencesSnippets *self,
                                       LineupStore               *store)
{
  g_return_if_fail (LINEUP_IS_PREFERENCES_SNIPPETS (self));
  g_return_if_fail (LINEUP_IS_STORE (store));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  load_types (self);
  reload (self);
  lineup_preferences_follow_store (GTK_WIDGET (self), store, on_store_changed,
                                   "plan-changed", "reloaded", "content-types-changed", NULL);
}

static void
lineup_preferences_snippets_dispose (GObject *object)
{
  LineupPreferencesSnippets *self = LINEUP_PREFERENCES_SNIPPETS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_PREFERENCES_SNIPPETS);
  g_clear_object (&self->snippets);
  g_clear_object (&self->store);
  g_clear_pointer (&self->type_ids, g_array_unref);
  G_OBJECT_CLASS (lineup_preferences_snippets_parent_class)->dispose (object);
}

static void
lineup_preferences_snippets_class_init (LineupPreferencesSnippetsClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = lineup_preferences_snippets_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lineup/Lineup/preferences/lineup-preferences-snippets.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesSnippets, snippets_list);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesSnippets, new_name);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesSnippets, new_kind);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesSnippets, new_type);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesSnippets, new_text);
  gtk_widget_class_bind_template_callback (widget_class, on_add_snippet_cb);
}

static void
lineup_preferences_snippets_init (LineupPreferencesSnippets *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->type_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->snippets = g_list_store_new (LINEUP_TYPE_PREFERENCES_ITEM);
  lineup_preferences_list_bind (self->snippets_list, G_LIST_MODEL (self->snippets), snippet_row_new, self);
  for (LineupSnippetKind k = 0; k < LINEUP_N_SNIPPET_KINDS; k++)
    gtk_string_list_append (kinds, lineup_snippet_kind_to_label (k));
  adw_combo_row_set_model (self->new_kind, G_LIST_MODEL (kinds));
  g_signal_connect_swapped (self->new_kind, "notify::selected", G_CALLBACK (on_kind_selected_cb), self);
  on_kind_selected_cb (self);
}
