/* lineup-cli-publish.c: `lineup account …`, `lineup post target|retry|resolve`,
 * `lineup sync` and `lineup outbox`: publishing to the networks.
 *
 * Secrets are read from standard input only and go to the Secret Service;
 * the networks and the outbox are in src/core/publish.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "lineup-cli-private.h"
#include "lineup-account.h"
#include "lineup-mastodon.h"
#include "lineup-account-connect.h"
#include "lineup-outbox.h"
#include "lineup-secrets.h"
#include "lineup-sync.h"
#include "lineup-share.h"

/* --media-bytes SIZE into *@out_bytes (-1 when not given): a usage error
 * naming the option when it is not a size. */
static gboolean
media_bytes_option (Args     *args,
                    gint64   *out_bytes,
                    GError  **error)
{
  g_autoptr(GError) local = NULL;
  const char *text = opt (args, "media-bytes");

  *out_bytes = -1;
  if (text == NULL)
    return TRUE;
  if (!lineup_account_parse_size (text, out_bytes, &local))
    {
      g_autofree char *s = one_line (local->message);
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE, "--media-bytes: %s", s);
      return FALSE;
    }
  return TRUE;
}

static LineupSecrets *
open_secrets (GError **error)
{
  return lineup_secrets_new (error);
}

/* Connects @login (a new account, or @fixing signing in again) through the
 * core, as the account dialog does: input the core refuses is a usage
 * error (exit 2), anything else a failure (exit 1). */
static LineupAccount *
connect_account (LineupStore               *store,
                 LineupSecrets             *secrets,
                 LineupHttp                *http,
                 const LineupAccountLogin  *login,
                 const LineupAccount       *fixing,
                 char                     **out_signing_secret,
                 int                       *out_status,
                 GError                   **error)
{
  g_autoptr(GError) local = NULL;
  LineupAccount *account;

  account = lineup_account_connect (store, secrets, http, login, fixing, out_signing_secret, NULL, &local);
  if (account == NULL)
    {
      if (local == NULL)
        g_set_error_literal (&local, LINEUP_PUBLISH_ERROR, LINEUP_PUBLISH_ERROR_TRANSIENT,
                             _("The account was not added, and the server gave no reason: check its address and try again"));
      *out_status = g_error_matches (local, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT) ? 2 : 1;
      g_propagate_error (error, g_steal_pointer (&local));
    }
  return account;
}

int
cmd_account_add (Args    *args,
                 GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupSecrets) secrets = NULL;
  g_autoptr(LineupAccount) account = NULL;
  g_autoptr(LineupHttp) http = lineup_http_new ();
  g_autoptr(LineupAccountLogin) login = NULL;
  g_autofree char *signing_secret = NULL;
  LineupAccountKind kind;
  const char *network = positional (args, 0);
  gint64 media_bytes = -1;
  int status = 1;

  if (!lineup_account_kind_from_string (network, &kind))
    {
      g_autofree char *s = one_line (network);
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("Unknown network “%s”: expected mastodon, bluesky or webhook"), s);
      return 2;
    }
  if (!media_bytes_option (args, &media_bytes, error))
    return 2;
  if (media_bytes >= 0 && kind != LINEUP_ACCOUNT_WEBHOOK)
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("--media-bytes is for webhook accounts: Mastodon and Bluesky get every medium uploaded"));
      return 2;
    }
  if ((store = open_store_full (args, TRUE, error)) == NULL || (secrets = open_secrets (error)) == NULL)
    return 1;

  login = lineup_account_login_new (kind);
  login->name = g_strdup (opt (args, "name"));
  switch (kind)
    {
    case LINEUP_ACCOUNT_MASTODON:
      if (!need (args, "instance", error))
        return 2;
      if ((login->endpoint = lineup_mastodon_normalize_instance (opt (args, "instance"), error)) == NULL)
        return 2;
      if (opt (args, "token-stdin"))
        {
          if ((login->token = read_secret_stdin (_("access token"), error)) == NULL)
            return 2;
        }
      else
        {
          /* The copy-paste flow: Lineup registers itself, the person allows
           * it in the browser and pastes the code shown there. */
          g_autofree char *url = NULL;

          if (!lineup_mastodon_register_app (http, login->endpoint, &login->client_id, &login->client_secret,
                                             NULL, error))
            return 1;
          url = lineup_mastodon_authorize_url (login->endpoint, login->client_id);
          fprintf (stderr, _("Open this address, allow Lineup, and paste the code it shows here:\n%s\n"), url);
          if ((login->code = read_secret_stdin (_("authorization code"), error)) == NULL)
            return 2;
        }
      break;
    case LINEUP_ACCOUNT_BLUESKY:
      if (!need (args, "handle", error))
        return 2;
      if (!opt (args, "app-password-stdin"))
        {
          g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                       _("Give the app password on standard input with --app-password-stdin (create one in Bluesky → Settings → App passwords)"));
          return 2;
        }
      if ((login->app_password = read_secret_stdin (_("app password"), error)) == NULL)
        return 2;
      login->endpoint = g_strdup (opt (args, "pds"));
      login->handle = g_strdup (opt (args, "handle"));
      break;
    case LINEUP_ACCOUNT_WEBHOOK:
      if (!need (args, "url", error))
        return 2;
      login->endpoint = g_strdup (opt (args, "url"));
      login->media_bytes = media_bytes;
      if (opt (args, "hub-secret-stdin") &&
          (login->hub_secret = read_secret_stdin (_("X-Hub-Signature secret"), error)) == NULL)
        return 2;
      break;
    default:
      g_assert_not_reached ();
    }

  if ((account = connect_account (store, secrets, http, login, NULL, &signing_secret, &status, error)) == NULL)
    return status;

  {
    g_autofree char *name = one_line (account->name);
    out (_("Added %s account “%s” (its secret is in %s)\n"), lineup_account_kind_to_label (account->kind), name,
         lineup_secrets_describe (secrets));
  }
  if (signing_secret)
    out (_("Signing secret (shown once; give it to the receiving service): %s\n"), signing_secret);
  return 0;
}

int
cmd_account_renew (Args    *args,
                   GError **error)
{
  g_autoptr(LineupStore) store = open_store (args, error);
  g_autoptr(LineupAccount) account = NULL;
  g_autoptr(LineupAccount) fixed = NULL;
  g_autoptr(LineupSecrets) secrets = NULL;
  g_autoptr(LineupHttp) http = lineup_http_new ();
  g_autoptr(LineupAccountLogin) login = NULL;
  int status = 1;

  if (store == NULL || (account = lineup_store_find_account (store, positional (args, 0), error)) == NULL ||
      (secrets = open_secrets (error)) == NULL)
    return 1;
  login = lineup_account_login_new (account->kind);
  switch (account->kind)
    {
    case LINEUP_ACCOUNT_MASTODON:
      if ((login->token = read_secret_stdin (_("access token"), error)) == NULL)
        return 2;
      break;
    case LINEUP_ACCOUNT_BLUESKY:
      if ((login->app_password = read_secret_stdin (_("app password"), error)) == NULL)
        return 2;
      break;
    default:
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("A webhook’s secret is made by Lineup: remove the account and add it again for a new one"));
      return 2;
    }
  /* Only a secret the server accepts replaces the old one. */
  if ((fixed = connect_account (store, secrets, http, login, account, NULL, &status, error)) == NULL)
    return status;
  {
    g_autofree char *name = one_line (fixed->name);
    out (_("“%s” can publish again; its failed posts will be sent at the next sync\n"), name);
  }
  return 0;
}

int
cmd_account_list (Args    *args,
                  GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(GPtrArray) accounts = NULL;

  if (!open_for_listing (args, &store, error))
    return error && *error ? 1 : 0;
  if ((accounts = lineup_store_get_accounts (store, error)) == NULL)
    return 1;
  if (opt (args, "json"))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < accounts->len; i++)
        lineup_account_to_json (builder, g_ptr_array_index (accounts, i));
      json_builder_end_array (builder);
      print_json (builder);
      return 0;
    }
  for (guint i = 0; i < accounts->len; i++)
    {
      LineupAccount *account = g_ptr_array_index (accounts, i);
      g_autofree char *name = one_line (account->name);
      g_autofree char *endpoint = one_line (account->endpoint);

      out ("%s  %s  %s\n", name, lineup_account_kind_to_key (account->kind), endpoint);
      if (account->kind == LINEUP_ACCOUNT_WEBHOOK)
        {
          g_autofree char *media = lineup_account_describe_media_bytes (account->media_bytes);
          out ("  %s\n", media);
        }
      if (account->problem)
        {
          g_autofree char *problem = one_line (account->problem);
          out (_("  cannot publish: %s\n"), problem);
        }
    }
  return 0;
}

int
cmd_account_set (Args    *args,
                 GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupAccount) account = NULL;
  gint64 media_bytes = -1;

  if (!media_bytes_option (args, &media_bytes, error))
    return 2;
  if (media_bytes < 0)
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("Nothing to change: give --media-bytes SIZE (e.g. 5MB, 500kB or 0)"));
      return 2;
    }
  if ((store = open_store (args, error)) == NULL ||
      !lineup_store_set_account_media_bytes (store, positional (args, 0), media_bytes, error) ||
      (account = lineup_store_find_account (store, positional (args, 0), error)) == NULL)
    return 1;
  {
    g_autofree char *name = one_line (account->name);
    g_autofree char *media = lineup_account_describe_media_bytes (account->media_bytes);
    out (_("“%s”: %s\n"), name, media);
  }
  return 0;
}

int
cmd_account_remove (Args    *args,
                    GError **error)
{
  g_autoptr(LineupStore) store = open_store (args, error);
  g_autoptr(LineupAccount) account = NULL;
  g_autoptr(LineupSecrets) secrets = NULL;
  g_autoptr(GError) local = NULL;

  if (store == NULL || (account = lineup_store_find_account (store, positional (args, 0), error)) == NULL)
    return 1;
  if (!lineup_store_remove_account (store, account->id, error))
    return 1;
  if ((secrets = open_secrets (&local)) == NULL || !lineup_secrets_clear (secrets, account->id, &local))
    print_error (local->message);
  {
    g_autofree char *name = one_line (account->name);
    out (_("Removed “%s”. Posts it already scheduled on the server stay there.\n"), name);
  }
  return 0;
}

int
cmd_post_target (Args    *args,
                 GError **error)
{
  g_autoptr(LineupStore) store = open_store (args, error);
  g_autoptr(LineupAccount) account = NULL;
  g_autoptr(GPtrArray) warnings = NULL;

  if (store == NULL || !need (args, "account", error))
    return store ? 2 : 1;
  if (args->positional->len == 0)
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE, _("Name at least one post: lineup post target ID… --account NAME"));
      return 2;
    }
  if ((account = lineup_store_find_account (store, opt (args, "account"), error)) == NULL)
    return 1;
  /* Many posts: one transaction, all or none. */
  lineup_store_begin (store, NULL);
  for (guint i = 0; i < args->positional->len; i++)
    if (!lineup_store_set_post_target (store, positional (args, i), account->id, opt (args, "remove") == NULL, error))
      {
        lineup_store_rollback (store);
        return 1;
      }
  if (!lineup_store_commit (store, error))
    return 1;
  warnings = lineup_sync_check_limits (store, NULL);
  for (guint i = 0; warnings && i < warnings->len; i++)
    print_error (g_ptr_array_index (warnings, i));
  return 0;
}

int
cmd_post_retry (Args    *args,
                GError **error)
{
  g_autoptr(LineupStore) store = open_store (args, error);
  g_autoptr(LineupAccount) account = NULL;
  g_autoptr(LineupPost) post = NULL;

  if (store == NULL || !need (args, "account", error))
    return store ? 2 : 1;
  if ((post = lineup_store_get_post (store, positional (args, 0), error)) == NULL ||
      (account = lineup_store_find_account (store, opt (args, "account"), error)) == NULL ||
      !lineup_sync_retry (store, lineup_post_get_id (post), account->id, error))
    return 1;
  return 0;
}

int
cmd_post_resolve (Args    *args,
                  GError **error)
{
  g_autoptr(LineupStore) store = open_store (args, error);
  g_autoptr(LineupAccount) account = NULL;
  g_autoptr(LineupPost) post = NULL;
  const char *keep = opt (args, "keep");

  if (store == NULL || !need (args, "account", error) || !need (args, "keep", error))
    return store ? 2 : 1;
  if (g_strcmp0 (keep, "lineup") != 0 && g_strcmp0 (keep, "server") != 0)
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE, _("--keep takes lineup or server"));
      return 2;
    }
  if ((post = lineup_store_get_post (store, positional (args, 0), error)) == NULL ||
      (account = lineup_store_find_account (store, opt (args, "account"), error)) == NULL ||
      !lineup_sync_resolve (store, lineup_post_get_id (post), account->id, g_str_equal (keep, "lineup"), error))
    return 1;
  return 0;
}

int
cmd_sync (Args    *args,
          GError **error)
{
  g_autoptr(LineupStore) store = open_store (args, error);
  g_autoptr(LineupSecrets) secrets = NULL;
  g_autoptr(LineupSync) sync = NULL;
  LineupSyncReport report = { 0 };
  /* --due is the timer's pass: publish what is due, confirm what fired,
   * send the outbox, and never wait for a retry (the next minute does). */
  LineupSyncPassFlags flags = opt (args, "due") ? LINEUP_SYNC_PASS_DUE_ONLY | LINEUP_SYNC_PASS_NO_WAIT
                                               : LINEUP_SYNC_PASS_ONCE;

  if (store == NULL || (secrets = open_secrets (error)) == NULL)
    return 1;
  sync = lineup_sync_new (store, secrets);

  if (!opt (args, "once") && !opt (args, "due"))
    {
      /* Runs until stopped, like the app does in the background. */
      g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

      lineup_sync_start (sync);
      g_main_loop_run (loop);
      return 0;
    }

  /* A shared plan's pass first: what others changed (and approved) is
   * known before anything is sent. Its trouble is said, not fatal: the
   * timer runs again in a minute. */
  if (lineup_share_is_shared (store))
    {
      g_autoptr(GError) share_error = NULL;
      LineupSharePass pass = { 0, };

      if (!lineup_share_sync (store, &pass, NULL, &share_error))
        {
          g_autofree char *line = g_strdup_printf (_("Shared plan: %s"), share_error->message);

          print_error (line);
        }
    }

  if (!lineup_sync_run (sync, flags, &report, NULL, error))
    {
      if (g_error_matches (*error, LINEUP_SYNC_ERROR, LINEUP_SYNC_ERROR_BUSY))
        {
          print_error ((*error)->message);
          g_clear_error (error);
          return 0;
        }
      return 1;
    }
  out (_("Sent %u, published %u, retried %u, waiting %u, failed %u, conflicts %u\n"), report.sent, report.published,
       report.retried, report.waiting, report.failed, report.conflicts);
  return report.failed + report.conflicts > 0 ? 1 : 0;
}

int
cmd_outbox (Args    *args,
            GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) warnings = NULL;

  if (!open_for_listing (args, &store, error))
    return error && *error ? 1 : 0;
  if ((rows = lineup_store_get_outbox (store, opt (args, "all") != NULL, error)) == NULL)
    return 1;
  warnings = lineup_sync_check_limits (store, NULL);
  if (opt (args, "json"))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < rows->len; i++)
        lineup_post_sync_to_json (builder, g_ptr_array_index (rows, i), TRUE);
      json_builder_end_array (builder);
      print_json (builder);
      return 0;
    }
  for (guint i = 0; warnings && i < warnings->len; i++)
    out ("! %s\n", (const char *) g_ptr_array_index (warnings, i));
  if (rows->len == 0)
    out ("%s\n", _("Nothing waits to be sent."));
  for (guint i = 0; i < rows->len; i++)
    {
      LineupPostSync *sync = g_ptr_array_index (rows, i);
      g_autofree char *title = one_line (sync->post_title);
      g_autofree char *name = one_line (sync->account_name);
      g_autofree char *ops = g_strjoinv (", ", sync->ops);

      out ("%.8s  %-10s  %s → %s%s%s%s\n", sync->post_id, lineup_sync_state_to_key (sync->state), title, name,
           *ops ? "  (" : "", ops, *ops ? ")" : "");
      if (sync->url)
        out ("  %s\n", sync->url);
      if (sync->message)
        {
          g_autofree char *message = one_line (sync->message);
          out ("  %s\n", message);
        }
    }
  return 0;
}
