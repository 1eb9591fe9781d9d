"""The content mix while planning: the calendar's meter shows the month as
it would be while a card is dragged out of it, settles on the drop, and
Ctrl+Z brings it back. The Mix tab shows the same numbers."""

import re
import time

import lineup_ui as ui


def meter_bar(frame, name):
    group = ui.wait_for("the calendar's mix meter", lambda: ui.find(frame, name="Content mix", visible=False))
    return ui.wait_for(f"the {name} bar", lambda: ui.find(group, name=name, visible=False))


def posts_of(bar):
    m = re.search(r"(\d+) posts?", bar.description or "")
    assert m, bar.description
    return int(m.group(1))


def share_of(bar):
    m = re.match(r"(\d+) %", bar.description or "")
    assert m, bar.description
    return int(m.group(1))


def main():
    month = ui.cli_json("mix", "--json")
    edu = next(t for t in month["types"] if t["key"] == "educational")
    posts = ui.cli_json("post", "list", "--json")
    app = ui.wait_for("the Lineup application on the accessibility bus", ui.app)
    frame = ui.wait_for("the main window", lambda: ui.find(app, role="frame"))
    ui.click(ui.wait_for("the Calendar switcher", lambda: ui.find(frame, name="Calendar", role="page tab")))

    bar = meter_bar(frame, "Educational")
    ui.wait_for("the meter to count the month", lambda: posts_of(meter_bar(frame, "Educational")) == edu["count"])
    assert share_of(bar) == round(100 * edu["count"] / month["total"]), (bar.description, edu)

    # An educational post of this month that may move, dragged to a day of
    # next month shown at the end of the grid.
    post = next(p for p in posts if p["type"] == "Educational" and p["date"] and p["stage"] not in ("published", "brief")
                and p["date"][:7] == month["from"][:7])
    last = month["to"]
    y, m = int(last[:4]), int(last[5:7])
    next_first = f"{y + (m == 12)}-{m % 12 + 1:02d}-01"
    import datetime
    target_day = datetime.date.fromisoformat(next_first)
    name = target_day.strftime("%A %-d %B %Y")
    card = ui.wait_for(f"the card {post['title']!r}",
                       lambda: ui.find(frame, name=post["title"], role="push button"))
    cell = ui.wait_for(f"the day {name!r}", lambda: ui.find(frame, name=name))

    # Press, move over the day, and look at the meter before letting go.
    x0, y0 = ui.center(card)
    x1, y1 = ui.center(cell)
    ui.xdotool("mousemove", x0, y0)
    time.sleep(0.15)
    ui.xdotool("mousedown", "1")
    time.sleep(0.15)
    for i in range(1, 11):
        ui.xdotool("mousemove", int(x0 + (x1 - x0) * i / 10), int(y0 + (y1 - y0) * i / 10))
        time.sleep(0.05)
    ui.wait_for("the meter to preview the month without the post",
                lambda: posts_of(meter_bar(frame, "Educational")) == edu["count"] - 1, timeout=10)
    expected = round(100 * (edu["count"] - 1) / (month["total"] - 1))
    assert share_of(meter_bar(frame, "Educational")) == expected, (meter_bar(frame, "Educational").description, expected)
    ui.screenshot(ui.SHOT.replace(".png", "-hover.png"))
    ui.xdotool("mouseup", "1")

    ui.wait_for("the post in the next month",
                lambda: ui.cli_json("post", "show", post["id"], "--json")["date"] == next_first)
    ui.wait_for("the meter settled on the new month",
                lambda: posts_of(meter_bar(frame, "Educational")) == edu["count"] - 1)
    assert ui.cli_json("mix", "--json")["total"] == month["total"] - 1

    ui.focus_window("Lineup")
    ui.xdotool("key", "--clearmodifiers", "ctrl+z")
    ui.wait_for("the post back in its month",
                lambda: ui.cli_json("post", "show", post["id"], "--json")["date"] == post["date"])
    ui.wait_for("the meter back as it was",
                lambda: posts_of(meter_bar(frame, "Educational")) == edu["count"])

    # The Mix tab says the same, with the score.
    ui.xdotool("key", "--clearmodifiers", "alt+3")
    score = ui.wait_for("the score", lambda: ui.find(frame, prefix="Balance ", visible=False))
    assert score.name == f"Balance {month['score']}/100", (score.name, month["score"])
    ui.screenshot()


ui.run(main)
