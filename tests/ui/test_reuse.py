"""Evergreen reuse and repurposing in the window (issue 18): two published
posts marked evergreen from the command line; the main menu's Fill Gaps…
shows the month's proposal with a check box a copy; one is unticked, and
"Add N Posts" adds the others as Draft copies linked to their source,
which the calendar shows; one Ctrl+Z takes them all back. Then a card's
menu (Shift+F10) offers Repurpose as…, whose dialog makes a Draft of
another type linked to the post; the post's editor lists it in its Family
group, its days between uses are set there, and its Evergreen switch takes
the mark off."""

import time

import lineup_ui as ui

pyatspi = ui.pyatspi


def collect(root, pred, depth=0, found=None):
    found = [] if found is None else found
    if root is None or depth > 60:
        return found
    try:
        if pred(root):
            found.append(root)
        for i in range(root.childCount):
            collect(root.getChildAtIndex(i), pred, depth + 1, found)
    except Exception:
        pass
    return found


def copies():
    return sum(p["copies"] for p in ui.cli_json("evergreen", "list", "--json"))


def main():
    posts = ui.cli_json("post", "list", "--json")
    sources = [p for p in posts if p["stage"] == "published"][:2]
    for post in sources:
        ui.cli("evergreen", "add", post["id"], "--min-gap-days", "7")

    app = ui.wait_for("the Lineup application on the accessibility bus", ui.app)
    frame = ui.wait_for("the main window", lambda: ui.find(app, role="frame"))
    title = sources[0]["title"]
    cards_before = len(collect(frame, lambda n: n.getRoleName() == "push button" and (n.name or "").startswith(title)))

    ui.focus_window("Lineup")
    ui.key("F10")
    ui.press(ui.wait_for("Fill Gaps… in the main menu",
                         lambda: ui.find(frame, name="Fill Gaps…", role="menu item", visible=False)))
    dialog = ui.wait_for("the Fill Gaps window", lambda: ui.toplevel(app, "Fill Gaps"))
    checks = ui.wait_for("the proposal's check boxes",
                         lambda: collect(dialog, lambda n: n.getRoleName() == "check box"))
    n = len(checks)
    assert n >= 2, f"{n} evergreen copies proposed"
    ui.wait_for(f"the Add {n} Posts button", lambda: ui.find(dialog, name=f"Add {n} Posts", role="push button"))
    ui.press(checks[1])
    add = ui.wait_for(f"the Add {n - 1} Posts button",
                      lambda: ui.find(dialog, name=f"Add {n - 1} Post{'s' if n - 1 != 1 else ''}", role="push button"))
    time.sleep(0.4)
    ui.screenshot(ui.SHOT.replace(".png", "-fill-gaps.png"))
    ui.press(add)
    ui.wait_for(f"{n - 1} Draft copies in the plan", lambda: copies() == n - 1, timeout=15)
    for post in sources:
        for child in ui.cli_json("post", "show", post["id"], "--json")["family"]["children"]:
            assert child["stage"] == "draft", child
    # The calendar shows them.
    ui.wait_for("the copies on the calendar",
                lambda: len(collect(frame, lambda n: n.getRoleName() == "push button"
                                    and (n.name or "").startswith(title))) > cards_before)
    # One step: one Ctrl+Z takes them all back.
    ui.focus_window("Lineup")
    ui.key("ctrl+z")
    ui.wait_for("no copies after one undo", lambda: copies() == 0, timeout=15)

    # Repurpose as… from a card's menu.
    card = ui.wait_for("the post's card",
                       lambda: ui.settled(ui.find(frame, role="push button", prefix=title), within=frame))
    ui.click(card)
    ui.focus_window("Lineup")
    ui.xdotool("key", "--clearmodifiers", "shift+F10")
    ui.press(ui.wait_for("Repurpose as… in the card's menu",
                         lambda: ui.find(frame, name="Repurpose as…", role="menu item", visible=False)))
    # AdwMessageDialog names a response button by its label, mnemonic and all.
    button = ui.wait_for("the dialog's Repurpose button",
                         lambda: ui.find(app, prefix="_Repurpose", role="push button", visible=False))
    ui.press(button)

    def repurposed():
        children = ui.cli_json("post", "show", sources[0]["id"], "--json")["family"]["children"]
        return children if len(children) == 1 else None
    child = ui.wait_for("the repurposed Draft", repurposed, timeout=15)[0]
    assert child["stage"] == "draft" and child["type"] != sources[0]["type"], child
    assert child["date"] == sources[0]["date"], child

    # The source's editor: its Family group lists the copy, and its
    # Evergreen switch takes the mark off.
    ui.focus_window("Lineup")
    ui.click(ui.wait_for("the post's card again",
                         lambda: ui.settled(ui.find(frame, role="push button", prefix=title), within=frame)),
             double=True)
    editor = ui.wait_for("the post editor", lambda: ui.toplevel(app, "Edit Post"))
    ui.wait_for("the copy in the Family group",
                lambda: ui.find(editor, prefix=f"Open “{title}”", role="push button", visible=False))
    # Its days between uses, in the window: 14, applied with Enter.
    gap = ui.wait_for("the Days Between Uses row",
                      lambda: ui.find(editor, name="Days Between Uses", role="text", visible=False))
    # Below the fold of the editor's page: the wheel brings it up, turned low
    # on the page (its middle is the caption, which scrolls on its own).
    ex, ey, ew, eh = ui.extents(editor)
    ui.xdotool("mousemove", ex + ew // 2, ey + eh * 9 // 10)

    def scrolled_to():
        ui.xdotool("click", "5")
        return ui.settled(gap, within=editor, pause=0.1)
    ui.click(ui.wait_for("the row in view", scrolled_to, timeout=20))
    ui.key("ctrl+a")
    ui.xdotool("type", "--delay", "40", "14")
    ui.key("Return")
    ui.wait_for("the gap stored", lambda: [x["min_gap_days"] for x in ui.cli_json("evergreen", "list", "--json")
                                           if x["id"] == sources[0]["id"]] == [14], timeout=15)
    # GTK 4.8 gives a switch the role of a check box, named after its row too.
    toggle = ui.wait_for("the Evergreen switch",
                         lambda: ui.find(editor, prefix="Evergreen", role="check box", visible=False))
    ui.press(toggle)
    ui.wait_for("the mark gone", lambda: sources[0]["id"] not in
                [x["id"] for x in ui.cli_json("evergreen", "list", "--json")], timeout=15)
    ui.screenshot()
    print(f"ok: {n - 1} of {n} evergreen copies added and undone; {title!r} repurposed as {child['type']}")


if __name__ == "__main__":
    ui.run(main)
