"""Per-network caption variants and the caption gate (issue 15), by the
command line: `lineup post caption ID --platform NAME TEXT` sets (and "" removes)
a network's own caption; a caption over a chosen network's limit is refused
approval and scheduling with a message naming the network, the count, the limit
and the command that fixes it; the variant makes it pass; `lineup post preview`
prints the post as the network will show it (with the links' UTM parameters);
every refusal leaves the plan's file as it was. Two copies of a shared plan
(Radicale on 127.0.0.1): a variant written on one is on the other after a sync
on both."""

import datetime
import json
import os
import sys
import unittest

from dav_servers import Radicale
import lineup_cli
from lineup_cli import ctl, Member, Plan

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "fakes"))
import fake_pds  # noqa: E402
import webhook_receiver  # noqa: E402

PASSWORDS = lineup_cli.SHARE_PASSWORDS
LONG = "é" * 480 + " https://example.org/launch"


class Captions(unittest.TestCase):
    def setUp(self):
        self.plan = Plan(tz="Europe/Warsaw")
        p = self.plan
        p.run("pillar", "add", "Community")
        self.post = p.add("Launch", "Community", "Proof", "--body", LONG, "--stage", "in-review",
                          "--date", "2030-01-03", "--time", "09:00",
                          "--platform", "bluesky", "--platform", "mastodon", "--platform", "linkedin")
        for item in range(1, 6):
            p.text("post", "check", self.post, str(item))

    def tearDown(self):
        self.plan.close()

    def refused(self, *args, status=1):
        before = self.plan.digest()
        out = self.plan.run(*args, check=False)
        self.assertEqual(out.returncode, status, out.stderr)
        self.assertEqual(self.plan.digest(), before)
        return out.stderr.decode("utf-8")

    def test_gate_and_variant(self):
        p, post = self.plan, self.post
        short = post[:8]
        # 480 + 1 + the link with its UTM parameters, as Bluesky counts.
        link = f"https://example.org/launch?utm_source=bluesky&utm_medium=social&utm_content={short}"
        count = 481 + len(link)
        message = (f"“Launch” cannot be approved: Bluesky allows 300 characters; this caption has {count}. "
                   f"Shorten it or write a Bluesky variant: lineup post caption {short} --platform bluesky TEXT")
        self.assertIn(message, self.refused("post", "approve", post, "--as", "Ana"))
        self.assertIn(message, self.refused("post", "stage", post, "approved"))
        self.assertEqual(p.show(post)["stage"], "in-review")

        out = p.text("post", "caption", post, "--platform", "Bluesky", "Launch day: https://example.org/launch")
        self.assertIn("The Bluesky caption of “Launch” is set", out)
        self.assertEqual(p.show(post)["captions"], {"bluesky": "Launch day: https://example.org/launch"})
        self.assertEqual(p.show(post)["body"], LONG)
        # Mastodon counts the link as 23: 480 + 1 + 23 = 504 > 500.
        self.assertIn("“Launch” cannot be approved: Mastodon allows 500 characters; this caption has 504.",
                      self.refused("post", "approve", post, "--as", "Ana"))
        p.text("post", "caption", post, "--platform", "mastodon", "Launch day, fediverse: https://example.org/launch")
        p.text("post", "approve", post, "--as", "Ana")
        self.assertEqual(p.show(post)["stage"], "approved")

        # Changing a variant after approval sends the post back to review.
        out = p.text("post", "caption", post, "--platform", "mastodon", "Launch day! https://example.org/launch")
        self.assertIn("back in review", out)
        self.assertEqual(p.show(post)["stage"], "in-review")
        # Removing the Bluesky variant: the long main caption is over again.
        out = p.text("post", "caption", post, "--platform", "bluesky", "")
        self.assertIn("Removed the Bluesky variant", out)
        self.assertEqual(p.show(post)["captions"], {"mastodon": "Launch day! https://example.org/launch"})
        self.assertIn("Bluesky allows 300 characters", self.refused("post", "approve", post, "--as", "Ana"))

        # A variant that is over: named as the variant.
        p.text("post", "caption", post, "--platform", "bluesky", "x" * 301)
        self.assertIn("Bluesky allows 300 characters; its Bluesky variant has 301. "
                      f"Shorten it: lineup post caption {short} --platform bluesky TEXT",
                      self.refused("post", "approve", post, "--as", "Ana"))

        # Bad arguments: nothing written.
        self.assertIn("not a platform Lineup knows",
                      self.refused("post", "caption", post, "--platform", "myspace", "hi", status=2))
        self.refused("post", "caption", post, "hi", status=2)

    def test_preview(self):
        p, post = self.plan, self.post
        short = post[:8]
        p.text("post", "caption", post, "--platform", "bluesky", "Launch day: https://example.org/launch")
        out = p.text("post", "preview", post, "--platform", "bluesky")
        link = f"https://example.org/launch?utm_source=bluesky&utm_medium=social&utm_content={short}"
        self.assertEqual(out, f"Bluesky · {12 + len(link)} of 300 characters\n\n"
                              f"Launch day: {link}\n\nLink card: {link}\n")
        out = p.text("post", "preview", post, "--platform", "mastodon")
        self.assertTrue(out.startswith("Mastodon · 504 of 500 characters (each link counts as 23) — 4 over"), out)
        self.assertIn("utm_source=mastodon", out)
        out = p.text("post", "preview", post, "--platform", "linkedin")
        body = out.split("\n\n", 1)[1]
        self.assertTrue(body.endswith("…see more\n"), body)
        self.assertEqual(body, "é" * 210 + "…see more\n")
        out = p.text("post", "preview", post, "--platform", "instagram")
        self.assertEqual(out.split("\n\n", 1)[1], "é" * 125 + "… more\n")
        self.assertIn("not a platform Lineup knows",
                      self.refused("post", "preview", post, "--platform", "myspace", status=2))


class PublishedVariants(unittest.TestCase):
    """What goes out: Bluesky gets its variant; the webhook's payload carries
    each network's own caption in `texts`, the main one in `text`."""

    def test_bluesky_and_webhook_get_the_variant(self):
        p = Plan(tz="UTC")
        self.addCleanup(p.close)
        p.env["LINEUP_SECRETS_FILE"] = os.path.join(p.dir.name, "secrets", "lineup.keys")
        p.env["LINEUP_HTTP_TIMEOUT"] = "2"
        p.env["LINEUP_SYNC_RETRY_BASE_MS"] = "50"
        p.run("pillar", "add", "Community")
        pds = fake_pds.FakePds()
        pds.start()
        self.addCleanup(pds.stop)
        ctl(pds.url, "POST", "/__fake/accounts", {"handle": "team.test", "password": "app-pass-1234"})
        p.run("account", "add", "bluesky", "--handle", "team.test", "--pds", pds.url,
              "--app-password-stdin", input_bytes=b"app-pass-1234")
        hook = webhook_receiver.WebhookReceiver()
        hook.start()
        self.addCleanup(hook.stop)
        out = p.text("account", "add", "webhook", "--url", hook.url + "/hook", "--name", "n8n")
        secret = [w for w in out.split() if w.startswith("whsec_")][0]
        ctl(hook.url, "POST", "/__fake/config", {"secret": secret, "responses": [200]})

        when = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=1)
        post = p.add("Due", "Community", "Proof", "--body", "The long main caption for LinkedIn",
                     "--date", when.strftime("%Y-%m-%d"), "--time", when.strftime("%H:%M"),
                     "--platform", "bluesky", "--platform", "linkedin")
        p.run("post", "caption", post, "--platform", "bluesky", "Short for Bluesky")
        p.force_stage(post, "scheduled")
        p.run("post", "target", post, "--account", "team.test")
        p.run("post", "target", post, "--account", "n8n")
        p.run("sync", "--once")
        records = ctl(pds.url, "GET", "/__fake/state")["accounts"][0]["records"]
        self.assertEqual([r["text"] for r in records.values()], ["Short for Bluesky"])
        payload = json.loads(ctl(hook.url, "GET", "/__fake/state")["deliveries"][-1]["body"])
        self.assertEqual(payload["data"]["text"], "The long main caption for LinkedIn")
        self.assertEqual(payload["data"]["texts"], {"linkedin": "The long main caption for LinkedIn",
                                                    "bluesky": "Short for Bluesky"})


class SharedCaptions(unittest.TestCase):
    def test_variants_travel(self):
        server = Radicale(users=PASSWORDS, rights=Radicale.approvals_rights("alice", ["bob"]))
        server.start()
        self.addCleanup(server.close)
        alice, bob = Member("alice"), Member("bob")
        self.addCleanup(alice.close)
        self.addCleanup(bob.close)
        alice.run("pillar", "add", "Brew guides")
        post = alice.add("Spring", "Brew guides", "Proof", "--body", "Main caption", "--platform", "bluesky")
        alice.share("create", server.url("/alice/plan/"))
        bob.share("join", server.url("/alice/plan/"))

        alice.run("post", "caption", post, "--platform", "bluesky", "Skeet: \"quoted\", with; commas\nand a line")
        for member in (alice, bob):
            member.run("share", "sync")
        self.assertEqual(bob.show(post)["captions"], {"bluesky": "Skeet: \"quoted\", with; commas\nand a line"})
        self.assertIn("Skeet:", bob.text("post", "preview", post, "--platform", "bluesky"))

        # Bob adds a Mastodon one and removes Bluesky's: so on Alice's copy too.
        bob.run("post", "caption", post, "--platform", "mastodon", "Toot")
        bob.run("post", "caption", post, "--platform", "bluesky", "")
        for member in (bob, alice):
            member.run("share", "sync")
        self.assertEqual(alice.show(post)["captions"], {"mastodon": "Toot"})
        for member in (alice, bob):
            self.assertEqual(member.json("share", "status", "--json")["waiting"], 0, member.login)


if __name__ == "__main__":
    unittest.main(verbosity=2)
