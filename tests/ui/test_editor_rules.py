"""The post editor keeps what is typed and follows the workflow (issue 16).

Ctrl+N and Esc with nothing typed closes at once; with a title typed, Esc
asks "Save changes?": Discard leaves the plan as it was, Save adds the post
(read back through the command line). Picking the day already chosen in the
date popover closes the popover, so the next Esc asks again rather than
throwing the post away. The Stage list of a new post offers Brief, Draft and
In review only; Approved, Scheduled and Published show disabled with the
reason, and Down to Scheduled and Enter does not pick it (the post is saved
a brief or a draft).
Those of a draft show disabled too, with the workflow's reason. In a post in
review, ticking a checklist item and a refused Approve (its message at the
editor's foot) leave the next item where it was under the pointer. A save
the store refuses (a scheduled post moved to a day gone by) shows its
message and keeps the editor open, the change still there to save or
discard."""

import datetime
import time

from gi.repository import GLib

import lineup_ui as ui

pyatspi = ui.pyatspi

STAGES = ("Brief", "Draft", "In review", "Approved", "Scheduled", "Published")


def type_text(text):
    ui.xdotool("type", "--delay", "15", text)
    time.sleep(0.2)


def window(app, title):
    """A window of the app (GTK 4.8 makes an AdwWindow a "filler")."""
    for i in range(app.childCount):
        child = app.getChildAtIndex(i)
        if child is not None and child.name == title and child.getRoleName() in ui.WINDOWS:
            return child
    return None


# The app says where the focus went (AT-SPI's focus events), so a key that
# moves it need not be followed by a fixed pause before the look.
_focus_gained = []


def _on_focus(event):
    if event.detail1:
        _focus_gained.append(event.source)


pyatspi.Registry.registerEventListener(_on_focus, "object:state-changed:focused")


def focus_key(key_name, timeout=0.12):
    """Presses @key_name and waits until the app says the focus moved, at
    most @timeout (the pause there was before)."""
    context = GLib.MainContext.default()
    while context.iteration(False):   # what came before the key
        pass
    _focus_gained.clear()
    ui.xdotool("key", "--clearmodifiers", key_name)
    deadline = time.monotonic() + timeout
    while True:
        while context.iteration(False):
            pass
        if _focus_gained or time.monotonic() >= deadline:
            return
        time.sleep(0.005)


def has_focus(node):
    try:
        return node.getState().contains(pyatspi.STATE_FOCUSED)
    except Exception:   # gone from the tree
        return False


def matching(root, pred):
    """The elements under @root (not windows) that satisfy @pred, in one walk."""
    found = []

    def visit(node, depth):
        if node is None or depth > 60:
            return
        try:
            if node.getRoleName() not in ui.WINDOWS and pred(node):
                found.append(node)
        except Exception:
            pass
        try:
            for i in range(node.childCount):
                visit(node.getChildAtIndex(i), depth + 1)
        except Exception:
            pass
    visit(root, 0)
    return found


def seek(root, what, pred, keys=("Tab",), limit=60):
    """Presses @keys until the focus is on an element that satisfies @pred.
    The elements of @root that satisfy it are found once (again every ten
    keys, should the tree change); each key asks only them whether they have
    the focus, rather than walking @root for the focus."""
    targets = []
    for i in range(limit + 1):
        if not targets or i % 10 == 0:
            targets = matching(root, pred)
        node = next((t for t in targets if has_focus(t)), None)
        if node is not None:
            return node
        if i < limit:
            focus_key(keys[i % len(keys)])
    raise AssertionError(f"the keyboard never reached {what}")


def titled(title):
    return [p for p in ui.cli_json("post", "list", "--json") if p["title"] == title]


def new_post(app):
    ui.focus_window("Lineup")
    ui.key("ctrl+n")
    editor = ui.wait_for("the new-post editor", lambda: window(app, "New Post"))
    ui.focus_window("New Post")
    time.sleep(0.3)
    return editor


def dialog_button(app, name):
    """A button of the "Save changes?" question (libadwaita 1.2 names it
    "_Discard Discard"; of its two rows of buttons, the one shown)."""
    dialog = window(app, "Save changes?")
    if dialog is None:
        return None
    return ui.walk(dialog, lambda n: n.getRoleName() == "push button" and (n.name or "").endswith(" " + name)
                   and ui.on_screen(n))


def confirm_dialog(app):
    return dialog_button(app, "Discard")


def stage_entries(combo):
    """The Stage list's entries (of the Stage row @combo): per stage,
    whether it is offered (its label sensitive) and the text under it (the
    reason it is not); None while the list is not there."""
    popover = combo and ui.walk(combo, lambda n: n.name == "GtkPopover")
    if popover is None:
        return None
    entries = {}
    for name in STAGES:
        label = ui.walk(popover, lambda n: n.getRoleName() == "label" and n.name == name)
        if label is None:
            return None
        parent = label.parent
        texts = [parent.getChildAtIndex(i).name for i in range(parent.childCount)]
        enabled = label.getState().contains(pyatspi.STATE_SENSITIVE)
        entries[name] = (enabled, " ".join(t for t in texts if t and t != name))
    return entries


def list_open(combo):
    """The keyboard is in the Stage list (it is open) of the Stage row @combo."""
    popover = combo and ui.walk(combo, lambda n: n.name == "GtkPopover")
    node = popover and ui.focused(popover)
    return node is not None and node.getRoleName() == "list item"


def near(node, levels):
    """An ancestor of @node: a small part of the tree to look for the focus
    in (a walk of the whole editor at every key is slow)."""
    for _ in range(levels):
        node = node.parent
    return node


def open_stage_list(app, editor):
    """The Stage row (found once: its node stays) and the entries of its
    list, opened from the keyboard."""
    combo = ui.wait_for("the Stage row", lambda: ui.find(editor, name="Stage", role="combo box", visible=False))
    seek(combo.parent, "the Stage row", lambda n: n.getRoleName() == "combo box" and n.name == "Stage")
    # The form scrolls to the row (a new post's Media group is above it):
    # its list opened while it still moves would open off the screen.
    ui.wait_for("the Stage row in place", lambda: ui.on_screen(combo) and ui.settled(combo))
    ui.key("space")
    ui.wait_for("the Stage list open", lambda: list_open(combo), timeout=5)
    return combo, ui.wait_for("the Stage list", lambda: stage_entries(combo))


# Nodes of the main window found once and asked again (a walk of the whole
# window, with every card of the month, takes seconds).
_known = {}


def again(frame, name, role):
    """ui.find(frame, name=name, role=role): the node found last time while
    it still is that (and on screen), else found anew."""
    node = _known.get((name, role))
    try:
        if node is not None and node.name == name and node.getRoleName() == role and ui.on_screen(node):
            return node
    except Exception:   # gone from the tree
        pass
    node = ui.find(frame, name=name, role=role)
    if node is not None:
        _known[(name, role)] = node
    return node


def open_from_list(app, frame, title, search):
    ui.focus_window("Lineup")
    ui.key("ctrl+f")
    ui.wait_for("the search entry", lambda: again(frame, "Search posts", "entry"))
    ui.key("ctrl+a")
    type_text(search)
    agenda = ui.wait_for("the list of posts", lambda: again(frame, "Posts by day", "list"))
    row = ui.wait_for(f"a row named {title!r}",
                      lambda: ui.settled(ui.find(agenda, prefix=title, not_role="label"), within=frame))
    ui.click(row, double=True)
    editor = ui.wait_for("the editor", lambda: window(app, "Edit Post"))
    ui.focus_window("Edit Post")
    time.sleep(0.3)
    return editor


def check_box(editor, item):
    return ui.walk(editor, lambda n: n.getRoleName() == "check box" and (n.name or "").startswith(item))


def main():
    app = ui.wait_for("the Lineup application on the accessibility bus", ui.app)
    frame = ui.wait_for("the main window", lambda: ui.find(app, role="frame"))
    posts_before = len(ui.cli_json("post", "list", "--json"))

    # 1. Nothing typed: Esc closes at once, without a question.
    new_post(app)
    ui.key("Escape")
    ui.wait_for("the untouched editor to close", lambda: not window(app, "New Post"), timeout=3)
    assert confirm_dialog(app) is None, "an editor with nothing typed asked before closing"

    # 2. A title typed, then Esc: "Save changes?"; Discard throws it away.
    new_post(app)
    type_text("Typed, then discarded")
    ui.key("Escape")
    discard = ui.wait_for("the Save changes? dialog", lambda: confirm_dialog(app), timeout=5)
    assert window(app, "New Post"), "the editor closed before the answer"
    ui.press(discard)
    ui.wait_for("the editor to close on Discard", lambda: not window(app, "New Post"), timeout=5)
    assert not titled("Typed, then discarded"), "Discard saved the post"
    assert len(ui.cli_json("post", "list", "--json")) == posts_before

    # 3. The same, and Save: the post is in the plan, a brief.
    new_post(app)
    type_text("Typed, then saved from the question")
    ui.key("Escape")
    ui.wait_for("the Save changes? dialog", lambda: confirm_dialog(app), timeout=5)
    ui.press(ui.wait_for("its Save button", lambda: dialog_button(app, "Save")))
    ui.wait_for("the editor to close on Save", lambda: not window(app, "New Post"), timeout=5)
    saved = ui.wait_for("the post in the plan", lambda: titled("Typed, then saved from the question"))
    assert saved[0]["stage"] == "brief", saved

    # 4. A new post's Stage list: only Brief, Draft and In review.
    editor = new_post(app)
    type_text("Wants to be scheduled at once")
    combo, entries = open_stage_list(app, editor)
    ui.screenshot(ui.SHOT.replace(".png", "-new-stages.png"))
    for name in ("Brief", "Draft"):
        assert entries[name][0], f"a new post is not offered {name}: {entries}"
    for name in ("Approved", "Scheduled", "Published"):
        enabled, why = entries[name]
        assert not enabled, f"a new post is offered {name}: {entries}"
        assert f"cannot start as {name}" in why, f"{name} shows no reason: {why!r}"
    # In review needs a caption: none typed yet.
    assert not entries["In review"][0] and "without a caption" in entries["In review"][1], entries
    # Down to Scheduled and Enter does not pick it.
    ui.key("Home", pause=0.2)
    ui.key(*["Down"] * STAGES.index("Scheduled"), pause=0.2)
    ui.key("Return", pause=0.5)
    if list_open(combo):
        ui.key("Escape", pause=0.5)      # the list, still open
    assert window(app, "New Post"), "Escape closed the editor, not the list"

    # 5. The date: switched on (today), the popover opened, today picked
    #    again: the popover closes itself; the next Esc asks.
    seek(combo.parent, "the date switch", lambda n: (n.name or "").startswith("Has a date"))
    ui.key("space", pause=0.3)
    ui.key("shift+Tab", pause=0.3)                    # the date's button
    ui.key("space")
    # The popover is the Date button's, in the Date row beside the Stage
    # row: looked for there, not in the whole editor.
    rows = combo.parent
    ui.wait_for("the date popover", lambda: ui.find(rows, name="Choose the date", visible=False))
    today = datetime.date.today()
    first = today.replace(day=1)
    cell = (first.isoweekday() % 7) + today.day - 1  # Sunday first, as C.UTF-8
    ui.key("Right", pause=0.2)                          # the keyboard enters the grid on its first cell
    ui.key(*["Down"] * (cell // 7), pause=0.1)
    ui.key(*["Right"] * (cell % 7), pause=0.1)
    ui.key("space")
    ui.wait_for("the popover to close itself",
                lambda: ui.find(rows, name="Choose the date", visible=False) is None, timeout=3)
    ui.key("ctrl+s")
    ui.wait_for("the editor to close on Ctrl+S", lambda: not window(app, "New Post"), timeout=5)
    post = ui.wait_for("the post in the plan", lambda: titled("Wants to be scheduled at once"))[0]
    # (The keyboard goes no further down the list than Draft.)
    assert post["stage"] in ("brief", "draft") and post["date"] == today.isoformat(), post

    # 6. A draft's Stage list: Approved on are disabled, with the reason.
    story = "Story: from freelancer to 20-person agency"
    editor = open_from_list(app, frame, story, "freelancer")
    combo, entries = open_stage_list(app, editor)
    ui.screenshot(ui.SHOT.replace(".png", "-draft-stages.png"))
    for name in ("Brief", "Draft", "In review"):
        assert entries[name][0], f"a draft is not offered {name}: {entries}"
    for name in ("Approved", "Scheduled", "Published"):
        enabled, why = entries[name]
        assert not enabled, f"a draft is offered {name}: {entries}"
        assert "to In review first" in why, f"{name} shows no reason: {why!r}"
    ui.key("Escape", pause=0.5)
    assert window(app, "Edit Post"), "Escape closed the editor, not the list"
    ui.key("Escape")
    ui.wait_for("the unchanged editor to close at once", lambda: not window(app, "Edit Post"), timeout=3)

    # 7. The checklist stays under the pointer: a tick, then a refused
    #    approval, and the next item has not moved.
    carousel = "Carousel: 7 hooks that earn the second slide"
    post_id = ui.wait_for("the carousel", lambda: titled(carousel))[0]["id"]
    items = ui.cli_json("post", "show", post_id, "--json")["checklist"]
    first_open = next(i for i, c in enumerate(items) if not c["checked"])
    assert first_open + 1 < len(items), items
    tick, below = items[first_open]["item"], items[first_open + 1]["item"]
    editor = open_from_list(app, frame, carousel, "hooks")
    found = [ui.wait_for("the checklist", lambda: check_box(editor, below))]
    # The keyboard's way there (GTK 4.8's check boxes have no action), which
    # scrolls the item into view; then nothing may move it.
    # (From the title, Shift+Tab goes round to the foot of the form: the
    # checklist is near there.)
    checklist = near(check_box(editor, tick), 4)

    def below_box():
        """check_box(editor, below): the item found before while it still
        is that one and in the editor's tree, else found anew (a walk of the
        whole editor)."""
        try:
            node = found[0]
            if node is not None and node.getRoleName() == "check box" and (node.name or "").startswith(below):
                up = node
                for _ in range(60):
                    up = up.parent
                    if up is None or (up.name == "Edit Post" and up.getRoleName() in ui.WINDOWS):
                        break
                if up is not None:
                    return node
        except Exception:   # gone from the tree
            pass
        found[0] = check_box(editor, below)
        return found[0]
    seek(checklist, f"the checklist item {tick!r}",
         lambda n: n.getRoleName() == "check box" and (n.name or "").startswith(tick), keys=("shift+Tab",))
    time.sleep(0.6)
    y0 = ui.extents(below_box())[1]
    ui.key("space")
    ui.wait_for(f"“{tick}” ticked in the plan",
                lambda: ui.cli_json("post", "show", post_id, "--json")["checklist"][first_open]["checked"])
    time.sleep(0.8)
    y1 = ui.extents(ui.wait_for("the next item", lambda: below_box()))[1]
    assert y1 == y0, f"ticking “{tick}” moved “{below}” from y={y0} to y={y1}"
    # Approve, refused (“{below}” is not ticked): the message shows, and
    # the item stays where it was.
    approve = ui.find(editor, name="Approve", role="push button", visible=False)
    seek(approve.parent, "the Approve button", lambda n: n.getRoleName() == "push button" and n.name == "Approve",
         keys=("shift+Tab",), limit=20)
    time.sleep(0.6)
    y1 = ui.extents(below_box())[1]
    ui.key("space")
    ui.wait_for("the refusal", lambda: ui.nearest(editor, lambda n: (n.name or "").startswith("Not approved yet")))
    time.sleep(0.8)
    ui.screenshot(ui.SHOT.replace(".png", "-checklist.png"))
    y2 = ui.extents(below_box())[1]
    assert y2 == y1, f"the refusal moved “{below}” from y={y1} to y={y2}"
    ui.key("Escape")
    ui.wait_for("the editor to close", lambda: not window(app, "Edit Post"), timeout=3)

    # 8. A save the store refuses (a scheduled post moved to 1 December,
    #    gone by): its message shows, the editor stays open with the change,
    #    and the plan is as it was.
    case = "Case study: a nonprofit’s year of campaigns"
    before = ui.wait_for("the case study", lambda: titled(case))[0]
    assert before["stage"] == "scheduled", before
    editor = open_from_list(app, frame, case, "nonprofit")
    combo = ui.wait_for("the Stage row", lambda: ui.find(editor, name="Stage", role="combo box", visible=False))
    seek(combo.parent, "the date switch", lambda n: (n.name or "").startswith("Has a date"))
    ui.key("shift+Tab", pause=0.3)
    ui.key("space")
    rows = combo.parent
    ui.wait_for("the date popover", lambda: ui.find(rows, name="Choose the date", visible=False))
    # December 2026 starts on a Tuesday: the third cell.
    ui.key("Right", "Right", "Right", pause=0.1)
    ui.key("space")
    ui.wait_for("the popover to close", lambda: ui.find(rows, name="Choose the date", visible=False) is None,
                timeout=3)
    ui.key("ctrl+s")
    ui.wait_for("the store's refusal in the editor",
                lambda: ui.nearest(editor, lambda n: n.getRoleName() == "label" and "would go out at once" in (n.name or "")))
    assert window(app, "Edit Post"), "the refused save closed the editor"
    after = titled(case)[0]
    assert (after["date"], after["revision"]) == (before["date"], before["revision"]), after
    ui.key("Escape")
    ui.press(ui.wait_for("the Save changes? dialog: the change is still there",
                         lambda: confirm_dialog(app), timeout=5))
    ui.wait_for("the editor to close", lambda: not window(app, "Edit Post"), timeout=5)
    ui.screenshot()
    print(f"ok: asked before losing a title, stages offered by the rules, "
          f"“{below}” stayed at y={y0}")


ui.run(main)
