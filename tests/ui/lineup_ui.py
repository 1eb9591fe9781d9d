"""Helpers for driving the real Lineup window: AT-SPI to find things, xdotool
to act as a person would. Waits poll with a deadline; nothing sleeps long."""

import json
import os
import subprocess
import sys
import time

import pyatspi

BIN = os.environ["LINEUP_BINARY"]
DB = os.environ["LINEUP_TEST_DB"]
SHOT = os.environ["LINEUP_SHOT"]


def wait_for(what, fn, timeout=30.0):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        start = time.monotonic()
        try:
            result = fn()
            if result:
                return result
        except Exception as e:  # the tree changes under us while we walk it
            last = e
        # A poll every 0.1 s at most: one that took that long (a walk of a
        # whole window) is followed at once by the next.
        time.sleep(max(0.0, 0.1 - (time.monotonic() - start)))
    screenshot()
    raise AssertionError(f"timed out waiting for {what} (last error: {last})")


def screenshot(path=None):
    subprocess.run(["import", "-window", "root", path or SHOT], check=False)


def cli(*args):
    out = subprocess.run([BIN, "--database", DB, *args], check=True,
                         capture_output=True, text=True)
    return out.stdout


def cli_json(*args):
    return json.loads(cli(*args))


def app():
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        a = desktop.getChildAtIndex(i)
        if a is not None and a.name in ("lineup", "Lineup"):
            return a
    return None


def walk(node, pred, depth=0):
    if node is None or depth > 80:
        return None
    try:
        if pred(node):
            return node
        n = node.childCount
    except Exception:
        return None
    for i in range(n):
        found = walk(node.getChildAtIndex(i), pred, depth + 1)
        if found is not None:
            return found
    return None


def toplevel(app, name, role=None, not_role=None):
    """A window of @app (a child of the application: GTK 4.8 makes an
    AdwWindow a "filler") named @name, or None: a few round trips where a
    find() from the application would walk every window before it."""
    for i in range(app.childCount):
        child = app.getChildAtIndex(i)
        if child is None or child.name != name:
            continue
        r = child.getRoleName() if role is not None or not_role is not None else None
        if (role is None or r == role) and (not_role is None or r != not_role):
            return child
    return None


def on_screen(node):
    """GTK 4.8 does not export STATE_SHOWING; a node with an area on the
    screen is one a person can see."""
    try:
        ext = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    except Exception:
        return False
    return ext.width > 0 and ext.height > 0 and ext.x >= 0 and ext.y >= 0


def _matcher(name, role, prefix, not_role, visible):
    # Each property asked is a round trip to the app: each is asked once,
    # the role (the cheaper one) first.
    def pred(n):
        if role is not None or not_role is not None:
            r = n.getRoleName()
            if role is not None and r != role:
                return False
            if not_role is not None and r == not_role:
                return False
        if name is not None or prefix is not None:
            nm = n.name
            if name is not None and nm != name:
                return False
            if prefix is not None and not (nm or "").startswith(prefix):
                return False
        if visible and not on_screen(n):
            return False
        return True
    return pred


def find(root, name=None, role=None, prefix=None, not_role=None, visible=True):
    return walk(root, _matcher(name, role, prefix, not_role, visible))


def walk_last(node, pred, depth=0):
    """walk(), each node's children taken last first."""
    if node is None or depth > 80:
        return None
    try:
        if pred(node):
            return node
        n = node.childCount
    except Exception:
        return None
    for i in reversed(range(n)):
        found = walk_last(node.getChildAtIndex(i), pred, depth + 1)
        if found is not None:
            return found
    return None


def find_last(root, name=None, role=None, prefix=None, not_role=None, visible=True):
    """find(), from the end of the tree: the same node when only one
    matches, found at once when it comes late in the tree (a toast, a
    subpage, a window's last page) where find() walks the rest first."""
    return walk_last(root, _matcher(name, role, prefix, not_role, visible))


def ancestor(node, role):
    """The nearest ancestor of @node with @role (a page of Preferences is
    a "scroll pane"), or None."""
    node = node.parent
    while node is not None and node.getRoleName() not in (role, "application"):
        node = node.parent
    return node if node is not None and node.getRoleName() == role else None


def first_weekday_column(frame, weekdays):
    """The name of the month grid's first column as on screen: the leftmost
    of the seven shown labels named in @weekdays; None until all seven show."""
    labels = []

    def collect(node, depth=0):
        if node is None or depth > 40:
            return
        try:
            if node.getRoleName() == "label" and node.name in weekdays and on_screen(node):
                labels.append(node)
            for i in range(node.childCount):
                collect(node.getChildAtIndex(i), depth + 1)
        except Exception:
            pass
    collect(frame)
    if len(labels) != 7:
        return None
    return min(labels, key=lambda n: extents(n)[0]).name


def extents(node):
    ext = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    return ext.x, ext.y, ext.width, ext.height


def settled(node, within=None, pause=0.3):
    """The node, once it stopped moving (lists scroll on their own when they
    first show) and lies inside @within; else None."""
    if node is None:
        return None
    before = extents(node)
    time.sleep(pause)
    after = extents(node)
    if before != after:
        return None
    if within is not None:
        wx, wy, ww, wh = extents(within)
        x, y, w, h = after
        if not (wx <= x and y >= wy + 50 and x + w <= wx + ww and y + h <= wy + wh - 10):
            return None
    return node


def center(node):
    ext = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    return ext.x + ext.width // 2, ext.y + ext.height // 2


def xdotool(*args):
    subprocess.run(["xdotool", *[str(a) for a in args]], check=True)


def click(node, double=False):
    x, y = center(node)
    xdotool("mousemove", x, y)
    time.sleep(0.1)
    if double:
        xdotool("click", "--repeat", "2", "--delay", "80", "1")
    else:
        xdotool("click", "1")


def press(node):
    """A button or check box, the accessible way (GTK 4.8 reports positions
    inside popovers relative to the popover, so a pointer click would miss)."""
    try:
        action = node.queryAction()
    except NotImplementedError:
        action = None
    if action is not None and action.nActions > 0:
        for i in range(action.nActions):
            if action.getName(i) in ("click", "activate", "press", "toggle"):
                action.doAction(i)
                return
        action.doAction(0)
        return
    click(node)


def drag(source, target, copy=False):
    """A real pointer drag: press, several small moves past GTK's threshold,
    a pause over the target, release (holding Ctrl for a copy)."""
    x0, y0 = center(source)
    x1, y1 = center(target)
    xdotool("mousemove", x0, y0)
    time.sleep(0.15)
    xdotool("mousedown", "1")
    time.sleep(0.15)
    for i in range(1, 11):
        xdotool("mousemove", int(x0 + (x1 - x0) * i / 10), int(y0 + (y1 - y0) * i / 10))
        time.sleep(0.05)
    if copy:
        xdotool("keydown", "ctrl")
        for dx in (2, -2):   # GTK reads the modifiers on motion
            xdotool("mousemove", x1 + dx, y1)
            time.sleep(0.1)
    time.sleep(0.3)
    xdotool("mouseup", "1")
    if copy:
        xdotool("keyup", "ctrl")
    time.sleep(0.3)


def drop_files(paths, onto):
    """Files dropped from a file manager: a window of drag-files.c
    ($LINEUP_DRAG_FILES) offering @paths, put at the screen's lower right,
    and a real pointer drag from it onto the point (x, y) @onto; the window
    is closed after."""
    proc = subprocess.Popen([os.environ["LINEUP_DRAG_FILES"], *paths])
    try:
        def found():
            out = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^Drag Files$"],
                                 capture_output=True, text=True).stdout.split()
            return out[0] if out else None
        wid = wait_for("the file manager's window", found)
        width, height = (int(v) for v in subprocess.run(["xdotool", "getdisplaygeometry"], capture_output=True,
                                                        text=True).stdout.split())
        xdotool("windowmove", "--sync", wid, width - 250, height - 200)
        time.sleep(0.3)
        out = subprocess.run(["xdotool", "getwindowgeometry", "--shell", wid], capture_output=True, text=True).stdout
        geo = dict(line.split("=", 1) for line in out.split() if "=" in line)
        x0, y0 = int(geo["X"]) + int(geo["WIDTH"]) // 2, int(geo["Y"]) + int(geo["HEIGHT"]) // 2
        x1, y1 = onto
        xdotool("mousemove", x0, y0)
        time.sleep(0.15)
        xdotool("mousedown", "1")
        time.sleep(0.15)
        for i in range(1, 13):
            xdotool("mousemove", int(x0 + (x1 - x0) * i / 12), int(y0 + (y1 - y0) * i / 12))
            time.sleep(0.05)
        time.sleep(0.3)
        xdotool("mouseup", "1")
        time.sleep(0.3)
    finally:
        proc.terminate()
        proc.wait()


def focus_window(title):
    """No window manager under Xvfb: give the window the keyboard by hand.
    After a drag GTK keeps small helper windows (drag icon, tooltip) that can
    match too; the one a person means is the largest."""
    def area(wid):
        out = subprocess.run(["xdotool", "getwindowgeometry", "--shell", wid],
                             capture_output=True, text=True).stdout
        geo = dict(line.split("=", 1) for line in out.split() if "=" in line)
        return int(geo.get("WIDTH", 0)) * int(geo.get("HEIGHT", 0))

    def search():
        out = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", title],
                             capture_output=True, text=True)
        ids = out.stdout.split()
        return max(ids, key=area) if ids else None
    wid = wait_for(f"an X window titled {title!r}", search)
    xdotool("windowfocus", "--sync", wid)
    return wid


def nearest(root, pred, depth=80):
    """The node under @root that satisfies @pred, nearest the top, at most
    @depth levels down: a walk level by level, so that what sits near a
    window's top (a toast, which goes after 5 s; a message at a form's
    foot) is found without walking every card or field first."""
    level = [root]
    for _ in range(depth):
        following = []
        for node in level:
            try:
                if pred(node):
                    return node
                following.extend(node.getChildAtIndex(i) for i in range(node.childCount))
            except Exception:
                pass
        level = [n for n in following if n is not None]
        if not level:
            break
    return None


# The roles of a window: they hold the focus of what is inside them.
WINDOWS = ("frame", "dialog", "window", "filler", "application")


def key(*keys, pause=0.15):
    """Presses each key (xdotool's names) as a person would, a pause after each."""
    for k in keys:
        xdotool("key", "--clearmodifiers", k)
        time.sleep(pause)


def _focused_under(node, skip, depth):
    """The focused element under @node (itself included), not entering
    @skip (a subtree already searched), or None."""
    if node is None or depth > 60:
        return None
    try:
        # The state first: a round trip for every node, where the role
        # is asked only of the few that say they have the focus.
        if node.getState().contains(pyatspi.STATE_FOCUSED) and node.getRoleName() not in WINDOWS:
            return node
        for i in range(node.childCount):
            child = node.getChildAtIndex(i)
            if skip is not None and child == skip:
                continue
            found = _focused_under(child, None, depth + 1)
            if found is not None:
                return found
    except Exception:
        return None
    return None


# Where the focus was found last: a key moves it to a neighbour, mostly.
_last_focused = None


def focused(root):
    """The element with the keyboard focus under @root, or None (an entry
    row's text field is not in GTK 4.8's tree). Only one element has the
    focus: it is looked for first where it was last (that element, then
    the rest of its parent's subtree, then its grandparent's…, up to
    @root), which after a key press finds it in a few round trips where a
    walk from @root asks every node of the window; a last focus outside
    @root (or gone) means a walk from @root."""
    global _last_focused
    chain = []
    node = _last_focused
    try:
        while node is not None and node != root and len(chain) < 60:
            chain.append(node)
            node = node.parent
    except Exception:
        node = None
    if node != root:
        chain = []
    skip = None
    found = None
    for start in chain + [root]:
        found = _focused_under(start, skip, 0)
        if found is not None:
            break
        skip = start
    _last_focused = found
    return found


def run(main):
    """Runs a driver: a failed expectation is a test failure with its reason,
    and a screenshot of the moment is kept."""
    try:
        # LINEUP_UI_PROFILE=1: where the driver's time went, on stderr
        # (mostly AT-SPI round trips to the app, each a fraction of a ms).
        if os.environ.get("LINEUP_UI_PROFILE"):
            import cProfile, pstats
            prof = cProfile.Profile()
            prof.enable()
            try:
                main()
            finally:
                prof.disable()
                pstats.Stats(prof, stream=sys.stderr).sort_stats("cumulative").print_stats(35)
                pstats.Stats(prof, stream=sys.stderr).sort_stats("tottime").print_stats(15)
        else:
            main()
    except AssertionError as e:
        screenshot()
        print(f"FAIL: {e}", file=sys.stderr)
        sys.exit(1)
