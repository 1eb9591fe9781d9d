"""UTM parameters on links (issue 17, protocols.md §9), by the command line:
`lineup post links` gives each network's final links exactly as Python's
urllib.parse builds them (utm_reference.py) for links with a query, a
fragment, a key already there, an IDN, parentheses and trailing
punctuation; `lineup utm set` and `campaign edit --utm-campaign` change
them; --off leaves links as written; every refusal says why and leaves the
plan's file as it was. Two copies of a shared plan (Radicale on 127.0.0.1):
UTM settings made on one are on the other after a sync on both."""

import os
import unittest

import utm_reference
from dav_servers import Radicale
import lineup_cli
from lineup_cli import Member, Plan

PASSWORDS = lineup_cli.SHARE_PASSWORDS

CAPTION = ("Spring is here: https://shop.example.org/spring?ref=feed#buy, "
           "(see https://en.wikipedia.org/wiki/Espresso_(drink)) and https://bücher.de/kaffee. "
           "Already tagged: https://example.org/?utm_source=newsletter&x=1; "
           "partner: https://partner.net/a/b?c=d&. Mail: hello@example.org")


class Utm(unittest.TestCase):
    def setUp(self):
        self.plan = Plan(tz="Europe/Warsaw")
        p = self.plan
        p.run("pillar", "add", "Community")
        p.run("campaign", "add", "Spring Launch", "--from", "2027-03-01", "--to", "2027-04-30")
        self.post = p.add("Spring", "Community", "Proof", "--body", CAPTION, "--campaign", "Spring Launch",
                          "--platform", "linkedin", "--platform", "bluesky", "--platform", "mastodon")

    def tearDown(self):
        self.plan.close()

    def links(self):
        return self.plan.json("post", "links", self.post, "--json")

    def expected(self, source, medium="social", campaign="spring-launch", domains=()):
        return utm_reference.final_links(CAPTION, {"utm_source": source, "utm_medium": medium,
                                                   "utm_campaign": campaign, "utm_content": self.post[:8]},
                                         domains)

    def refused(self, *args, status=2):
        before = self.plan.digest()
        out = self.plan.run(*args, check=False)
        self.assertEqual(out.returncode, status, out.stderr)
        self.assertEqual(self.plan.digest(), before)
        return out.stderr.decode("utf-8")

    def test_defaults_match_the_reference(self):
        links = self.links()
        self.assertEqual(sorted(links), ["bluesky", "linkedin", "mastodon"])
        for network in links:
            self.assertEqual(links[network], self.expected(network), network)
        # The newsletter's own utm_source stays; the others are added.
        self.assertIn("utm_source=newsletter&x=1&utm_medium=social", links["linkedin"][3])
        # The stored caption stays as written.
        self.assertEqual(self.plan.show(self.post)["body"], CAPTION)

    def test_settings_change_the_links(self):
        p = self.plan
        p.run("utm", "set", "--medium", "Organic Social", "--source", "linkedin=li",
              "--domains", "example.org, xn--bcher-kva.de")
        p.run("campaign", "edit", "Spring Launch", "--utm-campaign", "spring_27")
        links = self.links()
        domains = ("example.org", "xn--bcher-kva.de")
        self.assertEqual(links["linkedin"], self.expected("li", "organic-social", "spring_27", domains))
        self.assertEqual(links["bluesky"], self.expected("bluesky", "organic-social", "spring_27", domains))
        self.assertEqual(links["bluesky"][-1], "https://partner.net/a/b?c=d&")   # not one of the domains
        shown = p.json("utm", "show", "--json")
        self.assertEqual(shown["domains"], ["example.org", "xn--bcher-kva.de"])
        self.assertEqual(shown["sources"]["linkedin"], "li")
        # Back to the defaults; then off: every link as written.
        p.run("campaign", "edit", "Spring Launch", "--utm-campaign", "")
        p.run("utm", "set", "--all-domains", "--medium", "social")
        self.assertEqual(self.links()["bluesky"], self.expected("bluesky"))
        p.run("utm", "set", "--off")
        self.assertEqual(self.links()["mastodon"], utm_reference.final_links(CAPTION, {}))

    def test_refusals_leave_the_plan(self):
        err = self.refused("utm", "set", "--domains", "https://example.org/shop")
        self.assertIn("is not a domain", err)
        err = self.refused("utm", "set", "--source", "myspace=x")
        self.assertIn("linkedin", err)
        err = self.refused("utm", "set", "--medium", "  ")
        self.assertIn("1 to 200 characters", err)
        self.refused("utm", "set", "--on", "--off")
        self.refused("utm", "set")
        # a good value with a bad one: nothing of either is written
        self.refused("utm", "set", "--medium", "newsletter", "--source", "linkedin=")
        err = self.refused("campaign", "edit", "Spring Launch", "--utm-campaign", "x" * 201)
        self.assertIn("1 to 200 characters", err)
        err = self.refused("post", "links", self.post, "--platform", "x", status=1)
        self.assertIn("does not go to X", err)
        self.assertEqual(self.plan.json("utm", "show", "--json")["medium"], "social")

    def test_help(self):
        out = self.plan.text("utm", "--help")
        self.assertIn("lineup utm set [--on|--off] [--medium M] [--source NETWORK=VALUE]…", out)
        self.assertIn("lineup utm show [--json]", out)
        # An unknown command lists every group, the new ones too.
        err = self.plan.run("frobnicate", check=False).stderr.decode()
        for group in ("utm", "snippet", "slots", "queue", "series", "plan", "evergreen", "post"):
            self.assertIn(group, err)


class SharedUtm(unittest.TestCase):
    def test_settings_travel(self):
        server = Radicale(users=PASSWORDS, rights=Radicale.approvals_rights("alice", ["bob"]))
        server.start()
        self.addCleanup(server.close)
        alice, bob = Member("alice"), Member("bob")
        self.addCleanup(alice.close)
        self.addCleanup(bob.close)
        alice.run("pillar", "add", "Brew guides")
        alice.run("campaign", "add", "Spring Launch", "--from", "2027-03-01", "--to", "2027-04-30")
        alice.share("create", server.url("/alice/plan/"))
        bob.share("join", server.url("/alice/plan/"))

        alice.run("utm", "set", "--medium", "organic", "--source", "bluesky=bsky", "--domains", "example.org")
        alice.run("campaign", "edit", "Spring Launch", "--utm-campaign", "spring_27")
        for member in (alice, bob):
            member.run("share", "sync")
        shown = bob.json("utm", "show", "--json")
        self.assertEqual((shown["enabled"], shown["medium"], shown["domains"], shown["sources"]["bluesky"]),
                         (True, "organic", ["example.org"], "bsky"))
        post = bob.add("Spring", "Brew guides", "Proof", "--body", "https://example.org/a", "--campaign",
                       "Spring Launch", "--platform", "bluesky")
        self.assertEqual(bob.json("post", "links", post, "--json")["bluesky"],
                         [f"https://example.org/a?utm_source=bsky&utm_medium=organic&utm_campaign=spring_27"
                          f"&utm_content={post[:8]}"])

        # Turned off on bob's copy: off on alice's too.
        bob.run("utm", "set", "--off")
        for member in (bob, alice):
            member.run("share", "sync")
        self.assertFalse(alice.json("utm", "show", "--json")["enabled"])
        for member in (alice, bob):
            self.assertEqual(member.json("share", "status", "--json")["waiting"], 0, member.login)


if __name__ == "__main__":
    unittest.main()
