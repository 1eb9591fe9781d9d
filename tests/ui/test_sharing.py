"""Sharing a plan from the window: Preferences → Sharing offers "Share This
Plan…" on a plan that is not shared; its dialog, given the address of a
server that does not answer, says why in the dialog itself and keeps what
was typed (the second try meets the server again, not an empty form)."""

import re
import time

import pyatspi

import lineup_ui as ui

URL = "http://127.0.0.1:9/cal/"


def error_shown(dlg, *words):
    """The dialog's error line (an alert), once it shows and says all of @words."""
    return ui.walk(dlg, lambda n: n.getRoleName() == "alert" and ui.on_screen(n)
                   and all(w in text_of(n) for w in words))


def text_of(node):
    try:
        t = node.queryText()
        return t.getText(0, t.characterCount)
    except NotImplementedError:
        return node.name or ""


def idle(dlg):
    """The dialog waits for no server: its Share button can be pressed."""
    button = ui.find(dlg, name="Share", role="push button")
    return button is not None and button.getState().contains(pyatspi.STATE_SENSITIVE)


def app_window(app, name, polls=None):
    """ui.find(app, name=name, not_role="label", visible=False), looked for
    among the app's windows first (a window is one of them): not after a
    walk of the main window and of every page of Preferences."""
    for i in range(app.childCount):
        child = app.getChildAtIndex(i)
        if child is not None and child.name == name and child.getRoleName() != "label":
            return child
    # Polled by a wait (@polls counts them): the walk of the whole app only
    # at every tenth poll, should the window be elsewhere.
    if polls is not None:
        polls.append(None)
        if len(polls) % 10:
            return None
    return ui.find(app, name=name, not_role="label", visible=False)


def still(node, name, role):
    """@node still is what ui.find(…, name=name, role=role) found, on screen."""
    try:
        return node.name == name and node.getRoleName() == role and ui.on_screen(node)
    except Exception:   # gone from the tree
        return False


def type_into(window_title, text):
    ui.focus_window(window_title)
    ui.xdotool("type", "--delay", "15", text)


def main():
    app = ui.wait_for("the Lineup application on the accessibility bus", ui.app)
    ui.wait_for("the main window", lambda: ui.find(app, role="frame"))
    # Not shared: no indicator in the header.
    assert ui.find(app, prefix="Shared plan:", visible=False) is None

    ui.focus_window("Lineup")
    ui.xdotool("key", "--clearmodifiers", "ctrl+comma")
    prefs = ui.wait_for("the Preferences window", lambda polls=[]: app_window(app, "Preferences", polls))
    ui.press(ui.wait_for("the Sharing page", lambda: ui.find(prefs, name="Sharing", role="page tab", visible=False)))
    share = ui.wait_for("Share This Plan…", lambda: ui.find(prefs, name="Share This Plan…", role="push button"))
    assert ui.find(prefs, name="Join a Shared Plan…", role="push button") is not None
    # While not shared, nothing of a shared plan's state shows.
    assert ui.find(prefs, name="Leave…", role="push button") is None
    ui.screenshot(ui.SHOT.replace(".png", "-page.png"))
    ui.press(share)

    dlg = ui.wait_for("the Share dialog", lambda polls=[]: app_window(app, "Share This Plan", polls))
    ui.wait_for("its Share button", lambda: ui.find(dlg, name="Share", role="push button"))
    # The address row has the keyboard; Tab goes to the next row.
    type_into("Share This Plan", URL)
    ui.xdotool("key", "Tab")
    ui.xdotool("type", "--delay", "15", "ana")
    ui.xdotool("key", "Tab")
    ui.xdotool("type", "--delay", "15", "secret-pass")
    ui.press(ui.find(dlg, name="Share", role="push button"))

    # Shown inline, in the dialog that stays open.
    error = ui.wait_for("the error in the dialog", lambda: error_shown(dlg, "127.0.0.1:9"), timeout=60)
    first = text_of(error)
    assert app_window(app, "Share This Plan") is not None
    ui.screenshot(ui.SHOT.replace(".png", "-dialog.png"))

    # What was typed is still there: a second try meets the same server.
    # An emptied form would say at once which field to fill instead.
    ui.press(ui.wait_for("the Share button again", lambda: ui.find(dlg, name="Share", role="push button")))
    time.sleep(1.0)
    ui.wait_for("the second try over", lambda: idle(dlg), timeout=60)
    again = ui.wait_for("the error again", lambda: error_shown(dlg, "127.0.0.1:9"))
    # (curl says how long it tried: "after 0 ms", "after 1 ms".)
    def same(text):
        return re.sub(r"after \d+ ms", "after … ms", text)
    assert same(text_of(again)) == same(first), (first, text_of(again))

    # Cancel closes it; the page still offers both ways in.
    ui.press(ui.find(dlg, name="Cancel", role="push button"))
    ui.wait_for("the dialog closed",
                lambda: ui.toplevel(app, "Share This Plan", not_role="label") is None)
    # (The button found before, while it still is that and on screen.)
    ui.wait_for("Share This Plan… still offered",
                lambda: share if still(share, "Share This Plan…", "push button")
                else ui.find(prefs, name="Share This Plan…", role="push button"))
    ui.screenshot()


ui.run(main)
