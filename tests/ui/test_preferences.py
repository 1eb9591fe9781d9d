"""Preferences, from the keyboard: your name (on the General page) goes into
the history of what you do, and a checklist item added on the Workflow page
is on every post's checklist."""

import time

import lineup_ui as ui


def main():
    app = ui.wait_for("the Lineup application on the accessibility bus", ui.app)
    frame = ui.wait_for("the main window", lambda: ui.find(app, role="frame"))
    ui.focus_window("Lineup")
    ui.xdotool("key", "--clearmodifiers", "ctrl+comma")
    prefs = ui.wait_for("the Preferences window", lambda: ui.toplevel(app, "Preferences", not_role="label"))
    amara = ui.wait_for("the team in the preferences",
                        lambda: ui.find(prefs, name="Role of Amara", role="combo box", visible=False))
    # The Workflow page (the team's and the checklist's): its fields are
    # looked for there, not through every page.
    workflow = ui.ancestor(amara, "scroll pane")
    ui.focus_window("Preferences")
    time.sleep(0.3)

    # The window opens on General, in "Your name".
    ui.xdotool("type", "--delay", "20", "Quinn Planner")
    # The switcher bar at the window's foot (the tree's end) is the one shown.
    ui.press(ui.wait_for("the Workflow page", lambda: ui.find_last(prefs, name="Workflow", role="page tab")))
    ui.wait_for("the checklist", lambda: ui.find(workflow, name="Add an item", role="text"))
    # The checklist's "Add an item" is the page's last field: Shift+Tab
    # passes the header's page tabs (which say they have the focus; an
    # entry's text does not) and wraps to it.
    # Whether anything says it has the focus: looked for from the end of
    # the window, where the page tabs of the view switcher bar are (the
    # answer is the same from either end).
    def focused(node):
        try:
            if node.getState().contains(ui.pyatspi.STATE_FOCUSED):
                return node
            for i in reversed(range(node.childCount)):
                found = focused(node.getChildAtIndex(i))
                if found is not None:
                    return found
        except Exception:
            pass
        return None
    for _ in range(16):   # one a page tab, and pages come
        ui.xdotool("key", "shift+Tab")
        time.sleep(0.2)
        on = focused(prefs)
        if on is None:
            break
    assert on is None, on.name
    ui.xdotool("type", "--delay", "20", "Legal has checked the claims")
    ui.xdotool("key", "Return")
    ui.wait_for("the new item in the plan's checklist",
                lambda: "6. Legal has checked the claims" in ui.cli("checklist", "list"))
    ui.wait_for("the preferences showing it",
                lambda: ui.find(workflow, name="Remove item 6", visible=False))
    # The keyboard stays in the field: the next item goes straight in.
    time.sleep(0.3)
    ui.xdotool("type", "--delay", "20", "Claims checked")
    ui.xdotool("key", "Return")
    ui.wait_for("the second new item", lambda: "7. Claims checked" in ui.cli("checklist", "list"))
    ui.screenshot(ui.SHOT.replace(".png", "-preferences.png"))

    # The Content Mix page: a type's target range, saved at once, and the
    # calendar's meter follows.
    ui.press(ui.wait_for("the Content Mix page", lambda: ui.find(prefs, name="Content Mix", role="page tab",
                                                                  visible=False)))
    spin = ui.wait_for("Promotional's upper bound",
                       lambda: ui.find(prefs, name="Promotional, most share", role="spin button", visible=False))
    assert spin.queryValue().currentValue == 10, spin.queryValue().currentValue
    spin.queryValue().currentValue = 40.0
    ui.wait_for("the new target in the plan", lambda: "Promotional      0–40 %" in ui.cli("targets", "list"))
    group = ui.wait_for("the calendar's mix meter", lambda: ui.find(frame, name="Content mix", visible=False))
    ui.wait_for("the meter's new band",
                lambda: "target 0–40 %" in (ui.find(group, name="Promotional", visible=False).description or ""))
    ui.screenshot(ui.SHOT.replace(".png", "-mix-targets.png"))
    ui.focus_window("Preferences")
    ui.xdotool("key", "Escape")

    # A move on the board is now recorded under the name given.
    posts = {p["title"]: p for p in ui.cli_json("post", "list", "--json")}
    question = posts["Question: which feature should we build next?"]
    ui.focus_window("Lineup")
    ui.xdotool("key", "--clearmodifiers", "alt+2")
    draft = ui.wait_for("the Draft column", lambda: ui.find(frame, prefix="Draft,", role="list"))
    card = ui.wait_for("the card", lambda: ui.settled(ui.find(draft, name=question["title"], role="push button")))
    # The board follows the plan's checklist at once.
    ui.wait_for("the card counting seven items",
                lambda: "Checklist: 0 of 7 ticked" in (ui.find(draft, name=question["title"], role="push button").description or ""))
    ui.click(card)
    ui.xdotool("key", "--clearmodifiers", "alt+Right")
    ui.wait_for("the post in review",
                lambda: ui.cli_json("post", "show", question["id"], "--json")["stage"] == "in-review")
    last = ui.cli_json("post", "history", question["id"], "--json")[-1]
    assert last["actor"] == "Quinn Planner", last
    ui.screenshot()


ui.run(main)
