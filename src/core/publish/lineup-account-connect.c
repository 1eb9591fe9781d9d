/* lineup-account-connect.c: an account's publisher, made from its row and
 * its secrets.
 *
 * The sync makes one for every account at the start of a pass. Nothing here
 * reads or writes the plan's database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-account-connect.h"
#include "lineup-bluesky.h"
#include "lineup-mastodon.h"
#include "lineup-webhook.h"

static char *
lookup_secret (LineupSecrets  *secrets,
               LineupAccount  *account,
               const char     *kind,
               gboolean        required,
               GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  char *secret = lineup_secrets_lookup (secrets, account->id, kind, &local_error);

  if (local_error)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (secret == NULL && required)
    g_set_error (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_AUTH,
                 _("The %s of “%s” is not in %s: add the account again (lineup account add …) to store it"),
                 kind, account->name, lineup_secrets_describe (secrets));
  return secret;
}

typedef struct {
  LineupSecrets *secrets;
  char          *account_id;
  char          *label;
} SessionSaver;

static void
session_saver_free (gpointer data, GClosure *closure)
{
  SessionSaver *saver = data;

  g_object_unref (saver->secrets);
  g_free (saver->account_id);
  g_free (saver->label);
  g_free (saver);
}

/* The session is kept so the next pass does not log in again (logins are
 * rate-limited). Runs in the thread that refreshed it. */
static void
on_bluesky_session_cb (LineupBluesky *bluesky,
                       GParamSpec    *pspec,
                       SessionSaver  *saver)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *session = lineup_bluesky_dup_session (bluesky);

  if (session && !lineup_secrets_store (saver->secrets, saver->account_id, "session", saver->label, session, &error))
    g_warning ("Could not keep the Bluesky session: %s", error->message);
}

LineupPublisher *
lineup_account_build_publisher (LineupAccount  *account,
                                LineupHttp     *http,
                                LineupSecrets  *secrets,
                                GError        **error)
{
  g_autofree char *secret = NULL;

  g_return_val_if_fail (account != NULL, NULL);
  g_return_val_if_fail (LINEUP_IS_SECRETS (secrets), NULL);

  switch (account->kind)
    {
    case LINEUP_ACCOUNT_MASTODON:
      {
        LineupMastodon *mastodon;

        if ((secret = lookup_secret (secrets, account, "token", TRUE, error)) == NULL)
          return NULL;
        mastodon = lineup_mastodon_new (http, account->endpoint, secret);
        lineup_mastodon_set_limits (mastodon, account->text_limit, account->url_length);
        return LINEUP_PUBLISHER (mastodon);
      }
    case LINEUP_ACCOUNT_BLUESKY:
      {
        g_autofree char *session = NULL;
        LineupBluesky *bluesky;
        SessionSaver *saver;

        if ((secret = lookup_secret (secrets, account, "app-password", TRUE, error)) == NULL)
          return NULL;
        session = lookup_secret (secrets, account, "session", FALSE, NULL);
        bluesky = lineup_bluesky_new (http, account->endpoint, account->handle, secret, session);
        saver = g_new0 (SessionSaver, 1);
        saver->secrets = g_object_ref (secrets);
        saver->account_id = g_strdup (account->id);
        saver->label = g_strdup_printf ("Lineup: Bluesky session for %s", account->name);
        g_signal_connect_data (bluesky, "notify::session", G_CALLBACK (on_bluesky_session_cb), saver,
                               session_saver_free, 0);
        return LINEUP_PUBLISHER (bluesky);
      }
    case LINEUP_ACCOUNT_WEBHOOK:
      {
        g_autofree char *hub = NULL;

        if ((secret = lookup_secret (secrets, account, "secret", TRUE, error)) == NULL)
          return NULL;
        hub = lookup_secret (secrets, account, "hub-secret", FALSE, NULL);
        return LINEUP_PUBLISHER (lineup_webhook_new (http, account->endpoint, secret, hub));
      }
    default:
      g_return_val_if_reached (NULL);
    }
}
