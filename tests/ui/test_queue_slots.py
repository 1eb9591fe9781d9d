"""Posting slots and the queue (issue 18): a LinkedIn slot set in
Preferences → General → Posting Slots (a bad one refused with a toast)
shows faintly in its day of the month, named "Free slot: LinkedIn HH:MM"
for a screen reader; Add to Queue from a card's menu (Shift+F10) moves the
card to that day at that time, one step Ctrl+Z takes back, and the slot is
no longer shown as free; Add to Queue in the post editor gives it the slot
again and its Time row shows it. The month at 1216 pixels wide with the free slots
is kept as a screenshot (-month-slots.png)."""

import datetime
import subprocess
import time

import lineup_ui as ui

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def day_name(date):
    # The day cell's accessible name, as the app writes it under C.UTF-8.
    return date.strftime("%A %-d %B %Y").replace(" 0", " ")


def toast(prefs, prefix):
    """The toast of Preferences that begins with @prefix, or None: looked for
    beside the window's pages, where the toast overlay shows it."""
    leaflet = ui.find(prefs, name="AdwLeaflet", role="filler", visible=False)
    overlay = leaflet.parent
    for i in range(overlay.childCount):
        child = overlay.getChildAtIndex(i)
        if child is not None and child.name != "AdwLeaflet":
            found = ui.find(child, prefix=prefix, role="label")
            if found is not None:
                return found
    return None


def main():
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(ui.cli_json("slots", "list", "--json")["zone"])
    now = datetime.datetime.now(zone)
    tomorrow = (now + datetime.timedelta(days=1)).date()
    slot_day = DAYS[tomorrow.weekday()]
    # Other networks' slots, for the picture: they take nothing of LinkedIn's.
    ui.cli("slots", "set", "instagram", "mon@12:30", "wed@12:30", "fri@12:30")
    ui.cli("slots", "set", "mastodon", "tue@17:00", "thu@17:00")
    # A post on LinkedIn alone, on a day of its own, visible on the grid.
    posts = ui.cli_json("post", "list", "--json")
    busy = {p["date"] for p in posts if p["date"]}
    home = next(d for d in (now.date() + datetime.timedelta(days=k) for k in range(2, 20))
                if d.isoformat() not in busy and d.month == now.month) \
        if now.day < 20 else next(d for d in (now.date() - datetime.timedelta(days=k) for k in range(1, 20))
                                  if d.isoformat() not in busy)
    post_id = ui.cli("post", "add", "--title", "Queue me", "--pillar", "Product education", "--type", "Educational",
                     "--date", home.isoformat(), "--time", "15:00", "--platform", "linkedin").strip()

    app = ui.wait_for("the Lineup application on the accessibility bus", ui.app)
    frame = ui.wait_for("the main window", lambda: ui.find(app, role="frame"))
    calendar = ui.wait_for("the calendar", lambda: ui.find(frame, name="LineupCalendarView", role="filler",
                                                          visible=False))

    # 1. Preferences → General → Posting Slots: a bad slot is refused, then
    #    tomorrow at 06:17 is taken.
    ui.focus_window("Lineup")
    ui.key("ctrl+comma")
    prefs = ui.wait_for("the Preferences window",
                        lambda: ui.toplevel(app, "Preferences", not_role="label"))
    # The group is at the page's foot: the wheel scrolls down to it.
    scheme = ui.wait_for("the General page", lambda: ui.find(prefs, name="Colour Scheme", role="combo box"))
    x, y = ui.center(scheme)
    ui.xdotool("mousemove", x, y)
    for _ in range(8):
        ui.xdotool("click", "5")
    row = ui.wait_for("the LinkedIn slots row", lambda: ui.find(prefs, name="LinkedIn", role="text"))
    time.sleep(0.3)
    ui.click(ui.wait_for("the row to stop", lambda: ui.settled(row)))
    ui.focus_window("Preferences")
    ui.key("ctrl+a")
    ui.xdotool("type", "--delay", "10", "someday@06:17")
    ui.key("Return", pause=0.4)
    ui.wait_for("the refusal", lambda: toast(prefs, "LinkedIn: The slot “someday@06:17”"))
    assert ui.cli_json("slots", "list", "--json")["slots"].get("linkedin") is None
    ui.key("ctrl+a")
    ui.xdotool("type", "--delay", "10", f"{slot_day}@06:17")
    ui.key("Return", pause=0.4)
    ui.wait_for("the slot in the plan",
                lambda: ui.cli_json("slots", "list", "--json")["slots"].get("linkedin") == [f"{slot_day}@06:17"])
    ui.wait_for("the row saying the slot in words",
                lambda: ui.find(prefs, prefix="LinkedIn · ", role="text", visible=False))
    ui.key("Escape")   # the toast
    ui.key("Escape")   # the window
    ui.wait_for("Preferences closed", lambda: not ui.toplevel(app, "Preferences", not_role="label"))

    # 2. The free slot, faint, in tomorrow's cell, named for a screen reader.
    spoken = "Free slot: LinkedIn 06:17"
    day = ui.wait_for(f"the day {day_name(tomorrow)!r}", lambda: ui.find(calendar, name=day_name(tomorrow)))
    ui.wait_for("the free slot in the day", lambda: ui.find(day, prefix=spoken, visible=False))
    assert spoken in (day.description or ""), day.description

    # The month at 1216 pixels wide, for the README.
    wid = subprocess.run(["xdotool", "search", "--name", "^Lineup$"], capture_output=True,
                         text=True).stdout.split()[0]
    ui.xdotool("windowmove", wid, 0, 0)
    ui.xdotool("windowsize", wid, 1216, 800)
    time.sleep(1.0)
    ui.xdotool("mousemove", 1300, 850)
    time.sleep(0.3)
    geometry = subprocess.run(["xdotool", "getwindowgeometry", "--shell", wid], capture_output=True,
                              text=True).stdout
    g = dict(line.split("=") for line in geometry.split())
    subprocess.run(["import", "-window", "root", "-crop", f"{g['WIDTH']}x{g['HEIGHT']}+{g['X']}+{g['Y']}",
                    "+repage", ui.SHOT.replace(".png", "-month-slots.png")], check=False)

    # 3. Add to Queue from the card's menu: Shift+F10, the item, Enter.
    card = ui.wait_for("the card 'Queue me'", lambda: ui.find(calendar, name="Queue me", role="push button"))
    ui.click(card)
    ui.focus_window("Lineup")
    ui.key("shift+F10", pause=0.4)
    item = ui.wait_for("Add to Queue in the menu",
                       lambda: ui.find(app, name="Add to Queue", role="menu item", visible=False))
    ui.press(item)
    queued = ui.wait_for("the post in the slot", lambda: (lambda s: s if s["date"] == tomorrow.isoformat() else None)(
        ui.cli_json("post", "show", post_id, "--json")))
    assert queued["time"] == "06:17", queued
    ui.wait_for("the toast saying the time", lambda: ui.find(frame, prefix="“Queue me” is queued for", role="label"))
    ui.wait_for("the card in the slot's day",
                lambda: ui.find(ui.find(calendar, name=day_name(tomorrow)), name="Queue me", role="push button"))
    ui.wait_for("the slot no longer free",
                lambda: spoken not in (ui.find(calendar, name=day_name(tomorrow)).description or ""))
    ui.screenshot()

    # 4. One step: Ctrl+Z puts it back.
    ui.focus_window("Lineup")
    ui.key("ctrl+z")
    ui.wait_for("the post back on its day",
                lambda: ui.cli_json("post", "show", post_id, "--json")["date"] == home.isoformat())

    # 5. Add to Queue in the post's editor: the same slot, and the Time row
    #    shows it.
    card = ui.wait_for("the card back home", lambda: ui.find(calendar, name="Queue me", role="push button"))
    ui.click(card, double=True)
    editor = ui.wait_for("the post editor", lambda: ui.toplevel(app, "Edit Post", not_role="label"))
    ui.press(ui.wait_for("Add to Queue in the editor",
                         lambda: ui.find(editor, name="Add to Queue", role="push button", visible=False)))
    ui.wait_for("the post in the slot again",
                lambda: ui.cli_json("post", "show", post_id, "--json")["date"] == tomorrow.isoformat())
    time_row = ui.find(editor, name="Time (HH:MM)", role="text", visible=False)
    text = time_row.queryText()
    assert text.getText(0, text.characterCount) == "06:17", text.getText(0, text.characterCount)
    print(f"ok: queued for {queued['date']} {queued['time']}")


if __name__ == "__main__":
    ui.run(main)
