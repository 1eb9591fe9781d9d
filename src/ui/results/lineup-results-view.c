/* lineup-results-view.c
 *
 * Both reports come from the core (lineup_results_report () and
 * lineup_results_review ()); this view only lays them out. A change to
 * the plan marks the view stale; it recomputes once, in an idle, when it
 * is on screen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lineup-results-view.h"
#include "lineup-results-chart.h"
#include "lineup-best-times-grid.h"
#include "lineup-store-weights.h"
#include "lineup-platform.h"

struct _LineupResultsView
{
  AdwBin parent_instance;

  LineupStore *store;
  guint refresh_id;
  gboolean stale;
  GDate week;                   /* a day of the week reviewed; invalid: last week */

  GtkWidget *stack;
  GtkWidget *by;
  GtkWidget *baseline;
  LineupResultsChart *chart;
  GtkWidget *legend;
  LineupBestTimesGrid *best_times;
  GtkWidget *best_times_network;  /* "All Networks", then each platform in lineup_platforms_get_all()'s order */
  GtkWidget *week_title;
  GtkWidget *week_summary;
  GtkWidget *best_heading;
  GtkWidget *best;
  GtkWidget *worst_heading;
  GtkWidget *worst;
  GtkWidget *pillars_heading;
  GtkWidget *pillars;
};

static void lineup_results_view_iface_init (LineupViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LineupResultsView, lineup_results_view, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (LINEUP_TYPE_VIEW, lineup_results_view_iface_init))

static void
clear_list (GtkWidget *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (list)))
    gtk_list_box_remove (GTK_LIST_BOX (list), child);
}

static char *
index_text (double index)
{
  return isnan (index) ? g_strdup ("–") : g_strdup_printf ("×%.2f", index);
}

/* A post of the review: opens in the editor. */
static GtkWidget *
post_row (LineupResultsView      *self,
          const LineupReviewPost *post)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_markup_escape_text (post->title && *post->title ? post->title : _("Untitled"), -1);
  g_autofree char *when = lineup_store_format_time (self->store, post->at, "%a %-d %b, %H:%M");
  g_autofree char *index = index_text (post->index);
  g_autofree char *subtitle = NULL;
  g_autofree char *spoken = NULL;

  /* Translators: "Proof · Mon 30 Nov, 09:00 · engagement 60.0 · ×3.75". */
  subtitle = g_strdup_printf (_("%s · %s · engagement %.1f · %s"), post->pillar ? post->pillar : _("No pillar"),
                              when, post->engagement, index);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _("Open in the editor"));
  spoken = g_strdup_printf ("%s, %s", post->title, subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  g_object_set_data_full (G_OBJECT (row), "post-id", g_strdup (post->post_id), g_free);
  return row;
}

static void
on_post_activated_cb (LineupResultsView *self,
                      GtkListBoxRow     *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "post-id");
  g_autoptr(LineupPost) post = id ? lineup_store_get_post (self->store, id, NULL) : NULL;

  if (post)
    lineup_view_open_post (GTK_WIDGET (self), post);
}

static void
fill_posts (LineupResultsView *self,
            GtkWidget         *heading,
            GtkWidget         *list,
            GPtrArray         *posts)
{
  clear_list (list);
  for (guint i = 0; i < posts->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (list), post_row (self, g_ptr_array_index (posts, i)));
  gtk_widget_set_visible (heading, posts->len > 0);
  gtk_widget_set_visible (list, posts->len > 0);
}

static char *
pillar_text (const LineupReviewPillar *p)
{
  g_autofree char *now = index_text (p->index);
  g_autofree char *before = index_text (p->index_before);

  if (p->n_posts == 0)
    return g_strdup_printf (_("No posts this week; %s the week before"), before);
  if (p->n_posts_before == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s over %u post; none the week before",
                                         "%s over %u posts; none the week before", p->n_posts), now, p->n_posts);
  if (isnan (p->delta))
    return g_strdup_printf (_("%s, the week before %s"), now, before);
  /* Translators: "×2.50 over 3 posts, the week before ×1.25: +1.25". */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s over %u post, the week before %s: %+.2f",
                                       "%s over %u posts, the week before %s: %+.2f", p->n_posts),
                          now, p->n_posts, before, p->delta);
}

static void
refresh_review (LineupResultsView *self,
                gint64             now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupResultsReview) review = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);
  GDate last;
  char from[64], to[64];

  review = lineup_results_review (self->store, g_date_valid (&self->week) ? &self->week : NULL, now, &error);
  if (review == NULL)
    {
      gtk_label_set_label (GTK_LABEL (self->week_summary), error->message);
      return;
    }
  if (!g_date_valid (&self->week))
    self->week = review->week;
  last = review->week;
  g_date_add_days (&last, 6);
  g_date_strftime (from, sizeof from, "%-d %B", &review->week);
  g_date_strftime (to, sizeof to, "%-d %B %Y", &last);
  title = g_strdup_printf (_("Week of %s to %s"), from, to);
  gtk_label_set_label (GTK_LABEL (self->week_title), title);

  if (review->posts->len == 0)
    g_string_append (summary, _("No posts with results this week."));
  else
    g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u post with results, median engagement %.1f.",
                                                  "%u posts with results, median engagement %.1f.",
                                                  review->posts->len),
                            review->posts->len, review->median);
  g_string_append_c (summary, ' ');
  if (review->n_posts_before == 0)
    g_string_append (summary, _("The week before: no posts with results."));
  else
    g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "The week before: %u post, median engagement %.1f.",
                                                  "The week before: %u posts, median engagement %.1f.",
                                                  review->n_posts_before),
                            review->n_posts_before, review->median_before);
  gtk_label_set_label (GTK_LABEL (self->week_summary), summary->str);

  fill_posts (self, self->best_heading, self->best, review->best);
  fill_posts (self, self->worst_heading, self->worst, review->worst);
  clear_list (self->pillars);
  for (guint i = 0; i < review->pillars->len; i++)
    {
      const LineupReviewPillar *p = g_ptr_array_index (review->pillars, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *name = g_markup_escape_text (p->pillar, -1);
      g_autofree char *text = pillar_text (p);
      g_autofree char *spoken = g_strdup_printf ("%s: %s", p->pillar, text);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
      if (!isnan (p->delta) && fabs (p->delta) >= 0.005)
        {
          GtkWidget *icon = gtk_image_new_from_icon_name (p->delta > 0 ? "go-up-symbolic" : "go-down-symbolic");

          gtk_widget_add_css_class (icon, p->delta > 0 ? "success" : "warning");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
        }
      gtk_list_box_append (GTK_LIST_BOX (self->pillars), row);
    }
  gtk_widget_set_visible (self->pillars_heading, review->pillars->len > 0);
  gtk_widget_set_visible (self->pillars, review->pillars->len > 0);
}

static void
refresh (LineupResultsView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupResultsReport) report = NULL;
  g_autofree char *baseline = NULL;
  g_autofree char *legend = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  LineupResultWeights weights;
  LineupResultsBy by = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->by));

  self->stale = FALSE;
  if (self->store == NULL)
    return;
  report = lineup_results_report (self->store, by, 0, 0, now, &error);
  if (report == NULL)
    {
      adw_status_page_set_description (ADW_STATUS_PAGE (gtk_stack_get_child_by_name (GTK_STACK (self->stack), "empty")),
                                       error->message);
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
      return;
    }
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), report->n_posts ? "results" : "empty");
  if (report->n_posts == 0)
    return;

  if (isnan (report->baseline))
    baseline = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u post with results; none in the last 90 days: no usual to compare with",
                                             "%u posts with results; none in the last 90 days: no usual to compare with",
                                             report->n_posts), report->n_posts);
  else
    /* Translators: "Usual engagement 16.0 (median of the last 90 days) · 42 posts with results". */
    baseline = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Usual engagement %.1f (median of the last 90 days) · %u post with results",
                                             "Usual engagement %.1f (median of the last 90 days) · %u posts with results",
                                             report->n_posts), report->baseline, report->n_posts);
  gtk_label_set_label (GTK_LABEL (self->baseline), baseline);
  lineup_results_chart_set_groups (self->chart, by, report->groups);
  lineup_store_get_result_weights (self->store, &weights);
  /* Translators: the plan's weights (Preferences → Content Mix → Results). */
  legend = g_strdup_printf (_("The line marks 1.0, the usual: a bar past it does better than usual for this audience. "
                              "Below %d posts a group is too few to tell. In a post’s engagement a comment counts %g, "
                              "a share %g, a quote %g, a save %g, a link click %g and a like %g "
                              "(Preferences → Content Mix)."), LINEUP_RESULTS_MIN_POSTS,
                            weights.weight[LINEUP_RESULT_REPLIES], weights.weight[LINEUP_RESULT_REPOSTS],
                            weights.weight[LINEUP_RESULT_QUOTES], weights.weight[LINEUP_RESULT_SAVES],
                            weights.weight[LINEUP_RESULT_CLICKS], weights.weight[LINEUP_RESULT_LIKES]);
  gtk_label_set_label (GTK_LABEL (self->legend), legend);
  lineup_best_times_grid_set_store (self->best_times, self->store);   /* reads them again */
  refresh_review (self, now);
}

static gboolean
refresh_idle_cb (gpointer data)
{
  LineupResultsView *self = data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

/* Recomputed once the view is on screen: the plan changes often while
 * another tab is shown. */
static void
queue_refresh (LineupResultsView *self)
{
  self->stale = TRUE;
  if (self->refresh_id == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->refresh_id = g_idle_add (refresh_idle_cb, self);
}

static void
on_map_cb (LineupResultsView *self)
{
  if (self->stale)
    queue_refresh (self);
}

static void
move_week (LineupResultsView *self,
           int                days)
{
  if (!g_date_valid (&self->week))
    return;
  if (days < 0)
    g_date_subtract_days (&self->week, -days);
  else
    g_date_add_days (&self->week, days);
  refresh (self);
}

/* The grid for the network chosen (the first item: every network). */
static void
on_best_times_network_cb (LineupResultsView *self)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->best_times_network));
  guint n = 0;
  const LineupPlatformInfo *all = lineup_platforms_get_all (&n);

  lineup_best_times_grid_set_platform (self->best_times, selected >= 1 && selected <= n ? all[selected - 1].key : NULL);
}

static void
on_previous_week_cb (LineupResultsView *self)
{
  move_week (self, -7);
}

static void
on_next_week_cb (LineupResultsView *self)
{
  move_week (self, 7);
}

static void
on_last_week_cb (LineupResultsView *self)
{
  g_date_clear (&self->week, 1);
  refresh (self);
}

static void
lineup_results_view_dispose (GObject *object)
{
  LineupResultsView *self = LINEUP_RESULTS_VIEW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (lineup_results_view_parent_class)->dispose (object);
}

static void
lineup_results_view_class_init (LineupResultsViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = lineup_results_view_dispose;
  g_type_ensure (LINEUP_TYPE_RESULTS_CHART);
  g_type_ensure (LINEUP_TYPE_BEST_TIMES_GRID);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lineup/Lineup/results/lineup-results-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupResultsView, stack);
  gtk_widget_class_bind_template_child (widget_class, LineupResultsView, by);
  gtk_widget_class_bind_template_child (widget_class, LineupResultsView, baseline);
  gtk_widget_class_bind_template_child (widget_class, LineupResultsView, chart);
  gtk_widget_class_bind_template_child (widget_class, LineupResultsView, legend);
  gtk_widget_class_bind_template_child (widget_class, LineupResultsView, best_times);
  gtk_widget_class_bind_template_child (widget_class, LineupResultsView, best_times_network);
  gtk_widget_class_bind_template_child (widget_class, LineupResultsView, week_title);
  gtk_widget_class_bind_template_child (widget_class, LineupResultsView, week_summary);
  gtk_widget_class_bind_template_child (widget_class, LineupResultsView, best_heading);
  gtk_widget_class_bind_template_child (widget_class, LineupResultsView, best);
  gtk_widget_class_bind_template_child (widget_class, LineupResultsView, worst_heading);
  gtk_widget_class_bind_template_child (widget_class, LineupResultsView, worst);
  gtk_widget_class_bind_template_child (widget_class, LineupResultsView, pillars_heading);
  gtk_widget_class_bind_template_child (widget_class, LineupResultsView, pillars);
  gtk_widget_class_bind_template_callback (widget_class, on_post_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_previous_week_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_next_week_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_last_week_cb);
}

static void
lineup_results_view_init (LineupResultsView *self)
{
  /* In LineupResultsBy's order. */
  const char *groupings[] = { N_("Pillar"), N_("Type"), N_("Platform"), N_("Weekday"), N_("Hour"), NULL };
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; groupings[i]; i++)
    gtk_string_list_append (model, _(groupings[i]));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->by), G_LIST_MODEL (model));
  {
    g_autoptr(GtkStringList) networks = gtk_string_list_new (NULL);
    guint n = 0;
    const LineupPlatformInfo *all = lineup_platforms_get_all (&n);

    gtk_string_list_append (networks, _("All Networks"));
    for (guint i = 0; i < n; i++)
      gtk_string_list_append (networks, all[i].name);
    gtk_drop_down_set_model (GTK_DROP_DOWN (self->best_times_network), G_LIST_MODEL (networks));
    g_signal_connect_swapped (self->best_times_network, "notify::selected",
                              G_CALLBACK (on_best_times_network_cb), self);
  }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->best), GTK_ACCESSIBLE_PROPERTY_LABEL, C_("review", "Best"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->worst), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Worst"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->pillars), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Pillars Against the Week Before"), -1);
  g_date_clear (&self->week, 1);
  self->stale = TRUE;
  g_signal_connect_swapped (self->by, "notify::selected", G_CALLBACK (queue_refresh), self);
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);
}

void
lineup_results_view_set_store (LineupResultsView *self,
                               LineupStore       *store)
{
  const char *signals[] = { "post-added", "post-changed", "post-removed", "reloaded", "publishing-changed",
                            "pillars-changed", "content-types-changed", "plan-changed", NULL };

  g_return_if_fail (LINEUP_IS_RESULTS_VIEW (self));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  for (guint i = 0; signals[i]; i++)
    g_signal_connect_object (store, signals[i], G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  queue_refresh (self);
}

/* Results are the plan's: the filter does not apply. */
static void
lineup_results_view_iface_init (LineupViewInterface *iface)
{
  iface->set_store = (void (*) (LineupView *, LineupStore *)) lineup_results_view_set_store;
}
