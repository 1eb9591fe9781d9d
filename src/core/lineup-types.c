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

static const struct {
  const char *key;
  const char *label;
} roles[LINEUP_N_ROLES] = {
  { "lead", N_("Lead") },
  { "editor", N_("Editor") },
  { "approver", N_("Approver") },
};

const char *
lineup_role_to_key (LineupRole role)
{
  g_return_val_if_fail ((guint) role < LINEUP_N_ROLES, NULL);
  return roles[role].key;
}

const char *
lineup_role_to_label (LineupRole role)
{
  g_return_val_if_fail ((guint) role < LINEUP_N_ROLES, NULL);
  return g_dgettext (GETTEXT_PACKAGE, roles[role].label);
}

gboolean
lineup_role_from_string (const char *text,
                         LineupRole *out_role)
{
  g_return_val_if_fail (out_role != NULL, FALSE);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (guint i = 0; i < LINEUP_N_ROLES; i++)
    if (g_ascii_strcasecmp (text, roles[i].key) == 0 ||
        g_utf8_collate (text, g_dgettext (GETTEXT_PACKAGE, roles[i].label)) == 0)
      {
        *out_role = (LineupRole) i;
        return TRUE;
      }
  return FALSE;
}

static const char * const history_kinds[LINEUP_N_HISTORY_KINDS] = {
  "stage", "approve", "request-changes", "comment", "check", "uncheck", "edit",
};

const char *
lineup_history_kind_to_key (LineupHistoryKind kind)
{
  g_return_val_if_fail ((guint) kind < LINEUP_N_HISTORY_KINDS, NULL);
  return history_kinds[kind];
}

gboolean
lineup_history_kind_from_key (const char        *key,
                              LineupHistoryKind *out_kind)
{
  for (guint i = 0; key && i < LINEUP_N_HISTORY_KINDS; i++)
    if (g_str_equal (key, history_kinds[i]))
      {
        *out_kind = (LineupHistoryKind) i;
        return TRUE;
      }
  return FALSE;
}
