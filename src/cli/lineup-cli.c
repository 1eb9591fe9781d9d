/* lineup-cli.c: `lineup post|pillar|campaign|import|demo …`: the table of
 * commands, the usage (`--help`) and the dispatch.
 *
 * Each command is in a lineup-cli-*.c file; the parser is in
 * lineup-cli-args.c, the printing in lineup-cli-output.c.
 *
 * Every argument is checked before the plan is opened, and every failure is
 * one line on stderr that says what was wrong, where, and what was expected.
 * The store does the rest in one transaction, so a refused command leaves
 * the file exactly as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "lineup-cli.h"
#include "lineup-cli-private.h"

static const OptionSpec post_field_options[] = {
  { "title", TRUE, FALSE },
  { "body", TRUE, FALSE },
  { "pillar", TRUE, FALSE },
  { "type", TRUE, FALSE },
  { "platform", TRUE, TRUE },
  { "date", TRUE, FALSE },
  { "time", TRUE, FALSE },
  { "stage", TRUE, FALSE },
  { "campaign", TRUE, FALSE },
  { "goal", TRUE, FALSE },
  { "audience", TRUE, FALSE },
  { "key-message", TRUE, FALSE },
  { "call-to-action", TRUE, FALSE },
  { "hashtags", TRUE, FALSE },
  { "owner", TRUE, FALSE },
  { "due", TRUE, FALSE },
  { "cw", TRUE, FALSE },
  { NULL }
};
static const OptionSpec list_options[] = {
  { "from", TRUE, FALSE }, { "to", TRUE, FALSE }, { "json", FALSE, FALSE },
  { "owner", TRUE, FALSE }, { "scope", TRUE, FALSE }, { NULL }
};
static const OptionSpec move_options[] = { { "date", TRUE, FALSE }, { "time", TRUE, FALSE }, { NULL } };
static const OptionSpec date_options[] = { { "date", TRUE, FALSE }, { NULL } };
static const OptionSpec stage_options[] = { { "comment", TRUE, FALSE }, { "as", TRUE, FALSE }, { NULL } };
static const OptionSpec no_options[] = { { NULL } };
static const OptionSpec as_options[] = { { "as", TRUE, FALSE }, { NULL } };
static const OptionSpec check_options[] = { { "uncheck", FALSE, FALSE }, { "as", TRUE, FALSE }, { NULL } };
static const OptionSpec role_options[] = { { "role", TRUE, FALSE }, { NULL } };
static const OptionSpec chain_options[] = {
  { "clear", FALSE, FALSE }, { "forbid-self-approval", FALSE, FALSE }, { "allow-self-approval", FALSE, FALSE }, { NULL }
};
static const OptionSpec json_options[] = { { "json", FALSE, FALSE }, { NULL } };
static const OptionSpec pillar_options[] = { { "color", TRUE, FALSE }, { "target", TRUE, FALSE }, { NULL } };
static const OptionSpec demo_options[] = { { "month", TRUE, FALSE }, { NULL } };
static const OptionSpec import_options[] = { { "history", FALSE, FALSE }, { "create-missing", FALSE, FALSE }, { NULL } };
static const OptionSpec export_options[] = {
  { "output", TRUE, FALSE }, { "from", TRUE, FALSE }, { "to", TRUE, FALSE }, { "pillar", TRUE, TRUE },
  { "type", TRUE, TRUE }, { "platform", TRUE, TRUE }, { "stage", TRUE, TRUE }, { "privacy", TRUE, FALSE },
  { "local-time", FALSE, FALSE }, { "name", TRUE, FALSE }, { NULL }
};
static const OptionSpec feed_options[] = {
  { "file", TRUE, FALSE }, { "webdav", TRUE, FALSE }, { "caldav", TRUE, FALSE }, { "user", TRUE, FALSE },
  { "pillar", TRUE, TRUE }, { "type", TRUE, TRUE }, { "platform", TRUE, TRUE }, { "stage", TRUE, TRUE },
  { "privacy", TRUE, FALSE }, { "days-back", TRUE, FALSE }, { "days-ahead", TRUE, FALSE },
  { "duration", TRUE, FALSE }, { "refresh", TRUE, FALSE }, { "local-time", FALSE, FALSE },
  { "auto-publish", FALSE, FALSE }, { "password-stdin", FALSE, FALSE }, { NULL }
};
static const OptionSpec publish_options[] = { { "force", FALSE, FALSE }, { NULL } };
static const OptionSpec color_options[] = { { "color", TRUE, FALSE }, { NULL } };
static const OptionSpec mix_options[] = {
  { "month", TRUE, FALSE }, { "from", TRUE, FALSE }, { "to", TRUE, FALSE }, { "platform", TRUE, FALSE },
  { "json", FALSE, FALSE }, { NULL }
};
static const OptionSpec campaign_options[] = {
  { "from", TRUE, FALSE }, { "to", TRUE, FALSE }, { "color", TRUE, FALSE }, { NULL }
};
static const OptionSpec pillar_set_options[] = {
  { "color", TRUE, FALSE }, { "target", TRUE, FALSE }, { "no-target", FALSE, FALSE }, { NULL }
};
static const OptionSpec pillar_remove_options[] = { { "move-to", TRUE, FALSE }, { NULL } };
static const OptionSpec campaign_edit_options[] = {
  { "rename", TRUE, FALSE }, { "from", TRUE, FALSE }, { "to", TRUE, FALSE }, { "color", TRUE, FALSE },
  { "utm-campaign", TRUE, FALSE }, { NULL }
};
static const char * const old_new_args[] = { "OLD", "NEW", NULL };

static const OptionSpec account_options[] = {
  { "name", TRUE, FALSE }, { "instance", TRUE, FALSE }, { "token-stdin", FALSE, FALSE },
  { "handle", TRUE, FALSE }, { "app-password-stdin", FALSE, FALSE }, { "pds", TRUE, FALSE },
  { "url", TRUE, FALSE }, { "hub-secret-stdin", FALSE, FALSE }, { "media-bytes", TRUE, FALSE }, { NULL }
};
static const OptionSpec account_set_options[] = { { "media-bytes", TRUE, FALSE }, { NULL } };
static const OptionSpec target_options[] = { { "account", TRUE, FALSE }, { "remove", FALSE, FALSE }, { NULL } };
static const OptionSpec account_only_options[] = { { "account", TRUE, FALSE }, { NULL } };
static const OptionSpec resolve_options[] = { { "account", TRUE, FALSE }, { "keep", TRUE, FALSE }, { NULL } };
static const OptionSpec sync_options[] = { { "once", FALSE, FALSE }, { "due", FALSE, FALSE }, { NULL } };
static const OptionSpec outbox_options[] = { { "json", FALSE, FALSE }, { "all", FALSE, FALSE }, { NULL } };
static const OptionSpec share_options[] = {
  { "user", TRUE, FALSE }, { "password-stdin", FALSE, FALSE }, { "approvals-url", TRUE, FALSE }, { NULL }
};
static const OptionSpec keep_options[] = { { "keep", TRUE, FALSE }, { NULL } };
static const char * const url_arg[] = { "URL", NULL };
static const char * const id_field_args[] = { "ID", "FIELD", NULL };
static const char * const network_arg[] = { "NETWORK", NULL };
static const char * const ids_arg[] = { "ID…", NULL };

static const char * const id_arg[] = { "ID", NULL };
static const OptionSpec attach_options[] = { { "alt", TRUE, FALSE }, { NULL } };
static const OptionSpec subtitles_options[] = { { "none-needed", FALSE, FALSE }, { "remove", FALSE, FALSE }, { NULL } };
static const OptionSpec media_clean_options[] = { { "dry-run", FALSE, FALSE }, { NULL } };
static const char * const id_files_args[] = { "ID", "FILE…", NULL };
static const char * const id_n_text_args[] = { "ID", "N", "TEXT", NULL };
static const char * const id_n_args[] = { "ID", "N", NULL };
static const char * const id_n_file_args[] = { "ID", "N", "FILE…", NULL };
static const char * const id_n_to_args[] = { "ID", "N", "TO", NULL };
static const char * const id_stage_args[] = { "ID", "STAGE", NULL };
static const char * const name_arg[] = { "NAME", NULL };
static const char * const id_item_args[] = { "ID", "ITEM", NULL };
static const char * const id_text_args[] = { "ID", "TEXT", NULL };
static const char * const item_arg[] = { "ITEM", NULL };
static const char * const steps_arg[] = { "STEP…", NULL };
static const char * const file_arg[] = { "FILE", NULL };
static const char * const target_args[] = { "TYPE", "MIN", "MAX", NULL };
static const char * const optional_name_arg[] = { "NAME…", NULL };
static const char * const name_source_args[] = { "NAME", "SOURCE", NULL };
static const OptionSpec snippet_options[] = { { "kind", TRUE, FALSE }, { "type", TRUE, FALSE }, { NULL } };
static const OptionSpec plan_month_options[] = {
  { "tier", TRUE, FALSE }, { "platform", TRUE, TRUE }, { "yes", FALSE, FALSE }, { NULL }
};
static const OptionSpec off_options[] = { { "off", FALSE, FALSE }, { NULL } };
static const char * const month_arg[] = { "YYYY-MM", NULL };
static const char * const name_text_args[] = { "NAME", "TEXT", NULL };
static const char * const stages_arg[] = { "STAGE…", NULL };
static const char * const platform_slots_args[] = { "PLATFORM", "DAY@HH:MM…", NULL };
static const char * const platform_arg[] = { "PLATFORM", NULL };
static const OptionSpec repeat_options[] = {
  { "every", TRUE, FALSE }, { "interval", TRUE, FALSE }, { "on", TRUE, FALSE }, { "day", TRUE, FALSE },
  { "weekday", TRUE, FALSE }, { "until", TRUE, FALSE }, { "count", TRUE, FALSE }, { NULL }
};
static const OptionSpec post_edit_options[] = {
  { "title", TRUE, FALSE }, { "body", TRUE, FALSE }, { "pillar", TRUE, FALSE }, { "type", TRUE, FALSE },
  { "platform", TRUE, TRUE }, { "date", TRUE, FALSE }, { "time", TRUE, FALSE }, { "stage", TRUE, FALSE },
  { "campaign", TRUE, FALSE }, { "goal", TRUE, FALSE }, { "audience", TRUE, FALSE },
  { "key-message", TRUE, FALSE }, { "call-to-action", TRUE, FALSE }, { "hashtags", TRUE, FALSE },
  { "owner", TRUE, FALSE }, { "due", TRUE, FALSE }, { "series", TRUE, FALSE }, { "cw", TRUE, FALSE }, { NULL }
};
static const OptionSpec series_roll_options[] = { { "days", TRUE, FALSE }, { NULL } };
static const char * const series_arg[] = { "SERIES", NULL };
static const OptionSpec evergreen_options[] = { { "min-gap-days", TRUE, FALSE }, { "until", TRUE, FALSE }, { NULL } };
static const OptionSpec fill_options[] = { { "month", TRUE, FALSE }, { "yes", FALSE, FALSE }, { NULL } };
static const OptionSpec repurpose_options[] = {
  { "type", TRUE, FALSE }, { "platform", TRUE, TRUE }, { "date", TRUE, FALSE }, { NULL }
};
static const OptionSpec utm_set_options[] = {
  { "on", FALSE, FALSE }, { "off", FALSE, FALSE }, { "medium", TRUE, FALSE }, { "source", TRUE, TRUE },
  { "domains", TRUE, FALSE }, { "all-domains", FALSE, FALSE }, { NULL }
};
static const OptionSpec links_options[] = { { "platform", TRUE, FALSE }, { "json", FALSE, FALSE }, { NULL } };
static const char * const id_url_args[] = { "ID", "URL", NULL };
static const OptionSpec results_options[] = {
  { "from", TRUE, FALSE }, { "to", TRUE, FALSE }, { "by", TRUE, FALSE }, { "json", FALSE, FALSE }, { NULL }
};
static const OptionSpec platform_options[] = { { "platform", TRUE, FALSE }, { NULL } };
static const OptionSpec results_export_options[] = { { "format", TRUE, FALSE }, { NULL } };
static const OptionSpec results_times_options[] = { { "platform", TRUE, FALSE }, { "json", FALSE, FALSE }, { NULL } };
static const OptionSpec results_review_options[] = { { "week", TRUE, FALSE }, { "json", FALSE, FALSE }, { NULL } };
static const OptionSpec results_weights_options[] = {
  { "likes", TRUE, FALSE }, { "clicks", TRUE, FALSE }, { "replies", TRUE, FALSE }, { "reposts", TRUE, FALSE },
  { "quotes", TRUE, FALSE }, { "saves", TRUE, FALSE }, { "reset", FALSE, FALSE }, { "json", FALSE, FALSE }, { NULL }
};
static const OptionSpec results_fetch_options[] = { { "post", TRUE, FALSE }, { "due", FALSE, FALSE }, { NULL } };

/* Every command: the parser, the usage and the dispatch all read this. */
static const Command commands[] = {
  { "post", "add", cmd_post_add, post_field_options, NULL,
    "--title T --pillar P --type TYPE [--date YYYY-MM-DD [--time HH:MM]] [--platform NAME]… [--stage STAGE] [--body TEXT] [--cw TEXT] [BRIEF]",
    N_("adds a post and prints its id; without --date it is an idea in the backlog") },
  { "post", "list", cmd_post_list, list_options, NULL,
    "[--from YYYY-MM-DD] [--to YYYY-MM-DD] [--scope week|month|all] [--owner NAME|me] [--json]",
    N_("lists posts by time, whole days in the plan’s time zone; undated ones last") },
  { "post", "edit", cmd_post_edit, post_edit_options, id_arg,
    "ID [--title T] [--body TEXT] [--cw TEXT] [--pillar P] [--type TYPE] [--platform NAME]… [--time HH:MM] [BRIEF] [--series this|following|all]",
    N_("changes only the fields given; --platform replaces the set") },
  { "post", "move", cmd_post_move, move_options, id_arg,
    "ID --date YYYY-MM-DD [--time HH:MM]",
    N_("moves a post to another day, keeping its local time unless --time") },
  { "post", "duplicate", cmd_post_duplicate, date_options, id_arg,
    "ID --date YYYY-MM-DD",
    N_("a Draft copy on that day at the same time; prints its id") },
  { "post", "stage", cmd_post_stage, stage_options, id_stage_args,
    "ID STAGE [--comment TEXT] [--as NAME]",
    N_("moves a post through the workflow and records who did it") },
  { "post", "approve", cmd_post_approve, stage_options, id_arg,
    "ID --as NAME [--comment TEXT]",
    N_("approves a post in review for the approval chain’s current step") },
  { "post", "request-changes", cmd_post_request_changes, stage_options, id_arg,
    "ID --as NAME --comment TEXT",
    N_("sends a post back to Draft with what should change") },
  { "post", "check", cmd_post_check, check_options, id_item_args,
    "ID ITEM [--uncheck] [--as NAME]",
    N_("ticks (or unticks) a checklist item, by number or text") },
  { "post", "comment", cmd_post_comment, as_options, id_text_args,
    "ID TEXT [--as NAME]",
    N_("adds a comment to a post’s thread") },
  { "post", "history", cmd_post_history, json_options, id_arg,
    "ID [--json]",
    N_("who did what to a post, and when") },
  { "post", "delete", cmd_post_delete, no_options, id_arg,
    "ID",
    N_("removes a post from the plan") },
  { "post", "show", cmd_post_show, json_options, id_arg,
    "ID [--json]",
    N_("everything about one post, with its brief and history") },
  { "post", "target", cmd_post_target, target_options, ids_arg,
    "ID… --account NAME [--remove]",
    N_("sends the post to an account once it is scheduled (or, with --remove, stops)") },
  { "post", "retry", cmd_post_retry, account_only_options, id_arg,
    "ID --account NAME",
    N_("sends a post that failed on an account again") },
  { "post", "resolve", cmd_post_resolve, resolve_options, id_arg,
    "ID --account NAME --keep lineup|server",
    N_("settles a conflict: send Lineup’s version again, or take the server’s") },
  { "account", "add", cmd_account_add, account_options, network_arg,
    "mastodon --instance URL [--token-stdin] | bluesky --handle H --app-password-stdin [--pds URL] | webhook --url URL [--hub-secret-stdin] [--media-bytes SIZE]  [--name NAME]",
    N_("adds an account to publish to; the secret goes to the Secret Service, never into the plan") },
  { "account", "renew", cmd_account_renew, no_options, name_arg,
    "NAME  (the new token or app password on standard input)",
    N_("gives an account a new token or app password after the server refused the old one") },
  { "account", "set", cmd_account_set, account_set_options, name_arg,
    "NAME --media-bytes SIZE",
    N_("a webhook sends media up to SIZE (5MB, 500kB; 0: none) with their bytes, larger ones only listed") },
  { "account", "list", cmd_account_list, json_options, NULL,
    "[--json]",
    N_("the accounts, with what stops one from publishing") },
  { "account", "remove", cmd_account_remove, no_options, name_arg,
    "NAME",
    N_("removes an account and its secret (posts already scheduled on the server stay)") },
  { "sync", NULL, cmd_sync, sync_options, NULL,
    "[--once] [--due]",
    N_("sends the outbox to the networks and publishes what is due (--once: one pass; --due: only what is due, for a timer; neither: keeps running)") },
  { "outbox", NULL, cmd_outbox, outbox_options, NULL,
    "[--all] [--json]",
    N_("what waits to be sent, what failed and why (--all: and the latest sent)") },
  { "pillar", "add", cmd_pillar_add, pillar_options, name_arg,
    "NAME [--color #RRGGBB] [--target PERCENT]",
    N_("adds a content pillar") },
  { "pillar", "list", cmd_pillar_list, json_options, NULL,
    "[--json]",
    N_("the pillars with colour, target share and number of posts") },
  { "pillar", "rename", cmd_pillar_rename, no_options, old_new_args,
    "OLD NEW",
    N_("renames a pillar; its posts keep it under the new name") },
  { "pillar", "set", cmd_pillar_set, pillar_set_options, name_arg,
    "NAME [--color #RRGGBB] [--target PERCENT|--no-target]",
    N_("changes a pillar's colour or target share") },
  { "pillar", "remove", cmd_pillar_remove, pillar_remove_options, name_arg,
    "NAME [--move-to OTHER]",
    N_("removes a pillar; its posts move to OTHER (refused while posts use it without --move-to)") },
  { "campaign", "add", cmd_campaign_add, campaign_options, name_arg,
    "NAME --from YYYY-MM-DD --to YYYY-MM-DD [--color #RRGGBB]",
    N_("adds a campaign: a named window of days posts can belong to") },
  { "campaign", "list", cmd_campaign_list, json_options, NULL,
    "[--json]",
    N_("the campaigns with colour and dates") },
  { "campaign", "edit", cmd_campaign_edit, campaign_edit_options, name_arg,
    "NAME [--rename NEW] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--color #RRGGBB] [--utm-campaign VALUE|--utm-campaign \"\"]",
    N_("renames a campaign or changes its dates, colour or the utm_campaign its links get (\"\": from its name)") },
  { "campaign", "remove", cmd_campaign_remove, no_options, name_arg,
    "NAME",
    N_("removes a campaign; its posts stay, in no campaign") },
  { "team", "add", cmd_team_add, role_options, name_arg,
    "NAME --role lead|editor|approver",
    N_("adds a team member, or changes their role") },
  { "team", "list", cmd_team_list, json_options, NULL,
    "[--json]",
    N_("the team and their roles") },
  { "approval-chain", "set", cmd_approval_chain_set, chain_options, steps_arg,
    "STEP:any|all:NAME[,NAME]… [--clear] [--forbid-self-approval|--allow-self-approval]",
    N_("the steps a post goes through to be approved, in order") },
  { "approval-chain", "show", cmd_approval_chain_show, no_options, NULL,
    "",
    N_("the approval chain") },
  { "checklist", "list", cmd_checklist_list, no_options, NULL,
    "",
    N_("the pre-publication checklist every post carries") },
  { "checklist", "add", cmd_checklist_add, no_options, item_arg,
    "TEXT",
    N_("adds an item to the checklist") },
  { "checklist", "remove", cmd_checklist_remove, no_options, item_arg,
    "ITEM",
    N_("removes an item (by number or text) from the checklist and every post") },
  { "share", "create", cmd_share_create, share_options, url_arg,
    "URL --user LOGIN --password-stdin [--approvals-url URL2]",
    N_("shares this plan through the CalDAV calendar at URL (made when missing); approvals go to URL2, which only approvers may write") },
  { "share", "join", cmd_share_join, share_options, url_arg,
    "URL --user LOGIN --password-stdin [--approvals-url URL2]",
    N_("joins the plan shared at URL: on an empty plan, pulls all of it") },
  { "share", "sync", cmd_share_sync, no_options, NULL,
    "",
    N_("one pass now: sends what changed here, takes in what changed elsewhere (exit 1 with the reason when not in step)") },
  { "share", "status", cmd_share_status, json_options, NULL,
    "[--json]",
    N_("where the plan is shared, the last pass, the changes waiting, the conflicts and the last error") },
  { "share", "resolve", cmd_share_resolve, keep_options, id_field_args,
    "ID FIELD --keep mine|theirs",
    N_("settles a conflict on one field of a post by keeping one of the two values") },
  { "share", "leave", cmd_share_leave, no_options, NULL,
    "",
    N_("stops sharing; this copy of the plan stays") },
  { "export", "ics", cmd_export_ics, export_options, NULL,
    "[--output FILE|-] [--from D] [--to D] [--pillar P]… [--type T]… [--platform N]… [--stage S]… [--privacy titles|brief|full] [--local-time] [--name NAME]",
    N_("the dated posts as an iCalendar file (standard output by default)") },
  { "feed", "add", cmd_feed_add, feed_options, name_arg,
    "NAME --file PATH|--webdav URL|--caldav URL [--user NAME [--password-stdin]] [--pillar P]… [--type T]… [--platform N]… [--stage S]… [--privacy titles|brief|full] [--days-back N] [--days-ahead N] [--duration MIN] [--refresh MIN] [--local-time] [--auto-publish]",
    N_("saves a feed: the plan as iCalendar, published to a file, a WebDAV file or a CalDAV calendar; "
       "the password, read from standard input, goes to the Secret Service, never to the plan") },
  { "feed", "list", cmd_feed_list, json_options, NULL,
    "[--json]",
    N_("the feeds, with where they publish and how the last publish went") },
  { "feed", "publish", cmd_feed_publish, publish_options, optional_name_arg,
    "[NAME] [--force]",
    N_("publishes one feed, or all, with its stored password (LINEUP_FEED_PASSWORD, when set, is used instead)") },
  { "feed", "password", cmd_feed_password, no_options, name_arg,
    "NAME",
    N_("stores a new password for a feed, read from standard input, in the Secret Service") },
  { "feed", "remove", cmd_feed_remove, no_options, name_arg,
    "NAME",
    N_("removes a feed and forgets its password (not what it published)") },
  { "overlay", "add", cmd_overlay_add, color_options, name_source_args,
    "NAME FILE|URL [--color #RRGGBB]",
    N_("shows another calendar (holidays, awareness days) beside the plan, read-only") },
  { "overlay", "list", cmd_overlay_list, json_options, NULL,
    "[--json]",
    N_("the overlay calendars, with their events and how the last refresh went") },
  { "overlay", "refresh", cmd_overlay_refresh, no_options, optional_name_arg,
    "[NAME]",
    N_("reads the overlays again (a failure keeps the last good copy)") },
  { "overlay", "remove", cmd_overlay_remove, no_options, name_arg,
    "NAME",
    N_("removes an overlay calendar") },
  { "mix", NULL, cmd_mix, mix_options, NULL,
    "[--month YYYY-MM | --from YYYY-MM-DD --to YYYY-MM-DD] [--platform NAME] [--json]",
    N_("the content mix of a month (this month by default) against its targets, with what to change") },
  { "targets", "set", cmd_targets_set, no_options, target_args,
    "TYPE MIN MAX",
    N_("sets a content type's target share of the month, in percent") },
  { "targets", "list", cmd_targets_list, json_options, NULL,
    "[--json]",
    N_("the content types' and pillars' target shares") },
  { "targets", "count", cmd_targets_count, no_options, stages_arg,
    "[STAGE…]",
    N_("the stages the mix counts (all but brief by default); with stages, counts those: e.g. brief draft in-review approved scheduled published") },
  { "import", "csv", cmd_import_csv, import_options, file_arg,
    "FILE [--history] [--create-missing]",
    N_("imports posts from CSV (columns title, body, date, time, pillar, type, platform, stage and the brief’s goal, audience, key_message, call_to_action, hashtags, owner, due, campaign); all rows or none; each starts as a brief, a draft or in review (--history: published for a past date); --create-missing adds the pillars, types and campaigns the plan lacks") },
  { "demo", NULL, cmd_demo, demo_options, NULL,
    "[--month YYYY-MM]",
    N_("fills a month (this month by default) with a realistic demo plan") },
  { "utm", "show", cmd_utm_show, json_options, NULL,
    "[--json]",
    N_("how links are tagged when posts go out: on or off, utm_medium, the domains, each network's utm_source") },
  { "utm", "set", cmd_utm_set, utm_set_options, NULL,
    "[--on|--off] [--medium M] [--source NETWORK=VALUE]… [--domains example.org,…|--all-domains]",
    N_("changes how links are tagged with UTM parameters when posts go out") },
  { "post", "links", cmd_post_links, links_options, id_arg,
    "ID [--platform NAME] [--json]",
    N_("the post's links as they go out to each of its networks, with their UTM parameters") },
  { "post", "caption", cmd_post_caption, platform_options, id_text_args,
    "ID --platform NAME TEXT",
    N_("sets the caption that goes out on one network instead of the main one (\"\": removes it)") },
  { "post", "cw", cmd_post_cw, NULL, id_text_args,
    "ID TEXT",
    N_("sets the post's content warning, shown before its caption and media on Mastodon (Bluesky has none) (\"\": removes it)") },
  { "post", "preview", cmd_post_preview, platform_options, id_arg,
    "ID --platform NAME",
    N_("the post as that network will show it: its caption there, count and limit, where it folds, the link card") },
  { "post", "card", cmd_post_card, json_options, id_arg,
    "ID [--json]",
    N_("the link card the post gets on Bluesky: its first link's page title, description and image, fetched now") },
  { "post", "problems", cmd_post_problems, links_options, id_arg,
    "ID [--platform NAME] [--json]",
    N_("every network's caption and media problems: errors (Mastodon, Bluesky: the post cannot be approved or scheduled) and warnings (the other networks)") },
  { "snippet", "add", cmd_snippet_add, snippet_options, name_text_args,
    "NAME TEXT [--kind hashtags|signoff|template] [--type TYPE]",
    N_("saves a hashtag group, sign-off or caption template (--type: a template for one content type) for the editor to insert; without --kind, hashtags when every word is a #hashtag, else a template") },
  { "snippet", "list", cmd_snippet_list, json_options, NULL,
    "[--json]",
    N_("the snippets: name, kind, content type and text") },
  { "snippet", "remove", cmd_snippet_remove, no_options, name_arg,
    "NAME",
    N_("removes a snippet (captions that used it keep their text)") },
  { "slots", "set", cmd_slots_set, no_options, platform_slots_args,
    "PLATFORM DAY@HH:MM…",
    N_("replaces a network’s weekly posting slots (tue@09:00 thu@12:30), in the plan’s time zone") },
  { "slots", "list", cmd_slots_list, json_options, NULL,
    "[--json]",
    N_("each network’s posting slots") },
  { "slots", "clear", cmd_slots_clear, no_options, platform_arg,
    "PLATFORM",
    N_("removes a network’s posting slots") },
  { "queue", "add", cmd_queue_add, no_options, id_arg,
    "ID",
    N_("gives a post the next free posting slot of its networks and prints the time") },
  { "post", "repeat", cmd_post_repeat, repeat_options, id_arg,
    "ID --every day|week|month [--interval N] [--on mon,thu | --day 1|last | --weekday first-monday] [--until YYYY-MM-DD | --count N]",
    N_("turns a dated post into a series: each occurrence a post of its own, at the same local time, made 8 weeks ahead") },
  { "series", "list", cmd_series_list, json_options, NULL,
    "[--json]",
    N_("the series: rule in words, posts, moved and deleted ones, the next date") },
  { "series", "stop", cmd_series_stop, no_options, series_arg,
    "SERIES|ID",
    N_("ends a series today: its posts after today that are not published are deleted") },
  { "series", "roll", cmd_series_roll, series_roll_options, NULL,
    "[--days N]",
    N_("makes the series’ posts up to N days ahead (default 56; listing and syncing do it too)") },
  { "plan", "month", cmd_plan_month, plan_month_options, month_arg,
    "YYYY-MM --tier light|standard|heavy [--platform NAME]… [--yes]",
    N_("proposes dated briefs for the month in the free slots (or weekdays at the default time) that meet the mix targets and the tier's cadence, leaving blackout overlay days free; --yes adds them (one undo step); without --platform, the networks with slots") },
  { "overlay", "blackout", cmd_overlay_blackout, off_options, name_arg,
    "NAME [--off]",
    N_("marks an overlay calendar blackout: Plan This Month leaves its days free (--off: no longer)") },
  { "evergreen", "add", cmd_evergreen_add, evergreen_options, id_arg,
    "ID [--min-gap-days N] [--until YYYY-MM-DD]",
    N_("marks a published post evergreen: it may come back as a Draft copy, at least N days (30 by default) after its last use, until the date given") },
  { "evergreen", "list", cmd_evergreen_list, json_options, NULL,
    "[--json]",
    N_("the evergreen posts: minimum gap, last date, copies and last use") },
  { "evergreen", "remove", cmd_evergreen_remove, no_options, id_arg,
    "ID",
    N_("takes the evergreen mark off a post (its copies stay)") },
  { "evergreen", "fill", cmd_evergreen_fill, fill_options, NULL,
    "--month YYYY-MM [--yes]",
    N_("proposes evergreen posts for the month’s open times (minimum gaps, one a week each, preferring pillars and types under their targets); --yes adds them as Draft copies in one undo step") },
  { "post", "repurpose", cmd_post_repurpose, repurpose_options, id_arg,
    "ID --type TYPE [--platform NAME]… [--date YYYY-MM-DD]",
    N_("makes a Draft of another type or network from a post, its brief, pillar, campaign and caption carried over and linked to it; prints its id") },
  { "post", "url", cmd_post_url, no_options, id_url_args,
    "ID URL",
    N_("sets the address of a post published outside Lineup (\"\": none), so that its results can be matched to it") },
  { "results", "import", cmd_results_import, no_options, file_arg,
    "FILE",
    N_("adds the results of published posts from a CSV: LinkedIn page analytics, Meta Business Suite, X analytics or TikTok exports as downloaded, or Lineup's own (url or post, date, impressions, reactions, comments, shares, saves, clicks); every row or none") },
  { "results", "fetch", cmd_results_fetch, results_fetch_options, NULL,
    "[--post ID] [--due]",
    N_("reads the replies, reposts, likes and quotes of the posts Lineup published to Mastodon and Bluesky, and the accounts' followers (--post: that one; --due: only those 1 hour, 24 hours or 7 days after publication not read since)") },
  { "results", "export", cmd_results_export, results_export_options, NULL,
    "[--format csv|json]",
    N_("every post's latest results per network, with its weighted engagement, for a team's own reports") },
  { "results", "times", cmd_results_times, results_times_options, NULL,
    "[--platform NAME] [--json]",
    N_("best times: per weekday and hour (the plan's time zone) the posts that went out and how they did against the usual, and the best slots to post at") },
  { "results", "review", cmd_results_review, results_review_options, NULL,
    "[--week YYYY-MM-DD] [--json]",
    N_("the weekly review: a week's posts (Monday to Sunday; the last one unless --week names a day in it) with their results and index against the plan's usual, the best and worst three, and what changed against the week before") },
  { "results", "weights", cmd_results_weights, results_weights_options, NULL,
    "[--likes N] [--clicks N] [--replies N] [--reposts N] [--quotes N] [--saves N] | --reset [--json]",
    N_("the plan's engagement weights (likes 1, clicks 2, replies, reposts, quotes and saves 3 by default), shown or changed; --reset: the defaults again") },
  { "post", "attach", cmd_post_attach, attach_options, id_files_args,
    "ID FILE… [--alt TEXT]",
    N_("attaches pictures (PNG, JPEG, WebP, GIF) or videos (MP4, MOV, WebM) to a post, after the ones it has, each with the alt text given; the files are copied into the plan’s media folder (PLAN.media), each stored once; a file that is not what its name says, truncated, or larger than any network takes is refused") },
  { "post", "media", cmd_post_media, json_options, id_arg,
    "ID [--json]",
    N_("a post's media, numbered in order, with type, pixel size, alt text and subtitles, and what each still lacks") },
  { "post", "alt", cmd_post_alt, no_options, id_n_text_args,
    "ID N TEXT",
    N_("sets the alt text of a post's medium N (1 is the first; \"\": none), what screen readers say for the picture") },
  { "post", "subtitles", cmd_post_subtitles, subtitles_options, id_n_file_args,
    "ID N FILE|--none-needed|--remove",
    N_("gives video N of a post its subtitles (a WebVTT or SubRip file), marks it as needing none (no speech), or removes them") },
  { "post", "detach", cmd_post_detach, no_options, id_n_args,
    "ID N",
    N_("takes medium N off a post (its file stays until lineup media clean)") },
  { "post", "media-move", cmd_post_media_move, no_options, id_n_to_args,
    "ID N TO",
    N_("moves a post's medium N to place TO, the others closing up") },
  { "media", "clean", cmd_media_clean, media_clean_options, NULL,
    "[--dry-run]",
    N_("removes the files of the plan's media folder that no post uses (deleted posts keep theirs); --dry-run only says how many") },
  { "results", NULL, cmd_results, results_options, NULL,
    "[--from YYYY-MM-DD --to YYYY-MM-DD] [--by pillar|type|platform|weekday|hour] [--json]",
    N_("what works for this audience: per group, its posts, median engagement (comments, shares, saves and clicks weigh more than likes) and index against the plan's usual (1.0), too few to tell below 5 posts") },
};

/* Every command, or those of @group, or @only. */
static void
print_usage (const char    *group,
             const Command *only)
{
  g_autofree char *default_path = lineup_store_default_path ();
  gboolean post_commands = FALSE;

  out ("%s\n", _("Usage: lineup [--database PATH] [COMMAND …]"));
  if (group == NULL && only == NULL)
    {
      out ("\n");
      out (_("Without a command, opens the window. The plan is %s\n"
             "unless --database or LINEUP_DATABASE names another file.\n"), default_path);
      out ("\n%s\n", _("Commands:"));
    }
  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    {
      const Command *command = &commands[c];

      if ((only && only != command) || (group && !g_str_equal (group, command->group)))
        continue;
      post_commands |= g_str_equal (command->group, "post");
      out ("  lineup %s%s%s %s\n      %s\n", command->group, command->verb ? " " : "",
           command->verb ? command->verb : "", command->synopsis, _(command->summary));
    }
  if (post_commands)
    {
      out ("\n%s\n", _("BRIEF, for post add and post edit: --goal, --audience, --key-message,\n"
                       "--call-to-action, --hashtags, --owner TEXT, --due YYYY-MM-DD, --campaign NAME."));
      out (_("ID is a post’s id or its first characters (at least 4).\n"
             "STAGE is one of %s.\n"), lineup_stage_list_keys ());
      out (_("NAME after --platform is one of %s.\n"), lineup_platform_list_keys ());
    }
  if (group == NULL && only == NULL)
    out ("\n%s\n", _("Exit status: 0 done, 1 the plan refused or could not be changed,\n"
                     "2 the command line was wrong. Errors are one line on stderr."));
}

/* Index of the first argument after the global options, or -1 on a
 * malformed --database. */
static int
skip_global_options (int          argc,
                     char       **argv,
                     const char **database)
{
  int i = 1;

  while (i < argc)
    {
      if (g_str_equal (argv[i], "--database"))
        {
          if (i + 1 >= argc)
            return -1;
          *database = argv[i + 1];
          i += 2;
        }
      else if (g_str_has_prefix (argv[i], "--database="))
        *database = argv[i++] + strlen ("--database=");
      else
        break;
    }
  return i;
}

gboolean
lineup_cli_wants (int    argc,
                  char **argv)
{
  const char *database = NULL;
  int first = skip_global_options (argc, argv, &database);

  if (first < 0)
    return TRUE;
  if (first >= argc)
    return FALSE;
  if (is_help (argv[first]) || g_str_equal (argv[first], "--version"))
    return TRUE;
  /* Any other word is a command, known or not: handed to the window, a
   * mistyped command would only get GApplication's "can not open files"
   * critical. Options GApplication and GTK understand stay with the window. */
  return argv[first][0] != '-';
}

int
lineup_cli_run (int    argc,
                char **argv)
{
  g_autoptr(GError) error = NULL;
  Args args = { NULL, };
  const char *database = NULL;
  int first = skip_global_options (argc, argv, &database);
  const char *group, *verb;
  int status = 2;

  if (first < 0 || (database && !*database))
    {
      print_error (_("--database needs a file path, e.g. --database ~/plans/lineup.db"));
      return 2;
    }
  if (database && !check_utf8 ("--database", database, &error))
    {
      print_error (error->message);
      return 2;
    }
  if (first >= argc || g_str_equal (argv[first], "help") || is_help (argv[first]))
    {
      print_usage (NULL, NULL);
      return 0;
    }
  if (g_str_equal (argv[first], "--version"))
    {
      out ("lineup %s\n", PACKAGE_VERSION);
      return 0;
    }

  group = argv[first];
  verb = first + 1 < argc ? argv[first + 1] : NULL;

  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    {
      const Command *command = &commands[c];
      g_autofree char *name = NULL;

      if (!g_str_equal (command->group, group))
        continue;
      if (command->verb && g_strcmp0 (command->verb, verb) != 0)
        continue;

      name = command->verb ? g_strdup_printf ("%s %s", group, verb) : g_strdup (group);
      args.database = database;
      if (!parse_args (name, command, argv + first + (command->verb ? 2 : 1), &args, &error))
        status = 2;
      else if (args.help)
        {
          print_usage (NULL, command);
          status = 0;
        }
      else
        status = command->func (&args, &error);
      args_clear (&args);

      if (error)
        {
          print_error (error->message);
          if (status == 0)
            status = 1;
        }
      fflush (stdout);
      return status;
    }

  {
    g_autofree char *g = shown (group);
    g_autofree char *v = verb ? shown (verb) : NULL;
    g_autofree char *message = NULL;
    gboolean is_group = FALSE;

    for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
      is_group |= commands[c].verb && g_str_equal (commands[c].group, group);

    if (is_group && verb && is_help (verb))
      {
        print_usage (group, NULL);
        return 0;
      }
    if (is_group)
      message = v ? g_strdup_printf (_("“%s %s” is not a command; see “lineup %s --help”"), g, v, g)
                  : g_strdup_printf (_("“%s” needs a subcommand; see “lineup %s --help”"), g, g);
    else
      {
        /* Every group of the table, in its order, so the list never falls behind. */
        g_autoptr(GString) groups = g_string_new (NULL);

        for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
          {
            gboolean seen = FALSE;

            for (guint d = 0; d < c && !seen; d++)
              seen = g_str_equal (commands[d].group, commands[c].group);
            if (!seen && !g_str_equal (commands[c].group, "help"))
              g_string_append_printf (groups, "%s%s", groups->len ? ", " : "", commands[c].group);
          }
        message = g_strdup_printf (_("“%s” is not a command (expected %s or help); see “lineup help”"), g, groups->str);
      }
    print_error (message);
  }
  return 2;
}
