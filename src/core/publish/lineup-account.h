/* lineup-account.h: the accounts a plan publishes to, and which posts go
 * to which.
 *
 * An account row holds what is not secret (network, name, server address,
 * handle, limits, the last problem); its token, app password or signing
 * secret is in LineupSecrets under the account's id.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-store.h"
#include "lineup-publisher.h"

G_BEGIN_DECLS

typedef enum {
  LINEUP_ACCOUNT_MASTODON,
  LINEUP_ACCOUNT_BLUESKY,
  LINEUP_ACCOUNT_WEBHOOK,
} LineupAccountKind;

typedef struct {
  char              *id;           /* a UUID, also the secrets' key */
  LineupAccountKind  kind;
  char              *name;         /* "lineup@social.example", unique in the plan */
  char              *endpoint;     /* instance URL, PDS URL, webhook URL */
  char              *handle;
  char              *remote_user;  /* account id on the server, DID */
  char              *client_id;    /* Mastodon OAuth app, when signed in through the browser */
  guint              text_limit;
  guint              url_length;
  char              *media_limits; /* Mastodon: the instance's media limits, JSON (lineup-post-check.h), or NULL */
  char              *problem;      /* why it cannot publish now ("401: …"), or NULL */
  gint64             created_at;
  gint64             media_bytes;  /* webhook: media up to this size go with their bytes; 0: never */
} LineupAccount;

/* The largest --media-bytes: a payload carries the bytes in memory, base64. */
#define LINEUP_ACCOUNT_MAX_MEDIA_BYTES ((gint64) 100 * 1000 * 1000)

LineupAccount *lineup_account_new  (void);
LineupAccount *lineup_account_copy (const LineupAccount *account);
void           lineup_account_free (LineupAccount *account);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupAccount, lineup_account_free)

const char *lineup_account_kind_to_key    (LineupAccountKind kind);   /* "mastodon" … */
const char *lineup_account_kind_to_label  (LineupAccountKind kind);   /* "Mastodon" … */
gboolean    lineup_account_kind_from_string (const char        *text,
                                             LineupAccountKind *out_kind);
/* Whether the network publishes at the time by itself (Mastodon) or needs
 * Lineup's due dispatcher running then. */
gboolean    lineup_account_kind_schedules_on_server (LineupAccountKind kind);

/* What @account's network counts of a caption @text (Mastodon: a link as
 * the server's URL length; Bluesky: graphemes) into *@out_count, and the
 * limit it counts against — its server's own, else the network's — into
 * *@out_limit. FALSE for a network without a limit (webhooks). The editor
 * shows what the publishers will enforce. */
gboolean    lineup_account_count_caption (const LineupAccount *account,
                                          const char          *text,
                                          guint               *out_count,
                                          guint               *out_limit);

/* A size as a person writes it ("5MB", "500kB", "1.5 MB", "2000000", "0";
 * kB, MB and GB are powers of 1000, KiB and MiB of 1024) into *@out_bytes.
 * An INVALID store error saying how to write one, or that it is over
 * LINEUP_ACCOUNT_MAX_MEDIA_BYTES. */
gboolean    lineup_account_parse_size    (const char          *text,
                                          gint64              *out_bytes,
                                          GError             **error);
/* @bytes as lineup_account_parse_size reads it back: "5 MB", "1.5 MB",
 * "500 kB", "900 B". */
char       *lineup_account_format_size   (gint64               bytes);
/* What a webhook does with media, for a person: "media up to 5.0 MB go
 * with their bytes", or that they are only listed. */
char       *lineup_account_describe_media_bytes (gint64 media_bytes);

G_END_DECLS

/* The account rows and post targets in the plan's database. */
#include "lineup-publish-store.h"
