/* lineup-preferences-list.h: what the Preferences pages' lists share: an
 * item that carries one thing the store gave (a team member, a feed…) in
 * a GListStore, the sync that turns the store's newest array into the
 * fewest changes to that GListStore (so a removal or an edit touches one
 * row), and the binding of such a store to a boxed list whose last rows
 * ("Add a member"…) are written in the page's template; the few row and
 * button makers the pages share; and a follower of the store's signals.
 *
 * It does not know any page nor what its items hold.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LINEUP_TYPE_PREFERENCES_ITEM (lineup_preferences_item_get_type ())
G_DECLARE_FINAL_TYPE (LineupPreferencesItem, lineup_preferences_item, LINEUP, PREFERENCES_ITEM, GObject)

/* What the store gave for this item (a LineupMember *…), owned by it. */
gpointer lineup_preferences_item_get_data  (LineupPreferencesItem *self);
/* Its place in the store's array at the last sync, from 0. */
guint    lineup_preferences_item_get_index (LineupPreferencesItem *self);

/* The string an item is known by (a name, an id), and the one that says
 * everything its row shows. Both newly allocated. */
typedef char *(*LineupPreferencesTextFunc) (gconstpointer data);

/* Makes @store's items the elements of @array, in its order: items whose
 * key went away are removed, new ones inserted, and kept ones whose
 * signature or place changed (all kept ones when @refresh) emit
 * "changed" for their row to show them. The elements are stolen from
 * @array; @free_data frees them later. */
void lineup_preferences_list_sync (GListStore               *store,
                                   GPtrArray                *array,
                                   LineupPreferencesTextFunc key,
                                   LineupPreferencesTextFunc signature,
                                   GDestroyNotify            free_data,
                                   gboolean                  refresh);

/* Binds @items to @list, which must have the boxed-list style: a row
 * from @create for each item, followed by the rows the template put in
 * @list. When a removal takes the row with the keyboard's focus, the
 * focus goes to the row now in its place. Up and Down past either end
 * move on to the rest of the page, and the list is named after its
 * group, as in an AdwPreferencesGroup. */
void lineup_preferences_list_bind (GtkListBox                 *list,
                                   GListModel                 *items,
                                   GtkListBoxCreateWidgetFunc  create,
                                   gpointer                    data);

/* The rows and buttons the pages make for each item: a flat icon button
 * named (and with a tooltip) for a screen reader, the trash one to remove,
 * an entry row with its apply button, a row whose switch is its
 * activatable widget. */
GtkWidget *lineup_preferences_icon_button   (const char *icon,
                                             const char *accessible_name);
GtkWidget *lineup_preferences_remove_button (const char *accessible_name);
GtkWidget *lineup_preferences_entry_row     (const char *title,
                                             const char *text);
GtkWidget *lineup_preferences_switch_row    (const char *title,
                                             const char *subtitle,
                                             gboolean    active);

/* Calls @changed on @page once, when the main loop is next idle, after any
 * of the store's signals named (NULL-terminated) was emitted; several
 * emissions in a row make one call. Ends when @page is disposed. */
void lineup_preferences_follow_store (GtkWidget  *page,
                                      gpointer    store,
                                      void      (*changed) (GtkWidget *page),
                                      const char *signal,
                                      ...) G_GNUC_NULL_TERMINATED;

/* Shows @message in the Preferences window holding @widget. */
void lineup_preferences_toast     (GtkWidget                  *widget,
                                   const char                 *message);

G_END_DECLS
