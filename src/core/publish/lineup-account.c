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
#include <string.h>

#include "lineup-account.h"
#include "lineup-bluesky.h"
#include "lineup-mastodon.h"
#include "lineup-publish-media.h"
#include "lineup-text.h"

static const char * const kind_keys[] = { "mastodon", "bluesky", "webhook" };

LineupAccount *
lineup_account_new (void)
{
  LineupAccount *account = g_new0 (LineupAccount, 1);

  account->media_bytes = LINEUP_WEBHOOK_DEFAULT_MEDIA_BYTES;
  return account;
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

/* ---- a webhook's media size ---- */

static const struct {
  const char *unit;
  gint64      factor;
} size_units[] = {
  { "", 1 }, { "b", 1 },
  { "kb", 1000 }, { "mb", 1000 * 1000 }, { "gb", 1000 * 1000 * 1000 },
  { "kib", 1024 }, { "mib", 1024 * 1024 }, { "gib", 1024 * 1024 * 1024 },
};

gboolean
lineup_account_parse_size (const char  *text,
                           gint64      *out_bytes,
                           GError     **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text ? text : ""));
  const char *p = copy;
  const char *unit;
  gdouble whole = 0, fraction = 0, scale = 1;
  gboolean digits = FALSE;

  /* Digits, an optional decimal part, then a unit: no signs, exponents,
   * hexadecimal or "inf" as g_ascii_strtod would take. */
  for (; g_ascii_isdigit (*p); p++, digits = TRUE)
    whole = whole * 10 + (*p - '0');
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++, digits = TRUE)
      fraction += (*p - '0') * (scale /= 10);
  while (*p == ' ')
    p++;
  unit = p;
  for (guint i = 0; digits && i < G_N_ELEMENTS (size_units); i++)
    if (g_ascii_strcasecmp (unit, size_units[i].unit) == 0)
      {
        gdouble bytes = (whole + fraction) * (gdouble) size_units[i].factor;

        if (bytes > (gdouble) LINEUP_ACCOUNT_MAX_MEDIA_BYTES)
          {
            g_autofree char *max = lineup_account_format_size (LINEUP_ACCOUNT_MAX_MEDIA_BYTES);

            g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                         _("“%s” is over the largest size a webhook carries, %s: write a smaller size, or 0 to send none"),
                         copy, max);
            return FALSE;
          }
        *out_bytes = (gint64) (bytes + 0.5);
        return TRUE;
      }
  g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
               _("“%s” is not a size; write e.g. 5MB, 500kB or 0"), copy);
  return FALSE;
}

char *
lineup_account_format_size (gint64 bytes)
{
  const char *unit = "B";
  gdouble value = (gdouble) bytes;
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  gsize length;

  if (bytes >= 1000 * 1000)
    unit = "MB", value /= 1000 * 1000;
  else if (bytes >= 1000)
    unit = "kB", value /= 1000;
  /* As it is written back (lineup_account_parse_size): "5 MB", "1.5 MB". */
  g_ascii_formatd (number, sizeof number, "%.2f", value);
  length = strlen (number);
  while (length > 1 && number[length - 1] == '0')
    number[--length] = '\0';
  if (number[length - 1] == '.')
    number[--length] = '\0';
  return g_strconcat (number, " ", unit, NULL);
}

char *
lineup_account_describe_media_bytes (gint64 media_bytes)
{
  g_autofree char *size = NULL;

  if (media_bytes <= 0)
    return g_strdup (_("media are listed without their bytes"));
  size = lineup_account_format_size (media_bytes);
  return g_strdup_printf (_("media up to %s go with their bytes"), size);
}
