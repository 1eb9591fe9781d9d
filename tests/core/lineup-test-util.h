/* lineup-test-util.h: helpers the core tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Removes @dir and everything under it: a fixture's plan file, its -wal
 * and -shm companions and any backups a migration left. */
void  lineup_test_remove_tree (const char *dir);
/* SHA-256 of the file at @path, asserting it can be read. */
char *lineup_test_file_digest (const char *path);

G_END_DECLS
