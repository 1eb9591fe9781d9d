"""`lineup snippet add|list|remove`: hashtag groups, sign-offs and caption
templates (a template for one content type) saved, listed as text and JSON
and removed; every refusal says why and leaves the plan's file as it was.
Two copies of a shared plan (Radicale on 127.0.0.1): a snippet added on one
is on the other after a sync on both, and one removed there goes here too."""

import os
import unittest

from dav_servers import Radicale
import lineup_cli
from lineup_cli import Plan

PASSWORDS = lineup_cli.SHARE_PASSWORDS


class Member(lineup_cli.Member):
    def snippets(self):
        return {x["name"]: x for x in self.json("snippet", "list", "--json")}


class Snippets(unittest.TestCase):
    def setUp(self):
        self.plan = Plan(tz="Europe/Warsaw")
        self.plan.run("pillar", "add", "Community")

    def tearDown(self):
        self.plan.close()

    def snippets(self):
        return {x["name"]: x for x in self.plan.json("snippet", "list", "--json")}

    def refused(self, *args, status=1):
        """The command fails with @status, says why, and leaves the file alone."""
        before = self.plan.digest()
        out = self.plan.run(*args, check=False)
        self.assertEqual(out.returncode, status, out.stderr)
        self.assertEqual(self.plan.digest(), before)
        self.assertEqual(out.stdout, b"")
        return out.stderr.decode("utf-8")

    def test_add_list_remove(self):
        p = self.plan
        self.assertIn("No snippets yet", p.text("snippet", "list"))
        self.assertEqual(p.json("snippet", "list", "--json"), [])

        self.assertEqual(p.text("snippet", "add", "Launch tags", "#launch #coffee"),
                         "Added snippet “Launch tags” (hashtags)\n")
        self.assertEqual(p.text("snippet", "add", "Thanks", "Thanks for reading!\n— The café", "--kind", "signoff"),
                         "Added snippet “Thanks” (signoff)\n")
        self.assertEqual(p.text("snippet", "add", "How-to", "Step 1:\nStep 2:", "--type", "educational"),
                         "Added snippet “How-to” (template for Educational)\n")
        self.assertEqual(p.text("snippet", "add", "Hello", "  Hello, coffee people  "),
                         "Added snippet “Hello” (template)\n")

        self.assertEqual(self.snippets(), {
            "Launch tags": {"name": "Launch tags", "kind": "hashtags", "type": None, "text": "#launch #coffee"},
            "Thanks": {"name": "Thanks", "kind": "signoff", "type": None, "text": "Thanks for reading!\n— The café"},
            "How-to": {"name": "How-to", "kind": "template", "type": "Educational", "text": "Step 1:\nStep 2:"},
            "Hello": {"name": "Hello", "kind": "template", "type": None, "text": "Hello, coffee people"},
        })
        # By kind then name; a text's lines shown on one line.
        table = p.text("snippet", "list").splitlines()
        self.assertEqual([row.split()[0] for row in table], ["Launch", "Thanks", "Hello", "How-to"])
        self.assertIn("Educational", table[3])
        self.assertIn("any type", table[2])

        self.assertEqual(p.text("snippet", "remove", "thanks"), "Removed snippet “Thanks”\n")
        self.assertEqual(sorted(self.snippets()), ["Hello", "How-to", "Launch tags"])
        self.assertEqual(p.integrity(), "ok")

    def test_bad_input_leaves_the_file(self):
        p = self.plan
        p.run("snippet", "add", "Launch tags", "#launch")
        err = self.refused("snippet", "add", "LAUNCH TAGS", "#again")
        self.assertIn("already a snippet called “Launch tags”", err)
        err = self.refused("snippet", "add", "Tags", "#x", "--kind", "emoji", status=2)
        self.assertIn("--kind “emoji”", err)
        self.assertIn("hashtags, signoff, template", err)
        err = self.refused("snippet", "add", "Tags", "#x", "--type", "Webinar")
        self.assertIn("--type “Webinar”", err)
        self.assertIn("Educational", err)
        err = self.refused("snippet", "add", "Tags", "#x", "--kind", "signoff", "--type", "Educational", status=2)
        self.assertIn("templates only", err)
        err = self.refused("snippet", "add", "Tags", "   ")
        self.assertIn("text is empty", err)
        err = self.refused("snippet", "add", "Tags", "t" * 2001)
        self.assertIn("limit is 2000", err)
        err = self.refused("snippet", "add", "n" * 61, "#x")
        self.assertIn("limit is 60", err)
        err = self.refused("snippet", "add", "Two\nlines", "#x", status=2)
        self.assertIn("NAME", err)
        self.refused("snippet", "add", "Only a name", status=2)
        err = self.refused("snippet", "remove", "Nothing")
        self.assertIn("no snippet called “Nothing”", err)
        self.assertIn("lineup snippet list", err)
        self.assertEqual(sorted(self.snippets()), ["Launch tags"])

    def test_help(self):
        out = self.plan.text("snippet", "--help")
        self.assertIn("lineup snippet add NAME TEXT [--kind hashtags|signoff|template] [--type TYPE]", out)
        self.assertIn("lineup snippet list [--json]", out)
        self.assertIn("lineup snippet remove NAME", out)


class SharedSnippets(unittest.TestCase):
    def test_snippets_travel(self):
        server = Radicale(users=PASSWORDS, rights=Radicale.approvals_rights("alice", ["bob"]))
        server.start()
        self.addCleanup(server.close)
        alice, bob = Member("alice"), Member("bob")
        self.addCleanup(alice.close)
        self.addCleanup(bob.close)
        alice.run("pillar", "add", "Brew guides")
        alice.run("snippet", "add", "Launch tags", "#launch #coffee")
        alice.share("create", server.url("/alice/plan/"))
        bob.share("join", server.url("/alice/plan/"))
        self.assertEqual(bob.snippets(), alice.snippets())

        # Added on alice's copy: on bob's after a pass of each.
        alice.run("snippet", "add", "Thanks", "Thanks for reading!\n— The café", "--kind", "signoff")
        alice.run("snippet", "add", "How-to", "Step 1:\nStep 2:", "--type", "Educational")
        for member in (alice, bob):
            member.run("share", "sync")
        self.assertEqual(bob.snippets()["Thanks"],
                         {"name": "Thanks", "kind": "signoff", "type": None, "text": "Thanks for reading!\n— The café"})
        self.assertEqual(bob.snippets()["How-to"]["type"], "Educational")

        # Removed on bob's: gone from alice's, and it stays gone.
        bob.run("snippet", "remove", "Thanks")
        for member in (bob, alice, bob, alice):
            member.run("share", "sync")
        for member in (alice, bob):
            self.assertEqual(sorted(member.snippets()), ["How-to", "Launch tags"], member.login)
            self.assertEqual(member.json("share", "status", "--json")["waiting"], 0, member.login)
            self.assertEqual(member.integrity(), "ok")


if __name__ == "__main__":
    unittest.main()
