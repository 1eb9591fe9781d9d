/* lineup-results-weights.c: the engagement weights as text, checked
 * (lineup-results-weights.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "lineup-results-weights.h"
#include "lineup-store.h"

const LineupResultCount lineup_result_weighted[LINEUP_RESULT_N_WEIGHTS] = {
  LINEUP_RESULT_LIKES, LINEUP_RESULT_CLICKS, LINEUP_RESULT_REPLIES,
  LINEUP_RESULT_REPOSTS, LINEUP_RESULT_QUOTES, LINEUP_RESULT_SAVES,
};

const char *
lineup_result_weight_label (LineupResultCount count)
{
  switch (count)
    {
    case LINEUP_RESULT_LIKES:   return _("Likes (reactions)");
    case LINEUP_RESULT_CLICKS:  return _("Link clicks");
    case LINEUP_RESULT_REPLIES: return _("Replies (comments)");
    case LINEUP_RESULT_REPOSTS: return _("Reposts (shares)");
    case LINEUP_RESULT_QUOTES:  return _("Quotes");
    case LINEUP_RESULT_SAVES:   return _("Saves");
    case LINEUP_RESULT_IMPRESSIONS:
    case LINEUP_RESULT_N_COUNTS:
    default:                    return _("Impressions");
    }
}

gboolean
lineup_result_weights_check (const LineupResultWeights  *weights,
                             GError                    **error)
{
  double sum = 0.0;

  g_return_val_if_fail (weights != NULL, FALSE);
  for (guint i = 0; i < LINEUP_RESULT_N_WEIGHTS; i++)
    {
      double w = weights->weight[lineup_result_weighted[i]];

      if (isnan (w) || w < 0.0 || w > LINEUP_RESULT_WEIGHT_MAX)
        {
          g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                       _("The weight of %s must be a number from 0 to %.0f, such as 3"),
                       lineup_result_count_key (lineup_result_weighted[i]), LINEUP_RESULT_WEIGHT_MAX);
          return FALSE;
        }
      sum += w;
    }
  if (sum <= 0.0)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("At least one weight must be above 0, or every post would have no engagement"));
      return FALSE;
    }
  return TRUE;
}

gboolean
lineup_result_weights_equal (const LineupResultWeights *a,
                             const LineupResultWeights *b)
{
  for (guint i = 0; i < LINEUP_RESULT_N_WEIGHTS; i++)
    if (fabs (a->weight[lineup_result_weighted[i]] - b->weight[lineup_result_weighted[i]]) > 1e-9)
      return FALSE;
  return TRUE;
}

gboolean
lineup_result_weights_is_default (const LineupResultWeights *weights)
{
  LineupResultWeights defaults;

  lineup_result_weights_default (&defaults);
  return lineup_result_weights_equal (weights, &defaults);
}

char *
lineup_result_weights_to_text (const LineupResultWeights *weights)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < LINEUP_RESULT_N_WEIGHTS; i++)
    {
      char number[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (number, sizeof number, "%.10g", weights->weight[lineup_result_weighted[i]]);
      g_string_append_printf (text, "%s%s=%s", i ? " " : "", lineup_result_count_key (lineup_result_weighted[i]),
                              number);
    }
  return g_string_free (text, FALSE);
}

gboolean
lineup_result_weights_parse (const char           *text,
                             LineupResultWeights  *out_weights,
                             GError              **error)
{
  g_auto(GStrv) words = NULL;
  LineupResultWeights weights;

  g_return_val_if_fail (out_weights != NULL, FALSE);
  lineup_result_weights_default (&weights);
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("The engagement weights are not valid UTF-8 text"));
      return FALSE;
    }
  words = g_strsplit_set (text, " \t", -1);
  for (guint w = 0; words[w]; w++)
    {
      const char *eq = strchr (words[w], '=');
      gboolean known = FALSE;

      if (*words[w] == '\0')
        continue;
      for (guint i = 0; eq && i < LINEUP_RESULT_N_WEIGHTS; i++)
        {
          const char *key = lineup_result_count_key (lineup_result_weighted[i]);
          char *end = NULL;
          double value;

          if (strlen (key) != (gsize) (eq - words[w]) || strncmp (key, words[w], eq - words[w]) != 0)
            continue;
          value = g_ascii_strtod (eq + 1, &end);
          if (end == eq + 1 || *end != '\0')
            break;
          weights.weight[lineup_result_weighted[i]] = value;
          known = TRUE;
        }
      if (!known)
        {
          g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                       _("“%s” in the engagement weights should be KEY=N, KEY one of likes, clicks, replies, reposts, quotes, saves"),
                       words[w]);
          return FALSE;
        }
    }
  if (!lineup_result_weights_check (&weights, error))
    return FALSE;
  *out_weights = weights;
  return TRUE;
}
