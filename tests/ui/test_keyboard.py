"""A post from start to approval with the keyboard alone: no pointer click or
drag anywhere. AT-SPI only finds and checks (where the focus is, what is
shown); every action is a key.

Ctrl+N opens the editor on the title; Tab reaches the caption, a platform
(Space ticks it), the stage (Space opens the list, Home, Down, Enter) and the
date switch (Space: today, at the plan's default time); Ctrl+S saves. In
the calendar, Tab enters the month and the arrows reach the post's card,
whose focus ring must show; Ctrl+M opens "Move to date", Right picks the
next day and Enter moves the post there. Enter on the card opens the
editor, where the stage goes to In review; opened again, each checklist
item is ticked with Space (the focus stays on the item) and Approve is
pressed. The plan, read through the command line, must hold the post one
day later, approved."""

import datetime
import subprocess
import time

import lineup_ui as ui

pyatspi = ui.pyatspi

TITLE = "Keyboard only: a post made without a pointer"
CAPTION = "Typed, moved and approved from the keyboard."


def type_text(text):
    ui.xdotool("type", "--delay", "15", text)
    time.sleep(0.2)


def say(node):
    if node is None:
        return "nothing named (or a text field)"
    return f"{node.getRoleName()} {node.name!r}"


def seek(root, what, pred, keys=("Tab",), limit=60):
    """Presses @keys in turn, as a person would, until the focus is on an
    element that satisfies @pred; returns it."""
    trail = []
    for i in range(limit + 1):
        node = ui.focused(root)
        try:
            if node is not None and pred(node):
                return node
        except Exception:
            pass
        trail.append(say(node))
        if i < limit:
            ui.xdotool("key", "--clearmodifiers", keys[i % len(keys)])
            time.sleep(0.12)
    raise AssertionError(f"the keyboard never reached {what} ({'/'.join(keys)} ×{limit}); "
                         f"the focus went: {' → '.join(trail[-12:])}")


def window(app, title):
    """A window of the app (GTK 4.8 makes an AdwWindow a "filler"), not a
    button of the same name."""
    for i in range(app.childCount):
        child = app.getChildAtIndex(i)
        if child is not None and child.name == title and child.getRoleName() in ui.WINDOWS:
            return child
    return None


def checked(node):
    return node.getState().contains(pyatspi.STATE_CHECKED)


def show(post_id):
    return ui.cli_json("post", "show", post_id, "--json")


def day_of(node):
    """The date a day cell of the month stands for, from its name."""
    if node.getRoleName() != "panel":
        return None
    try:
        return datetime.datetime.strptime(node.name, "%A %d %B %Y").date()
    except (TypeError, ValueError):
        return None


def to_card(frame, title, day):
    """From wherever the focus is in the main window to the card of @title
    on @day, with Tab and the arrows."""
    first = seek(frame, "a day of the month", lambda n: day_of(n) is not None or n.name == title, limit=40)
    if first.name == title:
        return first
    # Down through the weeks (a day's cards lie on the way), then along
    # the week with Tab or Shift+Tab.
    week = day - datetime.timedelta(days=6)
    node = seek(frame, f"the week of {day}",
                lambda n: n.name == title or (day_of(n) is not None and day_of(n) >= week),
                keys=("Down",), limit=30)
    if node.name == title:
        return node
    back = day_of(node) > day
    return seek(frame, f"the card {title!r}", lambda n: n.name == title and n.getRoleName() == "push button",
                keys=("shift+Tab",) if back else ("Tab",), limit=30)


def ring_shown(node):
    """Whether the card is drawn with a focus ring: a whole line across the
    card in the accent colour (Adwaita's blue), which a card without the
    focus does not have (its pillar's mark is a short upright bar). GTK 4.8
    reports positions a few pixels off, so the rows around the card's top
    and bottom edges are all looked at."""
    x, y, w, h = ui.extents(node)
    shot = ui.SHOT.replace(".png", "-card-focus.png")
    ui.screenshot(shot)
    left, width = x + int(w * 0.2), int(w * 0.6)
    pixels = subprocess.run(["convert", shot, "-crop", f"{width}x{h + 16}+{left}+{y - 8}", "+repage",
                             "-depth", "8", "txt:-"], capture_output=True, text=True, check=True).stdout
    rows = {}
    for line in pixels.splitlines()[1:]:
        try:
            where, colour = line.split(":", 1)
            row = int(where.split(",")[1])
            r, g, b = (int(v) for v in colour.split("(")[1].split(")")[0].split(",")[:3])
        except (IndexError, ValueError):
            continue
        blue, total = rows.get(row, (0, 0))
        rows[row] = (blue + (b > 170 and r < 130 and 90 < g < 180), total + 1)
    best = max((blue / total for blue, total in rows.values() if total), default=0)
    return best > 0.8, f"the bluest line across the card is {best:.0%} accent colour"


STAGES = ("Brief", "Draft", "In review", "Approved", "Scheduled", "Published")


def choose(root, combo, index):
    """Space opens a combo row's list; Home goes to its first item (the
    list of libadwaita 1.2 opens with the keyboard on its first item, not
    on the choice), Down to the one wanted, and Enter takes it."""
    seek(root, f"the {combo} row", lambda n: n.getRoleName() == "combo box" and n.name == combo)
    ui.key("space", pause=0.5)
    ui.key("Home", pause=0.2)
    ui.key(*["Down"] * index, pause=0.2)
    ui.key("Return", pause=0.4)


def main():
    app = ui.wait_for("the Lineup application on the accessibility bus", ui.app)
    frame = ui.wait_for("the main window", lambda: ui.find(app, role="frame"))
    today = datetime.date.today()

    # 1. A new post, from Ctrl+N to Ctrl+S.
    ui.focus_window("Lineup")
    ui.key("ctrl+n")
    editor = ui.wait_for("the new-post editor", lambda: window(app, "New Post"))
    ui.focus_window("New Post")
    time.sleep(0.3)
    type_text(TITLE)                      # the editor opens on the title
    seek(editor, "the caption", lambda n: n.getRoleName() == "text" and n.name == "Caption")
    type_text(CAPTION)
    linkedin = seek(editor, "the LinkedIn check box", lambda n: n.getRoleName() == "check box" and n.name == "LinkedIn")
    ui.key("space")
    assert checked(linkedin), "Space should tick LinkedIn"
    choose(editor, "Stage", STAGES.index("Draft"))
    switch = seek(editor, "the date switch", lambda n: (n.name or "").startswith("Has a date"))
    ui.key("space")
    ui.wait_for("the date switched on", lambda: checked(switch))
    ui.screenshot(ui.SHOT.replace(".png", "-new-post.png"))
    ui.key("ctrl+s")
    ui.wait_for("the editor to close", lambda: not window(app, "New Post"))

    def created():
        found = [p for p in ui.cli_json("post", "list", "--json") if p["title"] == TITLE]
        return found[0] if found else None
    post = ui.wait_for("the new post in the plan", created)
    assert (post["body"], post["stage"], post["platforms"], post["date"]) == \
        (CAPTION, "draft", ["linkedin"], today.isoformat()), post
    post_id = post["id"]

    # 2. Its card in the calendar, reached with the keyboard, shows its focus.
    ui.focus_window("Lineup")
    ui.key("alt+1", pause=0.5)
    ui.wait_for("the calendar", lambda: ui.find(frame, name="Month", role="push button"))
    card = to_card(frame, TITLE, today)
    time.sleep(0.4)
    ring, why = ring_shown(card)
    assert ring, f"the focused card shows no focus ring: {why} (see {ui.SHOT.replace('.png', '-card-focus.png')})"

    # 3. Move to date: Ctrl+M, Right, Enter.
    ui.key("ctrl+m")
    ui.wait_for("the date picker", lambda: ui.find(frame, name="Move here", role="push button", visible=False))
    time.sleep(0.3)
    ui.key("Right")
    ui.key("Return")
    tomorrow = today + datetime.timedelta(days=1)
    ui.wait_for("the post on the next day", lambda: show(post_id)["date"] == tomorrow.isoformat())
    assert show(post_id)["time"] == post["time"], "a move to a day keeps the time"
    # The keyboard stays on the card it moved.
    ui.wait_for("the focus on the moved card",
                lambda: (lambda f: f is not None and f.name == TITLE)(ui.focused(frame)), timeout=5)

    # Whoever uses the window (named in the post's history) approves here.
    actor = show(post_id)["history"][0]["actor"]
    ui.cli("team", "add", actor, "--role", "approver")
    ui.cli("approval-chain", "set", f"Review:any:{actor}")

    # 4. Enter opens the editor; the stage goes on to In review.
    ui.key("Return")
    editor = ui.wait_for("the editor", lambda: window(app, "Edit Post"))
    ui.focus_window("Edit Post")
    time.sleep(0.3)
    choose(editor, "Stage", STAGES.index("In review"))
    ui.key("ctrl+s")
    ui.wait_for("the editor to close", lambda: not window(app, "Edit Post"))
    ui.wait_for("the post in review", lambda: show(post_id)["stage"] == "in-review")

    # 5. Opened again: every checklist item ticked with Space, then Approve.
    ui.focus_window("Lineup")
    on = ui.focused(frame)
    if not (on and on.name == TITLE):
        to_card(frame, TITLE, tomorrow)
    ui.key("Return")
    editor = ui.wait_for("the editor", lambda: window(app, "Edit Post"))
    ui.wait_for("the checklist", lambda: ui.find(editor, name="Checklist", visible=False))
    ui.focus_window("Edit Post")
    time.sleep(0.3)
    items = [c["item"] for c in show(post_id)["checklist"]]
    assert items and not any(c["checked"] for c in show(post_id)["checklist"]), show(post_id)["checklist"]
    for n, item in enumerate(items):
        seek(editor, f"the checklist item {item!r}",
             lambda node: node.getRoleName() == "check box" and (node.name or "").startswith(item))
        ui.key("space")
        ui.wait_for(f"“{item}” ticked in the plan",
                    lambda: [c["checked"] for c in show(post_id)["checklist"]][n])
        # The panel is built again after each tick: the keyboard stays on
        # the item, so the next Tab goes on from there.
        ui.wait_for(f"the focus back on “{item}”",
                    lambda: (lambda f: f is not None and (f.name or "").startswith(item) and checked(f))(ui.focused(editor)),
                    timeout=5)
    ui.screenshot(ui.SHOT.replace(".png", "-checklist.png"))
    seek(editor, "the Approve button", lambda n: n.getRoleName() == "push button" and n.name == "Approve",
         keys=("shift+Tab",), limit=40)
    ui.key("space")
    ui.wait_for("the post approved", lambda: show(post_id)["stage"] == "approved")

    final = show(post_id)
    assert (final["date"], final["time"], final["stage"]) == (tomorrow.isoformat(), post["time"], "approved"), final
    approvals = [h for h in final["history"] if h["kind"] == "approve"]
    assert approvals and approvals[-1]["actor"] == actor, final["history"]
    ui.focus_window("Edit Post")
    ui.key("Escape")
    ui.wait_for("the editor to close", lambda: not window(app, "Edit Post"))
    ui.screenshot()
    print(f"ok: {TITLE!r} made on {today}, moved to {final['date']} {final['time']}, "
          f"in review and approved by {actor}, all from the keyboard ({why})")


ui.run(main)
