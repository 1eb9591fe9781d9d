"""Clean links (UTM) in the window (issue 17): Preferences → Publishing →
Links (UTM) refuses a domain list with a URL in it, saying why in a toast
and keeping what was set, then takes "example.org" and the medium
"newsletter"; Campaigns → a campaign → UTM Campaign, its name cleaned as
the placeholder, sets its utm_campaign (Ctrl+Z takes it back); a new post's editor, LinkedIn ticked and a caption with two
links, lists under "2 Links as They Go Out" the link to example.org with
utm_source=linkedin and utm_medium=newsletter and the other site's link
untouched; its LinkedIn tab takes a caption of LinkedIn's own, counted on
its own."""

import time

import lineup_ui as ui

pyatspi = ui.pyatspi


def toast(prefs, prefix):
    """The toast of Preferences that begins with @prefix, or None."""
    leaflet = ui.find(prefs, name="AdwLeaflet", role="filler", visible=False)
    overlay = leaflet.parent
    for i in range(overlay.childCount):
        child = overlay.getChildAtIndex(i)
        if child is not None and child.name != "AdwLeaflet":
            found = ui.find(child, prefix=prefix, role="label")
            if found is not None:
                return found
    return None


def window(app, title):
    for i in range(app.childCount):
        child = app.getChildAtIndex(i)
        if child is not None and child.name == title and child.getRoleName() in ui.WINDOWS:
            return child
    return None


def apply_text(row, text):
    ui.click(ui.wait_for("the row to stop", lambda: ui.settled(row)))
    ui.focus_window("Preferences")
    ui.key("ctrl+a")
    ui.xdotool("type", "--delay", "10", text)
    ui.key("Return", pause=0.4)


CAMPAIGN = "Feeds launch, December 2026"


def links_of(post_id, part):
    """Whether the post's LinkedIn link as it goes out holds @part."""
    return any(part in link for link in ui.cli_json("post", "links", post_id, "--json")["linkedin"])


def main():
    post_id = next(p["id"] for p in ui.cli_json("post", "list", "--json") if p.get("campaign") == CAMPAIGN)
    ui.cli("post", "edit", post_id, "--body", "More at https://example.org/feeds")
    app = ui.wait_for("the Lineup application on the accessibility bus", ui.app)
    ui.wait_for("the main window", lambda: ui.find(app, role="frame"))

    # 1. Preferences → Publishing → Links (UTM).
    ui.focus_window("Lineup")
    ui.key("ctrl+comma")
    prefs = ui.wait_for("the Preferences window",
                        lambda: ui.toplevel(app, "Preferences", not_role="label"))
    ui.press(ui.wait_for("the Publishing page",
                         lambda: ui.find(prefs, name="Publishing", role="page tab", visible=False)))
    # The group is under the accounts: the wheel scrolls down to it.
    anchor = ui.wait_for("the Publishing page's rows", lambda: ui.find(prefs, prefix="Add a Webhook"))
    x, y = ui.center(anchor)
    ui.xdotool("mousemove", x, y)
    for _ in range(8):
        ui.xdotool("click", "5")
    time.sleep(0.3)
    group = ui.wait_for("the Links (UTM) group", lambda: ui.find(prefs, name="Links (UTM)", role="list",
                                                                   visible=False))
    enabled = ui.wait_for("the switch", lambda: ui.find(group, name="Add UTM Parameters to Links", role="check box"))

    def switched_on():
        states = enabled.getState()
        return states.contains(pyatspi.STATE_CHECKED) or states.contains(pyatspi.STATE_PRESSED)
    assert switched_on(), "tagging is on by default"
    # The group follows the plan: the command line turns tagging off.
    ui.cli("utm", "set", "--off")
    ui.wait_for("the switch off", lambda: not switched_on(), timeout=10)
    ui.cli("utm", "set", "--on")
    ui.wait_for("the switch on again", switched_on, timeout=10)
    domains = ui.wait_for("the domains row", lambda: ui.find(prefs, name="Only Links to These Sites", role="text"))
    apply_text(domains, "https://x.org/")
    ui.wait_for("the refusal", lambda: toast(prefs, "“https://x.org/” is not a domain"))
    assert ui.cli_json("utm", "show", "--json")["domains"] == [], "a refused list leaves every site tagged"
    ui.key("Escape")   # the toast
    apply_text(domains, "example.org")
    ui.wait_for("the domain in the plan", lambda: ui.cli_json("utm", "show", "--json")["domains"] == ["example.org"])
    medium = ui.wait_for("the medium row", lambda: ui.find(prefs, name="Medium (utm_medium)", role="text"))
    apply_text(medium, "newsletter")
    ui.wait_for("the medium in the plan", lambda: ui.cli_json("utm", "show", "--json")["medium"] == "newsletter")
    time.sleep(0.3)
    ui.screenshot(ui.SHOT.replace(".png", "-preferences.png"))

    # 2. Campaigns → the campaign → UTM Campaign, its name cleaned as the
    #    placeholder; one step Ctrl+Z takes back.
    ui.press(ui.wait_for("the Campaigns page",
                         lambda: ui.find(prefs, name="Campaigns", role="page tab", visible=False)))
    ui.focus_window("Preferences")
    campaign = ui.wait_for("the campaign's row", lambda: ui.settled(
        ui.find(prefs, name=CAMPAIGN, not_role="label"), within=prefs))
    ui.click(campaign)
    utm = ui.wait_for("its UTM Campaign row", lambda: ui.find(campaign, name="UTM Campaign", role="text"))
    assert "“feeds-launch-december-2026”" in (utm.description or ""), utm.description
    apply_text(utm, "Feeds 27")
    ui.wait_for("utm_campaign=feeds-27 on the post's links", lambda: links_of(post_id, "utm_campaign=feeds-27&"))
    ui.key("Escape")
    ui.key("ctrl+z")
    ui.wait_for("the name cleaned again", lambda: links_of(post_id, "utm_campaign=feeds-launch"))
    ui.key("Escape")

    # 3. A new post: LinkedIn, a caption with two links.
    ui.wait_for("Preferences to close", lambda: window(app, "Preferences") is None, timeout=10)
    ui.focus_window("Lineup")
    ui.key("ctrl+n")
    editor = ui.wait_for("the new-post editor", lambda: window(app, "New Post"))
    ui.focus_window("New Post")
    time.sleep(0.3)
    ui.click(ui.wait_for("the LinkedIn box", lambda: ui.find(editor, name="LinkedIn", role="check box")))
    caption = ui.wait_for("the caption", lambda: ui.find(editor, name="Caption", role="text"))
    ui.click(caption)
    ui.xdotool("type", "--delay", "5", "Read https://example.org/a?x=1 and https://other.net/b")
    expander = ui.wait_for("the links expander",
                           lambda: ui.find(editor, name="2 Links as They Go Out", not_role="label", visible=False))
    ui.click(ui.wait_for("the expander to stop", lambda: ui.settled(expander)))
    tagged = "https://example.org/a?x=1&utm_source=linkedin&utm_medium=newsletter"
    found = ui.wait_for("the example.org link tagged",
                        lambda: ui.find(editor, prefix=tagged, role="label", visible=False))
    assert "utm_" not in tagged.split("?")[0]
    found_name = found.name   # the list is made again as the captions change
    ui.wait_for("the other site's link untouched",
                lambda: ui.find(editor, name="https://other.net/b", role="label", visible=False))

    # 4. The LinkedIn tab above the caption: its own wording, its own count.
    tab = ui.wait_for("the LinkedIn caption tab",
                      lambda: ui.find(editor, name="LinkedIn", not_role="check box", visible=False))
    ui.click(ui.wait_for("the tab to stop", lambda: ui.settled(tab)))
    variant = ui.wait_for("the LinkedIn caption", lambda: ui.find(editor, name="LinkedIn caption", role="text"))
    ui.click(variant)
    ui.xdotool("type", "--delay", "5", "Only for LinkedIn")
    ui.wait_for("the variant's own count", lambda: ui.find(editor, name="LinkedIn 17/3000", role="label"))
    time.sleep(0.3)
    ui.screenshot()
    print(f"ok: {found_name}")


if __name__ == "__main__":
    ui.run(main)
