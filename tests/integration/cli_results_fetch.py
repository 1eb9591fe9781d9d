"""`lineup results fetch` (issue 17): the numbers of posts Lineup published
to Mastodon and Bluesky read back from the networks — against fake_mastodon.py
and fake_pds.py, whose counts the test sets and changes — as snapshots (a
post's curve), with the accounts' followers; only the posts due with --due
(1 hour, 24 hours, 7 days after publication, each once); a post deleted on
the network said and not read again when due; Bluesky's getPosts 25 posts a
call; a 429 stopping the account with when to try again; a 500, a cut or a
wrong answer said, never a crash; the followers kept with a snapshot reach
the other copy of a shared plan (Radicale on 127.0.0.1)."""

import datetime
import json
import os
import sys
import unittest
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "fakes"))
from fake_mastodon import FakeMastodon  # noqa: E402
from fake_pds import FakePds  # noqa: E402
from lineup_cli import Member, Plan, SHARE_PASSWORDS  # noqa: E402
from dav_servers import Radicale  # noqa: E402

TOKEN = "tok-results-fetch-secret"
HOUR = 3600


def ctl(base, method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return json.loads(answer.read() or b"null")
    except urllib.error.HTTPError as error:
        return json.loads(error.read() or b"null")


class Fetch(unittest.TestCase):
    def setUp(self):
        self.mastodon = FakeMastodon()
        self.mastodon.start()
        self.addCleanup(self.mastodon.stop)
        self.pds = FakePds()
        self.pds.start()
        self.addCleanup(self.pds.stop)
        self.plan = Plan(tz="UTC")
        self.addCleanup(self.plan.close)
        p = self.plan
        p.env["LINEUP_SECRETS_FILE"] = os.path.join(p.dir.name, "secrets", "lineup.keys")
        p.env["LINEUP_HTTP_TIMEOUT"] = "2"
        p.env["LINEUP_SYNC_RETRY_BASE_MS"] = "20"
        p.run("pillar", "add", "Community")
        ctl(self.mastodon.url, "POST", "/__fake/accounts", {"username": "team", "token": TOKEN})
        p.run("account", "add", "mastodon", "--instance", self.mastodon.url, "--token-stdin",
              input_bytes=TOKEN.encode())
        ctl(self.pds.url, "POST", "/__fake/accounts", {"handle": "team.test", "password": "app-pass-1234"})
        p.run("account", "add", "bluesky", "--handle", "team.test", "--pds", self.pds.url,
              "--app-password-stdin", input_bytes=b"app-pass-1234")
        self.accounts = {a["network"] if "network" in a else a["kind"]: a["name"]
                         for a in p.json("account", "list", "--json")}

    # ---- helpers ----

    def publish(self, titles, network, pillar="Community"):
        """Posts due a minute ago, published by `sync --once`; their ids."""
        p = self.plan
        when = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=1)
        ids = []
        for title in titles:
            post = p.force_stage(p.add(title, pillar, "Proof", "--body", f"{title}: out now.",
                                       "--date", when.strftime("%Y-%m-%d"), "--time", when.strftime("%H:%M"),
                                       "--platform", network), "scheduled")
            ids.append(post)
        p.run("post", "target", *ids, "--account", self.accounts[network])
        p.run("sync", "--once")
        for post in ids:
            self.assertEqual(p.show(post)["stage"], "published", post)
        return ids

    def status_id(self, post):
        return self.plan.show(post)["url"].rsplit("/", 1)[1]

    def at_uri(self, post):
        records = ctl(self.pds.url, "GET", "/__fake/state")["accounts"][0]
        rkey = self.plan.show(post)["url"].rsplit("/", 1)[1]
        self.assertIn(rkey, records["records"])
        return f"at://{records['did']}/app.bsky.feed.post/{rkey}"

    def fetch(self, *args, offset=0, code=0):
        env = dict(self.plan.env, LINEUP_CLOCK_OFFSET=str(offset))
        out = self.plan.run("results", "fetch", *args, env=env, check=False)
        text, err = out.stdout.decode("utf-8"), out.stderr.decode("utf-8")
        self.assertEqual(out.returncode, code, text + err)
        return text, err

    def curve(self, post, network, column="likes"):
        return [r[0] for r in self.plan.sql(f"SELECT {column} FROM results WHERE post_id = ? AND network = ? "
                                            "ORDER BY taken_at, id", post, network)]

    # ---- scenarios ----

    def test_curve_due_and_deleted(self):
        p = self.plan
        first, second = self.publish(["Spring beans", "Roastery tour"], "mastodon")
        (sky,) = self.publish(["Cupping notes"], "bluesky")
        ctl(self.mastodon.url, "POST", "/__fake/counts", {"id": self.status_id(first), "replies": 2, "reblogs": 5,
                                                          "favourites": 11, "quotes": 1})
        ctl(self.mastodon.url, "POST", "/__fake/counts", {"username": "team", "followers": 480})
        uri = self.at_uri(sky)
        ctl(self.pds.url, "POST", "/__fake/counts", {"uri": uri, "replyCount": 1, "repostCount": 2, "likeCount": 3,
                                                     "quoteCount": 4})
        ctl(self.pds.url, "POST", "/__fake/counts", {"handle": "team.test", "followers": 120})

        # Just out: nothing is due yet.
        out, _ = self.fetch("--due")
        self.assertIn("Nothing to read", out)
        self.assertEqual(p.sql("SELECT count(*) FROM results")[0][0], 0)

        # An hour later, all three are due, once.
        out, _ = self.fetch("--due", offset=2 * HOUR)
        self.assertIn("Read 3 posts: 2 on Mastodon, 1 on Bluesky", out)
        row = p.sql("SELECT replies, reposts, likes, quotes, saves, clicks, impressions, followers, source "
                    "FROM results WHERE post_id = ?", first)
        self.assertEqual(row, [(2, 5, 11, 1, None, None, None, 480, "mastodon")])
        row = p.sql("SELECT replies, reposts, likes, quotes, followers, source FROM results WHERE post_id = ?", sky)
        self.assertEqual(row, [(1, 2, 3, 4, 120, "bluesky")])
        # A server that does not say quotes: not known, not zero.
        self.assertEqual(p.sql("SELECT quotes, likes FROM results WHERE post_id = ?", second), [(None, 0)])
        out, _ = self.fetch("--due", offset=3 * HOUR)
        self.assertIn("Nothing to read", out)

        # The numbers grow; the day after, the 24-hour reading: a curve.
        ctl(self.mastodon.url, "POST", "/__fake/counts", {"id": self.status_id(first), "favourites": 20})
        ctl(self.pds.url, "POST", "/__fake/counts", {"uri": uri, "likeCount": 9})
        out, _ = self.fetch("--due", offset=25 * HOUR)
        self.assertIn("Read 3 posts", out)
        self.assertEqual(self.curve(first, "mastodon"), [11, 20])
        self.assertEqual(self.curve(sky, "bluesky"), [3, 9])
        export = {(r["post"], r["network"]): r for r in p.json("results", "export", "--format", "json")}
        self.assertEqual(export[(first, "mastodon")]["likes"], 20)
        self.assertEqual(export[(sky, "bluesky")]["likes"], 9)
        self.assertEqual(export[(sky, "bluesky")]["followers"], 120)
        rows = p.text("results", "export", "--format", "csv").splitlines()
        self.assertTrue(rows[0].endswith(",engagement,source,followers"), rows[0])
        self.assertTrue(any(r.endswith(",mastodon,480") for r in rows[1:]), rows)
        # Engagement per follower: Cupping notes' 1 reply, 2 reposts and 4
        # quotes (3 each) and 9 likes make 30, over 120 followers.
        groups = {g["group"]: g for g in p.json("results", "--by", "platform", "--json")["groups"]}
        self.assertAlmostEqual(groups["bluesky"]["rate"], 30 / 120)

        # On demand: every post, due or not; --post: that one.
        out, _ = self.fetch(offset=26 * HOUR)
        self.assertIn("Read 3 posts", out)
        out, _ = self.fetch("--post", sky[:8], offset=26 * HOUR)
        self.assertIn("Read 1 post: 0 on Mastodon, 1 on Bluesky", out)
        self.assertEqual(self.curve(sky, "bluesky"), [3, 9, 9, 9])

        # Deleted on the servers: said, kept out of the next due readings.
        ctl(self.mastodon.url, "POST", "/__fake/delete_status", {"id": self.status_id(second)})
        ctl(self.pds.url, "POST", "/__fake/delete_record", {"uri": uri})
        out, _ = self.fetch("--due", offset=8 * 24 * HOUR)
        self.assertIn("Read 1 post: 1 on Mastodon, 0 on Bluesky; 2 not found (deleted?)", out)
        self.assertIn("Roastery tour", out)
        self.assertIn("Cupping notes", out)
        out, _ = self.fetch("--due", offset=8 * 24 * HOUR + 60)
        self.assertIn("Nothing to read", out)
        self.assertEqual(self.curve(first, "mastodon"), [11, 20, 20, 20])

        # A post not published there, and one the plan does not have.
        idea = p.add("Just an idea")
        _, err = self.fetch("--post", idea, code=1)
        self.assertIn("not published to a Mastodon or Bluesky account", err)
        _, err = self.fetch("--post", "zzzzzzzz", code=1)
        self.assertIn("zzzzzzzz", err)

    def test_batches_of_25(self):
        posts = self.publish([f"Post {n}" for n in range(27)], "bluesky")
        state = ctl(self.pds.url, "GET", "/__fake/state")
        self.assertEqual(len(state["accounts"][0]["records"]), 27)
        out, _ = self.fetch()
        self.assertIn("Read 27 posts: 0 on Mastodon, 27 on Bluesky", out)
        self.assertEqual(ctl(self.pds.url, "GET", "/__fake/state")["get_posts_batches"], [25, 2])
        self.assertEqual(self.curve(posts[26], "bluesky"), [0])

    def test_rate_limits_and_faults(self):
        p = self.plan
        (toot,) = self.publish(["Limited"], "mastodon")
        (sky,) = self.publish(["Skyward"], "bluesky")

        # Mastodon's limit spent after one request: that account stops and
        # says when to try; Bluesky is still read.
        ctl(self.mastodon.url, "POST", "/__fake/limits", {"rate_limit": 1})
        out, err = self.fetch(code=1)
        self.assertIn("Read 1 post: 0 on Mastodon, 1 on Bluesky; 1 not read", out)
        self.assertIn("asks Lineup to slow down", err)
        self.assertIn("try again after", err)
        self.assertIn(self.accounts["mastodon"], err)
        self.assertEqual(self.curve(toot, "mastodon"), [])
        ctl(self.mastodon.url, "POST", "/__fake/limits", {"rate_limit": 300})

        # The last request of a window spent (X-RateLimit-Remaining: 0): the
        # next waits for the reset instead of drawing a 429.
        (second,) = self.publish(["Limited again"], "mastodon")
        ctl(self.mastodon.url, "POST", "/__fake/limits", {"rate_limit": 2})
        before = ctl(self.mastodon.url, "GET", "/__fake/state")["requests"]
        out, err = self.fetch(code=1)
        self.assertIn("1 on Mastodon, 1 on Bluesky; 1 not read", out)
        self.assertIn("try again after", err)
        self.assertEqual(ctl(self.mastodon.url, "GET", "/__fake/state")["requests"] - before, 2)
        ctl(self.mastodon.url, "POST", "/__fake/limits", {"rate_limit": 300})

        # Bluesky's AppView limit: the same.
        ctl(self.pds.url, "POST", "/__fake/faults", {"rate": 1.0, "kinds": ["429"], "paths": ["/xrpc/app.bsky.feed"]})
        out, err = self.fetch(code=1)
        self.assertIn("2 on Mastodon, 0 on Bluesky; 1 not read", out)
        self.assertIn("team.test (Bluesky) asks Lineup to slow down", err)
        ctl(self.pds.url, "POST", "/__fake/faults", {"rate": 0})

        # A server failing every try: retried, then said with the post.
        ctl(self.mastodon.url, "POST", "/__fake/faults", {"rate": 1.0, "kinds": ["500"],
                                                          "paths": ["/api/v1/statuses/"]})
        out, err = self.fetch(code=1)
        self.assertIn("Limited", err)
        self.assertIn("500", err)
        ctl(self.mastodon.url, "POST", "/__fake/faults", {"rate": 0})

        # Cut JSON, JSON of the wrong shape: said, never a crash.
        for kind in ("malformed", "wrong_type", "blank"):
            ctl(self.mastodon.url, "POST", "/__fake/hostile", {"kind": kind, "paths": ["/api/v1/statuses/"]})
            ctl(self.pds.url, "POST", "/__fake/hostile", {"kind": kind, "paths": ["/xrpc/app.bsky.feed.getPosts"]})
            out, err = self.fetch(code=1)
            self.assertIn("Read 0 posts", out, kind)
            self.assertIn("Limited", err, kind)
            self.assertIn("Skyward", err, kind)
        ctl(self.mastodon.url, "POST", "/__fake/hostile", {"kind": None})
        ctl(self.pds.url, "POST", "/__fake/hostile", {"kind": None})

        out, _ = self.fetch()
        self.assertIn("Read 3 posts: 2 on Mastodon, 1 on Bluesky", out)
        self.assertEqual(p.integrity(), "ok")

    def test_what_works_after_fetch(self):
        """The issue's end: published posts, their numbers fetched, and the
        plan says which pillar does better than usual for this audience and
        the Mix suggests a change backed by them."""
        p = self.plan
        p.run("pillar", "add", "Behind the scenes")
        p.run("pillar", "set", "Community", "--target", "30")
        community = self.publish([f"Meetup {i}" for i in range(5)], "mastodon")
        behind = self.publish([f"Roastery {i}" for i in range(5)], "mastodon", pillar="Behind the scenes")
        for post, likes in [(c, 40) for c in community] + [(b, 4) for b in behind]:
            ctl(self.mastodon.url, "POST", "/__fake/counts", {"id": self.status_id(post), "favourites": likes})
        ctl(self.mastodon.url, "POST", "/__fake/counts", {"username": "team", "followers": 400})
        self.assertEqual(p.json("results", "--json")["groups"], [])
        out, _ = self.fetch()
        self.assertIn("Read 10 posts", out)

        # The usual is the median of the ten, (4 + 40) / 2 = 22.
        report = p.json("results", "--json")
        groups = {g["group"]: g for g in report["groups"]}
        self.assertAlmostEqual(report["baseline"], 22)
        self.assertTrue(groups["Community"]["enough"])
        self.assertAlmostEqual(groups["Community"]["index"], 40 / 22)
        self.assertAlmostEqual(groups["Behind the scenes"]["index"], 4 / 22)
        self.assertAlmostEqual(groups["Community"]["rate"], 40 / 400)
        self.assertEqual([g["group"] for g in report["groups"]], ["Community", "Behind the scenes"])

        # The Mix: a suggestion with those numbers; the target stays until applied.
        texts = [s["text"] for s in p.json("mix", "--json")["results"]]
        self.assertIn("Community posts do 1.8× your usual on Mastodon over 5 posts: "
                      "consider raising Community to 35 %", texts)
        self.assertEqual(next(x["target"] for x in p.json("targets", "list", "--json")["pillars"]
                              if x["name"] == "Community"), 30)


class SharedFetch(unittest.TestCase):
    def test_followers_travel(self):
        server = Radicale(users=SHARE_PASSWORDS, rights=Radicale.approvals_rights("alice", ["bob"]))
        server.start()
        self.addCleanup(server.close)
        mastodon = FakeMastodon()
        mastodon.start()
        self.addCleanup(mastodon.stop)
        alice, bob = Member("alice"), Member("bob")
        self.addCleanup(alice.close)
        self.addCleanup(bob.close)
        alice.env["LINEUP_SYNC_RETRY_BASE_MS"] = "20"
        alice.run("pillar", "add", "Community")
        ctl(mastodon.url, "POST", "/__fake/accounts", {"username": "team", "token": TOKEN})
        alice.run("account", "add", "mastodon", "--instance", mastodon.url, "--token-stdin", input_bytes=TOKEN.encode())
        when = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=1)
        post = alice.force_stage(alice.add("Roaster", "Community", "Proof", "--body", "Out now.",
                                           "--date", when.strftime("%Y-%m-%d"), "--time", when.strftime("%H:%M"),
                                           "--platform", "mastodon"), "scheduled")
        alice.run("post", "target", post, "--account", alice.json("account", "list", "--json")[0]["name"])
        alice.run("sync", "--once")
        status = alice.show(post)["url"].rsplit("/", 1)[1]
        ctl(mastodon.url, "POST", "/__fake/counts", {"id": status, "replies": 3, "favourites": 8})
        ctl(mastodon.url, "POST", "/__fake/counts", {"username": "team", "followers": 250})
        alice.run("results", "fetch")
        alice.share("create", server.url("/alice/plan/"))
        bob.share("join", server.url("/alice/plan/"))
        self.assertEqual(bob.sql("SELECT replies, likes, followers, source FROM results WHERE post_id = ?", post),
                         [(3, 8, 250, "mastodon")])

        # Read again later with more followers: the newer snapshot travels.
        ctl(mastodon.url, "POST", "/__fake/counts", {"id": status, "favourites": 13})
        ctl(mastodon.url, "POST", "/__fake/counts", {"username": "team", "followers": 260})
        alice.run("results", "fetch", env=dict(alice.env, LINEUP_CLOCK_OFFSET="7200"))
        for member in (alice, bob):
            member.run("share", "sync")
        self.assertEqual(bob.sql("SELECT likes, followers FROM results WHERE post_id = ? ORDER BY taken_at", post),
                         [(8, 250), (13, 260)])


if __name__ == "__main__":
    unittest.main(verbosity=2)
