/* lineup-application.c: the app, its plan, and the actions every window
 * shares.
 *
 * The app opens its plan in a LineupContext (src/core/lineup-context.c),
 * which runs what works in the background: publishing (one LineupSecrets
 * and one LineupSync, so the outbox is sent while Lineup runs), the
 * overlays' refresh and the feeds' auto-publish. Webhooks and Bluesky (and
 * Mastodon posts due within minutes) have no server that publishes at the
 * time: Lineup's due dispatcher must be running then. So while the outbox
 * holds posts waiting to be sent, the app holds itself: closing the last
 * window leaves it running, without a window, until nothing waits any more
 * (or the person chooses Quit, or the session ends: then the systemd timer,
 * if installed, takes over). Opening Lineup again shows a window on the
 * same plan.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>
#include <unistd.h>

#include "lineup-application.h"
#include "lineup-preferences.h"
#include "lineup-share.h"
#include "lineup-startup.h"
#include "lineup-window.h"

struct _LineupApplication
{
  AdwApplication parent_instance;

  char *database;
  GSettings *settings;
  LineupContext *context; /* the open plan and its background work */
  LineupStore *store;     /* the context's */
  gboolean held;          /* the outbox waits for the due dispatcher */
  gboolean quitting;      /* Quit was chosen: no holding on */
};

G_DEFINE_FINAL_TYPE (LineupApplication, lineup_application, ADW_TYPE_APPLICATION)

static void update_hold (LineupApplication *self);

static LineupWindow *
get_window (LineupApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  return LINEUP_IS_WINDOW (window) ? LINEUP_WINDOW (window) : NULL;
}

static void
show_open_error (LineupApplication *self,
                 const char        *message)
{
  GtkWidget *dialog;

  /* The file is left alone: no window that could write to it opens. */
  dialog = adw_message_dialog_new (NULL, _("Could not open the plan"), message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect_swapped (dialog, "response", G_CALLBACK (gtk_window_destroy), dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_undo_actions (LineupApplication *self)
{
  GAction *undo = g_action_map_lookup_action (G_ACTION_MAP (self), "undo");
  GAction *redo = g_action_map_lookup_action (G_ACTION_MAP (self), "redo");

  g_simple_action_set_enabled (G_SIMPLE_ACTION (undo), self->store && lineup_store_can_undo (self->store));
  g_simple_action_set_enabled (G_SIMPLE_ACTION (redo), self->store && lineup_store_can_redo (self->store));
}

static void
undo_or_redo (LineupApplication *self,
              gboolean           undo)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = g_strdup (undo ? lineup_store_get_undo_label (self->store)
                                          : lineup_store_get_redo_label (self->store));
  LineupWindow *window = get_window (self);
  gboolean ok = undo ? lineup_store_undo (self->store, &error) : lineup_store_redo (self->store, &error);

  if (window == NULL)
    return;
  if (ok)
    {
      g_autofree char *text = g_strdup_printf (undo ? _("Undone: %s") : _("Redone: %s"), label);
      lineup_window_toast (window, text);
    }
  else
    lineup_window_toast (window, error->message);
}

static void
on_undo_activated (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  undo_or_redo (LINEUP_APPLICATION (user_data), TRUE);
}

static void
on_redo_activated (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  undo_or_redo (LINEUP_APPLICATION (user_data), FALSE);
}

static void
on_new_post_activated (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  LineupWindow *window = get_window (LINEUP_APPLICATION (user_data));

  if (window)
    lineup_window_new_post (window);
}

static void
on_quit_activated (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  LineupApplication *self = LINEUP_APPLICATION (user_data);
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Quit means quit, even with posts waiting for their time. */
  self->quitting = TRUE;
  if (self->context)
    lineup_context_quit (self->context);
  update_hold (self);
  /* Closing each window saves its size, as closing it by hand does. */
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free (windows);
}

static LineupPreferences *
show_preferences (LineupApplication *self)
{
  LineupPreferences *preferences;

  if (self->store == NULL)
    return NULL;
  preferences = lineup_preferences_new (self->store, self->settings);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), GTK_WINDOW (get_window (self)));
  gtk_window_set_modal (GTK_WINDOW (preferences), TRUE);
  gtk_window_present (GTK_WINDOW (preferences));
  return preferences;
}

static void
on_preferences_activated (GSimpleAction *action,
                          GVariant      *param,
                          gpointer       user_data)
{
  show_preferences (LINEUP_APPLICATION (user_data));
}

/* Preferences, open on the accounts (the Publishing panel's way there). */
static void
on_show_accounts_activated (GSimpleAction *action,
                            GVariant      *param,
                            gpointer       user_data)
{
  LineupPreferences *preferences = show_preferences (LINEUP_APPLICATION (user_data));

  if (preferences)
    adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "publishing");
}

/* ---- a shared plan ---- */

/* A notification's post, or the popover's: in the editor, over the window
 * (one opened when the app ran without one). */
static void
on_open_post_activated (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  LineupApplication *self = LINEUP_APPLICATION (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupPost) post = NULL;
  LineupWindow *window = get_window (self);

  if (window == NULL)
    {
      g_application_activate (G_APPLICATION (self));
      window = get_window (self);
    }
  if (window == NULL || self->store == NULL)
    return;
  gtk_window_present (GTK_WINDOW (window));
  post = lineup_store_get_post (self->store, g_variant_get_string (param, NULL), &error);
  if (post == NULL)
    lineup_window_toast (window, error->message);
  else
    lineup_window_edit_post (window, post);
}

static void
on_share_sync_activated (GSimpleAction *action,
                         GVariant      *param,
                         gpointer       user_data)
{
  LineupWindow *window = get_window (LINEUP_APPLICATION (user_data));

  if (window)
    lineup_window_share_pass (window);
}

void
lineup_application_send_share_notices (LineupApplication *self)
{
  g_autoptr(GPtrArray) notices = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LINEUP_IS_APPLICATION (self));

  if (self->store == NULL)
    return;
  notices = lineup_share_take_notices (self->store, &error);
  if (notices == NULL)
    {
      g_warning ("Could not read the shared plan’s notices: %s", error->message);
      return;
    }
  for (guint i = 0; i < notices->len; i++)
    {
      LineupShareNotice *notice = g_ptr_array_index (notices, i);
      g_autoptr(GNotification) notification = g_notification_new (notice->title);
      /* One a post and kind: a newer one of the same replaces it. */
      g_autofree char *id = g_strdup_printf ("share-%d-%s", notice->kind, notice->post_id);

      if (notice->body)
        g_notification_set_body (notification, notice->body);
      g_notification_set_default_action_and_target (notification, "app.open-post", "s", notice->post_id);
      g_notification_add_button_with_target (notification, _("Open Post"), "app.open-post", "s", notice->post_id);
      g_application_send_notification (G_APPLICATION (self), id, notification);
    }
}

/* ---- publishing in the background ---- */

/* While the outbox holds posts the context waits to send, the app holds
 * itself (see above). */
static void
update_hold (LineupApplication *self)
{
  gboolean hold = !self->quitting && self->context && lineup_context_get_outbox_waiting (self->context);

  if (hold == self->held)
    return;
  self->held = hold;
  if (hold)
    g_application_hold (G_APPLICATION (self));
  else
    g_application_release (G_APPLICATION (self));
}

static void
on_about_activated (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  /* "Name URL": the About window links each name. */
  const char *developers[] = { "The Lineup contributors https://github.com/lineup/Lineup/graphs/contributors", NULL };

  adw_show_about_window (GTK_WINDOW (get_window (LINEUP_APPLICATION (user_data))),
                         "application-name", _("Lineup"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Lineup developers"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Plan a month of social media posts, by pillar and type, from brief to published."),
                         "website", "https://github.com/lineup/Lineup",
                         "issue-url", "https://github.com/lineup/Lineup/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "copyright", "© 2026 The Lineup developers",
                         "developers", developers,
                         /* Translators: your names, one a line, as "Name <email>" or "Name https://…" */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

/* The colour scheme is the person's choice, applied to every window at
 * once: at startup and whenever Preferences changes it. */
static void
apply_color_scheme (LineupApplication *self)
{
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  AdwColorScheme value = ADW_COLOR_SCHEME_DEFAULT;

  if (g_str_equal (scheme, "light"))
    value = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_str_equal (scheme, "dark"))
    value = ADW_COLOR_SCHEME_FORCE_DARK;
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), value);
}

/* Ctrl+C in a terminal or a session logout: close the windows properly so
 * their state is saved and the plan's file is closed cleanly. */
static gboolean
on_quit_signal (gpointer user_data)
{
  g_action_group_activate_action (G_ACTION_GROUP (user_data), "quit", NULL);
  return G_SOURCE_CONTINUE;
}

static const GActionEntry app_actions[] = {
  { "undo", on_undo_activated },
  { "redo", on_redo_activated },
  { "new-post", on_new_post_activated },
  { "quit", on_quit_activated },
  { "preferences", on_preferences_activated },
  { "show-accounts", on_show_accounts_activated },
  { "about", on_about_activated },
  { "open-post", on_open_post_activated, "s" },
  { "share-sync", on_share_sync_activated },
};

static int
lineup_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  LineupApplication *self = LINEUP_APPLICATION (app);
  const char *database = NULL;

  if (g_variant_dict_lookup (options, "database", "^&ay", &database) && *database)
    self->database = g_strdup (database);
  else if (g_getenv ("LINEUP_DATABASE") && *g_getenv ("LINEUP_DATABASE"))
    self->database = g_strdup (g_getenv ("LINEUP_DATABASE"));

  /* A window on another plan is its own instance: it must never hand its
   * request over to a window showing the default plan. */
  if (self->database)
    g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);

  return G_APPLICATION_CLASS (lineup_application_parent_class)->handle_local_options (app, options);
}

/* The icon theme, read in a worker thread (below). */
static void
read_icon_theme_thread (GTask        *task,
                        gpointer      theme,
                        gpointer      data,
                        GCancellable *cancellable)
{
  gtk_icon_theme_has_icon (theme, "lineup-board-symbolic");
}

/* libadwaita 1.2 turns CSS transitions off while it sets up or switches
 * the style (at its start, and at a change of colour scheme): it adds a
 * style provider for the display and removes it from a 250 ms timeout
 * whose data is the display's style manager. Removing it restyles every widget of
 * every window: at start that came 250 ms after adw_init(), just after
 * the first frame, and was the longest stall of a start (a frame of
 * 15-20 ms of CPU restyling some 350 labels, boxes and images; found with
 * a breakpoint on gtk_style_context_remove_provider_for_display). With no
 * window yet there is nothing to restyle nor any transition to hold
 * back: the timeout is made due now, so the pending iterations of the
 * start below (before the window) run it. */
static void
let_style_switch_end (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  GSource *source;

  if (display == NULL)
    return;
  source = g_main_context_find_source_by_funcs_user_data (NULL, &g_timeout_funcs,
                                                          adw_style_manager_get_for_display (display));
  if (source)
    g_source_set_ready_time (source, 0);
}

static void
lineup_application_startup (GApplication *app)
{
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.new-post", { "<Control>n", NULL } },
    { "app.undo", { "<Control>z", NULL } },
    { "app.redo", { "<Control><Shift>z", "<Control>y", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "win.export-ics", { "<Control>e", NULL } },
    { "win.import-csv", { "<Control>i", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.show-view::calendar", { "<Alt>1", NULL } },
    { "win.show-view::board", { "<Alt>2", NULL } },
    { "win.show-view::mix", { "<Alt>3", NULL } },
    { "win.show-view::list", { "<Alt>4", NULL } },
    { "win.show-view::results", { "<Alt>5", NULL } },
    { "win.show-view::publishing", { "<Alt>6", NULL } },
  };
  LineupApplication *self = LINEUP_APPLICATION (app);

  G_APPLICATION_CLASS (lineup_application_parent_class)->startup (app);
  /* Before the first window, so it never flashes in the wrong colours. */
  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::color-scheme", G_CALLBACK (apply_color_scheme),
                           self, G_CONNECT_SWAPPED);
  apply_color_scheme (self);
  let_style_switch_end ();
  /* GTK and libadwaita add their icons to the icon theme as they start,
   * which GTK announces at the next idle as a change of theme (when the
   * theme was read already): every icon of the window was then looked up,
   * sized and drawn again just after the first frame (120 ms of a start
   * here). Let that announcement go out now, while there is no window. */
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  /* That change leaves the theme to be read again (its index.theme files
   * and directories) by whoever looks an icon up first: the window's
   * first icon, on the main thread, before the first frame (perf: ~30
   * samples of a ~700-sample start, 5 now). A worker reads it instead,
   * while the window is made: once set up, GTK's icon theme may be
   * looked up from any thread (its own loading thread does the same),
   * and a lookup on the main thread meanwhile waits for it. */
  {
    GdkDisplay *display = gdk_display_get_default ();

    if (display)
      {
        g_autoptr(GTask) task = g_task_new (gtk_icon_theme_get_for_display (display), NULL, NULL, NULL);

        g_task_run_in_thread (task, read_icon_theme_thread);
      }
  }

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, accels[i].accels);
  update_undo_actions (self);

  g_unix_signal_add (SIGINT, on_quit_signal, self);
  g_unix_signal_add (SIGTERM, on_quit_signal, self);
}

/* bench/lineup-bench-startup: with LINEUP_BENCH_FIRST_FRAME set, the first
 * painted frame of the window is announced on stdout ("first-frame"), so
 * the start-to-first-frame time is measured from outside, process start
 * included; then, once the work after the first frame is done, the
 * longest main-loop stall since ("longest-stall MS WHAT", after
 * "longest-cpu MS WHAT": the most CPU time one iteration took), and the
 * app quits. */
static void
on_stalls_measured_cb (double      longest_ms,
                       const char *what,
                       gpointer    app)
{
  const char *cpu_what = NULL;
  double cpu_ms = lineup_startup_get_longest_cpu (&cpu_what);

  /* Before the stall: the bench stops reading at "longest-stall". */
  g_print ("longest-cpu %.1f %s\n", cpu_ms, cpu_what);
  g_print ("longest-stall %.1f %s\n", longest_ms, what);
  fflush (stdout);
  g_application_quit (app);
}

static void
on_first_frame_painted_cb (gpointer app)
{
  g_print ("first-frame\n");
  fflush (stdout);
  /* To profile or look at the first frame alone: =exit ends the process
   * here (perf record sees the start and nothing after it), =stop stops
   * it with the frame on screen (a screenshot of it can be compared with
   * another build's). */
  if (g_strcmp0 (g_getenv ("LINEUP_BENCH_FIRST_FRAME"), "exit") == 0)
    _exit (0);
  if (g_strcmp0 (g_getenv ("LINEUP_BENCH_FIRST_FRAME"), "stop") == 0)
    raise (SIGSTOP);
}

static gboolean
start_context (gpointer owner)
{
  LineupApplication *self = owner;

  if (self->context)
    lineup_context_start (self->context);
  return G_SOURCE_REMOVE;
}

static void
lineup_application_activate (GApplication *app)
{
  LineupApplication *self = LINEUP_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  LineupWindow *window = get_window (self);

  if (window)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  if (self->store == NULL)
    {
      g_autofree char *path = self->database ? g_strdup (self->database) : lineup_store_default_path ();
      g_autoptr(LineupStore) store = lineup_plan_open (path, &error);

      if (store == NULL)
        {
          show_open_error (self, error->message);
          return;
        }
      self->context = lineup_context_new (store);
      self->store = lineup_context_get_store (self->context);
      /* Whoever uses the window is named in the history as they chose;
       * in a shared plan, as their server login (lineup_share_attach). */
      if (!lineup_share_is_shared (self->store))
        {
          g_autofree char *name = lineup_preferences_user_name (self->settings);

          lineup_store_set_actor (self->store, name);
        }
      g_signal_connect_object (self->store, "notify::can-undo", G_CALLBACK (update_undo_actions),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->store, "notify::can-redo", G_CALLBACK (update_undo_actions),
                               self, G_CONNECT_SWAPPED);
      update_undo_actions (self);
      g_signal_connect_object (self->context, "notify::outbox-waiting", G_CALLBACK (update_hold), self,
                               G_CONNECT_SWAPPED);
      window = lineup_window_new (self, self->store);
      /* Publishing, overlays and feeds after the month is on screen,
       * and after the window's own steps (its sidebar and backlog). */
      lineup_startup_after_first_frame (self, "publishing, overlays and feeds", start_context);
    }
  else
    window = lineup_window_new (self, self->store);
  if (g_getenv ("LINEUP_BENCH_FIRST_FRAME"))
    lineup_startup_measure_stalls (on_first_frame_painted_cb, on_stalls_measured_cb, self);
  lineup_startup_watch_window (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
}

static void
lineup_application_dispose (GObject *object)
{
  LineupApplication *self = (LineupApplication *) object;

  self->store = NULL;
  g_clear_object (&self->context);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->database, g_free);

  G_OBJECT_CLASS (lineup_application_parent_class)->dispose (object);
}

static void
lineup_application_class_init (LineupApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = lineup_application_dispose;
  app_class->handle_local_options = lineup_application_handle_local_options;
  app_class->startup = lineup_application_startup;
  app_class->activate = lineup_application_activate;
}

static void
lineup_application_init (LineupApplication *self)
{
  static const GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("The plan to open (default: $XDG_DATA_HOME/lineup/lineup.db)"), N_("PATH") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

LineupApplication *
lineup_application_new (void)
{
  return g_object_new (LINEUP_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/lineup/Lineup",
                       NULL);
}

LineupStore *
lineup_application_get_store (LineupApplication *self)
{
  g_return_val_if_fail (LINEUP_IS_APPLICATION (self), NULL);
  return self->store;
}

LineupContext *
lineup_application_get_context (LineupApplication *self)
{
  g_return_val_if_fail (LINEUP_IS_APPLICATION (self), NULL);
  return self->context;
}
