"""Media seen on the calendar (issue 15): pictures attached from the command
line show on this month's cards as thumbnails, made into the cache folder;
a card's description says "with 3 images". Keeps the month's picture for
data/screenshots/month-media.png (1216 pixels wide)."""

import datetime
import os
import subprocess
import tempfile

import gi
gi.require_version("GdkPixbuf", "2.0")
from gi.repository import GdkPixbuf  # noqa: E402

import lineup_ui as ui  # noqa: E402

TODAY = datetime.date.today()
COLORS = [0x3f7fbfff, 0xd9822bff, 0x4fa36aff, 0xb84a62ff, 0x7a5cc2ff, 0x2aa3a3ff]
TITLES = ["Harvest boxes are back", "Meet the bakers", "Sunday market stall",
          "Rye, three ways", "Behind the oven door", "Tasting night recap"]


def image(folder, i, width=320, height=240):
    """A picture in two colours, so thumbnails tell one from another."""
    pixbuf = GdkPixbuf.Pixbuf.new(GdkPixbuf.Colorspace.RGB, False, 8, width, height)
    pixbuf.fill(COLORS[i % len(COLORS)])
    band = GdkPixbuf.Pixbuf.new(GdkPixbuf.Colorspace.RGB, False, 8, width, height // 3)
    band.fill(0xf2e6c9ff)
    band.copy_area(0, 0, width, height // 3, pixbuf, 0, height - height // 3)
    path = os.path.join(folder, f"picture-{i}.png")
    pixbuf.savev(path, "png", [], [])
    return path


def main():
    folder = os.path.dirname(ui.DB)
    cache = tempfile.mkdtemp(prefix="lineup-cache-", dir=folder)
    ui.cli("pillar", "add", "Stories")
    first = TODAY.replace(day=1)
    for i, title in enumerate(TITLES):
        day = first + datetime.timedelta(days=3 + 4 * i)
        post = ui.cli("post", "add", "--title", title, "--pillar", "Stories", "--type", "Narrative",
                      "--date", day.isoformat(), "--time", "10:00", "--platform", "mastodon").strip()
        # The first has three pictures (a carousel), the others one.
        pictures = [image(folder, i + k) for k in range(3 if i == 0 else 1)]
        ui.cli("post", "attach", post, *pictures, "--alt", "A loaf on the counter")

    env = dict(os.environ, XDG_CACHE_HOME=cache)
    process = subprocess.Popen([ui.BIN, "--database", ui.DB], env=env)
    try:
        app = ui.wait_for("the Lineup application on the accessibility bus", ui.app)
        frame = ui.wait_for("the main window", lambda: ui.find(app, role="frame"))
        card = ui.wait_for("the carousel's card", lambda: ui.find(frame, name=TITLES[0], role="push button"))
        ui.wait_for("its description naming its pictures",
                    lambda: "with 3 images" in (card.description or ""))
        single = ui.wait_for("a card of one picture", lambda: ui.find(frame, name=TITLES[1], role="push button"))
        assert "with 1 image" in (single.description or ""), single.description
        # Made once into the cache folder, one per post's first picture.
        thumbs = os.path.join(cache, "lineup", "thumbnails")
        ui.wait_for("the thumbnails in the cache folder",
                    lambda: os.path.isdir(thumbs) and len(os.listdir(thumbs)) == len(TITLES))
        assert all(name.endswith("-64.png") for name in os.listdir(thumbs)), os.listdir(thumbs)
        ui.focus_window("Lineup")
        ui.xdotool("windowmove", ui.focus_window("Lineup"), 0, 0)
        ui.xdotool("windowsize", ui.focus_window("Lineup"), 1216, 860)
        ui.wait_for("the card after the resize", lambda: ui.find(frame, name=TITLES[0], role="push button"))
        ui.screenshot()
        # The board's card and the list's row say it too.
        for view in ("Board", "List"):
            ui.click(ui.wait_for(f"the {view} switcher", lambda: ui.find(frame, name=view, role="page tab")))
            ui.wait_for(f"the {view} naming the carousel's pictures",
                        lambda: any("with 3 images" in (n.description or "")
                                    for n in [ui.find(frame, name=TITLES[0], not_role="label")] if n))
            ui.screenshot(ui.SHOT.replace(".png", f"-{view.lower()}.png"))
    except AssertionError:
        ui.screenshot()
        raise
    finally:
        process.terminate()
        process.wait()


if __name__ == "__main__":
    main()
