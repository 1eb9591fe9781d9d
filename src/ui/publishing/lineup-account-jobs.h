/* lineup-account-jobs.h: what the account dialog runs in a thread, without
 * GTK: a LineupAccountJob holds what was typed and what the server says;
 * the thread functions below take one as their GTask's task data; its
 * row is then added to the plan on the main thread.
 *
 * Not here: reading the dialog's fields, checking them, or saying anything
 * to the person (lineup-account-dialog.c does).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lineup-core.h"
#include "lineup-account.h"
#include "lineup-secrets.h"

G_BEGIN_DECLS

/* What a worker thread needs and learns; the dialog's widgets stay on the
 * main thread. */
typedef struct {
  LineupAccountKind kind;
  LineupSecrets *secrets;
  LineupHttp *http;
  char *account_id;
  char *name;
  char *endpoint;
  char *handle;
  char *password;
  char *token;
  char *client_id;
  char *client_secret;
  char *code;
  /* learned */
  LineupAccountInfo *info;
  char *secret;               /* a webhook's signing secret, to show once */
  gboolean stored;            /* secrets were kept: forget them if the row is not saved */
} LineupAccountJob;

/* @account_id: the account signed in again, or NULL for a new one's id;
 * @name: what the person named it, or NULL. */
LineupAccountJob *lineup_account_job_new  (LineupAccountKind  kind,
                                           LineupSecrets     *secrets,
                                           LineupHttp        *http,
                                           const char        *account_id,
                                           const char        *name);
void              lineup_account_job_free (LineupAccountJob  *job);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupAccountJob, lineup_account_job_free)

/* Mastodon through the browser: registers Lineup with job->endpoint and
 * learns job->client_id and job->client_secret. */
void lineup_account_job_register_thread (GTask        *task,
                                         gpointer      source,
                                         gpointer      data,
                                         GCancellable *cancellable);

/* Connects (exchanging job->code for a token first, if there is one),
 * learns job->info and keeps the secrets under job->account_id. */
void lineup_account_job_save_thread (GTask        *task,
                                     gpointer      source,
                                     gpointer      data,
                                     GCancellable *cancellable);

/* On the main thread, once the save thread succeeded: adds the account's
 * row to @store (or updates @fixing's) with what the server said, and sends
 * again the posts that failed for want of its secrets. */
gboolean lineup_account_job_save_row (LineupAccountJob     *job,
                                      LineupStore          *store,
                                      const LineupAccount  *fixing,
                                      GError              **error);

/* Forgets the account's secrets in a thread (the keyring may be slow), for
 * an account removed or never saved. */
void lineup_account_forget_secrets (LineupSecrets *secrets,
                                    const char    *account_id);

G_END_DECLS
