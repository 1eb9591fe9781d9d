/* test-mix-results.c: the plan's engagement weights (kept, checked, one
 * undo step, used by the results report) and the Mix's suggestions from
 * results (lineup-mix-results.h), against hand-computed numbers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "lineup-core.h"
#include "lineup-test-util.h"
#include "lineup-mix-results.h"
#include "lineup-store-weights.h"

/* A fixed "now": 2026-12-01 00:00 UTC. */
#define NOW ((gint64) 1764547200)
#define DAY ((gint64) 24 * 3600)

typedef struct {
  char *dir;
  LineupStore *store;
  gint64 proof, tips, other, rare;
  gint64 type, type2;
  GPtrArray *snapshots;
} Fixture;

/* A LinkedIn post of @pillar dated @days before NOW, with its results. */
static void
add_post (Fixture *f,
          gint64   pillar,
          int      days,
          gint64   likes,
          gint64   replies,
          gint64   type)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) post = lineup_post_new ();
  const char *platforms[] = { "linkedin", NULL };
  LineupResultSnapshot *s;

  lineup_post_set_title (post, "Post");
  lineup_post_set_pillar_id (post, pillar);
  lineup_post_set_type_id (post, type);
  lineup_post_set_platforms (post, platforms);
  lineup_post_set_scheduled_at (post, NOW - days * DAY);
  g_assert_true (lineup_store_add_post (f->store, post, &error));
  g_assert_no_error (error);
  s = lineup_result_snapshot_new (lineup_post_get_id (post), "linkedin", NOW, "import");
  s->counts[LINEUP_RESULT_LIKES] = likes;
  s->counts[LINEUP_RESULT_REPLIES] = replies;
  g_ptr_array_add (f->snapshots, s);
}

/* LinkedIn, the last 90 days, default weights (likes 1, replies 3):
 *   Proof (target 15): 5 posts of 20 likes                 → 20 each
 *   Tips  (target 40): 5 posts of 1 like and 3 replies     → 10 each
 *   Other (target 45): 5 posts of 5 likes                  →  5 each
 *   Rare  (target 10): 4 posts of 100 likes                → 100 each
 * Baseline: the median of the 19 (5×5, 5×10, 5×20, 4×100) = 10, so Proof
 * ×2.0 (raise 15 → 20), Tips ×1.0, Other ×0.5 (lower 45 → 40), Rare too
 * few. Proof's posts are of the second type (target 30–98 %): ×2.0, its
 * band raised to 35–100 %; the 14 others of the first type, median 10:
 * ×1.0. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupContentType) type = NULL;
  g_autoptr(LineupContentType) type2 = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("lineup-mix-results-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "lineup.db", NULL);
  f->store = lineup_store_open (path, &error);
  g_assert_no_error (error);
  f->proof = lineup_pillar_get_id (lineup_store_add_pillar (f->store, "Proof", NULL, 15, &error));
  f->tips = lineup_pillar_get_id (lineup_store_add_pillar (f->store, "Tips", NULL, 40, &error));
  f->other = lineup_pillar_get_id (lineup_store_add_pillar (f->store, "Other", NULL, 45, &error));
  f->rare = lineup_pillar_get_id (lineup_store_add_pillar (f->store, "Rare", NULL, 10, &error));
  g_assert_no_error (error);
  type = g_list_model_get_item (lineup_store_get_content_types (f->store), 0);
  f->type = lineup_content_type_get_id (type);
  type2 = g_list_model_get_item (lineup_store_get_content_types (f->store), 1);
  f->type2 = lineup_content_type_get_id (type2);
  g_assert_true (lineup_store_set_type_target (f->store, f->type2, 30, 98, &error));
  g_assert_no_error (error);
  f->snapshots = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_result_snapshot_free);
  for (int i = 0; i < 5; i++)
    {
      add_post (f, f->proof, i + 1, 20, 0, f->type2);
      add_post (f, f->tips, i + 10, 1, 3, f->type);
      add_post (f, f->other, i + 20, 5, 0, f->type);
      if (i < 4)
        add_post (f, f->rare, i + 30, 100, 0, f->type);
    }
  /* Older than 90 days: out of the baseline and of the suggestions. */
  add_post (f, f->rare, 120, 100, 0, f->type);
  g_assert_true (lineup_store_add_results (f->store, f->snapshots, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_pointer (&f->snapshots, g_ptr_array_unref);
  lineup_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
test_weights_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  LineupResultWeights w;

  lineup_result_weights_default (&w);
  text = lineup_result_weights_to_text (&w);
  g_assert_cmpstr (text, ==, "likes=1 clicks=2 replies=3 reposts=3 quotes=3 saves=3");
  g_assert_true (lineup_result_weights_parse ("saves=4.5 likes=0", &w, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (w.weight[LINEUP_RESULT_SAVES], ==, 4.5);
  g_assert_cmpfloat (w.weight[LINEUP_RESULT_LIKES], ==, 0.0);
  g_assert_cmpfloat (w.weight[LINEUP_RESULT_CLICKS], ==, 2.0);
  g_assert_false (lineup_result_weights_is_default (&w));

  g_assert_false (lineup_result_weights_parse ("likes=lots", &w, &error));
  g_assert_nonnull (strstr (error->message, "likes=lots"));
  g_clear_error (&error);
  g_assert_false (lineup_result_weights_parse ("views=2", &w, &error));
  g_clear_error (&error);
  g_assert_false (lineup_result_weights_parse ("likes=101", &w, &error));
  g_assert_nonnull (strstr (error->message, "likes"));
  g_clear_error (&error);
  g_assert_false (lineup_result_weights_parse ("likes=0 clicks=0 replies=0 reposts=0 quotes=0 saves=0", &w, &error));
  g_assert_nonnull (strstr (error->message, "above 0"));
}

/* The weights are the plan's: the report's numbers follow them, and each
 * change is one undo step. */
static void
test_weights_in_plan (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupResultsReport) before = NULL;
  g_autoptr(LineupResultsReport) after = NULL;
  LineupResultWeights w;
  const LineupResultGroup *tips = NULL;

  before = lineup_results_report (f->store, LINEUP_RESULTS_BY_PILLAR, 0, 0, NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (before->baseline, 10.0, 1e-9);

  /* Replies weigh 0 now: Tips posts are 1 each; the 19 are 5×1, 5×5,
   * 5×20, 4×100 → the baseline is 5 (the 10th), Tips ×0.2. */
  lineup_store_get_result_weights (f->store, &w);
  w.weight[LINEUP_RESULT_REPLIES] = 0;
  g_assert_true (lineup_store_set_result_weights (f->store, &w, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lineup_store_get_undo_label (f->store), ==, "Change engagement weights");
  after = lineup_results_report (f->store, LINEUP_RESULTS_BY_PILLAR, 0, 0, NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (after->baseline, 5.0, 1e-9);
  for (guint i = 0; i < after->groups->len; i++)
    if (g_str_equal (((LineupResultGroup *) after->groups->pdata[i])->group, "Tips"))
      tips = after->groups->pdata[i];
  g_assert_nonnull (tips);
  g_assert_cmpfloat_with_epsilon (tips->median, 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (tips->index, 0.2, 1e-9);

  /* A refused change leaves the weights. */
  w.weight[LINEUP_RESULT_LIKES] = -1;
  g_assert_false (lineup_store_set_result_weights (f->store, &w, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  lineup_store_get_result_weights (f->store, &w);
  g_assert_cmpfloat (w.weight[LINEUP_RESULT_LIKES], ==, 1.0);
  g_assert_cmpfloat (w.weight[LINEUP_RESULT_REPLIES], ==, 0.0);

  g_assert_true (lineup_store_undo (f->store, &error));
  g_assert_no_error (error);
  lineup_store_get_result_weights (f->store, &w);
  g_assert_true (lineup_result_weights_is_default (&w));
  g_assert_true (lineup_store_redo (f->store, &error));
  g_assert_no_error (error);
  lineup_store_get_result_weights (f->store, &w);
  g_assert_cmpfloat (w.weight[LINEUP_RESULT_REPLIES], ==, 0.0);

  /* Back to the defaults (NULL), also one step. */
  g_assert_true (lineup_store_set_result_weights (f->store, NULL, &error));
  g_assert_no_error (error);
  lineup_store_get_result_weights (f->store, &w);
  g_assert_true (lineup_result_weights_is_default (&w));
  g_assert_true (lineup_store_undo (f->store, &error));
  lineup_store_get_result_weights (f->store, &w);
  g_assert_cmpfloat (w.weight[LINEUP_RESULT_REPLIES], ==, 0.0);
}

static void
test_suggestions (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = lineup_mix_results_suggest (f->store, NULL, NOW, &error);
  g_autoptr(GPtrArray) elsewhere = NULL;
  const LineupMixResultSuggestion *proof, *other;

  g_assert_no_error (error);
  /* Proof ×2.0, Other ×0.5 and the second type ×2.0 are as far from
   * usual (log 2): pillars, by name, then types. Tips ×1.0, Rare too few,
   * the first type ×1.0: nothing. */
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_cmpint (((LineupMixResultSuggestion *) all->pdata[2])->of, ==, LINEUP_MIX_RESULTS_TYPE);
  other = all->pdata[0];
  proof = all->pdata[1];
  g_assert_cmpstr (proof->name, ==, "Proof");
  g_assert_cmpstr (proof->platform, ==, "linkedin");
  g_assert_cmpuint (proof->n_posts, ==, 5);
  g_assert_cmpfloat_with_epsilon (proof->index, 2.0, 1e-9);
  g_assert_true (proof->raise);
  g_assert_cmpfloat (proof->max, ==, 15.0);
  g_assert_cmpfloat (proof->new_max, ==, 20.0);
  g_assert_cmpstr (proof->text, ==, "Proof posts do 2.0× your usual on LinkedIn over 5 posts: consider raising Proof to 20 %");
  g_assert_cmpstr (other->name, ==, "Other");
  g_assert_false (other->raise);
  g_assert_cmpfloat_with_epsilon (other->index, 0.5, 1e-9);
  g_assert_cmpstr (other->text, ==, "Other posts do 0.5× your usual on LinkedIn over 5 posts: consider lowering Other to 40 %");

  /* The targets stay until a suggestion is applied: one undo step. */
  g_assert_cmpfloat (lineup_pillar_get_target (lineup_store_get_pillar (f->store, f->proof)), ==, 15.0);
  g_assert_true (lineup_mix_results_apply (f->store, proof, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (lineup_pillar_get_target (lineup_store_get_pillar (f->store, f->proof)), ==, 20.0);
  g_assert_true (lineup_store_undo (f->store, &error));
  g_assert_cmpfloat (lineup_pillar_get_target (lineup_store_get_pillar (f->store, f->proof)), ==, 15.0);

  /* On another network there are no results: nothing to suggest. */
  elsewhere = lineup_mix_results_suggest (f->store, "mastodon", NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (elsewhere->len, ==, 0);
}

/* Undoing an older step of the catalog (a target) leaves the weights
 * another process (the command line) set since. */
static void
test_weights_kept_by_older_undo (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "lineup.db", NULL);
  g_autoptr(LineupStore) other = NULL;
  LineupResultWeights w;

  g_assert_true (lineup_store_set_pillar_target (f->store, f->proof, 25, &error));
  g_assert_no_error (error);
  other = lineup_store_open (path, &error);
  g_assert_no_error (error);
  lineup_result_weights_default (&w);
  w.weight[LINEUP_RESULT_SAVES] = 7;
  g_assert_true (lineup_store_set_result_weights (other, &w, &error));
  g_assert_no_error (error);

  g_assert_true (lineup_store_undo (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (lineup_pillar_get_target (lineup_store_get_pillar (f->store, f->proof)), ==, 15.0);
  lineup_store_get_result_weights (f->store, &w);
  g_assert_cmpfloat (w.weight[LINEUP_RESULT_SAVES], ==, 7.0);
}

/* A type's band moves as a whole, within 0–100; a pillar without a target
 * gets none. */
static void
test_type_band (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  const LineupMixResultSuggestion *s = NULL;
  LineupContentType *type;

  g_assert_true (lineup_store_set_pillar_target (f->store, f->proof, -1, &error));
  g_assert_no_error (error);
  all = lineup_mix_results_suggest (f->store, "linkedin", NOW, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    {
      const LineupMixResultSuggestion *x = all->pdata[i];

      g_assert_false (x->of == LINEUP_MIX_RESULTS_PILLAR && x->id == f->proof);
      if (x->of == LINEUP_MIX_RESULTS_TYPE)
        s = x;
    }
  g_assert_nonnull (s);
  g_assert_cmpint (s->id, ==, f->type2);
  g_assert_true (s->raise);
  g_assert_cmpfloat (s->new_min, ==, 35.0);
  g_assert_cmpfloat (s->new_max, ==, 100.0);
  g_assert_nonnull (strstr (s->text, "over 5 posts: consider raising"));
  g_assert_nonnull (strstr (s->text, "to 35–100 %"));
  g_assert_true (lineup_mix_results_apply (f->store, s, &error));
  g_assert_no_error (error);
  type = lineup_store_get_content_type (f->store, f->type2);
  g_assert_cmpfloat (lineup_content_type_get_target_min (type), ==, 35.0);
  g_assert_cmpfloat (lineup_content_type_get_target_max (type), ==, 100.0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mix-results/weights-text", test_weights_text);
  g_test_add ("/mix-results/weights-in-plan", Fixture, NULL, fixture_set_up, test_weights_in_plan, fixture_tear_down);
  g_test_add ("/mix-results/suggestions", Fixture, NULL, fixture_set_up, test_suggestions, fixture_tear_down);
  g_test_add ("/mix-results/weights-kept-by-older-undo", Fixture, NULL, fixture_set_up, test_weights_kept_by_older_undo,
              fixture_tear_down);
  g_test_add ("/mix-results/type-band", Fixture, NULL, fixture_set_up, test_type_band, fixture_tear_down);
  return g_test_run ();
}
