"""1,000 scheduled posts through a Mastodon that fails 30 % of requests at
random (500, connection reset before and after it acts, stalls past the
timeout, 429), with the sync process killed with SIGKILL at random moments
and started again: at the end the server holds exactly one scheduled post
per local post, at the right time with the right text — none lost, none
doubled — and the plan's file is intact."""

import csv
import datetime
import json
import os
import random
import signal
import subprocess
import sys
import time
import unittest
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "fakes"))
from fake_mastodon import FakeMastodon  # noqa: E402
from lineup_cli import BIN, Plan  # noqa: E402

POSTS = 1000
ACCOUNTS = 4          # Mastodon holds at most 300 pending posts per account
KILLS = 12


class Faults(unittest.TestCase):
    def setUp(self):
        self.fake = FakeMastodon(max_characters=500)
        self.fake.start()
        self.plan = Plan(tz="UTC")
        p = self.plan
        p.env["LINEUP_SECRETS_FILE"] = os.path.join(p.dir.name, "secrets", "lineup.keys")
        p.env["LINEUP_HTTP_TIMEOUT"] = "0.4"
        p.env["LINEUP_SYNC_RETRY_BASE_MS"] = "20"
        p.run("pillar", "add", "Community")
        # The real per-token rate limit is tested in publish_mastodon.py.
        self.ctl("POST", "/__fake/limits", {"rate_limit": 1000000, "rate_window": 300})

    def tearDown(self):
        self.plan.close()
        self.fake.stop()

    def ctl(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.fake.url + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.loads(answer.read() or b"null")

    def test_thousand_posts_through_faults_and_kills(self):
        p = self.plan
        rng = random.Random(20261122)
        names = []
        for a in range(ACCOUNTS):
            token = f"token-{a}-{rng.getrandbits(64):x}"
            self.ctl("POST", "/__fake/accounts", {"username": f"team{a}", "token": token, "scopes": "read write"})
            p.run("account", "add", "mastodon", "--instance", self.fake.url, "--token-stdin",
                  "--name", f"team{a}", input_bytes=token.encode())
            names.append(f"team{a}")

        # 1,000 scheduled posts, 20 a day from the day after tomorrow (5 a
        # day per account, under Mastodon's 25).
        start = datetime.datetime.now(datetime.timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
        start += datetime.timedelta(days=2)
        path = os.path.join(p.dir.name, "posts.csv")
        expected = {}
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["title", "body", "date", "time", "pillar", "type", "platform", "stage"])
            for i in range(POSTS):
                when = start + datetime.timedelta(days=i // 20, minutes=30 * (i % 20) + 360)
                body = f"Post {i}: ünïcode ✓ {rng.getrandbits(32):x}"
                w.writerow([f"Post {i}", body, when.strftime("%Y-%m-%d"), when.strftime("%H:%M"),
                            "Community", "Proof", "mastodon", "draft"])
                expected[f"Post {i}"] = (body, when.strftime("%Y-%m-%dT%H:%M:00.000Z"))
        p.run("import", "csv", path)
        posts = p.json("post", "list", "--json")
        self.assertEqual(len(posts), POSTS)
        # A CSV row comes in as a draft at most (the workflow's rule for a new
        # post); these are about sending scheduled posts, not scheduling them.
        for post in posts:
            p.force_stage(post["id"], "scheduled")
        posts = p.json("post", "list", "--json")
        by_account = {name: [] for name in names}
        for k, post in enumerate(sorted(posts, key=lambda x: x["title"])):
            by_account[names[k % ACCOUNTS]].append(post["id"])
        for name, ids in by_account.items():
            p.run("post", "target", *ids, "--account", name)

        self.ctl("POST", "/__fake/faults", {"rate": 0.3, "kinds": ["500", "reset_before", "reset_after", "stall", "429"],
                                             "seed": 7, "stall_seconds": 0.7})

        # Killed at random moments, started again.
        kills = 0
        for _ in range(KILLS):
            proc = subprocess.Popen([BIN, "--database", p.path, "sync", "--once"], env=p.env,
                                    stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.1, 2.5))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                kills += 1
            proc.wait()
            self.assertEqual(p.integrity(), "ok")
        self.assertGreater(kills, KILLS // 2)

        # Then runs until nothing is left (each run retries what failed).
        for _ in range(20):
            out = p.run("sync", "--once", check=False)
            self.assertIn(out.returncode, (0, 1), out.stderr)
            if not p.json("outbox", "--json"):
                break
        left = p.json("outbox", "--json")
        self.assertEqual(left, [], left[:3])

        state = self.ctl("GET", "/__fake/state")
        faults = state["faults"]
        for kind in ("500", "reset_before", "reset_after", "stall", "429"):
            self.assertGreater(faults.get(kind, 0), 0, (kind, faults))

        # Exactly one scheduled post per local post, right time, right text.
        seen = {}
        for account in state["accounts"]:
            for s in account["scheduled"]:
                text = s["params"]["text"]
                title = text.split(":")[0]
                self.assertNotIn(title, seen, f"{title} is on the server twice")
                seen[title] = (text, s["scheduled_at"])
            self.assertEqual(account["statuses"], [])
        self.assertEqual(len(seen), POSTS)
        self.assertEqual(seen, expected)
        self.assertEqual(state["creates"], POSTS)

        # Every local post knows its remote id, and it is the one the server has.
        remote_ids = {s["id"] for a in state["accounts"] for s in a["scheduled"]}
        rows = p.sql("SELECT remote_id, state FROM publish_state")
        self.assertEqual(len(rows), POSTS)
        self.assertEqual({r[1] for r in rows}, {"synced"})
        self.assertEqual({r[0] for r in rows}, remote_ids)

        # The transient failures were logged and retried.
        retried = p.sql("SELECT count(*) FROM publish_log WHERE ok = 0")[0][0]
        self.assertGreater(retried, 100)


if __name__ == "__main__":
    unittest.main(verbosity=2)
