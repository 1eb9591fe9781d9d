/* lineup-share-merge.c: the three-way merge of two versions of a record,
 * and the resolution of its conflicts (docs/sharing.md §5).
 *
 * Every field on its own, against the version both sides started from.
 * A conflict keeps the server's value in the field and the local one in
 * conflict:FIELD, with conflict-by:FIELD naming who wrote it; an absent
 * local value is kept there as "" (resolving to it removes the field).
 * The bookkeeping fields merge three-way too, so a conflict one side
 * resolved goes, and one the other side found meanwhile stays. No I/O,
 * no iCalendar here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lineup-share-merge.h"
#include "lineup-results.h"

#define CONFLICT    "conflict:"
#define CONFLICT_BY "conflict-by:"

/* The merged value of one field: TRUE when it is a conflict (both sides
 * changed it, to different values; NULL, absent, is a value too). */
static gboolean
merge_value (const char  *base,
             const char  *mine,
             const char  *theirs,
             const char **out_value)
{
  if (g_strcmp0 (mine, theirs) == 0 || g_strcmp0 (base, theirs) == 0)
    *out_value = mine;
  else if (g_strcmp0 (base, mine) == 0)
    *out_value = theirs;
  else
    {
      *out_value = theirs;
      return TRUE;
    }
  return FALSE;
}

/* The FIELD of every field, conflict:FIELD and conflict-by:FIELD of @record. */
static void
collect_fields (const LineupShareRecord *record,
                GHashTable              *names)
{
  g_auto(GStrv) fields = NULL;

  if (record == NULL)
    return;
  fields = lineup_share_record_list_fields (record);
  for (guint i = 0; fields[i]; i++)
    {
      const char *name = fields[i];

      if (g_str_has_prefix (name, CONFLICT))
        name += strlen (CONFLICT);
      else if (g_str_has_prefix (name, CONFLICT_BY))
        name += strlen (CONFLICT_BY);
      g_hash_table_add (names, g_strdup (name));
    }
}

static const char *
get_prefixed (const LineupShareRecord *record,
              const char              *prefix,
              const char              *field)
{
  g_autofree char *name = g_strconcat (prefix, field, NULL);

  return record ? lineup_share_record_get (record, name) : NULL;
}

static void
set_prefixed (LineupShareRecord *record,
              const char        *prefix,
              const char        *field,
              const char        *value)
{
  g_autofree char *name = g_strconcat (prefix, field, NULL);

  lineup_share_record_set (record, name, value);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* "STATE URL MESSAGE": how far a send went. */
static int
publish_rank (const char *value)
{
  if (value == NULL)
    return 0;
  if (g_str_has_prefix (value, "published "))
    return 3;
  if (g_str_has_prefix (value, "synced "))
    return 2;
  return 1;
}

/* Results are what the networks said, never a conflict: per network the
 * newer of the two sides' snapshots (lineup-results.h); NULL when a side's
 * text cannot be read (then the usual merge decides). */
static char *
merge_results (const char *mine,
               const char *theirs)
{
  g_autoptr(GPtrArray) a = lineup_results_parse_field ("", mine ? mine : "", NULL);
  g_autoptr(GPtrArray) b = lineup_results_parse_field ("", theirs ? theirs : "", NULL);

  if (a == NULL || b == NULL)
    return NULL;
  for (guint i = 0; i < b->len; i++)
    {
      LineupResultSnapshot *other = g_ptr_array_index (b, i);
      gboolean found = FALSE;

      for (guint j = 0; j < a->len && !found; j++)
        {
          LineupResultSnapshot *have = g_ptr_array_index (a, j);

          if ((found = g_str_equal (have->network, other->network)) && other->taken_at > have->taken_at)
            {
              g_ptr_array_index (a, j) = lineup_result_snapshot_copy (other);
              lineup_result_snapshot_free (have);
            }
        }
      if (!found)
        g_ptr_array_add (a, lineup_result_snapshot_copy (other));
    }
  return lineup_results_format_field (a);
}

static void
merge_field (const LineupShareRecord *base,
             const LineupShareRecord *mine,
             const LineupShareRecord *theirs,
             const char              *my_login,
             const char              *field,
             LineupShareRecord       *merged,
             GPtrArray               *conflicts)
{
  const char *value, *note, *by;
  const char *mine_value = lineup_share_record_get (mine, field);

  if (merge_value (base ? lineup_share_record_get (base, field) : NULL,
                   mine_value, lineup_share_record_get (theirs, field), &value) &&
      g_str_has_prefix (field, "publish:"))
    {
      /* A publishing state is the network's word, not a person's choice:
       * never a conflict. The further one stands (published, then synced). */
      value = publish_rank (mine_value) > publish_rank (lineup_share_record_get (theirs, field))
              ? mine_value : lineup_share_record_get (theirs, field);
      lineup_share_record_set (merged, field, value);
      return;
    }
  if (g_str_equal (field, "results") &&
      merge_value (base ? lineup_share_record_get (base, field) : NULL,
                   mine_value, lineup_share_record_get (theirs, field), &value))
    {
      g_autofree char *both = merge_results (mine_value, lineup_share_record_get (theirs, field));

      if (both)
        {
          lineup_share_record_set (merged, field, both);
          return;
        }
    }
  if (merge_value (base ? lineup_share_record_get (base, field) : NULL,
                   mine_value, lineup_share_record_get (theirs, field), &value))
    {
      lineup_share_record_set (merged, field, value);
      set_prefixed (merged, CONFLICT, field, mine_value ? mine_value : "");
      set_prefixed (merged, CONFLICT_BY, field, my_login ? my_login : "");
      g_ptr_array_add (conflicts, g_strdup (field));
      return;
    }
  lineup_share_record_set (merged, field, value);

  /* A conflict found before: kept, unless a side resolved it (removed it
   * while the other left it as it was). Both sides found one: theirs. */
  merge_value (get_prefixed (base, CONFLICT, field), get_prefixed (mine, CONFLICT, field),
               get_prefixed (theirs, CONFLICT, field), &note);
  merge_value (get_prefixed (base, CONFLICT_BY, field), get_prefixed (mine, CONFLICT_BY, field),
               get_prefixed (theirs, CONFLICT_BY, field), &by);
  /* Nothing left to choose between when the field came to hold the
   * other value. */
  if (note == NULL || strcmp (note, value ? value : "") == 0)
    note = by = NULL;
  set_prefixed (merged, CONFLICT, field, note);
  set_prefixed (merged, CONFLICT_BY, field, by);
}

LineupShareRecord *
lineup_share_merge (const LineupShareRecord  *base,
                    const LineupShareRecord  *mine,
                    const LineupShareRecord  *theirs,
                    const char               *my_login,
                    GPtrArray               **out_conflicts)
{
  LineupShareRecord *merged;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  GPtrArray *conflicts = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer name;

  g_return_val_if_fail (mine != NULL && theirs != NULL, NULL);
  merged = lineup_share_record_new (lineup_share_record_get_kind (theirs),
                                    lineup_share_record_get_uid (theirs));
  collect_fields (base, names);
  collect_fields (mine, names);
  collect_fields (theirs, names);
  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    g_ptr_array_add (sorted, name);
  g_ptr_array_sort (sorted, compare_names);
  for (guint i = 0; i < sorted->len; i++)
    merge_field (base, mine, theirs, my_login, g_ptr_array_index (sorted, i), merged, conflicts);

  /* A log only grows. */
  for (guint i = 0; i < lineup_share_record_get_log (mine)->len; i++)
    lineup_share_record_add_log (merged, g_ptr_array_index (lineup_share_record_get_log (mine), i));
  for (guint i = 0; i < lineup_share_record_get_log (theirs)->len; i++)
    lineup_share_record_add_log (merged, g_ptr_array_index (lineup_share_record_get_log (theirs), i));

  if (out_conflicts)
    *out_conflicts = conflicts;
  else
    g_ptr_array_unref (conflicts);
  return merged;
}

gboolean
lineup_share_resolve_field (LineupShareRecord *record,
                            const char        *field,
                            const char        *login,
                            gboolean           keep_mine)
{
  g_autofree char *other = NULL;
  const char *by;
  gboolean other_is_mine;

  g_return_val_if_fail (record != NULL && field != NULL, FALSE);
  if (get_prefixed (record, CONFLICT, field) == NULL)
    return FALSE;
  other = g_strdup (get_prefixed (record, CONFLICT, field));
  by = get_prefixed (record, CONFLICT_BY, field);
  /* The conflict's value is "mine" for the login that wrote it; the
   * field's value is everyone else's. */
  other_is_mine = g_strcmp0 (by, login) == 0;
  if (keep_mine == other_is_mine)
    lineup_share_record_set (record, field, *other ? other : NULL);
  set_prefixed (record, CONFLICT, field, NULL);
  set_prefixed (record, CONFLICT_BY, field, NULL);
  return TRUE;
}

GStrv
lineup_share_record_list_conflicts (const LineupShareRecord *record)
{
  g_auto(GStrv) names = lineup_share_record_list_prefixed (record, CONFLICT);
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv result;

  for (guint i = 0; names[i]; i++)
    g_strv_builder_add (builder, names[i] + strlen (CONFLICT));
  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return result;
}
