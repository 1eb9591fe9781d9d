"""Snippets in the post editor (issue 18): a hashtag group and a template
added from the command line while the window is open show in the editor's
Insert Snippet menu, templates of the post's type first. The keyboard
reaches the menu button with Tab and opens the menu with Ctrl+Shift+I;
Down and Enter pick the hashtags, which go on a line of their own at the
caption's end, one edit that Ctrl+Z takes back whole; Ctrl+S saves, and the command line reads the caption.
Preferences' Snippets page lists them, and removing one there removes it
from the plan."""

import time

import lineup_ui as ui

pyatspi = ui.pyatspi


def seek(root, what, pred, keys=("Tab",), limit=30):
    """Presses @keys until the focus is on an element that satisfies @pred."""
    for i in range(limit + 1):
        node = ui.focused(root)
        try:
            if node is not None and pred(node):
                return node
        except Exception:
            pass
        if i < limit:
            ui.xdotool("key", "--clearmodifiers", keys[i % len(keys)])
            time.sleep(0.12)
    raise AssertionError(f"the keyboard never reached {what}")

TAGS = "#launch #coffee"


def main():
    posts = ui.cli_json("post", "list", "--json")
    target = next(p for p in posts if p["date"] == "2026-12-01")
    body = ui.cli_json("post", "show", target["id"], "--json")["body"]

    app = ui.wait_for("the Lineup application on the accessibility bus", ui.app)
    frame = ui.wait_for("the main window", lambda: ui.find(app, role="frame"))
    # While the window is open, as another program would.
    ui.cli("snippet", "add", "Launch tags", TAGS)
    ui.cli("snippet", "add", "How-to", "Step 1:\nStep 2:", "--type", target["type"])
    ui.cli("snippet", "add", "Promo", "Save 20%", "--type", "Promotional")

    ui.click(ui.wait_for("the List view switcher", lambda: ui.find(frame, name="List", role="page tab")))
    ui.focus_window("Lineup")
    ui.key("ctrl+f")
    ui.wait_for("the search entry", lambda: ui.find(frame, name="Search posts", role="entry"))
    ui.key("ctrl+a")   # replaces whatever a search left there
    ui.xdotool("type", "--delay", "5", max(target["title"].split(), key=len))
    agenda = ui.wait_for("the list of posts", lambda: ui.find(frame, name="Posts by day", role="list"))
    row = ui.wait_for("the post's row",
                      lambda: ui.settled(ui.find(agenda, prefix=target["title"], not_role="label"), within=frame))
    ui.click(row, double=True)
    editor = ui.wait_for("the post editor", lambda: ui.toplevel(app, "Edit Post", not_role="label"))
    ui.focus_window("Edit Post")

    # Tab reaches the button, and on to the caption.
    seek(editor, "the Insert Snippet button",
         lambda n: n.name == "Insert Snippet" and n.getRoleName() in ("toggle button", "push button", "button"))
    seek(editor, "the caption", lambda n: n.name == "Caption" and n.getRoleName() == "text")
    ui.key("ctrl+End")
    ui.key("ctrl+shift+i", pause=0.4)

    def item(name):
        return ui.find(app, name=name, role="menu item", visible=False)
    ui.wait_for("the snippets in the menu", lambda: item("Launch tags"))
    assert item("How-to") is not None, "the template for the post's type is offered"
    assert item("Promo") is None, "a template for another type is not offered"
    time.sleep(0.3)
    ui.screenshot(ui.SHOT.replace(".png", "-menu.png"))
    # Templates of the post's type first: the first item is the template.
    first = seek(app, "a menu item", lambda n: n.getRoleName() == "menu item", keys=("Down",), limit=3)
    assert first.name == "How-to", f"the menu starts with {first.name!r}"
    seek(app, "the hashtags", lambda n: n.name == "Launch tags", keys=("Down",), limit=6)
    ui.key("Return", pause=0.4)

    caption = ui.wait_for("the caption", lambda: ui.find(editor, name="Caption", role="text", visible=False))
    expected = body.rstrip("\n") + "\n" + TAGS if body else TAGS

    def caption_is(wanted):
        text = caption.queryText()
        return text.getText(0, text.characterCount) == wanted
    ui.wait_for(f"the caption ending in {TAGS!r}", lambda: caption_is(expected), timeout=10)
    assert ui.focused(editor).name == "Caption", "the caption has the keyboard again"
    # One edit: one Ctrl+Z takes it back whole, Ctrl+Shift+Z puts it again.
    ui.key("ctrl+z")
    ui.wait_for("the caption as it was", lambda: caption_is(body), timeout=5)
    ui.key("ctrl+shift+z")
    ui.wait_for("the snippet again", lambda: caption_is(expected), timeout=5)

    ui.key("ctrl+s")

    def saved():
        shown = ui.cli_json("post", "show", target["id"], "--json")
        return shown if shown["body"] == expected else None
    shown = ui.wait_for("the caption in the database", saved, timeout=15)

    # Preferences lists them; removing one there removes it from the plan.
    ui.wait_for("the editor to close", lambda: not ui.toplevel(app, "Edit Post", not_role="label"))
    ui.focus_window("Lineup")
    ui.key("ctrl+comma")
    prefs = ui.wait_for("the Preferences window",
                        lambda: ui.toplevel(app, "Preferences", not_role="label"))
    ui.press(ui.wait_for("the Snippets page", lambda: ui.find(prefs, name="Snippets", role="page tab", visible=False)))
    # The list is named after its group; looking inside it alone is quick.
    rows = ui.wait_for("the list of snippets", lambda: ui.find(prefs, name="Snippets", role="list", visible=False))
    ui.wait_for("the hashtags' row", lambda: ui.find(rows, name="Launch tags", not_role="label", visible=False))
    time.sleep(0.3)
    ui.screenshot(ui.SHOT.replace(".png", "-preferences.png"))
    ui.press(ui.wait_for("its remove button",
                         lambda: ui.find(rows, name="Remove Launch tags", role="push button", visible=False)))
    ui.wait_for("the snippet gone from the plan",
                lambda: [s["name"] for s in ui.cli_json("snippet", "list", "--json")] == ["How-to", "Promo"])
    ui.wait_for("its row gone", lambda: not ui.find(rows, name="Launch tags", not_role="label", visible=False))
    ui.screenshot()
    print(f"ok: {target['title']!r} caption now ends {shown['body'][-30:]!r}")


if __name__ == "__main__":
    ui.run(main)
