/* lineup-platform.h: the networks a post can target, kept as data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const char *key;        /* stored and used on the command line: "mastodon" */
  const char *name;       /* shown: "Mastodon" */
  const char *abbrev;     /* a monogram for tight places: "M" */
  const char *icon_name;  /* symbolic icon in the resource bundle */
  guint       text_limit; /* characters (graphemes) a caption may have; 0 = none known */
} LineupPlatformInfo;

const LineupPlatformInfo *lineup_platforms_get_all (guint *n_platforms);
/* Looks up by key or by name, case-insensitively; "twitter" finds X. */
const LineupPlatformInfo *lineup_platform_lookup   (const char *key_or_name);
/* lineup_platform_lookup (), or NULL with an error naming @key_or_name
 * and the keys Lineup knows. */
const LineupPlatformInfo *lineup_platform_find     (const char  *key_or_name,
                                                    GError     **error);
/* "linkedin, x, tiktok, …" for error messages. */
const char               *lineup_platform_list_keys (void);
/* Sorts and deduplicates keys into the canonical order of the table; returns
 * FALSE and names the bad one in @error when a key is unknown. */
gboolean                  lineup_platforms_normalize (const char * const *keys,
                                                      GStrv              *out_keys,
                                                      GError            **error);

G_END_DECLS
