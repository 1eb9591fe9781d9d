/* lineup-bench-share.c: a plan shared through a local Radicale.
 *
 *   lineup-bench-share [--posts N]
 *
 * Starts Radicale (the Debian package) on 127.0.0.1 with its own config,
 * shares a plan of N posts (default 2,000), then measures, against a
 * baseline taken in the same run on the same server:
 *   - joining it from an empty plan (budget 10 s), beside one PROPFIND
 *     listing of the collection's ETags;
 *   - a pass with nothing to do (budget 50 ms; the median of 7), beside one
 *     bare REPORT sync-collection with the same token;
 *   - 100 local edits pushed in one pass (budget 3 s), beside 100 bare PUTs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lineup-core.h"
#include "lineup-http.h"
#include "lineup-plan.h"
#include "lineup-share.h"
#include "lineup-store-share.h"
#include "lineup-secrets.h"
#include "lineup-share-ical.h"
#include <libical/ical.h>
#include "lineup-workflow.h"
#include "bench-util.h"

#define JOIN_BUDGET_MS  10000.0
#define IDLE_BUDGET_MS     50.0
#define EDITS_BUDGET_MS  3000.0
#define N_EDITS 100

static int
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, 0, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  if (!g_socket_bind (socket, address, TRUE, NULL))
    g_error ("No free port on 127.0.0.1");
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static GSubprocess *
start_radicale (const char *dir,
                int         port)
{
  g_autofree char *config = g_build_filename (dir, "radicale.conf", NULL);
  g_autofree char *text = g_strdup_printf ("[server]\nhosts = 127.0.0.1:%d\n[auth]\ntype = none\n"
                                           "[storage]\nfilesystem_folder = %s/collections\n"
                                           "[logging]\nlevel = warning\n", port, dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupHttp) http = lineup_http_new ();
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%d/", port);
  GSubprocess *server;

  g_file_set_contents (config, text, -1, NULL);
  server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                             "/usr/bin/python3", "-m", "radicale", "--config", config, NULL);
  if (server == NULL)
    g_error ("Could not start Radicale: %s", error->message);
  for (int i = 0; i < 200; i++)
    {
      LineupHttpRequest request = { "GET", url, NULL, NULL, 0, NULL };
      g_autoptr(LineupHttpResponse) response = lineup_http_send (http, &request, NULL, NULL);

      if (response)
        return server;
      g_usleep (50000);
    }
  g_error ("Radicale did not answer on %s", url);
}

static double
raw_request (LineupHttp *http,
             const char *method,
             const char *url,
             const char *body,
             const char *depth)
{
  g_autofree char *depth_header = depth ? g_strdup_printf ("Depth: %s", depth) : NULL;
  const char *headers[] = { depth_header, NULL };
  LineupHttpRequest request = { method, url, "application/xml; charset=utf-8", body, body ? strlen (body) : 0,
                                depth ? headers : NULL, 64 * 1024 * 1024 };
  g_autoptr(GError) error = NULL;
  double start = bench_now_ms ();
  g_autoptr(LineupHttpResponse) response = lineup_http_send (http, &request, NULL, &error);

  if (response == NULL || response->status >= 300)
    g_error ("%s %s failed: %s", method, url, error ? error->message : response->body->str);
  return bench_now_ms () - start;
}

/* The lead's plan as a shared plan holds it, in one PUT (Radicale makes a
 * multi-component file PUT to a new path a calendar of one item a UID):
 * a setup in seconds where 2,000 PUTs take minutes. */
static void
upload_plan (LineupStore *store,
             const char  *url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) posts = lineup_store_list_all_posts (store, &error);
  g_autoptr(LineupShareRecord) plan = lineup_store_share_read_plan (store);
  icalcomponent *calendar = icalcomponent_new_vcalendar ();
  gboolean have_zone = FALSE;
  g_autoptr(LineupHttp) http = lineup_http_new ();
  g_autofree char *text = NULL;
  g_autoptr(LineupHttpResponse) response = NULL;
  LineupHttpRequest request = { "PUT", url, "text/calendar; charset=utf-8", NULL, 0, NULL };

  lineup_http_set_timeout (http, 900);

  icalcomponent_add_property (calendar, icalproperty_new_version ("2.0"));
  icalcomponent_add_property (calendar, icalproperty_new_prodid ("-//Lineup//bench//EN"));
  for (guint i = 0; i <= posts->len; i++)
    {
      g_autoptr(LineupShareRecord) record = i < posts->len
        ? lineup_store_share_read_post (store, lineup_post_get_id (g_ptr_array_index (posts, i)), &error)
        : lineup_share_record_copy (plan);
      g_autofree char *rendered = lineup_share_ical_render (record, NULL, lineup_store_get_time_zone_id (store), &error);
      icalcomponent *parsed = rendered ? icalparser_parse_string (rendered) : NULL;

      if (parsed == NULL)
        g_error ("Could not render a post: %s", error ? error->message : "libical");
      for (icalcomponent *c = icalcomponent_get_first_component (parsed, ICAL_ANY_COMPONENT); c;
           c = icalcomponent_get_next_component (parsed, ICAL_ANY_COMPONENT))
        if (icalcomponent_isa (c) != ICAL_VTIMEZONE_COMPONENT || !have_zone)
          {
            have_zone |= icalcomponent_isa (c) == ICAL_VTIMEZONE_COMPONENT;
            icalcomponent_add_component (calendar, icalcomponent_new_clone (c));
          }
      icalcomponent_free (parsed);
    }
  text = g_strdup (icalcomponent_as_ical_string (calendar));
  icalcomponent_free (calendar);
  {
    /* Radicale wants the parent collection first (protocols.md §5). */
    g_autofree char *parent = g_strndup (url, strlen (url) - strlen ("plan/"));
    LineupHttpRequest mkcol = { "MKCOL", parent, NULL, NULL, 0, NULL };
    g_autoptr(LineupHttpResponse) made = lineup_http_send (http, &mkcol, NULL, NULL);
  }
  request.body = text;
  request.body_length = strlen (text);
  request.max_body = 64 * 1024 * 1024;
  response = lineup_http_send (http, &request, NULL, &error);
  if (response == NULL || response->status >= 300)
    g_error ("Uploading the plan failed: %s", error ? error->message : response->body->str);
}

static LineupStore *
open_plan (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  LineupStore *store = lineup_plan_open (path, &error);

  if (store == NULL)
    g_error ("%s", error->message);
  return store;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = g_dir_make_tmp ("lineup-bench-share-XXXXXX", NULL);
  g_autofree char *secrets = g_build_filename (dir, "secrets.ini", NULL);
  g_autofree char *lead_path = g_build_filename (dir, "lead.db", NULL);
  g_autofree char *url = NULL;
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(LineupStore) lead = NULL;
  g_autoptr(LineupStore) member = NULL;
  g_autoptr(LineupHttp) http = lineup_http_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(LineupShareConfig) config = NULL;
  LineupShareTarget target = { NULL, "lead", "bench", NULL };
  LineupSharePass pass;
  GDate first;
  int n = 2000;
  double join_ms, listing_ms, idle[7], idle_ms, report[7], report_ms, edits_ms, puts_ms = 0;
  int port = free_port ();

  if (argc == 3 && g_str_equal (argv[1], "--posts"))
    n = atoi (argv[2]);
  g_setenv (LINEUP_SECRETS_FILE_ENV, secrets, TRUE);
  server = start_radicale (dir, port);
  url = g_strdup_printf ("http://127.0.0.1:%d/bench/plan/", port);
  target.url = url;

  g_date_set_dmy (&first, 1, G_DATE_MARCH, 2027);
  bench_generate_plan (lead_path, n, &first, 90);
  lead = open_plan (dir, "lead.db");
  upload_plan (lead, url);
  printf ("a plan of %d posts on Radicale on 127.0.0.1 (uploaded in one PUT as the lead's copy writes them)\n", n);

  /* Join, beside one listing of the collection's ETags. */
  member = open_plan (dir, "member.db");
  {
    double start = bench_now_ms ();

    if (!lineup_share_join (member, &target, NULL, &error))
      g_error ("share join: %s", error->message);
    join_ms = bench_now_ms () - start;
  }
  if (lineup_store_count_posts (member) != (guint) n)
    g_error ("Joined %u posts of %d", lineup_store_count_posts (member), n);
  listing_ms = raw_request (http, "PROPFIND", url,
                            "<?xml version=\"1.0\"?><d:propfind xmlns:d=\"DAV:\"><d:prop><d:getetag/></d:prop></d:propfind>",
                            "1");
  printf ("join:               %8.1f ms  (budget %.0f ms)  %s; one ETag listing %.1f ms, ratio %.1f\n",
          join_ms, JOIN_BUDGET_MS, join_ms <= JOIN_BUDGET_MS ? "ok" : "OVER", listing_ms, join_ms / listing_ms);

  /* A pass with nothing to do, beside one bare REPORT with the same token. */
  config = lineup_store_get_share (member);
  for (int i = 0; i < 7; i++)
    {
      double start = bench_now_ms ();
      g_autofree char *body = NULL;

      if (!lineup_share_sync (member, &pass, NULL, &error))
        g_error ("idle pass: %s", error->message);
      idle[i] = bench_now_ms () - start;
      g_clear_pointer (&config, lineup_share_config_free);
      config = lineup_store_get_share (member);
      body = g_strdup_printf ("<?xml version=\"1.0\"?><d:sync-collection xmlns:d=\"DAV:\"><d:sync-token>%s</d:sync-token>"
                              "<d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>",
                              config->token ? config->token : "");
      report[i] = raw_request (http, "REPORT", url, body, "1");
    }
  idle_ms = bench_median (idle, 7);
  report_ms = bench_median (report, 7);
  printf ("idle pass:          %8.1f ms  (budget %.0f ms)  %s; one bare REPORT %.1f ms, ratio %.1f\n",
          idle_ms, IDLE_BUDGET_MS, idle_ms <= IDLE_BUDGET_MS ? "ok" : "OVER", report_ms, idle_ms / report_ms);

  /* 100 edits pushed, beside 100 bare PUTs of new resources. */
  posts = lineup_store_list_all_posts (member, &error);
  for (int i = 0; i < N_EDITS; i++)
    {
      g_autoptr(LineupPost) edit = lineup_post_copy (g_ptr_array_index (posts, (i * n / N_EDITS) % n));
      g_autofree char *title = g_strdup_printf ("Edited %d", i);

      lineup_post_set_title (edit, title);
      if (!lineup_workflow_edit (member, edit, &error))
        g_error ("edit: %s", error->message);
    }
  {
    double start = bench_now_ms ();

    if (!lineup_share_sync (member, &pass, NULL, &error))
      g_error ("pass: %s", error->message);
    edits_ms = bench_now_ms () - start;
  }
  if (pass.sent < N_EDITS)
    g_error ("Only %u of %d edits were sent", pass.sent, N_EDITS);
  for (int i = 0; i < N_EDITS; i++)
    {
      g_autofree char *href = g_strdup_printf ("%sbare-%d.ics", url, i);
      g_autofree char *ics = g_strdup_printf ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\nBEGIN:VEVENT\r\n"
                                              "UID:bare-%d\r\nDTSTAMP:20270101T000000Z\r\nDTSTART:20270101T090000Z\r\n"
                                              "SUMMARY:Bare %d\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", i, i);
      const char *headers[] = { "If-None-Match: *", NULL };
      LineupHttpRequest request = { "PUT", href, "text/calendar; charset=utf-8", ics, strlen (ics), headers };
      double start = bench_now_ms ();
      g_autoptr(LineupHttpResponse) response = lineup_http_send (http, &request, NULL, &error);

      if (response == NULL || response->status >= 300)
        g_error ("PUT failed");
      puts_ms += bench_now_ms () - start;
    }
  printf ("100 edits pushed:   %8.1f ms  (budget %.0f ms)  %s; 100 bare PUTs %.1f ms, ratio %.1f\n",
          edits_ms, EDITS_BUDGET_MS, edits_ms <= EDITS_BUDGET_MS ? "ok" : "OVER", puts_ms, edits_ms / puts_ms);

  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, NULL);
  {
    g_autofree char *quoted = g_shell_quote (dir);
    g_autofree char *command = g_strconcat ("rm -rf ", quoted, NULL);

    g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
  }
  return 0;
}
