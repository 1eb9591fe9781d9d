/* lineup-store-schema.c: the plan's schema: the migrations, one per version,
 * and opening a file (creating, backing up and migrating it). Nothing that
 * reads or writes a plan's content.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <unistd.h>

#include "lineup-store-private.h"

/* ---- schema ---- */

/* migrations[N] takes a database from version N to N+1. Never edit one that
 * has shipped; append a new one and raise LINEUP_SCHEMA_VERSION. */
static const char * const migrations[] = {
  /* 0 → 1: the first plan schema. */
  "CREATE TABLE meta ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"
  "CREATE TABLE pillars ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
  "  color TEXT NOT NULL CHECK (color GLOB '#[0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f]'),"
  "  target REAL CHECK (target IS NULL OR (target >= 0 AND target <= 100)),"
  "  position INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE content_types ("
  "  id INTEGER PRIMARY KEY,"
  "  key TEXT UNIQUE,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
  "  target_min REAL,"
  "  target_max REAL,"
  "  position INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE campaigns ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
  "  color TEXT NOT NULL,"
  "  starts_on TEXT NOT NULL,"
  "  ends_on TEXT NOT NULL CHECK (ends_on >= starts_on)"
  ");"
  "CREATE TABLE posts ("
  "  id TEXT NOT NULL,"
  "  title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),"
  "  body TEXT NOT NULL DEFAULT '' CHECK (length(body) <= 65536),"
  "  pillar_id INTEGER NOT NULL REFERENCES pillars(id),"
  "  type_id INTEGER NOT NULL REFERENCES content_types(id),"
  "  stage INTEGER NOT NULL CHECK (stage BETWEEN 0 AND 5),"
  "  platforms TEXT NOT NULL DEFAULT '',"
  /* The scheduled instant (UTC seconds), or the largest integer for an
   * undated idea: part of the primary key, so the table itself is ordered by
   * time and a month is one contiguous range scan. */
  "  slot INTEGER NOT NULL,"
  "  campaign_id INTEGER REFERENCES campaigns(id) ON DELETE SET NULL,"
  "  goal TEXT, audience TEXT, key_message TEXT, call_to_action TEXT,"
  "  hashtags TEXT, owner TEXT, due_on TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  revision INTEGER NOT NULL DEFAULT 1,"
  "  deleted_at INTEGER,"
  "  PRIMARY KEY (slot, created_at, id)"
  ") WITHOUT ROWID;"
  "CREATE UNIQUE INDEX posts_by_id ON posts(id);"
  "CREATE INDEX posts_by_pillar ON posts(pillar_id);"
  "CREATE INDEX posts_by_type ON posts(type_id);"
  "CREATE TABLE stage_history ("
  "  id INTEGER PRIMARY KEY,"
  "  post_id TEXT NOT NULL REFERENCES posts(id),"
  "  from_stage INTEGER,"
  "  to_stage INTEGER NOT NULL,"
  "  actor TEXT NOT NULL,"
  "  at INTEGER NOT NULL,"
  "  comment TEXT"
  ");"
  "CREATE INDEX stage_history_by_post ON stage_history(post_id, id);"
  "INSERT INTO content_types (key, name, target_min, target_max, position) VALUES"
  "  ('educational', 'Educational', 40, 50, 0),"
  "  ('narrative', 'Narrative', 20, 30, 1),"
  "  ('proof', 'Proof', 15, 20, 2),"
  "  ('community', 'Community', 10, 15, 3),"
  "  ('promotional', 'Promotional', 0, 10, 4);"
  "INSERT INTO meta (key, value) VALUES ('default_time', '540');",

  /* 1 → 2: the workflow: team, approval chain, checklist, approvals, and
   * history lines of every kind (approvals, comments, ticks, edits). */
  "ALTER TABLE stage_history ADD COLUMN kind TEXT NOT NULL DEFAULT 'stage';"
  "CREATE TABLE team ("
  "  name TEXT PRIMARY KEY COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 100),"
  "  role TEXT NOT NULL CHECK (role IN ('lead', 'editor', 'approver')),"
  "  position INTEGER NOT NULL"
  ");"
  "CREATE TABLE approval_steps ("
  "  position INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),"
  "  mode TEXT NOT NULL CHECK (mode IN ('any', 'all'))"
  ");"
  "CREATE TABLE approval_step_members ("
  "  step INTEGER NOT NULL REFERENCES approval_steps(position) ON DELETE CASCADE,"
  "  member TEXT NOT NULL REFERENCES team(name) COLLATE NOCASE,"
  "  PRIMARY KEY (step, member)"
  ") WITHOUT ROWID;"
  "CREATE TABLE checklist ("
  "  id INTEGER PRIMARY KEY,"
  "  text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 300),"
  "  position INTEGER NOT NULL"
  ");"
  "CREATE TABLE post_checks ("
  "  post_id TEXT NOT NULL REFERENCES posts(id),"
  "  item_id INTEGER NOT NULL REFERENCES checklist(id) ON DELETE CASCADE,"
  "  actor TEXT NOT NULL,"
  "  at INTEGER NOT NULL,"
  "  PRIMARY KEY (post_id, item_id)"
  ") WITHOUT ROWID;"
  /* An approval counts while the post's content still has the key it was
   * given for and no request for changes revoked it. */
  "CREATE TABLE approvals ("
  "  id INTEGER PRIMARY KEY,"
  "  post_id TEXT NOT NULL REFERENCES posts(id),"
  "  step INTEGER NOT NULL,"
  "  actor TEXT NOT NULL,"
  "  at INTEGER NOT NULL,"
  "  content_key TEXT NOT NULL,"
  "  revoked INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX approvals_by_post ON approvals(post_id, revoked);"
  "CREATE TABLE approved_versions ("
  "  post_id TEXT PRIMARY KEY REFERENCES posts(id),"
  "  revision INTEGER NOT NULL,"
  "  at INTEGER NOT NULL,"
  "  title TEXT NOT NULL,"
  "  body TEXT NOT NULL,"
  "  platforms TEXT NOT NULL"
  ") WITHOUT ROWID;"
  "CREATE INDEX history_by_kind ON stage_history(post_id, kind);"
  "INSERT INTO checklist (text, position) VALUES"
  "  ('One clear next step or call to action for the audience', 0),"
  "  ('Accessible: alt text for images, subtitles for video', 1),"
  "  ('Advertising or partnership labelled where it is one', 2),"
  "  ('Tracked links carry UTM parameters', 3),"
  "  ('Someone is named to answer comments after it goes out', 4);",

  /* 2 → 3: feeds, saved definitions of where the plan is published as
   * iCalendar, with what their destination last said (no passwords). */
  "CREATE TABLE feeds ("
  "  name TEXT PRIMARY KEY COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 100),"
  "  kind TEXT NOT NULL CHECK (kind IN ('file', 'webdav', 'caldav')),"
  "  target TEXT NOT NULL,"
  "  username TEXT,"
  "  filter TEXT NOT NULL DEFAULT '',"
  "  days_back INTEGER NOT NULL DEFAULT 30,"
  "  days_ahead INTEGER NOT NULL DEFAULT 180,"
  "  privacy TEXT NOT NULL DEFAULT 'titles',"
  "  duration INTEGER NOT NULL DEFAULT 30,"
  "  refresh INTEGER NOT NULL DEFAULT 60,"
  "  local_time INTEGER NOT NULL DEFAULT 0,"
  "  auto_publish INTEGER NOT NULL DEFAULT 0,"
  "  etag TEXT,"
  "  last_at INTEGER,"
  "  last_items INTEGER,"
  "  last_error TEXT"
  ");"
  "CREATE TABLE feed_items ("
  "  feed TEXT NOT NULL REFERENCES feeds(name) ON DELETE CASCADE,"
  "  uid TEXT NOT NULL,"
  "  href TEXT NOT NULL,"
  "  etag TEXT,"
  "  content_hash TEXT NOT NULL,"
  "  PRIMARY KEY (feed, uid)"
  ") WITHOUT ROWID;",

  /* 3 → 4: overlay calendars: other people's calendars shown read-only
   * beside the plan, with the last good copy kept for offline. */
  "CREATE TABLE overlays ("
  "  name TEXT PRIMARY KEY COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 100),"
  "  source TEXT NOT NULL,"
  "  color TEXT NOT NULL DEFAULT '#9a9996',"
  "  enabled INTEGER NOT NULL DEFAULT 1,"
  "  refresh_hours INTEGER NOT NULL DEFAULT 12,"
  "  cache TEXT,"
  "  fetched_at INTEGER,"
  "  last_error TEXT"
  ");",

  /* 4 → 5: publishing. Accounts (never their secrets: those live in the
   * Secret Service), which accounts each post goes to, the outbox of remote
   * changes written in the same transaction as the local change that causes
   * them, each post's sync state per account, and a log of results. */
  "CREATE TABLE accounts ("
  "  id TEXT PRIMARY KEY,"
  "  kind TEXT NOT NULL CHECK (kind IN ('mastodon', 'bluesky', 'webhook')),"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 100),"
  "  endpoint TEXT NOT NULL,"
  "  handle TEXT,"
  "  remote_user TEXT,"
  "  client_id TEXT,"
  "  text_limit INTEGER NOT NULL DEFAULT 0,"
  "  url_length INTEGER NOT NULL DEFAULT 0,"
  "  problem TEXT,"
  "  created_at INTEGER NOT NULL"
  ");"
  "CREATE TABLE post_targets ("
  "  post_id TEXT NOT NULL REFERENCES posts(id),"
  "  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
  "  PRIMARY KEY (post_id, account_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX post_targets_by_account ON post_targets(account_id);"
  "CREATE TABLE outbox ("
  "  id INTEGER PRIMARY KEY,"
  "  post_id TEXT NOT NULL,"
  "  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
  "  op TEXT NOT NULL CHECK (op IN ('create', 'move', 'replace', 'cancel', 'publish')),"
  "  created_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX outbox_by_target ON outbox(post_id, account_id, id);"
  "CREATE TABLE publish_state ("
  "  post_id TEXT NOT NULL,"
  "  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
  "  state TEXT NOT NULL CHECK (state IN ('pending', 'synced', 'published', 'failed', 'conflict')),"
  "  remote_id TEXT,"
  "  remote_at INTEGER,"
  "  remote_text TEXT,"
  "  pending_key TEXT,"
  "  url TEXT,"
  "  message TEXT,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  next_attempt_at INTEGER NOT NULL DEFAULT 0,"
  "  updated_at INTEGER NOT NULL,"
  "  PRIMARY KEY (post_id, account_id)"
  ") WITHOUT ROWID;"
  "CREATE TABLE publish_log ("
  "  id INTEGER PRIMARY KEY,"
  "  at INTEGER NOT NULL,"
  "  post_id TEXT NOT NULL,"
  "  account_id TEXT NOT NULL,"
  "  action TEXT NOT NULL,"
  "  ok INTEGER NOT NULL,"
  "  message TEXT"
  ");",

  /* 5 → 6: a plan shared through a CalDAV server (docs/sharing.md): where
   * and as whom (one row), the queue of local changes still to send
   * (written in the same transaction as the change; a change queued again
   * gets a new seq but keeps its place), what the server last gave for
   * each resource (the base of a merge), the conflicts, the targets and
   * publishing states of accounts other machines hold, the notices shown,
   * and the team's display names. */
  "CREATE TABLE share ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  url TEXT NOT NULL,"
  "  login TEXT NOT NULL,"
  "  approvals_url TEXT,"
  "  machine TEXT NOT NULL,"
  "  token TEXT,"
  "  approvals_token TEXT,"
  "  last_pass_at INTEGER NOT NULL DEFAULT 0,"
  "  last_error TEXT,"
  "  last_error_at INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE share_queue ("
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  kind TEXT NOT NULL CHECK (kind IN ('post', 'plan', 'team', 'approval')),"
  "  key TEXT NOT NULL,"
  "  place INTEGER NOT NULL,"
  "  UNIQUE (kind, key)"
  ");"
  "CREATE TABLE share_resources ("
  "  collection TEXT NOT NULL CHECK (collection IN ('plan', 'approvals')),"
  "  uid TEXT NOT NULL,"
  "  href TEXT NOT NULL,"
  "  etag TEXT,"
  "  base TEXT,"
  "  PRIMARY KEY (collection, uid)"
  ") WITHOUT ROWID;"
  "CREATE INDEX share_resources_by_href ON share_resources(collection, href);"
  "CREATE TABLE share_conflicts ("
  "  post_id TEXT NOT NULL,"
  "  field TEXT NOT NULL,"
  "  value TEXT NOT NULL,"
  "  by TEXT,"
  "  PRIMARY KEY (post_id, field)"
  ") WITHOUT ROWID;"
  "CREATE TABLE share_targets ("
  "  post_id TEXT NOT NULL,"
  "  key TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  PRIMARY KEY (post_id, key)"
  ") WITHOUT ROWID;"
  "CREATE TABLE share_publish ("
  "  post_id TEXT NOT NULL,"
  "  key TEXT NOT NULL,"
  "  value TEXT NOT NULL,"
  "  PRIMARY KEY (post_id, key)"
  ") WITHOUT ROWID;"
  "CREATE TABLE share_notices ("
  "  key TEXT PRIMARY KEY,"
  "  at INTEGER NOT NULL"
  ") WITHOUT ROWID;"
  "ALTER TABLE team ADD COLUMN display_name TEXT;",

  /* 6 → 7: snippets: saved hashtag groups, sign-offs and caption
   * templates (a template may be for one content type; NULL: any), which
   * the editor inserts into a caption. */
  "CREATE TABLE snippets ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 60),"
  "  kind TEXT NOT NULL CHECK (kind IN ('hashtags', 'signoff', 'template')),"
  "  type_id INTEGER REFERENCES content_types(id) ON DELETE SET NULL,"
  "  text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 2000)"
  ");",

  /* 7 → 8: posting slots: the weekly times a team posts at on a network
   * (weekday 1 = Monday, minutes after local midnight in the plan's zone).
   * No uniqueness in the table: undo restores rows by id, and the store
   * drops repeats when it reads them. */
  "CREATE TABLE slots ("
  "  id INTEGER PRIMARY KEY,"
  "  platform TEXT NOT NULL,"
  "  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),"
  "  minutes INTEGER NOT NULL CHECK (minutes BETWEEN 0 AND 1439)"
  ");",

  /* 8 → 9: recurring series: a series' rule (lineup-series.h's text) by its uid,
   * and each occurrence post's link to its series and the local date it
   * stands for (own: edited as "this one", not a template for the next). */
  "CREATE TABLE series ("
  "  id INTEGER PRIMARY KEY,"
  "  uid TEXT NOT NULL UNIQUE,"
  "  rule TEXT NOT NULL"
  ");"
  "CREATE TABLE series_posts ("
  "  id INTEGER PRIMARY KEY,"
  "  post_id TEXT NOT NULL UNIQUE,"
  "  series_uid TEXT NOT NULL,"
  "  occurs_on TEXT NOT NULL,"
  "  own INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX series_posts_by_series ON series_posts(series_uid, occurs_on);",

  /* 9 → 10: the month skeleton: an overlay marked blackout (a holiday
   * calendar, a launch freeze) keeps "Plan This Month" off its days. */
  "ALTER TABLE overlays ADD COLUMN blackout INTEGER NOT NULL DEFAULT 0;",

  /* 10 → 11: evergreen reuse and repurposing: the post a copy was made from
   * (source_id), and a post's evergreen mark ("MIN_GAP_DAYS[ UNTIL]"). */
  "ALTER TABLE posts ADD COLUMN source_id TEXT;"
  "ALTER TABLE posts ADD COLUMN evergreen TEXT;"
  "CREATE INDEX posts_by_source ON posts(source_id) WHERE source_id IS NOT NULL;",

  /* 11 → 12: a campaign's own utm_campaign for its posts' links (NULL: its
   * name, cleaned; lineup-store-utm.h). A plan that already has posts
   * keeps sending its links as written until UTM tagging is turned on:
   * tagging them now would re-create every scheduled post with a link on
   * its server. A new plan tags from the start. */
  "ALTER TABLE campaigns ADD COLUMN utm_campaign TEXT"
  "  CHECK (utm_campaign IS NULL OR length(utm_campaign) BETWEEN 1 AND 200);"
  "INSERT OR REPLACE INTO meta (key, value) SELECT 'utm_enabled', '0' WHERE EXISTS (SELECT 1 FROM posts);",

  /* 12 → 13: results of published posts: snapshots of a post's counts per network
   * over time (NULL: the network does not say; lineup-results.h), and the
   * URL of a post published outside Lineup (lineup post url). */
  "CREATE TABLE results ("
  "  id INTEGER PRIMARY KEY,"
  "  post_id TEXT NOT NULL,"
  "  network TEXT NOT NULL,"
  "  taken_at INTEGER NOT NULL,"
  "  replies INTEGER CHECK (replies IS NULL OR replies >= 0),"
  "  reposts INTEGER CHECK (reposts IS NULL OR reposts >= 0),"
  "  likes INTEGER CHECK (likes IS NULL OR likes >= 0),"
  "  quotes INTEGER CHECK (quotes IS NULL OR quotes >= 0),"
  "  saves INTEGER CHECK (saves IS NULL OR saves >= 0),"
  "  clicks INTEGER CHECK (clicks IS NULL OR clicks >= 0),"
  "  impressions INTEGER CHECK (impressions IS NULL OR impressions >= 0),"
  "  source TEXT NOT NULL CHECK (source IN ('mastodon', 'bluesky', 'import'))"
  ");"
  "CREATE INDEX results_by_post ON results(post_id, network, taken_at);"
  "CREATE TABLE post_urls ("
  "  post_id TEXT PRIMARY KEY,"
  "  url TEXT NOT NULL"
  ") WITHOUT ROWID;",

  /* 13 → 14: results read from Mastodon and Bluesky (lineup-results-fetch.h):
   * the account's followers when a snapshot was taken (engagement per
   * follower), and the posts a network no longer has (deleted there: not
   * read again when due). */
  "ALTER TABLE results ADD COLUMN followers INTEGER CHECK (followers IS NULL OR followers >= 0);"
  "CREATE TABLE results_gone ("
  "  post_id TEXT NOT NULL,"
  "  network TEXT NOT NULL,"
  "  at INTEGER NOT NULL,"
  "  PRIMARY KEY (post_id, network)"
  ") WITHOUT ROWID;",
  /* 14 → 15: per-network caption variants: a JSON object of platform key to
   * the caption sent there instead of the main one (lineup-post.h), on the
   * post and on its approved version. */
  "ALTER TABLE posts ADD COLUMN captions TEXT;"
  "ALTER TABLE approved_versions ADD COLUMN captions TEXT;",
  /* 15 → 16: media on posts (lineup-store-media.h). Each file in the plan's
   * media folder once, by its SHA-256 (images, videos and subtitles files);
   * a post's ordered list of them with alt text, a video's subtitles file
   * and its "no subtitles needed" mark, and the name it was attached as. */
  "CREATE TABLE media ("
  "  sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),"
  "  mime TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('image', 'video', 'subtitles')),"
  "  size INTEGER NOT NULL CHECK (size >= 0),"
  "  width INTEGER NOT NULL DEFAULT 0,"
  "  height INTEGER NOT NULL DEFAULT 0,"
  "  duration_ms INTEGER NOT NULL DEFAULT 0"
  ") WITHOUT ROWID;"
  "CREATE TABLE post_media ("
  "  id INTEGER PRIMARY KEY,"
  "  post_id TEXT NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  sha256 TEXT NOT NULL,"
  "  alt TEXT NOT NULL DEFAULT '',"
  "  subtitles TEXT,"
  "  no_subtitles INTEGER NOT NULL DEFAULT 0,"
  "  name TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE INDEX post_media_by_post ON post_media(post_id, position);",
  /* 16 → 17: a Mastodon instance's own media limits (GET /api/v2/instance:
   * max_media_attachments and configuration.media_attachments), as JSON,
   * read when the account is added or refreshed (lineup-post-check.h). */
  "ALTER TABLE accounts ADD COLUMN media_limits TEXT;",
  /* 17 → 18: how large a medium a webhook carries the bytes of (base64, in
   * its payload); larger ones are only listed. 0: never. Like the rest of an
   * account, it stays on this machine. */
  "ALTER TABLE accounts ADD COLUMN media_bytes INTEGER NOT NULL DEFAULT 5000000 CHECK (media_bytes >= 0);",
  /* 18 → 19: a post's content warning (Mastodon's spoiler_text: shown
   * before the caption and media, which stay hidden until asked for), on
   * the post and on its approved version; NULL when it has none. */
  "ALTER TABLE posts ADD COLUMN content_warning TEXT;"
  "ALTER TABLE approved_versions ADD COLUMN content_warning TEXT;",
  /* 19 → 20: the Mastodon media ids of each post on each account
   * (lineup-publish-store.h): uploaded once, used again when a scheduled
   * status is made again, and the description the server has, so an alt
   * text edit goes out as PUT /api/v1/media/:id (the outbox's new
   * "describe"). Media of statuses scheduled before this are known by
   * their file and alt text but not their id (media_id NULL). */
  "CREATE TABLE remote_media ("
  "  id INTEGER PRIMARY KEY,"
  "  post_id TEXT NOT NULL,"
  "  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
  "  sha256 TEXT NOT NULL,"
  "  alt TEXT NOT NULL DEFAULT '',"
  "  media_id TEXT,"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  attached INTEGER NOT NULL DEFAULT 0,"
  "  uploaded_at INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX remote_media_by_target ON remote_media(post_id, account_id);"
  "INSERT INTO remote_media (post_id, account_id, sha256, alt, media_id, position, attached) "
  "  SELECT s.post_id, s.account_id, pm.sha256, pm.alt, NULL, pm.position, 1 FROM publish_state s "
  "  JOIN accounts a ON a.id = s.account_id AND a.kind = 'mastodon' "
  "  JOIN post_media pm ON pm.post_id = s.post_id WHERE s.remote_id IS NOT NULL;"
  "CREATE TABLE outbox_new ("
  "  id INTEGER PRIMARY KEY,"
  "  post_id TEXT NOT NULL,"
  "  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
  "  op TEXT NOT NULL CHECK (op IN ('create', 'move', 'replace', 'cancel', 'publish', 'describe')),"
  "  created_at INTEGER NOT NULL"
  ");"
  "INSERT INTO outbox_new (id, post_id, account_id, op, created_at) "
  "  SELECT id, post_id, account_id, op, created_at FROM outbox;"
  "DROP TABLE outbox;"
  "ALTER TABLE outbox_new RENAME TO outbox;"
  "CREATE INDEX outbox_by_target ON outbox(post_id, account_id, id);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == LINEUP_SCHEMA_VERSION);

/* ---- opening and migrating ---- */

static int
read_user_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

static int
count_tables (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int n = -1;

  if (sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_master", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* A plan holds unreleased captions and the team's names: a new plan or
 * backup is made readable by its owner alone (0600; SQLite would make it
 * 0644, and gives the -wal and -shm files the main file's mode). An existing
 * file keeps the mode its owner gave it. Failures are left for SQLite's
 * open to report. */
static void
create_private_file (const char *path)
{
  int fd;

  do
    fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  while (fd < 0 && errno == EINTR);
  if (fd >= 0)
    close (fd);
}

/* Copies the whole database (WAL content included) with SQLite's backup API,
 * so the copy is consistent even if the file is in use. */
static gboolean
backup_database (sqlite3     *db,
                 const char  *path,
                 int          version,
                 GError     **error)
{
  g_autofree char *backup_path = g_strdup_printf ("%s.bak-v%d", path, version);
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  create_private_file (backup_path);
  if (sqlite3_open_v2 (backup_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_IO,
                   _("Could not create the backup “%s” before upgrading the plan: %s. The plan was not changed."),
                   backup_path, sqlite3_errmsg (dest));
      sqlite3_close (dest);
      return FALSE;
    }

  backup = sqlite3_backup_init (dest, "main", db, "main");
  rc = backup ? sqlite3_backup_step (backup, -1) : sqlite3_errcode (dest);
  if (backup)
    sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_IO,
                   _("Could not write the backup “%s” before upgrading the plan: %s. The plan was not changed."),
                   backup_path, sqlite3_errmsg (dest));
      sqlite3_close (dest);
      return FALSE;
    }

  sqlite3_close (dest);
  return TRUE;
}

gboolean
_lineup_store_migrate (sqlite3     *db,
                       const char  *path,
                       int          from,
                       int          to,
                       GError     **error)
{
  g_autofree char *set_version = NULL;

  if (from > 0 && !backup_database (db, path, from, error))
    return FALSE;

  if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    goto failed;
  for (int v = from; v < to; v++)
    if (sqlite3_exec (db, migrations[v], NULL, NULL, NULL) != SQLITE_OK)
      goto failed;
  set_version = g_strdup_printf ("PRAGMA user_version = %d", to);
  if (sqlite3_exec (db, set_version, NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    goto failed;
  return TRUE;

failed:
  g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_FAILED,
               _("Could not upgrade the plan “%s” from version %d to %d: %s. The plan was left as it was%s."),
               path, from, to, sqlite3_errmsg (db),
               from > 0 ? _(" and a backup is beside it") : "");
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* What the system refused when opening @path failed for want of space,
 * writable storage or permission: said as such, with the plan intact, and
 * TRUE. FALSE (nothing set) for any other failure. */
static gboolean
set_system_error (sqlite3     *db,
                  const char  *path,
                  GError     **error)
{
  int code = sqlite3_errcode (db);
  int cause = sqlite3_system_errno (db);
  const char *detail;

  /* SQLite's last errno may be that of a fallback (a -shm it then tried to
   * open read-only): ask the system whether the file and its folder (where
   * the -wal and -shm go) may be written. */
  if (code == SQLITE_CANTOPEN || code == SQLITE_READONLY || code == SQLITE_PERM || code == SQLITE_IOERR)
    {
      g_autofree char *folder = g_path_get_dirname (path);

      if (access (path, R_OK | W_OK) != 0 || access (folder, W_OK) != 0)
        cause = errno;
    }
  detail = cause ? g_strerror (cause) : sqlite3_errmsg (db);

  if (code == SQLITE_FULL || cause == ENOSPC || cause == EDQUOT || cause == EFBIG)
    g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_IO,
                 _("Could not open the plan “%s”: there is no space left on its disk (%s). The plan itself is intact: free some space and open it again."),
                 path, detail);
  else if (code == SQLITE_READONLY || cause == EROFS)
    g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_IO,
                 _("Could not open the plan “%s”: it is on a read-only file system (%s). The plan itself is intact: make the disk writable, or copy the plan to a writable folder, and open it again."),
                 path, detail);
  else if (code == SQLITE_PERM || cause == EACCES || cause == EPERM)
    g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_IO,
                 _("Could not open the plan “%s”: permission denied (%s). The plan itself is intact: make sure you may read and write the file and its folder, and open it again."),
                 path, detail);
  else
    return FALSE;
  return TRUE;
}

sqlite3 *
_lineup_store_open_database (const char  *path,
                             int         *out_version,
                             GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  sqlite3 *db = NULL;
  int version;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_IO,
                   _("Could not create the folder “%s” for the plan: %s"),
                   dir, g_strerror (saved_errno));
      return NULL;
    }

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_IO,
                   _("“%s” is a folder, not a plan file: give the path of a file, e.g. %s/lineup.db"),
                   path, path);
      return NULL;
    }

  create_private_file (path);
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      if (db == NULL || !set_system_error (db, path, error))
        g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_IO,
                     _("Could not open the plan “%s”: %s"),
                     path, db ? sqlite3_errmsg (db) : g_strerror (ENOMEM));
      sqlite3_close (db);
      return NULL;
    }

  sqlite3_extended_result_codes (db, 0);
  sqlite3_busy_timeout (db, 5000);

  version = read_user_version (db);
  if (version < 0 || count_tables (db) < 0)
    {
      int code = sqlite3_errcode (db);

      /* Only SQLite's verdict on the file's content makes it damaged: a
       * full disk or a read-only mount fails here too (reading a WAL plan
       * needs its -shm), and the advice to restore a backup would throw
       * away good work. */
      if (set_system_error (db, path, error))
        ;
      else if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
        g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_A_PLAN,
                     _("“%s” is not a Lineup plan or is damaged (%s). Lineup left it untouched: open another file with --database, or restore a backup."),
                     path, sqlite3_errmsg (db));
      else
        g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_IO,
                     _("Could not read the plan “%s” (%s): the system failed to read it, which says nothing about the plan itself. Lineup left it untouched: check the disk and try again."),
                     path, sqlite3_errmsg (db));
      sqlite3_close (db);
      return NULL;
    }
  if (version == 0 && count_tables (db) > 0)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_A_PLAN,
                   _("“%s” is an SQLite database of another program, not a Lineup plan. Lineup left it untouched: choose another file with --database."),
                   path);
      sqlite3_close (db);
      return NULL;
    }
  if (version > LINEUP_SCHEMA_VERSION)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NEWER_SCHEMA,
                   _("“%s” was saved by a newer Lineup (plan version %d; this one reads up to %d). Lineup left it untouched: update Lineup to open it."),
                   path, version, LINEUP_SCHEMA_VERSION);
      sqlite3_close (db);
      return NULL;
    }

  /* WAL: readers never block the writer, and a crash at any moment leaves
   * the last committed transaction. NORMAL sync is durable against a crash
   * of the program; only a power cut may lose the last commits. */
  if (sqlite3_exec (db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_exec (db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_exec (db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL) != SQLITE_OK ||
      /* Savepoints journal in memory, not in temp files (imports otherwise
       * spend most of their time in the kernel), and a month of posts stays
       * in the page cache. */
      sqlite3_exec (db, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_exec (db, "PRAGMA cache_size = -16384", NULL, NULL, NULL) != SQLITE_OK)
    {
      if (!set_system_error (db, path, error))
        g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_IO,
                     _("Could not prepare the plan “%s”: %s"), path, sqlite3_errmsg (db));
      sqlite3_close (db);
      return NULL;
    }

  *out_version = version;
  return db;
}

gboolean
_lineup_store_create_at_version (const char  *path,
                                 int          version,
                                 GError     **error)
{
  int current;
  sqlite3 *db;
  gboolean ok = TRUE;

  g_return_val_if_fail (version >= 0 && version <= LINEUP_SCHEMA_VERSION, FALSE);

  db = _lineup_store_open_database (path, &current, error);
  if (db == NULL)
    return FALSE;
  if (version > current)
    ok = _lineup_store_migrate (db, path, current, version, error);
  sqlite3_close (db);
  return ok;
}
