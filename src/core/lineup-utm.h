/* lineup-utm.h: UTM parameters on a caption's links (protocols.md §9).
 *
 * A team measures what its links bring with utm_source, utm_medium,
 * utm_campaign, utm_content (and utm_term) on them. Lineup adds them when
 * a post goes out — the stored caption stays as it was written — keeping
 * the link's own query and fragment, never replacing a parameter the link
 * already has, leaving other schemes alone and, when the plan names its
 * domains, links to other sites too. Pure functions, safe from any thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const char *source;     /* utm_source, e.g. "mastodon"; NULL or "": left out */
  const char *medium;     /* utm_medium, e.g. "social" */
  const char *campaign;   /* utm_campaign */
  const char *content;    /* utm_content, e.g. the post's short id */
  const char *term;       /* utm_term */
} LineupUtm;

/* A value as UTM wants it: lowercase letters, digits, "-", "_" and ".",
 * each run of anything else (spaces, slashes, commas, …) as one "-",
 * trimmed; "" when nothing is left.
 * "Spring Launch, 2027" → "spring-launch-2027". */
char     *lineup_utm_clean_value   (const char        *value);

/* The longest UTM value the plan takes, in characters. */
#define LINEUP_UTM_MAX_CHARS 200

/* @value cleaned as lineup_utm_clean_value () cleans it, or NULL with an
 * error naming @what when it is not UTF-8, too long or empty once cleaned. */
char     *lineup_utm_check_value   (const char        *what,
                                    const char        *value,
                                    GError           **error);
/* "example.org, shop.example.com" split into lowercase host names, or NULL
 * with an error naming the first that is not one (a URL, a path, a port). */
GStrv     lineup_utm_parse_domains (const char        *domains,
                                    GError           **error);

/* Whether @url's host is one of @domains or under one of them
 * ("shop.example.org" is under "example.org"); case and IDN spelling do
 * not matter. @domains NULL or empty: every host is. */
gboolean  lineup_utm_host_matches  (const char        *url,
                                    const char * const *domains);

/* @url with @utm's parameters appended to its query, in the order source,
 * medium, campaign, content, term: the query's own parameters and the
 * fragment are kept, a key the link already has keeps its value, values
 * are percent-encoded (RFC 3986 unreserved characters stay). A URL that is
 * not http(s) comes back unchanged. */
char     *lineup_utm_tag_url       (const char        *url,
                                    const LineupUtm   *utm);

/* @text with each http(s) link (lineup_text_find_links (): a link's end is
 * found as the networks find it) tagged by lineup_utm_tag_url (), except
 * links whose host does not match @domains. */
char     *lineup_utm_tag_text      (const char        *text,
                                    const LineupUtm   *utm,
                                    const char * const *domains);

/* Each http(s) link of @text as it will go out, in order: an array of
 * strings (NULL-terminated); the same rules as lineup_utm_tag_text (). */
GStrv     lineup_utm_final_links   (const char        *text,
                                    const LineupUtm   *utm,
                                    const char * const *domains);

G_END_DECLS
