/* lineup-webhook.h: an outgoing webhook (Standard Webhooks 1.0).
 *
 * A webhook holds nothing on the far side: Lineup's own dispatcher calls
 * publish_now at the post's time, and this POSTs the post as JSON, signed,
 * to the endpoint (protocols.md §3). The webhook-id is the outgoing key, so
 * a receiver sees a retry as the same delivery and can drop the repeat.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-publisher.h"

G_BEGIN_DECLS

#define LINEUP_WEBHOOK_SECRET_PREFIX "whsec_"

#define LINEUP_TYPE_WEBHOOK (lineup_webhook_get_type ())
G_DECLARE_FINAL_TYPE (LineupWebhook, lineup_webhook, LINEUP, WEBHOOK, GObject)

/* @secret: "whsec_" + base64 (the prefix is optional); @hub_secret, when
 * not NULL, also signs GitHub-style (X-Hub-Signature-256). */
LineupWebhook *lineup_webhook_new             (LineupHttp  *http,
                                               const char  *url,
                                               const char  *secret,
                                               const char  *hub_secret);

/* The webhook-signature header's value, "v1,<base64>": HMAC-SHA256 keyed
 * with the secret's decoded bytes over "{msg_id}.{timestamp}.{body}". NULL
 * when @secret is not base64. */
char          *lineup_webhook_sign            (const char  *secret,
                                               const char  *msg_id,
                                               gint64       timestamp,
                                               const char  *body,
                                               gsize        length);
/* The X-Hub-Signature-256 header's value, "sha256=<hex>": HMAC-SHA256 keyed
 * with @secret's own bytes over the body. */
char          *lineup_webhook_hub_signature   (const char  *secret,
                                               const char  *body,
                                               gsize        length);
/* Media up to @max_bytes long go with their bytes (base64) in the
 * payload; larger ones are listed without (0: never). The default is
 * LINEUP_WEBHOOK_DEFAULT_MEDIA_BYTES; lineup_account_build_publisher ()
 * gives the account's own (accounts.media_bytes). */
void           lineup_webhook_set_media_bytes (LineupWebhook *self,
                                               gint64         max_bytes);
/* A new signing secret: "whsec_" + base64 of 24 random bytes. */
char          *lineup_webhook_generate_secret (void);

G_END_DECLS
