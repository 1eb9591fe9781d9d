/* lineup-queue.h: "Add to Queue" in the window: one store call
 * (lineup_store_queue_post ()) and a toast, with Undo, saying the time the
 * post got. The card menus reach it through win.queue-post, the editor
 * directly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lineup-core.h"

G_BEGIN_DECLS

/* Queues post @id; on success the window holding @widget (or @widget's
 * transient parent, for a dialog) says where it went. */
gboolean lineup_queue_post (GtkWidget    *widget,
                            LineupStore  *store,
                            const char   *id,
                            GError      **error);

G_END_DECLS
