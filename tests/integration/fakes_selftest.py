"""Proves that the fakes enforce protocols.md §1–3 — fake_mastodon.py,
fake_pds.py and webhook_receiver.py — so that a publisher test passing
against them means something. Each fake runs in-process on 127.0.0.1 and is
driven with http.client; the command-line mode is checked too.

Run: /usr/bin/python3 fakes_selftest.py  (exit status 0 on success, < 60 s)."""

import datetime
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fakes")
sys.path.insert(0, HERE)
from fake_mastodon import FakeMastodon, count_graphemes, mastodon_length  # noqa: E402
from fake_pds import FakePds  # noqa: E402
from webhook_receiver import (WebhookReceiver, hub_signature, sign_standard_webhook,  # noqa: E402
                              verify_hub_signature, verify_standard_webhook)

UTC = datetime.timezone.utc
MS_RE = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"
TOKEN = "token-a"


def utc_now():
    return datetime.datetime.now(UTC)


def iso(moment):
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def ahead(seconds):
    return iso(utc_now() + datetime.timedelta(seconds=seconds))


class Client:
    """One keep-alive HTTP/1.1 connection."""

    def __init__(self, port, token=None, timeout=5):
        self.port = port
        self.token = token
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)

    def close(self):
        self.conn.close()

    def raw(self, method, path, body=None, headers=None):
        h = dict(headers or {})
        if self.token and "Authorization" not in h:
            h["Authorization"] = "Bearer " + self.token
        self.conn.request(method, path, body, h)
        answer = self.conn.getresponse()
        return answer, answer.read()

    def call(self, method, path, body=None, headers=None):
        """(status, parsed JSON, response) with a JSON body."""
        h = dict(headers or {})
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            h.setdefault("Content-Type", "application/json")
        answer, raw = self.raw(method, path, data, h)
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = raw
        return answer.status, parsed, answer


class MastodonCase(unittest.TestCase):
    max_characters = 100

    def setUp(self):
        self.fake = FakeMastodon(max_characters=self.max_characters).start()
        self.addCleanup(self.fake.stop)
        self.ctl = Client(self.fake.port)
        self.addCleanup(self.ctl.close)
        self.ctl_call("POST", "/__fake/accounts", {"username": "alice", "token": TOKEN, "scopes": "read write"})
        self.api = self.client(TOKEN)

    def client(self, token, timeout=5):
        c = Client(self.fake.port, token, timeout)
        self.addCleanup(c.close)
        return c

    def ctl_call(self, method, path, body=None):
        status, parsed, _ = self.ctl.call(method, path, body)
        self.assertEqual(status, 200, parsed)
        return parsed

    def state(self):
        return self.ctl_call("GET", "/__fake/state")

    def account_state(self, n=0):
        return self.state()["accounts"][n]

    def post(self, text="Hello", at=None, key=None, client=None, **extra):
        body = dict(status=text, **extra)
        if at is not None:
            body["scheduled_at"] = at
        return (client or self.api).call("POST", "/api/v1/statuses", body, {"Idempotency-Key": key} if key else None)

    def schedule(self, text, when, **extra):
        status, body, _ = self.post(text, at=iso(when) if isinstance(when, datetime.datetime) else when, **extra)
        self.assertEqual(status, 200, body)
        self.assertIn("params", body)
        return body


class MastodonAuth(MastodonCase):
    def test_missing_unknown_and_revoked_tokens_are_401(self):
        for token in (None, "nope"):
            status, body, answer = self.client(token).call("GET", "/api/v1/scheduled_statuses")
            self.assertEqual((status, body), (401, {"error": "The access token is invalid"}))
            self.assertIsNotNone(answer.getheader("X-RateLimit-Limit"))
        self.assertEqual(self.api.call("GET", "/api/v1/scheduled_statuses")[0], 200)
        self.ctl_call("POST", "/__fake/revoke", {"token": TOKEN})
        self.assertEqual(self.api.call("GET", "/api/v1/scheduled_statuses")[:2],
                         (401, {"error": "The access token is invalid"}))
        self.assertEqual(self.post()[0], 401)

    def test_scopes_are_403(self):
        outside = {"error": "This action is outside the authorized scopes"}
        self.ctl_call("POST", "/__fake/accounts", {"username": "reader", "token": "t-read", "scopes": "read"})
        self.ctl_call("POST", "/__fake/accounts", {"username": "writer", "token": "t-write", "scopes": "write"})
        self.ctl_call("POST", "/__fake/accounts", {"username": "fine", "token": "t-fine",
                                                   "scopes": "read:statuses write:statuses"})
        reader, writer, fine = self.client("t-read"), self.client("t-write"), self.client("t-fine")
        self.assertEqual(self.post(client=reader)[:2], (403, outside))
        self.assertEqual(writer.call("GET", "/api/v1/scheduled_statuses")[:2], (403, outside))
        self.assertEqual(self.post(client=writer)[0], 200)                # write implies write:statuses
        self.assertEqual(reader.call("GET", "/api/v1/scheduled_statuses")[0], 200)
        self.assertEqual(self.post(client=fine)[0], 200)
        self.assertEqual(fine.call("GET", "/api/v1/scheduled_statuses")[0], 200)
        # verify_credentials needs read:accounts (or read, or profile), as on Mastodon.
        self.assertEqual(fine.call("GET", "/api/v1/accounts/verify_credentials")[:2], (403, outside))
        some = self.schedule("mine", utc_now() + datetime.timedelta(hours=2))
        self.assertEqual(reader.call("DELETE", f"/api/v1/scheduled_statuses/{some['id']}")[0], 403)

    def test_oauth_code_flow(self):
        anon = self.client(None)
        status, app, _ = anon.call("POST", "/api/v1/apps", {
            "client_name": "Lineup", "redirect_uris": "urn:ietf:wg:oauth:2.0:oob",
            "scopes": "read:statuses read:accounts write:statuses write:media", "website": "https://x.invalid"})
        self.assertEqual(status, 200)
        self.assertEqual(app["scopes"], ["read:statuses", "read:accounts", "write:statuses", "write:media"])
        query = urllib.parse.urlencode({"response_type": "code", "client_id": app["client_id"],
                                        "redirect_uri": "urn:ietf:wg:oauth:2.0:oob",
                                        "scope": "read:statuses read:accounts write:statuses write:media"})
        answer, page = anon.raw("GET", "/oauth/authorize?" + query)
        self.assertEqual(answer.status, 200)
        code = self.ctl_call("GET", "/__fake/oauth_code")["code"]
        self.assertIn(code.encode(), page)
        form = {"grant_type": "authorization_code", "code": code, "client_id": app["client_id"],
                "client_secret": app["client_secret"], "redirect_uri": "urn:ietf:wg:oauth:2.0:oob"}
        bad = anon.raw("POST", "/oauth/token", urllib.parse.urlencode(dict(form, code="wrong")),
                                         {"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual((bad[0].status, json.loads(bad[1])["error"]), (400, "invalid_grant"))
        answer, raw = anon.raw("POST", "/oauth/token", urllib.parse.urlencode(form),
                                                 {"Content-Type": "application/x-www-form-urlencoded"})
        token = json.loads(raw)
        self.assertEqual(answer.status, 200)
        self.assertEqual(token["token_type"], "Bearer")
        self.assertIsInstance(token["created_at"], int)
        status, me, _ = self.client(token["access_token"]).call("GET", "/api/v1/accounts/verify_credentials")
        self.assertEqual((status, me["username"]), (200, "alice"))
        self.assertIsInstance(me["id"], str)
        self.assertEqual(self.post(client=self.client(token["access_token"]))[0], 200)
        # A code works once; JSON bodies work too.
        again = anon.call("POST", "/oauth/token", form)
        self.assertEqual((again[0], again[1]["error"]), (400, "invalid_grant"))


class MastodonCreate(MastodonCase):
    def test_success_is_200_with_string_ids_and_ms_times(self):
        status, body, answer = self.post("Right now")
        self.assertEqual(status, 200)                                      # never 201
        self.assertIsInstance(body["id"], str)
        self.assertRegex(body["created_at"], MS_RE)
        self.assertEqual(body["content"], "<p>Right now</p>")
        self.assertEqual(body["url"], f"http://127.0.0.1:{self.fake.port}/@alice/{body['id']}")
        self.assertIsInstance(body["account"]["id"], str)
        scheduled = self.schedule("Later", utc_now() + datetime.timedelta(hours=1))
        self.assertIsInstance(scheduled["id"], str)
        self.assertRegex(scheduled["scheduled_at"], MS_RE)
        self.assertGreater(int(scheduled["id"]), int(body["id"]))
        self.assertEqual(scheduled["media_attachments"], [])
        for key in ("text", "visibility", "spoiler_text", "language", "media_ids", "sensitive",
                    "idempotency", "application_id"):
            self.assertIn(key, scheduled["params"])
        self.assertEqual(scheduled["params"]["text"], "Later")
        # Ids are beyond a double's 53 bits: a client must keep them as strings.
        self.assertGreater(int(scheduled["id"]), 2 ** 53)

    def test_validation_422(self):
        for text in ("", "   \n"):
            status, body, _ = self.post(text)
            self.assertEqual(status, 422)
            self.assertTrue(body["error"].startswith("Validation failed"))
        self.assertEqual(self.post("x" * 100)[0], 200)
        self.assertEqual(self.post("x" * 101)[0], 422)
        self.assertEqual(self.post("x" * 50, spoiler_text="y" * 51)[0], 422)   # spoiler counts too
        self.assertEqual(self.post("x", media_ids=["1", "2", "3", "4", "5"])[0], 422)
        self.assertEqual(self.post("x", media_ids=["1", "2", "3", "4"])[0], 200)
        for bad in ("tomorrow", "2026-13-01T00:00:00Z", "2026-02-30T10:00:00Z", "12:00"):
            self.assertEqual(self.post("x", at=bad)[0], 422, bad)
        self.assertEqual(self.post("x", visibility="everyone")[0], 422)
        self.ctl_call("POST", "/__fake/limits", {"max_characters": 20})
        self.assertEqual(self.post("y" * 21)[0], 422)
        self.assertEqual(self.post("y" * 20)[0], 200)

    def test_counting_like_mastodon(self):
        self.assertEqual(mastodon_length("see https://example.org/" + "a" * 200), 4 + 23)
        self.assertEqual(mastodon_length("http://x.org/a."), 23 + 1)
        self.assertEqual(mastodon_length("hi @bob@example.social"), len("hi @bob"))
        self.assertEqual(mastodon_length("text", "CW"), 6)
        self.assertEqual(count_graphemes("e\u0301"), 1)                     # combining mark
        self.assertEqual(count_graphemes("👩‍👩‍👧‍👦"), 1)                         # ZWJ sequence
        self.assertEqual(count_graphemes("🇵🇱🇩🇪"), 2)                           # regional indicator pairs
        self.assertEqual(count_graphemes("❤️👍🏽"), 2)                          # variation selector, skin tone
        self.assertEqual(count_graphemes("한국어"), 3)
        self.assertEqual(count_graphemes("\r\n"), 1)
        # Through the API: 77 + one URL (23) is exactly 100; one more is 101.
        text = "z" * 76 + " https://example.org/" + "ü" * 300
        self.assertEqual(self.post(text)[0], 200)
        self.assertEqual(self.post("z" + text)[0], 422)
        self.assertEqual(self.post("👩‍👩‍👧‍👦" * 100)[0], 200)
        self.assertEqual(self.post("👩‍👩‍👧‍👦" * 101)[0], 422)

    def test_scheduled_at_rules(self):
        # Past or now: posted at once, a Status (no params).
        status, body, _ = self.post("at once", at=ahead(-60))
        self.assertEqual(status, 200)
        self.assertNotIn("params", body)
        self.assertEqual(self.account_state()["statuses"][0]["text"], "at once")
        # Within 5 minutes: 422. Just beyond: a ScheduledStatus.
        self.assertEqual(self.post("soon", at=ahead(120))[0], 422)
        self.assertEqual(self.post("soon", at=ahead(299))[0], 422)
        self.schedule("later", ahead(330))
        # An offset is understood.
        when = utc_now() + datetime.timedelta(days=1)
        local = when.astimezone(datetime.timezone(datetime.timedelta(hours=2))).isoformat(timespec="seconds")
        body = self.schedule("offset", local)
        self.assertEqual(body["scheduled_at"], when.strftime("%Y-%m-%dT%H:%M:%S.000Z"))

    def test_day_and_total_limits(self):
        self.ctl_call("POST", "/__fake/limits", {"rate_limit": 100000})   # the rate limit is tested apart
        day = (utc_now() + datetime.timedelta(days=3)).replace(hour=0, minute=30, second=0, microsecond=0)
        ids = [self.schedule(f"p{i}", day + datetime.timedelta(minutes=30 * i))["id"] for i in range(25)]
        status, body, _ = self.post("26th", at=iso(day.replace(hour=23, minute=59)))
        self.assertEqual(status, 422)
        self.assertIn("25", body["error"])
        # The day is a UTC calendar day: just after midnight is the next one.
        self.schedule("next day", day.replace(hour=0, minute=0) + datetime.timedelta(days=1))
        # 300 pending in all (the default), on days with room; the 301st is refused.
        start = day + datetime.timedelta(days=2)
        with_room = [start + datetime.timedelta(days=d, minutes=m) for d in range(12) for m in range(25)]
        for when in with_room[:300 - 26]:
            self.schedule("filler", when)
        self.assertEqual(len(self.account_state()["scheduled"]), 300)
        status, body, _ = self.post("301st", at=iso(start + datetime.timedelta(days=30)))
        self.assertEqual(status, 422)
        self.assertIn("300", body["error"])
        # Another account has its own limits.
        self.ctl_call("POST", "/__fake/accounts", {"username": "bob", "token": "t-bob", "scopes": "read write"})
        self.schedule("bob's", day, client=self.client("t-bob"))
        # Per-account limits are configurable.
        self.ctl_call("POST", "/__fake/limits", {"total": 302})
        self.schedule("302nd", start + datetime.timedelta(days=40))
        self.assertEqual(len(ids), 25)

    def test_idempotency_key(self):
        when = utc_now() + datetime.timedelta(hours=2)
        first = self.post("once", at=iso(when), key="k-1")
        again = self.post("once, changed", at=iso(when + datetime.timedelta(hours=1)), key="k-1")
        self.assertEqual(first[0], again[0])
        self.assertEqual(first[1], again[1])
        self.assertEqual(first[1]["params"]["idempotency"], "k-1")
        self.assertEqual(self.state()["creates"], 1)
        self.assertEqual(len(self.account_state()["scheduled"]), 1)
        # Per account: the same key elsewhere is another post.
        self.ctl_call("POST", "/__fake/accounts", {"username": "bob", "token": "t-bob", "scopes": "read write"})
        other = self.post("bob", at=iso(when), key="k-1", client=self.client("t-bob"))
        self.assertNotEqual(other[1]["id"], first[1]["id"])
        # Immediate posts replay too.
        now1 = self.post("now", key="k-2")
        self.assertEqual(self.post("now", key="k-2")[1], now1[1])
        # A failure is not remembered: fixed and sent again under the same key, it goes through.
        self.assertEqual(self.post("", key="k-3")[0], 422)
        self.assertEqual(self.post("fixed", key="k-3")[0], 200)
        # After an hour of the server's clock the key is forgotten.
        self.ctl_call("POST", "/__fake/clock", {"advance": 3601})
        later = self.post("once", at=iso(when + datetime.timedelta(days=1)), key="k-1")
        self.assertNotEqual(later[1]["id"], first[1]["id"])

    def test_form_encoded_with_media_ids(self):
        form = urllib.parse.urlencode([("status", "formed"), ("media_ids[]", "11"), ("media_ids[]", "12"),
                                       ("scheduled_at", ahead(3600)), ("visibility", "unlisted"),
                                       ("sensitive", "true")])
        answer, raw = self.api.raw("POST", "/api/v1/statuses", form,
                                   {"Content-Type": "application/x-www-form-urlencoded"})
        body = json.loads(raw)
        self.assertEqual(answer.status, 200)
        self.assertEqual(body["params"]["media_ids"], ["11", "12"])
        self.assertEqual(body["params"]["visibility"], "unlisted")
        self.assertIs(body["params"]["sensitive"], True)
        form = urllib.parse.urlencode([("status", "x")] + [("media_ids[]", str(i)) for i in range(5)])
        answer, raw = self.api.raw("POST", "/api/v1/statuses", form,
                                   {"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(answer.status, 422)

    def test_instance(self):
        status, body, _ = self.client(None).call("GET", "/api/v2/instance")
        self.assertEqual(status, 200)
        self.assertEqual(body["version"], "4.3.0")
        self.assertEqual(body["configuration"]["statuses"], {"max_characters": 100, "max_media_attachments": 4,
                                                             "characters_reserved_per_url": 23})


class MastodonManage(MastodonCase):
    def test_list_order_limit_and_links(self):
        base = utc_now() + datetime.timedelta(days=1)
        made = [int(self.schedule(f"n{i}", base + datetime.timedelta(hours=i))["id"]) for i in range(45)]
        status, page, answer = self.api.call("GET", "/api/v1/scheduled_statuses")
        self.assertEqual(len(page), 20)                                    # default
        self.assertEqual([int(s["id"]) for s in page], sorted(made, reverse=True)[:20])   # newest id first
        self.assertIn('rel="next"', answer.getheader("Link"))
        status, page, answer = self.api.call("GET", "/api/v1/scheduled_statuses?limit=100")
        self.assertEqual(len(page), 40)                                    # clamped
        link = answer.getheader("Link")
        nexts = re.findall(r'<([^>]+)>; rel="next"', link)
        self.assertEqual(len(nexts), 1)
        self.assertTrue(nexts[0].startswith(f"http://127.0.0.1:{self.fake.port}/api/v1/scheduled_statuses?"))
        self.assertIn(f"max_id={page[-1]['id']}", nexts[0])
        split = urllib.parse.urlsplit(nexts[0])
        status, rest, answer = self.api.call("GET", split.path + "?" + split.query)
        self.assertEqual(len(rest), 5)
        self.assertNotIn('rel="next"', answer.getheader("Link") or "")     # not a full page: no next
        self.assertEqual({s["id"] for s in page} | {s["id"] for s in rest}, {str(i) for i in made})
        # since_id and min_id
        status, newer, _ = self.api.call("GET", f"/api/v1/scheduled_statuses?since_id={made[40]}")
        self.assertEqual([int(s["id"]) for s in newer], sorted(made[41:], reverse=True))
        status, oldest, _ = self.api.call("GET", f"/api/v1/scheduled_statuses?min_id={made[0]}&limit=3")
        self.assertEqual([int(s["id"]) for s in oldest], [made[3], made[2], made[1]])
        # Exactly a full last page still offers a next, which is empty.
        status, page, answer = self.api.call("GET", "/api/v1/scheduled_statuses?limit=5&max_id=" + str(made[5]))
        self.assertEqual(len(page), 5)
        self.assertIn('rel="next"', answer.getheader("Link"))

    def test_put_changes_only_scheduled_at(self):
        when = (utc_now() + datetime.timedelta(days=2)).replace(microsecond=0)
        post = self.schedule("original", when, visibility="unlisted")
        path = f"/api/v1/scheduled_statuses/{post['id']}"
        later = when + datetime.timedelta(hours=3)
        status, body, _ = self.api.call("PUT", path, {"scheduled_at": iso(later), "status": "changed",
                                                      "visibility": "direct", "media_ids": ["9"]})
        self.assertEqual(status, 200)
        self.assertEqual(body["id"], post["id"])
        self.assertEqual(body["scheduled_at"], later.strftime("%Y-%m-%dT%H:%M:%S.000Z"))
        self.assertEqual(body["params"], post["params"])
        self.assertEqual(self.api.call("PUT", path, {"scheduled_at": ahead(120)})[0], 422)   # within 5 minutes
        self.assertEqual(self.api.call("PUT", path, {"scheduled_at": ahead(-3600)})[0], 422)  # past
        self.assertEqual(self.api.call("PUT", path, {"scheduled_at": "soon"})[0], 422)
        self.assertEqual(self.api.call("GET", path)[1]["scheduled_at"], body["scheduled_at"])

    def test_put_respects_25_a_day(self):
        day = (utc_now() + datetime.timedelta(days=4)).replace(hour=1, minute=0, second=0, microsecond=0)
        full = [self.schedule(f"d{i}", day + datetime.timedelta(minutes=10 * i)) for i in range(25)]
        other = self.schedule("other", day + datetime.timedelta(days=1))
        status, body, _ = self.api.call("PUT", f"/api/v1/scheduled_statuses/{other['id']}",
                                        {"scheduled_at": iso(day.replace(hour=20))})
        self.assertEqual(status, 422)
        # Moving one of the 25 within its own day counts it once.
        status, body, _ = self.api.call("PUT", f"/api/v1/scheduled_statuses/{full[0]['id']}",
                                        {"scheduled_at": iso(day.replace(hour=22))})
        self.assertEqual(status, 200)

    def test_404s(self):
        missing = {"error": "Record not found"}
        for method in ("GET", "PUT", "DELETE"):
            self.assertEqual(self.api.call(method, "/api/v1/scheduled_statuses/123",
                                           {"scheduled_at": ahead(3600)} if method == "PUT" else None)[:2],
                             (404, missing))
        self.ctl_call("POST", "/__fake/accounts", {"username": "bob", "token": "t-bob", "scopes": "read write"})
        bobs = self.schedule("bob's", utc_now() + datetime.timedelta(hours=1), client=self.client("t-bob"))
        self.assertEqual(self.api.call("GET", f"/api/v1/scheduled_statuses/{bobs['id']}")[:2], (404, missing))
        self.assertEqual(self.api.call("DELETE", f"/api/v1/scheduled_statuses/{bobs['id']}")[:2], (404, missing))
        mine = self.schedule("mine", utc_now() + datetime.timedelta(hours=1))
        self.assertEqual(self.api.call("DELETE", f"/api/v1/scheduled_statuses/{mine['id']}")[:2], (200, {}))
        self.assertEqual(self.api.call("DELETE", f"/api/v1/scheduled_statuses/{mine['id']}")[:2], (404, missing))
        self.assertEqual(self.api.call("GET", "/api/v1/statuses/42")[:2], (404, missing))

    def test_clock_fires_due_posts(self):
        first = self.schedule("first", utc_now() + datetime.timedelta(minutes=20))
        second = self.schedule("second", utc_now() + datetime.timedelta(minutes=10))
        third = self.schedule("third", utc_now() + datetime.timedelta(hours=5))
        answer = self.ctl_call("POST", "/__fake/clock", {"advance": 30 * 60})
        self.assertEqual(answer["fired"], 2)
        self.assertRegex(answer["now"], MS_RE)
        account = self.account_state()
        self.assertEqual([s["id"] for s in account["scheduled"]], [third["id"]])
        texts = [(s["text"], s["created_at"]) for s in account["statuses"]]
        self.assertEqual(texts, [("second", second["scheduled_at"]), ("first", first["scheduled_at"])])
        for scheduled in (first, second):
            self.assertEqual(self.api.call("GET", f"/api/v1/scheduled_statuses/{scheduled['id']}")[0], 404)
        # The way Lineup confirms: verify_credentials, the account's statuses, their source.
        me = self.api.call("GET", "/api/v1/accounts/verify_credentials")[1]
        status, statuses, _ = self.api.call("GET", f"/api/v1/accounts/{me['id']}/statuses?limit=40")
        self.assertEqual([s["content"] for s in statuses], ["<p>first</p>", "<p>second</p>"])  # newest first
        self.assertNotIn(first["id"], [s["id"] for s in statuses])         # a new id, no link back
        source = self.api.call("GET", f"/api/v1/statuses/{statuses[0]['id']}/source")[1]
        self.assertEqual(source, {"id": statuses[0]["id"], "text": "first", "spoiler_text": ""})
        self.assertEqual(self.api.call("GET", f"/api/v1/statuses/{statuses[0]['id']}")[1]["url"], statuses[0]["url"])
        # The fake clock is what the 5-minute rule measures against.
        clock = self.ctl_call("GET", "/__fake/clock")
        self.assertAlmostEqual(clock["offset"], 1800, delta=1)
        self.assertEqual(self.post("stale", at=ahead(20 * 60))[1].get("params"), None)   # now in the past
        # Setting the clock to a time works too.
        self.assertEqual(self.ctl_call("POST", "/__fake/clock", {"now": ahead(6 * 3600)})["fired"], 1)

    def test_silent_drop(self):
        self.schedule("dropped", utc_now() + datetime.timedelta(minutes=10))
        self.ctl_call("POST", "/__fake/silent_drop", {"on": True})
        self.assertEqual(self.ctl_call("POST", "/__fake/clock", {"advance": 900})["fired"], 1)
        account = self.account_state()
        self.assertEqual((account["scheduled"], account["statuses"]), ([], []))
        self.assertEqual(self.state()["dropped"], 1)


class MastodonTraffic(MastodonCase):
    def test_rate_limit_headers_and_429(self):
        status, _, answer = self.api.call("GET", "/api/v1/scheduled_statuses")
        self.assertEqual(answer.getheader("X-RateLimit-Limit"), "300")
        self.assertEqual(answer.getheader("X-RateLimit-Remaining"), "299")
        reset = answer.getheader("X-RateLimit-Reset")
        self.assertRegex(reset, r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z$")   # ISO 8601, not epoch seconds
        moment = datetime.datetime.strptime(reset, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
        self.assertTrue(utc_now() < moment <= utc_now() + datetime.timedelta(seconds=301))
        self.ctl_call("POST", "/__fake/limits", {"rate_limit": 3, "rate_window": 1})
        started = time.time()
        heads = [self.api.call("GET", "/api/v1/scheduled_statuses")[2] for _ in range(3)]
        self.assertEqual([h.getheader("X-RateLimit-Remaining") for h in heads], ["2", "1", "0"])
        status, body, answer = self.api.call("GET", "/api/v1/scheduled_statuses")
        self.assertEqual((status, body), (429, {"error": "Too many requests"}))
        self.assertIsNone(answer.getheader("Retry-After"))
        self.assertEqual(answer.getheader("X-RateLimit-Remaining"), "0")
        reset = datetime.datetime.strptime(answer.getheader("X-RateLimit-Reset"),
                                           "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC).timestamp()
        self.assertAlmostEqual(reset, started + 1, delta=0.2)              # the window opened with the first
        # Per token: another token is not limited.
        self.ctl_call("POST", "/__fake/accounts", {"username": "bob", "token": "t-bob", "scopes": "read write"})
        self.assertEqual(self.client("t-bob").call("GET", "/api/v1/scheduled_statuses")[0], 200)
        # At the reset, requests go through again.
        time.sleep(max(0.0, reset - time.time()) + 0.02)
        self.assertEqual(self.api.call("GET", "/api/v1/scheduled_statuses")[0], 200)
        # Aligned on the epoch, as rack-attack's windows are, when asked.
        self.ctl_call("POST", "/__fake/limits", {"rate_align": "epoch", "rate_window": 10})
        reset = self.api.call("GET", "/api/v1/scheduled_statuses")[2].getheader("X-RateLimit-Reset")
        moment = datetime.datetime.strptime(reset, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
        self.assertEqual((moment.second % 10, moment.microsecond), (0, 0))
        # Every /api/ answer carries the headers, errors included.
        self.assertIsNotNone(self.api.call("GET", "/api/v1/scheduled_statuses/1")[2].getheader("X-RateLimit-Reset"))

    def test_fault_kinds(self):
        def fresh():
            return self.client(TOKEN, timeout=0.2)

        def texts():
            return [s["params"]["text"] for s in self.account_state()["scheduled"]]

        when = ahead(3600)
        # 500: answered, nothing done.
        self.ctl_call("POST", "/__fake/faults", {"rate": 1.0, "kinds": ["500"], "seed": 1})
        self.assertEqual(self.post("five hundred", at=when, client=fresh())[:2],
                         (500, {"error": "Internal server error"}))
        # reset_before: no answer, nothing done.
        self.ctl_call("POST", "/__fake/faults", {"rate": 1.0, "kinds": ["reset_before"]})
        with self.assertRaises((ConnectionError, http.client.HTTPException, OSError)):
            self.post("reset before", at=when, client=fresh())
        # reset_after: no answer, but done (and its idempotency key remembered).
        self.ctl_call("POST", "/__fake/faults", {"rate": 1.0, "kinds": ["reset_after"]})
        with self.assertRaises((ConnectionError, http.client.HTTPException, OSError)):
            self.post("reset after", at=when, key="ra", client=fresh())
        # 429: with rate-limit headers whose reset is about a second ahead.
        self.ctl_call("POST", "/__fake/faults", {"rate": 1.0, "kinds": ["429"]})
        status, body, answer = self.post("limited", at=when, client=fresh())
        self.assertEqual((status, body), (429, {"error": "Too many requests"}))
        reset = datetime.datetime.strptime(answer.getheader("X-RateLimit-Reset"),
                                           "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
        self.assertLess(abs((reset - utc_now()).total_seconds() - 1), 0.5)
        # stall: past the client's timeout, and then it happens anyway.
        self.ctl_call("POST", "/__fake/faults", {"rate": 1.0, "kinds": ["stall"], "stall_seconds": 0.5})
        with self.assertRaises((socket.timeout, TimeoutError)):
            self.post("stalled", at=when, client=fresh())
        self.ctl_call("POST", "/__fake/faults", {"rate": 0})
        self.assertEqual(texts(), ["reset after"])
        time.sleep(0.6)
        self.assertEqual(texts(), ["reset after", "stalled"])
        replay = self.post("reset after", at=when, key="ra")
        self.assertEqual(replay[1]["params"]["text"], "reset after")
        state = self.state()
        self.assertEqual(state["creates"], 2)
        self.assertEqual(state["faults"], {"500": 1, "reset_before": 1, "reset_after": 1, "429": 1, "stall": 1})
        # A rate with a seed mixes the kinds; the control API is never faulted; paths filter.
        self.ctl_call("POST", "/__fake/faults", {"rate": 1.0, "kinds": ["500"], "paths": "/api/v1/statuses"})
        self.assertEqual(self.api.call("GET", "/api/v1/scheduled_statuses")[0], 200)
        self.assertEqual(self.post("filtered", client=fresh())[0], 500)
        self.ctl_call("POST", "/__fake/faults", {"rate": 0.5, "kinds": ["500", "429"], "seed": 3})
        codes = {self.api.call("GET", "/api/v2/instance")[0] for _ in range(40)}
        self.assertEqual(codes, {200, 429, 500})

    def test_keep_alive(self):
        before = self.state()["connections"]
        c = self.client(TOKEN)
        self.ctl_call("POST", "/__fake/limits", {"rate_limit": 100000})
        started = time.monotonic()
        for i in range(500):
            answer, _ = c.raw("GET", "/api/v1/scheduled_statuses?limit=1")
            self.assertEqual(answer.status, 200)
        elapsed = time.monotonic() - started
        self.assertEqual(self.state()["connections"], before + 1)         # one connection, reused
        self.assertLess(elapsed, 5, f"500 requests took {elapsed:.2f} s")
        # Connection: close is honoured.
        answer, _ = c.raw("GET", "/api/v2/instance", headers={"Connection": "close"})
        self.assertEqual(answer.getheader("Connection"), "close")
        self.assertTrue(answer.will_close)
        c.raw("GET", "/api/v2/instance")                                    # http.client reconnects
        self.assertEqual(self.state()["connections"], before + 2)


class PdsRules(unittest.TestCase):
    def setUp(self):
        self.fake = FakePds().start()
        self.addCleanup(self.fake.stop)
        self.c = Client(self.fake.port)
        self.addCleanup(self.c.close)
        self.account = self.c.call("POST", "/__fake/accounts", {"handle": "team.test", "password": "app-pass"})[1]

    def login(self, identifier="team.test", password="app-pass"):
        return self.c.call("POST", "/xrpc/com.atproto.server.createSession",
                           {"identifier": identifier, "password": password})

    def api(self, token):
        c = Client(self.fake.port, token)
        self.addCleanup(c.close)
        return c

    def record(self, text, facets=None, **extra):
        record = {"$type": "app.bsky.feed.post", "text": text, "createdAt": "2026-11-22T10:00:00.000Z"}
        if facets is not None:
            record["facets"] = facets
        record.update(extra)
        return record

    def put(self, session, rkey, record, method="putRecord"):
        return self.api(session["accessJwt"]).call("POST", f"/xrpc/com.atproto.repo.{method}", {
            "repo": session["did"], "collection": "app.bsky.feed.post", "rkey": rkey, "record": record})

    def state(self):
        return self.c.call("GET", "/__fake/state")[1]

    def test_sessions(self):
        status, body, _ = self.login(password="wrong")
        self.assertEqual((status, body), (401, {"error": "AuthenticationRequired",
                                                "message": "Invalid identifier or password"}))
        status, session, _ = self.login()
        self.assertEqual(status, 200)
        self.assertEqual((session["did"], session["handle"]), (self.account["did"], "team.test"))
        self.assertEqual(session["accessJwt"].count("."), 2)
        self.assertEqual(self.login(self.account["did"])[0], 200)            # the DID works as identifier
        self.assertEqual(self.state()["logins"], 3)
        # An access JWT works; none → 401; expired → 400 ExpiredToken.
        self.assertEqual(self.api(session["accessJwt"]).call("GET", "/xrpc/com.atproto.server.getSession")[0], 200)
        self.assertEqual(self.api(None).call("GET", "/xrpc/com.atproto.server.getSession")[0], 401)
        self.assertEqual(self.put(session, "k1", self.record("hi"))[0], 200)
        self.c.call("POST", "/__fake/expire_access")
        status, body, _ = self.put(session, "k2", self.record("hi"))
        self.assertEqual((status, body["error"]), (400, "ExpiredToken"))
        # Refresh with the refresh JWT: a new pair that works.
        status, fresh, _ = self.api(session["refreshJwt"]).call("POST", "/xrpc/com.atproto.server.refreshSession")
        self.assertEqual(status, 200)
        self.assertNotEqual(fresh["accessJwt"], session["accessJwt"])
        self.assertEqual(self.put(fresh, "k2", self.record("hi"))[0], 200)
        # The access JWT is not a refresh JWT; an unknown or expired refresh JWT → 400 ExpiredToken.
        self.assertEqual(self.api(fresh["accessJwt"]).call("POST", "/xrpc/com.atproto.server.refreshSession")[0], 400)
        self.assertEqual(self.api("nonsense").call("POST", "/xrpc/com.atproto.server.refreshSession")[:2],
                         (400, {"error": "ExpiredToken", "message": "Token has expired"}))
        # A refresh JWT is rotated: used once, it is dead (unless a PDS-like grace is set).
        self.assertEqual(self.api(session["refreshJwt"]).call("POST", "/xrpc/com.atproto.server.refreshSession")[:2],
                         (400, {"error": "ExpiredToken", "message": "Token has expired"}))
        self.c.call("POST", "/__fake/limits", {"refresh_grace_seconds": 7200})
        newer = self.api(fresh["refreshJwt"]).call("POST", "/xrpc/com.atproto.server.refreshSession")[1]
        self.assertEqual(self.api(fresh["refreshJwt"]).call("POST", "/xrpc/com.atproto.server.refreshSession")[0], 200)
        self.c.call("POST", "/__fake/expire_refresh")
        self.assertEqual(self.api(newer["refreshJwt"]).call("POST", "/xrpc/com.atproto.server.refreshSession")[1]["error"],
                         "ExpiredToken")

    def test_login_rate_limit(self):
        self.c.call("POST", "/__fake/limits", {"logins_per_5min": 3})
        self.assertEqual([self.login()[0] for _ in range(3)], [200, 200, 200])
        status, body, answer = self.login()
        self.assertEqual((status, body["error"]), (429, "RateLimitExceeded"))
        self.assertIsNotNone(answer.getheader("RateLimit-Reset"))
        self.assertEqual(self.state()["logins"], 4)

    def test_put_record_key_reuse_does_not_duplicate(self):
        session = self.login()[1]
        status, body, _ = self.put(session, "lineup-0001", self.record("first"))
        self.assertEqual(status, 200)
        self.assertEqual(body["uri"], f"at://{session['did']}/app.bsky.feed.post/lineup-0001")
        self.assertTrue(body["cid"].startswith("bafyrei"))
        self.assertEqual(self.put(session, "lineup-0001", self.record("second"))[0], 200)
        state = self.state()
        self.assertEqual(state["accounts"][0]["records"], {"lineup-0001": self.record("second")})
        self.assertEqual(state["puts"], 2)
        self.assertEqual(state["accounts"][0]["non_tid_rkeys"], ["lineup-0001"])
        got = self.api(None).call("GET", "/xrpc/com.atproto.repo.getRecord?" + urllib.parse.urlencode(
            {"repo": session["did"], "collection": "app.bsky.feed.post", "rkey": "lineup-0001"}))
        self.assertEqual((got[0], got[1]["value"]["text"]), (200, "second"))
        expired = self.api(session["accessJwt"])
        self.c.call("POST", "/__fake/expire_access")
        status, body, _ = expired.call("GET", "/xrpc/com.atproto.repo.getRecord?" + urllib.parse.urlencode(
            {"repo": session["did"], "collection": "app.bsky.feed.post", "rkey": "lineup-0001"}))
        self.assertEqual((status, body["error"]), (400, "ExpiredToken"))     # public, but a sent token must live
        session = self.login()[1]
        missing = self.api(None).call("GET", "/xrpc/com.atproto.repo.getRecord?" + urllib.parse.urlencode(
            {"repo": session["did"], "collection": "app.bsky.feed.post", "rkey": "nope"}))
        self.assertEqual((missing[0], missing[1]["error"]), (400, "RecordNotFound"))
        # createRecord picks a TID key; with a taken key it refuses.
        status, body, _ = self.api(session["accessJwt"]).call("POST", "/xrpc/com.atproto.repo.createRecord", {
            "repo": "team.test", "collection": "app.bsky.feed.post", "record": self.record("auto")})
        self.assertEqual(status, 200)
        self.assertRegex(body["uri"].rsplit("/", 1)[1], r"^[234567a-j][234567a-z]{12}$")
        self.assertEqual(self.put(session, "lineup-0001", self.record("dup"), "createRecord")[0], 400)
        # Record keys: the syntax, and TIDs only when asked to be strict.
        for bad in ("a/b", ".", "..", "x" * 513, "", "spa ce", "ü"):
            status, body, _ = self.put(session, bad, self.record("k"))
            self.assertEqual((status, body["error"]), (400, "InvalidRequest"), bad)
        self.assertEqual(self.put(session, "a.b_c:d~e-f", self.record("k"))[0], 200)
        self.c.call("POST", "/__fake/strict", {"tid_rkeys": True})
        self.assertEqual(self.put(session, "lineup-0002", self.record("k"))[0], 400)
        self.assertEqual(self.put(session, "3jzfcijpj2z2a", self.record("k"))[0], 200)

    def test_record_validation(self):
        session = self.login()[1]
        self.assertEqual(self.put(session, "r1", self.record("é" * 300))[0], 200)        # 300 graphemes, 600 bytes
        self.assertEqual(self.put(session, "r1", self.record("e\u0301" * 300))[0], 200)  # combining: 300 graphemes
        status, body, _ = self.put(session, "r1", self.record("é" * 301))
        self.assertEqual((status, body["error"]), (400, "InvalidRequest"))
        self.assertIn("300 graphemes", body["message"])
        status, body, _ = self.put(session, "r1", self.record("👩‍👩‍👧" * 200))             # 200 graphemes, 3600 bytes
        self.assertIn("3000", body["message"])
        for bad in ({"createdAt": "2026-11-22T10:00:00+00:00"}, {"createdAt": "2026-11-22 10:00:00Z"},
                    {"createdAt": "2026-13-22T10:00:00Z"}, {"$type": "app.bsky.feed.like"},
                    {"langs": ["en", "de", "fr", "pl"]}, {"langs": ["en_US"]}, {"score": 1.5}):
            record = self.record("hello")
            record.update(bad)
            self.assertEqual(self.put(session, "r2", record)[0], 400, bad)
        no_type = self.record("hello")
        del no_type["$type"]
        self.assertEqual(self.put(session, "r2", no_type)[0], 400)
        self.assertEqual(self.put(session, "r2", self.record("hi", langs=["pl", "en-GB"]))[0], 200)

    def test_link_facets_use_utf8_byte_offsets(self):
        session = self.login()[1]
        text = "Zażółć gęślą jaźń — read https://example.org/ünï?a=1 today"
        link = "https://example.org/ünï?a=1"
        data = text.encode()
        start = data.index(link.encode())
        end = start + len(link.encode())

        def facet(s, e, uri=link):
            return [{"$type": "app.bsky.richtext.facet", "index": {"byteStart": s, "byteEnd": e},
                     "features": [{"$type": "app.bsky.richtext.facet#link", "uri": uri}]}]

        self.assertEqual(self.put(session, "f1", self.record(text, facet(start, end)))[0], 200)
        # Character offsets (what a naive client computes) are refused.
        cs = text.index(link)
        status, body, _ = self.put(session, "f2", self.record(text, facet(cs, cs + len(link))))
        self.assertEqual((status, body["error"]), (400, "InvalidRequest"))
        self.assertIn("byte", body["message"])
        # Out of the text, backwards, inside a character, the wrong link: refused.
        for s, e in ((start, len(data) + 1), (end, start), (-1, end), (start + 1, end)):
            self.assertEqual(self.put(session, "f3", self.record(text, facet(s, e)))[0], 400, (s, e))
        self.assertEqual(self.put(session, "f3", self.record(text, facet(start, end, "https://example.com/")))[0], 400)
        self.assertEqual(self.put(session, "f3", self.record(text, facet(str(start), end)))[0], 400)
        # The text may show the link without its scheme, or shortened for display.
        shown = "see example.org/ünï?a=1 now"
        s = shown.encode().index(b"example")
        e = s + len("example.org/ünï?a=1".encode())
        self.assertEqual(self.put(session, "f4", self.record(shown, facet(s, e)))[0], 200)
        short = "see example.org/ü... now"
        s = short.encode().index(b"example")
        e = s + len("example.org/ü...".encode())
        self.assertEqual(self.put(session, "f5", self.record(short, facet(s, e)))[0], 200)
        # A percent-encoded uri for the same link is fine.
        encoded = "https://example.org/%C3%BCn%C3%AF?a=1"
        self.assertEqual(self.put(session, "f6", self.record(text, facet(start, end, encoded)))[0], 200)

    def test_faults(self):
        session = self.login()[1]
        self.c.call("POST", "/__fake/faults", {"rate": 1.0, "kinds": ["reset_after"], "seed": 1})
        with self.assertRaises((ConnectionError, http.client.HTTPException, OSError)):
            self.put(session, "after", self.record("done anyway"))
        self.c.call("POST", "/__fake/faults", {"rate": 1.0, "kinds": ["500"]})
        self.assertEqual(self.put(session, "five", self.record("not done"))[0], 500)
        self.c.call("POST", "/__fake/faults", {"rate": 1.0, "kinds": ["reset_before"]})
        with self.assertRaises((ConnectionError, http.client.HTTPException, OSError)):
            self.put(session, "before", self.record("not done"))
        self.c.call("POST", "/__fake/faults", {"rate": 0})
        state = self.state()
        self.assertEqual(list(state["accounts"][0]["records"]), ["after"])
        self.assertEqual(state["faults"], {"reset_after": 1, "500": 1, "reset_before": 1})
        # The retry under the same key leaves one record.
        self.assertEqual(self.put(session, "after", self.record("done anyway"))[0], 200)
        self.assertEqual(len(self.state()["accounts"][0]["records"]), 1)


class WebhookRules(unittest.TestCase):
    SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

    def test_vectors(self):
        body = b'{"test": 2432232314}'
        expected = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
        self.assertEqual(sign_standard_webhook(self.SECRET, "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", body),
                         expected)
        self.assertTrue(verify_standard_webhook(self.SECRET, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body,
                                                "v1,bm90IGl0 " + expected))
        self.assertFalse(verify_standard_webhook(self.SECRET, "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265331", body,
                                                 expected))
        self.assertFalse(verify_standard_webhook(self.SECRET, "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330",
                                                 body + b" ", expected))
        hub = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
        self.assertEqual(hub_signature("It's a Secret to Everybody", b"Hello, World!"), hub)
        self.assertTrue(verify_hub_signature("It's a Secret to Everybody", b"Hello, World!", hub))
        self.assertFalse(verify_hub_signature("It's a Secret to Everybody", b"Hello, World?", hub))

    def test_receiver(self):
        hook = WebhookReceiver().start()
        self.addCleanup(hook.stop)
        c = Client(hook.port)
        self.addCleanup(c.close)
        c.call("POST", "/__fake/config", {"secret": self.SECRET, "hub_secret": "hub-key", "responses": [500, 429]})

        def deliver(msg_id, body, signature=None, hub=None, client=c):
            ts = str(int(time.time()))
            headers = {"Content-Type": "application/json", "webhook-id": msg_id, "webhook-timestamp": ts,
                       "webhook-signature": signature or sign_standard_webhook(self.SECRET, msg_id, ts, body),
                       "X-Hub-Signature-256": hub or hub_signature("hub-key", body)}
            answer, _ = client.raw("POST", "/hooks/n8n", body, headers)
            return answer.status

        body = json.dumps({"type": "post.due", "timestamp": "2026-11-22T10:00:00Z", "data": {"text": "ż"}}).encode()
        self.assertEqual([deliver("msg_1", body) for _ in range(3)], [500, 429, 200])
        self.assertEqual(deliver("msg_2", body, signature="v1,AAAA", hub="sha256=00"), 200)
        state = c.call("GET", "/__fake/state")[1]
        deliveries = state["deliveries"]
        self.assertEqual([d["status_returned"] for d in deliveries], [500, 429, 200, 200])
        self.assertEqual([d["signature_ok"] for d in deliveries], [True, True, True, False])
        self.assertEqual([d["hub_ok"] for d in deliveries], [True, True, True, False])
        self.assertTrue(all(d["timestamp_ok"] for d in deliveries))
        self.assertEqual(json.loads(deliveries[0]["body"])["data"]["text"], "ż")
        self.assertEqual(deliveries[0]["path"], "/hooks/n8n")
        self.assertEqual(deliveries[0]["headers"]["content-type"], "application/json")
        self.assertEqual(state["unique_ids"], 2)
        # A redirect says where, for a sender that must not follow it; a stall outlasts the timeout.
        c.call("POST", "/__fake/config", {"responses": [{"status": 308}], "stall_seconds": 0})
        answer, _ = c.raw("POST", "/x", b"{}", {"Content-Type": "application/json"})
        self.assertEqual((answer.status, answer.getheader("Location") is not None), (308, True))
        c.call("POST", "/__fake/config", {"stall_seconds": 0.5})
        slow = Client(hook.port, timeout=0.2)
        self.addCleanup(slow.close)
        with self.assertRaises((socket.timeout, TimeoutError)):
            deliver("msg_3", body, client=slow)
        self.assertEqual(c.call("GET", "/__fake/state")[1]["deliveries"][-1]["id"], "msg_3")


class CommandLine(unittest.TestCase):
    def test_each_fake_runs_as_a_process(self):
        for script, probe in (("fake_mastodon.py", "/api/v2/instance"), ("fake_pds.py", "/xrpc/_health"),
                              ("webhook_receiver.py", "/__fake/state")):
            with tempfile.TemporaryDirectory() as tmp:
                port_file = os.path.join(tmp, "port")
                proc = subprocess.Popen([sys.executable, os.path.join(HERE, script), "--port-file", port_file,
                                         "--state-dir", tmp], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                try:
                    deadline = time.monotonic() + 10
                    while not os.path.exists(port_file):
                        self.assertIsNone(proc.poll(), proc.stderr.read() if proc.poll() is not None else "")
                        self.assertLess(time.monotonic(), deadline, script)
                        time.sleep(0.02)
                    with open(port_file) as f:
                        port = int(f.read())
                    c = Client(port)
                    self.assertEqual(c.call("GET", probe)[0], 200, script)
                    c.close()
                finally:
                    proc.send_signal(signal.SIGTERM)
                    out, err = proc.communicate(timeout=10)
                self.assertEqual(proc.returncode, 0, err)
                self.assertEqual((out, err), (b"", b""))                   # quiet
                self.assertTrue(os.path.exists(os.path.join(tmp, "state.json")))


if __name__ == "__main__":
    unittest.main(verbosity=2)
