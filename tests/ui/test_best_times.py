"""Best times in Move to Date and the post editor (issue 17): with results
imported for ten Mastodon posts (five on Tuesdays at 10:00 doing three
times as well as five on Thursdays at 13:00), Move to Date (Ctrl+M) on a
Mastodon post's card offers "Tue 10:00" (named for a screen reader with its
index and posts), which moves it to the first Tuesday from its day at
10:00; its editor's Best row offers the same, whose click sets the Time
row to 10:00, and Save keeps it."""

import datetime

import lineup_ui as ui


def weekdays_before(today, weekday, count):
    day = today - datetime.timedelta(days=2)
    day -= datetime.timedelta(days=(day.weekday() - weekday) % 7)
    return [day - datetime.timedelta(days=7 * k) for k in range(count)]


def main():
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(ui.cli_json("slots", "list", "--json")["zone"])
    today = datetime.datetime.now(zone).date()
    rows = ["post,date,reactions"]
    for weekday, time, likes in ((1, "10:00", 30), (3, "13:00", 10)):
        for day in weekdays_before(today, weekday, 5):
            post = ui.cli("post", "add", "--title", f"Past {day}", "--pillar", "Product education", "--type",
                          "Educational", "--date", day.isoformat(), "--time", time, "--platform", "mastodon").strip()
            rows.append(f"{post},{today},{likes}")
    path = ui.DB + "-results.csv"
    with open(path, "w") as f:
        f.write("\n".join(rows) + "\n")
    ui.cli("results", "import", path)
    # The post to time, on a day of its own this month, visible on the grid.
    busy = {p["date"] for p in ui.cli_json("post", "list", "--json") if p["date"]}
    home = next(d for d in (today + datetime.timedelta(days=k) for k in range(1, 20))
                if d.isoformat() not in busy and d.month == today.month) \
        if today.day < 20 else next(d for d in (today - datetime.timedelta(days=k) for k in range(1, 20))
                                    if d.isoformat() not in busy)
    post_id = ui.cli("post", "add", "--title", "Time me well", "--pillar", "Product education", "--type",
                     "Educational", "--date", home.isoformat(), "--time", "15:45", "--platform", "mastodon").strip()
    tuesday = home + datetime.timedelta(days=(1 - home.weekday()) % 7)

    app = ui.wait_for("the Lineup application on the accessibility bus", ui.app)
    frame = ui.wait_for("the main window", lambda: ui.find(app, role="frame"))
    calendar = ui.wait_for("the calendar", lambda: ui.find(frame, name="LineupCalendarView", role="filler",
                                                          visible=False))
    # 1. Move to Date: the best time moves the post at once.
    card = ui.wait_for("the card 'Time me well'", lambda: ui.find(calendar, name="Time me well", role="push button"))
    ui.click(card)
    ui.focus_window("Lineup")
    ui.key("ctrl+m", pause=0.4)
    best = ui.wait_for("the best slot in Move to Date",
                       lambda: ui.find(app, prefix="Best time Tue 10:00", role="push button", visible=False))
    assert best.name == "Best time Tue 10:00: 1.5 times the usual, 5 posts", best.name
    assert ui.find(app, prefix="Best time Thu", role="push button", visible=False) is None, \
        "Thursday does worse than usual"
    ui.press(best)
    moved = ui.wait_for("the post moved to the best time", lambda: (lambda s: s if s["time"] == "10:00" else None)(
        ui.cli_json("post", "show", post_id, "--json")))
    assert moved["date"] == tuesday.isoformat(), (moved["date"], tuesday)

    # 2. The editor: another time, then the best one from the Best row.
    ui.cli("post", "edit", post_id, "--time", "15:45")
    card = ui.wait_for("the card on Tuesday", lambda: ui.find(calendar, name="Time me well", role="push button"))
    ui.wait_for("the card at 15:45", lambda: "15:45" in (ui.find(calendar, name="Time me well",
                                                                 role="push button").description or ""))
    ui.click(ui.find(calendar, name="Time me well", role="push button"), double=True)
    editor = ui.wait_for("the post editor", lambda: ui.find(app, name="Edit Post", not_role="label", visible=False))
    best = ui.wait_for("the best slot's button",
                       lambda: ui.find(editor, prefix="Best time Tue 10:00", role="push button", visible=False))
    ui.press(best)
    time_row = ui.find(editor, name="Time (HH:MM)", role="text", visible=False)
    text = time_row.queryText()
    ui.wait_for("the time set", lambda: text.getText(0, text.characterCount) == "10:00", timeout=5)
    ui.screenshot()
    ui.focus_window("Edit Post")
    ui.key("ctrl+s")
    saved = ui.wait_for("the post saved at the best time", lambda: (lambda s: s if s["time"] == "10:00" else None)(
        ui.cli_json("post", "show", post_id, "--json")))
    # The editor counts from the post's day, or today when that is past.
    start = max(tuesday, today)
    again = start + datetime.timedelta(days=(1 - start.weekday()) % 7)
    assert saved["date"] == again.isoformat(), (saved["date"], again)
    print(f"ok: moved to {saved['date']} {saved['time']}")


if __name__ == "__main__":
    ui.run(main)
