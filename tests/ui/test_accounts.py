"""Adding publishing accounts from Preferences → Publishing, as a person
does, against fake servers that run in this test on 127.0.0.1.

Mastodon through the browser: the dialog registers Lineup with the server and
asks the browser to open the page where you allow it (there is no browser
under Xvfb: the dialog says so and its Copy Address gives the page's address;
this test then does what the browser would, and reads the code off the page).
A wrong code is refused in words that say what to do, and nothing is added;
the right one adds the account under the handle the server gave, and its
token goes to the secrets file, never into the plan's database.

A webhook: the dialog shows its new Standard Webhooks signing secret once,
and the account is listed with the media size given ("Send media up to"),
which its row changes. Bluesky: a wrong app password is refused in
words; the right one adds the account."""

import json
import os
import re
import subprocess
import sys
import time
import urllib.request

import lineup_ui as ui

sys.path.insert(0, os.path.join(os.environ["LINEUP_SOURCE_ROOT"], "tests", "integration", "fakes"))
from fake_mastodon import FakeMastodon  # noqa: E402
from fake_pds import FakePds  # noqa: E402

HOOK_URL = "https://hooks.example.com/lineup"
HOOK_NAME = "Release hook"
BSKY_HANDLE = "team.fake.test"
BSKY_PASSWORD = "abcd-efgh-ijkl-mnop"

# What a person's clipboard holds, read as another X client would.
READ_CLIPBOARD = r"""
import gi
gi.require_version("Gdk", "4.0")
from gi.repository import Gdk, GLib
display = Gdk.Display.open(__import__("os").environ["DISPLAY"])
loop = GLib.MainLoop()
text = []
def done(clipboard, result):
    try:
        text.append(clipboard.read_text_finish(result) or "")
    except GLib.Error:
        text.append("")
    loop.quit()
display.get_clipboard().read_text_async(None, done)
GLib.timeout_add_seconds(5, loop.quit)
loop.run()
print(text[0] if text else "", end="")
"""


def clipboard():
    env = dict(os.environ, GTK_A11Y="none", NO_AT_BRIDGE="1")
    return subprocess.run([sys.executable, "-c", READ_CLIPBOARD], capture_output=True, text=True,
                          env=env, timeout=20).stdout


def text_of(node):
    """What an entry or a label shows, through the accessible Text."""
    t = node.queryText()
    return t.getText(0, t.characterCount)


def dialog(app, title):
    """The dialog's window (an AdwWindow: a "filler"), open or not."""
    return ui.toplevel(app, title, role="filler")


def error_shown(dlg, *words):
    """The dialog's error line (an alert), once it shows and says all of @words."""
    return ui.walk(dlg, lambda n: n.getRoleName() == "alert" and ui.on_screen(n)
                   and all(w in text_of(n) for w in words))


def accounts():
    return ui.cli_json("account", "list", "--json")


def file_bytes(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return b""


def open_add_dialog(app, prefs, row_name, title):
    # @prefs: the Publishing page's list of accounts, where the row is.
    ui.press(ui.wait_for(f"the row {row_name!r}", lambda: ui.find(prefs, name=row_name, role="list item")))
    dlg = ui.wait_for(f"the dialog {title!r}", lambda: dialog(app, title))
    ui.focus_window(title)
    time.sleep(0.3)
    return dlg


def retype(text):
    """Replaces what the focused field holds, from the keyboard."""
    ui.xdotool("key", "ctrl+a")
    ui.xdotool("key", "BackSpace")
    ui.xdotool("type", "--delay", "15", "--", text)  # a code may start with "-"


def main():
    secrets_file = os.environ["LINEUP_SECRETS_FILE"]
    if os.path.exists(secrets_file):
        os.remove(secrets_file)
    mastodon = FakeMastodon()
    mastodon.start()
    mastodon.add_account("team")       # whose account the authorize page grants
    pds = FakePds()
    pds.start()
    pds.add_account(BSKY_HANDLE, BSKY_PASSWORD)
    assert accounts() == [], accounts()

    app = ui.wait_for("the Lineup application on the accessibility bus", ui.app)
    ui.wait_for("the main window", lambda: ui.find(app, role="frame"))
    ui.focus_window("Lineup")
    ui.xdotool("key", "--clearmodifiers", "ctrl+comma")
    prefs_window = ui.wait_for("the Preferences window",
                               lambda: ui.toplevel(app, "Preferences", not_role="label"))
    ui.press(ui.wait_for("the Publishing page",
                         lambda: ui.find(prefs_window, name="Publishing", role="page tab", visible=False)))
    # The accounts' rows, and the rows that add one, are in the page's
    # Accounts list: searched there, not through every page of Preferences
    # (the list itself from the window's end, which the page is nearer).
    prefs = ui.wait_for("the Accounts list", lambda: ui.find_last(prefs_window, name="Accounts", role="list",
                                                                  visible=False))

    # ---- 1. Mastodon, through the browser ----
    title = "Add a Mastodon Account"
    dlg = open_add_dialog(app, prefs, "Add a Mastodon Account…", title)
    ui.screenshot(ui.SHOT.replace(".png", "-mastodon.png"))
    ui.xdotool("type", "--delay", "15", mastodon.url)      # the keyboard starts in Server
    ui.xdotool("key", "Return")
    code_row = ui.wait_for("the page asking for the code",
                           lambda: ui.find(dlg, name="Authorization code", role="text"))
    ui.wait_for("Lineup registered with the server", lambda: len(mastodon.apps) == 1)
    ui.wait_for("the Add Account button", lambda: ui.find(dlg, name="Add Account", role="push button"))
    # No browser here: the dialog says so itself, pointing to Copy Address,
    # and no other window covers it.
    ui.wait_for("the dialog saying the browser did not open",
                lambda: error_shown(dlg, "could not open the page in a browser", "Copy Address"))
    assert ui.find(app, name="Could not show link", visible=False) is None
    ui.screenshot(ui.SHOT.replace(".png", "-code.png"))

    # Copy Address puts the page's address on the clipboard; the "browser"
    # opens it, and the page shows the code.
    ui.press(ui.wait_for("Copy Address", lambda: ui.find(dlg, name="Copy the page’s address", role="push button")))
    address = ui.wait_for("the page's address on the clipboard",
                          lambda: (lambda t: t if "/oauth/authorize" in t else None)(clipboard()), timeout=20)
    assert address.startswith(mastodon.url + "/oauth/authorize?"), address
    client_id = next(iter(mastodon.apps))
    assert f"client_id={client_id}" in address, address
    with urllib.request.urlopen(address, timeout=10) as page:
        html = page.read().decode()
    code = re.search(r"<code id='code'>([^<]+)</code>", html).group(1)
    assert json.loads(urllib.request.urlopen(mastodon.url + "/__fake/oauth_code", timeout=10).read())["code"] == code

    # 2. A wrong code first: refused in words, the dialog stays, nothing added.
    ui.focus_window(title)
    ui.click(code_row)
    time.sleep(0.2)
    retype("not-the-code")
    ui.xdotool("key", "Return")
    error = ui.wait_for("the wrong code's error", lambda: error_shown(dlg, "did not accept that code"))
    ui.screenshot(ui.SHOT.replace(".png", "-wrong-code.png"))
    # It says what to do, and keeps the server's own words.
    assert "copy the whole code from its page again, or choose Open" in text_of(error), text_of(error)
    assert "invalid_grant" in text_of(error), text_of(error)
    assert dialog(app, title) is not None, "the dialog closed on a wrong code"
    assert accounts() == [], accounts()
    assert not any(entry.get("app") for entry in mastodon.tokens.values()), "a token for a wrong code"

    # The right code adds the account, under the handle the server gave.
    ui.focus_window(title)
    ui.click(code_row)
    time.sleep(0.2)
    retype(code)
    ui.xdotool("key", "Return")
    ui.wait_for("the dialog to close", lambda: dialog(app, title) is None)
    # Named by the handle the server gave (its account "team" on this host).
    handle = "team@127.0.0.1"
    row = ui.wait_for("the account's row in Preferences", lambda: ui.find(prefs, name=handle, role="list item"))
    assert f"Mastodon · {handle}" in (row.description or ""), row.description
    assert "Ready to publish" in (row.description or ""), row.description
    listed = [a for a in accounts() if a["network"] == "mastodon"]
    assert [(a["name"], a["handle"], a["endpoint"]) for a in listed] == [(handle, handle, mastodon.url)], listed
    ui.screenshot(ui.SHOT.replace(".png", "-mastodon-added.png"))

    # Its token: in the secrets file, nowhere in the database's bytes.
    tokens = [t for t, entry in mastodon.tokens.items() if entry.get("app") is not None]
    assert len(tokens) == 1, tokens
    token = tokens[0].encode()
    for path in (ui.DB, ui.DB + "-wal", ui.DB + "-journal"):
        assert token not in file_bytes(path), f"the token is in {path}"
    assert token in file_bytes(secrets_file), "the token is not in the secrets file"

    # ---- 3. A webhook: its signing secret, shown once ----
    title = "Add a Webhook"
    dlg = open_add_dialog(app, prefs, "Add a Webhook…", title)
    # Unnamed, a webhook is called by its address's host: it has no handle.
    ui.wait_for("the Name field", lambda: ui.find(dlg, name="Name in Lineup (optional; the address’s host otherwise)",
                                                 role="text"))
    ui.xdotool("type", "--delay", "15", HOOK_URL)            # the keyboard starts in Address
    ui.xdotool("key", "Tab")
    ui.xdotool("type", "--delay", "15", HOOK_NAME)
    # How large a medium goes in the payload with its bytes: its mnemonic
    # reaches the field (5 MB unless changed).
    spin = ui.wait_for("Send media up to", lambda: ui.find(dlg, name="Send media up to", role="spin button",
                                                          visible=False))
    assert spin is not None
    ui.xdotool("key", "--clearmodifiers", "alt+s")
    ui.xdotool("key", "ctrl+a")
    ui.xdotool("type", "--delay", "15", "1.5")
    ui.xdotool("key", "--clearmodifiers", "alt+a")
    ui.wait_for("the Signing Secret page", lambda: ui.find(dlg, name="Signing Secret", role="label"))
    secret_label = ui.wait_for("the signing secret, shown",
                               lambda: ui.find(dlg, prefix="whsec_", role="label"))
    secret = text_of(secret_label)
    # Standard Webhooks: "whsec_" and the base64 of the key.
    assert re.fullmatch(r"whsec_[A-Za-z0-9+/]{24,}={0,2}", secret), secret
    assert ui.find(dlg, name="Copy the signing secret", role="push button") is not None
    assert ui.find(dlg, name="Cancel", role="push button") is None, "Cancel after the account is added"
    ui.screenshot(ui.SHOT.replace(".png", "-webhook-secret.png"))
    ui.press(ui.wait_for("Done", lambda: ui.find(dlg, name="Done", role="push button")))
    ui.wait_for("the dialog to close", lambda: dialog(app, title) is None)
    row = ui.wait_for("the webhook's row", lambda: ui.find(prefs, name=HOOK_NAME, role="list item"))
    assert f"Webhook · {HOOK_URL}" in (row.description or ""), row.description
    assert [a["media_bytes"] for a in accounts() if a["name"] == HOOK_NAME] == [1_500_000], accounts()
    # Changed in its row: none go with their bytes.
    row_spin = ui.find(prefs, name=f"Send media to {HOOK_NAME} up to, in megabytes", role="spin button",
                       visible=False)
    assert row_spin.queryValue().currentValue == 1.5, row_spin.queryValue().currentValue
    row_spin.queryValue().currentValue = 0.0
    ui.wait_for("no media bytes for the webhook",
                lambda: [a["media_bytes"] for a in accounts() if a["name"] == HOOK_NAME] == [0])
    assert secret.encode() in file_bytes(secrets_file)
    for path in (ui.DB, ui.DB + "-wal"):
        assert secret.encode() not in file_bytes(path), f"the signing secret is in {path}"

    # ---- 4. Bluesky: a wrong app password, then the right one ----
    title = "Add a Bluesky Account"
    dlg = open_add_dialog(app, prefs, "Add a Bluesky Account…", title)
    ui.xdotool("type", "--delay", "15", BSKY_HANDLE)          # the keyboard starts in Handle
    ui.xdotool("key", "Tab")
    ui.xdotool("type", "--delay", "15", "wrong-pass-word-0000")
    password_row = ui.find(dlg, name="App password", role="text")
    server_row = ui.wait_for("the Server field", lambda: ui.find(dlg, name="Server", role="text"))
    ui.click(server_row)
    time.sleep(0.2)
    retype(pds.url)
    ui.xdotool("key", "Return")
    ui.wait_for("the wrong password's error",
                lambda: error_shown(dlg, f"Bluesky did not accept that app password for {BSKY_HANDLE}",
                                    "Settings → Privacy and security → App passwords"))
    ui.screenshot(ui.SHOT.replace(".png", "-bluesky-wrong.png"))
    assert dialog(app, title) is not None
    assert not any(a["network"] == "bluesky" for a in accounts()), accounts()
    ui.click(password_row)
    time.sleep(0.2)
    retype(BSKY_PASSWORD)
    ui.xdotool("key", "Return")
    ui.wait_for("the dialog to close", lambda: dialog(app, title) is None)
    row = ui.wait_for("the Bluesky account's row", lambda: ui.find(prefs, name=BSKY_HANDLE, role="list item"))
    assert f"Bluesky · {BSKY_HANDLE}" in (row.description or ""), row.description
    assert [a["handle"] for a in accounts() if a["network"] == "bluesky"] == [BSKY_HANDLE], accounts()
    for path in (ui.DB, ui.DB + "-wal"):
        assert BSKY_PASSWORD.encode() not in file_bytes(path), f"the app password is in {path}"
    time.sleep(0.3)
    ui.screenshot(ui.SHOT.replace(".png", "-accounts.png"))
    ui.focus_window("Preferences")
    ui.xdotool("key", "Escape")
    mastodon.stop()
    pds.stop()


ui.run(main)
