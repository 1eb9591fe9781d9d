/* test-share-merge.c: the three-way merge of a shared post and the
 * resolution of its conflicts (lineup-share-merge.c, docs/sharing.md §5):
 * two people's changes to different fields both stand, a field both
 * changed keeps both values, either person can keep either value, a
 * conflict someone resolved goes everywhere, nothing in a log is lost.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib.h>

#include "share/lineup-share-merge.h"

#define UID "6f1c2b9e-4d3a-4e8f-9a7b-0c1d2e3f4a5b"

/* A post with @pairs: field, value, …, NULL. */
static LineupShareRecord *
post (const char *first,
      ...)
{
  LineupShareRecord *r = lineup_share_record_new (LINEUP_SHARE_POST, UID);
  va_list args;

  va_start (args, first);
  for (const char *field = first; field; field = va_arg (args, const char *))
    lineup_share_record_set (r, field, va_arg (args, const char *));
  va_end (args);
  return r;
}

static void
assert_fields (const LineupShareRecord *r,
               const char * const      *expected)
{
  g_auto(GStrv) fields = lineup_share_record_list_fields (r);

  g_assert_cmpstrv (fields, expected);
}

static void
assert_no_conflicts (const LineupShareRecord *r)
{
  g_auto(GStrv) conflicts = lineup_share_record_list_conflicts (r);

  g_assert_cmpstrv (conflicts, ((const char *[]) { NULL }));
}

/* Alice retitles, Bob moves the post: both changes stand. */
static void
test_different_fields (void)
{
  g_autoptr(LineupShareRecord) base = post ("title", "Launch", "at", "20260315T090000Z", "stage", "draft", NULL);
  g_autoptr(LineupShareRecord) mine = post ("title", "Launch day", "at", "20260315T090000Z", "stage", "draft", NULL);
  g_autoptr(LineupShareRecord) theirs = post ("title", "Launch", "at", "20260316T120000Z", "stage", "draft", NULL);
  g_autoptr(LineupShareRecord) merged = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;

  merged = lineup_share_merge (base, mine, theirs, "alice", &conflicts);
  g_assert_cmpstr (lineup_share_record_get (merged, "title"), ==, "Launch day");
  g_assert_cmpstr (lineup_share_record_get (merged, "at"), ==, "20260316T120000Z");
  g_assert_cmpstr (lineup_share_record_get (merged, "stage"), ==, "draft");
  g_assert_cmpuint (conflicts->len, ==, 0);
  assert_fields (merged, (const char *[]) { "at", "stage", "title", NULL });
  assert_no_conflicts (merged);

  /* The same from Bob's side. */
  g_clear_pointer (&merged, lineup_share_record_free);
  merged = lineup_share_merge (base, theirs, mine, "bob", NULL);
  g_assert_cmpstr (lineup_share_record_get (merged, "title"), ==, "Launch day");
  g_assert_cmpstr (lineup_share_record_get (merged, "at"), ==, "20260316T120000Z");
  assert_no_conflicts (merged);
}

static LineupShareRecord *
conflicted (void)
{
  g_autoptr(LineupShareRecord) base = post ("title", "Launch", "goal", "Reach", NULL);
  g_autoptr(LineupShareRecord) mine = post ("title", "Alice's title", "goal", "Reach", NULL);
  g_autoptr(LineupShareRecord) theirs = post ("title", "Bob's title", "goal", "Reach", NULL);

  return lineup_share_merge (base, mine, theirs, "alice", NULL);
}

/* Both change the title: the server's stays in the field, Alice's in
 * conflict:title, by her. The same value on both sides is no conflict. */
static void
test_same_field (void)
{
  g_autoptr(LineupShareRecord) base = post ("title", "Launch", "goal", "Reach", NULL);
  g_autoptr(LineupShareRecord) mine = post ("title", "Alice's title", "goal", "Reach more", NULL);
  g_autoptr(LineupShareRecord) theirs = post ("title", "Bob's title", "goal", "Reach more", NULL);
  g_autoptr(LineupShareRecord) merged = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_auto(GStrv) listed = NULL;

  merged = lineup_share_merge (base, mine, theirs, "alice", &conflicts);
  g_assert_cmpstr (lineup_share_record_get (merged, "title"), ==, "Bob's title");
  g_assert_cmpstr (lineup_share_record_get (merged, "conflict:title"), ==, "Alice's title");
  g_assert_cmpstr (lineup_share_record_get (merged, "conflict-by:title"), ==, "alice");
  g_assert_cmpstr (lineup_share_record_get (merged, "goal"), ==, "Reach more");
  g_assert_null (lineup_share_record_get (merged, "conflict:goal"));
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (conflicts, 0), ==, "title");
  listed = lineup_share_record_list_conflicts (merged);
  g_assert_cmpstrv (listed, ((const char *[]) { "title", NULL }));
  g_assert_cmpstr (lineup_share_record_get_uid (merged), ==, UID);
  g_assert_cmpint (lineup_share_record_get_kind (merged), ==, LINEUP_SHARE_POST);
}

/* "Mine" is the value the resolver wrote: Alice's for Alice, Bob's for
 * Bob; keeping either removes both conflict fields. */
static void
test_resolve (void)
{
  struct {
    const char *login;
    gboolean keep_mine;
    const char *title;
  } cases[] = {
    { "alice", TRUE, "Alice's title" },
    { "alice", FALSE, "Bob's title" },
    { "bob", TRUE, "Bob's title" },
    { "bob", FALSE, "Alice's title" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LineupShareRecord) r = conflicted ();

      g_assert_true (lineup_share_resolve_field (r, "title", cases[i].login, cases[i].keep_mine));
      g_assert_cmpstr (lineup_share_record_get (r, "title"), ==, cases[i].title);
      assert_fields (r, (const char *[]) { "goal", "title", NULL });
      assert_no_conflicts (r);
      /* Nothing left to resolve. */
      g_assert_false (lineup_share_resolve_field (r, "title", cases[i].login, TRUE));
      g_assert_cmpstr (lineup_share_record_get (r, "title"), ==, cases[i].title);
    }
}

/* A log only grows: the lines of both sides, sorted, once each. */
static void
test_logs_union (void)
{
  g_autoptr(LineupShareRecord) base = post ("title", "T", NULL);
  g_autoptr(LineupShareRecord) mine = post ("title", "T", NULL);
  g_autoptr(LineupShareRecord) theirs = post ("title", "T", NULL);
  g_autoptr(LineupShareRecord) merged = NULL;
  g_autofree char *l1 = lineup_share_log_line_format (100, "created", NULL, "brief", "alice", NULL);
  g_autofree char *l2 = lineup_share_log_line_format (200, "comment", "brief", "brief", "alice", "mine | \\");
  g_autofree char *l3 = lineup_share_log_line_format (150, "comment", "brief", "brief", "bob", "theirs");
  GPtrArray *log;

  lineup_share_record_add_log (base, l1);
  lineup_share_record_add_log (mine, l1);
  lineup_share_record_add_log (mine, l2);
  lineup_share_record_add_log (theirs, l1);
  lineup_share_record_add_log (theirs, l3);
  merged = lineup_share_merge (base, mine, theirs, "alice", NULL);
  log = lineup_share_record_get_log (merged);
  g_assert_cmpuint (log->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (log, 0), ==, l1);
  g_assert_cmpstr (g_ptr_array_index (log, 1), ==, l3);
  g_assert_cmpstr (g_ptr_array_index (log, 2), ==, l2);
}

/* A conflict one side resolved goes, with the resolved value; one
 * nobody resolved stays, on whichever side it was found. */
static void
test_existing_conflict (void)
{
  g_autoptr(LineupShareRecord) base = conflicted ();   /* Bob's title, conflict: Alice's, by alice */
  g_autoptr(LineupShareRecord) resolved = lineup_share_record_copy (base);
  g_autoptr(LineupShareRecord) untouched = lineup_share_record_copy (base);
  g_autoptr(LineupShareRecord) merged = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;

  /* Bob resolved it on the server, keeping Alice's; Alice did nothing. */
  lineup_share_resolve_field (resolved, "title", "bob", FALSE);
  merged = lineup_share_merge (base, untouched, resolved, "alice", &conflicts);
  g_assert_cmpstr (lineup_share_record_get (merged, "title"), ==, "Alice's title");
  assert_no_conflicts (merged);
  assert_fields (merged, (const char *[]) { "goal", "title", NULL });
  g_assert_cmpuint (conflicts->len, ==, 0);

  /* Alice resolved it here, keeping Bob's; the server's is as it was. */
  g_clear_pointer (&resolved, lineup_share_record_free);
  g_clear_pointer (&merged, lineup_share_record_free);
  resolved = lineup_share_record_copy (base);
  lineup_share_resolve_field (resolved, "title", "alice", FALSE);
  merged = lineup_share_merge (base, resolved, untouched, "alice", NULL);
  g_assert_cmpstr (lineup_share_record_get (merged, "title"), ==, "Bob's title");
  assert_no_conflicts (merged);

  /* Found on the server since (not in the base): it stays, and Alice's
   * unrelated change stands. */
  {
    g_autoptr(LineupShareRecord) before = post ("title", "Launch", "goal", "Reach", NULL);
    g_autoptr(LineupShareRecord) mine = post ("title", "Launch", "goal", "Reach more", NULL);

    g_clear_pointer (&merged, lineup_share_record_free);
    merged = lineup_share_merge (before, mine, base, "alice", NULL);
    g_assert_cmpstr (lineup_share_record_get (merged, "title"), ==, "Bob's title");
    g_assert_cmpstr (lineup_share_record_get (merged, "conflict:title"), ==, "Alice's title");
    g_assert_cmpstr (lineup_share_record_get (merged, "conflict-by:title"), ==, "alice");
    g_assert_cmpstr (lineup_share_record_get (merged, "goal"), ==, "Reach more");
  }

  /* The title came to hold Alice's value on the server, by hand: no
   * conflict left. */
  {
    g_autoptr(LineupShareRecord) by_hand = lineup_share_record_copy (base);

    lineup_share_record_set (by_hand, "title", "Alice's title");
    g_clear_pointer (&merged, lineup_share_record_free);
    merged = lineup_share_merge (base, untouched, by_hand, "alice", NULL);
    g_assert_cmpstr (lineup_share_record_get (merged, "title"), ==, "Alice's title");
    assert_no_conflicts (merged);
    assert_fields (merged, (const char *[]) { "goal", "title", NULL });
  }

  /* Resolved on one side while the other changed the title again: a new
   * conflict, by the one who merges. */
  {
    g_autoptr(LineupShareRecord) retitled = lineup_share_record_copy (base);

    lineup_share_record_set (retitled, "title", "Carol's title");
    g_clear_pointer (&resolved, lineup_share_record_free);
    g_clear_pointer (&merged, lineup_share_record_free);
    resolved = lineup_share_record_copy (base);
    lineup_share_resolve_field (resolved, "title", "alice", TRUE);
    merged = lineup_share_merge (base, resolved, retitled, "alice", NULL);
    g_assert_cmpstr (lineup_share_record_get (merged, "title"), ==, "Carol's title");
    g_assert_cmpstr (lineup_share_record_get (merged, "conflict:title"), ==, "Alice's title");
    g_assert_cmpstr (lineup_share_record_get (merged, "conflict-by:title"), ==, "alice");
  }
}

/* Two creates of one UID: every field that differs is a conflict. */
static void
test_null_base (void)
{
  g_autoptr(LineupShareRecord) mine = post ("title", "Alice's", "stage", "draft", "goal", "", NULL);
  g_autoptr(LineupShareRecord) theirs = post ("title", "Bob's", "stage", "draft", NULL);
  g_autoptr(LineupShareRecord) merged = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;

  merged = lineup_share_merge (NULL, mine, theirs, "alice", &conflicts);
  g_assert_cmpstr (lineup_share_record_get (merged, "title"), ==, "Bob's");
  g_assert_cmpstr (lineup_share_record_get (merged, "conflict:title"), ==, "Alice's");
  g_assert_cmpstr (lineup_share_record_get (merged, "stage"), ==, "draft");
  /* Added on one side only. */
  g_assert_cmpstr (lineup_share_record_get (merged, "goal"), ==, "");
  g_assert_cmpuint (conflicts->len, ==, 1);
}

/* Absent is a value: removed on one side and changed on the other is a
 * conflict, and keeping the removal removes the field. */
static void
test_absent_values (void)
{
  g_autoptr(LineupShareRecord) base = post ("campaign", "Spring", "check:Proofread", "bob 100", NULL);
  g_autoptr(LineupShareRecord) mine = post ("check:Proofread", "bob 100", NULL);
  g_autoptr(LineupShareRecord) theirs = post ("campaign", "Summer", NULL);
  g_autoptr(LineupShareRecord) merged = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;

  merged = lineup_share_merge (base, mine, theirs, "alice", &conflicts);
  g_assert_cmpstr (lineup_share_record_get (merged, "campaign"), ==, "Summer");
  g_assert_cmpstr (lineup_share_record_get (merged, "conflict:campaign"), ==, "");
  g_assert_cmpstr (lineup_share_record_get (merged, "conflict-by:campaign"), ==, "alice");
  /* Unticked on their side only. */
  g_assert_null (lineup_share_record_get (merged, "check:Proofread"));
  g_assert_cmpuint (conflicts->len, ==, 1);

  g_assert_true (lineup_share_resolve_field (merged, "campaign", "alice", TRUE));
  g_assert_null (lineup_share_record_get (merged, "campaign"));
  assert_fields (merged, (const char *[]) { NULL });

  /* Removed on both sides: gone, no conflict. */
  {
    g_autoptr(LineupShareRecord) both = NULL;
    g_autoptr(LineupShareRecord) empty_mine = post (NULL);
    g_autoptr(LineupShareRecord) empty_theirs = post (NULL);

    both = lineup_share_merge (base, empty_mine, empty_theirs, "alice", NULL);
    assert_fields (both, (const char *[]) { NULL });
  }
}

/* Two copies' publishing states of one account are never a conflict a
 * person must settle: the send that went further stands. */
static void
test_publish_state (void)
{
  g_autoptr(LineupShareRecord) base = post ("title", "T", NULL);
  g_autoptr(LineupShareRecord) mine = post ("title", "T", "publish:mastodon:x:1", "pending - Sent by alice's copy", NULL);
  g_autoptr(LineupShareRecord) theirs = post ("title", "T", "publish:mastodon:x:1", "synced https://x/1 -", NULL);
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(LineupShareRecord) merged = lineup_share_merge (base, mine, theirs, "bob", &conflicts);
  g_autoptr(LineupShareRecord) back = lineup_share_merge (base, theirs, mine, "alice", NULL);

  g_assert_cmpuint (conflicts->len, ==, 0);
  g_assert_cmpstr (lineup_share_record_get (merged, "publish:mastodon:x:1"), ==, "synced https://x/1 -");
  g_assert_null (lineup_share_record_get (merged, "conflict:publish:mastodon:x:1"));
  g_assert_cmpstr (lineup_share_record_get (back, "publish:mastodon:x:1"), ==, "synced https://x/1 -");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/share-merge/different-fields", test_different_fields);
  g_test_add_func ("/share-merge/same-field", test_same_field);
  g_test_add_func ("/share-merge/resolve", test_resolve);
  g_test_add_func ("/share-merge/logs-union", test_logs_union);
  g_test_add_func ("/share-merge/existing-conflict", test_existing_conflict);
  g_test_add_func ("/share-merge/null-base", test_null_base);
  g_test_add_func ("/share-merge/absent-values", test_absent_values);
  g_test_add_func ("/share-merge/publish-state", test_publish_state);
  return g_test_run ();
}
