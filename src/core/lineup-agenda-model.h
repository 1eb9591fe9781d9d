/* lineup-agenda-model.h: posts grouped by day for a list: a header item
 * before each day's first post and before the undated ones.
 *
 * GTK 4.8's list view has no sections, so the grouping is a model of its own:
 * it wraps any GListModel of LineupPost sorted by time (the post model, or a
 * filter of it) and follows its changes. Pure GIO: tested without a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lineup-types.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_AGENDA_HEADER (lineup_agenda_header_get_type ())
G_DECLARE_FINAL_TYPE (LineupAgendaHeader, lineup_agenda_header, LINEUP, AGENDA_HEADER, GObject)

/* The local day, or an invalid (cleared) date for the undated group. */
const GDate *lineup_agenda_header_get_date    (LineupAgendaHeader *self);
gboolean     lineup_agenda_header_is_undated  (LineupAgendaHeader *self);
/* How many posts follow it in the group. */
guint        lineup_agenda_header_get_n_posts (LineupAgendaHeader *self);

#define LINEUP_TYPE_AGENDA_MODEL (lineup_agenda_model_get_type ())
G_DECLARE_FINAL_TYPE (LineupAgendaModel, lineup_agenda_model, LINEUP, AGENDA_MODEL, GObject)

/* Items are LineupAgendaHeader or LineupPost (item type GObject). */
LineupAgendaModel *lineup_agenda_model_new            (LineupStore *store,
                                                       GListModel  *posts);
/* Position of the header of the first day on or after @date, or of the
 * undated group when no day is; G_MAXUINT for an empty model. */
guint              lineup_agenda_model_find_day       (LineupAgendaModel *self,
                                                       const GDate       *date);
/* Position of the post with @id, or G_MAXUINT. */
guint              lineup_agenda_model_find_post      (LineupAgendaModel *self,
                                                       const char        *id);

G_END_DECLS
