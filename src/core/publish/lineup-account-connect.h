/* lineup-account-connect.h: from an account to a publisher that can post
 * for it, and connecting an account.
 *
 * lineup_account_build_publisher() makes the publisher of a stored account
 * with the secrets kept for it (a Bluesky session it renews is kept again).
 *
 * lineup_account_connect_async() is what "account add", "account login"
 * and the account dialog do: check the credentials with the server (a
 * Mastodon code is exchanged for a token first), keep the secrets, add the
 * account's row (or, signing in again, update it and send its failed posts
 * again). On any failure nothing is left: no row, no secrets. Reading and
 * writing the account rows is in lineup-publish-store.h.
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

/* What a person gives to connect an account; which fields count depends
 * on the kind. Strings are owned (lineup_account_login_free wipes the
 * secrets). */
typedef struct {
  LineupAccountKind  kind;
  char              *name;           /* NULL or "": named by its handle, else its address */
  char              *endpoint;       /* Mastodon: its instance, as typed (normalized here);
                                      * Bluesky: PDS (NULL: https://bsky.social); webhook: its URL */
  char              *handle;         /* Bluesky: the handle, without "@" */
  char              *app_password;   /* Bluesky */
  char              *token;          /* Mastodon: a pasted access token… */
  char              *client_id;      /* …or, through the browser: Lineup's app… */
  char              *client_secret;
  char              *code;           /* …and the code the server's page showed */
  char              *hub_secret;     /* webhook: an X-Hub-Signature secret, or NULL */
  gint64             media_bytes;    /* webhook: media up to this size go with their bytes
                                      * (0: none); -1, the default: LINEUP_WEBHOOK_DEFAULT_MEDIA_BYTES */
} LineupAccountLogin;

LineupAccountLogin *lineup_account_login_new  (LineupAccountKind   kind);
void                lineup_account_login_free (LineupAccountLogin *login);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupAccountLogin, lineup_account_login_free)

/* Mastodon through the browser, first step: registers Lineup with
 * @instance. The person opens *out_authorize_url, allows Lineup and pastes
 * the code shown into login->code (with the client id and secret). */
void           lineup_account_register_mastodon_async  (LineupHttp          *http,
                                                        const char          *instance,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean       lineup_account_register_mastodon_finish (GAsyncResult        *result,
                                                        char               **out_client_id,
                                                        char               **out_client_secret,
                                                        char               **out_authorize_url,
                                                        GError             **error);

/* Connects the account of @login: a new one, or @fixing (signing in again:
 * its row keeps its id and name). The network and the secrets are used in
 * a worker thread; the plan's database only from the thread-default main
 * context of the caller. */
void           lineup_account_connect_async  (LineupStore               *store,
                                              LineupSecrets             *secrets,
                                              LineupHttp                *http,
                                              const LineupAccountLogin  *login,
                                              const LineupAccount       *fixing,
                                              GCancellable              *cancellable,
                                              GAsyncReadyCallback        callback,
                                              gpointer                   user_data);
/* The account as saved. @out_signing_secret: a new webhook's signing
 * secret, to show once (NULL for other kinds). */
LineupAccount *lineup_account_connect_finish (LineupStore               *store,
                                              GAsyncResult              *result,
                                              char                     **out_signing_secret,
                                              GError                   **error);
/* The same, blocking (command line): iterates the thread-default context. */
LineupAccount *lineup_account_connect        (LineupStore               *store,
                                              LineupSecrets             *secrets,
                                              LineupHttp                *http,
                                              const LineupAccountLogin  *login,
                                              const LineupAccount       *fixing,
                                              char                     **out_signing_secret,
                                              GCancellable              *cancellable,
                                              GError                   **error);

/* Forgets the secrets of an account removed from the plan, in a thread
 * (the keyring may be slow); a failure is only logged. */
void           lineup_account_forget_secrets (LineupSecrets *secrets,
                                              const char    *account_id);

G_END_DECLS
