/* lineup-secrets.h: where the accounts' secrets live.
 *
 * Tokens, app passwords, sessions and signing secrets never reach the
 * plan's database. On a desktop they go to the Secret Service (GNOME
 * Keyring, KWallet), one item per account and kind. A command line on a
 * server without one opts into a file by setting LINEUP_SECRETS_FILE: a
 * key file only its owner may read (mode 0600), written atomically.
 *
 * Secrets are never logged. The calls block (D-Bus or the file): run them
 * in a worker thread or on the command line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LINEUP_SECRETS_ERROR (lineup_secrets_error_quark ())

typedef enum {
  LINEUP_SECRETS_ERROR_UNAVAILABLE,  /* no Secret Service, or it refused */
  LINEUP_SECRETS_ERROR_PERMISSIONS,  /* the secrets file is open to other users */
  LINEUP_SECRETS_ERROR_FILE,         /* the secrets file cannot be read or written */
} LineupSecretsError;

GQuark lineup_secrets_error_quark (void);

/* The Secret Service's schema name; its attributes are "account" and "kind". */
#define LINEUP_SECRETS_SCHEMA "io.github.lineup.Lineup.Secret"
/* The environment variable that picks the file instead of the Secret Service. */
#define LINEUP_SECRETS_FILE_ENV "LINEUP_SECRETS_FILE"

#define LINEUP_TYPE_SECRETS (lineup_secrets_get_type ())
G_DECLARE_FINAL_TYPE (LineupSecrets, lineup_secrets, LINEUP, SECRETS, GObject)

/* The file named by LINEUP_SECRETS_FILE when it is set, else the Secret
 * Service; NULL with an error saying what to do when neither can be used. */
LineupSecrets *lineup_secrets_new      (GError       **error);

/* @label: what the keyring shows for the item, in the user's words
 * ("Lineup: Bluesky app-password for Team"); NULL: "Lineup: KIND for
 * ACCOUNT-ID". Replaces the secret the account already had of this kind. */
gboolean       lineup_secrets_store    (LineupSecrets  *self,
                                        const char     *account_id,
                                        const char     *kind,
                                        const char     *label,
                                        const char     *secret,
                                        GError        **error);
/* NULL without an error when the account has no secret of this kind. */
char          *lineup_secrets_lookup   (LineupSecrets  *self,
                                        const char     *account_id,
                                        const char     *kind,
                                        GError        **error);
/* Forgets every secret of the account, whatever its kind. */
gboolean       lineup_secrets_clear    (LineupSecrets  *self,
                                        const char     *account_id,
                                        GError        **error);
/* Where the secrets are, in words: "the Secret Service (GNOME Keyring)" or
 * "the file PATH". */
const char    *lineup_secrets_describe (LineupSecrets  *self);

G_END_DECLS
