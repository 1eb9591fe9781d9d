/* lineup-utm.c: UTM parameters on a caption's links (lineup-utm.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lineup-utm.h"
#include "lineup-text.h"
#include "lineup-store.h"
#include <glib/gi18n-lib.h>

char *
lineup_utm_clean_value (const char *value)
{
  g_autofree char *lower = NULL;
  GString *clean;
  gboolean dash = FALSE;

  if (value == NULL || !g_utf8_validate (value, -1, NULL))
    return g_strdup ("");
  lower = g_utf8_strdown (value, -1);
  clean = g_string_new (NULL);
  for (const char *p = lower; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Letters, digits, "-", "_" and "." stay; every run of anything else
       * (spaces, slashes, commas) is one "-". */
      if (!g_unichar_isalnum (c) && c != '-' && c != '_' && c != '.')
        {
          dash = clean->len > 0;
          continue;
        }
      if (dash)
        g_string_append_c (clean, '-');
      dash = FALSE;
      g_string_append_unichar (clean, c);
    }
  return g_string_free (clean, FALSE);
}

char *
lineup_utm_check_value (const char  *what,
                        const char  *value,
                        GError     **error)
{
  g_autofree char *clean = NULL;

  if (value == NULL || !g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("%s is not valid UTF-8 text: write it again"), what);
      return NULL;
    }
  clean = lineup_utm_clean_value (value);
  if (*clean == '\0' || g_utf8_strlen (clean, -1) > LINEUP_UTM_MAX_CHARS)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("%s must be 1 to %d characters, such as “spring-launch”"), what, LINEUP_UTM_MAX_CHARS);
      return NULL;
    }
  return g_steal_pointer (&clean);
}

GStrv
lineup_utm_parse_domains (const char  *domains,
                          GError     **error)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_free);

  if (domains && (!g_utf8_validate (domains, -1, NULL) || strlen (domains) > LINEUP_UTM_MAX_CHARS * 10))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The list of domains is not valid UTF-8 or is too long: write up to %d characters"),
                   LINEUP_UTM_MAX_CHARS * 10);
      return NULL;
    }
  parts = g_strsplit_set (domains ? domains : "", ", \t\n", -1);
  for (guint i = 0; parts[i]; i++)
    {
      g_autofree char *ascii = NULL;

      if (*parts[i] == '\0')
        continue;
      ascii = g_hostname_to_ascii (parts[i]);
      if (ascii == NULL || strchr (parts[i], '/') || strchr (parts[i], ':') || strchr (parts[i], '@') ||
          !strchr (parts[i], '.') || parts[i][0] == '.')
        {
          g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                       _("“%s” is not a domain: write host names such as example.org, without “https://” or a path"),
                       parts[i]);
          return NULL;
        }
      g_ptr_array_add (list, g_utf8_strdown (parts[i], -1));
    }
  g_ptr_array_add (list, NULL);
  return (GStrv) g_ptr_array_steal (list, NULL);
}

static gboolean
is_web_url (const char *url)
{
  return url && (g_ascii_strncasecmp (url, "http://", 7) == 0 || g_ascii_strncasecmp (url, "https://", 8) == 0);
}

/* The host of an http(s) URL, lowercase and in ASCII (IDNA), or NULL. */
static char *
url_host (const char *url)
{
  const char *start, *end;
  g_autofree char *host = NULL;
  char *ascii;

  if (!is_web_url (url))
    return NULL;
  start = strstr (url, "://") + 3;
  end = start + strcspn (start, "/?#");
  /* user:password@ */
  for (const char *at = start; at < end; at++)
    if (*at == '@')
      start = at + 1;
  host = g_strndup (start, end - start);
  if (host[0] == '[')                      /* an IPv6 literal */
    {
      char *close = strchr (host, ']');

      if (close)
        close[1] = '\0';
    }
  else if (strchr (host, ':'))
    *strchr (host, ':') = '\0';
  {
    g_autofree char *unescaped = g_uri_unescape_string (host, NULL);

    ascii = g_hostname_to_ascii (unescaped ? unescaped : host);
  }
  if (ascii == NULL)
    return NULL;
  {
    char *lower = g_ascii_strdown (ascii, -1);

    g_free (ascii);
    /* "example.org." names the same host as "example.org" */
    if (*lower && lower[strlen (lower) - 1] == '.')
      lower[strlen (lower) - 1] = '\0';
    return lower;
  }
}

gboolean
lineup_utm_host_matches (const char         *url,
                         const char * const *domains)
{
  g_autofree char *host = NULL;

  if (domains == NULL || domains[0] == NULL)
    return TRUE;
  if ((host = url_host (url)) == NULL)
    return FALSE;
  for (guint i = 0; domains[i]; i++)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (domains[i]));
      g_autofree char *ascii = *stripped ? g_hostname_to_ascii (stripped) : NULL;
      g_autofree char *domain = ascii ? g_ascii_strdown (ascii, -1) : NULL;
      gsize host_len = strlen (host), domain_len;

      if (domain == NULL || *domain == '\0')
        continue;
      domain_len = strlen (domain);
      if (g_str_equal (host, domain) ||
          (host_len > domain_len && g_str_has_suffix (host, domain) && host[host_len - domain_len - 1] == '.'))
        return TRUE;
    }
  return FALSE;
}

/* Whether the query (without "?") has a parameter called @key. */
static gboolean
query_has_key (const char *query,
               gsize       query_len,
               const char *key)
{
  g_autofree char *copy = g_strndup (query, query_len);
  g_auto(GStrv) pairs = g_strsplit_set (copy, "&;", -1);

  for (guint i = 0; pairs[i]; i++)
    {
      char *eq = strchr (pairs[i], '=');
      g_autofree char *raw = eq ? g_strndup (pairs[i], eq - pairs[i]) : g_strdup (pairs[i]);
      g_autofree char *name = NULL;

      g_strdelimit (raw, "+", ' ');
      name = g_uri_unescape_string (raw, NULL);
      if (g_strcmp0 (name ? name : raw, key) == 0)
        return TRUE;
    }
  return FALSE;
}

char *
lineup_utm_tag_url (const char      *url,
                    const LineupUtm *utm)
{
  const char *keys[] = { "utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term" };
  const char *values[G_N_ELEMENTS (keys)];
  const char *hash, *question;
  gsize base_len, query_len = 0;
  GString *added;
  GString *out;

  g_return_val_if_fail (url != NULL, NULL);
  if (utm == NULL || !is_web_url (url))
    return g_strdup (url);

  values[0] = utm->source;
  values[1] = utm->medium;
  values[2] = utm->campaign;
  values[3] = utm->content;
  values[4] = utm->term;

  hash = strchr (url, '#');
  question = strchr (url, '?');
  if (question && hash && question > hash)
    question = NULL;                       /* a "?" inside the fragment */
  base_len = question ? (gsize) (question - url) : hash ? (gsize) (hash - url) : strlen (url);
  if (question)
    query_len = hash ? (gsize) (hash - question - 1) : strlen (question + 1);

  added = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *escaped = NULL;

      if (values[i] == NULL || *values[i] == '\0' ||
          (question && query_has_key (question + 1, query_len, keys[i])))
        continue;
      escaped = g_uri_escape_string (values[i], NULL, FALSE);
      g_string_append_printf (added, "%s%s=%s", added->len ? "&" : "", keys[i], escaped);
    }
  if (added->len == 0)
    {
      g_string_free (added, TRUE);
      return g_strdup (url);
    }

  out = g_string_new_len (url, base_len);
  g_string_append_c (out, '?');
  if (query_len > 0)
    {
      g_string_append_len (out, question + 1, query_len);
      if (question[query_len] != '&')
        g_string_append_c (out, '&');
    }
  g_string_append_len (out, added->str, added->len);
  if (hash)
    g_string_append (out, hash);
  g_string_free (added, TRUE);
  return g_string_free (out, FALSE);
}

char *
lineup_utm_tag_text (const char         *text,
                     const LineupUtm    *utm,
                     const char * const *domains)
{
  g_autoptr(GArray) links = NULL;
  GString *out;
  gsize at = 0;

  if (text == NULL)
    return g_strdup ("");
  links = lineup_text_find_links (text);
  out = g_string_new (NULL);
  for (guint i = 0; i < links->len; i++)
    {
      LineupTextLink *link = &g_array_index (links, LineupTextLink, i);
      g_autofree char *tagged = lineup_utm_host_matches (link->uri, domains)
                                ? lineup_utm_tag_url (link->uri, utm) : g_strdup (link->uri);

      g_string_append_len (out, text + at, (gssize) (link->byte_start - at));
      g_string_append (out, tagged);
      at = link->byte_end;
    }
  g_string_append (out, text + at);
  return g_string_free (out, FALSE);
}

GStrv
lineup_utm_final_links (const char         *text,
                        const LineupUtm    *utm,
                        const char * const *domains)
{
  g_autoptr(GArray) links = lineup_text_find_links (text);
  GPtrArray *final = g_ptr_array_new ();

  for (guint i = 0; i < links->len; i++)
    {
      LineupTextLink *link = &g_array_index (links, LineupTextLink, i);

      g_ptr_array_add (final, lineup_utm_host_matches (link->uri, domains)
                              ? lineup_utm_tag_url (link->uri, utm) : g_strdup (link->uri));
    }
  g_ptr_array_add (final, NULL);
  return (GStrv) g_ptr_array_free (final, FALSE);
}
