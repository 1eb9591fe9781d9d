"""Media in the post editor (issue 15): a post in review, its other checklist
items ticked, open in the editor. A picture attached from the command line
while it is open shows there at once, named by its alt text; one added with
"Add Pictures or Videos…" (the file chooser, its path typed after Ctrl+L)
shows with "No alt text", and Approve is refused in the window for it; its
alt text typed and Enter is in the plan (`post media --json`), and the
checklist item about alt text says Lineup ticked it."""

import os
import subprocess
import tempfile
import time

import lineup_ui as ui

pyatspi = ui.pyatspi

TITLE = "Bike week: the photo"
HELMET_ALT = "A blue helmet on the grass"
BIKE_ALT = "A red bicycle against a brick wall"


def window(app, title):
    for i in range(app.childCount):
        child = app.getChildAtIndex(i)
        if child is not None and child.name == title and child.getRoleName() in ui.WINDOWS:
            return child
    return None


def picture(path, colours):
    subprocess.run(["convert", "-size", "800x600", f"gradient:{colours}", path], check=True)


def media(post_id):
    return ui.cli_json("post", "media", post_id, "--json")


def named(root, prefix):
    return ui.nearest(root, lambda n: (n.name or "").startswith(prefix))


def main():
    work = tempfile.mkdtemp(prefix="lineup-media-")
    helmet, bike = os.path.join(work, "helmet.png"), os.path.join(work, "bike.png")
    picture(helmet, "#3584e4-#99c1f1")
    picture(bike, "#e01b24-#f6d32d")
    post_id = ui.cli("post", "add", "--title", TITLE, "--pillar", "Customer stories", "--type", "Narrative",
                     "--date", "2026-12-10", "--time", "09:00", "--platform", "mastodon",
                     "--stage", "in-review", "--body", "Bike week starts Monday: ride with us.").strip()
    for item in ui.cli_json("post", "show", post_id, "--json")["checklist"]:
        if "alt text" not in item["item"]:
            ui.cli("post", "check", post_id, item["item"])

    app = ui.wait_for("the Lineup application on the accessibility bus", ui.app)
    frame = ui.wait_for("the main window", lambda: ui.find(app, role="frame"))
    ui.focus_window("Lineup")
    ui.key("ctrl+f")
    ui.wait_for("the search entry", lambda: ui.find(frame, name="Search posts", role="entry"))
    ui.xdotool("type", "--delay", "15", "Bike week")
    agenda = ui.wait_for("the list of posts", lambda: ui.find(frame, name="Posts by day", role="list"))
    row = ui.wait_for("the post's row", lambda: ui.settled(ui.find(agenda, prefix=TITLE, not_role="label"),
                                                           within=frame))
    ui.click(row, double=True)
    editor = ui.wait_for("the editor", lambda: window(app, "Edit Post"))
    editor_id = ui.focus_window("Edit Post")

    # 1. Attached elsewhere while the editor is open: it shows at once.
    ui.cli("post", "attach", post_id, helmet, "--alt", HELMET_ALT)
    ui.wait_for("the helmet's thumbnail", lambda: named(editor, f"Image 1 of 1: {HELMET_ALT}"))

    # 2. Add Pictures or Videos…: the chooser, the path typed.
    ui.press(ui.wait_for("the Add button", lambda: ui.find(editor, name="Add Pictures or Videos…",
                                                           role="push button", visible=False)))
    chooser = ui.wait_for("the file chooser", lambda: window(app, "Add Pictures or Videos"))
    ui.focus_window("Add Pictures or Videos")
    ui.key("ctrl+l")
    ui.xdotool("type", "--delay", "10", bike)
    # (GTK 4.8 names the chooser's buttons "_Add Add": the label twice.)
    add = ui.wait_for("its Add button", lambda: ui.walk(
        chooser, lambda n: n.getRoleName() == "push button" and (n.name or "").startswith("_Add")))
    pressed = []

    def taken():
        """The chooser gone; while it still reads its folder, Add is
        pressed again, once a second."""
        if window(app, "Add Pictures or Videos") is None:
            return True
        if not pressed or time.monotonic() - pressed[-1] > 1.0:
            pressed.append(time.monotonic())
            ui.press(add)
        return False
    ui.wait_for("the chooser to take the file", taken, timeout=15)
    ui.wait_for("the bike in the plan", lambda: len(media(post_id)) == 2)
    ui.wait_for("its thumbnail, without alt text", lambda: named(editor, "Image 2 of 2: no alt text"))
    warning = ui.wait_for("the warning", lambda: ui.find(editor, name="No alt text", role="label", visible=False))
    assert warning is not None

    # 3. Approve is refused, the reason in the window.
    ui.focus_window("Edit Post")
    ui.press(ui.wait_for("the Approve button", lambda: ui.find(editor, name="Approve", role="push button",
                                                               visible=False)))
    ui.wait_for("the refusal", lambda: named(editor, "Not approved yet: image 2 of"))
    assert "has no alt text" in named(editor, "Not approved yet: image 2 of").name

    # 4. Its alt text, typed: in the plan.
    entry = ui.wait_for("the alt text of image 2", lambda: ui.find(editor, name="Alt text of image 2",
                                                                   role="text", visible=False))
    # Scrolled up from under the message at the window's foot.
    refusal_top = ui.extents(named(editor, "Not approved yet: image 2 of"))[1]
    x, y = ui.center(named(editor, "Image 1 of 2"))
    ui.xdotool("mousemove", x, y)

    def above_message():
        ex, ey, ew, eh = ui.extents(entry)
        if ey > 0 and ey + eh < refusal_top - 4:
            return ui.settled(entry)
        ui.xdotool("click", "5")
        return None
    ui.click(ui.wait_for("the entry above the message", above_message))
    ui.xdotool("type", "--delay", "10", BIKE_ALT)
    ui.key("Return")
    ui.wait_for("the alt text in the plan", lambda: media(post_id)[1]["alt"] == BIKE_ALT)
    assert media(post_id)[0]["alt"] == HELMET_ALT
    ui.wait_for("the thumbnail named by it", lambda: named(editor, f"Image 2 of 2: {BIKE_ALT}"))
    ui.wait_for("the checklist ticked by Lineup", lambda: named(editor, "Ticked by Lineup: every image"))
    time.sleep(0.5)
    ui.screenshot()
    # The editor alone, as data/screenshots/editor-media.png.
    subprocess.run(["import", "-window", editor_id, ui.SHOT.replace(".png", "-editor.png")], check=False)
    print("ok")


if __name__ == "__main__":
    ui.run(main)
