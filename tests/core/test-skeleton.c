/* test-skeleton.c: the month skeleton ("Plan This Month"): every tier and odd
 * targets score 90 or more on the Mix's own score once the briefs are
 * counted, each week to fill has an Educational post and is not all one
 * type, blackout days stay empty, free slots come before default-time
 * weekdays, a full day is left alone, and it all undoes in one step.
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
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  static const struct { const char *name; double target; } pillars[] = {
    { "Product education", 40 }, { "Customer stories", 25 }, { "Behind the scenes", 20 }, { "Community", 15 },
  };

  f->dir = g_dir_make_tmp ("lineup-skeleton-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "lineup.db", NULL);
  f->store = lineup_plan_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (lineup_store_set_time_zone (f->store, "Europe/Warsaw", &error));
  for (guint i = 0; i < G_N_ELEMENTS (pillars); i++)
    g_assert_nonnull (lineup_store_add_pillar (f->store, pillars[i].name, NULL, pillars[i].target, &error));
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

static gint64
type_id (Fixture    *f,
         const char *key)
{
  return lineup_content_type_get_id (lineup_store_find_content_type (f->store, key));
}

static gint64
pillar_id (Fixture    *f,
           const char *name)
{
  return lineup_pillar_get_id (lineup_store_find_pillar (f->store, name));
}

/* Plans and adds @month for @tier on @platforms; returns the Mix's report
 * of the month with briefs counted, and the number of briefs added. */
static LineupMixReport *
plan_and_report (Fixture            *f,
                 GDate               month,
                 LineupSkeletonTier  tier,
                 const char * const *platforms,
                 guint              *out_added)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupMonthPlan) plan = lineup_month_plan_propose (f->store, &month, tier, platforms, 1, &error);
  g_autoptr(LineupMix) mix = NULL;
  GDate from = day (g_date_get_year (&month), g_date_get_month (&month), 1), to = from;

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  g_assert_cmpuint (plan->briefs->len, >, 0);
  g_assert_true (lineup_month_plan_apply (f->store, plan, &error));
  g_assert_no_error (error);
  *out_added = plan->briefs->len;

  g_assert_true (lineup_store_set_mix_stages (f->store, (1u << LINEUP_N_STAGES) - 1, &error));
  g_date_add_months (&to, 1);
  mix = lineup_mix_new (f->store);
  lineup_mix_set_range (mix, &from, &to);
  return lineup_mix_get_report (mix);
}

/* The rules of thumb the Mix checks on weeks: none broken. */
static void
assert_weeks_ok (LineupMixReport *report)
{
  int educational = -1;

  for (guint t = 0; t < report->types->len; t++)
    if (g_strcmp0 (((LineupMixRow *) g_ptr_array_index (report->types, t))->key, "educational") == 0)
      educational = t;
  g_assert_cmpint (educational, >=, 0);
  for (guint w = 0; w < report->n_weeks; w++)
    {
      LineupMixWeek *week = &report->weeks[w];

      if (!week->to_fill)
        continue;
      g_assert_cmpuint (week->total, >=, 2);
      g_assert_cmpuint (week->type_counts[educational], >, 0);
      for (guint t = 0; t < report->types->len; t++)
        g_assert_cmpuint (week->type_counts[t], <, week->total);
    }
  /* No day over the Mix's limit either (the cadence is checked apart). */
  for (guint i = 0; i < report->flags->len; i++)
    g_assert_null (strstr (g_ptr_array_index (report->flags, i), "(more than"));
}

static const char * const two_networks[] = { "linkedin", "instagram", NULL };

static void
check_tier (Fixture            *f,
            GDate               month,
            LineupSkeletonTier  tier,
            const char * const *platforms,
            const char         *what)
{
  guint added;
  g_autoptr(LineupMixReport) report = plan_and_report (f, month, tier, platforms, &added);

  g_test_message ("%s, %s %d-%02d: %u briefs, score %.1f", what, lineup_skeleton_tier_to_key (tier),
                  g_date_get_year (&month), g_date_get_month (&month), added, report->score);
  g_assert_cmpfloat (report->score, >=, 90);
  assert_weeks_ok (report);
  /* The tier's cadence on every whole week, network by network. */
  for (guint c = 0; c < report->cadence->len; c++)
    {
      LineupMixCadence *cadence = g_ptr_array_index (report->cadence, c);
      guint want = lineup_skeleton_tier_per_week (tier, cadence->platform);

      if (!g_strv_contains (platforms, cadence->platform))
        continue;
      for (guint w = 0; w < report->n_weeks; w++)
        if (report->weeks[w].whole)
          g_assert_cmpuint (cadence->week_counts[w], ==, want);
    }
}

/* Every tier, on a month starting on a Wednesday, on February starting on
 * a Sunday (2026) and on one network alone. */
static void
test_tiers (Fixture       *f,
            gconstpointer  data)
{
  LineupSkeletonTier tier = GPOINTER_TO_INT (data);
  static const char * const one_network[] = { "linkedin", NULL };
  GDate months[] = { day (2026, 4, 1), day (2026, 2, 1), day (2026, 11, 1) };

  g_assert_cmpint (g_date_get_weekday (&months[1]), ==, G_DATE_SUNDAY);
  check_tier (f, months[0], tier, two_networks, "default targets, two networks");
  check_tier (f, months[1], tier, two_networks, "default targets, February from a Sunday");
  check_tier (f, months[2], tier, one_network, "default targets, LinkedIn alone");
}

/* Narrow type bands, pillars adding up to 100 with one at 5 %. */
static void
test_odd_targets (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LineupSkeletonTier tier = GPOINTER_TO_INT (data);

  g_assert_true (lineup_store_set_type_target (f->store, type_id (f, "educational"), 30, 34, &error));
  g_assert_true (lineup_store_set_type_target (f->store, type_id (f, "narrative"), 24, 27, &error));
  g_assert_true (lineup_store_set_type_target (f->store, type_id (f, "proof"), 20, 23, &error));
  g_assert_true (lineup_store_set_type_target (f->store, type_id (f, "community"), 10, 30, &error));
  g_assert_true (lineup_store_set_type_target (f->store, type_id (f, "promotional"), 0, 5, &error));
  g_assert_true (lineup_store_set_pillar_target (f->store, pillar_id (f, "Product education"), 50, &error));
  g_assert_true (lineup_store_set_pillar_target (f->store, pillar_id (f, "Customer stories"), 30, &error));
  g_assert_true (lineup_store_set_pillar_target (f->store, pillar_id (f, "Behind the scenes"), 15, &error));
  g_assert_true (lineup_store_set_pillar_target (f->store, pillar_id (f, "Community"), 5, &error));
  g_assert_no_error (error);
  check_tier (f, day (2026, 2, 1), tier, two_networks, "odd targets, February from a Sunday");
}

/* The same with posts already in the month: a promotional-heavy start. */
static void
test_existing_posts (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  for (int d = 2; d <= 6; d++)
    {
      g_autoptr(LineupPost) post = lineup_post_new ();
      const char *platforms[] = { "mastodon", NULL };
      GDate date = day (2026, 3, d);

      lineup_post_set_title (post, "Sale");
      lineup_post_set_pillar_id (post, pillar_id (f, "Community"));
      lineup_post_set_type_id (post, type_id (f, d % 2 ? "promotional" : "community"));
      lineup_post_set_platforms (post, platforms);
      lineup_post_set_stage (post, LINEUP_STAGE_DRAFT);
      lineup_post_set_scheduled_at (post, lineup_store_local_to_utc (f->store, &date, 11 * 60));
      g_assert_true (lineup_store_add_post (f->store, post, &error));
    }
  check_tier (f, day (2026, 3, 1), LINEUP_SKELETON_STANDARD, two_networks, "five posts there already");
}

/* ---- the pure planner ---- */

typedef struct {
  GTimeZone *zone;
  LineupSkeletonType types[5];
  LineupSkeletonPillar pillars[2];
  LineupSkeletonInput in;
} Pure;

static void
pure_init (Pure                *p,
           GDate                month,
           const char * const  *platforms)
{
  static const char * const keys[] = { "educational", "narrative", "proof", "community", "promotional" };
  static const double bands[][2] = { { 40, 50 }, { 20, 30 }, { 15, 20 }, { 10, 15 }, { 0, 10 } };

  memset (p, 0, sizeof *p);
  p->zone = g_time_zone_new_identifier ("Europe/Warsaw");
  for (guint t = 0; t < 5; t++)
    p->types[t] = (LineupSkeletonType) { t + 1, keys[t], bands[t][0], bands[t][1] };
  p->pillars[0] = (LineupSkeletonPillar) { 11, 60 };
  p->pillars[1] = (LineupSkeletonPillar) { 12, 40 };
  p->in.month = month;
  p->in.tier = LINEUP_SKELETON_LIGHT;
  p->in.platforms = platforms;
  p->in.zone = p->zone;
  p->in.default_minutes = 9 * 60;
  p->in.week_start = 1;
  p->in.types = p->types;
  p->in.n_types = 5;
  p->in.pillars = p->pillars;
  p->in.n_pillars = 2;
}

static gint64
at (GTimeZone *zone, int year, int month, int d, int hour, int minute)
{
  g_autoptr(GDateTime) t = g_date_time_new (zone, year, month, d, hour, minute, 0);

  return g_date_time_to_unix (t);
}

static void
local (GTimeZone *zone, gint64 instant, int *out_day, int *out_minutes, GDateWeekday *out_weekday)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (instant);
  g_autoptr(GDateTime) t = g_date_time_to_timezone (utc, zone);

  *out_day = g_date_time_get_day_of_month (t);
  *out_minutes = g_date_time_get_hour (t) * 60 + g_date_time_get_minute (t);
  if (out_weekday)
    *out_weekday = g_date_time_get_day_of_week (t);
}

/* Blackout days get nothing; the rest of the week makes up for them. */
static void
test_blackout (void)
{
  static const char * const linkedin[] = { "linkedin", NULL };
  Pure p;
  g_autoptr(GArray) briefs = NULL;
  GDate blackout[7];
  guint n = 0;

  pure_init (&p, day (2026, 6, 1), linkedin);
  /* The whole of 8–12 June off but Friday, and the 22nd. */
  for (int d = 8; d <= 11; d++)
    blackout[n++] = day (2026, 6, d);
  blackout[n++] = day (2026, 6, 22);
  p.in.blackout = blackout;
  p.in.n_blackout = n;
  briefs = lineup_skeleton_plan (&p.in);
  g_assert_cmpuint (briefs->len, >, 0);
  for (guint i = 0; i < briefs->len; i++)
    {
      LineupSkeletonBrief *b = &g_array_index (briefs, LineupSkeletonBrief, i);
      int d, minutes;

      local (p.zone, b->at, &d, &minutes, NULL);
      g_assert_false (d >= 8 && d <= 11);
      g_assert_cmpint (d, !=, 22);
      g_assert_cmpint (g_date_get_day (&b->date), ==, d);
    }
  g_time_zone_unref (p.zone);
}

/* A network's free slots first, then weekdays at the default time; a
 * network without slots gets weekdays at the default time only. */
static void
test_slots_first (void)
{
  static const char * const both[] = { "linkedin", "instagram", NULL };
  Pure p;
  g_autoptr(GArray) briefs = NULL;
  g_autoptr(GArray) slots = g_array_new (FALSE, FALSE, sizeof (LineupSkeletonTime));
  guint linkedin_slots = 0, linkedin_default = 0, instagram = 0;

  pure_init (&p, day (2026, 6, 1), both);
  p.in.tier = LINEUP_SKELETON_STANDARD;   /* LinkedIn 3 a week, Instagram 4 */
  /* LinkedIn: Tue 12:30 and Thu 16:00 each week of June 2026 (1st: Monday). */
  for (int w = 0; w < 5; w++)
    {
      LineupSkeletonTime tue = { 0, "linkedin" }, thu = { 0, "linkedin" };

      tue.at = at (p.zone, 2026, 6, 2 + 7 * w, 12, 30);
      g_array_append_val (slots, tue);
      if (4 + 7 * w <= 30)
        {
          thu.at = at (p.zone, 2026, 6, 4 + 7 * w, 16, 0);
          g_array_append_val (slots, thu);
        }
    }
  p.in.slots = (LineupSkeletonTime *) slots->data;
  p.in.n_slots = slots->len;
  briefs = lineup_skeleton_plan (&p.in);
  for (guint i = 0; i < briefs->len; i++)
    {
      LineupSkeletonBrief *b = &g_array_index (briefs, LineupSkeletonBrief, i);
      int d, minutes;
      GDateWeekday weekday;

      local (p.zone, b->at, &d, &minutes, &weekday);
      if (g_str_equal (b->platform, "instagram"))
        {
          instagram++;
          g_assert_false (b->from_slot);
          g_assert_cmpint (minutes, ==, 9 * 60);
          g_assert_cmpint (weekday, <=, G_DATE_FRIDAY);
        }
      else if (b->from_slot)
        {
          linkedin_slots++;
          g_assert_true ((weekday == G_DATE_TUESDAY && minutes == 12 * 60 + 30) ||
                         (weekday == G_DATE_THURSDAY && minutes == 16 * 60));
        }
      else
        {
          linkedin_default++;
          g_assert_cmpint (minutes, ==, 9 * 60);
          g_assert_cmpint (weekday, !=, G_DATE_TUESDAY);
          g_assert_cmpint (weekday, !=, G_DATE_THURSDAY);
          g_assert_cmpint (weekday, <=, G_DATE_FRIDAY);
        }
    }
  /* Every slot of June's four whole weeks and the 30th's week (Mon 29, Tue 30:
   * 2 days, a share of 3 × 2/7, rounded: 1): 4 × 2 + 1 slots, one default
   * time a whole week. */
  g_assert_cmpuint (linkedin_slots, ==, 9);
  g_assert_cmpuint (linkedin_default, ==, 4);
  g_assert_cmpuint (instagram, ==, 4 * 4 + 1);
  g_time_zone_unref (p.zone);
}

/* A day a network already has two posts on is full: nothing more there;
 * a day it has one on gets no default-time brief. */
static void
test_full_day (void)
{
  static const char * const x[] = { "x", NULL };
  Pure p;
  g_autoptr(GArray) briefs = NULL;
  g_autoptr(GArray) posts = g_array_new (FALSE, FALSE, sizeof (LineupSkeletonPost));
  LineupSkeletonTime slot;

  pure_init (&p, day (2026, 6, 1), x);
  p.in.tier = LINEUP_SKELETON_HEAVY;   /* 7 a week: 2 more than there are */
  for (int d = 1; d <= 30; d++)
    {
      GDate date = day (2026, 6, d);
      LineupSkeletonPost post = { at (p.zone, 2026, 6, d, 8, 0), x, 1, 11, TRUE };

      /* Two posts on every Monday and Wednesday, one on Tuesdays. */
      if (g_date_get_weekday (&date) == G_DATE_MONDAY || g_date_get_weekday (&date) == G_DATE_WEDNESDAY)
        {
          g_array_append_val (posts, post);
          post.at += 3600;
          g_array_append_val (posts, post);
        }
      else if (g_date_get_weekday (&date) == G_DATE_TUESDAY)
        g_array_append_val (posts, post);
    }
  /* A free slot on a full Monday, 3 June is a Wednesday: not used. */
  slot = (LineupSkeletonTime) { at (p.zone, 2026, 6, 8, 15, 0), "x" };
  p.in.slots = &slot;
  p.in.n_slots = 1;
  p.in.posts = (LineupSkeletonPost *) posts->data;
  p.in.n_posts = posts->len;
  briefs = lineup_skeleton_plan (&p.in);
  g_assert_cmpuint (briefs->len, >, 0);
  for (guint i = 0; i < briefs->len; i++)
    {
      LineupSkeletonBrief *b = &g_array_index (briefs, LineupSkeletonBrief, i);
      int d, minutes;
      GDateWeekday weekday;

      local (p.zone, b->at, &d, &minutes, &weekday);
      g_assert_cmpint (weekday, !=, G_DATE_MONDAY);
      g_assert_cmpint (weekday, !=, G_DATE_WEDNESDAY);
      g_assert_cmpint (weekday, !=, G_DATE_TUESDAY);
    }
  g_time_zone_unref (p.zone);
}

/* The briefs are added in one step and one undo takes them all away;
 * they are briefs on the month's days, one network each. */
static void
test_one_undo (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GDate month = day (2026, 4, 1);
  g_autoptr(LineupMonthPlan) plan = lineup_month_plan_propose (f->store, &month, LINEUP_SKELETON_LIGHT,
                                                               two_networks, 1, &error);
  g_autoptr(GPtrArray) all = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (lineup_store_count_posts (f->store), ==, 0);
  g_assert_true (lineup_month_plan_apply (f->store, plan, &error));
  g_assert_cmpuint (lineup_store_count_posts (f->store), ==, plan->briefs->len);
  all = lineup_store_list_all_posts (f->store, &error);
  for (guint i = 0; i < all->len; i++)
    {
      LineupPost *post = g_ptr_array_index (all, i);

      g_assert_cmpint (lineup_post_get_stage (post), ==, LINEUP_STAGE_BRIEF);
      g_assert_cmpuint (g_strv_length ((char **) lineup_post_get_platforms (post)), ==, 1);
      g_assert_true (g_str_has_suffix (lineup_post_get_title (post), lineup_pillar_get_name (
                       lineup_store_get_pillar (f->store, lineup_post_get_pillar_id (post)))));
    }
  g_assert_cmpstr (lineup_store_get_undo_label (f->store), ==, "Plan month");
  g_assert_true (lineup_store_undo (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lineup_store_count_posts (f->store), ==, 0);
}

/* An overlay marked blackout keeps its days free; unmarked, they are used. */
static void
test_blackout_overlay (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ics = g_build_filename (f->dir, "freeze.ics", NULL);
  static const char * const linkedin[] = { "linkedin", NULL };
  GDate month = day (2026, 6, 1);
  GString *text = g_string_new ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n");

  /* Every weekday of June but Fridays is a freeze. */
  for (int d = 1; d <= 30; d++)
    {
      GDate date = day (2026, 6, d);

      if (g_date_get_weekday (&date) < G_DATE_FRIDAY)
        g_string_append_printf (text, "BEGIN:VEVENT\r\nUID:f%d\r\nDTSTAMP:20260101T000000Z\r\n"
                                "DTSTART;VALUE=DATE:202606%02d\r\nSUMMARY:Freeze\r\nEND:VEVENT\r\n", d, d);
    }
  g_string_append (text, "END:VCALENDAR\r\n");
  g_assert_true (g_file_set_contents (ics, text->str, -1, &error));
  g_string_free (text, TRUE);
  g_assert_true (lineup_store_add_overlay (f->store, "Freeze", ics, NULL, &error));
  g_assert_cmpint (lineup_overlay_refresh (f->store, "Freeze", &error), ==, 22 - 4);

  for (int marked = 0; marked <= 1; marked++)
    {
      g_autoptr(LineupMonthPlan) plan = NULL;
      guint fridays = 0;

      g_assert_true (lineup_store_set_overlay_blackout (f->store, "freeze", marked, &error));
      g_assert_no_error (error);
      plan = lineup_month_plan_propose (f->store, &month, LINEUP_SKELETON_LIGHT, linkedin, 1, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < plan->briefs->len; i++)
        fridays += g_date_get_weekday (&g_array_index (plan->briefs, LineupSkeletonBrief, i).date) == G_DATE_FRIDAY;
      if (marked)
        {
          g_assert_cmpuint (plan->blackout_days, ==, 18);
          g_assert_cmpuint (fridays, ==, plan->briefs->len);
          g_assert_cmpuint (plan->briefs->len, ==, 4);   /* one Friday a week */
        }
      else
        g_assert_cmpuint (fridays, <, plan->briefs->len);
    }
  g_assert_false (lineup_store_set_overlay_blackout (f->store, "Holidays", TRUE, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "“Freeze”"));
}

/* Without networks named, the ones with slots; their free slots first,
 * a slot a post already holds is not used. */
static void
test_store_slots (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupMonthPlan) plan = NULL;
  g_autoptr(LineupPost) post = lineup_post_new ();
  LineupSlot slots[2];
  GDate month = day (2026, 6, 1), taken = day (2026, 6, 2);
  const char *platforms[] = { "linkedin", NULL };
  guint from_slots = 0;

  g_assert_true (lineup_slot_parse ("linkedin", "tue@12:30", &slots[0], &error));
  g_assert_true (lineup_slot_parse ("linkedin", "thu@16:00", &slots[1], &error));
  g_assert_true (lineup_store_set_slots (f->store, "linkedin", slots, 2, &error));
  lineup_post_set_title (post, "Taken");
  lineup_post_set_pillar_id (post, pillar_id (f, "Community"));
  lineup_post_set_type_id (post, type_id (f, "educational"));
  lineup_post_set_platforms (post, platforms);
  lineup_post_set_scheduled_at (post, lineup_store_local_to_utc (f->store, &taken, 12 * 60 + 30));
  g_assert_true (lineup_store_add_post (f->store, post, &error));
  g_assert_no_error (error);

  plan = lineup_month_plan_propose (f->store, &month, LINEUP_SKELETON_LIGHT, NULL, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (plan->platforms, platforms);
  for (guint i = 0; i < plan->briefs->len; i++)
    {
      LineupSkeletonBrief *b = &g_array_index (plan->briefs, LineupSkeletonBrief, i);

      g_assert_true (b->at != lineup_post_get_scheduled_at (post));
      from_slots += b->from_slot;
    }
  /* Light LinkedIn: 2 a week. The week of the 2nd has one post already:
   * its Thursday; 3 whole weeks more, both slots; the 29th–30th: 1 of 2/7. */
  g_assert_cmpuint (from_slots, ==, plan->briefs->len);
  g_assert_cmpuint (plan->briefs->len, ==, 1 + 3 * 2 + 1);
}

/* In the current month, nothing before today. */
static void
test_from_today (void)
{
  static const char * const linkedin[] = { "linkedin", NULL };
  Pure p;
  g_autoptr(GArray) briefs = NULL;

  pure_init (&p, day (2026, 6, 1), linkedin);
  p.in.from = day (2026, 6, 17);
  briefs = lineup_skeleton_plan (&p.in);
  /* Light LinkedIn: 2 a week; Wed 17–Fri 19, the week of the 22nd, and the 29th–30th. */
  g_assert_cmpuint (briefs->len, ==, 2 + 2 + 1);
  for (guint i = 0; i < briefs->len; i++)
    g_assert_cmpint (g_date_get_day (&g_array_index (briefs, LineupSkeletonBrief, i).date), >=, 17);
  g_time_zone_unref (p.zone);
}

int
main (int argc, char *argv[])
{
  static const char * const tiers[] = { "light", "standard", "heavy" };

  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  for (guint t = 0; t < G_N_ELEMENTS (tiers); t++)
    {
      g_autofree char *name = g_strdup_printf ("/skeleton/tier/%s", tiers[t]);
      g_autofree char *odd = g_strdup_printf ("/skeleton/odd-targets/%s", tiers[t]);

      g_test_add (name, Fixture, GINT_TO_POINTER (t), fixture_set_up, test_tiers, fixture_tear_down);
      g_test_add (odd, Fixture, GINT_TO_POINTER (t), fixture_set_up, test_odd_targets, fixture_tear_down);
    }
  g_test_add ("/skeleton/existing-posts", Fixture, NULL, fixture_set_up, test_existing_posts, fixture_tear_down);
  g_test_add_func ("/skeleton/blackout", test_blackout);
  g_test_add_func ("/skeleton/slots-first", test_slots_first);
  g_test_add_func ("/skeleton/full-day", test_full_day);
  g_test_add_func ("/skeleton/from-today", test_from_today);
  g_test_add ("/skeleton/one-undo", Fixture, NULL, fixture_set_up, test_one_undo, fixture_tear_down);
  g_test_add ("/skeleton/store-slots", Fixture, NULL, fixture_set_up, test_store_slots, fixture_tear_down);
  g_test_add ("/skeleton/blackout-overlay", Fixture, NULL, fixture_set_up, test_blackout_overlay, fixture_tear_down);
  return g_test_run ();
}
