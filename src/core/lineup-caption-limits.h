/* lineup-caption-limits.h: whether a post's captions fit the networks it
 * targets — each chosen network's caption (its variant, else the main
 * caption), as it goes out (links with their UTM parameters), counted by
 * that network's own rule (lineup_text_count_for_network ()) against that
 * network's limit (the platform table's; for Mastodon the instance's own
 * max_characters when the plan has a Mastodon account, counting the
 * content warning with the caption as Mastodon does; for Bluesky also
 * its 3,000 bytes, which 300 emoji can pass).
 *
 * The workflow's gate (lineup-workflow.c) refuses an approval or a move to
 * Scheduled with the message lineup_caption_limits_check () gives.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-store.h"

G_BEGIN_DECLS

/* The characters @platform (a key) takes in a caption in this plan, 0 for
 * none known: the smallest max_characters of the plan's Mastodon accounts
 * for "mastodon" (500 with none), else the platform table's. */
guint     lineup_caption_limit           (LineupStore *store,
                                          const char  *platform);

/* One network a caption is over. */
typedef struct {
  const LineupPlatformInfo *platform;
  guint                     count;       /* as the network counts it */
  guint                     limit;
  gboolean                  is_variant;  /* the network's own variant is over */
  gboolean                  in_bytes;    /* Bluesky's 3,000 bytes, not its 300 graphemes */
  gboolean                  with_warning; /* the count includes the content warning (Mastodon) */
} LineupCaptionOver;

/* The chosen network whose caption is over its limit, the tightest limit
 * first; FALSE when every chosen network takes its caption. */
gboolean  lineup_caption_limits_find_over (LineupStore       *store,
                                           LineupPost        *post,
                                           LineupCaptionOver *out_over);

/* TRUE when every chosen network takes its caption; else FALSE with an
 * error that names the network, the count and the limit, and says how to
 * fix it: "Bluesky allows 300 characters; this caption has 512. Shorten it
 * or write a Bluesky variant: lineup post caption ID --platform bluesky
 * TEXT", refusing the approval, or with @scheduling the scheduling. */
gboolean  lineup_caption_limits_check    (LineupStore  *store,
                                          LineupPost   *post,
                                          gboolean      scheduling,
                                          GError      **error);

G_END_DECLS
