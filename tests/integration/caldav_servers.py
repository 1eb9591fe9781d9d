"""The CalDAV client (src/core/share/lineup-caldav.c) against real servers
the test starts on 127.0.0.1 (dav_servers.py): Radicale 3.1.8 with logins
and from_file rights, and Xandikos 0.2.8. Each call goes through
tests/core/caldav-probe (argv[1]), which prints the client's result as JSON.

What a user would notice: a calendar made once and found again; a write
that would overwrite someone else's change refused (two writers, a real
412); the changes since a token and nothing else; a deletion seen; a token
the server does not know still giving the right answer; and a server that
lets only approvers write the approvals collection."""

import json
import os
import subprocess
import sys
import unittest
import urllib.request

from dav_servers import Radicale, Xandikos

PROBE = sys.argv.pop(1) if len(sys.argv) > 1 else os.path.join(
    os.environ.get("LINEUP_BUILD_ROOT", "build"), "tests", "core", "caldav-probe")


def ics(uid, summary):
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Lineup tests//EN\r\n"
            "BEGIN:VTODO\r\n" f"UID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:{summary}\r\n"
            "STATUS:NEEDS-ACTION\r\nEND:VTODO\r\nEND:VCALENDAR\r\n")


class Client:
    """One login on one collection, through the probe."""

    def __init__(self, test, url, user=None, password=None):
        self.test = test
        self.url = url
        self.env = dict(os.environ)
        self.env.pop("CALDAV_USER", None)
        self.env.pop("CALDAV_PASSWORD", None)
        if user:
            self.env["CALDAV_USER"] = user
            self.env["CALDAV_PASSWORD"] = password

    def call(self, *args):
        out = subprocess.run([PROBE, self.url, *args], capture_output=True, env=self.env, timeout=60)
        try:
            result = json.loads(out.stdout)
        except ValueError:
            raise AssertionError(f"probe {args}: {out.returncode} {out.stdout!r} {out.stderr!r}")
        self.test.assertEqual(out.returncode, 0 if result["ok"] else 1)
        if self.env.get("CALDAV_PASSWORD"):
            self.test.assertNotIn(self.env["CALDAV_PASSWORD"], out.stdout.decode() + out.stderr.decode())
        return result

    def ok(self, *args):
        result = self.call(*args)
        self.test.assertTrue(result["ok"], f"{args}: {result}")
        return result

    def fails(self, code, *args):
        result = self.call(*args)
        self.test.assertFalse(result["ok"], f"{args} should have failed with {code}")
        self.test.assertEqual(result["code"], code, result["message"])
        return result

    def href(self, name):
        return self.ok("href", name)["href"]

    def changes(self, token=None, known=None):
        args = ["changes"]
        if token is not None or known is not None:
            args.append(token or "")
        if known is not None:
            path = os.path.join(self.test.tmp, "known.json")
            with open(path, "w") as f:
                json.dump(known, f)
            args.append(path)
        return self.ok(*args)


def summary_of(item):
    for line in item["data"].splitlines():
        if line.startswith("SUMMARY:"):
            return line[len("SUMMARY:"):]
    return None


class Scenarios:
    """The same checks on every server; a subclass says where calendars go."""

    server = None

    def setUp(self):
        import tempfile
        self._tmp = tempfile.TemporaryDirectory(prefix="lineup-caldav-")
        self.tmp = self._tmp.name
        self.addCleanup(self._tmp.cleanup)

    def client(self, name, login=None):
        raise NotImplementedError

    def new_calendar(self, name, login=None):
        c = self.client(name, login)
        c.ok("ensure", "Lineup test " + name)
        return c

    def test_ensure_makes_a_calendar_once(self):
        c = self.client(self.id().rsplit(".", 1)[1])
        c.fails("NOT_FOUND", "ensure")
        c.ok("ensure", "Team plan")
        # MKCALENDAR asked for VEVENT and VTODO: the server says it takes both.
        request = urllib.request.Request(
            c.url, method="PROPFIND", headers={"Depth": "0", "Content-Type": "application/xml", **self.auth()},
            data=b'<d:propfind xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop>'
                 b'<c:supported-calendar-component-set/><d:displayname/></d:prop></d:propfind>')
        with urllib.request.urlopen(request, timeout=10) as response:
            answer = response.read().decode()
        self.assertIn("VTODO", answer)
        self.assertIn("VEVENT", answer)
        self.assertIn("Team plan", answer)
        # Found the second time, with or without create.
        c.ok("ensure")
        c.ok("ensure", "Team plan")

    def test_writes_are_conditional(self):
        mine = self.new_calendar("cond")
        theirs = self.client("cond")
        created = mine.ok("put", mine.href("p1.ics"), self.write("p1", "First"))
        self.assertTrue(created["etag"], "a create answered without an ETag")
        # A create of what exists is refused, not an overwrite.
        mine.fails("PRECONDITION", "put", mine.href("p1.ics"), self.write("p1", "Again"))
        # Two writers from the same ETag: the second is refused.
        second = theirs.ok("put", theirs.href("p1.ics"), self.write("p1", "Theirs"), created["etag"])
        self.assertNotEqual(second["etag"], created["etag"])
        mine.fails("PRECONDITION", "put", mine.href("p1.ics"), self.write("p1", "Mine"), created["etag"])
        got = mine.ok("get", mine.href("p1.ics"))["item"]
        self.assertEqual(summary_of(got), "Theirs")
        self.assertEqual(got["etag"], second["etag"])
        # A stale delete is refused too; the right one works; gone is gone.
        mine.fails("PRECONDITION", "delete", mine.href("p1.ics"), created["etag"])
        mine.ok("delete", mine.href("p1.ics"), got["etag"])
        mine.fails("NOT_FOUND", "get", mine.href("p1.ics"))
        mine.ok("delete", mine.href("p1.ics"), got["etag"])

    def write(self, uid, summary):
        path = os.path.join(self.tmp, uid + "-" + summary + ".ics")
        with open(path, "w") as f:
            f.write(ics(uid, summary))
        return path

    def test_changes_since_a_token(self):
        c = self.new_calendar("sync")
        etags = {}
        for uid in ("a", "b", "c"):
            etags[uid] = c.ok("put", c.href(uid + ".ics"), self.write(uid, "Post " + uid))["etag"]

        first = c.changes()
        self.assertFalse(first["listed"])
        self.assertTrue(first["token"])
        self.assertEqual({i["href"]: summary_of(i) for i in first["items"]},
                         {c.href(u + ".ics"): "Post " + u for u in ("a", "b", "c")})
        known = {i["href"]: i["etag"] for i in first["items"]}
        self.assertTrue(all(known.values()))

        # Someone changes b and deletes c: the next pass says only that.
        new_b = c.ok("put", c.href("b.ics"), self.write("b", "Post b edited"), known[c.href("b.ics")])["etag"]
        c.ok("delete", c.href("c.ics"), known[c.href("c.ics")])
        second = c.changes(first["token"])
        self.assertFalse(second["listed"])
        by_href = {i["href"]: i for i in second["items"]}
        self.assertEqual(set(by_href), {c.href("b.ics"), c.href("c.ics")})
        self.assertEqual(summary_of(by_href[c.href("b.ics")]), "Post b edited")
        if new_b:
            self.assertEqual(by_href[c.href("b.ics")]["etag"], new_b)
        self.assertTrue(by_href[c.href("c.ics")]["removed"])
        self.assertNotEqual(second["token"], first["token"])

        # Nothing since: nothing.
        self.assertEqual(c.changes(second["token"])["items"], [])

        # A token the server never gave: the listing, diffed by ETag.
        listed = c.changes(self.made_up_token(first["token"]), known)
        self.assertTrue(listed["listed"])
        by_href = {i["href"]: i for i in listed["items"]}
        self.assertEqual(set(by_href), {c.href("b.ics"), c.href("c.ics")})
        self.assertEqual(summary_of(by_href[c.href("b.ics")]), "Post b edited")
        self.assertTrue(by_href[c.href("c.ics")]["removed"])
        self.assertTrue(listed["token"])
        # ... and the token it gave works for the next report.
        after = c.changes(listed["token"])
        self.assertFalse(after["listed"])
        self.assertEqual(after["items"], [])

    def made_up_token(self, real):
        return real[:-8] + "deadbeef" if len(real) > 8 else "made-up"

    def test_server_gone_mid_pass(self):
        c = self.new_calendar("gone")
        c.ok("put", c.href("x.ics"), self.write("x", "X"))
        self.server.stop()
        try:
            result = c.call("changes")
            self.assertFalse(result["ok"])
            self.assertEqual(result["domain"], "lineup-http-error-quark")
        finally:
            self.server.start()
        self.assertEqual(len(c.changes()["items"]), 1)


class RadicaleServer(Scenarios, unittest.TestCase):
    USERS = {"lead": "lead-pw", "ann": "ann-pw", "ed": "ed-pw"}

    @classmethod
    def setUpClass(cls):
        cls.server = Radicale(users=cls.USERS, rights=Radicale.approvals_rights("lead", ["ann"]))
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def auth(self):
        import base64
        return {"Authorization": "Basic " + base64.b64encode(b"lead:lead-pw").decode()}

    def client(self, name, login=None):
        login = login or "lead"
        return Client(self, self.server.url(f"lead/{name}/"), login, self.USERS[login])

    def test_wrong_password(self):
        c = Client(self, self.server.url("lead/plan/"), "lead", "not-the-password")
        result = c.fails("AUTH", "ensure", "Plan")
        self.assertIn("lead", result["message"])
        self.assertIn(self.server.url("lead/plan/"), result["message"])

    def test_rights_approvals(self):
        lead = self.new_calendar("approvals")
        self.new_calendar("plan")
        ann = self.client("approvals", "ann")
        ed = self.client("approvals", "ed")
        # The editor may not approve: the server says no, and the message says who and where.
        refused = ed.fails("FORBIDDEN", "put", ed.href("approval-1.ics"), self.write("approval-1", "By ed"))
        self.assertIn("ed", refused["message"])
        self.assertIn(self.server.url("lead/approvals/approval-1.ics"), refused["message"])
        self.assertIn("HTTP 403", refused["message"])
        # The approver may; everyone reads it.
        ann.ok("put", ann.href("approval-2.ics"), self.write("approval-2", "By ann"))
        self.assertEqual(summary_of(ed.ok("get", ed.href("approval-2.ics"))["item"]), "By ann")
        self.assertEqual([i["href"] for i in ed.changes()["items"]], [ed.href("approval-2.ics")])
        # The editor cannot delete it either; the plan collection is everyone's.
        ed.fails("FORBIDDEN", "delete", ed.href("approval-2.ics"))
        plan = self.client("plan", "ed")
        plan.ok("put", plan.href("post.ics"), self.write("post", "Ed's post"))
        self.assertIsNone(ed.call("get", ed.href("approval-1.ics")).get("item"))
        # Made an approver (the rights file read again): now ed may.
        self.server.write_rights(Radicale.approvals_rights("lead", ["ann", "ed"]))
        try:
            ed.ok("put", ed.href("approval-3.ics"), self.write("approval-3", "By ed"))
        finally:
            self.server.write_rights(Radicale.approvals_rights("lead", ["ann"]))


class XandikosServer(Scenarios, unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Xandikos()
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def auth(self):
        return {}

    def client(self, name, login=None):
        # Under a home that does not exist yet: MKCALENDAR answers 409 and
        # the client makes the parent first.
        return Client(self, self.server.url(f"user/lineup/{name}/"))

    def test_default_calendar_found(self):
        Client(self, self.server.url(Xandikos.CALENDAR)).ok("ensure")
        Client(self, self.server.url(Xandikos.CALENDAR_HOME)).fails("NOT_CALENDAR", "ensure", "Plan")


if __name__ == "__main__":
    unittest.main(verbosity=2)
