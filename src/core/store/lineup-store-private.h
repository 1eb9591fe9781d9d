/* lineup-store-private.h: for the store's own files (src/core/store) only.
 *
 * The store object's fields, the state of the operation in progress, and the
 * helpers the store's files share. Nothing outside src/core/store includes
 * this: the workflow writes through lineup-store-workflow.h, publishing
 * through lineup-store-publish.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "lineup-store.h"
#include "lineup-share-record.h"
#include "lineup-store-publish.h"
#include "lineup-store-schema.h"
#include "lineup-store-workflow.h"

G_BEGIN_DECLS

#define UNDATED_SLOT G_MAXINT64

typedef struct {
  LineupPost *before;   /* NULL for nothing to restore (the entry only announces) */
  LineupPost *after;
} UndoEntry;

/* The pillars, content types and campaigns as they were at one moment
 * (lineup-store-undo.c): what an undo step restores when it changed them. */
typedef struct _CatalogSnapshot CatalogSnapshot;

typedef struct {
  char *label;
  GArray *entries;      /* of UndoEntry */
  CatalogSnapshot *catalog_before;   /* NULL: the step left the catalog alone */
  CatalogSnapshot *catalog_after;
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

typedef struct {
  guint             id;
  LineupCommitHook  hook;
  gpointer          user_data;
  GDestroyNotify    destroy;
} CommitHook;

/* lineup-store-guard.c: keeps the plan's WAL while the store is open. */
typedef struct _LineupStoreGuard LineupStoreGuard;
LineupStoreGuard *_lineup_store_guard_take    (const char       *path);
void              _lineup_store_guard_release (LineupStoreGuard *guard);

struct _LineupStore
{
  GObject parent_instance;

  sqlite3 *db;
  LineupStoreGuard *guard;    /* released right before db closes */
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
  gint64 cache_version;
  /* Without it, the last range of dated posts read from the file (a
   * month's six weeks), as [range_from, range_to): the month's mix asks
   * for a part of it next. Dropped when a write starts or a post changes;
   * another process's commit changes data_version, which drops it too. */
  GPtrArray *range;
  gint64 range_from;
  gint64 range_to;
  gint64 range_version;
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
  gboolean remote;          /* the operation applies what a shared plan's server
                             * gave (lineup-store-share.h): LineupCommit.remote */

  GArray *hooks;            /* of CommitHook: what listens to commits */
  guint last_hook_id;

  CatalogSnapshot *catalog_before;  /* the catalog before the operation in
                                     * progress changed it, or NULL */

  GPtrArray *undo_stack;    /* of UndoStep, newest last */
  GPtrArray *redo_stack;
};

#define POST_COLUMNS \
  "id, title, body, pillar_id, type_id, stage, platforms, slot, campaign_id, " \
  "goal, audience, key_message, call_to_action, hashtags, owner, due_on, " \
  "created_at, updated_at, revision, deleted_at, source_id, evergreen, captions, content_warning"

/* ---- statements, errors and operations (lineup-store.c) ---- */

gint64 _lineup_store_now_seconds (void);

gboolean _lineup_store_exec_sql (LineupStore  *self,
                                 const char   *sql,
                                 GError      **error);

void _lineup_store_bind_text_or_null (sqlite3_stmt *stmt,
                                      int           index,
                                      const char   *text);

const char * _lineup_store_column_text (sqlite3_stmt *stmt,
                                        int           index);

gint64 _lineup_store_read_data_version (LineupStore *self);

void _lineup_store_notify_undo_state (LineupStore *self);

gboolean _lineup_store_begin_operation (LineupStore  *self,
                                        const char   *label,
                                        GError      **error);

guint _lineup_store_cache_bisect_time (GPtrArray *cache,
                                       gint64     instant);

gboolean _lineup_store_end_operation (LineupStore  *self,
                                      gboolean      ok,
                                      GError      **error);

void _lineup_store_queue_signal (LineupStore *self,
                                 PendingKind  kind,
                                 LineupPost  *old_post,
                                 LineupPost  *new_post);

void _lineup_store_record_post_change (LineupStore *self,
                                       LineupPost  *before,
                                       LineupPost  *after);

/* Inside an operation: says that it applies what a shared plan's server
 * gave, not a change made here. Its commit tells the listeners so
 * (LineupCommit.remote) and drops the undo and redo steps of the posts it
 * changed, which could otherwise overwrite what came from the server. */
void _lineup_store_mark_remote (LineupStore *self);

gboolean _lineup_store_settings_operation_begin (LineupStore  *self,
                                                 GError      **error);

gboolean _lineup_store_settings_exec (LineupStore  *self,
                                      GError      **error,
                                      const char   *what,
                                      const char   *sql,
                                      const char   *types,
                                      ...);

/* ---- the meta table and the time zone (lineup-store-settings.c) ---- */

char * _lineup_store_read_meta (LineupStore *self,
                                const char  *key);

gboolean _lineup_store_write_meta (LineupStore  *self,
                                   const char   *key,
                                   const char   *value,
                                   GError      **error);

void _lineup_store_read_default_time (LineupStore *self);

void _lineup_store_apply_time_zone (LineupStore *self,
                                    const char  *iana_id);

char * _lineup_store_guess_local_zone (void);

/* ---- opening and migrating (lineup-store-schema.c) ---- */

gboolean _lineup_store_migrate (sqlite3     *db,
                                const char  *path,
                                int          from,
                                int          to,
                                GError     **error);

sqlite3 * _lineup_store_open_database (const char  *path,
                                       int         *out_version,
                                       GError     **error);

/* ---- validation (lineup-store-validate.c) ---- */

gboolean _lineup_store_check_text (const char  *what,
                                   const char  *text,
                                   glong        max_chars,
                                   GError     **error);

gboolean _lineup_store_check_one_line (const char  *what,
                                       const char  *text,
                                       GError     **error);

gboolean _lineup_store_check_name (const char  *what,
                                   const char  *name,
                                   GError     **error);

gboolean _lineup_store_validate_post (LineupStore  *self,
                                      LineupPost   *post,
                                      GError      **error);

/* ---- post rows and history (lineup-store-posts.c) ---- */

gboolean _lineup_store_write_post_row (LineupStore  *self,
                                       LineupPost   *post,
                                       GError      **error);

gboolean _lineup_store_write_history_line (LineupStore       *self,
                                           LineupHistoryKind  kind,
                                           const char        *post_id,
                                           int                from_stage,
                                           int                to_stage,
                                           const char        *actor,
                                           const char        *comment,
                                           gint64             at,
                                           GError           **error);

gboolean _lineup_store_write_history (LineupStore  *self,
                                      const char   *post_id,
                                      int           from_stage,
                                      int           to_stage,
                                      const char   *actor,
                                      const char   *comment,
                                      gint64        at,
                                      GError      **error);

/* ---- the caches of the small tables (lineup-store-catalog.c) ---- */

gboolean _lineup_store_load_pillars (LineupStore  *self,
                                     GError      **error);

gboolean _lineup_store_load_types (LineupStore  *self,
                                   GError      **error);

gboolean _lineup_store_load_campaigns (LineupStore  *self,
                                       GError      **error);

/* The first colour of the palette no pillar has yet. */
const char * _lineup_store_next_palette_color (LineupStore *self);

/* ---- the catalog in undo steps (lineup-store-undo.c) ---- */

/* Inside an operation, before it writes pillars, types or campaigns: keeps
 * them as they are (once an operation), so that the operation's undo step
 * restores them. */
gboolean _lineup_store_catalog_will_change (LineupStore  *self,
                                            GError      **error);

CatalogSnapshot * _lineup_store_catalog_snapshot (LineupStore  *self,
                                                  GError      **error);

void _lineup_store_catalog_snapshot_free (CatalogSnapshot *snapshot);

/* Drops the undo and redo steps that restore the catalog: another copy or
 * process changed it, and replaying them would undo its work. */
void _lineup_store_drop_catalog_steps (LineupStore *self);

/* Deletes the post rows already marked deleted that still name pillar,
 * type or campaign @id (column @column of posts), with what refers to
 * them, so that the catalog row can go; undo re-creates such a post from
 * its step. */
gboolean _lineup_store_purge_deleted_posts (LineupStore  *self,
                                            const char   *column,
                                            gint64        id,
                                            GError      **error);

/* ---- a shared plan (lineup-store-share.c) ---- */

/* Opens a small write: inside the operation in progress, inside the
 * committing transaction when called from a commit hook (*@in_commit
 * TRUE: nothing to open or close), else as an operation of its own. */
gboolean _lineup_store_share_write_begin (LineupStore  *self,
                                          gboolean     *in_commit,
                                          GError      **error);

gboolean _lineup_store_share_write_end (LineupStore  *self,
                                        gboolean      in_commit,
                                        gboolean      ok,
                                        GError      **error);

/* This machine's accounts: share key → account id (@by_key), or account
 * id → share key. */
GHashTable * _lineup_store_share_account_keys (LineupStore  *self,
                                               gboolean      by_key,
                                               GError      **error);

/* ---- a shared plan's values (lineup-store-share-records.c) ---- */

/* "YYYYMMDDTHHMMSSZ" */
char *   _lineup_share_format_utc     (gint64       instant);
gboolean _lineup_share_parse_utc      (const char  *text,
                                       gint64      *out_instant);
/* A decimal integer from @min to @max, nothing else. */
gboolean _lineup_share_parse_int      (const char  *text,
                                       gint64       min,
                                       gint64       max,
                                       gint64      *out_value);
/* The stage's key exactly ("in-review"), not a label. */
gboolean _lineup_share_stage_from_key (const char  *key,
                                       LineupStage *out_stage);

/* A statement of the store's with the post's id bound as ?1. */
sqlite3_stmt * _lineup_store_share_prepare_for_post (LineupStore  *self,
                                                     const char   *sql,
                                                     const char   *id,
                                                     GError      **error);

/* The post's history as log lines, in the order of the rows ("" for a
 * row no line can say). */
GPtrArray * _lineup_store_share_history_lines (LineupStore  *self,
                                               const char   *id,
                                               GError      **error);

/* @post (as stored, live) as a record. */
LineupShareRecord * _lineup_store_share_read_post_record (LineupStore  *self,
                                                          LineupPost   *post,
                                                          GError      **error);

/* ---- recurring series (lineup-store-series.c) ---- */

/* Links post @post_id to series @uid as its occurrence on @occurs_on. */
gboolean _lineup_store_write_series_link (LineupStore  *self,
                                          const char   *post_id,
                                          const char   *uid,
                                          const GDate  *occurs_on,
                                          gboolean      own,
                                          GError      **error);

/* The post's link as a shared record's "series" field: "UID YYYY-MM-DD",
 * then " own" when edited on its own; NULL when in no series. */
char *   _lineup_store_series_link_field  (LineupStore  *self,
                                           const char   *post_id);

/* The series in a shared plan's record (docs/sharing.md §4): "series:UID"
 * = the rule's text. Reading adds them to @record; checking names the
 * first bad field; writing makes the series what @record says (a rule
 * changes in place, one the record lacks goes, its posts staying). */
void     _lineup_store_series_read_fields  (LineupStore              *self,
                                            LineupShareRecord        *record);
gboolean _lineup_store_series_check_fields (const LineupShareRecord  *record,
                                            char                    **out_bad_field);
gboolean _lineup_store_series_write_fields (LineupStore              *self,
                                            const LineupShareRecord  *record,
                                            GError                  **error);

/* The plan's UTM settings in a shared plan's record (lineup-store-share-utm.c),
 * the same three steps. */
void     _lineup_store_utm_read_fields     (LineupStore              *self,
                                            LineupShareRecord        *record);
gboolean _lineup_store_utm_check_fields    (const LineupShareRecord  *record,
                                            char                    **out_bad_field);
gboolean _lineup_store_utm_write_fields    (LineupStore              *self,
                                            const LineupShareRecord  *record,
                                            GError                  **error);

/* The plan's engagement weights in a shared plan's record
 * (lineup-store-weights.c, field "results:weights"), the same three steps. */
void     _lineup_store_weights_read_fields  (LineupStore              *self,
                                             LineupShareRecord        *record);
gboolean _lineup_store_weights_check_fields (const LineupShareRecord  *record,
                                             char                    **out_bad_field);
gboolean _lineup_store_weights_write_fields (LineupStore              *self,
                                             const LineupShareRecord  *record,
                                             GError                  **error);

/* A post record's `results` and `url` fields (lineup-store-results.c), in
 * the same three steps as the series' fields. */
/* lineup-store-media.c: a post's media in its shared record
 * (docs/sharing.md): the "media" field, one line a medium, absent for none. */
void     _lineup_store_media_read_fields    (LineupStore              *self,
                                             const char               *post_id,
                                             LineupShareRecord        *record);
gboolean _lineup_store_media_write_fields   (LineupStore              *self,
                                             const char               *post_id,
                                             const char               *value,
                                             GError                  **error);
void     _lineup_store_results_read_fields  (LineupStore              *self,
                                             const char               *post_id,
                                             LineupShareRecord        *record);
gboolean _lineup_store_results_check_fields (const LineupShareRecord  *record,
                                             GError                  **error);
gboolean _lineup_store_results_write_fields (LineupStore              *self,
                                             const char               *post_id,
                                             const char               *results,
                                             const char               *url,
                                             GError                  **error);

G_END_DECLS
