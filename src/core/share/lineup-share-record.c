/* lineup-share-record.c: a shared plan's resource as fields and a log.
 *
 * Plain data: a sorted-on-demand hash table of fields and a sorted array of
 * log lines. The format of a log line is here too; the iCalendar form is in
 * lineup-share-ical.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lineup-share-record.h"

struct _LineupShareRecord
{
  LineupShareKind  kind;
  char            *uid;
  GHashTable      *fields;   /* name → value */
  GPtrArray       *log;      /* sorted, no duplicates */
};

LineupShareRecord *
lineup_share_record_new (LineupShareKind  kind,
                         const char      *uid)
{
  LineupShareRecord *self = g_new0 (LineupShareRecord, 1);

  g_return_val_if_fail (uid != NULL, NULL);
  self->kind = kind;
  self->uid = g_strdup (uid);
  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->log = g_ptr_array_new_with_free_func (g_free);
  return self;
}

LineupShareRecord *
lineup_share_record_copy (const LineupShareRecord *self)
{
  LineupShareRecord *copy = lineup_share_record_new (self->kind, self->uid);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->fields, g_strdup (key), g_strdup (value));
  for (guint i = 0; i < self->log->len; i++)
    g_ptr_array_add (copy->log, g_strdup (g_ptr_array_index (self->log, i)));
  return copy;
}

void
lineup_share_record_free (LineupShareRecord *self)
{
  if (self == NULL)
    return;
  g_free (self->uid);
  g_hash_table_unref (self->fields);
  g_ptr_array_unref (self->log);
  g_free (self);
}

LineupShareKind
lineup_share_record_get_kind (const LineupShareRecord *self)
{
  return self->kind;
}

const char *
lineup_share_record_get_uid (const LineupShareRecord *self)
{
  return self->uid;
}

const char *
lineup_share_record_get (const LineupShareRecord *self,
                         const char              *field)
{
  return g_hash_table_lookup (self->fields, field);
}

void
lineup_share_record_set (LineupShareRecord *self,
                         const char        *field,
                         const char        *value)
{
  g_return_if_fail (field != NULL);
  if (value == NULL)
    g_hash_table_remove (self->fields, field);
  else
    g_hash_table_insert (self->fields, g_strdup (field), g_strdup (value));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GStrv
lineup_share_record_list_prefixed (const LineupShareRecord *self,
                                   const char              *prefix)
{
  GPtrArray *names = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (prefix == NULL || g_str_has_prefix (key, prefix))
      g_ptr_array_add (names, g_strdup (key));
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (names, FALSE);
}

GStrv
lineup_share_record_list_fields (const LineupShareRecord *self)
{
  return lineup_share_record_list_prefixed (self, NULL);
}

void
lineup_share_record_add_log (LineupShareRecord *self,
                             const char        *line)
{
  guint lo = 0, hi = self->log->len;

  g_return_if_fail (line != NULL);
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      int cmp = strcmp (g_ptr_array_index (self->log, mid), line);

      if (cmp == 0)
        return;
      if (cmp < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  g_ptr_array_insert (self->log, lo, g_strdup (line));
}

GPtrArray *
lineup_share_record_get_log (const LineupShareRecord *self)
{
  return self->log;
}

gboolean
lineup_share_record_equal (const LineupShareRecord *a,
                           const LineupShareRecord *b)
{
  GHashTableIter iter;
  gpointer key, value;

  if (a->kind != b->kind || g_strcmp0 (a->uid, b->uid) != 0 ||
      g_hash_table_size (a->fields) != g_hash_table_size (b->fields) ||
      a->log->len != b->log->len)
    return FALSE;
  g_hash_table_iter_init (&iter, a->fields);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (value, g_hash_table_lookup (b->fields, key)) != 0)
      return FALSE;
  for (guint i = 0; i < a->log->len; i++)
    if (strcmp (g_ptr_array_index (a->log, i), g_ptr_array_index (b->log, i)) != 0)
      return FALSE;
  return TRUE;
}

/* ---- log lines ---- */

static void
append_escaped (GString    *out,
                const char *text)
{
  for (const char *p = text ? text : ""; *p; p++)
    {
      if (*p == '\\' || *p == '|')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
}

char *
lineup_share_log_line_format (gint64      at,
                              const char *kind,
                              const char *from_stage,
                              const char *to_stage,
                              const char *actor,
                              const char *comment)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%012" G_GINT64_FORMAT "|%s|%s|%s|",
                          MAX (at, 0), kind, from_stage ? from_stage : "", to_stage);
  append_escaped (out, actor);
  g_string_append_c (out, '|');
  append_escaped (out, comment);
  return g_string_free (out, FALSE);
}

/* Splits @line at unescaped '|' into at most 6 parts, unescaping. */
static GPtrArray *
split_line (const char *line)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  GString *part = g_string_new (NULL);

  for (const char *p = line; *p; p++)
    {
      if (*p == '\\' && p[1] != '\0' && parts->len >= 4)
        g_string_append_c (part, *++p);
      else if (*p == '|' && parts->len < 5)
        {
          g_ptr_array_add (parts, g_string_free (part, FALSE));
          part = g_string_new (NULL);
        }
      else
        g_string_append_c (part, *p);
    }
  g_ptr_array_add (parts, g_string_free (part, FALSE));
  return parts;
}

gboolean
lineup_share_log_line_parse (const char  *line,
                             gint64      *out_at,
                             char       **out_kind,
                             char       **out_from_stage,
                             char       **out_to_stage,
                             char       **out_actor,
                             char       **out_comment)
{
  g_autoptr(GPtrArray) parts = NULL;
  const char *at_text;
  char *end = NULL;
  gint64 at;

  if (line == NULL)
    return FALSE;
  parts = split_line (line);
  if (parts->len != 6)
    return FALSE;
  at_text = g_ptr_array_index (parts, 0);
  at = g_ascii_strtoll (at_text, &end, 10);
  if (*at_text == '\0' || end == NULL || *end != '\0' || at < 0 ||
      *(char *) g_ptr_array_index (parts, 1) == '\0' ||
      *(char *) g_ptr_array_index (parts, 3) == '\0')
    return FALSE;
#define TAKE(i) g_steal_pointer (&g_ptr_array_index (parts, i))
  if (out_at)
    *out_at = at;
  if (out_kind)
    *out_kind = TAKE (1);
  if (out_from_stage)
    *out_from_stage = *(char *) g_ptr_array_index (parts, 2) ? TAKE (2) : NULL;
  if (out_to_stage)
    *out_to_stage = TAKE (3);
  if (out_actor)
    *out_actor = TAKE (4);
  if (out_comment)
    *out_comment = *(char *) g_ptr_array_index (parts, 5) ? TAKE (5) : NULL;
#undef TAKE
  return TRUE;
}
