/* lineup-results-import.h: `lineup results import FILE`: the counts of
 * posts published elsewhere, from the CSV exports people already download
 * (LinkedIn page analytics, Meta Business Suite, X analytics, TikTok) or a
 * plain Lineup CSV (url or post, date, impressions, reactions, comments,
 * shares, saves, clicks; optionally platform), matched to the plan's posts
 * by URL (lineup_results_normalize_url()) or by id.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-store.h"

G_BEGIN_DECLS

/* @url with its scheme and host in lower case (http as https), no
 * trailing slash, no fragment and no tracking parameters (utm_*, fbclid,
 * gclid, igshid, si): two addresses of one post compare equal. */
char     *lineup_results_normalize_url (const char   *url);

/* Reads every row of @path and adds one snapshot per row (source
 * "import") in one transaction: every row or none. A row's post is its
 * `post` id or the post whose URL (set with `post url` or recorded when
 * published) is the row's; its network the `platform` column, else the
 * URL's site, else the post's only network. Counts may be empty (the
 * network does not say). Errors name the file, the row (the header is row
 * 1), the column and what to do. @out_n_rows: the rows added. */
gboolean  lineup_results_import        (LineupStore  *store,
                                        const char   *path,
                                        guint        *out_n_rows,
                                        GError      **error);

G_END_DECLS
