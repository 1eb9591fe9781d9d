"""A post's content warning (issue 15), by the command line: `lineup post cw
ID TEXT` sets it ("" removes it), `post add --cw` too; `post show` and `post
show --json` ("content_warning") show it; Mastodon counts it with the caption,
so one that takes the post over the limit refuses approval; `post problems`
warns (only) that Bluesky has none; `post preview --platform mastodon` shows
it first with Show more. Published: the Mastodon fake receives it as
spoiler_text, the webhook's payload carries "content_warning". Two copies of a
shared plan (Radicale on 127.0.0.1): set on one, it is on the other after a
sync on both, and so is its removal. The calendar export writes it as
X-LINEUP-CW."""

import datetime
import json
import os
import sys
import unittest

from dav_servers import Radicale
import lineup_cli
from lineup_cli import ctl, Member, Plan

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "fakes"))
from fake_mastodon import FakeMastodon  # noqa: E402
import webhook_receiver  # noqa: E402

PASSWORDS = lineup_cli.SHARE_PASSWORDS
TOKEN = "tok-5e2a-cw-secret-value"


class ContentWarning(unittest.TestCase):
    def setUp(self):
        self.plan = Plan(tz="Europe/Warsaw")
        p = self.plan
        p.run("pillar", "add", "Community")
        self.post = p.add("Finale", "Community", "Proof", "--body", "a" * 290, "--stage", "in-review",
                          "--date", "2030-01-03", "--time", "09:00",
                          "--platform", "mastodon", "--platform", "bluesky")
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

    def test_set_show_and_remove(self):
        p, post = self.plan, self.post
        self.assertEqual(p.show(post)["content_warning"], "")
        out = p.text("post", "cw", post, "Season finale spoilers")
        self.assertIn("“Finale” has the content warning “Season finale spoilers”", out)
        self.assertIn("Bluesky has no content warnings", out)
        self.assertEqual(p.show(post)["content_warning"], "Season finale spoilers")
        self.assertIn("content warning  Season finale spoilers", p.text("post", "show", post))

        out = p.text("post", "cw", post, "")
        self.assertIn("Removed the content warning of “Finale”", out)
        self.assertEqual(p.show(post)["content_warning"], "")
        self.assertNotIn("content warning", p.text("post", "show", post))
        # One line only: refused, nothing written.
        self.refused("post", "cw", post, "two\nlines", status=2)

        # The calendar export carries it (not with privacy "titles").
        p.run("post", "cw", post, "Finale spoilers")
        ics = p.text("export", "ics", "--privacy", "full").replace("\r\n ", "")
        self.assertIn("X-LINEUP-CW:Finale spoilers\r\n", ics)
        self.assertNotIn("X-LINEUP-CW", p.text("export", "ics", "--privacy", "titles"))
        p.run("post", "cw", post, "")

        other = p.add("Trailer", "Community", "Proof", "--body", "Watch it", "--cw", "Flashing lights",
                      "--platform", "mastodon")
        self.assertEqual(p.show(other)["content_warning"], "Flashing lights")

    def test_limit_problems_and_preview(self):
        p, post = self.plan, self.post
        short = post[:8]
        p.run("post", "cw", post, "w" * 250)
        # 250 + 290 = 540 > 500: refused, both ways in, saying why.
        message = ("“Finale” cannot be approved: Mastodon allows 500 characters, counting the content warning "
                   f"with the caption; together they have 540. Shorten the warning (lineup post cw {short} TEXT)")
        self.assertIn(message, self.refused("post", "approve", post, "--as", "Ana"))
        self.assertIn(message, self.refused("post", "stage", post, "approved"))

        problems = p.json("post", "problems", post, "--json")
        self.assertIn({"platform": "mastodon", "level": "error", "topic": "caption", "medium": None,
                       "message": "Mastodon allows 500 characters, counting the content warning with the caption; "
                                  f"together they have 540: shorten the warning (lineup post cw {short} TEXT) "
                                  "or the caption"}, problems)
        bluesky = [x for x in problems if x["platform"] == "bluesky"]
        self.assertEqual(len(bluesky), 1)
        self.assertEqual(bluesky[0]["level"], "warning")
        self.assertTrue(bluesky[0]["message"].startswith(
            "Bluesky has no content warnings: the post goes out without it"), bluesky[0])

        p.run("post", "cw", post, "Spoilers")
        out = p.text("post", "problems", post)
        self.assertIn("warning: Bluesky: Bluesky has no content warnings", out)
        self.assertIn("Warnings only", out)
        preview = p.text("post", "preview", post, "--platform", "mastodon")
        self.assertEqual(preview, "Mastodon · 298 of 500 characters (each link counts as 23)\n\n"
                                  "Content warning: Spoilers\n[Show more]\n" + "a" * 290 + "\n")
        self.assertNotIn("Spoilers", p.text("post", "preview", post, "--platform", "bluesky"))
        # A warning is not a gate.
        p.text("post", "approve", post, "--as", "Ana")
        self.assertEqual(p.show(post)["stage"], "approved")
        # A new warning is a new wording: back to review.
        out = p.text("post", "cw", post, "Finale spoilers")
        self.assertIn("back in review", out)
        self.assertEqual(p.show(post)["stage"], "in-review")


class PublishedWarning(unittest.TestCase):
    """Mastodon receives the warning as spoiler_text; the webhook's payload
    carries it as "content_warning" (null for a post without)."""

    def test_mastodon_and_webhook(self):
        p = Plan(tz="UTC")
        self.addCleanup(p.close)
        p.env["LINEUP_SECRETS_FILE"] = os.path.join(p.dir.name, "secrets", "lineup.keys")
        p.env["LINEUP_HTTP_TIMEOUT"] = "2"
        p.env["LINEUP_SYNC_RETRY_BASE_MS"] = "50"
        p.run("pillar", "add", "Community")
        fake = FakeMastodon(max_characters=500)
        fake.start()
        self.addCleanup(fake.stop)
        ctl(fake.url, "POST", "/__fake/accounts", {"username": "team", "token": TOKEN, "scopes": "read write"})
        p.run("account", "add", "mastodon", "--instance", fake.url, "--token-stdin", input_bytes=TOKEN.encode())
        mastodon = p.json("account", "list", "--json")[0]["name"]
        hook = webhook_receiver.WebhookReceiver()
        hook.start()
        self.addCleanup(hook.stop)
        out = p.text("account", "add", "webhook", "--url", hook.url + "/hook", "--name", "n8n")
        secret = [w for w in out.split() if w.startswith("whsec_")][0]
        ctl(hook.url, "POST", "/__fake/config", {"secret": secret, "responses": [200]})

        when = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=2)).replace(
            hour=9, minute=0, second=0, microsecond=0)
        post = p.add("Finale", "Community", "Proof", "--body", "Who did it, explained",
                     "--date", when.strftime("%Y-%m-%d"), "--time", when.strftime("%H:%M"),
                     "--platform", "mastodon", "--platform", "linkedin")
        p.run("post", "cw", post, "Finale spoilers")
        p.force_stage(post, "scheduled")
        p.run("post", "target", post, "--account", mastodon)
        p.run("sync", "--once")
        scheduled = ctl(fake.url, "GET", "/__fake/state")["accounts"][0]["scheduled"]
        self.assertEqual(len(scheduled), 1)
        self.assertEqual(scheduled[0]["params"]["spoiler_text"], "Finale spoilers")
        self.assertEqual(scheduled[0]["params"]["text"], "Who did it, explained")

        due = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=1)
        hooked = p.add("Due", "Community", "Proof", "--body", "Plot twist", "--cw", "Spoilers",
                       "--date", due.strftime("%Y-%m-%d"), "--time", due.strftime("%H:%M"),
                       "--platform", "linkedin")
        p.force_stage(hooked, "scheduled")
        p.run("post", "target", hooked, "--account", "n8n")
        p.run("sync", "--once")
        payload = json.loads(ctl(hook.url, "GET", "/__fake/state")["deliveries"][-1]["body"])
        self.assertEqual(payload["data"]["text"], "Plot twist")
        self.assertEqual(payload["data"]["content_warning"], "Spoilers")


class SharedWarning(unittest.TestCase):
    def test_warning_travels(self):
        server = Radicale(users=PASSWORDS, rights=Radicale.approvals_rights("alice", ["bob"]))
        server.start()
        self.addCleanup(server.close)
        alice, bob = Member("alice"), Member("bob")
        self.addCleanup(alice.close)
        self.addCleanup(bob.close)
        alice.run("pillar", "add", "Brew guides")
        post = alice.add("Spring", "Brew guides", "Proof", "--body", "Main caption", "--platform", "mastodon")
        alice.share("create", server.url("/alice/plan/"))
        bob.share("join", server.url("/alice/plan/"))

        alice.run("post", "cw", post, "Coffee talk: \"strong\", opinions; ahead")
        for member in (alice, bob):
            member.run("share", "sync")
        self.assertEqual(bob.show(post)["content_warning"], "Coffee talk: \"strong\", opinions; ahead")

        bob.run("post", "cw", post, "")
        for member in (bob, alice):
            member.run("share", "sync")
        self.assertEqual(alice.show(post)["content_warning"], "")
        for member in (alice, bob):
            self.assertEqual(member.json("share", "status", "--json")["waiting"], 0, member.login)


if __name__ == "__main__":
    unittest.main(verbosity=2)
