"""Publishing from the window, with a plan prepared on the command line: a
webhook account (its receiver runs in this test), a scheduled post waiting
for its time and one already due. The cards say the sync state; the
Publishing panel (Alt+6) lists both; Sync Now sends the due one after a
failed try (the receiver answers 503 first) and the panel says Published;
Cancel stops sending the other; Preferences → Publishing lists the account."""

import datetime
import http.server
import json
import os
import sqlite3
import threading
import time

import lineup_ui as ui

FUTURE = "Webhook teaser for the feeds launch"
DUE = "Due now: the webhook goes live"
ACCOUNT = "Team hook"


class Receiver:
    """A webhook endpoint on 127.0.0.1: answers 503 until `up`, then 200
    with the post's public URL, and keeps what it accepted."""

    def __init__(self):
        self.up = False
        self.attempts = 0
        self.deliveries = []
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.attempts += 1
                if not receiver.up:
                    self.send_response(503)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                receiver.deliveries.append((dict(self.headers), json.loads(body)))
                answer = json.dumps({"url": "https://example.com/posts/1"}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def add_post(title, when):
    """A scheduled post, one of them due a day ago: put in Scheduled in the
    plan's file, past the workflow (which schedules only for a time to come),
    as the demo writes its posts."""
    post = ui.cli("post", "add", "--title", title, "--pillar", "Product education", "--type", "Educational",
                  "--date", when.strftime("%Y-%m-%d"), "--time", when.strftime("%H:%M"),
                  "--body", "Subscribe to your plan: https://example.com/feeds").strip()
    with sqlite3.connect(ui.DB) as db:
        db.execute("UPDATE posts SET stage = 4 WHERE id = ?", (post,))
    return post


def outbox():
    return {(row["post"], row["account"]): row for row in ui.cli_json("outbox", "--all", "--json")}


def targets(post):
    with sqlite3.connect(ui.DB) as db:
        return db.execute("SELECT count(*) FROM post_targets WHERE post_id = ?", (post,)).fetchone()[0]


def description(node):
    return (node.description or "") if node is not None else ""


def enabled(node):
    """A button that can be pressed now (Sync Now waits while it syncs)."""
    return node if node.getState().contains(ui.pyatspi.STATE_SENSITIVE) else None


def main():
    # A fresh secrets file: the command line and the app share it.
    secrets = os.environ["LINEUP_SECRETS_FILE"]
    if os.path.exists(secrets):
        os.remove(secrets)
    receiver = Receiver()
    now = datetime.datetime.now()
    ui.cli("account", "add", "webhook", "--url", f"http://127.0.0.1:{receiver.port}/hook", "--name", ACCOUNT)
    future = add_post(FUTURE, now.replace(hour=23, minute=59))
    due = add_post(DUE, now - datetime.timedelta(days=1))
    ui.cli("post", "target", future, due, "--account", ACCOUNT)

    app = ui.wait_for("the Lineup application on the accessibility bus", ui.app)
    frame = ui.wait_for("the main window", lambda: ui.find(app, role="frame"))

    # The cards say where the post stands: on the calendar and on the board.
    ui.focus_window("Lineup")
    ui.xdotool("key", "--clearmodifiers", "alt+1")
    ui.wait_for("the calendar card saying it waits to sync",
                lambda: "publishing: Team hook: Waiting to sync" in
                description(ui.find(frame, name=FUTURE, role="push button")))
    ui.xdotool("key", "--clearmodifiers", "alt+2")
    scheduled = ui.wait_for("the Scheduled column", lambda: ui.find(frame, prefix="Scheduled,", role="list"))
    ui.wait_for("the board card saying when it goes out",
                lambda: "Lineup publishes it at" in description(ui.find(scheduled, name=FUTURE, role="push button")))
    # And the List view's row, with a badge and the same words.
    ui.xdotool("key", "--clearmodifiers", "alt+4")
    ui.wait_for("the List row saying it waits to sync",
                lambda: "publishing: Team hook: Waiting to sync" in
                description(ui.find(frame, name=FUTURE, role="panel", visible=False)))

    # The Publishing panel lists both, with their state and what happens next.
    ui.xdotool("key", "--clearmodifiers", "alt+6")
    # The outbox, Sync Now and the recent results: looked for in the
    # Publishing view, not through the calendar and the other views first.
    view = ui.find(frame, name="LineupPublishingView", role="filler", visible=False)
    panel = ui.wait_for("the outbox", lambda: ui.find(view, name="Outbox", role="list"))
    row = ui.wait_for("the waiting post in the outbox", lambda: ui.find(panel, name=FUTURE, not_role="label"))
    assert "Team hook · Waiting to sync" in description(row), description(row)
    assert "Lineup publishes it at" in description(row), description(row)
    ui.wait_for("the due post in the outbox", lambda: ui.find(panel, name=DUE, not_role="label"))

    # The receiver is down: Sync Now tries, and the panel says what the
    # server answered and that it waits to try again.
    sync_now = ui.wait_for("the Sync Now button", lambda: ui.find(view, name="Sync now", role="push button"))
    ui.press(sync_now)
    ui.wait_for("a delivery tried", lambda: receiver.attempts >= 1)
    ui.wait_for("the failed try in the panel",
                lambda: "503" in description(ui.find(panel, name=DUE, not_role="label")))
    row = ui.find(panel, name=DUE, not_role="label")
    assert "Waiting to sync" in description(row), description(row)
    assert outbox()[(due, ACCOUNT)]["state"] == "pending"
    ui.screenshot(ui.SHOT.replace(".png", "-retry.png"))

    # It is up again: Sync Now does not wait out the retry's minutes.
    receiver.up = True
    ui.press(ui.wait_for("Sync Now done with its first pass", lambda: enabled(sync_now)))
    ui.wait_for("the post delivered", lambda: len(receiver.deliveries) == 1)
    headers, payload = receiver.deliveries[0]
    assert payload["data"]["title"] == DUE, payload
    assert headers.get("webhook-signature", "").startswith("v1,"), headers
    ui.wait_for("Published in the panel",
                lambda: "Team hook · Published" in description(ui.find(panel, name=DUE, not_role="label")))
    row = ui.find(panel, name=DUE, not_role="label")
    assert "https://example.com/posts/1" in description(row), description(row)
    assert ui.find(row, name=f"Open “{DUE}” on {ACCOUNT}", role="push button") is not None
    ui.wait_for("published in the plan", lambda: outbox()[(due, ACCOUNT)]["state"] == "published")
    ui.xdotool("key", "--clearmodifiers", "alt+4")
    ui.wait_for("the List row saying it is published",
                lambda: "publishing: Team hook: Published" in
                description(ui.find(frame, name=DUE, role="panel", visible=False)))
    ui.screenshot(ui.SHOT.replace(".png", "-list.png"))
    ui.xdotool("key", "--clearmodifiers", "alt+6")
    results = ui.wait_for("the recent results", lambda: ui.find(view, name="Recent results", role="list"))
    ui.wait_for("the delivery among the results", lambda: ui.find(results, name=DUE, not_role="label"))
    ui.screenshot(ui.SHOT.replace(".png", "-panel.png"))

    # Cancel stops sending the other post to the account.
    ui.press(ui.wait_for("its Cancel button",
                         lambda: ui.find(panel, name=f"Cancel “{FUTURE}” on {ACCOUNT}", role="push button")))
    ui.wait_for("no longer targeted in the plan", lambda: targets(future) == 0)
    ui.wait_for("out of the outbox", lambda: (future, ACCOUNT) not in outbox())
    ui.wait_for("out of the panel", lambda: ui.find(panel, name=FUTURE, not_role="label") is None)
    assert targets(due) == 1

    # Preferences → Publishing lists the account, ready to publish.
    ui.focus_window("Lineup")
    ui.xdotool("key", "--clearmodifiers", "ctrl+comma")
    prefs_window = ui.wait_for("the Preferences window",
                               lambda: ui.toplevel(app, "Preferences", not_role="label"))
    ui.press(ui.wait_for("the Publishing page",
                         lambda: ui.find(prefs_window, name="Publishing", role="page tab", visible=False)))
    # The page's Accounts list (the page is nearer the window's end than its
    # start): the account's row is looked for there, not through every page.
    prefs = ui.wait_for("the Accounts list", lambda: ui.find_last(prefs_window, name="Accounts", role="list",
                                                                  visible=False))
    account = ui.wait_for("the account's row", lambda: ui.find(prefs, name=ACCOUNT, not_role="label"))
    assert f"Webhook · http://127.0.0.1:{receiver.port}/hook" in description(account), description(account)
    assert "Ready to publish" in description(account), description(account)
    assert ui.find(prefs, name=f"Remove the account {ACCOUNT}", role="push button") is not None
    time.sleep(0.5)
    ui.screenshot(ui.SHOT.replace(".png", "-accounts.png"))
    ui.focus_window("Preferences")
    ui.xdotool("key", "Escape")
    ui.screenshot()


ui.run(main)
