/* lineup-account.c: the account model: its kinds and their names, and
 * making, copying and freeing a LineupAccount.
 *
 * Reading and writing account rows is in lineup-publish-store.c; making an
 * account's publisher and connecting a new account is in
 * lineup-account-connect.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-account.h"
#include "lineup-bluesky.h"
#include "lineup-mastodon.h"
#include "lineup-text.h"

static const char * const kind_keys[] = { "mastodon", "bluesky", "webhook" };

LineupAccount *
lineup_account_new (void)
{
  return g_new0 (LineupAccount, 1);
}

LineupAccount *
lineup_account_copy (const LineupAccount *account)
{
  LineupAccount *copy = g_new0 (LineupAccount, 1);

  *copy = *account;
  copy->id = g_strdup (account->id);
  copy->name = g_strdup (account->name);
  copy->endpoint = g_strdup (account->endpoint);
  copy->handle = g_strdup (account->handle);
  copy->remote_user = g_strdup (account->remote_user);
  copy->client_id = g_strdup (account->client_id);
  copy->problem = g_strdup (account->problem);
  copy->media_limits = g_strdup (account->media_limits);
  return copy;
}

void
lineup_account_free (LineupAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->id);
  g_free (account->name);
  g_free (account->endpoint);
  g_free (account->handle);
  g_free (account->remote_user);
  g_free (account->client_id);
  g_free (account->problem);
  g_free (account->media_limits);
  g_free (account);
}

const char *
lineup_account_kind_to_key (LineupAccountKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_keys), NULL);
  return kind_keys[kind];
}

const char *
lineup_account_kind_to_label (LineupAccountKind kind)
{
  switch (kind)
    {
    case LINEUP_ACCOUNT_MASTODON: return _("Mastodon");
    case LINEUP_ACCOUNT_BLUESKY: return _("Bluesky");
    case LINEUP_ACCOUNT_WEBHOOK: return _("Webhook");
    default: g_return_val_if_reached (NULL);
    }
}

gboolean
lineup_account_kind_from_string (const char        *text,
                                 LineupAccountKind *out_kind)
{
  for (guint i = 0; text && i < G_N_ELEMENTS (kind_keys); i++)
    if (g_ascii_strcasecmp (text, kind_keys[i]) == 0)
      {
        *out_kind = (LineupAccountKind) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
lineup_account_kind_schedules_on_server (LineupAccountKind kind)
{
  return kind == LINEUP_ACCOUNT_MASTODON;
}

gboolean
lineup_account_count_caption (const LineupAccount *account,
                              const char          *text,
                              guint               *out_count,
                              guint               *out_limit)
{
  g_return_val_if_fail (account != NULL, FALSE);

  switch (account->kind)
    {
    case LINEUP_ACCOUNT_MASTODON:
      *out_count = lineup_text_count_mastodon (text, NULL, account->url_length);
      *out_limit = account->text_limit ? account->text_limit : LINEUP_MASTODON_DEFAULT_TEXT_LIMIT;
      return TRUE;
    case LINEUP_ACCOUNT_BLUESKY:
      *out_count = lineup_text_count_graphemes (text);
      *out_limit = account->text_limit ? account->text_limit : LINEUP_BLUESKY_MAX_GRAPHEMES;
      return TRUE;
    case LINEUP_ACCOUNT_WEBHOOK:
    default:
      return FALSE;
    }
}
