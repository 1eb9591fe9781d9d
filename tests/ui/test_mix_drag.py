"""The content mix while planning: the calendar's meter shows the month as
it would be while a card is dragged out of it, settles on the drop, and
Ctrl+Z brings it back. The Mix tab shows the same numbers.

The mix agrees with the calendar (issue 16, item 4): the sidebar and the Mix
tab say what is not counted ("23 counted · 2 briefs not counted"), a
suggestion names the brief that would close its gap, Preferences says when
the pillar targets do not add up to 100 %, and the Mix tab counts the month
the calendar shows, and names it.

Results feed the mix (issue 17): a weight changed in Preferences' Results
group is the plan's; with results enough, the Mix tab suggests raising a
pillar's target, with the numbers, and its Apply button does it."""

import datetime
import os
import re
import time

import lineup_ui as ui


# The calendar's mix meter, found once: the calendar makes it once, and a
# walk of the window (every card of the month) at each look takes seconds.
_meter = []


def mix_meter(frame):
    """ui.find(frame, name="Content mix", visible=False), asked again."""
    if _meter:
        try:
            if _meter[0].name == "Content mix":
                return _meter[0]
        except Exception:   # gone from the tree
            pass
        _meter.clear()
    group = ui.find(frame, name="Content mix", visible=False)
    if group is not None:
        _meter.append(group)
    return group


def meter_bar(frame, name):
    group = ui.wait_for("the calendar's mix meter", lambda: mix_meter(frame))
    return ui.wait_for(f"the {name} bar", lambda: ui.find(group, name=name, visible=False))


def posts_of(bar):
    m = re.search(r"(\d+) posts?", bar.description or "")
    assert m, bar.description
    return int(m.group(1))


def labels(root):
    """The names of the labels under @root, in one walk."""
    found = set()

    def collect(node, depth=0):
        if node is None or depth > 40:
            return
        try:
            if node.getRoleName() == "label" and node.name:
                found.add(node.name)
            for i in range(node.childCount):
                collect(node.getChildAtIndex(i), depth + 1)
        except Exception:
            pass
    collect(root)
    return found


def window(app, name):
    """The app's top-level window named @name, without walking the others."""
    for i in range(app.childCount):
        child = app.getChildAtIndex(i)
        if child is not None and child.name == name:
            return child
    return None


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
    calendar_tab = ui.wait_for("the Calendar switcher", lambda: ui.find(frame, name="Calendar", role="page tab"))
    ui.click(calendar_tab)

    bar = meter_bar(frame, "Educational")
    ui.wait_for("the meter to count the month", lambda: posts_of(meter_bar(frame, "Educational")) == edu["count"])
    assert share_of(bar) == round(100 * edu["count"] / month["total"]), (bar.description, edu)
    # Under the meter, what is counted and what is not, as `lineup mix` says.
    assert month["not_counted"] > 0, month["counted_text"]   # the demo has briefs this month
    group = mix_meter(frame)
    ui.wait_for(f"the sidebar saying {month['counted_text']!r}", lambda: month["counted_text"] in labels(group))

    # An educational post of this month that may move, dragged to a day of
    # next month shown at the end of the grid.
    post = next(p for p in posts if p["type"] == "Educational" and p["date"] and p["stage"] not in ("published", "brief")
                and p["date"][:7] == month["from"][:7])
    last = month["to"]
    y, m = int(last[:4]), int(last[5:7])
    next_first = f"{y + (m == 12)}-{m % 12 + 1:02d}-01"
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

    # The Mix tab says the same, with the score, on the calendar's month,
    # named, and with what is not counted.
    ui.xdotool("key", "--clearmodifiers", "alt+3")
    score = ui.wait_for("the score", lambda: ui.find(frame, prefix="Balance ", visible=False))
    assert score.name == f"Balance {month['score']}/100", (score.name, month["score"])
    tab = score.parent.parent   # the Mix tab's column: walking it is cheaper than the window
    shown = datetime.date.fromisoformat(month["from"]).strftime("%B %Y")
    # A rule of thumb about a week names the briefs on it (the window's weeks
    # start on the calendar's first day, the command line's on Monday: the
    # week's name may differ, not the briefs).
    named = [flag.split("; ", 1)[1] for flag in month["flags"] if "; " in flag]

    def mix_tab_says():
        seen = labels(tab)
        return ({shown, month["counted_text"]} <= seen and
                all(any(n.startswith("• Week of") and n.endswith(end) for n in seen) for end in named))
    ui.wait_for(f"the Mix tab on {shown!r} saying {month['counted_text']!r} and naming {named}", mix_tab_says)

    # A pillar whose target takes the sum past 100 %, and a brief of it this
    # month: the Mix tab names the brief as what would close the gap.
    ui.cli("pillar", "add", "Tasting notes", "--target", "10")
    ui.cli("post", "add", "--title", "Cupping brief", "--pillar", "Tasting notes", "--type", "Educational",
           "--date", f"{month['from'][:7]}-15", "--stage", "brief")
    after = ui.cli_json("mix", "--json")
    assert after["not_counted"] == month["not_counted"] + 1, after["counted_text"]
    advice = next(a for a in after["advice"] if a["kind"] == "add-pillar" and "Tasting notes" in a["text"])
    assert advice["detail"] == "1 Tasting notes brief in this range: move it on (“Cupping brief”)", advice
    warning = "Pillar targets add up to 110 %, not 100 %: lower some by 10 points in all"
    assert ui.cli_json("targets", "list", "--json")["pillar_targets_warning"] == warning
    ui.wait_for(f"the Mix tab saying {after['counted_text']!r}, {advice['detail']!r} and the sum",
                lambda: {after["counted_text"], advice["detail"], warning} <= labels(tab))
    ui.screenshot(ui.SHOT.replace(".png", "-advice.png"))

    # Preferences says so where the targets are set, and stops once they add up.
    ui.focus_window("Lineup")
    ui.xdotool("key", "--clearmodifiers", "ctrl+comma")
    prefs = ui.wait_for("the Preferences window", lambda: window(app, "Preferences"))
    ui.press(ui.wait_for("the Content Mix page", lambda: ui.find(prefs, name="Content Mix", role="page tab",
                                                                  visible=False)))
    spin = ui.wait_for("Tasting notes' target",
                       lambda: ui.find(prefs, name="Tasting notes, target share", role="spin button", visible=False))
    page = spin
    while page is not None and page.getRoleName() != "scroll pane":
        page = page.parent
    ui.wait_for("the pillar targets' sum flagged", lambda: warning in labels(page))
    ui.screenshot(ui.SHOT.replace(".png", "-pillar-sum.png"))
    spin.queryValue().currentValue = 0.0
    ui.wait_for("no pillar warning in the plan",
                lambda: ui.cli_json("targets", "list", "--json")["pillar_targets_warning"] is None)
    ui.wait_for("the flag gone", lambda: not any(n.startswith("Pillar targets add up") for n in labels(page)))
    replies = ui.wait_for("the replies' weight", lambda: ui.find(page, name="Replies (comments)", role="spin button",
                                                                 visible=False))
    replies.queryValue().currentValue = 4.0
    ui.wait_for("replies weighing 4", lambda: ui.cli_json("results", "weights", "--json")["replies"] == 4)
    ui.focus_window("Preferences")
    ui.xdotool("key", "Escape")
    ui.wait_for("Preferences closed", lambda: window(app, "Preferences") is None)

    # LinkedIn results of the last days: 5 Tasting notes posts of 100 likes
    # and 5 others of 1; the usual is 50.5, Tasting notes ×2.0.
    def tasting_target():
        return next(p["target"] for p in ui.cli_json("targets", "list", "--json")["pillars"]
                    if p["name"] == "Tasting notes")
    ui.cli("pillar", "set", "Tasting notes", "--target", "5")
    today = datetime.date.today()
    rows = ["post,platform,date,reactions"]
    for i in range(10):
        pillar = "Tasting notes" if i < 5 else posts[0]["pillar"]
        made = ui.cli("post", "add", "--title", f"Read {i}", "--pillar", pillar, "--type", "Educational",
                      "--platform", "linkedin", "--date", str(today - datetime.timedelta(days=1 + i % 5))).strip()
        rows.append(f"{made},linkedin,{today},{100 if i < 5 else 1}")
    path = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"results-{os.getpid()}.csv")
    with open(path, "w") as f:
        f.write("\n".join(rows) + "\n")
    ui.cli("results", "import", path)
    text = "Tasting notes posts do 2.0× your usual on LinkedIn over 5 posts: consider raising Tasting notes to 10 %"
    def apply():
        """Found and pressed: the Mix rebuilds its rows as the imported
        results come in, and a button found may be gone when pressed."""
        button = ui.walk(tab, lambda n: n.getRoleName() == "push button" and n.name == "Apply"
                         and n.description == text)
        if button is None or tasting_target() != 5:
            return None
        try:
            ui.press(button)
        except NotImplementedError:
            return None
        return True
    ui.wait_for("the suggestion from results and its Apply button, pressed", apply)
    ui.wait_for("Tasting notes' target raised to 10 %", lambda: tasting_target() == 10)

    # The calendar on the next month: the Mix tab follows it, and says so.
    # (Alt+1: with six views at this width the header shows its narrow
    # switcher, whose tabs AT-SPI finds beside the hidden wide one's.)
    ui.focus_window("Lineup")
    ui.xdotool("key", "--clearmodifiers", "alt+1")
    ui.press(ui.wait_for("the Next month button", lambda: ui.find(frame, name="Next month", role="push button")))
    following = ui.cli_json("mix", "--month", next_first[:7], "--json")
    shown = target_day.strftime("%B %Y")
    # The switch waits for the calendar to show the month: the Mix tab takes
    # the month the calendar had when it was left.
    ui.wait_for(f"the calendar on {shown!r}", lambda: ui.find(frame, prefix=shown))
    ui.click(ui.wait_for("the Mix switcher", lambda: ui.find(frame, name="Mix", role="page tab")))
    ui.wait_for(f"the Mix tab on {shown!r} saying {following['counted_text']!r}, balance {following['score']}",
                lambda: {shown, following["counted_text"], f"Balance {following['score']}/100"} <= labels(tab))
    ui.screenshot()

ui.run(main)
