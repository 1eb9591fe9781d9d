"""Feeds published to real peers the test starts on 127.0.0.1: Radicale as a
WebDAV and a CalDAV server (read back and compared by UID and properties,
never byte for byte), a stale ETag reported as a conflict with nothing
lost, and a fake server that fails in every way a network can. A second
Radicale asks for a user name and password: the feed's password goes to the
secrets (a 0600 file here, LINEUP_SECRETS_FILE), never to the plan."""

import base64
import http.server
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.request

import icalendar

from lineup_cli import Plan


# The feed's password on the Radicale that asks for one: long and odd, so
# finding it anywhere (the plan's file, an output) is no accident.
PASSWORD = "Radicale-Pass-7f3a9c"

EMPTY_CALENDAR = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nEND:VCALENDAR\r\n"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(method, url, body=None, headers=None):
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read(), dict(e.headers)


def events_of(data):
    calendar = icalendar.Calendar.from_ical(data)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


class Radicale:
    def __init__(self, users=None):
        """users: {name: password} for htpasswd authentication; None: none."""
        self.dir = tempfile.TemporaryDirectory(prefix="lineup-radicale-")
        self.port = free_port()
        config = os.path.join(self.dir.name, "config")
        auth = "[auth]\ntype = none\n"
        if users:
            users_file = os.path.join(self.dir.name, "users")
            with open(users_file, "w") as f:
                f.writelines(f"{name}:{password}\n" for name, password in users.items())
            auth = f"[auth]\ntype = htpasswd\nhtpasswd_filename = {users_file}\nhtpasswd_encryption = plain\n"
        with open(config, "w") as f:
            f.write(f"[server]\nhosts = 127.0.0.1:{self.port}\n{auth}"
                    f"[storage]\nfilesystem_folder = {self.dir.name}/collections\n")
        self.log = open(os.path.join(self.dir.name, "log"), "w")
        self.process = subprocess.Popen(["/usr/bin/python3", "-m", "radicale", "--config", config, "--debug"],
                                        stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.1)
        raise AssertionError("Radicale did not start")

    def url(self, path):
        return f"http://127.0.0.1:{self.port}/{path}"

    def close(self):
        if os.environ.get("LINEUP_RADICALE_LOG"):
            with open(os.path.join(self.dir.name, "log")) as f:
                sys.stderr.write(f.read()[-6000:])
        self.process.terminate()
        self.process.wait(timeout=10)
        self.log.close()
        self.dir.cleanup()


class Fake(http.server.BaseHTTPRequestHandler):
    """Answers as the test says: a status, or no answer at all."""
    mode = "500"
    authorization = []

    def log_message(self, *args):
        pass

    def do_PUT(self):
        Fake.authorization.append(self.headers.get("Authorization"))
        length = int(self.headers.get("Content-Length", 0))
        self.rfile.read(length)
        if Fake.mode == "hang":
            time.sleep(5)
            return
        status = {"500": 500, "401": 401, "ok": 201}[Fake.mode]
        self.send_response(status)
        if status == 201:
            self.send_header("ETag", '"fake-1"')
        self.send_header("Content-Length", "0")
        self.end_headers()


class Feeds(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.radicale = Radicale()
        cls.locked = Radicale(users={"ana": PASSWORD})

    @classmethod
    def tearDownClass(cls):
        cls.radicale.close()
        cls.locked.close()

    def setUp(self):
        self.plan = Plan(tz="Europe/Warsaw")
        self.plan.run("demo")
        self.posts = [p for p in self.plan.json("post", "list", "--json") if p["date"]]

    def tearDown(self):
        self.plan.close()

    def feed(self, name):
        return next(f for f in self.plan.json("feed", "list", "--json") if f["name"] == name)

    def edit_and_delete(self):
        p = self.plan
        for post in self.posts[:3]:
            p.text("post", "edit", post["id"], "--title", post["title"] + " (edited)")
        p.text("post", "delete", self.posts[3]["id"])
        return {post["id"] + "@lineup" for post in self.posts[:3]}, self.posts[3]["id"] + "@lineup"

    def test_webdav_publish_edit_conflict(self):
        p = self.plan
        r = self.radicale
        self.assertEqual(request("MKCOL", r.url("webdav/"))[0], 201)
        url = r.url("webdav/plan.ics")
        p.text("feed", "add", "Team", "--webdav", url, "--days-back", "60", "--days-ahead", "60")
        self.assertIn("Published “Team”", p.text("feed", "publish", "Team"))
        status, data, _ = request("GET", url)
        self.assertEqual(status, 200)
        events = events_of(data)
        self.assertEqual(set(events), {post["id"] + "@lineup" for post in self.posts})
        self.assertEqual(self.feed("Team")["link"], "webcal://" + url[len("http://"):])

        edited, deleted = self.edit_and_delete()
        p.text("feed", "publish", "Team")
        events = events_of(request("GET", url)[1])
        self.assertNotIn(deleted, events)
        for uid in edited:
            self.assertTrue(str(events[uid]["SUMMARY"]).split(" [")[0].endswith("(edited)"))
            self.assertEqual(int(events[uid]["SEQUENCE"]), 1)

        # Someone changes the file: the next publish must not overwrite it.
        foreign = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Someone//EN\r\nBEGIN:VEVENT\r\nUID:theirs\r\n" \
                  b"DTSTAMP:20261201T000000Z\r\nDTSTART:20261201T100000Z\r\nSUMMARY:Theirs\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        self.assertIn(request("PUT", url, foreign, {"Content-Type": "text/calendar"})[0], (200, 201, 204))
        out = p.run("feed", "publish", "Team", check=False)
        self.assertEqual(out.returncode, 1)
        self.assertIn("Someone else changed", out.stderr.decode())
        self.assertIn("Someone else changed", self.feed("Team")["last_error"])
        self.assertIn("theirs", events_of(request("GET", url)[1]))
        # Told to, it replaces it.
        p.text("feed", "publish", "Team", "--force")
        events = events_of(request("GET", url)[1])
        self.assertNotIn("theirs", events)
        self.assertIsNone(self.feed("Team")["last_error"])

    def test_caldav_one_resource_a_post(self):
        p = self.plan
        r = self.radicale
        url = r.url("caldav/team/")
        p.text("feed", "add", "Calendar", "--caldav", url, "--privacy", "brief", "--local-time")
        self.assertIn(f"{len(self.posts)} posts", p.text("feed", "publish", "Calendar"))
        events = events_of(request("GET", url)[1])
        self.assertEqual(set(events), {post["id"] + "@lineup" for post in self.posts})
        one = self.posts[0]
        status, data, _ = request("GET", url + one["id"] + ".ics")
        self.assertEqual(status, 200)
        self.assertEqual(list(events_of(data)), [one["id"] + "@lineup"])

        edited, deleted = self.edit_and_delete()
        p.text("feed", "publish", "Calendar")
        events = events_of(request("GET", url)[1])
        self.assertNotIn(deleted, events)
        self.assertEqual(request("GET", url + deleted.split("@")[0] + ".ics")[0], 404)
        for uid in edited:
            self.assertIn("(edited)", str(events[uid]["SUMMARY"]))
        # Nothing changed: nothing to send, and still every post there.
        p.text("feed", "publish", "Calendar")
        self.assertEqual(len(events_of(request("GET", url)[1])), len(self.posts) - 1)

    def test_faults_keep_the_last_good_state(self):
        p = self.plan
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Fake)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            url = f"http://127.0.0.1:{server.server_address[1]}/plan.ics"
            p.text("feed", "add", "Fragile", "--webdav", url, "--user", "ana")
            env = dict(p.env, LINEUP_FEED_PASSWORD="secret", LINEUP_HTTP_TIMEOUT="2")
            Fake.mode = "ok"
            p.run("feed", "publish", "Fragile", env=env)
            good = self.feed("Fragile")
            self.assertIsNone(good["last_error"])
            for mode, words in (("500", "failed (500)"), ("401", "refused the user name or password"),
                                ("hang", "did not answer within 2 seconds")):
                Fake.mode = mode
                out = p.run("feed", "publish", "Fragile", env=env, check=False)
                self.assertEqual(out.returncode, 1, mode)
                self.assertIn(words, out.stderr.decode(), mode)
                self.assertIn(words, self.feed("Fragile")["last_error"])
            # Unreachable.
            p.text("feed", "add", "Nowhere", "--webdav", f"http://127.0.0.1:{free_port()}/plan.ics")
            out = p.run("feed", "publish", "Nowhere", env=env, check=False)
            self.assertEqual(out.returncode, 1)
            self.assertIn("Could not connect", out.stderr.decode())
            # A later publish works again.
            Fake.mode = "ok"
            p.run("feed", "publish", "Fragile", env=env)
            self.assertIsNone(self.feed("Fragile")["last_error"])
            # The password never reached the plan's file.
            with open(p.path, "rb") as f:
                self.assertNotIn(b"secret", f.read())
        finally:
            server.shutdown()

    def test_caldav_password_kept_in_the_secrets(self):
        p = self.plan
        r = self.locked
        secrets = os.path.join(p.dir.name, "secrets", "lineup.keys")
        p.env["LINEUP_SECRETS_FILE"] = secrets
        p.env.pop("LINEUP_FEED_PASSWORD", None)
        outputs = []

        def run(*args, **kwargs):
            out = p.run(*args, **kwargs)
            outputs.append(out.stdout + out.stderr)
            return out

        def secrets_text():
            with open(secrets, encoding="utf-8") as f:
                return f.read()

        url = r.url("ana/plan/")
        auth = {"Authorization": "Basic " + base64.b64encode(f"ana:{PASSWORD}".encode()).decode()}
        self.assertEqual(request("GET", url)[0], 401)

        # Asked for a password, standard input must have one: nothing is added.
        for args, stdin in ((["--caldav", url, "--password-stdin"], PASSWORD),
                            (["--caldav", url, "--user", "ana", "--password-stdin"], "")):
            out = run("feed", "add", "Team", *args, input_bytes=stdin.encode(), check=False)
            self.assertEqual(out.returncode, 2, args)
        self.assertEqual(p.json("feed", "list", "--json"), [])

        out = run("feed", "add", "Team", "--caldav", url, "--user", "ana", "--password-stdin",
                  input_bytes=(PASSWORD + "\n").encode())
        self.assertEqual(os.stat(secrets).st_mode & 0o777, 0o600)
        self.assertIn(PASSWORD, secrets_text())
        out = run("feed", "publish", "Team")
        self.assertIn(f"{len(self.posts)} posts", out.stdout.decode())
        status, data, _ = request("GET", url, headers=auth)
        self.assertEqual(status, 200)
        self.assertEqual(set(events_of(data)), {post["id"] + "@lineup" for post in self.posts})

        # A wrong stored password: the server's refusal, and how to change it.
        run("feed", "password", "Team", input_bytes=b"not-the-password\n")
        out = run("feed", "publish", "Team", check=False)
        self.assertEqual(out.returncode, 1)
        self.assertIn("refused the user name or password (401)", out.stderr.decode())
        self.assertIn("lineup feed password Team", out.stderr.decode())
        self.assertIn("refused the user name or password", self.feed("Team")["last_error"])
        # LINEUP_FEED_PASSWORD, when set, wins over the stored one (scripts).
        env = dict(p.env, LINEUP_FEED_PASSWORD=PASSWORD)
        p.text("post", "edit", self.posts[0]["id"], "--title", "Sent with the variable")
        run("feed", "publish", "Team", env=env)
        self.assertIn("Sent with the variable", request("GET", url + self.posts[0]["id"] + ".ics", headers=auth)[1].decode())
        out = run("feed", "publish", "Team", env=dict(p.env, LINEUP_FEED_PASSWORD="wrong"), check=False)
        self.assertEqual(out.returncode, 1)
        self.assertIn("LINEUP_FEED_PASSWORD", out.stderr.decode())
        # Changed back, the stored one works again.
        run("feed", "password", "Team", input_bytes=PASSWORD.encode())
        p.text("post", "edit", self.posts[1]["id"], "--title", "Sent with the stored password")
        run("feed", "publish", "Team")
        self.assertIn("Sent with the stored password",
                      request("GET", url + self.posts[1]["id"] + ".ics", headers=auth)[1].decode())
        self.assertIsNone(self.feed("Team")["last_error"])

        # Signing in without any password: said how to fix it, nothing sent.
        run("feed", "add", "Bare", "--caldav", r.url("ana/bare/"), "--user", "ana")
        out = run("feed", "publish", "Bare", check=False)
        self.assertEqual(out.returncode, 1)
        for words in ("has no password", "lineup feed password Bare", "Preferences → Sharing"):
            self.assertIn(words, out.stderr.decode())
            self.assertIn(words, self.feed("Bare")["last_error"])
        self.assertEqual(request("PROPFIND", r.url("ana/bare/"), headers=dict(auth, Depth="0"))[0], 404)
        # A feed that does not sign in takes no password.
        self.assertEqual(run("feed", "password", "Nobody", input_bytes=b"x", check=False).returncode, 1)

        # The password is in no output and not in the plan's file.
        p.sql("PRAGMA wal_checkpoint(TRUNCATE)")
        with open(p.path, "rb") as f:
            self.assertNotIn(PASSWORD.encode(), f.read())
        for output in outputs:
            self.assertNotIn(PASSWORD.encode(), output)

        # Removed, the feed's password is forgotten.
        run("feed", "remove", "Team")
        self.assertNotIn(PASSWORD, secrets_text())
        self.assertNotIn("feed%3ATeam", secrets_text())

    def test_file_feed_and_bad_arguments(self):
        p = self.plan
        path = os.path.join(p.dir.name, "shared", "plan.ics")
        os.makedirs(os.path.dirname(path))
        p.text("feed", "add", "Folder", "--file", path, "--stage", "scheduled")
        p.text("feed", "publish")
        with open(path, "rb") as f:
            events = events_of(f.read())
        self.assertEqual(set(events), {post["id"] + "@lineup" for post in self.posts if post["stage"] == "scheduled"})
        for args, words in ((["feed", "add", "X"], "one destination"),
                            (["feed", "add", "X", "--file", "a", "--webdav", "http://x/"], "one destination"),
                            (["feed", "add", "X", "--file", "a", "--privacy", "open"], "not a level"),
                            (["feed", "add", "X", "--file", "a", "--days-back", "-1"], "whole number")):
            out = p.run(*args, check=False)
            self.assertEqual(out.returncode, 2, args)
            self.assertIn(words, out.stderr.decode(), args)
        out = p.run("feed", "add", "Folder", "--file", path, check=False)
        self.assertEqual(out.returncode, 1)
        self.assertIn("already", out.stderr.decode())
        out = p.run("feed", "add", "Web", "--webdav", "ftp://x/plan.ics", check=False)
        self.assertEqual(out.returncode, 1)
        self.assertIn("http:// or https://", out.stderr.decode())
        self.assertEqual(p.run("feed", "publish", "Missing", check=False).returncode, 1)

    def test_password_in_address_refused_and_never_shown(self):
        p = self.plan
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Fake)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            port = server.server_address[1]
            secret_url = f"http://alice:hunter2@127.0.0.1:{port}/plan.ics"
            clean_url = f"http://127.0.0.1:{port}/plan.ics"
            # Refused, for WebDAV and CalDAV, and said how to do it instead.
            for kind in ("--webdav", "--caldav"):
                out = p.run("feed", "add", "Team", kind, secret_url, check=False)
                self.assertEqual(out.returncode, 1, kind)
                self.assertIn("--user", out.stderr.decode())
                self.assertIn("LINEUP_FEED_PASSWORD", out.stderr.decode())
                self.assertNotIn(b"hunter2", out.stdout + out.stderr)
            self.assertEqual(p.json("feed", "list", "--json"), [])
            out = p.run("overlay", "add", "Days", secret_url, check=False)
            self.assertEqual(out.returncode, 1)
            self.assertIn("user name or password", out.stderr.decode())
            self.assertNotIn(b"hunter2", out.stdout + out.stderr)

            # A plan saved before the rule: the password is neither shown nor
            # used, the feed stays, and the next publish takes it out.
            p.text("feed", "add", "Team", "--webdav", clean_url)
            Fake.mode = "ok"
            p.text("overlay", "add", "Days", p.file("days.ics", EMPTY_CALENDAR))
            with sqlite3.connect(p.path) as db:
                db.execute("UPDATE feeds SET target = ?, last_error = ?", (secret_url, f"Could not reach {secret_url}"))
                db.execute("UPDATE overlays SET source = ?", (secret_url,))
            shown = [p.run("feed", "list"), p.run("feed", "list", "--json"),
                     p.run("overlay", "list"), p.run("overlay", "list", "--json")]
            for out in shown:
                self.assertNotIn(b"hunter2", out.stdout + out.stderr)
                self.assertNotIn(b"alice:", out.stdout + out.stderr)
            team = self.feed("Team")
            self.assertEqual(team["target"], clean_url)
            self.assertEqual(team["link"], "webcal://" + clean_url[len("http://"):])
            self.assertIn("LINEUP_FEED_PASSWORD", team["last_error"])
            self.assertIn("Could not reach " + clean_url, team["last_error"])
            self.assertIn("user name or password", p.json("overlay", "list", "--json")[0]["last_error"])

            # It signs in as the user the address had, with the password
            # stored for the feed, never the one the address held.
            p.env["LINEUP_SECRETS_FILE"] = os.path.join(p.dir.name, "secrets", "lineup.keys")
            p.run("feed", "password", "Team", input_bytes=b"stored-pass\n")
            Fake.authorization.clear()
            out = p.run("feed", "publish", "Team")
            self.assertNotIn(b"hunter2", out.stdout + out.stderr)
            self.assertTrue(Fake.authorization)
            for header in Fake.authorization:
                self.assertNotIn("aHVudGVyMg", header or "")   # "hunter2", base64
                self.assertEqual(header, "Basic " + base64.b64encode(b"alice:stored-pass").decode())
            self.assertIsNone(self.feed("Team")["last_error"])
            p.run("overlay", "refresh", "Days", check=False)
            with sqlite3.connect(p.path) as db:
                self.assertEqual(db.execute("SELECT target, username FROM feeds").fetchall(), [(clean_url, "alice")])
                self.assertEqual(db.execute("SELECT source FROM overlays").fetchall(), [(clean_url,)])
        finally:
            server.shutdown()
            server.server_close()


if __name__ == "__main__":
    unittest.main(verbosity=2)
