/* lineup-post-editor-counts.c
 *
 * The counts under the caption: for each account ticked, the caption as it
 * will go out (its links' UTM parameters, Mastodon's content warning)
 * counted as its server counts, against that server's own limit; for each
 * other network ticked, against the platform table's limit. Over a limit,
 * the count shows in the theme's error colour. A change here also brings
 * the links and the per-network tabs up to date.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-account.h"
#include "lineup-post-editor-private.h"
#include "lineup-text.h"

static gboolean
account_checked (LineupPostEditor  *self,
                 LineupAccountKind  kind)
{
  for (guint i = 0; self->accounts && i < self->accounts->len; i++)
    if (((LineupAccount *) g_ptr_array_index (self->accounts, i))->kind == kind &&
        gtk_check_button_get_active (g_ptr_array_index (self->account_checks, i)))
      return TRUE;
  return FALSE;
}

/* The caption as it will go out to @platform (with its links' UTM
 * parameters). */
static char *
outgoing_caption (LineupPostEditor *self,
                  const char       *body,
                  const char       *platform)
{
  g_autoptr(LineupPost) draft = lineup_post_editor_draft_post (self, body);

  return lineup_store_outgoing_caption (self->store, draft, platform);
}

/* Its length as the approval check counts it (Mastodon's with the content
 * warning). */
static guint
count_outgoing (LineupPostEditor *self,
                const char       *body,
                const char       *platform)
{
  g_autoptr(LineupPost) draft = lineup_post_editor_draft_post (self, body);

  return lineup_store_count_outgoing (self->store, draft, platform);
}

/* "Mastodon 412 / 500" for each account ticked, counted as its network
 * counts (Mastodon: a link as the instance's URL length; Bluesky:
 * graphemes, the links' UTM parameters too) against its own server's
 * limit. */
static void
append_account_counts (LineupPostEditor *self,
                       GString          *text,
                       const char       *body,
                       const char       *error_color,
                       gboolean         *any)
{
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *caption = NULL;

  for (guint i = 0; self->accounts && i < self->accounts->len; i++)
    {
      LineupAccount *account = g_ptr_array_index (self->accounts, i);
      g_autofree char *name = NULL;
      g_autofree char *entry = NULL;
      guint count, limit;
      gboolean same_network_other_limit = FALSE;

      if (!gtk_check_button_get_active (g_ptr_array_index (self->account_checks, i)))
        continue;
      g_free (caption);
      caption = outgoing_caption (self, body, lineup_account_kind_to_key (account->kind));
      if (!lineup_account_count_caption (account, caption, &count, &limit))
        continue;   /* no limit of its own */
      /* Mastodon counts the content warning with the text. */
      if (account->kind == LINEUP_ACCOUNT_MASTODON && *gtk_editable_get_text (GTK_EDITABLE (self->cw_row)))
        {
          guint warning, unused;

          if (lineup_account_count_caption (account, gtk_editable_get_text (GTK_EDITABLE (self->cw_row)),
                                            &warning, &unused))
            count += warning;
        }
      /* Two accounts of one network with different limits: say which is which. */
      for (guint j = 0; j < self->accounts->len; j++)
        {
          LineupAccount *other = g_ptr_array_index (self->accounts, j);

          if (j != i && other->kind == account->kind && other->text_limit != account->text_limit &&
              gtk_check_button_get_active (g_ptr_array_index (self->account_checks, j)))
            same_network_other_limit = TRUE;
        }
      name = same_network_other_limit
        ? g_markup_printf_escaped ("%s (%s)", lineup_account_kind_to_label (account->kind), account->name)
        : g_markup_escape_text (lineup_account_kind_to_label (account->kind), -1);
      entry = count > limit
        ? g_strdup_printf ("<span foreground=\"%s\" weight=\"bold\">%s %u / %u</span>", error_color, name, count, limit)
        : g_strdup_printf ("%s %u / %u", name, count, limit);
      if (g_ptr_array_find_with_equal_func (shown, entry, g_str_equal, NULL))
        continue;
      if (*any)
        g_string_append (text, " · ");
      *any = TRUE;
      g_string_append (text, entry);
      g_ptr_array_add (shown, g_steal_pointer (&entry));
    }
}

void
lineup_post_editor_update_counts (LineupPostEditor *self)
{
  g_autofree char *body = lineup_post_editor_get_body (self);
  guint n = lineup_text_count_graphemes (body);
  GString *text = g_string_new (NULL);
  guint n_platforms;
  const LineupPlatformInfo *platforms = lineup_platforms_get_all (&n_platforms);
  gboolean any = FALSE;
  GdkRGBA rgba;
  g_autofree char *error_color = NULL;

  /* Markup cannot name a theme colour: take the style's error colour, which
   * differs between light and dark. */
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (self->count_label)),
                                       "error_color", &rgba))
    gdk_rgba_parse (&rgba, "#c01c28");
  error_color = g_strdup_printf ("#%02x%02x%02x", (guint) (rgba.red * 255 + 0.5),
                                 (guint) (rgba.green * 255 + 0.5), (guint) (rgba.blue * 255 + 0.5));

  append_account_counts (self, text, body, error_color, &any);
  for (guint i = 0; i < n_platforms; i++)
    {
      LineupAccountKind kind;
      guint here;

      if (!gtk_check_button_get_active (g_ptr_array_index (self->platform_checks, i)))
        continue;
      /* An account ticked for this network counts with its server's own rules. */
      if (lineup_account_kind_from_string (platforms[i].key, &kind) && account_checked (self, kind))
        continue;
      if (any)
        g_string_append (text, " · ");
      any = TRUE;
      here = count_outgoing (self, body, platforms[i].key);
      if (platforms[i].text_limit > 0 && here > platforms[i].text_limit)
        g_string_append_printf (text, "<span foreground=\"%s\" weight=\"bold\">%s %u/%u</span>",
                                error_color, platforms[i].name, here, platforms[i].text_limit);
      else if (platforms[i].text_limit == 0)
        g_string_append_printf (text, "%s %u", platforms[i].name, here);
      else
        g_string_append_printf (text, "%s %u/%u", platforms[i].name, here, platforms[i].text_limit);
    }
  if (!any)
    g_string_append_printf (text, ngettext ("%u character — choose platforms to see their limits",
                                            "%u characters — choose platforms to see their limits", n), n);

  gtk_label_set_markup (self->count_label, text->str);
  g_string_free (text, TRUE);
  lineup_post_editor_update_links (self);
  lineup_post_editor_update_variants (self);
}
