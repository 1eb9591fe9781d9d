"""The approval board, as an editor uses it: drag a draft to In review (the
stage changes and the history says who), drag a post whose checklist is not
complete to Approved (refused, the toast names the item, nothing changes),
move a card a stage with Alt+Right and take it back with Ctrl+Z."""

import time

import lineup_ui as ui


STAGES = ("Brief", "Draft", "In review", "Approved", "Scheduled", "Published")
# The columns found so far: the accessible objects stay as their names
# change (test_board_scope.py relies on it too), and a walk of the whole
# window, every card in it, takes seconds.
_columns = {}


def is_column(node, stage):
    return node.getRoleName() == "list" and (node.name or "").startswith(stage + ",") and ui.on_screen(node)


def find_columns(frame):
    """Every column on screen, in one walk of the window that does not go
    into a column once found (its cards)."""
    def visit(node, depth=0):
        if node is None or depth > 80:
            return
        try:
            if node.getRoleName() == "list":
                stage = next((s for s in STAGES if (node.name or "").startswith(s + ",")), None)
                if stage is not None and stage not in _columns and ui.on_screen(node):
                    _columns[stage] = node
                    return
            for i in range(node.childCount):
                visit(node.getChildAtIndex(i), depth + 1)
        except Exception:
            pass
    visit(frame)


def column(frame, stage):
    """A column's list, whose accessible name is "Draft, 4 posts": the one
    found before while it still is that column and on screen, else found
    anew."""
    def known():
        col = _columns.get(stage)
        try:
            if col is not None and is_column(col, stage):
                return col
        except Exception:   # gone from the tree
            pass
        _columns.pop(stage, None)
        find_columns(frame)
        return _columns.get(stage)
    return ui.wait_for(f"the {stage} column", known)


def card_in(col, title):
    return ui.wait_for(f"the card {title!r}",
                       lambda: ui.settled(ui.find(col, name=title, role="push button")))


def show(post_id):
    return ui.cli_json("post", "show", post_id, "--json")


def main():
    posts = {p["title"]: p for p in ui.cli_json("post", "list", "--json")}
    app = ui.wait_for("the Lineup application on the accessibility bus", ui.app)
    frame = ui.wait_for("the main window", lambda: ui.find(app, role="frame"))
    ui.click(ui.wait_for("the Board switcher", lambda: ui.find(frame, name="Board", role="page tab")))
    # The demo is December 2026's: the whole plan, whatever today is.
    ui.press(ui.wait_for("the All scope", lambda: ui.find(frame, name="All", role="push button")))
    draft = column(frame, "Draft")
    review = column(frame, "In review")
    assert draft.name == "Draft, 4 posts", draft.name
    ui.screenshot(ui.SHOT.replace(".png", "-before.png"))

    # 1. A draft with a caption, dragged to In review.
    guide = posts["Guide: writing briefs your team will actually read"]
    assert guide["stage"] == "draft"
    card = card_in(draft, guide["title"])
    assert "Draft" in (card.description or ""), card.description
    history_before = len(show(guide["id"])["history"])
    ui.drag(card, review)
    moved = ui.wait_for("the post in review",
                        lambda: (lambda s: s if s["stage"] == "in-review" else None)(show(guide["id"])))
    last = moved["history"][-1]
    assert len(moved["history"]) == history_before + 1
    assert (last["kind"], last["from"], last["to"]) == ("stage", "draft", "in-review"), last
    assert last["actor"], last
    ui.wait_for("the card in the In review column", lambda: ui.find(review, name=guide["title"]))
    ui.wait_for("the counts to follow", lambda: column(frame, "In review").name == "In review, 5 posts")

    # 2. The checklist is not complete: the drop to Approved is refused.
    carousel = posts["Carousel: 7 hooks that earn the second slide"]
    before = show(carousel["id"])
    unticked = next(item["item"] for item in before["checklist"] if not item["checked"])
    card = card_in(review, carousel["title"])
    assert "Checklist: 3 of 5 ticked" in (card.description or ""), card.description
    ui.drag(card, column(frame, "Approved"))
    toast = ui.wait_for("a toast that names the unticked item",
                        lambda: ui.nearest(frame, lambda n: (n.name or "").startswith("Not approved yet")
                                        and ui.on_screen(n)))
    assert f"“{unticked}” is not ticked" in toast.name, toast.name
    ui.screenshot(ui.SHOT.replace(".png", "-refused.png"))
    after = show(carousel["id"])
    assert after == before, "a refused drop changed the post"

    # 3. Alt+Right moves the focused card one stage; Ctrl+Z takes it back.
    question = posts["Question: which feature should we build next?"]
    ui.focus_window("Lineup")
    card = card_in(draft, question["title"])
    ui.click(card)
    ui.xdotool("key", "--clearmodifiers", "alt+Right")
    ui.wait_for("the post one stage on", lambda: show(question["id"])["stage"] == "in-review")
    ui.xdotool("key", "--clearmodifiers", "ctrl+z")
    ui.wait_for("the post back in Draft", lambda: show(question["id"])["stage"] == "draft")

    # 4. The editor shows where the approval stands, and takes a comment.
    award = posts["Award: shortlisted for Small Business Tool of the Year"]
    card = card_in(column(frame, "In review"), award["title"])
    ui.click(card, double=True)
    editor = ui.wait_for("the editor", lambda: ui.toplevel(app, "Edit Post", not_role="label"))
    ui.wait_for("the approval status",
                lambda: ui.find(editor, prefix="1 of 2 approvals; waiting for Brand (Lee or Priya)", visible=False))
    ui.wait_for("the Lead step approved by Amara",
                lambda: ui.find(editor, prefix="Approved by Amara", visible=False))
    entry = ui.wait_for("the comment entry", lambda: ui.find(editor, name="Add a comment", role="text", visible=False))
    ui.focus_window("Edit Post")
    # Positions inside the scrolled editor are not reliable under GTK 4.8:
    # reach the entry from the end with Shift+Tab, as a keyboard user would.
    # (The entry's own text widget is not in the tree; the History row
    # after it is.)
    # The expander row and its header both carry the name; either may be
    # the one with the keyboard. Found once; each key asks only them.
    history = []

    def visit(node, depth=0):
        if node is None or depth > 80:
            return
        try:
            if (node.name or "").startswith("History (") and node.getRoleName() == "list item":
                history.append(node)
            for i in range(node.childCount):
                visit(node.getChildAtIndex(i), depth + 1)
        except Exception:
            pass

    def focused_history():
        if not history:
            visit(editor)
        for node in history:
            try:
                if node.getState().contains(ui.pyatspi.STATE_FOCUSED):
                    return True
            except Exception:   # gone from the tree: look again
                history.clear()
        return False
    for _ in range(12):
        ui.xdotool("key", "shift+Tab")
        time.sleep(0.1)
        if focused_history():
            break
    assert focused_history(), "Shift+Tab never reached the History row"
    ui.xdotool("key", "shift+Tab")
    time.sleep(0.1)
    ui.xdotool("type", "--delay", "20", "Ship it after the embargo")
    ui.xdotool("key", "Return")
    ui.wait_for("the comment in the plan",
                lambda: show(award["id"])["history"][-1]["comment"] == "Ship it after the embargo")
    ui.wait_for("the comment in the thread",
                lambda: ui.find(editor, name="Ship it after the embargo", visible=False))
    assert show(award["id"])["history"][-1]["kind"] == "comment"
    ui.screenshot()


ui.run(main)
