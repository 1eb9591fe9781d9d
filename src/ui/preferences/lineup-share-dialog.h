/* lineup-share-dialog.h: the dialog that shares this plan through a CalDAV
 * server, or joins a plan a teammate shared there.
 *
 * The widgets are lineup-share-dialog.ui; the work is the core's
 * lineup_share_create_async () and lineup_share_join_async ()
 * (lineup-share.h). The Sharing page of Preferences and the window's empty
 * state open it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lineup-core.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_SHARE_DIALOG (lineup_share_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LineupShareDialog, lineup_share_dialog, LINEUP, SHARE_DIALOG, AdwWindow)

/* @join FALSE: share this plan; TRUE: join a shared plan. On success the
 * dialog emits "done" with what to tell the person ("The plan is shared
 * at …"), for a toast, and closes. */
LineupShareDialog *lineup_share_dialog_new (LineupStore *store,
                                            gboolean     join);

G_END_DECLS
