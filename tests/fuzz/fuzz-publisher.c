/* fuzz-publisher.c: a publisher's handling of whatever a server answers.
 *
 * Built three times (FUZZ_MASTODON, FUZZ_BLUESKY, FUZZ_WEBHOOK): one
 * account on that network, its HTTP answered by the fuzzer's bytes through
 * the fake layer of fuzz-common.c. The input's first line names the calls
 * to make, in order ("connect list create"; a word that is no call's name
 * picks one by its first byte); the rest are the server's answers. Every
 * call must either succeed or fail with an error that says why; nothing may
 * crash, leak or read out of bounds. Not here: the sync engine above the
 * publishers (its own tests) and real sockets (tests/integration).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "lineup-bluesky.h"
#include "lineup-mastodon.h"
#include "lineup-webhook.h"
#include "lineup-results-fetch.h"

/* OP_RESULTS (reading a post's counts and the account's followers,
 * lineup-results-fetch.h) only by its name: a word that names no call
 * picks among the others, as before it was added, so the corpus keeps its
 * meaning. */
typedef enum {
  OP_CONNECT, OP_CREATE, OP_MOVE, OP_CANCEL, OP_PUBLISH, OP_LIST, OP_FIND,
  OP_REGISTER, OP_EXCHANGE, OP_RESULTS, N_OPS
} Op;

static const char * const op_names[N_OPS] = {
  "connect", "create", "move", "cancel", "publish", "list", "find", "register", "exchange", "results",
};

#define MAX_CALLS 8

#if defined FUZZ_BLUESKY
/* A saved session, as lineup_bluesky_dup_session() writes it. */
static const char bluesky_session[] =
  "{\"accessJwt\":\"access\",\"refreshJwt\":\"refresh\",\"did\":\"did:plc:fuzz\",\"handle\":\"fuzz.example\"}";
#endif

#if defined FUZZ_MASTODON
#define ORIGIN "https://social.example"
#elif defined FUZZ_BLUESKY
#define ORIGIN "https://pds.example"
#else
#define ORIGIN "https://hooks.example"
#endif

static LineupPublisher *
new_publisher (LineupHttp *http,
               gboolean    variant)
{
#if defined FUZZ_MASTODON
  LineupMastodon *mastodon = lineup_mastodon_new (http, ORIGIN, "token");

  if (variant)
    lineup_mastodon_set_limits (mastodon, 500, 23);
  return LINEUP_PUBLISHER (mastodon);
#elif defined FUZZ_BLUESKY
  /* With a saved session, or signing in with the app password first. */
  return LINEUP_PUBLISHER (lineup_bluesky_new (http, ORIGIN, "fuzz.example",
                                               "app-pass-word-fuzz", variant ? bluesky_session : NULL));
#elif defined FUZZ_WEBHOOK
  return LINEUP_PUBLISHER (lineup_webhook_new (http, ORIGIN "/lineup",
                                               "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                                               variant ? "hub-secret" : NULL));
#else
#error "Build with FUZZ_MASTODON, FUZZ_BLUESKY or FUZZ_WEBHOOK"
#endif
}

static LineupOutgoing *
new_outgoing (void)
{
  LineupOutgoing *outgoing = lineup_outgoing_new ();
  const char *platforms[] = { "mastodon", NULL };

  outgoing->key = g_strdup ("4b1c3f0e-0c2a-4f7e-9d7e-2f6d3c1a9b10");
  outgoing->post_id = g_strdup ("42");
  outgoing->title = g_strdup ("Fuzz");
  outgoing->text = g_strdup ("Zażółć gęślą jaźń https://example.com #fuzz");
  outgoing->scheduled_at = 1796112000;   /* 2026-12-01T09:00:00Z */
  outgoing->language = g_strdup ("pl");
  outgoing->pillar = g_strdup ("News");
  outgoing->content_type = g_strdup ("Post");
  outgoing->platforms = g_strdupv ((char **) platforms);
  return outgoing;
}

static void
check_remote (const char       *what,
              LineupRemotePost *remote)
{
  if (remote->remote_id == NULL)
    g_error ("%s succeeded with a remote post that has no id", what);
}

static void
call (LineupPublisher *publisher,
      LineupHttp      *http,
      Op               op)
{
  g_autoptr(GError) error = NULL;
  LineupPublishCaps caps = lineup_publisher_get_caps (publisher);
  const char *what = op_names[op];

  switch (op)
    {
    case OP_CONNECT:
      {
        g_autoptr(LineupAccountInfo) info = lineup_publisher_connect (publisher, NULL, &error);

        if (info == NULL)
          fuzz_check_failure (what, error);
        break;
      }
    case OP_CREATE:
    case OP_PUBLISH:
      {
        g_autoptr(LineupOutgoing) outgoing = new_outgoing ();
        g_autoptr(LineupRemotePost) remote = NULL;

        if (op == OP_CREATE && !(caps & LINEUP_PUBLISH_CAN_SCHEDULE))
          return;
        remote = op == OP_CREATE ? lineup_publisher_create_scheduled (publisher, outgoing, NULL, &error)
                                 : lineup_publisher_publish_now (publisher, outgoing, NULL, &error);
        if (remote == NULL)
          fuzz_check_failure (what, error);
        else
          check_remote (what, remote);
        break;
      }
    case OP_MOVE:
      {
        g_autoptr(LineupRemotePost) remote = NULL;

        if (!(caps & LINEUP_PUBLISH_CAN_MOVE))
          return;
        remote = lineup_publisher_move (publisher, "109", 1796115600, NULL, &error);
        if (remote == NULL)
          fuzz_check_failure (what, error);
        else
          check_remote (what, remote);
        break;
      }
    case OP_CANCEL:
      if (!(caps & LINEUP_PUBLISH_CAN_CANCEL))
        return;
      if (!lineup_publisher_cancel (publisher, "109", NULL, &error))
        fuzz_check_failure (what, error);
      break;
    case OP_LIST:
      {
        g_autoptr(GPtrArray) list = NULL;

        if (!(caps & LINEUP_PUBLISH_CAN_SCHEDULE))
          return;
        list = lineup_publisher_list_scheduled (publisher, NULL, &error);
        if (list == NULL)
          fuzz_check_failure (what, error);
        for (guint i = 0; list && i < list->len; i++)
          check_remote (what, g_ptr_array_index (list, i));
        break;
      }
    case OP_FIND:
      {
        g_autoptr(LineupRemotePost) scheduled = lineup_remote_post_new ();
        g_autoptr(LineupRemotePost) found = NULL;

        if (!(caps & LINEUP_PUBLISH_CAN_SCHEDULE))
          return;
        scheduled->remote_id = g_strdup ("109");
        scheduled->scheduled_at = 1796112000;
        scheduled->text = g_strdup ("Zażółć gęślą jaźń");
        scheduled->key = g_strdup ("4b1c3f0e-0c2a-4f7e-9d7e-2f6d3c1a9b10");
        found = lineup_publisher_find_published (publisher, scheduled, NULL, &error);
        if (found == NULL)
          fuzz_check_failure (what, error);
        break;
      }
    case OP_REGISTER:
    case OP_EXCHANGE:
#if defined FUZZ_MASTODON
      if (op == OP_REGISTER)
        {
          g_autofree char *id = NULL, *secret = NULL;

          if (!lineup_mastodon_register_app (http, ORIGIN, &id, &secret, NULL, &error))
            fuzz_check_failure (what, error);
        }
      else
        {
          g_autofree char *token = lineup_mastodon_exchange_code (http, ORIGIN, "id",
                                                                  "secret", "code", NULL, &error);
          if (token == NULL)
            fuzz_check_failure (what, error);
        }
#endif
      break;
    case OP_RESULTS:
#if defined FUZZ_MASTODON || defined FUZZ_BLUESKY
      {
        g_autoptr(JsonNode) followers = NULL;
        g_autoptr(JsonNode) counts = NULL;
        g_autoptr(LineupResultSnapshot) snapshot = lineup_result_snapshot_new ("42", "mastodon", 0, "mastodon");
        g_autoptr(GHashTable) posts = NULL;

#if defined FUZZ_MASTODON
        followers = lineup_mastodon_read (LINEUP_MASTODON (publisher), "/api/v1/accounts/verify_credentials",
                                          "read the followers", NULL, &error);
#else
        followers = lineup_bluesky_query (LINEUP_BLUESKY (publisher), "app.bsky.actor.getProfile?actor=did%3Aplc%3Afuzz",
                                          "read the followers", NULL, &error);
#endif
        if (followers == NULL)
          fuzz_check_failure (what, error);
        else
          lineup_results_parse_followers (followers);
        g_clear_error (&error);
#if defined FUZZ_MASTODON
        counts = lineup_mastodon_read (LINEUP_MASTODON (publisher), "/api/v1/statuses/109", "read the counts",
                                       NULL, &error);
        if (counts)
          lineup_results_parse_mastodon_status (counts, snapshot);
#else
        counts = lineup_bluesky_query (LINEUP_BLUESKY (publisher),
                                       "app.bsky.feed.getPosts?uris=at%3A%2F%2Fdid%3Aplc%3Afuzz%2Fapp.bsky.feed.post%2F3l",
                                       "read the counts", NULL, &error);
        if (counts)
          posts = lineup_results_parse_bluesky_posts (counts);
#endif
        if (counts == NULL)
          fuzz_check_failure (what, error);
      }
#endif
      break;
    case N_OPS:
    default:
      g_assert_not_reached ();
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *first_line = NULL;
  g_autoptr(FuzzAnswers) answers = NULL;
  g_autoptr(LineupHttp) http = NULL;
  g_autoptr(LineupPublisher) publisher = NULL;
  g_auto(GStrv) words = NULL;
  guint n_calls = 0;

  fuzz_setup ();
  answers = fuzz_answers_new (data, size, &first_line);
  fuzz_answers_set_origin (answers, ORIGIN);
  http = fuzz_answers_http (answers);
  /* "+" at the start: the other construction (limits known, a saved
   * session, a hub secret). */
  publisher = new_publisher (http, first_line[0] == '+');

  words = g_strsplit (first_line[0] == '+' ? first_line + 1 : first_line, " ", -1);
  for (guint w = 0; words[w] && n_calls < MAX_CALLS; w++)
    {
      Op op = N_OPS;

      if (words[w][0] == '\0')
        continue;
      for (guint i = 0; i < N_OPS; i++)
        if (g_str_equal (words[w], op_names[i]))
          op = i;
      if (op == N_OPS)
        op = (guchar) words[w][0] % OP_RESULTS;
      call (publisher, http, op);
      n_calls++;
    }

#if defined FUZZ_BLUESKY
  /* What a sync saves after its calls: the session, as JSON. */
  g_free (lineup_bluesky_dup_session (LINEUP_BLUESKY (publisher)));
#endif
  return 0;
}
