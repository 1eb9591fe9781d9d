"""Publishing to Mastodon from the command line, against the fake server in
fake_mastodon.py (which enforces protocols.md §1): schedule, move, edit,
cancel, fire → Published with its URL; the 5-minute rule both ways; the
26th post on a UTC day; a revoked token; the rate limit; and the token never
in the plan's file, the logs or an export."""

import datetime
import json
import os
import subprocess
import sys
import time
import unittest
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "fakes"))
from fake_mastodon import FakeMastodon  # noqa: E402
from lineup_cli import BIN, Plan  # noqa: E402
import utm_reference  # noqa: E402


def p_bin():
    return BIN

TOKEN = "tok-8c1f0d5e-secret-value"


def utc_now():
    return datetime.datetime.now(datetime.timezone.utc)


class Mastodon(unittest.TestCase):
    def setUp(self):
        self.fake = FakeMastodon(max_characters=500)
        self.fake.start()
        self.plan = Plan(tz="UTC")
        p = self.plan
        p.env["LINEUP_SECRETS_FILE"] = os.path.join(p.dir.name, "secrets", "lineup.keys")
        p.env["LINEUP_HTTP_TIMEOUT"] = "2"
        p.env["LINEUP_SYNC_RETRY_BASE_MS"] = "50"
        p.run("pillar", "add", "Community")
        # Approvals need every checklist item ticked; these tests are about publishing.
        for _ in range(5):
            p.run("checklist", "remove", "1")
        self.ctl("POST", "/__fake/accounts", {"username": "team", "token": TOKEN, "scopes": "read write"})
        out = p.run("account", "add", "mastodon", "--instance", self.fake.url, "--token-stdin",
                    input_bytes=TOKEN.encode())
        self.assertIn("Added Mastodon account", out.stdout.decode())
        self.account = p.json("account", "list", "--json")[0]["name"]

    def tearDown(self):
        self.plan.close()
        self.fake.stop()

    # ---- helpers ----

    def ctl(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.fake.url + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as answer:
            return json.loads(answer.read() or b"null")

    def state(self):
        return self.ctl("GET", "/__fake/state")["accounts"][0]

    def add_scheduled(self, title, when, body=None):
        p = self.plan
        post = p.force_stage(p.add(title, "Community", "Proof", "--body", body or f"{title}: out soon.",
                                   "--date", when.strftime("%Y-%m-%d"), "--time", when.strftime("%H:%M"),
                                   "--platform", "mastodon"), "scheduled")
        p.run("post", "target", post, "--account", self.account)
        return post

    def sync(self, check=True, env=None):
        out = self.plan.run("sync", "--once", check=False, env=env)
        if check:
            self.assertEqual(out.returncode, 0, out.stdout.decode() + out.stderr.decode())
        return out

    def sync_of(self, post):
        rows = self.plan.show(post)["sync"]
        self.assertEqual(len(rows), 1)
        return rows[0]

    @staticmethod
    def iso(when):
        return when.strftime("%Y-%m-%dT%H:%M:00.000Z")

    # ---- scenarios ----

    def test_schedule_move_edit_cancel_fire(self):
        p = self.plan
        when = (utc_now() + datetime.timedelta(days=2)).replace(hour=9, minute=0, second=0, microsecond=0)
        post = self.add_scheduled("Spring launch", when)
        self.assertEqual(self.sync_of(post)["state"], "pending")

        self.sync()
        scheduled = self.state()["scheduled"]
        self.assertEqual(len(scheduled), 1)
        self.assertEqual(scheduled[0]["scheduled_at"], self.iso(when))
        self.assertEqual(scheduled[0]["params"]["text"], "Spring launch: out soon.")
        first_id = scheduled[0]["id"]
        self.assertEqual(self.sync_of(post)["state"], "synced")
        self.assertEqual(self.sync_of(post)["remote_id"], first_id)

        # Moving a day later: a PUT, the same remote post.
        later = when + datetime.timedelta(days=1)
        p.run("post", "move", post, "--date", later.strftime("%Y-%m-%d"))
        self.sync()
        scheduled = self.state()["scheduled"]
        self.assertEqual([(s["id"], s["scheduled_at"]) for s in scheduled], [(first_id, self.iso(later))])

        # New text: the edit sends it back to review; approved and scheduled
        # again before the next sync, it goes out as DELETE + POST.
        p.run("post", "edit", post, "--body", "Spring launch, take two.")
        p.run("post", "approve", post, "--as", "Lena Lead")
        p.run("post", "stage", post, "scheduled")
        self.sync()
        scheduled = self.state()["scheduled"]
        self.assertEqual(len(scheduled), 1)
        self.assertNotEqual(scheduled[0]["id"], first_id)
        self.assertEqual(scheduled[0]["params"]["text"], "Spring launch, take two.")
        self.assertEqual(scheduled[0]["scheduled_at"], self.iso(later))

        # Out of Scheduled: cancelled on the server.
        p.run("post", "stage", post, "approved")
        self.sync()
        self.assertEqual(self.state()["scheduled"], [])
        self.assertEqual(p.show(post)["sync"][0]["state"], "not-synced")

        # Scheduled again, then the server's clock passes its time.
        p.run("post", "stage", post, "scheduled")
        self.sync()
        self.assertEqual(len(self.state()["scheduled"]), 1)
        seconds = (later - utc_now()).total_seconds() + 60
        self.ctl("POST", "/__fake/clock", {"advance": seconds})
        self.assertEqual(self.state()["scheduled"], [])
        self.sync()
        shown = p.show(post)
        self.assertEqual(shown["stage"], "published")
        status = self.state()["statuses"][0]
        self.assertEqual(shown["url"], status["url"])
        self.assertEqual(shown["sync"][0]["state"], "published")
        ics = p.text("export", "ics", "--stage", "published")
        self.assertIn("URL:" + status["url"], ics.replace("\r\n ", ""))
        # One post, one remote post in its whole life at a time.
        self.assertEqual(len(self.state()["statuses"]), 1)

    def test_create_and_move_before_sync_are_one_request(self):
        p = self.plan
        when = (utc_now() + datetime.timedelta(days=3)).replace(hour=8, minute=30, second=0, microsecond=0)
        post = self.add_scheduled("Coalesced", when)
        later = when + datetime.timedelta(days=1)
        p.run("post", "move", post, "--date", later.strftime("%Y-%m-%d"))
        self.assertEqual(p.json("outbox", "--json")[0]["ops"], ["create", "move"])
        before = self.ctl("GET", "/__fake/state")["requests"]
        self.sync()
        state = self.ctl("GET", "/__fake/state")
        scheduled = state["accounts"][0]["scheduled"]
        self.assertEqual([s["scheduled_at"] for s in scheduled], [self.iso(later)])
        self.assertEqual(state["creates"], 1)
        # A cancel before anything went out sends nothing at all.
        other = self.add_scheduled("Never sent", when)
        p.run("post", "stage", other, "approved")
        requests = self.ctl("GET", "/__fake/state")["requests"]
        self.sync()
        self.assertEqual(len(self.state()["scheduled"]), 1)
        self.assertEqual(p.json("outbox", "--json"), [])
        self.assertLess(self.ctl("GET", "/__fake/state")["requests"] - requests, 4)  # reconciliation only
        self.assertGreater(requests, before)

    def test_five_minute_rule_both_ways(self):
        p = self.plan
        soon = (utc_now() + datetime.timedelta(minutes=3)).replace(second=0, microsecond=0)
        later = (utc_now() + datetime.timedelta(minutes=30)).replace(second=0, microsecond=0)
        near = self.add_scheduled("Too near", soon)
        far = self.add_scheduled("Far enough", later)
        self.sync()
        scheduled = self.state()["scheduled"]
        # Only the one due in more than 6 minutes went to the server.
        self.assertEqual([s["params"]["text"] for s in scheduled], ["Far enough: out soon."])
        near_sync = self.sync_of(near)
        self.assertEqual(near_sync["state"], "pending")
        # At the time the post was given, as the plan's clock reads it (the
        # test's TZ, Europe/Warsaw, is not the plan's).
        self.assertIn(f"Lineup publishes it at {soon.day} {soon.strftime('%b %Y, %H:%M')}", near_sync["message"])

        # Moving the far one inside 6 minutes withdraws it from the server.
        p.run("post", "move", far, "--date", soon.strftime("%Y-%m-%d"), "--time", soon.strftime("%H:%M"))
        self.sync()
        self.assertEqual(self.state()["scheduled"], [])

        # At their time the due dispatcher publishes both, once.
        env = dict(p.env, LINEUP_CLOCK_OFFSET="240")
        self.sync(env=env)
        statuses = self.state()["statuses"]
        self.assertEqual(sorted(s["text"] for s in statuses), ["Far enough: out soon.", "Too near: out soon."])
        self.assertEqual(p.show(near)["stage"], "published")
        self.assertEqual(p.show(far)["stage"], "published")
        self.sync(env=env)
        self.assertEqual(len(self.state()["statuses"]), 2)

    def test_twenty_sixth_post_on_a_day(self):
        p = self.plan
        day = (utc_now() + datetime.timedelta(days=5)).replace(hour=6, minute=0, second=0, microsecond=0)
        posts = []
        for i in range(26):
            when = day + datetime.timedelta(minutes=20 * i)
            posts.append(p.force_stage(p.add(f"Post {i}", "Community", "Proof", "--body", f"Number {i}",
                                             "--date", when.strftime("%Y-%m-%d"), "--time", when.strftime("%H:%M"),
                                             "--platform", "mastodon"), "scheduled"))
        out = p.run("post", "target", *posts, "--account", self.account)
        # Said before it bites.
        self.assertIn("at most 25 a day", out.stderr.decode())
        self.sync(check=False)
        self.assertEqual(len(self.state()["scheduled"]), 25)
        failed = [r for r in p.json("outbox", "--json") if r["state"] == "failed"]
        self.assertEqual(len(failed), 1)
        self.assertIn("422", failed[0]["message"])
        self.assertIn("at most 25 scheduled posts per account on one UTC day", failed[0]["message"])
        # Moving it to another day sends it.
        next_day = day + datetime.timedelta(days=1)
        p.run("post", "move", failed[0]["post"], "--date", next_day.strftime("%Y-%m-%d"))
        self.sync()
        self.assertEqual(len(self.state()["scheduled"]), 26)
        self.assertEqual(p.json("outbox", "--json"), [])

    def test_revoked_token_loses_nothing(self):
        p = self.plan
        when = (utc_now() + datetime.timedelta(days=2)).replace(hour=10, minute=0, second=0, microsecond=0)
        post = self.add_scheduled("Kept", when)
        self.ctl("POST", "/__fake/revoke", {"token": TOKEN})
        self.sync(check=False)
        row = p.json("outbox", "--json")[0]
        self.assertEqual(row["state"], "failed")
        self.assertIn("401", row["message"])
        self.assertIn("sign in", row["message"])
        self.assertEqual(row["ops"], ["create"])   # the change is kept
        accounts = p.json("account", "list", "--json")
        self.assertIn("401", accounts[0]["problem"])
        self.assertEqual(self.state()["scheduled"], [])
        self.assertEqual(p.show(post)["stage"], "scheduled")
        # A new token: the kept change goes out.
        self.ctl("POST", "/__fake/tokens", {"username": "team", "token": "renewed-token"})
        bad = p.run("account", "renew", self.account, input_bytes=TOKEN.encode(), check=False)
        self.assertEqual(bad.returncode, 1)
        self.assertIn("401", bad.stderr.decode())
        p.run("account", "renew", self.account, input_bytes=b"renewed-token")
        self.assertIsNone(p.json("account", "list", "--json")[0]["problem"])
        self.sync()
        self.assertEqual(len(self.state()["scheduled"]), 1)
        self.assertEqual(self.sync_of(post)["state"], "synced")

    def test_rate_limit_waits_for_the_reset(self):
        p = self.plan
        self.ctl("POST", "/__fake/limits", {"rate_limit": 4, "rate_window": 3})
        day = (utc_now() + datetime.timedelta(days=4)).replace(hour=7, minute=0, second=0, microsecond=0)
        for i in range(6):
            self.add_scheduled(f"Limited {i}", day + datetime.timedelta(hours=i))
        started = time.monotonic()
        self.sync()
        self.assertGreaterEqual(time.monotonic() - started, 2)
        self.assertEqual(len(self.state()["scheduled"]), 6)
        self.assertEqual(p.json("outbox", "--json"), [])

    def test_token_is_nowhere_but_the_secret_store(self):
        p = self.plan
        when = (utc_now() + datetime.timedelta(days=2)).replace(hour=11, minute=0, second=0, microsecond=0)
        post = self.add_scheduled("Secret", when)
        out = self.sync()
        self.sql_close()
        token = TOKEN.encode()
        for name in os.listdir(p.dir.name):
            path = os.path.join(p.dir.name, name)
            if os.path.isfile(path):
                with open(path, "rb") as f:
                    self.assertNotIn(token, f.read(), name)
        self.assertNotIn(token, out.stdout + out.stderr)
        for args in (("export", "ics"), ("outbox", "--all", "--json"), ("account", "list", "--json"),
                     ("post", "show", post, "--json")):
            self.assertNotIn(token, p.run(*args).stdout, args)
        keys = p.env["LINEUP_SECRETS_FILE"]
        self.assertEqual(os.stat(keys).st_mode & 0o777, 0o600)
        with open(keys, "rb") as f:
            self.assertIn(token, f.read())

    def test_oauth_copy_paste_flow(self):
        p = self.plan
        proc = subprocess.Popen([p_bin(), "--database", p.path, "account", "add", "mastodon", "--instance",
                                 self.fake.url, "--name", "browser"], env=p.env, stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        # Lineup prints where to allow it; the "browser" opens it and reads the code.
        line = b""
        while b"/oauth/authorize" not in line:
            line = proc.stderr.readline()
            self.assertTrue(line, "no authorize address printed")
        address = line.decode().strip()
        self.assertIn("response_type=code", address)
        self.assertIn("redirect_uri=urn%3Aietf%3Awg%3Aoauth%3A2.0%3Aoob", address)
        with urllib.request.urlopen(address, timeout=10) as page:
            self.assertIn(b"Authorization code", page.read())
        code = self.ctl("GET", "/__fake/oauth_code")["code"]
        out, err = proc.communicate(code.encode() + b"\n", timeout=60)
        self.assertEqual(proc.returncode, 0, err)
        names = [a["name"] for a in p.json("account", "list", "--json")]
        self.assertIn("browser", names)
        # The token it got works: a post goes out through that account.
        when = (utc_now() + datetime.timedelta(days=2)).replace(hour=9, minute=15, second=0, microsecond=0)
        post = p.force_stage(p.add("Via OAuth", "Community", "Proof", "--body", "Allowed in the browser",
                                   "--date", when.strftime("%Y-%m-%d"), "--time", when.strftime("%H:%M"),
                                   "--platform", "mastodon"), "scheduled")
        p.run("post", "target", post, "--account", "browser")
        self.sync()
        self.assertEqual(self.sync_of(post)["state"], "synced")
        # A wrong code is refused with the server's words.
        bad = p.run("account", "add", "mastodon", "--instance", self.fake.url, "--name", "bad",
                    input_bytes=b"not-a-code\n", check=False)
        self.assertEqual(bad.returncode, 1)
        self.assertIn("invalid_grant", bad.stderr.decode())

    def test_instance_limit_and_conflicts(self):
        p = self.plan
        self.ctl("POST", "/__fake/limits", {"max_characters": 500})
        when = (utc_now() + datetime.timedelta(days=2)).replace(hour=12, minute=0, second=0, microsecond=0)
        # 501 characters, of which a long link counts 23: it fits.
        body = "x" * 470 + " https://example.org/" + "a" * 100
        fits = self.add_scheduled("Fits", when, body=body)
        long = self.add_scheduled("Too long", when + datetime.timedelta(hours=1), body="y" * 501)
        # 480 of text fit alone; Mastodon counts the content warning's 30 with them.
        warned = p.force_stage(p.add("Warned", "Community", "Proof", "--body", "w" * 480, "--cw", "c" * 30,
                                     "--date", when.strftime("%Y-%m-%d"), "--time", "15:00",
                                     "--platform", "mastodon"), "scheduled")
        p.run("post", "target", warned, "--account", self.account)
        self.sync(check=False)
        self.assertEqual(self.sync_of(warned)["state"], "failed")
        self.assertIn("510 characters long with its content warning", self.sync_of(warned)["message"])
        self.assertIn("shorten the caption or the warning by 10", self.sync_of(warned)["message"])
        self.assertEqual(self.sync_of(fits)["state"], "synced")
        failed = self.sync_of(long)
        self.assertEqual(failed["state"], "failed")
        self.assertIn("501 characters long", failed["message"])
        self.assertIn("shorten the caption by 1", failed["message"])

        # Moved on the server: a conflict, not an overwrite.
        remote = self.sync_of(fits)["remote_id"]
        api = urllib.request.Request(f"{self.fake.url}/api/v1/scheduled_statuses/{remote}",
                                     data=json.dumps({"scheduled_at": self.iso(when + datetime.timedelta(days=1))}).encode(),
                                     method="PUT", headers={"Authorization": "Bearer " + TOKEN,
                                                            "Content-Type": "application/json"})
        urllib.request.urlopen(api, timeout=10).read()
        self.sync(check=False)
        conflict = self.sync_of(fits)
        self.assertEqual(conflict["state"], "conflict")
        self.assertIn("Moved on the server", conflict["message"])
        # Taking the server's version moves the post in the plan.
        p.run("post", "resolve", fits, "--account", self.account, "--keep", "server")
        self.assertEqual(p.show(fits)["date"], (when + datetime.timedelta(days=1)).strftime("%Y-%m-%d"))
        self.sync(check=False)
        self.assertEqual(self.sync_of(fits)["state"], "synced")

        # Deleted on the server: a conflict; keeping Lineup's sends it again.
        req = urllib.request.Request(f"{self.fake.url}/api/v1/scheduled_statuses/{remote}", method="DELETE",
                                     headers={"Authorization": "Bearer " + TOKEN})
        urllib.request.urlopen(req, timeout=10).read()
        self.sync(check=False)
        self.assertEqual(self.sync_of(fits)["state"], "conflict")
        self.assertIn("Deleted on the server", self.sync_of(fits)["message"])
        p.run("post", "resolve", fits, "--account", self.account, "--keep", "lineup")
        self.sync(check=False)
        self.assertEqual(self.sync_of(fits)["state"], "synced")
        # What the server holds is the caption with its link tagged for
        # Mastodon (a new plan tags links; the long link still counts 23).
        texts = [s["params"]["text"] for s in self.state()["scheduled"]]
        utm = {"utm_source": "mastodon", "utm_medium": "social", "utm_content": fits[:8]}
        self.assertEqual(texts, [utm_reference.tag_text(body, utm)])

    def sql_close(self):
        # Checkpoint the WAL into the file so the grep sees everything.
        self.plan.sql("PRAGMA wal_checkpoint(TRUNCATE)")


if __name__ == "__main__":
    unittest.main(verbosity=2)
