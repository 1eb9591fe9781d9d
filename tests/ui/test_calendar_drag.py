"""The month calendar, as a planner uses it with a mouse and a keyboard:
drag a card to another day (same local time), undo it, drag a backlog idea
onto a day (default time), and move a card a day with Alt+Right."""

import datetime
import time

import lineup_ui as ui


def day_name(date):
    # The day cell's accessible name, as the app writes it under C.UTF-8.
    return date.strftime("%A %-d %B %Y").replace(" 0", " ")


def cell_among(parent, name):
    """The child of @parent named @name, on screen (what ui.find would take
    for it), without walking the cards of the cells before it."""
    try:
        for i in range(parent.childCount):
            child = parent.getChildAtIndex(i)
            if child is None:
                continue
            known[child.name] = child
            if child.name == name and ui.on_screen(child):
                return child
    except Exception:   # the tree changed under us
        pass
    return None


# The grid of the cells found last (the month's days, the week's hours),
# and its cells by name as last seen (a cell of the month's grid takes
# another day's name when the month changes).
grid = []
known = {}


def cell(frame, name):
    """ui.find(frame, name=name) for a day cell (or an hour cell): among the
    cells of the grid the last one found was in, else a walk of the window."""
    found = known.get(name)
    try:
        if found is not None and found.name == name and ui.on_screen(found):
            return found
    except Exception:   # gone from the tree
        pass
    found = cell_among(grid[0], name) if grid else None
    if found is None:
        found = ui.find(frame, name=name)
        if found is not None:
            grid[:] = [found.parent]
    return found


def card_in(frame, name, title):
    """ui.find(frame, name=title, role="push button") for a card in the cell
    @name: looked for in that cell first, then in the whole window."""
    day = cell(frame, name)
    return (ui.find(day, name=title, role="push button") if day is not None else None) \
        or ui.find(frame, name=title, role="push button")


def main():
    posts = ui.cli_json("post", "list", "--json")
    app = ui.wait_for("the Lineup application on the accessibility bus", ui.app)
    frame = ui.wait_for("the main window", lambda: ui.find(app, role="frame"))
    ui.click(ui.wait_for("the Calendar switcher", lambda: ui.find(frame, name="Calendar", role="page tab")))

    def show(post_id):
        return ui.cli_json("post", "show", post_id, "--json")

    # 1. A card that may move (not published), onto a day a week away.
    movable = [p for p in posts if p["date"] and p["stage"] != "published" and int(p["date"][8:]) <= 28]
    post = movable[0]
    source_day = datetime.date.fromisoformat(post["date"])
    target_day = source_day + datetime.timedelta(days=7 if source_day.day <= 14 else -7)
    card = ui.wait_for(f"the card {post['title']!r}",
                       lambda: card_in(frame, day_name(source_day), post["title"]))
    assert post["time"] in (card.description or ""), card.description
    target = ui.wait_for(f"the day {day_name(target_day)!r}", lambda: cell(frame, day_name(target_day)))
    ui.screenshot(ui.SHOT.replace(".png", "-before.png"))
    ui.drag(card, target)
    moved = ui.wait_for("the post on its new day",
                        lambda: (lambda s: s if s["date"] == target_day.isoformat() else None)(show(post["id"])))
    assert moved["time"] == post["time"], f"the time changed: {post['time']} → {moved['time']}"
    ui.screenshot(ui.SHOT.replace(".png", "-after-drag.png"))

    # 2. Ctrl+Z puts it back.
    ui.focus_window("Lineup")
    ui.xdotool("key", "--clearmodifiers", "ctrl+z")
    ui.wait_for("the post back on its day",
                lambda: show(post["id"])["date"] == post["date"])
    assert show(post["id"])["time"] == post["time"]

    # 3. A backlog idea dragged onto a day gets the default time.
    idea = next(p for p in posts if not p["date"])
    idea_card = ui.wait_for(f"the backlog card {idea['title']!r}",
                            lambda: ui.find(frame, name=idea["title"], role="push button"))
    drop_day = source_day.replace(day=13)
    ui.drag(idea_card, cell(frame, day_name(drop_day)))
    planned = ui.wait_for("the idea on a day",
                          lambda: (lambda s: s if s["date"] else None)(show(idea["id"])))
    assert (planned["date"], planned["time"]) == (drop_day.isoformat(), "09:00"), planned

    # 4. Alt+Right on a focused card moves it one day, time kept.
    card = ui.wait_for("the card again", lambda: card_in(frame, day_name(source_day), post["title"]))
    ui.click(card)
    ui.focus_window("Lineup")
    ui.xdotool("key", "--clearmodifiers", "alt+Right")
    next_day = (source_day + datetime.timedelta(days=1)).isoformat()
    ui.wait_for("the post a day later", lambda: show(post["id"])["date"] == next_day)
    assert show(post["id"])["time"] == post["time"]

    # 4b. "Move to Date…" from the keyboard: Ctrl+M, a day later in the
    #     picker with the arrow key, Enter.
    card = ui.wait_for("the card again",
                       lambda: card_in(frame, day_name(datetime.date.fromisoformat(next_day)), post["title"]))
    ui.click(card)
    ui.focus_window("Lineup")
    ui.xdotool("key", "--clearmodifiers", "ctrl+m")
    ui.wait_for("the date picker", lambda: ui.find(app, name="Move to date", visible=False))
    ui.xdotool("key", "Right")
    ui.xdotool("key", "Return")
    two_days = (source_day + datetime.timedelta(days=2)).isoformat()
    ui.wait_for("the post moved by the picker", lambda: show(post["id"])["date"] == two_days)
    assert show(post["id"])["time"] == post["time"]

    # 5. A published post refuses to move, and says why.
    published = next(p for p in posts if p["stage"] == "published" and int(p["date"][8:]) <= 28)
    pub_day = datetime.date.fromisoformat(published["date"])
    card = ui.wait_for("a published card", lambda: card_in(frame, day_name(pub_day), published["title"]))
    other = pub_day + datetime.timedelta(days=7 if pub_day.day <= 14 else -7)
    ui.drag(card, cell(frame, day_name(other)))
    ui.wait_for("the refusal toast",
                lambda: ui.nearest(app, lambda n: n.getRoleName() == "label"
                                and (n.name or "").startswith(f"“{published['title']}” is published")))
    assert show(published["id"])["date"] == published["date"]

    # 6. Filter by one pillar: only its cards remain, in the grid and the
    #    backlog; removing the chip brings the others back.
    def visible_cards():
        found = []
        def walk(node, depth=0):
            if node is None or depth > 40:
                return
            try:
                if node.getRoleName() == "push button" and (node.description or "").count(",") >= 4 \
                        and ui.on_screen(node):
                    found.append(node.name)
                for i in range(node.childCount):
                    walk(node.getChildAtIndex(i), depth + 1)
            except Exception:
                pass
        walk(frame)
        return sorted(found)

    pillar = "Product education"   # the first pillar of the demo plan
    expected = sorted(p["title"] for p in ui.cli_json("post", "list", "--json") if p["pillar"] == pillar)
    everyone = visible_cards()
    assert len(everyone) > len(expected) > 0, (everyone, expected)
    ui.click(ui.wait_for("the filter button", lambda: ui.find(frame, name="Filter posts")))
    ui.wait_for(f"the {pillar!r} check box", lambda: ui.find(app, name=pillar, role="check box", visible=False))
    # By keyboard, as a person might: Tab enters the popover on its first
    # check box (the first pillar) and Space ticks it.
    # (GTK 4.8 gives check boxes no accessible action, and reports
    # positions in popovers relative to the popover.)
    ui.xdotool("key", "Tab")
    ui.xdotool("key", "space")
    ui.wait_for("only that pillar's cards", lambda: visible_cards() == expected, timeout=10)
    ui.xdotool("key", "Escape")
    ui.screenshot(ui.SHOT.replace(".png", "-filtered.png"))
    chip = ui.wait_for("the filter chip", lambda: ui.find(frame, name=f"Remove filter Pillar: {pillar}"))
    ui.press(chip)
    ui.wait_for("every card back", lambda: visible_cards() == everyone, timeout=10)

    # 7. The week view: a drop on an hour sets the day and the hour, and
    #    keeps the minutes.
    ui.press(ui.wait_for("the Week toggle", lambda: ui.find(frame, name="Week", not_role="label")))
    posts_now = ui.cli_json("post", "list", "--json")
    target = next(p for p in posts_now if p["date"] and p["stage"] != "published")
    t_day = datetime.date.fromisoformat(target["date"])

    def week_first(d):   # C.UTF-8 weeks start on Sunday
        return d - datetime.timedelta(days=(d.weekday() + 1) % 7)
    steps = (week_first(t_day) - week_first(datetime.date.today())).days // 7
    for _ in range(abs(steps)):
        ui.press(ui.wait_for("the week step button",
                             lambda: ui.find(frame, name="Next week" if steps > 0 else "Previous week")))
        time.sleep(0.4)   # one week at a time: let the grid follow
    hour = int(target["time"][:2])
    source_cell = ui.wait_for("the post's hour cell",
                              lambda: cell(frame, f"{day_name(t_day)}, {hour:02d}:00"))
    card = ui.wait_for("its card in the week", lambda: ui.find(source_cell, name=target["title"], role="push button"))
    other_day = t_day + datetime.timedelta(days=1 if t_day.weekday() != 5 else -1)
    target_cell = cell(frame, f"{day_name(other_day)}, 16:00")
    assert target_cell is not None, "no 16:00 cell for the other day"
    ui.drag(card, target_cell)
    expected_time = f"16:{target['time'][3:]}"
    ui.wait_for("the post at 16:xx on the other day",
                lambda: (lambda s: (s["date"], s["time"]) == (other_day.isoformat(), expected_time))(show(target["id"])))
    ui.screenshot(ui.SHOT.replace(".png", "-week.png"))

    # 7b. Ctrl-drag in the week: a Draft copy at the hour dropped on.
    card = ui.wait_for("the moved card", lambda: ui.find(cell(frame, f"{day_name(other_day)}, 16:00"),
                                                         name=target["title"], role="push button"))
    copy_cell = cell(frame, f"{day_name(t_day)}, 18:00")
    before = len(ui.cli_json("post", "list", "--json"))
    ui.drag(card, copy_cell, copy=True)
    def the_copy():
        copies = [p for p in ui.cli_json("post", "list", "--json")
                  if p["title"] == target["title"] and p["id"] != target["id"]]
        return copies[0] if copies else None
    copy = ui.wait_for("a copy at 18:xx", the_copy)
    assert (copy["date"], copy["time"], copy["stage"]) == (t_day.isoformat(), f"18:{target['time'][3:]}", "draft"), copy
    assert len(ui.cli_json("post", "list", "--json")) == before + 1
    assert show(target["id"])["date"] == other_day.isoformat(), "the original must stay"

    # 8. A campaign added from a terminal while the window is open shows at
    #    once as a band across its days (the store follows the file).
    ui.press(ui.wait_for("the Month toggle", lambda: ui.find(frame, name="Month", not_role="label")))
    first = datetime.date.today().replace(day=1)
    last = first + datetime.timedelta(days=9)
    ui.cli("campaign", "add", "Launch week", "--from", first.isoformat(), "--to", last.isoformat(),
           "--color", "#c01c28")
    ui.wait_for("the campaign band",
                lambda: ui.find(frame, prefix="Campaign Launch week, " + day_name(first), visible=False), timeout=10)

    # 9. Enter on an empty day starts a post on that day.
    taken = {p["date"] for p in ui.cli_json("post", "list", "--json") if p["date"]}
    month_days = [datetime.date.today().replace(day=d) for d in range(1, 29)]
    empty = next(d for d in month_days if d.isoformat() not in taken)
    day_cell = ui.wait_for(f"the empty day {day_name(empty)!r}", lambda: cell(frame, day_name(empty)))
    ui.click(day_cell)
    ui.focus_window("Lineup")
    ui.xdotool("key", "Return")
    ui.wait_for("the new-post editor", lambda: ui.toplevel(app, "New Post", not_role="label"))
    ui.focus_window("New Post")
    ui.xdotool("type", "--delay", "5", "Planned from an empty day")
    ui.xdotool("key", "--clearmodifiers", "ctrl+s")
    def planned():
        found = [p for p in ui.cli_json("post", "list", "--json") if p["title"] == "Planned from an empty day"]
        return found[0] if found else None
    new = ui.wait_for("the new post in the database", planned)
    assert (new["date"], new["time"]) == (empty.isoformat(), "09:00"), new

    ui.screenshot()
    print(f"ok: new post on empty day {empty}; campaign band shown; week drop → {other_day} {expected_time}; filtered to {len(expected)} {pillar!r} cards and back; dragged {post['title']!r} {post['date']} → {target_day}, undid it; "
          f"planned {idea['title']!r} on {drop_day} at 09:00; Alt+Right → {next_day}; "
          f"published post refused")


if __name__ == "__main__":
    ui.run(main)
