"""The List view, as a planner uses it: switch to List, find a post by its
title, open it, retitle it, save. The database must hold the new title."""

import time

import lineup_ui as ui


def main():
    posts = ui.cli_json("post", "list", "--json")
    assert len(posts) >= 20, f"the demo plan should have posts, got {len(posts)}"
    target = next(p for p in posts if p["date"] == "2026-12-01")
    title = target["title"]
    new_title = "Retitled by the UI test: calmer reviews"

    app = ui.wait_for("the Lineup application on the accessibility bus", ui.app)
    frame = ui.wait_for("the main window", lambda: ui.find(app, role="frame"))

    list_button = ui.wait_for("the List view switcher", lambda: ui.find(frame, name="List", role="page tab"))
    ui.click(list_button)

    # The row, not its title label: its name begins with the title and its
    # description carries the rest.
    # Find it as a person would, by searching: GTK 4.8 reports positions
    # inside a list that has scrolled wrongly, so a search that leaves one
    # row makes the pointer land on the right one.
    ui.focus_window("Lineup")
    ui.xdotool("key", "--clearmodifiers", "ctrl+f")
    ui.wait_for("the search entry", lambda: ui.find(frame, name="Search posts", role="entry"))
    ui.xdotool("type", "--delay", "5", "calmer")
    # Only inside the list: the calendar, on a hidden page, has cards with
    # the same names.
    agenda = ui.wait_for("the list of posts", lambda: ui.find(frame, name="Posts by day", role="list"))
    row = ui.wait_for(f"a row named {title!r}",
                      lambda: ui.settled(ui.find(agenda, prefix=title, not_role="label"), within=frame))
    description = row.description or ""
    for part in ("09:00", "Product education", "Educational", "LinkedIn", "Published"):
        assert part in description, f"row description {description!r} lacks {part!r}"

    # Open it as a person would: double-click the row.
    ui.click(row, double=True)
    editor = ui.wait_for("the post editor", lambda: ui.toplevel(app, "Edit Post", not_role="label"))
    ui.screenshot(ui.SHOT.replace(".png", "-editor.png"))

    # The title field has the focus when the editor opens.
    ui.focus_window("Edit Post")
    ui.xdotool("key", "--clearmodifiers", "ctrl+a")
    ui.xdotool("type", "--delay", "5", new_title)
    save = ui.wait_for("the Save button", lambda: ui.find(app, name="Save", role="push button"))
    ui.press(save)

    def saved():
        shown = ui.cli_json("post", "show", target["id"], "--json")
        return shown if shown["title"] == new_title else None
    shown = ui.wait_for("the new title in the database", saved, timeout=15)
    assert shown["revision"] == target["revision"] + 1, shown
    assert shown["date"] == target["date"] and shown["time"] == target["time"], shown

    # And the list shows it (the search still matches the new title).
    ui.wait_for("the renamed row", lambda: ui.find(agenda, name=new_title, not_role="label"))
    time.sleep(0.3)
    ui.screenshot()
    print(f"ok: {title!r} → {new_title!r} (revision {shown['revision']})")


if __name__ == "__main__":
    ui.run(main)
