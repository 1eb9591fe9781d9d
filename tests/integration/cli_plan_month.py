"""`lineup plan month YYYY-MM --tier … [--platform NAME]… [--yes]`: the month
skeleton printed as a proposal that changes nothing, added with --yes as
dated briefs (one network each); blackout overlays (`lineup overlay
blackout NAME [--off]`) keep their days free; every bad input refused with
the plan's file byte-identical. The briefs are posts: on a shared plan
(Radicale on 127.0.0.1) they reach the other copy like any post."""

import os
import re
import sqlite3
import unittest

from dav_servers import Radicale
import lineup_cli
from lineup_cli import Plan

PASSWORDS = lineup_cli.SHARE_PASSWORDS

FREEZE = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" +
          "".join(f"BEGIN:VEVENT\r\nUID:f{d}@test\r\nDTSTAMP:20260101T000000Z\r\n"
                  f"DTSTART;VALUE=DATE:202606{d:02d}\r\nSUMMARY:Freeze\r\nEND:VEVENT\r\n"
                  for d in (8, 9, 10, 11, 12)) +
          "END:VCALENDAR\r\n")


def setup_plan(plan):
    for name, target in (("Product education", "40"), ("Customer stories", "25"),
                         ("Behind the scenes", "20"), ("Community", "15")):
        plan.run("pillar", "add", name, "--target", target)


class PlanMonth(unittest.TestCase):
    def setUp(self):
        self.plan = Plan(tz="Europe/Warsaw")
        setup_plan(self.plan)

    def tearDown(self):
        self.plan.close()

    def posts(self):
        return self.plan.json("post", "list", "--from", "2026-06-01", "--to", "2026-06-30", "--json")

    def refused(self, *args, status=2):
        """The command fails with @status, says why on one line, and leaves the file alone."""
        before = self.plan.digest()
        out = self.plan.run(*args, check=False)
        self.assertEqual(out.returncode, status, out.stderr)
        self.assertEqual(self.plan.digest(), before)
        self.assertEqual(out.stdout, b"")
        err = out.stderr.decode("utf-8")
        self.assertEqual(err.count("\n"), 1, err)
        return err

    def test_preview_then_yes(self):
        p = self.plan
        before = p.digest()
        out = p.text("plan", "month", "2026-06", "--tier", "standard", "--platform", "linkedin",
                     "--platform", "Instagram")
        self.assertEqual(p.digest(), before)
        self.assertTrue(out.startswith("June 2026, standard tier: "), out)
        self.assertIn("on LinkedIn, Instagram", out)
        self.assertIn("Week 1 (from 1 Jun)", out)
        self.assertIn("run it again with --yes", out)
        lines = [l for l in out.splitlines() if l.startswith("  ")]
        # Standard: LinkedIn 3 a week, Instagram 4, on four whole weeks and 29–30 June.
        self.assertEqual(len(lines), 4 * 7 + 2)
        self.assertTrue(all(re.search(r"(LinkedIn|Instagram) +\S+ · ", l) for l in lines), lines)
        self.assertEqual(self.posts(), [])

        out = p.text("plan", "month", "2026-06", "--tier", "standard", "--platform", "linkedin",
                     "--platform", "instagram", "--yes")
        self.assertTrue(out.endswith("Added 30 briefs.\n"), out)
        posts = self.posts()
        self.assertEqual(len(posts), 30)
        self.assertTrue(all(x["stage"] == "brief" and len(x["platforms"]) == 1 for x in posts))
        self.assertTrue(all(x["time"] == "09:00" for x in posts))
        self.assertEqual(sum(x["type"] == "Educational" for x in posts), 13)
        self.assertEqual(p.integrity(), "ok")

        # Planned again: the month has its cadence already.
        out = p.text("plan", "month", "2026-06", "--tier", "standard", "--platform", "linkedin",
                     "--platform", "instagram")
        self.assertIn("standard tier: 0 briefs", out)
        self.assertIn("Nothing to add", out)

        # Once the briefs are counted (as Preferences ▸ Mix can set), the Mix reads 100.
        db = sqlite3.connect(p.path)
        with db:
            db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('mix_stages', '63')")
        db.close()
        mix = p.json("mix", "--month", "2026-06", "--json")
        self.assertGreaterEqual(mix["score"], 90, mix)

    def test_bad_inputs(self):
        for month in ("2026-13", "june", "2026-6", "26-06", "2026-06-01", ""):
            err = self.refused("plan", "month", month, "--tier", "light", "--platform", "linkedin")
            self.assertIn("is not a month: expected YYYY-MM", err)
        err = self.refused("plan", "month", "2026-06", "--tier", "medium", "--platform", "linkedin")
        self.assertIn("“medium” is not a cadence tier", err)
        err = self.refused("plan", "month", "2026-06", "--platform", "linkedin")
        self.assertIn("--tier", err)
        err = self.refused("plan", "month", "2026-06", "--tier", "light", "--platform", "myspace")
        self.assertIn("myspace", err)
        self.assertIn("linkedin", err)
        err = self.refused("plan", "month", "2026-06", "--tier", "light", "--yes", status=1)
        self.assertIn("No network to plan", err)
        err = self.refused("overlay", "blackout", "Holidays", status=1)
        self.assertIn("No overlay is called “Holidays”", err)
        self.assertEqual(self.posts(), [])

    def test_no_pillars(self):
        empty = Plan(tz="UTC")
        self.addCleanup(empty.close)
        empty.run("pillar", "add", "Gone")
        empty.run("pillar", "remove", "Gone")
        out = empty.run("plan", "month", "2026-06", "--tier", "light", "--platform", "x", "--yes", check=False)
        self.assertEqual(out.returncode, 1)
        self.assertIn("no pillars", out.stderr.decode())

    def test_blackout(self):
        p = self.plan
        p.run("overlay", "add", "Freeze", p.file("freeze.ics", FREEZE))
        self.assertIs(p.json("overlay", "list", "--json")[0]["blackout"], False)
        self.assertIn("is a blackout calendar", p.text("overlay", "blackout", "freeze"))
        self.assertIs(p.json("overlay", "list", "--json")[0]["blackout"], True)
        out = p.text("plan", "month", "2026-06", "--tier", "light", "--platform", "linkedin", "--yes")
        self.assertIn("5 blackout days left free", out)
        days = [x["date"] for x in self.posts()]
        self.assertTrue(days)
        self.assertFalse([d for d in days if "2026-06-08" <= d <= "2026-06-12"], days)
        p.run("overlay", "blackout", "Freeze", "--off")
        self.assertIs(p.json("overlay", "list", "--json")[0]["blackout"], False)

    def test_help(self):
        out = self.plan.text("plan", "--help")
        self.assertIn("lineup plan month YYYY-MM --tier light|standard|heavy [--platform NAME]… [--yes]", out)


class Member(lineup_cli.Member):
    def briefs(self):
        return sorted((x["title"], x["date"], x["time"], x["platforms"][0], x["stage"])
                      for x in self.json("post", "list", "--from", "2026-06-01", "--to", "2026-06-30", "--json"))


class SharedPlanMonth(unittest.TestCase):
    def test_briefs_travel(self):
        server = Radicale(users=PASSWORDS, rights=Radicale.approvals_rights("alice", ["bob"]))
        server.start()
        self.addCleanup(server.close)
        alice, bob = Member("alice"), Member("bob")
        self.addCleanup(alice.close)
        self.addCleanup(bob.close)
        setup_plan(alice)
        alice.share("create", server.url("/alice/plan/"))
        bob.share("join", server.url("/alice/plan/"))
        alice.run("plan", "month", "2026-06", "--tier", "light", "--platform", "mastodon", "--yes")
        for member in (alice, bob):
            member.run("share", "sync")
        self.assertEqual(len(alice.briefs()), 9)
        self.assertEqual(bob.briefs(), alice.briefs())
        self.assertEqual(bob.json("share", "status", "--json")["waiting"], 0)


if __name__ == "__main__":
    unittest.main()
