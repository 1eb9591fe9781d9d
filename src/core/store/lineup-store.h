/* lineup-store.h: the plan, kept in one SQLite file.
 *
 * Every change goes through here: it is validated, committed in one
 * transaction, recorded as one undo step, and announced with a signal so the
 * views that show it update. Nothing else writes SQL.
 *
 * Signals (emitted after the transaction commits):
 *   post-added    (LineupPost *post)
 *   post-changed  (LineupPost *old_post, LineupPost *new_post)
 *   post-removed  (LineupPost *old_post)
 *   pillars-changed, content-types-changed, campaigns-changed ()
 *   plan-changed  () — time zone or another plan setting
 *   reloaded      () — another process changed the file; re-read everything
 * Properties: can-undo, can-redo, undo-label, redo-label (notify on change).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lineup-types.h"
#include "lineup-post.h"
#include "lineup-pillar.h"
#include "lineup-content-type.h"
#include "lineup-campaign.h"
#include "lineup-platform.h"

G_BEGIN_DECLS

#define LINEUP_STORE_ERROR (lineup_store_error_quark ())

typedef enum {
  LINEUP_STORE_ERROR_INVALID,        /* a value the plan cannot hold; the message says which and why */
  LINEUP_STORE_ERROR_NOT_FOUND,      /* no post/pillar/type with that id or name */
  LINEUP_STORE_ERROR_AMBIGUOUS,      /* an id prefix that matches several posts */
  LINEUP_STORE_ERROR_EXISTS,         /* a name that is taken */
  LINEUP_STORE_ERROR_NEWER_SCHEMA,   /* the file was written by a newer Lineup */
  LINEUP_STORE_ERROR_NOT_A_PLAN,     /* the file is not a Lineup database or is damaged */
  LINEUP_STORE_ERROR_IO,             /* the file or its folder cannot be read or written */
  LINEUP_STORE_ERROR_NOTHING_TO_UNDO,
  LINEUP_STORE_ERROR_FAILED,         /* SQLite failed in a way the message explains */
} LineupStoreError;

GQuark lineup_store_error_quark (void);

/* The current schema, stored in PRAGMA user_version. */
#define LINEUP_SCHEMA_VERSION 20

/* Documented limits (README, "Limits"). Characters are Unicode code points. */
#define LINEUP_TITLE_MAX_CHARS   300
#define LINEUP_BODY_MAX_CHARS    65536
#define LINEUP_FIELD_MAX_CHARS   2000   /* each brief field, names of pillars/types/campaigns: 100 */
#define LINEUP_NAME_MAX_CHARS    100

#define LINEUP_TYPE_STORE (lineup_store_get_type ())
G_DECLARE_FINAL_TYPE (LineupStore, lineup_store, LINEUP, STORE, GObject)

/* $XDG_DATA_HOME/lineup/lineup.db */
char         *lineup_store_default_path   (void);
/* Opens or creates the plan at @path (creating its folder), migrating an
 * older schema after copying the file to PATH.bak-vN. */
LineupStore  *lineup_store_open           (const char  *path,
                                           GError     **error);
const char   *lineup_store_get_path       (LineupStore *self);

/* The person whose name goes into the stage history; defaults to the
 * account's real name. */
const char   *lineup_store_get_actor      (LineupStore *self);
void          lineup_store_set_actor      (LineupStore *self,
                                           const char  *actor);

/* Notices changes another process (the command line, a second window)
 * committed since this store last looked, with one cheap query: re-reads the
 * pillars, types and campaigns, forgets cached posts, emits "reloaded" and
 * returns TRUE. Call it when the window becomes active; nothing polls. */
gboolean      lineup_store_refresh        (LineupStore *self);
/* Refreshes by itself shortly after another process commits, told by the
 * file system (inotify), not by polling. For the app; a one-off command
 * has no need. */
void          lineup_store_watch          (LineupStore *self);

/* ---- plan settings ---- */
GTimeZone    *lineup_store_get_time_zone    (LineupStore *self);   /* borrowed */
const char   *lineup_store_get_time_zone_id (LineupStore *self);
gboolean      lineup_store_set_time_zone    (LineupStore *self,
                                             const char  *iana_id,
                                             GError     **error);
/* Minutes after midnight a post gets when it is given a day but no time
 * (09:00 unless changed). */
int           lineup_store_get_default_time (LineupStore *self);
/* @minutes: 0 … 1439. A plan setting like the zone: "plan-changed", no
 * undo step; posts already planned keep their times. */
gboolean      lineup_store_set_default_time (LineupStore *self,
                                             int          minutes,
                                             GError     **error);

/* ---- pillars, content types, campaigns (live list models, owned by the store) ---- */
GListModel        *lineup_store_get_pillars         (LineupStore *self);
LineupPillar      *lineup_store_get_pillar          (LineupStore *self, gint64 id);          /* borrowed or NULL */
LineupPillar      *lineup_store_find_pillar         (LineupStore *self, const char *name);   /* case-insensitive, borrowed or NULL */
/* @color NULL picks the next unused colour of the palette; @target < 0 for none. */
LineupPillar      *lineup_store_add_pillar          (LineupStore *self,
                                                     const char  *name,
                                                     const char  *color,
                                                     double       target,
                                                     GError     **error);            /* borrowed */
GListModel        *lineup_store_get_content_types   (LineupStore *self);
LineupContentType *lineup_store_get_content_type    (LineupStore *self, gint64 id);
LineupContentType *lineup_store_find_content_type   (LineupStore *self, const char *name);
LineupContentType *lineup_store_add_content_type    (LineupStore *self,
                                                     const char  *name,
                                                     GError     **error);
GListModel        *lineup_store_get_campaigns       (LineupStore *self);
LineupCampaign    *lineup_store_get_campaign        (LineupStore *self, gint64 id);
LineupCampaign    *lineup_store_find_campaign       (LineupStore *self, const char *name);
LineupCampaign    *lineup_store_add_campaign        (LineupStore *self,
                                                     const char  *name,
                                                     const char  *color,
                                                     const char  *starts_on,
                                                     const char  *ends_on,
                                                     GError     **error);
/* Targets for the content mix, in percent of the posts counted: a type's
 * range (@min <= @max, both 0–100), a pillar's share (-1 for none). Emit
 * "content-types-changed" / "pillars-changed". Each an undo step. */
gboolean           lineup_store_set_type_target     (LineupStore *self,
                                                     gint64       type_id,
                                                     double       min,
                                                     double       max,
                                                     GError     **error);
gboolean           lineup_store_set_pillar_target   (LineupStore *self,
                                                     gint64       pillar_id,
                                                     double       target,
                                                     GError     **error);
/* Which stages the content mix counts (default: all but Brief), as a bit
 * per LineupStage. */
guint              lineup_store_get_mix_stages      (LineupStore *self);
gboolean           lineup_store_set_mix_stages      (LineupStore *self,
                                                     guint        stages,
                                                     GError     **error);
#define LINEUP_MIX_DEFAULT_STAGES (((1u << LINEUP_N_STAGES) - 1) & ~(1u << LINEUP_STAGE_BRIEF))

/* "Educational, Narrative, …" / "A, B" for error messages. */
char              *lineup_store_list_content_type_names (LineupStore *self);
char              *lineup_store_list_pillar_names       (LineupStore *self);
char              *lineup_store_list_campaign_names     (LineupStore *self);
/* The pillar's (campaign's) name nearest @name, for "did you mean": one a
 * typo or two away, or that @name starts; NULL when none is near. */
const char        *lineup_store_closest_pillar_name     (LineupStore *self,
                                                         const char  *name);
const char        *lineup_store_closest_campaign_name   (LineupStore *self,
                                                         const char  *name);

/* Renaming, recolouring and removing (lineup-store-catalog.c). Each is one
 * transaction and one undo step that restores the catalog and the posts
 * it touched; adding a pillar, type or campaign and changing a target are
 * undo steps too.
 * @name, @color NULL: keep; @set_target FALSE keeps the target, else
 * @target (< 0: none). A new name re-tags the pillar's posts ("post-changed"
 * for each; a shared plan sends them). */
gboolean           lineup_store_edit_pillar         (LineupStore *self,
                                                     gint64       pillar_id,
                                                     const char  *name,
                                                     const char  *color,
                                                     gboolean     set_target,
                                                     double       target,
                                                     GError     **error);
/* The live posts tagged with the pillar (campaign). */
guint              lineup_store_count_pillar_posts  (LineupStore *self,
                                                     gint64       pillar_id);
guint              lineup_store_count_campaign_posts (LineupStore *self,
                                                      gint64       campaign_id);
/* Refused while posts use the pillar, unless @move_to (another pillar's
 * id; 0 for none) takes them. */
gboolean           lineup_store_remove_pillar       (LineupStore *self,
                                                     gint64       pillar_id,
                                                     gint64       move_to,
                                                     GError     **error);
/* @name, @color, @starts_on, @ends_on NULL: keep ("YYYY-MM-DD"). */
gboolean           lineup_store_edit_campaign       (LineupStore *self,
                                                     gint64       campaign_id,
                                                     const char  *name,
                                                     const char  *color,
                                                     const char  *starts_on,
                                                     const char  *ends_on,
                                                     GError     **error);
/* Its posts stay, in no campaign. */
gboolean           lineup_store_remove_campaign     (LineupStore *self,
                                                     gint64       campaign_id,
                                                     GError     **error);

/* ---- posts ---- */
/* Validates and adds @post (which must not have an id yet): gives it an id,
 * created/updated times and revision 1, and writes the first history entry.
 * On success @post holds what was stored. */
gboolean      lineup_store_add_post        (LineupStore *self,
                                            LineupPost  *post,
                                            GError     **error);
/* A new reference to the post with that id (or unique id prefix of at least 4
 * characters). Deleted posts are not found. */
LineupPost   *lineup_store_get_post        (LineupStore *self,
                                            const char  *id_or_prefix,
                                            GError     **error);
/* Dated posts with @from <= scheduled_at < @to, ordered by time. Element type
 * LineupPost. */
GPtrArray    *lineup_store_list_posts      (LineupStore *self,
                                            gint64       from,
                                            gint64       to,
                                            GError     **error);
/* Every post in the plan: dated ones by time, then undated ones by creation. */
GPtrArray    *lineup_store_list_all_posts  (LineupStore *self,
                                            GError     **error);
/* The undated posts (the backlog), oldest first, without reading the rest
 * of the plan. */
GPtrArray    *lineup_store_list_undated_posts (LineupStore *self,
                                               GError     **error);
guint         lineup_store_count_posts     (LineupStore *self);
/* Whether the plan has any post: one row read, whatever the plan's size. */
gboolean      lineup_store_has_posts       (LineupStore *self);
/* Editing a post's content goes through lineup_workflow_edit() (an edit
 * of approved content sends the post back to review). */
/* Moves a post to another day keeping its local time of day in the plan's
 * time zone (an undated post gets the default time). */
gboolean      lineup_store_move_post       (LineupStore *self,
                                            const char  *id,
                                            GDate       *date,
                                            GError     **error);
/* Moves a post to @date at @minutes after midnight, local time (-1 keeps
 * its time of day, as lineup_store_move_post does). */
gboolean      lineup_store_reschedule_post (LineupStore *self,
                                            const char  *id,
                                            GDate       *date,
                                            int          minutes,
                                            GError     **error);
/* A drop on the calendar (lineup-store-place.c), in one call and one undo
 * step: puts post @id on @date, or with @copy a new Draft copy of it. With
 * @hour (0–23, the week grid) it goes out at that hour and its own minutes
 * ("Move “…”" / "Duplicate “…”"); with -1 at its own time of day (an
 * undated post moved: the day's first free posting slot of its networks,
 * else the default time), as lineup_store_move_post and
 * lineup_store_duplicate_post do. Returns the id of the post placed (the
 * copy's with @copy), or NULL with @error and the plan unchanged. */
char         *lineup_store_place_post      (LineupStore *self,
                                            const char  *id,
                                            const GDate *date,
                                            int          hour,
                                            gboolean     copy,
                                            GError     **error);
/* The local minutes after midnight at which @post lands when dropped at
 * @hour (-1: the whole day), by the rule lineup_store_place_post follows. */
int           lineup_store_place_minutes   (LineupStore *self,
                                            LineupPost  *post,
                                            int          hour);
/* Gives the post no date: it goes back to the backlog. */
gboolean      lineup_store_unschedule_post (LineupStore *self,
                                            const char  *id,
                                            GError     **error);
/* A new post with the same content on @date (at the original's local time,
 * or the default time for an undated one), in stage Draft. Returns it. */
LineupPost   *lineup_store_duplicate_post  (LineupStore *self,
                                            const char  *id,
                                            GDate       *date,
                                            GError     **error);
/* Whether the post may change its date; FALSE with the reason a person
 * understands otherwise (a published post stays where it went out). */
gboolean      lineup_store_can_move_post   (LineupStore *self,
                                            LineupPost  *post,
                                            GError     **error);

/* Removes the post from the plan (its row and history are kept so undo can
 * bring it back). */
gboolean      lineup_store_delete_post     (LineupStore *self,
                                            const char  *id,
                                            GError     **error);

/* One line of a post's history: a stage change, an approval, a request for
 * changes, a comment, a checklist tick or an edit after approval. */
typedef struct {
  gint64             at;           /* UTC unix seconds */
  int                from_stage;   /* -1 when the post was created */
  int                to_stage;     /* the stage after it (the same for a comment) */
  char              *actor;
  char              *comment;      /* may be NULL */
  LineupHistoryKind  kind;
} LineupStageChange;

void          lineup_stage_change_free     (LineupStageChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupStageChange, lineup_stage_change_free)
/* Oldest first. Element type LineupStageChange. */
GPtrArray    *lineup_store_get_history     (LineupStore *self,
                                            const char  *id,
                                            GError     **error);

/* ---- the team, the approval chain and the checklist ----
 * Plan settings: changing them emits "plan-changed". They are not undo
 * steps (like the time zone). */

typedef struct {
  char       *name;
  LineupRole  role;
  char       *display_name;   /* how a shared plan's team names them; NULL: the name */
} LineupMember;

typedef struct {
  char     *name;         /* "Lead", "Legal" */
  gboolean  all;          /* every approver must approve, or any one */
  GStrv     approvers;    /* names of team members */
} LineupApprovalStep;

typedef struct {
  gint64    id;
  char     *text;
  /* For a post's checklist (lineup_store_get_post_workflow): */
  gboolean  checked;
  char     *checked_by;
  /* Ticked by Lineup, not by a person: the accessibility item of a post
   * with media (lineup-store-media.h), ticked while every medium is
   * accessible; checked_by is NULL. */
  gboolean  computed;
} LineupChecklistItem;

void lineup_member_free          (LineupMember        *member);
void lineup_approval_step_free   (LineupApprovalStep  *step);
void lineup_checklist_item_free  (LineupChecklistItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupMember, lineup_member_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupApprovalStep, lineup_approval_step_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupChecklistItem, lineup_checklist_item_free)

/* In the order they were added. Element type LineupMember. */
GPtrArray    *lineup_store_get_team              (LineupStore  *self);
LineupMember *lineup_store_find_member           (LineupStore  *self,
                                                  const char   *name);  /* new or NULL */
/* Adds a member, or gives an existing one (same name, any case) @role. */
gboolean      lineup_store_set_member            (LineupStore  *self,
                                                  const char   *name,
                                                  LineupRole    role,
                                                  GError      **error);
/* Refused while the member is an approver in the chain. */
gboolean      lineup_store_remove_member         (LineupStore  *self,
                                                  const char   *name,
                                                  GError      **error);
/* In order. Element type LineupApprovalStep. An empty chain means any one
 * person's approval is enough. */
GPtrArray    *lineup_store_get_approval_chain    (LineupStore  *self);
/* Replaces the chain. Every approver must be a member of the team. */
gboolean      lineup_store_set_approval_chain    (LineupStore  *self,
                                                  GPtrArray    *steps,
                                                  GError      **error);
gboolean      lineup_store_get_forbid_self_approval (LineupStore *self);
gboolean      lineup_store_set_forbid_self_approval (LineupStore  *self,
                                                     gboolean      forbid,
                                                     GError      **error);
/* The plan's pre-publication checklist, in order. Element type
 * LineupChecklistItem. A new plan has the five items of domain.md. */
GPtrArray    *lineup_store_get_checklist         (LineupStore  *self);
gboolean      lineup_store_add_checklist_item    (LineupStore  *self,
                                                  const char   *text,
                                                  GError      **error);
gboolean      lineup_store_rename_checklist_item (LineupStore  *self,
                                                  gint64        id,
                                                  const char   *text,
                                                  GError      **error);
/* Removes the item from the plan and from every post's checklist. */
gboolean      lineup_store_remove_checklist_item (LineupStore  *self,
                                                  gint64        id,
                                                  GError      **error);

/* ---- a post's place in the workflow ---- */

typedef struct {
  int     step;           /* index into the chain; 0 when the chain is empty */
  char   *actor;
  gint64  at;
} LineupApproval;

typedef struct {
  GPtrArray  *checklist;         /* LineupChecklistItem, ticked or not for this post */
  GPtrArray  *approvals;         /* LineupApproval that count: given for the content as it is now */
  guint       n_comments;        /* comments, requests for changes, approvals with a comment */
  char       *change_request;    /* the comment of the request that sent the post back to Draft, while it is there */
  char       *change_request_by;
  LineupPost *approved;          /* the content when the post was last approved, or NULL */
} LineupPostWorkflow;

void                lineup_post_workflow_free      (LineupPostWorkflow *workflow);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupPostWorkflow, lineup_post_workflow_free)
LineupPostWorkflow *lineup_store_get_post_workflow (LineupStore  *self,
                                                    LineupPost   *post,
                                                    GError      **error);
/* What a card shows of a post's workflow, for many posts at once. */
typedef struct {
  guint       checks_done;
  guint       checks_total;
  GPtrArray  *approvals;         /* LineupApproval that count */
  guint       n_comments;
  char       *change_request;    /* as in LineupPostWorkflow */
  char       *change_request_by;
} LineupWorkflowSummary;

void                   lineup_workflow_summary_free      (LineupWorkflowSummary *summary);
/* A few queries for all of @posts (LineupPost), not a few per post: post id
 * → LineupWorkflowSummary. */
GHashTable            *lineup_store_get_workflow_summaries (LineupStore  *self,
                                                            GPtrArray    *posts,
                                                            GError      **error);
/* The summary of one post, from its full record. */
LineupWorkflowSummary *lineup_workflow_summary_new_from  (LineupPostWorkflow *workflow);

/* The key approvals are given for: the post's title, caption and platforms. */
char               *lineup_post_content_key        (LineupPost   *post);

/* ---- feeds: where the plan is published as iCalendar ----
 * Definitions and what the destination last said; never a password.
 * Changing them emits "plan-changed". */

typedef enum {
  LINEUP_FEED_FILE,
  LINEUP_FEED_WEBDAV,
  LINEUP_FEED_CALDAV,
} LineupFeedKind;

typedef struct {
  char           *name;
  LineupFeedKind  kind;
  char           *target;         /* a path, or an http(s) URL */
  char           *username;       /* NULL: no authentication */
  GStrv           filter;         /* "pillar=Name", "type=Name", "platform=key", "stage=key" */
  int             days_back;      /* the window around today */
  int             days_ahead;
  char           *privacy;        /* "titles", "brief", "full" */
  int             duration;       /* minutes */
  int             refresh;        /* minutes */
  gboolean        local_time;
  gboolean        auto_publish;
  char           *etag;           /* WebDAV: the ETag of the last upload */
  gint64          last_at;        /* 0: never published */
  int             last_items;
  char           *last_error;     /* NULL when the last publish worked */
} LineupFeed;

void        lineup_feed_free               (LineupFeed *feed);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupFeed, lineup_feed_free)
const char *lineup_feed_kind_to_key        (LineupFeedKind kind);   /* "file", "webdav", "caldav" */

GPtrArray  *lineup_store_get_feeds         (LineupStore  *self);    /* LineupFeed, by name */
LineupFeed *lineup_store_find_feed         (LineupStore  *self,
                                            const char   *name);    /* new or NULL */
/* Adds (@create) or replaces the definition; keeps the last result. */
gboolean    lineup_store_save_feed         (LineupStore  *self,
                                            LineupFeed   *feed,
                                            gboolean      create,
                                            GError      **error);
gboolean    lineup_store_remove_feed       (LineupStore  *self,
                                            const char   *name,
                                            GError      **error);
gboolean    lineup_store_set_feed_result   (LineupStore  *self,
                                            const char   *name,
                                            const char   *etag,
                                            int           items,
                                            const char   *error_text,
                                            GError      **error);

/* CalDAV: one resource a post. */
typedef struct {
  char *uid;
  char *href;
  char *etag;
  char *content_hash;
} LineupFeedItem;

void        lineup_feed_item_free          (LineupFeedItem *item);
/* uid → LineupFeedItem */
GHashTable *lineup_store_get_feed_items    (LineupStore  *self,
                                            const char   *feed);
gboolean    lineup_store_set_feed_item     (LineupStore  *self,
                                            const char   *feed,
                                            LineupFeedItem *item,
                                            GError      **error);
gboolean    lineup_store_remove_feed_item  (LineupStore  *self,
                                            const char   *feed,
                                            const char   *uid,
                                            GError      **error);

/* ---- overlay calendars: read-only calendars shown beside the plan ---- */

typedef struct {
  char     *name;
  char     *source;        /* a path or an http(s) URL */
  char     *color;         /* "#RRGGBB" */
  gboolean  enabled;
  int       refresh_hours;
  char     *cache;         /* the last good copy (iCalendar), or NULL */
  gint64    fetched_at;
  char     *last_error;    /* why the last refresh failed, or NULL */
  gboolean  blackout;      /* its days are kept free by the month skeleton */
} LineupOverlay;

void        lineup_overlay_free              (LineupOverlay *overlay);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupOverlay, lineup_overlay_free)
GPtrArray  *lineup_store_get_overlays        (LineupStore  *self);   /* LineupOverlay, by name */
gboolean    lineup_store_add_overlay         (LineupStore  *self,
                                              const char   *name,
                                              const char   *source,
                                              const char   *color,
                                              GError      **error);
gboolean    lineup_store_set_overlay_enabled (LineupStore  *self,
                                              const char   *name,
                                              gboolean      enabled,
                                              GError      **error);
/* Marks an overlay blackout (or not): "Plan This Month" leaves its days
 * empty. Refuses a name no overlay has. One undo step. */
gboolean    lineup_store_set_overlay_blackout (LineupStore  *self,
                                               const char   *name,
                                               gboolean      blackout,
                                               GError      **error);
gboolean    lineup_store_remove_overlay      (LineupStore  *self,
                                              const char   *name,
                                              GError      **error);
/* A good refresh (@cache) or a failed one (@error_text, the cache kept). */
gboolean    lineup_store_set_overlay_result  (LineupStore  *self,
                                              const char   *name,
                                              const char   *cache,
                                              const char   *error_text,
                                              GError      **error);

/* ---- batches: several changes, one transaction, one undo step ---- */
/* Everything between begin and commit is one transaction and one undo step
 * labelled @label ("Import", "Load demo plan"); signals are held until commit.
 * Rollback undoes the database and forgets the held signals. */
void          lineup_store_begin           (LineupStore *self,
                                            const char  *label);
gboolean      lineup_store_commit          (LineupStore *self,
                                            GError     **error);
void          lineup_store_rollback        (LineupStore *self);

/* ---- the commit hook: what listens to every change ---- */

/* A post a committing change touched: @old_post NULL for a new post,
 * @new_post possibly deleted (lineup_post_get_deleted_at () != 0). */
typedef struct {
  LineupPost *old_post;
  LineupPost *new_post;
} LineupPostChange;

/* What a committing change touched besides posts. */
typedef enum {
  LINEUP_COMMIT_POSTS      = 1 << 0,
  LINEUP_COMMIT_PILLARS    = 1 << 1,
  LINEUP_COMMIT_TYPES      = 1 << 2,
  LINEUP_COMMIT_CAMPAIGNS  = 1 << 3,
  LINEUP_COMMIT_PLAN       = 1 << 4,   /* settings, team, chain, checklist, feeds… */
  LINEUP_COMMIT_PUBLISHING = 1 << 5,
} LineupCommitKinds;

typedef struct {
  LineupCommitKinds       kinds;
  const LineupPostChange *posts;      /* in the order they were made */
  guint                   n_posts;
  gboolean                remote;     /* pulled from a shared plan's server
                                       * (lineup-store-share.h): not to be sent back */
} LineupCommit;

/* Called inside the committing transaction of every change (undo and redo
 * included), before COMMIT: what a listener writes through the store commits
 * with the change, or not at all. Returning FALSE (with @error set) rolls
 * the whole change back and the change fails with that error. Listeners
 * run in the order they were added. The store knows nothing of its
 * listeners (the outbox, a shared plan's sync): they attach themselves. */
typedef gboolean (*LineupCommitHook) (LineupStore         *store,
                                      const LineupCommit  *commit,
                                      gpointer             user_data,
                                      GError             **error);

/* Returns an id for lineup_store_remove_commit_hook (), never 0. */
guint         lineup_store_add_commit_hook    (LineupStore      *self,
                                               LineupCommitHook  hook,
                                               gpointer          user_data,
                                               GDestroyNotify    destroy);
void          lineup_store_remove_commit_hook (LineupStore      *self,
                                               guint             id);

/* ---- undo ---- */
gboolean      lineup_store_can_undo        (LineupStore *self);
gboolean      lineup_store_can_redo        (LineupStore *self);
/* "Move “Launch teaser”" etc., or NULL. */
const char   *lineup_store_get_undo_label  (LineupStore *self);
const char   *lineup_store_get_redo_label  (LineupStore *self);
gboolean      lineup_store_undo            (LineupStore *self,
                                            GError     **error);
gboolean      lineup_store_redo            (LineupStore *self,
                                            GError     **error);

/* ---- dates in the plan's zone ---- */
/* The instant of local @date at @minutes after midnight in the plan's zone. */
gint64        lineup_store_local_to_utc    (LineupStore *self,
                                            GDate       *date,
                                            int          minutes);
/* The local date and minutes after midnight of @instant. */
void          lineup_store_utc_to_local    (LineupStore *self,
                                            gint64       instant,
                                            GDate       *out_date,
                                            int         *out_minutes);

/* A moment as the plan's people read it: @utc in the plan's time zone (not
 * the process's), written with g_date_time_format()'s @format in the
 * locale's words — LINEUP_TIME_FORMAT is "24 Nov 2026, 10:00". "?" when
 * @utc cannot be represented. The one place that formats a plan's times. */
#define LINEUP_TIME_FORMAT "%-d %b %Y, %H:%M"
char         *lineup_store_format_time     (LineupStore *self,
                                            gint64       utc,
                                            const char  *format);

/* Today's date in the plan's zone (not the computer's). */
void          lineup_store_get_today       (LineupStore *self,
                                            GDate       *out_date);

/* The years a plan's dates may fall in. The last is 9998 so that the day
 * after any date, the end of its month, and its moment in any time zone are
 * still dates GLib (GDateTime: up to 9999-12-31) and the plan's
 * "YYYY-MM-DD" text can hold. */
#define LINEUP_FIRST_YEAR 1900
#define LINEUP_LAST_YEAR  9998

/* Parses "YYYY-MM-DD" strictly (2026-02-30 is refused), in the years above. */
gboolean      lineup_parse_date            (const char  *text,
                                            GDate       *out_date);
/* Parses "HH:MM" (00:00–23:59) into minutes after midnight. */
gboolean      lineup_parse_time            (const char  *text,
                                            int         *out_minutes);
/* "#RRGGBB" */
gboolean      lineup_color_is_valid        (const char  *color);

G_END_DECLS

#include "lineup-store-snippets.h"
#include "lineup-store-utm.h"
#include "lineup-store-slots.h"
#include "lineup-store-queue.h"
#include "lineup-store-series.h"
#include "lineup-store-reuse.h"
