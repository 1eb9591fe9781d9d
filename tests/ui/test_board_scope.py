"""The board shows the work at hand: with posts across many months, each
column counts what the scope holds (This Week, This Month, the calendar's
month, All) and the counts change when the scope does; "Mine" in the filters
leaves only the posts whose owner is whoever uses the app; a card names its
networks; and during a real pointer drag the columns the workflow would
refuse the card are marked refused (description and state) while a column
it may go to is not."""

import datetime
import subprocess
import time

from gi.repository import GLib

import lineup_ui as ui


STAGES = ("Brief", "Draft", "In review", "Approved", "Scheduled", "Published")
SCOPES = ("This Week", "This Month", "Calendar’s Month", "All")
# The board's columns (lists named "Draft, 4 posts") and scope buttons, found
# once: the accessible objects stay as their names change.
columns = {}
scopes = {}


def expect_counts(what, brief, draft):
    want = (f"Brief, {brief} post{'s' if brief != 1 else ''}",
            f"Draft, {draft} post{'s' if draft != 1 else ''}")
    ui.wait_for(f"{what}: {want}", lambda: (columns["Brief"].name, columns["Draft"].name) == want, timeout=10)


def find_columns(frame):
    """The columns on screen not found yet, in one walk of the window that
    does not go into a column once found (its cards): what a walk per
    column would find, in a sixth of the time. True once all are found."""
    def visit(node, depth=0):
        if node is None or depth > 80:
            return
        try:
            if node.getRoleName() == "list":
                stage = next((s for s in STAGES if (node.name or "").startswith(s + ",")), None)
                if stage is not None and stage not in columns and ui.on_screen(node):
                    columns[stage] = node
                    return
            for i in range(node.childCount):
                visit(node.getChildAtIndex(i), depth + 1)
        except Exception:
            pass
    visit(frame)
    return len(columns) == len(STAGES)


def scope(label):
    ui.press(scopes[label])


def main():
    # The person the app acts as: the real name (no name set in Preferences).
    me = GLib.get_real_name()
    today = datetime.date.today()
    day = lambda d: (today + datetime.timedelta(days=d)).isoformat()
    # A day of this month outside this week, and the previous month's first.
    other = day(8) if (today + datetime.timedelta(days=8)).month == today.month else day(-8)
    previous = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1).isoformat()

    ui.cli("pillar", "add", "Community")
    def add(title, date, owner, *extra):
        args = ["post", "add", "--title", title, "--pillar", "Community", "--type", "Proof", "--owner", owner]
        return ui.cli(*args, *(["--date", date] if date else []), *extra).strip()
    add("Brief today", day(0), me)
    add("Brief this month", other, "Erin")
    add("Brief two months ago", day(-75), me)   # before last month, always
    add("Brief next season", day(90), "Erin")
    add("Brief last month", previous, "Erin")
    add("Brief with no date", None, "Erin")
    add("Draft today", day(0), "Erin", "--stage", "draft", "--body", "Hello",
        "--platform", "mastodon", "--platform", "bluesky", "--platform", "linkedin", "--platform", "x")
    add("Draft long ago", day(-200), me, "--stage", "draft", "--body", "Old")

    process = subprocess.Popen([ui.BIN, "--database", ui.DB])
    try:
        scenario(me)
    except AssertionError:
        ui.screenshot()   # the moment, while the window is open
        raise
    finally:
        process.terminate()
        process.wait()


def scenario(me):
    app = ui.wait_for("the Lineup application on the accessibility bus", ui.app)
    frame = ui.wait_for("the main window", lambda: ui.find(app, role="frame"))
    # The calendar a month back, for the Calendar's Month scope.
    ui.press(ui.wait_for("the previous month button",
                         lambda: ui.find(frame, name="Previous month", role="push button")))
    time.sleep(0.3)
    ui.click(ui.wait_for("the Board switcher", lambda: ui.find(frame, name="Board", role="page tab")))
    board = ui.wait_for("the board", lambda: ui.find(frame, name="Show", not_role="label"))
    for label in SCOPES:
        scopes[label] = ui.wait_for(f"the {label} scope", lambda: ui.find(board, name=label, role="push button"))
    ui.wait_for(f"the columns {STAGES}", lambda: find_columns(frame))

    # 1. The scope: This Month at first; undated posts are in every scope.
    expect_counts("this month", 3, 1)
    scope("All")
    expect_counts("all of the plan", 6, 2)
    scope("This Week")
    expect_counts("this week", 2, 1)
    # (In the Brief column; the rest of the window if not there.)
    ui.wait_for("the No date group",
                lambda: ui.find(columns["Brief"], name="Brief with no date, 1 post", role="list")
                or ui.find(frame, name="Brief with no date, 1 post", role="list"))
    scope("Calendar’s Month")
    expect_counts("the calendar's month", 2, 0)
    scope("This Month")
    expect_counts("this month again", 3, 1)

    # 2. A card names its networks (four: three icons and "+1" on screen).
    card = ui.wait_for("the draft's card",
                       lambda: ui.settled(ui.find(columns["Draft"], name="Draft today", role="push button")))
    for network in ("LinkedIn", "X", "Mastodon", "Bluesky"):
        assert network in (card.description or ""), card.description

    # 3. A real drag of a brief: In review (two stages on) and Approved
    #    refuse it and say why; Draft takes it and is not marked refused.
    brief = ui.wait_for("the brief's card",
                        lambda: ui.settled(ui.find(columns["Brief"], name="Brief today", role="push button")))
    review = columns["In review"]
    draft = columns["Draft"]
    x0, y0 = ui.center(brief)
    x1, y1 = ui.center(review)
    ui.xdotool("mousemove", x0, y0)
    time.sleep(0.15)
    ui.xdotool("mousedown", "1")
    time.sleep(0.15)
    try:
        for i in range(1, 11):
            ui.xdotool("mousemove", int(x0 + (x1 - x0) * i / 10), int(y0 + (y1 - y0) * i / 10))
            time.sleep(0.05)
        time.sleep(0.4)
        refused = ui.wait_for("In review marked refused",
                              lambda: (lambda c: c if (c.description or "").startswith("Cannot move here:") else None)
                              (columns["In review"]), timeout=5)
        assert not refused.getState().contains(ui.pyatspi.STATE_SENSITIVE), "a refused column reads as sensitive"
        approved = columns["Approved"]
        assert (approved.description or "").startswith("Cannot move here:"), approved.description
        allowed = columns["Draft"]
        assert not (allowed.description or "").startswith("Cannot"), allowed.description
        assert allowed.getState().contains(ui.pyatspi.STATE_SENSITIVE), "an allowed column reads as refused"
        print(f"refused: {refused.description!r}")
        ui.screenshot(ui.SHOT.replace(".png", "-dragging.png"))
    finally:
        ui.xdotool("key", "Escape")
        ui.xdotool("mouseup", "1")
    time.sleep(0.5)
    ui.wait_for("the marks gone after the drag",
                lambda: not (columns["In review"].description or "").startswith("Cannot"), timeout=5)

    # 4. Mine: only the posts whose owner is the app's person, in every view.
    scope("All")
    expect_counts("all of the plan", 6, 2)
    ui.click(ui.wait_for("the filter button", lambda: ui.find(frame, name="Filter posts")))
    mine = ui.wait_for("the Mine check box", lambda: ui.find(app, name="Mine", role="check box", visible=False))
    # Positions in popovers are relative to the popover under GTK 4.8: Tab
    # to the check box, as a keyboard user would, and tick it with Space.
    for _ in range(40):
        ui.xdotool("key", "Tab")
        time.sleep(0.05)
        if mine.getState().contains(ui.pyatspi.STATE_FOCUSED):
            break
    assert mine.getState().contains(ui.pyatspi.STATE_FOCUSED), "Tab never reached Mine"
    ui.xdotool("key", "space")
    ui.xdotool("key", "Escape")
    expect_counts(f"{me}'s posts", 2, 1)
    ui.wait_for("the Mine chip", lambda: ui.find(frame, name="Remove filter Owner: Mine"))
    ui.screenshot()


ui.run(main)
