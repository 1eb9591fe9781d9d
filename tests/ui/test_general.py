"""Preferences' General page (its Media group too), the shortcuts window and About, as a person
uses them from the keyboard: the dark colour scheme darkens the window at
once; a week that starts on Monday, then Sunday, moves the calendar's first
column; a new time zone keeps every post's moment while the cards show the
new local time; a default post time is the time a new post on a day gets.
Ctrl+? lists the shortcuts; the main menu opens About, with the version."""

import datetime
import os
import subprocess
import tempfile
import time
from zoneinfo import ZoneInfo

import lineup_ui as ui

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def luminance(x, y, w, h):
    """The mean luminance (0 black … 1 white) of a screen area."""
    shot = ui.SHOT.replace(".png", "-probe.png")
    ui.screenshot(shot)
    out = subprocess.run(["convert", shot, "-crop", f"{w}x{h}+{x}+{y}", "+repage", "-colorspace", "Gray",
                          "-format", "%[fx:mean]", "info:"], capture_output=True, text=True, check=True)
    return float(out.stdout)


def first_weekday_column(frame):
    """The name of the month grid's first column, as on screen."""
    return ui.first_weekday_column(frame, WEEKDAYS)


def zone_page(prefs):
    """The Time Zone subpage, once shown: the window's leaflet puts it
    before the window's own page (searched there, not through every page)."""
    leaflet = ui.find(prefs, name="AdwLeaflet", role="filler", visible=False)
    return leaflet.getChildAtIndex(0) if leaflet is not None and leaflet.childCount > 1 else None


def shown(node):
    """@node if it is on the screen, else None (a field found at the top of
    the Time Zone subpage while the page slides in is not looked for again
    through the long list of zones below it)."""
    return node if node is not None and ui.on_screen(node) else None


def toast(prefs, prefix):
    """The toast of Preferences that begins with @prefix, or None: looked
    for beside the window's pages, where the toast overlay shows it, not
    after them (a toast lasts five seconds: a walk through every page first
    could miss it)."""
    leaflet = ui.find(prefs, name="AdwLeaflet", role="filler", visible=False)
    overlay = leaflet.parent
    for i in range(overlay.childCount):
        child = overlay.getChildAtIndex(i)
        if child is not None and child.name != "AdwLeaflet":
            found = ui.find(child, prefix=prefix, role="label")
            if found is not None:
                return found
    return None


def choose(prefs, row_name, steps):
    """Opens a combo row's list and moves @steps down (negative: up) from
    the chosen item, then takes it with Enter: the list is a popover, where
    keys are surer than positions."""
    row = ui.wait_for(f"the {row_name} row", lambda: ui.find(prefs, name=row_name, role="combo box"))
    ui.click(row)
    time.sleep(0.5)
    for _ in range(abs(steps)):
        ui.xdotool("key", "Down" if steps > 0 else "Up")
        time.sleep(0.1)
    ui.xdotool("key", "Return")
    time.sleep(0.3)


def main():
    app = ui.wait_for("the Lineup application on the accessibility bus", ui.app)
    frame = ui.wait_for("the main window", lambda: ui.find(app, role="frame"))
    ui.press(ui.wait_for("the Calendar switcher", lambda: ui.find(frame, name="Calendar", role="page tab")))
    fx, fy, fw, fh = ui.extents(frame)
    light = luminance(fx + 8, fy + 8, fw - 16, fh - 16)
    assert light > 0.6, f"the window should start light (follows the system, light here): {light:.2f}"

    # 1. Ctrl+? shows every shortcut, grouped.
    ui.focus_window("Lineup")
    ui.xdotool("key", "--clearmodifiers", "ctrl+question")
    shortcuts = ui.wait_for("the shortcuts window", lambda: ui.toplevel(app, "Shortcuts", role="frame"))
    for title in ("Search posts", "Move to a date…", "Previous month or week", "Keyboard shortcuts"):
        ui.wait_for(f"the shortcut {title!r}", lambda: ui.find(shortcuts, name=title, role="label", visible=False))
    ui.screenshot(ui.SHOT.replace(".png", "-shortcuts.png"))
    ui.focus_window("Shortcuts")
    ui.xdotool("key", "Escape")
    ui.wait_for("the shortcuts window to close",
                lambda: not ui.find(app, name="Search posts", role="label", visible=True))

    # 2. The main menu (F10) has About, which says the version.
    ui.focus_window("Lineup")
    ui.xdotool("key", "F10")
    ui.wait_for("the main menu", lambda: ui.find(frame, name="About Lineup", visible=False))
    time.sleep(0.3)
    ui.xdotool("key", "Up")   # from the first item up to the last, About
    ui.xdotool("key", "Return")
    about = ui.wait_for("the About window", lambda: ui.toplevel(app, "About", role="frame"))
    ui.wait_for("the version in About", lambda: ui.find(about, name="0.1.0", role="label"))
    issues = ui.wait_for("Report an Issue", lambda: ui.find(about, name="Report an Issue", role="list item"))
    assert issues.description == "https://github.com/lineup/Lineup/issues", issues.description
    ui.screenshot(ui.SHOT.replace(".png", "-about.png"))
    ui.focus_window("About")
    ui.xdotool("key", "Escape")
    ui.wait_for("About to close", lambda: not (lambda w: w is not None and ui.on_screen(w))(
        ui.toplevel(app, "About", role="frame")))

    # 3. Preferences open on General.
    ui.focus_window("Lineup")
    ui.xdotool("key", "--clearmodifiers", "ctrl+comma")
    prefs = ui.wait_for("the Preferences window", lambda: ui.toplevel(app, "Preferences", not_role="label"))
    scheme = ui.wait_for("the General page", lambda: ui.find(prefs, name="Colour Scheme", role="combo box"))
    # The page's rows are looked for in the page, not through every page.
    general = ui.ancestor(scheme, "scroll pane")
    ui.focus_window("Preferences")
    ui.screenshot(ui.SHOT.replace(".png", "-general-light.png"))

    # The dark colour scheme, at once, on every window.
    choose(general, "Colour Scheme", 2)
    ui.wait_for("the window to turn dark", lambda: luminance(fx + 8, fy + 8, fw - 16, fh - 16) < 0.35)
    ui.screenshot(ui.SHOT.replace(".png", "-general-dark.png"))

    # 4. Weeks from Monday, then from Sunday: the calendar follows.
    # The month grid, its cards and its day cells are in the calendar view.
    calendar = ui.find(frame, name="LineupCalendarView", role="filler", visible=False)
    column = first_weekday_column(calendar)
    assert column == "Sun", column   # C.UTF-8's own
    choose(general, "First Day of the Week", 1)
    ui.wait_for("Monday first", lambda: first_weekday_column(calendar) == "Mon")
    choose(general, "First Day of the Week", 1)
    ui.wait_for("Sunday first", lambda: first_weekday_column(calendar) == "Sun")

    # 5. A new time zone for the plan: every post keeps its moment, the cards
    #    show the new local time.
    posts = ui.cli_json("post", "list", "--json")
    today = datetime.date.today()
    # One in the middle of the month, so its day stays on the grid.
    post = next(p for p in posts if p["date"] and p["date"][:7] == today.isoformat()[:7]
                and 6 <= int(p["date"][8:]) <= 24)
    card = ui.wait_for(f"the card {post['title']!r}", lambda: ui.find(calendar, name=post["title"], role="push button",
                                                                     visible=False))
    assert post["time"] in (card.description or ""), card.description
    ui.click(ui.wait_for("the Time Zone row", lambda: ui.find(general, name="Time Zone", role="list item")))
    ui.wait_for("the zone search", lambda: shown(ui.find(zone_page(prefs), name="Search time zones", role="entry",
                                                          visible=False)))
    ui.focus_window("Preferences")
    ui.xdotool("type", "--delay", "20", "Mars/Olympus")
    ui.xdotool("key", "Return")
    ui.wait_for("the refusal, saying why",
                lambda: shown(ui.find(zone_page(prefs), prefix="“Mars/Olympus” is not a time zone", role="label",
                                      visible=False)))
    assert "(Europe/Warsaw)" in ui.cli("post", "show", post["id"])
    # Escape goes back to General, to the Time Zone row, not out of
    # Preferences; Enter there opens the list again, on an empty search.
    ui.xdotool("key", "Escape")
    time.sleep(0.5)
    assert ui.toplevel(app, "Preferences", not_role="label"), "Escape closed Preferences"
    ui.xdotool("key", "Return")
    time.sleep(0.5)
    ui.xdotool("type", "--delay", "20", "new york")
    ui.wait_for("New York in the list", lambda: ui.find(zone_page(prefs), name="New York", role="list item"))
    ui.xdotool("key", "Return")
    ui.wait_for("the plan on New York time", lambda: "(America/New_York)" in ui.cli("post", "show", post["id"]))
    after = ui.cli_json("post", "show", post["id"], "--json")
    # Same moment; its local time is six hours earlier (five in summer, when
    # Europe and America change their clocks on different weekends).
    assert after["scheduled_at"] == post["scheduled_at"], (post, after)
    utc = datetime.datetime.fromisoformat(post["scheduled_at"].replace("Z", "+00:00"))
    assert (after["date"], after["time"]) == (
        utc.astimezone(ZoneInfo("America/New_York")).strftime("%Y-%m-%d"),
        utc.astimezone(ZoneInfo("America/New_York")).strftime("%H:%M")), after
    ui.wait_for("the card at its New York time",
                lambda: after["time"] in (ui.find(calendar, name=post["title"], role="push button",
                                                  visible=False).description or ""))
    ui.wait_for("the row saying the zone", lambda: ui.find(general, prefix="America/New_York · ", role="label"))

    # 6. The default post time: a bad one is refused, 10:30 is taken, and a
    #    post started on an empty day gets it.
    row = ui.wait_for("the Default Post Time row", lambda: ui.find(general, name="Default Post Time", role="text"))
    ui.click(row)
    ui.focus_window("Preferences")
    ui.xdotool("key", "ctrl+a")
    ui.xdotool("type", "--delay", "20", "25:99")
    ui.xdotool("key", "Return")
    ui.wait_for("the refusal", lambda: toast(prefs, "“25:99” is not a time of day"))
    ui.xdotool("key", "ctrl+a")
    ui.xdotool("type", "--delay", "20", "10:30")
    ui.xdotool("key", "Return")

    def default_time():
        """What the command line gives a post with a day and no time."""
        post_id = ui.cli("post", "add", "--title", "Probe", "--pillar", "Product education", "--type", "Educational",
                         "--date", today.isoformat()).strip()
        shown = ui.cli_json("post", "show", post_id, "--json")["time"]
        ui.cli("post", "delete", post_id)
        return shown
    ui.wait_for("the plan's default time to be 10:30", lambda: default_time() == "10:30")

    # 6b. A picture no post uses any more (attached, then detached, on the
    #     command line while Preferences is open): the Media group counts it
    #     and Remove takes it out of the media folder.
    spare = os.path.join(tempfile.mkdtemp(prefix="lineup-general-"), "spare.png")
    subprocess.run(["convert", "-size", "64x48", "xc:#3584e4", spare], check=True)
    holder = ui.cli("post", "add", "--title", "Holds a spare picture", "--pillar", "Product education",
                    "--type", "Educational").strip()
    ui.cli("post", "attach", holder, spare, "--alt", "A spare picture")
    ui.cli("post", "detach", holder, "1")
    counted = ui.wait_for("the unused file counted", lambda: ui.find(general, prefix="1 file, ", role="label"))
    row = ui.ancestor(counted, "list item")
    ui.press(ui.wait_for("its Remove button", lambda: ui.find(row, role="push button")))
    ui.wait_for("the row saying what went and that none is left",
                lambda: ui.find(general, prefix="Removed 1 file no post uses (", role="label") and
                "None, in " in ui.find(general, prefix="Removed 1 file no post uses (", role="label").name)
    assert "0 files no post uses" in ui.cli("media", "clean", "--dry-run")
    # Escape dismisses a toast first (libadwaita's way), then the window.
    # Two refusals in a row, then Escape twice at once: libadwaita 1.2
    # crashed when the second toast, replacing the first, was dismissed
    # while it still slid in (lineup-toasts.c).
    ui.click(row)
    ui.focus_window("Preferences")
    for _ in range(2):
        ui.xdotool("key", "ctrl+a")
        ui.xdotool("type", "--delay", "20", "25:99")
        ui.xdotool("key", "Return")
    ui.wait_for("the refusal", lambda: toast(prefs, "“25:99” is not a time of day"))
    ui.xdotool("key", "Escape", "Escape")
    for _ in range(3):
        time.sleep(0.5)
        if not ui.toplevel(app, "Preferences", not_role="label"):
            break
        ui.xdotool("key", "Escape")
    assert ui.find(app, role="frame") is not None, "the app went away as Preferences closed"
    assert not ui.toplevel(app, "Preferences", not_role="label"), "Escape should close Preferences"

    taken = {p["date"] for p in ui.cli_json("post", "list", "--json") if p["date"]}
    empty = next(today.replace(day=d) for d in range(1, 29) if today.replace(day=d).isoformat() not in taken)
    name = empty.strftime("%A ") + str(empty.day) + empty.strftime(" %B %Y")
    day_cell = ui.wait_for(f"the empty day {name!r}", lambda: ui.find(calendar, name=name))
    ui.click(day_cell)
    ui.focus_window("Lineup")
    ui.xdotool("key", "Return")
    ui.wait_for("the new-post editor", lambda: ui.toplevel(app, "New Post", not_role="label"))
    ui.focus_window("New Post")
    ui.xdotool("type", "--delay", "5", "Planned at the default time")
    ui.xdotool("key", "--clearmodifiers", "ctrl+s")

    def planned():
        found = [p for p in ui.cli_json("post", "list", "--json") if p["title"] == "Planned at the default time"]
        return found[0] if found else None
    new = ui.wait_for("the new post in the plan", planned)
    assert (new["date"], new["time"]) == (empty.isoformat(), "10:30"), new

    # 7. The Mix view's weeks are the calendar's (Sunday first, from step 4):
    #    its second week of the month starts on a Sunday, not on a Monday.
    ui.focus_window("Lineup")
    ui.xdotool("key", "--clearmodifiers", "alt+3")
    first = datetime.date.today().replace(day=1)
    sunday2 = first - datetime.timedelta(days=(first.weekday() + 1) % 7 - 7)
    monday2 = first - datetime.timedelta(days=first.weekday() - 7)
    week_of = lambda d: f"{d.day} {d.strftime('%b')}"
    ui.wait_for(f"the Mix view's week of {week_of(sunday2)}",
                lambda: ui.find(frame, name=week_of(sunday2), role="label"))
    assert ui.find(frame, name=week_of(monday2), role="label") is None, \
        f"the Mix view still counts a week from Monday {week_of(monday2)}"
    ui.screenshot()
    print(f"ok: Mix weeks from Sunday {week_of(sunday2)}; shortcuts; About says 0.1.0; light {light:.2f} → dark; Monday, then Sunday first; "
          f"{post['title']!r} {post['time']} Warsaw → {after['time']} New York, same instant; "
          f"new post {new['date']} {new['time']}")


if __name__ == "__main__":
    ui.run(main)
