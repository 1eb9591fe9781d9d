/* lineup-cli-private.h: what the files of the command line share: each command's
 * entry point, for the table in lineup-cli.c, and the printing of a post's
 * workflow that `post show` and `post history` both use.
 *
 * Every entry point returns the exit status: 0, 1 when the plan refused or
 * could not be changed, 2 when the arguments were wrong.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-cli-args.h"
#include "lineup-cli-output.h"

G_BEGIN_DECLS

/* lineup-cli-post.c */
int cmd_post_add (Args *args, GError **error);
int cmd_post_list (Args *args, GError **error);
int cmd_post_edit (Args *args, GError **error);
int cmd_post_move (Args *args, GError **error);
int cmd_post_duplicate (Args *args, GError **error);
int cmd_post_delete (Args *args, GError **error);
int cmd_post_show (Args *args, GError **error);

/* lineup-cli-workflow.c */
int cmd_post_stage (Args *args, GError **error);
int cmd_post_approve (Args *args, GError **error);
int cmd_post_request_changes (Args *args, GError **error);
int cmd_post_check (Args *args, GError **error);
int cmd_post_comment (Args *args, GError **error);
int cmd_post_history (Args *args, GError **error);
int cmd_team_add (Args *args, GError **error);
int cmd_team_list (Args *args, GError **error);
int cmd_approval_chain_set (Args *args, GError **error);
int cmd_approval_chain_show (Args *args, GError **error);
int cmd_checklist_list (Args *args, GError **error);
int cmd_checklist_add (Args *args, GError **error);
int cmd_checklist_remove (Args *args, GError **error);

/* lineup-cli-mix.c */
int cmd_mix (Args *args, GError **error);
int cmd_targets_set (Args *args, GError **error);
int cmd_targets_list (Args *args, GError **error);
int cmd_targets_count (Args *args, GError **error);

/* lineup-cli-calendar.c */
int cmd_export_ics (Args *args, GError **error);
int cmd_feed_add (Args *args, GError **error);
int cmd_feed_list (Args *args, GError **error);
int cmd_feed_publish (Args *args, GError **error);
int cmd_feed_password (Args *args, GError **error);
int cmd_feed_remove (Args *args, GError **error);
int cmd_overlay_add (Args *args, GError **error);
int cmd_overlay_refresh (Args *args, GError **error);
int cmd_overlay_list (Args *args, GError **error);
int cmd_overlay_remove (Args *args, GError **error);

/* lineup-cli-catalog.c */
int cmd_pillar_add (Args *args, GError **error);
int cmd_pillar_list (Args *args, GError **error);
int cmd_campaign_add (Args *args, GError **error);
int cmd_campaign_list (Args *args, GError **error);
int cmd_pillar_rename (Args *args, GError **error);
int cmd_pillar_set (Args *args, GError **error);
int cmd_pillar_remove (Args *args, GError **error);
int cmd_campaign_edit (Args *args, GError **error);
int cmd_campaign_remove (Args *args, GError **error);
int cmd_import_csv (Args *args, GError **error);
int cmd_demo (Args *args, GError **error);

/* lineup-cli-publish.c */
int cmd_account_add (Args *args, GError **error);
int cmd_account_renew (Args *args, GError **error);
int cmd_account_list (Args *args, GError **error);
int cmd_account_remove (Args *args, GError **error);
int cmd_account_set (Args *args, GError **error);
int cmd_post_target (Args *args, GError **error);
int cmd_post_retry (Args *args, GError **error);
int cmd_post_resolve (Args *args, GError **error);
int cmd_sync (Args *args, GError **error);
int cmd_outbox (Args *args, GError **error);

/* lineup-cli-share.c */
int cmd_share_create (Args *args, GError **error);
int cmd_share_join (Args *args, GError **error);
int cmd_share_sync (Args *args, GError **error);
int cmd_share_status (Args *args, GError **error);
int cmd_share_resolve (Args *args, GError **error);
int cmd_share_leave (Args *args, GError **error);

/* lineup-cli-snippet.c */
int cmd_utm_show (Args *args, GError **error);
int cmd_utm_set (Args *args, GError **error);
int cmd_post_links (Args *args, GError **error);
/* lineup-cli-card.c */
int cmd_post_card (Args *args, GError **error);
int cmd_snippet_add (Args *args, GError **error);
int cmd_snippet_list (Args *args, GError **error);
int cmd_snippet_remove (Args *args, GError **error);
/* lineup-cli-slots.c */
int cmd_slots_set (Args *args, GError **error);
int cmd_slots_list (Args *args, GError **error);
int cmd_slots_clear (Args *args, GError **error);
int cmd_queue_add (Args *args, GError **error);

/* lineup-cli-series.c */
int cmd_post_repeat (Args *args, GError **error);
int cmd_series_list (Args *args, GError **error);
int cmd_series_stop (Args *args, GError **error);
int cmd_series_roll (Args *args, GError **error);
/* Makes the series' posts up to the horizon (the commands that list or
 * sync the plan call it); a failure is only a warning. */
void roll_series (LineupStore *store);
/* --series this|following|all of `post edit` (default this). */
gboolean series_scope_option (Args *args, LineupSeriesScope *out_scope, GError **error);
int cmd_plan_month (Args *args, GError **error);
int cmd_overlay_blackout (Args *args, GError **error);

/* lineup-cli-reuse.c */
int cmd_evergreen_add (Args *args, GError **error);
int cmd_evergreen_list (Args *args, GError **error);
int cmd_evergreen_remove (Args *args, GError **error);
int cmd_evergreen_fill (Args *args, GError **error);
int cmd_post_repurpose (Args *args, GError **error);
/* The evergreen mark, source and copies, as `post show` lists them. */
void print_family (LineupStore *store, LineupPost *post);
/* lineup-cli-workflow.c: a post's history and approvals */
void print_history (LineupStore *store,
                    GPtrArray   *history);
void print_workflow (LineupStore *store,
                     LineupPost  *post);

/* lineup-cli-results.c */
int cmd_post_url (Args *args, GError **error);
int cmd_results_import (Args *args, GError **error);
int cmd_results (Args *args, GError **error);
int cmd_results_export (Args *args, GError **error);
int cmd_results_times (Args *args, GError **error);
int cmd_results_review (Args *args, GError **error);
int cmd_results_weights (Args *args, GError **error);
int cmd_results_fetch (Args *args, GError **error);

/* lineup-cli-captions.c */
int cmd_post_caption (Args *args, GError **error);
int cmd_post_cw (Args *args, GError **error);
int cmd_post_preview (Args *args, GError **error);
int cmd_post_problems (Args *args, GError **error);

/* lineup-cli-media.c */
int cmd_post_attach (Args *args, GError **error);
int cmd_post_media (Args *args, GError **error);
int cmd_post_alt (Args *args, GError **error);
int cmd_post_subtitles (Args *args, GError **error);
int cmd_post_detach (Args *args, GError **error);
int cmd_post_media_move (Args *args, GError **error);
int cmd_media_clean (Args *args, GError **error);
/* A post's media, numbered, with what each still lacks (`post show`). */
void print_media (LineupStore *store,
                  GPtrArray   *media);

G_END_DECLS
