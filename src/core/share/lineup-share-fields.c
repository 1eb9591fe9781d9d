/* lineup-share-fields.c: which fields of a shared plan's records travel as
 * iCalendar properties of their own (X-LINEUP-STAGE, …) rather than as an
 * X-LINEUP-FIELD; docs/sharing.md names them. Used by lineup-share-ical.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lineup-share-fields.h"

/* The fields a kind writes as a property of their own (docs/sharing.md
 * §3, §6a, §7); every other field is an X-LINEUP-FIELD. */
static const struct {
  LineupShareKind  kind;
  const char      *field;
  const char      *property;
} named[] = {
  { LINEUP_SHARE_POST, "stage", "X-LINEUP-STAGE" },
  { LINEUP_SHARE_POST, "pillar", "X-LINEUP-PILLAR" },
  { LINEUP_SHARE_POST, "type", "X-LINEUP-TYPE" },
  { LINEUP_SHARE_POST, "platforms", "X-LINEUP-PLATFORMS" },
  { LINEUP_SHARE_POST, "campaign", "X-LINEUP-CAMPAIGN" },
  { LINEUP_SHARE_POST, "due", "X-LINEUP-DUE" },
  { LINEUP_SHARE_POST, "created", "X-LINEUP-CREATED" },
  { LINEUP_SHARE_POST, "goal", "X-LINEUP-GOAL" },
  { LINEUP_SHARE_POST, "audience", "X-LINEUP-AUDIENCE" },
  { LINEUP_SHARE_POST, "key_message", "X-LINEUP-KEY-MESSAGE" },
  { LINEUP_SHARE_POST, "call_to_action", "X-LINEUP-CALL-TO-ACTION" },
  { LINEUP_SHARE_POST, "hashtags", "X-LINEUP-HASHTAGS" },
  { LINEUP_SHARE_POST, "owner", "X-LINEUP-OWNER" },
  { LINEUP_SHARE_POST, "series", "X-LINEUP-SERIES" },
  { LINEUP_SHARE_POST, "source", "X-LINEUP-SOURCE" },
  { LINEUP_SHARE_POST, "evergreen", "X-LINEUP-EVERGREEN" },
  { LINEUP_SHARE_POST, "captions", "X-LINEUP-CAPTIONS" },
  { LINEUP_SHARE_POST, "content_warning", "X-LINEUP-CW" },
  { LINEUP_SHARE_POST, "results", "X-LINEUP-RESULTS" },
  { LINEUP_SHARE_POST, "url", "X-LINEUP-URL" },
  /* Read only: written when SUMMARY/DESCRIPTION cannot carry the value. */
  { LINEUP_SHARE_POST, "title", "X-LINEUP-TITLE" },
  { LINEUP_SHARE_POST, "body", "X-LINEUP-BODY" },
  { LINEUP_SHARE_APPROVAL, "post", "X-LINEUP-POST" },
  { LINEUP_SHARE_APPROVAL, "step", "X-LINEUP-STEP" },
  { LINEUP_SHARE_APPROVAL, "approver", "X-LINEUP-APPROVER" },
  { LINEUP_SHARE_APPROVAL, "content-key", "X-LINEUP-CONTENT-KEY" },
  { LINEUP_SHARE_APPROVAL, "at", "X-LINEUP-AT" },
  { LINEUP_SHARE_CLAIM, "post", "X-LINEUP-POST" },
  { LINEUP_SHARE_CLAIM, "account", "X-LINEUP-ACCOUNT" },
  { LINEUP_SHARE_CLAIM, "machine", "X-LINEUP-MACHINE" },
  { LINEUP_SHARE_CLAIM, "at", "X-LINEUP-AT" },
};

const char *
_lineup_share_named_property (LineupShareKind  kind,
                              const char      *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    if (named[i].kind == kind && strcmp (named[i].field, field) == 0)
      return named[i].property;
  return NULL;
}

const char *
_lineup_share_named_field (LineupShareKind  kind,
                           const char      *property)
{
  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    if (named[i].kind == kind && g_ascii_strcasecmp (named[i].property, property) == 0)
      return named[i].field;
  return NULL;
}
