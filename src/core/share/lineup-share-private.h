/* lineup-share-private.h: what the share module's own files share.
 *
 * A pass's working state (the two collections' clients, the login, the
 * plan's zone, what it touched) and the steps lineup-share.c calls. Not for
 * anything outside src/core/share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-share.h"
#include "lineup-caldav.h"
#include "lineup-store-share.h"

G_BEGIN_DECLS

typedef struct {
  LineupStore       *store;          /* borrowed */
  LineupShareConfig *config;
  LineupHttp        *http;
  LineupCaldav      *plan_dav;
  LineupCaldav      *approvals_dav;  /* the plan's own when there is no approvals collection */
  char              *zone;
  GHashTable        *touched;        /* post ids pulled or whose approvals changed */
  GHashTable        *approval_posts; /* post ids whose approvals collection changed */
  LineupSharePass    counts;
  GError            *refused;        /* the first refusal of the pass (it goes on) */
  gboolean           in_batch;
} LineupShareRun;

/* Opens the two collections with the stored password. */
LineupShareRun *_lineup_share_run_new     (LineupStore        *store,
                                           const char         *password,
                                           GError            **error);
void            _lineup_share_run_free    (LineupShareRun     *run);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupShareRun, _lineup_share_run_free)

/* Sends the queue, oldest first (lineup-share-push.c). */
gboolean        _lineup_share_push        (LineupShareRun     *run,
                                           GCancellable       *cancellable,
                                           GError            **error);
/* Pulls both collections and checks the approvals (lineup-share-pull.c). */
gboolean        _lineup_share_pull        (LineupShareRun     *run,
                                           GCancellable       *cancellable,
                                           GError            **error);

/* Claims on the server the posts this copy is about to send
 * (lineup-share-claims.c). */
gboolean        _lineup_share_claim       (LineupShareRun     *run,
                                           GCancellable       *cancellable,
                                           GError            **error);

/* Remembers what the server holds now for @uid at @href: @data and @etag,
 * or, when the write was answered without an ETag, what a GET gives (the
 * server may have rewritten it: never assume the bytes are ours). */
gboolean        _lineup_share_remember    (LineupShareRun        *run,
                                           LineupShareCollection  collection,
                                           const char            *uid,
                                           const char            *href,
                                           const char            *data,
                                           const char            *etag,
                                           GCancellable          *cancellable,
                                           GError               **error);

/* Media files (lineup-share-media.c): resources named
 * LINEUP_SHARE_MEDIA_PREFIX SHA256 ".ics" in the plan collection. */
#define LINEUP_SHARE_MEDIA_PREFIX "media-"
char           *_lineup_share_media_uid    (const char         *sha256);
/* Uploads the files the plan's posts use that the server lacks. A file
 * the server refuses (413) is said in @run->refused; the push goes on. */
gboolean        _lineup_share_media_push   (LineupShareRun     *run,
                                            GCancellable       *cancellable,
                                            GError            **error);
/* Remembers a media resource the pull listed (not fetched). */
gboolean        _lineup_share_media_listed (LineupShareRun     *run,
                                            LineupCaldavItem   *item,
                                            GError            **error);
/* Fetches the files the plan's posts use that this copy lacks, checked
 * against their SHA-256. */
gboolean        _lineup_share_media_fetch  (LineupShareRun     *run,
                                            GCancellable       *cancellable,
                                            GError            **error);
/* How many files wait to go to the server and to come from it. */
void            _lineup_share_media_count  (LineupStore        *store,
                                            guint              *out_up,
                                            guint              *out_down);

/* The password of a shared plan's login, from the Secret Service. */
char           *_lineup_share_lookup_password (LineupShareConfig  *config,
                                               GError            **error);

/* Where a resource of @kind lives: the approvals collection for the team
 * and the approvals when there is one, the plan collection otherwise. */
LineupShareCollection _lineup_share_collection_of (LineupShareRun  *run,
                                                   LineupShareKind  kind);

/* The field naming the copy (its machine id) that wrote a resource last:
 * a version this copy wrote itself is never a conflict with what it has
 * now (an answer lost to a crash comes back as a 412 or in a pull). */
#define LINEUP_SHARE_WRITER_FIELD "writer"

/* The record @text holds, without the writer field (given in @out_writer
 * when not NULL). */
LineupShareRecord *_lineup_share_parse     (const char              *text,
                                            char                   **out_writer,
                                            GError                 **error);
/* @record's text over @base, naming this copy as its writer. */
char              *_lineup_share_render    (LineupShareRun          *run,
                                            const LineupShareRecord *record,
                                            const char              *base,
                                            GError                 **error);

/* The "lineup-approval-POST-LOGIN-STEP" UID. */
char           *_lineup_share_approval_uid (const char         *post_id,
                                            const char         *login,
                                            int                 step);

/* Turns an error of the CalDAV client or the network into the share's own
 * (OFFLINE, REFUSED, AUTH, FAILED), prefixing what Lineup was doing. */
void            _lineup_share_wrap_error   (GError            **error,
                                            GError             *cause);

G_END_DECLS
