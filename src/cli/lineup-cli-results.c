/* lineup-cli-results.c: `lineup post url ID URL` (where a post published
 * outside Lineup is) and `lineup results import FILE` (its numbers from a
 * network's CSV export; lineup-results-import.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lineup-cli-private.h"

int
cmd_post_url (Args    *args,
              GError **error)
{
  g_autoptr(LineupStore) store = open_store (args, error);
  g_autoptr(LineupPost) post = NULL;
  const char *url = positional (args, 1);

  if (store == NULL)
    return 1;
  if (!lineup_store_set_post_url (store, positional (args, 0), url, error))
    return 1;
  post = lineup_store_get_post (store, positional (args, 0), error);
  if (post == NULL)
    return 1;
  if (*url)
    out (_("%s is at %s\n"), lineup_post_get_id (post), url);
  else
    out (_("%s has no address of its own now\n"), lineup_post_get_id (post));
  return 0;
}

int
cmd_results_import (Args    *args,
                    GError **error)
{
  g_autoptr(LineupStore) store = open_store (args, error);
  guint n = 0;

  if (store == NULL)
    return 1;
  if (!lineup_results_import (store, positional (args, 0), &n, error))
    return 1;
  out (g_dngettext (GETTEXT_PACKAGE, "Imported the results of %u row\n", "Imported the results of %u rows\n", n), n);
  return 0;
}
