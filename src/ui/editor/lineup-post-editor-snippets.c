/* lineup-post-editor-snippets.c: the post editor's Insert Snippet menu: the
 * plan's hashtag groups, sign-offs and caption templates (templates for the
 * post's type first, those for other types left out), rebuilt each time it
 * opens, so that what the command line or a shared plan changed shows; and
 * inserting one into the caption as one undoable edit. Ctrl+Shift+I opens
 * it from anywhere in the editor.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-post-editor-private.h"

/* The content type chosen in the form now; 0 when none. */
static gint64
chosen_type (LineupPostEditor *self)
{
  guint type = adw_combo_row_get_selected (self->type_row);

  if (self->type_ids == NULL || type >= self->type_ids->len)
    return 0;
  return *(gint64 *) g_ptr_array_index (self->type_ids, type);
}

static gboolean
is_blank (const char *text)
{
  for (; *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* A menu item's label is read for mnemonics: "my_tags" stays as it is. */
static char *
menu_label (const char *name)
{
  g_auto(GStrv) parts = g_strsplit (name, "_", -1);

  return g_strjoinv ("__", parts);
}

/* A blank caption becomes the snippet. Otherwise hashtags and a sign-off
 * asked for at the caption's end go on a line of their own; anything else
 * goes in at the cursor. One user action: one step of the caption's undo. */
static void
insert_snippet (LineupPostEditor    *self,
                const LineupSnippet *snippet)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  GtkTextIter start, end, cursor;
  g_autofree char *all = NULL;
  g_autofree char *before = NULL;
  g_autoptr(GString) text = g_string_new (snippet->text);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  all = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  gtk_text_buffer_begin_user_action (buffer);
  if (is_blank (all))
    {
      gtk_text_buffer_delete (buffer, &start, &end);
      gtk_text_buffer_get_start_iter (buffer, &cursor);
    }
  else if (snippet->kind != LINEUP_SNIPPET_TEMPLATE && gtk_text_iter_is_end (&cursor))
    {
      before = gtk_text_buffer_get_text (buffer, &start, &cursor, FALSE);
      if (!g_str_has_suffix (before, "\n"))
        g_string_prepend_c (text, '\n');
    }
  gtk_text_buffer_insert (buffer, &cursor, text->str, (int) text->len);
  gtk_text_buffer_place_cursor (buffer, &cursor);
  gtk_text_buffer_end_user_action (buffer);

  gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
  gtk_text_view_scroll_mark_onscreen (self->body_view, gtk_text_buffer_get_insert (buffer));
}

static void
on_insert_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  LineupPostEditor *self = user_data;
  const char *name = g_variant_get_string (parameter, NULL);
  g_autoptr(LineupSnippet) snippet = lineup_store_find_snippet (self->store, name);

  if (snippet == NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("The snippet “%s” is no longer in the plan: open Insert Snippet again to see the ones it has"), name);
      lineup_post_editor_show_error (self, message);
      return;
    }
  insert_snippet (self, snippet);
}

static const char *
section_title (LineupPostEditor    *self,
               const LineupSnippet *snippet,
               char               **owned)
{
  LineupContentType *type;

  switch (snippet->kind)
    {
    case LINEUP_SNIPPET_HASHTAGS:
      return _("Hashtags");
    case LINEUP_SNIPPET_SIGNOFF:
      return _("Sign-offs");
    case LINEUP_SNIPPET_TEMPLATE:
    default:
      type = snippet->type_id ? lineup_store_get_content_type (self->store, snippet->type_id) : NULL;
      if (type == NULL)
        return _("Templates");
      /* TRANSLATORS: %s is a content type, e.g. "Templates for Educational". */
      *owned = g_strdup_printf (_("Templates for %s"), lineup_content_type_get_name (type));
      return *owned;
    }
}

/* The menu, built as it opens. */
static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       user_data)
{
  LineupPostEditor *self = user_data;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = NULL;
  g_autoptr(GPtrArray) snippets = lineup_store_get_snippets (self->store, chosen_type (self));
  g_autofree char *title = NULL;

  for (guint i = 0; i < snippets->len; i++)
    {
      LineupSnippet *snippet = g_ptr_array_index (snippets, i);
      g_autofree char *owned = NULL;
      const char *this_title = section_title (self, snippet, &owned);
      g_autofree char *label = menu_label (snippet->name);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      if (section == NULL || g_strcmp0 (title, this_title) != 0)
        {
          g_clear_object (&section);
          section = g_menu_new ();
          g_free (title);
          title = g_strdup (this_title);
          g_menu_append_section (menu, title, G_MENU_MODEL (section));
        }
      g_menu_item_set_action_and_target_value (item, "snippet.insert", g_variant_new_string (snippet->name));
      g_menu_append_item (section, item);
    }
  if (snippets->len == 0)
    {
      /* An action nobody installs: the item shows, disabled. */
      g_autoptr(GMenu) empty = g_menu_new ();

      g_menu_append (empty, _("Add snippets in Preferences ▸ Snippets, or with “lineup snippet add”"), "snippet.none");
      g_menu_append_section (menu, _("No Snippets Yet"), G_MENU_MODEL (empty));
    }
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

static gboolean
open_menu_cb (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  LineupPostEditor *self = LINEUP_POST_EDITOR (widget);

  gtk_menu_button_popup (self->snippet_button);
  return TRUE;
}

void
lineup_post_editor_setup_snippets (LineupPostEditor *self)
{
  static const GActionEntry entries[] = {
    { "insert", on_insert_activated, "s", NULL, NULL },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcut *shortcut;

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "snippet", G_ACTION_GROUP (group));
  gtk_menu_button_set_create_popup_func (self->snippet_button, create_popup_cb, self, NULL);

  /* Before the window's own bindings: GTK keeps Ctrl+Shift+I for its
   * inspector, which is off unless a developer turned it on. */
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_I, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                               gtk_callback_action_new (open_menu_cb, NULL, NULL));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}
