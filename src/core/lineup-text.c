/* lineup-text.c: grapheme clusters, Mastodon's counting, links.
 *
 * The core links no Pango or ICU, so grapheme boundaries follow UAX #29's
 * rules over GLib's character data. Prepend, the Indic conjunct rule and a
 * few odd spacing marks are approximated; every sequence people put in
 * captions (emoji with skin tones, ZWJ families, flags, tag flags, keycaps,
 * combining accents, Hangul) counts as the networks count it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lineup-text.h"

typedef enum {
  GB_OTHER,
  GB_CR,
  GB_LF,
  GB_CONTROL,
  GB_EXTEND,
  GB_ZWJ,
  GB_REGIONAL_INDICATOR,
  GB_PREPEND,
  GB_SPACING_MARK,
  GB_L,
  GB_V,
  GB_T,
  GB_LV,
  GB_LVT,
} GraphemeClass;

typedef struct {
  gunichar first, last;
} Range;

/* Extended_Pictographic from Unicode's emoji-data.txt, merged where the
 * gaps hold no characters that matter for boundaries. */
static const Range pictographic[] = {
  { 0x00A9, 0x00A9 }, { 0x00AE, 0x00AE }, { 0x203C, 0x203C }, { 0x2049, 0x2049 },
  { 0x2122, 0x2122 }, { 0x2139, 0x2139 }, { 0x2194, 0x2199 }, { 0x21A9, 0x21AA },
  { 0x231A, 0x231B }, { 0x2328, 0x2328 }, { 0x2388, 0x2388 }, { 0x23CF, 0x23CF },
  { 0x23E9, 0x23F3 }, { 0x23F8, 0x23FA }, { 0x24C2, 0x24C2 }, { 0x25AA, 0x25AB },
  { 0x25B6, 0x25B6 }, { 0x25C0, 0x25C0 }, { 0x25FB, 0x25FE }, { 0x2600, 0x2605 },
  { 0x2607, 0x2612 }, { 0x2614, 0x2685 }, { 0x2690, 0x2705 }, { 0x2708, 0x2712 },
  { 0x2714, 0x2714 }, { 0x2716, 0x2716 }, { 0x271D, 0x271D }, { 0x2721, 0x2721 },
  { 0x2728, 0x2728 }, { 0x2733, 0x2734 }, { 0x2744, 0x2744 }, { 0x2747, 0x2747 },
  { 0x274C, 0x274C }, { 0x274E, 0x274E }, { 0x2753, 0x2755 }, { 0x2757, 0x2757 },
  { 0x2763, 0x2767 }, { 0x2795, 0x2797 }, { 0x27A1, 0x27A1 }, { 0x27B0, 0x27B0 },
  { 0x27BF, 0x27BF }, { 0x2934, 0x2935 }, { 0x2B05, 0x2B07 }, { 0x2B1B, 0x2B1C },
  { 0x2B50, 0x2B50 }, { 0x2B55, 0x2B55 }, { 0x3030, 0x3030 }, { 0x303D, 0x303D },
  { 0x3297, 0x3297 }, { 0x3299, 0x3299 }, { 0x1F000, 0x1F0FF }, { 0x1F10D, 0x1F10F },
  { 0x1F12F, 0x1F12F }, { 0x1F16C, 0x1F171 }, { 0x1F17E, 0x1F17F }, { 0x1F18E, 0x1F18E },
  { 0x1F191, 0x1F19A }, { 0x1F1AD, 0x1F1E5 }, { 0x1F201, 0x1F20F }, { 0x1F21A, 0x1F21A },
  { 0x1F22F, 0x1F22F }, { 0x1F232, 0x1F23A }, { 0x1F23C, 0x1F23F }, { 0x1F249, 0x1F3FA },
  { 0x1F400, 0x1F53D }, { 0x1F546, 0x1F64F }, { 0x1F680, 0x1F6FF }, { 0x1F774, 0x1F77F },
  { 0x1F7D5, 0x1F7FF }, { 0x1F80C, 0x1F80F }, { 0x1F848, 0x1F84F }, { 0x1F85A, 0x1F85F },
  { 0x1F888, 0x1F88F }, { 0x1F8AE, 0x1F8FF }, { 0x1F90C, 0x1F93A }, { 0x1F93C, 0x1F945 },
  { 0x1F947, 0x1FAFF }, { 0x1FC00, 0x1FFFD },
};

/* Prepended concatenation marks and the other Prepend characters. */
static const Range prepend[] = {
  { 0x0600, 0x0605 }, { 0x06DD, 0x06DD }, { 0x070F, 0x070F }, { 0x0890, 0x0891 },
  { 0x08E2, 0x08E2 }, { 0x0D4E, 0x0D4E }, { 0x110BD, 0x110BD }, { 0x110CD, 0x110CD },
  { 0x111C2, 0x111C3 }, { 0x1193F, 0x1193F }, { 0x11941, 0x11941 }, { 0x11A3A, 0x11A3A },
  { 0x11A84, 0x11A89 }, { 0x11D46, 0x11D46 },
};

static gboolean
in_ranges (gunichar     c,
           const Range *ranges,
           gsize        n_ranges)
{
  gsize lo = 0, hi = n_ranges;

  while (lo < hi)
    {
      gsize mid = (lo + hi) / 2;

      if (c < ranges[mid].first)
        hi = mid;
      else if (c > ranges[mid].last)
        lo = mid + 1;
      else
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_pictographic (gunichar c)
{
  return c >= 0xA9 && in_ranges (c, pictographic, G_N_ELEMENTS (pictographic));
}

static GraphemeClass
classify (gunichar c)
{
  GUnicodeType type;

  if (c == '\r')
    return GB_CR;
  if (c == '\n')
    return GB_LF;
  if (c < 0x20 || (c >= 0x7F && c < 0xA0))
    return GB_CONTROL;
  if (c < 0x0300)
    return GB_OTHER;   /* Latin text: the common case, decided at once */
  if (c == 0x200D)
    return GB_ZWJ;
  if (c == 0x200C ||
      (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF) ||
      (c >= 0x1F3FB && c <= 0x1F3FF) || (c >= 0xE0020 && c <= 0xE007F) ||
      c == 0xFF9E || c == 0xFF9F)
    return GB_EXTEND;
  if (c >= 0x1F1E6 && c <= 0x1F1FF)
    return GB_REGIONAL_INDICATOR;
  if ((c >= 0x1100 && c <= 0x115F) || (c >= 0xA960 && c <= 0xA97C))
    return GB_L;
  if ((c >= 0x1160 && c <= 0x11A7) || (c >= 0xD7B0 && c <= 0xD7C6))
    return GB_V;
  if ((c >= 0x11A8 && c <= 0x11FF) || (c >= 0xD7CB && c <= 0xD7FB))
    return GB_T;
  if (c >= 0xAC00 && c <= 0xD7A3)
    return (c - 0xAC00) % 28 == 0 ? GB_LV : GB_LVT;
  if (in_ranges (c, prepend, G_N_ELEMENTS (prepend)))
    return GB_PREPEND;
  if (c == 0x0E33 || c == 0x0EB3)
    return GB_SPACING_MARK;

  type = g_unichar_type (c);
  switch (type)
    {
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
      return GB_EXTEND;
    case G_UNICODE_SPACING_MARK:
      return GB_SPACING_MARK;
    case G_UNICODE_CONTROL:
    case G_UNICODE_FORMAT:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
    case G_UNICODE_SURROGATE:
      return GB_CONTROL;
    default:
      return GB_OTHER;
    }
}

typedef struct {
  GraphemeClass previous;
  gboolean      started;
  guint         regional_run;   /* regional indicators right before this character */
  gboolean      in_pictographic; /* the text so far ends in ExtPict Extend* */
  gboolean      zwj_after_pictographic;
} Segmenter;

/* Whether a cluster starts at @c, given what came before (UAX #29 GB3–GB999). */
static gboolean
segmenter_feed (Segmenter *s,
                gunichar   c)
{
  GraphemeClass cls = classify (c);
  gboolean pict = is_pictographic (c);
  GraphemeClass prev = s->previous;
  gboolean boundary;

  if (!s->started)
    boundary = TRUE;
  else if (prev == GB_CR && cls == GB_LF)
    boundary = FALSE;
  else if (prev == GB_CR || prev == GB_LF || prev == GB_CONTROL)
    boundary = TRUE;
  else if (cls == GB_CR || cls == GB_LF || cls == GB_CONTROL)
    boundary = TRUE;
  else if (prev == GB_L && (cls == GB_L || cls == GB_V || cls == GB_LV || cls == GB_LVT))
    boundary = FALSE;
  else if ((prev == GB_LV || prev == GB_V) && (cls == GB_V || cls == GB_T))
    boundary = FALSE;
  else if ((prev == GB_LVT || prev == GB_T) && cls == GB_T)
    boundary = FALSE;
  else if (cls == GB_EXTEND || cls == GB_ZWJ || cls == GB_SPACING_MARK)
    boundary = FALSE;
  else if (prev == GB_PREPEND)
    boundary = FALSE;
  else if (prev == GB_ZWJ && pict && s->zwj_after_pictographic)
    boundary = FALSE;
  else if (prev == GB_REGIONAL_INDICATOR && cls == GB_REGIONAL_INDICATOR)
    boundary = s->regional_run % 2 == 0;
  else
    boundary = TRUE;

  s->zwj_after_pictographic = cls == GB_ZWJ && s->in_pictographic;
  if (pict)
    s->in_pictographic = TRUE;
  else if (cls != GB_EXTEND)
    s->in_pictographic = FALSE;
  s->regional_run = cls == GB_REGIONAL_INDICATOR ? s->regional_run + 1 : 0;
  s->previous = cls;
  s->started = TRUE;
  return boundary;
}

guint
lineup_text_count_graphemes (const char *text)
{
  g_autofree char *valid = NULL;
  Segmenter s = { 0, };
  guint count = 0;

  if (text == NULL)
    return 0;
  /* A broken byte counts as one character, as the replacement sign it becomes. */
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (segmenter_feed (&s, g_utf8_get_char (p)))
      count++;
  return count;
}

/* ---- links ---- */

void
lineup_text_link_clear (LineupTextLink *link)
{
  if (link)
    g_clear_pointer (&link->uri, g_free);
}

static gboolean
has_scheme_at (const char *p,
               gsize      *out_length)
{
  if (g_ascii_strncasecmp (p, "https://", 8) == 0)
    *out_length = 8;
  else if (g_ascii_strncasecmp (p, "http://", 7) == 0)
    *out_length = 7;
  else
    return FALSE;
  return TRUE;
}

/* A link starts a word: "xhttp://" or "@http://" is no link (as twitter-text
 * and Bluesky's clients decide). */
static gboolean
can_precede_link (const char *text,
                  const char *p)
{
  gunichar c;

  if (p == text)
    return TRUE;
  c = g_utf8_get_char (g_utf8_prev_char (p));
  return !g_unichar_isalnum (c) && !strchr ("@$#/_-.", (int) c) && c != 0;
}

static gboolean
ends_link (gunichar c)
{
  return g_unichar_isspace (c) || c == '<' || c == '>' || c == '"' ||
         classify (c) == GB_CONTROL || classify (c) == GB_CR || classify (c) == GB_LF;
}

static guint
count_byte (const char *start,
            const char *end,
            char        byte)
{
  guint n = 0;

  for (const char *p = start; p < end; p++)
    n += *p == byte;
  return n;
}

/* Drops what ends the sentence rather than the link, as Bluesky's clients
 * do: trailing . , ; : ! ? and a closing bracket that opened outside the
 * link, "(see https://x.y/a)". */
static const char *
trim_link_end (const char *start,
               const char *end)
{
  while (end > start)
    {
      char last = end[-1];

      if (strchr (".,;:!?", last))
        end--;
      else if (last == ')' && count_byte (start, end, '(') < count_byte (start, end, ')'))
        end--;
      else if (last == ']' && count_byte (start, end, '[') < count_byte (start, end, ']'))
        end--;
      else
        break;
    }
  return end;
}

GArray *
lineup_text_find_links (const char *text)
{
  GArray *links = g_array_new (FALSE, TRUE, sizeof (LineupTextLink));
  const char *p;

  g_array_set_clear_func (links, (GDestroyNotify) lineup_text_link_clear);
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return links;

  p = text;
  while ((p = strpbrk (p, "hH")) != NULL)
    {
      gsize scheme = 0;
      const char *host, *end;
      LineupTextLink link;

      if (!has_scheme_at (p, &scheme) || !can_precede_link (text, p))
        {
          p++;
          continue;
        }
      host = p + scheme;
      end = host;
      while (*end && !ends_link (g_utf8_get_char (end)))
        end = g_utf8_next_char (end);
      end = trim_link_end (host, end);
      /* "http://" alone, or followed by punctuation, names no host. */
      if (end == host || !(g_unichar_isalnum (g_utf8_get_char (host)) || *host == '['))
        {
          p = host;
          continue;
        }

      link.byte_start = (gsize) (p - text);
      link.byte_end = (gsize) (end - text);
      link.uri = g_strndup (p, end - p);
      g_array_append_val (links, link);
      p = end;
    }
  return links;
}

/* ---- Mastodon ---- */

typedef struct {
  gsize       start, end;
  const char *replacement;   /* NULL: keep the bytes */
  gsize       keep;          /* with no replacement: how many bytes of the match stay */
} Entity;

static int
compare_entities (gconstpointer a,
                  gconstpointer b)
{
  const Entity *x = a, *y = b;

  return x->start < y->start ? -1 : x->start > y->start;
}

/* Mastodon's Account::MENTION_RE; a match followed by "@", a Latin accent or
 * "://" is no mention (twitter-text's end_mention_match). */
static GRegex *
mention_regex (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    {
      GRegex *compiled = g_regex_new ("(?<![=/\\w])@([a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)"
                                      "(?:@\\w+(?:[.-]+\\w+)*)?",
                                      G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      g_assert (compiled != NULL);
      g_once_init_leave (&regex, compiled);
    }
  return regex;
}

static gboolean
mention_ends_badly (const char *after)
{
  gunichar c = g_utf8_get_char (after);

  return c == '@' || c == 0xFF20 ||
         (c >= 0xC0 && c <= 0xFF && c != 0xD7 && c != 0xF7) ||
         g_str_has_prefix (after, "://");
}

guint
lineup_text_count_mastodon (const char *text,
                            const char *spoiler,
                            guint       url_length)
{
  g_autoptr(GArray) links = NULL;
  g_autoptr(GArray) entities = g_array_new (FALSE, FALSE, sizeof (Entity));
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GString) countable = g_string_new (spoiler);
  g_autofree char *placeholder = NULL;
  g_autofree char *valid = NULL;
  gsize at = 0;

  if (text == NULL)
    text = "";
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  placeholder = g_strnfill (url_length, 'x');
  links = lineup_text_find_links (text);
  for (guint i = 0; i < links->len; i++)
    {
      LineupTextLink *link = &g_array_index (links, LineupTextLink, i);
      Entity entity = { link->byte_start, link->byte_end, url_length ? placeholder : NULL,
                        link->byte_end - link->byte_start };

      g_array_append_val (entities, entity);
    }

  g_regex_match (mention_regex (), text, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      int start, end, user_end;
      gboolean overlaps = FALSE;

      g_match_info_fetch_pos (match, 0, &start, &end);
      g_match_info_fetch_pos (match, 1, NULL, &user_end);
      if (mention_ends_badly (text + end))
        continue;
      for (guint i = 0; i < links->len && !overlaps; i++)
        {
          LineupTextLink *link = &g_array_index (links, LineupTextLink, i);

          overlaps = (gsize) start < link->byte_end && (gsize) end > link->byte_start;
        }
      if (!overlaps)
        {
          Entity entity = { (gsize) start, (gsize) end, NULL, (gsize) (user_end - start) };

          g_array_append_val (entities, entity);
        }
    }
  g_array_sort (entities, compare_entities);

  for (guint i = 0; i < entities->len; i++)
    {
      Entity *entity = &g_array_index (entities, Entity, i);

      g_string_append_len (countable, text + at, (gssize) (entity->start - at));
      if (entity->replacement)
        g_string_append (countable, entity->replacement);
      else
        g_string_append_len (countable, text + entity->start, (gssize) entity->keep);
      at = entity->end;
    }
  g_string_append (countable, text + at);

  return lineup_text_count_graphemes (countable->str);
}

guint
lineup_text_count_for_network (const char *text,
                               const char *platform_key)
{
  if (g_strcmp0 (platform_key, "mastodon") == 0 || g_strcmp0 (platform_key, "x") == 0)
    return lineup_text_count_mastodon (text, NULL, 23);
  return lineup_text_count_graphemes (text);
}
