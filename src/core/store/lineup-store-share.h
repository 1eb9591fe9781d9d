/* lineup-store-share.h: what a shared plan's sync (src/core/share) reads and
 * writes through the store. Not for the app or the command line, which use
 * src/core/share/lineup-share.h.
 *
 * A plan shared through a CalDAV server (docs/sharing.md) keeps here: where
 * it is shared and as whom, the queue of local changes still to send (written
 * by the share module's commit listener in the same transaction as the
 * change), what the server last gave for each resource (its ETag and text:
 * the base of a merge), the conflicts, the publishing state and targets of
 * other machines' accounts, and which notices were shown. It reads a post
 * (the plan, the team) as a record and applies a record pulled from the
 * server, as one transaction, announced as a remote change
 * (LineupCommit.remote) so that the share listener does not send it back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-store.h"
#include "lineup-share-record.h"

G_BEGIN_DECLS

/* ---- where the plan is shared ---- */

typedef struct {
  char   *url;              /* the plan collection */
  char   *login;
  char   *approvals_url;    /* NULL: none (docs/sharing.md §1) */
  char   *machine;          /* this copy's id (a UUID made at create/join) */
  char   *token;            /* the plan collection's sync token, or NULL */
  char   *approvals_token;
  gint64  last_pass_at;     /* the last pass that ended in step; 0: never */
  char   *last_error;       /* the last pass's error in the server's words, or NULL */
  gint64  last_error_at;
} LineupShareConfig;

void               lineup_share_config_free   (LineupShareConfig *config);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupShareConfig, lineup_share_config_free)

/* NULL when the plan is not shared. Cheap: one row. */
LineupShareConfig *lineup_store_get_share     (LineupStore              *self);
/* Starts sharing (or changes where): stores @config's url, login,
 * approvals_url and machine, no token, no last pass; the resources of a
 * collection whose URL changed are forgotten. @config NULL: stops sharing
 * and forgets the queue, the resources, the conflicts and the other
 * machines' targets and states (the posts stay). Emits "plan-changed"
 * (commit listeners see LINEUP_COMMIT_PLAN, not remote). */
gboolean           lineup_store_set_share     (LineupStore              *self,
                                               const LineupShareConfig  *config,
                                               GError                  **error);
/* After a pass: the tokens it ended with (NULL: none), and either the
 * time it ended in step (@error_text NULL: last_pass_at = @at, no error)
 * or why not (last_error = @error_text, last_error_at = @at). No signal,
 * no commit listener. NOT_FOUND when the plan is not shared. */
gboolean           lineup_store_set_share_result (LineupStore           *self,
                                                  const char            *token,
                                                  const char            *approvals_token,
                                                  gint64                 at,
                                                  const char            *error_text,
                                                  GError               **error);

/* ---- the queue of local changes to send ---- */

/* kind: "post" (key: the post's id), "plan", "team" (key: the UID), or
 * "approval" (key: "POST-ID STEP"). */
typedef struct {
  gint64  seq;
  char   *kind;
  char   *key;
} LineupShareQueued;

void        lineup_share_queued_free       (LineupShareQueued *queued);
/* Adds @kind/@key unless it is queued already: then it keeps its place
 * but gets a new seq, so that a pass sending the older version (and
 * dequeuing its seq) leaves the newer change queued. Runs inside the
 * caller's transaction when there is one (an operation, a batch, or the
 * committing transaction when called from a commit hook). */
gboolean    lineup_store_share_enqueue     (LineupStore  *self,
                                            const char   *kind,
                                            const char   *key,
                                            GError      **error);
/* Oldest first. Element type LineupShareQueued. */
GPtrArray  *lineup_store_share_list_queue  (LineupStore  *self,
                                            GError      **error);
guint       lineup_store_share_count_queue (LineupStore  *self);

/* The smallest media file the server refused as too large (bytes, 0: none)
 * and when (unix seconds, in @out_at), so a pass does not send a file that
 * large again soon (docs/sharing.md §2a). @size 0 forgets it. */
gint64      lineup_store_share_get_media_refused (LineupStore  *self,
                                                  gint64       *out_at);
gboolean    lineup_store_share_set_media_refused (LineupStore  *self,
                                                  gint64        size,
                                                  gint64        at,
                                                  GError      **error);
/* Removes the row @seq, unless it was queued again after @seq was read
 * (then a newer row with the same kind/key and another seq exists and
 * stays). */
gboolean    lineup_store_share_dequeue     (LineupStore  *self,
                                            gint64        seq,
                                            GError      **error);

/* ---- what the server last gave ---- */

typedef enum {
  LINEUP_SHARE_COLLECTION_PLAN,
  LINEUP_SHARE_COLLECTION_APPROVALS,
} LineupShareCollection;

typedef struct {
  LineupShareCollection  collection;
  char                  *uid;
  char                  *href;
  char                  *etag;   /* NULL: fetch before the next conditional write */
  char                  *base;   /* the text the server last gave */
} LineupShareResource;

void                 lineup_share_resource_free         (LineupShareResource *resource);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupShareResource, lineup_share_resource_free)
/* NULL when the server has none (that this copy knows of). */
LineupShareResource *lineup_store_share_get_resource    (LineupStore            *self,
                                                         LineupShareCollection   collection,
                                                         const char             *uid);
LineupShareResource *lineup_store_share_find_href       (LineupStore            *self,
                                                         LineupShareCollection   collection,
                                                         const char             *href);
/* href → ETag ("" when none) of every resource known in @collection. */
GHashTable          *lineup_store_share_known_etags     (LineupStore            *self,
                                                         LineupShareCollection   collection);
gboolean             lineup_store_share_set_resource    (LineupStore                *self,
                                                         const LineupShareResource  *resource,
                                                         GError                    **error);
gboolean             lineup_store_share_remove_resource (LineupStore            *self,
                                                         LineupShareCollection   collection,
                                                         const char             *uid,
                                                         GError                **error);

/* ---- records ---- */

/* The account's key across machines (docs/sharing.md §7):
 * "KIND:ENDPOINT:REMOTE-USER-or-HANDLE" (the endpoint without a trailing
 * "/"), or NULL for an unknown account. */
char              *lineup_store_share_account_key   (LineupStore  *self,
                                                     const char   *account_id);

/* The post @id as a record (docs/sharing.md §3): every field, its checks,
 * targets (this machine's accounts by key, and the other machines' as
 * last pulled), publishing states (this machine's accounts from the
 * publisher, the others' as pulled), conflicts, and its history as the
 * log. NULL without an error when the post is deleted or unknown. */
LineupShareRecord *lineup_store_share_read_post     (LineupStore  *self,
                                                     const char   *id,
                                                     GError      **error);
/* Makes the post @uid what @record says, as a remote change (no undo
 * step; LineupCommit.remote TRUE; signals as usual): creates it with that
 * id when missing (or brings a deleted one back), replaces every field,
 * check, target, conflict and the history. A pillar, type or campaign it
 * names that the plan lacks is added; a checklist item it ticks that the
 * plan lacks is ignored; a missing stage is Brief, a missing pillar or
 * type the first one. @record NULL deletes the post. Works inside
 * lineup_store_begin ()/commit () (a join applies 2,000 posts in one).
 *
 * Every field is checked before anything is written: a bad one is an
 * INVALID error naming the post and the field, and leaves the plan (and a
 * batch in progress) as it was. A record equal to what the post reads as
 * writes and announces nothing. The log's lines of one second keep the
 * order this copy has; new ones go in by time. Undo and redo steps of the
 * posts a remote change replaces are dropped (replayed, they would undo
 * someone else's work). Targets of this machine's accounts (by key) are
 * its post targets; every target and publishing state is also kept as it
 * came, so that the post reads back as the record applied until this
 * machine's publisher has a state of its own. A batch that applies
 * records is remote as a whole: do not mix local changes into it. */
gboolean           lineup_store_share_apply_post    (LineupStore              *self,
                                                     const char               *uid,
                                                     const LineupShareRecord  *record,
                                                     GError                  **error);

/* The plan's settings (docs/sharing.md §4) and the team. Applying checks
 * the whole record first, and announces only what changed
 * (pillars-changed, content-types-changed, campaigns-changed,
 * plan-changed). A pillar, type or campaign the record lacks that a post
 * still uses (a deleted one too: undo may bring it back) is kept. */
LineupShareRecord *lineup_store_share_read_plan     (LineupStore              *self);
gboolean           lineup_store_share_apply_plan    (LineupStore              *self,
                                                     const LineupShareRecord  *record,
                                                     GError                  **error);
/* Once a pull has applied the posts too: removes the pillars, types and
 * campaigns @record (the plan as the server has it) lacks that were kept
 * only for posts that have since moved (renamed or removed on another
 * copy). */
gboolean           lineup_store_share_prune_plan    (LineupStore              *self,
                                                     const LineupShareRecord  *record,
                                                     GError                  **error);
LineupShareRecord *lineup_store_share_read_team     (LineupStore              *self);
/* Replaces the team (members with their roles and display names), the
 * chain and the self-approval rule. */
gboolean           lineup_store_share_apply_team    (LineupStore              *self,
                                                     const LineupShareRecord  *record,
                                                     GError                  **error);

/* ---- approvals (docs/sharing.md §6a) ---- */

typedef struct {
  char   *post_id;
  int     step;
  char   *approver;      /* the login */
  gint64  at;
  char   *content_key;
} LineupShareApproval;

void       lineup_share_approval_free         (LineupShareApproval *approval);
/* The approvals recorded for @post_id (NULL: every post) that were not
 * taken back, oldest first, whatever content they were given for.
 * Element type LineupShareApproval. */
GPtrArray *lineup_store_share_list_approvals  (LineupStore  *self,
                                               const char   *post_id,
                                               GError      **error);
/* Makes @approvals (LineupShareApproval, from the approvals collection)
 * the approvals of @post_id, as a remote change: the ones not among them
 * stop counting, new ones are recorded. The post's stage is not touched. */
gboolean   lineup_store_share_set_approvals   (LineupStore  *self,
                                               const char   *post_id,
                                               GPtrArray    *approvals,
                                               GError      **error);
/* Puts the post back to In review as a remote change, with a history line
 * by @actor saying @reason ("the server does not let bob approve"). Only
 * an Approved or Scheduled post moves; another is left as it is (TRUE). */
gboolean   lineup_store_share_demote          (LineupStore  *self,
                                               const char   *post_id,
                                               const char   *actor,
                                               const char   *reason,
                                               GError      **error);

/* ---- conflicts and notices ---- */

typedef struct {
  char *post_id;
  char *field;
  char *value;          /* the other value (conflict:FIELD) */
  char *by;             /* who wrote it (conflict-by:FIELD) */
} LineupShareConflictRow;

void       lineup_share_conflict_row_free     (LineupShareConflictRow *row);
/* Every conflict of the plan (@post_id NULL) or of one post, by post then
 * field; a deleted post's are left out. Element type
 * LineupShareConflictRow. */
GPtrArray *lineup_store_share_list_conflicts  (LineupStore  *self,
                                               const char   *post_id,
                                               GError      **error);
/* TRUE (and remembers @key) the first time it is asked about @key;
 * FALSE afterwards (or with @error set when it cannot be written). For
 * notices shown once. */
gboolean   lineup_store_share_note_notice     (LineupStore  *self,
                                               const char   *key,
                                               GError      **error);

G_END_DECLS
