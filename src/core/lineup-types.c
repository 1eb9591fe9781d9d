/* lineup-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lineup-types.h"

static const struct {
  const char *key;
  const char *label;
} stages[LINEUP_N_STAGES] = {
  { "brief", N_("Brief") },
  { "draft", N_("Draft") },
  { "in-review", N_("In review") },
  { "approved", N_("Approved") },
  { "scheduled", N_("Scheduled") },
  { "published", N_("Published") },
};

const char *
lineup_stage_to_key (LineupStage stage)
{
  g_return_val_if_fail ((guint) stage < LINEUP_N_STAGES, NULL);
  return stages[stage].key;
}

const char *
lineup_stage_to_label (LineupStage stage)
{
  g_return_val_if_fail ((guint) stage < LINEUP_N_STAGES, NULL);
  return g_dgettext (GETTEXT_PACKAGE, stages[stage].label);
}

gboolean
lineup_stage_from_string (const char  *text,
                          LineupStage *out_stage)
{
  g_autofree char *norm = NULL;

  g_return_val_if_fail (out_stage != NULL, FALSE);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;

  norm = g_ascii_strdown (text, -1);
  g_strstrip (norm);
  g_strdelimit (norm, "_ ", '-');

  for (guint i = 0; i < LINEUP_N_STAGES; i++)
    {
      g_autofree char *label = g_ascii_strdown (stages[i].label, -1);

      g_strdelimit (label, " ", '-');
      if (g_str_equal (norm, stages[i].key) || g_str_equal (norm, label))
        {
          *out_stage = (LineupStage) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
lineup_stage_list_keys (void)
{
  return "brief, draft, in-review, approved, scheduled, published";
}
