/* lineup-mix.c: the counts of a LineupMix, kept up to date, and the report
 * made from them: rows, weeks, cadence, suggestions and rules of thumb, and
 * the posts not counted for their stage that the advice names.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "lineup-mix.h"

struct _LineupMix
{
  GObject parent_instance;

  LineupStore *store;
  GDate from, to;            /* [from, to) */
  int week_start;            /* 0 = Sunday … 6 = Saturday; Monday unless set */
  GDate week0;               /* the first day of the week holding @from */
  guint n_days, n_weeks;
  guint week0_offset;        /* days from @week0 to @from */
  gint64 from_utc, to_utc;
  gint64 *day_starts;        /* n_days + 1: each day's first instant, then @to's */
  char *platform;
  gint64 campaign;
  guint stages;

  guint n_types;
  gint64 *type_ids;          /* the store's types when last counted, in order */
  GHashTable *type_index;    /* id → index + 1 */
  guint n_platforms;

  guint total;
  guint *type_counts;        /* n_types */
  GHashTable *pillar_counts; /* id → PillarCount */
  guint *week_total;         /* n_weeks */
  guint *week_type;          /* n_weeks × n_types */
  guint *week_platform;      /* n_weeks × n_platforms */
  guint *day_platform;       /* n_days × n_platforms */

  /* Posts that pass everything but the stage. */
  guint not_counted;
  guint not_counted_stages[LINEUP_N_STAGES];
  guint *week_type_not_counted;   /* n_weeks × n_types */
  GPtrArray *report_not_counted;  /* while a report is made: those posts, read once */
};

G_DEFINE_FINAL_TYPE (LineupMix, lineup_mix, G_TYPE_OBJECT)

typedef struct {
  gint64 id;                 /* the key */
  guint count;
} PillarCount;

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

const char *
lineup_mix_state_to_key (LineupMixState state)
{
  switch (state)
    {
    case LINEUP_MIX_UNDER: return "under";
    case LINEUP_MIX_WITHIN: return "within";
    case LINEUP_MIX_OVER: return "over";
    case LINEUP_MIX_NO_TARGET:
    default: return "none";
    }
}

void
lineup_mix_cadence_target (const char *platform,
                           guint      *out_min,
                           guint      *out_max)
{
  /* domain.md's starting points for a small team; the rest follow the
   * Light-to-Standard tiers. */
  static const struct { const char *key; guint min, max; } targets[] = {
    { "instagram", 3, 5 }, { "tiktok", 2, 4 }, { "linkedin", 2, 3 }, { "x", 3, 7 },
    { "threads", 2, 5 }, { "facebook", 2, 5 }, { "mastodon", 2, 5 }, { "bluesky", 2, 5 },
    { "youtube", 1, 2 }, { "reddit", 1, 2 }, { "pinterest", 2, 5 },
  };

  *out_min = 2;
  *out_max = 5;
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    if (g_strcmp0 (platform, targets[i].key) == 0)
      {
        *out_min = targets[i].min;
        *out_max = targets[i].max;
      }
}

/* ---- counting ---- */

static guint
platform_index (const char *key)
{
  guint n;
  const LineupPlatformInfo *all = lineup_platforms_get_all (&n);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (all[i].key, key))
      return i;
  return G_MAXUINT;
}

/* A post the mix looks at: dated in the range, passing the filters, of a
 * type it knows; counted or not by its stage (stage_counts). */
static gboolean
in_scope (LineupMix  *self,
          LineupPost *post)
{
  gint64 at;

  if (post == NULL || !lineup_post_is_dated (post) || lineup_post_get_deleted_at (post) != 0)
    return FALSE;
  at = lineup_post_get_scheduled_at (post);
  if (at < self->from_utc || at >= self->to_utc)
    return FALSE;
  if (self->platform && !lineup_post_has_platform (post, self->platform))
    return FALSE;
  if (self->campaign != 0 && lineup_post_get_campaign_id (post) != self->campaign)
    return FALSE;
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->type_index, &(gint64) { lineup_post_get_type_id (post) })) != 0;
}

static gboolean
stage_counts (LineupMix  *self,
              LineupPost *post)
{
  return (self->stages & (1u << lineup_post_get_stage (post))) != 0;
}

static void
bump (guint *counter,
      int    sign)
{
  if (sign > 0)
    (*counter)++;
  else if (*counter > 0)
    (*counter)--;
}

/* The day of the range @at (inside it) falls on: its local day, found
 * among the days' first instants rather than by converting @at to the
 * plan's zone, which costs more than the rest of counting a post. */
static guint
day_of (LineupMix *self,
        gint64     at)
{
  guint lo = 0, hi = self->n_days;

  /* The last day whose start is at or before @at. */
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->day_starts[mid] <= at)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

static void
apply (LineupMix  *self,
       LineupPost *post,
       int         sign)
{
  gint64 type_id, pillar_id;
  guint t, d, w;
  PillarCount *pillar;
  const char * const *platforms;

  if (!in_scope (self, post))
    return;

  type_id = lineup_post_get_type_id (post);
  t = GPOINTER_TO_UINT (g_hash_table_lookup (self->type_index, &type_id)) - 1;
  d = day_of (self, lineup_post_get_scheduled_at (post));
  w = (d + self->week0_offset) / 7;
  if (d >= self->n_days || w >= self->n_weeks)
    return;
  if (!stage_counts (self, post))
    {
      bump (&self->not_counted, sign);
      bump (&self->not_counted_stages[lineup_post_get_stage (post)], sign);
      bump (&self->week_type_not_counted[w * self->n_types + t], sign);
      return;
    }

  bump (&self->total, sign);
  bump (&self->type_counts[t], sign);
  bump (&self->week_total[w], sign);
  bump (&self->week_type[w * self->n_types + t], sign);

  pillar_id = lineup_post_get_pillar_id (post);
  pillar = g_hash_table_lookup (self->pillar_counts, &pillar_id);
  if (pillar == NULL)
    {
      pillar = g_new0 (PillarCount, 1);
      pillar->id = pillar_id;
      g_hash_table_insert (self->pillar_counts, &pillar->id, pillar);
    }
  bump (&pillar->count, sign);

  platforms = lineup_post_get_platforms (post);
  for (guint i = 0; platforms[i]; i++)
    {
      guint p = platform_index (platforms[i]);

      if (p == G_MAXUINT || (self->platform && !g_str_equal (platforms[i], self->platform)))
        continue;
      bump (&self->week_platform[w * self->n_platforms + p], sign);
      bump (&self->day_platform[d * self->n_platforms + p], sign);
    }
}

static void
clear_counts (LineupMix *self)
{
  g_clear_pointer (&self->type_ids, g_free);
  g_clear_pointer (&self->type_counts, g_free);
  g_clear_pointer (&self->week_total, g_free);
  g_clear_pointer (&self->week_type, g_free);
  g_clear_pointer (&self->week_platform, g_free);
  g_clear_pointer (&self->day_platform, g_free);
  g_clear_pointer (&self->day_starts, g_free);
  g_clear_pointer (&self->week_type_not_counted, g_free);
  g_hash_table_remove_all (self->type_index);
  g_hash_table_remove_all (self->pillar_counts);
  self->total = 0;
  self->not_counted = 0;
  memset (self->not_counted_stages, 0, sizeof self->not_counted_stages);
}

static void
recount (LineupMix *self)
{
  GListModel *types = lineup_store_get_content_types (self->store);
  g_autoptr(GPtrArray) posts = NULL;
  GDate end = self->to;

  clear_counts (self);
  if (!g_date_valid (&self->from) || !g_date_valid (&self->to))
    return;

  self->stages = lineup_store_get_mix_stages (self->store);
  self->n_types = g_list_model_get_n_items (types);
  self->type_ids = g_new0 (gint64, MAX (self->n_types, 1));
  for (guint i = 0; i < self->n_types; i++)
    {
      g_autoptr(LineupContentType) type = g_list_model_get_item (types, i);

      self->type_ids[i] = lineup_content_type_get_id (type);
      g_hash_table_insert (self->type_index, &self->type_ids[i], GUINT_TO_POINTER (i + 1));
    }

  self->week0 = self->from;
  g_date_subtract_days (&self->week0, ((int) g_date_get_weekday (&self->from) % 7 - self->week_start + 7) % 7);
  self->week0_offset = g_date_days_between (&self->week0, &self->from);
  self->n_days = MAX (g_date_days_between (&self->from, &end), 0);
  self->n_weeks = (g_date_days_between (&self->week0, &end) + 6) / 7;
  self->type_counts = g_new0 (guint, MAX (self->n_types, 1));
  self->week_total = g_new0 (guint, MAX (self->n_weeks, 1));
  self->week_type = g_new0 (guint, MAX (self->n_weeks * self->n_types, 1));
  self->week_type_not_counted = g_new0 (guint, MAX (self->n_weeks * self->n_types, 1));
  self->week_platform = g_new0 (guint, MAX (self->n_weeks * self->n_platforms, 1));
  self->day_platform = g_new0 (guint, MAX (self->n_days * self->n_platforms, 1));
  /* Where each day starts, as the grid cuts them: a post belongs to the
   * day whose start it is at or after. */
  self->day_starts = g_new (gint64, self->n_days + 1);
  for (guint d = 0; d <= self->n_days; d++)
    {
      GDate date = self->from;

      g_date_add_days (&date, d);
      self->day_starts[d] = lineup_store_local_to_utc (self->store, &date, 0);
    }
  self->from_utc = self->day_starts[0];
  self->to_utc = self->day_starts[self->n_days];

  posts = lineup_store_list_posts (self->store, self->from_utc, self->to_utc, NULL);
  for (guint i = 0; posts && i < posts->len; i++)
    apply (self, g_ptr_array_index (posts, i), +1);
}

static void
on_post_added_cb (LineupMix  *self,
                  LineupPost *post)
{
  if (!in_scope (self, post))
    return;
  apply (self, post, +1);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_post_changed_cb (LineupMix  *self,
                    LineupPost *old_post,
                    LineupPost *new_post)
{
  if (!in_scope (self, old_post) && !in_scope (self, new_post))
    return;
  apply (self, old_post, -1);
  apply (self, new_post, +1);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_post_removed_cb (LineupMix  *self,
                    LineupPost *post)
{
  if (!in_scope (self, post))
    return;
  apply (self, post, -1);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_plan_changed_cb (LineupMix *self)
{
  recount (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* ---- reports ---- */

static void
mix_row_free (LineupMixRow *row)
{
  g_free (row->name);
  g_free (row->key);
  g_free (row);
}

void
lineup_mix_suggestion_free (LineupMixSuggestion *suggestion)
{
  if (suggestion == NULL)
    return;
  g_free (suggestion->text);
  g_free (suggestion->detail);
  g_clear_pointer (&suggestion->not_counted, g_ptr_array_unref);
  g_free (suggestion);
}

LineupMixSuggestion *
lineup_mix_suggestion_copy (const LineupMixSuggestion *suggestion)
{
  LineupMixSuggestion *copy;

  g_return_val_if_fail (suggestion != NULL, NULL);

  copy = g_new0 (LineupMixSuggestion, 1);
  *copy = *suggestion;
  copy->text = g_strdup (suggestion->text);
  copy->detail = g_strdup (suggestion->detail);
  copy->not_counted = suggestion->not_counted ? g_ptr_array_ref (suggestion->not_counted) : NULL;
  return copy;
}

static void
cadence_free (LineupMixCadence *cadence)
{
  g_free (cadence->platform);
  g_free (cadence->week_counts);
  g_free (cadence);
}

void
lineup_mix_report_free (LineupMixReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->types, g_ptr_array_unref);
  g_clear_pointer (&report->pillars, g_ptr_array_unref);
  g_clear_pointer (&report->suggestions, g_ptr_array_unref);
  g_clear_pointer (&report->cadence, g_ptr_array_unref);
  g_clear_pointer (&report->flags, g_ptr_array_unref);
  for (guint i = 0; i < report->n_weeks; i++)
    {
      g_free (report->weeks[i].type_counts);
      g_free (report->weeks[i].type_not_counted);
    }
  g_free (report->weeks);
  g_free (report);
}

LineupMixRow *
lineup_mix_report_find_type (LineupMixReport *report,
                             const char      *name_or_key)
{
  for (guint i = 0; i < report->types->len; i++)
    {
      LineupMixRow *row = g_ptr_array_index (report->types, i);

      if (g_strcmp0 (row->key, name_or_key) == 0 || g_ascii_strcasecmp (row->name, name_or_key) == 0)
        return row;
    }
  return NULL;
}

/* "7 briefs", "2 drafts", …: @n posts in @stage. */
static char *
stage_count_text (LineupStage stage,
                  guint       n)
{
  switch (stage)
    {
    case LINEUP_STAGE_BRIEF:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u brief", "%u briefs", n), n);
    case LINEUP_STAGE_DRAFT:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u draft", "%u drafts", n), n);
    case LINEUP_STAGE_IN_REVIEW:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u in review", "%u in review", n), n);
    case LINEUP_STAGE_APPROVED:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u approved", "%u approved", n), n);
    case LINEUP_STAGE_SCHEDULED:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u scheduled", "%u scheduled", n), n);
    case LINEUP_STAGE_PUBLISHED:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u published", "%u published", n), n);
    }
}

char *
lineup_mix_report_counted_text (LineupMixReport *report)
{
  g_autoptr(GString) stages = g_string_new (NULL);

  g_return_val_if_fail (report != NULL, NULL);

  if (report->not_counted == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u post counted", "%u posts counted", report->total),
                            report->total);
  for (guint s = 0; s < LINEUP_N_STAGES; s++)
    if (report->not_counted_stages[s] > 0)
      {
        g_autofree char *part = stage_count_text (s, report->not_counted_stages[s]);

        if (stages->len > 0)
          g_string_append (stages, _(", "));
        g_string_append (stages, part);
      }
  /* TRANSLATORS: "20 counted · 7 briefs not counted": the posts of the
   * range the mix counts, and those it does not for their stage. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u counted · %s not counted", "%u counted · %s not counted",
                                       report->total),
                          report->total, stages->str);
}

gboolean
lineup_mix_pillar_targets_sum (LineupStore *store,
                               double      *out_sum)
{
  GListModel *pillars;
  gboolean any = FALSE;
  double sum = 0;

  g_return_val_if_fail (LINEUP_IS_STORE (store), FALSE);

  pillars = lineup_store_get_pillars (store);
  for (guint i = 0; i < g_list_model_get_n_items (pillars); i++)
    {
      g_autoptr(LineupPillar) pillar = g_list_model_get_item (pillars, i);

      if (lineup_pillar_get_target (pillar) >= 0)
        {
          sum += lineup_pillar_get_target (pillar);
          any = TRUE;
        }
    }
  if (out_sum)
    *out_sum = sum;
  return any;
}

char *
lineup_mix_pillar_targets_warning (LineupStore *store)
{
  double sum;

  g_return_val_if_fail (LINEUP_IS_STORE (store), NULL);

  if (!lineup_mix_pillar_targets_sum (store, &sum) || fabs (sum - 100) < 0.5)
    return NULL;
  if (sum > 100)
    return g_strdup_printf (_("Pillar targets add up to %.0f %%, not 100 %%: lower some by %.0f points in all"),
                            sum, sum - 100);
  return g_strdup_printf (_("Pillar targets add up to %.0f %%, not 100 %%: raise some by %.0f points in all"),
                          sum, 100 - sum);
}

/* State and distance of @row among @total posts. */
static void
judge (LineupMixRow *row,
       guint         total)
{
  double c = row->count, t = total;

  row->share = total ? 100.0 * c / t : 0;
  row->distance = row->others = 0;
  if (row->min < 0 && row->max < 0)
    {
      row->state = LINEUP_MIX_NO_TARGET;
      return;
    }
  if (row->min > 0 && (total == 0 || 100.0 * c < row->min * t - 1e-9))
    {
      row->state = LINEUP_MIX_UNDER;
      /* The least k with 100 (c + k) >= min (t + k). */
      row->distance = row->min >= 100 ? 1 : (guint) ceil ((row->min * t - 100.0 * c) / (100.0 - row->min) - 1e-9);
      row->distance = MAX (row->distance, 1);
      return;
    }
  if (row->max >= 0 && 100.0 * c > row->max * t + 1e-9)
    {
      row->state = LINEUP_MIX_OVER;
      row->distance = MAX ((guint) ceil (c - row->max * t / 100.0 - 1e-9), 1);
      row->others = row->max > 0 ? MAX ((guint) ceil (100.0 * c / row->max - t - 1e-9), 1) : 0;
      return;
    }
  row->state = LINEUP_MIX_WITHIN;
}

static double
points_outside (LineupMixRow *row)
{
  if (row->state == LINEUP_MIX_UNDER)
    return row->min - row->share;
  if (row->state == LINEUP_MIX_OVER)
    return row->share - row->max;
  return 0;
}

static char *
week_label (const GDate *date)
{
  char text[64];

  g_date_strftime (text, sizeof text, "%-d %b", date);
  return g_strdup (text);
}

/* Days of week @w inside the range. */
static guint
days_in_range (LineupMix *self,
               guint      w)
{
  int first = (int) (w * 7) - (int) self->week0_offset;
  int last = first + 7;

  return MAX (MIN (last, (int) self->n_days) - MAX (first, 0), 0);
}

/* A week to fill: most of its days in the range (LINEUP_MIX_WEEK_MIN_DAYS). */
static gboolean
week_to_fill (LineupMix *self,
              guint      w)
{
  return days_in_range (self, w) >= LINEUP_MIX_WEEK_MIN_DAYS;
}

/* The first week to fill of the range (from its first day inside it) with
 * no post of type @t, or an invalid date; its index in @out_week. */
static GDate
week_without (LineupMix *self,
              guint      t,
              guint     *out_week)
{
  GDate none;

  g_date_clear (&none, 1);
  *out_week = G_MAXUINT;
  for (guint w = 0; w < self->n_weeks; w++)
    if (self->week_type[w * self->n_types + t] == 0 && week_to_fill (self, w))
      {
        GDate start = self->week0;

        g_date_add_days (&start, w * 7);
        if (g_date_compare (&start, &self->from) < 0)
          start = self->from;
        *out_week = w;
        return start;
      }
  return none;
}

/* The posts not counted for their stage in week @w (G_MAXUINT: the whole
 * range), of type @type_id and pillar @pillar_id (0: any), by time. The
 * range's are read from the store once a report, when first asked. */
static GPtrArray *
not_counted_posts (LineupMix *self,
                   guint      w,
                   gint64     type_id,
                   gint64     pillar_id)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->report_not_counted == NULL)
    {
      g_autoptr(GPtrArray) posts = lineup_store_list_posts (self->store, self->from_utc, self->to_utc, NULL);

      self->report_not_counted = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; posts && i < posts->len; i++)
        if (in_scope (self, posts->pdata[i]) && !stage_counts (self, posts->pdata[i]))
          g_ptr_array_add (self->report_not_counted, g_object_ref (posts->pdata[i]));
    }
  for (guint i = 0; i < self->report_not_counted->len; i++)
    {
      LineupPost *post = g_ptr_array_index (self->report_not_counted, i);

      if ((type_id == 0 || lineup_post_get_type_id (post) == type_id) &&
          (pillar_id == 0 || lineup_post_get_pillar_id (post) == pillar_id) &&
          (w == G_MAXUINT || (day_of (self, lineup_post_get_scheduled_at (post)) + self->week0_offset) / 7 == w))
        g_ptr_array_add (found, g_object_ref (post));
    }
  return found;
}

/* "2 Educational briefs on that week: move them on (“A”, “B”)": @posts
 * (not counted, of what @name names), on the week a suggestion is about or
 * in the range. NULL when @posts is empty. */
static char *
not_counted_detail (GPtrArray  *posts,
                    const char *name,
                    gboolean    on_week)
{
  guint n = posts->len;
  gboolean briefs = TRUE;
  g_autoptr(GString) titles = g_string_new (NULL);
  const char *format;

  if (n == 0)
    return NULL;
  for (guint i = 0; i < n; i++)
    {
      LineupPost *post = g_ptr_array_index (posts, i);
      g_autofree char *title = g_strdup (lineup_post_get_title (post));

      briefs = briefs && lineup_post_get_stage (post) == LINEUP_STAGE_BRIEF;
      if (i == 3)
        {
          g_string_append (titles, _(", …"));
          continue;
        }
      if (i > 3)
        continue;
      g_strdelimit (title, "\n\r\t", ' ');
      if (i > 0)
        g_string_append (titles, _(", "));
      g_string_append_printf (titles, _("“%s”"), title);
    }
  if (on_week)
    format = briefs
      ? g_dngettext (GETTEXT_PACKAGE, "%u %s brief on that week: move it on (%s)",
                     "%u %s briefs on that week: move them on (%s)", n)
      : g_dngettext (GETTEXT_PACKAGE, "%u %s post on that week is in a stage not counted: move it on (%s)",
                     "%u %s posts on that week are in stages not counted: move them on (%s)", n);
  else
    format = briefs
      ? g_dngettext (GETTEXT_PACKAGE, "%u %s brief in this range: move it on (%s)",
                     "%u %s briefs in this range: move them on (%s)", n)
      : g_dngettext (GETTEXT_PACKAGE, "%u %s post in this range is in a stage not counted: move it on (%s)",
                     "%u %s posts in this range are in stages not counted: move them on (%s)", n);
  return g_strdup_printf (format, n, name, titles->str);
}

/* Takes @text and @not_counted (NULL: none), and names those posts in the
 * suggestion's detail. */
static void
add_suggestion (GPtrArray               *suggestions,
                LineupMixSuggestionKind  kind,
                gint64                   id,
                const GDate             *week,
                char                    *text,
                GPtrArray               *not_counted,
                const char              *name,
                gboolean                 on_week)
{
  LineupMixSuggestion *s = g_new0 (LineupMixSuggestion, 1);

  s->kind = kind;
  s->id = id;
  if (week && g_date_valid (week))
    s->week = *week;
  else
    g_date_clear (&s->week, 1);
  s->text = text;
  s->not_counted = not_counted ? not_counted : g_ptr_array_new_with_free_func (g_object_unref);
  s->detail = not_counted_detail (s->not_counted, name, on_week);
  g_ptr_array_add (suggestions, s);
}

/* The posts not counted for their stage that would add to type row @t:
 * those on @w, the week that has none, if any there, else in the range;
 * NULL when there are none. */
static GPtrArray *
type_not_counted (LineupMix *self,
                  guint      t,
                  guint      w,
                  gboolean  *out_on_week)
{
  guint in_range = 0;

  *out_on_week = FALSE;
  if (w != G_MAXUINT && self->week_type_not_counted[w * self->n_types + t] > 0)
    {
      *out_on_week = TRUE;
      return not_counted_posts (self, w, self->type_ids[t], 0);
    }
  for (guint i = 0; i < self->n_weeks; i++)
    in_range += self->week_type_not_counted[i * self->n_types + t];
  return in_range > 0 ? not_counted_posts (self, G_MAXUINT, self->type_ids[t], 0) : NULL;
}

static void
suggest (LineupMix       *self,
         LineupMixReport *report)
{
  for (guint i = 0; i < report->types->len; i++)
    {
      LineupMixRow *row = g_ptr_array_index (report->types, i);

      if (row->state == LINEUP_MIX_UNDER)
        {
          guint w;
          GDate week = week_without (self, i, &w);
          g_autofree char *hint = NULL;
          gboolean on_week;
          GPtrArray *waiting = type_not_counted (self, i, w, &on_week);

          if (g_date_valid (&week))
            {
              g_autofree char *label = week_label (&week);
              hint = g_strdup_printf (_(" (week of %s has none)"), label);
            }
          add_suggestion (report->suggestions, LINEUP_MIX_ADD_TYPE, row->id, &week,
                          g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Add %u %s post%s", "Add %u %s posts%s",
                                                        row->distance),
                                           row->distance, row->name, hint ? hint : ""),
                          waiting, row->name, on_week);
        }
      else if (row->state == LINEUP_MIX_OVER)
        {
          g_autofree char *change = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "change the type of %u post",
                                                                  "change the type of %u posts", row->distance),
                                                     row->distance);
          g_autofree char *others = row->others
            ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, " or add %u other", " or add %u others", row->others),
                               row->others)
            : NULL;

          add_suggestion (report->suggestions, LINEUP_MIX_REDUCE_TYPE, row->id, NULL,
                          g_strdup_printf (_("%s is %.0f %% (max %.0f %%): %s%s"), row->name, row->share,
                                           row->max, change, others ? others : ""),
                          NULL, NULL, FALSE);
        }
    }

  for (guint i = 0; i < report->pillars->len; i++)
    {
      LineupMixRow *row = g_ptr_array_index (report->pillars, i);

      if (row->state == LINEUP_MIX_UNDER)
        add_suggestion (report->suggestions, LINEUP_MIX_ADD_PILLAR, row->id, NULL,
                        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Add %u post to %s (%.0f %%, target %.0f %%)",
                                                      "Add %u posts to %s (%.0f %%, target %.0f %%)", row->distance),
                                         row->distance, row->name, row->share, (row->min + row->max) / 2),
                        self->not_counted > 0 ? not_counted_posts (self, G_MAXUINT, 0, row->id) : NULL,
                        row->name, FALSE);
      else if (row->state == LINEUP_MIX_OVER)
        add_suggestion (report->suggestions, LINEUP_MIX_REDUCE_PILLAR, row->id, NULL,
                        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                      "%s is %.0f %% (target %.0f %%): move %u post to another pillar",
                                                      "%s is %.0f %% (target %.0f %%): move %u posts to another pillar",
                                                      row->distance),
                                         row->name, row->share, (row->min + row->max) / 2, row->distance),
                        NULL, NULL, FALSE);
    }
}

static void
check_rules (LineupMix       *self,
             LineupMixReport *report)
{
  guint n;
  const LineupPlatformInfo *all = lineup_platforms_get_all (&n);
  int educational = -1;

  for (guint t = 0; t < report->types->len; t++)
    if (g_strcmp0 (((LineupMixRow *) g_ptr_array_index (report->types, t))->key, "educational") == 0)
      educational = t;

  for (guint w = 0; w < report->n_weeks; w++)
    {
      LineupMixWeek *week = &report->weeks[w];
      g_autofree char *label = week_label (&week->start);

      /* The few days a month shares with another month's week are that
       * week's to fill. */
      if (!week->to_fill)
        continue;
      if (week->total >= 2)
        for (guint t = 0; t < report->types->len; t++)
          if (week->type_counts[t] == week->total)
            g_ptr_array_add (report->flags,
                             g_strdup_printf (_("Week of %s: every post is %s"), label,
                                              ((LineupMixRow *) g_ptr_array_index (report->types, t))->name));
      if (week->total >= 1 && educational >= 0 && week->type_counts[educational] == 0)
        {
          g_autoptr(GPtrArray) waiting = week->type_not_counted[educational] > 0
            ? not_counted_posts (self, w, self->type_ids[educational], 0) : NULL;
          g_autofree char *detail = waiting
            ? not_counted_detail (waiting, ((LineupMixRow *) g_ptr_array_index (report->types, educational))->name, TRUE)
            : NULL;

          if (detail)
            g_ptr_array_add (report->flags, g_strdup_printf (_("Week of %s has no Educational post; %s"), label, detail));
          else
            g_ptr_array_add (report->flags, g_strdup_printf (_("Week of %s has no Educational post"), label));
        }
    }

  for (guint d = 0; d < self->n_days; d++)
    for (guint p = 0; p < n; p++)
      if (self->day_platform[d * self->n_platforms + p] > LINEUP_MIX_MAX_PER_DAY)
        {
          GDate day = self->from;
          char text[64];

          g_date_add_days (&day, d);
          g_date_strftime (text, sizeof text, "%A %-d %b", &day);
          g_ptr_array_add (report->flags,
                           g_strdup_printf (_("%s: %u posts on %s (more than %u)"), text,
                                            self->day_platform[d * self->n_platforms + p], all[p].name,
                                            LINEUP_MIX_MAX_PER_DAY));
        }

  /* One line a platform whose whole weeks leave its band. */
  for (guint c = 0; c < report->cadence->len; c++)
    {
      LineupMixCadence *cadence = g_ptr_array_index (report->cadence, c);
      const LineupPlatformInfo *info = lineup_platform_lookup (cadence->platform);
      guint low = G_MAXUINT, high = 0;

      if (cadence->state != LINEUP_MIX_UNDER && cadence->state != LINEUP_MIX_OVER)
        continue;
      for (guint w = 0; w < report->n_weeks; w++)
        if (report->weeks[w].whole)
          {
            low = MIN (low, cadence->week_counts[w]);
            high = MAX (high, cadence->week_counts[w]);
          }
      if (low == high)
        g_ptr_array_add (report->flags,
                         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       "%s: %u post a week (target %u–%u)",
                                                       "%s: %u posts a week (target %u–%u)", high),
                                          info ? info->name : cadence->platform, high, cadence->min, cadence->max));
      else
        g_ptr_array_add (report->flags,
                         g_strdup_printf (_("%s: %u to %u posts a week (target %u–%u)"),
                                          info ? info->name : cadence->platform, low, high,
                                          cadence->min, cadence->max));
    }
}

LineupMixReport *
lineup_mix_get_report (LineupMix *self)
{
  LineupMixReport *report;
  GListModel *pillars;
  guint n_platforms;
  const LineupPlatformInfo *platforms = lineup_platforms_get_all (&n_platforms);
  double outside = 0;

  g_return_val_if_fail (LINEUP_IS_MIX (self), NULL);

  report = g_new0 (LineupMixReport, 1);
  report->from = self->from;
  report->to = self->to;
  report->total = self->total;
  report->types = g_ptr_array_new_with_free_func ((GDestroyNotify) mix_row_free);
  report->pillars = g_ptr_array_new_with_free_func ((GDestroyNotify) mix_row_free);
  report->suggestions = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_mix_suggestion_free);
  report->not_counted = self->not_counted;
  memcpy (report->not_counted_stages, self->not_counted_stages, sizeof report->not_counted_stages);
  report->cadence = g_ptr_array_new_with_free_func ((GDestroyNotify) cadence_free);
  report->flags = g_ptr_array_new_with_free_func (g_free);

  for (guint t = 0; t < self->n_types; t++)
    {
      LineupContentType *type = lineup_store_get_content_type (self->store, self->type_ids[t]);
      LineupMixRow *row = g_new0 (LineupMixRow, 1);

      row->id = self->type_ids[t];
      row->name = g_strdup (type ? lineup_content_type_get_name (type) : "?");
      row->key = g_strdup (type ? lineup_content_type_get_key (type) : NULL);
      row->count = self->type_counts[t];
      row->min = type ? lineup_content_type_get_target_min (type) : -1;
      row->max = type ? lineup_content_type_get_target_max (type) : -1;
      judge (row, self->total);
      outside += points_outside (row);
      g_ptr_array_add (report->types, row);
    }

  pillars = lineup_store_get_pillars (self->store);
  for (guint i = 0; i < g_list_model_get_n_items (pillars); i++)
    {
      g_autoptr(LineupPillar) pillar = g_list_model_get_item (pillars, i);
      LineupMixRow *row = g_new0 (LineupMixRow, 1);
      gint64 id = lineup_pillar_get_id (pillar);
      PillarCount *count = g_hash_table_lookup (self->pillar_counts, &id);
      double target = lineup_pillar_get_target (pillar);

      row->id = id;
      row->name = g_strdup (lineup_pillar_get_name (pillar));
      row->count = count ? count->count : 0;
      row->min = target >= 0 ? MAX (target - 5, 0) : -1;
      row->max = target >= 0 ? MIN (target + 5, 100) : -1;
      judge (row, self->total);
      outside += points_outside (row);
      g_ptr_array_add (report->pillars, row);
    }
  report->score = MAX (0, 100 - 2 * outside);

  report->n_weeks = self->n_weeks;
  report->weeks = g_new0 (LineupMixWeek, MAX (self->n_weeks, 1));
  for (guint w = 0; w < self->n_weeks; w++)
    {
      LineupMixWeek *week = &report->weeks[w];
      GDate last;

      week->start = self->week0;
      g_date_add_days (&week->start, w * 7);
      last = week->start;
      g_date_add_days (&last, 6);
      week->whole = g_date_compare (&week->start, &self->from) >= 0 && g_date_compare (&last, &self->to) < 0;
      week->total = self->week_total[w];
      week->type_counts = g_memdup2 (&self->week_type[w * self->n_types], sizeof (guint) * MAX (self->n_types, 1));
      week->to_fill = week_to_fill (self, w);
      week->type_not_counted = g_memdup2 (&self->week_type_not_counted[w * self->n_types],
                                          sizeof (guint) * MAX (self->n_types, 1));
    }

  for (guint p = 0; p < n_platforms; p++)
    {
      LineupMixCadence *cadence;
      guint any = 0;

      for (guint w = 0; w < self->n_weeks; w++)
        any += self->week_platform[w * self->n_platforms + p];
      if (any == 0 && g_strcmp0 (self->platform, platforms[p].key) != 0)
        continue;
      cadence = g_new0 (LineupMixCadence, 1);
      cadence->platform = g_strdup (platforms[p].key);
      lineup_mix_cadence_target (platforms[p].key, &cadence->min, &cadence->max);
      cadence->week_counts = g_new0 (guint, MAX (self->n_weeks, 1));
      cadence->state = LINEUP_MIX_NO_TARGET;
      for (guint w = 0; w < self->n_weeks; w++)
        {
          guint count = self->week_platform[w * self->n_platforms + p];

          cadence->week_counts[w] = count;
          if (!report->weeks[w].whole)
            continue;
          if (count < cadence->min && cadence->state != LINEUP_MIX_OVER)
            cadence->state = LINEUP_MIX_UNDER;
          else if (count > cadence->max)
            cadence->state = LINEUP_MIX_OVER;
          else if (cadence->state == LINEUP_MIX_NO_TARGET)
            cadence->state = LINEUP_MIX_WITHIN;
        }
      g_ptr_array_add (report->cadence, cadence);
    }

  suggest (self, report);
  check_rules (self, report);
  g_clear_pointer (&self->report_not_counted, g_ptr_array_unref);
  return report;
}

LineupMixReport *
lineup_mix_preview (LineupMix  *self,
                    LineupPost *before,
                    LineupPost *after)
{
  LineupMixReport *report;

  g_return_val_if_fail (LINEUP_IS_MIX (self), NULL);

  apply (self, before, -1);
  apply (self, after, +1);
  report = lineup_mix_get_report (self);
  apply (self, after, -1);
  apply (self, before, +1);
  return report;
}

/* ---- the object ---- */

static void
lineup_mix_finalize (GObject *object)
{
  LineupMix *self = LINEUP_MIX (object);

  clear_counts (self);
  g_clear_pointer (&self->type_index, g_hash_table_unref);
  g_clear_pointer (&self->pillar_counts, g_hash_table_unref);
  g_free (self->platform);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (lineup_mix_parent_class)->finalize (object);
}

static void
lineup_mix_class_init (LineupMixClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lineup_mix_finalize;

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
lineup_mix_init (LineupMix *self)
{
  self->type_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->pillar_counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  lineup_platforms_get_all (&self->n_platforms);
  g_date_clear (&self->from, 1);
  g_date_clear (&self->to, 1);
  self->stages = LINEUP_MIX_DEFAULT_STAGES;
  self->week_start = 1;
}

LineupMix *
lineup_mix_new (LineupStore *store)
{
  LineupMix *self;

  g_return_val_if_fail (LINEUP_IS_STORE (store), NULL);

  self = g_object_new (LINEUP_TYPE_MIX, NULL);
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "post-added", G_CALLBACK (on_post_added_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "post-changed", G_CALLBACK (on_post_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "post-removed", G_CALLBACK (on_post_removed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "content-types-changed", G_CALLBACK (on_plan_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "pillars-changed", G_CALLBACK (on_plan_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "plan-changed", G_CALLBACK (on_plan_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "reloaded", G_CALLBACK (on_plan_changed_cb), self, G_CONNECT_SWAPPED);
  return self;
}

void
lineup_mix_set_range (LineupMix   *self,
                      const GDate *from,
                      const GDate *to)
{
  GDate first, end;

  g_return_if_fail (LINEUP_IS_MIX (self));
  g_return_if_fail (from && g_date_valid (from) && to && g_date_valid (to));

  /* Only the dates a plan can keep (LINEUP_FIRST_YEAR…LINEUP_LAST_YEAR):
   * past them the store has no moment for a day's start. */
  g_date_clear (&first, 1);
  g_date_clear (&end, 1);
  g_date_set_dmy (&first, 1, G_DATE_JANUARY, LINEUP_FIRST_YEAR);
  g_date_set_dmy (&end, 1, G_DATE_JANUARY, LINEUP_LAST_YEAR + 1);
  self->from = *from;
  g_date_clamp (&self->from, &first, &end);
  self->to = g_date_compare (to, &self->from) > 0 ? *to : self->from;
  g_date_clamp (&self->to, &first, &end);
  recount (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
lineup_mix_set_week_start (LineupMix *self,
                           int        week_start)
{
  g_return_if_fail (LINEUP_IS_MIX (self));
  g_return_if_fail (week_start >= 0 && week_start <= 6);

  if (week_start == self->week_start)
    return;
  self->week_start = week_start;
  recount (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

int
lineup_mix_get_week_start (LineupMix *self)
{
  g_return_val_if_fail (LINEUP_IS_MIX (self), 1);
  return self->week_start;
}

void
lineup_mix_get_range (LineupMix *self,
                      GDate     *out_from,
                      GDate     *out_to)
{
  g_return_if_fail (LINEUP_IS_MIX (self));
  if (out_from)
    *out_from = self->from;
  if (out_to)
    *out_to = self->to;
}

void
lineup_mix_set_platform (LineupMix  *self,
                         const char *platform)
{
  g_return_if_fail (LINEUP_IS_MIX (self));
  g_free (self->platform);
  self->platform = platform && *platform ? g_strdup (platform) : NULL;
  recount (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
lineup_mix_set_campaign (LineupMix *self,
                         gint64     campaign_id)
{
  g_return_if_fail (LINEUP_IS_MIX (self));
  self->campaign = campaign_id;
  recount (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

guint
lineup_mix_get_total (LineupMix *self)
{
  g_return_val_if_fail (LINEUP_IS_MIX (self), 0);
  return self->total;
}
