/* lineup-account-connect.h: from an account to a publisher that can post
 * for it.
 *
 * lineup_account_build_publisher() makes the publisher of a stored account
 * with the secrets kept for it (a Bluesky session it renews is kept again).
 * Reading and writing the account rows is in lineup-publish-store.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-account.h"
#include "lineup-http.h"
#include "lineup-publisher.h"
#include "lineup-secrets.h"

G_BEGIN_DECLS

/* The publisher for @account, with its secret from @secrets; an error (the
 * secret is missing) says how to store it again. */
LineupPublisher *lineup_account_build_publisher (LineupAccount  *account,
                                                 LineupHttp     *http,
                                                 LineupSecrets  *secrets,
                                                 GError        **error);

G_END_DECLS
