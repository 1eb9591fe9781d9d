"""Feeds from the window: a change republishes a feed set to publish itself
(in the background, a few seconds later), and "Publish now" in Preferences
publishes another; a WebDAV feed that signs in says it has no password,
takes one typed in its password row (kept in the secrets file, not the
plan) and publishes with it; the Export dialog opens from Ctrl+E."""

import base64
import datetime
import http.server
import os
import threading
import time

import lineup_ui as ui


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


PASSWORD = "Typed-In-Prefs-4d2b"


class Locked(http.server.BaseHTTPRequestHandler):
    """A WebDAV file that takes a PUT only from ana with PASSWORD."""
    puts = []

    def log_message(self, *args):
        pass

    def do_PUT(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        ok = self.headers.get("Authorization") == "Basic " + base64.b64encode(f"ana:{PASSWORD}".encode()).decode()
        Locked.puts.append(ok)
        self.send_response(201 if ok else 401)
        if ok:
            self.send_header("ETag", '"locked-1"')
        self.send_header("Content-Length", "0")
        self.end_headers()


SLOW_SECONDS = 4


class Slow(http.server.BaseHTTPRequestHandler):
    """An overlay's server that takes SLOW_SECONDS to answer."""

    def log_message(self, *args):
        pass

    asked = threading.Event()

    def do_GET(self):
        Slow.asked.set()
        time.sleep(SLOW_SECONDS)
        day = datetime.date.today()
        body = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nBEGIN:VEVENT\r\nUID:slow@test\r\n"
                f"DTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:{day:%Y%m%d}\r\nSUMMARY:Slow fair\r\n"
                "END:VEVENT\r\nEND:VCALENDAR\r\n").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/calendar")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def scroll_to(window, node):
    """Turns the mouse wheel over @window until @node shows whole in it
    (above the view switcher at its foot); the node, or None."""
    wx, wy, ww, wh = ui.extents(window)
    for _ in range(40):
        x, y, w, h = ui.extents(node)
        if y >= wy + 60 and y + h <= wy + wh - 70:
            return node
        ui.xdotool("mousemove", str(wx + ww // 2), str(wy + wh // 2))
        ui.xdotool("click", "5" if y + h > wy + wh - 70 else "4")
        time.sleep(0.05)
    return None


def add_slow_overlay(prefs):
    """Adds an overlay in Preferences → Sharing from a server that takes
    seconds to answer: it is read off the window's thread, so the window
    (and the Add button's press) answers at once."""
    slow = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    threading.Thread(target=slow.serve_forever, daemon=True).start()
    group = ui.wait_for("the Overlay Calendars list", lambda: ui.find(prefs, name="Overlay Calendars", role="list"))
    adder = ui.wait_for("Add an Overlay Calendar", lambda: ui.find(group, name="Add an Overlay Calendar", role="list item"))
    # The group is below the page's fold: scrolled to with the wheel.
    scroll_to(prefs, adder)
    ui.click(adder)
    adder = group
    ui.wait_for("the fields shown", lambda: ui.find(adder, name="Name", role="text") and
                scroll_to(prefs, ui.find(adder, name="Add overlay", role="push button")))
    name = ui.wait_for("its Name field", lambda: ui.find(adder, name="Name", role="text"))
    ui.click(name)
    ui.xdotool("type", "--delay", "15", "Slow")
    source = ui.wait_for("its address field", lambda: ui.find(adder, prefix="File or address", role="text"))
    ui.click(source)
    address = f"http://127.0.0.1:{slow.server_port}/slow.ics"
    ui.xdotool("type", "--delay", "5", address)
    add = ui.wait_for("the Add button", lambda: ui.find(adder, name="Add overlay", role="push button"))
    # While the server takes its time, the window keeps answering: every
    # accessibility call (the press too) is answered on the window's
    # thread, so the longest wait for one is the longest it was held. One
    # call (the field's name) every 50 ms is enough to see a hold of a
    # second; a walk in a busy loop cost seconds of CPU for nothing more.
    answered = 0.0
    last = time.monotonic()
    end = last + SLOW_SECONDS + 2
    ui.press(add)
    while time.monotonic() < end:
        name.name
        now = time.monotonic()
        answered = max(answered, now - last)
        last = now
        time.sleep(0.05)
    assert Slow.asked.is_set(), "the overlay's server was never asked"
    assert answered < SLOW_SECONDS / 2.5, \
        f"the window was held {answered:.1f} s while the overlay's server took {SLOW_SECONDS} s to answer"
    ui.wait_for("the new overlay read", lambda: ui.walk(prefs, lambda n: f"{address} — 1 event" in (n.name or "")),
                timeout=30)
    slow.shutdown()
    print(f"slow overlay: the window's longest wait to answer was {answered:.2f} s")


def file_bytes(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return b""


def password_row(prefs):
    """Types PASSWORD in the Locked feed's password row and applies it."""
    row = ui.wait_for("the Locked feed's password row", lambda: ui.find(prefs, name="New Password", role="text"))
    ui.click(row)
    time.sleep(0.3)
    ui.xdotool("type", "--delay", "15", PASSWORD)
    ui.xdotool("key", "Return")


def write_big_calendar(path, title):
    """Tens of thousands of events, 25 on each day around today, and one
    long description of escaped commas: libical takes seconds to parse it
    (its unescaping grows with the square of a value's length) and the
    copy stays small."""
    start = datetime.date.today() - datetime.timedelta(days=400)
    parts = ["BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n"]
    for i in range(20000):
        day = start + datetime.timedelta(days=i % 800)
        parts.append(f"BEGIN:VEVENT\r\nUID:big{i}@test\r\nDTSTAMP:20260101T000000Z\r\n"
                     f"DTSTART;VALUE=DATE:{day:%Y%m%d}\r\nSUMMARY:{title} {i:05d}\r\nEND:VEVENT\r\n")
    parts.append(f"BEGIN:VEVENT\r\nUID:notes@test\r\nDTSTAMP:20260101T000000Z\r\n"
                 f"DTSTART;VALUE=DATE:{start:%Y%m%d}\r\nSUMMARY:Notes\r\n"
                 "DESCRIPTION:" + "a\\," * BIG_ESCAPES + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    with open(path, "w", newline="") as f:
        f.write("".join(parts))


BIG_ESCAPES = int(os.environ.get("LINEUP_TEST_BIG_ESCAPES", "1800000"))


def cpu_seconds(pid):
    """The CPU time the process has spent, all its threads."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def busy_reading(pid, before):
    """Waits until the app has worked half a second more than @before,
    taken when the command line stored the copy, on the window's thread or a
    worker: the reading is under way (it takes seconds)."""
    ui.wait_for("the app reading the big calendar", lambda: cpu_seconds(pid) - before >= 0.5, timeout=30)


def big_overlay(app, frame, folder):
    """A big calendar is read off the main thread: while it is parsed the
    window turns to the next month at once, and its events then show."""
    big = os.path.join(folder, "big.ics")
    this_month = datetime.date.today().replace(day=1)
    following = (this_month + datetime.timedelta(days=32)).replace(day=1)
    ui.focus_window("Lineup")
    ui.xdotool("key", "--clearmodifiers", "alt+1")
    # Found once: a walk over the whole window takes long on a busy machine.
    title = ui.wait_for("the month's title", lambda: ui.find(frame, name=f"{this_month:%B %Y}", role="push button"))
    next_button = ui.wait_for("the Next month button", lambda: ui.find(frame, name="Next month", role="push button"))
    x, y = ui.center(next_button)
    pid = app.get_process_id()
    write_big_calendar(big, "Big")
    ui.cli("overlay", "add", "Big", big)
    busy_reading(pid, cpu_seconds(pid))
    started = time.monotonic()
    ui.xdotool("mousemove", x, y)
    ui.xdotool("click", "1")
    ui.wait_for("the next month's title", lambda: title.name == f"{following:%B %Y}")
    turned = time.monotonic() - started
    middle = ui.wait_for("a day of the next month",
                         lambda: ui.find(frame, name=following.replace(day=15).strftime("%A %-d %B %Y"), visible=False))
    ui.wait_for("the big calendar's events on the next month", lambda: "(Big)" in (middle.description or ""))
    shown = time.monotonic() - started
    print(f"big overlay: the month turned in {turned:.2f} s, its events showed after {shown:.2f} s")
    assert turned < 1.5, f"the window took {turned:.2f} s to turn the month while the big calendar was read"

    # Back to this month, for the steps that follow.
    ui.click(ui.wait_for("the Previous month button", lambda: ui.find(frame, name="Previous month", role="push button")))
    ui.wait_for("this month's title again", lambda: title.name == f"{this_month:%B %Y}")


def main():
    folder = os.path.dirname(ui.DB)
    auto = os.path.join(folder, "auto.ics")
    manual = os.path.join(folder, "manual.ics")
    ui.cli("feed", "add", "Auto", "--file", auto, "--auto-publish")
    ui.cli("feed", "add", "Manual", "--file", manual)
    secrets = os.environ["LINEUP_SECRETS_FILE"]
    if os.path.exists(secrets):
        os.remove(secrets)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Locked)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    ui.cli("feed", "add", "Locked", "--webdav", f"http://127.0.0.1:{server.server_port}/plan.ics", "--user", "ana")
    posts = {p["title"]: p for p in ui.cli_json("post", "list", "--json")}
    question = posts["Question: which feature should we build next?"]

    app = ui.wait_for("the Lineup application on the accessibility bus", ui.app)
    frame = ui.wait_for("the main window", lambda: ui.find(app, role="frame"))

    # An overlay calendar added from the command line shows on its day.
    day = datetime.date.today() + datetime.timedelta(days=2)
    ics = os.path.join(folder, "launches.ics")
    with open(ics, "w", newline="") as f:
        f.write("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nBEGIN:VEVENT\r\nUID:l@test\r\n"
                "DTSTAMP:20260101T000000Z\r\n" f"DTSTART;VALUE=DATE:{day:%Y%m%d}\r\n"
                "SUMMARY:Partner launch\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    ui.cli("overlay", "add", "Launches", ics, "--color", "#e01b24")
    name = day.strftime("%A %-d %B %Y")
    ui.wait_for("the overlay's event on its day",
                lambda: "Partner launch (Launches)" in (ui.find(frame, name=name, visible=False).description or ""))
    ui.screenshot(ui.SHOT.replace(".png", "-overlay.png"))
    # A big calendar, while the window reads it. (Here, before Preferences
    # and the Export dialog: after them the window's plan lost its -wal file
    # to a command line's close and missed later changes, a defect apart.)
    big_overlay(app, frame, folder)
    ui.focus_window("Lineup")
    ui.xdotool("key", "--clearmodifiers", "alt+2")
    draft = ui.wait_for("the Draft column", lambda: ui.find(frame, prefix="Draft,", role="list"))
    card = ui.wait_for("the card", lambda: ui.settled(ui.find(draft, name=question["title"], role="push button")))
    ui.click(card)
    ui.xdotool("key", "--clearmodifiers", "alt+Right")
    ui.wait_for("the post in review", lambda: ui.cli_json("post", "show", question["id"], "--json")["stage"] == "in-review")

    # A few seconds later the auto feed has the change; the other has nothing.
    ui.wait_for("the auto feed republished",
                lambda: os.path.exists(auto) and "X-LINEUP-STAGE:in-review" in read(auto).split(question["id"])[1][:2000]
                if os.path.exists(auto) and question["id"] in read(auto) else False, timeout=20)
    assert not os.path.exists(manual)
    feeds = {f["name"]: f for f in ui.cli_json("feed", "list", "--json")}
    assert feeds["Auto"]["last_error"] is None and feeds["Auto"]["last_items"] > 0, feeds["Auto"]
    # The background publish wrote to the plan, but only the feed's result:
    # the move can still be undone.
    ui.focus_window("Lineup")
    ui.xdotool("key", "--clearmodifiers", "ctrl+z")
    ui.wait_for("the move undone after the publish",
                lambda: ui.cli_json("post", "show", question["id"], "--json")["stage"] == "draft")

    # Publish now, from Preferences → Sharing.
    ui.xdotool("key", "--clearmodifiers", "ctrl+comma")
    prefs = ui.wait_for("the Preferences window",
                        lambda: ui.toplevel(app, "Preferences", not_role="label"))
    ui.press(ui.wait_for("the Sharing page", lambda: ui.find(prefs, name="Sharing", role="page tab", visible=False)))
    # The page may be rebuilt under the press (a change of the plan refreshes
    # it), so press again until the feed is written.
    def published():
        if os.path.exists(manual) and question["id"] in read(manual):
            return True
        ui.press(ui.find(prefs, name="Publish Manual now", visible=False))
        time.sleep(1.0)
        return os.path.exists(manual) and question["id"] in read(manual)
    ui.wait_for("the manual feed published", published)
    ui.wait_for("the result shown on the feed's row",
                lambda: ui.walk(prefs, lambda n: "manual.ics — published" in (n.name or "")))
    # The overlay is listed there too, with its switch.
    ui.wait_for("the overlay in Preferences", lambda: ui.find(prefs, name="Show Launches", visible=False))
    ui.wait_for("its event count", lambda: ui.walk(prefs, lambda n: "launches.ics — 1 event" in (n.name or "")))
    ui.screenshot(ui.SHOT.replace(".png", "-sharing.png"))

    # A feed that signs in, without a password: publishing says how to fix it.
    ui.press(ui.wait_for("Publish Locked now", lambda: ui.find(prefs, name="Publish Locked now", visible=False)))
    ui.wait_for("the missing password on the feed's row",
                lambda: ui.walk(prefs, lambda n: "has no password" in (n.name or "")
                                and "Preferences → Sharing" in (n.name or "")))
    assert Locked.puts == [], Locked.puts
    # Its password row: what is typed goes to the secrets, not the plan.
    ui.click(ui.wait_for("the Locked feed's row", lambda: ui.find(prefs, name="Locked", role="label")))
    password_row(prefs)
    ui.wait_for("the password in the secrets file", lambda: PASSWORD.encode() in file_bytes(secrets))
    # A toast lasts five seconds: looked for from the tree's end, where it is.
    ui.wait_for("a toast saying so", lambda: ui.find_last(prefs, name="Password of Locked saved", visible=False))
    ui.screenshot(ui.SHOT.replace(".png", "-password.png"))
    ui.press(ui.find(prefs, name="Publish Locked now", visible=False))
    def locked_feed():
        return next(f for f in ui.cli_json("feed", "list", "--json") if f["name"] == "Locked")
    ui.wait_for("the feed published with it", lambda: True in Locked.puts and locked_feed()["last_error"] is None)
    assert Locked.puts == [True], Locked.puts
    for path in (ui.DB, ui.DB + "-wal"):
        assert PASSWORD.encode() not in file_bytes(path), f"the password is in {path}"
    add_slow_overlay(prefs)
    server.shutdown()
    ui.press(ui.wait_for("the Close button", lambda: ui.find(prefs, name="Close", role="push button", visible=False)))
    ui.wait_for("Preferences closed",
                lambda: ui.toplevel(app, "Preferences", not_role="label") is None)

    # Ctrl+E asks where to export.
    ui.focus_window("Lineup")
    ui.xdotool("key", "--clearmodifiers", "ctrl+e")
    # What to export first (its defaults: the month shown, which holds every
    # dated post of this plan), then where.
    options = ui.wait_for("the export options", lambda: ui.toplevel(app, "Export", not_role="label"))
    ui.press(ui.wait_for("the Export… button", lambda: ui.find(options, name="Export…", role="push button")))
    ui.wait_for("the export dialog", lambda: ui.toplevel(app, "Export the Plan", not_role="label"))
    ui.screenshot(ui.SHOT.replace(".png", "-export.png"))
    # The name field has the keyboard: a whole path is a name too.
    exported = os.path.join(folder, "exported.ics")
    ui.focus_window("Export the Plan")
    ui.xdotool("key", "ctrl+a")
    ui.xdotool("type", "--delay", "10", exported)
    ui.xdotool("key", "Return")
    ui.wait_for("the exported file", lambda: os.path.exists(exported) and read(exported).endswith("END:VCALENDAR\r\n")
                if os.path.exists(exported) else False)
    dated = [p for p in posts.values() if p["date"]]
    text = read(exported)
    assert all(p["id"] + "@lineup" in text for p in dated)
    ui.wait_for("a toast saying so", lambda: ui.find_last(frame, prefix=f"Exported {len(dated)} posts to exported.ics",
                                                      visible=False))
    ui.screenshot()


ui.run(main)
