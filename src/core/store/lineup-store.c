/* lineup-store.c: the plan in SQLite.
 *
 * Shape of a change: a public mutator validates, opens an operation (BEGIN
 * IMMEDIATE, unless a batch has begun one), writes rows, and
 * records an undo entry (the post before and after) plus the signal to emit.
 * Closing the outermost operation commits, pushes one undo step and only then
 * emits the signals, so no view ever shows something that was rolled back.
 *
 * Deleting a post only marks it deleted: its history stays consistent and
 * undo can bring it back without re-creating rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "lineup-store.h"
#include "lineup-store-workflow.h"
#include "lineup-store-publish.h"
#include "lineup-workflow.h"

#define MAX_UNDO_STEPS 200
#define UNDATED_SLOT G_MAXINT64

typedef struct {
  LineupPost *before;   /* NULL for nothing to restore (the entry only announces) */
  LineupPost *after;
} UndoEntry;

typedef struct {
  char *label;
  GArray *entries;      /* of UndoEntry */
} UndoStep;

typedef enum {
  PENDING_POST,
  PENDING_PILLARS,
  PENDING_TYPES,
  PENDING_CAMPAIGNS,
  PENDING_PLAN,
  PENDING_PUBLISHING,
} PendingKind;

typedef struct {
  PendingKind kind;
  LineupPost *old_post;
  LineupPost *new_post;
} PendingSignal;

struct _LineupStore
{
  GObject parent_instance;

  sqlite3 *db;
  char *path;
  char *actor;

  GTimeZone *tz;
  char *tz_id;
  int default_time;

  GListStore *pillars;
  GListStore *types;
  GListStore *campaigns;

  GHashTable *statements;   /* const char *sql (static) → sqlite3_stmt */

  /* Every live post in time order, as last committed, once someone asked
   * for all of them (the app does at start; a one-off command need not).
   * Month loads are then a binary search. Another process's commit changes
   * PRAGMA data_version, which drops it. */
  GPtrArray *cache;
  GHashTable *cache_index;  /* id → post in cache (borrowed) */
  gint64 cache_version;
  gint64 seen_version;      /* data_version when we last looked at the file */
  char *seen_generation;    /* meta posts_generation then: did the posts change? */
  GFileMonitor *monitor;    /* on the WAL file, which every commit writes */
  guint refresh_source;

  /* The operation in progress. */
  int depth;
  gboolean failed;
  char *label;
  GArray *entries;          /* of UndoEntry */
  GArray *pending;          /* of PendingSignal */
  GArray *savepoints;       /* of guint[2]: entries->len, pending->len at each level */

  GPtrArray *undo_stack;    /* of UndoStep, newest last */
  GPtrArray *redo_stack;
};

G_DEFINE_FINAL_TYPE (LineupStore, lineup_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (lineup-store-error-quark, lineup_store_error)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};

enum {
  POST_ADDED,
  POST_CHANGED,
  POST_REMOVED,
  PILLARS_CHANGED,
  CONTENT_TYPES_CHANGED,
  CAMPAIGNS_CHANGED,
  PLAN_CHANGED,
  RELOADED,
  PUBLISHING_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

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
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == LINEUP_SCHEMA_VERSION);

#define POST_COLUMNS \
  "id, title, body, pillar_id, type_id, stage, platforms, slot, campaign_id, " \
  "goal, audience, key_message, call_to_action, hashtags, owner, due_on, " \
  "created_at, updated_at, revision, deleted_at"

/* GNOME's palette: distinct in light and dark. */
static const char * const palette[] = {
  "#3584e4", "#2ec27e", "#e66100", "#9141ac", "#f5c211",
  "#c01c28", "#1c71d8", "#26a269", "#986a44", "#63452c",
};

/* ---- small helpers ---- */

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static gboolean
set_sqlite_error (LineupStore  *self,
                  GError      **error,
                  const char   *what)
{
  int code = sqlite3_errcode (self->db);

  if (code == SQLITE_FULL)
    g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_IO,
                 _("Could not %s: the disk holding “%s” is full. Free some space and try again; nothing was changed."),
                 what, self->path);
  else if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN || code == SQLITE_IOERR)
    g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_IO,
                 _("Could not %s: “%s” cannot be written (%s). Check the file’s permissions; nothing was changed."),
                 what, self->path, sqlite3_errmsg (self->db));
  else if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
    g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_IO,
                 _("Could not %s: another program is writing to “%s”. Try again in a moment; nothing was changed."),
                 what, self->path);
  else if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
    g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_A_PLAN,
                 _("Could not %s: “%s” is damaged (%s). Restore it from a backup (e.g. %s.bak-vN)."),
                 what, self->path, sqlite3_errmsg (self->db), self->path);
  else
    g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_FAILED,
                 _("Could not %s in “%s”: %s"),
                 what, self->path, sqlite3_errmsg (self->db));
  return FALSE;
}

static sqlite3_stmt *
get_statement (LineupStore  *self,
               const char   *sql,
               GError      **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt == NULL)
    {
      if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
                              &stmt, NULL) != SQLITE_OK)
        {
          set_sqlite_error (self, error, _("read the plan"));
          return NULL;
        }
      g_hash_table_insert (self->statements, (gpointer) sql, stmt);
    }

  return stmt;
}

static void
finish_statement (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

static gboolean
exec_sql (LineupStore  *self,
          const char   *sql,
          GError      **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return set_sqlite_error (self, error, _("save the plan"));
  return TRUE;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text && *text)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           index)
{
  return (const char *) sqlite3_column_text (stmt, index);
}

/* ---- validation ---- */

static gboolean
check_text (const char  *what,
            const char  *text,
            glong        max_chars,
            GError     **error)
{
  const char *bad = NULL;

  if (text == NULL)
    return TRUE;

  if (!g_utf8_validate (text, -1, &bad))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("%s is not valid UTF-8 text (a stray byte 0x%02X at byte %ld): save it as UTF-8 and try again"),
                   what, (guchar) *bad, (long) (bad - text));
      return FALSE;
    }

  if (g_utf8_strlen (text, -1) > max_chars)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("%s is %ld characters long; the limit is %ld: shorten it by %ld"),
                   what, g_utf8_strlen (text, -1), max_chars,
                   g_utf8_strlen (text, -1) - max_chars);
      return FALSE;
    }

  return TRUE;
}

gboolean
lineup_parse_date (const char *text,
                   GDate      *out_date)
{
  guint y, m, d;
  char tail;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  if (sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  if (y < 1900 || y > 9999 || !g_date_valid_dmy (d, m, y))
    return FALSE;

  if (out_date)
    g_date_set_dmy (out_date, d, m, y);
  return TRUE;
}

gboolean
lineup_parse_time (const char *text,
                   int        *out_minutes)
{
  if (text == NULL || strlen (text) != 5 || text[2] != ':' ||
      !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) ||
      !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]))
    return FALSE;

  {
    int h = (text[0] - '0') * 10 + (text[1] - '0');
    int m = (text[3] - '0') * 10 + (text[4] - '0');

    if (h > 23 || m > 59)
      return FALSE;
    if (out_minutes)
      *out_minutes = h * 60 + m;
  }
  return TRUE;
}

gboolean
lineup_color_is_valid (const char *color)
{
  if (color == NULL || strlen (color) != 7 || color[0] != '#')
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]))
      return FALSE;
  return TRUE;
}

/* Titles and names are one line: a line break or another control
 * character would break lists, cards, feeds and command output. */
static gboolean
check_one_line (const char  *what,
                const char  *text,
                GError     **error)
{
  for (const char *p = text; p && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029)
        {
          g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                       _("%s holds a line break or control character (U+%04X at character %ld): write it on one line"),
                       what, c, g_utf8_pointer_to_offset (text, p) + 1);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_name (const char  *what,
            const char  *name,
            GError     **error)
{
  g_autofree char *stripped = NULL;

  if (!check_text (what, name, LINEUP_NAME_MAX_CHARS, error) ||
      !check_one_line (what, name, error))
    return FALSE;
  stripped = g_strstrip (g_strdup (name ? name : ""));
  if (*stripped == '\0')
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("%s is empty: give it a name"), what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
validate_post (LineupStore  *self,
               LineupPost   *post,
               GError      **error)
{
  const char *title = lineup_post_get_title (post);
  g_auto(GStrv) platforms = NULL;
  GDate due;

  if (!check_text (_("The title"), title, LINEUP_TITLE_MAX_CHARS, error) ||
      !check_one_line (_("The title"), title, error))
    return FALSE;
  {
    g_autofree char *stripped = g_strstrip (g_strdup (title));
    if (*stripped == '\0')
      {
        g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                     _("The title is empty: every post needs a title (up to %d characters)"),
                     LINEUP_TITLE_MAX_CHARS);
        return FALSE;
      }
  }
  if (!check_text (_("The caption"), lineup_post_get_body (post), LINEUP_BODY_MAX_CHARS, error))
    return FALSE;

  for (guint i = 0; i < LINEUP_N_BRIEF_FIELDS; i++)
    {
      g_autofree char *what = g_strdup_printf (_("The brief’s “%s”"),
                                               lineup_brief_field_to_label (i));
      if (!check_text (what, lineup_post_get_brief (post, i), LINEUP_FIELD_MAX_CHARS, error))
        return FALSE;
    }

  if (lineup_post_get_due_on (post) && !lineup_parse_date (lineup_post_get_due_on (post), &due))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The due date “%s” is not a valid date: expected YYYY-MM-DD"),
                   g_utf8_validate (lineup_post_get_due_on (post), -1, NULL) ? lineup_post_get_due_on (post) : "?");
      return FALSE;
    }

  if (lineup_store_get_pillar (self, lineup_post_get_pillar_id (post)) == NULL)
    {
      g_autofree char *names = lineup_store_list_pillar_names (self);
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The post has no pillar: choose one of %s"),
                   *names ? names : _("the plan’s pillars (the plan has none yet: add one first)"));
      return FALSE;
    }

  if (lineup_store_get_content_type (self, lineup_post_get_type_id (post)) == NULL)
    {
      g_autofree char *names = lineup_store_list_content_type_names (self);
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The post has no content type: choose one of %s"), names);
      return FALSE;
    }

  if (lineup_post_get_campaign_id (post) != 0 &&
      lineup_store_get_campaign (self, lineup_post_get_campaign_id (post)) == NULL)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The post’s campaign no longer exists: choose another or none"));
      return FALSE;
    }

  if ((guint) lineup_post_get_stage (post) >= LINEUP_N_STAGES)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("Unknown stage: expected one of %s"), lineup_stage_list_keys ());
      return FALSE;
    }

  /* Platforms are stored in one canonical order, so equal sets compare equal. */
  if (!lineup_platforms_normalize (lineup_post_get_platforms (post), &platforms, error))
    return FALSE;
  lineup_post_set_platforms (post, (const char * const *) platforms);

  return TRUE;
}

/* ---- rows ---- */

static LineupPost *
post_from_row (sqlite3_stmt *stmt)
{
  LineupPost *post = lineup_post_new ();
  const char *platforms = column_text (stmt, 6);

  _lineup_post_set_id (post, column_text (stmt, 0));
  lineup_post_set_title (post, column_text (stmt, 1));
  lineup_post_set_body (post, column_text (stmt, 2));
  lineup_post_set_pillar_id (post, sqlite3_column_int64 (stmt, 3));
  lineup_post_set_type_id (post, sqlite3_column_int64 (stmt, 4));
  _lineup_post_set_stage (post, sqlite3_column_int (stmt, 5));
  if (platforms && *platforms)
    {
      g_auto(GStrv) keys = g_strsplit (platforms, ",", -1);
      lineup_post_set_platforms (post, (const char * const *) keys);
    }
  lineup_post_set_scheduled_at (post, sqlite3_column_int64 (stmt, 7) == UNDATED_SLOT
                                        ? LINEUP_POST_UNDATED
                                        : sqlite3_column_int64 (stmt, 7));
  lineup_post_set_campaign_id (post, sqlite3_column_int64 (stmt, 8));
  for (guint i = 0; i < LINEUP_N_BRIEF_FIELDS; i++)
    lineup_post_set_brief (post, i, column_text (stmt, 9 + i));
  lineup_post_set_due_on (post, column_text (stmt, 15));
  _lineup_post_set_bookkeeping (post,
                                sqlite3_column_int64 (stmt, 16),
                                sqlite3_column_int64 (stmt, 17),
                                sqlite3_column_int (stmt, 18),
                                sqlite3_column_int64 (stmt, 19));
  return post;
}

static gboolean
write_post_row (LineupStore  *self,
                LineupPost   *post,
                GError      **error)
{
  static const char sql[] =
    "INSERT INTO posts (" POST_COLUMNS ") VALUES "
    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20) "
    "ON CONFLICT (id) DO UPDATE SET title = ?2, body = ?3, pillar_id = ?4, type_id = ?5, "
    "stage = ?6, platforms = ?7, slot = ?8, campaign_id = ?9, goal = ?10, "
    "audience = ?11, key_message = ?12, call_to_action = ?13, hashtags = ?14, owner = ?15, "
    "due_on = ?16, updated_at = ?18, revision = ?19, deleted_at = ?20";
  sqlite3_stmt *stmt = get_statement (self, sql, error);
  g_autofree char *platforms = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;

  platforms = g_strjoinv (",", (char **) lineup_post_get_platforms (post));
  sqlite3_bind_text (stmt, 1, lineup_post_get_id (post), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, lineup_post_get_title (post), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, lineup_post_get_body (post), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, lineup_post_get_pillar_id (post));
  sqlite3_bind_int64 (stmt, 5, lineup_post_get_type_id (post));
  sqlite3_bind_int (stmt, 6, lineup_post_get_stage (post));
  sqlite3_bind_text (stmt, 7, platforms, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, lineup_post_is_dated (post) ? lineup_post_get_scheduled_at (post) : UNDATED_SLOT);
  if (lineup_post_get_campaign_id (post) != 0)
    sqlite3_bind_int64 (stmt, 9, lineup_post_get_campaign_id (post));
  else
    sqlite3_bind_null (stmt, 9);
  for (guint i = 0; i < LINEUP_N_BRIEF_FIELDS; i++)
    bind_text_or_null (stmt, 10 + i, lineup_post_get_brief (post, i));
  bind_text_or_null (stmt, 16, lineup_post_get_due_on (post));
  sqlite3_bind_int64 (stmt, 17, lineup_post_get_created_at (post));
  sqlite3_bind_int64 (stmt, 18, lineup_post_get_updated_at (post));
  sqlite3_bind_int (stmt, 19, lineup_post_get_revision (post));
  if (lineup_post_get_deleted_at (post) != 0)
    sqlite3_bind_int64 (stmt, 20, lineup_post_get_deleted_at (post));
  else
    sqlite3_bind_null (stmt, 20);

  rc = sqlite3_step (stmt);
  finish_statement (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, error, _("save the post"));
  return TRUE;
}

static gboolean
write_history_line (LineupStore       *self,
                    LineupHistoryKind  kind,
                    const char        *post_id,
                    int                from_stage,
                    int                to_stage,
                    const char        *actor,
                    const char        *comment,
                    gint64             at,
                    GError           **error)
{
  static const char sql[] =
    "INSERT INTO stage_history (post_id, from_stage, to_stage, actor, at, comment, kind) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)";
  sqlite3_stmt *stmt = get_statement (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, post_id, -1, SQLITE_STATIC);
  if (from_stage < 0)
    sqlite3_bind_null (stmt, 2);
  else
    sqlite3_bind_int (stmt, 2, from_stage);
  sqlite3_bind_int (stmt, 3, to_stage);
  sqlite3_bind_text (stmt, 4, actor ? actor : self->actor, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, at);
  bind_text_or_null (stmt, 6, comment);
  sqlite3_bind_text (stmt, 7, lineup_history_kind_to_key (kind), -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  finish_statement (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, error, _("record the change in the post’s history"));
  return TRUE;
}

static gboolean
write_history (LineupStore  *self,
               const char   *post_id,
               int           from_stage,
               int           to_stage,
               const char   *actor,
               const char   *comment,
               gint64        at,
               GError      **error)
{
  return write_history_line (self, LINEUP_HISTORY_STAGE, post_id, from_stage, to_stage,
                             actor, comment, at, error);
}

/* Reads a post by exact id, deleted ones included. */
static LineupPost *
read_post (LineupStore  *self,
           const char   *id,
           GError      **error)
{
  static const char sql[] = "SELECT " POST_COLUMNS " FROM posts WHERE id = ?";
  sqlite3_stmt *stmt = get_statement (self, sql, error);
  LineupPost *post = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    post = post_from_row (stmt);
  else if (rc != SQLITE_DONE)
    set_sqlite_error (self, error, _("read the post"));
  else
    g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND,
                 _("No post with id “%s”: list the posts with “lineup post list” to find its id"), id);
  finish_statement (stmt);

  return post;
}

/* ---- caches of the small tables ---- */

static gboolean
load_pillars (LineupStore  *self,
              GError      **error)
{
  static const char sql[] = "SELECT id, name, color, target FROM pillars ORDER BY position, id";
  sqlite3_stmt *stmt = get_statement (self, sql, error);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, lineup_pillar_new (sqlite3_column_int64 (stmt, 0),
                                               column_text (stmt, 1),
                                               column_text (stmt, 2),
                                               sqlite3_column_type (stmt, 3) == SQLITE_NULL
                                                 ? -1 : sqlite3_column_double (stmt, 3)));
  finish_statement (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, error, _("read the pillars"));

  g_list_store_splice (self->pillars, 0, g_list_model_get_n_items (G_LIST_MODEL (self->pillars)),
                       items->pdata, items->len);
  return TRUE;
}

static gboolean
load_types (LineupStore  *self,
            GError      **error)
{
  static const char sql[] = "SELECT id, key, name, target_min, target_max FROM content_types ORDER BY position, id";
  sqlite3_stmt *stmt = get_statement (self, sql, error);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, lineup_content_type_new (sqlite3_column_int64 (stmt, 0),
                                                     column_text (stmt, 1),
                                                     column_text (stmt, 2),
                                                     sqlite3_column_type (stmt, 3) == SQLITE_NULL
                                                       ? -1 : sqlite3_column_double (stmt, 3),
                                                     sqlite3_column_type (stmt, 4) == SQLITE_NULL
                                                       ? -1 : sqlite3_column_double (stmt, 4)));
  finish_statement (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, error, _("read the content types"));

  g_list_store_splice (self->types, 0, g_list_model_get_n_items (G_LIST_MODEL (self->types)),
                       items->pdata, items->len);
  return TRUE;
}

static gboolean
load_campaigns (LineupStore  *self,
                GError      **error)
{
  static const char sql[] = "SELECT id, name, color, starts_on, ends_on FROM campaigns ORDER BY starts_on, id";
  sqlite3_stmt *stmt = get_statement (self, sql, error);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, lineup_campaign_new (sqlite3_column_int64 (stmt, 0),
                                                 column_text (stmt, 1),
                                                 column_text (stmt, 2),
                                                 column_text (stmt, 3),
                                                 column_text (stmt, 4)));
  finish_statement (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, error, _("read the campaigns"));

  g_list_store_splice (self->campaigns, 0, g_list_model_get_n_items (G_LIST_MODEL (self->campaigns)),
                       items->pdata, items->len);
  return TRUE;
}

static char *
read_meta (LineupStore *self,
           const char  *key)
{
  static const char sql[] = "SELECT value FROM meta WHERE key = ?";
  sqlite3_stmt *stmt = get_statement (self, sql, NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup (column_text (stmt, 0));
  finish_statement (stmt);
  return value;
}

static gboolean
write_meta (LineupStore  *self,
            const char   *key,
            const char   *value,
            GError      **error)
{
  static const char sql[] = "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)";
  sqlite3_stmt *stmt = get_statement (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  finish_statement (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, error, _("save the plan’s settings"));
  return TRUE;
}

static void
read_default_time (LineupStore *self)
{
  g_autofree char *value = read_meta (self, "default_time");

  if (value)
    self->default_time = CLAMP (atoi (value), 0, 24 * 60 - 1);
}

static void
apply_time_zone (LineupStore *self,
                 const char  *iana_id)
{
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_free (self->tz_id);
  self->tz = g_time_zone_new_identifier (iana_id);
  if (self->tz == NULL)
    {
      self->tz = g_time_zone_new_utc ();
      iana_id = "UTC";
    }
  self->tz_id = g_strdup (iana_id);
}

/* The zone a new plan starts in: the one this computer uses, when it has an
 * IANA name. */
static char *
guess_local_zone (void)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  const char *id = g_time_zone_get_identifier (local);
  g_autoptr(GTimeZone) check = NULL;

  if (id && *id == ':')
    id++;
  if (id && g_str_has_prefix (id, "/usr/share/zoneinfo/"))
    id += strlen ("/usr/share/zoneinfo/");
  if (id == NULL || g_str_equal (id, "Local") || *id == '/')
    return g_strdup ("UTC");
  check = g_time_zone_new_identifier (id);
  return g_strdup (check ? id : "UTC");
}

/* ---- operations and undo ---- */

static void
undo_entry_clear (UndoEntry *entry)
{
  g_clear_object (&entry->before);
  g_clear_object (&entry->after);
}

static void
pending_signal_clear (PendingSignal *pending)
{
  g_clear_object (&pending->old_post);
  g_clear_object (&pending->new_post);
}

static void
undo_step_free (UndoStep *step)
{
  g_free (step->label);
  g_array_unref (step->entries);
  g_free (step);
}

static void
notify_undo_state (LineupStore *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
}

static gboolean
begin_operation (LineupStore  *self,
                 const char   *label,
                 GError      **error)
{
  guint marks[2];

  if (self->depth == 0)
    {
      if (!exec_sql (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      self->failed = FALSE;
      g_free (self->label);
      self->label = g_strdup (label);
    }

  marks[0] = self->entries->len;
  marks[1] = self->pending->len;
  g_array_append_vals (self->savepoints, marks, 2);
  self->depth++;
  return TRUE;
}

static void
reload_caches (LineupStore *self)
{
  g_autoptr(GError) error = NULL;

  if (!load_pillars (self, &error) || !load_types (self, &error) || !load_campaigns (self, &error))
    g_warning ("Could not reload the plan after a rollback: %s", error->message);
}

/* First position in the cache whose post sorts at or after @post. */
static guint
cache_bisect (GPtrArray  *cache,
              LineupPost *post)
{
  guint lo = 0, hi = cache->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (lineup_post_compare_by_time (g_ptr_array_index (cache, mid), post) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* First position whose post is scheduled at or after @instant. */
static guint
cache_bisect_time (GPtrArray *cache,
                   gint64     instant)
{
  guint lo = 0, hi = cache->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      LineupPost *post = g_ptr_array_index (cache, mid);

      if (lineup_post_is_dated (post) && lineup_post_get_scheduled_at (post) < instant)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
cache_apply (LineupStore *self,
             LineupPost  *old_post,
             LineupPost  *new_post)
{
  LineupPost *cached;

  if (self->cache == NULL)
    return;

  cached = g_hash_table_lookup (self->cache_index, lineup_post_get_id (old_post));
  if (cached)
    {
      guint pos = cache_bisect (self->cache, cached);

      g_assert (pos < self->cache->len && g_ptr_array_index (self->cache, pos) == cached);
      g_hash_table_remove (self->cache_index, lineup_post_get_id (cached));
      g_ptr_array_remove_index (self->cache, pos);
    }

  if (lineup_post_get_deleted_at (new_post) == 0)
    {
      g_ptr_array_insert (self->cache, cache_bisect (self->cache, new_post), g_object_ref (new_post));
      g_hash_table_insert (self->cache_index, (gpointer) lineup_post_get_id (new_post), new_post);
    }
}

static void
emit_pending (LineupStore *self,
              GArray      *pending)
{
  for (guint i = 0; i < pending->len; i++)
    {
      PendingSignal *p = &g_array_index (pending, PendingSignal, i);

      switch (p->kind)
        {
        case PENDING_POST:
          {
            gboolean was = p->old_post && lineup_post_get_deleted_at (p->old_post) == 0;
            gboolean is = p->new_post && lineup_post_get_deleted_at (p->new_post) == 0;

            cache_apply (self, p->old_post, p->new_post);
            if (!was && is)
              g_signal_emit (self, signals[POST_ADDED], 0, p->new_post);
            else if (was && !is)
              g_signal_emit (self, signals[POST_REMOVED], 0, p->old_post);
            else if (was && is)
              g_signal_emit (self, signals[POST_CHANGED], 0, p->old_post, p->new_post);
          }
          break;
        case PENDING_PILLARS:
          g_signal_emit (self, signals[PILLARS_CHANGED], 0);
          break;
        case PENDING_TYPES:
          g_signal_emit (self, signals[CONTENT_TYPES_CHANGED], 0);
          break;
        case PENDING_CAMPAIGNS:
          g_signal_emit (self, signals[CAMPAIGNS_CHANGED], 0);
          break;
        case PENDING_PLAN:
          g_signal_emit (self, signals[PLAN_CHANGED], 0);
          break;
        case PENDING_PUBLISHING:
          g_signal_emit (self, signals[PUBLISHING_CHANGED], 0);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

/* Closes the innermost operation. @ok FALSE rolls it back. At the outermost
 * level a commit pushes one undo step (unless @is_undo says the entries move
 * between the stacks instead) and emits what happened. */
static gboolean
end_operation (LineupStore  *self,
               gboolean      ok,
               GError      **error)
{
  guint entries_mark, pending_mark;
  g_autoptr(GArray) entries = NULL;
  g_autoptr(GArray) pending = NULL;

  g_assert (self->depth > 0);

  pending_mark = g_array_index (self->savepoints, guint, self->savepoints->len - 1);
  entries_mark = g_array_index (self->savepoints, guint, self->savepoints->len - 2);
  g_array_set_size (self->savepoints, self->savepoints->len - 2);
  self->depth--;

  /* Inside a batch. Every operation validates before it writes, so one
   * that fails here failed in SQLite halfway through its writes: the batch
   * cannot be committed any more and will roll back whole. (A savepoint per
   * operation would allow less, and costs a copy of every page it touches.) */
  if (self->depth > 0)
    {
      if (!ok)
        {
          self->failed = TRUE;
          g_array_set_size (self->entries, entries_mark);
          g_array_set_size (self->pending, pending_mark);
        }
      return ok;
    }

  if (ok && self->failed)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_FAILED,
                   _("A change inside “%s” failed, so none of it was saved"),
                   self->label ? self->label : _("this change"));
      ok = FALSE;
    }

  /* The remote changes a change of posts causes go into the outbox in the
   * same transaction: a crash can lose neither without the other. */
  if (ok)
    {
      guint n = self->pending->len;

      for (guint i = 0; i < n && ok; i++)
        {
          PendingSignal *p = &g_array_index (self->pending, PendingSignal, i);

          if (p->kind == PENDING_POST && !_lineup_outbox_note_change (self, p->old_post, p->new_post, error))
            ok = FALSE;
        }
    }

  /* A transaction that wrote posts says so, for other processes: their
   * refresh tells a change of posts (which voids their undo history) from
   * a change of settings or of a feed's last result (which does not). */
  if (ok)
    for (guint i = 0; i < self->pending->len; i++)
      if (g_array_index (self->pending, PendingSignal, i).kind == PENDING_POST)
        {
          if (!exec_sql (self, "INSERT INTO meta (key, value) VALUES ('posts_generation', '1') "
                               "ON CONFLICT (key) DO UPDATE SET value = CAST (value AS INTEGER) + 1", error))
            ok = FALSE;
          g_free (self->seen_generation);
          self->seen_generation = read_meta (self, "posts_generation");
          break;
        }

  if (ok && sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      set_sqlite_error (self, error, _("save the plan"));
      ok = FALSE;
    }

  entries = g_steal_pointer (&self->entries);
  pending = g_steal_pointer (&self->pending);
  self->entries = g_array_new (FALSE, TRUE, sizeof (UndoEntry));
  g_array_set_clear_func (self->entries, (GDestroyNotify) undo_entry_clear);
  self->pending = g_array_new (FALSE, TRUE, sizeof (PendingSignal));
  g_array_set_clear_func (self->pending, (GDestroyNotify) pending_signal_clear);

  if (!ok)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      reload_caches (self);
      return FALSE;
    }

  if (entries->len > 0)
    {
      UndoStep *step = g_new0 (UndoStep, 1);

      step->label = g_strdup (self->label);
      step->entries = g_steal_pointer (&entries);
      g_ptr_array_add (self->undo_stack, step);
      if (self->undo_stack->len > MAX_UNDO_STEPS)
        g_ptr_array_remove_index (self->undo_stack, 0);
      g_ptr_array_set_size (self->redo_stack, 0);
    }

  emit_pending (self, pending);
  notify_undo_state (self);
  return TRUE;
}

static void
queue_signal (LineupStore *self,
              PendingKind  kind,
              LineupPost  *old_post,
              LineupPost  *new_post)
{
  PendingSignal p = {
    kind,
    old_post ? g_object_ref (old_post) : NULL,
    new_post ? g_object_ref (new_post) : NULL,
  };

  if (kind != PENDING_POST)
    for (guint i = 0; i < self->pending->len; i++)
      if (g_array_index (self->pending, PendingSignal, i).kind == kind)
        return;

  g_array_append_val (self->pending, p);
}

static void
record_post_change (LineupStore *self,
                    LineupPost  *before,
                    LineupPost  *after)
{
  UndoEntry entry = { g_object_ref (before), g_object_ref (after) };

  g_array_append_val (self->entries, entry);
  queue_signal (self, PENDING_POST, before, after);
}

/* Writes @target's content, stage and presence over the stored post, as
 * undo and redo do: the revision still rises so feeds see a newer version,
 * and a stage that changes back is written to the history. */
static gboolean
restore_post (LineupStore  *self,
              LineupPost   *target,
              const char   *why,
              GError      **error)
{
  g_autoptr(LineupPost) current = read_post (self, lineup_post_get_id (target), error);
  g_autoptr(LineupPost) restored = NULL;
  gint64 now = now_seconds ();

  if (current == NULL)
    return FALSE;

  restored = lineup_post_copy (target);
  _lineup_post_set_bookkeeping (restored,
                                lineup_post_get_created_at (current),
                                now,
                                lineup_post_get_revision (current) +
                                  (lineup_post_content_equal (current, target) ? 0 : 1),
                                lineup_post_get_deleted_at (target));

  if (!write_post_row (self, restored, error))
    return FALSE;

  if (lineup_post_get_stage (current) != lineup_post_get_stage (restored) &&
      !write_history (self, lineup_post_get_id (restored),
                      lineup_post_get_stage (current), lineup_post_get_stage (restored),
                      NULL, why, now, error))
    return FALSE;

  queue_signal (self, PENDING_POST, current, restored);
  return TRUE;
}

static gboolean
replay_step (LineupStore  *self,
             UndoStep     *step,
             gboolean      backwards,
             GError      **error)
{
  const char *why = backwards ? _("Undo") : _("Redo");

  if (!begin_operation (self, step->label, error))
    return FALSE;

  for (guint i = 0; i < step->entries->len; i++)
    {
      guint index = backwards ? step->entries->len - 1 - i : i;
      UndoEntry *entry = &g_array_index (step->entries, UndoEntry, index);

      if (!restore_post (self, backwards ? entry->before : entry->after, why, error))
        {
          end_operation (self, FALSE, NULL);
          return FALSE;
        }
    }

  /* The entries stay with the step, which moves to the other stack. */
  return end_operation (self, TRUE, error);
}

/* ---- GObject ---- */

static void
lineup_store_finalize (GObject *object)
{
  LineupStore *self = (LineupStore *) object;

  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->redo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->seen_generation, g_free);
  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->pending, g_array_unref);
  g_clear_pointer (&self->savepoints, g_array_unref);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->monitor)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);
  g_clear_pointer (&self->cache_index, g_hash_table_unref);
  g_clear_pointer (&self->cache, g_ptr_array_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db)
    sqlite3_close_v2 (self->db);
  g_clear_object (&self->pillars);
  g_clear_object (&self->types);
  g_clear_object (&self->campaigns);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_free (self->tz_id);
  g_free (self->path);
  g_free (self->actor);
  g_free (self->label);

  G_OBJECT_CLASS (lineup_store_parent_class)->finalize (object);
}

static void
lineup_store_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LineupStore *self = LINEUP_STORE (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, lineup_store_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, lineup_store_can_redo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, lineup_store_get_undo_label (self));
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, lineup_store_get_redo_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_store_class_init (LineupStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lineup_store_finalize;
  object_class->get_property = lineup_store_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[POST_ADDED] =
    g_signal_new ("post-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, LINEUP_TYPE_POST);
  signals[POST_CHANGED] =
    g_signal_new ("post-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, LINEUP_TYPE_POST, LINEUP_TYPE_POST);
  signals[POST_REMOVED] =
    g_signal_new ("post-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, LINEUP_TYPE_POST);
  signals[PILLARS_CHANGED] =
    g_signal_new ("pillars-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CONTENT_TYPES_CHANGED] =
    g_signal_new ("content-types-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CAMPAIGNS_CHANGED] =
    g_signal_new ("campaigns-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[PLAN_CHANGED] =
    g_signal_new ("plan-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[RELOADED] =
    g_signal_new ("reloaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[PUBLISHING_CHANGED] =
    g_signal_new ("publishing-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
lineup_store_init (LineupStore *self)
{
  const char *real_name = g_get_real_name ();

  self->pillars = g_list_store_new (LINEUP_TYPE_PILLAR);
  self->types = g_list_store_new (LINEUP_TYPE_CONTENT_TYPE);
  self->campaigns = g_list_store_new (LINEUP_TYPE_CAMPAIGN);
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                            (GDestroyNotify) sqlite3_finalize);
  self->entries = g_array_new (FALSE, TRUE, sizeof (UndoEntry));
  g_array_set_clear_func (self->entries, (GDestroyNotify) undo_entry_clear);
  self->pending = g_array_new (FALSE, TRUE, sizeof (PendingSignal));
  g_array_set_clear_func (self->pending, (GDestroyNotify) pending_signal_clear);
  self->savepoints = g_array_new (FALSE, FALSE, sizeof (guint));
  self->undo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) undo_step_free);
  self->redo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) undo_step_free);
  self->actor = g_strdup (real_name && *real_name && !g_str_equal (real_name, "Unknown")
                            ? real_name : g_get_user_name ());
  self->default_time = 9 * 60;
}

static gint64 read_data_version (LineupStore *self);

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

static gboolean
migrate (sqlite3     *db,
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

static sqlite3 *
open_database (const char  *path,
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

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
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
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_A_PLAN,
                   _("“%s” is not a Lineup plan or is damaged (%s). Lineup left it untouched: open another file with --database, or restore a backup."),
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

  db = open_database (path, &current, error);
  if (db == NULL)
    return FALSE;
  if (version > current)
    ok = migrate (db, path, current, version, error);
  sqlite3_close (db);
  return ok;
}

char *
lineup_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "lineup", "lineup.db", NULL);
}

LineupStore *
lineup_store_open (const char  *path,
                   GError     **error)
{
  g_autoptr(LineupStore) self = NULL;
  g_autofree char *tz_id = NULL;
  int version = 0;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (LINEUP_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->db = open_database (path, &version, error);
  if (self->db == NULL)
    return NULL;

  if (version < LINEUP_SCHEMA_VERSION &&
      !migrate (self->db, path, version, LINEUP_SCHEMA_VERSION, error))
    return NULL;

  tz_id = read_meta (self, "time_zone");
  if (tz_id == NULL)
    {
      tz_id = guess_local_zone ();
      if (!write_meta (self, "time_zone", tz_id, error))
        return NULL;
    }
  apply_time_zone (self, tz_id);

  read_default_time (self);

  if (!load_pillars (self, error) || !load_types (self, error) || !load_campaigns (self, error))
    return NULL;
  self->seen_version = read_data_version (self);
  self->seen_generation = read_meta (self, "posts_generation");

  return g_steal_pointer (&self);
}

const char *
lineup_store_get_path (LineupStore *self)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  return self->path;
}

const char *
lineup_store_get_actor (LineupStore *self)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  return self->actor;
}

void
lineup_store_set_actor (LineupStore *self,
                        const char  *actor)
{
  g_return_if_fail (LINEUP_IS_STORE (self));
  g_return_if_fail (actor != NULL && g_utf8_validate (actor, -1, NULL));
  g_free (self->actor);
  self->actor = g_strdup (actor);
}

gboolean
lineup_store_refresh (LineupStore *self)
{
  gint64 version;
  g_autofree char *tz_id = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  if (self->depth > 0)
    return FALSE;
  version = read_data_version (self);
  if (version == self->seen_version)
    return FALSE;
  self->seen_version = version;

  /* Only settings changed (a feed's result, an overlay's copy, a target):
   * read them again, keep the posts and the undo history. */
  {
    g_autofree char *generation = read_meta (self, "posts_generation");

    if (g_strcmp0 (generation, self->seen_generation) == 0)
      {
        reload_caches (self);
        read_default_time (self);
        tz_id = read_meta (self, "time_zone");
        if (tz_id)
          apply_time_zone (self, tz_id);
        g_signal_emit (self, signals[PLAN_CHANGED], 0);
        return FALSE;
      }
    g_free (self->seen_generation);
    self->seen_generation = g_steal_pointer (&generation);
  }

  g_clear_pointer (&self->cache_index, g_hash_table_unref);
  g_clear_pointer (&self->cache, g_ptr_array_unref);
  reload_caches (self);
  read_default_time (self);
  tz_id = read_meta (self, "time_zone");
  if (tz_id)
    apply_time_zone (self, tz_id);
  /* Undo steps may refer to states another process has since changed;
   * replaying them could overwrite its work. */
  g_ptr_array_set_size (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
  notify_undo_state (self);

  g_signal_emit (self, signals[RELOADED], 0);
  return TRUE;
}

static gboolean
refresh_soon_cb (gpointer data)
{
  LineupStore *self = data;

  self->refresh_source = 0;
  lineup_store_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
on_wal_changed_cb (GFileMonitor      *monitor,
                   GFile             *file,
                   GFile             *other,
                   GFileMonitorEvent  event,
                   LineupStore       *self)
{
  /* Our own commits write the file too; the refresh then finds
   * data_version unchanged and does nothing. A burst of writes is one
   * refresh. */
  if (self->refresh_source == 0)
    self->refresh_source = g_timeout_add (250, refresh_soon_cb, self);
}

void
lineup_store_watch (LineupStore *self)
{
  g_autofree char *wal = NULL;
  g_autoptr(GFile) file = NULL;

  g_return_if_fail (LINEUP_IS_STORE (self));

  if (self->monitor)
    return;
  wal = g_strconcat (self->path, "-wal", NULL);
  file = g_file_new_for_path (wal);
  self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, NULL);
  if (self->monitor)
    g_signal_connect (self->monitor, "changed", G_CALLBACK (on_wal_changed_cb), self);
}

/* ---- plan settings ---- */

GTimeZone *
lineup_store_get_time_zone (LineupStore *self)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  return self->tz;
}

const char *
lineup_store_get_time_zone_id (LineupStore *self)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  return self->tz_id;
}

gboolean
lineup_store_set_time_zone (LineupStore  *self,
                            const char   *iana_id,
                            GError      **error)
{
  g_autoptr(GTimeZone) check = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  if (iana_id == NULL || !g_utf8_validate (iana_id, -1, NULL) ||
      (check = g_time_zone_new_identifier (iana_id)) == NULL)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("“%s” is not a time zone: use an IANA name such as Europe/Warsaw or America/New_York"),
                   iana_id && g_utf8_validate (iana_id, -1, NULL) ? iana_id : "?");
      return FALSE;
    }
  if (g_strcmp0 (iana_id, self->tz_id) == 0)
    return TRUE;

  if (!begin_operation (self, _("Change time zone"), error))
    return FALSE;
  if (!write_meta (self, "time_zone", iana_id, error))
    return end_operation (self, FALSE, NULL);
  queue_signal (self, PENDING_PLAN, NULL, NULL);
  /* The zone is the store's before end_operation () announces the change:
   * a view that redraws on the signal must read the new zone, not the old. */
  {
    g_autofree char *before = g_strdup (self->tz_id);

    apply_time_zone (self, iana_id);
    if (!end_operation (self, TRUE, error))
      {
        apply_time_zone (self, before);
        return FALSE;
      }
  }
  return TRUE;
}

int
lineup_store_get_default_time (LineupStore *self)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), 9 * 60);
  return self->default_time;
}

gboolean
lineup_store_set_default_time (LineupStore  *self,
                               int           minutes,
                               GError      **error)
{
  g_autofree char *value = NULL;
  int before;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  if (minutes < 0 || minutes >= 24 * 60)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The default post time must be between 00:00 and 23:59"));
      return FALSE;
    }
  if (minutes == self->default_time)
    return TRUE;

  value = g_strdup_printf ("%d", minutes);
  if (!begin_operation (self, NULL, error))
    return FALSE;
  if (!write_meta (self, "default_time", value, error))
    return end_operation (self, FALSE, NULL);
  queue_signal (self, PENDING_PLAN, NULL, NULL);
  /* Set before the commit emits "plan-changed", so its handlers read it. */
  before = self->default_time;
  self->default_time = minutes;
  if (!end_operation (self, TRUE, error))
    {
      self->default_time = before;
      return FALSE;
    }
  return TRUE;
}

/* ---- pillars, types, campaigns ---- */

GListModel *
lineup_store_get_pillars (LineupStore *self)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  return G_LIST_MODEL (self->pillars);
}

static gpointer
find_by_id (GListModel *model,
            gint64      id,
            gint64    (*get_id) (gpointer))
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      if (get_id (item) == id)
        return item;   /* the model keeps its reference */
    }
  return NULL;
}

static gpointer
find_by_name (GListModel  *model,
              const char  *name,
              const char *(*get_name) (gpointer))
{
  g_autofree char *wanted = NULL;
  guint n = g_list_model_get_n_items (model);

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return NULL;
  wanted = g_utf8_casefold (name, -1);
  g_strstrip (wanted);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      g_autofree char *have = g_utf8_casefold (get_name (item), -1);

      if (g_str_equal (have, wanted))
        return item;
    }
  return NULL;
}

static char *
join_names (GListModel  *model,
            const char *(*get_name) (gpointer))
{
  GString *names = g_string_new (NULL);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      if (i > 0)
        g_string_append (names, ", ");
      g_string_append (names, get_name (item));
    }
  return g_string_free (names, FALSE);
}

LineupPillar *
lineup_store_get_pillar (LineupStore *self,
                         gint64       id)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  return find_by_id (G_LIST_MODEL (self->pillars), id, (gpointer) lineup_pillar_get_id);
}

LineupPillar *
lineup_store_find_pillar (LineupStore *self,
                          const char  *name)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  return find_by_name (G_LIST_MODEL (self->pillars), name, (gpointer) lineup_pillar_get_name);
}

char *
lineup_store_list_pillar_names (LineupStore *self)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  return join_names (G_LIST_MODEL (self->pillars), (gpointer) lineup_pillar_get_name);
}

static const char *
next_palette_color (LineupStore *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->pillars));

  for (guint c = 0; c < G_N_ELEMENTS (palette); c++)
    {
      gboolean used = FALSE;

      for (guint i = 0; i < n && !used; i++)
        {
          g_autoptr(LineupPillar) pillar = g_list_model_get_item (G_LIST_MODEL (self->pillars), i);
          used = g_ascii_strcasecmp (lineup_pillar_get_color (pillar), palette[c]) == 0;
        }
      if (!used)
        return palette[c];
    }
  return palette[n % G_N_ELEMENTS (palette)];
}

LineupPillar *
lineup_store_add_pillar (LineupStore  *self,
                         const char   *name,
                         const char   *color,
                         double        target,
                         GError      **error)
{
  static const char sql[] =
    "INSERT INTO pillars (name, color, target, position) "
    "VALUES (?, ?, ?, (SELECT coalesce(max(position) + 1, 0) FROM pillars))";
  g_autofree char *clean = NULL;
  sqlite3_stmt *stmt;
  LineupPillar *pillar;
  int rc;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);

  if (!check_name (_("The pillar’s name"), name, error))
    return NULL;
  clean = g_strstrip (g_strdup (name));
  if (lineup_store_find_pillar (self, clean))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_EXISTS,
                   _("There is already a pillar called “%s”: pick another name"), clean);
      return NULL;
    }
  if (color != NULL && !lineup_color_is_valid (color))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The colour “%s” is not valid: expected #RRGGBB, e.g. #3584e4"),
                   g_utf8_validate (color, -1, NULL) ? color : "?");
      return NULL;
    }
  if (target > 100 || (target >= 0 && isnan (target)))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The target share %.1f%% is not a percentage: expected 0 to 100"), target);
      return NULL;
    }

  if (color == NULL)
    color = next_palette_color (self);

  if (!begin_operation (self, _("Add pillar"), error))
    return NULL;
  stmt = get_statement (self, sql, error);
  if (stmt == NULL)
    {
      end_operation (self, FALSE, NULL);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, clean, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, color, -1, SQLITE_STATIC);
  if (target >= 0)
    sqlite3_bind_double (stmt, 3, target);
  else
    sqlite3_bind_null (stmt, 3);
  rc = sqlite3_step (stmt);
  finish_statement (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, _("add the pillar"));
      end_operation (self, FALSE, NULL);
      return NULL;
    }

  pillar = lineup_pillar_new (sqlite3_last_insert_rowid (self->db), clean,
                              color, target >= 0 ? target : -1);
  g_list_store_append (self->pillars, pillar);
  g_object_unref (pillar);
  queue_signal (self, PENDING_PILLARS, NULL, NULL);

  if (!end_operation (self, TRUE, error))
    return NULL;
  return lineup_store_find_pillar (self, clean);
}

GListModel *
lineup_store_get_content_types (LineupStore *self)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  return G_LIST_MODEL (self->types);
}

LineupContentType *
lineup_store_get_content_type (LineupStore *self,
                               gint64       id)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  return find_by_id (G_LIST_MODEL (self->types), id, (gpointer) lineup_content_type_get_id);
}

LineupContentType *
lineup_store_find_content_type (LineupStore *self,
                                const char  *name)
{
  LineupContentType *type;
  guint n;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);

  type = find_by_name (G_LIST_MODEL (self->types), name, (gpointer) lineup_content_type_get_name);
  if (type || name == NULL)
    return type;

  /* The keys work too ("promotional"), whatever the names were renamed to. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->types));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LineupContentType) t = g_list_model_get_item (G_LIST_MODEL (self->types), i);
      if (lineup_content_type_get_key (t) &&
          g_ascii_strcasecmp (lineup_content_type_get_key (t), name) == 0)
        return t;
    }
  return NULL;
}

char *
lineup_store_list_content_type_names (LineupStore *self)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  return join_names (G_LIST_MODEL (self->types), (gpointer) lineup_content_type_get_name);
}

LineupContentType *
lineup_store_add_content_type (LineupStore  *self,
                               const char   *name,
                               GError      **error)
{
  static const char sql[] =
    "INSERT INTO content_types (name, position) "
    "VALUES (?, (SELECT coalesce(max(position) + 1, 0) FROM content_types))";
  g_autofree char *clean = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);

  if (!check_name (_("The content type’s name"), name, error))
    return NULL;
  clean = g_strstrip (g_strdup (name));
  if (lineup_store_find_content_type (self, clean))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_EXISTS,
                   _("There is already a content type called “%s”: pick another name"), clean);
      return NULL;
    }

  if (!begin_operation (self, _("Add content type"), error))
    return NULL;
  stmt = get_statement (self, sql, error);
  if (stmt == NULL)
    return end_operation (self, FALSE, NULL), NULL;
  sqlite3_bind_text (stmt, 1, clean, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  finish_statement (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, _("add the content type"));
      end_operation (self, FALSE, NULL);
      return NULL;
    }
  {
    LineupContentType *type = lineup_content_type_new (sqlite3_last_insert_rowid (self->db),
                                                       NULL, clean, -1, -1);
    g_list_store_append (self->types, type);
    g_object_unref (type);
  }
  queue_signal (self, PENDING_TYPES, NULL, NULL);
  if (!end_operation (self, TRUE, error))
    return NULL;
  return lineup_store_find_content_type (self, clean);
}

GListModel *
lineup_store_get_campaigns (LineupStore *self)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  return G_LIST_MODEL (self->campaigns);
}

LineupCampaign *
lineup_store_get_campaign (LineupStore *self,
                           gint64       id)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  return find_by_id (G_LIST_MODEL (self->campaigns), id, (gpointer) lineup_campaign_get_id);
}

LineupCampaign *
lineup_store_find_campaign (LineupStore *self,
                            const char  *name)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  return find_by_name (G_LIST_MODEL (self->campaigns), name, (gpointer) lineup_campaign_get_name);
}

LineupCampaign *
lineup_store_add_campaign (LineupStore  *self,
                           const char   *name,
                           const char   *color,
                           const char   *starts_on,
                           const char   *ends_on,
                           GError      **error)
{
  static const char sql[] =
    "INSERT INTO campaigns (name, color, starts_on, ends_on) VALUES (?, ?, ?, ?)";
  g_autofree char *clean = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);

  if (!check_name (_("The campaign’s name"), name, error))
    return NULL;
  clean = g_strstrip (g_strdup (name));
  if (lineup_store_find_campaign (self, clean))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_EXISTS,
                   _("There is already a campaign called “%s”: pick another name"), clean);
      return NULL;
    }
  if (!lineup_color_is_valid (color))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The colour “%s” is not valid: expected #RRGGBB, e.g. #e66100"),
                   color && g_utf8_validate (color, -1, NULL) ? color : "?");
      return NULL;
    }
  if (!lineup_parse_date (starts_on, NULL) || !lineup_parse_date (ends_on, NULL) ||
      g_strcmp0 (starts_on, ends_on) > 0)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The campaign’s dates are not valid: expected a start and an end as YYYY-MM-DD, the end not before the start"));
      return NULL;
    }

  if (!begin_operation (self, _("Add campaign"), error))
    return NULL;
  stmt = get_statement (self, sql, error);
  if (stmt == NULL)
    return end_operation (self, FALSE, NULL), NULL;
  sqlite3_bind_text (stmt, 1, clean, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, color, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, starts_on, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, ends_on, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  finish_statement (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, _("add the campaign"));
      end_operation (self, FALSE, NULL);
      return NULL;
    }
  {
    LineupCampaign *campaign = lineup_campaign_new (sqlite3_last_insert_rowid (self->db),
                                                    clean, color, starts_on, ends_on);
    g_list_store_append (self->campaigns, campaign);
    g_object_unref (campaign);
  }
  queue_signal (self, PENDING_CAMPAIGNS, NULL, NULL);
  if (!end_operation (self, TRUE, error))
    return NULL;
  return lineup_store_find_campaign (self, clean);
}

/* ---- posts ---- */

static char *
quoted_label (const char *format,
              LineupPost *post)
{
  const char *full = lineup_post_get_title (post);
  /* g_utf8_substring reads past the end when asked for more than there is. */
  g_autofree char *title = g_utf8_substring (full, 0, MIN (40, g_utf8_strlen (full, -1)));
  return g_strdup_printf (format, title);
}

gboolean
lineup_store_add_post (LineupStore  *self,
                       LineupPost   *post,
                       GError      **error)
{
  g_autofree char *id = NULL;
  g_autofree char *label = NULL;
  g_autoptr(LineupPost) gone = NULL;
  gint64 now = now_seconds ();

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  g_return_val_if_fail (LINEUP_IS_POST (post), FALSE);
  g_return_val_if_fail (lineup_post_get_id (post) == NULL, FALSE);

  if (!validate_post (self, post, error))
    return FALSE;

  id = g_uuid_string_random ();
  _lineup_post_set_id (post, id);
  _lineup_post_set_bookkeeping (post, now, now, 1, 0);

  label = quoted_label (_("Add “%s”"), post);
  if (!begin_operation (self, label, error))
    goto failed;
  if (!write_post_row (self, post, error) ||
      !write_history (self, id, -1, lineup_post_get_stage (post), NULL, NULL, now, error))
    {
      end_operation (self, FALSE, NULL);
      goto failed;
    }

  /* Undoing an addition marks the post deleted, like a deletion does. */
  gone = lineup_post_copy (post);
  _lineup_post_set_bookkeeping (gone, now, now, 1, now);
  {
    g_autoptr(LineupPost) stored = lineup_post_copy (post);
    record_post_change (self, gone, stored);
  }
  if (!end_operation (self, TRUE, error))
    goto failed;
  return TRUE;

failed:
  _lineup_post_set_id (post, NULL);
  _lineup_post_set_bookkeeping (post, 0, 0, 0, 0);
  return FALSE;
}

/* Resolves a full id or a unique prefix of at least 4 characters to a live
 * post. */
static LineupPost *
find_live_post (LineupStore  *self,
                const char   *id_or_prefix,
                GError      **error)
{
  static const char sql[] =
    "SELECT " POST_COLUMNS " FROM posts "
    "WHERE id >= ?1 AND id < ?1 || x'7f' AND deleted_at IS NULL LIMIT 2";
  g_autofree char *lower = NULL;
  sqlite3_stmt *stmt;
  LineupPost *found = NULL;
  int rc, matches = 0;

  if (id_or_prefix == NULL || !g_utf8_validate (id_or_prefix, -1, NULL) ||
      strlen (id_or_prefix) < 4)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND,
                   _("“%s” is not a post id: give the id or at least its first 4 characters (see “lineup post list”)"),
                   id_or_prefix && g_utf8_validate (id_or_prefix, -1, NULL) ? id_or_prefix : "?");
      return NULL;
    }

  lower = g_ascii_strdown (id_or_prefix, -1);
  stmt = get_statement (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, lower, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      matches++;
      if (found == NULL)
        found = post_from_row (stmt);
    }
  finish_statement (stmt);

  if (rc != SQLITE_DONE)
    {
      g_clear_object (&found);
      set_sqlite_error (self, error, _("find the post"));
      return NULL;
    }
  if (matches == 0)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND,
                   _("No post with id “%s” in the plan: list the posts with “lineup post list” to find its id"),
                   id_or_prefix);
      return NULL;
    }
  if (matches > 1)
    {
      g_clear_object (&found);
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_AMBIGUOUS,
                   _("“%s” is the start of several posts’ ids: give more of the id"),
                   id_or_prefix);
      return NULL;
    }
  return found;
}

LineupPost *
lineup_store_get_post (LineupStore  *self,
                       const char   *id_or_prefix,
                       GError      **error)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  return find_live_post (self, id_or_prefix, error);
}

static GPtrArray *
collect_posts (LineupStore  *self,
               sqlite3_stmt *stmt,
               GError      **error)
{
  g_autoptr(GPtrArray) posts = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (posts, post_from_row (stmt));
  finish_statement (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, _("read the posts"));
      return NULL;
    }
  return g_steal_pointer (&posts);
}

static gint64
read_data_version (LineupStore *self)
{
  static const char sql[] = "PRAGMA data_version";
  sqlite3_stmt *stmt = get_statement (self, sql, NULL);
  gint64 version = -1;

  if (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  if (stmt)
    finish_statement (stmt);
  return version;
}

static gboolean
cache_is_current (LineupStore *self)
{
  if (self->cache == NULL)
    return FALSE;
  if (read_data_version (self) == self->cache_version)
    return TRUE;

  /* Another process changed the plan since: forget what we hold. */
  g_clear_pointer (&self->cache_index, g_hash_table_unref);
  g_clear_pointer (&self->cache, g_ptr_array_unref);
  return FALSE;
}

static GPtrArray *
copy_range (GPtrArray *cache,
            guint      from,
            guint      to)
{
  GPtrArray *posts = g_ptr_array_new_full (to - from, g_object_unref);

  for (guint i = from; i < to; i++)
    g_ptr_array_add (posts, g_object_ref (g_ptr_array_index (cache, i)));
  return posts;
}

GPtrArray *
lineup_store_list_posts (LineupStore  *self,
                         gint64        from,
                         gint64        to,
                         GError      **error)
{
  static const char sql[] =
    "SELECT " POST_COLUMNS " FROM posts "
    "WHERE slot >= ? AND slot < ? AND deleted_at IS NULL "
    "ORDER BY slot, created_at, id";
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);

  /* Inside a transaction the cache does not show the uncommitted changes;
   * the database does. */
  if (self->depth == 0 && cache_is_current (self))
    {
      guint first = cache_bisect_time (self->cache, from);
      guint last = cache_bisect_time (self->cache, to);

      return copy_range (self->cache, first, MAX (first, last));
    }

  stmt = get_statement (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, MIN (to, UNDATED_SLOT));
  return collect_posts (self, stmt, error);
}

GPtrArray *
lineup_store_list_undated_posts (LineupStore  *self,
                                 GError      **error)
{
  static const char sql[] =
    "SELECT " POST_COLUMNS " FROM posts WHERE slot = ? AND deleted_at IS NULL "
    "ORDER BY slot, created_at, id";
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);

  /* Undated posts sort last in the cache. */
  if (self->depth == 0 && cache_is_current (self))
    {
      guint first = self->cache->len;

      while (first > 0 && !lineup_post_is_dated (self->cache->pdata[first - 1]))
        first--;
      return copy_range (self->cache, first, self->cache->len);
    }

  stmt = get_statement (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, UNDATED_SLOT);
  return collect_posts (self, stmt, error);
}

GPtrArray *
lineup_store_list_all_posts (LineupStore  *self,
                             GError      **error)
{
  static const char sql[] =
    "SELECT " POST_COLUMNS " FROM posts WHERE deleted_at IS NULL "
    "ORDER BY slot, created_at, id";
  sqlite3_stmt *stmt;
  GPtrArray *posts;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);

  if (self->depth == 0 && cache_is_current (self))
    return copy_range (self->cache, 0, self->cache->len);

  stmt = get_statement (self, sql, error);
  if (stmt == NULL)
    return NULL;
  posts = collect_posts (self, stmt, error);
  if (posts == NULL || self->depth > 0)
    return posts;

  /* SQLite's order and ours agree; sorting keeps the cache's invariant
   * independent of the SQL. */
  lineup_posts_sort_by_time (posts);
  self->cache = posts;
  self->cache_index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < posts->len; i++)
    g_hash_table_insert (self->cache_index, (gpointer) lineup_post_get_id (posts->pdata[i]), posts->pdata[i]);
  self->cache_version = read_data_version (self);

  return copy_range (posts, 0, posts->len);
}

guint
lineup_store_count_posts (LineupStore *self)
{
  static const char sql[] = "SELECT count(*) FROM posts WHERE deleted_at IS NULL";
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (LINEUP_IS_STORE (self), 0);

  if (self->depth == 0 && cache_is_current (self))
    return self->cache->len;

  stmt = get_statement (self, sql, NULL);
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  finish_statement (stmt);
  return n;
}

gboolean
lineup_store_has_posts (LineupStore *self)
{
  static const char sql[] = "SELECT EXISTS (SELECT 1 FROM posts WHERE deleted_at IS NULL)";
  sqlite3_stmt *stmt;
  gboolean any = FALSE;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  if (self->depth == 0 && cache_is_current (self))
    return self->cache->len > 0;

  stmt = get_statement (self, sql, NULL);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    any = sqlite3_column_int (stmt, 0) != 0;
  finish_statement (stmt);
  return any;
}

/* Stores @changed (a copy of @current with edits) as the next revision. */
static gboolean
commit_post_change (LineupStore  *self,
                    LineupPost   *current,
                    LineupPost   *changed,
                    const char   *label,
                    GError      **error)
{
  if (!begin_operation (self, label, error))
    return FALSE;
  if (!write_post_row (self, changed, error))
    return end_operation (self, FALSE, NULL);
  record_post_change (self, current, changed);
  return end_operation (self, TRUE, error);
}

gboolean
lineup_store_update_post (LineupStore  *self,
                          LineupPost   *post,
                          GError      **error)
{
  g_autoptr(LineupPost) current = NULL;
  g_autoptr(LineupPost) changed = NULL;
  g_autofree char *label = NULL;
  g_autofree char *what_changed = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  g_return_val_if_fail (LINEUP_IS_POST (post), FALSE);
  g_return_val_if_fail (lineup_post_get_id (post) != NULL, FALSE);

  current = find_live_post (self, lineup_post_get_id (post), error);
  if (current == NULL)
    return FALSE;

  changed = lineup_post_copy (post);
  if (!validate_post (self, changed, error))
    return FALSE;
  if (lineup_post_content_equal (current, changed))
    return TRUE;

  _lineup_post_set_stage (changed, lineup_post_get_stage (current));
  _lineup_post_set_bookkeeping (changed,
                                lineup_post_get_created_at (current),
                                now_seconds (),
                                lineup_post_get_revision (current) + 1,
                                0);

  /* Editing what approvers approved sends the post back to them. */
  what_changed = lineup_workflow_edit_sends_back (current, changed);
  if (what_changed)
    _lineup_post_set_stage (changed, LINEUP_STAGE_IN_REVIEW);

  label = quoted_label (_("Edit “%s”"), current);
  if (!begin_operation (self, label, error))
    return FALSE;
  if (!write_post_row (self, changed, error) ||
      (what_changed &&
       !write_history_line (self, LINEUP_HISTORY_EDIT, lineup_post_get_id (current),
                            lineup_post_get_stage (current), LINEUP_STAGE_IN_REVIEW,
                            NULL, what_changed, lineup_post_get_updated_at (changed), error)))
    return end_operation (self, FALSE, NULL);
  record_post_change (self, current, changed);
  if (!end_operation (self, TRUE, error))
    return FALSE;

  _lineup_post_set_bookkeeping (post,
                                lineup_post_get_created_at (changed),
                                lineup_post_get_updated_at (changed),
                                lineup_post_get_revision (changed),
                                0);
  lineup_post_set_platforms (post, lineup_post_get_platforms (changed));
  _lineup_post_set_stage (post, lineup_post_get_stage (changed));
  return TRUE;
}

/* Stores @current at instant @when (or undated) as the next revision, in
 * one undo step labelled @label_format with the title; nothing when the
 * instant is the same. */
static gboolean
commit_schedule (LineupStore  *self,
                 LineupPost   *current,
                 gint64        when,
                 const char   *label_format,
                 GError      **error)
{
  g_autoptr(LineupPost) changed = NULL;
  g_autofree char *label = NULL;

  if (when == lineup_post_get_scheduled_at (current))
    return TRUE;

  changed = lineup_post_copy (current);
  lineup_post_set_scheduled_at (changed, when);
  _lineup_post_set_bookkeeping (changed,
                                lineup_post_get_created_at (current),
                                now_seconds (),
                                lineup_post_get_revision (current) + 1,
                                0);

  label = quoted_label (label_format, current);
  return commit_post_change (self, current, changed, label, error);
}

gboolean
lineup_store_move_post (LineupStore  *self,
                        const char   *id,
                        GDate        *date,
                        GError      **error)
{
  return lineup_store_reschedule_post (self, id, date, -1, error);
}

gboolean
lineup_store_reschedule_post (LineupStore  *self,
                              const char   *id,
                              GDate        *date,
                              int           minutes,
                              GError      **error)
{
  g_autoptr(LineupPost) current = NULL;
  gint64 when;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);
  g_return_val_if_fail (minutes >= -1 && minutes < 24 * 60, FALSE);

  current = find_live_post (self, id, error);
  if (current == NULL || !lineup_store_can_move_post (self, current, error))
    return FALSE;

  if (minutes < 0)
    {
      minutes = self->default_time;
      if (lineup_post_is_dated (current))
        lineup_store_utc_to_local (self, lineup_post_get_scheduled_at (current), NULL, &minutes);
    }
  when = lineup_store_local_to_utc (self, date, minutes);
  return commit_schedule (self, current, when, _("Move “%s”"), error);
}

gboolean
lineup_store_can_move_post (LineupStore  *self,
                            LineupPost   *post,
                            GError      **error)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  g_return_val_if_fail (LINEUP_IS_POST (post), FALSE);

  if (lineup_post_get_stage (post) == LINEUP_STAGE_PUBLISHED)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("“%s” is published: it stays on the day it went out. Duplicate it to plan it again"),
                   lineup_post_get_title (post));
      return FALSE;
    }
  return TRUE;
}

gboolean
lineup_store_unschedule_post (LineupStore  *self,
                              const char   *id,
                              GError      **error)
{
  g_autoptr(LineupPost) current = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  current = find_live_post (self, id, error);
  if (current == NULL || !lineup_store_can_move_post (self, current, error))
    return FALSE;
  return commit_schedule (self, current, LINEUP_POST_UNDATED, _("Move “%s” to the backlog"), error);
}

LineupPost *
lineup_store_duplicate_post (LineupStore  *self,
                             const char   *id,
                             GDate        *date,
                             GError      **error)
{
  g_autoptr(LineupPost) original = NULL;
  g_autoptr(LineupPost) copy = NULL;
  int minutes;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  original = find_live_post (self, id, error);
  if (original == NULL)
    return NULL;

  minutes = self->default_time;
  if (lineup_post_is_dated (original))
    lineup_store_utc_to_local (self, lineup_post_get_scheduled_at (original), NULL, &minutes);

  /* A fresh post: its own id, history and revision, content copied. */
  copy = lineup_post_copy (original);
  _lineup_post_set_id (copy, NULL);
  _lineup_post_set_bookkeeping (copy, 0, 0, 0, 0);
  _lineup_post_set_stage (copy, LINEUP_STAGE_DRAFT);
  lineup_post_set_scheduled_at (copy, lineup_store_local_to_utc (self, date, minutes));

  if (!lineup_store_add_post (self, copy, error))
    return NULL;
  return g_steal_pointer (&copy);
}

gboolean
lineup_store_set_stage (LineupStore  *self,
                        const char   *id,
                        LineupStage   stage,
                        const char   *actor,
                        const char   *comment,
                        GError      **error)
{
  g_autoptr(LineupPost) current = NULL;
  g_autoptr(LineupPost) changed = NULL;
  g_autofree char *label = NULL;
  gint64 now = now_seconds ();

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  if ((guint) stage >= LINEUP_N_STAGES)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("Unknown stage: expected one of %s"), lineup_stage_list_keys ());
      return FALSE;
    }
  if (actor != NULL && !check_name (_("The person’s name"), actor, error))
    return FALSE;
  if (!check_text (_("The comment"), comment, LINEUP_FIELD_MAX_CHARS, error))
    return FALSE;

  current = find_live_post (self, id, error);
  if (current == NULL)
    return FALSE;
  if (lineup_post_get_stage (current) == stage)
    return TRUE;

  changed = lineup_post_copy (current);
  _lineup_post_set_stage (changed, stage);
  _lineup_post_set_bookkeeping (changed,
                                lineup_post_get_created_at (current), now,
                                lineup_post_get_revision (current), 0);

  label = quoted_label (_("Change the stage of “%s”"), current);
  if (!begin_operation (self, label, error))
    return FALSE;
  if (!write_post_row (self, changed, error) ||
      !write_history (self, lineup_post_get_id (current),
                      lineup_post_get_stage (current), stage,
                      actor, comment, now, error))
    return end_operation (self, FALSE, NULL);
  record_post_change (self, current, changed);
  return end_operation (self, TRUE, error);
}

gboolean
lineup_store_delete_post (LineupStore  *self,
                          const char   *id,
                          GError      **error)
{
  g_autoptr(LineupPost) current = NULL;
  g_autoptr(LineupPost) changed = NULL;
  g_autofree char *label = NULL;
  gint64 now = now_seconds ();

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  current = find_live_post (self, id, error);
  if (current == NULL)
    return FALSE;

  changed = lineup_post_copy (current);
  _lineup_post_set_bookkeeping (changed,
                                lineup_post_get_created_at (current), now,
                                lineup_post_get_revision (current), now);

  label = quoted_label (_("Delete “%s”"), current);
  return commit_post_change (self, current, changed, label, error);
}

void
lineup_stage_change_free (LineupStageChange *change)
{
  if (change == NULL)
    return;
  g_free (change->actor);
  g_free (change->comment);
  g_free (change);
}

GPtrArray *
lineup_store_get_history (LineupStore  *self,
                          const char   *id,
                          GError      **error)
{
  static const char sql[] =
    "SELECT at, from_stage, to_stage, actor, comment, kind FROM stage_history "
    "WHERE post_id = ? ORDER BY id";
  g_autoptr(LineupPost) post = NULL;
  g_autoptr(GPtrArray) history = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);

  post = find_live_post (self, id, error);
  if (post == NULL)
    return NULL;
  stmt = get_statement (self, sql, error);
  if (stmt == NULL)
    return NULL;

  history = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_stage_change_free);
  sqlite3_bind_text (stmt, 1, lineup_post_get_id (post), -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LineupStageChange *change = g_new0 (LineupStageChange, 1);

      change->at = sqlite3_column_int64 (stmt, 0);
      change->from_stage = sqlite3_column_type (stmt, 1) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 1);
      change->to_stage = sqlite3_column_int (stmt, 2);
      change->actor = g_strdup (column_text (stmt, 3));
      change->comment = g_strdup (column_text (stmt, 4));
      if (!lineup_history_kind_from_key (column_text (stmt, 5), &change->kind))
        change->kind = LINEUP_HISTORY_STAGE;
      g_ptr_array_add (history, change);
    }
  finish_statement (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, _("read the history"));
      return NULL;
    }
  return g_steal_pointer (&history);
}

/* ---- the team, the approval chain, the checklist ---- */

void
lineup_member_free (LineupMember *member)
{
  if (member == NULL)
    return;
  g_free (member->name);
  g_free (member);
}

void
lineup_approval_step_free (LineupApprovalStep *step)
{
  if (step == NULL)
    return;
  g_free (step->name);
  g_strfreev (step->approvers);
  g_free (step);
}

void
lineup_checklist_item_free (LineupChecklistItem *item)
{
  if (item == NULL)
    return;
  g_free (item->text);
  g_free (item->checked_by);
  g_free (item);
}

/* Runs @sql (with up to three text/integer binds prepared by @bind) as one
 * small settings change: its own transaction, no undo step, "plan-changed"
 * after the commit. */
static gboolean
settings_operation_begin (LineupStore  *self,
                          GError      **error)
{
  if (!begin_operation (self, NULL, error))
    return FALSE;
  queue_signal (self, PENDING_PLAN, NULL, NULL);
  return TRUE;
}

static gboolean
step_done (LineupStore   *self,
           sqlite3_stmt  *stmt,
           const char    *what,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  finish_statement (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, error, what);
  return TRUE;
}

/* Runs one statement as a settings change: @types says how to bind the
 * arguments that follow ('s' text, 'i' gint64). */
static gboolean
settings_exec (LineupStore  *self,
               GError      **error,
               const char   *what,
               const char   *sql,
               const char   *types,
               ...)
{
  sqlite3_stmt *stmt;
  va_list args;

  if (!settings_operation_begin (self, error))
    return FALSE;
  stmt = get_statement (self, sql, error);
  if (stmt == NULL)
    return end_operation (self, FALSE, NULL);
  va_start (args, types);
  for (int i = 0; types[i]; i++)
    {
      if (types[i] == 's')
        sqlite3_bind_text (stmt, i + 1, va_arg (args, const char *), -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_int64 (stmt, i + 1, va_arg (args, gint64));
    }
  va_end (args);
  if (!step_done (self, stmt, what, error))
    return end_operation (self, FALSE, NULL);
  return end_operation (self, TRUE, error);
}

GPtrArray *
lineup_store_get_team (LineupStore *self)
{
  static const char sql[] = "SELECT name, role FROM team ORDER BY position, name";
  GPtrArray *team = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_member_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), team);

  stmt = get_statement (self, sql, NULL);
  if (stmt == NULL)
    return team;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      LineupMember *member = g_new0 (LineupMember, 1);

      member->name = g_strdup (column_text (stmt, 0));
      if (!lineup_role_from_string (column_text (stmt, 1), &member->role))
        member->role = LINEUP_ROLE_EDITOR;
      g_ptr_array_add (team, member);
    }
  finish_statement (stmt);
  return team;
}

LineupMember *
lineup_store_find_member (LineupStore *self,
                          const char  *name)
{
  g_autoptr(GPtrArray) team = lineup_store_get_team (self);

  for (guint i = 0; name && i < team->len; i++)
    {
      LineupMember *member = g_ptr_array_index (team, i);

      if (g_utf8_collate (member->name, name) == 0 || g_ascii_strcasecmp (member->name, name) == 0)
        {
          LineupMember *copy = g_new0 (LineupMember, 1);

          copy->name = g_strdup (member->name);
          copy->role = member->role;
          return copy;
        }
    }
  return NULL;
}

gboolean
lineup_store_set_member (LineupStore  *self,
                         const char   *name,
                         LineupRole    role,
                         GError      **error)
{
  static const char sql[] =
    "INSERT INTO team (name, role, position) "
    "VALUES (?1, ?2, (SELECT coalesce(max(position), -1) + 1 FROM team)) "
    "ON CONFLICT (name) DO UPDATE SET role = ?2";
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  if (!check_name (_("The member’s name"), name, error))
    return FALSE;
  if ((guint) role >= LINEUP_N_ROLES)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("Unknown role: expected lead, editor or approver"));
      return FALSE;
    }
  stripped = g_strstrip (g_strdup (name));
  return settings_exec (self, error, _("save the team member"), sql, "ss", stripped, lineup_role_to_key (role));
}

gboolean
lineup_store_remove_member (LineupStore  *self,
                            const char   *name,
                            GError      **error)
{
  static const char sql[] = "DELETE FROM team WHERE name = ?";
  g_autoptr(LineupMember) member = NULL;
  g_autoptr(GPtrArray) chain = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  member = lineup_store_find_member (self, name);
  if (member == NULL)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND,
                   _("“%s” is not in the team"), name ? name : "");
      return FALSE;
    }
  chain = lineup_store_get_approval_chain (self);
  for (guint i = 0; i < chain->len; i++)
    {
      LineupApprovalStep *step = g_ptr_array_index (chain, i);

      if (g_strv_contains ((const char * const *) step->approvers, member->name))
        {
          g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                       _("%s approves in the step “%s”: take them out of the approval chain first"),
                       member->name, step->name);
          return FALSE;
        }
    }

  return settings_exec (self, error, _("remove the team member"), sql, "s", member->name);
}

GPtrArray *
lineup_store_get_approval_chain (LineupStore *self)
{
  static const char steps_sql[] = "SELECT position, name, mode FROM approval_steps ORDER BY position";
  static const char members_sql[] =
    "SELECT m.member FROM approval_step_members m LEFT JOIN team t ON t.name = m.member "
    "WHERE m.step = ? ORDER BY t.position, m.member";
  GPtrArray *chain = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_approval_step_free);
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), chain);

  stmt = get_statement (self, steps_sql, NULL);
  if (stmt == NULL)
    return chain;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      LineupApprovalStep *step = g_new0 (LineupApprovalStep, 1);
      gint64 position = sqlite3_column_int64 (stmt, 0);

      step->name = g_strdup (column_text (stmt, 1));
      step->all = g_strcmp0 (column_text (stmt, 2), "all") == 0;
      g_ptr_array_add (chain, step);
      g_array_append_val (positions, position);
    }
  finish_statement (stmt);

  for (guint i = 0; i < chain->len; i++)
    {
      LineupApprovalStep *step = g_ptr_array_index (chain, i);
      g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

      stmt = get_statement (self, members_sql, NULL);
      if (stmt == NULL)
        break;
      sqlite3_bind_int64 (stmt, 1, g_array_index (positions, gint64, i));
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (names, column_text (stmt, 0));
      finish_statement (stmt);
      step->approvers = g_strv_builder_end (names);
    }
  for (guint i = 0; i < chain->len; i++)
    {
      LineupApprovalStep *step = g_ptr_array_index (chain, i);

      if (step->approvers == NULL)
        step->approvers = g_new0 (char *, 1);
    }
  return chain;
}

gboolean
lineup_store_set_approval_chain (LineupStore  *self,
                                 GPtrArray    *steps,
                                 GError      **error)
{
  static const char step_sql[] = "INSERT INTO approval_steps (position, name, mode) VALUES (?, ?, ?)";
  static const char member_sql[] = "INSERT OR IGNORE INTO approval_step_members (step, member) VALUES (?, ?)";
  g_autoptr(GPtrArray) canonical = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  g_return_val_if_fail (steps != NULL, FALSE);

  /* Check everything before writing anything. */
  for (guint i = 0; i < steps->len; i++)
    {
      LineupApprovalStep *step = g_ptr_array_index (steps, i);

      if (!check_name (_("The step’s name"), step->name, error))
        return FALSE;
      for (guint j = 0; j < i; j++)
        if (g_utf8_collate (((LineupApprovalStep *) g_ptr_array_index (steps, j))->name, step->name) == 0)
          {
            g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_EXISTS,
                         _("The chain names the step “%s” twice: give each step its own name"), step->name);
            return FALSE;
          }
      if (step->approvers == NULL || step->approvers[0] == NULL)
        {
          g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                       _("The step “%s” has no approvers: name at least one team member"), step->name);
          return FALSE;
        }
      for (guint k = 0; step->approvers[k]; k++)
        {
          g_autoptr(LineupMember) member = lineup_store_find_member (self, step->approvers[k]);

          if (member == NULL)
            {
              g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND,
                           _("%s (in the step “%s”) is not in the team: add them first with “lineup team add NAME --role approver”"),
                           step->approvers[k], step->name);
              return FALSE;
            }
        }
    }

  if (!settings_operation_begin (self, error))
    return FALSE;
  if (!exec_sql (self, "DELETE FROM approval_step_members; DELETE FROM approval_steps", error))
    return end_operation (self, FALSE, NULL);
  for (guint i = 0; i < steps->len; i++)
    {
      LineupApprovalStep *step = g_ptr_array_index (steps, i);
      g_autofree char *name = g_strstrip (g_strdup (step->name));
      sqlite3_stmt *stmt = get_statement (self, step_sql, error);

      if (stmt == NULL)
        return end_operation (self, FALSE, NULL);
      sqlite3_bind_int (stmt, 1, i);
      sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, step->all ? "all" : "any", -1, SQLITE_STATIC);
      if (!step_done (self, stmt, _("save the approval chain"), error))
        return end_operation (self, FALSE, NULL);
      for (guint k = 0; step->approvers[k]; k++)
        {
          g_autoptr(LineupMember) member = lineup_store_find_member (self, step->approvers[k]);

          stmt = get_statement (self, member_sql, error);
          if (stmt == NULL)
            return end_operation (self, FALSE, NULL);
          sqlite3_bind_int (stmt, 1, i);
          sqlite3_bind_text (stmt, 2, member->name, -1, SQLITE_TRANSIENT);
          if (!step_done (self, stmt, _("save the approval chain"), error))
            return end_operation (self, FALSE, NULL);
        }
    }
  return end_operation (self, TRUE, error);
}

gboolean
lineup_store_get_forbid_self_approval (LineupStore *self)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  value = read_meta (self, "forbid_self_approval");
  return g_strcmp0 (value, "1") == 0;
}

gboolean
lineup_store_set_forbid_self_approval (LineupStore  *self,
                                       gboolean      forbid,
                                       GError      **error)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  if (!settings_operation_begin (self, error))
    return FALSE;
  if (!write_meta (self, "forbid_self_approval", forbid ? "1" : "0", error))
    return end_operation (self, FALSE, NULL);
  return end_operation (self, TRUE, error);
}

GPtrArray *
lineup_store_get_checklist (LineupStore *self)
{
  static const char sql[] = "SELECT id, text FROM checklist ORDER BY position, id";
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_checklist_item_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), items);

  stmt = get_statement (self, sql, NULL);
  if (stmt == NULL)
    return items;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      LineupChecklistItem *item = g_new0 (LineupChecklistItem, 1);

      item->id = sqlite3_column_int64 (stmt, 0);
      item->text = g_strdup (column_text (stmt, 1));
      g_ptr_array_add (items, item);
    }
  finish_statement (stmt);
  return items;
}

static gboolean
check_checklist_text (const char  *text,
                      GError     **error)
{
  g_autofree char *stripped = NULL;

  if (!check_text (_("The checklist item"), text, 300, error) ||
      !check_one_line (_("The checklist item"), text, error))
    return FALSE;
  stripped = g_strstrip (g_strdup (text ? text : ""));
  if (*stripped == '\0')
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The checklist item is empty: say what to check"));
      return FALSE;
    }
  return TRUE;
}

gboolean
lineup_store_add_checklist_item (LineupStore  *self,
                                 const char   *text,
                                 GError      **error)
{
  static const char sql[] =
    "INSERT INTO checklist (text, position) VALUES (?, (SELECT coalesce(max(position), -1) + 1 FROM checklist))";
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  if (!check_checklist_text (text, error))
    return FALSE;
  stripped = g_strstrip (g_strdup (text));
  return settings_exec (self, error, _("save the checklist"), sql, "s", stripped);
}

static gboolean
checklist_item_exists (LineupStore  *self,
                       gint64        id,
                       GError      **error)
{
  g_autoptr(GPtrArray) items = lineup_store_get_checklist (self);

  for (guint i = 0; i < items->len; i++)
    if (((LineupChecklistItem *) g_ptr_array_index (items, i))->id == id)
      return TRUE;
  g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND,
               _("The checklist has no item %" G_GINT64_FORMAT), id);
  return FALSE;
}

gboolean
lineup_store_rename_checklist_item (LineupStore  *self,
                                    gint64        id,
                                    const char   *text,
                                    GError      **error)
{
  static const char sql[] = "UPDATE checklist SET text = ? WHERE id = ?";
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  if (!check_checklist_text (text, error) || !checklist_item_exists (self, id, error))
    return FALSE;
  stripped = g_strstrip (g_strdup (text));
  return settings_exec (self, error, _("save the checklist"), sql, "si", stripped, id);
}

gboolean
lineup_store_remove_checklist_item (LineupStore  *self,
                                    gint64        id,
                                    GError      **error)
{
  static const char sql[] = "DELETE FROM checklist WHERE id = ?";

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  if (!checklist_item_exists (self, id, error))
    return FALSE;
  return settings_exec (self, error, _("save the checklist"), sql, "i", id);
}

static gboolean
check_percent (const char  *what,
               double       value,
               GError     **error)
{
  if (isnan (value) || value < 0 || value > 100)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("%s %.1f%% is not a percentage: expected 0 to 100"), what, value);
      return FALSE;
    }
  return TRUE;
}

gboolean
lineup_store_set_type_target (LineupStore  *self,
                              gint64        type_id,
                              double        min,
                              double        max,
                              GError      **error)
{
  static const char sql[] = "UPDATE content_types SET target_min = ?, target_max = ? WHERE id = ?";
  LineupContentType *type;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  type = lineup_store_get_content_type (self, type_id);
  if (type == NULL)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND, _("No such content type"));
      return FALSE;
    }
  if (!check_percent (_("The minimum"), min, error) || !check_percent (_("The maximum"), max, error))
    return FALSE;
  if (min > max)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The target for %s runs from %.1f%% to %.1f%%: the minimum must not be above the maximum"),
                   lineup_content_type_get_name (type), min, max);
      return FALSE;
    }

  if (!begin_operation (self, NULL, error))
    return FALSE;
  stmt = get_statement (self, sql, error);
  if (stmt == NULL)
    return end_operation (self, FALSE, NULL);
  sqlite3_bind_double (stmt, 1, min);
  sqlite3_bind_double (stmt, 2, max);
  sqlite3_bind_int64 (stmt, 3, type_id);
  if (!step_done (self, stmt, _("save the target"), error) || !load_types (self, error))
    return end_operation (self, FALSE, NULL);
  queue_signal (self, PENDING_TYPES, NULL, NULL);
  return end_operation (self, TRUE, error);
}

gboolean
lineup_store_set_pillar_target (LineupStore  *self,
                                gint64        pillar_id,
                                double        target,
                                GError      **error)
{
  static const char sql[] = "UPDATE pillars SET target = ? WHERE id = ?";
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  if (lineup_store_get_pillar (self, pillar_id) == NULL)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND, _("No such pillar"));
      return FALSE;
    }
  if (target >= 0 && !check_percent (_("The target share"), target, error))
    return FALSE;

  if (!begin_operation (self, NULL, error))
    return FALSE;
  stmt = get_statement (self, sql, error);
  if (stmt == NULL)
    return end_operation (self, FALSE, NULL);
  if (target >= 0)
    sqlite3_bind_double (stmt, 1, target);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_int64 (stmt, 2, pillar_id);
  if (!step_done (self, stmt, _("save the target"), error) || !load_pillars (self, error))
    return end_operation (self, FALSE, NULL);
  queue_signal (self, PENDING_PILLARS, NULL, NULL);
  return end_operation (self, TRUE, error);
}

guint
lineup_store_get_mix_stages (LineupStore *self)
{
  g_autofree char *value = NULL;
  guint64 stages;

  g_return_val_if_fail (LINEUP_IS_STORE (self), LINEUP_MIX_DEFAULT_STAGES);
  value = read_meta (self, "mix_stages");
  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, (1u << LINEUP_N_STAGES) - 1, &stages, NULL))
    return LINEUP_MIX_DEFAULT_STAGES;
  return (guint) stages;
}

gboolean
lineup_store_set_mix_stages (LineupStore  *self,
                             guint         stages,
                             GError      **error)
{
  g_autofree char *value = g_strdup_printf ("%u", stages & ((1u << LINEUP_N_STAGES) - 1));

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  if (!settings_operation_begin (self, error))
    return FALSE;
  if (!write_meta (self, "mix_stages", value, error))
    return end_operation (self, FALSE, NULL);
  return end_operation (self, TRUE, error);
}

/* ---- feeds ---- */

void
lineup_feed_free (LineupFeed *feed)
{
  if (feed == NULL)
    return;
  g_free (feed->name);
  g_free (feed->target);
  g_free (feed->username);
  g_strfreev (feed->filter);
  g_free (feed->privacy);
  g_free (feed->etag);
  g_free (feed->last_error);
  g_free (feed);
}

const char *
lineup_feed_kind_to_key (LineupFeedKind kind)
{
  switch (kind)
    {
    case LINEUP_FEED_WEBDAV: return "webdav";
    case LINEUP_FEED_CALDAV: return "caldav";
    case LINEUP_FEED_FILE:
    default: return "file";
    }
}

#define FEED_COLUMNS "name, kind, target, username, filter, days_back, days_ahead, privacy, duration, " \
                     "refresh, local_time, auto_publish, etag, last_at, last_items, last_error"

static LineupFeed *
feed_from_row (sqlite3_stmt *stmt)
{
  LineupFeed *feed = g_new0 (LineupFeed, 1);
  const char *kind = column_text (stmt, 1);
  const char *filter = column_text (stmt, 4);

  feed->name = g_strdup (column_text (stmt, 0));
  feed->kind = g_strcmp0 (kind, "webdav") == 0 ? LINEUP_FEED_WEBDAV
             : g_strcmp0 (kind, "caldav") == 0 ? LINEUP_FEED_CALDAV : LINEUP_FEED_FILE;
  feed->target = g_strdup (column_text (stmt, 2));
  feed->username = g_strdup (column_text (stmt, 3));
  feed->filter = filter && *filter ? g_strsplit (filter, "\n", -1) : g_new0 (char *, 1);
  feed->days_back = sqlite3_column_int (stmt, 5);
  feed->days_ahead = sqlite3_column_int (stmt, 6);
  feed->privacy = g_strdup (column_text (stmt, 7));
  feed->duration = sqlite3_column_int (stmt, 8);
  feed->refresh = sqlite3_column_int (stmt, 9);
  feed->local_time = sqlite3_column_int (stmt, 10);
  feed->auto_publish = sqlite3_column_int (stmt, 11);
  feed->etag = g_strdup (column_text (stmt, 12));
  feed->last_at = sqlite3_column_int64 (stmt, 13);
  feed->last_items = sqlite3_column_int (stmt, 14);
  feed->last_error = g_strdup (column_text (stmt, 15));
  return feed;
}

GPtrArray *
lineup_store_get_feeds (LineupStore *self)
{
  static const char sql[] = "SELECT " FEED_COLUMNS " FROM feeds ORDER BY name";
  GPtrArray *feeds = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_feed_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), feeds);
  if ((stmt = get_statement (self, sql, NULL)) == NULL)
    return feeds;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (feeds, feed_from_row (stmt));
  finish_statement (stmt);
  return feeds;
}

LineupFeed *
lineup_store_find_feed (LineupStore *self,
                        const char  *name)
{
  static const char sql[] = "SELECT " FEED_COLUMNS " FROM feeds WHERE name = ?";
  LineupFeed *feed = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  if (name == NULL || (stmt = get_statement (self, sql, NULL)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    feed = feed_from_row (stmt);
  finish_statement (stmt);
  return feed;
}

gboolean
lineup_store_save_feed (LineupStore  *self,
                        LineupFeed   *feed,
                        gboolean      create,
                        GError      **error)
{
  static const char insert_sql[] =
    "INSERT INTO feeds (name, kind, target, username, filter, days_back, days_ahead, privacy, duration, "
    "refresh, local_time, auto_publish) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
  static const char update_sql[] =
    "UPDATE feeds SET kind = ?2, target = ?3, username = ?4, filter = ?5, days_back = ?6, days_ahead = ?7, "
    "privacy = ?8, duration = ?9, refresh = ?10, local_time = ?11, auto_publish = ?12 WHERE name = ?1";
  g_autofree char *filter = NULL;
  g_autoptr(LineupFeed) existing = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  g_return_val_if_fail (feed != NULL, FALSE);

  if (!check_name (_("The feed’s name"), feed->name, error))
    return FALSE;
  if (feed->target == NULL || *feed->target == '\0' ||
      (feed->kind != LINEUP_FEED_FILE && !g_str_has_prefix (feed->target, "http://") &&
       !g_str_has_prefix (feed->target, "https://")))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   feed->kind == LINEUP_FEED_FILE
                   ? _("The feed “%s” needs a file to write")
                   : _("The feed “%s” needs an http:// or https:// address"), feed->name);
      return FALSE;
    }
  if (feed->days_back < 0 || feed->days_ahead < 0 || feed->duration <= 0 || feed->refresh <= 0)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The feed “%s” needs a window of zero or more days and a positive duration and refresh"),
                   feed->name);
      return FALSE;
    }
  existing = lineup_store_find_feed (self, feed->name);
  if (create && existing)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_EXISTS,
                   _("There is a feed called “%s” already: choose another name"), feed->name);
      return FALSE;
    }
  if (!create && !existing)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND, _("No feed is called “%s”"), feed->name);
      return FALSE;
    }

  filter = feed->filter ? g_strjoinv ("\n", feed->filter) : g_strdup ("");
  if (!settings_operation_begin (self, error))
    return FALSE;
  if ((stmt = get_statement (self, create ? insert_sql : update_sql, error)) == NULL)
    return end_operation (self, FALSE, NULL);
  sqlite3_bind_text (stmt, 1, feed->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, lineup_feed_kind_to_key (feed->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, feed->target, -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 4, feed->username);
  sqlite3_bind_text (stmt, 5, filter, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 6, feed->days_back);
  sqlite3_bind_int (stmt, 7, feed->days_ahead);
  sqlite3_bind_text (stmt, 8, feed->privacy ? feed->privacy : "titles", -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 9, feed->duration);
  sqlite3_bind_int (stmt, 10, feed->refresh);
  sqlite3_bind_int (stmt, 11, feed->local_time);
  sqlite3_bind_int (stmt, 12, feed->auto_publish);
  if (!step_done (self, stmt, _("save the feed"), error))
    return end_operation (self, FALSE, NULL);
  return end_operation (self, TRUE, error);
}

gboolean
lineup_store_remove_feed (LineupStore  *self,
                          const char   *name,
                          GError      **error)
{
  g_autoptr(LineupFeed) feed = lineup_store_find_feed (self, name);

  if (feed == NULL)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND, _("No feed is called “%s”"), name);
      return FALSE;
    }
  return settings_exec (self, error, _("remove the feed"), "DELETE FROM feeds WHERE name = ?", "s", feed->name);
}

gboolean
lineup_store_set_feed_result (LineupStore  *self,
                              const char   *name,
                              const char   *etag,
                              int           items,
                              const char   *error_text,
                              GError      **error)
{
  static const char ok_sql[] =
    "UPDATE feeds SET etag = coalesce(?2, etag), last_at = ?3, last_items = ?4, last_error = NULL WHERE name = ?1";
  static const char failed_sql[] = "UPDATE feeds SET last_at = ?2, last_error = ?3 WHERE name = ?1";

  if (error_text)
    return settings_exec (self, error, _("save the feed’s result"), failed_sql, "sis", name,
                          now_seconds (), error_text);
  return settings_exec (self, error, _("save the feed’s result"), ok_sql, "ssii", name, etag,
                        now_seconds (), (gint64) items);
}

void
lineup_feed_item_free (LineupFeedItem *item)
{
  if (item == NULL)
    return;
  g_free (item->uid);
  g_free (item->href);
  g_free (item->etag);
  g_free (item->content_hash);
  g_free (item);
}

GHashTable *
lineup_store_get_feed_items (LineupStore *self,
                             const char  *feed)
{
  static const char sql[] = "SELECT uid, href, etag, content_hash FROM feed_items WHERE feed = ?";
  GHashTable *items = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) lineup_feed_item_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), items);
  if ((stmt = get_statement (self, sql, NULL)) == NULL)
    return items;
  sqlite3_bind_text (stmt, 1, feed, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      LineupFeedItem *item = g_new0 (LineupFeedItem, 1);

      item->uid = g_strdup (column_text (stmt, 0));
      item->href = g_strdup (column_text (stmt, 1));
      item->etag = g_strdup (column_text (stmt, 2));
      item->content_hash = g_strdup (column_text (stmt, 3));
      g_hash_table_insert (items, item->uid, item);
    }
  finish_statement (stmt);
  return items;
}

gboolean
lineup_store_set_feed_item (LineupStore     *self,
                            const char      *feed,
                            LineupFeedItem  *item,
                            GError         **error)
{
  return settings_exec (self, error, _("save the feed’s state"),
                        "INSERT OR REPLACE INTO feed_items (feed, uid, href, etag, content_hash) VALUES (?, ?, ?, ?, ?)",
                        "sssss", feed, item->uid, item->href, item->etag, item->content_hash);
}

gboolean
lineup_store_remove_feed_item (LineupStore  *self,
                               const char   *feed,
                               const char   *uid,
                               GError      **error)
{
  return settings_exec (self, error, _("save the feed’s state"),
                        "DELETE FROM feed_items WHERE feed = ? AND uid = ?", "ss", feed, uid);
}

/* ---- overlay calendars ---- */

void
lineup_overlay_free (LineupOverlay *overlay)
{
  if (overlay == NULL)
    return;
  g_free (overlay->name);
  g_free (overlay->source);
  g_free (overlay->color);
  g_free (overlay->cache);
  g_free (overlay->last_error);
  g_free (overlay);
}

GPtrArray *
lineup_store_get_overlays (LineupStore *self)
{
  static const char sql[] =
    "SELECT name, source, color, enabled, refresh_hours, cache, fetched_at, last_error FROM overlays ORDER BY name";
  GPtrArray *overlays = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_overlay_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), overlays);
  if ((stmt = get_statement (self, sql, NULL)) == NULL)
    return overlays;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      LineupOverlay *overlay = g_new0 (LineupOverlay, 1);

      overlay->name = g_strdup (column_text (stmt, 0));
      overlay->source = g_strdup (column_text (stmt, 1));
      overlay->color = g_strdup (column_text (stmt, 2));
      overlay->enabled = sqlite3_column_int (stmt, 3);
      overlay->refresh_hours = sqlite3_column_int (stmt, 4);
      overlay->cache = g_strdup (column_text (stmt, 5));
      overlay->fetched_at = sqlite3_column_int64 (stmt, 6);
      overlay->last_error = g_strdup (column_text (stmt, 7));
      g_ptr_array_add (overlays, overlay);
    }
  finish_statement (stmt);
  return overlays;
}

gboolean
lineup_store_add_overlay (LineupStore  *self,
                          const char   *name,
                          const char   *source,
                          const char   *color,
                          GError      **error)
{
  g_autoptr(GPtrArray) existing = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  if (!check_name (_("The overlay’s name"), name, error))
    return FALSE;
  if (source == NULL || *source == '\0')
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The overlay “%s” needs a file or an address to read"), name);
      return FALSE;
    }
  if (color && !lineup_color_is_valid (color))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The colour “%s” is not valid: write it as #RRGGBB, e.g. #e01b24"), color);
      return FALSE;
    }
  existing = lineup_store_get_overlays (self);
  for (guint i = 0; i < existing->len; i++)
    if (g_ascii_strcasecmp (((LineupOverlay *) g_ptr_array_index (existing, i))->name, name) == 0)
      {
        g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_EXISTS,
                     _("There is an overlay called “%s” already: choose another name"), name);
        return FALSE;
      }
  return settings_exec (self, error, _("save the overlay"),
                        "INSERT INTO overlays (name, source, color) VALUES (?, ?, ?)", "sss",
                        name, source, color ? color : "#9a9996");
}

gboolean
lineup_store_set_overlay_enabled (LineupStore  *self,
                                  const char   *name,
                                  gboolean      enabled,
                                  GError      **error)
{
  return settings_exec (self, error, _("save the overlay"), "UPDATE overlays SET enabled = ? WHERE name = ?",
                        "is", (gint64) enabled, name);
}

gboolean
lineup_store_remove_overlay (LineupStore  *self,
                             const char   *name,
                             GError      **error)
{
  return settings_exec (self, error, _("remove the overlay"), "DELETE FROM overlays WHERE name = ?", "s", name);
}

gboolean
lineup_store_set_overlay_result (LineupStore  *self,
                                 const char   *name,
                                 const char   *cache,
                                 const char   *error_text,
                                 GError      **error)
{
  if (error_text)
    return settings_exec (self, error, _("save the overlay"),
                          "UPDATE overlays SET last_error = ? WHERE name = ?", "ss", error_text, name);
  return settings_exec (self, error, _("save the overlay"),
                        "UPDATE overlays SET cache = ?, fetched_at = ?, last_error = NULL WHERE name = ?",
                        "sis", cache, now_seconds (), name);
}

/* ---- a post's place in the workflow ---- */

char *
lineup_post_content_key (LineupPost *post)
{
  g_autofree char *platforms = NULL;
  g_autofree char *joined = NULL;

  g_return_val_if_fail (LINEUP_IS_POST (post), NULL);
  platforms = g_strjoinv (",", (char **) lineup_post_get_platforms (post));
  joined = g_strdup_printf ("%s\x1f%s\x1f%s", lineup_post_get_title (post),
                            lineup_post_get_body (post), platforms);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, joined, -1);
}

void
lineup_post_workflow_free (LineupPostWorkflow *workflow)
{
  if (workflow == NULL)
    return;
  g_clear_pointer (&workflow->checklist, g_ptr_array_unref);
  g_clear_pointer (&workflow->approvals, g_ptr_array_unref);
  g_free (workflow->change_request);
  g_free (workflow->change_request_by);
  g_clear_object (&workflow->approved);
  g_free (workflow);
}

static void
lineup_approval_free (LineupApproval *approval)
{
  g_free (approval->actor);
  g_free (approval);
}

LineupPostWorkflow *
lineup_store_get_post_workflow (LineupStore  *self,
                                LineupPost   *post,
                                GError      **error)
{
  static const char checks_sql[] =
    "SELECT c.id, c.text, p.actor FROM checklist c "
    "LEFT JOIN post_checks p ON p.item_id = c.id AND p.post_id = ? ORDER BY c.position, c.id";
  static const char approvals_sql[] =
    "SELECT step, actor, at FROM approvals WHERE post_id = ? AND revoked = 0 AND content_key = ? ORDER BY id";
  static const char comments_sql[] =
    "SELECT count(*) FROM stage_history WHERE post_id = ? AND (kind IN ('comment', 'request-changes') "
    "OR (kind = 'approve' AND comment IS NOT NULL))";
  static const char approved_sql[] =
    "SELECT title, body, platforms, revision FROM approved_versions WHERE post_id = ?";
  g_autoptr(LineupPostWorkflow) workflow = g_new0 (LineupPostWorkflow, 1);
  g_autofree char *key = NULL;
  const char *id;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  g_return_val_if_fail (LINEUP_IS_POST (post), NULL);

  id = lineup_post_get_id (post);
  key = lineup_post_content_key (post);
  workflow->checklist = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_checklist_item_free);
  workflow->approvals = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_approval_free);

  if ((stmt = get_statement (self, checks_sql, error)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LineupChecklistItem *item = g_new0 (LineupChecklistItem, 1);

      item->id = sqlite3_column_int64 (stmt, 0);
      item->text = g_strdup (column_text (stmt, 1));
      item->checked = sqlite3_column_type (stmt, 2) != SQLITE_NULL;
      item->checked_by = g_strdup (column_text (stmt, 2));
      g_ptr_array_add (workflow->checklist, item);
    }
  finish_statement (stmt);
  if (rc != SQLITE_DONE)
    goto failed;

  if ((stmt = get_statement (self, approvals_sql, error)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LineupApproval *approval = g_new0 (LineupApproval, 1);

      approval->step = sqlite3_column_int (stmt, 0);
      approval->actor = g_strdup (column_text (stmt, 1));
      approval->at = sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (workflow->approvals, approval);
    }
  finish_statement (stmt);
  if (rc != SQLITE_DONE)
    goto failed;

  if ((stmt = get_statement (self, comments_sql, error)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    workflow->n_comments = sqlite3_column_int (stmt, 0);
  finish_statement (stmt);
  if (rc != SQLITE_ROW)
    goto failed;

  /* The request for changes shows while it is the last word on a draft. */
  if (lineup_post_get_stage (post) == LINEUP_STAGE_DRAFT)
    {
      static const char last_request_sql[] =
        "SELECT comment, actor FROM stage_history WHERE post_id = ? AND kind = 'request-changes' "
        "AND id > coalesce((SELECT max(id) FROM stage_history WHERE post_id = ?1 AND kind = 'stage' "
        "AND to_stage <> 1), 0) ORDER BY id DESC LIMIT 1";

      if ((stmt = get_statement (self, last_request_sql, error)) == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          workflow->change_request = g_strdup (column_text (stmt, 0));
          workflow->change_request_by = g_strdup (column_text (stmt, 1));
        }
      finish_statement (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        goto failed;
    }

  if ((stmt = get_statement (self, approved_sql, error)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_auto(GStrv) platforms = g_strsplit (column_text (stmt, 2), ",", -1);

      workflow->approved = lineup_post_copy (post);
      lineup_post_set_title (workflow->approved, column_text (stmt, 0));
      lineup_post_set_body (workflow->approved, column_text (stmt, 1));
      lineup_post_set_platforms (workflow->approved, (const char * const *) platforms);
    }
  finish_statement (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    goto failed;

  return g_steal_pointer (&workflow);

failed:
  set_sqlite_error (self, error, _("read the post’s workflow"));
  return NULL;
}

void
lineup_workflow_summary_free (LineupWorkflowSummary *summary)
{
  if (summary == NULL)
    return;
  g_clear_pointer (&summary->approvals, g_ptr_array_unref);
  g_free (summary->change_request);
  g_free (summary->change_request_by);
  g_free (summary);
}

static LineupApproval *
approval_copy (LineupApproval *a)
{
  LineupApproval *copy = g_new0 (LineupApproval, 1);

  copy->step = a->step;
  copy->actor = g_strdup (a->actor);
  copy->at = a->at;
  return copy;
}

LineupWorkflowSummary *
lineup_workflow_summary_new_from (LineupPostWorkflow *workflow)
{
  LineupWorkflowSummary *summary = g_new0 (LineupWorkflowSummary, 1);

  summary->approvals = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_approval_free);
  for (guint i = 0; i < workflow->approvals->len; i++)
    g_ptr_array_add (summary->approvals, approval_copy (g_ptr_array_index (workflow->approvals, i)));
  for (guint i = 0; i < workflow->checklist->len; i++)
    summary->checks_done += ((LineupChecklistItem *) g_ptr_array_index (workflow->checklist, i))->checked;
  summary->checks_total = workflow->checklist->len;
  summary->n_comments = workflow->n_comments;
  summary->change_request = g_strdup (workflow->change_request);
  summary->change_request_by = g_strdup (workflow->change_request_by);
  return summary;
}

GHashTable *
lineup_store_get_workflow_summaries (LineupStore  *self,
                                     GPtrArray    *posts,
                                     GError      **error)
{
  static const char total_sql[] = "SELECT count(*) FROM checklist";
  static const char checks_sql[] =
    "SELECT post_id, count(*) FROM post_checks WHERE item_id IN (SELECT id FROM checklist) GROUP BY post_id";
  static const char approvals_sql[] =
    "SELECT post_id, step, actor, at, content_key FROM approvals WHERE revoked = 0 ORDER BY id";
  static const char comments_sql[] =
    "SELECT post_id, count(*) FROM stage_history WHERE kind IN ('comment', 'request-changes') "
    "OR (kind = 'approve' AND comment IS NOT NULL) GROUP BY post_id";
  /* The last request for changes of each post, unless a move to another
   * stage than Draft came after it. */
  static const char requests_sql[] =
    "SELECT h.post_id, h.comment, h.actor FROM stage_history h "
    "JOIN (SELECT post_id, max(id) AS id FROM stage_history WHERE kind = 'request-changes' GROUP BY post_id) r "
    "ON h.id = r.id "
    "WHERE r.id > coalesce((SELECT max(id) FROM stage_history m WHERE m.post_id = h.post_id "
    "AND m.kind = 'stage' AND m.to_stage <> 1), 0)";
  g_autoptr(GHashTable) summaries = NULL;
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  guint total = 0;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  g_return_val_if_fail (posts != NULL, NULL);

  summaries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) lineup_workflow_summary_free);

  if ((stmt = get_statement (self, total_sql, error)) == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    total = sqlite3_column_int (stmt, 0);
  finish_statement (stmt);

  for (guint i = 0; i < posts->len; i++)
    {
      LineupPost *post = g_ptr_array_index (posts, i);
      LineupWorkflowSummary *summary = g_new0 (LineupWorkflowSummary, 1);

      summary->approvals = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_approval_free);
      summary->checks_total = total;
      g_hash_table_insert (summaries, g_strdup (lineup_post_get_id (post)), summary);
      g_hash_table_insert (keys, (gpointer) lineup_post_get_id (post), lineup_post_content_key (post));
    }

  if ((stmt = get_statement (self, checks_sql, error)) == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LineupWorkflowSummary *summary = g_hash_table_lookup (summaries, column_text (stmt, 0));

      if (summary)
        summary->checks_done = sqlite3_column_int (stmt, 1);
    }
  finish_statement (stmt);
  if (rc != SQLITE_DONE)
    goto failed;

  if ((stmt = get_statement (self, approvals_sql, error)) == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = column_text (stmt, 0);
      LineupWorkflowSummary *summary = g_hash_table_lookup (summaries, id);
      LineupApproval *approval;

      /* Only approvals of the content as it is now count. */
      if (summary == NULL || g_strcmp0 (g_hash_table_lookup (keys, id), column_text (stmt, 4)) != 0)
        continue;
      approval = g_new0 (LineupApproval, 1);
      approval->step = sqlite3_column_int (stmt, 1);
      approval->actor = g_strdup (column_text (stmt, 2));
      approval->at = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (summary->approvals, approval);
    }
  finish_statement (stmt);
  if (rc != SQLITE_DONE)
    goto failed;

  if ((stmt = get_statement (self, comments_sql, error)) == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LineupWorkflowSummary *summary = g_hash_table_lookup (summaries, column_text (stmt, 0));

      if (summary)
        summary->n_comments = sqlite3_column_int (stmt, 1);
    }
  finish_statement (stmt);
  if (rc != SQLITE_DONE)
    goto failed;

  if ((stmt = get_statement (self, requests_sql, error)) == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LineupWorkflowSummary *summary = g_hash_table_lookup (summaries, column_text (stmt, 0));

      if (summary)
        {
          summary->change_request = g_strdup (column_text (stmt, 1));
          summary->change_request_by = g_strdup (column_text (stmt, 2));
        }
    }
  finish_statement (stmt);
  if (rc != SQLITE_DONE)
    goto failed;

  /* The request shows while the post is a draft. */
  for (guint i = 0; i < posts->len; i++)
    {
      LineupPost *post = g_ptr_array_index (posts, i);
      LineupWorkflowSummary *summary = g_hash_table_lookup (summaries, lineup_post_get_id (post));

      if (lineup_post_get_stage (post) != LINEUP_STAGE_DRAFT)
        {
          g_clear_pointer (&summary->change_request, g_free);
          g_clear_pointer (&summary->change_request_by, g_free);
        }
    }
  return g_steal_pointer (&summaries);

failed:
  set_sqlite_error (self, error, _("read the posts’ workflow"));
  return NULL;
}

gboolean
_lineup_store_apply_event (LineupStore               *self,
                           LineupPost                *post,
                           const LineupWorkflowEvent *event,
                           GError                   **error)
{
  static const char approve_sql[] =
    "INSERT INTO approvals (post_id, step, actor, at, content_key) VALUES (?, ?, ?, ?, ?)";
  static const char revoke_sql[] = "UPDATE approvals SET revoked = 1 WHERE post_id = ? AND revoked = 0";
  static const char snapshot_sql[] =
    "INSERT OR REPLACE INTO approved_versions (post_id, revision, at, title, body, platforms) "
    "VALUES (?, ?, ?, ?, ?, ?)";
  static const char check_sql[] =
    "INSERT OR REPLACE INTO post_checks (post_id, item_id, actor, at) VALUES (?, ?, ?, ?)";
  static const char uncheck_sql[] = "DELETE FROM post_checks WHERE post_id = ? AND item_id = ?";
  g_autoptr(LineupPost) current = NULL;
  g_autoptr(LineupPost) changed = NULL;
  const char *actor;
  const char *id;
  gint64 now = now_seconds ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  g_return_val_if_fail (LINEUP_IS_POST (post), FALSE);
  g_return_val_if_fail (event != NULL, FALSE);

  actor = event->actor ? event->actor : self->actor;
  if (!check_name (_("The person’s name"), actor, error) ||
      !check_text (_("The comment"), event->comment, LINEUP_FIELD_MAX_CHARS, error))
    return FALSE;

  id = lineup_post_get_id (post);
  if (!begin_operation (self, event->undo_label, error))
    return FALSE;

  /* What the rules were checked against must still be what is stored. */
  current = read_post (self, id, error);
  if (current == NULL)
    return end_operation (self, FALSE, NULL);
  if (lineup_post_get_deleted_at (current) != 0 ||
      lineup_post_get_revision (current) != lineup_post_get_revision (post) ||
      lineup_post_get_stage (current) != lineup_post_get_stage (post))
    {
      end_operation (self, FALSE, NULL);
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_FAILED,
                   _("“%s” changed while this was being done (perhaps in another window): look at it again and retry"),
                   lineup_post_get_title (post));
      return FALSE;
    }

  changed = lineup_post_copy (current);
  _lineup_post_set_stage (changed, event->to_stage);
  _lineup_post_set_bookkeeping (changed, lineup_post_get_created_at (current), now,
                                lineup_post_get_revision (current), 0);
  if (!write_post_row (self, changed, error) ||
      !write_history_line (self, event->kind, id, lineup_post_get_stage (current), event->to_stage,
                           actor, event->comment, now, error))
    return end_operation (self, FALSE, NULL);

  if (event->revoke_approvals)
    {
      if ((stmt = get_statement (self, revoke_sql, error)) == NULL)
        return end_operation (self, FALSE, NULL);
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      if (!step_done (self, stmt, _("record the request for changes"), error))
        return end_operation (self, FALSE, NULL);
    }
  if (event->approve_step >= 0)
    {
      g_autofree char *key = lineup_post_content_key (current);

      if ((stmt = get_statement (self, approve_sql, error)) == NULL)
        return end_operation (self, FALSE, NULL);
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, event->approve_step);
      sqlite3_bind_text (stmt, 3, actor, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, now);
      sqlite3_bind_text (stmt, 5, key, -1, SQLITE_STATIC);
      if (!step_done (self, stmt, _("record the approval"), error))
        return end_operation (self, FALSE, NULL);
    }
  if (event->snapshot_approved)
    {
      g_autofree char *platforms = g_strjoinv (",", (char **) lineup_post_get_platforms (current));

      if ((stmt = get_statement (self, snapshot_sql, error)) == NULL)
        return end_operation (self, FALSE, NULL);
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, lineup_post_get_revision (current));
      sqlite3_bind_int64 (stmt, 3, now);
      sqlite3_bind_text (stmt, 4, lineup_post_get_title (current), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, lineup_post_get_body (current), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, platforms, -1, SQLITE_STATIC);
      if (!step_done (self, stmt, _("keep the approved version"), error))
        return end_operation (self, FALSE, NULL);
    }
  if (event->check_item != 0)
    {
      if ((stmt = get_statement (self, event->checked ? check_sql : uncheck_sql, error)) == NULL)
        return end_operation (self, FALSE, NULL);
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, event->check_item);
      if (event->checked)
        {
          sqlite3_bind_text (stmt, 3, actor, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 4, now);
        }
      if (!step_done (self, stmt, _("save the checklist"), error))
        return end_operation (self, FALSE, NULL);
    }

  /* A stage change is an undo step when the caller says so; approvals,
   * comments and ticks are records, not edits, and stay. Views hear of
   * every event as a change of the post. */
  if (event->undo_label && event->to_stage != lineup_post_get_stage (current))
    record_post_change (self, current, changed);
  else
    queue_signal (self, PENDING_POST, current, changed);
  return end_operation (self, TRUE, error);
}

/* ---- batches ---- */

void
lineup_store_begin (LineupStore *self,
                    const char  *label)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LINEUP_IS_STORE (self));

  if (!begin_operation (self, label, &error))
    {
      /* Still count the level so commit/rollback pair up; commit will fail. */
      guint marks[2] = { self->entries->len, self->pending->len };

      g_warning ("Could not start “%s”: %s", label, error->message);
      if (self->depth == 0)
        {
          g_free (self->label);
          self->label = g_strdup (label);
        }
      g_array_append_vals (self->savepoints, marks, 2);
      self->depth++;
      self->failed = TRUE;
    }
}

gboolean
lineup_store_commit (LineupStore  *self,
                     GError      **error)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);
  return end_operation (self, TRUE, error);
}

void
lineup_store_rollback (LineupStore *self)
{
  g_return_if_fail (LINEUP_IS_STORE (self));
  g_return_if_fail (self->depth > 0);
  if (self->depth > 1)
    self->failed = TRUE;
  end_operation (self, FALSE, NULL);
}

/* ---- undo ---- */

gboolean
lineup_store_can_undo (LineupStore *self)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  return self->undo_stack->len > 0;
}

gboolean
lineup_store_can_redo (LineupStore *self)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  return self->redo_stack->len > 0;
}

const char *
lineup_store_get_undo_label (LineupStore *self)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  if (self->undo_stack->len == 0)
    return NULL;
  return ((UndoStep *) g_ptr_array_index (self->undo_stack, self->undo_stack->len - 1))->label;
}

const char *
lineup_store_get_redo_label (LineupStore *self)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  if (self->redo_stack->len == 0)
    return NULL;
  return ((UndoStep *) g_ptr_array_index (self->redo_stack, self->redo_stack->len - 1))->label;
}

static gboolean
move_step (LineupStore  *self,
           GPtrArray    *from,
           GPtrArray    *to,
           gboolean      backwards,
           GError      **error)
{
  UndoStep *step;

  g_return_val_if_fail (self->depth == 0, FALSE);

  if (from->len == 0)
    {
      g_set_error_literal (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOTHING_TO_UNDO,
                           backwards ? _("There is nothing to undo") : _("There is nothing to redo"));
      return FALSE;
    }

  step = g_ptr_array_steal_index (from, from->len - 1);
  if (!replay_step (self, step, backwards, error))
    {
      g_ptr_array_add (from, step);
      return FALSE;
    }
  g_ptr_array_add (to, step);
  notify_undo_state (self);
  return TRUE;
}

gboolean
lineup_store_undo (LineupStore  *self,
                   GError      **error)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  return move_step (self, self->undo_stack, self->redo_stack, TRUE, error);
}

gboolean
lineup_store_redo (LineupStore  *self,
                   GError      **error)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  return move_step (self, self->redo_stack, self->undo_stack, FALSE, error);
}

/* ---- dates ---- */

gint64
lineup_store_local_to_utc (LineupStore *self,
                           GDate       *date,
                           int          minutes)
{
  g_autoptr(GDateTime) dt = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), 0);
  g_return_val_if_fail (date != NULL && g_date_valid (date), 0);

  /* A local time that does not exist (the hour skipped by DST) comes out
   * moved forward by GLib, which is what a planner expects. */
  dt = g_date_time_new (self->tz,
                        g_date_get_year (date), g_date_get_month (date), g_date_get_day (date),
                        minutes / 60, minutes % 60, 0);
  return g_date_time_to_unix (dt);
}

void
lineup_store_utc_to_local (LineupStore *self,
                           gint64       instant,
                           GDate       *out_date,
                           int         *out_minutes)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  g_return_if_fail (LINEUP_IS_STORE (self));

  utc = g_date_time_new_from_unix_utc (instant);
  local = g_date_time_to_timezone (utc, self->tz);
  if (out_date)
    g_date_set_dmy (out_date, g_date_time_get_day_of_month (local),
                    g_date_time_get_month (local), g_date_time_get_year (local));
  if (out_minutes)
    *out_minutes = g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local);
}

void
lineup_store_get_today (LineupStore *self,
                        GDate       *out_date)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_if_fail (LINEUP_IS_STORE (self));
  g_return_if_fail (out_date != NULL);

  now = g_date_time_new_now (self->tz);
  g_date_clear (out_date, 1);
  g_date_set_dmy (out_date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

/* ---- for src/core/publish (lineup-store-publish.h) ---- */

sqlite3_stmt *
_lineup_store_prepare (LineupStore  *self,
                       const char   *sql,
                       GError      **error)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  return get_statement (self, sql, error);
}

void
_lineup_store_finish (sqlite3_stmt *stmt)
{
  finish_statement (stmt);
}

gboolean
_lineup_store_step_done (LineupStore   *self,
                         sqlite3_stmt  *stmt,
                         const char    *what,
                         GError       **error)
{
  return step_done (self, stmt, what, error);
}

gboolean
_lineup_store_sqlite_error (LineupStore  *self,
                            GError      **error,
                            const char   *what)
{
  return set_sqlite_error (self, error, what);
}

gboolean
_lineup_store_begin_publishing (LineupStore  *self,
                                GError      **error)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  if (!begin_operation (self, NULL, error))
    return FALSE;
  queue_signal (self, PENDING_PUBLISHING, NULL, NULL);
  return TRUE;
}

gboolean
_lineup_store_end_publishing (LineupStore  *self,
                              gboolean      ok,
                              GError      **error)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  return end_operation (self, ok, error);
}

void
_lineup_store_publishing_changed (LineupStore *self)
{
  g_return_if_fail (LINEUP_IS_STORE (self));
  queue_signal (self, PENDING_PUBLISHING, NULL, NULL);
}

LineupPost *
_lineup_store_read_post (LineupStore  *self,
                         const char   *id,
                         GError      **error)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  return read_post (self, id, error);
}
