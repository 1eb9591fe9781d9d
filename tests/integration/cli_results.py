"""Results of published posts (issue 17), by the command line: `lineup post
url` sets where a post published elsewhere is; `lineup results import`
reads the exports of LinkedIn page analytics, Meta Business Suite, X
analytics and TikTok as downloaded, and Lineup's own CSV (by URL or post
id), matching URLs whatever their scheme's and host's case, trailing slash
and tracking parameters; a malformed file names its row and column and
leaves the plan's file byte for byte as it was. Two copies of a shared plan
(Radicale on 127.0.0.1): results and addresses set on one are on the other
after a sync on both."""

import csv
import datetime
import io
import os
import unittest

from dav_servers import Radicale
from lineup_cli import Plan

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "results")
PASSWORDS = {"alice": "alice-pw", "bob": "bob-pw"}

URLS = {
    "linkedin": "https://www.linkedin.com/feed/update/urn:li:activity:7266000000000000001",
    "facebook": "http://www.facebook.com/61550000000001/posts/pfbid0abc",
    "x": "https://x.com/lineupapp/status/1866000000000000001/",
    "tiktok": "https://www.tiktok.com/@lineupapp/video/7440000000000000001?utm_source=copy",
    "blog": "https://blog.example.org/spring-beans",
}


def fixture(name):
    return os.path.join(FIXTURES, name)


def results(plan):
    return plan.sql("SELECT p.title, r.network, r.replies, r.reposts, r.likes, r.quotes, r.saves, r.clicks, "
                    "r.impressions, r.source FROM results r JOIN posts p ON p.id = r.post_id ORDER BY p.title")


class Results(unittest.TestCase):
    def setUp(self):
        self.plan = Plan(tz="UTC")
        self.addCleanup(self.plan.close)
        self.plan.run("pillar", "add", "Community")
        self.posts = {}
        for key, platform in (("linkedin", "linkedin"), ("facebook", "facebook"), ("x", "x"),
                              ("tiktok", "tiktok"), ("blog", "threads")):
            post = self.plan.add(key.capitalize(), "Community", "Proof", "--platform", platform)
            self.posts[key] = post
            self.plan.run("post", "url", post[:6], URLS[key])

    def test_post_url(self):
        p = self.plan
        self.assertEqual(p.sql("SELECT url FROM post_urls WHERE post_id = ?", self.posts["x"]),
                         [(URLS["x"],)])
        before = p.digest()
        for bad in ("ftp://example.org/a", "not an address", "https://"):
            out = p.run("post", "url", self.posts["x"], bad, check=False)
            self.assertEqual(out.returncode, 1, bad)
            self.assertIn("https://", out.stderr.decode())
        out = p.run("post", "url", "zzzzzz", URLS["x"], check=False)
        self.assertEqual(out.returncode, 1)
        self.assertEqual(p.digest(), before)
        p.run("post", "url", self.posts["x"], "")
        self.assertEqual(p.sql("SELECT count(*) FROM post_urls WHERE post_id = ?", self.posts["x"]), [(0,)])

    def test_exports(self):
        p = self.plan
        for name in ("linkedin-posts.csv", "meta-business-suite.csv", "x-analytics.csv",
                     "tiktok-content.csv", "lineup-plain.csv"):
            self.assertIn("1 row", p.text("results", "import", fixture(name)), name)
        self.assertEqual(results(p), [
            # title, network, replies, reposts, likes, quotes, saves, clicks, impressions, source
            ("Blog", "threads", 3, 1, 20, None, None, 14, 800, "import"),
            ("Facebook", "facebook", 6, 2, 40, None, None, 21, 980, "import"),
            ("Linkedin", "linkedin", 9, 4, 52, None, None, 37, 1204, "import"),
            ("Tiktok", "tiktok", 23, 17, 412, None, 31, None, 5870, "import"),
            ("X", "x", 4, 7, 31, None, 5, 18, 2310, "import"),
        ])
        # Lineup's own file dates its numbers; by post id, with a platform.
        self.assertEqual(p.sql("SELECT date(taken_at, 'unixepoch') FROM results WHERE network = 'threads'"),
                         [("2026-11-24",)])
        path = p.file("by-id.csv", f"post,platform,date,reactions,comments\n{self.posts['x'][:8]},x,2030-01-05,44,6\n")
        p.run("results", "import", path)
        self.assertEqual(p.sql("SELECT likes, replies FROM results WHERE post_id = ? ORDER BY taken_at",
                               self.posts["x"]), [(31, 4), (44, 6)])

    def test_malformed(self):
        p = self.plan
        p.run("results", "import", fixture("linkedin-posts.csv"))
        before = p.digest()
        cases = {
            "malformed-count.csv": ["row 3", "Total likes", "whole number"],
            "malformed-unknown-post.csv": ["row 3", "Permalink", "lineup post url"],
            "malformed-no-post-column.csv": ["url", "post"],
            "malformed-quote.csv": ["row 2", "never closed"],
        }
        for name, words in cases.items():
            out = p.run("results", "import", fixture(name), check=False)
            self.assertEqual(out.returncode, 1, name)
            message = out.stderr.decode()
            for word in words:
                self.assertIn(word, message, name)
            self.assertEqual(p.digest(), before, name)
        missing = p.run("results", "import", os.path.join(FIXTURES, "nope.csv"), check=False)
        self.assertEqual(missing.returncode, 1)
        self.assertEqual(p.digest(), before)


class WhatWorks(unittest.TestCase):
    """Hand-computed: weights likes 1, clicks 2, comments/shares/saves 3.
    Proof: 5 posts of engagement 10, 20, 30, 40, 50 (likes only); Tips: 5
    posts of 3 comments + 1 like = 10 each; Poll: 1 post, 100. Baseline
    (last 90 days, all 11): median of 10 10 10 10 10 10 20 30 40 50 100 =
    10 → Proof median 30, index 3.0; Tips 10, index 1.0; Poll too few."""

    def setUp(self):
        self.plan = Plan(tz="UTC")
        self.addCleanup(self.plan.close)
        p = self.plan
        for pillar in ("Proof", "Tips", "Poll"):
            p.run("pillar", "add", pillar)
        today = datetime.date.today()
        rows = ["post,date,reactions,comments"]
        for i, likes in enumerate((10, 20, 30, 40, 50)):
            post = p.add(f"Proof {i}", "Proof", "Proof", "--date", str(today - datetime.timedelta(days=i + 1)),
                         "--platform", "linkedin")
            rows.append(f"{post},{today},{likes},")
        for i in range(5):
            post = p.add(f"Tips {i}", "Tips", "Proof", "--date", str(today - datetime.timedelta(days=i + 10)),
                         "--platform", "linkedin")
            rows.append(f"{post},{today},1,3")
        post = p.add("Poll", "Poll", "Proof", "--date", str(today - datetime.timedelta(days=3)),
                     "--platform", "linkedin")
        rows.append(f"{post},{today},100,")
        p.run("results", "import", p.file("numbers.csv", "\n".join(rows) + "\n"))

    def test_by_pillar(self):
        report = self.plan.json("results", "--json")
        self.assertEqual(report["baseline"], 10)
        self.assertEqual(report["posts"], 11)
        self.assertEqual([(g["group"], g["posts"], g["median"], g["index"], g["enough"]) for g in report["groups"]],
                         [("Proof", 5, 30, 3.0, True), ("Tips", 5, 10, 1.0, True), ("Poll", 1, 100, 10.0, False)])
        text = self.plan.text("results")
        self.assertIn("too few to tell", text)
        self.assertIn("×3.00", text)
        by_platform = self.plan.json("results", "--by", "platform", "--json")["groups"]
        self.assertEqual([(g["group"], g["posts"]) for g in by_platform], [("linkedin", 11)])
        by_day = self.plan.json("results", "--by", "weekday", "--json")["groups"]
        self.assertEqual(sum(g["posts"] for g in by_day), 11)
        self.assertTrue({g["group"] for g in by_day} <= {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                                          "Saturday", "Sunday"})
        by_hour = self.plan.json("results", "--by", "hour", "--json")["groups"]
        self.assertEqual([(g["group"], g["posts"]) for g in by_hour], [("09:00", 11)])

    def test_window_and_refusals(self):
        p = self.plan
        today = datetime.date.today()
        week = p.json("results", "--from", str(today - datetime.timedelta(days=7)), "--to", str(today), "--json")
        self.assertEqual(week["posts"], 6)      # Proof 0-4 and the poll
        before = p.digest()
        for args in (("--by", "mood"), ("--from", "2026-01-01"), ("--from", "2026-02-01", "--to", "2026-01-01"),
                     ("--from", "yesterday", "--to", "2026-01-01")):
            out = p.run("results", *args, check=False)
            self.assertEqual(out.returncode, 2, args)
        out = p.run("results", "export", "--format", "xml", check=False)
        self.assertEqual(out.returncode, 2)
        self.assertEqual(p.digest(), before)

    def test_export(self):
        p = self.plan
        rows = list(csv.DictReader(io.StringIO(p.text("results", "export", "--format", "csv"))))
        self.assertEqual(len(rows), 11)
        tips = [r for r in rows if r["title"] == "Tips 0"][0]
        self.assertEqual((tips["network"], tips["likes"], tips["replies"], tips["saves"], tips["engagement"]),
                         ("linkedin", "1", "3", "", "10"))
        data = p.json("results", "export", "--format", "json")
        self.assertEqual(len(data), 11)
        self.assertIsNone(data[0]["impressions"])


class Member(Plan):
    def __init__(self, login):
        super().__init__(tz="UTC")
        self.login = login
        self.env["LINEUP_SECRETS_FILE"] = os.path.join(self.dir.name, "secrets.ini")
        self.env["LINEUP_HTTP_TIMEOUT"] = "5"

    def share(self, verb, url):
        return self.run("share", verb, url, "--user", self.login, "--password-stdin",
                        input_bytes=PASSWORDS[self.login].encode())


class SharedResults(unittest.TestCase):
    def test_results_travel(self):
        server = Radicale(users=PASSWORDS, rights=Radicale.approvals_rights("alice", ["bob"]))
        server.start()
        self.addCleanup(server.close)
        alice, bob = Member("alice"), Member("bob")
        self.addCleanup(alice.close)
        self.addCleanup(bob.close)
        alice.run("pillar", "add", "Community")
        post = alice.add("Roaster", "Community", "Proof", "--platform", "linkedin")
        alice.share("create", server.url("/alice/plan/"))
        bob.share("join", server.url("/alice/plan/"))

        alice.run("post", "url", post, URLS["linkedin"])
        alice.run("results", "import", fixture("linkedin-posts.csv"))
        for member in (alice, bob):
            member.run("share", "sync")
        self.assertEqual(bob.sql("SELECT url FROM post_urls"), [(URLS["linkedin"],)])
        self.assertEqual(results(bob), results(alice))

        # Newer numbers on bob's copy: alice gets them, her older ones kept.
        path = bob.file("later.csv", f"post,date,reactions,comments\n{post},2030-01-05,60,11\n")
        bob.run("results", "import", path)
        for member in (bob, alice):
            member.run("share", "sync")
        self.assertEqual(alice.sql("SELECT likes, replies FROM results ORDER BY taken_at"), [(52, 9), (60, 11)])
        for member in (alice, bob):
            self.assertEqual(member.json("share", "status", "--json")["waiting"], 0, member.login)


if __name__ == "__main__":
    unittest.main()
