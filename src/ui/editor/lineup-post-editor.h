/* lineup-post-editor.h: the window that creates or edits one post.
 *
 * Signal: post-deleted (const char *title).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lineup-core.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_POST_EDITOR (lineup_post_editor_get_type ())
G_DECLARE_FINAL_TYPE (LineupPostEditor, lineup_post_editor, LINEUP, POST_EDITOR, AdwWindow)

/* @post NULL creates a new post. */
LineupPostEditor *lineup_post_editor_new (LineupStore *store,
                                          LineupPost  *post);

/* For a new post started from a day (and an hour) of the calendar. */
void              lineup_post_editor_set_date (LineupPostEditor *self,
                                               const GDate      *date,
                                               int               minutes);

G_END_DECLS
