/* lineup-preview-dialog.h: a post as each network it goes to will show it
 * (Mastodon, Bluesky, LinkedIn, Instagram, the others as text), with that
 * network's caption and media problems (lineup-post-check.h) on top.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lineup-store.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_PREVIEW_DIALOG (lineup_preview_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LineupPreviewDialog, lineup_preview_dialog, LINEUP, PREVIEW_DIALOG, AdwWindow)

/* Shows @post (a draft with the form's captions, or a saved post) over
 * @parent, one tab per chosen network. */
LineupPreviewDialog *lineup_preview_dialog_new (GtkWindow   *parent,
                                                LineupStore *store,
                                                LineupPost  *post);

G_END_DECLS
