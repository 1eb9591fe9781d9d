/* lineup-json.h: one JSON writer a model type, for everything that prints
 * the plan as JSON (the command line's --json, and whoever comes next).
 *
 * Each writer adds one value to a JsonBuilder the caller owns: an object
 * (or, for the history, an array), with the same keys in the same order
 * every time, so a script can rely on them. Serialising the builder and
 * printing are the caller's business; nothing here reads or changes the
 * plan beyond the getters the output needs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "lineup-store.h"
#include "lineup-mix.h"
#include "lineup-account.h"
#include "lineup-outbox.h"

G_BEGIN_DECLS

/* A moment as the JSON writes it: "2026-12-10T08:30:00Z" (in the plan's
 * zone: lineup_store_format_time()). */
char *lineup_format_utc             (gint64           instant);

/* id, title, body, pillar, type, stage, platforms, date, time,
 * scheduled_at, campaign, revision, created, updated; with @details also
 * the brief, the history, the checklist and approvals, where it is
 * published, and its media. */
void  lineup_post_to_json           (JsonBuilder     *builder,
                                     LineupStore     *store,
                                     LineupPost      *post,
                                     gboolean         details);
/* An array of the changes: at, kind, from, to, actor, comment. */
void  lineup_history_to_json        (JsonBuilder     *builder,
                                     GPtrArray       *history);
/* name, color, target (null without one), posts: @n_posts. */
void  lineup_pillar_to_json         (JsonBuilder     *builder,
                                     LineupPillar    *pillar,
                                     guint            n_posts);
/* name, color, from, to. */
void  lineup_campaign_to_json       (JsonBuilder     *builder,
                                     LineupCampaign  *campaign);
/* name, role. */
void  lineup_member_to_json         (JsonBuilder     *builder,
                                     LineupMember    *member);
/* name, kind, target, link, filter, privacy, last_published, last_items,
 * last_error. */
void  lineup_feed_to_json           (JsonBuilder     *builder,
                                     LineupFeed      *feed);
/* name, source, color, enabled, events, last_error. */
void  lineup_overlay_to_json        (JsonBuilder     *builder,
                                     LineupOverlay   *overlay);
/* id, name, network, endpoint, handle, text_limit, schedules_on_server,
 * problem; never a secret. */
void  lineup_account_to_json        (JsonBuilder     *builder,
                                     LineupAccount   *account);
/* A post on one account: account, state, remote_id, url, message; in
 * the @outbox also the post, its title, the ops waiting and the attempts. */
void  lineup_post_sync_to_json      (JsonBuilder     *builder,
                                     LineupPostSync  *sync,
                                     gboolean         outbox);
/* from, to (the last day), total, score, types, pillars, suggestions,
 * weeks, cadence, flags. */
void  lineup_mix_report_to_json     (JsonBuilder     *builder,
                                     LineupMixReport *report);
/* The targets of the mix: { "types": [{name, min, max}…],
 * "pillars": [{name, target}…], "pillar_targets_sum": number or null,
 * "pillar_targets_warning": string or null (lineup-mix.h) }. */
void  lineup_targets_to_json        (JsonBuilder     *builder,
                                     LineupStore     *store);

/* An array of a post's media (LineupMedium, lineup-store-media.h), in
 * order: number (1 is the first), sha256, kind, mime_type, size, width,
 * height, duration_ms (null for an image), alt, subtitles (a hash or null),
 * no_subtitles_needed, accessible, name (as attached), file (in the plan's
 * media folder), present (whether that file is on this computer: a shared
 * plan's media list travels before their bytes do). */
void  lineup_media_list_to_json     (JsonBuilder     *builder,
                                     LineupStore     *store,
                                     GPtrArray       *media);

G_END_DECLS
