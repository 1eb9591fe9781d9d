/* lineup-results-import.c: results from CSV exports (lineup-results-import.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "lineup-results-import.h"
#include "lineup-results.h"
#include "lineup-csv.h"
#include "lineup-platform.h"
#include "lineup-store-results.h"

typedef enum {
  F_URL, F_POST, F_DATE, F_PLATFORM,
  F_IMPRESSIONS, F_REACTIONS, F_COMMENTS, F_SHARES, F_SAVES, F_CLICKS, F_QUOTES,
  N_FIELDS
} Field;

/* Lineup's own columns first; then each product's, as its export names them
 * (compared ignoring case). */
static const struct { const char *header; Field field; } columns[] = {
  { "reposts", F_SHARES },
  /* Lineup */
  { "url", F_URL }, { "post", F_POST }, { "date", F_DATE }, { "platform", F_PLATFORM },
  { "impressions", F_IMPRESSIONS }, { "reactions", F_REACTIONS }, { "comments", F_COMMENTS },
  { "shares", F_SHARES }, { "saves", F_SAVES }, { "clicks", F_CLICKS }, { "quotes", F_QUOTES },
  /* LinkedIn page analytics, "All posts" */
  { "post link", F_URL }, { "likes", F_REACTIONS },
  /* Meta Business Suite, content export */
  { "permalink", F_URL }, { "total clicks", F_CLICKS }, { "views", F_IMPRESSIONS },
  /* X analytics, post activity (older "tweet" names too) */
  { "tweet permalink", F_URL }, { "replies", F_COMMENTS },
  { "retweets", F_SHARES }, { "bookmarks", F_SAVES }, { "url clicks", F_CLICKS },
  /* TikTok Studio, content export */
  { "video link", F_URL }, { "total likes", F_REACTIONS }, { "total comments", F_COMMENTS },
  { "total shares", F_SHARES }, { "total views", F_IMPRESSIONS }, { "add to favorites", F_SAVES },
};

/* How far down a header may start: exports put a title line above it. */
#define MAX_PREAMBLE_ROWS 3

static const struct { const char *host; const char *platform; } sites[] = {
  { "linkedin.com", "linkedin" }, { "x.com", "x" }, { "twitter.com", "x" },
  { "tiktok.com", "tiktok" }, { "instagram.com", "instagram" }, { "youtube.com", "youtube" },
  { "youtu.be", "youtube" }, { "reddit.com", "reddit" }, { "threads.net", "threads" },
  { "threads.com", "threads" }, { "pinterest.com", "pinterest" }, { "facebook.com", "facebook" },
  { "fb.com", "facebook" }, { "bsky.app", "bluesky" },
};

static gboolean
tracking_parameter (const char *name,
                    gsize       len)
{
  static const char * const exact[] = { "fbclid", "gclid", "igshid", "si", "mc_cid", "mc_eid", NULL };
  g_autofree char *lower = g_ascii_strdown (name, len);

  return g_str_has_prefix (lower, "utm_") || g_strv_contains (exact, lower);
}

char *
lineup_results_normalize_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *host = NULL;
  g_autofree char *stripped = NULL;
  g_autoptr(GString) query = g_string_new (NULL);
  GString *out;
  const char *path, *q;
  gsize path_len;

  g_return_val_if_fail (url != NULL, NULL);

  stripped = g_strstrip (g_strdup (url));
  uri = g_uri_parse (stripped, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_steal_pointer (&stripped);
  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  path = g_uri_get_path (uri);
  path_len = strlen (path);
  while (path_len > 0 && path[path_len - 1] == '/')
    path_len--;
  if ((q = g_uri_get_query (uri)))
    {
      g_auto(GStrv) pairs = g_strsplit (q, "&", -1);

      for (guint i = 0; pairs[i]; i++)
        {
          const char *eq = strchr (pairs[i], '=');

          if (*pairs[i] == '\0' || tracking_parameter (pairs[i], eq ? (gsize) (eq - pairs[i]) : strlen (pairs[i])))
            continue;
          g_string_append_printf (query, "%s%s", query->len ? "&" : "", pairs[i]);
        }
    }
  out = g_string_new ("https://");
  g_string_append (out, host);
  if (g_uri_get_port (uri) > 0 && g_uri_get_port (uri) != 443 && g_uri_get_port (uri) != 80)
    g_string_append_printf (out, ":%d", g_uri_get_port (uri));
  g_string_append_len (out, path, path_len);
  if (query->len)
    g_string_append_printf (out, "?%s", query->str);
  return g_string_free (out, FALSE);
}

static const char *
platform_of_url (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  g_autofree char *host = NULL;

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return NULL;
  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  for (guint i = 0; i < G_N_ELEMENTS (sites); i++)
    {
      gsize n = strlen (host), m = strlen (sites[i].host);

      if (g_str_equal (host, sites[i].host) ||
          (n > m && g_str_has_suffix (host, sites[i].host) && host[n - m - 1] == '.'))
        return sites[i].platform;
    }
  return NULL;
}

typedef struct {
  const char *name;        /* the file, for messages */
  GPtrArray  *header;      /* the header row's cells */
  int         index_of[N_FIELDS];
  GHashTable *by_url;      /* normalised URL → post id */
} Import;

static gboolean
row_error (GError     **error,
           Import      *im,
           guint        row,
           int          column,
           const char  *problem)
{
  if (column >= 0)
    g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                 _("%s, row %u, column “%s”: %s"), im->name, row,
                 (const char *) g_ptr_array_index (im->header, column), problem);
  else
    g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                 _("%s, row %u: %s"), im->name, row, problem);
  return FALSE;
}

static const char *
cell (GPtrArray *fields,
      int        index)
{
  if (index < 0 || (guint) index >= fields->len)
    return "";
  return g_ptr_array_index (fields, index);
}

/* A count as exports write it: "1,234", "1 234" or "1234"; "", "-" or
 * "N/A": not said. */
static gboolean
parse_count (const char *text,
             gint64     *out)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  g_autofree char *s = g_strstrip (g_strdup (text));

  if (*s == '\0' || g_str_equal (s, "-") || g_ascii_strcasecmp (s, "n/a") == 0)
    {
      *out = LINEUP_RESULT_UNKNOWN;
      return TRUE;
    }
  for (const char *p = s; *p; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
    else if (*p != ',' && *p != ' ')
      return FALSE;
  if (digits->len == 0 || digits->len > 12)
    return FALSE;
  *out = g_ascii_strtoll (digits->str, NULL, 10);
  return TRUE;
}

static gboolean
read_header (Import     *im,
             GPtrArray  *rows,
             guint      *out_first,
             GError    **error)
{
  for (guint r = 0; r < rows->len && r < MAX_PREAMBLE_ROWS + 1; r++)
    {
      GPtrArray *fields = g_ptr_array_index (rows, r);

      for (guint f = 0; f < N_FIELDS; f++)
        im->index_of[f] = -1;
      /* The table's first name found wins (X's "Reposts" over its "Shares"). */
      for (guint k = 0; k < G_N_ELEMENTS (columns); k++)
        for (guint c = 0; c < fields->len && im->index_of[columns[k].field] < 0; c++)
          {
            g_autofree char *name = g_strstrip (g_ascii_strdown (g_ptr_array_index (fields, c), -1));

            if (g_str_equal (name, columns[k].header))
              im->index_of[columns[k].field] = c;
          }
      if (im->index_of[F_URL] >= 0 || im->index_of[F_POST] >= 0)
        {
          gboolean plain = FALSE;

          /* Only Lineup's own file says when its numbers were read; the
           * exports' dates are the posts' ("Lifetime" in Meta's). */
          for (guint c = 0; c < fields->len; c++)
            {
              g_autofree char *name = g_strstrip (g_ascii_strdown (g_ptr_array_index (fields, c), -1));

              plain |= g_str_equal (name, "url") || g_str_equal (name, "post");
            }
          if (!plain)
            im->index_of[F_DATE] = -1;
          im->header = fields;
          *out_first = r + 1;
          return TRUE;
        }
    }
  g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
               _("%s has no column naming the post: add a column “url” (the post’s address) or “post” (its Lineup id), or import the export of LinkedIn, Meta Business Suite, X or TikTok as it was downloaded"),
               im->name);
  return FALSE;
}

static gboolean
parse_date (const char *text,
            gint64     *out)
{
  g_autoptr(GDateTime) at = NULL;
  g_autofree char *iso = NULL;

  if (strlen (text) < 10)
    return FALSE;
  iso = g_strdup_printf ("%.10sT12:00:00Z", text);
  if ((at = g_date_time_new_from_iso8601 (iso, NULL)) == NULL)
    return FALSE;
  *out = g_date_time_to_unix (at);
  return TRUE;
}

static LineupResultSnapshot *
read_row (Import       *im,
          LineupStore  *store,
          GPtrArray    *fields,
          guint         row,
          gint64        now,
          GError      **error)
{
  static const struct { Field field; LineupResultCount count; } counts[] = {
    { F_IMPRESSIONS, LINEUP_RESULT_IMPRESSIONS }, { F_REACTIONS, LINEUP_RESULT_LIKES },
    { F_COMMENTS, LINEUP_RESULT_REPLIES }, { F_SHARES, LINEUP_RESULT_REPOSTS },
    { F_SAVES, LINEUP_RESULT_SAVES }, { F_CLICKS, LINEUP_RESULT_CLICKS }, { F_QUOTES, LINEUP_RESULT_QUOTES },
  };
  const char *url = cell (fields, im->index_of[F_URL]);
  const char *id = cell (fields, im->index_of[F_POST]);
  const char *platform = cell (fields, im->index_of[F_PLATFORM]);
  const char *date = cell (fields, im->index_of[F_DATE]);
  g_autoptr(LineupPost) post = NULL;
  g_autoptr(LineupResultSnapshot) snapshot = NULL;
  const char *network = NULL;
  gint64 at = now;

  if (*id)
    {
      g_autoptr(GError) local = NULL;

      if ((post = lineup_store_get_post (store, id, &local)) == NULL)
        return row_error (error, im, row, im->index_of[F_POST],
                          _("no post of the plan has this id: check it with “lineup post list”")), NULL;
    }
  else if (*url)
    {
      g_autofree char *key = lineup_results_normalize_url (url);
      const char *post_id = g_hash_table_lookup (im->by_url, key);

      if (post_id == NULL || (post = lineup_store_get_post (store, post_id, NULL)) == NULL)
        return row_error (error, im, row, im->index_of[F_URL],
                          _("no post of the plan has this address: set it with “lineup post url ID URL”, or give the post’s id in a column “post”")), NULL;
    }
  else
    return row_error (error, im, row, im->index_of[F_URL] >= 0 ? im->index_of[F_URL] : im->index_of[F_POST],
                      _("the cell is empty: give the post’s address or id")), NULL;

  if (*platform)
    {
      const LineupPlatformInfo *info = lineup_platform_lookup (platform);

      if (info == NULL)
        {
          g_autofree char *problem = g_strdup_printf (_("not a network Lineup knows: use one of %s"), lineup_platform_list_keys ());
          return row_error (error, im, row, im->index_of[F_PLATFORM], problem), NULL;
        }
      network = info->key;
    }
  else if (*url)
    network = platform_of_url (url);
  if (network == NULL)
    {
      const char * const *platforms = lineup_post_get_platforms (post);

      if (platforms && platforms[0] && !platforms[1])
        network = platforms[0];
      else
        return row_error (error, im, row, -1,
                          _("cannot tell which network the numbers are from: add a column “platform”")), NULL;
    }
  if (*date && !parse_date (date, &at))
    return row_error (error, im, row, im->index_of[F_DATE],
                      _("expected the date the numbers were read, as YYYY-MM-DD")), NULL;

  snapshot = lineup_result_snapshot_new (lineup_post_get_id (post), network, at, "import");
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    if (im->index_of[counts[i].field] >= 0 &&
        !parse_count (cell (fields, im->index_of[counts[i].field]), &snapshot->counts[counts[i].count]))
      return row_error (error, im, row, im->index_of[counts[i].field],
                        _("not a whole number: write the count in digits, or leave the cell empty when the network does not say")), NULL;
  return g_steal_pointer (&snapshot);
}

gboolean
lineup_results_import (LineupStore  *store,
                       const char   *path,
                       guint        *out_n_rows,
                       GError      **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) snapshots = g_ptr_array_new_with_free_func ((GDestroyNotify) lineup_result_snapshot_free);
  g_autoptr(GHashTable) urls = NULL;
  g_autofree char *name = NULL;
  Import im = { 0 };
  GHashTableIter iter;
  gpointer key, value;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint first = 0;

  g_return_val_if_fail (LINEUP_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (out_n_rows)
    *out_n_rows = 0;
  if ((rows = lineup_csv_read_rows (path, error)) == NULL)
    return FALSE;
  name = g_filename_display_basename (path);
  im.name = name;
  if (!read_header (&im, rows, &first, error))
    return FALSE;
  if (first >= rows->len)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("%s has a header but no rows: export the posts’ numbers too"), name);
      return FALSE;
    }

  im.by_url = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  urls = lineup_store_get_post_urls (store);
  g_hash_table_iter_init (&iter, urls);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (im.by_url, lineup_results_normalize_url (value), g_strdup (key));

  for (guint r = first; r < rows->len; r++)
    {
      LineupResultSnapshot *snapshot = read_row (&im, store, g_ptr_array_index (rows, r), r + 1, now, error);

      if (snapshot == NULL)
        {
          g_hash_table_unref (im.by_url);
          return FALSE;
        }
      g_ptr_array_add (snapshots, snapshot);
    }
  g_hash_table_unref (im.by_url);
  if (!lineup_store_add_results (store, snapshots, error))
    return FALSE;
  if (out_n_rows)
    *out_n_rows = snapshots->len;
  return TRUE;
}
