/* lineup-cli-slots.c: `lineup slots set|list|clear`, each network's weekly
 * posting slots (lineup-store-slots.h), and `lineup queue add`, which
 * gives a post the next free slot of its networks (lineup-store-queue.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "lineup-cli-private.h"

/* The network PLATFORM names, or NULL with a usage error. */
static const LineupPlatformInfo *
platform_arg (const char  *text,
              GError     **error)
{
  const LineupPlatformInfo *info;

  if (!check_one_line ("PLATFORM", text, error))
    return NULL;
  info = lineup_platform_lookup (text);
  if (info == NULL)
    {
      g_autofree char *s = shown (text);

      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("PLATFORM “%s” is not a network Lineup knows: use one of %s"), s,
                   lineup_platform_list_keys ());
    }
  return info;
}

/* "Tue 09:00, Thu 12:30" */
static char *
describe_slots (GArray *slots)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < slots->len; i++)
    {
      g_autofree char *one = lineup_slot_describe (&g_array_index (slots, LineupSlot, i));

      g_string_append_printf (text, "%s%s", i ? ", " : "", one);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

int
cmd_slots_set (Args    *args,
               GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(GArray) slots = g_array_new (FALSE, FALSE, sizeof (LineupSlot));
  g_autoptr(GArray) stored = NULL;
  g_autofree char *described = NULL;
  const LineupPlatformInfo *info = platform_arg (positional (args, 0), error);

  if (info == NULL)
    return 2;
  if (args->positional->len < 2)
    {
      g_set_error (error, CLI_ERROR, CLI_ERROR_USAGE,
                   _("slots set: give the slots after the network, such as “lineup slots set %s tue@09:00 thu@12:30”; "
                     "“lineup slots clear %s” removes them"), info->key, info->key);
      return 2;
    }
  for (guint i = 1; i < args->positional->len; i++)
    {
      LineupSlot slot;

      if (!check_one_line ("DAY@HH:MM", positional (args, i), error))
        return 2;
      if (!lineup_slot_parse (info->key, positional (args, i), &slot, error))
        return 2;
      g_array_append_val (slots, slot);
    }

  store = open_store (args, error);
  if (store == NULL)
    return 1;
  if (!lineup_store_set_slots (store, info->key, (LineupSlot *) slots->data, slots->len, error))
    return 1;
  stored = lineup_store_get_slots (store, info->key);
  described = describe_slots (stored);
  out (_("%s slots: %s (%s)\n"), info->name, described, lineup_store_get_time_zone_id (store));
  return 0;
}

int
cmd_slots_clear (Args    *args,
                 GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  const LineupPlatformInfo *info = platform_arg (positional (args, 0), error);

  if (info == NULL)
    return 2;
  store = open_store (args, error);
  if (store == NULL)
    return 1;
  if (!lineup_store_set_slots (store, info->key, NULL, 0, error))
    return 1;
  out (_("Cleared the slots of %s\n"), info->name);
  return 0;
}

int
cmd_slots_list (Args    *args,
                GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(GArray) slots = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint n_platforms;
  const LineupPlatformInfo *platforms = lineup_platforms_get_all (&n_platforms);

  if (!open_for_listing (args, &store, error))
    return store == NULL && error && *error ? 1 : 0;
  slots = lineup_store_get_slots (store, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "zone");
  json_builder_add_string_value (builder, lineup_store_get_time_zone_id (store));
  json_builder_set_member_name (builder, "slots");
  json_builder_begin_object (builder);
  for (guint p = 0; p < n_platforms; p++)
    {
      g_autoptr(GArray) mine = g_array_new (FALSE, FALSE, sizeof (LineupSlot));
      g_autoptr(GString) keys = g_string_new (NULL);
      char **cells;

      for (guint i = 0; i < slots->len; i++)
        if (g_array_index (slots, LineupSlot, i).platform == platforms[p].key ||
            g_str_equal (g_array_index (slots, LineupSlot, i).platform, platforms[p].key))
          g_array_append_val (mine, g_array_index (slots, LineupSlot, i));
      if (mine->len == 0)
        continue;
      json_builder_set_member_name (builder, platforms[p].key);
      json_builder_begin_array (builder);
      for (guint i = 0; i < mine->len; i++)
        {
          g_autofree char *key = lineup_slot_to_string (&g_array_index (mine, LineupSlot, i));

          json_builder_add_string_value (builder, key);
          g_string_append_printf (keys, "%s%s", i ? " " : "", key);
        }
      json_builder_end_array (builder);

      cells = g_new0 (char *, 4);
      cells[0] = g_strdup (platforms[p].name);
      cells[1] = describe_slots (mine);
      cells[2] = g_string_free (g_steal_pointer (&keys), FALSE);
      g_ptr_array_add (rows, cells);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  if (opt (args, "json"))
    print_json (builder);
  else if (rows->len == 0)
    out ("%s\n", _("No posting slots yet: set a network’s with “lineup slots set linkedin tue@09:00 thu@12:30”"));
  else
    {
      out (_("Posting slots, in %s:\n"), lineup_store_get_time_zone_id (store));
      print_table (rows, 3);
    }
  return 0;
}

int
cmd_queue_add (Args    *args,
               GError **error)
{
  g_autoptr(LineupStore) store = NULL;
  g_autoptr(LineupPost) post = NULL;
  g_autofree char *when = NULL;
  LineupSlotTime slot;
  const LineupPlatformInfo *info;

  if (!check_one_line ("ID", positional (args, 0), error))
    return 2;
  store = open_store (args, error);
  if (store == NULL)
    return 1;
  post = lineup_store_get_post (store, positional (args, 0), error);
  if (post == NULL ||
      !lineup_store_queue_post (store, lineup_post_get_id (post), g_get_real_time () / G_USEC_PER_SEC, &slot, error))
    return 1;
  when = lineup_store_format_time (store, slot.at, "%Y-%m-%d %H:%M");
  info = slot.platform ? lineup_platform_lookup (slot.platform) : NULL;
  out (_("Queued “%s” for %s (%s), a %s slot\n"), lineup_post_get_title (post), when,
       lineup_store_get_time_zone_id (store), info ? info->name : "");
  return 0;
}
