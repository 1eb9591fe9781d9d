/* lineup-store-validate.c: what the store accepts: text, names, dates,
 * times, colours and a whole post, with errors that say what to fix. No
 * writes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "lineup-store-private.h"

/* ---- validation ---- */

gboolean
_lineup_store_check_text (const char  *what,
                          const char  *text,
                          glong        max_chars,
                          GError     **error)
{
  const char *bad = NULL;

  if (text == NULL)
    return TRUE;

  if (!g_utf8_validate (text, -1, &bad))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("%s is not valid UTF-8 text (a stray byte 0x%02X at byte %ld): save it as UTF-8 and try again"),
                   what, (guchar) *bad, (long) (bad - text));
      return FALSE;
    }

  if (g_utf8_strlen (text, -1) > max_chars)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("%s is %ld characters long; the limit is %ld: shorten it by %ld"),
                   what, g_utf8_strlen (text, -1), max_chars,
                   g_utf8_strlen (text, -1) - max_chars);
      return FALSE;
    }

  return TRUE;
}

gboolean
lineup_parse_date (const char *text,
                   GDate      *out_date)
{
  guint y, m, d;
  char tail;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  if (sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  if (y < LINEUP_FIRST_YEAR || y > LINEUP_LAST_YEAR || !g_date_valid_dmy (d, m, y))
    return FALSE;

  if (out_date)
    g_date_set_dmy (out_date, d, m, y);
  return TRUE;
}

gboolean
lineup_parse_time (const char *text,
                   int        *out_minutes)
{
  if (text == NULL || strlen (text) != 5 || text[2] != ':' ||
      !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) ||
      !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]))
    return FALSE;

  {
    int h = (text[0] - '0') * 10 + (text[1] - '0');
    int m = (text[3] - '0') * 10 + (text[4] - '0');

    if (h > 23 || m > 59)
      return FALSE;
    if (out_minutes)
      *out_minutes = h * 60 + m;
  }
  return TRUE;
}

gboolean
lineup_color_is_valid (const char *color)
{
  if (color == NULL || strlen (color) != 7 || color[0] != '#')
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]))
      return FALSE;
  return TRUE;
}

/* Titles and names are one line: a line break or another control
 * character would break lists, cards, feeds and command output. */
gboolean
_lineup_store_check_one_line (const char  *what,
                              const char  *text,
                              GError     **error)
{
  for (const char *p = text; p && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029)
        {
          g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                       _("%s holds a line break or control character (U+%04X at character %ld): write it on one line"),
                       what, c, g_utf8_pointer_to_offset (text, p) + 1);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
_lineup_store_check_name (const char  *what,
                          const char  *name,
                          GError     **error)
{
  g_autofree char *stripped = NULL;

  if (!_lineup_store_check_text (what, name, LINEUP_NAME_MAX_CHARS, error) ||
      !_lineup_store_check_one_line (what, name, error))
    return FALSE;
  stripped = g_strstrip (g_strdup (name ? name : ""));
  if (*stripped == '\0')
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("%s is empty: give it a name"), what);
      return FALSE;
    }
  return TRUE;
}

gboolean
_lineup_store_validate_post (LineupStore  *self,
                             LineupPost   *post,
                             GError      **error)
{
  const char *title = lineup_post_get_title (post);
  g_auto(GStrv) platforms = NULL;
  GDate due;

  if (!_lineup_store_check_text (_("The title"), title, LINEUP_TITLE_MAX_CHARS, error) ||
      !_lineup_store_check_one_line (_("The title"), title, error))
    return FALSE;
  {
    g_autofree char *stripped = g_strstrip (g_strdup (title));
    if (*stripped == '\0')
      {
        g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                     _("The title is empty: every post needs a title (up to %d characters)"),
                     LINEUP_TITLE_MAX_CHARS);
        return FALSE;
      }
  }
  if (!_lineup_store_check_text (_("The caption"), lineup_post_get_body (post), LINEUP_BODY_MAX_CHARS, error))
    return FALSE;

  for (guint i = 0; i < LINEUP_N_BRIEF_FIELDS; i++)
    {
      g_autofree char *what = g_strdup_printf (_("The brief’s “%s”"),
                                               lineup_brief_field_to_label (i));
      if (!_lineup_store_check_text (what, lineup_post_get_brief (post, i), LINEUP_FIELD_MAX_CHARS, error))
        return FALSE;
    }

  if (lineup_post_get_due_on (post) && !lineup_parse_date (lineup_post_get_due_on (post), &due))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The due date “%s” is not a valid date: expected YYYY-MM-DD"),
                   g_utf8_validate (lineup_post_get_due_on (post), -1, NULL) ? lineup_post_get_due_on (post) : "?");
      return FALSE;
    }

  if (!_lineup_store_check_text (_("The content warning"), lineup_post_get_content_warning (post), LINEUP_TITLE_MAX_CHARS, error) ||
      !_lineup_store_check_one_line (_("The content warning"), lineup_post_get_content_warning (post), error))
    return FALSE;

  if (lineup_post_get_evergreen (post) && !lineup_evergreen_parse (lineup_post_get_evergreen (post), NULL, NULL))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The evergreen mark “%s” is not valid: expected the minimum gap in days (0–%d), then optionally the last date as YYYY-MM-DD"),
                   g_utf8_validate (lineup_post_get_evergreen (post), -1, NULL) ? lineup_post_get_evergreen (post) : "?",
                   LINEUP_EVERGREEN_MAX_GAP_DAYS);
      return FALSE;
    }
  if (!lineup_post_captions_valid (post))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The post’s caption variants are not valid: expected a JSON object of platform keys (%s) to texts"),
                   lineup_platform_list_keys ());
      return FALSE;
    }
  {
    const LineupPlatformInfo *all;
    guint n;

    all = lineup_platforms_get_all (&n);
    for (guint i = 0; i < n; i++)
      {
        g_autofree char *variant = lineup_post_dup_caption_variant (post, all[i].key);
        g_autofree char *what = g_strdup_printf (_("The %s caption"), all[i].name);

        if (variant && !_lineup_store_check_text (what, variant, LINEUP_BODY_MAX_CHARS, error))
          return FALSE;
      }
  }
  if (!_lineup_store_check_text (_("The source post’s id"), lineup_post_get_source_id (post), LINEUP_NAME_MAX_CHARS, error) ||
      !_lineup_store_check_one_line (_("The source post’s id"), lineup_post_get_source_id (post), error))
    return FALSE;

  if (lineup_store_get_pillar (self, lineup_post_get_pillar_id (post)) == NULL)
    {
      g_autofree char *names = lineup_store_list_pillar_names (self);
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The post has no pillar: choose one of %s"),
                   *names ? names : _("the plan’s pillars (the plan has none yet: add one first)"));
      return FALSE;
    }

  if (lineup_store_get_content_type (self, lineup_post_get_type_id (post)) == NULL)
    {
      g_autofree char *names = lineup_store_list_content_type_names (self);
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The post has no content type: choose one of %s"), names);
      return FALSE;
    }

  if (lineup_post_get_campaign_id (post) != 0 &&
      lineup_store_get_campaign (self, lineup_post_get_campaign_id (post)) == NULL)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The post’s campaign no longer exists: choose another or none"));
      return FALSE;
    }

  if ((guint) lineup_post_get_stage (post) >= LINEUP_N_STAGES)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("Unknown stage: expected one of %s"), lineup_stage_list_keys ());
      return FALSE;
    }

  /* Platforms are stored in one canonical order, so equal sets compare equal. */
  if (!lineup_platforms_normalize (lineup_post_get_platforms (post), &platforms, error))
    return FALSE;
  lineup_post_set_platforms (post, (const char * const *) platforms);

  return TRUE;
}
