"""A photo from the editor to Mastodon (issue 15's "done when"): a post in
review with a link, going to Mastodon and Bluesky, its other checklist items
ticked and a Mastodon account (fake_mastodon.py) as its target. The Preview's Bluesky tab shows the link card with the page's Open Graph
title (a page this test serves). A photo dropped on its editor from a file
manager's window (drag-files.c); Approve is refused while it has no alt
text; its alt text typed, Approve takes it. The month's card and the board's say
"with 1 image"; dragged to Scheduled on the board and sent with Sync Now,
the fake Mastodon has the photo with the alt text as its description, in
the scheduled status's media."""

import datetime
import hashlib
import http.server
import os
import pwd
import subprocess
import sys
import tempfile
import threading
import time

import lineup_ui as ui

sys.path.insert(0, os.path.join(os.environ["LINEUP_SOURCE_ROOT"], "tests", "integration"))
sys.path.insert(0, os.path.join(os.environ["LINEUP_SOURCE_ROOT"], "tests", "integration", "fakes"))
from fake_mastodon import FakeMastodon  # noqa: E402
from lineup_cli import ctl  # noqa: E402

TITLE = "Spring rides: the start line"
ALT = "Riders in bright jackets at the old station"
TOKEN = "tok-ui-media-7c2d"
PAGE = (b'<html><head><title>rides</title><meta property="og:title" content="Spring Rides 2027">'
        b'<meta property="og:description" content="Routes, times and what to bring."></head></html>')


class Page(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args):
        pass


def named(root, prefix):
    return ui.nearest(root, lambda n: (n.name or "").startswith(prefix))


def description(node):
    return (node.description or "") if node is not None else ""


def stage(post_id):
    return ui.cli_json("post", "show", post_id, "--json")["stage"]


def actor():
    """Who the window says approves: the user's real name, else the login
    (as GLib's g_get_real_name () and Lineup read them)."""
    user = pwd.getpwuid(os.getuid())
    real = user.pw_gecos.split(",")[0]
    return real if real and real != "Unknown" else user.pw_name


def main():
    secrets = os.environ["LINEUP_SECRETS_FILE"]
    if os.path.exists(secrets):
        os.remove(secrets)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    fake = FakeMastodon()
    fake.start()
    ctl(fake.url, "POST", "/__fake/accounts", {"username": "team", "token": TOKEN, "scopes": "read write"})
    subprocess.run([ui.BIN, "--database", ui.DB, "account", "add", "mastodon", "--instance", fake.url,
                    "--token-stdin", "--name", "Team Mastodon"], input=TOKEN.encode(), check=True,
                   capture_output=True)
    photo = os.path.join(tempfile.mkdtemp(prefix="lineup-publish-"), "start.png")
    subprocess.run(["convert", "-size", "800x600", "gradient:#3584e4-#f6d32d", photo], check=True)

    # Tomorrow: on this month's grid (or its last row), a time to come.
    day = datetime.date.today() + datetime.timedelta(days=1)
    post_id = ui.cli("post", "add", "--title", TITLE, "--pillar", "Customer stories", "--type", "Narrative",
                     "--date", day.isoformat(), "--time", "10:00", "--platform", "mastodon",
                     "--platform", "bluesky", "--stage", "in-review",
                     "--body", f"Spring rides start Sunday: http://127.0.0.1:{server.server_port}/rides").strip()
    ui.cli("post", "target", post_id, "--account", "Team Mastodon")
    # Whoever runs the test is the plan's one approver.
    ui.cli("team", "add", actor(), "--role", "lead")
    ui.cli("approval-chain", "set", f"Lead:any:{actor()}", "--allow-self-approval")
    for item in ui.cli_json("post", "show", post_id, "--json")["checklist"]:
        if "alt text" not in item["item"]:
            ui.cli("post", "check", post_id, item["item"])

    app = ui.wait_for("the Lineup application on the accessibility bus", ui.app)
    frame = ui.wait_for("the main window", lambda: ui.find(app, role="frame"))
    ui.focus_window("Lineup")
    ui.key("ctrl+f")
    ui.wait_for("the search entry", lambda: ui.find(frame, name="Search posts", role="entry"))
    ui.xdotool("type", "--delay", "15", "Spring rides")
    agenda = ui.wait_for("the list of posts", lambda: ui.find(frame, name="Posts by day", role="list"))
    row = ui.wait_for("the post's row", lambda: ui.settled(ui.find(agenda, prefix=TITLE, not_role="label"),
                                                           within=frame))
    ui.click(row, double=True)
    editor = ui.wait_for("the editor", lambda: ui.toplevel(app, "Edit Post"))
    ui.focus_window("Edit Post")

    # 1. Preview: Bluesky's link card, from the page's Open Graph title
    #    (Bluesky shows a card for a post with a link and no media).
    ui.press(ui.wait_for("the Preview button", lambda: ui.find(editor, name="Preview", role="push button")))
    preview = ui.wait_for("the Preview window", lambda: ui.toplevel(app, "Preview"))
    ui.press(ui.wait_for("the Bluesky tab", lambda: ui.find(preview, name="Bluesky", role="page tab", visible=False)))
    card = ui.wait_for("the link card", lambda: ui.find(preview, name="Link card", visible=False))
    ui.wait_for("the page's title on the card",
                lambda: ui.find(card, name="Spring Rides 2027", role="label", visible=False))
    ui.screenshot(ui.SHOT.replace(".png", "-preview.png"))
    ui.focus_window("Preview")
    ui.key("Escape")
    ui.wait_for("the Preview closed", lambda: ui.toplevel(app, "Preview") is None)
    ui.focus_window("Edit Post")

    # 2. The photo dropped on the editor.
    media_label = ui.wait_for("the Media group", lambda: ui.find(editor, name="Media", role="label"))
    ui.drop_files([photo], ui.center(media_label))
    ui.wait_for("the photo's thumbnail", lambda: named(editor, "Image 1 of 1: no alt text"))
    [medium] = ui.cli_json("post", "media", post_id, "--json")
    with open(photo, "rb") as f:
        assert medium["sha256"] == hashlib.sha256(f.read()).hexdigest(), medium

    # 3. Approve refused: no alt text.
    ui.focus_window("Edit Post")
    approve = ui.wait_for("the Approve button", lambda: ui.find(editor, name="Approve", role="push button",
                                                                visible=False))
    ui.press(approve)
    ui.wait_for("the refusal", lambda: named(editor, "Not approved yet: image 1 of"))
    assert stage(post_id) == "in-review"

    # 4. The alt text typed (the entry scrolled above the refusal).
    entry = ui.wait_for("the alt text", lambda: ui.find(editor, name="Alt text of image 1", role="text",
                                                         visible=False))
    refusal_top = ui.extents(named(editor, "Not approved yet: image 1 of"))[1]
    # The wheel over the editor's left margin: the media's row and the
    # caption would take it themselves.
    ex0, ey0, ew0, eh0 = ui.extents(editor)
    ui.xdotool("mousemove", ex0 + 12, ey0 + eh0 // 2)

    def above_message():
        ex, ey, ew, eh = ui.extents(entry)
        if ey > 0 and ey + eh < refusal_top - 4:
            return ui.settled(entry)
        ui.xdotool("click", "5")
        return None
    ui.click(ui.wait_for("the entry above the message", above_message))
    ui.xdotool("type", "--delay", "10", ALT)
    ui.key("Return")
    ui.wait_for("the alt text in the plan", lambda: ui.cli_json("post", "media", post_id, "--json")[0]["alt"] == ALT)
    ui.wait_for("the checklist ticked by Lineup", lambda: named(editor, "Ticked by Lineup: every image"))

    # 5. Approved now, from the editor.
    ui.focus_window("Edit Post")
    ui.press(ui.wait_for("the Approve button", lambda: ui.find(editor, name="Approve", role="push button",
                                                                visible=False)))
    ui.wait_for("approved in the plan", lambda: stage(post_id) == "approved")
    ui.key("Escape")
    ui.wait_for("the editor closed", lambda: ui.toplevel(app, "Edit Post") is None)

    # 6. The month's card and the board's: "with 1 image".
    ui.focus_window("Lineup")
    ui.key("Escape")   # the search
    ui.key("alt+1")
    ui.wait_for("the month's card with its image",
                lambda: "with 1 image" in description(ui.find(frame, name=TITLE, role="push button")))
    ui.key("alt+2")
    approved = ui.wait_for("the Approved column", lambda: ui.find(frame, prefix="Approved,", role="list"))
    card = ui.wait_for("the board's card with its image",
                       lambda: (lambda c: c if "with 1 image" in description(c) else None)(
                           ui.settled(ui.find(approved, name=TITLE, role="push button"))))
    ui.screenshot(ui.SHOT.replace(".png", "-board.png"))

    # 7. Dragged to Scheduled, then Sync Now: on Mastodon with its alt text.
    scheduled = ui.wait_for("the Scheduled column", lambda: ui.find(frame, prefix="Scheduled,", role="list"))
    ui.drag(card, scheduled)
    ui.wait_for("scheduled in the plan", lambda: stage(post_id) == "scheduled")
    ui.key("alt+6")
    view = ui.wait_for("the Publishing view",
                       lambda: ui.find(frame, name="LineupPublishingView", role="filler", visible=False))
    ui.press(ui.wait_for("the Sync Now button", lambda: ui.find(view, name="Sync now", role="push button")))

    def sent():
        account = ctl(fake.url, "GET", "/__fake/state")["accounts"][0]
        return account if account["scheduled"] and account["media"] else None
    account = ui.wait_for("the status on Mastodon", sent, timeout=30)
    [uploaded] = account["media"]
    assert uploaded["description"] == ALT, uploaded
    assert uploaded["sha256"] == medium["sha256"], uploaded
    assert account["scheduled"][0]["params"]["media_ids"] == [uploaded["id"]], account["scheduled"]
    time.sleep(0.3)
    ui.screenshot()
    fake.stop()
    print("ok")


if __name__ == "__main__":
    ui.run(main)
