/* lineup-share.c: a plan shared through a CalDAV server, one call per intent.
 *
 * Sharing, joining, a pass, leaving, the status and the conflicts, for the
 * command line and the app; the listener that queues local changes. A
 * pass's sending is lineup-share-push.c, its taking in lineup-share-pull.c;
 * the notices the people in the chain get are lineup-share-notices.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "lineup-share-private.h"
#include "lineup-plan.h"
#include "lineup-share-merge.h"
#include "lineup-share-ical.h"
#include "lineup-secrets.h"

G_DEFINE_QUARK (lineup-share-error-quark, lineup_share_error)

#define SECRET_KIND "password"

/* The error text a pass keeps says what kind of failure it was, so the
 * status can say "offline" without parsing a message: "KIND\tmessage". */
static const char * const failure_kinds[] = { "offline", "refused", "auth", "failed", "conflict" };

/* ---- the listener: every local change is queued with the change ---- */

static gboolean
share_commit_hook (LineupStore         *store,
                   const LineupCommit  *commit,
                   gpointer             user_data,
                   GError             **error)
{
  g_autoptr(LineupShareConfig) config = NULL;

  if (commit->remote)
    return TRUE;
  config = lineup_store_get_share (store);
  if (config == NULL)
    return TRUE;

  for (guint i = 0; i < commit->n_posts; i++)
    {
      const LineupPostChange *change = &commit->posts[i];
      LineupPost *post = change->new_post ? change->new_post : change->old_post;

      if (!lineup_store_share_enqueue (store, "post", lineup_post_get_id (post), error))
        return FALSE;
    }
  if ((commit->kinds & (LINEUP_COMMIT_PILLARS | LINEUP_COMMIT_TYPES | LINEUP_COMMIT_CAMPAIGNS |
                        LINEUP_COMMIT_PLAN)) &&
      !lineup_store_share_enqueue (store, "plan", LINEUP_SHARE_PLAN_UID, error))
    return FALSE;
  if ((commit->kinds & LINEUP_COMMIT_PLAN) &&
      !lineup_store_share_enqueue (store, "team", LINEUP_SHARE_TEAM_UID, error))
    return FALSE;
  return TRUE;
}

void
lineup_share_attach (LineupStore *store)
{
  g_autoptr(LineupShareConfig) config = lineup_store_get_share (store);

  lineup_store_add_commit_hook (store, share_commit_hook, NULL, NULL);
  /* In a shared plan a person is their server login. */
  if (config)
    lineup_store_set_actor (store, config->login);
}

gboolean
lineup_share_is_shared (LineupStore *store)
{
  g_autoptr(LineupShareConfig) config = lineup_store_get_share (store);

  return config != NULL;
}

char *
lineup_share_get_login (LineupStore *store)
{
  g_autoptr(LineupShareConfig) config = lineup_store_get_share (store);

  return config ? g_strdup (config->login) : NULL;
}

/* ---- errors ---- */

void
_lineup_share_wrap_error (GError **error,
                          GError  *cause)
{
  int code = LINEUP_SHARE_ERROR_FAILED;

  if (cause->domain == LINEUP_HTTP_ERROR &&
      cause->code != LINEUP_HTTP_ERROR_INSECURE && cause->code != LINEUP_HTTP_ERROR_TOO_LARGE &&
      cause->code != LINEUP_HTTP_ERROR_TLS)
    code = LINEUP_SHARE_ERROR_OFFLINE;
  else if (g_error_matches (cause, LINEUP_CALDAV_ERROR, LINEUP_CALDAV_ERROR_FORBIDDEN))
    code = LINEUP_SHARE_ERROR_REFUSED;
  else if (g_error_matches (cause, LINEUP_CALDAV_ERROR, LINEUP_CALDAV_ERROR_AUTH))
    code = LINEUP_SHARE_ERROR_AUTH;
  else if (cause->domain == LINEUP_SHARE_ERROR)
    code = cause->code;
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, cause);
      return;
    }
  g_set_error_literal (error, LINEUP_SHARE_ERROR, code, cause->message);
  g_error_free (cause);
}

static const char *
failure_kind (const GError *error)
{
  switch (error->domain == LINEUP_SHARE_ERROR ? error->code : LINEUP_SHARE_ERROR_FAILED)
    {
    case LINEUP_SHARE_ERROR_OFFLINE: return failure_kinds[0];
    case LINEUP_SHARE_ERROR_REFUSED: return failure_kinds[1];
    case LINEUP_SHARE_ERROR_AUTH: return failure_kinds[2];
    case LINEUP_SHARE_ERROR_CONFLICT: return failure_kinds[4];
    default: return failure_kinds[3];
    }
}

/* ---- a pass ---- */

LineupShareRecord *
_lineup_share_parse (const char  *text,
                     char       **out_writer,
                     GError     **error)
{
  LineupShareRecord *record = lineup_share_ical_parse (text, error);

  if (out_writer)
    *out_writer = record ? g_strdup (lineup_share_record_get (record, LINEUP_SHARE_WRITER_FIELD)) : NULL;
  if (record)
    lineup_share_record_set (record, LINEUP_SHARE_WRITER_FIELD, NULL);
  return record;
}

char *
_lineup_share_render (LineupShareRun          *run,
                      const LineupShareRecord *record,
                      const char              *base,
                      GError                 **error)
{
  g_autoptr(LineupShareRecord) signed_record = lineup_share_record_copy (record);

  lineup_share_record_set (signed_record, LINEUP_SHARE_WRITER_FIELD, run->config->machine);
  return lineup_share_ical_render (signed_record, base, run->zone, error);
}

/* The Secret Service's account of a shared plan's password: this copy's. */
static char *
secret_key (LineupShareConfig *config)
{
  return g_strconcat ("share:", config->machine, NULL);
}

char *
_lineup_share_lookup_password (LineupShareConfig  *config,
                               GError            **error)
{
  g_autoptr(LineupSecrets) secrets = lineup_secrets_new (error);
  g_autofree char *key = NULL;
  GError *local_error = NULL;
  char *password;

  if (secrets == NULL)
    return NULL;
  key = secret_key (config);
  password = lineup_secrets_lookup (secrets, key, SECRET_KIND, &local_error);
  if (local_error)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (password == NULL)
    g_set_error (error, LINEUP_SHARE_ERROR, LINEUP_SHARE_ERROR_NO_PASSWORD,
                 _("No password is stored for %s on %s (%s): share or join the plan again with the password"),
                 config->login, config->url, lineup_secrets_describe (secrets));
  return password;
}

static gboolean
store_password (LineupShareConfig  *config,
                const char         *password,
                GError            **error)
{
  g_autoptr(LineupSecrets) secrets = lineup_secrets_new (error);
  g_autofree char *key = NULL;
  g_autofree char *label = NULL;

  if (secrets == NULL)
    return FALSE;
  key = secret_key (config);
  label = g_strdup_printf (_("Lineup: password of %s for the shared plan at %s"), config->login, config->url);
  return lineup_secrets_store (secrets, key, SECRET_KIND, label, password, error);
}

static void
forget_password (LineupShareConfig *config)
{
  g_autoptr(LineupSecrets) secrets = lineup_secrets_new (NULL);
  g_autofree char *key = NULL;

  if (secrets == NULL || config == NULL)
    return;
  key = secret_key (config);
  lineup_secrets_clear (secrets, key, NULL);
}

LineupShareRun *
_lineup_share_run_new (LineupStore  *store,
                       const char   *password,
                       GError      **error)
{
  g_autoptr(LineupShareRun) run = g_new0 (LineupShareRun, 1);
  g_autofree char *looked_up = NULL;

  run->store = store;
  run->config = lineup_store_get_share (store);
  if (run->config == NULL)
    {
      g_set_error_literal (error, LINEUP_SHARE_ERROR, LINEUP_SHARE_ERROR_NOT_SHARED,
                           _("This plan is not shared: share it with “lineup share create URL” or join one with “lineup share join URL”"));
      return NULL;
    }
  if (password == NULL && (password = looked_up = _lineup_share_lookup_password (run->config, error)) == NULL)
    return NULL;
  run->http = lineup_http_new ();
  run->plan_dav = lineup_caldav_new (run->http, run->config->url, run->config->login, password);
  /* Media files are large: listed with the records, fetched on their own. */
  lineup_caldav_set_lazy_prefix (run->plan_dav, LINEUP_SHARE_MEDIA_PREFIX);
  run->approvals_dav = lineup_caldav_new (run->http,
                                          run->config->approvals_url ? run->config->approvals_url : run->config->url,
                                          run->config->login, password);
  run->zone = g_strdup (lineup_store_get_time_zone_id (store));
  run->touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run->approval_posts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return g_steal_pointer (&run);
}

void
_lineup_share_run_free (LineupShareRun *run)
{
  if (run == NULL)
    return;
  g_clear_pointer (&run->config, lineup_share_config_free);
  g_clear_pointer (&run->plan_dav, lineup_caldav_free);
  g_clear_pointer (&run->approvals_dav, lineup_caldav_free);
  g_clear_object (&run->http);
  g_free (run->zone);
  g_clear_pointer (&run->touched, g_hash_table_unref);
  g_clear_pointer (&run->approval_posts, g_hash_table_unref);
  g_clear_error (&run->refused);
  g_free (run);
}

/* Push, pull, record the result. */
static gboolean
run_pass (LineupShareRun   *run,
          LineupSharePass  *out_pass,
          GCancellable     *cancellable,
          GError          **error)
{
  GError *local_error = NULL;
  gboolean ok;
  guint n_conflicts = 0;

  ok = _lineup_share_push (run, cancellable, &local_error) &&
       _lineup_share_pull (run, cancellable, &local_error) &&
       /* What the pull merged goes out in the same pass. */
       _lineup_share_push (run, cancellable, &local_error) &&
       _lineup_share_claim (run, cancellable, &local_error) &&
       _lineup_share_media_fetch (run, cancellable, &local_error);
  if (ok && run->refused)
    {
      ok = FALSE;
      local_error = g_steal_pointer (&run->refused);
    }
  if (ok)
    {
      g_autoptr(GPtrArray) conflicts = lineup_store_share_list_conflicts (run->store, NULL, NULL);

      n_conflicts = conflicts ? conflicts->len : 0;
      if (n_conflicts > 0)
        {
          ok = FALSE;
          local_error = g_error_new (LINEUP_SHARE_ERROR, LINEUP_SHARE_ERROR_CONFLICT,
                                     g_dngettext (GETTEXT_PACKAGE,
                                                  "In step with the server, but %u conflict waits: see “lineup share status”",
                                                  "In step with the server, but %u conflicts wait: see “lineup share status”",
                                                  n_conflicts), n_conflicts);
        }
    }

  if (local_error && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (local_error)
    {
      g_autofree char *text = g_strconcat (failure_kind (local_error), "\t", local_error->message, NULL);
      gboolean in_step = local_error->code == LINEUP_SHARE_ERROR_CONFLICT;

      lineup_store_set_share_result (run->store, run->config->token, run->config->approvals_token,
                                     in_step ? g_get_real_time () / G_USEC_PER_SEC : 0, text, NULL);
      g_propagate_error (error, local_error);
    }
  else
    lineup_store_set_share_result (run->store, run->config->token, run->config->approvals_token,
                                   g_get_real_time () / G_USEC_PER_SEC, NULL, NULL);
  if (out_pass)
    *out_pass = run->counts;
  return ok;
}

gboolean
lineup_share_sync (LineupStore      *store,
                   LineupSharePass  *out_pass,
                   GCancellable     *cancellable,
                   GError          **error)
{
  g_autoptr(LineupShareRun) run = _lineup_share_run_new (store, NULL, error);

  if (out_pass)
    *out_pass = (LineupSharePass) { 0, };
  if (run == NULL)
    return FALSE;
  return run_pass (run, out_pass, cancellable, error);
}

/* ---- sharing, joining, leaving ---- */

static gboolean
check_target (const LineupShareTarget  *target,
              GError                  **error)
{
  if (target->url == NULL || !(g_str_has_prefix (target->url, "http://") ||
                               g_str_has_prefix (target->url, "https://")))
    {
      g_set_error (error, LINEUP_SHARE_ERROR, LINEUP_SHARE_ERROR_FAILED,
                   _("“%s” is not a calendar’s address: give the http(s) URL of a CalDAV calendar collection"),
                   target->url ? target->url : "");
      return FALSE;
    }
  if (target->approvals_url && !(g_str_has_prefix (target->approvals_url, "http://") ||
                                 g_str_has_prefix (target->approvals_url, "https://")))
    {
      g_set_error (error, LINEUP_SHARE_ERROR, LINEUP_SHARE_ERROR_FAILED,
                   _("“%s” is not a calendar’s address: give the http(s) URL of the approvals collection"),
                   target->approvals_url);
      return FALSE;
    }
  if (target->login == NULL || *target->login == '\0' || strpbrk (target->login, " \t\n|:") != NULL)
    {
      g_set_error_literal (error, LINEUP_SHARE_ERROR, LINEUP_SHARE_ERROR_FAILED,
                           _("Give your login on the server (no spaces, “|” or “:”) with --user"));
      return FALSE;
    }
  if (target->password == NULL || *target->password == '\0')
    {
      g_set_error_literal (error, LINEUP_SHARE_ERROR, LINEUP_SHARE_ERROR_NO_PASSWORD,
                           _("Give your password on the server (on standard input with --password-stdin)"));
      return FALSE;
    }
  if (!lineup_http_check_address (target->url, error) ||
      (target->approvals_url && !lineup_http_check_address (target->approvals_url, error)))
    return FALSE;
  return TRUE;
}

/* Starts sharing with @target: the configuration and the password are
 * stored, the collections checked (and made with @create). On failure
 * nothing of it stays. */
static LineupShareRun *
begin_sharing (LineupStore              *store,
               const LineupShareTarget  *target,
               gboolean                  create,
               GCancellable             *cancellable,
               GError                  **error)
{
  LineupShareConfig config = { 0, };
  g_autofree char *machine = g_uuid_string_random ();
  g_autoptr(LineupShareRun) run = NULL;
  g_autoptr(LineupShareConfig) existing = lineup_store_get_share (store);
  GError *local_error = NULL;

  if (existing)
    {
      g_set_error (error, LINEUP_SHARE_ERROR, LINEUP_SHARE_ERROR_ALREADY_SHARED,
                   _("This plan is shared already, at %s as %s: “lineup share leave” first to share it elsewhere"),
                   existing->url, existing->login);
      return NULL;
    }
  if (!check_target (target, error))
    return NULL;

  config.url = (char *) target->url;
  config.login = (char *) target->login;
  config.approvals_url = (char *) target->approvals_url;
  config.machine = machine;
  if (!lineup_store_set_share (store, &config, error))
    return NULL;
  if (!store_password (&config, target->password, &local_error) ||
      (run = _lineup_share_run_new (store, target->password, &local_error)) == NULL ||
      !lineup_caldav_ensure (run->plan_dav, create, _("Lineup plan"), cancellable, &local_error) ||
      (target->approvals_url &&
       !lineup_caldav_ensure (run->approvals_dav, create, _("Lineup approvals"), cancellable, &local_error)))
    {
      forget_password (&config);
      lineup_store_set_share (store, NULL, NULL);
      if (g_error_matches (local_error, LINEUP_CALDAV_ERROR, LINEUP_CALDAV_ERROR_NOT_FOUND) && !create)
        {
          g_set_error (error, LINEUP_SHARE_ERROR, LINEUP_SHARE_ERROR_FAILED,
                       _("There is no shared plan at %s: check the address, or share a plan there with “lineup share create”"),
                       target->url);
          g_error_free (local_error);
        }
      else
        _lineup_share_wrap_error (error, local_error);
      return NULL;
    }
  return g_steal_pointer (&run);
}

gboolean
lineup_share_create (LineupStore              *store,
                     const LineupShareTarget  *target,
                     GCancellable             *cancellable,
                     GError                  **error)
{
  g_autoptr(LineupShareRun) run = begin_sharing (store, target, TRUE, cancellable, error);
  g_autoptr(GPtrArray) posts = NULL;

  if (run == NULL)
    return FALSE;
  posts = lineup_store_list_all_posts (store, error);
  if (posts == NULL)
    return FALSE;
  /* Everything the plan holds goes out with the first pass. */
  lineup_store_begin (store, _("Share plan"));
  lineup_store_share_enqueue (store, "plan", LINEUP_SHARE_PLAN_UID, NULL);
  lineup_store_share_enqueue (store, "team", LINEUP_SHARE_TEAM_UID, NULL);
  for (guint i = 0; i < posts->len; i++)
    lineup_store_share_enqueue (store, "post", lineup_post_get_id (g_ptr_array_index (posts, i)), NULL);
  if (!lineup_store_commit (store, error))
    return FALSE;
  return run_pass (run, NULL, cancellable, error);
}

gboolean
lineup_share_join (LineupStore              *store,
                   const LineupShareTarget  *target,
                   GCancellable             *cancellable,
                   GError                  **error)
{
  g_autoptr(LineupShareRun) run = NULL;

  if (lineup_store_has_posts (store))
    {
      g_set_error (error, LINEUP_SHARE_ERROR, LINEUP_SHARE_ERROR_NOT_EMPTY,
                   _("This plan has %u posts: join a shared plan with an empty plan (lineup --database NEW-FILE share join …), or share this one with “lineup share create”"),
                   lineup_store_count_posts (store));
      return FALSE;
    }
  run = begin_sharing (store, target, FALSE, cancellable, error);
  if (run == NULL)
    return FALSE;
  /* The server's plan, team and posts replace the empty plan's: nothing of
   * this copy's defaults goes out. */
  {
    g_autoptr(GPtrArray) queue = lineup_store_share_list_queue (store, error);

    if (queue == NULL)
      return FALSE;
    for (guint i = 0; i < queue->len; i++)
      if (!lineup_store_share_dequeue (store, ((LineupShareQueued *) g_ptr_array_index (queue, i))->seq, error))
        return FALSE;
  }
  return run_pass (run, NULL, cancellable, error);
}

gboolean
lineup_share_leave (LineupStore  *store,
                    GError      **error)
{
  g_autoptr(LineupShareConfig) config = lineup_store_get_share (store);

  if (config == NULL)
    {
      g_set_error_literal (error, LINEUP_SHARE_ERROR, LINEUP_SHARE_ERROR_NOT_SHARED,
                           _("This plan is not shared: there is nothing to leave"));
      return FALSE;
    }
  if (!lineup_store_set_share (store, NULL, error))
    return FALSE;
  forget_password (config);
  return TRUE;
}

/* ---- the status ---- */

void
lineup_share_status_free (LineupShareStatus *status)
{
  if (status == NULL)
    return;
  g_free (status->url);
  g_free (status->login);
  g_free (status->approvals_url);
  g_free (status->last_error);
  g_free (status);
}

LineupShareStatus *
lineup_share_get_status (LineupStore *store)
{
  g_autoptr(LineupShareConfig) config = lineup_store_get_share (store);
  g_autoptr(GPtrArray) conflicts = NULL;
  LineupShareStatus *status;
  const char *tab;

  if (config == NULL)
    return NULL;
  status = g_new0 (LineupShareStatus, 1);
  status->url = g_strdup (config->url);
  status->login = g_strdup (config->login);
  status->approvals_url = g_strdup (config->approvals_url);
  status->last_pass_at = config->last_pass_at;
  status->n_waiting = lineup_store_share_count_queue (store);
  _lineup_share_media_count (store, &status->n_media_up, &status->n_media_down);
  conflicts = lineup_store_share_list_conflicts (store, NULL, NULL);
  status->n_conflicts = conflicts ? conflicts->len : 0;
  tab = config->last_error ? strchr (config->last_error, '\t') : NULL;
  status->last_error = g_strdup (tab ? tab + 1 : config->last_error);

  if (config->last_error && g_str_has_prefix (config->last_error, "offline\t"))
    status->state = LINEUP_SHARE_OFFLINE;
  else if (status->n_conflicts > 0)
    status->state = LINEUP_SHARE_CONFLICTED;
  else if (config->last_error && !g_str_has_prefix (config->last_error, "conflict\t"))
    status->state = LINEUP_SHARE_FAILING;
  else if (status->n_waiting > 0 || config->last_pass_at == 0)
    status->state = LINEUP_SHARE_WAITING;
  else
    status->state = LINEUP_SHARE_IN_STEP;
  return status;
}

char *
lineup_share_state_label (const LineupShareStatus *status)
{
  switch (status->state)
    {
    case LINEUP_SHARE_IN_STEP:
      return g_strdup (_("In step"));
    case LINEUP_SHARE_WAITING:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change waiting", "%u changes waiting",
                                           status->n_waiting), status->n_waiting);
    case LINEUP_SHARE_OFFLINE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Offline, %u change waiting",
                                           "Offline, %u changes waiting", status->n_waiting),
                              status->n_waiting);
    case LINEUP_SHARE_CONFLICTED:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u conflict", "%u conflicts",
                                           status->n_conflicts), status->n_conflicts);
    case LINEUP_SHARE_FAILING:
    default:
      return g_strdup (_("Sharing failed"));
    }
}

/* ---- the same in a worker thread ---- */

typedef enum { JOB_CREATE, JOB_JOIN, JOB_SYNC } JobKind;

typedef struct {
  JobKind          kind;
  char            *path;
  char            *url;
  char            *login;
  char            *password;
  char            *approvals_url;
  LineupSharePass  pass;
} Job;

static void
job_free (Job *job)
{
  g_free (job->path);
  g_free (job->url);
  g_free (job->login);
  if (job->password)
    memset (job->password, 0, strlen (job->password));
  g_free (job->password);
  g_free (job->approvals_url);
  g_free (job);
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  g_autoptr(LineupStore) store = lineup_plan_open (job->path, &error);
  LineupShareTarget target = { job->url, job->login, job->password, job->approvals_url };
  gboolean ok = FALSE;

  if (store)
    switch (job->kind)
      {
      case JOB_CREATE: ok = lineup_share_create (store, &target, cancellable, &error); break;
      case JOB_JOIN: ok = lineup_share_join (store, &target, cancellable, &error); break;
      case JOB_SYNC: ok = lineup_share_sync (store, &job->pass, cancellable, &error); break;
      default: g_assert_not_reached ();
      }
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
start_job (LineupStore              *store,
           JobKind                   kind,
           const LineupShareTarget  *target,
           GCancellable             *cancellable,
           GAsyncReadyCallback       callback,
           gpointer                  user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->path = g_strdup (lineup_store_get_path (store));
  if (target)
    {
      job->url = g_strdup (target->url);
      job->login = g_strdup (target->login);
      job->password = g_strdup (target->password);
      job->approvals_url = g_strdup (target->approvals_url);
    }
  g_task_set_source_tag (task, start_job);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, job_thread);
}

void
lineup_share_create_async (LineupStore              *store,
                           const LineupShareTarget  *target,
                           GCancellable             *cancellable,
                           GAsyncReadyCallback       callback,
                           gpointer                  user_data)
{
  start_job (store, JOB_CREATE, target, cancellable, callback, user_data);
}

void
lineup_share_join_async (LineupStore              *store,
                         const LineupShareTarget  *target,
                         GCancellable             *cancellable,
                         GAsyncReadyCallback       callback,
                         gpointer                  user_data)
{
  start_job (store, JOB_JOIN, target, cancellable, callback, user_data);
}

void
lineup_share_sync_async (LineupStore         *store,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  start_job (store, JOB_SYNC, NULL, cancellable, callback, user_data);
}

gboolean
lineup_share_finish (LineupStore      *store,
                     GAsyncResult     *result,
                     LineupSharePass  *out_pass,
                     GError          **error)
{
  Job *job = g_task_get_task_data (G_TASK (result));
  gboolean ok;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  ok = g_task_propagate_boolean (G_TASK (result), error);
  if (out_pass)
    *out_pass = job->pass;
  /* The worker wrote the file: show it now, not at the next file event. */
  lineup_store_refresh (store);
  return ok;
}
