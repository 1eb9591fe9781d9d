"""A shared plan whose two copies hold the same Mastodon account: each post
goes to the server exactly once (docs/sharing.md §7), whichever copy syncs
first and even when a pass is killed halfway. Radicale (dav_servers.py)
holds the plan, fake_mastodon.py is the network; alice and bob each add
the same account (same instance, same token: the same share key).

Phase 1, in a fixed order: alice schedules 10 posts and shares the plan
(her pass claims them), bob joins and runs his publisher first: he sends
nothing and says whose copy sends; alice sends; her states come back to
bob, whose copy then shows them as its own.
Phase 2, at random (the seed is printed): alice schedules 10 more; passes
of both copies are SIGKILLed at random moments, then both run their
passes in shuffled orders until quiet. The server holds 20 scheduled
statuses, one per post, 20 creates in all; both copies show every post
as scheduled on the server, and nothing waits.
A second test: the copy that claimed is lost; deleting its claim on the
server lets the other copy send (the unblocking docs/sharing.md §7 gives)."""

import base64
import datetime
import json
import os
import random
import signal
import subprocess
import sys
import time
import unittest
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "fakes"))
from dav_servers import Radicale  # noqa: E402
from fake_mastodon import FakeMastodon  # noqa: E402
from lineup_cli import BIN  # noqa: E402
from share_plans import PASSWORDS, RIGHTS, Member  # noqa: E402

TOKEN = "tok-5d0c2b7e-shared-team-token"
N_POSTS = 20
FIRST = 10          # scheduled before sharing
MAX_ROUNDS = 8


class PublishOnce(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Radicale(users=PASSWORDS, rights=RIGHTS)
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def setUp(self):
        self.fake = FakeMastodon(max_characters=500)
        self.fake.start()
        self.ctl("POST", "/__fake/accounts", {"username": "team", "token": TOKEN, "scopes": "read write"})
        self.seed = int(os.environ.get("LINEUP_TEST_SEED", str(random.randrange(1 << 30))))
        print(f"share_publish_once seed: {self.seed}", flush=True)
        self.rng = random.Random(self.seed)
        self.alice, self.bob = self.member("alice"), self.member("bob")

    def tearDown(self):
        self.alice.close()
        self.bob.close()
        self.fake.stop()

    # ---- helpers ----

    def ctl(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.fake.url + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as answer:
            return json.loads(answer.read() or b"null")

    def server_state(self):
        return self.ctl("GET", "/__fake/state")

    def member(self, login):
        m = Member(login)
        m.env["LINEUP_SYNC_RETRY_BASE_MS"] = "50"
        out = m.run("account", "add", "mastodon", "--instance", self.fake.url, "--token-stdin",
                    input_bytes=TOKEN.encode())
        self.assertIn("Added Mastodon account", out.stdout.decode())
        m.account = m.json("account", "list", "--json")[0]["name"]
        return m

    def publish(self, member, check=True):
        out = member.run("sync", "--once", check=False)
        if check:
            self.assertEqual(out.returncode, 0, out.stdout.decode() + out.stderr.decode())
        return out

    def killed(self, member, *args):
        """Runs `lineup ARGS` on @member's plan and SIGKILLs it at a random moment."""
        process = subprocess.Popen([BIN, "--database", member.path, *args], env=member.env,
                                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        time.sleep(self.rng.uniform(0.02, 0.7))
        process.send_signal(signal.SIGKILL)
        process.wait()
        self.assertEqual(member.integrity(), "ok")

    def rows(self, member, post_id):
        """The post's sync rows on @member's copy for its shared account."""
        sync = member.show(post_id)["sync"]
        return [row for row in sync if row["account"] == member.account]

    def outbox(self, member):
        """What still waits, failed or conflicts on @member's copy."""
        return member.json("outbox", "--json")

    def schedule(self, post_id):
        self.alice.run("post", "stage", post_id, "scheduled")

    # ---- the scenario ----

    def test_each_post_is_scheduled_once(self):
        alice, bob = self.alice, self.bob
        alice.run("pillar", "add", "Community")
        start = datetime.datetime.now(datetime.timezone.utc).replace(second=0, microsecond=0)
        ids, bodies = [], {}
        for i in range(N_POSTS):
            when = start + datetime.timedelta(days=2, minutes=37 * i)
            body = f"Team post {i}: out on {when:%Y-%m-%d %H:%M}."
            post_id = alice.add(f"Post {i}", "Community", "Proof", "--body", body,
                                "--date", when.strftime("%Y-%m-%d"), "--time", when.strftime("%H:%M"),
                                "--platform", "mastodon")
            alice.run("post", "target", post_id, "--account", alice.account)
            for item in range(1, 6):
                alice.run("post", "check", post_id, str(item))
            alice.run("post", "stage", post_id, "draft")
            alice.run("post", "stage", post_id, "in-review")
            # No approval chain: alice's one approval is enough.
            alice.run("post", "approve", post_id, "--as", "alice")
            ids.append(post_id)
            bodies[post_id] = body
        for post_id in ids[:FIRST]:
            self.schedule(post_id)

        plan_url = self.server.url("/alice/plan-once/")
        alice.share("create", plan_url)
        bob.share("join", plan_url)
        # Same instance and token: both copies see the posts going to their own account.
        for post_id in ids[:FIRST]:
            self.assertEqual(len(self.rows(bob, post_id)), 1, post_id)

        # ---- phase 1: bob's publisher runs first; alice holds the claims ----
        self.publish(bob)
        self.assertEqual(self.server_state()["creates"], 0)
        for post_id in ids[:FIRST]:
            row = self.rows(bob, post_id)[0]
            self.assertEqual(row["state"], "pending", post_id)
            self.assertIn("alice", row["message"] or "", post_id)
            self.assertIn("another member’s copy", row["message"] or "", post_id)
        # Asking again does not send either, and does not wait for retries.
        began = time.monotonic()
        self.publish(bob)
        self.assertLess(time.monotonic() - began, 20)
        self.assertEqual(self.server_state()["creates"], 0)

        self.publish(alice)
        self.assertEqual(self.server_state()["creates"], FIRST)
        alice.sync()           # her states go back to the server
        bob.sync()
        self.publish(bob)
        for post_id in ids[:FIRST]:
            row = self.rows(bob, post_id)[0]
            self.assertEqual(row["state"], "synced", (post_id, row))
        self.assertEqual(self.outbox(bob), [])
        self.assertEqual(self.server_state()["creates"], FIRST)

        # ---- phase 2: more posts, killed passes, any order ----
        for post_id in ids[FIRST:]:
            self.schedule(post_id)
        members = {"alice": alice, "bob": bob}
        for victim, verb in (("alice", ("share", "sync")), ("bob", ("share", "sync")),
                             ("alice", ("sync", "--once")), ("bob", ("sync", "--once")),
                             ("alice", ("share", "sync")), ("alice", ("sync", "--once"))):
            self.killed(members[victim], *verb)
            # The other copy runs a whole pass meanwhile, at random.
            other = bob if victim == "alice" else alice
            if self.rng.random() < 0.5:
                other.sync(check=False)
            if self.rng.random() < 0.5:
                self.publish(other, check=False)

        steps = [(alice, "share"), (alice, "publish"), (bob, "share"), (bob, "publish")]
        quiet = False
        for round_ in range(MAX_ROUNDS):
            self.rng.shuffle(steps)
            before = self.server_state()["creates"]
            for member, step in steps:
                if step == "share":
                    member.sync(check=False)
                else:
                    self.publish(member, check=False)
            # Quiet: nothing waits on either copy and the round created nothing.
            if self.settled(ids) and round_ > 0 and self.server_state()["creates"] == before:
                quiet = True
                break
        self.assertTrue(quiet, f"not quiet after {MAX_ROUNDS} rounds (seed {self.seed}): "
                               f"alice {self.outbox(alice)}, bob {self.outbox(bob)}")

        state = self.server_state()
        scheduled = state["accounts"][0]["scheduled"]
        texts = sorted(s["params"]["text"] for s in scheduled)
        self.assertEqual(len(scheduled), N_POSTS, f"seed {self.seed}")
        self.assertEqual(texts, sorted(bodies.values()), f"seed {self.seed}")
        self.assertEqual(state["creates"], N_POSTS, f"seed {self.seed}")
        self.assertEqual(state["accounts"][0]["statuses"], [])

        sent = {"alice": 0, "bob": 0}
        for login, member in members.items():
            for post_id in ids:
                rows = self.rows(member, post_id)
                self.assertEqual(len(rows), 1, (login, post_id))
                self.assertEqual(rows[0]["state"], "synced", (login, post_id, rows[0], self.seed))
                if rows[0].get("remote_id"):
                    sent[login] += 1
            self.assertEqual(member.status()["waiting"], 0, login)
            self.assertEqual(self.outbox(member), [], login)
        # Each post was sent by one copy, which holds the server's id.
        self.assertEqual(sent["alice"] + sent["bob"], N_POSTS, sent)
        print(f"sent by alice: {sent['alice']}, by bob: {sent['bob']} (seed {self.seed})", flush=True)

    def test_a_post_sent_before_sharing_is_not_sent_again(self):
        """alice scheduled it on the server before she shared the plan: her
        first share pass claims it, and bob's copy shows her send."""
        alice, bob = self.alice, self.bob
        post_id = self.scheduled_post("Early", "Out before the plan was shared.")
        self.publish(alice)
        self.assertEqual(self.server_state()["creates"], 1)
        plan_url = self.server.url("/alice/plan-early/")
        alice.share("create", plan_url)
        self.assertEqual(len(alice.sql("SELECT uid FROM share_resources WHERE uid LIKE 'lineup-claim-%'")), 1)
        bob.share("join", plan_url)
        for member in (bob, alice, bob):
            member.sync()
            self.publish(member)
        self.assertEqual(self.server_state()["creates"], 1)
        row = self.rows(bob, post_id)[0]
        self.assertEqual(row["state"], "synced", row)
        self.assertIsNone(row["remote_id"])
        self.assertEqual(self.outbox(bob), [])

    def scheduled_post(self, title, body):
        alice = self.alice
        alice.run("pillar", "add", "Community")
        when = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=3)
        post_id = alice.add(title, "Community", "Proof", "--body", body,
                            "--date", when.strftime("%Y-%m-%d"), "--time", "09:30", "--platform", "mastodon")
        alice.run("post", "target", post_id, "--account", alice.account)
        for item in range(1, 6):
            alice.run("post", "check", post_id, str(item))
        alice.run("post", "stage", post_id, "draft")
        alice.run("post", "stage", post_id, "in-review")
        alice.run("post", "approve", post_id, "--as", "alice")
        self.schedule(post_id)
        return post_id

    def test_a_lost_holder_is_unblocked_by_deleting_its_claim(self):
        """docs/sharing.md §7: alice claims and is never seen again; bob's
        row waits saying whose copy sends it, until a person deletes the
        claim resource on the server: bob's next passes claim and send."""
        alice, bob = self.alice, self.bob
        post_id = self.scheduled_post("Lost", "Sent by whoever is left.")
        plan_url = self.server.url("/alice/plan-lost/")
        alice.share("create", plan_url)     # claims it; alice's laptop is then lost
        bob.share("join", plan_url)
        for _ in range(2):
            bob.sync()
            self.publish(bob)
        self.assertEqual(self.server_state()["creates"], 0)
        self.assertIn("alice", self.rows(bob, post_id)[0]["message"])

        (href,) = [row[0] for row in alice.sql("SELECT href FROM share_resources WHERE uid LIKE 'lineup-claim-%'")]
        auth = base64.b64encode(f"bob:{PASSWORDS['bob']}".encode()).decode()
        request = urllib.request.Request(self.server.url(urllib.parse.urlsplit(href).path), method="DELETE",
                                         headers={"Authorization": "Basic " + auth})
        with urllib.request.urlopen(request, timeout=10) as answer:
            self.assertIn(answer.status, (200, 204))
        bob.sync()
        self.publish(bob)
        state = self.server_state()
        self.assertEqual(state["creates"], 1)
        self.assertEqual([s["params"]["text"] for s in state["accounts"][0]["scheduled"]],
                         ["Sent by whoever is left."])
        row = self.rows(bob, post_id)[0]
        self.assertEqual(row["state"], "synced", row)
        self.assertTrue(row["remote_id"])

    def settled(self, ids):
        for member in (self.alice, self.bob):
            if self.outbox(member):
                return False
            for post_id in ids:
                rows = self.rows(member, post_id)
                if len(rows) != 1 or rows[0]["state"] != "synced":
                    return False
        return True


if __name__ == "__main__":
    unittest.main(verbosity=2)
