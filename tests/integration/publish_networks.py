"""Bluesky and webhooks from the command line: networks without server-side
scheduling, published by Lineup's due dispatcher at their time. Against
fake_pds.py (checks the record, the link facets' UTF-8 byte offsets and the
record key) and webhook_receiver.py (checks the Standard Webhooks
signature)."""

import datetime
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "fakes"))
import fake_pds  # noqa: E402
import utm_reference  # noqa: E402
import webhook_receiver  # noqa: E402
from lineup_cli import ctl, Plan  # noqa: E402


class Networks(unittest.TestCase):
    def setUp(self):
        self.plan = Plan(tz="UTC")
        p = self.plan
        p.env["LINEUP_SECRETS_FILE"] = os.path.join(p.dir.name, "secrets", "lineup.keys")
        p.env["LINEUP_HTTP_TIMEOUT"] = "2"
        p.env["LINEUP_SYNC_RETRY_BASE_MS"] = "50"
        p.run("pillar", "add", "Community")

    def tearDown(self):
        self.plan.close()

    def add(self, title, body, minutes):
        when = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=minutes)
        return self.plan.force_stage(self.plan.add(title, "Community", "Proof", "--body", body,
                                                   "--date", when.strftime("%Y-%m-%d"), "--time", when.strftime("%H:%M"),
                                                   "--platform", "bluesky"), "scheduled")

    def test_bluesky_due_dispatcher(self):
        p = self.plan
        pds = fake_pds.FakePds()
        pds.start()
        self.addCleanup(pds.stop)
        ctl(pds.url, "POST", "/__fake/accounts", {"handle": "team.test", "password": "app-pass-1234"})
        p.run("account", "add", "bluesky", "--handle", "team.test", "--pds", pds.url,
              "--app-password-stdin", input_bytes=b"app-pass-1234")
        account = p.json("account", "list", "--json")[0]
        self.assertEqual(account["name"], "team.test")
        self.assertFalse(account["schedules_on_server"])

        body = "Zażółć gęślą jaźń — read https://example.org/ünï?a=1 today"
        due = self.add("Due now", body, -1)
        later = self.add("Later", "Not yet", 120)
        p.run("post", "target", due, later, "--account", "team.test")
        p.run("sync", "--once")
        records = ctl(pds.url, "GET", "/__fake/state")["accounts"][0]["records"]
        self.assertEqual(len(records), 1)
        record = next(iter(records.values()))
        # The link goes out with the plan's UTM parameters for Bluesky (a new
        # plan tags links), as Python's urllib.parse builds them; the stored
        # caption stays as written.
        utm = {"utm_source": "bluesky", "utm_medium": "social", "utm_content": due[:8]}
        sent = utm_reference.tag_text(body, utm)
        self.assertEqual(record["text"], sent)
        self.assertNotEqual(sent, body)
        self.assertEqual(p.show(due)["body"], body)
        facet = record["facets"][0]
        start, end = facet["index"]["byteStart"], facet["index"]["byteEnd"]
        self.assertEqual(sent.encode()[start:end].decode(), utm_reference.tag_url("https://example.org/ünï?a=1", utm))
        shown = p.show(due)
        self.assertEqual(shown["stage"], "published")
        self.assertTrue(shown["url"].startswith("https://bsky.app/profile/team.test/post/"))
        later_sync = p.show(later)["sync"][0]
        self.assertEqual(later_sync["state"], "pending")
        self.assertIn("Lineup publishes it at", later_sync["message"])

        # A second pass neither posts again nor logs in again (the session is kept).
        logins = ctl(pds.url, "GET", "/__fake/state")["logins"]
        p.run("sync", "--once")
        state = ctl(pds.url, "GET", "/__fake/state")
        self.assertEqual(len(state["accounts"][0]["records"]), 1)
        self.assertEqual(state["logins"], logins)

        # Its time comes: published by the dispatcher, under the same record key on a retry.
        ctl(pds.url, "POST", "/__fake/faults", {"rate": 1.0, "kinds": ["reset_after"], "seed": 1})
        env = dict(p.env, LINEUP_CLOCK_OFFSET=str(121 * 60))
        p.run("sync", "--due", env=env, check=False)
        ctl(pds.url, "POST", "/__fake/faults", {"rate": 0})
        self.assertEqual(p.show(later)["sync"][0]["state"], "pending")   # the retry waits its turn
        p.run("sync", "--once", env=env)
        records = ctl(pds.url, "GET", "/__fake/state")["accounts"][0]["records"]
        self.assertEqual(len(records), 2)
        self.assertEqual(p.show(later)["stage"], "published")

    def test_webhook_signed_and_retried(self):
        p = self.plan
        hook = webhook_receiver.WebhookReceiver()
        hook.start()
        self.addCleanup(hook.stop)
        out = p.text("account", "add", "webhook", "--url", hook.url + "/hook", "--name", "n8n")
        secret = [w for w in out.split() if w.startswith("whsec_")][0]
        ctl(hook.url, "POST", "/__fake/config", {"secret": secret, "responses": [503, 200]})
        body = "Goes to n8n: https://shop.example.org/a?x=1#top"
        due = self.add("Hooked", body, -2)
        p.run("post", "target", due, "--account", "n8n")
        p.run("sync", "--once")
        deliveries = ctl(hook.url, "GET", "/__fake/state")["deliveries"]
        self.assertEqual(len(deliveries), 2)
        self.assertEqual(deliveries[0]["id"], deliveries[1]["id"])   # same webhook-id on the retry
        self.assertTrue(all(d["signature_ok"] for d in deliveries))
        payload = json.loads(deliveries[1]["body"])
        self.assertEqual(payload["type"], "post.due")
        # The caption as written, and each network's caption and links as
        # they should go out there, with that network's UTM parameters.
        self.assertEqual(payload["data"]["text"], body)
        utm = {"utm_source": "bluesky", "utm_medium": "social", "utm_content": due[:8]}
        self.assertEqual(payload["data"]["texts"], {"bluesky": utm_reference.tag_text(body, utm)})
        self.assertEqual(payload["data"]["links"],
                         {"bluesky": [utm_reference.tag_url("https://shop.example.org/a?x=1#top", utm)]})
        self.assertEqual(p.show(due)["stage"], "published")
        # The secret is shown once, and is nowhere in the plan.
        p.sql("PRAGMA wal_checkpoint(TRUNCATE)")
        with open(p.path, "rb") as f:
            self.assertNotIn(secret.encode(), f.read())

        # 410: the endpoint is gone; the post fails with the words, nothing lost.
        ctl(hook.url, "POST", "/__fake/config", {"secret": secret, "responses": [410]})
        gone = self.add("Gone", "Nobody listens", -1)
        p.run("post", "target", gone, "--account", "n8n")
        out = p.run("sync", "--once", check=False)
        self.assertEqual(out.returncode, 1)
        row = [r for r in p.json("outbox", "--json") if r["post"] == gone][0]
        self.assertEqual(row["state"], "failed")
        self.assertIn("410", row["message"])
        # Retry after the endpoint is back.
        ctl(hook.url, "POST", "/__fake/config", {"secret": secret, "responses": [200]})
        p.run("post", "retry", gone, "--account", "n8n")
        p.run("sync", "--once")
        self.assertEqual(p.show(gone)["stage"], "published")


if __name__ == "__main__":
    unittest.main(verbosity=2)
