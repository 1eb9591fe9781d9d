/* lineup-post-row.c
 *
 * Rows are recycled by the list view, so binding sets every label, colour
 * and accessible property afresh and builds nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-post-row.h"
#include "lineup-media-thumb.h"
#include "lineup-sync-badge.h"
#include "lineup-series-badge.h"
#include "lineup-swatch.h"

struct _LineupPostRow
{
  GtkWidget parent_instance;

  GtkWidget *header_box;
  GtkWidget *header_label;
  GtkWidget *today_label;
  GtkWidget *count_label;

  GtkWidget *post_box;
  GtkWidget *time_label;
  LineupSwatch *swatch;
  GtkWidget *title_label;
  GtkWidget *subtitle_label;
  GtkWidget *thumb;              /* the first medium */
  GtkWidget *sync_icon;          /* the post's publishing state, if any */
  GtkWidget *series_icon;        /* the repeat badge (made when first needed) */
  GtkWidget *stage_label;
  char *stage_class;
  const char *sync_class;

  LineupStore *store;            /* while a post is bound: its sync state */
  LineupPost *post;
  char *description;             /* the accessible description before the sync state */
};

G_DEFINE_FINAL_TYPE (LineupPostRow, lineup_post_row, GTK_TYPE_WIDGET)

char *
lineup_format_day (const GDate *date)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                                   g_date_get_day (date), 12, 0, 0);
  return g_date_time_format (dt, "%A %-d %B %Y");
}

/* GTK 4.8 gives the list item around the row (the widget that takes the
 * focus and is activated) no name of its own, and GtkListItem has no
 * accessible properties before 4.12: a screen reader moving through the list
 * would hear nothing. Name it as well as the row. */
static void
update_accessible (LineupPostRow *self,
                   const char    *label,
                   const char    *description)
{
  GtkWidget *item = gtk_widget_get_parent (GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  if (item != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (item),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                    -1);
}

static void
bind_header (LineupPostRow      *self,
             LineupStore        *store,
             LineupAgendaHeader *header)
{
  g_autofree char *title = NULL;
  g_autofree char *count = NULL;
  g_autofree char *accessible = NULL;
  guint n = lineup_agenda_header_get_n_posts (header);
  gboolean today = FALSE;

  if (lineup_agenda_header_is_undated (header))
    title = g_strdup (_("Backlog — no date"));
  else
    {
      const GDate *date = lineup_agenda_header_get_date (header);
      GDate now;

      lineup_store_get_today (store, &now);
      title = lineup_format_day (date);
      today = g_date_compare (date, &now) == 0;
    }
  count = g_strdup_printf (ngettext ("%u post", "%u posts", n), n);
  accessible = g_strdup_printf ("%s%s, %s", title, today ? _(", today") : "", count);

  gtk_label_set_label (GTK_LABEL (self->header_label), title);
  gtk_label_set_label (GTK_LABEL (self->count_label), count);
  gtk_widget_set_visible (self->today_label, today);
  gtk_widget_set_visible (self->header_box, TRUE);
  gtk_widget_set_visible (self->post_box, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "day-header");
  gtk_widget_remove_css_class (GTK_WIDGET (self), "post");

  g_clear_object (&self->post);
  gtk_widget_set_visible (self->sync_icon, FALSE);
  update_accessible (self, accessible, NULL);
}

char *
lineup_post_platform_names (LineupPost *post)
{
  const char * const *keys = lineup_post_get_platforms (post);
  GString *names = g_string_new (NULL);

  for (guint i = 0; keys[i]; i++)
    {
      const LineupPlatformInfo *info = lineup_platform_lookup (keys[i]);
      if (i > 0)
        g_string_append (names, ", ");
      g_string_append (names, info ? info->name : keys[i]);
    }
  return g_string_free (names, FALSE);
}

char *
lineup_post_local_time (LineupStore *store,
                        LineupPost  *post)
{
  int minutes;

  if (!lineup_post_is_dated (post))
    return g_strdup ("—");
  lineup_store_utc_to_local (store, lineup_post_get_scheduled_at (post), NULL, &minutes);
  return g_strdup_printf ("%02d:%02d", minutes / 60, minutes % 60);
}

char *
lineup_post_describe (LineupStore *store,
                      LineupPost  *post)
{
  LineupPillar *pillar = lineup_store_get_pillar (store, lineup_post_get_pillar_id (post));
  LineupContentType *type = lineup_store_get_content_type (store, lineup_post_get_type_id (post));
  g_autofree char *time = lineup_post_local_time (store, post);
  g_autofree char *platforms = lineup_post_platform_names (post);

  return g_strdup_printf ("%s, %s, %s, %s, %s",
                          lineup_post_is_dated (post) ? time : _("no date"),
                          pillar ? lineup_pillar_get_name (pillar) : _("No pillar"),
                          type ? lineup_content_type_get_name (type) : _("No type"),
                          *platforms ? platforms : _("no platform"),
                          lineup_stage_to_label (lineup_post_get_stage (post)));
}

/* The badge and the words for the bound post's sync state, as the cards
 * say it (a lookup in the shared summary, no query). */
static void
update_sync (LineupPostRow *self)
{
  g_autofree char *text = NULL;
  LineupSyncState state;

  if (self->post == NULL)
    return;
  state = lineup_publishing_describe_badge (self->store, self->post, self->description, &text);
  lineup_sync_badge_show (self->sync_icon, &self->sync_class, state);
  update_accessible (self, lineup_post_get_title (self->post), text);
}

static void
on_publishing_changed_cb (LineupPostRow *self)
{
  update_sync (self);
}

static void
bind_post (LineupPostRow *self,
           LineupStore   *store,
           LineupPost    *post)
{
  LineupPillar *pillar = lineup_store_get_pillar (store, lineup_post_get_pillar_id (post));
  LineupContentType *type = lineup_store_get_content_type (store, lineup_post_get_type_id (post));
  LineupStage stage = lineup_post_get_stage (post);
  g_autofree char *time = lineup_post_local_time (store, post);
  g_autofree char *platforms = lineup_post_platform_names (post);
  g_autofree char *subtitle = NULL;
  g_autofree char *description = lineup_post_describe (store, post);
  const char *pillar_name = pillar ? lineup_pillar_get_name (pillar) : _("No pillar");
  const char *type_name = type ? lineup_content_type_get_name (type) : _("No type");

  subtitle = g_strdup_printf ("%s · %s%s%s", type_name, pillar_name,
                              *platforms ? " · " : "", platforms);

  gtk_label_set_label (GTK_LABEL (self->time_label), time);
  lineup_swatch_set_color (self->swatch, pillar ? lineup_pillar_get_color (pillar) : NULL);
  gtk_label_set_label (GTK_LABEL (self->title_label), lineup_post_get_title (post));
  gtk_label_set_label (GTK_LABEL (self->subtitle_label), subtitle);
  gtk_label_set_label (GTK_LABEL (self->stage_label), lineup_stage_to_label (stage));
  if (self->stage_class)
    gtk_widget_remove_css_class (self->stage_label, self->stage_class);
  g_free (self->stage_class);
  self->stage_class = g_strdup_printf ("stage-%s", lineup_stage_to_key (stage));
  gtk_widget_add_css_class (self->stage_label, self->stage_class);

  gtk_widget_set_visible (self->header_box, FALSE);
  gtk_widget_set_visible (self->post_box, TRUE);
  gtk_widget_remove_css_class (GTK_WIDGET (self), "day-header");
  gtk_widget_add_css_class (GTK_WIDGET (self), "post");

  /* Screen readers (and the UI tests) hear the title first, then the rest,
   * then how its publishing stands. */
  g_set_object (&self->post, post);
  if (store != self->store)
    {
      if (self->store)
        g_signal_handlers_disconnect_by_func (self->store, on_publishing_changed_cb, self);
      g_set_object (&self->store, store);
      lineup_publishing_watch (store, G_CALLBACK (on_publishing_changed_cb), self);
    }
  {
    const LineupMediaSummary *media = lineup_media_thumb_show_post (LINEUP_MEDIA_THUMB (self->thumb), store,
                                                                    lineup_post_get_id (post));
    g_autofree char *with = lineup_thumbnails_describe (media);

    if (with)
      {
        /* TRANSLATORS: a post's description, then "with 3 images" */
        char *described = g_strdup_printf (_("%s, %s"), description, with);

        g_free (description);
        description = described;
      }
  }
  g_free (self->description);
  self->description = g_steal_pointer (&description);
  update_sync (self);
  lineup_series_badge_update (&self->series_icon, self->post_box, self->sync_icon, store, post);
}

static void
lineup_post_row_dispose (GObject *object)
{
  LineupPostRow *self = (LineupPostRow *) object;

  g_clear_pointer (&self->header_box, gtk_widget_unparent);
  g_clear_pointer (&self->post_box, gtk_widget_unparent);
  g_clear_pointer (&self->stage_class, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_object (&self->post);
  if (self->store)
    g_signal_handlers_disconnect_by_func (self->store, on_publishing_changed_cb, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (lineup_post_row_parent_class)->dispose (object);
}

static void
lineup_post_row_class_init (LineupPostRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_post_row_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "agendarow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static GtkWidget *
dim_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static void
lineup_post_row_init (LineupPostRow *self)
{
  GtkWidget *texts;

  /* Day header. */
  self->header_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_set_hexpand (self->header_box, TRUE);
  self->header_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->header_label, "heading");
  gtk_label_set_xalign (GTK_LABEL (self->header_label), 0);
  self->today_label = gtk_label_new (_("Today"));
  gtk_widget_add_css_class (self->today_label, "today-badge");
  self->count_label = dim_label (NULL);
  gtk_widget_set_hexpand (self->count_label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->count_label), 1);
  gtk_box_append (GTK_BOX (self->header_box), self->header_label);
  gtk_box_append (GTK_BOX (self->header_box), self->today_label);
  gtk_box_append (GTK_BOX (self->header_box), self->count_label);
  gtk_widget_set_parent (self->header_box, GTK_WIDGET (self));

  /* Post. */
  self->post_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_hexpand (self->post_box, TRUE);
  self->time_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->time_label, "numeric");
  gtk_widget_add_css_class (self->time_label, "post-time");
  gtk_label_set_width_chars (GTK_LABEL (self->time_label), 5);
  gtk_label_set_xalign (GTK_LABEL (self->time_label), 0);
  self->swatch = lineup_swatch_new (6, 36);

  texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  self->title_label = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (self->title_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (self->title_label), 0);
  gtk_widget_add_css_class (self->title_label, "post-title");
  self->subtitle_label = dim_label (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (self->subtitle_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (self->subtitle_label), 0);
  gtk_widget_add_css_class (self->subtitle_label, "caption");
  gtk_box_append (GTK_BOX (texts), self->title_label);
  gtk_box_append (GTK_BOX (texts), self->subtitle_label);

  self->sync_icon = gtk_image_new ();
  gtk_widget_add_css_class (self->sync_icon, "sync-badge");
  gtk_widget_set_valign (self->sync_icon, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (self->sync_icon, FALSE);

  self->stage_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->stage_label, "stage-badge");
  gtk_widget_set_valign (self->stage_label, GTK_ALIGN_CENTER);

  gtk_box_append (GTK_BOX (self->post_box), self->time_label);
  gtk_box_append (GTK_BOX (self->post_box), GTK_WIDGET (self->swatch));
  self->thumb = lineup_media_thumb_new (32, LINEUP_THUMBNAIL_SMALL);
  gtk_widget_set_valign (self->thumb, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (self->post_box), self->thumb);
  gtk_box_append (GTK_BOX (self->post_box), texts);
  gtk_box_append (GTK_BOX (self->post_box), self->sync_icon);
  gtk_box_append (GTK_BOX (self->post_box), self->stage_label);
  gtk_widget_set_parent (self->post_box, GTK_WIDGET (self));
}

LineupPostRow *
lineup_post_row_new (void)
{
  return g_object_new (LINEUP_TYPE_POST_ROW, NULL);
}

void
lineup_post_row_unbind (LineupPostRow *self)
{
  g_return_if_fail (LINEUP_IS_POST_ROW (self));

  /* GTK 4.8 keeps unbound rows around, hidden but in the accessibility
   * tree with their last name and position: a screen reader would meet
   * posts that are not there. */
  g_clear_object (&self->post);
  update_accessible (self, NULL, NULL);
}

void
lineup_post_row_bind (LineupPostRow *self,
                      LineupStore   *store,
                      GObject       *item)
{
  g_return_if_fail (LINEUP_IS_POST_ROW (self));

  if (LINEUP_IS_POST (item))
    bind_post (self, store, LINEUP_POST (item));
  else if (LINEUP_IS_AGENDA_HEADER (item))
    bind_header (self, store, LINEUP_AGENDA_HEADER (item));
}
