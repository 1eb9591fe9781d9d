"""`lineup slots set|list|clear` and `lineup queue add`: each network's
weekly posting slots set, listed as text and JSON and cleared; a post queued
into the next free slot of its networks (a taken one skipped, the time
printed); every refusal says why and leaves the plan's file as it was. Two
copies of a shared plan (Radicale on 127.0.0.1): slots set on one are on
the other after a sync on both, and a network cleared there is cleared here
too."""

import datetime
import os
import unittest
from zoneinfo import ZoneInfo

from dav_servers import Radicale
import lineup_cli
from lineup_cli import Plan

PASSWORDS = lineup_cli.SHARE_PASSWORDS
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class Member(lineup_cli.Member):
    def slots(self):
        return self.json("slots", "list", "--json")["slots"]


class Slots(unittest.TestCase):
    def setUp(self):
        self.plan = Plan(tz="Europe/Warsaw")
        self.plan.run("pillar", "add", "Community")

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

    def test_set_list_clear(self):
        p = self.plan
        self.assertIn("No posting slots yet", p.text("slots", "list"))
        self.assertEqual(p.json("slots", "list", "--json"), {"zone": "Europe/Warsaw", "slots": {}})
        self.assertEqual(p.text("slots", "set", "LinkedIn", "thu@12:30", "Tuesday@9:00"),
                         "LinkedIn slots: Tue 09:00, Thu 12:30 (Europe/Warsaw)\n")
        self.assertEqual(p.text("slots", "set", "x", "fri@17:45"), "X slots: Fri 17:45 (Europe/Warsaw)\n")
        # Set replaces that network's slots, the others kept.
        p.run("slots", "set", "linkedin", "tue@09:00", "thu@12:30", "thu@12:30")
        self.assertEqual(p.json("slots", "list", "--json")["slots"],
                         {"linkedin": ["tue@09:00", "thu@12:30"], "x": ["fri@17:45"]})
        table = p.text("slots", "list")
        self.assertIn("Europe/Warsaw", table)
        self.assertIn("Tue 09:00, Thu 12:30", table)
        self.assertEqual(p.text("slots", "clear", "x"), "Cleared the slots of X\n")
        self.assertEqual(p.json("slots", "list", "--json")["slots"], {"linkedin": ["tue@09:00", "thu@12:30"]})
        self.assertEqual(p.integrity(), "ok")

    def test_queue_add(self):
        p = self.plan
        p.run("slots", "set", "linkedin", *[d + "@09:00" for d in DAYS])
        first = p.add("First", "Community", "Proof", "--platform", "linkedin")
        second = p.add("Second", "Community", "Proof", "--platform", "linkedin,x")
        zone = ZoneInfo("Europe/Warsaw")
        now = datetime.datetime.now(zone)
        slot = now.replace(hour=9, minute=0, second=0, microsecond=0)
        if slot <= now:
            slot += datetime.timedelta(days=1)
        slot = slot.replace(tzinfo=None).replace(tzinfo=zone)
        out = p.text("queue", "add", first)
        self.assertEqual(out, f"Queued “First” for {slot:%Y-%m-%d %H:%M} (Europe/Warsaw), a LinkedIn slot\n")
        # The slot is taken: the next day's.
        nxt = (slot + datetime.timedelta(days=1)).replace(hour=9)
        out = p.text("queue", "add", second)
        self.assertIn(f"for {nxt:%Y-%m-%d %H:%M} (Europe/Warsaw)", out)
        self.assertEqual(p.show(second)["date"], f"{nxt:%Y-%m-%d}")
        # Queued again, a post keeps its slot.
        out = p.text("queue", "add", first)
        self.assertIn(f"for {slot:%Y-%m-%d %H:%M}", out)
        self.assertEqual(p.integrity(), "ok")

    def test_bad_input_leaves_the_file(self):
        p = self.plan
        p.run("slots", "set", "linkedin", "tue@09:00")
        nowhere = p.add("Nowhere", "Community", "Proof")
        bare = p.add("Bare", "Community", "Proof", "--platform", "tiktok")
        err = self.refused("slots", "set", "myspace", "tue@09:00", status=2)
        self.assertIn("“myspace” is not a network", err)
        self.assertIn("linkedin", err)
        err = self.refused("slots", "set", "linkedin", "tue", status=2)
        self.assertIn("“@”", err)
        err = self.refused("slots", "set", "linkedin", "someday@09:00", status=2)
        self.assertIn("weekday", err)
        err = self.refused("slots", "set", "linkedin", "tue@25:00", status=2)
        self.assertIn("25:00", err)
        err = self.refused("slots", "set", "linkedin", "tue@09:00", "thu@9", "wed@", status=2)
        err = self.refused("slots", "set", "linkedin", status=2)
        self.assertIn("lineup slots clear linkedin", err)
        err = self.refused("slots", "set", "linked\nin", "tue@09:00", status=2)
        self.assertIn("PLATFORM", err)
        err = self.refused("slots", "clear", "myspace", status=2)
        self.assertIn("not a network", err)
        self.refused("slots", "clear", status=2)
        err = self.refused("queue", "add", nowhere)
        self.assertIn("has no networks", err)
        err = self.refused("queue", "add", bare)
        self.assertIn("TikTok has no posting slots", err)
        self.assertIn("lineup slots set tiktok", err)
        err = self.refused("queue", "add", "zzzzzzzz")
        err = self.refused("queue", "add", status=2)
        self.assertEqual(p.json("slots", "list", "--json")["slots"], {"linkedin": ["tue@09:00"]})

    def test_help(self):
        out = self.plan.text("slots", "--help")
        self.assertIn("lineup slots set PLATFORM DAY@HH:MM…", out)
        self.assertIn("lineup slots list [--json]", out)
        self.assertIn("lineup slots clear PLATFORM", out)
        self.assertIn("lineup queue add ID", self.plan.text("queue", "--help"))


class SharedSlots(unittest.TestCase):
    def test_slots_travel(self):
        server = Radicale(users=PASSWORDS, rights=Radicale.approvals_rights("alice", ["bob"]))
        server.start()
        self.addCleanup(server.close)
        alice, bob = Member("alice"), Member("bob")
        self.addCleanup(alice.close)
        self.addCleanup(bob.close)
        alice.run("pillar", "add", "Brew guides")
        alice.run("slots", "set", "x", "mon@08:00")
        alice.share("create", server.url("/alice/plan/"))
        bob.share("join", server.url("/alice/plan/"))
        self.assertEqual(bob.slots(), {"x": ["mon@08:00"]})

        # Set on alice's copy: on bob's after a pass of each.
        alice.run("slots", "set", "linkedin", "tue@09:00", "thu@12:30")
        for member in (alice, bob):
            member.run("share", "sync")
        self.assertEqual(bob.slots(), {"linkedin": ["tue@09:00", "thu@12:30"], "x": ["mon@08:00"]})

        # Cleared on bob's: gone from alice's, and it stays gone.
        bob.run("slots", "clear", "linkedin")
        for member in (bob, alice, bob, alice):
            member.run("share", "sync")
        for member in (alice, bob):
            self.assertEqual(member.slots(), {"x": ["mon@08:00"]}, member.login)
            self.assertEqual(member.json("share", "status", "--json")["waiting"], 0, member.login)
            self.assertEqual(member.integrity(), "ok")


if __name__ == "__main__":
    unittest.main()
