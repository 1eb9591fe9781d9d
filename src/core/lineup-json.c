/* lineup-json.c: one JSON writer a model type (see lineup-json.h).
 *
 * Only what the JSON says about a post, a pillar, a feed…: which keys, in
 * which order, with which values. No printing, no parsing, no options.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "lineup-json.h"
#include "lineup-feed.h"
#include "lineup-overlay.h"
#include "lineup-workflow.h"
#include "lineup-store-media.h"

char *
lineup_format_utc (gint64 instant)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (instant);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* ---- a post ---- */

void
lineup_history_to_json (JsonBuilder *builder,
                        GPtrArray   *history)
{
  json_builder_begin_array (builder);
  for (guint i = 0; history && i < history->len; i++)
    {
      LineupStageChange *change = g_ptr_array_index (history, i);
      g_autofree char *at = lineup_format_utc (change->at);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "at");
      json_builder_add_string_value (builder, at);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, lineup_history_kind_to_key (change->kind));
      json_builder_set_member_name (builder, "from");
      json_builder_add_string_value (builder, change->from_stage < 0 ? NULL
                                     : lineup_stage_to_key (change->from_stage));
      json_builder_set_member_name (builder, "to");
      json_builder_add_string_value (builder, lineup_stage_to_key (change->to_stage));
      json_builder_set_member_name (builder, "actor");
      json_builder_add_string_value (builder, change->actor);
      json_builder_set_member_name (builder, "comment");
      json_builder_add_string_value (builder, change->comment);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* The members checklist … changes_since_approval of a post's object. */
static void
add_workflow_members (JsonBuilder *builder,
                      LineupStore *store,
                      LineupPost  *post)
{
  g_autoptr(LineupPostWorkflow) workflow = lineup_store_get_post_workflow (store, post, NULL);
  g_autoptr(GPtrArray) chain = lineup_store_get_approval_chain (store);
  LineupApprovalStatus status;

  if (workflow == NULL)
    return;
  lineup_workflow_approval_status (chain, workflow->approvals, &status);

  json_builder_set_member_name (builder, "checklist");
  json_builder_begin_array (builder);
  for (guint i = 0; i < workflow->checklist->len; i++)
    {
      LineupChecklistItem *item = g_ptr_array_index (workflow->checklist, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "item");
      json_builder_add_string_value (builder, item->text);
      json_builder_set_member_name (builder, "checked");
      json_builder_add_boolean_value (builder, item->checked);
      json_builder_set_member_name (builder, "computed");
      json_builder_add_boolean_value (builder, item->computed);
      json_builder_set_member_name (builder, "by");
      json_builder_add_string_value (builder, item->checked_by);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "approvals");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "done");
  json_builder_add_int_value (builder, status.done);
  json_builder_set_member_name (builder, "needed");
  json_builder_add_int_value (builder, status.needed);
  json_builder_set_member_name (builder, "by");
  json_builder_begin_array (builder);
  for (guint i = 0; i < workflow->approvals->len; i++)
    json_builder_add_string_value (builder, ((LineupApproval *) g_ptr_array_index (workflow->approvals, i))->actor);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "comments");
  json_builder_add_int_value (builder, workflow->n_comments);
  json_builder_set_member_name (builder, "change_request");
  json_builder_add_string_value (builder, workflow->change_request);
  json_builder_set_member_name (builder, "changes_since_approval");
  if (workflow->approved)
    {
      g_autofree char *diff = lineup_workflow_describe_diff (workflow->approved, post);
      json_builder_add_string_value (builder, diff);
    }
  else
    json_builder_add_null_value (builder);
}

/* The members url and sync of a post's object: where the post goes and how
 * far it got on each account. */
static void
add_sync_members (JsonBuilder *builder,
                  LineupStore *store,
                  LineupPost  *post)
{
  g_autoptr(GPtrArray) rows = lineup_store_get_post_sync (store, lineup_post_get_id (post), NULL);
  g_autofree char *url = lineup_store_get_published_url (store, lineup_post_get_id (post));

  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, url);
  json_builder_set_member_name (builder, "sync");
  json_builder_begin_array (builder);
  for (guint i = 0; rows && i < rows->len; i++)
    lineup_post_sync_to_json (builder, g_ptr_array_index (rows, i), FALSE);
  json_builder_end_array (builder);
}

/* The evergreen mark, the post it was made from and the posts made from
 * it (lineup-store-reuse.h). */
static void
add_family_members (JsonBuilder *builder,
                    LineupStore *store,
                    LineupPost  *post)
{
  g_autoptr(LineupPost) source = NULL;
  g_autoptr(GPtrArray) children = NULL;
  g_autofree char *until = NULL;
  guint gap;

  json_builder_set_member_name (builder, "evergreen");
  if (lineup_post_get_evergreen (post) && lineup_evergreen_parse (lineup_post_get_evergreen (post), &gap, &until))
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "min_gap_days");
      json_builder_add_int_value (builder, gap);
      json_builder_set_member_name (builder, "until");
      json_builder_add_string_value (builder, until);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "source_id");
  json_builder_add_string_value (builder, lineup_post_get_source_id (post));
  if (!lineup_store_get_family (store, post, &source, &children, NULL))
    return;
  json_builder_set_member_name (builder, "family");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "source");
  if (source)
    lineup_post_to_json (builder, store, source, FALSE);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "children");
  json_builder_begin_array (builder);
  for (guint i = 0; i < children->len; i++)
    lineup_post_to_json (builder, store, children->pdata[i], FALSE);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

void
lineup_post_to_json (JsonBuilder *builder,
                     LineupStore *store,
                     LineupPost  *post,
                     gboolean     details)
{
  LineupPillar *pillar = lineup_store_get_pillar (store, lineup_post_get_pillar_id (post));
  LineupContentType *type = lineup_store_get_content_type (store, lineup_post_get_type_id (post));
  LineupCampaign *campaign = lineup_store_get_campaign (store, lineup_post_get_campaign_id (post));
  const char * const *platforms = lineup_post_get_platforms (post);
  g_autofree char *created = lineup_format_utc (lineup_post_get_created_at (post));
  g_autofree char *updated = lineup_format_utc (lineup_post_get_updated_at (post));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, lineup_post_get_id (post));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, lineup_post_get_title (post));
  json_builder_set_member_name (builder, "body");
  json_builder_add_string_value (builder, lineup_post_get_body (post));
  json_builder_set_member_name (builder, "content_warning");
  json_builder_add_string_value (builder, lineup_post_get_content_warning (post));
  /* Each network's own caption, where the post has one. */
  json_builder_set_member_name (builder, "captions");
  json_builder_begin_object (builder);
  {
    guint n;
    const LineupPlatformInfo *all = lineup_platforms_get_all (&n);

    for (guint i = 0; i < n; i++)
      {
        g_autofree char *variant = lineup_post_dup_caption_variant (post, all[i].key);

        if (variant == NULL)
          continue;
        json_builder_set_member_name (builder, all[i].key);
        json_builder_add_string_value (builder, variant);
      }
  }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "pillar");
  json_builder_add_string_value (builder, pillar ? lineup_pillar_get_name (pillar) : NULL);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, type ? lineup_content_type_get_name (type) : NULL);
  json_builder_set_member_name (builder, "stage");
  json_builder_add_string_value (builder, lineup_stage_to_key (lineup_post_get_stage (post)));
  json_builder_set_member_name (builder, "platforms");
  json_builder_begin_array (builder);
  for (guint i = 0; platforms[i]; i++)
    json_builder_add_string_value (builder, platforms[i]);
  json_builder_end_array (builder);

  if (lineup_post_is_dated (post))
    {
      g_autofree char *date = lineup_store_format_time (store, lineup_post_get_scheduled_at (post), "%Y-%m-%d");
      g_autofree char *time = lineup_store_format_time (store, lineup_post_get_scheduled_at (post), "%H:%M");
      g_autofree char *at = lineup_format_utc (lineup_post_get_scheduled_at (post));

      json_builder_set_member_name (builder, "date");
      json_builder_add_string_value (builder, date);
      json_builder_set_member_name (builder, "time");
      json_builder_add_string_value (builder, time);
      json_builder_set_member_name (builder, "scheduled_at");
      json_builder_add_string_value (builder, at);
    }
  else
    {
      json_builder_set_member_name (builder, "date");
      json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "time");
      json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "scheduled_at");
      json_builder_add_null_value (builder);
    }
  json_builder_set_member_name (builder, "campaign");
  if (campaign)
    json_builder_add_string_value (builder, lineup_campaign_get_name (campaign));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "revision");
  json_builder_add_int_value (builder, lineup_post_get_revision (post));
  json_builder_set_member_name (builder, "created");
  json_builder_add_string_value (builder, created);
  json_builder_set_member_name (builder, "updated");
  json_builder_add_string_value (builder, updated);

  if (details)
    {
      g_autoptr(GPtrArray) history = lineup_store_get_history (store, lineup_post_get_id (post), NULL);

      json_builder_set_member_name (builder, "brief");
      json_builder_begin_object (builder);
      for (guint f = 0; f < LINEUP_N_BRIEF_FIELDS; f++)
        {
          json_builder_set_member_name (builder, lineup_brief_field_to_key (f));
          json_builder_add_string_value (builder, lineup_post_get_brief (post, f));
        }
      json_builder_set_member_name (builder, "due");
      json_builder_add_string_value (builder, lineup_post_get_due_on (post));
      json_builder_end_object (builder);

      json_builder_set_member_name (builder, "history");
      lineup_history_to_json (builder, history);
      add_workflow_members (builder, store, post);
      add_sync_members (builder, store, post);
      add_family_members (builder, store, post);
      {
        g_autoptr(GPtrArray) media = lineup_store_get_post_media (store, lineup_post_get_id (post), NULL);

        json_builder_set_member_name (builder, "media");
        lineup_media_list_to_json (builder, store, media);
      }
    }

  json_builder_end_object (builder);
}

void
lineup_media_list_to_json (JsonBuilder *builder,
                           LineupStore *store,
                           GPtrArray   *media)
{
  json_builder_begin_array (builder);
  for (guint i = 0; media && i < media->len; i++)
    {
      LineupMedium *medium = g_ptr_array_index (media, i);
      g_autofree char *file = lineup_store_get_media_file (store, medium->sha256, medium->mime_type);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "number");
      json_builder_add_int_value (builder, i + 1);
      json_builder_set_member_name (builder, "sha256");
      json_builder_add_string_value (builder, medium->sha256);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, lineup_media_kind_to_key (medium->kind));
      json_builder_set_member_name (builder, "mime_type");
      json_builder_add_string_value (builder, medium->mime_type);
      json_builder_set_member_name (builder, "size");
      json_builder_add_int_value (builder, medium->size);
      json_builder_set_member_name (builder, "width");
      json_builder_add_int_value (builder, medium->width);
      json_builder_set_member_name (builder, "height");
      json_builder_add_int_value (builder, medium->height);
      json_builder_set_member_name (builder, "duration_ms");
      if (medium->kind == LINEUP_MEDIA_VIDEO)
        json_builder_add_int_value (builder, medium->duration_ms);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "alt");
      json_builder_add_string_value (builder, medium->alt);
      json_builder_set_member_name (builder, "subtitles");
      if (medium->subtitles)
        json_builder_add_string_value (builder, medium->subtitles);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "no_subtitles_needed");
      json_builder_add_boolean_value (builder, medium->no_subtitles_needed);
      json_builder_set_member_name (builder, "accessible");
      json_builder_add_boolean_value (builder, lineup_medium_is_accessible (medium));
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, medium->name);
      json_builder_set_member_name (builder, "file");
      json_builder_add_string_value (builder, file);
      json_builder_set_member_name (builder, "present");
      json_builder_add_boolean_value (builder, g_file_test (file, G_FILE_TEST_IS_REGULAR));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* ---- what a plan is made of ---- */

/* A share in percent, or null when there is none. */
static void
add_target_value (JsonBuilder *builder,
                  double       target)
{
  if (target >= 0)
    json_builder_add_double_value (builder, target);
  else
    json_builder_add_null_value (builder);
}

void
lineup_pillar_to_json (JsonBuilder  *builder,
                       LineupPillar *pillar,
                       guint         n_posts)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, lineup_pillar_get_name (pillar));
  json_builder_set_member_name (builder, "color");
  json_builder_add_string_value (builder, lineup_pillar_get_color (pillar));
  json_builder_set_member_name (builder, "target");
  add_target_value (builder, lineup_pillar_get_target (pillar));
  json_builder_set_member_name (builder, "posts");
  json_builder_add_int_value (builder, n_posts);
  json_builder_end_object (builder);
}

void
lineup_campaign_to_json (JsonBuilder    *builder,
                         LineupCampaign *campaign)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, lineup_campaign_get_name (campaign));
  json_builder_set_member_name (builder, "color");
  json_builder_add_string_value (builder, lineup_campaign_get_color (campaign));
  json_builder_set_member_name (builder, "from");
  json_builder_add_string_value (builder, lineup_campaign_get_starts_on (campaign));
  json_builder_set_member_name (builder, "to");
  json_builder_add_string_value (builder, lineup_campaign_get_ends_on (campaign));
  json_builder_end_object (builder);
}

void
lineup_member_to_json (JsonBuilder  *builder,
                       LineupMember *member)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, member->name);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, lineup_role_to_key (member->role));
  json_builder_end_object (builder);
}

/* ---- calendars ---- */

void
lineup_feed_to_json (JsonBuilder *builder,
                     LineupFeed  *feed)
{
  g_autofree char *link = lineup_feed_subscription_link (feed);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, feed->name);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, lineup_feed_kind_to_key (feed->kind));
  json_builder_set_member_name (builder, "target");
  json_builder_add_string_value (builder, feed->target);
  json_builder_set_member_name (builder, "link");
  json_builder_add_string_value (builder, link);
  json_builder_set_member_name (builder, "filter");
  json_builder_begin_array (builder);
  for (guint k = 0; feed->filter[k]; k++)
    json_builder_add_string_value (builder, feed->filter[k]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "privacy");
  json_builder_add_string_value (builder, feed->privacy);
  json_builder_set_member_name (builder, "last_published");
  if (feed->last_at)
    {
      g_autofree char *at = lineup_format_utc (feed->last_at);
      json_builder_add_string_value (builder, at);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "last_items");
  json_builder_add_int_value (builder, feed->last_items);
  json_builder_set_member_name (builder, "last_error");
  json_builder_add_string_value (builder, feed->last_error);
  json_builder_end_object (builder);
}

void
lineup_overlay_to_json (JsonBuilder   *builder,
                        LineupOverlay *overlay)
{
  int n = overlay->cache ? lineup_overlay_count (overlay->cache) : 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, overlay->name);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, overlay->source);
  json_builder_set_member_name (builder, "color");
  json_builder_add_string_value (builder, overlay->color);
  json_builder_set_member_name (builder, "enabled");
  json_builder_add_boolean_value (builder, overlay->enabled);
  json_builder_set_member_name (builder, "blackout");
  json_builder_add_boolean_value (builder, overlay->blackout);
  json_builder_set_member_name (builder, "events");
  json_builder_add_int_value (builder, MAX (n, 0));
  json_builder_set_member_name (builder, "last_error");
  json_builder_add_string_value (builder, overlay->last_error);
  json_builder_end_object (builder);
}

/* ---- publishing ---- */

void
lineup_account_to_json (JsonBuilder   *builder,
                        LineupAccount *account)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, account->id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, account->name);
  json_builder_set_member_name (builder, "network");
  json_builder_add_string_value (builder, lineup_account_kind_to_key (account->kind));
  json_builder_set_member_name (builder, "endpoint");
  json_builder_add_string_value (builder, account->endpoint);
  json_builder_set_member_name (builder, "handle");
  json_builder_add_string_value (builder, account->handle);
  json_builder_set_member_name (builder, "text_limit");
  json_builder_add_int_value (builder, account->text_limit);
  json_builder_set_member_name (builder, "schedules_on_server");
  json_builder_add_boolean_value (builder, lineup_account_kind_schedules_on_server (account->kind));
  json_builder_set_member_name (builder, "problem");
  json_builder_add_string_value (builder, account->problem);
  if (account->kind == LINEUP_ACCOUNT_WEBHOOK)
    {
      json_builder_set_member_name (builder, "media_bytes");
      json_builder_add_int_value (builder, account->media_bytes);
    }
  json_builder_end_object (builder);
}

void
lineup_post_sync_to_json (JsonBuilder    *builder,
                          LineupPostSync *sync,
                          gboolean        outbox)
{
  json_builder_begin_object (builder);
  if (outbox)
    {
      json_builder_set_member_name (builder, "post");
      json_builder_add_string_value (builder, sync->post_id);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, sync->post_title);
    }
  json_builder_set_member_name (builder, "account");
  json_builder_add_string_value (builder, sync->account_name);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, lineup_sync_state_to_key (sync->state));
  if (outbox)
    {
      json_builder_set_member_name (builder, "ops");
      json_builder_begin_array (builder);
      for (guint k = 0; sync->ops[k]; k++)
        json_builder_add_string_value (builder, sync->ops[k]);
      json_builder_end_array (builder);
    }
  json_builder_set_member_name (builder, "remote_id");
  json_builder_add_string_value (builder, sync->remote_id);
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, sync->url);
  if (outbox)
    {
      json_builder_set_member_name (builder, "attempts");
      json_builder_add_int_value (builder, sync->attempts);
    }
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, sync->message);
  json_builder_end_object (builder);
}

/* ---- the content mix ---- */

static void
add_mix_row (JsonBuilder  *builder,
             LineupMixRow *row)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, row->name);
  if (row->key)
    {
      json_builder_set_member_name (builder, "key");
      json_builder_add_string_value (builder, row->key);
    }
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, row->count);
  json_builder_set_member_name (builder, "share");
  json_builder_add_double_value (builder, round (row->share * 10) / 10);
  json_builder_set_member_name (builder, "target_min");
  add_target_value (builder, row->min);
  json_builder_set_member_name (builder, "target_max");
  add_target_value (builder, row->max);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, lineup_mix_state_to_key (row->state));
  json_builder_set_member_name (builder, "distance");
  json_builder_add_int_value (builder, row->distance);
  json_builder_end_object (builder);
}

static char *
iso_date (const GDate *date)
{
  char text[16];

  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  return g_strdup (text);
}

/* "not_counted" (posts of the range left out for their stage), by stage,
 * and the sentence the window shows. */
static void
add_mix_not_counted (JsonBuilder     *builder,
                     LineupMixReport *report)
{
  g_autofree char *text = lineup_mix_report_counted_text (report);

  json_builder_set_member_name (builder, "not_counted");
  json_builder_add_int_value (builder, report->not_counted);
  json_builder_set_member_name (builder, "not_counted_stages");
  json_builder_begin_object (builder);
  for (guint s = 0; s < LINEUP_N_STAGES; s++)
    if (report->not_counted_stages[s] > 0)
      {
        json_builder_set_member_name (builder, lineup_stage_to_key (s));
        json_builder_add_int_value (builder, report->not_counted_stages[s]);
      }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "counted_text");
  json_builder_add_string_value (builder, text);
}

/* "advice": each suggestion with the posts not counted that would close
 * its gap once moved on. */
static void
add_mix_advice (JsonBuilder     *builder,
                LineupMixReport *report)
{
  static const char * const kinds[] = { "add-type", "reduce-type", "add-pillar", "reduce-pillar" };

  json_builder_set_member_name (builder, "advice");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->suggestions->len; i++)
    {
      LineupMixSuggestion *s = g_ptr_array_index (report->suggestions, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, kinds[s->kind]);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, s->text);
      json_builder_set_member_name (builder, "detail");
      if (s->detail)
        json_builder_add_string_value (builder, s->detail);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "not_counted");
      json_builder_begin_array (builder);
      for (guint p = 0; s->not_counted && p < s->not_counted->len; p++)
        {
          LineupPost *post = g_ptr_array_index (s->not_counted, p);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, lineup_post_get_id (post));
          json_builder_set_member_name (builder, "title");
          json_builder_add_string_value (builder, lineup_post_get_title (post));
          json_builder_set_member_name (builder, "stage");
          json_builder_add_string_value (builder, lineup_stage_to_key (lineup_post_get_stage (post)));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

void
lineup_mix_report_to_json (JsonBuilder     *builder,
                           LineupMixReport *report)
{
  GDate last = report->to;
  g_autofree char *from = iso_date (&report->from);
  g_autofree char *to = NULL;

  g_date_subtract_days (&last, 1);
  to = iso_date (&last);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "from");
  json_builder_add_string_value (builder, from);
  json_builder_set_member_name (builder, "to");
  json_builder_add_string_value (builder, to);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, report->total);
  add_mix_not_counted (builder, report);
  json_builder_set_member_name (builder, "score");
  json_builder_add_int_value (builder, (gint64) round (report->score));
  json_builder_set_member_name (builder, "types");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->types->len; i++)
    add_mix_row (builder, g_ptr_array_index (report->types, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "pillars");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->pillars->len; i++)
    add_mix_row (builder, g_ptr_array_index (report->pillars, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "suggestions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->suggestions->len; i++)
    json_builder_add_string_value (builder, ((LineupMixSuggestion *) g_ptr_array_index (report->suggestions, i))->text);
  json_builder_end_array (builder);
  add_mix_advice (builder, report);
  json_builder_set_member_name (builder, "weeks");
  json_builder_begin_array (builder);
  for (guint w = 0; w < report->n_weeks; w++)
    {
      g_autofree char *start = iso_date (&report->weeks[w].start);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "start");
      json_builder_add_string_value (builder, start);
      json_builder_set_member_name (builder, "total");
      json_builder_add_int_value (builder, report->weeks[w].total);
      json_builder_set_member_name (builder, "to_fill");
      json_builder_add_boolean_value (builder, report->weeks[w].to_fill);
      json_builder_set_member_name (builder, "types");
      json_builder_begin_object (builder);
      for (guint t = 0; t < report->types->len; t++)
        {
          json_builder_set_member_name (builder, ((LineupMixRow *) g_ptr_array_index (report->types, t))->name);
          json_builder_add_int_value (builder, report->weeks[w].type_counts[t]);
        }
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "cadence");
  json_builder_begin_array (builder);
  for (guint c = 0; c < report->cadence->len; c++)
    {
      LineupMixCadence *cadence = g_ptr_array_index (report->cadence, c);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "platform");
      json_builder_add_string_value (builder, cadence->platform);
      json_builder_set_member_name (builder, "target_min");
      json_builder_add_int_value (builder, cadence->min);
      json_builder_set_member_name (builder, "target_max");
      json_builder_add_int_value (builder, cadence->max);
      json_builder_set_member_name (builder, "weeks");
      json_builder_begin_array (builder);
      for (guint w = 0; w < report->n_weeks; w++)
        json_builder_add_int_value (builder, cadence->week_counts[w]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "state");
      json_builder_add_string_value (builder, lineup_mix_state_to_key (cadence->state));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "flags");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->flags->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (report->flags, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

void
lineup_targets_to_json (JsonBuilder *builder,
                        LineupStore *store)
{
  GListModel *types = lineup_store_get_content_types (store);
  GListModel *pillars = lineup_store_get_pillars (store);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "types");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (types); i++)
    {
      g_autoptr(LineupContentType) type = g_list_model_get_item (types, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, lineup_content_type_get_name (type));
      json_builder_set_member_name (builder, "min");
      json_builder_add_double_value (builder, lineup_content_type_get_target_min (type));
      json_builder_set_member_name (builder, "max");
      json_builder_add_double_value (builder, lineup_content_type_get_target_max (type));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "pillars");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (pillars); i++)
    {
      g_autoptr(LineupPillar) pillar = g_list_model_get_item (pillars, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, lineup_pillar_get_name (pillar));
      json_builder_set_member_name (builder, "target");
      add_target_value (builder, lineup_pillar_get_target (pillar));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  {
    /* What the pillar targets add up to, and what to do when not 100 %. */
    g_autofree char *warning = lineup_mix_pillar_targets_warning (store);
    double sum;

    json_builder_set_member_name (builder, "pillar_targets_sum");
    if (lineup_mix_pillar_targets_sum (store, &sum))
      add_target_value (builder, sum);
    else
      json_builder_add_null_value (builder);
    json_builder_set_member_name (builder, "pillar_targets_warning");
    if (warning)
      json_builder_add_string_value (builder, warning);
    else
      json_builder_add_null_value (builder);
  }
  json_builder_end_object (builder);
}
