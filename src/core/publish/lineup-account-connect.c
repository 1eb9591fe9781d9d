/* lineup-account-connect.c: an account's publisher, and connecting an
 * account.
 *
 * The sync makes a publisher for every account at the start of a pass
 * (lineup_account_build_publisher). Connecting checks a new secret with its
 * server in a worker thread, keeps it in LineupSecrets, then writes the
 * account's row on the caller's thread; whatever fails, it leaves nothing
 * behind. What the secrets are and how a server is asked is in the
 * publishers (lineup-mastodon.c, lineup-bluesky.c, lineup-webhook.c); the
 * SQL in lineup-publish-store.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lineup-account-connect.h"
#include "lineup-bluesky.h"
#include "lineup-mastodon.h"
#include "lineup-sync.h"
#include "lineup-webhook.h"

/* What the keyring shows for one of an account's secrets. */
static char *
secret_label (LineupAccountKind  kind,
              const char        *secret_kind,
              const char        *account_name)
{
  return g_strdup_printf ("Lineup: %s %s for %s", lineup_account_kind_to_label (kind), secret_kind, account_name);
}

/* A publisher for the network, with the secrets given. */
static LineupPublisher *
new_publisher (LineupAccountKind  kind,
               LineupHttp        *http,
               const char        *endpoint,
               const char        *handle,
               const char        *secret,
               const char        *extra)
{
  switch (kind)
    {
    case LINEUP_ACCOUNT_MASTODON:
      return LINEUP_PUBLISHER (lineup_mastodon_new (http, endpoint, secret));
    case LINEUP_ACCOUNT_BLUESKY:
      return LINEUP_PUBLISHER (lineup_bluesky_new (http, endpoint, handle, secret, extra));
    case LINEUP_ACCOUNT_WEBHOOK:
      return LINEUP_PUBLISHER (lineup_webhook_new (http, endpoint, secret, extra));
    default:
      g_return_val_if_reached (NULL);
    }
}

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
        LineupPublisher *mastodon;

        if ((secret = lookup_secret (secrets, account, "token", TRUE, error)) == NULL)
          return NULL;
        mastodon = new_publisher (account->kind, http, account->endpoint, NULL, secret, NULL);
        lineup_mastodon_set_limits (LINEUP_MASTODON (mastodon), account->text_limit, account->url_length);
        return mastodon;
      }
    case LINEUP_ACCOUNT_BLUESKY:
      {
        g_autofree char *session = NULL;
        LineupPublisher *bluesky;
        SessionSaver *saver;

        if ((secret = lookup_secret (secrets, account, "app-password", TRUE, error)) == NULL)
          return NULL;
        session = lookup_secret (secrets, account, "session", FALSE, NULL);
        bluesky = new_publisher (account->kind, http, account->endpoint, account->handle, secret, session);
        saver = g_new0 (SessionSaver, 1);
        saver->secrets = g_object_ref (secrets);
        saver->account_id = g_strdup (account->id);
        saver->label = secret_label (account->kind, "session", account->name);
        g_signal_connect_data (bluesky, "notify::session", G_CALLBACK (on_bluesky_session_cb), saver,
                               session_saver_free, 0);
        return bluesky;
      }
    case LINEUP_ACCOUNT_WEBHOOK:
      {
        g_autofree char *hub = NULL;
        LineupPublisher *webhook;

        if ((secret = lookup_secret (secrets, account, "secret", TRUE, error)) == NULL)
          return NULL;
        hub = lookup_secret (secrets, account, "hub-secret", FALSE, NULL);
        webhook = new_publisher (account->kind, http, account->endpoint, NULL, secret, hub);
        lineup_webhook_set_media_bytes (LINEUP_WEBHOOK (webhook), account->media_bytes);
        return webhook;
      }
    default:
      g_return_val_if_reached (NULL);
    }
}

/* ---- connecting an account ---- */

LineupAccountLogin *
lineup_account_login_new (LineupAccountKind kind)
{
  LineupAccountLogin *login = g_new0 (LineupAccountLogin, 1);

  login->kind = kind;
  login->media_bytes = -1;
  return login;
}

static void
wipe (char *secret)
{
  if (secret)
    memset (secret, 0, strlen (secret));
  g_free (secret);
}

void
lineup_account_login_free (LineupAccountLogin *login)
{
  if (login == NULL)
    return;
  g_free (login->name);
  g_free (login->endpoint);
  g_free (login->handle);
  wipe (login->app_password);
  wipe (login->token);
  g_free (login->client_id);
  wipe (login->client_secret);
  wipe (login->code);
  wipe (login->hub_secret);
  g_free (login);
}

static LineupAccountLogin *
login_copy (const LineupAccountLogin *login)
{
  LineupAccountLogin *copy = lineup_account_login_new (login->kind);

  copy->name = g_strdup (login->name);
  copy->endpoint = g_strdup (login->endpoint);
  copy->handle = g_strdup (login->handle);
  copy->app_password = g_strdup (login->app_password);
  copy->token = g_strdup (login->token);
  copy->client_id = g_strdup (login->client_id);
  copy->client_secret = g_strdup (login->client_secret);
  copy->code = g_strdup (login->code);
  copy->hub_secret = g_strdup (login->hub_secret);
  copy->media_bytes = login->media_bytes;
  return copy;
}

/* What the worker thread needs and learns. */
typedef struct {
  LineupAccountLogin *login;
  LineupAccount      *fixing;     /* signing in again, or NULL */
  LineupSecrets      *secrets;
  LineupHttp         *http;
  char               *account_id;
  /* learned */
  LineupAccountInfo  *info;
  char               *name;       /* the account's name (also in the secrets' labels) */
  char               *signing_secret;
  gboolean            stored;     /* secrets were kept: forget them on failure */
  GError             *error;      /* returned once the secrets are forgotten */
} Connect;

static void
connect_free (Connect *connect)
{
  lineup_account_login_free (connect->login);
  lineup_account_free (connect->fixing);
  g_clear_object (&connect->secrets);
  g_clear_object (&connect->http);
  g_free (connect->account_id);
  g_clear_pointer (&connect->info, lineup_account_info_free);
  g_free (connect->name);
  wipe (connect->signing_secret);
  g_clear_error (&connect->error);
  g_free (connect);
}

/* Checks what a person gave before anything is asked of a server, and
 * completes it (a Bluesky PDS by default, no "@" before a handle). */
/* Secrets travel only encrypted, or to this machine. */
static gboolean
check_address (const char  *endpoint,
               GError     **error)
{
  g_autoptr(GError) local = NULL;

  if (lineup_http_check_address (endpoint, &local))
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, local->message);
  return FALSE;
}

static gboolean
check_login (LineupAccountLogin   *login,
             const LineupAccount  *fixing,
             GError              **error)
{
  if (fixing)
    {
      login->kind = fixing->kind;
      g_free (login->endpoint);
      login->endpoint = g_strdup (fixing->endpoint);
      if (fixing->handle && login->kind == LINEUP_ACCOUNT_BLUESKY)
        {
          g_free (login->handle);
          login->handle = g_strdup (fixing->handle);
        }
    }
  switch (login->kind)
    {
    case LINEUP_ACCOUNT_MASTODON:
      if (!fixing)
        {
          char *instance = lineup_mastodon_normalize_instance (login->endpoint ? login->endpoint : "", error);

          if (instance == NULL)
            return FALSE;
          g_free (login->endpoint);
          login->endpoint = instance;
        }
      if (!login->token && !login->code)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Paste the access token made in the server’s Preferences → Development"));
          return FALSE;
        }
      if (!login->token && (!login->client_id || !login->client_secret || !*login->code))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Paste the code the server’s page shows once you allow Lineup"));
          return FALSE;
        }
      break;
    case LINEUP_ACCOUNT_BLUESKY:
      if (login->handle && *login->handle == '@')
        memmove (login->handle, login->handle + 1, strlen (login->handle));
      if (login->handle == NULL || *login->handle == '\0')
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Give the account’s handle, e.g. team.bsky.social"));
          return FALSE;
        }
      if (login->app_password == NULL || *login->app_password == '\0')
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Give an app password: make one in Bluesky under Settings → Privacy and security → App passwords"));
          return FALSE;
        }
      if (login->endpoint == NULL)
        login->endpoint = g_strdup ("https://bsky.social");
      while (g_str_has_suffix (login->endpoint, "/"))
        login->endpoint[strlen (login->endpoint) - 1] = '\0';
      break;
    case LINEUP_ACCOUNT_WEBHOOK:
      if (fixing)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("A webhook’s secret is made by Lineup: remove the account and add it again for a new one"));
          return FALSE;
        }
      if (login->endpoint == NULL || !(g_str_has_prefix (login->endpoint, "https://") ||
                                       g_str_has_prefix (login->endpoint, "http://")))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Give the full address the posts go to, starting with https://"));
          return FALSE;
        }
      return check_address (login->endpoint, error);
    default:
      g_return_val_if_reached (FALSE);
    }
  return check_address (login->endpoint, error);
}

static gboolean
keep_secret (Connect     *connect,
             const char  *kind,
             const char  *value,
             GError     **error)
{
  g_autofree char *label = NULL;

  if (value == NULL)
    return TRUE;
  label = secret_label (connect->login->kind, kind, connect->name);
  if (!lineup_secrets_store (connect->secrets, connect->account_id, kind, label, value, error))
    return FALSE;
  connect->stored = TRUE;
  return TRUE;
}

/* The server's words, with what to do for the mistakes people make. */
static GError *
explain (const LineupAccountLogin *login,
         gboolean                  exchanging,
         GError                   *error)
{
  GError *explained = NULL;

  /* A failure must come with its reason; if one did not, say so. */
  if (error == NULL)
    _lineup_publisher_set_unusable_error (&error);
  /* A code mistyped, cut short, used already or too old: the server's
   * "invalid_grant" alone does not say what to do. */
  if (exchanging && g_error_matches (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_REJECTED))
    explained = g_error_new (LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_REJECTED,
                             _("The server did not accept that code: copy the whole code from its "
                               "page again, or choose Open to get a new one — %s"),
                             error->message);
  /* The publisher's own words send a person to sign in again, which is
   * what they are doing. */
  else if (!exchanging && login->kind == LINEUP_ACCOUNT_BLUESKY &&
           g_error_matches (error, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_AUTH))
    explained = g_error_new (LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_AUTH,
                             _("Bluesky did not accept that app password for %s: check it, or make a new "
                               "one in Bluesky under Settings → Privacy and security → App passwords"),
                             login->handle);
  if (explained == NULL)
    return error;
  g_error_free (error);
  return explained;
}

static void
connect_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  Connect *connect = data;
  LineupAccountLogin *login = connect->login;
  g_autoptr(LineupPublisher) publisher = NULL;
  g_autofree char *token = NULL;
  g_autofree char *session = NULL;
  const char *secret = NULL;
  const char *extra = NULL;
  GError *error = NULL;

  switch (login->kind)
    {
    case LINEUP_ACCOUNT_MASTODON:
      token = login->token ? g_strdup (login->token)
                           : lineup_mastodon_exchange_code (connect->http, login->endpoint, login->client_id,
                                                            login->client_secret, login->code, cancellable, &error);
      if (token == NULL)
        {
          g_task_return_error (task, explain (login, TRUE, error));
          return;
        }
      secret = token;
      break;
    case LINEUP_ACCOUNT_BLUESKY:
      secret = login->app_password;
      break;
    case LINEUP_ACCOUNT_WEBHOOK:
      connect->signing_secret = lineup_webhook_generate_secret ();
      secret = connect->signing_secret;
      extra = login->hub_secret;
      break;
    default:
      g_assert_not_reached ();
    }
  publisher = new_publisher (login->kind, connect->http, login->endpoint, login->handle, secret, extra);

  /* Who this is and the server's limits; a wrong secret stops here. */
  if ((connect->info = lineup_publisher_connect (publisher, cancellable, &error)) == NULL)
    {
      g_task_return_error (task, explain (login, FALSE, error));
      return;
    }
  if (connect->fixing)
    connect->name = g_strdup (connect->fixing->name);
  else if (login->name && *login->name)
    connect->name = g_strdup (login->name);
  else
    connect->name = g_strdup (connect->info->handle ? connect->info->handle : login->endpoint);

  /* The secrets first: a plan never names an account without them. */
  switch (login->kind)
    {
    case LINEUP_ACCOUNT_MASTODON:
      if (keep_secret (connect, "token", token, &error) && !login->token)
        keep_secret (connect, "client-secret", login->client_secret, &error);
      break;
    case LINEUP_ACCOUNT_BLUESKY:
      session = lineup_bluesky_dup_session (LINEUP_BLUESKY (publisher));
      if (keep_secret (connect, "app-password", login->app_password, &error))
        keep_secret (connect, "session", session, &error);
      break;
    case LINEUP_ACCOUNT_WEBHOOK:
      if (keep_secret (connect, "secret", connect->signing_secret, &error))
        keep_secret (connect, "hub-secret", login->hub_secret, &error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (error)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
forget_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  Connect *connect = data;
  g_autoptr(GError) error = NULL;

  if (!lineup_secrets_clear (connect->secrets, connect->account_id, &error))
    g_message ("Could not forget the secrets of account %s: %s", connect->account_id, error->message);
  g_task_return_error (task, g_steal_pointer (&connect->error));
}

/* Fails @task with @error, forgetting the secrets a new account got. */
static void
connect_failed (GTask  *task,
                GError *error)
{
  Connect *connect = g_task_get_task_data (task);

  if (connect->stored && connect->fixing == NULL)
    {
      connect->error = error;
      g_task_run_in_thread (task, forget_thread);
      g_object_unref (task);
      return;
    }
  g_task_return_error (task, error);
  g_object_unref (task);
}

/* The account's row, in the caller's thread. */
static LineupAccount *
save_row (LineupStore  *store,
          Connect      *connect,
          GError      **error)
{
  LineupAccountLogin *login = connect->login;
  LineupAccountInfo *info = connect->info;
  g_autoptr(LineupAccount) account = NULL;

  if (connect->fixing)
    {
      account = lineup_account_copy (connect->fixing);
      g_clear_pointer (&account->problem, g_free);
    }
  else
    {
      account = lineup_account_new ();
      account->id = g_strdup (connect->account_id);
      account->kind = login->kind;
      account->endpoint = g_strdup (login->endpoint);
      account->name = g_strdup (connect->name);
      if (login->media_bytes >= 0)
        account->media_bytes = login->media_bytes;
    }
  if (info->handle || login->handle)
    {
      g_free (account->handle);
      account->handle = g_strdup (info->handle ? info->handle : login->handle);
    }
  g_free (account->remote_user);
  account->remote_user = g_strdup (info->remote_user);
  account->text_limit = info->text_limit;
  account->url_length = info->url_length;
  if (info->media_limits)
    {
      g_free (account->media_limits);
      account->media_limits = g_strdup (info->media_limits);
    }
  if (login->kind == LINEUP_ACCOUNT_MASTODON && !login->token)
    {
      g_free (account->client_id);
      account->client_id = g_strdup (login->client_id);
    }

  if (connect->fixing)
    {
      /* Posts that failed for want of this account's secret go again. */
      if (!lineup_store_update_account (store, account, error) ||
          !lineup_sync_account_fixed (store, account->id, error))
        return NULL;
    }
  else if (!lineup_store_add_account (store, account, error))
    return NULL;
  return g_steal_pointer (&account);
}

static void
on_connected_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  Connect *connect = g_task_get_task_data (task);
  GError *error = NULL;
  LineupAccount *account;

  if (!g_task_propagate_boolean (G_TASK (result), &error) ||
      g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error))
    {
      connect_failed (task, error);
      return;
    }
  if ((account = save_row (LINEUP_STORE (source), connect, &error)) == NULL)
    {
      connect_failed (task, error);
      return;
    }
  g_task_return_pointer (task, account, (GDestroyNotify) lineup_account_free);
  g_object_unref (task);
}

void
lineup_account_connect_async (LineupStore               *store,
                              LineupSecrets             *secrets,
                              LineupHttp                *http,
                              const LineupAccountLogin  *login,
                              const LineupAccount       *fixing,
                              GCancellable              *cancellable,
                              GAsyncReadyCallback        callback,
                              gpointer                   user_data)
{
  g_autoptr(GTask) verify = NULL;
  GTask *task;
  Connect *connect;
  GError *error = NULL;

  g_return_if_fail (LINEUP_IS_STORE (store));
  g_return_if_fail (LINEUP_IS_SECRETS (secrets));
  g_return_if_fail (login != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, lineup_account_connect_async);
  /* Once the row is written, the answer is the account, cancelled or not. */
  g_task_set_check_cancellable (task, FALSE);
  connect = g_new0 (Connect, 1);
  connect->login = login_copy (login);
  connect->fixing = fixing ? lineup_account_copy (fixing) : NULL;
  connect->secrets = g_object_ref (secrets);
  connect->http = http ? g_object_ref (http) : lineup_http_new ();
  connect->account_id = fixing ? g_strdup (fixing->id) : g_uuid_string_random ();
  g_task_set_task_data (task, connect, (GDestroyNotify) connect_free);

  if (!check_login (connect->login, fixing, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  /* The server and the secrets in a worker; the row back here. */
  verify = g_task_new (store, cancellable, on_connected_cb, task);
  g_task_set_source_tag (verify, connect_thread);
  g_task_set_check_cancellable (verify, FALSE);
  g_task_set_task_data (verify, connect, NULL);
  g_task_run_in_thread (verify, connect_thread);
}

LineupAccount *
lineup_account_connect_finish (LineupStore   *store,
                               GAsyncResult  *result,
                               char         **out_signing_secret,
                               GError       **error)
{
  LineupAccount *account;
  Connect *connect;

  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  account = g_task_propagate_pointer (G_TASK (result), error);
  connect = g_task_get_task_data (G_TASK (result));
  if (out_signing_secret)
    *out_signing_secret = account ? g_strdup (connect->signing_secret) : NULL;
  return account;
}

static void
on_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

LineupAccount *
lineup_account_connect (LineupStore               *store,
                        LineupSecrets             *secrets,
                        LineupHttp                *http,
                        const LineupAccountLogin  *login,
                        const LineupAccount       *fixing,
                        char                     **out_signing_secret,
                        GCancellable              *cancellable,
                        GError                   **error)
{
  GMainContext *context = g_main_context_get_thread_default ();
  g_autoptr(GAsyncResult) result = NULL;

  lineup_account_connect_async (store, secrets, http, login, fixing, cancellable, on_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  return lineup_account_connect_finish (store, result, out_signing_secret, error);
}

/* ---- Mastodon through the browser ---- */

typedef struct {
  LineupHttp *http;
  char       *instance;
  char       *client_id;
  char       *client_secret;
} Register;

static void
register_free (Register *data)
{
  g_clear_object (&data->http);
  g_free (data->instance);
  g_free (data->client_id);
  wipe (data->client_secret);
  g_free (data);
}

static void
register_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Register *data = task_data;
  GError *error = NULL;

  if (!lineup_mastodon_register_app (data->http, data->instance, &data->client_id, &data->client_secret,
                                     cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
lineup_account_register_mastodon_async (LineupHttp          *http,
                                        const char          *instance,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Register *data = g_new0 (Register, 1);
  GError *error = NULL;

  g_task_set_source_tag (task, lineup_account_register_mastodon_async);
  data->http = http ? g_object_ref (http) : lineup_http_new ();
  g_task_set_task_data (task, data, (GDestroyNotify) register_free);
  if ((data->instance = lineup_mastodon_normalize_instance (instance, &error)) == NULL)
    g_task_return_error (task, error);
  else
    g_task_run_in_thread (task, register_thread);
}

gboolean
lineup_account_register_mastodon_finish (GAsyncResult  *result,
                                         char         **out_client_id,
                                         char         **out_client_secret,
                                         char         **out_authorize_url,
                                         GError       **error)
{
  Register *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  data = g_task_get_task_data (G_TASK (result));
  if (out_authorize_url)
    *out_authorize_url = lineup_mastodon_authorize_url (data->instance, data->client_id);
  if (out_client_id)
    *out_client_id = g_steal_pointer (&data->client_id);
  if (out_client_secret)
    *out_client_secret = g_steal_pointer (&data->client_secret);
  return TRUE;
}

static void
forget_removed_thread (GTask        *task,
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
  g_task_run_in_thread (task, forget_removed_thread);
}
