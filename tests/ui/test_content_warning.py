"""A content warning typed in the post editor, seen in the Preview (issue
15): a new post for Mastodon, its caption typed, its warning typed in the
Content Warning field reached by its mnemonic (Alt+W); the header's Preview
shows, on the Mastodon tab, the warning and a "Show more" button whose
description (what a screen reader says) carries the warning, the caption
hidden behind it; pressing Show more shows the caption and says the button
is expanded."""

import time

import lineup_ui as ui

pyatspi = ui.pyatspi

WARNING = "Film spoilers"
CAPTION = "The ending explained"


def window(app, title):
    for i in range(app.childCount):
        child = app.getChildAtIndex(i)
        if child is not None and child.name == title and child.getRoleName() in ui.WINDOWS:
            return child
    return None


def main():
    app = ui.wait_for("the Lineup application on the accessibility bus", ui.app)
    ui.wait_for("the main window", lambda: ui.find(app, role="frame"))
    ui.focus_window("Lineup")
    ui.key("ctrl+n")
    editor = ui.wait_for("the new-post editor", lambda: window(app, "New Post"))
    ui.focus_window("New Post")

    ui.press(ui.wait_for("the Mastodon check box", lambda: ui.find(editor, name="Mastodon", role="check box",
                                                                   visible=False)))
    ui.click(ui.wait_for("the caption", lambda: ui.find(editor, name="Caption", role="text")))
    ui.xdotool("type", "--delay", "15", CAPTION)
    ui.key("alt+w")
    time.sleep(0.2)
    ui.xdotool("type", "--delay", "15", WARNING)

    ui.press(ui.wait_for("the Preview button", lambda: ui.find(editor, name="Preview", role="push button")))
    preview = ui.wait_for("the Preview window", lambda: window(app, "Preview"))
    ui.wait_for("the warning on the Mastodon tab", lambda: ui.find(preview, name=WARNING, role="label"))
    more = ui.wait_for("the Show more button", lambda: ui.find(preview, name="Show more", role="push button"))
    assert WARNING in (more.description or ""), more.description
    assert ui.find(preview, name=CAPTION, role="label") is None, "the caption shows before Show more"
    ui.press(more)
    ui.wait_for("the caption behind the warning", lambda: ui.find(preview, name=CAPTION, role="label"))
    ui.wait_for("the button to say it is expanded",
                lambda: ui.find(preview, name="Show less", role="push button") and
                ui.find(preview, name="Show less", role="push button").getState().contains(
                    pyatspi.STATE_EXPANDED))


if __name__ == "__main__":
    ui.run(main)
