/* lineup-content-type.h: what a post does for its audience (Educational, …).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-types.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_CONTENT_TYPE (lineup_content_type_get_type ())
G_DECLARE_FINAL_TYPE (LineupContentType, lineup_content_type, LINEUP, CONTENT_TYPE, GObject)

LineupContentType *lineup_content_type_new           (gint64      id,
                                                      const char *key,
                                                      const char *name,
                                                      double      target_min,
                                                      double      target_max);
gint64             lineup_content_type_get_id        (LineupContentType *self);
/* "educational", "narrative", "proof", "community", "promotional" for the
 * five defaults; NULL for types the user added. */
const char        *lineup_content_type_get_key       (LineupContentType *self);
const char        *lineup_content_type_get_name      (LineupContentType *self);
/* A symbolic icon name; user types share a generic one. */
const char        *lineup_content_type_get_icon_name (LineupContentType *self);
/* Target share range in percent; negative when none. */
double             lineup_content_type_get_target_min (LineupContentType *self);
double             lineup_content_type_get_target_max (LineupContentType *self);

G_END_DECLS
