/* test-mix.c: the content mix, counted and judged against hand-computed plans.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "lineup-core.h"
#include "lineup-test-util.h"

typedef struct {
  char *dir;
  char *path;
  LineupStore *store;
  gint64 pillars[2];
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("lineup-mix-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "lineup.db", NULL);
  f->store = lineup_plan_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (lineup_store_set_time_zone (f->store, "Europe/Warsaw", &error));
  f->pillars[0] = lineup_pillar_get_id (lineup_store_add_pillar (f->store, "Education", NULL, 60, &error));
  f->pillars[1] = lineup_pillar_get_id (lineup_store_add_pillar (f->store, "Stories", NULL, -1, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  lineup_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static GDate
day (int year, int month, int d)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, month, year);
  return date;
}

/* A post of @type ("educational", …) at local @date @minutes, on @platform. */
static char *
add (Fixture     *f,
     const char  *type,
     GDate        date,
     int          minutes,
     const char  *platform,
     LineupStage  stage)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) post = lineup_post_new ();
  const char *platforms[] = { platform, NULL };

  lineup_post_set_title (post, type);
  lineup_post_set_pillar_id (post, f->pillars[0]);
  lineup_post_set_type_id (post, lineup_content_type_get_id (lineup_store_find_content_type (f->store, type)));
  lineup_post_set_platforms (post, platforms);
  lineup_post_set_stage (post, stage);
  lineup_post_set_scheduled_at (post, lineup_store_local_to_utc (f->store, &date, minutes));
  g_assert_true (lineup_store_add_post (f->store, post, &error));
  g_assert_no_error (error);
  return g_strdup (lineup_post_get_id (post));
}

static LineupMixReport *
report_for (Fixture *f,
            GDate    from,
            GDate    to)
{
  g_autoptr(LineupMix) mix = lineup_mix_new (f->store);

  lineup_mix_set_range (mix, &from, &to);
  return lineup_mix_get_report (mix);
}

static LineupMixRow *
type_row (LineupMixReport *report,
          const char      *key)
{
  LineupMixRow *row = lineup_mix_report_find_type (report, key);
  g_assert_nonnull (row);
  return row;
}

static const char *
suggestion (LineupMixReport *report,
            guint            i)
{
  g_assert_cmpuint (i, <, report->suggestions->len);
  return ((LineupMixSuggestion *) report->suggestions->pdata[i])->text;
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(LineupMixReport) report = report_for (f, day (2026, 12, 1), day (2027, 1, 1));

  g_assert_cmpuint (report->total, ==, 0);
  g_assert_cmpint (type_row (report, "educational")->state, ==, LINEUP_MIX_UNDER);
  g_assert_cmpint (type_row (report, "promotional")->state, ==, LINEUP_MIX_WITHIN);
  /* 40 + 20 + 15 + 10 points under, and the Education pillar 55 under. */
  g_assert_cmpfloat (report->score, ==, 0);
  g_assert_cmpstr (suggestion (report, 0), ==, "Add 1 Educational post (week of 1 Dec has none)");
  g_assert_cmpuint (report->n_weeks, ==, 5);   /* 30 Nov … 28 Dec */
  g_assert_false (report->weeks[0].whole);
  g_assert_true (report->weeks[1].whole);
}

static void
test_one_post (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *id = add (f, "educational", day (2026, 12, 9), 9 * 60, "linkedin", LINEUP_STAGE_DRAFT);
  g_autoptr(LineupMixReport) report = report_for (f, day (2026, 12, 1), day (2027, 1, 1));
  LineupMixRow *edu = type_row (report, "educational");

  g_assert_cmpuint (report->total, ==, 1);
  g_assert_cmpfloat (edu->share, ==, 100);
  g_assert_cmpint (edu->state, ==, LINEUP_MIX_OVER);
  g_assert_cmpuint (edu->distance, ==, 1);
  g_assert_cmpuint (edu->others, ==, 1);
  g_assert_cmpstr (suggestion (report, 0), ==,
                   "Educational is 100 % (max 50 %): change the type of 1 post or add 1 other");
  g_assert_cmpstr (suggestion (report, 1), ==, "Add 1 Narrative post (week of 1 Dec has none)");
  /* Education pillar at 100 % against 60 ± 5. */
  g_assert_cmpint (((LineupMixRow *) report->pillars->pdata[0])->state, ==, LINEUP_MIX_OVER);
  g_assert_cmpint (((LineupMixRow *) report->pillars->pdata[1])->state, ==, LINEUP_MIX_NO_TARGET);
}

static void
test_shares_score_suggestions (Fixture       *f,
                               gconstpointer  data)
{
  /* 10 posts: Educational 3 (30 %, 10 points under), the rest within. */
  const char *types[] = { "educational", "educational", "educational", "narrative", "narrative", "narrative",
                          "proof", "proof", "community", "promotional" };
  g_autoptr(LineupMixReport) report = NULL;

  g_assert_true (lineup_store_set_pillar_target (f->store, f->pillars[0], -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    g_free (add (f, types[i], day (2026, 12, 7 + i), 10 * 60, "linkedin", LINEUP_STAGE_SCHEDULED));
  /* A brief does not count, by default. */
  g_free (add (f, "promotional", day (2026, 12, 8), 10 * 60, "linkedin", LINEUP_STAGE_BRIEF));

  report = report_for (f, day (2026, 12, 1), day (2027, 1, 1));
  g_assert_cmpuint (report->total, ==, 10);
  g_assert_cmpfloat (type_row (report, "educational")->share, ==, 30);
  g_assert_cmpint (type_row (report, "narrative")->state, ==, LINEUP_MIX_WITHIN);
  g_assert_cmpint (type_row (report, "promotional")->state, ==, LINEUP_MIX_WITHIN);
  g_assert_cmpfloat (report->score, ==, 80);
  g_assert_cmpuint (report->suggestions->len, ==, 1);
  /* 5 of 12 is 41.7 %; 4 of 11 would be 36.4 %. The week of 28 Dec has none. */
  g_assert_cmpstr (suggestion (report, 0), ==, "Add 2 Educational posts (week of 1 Dec has none)");

  /* The week of 7 Dec (Mon) has posts of several types, and educational. */
  g_assert_cmpuint (report->weeks[1].total, ==, 7);
  g_assert_cmpuint (report->weeks[1].type_counts[0], ==, 3);

  /* Counting Briefs too changes the total. */
  g_assert_true (lineup_store_set_mix_stages (f->store, (1u << LINEUP_N_STAGES) - 1, NULL));
  g_clear_pointer (&report, lineup_mix_report_free);
  report = report_for (f, day (2026, 12, 1), day (2027, 1, 1));
  g_assert_cmpuint (report->total, ==, 11);
  g_assert_cmpint (type_row (report, "promotional")->state, ==, LINEUP_MIX_OVER);
  g_assert_cmpstr (suggestion (report, 0), ==, "Add 3 Educational posts (week of 1 Dec has none)");
  g_assert_cmpstr (suggestion (report, 1), ==, "Add 1 Community post (week of 1 Dec has none)");
  g_assert_cmpstr (suggestion (report, 2), ==,
                   "Promotional is 18 % (max 10 %): change the type of 1 post or add 9 others");

  /* Perfect balance scores 100. */
  g_assert_true (lineup_store_set_type_target (f->store, type_row (report, "educational")->id, 25, 50, NULL));
  g_clear_pointer (&report, lineup_mix_report_free);
  report = report_for (f, day (2026, 12, 1), day (2027, 1, 1));
  g_assert_cmpint (type_row (report, "educational")->state, ==, LINEUP_MIX_WITHIN);
  /* Community 1 of 11 is 0.91 points under, Promotional 2 of 11 8.18 over. */
  g_assert_cmpfloat_with_epsilon (report->score, 100 - 2 * ((10 - 100.0 / 11) + (200.0 / 11 - 10)), 1e-9);
}

static void
test_score_full (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(LineupMixReport) report = NULL;
  GListModel *types = lineup_store_get_content_types (f->store);

  /* Every row within its band: the top of the scale. */
  for (guint i = 0; i < g_list_model_get_n_items (types); i++)
    {
      g_autoptr(LineupContentType) type = g_list_model_get_item (types, i);
      g_assert_true (lineup_store_set_type_target (f->store, lineup_content_type_get_id (type), 0, 100, NULL));
    }
  g_assert_true (lineup_store_set_pillar_target (f->store, f->pillars[0], -1, NULL));
  g_free (add (f, "proof", day (2026, 12, 2), 600, "x", LINEUP_STAGE_DRAFT));
  report = report_for (f, day (2026, 12, 1), day (2027, 1, 1));
  g_assert_cmpfloat (report->score, ==, 100);
  g_assert_cmpuint (report->suggestions->len, ==, 0);
}

static void
test_month_boundaries_dst (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(LineupMixReport) march = NULL;
  g_autoptr(LineupMixReport) october = NULL;

  /* Warsaw moves to summer time on 29 March and back on 25 October 2026. */
  g_free (add (f, "educational", day (2026, 2, 28), 23 * 60 + 45, "x", LINEUP_STAGE_DRAFT));
  g_free (add (f, "educational", day (2026, 3, 1), 15, "x", LINEUP_STAGE_DRAFT));
  g_free (add (f, "narrative", day (2026, 3, 31), 23 * 60 + 30, "x", LINEUP_STAGE_DRAFT));
  g_free (add (f, "narrative", day (2026, 4, 1), 30, "x", LINEUP_STAGE_DRAFT));
  g_free (add (f, "proof", day (2026, 10, 31), 23 * 60 + 59, "x", LINEUP_STAGE_DRAFT));
  g_free (add (f, "proof", day (2026, 11, 1), 0, "x", LINEUP_STAGE_DRAFT));

  march = report_for (f, day (2026, 3, 1), day (2026, 4, 1));
  g_assert_cmpuint (march->total, ==, 2);
  g_assert_cmpuint (type_row (march, "educational")->count, ==, 1);
  g_assert_cmpuint (type_row (march, "narrative")->count, ==, 1);
  october = report_for (f, day (2026, 10, 1), day (2026, 11, 1));
  g_assert_cmpuint (october->total, ==, 1);
  g_assert_cmpuint (type_row (october, "proof")->count, ==, 1);
}

static gboolean
has_flag (LineupMixReport *report,
          const char      *text)
{
  for (guint i = 0; i < report->flags->len; i++)
    if (g_str_equal (report->flags->pdata[i], text))
      return TRUE;
  return FALSE;
}

/* Posts land on the local day they are on, also on the days the clocks
 * change and at midnight: the day's first minute is that day's, its last
 * minute still that day's. */
static void
test_days_across_dst (Fixture       *f,
                      gconstpointer  data)
{
  struct { GDate date; int minutes; } posts[] = {
    /* Summer time from 29 March 2026, 02:00 (Sunday). */
    { day (2026, 3, 28), 23 * 60 + 59 },
    { day (2026, 3, 29), 0 },
    { day (2026, 3, 29), 2 * 60 + 30 },      /* does not exist: 03:30 */
    { day (2026, 3, 29), 23 * 60 + 59 },
    { day (2026, 3, 30), 0 },
    /* Winter time from 25 October 2026, 03:00 (Sunday). */
    { day (2026, 10, 24), 23 * 60 + 59 },
    { day (2026, 10, 25), 0 },
    { day (2026, 10, 25), 2 * 60 + 30 },     /* twice that night */
    { day (2026, 10, 25), 23 * 60 + 59 },
    { day (2026, 10, 26), 0 },
  };
  struct { GDate from, to; const char *sunday; } ranges[] = {
    { day (2026, 3, 23), day (2026, 4, 6), "Sunday 29 Mar: 3 posts on LinkedIn (more than 2)" },
    { day (2026, 10, 19), day (2026, 11, 2), "Sunday 25 Oct: 3 posts on LinkedIn (more than 2)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (posts); i++)
    g_free (add (f, "educational", posts[i].date, posts[i].minutes, "linkedin", LINEUP_STAGE_DRAFT));

  for (guint r = 0; r < G_N_ELEMENTS (ranges); r++)
    {
      g_autoptr(LineupMixReport) report = report_for (f, ranges[r].from, ranges[r].to);
      g_autoptr(GPtrArray) stored = lineup_store_list_posts (f->store,
                                                             lineup_store_local_to_utc (f->store, &ranges[r].from, 0),
                                                             lineup_store_local_to_utc (f->store, &ranges[r].to, 0),
                                                             NULL);
      guint weeks[2] = { 0, 0 };

      /* Each post in the week its local date is in, as the zone says. */
      for (guint i = 0; i < stored->len; i++)
        {
          GDate date;

          lineup_store_utc_to_local (f->store, lineup_post_get_scheduled_at (stored->pdata[i]), &date, NULL);
          weeks[g_date_days_between (&ranges[r].from, &date) / 7]++;
        }
      g_assert_cmpuint (report->total, ==, 5);
      g_assert_cmpuint (report->n_weeks, ==, 2);
      g_assert_cmpuint (report->weeks[0].total, ==, weeks[0]);
      g_assert_cmpuint (report->weeks[1].total, ==, weeks[1]);
      g_assert_cmpuint (weeks[0], ==, 4);
      /* Saturday's last minute and Monday's first are not Sunday's. */
      g_assert_true (has_flag (report, ranges[r].sunday));
      for (guint i = 0; i < report->flags->len; i++)
        g_assert_false (strstr (report->flags->pdata[i], "posts on LinkedIn (more") &&
                        !g_str_equal (report->flags->pdata[i], ranges[r].sunday));
    }
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupMix) mix = lineup_mix_new (f->store);
  g_autoptr(LineupMixReport) report = NULL;
  g_autofree char *tagged = add (f, "promotional", day (2026, 12, 3), 600, "mastodon", LINEUP_STAGE_DRAFT);
  LineupCampaign *campaign = lineup_store_add_campaign (f->store, "Launch", "#1c71d8", "2026-12-01", "2026-12-10", &error);
  GDate from = day (2026, 12, 1), to = day (2027, 1, 1);

  g_free (add (f, "educational", day (2026, 12, 4), 600, "linkedin", LINEUP_STAGE_DRAFT));
  g_free (add (f, "educational", day (2026, 12, 5), 600, "mastodon", LINEUP_STAGE_DRAFT));
  {
    g_autoptr(LineupPost) post = lineup_store_get_post (f->store, tagged, NULL);
    lineup_post_set_campaign_id (post, lineup_campaign_get_id (campaign));
    g_assert_true (lineup_workflow_edit (f->store, post, &error));
  }

  lineup_mix_set_range (mix, &from, &to);
  g_assert_cmpuint (lineup_mix_get_total (mix), ==, 3);
  lineup_mix_set_platform (mix, "mastodon");
  report = lineup_mix_get_report (mix);
  g_assert_cmpuint (report->total, ==, 2);
  g_assert_cmpuint (report->cadence->len, ==, 1);
  g_assert_cmpstr (((LineupMixCadence *) report->cadence->pdata[0])->platform, ==, "mastodon");
  lineup_mix_set_platform (mix, NULL);
  lineup_mix_set_campaign (mix, lineup_campaign_get_id (campaign));
  g_assert_cmpuint (lineup_mix_get_total (mix), ==, 1);
}

static void
test_cadence_and_rules (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(LineupMixReport) report = NULL;

  /* Week of 7 Dec: three promotional posts on LinkedIn on one day. */
  for (int i = 0; i < 3; i++)
    g_free (add (f, "promotional", day (2026, 12, 8), 9 * 60 + i * 60, "linkedin", LINEUP_STAGE_DRAFT));
  /* Week of 14 Dec: educational and narrative on Instagram, four a week. */
  g_free (add (f, "educational", day (2026, 12, 14), 600, "instagram", LINEUP_STAGE_DRAFT));
  g_free (add (f, "narrative", day (2026, 12, 15), 600, "instagram", LINEUP_STAGE_DRAFT));
  g_free (add (f, "narrative", day (2026, 12, 16), 600, "instagram", LINEUP_STAGE_DRAFT));
  g_free (add (f, "narrative", day (2026, 12, 17), 600, "instagram", LINEUP_STAGE_DRAFT));

  report = report_for (f, day (2026, 12, 7), day (2026, 12, 21));
  g_assert_true (has_flag (report, "Week of 7 Dec: every post is Promotional"));
  g_assert_true (has_flag (report, "Week of 7 Dec has no Educational post"));
  g_assert_false (has_flag (report, "Week of 14 Dec has no Educational post"));
  g_assert_true (has_flag (report, "Tuesday 8 Dec: 3 posts on LinkedIn (more than 2)"));
  /* LinkedIn 3 then 0 a week against 2–3; Instagram 0 then 4 against 3–5. */
  g_assert_true (has_flag (report, "LinkedIn: 0 to 3 posts a week (target 2–3)"));
  g_assert_true (has_flag (report, "Instagram: 0 to 4 posts a week (target 3–5)"));
  g_assert_cmpuint (report->cadence->len, ==, 2);
  g_assert_cmpuint (((LineupMixCadence *) report->cadence->pdata[0])->week_counts[0], ==, 3);
}

static void
assert_same (LineupMixReport *a,
             LineupMixReport *b)
{
  g_assert_cmpuint (a->total, ==, b->total);
  g_assert_cmpfloat (a->score, ==, b->score);
  g_assert_cmpuint (a->types->len, ==, b->types->len);
  for (guint i = 0; i < a->types->len; i++)
    g_assert_cmpuint (((LineupMixRow *) a->types->pdata[i])->count, ==, ((LineupMixRow *) b->types->pdata[i])->count);
  for (guint i = 0; i < a->pillars->len; i++)
    g_assert_cmpuint (((LineupMixRow *) a->pillars->pdata[i])->count, ==, ((LineupMixRow *) b->pillars->pdata[i])->count);
  g_assert_cmpuint (a->not_counted, ==, b->not_counted);
  for (guint s = 0; s < LINEUP_N_STAGES; s++)
    g_assert_cmpuint (a->not_counted_stages[s], ==, b->not_counted_stages[s]);
  g_assert_cmpuint (a->n_weeks, ==, b->n_weeks);
  for (guint w = 0; w < a->n_weeks; w++)
    {
      g_assert_cmpuint (a->weeks[w].total, ==, b->weeks[w].total);
      g_assert_cmpint (a->weeks[w].to_fill, ==, b->weeks[w].to_fill);
      for (guint t = 0; t < a->types->len; t++)
        {
          g_assert_cmpuint (a->weeks[w].type_counts[t], ==, b->weeks[w].type_counts[t]);
          g_assert_cmpuint (a->weeks[w].type_not_counted[t], ==, b->weeks[w].type_not_counted[t]);
        }
    }
  g_assert_cmpuint (a->cadence->len, ==, b->cadence->len);
  for (guint c = 0; c < a->cadence->len; c++)
    for (guint w = 0; w < a->n_weeks; w++)
      g_assert_cmpuint (((LineupMixCadence *) a->cadence->pdata[c])->week_counts[w], ==,
                        ((LineupMixCadence *) b->cadence->pdata[c])->week_counts[w]);
  g_assert_cmpuint (a->flags->len, ==, b->flags->len);
  for (guint i = 0; i < a->flags->len; i++)
    g_assert_cmpstr (a->flags->pdata[i], ==, b->flags->pdata[i]);
  g_assert_cmpuint (a->suggestions->len, ==, b->suggestions->len);
  for (guint i = 0; i < a->suggestions->len; i++)
    {
      g_assert_cmpstr (((LineupMixSuggestion *) a->suggestions->pdata[i])->text, ==,
                       ((LineupMixSuggestion *) b->suggestions->pdata[i])->text);
      g_assert_cmpstr (((LineupMixSuggestion *) a->suggestions->pdata[i])->detail, ==,
                       ((LineupMixSuggestion *) b->suggestions->pdata[i])->detail);
    }
}

static void
test_incremental_equals_recount (Fixture       *f,
                                 gconstpointer  data)
{
  const char *types[] = { "educational", "narrative", "proof", "community", "promotional" };
  const char *platforms[] = { "linkedin", "x", "instagram", "mastodon" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261122);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(LineupMix) mix = lineup_mix_new (f->store);
  GDate from = day (2026, 11, 1), to = day (2026, 12, 1);

  lineup_mix_set_range (mix, &from, &to);
  for (int i = 0; i < 1000; i++)
    {
      g_autoptr(GError) error = NULL;
      /* Adds are three in eight, so the plan grows as it changes. */
      int what = ids->len < 5 ? 0 : MAX (g_rand_int_range (rand, -2, 6), 0);

      if (what == 0)
        g_ptr_array_add (ids, add (f, types[g_rand_int_range (rand, 0, 5)],
                                   day (2026, 10 + g_rand_int_range (rand, 0, 3), g_rand_int_range (rand, 1, 31)),
                                   g_rand_int_range (rand, 0, 24 * 60), platforms[g_rand_int_range (rand, 0, 4)],
                                   g_rand_int_range (rand, 0, LINEUP_N_STAGES)));
      else
        {
          const char *id = ids->pdata[g_rand_int_range (rand, 0, ids->len)];
          g_autoptr(LineupPost) post = lineup_store_get_post (f->store, id, NULL);

          if (post == NULL)
            continue;
          switch (what)
            {
            case 1:
              {
                GDate d = day (2026, 10 + g_rand_int_range (rand, 0, 3), g_rand_int_range (rand, 1, 31));
                lineup_store_move_post (f->store, id, &d, NULL);   /* published posts refuse */
              }
              break;
            case 2:
              lineup_post_set_type_id (post, lineup_content_type_get_id (
                lineup_store_find_content_type (f->store, types[g_rand_int_range (rand, 0, 5)])));
              g_assert_true (lineup_workflow_edit (f->store, post, &error));
              break;
            case 3:
              {
                const char *p[] = { platforms[g_rand_int_range (rand, 0, 4)], platforms[g_rand_int_range (rand, 0, 4)], NULL };
                lineup_post_set_platforms (post, p);
                lineup_post_set_pillar_id (post, f->pillars[g_rand_int_range (rand, 0, 2)]);
                g_assert_true (lineup_workflow_edit (f->store, post, &error));
              }
              break;
            case 4:
              g_assert_true (lineup_store_delete_post (f->store, id, &error));
              break;
            default:
              if (lineup_store_can_undo (f->store))
                g_assert_true (lineup_store_undo (f->store, &error));
              break;
            }
          g_assert_no_error (error);
        }
    }

  {
    g_autoptr(LineupMixReport) incremental = lineup_mix_get_report (mix);
    g_autoptr(LineupMixReport) full = report_for (f, from, to);

    g_assert_cmpuint (full->total, >, 50);
    g_assert_cmpuint (full->not_counted, >, 5);
    assert_same (incremental, full);
  }
}

/* The calendar moves its mix from month to month and back while the plan
 * changes: each range counted again gives what a new mix counts, and keeps
 * following the changes after the move. */
static void
test_range_switch_equals_fresh (Fixture       *f,
                                gconstpointer  data)
{
  const char *types[] = { "educational", "narrative", "proof", "community", "promotional" };
  const char *platforms[] = { "linkedin", "x", "instagram", "mastodon" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261123);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(LineupMix) mix = lineup_mix_new (f->store);
  GDate months[] = { day (2026, 11, 1), day (2026, 12, 1), day (2027, 1, 1) };

  for (int round = 0; round < 12; round++)
    {
      guint m = round % 2;

      lineup_mix_set_range (mix, &months[m], &months[m + 1]);
      {
        g_autoptr(LineupMixReport) moved = lineup_mix_get_report (mix);
        g_autoptr(LineupMixReport) fresh = report_for (f, months[m], months[m + 1]);

        assert_same (moved, fresh);
      }
      for (int i = 0; i < 40; i++)
        {
          g_autoptr(GError) error = NULL;

          if (ids->len < 10 || g_rand_boolean (rand))
            g_ptr_array_add (ids, add (f, types[g_rand_int_range (rand, 0, 5)],
                                       day (2026, 11 + g_rand_int_range (rand, 0, 2), g_rand_int_range (rand, 1, 31)),
                                       g_rand_int_range (rand, 0, 24 * 60), platforms[g_rand_int_range (rand, 0, 4)],
                                       g_rand_int_range (rand, 0, LINEUP_N_STAGES)));
          else
            {
              const char *id = ids->pdata[g_rand_int_range (rand, 0, ids->len)];
              GDate d = day (2026, 11 + g_rand_int_range (rand, 0, 2), g_rand_int_range (rand, 1, 31));

              lineup_store_move_post (f->store, id, &d, &error);   /* published posts refuse */
            }
        }
      {
        g_autoptr(LineupMixReport) followed = lineup_mix_get_report (mix);
        g_autoptr(LineupMixReport) fresh = report_for (f, months[m], months[m + 1]);

        assert_same (followed, fresh);
      }
    }
}

static void
test_preview (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *id = add (f, "educational", day (2026, 12, 9), 9 * 60, "linkedin", LINEUP_STAGE_DRAFT);
  g_autoptr(LineupMix) mix = lineup_mix_new (f->store);
  g_autoptr(LineupPost) post = lineup_store_get_post (f->store, id, NULL);
  g_autoptr(LineupPost) moved = lineup_post_copy (post);
  g_autoptr(LineupMixReport) preview = NULL;
  GDate from = day (2026, 12, 1), to = day (2027, 1, 1), january = day (2027, 1, 5);

  lineup_mix_set_range (mix, &from, &to);
  lineup_post_set_scheduled_at (moved, lineup_store_local_to_utc (f->store, &january, 9 * 60));
  preview = lineup_mix_preview (mix, post, moved);
  g_assert_cmpuint (preview->total, ==, 0);
  g_assert_cmpuint (lineup_mix_get_total (mix), ==, 1);
}

/* Weeks as the calendar shows them: with Sunday first, a post on Sunday 6
 * December belongs to the week of 6 Dec, not of 30 Nov; a post on Saturday
 * 12 December to the same week. Changing the first day recounts. */
static void
test_week_start (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(LineupMix) mix = lineup_mix_new (f->store);
  g_autoptr(LineupMixReport) monday = NULL;
  g_autoptr(LineupMixReport) sunday = NULL;
  GDate from = day (2026, 12, 1), to = day (2027, 1, 1);
  char when[32];

  g_free (add (f, "educational", day (2026, 12, 6), 9 * 60, "linkedin", LINEUP_STAGE_DRAFT));
  g_free (add (f, "narrative", day (2026, 12, 12), 9 * 60, "linkedin", LINEUP_STAGE_DRAFT));
  lineup_mix_set_range (mix, &from, &to);
  g_assert_cmpint (lineup_mix_get_week_start (mix), ==, 1);
  monday = lineup_mix_get_report (mix);
  g_date_strftime (when, sizeof when, "%a %-d %b", &monday->weeks[0].start);
  g_assert_cmpstr (when, ==, "Mon 30 Nov");
  g_assert_cmpuint (monday->weeks[0].total, ==, 1);   /* Sun 6 Dec ends Monday's first week */
  g_assert_cmpuint (monday->weeks[1].total, ==, 1);

  lineup_mix_set_week_start (mix, 0);
  sunday = lineup_mix_get_report (mix);
  g_date_strftime (when, sizeof when, "%a %-d %b", &sunday->weeks[0].start);
  g_assert_cmpstr (when, ==, "Sun 29 Nov");
  g_assert_cmpuint (sunday->n_weeks, ==, 5);   /* 29 Nov … 27 Dec */
  g_assert_cmpuint (sunday->weeks[0].total, ==, 0);
  g_assert_cmpuint (sunday->weeks[1].total, ==, 2);   /* 6–12 Dec */
  g_assert_true (sunday->weeks[1].whole);
  g_assert_cmpuint (sunday->total, ==, monday->total);
}

/* The last dates a plan keeps: 9998 is the last year, so the end of any
 * range (the day after its last) is still a date the store can place; a
 * range past it is held to it, with no critical (the tests make them
 * fatal) and no empty count. */
static void
test_last_dates (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(LineupMix) mix = lineup_mix_new (f->store);
  g_autoptr(LineupMixReport) report = NULL;
  g_autofree char *id = NULL;
  GDate from = day (9999, 12, 1), to, last_from, last_to;

  g_assert_true (lineup_parse_date ("1900-01-01", NULL));
  g_assert_true (lineup_parse_date ("9998-12-31", NULL));
  g_assert_false (lineup_parse_date ("9999-12-31", NULL));
  g_assert_false (lineup_parse_date ("9999-01-01", NULL));
  g_assert_false (lineup_parse_date ("1899-12-31", NULL));

  id = add (f, "educational", day (9998, 12, 31), 23 * 60 + 30, "mastodon", LINEUP_STAGE_SCHEDULED);
  report = report_for (f, day (9998, 12, 1), day (9999, 1, 1));
  g_assert_cmpuint (report->total, ==, 1);
  g_clear_pointer (&report, lineup_mix_report_free);

  g_date_clear (&to, 1);
  g_date_set_dmy (&to, 1, 1, 10000);
  lineup_mix_set_range (mix, &from, &to);
  lineup_mix_get_range (mix, &last_from, &last_to);
  g_assert_cmpint (g_date_get_year (&last_from), ==, 9999);
  g_assert_cmpint (g_date_get_julian (&last_to), ==, g_date_get_julian (&last_from));
  report = lineup_mix_get_report (mix);
  g_assert_cmpuint (report->total, ==, 0);
}

/* A post with a title of its own, for the advice that names it. */
static char *
add_titled (Fixture     *f,
            const char  *title,
            const char  *type,
            GDate        date,
            LineupStage  stage)
{
  g_autofree char *id = add (f, type, date, 10 * 60, "linkedin", stage);
  g_autoptr(LineupPost) post = lineup_store_get_post (f->store, id, NULL);
  g_autoptr(GError) error = NULL;

  lineup_post_set_title (post, title);
  g_assert_true (lineup_workflow_edit (f->store, post, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&id);
}

/* The calendar shows every dated post; the mix says how many of them it
 * does not count, and why (their stage), where it gives its total. */
static void
test_not_counted (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(LineupMixReport) report = NULL;
  g_autofree char *text = NULL;
  g_autoptr(LineupPost) undated = lineup_post_new ();
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < 3; i++)
    g_free (add (f, "narrative", day (2026, 12, 7 + i), 600, "linkedin", LINEUP_STAGE_DRAFT));
  g_free (add (f, "educational", day (2026, 12, 10), 600, "linkedin", LINEUP_STAGE_BRIEF));
  g_free (add (f, "educational", day (2026, 12, 11), 600, "linkedin", LINEUP_STAGE_BRIEF));
  /* Neither in the range: a brief of January and one with no date. */
  g_free (add (f, "educational", day (2027, 1, 4), 600, "linkedin", LINEUP_STAGE_BRIEF));
  lineup_post_set_title (undated, "Idea");
  lineup_post_set_type_id (undated, lineup_content_type_get_id (lineup_store_find_content_type (f->store, "educational")));
  lineup_post_set_pillar_id (undated, f->pillars[0]);
  g_assert_true (lineup_store_add_post (f->store, undated, &error));

  report = report_for (f, day (2026, 12, 1), day (2027, 1, 1));
  g_assert_cmpuint (report->total, ==, 3);
  g_assert_cmpuint (report->not_counted, ==, 2);
  g_assert_cmpuint (report->not_counted_stages[LINEUP_STAGE_BRIEF], ==, 2);
  text = lineup_mix_report_counted_text (report);
  g_assert_cmpstr (text, ==, "3 counted · 2 briefs not counted");

  /* Drafts left out too: both stages, in the order of the workflow. */
  g_assert_true (lineup_store_set_mix_stages (f->store, LINEUP_MIX_DEFAULT_STAGES & ~(1u << LINEUP_STAGE_DRAFT), NULL));
  g_clear_pointer (&report, lineup_mix_report_free);
  g_clear_pointer (&text, g_free);
  report = report_for (f, day (2026, 12, 1), day (2027, 1, 1));
  text = lineup_mix_report_counted_text (report);
  g_assert_cmpstr (text, ==, "0 counted · 2 briefs, 3 drafts not counted");

  /* Everything counts: the total alone. */
  g_assert_true (lineup_store_set_mix_stages (f->store, (1u << LINEUP_N_STAGES) - 1, NULL));
  g_clear_pointer (&report, lineup_mix_report_free);
  g_clear_pointer (&text, g_free);
  report = report_for (f, day (2026, 12, 1), day (2027, 1, 1));
  text = lineup_mix_report_counted_text (report);
  g_assert_cmpuint (report->not_counted, ==, 0);
  g_assert_cmpstr (text, ==, "5 posts counted");
}

static gboolean
has_flag_prefix (LineupMixReport *report,
                 const char      *prefix)
{
  for (guint i = 0; i < report->flags->len; i++)
    if (g_str_has_prefix (report->flags->pdata[i], prefix))
      return TRUE;
  return FALSE;
}

/* The lead's January: weeks from Sunday, the week of 24 Jan has no
 * Educational post counted but two Educational briefs; the advice names
 * them, the rule of thumb too, and a suggestion to add Educational posts
 * points at them. */
static void
test_briefs_fix_gap (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(LineupMix) mix = lineup_mix_new (f->store);
  g_autoptr(LineupMixReport) report = NULL;
  LineupMixSuggestion *add_edu = NULL;
  GDate from = day (2027, 1, 1), to = day (2027, 2, 1);

  g_assert_true (lineup_store_set_pillar_target (f->store, f->pillars[0], -1, NULL));
  /* An Educational post in each week to fill but the week of 24 Jan, and
   * narratives enough that Educational is under its 40 %. */
  for (int d = 4; d <= 18; d += 7)
    g_free (add (f, "educational", day (2027, 1, d), 600, "linkedin", LINEUP_STAGE_DRAFT));
  for (int d = 4; d <= 28; d += 2)
    g_free (add (f, "narrative", day (2027, 1, d), 700, "x", LINEUP_STAGE_DRAFT));
  g_free (add_titled (f, "V60 in 5 steps", "educational", day (2027, 1, 26), LINEUP_STAGE_BRIEF));
  g_free (add_titled (f, "Water matters", "educational", day (2027, 1, 28), LINEUP_STAGE_BRIEF));
  /* A brief of another type there is not named. */
  g_free (add_titled (f, "Giveaway", "promotional", day (2027, 1, 27), LINEUP_STAGE_BRIEF));

  lineup_mix_set_week_start (mix, 0);
  lineup_mix_set_range (mix, &from, &to);
  report = lineup_mix_get_report (mix);
  g_assert_cmpuint (report->not_counted, ==, 3);
  g_assert_true (has_flag (report, "Week of 24 Jan has no Educational post; 2 Educational briefs on that week: "
                                   "move them on (“V60 in 5 steps”, “Water matters”)"));
  for (guint i = 0; i < report->suggestions->len; i++)
    if (((LineupMixSuggestion *) report->suggestions->pdata[i])->kind == LINEUP_MIX_ADD_TYPE &&
        ((LineupMixSuggestion *) report->suggestions->pdata[i])->id == type_row (report, "educational")->id)
      add_edu = report->suggestions->pdata[i];
  g_assert_nonnull (add_edu);
  g_assert_true (g_str_has_suffix (add_edu->text, "(week of 24 Jan has none)"));
  g_assert_cmpstr (add_edu->detail, ==, "2 Educational briefs on that week: move them on (“V60 in 5 steps”, “Water matters”)");
  g_assert_cmpuint (add_edu->not_counted->len, ==, 2);
  g_assert_cmpstr (lineup_post_get_title (add_edu->not_counted->pdata[0]), ==, "V60 in 5 steps");
  {
    /* A copy (as the window keeps) holds its own references. */
    LineupMixSuggestion *copy = lineup_mix_suggestion_copy (add_edu);

    g_clear_pointer (&report, lineup_mix_report_free);
    g_assert_cmpstr (copy->detail, ==, "2 Educational briefs on that week: move them on (“V60 in 5 steps”, “Water matters”)");
    g_assert_cmpuint (copy->not_counted->len, ==, 2);
    lineup_mix_suggestion_free (copy);
  }
}

/* A partial week at a month's edge (fewer than four of its days in the
 * range) is not a week to fill: no "add" for 1–2 January, nor a rule of
 * thumb; its days are the previous month's last week's. */
static void
test_partial_week (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(LineupMix) mix = lineup_mix_new (f->store);
  g_autoptr(LineupMixReport) report = NULL;
  GDate from = day (2027, 1, 1), to = day (2027, 2, 1);

  g_free (add (f, "narrative", day (2027, 1, 2), 600, "linkedin", LINEUP_STAGE_DRAFT));
  /* Weeks from Sunday: 27 Dec – 2 Jan holds two days of January. */
  lineup_mix_set_week_start (mix, 0);
  lineup_mix_set_range (mix, &from, &to);
  report = lineup_mix_get_report (mix);
  g_assert_false (report->weeks[0].to_fill);
  g_assert_true (report->weeks[1].to_fill);
  g_assert_true (report->weeks[4].to_fill);    /* 24–30 Jan */
  g_assert_false (report->weeks[5].to_fill);   /* 31 Jan alone */
  g_assert_cmpstr (suggestion (report, 0), ==, "Add 1 Educational post (week of 3 Jan has none)");
  g_assert_false (has_flag_prefix (report, "Week of 27 Dec"));

  /* From Monday: 28 Dec – 3 Jan holds three days, still not one to fill;
   * 25–31 Jan is whole. */
  lineup_mix_set_week_start (mix, 1);
  g_clear_pointer (&report, lineup_mix_report_free);
  report = lineup_mix_get_report (mix);
  g_assert_false (report->weeks[0].to_fill);
  g_assert_cmpstr (suggestion (report, 0), ==, "Add 1 Educational post (week of 4 Jan has none)");
  g_assert_false (has_flag_prefix (report, "Week of 28 Dec"));

  /* March 2027 starts on a Monday and ends on Wednesday 31: 29–31 March
   * (three days) is not a week to fill. */
  from = day (2027, 3, 1);
  to = day (2027, 4, 1);
  lineup_mix_set_range (mix, &from, &to);
  g_clear_pointer (&report, lineup_mix_report_free);
  report = lineup_mix_get_report (mix);
  g_assert_cmpuint (report->n_weeks, ==, 5);
  g_assert_true (report->weeks[0].to_fill);
  g_assert_false (report->weeks[4].to_fill);
  /* December 2026 from Monday: 1–6 December (six days) is one to fill. */
  from = day (2026, 12, 1);
  to = day (2027, 1, 1);
  lineup_mix_set_range (mix, &from, &to);
  g_clear_pointer (&report, lineup_mix_report_free);
  report = lineup_mix_get_report (mix);
  g_assert_true (report->weeks[0].to_fill);
  g_assert_true (report->weeks[4].to_fill);   /* 28–31 December: four days */
}

/* Pillar targets that do not add up to 100 % are said, with the sum. */
static void
test_pillar_targets_sum (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *warning = NULL;
  double sum = 0;

  g_assert_true (lineup_mix_pillar_targets_sum (f->store, &sum));
  g_assert_cmpfloat (sum, ==, 60);
  warning = lineup_mix_pillar_targets_warning (f->store);
  g_assert_cmpstr (warning, ==, "Pillar targets add up to 60 %, not 100 %: raise some by 40 points in all");

  g_assert_true (lineup_store_set_pillar_target (f->store, f->pillars[1], 40, NULL));
  g_clear_pointer (&warning, g_free);
  warning = lineup_mix_pillar_targets_warning (f->store);
  g_assert_null (warning);

  g_assert_true (lineup_store_set_pillar_target (f->store, f->pillars[1], 50, NULL));
  warning = lineup_mix_pillar_targets_warning (f->store);
  g_assert_cmpstr (warning, ==, "Pillar targets add up to 110 %, not 100 %: lower some by 10 points in all");

  /* No target at all: nothing to add up. */
  g_assert_true (lineup_store_set_pillar_target (f->store, f->pillars[0], -1, NULL));
  g_assert_true (lineup_store_set_pillar_target (f->store, f->pillars[1], -1, NULL));
  g_clear_pointer (&warning, g_free);
  warning = lineup_mix_pillar_targets_warning (f->store);
  g_assert_null (warning);
  g_assert_false (lineup_mix_pillar_targets_sum (f->store, NULL));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/mix/empty", test_empty);
  ADD ("/mix/one-post", test_one_post);
  ADD ("/mix/shares-score-suggestions", test_shares_score_suggestions);
  ADD ("/mix/score-full", test_score_full);
  ADD ("/mix/month-boundaries-dst", test_month_boundaries_dst);
  ADD ("/mix/days-across-dst", test_days_across_dst);
  ADD ("/mix/filters", test_filters);
  ADD ("/mix/cadence-and-rules", test_cadence_and_rules);
  ADD ("/mix/incremental-equals-recount", test_incremental_equals_recount);
  ADD ("/mix/range-switch-equals-fresh", test_range_switch_equals_fresh);
  ADD ("/mix/preview", test_preview);
  ADD ("/mix/week-start", test_week_start);
  ADD ("/mix/last-dates", test_last_dates);
  ADD ("/mix/not-counted", test_not_counted);
  ADD ("/mix/briefs-fix-gap", test_briefs_fix_gap);
  ADD ("/mix/partial-week", test_partial_week);
  ADD ("/mix/pillar-targets-sum", test_pillar_targets_sum);
#undef ADD

  return g_test_run ();
}
