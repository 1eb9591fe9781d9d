"""Recurring series on the command line: `lineup post repeat` makes the
occurrences 8 weeks ahead at the same local time, `series list` shows them in
words and JSON, `post edit --series following|all` edits several in one undo
step, a deleted or moved occurrence is never made again, `series stop` ends
the series, ICS export relates each occurrence to its series; every refusal
says why and leaves the plan's file byte-identical. Two copies of a shared
plan (Radicale on 127.0.0.1): a series made on alice's copy is on bob's after
a sync with the same occurrences, and no post is made twice when both roll
the horizon further."""

import datetime
import time
import os
import unittest

from dav_servers import Radicale
import lineup_cli
from lineup_cli import Plan

PASSWORDS = lineup_cli.SHARE_PASSWORDS


def next_monday(days_after=2):
    day = datetime.date.today() + datetime.timedelta(days=days_after)
    while day.weekday() != 0:
        day += datetime.timedelta(days=1)
    return day.isoformat()


class Member(lineup_cli.Member):
    def __init__(self, login):
        super().__init__(login, tz="Europe/Warsaw")


def add_post(plan, title="Tip of the week", date=None):
    plan.run("post", "add", "--title", title, "--pillar", "Tips", "--type", "Educational",
             "--date", date or next_monday(), "--time", "09:00")
    return [p for p in plan.json("post", "list", "--json") if p["title"] == title][0]["id"]


def series_posts(plan):
    return [p for p in plan.json("post", "list", "--json")]


class Series(unittest.TestCase):
    def setUp(self):
        self.plan = Plan(tz="America/New_York")
        self.plan.run("pillar", "add", "Tips")

    def tearDown(self):
        self.plan.close()

    def refused(self, *args, status=1):
        """The command fails with @status, says why, and leaves the file alone."""
        before = self.plan.digest()
        out = self.plan.run(*args, check=False)
        self.assertEqual(out.returncode, status, out.stderr)
        self.assertEqual(self.plan.digest(), before)
        self.assertEqual(out.stdout, b"")
        return out.stderr.decode("utf-8")

    def test_repeat_list_edit_stop(self):
        p = self.plan
        self.assertIn("No series yet", p.text("series", "list"))
        first = add_post(p)
        out = p.text("post", "repeat", first[:8], "--every", "week", "--on", "mon,thu")
        self.assertIn("“Tip of the week” repeats: Every week on Monday and Thursday", out)
        [series] = p.json("series", "list", "--json")
        self.assertEqual(series["rule"].split(";DTSTART")[0], "FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TH")
        self.assertGreaterEqual(series["posts"], 14)
        posts = series_posts(p)
        self.assertEqual(len(posts), series["posts"])
        for post in posts:
            # 09:00 in New York on each, DST or not.
            self.assertEqual(post["time"], "09:00", post)
            weekday = datetime.date.fromisoformat(post["date"]).weekday()
            self.assertIn(weekday, (0, 3))

        # "This and following" from the third: one undo step.
        third = posts[2]["id"]
        p.run("post", "edit", third, "--title", "Tip: new format", "--series", "following")
        titles = [x["title"] for x in series_posts(p)]
        self.assertEqual(titles[:2], ["Tip of the week"] * 2)
        self.assertEqual(set(titles[2:]), {"Tip: new format"})
        p.run("post", "edit", posts[0]["id"], "--title", "Tip", "--series", "all")
        self.assertEqual({x["title"] for x in series_posts(p)}, {"Tip"})
        p.run("post", "edit", posts[1]["id"], "--title", "Only this")
        self.assertEqual([x["title"] for x in series_posts(p)].count("Only this"), 1)

        # A deleted and a moved occurrence stay exceptions.
        p.run("post", "delete", posts[4]["id"])
        moved_to = (datetime.date.fromisoformat(posts[5]["date"]) + datetime.timedelta(days=1)).isoformat()
        p.run("post", "move", posts[5]["id"], "--date", moved_to)
        self.assertIn("Made", p.text("series", "roll", "--days", "120"))
        ids = [x["id"] for x in series_posts(p)]
        self.assertNotIn(posts[4]["id"], ids)
        self.assertEqual(ids.count(posts[5]["id"]), 1)
        [series] = p.json("series", "list", "--json")
        self.assertEqual((series["deleted"], series["moved"]), (1, 1))

        # ICS: each occurrence its own event, related to the series.
        ics = os.path.join(p.dir.name, "plan.ics")
        p.run("export", "ics", "--output", ics)
        with open(ics, encoding="utf-8") as f:
            text = f.read()
        self.assertEqual(text.count("BEGIN:VEVENT"), len(ids))
        self.assertEqual(text.count("RELATED-TO:%s@lineup-series" % series["uid"]), len(ids))

        # Stopping deletes what is after today, but for the first post.
        self.assertIn("Stopped series", p.text("series", "stop", series["uid"][:8]))
        self.assertEqual([x["id"] for x in series_posts(p)], [first])
        self.assertEqual(p.integrity(), "ok")

    def test_monthly_words(self):
        p = self.plan
        first = add_post(p, date="2027-01-04")
        out = p.text("post", "repeat", first, "--every", "month", "--weekday", "first-monday", "--count", "6")
        self.assertIn("Every month on the first Monday, 6 times", out)

    def test_bad_input_leaves_the_file(self):
        p = self.plan
        first = add_post(p)
        self.assertIn("--every", self.refused("post", "repeat", first, status=2))
        self.assertIn("day, week or month", self.refused("post", "repeat", first, "--every", "year", status=2))
        self.assertIn("not a weekday", self.refused("post", "repeat", first, "--every", "week", "--on", "mon,funday", status=2))
        self.assertIn("--every week", self.refused("post", "repeat", first, "--every", "day", "--on", "mon", status=2))
        self.assertIn("not both", self.refused("post", "repeat", first, "--every", "week", "--until", "2030-01-01", "--count", "3", status=2))
        self.assertIn("--interval", self.refused("post", "repeat", first, "--every", "week", "--interval", "0", status=2))
        self.assertIn("--count", self.refused("post", "repeat", first, "--every", "week", "--count", "x", status=2))
        self.assertIn("not a day of the month", self.refused("post", "repeat", first, "--every", "month", "--day", "32", status=2))
        self.assertIn("first-monday", self.refused("post", "repeat", first, "--every", "month", "--weekday", "fifth-monday", status=2))
        self.assertIn("not a date", self.refused("post", "repeat", first, "--every", "week", "--until", "2030-02-30", status=2))
        self.assertIn("end before it starts", self.refused("post", "repeat", first, "--every", "week", "--until", "2001-01-01"))
        self.assertIn("No post", self.refused("post", "repeat", "ffffffff", "--every", "week"))
        p.run("post", "add", "--title", "Idea", "--pillar", "Tips", "--type", "Educational")
        idea = [x for x in p.json("post", "list", "--json") if x["title"] == "Idea"][0]["id"]
        self.assertIn("has no date", self.refused("post", "repeat", idea, "--every", "week"))
        self.assertIn("lineup series list", self.refused("series", "stop", "nothing"))
        p.run("post", "repeat", first, "--every", "week")
        self.assertIn("already in a series", self.refused("post", "repeat", first, "--every", "day"))
        self.assertIn("this, following or all", self.refused("post", "edit", first, "--title", "X", "--series", "some", status=2))
        self.assertIn("--days", self.refused("series", "roll", "--days", "0", status=2))

    def test_help(self):
        out = self.plan.text("series", "--help")
        self.assertIn("lineup series list [--json]", out)
        self.assertIn("lineup series stop SERIES|ID", out)
        out = self.plan.text("post", "--help")
        self.assertIn("lineup post repeat ID --every day|week|month", out)


class SharedSeries(unittest.TestCase):
    def test_series_travel_without_duplicates(self):
        server = Radicale(users=PASSWORDS, rights=Radicale.approvals_rights("alice", ["bob"]))
        server.start()
        self.addCleanup(server.close)
        alice, bob = Member("alice"), Member("bob")
        self.addCleanup(alice.close)
        self.addCleanup(bob.close)
        alice.run("pillar", "add", "Tips")
        alice.share("create", server.url("/alice/plan/"))
        bob.share("join", server.url("/alice/plan/"))

        first = add_post(alice)
        alice.run("post", "repeat", first, "--every", "week", "--on", "mon,thu")
        for member in (alice, bob):
            member.run("share", "sync")
        mine = {(x["id"], x["date"], x["time"], x["title"]) for x in series_posts(alice)}
        self.assertEqual({(x["id"], x["date"], x["time"], x["title"]) for x in series_posts(bob)}, mine)
        [theirs] = bob.json("series", "list", "--json")
        [ours] = alice.json("series", "list", "--json")
        self.assertEqual(theirs["uid"], ours["uid"])
        self.assertEqual(theirs["rule"], ours["rule"])

        # Both roll further on their own, then sync: one post per date, and no
        # conflict even when the two rolls are seconds apart.
        bob.run("series", "roll", "--days", "100")
        time.sleep(1.1)
        alice.run("series", "roll", "--days", "100")
        for member in (bob, alice, bob, alice):
            member.run("share", "sync")
        for member in (alice, bob):
            posts = series_posts(member)
            dates = [x["date"] for x in posts]
            self.assertEqual(len(dates), len(set(dates)), member.login)
            self.assertGreater(len(posts), len(mine))
        self.assertEqual({x["id"] for x in series_posts(alice)}, {x["id"] for x in series_posts(bob)})

        # An occurrence deleted on bob's copy is not made again on alice's.
        gone = series_posts(bob)[3]["id"]
        bob.run("post", "delete", gone)
        for member in (bob, alice):
            member.run("share", "sync")
        alice.run("series", "roll", "--days", "100")
        self.assertNotIn(gone, [x["id"] for x in series_posts(alice)])
        for member in (alice, bob):
            self.assertEqual(member.json("share", "status", "--json")["waiting"], 0, member.login)
            self.assertEqual(member.integrity(), "ok")


if __name__ == "__main__":
    unittest.main()
