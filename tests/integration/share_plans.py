"""One plan for the whole team: two plans (two database files, two logins)
sharing one calendar on real servers the test starts on 127.0.0.1 —
Radicale 3 with users and a rights file (only approvers may write the
approvals collection), and Xandikos (a second implementation: other sync
tokens and ETags). Everything goes through the command line, as a team's
scripts would (docs/sharing.md is the contract)."""

import json
import os
import random
import signal
import subprocess
import tempfile
import time
import unittest
import urllib.request

import icalendar

from dav_servers import Radicale, Xandikos
from lineup_cli import Plan

PASSWORDS = {"alice": "alice-pw", "bob": "bob-pw", "carol": "carol-pw"}

# alice leads, bob approves, carol edits. The plan collections are
# everyone's; the approvals collections (one a test: approvals1, approvals2…)
# only alice's and bob's to write.
RIGHTS = Radicale.approvals_rights("alice", ["bob"]).replace(
    "alice/approvals(/.*)?", "alice/approvals[0-9]*(/.*)?")

# What travels of a post: everything but this copy's own bookkeeping.
LOCAL_ONLY = ("revision", "updated", "sync", "url", "changes_since_approval")


def shared_view(plan, post_id):
    post = plan.show(post_id)
    for key in LOCAL_ONLY:
        post.pop(key, None)
    # History keeps seconds: lines of the same second may list in another
    # order on another copy (docs/sharing.md §3).
    post["history"] = sorted(post["history"], key=lambda h: json.dumps(h, sort_keys=True))
    return post


class Member(Plan):
    """A team member's own plan file, with their own secrets file."""

    def __init__(self, login):
        super().__init__(tz="UTC")
        self.login = login
        secrets = os.path.join(self.dir.name, "secrets.ini")
        self.env["LINEUP_SECRETS_FILE"] = secrets
        self.env["LINEUP_HTTP_TIMEOUT"] = "5"

    def share(self, verb, url, approvals_url=None, check=True):
        args = ["share", verb, url, "--user", self.login, "--password-stdin"]
        if approvals_url:
            args += ["--approvals-url", approvals_url]
        return self.run(*args, input_bytes=PASSWORDS[self.login].encode(), check=check)

    def sync(self, check=True):
        return self.run("share", "sync", check=check)

    def status(self):
        return self.json("share", "status", "--json")

    def posts(self):
        return {p["id"]: p for p in self.json("post", "list", "--json")}


def fill_plan(lead, n):
    """@n posts with every kind of field a post has."""
    lead.run("pillar", "add", "Community", "--color", "#3584e4", "--target", "30")
    lead.run("pillar", "add", "Product education", "--color", "#2ec27e")
    lead.run("campaign", "add", "Spring launch", "--from", "2027-03-01", "--to", "2027-03-14")
    lead.run("team", "add", "alice", "--role", "lead")
    lead.run("team", "add", "bob", "--role", "approver")
    lead.run("team", "add", "carol", "--role", "editor")
    lead.run("approval-chain", "set", "Lead:any:bob")
    ids = []
    for i in range(n):
        args = ["post", "add", "--title", f"Post {i}: commas, semicolons; and “quotes”",
                "--pillar", "Community" if i % 2 else "Product education",
                "--type", ["Educational", "Narrative", "Proof", "Community", "Promotional"][i % 5],
                "--body", f"Caption {i}\nwith a second line, a backslash \\ and émoji 🎉",
                "--platform", "mastodon", "--platform", "linkedin",
                "--goal", f"Goal {i}", "--hashtags", "#one #two"]
        if i % 7 != 0:
            args += ["--date", f"2027-03-{1 + i % 28:02d}", "--time", f"{8 + i % 10:02d}:{(i * 5) % 60:02d}"]
        if i % 3 == 0:
            args += ["--campaign", "Spring launch"]
        ids.append(lead.text(*args).strip())
    for i, post_id in enumerate(ids):
        if i % 4 == 0:
            lead.run("post", "check", post_id, "1")
        if i % 5 == 0:
            lead.run("post", "comment", post_id, f"Comment on {i} | with a bar")
    return ids


class ShareScenario:
    """The scenario both servers run; subclasses say where."""

    server = None
    protected = False
    kill_rounds = 20

    def setUp(self):
        # Each test its own collections on the class's server: plan1, plan2…
        self.n = getattr(type(self), "_n", 0) + 1
        type(self)._n = self.n

    def urls(self):
        raise NotImplementedError

    def test_a_team_shares_joins_and_approves(self):
        plan_url, approvals_url = self.urls()
        alice, bob = Member("alice"), Member("bob")
        ids = fill_plan(alice, 50)
        review = ids[1]
        for item in range(1, 6):
            alice.run("post", "check", review, str(item))
        alice.run("post", "stage", review, "draft")
        alice.run("post", "stage", review, "in-review")
        alice.share("create", plan_url, approvals_url)
        self.assertEqual(alice.status()["state"], "in-step")
        self.assertEqual(alice.status()["waiting"], 0)

        # Joining refuses a plan that has posts, saying what to do.
        busy = Member("bob")
        busy.run("pillar", "add", "Community")
        busy.add("Mine")
        out = busy.share("join", plan_url, approvals_url, check=False)
        self.assertEqual(out.returncode, 1)
        self.assertIn("empty plan", out.stderr.decode())

        bob.share("join", plan_url, approvals_url)
        self.assertEqual(set(bob.posts()), set(ids))
        for post_id in ids:
            self.assertEqual(shared_view(bob, post_id), shared_view(alice, post_id), post_id)
        self.assertEqual(bob.json("pillar", "list", "--json"), alice.json("pillar", "list", "--json"))

        # bob hears, once, that a post waits for his approval.
        told = bob.text("share", "sync")
        self.assertIn("Waiting for your approval", told)
        self.assertIn(alice.show(review)["title"], told)
        self.assertNotIn("Waiting for your approval", bob.text("share", "sync"))

        # bob approves as himself; alice sees it with bob's login.
        bob.run("post", "approve", review, "--comment", "Looks good")
        bob.sync()
        alice.sync()
        seen = alice.show(review)
        self.assertEqual(seen["stage"], "approved")
        self.assertEqual([a["actor"] if isinstance(a, dict) else a for a in seen["approvals"]["by"]], ["bob"])
        self.assertIn(("approve", "bob"), [(h["kind"], h["actor"]) for h in seen["history"]])

        # --as names only yourself.
        out = bob.run("post", "comment", review, "hi", "--as", "alice", check=False)
        self.assertEqual(out.returncode, 1)
        self.assertIn("only name yourself", out.stderr.decode())

    def test_both_offline_edits_merge_and_conflicts(self):
        plan_url, approvals_url = self.urls()
        alice, bob = Member("alice"), Member("bob")
        ids = fill_plan(alice, 3)
        post_id = ids[1]
        alice.share("create", plan_url, approvals_url)
        bob.share("join", plan_url, approvals_url)

        self.server.stop()
        alice.run("post", "edit", post_id, "--title", "Retitled by alice")
        bob.run("post", "move", post_id, "--date", "2027-04-02", "--time", "15:30")
        for member in (alice, bob):
            out = member.sync(check=False)
            self.assertEqual(out.returncode, 1)
            status = member.status()
            self.assertEqual(status["state"], "offline")
            self.assertEqual(status["waiting"], 1)
        self.server.start()

        alice.sync()
        bob.sync()
        alice.sync()
        for member in (alice, bob):
            post = member.show(post_id)
            self.assertEqual(post["title"], "Retitled by alice")
            self.assertEqual((post["date"], post["time"]), ("2027-04-02", "15:30"))
            self.assertEqual(member.status()["state"], "in-step")

        # The same field on both sides: a conflict on both machines.
        alice.run("post", "edit", post_id, "--goal", "alice's goal")
        bob.run("post", "edit", post_id, "--goal", "bob's goal")
        alice.sync()
        self.assertEqual(bob.sync(check=False).returncode, 1)
        alice.sync(check=False)
        for member in (alice, bob):
            conflicts = member.status()["conflicts"]
            self.assertEqual(len(conflicts), 1, member.login)
            self.assertEqual(conflicts[0]["field"], "goal")
            self.assertEqual({conflicts[0]["mine"], conflicts[0]["theirs"]}, {"alice's goal", "bob's goal"})
            self.assertEqual(member.status()["state"], "conflict")
        mine = {c["mine"] for c in bob.status()["conflicts"]}
        self.assertEqual(mine, {"bob's goal"})

        bob.run("share", "resolve", post_id, "goal", "--keep", "mine")
        bob.sync()
        alice.sync()
        for member in (alice, bob):
            self.assertEqual(member.show(post_id)["brief"]["goal"], "bob's goal")
            self.assertEqual(member.status()["conflicts"], [])
            self.assertEqual(member.status()["state"], "in-step")

        # Deleting deletes the resource everywhere.
        alice.run("post", "delete", ids[0])
        alice.sync()
        bob.sync()
        self.assertNotIn(ids[0], bob.posts())

    def test_stale_token_and_kills_lose_nothing(self):
        plan_url, approvals_url = self.urls()
        alice, bob = Member("alice"), Member("bob")
        ids = fill_plan(alice, 10)
        alice.share("create", plan_url, approvals_url)
        bob.share("join", plan_url, approvals_url)

        # A token the server never gave: the pass lists and goes on.
        bob.sql("UPDATE share SET token = 'http://radicale.org/ns/sync/0000bogus'")
        alice.run("post", "edit", ids[2], "--title", "After a stale token")
        alice.sync()
        bob.sync()
        self.assertEqual(bob.show(ids[2])["title"], "After a stale token")

        # 20 rounds of 10 edits, each pass killed at a random moment (on
        # Radicale; fewer on Xandikos, whose merge paths are the same).
        rng = random.Random(14)
        expected = {}
        for round_ in range(self.kill_rounds):
            for k in range(10):
                post_id = ids[(round_ + k) % len(ids)]
                title = f"Round {round_} edit {k}"
                alice.run("post", "edit", post_id, "--title", title)
                expected[post_id] = title
            process = subprocess.Popen([os.environ["LINEUP_BINARY"], "--database", alice.path, "share", "sync"],
                                       env=alice.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.0, 0.4))
            process.send_signal(signal.SIGKILL)
            process.wait()
            self.assertEqual(alice.integrity(), "ok")
        # The server stops in the middle of a pass, and comes back.
        for k, post_id in enumerate(ids):
            title = f"Before the server stopped {k}"
            alice.run("post", "edit", post_id, "--title", title)
            expected[post_id] = title
        process = subprocess.Popen([os.environ["LINEUP_BINARY"], "--database", alice.path, "share", "sync"],
                                   env=alice.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.15)
        self.server.stop()
        process.wait(timeout=60)
        self.assertEqual(alice.integrity(), "ok")
        self.server.start()

        alice.sync()
        bob.sync()
        alice.sync()
        for member in (alice, bob):
            posts = member.posts()
            self.assertEqual(len(posts), len(ids), member.login)
            for post_id, title in expected.items():
                self.assertEqual(posts[post_id]["title"], title, member.login)
            self.assertEqual(member.status()["waiting"], 0)
        # The posts, the plan's settings, and the team when it has no
        # approvals collection of its own: nothing duplicated.
        self.assertEqual(len(resources(plan_url, "alice")), len(ids) + (1 if approvals_url else 2))

    def test_other_clients_properties_survive(self):
        plan_url, approvals_url = self.urls()
        alice = Member("alice")
        ids = fill_plan(alice, 3)
        post_id = ids[1]
        alice.share("create", plan_url, approvals_url)

        # Another client adds an alarm and a colour to the post's event.
        href = plan_url + post_id + ".ics"
        status, body, headers = request("GET", href, "alice")
        self.assertEqual(status, 200)
        calendar = icalendar.Calendar.from_ical(body)
        event = next(iter(calendar.walk("VEVENT")))
        alarm = icalendar.Alarm()
        alarm.add("ACTION", "DISPLAY")
        alarm.add("DESCRIPTION", "Reminder")
        alarm.add("TRIGGER", icalendar.vDuration(-__import__("datetime").timedelta(minutes=15)))
        event.add_component(alarm)
        event.add("COLOR", "tomato")
        status, _, _ = request("PUT", href, "alice", calendar.to_ical(),
                               {"If-Match": headers.get("ETag") or headers.get("etag"),
                                "Content-Type": "text/calendar; charset=utf-8"})
        self.assertIn(status, (201, 204))

        alice.sync()
        alice.run("post", "move", post_id, "--date", "2027-05-05", "--time", "11:00")
        alice.sync()
        status, body, _ = request("GET", href, "alice")
        event = next(iter(icalendar.Calendar.from_ical(body).walk("VEVENT")))
        self.assertEqual(str(event["COLOR"]), "tomato")
        self.assertEqual([str(a["DESCRIPTION"]) for a in event.walk("VALARM")], ["Reminder"])
        self.assertEqual(event["X-LINEUP-STAGE"], alice.show(post_id)["stage"])
        self.assertEqual(event.decoded("DTSTART").astimezone(__import__("datetime").timezone.utc).strftime("%Y-%m-%d %H:%M"),
                         "2027-05-05 11:00")

        # Every resource parses in python icalendar.
        for data in resources(plan_url, "alice").values():
            icalendar.Calendar.from_ical(data)


def request(method, url, login, body=None, headers=None):
    import base64
    auth = base64.b64encode(f"{login}:{PASSWORDS[login]}".encode()).decode()
    req = urllib.request.Request(url, data=body, method=method,
                                 headers={"Authorization": "Basic " + auth, **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read(), dict(e.headers)


def resources(collection_url, login):
    """href → text of every resource in the collection."""
    body = (b'<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>')
    status, answer, _ = request("PROPFIND", collection_url, login, body, {"Depth": "1", "Content-Type": "application/xml"})
    assert status == 207, (status, answer)
    import xml.etree.ElementTree as ET
    hrefs = [e.text for e in ET.fromstring(answer).iter("{DAV:}href")]
    base = collection_url.split("/", 3)[3]
    out = {}
    for href in hrefs:
        if href.rstrip("/").endswith(base.rstrip("/")):
            continue
        root = collection_url.split("/", 3)
        status, data, _ = request("GET", f"{root[0]}//{root[2]}{href}", login)
        if status == 200:
            out[href] = data
    return out


class OnRadicale(ShareScenario, unittest.TestCase):
    protected = True

    @classmethod
    def setUpClass(cls):
        cls.server = Radicale(users=PASSWORDS, rights=RIGHTS)
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def urls(self):
        return (self.server.url(f"/alice/plan{self.n}/"), self.server.url(f"/alice/approvals{self.n}/"))

    def test_an_editor_cannot_approve(self):
        plan_url, approvals_url = self.urls()
        alice, carol = Member("alice"), Member("carol")
        ids = fill_plan(alice, 2)
        post_id = ids[1]
        for item in range(1, 6):
            alice.run("post", "check", post_id, str(item))
        alice.run("post", "stage", post_id, "draft")
        alice.run("post", "stage", post_id, "in-review")
        alice.share("create", plan_url, approvals_url)
        carol.share("join", plan_url, approvals_url)

        # carol makes herself an approver in her own copy and approves: her
        # copy lets her, the server does not.
        carol.run("team", "add", "carol", "--role", "approver")
        carol.run("approval-chain", "set", "Lead:any:bob,carol")
        carol.run("post", "approve", post_id)
        out = carol.sync(check=False)
        self.assertEqual(out.returncode, 1)
        self.assertIn("does not let carol approve", out.stderr.decode())
        self.assertEqual(carol.show(post_id)["stage"], "in-review")
        self.assertEqual(carol.status()["waiting"], 0)
        # The server's team and chain come back.
        carol.sync(check=False)
        self.assertEqual(carol.text("approval-chain", "show").count("carol"), 0)

        alice.sync()
        seen = alice.show(post_id)
        self.assertEqual(seen["stage"], "in-review")
        self.assertEqual(seen["approvals"]["done"], 0)
        self.assertEqual(alice.text("approval-chain", "show").count("carol"), 0)

        # A stage that says Approved without the approval is not believed.
        carol.sql("UPDATE posts SET stage = 3 WHERE id = ?", post_id)
        carol.run("post", "edit", post_id, "--hashtags", "#forged")
        carol.sync(check=False)
        alice.sync(check=False)
        self.assertEqual(alice.show(post_id)["stage"], "in-review")


class OnXandikos(ShareScenario, unittest.TestCase):
    kill_rounds = 5

    @classmethod
    def setUpClass(cls):
        cls.server = Xandikos()
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def urls(self):
        return (self.server.url(f"/user/lineup/plan{self.n}/"), None)


if __name__ == "__main__":
    unittest.main(verbosity=2)
