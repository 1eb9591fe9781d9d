"""Files dropped on a new post's editor from a file manager (issue 15): a
window of drag-files.c (a file manager's drag) and a real pointer drag
onto the editor of a post not yet saved. Dropped before the post has a
title, a photo is not added, with the reason. A text file is refused with the
reason, as the file chooser refuses it, and nothing is saved; a photo and
a video dropped save the post as typed with them, its new pillar too (the
editor now edits it, the pillar chosen), their thumbnails show and the plan has the files (`post media
--json`, by SHA-256). The photo's alt text typed, then the video's
"No speech" switch turned on: the checklist item about alt text and
subtitles says Lineup ticked it; subtitles chosen for the video after all
("Subtitles…", a file chooser) are in the plan. Four Undos: the drop was
one step, the post and both media with it."""

import hashlib
import os
import subprocess
import tempfile
import time

import lineup_ui as ui

TITLE = "Bike week: dropped in"
PILLAR = "Rides"
ALT = "Riders at the start line"


def window(app, title):
    return ui.toplevel(app, title)


def named(root, prefix):
    return ui.nearest(root, lambda n: (n.name or "").startswith(prefix))


def titled(title):
    return [p for p in ui.cli_json("post", "list", "--json") if p["title"] == title]


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def into_view(editor, node, button):
    """@node, once scrolled (the wheel's @button, over the editor) to where
    it shows whole and still; else None."""
    x, y, w, h = ui.extents(editor)
    nx, ny, nw, nh = ui.extents(node)
    if ny > y + 60 and ny + nh < y + h - 60:
        return ui.settled(node)
    # Over the editor's left margin: the caption, the media's row and the
    # platforms would take the wheel themselves.
    ui.xdotool("mousemove", x + 12, y + h // 2)
    ui.xdotool("click", button)
    return None


def main():
    work = tempfile.mkdtemp(prefix="lineup-drop-")
    photo, notes, video, subtitles = (os.path.join(work, n) for n in ("start.png", "notes.txt", "ride.webm",
                                                                       "ride.vtt"))
    with open(subtitles, "w") as f:
        f.write("WEBVTT\n\n00:00.000 --> 00:01.000\nLet's ride!\n")
    subprocess.run(["convert", "-size", "800x600", "gradient:#33d17a-#f6d32d", photo], check=True)
    with open(notes, "w") as f:
        f.write("Remember the helmets.\n")
    subprocess.run(["gst-launch-1.0", "-q", "videotestsrc", "num-buffers=10", "!",
                    "video/x-raw,width=64,height=48,framerate=10/1", "!", "vp8enc", "!", "webmmux", "!",
                    "filesink", f"location={video}"], check=True, capture_output=True, timeout=60)
    posts_before = len(ui.cli_json("post", "list", "--json"))

    app = ui.wait_for("the Lineup application on the accessibility bus", ui.app)
    ui.wait_for("the main window", lambda: ui.find(app, role="frame"))
    ui.focus_window("Lineup")
    ui.key("ctrl+n")
    editor = ui.wait_for("the new-post editor", lambda: window(app, "New Post"))
    ui.focus_window("New Post")
    time.sleep(0.3)
    media_label = ui.wait_for("the Media group", lambda: ui.find(editor, name="Media", role="label"))
    onto = ui.center(media_label)

    # 0. No title yet: the post cannot be saved, so the photo is not added.
    ui.drop_files([photo], onto)
    refusal = ui.wait_for("the refusal", lambda: ui.nearest(editor, lambda n: (n.name or "").startswith("Not added:")))
    ui.screenshot(ui.SHOT.replace(".png", "-untitled.png"))
    assert "title is empty" in refusal.name, refusal.name
    assert len(ui.cli_json("post", "list", "--json")) == posts_before, "a post without a title was saved"
    ui.focus_window("New Post")
    ui.xdotool("type", "--delay", "15", TITLE)
    # A pillar of its own, "New pillar…" (made with the post).
    pillar = ui.wait_for("the Pillar row", lambda: ui.find(editor, name="Pillar", role="combo box", visible=False))
    ui.click(ui.wait_for("the Pillar row in view", lambda: into_view(editor, pillar, 5)))
    time.sleep(0.5)
    ui.key("End", "Return")
    ui.wait_for("the new pillar's name", lambda: ui.find(editor, name="New pillar’s name", role="text"))
    ui.xdotool("type", "--delay", "10", PILLAR)
    onto = ui.center(ui.wait_for("the Media group in view", lambda: into_view(editor, media_label, 4)))

    # 1. Not a picture: refused with the reason, nothing saved.
    ui.drop_files([notes], onto)
    refusal = ui.wait_for("the refusal", lambda: ui.nearest(editor, lambda n: "notes.txt" in (n.name or "")))
    print("refused:", refusal.name)
    assert window(app, "New Post") is not None
    assert len(ui.cli_json("post", "list", "--json")) == posts_before, "a refused file saved the post"

    # 2. A photo and a video: the post saved with them.
    ui.drop_files([photo, video], onto)
    ui.wait_for("the editor of the saved post", lambda: window(app, "Edit Post"))
    [post] = ui.wait_for("the post in the plan", lambda: titled(TITLE))
    media = ui.wait_for("both media in the plan",
                        lambda: (lambda m: m if len(m) == 2 else None)(ui.cli_json("post", "media", post["id"], "--json")))
    assert sorted(m["sha256"] for m in media) == sorted([sha256(photo), sha256(video)]), media
    editor = window(app, "Edit Post")
    assert post["pillar"] == PILLAR, post
    # The pillar made is now the one chosen: Save would not make it again.
    ui.wait_for("the new pillar's row gone", lambda: ui.find(editor, name="New pillar’s name", role="text") is None)
    ui.wait_for("the photo's thumbnail", lambda: named(editor, "Image "))
    ui.wait_for("the video's card", lambda: named(editor, "Video "))
    ui.screenshot(ui.SHOT.replace(".png", "-dropped.png"))


    # 3. The photo's alt text, then No speech on the video: ticked by Lineup.
    image_index = [m["kind"] for m in media].index("image") + 1
    entry = ui.wait_for("the photo's alt text", lambda: ui.find(editor, name=f"Alt text of image {image_index}",
                                                                role="text", visible=False))
    ui.click(ui.wait_for("the alt text in view", lambda: into_view(editor, entry, 4)))
    ui.xdotool("type", "--delay", "10", ALT)
    ui.key("Return")
    ui.wait_for("the alt text in the plan",
                lambda: ui.cli_json("post", "media", post["id"], "--json")[image_index - 1]["alt"] == ALT)
    assert named(editor, "Ticked by Lineup: every image") is None, "ticked while the video has no subtitles"
    switch = ui.wait_for("the No speech switch", lambda: ui.find(editor, prefix="No speech", not_role="label"))
    ui.press(switch)
    ui.wait_for("the video marked as needing no subtitles",
                lambda: ui.cli_json("post", "media", post["id"], "--json")[2 - image_index]["no_subtitles_needed"])
    ui.wait_for("the checklist ticked by Lineup", lambda: named(editor, "Ticked by Lineup: every image"))
    time.sleep(0.3)
    ui.screenshot()

    # 4. Subtitles for the video after all, from its chooser (the path typed).
    ui.press(ui.wait_for("the Subtitles… button", lambda: ui.find(editor, name="Choose Subtitles",
                                                                  role="push button", visible=False)))
    chooser = ui.wait_for("the subtitles chooser", lambda: window(app, "Choose Subtitles"))
    ui.focus_window("Choose Subtitles")
    ui.key("ctrl+l")
    ui.xdotool("type", "--delay", "10", subtitles)
    choose = ui.wait_for("its Choose button", lambda: ui.walk(
        chooser, lambda n: n.getRoleName() == "push button" and (n.name or "").startswith("_Choose")))
    pressed = []

    def taken():
        """The chooser gone; while it still reads its folder, Choose is
        pressed again, once a second."""
        if window(app, "Choose Subtitles") is None:
            return True
        if not pressed or time.monotonic() - pressed[-1] > 1.0:
            pressed.append(time.monotonic())
            ui.press(choose)
        return False
    ui.wait_for("the chooser to take the file", taken, timeout=15)
    ui.wait_for("the subtitles in the plan",
                lambda: ui.cli_json("post", "media", post["id"], "--json")[2 - image_index]["subtitles"])
    ui.wait_for("the Remove Subtitles button",
                lambda: ui.find(editor, name="Remove Subtitles", role="push button", visible=False))
    assert named(editor, "Ticked by Lineup: every image") is not None

    # One drop, one undo step: the editor closed, Undo three times takes
    # back the subtitles, No speech and the alt text; a fourth takes the
    # post and both media.
    ui.focus_window("Edit Post")
    ui.key("Escape")
    ui.wait_for("the editor closed", lambda: window(app, "Edit Post") is None)
    ui.focus_window("Lineup")
    ui.key("ctrl+z", "ctrl+z", "ctrl+z")
    ui.wait_for("the alt text undone",
                lambda: not any(m["alt"] for m in ui.cli_json("post", "media", post["id"], "--json")))
    assert len(ui.cli_json("post", "media", post["id"], "--json")) == 2
    ui.key("ctrl+z")
    ui.wait_for("the post undone", lambda: not titled(TITLE))
    print("ok")


if __name__ == "__main__":
    ui.run(main)
