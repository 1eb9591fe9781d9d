/* test-csv.c: importing a CSV file, headless: the workflow's rule for a new
 * post on every row, names the plan lacks, the brief's columns, and a
 * preview (a dry run) that writes nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

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

  f->dir = g_dir_make_tmp ("lineup-csv-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "lineup.db", NULL);
  f->store = lineup_plan_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (lineup_store_add_pillar (f->store, "Café community", NULL, -1, &error));
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

static char *
write_csv (Fixture    *f,
           const char *name,
           const char *text)
{
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static void
test_closest_name (void)
{
  const char * const names[] = { "Café community", "Product education", "Behind the scenes", NULL };

  g_assert_cmpstr (lineup_csv_closest_name ("Cafe community", names), ==, "Café community");
  g_assert_cmpstr (lineup_csv_closest_name ("product educaton", names), ==, "Product education");
  g_assert_cmpstr (lineup_csv_closest_name ("Behind the scene", names), ==, "Behind the scenes");
  g_assert_null (lineup_csv_closest_name ("Gardening", names));
  g_assert_null (lineup_csv_closest_name ("x", names));
}

static void
test_stage_rule (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupCsvReport) report = NULL;
  g_autofree char *scheduled = write_csv (f, "scheduled.csv",
    "title,body,date,time,pillar,type,platform,stage\n"
    "Fine,Text,2030-01-10,09:00,Café community,Proof,mastodon,draft\n"
    "Late,Text,2030-01-11,09:00,Café community,Proof,mastodon,scheduled\n"
    "Done,Text,2020-01-11,09:00,Café community,Proof,mastodon,published\n");
  g_autofree char *future = write_csv (f, "future.csv",
    "title,body,date,pillar,type,stage\n"
    "Soon,Text,2030-01-11,Café community,Proof,published\n");
  g_autofree char *bytes = write_csv (f, "bytes.csv",
    "title,pillar,type\n"
    "Caf\xe9,Café community,Proof\n");
  g_autofree char *past = write_csv (f, "past.csv",
    "title,body,date,pillar,type,stage\n"
    "Done,Text,2020-01-11,Café community,Proof,published\n");

  /* Every refused row is named, not only the first. */
  g_assert_false (lineup_import_csv_full (f->store, scheduled, LINEUP_CSV_IMPORT_DEFAULT, &report, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "scheduled.csv, row 3"));
  g_assert_nonnull (report);
  g_assert_false (report->written);
  g_assert_cmpuint (report->n_rows, ==, 3);
  g_assert_cmpuint (report->errors->len, ==, 2);
  g_assert_nonnull (strstr (report->errors->pdata[1], "row 4"));
  g_assert_cmpuint (report->preview->len, ==, 3);
  g_assert_null (((LineupCsvRow *) report->preview->pdata[0])->error);
  g_assert_nonnull (((LineupCsvRow *) report->preview->pdata[1])->error);
  g_assert_cmpuint (lineup_store_count_posts (f->store), ==, 0);
  g_clear_error (&error);
  g_clear_pointer (&report, lineup_csv_report_free);

  /* A row that is not UTF-8 is refused and still has a (blank) preview. */
  g_assert_false (lineup_import_csv_full (f->store, bytes, LINEUP_CSV_IMPORT_DRY_RUN, &report, &error));
  g_assert_nonnull (strstr (error->message, "bytes.csv, row 2, column “title”"));
  g_assert_cmpstr (((LineupCsvRow *) report->preview->pdata[0])->title, ==, "");
  g_assert_nonnull (((LineupCsvRow *) report->preview->pdata[0])->error);
  g_clear_error (&error);
  g_clear_pointer (&report, lineup_csv_report_free);

  g_assert_false (lineup_import_csv_full (f->store, future, LINEUP_CSV_IMPORT_HISTORY, NULL, &error));
  g_assert_nonnull (strstr (error->message, "future.csv, row 2"));
  g_clear_error (&error);
  g_assert_false (lineup_import_csv_full (f->store, past, LINEUP_CSV_IMPORT_DEFAULT, NULL, &error));
  g_clear_error (&error);
  g_assert_true (lineup_import_csv_full (f->store, past, LINEUP_CSV_IMPORT_HISTORY, &report, &error));
  g_assert_no_error (error);
  g_assert_true (report->written);
  g_assert_cmpuint (lineup_store_count_posts (f->store), ==, 1);
}

static void
test_missing_and_dry_run (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupCsvReport) report = NULL;
  g_autofree char *path = write_csv (f, "typo.csv",
    "title,pillar,type,campaign,date,goal,key message,owner,due\n"
    "A,Cafe community,Proof,Spring,2030-03-02,Awareness,Fresh,Ana,2030-03-01\n"
    "B,Cafe community,Proof,Spring,2030-03-09,,,,\n");
  g_autoptr(GPtrArray) posts = NULL;
  LineupCampaign *campaign;
  g_autofree char *undo_before = g_strdup (lineup_store_get_undo_label (f->store));

  /* A dry run with everything to create: it would work, and writes nothing. */
  g_assert_true (lineup_import_csv_full (f->store, path,
                                         LINEUP_CSV_IMPORT_DRY_RUN | LINEUP_CSV_IMPORT_CREATE_MISSING,
                                         &report, &error));
  g_assert_no_error (error);
  g_assert_false (report->written);
  g_assert_cmpuint (report->missing->len, ==, 2);
  g_assert_cmpstr (report->missing->pdata[0], ==, "pillar “Cafe community” (row 2; did you mean “Café community”?)");
  g_assert_cmpstr (report->missing->pdata[1], ==, "campaign “Spring” (row 2)");
  g_assert_null (lineup_store_find_pillar (f->store, "Cafe community"));
  g_assert_null (lineup_store_find_campaign (f->store, "Spring"));
  g_assert_cmpuint (lineup_store_count_posts (f->store), ==, 0);
  g_assert_cmpstr (lineup_store_get_undo_label (f->store), ==, undo_before);
  g_clear_pointer (&report, lineup_csv_report_free);

  /* Without leave to create them, refused. */
  g_assert_false (lineup_import_csv_full (f->store, path, LINEUP_CSV_IMPORT_DEFAULT, &report, &error));
  g_assert_nonnull (strstr (error->message, "did you mean “Café community”?"));
  g_assert_nonnull (strstr (error->message, "--create-missing"));
  g_assert_cmpuint (report->errors->len, ==, 0);
  g_assert_null (lineup_store_find_pillar (f->store, "Cafe community"));
  g_clear_error (&error);
  g_clear_pointer (&report, lineup_csv_report_free);

  /* With it: one undo step, the campaign spanning its rows, the brief in. */
  g_assert_true (lineup_import_csv_full (f->store, path, LINEUP_CSV_IMPORT_CREATE_MISSING, &report, &error));
  g_assert_no_error (error);
  campaign = lineup_store_find_campaign (f->store, "Spring");
  g_assert_nonnull (campaign);
  g_assert_cmpstr (lineup_campaign_get_starts_on (campaign), ==, "2030-03-02");
  g_assert_cmpstr (lineup_campaign_get_ends_on (campaign), ==, "2030-03-09");
  posts = lineup_store_list_all_posts (f->store, &error);
  g_assert_cmpuint (posts->len, ==, 2);
  for (guint i = 0; i < posts->len; i++)
    if (g_str_equal (lineup_post_get_title (posts->pdata[i]), "A"))
      {
        g_assert_cmpstr (lineup_post_get_brief (posts->pdata[i], LINEUP_BRIEF_GOAL), ==, "Awareness");
        g_assert_cmpstr (lineup_post_get_brief (posts->pdata[i], LINEUP_BRIEF_KEY_MESSAGE), ==, "Fresh");
        g_assert_cmpstr (lineup_post_get_brief (posts->pdata[i], LINEUP_BRIEF_OWNER), ==, "Ana");
        g_assert_cmpstr (lineup_post_get_due_on (posts->pdata[i]), ==, "2030-03-01");
        g_assert_cmpint (lineup_post_get_campaign_id (posts->pdata[i]), ==, lineup_campaign_get_id (campaign));
      }
  g_assert_cmpstr (lineup_store_get_undo_label (f->store), ==, "Import typo.csv");

  /* Written to the file, for another process to see. */
  {
    g_autoptr(LineupStore) other = lineup_plan_open (f->path, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (lineup_store_count_posts (other), ==, 2);
  }
}

/* The window's way: previews with the switches as they change, then the
 * import; another process sees it. */
static void
test_previews_then_import (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bad = write_csv (f, "bad.csv",
    "title,body,date,time,pillar,type,platform,stage\n"
    "CSV first,,2030-12-10,10:00,Café community,Proof,,draft\n"
    "CSV typo,,2030-12-10,11:00,Cafe comunity,Proof,,brief\n"
    "CSV late,Words,2030-12-10,12:00,Café community,Proof,mastodon,scheduled\n");
  g_autofree char *good = write_csv (f, "good.csv",
    "title,date,pillar,type,goal,hashtags\n"
    "CSV one,2030-12-10,Café community,Proof,Awareness,#coffee\n"
    "CSV two,2030-12-10,Roasting,Educational,,\n");
  g_autoptr(LineupStore) other = NULL;

  g_assert_false (lineup_import_csv_full (f->store, bad, LINEUP_CSV_IMPORT_DRY_RUN, NULL, NULL));
  g_assert_false (lineup_import_csv_full (f->store, good, LINEUP_CSV_IMPORT_DRY_RUN, NULL, NULL));
  g_assert_true (lineup_import_csv_full (f->store, good, LINEUP_CSV_IMPORT_DRY_RUN | LINEUP_CSV_IMPORT_CREATE_MISSING,
                                         NULL, NULL));
  g_assert_true (lineup_import_csv_full (f->store, good, LINEUP_CSV_IMPORT_CREATE_MISSING, NULL, &error));
  g_assert_no_error (error);
  other = lineup_plan_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lineup_store_count_posts (other), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/closest-name", test_closest_name);
#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/csv/stage-rule", test_stage_rule);
  ADD ("/csv/missing-and-dry-run", test_missing_and_dry_run);
  ADD ("/csv/previews-then-import", test_previews_then_import);
#undef ADD

  return g_test_run ();
}
