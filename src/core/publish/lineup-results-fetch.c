/* lineup-results-fetch.c: results read from Mastodon and Bluesky
 * (lineup-results-fetch.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lineup-results-fetch.h"
#include "lineup-account.h"
#include "lineup-account-connect.h"
#include "lineup-bluesky.h"
#include "lineup-mastodon.h"
#include "lineup-plan.h"
#include "lineup-store-publish.h"
#include "lineup-store-results.h"
#include "lineup-sync.h"

/* A request that failed without an answer or with a 5xx is tried this many
 * times more, and an account whose server fails this many posts in a row
 * is left for the next pass. */
#define MAX_RETRIES 2
#define MAX_FAILURES_IN_A_ROW 3

/* ---- the due schedule ---- */

gboolean
lineup_results_fetch_is_due (gint64 published_at,
                             gint64 last_read_at,
                             gint64 now)
{
  static const gint64 points[] = { LINEUP_RESULTS_DUE_1, LINEUP_RESULTS_DUE_2, LINEUP_RESULTS_DUE_3 };
  gint64 passed = -1;

  if (published_at <= 0 || published_at > G_MAXINT64 - LINEUP_RESULTS_DUE_3)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    if (published_at + points[i] <= now)
      passed = published_at + points[i];
  return passed >= 0 && last_read_at < passed;
}

/* ---- the answers ---- */

static JsonObject *
node_object (JsonNode *node)
{
  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* A count a server says: a whole number from 0 up to what Lineup keeps. */
static gint64
member_count (JsonObject *object,
              const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;
  gint64 value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return LINEUP_RESULT_UNKNOWN;
  value = json_node_get_int (node);
  return value >= 0 && value <= LINEUP_RESULT_MAX_COUNT ? value : LINEUP_RESULT_UNKNOWN;
}

static gboolean
fill_counts (JsonObject           *object,
             LineupResultSnapshot *snapshot,
             const char * const    names[4])
{
  static const LineupResultCount counts[4] = {
    LINEUP_RESULT_REPLIES, LINEUP_RESULT_REPOSTS, LINEUP_RESULT_LIKES, LINEUP_RESULT_QUOTES,
  };
  gboolean any = FALSE;

  for (guint i = 0; i < 4; i++)
    {
      snapshot->counts[counts[i]] = member_count (object, names[i]);
      any |= snapshot->counts[counts[i]] != LINEUP_RESULT_UNKNOWN;
    }
  return any;
}

gboolean
lineup_results_parse_mastodon_status (JsonNode             *root,
                                      LineupResultSnapshot *snapshot)
{
  static const char * const names[4] = { "replies_count", "reblogs_count", "favourites_count", "quotes_count" };

  g_return_val_if_fail (snapshot != NULL, FALSE);
  return node_object (root) != NULL && fill_counts (node_object (root), snapshot, names);
}

GHashTable *
lineup_results_parse_bluesky_posts (JsonNode *root)
{
  static const char * const names[4] = { "replyCount", "repostCount", "likeCount", "quoteCount" };
  JsonObject *object = node_object (root);
  JsonNode *posts = object ? json_object_get_member (object, "posts") : NULL;
  GHashTable *found;
  JsonArray *array;

  if (posts == NULL || !JSON_NODE_HOLDS_ARRAY (posts))
    return NULL;
  found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) lineup_result_snapshot_free);
  array = json_node_get_array (posts);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *post = node_object (json_array_get_element (array, i));
      const char *uri = _lineup_publish_member_string (post, "uri");
      g_autoptr(LineupResultSnapshot) snapshot = NULL;

      if (uri == NULL || !g_utf8_validate (uri, -1, NULL))
        continue;
      snapshot = lineup_result_snapshot_new (NULL, "bluesky", 0, "bluesky");
      if (fill_counts (post, snapshot, names))
        g_hash_table_replace (found, g_strdup (uri), g_steal_pointer (&snapshot));
    }
  return found;
}

gint64
lineup_results_parse_followers (JsonNode *root)
{
  JsonObject *object = node_object (root);
  gint64 followers = member_count (object, "followers_count");

  return followers != LINEUP_RESULT_UNKNOWN ? followers : member_count (object, "followersCount");
}

/* ---- the report ---- */

void
lineup_results_fetch_report_init (LineupResultsFetchReport *report)
{
  g_return_if_fail (report != NULL);
  memset (report, 0, sizeof *report);
  report->notes = g_ptr_array_new_with_free_func (g_free);
  report->problems = g_ptr_array_new_with_free_func (g_free);
}

void
lineup_results_fetch_report_clear (LineupResultsFetchReport *report)
{
  g_return_if_fail (report != NULL);
  g_clear_pointer (&report->notes, g_ptr_array_unref);
  g_clear_pointer (&report->problems, g_ptr_array_unref);
}

/* ---- what to read ---- */

typedef struct {
  char    *post_id;
  char    *title;
  char    *account_id;
  char    *remote_id;      /* Mastodon: the status id; Bluesky: the at-URI */
  gint64   published_at;
  gint64   last_read_at;
  gboolean gone;
} Target;

static void
target_free (Target *target)
{
  g_free (target->post_id);
  g_free (target->title);
  g_free (target->account_id);
  g_free (target->remote_id);
  g_free (target);
}

/* The last segment of a URL's path ("https://host/@team/1234" → "1234"). */
static char *
url_last_segment (const char *url)
{
  g_autoptr(GUri) uri = url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *path = uri ? g_uri_get_path (uri) : NULL;
  const char *slash = path ? strrchr (path, '/') : NULL;

  if (slash == NULL || slash[1] == '\0')
    return NULL;
  for (const char *c = slash + 1; *c; c++)
    if (!g_ascii_isalnum (*c))
      return NULL;
  return g_strdup (slash + 1);
}

/* Where to read a published post. A Mastodon post the server published at
 * its time has a status id of its own, which its URL ends with (the remote
 * id kept may be the scheduled post's); a Bluesky post's at-URI, or one made
 * from its URL's record key when another copy of a shared plan sent it. */
static char *
remote_for (const char *kind,
            const char *remote_id,
            const char *url,
            const char *did)
{
  g_autofree char *last = url_last_segment (url);

  if (g_str_equal (kind, "mastodon"))
    {
      gboolean digits = last != NULL;

      for (const char *c = last; c && *c; c++)
        digits &= g_ascii_isdigit (*c);
      return digits ? g_steal_pointer (&last) : g_strdup (remote_id);
    }
  if (remote_id && g_str_has_prefix (remote_id, "at://"))
    return g_strdup (remote_id);
  if (last && did && *did)
    return g_strdup_printf ("at://%s/app.bsky.feed.post/%s", did, last);
  return NULL;
}

static GPtrArray *
load_targets (LineupStore              *store,
              const char               *post_id,
              LineupResultsFetchFlags   flags,
              gint64                    now,
              GError                  **error)
{
  static const char sql[] =
    "SELECT s.post_id, p.title, s.account_id, a.kind, s.remote_id, s.url, a.remote_user, s.updated_at, p.slot, "
    " (SELECT max(r.taken_at) FROM results r WHERE r.post_id = s.post_id AND r.network = a.kind), "
    " EXISTS (SELECT 1 FROM results_gone g WHERE g.post_id = s.post_id AND g.network = a.kind) "
    "FROM publish_state s JOIN accounts a ON a.id = s.account_id JOIN posts p ON p.id = s.post_id "
    "WHERE s.state = 'published' AND a.kind IN ('mastodon', 'bluesky') AND p.deleted_at IS NULL "
    " AND (?1 IS NULL OR s.post_id = ?1) "
    "ORDER BY a.created_at, p.slot, s.post_id";
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func ((GDestroyNotify) target_free);
  sqlite3_stmt *stmt = _lineup_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (post_id)
    sqlite3_bind_text (stmt, 1, post_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *kind = (const char *) sqlite3_column_text (stmt, 3);
      gint64 updated = sqlite3_column_int64 (stmt, 7);
      gint64 slot = sqlite3_column_int64 (stmt, 8);
      Target *target = g_new0 (Target, 1);

      target->post_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      target->title = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      target->account_id = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      target->remote_id = remote_for (kind, (const char *) sqlite3_column_text (stmt, 4),
                                      (const char *) sqlite3_column_text (stmt, 5),
                                      (const char *) sqlite3_column_text (stmt, 6));
      /* Out at its time, unless Lineup learned it was out earlier (published now). */
      target->published_at = slot > 0 && slot <= updated ? slot : updated;
      target->last_read_at = sqlite3_column_int64 (stmt, 9);
      target->gone = sqlite3_column_int (stmt, 10) != 0;
      if ((flags & LINEUP_RESULTS_FETCH_DUE) &&
          (target->gone || !lineup_results_fetch_is_due (target->published_at, target->last_read_at, now)))
        target_free (target);
      else
        g_ptr_array_add (targets, target);
    }
  _lineup_store_finish (stmt);
  if (rc != SQLITE_DONE)
    return _lineup_store_sqlite_error (store, error, _("read the published posts")), NULL;
  return g_steal_pointer (&targets);
}

/* ---- one account's pass ---- */

typedef struct {
  LineupStore              *store;
  LineupAccount            *account;
  LineupPublisher          *publisher;
  LineupResultsFetchReport *report;
  GCancellable             *cancellable;
  gint64                    now;
  gint64                    followers;
  GPtrArray                *snapshots;   /* LineupResultSnapshot to keep */
  GPtrArray                *gone;        /* Target (borrowed) the network no longer has */
  GPtrArray                *found;       /* Target (borrowed) read again after being gone */
  gboolean                  stopped;
  guint                     failures;    /* in a row */
} Run;

static gint64
retry_base_ms (void)
{
  const char *text = g_getenv ("LINEUP_SYNC_RETRY_BASE_MS");
  gint64 ms = text ? g_ascii_strtoll (text, NULL, 10) : 0;

  return ms > 0 ? ms : 2000;
}

static JsonNode *
read_once (Run         *run,
           const char  *path,
           const char  *what,
           GError     **error)
{
  g_autoptr(GError) local = NULL;
  JsonNode *node;

  /* The last answer spent the window (Mastodon's X-RateLimit-Remaining 0):
   * wait for it rather than spend a request on a 429. */
  if (lineup_publisher_get_retry_at (run->publisher) > g_get_real_time () / G_USEC_PER_SEC)
    {
      g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_RATE_LIMITED,
                   _("The server’s request limit is spent until it resets"));
      return NULL;
    }
  if (run->account->kind == LINEUP_ACCOUNT_MASTODON)
    node = lineup_mastodon_read (LINEUP_MASTODON (run->publisher), path, what, run->cancellable, &local);
  else
    node = lineup_bluesky_query (LINEUP_BLUESKY (run->publisher), path, what, run->cancellable, &local);
  /* Any refusal keeps the window's reset as a time to retry; only a 429
   * (or a success that spent the window) means waiting for it. */
  if (node == NULL && !g_error_matches (local, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_RATE_LIMITED))
    lineup_publisher_set_retry_at (run->publisher, 0);
  if (local)
    g_propagate_error (error, g_steal_pointer (&local));
  return node;
}

/* A read, tried again with backoff (half to all of base << attempt) while
 * the server fails or does not answer. */
static JsonNode *
read_retrying (Run         *run,
               const char  *path,
               const char  *what,
               GError     **error)
{
  for (guint attempt = 0; ; attempt++)
    {
      g_autoptr(GError) local = NULL;
      JsonNode *node = read_once (run, path, what, &local);

      if (node)
        return node;
      if (attempt < MAX_RETRIES && g_error_matches (local, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_TRANSIENT))
        {
          gint64 ms = (retry_base_ms () << attempt) * (0.5 + g_random_double () / 2);

          if (g_cancellable_is_cancelled (run->cancellable))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return NULL;
            }
          g_usleep ((gulong) MIN (ms, 60 * 1000) * 1000);
          continue;
        }
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
}

static char *
format_local (gint64 utc)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (utc);

  return at ? g_date_time_format (at, "%Y-%m-%d %H:%M") : g_strdup ("?");
}

static const char *
network_label (const LineupAccount *account)
{
  return lineup_account_kind_to_label (account->kind);
}

/* A failure reading @target (NULL: the account's followers); @left: the
 * targets not read yet, counting this one. */
static void
fail (Run          *run,
      const Target *target,
      const GError *error,
      guint         left)
{
  LineupResultsFetchReport *report = run->report;
  const char *name = run->account->name;
  g_autofree char *post = target ? g_strdup_printf (_("post “%s” (%.8s)"), target->title, target->post_id) : NULL;

  if (g_error_matches (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_RATE_LIMITED))
    {
      gint64 at = lineup_publisher_get_retry_at (run->publisher);
      g_autofree char *when = NULL;

      if (at <= run->now)
        at = run->now + 60;
      when = format_local (at);
      report->retry_at = MAX (report->retry_at, at);
      report->failed += left;
      g_ptr_array_add (report->problems,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "%s (%s) asks Lineup to slow down: %u post not read; try again after %s",
                                                     "%s (%s) asks Lineup to slow down: %u posts not read; try again after %s",
                                                     left),
                                        name, network_label (run->account), left, when));
      run->stopped = TRUE;
    }
  else if (g_error_matches (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_AUTH))
    {
      report->failed += left;
      g_ptr_array_add (report->problems,
                       g_strdup_printf (_("%s (%s): %s. Sign in again with “lineup account renew %s”, then read the results again"),
                                        name, network_label (run->account), error->message, name));
      run->stopped = TRUE;
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      report->failed += left;
      run->stopped = TRUE;
    }
  else
    {
      report->failed += target ? 1 : 0;
      g_ptr_array_add (report->problems,
                       post ? g_strdup_printf (_("%s (%s), %s: %s"), name, network_label (run->account), post, error->message)
                            : g_strdup_printf (_("%s (%s), its followers: %s"), name, network_label (run->account),
                                               error->message));
      if (target && ++run->failures >= MAX_FAILURES_IN_A_ROW && left > 1)
        {
          report->failed += left - 1;
          g_ptr_array_add (report->problems,
                           g_strdup_printf (_("%s (%s) keeps failing: %u more posts not read; try again later"),
                                            name, network_label (run->account), left - 1));
          run->stopped = TRUE;
        }
    }
}

static void
note_gone (Run    *run,
           Target *target)
{
  run->report->not_found++;
  g_ptr_array_add (run->gone, target);
  g_ptr_array_add (run->report->notes,
                   g_strdup_printf (_("“%s” (%.8s) is no longer on %s (%s): deleted there? It is not read again when due"),
                                    target->title, target->post_id, run->account->name, network_label (run->account)));
}

static void
keep (Run                  *run,
      Target               *target,
      LineupResultSnapshot *counts)
{
  LineupResultSnapshot *snapshot = lineup_result_snapshot_copy (counts);

  g_free (snapshot->post_id);
  snapshot->post_id = g_strdup (target->post_id);
  g_free (snapshot->network);
  snapshot->network = g_strdup (lineup_account_kind_to_key (run->account->kind));
  g_free (snapshot->source);
  snapshot->source = g_strdup (snapshot->network);
  snapshot->taken_at = run->now;
  snapshot->followers = run->followers;
  g_ptr_array_add (run->snapshots, snapshot);
  run->failures = 0;
  run->report->read++;
  if (run->account->kind == LINEUP_ACCOUNT_MASTODON)
    run->report->mastodon++;
  else
    run->report->bluesky++;
  if (target->gone)
    g_ptr_array_add (run->found, target);
}

static void
read_followers (Run   *run,
                guint  n_targets)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (run->account->kind == LINEUP_ACCOUNT_MASTODON)
    root = read_retrying (run, "/api/v1/accounts/verify_credentials", _("read the account’s followers"), &error);
  else
    {
      g_autofree char *actor = lineup_http_escape (run->account->remote_user ? run->account->remote_user
                                                                               : run->account->handle);
      g_autofree char *path = g_strconcat ("app.bsky.actor.getProfile?actor=", actor, NULL);

      root = read_retrying (run, path, _("read the account’s followers"), &error);
    }
  if (root)
    run->followers = lineup_results_parse_followers (root);
  else if (!g_error_matches (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_TRANSIENT) &&
           !g_error_matches (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_REJECTED))
    fail (run, NULL, error, n_targets);   /* rate limit, secret refused: the posts would fail alike */
}

static void
read_mastodon (Run       *run,
               GPtrArray *targets)
{
  for (guint i = 0; i < targets->len && !run->stopped; i++)
    {
      Target *target = g_ptr_array_index (targets, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(LineupResultSnapshot) counts = lineup_result_snapshot_new (NULL, NULL, 0, NULL);
      g_autofree char *escaped = NULL;
      g_autofree char *path = NULL;

      if (target->remote_id == NULL)
        {
          g_set_error (&error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_INVALID,
                       _("Lineup does not know its id on the server: set its address with “lineup post url” and import its numbers"));
          fail (run, target, error, targets->len - i);
          continue;
        }
      escaped = lineup_http_escape (target->remote_id);
      path = g_strconcat ("/api/v1/statuses/", escaped, NULL);
      root = read_retrying (run, path, _("read a post’s numbers"), &error);
      if (root == NULL && g_error_matches (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_NOT_FOUND))
        note_gone (run, target);
      else if (root == NULL)
        fail (run, target, error, targets->len - i);
      else if (!lineup_results_parse_mastodon_status (root, counts))
        {
          g_set_error (&error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_TRANSIENT,
                       _("the server answered without the post’s counts; try again later"));
          fail (run, target, error, targets->len - i);
        }
      else
        keep (run, target, counts);
    }
}

static void
read_bluesky (Run       *run,
              GPtrArray *targets)
{
  for (guint start = 0; start < targets->len && !run->stopped; start += LINEUP_RESULTS_FETCH_BATCH)
    {
      guint end = MIN (start + LINEUP_RESULTS_FETCH_BATCH, targets->len);
      g_autoptr(GString) path = g_string_new ("app.bsky.feed.getPosts");
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(GHashTable) found = NULL;
      guint asked = 0;

      for (guint i = start; i < end; i++)
        {
          Target *target = g_ptr_array_index (targets, i);
          g_autofree char *escaped = NULL;

          if (target->remote_id == NULL)
            {
              g_autoptr(GError) unknown = NULL;

              g_set_error (&unknown, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_INVALID,
                           _("Lineup does not know its address on Bluesky: set it with “lineup post url” and import its numbers"));
              fail (run, target, unknown, 1);
              continue;
            }
          escaped = lineup_http_escape (target->remote_id);
          g_string_append_printf (path, "%curis=%s", asked++ ? '&' : '?', escaped);
        }
      if (asked == 0)
        continue;
      root = read_retrying (run, path->str, _("read the posts’ numbers"), &error);
      if (root && (found = lineup_results_parse_bluesky_posts (root)) == NULL)
        g_set_error (&error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_TRANSIENT,
                     _("the server answered without the posts’ counts; try again later"));
      for (guint i = start; i < end && !run->stopped; i++)
        {
          Target *target = g_ptr_array_index (targets, i);
          LineupResultSnapshot *counts;

          if (target->remote_id == NULL)
            continue;
          if (found == NULL)
            {
              /* The batch failed as one: said once, with its first post. */
              fail (run, target, error, targets->len - i);
              if (!run->stopped)
                run->report->failed += asked - 1;
              break;
            }
          else if ((counts = g_hash_table_lookup (found, target->remote_id)) != NULL)
            keep (run, target, counts);
          else
            note_gone (run, target);   /* getPosts leaves out what is deleted */
        }
    }
}

/* What @run read and found gone, in one transaction. */
static gboolean
save (Run     *run,
      GError **error)
{
  static const char gone_sql[] = "INSERT OR REPLACE INTO results_gone (post_id, network, at) VALUES (?, ?, ?)";
  static const char found_sql[] = "DELETE FROM results_gone WHERE post_id = ? AND network = ?";
  const char *network = lineup_account_kind_to_key (run->account->kind);

  if (run->snapshots->len == 0 && run->gone->len == 0)
    return TRUE;
  if (!_lineup_store_begin_publishing (run->store, error))
    return FALSE;
  for (guint pass = 0; pass < 2; pass++)
    {
      GPtrArray *list = pass == 0 ? run->gone : run->found;

      for (guint i = 0; i < list->len; i++)
        {
          const Target *target = g_ptr_array_index (list, i);
          sqlite3_stmt *stmt = _lineup_store_prepare (run->store, pass == 0 ? gone_sql : found_sql, error);

          if (stmt == NULL)
            return _lineup_store_end_publishing (run->store, FALSE, NULL);
          sqlite3_bind_text (stmt, 1, target->post_id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 2, network, -1, SQLITE_STATIC);
          if (pass == 0)
            sqlite3_bind_int64 (stmt, 3, run->now);
          if (!_lineup_store_step_done (run->store, stmt, _("note a post the network no longer has"), error))
            return _lineup_store_end_publishing (run->store, FALSE, NULL);
        }
    }
  if (!lineup_store_add_results (run->store, run->snapshots, error))
    return _lineup_store_end_publishing (run->store, FALSE, NULL);
  return _lineup_store_end_publishing (run->store, TRUE, error);
}

static void
read_account (LineupStore              *store,
              LineupSecrets            *secrets,
              LineupHttp               *http,
              LineupAccount            *account,
              GPtrArray                *targets,
              gint64                    now,
              LineupResultsFetchReport *report,
              GCancellable             *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPublisher) publisher = lineup_account_build_publisher (account, http, secrets, &error);
  g_autoptr(GPtrArray) snapshots = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_result_snapshot_free);
  g_autoptr(GPtrArray) gone = g_ptr_array_new ();
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  Run run = { store, account, publisher, report, cancellable, now, LINEUP_RESULT_UNKNOWN, snapshots, gone, found };

  if (publisher == NULL)
    {
      report->failed += targets->len;
      g_ptr_array_add (report->problems,
                       g_strdup_printf (_("%s (%s): %s"), account->name, network_label (account), error->message));
      return;
    }
  read_followers (&run, targets->len);
  if (!run.stopped && account->kind == LINEUP_ACCOUNT_MASTODON)
    read_mastodon (&run, targets);
  else if (!run.stopped)
    read_bluesky (&run, targets);
  if (!save (&run, &error))
    {
      report->failed += snapshots->len;
      report->read -= snapshots->len;
      g_ptr_array_add (report->problems,
                       g_strdup_printf (_("%s (%s): what was read could not be kept: %s"),
                                        account->name, network_label (account), error->message));
    }
}

gboolean
lineup_results_fetch (LineupStore               *store,
                      LineupSecrets             *secrets,
                      LineupHttp                *http,
                      const char                *post_id,
                      LineupResultsFetchFlags    flags,
                      gint64                     now,
                      LineupResultsFetchReport  *report,
                      GCancellable              *cancellable,
                      GError                   **error)
{
  g_autoptr(LineupPost) post = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GPtrArray) accounts = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (store), FALSE);
  g_return_val_if_fail (LINEUP_IS_SECRETS (secrets), FALSE);
  g_return_val_if_fail (LINEUP_IS_HTTP (http), FALSE);
  g_return_val_if_fail (report != NULL && report->problems != NULL, FALSE);

  if (post_id && (post = lineup_store_get_post (store, post_id, error)) == NULL)
    return FALSE;
  if ((targets = load_targets (store, post ? lineup_post_get_id (post) : NULL, flags, now, error)) == NULL)
    return FALSE;
  if (post && targets->len == 0 && !(flags & LINEUP_RESULTS_FETCH_DUE))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND,
                   _("“%s” (%.8s) was not published to a Mastodon or Bluesky account of the plan: nothing to read. "
                     "For another network, import its numbers with “lineup results import FILE”"),
                   lineup_post_get_title (post), lineup_post_get_id (post));
      return FALSE;
    }
  if (targets->len == 0)
    return TRUE;
  if ((accounts = lineup_store_get_accounts (store, error)) == NULL)
    return FALSE;
  for (guint a = 0; a < accounts->len; a++)
    {
      LineupAccount *account = g_ptr_array_index (accounts, a);
      g_autoptr(GPtrArray) mine = g_ptr_array_new ();

      for (guint i = 0; i < targets->len; i++)
        {
          Target *target = g_ptr_array_index (targets, i);

          if (g_str_equal (target->account_id, account->id))
            g_ptr_array_add (mine, target);
        }
      if (mine->len > 0)
        read_account (store, secrets, http, account, mine, now, report, cancellable);
    }
  return TRUE;
}

/* ---- in the app ---- */

static void
fetch_due_thread (GTask        *task,
                  gpointer      source,
                  gpointer      data,
                  GCancellable *cancellable)
{
  const char *path = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupStore) store = lineup_plan_open (path, &error);
  g_autoptr(LineupSecrets) secrets = NULL;
  g_autoptr(LineupHttp) http = NULL;
  g_autoptr(GPtrArray) due = NULL;
  LineupResultsFetchReport report;
  gint64 now = lineup_sync_now ();
  int read;

  if (store == NULL ||
      (due = load_targets (store, NULL, LINEUP_RESULTS_FETCH_DUE, now, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* Nothing due: the keyring is not even asked. */
  if (due->len == 0)
    {
      g_task_return_int (task, 0);
      return;
    }
  if ((secrets = lineup_secrets_new (&error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  http = lineup_http_new ();
  lineup_results_fetch_report_init (&report);
  if (!lineup_results_fetch (store, secrets, http, NULL, LINEUP_RESULTS_FETCH_DUE, now, &report, cancellable, &error))
    {
      lineup_results_fetch_report_clear (&report);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < report.problems->len; i++)
    g_message ("Results: %s", (const char *) g_ptr_array_index (report.problems, i));
  read = (int) (report.read + report.not_found);
  lineup_results_fetch_report_clear (&report);
  g_task_return_int (task, read);
}

void
lineup_results_fetch_due_async (const char          *path,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, callback, user_data);

  g_return_if_fail (path != NULL);
  g_task_set_source_tag (task, lineup_results_fetch_due_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, fetch_due_thread);
}

int
lineup_results_fetch_due_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), -1);
  return (int) g_task_propagate_int (G_TASK (result), error);
}
