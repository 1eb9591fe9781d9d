"""Import CSV… and Export to File from the window. A CSV file opened with
Ctrl+I (through the file chooser, as a person types a path) is previewed
first: the row the workflow refuses is named with its row number, a
misspelt pillar with the name it is close to, and nothing is written; a
good file with a new pillar imports only once creating it is allowed, and
Ctrl+Z takes the whole import back. Ctrl+E asks what to export: with its
defaults the file holds titles, not captions; captions are an opt-in that
the next export remembers."""

import datetime
import os
import shutil
import tempfile
import time

import pyatspi

import lineup_ui as ui

HEADER = "title,body,date,time,pillar,type,platform,stage\n"


def sensitive(node):
    return node.getState().contains(pyatspi.STATE_SENSITIVE)


def choose_file(title, path, save=False):
    """The file chooser as a person drives it by keys: Ctrl+L and a path
    (in a save dialog the name field takes a whole path)."""
    ui.focus_window(title)
    time.sleep(0.3)
    ui.xdotool("key", "--clearmodifiers", "ctrl+a" if save else "ctrl+l")
    time.sleep(0.2)
    ui.xdotool("type", "--delay", "5", path)
    time.sleep(0.5)   # the entry's completion settles
    ui.xdotool("key", "Return")


def window(app, title):
    """A top-level window of the app by its title (without walking the
    main window's widgets), or None."""
    for i in range(app.childCount):
        child = app.getChildAtIndex(i)
        if child is not None and child.name == title:
            return child
    return None


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def titles():
    return {p["title"] for p in ui.cli_json("post", "list", "--json")}


def main():
    # Not beside the plan nor under its folder: the file chooser reads the
    # files of every folder on the typed path, and a process that opens and
    # closes an SQLite file drops its own locks on it (POSIX), so the plan
    # must not be among them.
    folder = tempfile.mkdtemp(prefix="lineup-import-")
    day = datetime.date.today() + datetime.timedelta(days=3)
    before = titles()
    posts = ui.cli_json("post", "list", "--json")

    app = ui.wait_for("the Lineup application on the accessibility bus", ui.app)
    ui.wait_for("the main window", lambda: ui.find(app, role="frame"))

    # A file with a scheduled row (refused: a new post starts as a brief, a
    # draft or in review) and a misspelt pillar.
    bad = os.path.join(folder, "bad.csv")
    with open(bad, "w", encoding="utf-8") as f:
        f.write(HEADER + f"CSV first,,{day},10:00,Community,Proof,,draft\n"
                         f"CSV typo,,{day},11:00,Comunity,Proof,,brief\n"
                         f"CSV late,Words,{day},12:00,Community,Proof,mastodon,scheduled\n")
    ui.focus_window("Lineup")
    ui.xdotool("key", "--clearmodifiers", "ctrl+i")
    choose_file("Import CSV", bad)
    dialog = ui.wait_for("the preview", lambda: window(app, "Import bad.csv"))
    ui.wait_for("the refused row with its number",
                lambda: ui.find(dialog, prefix="bad.csv, row 4: “CSV late” cannot start as Scheduled", role="label"))
    ui.wait_for("the misspelt pillar with the name it is close to",
                lambda: ui.find(dialog, name="pillar “Comunity” (row 3; did you mean “Community”?)", role="label"))
    ui.wait_for("the first row as it will come in", lambda: ui.find(dialog, prefix="Row 2: CSV first"))
    button = ui.find(dialog, name="Import", role="push button")
    assert not sensitive(button), "Import is offered for a file with a refused row"
    ui.screenshot(ui.SHOT.replace(".png", "-refused.png"))
    assert titles() == before, "the preview wrote to the plan"
    ui.focus_window("Import bad.csv")
    ui.xdotool("key", "Escape")
    ui.wait_for("the preview closed",
                lambda: window(app, "Import bad.csv") is None)

    # A good file with a pillar the plan does not have yet.
    good = os.path.join(folder, "good.csv")
    with open(good, "w", encoding="utf-8") as f:
        f.write("title,date,pillar,type,goal,hashtags\n"
                f"CSV one,{day},Community,Proof,Awareness,#coffee\n"
                f"CSV two,{day},Roasting,Educational,,\n")
    ui.focus_window("Lineup")
    ui.xdotool("key", "--clearmodifiers", "ctrl+i")
    choose_file("Import CSV", good)
    dialog = ui.wait_for("the preview", lambda: window(app, "Import good.csv"))
    ui.wait_for("the new pillar listed", lambda: ui.find(dialog, name="pillar “Roasting” (row 3)", role="label"))
    button = ui.find(dialog, name="Import", role="push button")
    assert not sensitive(button), "Import is offered before creating the pillar is allowed"
    # Its row toggles the switch, as a click on the switch would.
    row = ui.wait_for("the Create Missing row",
                      lambda: ui.find(dialog, name="Create Missing Pillars, Types and Campaigns", role="label"))
    ui.click(row)
    ui.wait_for("Import offered", lambda: sensitive(ui.find(dialog, name="Import", role="push button")))
    assert titles() == before, "the preview wrote to the plan"
    ui.press(ui.find(dialog, name="Import", role="push button"))
    ui.wait_for("the two posts in the plan", lambda: {"CSV one", "CSV two"} <= titles())
    one = next(p for p in ui.cli_json("post", "list", "--json") if p["title"] == "CSV one")
    brief = ui.cli_json("post", "show", one["id"], "--json")["brief"]
    assert (brief["goal"], brief["hashtags"]) == ("Awareness", "#coffee"), brief

    # One undo step takes the whole file back.
    ui.focus_window("Lineup")
    ui.xdotool("key", "--clearmodifiers", "ctrl+z")
    ui.wait_for("the import undone", lambda: titles() == before)

    # Export with the defaults: the month shown, titles only.
    ui.xdotool("key", "--clearmodifiers", "ctrl+e")
    dialog = ui.wait_for("the export dialog", lambda: window(app, "Export"))
    ui.wait_for("the details row", lambda: ui.find(dialog, prefix="Each Post"))
    ui.screenshot(ui.SHOT.replace(".png", "-export.png"))
    ui.press(ui.wait_for("the Export… button", lambda: ui.find(dialog, name="Export…", role="push button")))
    exported = os.path.join(folder, "shared.ics")
    choose_file("Export the Plan", exported, save=True)
    ui.wait_for("the exported file", lambda: os.path.exists(exported)
                and read(exported).endswith("END:VCALENDAR\r\n"))
    text = read(exported).replace("\r\n ", "")   # unfolded
    month = datetime.date.today().strftime("%Y-%m")
    shown = [p for p in posts if p["date"] and p["date"].startswith(month)]
    assert shown, "the demo month has no dated posts"
    for p in shown:
        escaped = p["title"].replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
        assert escaped in text, f"{p['title']!r} is not in the export"
        if p["body"]:
            assert p["body"][:30] not in text, f"the caption of {p['title']!r} was exported"
    assert "DESCRIPTION" not in text, "the export holds descriptions"

    # Captions are an opt-in, and the choice is kept for the next export.
    ui.focus_window("Lineup")
    ui.xdotool("key", "--clearmodifiers", "ctrl+e")
    dialog = ui.wait_for("the export dialog", lambda: window(app, "Export"))
    ui.click(ui.wait_for("the details row", lambda: ui.find(dialog, name="Each Post", role="label")))
    time.sleep(0.5)
    ui.xdotool("key", "Down", "Down", "Return")
    ui.wait_for("captions chosen", lambda: ui.find(dialog, name="Title, brief and caption", role="label"))
    ui.press(ui.find(dialog, name="Export…", role="push button"))
    full = os.path.join(folder, "full.ics")
    choose_file("Export the Plan", full, save=True)
    ui.wait_for("the second file", lambda: os.path.exists(full) and read(full).endswith("END:VCALENDAR\r\n"))
    assert "DESCRIPTION" in read(full), "captions were asked for and not exported"
    ui.wait_for("the export dialog closed", lambda: window(app, "Export") is None)
    ui.focus_window("Lineup")
    ui.xdotool("key", "--clearmodifiers", "ctrl+e")
    dialog = ui.wait_for("the export dialog again", lambda: window(app, "Export"))
    ui.wait_for("the choice remembered", lambda: ui.find(dialog, name="Title, brief and caption", role="label"))
    ui.screenshot()
    shutil.rmtree(folder)


ui.run(main)
