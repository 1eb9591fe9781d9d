"""`lineup evergreen add|list|remove|fill` and `lineup post repurpose`:
published posts marked evergreen, the month's proposal printed (nothing
added without --yes), accepted as Draft copies linked to their source;
a post repurposed as another type and network with its brief; `post show`
listing the family; every refusal says why and leaves the plan's file as
it was. Two copies of a shared plan (Radicale on 127.0.0.1): the mark and
the link made on one are on the other after a sync on both."""

import os
import unittest

from dav_servers import Radicale
import lineup_cli
from lineup_cli import Member, Plan

PASSWORDS = lineup_cli.SHARE_PASSWORDS


def published(plan, title, date="2030-01-07", type_="Educational", platform="linkedin"):
    post = plan.add(title, "Community", type_, "--date", date, "--time", "10:00", "--platform", platform,
                    "--goal", "Sign-ups", "--body", "The caption")
    return plan.force_stage(post, "published")


class Reuse(unittest.TestCase):
    def setUp(self):
        self.plan = Plan(tz="Europe/Warsaw")
        self.plan.run("pillar", "add", "Community")
        self.tips = published(self.plan, "Ten brewing tips")

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

    def test_evergreen_add_list_remove(self):
        p = self.plan
        self.assertIn("No evergreen posts yet", p.text("evergreen", "list"))
        self.assertEqual(p.text("evergreen", "add", self.tips[:8], "--min-gap-days", "14", "--until", "2030-12-31"),
                         "“Ten brewing tips” is evergreen: it may come back every 14 days or more, until 2030-12-31\n")
        listed = p.json("evergreen", "list", "--json")
        self.assertEqual(len(listed), 1)
        self.assertEqual(listed[0]["id"], self.tips)
        self.assertEqual(listed[0]["min_gap_days"], 14)
        self.assertEqual(listed[0]["until"], "2030-12-31")
        self.assertEqual(listed[0]["copies"], 0)
        self.assertEqual(p.show(self.tips)["evergreen"], {"min_gap_days": 14, "until": "2030-12-31"})
        self.assertIn("every 14 days or more, until 2030-12-31", p.text("post", "show", self.tips))
        self.assertIn("“Ten brewing tips” is no longer evergreen", p.text("evergreen", "remove", self.tips))
        self.assertIsNone(p.show(self.tips)["evergreen"])
        self.assertEqual(p.integrity(), "ok")

    def test_fill_proposes_then_adds(self):
        p = self.plan
        p.run("evergreen", "add", self.tips, "--min-gap-days", "7")
        before = p.digest()
        proposal = p.text("evergreen", "fill", "--month", "2030-02").splitlines()
        self.assertEqual(p.digest(), before)
        # February 2030: Friday 1st, then a week apart, at the plan's default
        # time (the open times of a network without slots).
        rows = proposal[:-1]
        self.assertEqual(len(rows), 4)
        self.assertIn("run again with --yes", proposal[-1])
        days = [r.split()[1] for r in rows]
        self.assertEqual(days, ["2030-02-01", "2030-02-08", "2030-02-15", "2030-02-22"])

        self.assertIn("Added 4 Draft copies", p.text("evergreen", "fill", "--month", "2030-02", "--yes"))
        family = p.show(self.tips)["family"]
        self.assertIsNone(family["source"])
        self.assertEqual([c["date"] for c in family["children"]], days)
        self.assertEqual({c["stage"] for c in family["children"]}, {"draft"})
        copy = p.show(family["children"][0]["id"])
        self.assertEqual(copy["source_id"], self.tips)
        self.assertEqual(copy["family"]["source"]["id"], self.tips)
        self.assertIsNone(copy["evergreen"])
        self.assertEqual(copy["brief"]["goal"], "Sign-ups")
        # The month is full for this post: a second fill proposes nothing.
        self.assertIn("Nothing to fill", p.text("evergreen", "fill", "--month", "2030-02"))
        # The Mix counts the copies as posts of their own.
        mix = p.json("mix", "--month", "2030-02", "--json")
        self.assertEqual(mix["total"], 4)
        self.assertEqual(p.integrity(), "ok")

    def test_repurpose(self):
        p = self.plan
        copy_id = p.text("post", "repurpose", self.tips[:8], "--type", "Narrative", "--platform", "instagram",
                         "--platform", "x", "--date", "2030-03-04").strip()
        copy = p.show(copy_id)
        self.assertEqual(copy["title"], "Ten brewing tips")
        self.assertEqual(copy["body"], "The caption")
        self.assertEqual(copy["type"], "Narrative")
        self.assertEqual(copy["pillar"], "Community")
        self.assertEqual(sorted(copy["platforms"]), ["instagram", "x"])
        self.assertEqual(copy["stage"], "draft")
        self.assertEqual((copy["date"], copy["time"]), ("2030-03-04", "10:00"))
        self.assertEqual(copy["brief"]["goal"], "Sign-ups")
        self.assertEqual(copy["source_id"], self.tips)
        self.assertEqual([c["id"] for c in p.show(self.tips)["family"]["children"]], [copy_id])
        text = p.text("post", "show", self.tips)
        self.assertIn("copy", text)
        self.assertIn(copy_id[:8], text)
        self.assertIn("made from", p.text("post", "show", copy_id))
        # Without --date: an idea in the backlog, of the source's networks.
        idea = p.show(p.text("post", "repurpose", self.tips, "--type", "Proof").strip())
        self.assertIsNone(idea["date"])
        self.assertEqual(idea["platforms"], ["linkedin"])

    def test_bad_input_leaves_the_file(self):
        p = self.plan
        draft = p.add("Still a draft", "Community", "Proof", "--date", "2030-01-08")
        err = self.refused("evergreen", "add", draft)
        self.assertIn("not published", err)
        self.assertIn("only a published post can be evergreen", err)
        err = self.refused("evergreen", "add", self.tips, "--min-gap-days", "-3", status=2)
        self.assertIn("--min-gap-days “-3”", err)
        self.refused("evergreen", "add", self.tips, "--min-gap-days", "5000", status=2)
        err = self.refused("evergreen", "add", self.tips, "--until", "2030-02-30", status=2)
        self.assertIn("--until", err)
        err = self.refused("evergreen", "add", "zzzzzzzz")
        self.assertIn("zzzzzzzz", err)
        err = self.refused("evergreen", "remove", self.tips)
        self.assertIn("not evergreen", err)
        self.refused("evergreen", "fill", status=2)
        self.refused("evergreen", "fill", "--month", "2030-13", status=2)
        self.refused("post", "repurpose", self.tips, status=2)
        err = self.refused("post", "repurpose", self.tips, "--type", "Webinar")
        self.assertIn("Webinar", err)
        self.refused("post", "repurpose", self.tips, "--type", "Narrative", "--platform", "myspace", status=2)
        self.refused("post", "repurpose", self.tips, "--type", "Narrative", "--date", "2030-02-30", status=2)
        err = self.refused("post", "repurpose", self.tips, "--type", "Educational", "--platform", "linkedin")
        self.assertIn("already of that type on those networks", err)

    def test_help(self):
        out = self.plan.text("evergreen", "--help")
        self.assertIn("lineup evergreen add ID [--min-gap-days N] [--until YYYY-MM-DD]", out)
        self.assertIn("lineup evergreen fill --month YYYY-MM [--yes]", out)
        self.assertIn("lineup post repurpose ID --type TYPE [--platform NAME]… [--date YYYY-MM-DD]",
                      self.plan.text("post", "--help"))


class SharedReuse(unittest.TestCase):
    def test_mark_and_link_travel(self):
        server = Radicale(users=PASSWORDS, rights=Radicale.approvals_rights("alice", ["bob"]))
        server.start()
        self.addCleanup(server.close)
        alice, bob = Member("alice"), Member("bob")
        self.addCleanup(alice.close)
        self.addCleanup(bob.close)
        alice.run("pillar", "add", "Community")
        tips = published(alice, "Ten brewing tips")
        alice.share("create", server.url("/alice/plan/"))
        bob.share("join", server.url("/alice/plan/"))
        self.assertIsNone(bob.show(tips)["evergreen"])

        # Marked and repurposed on alice's copy: on bob's after a pass of each.
        alice.run("evergreen", "add", tips, "--min-gap-days", "21", "--until", "2030-06-30")
        reel = alice.text("post", "repurpose", tips, "--type", "Narrative", "--platform", "instagram",
                          "--date", "2030-02-04").strip()
        for member in (alice, bob):
            member.run("share", "sync")
        self.assertEqual(bob.show(tips)["evergreen"], {"min_gap_days": 21, "until": "2030-06-30"})
        self.assertEqual(bob.show(reel)["source_id"], tips)
        self.assertEqual([c["id"] for c in bob.show(tips)["family"]["children"]], [reel])
        self.assertEqual([x["id"] for x in bob.json("evergreen", "list", "--json")], [tips])

        # The mark taken off on bob's copy goes from alice's too.
        bob.run("evergreen", "remove", tips)
        for member in (bob, alice):
            member.run("share", "sync")
        self.assertIsNone(alice.show(tips)["evergreen"])
        self.assertEqual(alice.show(reel)["source_id"], tips)
        for member in (alice, bob):
            self.assertEqual(member.json("share", "status", "--json")["waiting"], 0, member.login)
            self.assertEqual(member.integrity(), "ok")


if __name__ == "__main__":
    unittest.main()
