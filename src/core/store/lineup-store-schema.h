/* lineup-store-schema.h: the schema's one entry point outside opening a plan,
 * for the tests of migrations. Not for the app or the command line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Creates (or upgrades) the file at @path to exactly schema @version without
 * opening it as a plan, so tests can build a database of every earlier
 * version and check that opening it migrates it. */
gboolean _lineup_store_create_at_version (const char  *path,
                                          int          version,
                                          GError     **error);

G_END_DECLS
