"""The calendar read at a glance (issue 16): month card titles show their
first ~20 characters at the default size and at 1920 pixels; a tall window
shows more cards a day than the old two; a card with four networks shows
four icons; the stage marks have a legend that tells Approved from Scheduled
by shape; the header's + starts a post in the month on screen; Week opens on
a week with posts and keeps its columns even after a drop; an overlay added
from the command line shows in the open window; a post dragged outside its
campaign's dates says so in the toast, and Undo puts it back."""

import contextlib
import datetime
import os
import subprocess
import time

import gi
gi.require_version("Pango", "1.0")
gi.require_version("PangoCairo", "1.0")
from gi.repository import Pango, PangoCairo  # noqa: E402

import lineup_ui as ui  # noqa: E402

TODAY = datetime.date.today()
NEXT_MONTH = (TODAY.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
FOUR = ["linkedin", "x", "mastodon", "bluesky"]
FOUR_NAMES = ["LinkedIn", "X", "Mastodon", "Bluesky"]
BUSY_TITLES = [f"Busy day post number {i}: a title of some length" for i in range(1, 7)]
FOUR_TITLE = "Four networks: the roastery's open day"
LATER_TITLE = "Next month's tasting notes for the newsletter"


def day_name(date, hour=None):
    name = date.strftime("%A %-d %B %Y")
    return name if hour is None else f"{name}, {hour:02d}:00"


def text_width(text):
    """The width of @text in the cards' title font (the default font,
    smaller, semibold), as Pango lays it out on this screen (96 dpi)."""
    fontmap = PangoCairo.FontMap.get_default()
    context = fontmap.create_context()
    PangoCairo.context_set_resolution(context, 96)
    layout = Pango.Layout.new(context)
    font = Pango.FontDescription.from_string("Cantarell 11")
    font.set_size(int(font.get_size() / 1.2))
    font.set_weight(Pango.Weight.SEMIBOLD)
    layout.set_font_description(font)
    layout.set_text(text, -1)
    width, height = layout.get_pixel_size()
    return width, height


def window_id():
    return ui.focus_window("Lineup")


def resize(width, height):
    wid = window_id()
    ui.xdotool("windowmove", wid, 0, 0)
    ui.xdotool("windowsize", wid, width, height)

    def geometry():
        out = subprocess.run(["xdotool", "getwindowgeometry", "--shell", wid], capture_output=True, text=True).stdout
        geo = dict(line.split("=", 1) for line in out.split() if "=" in line)
        return int(geo.get("WIDTH", 0)) == width and int(geo.get("HEIGHT", 0)) == height
    ui.wait_for(f"the window at {width}×{height}", geometry)
    time.sleep(1.0)


def cell_among(parent, name, visible=True):
    """The child of @parent named @name (on screen, unless @visible is
    False: what ui.find would take for it), without walking the cards of
    the cells before it."""
    try:
        for i in range(parent.childCount):
            child = parent.getChildAtIndex(i)
            if child is None:
                continue
            known[child.name] = child
            if child.name == name and (not visible or ui.on_screen(child)):
                return child
    except Exception:   # the tree changed under us
        pass
    return None


# The grid of the cells found last (the month's days, the week's hours),
# and its cells by name as last seen (a cell of the month's grid takes
# another day's name when the month changes).
grid = []
known = {}


def cell(frame, name, visible=True):
    """ui.find(frame, name=name, visible=visible) for a day (or an hour)
    cell: among the cells of the grid the last one found was in, else a walk
    of the window."""
    found = known.get(name)
    try:
        if found is not None and found.name == name and (not visible or ui.on_screen(found)):
            return found
    except Exception:   # gone from the tree
        pass
    found = cell_among(grid[0], name, visible) if grid else None
    if found is None:
        found = ui.find(frame, name=name, visible=visible)
        if found is not None:
            grid[:] = [found.parent]
    return found


def card_in(frame, name, title):
    """ui.find(frame, name=title, role="push button") for a card in the cell
    @name: looked for in that cell first, then in the whole window."""
    day = cell(frame, name)
    return (ui.find(day, name=title, role="push button") if day is not None else None) \
        or ui.find(frame, name=title, role="push button")


def title_label(frame, title, date):
    card = ui.wait_for(f"the card {title!r}", lambda: card_in(frame, day_name(date), title))
    return card, ui.wait_for(f"the title label of {title!r}",
                             lambda: ui.find(card, name=title, role="label"))


def check_title_room(frame, title, date, where):
    """The label's room (its width times its lines) holds the title's first
    20 characters (the card of @title on @date)."""
    card, label = title_label(frame, title, date)
    ui.wait_for("the card laid out", lambda: ui.settled(card))
    x, y, w, h = ui.extents(label)
    needed, line = text_width(title[:20])
    lines = max(1, round(h / line))
    room = w * min(lines, 2)
    assert room >= needed * 1.1, \
        f"{where}: the title {title!r} has {w}×{h} px ({lines} line(s)); its first 20 characters need {needed} px"
    return w, lines


def cards_in_day(frame, date, titles):
    day = cell(frame, day_name(date))
    assert day is not None, f"no day {day_name(date)}"
    cx, cy, cw, ch = ui.extents(day)
    shown = 0
    for title in titles:
        card = ui.find(day, name=title, role="push button")
        if card is None:
            continue
        x, y, w, h = ui.extents(card)
        if h > 0 and cy <= y and y + h <= cy + ch + 1:
            shown += 1
    return shown


T0 = time.monotonic()


FAILED = []


@contextlib.contextmanager
def section(number):
    """One point of the test. LINEUP_GLANCE_SOFT=1 (to check each point
    against an older build) reports a failed point and goes on."""
    print(f"{time.monotonic() - T0:5.1f}s point {number}", flush=True)
    try:
        yield
    except Exception as e:
        if not os.environ.get("LINEUP_GLANCE_SOFT"):
            raise
        FAILED.append(number)
        print(f"point {number} FAILED: {e}", flush=True)


def main():
    # A busy day, a card with four networks, a post next month (after its
    # first week); all from the command line while the window is open.
    busy = TODAY.replace(day=28)
    for i, title in enumerate(BUSY_TITLES):
        ui.cli("post", "add", "--title", title, "--pillar", "Product education", "--type", "Educational",
               "--date", busy.isoformat(), "--time", f"{8 + i:02d}:00", "--platform", "linkedin")
    four_day = TODAY.replace(day=21)
    ui.cli("post", "add", "--title", FOUR_TITLE, "--pillar", "Product education", "--type", "Educational",
           "--date", four_day.isoformat(), "--time", "10:00",
           *[a for p in FOUR for a in ("--platform", p)])
    later_day = NEXT_MONTH.replace(day=20)
    ui.cli("post", "add", "--title", LATER_TITLE, "--pillar", "Product education", "--type", "Educational",
           "--date", later_day.isoformat(), "--time", "09:00", "--platform", "linkedin")
    posts = ui.cli_json("post", "list", "--json")
    long_post = next(p for p in posts
                     if p["date"] and p["date"][:7] == TODAY.isoformat()[:7] and len(p["title"]) >= 30
                     and p["title"] not in BUSY_TITLES and p["title"] != FOUR_TITLE)
    long_title, long_day = long_post["title"], datetime.date.fromisoformat(long_post["date"])

    app = ui.wait_for("the Lineup application on the accessibility bus", ui.app)
    frame = ui.wait_for("the main window", lambda: ui.find(app, role="frame"))
    ui.wait_for("the busy day's first card", lambda: card_in(frame, day_name(busy), BUSY_TITLES[0]))
    width = lines = count = 0
    after = []
    default_count = cards_in_day(frame, busy, BUSY_TITLES)

    with section('1'):
        # 1. Titles: the first ~20 characters at the default size, and at 1920.
        width, lines = check_title_room(frame, long_title, long_day, "default size")
        ui.screenshot(ui.SHOT.replace(".png", "-default.png"))

    with section('2'):
        # 2. A tall window shows more of a busy day than the old "2 + N more".
        resize(1920, 1000)
        check_title_room(frame, long_title, long_day, "1920 px")
        resize(1920, 1440)
        count = ui.wait_for("the busy day's cards at a tall window",
                            lambda: (lambda n: n if n >= 3 else None)(cards_in_day(frame, busy, BUSY_TITLES)))
        assert count > default_count or count >= 3, (count, default_count)
        if count < len(BUSY_TITLES):
            more = ui.find(frame, name=f"{len(BUSY_TITLES) - count} more posts")
            assert more is not None, f"no “{len(BUSY_TITLES) - count} more posts” button"
        ui.screenshot(ui.SHOT.replace(".png", "-tall.png"))

    with section('3'):
        # 3. Four networks: four icons on the card, all four in its description.
        card = ui.wait_for("the four-network card", lambda: card_in(frame, day_name(four_day), FOUR_TITLE))
        icons = [ui.find(card, name=name, role="image") for name in FOUR_NAMES]
        assert all(icons), f"network icons on the card: {[i is not None for i in icons]}"
        for name in FOUR_NAMES:
            assert name in (card.description or ""), f"{name} not in the description {card.description!r}"

    with section('4'):
        # 4. The stage legend: every stage, Approved and Scheduled told apart in words.
        legend = ui.wait_for("the stage legend", lambda: ui.find(frame, name="Stage legend"))
        approved = ui.find(legend, name="Approved", role="label")
        scheduled = ui.find(legend, name="Scheduled", role="label")
        assert approved is not None and scheduled is not None, "Approved and Scheduled in the legend"
        assert approved.description and scheduled.description and approved.description != scheduled.description, \
            (approved.description, scheduled.description)

    with section('5'):
        # 5. The campaign: its post dragged a week later, outside its dates.
        resize(1180, 780)
        campaign_post = next(p for p in posts if p.get("campaign"))
        source = datetime.date.fromisoformat(campaign_post["date"])
        target = source + datetime.timedelta(days=7)
        card = ui.wait_for("the campaign's card", lambda: card_in(frame, day_name(source), campaign_post["title"]))
        ui.drag(card, cell(frame, day_name(target)))
        toast = ui.wait_for("the toast about the campaign",
                            lambda: ui.nearest(frame, lambda n: "outside its campaign" in (n.name or ""), 9), timeout=5)
        assert campaign_post["campaign"] in toast.name, toast.name
        assert ui.cli_json("post", "show", campaign_post["id"], "--json")["date"] == target.isoformat()
        ui.screenshot(ui.SHOT.replace(".png", "-campaign.png"))
        def undo_button():
            return ui.nearest(frame, lambda n: (n.name or "").replace("_", "") == "Undo" and ui.on_screen(n), 12)
        # One click, with the pointer.
        ui.click(ui.wait_for("the toast's Undo", undo_button, timeout=5))
        ui.wait_for("the post back in its campaign",
                    lambda: ui.cli_json("post", "show", campaign_post["id"], "--json")["date"] == campaign_post["date"])

    with section('6'):
        # 6. An overlay from the command line shows in the open window.
        folder = os.path.dirname(ui.DB)
        ics = os.path.join(folder, "fairs.ics")
        fair = TODAY.replace(day=26)
        with open(ics, "w", newline="") as f:
            f.write("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nBEGIN:VEVENT\r\nUID:fair@test\r\n"
                    "DTSTAMP:20260101T000000Z\r\n" f"DTSTART;VALUE=DATE:{fair:%Y%m%d}\r\n"
                    "SUMMARY:Coffee fair\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
        ui.cli("overlay", "add", "Fairs", ics)
        ui.wait_for("the overlay's event on its day",
                    lambda: "Coffee fair (Fairs)" in (cell(frame, day_name(fair), visible=False).description or ""),
                    timeout=10)

    with section('7'):
        # 7. Next month, then Week: it opens on the month's first week with
        #    posts, not its first (empty) week.
        ui.press(ui.find(frame, name="Next month", role="push button"))
        ui.wait_for("next month's card", lambda: card_in(frame, day_name(later_day), LATER_TITLE))
        ui.focus_window("Lineup")
        ui.press(ui.find(frame, name="Week", not_role="label"))
        ui.wait_for("the week of next month's post", lambda: cell(frame, day_name(later_day, 9)))

    with section('8'):
        # 8. Its columns keep their width after a drop.
        first = later_day - datetime.timedelta(days=(later_day.weekday() + 1) % 7)
        names = [day_name(first + datetime.timedelta(days=d), 9) for d in range(7)]
        week = cell(frame, names[0]).parent

        def widths():
            # The hour's seven cells, in one pass over the week grid.
            found = {}
            for i in range(week.childCount):
                node = week.getChildAtIndex(i)
                if node is not None and node.name in names:
                    found[node.name] = ui.extents(node)[2]
            return [found.get(name, 0) for name in names]
        before = widths()
        hour = cell(frame, day_name(later_day, 9))
        card = ui.wait_for("the card in its hour", lambda: ui.find(hour, name=LATER_TITLE, role="push button"))
        target = cell(frame, day_name(later_day + datetime.timedelta(days=1), 9))
        ui.drag(card, target)
        ui.wait_for("the post moved in the week",
                    lambda: ui.cli_json("post", "show", started_id(LATER_TITLE), "--json")["date"]
                    == (later_day + datetime.timedelta(days=1)).isoformat())
        time.sleep(0.5)
        after = widths()
        assert max(after) - min(after) <= 2 and all(abs(a - b) <= 2 for a, b in zip(before, after)), \
            f"week columns before the drop {before}, after {after}"

    with section('9'):
        # 9. The month on screen again: the header's + starts a post there.
        ui.press(ui.find(frame, name="Month", not_role="label"))
        ui.wait_for("the month grid", lambda: cell(frame, day_name(NEXT_MONTH.replace(day=3))))
        ui.press(ui.find(frame, name="New post", role="push button"))
        ui.wait_for("the new-post editor", lambda: ui.toplevel(app, "New Post", not_role="label"))
        ui.focus_window("New Post")
        time.sleep(0.3)
        ui.xdotool("type", "--delay", "5", "Started from the header")
        ui.xdotool("key", "--clearmodifiers", "ctrl+s")

        def started():
            found = [p for p in ui.cli_json("post", "list", "--json") if p["title"] == "Started from the header"]
            return found[0] if found else None
        new = ui.wait_for("the new post in the plan", started)
        assert new["date"] and new["date"][:7] == NEXT_MONTH.isoformat()[:7], \
            f"the header's + made a post dated {new['date']!r}, not in {NEXT_MONTH:%B %Y}"

    ui.screenshot()
    assert not FAILED, f"points {FAILED} failed"
    print(f"ok: title {width} px × {lines} lines; {default_count} → {count} cards on a busy day; "
          f"four icons; legend; campaign toast; overlay live; + in {NEXT_MONTH:%B}; week columns {after}")


def started_id(title):
    return next(p["id"] for p in ui.cli_json("post", "list", "--json") if p["title"] == title)


if __name__ == "__main__":
    ui.run(main)
