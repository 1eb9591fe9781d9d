/* lineup-pillar.h: a content pillar, a recurring theme the brand owns.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-types.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_PILLAR (lineup_pillar_get_type ())
G_DECLARE_FINAL_TYPE (LineupPillar, lineup_pillar, LINEUP, PILLAR, GObject)

/* Instances come from the store and do not change; the store replaces them. */
LineupPillar *lineup_pillar_new        (gint64      id,
                                        const char *name,
                                        const char *color,
                                        double      target);
gint64        lineup_pillar_get_id     (LineupPillar *self);
const char   *lineup_pillar_get_name   (LineupPillar *self);
/* "#RRGGBB" */
const char   *lineup_pillar_get_color  (LineupPillar *self);
/* Target share of the month in percent, or a negative value for none. */
double        lineup_pillar_get_target (LineupPillar *self);

G_END_DECLS
