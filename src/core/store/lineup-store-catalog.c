/* lineup-store-catalog.c: what posts are tagged with: pillars, content types
 * and campaigns (their caches, adding, finding, renaming, recolouring and
 * removing, the name a typo meant), and the content mix's targets and
 * counted stages. Each change keeps the catalog as it was for its undo
 * step (lineup-store-undo.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "lineup-store-private.h"

/* GNOME's palette: distinct in light and dark. */
static const char * const palette[] = {
  "#3584e4", "#2ec27e", "#e66100", "#9141ac", "#f5c211",
  "#c01c28", "#1c71d8", "#26a269", "#986a44", "#63452c",
};

/* ---- caches of the small tables ---- */

gboolean
_lineup_store_load_pillars (LineupStore  *self,
                            GError      **error)
{
  static const char sql[] = "SELECT id, name, color, target FROM pillars ORDER BY position, id";
  sqlite3_stmt *stmt = _lineup_store_prepare (self, sql, error);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, lineup_pillar_new (sqlite3_column_int64 (stmt, 0),
                                               _lineup_store_column_text (stmt, 1),
                                               _lineup_store_column_text (stmt, 2),
                                               sqlite3_column_type (stmt, 3) == SQLITE_NULL
                                                 ? -1 : sqlite3_column_double (stmt, 3)));
  _lineup_store_finish (stmt);
  if (rc != SQLITE_DONE)
    return _lineup_store_sqlite_error (self, error, _("read the pillars"));

  g_list_store_splice (self->pillars, 0, g_list_model_get_n_items (G_LIST_MODEL (self->pillars)),
                       items->pdata, items->len);
  return TRUE;
}

gboolean
_lineup_store_load_types (LineupStore  *self,
                          GError      **error)
{
  static const char sql[] = "SELECT id, key, name, target_min, target_max FROM content_types ORDER BY position, id";
  sqlite3_stmt *stmt = _lineup_store_prepare (self, sql, error);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, lineup_content_type_new (sqlite3_column_int64 (stmt, 0),
                                                     _lineup_store_column_text (stmt, 1),
                                                     _lineup_store_column_text (stmt, 2),
                                                     sqlite3_column_type (stmt, 3) == SQLITE_NULL
                                                       ? -1 : sqlite3_column_double (stmt, 3),
                                                     sqlite3_column_type (stmt, 4) == SQLITE_NULL
                                                       ? -1 : sqlite3_column_double (stmt, 4)));
  _lineup_store_finish (stmt);
  if (rc != SQLITE_DONE)
    return _lineup_store_sqlite_error (self, error, _("read the content types"));

  g_list_store_splice (self->types, 0, g_list_model_get_n_items (G_LIST_MODEL (self->types)),
                       items->pdata, items->len);
  return TRUE;
}

gboolean
_lineup_store_load_campaigns (LineupStore  *self,
                              GError      **error)
{
  static const char sql[] = "SELECT id, name, color, starts_on, ends_on FROM campaigns ORDER BY starts_on, id";
  sqlite3_stmt *stmt = _lineup_store_prepare (self, sql, error);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, lineup_campaign_new (sqlite3_column_int64 (stmt, 0),
                                                 _lineup_store_column_text (stmt, 1),
                                                 _lineup_store_column_text (stmt, 2),
                                                 _lineup_store_column_text (stmt, 3),
                                                 _lineup_store_column_text (stmt, 4)));
  _lineup_store_finish (stmt);
  if (rc != SQLITE_DONE)
    return _lineup_store_sqlite_error (self, error, _("read the campaigns"));

  g_list_store_splice (self->campaigns, 0, g_list_model_get_n_items (G_LIST_MODEL (self->campaigns)),
                       items->pdata, items->len);
  return TRUE;
}

/* ---- pillars, types, campaigns ---- */

GListModel *
lineup_store_get_pillars (LineupStore *self)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  return G_LIST_MODEL (self->pillars);
}

static gpointer
find_by_id (GListModel *model,
            gint64      id,
            gint64    (*get_id) (gpointer))
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      if (get_id (item) == id)
        return item;   /* the model keeps its reference */
    }
  return NULL;
}

static gpointer
find_by_name (GListModel  *model,
              const char  *name,
              const char *(*get_name) (gpointer))
{
  g_autofree char *wanted = NULL;
  guint n = g_list_model_get_n_items (model);

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return NULL;
  wanted = g_utf8_casefold (name, -1);
  g_strstrip (wanted);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      g_autofree char *have = g_utf8_casefold (get_name (item), -1);

      if (g_str_equal (have, wanted))
        return item;
    }
  return NULL;
}

static char *
join_names (GListModel  *model,
            const char *(*get_name) (gpointer))
{
  GString *names = g_string_new (NULL);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      if (i > 0)
        g_string_append (names, ", ");
      g_string_append (names, get_name (item));
    }
  return g_string_free (names, FALSE);
}

/* The name @name trimmed, when it is a valid name that no item of @model
 * has (case aside); else NULL and the error says what to change.
 * @exists_format names the kind: "There is already a pillar called “%s”…". */
static char *
check_new_name (GListModel   *model,
                const char *(*get_name) (gpointer),
                const char   *what,
                const char   *exists_format,
                const char   *name,
                GError      **error)
{
  g_autofree char *clean = NULL;

  if (!_lineup_store_check_name (what, name, error))
    return NULL;
  clean = g_strstrip (g_strdup (name));
  if (find_by_name (model, clean, get_name))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_EXISTS, exists_format, clean);
      return NULL;
    }
  return g_steal_pointer (&clean);
}

/* Steps @stmt, a bound INSERT, inside the operation in progress: the new
 * row's id, or 0 with the operation ended as failed and @error saying
 * what could not be done (@what: "add the pillar"). */
static gint64
insert_row (LineupStore   *self,
            sqlite3_stmt  *stmt,
            const char    *what,
            GError       **error)
{
  int rc = sqlite3_step (stmt);

  _lineup_store_finish (stmt);
  if (rc != SQLITE_DONE)
    {
      _lineup_store_sqlite_error (self, error, what);
      _lineup_store_end_operation (self, FALSE, NULL);
      return 0;
    }
  return sqlite3_last_insert_rowid (self->db);
}

LineupPillar *
lineup_store_get_pillar (LineupStore *self,
                         gint64       id)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  return find_by_id (G_LIST_MODEL (self->pillars), id, (gpointer) lineup_pillar_get_id);
}

LineupPillar *
lineup_store_find_pillar (LineupStore *self,
                          const char  *name)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  return find_by_name (G_LIST_MODEL (self->pillars), name, (gpointer) lineup_pillar_get_name);
}

char *
lineup_store_list_pillar_names (LineupStore *self)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  return join_names (G_LIST_MODEL (self->pillars), (gpointer) lineup_pillar_get_name);
}

const char *
_lineup_store_next_palette_color (LineupStore *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->pillars));

  for (guint c = 0; c < G_N_ELEMENTS (palette); c++)
    {
      gboolean used = FALSE;

      for (guint i = 0; i < n && !used; i++)
        {
          g_autoptr(LineupPillar) pillar = g_list_model_get_item (G_LIST_MODEL (self->pillars), i);
          used = g_ascii_strcasecmp (lineup_pillar_get_color (pillar), palette[c]) == 0;
        }
      if (!used)
        return palette[c];
    }
  return palette[n % G_N_ELEMENTS (palette)];
}

LineupPillar *
lineup_store_add_pillar (LineupStore  *self,
                         const char   *name,
                         const char   *color,
                         double        target,
                         GError      **error)
{
  static const char sql[] =
    "INSERT INTO pillars (name, color, target, position) "
    "VALUES (?, ?, ?, (SELECT coalesce(max(position) + 1, 0) FROM pillars))";
  g_autofree char *clean = NULL;
  sqlite3_stmt *stmt;
  LineupPillar *pillar;
  gint64 id;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);

  clean = check_new_name (G_LIST_MODEL (self->pillars), (gpointer) lineup_pillar_get_name,
                          _("The pillar’s name"), _("There is already a pillar called “%s”: pick another name"),
                          name, error);
  if (clean == NULL)
    return NULL;
  if (color != NULL && !lineup_color_is_valid (color))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The colour “%s” is not valid: expected #RRGGBB, e.g. #3584e4"),
                   g_utf8_validate (color, -1, NULL) ? color : "?");
      return NULL;
    }
  if (target > 100 || (target >= 0 && isnan (target)))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The target share %.1f%% is not a percentage: expected 0 to 100"), target);
      return NULL;
    }

  if (color == NULL)
    color = _lineup_store_next_palette_color (self);

  if (!_lineup_store_begin_operation (self, _("Add pillar"), error))
    return NULL;
  stmt = _lineup_store_catalog_will_change (self, error) ? _lineup_store_prepare (self, sql, error) : NULL;
  if (stmt == NULL)
    {
      _lineup_store_end_operation (self, FALSE, NULL);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, clean, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, color, -1, SQLITE_STATIC);
  if (target >= 0)
    sqlite3_bind_double (stmt, 3, target);
  else
    sqlite3_bind_null (stmt, 3);
  if ((id = insert_row (self, stmt, _("add the pillar"), error)) == 0)
    return NULL;

  pillar = lineup_pillar_new (id, clean, color, target >= 0 ? target : -1);
  g_list_store_append (self->pillars, pillar);
  g_object_unref (pillar);
  _lineup_store_queue_signal (self, PENDING_PILLARS, NULL, NULL);

  if (!_lineup_store_end_operation (self, TRUE, error))
    return NULL;
  return lineup_store_find_pillar (self, clean);
}

GListModel *
lineup_store_get_content_types (LineupStore *self)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  return G_LIST_MODEL (self->types);
}

LineupContentType *
lineup_store_get_content_type (LineupStore *self,
                               gint64       id)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  return find_by_id (G_LIST_MODEL (self->types), id, (gpointer) lineup_content_type_get_id);
}

LineupContentType *
lineup_store_find_content_type (LineupStore *self,
                                const char  *name)
{
  LineupContentType *type;
  guint n;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);

  type = find_by_name (G_LIST_MODEL (self->types), name, (gpointer) lineup_content_type_get_name);
  if (type || name == NULL)
    return type;

  /* The keys work too ("promotional"), whatever the names were renamed to. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->types));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LineupContentType) t = g_list_model_get_item (G_LIST_MODEL (self->types), i);
      if (lineup_content_type_get_key (t) &&
          g_ascii_strcasecmp (lineup_content_type_get_key (t), name) == 0)
        return t;
    }
  return NULL;
}

char *
lineup_store_list_content_type_names (LineupStore *self)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  return join_names (G_LIST_MODEL (self->types), (gpointer) lineup_content_type_get_name);
}

LineupContentType *
lineup_store_add_content_type (LineupStore  *self,
                               const char   *name,
                               GError      **error)
{
  static const char sql[] =
    "INSERT INTO content_types (name, position) "
    "VALUES (?, (SELECT coalesce(max(position) + 1, 0) FROM content_types))";
  g_autofree char *clean = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);

  clean = check_new_name (G_LIST_MODEL (self->types), (gpointer) lineup_content_type_get_name,
                          _("The content type’s name"),
                          _("There is already a content type called “%s”: pick another name"), name, error);
  if (clean == NULL)
    return NULL;

  if (!_lineup_store_begin_operation (self, _("Add content type"), error))
    return NULL;
  stmt = _lineup_store_catalog_will_change (self, error) ? _lineup_store_prepare (self, sql, error) : NULL;
  if (stmt == NULL)
    return _lineup_store_end_operation (self, FALSE, NULL), NULL;
  sqlite3_bind_text (stmt, 1, clean, -1, SQLITE_STATIC);
  if ((id = insert_row (self, stmt, _("add the content type"), error)) == 0)
    return NULL;
  {
    LineupContentType *type = lineup_content_type_new (id, NULL, clean, -1, -1);
    g_list_store_append (self->types, type);
    g_object_unref (type);
  }
  _lineup_store_queue_signal (self, PENDING_TYPES, NULL, NULL);
  if (!_lineup_store_end_operation (self, TRUE, error))
    return NULL;
  return lineup_store_find_content_type (self, clean);
}

GListModel *
lineup_store_get_campaigns (LineupStore *self)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  return G_LIST_MODEL (self->campaigns);
}

LineupCampaign *
lineup_store_get_campaign (LineupStore *self,
                           gint64       id)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  return find_by_id (G_LIST_MODEL (self->campaigns), id, (gpointer) lineup_campaign_get_id);
}

LineupCampaign *
lineup_store_find_campaign (LineupStore *self,
                            const char  *name)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  return find_by_name (G_LIST_MODEL (self->campaigns), name, (gpointer) lineup_campaign_get_name);
}

LineupCampaign *
lineup_store_add_campaign (LineupStore  *self,
                           const char   *name,
                           const char   *color,
                           const char   *starts_on,
                           const char   *ends_on,
                           GError      **error)
{
  static const char sql[] =
    "INSERT INTO campaigns (name, color, starts_on, ends_on) VALUES (?, ?, ?, ?)";
  g_autofree char *clean = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);

  clean = check_new_name (G_LIST_MODEL (self->campaigns), (gpointer) lineup_campaign_get_name,
                          _("The campaign’s name"), _("There is already a campaign called “%s”: pick another name"),
                          name, error);
  if (clean == NULL)
    return NULL;
  if (!lineup_color_is_valid (color))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The colour “%s” is not valid: expected #RRGGBB, e.g. #e66100"),
                   color && g_utf8_validate (color, -1, NULL) ? color : "?");
      return NULL;
    }
  if (!lineup_parse_date (starts_on, NULL) || !lineup_parse_date (ends_on, NULL) ||
      g_strcmp0 (starts_on, ends_on) > 0)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The campaign’s dates are not valid: expected a start and an end as YYYY-MM-DD, the end not before the start"));
      return NULL;
    }

  if (!_lineup_store_begin_operation (self, _("Add campaign"), error))
    return NULL;
  stmt = _lineup_store_catalog_will_change (self, error) ? _lineup_store_prepare (self, sql, error) : NULL;
  if (stmt == NULL)
    return _lineup_store_end_operation (self, FALSE, NULL), NULL;
  sqlite3_bind_text (stmt, 1, clean, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, color, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, starts_on, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, ends_on, -1, SQLITE_STATIC);
  if ((id = insert_row (self, stmt, _("add the campaign"), error)) == 0)
    return NULL;
  {
    LineupCampaign *campaign = lineup_campaign_new (id, clean, color, starts_on, ends_on);
    g_list_store_append (self->campaigns, campaign);
    g_object_unref (campaign);
  }
  _lineup_store_queue_signal (self, PENDING_CAMPAIGNS, NULL, NULL);
  if (!_lineup_store_end_operation (self, TRUE, error))
    return NULL;
  return lineup_store_find_campaign (self, clean);
}

static gboolean
check_percent (const char  *what,
               double       value,
               GError     **error)
{
  if (isnan (value) || value < 0 || value > 100)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("%s %.1f%% is not a percentage: expected 0 to 100"), what, value);
      return FALSE;
    }
  return TRUE;
}

gboolean
lineup_store_set_type_target (LineupStore  *self,
                              gint64        type_id,
                              double        min,
                              double        max,
                              GError      **error)
{
  static const char sql[] = "UPDATE content_types SET target_min = ?, target_max = ? WHERE id = ?";
  LineupContentType *type;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  type = lineup_store_get_content_type (self, type_id);
  if (type == NULL)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND, _("No such content type"));
      return FALSE;
    }
  if (!check_percent (_("The minimum"), min, error) || !check_percent (_("The maximum"), max, error))
    return FALSE;
  if (min > max)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The target for %s runs from %.1f%% to %.1f%%: the minimum must not be above the maximum"),
                   lineup_content_type_get_name (type), min, max);
      return FALSE;
    }

  if (!_lineup_store_begin_operation (self, _("Change target"), error))
    return FALSE;
  stmt = _lineup_store_catalog_will_change (self, error) ? _lineup_store_prepare (self, sql, error) : NULL;
  if (stmt == NULL)
    return _lineup_store_end_operation (self, FALSE, NULL);
  sqlite3_bind_double (stmt, 1, min);
  sqlite3_bind_double (stmt, 2, max);
  sqlite3_bind_int64 (stmt, 3, type_id);
  if (!_lineup_store_step_done (self, stmt, _("save the target"), error) || !_lineup_store_load_types (self, error))
    return _lineup_store_end_operation (self, FALSE, NULL);
  _lineup_store_queue_signal (self, PENDING_TYPES, NULL, NULL);
  return _lineup_store_end_operation (self, TRUE, error);
}

gboolean
lineup_store_set_pillar_target (LineupStore  *self,
                                gint64        pillar_id,
                                double        target,
                                GError      **error)
{
  static const char sql[] = "UPDATE pillars SET target = ? WHERE id = ?";
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  if (lineup_store_get_pillar (self, pillar_id) == NULL)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND, _("No such pillar"));
      return FALSE;
    }
  if (target >= 0 && !check_percent (_("The target share"), target, error))
    return FALSE;

  if (!_lineup_store_begin_operation (self, _("Change target"), error))
    return FALSE;
  stmt = _lineup_store_catalog_will_change (self, error) ? _lineup_store_prepare (self, sql, error) : NULL;
  if (stmt == NULL)
    return _lineup_store_end_operation (self, FALSE, NULL);
  if (target >= 0)
    sqlite3_bind_double (stmt, 1, target);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_int64 (stmt, 2, pillar_id);
  if (!_lineup_store_step_done (self, stmt, _("save the target"), error) || !_lineup_store_load_pillars (self, error))
    return _lineup_store_end_operation (self, FALSE, NULL);
  _lineup_store_queue_signal (self, PENDING_PILLARS, NULL, NULL);
  return _lineup_store_end_operation (self, TRUE, error);
}

guint
lineup_store_get_mix_stages (LineupStore *self)
{
  g_autofree char *value = NULL;
  guint64 stages;

  g_return_val_if_fail (LINEUP_IS_STORE (self), LINEUP_MIX_DEFAULT_STAGES);
  value = _lineup_store_read_meta (self, "mix_stages");
  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, (1u << LINEUP_N_STAGES) - 1, &stages, NULL))
    return LINEUP_MIX_DEFAULT_STAGES;
  return (guint) stages;
}

gboolean
lineup_store_set_mix_stages (LineupStore  *self,
                             guint         stages,
                             GError      **error)
{
  g_autofree char *value = g_strdup_printf ("%u", stages & ((1u << LINEUP_N_STAGES) - 1));

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);
  if (!_lineup_store_settings_operation_begin (self, error))
    return FALSE;
  if (!_lineup_store_write_meta (self, "mix_stages", value, error))
    return _lineup_store_end_operation (self, FALSE, NULL);
  return _lineup_store_end_operation (self, TRUE, error);
}

/* ---- renaming, recolouring and removing ---- */

/* Edit distance between two short names, case aside. */
static guint
name_distance (const char *a,
               const char *b)
{
  g_autofree char *fa = g_utf8_casefold (a, -1);
  g_autofree char *fb = g_utf8_casefold (b, -1);
  g_autofree gunichar *ua = g_utf8_to_ucs4_fast (fa, -1, NULL);
  g_autofree gunichar *ub = g_utf8_to_ucs4_fast (fb, -1, NULL);
  glong na = g_utf8_strlen (fa, -1), nb = g_utf8_strlen (fb, -1);
  g_autofree guint *row = g_new (guint, nb + 1);

  for (glong j = 0; j <= nb; j++)
    row[j] = j;
  for (glong i = 1; i <= na; i++)
    {
      guint diagonal = row[0];

      row[0] = i;
      for (glong j = 1; j <= nb; j++)
        {
          guint above = row[j];

          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diagonal + (ua[i - 1] != ub[j - 1]));
          diagonal = above;
        }
    }
  return row[nb];
}

static const char *
closest_name (GListModel   *model,
              const char  *(*get_name) (gpointer),
              const char   *name)
{
  const char *best = NULL;
  guint best_distance = G_MAXUINT;
  guint n = g_list_model_get_n_items (model);

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return NULL;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      const char *have = get_name (item);
      g_autofree char *fold_have = g_utf8_casefold (have, -1);
      g_autofree char *fold_name = g_utf8_casefold (name, -1);
      guint distance = name_distance (name, have);

      /* "Cafe" for "Café community": a start counts as close. */
      if (*fold_name && g_str_has_prefix (fold_have, fold_name))
        distance = MIN (distance, 1);
      if (distance < best_distance)
        {
          best = have;   /* the model keeps the item and its name */
          best_distance = distance;
        }
    }
  if (best && best_distance <= MAX (2, (guint) g_utf8_strlen (name, -1) / 3))
    return best;
  return NULL;
}

const char *
lineup_store_closest_pillar_name (LineupStore *self,
                                  const char  *name)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  return closest_name (G_LIST_MODEL (self->pillars), (gpointer) lineup_pillar_get_name, name);
}

const char *
lineup_store_closest_campaign_name (LineupStore *self,
                                    const char  *name)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  return closest_name (G_LIST_MODEL (self->campaigns), (gpointer) lineup_campaign_get_name, name);
}

char *
lineup_store_list_campaign_names (LineupStore *self)
{
  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  return join_names (G_LIST_MODEL (self->campaigns), (gpointer) lineup_campaign_get_name);
}

/* A new name for an item: NULL (keep) or a name no other item has. */
static gboolean
check_rename (GListModel   *model,
              const char  *(*get_name) (gpointer),
              gpointer      item,
              const char   *what,
              const char   *exists_format,
              const char   *name,
              char        **out_clean,
              GError      **error)
{
  g_autofree char *clean = NULL;
  gpointer other;

  *out_clean = NULL;
  if (name == NULL)
    return TRUE;
  if (!_lineup_store_check_name (what, name, error))
    return FALSE;
  clean = g_strstrip (g_strdup (name));
  other = find_by_name (model, clean, get_name);
  if (other && other != item)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_EXISTS, exists_format, clean);
      return FALSE;
    }
  *out_clean = g_steal_pointer (&clean);
  return TRUE;
}

static gboolean
check_color (const char  *color,
             const char  *example,
             GError     **error)
{
  if (color == NULL || lineup_color_is_valid (color))
    return TRUE;
  g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
               _("The colour “%s” is not valid: expected #RRGGBB, e.g. %s"),
               g_utf8_validate (color, -1, NULL) ? color : "?", example);
  return FALSE;
}

/* The live posts whose @get_id is @id. */
static GPtrArray *
posts_using (LineupStore  *self,
             gint64      (*get_id) (LineupPost *),
             gint64        id,
             GError      **error)
{
  g_autoptr(GPtrArray) all = lineup_store_list_all_posts (self, error);
  GPtrArray *using;

  if (all == NULL)
    return NULL;
  using = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < all->len; i++)
    if (get_id (all->pdata[i]) == id)
      g_ptr_array_add (using, g_object_ref (all->pdata[i]));
  return using;
}

/* Inside an operation: says every post of @posts changed (their pillar or
 * campaign now reads differently, or is another): views redraw them, a
 * shared plan sends them, and undo restores them. With @set_pillar or
 * @clear_campaign, the post is re-tagged and stored as its next revision. */
static gboolean
retag_posts (LineupStore  *self,
             GPtrArray    *posts,
             gint64        set_pillar,
             gboolean      clear_campaign,
             GError      **error)
{
  gint64 now = _lineup_store_now_seconds ();

  for (guint i = 0; i < posts->len; i++)
    {
      LineupPost *current = posts->pdata[i];
      g_autoptr(LineupPost) changed = lineup_post_copy (current);

      if (set_pillar != 0)
        lineup_post_set_pillar_id (changed, set_pillar);
      if (clear_campaign)
        lineup_post_set_campaign_id (changed, 0);
      if (set_pillar != 0 || clear_campaign)
        {
          _lineup_post_set_bookkeeping (changed, lineup_post_get_created_at (current), now,
                                        lineup_post_get_revision (current) + 1, 0);
          if (!_lineup_store_write_post_row (self, changed, error))
            return FALSE;
        }
      _lineup_store_record_post_change (self, current, changed);
    }
  return TRUE;
}

gboolean
lineup_store_edit_pillar (LineupStore  *self,
                          gint64        pillar_id,
                          const char   *name,
                          const char   *color,
                          gboolean      set_target,
                          double        target,
                          GError      **error)
{
  static const char sql[] =
    "UPDATE pillars SET name = ?, color = ?, target = ? WHERE id = ?";
  LineupPillar *pillar;
  g_autoptr(LineupPillar) keep = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  sqlite3_stmt *stmt;
  double new_target;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  pillar = lineup_store_get_pillar (self, pillar_id);
  if (pillar == NULL)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND, _("No such pillar"));
      return FALSE;
    }
  keep = g_object_ref (pillar);
  if (!check_rename (G_LIST_MODEL (self->pillars), (gpointer) lineup_pillar_get_name, pillar,
                     _("The pillar’s name"), _("There is already a pillar called “%s”: pick another name"),
                     name, &clean, error) ||
      !check_color (color, "#3584e4", error))
    return FALSE;
  if (set_target && target >= 0 && !check_percent (_("The target share"), target, error))
    return FALSE;
  new_target = set_target ? (target >= 0 ? target : -1) : lineup_pillar_get_target (pillar);

  label = g_strdup_printf (clean && g_strcmp0 (clean, lineup_pillar_get_name (pillar)) != 0
                             ? _("Rename pillar “%s”") : _("Change pillar “%s”"),
                           lineup_pillar_get_name (pillar));
  if (!_lineup_store_begin_operation (self, label, error))
    return FALSE;
  if (!_lineup_store_catalog_will_change (self, error) ||
      (stmt = _lineup_store_prepare (self, sql, error)) == NULL)
    return _lineup_store_end_operation (self, FALSE, NULL);
  sqlite3_bind_text (stmt, 1, clean ? clean : lineup_pillar_get_name (keep), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, color ? color : lineup_pillar_get_color (keep), -1, SQLITE_TRANSIENT);
  if (new_target >= 0)
    sqlite3_bind_double (stmt, 3, new_target);
  else
    sqlite3_bind_null (stmt, 3);
  sqlite3_bind_int64 (stmt, 4, pillar_id);
  if (!_lineup_store_step_done (self, stmt, _("change the pillar"), error) ||
      !_lineup_store_load_pillars (self, error))
    return _lineup_store_end_operation (self, FALSE, NULL);
  /* A post names its pillar (in a shared plan's records, in exports): a
   * new name is a change of each of its posts. */
  if (clean && g_strcmp0 (clean, lineup_pillar_get_name (keep)) != 0)
    {
      posts = posts_using (self, lineup_post_get_pillar_id, pillar_id, error);
      if (posts == NULL || !retag_posts (self, posts, 0, FALSE, error))
        return _lineup_store_end_operation (self, FALSE, NULL);
    }
  _lineup_store_queue_signal (self, PENDING_PILLARS, NULL, NULL);
  return _lineup_store_end_operation (self, TRUE, error);
}

guint
lineup_store_count_pillar_posts (LineupStore *self,
                                 gint64       pillar_id)
{
  g_autoptr(GPtrArray) posts = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), 0);
  posts = posts_using (self, lineup_post_get_pillar_id, pillar_id, NULL);
  return posts ? posts->len : 0;
}

guint
lineup_store_count_campaign_posts (LineupStore *self,
                                   gint64       campaign_id)
{
  g_autoptr(GPtrArray) posts = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), 0);
  posts = posts_using (self, lineup_post_get_campaign_id, campaign_id, NULL);
  return posts ? posts->len : 0;
}

gboolean
lineup_store_remove_pillar (LineupStore  *self,
                            gint64        pillar_id,
                            gint64        move_to,
                            GError      **error)
{
  static const char sql[] = "DELETE FROM pillars WHERE id = ?";
  LineupPillar *pillar, *other = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autofree char *label = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  pillar = lineup_store_get_pillar (self, pillar_id);
  if (pillar == NULL)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND, _("No such pillar"));
      return FALSE;
    }
  if (move_to != 0 && ((other = lineup_store_get_pillar (self, move_to)) == NULL || move_to == pillar_id))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The posts of “%s” cannot move to the pillar they leave: pick another pillar"),
                   lineup_pillar_get_name (pillar));
      return FALSE;
    }
  posts = posts_using (self, lineup_post_get_pillar_id, pillar_id, error);
  if (posts == NULL)
    return FALSE;
  if (posts->len > 0 && other == NULL)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The pillar “%s” is used by %u post: pick another pillar for it to move to",
                                "The pillar “%s” is used by %u posts: pick another pillar for them to move to",
                                posts->len),
                   lineup_pillar_get_name (pillar), posts->len);
      return FALSE;
    }

  label = g_strdup_printf (_("Remove pillar “%s”"), lineup_pillar_get_name (pillar));
  if (!_lineup_store_begin_operation (self, label, error))
    return FALSE;
  if (!_lineup_store_catalog_will_change (self, error) ||
      !retag_posts (self, posts, move_to, FALSE, error) ||
      !_lineup_store_purge_deleted_posts (self, "pillar_id", pillar_id, error) ||
      (stmt = _lineup_store_prepare (self, sql, error)) == NULL)
    return _lineup_store_end_operation (self, FALSE, NULL);
  sqlite3_bind_int64 (stmt, 1, pillar_id);
  if (!_lineup_store_step_done (self, stmt, _("remove the pillar"), error) ||
      !_lineup_store_load_pillars (self, error))
    return _lineup_store_end_operation (self, FALSE, NULL);
  _lineup_store_queue_signal (self, PENDING_PILLARS, NULL, NULL);
  return _lineup_store_end_operation (self, TRUE, error);
}

gboolean
lineup_store_edit_campaign (LineupStore  *self,
                            gint64        campaign_id,
                            const char   *name,
                            const char   *color,
                            const char   *starts_on,
                            const char   *ends_on,
                            GError      **error)
{
  static const char sql[] =
    "UPDATE campaigns SET name = ?, color = ?, starts_on = ?, ends_on = ? WHERE id = ?";
  LineupCampaign *campaign;
  g_autoptr(LineupCampaign) keep = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  campaign = lineup_store_get_campaign (self, campaign_id);
  if (campaign == NULL)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND, _("No such campaign"));
      return FALSE;
    }
  keep = g_object_ref (campaign);
  if (!check_rename (G_LIST_MODEL (self->campaigns), (gpointer) lineup_campaign_get_name, campaign,
                     _("The campaign’s name"), _("There is already a campaign called “%s”: pick another name"),
                     name, &clean, error) ||
      !check_color (color, "#e66100", error))
    return FALSE;
  if (starts_on == NULL)
    starts_on = lineup_campaign_get_starts_on (keep);
  if (ends_on == NULL)
    ends_on = lineup_campaign_get_ends_on (keep);
  if (!lineup_parse_date (starts_on, NULL) || !lineup_parse_date (ends_on, NULL))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The campaign’s dates are not valid: expected a start and an end as YYYY-MM-DD, the end not before the start"));
      return FALSE;
    }
  if (g_strcmp0 (starts_on, ends_on) > 0)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The campaign “%s” would start on %s, after it ends on %s: move the start or the end"),
                   lineup_campaign_get_name (keep), starts_on, ends_on);
      return FALSE;
    }

  label = g_strdup_printf (_("Change campaign “%s”"), lineup_campaign_get_name (keep));
  if (!_lineup_store_begin_operation (self, label, error))
    return FALSE;
  if (!_lineup_store_catalog_will_change (self, error) ||
      (stmt = _lineup_store_prepare (self, sql, error)) == NULL)
    return _lineup_store_end_operation (self, FALSE, NULL);
  sqlite3_bind_text (stmt, 1, clean ? clean : lineup_campaign_get_name (keep), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, color ? color : lineup_campaign_get_color (keep), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, starts_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, ends_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, campaign_id);
  if (!_lineup_store_step_done (self, stmt, _("change the campaign"), error) ||
      !_lineup_store_load_campaigns (self, error))
    return _lineup_store_end_operation (self, FALSE, NULL);
  if (clean && g_strcmp0 (clean, lineup_campaign_get_name (keep)) != 0)
    {
      posts = posts_using (self, lineup_post_get_campaign_id, campaign_id, error);
      if (posts == NULL || !retag_posts (self, posts, 0, FALSE, error))
        return _lineup_store_end_operation (self, FALSE, NULL);
    }
  _lineup_store_queue_signal (self, PENDING_CAMPAIGNS, NULL, NULL);
  return _lineup_store_end_operation (self, TRUE, error);
}

gboolean
lineup_store_remove_campaign (LineupStore  *self,
                              gint64        campaign_id,
                              GError      **error)
{
  static const char sql[] = "DELETE FROM campaigns WHERE id = ?";
  LineupCampaign *campaign;
  g_autoptr(GPtrArray) posts = NULL;
  g_autofree char *label = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  campaign = lineup_store_get_campaign (self, campaign_id);
  if (campaign == NULL)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND, _("No such campaign"));
      return FALSE;
    }
  posts = posts_using (self, lineup_post_get_campaign_id, campaign_id, error);
  if (posts == NULL)
    return FALSE;

  label = g_strdup_printf (_("Remove campaign “%s”"), lineup_campaign_get_name (campaign));
  if (!_lineup_store_begin_operation (self, label, error))
    return FALSE;
  /* Its posts stay, in no campaign. */
  if (!_lineup_store_catalog_will_change (self, error) ||
      !retag_posts (self, posts, 0, TRUE, error) ||
      (stmt = _lineup_store_prepare (self, sql, error)) == NULL)
    return _lineup_store_end_operation (self, FALSE, NULL);
  sqlite3_bind_int64 (stmt, 1, campaign_id);
  if (!_lineup_store_step_done (self, stmt, _("remove the campaign"), error) ||
      !_lineup_store_load_campaigns (self, error))
    return _lineup_store_end_operation (self, FALSE, NULL);
  _lineup_store_queue_signal (self, PENDING_CAMPAIGNS, NULL, NULL);
  return _lineup_store_end_operation (self, TRUE, error);
}
