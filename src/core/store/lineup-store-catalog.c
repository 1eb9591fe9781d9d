/* lineup-store-catalog.c: what posts are tagged with: pillars, content types
 * and campaigns (their caches, adding, finding), and the content mix's
 * targets and counted stages.
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
  stmt = _lineup_store_prepare (self, sql, error);
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
  stmt = _lineup_store_prepare (self, sql, error);
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
  stmt = _lineup_store_prepare (self, sql, error);
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

  if (!_lineup_store_begin_operation (self, NULL, error))
    return FALSE;
  stmt = _lineup_store_prepare (self, sql, error);
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

  if (!_lineup_store_begin_operation (self, NULL, error))
    return FALSE;
  stmt = _lineup_store_prepare (self, sql, error);
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
