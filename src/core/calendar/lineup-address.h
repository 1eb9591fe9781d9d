/* lineup-address.h: the user name and password a feed's or an overlay's
 * URL may carry ("https://alice:secret@host/…"). Lineup never keeps them
 * (the password comes from LINEUP_FEED_PASSWORD), so the store refuses such
 * an address and everything that shows one, or a message holding one,
 * shows it without them. Not a URL parser: fetching is lineup_http_get().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE if @url ("scheme://user:password@host/…") names a user or password. */
gboolean  lineup_address_has_userinfo  (const char *url);

/* @text (a URL, or a message with URLs in it) with every URL's
 * "user:password@" left out; NULL for NULL. */
char     *lineup_address_hide_userinfo (const char *text);

/* The user name of @url's userinfo, decoded, or NULL if it has none. */
char     *lineup_address_get_user      (const char *url);

G_END_DECLS
