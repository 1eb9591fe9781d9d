/* lineup-window.h: the one entry point of the window's module.
 *
 * The window (GTK 4, libadwaita and src/ui) is built as a private loadable
 * module, lineup-window.so, installed in LIBDIR/lineup; main.c loads it with
 * GModule only when no command was given, so the command line never maps
 * GTK's libraries. The module takes the core from the executable, which
 * exports it: one copy of every core type in the process.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

/* The module's file name, in the build tree beside build/src/lineup and
 * installed in LINEUP_MODULEDIR. */
#define LINEUP_WINDOW_MODULE "lineup-window.so"
/* The symbol main.c looks up. */
#define LINEUP_WINDOW_MAIN "lineup_window_main"
/* The symbol that says which build of Lineup the module belongs to: main.c
 * refuses a module of another version rather than let it call a core it was
 * not built against. */
#define LINEUP_WINDOW_VERSION "lineup_window_version"

typedef int (*LineupWindowMainFunc) (int    argc,
                                     char **argv);

/* Opens the window (or hands the arguments to the running instance) and
 * returns the exit status, as g_application_run() does. */
int lineup_window_main (int    argc,
                        char **argv);
