/* test-store-share.c: what a shared plan's sync reads from and writes to
 * the store (lineup-store-share.h), headless.
 *
 * Two plans stand for two copies of a shared plan: what one reads as a
 * record, the other applies, and both then hold the same post (or plan, or
 * team). Applying is a remote change: no undo step, LineupCommit.remote
 * for the listeners, signals for the views. The queue is written by a
 * commit listener inside the committing transaction, and rolls back with
 * it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "lineup-core.h"
#include "lineup-account.h"
#include "lineup-store-publish.h"
#include "lineup-store-schema.h"
#include "lineup-store-share.h"
#include "lineup-store-workflow.h"
#include "lineup-share-ical.h"
#include "lineup-share-merge.h"
#include "lineup-test-util.h"

typedef struct {
  char *dir;
  LineupStore *a;        /* this copy */
  LineupStore *b;        /* another copy, empty */
  gint64 pillar_id;      /* "Stories" in a */
  gint64 type_id;        /* "Narrative" */
  guint added, changed, removed, pillars_changed, plan_changed;   /* signals of b */
  GArray *remote_seen;   /* of gboolean: LineupCommit.remote, per commit of a listened store */
  gboolean queue_posts;  /* the listener queues the posts of local changes */
  gboolean refuse;       /* a second listener refuses the next change */
} Fixture;

static gboolean
listener_hook (LineupStore         *store,
               const LineupCommit  *commit,
               gpointer             user_data,
               GError             **error)
{
  Fixture *f = user_data;

  g_array_append_val (f->remote_seen, commit->remote);
  if (f->queue_posts && !commit->remote)
    for (guint i = 0; i < commit->n_posts; i++)
      if (!lineup_store_share_enqueue (store, "post", lineup_post_get_id (commit->posts[i].new_post), error))
        return FALSE;
  return TRUE;
}

static gboolean
refusing_hook (LineupStore         *store,
               const LineupCommit  *commit,
               gpointer             user_data,
               GError             **error)
{
  Fixture *f = user_data;

  if (f->refuse)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, "refused for the test");
      return FALSE;
    }
  return TRUE;
}

static void
on_added_cb (LineupStore *store, LineupPost *post, Fixture *f)
{
  f->added++;
}

static void
on_changed_cb (LineupStore *store, LineupPost *old_post, LineupPost *new_post, Fixture *f)
{
  f->changed++;
}

static void
on_removed_cb (LineupStore *store, LineupPost *post, Fixture *f)
{
  f->removed++;
}

static void
on_pillars_changed_cb (LineupStore *store, Fixture *f)
{
  f->pillars_changed++;
}

static void
on_plan_changed_cb (LineupStore *store, Fixture *f)
{
  f->plan_changed++;
}

static LineupStore *
open_plan (Fixture    *f,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  LineupStore *store = lineup_store_open (path, &error);

  g_assert_no_error (error);
  lineup_store_set_time_zone (store, "Europe/Warsaw", &error);
  g_assert_no_error (error);
  lineup_store_set_actor (store, "ann");
  return store;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("lineup-share-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->a = open_plan (f, "a.db");
  f->b = open_plan (f, "b.db");
  f->pillar_id = lineup_pillar_get_id (lineup_store_add_pillar (f->a, "Stories", "#2ec27e", 30, &error));
  g_assert_no_error (error);
  f->type_id = lineup_content_type_get_id (lineup_store_find_content_type (f->a, "Narrative"));
  f->remote_seen = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_signal_connect (f->b, "post-added", G_CALLBACK (on_added_cb), f);
  g_signal_connect (f->b, "post-changed", G_CALLBACK (on_changed_cb), f);
  g_signal_connect (f->b, "post-removed", G_CALLBACK (on_removed_cb), f);
  g_signal_connect (f->b, "pillars-changed", G_CALLBACK (on_pillars_changed_cb), f);
  g_signal_connect (f->b, "plan-changed", G_CALLBACK (on_plan_changed_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->a);
  g_clear_object (&f->b);
  lineup_test_remove_tree (f->dir);
  g_free (f->dir);
  g_array_unref (f->remote_seen);
}

static char *
add_post (Fixture    *f,
          const char *title,
          gboolean    dated)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) post = lineup_post_new ();

  lineup_post_set_title (post, title);
  lineup_post_set_body (post, "Behind the scenes of the launch | with a pipe \\ and a backslash");
  lineup_post_set_pillar_id (post, f->pillar_id);
  lineup_post_set_type_id (post, f->type_id);
  if (dated)
    lineup_post_set_scheduled_at (post, 1795000000);
  g_assert_true (lineup_store_add_post (f->a, post, &error));
  g_assert_no_error (error);
  return g_strdup (lineup_post_get_id (post));
}

/* A post with every field a record carries, a history of several kinds
 * and a tick. */
static char *
add_full_post (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) post = lineup_post_new ();
  g_autoptr(GPtrArray) checklist = NULL;
  const char * const platforms[] = { "instagram", "linkedin", NULL };
  LineupCampaign *campaign;
  gint64 item_id;

  campaign = lineup_store_add_campaign (f->a, "Spring launch", "#e66100", "2026-03-01", "2026-04-30", &error);
  g_assert_no_error (error);
  lineup_post_set_title (post, "Launch teaser");
  lineup_post_set_body (post, "Something is coming.\nWatch this space.");
  lineup_post_set_pillar_id (post, f->pillar_id);
  lineup_post_set_type_id (post, f->type_id);
  lineup_post_set_platforms (post, platforms);
  lineup_post_set_scheduled_at (post, 1774000800);
  lineup_post_set_campaign_id (post, lineup_campaign_get_id (campaign));
  lineup_post_set_brief (post, LINEUP_BRIEF_GOAL, "Sign-ups");
  lineup_post_set_brief (post, LINEUP_BRIEF_AUDIENCE, "Developers");
  lineup_post_set_brief (post, LINEUP_BRIEF_OWNER, "bob");
  lineup_post_set_due_on (post, "2026-03-15");
  g_assert_true (lineup_store_add_post (f->a, post, &error));
  g_assert_no_error (error);

  g_assert_true (lineup_store_set_stage (f->a, lineup_post_get_id (post), LINEUP_STAGE_DRAFT, "ann", NULL, &error));
  g_assert_true (lineup_workflow_comment (f->a, lineup_post_get_id (post), "bob", "Shorter | please", &error));
  g_assert_no_error (error);
  checklist = lineup_store_get_checklist (f->a);
  item_id = ((LineupChecklistItem *) g_ptr_array_index (checklist, 1))->id;
  g_assert_true (lineup_workflow_set_checked (f->a, lineup_post_get_id (post), item_id, TRUE, "carol", &error));
  g_assert_no_error (error);
  return g_strdup (lineup_post_get_id (post));
}

static LineupShareRecord *
read_post (LineupStore *store,
           const char  *id)
{
  g_autoptr(GError) error = NULL;
  LineupShareRecord *record = lineup_store_share_read_post (store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record;
}

static void
apply (LineupStore             *store,
       const char              *id,
       const LineupShareRecord *record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lineup_store_share_apply_post (store, id, record, &error));
  g_assert_no_error (error);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
history_lines (LineupStore *store,
               const char  *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = lineup_store_get_history (store, id, &error);
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < history->len; i++)
    {
      LineupStageChange *c = g_ptr_array_index (history, i);

      g_ptr_array_add (lines, g_strdup_printf ("%" G_GINT64_FORMAT " %d %d %d %s %s", c->at, c->kind,
                                               c->from_stage, c->to_stage, c->actor, c->comment));
    }
  g_ptr_array_sort (lines, compare_strings);
  return lines;
}

static void
assert_same_post (LineupStore *a,
                  LineupStore *b,
                  const char  *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) x = lineup_store_get_post (a, id, &error);
  g_autoptr(LineupPost) y = lineup_store_get_post (b, id, &error);
  g_autoptr(GPtrArray) hx = NULL;
  g_autoptr(GPtrArray) hy = NULL;
  g_autoptr(LineupPostWorkflow) wx = NULL;
  g_autoptr(LineupPostWorkflow) wy = NULL;
  LineupCampaign *cx, *cy;

  g_assert_no_error (error);
  g_assert_cmpstr (lineup_post_get_title (x), ==, lineup_post_get_title (y));
  g_assert_cmpstr (lineup_post_get_body (x), ==, lineup_post_get_body (y));
  g_assert_cmpint (lineup_post_get_scheduled_at (x), ==, lineup_post_get_scheduled_at (y));
  g_assert_cmpint (lineup_post_get_stage (x), ==, lineup_post_get_stage (y));
  g_assert_cmpint (lineup_post_get_created_at (x), ==, lineup_post_get_created_at (y));
  g_assert_true (g_strv_equal (lineup_post_get_platforms (x), lineup_post_get_platforms (y)));
  for (guint i = 0; i < LINEUP_N_BRIEF_FIELDS; i++)
    g_assert_cmpstr (lineup_post_get_brief (x, i), ==, lineup_post_get_brief (y, i));
  g_assert_cmpstr (lineup_post_get_due_on (x), ==, lineup_post_get_due_on (y));
  g_assert_cmpstr (lineup_pillar_get_name (lineup_store_get_pillar (a, lineup_post_get_pillar_id (x))), ==,
                   lineup_pillar_get_name (lineup_store_get_pillar (b, lineup_post_get_pillar_id (y))));
  g_assert_cmpstr (lineup_content_type_get_name (lineup_store_get_content_type (a, lineup_post_get_type_id (x))), ==,
                   lineup_content_type_get_name (lineup_store_get_content_type (b, lineup_post_get_type_id (y))));
  cx = lineup_store_get_campaign (a, lineup_post_get_campaign_id (x));
  cy = lineup_store_get_campaign (b, lineup_post_get_campaign_id (y));
  g_assert_true ((cx == NULL) == (cy == NULL));
  if (cx)
    g_assert_cmpstr (lineup_campaign_get_name (cx), ==, lineup_campaign_get_name (cy));

  /* The same history: a log is ordered by time, and lines of one second
   * may come in another order. */
  hx = history_lines (a, id);
  hy = history_lines (b, id);
  g_assert_cmpuint (hx->len, ==, hy->len);
  for (guint i = 0; i < hx->len; i++)
    g_assert_cmpstr (hx->pdata[i], ==, hy->pdata[i]);

  wx = lineup_store_get_post_workflow (a, x, &error);
  wy = lineup_store_get_post_workflow (b, y, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wx->checklist->len, ==, wy->checklist->len);
  for (guint i = 0; i < wx->checklist->len; i++)
    {
      LineupChecklistItem *ix = g_ptr_array_index (wx->checklist, i), *iy = g_ptr_array_index (wy->checklist, i);

      g_assert_cmpstr (ix->text, ==, iy->text);
      g_assert_cmpint (ix->checked, ==, iy->checked);
      g_assert_cmpstr (ix->checked_by, ==, iy->checked_by);
    }
}

/* ---- posts ---- */

static void
test_post_round_trip (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *full = add_full_post (f);
  g_autofree char *idea = add_post (f, "An idea for later", FALSE);
  g_autoptr(LineupShareRecord) record = read_post (f->a, full);
  g_autoptr(LineupShareRecord) idea_record = read_post (f->a, idea);
  g_autoptr(LineupShareRecord) back = NULL;
  g_autoptr(LineupShareRecord) idea_back = NULL;
  GPtrArray *log;

  /* The fields, as docs/sharing.md §3 writes them. */
  g_assert_cmpstr (lineup_share_record_get (record, "title"), ==, "Launch teaser");
  g_assert_cmpstr (lineup_share_record_get (record, "at"), ==, "20260320T100000Z");
  g_assert_cmpstr (lineup_share_record_get (record, "stage"), ==, "draft");
  g_assert_cmpstr (lineup_share_record_get (record, "pillar"), ==, "Stories");
  g_assert_cmpstr (lineup_share_record_get (record, "type"), ==, "Narrative");
  g_assert_cmpstr (lineup_share_record_get (record, "platforms"), ==, "linkedin,instagram");   /* canonical order */
  g_assert_cmpstr (lineup_share_record_get (record, "campaign"), ==, "Spring launch");
  g_assert_cmpstr (lineup_share_record_get (record, "goal"), ==, "Sign-ups");
  g_assert_null (lineup_share_record_get (record, "key_message"));
  g_assert_cmpstr (lineup_share_record_get (record, "due"), ==, "2026-03-15");
  g_assert_nonnull (lineup_share_record_get (record, "created"));
  g_assert_true (g_str_has_prefix (lineup_share_record_get (record, "check:Accessible: alt text for images, subtitles for video"), "carol "));
  log = lineup_share_record_get_log (record);
  g_assert_cmpuint (log->len, ==, 4);   /* created, to draft, a comment, a tick */
  g_assert_null (lineup_share_record_get (idea_record, "at"));
  g_assert_null (lineup_share_record_get (idea_record, "campaign"));
  g_assert_cmpstr (lineup_share_record_get (idea_record, "platforms"), ==, "");

  /* Into an empty plan: the same posts, pillar and campaign added. */
  apply (f->b, full, record);
  apply (f->b, idea, idea_record);
  g_assert_cmpuint (f->added, ==, 2);
  g_assert_cmpuint (lineup_store_count_posts (f->b), ==, 2);
  g_assert_nonnull (lineup_store_find_pillar (f->b, "Stories"));
  g_assert_nonnull (lineup_store_find_campaign (f->b, "Spring launch"));
  back = read_post (f->b, full);
  idea_back = read_post (f->b, idea);
  g_assert_true (lineup_share_record_equal (record, back));
  g_assert_true (lineup_share_record_equal (idea_record, idea_back));
  assert_same_post (f->a, f->b, full);
  assert_same_post (f->a, f->b, idea);

  /* Applying what is already there changes nothing and says nothing. */
  apply (f->b, full, record);
  g_assert_cmpuint (f->changed, ==, 0);
  g_assert_false (lineup_store_can_undo (f->b));
}

static void
test_apply_change_is_remote (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = add_post (f, "Launch teaser", TRUE);
  g_autoptr(LineupShareRecord) record = read_post (f->a, id);
  g_autoptr(LineupShareRecord) after = NULL;
  g_autoptr(LineupPost) post = NULL;
  guint changed_before;

  apply (f->b, id, record);
  lineup_store_add_commit_hook (f->b, listener_hook, f, NULL);

  /* A local edit: not remote, and an undo step. */
  post = lineup_store_get_post (f->b, id, &error);
  lineup_post_set_body (post, "Edited here");
  g_assert_true (lineup_workflow_edit (f->b, post, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->remote_seen->len, ==, 1);
  g_assert_false (g_array_index (f->remote_seen, gboolean, 0));
  g_assert_true (lineup_store_can_undo (f->b));
  g_clear_object (&post);

  /* The server's version: remote, announced, and no undo brings back
   * what was replaced. */
  changed_before = f->changed;
  lineup_share_record_set (record, "title", "Launch teaser, final");
  lineup_share_record_set (record, "at", "20261201T080000Z");
  apply (f->b, id, record);
  g_assert_cmpuint (f->changed, ==, changed_before + 1);
  g_assert_cmpuint (f->remote_seen->len, ==, 2);
  g_assert_true (g_array_index (f->remote_seen, gboolean, 1));
  g_assert_false (lineup_store_can_undo (f->b));
  post = lineup_store_get_post (f->b, id, &error);
  g_assert_cmpstr (lineup_post_get_title (post), ==, "Launch teaser, final");
  g_assert_cmpint (lineup_post_get_scheduled_at (post), ==, 1796112000);
  after = read_post (f->b, id);
  g_assert_true (lineup_share_record_equal (after, record));

  /* The next local change is not remote again. */
  g_assert_true (lineup_store_delete_post (f->b, id, &error));
  g_assert_false (g_array_index (f->remote_seen, gboolean, f->remote_seen->len - 1));
}

static void
test_apply_deletes_and_restores (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = add_post (f, "Launch teaser", TRUE);
  g_autoptr(LineupShareRecord) record = read_post (f->a, id);
  g_autoptr(LineupPost) gone = NULL;

  apply (f->b, id, record);
  apply (f->b, id, NULL);
  g_assert_cmpuint (f->removed, ==, 1);
  gone = lineup_store_get_post (f->b, id, &error);
  g_assert_null (gone);
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (lineup_store_share_read_post (f->b, id, &error));
  g_assert_no_error (error);
  g_assert_false (lineup_store_can_undo (f->b));

  /* Deleting what is not there is nothing; the record brings it back. */
  apply (f->b, id, NULL);
  g_assert_cmpuint (f->removed, ==, 1);
  apply (f->b, id, record);
  g_assert_cmpuint (f->added, ==, 2);
  g_assert_cmpuint (lineup_store_count_posts (f->b), ==, 1);
}

static void
test_apply_adds_what_the_plan_lacks (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupShareRecord) record = lineup_share_record_new (LINEUP_SHARE_POST, "0A1B2C3D-From-Evolution");
  g_autoptr(LineupPost) post = NULL;
  LineupPillar *pillar;

  lineup_share_record_set (record, "title", "Written in another client");
  lineup_share_record_set (record, "pillar", "Community voices");
  lineup_share_record_set (record, "type", "Memes");
  lineup_share_record_set (record, "campaign", "Autumn");
  lineup_share_record_set (record, "at", "20261005T070000Z");
  lineup_share_record_set (record, "check:An item this plan does not have", "bob 1790000000");
  apply (f->b, "0A1B2C3D-From-Evolution", record);

  pillar = lineup_store_find_pillar (f->b, "Community voices");
  g_assert_nonnull (pillar);
  g_assert_true (lineup_color_is_valid (lineup_pillar_get_color (pillar)));
  g_assert_cmpuint (f->pillars_changed, ==, 1);
  g_assert_nonnull (lineup_store_find_content_type (f->b, "Memes"));
  g_assert_nonnull (lineup_store_find_campaign (f->b, "Autumn"));
  g_assert_cmpstr (lineup_campaign_get_starts_on (lineup_store_find_campaign (f->b, "Autumn")), ==, "2026-10-05");

  /* A missing stage is Brief; the UID is the id, capitals and all. */
  post = lineup_store_get_post (f->b, "0A1B2C3D-From-Evolution", &error);
  g_assert_no_error (error);
  g_assert_cmpint (lineup_post_get_stage (post), ==, LINEUP_STAGE_BRIEF);
  g_assert_cmpint (lineup_post_get_pillar_id (post), ==, lineup_pillar_get_id (pillar));
}

static void
test_apply_refuses_bad_records (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = add_post (f, "Launch teaser", TRUE);
  g_autoptr(LineupShareRecord) good = read_post (f->a, id);
  g_autofree char *long_title = g_strnfill (301, 'x');
  struct { const char *field; const char *value; } bad[] = {
    { "title", long_title },
    { "title", "" },
    { "stage", "almost-done" },
    { "at", "2026-12-01 08:00" },
    { "at", "20260230T080000Z" },
    { "due", "2026-13-01" },
    { "platforms", "instagram,myspace" },
    { "check:One clear next step or call to action for the audience", "bob yesterday" },
  };

  apply (f->b, id, good);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(LineupShareRecord) record = lineup_share_record_copy (good);
      g_autoptr(LineupShareRecord) after = NULL;

      lineup_share_record_set (record, "pillar", "A pillar that must not appear");
      lineup_share_record_set (record, bad[i].field, bad[i].value);
      g_assert_false (lineup_store_share_apply_post (f->b, id, record, &error));
      g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, id));
      g_assert_nonnull (strstr (error->message, bad[i].field));
      g_clear_error (&error);

      after = read_post (f->b, id);
      g_assert_true (lineup_share_record_equal (after, good));
      g_assert_null (lineup_store_find_pillar (f->b, "A pillar that must not appear"));
    }
  g_assert_cmpuint (f->changed, ==, 0);

  /* A bad log line, too. */
  {
    g_autoptr(LineupShareRecord) record = lineup_share_record_copy (good);

    lineup_share_record_add_log (record, "000000000001|dance|brief|draft|bob|");
    g_assert_false (lineup_store_share_apply_post (f->b, id, record, &error));
    g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "log"));
    g_clear_error (&error);
  }

  /* In a batch, a refused record leaves the others to commit. */
  {
    g_autoptr(LineupShareRecord) record = lineup_share_record_copy (good);
    g_autoptr(LineupShareRecord) other = lineup_share_record_copy (good);

    lineup_share_record_set (record, "stage", "nonsense");
    lineup_share_record_set (other, "title", "Renamed in the batch");
    lineup_store_begin (f->b, "Pull");
    g_assert_false (lineup_store_share_apply_post (f->b, id, record, &error));
    g_clear_error (&error);
    apply (f->b, id, other);
    g_assert_true (lineup_store_commit (f->b, &error));
    g_assert_no_error (error);
    g_clear_pointer (&record, lineup_share_record_free);
    record = read_post (f->b, id);
    g_assert_cmpstr (lineup_share_record_get (record, "title"), ==, "Renamed in the batch");
  }
}

static void
test_targets_and_conflicts (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupAccount) mine = lineup_account_new ();
  g_autoptr(LineupAccount) same = lineup_account_new ();
  g_autofree char *id = add_post (f, "Launch teaser", TRUE);
  g_autofree char *key = NULL;
  g_autofree char *publish_field = NULL;
  g_autofree char *target_field = NULL;
  g_autoptr(LineupShareRecord) record = NULL;
  g_autoptr(LineupShareRecord) back = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_auto(GStrv) targets = NULL;
  sqlite3_stmt *stmt;

  /* This copy's account: its target and state travel by key. */
  mine->kind = LINEUP_ACCOUNT_MASTODON;
  mine->name = g_strdup ("Team on Mastodon");
  mine->endpoint = g_strdup ("https://social.example/");
  mine->remote_user = g_strdup ("1099");
  g_assert_true (lineup_store_add_account (f->a, mine, &error));
  g_assert_no_error (error);
  key = lineup_store_share_account_key (f->a, mine->id);
  g_assert_cmpstr (key, ==, "mastodon:https://social.example:1099");
  g_assert_true (lineup_store_set_post_target (f->a, id, mine->id, TRUE, &error));
  g_assert_no_error (error);
  stmt = _lineup_store_prepare (f->a, "INSERT INTO publish_state (post_id, account_id, state, url, updated_at) "
                                      "VALUES (?, ?, 'published', 'https://social.example/@team/1', 1)", &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, mine->id, -1, SQLITE_TRANSIENT);
  g_assert_true (_lineup_store_step_done (f->a, stmt, "test", &error));

  record = read_post (f->a, id);
  target_field = g_strconcat ("target:", key, NULL);
  publish_field = g_strconcat ("publish:", key, NULL);
  g_assert_cmpstr (lineup_share_record_get (record, target_field), ==, "Team on Mastodon");
  g_assert_cmpstr (lineup_share_record_get (record, publish_field), ==, "published https://social.example/@team/1");
  lineup_share_record_set (record, "conflict:title", "Launch teaser (bob's)");
  lineup_share_record_set (record, "conflict-by:title", "bob");

  /* A copy without that account keeps both as they came, to send on. */
  apply (f->b, id, record);
  back = read_post (f->b, id);
  g_assert_true (lineup_share_record_equal (record, back));
  conflicts = lineup_store_share_list_conflicts (f->b, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (((LineupShareConflictRow *) conflicts->pdata[0])->field, ==, "title");
  g_assert_cmpstr (((LineupShareConflictRow *) conflicts->pdata[0])->value, ==, "Launch teaser (bob's)");
  g_assert_cmpstr (((LineupShareConflictRow *) conflicts->pdata[0])->by, ==, "bob");
  g_clear_pointer (&conflicts, g_ptr_array_unref);

  /* A copy that holds the same account targets it itself, and reads back
   * what it applied while its publisher has no state of its own. */
  same->kind = LINEUP_ACCOUNT_MASTODON;
  same->name = g_strdup ("Our Mastodon");
  same->endpoint = g_strdup ("https://social.example");
  same->remote_user = g_strdup ("1099");
  g_assert_true (lineup_store_add_account (f->b, same, &error));
  g_assert_no_error (error);
  lineup_share_record_set (record, "conflict:title", NULL);
  lineup_share_record_set (record, "conflict-by:title", NULL);
  apply (f->b, id, record);
  targets = lineup_store_get_post_targets (f->b, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (targets), ==, 1);
  g_assert_cmpstr (targets[0], ==, same->id);
  g_clear_pointer (&back, lineup_share_record_free);
  back = read_post (f->b, id);
  g_assert_true (lineup_share_record_equal (record, back));

  /* Untargeted here: it goes from the record. */
  g_assert_true (lineup_store_set_post_target (f->b, id, same->id, FALSE, &error));
  g_clear_pointer (&back, lineup_share_record_free);
  back = read_post (f->b, id);
  g_assert_null (lineup_share_record_get (back, target_field));

  /* Targeted again, as the record names it. */
  g_assert_true (lineup_store_set_post_target (f->b, id, same->id, TRUE, &error));
  g_clear_pointer (&back, lineup_share_record_free);
  back = read_post (f->b, id);
  g_assert_cmpstr (lineup_share_record_get (back, target_field), ==, "Team on Mastodon");
  conflicts = lineup_store_share_list_conflicts (f->b, id, &error);
  g_assert_cmpuint (conflicts->len, ==, 0);
}

/* ---- the plan and the team ---- */

static void
test_plan_round_trip (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupShareRecord) plan = NULL;
  g_autoptr(LineupShareRecord) back = NULL;
  g_autoptr(LineupPost) post = lineup_post_new ();
  g_autoptr(GPtrArray) checklist = NULL;
  LineupPillar *kept;

  lineup_store_add_pillar (f->a, "Product", "#3584e4", 12.5, &error);
  g_assert_no_error (error);
  g_assert_true (lineup_store_set_type_target (f->a, f->type_id, 20, 35, &error));
  g_assert_nonnull (lineup_store_add_campaign (f->a, "Spring", "#e66100", "2026-03-01", "2026-04-30", &error));
  g_assert_true (lineup_store_set_default_time (f->a, 10 * 60 + 30, &error));
  g_assert_true (lineup_store_set_mix_stages (f->a, (1u << LINEUP_STAGE_APPROVED) | (1u << LINEUP_STAGE_PUBLISHED), &error));
  g_assert_true (lineup_store_set_time_zone (f->a, "America/New_York", &error));
  g_assert_true (lineup_store_add_checklist_item (f->a, "Legal has seen it", &error));
  checklist = lineup_store_get_checklist (f->a);
  g_assert_true (lineup_store_remove_checklist_item (f->a, ((LineupChecklistItem *) checklist->pdata[0])->id, &error));
  g_assert_no_error (error);

  /* b has a pillar a lacks that a post uses, and one nothing uses. */
  kept = lineup_store_add_pillar (f->b, "Old stuff", NULL, -1, &error);
  lineup_store_add_pillar (f->b, "Unused", NULL, -1, &error);
  g_assert_no_error (error);
  lineup_post_set_title (post, "Uses the old pillar");
  lineup_post_set_pillar_id (post, lineup_pillar_get_id (kept));
  lineup_post_set_type_id (post, lineup_content_type_get_id (lineup_store_find_content_type (f->b, "Proof")));
  g_assert_true (lineup_store_add_post (f->b, post, &error));
  f->pillars_changed = f->plan_changed = 0;

  plan = lineup_store_share_read_plan (f->a);
  g_assert_cmpstr (lineup_share_record_get (plan, "zone"), ==, "America/New_York");
  g_assert_cmpstr (lineup_share_record_get (plan, "default-time"), ==, "630");
  g_assert_cmpstr (lineup_share_record_get (plan, "mix-stages"), ==, "approved,published");
  g_assert_cmpstr (lineup_share_record_get (plan, "pillar:Stories"), ==, "#2ec27e 30 0");
  g_assert_cmpstr (lineup_share_record_get (plan, "pillar:Product"), ==, "#3584e4 12.5 1");
  g_assert_cmpstr (lineup_share_record_get (plan, "type:Narrative"), ==, "20 35 1");
  g_assert_cmpstr (lineup_share_record_get (plan, "campaign:Spring"), ==, "#e66100 2026-03-01 2026-04-30");
  g_assert_cmpstr (lineup_share_record_get (plan, "check-item:Legal has seen it"), ==, "4");

  lineup_store_add_commit_hook (f->b, listener_hook, f, NULL);
  g_assert_true (lineup_store_share_apply_plan (f->b, plan, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->remote_seen->len, ==, 1);
  g_assert_true (g_array_index (f->remote_seen, gboolean, 0));
  g_assert_cmpuint (f->pillars_changed, ==, 1);
  g_assert_cmpuint (f->plan_changed, ==, 1);
  g_assert_cmpstr (lineup_store_get_time_zone_id (f->b), ==, "America/New_York");
  g_assert_cmpint (lineup_store_get_default_time (f->b), ==, 630);
  g_assert_null (lineup_store_find_pillar (f->b, "Unused"));
  g_assert_nonnull (lineup_store_find_pillar (f->b, "Old stuff"));

  /* Everything a has, b has; b also keeps its used pillar, after them. */
  back = lineup_store_share_read_plan (f->b);
  g_assert_cmpstr (lineup_share_record_get (back, "pillar:Old stuff"), ==, "#3584e4 - 2");
  lineup_share_record_set (back, "pillar:Old stuff", NULL);
  g_assert_true (lineup_share_record_equal (plan, back));

  /* Nothing new: nothing announced. */
  f->pillars_changed = f->plan_changed = 0;
  g_assert_true (lineup_store_share_apply_plan (f->b, plan, &error));
  g_assert_cmpuint (f->pillars_changed + f->plan_changed, ==, 0);

  /* A bad value writes nothing. */
  lineup_share_record_set (plan, "pillar:Stories", "#2ec27e 30 0");
  lineup_share_record_set (plan, "pillar:Brand new", "green 10 3");
  g_assert_false (lineup_store_share_apply_plan (f->b, plan, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "pillar:Brand new"));
  g_assert_null (lineup_store_find_pillar (f->b, "Brand new"));
}

/* A pass of the plan's settings from @from to @to through iCalendar text,
 * merged against @base (what both last had; NULL: nothing): what the
 * server would give @to. */
static LineupShareRecord *
pass_plan (LineupStore             *from,
           LineupStore             *to,
           const LineupShareRecord *base,
           GError                 **error)
{
  g_autoptr(LineupShareRecord) mine = lineup_store_share_read_plan (to);
  g_autoptr(LineupShareRecord) sent = lineup_store_share_read_plan (from);
  g_autofree char *text = lineup_share_ical_render (sent, NULL, NULL, error);
  g_autoptr(LineupShareRecord) theirs = text ? lineup_share_ical_parse (text, error) : NULL;
  g_autoptr(LineupShareRecord) merged = NULL;

  if (theirs == NULL)
    return NULL;
  merged = base ? lineup_share_merge (base, mine, theirs, "bob", NULL) : lineup_share_record_copy (theirs);
  if (!lineup_store_share_apply_plan (to, merged, error))
    return NULL;
  return g_steal_pointer (&theirs);
}

static void
test_snippets_travel (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupShareRecord) first = NULL;
  g_autoptr(LineupShareRecord) second = NULL;
  g_autoptr(LineupShareRecord) bad = NULL;
  g_autoptr(LineupSnippet) thanks = NULL;
  g_autoptr(LineupSnippet) how_to = NULL;
  g_autoptr(LineupSnippet) launch_tags = NULL;
  g_autoptr(GPtrArray) on_a = NULL;
  gint64 narrative_b = lineup_content_type_get_id (lineup_store_find_content_type (f->b, "Narrative"));

  g_assert_true (lineup_store_add_snippet (f->a, "Launch tags", LINEUP_SNIPPET_HASHTAGS, 0, "#launch #gnome", &error));
  g_assert_true (lineup_store_add_snippet (f->a, "Thanks", LINEUP_SNIPPET_SIGNOFF, 0, "Thanks for reading!\n— Ann", &error));
  g_assert_true (lineup_store_add_snippet (f->a, "How-to", LINEUP_SNIPPET_TEMPLATE, f->type_id, "Step 1:\nStep 2:", &error));
  g_assert_no_error (error);

  /* Added on a: on b after a pass, with its kind, type and lines. */
  f->plan_changed = 0;
  first = pass_plan (f->a, f->b, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lineup_share_record_get (first, "snippet:Thanks"), ==, "signoff\n\nThanks for reading!\n— Ann");
  g_assert_cmpstr (lineup_share_record_get (first, "snippet:How-to"), ==, "template\nNarrative\nStep 1:\nStep 2:");
  g_assert_cmpuint (f->plan_changed, ==, 1);
  thanks = lineup_store_find_snippet (f->b, "thanks");
  how_to = lineup_store_find_snippet (f->b, "How-to");
  g_assert_nonnull (thanks);
  g_assert_cmpint (thanks->kind, ==, LINEUP_SNIPPET_SIGNOFF);
  g_assert_cmpstr (thanks->text, ==, "Thanks for reading!\n— Ann");
  g_assert_nonnull (how_to);
  g_assert_cmpint (how_to->type_id, ==, narrative_b);
  launch_tags = lineup_store_find_snippet (f->b, "Launch tags");
  g_assert_nonnull (launch_tags);
  /* What came from another copy is not this copy's to undo. */
  g_assert_false (lineup_store_can_undo (f->b));

  /* Removed on b: gone from a after a pass, the others kept; a's steps
   * that could bring it back are dropped. */
  g_assert_true (lineup_store_remove_snippet (f->b, "Thanks", &error));
  g_assert_no_error (error);
  g_assert_true (lineup_store_can_undo (f->a));
  second = pass_plan (f->b, f->a, first, &error);
  g_assert_no_error (error);
  g_assert_null (lineup_share_record_get (second, "snippet:Thanks"));
  g_assert_null (lineup_store_find_snippet (f->a, "Thanks"));
  on_a = lineup_store_get_snippets (f->a, -1);
  g_assert_cmpuint (on_a->len, ==, 2);
  g_assert_false (lineup_store_can_undo (f->a));

  /* A bad snippet writes nothing and names its field. */
  bad = lineup_store_share_read_plan (f->a);
  lineup_share_record_set (bad, "snippet:Sparkles", "sparkles\n\n#x");
  g_assert_false (lineup_store_share_apply_plan (f->a, bad, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "snippet:Sparkles"));
  g_assert_null (lineup_store_find_snippet (f->a, "Sparkles"));
}

/* A network's posting slots are one "slots:NETWORK" field: set on a, on
 * b after a pass; cleared on b, gone from a; a bad one writes nothing. */
static void
test_slots_travel (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupShareRecord) first = NULL;
  g_autoptr(LineupShareRecord) second = NULL;
  g_autoptr(LineupShareRecord) bad = NULL;
  g_autoptr(GArray) on_b = NULL;
  g_autoptr(GArray) on_a = NULL;
  g_autoptr(GArray) still = NULL;
  LineupSlot slots[3];

  g_assert_true (lineup_slot_parse ("linkedin", "thu@12:30", &slots[0], &error));
  g_assert_true (lineup_slot_parse ("linkedin", "tue@09:00", &slots[1], &error));
  g_assert_true (lineup_slot_parse ("x", "fri@17:45", &slots[2], &error));
  g_assert_true (lineup_store_set_slots (f->a, "linkedin", slots, 2, &error));
  g_assert_true (lineup_store_set_slots (f->a, "x", slots + 2, 1, &error));
  g_assert_no_error (error);

  f->plan_changed = 0;
  first = pass_plan (f->a, f->b, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lineup_share_record_get (first, "slots:linkedin"), ==, "tue@09:00,thu@12:30");
  g_assert_cmpstr (lineup_share_record_get (first, "slots:x"), ==, "fri@17:45");
  g_assert_cmpuint (f->plan_changed, ==, 1);
  on_b = lineup_store_get_slots (f->b, "linkedin");
  g_assert_cmpuint (on_b->len, ==, 2);
  g_assert_cmpuint (g_array_index (on_b, LineupSlot, 0).weekday, ==, 2);
  g_assert_cmpuint (g_array_index (on_b, LineupSlot, 0).minutes, ==, 9 * 60);
  g_assert_false (lineup_store_can_undo (f->b));

  /* Cleared on b: gone from a, x's kept. */
  g_assert_true (lineup_store_set_slots (f->b, "linkedin", NULL, 0, &error));
  g_assert_no_error (error);
  second = pass_plan (f->b, f->a, first, &error);
  g_assert_no_error (error);
  g_assert_null (lineup_share_record_get (second, "slots:linkedin"));
  on_a = lineup_store_get_slots (f->a, NULL);
  g_assert_cmpuint (on_a->len, ==, 1);
  g_assert_cmpstr (g_array_index (on_a, LineupSlot, 0).platform, ==, "x");

  /* A bad slot writes nothing and names its field. */
  bad = lineup_store_share_read_plan (f->a);
  lineup_share_record_set (bad, "slots:mastodon", "tue@09:00,someday@25:00");
  g_assert_false (lineup_store_share_apply_plan (f->a, bad, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "slots:mastodon"));
  still = lineup_store_get_slots (f->a, "mastodon");
  g_assert_cmpuint (still->len, ==, 0);
}

static void
test_team_round_trip (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupShareRecord) team = lineup_share_record_new (LINEUP_SHARE_TEAM, LINEUP_SHARE_TEAM_UID);
  g_autoptr(LineupShareRecord) back = NULL;
  g_autoptr(LineupShareRecord) again = NULL;
  g_autoptr(GPtrArray) chain = NULL;
  g_autoptr(LineupMember) bob = NULL;

  lineup_share_record_set (team, "member:ann", "lead Ann Example");
  lineup_share_record_set (team, "member:bob", "approver Bob B.");
  lineup_share_record_set (team, "member:carol", "approver carol");
  lineup_share_record_set (team, "member:dan", "editor Dan");
  lineup_share_record_set (team, "step:0", "any Lead|ann");
  lineup_share_record_set (team, "step:1", "all Legal|bob|carol");
  lineup_share_record_set (team, "forbid-self-approval", "1");
  g_assert_true (lineup_store_set_member (f->a, "zed", LINEUP_ROLE_EDITOR, &error));
  lineup_store_add_commit_hook (f->a, listener_hook, f, NULL);
  g_assert_true (lineup_store_share_apply_team (f->a, team, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->remote_seen->len, ==, 1);
  g_assert_true (g_array_index (f->remote_seen, gboolean, 0));

  g_assert_null (lineup_store_find_member (f->a, "zed"));
  bob = lineup_store_find_member (f->a, "bob");
  g_assert_cmpint (bob->role, ==, LINEUP_ROLE_APPROVER);
  g_assert_cmpstr (bob->display_name, ==, "Bob B.");
  chain = lineup_store_get_approval_chain (f->a);
  g_assert_cmpuint (chain->len, ==, 2);
  g_assert_true (((LineupApprovalStep *) chain->pdata[1])->all);
  g_assert_cmpuint (g_strv_length (((LineupApprovalStep *) chain->pdata[1])->approvers), ==, 2);
  g_assert_true (lineup_store_get_forbid_self_approval (f->a));

  /* Read back, and into the other copy. */
  back = lineup_store_share_read_team (f->a);
  g_assert_true (lineup_share_record_equal (team, back));
  g_assert_true (lineup_store_share_apply_team (f->b, back, &error));
  g_assert_no_error (error);
  again = lineup_store_share_read_team (f->b);
  g_assert_true (lineup_share_record_equal (team, again));

  /* Someone left; the chain no longer names them. */
  lineup_share_record_set (team, "member:carol", NULL);
  lineup_share_record_set (team, "step:1", "all Legal|bob");
  lineup_share_record_set (team, "forbid-self-approval", NULL);
  g_assert_true (lineup_store_share_apply_team (f->b, team, &error));
  g_clear_pointer (&again, lineup_share_record_free);
  again = lineup_store_share_read_team (f->b);
  g_assert_true (lineup_share_record_equal (team, again));
  g_assert_false (lineup_store_get_forbid_self_approval (f->b));

  /* An approver who is not a member: refused, nothing written. */
  lineup_share_record_set (team, "step:1", "all Legal|bob|mallory");
  g_assert_false (lineup_store_share_apply_team (f->b, team, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "step:1"));
  g_clear_pointer (&again, lineup_share_record_free);
  again = lineup_store_share_read_team (f->b);
  g_assert_cmpstr (lineup_share_record_get (again, "step:1"), ==, "all Legal|bob");
}

/* ---- approvals ---- */

static LineupShareApproval *
approval_new (const char *post_id,
              int         step,
              const char *approver,
              gint64      at,
              const char *key)
{
  LineupShareApproval *a = g_new0 (LineupShareApproval, 1);

  a->post_id = g_strdup (post_id);
  a->step = step;
  a->approver = g_strdup (approver);
  a->at = at;
  a->content_key = g_strdup (key);
  return a;
}

static void
test_approvals (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = add_post (f, "Launch teaser", TRUE);
  g_autoptr(LineupPost) post = lineup_store_get_post (f->a, id, &error);
  g_autofree char *key = lineup_post_content_key (post);
  g_autoptr(GPtrArray) wanted = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_share_approval_free);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(LineupPostWorkflow) workflow = NULL;
  guint changed = 0;

  lineup_store_add_commit_hook (f->a, listener_hook, f, NULL);
  g_ptr_array_add (wanted, approval_new (id, 0, "bob", 1790000000, key));
  g_ptr_array_add (wanted, approval_new (id, 1, "carol", 1790000100, key));
  g_assert_true (lineup_store_share_set_approvals (f->a, id, wanted, &error));
  g_assert_no_error (error);
  g_assert_true (g_array_index (f->remote_seen, gboolean, f->remote_seen->len - 1));
  changed = f->remote_seen->len;

  listed = lineup_store_share_list_approvals (f->a, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 2);
  g_assert_cmpstr (((LineupShareApproval *) listed->pdata[0])->approver, ==, "bob");
  g_assert_cmpstr (((LineupShareApproval *) listed->pdata[1])->content_key, ==, key);
  workflow = lineup_store_get_post_workflow (f->a, post, &error);
  g_assert_cmpuint (workflow->approvals->len, ==, 2);

  /* The same set again: nothing to do. */
  g_assert_true (lineup_store_share_set_approvals (f->a, id, wanted, &error));
  g_assert_cmpuint (f->remote_seen->len, ==, changed);

  /* The server dropped carol's: it stops counting here too. */
  g_ptr_array_remove_index (wanted, 1);
  g_assert_true (lineup_store_share_set_approvals (f->a, id, wanted, &error));
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = lineup_store_share_list_approvals (f->a, id, &error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpstr (((LineupShareApproval *) listed->pdata[0])->approver, ==, "bob");
  g_clear_pointer (&workflow, lineup_post_workflow_free);
  workflow = lineup_store_get_post_workflow (f->a, post, &error);
  g_assert_cmpuint (workflow->approvals->len, ==, 1);
  g_assert_cmpint (lineup_post_get_stage (post), ==, LINEUP_STAGE_BRIEF);

  /* None at all. */
  g_ptr_array_set_size (wanted, 0);
  g_assert_true (lineup_store_share_set_approvals (f->a, id, wanted, &error));
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = lineup_store_share_list_approvals (f->a, id, &error);
  g_assert_cmpuint (listed->len, ==, 0);

  /* Of a post this copy does not have. */
  g_assert_false (lineup_store_share_set_approvals (f->a, "no-such-post", wanted, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND);
}

static void
test_demote (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = add_post (f, "Launch teaser", TRUE);
  g_autofree char *draft = add_post (f, "Still a draft", TRUE);
  g_autoptr(LineupPost) post = NULL;
  g_autoptr(GPtrArray) history = NULL;
  LineupStageChange *last;

  g_assert_true (lineup_store_set_stage (f->a, id, LINEUP_STAGE_APPROVED, "bob", NULL, &error));
  g_assert_true (lineup_store_set_stage (f->a, draft, LINEUP_STAGE_DRAFT, "ann", NULL, &error));
  g_assert_no_error (error);
  lineup_store_add_commit_hook (f->a, listener_hook, f, NULL);

  g_assert_true (lineup_store_share_demote (f->a, id, "ann", "the server does not let bob approve", &error));
  g_assert_no_error (error);
  post = lineup_store_get_post (f->a, id, &error);
  g_assert_cmpint (lineup_post_get_stage (post), ==, LINEUP_STAGE_IN_REVIEW);
  g_assert_cmpuint (f->remote_seen->len, ==, 1);
  g_assert_true (g_array_index (f->remote_seen, gboolean, 0));
  history = lineup_store_get_history (f->a, id, &error);
  last = g_ptr_array_index (history, history->len - 1);
  g_assert_cmpint (last->from_stage, ==, LINEUP_STAGE_APPROVED);
  g_assert_cmpint (last->to_stage, ==, LINEUP_STAGE_IN_REVIEW);
  g_assert_cmpstr (last->actor, ==, "ann");
  g_assert_cmpstr (last->comment, ==, "the server does not let bob approve");
  g_assert_cmpstr (lineup_store_get_undo_label (f->a), !=, NULL);   /* the draft's move, not the demotion */
  g_assert_true (g_str_has_prefix (lineup_store_get_undo_label (f->a), "Change the stage of “Still a draft”"));

  /* A draft is not put forward into review. */
  g_assert_true (lineup_store_share_demote (f->a, draft, "ann", "no", &error));
  g_clear_object (&post);
  post = lineup_store_get_post (f->a, draft, &error);
  g_assert_cmpint (lineup_post_get_stage (post), ==, LINEUP_STAGE_DRAFT);
}

/* ---- the queue ---- */

static void
test_queue_commits_with_the_change (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) queue = NULL;
  g_autofree char *first = NULL;
  g_autoptr(LineupShareRecord) record = NULL;
  g_autoptr(LineupPost) post = lineup_post_new ();

  f->queue_posts = TRUE;
  lineup_store_add_commit_hook (f->a, listener_hook, f, NULL);
  lineup_store_add_commit_hook (f->a, refusing_hook, f, NULL);

  first = add_post (f, "Launch teaser", TRUE);
  g_assert_cmpuint (lineup_store_share_count_queue (f->a), ==, 1);
  queue = lineup_store_share_list_queue (f->a, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((LineupShareQueued *) queue->pdata[0])->kind, ==, "post");
  g_assert_cmpstr (((LineupShareQueued *) queue->pdata[0])->key, ==, first);

  /* The change refused: its queue row goes with it. */
  f->refuse = TRUE;
  lineup_post_set_title (post, "Refused");
  lineup_post_set_pillar_id (post, f->pillar_id);
  lineup_post_set_type_id (post, f->type_id);
  g_assert_false (lineup_store_add_post (f->a, post, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_cmpuint (lineup_store_share_count_queue (f->a), ==, 1);

  /* A batch rolled back: the same. */
  f->refuse = FALSE;
  lineup_store_begin (f->a, "Import");
  g_clear_object (&post);
  post = lineup_post_new ();
  lineup_post_set_title (post, "Rolled back");
  lineup_post_set_pillar_id (post, f->pillar_id);
  lineup_post_set_type_id (post, f->type_id);
  g_assert_true (lineup_store_add_post (f->a, post, &error));
  lineup_store_rollback (f->a);
  g_assert_cmpuint (lineup_store_share_count_queue (f->a), ==, 1);

  /* What came from the server is not sent back. */
  record = read_post (f->a, first);
  lineup_share_record_set (record, "title", "From the server");
  g_assert_true (lineup_store_share_dequeue (f->a, ((LineupShareQueued *) queue->pdata[0])->seq, &error));
  apply (f->a, first, record);
  g_assert_cmpuint (lineup_store_share_count_queue (f->a), ==, 0);

  /* Outside any transaction, a row is its own. */
  g_assert_true (lineup_store_share_enqueue (f->a, "plan", LINEUP_SHARE_PLAN_UID, &error));
  g_assert_cmpuint (lineup_store_share_count_queue (f->a), ==, 1);
  g_assert_false (lineup_store_share_enqueue (f->a, "photo", "x", &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
}

static void
test_dequeue_keeps_newer (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sent = NULL;
  g_autoptr(GPtrArray) now = NULL;
  gint64 seq;

  g_assert_true (lineup_store_share_enqueue (f->a, "post", "p1", &error));
  g_assert_true (lineup_store_share_enqueue (f->a, "team", LINEUP_SHARE_TEAM_UID, &error));
  g_assert_true (lineup_store_share_enqueue (f->a, "approval", "p1 0", &error));
  g_assert_no_error (error);

  /* A pass reads the queue and sends p1; meanwhile p1 changes again. */
  sent = lineup_store_share_list_queue (f->a, &error);
  seq = ((LineupShareQueued *) sent->pdata[0])->seq;
  g_assert_true (lineup_store_share_enqueue (f->a, "post", "p1", &error));
  g_assert_cmpuint (lineup_store_share_count_queue (f->a), ==, 3);
  g_assert_true (lineup_store_share_dequeue (f->a, seq, &error));
  g_assert_no_error (error);

  /* The newer change stays, in its place. */
  now = lineup_store_share_list_queue (f->a, &error);
  g_assert_cmpuint (now->len, ==, 3);
  g_assert_cmpstr (((LineupShareQueued *) now->pdata[0])->key, ==, "p1");
  g_assert_cmpint (((LineupShareQueued *) now->pdata[0])->seq, !=, seq);
  g_assert_cmpstr (((LineupShareQueued *) now->pdata[1])->kind, ==, "team");

  /* Sent in turn, it goes; the others stay. */
  g_assert_true (lineup_store_share_dequeue (f->a, ((LineupShareQueued *) now->pdata[0])->seq, &error));
  g_assert_cmpuint (lineup_store_share_count_queue (f->a), ==, 2);
}

/* ---- where it is shared, resources, notices ---- */

static void
test_config_and_resources (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LineupShareConfig config = { (char *) "https://dav.example/plan/", (char *) "ann", NULL, (char *) "machine-1", };
  LineupShareResource resource = { LINEUP_SHARE_COLLECTION_PLAN, (char *) "p1", (char *) "/plan/p1.ics", (char *) "\"e1\"", (char *) "BEGIN:VCALENDAR" };
  g_autoptr(LineupShareConfig) got = NULL;
  g_autoptr(LineupShareResource) found = NULL;
  g_autoptr(GHashTable) etags = NULL;

  g_assert_null (lineup_store_get_share (f->a));
  g_assert_false (lineup_store_set_share_result (f->a, "t", NULL, 5, NULL, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (lineup_store_set_share (f->a, &config, &error));
  g_assert_no_error (error);
  got = lineup_store_get_share (f->a);
  g_assert_cmpstr (got->url, ==, "https://dav.example/plan/");
  g_assert_cmpstr (got->machine, ==, "machine-1");
  g_assert_null (got->approvals_url);
  g_assert_null (got->token);
  g_assert_cmpint (got->last_pass_at, ==, 0);
  g_clear_pointer (&got, lineup_share_config_free);

  g_assert_true (lineup_store_set_share_result (f->a, "tok-1", "tok-a", 1790000000, NULL, &error));
  g_assert_true (lineup_store_set_share_result (f->a, "tok-2", NULL, 1790000100, "503 Service Unavailable", &error));
  got = lineup_store_get_share (f->a);
  g_assert_cmpstr (got->token, ==, "tok-2");
  g_assert_null (got->approvals_token);
  g_assert_cmpint (got->last_pass_at, ==, 1790000000);
  g_assert_cmpstr (got->last_error, ==, "503 Service Unavailable");
  g_assert_cmpint (got->last_error_at, ==, 1790000100);

  g_assert_true (lineup_store_share_set_resource (f->a, &resource, &error));
  found = lineup_store_share_get_resource (f->a, LINEUP_SHARE_COLLECTION_PLAN, "p1");
  g_assert_cmpstr (found->etag, ==, "\"e1\"");
  g_assert_cmpstr (found->base, ==, "BEGIN:VCALENDAR");
  g_clear_pointer (&found, lineup_share_resource_free);
  found = lineup_store_share_find_href (f->a, LINEUP_SHARE_COLLECTION_PLAN, "/plan/p1.ics");
  g_assert_cmpstr (found->uid, ==, "p1");
  g_assert_null (lineup_store_share_get_resource (f->a, LINEUP_SHARE_COLLECTION_APPROVALS, "p1"));
  resource.etag = NULL;
  resource.uid = (char *) "p2";
  resource.href = (char *) "/plan/p2.ics";
  g_assert_true (lineup_store_share_set_resource (f->a, &resource, &error));
  etags = lineup_store_share_known_etags (f->a, LINEUP_SHARE_COLLECTION_PLAN);
  g_assert_cmpuint (g_hash_table_size (etags), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (etags, "/plan/p2.ics"), ==, "");
  g_assert_true (lineup_store_share_remove_resource (f->a, LINEUP_SHARE_COLLECTION_PLAN, "p2", &error));
  g_assert_null (lineup_store_share_get_resource (f->a, LINEUP_SHARE_COLLECTION_PLAN, "p2"));

  g_assert_true (lineup_store_share_note_notice (f->a, "approval-wanted p1", &error));
  g_assert_false (lineup_store_share_note_notice (f->a, "approval-wanted p1", &error));
  g_assert_no_error (error);

  /* Stopping forgets the queue and what the server held. */
  g_assert_true (lineup_store_share_enqueue (f->a, "post", "p1", &error));
  g_assert_true (lineup_store_set_share (f->a, NULL, &error));
  g_assert_null (lineup_store_get_share (f->a));
  g_assert_cmpuint (lineup_store_share_count_queue (f->a), ==, 0);
  g_assert_null (lineup_store_share_get_resource (f->a, LINEUP_SHARE_COLLECTION_PLAN, "p1"));

  config.url = (char *) "ftp://nowhere";
  g_assert_false (lineup_store_set_share (f->a, &config, &error));
  g_assert_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID);
}

/* ---- the schema ---- */

static void
test_migration_from_5 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lineup-share-migrate-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "v5.db", NULL);
  g_autofree char *backup = g_strconcat (path, ".bak-v5", NULL);
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupPost) post = NULL;
  g_autoptr(LineupMember) member = NULL;
  g_autoptr(LineupShareRecord) record = NULL;
  sqlite3 *db;

  g_assert_true (_lineup_store_create_at_version (path, 5, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO pillars (id, name, color, position) VALUES (1, 'Stories', '#3584e4', 0);"
                                 "INSERT INTO posts (id, title, body, pillar_id, type_id, stage, platforms, slot, "
                                 "  created_at, updated_at) VALUES ('post-1', 'Kept', 'Body', 1, 1, 1, 'instagram', "
                                 "  1790000000, 1780000000, 1780000000);"
                                 "INSERT INTO stage_history (post_id, from_stage, to_stage, actor, at) "
                                 "  VALUES ('post-1', NULL, 1, 'ann', 1780000000);"
                                 "INSERT INTO team (name, role, position) VALUES ('ann', 'lead', 0);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = lineup_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
  post = lineup_store_get_post (store, "post-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lineup_post_get_title (post), ==, "Kept");
  member = lineup_store_find_member (store, "ann");
  g_assert_cmpint (member->role, ==, LINEUP_ROLE_LEAD);
  g_assert_null (member->display_name);

  /* The new tables work. */
  g_assert_null (lineup_store_get_share (store));
  g_assert_true (lineup_store_share_enqueue (store, "post", "post-1", &error));
  g_assert_no_error (error);
  record = lineup_store_share_read_post (store, "post-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lineup_share_record_get (record, "platforms"), ==, "instagram");
  g_assert_cmpuint (lineup_share_record_get_log (record)->len, ==, 1);

  g_clear_object (&store);
  lineup_test_remove_tree (dir);
}

/* ---- a join's size ---- */

static void
test_two_thousand (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_share_record_free);
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();

  lineup_store_begin (f->a, "Many");
  for (guint i = 0; i < 2000; i++)
    {
      g_autoptr(LineupPost) post = lineup_post_new ();
      g_autofree char *title = g_strdup_printf ("Post %u", i);

      lineup_post_set_title (post, title);
      lineup_post_set_body (post, "A caption of some length, as posts have.");
      lineup_post_set_pillar_id (post, f->pillar_id);
      lineup_post_set_type_id (post, f->type_id);
      if (i % 4)
        lineup_post_set_scheduled_at (post, 1790000000 + i * 3600);
      g_assert_true (lineup_store_add_post (f->a, post, &error));
    }
  g_assert_true (lineup_store_commit (f->a, &error));
  g_assert_no_error (error);

  g_timer_start (timer);
  posts = lineup_store_list_all_posts (f->a, &error);
  for (guint i = 0; i < posts->len; i++)
    g_ptr_array_add (records, read_post (f->a, lineup_post_get_id (posts->pdata[i])));
  g_test_message ("read 2,000 posts as records in %.2f s", g_timer_elapsed (timer, NULL));

  g_timer_start (timer);
  lineup_store_begin (f->b, "Join");
  for (guint i = 0; i < records->len; i++)
    apply (f->b, lineup_share_record_get_uid (records->pdata[i]), records->pdata[i]);
  g_assert_true (lineup_store_commit (f->b, &error));
  g_assert_no_error (error);
  g_test_message ("applied 2,000 records in one batch in %.2f s", g_timer_elapsed (timer, NULL));

  g_assert_cmpuint (lineup_store_count_posts (f->b), ==, 2000);
  g_assert_cmpuint (f->added, ==, 2000);
  g_assert_false (lineup_store_can_undo (f->b));
  for (guint i = 0; i < records->len; i += 97)
    {
      g_autoptr(LineupShareRecord) back = read_post (f->b, lineup_share_record_get_uid (records->pdata[i]));

      g_assert_true (lineup_share_record_equal (records->pdata[i], back));
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LINEUP_SECRETS_FILE", "/nonexistent/lineup-test-secrets", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/store-share/post/round-trip", test_post_round_trip);
  ADD ("/store-share/post/change-is-remote", test_apply_change_is_remote);
  ADD ("/store-share/post/delete-and-restore", test_apply_deletes_and_restores);
  ADD ("/store-share/post/adds-what-the-plan-lacks", test_apply_adds_what_the_plan_lacks);
  ADD ("/store-share/post/refuses-bad-records", test_apply_refuses_bad_records);
  ADD ("/store-share/post/targets-and-conflicts", test_targets_and_conflicts);
  ADD ("/store-share/plan/round-trip", test_plan_round_trip);
  ADD ("/store-share/team/round-trip", test_team_round_trip);
  ADD ("/store-share/approvals", test_approvals);
  ADD ("/store-share/demote", test_demote);
  ADD ("/store-share/queue/commits-with-the-change", test_queue_commits_with_the_change);
  ADD ("/store-share/queue/dequeue-keeps-newer", test_dequeue_keeps_newer);
  ADD ("/store-share/config-and-resources", test_config_and_resources);
  ADD ("/store-share/two-thousand", test_two_thousand);
  ADD ("/store-share/plan/snippets-travel", test_snippets_travel);
  ADD ("/store-share/plan/slots-travel", test_slots_travel);
#undef ADD
  g_test_add_func ("/store-share/migration-from-5", test_migration_from_5);

  return g_test_run ();
}
