/* lineup-store-share-plan.c: the plan's settings and the team as a shared
 * plan's records (docs/sharing.md §4), read from the store and applied to
 * it: the time zone, default time, counted stages, pillars, content types,
 * campaigns, checklist, snippets and posting slots; the members, their roles and display names, the
 * approval chain and the self-approval rule.
 *
 * Applying checks the whole record before it writes, runs as one operation
 * announced as remote, and emits the signals the settings it changes
 * always emit. Posts as records are in lineup-store-share-records.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "lineup-store-private.h"
#include "lineup-store-share.h"
#include "lineup-store-slots.h"
#include "lineup-platform.h"

/* ---- values ---- */

static char *
format_percent (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (value < 0)
    return g_strdup ("-");
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%g", value));
}

/* "-" is none (-1). */
static gboolean
parse_percent (const char *text,
               double     *out_value)
{
  char *end = NULL;
  double value;

  if (g_strcmp0 (text, "-") == 0)
    {
      *out_value = -1;
      return TRUE;
    }
  if (text == NULL || *text == '\0')
    return FALSE;
  value = g_ascii_strtod (text, &end);
  if (end == NULL || *end != '\0' || isnan (value) || value < 0 || value > 100)
    return FALSE;
  *out_value = value;
  return TRUE;
}

static void
bind_percent (sqlite3_stmt *stmt,
              int           index,
              double        value)
{
  if (value >= 0)
    sqlite3_bind_double (stmt, index, value);
  else
    sqlite3_bind_null (stmt, index);
}

/* Whether the fields starting with @prefix differ between @a and @b. */
static gboolean
section_differs (const LineupShareRecord *a,
                 const LineupShareRecord *b,
                 const char              *prefix)
{
  g_auto(GStrv) names_a = lineup_share_record_list_prefixed (a, prefix);
  g_auto(GStrv) names_b = lineup_share_record_list_prefixed (b, prefix);

  if (g_strv_length (names_a) != g_strv_length (names_b))
    return TRUE;
  for (guint i = 0; names_a[i]; i++)
    if (g_strcmp0 (names_a[i], names_b[i]) != 0 ||
        g_strcmp0 (lineup_share_record_get (a, names_a[i]), lineup_share_record_get (b, names_b[i])) != 0)
      return TRUE;
  return FALSE;
}

static gboolean
plan_error (GError     **error,
            const char  *field,
            const char  *expected)
{
  if (error && *error)
    g_prefix_error (error, _("The plan’s settings from the shared plan cannot be applied (field “%s”): "), field);
  else
    g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                 _("The plan’s settings from the shared plan cannot be applied (field “%s”): expected %s. Correct the resource “%s” on the server"),
                 field, expected, LINEUP_SHARE_PLAN_UID);
  return FALSE;
}

static gboolean
team_error (GError     **error,
            const char  *field,
            const char  *expected)
{
  if (error && *error)
    g_prefix_error (error, _("The team from the shared plan cannot be applied (field “%s”): "), field);
  else
    g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                 _("The team from the shared plan cannot be applied (field “%s”): expected %s. Correct the resource “%s” on the server"),
                 field, expected, LINEUP_SHARE_TEAM_UID);
  return FALSE;
}

/* ---- posting slots: "slots:KEY" = "tue@09:00,thu@12:30" ---- */

static void
read_slots (LineupStore       *self,
            LineupShareRecord *record)
{
  g_autoptr(GArray) slots = lineup_store_get_slots (self, NULL);
  g_autoptr(GString) value = g_string_new (NULL);

  for (guint i = 0; i < slots->len; i++)
    {
      const LineupSlot *slot = &g_array_index (slots, LineupSlot, i);
      g_autofree char *text = lineup_slot_to_string (slot);

      g_string_append_printf (value, "%s%s", value->len ? "," : "", text);
      if (i + 1 == slots->len || !g_str_equal (slot[1].platform, slot->platform))
        {
          g_autofree char *field = g_strconcat ("slots:", slot->platform, NULL);

          lineup_share_record_set (record, field, value->str);
          g_string_truncate (value, 0);
        }
    }
}

/* The slots of a plan record, checked whole: a network this Lineup does not
 * know is left out (a newer one's), anything else wrong refuses. */
static GArray *
parse_slots (const LineupShareRecord  *record,
             GError                  **error)
{
  g_auto(GStrv) fields = lineup_share_record_list_prefixed (record, "slots:");
  g_autoptr(GArray) slots = g_array_new (FALSE, FALSE, sizeof (LineupSlot));

  for (guint i = 0; fields[i]; i++)
    {
      const char *key = fields[i] + strlen ("slots:");
      const LineupPlatformInfo *info = lineup_platform_lookup (key);
      g_auto(GStrv) parts = NULL;
      guint n = 0;

      if (info == NULL)
        continue;
      parts = g_strsplit (lineup_share_record_get (record, fields[i]), ",", -1);
      for (guint j = 0; parts[j]; j++)
        {
          LineupSlot slot;

          if (*g_strstrip (parts[j]) == '\0')
            continue;
          if (!lineup_slot_parse (info->key, parts[j], &slot, NULL))
            return plan_error (error, fields[i], _("slots such as “tue@09:00,thu@12:30”")), NULL;
          g_array_append_val (slots, slot);
          n++;
        }
      if (n > LINEUP_SLOTS_MAX_PER_PLATFORM)
        return plan_error (error, fields[i], _("slots such as “tue@09:00,thu@12:30”")), NULL;
    }
  lineup_slots_sort (slots);
  return g_steal_pointer (&slots);
}

static gboolean step_sql (LineupStore *self, const char *sql, const char *types, GError **error, ...);

/* Makes each known network's slots what @slots say. */
static gboolean
write_slots (LineupStore  *self,
             GArray       *slots,
             GError      **error)
{
  guint n_platforms;
  const LineupPlatformInfo *platforms = lineup_platforms_get_all (&n_platforms);

  for (guint p = 0; p < n_platforms; p++)
    if (!step_sql (self, "DELETE FROM slots WHERE platform = ?", "s", error, platforms[p].key))
      return FALSE;
  for (guint i = 0; i < slots->len; i++)
    {
      const LineupSlot *slot = &g_array_index (slots, LineupSlot, i);

      if (!step_sql (self, "INSERT INTO slots (platform, weekday, minutes) VALUES (?, ?, ?)", "sii", error,
                     slot->platform, (gint64) slot->weekday, (gint64) slot->minutes))
        return FALSE;
    }
  return TRUE;
}

/* ---- the plan's settings ---- */

LineupShareRecord *
lineup_store_share_read_plan (LineupStore *self)
{
  LineupShareRecord *record;
  g_autofree char *default_time = NULL;
  g_autoptr(GString) stages = g_string_new (NULL);
  g_autoptr(GPtrArray) checklist = NULL;
  g_autoptr(GPtrArray) snippets = NULL;
  GListModel *model;
  guint mix, n;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);

  record = lineup_share_record_new (LINEUP_SHARE_PLAN, LINEUP_SHARE_PLAN_UID);
  lineup_share_record_set (record, "zone", lineup_store_get_time_zone_id (self));
  default_time = g_strdup_printf ("%d", lineup_store_get_default_time (self));
  lineup_share_record_set (record, "default-time", default_time);
  mix = lineup_store_get_mix_stages (self);
  for (guint s = 0; s < LINEUP_N_STAGES; s++)
    if (mix & (1u << s))
      g_string_append_printf (stages, "%s%s", stages->len ? "," : "", lineup_stage_to_key (s));
  lineup_share_record_set (record, "mix-stages", stages->str);

  model = lineup_store_get_pillars (self);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LineupPillar) pillar = g_list_model_get_item (model, i);
      g_autofree char *field = g_strconcat ("pillar:", lineup_pillar_get_name (pillar), NULL);
      g_autofree char *target = format_percent (lineup_pillar_get_target (pillar));
      g_autofree char *value = g_strdup_printf ("%s %s %u", lineup_pillar_get_color (pillar), target, i);

      lineup_share_record_set (record, field, value);
    }

  model = lineup_store_get_content_types (self);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LineupContentType) type = g_list_model_get_item (model, i);
      g_autofree char *field = g_strconcat ("type:", lineup_content_type_get_name (type), NULL);
      g_autofree char *min = format_percent (lineup_content_type_get_target_min (type));
      g_autofree char *max = format_percent (lineup_content_type_get_target_max (type));
      g_autofree char *value = g_strdup_printf ("%s %s %u", min, max, i);

      lineup_share_record_set (record, field, value);
    }

  model = lineup_store_get_campaigns (self);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LineupCampaign) campaign = g_list_model_get_item (model, i);
      g_autofree char *field = g_strconcat ("campaign:", lineup_campaign_get_name (campaign), NULL);
      g_autofree char *value = g_strdup_printf ("%s %s %s", lineup_campaign_get_color (campaign),
                                                lineup_campaign_get_starts_on (campaign),
                                                lineup_campaign_get_ends_on (campaign));

      lineup_share_record_set (record, field, value);
    }

  checklist = lineup_store_get_checklist (self);
  for (guint i = 0; i < checklist->len; i++)
    {
      LineupChecklistItem *item = g_ptr_array_index (checklist, i);
      g_autofree char *field = g_strconcat ("check-item:", item->text, NULL);
      g_autofree char *value = g_strdup_printf ("%u", i);

      lineup_share_record_set (record, field, value);
    }

  snippets = lineup_store_get_snippets (self, -1);
  for (guint i = 0; i < snippets->len; i++)
    {
      LineupSnippet *snippet = g_ptr_array_index (snippets, i);
      LineupContentType *type = snippet->type_id ? lineup_store_get_content_type (self, snippet->type_id) : NULL;
      g_autofree char *field = g_strconcat ("snippet:", snippet->name, NULL);
      g_autofree char *value = g_strdup_printf ("%s\n%s\n%s", lineup_snippet_kind_to_key (snippet->kind),
                                                type ? lineup_content_type_get_name (type) : "",
                                                snippet->text);

      lineup_share_record_set (record, field, value);
    }

  read_slots (self, record);
  _lineup_store_series_read_fields (self, record);
  _lineup_store_utm_read_fields (self, record);
  _lineup_store_weights_read_fields (self, record);
  return record;
}

/* One pillar, type, campaign or checklist item of a plan record. */
typedef struct {
  char   *name;
  char   *color;
  double  a, b;        /* target; or min, max */
  char   *starts_on;   /* NULL: keep the campaign's (or today) */
  char   *ends_on;
  gint64  position;
} PlanItem;

static void
plan_item_free (PlanItem *item)
{
  g_free (item->name);
  g_free (item->color);
  g_free (item->starts_on);
  g_free (item->ends_on);
  g_free (item);
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const PlanItem *x = *(PlanItem * const *) a, *y = *(PlanItem * const *) b;

  if (x->position != y->position)
    return x->position < y->position ? -1 : 1;
  return strcmp (x->name, y->name);
}

/* The items of @prefix, checked, by position. @kind: 'p'illar, 't'ype,
 * 'c'ampaign, 'i'tem of the checklist. */
static GPtrArray *
parse_items (const LineupShareRecord  *record,
             const char               *prefix,
             char                      kind,
             GError                  **error)
{
  g_auto(GStrv) fields = lineup_share_record_list_prefixed (record, prefix);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) plan_item_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *expected = kind == 'p' ? _("“#RRGGBB TARGET POSITION” (TARGET - for none)")
                       : kind == 't' ? _("“MIN MAX POSITION” (- for none)")
                       : kind == 'c' ? _("“#RRGGBB STARTS ENDS” with dates as YYYY-MM-DD")
                       : _("a position, 0 or more");

  for (guint i = 0; fields[i]; i++)
    {
      const char *name = fields[i] + strlen (prefix);
      const char *value = lineup_share_record_get (record, fields[i]);
      g_auto(GStrv) parts = g_strsplit (value, " ", -1);
      PlanItem *item = g_new0 (PlanItem, 1);
      gboolean ok;

      g_ptr_array_add (items, item);
      item->name = g_strstrip (g_strdup (name));
      if (kind == 'i')
        {
          if (*item->name == '\0' || g_utf8_strlen (item->name, -1) > 300 ||
              !_lineup_store_check_one_line (_("The checklist item"), item->name, error))
            return plan_error (error, fields[i], _("the item’s text, 1 to 300 characters on one line")), NULL;
        }
      else if (!_lineup_store_check_name (_("The name"), name, error))
        return plan_error (error, fields[i], NULL), NULL;
      if (!g_hash_table_add (seen, g_utf8_casefold (item->name, -1)))
        return plan_error (error, fields[i], _("each name once (case aside)")), NULL;

      if (kind == 'i')
        ok = _lineup_share_parse_int (value, 0, G_MAXINT32, &item->position);
      else if (g_strv_length (parts) != 3)
        ok = FALSE;
      else if (kind == 'p')
        ok = lineup_color_is_valid (parts[0]) && parse_percent (parts[1], &item->a) &&
             _lineup_share_parse_int (parts[2], 0, G_MAXINT32, &item->position);
      else if (kind == 't')
        ok = parse_percent (parts[0], &item->a) && parse_percent (parts[1], &item->b) &&
             (item->a < 0 || item->b < 0 || item->a <= item->b) &&
             _lineup_share_parse_int (parts[2], 0, G_MAXINT32, &item->position);
      else
        ok = lineup_color_is_valid (parts[0]) &&
             ((g_str_equal (parts[1], "-") && g_str_equal (parts[2], "-")) ||
              (lineup_parse_date (parts[1], NULL) && lineup_parse_date (parts[2], NULL) &&
               strcmp (parts[1], parts[2]) <= 0));
      if (!ok)
        return plan_error (error, fields[i], expected), NULL;
      if (kind == 'p' || kind == 'c')
        item->color = g_strdup (parts[0]);
      if (kind == 'c' && !g_str_equal (parts[1], "-"))
        {
          item->starts_on = g_strdup (parts[1]);
          item->ends_on = g_strdup (parts[2]);
        }
    }
  g_ptr_array_sort (items, compare_items);
  return g_steal_pointer (&items);
}

static PlanItem *
take_item (GPtrArray  *items,
           const char *name,
           gboolean    exact)
{
  g_autofree char *wanted = exact ? NULL : g_utf8_casefold (name, -1);

  for (guint i = 0; i < items->len; i++)
    {
      PlanItem *item = g_ptr_array_index (items, i);
      g_autofree char *have = NULL;

      if (item->name == NULL)
        continue;
      if (exact ? g_str_equal (item->name, name)
                : g_str_equal ((have = g_utf8_casefold (item->name, -1)), wanted))
        return item;
    }
  return NULL;
}

static gboolean
step_sql (LineupStore  *self,
          const char   *sql,
          const char   *types,
          GError      **error,
          ...)
{
  sqlite3_stmt *stmt = _lineup_store_prepare (self, sql, error);
  va_list args;

  if (stmt == NULL)
    return FALSE;
  va_start (args, error);
  for (int i = 0; types[i]; i++)
    switch (types[i])
      {
      case 's': _lineup_store_bind_text_or_null (stmt, i + 1, va_arg (args, const char *)); break;
      case 'i': sqlite3_bind_int64 (stmt, i + 1, va_arg (args, gint64)); break;
      case 'd': bind_percent (stmt, i + 1, va_arg (args, double)); break;
      default: g_assert_not_reached ();
      }
  va_end (args);
  return _lineup_store_step_done (self, stmt, _("save the plan’s settings from the shared plan"), error);
}

static gboolean
is_used (LineupStore *self,
         const char  *sql,
         gint64       id)
{
  sqlite3_stmt *stmt = _lineup_store_prepare (self, sql, NULL);
  gboolean used = TRUE;

  if (stmt == NULL)
    return TRUE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    used = sqlite3_column_int (stmt, 0) != 0;
  _lineup_store_finish (stmt);
  return used;
}

/* Makes the pillars what @items say. A pillar the record lacks that a post
 * still uses (a deleted one too: undo may bring it back) stays, after the
 * others, so that no post loses its pillar to a removal on another copy;
 * the same goes for types and campaigns. */
static gboolean
write_pillars (LineupStore  *self,
               GPtrArray    *items,
               GError      **error)
{
  GListModel *model = lineup_store_get_pillars (self);
  guint n = g_list_model_get_n_items (model);
  gint64 next = items->len;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LineupPillar) pillar = g_list_model_get_item (model, i);
      gint64 id = lineup_pillar_get_id (pillar);
      PlanItem *item = take_item (items, lineup_pillar_get_name (pillar), FALSE);
      gboolean ok;

      if (item)
        {
          ok = step_sql (self, "UPDATE pillars SET name = ?, color = ?, target = ?, position = ? WHERE id = ?",
                         "ssdii", error, item->name, item->color, item->a, item->position, id);
          g_clear_pointer (&item->name, g_free);
        }
      else if (is_used (self, "SELECT EXISTS (SELECT 1 FROM posts WHERE pillar_id = ?)", id))
        ok = step_sql (self, "UPDATE pillars SET position = ? WHERE id = ?", "ii", error, next++, id);
      else
        ok = step_sql (self, "DELETE FROM pillars WHERE id = ?", "i", error, id);
      if (!ok)
        return FALSE;
    }
  for (guint i = 0; i < items->len; i++)
    {
      PlanItem *item = g_ptr_array_index (items, i);

      if (item->name &&
          !step_sql (self, "INSERT INTO pillars (name, color, target, position) VALUES (?, ?, ?, ?)",
                     "ssdi", error, item->name, item->color, item->a, item->position))
        return FALSE;
    }
  return _lineup_store_load_pillars (self, error);
}

static gboolean
write_types (LineupStore  *self,
             GPtrArray    *items,
             GError      **error)
{
  GListModel *model = lineup_store_get_content_types (self);
  guint n = g_list_model_get_n_items (model);
  gint64 next = items->len;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LineupContentType) type = g_list_model_get_item (model, i);
      gint64 id = lineup_content_type_get_id (type);
      PlanItem *item = take_item (items, lineup_content_type_get_name (type), FALSE);
      gboolean ok;

      if (item)
        {
          ok = step_sql (self, "UPDATE content_types SET name = ?, target_min = ?, target_max = ?, position = ? WHERE id = ?",
                         "sddii", error, item->name, item->a, item->b, item->position, id);
          g_clear_pointer (&item->name, g_free);
        }
      else if (is_used (self, "SELECT EXISTS (SELECT 1 FROM posts WHERE type_id = ?)", id))
        ok = step_sql (self, "UPDATE content_types SET position = ? WHERE id = ?", "ii", error, next++, id);
      else
        ok = step_sql (self, "DELETE FROM content_types WHERE id = ?", "i", error, id);
      if (!ok)
        return FALSE;
    }
  for (guint i = 0; i < items->len; i++)
    {
      PlanItem *item = g_ptr_array_index (items, i);

      if (item->name &&
          !step_sql (self, "INSERT INTO content_types (name, target_min, target_max, position) VALUES (?, ?, ?, ?)",
                     "sddi", error, item->name, item->a, item->b, item->position))
        return FALSE;
    }
  return _lineup_store_load_types (self, error);
}

static gboolean
write_campaigns (LineupStore  *self,
                 GPtrArray    *items,
                 GError      **error)
{
  GListModel *model = lineup_store_get_campaigns (self);
  guint n = g_list_model_get_n_items (model);
  char today[16];
  GDate day;

  lineup_store_get_today (self, &day);
  g_date_strftime (today, sizeof today, "%Y-%m-%d", &day);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LineupCampaign) campaign = g_list_model_get_item (model, i);
      gint64 id = lineup_campaign_get_id (campaign);
      PlanItem *item = take_item (items, lineup_campaign_get_name (campaign), FALSE);
      gboolean ok = TRUE;

      if (item)
        {
          ok = step_sql (self, "UPDATE campaigns SET name = ?, color = ?, starts_on = ?, ends_on = ? WHERE id = ?",
                         "ssssi", error, item->name, item->color,
                         item->starts_on ? item->starts_on : lineup_campaign_get_starts_on (campaign),
                         item->ends_on ? item->ends_on : lineup_campaign_get_ends_on (campaign), id);
          g_clear_pointer (&item->name, g_free);
        }
      else if (!is_used (self, "SELECT EXISTS (SELECT 1 FROM posts WHERE campaign_id = ?)", id))
        ok = step_sql (self, "DELETE FROM campaigns WHERE id = ?", "i", error, id);
      if (!ok)
        return FALSE;
    }
  for (guint i = 0; i < items->len; i++)
    {
      PlanItem *item = g_ptr_array_index (items, i);

      if (item->name &&
          !step_sql (self, "INSERT INTO campaigns (name, color, starts_on, ends_on) VALUES (?, ?, ?, ?)",
                     "ssss", error, item->name, item->color,
                     item->starts_on ? item->starts_on : today, item->ends_on ? item->ends_on : today))
        return FALSE;
    }
  return _lineup_store_load_campaigns (self, error);
}

/* Items are matched by their exact text; one the record lacks goes, with
 * its ticks on every post. */
static gboolean
write_checklist (LineupStore  *self,
                 GPtrArray    *items,
                 GError      **error)
{
  g_autoptr(GPtrArray) checklist = lineup_store_get_checklist (self);

  for (guint i = 0; i < checklist->len; i++)
    {
      LineupChecklistItem *existing = g_ptr_array_index (checklist, i);
      PlanItem *item = take_item (items, existing->text, TRUE);
      gboolean ok;

      if (item)
        {
          ok = step_sql (self, "UPDATE checklist SET position = ? WHERE id = ?", "ii", error,
                         item->position, existing->id);
          g_clear_pointer (&item->name, g_free);
        }
      else
        ok = step_sql (self, "DELETE FROM checklist WHERE id = ?", "i", error, existing->id);
      if (!ok)
        return FALSE;
    }
  for (guint i = 0; i < items->len; i++)
    {
      PlanItem *item = g_ptr_array_index (items, i);

      if (item->name &&
          !step_sql (self, "INSERT INTO checklist (text, position) VALUES (?, ?)", "si", error,
                     item->name, item->position))
        return FALSE;
    }
  return TRUE;
}

/* The snippets of a plan record: "snippet:NAME" = "KIND\nTYPE\nTEXT", TYPE
 * empty for any type (docs/sharing.md §4). Checked whole; a name twice (a
 * case apart, added on two copies) keeps the first. The type is a content
 * type's name, resolved when written (after the types). */
typedef struct {
  char              *name;
  LineupSnippetKind  kind;
  char              *type;
  char              *text;
} SnippetItem;

static void
snippet_item_free (SnippetItem *item)
{
  g_free (item->name);
  g_free (item->type);
  g_free (item->text);
  g_free (item);
}

static GPtrArray *
parse_snippets (const LineupShareRecord  *record,
                GError                  **error)
{
  g_auto(GStrv) fields = lineup_share_record_list_prefixed (record, "snippet:");
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) snippet_item_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; fields[i]; i++)
    {
      const char *name = fields[i] + strlen ("snippet:");
      const char *value = lineup_share_record_get (record, fields[i]);
      g_auto(GStrv) parts = g_strsplit (value, "\n", 3);
      g_autofree char *text = NULL;
      g_autofree char *trimmed = NULL;
      SnippetItem *item;
      LineupSnippetKind kind;

      if (!_lineup_store_check_name (_("The snippet’s name"), name, error) ||
          !_lineup_store_check_text (_("The snippet’s name"), name, LINEUP_SNIPPET_NAME_MAX_CHARS, error))
        return plan_error (error, fields[i], NULL), NULL;
      if (g_strv_length (parts) != 3 || !lineup_snippet_kind_from_key (parts[0], &kind) ||
          !g_utf8_validate (parts[1], -1, NULL) || !g_utf8_validate (parts[2], -1, NULL) ||
          *(text = g_strstrip (g_strdup (parts[2]))) == '\0' ||
          g_utf8_strlen (text, -1) > LINEUP_SNIPPET_TEXT_MAX_CHARS)
        return plan_error (error, fields[i],
                           _("“KIND”, a line break, the content type’s name (empty for any), a line break and the text (1 to 2,000 characters)")), NULL;
      trimmed = g_strstrip (g_strdup (name));
      if (!g_hash_table_add (seen, g_utf8_casefold (trimmed, -1)))
        continue;
      item = g_new0 (SnippetItem, 1);
      item->name = g_steal_pointer (&trimmed);
      item->kind = kind;
      item->type = kind == LINEUP_SNIPPET_TEMPLATE && *parts[1] ? g_strdup (parts[1]) : NULL;
      item->text = g_steal_pointer (&text);
      g_ptr_array_add (items, item);
    }
  return g_steal_pointer (&items);
}

/* Makes the snippets what @items say: the same name (any case) changes in
 * place, one the record lacks goes. */
static gboolean
write_snippets (LineupStore  *self,
                GPtrArray    *items,
                GError      **error)
{
  static const char * const kinds[] = { "hashtags", "signoff", "template" };
  g_autoptr(GPtrArray) snippets = lineup_store_get_snippets (self, -1);

  for (guint i = 0; i < snippets->len; i++)
    {
      LineupSnippet *snippet = g_ptr_array_index (snippets, i);
      g_autofree char *have = g_utf8_casefold (snippet->name, -1);
      gboolean kept = FALSE;

      for (guint j = 0; j < items->len && !kept; j++)
        {
          g_autofree char *wanted = g_utf8_casefold (((SnippetItem *) g_ptr_array_index (items, j))->name, -1);
          kept = g_str_equal (have, wanted);
        }
      if (!kept && !step_sql (self, "DELETE FROM snippets WHERE id = ?", "i", error, snippet->id))
        return FALSE;
    }
  for (guint i = 0; i < items->len; i++)
    {
      SnippetItem *item = g_ptr_array_index (items, i);
      LineupContentType *type = item->type ? lineup_store_find_content_type (self, item->type) : NULL;

      if (!step_sql (self,
                     "INSERT INTO snippets (name, kind, type_id, text) VALUES (?1, ?2, nullif(?3, 0), ?4) "
                     "ON CONFLICT (name) DO UPDATE SET name = ?1, kind = ?2, type_id = nullif(?3, 0), text = ?4",
                     "ssis", error, item->name, kinds[item->kind],
                     (gint64) (type ? lineup_content_type_get_id (type) : 0), item->text))
        return FALSE;
    }
  return TRUE;
}

/* The series of a plan record ("series:UID"), checked whole. */
static gboolean
check_series (const LineupShareRecord  *record,
              GError                  **error)
{
  g_autofree char *bad = NULL;

  if (_lineup_store_series_check_fields (record, &bad))
    return TRUE;
  return plan_error (error, bad, _("a repeat rule such as FREQ=WEEKLY;INTERVAL=1;BYDAY=MO;DTSTART=20270104T0900"));
}

/* The UTM settings of a plan record ("utm:…"), checked whole. */
static gboolean
check_utm (const LineupShareRecord  *record,
           GError                  **error)
{
  g_autofree char *bad = NULL;

  if (_lineup_store_utm_check_fields (record, &bad))
    return TRUE;
  return plan_error (error, bad, _("a UTM value such as “social”, “0” or “1”, or domains such as “example.org”"));
}

/* The engagement weights of a plan record ("results:weights"). */
static gboolean
check_weights (const LineupShareRecord  *record,
               GError                  **error)
{
  g_autofree char *bad = NULL;

  if (_lineup_store_weights_check_fields (record, &bad))
    return TRUE;
  return plan_error (error, bad, _("weights such as “likes=1 clicks=2 replies=3 reposts=3 quotes=3 saves=3”"));
}

/* Removes the items of @model the record has no field @prefix NAME for
 * and no post row names (@used_sql). */
static gboolean
prune_section (LineupStore              *self,
               const LineupShareRecord  *record,
               GListModel               *model,
               const char              *(*get_name) (gpointer),
               gint64                   (*get_id) (gpointer),
               const char               *prefix,
               const char               *used_sql,
               const char               *delete_sql,
               gboolean                 *out_changed,
               GError                  **error)
{
  g_autoptr(GArray) gone = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      g_autofree char *field = g_strconcat (prefix, get_name (item), NULL);
      gint64 id = get_id (item);

      if (lineup_share_record_get (record, field) == NULL && !is_used (self, used_sql, id))
        g_array_append_val (gone, id);
    }
  for (guint i = 0; i < gone->len; i++)
    if (!step_sql (self, delete_sql, "i", error, g_array_index (gone, gint64, i)))
      return FALSE;
  *out_changed = gone->len > 0;
  return TRUE;
}

gboolean
lineup_store_share_prune_plan (LineupStore              *self,
                               const LineupShareRecord  *record,
                               GError                  **error)
{
  gboolean pillars = FALSE, types = FALSE, campaigns = FALSE;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  if (!_lineup_store_begin_operation (self, NULL, error))
    return FALSE;
  _lineup_store_mark_remote (self);
  if (!prune_section (self, record, lineup_store_get_pillars (self), (gpointer) lineup_pillar_get_name,
                      (gpointer) lineup_pillar_get_id, "pillar:",
                      "SELECT EXISTS (SELECT 1 FROM posts WHERE pillar_id = ?)",
                      "DELETE FROM pillars WHERE id = ?", &pillars, error) ||
      !prune_section (self, record, lineup_store_get_content_types (self), (gpointer) lineup_content_type_get_name,
                      (gpointer) lineup_content_type_get_id, "type:",
                      "SELECT EXISTS (SELECT 1 FROM posts WHERE type_id = ?)",
                      "DELETE FROM content_types WHERE id = ?", &types, error) ||
      !prune_section (self, record, lineup_store_get_campaigns (self), (gpointer) lineup_campaign_get_name,
                      (gpointer) lineup_campaign_get_id, "campaign:",
                      "SELECT EXISTS (SELECT 1 FROM posts WHERE campaign_id = ?)",
                      "DELETE FROM campaigns WHERE id = ?", &campaigns, error))
    return _lineup_store_end_operation (self, FALSE, NULL);
  if ((pillars && !_lineup_store_load_pillars (self, error)) ||
      (types && !_lineup_store_load_types (self, error)) ||
      (campaigns && !_lineup_store_load_campaigns (self, error)))
    return _lineup_store_end_operation (self, FALSE, NULL);
  if (pillars)
    _lineup_store_queue_signal (self, PENDING_PILLARS, NULL, NULL);
  if (types)
    _lineup_store_queue_signal (self, PENDING_TYPES, NULL, NULL);
  if (campaigns)
    _lineup_store_queue_signal (self, PENDING_CAMPAIGNS, NULL, NULL);
  return _lineup_store_end_operation (self, TRUE, error);
}

gboolean
lineup_store_share_apply_plan (LineupStore              *self,
                               const LineupShareRecord  *record,
                               GError                  **error)
{
  g_autoptr(LineupShareRecord) before = NULL;
  g_autoptr(LineupShareRecord) after = NULL;
  g_autoptr(GPtrArray) pillars = NULL, types = NULL, campaigns = NULL, items = NULL, snippets = NULL;
  g_autoptr(GArray) slots = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autofree char *old_zone = NULL;
  const char *zone_id = lineup_share_record_get (record, "zone");
  const char *value;
  gint64 default_time = -1;
  int old_default_time;
  gint64 mix = -1;
  gboolean snippets_changed, slots_changed;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  /* Check everything before writing anything. */
  if (zone_id && (!g_utf8_validate (zone_id, -1, NULL) || (zone = g_time_zone_new_identifier (zone_id)) == NULL))
    return plan_error (error, "zone", _("an IANA time zone such as Europe/Warsaw"));
  if ((value = lineup_share_record_get (record, "default-time")) &&
      !_lineup_share_parse_int (value, 0, 24 * 60 - 1, &default_time))
    return plan_error (error, "default-time", _("minutes after midnight, 0 to 1439"));
  if ((value = lineup_share_record_get (record, "mix-stages")))
    {
      g_auto(GStrv) keys = g_strsplit (value, ",", -1);

      mix = 0;
      for (guint i = 0; keys[i]; i++)
        {
          LineupStage stage;

          if (*keys[i] == '\0')
            continue;
          if (!_lineup_share_stage_from_key (keys[i], &stage))
            return plan_error (error, "mix-stages", lineup_stage_list_keys ());
          mix |= 1u << stage;
        }
    }
  if ((pillars = parse_items (record, "pillar:", 'p', error)) == NULL ||
      (types = parse_items (record, "type:", 't', error)) == NULL ||
      (campaigns = parse_items (record, "campaign:", 'c', error)) == NULL ||
      (items = parse_items (record, "check-item:", 'i', error)) == NULL ||
      (snippets = parse_snippets (record, error)) == NULL ||
      (slots = parse_slots (record, error)) == NULL ||
      !check_series (record, error) ||
      !check_utm (record, error) ||
      !check_weights (record, error))
    return FALSE;

  before = lineup_store_share_read_plan (self);
  if (!_lineup_store_begin_operation (self, NULL, error))
    return FALSE;
  _lineup_store_mark_remote (self);

  if ((section_differs (before, record, "pillar:") && !write_pillars (self, pillars, error)) ||
      (section_differs (before, record, "type:") && !write_types (self, types, error)) ||
      (section_differs (before, record, "campaign:") && !write_campaigns (self, campaigns, error)) ||
      (section_differs (before, record, "check-item:") && !write_checklist (self, items, error)) ||
      (section_differs (before, record, "snippet:") && !write_snippets (self, snippets, error)) ||
      (section_differs (before, record, "slots:") && !write_slots (self, slots, error)) ||
      (section_differs (before, record, "series:") && !_lineup_store_series_write_fields (self, record, error)) ||
      (section_differs (before, record, "utm:") && !_lineup_store_utm_write_fields (self, record, error)) ||
      (section_differs (before, record, "results:") && !_lineup_store_weights_write_fields (self, record, error)))
    return _lineup_store_end_operation (self, FALSE, NULL);

  /* Announced is what changed: a pillar kept for its posts is no news. */
  after = lineup_store_share_read_plan (self);
  if (section_differs (before, after, "pillar:"))
    _lineup_store_queue_signal (self, PENDING_PILLARS, NULL, NULL);
  if (section_differs (before, after, "type:"))
    _lineup_store_queue_signal (self, PENDING_TYPES, NULL, NULL);
  if (section_differs (before, after, "campaign:"))
    _lineup_store_queue_signal (self, PENDING_CAMPAIGNS, NULL, NULL);
  if (section_differs (before, after, "check-item:"))
    _lineup_store_queue_signal (self, PENDING_PLAN, NULL, NULL);
  /* Undoing a snippet's step could bring back one another copy removed. */
  if ((snippets_changed = section_differs (before, after, "snippet:")))
    _lineup_store_queue_signal (self, PENDING_PLAN, NULL, NULL);
  if ((slots_changed = section_differs (before, after, "slots:")))
    _lineup_store_queue_signal (self, PENDING_PLAN, NULL, NULL);
  if (section_differs (before, after, "series:"))
    {
      snippets_changed = TRUE;   /* the catalog's undo steps go, as for snippets */
      _lineup_store_queue_signal (self, PENDING_PLAN, NULL, NULL);
    }
  if (section_differs (before, after, "utm:") || section_differs (before, after, "results:"))
    {
      snippets_changed = TRUE;   /* a campaign's utm_campaign is in the catalog's undo steps */
      _lineup_store_queue_signal (self, PENDING_PLAN, NULL, NULL);
    }
  if (mix >= 0 && (guint) mix != lineup_store_get_mix_stages (self))
    {
      g_autofree char *text = g_strdup_printf ("%u", (guint) mix);

      if (!_lineup_store_write_meta (self, "mix_stages", text, error))
        return _lineup_store_end_operation (self, FALSE, NULL);
      _lineup_store_queue_signal (self, PENDING_PLAN, NULL, NULL);
    }
  if (default_time >= 0 && default_time != lineup_store_get_default_time (self))
    {
      g_autofree char *text = g_strdup_printf ("%d", (int) default_time);

      if (!_lineup_store_write_meta (self, "default_time", text, error))
        return _lineup_store_end_operation (self, FALSE, NULL);
      _lineup_store_queue_signal (self, PENDING_PLAN, NULL, NULL);
    }
  if (zone_id && g_strcmp0 (zone_id, lineup_store_get_time_zone_id (self)) != 0)
    {
      if (!_lineup_store_write_meta (self, "time_zone", zone_id, error))
        return _lineup_store_end_operation (self, FALSE, NULL);
      _lineup_store_queue_signal (self, PENDING_PLAN, NULL, NULL);
    }

  /* The store holds the new zone and time before the signals go out, so
   * that what redraws on them reads the new ones (as set_time_zone does). */
  old_zone = g_strdup (lineup_store_get_time_zone_id (self));
  old_default_time = self->default_time;
  if (zone_id)
    _lineup_store_apply_time_zone (self, zone_id);
  if (default_time >= 0)
    self->default_time = default_time;
  if (!_lineup_store_end_operation (self, TRUE, error))
    {
      _lineup_store_apply_time_zone (self, old_zone);
      self->default_time = old_default_time;
      return FALSE;
    }
  if (snippets_changed || slots_changed)
    _lineup_store_drop_catalog_steps (self);
  return TRUE;
}

/* ---- the team ---- */

LineupShareRecord *
lineup_store_share_read_team (LineupStore *self)
{
  LineupShareRecord *record;
  g_autoptr(GPtrArray) team = NULL;
  g_autoptr(GPtrArray) chain = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);

  record = lineup_share_record_new (LINEUP_SHARE_TEAM, LINEUP_SHARE_TEAM_UID);
  team = lineup_store_get_team (self);
  for (guint i = 0; i < team->len; i++)
    {
      LineupMember *member = g_ptr_array_index (team, i);
      g_autofree char *field = g_strconcat ("member:", member->name, NULL);
      g_autofree char *value = g_strdup_printf ("%s %s", lineup_role_to_key (member->role),
                                                member->display_name ? member->display_name : member->name);

      lineup_share_record_set (record, field, value);
    }
  chain = lineup_store_get_approval_chain (self);
  for (guint i = 0; i < chain->len; i++)
    {
      LineupApprovalStep *step = g_ptr_array_index (chain, i);
      g_autofree char *field = g_strdup_printf ("step:%u", i);
      g_autoptr(GString) value = g_string_new (step->all ? "all " : "any ");

      g_string_append (value, step->name);
      for (guint k = 0; step->approvers[k]; k++)
        g_string_append_printf (value, "|%s", step->approvers[k]);
      lineup_share_record_set (record, field, value->str);
    }
  if (lineup_store_get_forbid_self_approval (self))
    lineup_share_record_set (record, "forbid-self-approval", "1");
  return record;
}

typedef struct {
  gint64   n;
  gboolean all;
  GStrv    parts;   /* the name, then the logins */
} TeamStep;

static void
team_step_clear (TeamStep *step)
{
  g_strfreev (step->parts);
}

static int
compare_steps (gconstpointer a,
               gconstpointer b)
{
  gint64 x = ((const TeamStep *) a)->n, y = ((const TeamStep *) b)->n;

  return x < y ? -1 : x > y;
}

/* @members: casefolded login → the login as the record writes it. */
static GArray *
parse_steps (const LineupShareRecord  *record,
             GHashTable               *members,
             GError                  **error)
{
  g_auto(GStrv) fields = lineup_share_record_list_prefixed (record, "step:");
  g_autoptr(GArray) steps = g_array_new (FALSE, TRUE, sizeof (TeamStep));

  g_array_set_clear_func (steps, (GDestroyNotify) team_step_clear);
  for (guint i = 0; fields[i]; i++)
    {
      const char *value = lineup_share_record_get (record, fields[i]);
      TeamStep step = { 0, };

      if (!_lineup_share_parse_int (fields[i] + strlen ("step:"), 0, 1000, &step.n) ||
          !(g_str_has_prefix (value, "any ") || g_str_has_prefix (value, "all ")))
        return team_error (error, fields[i], _("“any|all NAME|LOGIN…”, N from 0")), NULL;
      step.all = g_str_has_prefix (value, "all ");
      step.parts = g_strsplit (value + 4, "|", -1);
      g_array_append_val (steps, step);
      if (!_lineup_store_check_name (_("The step’s name"), step.parts[0], error))
        return team_error (error, fields[i], NULL), NULL;
      if (step.parts[1] == NULL)
        return team_error (error, fields[i], _("at least one approver after the step’s name")), NULL;
      for (guint k = 1; step.parts[k]; k++)
        {
          g_autofree char *folded = g_utf8_casefold (step.parts[k], -1);
          const char *login = g_hash_table_lookup (members, folded);

          if (login == NULL)
            return team_error (error, fields[i], _("approvers who are members of the team")), NULL;
          g_free (step.parts[k]);
          step.parts[k] = g_strdup (login);
        }
    }
  g_array_sort (steps, compare_steps);
  return g_steal_pointer (&steps);
}

gboolean
lineup_store_share_apply_team (LineupStore              *self,
                               const LineupShareRecord  *record,
                               GError                  **error)
{
  static const char member_sql[] =
    "INSERT INTO team (name, role, position, display_name) "
    "VALUES (?1, ?2, (SELECT coalesce (max(position), -1) + 1 FROM team), ?3) "
    "ON CONFLICT (name) DO UPDATE SET name = ?1, role = ?2, display_name = ?3";
  g_auto(GStrv) fields = NULL;
  g_autoptr(GHashTable) members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) steps = NULL;
  g_autoptr(GPtrArray) team = NULL;
  g_autoptr(LineupShareRecord) before = NULL;
  const char *forbid;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  /* Check everything before writing anything. */
  fields = lineup_share_record_list_prefixed (record, "member:");
  for (guint i = 0; fields[i]; i++)
    {
      const char *login = fields[i] + strlen ("member:");
      const char *value = lineup_share_record_get (record, fields[i]);
      const char *space = strchr (value, ' ');
      g_autofree char *role_key = space ? g_strndup (value, space - value) : g_strdup (value);
      gboolean known = FALSE;

      if (!_lineup_store_check_name (_("The login"), login, error))
        return team_error (error, fields[i], NULL);
      for (guint r = 0; r < LINEUP_N_ROLES; r++)
        known |= g_str_equal (role_key, lineup_role_to_key (r));
      if (!known)
        return team_error (error, fields[i], _("“ROLE DISPLAY-NAME” with a role of lead, editor or approver"));
      if (space && space[1] && !_lineup_store_check_name (_("The display name"), space + 1, error))
        return team_error (error, fields[i], NULL);
      if (!g_hash_table_insert (members, g_utf8_casefold (login, -1), (gpointer) login))
        return team_error (error, fields[i], _("each login once (case aside)"));
    }
  if ((steps = parse_steps (record, members, error)) == NULL)
    return FALSE;
  forbid = lineup_share_record_get (record, "forbid-self-approval");
  if (forbid && !g_str_equal (forbid, "1"))
    return team_error (error, "forbid-self-approval", _("“1” or no field"));

  before = lineup_store_share_read_team (self);
  if (section_differs (before, record, ""))
    {
      if (!_lineup_store_begin_operation (self, NULL, error))
        return FALSE;
      _lineup_store_mark_remote (self);
      if (!_lineup_store_exec_sql (self, "DELETE FROM approval_step_members; DELETE FROM approval_steps", error))
        return _lineup_store_end_operation (self, FALSE, NULL);

      team = lineup_store_get_team (self);
      for (guint i = 0; i < team->len; i++)
        {
          LineupMember *member = g_ptr_array_index (team, i);
          g_autofree char *folded = g_utf8_casefold (member->name, -1);

          if (!g_hash_table_contains (members, folded) &&
              !step_sql (self, "DELETE FROM team WHERE name = ?", "s", error, member->name))
            return _lineup_store_end_operation (self, FALSE, NULL);
        }
      for (guint i = 0; fields[i]; i++)
        {
          const char *login = fields[i] + strlen ("member:");
          const char *value = lineup_share_record_get (record, fields[i]);
          const char *space = strchr (value, ' ');
          g_autofree char *role_key = space ? g_strndup (value, space - value) : g_strdup (value);
          g_autofree char *display = space ? g_strstrip (g_strdup (space + 1)) : NULL;

          /* A display name that is the login is none. */
          if (display && (*display == '\0' || g_str_equal (display, login)))
            g_clear_pointer (&display, g_free);
          if (!step_sql (self, member_sql, "sss", error, login, role_key, display))
            return _lineup_store_end_operation (self, FALSE, NULL);
        }
      for (guint i = 0; i < steps->len; i++)
        {
          TeamStep *step = &g_array_index (steps, TeamStep, i);
          g_autofree char *name = g_strstrip (g_strdup (step->parts[0]));

          if (!step_sql (self, "INSERT INTO approval_steps (position, name, mode) VALUES (?, ?, ?)", "iss", error,
                         (gint64) i, name, step->all ? "all" : "any"))
            return _lineup_store_end_operation (self, FALSE, NULL);
          for (guint k = 1; step->parts[k]; k++)
            if (!step_sql (self, "INSERT OR IGNORE INTO approval_step_members (step, member) VALUES (?, ?)", "is",
                           error, (gint64) i, step->parts[k]))
              return _lineup_store_end_operation (self, FALSE, NULL);
        }
      if (!_lineup_store_write_meta (self, "forbid_self_approval", forbid ? "1" : "0", error))
        return _lineup_store_end_operation (self, FALSE, NULL);
      _lineup_store_queue_signal (self, PENDING_PLAN, NULL, NULL);
      return _lineup_store_end_operation (self, TRUE, error);
    }
  return TRUE;
}
