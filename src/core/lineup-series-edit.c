/* lineup-series-edit.c: editing a post of a series (lineup-series-edit.h)
 * as one operation over the store: each post through the workflow's edit,
 * and the occurrence's "own" mark (lineup-store-series.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lineup-series-edit.h"
#include "lineup-workflow.h"

gboolean
lineup_series_scope_from_key (const char        *key,
                              LineupSeriesScope *out_scope)
{
  static const char * const keys[] = { "this", "following", "all" };

  for (guint i = 0; key && i < G_N_ELEMENTS (keys); i++)
    if (g_ascii_strcasecmp (key, keys[i]) == 0)
      {
        *out_scope = i;
        return TRUE;
      }
  return FALSE;
}

/* Gives @target what @edited changed from @before. */
static void
apply_changes (LineupPost *target,
               LineupPost *before,
               LineupPost *edited)
{
  if (g_strcmp0 (lineup_post_get_title (before), lineup_post_get_title (edited)) != 0)
    lineup_post_set_title (target, lineup_post_get_title (edited));
  if (g_strcmp0 (lineup_post_get_body (before), lineup_post_get_body (edited)) != 0)
    lineup_post_set_body (target, lineup_post_get_body (edited));
  if (g_strcmp0 (lineup_post_get_captions (before), lineup_post_get_captions (edited)) != 0)
    lineup_post_set_captions (target, lineup_post_get_captions (edited));
  if (g_strcmp0 (lineup_post_get_content_warning (before), lineup_post_get_content_warning (edited)) != 0)
    lineup_post_set_content_warning (target, lineup_post_get_content_warning (edited));
  if (lineup_post_get_pillar_id (before) != lineup_post_get_pillar_id (edited))
    lineup_post_set_pillar_id (target, lineup_post_get_pillar_id (edited));
  if (lineup_post_get_type_id (before) != lineup_post_get_type_id (edited))
    lineup_post_set_type_id (target, lineup_post_get_type_id (edited));
  if (lineup_post_get_campaign_id (before) != lineup_post_get_campaign_id (edited))
    lineup_post_set_campaign_id (target, lineup_post_get_campaign_id (edited));
  if (!g_strv_equal (lineup_post_get_platforms (before), lineup_post_get_platforms (edited)))
    lineup_post_set_platforms (target, lineup_post_get_platforms (edited));
  for (guint f = 0; f < LINEUP_N_BRIEF_FIELDS; f++)
    if (g_strcmp0 (lineup_post_get_brief (before, f), lineup_post_get_brief (edited, f)) != 0)
      lineup_post_set_brief (target, f, lineup_post_get_brief (edited, f));
}

gboolean
lineup_series_edit (LineupStore        *store,
                    LineupPost         *edited,
                    LineupSeriesScope   scope,
                    GError            **error)
{
  g_autoptr(LineupPost) before = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *label = NULL;
  g_autofree char *title = NULL;
  const char *id;
  GDate occurs_on;
  gboolean ok = TRUE;

  g_return_val_if_fail (LINEUP_IS_STORE (store), FALSE);
  g_return_val_if_fail (LINEUP_IS_POST (edited), FALSE);

  id = lineup_post_get_id (edited);
  if ((before = lineup_store_get_post (store, id, error)) == NULL)
    return FALSE;
  if (!lineup_store_get_post_series (store, lineup_post_get_id (before), &uid, &occurs_on))
    return lineup_workflow_edit (store, edited, error);
  if (lineup_post_content_equal (before, edited))
    return TRUE;

  title = g_utf8_substring (lineup_post_get_title (before), 0,
                            MIN (40, g_utf8_strlen (lineup_post_get_title (before), -1)));
  label = g_strdup_printf (scope == LINEUP_SERIES_THIS ? _("Edit “%s”")
                           : scope == LINEUP_SERIES_FOLLOWING ? _("Edit “%s” and the following")
                           : _("Edit every “%s”"), title);
  lineup_store_begin (store, label);
  if (scope == LINEUP_SERIES_THIS)
    ok = lineup_workflow_edit (store, edited, error) &&
         lineup_store_set_series_own (store, lineup_post_get_id (before), TRUE, error);
  else
    {
      targets = lineup_store_list_series_posts (store, uid, scope == LINEUP_SERIES_FOLLOWING ? &occurs_on : NULL);
      for (guint i = 0; ok && i < targets->len; i++)
        {
          LineupPost *target = g_ptr_array_index (targets, i);
          g_autoptr(LineupPost) changed = NULL;

          /* The edited post itself learns its new revision, as with
           * lineup_workflow_edit (). */
          if (g_strcmp0 (lineup_post_get_id (target), lineup_post_get_id (before)) == 0)
            changed = g_object_ref (edited);
          else
            {
              changed = lineup_post_copy (target);
              apply_changes (changed, before, edited);
            }
          ok = lineup_workflow_edit (store, changed, error) &&
               lineup_store_set_series_own (store, lineup_post_get_id (target), FALSE, error);
        }
    }
  if (!ok)
    {
      lineup_store_rollback (store);
      return FALSE;
    }
  return lineup_store_commit (store, error);
}
