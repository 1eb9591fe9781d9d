/* lineup-test-util.h: helpers the core tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lineup-store.h"

G_BEGIN_DECLS

/* Removes @dir and everything under it: a fixture's plan file, its -wal
 * and -shm companions and any backups a migration left. */
void  lineup_test_remove_tree (const char *dir);
/* SHA-256 of the file at @path, asserting it can be read. */
char *lineup_test_file_digest (const char *path);

/* A plan of its own in a temporary folder, edited as "Erin Editor", with a
 * pillar "Stories" and the type Narrative's id: the fixture of the media,
 * captions, checks and thumbnails tests. */
typedef struct {
  char        *dir;
  char        *path;
  LineupStore *store;
  gint64       pillar_id;
  gint64       type_id;
} LineupTestPlan;

/* @template: g_dir_make_tmp()'s ("lineup-media-XXXXXX"). */
void  lineup_test_plan_open     (LineupTestPlan *plan,
                                 const char     *template);
void  lineup_test_plan_close    (LineupTestPlan *plan);
/* "Bike day" for Mastodon, tomorrow, at @stage: its id. */
char *lineup_test_plan_add_post (LineupTestPlan *plan,
                                 LineupStage     stage);
/* An image of @width × @height filled with @color (RGBA) in @format
 * ("png", "jpeg") at @dir/@name: its path. */
char *lineup_test_write_image   (const char     *dir,
                                 const char     *name,
                                 const char     *format,
                                 int             width,
                                 int             height,
                                 guint32         color);

G_END_DECLS
