/* lineup-demo.c: a month as a small product team would plan it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lineup-demo.h"
#include "lineup-store-workflow.h"
#include "lineup-workflow.h"

static const struct {
  const char *name;
  const char *color;
  double target;
} demo_pillars[] = {
  { "Product education", "#3584e4", 40 },
  { "Customer stories", "#2ec27e", 25 },
  { "Behind the scenes", "#e66100", 20 },
  { "Community", "#9141ac", 15 },
};

typedef struct {
  int day;            /* day of the month; 0 = undated brief */
  int minutes;        /* local time */
  const char *type;   /* content type key */
  int pillar;         /* index into demo_pillars */
  const char *platforms;
  LineupStage stage;
  const char *title;
  const char *body;
} DemoPost;

/* Educational ≈ 42 %, Narrative ≈ 23 %, Proof ≈ 15 %, Community ≈ 12 %,
 * Promotional ≈ 8 %: inside the default targets, as a careful lead plans. */
static const DemoPost demo_posts[] = {
  { 1, 9 * 60, "educational", 0, "linkedin,mastodon", LINEUP_STAGE_PUBLISHED,
    "5 ways to run a calmer sprint review",
    "Sprint reviews drift when nobody owns the agenda. Five habits from teams who keep them under 30 minutes: 1) demo, don’t describe…" },
  { 2, 12 * 60 + 30, "narrative", 2, "instagram", LINEUP_STAGE_PUBLISHED,
    "Meet the support team behind the 2-minute reply",
    "Behind every fast answer there’s a person. Say hi to Amara, Jonas and Lee." },
  { 4, 17 * 60, "proof", 1, "linkedin,x", LINEUP_STAGE_PUBLISHED,
    "How Fernhill Studio cut planning time by 40 %",
    "“We stopped juggling spreadsheets.” Read how a 12-person agency plans a quarter in an afternoon." },
  { 5, 10 * 60, "community", 3, "mastodon,bluesky", LINEUP_STAGE_PUBLISHED,
    "Poll: what’s your team’s planning ritual?",
    "Monday kickoff, Friday retro, or something else entirely? Tell us below 👇" },
  { 8, 9 * 60, "educational", 0, "linkedin,youtube", LINEUP_STAGE_PUBLISHED,
    "Tutorial: templates for recurring posts",
    "A 3-minute walkthrough of templates that fill themselves in every week." },
  { 9, 13 * 60, "educational", 0, "instagram,tiktok", LINEUP_STAGE_PUBLISHED,
    "Reel: the 15-minute weekly plan",
    "One coffee, one board, fifteen minutes. Here’s the routine." },
  { 10, 9 * 60 + 30, "narrative", 1, "linkedin", LINEUP_STAGE_SCHEDULED,
    "Case study: a nonprofit’s year of campaigns",
    "How Open Harbour planned 240 posts across four volunteer teams without a single missed date." },
  { 11, 16 * 60, "proof", 1, "x,threads", LINEUP_STAGE_SCHEDULED,
    "Customer quote: “Our launches finally land on time”",
    "Straight from Priya at Northwind: the launch calendar is the one meeting they never skip." },
  { 12, 11 * 60, "community", 3, "instagram,facebook", LINEUP_STAGE_SCHEDULED,
    "Shout-out: this month’s community champions",
    "Three people who answered more questions in the forum than our whole team. Thank you!" },
  { 15, 9 * 60, "educational", 0, "linkedin,mastodon", LINEUP_STAGE_SCHEDULED,
    "Framework: the content pillar canvas",
    "Pick 3–6 themes you can own, give each a goal, and check the mix every month. Free canvas inside." },
  { 16, 12 * 60, "educational", 2, "youtube", LINEUP_STAGE_APPROVED,
    "How we plan our own release notes",
    "A peek at the board our product team uses to turn merged work into readable notes." },
  { 17, 15 * 60, "promotional", 0, "linkedin,x,mastodon", LINEUP_STAGE_APPROVED,
    "Launch: shared calendar feeds are here",
    "Subscribe to your plan from any calendar app. Available today for every team." },
  { 18, 9 * 60, "narrative", 2, "instagram,tiktok", LINEUP_STAGE_APPROVED,
    "A day with the design team",
    "From sketches on paper to the pixels you click every day." },
  { 19, 17 * 60 + 30, "proof", 1, "linkedin", LINEUP_STAGE_IN_REVIEW,
    "Award: shortlisted for Small Business Tool of the Year",
    "We’re honoured to be on the shortlist alongside tools we admire." },
  { 22, 9 * 60, "educational", 0, "linkedin,mastodon,bluesky", LINEUP_STAGE_IN_REVIEW,
    "Checklist: before you hit publish",
    "Alt text, a clear call to action, UTM links, and someone on comment duty. Our five-point check." },
  { 23, 12 * 60, "educational", 0, "instagram", LINEUP_STAGE_IN_REVIEW,
    "Carousel: 7 hooks that earn the second slide",
    "Swipe for seven openings that keep people reading." },
  { 24, 10 * 60, "narrative", 1, "linkedin,facebook", LINEUP_STAGE_DRAFT,
    "Story: from freelancer to 20-person agency",
    "Marta started with a notebook and a single client. Five years later…" },
  { 25, 14 * 60, "community", 3, "mastodon,threads", LINEUP_STAGE_DRAFT,
    "Question: which feature should we build next?",
    "Three ideas on the table. Vote with a reply." },
  { 26, 9 * 60, "educational", 0, "linkedin,x", LINEUP_STAGE_DRAFT,
    "Guide: writing briefs your team will actually read",
    "Goal, audience, one key message, one call to action. Everything else is optional." },
  { 29, 11 * 60, "proof", 1, "instagram,linkedin", LINEUP_STAGE_DRAFT,
    "By the numbers: our year in review",
    "1.2 million posts planned, 98 % on time, and one very tired coffee machine." },
  { 30, 9 * 60 + 30, "educational", 2, "youtube,tiktok", LINEUP_STAGE_BRIEF,
    "Explainer: how our sync engine never doubles a post",
    "" },
  { 30, 16 * 60, "promotional", 0, "linkedin,mastodon", LINEUP_STAGE_BRIEF,
    "Offer: annual plans, two months free",
    "" },
  { 3, 18 * 60, "educational", 0, "pinterest", LINEUP_STAGE_PUBLISHED,
    "Infographic: the content mix at a glance",
    "40 % educational, 25 % stories, 15 % proof, 12 % community, under 10 % promotion." },
  { 14, 10 * 60, "narrative", 2, "threads,bluesky", LINEUP_STAGE_SCHEDULED,
    "Thread: what we learned from a failed launch",
    "Two years ago a launch went quiet. Here’s what we changed." },
  { 20, 13 * 60, "educational", 0, "reddit", LINEUP_STAGE_IN_REVIEW,
    "AMA: ask our content lead anything",
    "Planning, pillars, approvals, burnout — bring your questions on Friday." },
  { 0, 0, "educational", 0, "linkedin", LINEUP_STAGE_BRIEF,
    "Idea: a series on accessible captions", "" },
  { 0, 0, "narrative", 1, "instagram", LINEUP_STAGE_BRIEF,
    "Idea: interview a long-time customer on video", "" },
  { 0, 0, "community", 3, "mastodon", LINEUP_STAGE_BRIEF,
    "Idea: monthly community Q&A livestream", "" },
  { 0, 0, "promotional", 0, "linkedin,x", LINEUP_STAGE_BRIEF,
    "Idea: holiday bundle teaser", "" },
};

static const char * const demo_briefs[][LINEUP_N_BRIEF_FIELDS] = {
  { "Show we care about inclusive content", "Social media managers", "Captions and alt text reach more people", "Download the caption checklist", "#a11y #contentdesign", "Amara" },
  { "Build trust with prospects in agencies", "Agency owners", "Teams like yours plan calmer with Lineup", "Watch the interview", "#customerstory", "Jonas" },
  { "Grow the community channel", "Existing users", "You shape what we build", "Join the livestream", "#community", "Lee" },
  { "Lift end-of-year sign-ups", "Trial users", "The best time to plan next year is now", "Start an annual plan", "#offer", "Priya" },
};

static const char * const demo_owners[] = { "Jonas", "Amara", "Jonas", "Lee" };

/* The team and a two-step chain, unless the plan has its own. */
static gboolean
add_demo_team (LineupStore  *store,
               GError      **error)
{
  static const struct { const char *name; LineupRole role; } team[] = {
    { "Amara", LINEUP_ROLE_LEAD },
    { "Jonas", LINEUP_ROLE_EDITOR },
    { "Lee", LINEUP_ROLE_APPROVER },
    { "Priya", LINEUP_ROLE_APPROVER },
  };
  g_autoptr(GPtrArray) existing = lineup_store_get_team (store);
  g_autoptr(GPtrArray) chain = lineup_store_get_approval_chain (store);
  g_autoptr(GPtrArray) steps = NULL;
  LineupApprovalStep *step;

  if (existing->len == 0)
    for (guint i = 0; i < G_N_ELEMENTS (team); i++)
      if (!lineup_store_set_member (store, team[i].name, team[i].role, error))
        return FALSE;
  if (chain->len > 0 || existing->len > 0)
    return TRUE;

  steps = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_approval_step_free);
  step = g_new0 (LineupApprovalStep, 1);
  step->name = g_strdup ("Lead");
  step->approvers = g_strsplit ("Amara", ",", -1);
  g_ptr_array_add (steps, step);
  step = g_new0 (LineupApprovalStep, 1);
  step->name = g_strdup ("Brand");
  step->approvers = g_strsplit ("Lee,Priya", ",", -1);
  g_ptr_array_add (steps, step);
  return lineup_store_set_approval_chain (store, steps, error);
}

static gboolean
demo_event (LineupStore        *store,
            LineupPost         *post,
            LineupHistoryKind   kind,
            const char         *actor,
            const char         *comment,
            int                 approve_step,
            gint64              check_item,
            GError            **error)
{
  LineupWorkflowEvent event = { 0 };

  event.kind = kind;
  event.to_stage = lineup_post_get_stage (post);
  event.actor = actor;
  event.comment = comment;
  event.approve_step = approve_step;
  event.snapshot_approved = approve_step == 1;
  event.check_item = check_item;
  event.checked = check_item != 0;
  return _lineup_store_apply_event (store, post, &event, error);
}

/* Where each post stands: what is approved went through the chain with a
 * full checklist; what is in review is part of the way; one draft came back
 * with a request for changes. */
static gboolean
add_demo_workflow (LineupStore    *store,
                   LineupPost     *post,
                   const DemoPost *d,
                   GError        **error)
{
  g_autoptr(GPtrArray) checklist = lineup_store_get_checklist (store);
  LineupStage stage = lineup_post_get_stage (post);
  guint ticked = 0;
  gboolean lead = FALSE, brand = FALSE;

  if (stage >= LINEUP_STAGE_APPROVED)
    ticked = checklist->len, lead = brand = TRUE;
  else if (stage == LINEUP_STAGE_IN_REVIEW)
    switch (d->day)
      {
      case 19: ticked = checklist->len; lead = TRUE; break;
      case 22: ticked = checklist->len; break;
      case 23: ticked = 3; break;    /* "Tracked links" is the first one unticked */
      default: ticked = 2; break;
      }

  for (guint i = 0; i < MIN (ticked, checklist->len); i++)
    if (!demo_event (store, post, LINEUP_HISTORY_CHECK, "Jonas",
                     ((LineupChecklistItem *) g_ptr_array_index (checklist, i))->text, -1,
                     ((LineupChecklistItem *) g_ptr_array_index (checklist, i))->id, error))
      return FALSE;
  if (lead && !demo_event (store, post, LINEUP_HISTORY_APPROVE, "Amara",
                           d->day == 19 ? _("Strong. Brand should check the award wording.") : NULL,
                           0, 0, error))
    return FALSE;
  if (brand && !demo_event (store, post, LINEUP_HISTORY_APPROVE, "Lee", NULL, 1, 0, error))
    return FALSE;

  if (d->day == 20 &&
      !demo_event (store, post, LINEUP_HISTORY_COMMENT, "Priya",
                   _("Can we name the time zone for the AMA?"), -1, 0, error))
    return FALSE;
  if (d->day == 24)
    {
      LineupWorkflowEvent event = { 0 };

      event.kind = LINEUP_HISTORY_REQUEST_CHANGES;
      event.to_stage = LINEUP_STAGE_DRAFT;
      event.actor = "Lee";
      event.comment = _("Open with Marta’s first client, not the numbers.");
      event.approve_step = -1;
      event.revoke_approvals = TRUE;
      if (!_lineup_store_apply_event (store, post, &event, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
lineup_demo_fill (LineupStore  *store,
                  int           year,
                  int           month,
                  guint        *out_n_posts,
                  GError      **error)
{
  gint64 pillar_ids[G_N_ELEMENTS (demo_pillars)];
  LineupCampaign *campaign;
  g_autoptr(GPtrArray) existing = NULL;
  GDate first, next;
  guint n_days, n = 0, brief = 0;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_return_val_if_fail (LINEUP_IS_STORE (store), FALSE);

  if (month < 1 || month > 12)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("%04d-%02d is not a month: expected YYYY-MM, e.g. 2026-12"), year, month);
      return FALSE;
    }
  if (year < LINEUP_FIRST_YEAR || year > LINEUP_LAST_YEAR)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("%04d-%02d is outside the months Lineup can keep: give a month from %d-01 to %d-12"),
                   year, month, LINEUP_FIRST_YEAR, LINEUP_LAST_YEAR);
      return FALSE;
    }

  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, month, year);
  next = first;
  g_date_add_months (&next, 1);
  n_days = g_date_get_days_in_month (month, year);

  existing = lineup_store_list_posts (store,
                                      lineup_store_local_to_utc (store, &first, 0),
                                      lineup_store_local_to_utc (store, &next, 0),
                                      error);
  if (existing == NULL)
    return FALSE;
  if (existing->len > 0)
    {
      char label[64];

      g_date_strftime (label, sizeof label, "%OB %Y", &first);
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_EXISTS,
                   _("%s already has %u posts; the demo only fills an empty month: pick another month (--month YYYY-MM)"),
                   label, existing->len);
      return FALSE;
    }

  lineup_store_begin (store, _("Load demo plan"));

  /* A launch campaign around the feeds announcement (day 17), named for its
   * month so each demo month has its own. */
  {
    char name[96], from[16], to[16];
    GDate start = first, end = first;

    g_date_add_days (&start, 13);
    g_date_add_days (&end, 19);
    g_date_strftime (name, sizeof name, "Feeds launch, %OB %Y", &first);
    g_date_strftime (from, sizeof from, "%Y-%m-%d", &start);
    g_date_strftime (to, sizeof to, "%Y-%m-%d", &end);
    campaign = lineup_store_find_campaign (store, name);
    if (campaign == NULL)
      campaign = lineup_store_add_campaign (store, name, "#1c71d8", from, to, error);
    if (campaign == NULL)
      goto failed;
  }

  if (!add_demo_team (store, error))
    goto failed;

  for (guint i = 0; i < G_N_ELEMENTS (demo_pillars); i++)
    {
      LineupPillar *pillar = lineup_store_find_pillar (store, demo_pillars[i].name);

      if (pillar == NULL)
        pillar = lineup_store_add_pillar (store, demo_pillars[i].name, demo_pillars[i].color,
                                          demo_pillars[i].target, error);
      if (pillar == NULL)
        goto failed;
      pillar_ids[i] = lineup_pillar_get_id (pillar);
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_posts); i++)
    {
      const DemoPost *d = &demo_posts[i];
      g_autoptr(LineupPost) post = lineup_post_new ();
      g_auto(GStrv) platforms = g_strsplit (d->platforms, ",", -1);
      LineupContentType *type = lineup_store_find_content_type (store, d->type);

      if (type == NULL)
        {
          g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND,
                       _("The plan has no “%s” content type, which the demo uses"), d->type);
          goto failed;
        }

      lineup_post_set_title (post, d->title);
      lineup_post_set_body (post, d->body);
      lineup_post_set_pillar_id (post, pillar_ids[d->pillar]);
      lineup_post_set_type_id (post, lineup_content_type_get_id (type));
      lineup_post_set_platforms (post, (const char * const *) platforms);
      /* The draft that came back from review starts there. */
      lineup_post_set_stage (post, d->day == 24 ? LINEUP_STAGE_IN_REVIEW : d->stage);
      if (d->day >= 14 && d->day <= 20 && g_strcmp0 (d->type, "promotional") == 0)
        lineup_post_set_campaign_id (post, lineup_campaign_get_id (campaign));

      if (d->day > 0)
        {
          GDate day;

          g_date_clear (&day, 1);
          g_date_set_dmy (&day, MIN ((guint) d->day, n_days), month, year);
          lineup_post_set_scheduled_at (post, lineup_store_local_to_utc (store, &day, d->minutes));
          /* Only what went out is published: a post still to come is
           * scheduled, and one scheduled for a time past has gone out. */
          if (d->stage == LINEUP_STAGE_PUBLISHED && lineup_post_get_scheduled_at (post) > now)
            lineup_post_set_stage (post, LINEUP_STAGE_SCHEDULED);
          else if (d->stage == LINEUP_STAGE_SCHEDULED && lineup_post_get_scheduled_at (post) <= now)
            lineup_post_set_stage (post, LINEUP_STAGE_PUBLISHED);
        }
      else
        {
          for (guint f = 0; f < LINEUP_N_BRIEF_FIELDS; f++)
            lineup_post_set_brief (post, f, demo_briefs[brief][f]);
          brief++;
        }

      if (d->day > 0)
        lineup_post_set_brief (post, LINEUP_BRIEF_OWNER, demo_owners[i % G_N_ELEMENTS (demo_owners)]);

      if (!lineup_store_add_post (store, post, error) ||
          !add_demo_workflow (store, post, d, error))
        goto failed;
      n++;
    }

  if (!lineup_store_commit (store, error))
    return FALSE;
  if (out_n_posts)
    *out_n_posts = n;
  return TRUE;

failed:
  lineup_store_rollback (store);
  return FALSE;
}
