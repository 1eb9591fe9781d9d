/* test-evergreen.c: evergreen reuse and repurposing: the pure proposal
 * (minimum gap, one a week, mix preference, last date, network), the
 * store's mark (published posts only), evergreen copies and repurposed
 * posts (Draft, linked, one undo step), the family, and the Mix counting
 * copies as posts of their own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "lineup-core.h"
#include "lineup-evergreen.h"
#include "lineup-reuse.h"
#include "lineup-slots.h"
#include "lineup-store-workflow.h"
#include "lineup-test-util.h"

#define DAY (G_GINT64_CONSTANT (86400))

/* 2027-01-04 is a Monday; 09:00 UTC. */
static gint64
monday (void)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (2027, 1, 4, 9, 0, 0);
  return g_date_time_to_unix (dt);
}

static LineupPost *
pure_post (gint64 type_id, gint64 pillar_id, const char *platform)
{
  LineupPost *post = lineup_post_new ();
  const char *platforms[] = { platform, NULL };

  lineup_post_set_type_id (post, type_id);
  lineup_post_set_pillar_id (post, pillar_id);
  lineup_post_set_platforms (post, platforms);
  return post;
}

/* Weekdays (Mon–Fri) of @weeks weeks from monday() on @platform. */
static GArray *
weekday_times (guint weeks, const char *platform)
{
  GArray *times = g_array_new (FALSE, FALSE, sizeof (LineupEvergreenTime));

  for (guint w = 0; w < weeks; w++)
    for (guint d = 0; d < 5; d++)
      {
        LineupEvergreenTime t = { monday () + (w * 7 + d) * DAY, platform };
        g_array_append_val (times, t);
      }
  return times;
}

static GArray *
propose (LineupEvergreenCandidate *c, guint n, GArray *times,
         const LineupEvergreenNeed *types, guint n_types)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  return lineup_evergreen_propose (c, n, (LineupEvergreenTime *) times->data, times->len,
                                   NULL, 0, types, n_types, utc);
}

static void
candidate_init (LineupEvergreenCandidate *c, LineupPost *post, guint gap,
                const gint64 *uses, guint n_uses)
{
  c->post = post;
  c->min_gap_days = gap;
  g_date_clear (&c->until, 1);
  c->uses = uses;
  c->n_uses = n_uses;
}

static void
test_gap (void)
{
  g_autoptr(LineupPost) post = pure_post (1, 1, "linkedin");
  g_autoptr(GArray) times = weekday_times (4, "linkedin");
  gint64 uses[] = { monday () };
  LineupEvergreenCandidate c;
  g_autoptr(GArray) got = NULL;

  candidate_init (&c, post, 10, uses, 1);
  got = propose (&c, 1, times, NULL, 0);
  /* Ten days after Monday 4th: Thursday 14th; ten after that: Monday 25th. */
  g_assert_cmpuint (got->len, ==, 2);
  g_assert_cmpint (g_array_index (got, LineupEvergreenProposal, 0).at, ==, monday () + 10 * DAY);
  g_assert_cmpint (g_array_index (got, LineupEvergreenProposal, 1).at, ==, monday () + 21 * DAY);
  for (guint i = 0; i < got->len; i++)
    g_assert_cmpuint (g_array_index (got, LineupEvergreenProposal, i).candidate, ==, 0);

  /* A use after the days counts as much as one before. */
  {
    gint64 later[] = { monday () + 12 * DAY };
    g_autoptr(GArray) again = NULL;

    candidate_init (&c, post, 10, later, 1);
    again = propose (&c, 1, times, NULL, 0);
    /* Saturday 16th: the 4th, then not before Tuesday 26th. */
    g_assert_cmpuint (again->len, ==, 2);
    g_assert_cmpint (g_array_index (again, LineupEvergreenProposal, 0).at, ==, monday ());
    g_assert_cmpint (g_array_index (again, LineupEvergreenProposal, 1).at, ==, monday () + 22 * DAY);
  }
}

static void
test_one_a_week (void)
{
  g_autoptr(LineupPost) post = pure_post (1, 1, "linkedin");
  g_autoptr(GArray) times = weekday_times (3, "linkedin");
  LineupEvergreenCandidate c;
  g_autoptr(GArray) got = NULL;

  /* No gap at all: still never twice in one week. */
  candidate_init (&c, post, 0, NULL, 0);
  got = propose (&c, 1, times, NULL, 0);
  g_assert_cmpuint (got->len, ==, 3);
  for (guint w = 0; w < 3; w++)
    g_assert_cmpint (g_array_index (got, LineupEvergreenProposal, w).at, ==, monday () + w * 7 * DAY);

  /* A use on the Sunday ending the first week keeps it out of that week. */
  {
    gint64 sunday[] = { monday () + 6 * DAY };
    g_autoptr(GArray) again = NULL;

    candidate_init (&c, post, 0, sunday, 1);
    again = propose (&c, 1, times, NULL, 0);
    g_assert_cmpuint (again->len, ==, 2);
    g_assert_cmpint (g_array_index (again, LineupEvergreenProposal, 0).at, ==, monday () + 7 * DAY);
  }
}

static void
test_mix_preference (void)
{
  g_autoptr(LineupPost) a = pure_post (1, 1, "linkedin");
  g_autoptr(LineupPost) b = pure_post (2, 1, "linkedin");
  g_autoptr(GArray) one = weekday_times (1, "linkedin");
  gint64 a_uses[] = { monday () - 300 * DAY };
  gint64 b_uses[] = { monday () - 100 * DAY };
  LineupEvergreenCandidate c[2];
  LineupEvergreenNeed b_short[] = { { 1, 0 }, { 2, 1 } };
  LineupEvergreenNeed a_over[] = { { 1, -2 }, { 2, 0 } };
  g_autoptr(GArray) plain = NULL;
  g_autoptr(GArray) short_b = NULL;
  g_autoptr(GArray) over_a = NULL;

  g_array_set_size (one, 1);
  candidate_init (&c[0], a, 30, a_uses, 1);
  candidate_init (&c[1], b, 30, b_uses, 1);
  /* No target speaks: the one rested longest. */
  plain = propose (c, 2, one, NULL, 0);
  g_assert_cmpuint (plain->len, ==, 1);
  g_assert_cmpuint (g_array_index (plain, LineupEvergreenProposal, 0).candidate, ==, 0);
  /* B's type is short of its target: B first. */
  short_b = propose (c, 2, one, b_short, G_N_ELEMENTS (b_short));
  g_assert_cmpuint (g_array_index (short_b, LineupEvergreenProposal, 0).candidate, ==, 1);
  /* A's type is over its target: B. */
  over_a = propose (c, 2, one, a_over, G_N_ELEMENTS (a_over));
  g_assert_cmpuint (g_array_index (over_a, LineupEvergreenProposal, 0).candidate, ==, 1);
}

static void
test_until_and_network (void)
{
  g_autoptr(LineupPost) post = pure_post (1, 1, "linkedin");
  g_autoptr(GArray) times = weekday_times (3, "linkedin");
  g_autoptr(GArray) elsewhere = weekday_times (3, "instagram");
  LineupEvergreenCandidate c;
  g_autoptr(GArray) got = NULL;
  g_autoptr(GArray) none = NULL;

  candidate_init (&c, post, 0, NULL, 0);
  g_date_set_dmy (&c.until, 11, 1, 2027);   /* the second Monday, itself included */
  got = propose (&c, 1, times, NULL, 0);
  g_assert_cmpuint (got->len, ==, 2);
  g_assert_cmpint (g_array_index (got, LineupEvergreenProposal, 1).at, ==, monday () + 7 * DAY);
  /* Times of a network the post does not go to stay empty. */
  none = propose (&c, 1, elsewhere, NULL, 0);
  g_assert_cmpuint (none->len, ==, 0);
}

/* ---- the store ---- */

typedef struct {
  char *dir;
  LineupStore *store;
  gint64 pillar;
  gint64 educational;
  gint64 narrative;
  char *published;
  char *draft;
} Fixture;

static char *
add_post (Fixture *f, const char *title, gint64 type, int day, LineupStage stage)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) post = lineup_post_new ();
  const char *platforms[] = { "linkedin", NULL };
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, 1, 2030);
  lineup_post_set_title (post, title);
  lineup_post_set_body (post, "The caption");
  lineup_post_set_pillar_id (post, f->pillar);
  lineup_post_set_type_id (post, type);
  lineup_post_set_platforms (post, platforms);
  lineup_post_set_brief (post, LINEUP_BRIEF_GOAL, "Sign-ups");
  lineup_post_set_scheduled_at (post, lineup_store_local_to_utc (f->store, &date, 9 * 60));
  g_assert_true (lineup_store_add_post (f->store, post, &error));
  g_assert_no_error (error);
  if (stage != LINEUP_STAGE_BRIEF)
    {
      g_assert_true (lineup_store_set_stage (f->store, lineup_post_get_id (post), stage, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  return g_strdup (lineup_post_get_id (post));
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("lineup-evergreen-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "lineup.db", NULL);
  f->store = lineup_store_open (path, &error);
  g_assert_no_error (error);
  f->pillar = lineup_pillar_get_id (lineup_store_add_pillar (f->store, "Stories", NULL, -1, &error));
  g_assert_no_error (error);
  f->educational = lineup_content_type_get_id (lineup_store_find_content_type (f->store, "Educational"));
  f->narrative = lineup_content_type_get_id (lineup_store_find_content_type (f->store, "Narrative"));
  f->published = add_post (f, "Ten tips", f->educational, 2, LINEUP_STAGE_PUBLISHED);
  f->draft = add_post (f, "Work in progress", f->educational, 3, LINEUP_STAGE_DRAFT);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  lineup_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->published);
  g_free (f->draft);
}

static LineupPost *
get (Fixture *f, const char *id)
{
  g_autoptr(GError) error = NULL;
  LineupPost *post = lineup_store_get_post (f->store, id, &error);

  g_assert_no_error (error);
  return post;
}

static void
test_mark (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) marked = NULL;
  g_autoptr(GPtrArray) list = NULL;

  g_assert_false (lineup_store_set_evergreen (f->store, f->draft, TRUE, 30, NULL, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "published"));
  g_clear_error (&error);
  g_assert_false (lineup_store_set_evergreen (f->store, f->published, TRUE, 30, "2030-02-30", &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (lineup_store_set_evergreen (f->store, f->published, TRUE, 21, "2030-06-30", &error));
  g_assert_no_error (error);
  marked = get (f, f->published);
  g_assert_cmpstr (lineup_post_get_evergreen (marked), ==, "21 2030-06-30");
  list = lineup_store_list_evergreen (f->store, &error);
  g_assert_cmpuint (list->len, ==, 1);

  /* One undo step takes the mark back. */
  g_assert_true (lineup_store_undo (f->store, &error));
  g_clear_object (&marked);
  marked = get (f, f->published);
  g_assert_null (lineup_post_get_evergreen (marked));
  g_assert_false (lineup_store_set_evergreen (f->store, f->published, FALSE, 0, NULL, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND);
}

static void
test_fill (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(LineupPost) source = get (f, f->published);
  g_autoptr(LineupMix) mix = lineup_mix_new (f->store);
  GDate first, last, end;
  guint before, n_posts = lineup_store_count_posts (f->store);

  g_assert_true (lineup_store_set_evergreen (f->store, f->published, TRUE, 7, NULL, &error));
  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, 2, 2030);
  g_date_clear (&last, 1);
  g_date_set_dmy (&last, 28, 2, 2030);
  end = last;
  g_date_add_days (&end, 1);
  lineup_mix_set_range (mix, &first, &end);
  {
    g_autoptr(LineupMixReport) report = lineup_mix_get_report (mix);
    before = report->total;
  }

  copies = lineup_reuse_propose (f->store, &first, &last, &error);
  g_assert_no_error (error);
  /* Four weeks of February 2030 (Friday 1st to Thursday 28th), one a week. */
  g_assert_cmpuint (copies->len, ==, 4);
  g_ptr_array_remove_index (copies, 1);   /* the lead drops one */
  added = lineup_store_add_evergreen_copies (f->store, copies, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (added->len, ==, 3);
  g_assert_cmpuint (lineup_store_count_posts (f->store), ==, n_posts + 3);
  for (guint i = 0; i < added->len; i++)
    {
      LineupPost *copy = added->pdata[i];

      g_assert_cmpint (lineup_post_get_stage (copy), ==, LINEUP_STAGE_DRAFT);
      g_assert_cmpstr (lineup_post_get_source_id (copy), ==, f->published);
      g_assert_null (lineup_post_get_evergreen (copy));
      g_assert_cmpstr (lineup_post_get_title (copy), ==, "Ten tips");
    }
  g_assert_true (lineup_store_get_family (f->store, source, NULL, &children, &error));
  g_assert_cmpuint (children->len, ==, 3);
  /* The Mix counts each copy as a post of its own. */
  lineup_mix_set_range (mix, &first, &end);
  {
    g_autoptr(LineupMixReport) report = lineup_mix_get_report (mix);
    g_assert_cmpuint (report->total, ==, before + 3);
  }

  /* One undo step takes all three back. */
  g_assert_true (lineup_store_undo (f->store, &error));
  g_assert_cmpuint (lineup_store_count_posts (f->store), ==, n_posts);
  g_assert_true (lineup_store_undo (f->store, &error));   /* the mark */
}

/* A network with slots: its free slots are the open times. */
static void
test_fill_slots (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  LineupSlot slots[2];
  GDate first, last;

  g_assert_true (lineup_slot_parse ("linkedin", "thu@12:00", &slots[0], &error));
  g_assert_true (lineup_slot_parse ("linkedin", "tue@08:30", &slots[1], &error));
  g_assert_true (lineup_store_set_slots (f->store, "linkedin", slots, 2, &error));
  g_assert_no_error (error);
  g_assert_true (lineup_store_set_evergreen (f->store, f->published, TRUE, 0, NULL, &error));
  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, 2, 2030);
  g_date_clear (&last, 1);
  g_date_set_dmy (&last, 28, 2, 2030);
  copies = lineup_reuse_propose (f->store, &first, &last, &error);
  g_assert_no_error (error);
  /* The four Tuesdays of February 2030, at 08:30: never twice a week. */
  g_assert_cmpuint (copies->len, ==, 4);
  for (guint i = 0; i < copies->len; i++)
    {
      LineupReuseCopy *c = g_ptr_array_index (copies, i);
      GDate day;
      int minutes;

      lineup_store_utc_to_local (f->store, c->at, &day, &minutes);
      g_assert_cmpint (g_date_get_weekday (&day), ==, G_DATE_TUESDAY);
      g_assert_cmpint (g_date_get_day (&day), ==, 5 + 7 * i);
      g_assert_cmpint (minutes, ==, 8 * 60 + 30);
      g_assert_cmpstr (c->platform, ==, "linkedin");
    }
}

static void
test_repurpose (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) copy = NULL;
  g_autoptr(LineupPost) source = NULL;
  g_autoptr(LineupPost) again = NULL;
  g_autoptr(GPtrArray) children = NULL;
  const char *instagram[] = { "instagram", NULL };
  const char *linkedin[] = { "linkedin", NULL };
  GDate date;
  guint n_posts = lineup_store_count_posts (f->store);

  /* The same type on the same networks is no repurposing. */
  g_assert_null (lineup_store_repurpose_post (f->store, f->published, f->educational, linkedin, NULL, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (lineup_store_repurpose_post (f->store, f->published, 9999, NULL, NULL, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 20, 1, 2030);
  copy = lineup_store_repurpose_post (f->store, f->published, f->narrative, instagram, &date, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lineup_post_get_stage (copy), ==, LINEUP_STAGE_DRAFT);
  g_assert_cmpint (lineup_post_get_type_id (copy), ==, f->narrative);
  g_assert_cmpint (lineup_post_get_pillar_id (copy), ==, f->pillar);
  g_assert_cmpstr (lineup_post_get_title (copy), ==, "Ten tips");
  g_assert_cmpstr (lineup_post_get_body (copy), ==, "The caption");
  g_assert_cmpstr (lineup_post_get_brief (copy, LINEUP_BRIEF_GOAL), ==, "Sign-ups");
  g_assert_true (g_strv_equal (lineup_post_get_platforms (copy), instagram));
  g_assert_cmpstr (lineup_post_get_source_id (copy), ==, f->published);
  {
    GDate day;
    int minutes;

    lineup_store_utc_to_local (f->store, lineup_post_get_scheduled_at (copy), &day, &minutes);
    g_assert_cmpint (g_date_compare (&day, &date), ==, 0);
    g_assert_cmpint (minutes, ==, 9 * 60);
  }

  source = get (f, f->published);
  g_assert_true (lineup_store_get_family (f->store, source, NULL, &children, &error));
  g_assert_cmpuint (children->len, ==, 1);
  {
    g_autoptr(LineupPost) parent = NULL;
    g_autoptr(GPtrArray) none = NULL;

    g_assert_true (lineup_store_get_family (f->store, copy, &parent, &none, &error));
    g_assert_cmpstr (lineup_post_get_id (parent), ==, f->published);
    g_assert_cmpuint (none->len, ==, 0);
  }

  /* Without a date, an idea in the backlog. */
  again = lineup_store_repurpose_post (f->store, f->published, f->narrative, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (lineup_post_is_dated (again));
  g_assert_cmpuint (lineup_store_count_posts (f->store), ==, n_posts + 2);
  g_assert_true (lineup_store_undo (f->store, &error));
  g_assert_true (lineup_store_undo (f->store, &error));
  g_assert_cmpuint (lineup_store_count_posts (f->store), ==, n_posts);
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/evergreen/propose/gap", test_gap);
  g_test_add_func ("/evergreen/propose/one-a-week", test_one_a_week);
  g_test_add_func ("/evergreen/propose/mix-preference", test_mix_preference);
  g_test_add_func ("/evergreen/propose/until-and-network", test_until_and_network);
#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/evergreen/store/mark", test_mark);
  ADD ("/evergreen/store/fill", test_fill);
  ADD ("/evergreen/store/fill-slots", test_fill_slots);
  ADD ("/evergreen/store/repurpose", test_repurpose);
  return g_test_run ();
}
