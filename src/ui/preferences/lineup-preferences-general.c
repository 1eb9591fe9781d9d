/* lineup-preferences-general.c: the General page of Preferences: your
 * name, the plan's time zone (with its subpage to pick one, made the first
 * time it is shown) and default post time, the first day of the week and
 * the colour scheme; the Posting Slots and Media groups are their own
 * widgets (lineup-preferences-slots.c, lineup-preferences-media.c).
 *
 * The page mixes the two kinds of setting and says which is which: the
 * plan's time zone and default post time are kept in the plan (the same
 * for everyone who opens it) and shown again on "plan-changed"; your name,
 * the first day of the week and the colour scheme are yours, in GSettings,
 * bound to their rows so a change applies at once wherever it shows.
 *
 * It does not hold the window nor the other pages (lineup-preferences.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lineup-preferences.h"
#include "lineup-preferences-general.h"
#include "lineup-share.h"
#include "lineup-preferences-list.h"
#include "lineup-preferences-slots.h"
#include "lineup-preferences-media.h"

struct _LineupPreferencesGeneral
{
  AdwPreferencesPage parent_instance;

  LineupStore *store;
  GSettings *settings;

  AdwPreferencesGroup *you_group;
  GtkWidget *name_row;
  GtkWidget *zone_row;
  GtkWidget *time_row;
  AdwComboRow *week_row;
  AdwComboRow *scheme_row;
  LineupPreferencesSlots *slots_group;
  LineupPreferencesMedia *media_group;

  GtkWidget *zone_page;        /* the subpage to pick a zone, made when first shown */
  GtkWidget *zone_search;
  GtkWidget *zone_list;
  GtkWidget *zone_stack;
  GtkWidget *zone_error;
  char *zone_needle;           /* casefolded search, '_' as spaces */
  GHashTable *zone_rows;       /* zone id → its row */
  GtkWidget *zone_mark;        /* the check on the plan's zone's row */
  GtkWidget *marked_row;       /* the row that has it */
};

G_DEFINE_FINAL_TYPE (LineupPreferencesGeneral, lineup_preferences_general, ADW_TYPE_PREFERENCES_PAGE)

static AdwPreferencesWindow *
window_of (LineupPreferencesGeneral *self)
{
  return ADW_PREFERENCES_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_PREFERENCES_WINDOW));
}

/* ---- you ---- */

static void
on_name_changed_cb (GtkEditable              *editable,
                    LineupPreferencesGeneral *self)
{
  g_autofree char *name = NULL;

  /* In a shared plan the row shows the login and is not editable. */
  if (lineup_share_is_shared (self->store))
    return;
  g_settings_set_string (self->settings, "user-name", gtk_editable_get_text (editable));
  name = lineup_preferences_user_name (self->settings);
  lineup_store_set_actor (self->store, name);
}

/* In a shared plan a person is their server login: the row shows it and
 * cannot be changed; otherwise it is the name set here. */
static void
update_identity (LineupPreferencesGeneral *self)
{
  g_autofree char *login = lineup_share_get_login (self->store);
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;

  if (login)
    {
      name = g_strdup (login);
      description = g_strdup_printf (_("This plan is shared: what you do in it is recorded as your server login, %s."),
                                     login);
    }
  else
    {
      name = g_settings_get_string (self->settings, "user-name");
      description = g_strdup_printf (_("Your name goes into the history of what you do in this plan. "
                                       "Left empty, it is your account’s name, %s."),
                                     g_get_real_name ());
    }
  adw_preferences_group_set_description (self->you_group, description);
  g_signal_handlers_block_by_func (self->name_row, on_name_changed_cb, self);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->name_row)), name) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
  g_signal_handlers_unblock_by_func (self->name_row, on_name_changed_cb, self);
  gtk_widget_set_sensitive (self->name_row, login == NULL);
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
update_general (LineupPreferencesGeneral *self)
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
show_zone_error (LineupPreferencesGeneral *self,
                 const char               *message)
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
zone_matches (LineupPreferencesGeneral *self,
              Zone                     *zone)
{
  return self->zone_needle == NULL || strstr (zone->haystack, self->zone_needle) != NULL;
}

static void
choose_zone (LineupPreferencesGeneral *self,
             const char               *id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!lineup_store_set_time_zone (self->store, id, &error))
    {
      show_zone_error (self, error->message);
      return;
    }
  message = g_strdup_printf (_("The plan is now on %s time"), id);
  adw_preferences_window_close_subpage (window_of (self));
  gtk_widget_grab_focus (self->zone_row);
  lineup_preferences_toast (GTK_WIDGET (self), message);
}

/* A zone in the list to pick from. */
#define LINEUP_TYPE_ZONE_ROW (lineup_zone_row_get_type ())
G_DECLARE_FINAL_TYPE (LineupZoneRow, lineup_zone_row, LINEUP, ZONE_ROW, AdwActionRow)

struct _LineupZoneRow
{
  AdwActionRow parent_instance;

  Zone *zone;   /* unowned: the zones are kept for the program's life */
};

G_DEFINE_FINAL_TYPE (LineupZoneRow, lineup_zone_row, ADW_TYPE_ACTION_ROW)

static void
lineup_zone_row_class_init (LineupZoneRowClass *klass)
{
}

static void
lineup_zone_row_init (LineupZoneRow *row)
{
}

static void
on_zone_row_activated_cb (GtkListBox        *list,
                          GtkListBoxRow     *row,
                          LineupPreferencesGeneral *self)
{
  choose_zone (self, LINEUP_ZONE_ROW (row)->zone->id);
}

static gboolean
filter_zone_row (GtkListBoxRow *row,
                 gpointer       data)
{
  return zone_matches (data, LINEUP_ZONE_ROW (row)->zone);
}

static void
on_zone_search_changed_cb (GtkSearchEntry           *entry,
                           LineupPreferencesGeneral *self)
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
on_zone_search_activate_cb (GtkSearchEntry           *entry,
                            LineupPreferencesGeneral *self)
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
on_zone_back_cb (LineupPreferencesGeneral *self)
{
  adw_preferences_window_close_subpage (window_of (self));
  gtk_widget_grab_focus (self->zone_row);
}

static GtkWidget *
zone_list_row (Zone *zone)
{
  LineupZoneRow *row = g_object_new (LINEUP_TYPE_ZONE_ROW, NULL);
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
  row->zone = zone;
  return GTK_WIDGET (row);
}

/* The list is made once (some 400 rows, each with its offset now); only
 * the mark on the plan's zone moves. */
static void
fill_zone_list (LineupPreferencesGeneral *self)
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
mark_current_zone (LineupPreferencesGeneral *self)
{
  GtkWidget *row = g_hash_table_lookup (self->zone_rows, lineup_store_get_time_zone_id (self->store));
  GtkWidget *marked = self->marked_row;

  if (row == marked)
    return;
  if (marked)
    adw_action_row_remove (ADW_ACTION_ROW (marked), self->zone_mark);
  if (row)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), self->zone_mark);
  self->marked_row = row;
}

static GtkWidget *
build_zone_page (LineupPreferencesGeneral *self)
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
on_zone_row_cb (LineupPreferencesGeneral *self)
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
  adw_preferences_window_present_subpage (window_of (self), self->zone_page);
  gtk_widget_grab_focus (self->zone_search);
}

/* ---- the default post time ---- */

static void
on_time_changed_cb (GtkEditable *editable)
{
  gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
}

static void
on_time_applied_cb (AdwEntryRow              *row,
                    LineupPreferencesGeneral *self)
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
      lineup_preferences_toast (GTK_WIDGET (self), message);
      return;
    }
  ok = lineup_store_set_default_time (self->store, minutes, &error);
  if (!ok)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      lineup_preferences_toast (GTK_WIDGET (self), error->message);
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

/* The choices' labels, and the row bound to its setting. */
static void
bind_choice (LineupPreferencesGeneral *self,
             AdwComboRow              *row,
             const char               *key,
             const char * const       *labels,
             const char * const       *choices)
{
  adw_combo_row_set_model (row, G_LIST_MODEL (gtk_string_list_new (labels)));
  g_settings_bind_with_mapping (self->settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                choice_to_index, index_to_choice, (gpointer) choices, NULL);
}

/* ---- the page ---- */

static void
on_store_changed (GtkWidget *page)
{
  update_general (LINEUP_PREFERENCES_GENERAL (page));
  update_identity (LINEUP_PREFERENCES_GENERAL (page));
}

void
lineup_preferences_general_set_store (LineupPreferencesGeneral *self,
                                      LineupStore              *store,
                                      GSettings                *settings)
{
  g_autofree char *region_day = weekday_name (lineup_locale_week_start ());
  g_autofree char *region = g_strdup_printf (_("Your region’s formats start weeks on %s"), region_day);
  g_autofree char *monday = weekday_name (1);
  g_autofree char *sunday = weekday_name (0);
  g_autofree char *saturday = weekday_name (6);
  const char *week_labels[] = { _("Regional Default"), monday, sunday, saturday, NULL };
  const char *scheme_labels[] = { _("Follow System"), _("Light"), _("Dark"), NULL };

  g_return_if_fail (LINEUP_IS_PREFERENCES_GENERAL (self));
  g_return_if_fail (LINEUP_IS_STORE (store));
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->settings = g_object_ref (settings);
  g_signal_connect (self->name_row, "changed", G_CALLBACK (on_name_changed_cb), self);
  update_identity (self);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->week_row), region);
  bind_choice (self, self->week_row, "first-day-of-week", week_labels, week_start_choices);
  bind_choice (self, self->scheme_row, "color-scheme", scheme_labels, color_scheme_choices);
  update_general (self);
  lineup_preferences_slots_set_store (self->slots_group, store);
  lineup_preferences_media_set_store (self->media_group, store);
  lineup_preferences_follow_store (GTK_WIDGET (self), store, on_store_changed,
                                   "plan-changed", "reloaded", NULL);
}

GtkWidget *
lineup_preferences_general_get_name_row (LineupPreferencesGeneral *self)
{
  g_return_val_if_fail (LINEUP_IS_PREFERENCES_GENERAL (self), NULL);
  return self->name_row;
}

gboolean
lineup_preferences_general_leave_zone (LineupPreferencesGeneral *self)
{
  g_return_val_if_fail (LINEUP_IS_PREFERENCES_GENERAL (self), FALSE);

  if (self->zone_page == NULL || !gtk_widget_get_mapped (self->zone_page))
    return FALSE;
  on_zone_back_cb (self);
  return TRUE;
}

static void
lineup_preferences_general_dispose (GObject *object)
{
  LineupPreferencesGeneral *self = LINEUP_PREFERENCES_GENERAL (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_PREFERENCES_GENERAL);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->zone_needle, g_free);
  g_clear_object (&self->zone_page);
  g_clear_object (&self->zone_mark);
  g_clear_pointer (&self->zone_rows, g_hash_table_unref);
  G_OBJECT_CLASS (lineup_preferences_general_parent_class)->dispose (object);
}

static void
lineup_preferences_general_class_init (LineupPreferencesGeneralClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = lineup_preferences_general_dispose;
  g_type_ensure (LINEUP_TYPE_PREFERENCES_SLOTS);
  g_type_ensure (LINEUP_TYPE_PREFERENCES_MEDIA);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lineup/Lineup/preferences/lineup-preferences-general.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesGeneral, you_group);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesGeneral, name_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesGeneral, zone_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesGeneral, time_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesGeneral, week_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesGeneral, scheme_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesGeneral, slots_group);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesGeneral, media_group);
  gtk_widget_class_bind_template_callback (widget_class, on_zone_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_time_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_time_applied_cb);
}

static void
lineup_preferences_general_init (LineupPreferencesGeneral *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->zone_rows = g_hash_table_new (g_str_hash, g_str_equal);
  self->zone_mark = g_object_ref_sink (gtk_image_new_from_icon_name ("object-select-symbolic"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->zone_mark), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The plan’s time zone"), -1);
}
