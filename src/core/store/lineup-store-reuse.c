/* lineup-store-reuse.c: evergreen marks, repurposed posts, evergreen copies
 * and a post's family (see lineup-store-reuse.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lineup-store-private.h"
#include "lineup-store-reuse.h"

static char *
short_title (LineupPost *post)
{
  const char *full = lineup_post_get_title (post);

  return g_utf8_substring (full, 0, MIN (40, g_utf8_strlen (full, -1)));
}

gboolean
lineup_store_set_evergreen (LineupStore  *self,
                            const char   *id,
                            gboolean      evergreen,
                            guint         min_gap_days,
                            const char   *until,
                            GError      **error)
{
  g_autoptr(LineupPost) current = NULL;
  g_autoptr(LineupPost) changed = NULL;
  g_autofree char *mark = NULL;
  g_autofree char *title = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  if ((current = lineup_store_get_post (self, id, error)) == NULL)
    return FALSE;
  title = short_title (current);
  if (evergreen)
    {
      if (lineup_post_get_stage (current) != LINEUP_STAGE_PUBLISHED)
        {
          g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                       _("“%s” is %s, not published: only a published post can be evergreen (it comes back as a copy of what went out). Mark it once it is published"),
                       lineup_post_get_title (current), lineup_stage_to_label (lineup_post_get_stage (current)));
          return FALSE;
        }
      if (min_gap_days > LINEUP_EVERGREEN_MAX_GAP_DAYS)
        {
          g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                       _("A minimum gap of %u days is too long: give 0 to %d days"),
                       min_gap_days, LINEUP_EVERGREEN_MAX_GAP_DAYS);
          return FALSE;
        }
      if (until && !lineup_parse_date (until, NULL))
        {
          g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                       _("The last date “%s” is not a valid date: expected YYYY-MM-DD"),
                       g_utf8_validate (until, -1, NULL) ? until : "?");
          return FALSE;
        }
      mark = lineup_evergreen_format (min_gap_days, until);
      label = g_strdup_printf (_("Mark “%s” Evergreen"), title);
    }
  else
    {
      if (lineup_post_get_evergreen (current) == NULL)
        {
          g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND,
                       _("“%s” is not evergreen: there is no mark to remove (see “lineup evergreen list”)"),
                       lineup_post_get_title (current));
          return FALSE;
        }
      label = g_strdup_printf (_("Remove “%s” from Evergreen"), title);
    }
  if (g_strcmp0 (mark, lineup_post_get_evergreen (current)) == 0)
    return TRUE;

  changed = lineup_post_copy (current);
  lineup_post_set_evergreen (changed, mark);
  if (!_lineup_store_validate_post (self, changed, error))
    return FALSE;
  _lineup_post_set_bookkeeping (changed, lineup_post_get_created_at (current),
                                _lineup_store_now_seconds (),
                                lineup_post_get_revision (current) + 1, 0);
  if (!_lineup_store_begin_operation (self, label, error))
    return FALSE;
  if (!_lineup_store_write_post_row (self, changed, error))
    return _lineup_store_end_operation (self, FALSE, NULL);
  _lineup_store_record_post_change (self, current, changed);
  return _lineup_store_end_operation (self, TRUE, error);
}

GPtrArray *
lineup_store_list_evergreen (LineupStore  *self,
                             GError      **error)
{
  g_autoptr(GPtrArray) all = lineup_store_list_all_posts (self, error);
  GPtrArray *marked;

  if (all == NULL)
    return NULL;
  marked = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < all->len; i++)
    if (lineup_post_get_evergreen (all->pdata[i]))
      g_ptr_array_add (marked, g_object_ref (all->pdata[i]));
  return marked;
}

/* A fresh Draft made from @source: content and brief carried, its own id,
 * history and approvals to come, no evergreen mark, linked to @source. */
static LineupPost *
new_copy (LineupPost *source)
{
  LineupPost *copy = lineup_post_copy (source);

  _lineup_post_set_id (copy, NULL);
  _lineup_post_set_bookkeeping (copy, 0, 0, 0, 0);
  _lineup_post_set_stage (copy, LINEUP_STAGE_DRAFT);
  lineup_post_set_evergreen (copy, NULL);
  lineup_post_set_due_on (copy, NULL);
  lineup_post_set_source_id (copy, lineup_post_get_id (source));
  return copy;
}

LineupPost *
lineup_store_repurpose_post (LineupStore        *self,
                             const char         *id,
                             gint64              type_id,
                             const char * const *platforms,
                             const GDate        *date,
                             GError            **error)
{
  g_autoptr(LineupPost) source = NULL;
  g_autoptr(LineupPost) copy = NULL;
  g_autofree char *title = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);

  if ((source = lineup_store_get_post (self, id, error)) == NULL)
    return NULL;
  if (lineup_store_get_content_type (self, type_id) == NULL)
    {
      g_autofree char *names = lineup_store_list_content_type_names (self);

      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_NOT_FOUND,
                   _("Repurpose as which type? Choose one of %s"), names);
      return NULL;
    }
  copy = new_copy (source);
  lineup_post_set_type_id (copy, type_id);
  if (platforms)
    lineup_post_set_platforms (copy, platforms);
  if (lineup_post_get_type_id (copy) == lineup_post_get_type_id (source) &&
      g_strv_equal ((const char * const *) lineup_post_get_platforms (copy),
                    (const char * const *) lineup_post_get_platforms (source)))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("“%s” is already of that type on those networks: repurpose it as another type or for other networks (or duplicate it)"),
                   lineup_post_get_title (source));
      return NULL;
    }
  if (date)
    {
      int minutes = lineup_store_get_default_time (self);

      if (lineup_post_is_dated (source))
        lineup_store_utc_to_local (self, lineup_post_get_scheduled_at (source), NULL, &minutes);
      lineup_post_set_scheduled_at (copy, lineup_store_local_to_utc (self, (GDate *) date, minutes));
    }
  else
    lineup_post_set_scheduled_at (copy, LINEUP_POST_UNDATED);

  title = short_title (source);
  label = g_strdup_printf (_("Repurpose “%s”"), title);
  lineup_store_begin (self, label);
  if (!lineup_store_add_post (self, copy, error))
    {
      lineup_store_rollback (self);
      return NULL;
    }
  if (!lineup_store_commit (self, error))
    return NULL;
  return g_steal_pointer (&copy);
}

void
lineup_reuse_copy_free (LineupReuseCopy *copy)
{
  if (copy == NULL)
    return;
  g_clear_object (&copy->source);
  g_free (copy);
}

GPtrArray *
lineup_store_add_evergreen_copies (LineupStore  *self,
                                   GPtrArray    *copies,
                                   GError      **error)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *label = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), NULL);
  g_return_val_if_fail (copies != NULL, NULL);

  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Add %u Evergreen Post", "Add %u Evergreen Posts",
                                        copies->len), copies->len);
  lineup_store_begin (self, label);
  for (guint i = 0; i < copies->len; i++)
    {
      LineupReuseCopy *c = g_ptr_array_index (copies, i);
      g_autoptr(LineupPost) copy = new_copy (c->source);
      const char *platforms[] = { c->platform, NULL };

      lineup_post_set_scheduled_at (copy, c->at);
      lineup_post_set_platforms (copy, platforms);
      if (!lineup_store_add_post (self, copy, error))
        {
          lineup_store_rollback (self);
          return NULL;
        }
      g_ptr_array_add (added, g_steal_pointer (&copy));
    }
  if (!lineup_store_commit (self, error))
    return NULL;
  return g_steal_pointer (&added);
}

gboolean
lineup_store_get_family (LineupStore  *self,
                         LineupPost   *post,
                         LineupPost  **out_source,
                         GPtrArray   **out_children,
                         GError      **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(LineupPost) source = NULL;
  g_autoptr(GPtrArray) children = g_ptr_array_new_with_free_func (g_object_unref);
  const char *id = lineup_post_get_id (post);

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  if ((all = lineup_store_list_all_posts (self, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < all->len; i++)
    {
      LineupPost *p = all->pdata[i];

      if (id && g_strcmp0 (lineup_post_get_source_id (p), id) == 0)
        g_ptr_array_add (children, g_object_ref (p));
      if (lineup_post_get_source_id (post) &&
          g_strcmp0 (lineup_post_get_id (p), lineup_post_get_source_id (post)) == 0)
        source = g_object_ref (p);
    }
  if (out_source)
    *out_source = g_steal_pointer (&source);
  if (out_children)
    *out_children = g_steal_pointer (&children);
  return TRUE;
}
