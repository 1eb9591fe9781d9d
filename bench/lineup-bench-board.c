/* lineup-bench-board.c: the real approval board against its budgets.
 *
 *   xvfb-run -a -s "-screen 0 1400x900x24" env GDK_BACKEND=x11 GSK_RENDERER=cairo \
 *     GSETTINGS_SCHEMA_DIR=build/data build/bench/lineup-bench-board
 *
 * A plan of 2,000 posts spread over the six stages, a third with their
 * checklist ticked and an approval. Measures, to the end of the painted
 * frame: opening the board (a new board view built, bound to the store and
 * drawn; budget 100 ms) and a drop between columns (the workflow's move
 * committed, the columns refiltered and redrawn; budget 10 ms). The baseline
 * is a frame with nothing to do, in the same process.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "lineup-core.h"
#include "lineup-store-workflow.h"
#include "ui/board/lineup-board-view.h"
#include "bench-frame.h"

#define OPEN_BUDGET_MS 100.0
#define DROP_BUDGET_MS 10.0
#define N_POSTS 2000
#define ROUNDS 20

typedef struct {
  GtkWidget *window;
  LineupStore *store;
  LineupFilter *filter;
} OpenData;

static void
open_board (gpointer data)
{
  OpenData *d = data;
  LineupBoardView *view = g_object_new (LINEUP_TYPE_BOARD_VIEW, NULL);

  /* What the window does: a view, the store, the filter, shown. */
  lineup_board_view_set_store (view, d->store);
  lineup_board_view_set_filter (view, d->filter);
  gtk_window_set_child (GTK_WINDOW (d->window), GTK_WIDGET (view));
}

static void
clear_window (gpointer data)
{
  gtk_window_set_child (GTK_WINDOW (data), gtk_label_new ("…"));
}

typedef struct {
  LineupStore *store;
  GPtrArray *ids;
  int round;
} DropData;

static void
drop_one (gpointer data)
{
  DropData *d = data;
  g_autoptr(GError) error = NULL;
  const char *id = g_ptr_array_index (d->ids, (d->round / 2) % d->ids->len);
  /* A draft to Brief and back: both moves the rules allow. */
  LineupStage to = d->round % 2 == 0 ? LINEUP_STAGE_BRIEF : LINEUP_STAGE_DRAFT;

  if (!lineup_workflow_move (d->store, id, to, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
  d->round++;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lineup-bench-board-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "lineup.db", NULL);
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupFilter) filter = NULL;
  g_autoptr(GPtrArray) drafts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) checklist = NULL;
  GtkWidget *window;
  gint64 pillar, type;
  double empty[ROUNDS], opens[ROUNDS], drops[ROUNDS];
  double empty_work[ROUNDS], open_work[ROUNDS], drop_work[ROUNDS];
  OpenData open = { 0, };
  DropData drop = { 0, };

  gtk_init ();
  adw_init ();

  store = lineup_plan_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  lineup_store_set_actor (store, "Bench");
  pillar = lineup_pillar_get_id (lineup_store_add_pillar (store, "Bench", NULL, -1, &error));
  type = lineup_content_type_get_id (lineup_store_find_content_type (store, "educational"));
  checklist = lineup_store_get_checklist (store);

  lineup_store_begin (store, "Generate");
  for (int i = 0; i < N_POSTS; i++)
    {
      g_autoptr(LineupPost) post = lineup_post_new ();
      g_autofree char *title = g_strdup_printf ("Post %d: a title of planning length", i);
      const char *platforms[] = { "linkedin", "mastodon", NULL };
      LineupStage stage = i % LINEUP_N_STAGES;
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 1, 11, 2026);
      g_date_add_days (&date, i % 90);
      lineup_post_set_title (post, title);
      lineup_post_set_body (post, "A caption for the benchmark.");
      lineup_post_set_pillar_id (post, pillar);
      lineup_post_set_type_id (post, type);
      lineup_post_set_platforms (post, platforms);
      lineup_post_set_stage (post, stage);
      lineup_post_set_brief (post, LINEUP_BRIEF_OWNER, "Jonas");
      lineup_post_set_scheduled_at (post, lineup_store_local_to_utc (store, &date, 9 * 60));
      if (!lineup_store_add_post (store, post, &error))
        g_error ("%s", error->message);
      if (i % 3 == 0)
        {
          for (guint k = 0; k < checklist->len; k++)
            {
              LineupWorkflowEvent event = { LINEUP_HISTORY_CHECK, stage, NULL, NULL, -1, FALSE, FALSE,
                                            ((LineupChecklistItem *) checklist->pdata[k])->id, TRUE, NULL };
              if (!_lineup_store_apply_event (store, post, &event, &error))
                g_error ("%s", error->message);
            }
          {
            LineupWorkflowEvent event = { LINEUP_HISTORY_APPROVE, stage, "Amara", NULL, 0, FALSE, FALSE, 0, FALSE, NULL };
            if (!_lineup_store_apply_event (store, post, &event, &error))
              g_error ("%s", error->message);
          }
        }
      if (stage == LINEUP_STAGE_DRAFT && drafts->len < 50)
        g_ptr_array_add (drafts, g_strdup (lineup_post_get_id (post)));
    }
  if (!lineup_store_commit (store, &error))
    g_error ("%s", error->message);
  g_ptr_array_unref (lineup_store_list_all_posts (store, NULL));
  filter = lineup_filter_new (store);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 780);
  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("…"));
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  bench_frame_watch (window);

  open.window = window;
  open.store = store;
  open.filter = filter;
  for (int i = 0; i < 3; i++)
    bench_time_to_frame (window, open_board, &open, NULL);

  for (int i = 0; i < ROUNDS; i++)
    empty[i] = bench_time_to_frame (window, bench_nothing, NULL, &empty_work[i]);
  for (int i = 0; i < ROUNDS; i++)
    {
      /* Taking the previous board down is not part of opening one. */
      bench_time_to_frame (window, clear_window, window, NULL);
      opens[i] = bench_time_to_frame (window, open_board, &open, &open_work[i]);
    }

  drop.store = store;
  drop.ids = drafts;
  for (int i = 0; i < ROUNDS; i++)
    drops[i] = bench_time_to_frame (window, drop_one, &drop, &drop_work[i]);

  {
    double e = bench_median (empty, ROUNDS), o = bench_median (opens, ROUNDS), d = bench_median (drops, ROUNDS);
    double ew = bench_median (empty_work, ROUNDS), ow = bench_median (open_work, ROUNDS), dw = bench_median (drop_work, ROUNDS);

    g_print ("Lineup board benchmark: %d posts over six columns (median of %d)\n", N_POSTS, ROUNDS);
    g_print ("                                     to the painted frame   the frame's own work\n");
    g_print ("  empty frame (baseline):            %7.2f ms              %7.2f ms\n", e, ew);
    g_print ("  open the board:                    %7.2f ms              %7.2f ms  budget %.0f ms  %s\n",
             o, ow, OPEN_BUDGET_MS, ow < OPEN_BUDGET_MS ? "OK" : "OVER");
    g_print ("  drop → committed → columns redrawn:%7.2f ms              %7.2f ms  budget %.0f ms  %s\n",
             d, dw, DROP_BUDGET_MS, dw < DROP_BUDGET_MS ? "OK" : "OVER");
    g_print ("  (the painted-frame column includes waiting for the next frame of the 60 Hz clock)\n");
  }

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&filter);
  g_clear_object (&store);
  bench_remove_plan (dir);
  return 0;
}
