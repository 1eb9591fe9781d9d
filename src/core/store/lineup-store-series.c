/* lineup-store-series.c: recurring series (lineup-store-series.h): the
 * series table (uid → rule) and series_posts (post → series, the local date
 * it stands for, and whether it was edited on its own). Both are kept with
 * the catalog for undo (lineup-store-undo.c), so undoing "Repeat" takes
 * the series away with its occurrences.
 *
 * An occurrence is a copy of the series' template: its latest live
 * occurrence before the date that was not edited on its own ("this one").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "lineup-store-private.h"

void
lineup_series_free (LineupSeries *series)
{
  if (series == NULL)
    return;
  g_free (series->uid);
  g_free (series->title);
  g_free (series);
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

gboolean
lineup_store_get_post_series (LineupStore  *self,
                              const char   *id,
                              char        **out_uid,
                              GDate        *out_occurs_on)
{
  static const char sql[] = "SELECT series_uid, occurs_on FROM series_posts WHERE post_id = ?";
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  if (id == NULL || (stmt = _lineup_store_prepare (self, sql, NULL)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      if (out_uid)
        *out_uid = g_strdup (_lineup_store_column_text (stmt, 0));
      if (out_occurs_on && !lineup_parse_date (_lineup_store_column_text (stmt, 1), out_occurs_on))
        g_date_clear (out_occurs_on, 1);
    }
  _lineup_store_finish (stmt);
  return found;
}

static char *
read_rule_text (LineupStore *self,
                const char  *uid)
{
  static const char sql[] = "SELECT rule FROM series WHERE uid = ?";
  sqlite3_stmt *stmt = _lineup_store_prepare (self, sql, NULL);
  char *rule = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    rule = g_strdup (_lineup_store_column_text (stmt, 0));
  _lineup_store_finish (stmt);
  return rule;
}

static LineupSeries *
read_series (LineupStore *self,
             const char  *uid)
{
  static const char counts_sql[] =
    "SELECT p.deleted_at IS NOT NULL, l.occurs_on, p.slot, p.title FROM series_posts l "
    "JOIN posts p ON p.id = l.post_id WHERE l.series_uid = ? ORDER BY l.occurs_on";
  g_autofree char *text = read_rule_text (self, uid);
  LineupSeries *series;
  sqlite3_stmt *stmt;
  GDate today;

  if (text == NULL)
    return NULL;
  series = g_new0 (LineupSeries, 1);
  series->uid = g_strdup (uid);
  series->title = g_strdup ("");
  g_date_clear (&series->next, 1);
  if (!lineup_series_rule_parse (text, &series->rule, NULL))
    lineup_series_rule_init (&series->rule);
  lineup_store_get_today (self, &today);

  if ((stmt = _lineup_store_prepare (self, counts_sql, NULL)) == NULL)
    return series;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GDate occurs_on, local;
      gint64 slot = sqlite3_column_int64 (stmt, 2);
      int minutes;

      if (sqlite3_column_int (stmt, 0))
        {
          series->n_deleted++;
          continue;
        }
      series->n_live++;
      g_free (series->title);
      series->title = g_strdup (_lineup_store_column_text (stmt, 3));
      if (!lineup_parse_date (_lineup_store_column_text (stmt, 1), &occurs_on) || slot == UNDATED_SLOT)
        {
          series->n_moved++;
          continue;
        }
      lineup_store_utc_to_local (self, slot, &local, &minutes);
      if (g_date_compare (&local, &occurs_on) != 0)
        series->n_moved++;
      if (g_date_compare (&local, &today) >= 0 &&
          (!g_date_valid (&series->next) || g_date_compare (&local, &series->next) < 0))
        series->next = local;
    }
  _lineup_store_finish (stmt);
  return series;
}

LineupSeries *
lineup_store_get_series (LineupStore  *self,
                         const char   *uid_or_post_id,
                         GError      **error)
{
  static const char prefix_sql[] = "SELECT uid FROM series WHERE uid >= ?1 AND uid < ?1 || x'7f' LIMIT 2";
  g_autofree char *uid = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);

  if (uid_or_post_id && g_utf8_validate (uid_or_post_id, -1, NULL) && strlen (uid_or_post_id) >= 4)
    {
      g_autoptr(LineupPost) post = NULL;
      sqlite3_stmt *stmt;
      int matches = 0;

      if ((stmt = _lineup_store_prepare (self, prefix_sql, NULL)))
        {
          sqlite3_bind_text (stmt, 1, uid_or_post_id, -1, SQLITE_STATIC);
          while (sqlite3_step (stmt) == SQLITE_ROW)
            if (matches++ == 0)
              uid = g_strdup (_lineup_store_column_text (stmt, 0));
          _lineup_store_finish (stmt);
        }
      if (matches > 1)
        g_clear_pointer (&uid, g_free);
      if (uid == NULL && (post = lineup_store_get_post (self, uid_or_post_id, NULL)))
        lineup_store_get_post_series (self, lineup_post_get_id (post), &uid, NULL);
      if (uid)
        {
          g_autofree char *rule = read_rule_text (self, uid);

          if (rule == NULL)
            g_clear_pointer (&uid, g_free);
        }
    }
  if (uid == NULL)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND,
                   _("“%s” is neither a series nor a post in one: see the series with “lineup series list”"),
                   uid_or_post_id && g_utf8_validate (uid_or_post_id, -1, NULL) ? uid_or_post_id : "?");
      return NULL;
    }
  return read_series (self, uid);
}

GPtrArray *
lineup_store_list_series (LineupStore *self)
{
  static const char sql[] = "SELECT uid FROM series ORDER BY id";
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_series_free);
  g_autoptr(GPtrArray) uids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), all);

  if ((stmt = _lineup_store_prepare (self, sql, NULL)) == NULL)
    return all;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (uids, g_strdup (_lineup_store_column_text (stmt, 0)));
  _lineup_store_finish (stmt);
  for (guint i = 0; i < uids->len; i++)
    {
      LineupSeries *series = read_series (self, uids->pdata[i]);

      if (series)
        g_ptr_array_add (all, series);
    }
  return all;
}

GPtrArray *
lineup_store_list_series_posts (LineupStore *self,
                                const char  *uid,
                                const GDate *from)
{
  static const char sql[] =
    "SELECT l.post_id FROM series_posts l JOIN posts p ON p.id = l.post_id "
    "WHERE l.series_uid = ?1 AND l.occurs_on >= ?2 AND p.deleted_at IS NULL ORDER BY l.occurs_on";
  GPtrArray *posts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *from_text = from ? format_date (from) : g_strdup ("");
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), posts);

  if ((stmt = _lineup_store_prepare (self, sql, NULL)) == NULL)
    return posts;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, from_text, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup (_lineup_store_column_text (stmt, 0)));
  _lineup_store_finish (stmt);
  for (guint i = 0; i < ids->len; i++)
    {
      LineupPost *post = lineup_store_get_post (self, ids->pdata[i], NULL);

      if (post)
        g_ptr_array_add (posts, post);
    }
  return posts;
}

/* ---- writing ---- */

gboolean
_lineup_store_write_series_link (LineupStore  *self,
                                 const char   *post_id,
                                 const char   *uid,
                                 const GDate  *occurs_on,
                                 gboolean      own,
                                 GError      **error)
{
  static const char sql[] =
    "INSERT INTO series_posts (post_id, series_uid, occurs_on, own) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (post_id) DO UPDATE SET series_uid = ?2, occurs_on = ?3, own = ?4";
  g_autofree char *date = format_date (occurs_on);
  sqlite3_stmt *stmt = _lineup_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, post_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, uid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, date, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, own ? 1 : 0);
  return _lineup_store_step_done (self, stmt, _("link the post to its series"), error);
}

/* Whether the series has (or had) an occurrence for @date. */
static gboolean
occurrence_known (LineupStore *self,
                  const char  *uid,
                  const GDate *date)
{
  static const char sql[] = "SELECT 1 FROM series_posts WHERE series_uid = ? AND occurs_on = ?";
  static const char post_sql[] = "SELECT 1 FROM posts WHERE id = ?";
  g_autofree char *text = format_date (date);
  g_autofree char *id = lineup_series_occurrence_id (uid, date);
  sqlite3_stmt *stmt = _lineup_store_prepare (self, sql, NULL);
  gboolean known = TRUE;

  if (stmt == NULL)
    return TRUE;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
  known = sqlite3_step (stmt) == SQLITE_ROW;
  _lineup_store_finish (stmt);
  if (known || (stmt = _lineup_store_prepare (self, post_sql, NULL)) == NULL)
    return TRUE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  known = sqlite3_step (stmt) == SQLITE_ROW;
  _lineup_store_finish (stmt);
  return known;
}

/* The post an occurrence on @date copies (see the file's comment). */
static LineupPost *
find_template (LineupStore *self,
               const char  *uid,
               const GDate *date)
{
  static const char sql[] =
    "SELECT l.post_id FROM series_posts l JOIN posts p ON p.id = l.post_id "
    "WHERE l.series_uid = ?1 AND p.deleted_at IS NULL AND l.own = 0 "
    "ORDER BY l.occurs_on < ?2 DESC, CASE WHEN l.occurs_on < ?2 THEN l.occurs_on END DESC, l.occurs_on LIMIT 1";
  g_autofree char *text = format_date (date);
  g_autofree char *id = NULL;
  sqlite3_stmt *stmt = _lineup_store_prepare (self, sql, NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = g_strdup (_lineup_store_column_text (stmt, 0));
  _lineup_store_finish (stmt);
  return id ? lineup_store_get_post (self, id, NULL) : NULL;
}

/* Makes the occurrence of @uid on @date from the template; with @undoable
 * it is part of the operation's undo step, else only announced. */
static gboolean
make_occurrence (LineupStore             *self,
                 const char              *uid,
                 const LineupSeriesRule  *rule,
                 const GDate             *date,
                 gboolean                 undoable,
                 gboolean                *out_made,
                 GError                 **error)
{
  g_autoptr(LineupPost) template = find_template (self, uid, date);
  g_autoptr(LineupPost) post = NULL;
  g_autoptr(LineupPost) gone = NULL;
  g_autofree char *id = lineup_series_occurrence_id (uid, date);
  gint64 now = _lineup_store_now_seconds ();
  LineupStage stage;

  *out_made = FALSE;
  if (template == NULL)
    return TRUE;   /* every occurrence is gone: nothing to copy */

  post = lineup_post_copy (template);
  _lineup_post_set_id (post, NULL);
  stage = lineup_post_get_stage (template);
  _lineup_post_set_stage (post, stage > LINEUP_STAGE_DRAFT ? LINEUP_STAGE_DRAFT : stage);
  lineup_post_set_due_on (post, NULL);
  lineup_post_set_scheduled_at (post, lineup_store_local_to_utc (self, (GDate *) date, rule->minutes));
  if (!_lineup_store_validate_post (self, post, error))
    return FALSE;
  _lineup_post_set_id (post, id);
  /* Made the same on every copy of a shared plan, whenever each rolls:
   * its creation is the template's, so two copies' posts agree. */
  _lineup_post_set_bookkeeping (post, lineup_post_get_created_at (template), now, 1, 0);
  if (!_lineup_store_write_post_row (self, post, error) ||
      !_lineup_store_write_history (self, id, -1, lineup_post_get_stage (post), NULL, NULL, now, error) ||
      !_lineup_store_write_series_link (self, id, uid, date, FALSE, error))
    return FALSE;

  gone = lineup_post_copy (post);
  _lineup_post_set_bookkeeping (gone, now, now, 1, now);
  if (undoable)
    _lineup_store_record_post_change (self, gone, post);
  else
    _lineup_store_queue_signal (self, PENDING_POST, gone, post);
  *out_made = TRUE;
  return TRUE;
}

static gboolean
roll_one (LineupStore  *self,
          const char   *uid,
          const GDate  *today,
          int           horizon_days,
          gboolean      undoable,
          guint        *made,
          GError      **error)
{
  g_autofree char *text = read_rule_text (self, uid);
  g_autoptr(GArray) dates = NULL;
  LineupSeriesRule rule;
  GDate from, to;

  if (text == NULL || !lineup_series_rule_parse (text, &rule, NULL))
    return TRUE;   /* a rule this Lineup cannot read stays as it is */
  from = *today;
  if (g_date_compare (&rule.start, &from) > 0)
    from = rule.start;
  to = *today;
  g_date_add_days (&to, horizon_days);
  dates = lineup_series_rule_expand (&rule, &from, &to);
  for (guint i = 0; i < dates->len; i++)
    {
      GDate *date = &g_array_index (dates, GDate, i);
      gboolean one = FALSE;

      if (occurrence_known (self, uid, date))
        continue;
      if (!make_occurrence (self, uid, &rule, date, undoable, &one, error))
        return FALSE;
      *made += one;
    }
  return TRUE;
}

char *
lineup_store_repeat_post (LineupStore             *self,
                          const char              *id,
                          const LineupSeriesRule  *rule,
                          GError                 **error)
{
  static const char sql[] = "INSERT INTO series (uid, rule) VALUES (?, ?)";
  g_autoptr(LineupPost) post = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;
  g_autofree char *title = NULL;
  LineupSeriesRule full;
  sqlite3_stmt *stmt;
  GDate today;
  guint made = 0;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  g_return_val_if_fail (rule != NULL, NULL);

  if ((post = lineup_store_get_post (self, id, error)) == NULL)
    return NULL;
  if (!lineup_post_is_dated (post))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("“%s” has no date, so a series would not know when to start: give it a date first (lineup post move ID YYYY-MM-DD)"),
                   lineup_post_get_title (post));
      return NULL;
    }
  if (lineup_store_get_post_series (self, lineup_post_get_id (post), NULL, NULL))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_EXISTS,
                   _("“%s” is already in a series: stop that one first (lineup series stop ID)"),
                   lineup_post_get_title (post));
      return NULL;
    }
  full = *rule;
  lineup_store_utc_to_local (self, lineup_post_get_scheduled_at (post), &full.start, &full.minutes);
  if (!lineup_series_rule_validate (&full, error))
    {
      g_prefix_error (error, _("Cannot repeat “%s”: "), lineup_post_get_title (post));
      return NULL;
    }

  uid = lineup_series_new_uid ();
  text = lineup_series_rule_to_string (&full);
  title = g_utf8_substring (lineup_post_get_title (post), 0, MIN (40, g_utf8_strlen (lineup_post_get_title (post), -1)));
  label = g_strdup_printf (_("Repeat “%s”"), title);
  if (!_lineup_store_begin_operation (self, label, error))
    return NULL;
  if (!_lineup_store_catalog_will_change (self, error) ||
      (stmt = _lineup_store_prepare (self, sql, error)) == NULL)
    return _lineup_store_end_operation (self, FALSE, NULL), NULL;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
  lineup_store_get_today (self, &today);
  if (!_lineup_store_step_done (self, stmt, _("save the series"), error) ||
      !_lineup_store_write_series_link (self, lineup_post_get_id (post), uid, &full.start, FALSE, error) ||
      !roll_one (self, uid, &today, LINEUP_SERIES_HORIZON_DAYS, TRUE, &made, error))
    return _lineup_store_end_operation (self, FALSE, NULL), NULL;
  _lineup_store_queue_signal (self, PENDING_PLAN, NULL, NULL);
  /* The first post changes nothing but its link: announced, so that its
   * badge shows and a shared plan sends its record. */
  {
    g_autoptr(LineupPost) same = lineup_post_copy (post);
    _lineup_store_record_post_change (self, post, same);
  }
  if (!_lineup_store_end_operation (self, TRUE, error))
    return NULL;
  return g_steal_pointer (&uid);
}

gboolean
lineup_store_roll_series (LineupStore  *self,
                          int           horizon_days,
                          guint        *out_made,
                          GError      **error)
{
  g_autoptr(GPtrArray) all = NULL;
  guint made = 0;
  GDate today;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  if (out_made)
    *out_made = 0;
  all = lineup_store_list_series (self);
  if (all->len == 0)
    return TRUE;
  lineup_store_get_today (self, &today);
  if (!_lineup_store_begin_operation (self, NULL, error))
    return FALSE;
  for (guint i = 0; i < all->len; i++)
    if (!roll_one (self, ((LineupSeries *) all->pdata[i])->uid, &today, horizon_days, FALSE, &made, error))
      return _lineup_store_end_operation (self, FALSE, NULL);
  if (!_lineup_store_end_operation (self, TRUE, error))
    return FALSE;
  if (out_made)
    *out_made = made;
  return TRUE;
}

gboolean
lineup_store_stop_series (LineupStore  *self,
                          const char   *uid_or_post_id,
                          GError      **error)
{
  static const char sql[] = "UPDATE series SET rule = ? WHERE uid = ?";
  g_autoptr(LineupSeries) series = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;
  LineupSeriesRule rule;
  sqlite3_stmt *stmt;
  GDate today, tomorrow;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  if ((series = lineup_store_get_series (self, uid_or_post_id, error)) == NULL)
    return FALSE;
  lineup_store_get_today (self, &today);
  rule = series->rule;
  rule.count = 0;
  rule.until = g_date_compare (&today, &rule.start) < 0 ? rule.start : today;
  text = lineup_series_rule_to_string (&rule);
  tomorrow = today;
  g_date_add_days (&tomorrow, 1);
  posts = lineup_store_list_series_posts (self, series->uid, &tomorrow);

  label = g_strdup_printf (_("Stop series “%s”"), series->title);
  if (!_lineup_store_begin_operation (self, label, error))
    return FALSE;
  if (!_lineup_store_catalog_will_change (self, error) ||
      (stmt = _lineup_store_prepare (self, sql, error)) == NULL)
    return _lineup_store_end_operation (self, FALSE, NULL);
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, series->uid, -1, SQLITE_STATIC);
  if (!_lineup_store_step_done (self, stmt, _("stop the series"), error))
    return _lineup_store_end_operation (self, FALSE, NULL);
  for (guint i = 0; i < posts->len; i++)
    {
      LineupPost *post = g_ptr_array_index (posts, i);
      GDate occurs_on;

      /* The post the series started from stays. */
      if (lineup_store_get_post_series (self, lineup_post_get_id (post), NULL, &occurs_on) &&
          g_date_valid (&occurs_on) && g_date_compare (&occurs_on, &series->rule.start) == 0)
        continue;
      if (lineup_post_get_stage (post) != LINEUP_STAGE_PUBLISHED &&
          !lineup_store_delete_post (self, lineup_post_get_id (post), error))
        return _lineup_store_end_operation (self, FALSE, NULL);
    }
  _lineup_store_queue_signal (self, PENDING_PLAN, NULL, NULL);
  return _lineup_store_end_operation (self, TRUE, error);
}

gboolean
lineup_store_set_series_own (LineupStore  *self,
                             const char   *id,
                             gboolean      own,
                             GError      **error)
{
  static const char sql[] = "UPDATE series_posts SET own = ? WHERE post_id = ?";
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  if (!_lineup_store_begin_operation (self, NULL, error))
    return FALSE;
  if (!_lineup_store_catalog_will_change (self, error) ||
      (stmt = _lineup_store_prepare (self, sql, error)) == NULL)
    return _lineup_store_end_operation (self, FALSE, NULL);
  sqlite3_bind_int (stmt, 1, own ? 1 : 0);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  if (!_lineup_store_step_done (self, stmt, _("mark the occurrence"), error))
    return _lineup_store_end_operation (self, FALSE, NULL);
  return _lineup_store_end_operation (self, TRUE, error);
}

char *
_lineup_store_series_link_field (LineupStore *self,
                                 const char  *post_id)
{
  static const char sql[] = "SELECT series_uid, occurs_on, own FROM series_posts WHERE post_id = ?";
  sqlite3_stmt *stmt;
  char *field = NULL;

  if (post_id == NULL || (stmt = _lineup_store_prepare (self, sql, NULL)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, post_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    field = g_strdup_printf ("%s %s%s", _lineup_store_column_text (stmt, 0),
                             _lineup_store_column_text (stmt, 1),
                             sqlite3_column_int (stmt, 2) ? " own" : "");
  _lineup_store_finish (stmt);
  return field;
}

GHashTable *
lineup_store_get_series_links (LineupStore *self)
{
  static const char sql[] = "SELECT post_id, series_uid FROM series_posts";
  GHashTable *links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), links);

  if ((stmt = _lineup_store_prepare (self, sql, NULL)) == NULL)
    return links;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (links, g_strdup (_lineup_store_column_text (stmt, 0)),
                         g_strdup (_lineup_store_column_text (stmt, 1)));
  _lineup_store_finish (stmt);
  return links;
}

/* ---- in a shared plan's record ---- */

void
_lineup_store_series_read_fields (LineupStore       *self,
                                  LineupShareRecord *record)
{
  g_autoptr(GPtrArray) all = lineup_store_list_series (self);

  for (guint i = 0; i < all->len; i++)
    {
      LineupSeries *series = g_ptr_array_index (all, i);
      g_autofree char *field = g_strconcat ("series:", series->uid, NULL);
      g_autofree char *value = lineup_series_rule_to_string (&series->rule);

      lineup_share_record_set (record, field, value);
    }
}

gboolean
_lineup_store_series_check_fields (const LineupShareRecord  *record,
                                   char                    **out_bad_field)
{
  g_auto(GStrv) fields = lineup_share_record_list_prefixed (record, "series:");

  for (guint i = 0; fields[i]; i++)
    {
      const char *uid = fields[i] + strlen ("series:");
      LineupSeriesRule rule;

      if (*uid == '\0' || strlen (uid) > 255 || !_lineup_store_check_one_line ("", uid, NULL) ||
          !lineup_series_rule_parse (lineup_share_record_get (record, fields[i]), &rule, NULL))
        {
          *out_bad_field = g_strdup (fields[i]);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
run_series_sql (LineupStore  *self,
                const char   *sql,
                const char   *uid,
                const char   *rule,
                GError      **error)
{
  sqlite3_stmt *stmt = _lineup_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  if (rule)
    sqlite3_bind_text (stmt, 2, rule, -1, SQLITE_STATIC);
  return _lineup_store_step_done (self, stmt, _("save the series"), error);
}

gboolean
_lineup_store_series_write_fields (LineupStore              *self,
                                   const LineupShareRecord  *record,
                                   GError                  **error)
{
  static const char delete_sql[] = "DELETE FROM series WHERE uid = ?1";
  static const char upsert_sql[] =
    "INSERT INTO series (uid, rule) VALUES (?1, ?2) ON CONFLICT (uid) DO UPDATE SET rule = ?2";
  g_auto(GStrv) fields = lineup_share_record_list_prefixed (record, "series:");
  g_autoptr(GPtrArray) all = lineup_store_list_series (self);

  for (guint i = 0; i < all->len; i++)
    {
      LineupSeries *series = g_ptr_array_index (all, i);
      g_autofree char *field = g_strconcat ("series:", series->uid, NULL);

      if (lineup_share_record_get (record, field) == NULL &&
          !run_series_sql (self, delete_sql, series->uid, NULL, error))
        return FALSE;
    }
  for (guint i = 0; fields[i]; i++)
    if (!run_series_sql (self, upsert_sql, fields[i] + strlen ("series:"),
                         lineup_share_record_get (record, fields[i]), error))
      return FALSE;
  return TRUE;
}
