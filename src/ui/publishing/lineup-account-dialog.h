/* lineup-account-dialog.h: adds an account to publish to, or signs one in
 * again: a Mastodon account (through the browser, or with an access
 * token), a Bluesky account (handle and app password) or a webhook (its
 * address; the signing secret it gets is shown once).
 *
 * As the command line does: the server is asked who the account is and what
 * its limits are, the secrets are kept first (never in the plan), then the
 * account's row; every network call and secret store runs in a thread.
 * Errors are said in the dialog, which stays open with what was typed.
 *
 * Signal: account-saved (const char *message) — said once it is done.
 *
 * Its widgets are in lineup-account-dialog.ui; what runs in the threads is
 * in lineup-account-jobs.c, whose lineup_account_forget_secrets () this
 * header still declares (through lineup-account-jobs.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lineup-core.h"
#include "lineup-account.h"
#include "lineup-secrets.h"
#include "lineup-account-connect.h"   /* lineup_account_forget_secrets () */

G_BEGIN_DECLS

#define LINEUP_TYPE_ACCOUNT_DIALOG (lineup_account_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LineupAccountDialog, lineup_account_dialog, LINEUP, ACCOUNT_DIALOG, AdwWindow)

/* @account NULL adds an account of @kind; otherwise signs @account in
 * again (@kind is its kind). */
LineupAccountDialog *lineup_account_dialog_new (LineupStore         *store,
                                                LineupAccountKind    kind,
                                                const LineupAccount *account);

G_END_DECLS
