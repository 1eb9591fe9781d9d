/* lineup-cli.h: the command line, in the same binary as the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when, after --database PATH, the arguments name a command (post,
 * pillar, campaign, import, demo, help — or any other word, so a mistyped
 * command gets a clear message instead of GApplication's "can not open
 * files") or ask for --help/-h/--version; FALSE for no arguments or the
 * options of the window, which then opens. */
gboolean lineup_cli_wants (int    argc,
                           char **argv);
/* Runs the command and returns the exit status: 0, 1 when the command
 * failed, 2 when the arguments were wrong. Never initialises GTK. */
int      lineup_cli_run   (int    argc,
                           char **argv);

G_END_DECLS
