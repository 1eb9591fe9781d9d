#!/usr/bin/env python3
"""Prepares the plan build-aux/screenshots shows in the Publishing view and
in Preferences → Publishing, and serves the fake networks it publishes to
until SIGTERM:

    screenshot-publishing.py --lineup BIN --database DB --ready FILE

On this month's demo plan (`lineup demo`) it adds three accounts, on the
test suite's fakes (tests/integration/fakes/), all on 127.0.0.1 in this process:
a Mastodon account on fake_mastodon.py, a Bluesky account on fake_pds.py and
a webhook to webhook_receiver.py. It targets demo posts at them, at times
around now, and runs `lineup sync --once` so that the outbox holds a bit of
everything: published posts with their URL, posts scheduled on the server,
posts waiting for their time, one moved on the server (a conflict), one
longer than the instance allows and one whose Bluesky app password the server
no longer takes (both failed, in the server's words).

The fake Mastodon answers as "localhost" (Lineup refuses clear-text http://
to any other name): Lineup reaches it through http_proxy (libcurl sends the
whole address to the proxy, and the fake reads the path from it), and no_proxy
keeps 127.0.0.1 (the fake PDS, the webhook) direct. The secrets go
where the environment says (the Secret Service, or LINEUP_SECRETS_FILE). FILE
gets what else the window's environment needs (one NAME=VALUE a line),
written once all is ready; the window must run while the fakes do, as it
syncs too.
"""

import argparse
import datetime
import json
import os
import signal
import subprocess
import sys
import threading
import urllib.request

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(root, "tests", "integration", "fakes"))
import fake_mastodon  # noqa: E402
import fake_pds  # noqa: E402
import webhook_receiver  # noqa: E402

# Lineup sends tokens over http:// only to this machine, so the fake answers
# as "localhost", reached through http_proxy.
INSTANCE = "localhost"
TOKEN = "screenshot-mastodon-token"
HANDLE = "lineup.bsky.social"
APP_PASSWORD = "abcd-efgh-ijkl-mnop"
# A local n8n's usual address, when the port is free.
WEBHOOK_PORT = 5678


class NamedMastodon(fake_mastodon.FakeMastodon):
    """The fake under a real-looking name, with https links, as Lineup shows
    them; what it enforces is unchanged."""

    @property
    def host(self):
        return INSTANCE

    def _status_json(self, account, status):
        item = super()._status_json(account, status)
        item["url"] = item["url"].replace("http://", "https://", 1)
        return item


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lineup", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--ready", required=True)
    args = parser.parse_args()

    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())

    mastodon = NamedMastodon(max_characters=500).start()
    pds = fake_pds.FakePds().start()
    try:
        hook = webhook_receiver.WebhookReceiver(port=WEBHOOK_PORT).start()
    except OSError:
        hook = webhook_receiver.WebhookReceiver().start()
    try:
        env = prepare(args, mastodon, pds, hook)
        tmp = args.ready + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.writelines(f"{k}={v}\n" for k, v in env.items())
        os.replace(tmp, args.ready)
        while not done.wait(0.5):
            pass
    finally:
        for fake in (mastodon, pds, hook):
            fake.stop()
    return 0


def prepare(args, mastodon, pds, hook):
    base = os.path.dirname(os.path.abspath(args.database))
    os.makedirs(base, exist_ok=True)
    env = {
        "LINEUP_HTTP_TIMEOUT": "5",
        "LINEUP_SYNC_RETRY_BASE_MS": "50",
        "http_proxy": f"http://127.0.0.1:{mastodon.port}",
        "no_proxy": "127.0.0.1",
    }
    cli_env = dict(os.environ, **env)
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "LINEUP_DATABASE", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY",
                 "all_proxy", "ALL_PROXY", "NO_PROXY"):
        cli_env.pop(name, None)

    def lineup(*argv, stdin=None, check=True, env=None):
        out = subprocess.run([args.lineup, "--database", args.database, *argv], env=dict(cli_env, **(env or {})),
                             input=stdin.encode() if stdin is not None else None,
                             stdin=None if stdin is not None else subprocess.DEVNULL,
                             capture_output=True, timeout=120)
        if check and out.returncode != 0:
            raise SystemExit(f"screenshot-publishing: lineup {' '.join(argv)} failed ({out.returncode}): "
                             f"{out.stderr.decode(errors='replace')}")
        return out.stdout.decode()

    lineup("demo")
    mastodon.add_account("lineup", token=TOKEN)
    pds.add_account(HANDLE, APP_PASSWORD)
    lineup("account", "add", "mastodon", "--instance", "http://" + INSTANCE, "--token-stdin", stdin=TOKEN)
    lineup("account", "add", "bluesky", "--handle", HANDLE, "--pds", pds.url, "--app-password-stdin",
           stdin=APP_PASSWORD)
    added = lineup("account", "add", "webhook", "--url", f"http://127.0.0.1:{hook.port}/webhook/lineup",
                   "--name", "n8n")
    secret = next(w for w in added.split() if w.startswith("whsec_"))
    with hook.lock:
        hook.secret = secret
    masto = f"lineup@{INSTANCE}"

    # The demo's posts by stage, in time order: those that need nothing more
    # than a stage to go out.
    posts = json.loads(lineup("post", "list", "--json"))
    scheduled = [p for p in posts if p["stage"] == "scheduled"]
    approved = [p for p in posts if p["stage"] == "approved"]
    if len(scheduled) < 5 or len(approved) < 3:
        raise SystemExit("screenshot-publishing: the demo plan has fewer scheduled or approved posts than expected")
    now = datetime.datetime.now().replace(second=0, microsecond=0)
    today = now.replace(hour=0, minute=0)

    def at(post, when):
        lineup("post", "move", post["id"], "--date", when.strftime("%Y-%m-%d"), "--time", when.strftime("%H:%M"))

    def target(post, *accounts):
        for account in accounts:
            lineup("post", "target", post["id"], "--account", account)

    # Lineup refuses a scheduled post a time already past, so the posts that
    # are to be out get a time a few minutes ahead, and the syncs below run
    # with the clock that far forward (LINEUP_CLOCK_OFFSET, as the tests do).
    soon = now + datetime.timedelta(minutes=2)
    ahead = {"LINEUP_CLOCK_OFFSET": str(15 * 60)}
    # Already out: published with their URL.
    at(scheduled[0], soon)
    target(scheduled[0], masto)
    at(scheduled[1], soon + datetime.timedelta(minutes=1))
    target(scheduled[1], masto, HANDLE, "n8n")
    # Scheduled on the server; on Bluesky and the webhook Lineup publishes at the time.
    launch = approved[1]
    at(launch, today + datetime.timedelta(days=1, hours=10))
    lineup("post", "stage", launch["id"], "scheduled")
    target(launch, masto, HANDLE, "n8n")
    at(scheduled[2], today + datetime.timedelta(days=2, hours=9, minutes=30))
    target(scheduled[2], masto)
    # Moved on the server once it is there: a conflict.
    moved = scheduled[3]
    at(moved, today + datetime.timedelta(days=3, hours=16))
    target(moved, masto)
    # Longer than the instance takes: a new caption, approved again.
    long = approved[0]
    body = (long.get("body") or "") + "\n\n" + " ".join(
        f"{i}/ {line}" for i, line in enumerate((
            "We planned the whole month on one board, from brief to published, and the calendar kept every "
            "channel in view.",
            "Each post carried its pillar, its type and its checklist, so nobody had to ask what was missing "
            "before approval.",
            "The approval chain took a lead and one of two brand reviewers; comments stayed on the post, not "
            "in a chat thread nobody could find.",
            "The content mix showed we were light on education, so two tutorials moved up a week.",
            "On the day, the outbox sent each post to every account it targets, and said plainly when one "
            "did not go.",
        ), 1))
    lineup("post", "edit", long["id"], "--body", body)
    lineup("post", "approve", long["id"], "--as", "Amara")
    lineup("post", "approve", long["id"], "--as", "Lee")
    at(long, today + datetime.timedelta(days=2, hours=14))
    lineup("post", "stage", long["id"], "scheduled")
    target(long, masto)

    lineup("sync", "--once", env=ahead, check=False)

    # On the server: moved a day later, as someone on the instance's web page would.
    remote = json.loads(lineup("post", "show", moved["id"], "--json"))["sync"][0]["remote_id"]
    with mastodon.lock:
        record = mastodon.accounts[0].scheduled[int(remote)]
        record["scheduled_at"] += datetime.timedelta(days=1)
    # The Bluesky app password is revoked, and the sessions with it.
    with pds.lock:
        pds.accounts[0].password = "revoked-" + APP_PASSWORD
    pds.expire("com.atproto.access")
    pds.expire("com.atproto.refresh")
    # A post due now on Bluesky finds that out.
    due = scheduled[4]
    at(due, soon + datetime.timedelta(minutes=2))
    target(due, HANDLE)

    lineup("sync", "--once", env=ahead, check=False)
    print(lineup("outbox", "--all"), end="", file=sys.stderr)
    return env


if __name__ == "__main__":
    sys.exit(main())
