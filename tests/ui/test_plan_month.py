"""Plan This Month on an empty month: an overlay is marked blackout in
Preferences → Sharing; the main menu opens the preview (the briefs week by
week, with type and pillar), a second network is chosen, Add Briefs adds
them, none on the blackout days, the calendar shows them, the Mix (briefs
counted) reads 90 or more, and one Ctrl+Z takes them all
away. Keeps the preview's picture for data/screenshots/plan-month.png."""

import datetime
import os
import subprocess

import lineup_ui as ui


def briefs():
    return [p for p in ui.cli_json("post", "list", "--json") if p["date"]]


def main():
    for name, target in (("Product education", "40"), ("Customer stories", "25"),
                         ("Behind the scenes", "20"), ("Community", "15")):
        ui.cli("pillar", "add", name, "--target", target)
    # An undated idea: the plan is not empty, the months are.
    ui.cli("post", "add", "--title", "Backlog idea", "--pillar", "Community", "--type", "Proof")
    # A freeze on the 11th to the 13th of next month.
    ics = os.path.join(os.path.dirname(ui.DB), "freeze.ics")
    with open(ics, "w") as f:
        f.write("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n")
        for day in FREEZE:
            f.write(f"BEGIN:VEVENT\r\nUID:{day}@test\r\nDTSTAMP:20260101T000000Z\r\n"
                    f"DTSTART;VALUE=DATE:{next_month().replace(day=day):%Y%m%d}\r\nSUMMARY:Freeze\r\nEND:VEVENT\r\n")
        f.write("END:VCALENDAR\r\n")
    ui.cli("overlay", "add", "Freeze", ics)
    # The Mix counts briefs too (what Preferences → Content Mix → What Counts sets).
    ui.cli("targets", "count", "brief", "draft", "in-review", "approved", "scheduled", "published")

    process = subprocess.Popen([ui.BIN, "--database", ui.DB])
    try:
        scenario()
    except AssertionError:
        ui.screenshot()
        raise
    finally:
        process.terminate()
        process.wait()


FREEZE = (11, 12, 13)


def next_month():
    today = datetime.date.today()
    return (today.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def next_month_title():
    return "Plan " + next_month().strftime("%B %Y")


def summary_count(dialog):
    """The number in the preview's "30 briefs for January 2027"."""
    found = []

    def visit(node, depth=0):
        if node is None or depth > 60 or found:
            return
        if " briefs for " in (node.name or "") and "blackout days left free" in node.name:
            found.append(node.name)
        for i in range(node.childCount):
            visit(node.getChildAtIndex(i), depth + 1)
    visit(dialog)
    return int(found[0].split()[0]) if found else None


def scenario():
    app = ui.wait_for("the Lineup application on the accessibility bus", ui.app)
    frame = ui.wait_for("the main window", lambda: ui.find(app, role="frame"))
    # The freeze marked blackout, in Preferences → Sharing.
    ui.focus_window("Lineup")
    ui.xdotool("key", "--clearmodifiers", "ctrl+comma")
    prefs = ui.wait_for("the Preferences window",
                        lambda: ui.toplevel(app, "Preferences", not_role="label"))
    ui.press(ui.wait_for("the Sharing page", lambda: ui.find(prefs, name="Sharing", role="page tab", visible=False)))
    ui.press(ui.wait_for("the overlay's Blackout toggle",
                         lambda: ui.find(prefs, prefix="Blackout: keep the days of Freeze free", visible=False)))
    ui.wait_for("the overlay marked blackout", lambda: ui.cli_json("overlay", "list", "--json")[0]["blackout"])
    ui.focus_window("Preferences")
    ui.xdotool("key", "Escape")
    ui.wait_for("Preferences closed", lambda: ui.toplevel(app, "Preferences") is None)

    # Next month: empty, and whole (this one may be half gone).
    ui.press(ui.wait_for("the next month button", lambda: ui.find(frame, name="Next month", role="push button")))

    # The picture's frame: the window 1216 pixels wide.
    ui.xdotool("windowsize", "--sync", ui.focus_window("Lineup"), 1216, 800)
    ui.focus_window("Lineup")
    ui.xdotool("key", "F10")
    ui.press(ui.wait_for("Plan This Month… in the main menu",
                         lambda: ui.find(frame, name="Plan This Month…", role="menu item", visible=False)))
    title = next_month_title()
    dialog = ui.wait_for(f"the dialog “{title}”", lambda: ui.toplevel(app, title))
    ui.wait_for("a week of briefs", lambda: ui.find(dialog, prefix="Week 1 · from"))
    one = ui.wait_for("the number of briefs on LinkedIn alone", lambda: summary_count(dialog))
    ui.press(ui.wait_for("the Instagram toggle", lambda: ui.find(dialog, name="Instagram", role="push button")))
    ui.wait_for("the tier on two networks", lambda: ui.find(dialog, name="LinkedIn 2 a week, Instagram 3 a week"))
    count = ui.wait_for("more briefs on two networks", lambda: (lambda n: n if n and n > one else None)(summary_count(dialog)))
    assert ui.find(dialog, prefix="Educational · "), "no Educational brief in the preview"
    # No window manager: the dialog is put over the window's middle by hand.
    ui.xdotool("windowmove", "--sync", ui.focus_window(title), (1216 - 600) // 2, 20)
    ui.settled(ui.find(dialog, prefix="Week 1 · from"), within=dialog)
    subprocess.run(["import", "-window", "root", "-crop", "1216x800+0+0", "+repage",
                    ui.SHOT.replace(".png", "-preview.png")], check=False)

    ui.press(ui.wait_for("Add Briefs", lambda: ui.find(dialog, name="Add Briefs", role="push button")))
    added = ui.wait_for(f"{count} briefs in the plan", lambda: (lambda b: b if len(b) == count else None)(briefs()))
    assert all(p["stage"] == "brief" and len(p["platforms"]) == 1 for p in added), added
    frozen = {next_month().replace(day=d).isoformat() for d in FREEZE}
    assert not [p for p in added if p["date"] in frozen], [p["date"] for p in added]
    ui.wait_for("a brief on the calendar", lambda: ui.find(frame, prefix="Educational brief · ", role="push button"))
    # The Mix view reads the month's balance with the briefs counted.
    ui.click(ui.wait_for("the Mix switcher", lambda: ui.find(frame, name="Mix", role="page tab")))
    balance = ui.wait_for("the Mix's balance", lambda: ui.find(frame, prefix="Balance ", role="label"))
    score = int(balance.name.split()[1].split("/")[0])
    assert score >= 90, balance.name
    ui.click(ui.wait_for("the Calendar switcher", lambda: ui.find(frame, name="Calendar", role="page tab")))

    ui.focus_window("Lineup")
    ui.xdotool("key", "--clearmodifiers", "ctrl+z")
    ui.wait_for("every brief gone with one undo", lambda: briefs() == [], timeout=10)
    ui.wait_for("the calendar without them",
                lambda: ui.find(frame, prefix="Educational brief · ", role="push button") is None)
    titles = [p["title"] for p in ui.cli_json("post", "list", "--json")]
    assert titles == ["Backlog idea"], titles
    ui.screenshot()
    print(f"ok: {count} briefs proposed ({one} on LinkedIn alone), the Mix at {score}/100, added and undone in one step")


if __name__ == "__main__":
    ui.run(main)
