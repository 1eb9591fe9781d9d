"""The Preview in the post editor (issue 15): a post of the demo plan going
to Bluesky and LinkedIn, its caption 320 characters long with a link, opens
in the editor; the header's Preview button opens a window with a tab per
network; the Bluesky tab reads, through AT-SPI, the count against Bluesky's
300 ("… of 300 characters", with the link's UTM parameters), the error that
it is over, and the text cut where Bluesky would refuse it; the LinkedIn tab
folds the caption with "…see more"; Bluesky's link card has the page's
Open Graph title and description, read from a page the test serves. LINEUP_PREVIEW_SHOT=FILE: the screen at
1216 pixels wide, as data/screenshots/preview.png."""

import http.server
import os
import threading

import lineup_ui as ui

WORDS = "Spring rides start Sunday at the old station, bring water and a friend. "
PAGE = (b'<html><head><title>rides</title><meta property="og:title" content="Spring Rides 2027">'
        b'<meta property="og:description" content="Routes, times and what to bring."></head></html>')


class Page(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args):
        pass


def window(app, title):
    for i in range(app.childCount):
        child = app.getChildAtIndex(i)
        if child is not None and child.name == title and child.getRoleName() in ui.WINDOWS:
            return child
    return None


def main():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    body = (WORDS * 5)[:300] + f" http://127.0.0.1:{server.server_port}/rides"
    post = ui.cli_json("post", "list", "--json")[0]
    post_id, title = post["id"], post["title"]
    ui.cli("post", "edit", post_id, "--body", body, "--platform", "bluesky", "--platform", "linkedin")
    app = ui.wait_for("the Lineup application on the accessibility bus", ui.app)
    frame = ui.wait_for("the main window", lambda: ui.find(app, role="frame"))

    # The editor of the post, from the list's search.
    ui.focus_window("Lineup")
    ui.key("ctrl+f")
    ui.wait_for("the search entry", lambda: ui.find(frame, name="Search posts", role="entry"))
    ui.key("ctrl+a")
    ui.xdotool("type", "--delay", "10", title)
    agenda = ui.wait_for("the list of posts", lambda: ui.find(frame, name="Posts by day", role="list"))
    row = ui.wait_for(f"a row named {title!r}",
                      lambda: ui.settled(ui.find(agenda, prefix=title, not_role="label"), within=frame))
    ui.click(row, double=True)
    editor = ui.wait_for("the editor", lambda: window(app, "Edit Post"))
    ui.focus_window("Edit Post")

    ui.press(ui.wait_for("the Preview button", lambda: ui.find(editor, name="Preview", role="push button")))
    preview = ui.wait_for("the Preview window", lambda: window(app, "Preview"))

    # Bluesky: the count, the error, the text cut at 300.
    ui.press(ui.wait_for("the Bluesky tab", lambda: ui.find(preview, name="Bluesky", role="page tab", visible=False)))
    count = ui.wait_for("Bluesky's count", lambda: ui.walk(preview, lambda n: n.getRoleName() == "label" and
                                                           (n.name or "").endswith(" of 300 characters")))
    assert int(count.name.split()[0]) > 300, count.name
    ui.wait_for("the error that it is over",
                lambda: ui.find(preview, prefix="Error: Bluesky allows 300 characters", role="label"))
    cut = ui.wait_for("the text as Bluesky shows it",
                      lambda: ui.walk(preview, lambda n: n.getRoleName() == "label" and len(n.name or "") == 300))
    assert len(cut.name) == 300 and "127.0.0.1" not in cut.name, cut.name
    card = ui.wait_for("the link card", lambda: ui.find(preview, name="Link card", visible=False))
    ui.wait_for("the page's title and description on the card",
                lambda: {"Spring Rides 2027", "Routes, times and what to bring."} <=
                {n.name for n in [ui.find(card, name="Spring Rides 2027", role="label", visible=False),
                                  ui.find(card, name="Routes, times and what to bring.", role="label",
                                          visible=False)] if n is not None})

    # LinkedIn: folded after 210 characters.
    ui.press(ui.wait_for("the LinkedIn tab", lambda: ui.find(preview, name="LinkedIn", role="page tab", visible=False)))
    folded = ui.wait_for("LinkedIn's fold", lambda: ui.walk(preview, lambda n: n.getRoleName() == "label" and
                                                            (n.name or "").endswith("…see more")))
    assert folded.name.startswith("Spring rides") and len(folded.name) == 210 + len("…see more"), folded.name
    ui.press(ui.wait_for("the Bluesky tab", lambda: ui.find(preview, name="Bluesky", role="page tab", visible=False)))
    ui.wait_for("Bluesky's count again", lambda: ui.find(preview, prefix="Error: Bluesky", role="label"))
    if os.environ.get("LINEUP_PREVIEW_SHOT"):
        ui.screenshot(os.environ["LINEUP_PREVIEW_SHOT"])


if __name__ == "__main__":
    ui.run(main)
