/* lineup-address.c: finding and leaving out the userinfo of URLs (see the
 * header). Only "scheme://" URLs have one; a file path never does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lineup-address.h"

/* Does "://" at @sep follow a scheme (a letter, then letters, digits, '+',
 * '-' or '.') that starts at @start or after a character no scheme has? */
static gboolean
after_scheme (const char *start,
              const char *sep)
{
  const char *p = sep;

  while (p > start && (g_ascii_isalnum (p[-1]) || p[-1] == '+' || p[-1] == '-' || p[-1] == '.'))
    p--;
  return p < sep && g_ascii_isalpha (*p);
}

/* The length of the userinfo and its '@' at @authority (just after "://"),
 * or 0: the authority ends at '/', '?', '#', a space or a quote. */
static gsize
userinfo_length (const char *authority)
{
  const char *at = NULL;

  for (const char *p = authority; *p && !strchr ("/?#\"'<>", *p) && !g_ascii_isspace (*p); p++)
    if (*p == '@')
      at = p;
  return at ? (gsize) (at - authority) + 1 : 0;
}

gboolean
lineup_address_has_userinfo (const char *url)
{
  const char *sep = url ? strstr (url, "://") : NULL;

  return sep && after_scheme (url, sep) && sep - url == (gssize) strspn (url, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.") &&
         userinfo_length (sep + 3) > 0;
}

char *
lineup_address_hide_userinfo (const char *text)
{
  GString *out;
  const char *p;

  if (text == NULL)
    return NULL;
  out = g_string_sized_new (strlen (text));
  for (p = text; *p;)
    {
      const char *sep = strstr (p, "://");
      gsize skip;

      if (sep == NULL)
        break;
      g_string_append_len (out, p, sep + 3 - p);
      p = sep + 3;
      if (after_scheme (text, sep) && (skip = userinfo_length (p)) > 0)
        p += skip;
    }
  g_string_append (out, p);
  return g_string_free (out, FALSE);
}

char *
lineup_address_get_user (const char *url)
{
  const char *sep = url ? strstr (url, "://") : NULL;
  g_autofree char *userinfo = NULL;
  gsize length;
  char *colon;

  if (!lineup_address_has_userinfo (url))
    return NULL;
  length = userinfo_length (sep + 3);
  userinfo = g_strndup (sep + 3, length - 1);
  if ((colon = strchr (userinfo, ':')) != NULL)
    *colon = '\0';
  if (*userinfo == '\0')
    return NULL;
  return g_uri_unescape_string (userinfo, NULL);
}
