"""One plan, two people, two windows: alice's and bob's copies of a plan
shared through a real Radicale on 127.0.0.1, each open in its own window
(two processes, one database each) side by side on one display.

1. alice drags a post to another day with the pointer; bob's window shows
   it on that day by itself (its pass every 30 s, or when it gets the focus).
2. Both change the same post's title (from a terminal, as a script would);
   the conflict shows on bob's card and in his header's popover; he opens
   the post from there and presses Keep Mine; after a pass both plans hold
   his title and neither has a conflict, and alice's window shows it.
3. Screenshots of the popover, the editor's conflict box and
   Preferences → Sharing, at 1216 and 1920 pixels wide, beside the log."""

import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile

import pyatspi

import lineup_ui as ui

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "integration"))
from dav_servers import Radicale  # noqa: E402

PASSWORDS = {"alice": "alice-pw", "bob": "bob-pw"}
SHOTS = ui.SHOT.replace(".png", "")
# The windows side by side: alice's at the left, bob's at the right (the
# screen is wide enough for bob's at 1920).
B_X = 1240


def day_name(date):
    # The day cell's accessible name, as the app writes it under C.UTF-8.
    return date.strftime("%A %-d %B %Y").replace(" 0", " ")


class Member:
    """A person's plan (database and secrets file of their own) and, once
    opened, their window: a process of its own."""

    def __init__(self, login, folder):
        self.login = login
        self.db = os.path.join(folder, f"{login}.db")
        self.env = dict(os.environ, LINEUP_SECRETS_FILE=os.path.join(folder, f"{login}.secrets"),
                        LINEUP_HTTP_TIMEOUT="10")
        self.log_path = os.path.join(folder, f"{login}.log")
        self.process = None
        self.frame = None

    def run(self, *args, password=None, check=True):
        out = subprocess.run([ui.BIN, "--database", self.db, *args], env=self.env,
                             input=password, capture_output=True, text=True)
        if check and out.returncode != 0:
            raise AssertionError(f"{self.login}: lineup {' '.join(args)} failed ({out.returncode}): {out.stderr}")
        return out

    def json(self, *args):
        return json.loads(self.run(*args).stdout)

    def status(self):
        return self.json("share", "status", "--json")

    def post(self, post_id):
        return self.json("post", "show", post_id, "--json")

    def open(self):
        """The app on this plan: --database makes each a process of its own
        (GApplication non-unique), so both windows run at once."""
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen([ui.BIN, "--database", self.db], env=self.env,
                                        stdout=self.log, stderr=subprocess.STDOUT)
        self.app = ui.wait_for(f"{self.login}'s app on the accessibility bus", self.find_app)
        self.frame = ui.wait_for(f"{self.login}'s window", lambda: ui.find(self.app, role="frame"))
        self.wid = ui.wait_for(f"{self.login}'s X window", lambda: self.window("Lineup"))

    def find_app(self):
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            a = desktop.getChildAtIndex(i)
            if a is not None and a.get_process_id() == self.process.pid:
                return a
        return None

    def window(self, title):
        """This process's largest visible X window named @title."""
        out = subprocess.run(["xdotool", "search", "--all", "--onlyvisible", "--pid", str(self.process.pid),
                              "--name", f"^{title}$"], capture_output=True, text=True)
        ids = out.stdout.split()
        return max(ids, key=lambda w: geometry(w)[2] * geometry(w)[3]) if ids else None

    def click(self, node, wid=None):
        """A pointer click on @node of the main window (or of the window
        @wid): GTK 4.8 gives positions relative to the window, which may not
        be at 0, 0."""
        x0, y0 = geometry(wid or self.wid)[:2]
        x, y = ui.center(node)
        ui.xdotool("mousemove", x0 + x, y0 + y)
        ui.xdotool("click", "1")

    def close(self):
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.log.close()
            with open(self.log_path, errors="replace") as f:
                text = f.read()
            # AT-SPI asks for screen positions, which GTK 4.8 on X11 warns about.
            text = "\n".join(line for line in text.splitlines()
                              if line.strip() and "Screen coordinates not supported" not in line)
            if text.strip():
                print(f"--- {self.login}'s app log ---\n{text[-4000:]}")


def geometry(wid):
    out = subprocess.run(["xdotool", "getwindowgeometry", "--shell", wid], capture_output=True, text=True).stdout
    geo = dict(line.split("=", 1) for line in out.split() if "=" in line)
    return int(geo.get("X", 0)), int(geo.get("Y", 0)), int(geo.get("WIDTH", 0)), int(geo.get("HEIGHT", 0))


def place(wid, x, width, height=800):
    ui.xdotool("windowmove", wid, x, 0)
    ui.xdotool("windowsize", wid, width, height)
    ui.wait_for(f"window {wid} at {x}, {width} wide",
                lambda: geometry(wid)[0] == x and geometry(wid)[2] == width)


def shoot(wid, name):
    """The window as the screen shows it (popovers over it included), with
    the pointer off it: no tooltip, nothing hovered."""
    ui.xdotool("mousemove", 3000, 990)
    x, y, w, h = geometry(wid)
    path = f"{SHOTS}-{name}.png"
    subprocess.run(["import", "-window", "root", "-crop", f"{w}x{h}+{x}+{y}", "+repage", path], check=False)
    print(f"screenshot: {path}")


# The day cells found so far, per window: a walk of the whole window at
# every poll of a wait (most of this test's time) finds the same cell again.
_cells = {}


def day_cell(member, date):
    """The day cell of @date in @member's window, on screen: the one found
    before while it still is that day's and on screen, else found anew."""
    name = day_name(date)
    cell = _cells.get((member.login, name))
    try:
        if cell is not None and cell.name == name and ui.on_screen(cell):
            return cell
    except Exception:   # gone from the tree
        pass
    cell = ui.find(member.frame, name=name)
    if cell is not None:
        _cells[(member.login, name)] = cell
    return cell


def card_on_day(member, title, date):
    """The card whose name begins with @title, inside the day cell of @date."""
    cell = day_cell(member, date)
    return ui.find(cell, prefix=title, role="push button") if cell is not None else None


def cards(member):
    """Every card on screen in @member's window: (name, description)."""
    found = []

    def walk(node, depth=0):
        if node is None or depth > 40:
            return
        try:
            if node.getRoleName() == "push button" and (node.description or "").count(",") >= 4:
                found.append((node.name, node.description, node.parent.parent.name))
            for i in range(node.childCount):
                walk(node.getChildAtIndex(i), depth + 1)
        except Exception:
            pass
    walk(member.frame)
    return found


def app_window(member, name, polls=None):
    """ui.find(member.app, name=name, not_role="label", visible=False),
    looked for among the app's windows first (a window is one of them):
    not after a walk of the whole main window."""
    for i in range(member.app.childCount):
        child = member.app.getChildAtIndex(i)
        if child is not None and child.name == name and child.getRoleName() != "label":
            return child
    # Polled by a wait (@polls counts them): the walk of the whole app only
    # at every tenth poll, should the window be elsewhere.
    if polls is not None:
        polls.append(None)
        if len(polls) % 10:
            return None
    return ui.find(member.app, name=name, not_role="label", visible=False)


def still(node, name, role):
    """@node still is what ui.find(…, name=name, role=role) found, on screen."""
    try:
        return node.name == name and node.getRoleName() == role and ui.on_screen(node)
    except Exception:   # gone from the tree
        return False


def conflicted(card):
    return card is not None and "in conflict" in (card.description or "")


def main():
    folder = tempfile.mkdtemp(prefix="lineup-two-windows-")
    alice, bob = Member("alice", folder), Member("bob", folder)
    server = Radicale(users=PASSWORDS, rights=Radicale.approvals_rights("alice", ["bob"]))
    server.start()
    # Without a compositing manager, a popover's shadow is black on the
    # screenshots; with one (Debian's xcompmgr) it is as on a desktop.
    compositor = subprocess.Popen(["xcompmgr"], stderr=subprocess.DEVNULL) if shutil.which("xcompmgr") else None
    try:
        scenario(server, alice, bob)
    except AssertionError:
        ui.screenshot()   # the moment, while the windows are open
        for member in (alice, bob):
            if member.frame is not None:
                print(f"{member.login}'s cards: {cards(member)}")
                print(f"{member.login}'s status: {member.status()}")
        raise
    finally:
        for member in (alice, bob):
            member.close()
        server.close()
        if compositor is not None:
            compositor.terminate()
            compositor.wait()


def scenario(server, alice, bob):
    # A plan with three posts this month, shared by alice and joined by bob.
    today = datetime.date.today()
    alice.run("pillar", "add", "Community", "--color", "#3584e4")
    alice.run("team", "add", "alice", "--role", "lead")
    alice.run("team", "add", "bob", "--role", "approver")
    titles = ["Launch teaser", "Customer story", "Behind the scenes"]
    ids = {}
    for title, day in zip(titles, (3, 10, 17)):
        ids[title] = alice.run("post", "add", "--title", title, "--pillar", "Community", "--type", "Narrative",
                               "--date", today.replace(day=day).isoformat(), "--time", "10:30",
                               "--platform", "mastodon", "--body", f"{title}: the caption").stdout.strip()
    plan_url, approvals_url = server.url("alice/plan/"), server.url("alice/approvals/")
    alice.run("share", "create", plan_url, "--user", "alice", "--password-stdin",
              "--approvals-url", approvals_url, password=PASSWORDS["alice"])
    bob.run("share", "join", plan_url, "--user", "bob", "--password-stdin",
            "--approvals-url", approvals_url, password=PASSWORDS["bob"])
    assert {p["title"] for p in bob.json("post", "list", "--json")} == set(titles)

    # Two windows, alice's at the left, bob's at the right.
    alice.open()
    bob.open()
    place(alice.wid, 0, 1216)
    place(bob.wid, B_X, 1216)
    for member in (alice, bob):
        ui.wait_for(f"the indicator in {member.login}'s header",
                    lambda: ui.find(member.frame, prefix="Shared plan: In step", role="push button"))

    # 1. alice drags "Customer story" from the 10th to the 24th.
    post_id = ids["Customer story"]
    source_day, target_day = today.replace(day=10), today.replace(day=24)
    card = ui.wait_for("alice's card on the 10th", lambda: ui.settled(card_on_day(alice, "Customer story", source_day)))
    ui.wait_for("bob's card on the 10th", lambda: card_on_day(bob, "Customer story", source_day))
    target = day_cell(alice, target_day)
    # alice's window is the one at the left, where the pointer is.
    ui.drag(card, target)
    ui.wait_for("the move in alice's plan", lambda: alice.post(post_id)["date"] == target_day.isoformat())
    ui.wait_for("alice's window sending it (nothing waiting)", lambda: alice.status()["waiting"] == 0, timeout=30)
    # bob's window takes it in by itself: no command, no click in it.
    ui.wait_for("bob's window showing the post on the 24th",
                lambda: card_on_day(bob, "Customer story", target_day), timeout=60)
    assert card_on_day(bob, "Customer story", source_day) is None, "the post still shows on the 10th in bob's window"
    assert bob.post(post_id)["time"] == "10:30"
    shoot(bob.wid, "moved")

    # 2. The same field changed on both sides: bob's first, so alice's
    #    cannot reach him before his own change is made.
    bob.run("post", "edit", post_id, "--title", "Customer story: the bakery")
    alice.run("post", "edit", post_id, "--title", "Customer story: the bike shop")

    def both_conflicted():
        for member in (alice, bob, alice):
            member.run("share", "sync", check=False)   # exit 1 while in conflict
        return all(m.status()["conflicts"] for m in (alice, bob))
    ui.wait_for("the conflict in both plans", both_conflicted, timeout=60)
    conflict = bob.status()["conflicts"][0]
    assert conflict["field"] == "title", conflict
    assert (conflict["mine"], conflict["theirs"]) == ("Customer story: the bakery", "Customer story: the bike shop"), conflict

    # Until someone chooses, a post holds the server's value (the first to
    # arrive: alice's, unless bob's window sent his before her sync) and the
    # other beside it (docs/sharing.md §5).
    held = bob.post(post_id)["title"]
    assert held in (conflict["mine"], conflict["theirs"]) and alice.post(post_id)["title"] == held, held

    # bob's window shows it on the card (its pass or a reload brings it),
    # and so does alice's.
    for member in (bob, alice):
        ui.wait_for(f"the conflict mark on {member.login}'s card",
                    lambda: conflicted(card_on_day(member, held, target_day)), timeout=60)
    indicator = ui.wait_for("bob's indicator saying so",
                            lambda: ui.find(bob.frame, prefix="Shared plan: 1 conflict", role="push button"))

    # The popover lists it, with Open; at 1216 and at 1920 pixels wide.
    for width in (1216, 1920):
        place(bob.wid, B_X, width)
        # By the pointer: a menu button has no accessible action that opens it.
        bob.click(indicator)
        opener = ui.wait_for("Open in the popover",
                             lambda: ui.find(bob.app, name=f"Open “{held}”", role="push button"))
        ui.wait_for("the popover settled", lambda: ui.settled(opener, pause=0.4))
        shoot(bob.wid, f"popover-{width}")
        if width == 1216:
            bob.click(indicator)   # the menu button again: it closes
            ui.wait_for("the popover closed",
                        lambda: ui.find(bob.app, name=f"Open “{held}”", role="push button") is None)
    ui.press(opener)

    # 3. The editor shows both values; Keep Mine from the keyboard.
    editor_wid = ui.wait_for("bob's editor", lambda: bob.window("Edit Post"))
    editor = ui.wait_for("the editor on the accessibility bus",
                         lambda polls=[]: app_window(bob, "Edit Post", polls))
    keep = ui.wait_for("Keep mine: Title", lambda: ui.find(editor, name="Keep mine: Title", role="push button"))
    assert ui.find(editor, name=f"Keep {conflict['theirs_by']}’s: Title", role="push button") is not None
    ui.xdotool("windowmove", editor_wid, B_X + 40, 40)
    ui.wait_for("the editor moved", lambda: geometry(editor_wid)[0] == B_X + 40)
    ui.wait_for("the editor settled", lambda: ui.settled(keep, pause=0.4))
    shoot(editor_wid, "editor")
    ui.xdotool("windowfocus", "--sync", editor_wid)
    ui.xdotool("key", "--clearmodifiers", "alt+m")
    ui.wait_for("the conflict box gone from the editor",
                lambda: ui.find(editor, name="Keep mine: Title", role="push button") is None, timeout=10)
    ui.xdotool("windowfocus", "--sync", editor_wid)
    ui.xdotool("key", "--clearmodifiers", "Escape")
    ui.wait_for("the editor closed", lambda: bob.window("Edit Post") is None)

    # Settled on both: after a pass each, no conflict, bob's title.
    def settled_in(member):
        member.run("share", "sync", check=False)
        status = member.status()
        return status["conflicts"] == [] and status["state"] == "in-step" \
            and member.post(post_id)["title"] == "Customer story: the bakery"
    ui.wait_for("bob's plan settled", lambda: settled_in(bob), timeout=60)
    ui.wait_for("alice's plan settled", lambda: settled_in(alice), timeout=60)
    assert settled_in(bob), bob.status()
    # And the windows: no mark, bob's title on both cards.
    for member in (bob, alice):
        ui.wait_for(f"{member.login}'s card with bob's title and no mark",
                    lambda: (lambda c: c is not None and not conflicted(c))(
                        card_on_day(member, "Customer story: the bakery", target_day)), timeout=60)
        ui.wait_for(f"{member.login}'s indicator in step",
                    lambda: ui.find(member.frame, prefix="Shared plan: In step", role="push button"), timeout=60)

    # 4. Preferences → Sharing of a shared plan, in bob's window.
    place(bob.wid, B_X, 1216)
    ui.xdotool("windowfocus", "--sync", bob.wid)
    ui.xdotool("key", "--clearmodifiers", "ctrl+comma")
    prefs = ui.wait_for("the Preferences window",
                        lambda polls=[]: app_window(bob, "Preferences", polls))
    prefs_wid = ui.wait_for("the Preferences X window", lambda: bob.window("Preferences"))
    # The Sharing page by the pointer (after a key press GTK would ring the
    # focused tab on the screenshots), in a window wide enough for the
    # header's switcher: in a narrow one the pages go to a bar at the foot,
    # and the header's hidden switcher still reports where it was. (Eight
    # pages since Snippets: 1216 pixels is a narrow one now.)
    place(prefs_wid, B_X + 40, 1500, 720)
    tab = ui.wait_for("the Sharing page tab", lambda: ui.settled(ui.find(prefs, name="Sharing", role="page tab")))
    bob.click(tab, prefs_wid)
    leave = ui.wait_for("Leave… (the plan is shared)", lambda: ui.find(prefs, name="Leave…", role="push button"))
    assert ui.find(prefs, name="Share This Plan…", role="push button") is None
    place(prefs_wid, B_X + 40, 640, 720)
    # (Leave… as found above, while it still is that and on screen.)
    def leave_button():
        return leave if still(leave, "Leave…", "push button") else ui.find(prefs, name="Leave…", role="push button")
    ui.wait_for("the page settled", lambda: ui.settled(leave_button(), pause=0.4))
    shoot(prefs_wid, "preferences")
    place(prefs_wid, B_X + 40, 1216, 720)
    ui.wait_for("the wide page settled", lambda: ui.settled(leave_button(), pause=0.4))
    shoot(prefs_wid, "preferences-1216")
    print(f"ok: dragged {post_id[:8]} {source_day} → {target_day} in alice's window, bob's window followed; "
          f"title conflict shown on both, kept bob's from his editor; both plans in step")


if __name__ == "__main__":
    ui.run(main)
