"""A first-time user: the empty plan offers a demo; they load it, delete a
post with the Delete key, change their mind and press Ctrl+Z; Ctrl+Z again
takes the demo back whole, its pillars and campaign too."""

import subprocess

import lineup_ui as ui


def post_exists(post_id):
    return subprocess.run([ui.BIN, "--database", ui.DB, "post", "show", post_id],
                          capture_output=True).returncode == 0


def main():
    app = ui.wait_for("the Lineup application on the accessibility bus", ui.app)
    frame = ui.wait_for("the main window", lambda: ui.find(app, role="frame"))

    # An empty plan shows the two ways to start, and nothing else.
    ui.wait_for("the empty-state page", lambda: ui.find(frame, name="Plan Your First Month", role="label"))
    assert ui.find(frame, name="New Post", role="push button"), "no New Post button on the empty page"
    ui.screenshot(ui.SHOT.replace(".png", "-empty.png"))
    ui.press(ui.wait_for("Load Demo Plan", lambda: ui.find(frame, name="Load Demo Plan", role="push button")))

    posts = ui.wait_for("the demo posts in the database",
                        lambda: (lambda p: p if len(p) >= 20 else None)(ui.cli_json("post", "list", "--json")))

    # Find it as a person would: search for it. (GTK 4.8 reports stale
    # positions for rows the list has recycled, so positions alone mislead.)
    post = next(p for p in posts if p["title"].startswith("Question: which feature"))
    ui.focus_window("Lineup")
    ui.xdotool("key", "--clearmodifiers", "ctrl+f")
    ui.wait_for("the search entry", lambda: ui.find(frame, name="Search posts", role="entry"))
    ui.xdotool("type", "--delay", "5", "which feature")
    # Only inside the list: the hidden calendar page has cards of the same names.
    agenda = ui.wait_for("the list of posts", lambda: ui.find(frame, name="Posts by day", role="list"))
    row = ui.wait_for("the one matching row", lambda: ui.settled(ui.find(agenda, name=post["title"], not_role="label"), within=frame))
    others = [p for p in posts if p is not post and ui.find(agenda, name=p["title"], not_role="label")]
    assert not others, f"the search should leave one post, also shows {[p['title'] for p in others]}"

    ui.click(row)
    ui.focus_window("Lineup")
    ui.xdotool("key", "Delete")
    ui.wait_for(f"{post['title']!r} gone from the database", lambda: not post_exists(post["id"]), timeout=10)
    # A toast lasts five seconds: looked for from the tree's end, where it is.
    ui.wait_for("the undo toast", lambda: ui.find_last(app, prefix="Deleted", role="label", visible=False))
    ui.wait_for("the row gone from the list",
                lambda: ui.find(agenda, name=post["title"], not_role="label") is None)

    ui.xdotool("key", "--clearmodifiers", "ctrl+z")
    ui.wait_for(f"{post['title']!r} back in the database", lambda: post_exists(post["id"]), timeout=10)
    ui.wait_for("the row back in the list", lambda: ui.find(agenda, name=post["title"], not_role="label"))
    restored = ui.cli_json("post", "show", post["id"], "--json")
    assert restored["title"] == post["title"] and restored["date"] == post["date"], restored

    # Ctrl+Z once more takes the whole demo back: its posts, pillars (with
    # their targets) and campaign, as it came in one step.
    ui.xdotool("key", "--clearmodifiers", "ctrl+z")
    ui.wait_for("the demo's posts gone", lambda: ui.cli_json("post", "list", "--json") == [], timeout=10)
    ui.wait_for("the demo's pillars gone", lambda: ui.cli_json("pillar", "list", "--json") == [], timeout=10)
    assert ui.cli_json("campaign", "list", "--json") == [], ui.cli_json("campaign", "list", "--json")
    ui.wait_for("the empty-state page again", lambda: ui.find(frame, name="Plan Your First Month", role="label"))
    ui.screenshot()
    print(f"ok: demo loaded ({len(posts)} posts); deleted and restored {post['title']!r}; demo undone whole")


if __name__ == "__main__":
    ui.run(main)
