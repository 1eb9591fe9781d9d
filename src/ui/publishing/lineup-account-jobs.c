/* lineup-account-jobs.c: the work of adding an account or signing one in
 * again that runs in a GTask's thread — registering Lineup with a Mastodon
 * server, exchanging its code for a token, asking the server who the
 * account is, keeping the secrets — then, on the main thread, the account's
 * row in the plan; and forgetting an account's secrets.
 *
 * No widgets here, and nothing said to the person but the errors: the
 * dialog (lineup-account-dialog.c) reads the fields, starts these jobs and
 * shows what they learn.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lineup-account-jobs.h"
#include "lineup-bluesky.h"
#include "lineup-mastodon.h"
#include "lineup-sync.h"
#include "lineup-webhook.h"

void
lineup_account_job_free (LineupAccountJob *job)
{
  g_clear_object (&job->secrets);
  g_clear_object (&job->http);
  g_free (job->account_id);
  g_free (job->name);
  g_free (job->endpoint);
  g_free (job->handle);
  if (job->password)
    memset (job->password, 0, strlen (job->password));
  g_free (job->password);
  g_free (job->token);
  g_free (job->client_id);
  g_free (job->client_secret);
  g_free (job->code);
  g_clear_pointer (&job->info, lineup_account_info_free);
  g_free (job->secret);
  g_free (job);
}

LineupAccountJob *
lineup_account_job_new (LineupAccountKind  kind,
                        LineupSecrets     *secrets,
                        LineupHttp        *http,
                        const char        *account_id,
                        const char        *name)
{
  LineupAccountJob *job = g_new0 (LineupAccountJob, 1);

  job->kind = kind;
  job->secrets = g_object_ref (secrets);
  job->http = g_object_ref (http);
  job->account_id = account_id ? g_strdup (account_id) : g_uuid_string_random ();
  job->name = g_strdup (name);
  return job;
}

/* ---- forgetting secrets ---- */

static void
forget_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  if (!lineup_secrets_clear (LINEUP_SECRETS (source), data, &error))
    g_message ("Could not forget the secrets of account %s: %s", (char *) data, error->message);
}

void
lineup_account_forget_secrets (LineupSecrets *secrets,
                               const char    *account_id)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LINEUP_IS_SECRETS (secrets));
  g_return_if_fail (account_id != NULL);

  task = g_task_new (secrets, NULL, NULL, NULL);
  g_task_set_source_tag (task, lineup_account_forget_secrets);
  g_task_set_task_data (task, g_strdup (account_id), g_free);
  g_task_run_in_thread (task, forget_thread);
}

/* ---- Mastodon through the browser: registering Lineup ---- */

void
lineup_account_job_register_thread (GTask        *task,
                 gpointer      source,
                 gpointer      data,
                 GCancellable *cancellable)
{
  LineupAccountJob *job = data;
  GError *error = NULL;

  if (!lineup_mastodon_register_app (job->http, job->endpoint, &job->client_id, &job->client_secret,
                                     cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* ---- connecting, keeping the secrets ---- */

static gboolean
keep_secret (LineupAccountJob         *job,
             const char  *kind,
             const char  *value,
             GError     **error)
{
  g_autofree char *label = g_strdup_printf ("Lineup: %s %s for %s", lineup_account_kind_to_label (job->kind), kind,
                                            job->name ? job->name : job->info && job->info->handle ? job->info->handle
                                                                                                    : job->endpoint);
  if (value == NULL)
    return TRUE;
  if (!lineup_secrets_store (job->secrets, job->account_id, kind, label, value, error))
    return FALSE;
  job->stored = TRUE;
  return TRUE;
}

void
lineup_account_job_save_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  LineupAccountJob *job = data;
  g_autoptr(LineupPublisher) publisher = NULL;
  g_autofree char *token = NULL;
  g_autofree char *session = NULL;
  GError *error = NULL;

  switch (job->kind)
    {
    case LINEUP_ACCOUNT_MASTODON:
      token = job->token ? g_strdup (job->token)
                         : lineup_mastodon_exchange_code (job->http, job->endpoint, job->client_id, job->client_secret,
                                                          job->code, cancellable, &error);
      if (token == NULL)
        {
          /* A code mistyped, cut short, used already or too old: the
           * server's "invalid_grant" alone does not say what to do. */
          if (job->code && g_error_matches (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_REJECTED))
            {
              GError *refused = g_error_new (LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_REJECTED,
                                             _("The server did not accept that code: copy the whole code from its "
                                               "page again, or choose Open to get a new one — %s"),
                                             error->message);
              g_error_free (error);
              error = refused;
            }
          goto failed;
        }
      publisher = LINEUP_PUBLISHER (lineup_mastodon_new (job->http, job->endpoint, token));
      break;
    case LINEUP_ACCOUNT_BLUESKY:
      publisher = LINEUP_PUBLISHER (lineup_bluesky_new (job->http, job->endpoint, job->handle, job->password, NULL));
      break;
    case LINEUP_ACCOUNT_WEBHOOK:
      job->secret = lineup_webhook_generate_secret ();
      publisher = LINEUP_PUBLISHER (lineup_webhook_new (job->http, job->endpoint, job->secret, NULL));
      break;
    default:
      g_assert_not_reached ();
    }

  /* Who this is and the server's limits; a wrong secret stops here. */
  if ((job->info = lineup_publisher_connect (publisher, cancellable, &error)) == NULL)
    {
      /* The publisher's own words send a person to Preferences → Publishing
       * to sign in again, where this dialog already is. */
      if (job->kind == LINEUP_ACCOUNT_BLUESKY &&
          g_error_matches (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_AUTH))
        {
          GError *refused = g_error_new (LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_AUTH,
                                         _("Bluesky did not accept that app password for %s: check it, or make a new "
                                           "one in Bluesky under Settings → Privacy and security → App passwords"),
                                         job->handle);
          g_error_free (error);
          error = refused;
        }
      goto failed;
    }

  /* The secrets first: a plan never names an account without them. */
  switch (job->kind)
    {
    case LINEUP_ACCOUNT_MASTODON:
      if (!keep_secret (job, "token", token, &error) ||
          (!job->token && !keep_secret (job, "client-secret", job->client_secret, &error)))
        goto failed;
      break;
    case LINEUP_ACCOUNT_BLUESKY:
      session = lineup_bluesky_dup_session (LINEUP_BLUESKY (publisher));
      if (!keep_secret (job, "app-password", job->password, &error) ||
          !keep_secret (job, "session", session, &error))
        goto failed;
      break;
    case LINEUP_ACCOUNT_WEBHOOK:
      if (!keep_secret (job, "secret", job->secret, &error))
        goto failed;
      break;
    default:
      g_assert_not_reached ();
    }
  g_task_return_boolean (task, TRUE);
  return;

failed:
  g_task_return_error (task, error);
}

/* ---- the account's row, on the main thread ---- */

gboolean
lineup_account_job_save_row (LineupAccountJob     *job,
                             LineupStore          *store,
                             const LineupAccount  *fixing,
                             GError              **error)
{
  LineupAccountInfo *info = job->info;
  g_autoptr(LineupAccount) account = NULL;

  if (fixing)
    {
      account = lineup_account_copy (fixing);
      g_clear_pointer (&account->problem, g_free);
    }
  else
    {
      account = lineup_account_new ();
      account->id = g_strdup (job->account_id);
      account->kind = job->kind;
      account->endpoint = g_strdup (job->endpoint);
      account->name = g_strdup (job->name ? job->name : info->handle ? info->handle : job->endpoint);
    }
  if (info->handle || job->handle)
    {
      g_free (account->handle);
      account->handle = g_strdup (info->handle ? info->handle : job->handle);
    }
  g_free (account->remote_user);
  account->remote_user = g_strdup (info->remote_user);
  account->text_limit = info->text_limit;
  account->url_length = info->url_length;
  if (job->kind == LINEUP_ACCOUNT_MASTODON && !job->token)
    {
      g_free (account->client_id);
      account->client_id = g_strdup (job->client_id);
    }

  if (fixing ? !lineup_store_update_account (store, account, error)
                   : !lineup_store_add_account (store, account, error))
    return FALSE;
  /* Posts that failed for want of this account's secret go again. */
  if (!lineup_sync_account_fixed (store, account->id, error))
    return FALSE;
  return TRUE;
}
