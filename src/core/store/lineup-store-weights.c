/* lineup-store-weights.c: the plan's engagement weights
 * (lineup-store-weights.h) and the shared plan's `results:weights` field
 * of the plan record (docs/sharing.md §4): read, checked, written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "lineup-store-private.h"
#include "lineup-store-share.h"
#include "lineup-store-weights.h"

#define WEIGHTS_KEY "results_weights"
#define WEIGHTS_FIELD "results:weights"

void
lineup_store_get_result_weights (LineupStore         *self,
                                 LineupResultWeights *out_weights)
{
  g_autofree char *text = NULL;

  g_return_if_fail (out_weights != NULL);
  lineup_result_weights_default (out_weights);
  g_return_if_fail (LINEUP_IS_STORE (self));

  text = _lineup_store_read_meta (self, WEIGHTS_KEY);
  /* A value this Lineup cannot read (written by hand) counts as the defaults. */
  if (text && !lineup_result_weights_parse (text, out_weights, NULL))
    lineup_result_weights_default (out_weights);
}

/* Writes @text under the key (NULL: removes it) inside an operation. */
static gboolean
write_weights (LineupStore  *self,
               const char   *text,
               GError      **error)
{
  sqlite3_stmt *stmt;

  if (text)
    return _lineup_store_write_meta (self, WEIGHTS_KEY, text, error);
  if ((stmt = _lineup_store_prepare (self, "DELETE FROM meta WHERE key = '" WEIGHTS_KEY "'", error)) == NULL)
    return FALSE;
  return _lineup_store_step_done (self, stmt, _("save the engagement weights"), error);
}

gboolean
lineup_store_set_result_weights (LineupStore                *self,
                                 const LineupResultWeights  *weights,
                                 GError                    **error)
{
  LineupResultWeights before, after;
  g_autofree char *text = NULL;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  if (weights)
    after = *weights;
  else
    lineup_result_weights_default (&after);
  after.weight[LINEUP_RESULT_IMPRESSIONS] = 0.0;
  if (!lineup_result_weights_check (&after, error))
    return FALSE;
  lineup_store_get_result_weights (self, &before);
  if (lineup_result_weights_equal (&before, &after))
    return TRUE;

  text = lineup_result_weights_is_default (&after) ? NULL : lineup_result_weights_to_text (&after);
  if (!_lineup_store_begin_operation (self, _("Change engagement weights"), error))
    return FALSE;
  /* The undo step restores the catalog's snapshot, which holds the weights. */
  if (!_lineup_store_catalog_will_change (self, error) || !write_weights (self, text, error))
    return _lineup_store_end_operation (self, FALSE, NULL);
  _lineup_store_queue_signal (self, PENDING_PLAN, NULL, NULL);
  return _lineup_store_end_operation (self, TRUE, error);
}

/* ---- a shared plan's record ---- */

void
_lineup_store_weights_read_fields (LineupStore       *self,
                                   LineupShareRecord *record)
{
  LineupResultWeights weights;
  g_autofree char *text = NULL;

  lineup_store_get_result_weights (self, &weights);
  if (!lineup_result_weights_is_default (&weights))
    text = lineup_result_weights_to_text (&weights);
  lineup_share_record_set (record, WEIGHTS_FIELD, text);
}

gboolean
_lineup_store_weights_check_fields (const LineupShareRecord  *record,
                                    char                    **out_bad_field)
{
  const char *text = lineup_share_record_get (record, WEIGHTS_FIELD);
  LineupResultWeights weights;

  if (text == NULL || lineup_result_weights_parse (text, &weights, NULL))
    return TRUE;
  *out_bad_field = g_strdup (WEIGHTS_FIELD);
  return FALSE;
}

gboolean
_lineup_store_weights_write_fields (LineupStore              *self,
                                    const LineupShareRecord  *record,
                                    GError                  **error)
{
  const char *text = lineup_share_record_get (record, WEIGHTS_FIELD);
  LineupResultWeights weights;

  if (text == NULL || !lineup_result_weights_parse (text, &weights, NULL) ||
      lineup_result_weights_is_default (&weights))
    return write_weights (self, NULL, error);
  {
    g_autofree char *clean = lineup_result_weights_to_text (&weights);

    return write_weights (self, clean, error);
  }
}
