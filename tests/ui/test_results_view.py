"""The Results view (issue 17): with results loaded by `lineup results
import`, Alt+5 shows it; a pillar's bar is read through AT-SPI as "NAME:
index X over N posts", the numbers `lineup results --json` gives; the
weekly review lists last week's best post, which opens in the editor;
By → Platform regroups the bars by network."""

import datetime
import os
import subprocess

import lineup_ui as ui


# Each pillar's usual likes: what works shows at a glance.
BASE = {"Product education": 30, "Customer stories": 60, "Behind the scenes": 40, "Community": 22}
TYPES = {"Product education": "Educational", "Customer stories": "Proof", "Behind the scenes": "Narrative",
         "Community": "Community"}
NETWORKS = ("linkedin", "mastodon", "bluesky")


def load_results():
    """More posts over the last weeks (Community stays too few to tell),
    and results for every post that went out: likes around its pillar's
    usual, some comments."""
    today = datetime.date.today()
    for pillar, n in (("Product education", 5), ("Customer stories", 5), ("Behind the scenes", 4), ("Community", 2)):
        for i in range(n):
            ui.cli("post", "add", "--title", f"{pillar} {i + 1}", "--pillar", pillar, "--type", TYPES[pillar],
                   "--date", str(today - datetime.timedelta(days=8 + 5 * i + n)),
                   "--platform", NETWORKS[i % 3])
    rows = ["post,platform,date,reactions,comments"]
    posts = [p for p in ui.cli_json("post", "list", "--json")
             if p.get("date") and p["date"] < str(today)]
    seen = {}
    for p in sorted(posts, key=lambda p: (p["date"], p["title"])):
        n = seen[p["pillar"]] = seen.get(p["pillar"], 0) + 1
        rows.append(f"{p['id']},{p['platforms'][0]},{today},{BASE[p['pillar']] + 7 * (n % 3) - 7},{n % 3}")
    path = os.path.join(os.path.dirname(ui.DB), "results.csv")
    with open(path, "w") as f:
        f.write("\n".join(rows) + "\n")
    ui.cli("results", "import", path)


def main():
    load_results()
    report = ui.cli_json("results", "--json")
    group = next(g for g in report["groups"] if g["group"] == "Product education")
    assert group["enough"], report
    expected = f"Product education: index {group['index']:.2f} over {group['posts']} posts"
    review = ui.cli_json("results", "review", "--json")
    best = next(p["title"] for p in review["posts"] if p["id"] == review["best"][0])

    app = ui.wait_for("the Lineup application on the accessibility bus", ui.app)
    frame = ui.wait_for("the main window", lambda: ui.find(app, role="frame"))
    # The window 1216 pixels wide (LINEUP_RESULTS_WIDTH: another width).
    width = int(os.environ.get("LINEUP_RESULTS_WIDTH", "1216"))
    ui.xdotool("windowsize", "--sync", ui.focus_window("Lineup"), width, 860)
    ui.focus_window("Lineup")
    ui.xdotool("key", "--clearmodifiers", "alt+5")
    view = ui.wait_for("the Results view", lambda: ui.find(frame, name="LineupResultsView", visible=False))
    chart = ui.wait_for("the chart", lambda: ui.find(view, name="What Works", role="list"))
    row = ui.wait_for(f"the bar “{expected}”", lambda: ui.find(chart, name=expected))
    best_row = ui.wait_for(f"the best post of last week, {best}",
                           lambda: ui.find(ui.find(view, name="Best", role="list", visible=False),
                                           prefix=best + ", ", visible=False))
    ui.settled(row)
    ui.screenshot(ui.SHOT.replace(".png", "-pillar.png"))
    # LINEUP_RESULTS_SHOTS=DIR: the window's picture without the toast, for the README.
    if os.environ.get("LINEUP_RESULTS_SHOTS"):
        ui.wait_for("the toast to go", lambda: ui.find(frame, prefix="The plan was changed", role="label") is None)
        subprocess.run(["import", "-window", "root", "-crop", f"{width}x860+0+0", "+repage",
                        os.path.join(os.environ["LINEUP_RESULTS_SHOTS"], f"results-{width}.png")], check=True)

    # By → Platform: the bars are the networks.
    platform = next(g for g in ui.cli_json("results", "--by", "platform", "--json")["groups"]
                    if g["group"] == "linkedin")
    by = ui.find(view, name="By", role="combo box")
    ui.click(by)
    item = ui.wait_for("Platform in the list", lambda: ui.find(app, name="Platform", visible=False,
                                                                 not_role="combo box"))
    # The popover's positions are its own in GTK 4.8: keys, not the pointer.
    assert item is not None
    ui.key("Down")
    ui.key("Down")
    ui.key("Return")
    prefix = "LinkedIn: " + (f"index {platform['index']:.2f}" if platform["enough"] else "too few to tell")
    ui.wait_for(f"the bar “{prefix}…”", lambda: ui.find(chart, prefix=prefix))
    assert ui.find(chart, name=expected) is None, "the pillar's bar is still shown"
    assert row is not None

    # The best times for one network: LinkedIn, the first after All Networks.
    ui.click(ui.find(view, name="Best Times Network", role="combo box", visible=False))
    ui.wait_for("LinkedIn in the list", lambda: ui.find(app, name="LinkedIn", visible=False, not_role="combo box"))
    ui.key("Down")
    ui.key("Return")
    ui.wait_for("the best times for LinkedIn", lambda: ui.find(view, prefix="Best for LinkedIn", visible=False))

    # The best post opens in the editor (its row is made anew with the bars),
    # below the best times: the wheel brings it up, above where a toast shows.
    x, y = ui.center(chart)
    ui.xdotool("mousemove", x, y)
    fy, fh = ui.extents(frame)[1], ui.extents(frame)[3]

    def best_in_view():
        row = ui.find(ui.find(view, name="Best", role="list", visible=False), prefix=best + ", ", visible=False)
        if row is not None and ui.settled(row, within=frame, pause=0.1) and ui.center(row)[1] < fy + fh * 2 // 3:
            return row
        ui.xdotool("click", "5")
        return None
    best_row = ui.wait_for("the best post's row in view", best_in_view)
    ui.click(best_row)
    ui.wait_for("the post editor", lambda: ui.find(app, name="Edit Post", not_role="label", visible=False))
    if os.environ.get("LINEUP_RESULTS_DARK"):
        ui.screenshot(ui.SHOT.replace(".png", "-platform.png"))


if __name__ == "__main__":
    ui.run(main)
