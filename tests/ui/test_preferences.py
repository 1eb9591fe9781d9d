"""Preferences, from the keyboard: your name goes into the history of what
you do, and a checklist item added here is on every post's checklist."""

import time

import lineup_ui as ui


def main():
    app = ui.wait_for("the Lineup application on the accessibility bus", ui.app)
    frame = ui.wait_for("the main window", lambda: ui.find(app, role="frame"))
    ui.focus_window("Lineup")
    ui.xdotool("key", "--clearmodifiers", "ctrl+comma")
    prefs = ui.wait_for("the Preferences window",
                        lambda: ui.find(app, name="Preferences", not_role="label", visible=False))
    ui.wait_for("the team in the preferences",
                lambda: ui.find(prefs, name="Role of Amara", visible=False))
    ui.focus_window("Preferences")
    time.sleep(0.3)

    # The window opens on "Your name".
    ui.xdotool("type", "--delay", "20", "Quinn Planner")
    # The checklist's "Add an item" is the page's last field: one Shift+Tab
    # from the first.
    ui.xdotool("key", "shift+Tab")
    time.sleep(0.2)
    ui.xdotool("type", "--delay", "20", "Legal has checked the claims")
    ui.xdotool("key", "Return")
    ui.wait_for("the new item in the plan's checklist",
                lambda: "6. Legal has checked the claims" in ui.cli("checklist", "list"))
    ui.wait_for("the preferences showing it",
                lambda: ui.find(prefs, name="Remove item 6", visible=False))
    ui.screenshot(ui.SHOT.replace(".png", "-preferences.png"))
    ui.xdotool("key", "Escape")

    # A move on the board is now recorded under the name given.
    posts = {p["title"]: p for p in ui.cli_json("post", "list", "--json")}
    question = posts["Question: which feature should we build next?"]
    ui.focus_window("Lineup")
    ui.xdotool("key", "--clearmodifiers", "alt+2")
    draft = ui.wait_for("the Draft column", lambda: ui.find(frame, prefix="Draft,", role="list"))
    card = ui.wait_for("the card", lambda: ui.settled(ui.find(draft, name=question["title"], role="push button")))
    # The board follows the plan's checklist at once.
    ui.wait_for("the card counting six items",
                lambda: "Checklist: 0 of 6 ticked" in (ui.find(draft, name=question["title"]).description or ""))
    ui.click(card)
    ui.xdotool("key", "--clearmodifiers", "alt+Right")
    ui.wait_for("the post in review",
                lambda: ui.cli_json("post", "show", question["id"], "--json")["stage"] == "in-review")
    last = ui.cli_json("post", "history", question["id"], "--json")[-1]
    assert last["actor"] == "Quinn Planner", last
    ui.screenshot()


ui.run(main)
