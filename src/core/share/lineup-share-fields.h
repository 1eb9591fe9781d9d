/* lineup-share-fields.h: the record fields written as iCalendar
 * properties of their own (lineup-share-fields.c). Not for anything
 * outside src/core/share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-share-record.h"

G_BEGIN_DECLS

/* The property @field of a record of @kind is written as, or NULL (an
 * X-LINEUP-FIELD then). */
const char *_lineup_share_named_property (LineupShareKind  kind,
                                          const char      *field);
/* The field @property (any case) carries in a record of @kind, or NULL. */
const char *_lineup_share_named_field    (LineupShareKind  kind,
                                          const char      *property);

G_END_DECLS
