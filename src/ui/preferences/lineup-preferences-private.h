/* lineup-preferences-private.h: what the Preferences window's pages share
 * while they are split into files: the window's fields, its toasts and
 * rebuilds, the row makers and each page's builders.
 *
 * Only the files under src/ui/preferences/ include it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-preferences.h"
#include "lineup-preferences-mix.h"
#include "lineup-preferences-publishing.h"
#include "lineup-preferences-sharing.h"
#include "lineup-preferences-workflow.h"

G_BEGIN_DECLS

struct _LineupPreferences
{
  AdwPreferencesWindow parent_instance;

  LineupStore *store;
  GSettings *settings;
  AdwPreferencesPage *general_page;
  GtkWidget *zone_row;
  GtkWidget *time_row;
  GtkWidget *zone_page;        /* the subpage to pick a zone, made when first shown */
  GtkWidget *zone_search;
  GtkWidget *zone_list;
  GtkWidget *zone_stack;
  GtkWidget *zone_error;
  char *zone_needle;           /* casefolded search, '_' as spaces */
  GHashTable *zone_rows;       /* zone id → its row */
  GtkWidget *zone_mark;        /* the check on the plan's zone's row */
  LineupPreferencesWorkflow *workflow_page;
  LineupPreferencesMix *mix_page;
  GtkWidget *name_row;
  LineupPreferencesSharing *sharing_page;
  LineupPreferencesPublishing *publishing_page;
  guint rebuild_id;
  gboolean saving;             /* a change made here: no rebuild under the pointer */
};

/* lineup-preferences.c */
void       toast                  (LineupPreferences *self,
                                   const char        *message);
void       refused                (LineupPreferences *self,
                                   GError            *error);
void       queue_rebuild          (LineupPreferences *self);
void       rebuild                (LineupPreferences *self);
GtkWidget *remove_button          (const char        *accessible_name);
GtkWidget *entry_row              (const char        *title,
                                   const char        *text);
GtkWidget *switch_row             (const char        *title,
                                   const char        *subtitle,
                                   gboolean           active);

/* lineup-preferences-general.c */
void       build_general          (LineupPreferences *self);
void       update_general         (LineupPreferences *self);
void       on_zone_back_cb        (LineupPreferences *self);

G_END_DECLS
