/* lineup-post-model.h: every post of the plan as a GListModel, kept sorted by
 * date (undated ones last) and updated from the store's signals, one item at a
 * time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lineup-types.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_POST_MODEL (lineup_post_model_get_type ())
G_DECLARE_FINAL_TYPE (LineupPostModel, lineup_post_model, LINEUP, POST_MODEL, GObject)

LineupPostModel *lineup_post_model_new          (LineupStore     *store);
/* Only the undated posts (the backlog): reads those alone, and follows the
 * store as posts lose or gain a date. */
LineupPostModel *lineup_post_model_new_undated  (LineupStore     *store);
/* Position of the post with @id, or G_MAXUINT. */
guint            lineup_post_model_find         (LineupPostModel *self,
                                                 const char      *id);

G_END_DECLS
