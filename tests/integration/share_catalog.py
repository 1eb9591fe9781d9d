"""Pillars and campaigns in a shared plan: a rename, a new colour or target
and a removal made on one copy arrive in the other after `share sync` on
both, and a renamed pillar's posts carry its new name on both copies. Two
plan files, two logins, Radicale started on 127.0.0.1."""

import os
import unittest

from dav_servers import Radicale
from lineup_cli import Plan

PASSWORDS = {"alice": "alice-pw", "bob": "bob-pw"}
RIGHTS = Radicale.approvals_rights("alice", ["bob"])


class Member(Plan):
    def __init__(self, login):
        super().__init__(tz="UTC")
        self.login = login
        self.env["LINEUP_SECRETS_FILE"] = os.path.join(self.dir.name, "secrets.ini")
        self.env["LINEUP_HTTP_TIMEOUT"] = "5"

    def share(self, verb, url):
        return self.run("share", verb, url, "--user", self.login, "--password-stdin",
                        input_bytes=PASSWORDS[self.login].encode())

    def sync(self):
        return self.run("share", "sync")

    def pillars(self):
        return {p["name"]: (p["color"], p["target"], p["posts"]) for p in self.json("pillar", "list", "--json")}

    def campaigns(self):
        return {c["name"]: (c["color"], c["from"], c["to"]) for c in self.json("campaign", "list", "--json")}

    def tags(self):
        return {p["id"]: (p["pillar"], p.get("campaign")) for p in self.json("post", "list", "--json")}


class SharedCatalog(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Radicale(users=PASSWORDS, rights=RIGHTS)
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def test_changes_travel(self):
        alice, bob = Member("alice"), Member("bob")
        self.addCleanup(alice.close)
        self.addCleanup(bob.close)
        alice.run("pillar", "add", "Brew guides", "--color", "#3584e4", "--target", "40")
        alice.run("pillar", "add", "Café community", "--color", "#2ec27e", "--target", "30")
        alice.run("pillar", "add", "Origins", "--color", "#e66100")
        alice.run("campaign", "add", "Spring launch", "--from", "2027-03-01", "--to", "2027-03-14")
        alice.run("campaign", "add", "Summer", "--from", "2027-06-01", "--to", "2027-06-30")
        a = alice.add("V60 in five steps", "Brew guides", "Educational", "--campaign", "Spring launch")
        b = alice.add("Cupping night", "Brew guides", "Community", "--date", "2027-03-03", "--time", "18:00")
        c = alice.add("Farm visit", "Origins", "Narrative", "--campaign", "Summer")
        alice.share("create", self.server.url("/alice/plan/"))
        bob.share("join", self.server.url("/alice/plan/"))
        self.assertEqual(bob.pillars(), alice.pillars())

        # alice renames and recolours while bob removes (other pillars and
        # campaigns: a pillar's colour, target and place are one field,
        # docs/sharing.md §4, so two copies changing one pillar at once
        # conflict).
        alice.run("pillar", "rename", "Brew guides", "Brewing")
        alice.run("pillar", "set", "Café community", "--color", "#9141ac")
        alice.run("campaign", "edit", "Spring launch", "--rename", "Spring sale", "--to", "2027-03-20")
        bob.run("pillar", "remove", "Origins", "--move-to", "Café community")
        bob.run("campaign", "remove", "Summer")
        for member in (alice, bob, alice):
            member.sync()
        # Then bob sets a target on the pillar alice recoloured.
        bob.run("pillar", "set", "Café community", "--target", "60")
        for member in (bob, alice):
            member.sync()

        want_pillars = {"Brewing": ("#3584e4", 40, 2), "Café community": ("#9141ac", 60, 1)}
        want_tags = {a: ("Brewing", "Spring sale"), b: ("Brewing", None), c: ("Café community", None)}
        for member in (alice, bob):
            self.assertEqual(member.pillars(), want_pillars, member.login)
            self.assertEqual(member.campaigns(), {"Spring sale": ("#e66100", "2027-03-01", "2027-03-20")},
                             member.login)
            self.assertEqual(member.tags(), want_tags, member.login)
            self.assertEqual(member.json("share", "status", "--json")["waiting"], 0, member.login)

        # And nothing comes back on a later pass: the removed stay removed.
        for member in (alice, bob):
            member.sync()
            self.assertEqual(member.pillars(), want_pillars, member.login)
            self.assertEqual(member.integrity(), "ok")


if __name__ == "__main__":
    unittest.main(verbosity=2)
