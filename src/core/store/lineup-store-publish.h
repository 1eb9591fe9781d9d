/* lineup-store-publish.h: what src/core/publish needs of the store.
 *
 * The publishing tables (accounts, post_targets, outbox, publish_state,
 * publish_log) are written by lineup-publish-store.c and
 * lineup-publish-store-sync.c through these, and by the outbox from the
 * store's commit hook, inside the store's transactions, so a
 * publishing change and the change of the plan that causes it commit
 * together. Not for the UI or the command line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "lineup-store.h"

G_BEGIN_DECLS

/* A prepared statement kept by the store (@sql must be static). Reset it
 * with _lineup_store_finish() after use. */
sqlite3_stmt *_lineup_store_prepare       (LineupStore  *self,
                                           const char   *sql,
                                           GError      **error);
void          _lineup_store_finish        (sqlite3_stmt *stmt);
/* Steps a statement that returns no rows and resets it. */
gboolean      _lineup_store_step_done     (LineupStore  *self,
                                           sqlite3_stmt *stmt,
                                           const char   *what,
                                           GError      **error);
gboolean      _lineup_store_sqlite_error  (LineupStore  *self,
                                           GError      **error,
                                           const char   *what);

/* A publishing change: one transaction (or part of the one in progress),
 * no undo step, "publishing-changed" after the commit. End it with
 * _lineup_store_end_publishing(), @ok FALSE rolls it back. */
gboolean      _lineup_store_begin_publishing (LineupStore  *self,
                                              GError      **error);
gboolean      _lineup_store_end_publishing   (LineupStore  *self,
                                              gboolean      ok,
                                              GError      **error);
/* Inside an operation: say that publishing state changed. */
void          _lineup_store_publishing_changed (LineupStore *self);

/* A post by exact id, deleted ones included (NULL if there is none). */
LineupPost   *_lineup_store_read_post     (LineupStore  *self,
                                           const char   *id,
                                           GError      **error);

G_END_DECLS
