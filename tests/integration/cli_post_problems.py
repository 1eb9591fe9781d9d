"""Media checked per network before approval (issue 15), by the command line:
`lineup post problems ID [--json]` lists every network's caption and media
problems — errors on Mastodon and Bluesky (Lineup publishes there: the post
cannot be approved or scheduled), warnings elsewhere; `post approve` and
`post stage approved` are refused with a message naming the network and the
limit, leaving the plan as it was; the Mastodon instance's own limit
(max_media_attachments from GET /api/v2/instance, read when the account is
added, against fake_mastodon.py) is the one checked."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "fakes"))
from cli_media import png  # noqa: E402
from fake_mastodon import FakeMastodon  # noqa: E402
from lineup_cli import ctl, Plan  # noqa: E402

TOKEN = "tok-post-problems-secret"


class Problems(unittest.TestCase):
    def setUp(self):
        self.plan = Plan()
        self.addCleanup(self.plan.close)
        p = self.plan
        p.run("pillar", "add", "Community")
        p.run("team", "add", "Ana", "--role", "approver")
        self.post = p.add("Bike day", "Community", "Proof", "--body", "Ride with us on Sunday",
                          "--platform", "bluesky", "--platform", "instagram",
                          "--date", "2030-05-05", "--time", "10:00")
        self.paths = [p.file(f"bike {n}.png", png(40, 30, (n * 40, 0, 0))) for n in range(5)]

    def ready_for_approval(self, post):
        p = self.plan
        p.run("post", "stage", post, "draft", check=False)
        p.run("post", "stage", post, "in-review", check=False)
        for n in range(1, 6):
            p.run("post", "check", post, str(n), check=False)

    def refused(self, *args):
        before = self.plan.digest()
        out = self.plan.run(*args, check=False)
        self.assertEqual(out.returncode, 1, out.stderr)
        self.assertEqual(self.plan.digest(), before)
        return out.stderr.decode("utf-8")

    def test_bluesky_error_instagram_warning(self):
        p, post = self.plan, self.post
        self.assertIn("fits every network", p.text("post", "problems", post))
        p.run("post", "attach", post, *self.paths, "--alt", "A red bicycle")
        problems = p.json("post", "problems", post, "--json")
        bluesky = [x for x in problems if x["platform"] == "bluesky"]
        instagram = [x for x in problems if x["platform"] == "instagram"]
        self.assertEqual([(x["level"], x["topic"], x["medium"]) for x in bluesky], [("error", "media", None)])
        self.assertIn("The post has 5 images; Bluesky takes 4 in one post: remove some", bluesky[0]["message"])
        self.assertTrue(instagram)
        self.assertTrue(all(x["level"] == "warning" for x in instagram))
        self.assertIn({"platform": "instagram", "level": "warning", "topic": "media", "medium": 1,
                       "message": "Image 1 is image/png, which Instagram does not take: use one of image/jpeg"},
                      instagram)
        text = p.text("post", "problems", post)
        self.assertIn("error: Bluesky: The post has 5 images", text)
        self.assertIn("warning: Instagram: Image 1 is image/png", text)
        self.assertIn("cannot be approved or scheduled until the error is fixed", text)

        self.ready_for_approval(post)
        message = "“Bike day” cannot be approved: The post has 5 images; Bluesky takes 4 in one post: remove some."
        self.assertIn(message, self.refused("post", "approve", post, "--as", "Ana"))
        self.assertIn(message, self.refused("post", "stage", post, "approved"))

        p.run("post", "detach", post, "5")
        self.assertIn("Warnings only", p.text("post", "problems", post))
        self.ready_for_approval(post)
        p.run("post", "approve", post, "--as", "Ana")
        self.assertEqual(p.json("post", "show", post, "--json")["stage"], "approved")

    def test_mastodon_instance_limit(self):
        mastodon = FakeMastodon()
        mastodon.max_media = 2
        mastodon.start()
        self.addCleanup(mastodon.stop)
        p = self.plan
        p.env["LINEUP_SECRETS_FILE"] = os.path.join(p.dir.name, "secrets", "lineup.keys")
        ctl(mastodon.url, "POST", "/__fake/accounts", {"username": "team", "token": TOKEN})
        p.run("account", "add", "mastodon", "--instance", mastodon.url, "--token-stdin",
              input_bytes=TOKEN.encode())
        post = p.add("Three bikes", "Community", "Proof", "--body", "Three of them",
                     "--platform", "mastodon", "--date", "2030-05-06", "--time", "10:00")
        p.run("post", "attach", post, *self.paths[:3], "--alt", "A red bicycle")
        problems = p.json("post", "problems", post, "--json")
        self.assertEqual([(x["platform"], x["level"]) for x in problems], [("mastodon", "error")])
        self.assertIn("The post has 3 images; Mastodon takes 2 in one post", problems[0]["message"])
        self.ready_for_approval(post)
        self.assertIn("cannot be approved: The post has 3 images; Mastodon takes 2",
                      self.refused("post", "approve", post, "--as", "Ana"))


if __name__ == "__main__":
    unittest.main()
