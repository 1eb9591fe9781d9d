/* lineup-context.c: an open plan's background work in the app.
 *
 * Publishing in the background: the context makes one LineupSecrets and
 * one LineupSync for the plan and starts it, so the outbox is sent while
 * Lineup runs. Webhooks and Bluesky (and Mastodon posts due within
 * minutes) have no server that publishes at the time: Lineup's due
 * dispatcher must be running then, which "outbox-waiting" tells the
 * application. Overlays and feeds are refreshed and published off the main
 * thread, each on its own connection to the plan; so are the results of
 * published posts read from Mastodon and Bluesky when due (at start, then
 * every hour).
 *
 * Not here: the windows, the app's actions and its hold (the
 * application), what the windows share of the publishing
 * (lineup-publishing.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lineup-context.h"
#include "lineup-feed.h"
#include "lineup-overlay.h"
#include "lineup-publishing.h"
#include "lineup-results-fetch.h"

struct _LineupContext
{
  GObject parent_instance;

  LineupStore *store;
  guint publish_source;   /* the feeds' debounced republish */
  guint overlay_source;   /* the hourly look at overlays due a refresh */
  guint series_source;    /* the hourly roll of the series' horizon */
  guint results_source;   /* the hourly reading of published posts' results due */
  gboolean reading;       /* a reading of results runs */
  LineupSync *sync;
  guint outside_source;   /* a pass for what another process put in the outbox */
  gboolean waiting;       /* the outbox waits for the due dispatcher */
  gboolean quitting;      /* Quit was chosen: no holding on */
  guint overlay_ms;       /* how often overlays due are looked for */
  guint publish_ms;       /* how long after a change feeds publish */
};

G_DEFINE_FINAL_TYPE (LineupContext, lineup_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_OUTBOX_WAITING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define OVERLAY_INTERVAL_MS (3600 * 1000)
#define SERIES_ROLL_INTERVAL_S 3600
#define RESULTS_INTERVAL_S 3600
#define AUTO_PUBLISH_DELAY_MS (3 * 1000)

/* Whole seconds (what the app uses) wake up with other second timers. */
static guint
add_timeout (guint        ms,
             GSourceFunc  callback,
             gpointer     data)
{
  return ms % 1000 == 0 ? g_timeout_add_seconds (ms / 1000, callback, data) : g_timeout_add (ms, callback, data);
}

/* ---- publishing in the background ---- */

/* Whether something in the outbox waits to be sent by this process. */
static gboolean
outbox_waits (LineupContext *self)
{
  g_autoptr(GPtrArray) rows = lineup_store_get_outbox (self->store, FALSE, NULL);

  for (guint i = 0; rows && i < rows->len; i++)
    if (((LineupPostSync *) g_ptr_array_index (rows, i))->state == LINEUP_SYNC_PENDING)
      return TRUE;
  return FALSE;
}

static void
update_waiting (LineupContext *self)
{
  gboolean waiting = !self->quitting && self->store && self->sync && outbox_waits (self);

  if (waiting == self->waiting)
    return;
  self->waiting = waiting;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTBOX_WAITING]);
}

static void
on_outside_pass_done_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      data)
{
  g_autoptr(GError) error = NULL;

  /* Busy: the background pass that holds the plan sends it anyway. */
  if (!lineup_sync_run_finish (LINEUP_SYNC (source), result, NULL, &error) &&
      !g_error_matches (error, LINEUP_SYNC_ERROR, LINEUP_SYNC_ERROR_BUSY))
    g_message ("Sync: %s", error->message);
}

static gboolean
outside_pass_cb (gpointer data)
{
  LineupContext *self = data;

  self->outside_source = 0;
  if (self->sync && !self->quitting)
    lineup_sync_run_async (self->sync, LINEUP_SYNC_PASS_NO_WAIT, NULL, on_outside_pass_done_cb, NULL);
  return G_SOURCE_REMOVE;
}

/* The command line (or another window) changed the plan: what it put in
 * the outbox goes now, not at the engine's next look in minutes. */
static void
on_store_reloaded_cb (LineupContext *self)
{
  update_waiting (self);
  if (self->sync && self->outside_source == 0)
    self->outside_source = g_timeout_add_seconds (1, outside_pass_cb, self);
}

static void
make_secrets_thread (GTask        *task,
                     gpointer      source,
                     gpointer      data,
                     GCancellable *cancellable)
{
  GError *error = NULL;
  LineupSecrets *secrets = lineup_secrets_new (&error);

  if (secrets)
    g_task_return_pointer (task, secrets, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
on_secrets_made_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  LineupContext *self = LINEUP_CONTEXT (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupSecrets) secrets = g_task_propagate_pointer (G_TASK (result), &error);

  if (self->store == NULL || self->quitting)
    return;
  if (secrets == NULL)
    {
      /* Nothing is sent; the Publishing panel and Preferences say why. */
      g_message ("Publishing is off: %s", error->message);
      lineup_publishing_set_engine (self->store, NULL, NULL, error->message);
      return;
    }
  self->sync = lineup_sync_new (self->store, secrets);
  lineup_publishing_set_engine (self->store, secrets, self->sync, NULL);
  lineup_sync_start (self->sync);
  update_waiting (self);
}

/* Reaching the Secret Service is a D-Bus call that may wait for the keyring
 * to start: in a thread, so the window shows at once. */
static void
start_publishing (LineupContext *self)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, on_secrets_made_cb, NULL);

  g_task_set_source_tag (task, start_publishing);
  g_task_run_in_thread (task, make_secrets_thread);
  g_signal_connect_object (self->store, "publishing-changed", G_CALLBACK (update_waiting), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "reloaded", G_CALLBACK (on_store_reloaded_cb), self, G_CONNECT_SWAPPED);
}

/* ---- overlay calendars, refreshed in the background ---- */

static void
on_overlays_refreshed_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      data)
{
  g_autoptr(LineupContext) self = data;
  g_autoptr(GError) error = NULL;

  /* The new copies are in the plan's file: the views read them again. */
  if (lineup_overlay_refresh_due_finish (result, &error) > 0 && self->store)
    lineup_store_refresh (self->store);
}

static gboolean
refresh_overlays_cb (gpointer data)
{
  LineupContext *self = data;

  if (self->store)
    lineup_overlay_refresh_due_async (lineup_store_get_path (self->store), on_overlays_refreshed_cb,
                                      g_object_ref (self));
  return G_SOURCE_CONTINUE;
}

/* ---- results of published posts, read in the background ---- */

static void
on_results_read_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  g_autoptr(LineupContext) self = data;
  g_autoptr(GError) error = NULL;
  int read = lineup_results_fetch_due_finish (result, &error);

  self->reading = FALSE;
  if (read < 0)
    g_message ("Results could not be read: %s", error->message);
  /* The snapshots are in the plan's file: the views read them again. */
  else if (read > 0 && self->store)
    lineup_store_refresh (self->store);
}

static gboolean
read_results_cb (gpointer data)
{
  LineupContext *self = data;

  /* One reading at a time: a slow server never piles them up. */
  if (self->store && !self->quitting && !self->reading)
    {
      self->reading = TRUE;
      lineup_results_fetch_due_async (lineup_store_get_path (self->store), on_results_read_cb, g_object_ref (self));
    }
  return G_SOURCE_CONTINUE;
}

/* ---- feeds that publish themselves ---- */

static void
on_auto_published_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      data)
{
  g_autoptr(GError) error = NULL;

  /* The result is in the plan (the feed's last result); the window shows
   * it in Preferences. Nothing to interrupt anyone with here. */
  if (lineup_feed_publish_finish (result, &error) < 0)
    g_message ("A feed could not be published: %s", error->message);
}

static gboolean
auto_publish_cb (gpointer data)
{
  LineupContext *self = data;
  g_autoptr(GPtrArray) feeds = NULL;

  self->publish_source = 0;
  if (self->store == NULL)
    return G_SOURCE_REMOVE;
  feeds = lineup_store_get_feeds (self->store);
  for (guint i = 0; i < feeds->len; i++)
    {
      LineupFeed *feed = g_ptr_array_index (feeds, i);

      /* In the background, on its own connection: the window never waits. */
      if (feed->auto_publish)
        lineup_feed_publish_async (lineup_store_get_path (self->store), feed->name,
                                   g_getenv ("LINEUP_FEED_PASSWORD"), NULL, on_auto_published_cb, NULL);
    }
  return G_SOURCE_REMOVE;
}

/* Every change restarts the wait: a burst of edits is one publish. The
 * overlays' hourly look is its own timer and goes on. */
static void
schedule_auto_publish (LineupContext *self)
{
  g_clear_handle_id (&self->publish_source, g_source_remove);
  self->publish_source = add_timeout (self->publish_ms, auto_publish_cb, self);
}

/* ---- the context ---- */

static gboolean
roll_series_cb (gpointer data)
{
  LineupContext *self = data;
  g_autoptr(GError) error = NULL;

  if (!lineup_store_roll_series (self->store, LINEUP_SERIES_HORIZON_DAYS, NULL, &error))
    g_warning ("The series’ next posts could not be made: %s", error->message);
  return G_SOURCE_CONTINUE;
}

void
lineup_context_start (LineupContext *self)
{
  g_return_if_fail (LINEUP_IS_CONTEXT (self));

  lineup_store_watch (self->store);
  /* The series' posts up to the horizon, as the window opens the plan and
   * every hour while it stays open (a day passing moves the horizon). */
  roll_series_cb (self);
  self->series_source = g_timeout_add_seconds (SERIES_ROLL_INTERVAL_S, roll_series_cb, self);
  /* Overlays: at start, then every hour those due. */
  refresh_overlays_cb (self);
  self->overlay_source = add_timeout (self->overlay_ms, refresh_overlays_cb, self);
  /* Results due from Mastodon and Bluesky: at start, then every hour. */
  read_results_cb (self);
  self->results_source = g_timeout_add_seconds (RESULTS_INTERVAL_S, read_results_cb, self);
  g_signal_connect_object (self->store, "post-added", G_CALLBACK (schedule_auto_publish), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "post-changed", G_CALLBACK (schedule_auto_publish), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "post-removed", G_CALLBACK (schedule_auto_publish), self, G_CONNECT_SWAPPED);
  start_publishing (self);
}

void
lineup_context_quit (LineupContext *self)
{
  g_return_if_fail (LINEUP_IS_CONTEXT (self));

  self->quitting = TRUE;
  update_waiting (self);
}

void
lineup_context_set_intervals (LineupContext *self,
                              guint          overlay_ms,
                              guint          auto_publish_ms)
{
  g_return_if_fail (LINEUP_IS_CONTEXT (self));
  g_return_if_fail (overlay_ms > 0 && auto_publish_ms > 0);

  self->overlay_ms = overlay_ms;
  self->publish_ms = auto_publish_ms;
}

gboolean
lineup_context_get_outbox_waiting (LineupContext *self)
{
  g_return_val_if_fail (LINEUP_IS_CONTEXT (self), FALSE);
  return self->waiting;
}

LineupStore *
lineup_context_get_store (LineupContext *self)
{
  g_return_val_if_fail (LINEUP_IS_CONTEXT (self), NULL);
  return self->store;
}

static void
lineup_context_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LineupContext *self = LINEUP_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_OUTBOX_WAITING:
      g_value_set_boolean (value, self->waiting);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_context_dispose (GObject *object)
{
  LineupContext *self = (LineupContext *) object;

  g_clear_handle_id (&self->publish_source, g_source_remove);
  g_clear_handle_id (&self->overlay_source, g_source_remove);
  g_clear_handle_id (&self->series_source, g_source_remove);
  g_clear_handle_id (&self->results_source, g_source_remove);
  g_clear_handle_id (&self->outside_source, g_source_remove);
  if (self->sync)
    lineup_sync_stop (self->sync);
  g_clear_object (&self->sync);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (lineup_context_parent_class)->dispose (object);
}

static void
lineup_context_class_init (LineupContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = lineup_context_get_property;
  object_class->dispose = lineup_context_dispose;

  properties[PROP_OUTBOX_WAITING] =
    g_param_spec_boolean ("outbox-waiting", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lineup_context_init (LineupContext *self)
{
  self->overlay_ms = OVERLAY_INTERVAL_MS;
  self->publish_ms = AUTO_PUBLISH_DELAY_MS;
}

LineupContext *
lineup_context_new (LineupStore *store)
{
  LineupContext *self;

  g_return_val_if_fail (LINEUP_IS_STORE (store), NULL);

  self = g_object_new (LINEUP_TYPE_CONTEXT, NULL);
  self->store = g_object_ref (store);
  return self;
}
