/* lineup-post-editor-variants.c: a tab per chosen network above the
 * caption, to write that network's own caption (lineup-post.h's variants)
 * with its own count; the main caption is the first tab. An empty tab
 * means the main caption goes out there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-post-editor-private.h"
#include "lineup-store-utm.h"
#include "lineup-caption-limits.h"
#include "lineup-text.h"

static char *
buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
lineup_post_editor_read_variants (LineupPostEditor *self,
                                  LineupPost       *post)
{
  guint n;
  const LineupPlatformInfo *platforms = lineup_platforms_get_all (&n);

  if (self->variant_views == NULL)
    return;
  /* Every network's tab, shown or not: a variant stays while its network
   * is unticked, for when it comes back. */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = buffer_text (g_ptr_array_index (self->variant_views, i));

      lineup_post_set_caption_variant (post, platforms[i].key, text);
    }
}

void
lineup_post_editor_append_variants (LineupPostEditor *self,
                                    GString          *out)
{
  for (guint i = 0; self->variant_views && i < self->variant_views->len; i++)
    {
      g_autofree char *text = buffer_text (g_ptr_array_index (self->variant_views, i));

      g_string_append (out, text);
      g_string_append_c (out, '\x1f');
    }
}

void
lineup_post_editor_update_variants (LineupPostEditor *self)
{
  guint n;
  const LineupPlatformInfo *platforms = lineup_platforms_get_all (&n);
  g_autoptr(LineupPost) draft = NULL;
  gboolean any = FALSE;

  if (self->variant_views == NULL)
    return;
  draft = lineup_post_editor_draft_post (self, NULL);
  for (guint i = 0; i < n; i++)
    {
      gboolean chosen = gtk_check_button_get_active (g_ptr_array_index (self->platform_checks, i));
      GtkStackPage *page = gtk_stack_get_page (self->caption_stack,
                                               gtk_stack_get_child_by_name (self->caption_stack, platforms[i].key));
      GtkLabel *label = g_ptr_array_index (self->variant_counts, i);
      g_autofree char *variant = lineup_post_dup_caption_variant (draft, platforms[i].key);
      g_autofree char *text = NULL;
      guint count, limit;

      gtk_stack_page_set_visible (page, chosen || variant != NULL);
      any |= chosen || variant != NULL;
      if (!chosen && variant == NULL)
        continue;
      /* The switcher's dot marks a tab with a caption of its own. */
      gtk_stack_page_set_needs_attention (page, variant != NULL);

      /* As the gate counts: Mastodon's with the content warning. */
      count = lineup_store_count_outgoing (self->store, draft, platforms[i].key);
      limit = lineup_caption_limit (self->store, platforms[i].key);
      if (variant == NULL)
        text = limit > 0
          ? g_strdup_printf (_("Empty: the main caption goes out on %s (%u/%u)"), platforms[i].name, count, limit)
          : g_strdup_printf (_("Empty: the main caption goes out on %s (%u)"), platforms[i].name, count);
      else if (!chosen)
        text = g_strdup_printf (_("%s is not chosen for this post: this variant waits until it is (%u)"),
                                platforms[i].name, count);
      else
        text = limit > 0
          ? g_strdup_printf (_("%s %u/%u"), platforms[i].name, count, limit)
          : g_strdup_printf (_("%s %u"), platforms[i].name, count);
      gtk_label_set_label (label, text);
      if (chosen && limit > 0 && count > limit)
        gtk_widget_add_css_class (GTK_WIDGET (label), "error");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (g_ptr_array_index (self->variant_views, i)),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->caption_switcher), any);
  if (!any)
    gtk_stack_set_visible_child_name (self->caption_stack, "main");
}

void
lineup_post_editor_setup_variants (LineupPostEditor *self)
{
  guint n;
  const LineupPlatformInfo *platforms = lineup_platforms_get_all (&n);

  self->variant_views = g_ptr_array_new ();
  self->variant_counts = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *frame = gtk_frame_new (NULL);
      GtkWidget *scrolled = gtk_scrolled_window_new ();
      GtkWidget *view = gtk_text_view_new ();
      GtkWidget *count = gtk_label_new (NULL);
      g_autofree char *name = g_strdup_printf (_("%s caption"), platforms[i].name);
      g_autofree char *variant = self->post ? lineup_post_dup_caption_variant (self->post, platforms[i].key) : NULL;
      GtkStackPage *page;

      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 10);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 10);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 10);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 10);
      gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      if (variant)
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), variant, -1);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 140);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
      gtk_frame_set_child (GTK_FRAME (frame), scrolled);
      gtk_box_append (GTK_BOX (box), frame);
      gtk_label_set_xalign (GTK_LABEL (count), 0);
      gtk_label_set_wrap (GTK_LABEL (count), TRUE);
      gtk_widget_add_css_class (count, "caption");
      gtk_widget_add_css_class (count, "numeric");
      gtk_box_append (GTK_BOX (box), count);

      page = gtk_stack_add_titled (self->caption_stack, box, platforms[i].key, platforms[i].name);
      gtk_stack_page_set_visible (page, FALSE);
      g_ptr_array_add (self->variant_views, view);
      g_ptr_array_add (self->variant_counts, count);

      g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                                G_CALLBACK (lineup_post_editor_update_counts), self);
    }
  lineup_post_editor_update_counts (self);
}
