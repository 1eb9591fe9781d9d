/* lineup-campaign.h: a named window of dates posts can belong to.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-types.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_CAMPAIGN (lineup_campaign_get_type ())
G_DECLARE_FINAL_TYPE (LineupCampaign, lineup_campaign, LINEUP, CAMPAIGN, GObject)

LineupCampaign *lineup_campaign_new            (gint64      id,
                                                const char *name,
                                                const char *color,
                                                const char *starts_on,
                                                const char *ends_on);
gint64          lineup_campaign_get_id         (LineupCampaign *self);
const char     *lineup_campaign_get_name       (LineupCampaign *self);
const char     *lineup_campaign_get_color      (LineupCampaign *self);
/* "YYYY-MM-DD" in the plan's time zone, inclusive. */
const char     *lineup_campaign_get_starts_on  (LineupCampaign *self);
const char     *lineup_campaign_get_ends_on    (LineupCampaign *self);

G_END_DECLS
