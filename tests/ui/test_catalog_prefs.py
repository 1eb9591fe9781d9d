"""Preferences' Pillars page: a pillar renamed and given another target
share, each saved at once (the targets' sum said where they are set); the
Campaigns page creates a campaign, which Ctrl+Z in Preferences takes back;
Ctrl+Z in the main window takes back the target, then the name."""

import time

import lineup_ui as ui


def pillars():
    return {p["name"]: p for p in ui.cli_json("pillar", "list", "--json")}


def main():
    app = ui.wait_for("the Lineup application on the accessibility bus", ui.app)
    ui.wait_for("the main window", lambda: ui.find(app, role="frame"))
    assert pillars()["Community"]["target"] == 15, pillars()
    ui.focus_window("Lineup")
    ui.xdotool("key", "--clearmodifiers", "ctrl+comma")
    prefs = ui.wait_for("the Preferences window", lambda: ui.toplevel(app, "Preferences", not_role="label"))
    ui.press(ui.wait_for("the Pillars page", lambda: ui.find(prefs, name="Pillars", role="page tab", visible=False)))
    ui.focus_window("Preferences")
    # The page's rows and fields are looked for in the page, not through
    # every page of the window.
    # (The page is the window's last but one: its last field is looked for
    # from the end of the window.)
    page = ui.ancestor(ui.wait_for("the Pillars page's last field",
                                   lambda: ui.find_last(prefs, name="Add a pillar", role="text", visible=False)),
                       "scroll pane")

    # Open the Community pillar and rename it from the keyboard.
    header = ui.wait_for("the Community pillar's row",
                         lambda: ui.settled(ui.find(page, name="Community", role="label"), within=prefs))
    ui.click(header)
    field = ui.wait_for("its Name field",
                        lambda: ui.settled(ui.find(page, name="Name", role="text"), within=prefs))
    ui.click(field)
    time.sleep(0.2)
    ui.xdotool("key", "--clearmodifiers", "ctrl+a")
    ui.xdotool("type", "--delay", "20", "Coffee community")
    ui.xdotool("key", "Return")
    ui.wait_for("the new name in the plan", lambda: "Coffee community" in pillars())
    assert "Community" not in pillars(), pillars()

    # Its target: 15 → 25, so the four add up to 110 %, which the page says.
    spin = ui.wait_for("its target share",
                       lambda: ui.find(page, name="Target share of Coffee community", role="spin button",
                                       visible=False))
    spin.queryValue().currentValue = 25.0
    ui.wait_for("the new target in the plan", lambda: pillars()["Coffee community"]["target"] == 25)
    ui.wait_for("the targets' sum flagged", lambda: ui.find(page, prefix="Pillar targets add up to 110", role="label"))
    ui.screenshot(ui.SHOT.replace(".png", "-pillars.png"))

    # A campaign created in the window, and Ctrl+Z here takes it back.
    ui.press(ui.wait_for("the Campaigns page", lambda: ui.find(prefs, name="Campaigns", role="page tab", visible=False)))
    ui.focus_window("Preferences")
    # The Campaigns page is the window's last.
    add = ui.wait_for("Add Campaign", lambda: ui.settled(ui.find_last(prefs, name="Add Campaign", role="push button"),
                                                         within=prefs))
    page = ui.ancestor(add, "scroll pane")
    # The New Campaign group: the fields near the button (another page's
    # "Name" fields are in the tree too).
    group = add
    while ui.find(group, name="First day", role="text", visible=False) is None:
        group = group.parent
    for label, text in (("Name", "Spring roast"), ("First day", "2026-12-14"), ("Last day", "2026-12-20")):
        entry = ui.wait_for(f"the new campaign's {label}",
                            lambda: ui.settled(ui.find(group, name=label, role="text"), within=prefs))
        ui.click(entry)
        time.sleep(0.2)
        ui.xdotool("type", "--delay", "20", text)
    ui.click(add)
    ui.wait_for("the campaign in the plan",
                lambda: [c for c in ui.cli_json("campaign", "list", "--json") if c["name"] == "Spring roast"])
    ui.wait_for("its row", lambda: ui.find(page, name="Spring roast", role="label"))
    ui.xdotool("key", "--clearmodifiers", "ctrl+z")
    ui.wait_for("the campaign undone",
                lambda: not [c for c in ui.cli_json("campaign", "list", "--json") if c["name"] == "Spring roast"])
    ui.focus_window("Preferences")
    ui.xdotool("key", "Escape")
    ui.wait_for("Preferences to close", lambda: not ui.toplevel(app, "Preferences", not_role="label"))


    # Ctrl+Z: the target first, then the name.
    ui.focus_window("Lineup")
    ui.xdotool("key", "--clearmodifiers", "ctrl+z")
    ui.wait_for("the target back", lambda: pillars()["Coffee community"]["target"] == 15)
    ui.xdotool("key", "--clearmodifiers", "ctrl+z")
    ui.wait_for("the name back", lambda: "Community" in pillars() and "Coffee community" not in pillars())
    assert pillars()["Community"]["posts"] > 0, pillars()
    ui.screenshot()
    print("ok: renamed and retargeted a pillar in Preferences; Ctrl+Z took both back")


ui.run(main)
