"""Recurring series in the window (issue 18): a post opened in the editor is
made to repeat every week with the Repeat… dialog; the editor then shows the
rule in words and the command line sees the series and its posts. The third
post of the series, opened and renamed, asks "this one, this and following,
or all"; "This and Following" renames it and the later ones only. The
month's cards of the series carry the repeat badge (its accessible name
"Repeats")."""

import datetime
import time

import lineup_ui as ui

pyatspi = ui.pyatspi

TITLE = "Weekly espresso tip"
NEW_TITLE = "Espresso tip, new format"


def rows_named(agenda, prefix):
    """The list's rows whose name starts with @prefix, in order."""
    found = []

    def walk(node, depth=0):
        if node is None or depth > 40:
            return
        try:
            if node.getRoleName() != "label" and (node.name or "").startswith(prefix) and ui.on_screen(node):
                found.append(node)
                return
            n = node.childCount
        except Exception:
            return
        for i in range(n):
            walk(node.getChildAtIndex(i), depth + 1)
    walk(agenda)
    return found


def dialog_button(dialog, name):
    """A response button of an AdwMessageDialog (libadwaita 1.2 names it
    "_Repeat Repeat"; of its two rows of buttons, the one shown)."""
    return ui.walk(dialog, lambda n: n.getRoleName() == "push button" and (n.name or "").endswith(" " + name)
                   and ui.on_screen(n))


def open_in_list(app, frame, nth):
    ui.focus_window("Lineup")
    ui.key("ctrl+f")
    ui.wait_for("the search entry", lambda: ui.find(frame, name="Search posts", role="entry"))
    ui.key("ctrl+a")
    ui.xdotool("type", "--delay", "5", "espresso tip")
    agenda = ui.wait_for("the list of posts", lambda: ui.find(frame, name="Posts by day", role="list"))
    rows = ui.wait_for(f"{nth + 1} rows of the series",
                       lambda: (lambda r: r if len(r) > nth else None)(rows_named(agenda, TITLE)))
    row = ui.settled(rows[nth], within=frame)
    ui.click(row, double=True)
    editor = ui.wait_for("the post editor", lambda: ui.toplevel(app, "Edit Post", not_role="label"))
    ui.focus_window("Edit Post")
    return editor


def main():
    day = datetime.date.today() + datetime.timedelta(days=1)
    ui.cli("post", "add", "--title", TITLE, "--pillar", "Product education", "--type", "Educational",
           "--date", day.isoformat(), "--time", "10:30")
    first = next(p for p in ui.cli_json("post", "list", "--json") if p["title"] == TITLE)

    app = ui.wait_for("the Lineup application on the accessibility bus", ui.app)
    frame = ui.wait_for("the main window", lambda: ui.find(app, role="frame"))
    ui.click(ui.wait_for("the List view switcher", lambda: ui.find(frame, name="List", role="page tab")))

    # Repeat… in the editor: every week (the post's weekday is ticked).
    editor = open_in_list(app, frame, 0)
    ui.press(ui.wait_for("the Repeat… button",
                         lambda: ui.find(editor, name="Repeat…", role="push button", visible=False)))
    dialog = ui.wait_for("the Repeat Post dialog",
                         lambda: ui.toplevel(app, "Repeat Post", not_role="label"))
    time.sleep(0.3)
    ui.screenshot(ui.SHOT.replace(".png", "-repeat.png"))
    ui.press(ui.wait_for("its Repeat button", lambda: dialog_button(dialog, "Repeat")))
    [series] = ui.wait_for("the series in the plan", lambda: ui.cli_json("series", "list", "--json") or None)
    weekday = day.strftime("%A")
    assert series["description"] == f"Every week on {weekday}", series
    assert series["posts"] >= 8, series
    ui.wait_for("the rule in words in the editor",
                lambda: ui.find(editor, name=f"Every week on {weekday}", visible=False))
    ui.key("Escape")
    ui.wait_for("the editor to close", lambda: not ui.toplevel(app, "Edit Post", not_role="label"))

    # The third post: renamed, "This and Following".
    editor = open_in_list(app, frame, 2)
    ui.key("ctrl+a")
    ui.xdotool("type", "--delay", "5", NEW_TITLE)
    ui.key("ctrl+s")
    question = ui.wait_for("the this/following/all question",
                           lambda: ui.toplevel(app, "Change a Post of a Series?", not_role="label"))
    assert dialog_button(question, "This Post") is not None
    assert dialog_button(question, "All Posts") is not None
    time.sleep(0.3)
    ui.screenshot(ui.SHOT.replace(".png", "-question.png"))
    ui.press(dialog_button(question, "This and Following"))

    def renamed():
        posts = [p for p in ui.cli_json("post", "list", "--json") if p["title"] in (TITLE, NEW_TITLE)]
        return posts if any(p["title"] == NEW_TITLE for p in posts) else None
    posts = ui.wait_for("the new titles in the database", renamed, timeout=15)
    titles = [p["title"] for p in posts]
    assert titles[:2] == [TITLE, TITLE] and set(titles[2:]) == {NEW_TITLE}, titles
    assert posts[0]["id"] == first["id"]

    # The cards: the month shows the series' posts with the repeat badge.
    ui.wait_for("the editor to close", lambda: not ui.toplevel(app, "Edit Post", not_role="label"))
    # Alt+1: with six views at this width the header shows its narrow
    # switcher, and AT-SPI still finds the hidden wide one's tabs first.
    ui.focus_window("Lineup")
    ui.xdotool("key", "--clearmodifiers", "alt+1")
    card = ui.wait_for("a card of the series", lambda: ui.find(frame, name=TITLE, role="push button"))
    ui.wait_for("its repeat badge", lambda: ui.find(card, name="Repeats", visible=False))
    time.sleep(0.3)
    ui.screenshot()
    print(f"ok: {len(posts)} posts of {series['description']!r}, {titles.count(NEW_TITLE)} renamed")


if __name__ == "__main__":
    ui.run(main)
