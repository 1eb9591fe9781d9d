/* lineup-preferences.c
 *
 * The plan's groups are rebuilt from the store after each change (the store
 * announces them with "plan-changed"), so they always show what is saved,
 * also when the command line changed it meanwhile.
 *
 * The General page mixes the two kinds of setting and says which is which:
 * the plan's time zone and default post time are kept in the plan (the same
 * for everyone who opens it); your name, the first day of the week and the
 * colour scheme are yours, in GSettings, bound to their rows so a change
 * applies at once wherever it shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lineup-account-dialog.h"
#include "lineup-preferences.h"
#include "lineup-publishing-view.h"

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
  AdwPreferencesPage *page;
  GtkWidget *plan_groups[3];   /* team, approval chain, checklist */
  AdwPreferencesPage *mix_page;
  GtkWidget *name_row;
  GtkWidget *mix_groups[3];    /* types, pillars, stages */
  AdwPreferencesPage *sharing_page;
  GtkWidget *feeds_group;
  GtkWidget *new_feed_name;
  GtkWidget *new_feed_kind;
  GtkWidget *new_feed_target;
  GtkWidget *new_feed_privacy;
  GtkWidget *overlays_group;
  GtkWidget *new_overlay_name;
  GtkWidget *new_overlay_source;
  AdwPreferencesPage *publishing_page;
  GtkWidget *accounts_group;
  char *accounts_signature;    /* what the accounts group shows now */
  guint rebuild_id;
  guint accounts_id;
  gboolean saving;             /* a change made here: no rebuild under the pointer */
  const char *refocus;         /* the "Add …" field to give the keyboard back to after a rebuild */
  GHashTable *add_rows;        /* that title → its new row */
};

G_DEFINE_FINAL_TYPE (LineupPreferences, lineup_preferences, ADW_TYPE_PREFERENCES_WINDOW)

static void rebuild (LineupPreferences *self);

char *
lineup_preferences_user_name (GSettings *settings)
{
  g_autofree char *name = g_settings_get_string (settings, "user-name");

  g_strstrip (name);
  if (*name)
    return g_steal_pointer (&name);
  return g_strdup (g_get_real_name ());
}

static void
toast (LineupPreferences *self,
       const char        *message)
{
  /* Something went wrong or was said: the keyboard stays where it is. */
  self->refocus = NULL;
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

/* Reports a refusal and shows what is stored again (a switch or check box
 * the person flipped goes back). */
static void
refused (LineupPreferences *self,
         GError            *error)
{
  toast (self, error->message);
  rebuild (self);
}

static gboolean
rebuild_idle_cb (gpointer data)
{
  LineupPreferences *self = data;

  self->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
queue_rebuild (LineupPreferences *self)
{
  if (self->saving)
    return;
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rebuild_idle_cb, self);
}

static GtkWidget *
remove_button (const char *accessible_name)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, accessible_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name, -1);
  return button;
}

static GtkWidget *
entry_row (const char *title,
           const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (text)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  return row;
}

/* ---- you ---- */

static void
on_name_changed_cb (GtkEditable       *editable,
                    LineupPreferences *self)
{
  g_autofree char *name = NULL;

  g_settings_set_string (self->settings, "user-name", gtk_editable_get_text (editable));
  name = lineup_preferences_user_name (self->settings);
  lineup_store_set_actor (self->store, name);
}

static GtkWidget *
build_you (LineupPreferences *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *description = g_strdup_printf (_("Your name goes into the history of what you do in this plan. "
                                                    "Left empty, it is your account’s name, %s."),
                                                  g_get_real_name ());
  g_autofree char *name = g_settings_get_string (self->settings, "user-name");
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("You"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Your name"));
  self->name_row = row;
  gtk_editable_set_text (GTK_EDITABLE (row), name);
  g_signal_connect (row, "changed", G_CALLBACK (on_name_changed_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return group;
}

/* ---- the plan's time zone ---- */

typedef struct {
  char *id;         /* "America/New_York" */
  char *city;       /* "New York" */
  char *country;    /* "United States", or NULL */
  char *haystack;   /* casefolded id, city and country, for the search */
} Zone;

static void
zone_free (Zone *zone)
{
  g_free (zone->id);
  g_free (zone->city);
  g_free (zone->country);
  g_free (zone->haystack);
  g_free (zone);
}

static int
compare_zones (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 ((*(Zone **) a)->id, (*(Zone **) b)->id);
}

static char *
casefold_spaced (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);

  g_strdelimit (folded, "_", ' ');
  return g_steal_pointer (&folded);
}

/* The zones people choose from: the tz database's one-per-place list
 * (zone.tab, as tzselect offers it) with the countries' names, and UTC.
 * Any other name GLib knows may still be typed. */
static GPtrArray *
list_zones (void)
{
  static GPtrArray *zones;
  const char *dir = g_getenv ("TZDIR") ? g_getenv ("TZDIR") : "/usr/share/zoneinfo";
  g_autofree char *zone_tab = g_build_filename (dir, "zone.tab", NULL);
  g_autofree char *iso_tab = g_build_filename (dir, "iso3166.tab", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GHashTable) countries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) lines = NULL;
  Zone *utc;

  if (zones)
    return zones;
  zones = g_ptr_array_new_with_free_func ((GDestroyNotify) zone_free);

  if (g_file_get_contents (iso_tab, &text, NULL, NULL))
    {
      lines = g_strsplit (text, "\n", -1);
      for (guint i = 0; lines[i]; i++)
        {
          g_auto(GStrv) fields = NULL;

          if (lines[i][0] == '#' || lines[i][0] == '\0')
            continue;
          fields = g_strsplit (lines[i], "\t", 2);
          if (fields[0] && fields[1])
            g_hash_table_replace (countries, g_strdup (fields[0]), g_strdup (g_strstrip (fields[1])));
        }
      g_clear_pointer (&lines, g_strfreev);
      g_clear_pointer (&text, g_free);
    }
  if (g_file_get_contents (zone_tab, &text, NULL, NULL))
    {
      lines = g_strsplit (text, "\n", -1);
      for (guint i = 0; lines[i]; i++)
        {
          g_auto(GStrv) fields = NULL;
          g_autofree char *hay = NULL;
          const char *slash;
          Zone *zone;

          if (lines[i][0] == '#' || lines[i][0] == '\0')
            continue;
          fields = g_strsplit (lines[i], "\t", 4);
          if (g_strv_length (fields) < 3 || !g_utf8_validate (fields[2], -1, NULL))
            continue;
          zone = g_new0 (Zone, 1);
          zone->id = g_strdup (g_strstrip (fields[2]));
          slash = strrchr (zone->id, '/');
          zone->city = g_strdelimit (g_strdup (slash ? slash + 1 : zone->id), "_", ' ');
          zone->country = g_strdup (g_hash_table_lookup (countries, fields[0]));
          hay = g_strjoin (" ", zone->id, zone->country ? zone->country : "", NULL);
          zone->haystack = casefold_spaced (hay);
          g_ptr_array_add (zones, zone);
        }
    }
  utc = g_new0 (Zone, 1);
  utc->id = g_strdup ("UTC");
  utc->city = g_strdup ("UTC");
  utc->country = g_strdup (_("Coordinated Universal Time"));
  utc->haystack = casefold_spaced ("UTC GMT Coordinated Universal Time");
  g_ptr_array_add (zones, utc);
  g_ptr_array_sort (zones, compare_zones);
  return zones;
}

/* "UTC+05:30" now (summer time counts), "UTC" when there is no offset. */
static char *
describe_offset (GTimeZone *tz)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  GTimeSpan offset = g_date_time_get_utc_offset (now) / G_TIME_SPAN_MINUTE;

  if (offset == 0)
    return g_strdup ("UTC");
  return g_strdup_printf ("UTC%s%02d:%02d", offset < 0 ? "−" : "+",
                          (int) ABS (offset) / 60, (int) ABS (offset) % 60);
}

static void
update_general (LineupPreferences *self)
{
  const char *id = lineup_store_get_time_zone_id (self->store);
  g_autofree char *offset = describe_offset (lineup_store_get_time_zone (self->store));
  g_autofree char *subtitle = g_str_equal (offset, id) ? g_strdup (id) : g_strdup_printf ("%s · %s", id, offset);
  g_autofree char *escaped = g_markup_escape_text (subtitle, -1);
  int minutes = lineup_store_get_default_time (self->store);
  g_autofree char *time = g_strdup_printf ("%02d:%02d", minutes / 60, minutes % 60);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->zone_row), escaped);
  /* Never under the person's typing. */
  if (!(gtk_widget_get_state_flags (self->time_row) & GTK_STATE_FLAG_FOCUS_WITHIN) &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->time_row)), time) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->time_row), time);
}

static void
show_zone_error (LineupPreferences *self,
                 const char        *message)
{
  gtk_label_set_label (GTK_LABEL (self->zone_error), message ? message : "");
  gtk_widget_set_visible (self->zone_error, message != NULL);
  if (message)
    {
      gtk_widget_add_css_class (self->zone_search, "error");
      /* Said to a screen reader too, not only shown in red. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->zone_search), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      message, -1);
    }
  else
    {
      gtk_widget_remove_css_class (self->zone_search, "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->zone_search), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

static gboolean
zone_matches (LineupPreferences *self,
              Zone              *zone)
{
  return self->zone_needle == NULL || strstr (zone->haystack, self->zone_needle) != NULL;
}

static void
choose_zone (LineupPreferences *self,
             const char        *id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!lineup_store_set_time_zone (self->store, id, &error))
    {
      show_zone_error (self, error->message);
      return;
    }
  message = g_strdup_printf (_("The plan is now on %s time"), id);
  adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (self));
  gtk_widget_grab_focus (self->zone_row);
  toast (self, message);
}

static void
on_zone_row_activated_cb (GtkListBox        *list,
                          GtkListBoxRow     *row,
                          LineupPreferences *self)
{
  choose_zone (self, ((Zone *) g_object_get_data (G_OBJECT (row), "zone-info"))->id);
}

static gboolean
filter_zone_row (GtkListBoxRow *row,
                 gpointer       data)
{
  return zone_matches (data, g_object_get_data (G_OBJECT (row), "zone-info"));
}

static void
on_zone_search_changed_cb (GtkSearchEntry    *entry,
                           LineupPreferences *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autofree char *needle = *text ? casefold_spaced (text) : NULL;
  GPtrArray *zones = list_zones ();
  gboolean any = FALSE;

  /* Enter runs the search at once; the entry's own, later, is then no
   * change (and must not hide what Enter said). */
  if (g_strcmp0 (needle, self->zone_needle) == 0)
    return;
  g_free (self->zone_needle);
  self->zone_needle = g_steal_pointer (&needle);
  show_zone_error (self, NULL);
  gtk_list_box_invalidate_filter (GTK_LIST_BOX (self->zone_list));
  for (guint i = 0; i < zones->len && !any; i++)
    any = zone_matches (self, g_ptr_array_index (zones, i));
  gtk_stack_set_visible_child_name (GTK_STACK (self->zone_stack), any ? "list" : "empty");
}

/* Enter: the zone typed or the only match is chosen; with several, the
 * keyboard goes to the first so the arrows pick; with none, the text is
 * tried as a name (any GLib knows, such as Etc/GMT+5), or refused saying
 * why. */
static void
on_zone_search_activate_cb (GtkSearchEntry    *entry,
                            LineupPreferences *self)
{
  g_autofree char *typed = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autofree char *wanted = casefold_spaced (typed);
  GPtrArray *zones = list_zones ();
  GtkWidget *first = NULL;
  Zone *only = NULL;
  guint n = 0;

  if (*typed == '\0')
    return;
  on_zone_search_changed_cb (entry, self);
  for (guint i = 0; i < zones->len; i++)
    {
      Zone *zone = g_ptr_array_index (zones, i);
      g_autofree char *id = casefold_spaced (zone->id);

      if (g_str_equal (id, wanted))
        {
          choose_zone (self, zone->id);
          return;
        }
      if (zone_matches (self, zone))
        only = zone, n++;
    }
  if (n == 1)
    {
      choose_zone (self, only->id);
      return;
    }
  if (n == 0)
    {
      choose_zone (self, typed);
      return;
    }
  for (GtkWidget *row = gtk_widget_get_first_child (self->zone_list); row && !first;
       row = gtk_widget_get_next_sibling (row))
    if (gtk_widget_get_child_visible (row) && filter_zone_row (GTK_LIST_BOX_ROW (row), self))
      first = row;
  if (first)
    gtk_widget_grab_focus (first);
}

static void
on_zone_back_cb (LineupPreferences *self)
{
  adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (self));
  gtk_widget_grab_focus (self->zone_row);
}

static GtkWidget *
zone_list_row (Zone *zone)
{
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone->id);
  g_autofree char *offset = tz ? describe_offset (tz) : NULL;
  g_autoptr(GString) subtitle = g_string_new (zone->id);
  g_autofree char *title = g_markup_escape_text (zone->city, -1);
  g_autofree char *escaped = NULL;

  if (zone->country)
    g_string_append_printf (subtitle, " · %s", zone->country);
  if (offset && g_strcmp0 (offset, zone->id) != 0)
    g_string_append_printf (subtitle, " · %s", offset);
  escaped = g_markup_escape_text (subtitle->str, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "zone-info", zone);
  return row;
}

/* The list is made once (some 400 rows, each with its offset now); only
 * the mark on the plan's zone moves. */
static void
fill_zone_list (LineupPreferences *self)
{
  GPtrArray *zones = list_zones ();

  for (guint i = 0; i < zones->len; i++)
    {
      Zone *zone = g_ptr_array_index (zones, i);
      GtkWidget *row = zone_list_row (zone);

      g_hash_table_replace (self->zone_rows, zone->id, row);
      gtk_list_box_append (GTK_LIST_BOX (self->zone_list), row);
    }
}

static void
mark_current_zone (LineupPreferences *self)
{
  GtkWidget *row = g_hash_table_lookup (self->zone_rows, lineup_store_get_time_zone_id (self->store));
  GtkWidget *marked = g_object_get_data (G_OBJECT (self->zone_mark), "row");

  if (row == marked)
    return;
  if (marked)
    adw_action_row_remove (ADW_ACTION_ROW (marked), self->zone_mark);
  if (row)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), self->zone_mark);
  g_object_set_data (G_OBJECT (self->zone_mark), "row", row);
}

static GtkWidget *
build_zone_page (LineupPreferences *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *back = gtk_button_new_from_icon_name ("go-previous-symbolic");
  GtkWidget *title = adw_window_title_new (_("Time Zone"), _("The plan’s, for everyone who opens it"));
  GtkWidget *search_clamp = adw_clamp_new ();
  GtkWidget *list_clamp = adw_clamp_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *empty = adw_status_page_new ();

  gtk_widget_set_tooltip_text (back, _("Back"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (back), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back"), -1);
  g_signal_connect_swapped (back, "clicked", G_CALLBACK (on_zone_back_cb), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), back);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  gtk_box_append (GTK_BOX (box), header);

  self->zone_search = gtk_search_entry_new ();
  g_object_set (self->zone_search, "placeholder-text", _("Search by city, region or country"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->zone_search), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search time zones"), -1);
  g_signal_connect (self->zone_search, "search-changed", G_CALLBACK (on_zone_search_changed_cb), self);
  g_signal_connect (self->zone_search, "activate", G_CALLBACK (on_zone_search_activate_cb), self);
  g_signal_connect_swapped (self->zone_search, "stop-search", G_CALLBACK (on_zone_back_cb), self);
  self->zone_error = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->zone_error), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->zone_error), 0);
  gtk_widget_add_css_class (self->zone_error, "error");
  gtk_widget_set_visible (self->zone_error, FALSE);
  gtk_box_append (GTK_BOX (top), self->zone_search);
  gtk_box_append (GTK_BOX (top), self->zone_error);
  gtk_widget_set_margin_top (top, 12);
  gtk_widget_set_margin_bottom (top, 6);
  gtk_widget_set_margin_start (top, 12);
  gtk_widget_set_margin_end (top, 12);
  adw_clamp_set_child (ADW_CLAMP (search_clamp), top);
  gtk_box_append (GTK_BOX (box), search_clamp);

  self->zone_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->zone_list), GTK_SELECTION_NONE);
  gtk_list_box_set_filter_func (GTK_LIST_BOX (self->zone_list), filter_zone_row, self, NULL);
  gtk_widget_add_css_class (self->zone_list, "boxed-list");
  gtk_widget_set_valign (self->zone_list, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->zone_list, 6);
  gtk_widget_set_margin_bottom (self->zone_list, 18);
  gtk_widget_set_margin_start (self->zone_list, 12);
  gtk_widget_set_margin_end (self->zone_list, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->zone_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Time zones"), -1);
  g_signal_connect (self->zone_list, "row-activated", G_CALLBACK (on_zone_row_activated_cb), self);
  adw_clamp_set_child (ADW_CLAMP (list_clamp), self->zone_list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list_clamp);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "edit-find-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Matching Time Zone"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Search for a city, a region or a country, or type a time zone’s IANA name, "
                                     "such as Europe/Warsaw, and press Enter."));

  self->zone_stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->zone_stack), scroller, "list");
  gtk_stack_add_named (GTK_STACK (self->zone_stack), empty, "empty");
  gtk_widget_set_vexpand (self->zone_stack, TRUE);
  gtk_box_append (GTK_BOX (box), self->zone_stack);
  return box;
}

static void
on_zone_row_cb (LineupPreferences *self)
{
  /* Kept: closing a subpage drops the window's reference to it. */
  if (self->zone_page == NULL)
    {
      self->zone_page = g_object_ref_sink (build_zone_page (self));
      fill_zone_list (self);
    }
  mark_current_zone (self);
  gtk_editable_set_text (GTK_EDITABLE (self->zone_search), "");
  on_zone_search_changed_cb (GTK_SEARCH_ENTRY (self->zone_search), self);
  show_zone_error (self, NULL);
  adw_preferences_window_present_subpage (ADW_PREFERENCES_WINDOW (self), self->zone_page);
  gtk_widget_grab_focus (self->zone_search);
}

/* ---- the default post time ---- */

static void
on_time_changed_cb (GtkEditable *editable)
{
  gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
}

static void
on_time_applied_cb (AdwEntryRow       *row,
                    LineupPreferences *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autofree char *padded = strlen (text) == 4 && text[1] == ':' ? g_strconcat ("0", text, NULL) : g_strdup (text);
  int minutes;
  gboolean ok;

  if (!lineup_parse_time (padded, &minutes))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a time of day: write hours and minutes, "
                                                     "such as 09:30 or 17:45"), text);
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      toast (self, message);
      return;
    }
  self->saving = TRUE;
  ok = lineup_store_set_default_time (self->store, minutes, &error);
  self->saving = FALSE;
  if (!ok)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      toast (self, error->message);
    }
}

/* ---- first day of the week, colour scheme (GSettings) ---- */

static const char * const week_start_choices[] = { "locale", "monday", "sunday", "saturday", NULL };
static const char * const color_scheme_choices[] = { "system", "light", "dark", NULL };

static gboolean
choice_to_index (GValue   *value,
                 GVariant *variant,
                 gpointer  data)
{
  const char * const *choices = data;
  const char *choice = g_variant_get_string (variant, NULL);

  for (guint i = 0; choices[i]; i++)
    if (g_str_equal (choices[i], choice))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
index_to_choice (const GValue       *value,
                 const GVariantType *type,
                 gpointer            data)
{
  const char * const *choices = data;
  guint index = g_value_get_uint (value);

  if (index >= g_strv_length ((char **) choices))
    return NULL;
  return g_variant_new_string (choices[index]);
}

static char *
weekday_name (int weekday)   /* 0 = Sunday */
{
  GDate d;
  char name[64];

  /* 2000-01-02 was a Sunday. */
  g_date_clear (&d, 1);
  g_date_set_dmy (&d, 2 + weekday, 1, 2000);
  g_date_strftime (name, sizeof name, "%A", &d);
  return g_strdup (name);
}

static GtkWidget *
choice_row (LineupPreferences  *self,
            const char         *title,
            const char         *key,
            const char * const *labels,
            const char * const *choices)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (gtk_string_list_new (labels)));
  g_settings_bind_with_mapping (self->settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                choice_to_index, index_to_choice, (gpointer) choices, NULL);
  return row;
}

static void
build_general (LineupPreferences *self)
{
  GtkWidget *plan = adw_preferences_group_new ();
  GtkWidget *display = adw_preferences_group_new ();
  g_autofree char *region_day = weekday_name (lineup_locale_week_start ());
  g_autofree char *region = g_strdup_printf (_("Your region’s formats start weeks on %s"), region_day);
  g_autofree char *monday = weekday_name (1);
  g_autofree char *sunday = weekday_name (0);
  g_autofree char *saturday = weekday_name (6);
  const char *week_labels[] = { _("Regional Default"), monday, sunday, saturday, NULL };
  const char *scheme_labels[] = { _("Follow System"), _("Light"), _("Dark"), NULL };
  GtkWidget *row;

  adw_preferences_page_add (self->general_page, ADW_PREFERENCES_GROUP (build_you (self)));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (plan), _("This Plan"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (plan),
                                         _("Kept in the plan, the same for everyone who opens it. In another time zone, posts keep "
                                           "their moment and show its local time."));
  self->zone_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->zone_row), _("Time Zone"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->zone_row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->zone_row), TRUE);
  g_signal_connect_swapped (self->zone_row, "activated", G_CALLBACK (on_zone_row_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (plan), self->zone_row);
  self->time_row = entry_row (_("Default Post Time"), NULL);
  gtk_widget_set_tooltip_text (self->time_row, _("The time a post gets when it is given a day but no time"));
  g_signal_connect (self->time_row, "changed", G_CALLBACK (on_time_changed_cb), NULL);
  g_signal_connect (self->time_row, "apply", G_CALLBACK (on_time_applied_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (plan), self->time_row);
  adw_preferences_page_add (self->general_page, ADW_PREFERENCES_GROUP (plan));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (display), _("Appearance"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (display), _("Yours, on this computer."));
  row = choice_row (self, _("First Day of the Week"), "first-day-of-week", week_labels, week_start_choices);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), region);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (display), row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (display),
                             choice_row (self, _("Colour Scheme"), "color-scheme",
                                         scheme_labels, color_scheme_choices));
  adw_preferences_page_add (self->general_page, ADW_PREFERENCES_GROUP (display));
  update_general (self);
}

/* ---- the team ---- */

static void
on_role_selected_cb (GtkDropDown       *dropdown,
                     GParamSpec        *pspec,
                     LineupPreferences *self)
{
  g_autoptr(GError) error = NULL;
  const char *name = g_object_get_data (G_OBJECT (dropdown), "member");

  if (!lineup_store_set_member (self->store, name, gtk_drop_down_get_selected (dropdown), &error))
    refused (self, error);
}

static void
on_remove_member_cb (GtkButton         *button,
                     LineupPreferences *self)
{
  g_autoptr(GError) error = NULL;

  if (!lineup_store_remove_member (self->store, g_object_get_data (G_OBJECT (button), "member"), &error))
    refused (self, error);
}

static void
on_add_member_cb (AdwEntryRow       *row,
                  LineupPreferences *self)
{
  /* Typing one after another: the keyboard stays in this field. */
  self->refocus = "Add a member";
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupMember) existing = lineup_store_find_member (self->store, gtk_editable_get_text (GTK_EDITABLE (row)));

  if (existing)
    {
      g_autofree char *message = g_strdup_printf (_("%s is in the team already"), existing->name);
      toast (self, message);
      return;
    }
  if (!lineup_store_set_member (self->store, gtk_editable_get_text (GTK_EDITABLE (row)), LINEUP_ROLE_EDITOR, &error))
    toast (self, error->message);
}

static GtkWidget *
build_team (LineupPreferences *self)
{
  g_autoptr(GPtrArray) team = lineup_store_get_team (self->store);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *add;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Team"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("The people who plan, write and approve, kept with the plan."));
  for (guint i = 0; i < team->len; i++)
    {
      LineupMember *member = g_ptr_array_index (team, i);
      GtkWidget *row = adw_action_row_new ();
      const char *roles[LINEUP_N_ROLES + 1] = { NULL };
      g_autofree char *escaped = g_markup_escape_text (member->name, -1);
      g_autofree char *remove_name = g_strdup_printf (_("Remove %s from the team"), member->name);
      g_autofree char *role_name = g_strdup_printf (_("Role of %s"), member->name);
      GtkWidget *dropdown, *remove;

      for (guint r = 0; r < LINEUP_N_ROLES; r++)
        roles[r] = lineup_role_to_label (r);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      dropdown = gtk_drop_down_new_from_strings (roles);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), member->role);
      gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, role_name, -1);
      g_object_set_data_full (G_OBJECT (dropdown), "member", g_strdup (member->name), g_free);
      g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_role_selected_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
      remove = remove_button (remove_name);
      g_object_set_data_full (G_OBJECT (remove), "member", g_strdup (member->name), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_member_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  add = entry_row (_("Add a member"), NULL);
  g_hash_table_replace (self->add_rows, (gpointer) "Add a member", add);
  g_signal_connect (add, "apply", G_CALLBACK (on_add_member_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), add);
  return group;
}

/* ---- the approval chain ---- */

static void
apply_chain (LineupPreferences *self,
             GPtrArray         *chain)
{
  g_autoptr(GError) error = NULL;

  if (!lineup_store_set_approval_chain (self->store, chain, &error))
    refused (self, error);
}

static void
on_approver_toggled_cb (GtkCheckButton    *check,
                        LineupPreferences *self)
{
  g_autoptr(GPtrArray) chain = lineup_store_get_approval_chain (self->store);
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "step"));
  const char *member = g_object_get_data (G_OBJECT (check), "member");
  LineupApprovalStep *step;
  g_autoptr(GStrvBuilder) approvers = g_strv_builder_new ();

  if (index >= chain->len)
    return;
  step = g_ptr_array_index (chain, index);
  for (guint i = 0; step->approvers[i]; i++)
    if (g_strcmp0 (step->approvers[i], member) != 0)
      g_strv_builder_add (approvers, step->approvers[i]);
  if (gtk_check_button_get_active (check))
    g_strv_builder_add (approvers, member);
  g_strfreev (step->approvers);
  step->approvers = g_strv_builder_end (approvers);
  apply_chain (self, chain);
}

static void
on_all_toggled_cb (GtkSwitch         *toggle,
                   GParamSpec        *pspec,
                   LineupPreferences *self)
{
  g_autoptr(GPtrArray) chain = lineup_store_get_approval_chain (self->store);
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (toggle), "step"));

  if (index >= chain->len)
    return;
  ((LineupApprovalStep *) g_ptr_array_index (chain, index))->all = gtk_switch_get_active (toggle);
  apply_chain (self, chain);
}

static void
on_remove_step_cb (GtkButton         *button,
                   LineupPreferences *self)
{
  g_autoptr(GPtrArray) chain = lineup_store_get_approval_chain (self->store);
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "step"));

  if (index < chain->len)
    g_ptr_array_remove_index (chain, index);
  apply_chain (self, chain);
}

static void
on_add_step_cb (AdwEntryRow       *row,
                LineupPreferences *self)
{
  /* Typing one after another: the keyboard stays in this field. */
  self->refocus = "Add a step";
  g_autoptr(GPtrArray) chain = lineup_store_get_approval_chain (self->store);
  g_autoptr(GPtrArray) team = lineup_store_get_team (self->store);
  g_autoptr(GStrvBuilder) approvers = g_strv_builder_new ();
  LineupApprovalStep *step;
  guint n = 0;

  /* The leads approve a new step until someone else is chosen. */
  for (guint i = 0; i < team->len; i++)
    if (((LineupMember *) g_ptr_array_index (team, i))->role == LINEUP_ROLE_LEAD)
      g_strv_builder_add (approvers, ((LineupMember *) g_ptr_array_index (team, i))->name), n++;
  if (n == 0 && team->len > 0)
    g_strv_builder_add (approvers, ((LineupMember *) g_ptr_array_index (team, 0))->name), n++;
  if (n == 0)
    {
      toast (self, _("Add the team first: a step needs at least one approver"));
      return;
    }
  step = g_new0 (LineupApprovalStep, 1);
  step->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
  step->approvers = g_strv_builder_end (approvers);
  g_ptr_array_add (chain, step);
  apply_chain (self, chain);
}

static void
on_self_approval_cb (GtkSwitch         *toggle,
                     GParamSpec        *pspec,
                     LineupPreferences *self)
{
  g_autoptr(GError) error = NULL;

  if (gtk_switch_get_active (toggle) != lineup_store_get_forbid_self_approval (self->store) &&
      !lineup_store_set_forbid_self_approval (self->store, gtk_switch_get_active (toggle), &error))
    refused (self, error);
}

static GtkWidget *
switch_row (const char *title,
            const char *subtitle,
            gboolean    active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_switch_set_active (GTK_SWITCH (toggle), active);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  g_object_set_data (G_OBJECT (row), "switch", toggle);
  return row;
}

static GtkWidget *
build_chain (LineupPreferences *self)
{
  g_autoptr(GPtrArray) chain = lineup_store_get_approval_chain (self->store);
  g_autoptr(GPtrArray) team = lineup_store_get_team (self->store);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *row, *add;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Approval"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         chain->len == 0
                                         ? _("No steps: any one person’s approval is enough. Add steps to have posts approved in order.")
                                         : _("A post is approved when every step has approved it, in this order."));
  for (guint i = 0; i < chain->len; i++)
    {
      LineupApprovalStep *step = g_ptr_array_index (chain, i);
      g_autofree char *names = g_strjoinv (", ", step->approvers);
      g_autofree char *who = g_strdup_printf (step->all ? _("All of %s") : _("Any one of %s"), names);
      g_autofree char *title = g_markup_escape_text (step->name, -1);
      g_autofree char *subtitle = g_markup_escape_text (who, -1);
      g_autofree char *remove_name = g_strdup_printf (_("Remove the step %s"), step->name);
      GtkWidget *expander = adw_expander_row_new ();
      GtkWidget *all, *remove;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
      for (guint m = 0; m < team->len; m++)
        {
          LineupMember *member = g_ptr_array_index (team, m);
          g_autofree char *name = g_markup_escape_text (member->name, -1);
          GtkWidget *member_row = adw_action_row_new ();
          GtkWidget *check = gtk_check_button_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (member_row), name);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (member_row), lineup_role_to_label (member->role));
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                       g_strv_contains ((const char * const *) step->approvers, member->name));
          gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
          g_object_set_data (G_OBJECT (check), "step", GUINT_TO_POINTER (i));
          g_object_set_data_full (G_OBJECT (check), "member", g_strdup (member->name), g_free);
          g_signal_connect (check, "toggled", G_CALLBACK (on_approver_toggled_cb), self);
          adw_action_row_add_prefix (ADW_ACTION_ROW (member_row), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (member_row), check);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), member_row);
        }
      all = switch_row (_("Every approver must approve"), _("Otherwise any one of them is enough"), step->all);
      g_object_set_data (G_OBJECT (g_object_get_data (G_OBJECT (all), "switch")), "step", GUINT_TO_POINTER (i));
      g_signal_connect (g_object_get_data (G_OBJECT (all), "switch"), "notify::active",
                        G_CALLBACK (on_all_toggled_cb), self);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), all);
      remove = remove_button (remove_name);
      g_object_set_data (G_OBJECT (remove), "step", GUINT_TO_POINTER (i));
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_step_cb), self);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), remove);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), expander);
    }
  add = entry_row (_("Add a step"), NULL);
  g_hash_table_replace (self->add_rows, (gpointer) "Add a step", add);
  g_signal_connect (add, "apply", G_CALLBACK (on_add_step_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), add);

  row = switch_row (_("Forbid approving your own post"), _("A post’s owner cannot approve it"),
                    lineup_store_get_forbid_self_approval (self->store));
  g_signal_connect (g_object_get_data (G_OBJECT (row), "switch"), "notify::active",
                    G_CALLBACK (on_self_approval_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return group;
}

/* ---- the checklist ---- */

static void
on_rename_item_cb (AdwEntryRow       *row,
                   LineupPreferences *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "item-id"));

  if (!lineup_store_rename_checklist_item (self->store, id, gtk_editable_get_text (GTK_EDITABLE (row)), &error))
    refused (self, error);
}

static void
on_remove_item_cb (GtkButton         *button,
                   LineupPreferences *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "item-id"));

  if (!lineup_store_remove_checklist_item (self->store, id, &error))
    refused (self, error);
}

static void
on_add_item_cb (AdwEntryRow       *row,
                LineupPreferences *self)
{
  /* Typing one after another: the keyboard stays in this field. */
  self->refocus = "Add an item";
  g_autoptr(GError) error = NULL;

  if (!lineup_store_add_checklist_item (self->store, gtk_editable_get_text (GTK_EDITABLE (row)), &error))
    toast (self, error->message);
}

static GtkWidget *
build_checklist (LineupPreferences *self)
{
  g_autoptr(GPtrArray) items = lineup_store_get_checklist (self->store);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *add;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Pre-Publication Checklist"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Every post carries these items; it is approved only when all are ticked."));
  for (guint i = 0; i < items->len; i++)
    {
      LineupChecklistItem *item = g_ptr_array_index (items, i);
      g_autofree char *title = g_strdup_printf (_("Item %u"), i + 1);
      g_autofree char *remove_name = g_strdup_printf (_("Remove item %u"), i + 1);
      GtkWidget *row = entry_row (title, item->text);
      GtkWidget *remove = remove_button (remove_name);

      g_object_set_data (G_OBJECT (row), "item-id", GSIZE_TO_POINTER ((gsize) item->id));
      g_signal_connect (row, "apply", G_CALLBACK (on_rename_item_cb), self);
      g_object_set_data (G_OBJECT (remove), "item-id", GSIZE_TO_POINTER ((gsize) item->id));
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_item_cb), self);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  add = entry_row (_("Add an item"), NULL);
  g_hash_table_replace (self->add_rows, (gpointer) "Add an item", add);
  g_signal_connect (add, "apply", G_CALLBACK (on_add_item_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), add);
  return group;
}

/* ---- the content mix ---- */

static void
on_type_target_cb (GtkSpinButton     *spin,
                   LineupPreferences *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *row = g_object_get_data (G_OBJECT (spin), "row");
  GtkSpinButton *min = g_object_get_data (G_OBJECT (row), "min");
  GtkSpinButton *max = g_object_get_data (G_OBJECT (row), "max");
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "type-id"));
  gboolean ok;

  self->saving = TRUE;
  ok = lineup_store_set_type_target (self->store, id, gtk_spin_button_get_value (min),
                                     gtk_spin_button_get_value (max), &error);
  self->saving = FALSE;
  if (!ok)
    refused (self, error);
}

static GtkWidget *
percent_spin (double      value,
              const char *accessible_name)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (0, 100, 1);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name, -1);
  return spin;
}

static GtkWidget *
build_type_targets (LineupPreferences *self)
{
  GListModel *types = lineup_store_get_content_types (self->store);
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Content Types"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("The share of the posts counted that each type should take, from – to, in percent."));
  for (guint i = 0; i < g_list_model_get_n_items (types); i++)
    {
      g_autoptr(LineupContentType) type = g_list_model_get_item (types, i);
      g_autofree char *title = g_markup_escape_text (lineup_content_type_get_name (type), -1);
      g_autofree char *min_name = g_strdup_printf (_("%s, least share"), lineup_content_type_get_name (type));
      g_autofree char *max_name = g_strdup_printf (_("%s, most share"), lineup_content_type_get_name (type));
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *min = percent_spin (MAX (lineup_content_type_get_target_min (type), 0), min_name);
      GtkWidget *max = percent_spin (lineup_content_type_get_target_max (type) >= 0
                                     ? lineup_content_type_get_target_max (type) : 100, max_name);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      g_object_set_data (G_OBJECT (row), "type-id", GSIZE_TO_POINTER ((gsize) lineup_content_type_get_id (type)));
      g_object_set_data (G_OBJECT (row), "min", min);
      g_object_set_data (G_OBJECT (row), "max", max);
      g_object_set_data (G_OBJECT (min), "row", row);
      g_object_set_data (G_OBJECT (max), "row", row);
      g_signal_connect (min, "value-changed", G_CALLBACK (on_type_target_cb), self);
      g_signal_connect (max, "value-changed", G_CALLBACK (on_type_target_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), min);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new ("–"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), max);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new ("%"));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  return group;
}

static void
on_pillar_target_cb (GtkSpinButton     *spin,
                     LineupPreferences *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (spin), "pillar-id"));
  double value = gtk_spin_button_get_value (spin);
  gboolean ok;

  self->saving = TRUE;
  ok = lineup_store_set_pillar_target (self->store, id, value > 0 ? value : -1, &error);
  self->saving = FALSE;
  if (!ok)
    refused (self, error);
}

static GtkWidget *
build_pillar_targets (LineupPreferences *self)
{
  GListModel *pillars = lineup_store_get_pillars (self->store);
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Pillars"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("A pillar’s share of the month, within 5 points either way; 0 for no target."));
  for (guint i = 0; i < g_list_model_get_n_items (pillars); i++)
    {
      g_autoptr(LineupPillar) pillar = g_list_model_get_item (pillars, i);
      g_autofree char *title = g_markup_escape_text (lineup_pillar_get_name (pillar), -1);
      g_autofree char *name = g_strdup_printf (_("%s, target share"), lineup_pillar_get_name (pillar));
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *spin = percent_spin (MAX (lineup_pillar_get_target (pillar), 0), name);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      g_object_set_data (G_OBJECT (spin), "pillar-id", GSIZE_TO_POINTER ((gsize) lineup_pillar_get_id (pillar)));
      g_signal_connect (spin, "value-changed", G_CALLBACK (on_pillar_target_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new ("%"));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  return group;
}

static void
on_stage_counted_cb (GtkCheckButton    *check,
                     LineupPreferences *self)
{
  g_autoptr(GError) error = NULL;
  guint stage = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "stage"));
  guint stages = lineup_store_get_mix_stages (self->store);
  gboolean ok;

  if (gtk_check_button_get_active (check))
    stages |= 1u << stage;
  else
    stages &= ~(1u << stage);
  self->saving = TRUE;
  ok = lineup_store_set_mix_stages (self->store, stages, &error);
  self->saving = FALSE;
  if (!ok)
    refused (self, error);
}

static GtkWidget *
build_counted_stages (LineupPreferences *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  guint stages = lineup_store_get_mix_stages (self->store);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("What Counts"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Dated posts in these stages count in the mix."));
  for (guint i = 0; i < LINEUP_N_STAGES; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lineup_stage_to_label (i));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), (stages & (1u << i)) != 0);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (check), "stage", GUINT_TO_POINTER (i));
      g_signal_connect (check, "toggled", G_CALLBACK (on_stage_counted_cb), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  return group;
}

/* ---- feeds ---- */

static void
on_published_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(LineupPreferences) self = data;
  g_autoptr(GError) error = NULL;
  int n = lineup_feed_publish_finish (result, &error);

  if (self->store == NULL)
    return;
  lineup_store_refresh (self->store);
  if (n < 0)
    toast (self, error->message);
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Published %d post", "Published %d posts", n), n);
      toast (self, text);
    }
  rebuild (self);
}

static void
on_publish_now_cb (GtkButton         *button,
                   LineupPreferences *self)
{
  const char *name = g_object_get_data (G_OBJECT (button), "feed");

  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  lineup_feed_publish_async (lineup_store_get_path (self->store), name, g_getenv ("LINEUP_FEED_PASSWORD"),
                             NULL, on_published_cb, g_object_ref (self));
}

static void
on_copy_link_cb (GtkButton         *button,
                 LineupPreferences *self)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)),
                          g_object_get_data (G_OBJECT (button), "link"));
  toast (self, _("Subscription link copied"));
}

static void
on_remove_feed_cb (GtkButton         *button,
                   LineupPreferences *self)
{
  g_autoptr(GError) error = NULL;

  if (!lineup_store_remove_feed (self->store, g_object_get_data (G_OBJECT (button), "feed"), &error))
    refused (self, error);
}

static void
on_add_feed_cb (GtkButton         *button,
                LineupPreferences *self)
{
  g_autoptr(GError) error = NULL;
  LineupFeed feed = { 0 };
  char *empty[] = { NULL };

  feed.name = (char *) gtk_editable_get_text (GTK_EDITABLE (self->new_feed_name));
  feed.kind = adw_combo_row_get_selected (ADW_COMBO_ROW (self->new_feed_kind));
  feed.target = (char *) gtk_editable_get_text (GTK_EDITABLE (self->new_feed_target));
  feed.privacy = (char *) lineup_ics_privacy_to_key (adw_combo_row_get_selected (ADW_COMBO_ROW (self->new_feed_privacy)));
  feed.filter = empty;
  feed.days_back = 30;
  feed.days_ahead = 180;
  feed.duration = 30;
  feed.refresh = 60;
  feed.auto_publish = TRUE;
  if (!lineup_store_save_feed (self->store, &feed, TRUE, &error))
    toast (self, error->message);
}

static void
save_feed_change (LineupPreferences *self,
                  GObject           *control,
                  const char        *target,
                  int                privacy,
                  int                auto_publish)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupFeed) feed = lineup_store_find_feed (self->store, g_object_get_data (control, "feed"));
  gboolean ok;

  if (feed == NULL)
    return;
  if (target)
    {
      g_free (feed->target);
      feed->target = g_strdup (target);
    }
  if (privacy >= 0)
    {
      g_free (feed->privacy);
      feed->privacy = g_strdup (lineup_ics_privacy_to_key (privacy));
    }
  if (auto_publish >= 0)
    feed->auto_publish = auto_publish;
  self->saving = TRUE;
  ok = lineup_store_save_feed (self->store, feed, FALSE, &error);
  self->saving = FALSE;
  if (!ok)
    refused (self, error);
  else
    toast (self, _("Feed saved"));
}

static void
on_feed_target_cb (AdwEntryRow       *row,
                   LineupPreferences *self)
{
  save_feed_change (self, G_OBJECT (row), gtk_editable_get_text (GTK_EDITABLE (row)), -1, -1);
}

static void
on_feed_privacy_cb (AdwComboRow       *row,
                    GParamSpec        *pspec,
                    LineupPreferences *self)
{
  save_feed_change (self, G_OBJECT (row), NULL, adw_combo_row_get_selected (row), -1);
}

static void
on_feed_auto_cb (GtkSwitch         *toggle,
                 GParamSpec        *pspec,
                 LineupPreferences *self)
{
  save_feed_change (self, G_OBJECT (toggle), NULL, -1, gtk_switch_get_active (toggle));
}

static GtkWidget *
icon_button (const char *icon,
             const char *name)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return button;
}

static GtkWidget *
build_feeds (LineupPreferences *self)
{
  g_autoptr(GPtrArray) feeds = lineup_store_get_feeds (self->store);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *expander, *add;
  const char *kinds[] = { N_("File"), N_("WebDAV File"), N_("CalDAV Calendar"), NULL };
  const char *levels[] = { N_("Titles Only"), N_("Titles and Brief"), N_("Titles, Brief and Caption"), NULL };
  const char *kinds_t[4] = { NULL }, *levels_t[4] = { NULL };

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Feeds"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("The plan as a calendar others subscribe to, republished a few seconds after "
                                           "each change. Passwords come from LINEUP_FEED_PASSWORD; none is saved."));
  for (guint i = 0; i < feeds->len; i++)
    {
      LineupFeed *feed = g_ptr_array_index (feeds, i);
      g_autofree char *title = g_markup_escape_text (feed->name, -1);
      g_autofree char *when = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *escaped = NULL;
      g_autofree char *link = lineup_feed_subscription_link (feed);
      g_autofree char *publish_name = g_strdup_printf (_("Publish %s now"), feed->name);
      g_autofree char *remove_name = g_strdup_printf (_("Remove the feed %s"), feed->name);
      GtkWidget *row = adw_expander_row_new ();
      GtkWidget *publish, *remove;

      if (feed->last_at)
        {
          g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (feed->last_at);
          when = g_date_time_format (at, "%-d %b %H:%M");
        }
      subtitle = feed->last_error
        ? g_strdup_printf (_("%s — last publish %s failed: %s"), feed->target, when, feed->last_error)
        : when ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s — published %s, %d post", "%s — published %s, %d posts",
                                               feed->last_items), feed->target, when, feed->last_items)
               : g_strdup_printf (_("%s — not published yet"), feed->target);
      escaped = g_markup_escape_text (subtitle, -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), escaped);
      if (feed->last_error)
        gtk_widget_add_css_class (row, "feed-failed");
      /* AdwExpanderRow puts each action before the ones added earlier:
       * added last to first, they read copy, publish, remove. */
      remove = remove_button (remove_name);
      g_object_set_data_full (G_OBJECT (remove), "feed", g_strdup (feed->name), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_feed_cb), self);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), remove);
      publish = icon_button ("view-refresh-symbolic", publish_name);
      g_object_set_data_full (G_OBJECT (publish), "feed", g_strdup (feed->name), g_free);
      g_signal_connect (publish, "clicked", G_CALLBACK (on_publish_now_cb), self);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), publish);
      if (link)
        {
          GtkWidget *copy = icon_button ("edit-copy-symbolic", _("Copy subscription link"));

          g_object_set_data_full (G_OBJECT (copy), "link", g_strdup (link), g_free);
          g_signal_connect (copy, "clicked", G_CALLBACK (on_copy_link_cb), self);
          adw_expander_row_add_action (ADW_EXPANDER_ROW (row), copy);
        }

      /* Editing: each change is saved at once. */
      {
        GtkWidget *target = entry_row (_("File or address"), feed->target);
        GtkWidget *privacy = adw_combo_row_new ();
        GtkWidget *automatic = switch_row (_("Republish after changes"), NULL, feed->auto_publish);
        const char *shows[] = { _("Titles Only"), _("Titles and Brief"), _("Titles, Brief and Caption"), NULL };
        LineupIcsPrivacy level = LINEUP_ICS_PRIVACY_TITLES;

        lineup_ics_privacy_from_key (feed->privacy, &level);
        g_object_set_data_full (G_OBJECT (target), "feed", g_strdup (feed->name), g_free);
        g_signal_connect (target, "apply", G_CALLBACK (on_feed_target_cb), self);
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (privacy), _("Shows"));
        adw_combo_row_set_model (ADW_COMBO_ROW (privacy), G_LIST_MODEL (gtk_string_list_new (shows)));
        adw_combo_row_set_selected (ADW_COMBO_ROW (privacy), level);
        g_object_set_data_full (G_OBJECT (privacy), "feed", g_strdup (feed->name), g_free);
        g_signal_connect (privacy, "notify::selected", G_CALLBACK (on_feed_privacy_cb), self);
        g_object_set_data_full (G_OBJECT (g_object_get_data (G_OBJECT (automatic), "switch")), "feed",
                                g_strdup (feed->name), g_free);
        g_signal_connect (g_object_get_data (G_OBJECT (automatic), "switch"), "notify::active",
                          G_CALLBACK (on_feed_auto_cb), self);
        adw_expander_row_add_row (ADW_EXPANDER_ROW (row), target);
        adw_expander_row_add_row (ADW_EXPANDER_ROW (row), privacy);
        adw_expander_row_add_row (ADW_EXPANDER_ROW (row), automatic);
      }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  for (guint i = 0; kinds[i]; i++)
    kinds_t[i] = _(kinds[i]);
  for (guint i = 0; levels[i]; i++)
    levels_t[i] = _(levels[i]);
  expander = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Add a Feed"));
  self->new_feed_name = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->new_feed_name), _("Name"));
  self->new_feed_kind = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->new_feed_kind), _("Published to"));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->new_feed_kind), G_LIST_MODEL (gtk_string_list_new (kinds_t)));
  self->new_feed_target = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->new_feed_target), _("File or address (https://…)"));
  self->new_feed_privacy = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->new_feed_privacy), _("Shows"));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->new_feed_privacy), G_LIST_MODEL (gtk_string_list_new (levels_t)));
  add = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (add), gtk_label_new (_("Add Feed")));
  gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add feed"), -1);
  gtk_widget_add_css_class (add, "suggested-action");
  gtk_widget_set_halign (add, GTK_ALIGN_END);
  gtk_widget_set_margin_top (add, 6);
  gtk_widget_set_margin_bottom (add, 6);
  gtk_widget_set_margin_end (add, 6);
  g_signal_connect (add, "clicked", G_CALLBACK (on_add_feed_cb), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), self->new_feed_name);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), self->new_feed_kind);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), self->new_feed_target);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), self->new_feed_privacy);
  {
    GtkWidget *holder = gtk_list_box_row_new ();

    gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (holder), FALSE);
    gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (holder), add);
    adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), holder);
  }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), expander);
  return group;
}

/* ---- overlay calendars ---- */

static void
on_overlay_switch_cb (GtkSwitch         *toggle,
                      GParamSpec        *pspec,
                      LineupPreferences *self)
{
  g_autoptr(GError) error = NULL;

  if (!lineup_store_set_overlay_enabled (self->store, g_object_get_data (G_OBJECT (toggle), "overlay"),
                                         gtk_switch_get_active (toggle), &error))
    refused (self, error);
}

static void
on_remove_overlay_cb (GtkButton         *button,
                      LineupPreferences *self)
{
  g_autoptr(GError) error = NULL;

  if (!lineup_store_remove_overlay (self->store, g_object_get_data (G_OBJECT (button), "overlay"), &error))
    refused (self, error);
}

static void
on_add_overlay_cb (GtkButton         *button,
                   LineupPreferences *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_overlay_name)));

  if (!lineup_store_add_overlay (self->store, name, gtk_editable_get_text (GTK_EDITABLE (self->new_overlay_source)),
                                 NULL, &error))
    {
      toast (self, error->message);
      return;
    }
  /* Read it at once: a wrong address is said now, and nothing is kept. */
  if (lineup_overlay_refresh (self->store, name, &error) < 0)
    {
      lineup_store_remove_overlay (self->store, name, NULL);
      toast (self, error->message);
    }
}

static GtkWidget *
build_overlays (LineupPreferences *self)
{
  g_autoptr(GPtrArray) overlays = lineup_store_get_overlays (self->store);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *expander, *add, *holder;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Overlay Calendars"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Other calendars (holidays, awareness days, launches) shown on the month, "
                                           "read-only, refreshed every few hours and kept for offline."));
  for (guint i = 0; i < overlays->len; i++)
    {
      LineupOverlay *overlay = g_ptr_array_index (overlays, i);
      int n = overlay->cache ? lineup_overlay_count (overlay->cache) : 0;
      g_autofree char *escaped_title = NULL;
      g_autofree char *subtitle = overlay->last_error
        ? g_strdup_printf (_("%s — the last refresh failed: %s"), overlay->source, overlay->last_error)
        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s — %d event", "%s — %d events", MAX (n, 0)),
                           overlay->source, MAX (n, 0));
      g_autofree char *escaped = g_markup_escape_text (subtitle, -1);
      g_autofree char *remove_name = g_strdup_printf (_("Remove the overlay %s"), overlay->name);
      g_autofree char *switch_name = g_strdup_printf (_("Show %s"), overlay->name);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *toggle = gtk_switch_new ();
      GtkWidget *remove = remove_button (remove_name);

      {
        g_autofree char *name = g_markup_escape_text (overlay->name, -1);
        escaped_title = g_strdup_printf ("<span foreground=\"%s\">●</span> %s", overlay->color, name);
      }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
      gtk_switch_set_active (GTK_SWITCH (toggle), overlay->enabled);
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, switch_name, -1);
      g_object_set_data_full (G_OBJECT (toggle), "overlay", g_strdup (overlay->name), g_free);
      g_signal_connect (toggle, "notify::active", G_CALLBACK (on_overlay_switch_cb), self);
      g_object_set_data_full (G_OBJECT (remove), "overlay", g_strdup (overlay->name), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_overlay_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  expander = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Add an Overlay Calendar"));
  self->new_overlay_name = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->new_overlay_name), _("Name"));
  self->new_overlay_source = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->new_overlay_source), _("File or address (https://, webcal://)"));
  add = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (add), gtk_label_new (_("Add Overlay")));
  gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add overlay"), -1);
  gtk_widget_add_css_class (add, "suggested-action");
  gtk_widget_set_halign (add, GTK_ALIGN_END);
  gtk_widget_set_margin_top (add, 6);
  gtk_widget_set_margin_bottom (add, 6);
  gtk_widget_set_margin_end (add, 6);
  g_signal_connect (add, "clicked", G_CALLBACK (on_add_overlay_cb), self);
  holder = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (holder), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (holder), add);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), self->new_overlay_name);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), self->new_overlay_source);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), holder);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), expander);
  return group;
}

/* ---- publishing accounts ---- */

static void
on_account_saved_cb (LineupPreferences *self,
                     const char        *message)
{
  toast (self, message);
}

static void
open_account_dialog (LineupPreferences   *self,
                     LineupAccountKind    kind,
                     const LineupAccount *account)
{
  LineupAccountDialog *dialog = lineup_account_dialog_new (self->store, kind, account);

  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "account-saved", G_CALLBACK (on_account_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_add_account_cb (AdwActionRow      *row,
                   LineupPreferences *self)
{
  open_account_dialog (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "kind")), NULL);
}

static void
on_sign_in_again_cb (GtkButton         *button,
                     LineupPreferences *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupAccount) account = lineup_store_find_account (self->store,
                                                                g_object_get_data (G_OBJECT (button), "account"),
                                                                &error);

  if (account == NULL)
    {
      toast (self, error->message);
      return;
    }
  if (account->kind != LINEUP_ACCOUNT_WEBHOOK)
    {
      open_account_dialog (self, account->kind, account);
      return;
    }
  /* A webhook has nothing to sign in to: its endpoint may be back. */
  if (!lineup_sync_account_fixed (self->store, account->id, &error))
    toast (self, error->message);
  else
    {
      g_autofree char *text = g_strdup_printf (_("“%s” will be tried again"), account->name);
      toast (self, text);
    }
}

static void
on_remove_account_response_cb (AdwMessageDialog  *dialog,
                               const char        *response,
                               LineupPreferences *self)
{
  g_autoptr(GError) error = NULL;
  const char *id = g_object_get_data (G_OBJECT (dialog), "account");
  const char *name = g_object_get_data (G_OBJECT (dialog), "name");
  LineupSecrets *secrets;

  if (g_strcmp0 (response, "remove") != 0 || self->store == NULL)
    return;
  if (!lineup_store_remove_account (self->store, id, &error))
    {
      toast (self, error->message);
      return;
    }
  if ((secrets = lineup_publishing_get_secrets (self->store)))
    lineup_account_forget_secrets (secrets, id);
  {
    g_autofree char *text = g_strdup_printf (_("Removed “%s”. Posts it already scheduled on the server stay there."), name);
    toast (self, text);
  }
}

static void
on_remove_account_cb (GtkButton         *button,
                      LineupPreferences *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupAccount) account = lineup_store_find_account (self->store,
                                                                g_object_get_data (G_OBJECT (button), "account"),
                                                                &error);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (account == NULL)
    {
      toast (self, error->message);
      return;
    }
  heading = g_strdup_printf (_("Remove “%s”?"), account->name);
  body = lineup_account_kind_schedules_on_server (account->kind)
    ? g_strdup_printf (_("Lineup stops publishing to it and forgets its token. Posts it already scheduled on %s "
                         "stay there and go out at their time: delete them on the server if they should not."),
                       account->endpoint)
    : g_strdup (_("Lineup stops publishing to it and forgets its secret. Posts waiting for their time are not sent "
                  "to it; those already out stay where they are."));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "account", g_strdup (account->id), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "name", g_strdup (account->name), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_account_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
add_account_row (LineupPreferences *self,
                 LineupAccountKind  kind,
                 const char        *title,
                 const char        *subtitle,
                 gboolean           can_add)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_sensitive (row, can_add);
  g_object_set_data (G_OBJECT (row), "kind", GINT_TO_POINTER (kind));
  g_signal_connect (row, "activated", G_CALLBACK (on_add_account_cb), self);
  return row;
}

static GtkWidget *
account_row (LineupPreferences   *self,
             const LineupAccount *account)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_markup_escape_text (account->name, -1);
  g_autofree char *subtitle = g_strdup_printf ("%s · %s\n%s", lineup_account_kind_to_label (account->kind),
                                               account->kind != LINEUP_ACCOUNT_WEBHOOK && account->handle &&
                                               *account->handle ? account->handle : account->endpoint,
                                               account->problem ? account->problem : _("Ready to publish"));
  g_autofree char *escaped = g_markup_escape_text (subtitle, -1);
  g_autofree char *remove_name = g_strdup_printf (_("Remove the account %s"), account->name);
  GtkWidget *state = gtk_image_new_from_icon_name (account->problem ? "dialog-error-symbolic" : "emblem-ok-symbolic");
  GtkWidget *remove = remove_button (remove_name);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  gtk_widget_add_css_class (state, "sync-badge");
  gtk_widget_add_css_class (state, account->problem ? "sync-failed" : "sync-published");
  gtk_accessible_update_property (GTK_ACCESSIBLE (state), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  account->problem ? _("Cannot publish") : _("Ready"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), state);
  if (account->problem)
    {
      g_autofree char *name = g_strdup_printf (account->kind == LINEUP_ACCOUNT_WEBHOOK ? _("Try %s again")
                                                                                      : _("Sign in to %s again"),
                                               account->name);
      GtkWidget *again = gtk_button_new ();

      /* A child label, not the label property: GTK 4.8 would name the
       * button from both. */
      gtk_button_set_child (GTK_BUTTON (again),
                            gtk_label_new_with_mnemonic (account->kind == LINEUP_ACCOUNT_WEBHOOK ? _("_Try Again")
                                                                                                : _("_Sign In Again…")));
      gtk_widget_set_valign (again, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (again), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_object_set_data_full (G_OBJECT (again), "account", g_strdup (account->id), g_free);
      g_signal_connect (again, "clicked", G_CALLBACK (on_sign_in_again_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), again);
    }
  g_object_set_data_full (G_OBJECT (remove), "account", g_strdup (account->id), g_free);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_account_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  /* Named by its title; the description is the subtitle's words. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
  return row;
}

/* Rebuilt only when what it shows changed: the sync engine announces many
 * changes that are not about the accounts. */
static void
rebuild_accounts (LineupPreferences *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = lineup_store_get_accounts (self->store, &error);
  LineupSecrets *secrets = lineup_publishing_get_secrets (self->store);
  const char *problem = lineup_publishing_get_problem (self->store);
  g_autoptr(GString) signature = g_string_new (problem);
  g_autofree char *description = NULL;
  GtkWidget *group;

  g_clear_handle_id (&self->accounts_id, g_source_remove);
  g_string_append_printf (signature, "\x1e%d\x1e%s", secrets != NULL, error ? error->message : "");
  for (guint i = 0; accounts && i < accounts->len; i++)
    {
      LineupAccount *account = g_ptr_array_index (accounts, i);

      g_string_append_printf (signature, "\x1e%s\x1f%s\x1f%s\x1f%s\x1f%s", account->id, account->name,
                              account->handle ? account->handle : "", account->endpoint ? account->endpoint : "",
                              account->problem ? account->problem : "");
    }
  if (g_strcmp0 (signature->str, self->accounts_signature) == 0)
    return;
  g_free (self->accounts_signature);
  self->accounts_signature = g_strdup (signature->str);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Accounts"));
  if (problem)
    description = g_strdup_printf (_("Publishing is off: %s"), problem);
  else if (secrets)
    description = g_strdup_printf (_("Lineup sends a post to the accounts ticked under “Publish To” in its editor, "
                                     "once it is Scheduled, at its time. Their passwords and tokens are kept in %s, "
                                     "never in the plan."), lineup_secrets_describe (secrets));
  else
    description = g_strdup (_("Lineup sends a post to the accounts ticked under “Publish To” in its editor, once it "
                              "is Scheduled, at its time."));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  if (accounts == NULL)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  for (guint i = 0; accounts && i < accounts->len; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), account_row (self, g_ptr_array_index (accounts, i)));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             add_account_row (self, LINEUP_ACCOUNT_MASTODON, _("Add a Mastodon Account…"),
                                              _("Signs in through your browser, or with an access token"),
                                              secrets != NULL));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             add_account_row (self, LINEUP_ACCOUNT_BLUESKY, _("Add a Bluesky Account…"),
                                              _("With its handle and an app password"), secrets != NULL));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             add_account_row (self, LINEUP_ACCOUNT_WEBHOOK, _("Add a Webhook…"),
                                              _("Posts go as signed JSON to an address of yours"), secrets != NULL));

  if (self->accounts_group)
    adw_preferences_page_remove (self->publishing_page, ADW_PREFERENCES_GROUP (self->accounts_group));
  self->accounts_group = group;
  adw_preferences_page_add (self->publishing_page, ADW_PREFERENCES_GROUP (group));
}

static gboolean
rebuild_accounts_idle_cb (gpointer data)
{
  LineupPreferences *self = data;

  self->accounts_id = 0;
  rebuild_accounts (self);
  return G_SOURCE_REMOVE;
}

static void
queue_rebuild_accounts (LineupPreferences *self)
{
  if (self->accounts_id == 0)
    self->accounts_id = g_idle_add (rebuild_accounts_idle_cb, self);
}

static void
rebuild (LineupPreferences *self)
{
  GtkWidget *refocus;

  GtkWidget *(*builders[3]) (LineupPreferences *) = { build_team, build_chain, build_checklist };
  GtkWidget *(*mix_builders[3]) (LineupPreferences *) = { build_type_targets, build_pillar_targets, build_counted_stages };

  for (guint i = 0; i < G_N_ELEMENTS (self->plan_groups); i++)
    {
      if (self->plan_groups[i])
        adw_preferences_page_remove (self->page, ADW_PREFERENCES_GROUP (self->plan_groups[i]));
      self->plan_groups[i] = builders[i] (self);
      adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (self->plan_groups[i]));
    }
  for (guint i = 0; i < G_N_ELEMENTS (self->mix_groups); i++)
    {
      if (self->mix_groups[i])
        adw_preferences_page_remove (self->mix_page, ADW_PREFERENCES_GROUP (self->mix_groups[i]));
      self->mix_groups[i] = mix_builders[i] (self);
      adw_preferences_page_add (self->mix_page, ADW_PREFERENCES_GROUP (self->mix_groups[i]));
    }
  if (self->feeds_group)
    adw_preferences_page_remove (self->sharing_page, ADW_PREFERENCES_GROUP (self->feeds_group));
  self->feeds_group = build_feeds (self);
  adw_preferences_page_add (self->sharing_page, ADW_PREFERENCES_GROUP (self->feeds_group));
  if (self->overlays_group)
    adw_preferences_page_remove (self->sharing_page, ADW_PREFERENCES_GROUP (self->overlays_group));
  self->overlays_group = build_overlays (self);
  adw_preferences_page_add (self->sharing_page, ADW_PREFERENCES_GROUP (self->overlays_group));

  rebuild_accounts (self);
  update_general (self);

  if (self->refocus && (refocus = g_hash_table_lookup (self->add_rows, self->refocus)))
    gtk_widget_grab_focus (refocus);
  self->refocus = NULL;
}

static gboolean
on_escape_cb (GtkWidget *widget,
              GVariant  *args,
              gpointer   data)
{
  LineupPreferences *self = LINEUP_PREFERENCES (widget);

  if (self->zone_page && gtk_widget_get_mapped (self->zone_page))
    on_zone_back_cb (self);
  else
    gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
lineup_preferences_dispose (GObject *object)
{
  LineupPreferences *self = LINEUP_PREFERENCES (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_handle_id (&self->accounts_id, g_source_remove);
  g_clear_pointer (&self->accounts_signature, g_free);
  if (self->store)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->add_rows, g_hash_table_unref);
  g_clear_pointer (&self->zone_needle, g_free);
  g_clear_object (&self->zone_page);
  g_clear_object (&self->zone_mark);
  g_clear_pointer (&self->zone_rows, g_hash_table_unref);

  G_OBJECT_CLASS (lineup_preferences_parent_class)->dispose (object);
}

static void
lineup_preferences_class_init (LineupPreferencesClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lineup_preferences_dispose;
  /* Escape closes Preferences, as it does every GNOME dialog; on the time
   * zone's page it goes back first. */
  gtk_widget_class_add_binding (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0, on_escape_cb, NULL);
}

static void
lineup_preferences_init (LineupPreferences *self)
{
  self->add_rows = g_hash_table_new (g_str_hash, g_str_equal);
  self->zone_rows = g_hash_table_new (g_str_hash, g_str_equal);
  self->zone_mark = g_object_ref_sink (gtk_image_new_from_icon_name ("object-select-symbolic"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->zone_mark), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The plan’s time zone"), -1);
  gtk_window_set_title (GTK_WINDOW (self), _("Preferences"));
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 720);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), FALSE);
  self->general_page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  adw_preferences_page_set_title (self->general_page, _("General"));
  adw_preferences_page_set_name (self->general_page, "general");
  adw_preferences_page_set_icon_name (self->general_page, "preferences-system-symbolic");
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), self->general_page);
  self->page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  adw_preferences_page_set_title (self->page, _("Workflow"));
  adw_preferences_page_set_icon_name (self->page, "lineup-board-symbolic");
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), self->page);
  self->mix_page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  adw_preferences_page_set_title (self->mix_page, _("Content Mix"));
  adw_preferences_page_set_icon_name (self->mix_page, "lineup-mix-symbolic");
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), self->mix_page);
  self->sharing_page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  adw_preferences_page_set_title (self->sharing_page, _("Sharing"));
  adw_preferences_page_set_icon_name (self->sharing_page, "x-office-calendar-symbolic");
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), self->sharing_page);
  self->publishing_page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  adw_preferences_page_set_title (self->publishing_page, _("Publishing"));
  adw_preferences_page_set_name (self->publishing_page, "publishing");
  adw_preferences_page_set_icon_name (self->publishing_page, "send-to-symbolic");
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), self->publishing_page);
}

LineupPreferences *
lineup_preferences_new (LineupStore *store,
                        GSettings   *settings)
{
  LineupPreferences *self;

  g_return_val_if_fail (LINEUP_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (LINEUP_TYPE_PREFERENCES, NULL);
  self->store = g_object_ref (store);
  self->settings = g_object_ref (settings);
  build_general (self);
  rebuild (self);
  /* The window opens on the first thing to fill in. */
  gtk_window_set_focus (GTK_WINDOW (self), self->name_row);
  g_signal_connect_swapped (store, "plan-changed", G_CALLBACK (queue_rebuild), self);
  g_signal_connect_swapped (store, "reloaded", G_CALLBACK (queue_rebuild), self);
  g_signal_connect_swapped (store, "content-types-changed", G_CALLBACK (queue_rebuild), self);
  g_signal_connect_swapped (store, "pillars-changed", G_CALLBACK (queue_rebuild), self);
  g_signal_connect_swapped (store, "publishing-changed", G_CALLBACK (queue_rebuild_accounts), self);
  g_signal_connect_swapped (store, "reloaded", G_CALLBACK (queue_rebuild_accounts), self);
  return self;
}
