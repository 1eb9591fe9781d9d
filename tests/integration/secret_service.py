"""Secrets in the Secret Service: with a real gnome-keyring-daemon on a
private D-Bus session (and no LINEUP_SECRETS_FILE), an account's secret goes
to the keyring through libsecret, is used from there to publish, is absent
from the plan's file, and goes away with the account; a feed's password
too."""

import base64
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import signal
import threading
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "fakes"))
from lineup_cli import Plan  # noqa: E402
from webhook_receiver import verify_standard_webhook  # noqa: E402


class Receiver(http.server.BaseHTTPRequestHandler):
    deliveries = []
    uploads = []    # a WebDAV feed's PUTs: their Authorization header

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Receiver.deliveries.append((dict(self.headers), body))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_PUT(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        Receiver.uploads.append(self.headers.get("Authorization"))
        self.send_response(201)
        self.send_header("ETag", '"1"')
        self.send_header("Content-Length", "0")
        self.end_headers()


class SecretService(unittest.TestCase):
    """One keyring daemon for the tests (a second on the same session bus
    would find the name taken), one plan each."""

    @classmethod
    def setUpClass(cls):
        cls.home = tempfile.mkdtemp(prefix="lineup-keyring-")
        run = os.path.join(cls.home, "run")
        os.makedirs(run, mode=0o700)
        cls.keyring_env = dict(HOME=cls.home, XDG_RUNTIME_DIR=run, XDG_DATA_HOME=os.path.join(cls.home, "data"))
        env = dict(os.environ, **cls.keyring_env)
        daemon = subprocess.run(["gnome-keyring-daemon", "--unlock", "--components=secrets", "--daemonize"],
                                input=b"test", capture_output=True, env=env, timeout=30)
        if daemon.returncode != 0:
            shutil.rmtree(cls.home, ignore_errors=True)
            raise AssertionError(daemon.stderr.decode(errors="replace"))
        for line in daemon.stdout.decode().splitlines():
            key, _, value = line.partition("=")
            if key:
                cls.keyring_env[key] = value

    @classmethod
    def tearDownClass(cls):
        # The daemon by its process id, as the bus knows it.
        owner = subprocess.run(["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus",
                                "/org/freedesktop/DBus", "org.freedesktop.DBus.GetConnectionUnixProcessID",
                                "string:org.freedesktop.secrets"], capture_output=True, timeout=30)
        words = owner.stdout.decode().split()
        if owner.returncode == 0 and "uint32" in words:
            os.kill(int(words[words.index("uint32") + 1]), signal.SIGTERM)
        shutil.rmtree(cls.home, ignore_errors=True)

    def setUp(self):
        self.plan = Plan(tz="UTC")
        p = self.plan
        p.env.pop("LINEUP_SECRETS_FILE", None)
        p.env.update(self.keyring_env)
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def tearDown(self):
        self.server.shutdown()
        self.plan.close()

    def secret_tool(self, *args):
        return subprocess.run(["secret-tool", *args], capture_output=True, env=self.plan.env, timeout=30)

    def test_secret_lives_in_the_keyring(self):
        p = self.plan
        p.run("pillar", "add", "Community")
        out = p.text("account", "add", "webhook", "--url", f"http://127.0.0.1:{self.server.server_port}/hook",
                     "--name", "hook")
        self.assertIn("Secret Service", out)
        secret = [w for w in out.split() if w.startswith("whsec_")][0]
        account_id = p.json("account", "list", "--json")[0]["id"]
        found = self.secret_tool("lookup", "account", account_id, "kind", "secret")
        self.assertEqual(found.stdout.decode(), secret)

        post = p.force_stage(p.add("Hooked", "Community", "Proof", "--body", "From the keyring", "--date", "2020-01-01",
                                   "--time", "10:00", "--platform", "linkedin"), "scheduled")
        p.run("post", "target", post, "--account", "hook")
        p.run("sync", "--once")
        headers, body = Receiver.deliveries[-1]
        headers = {k.lower(): v for k, v in headers.items()}
        self.assertTrue(verify_standard_webhook(secret, headers["webhook-id"], headers["webhook-timestamp"], body,
                                                headers["webhook-signature"]))
        self.assertEqual(json.loads(body)["data"]["text"], "From the keyring")

        p.sql("PRAGMA wal_checkpoint(TRUNCATE)")
        with open(p.path, "rb") as f:
            self.assertNotIn(secret.encode(), f.read())

        p.run("account", "remove", "hook")
        self.assertEqual(self.secret_tool("lookup", "account", account_id, "kind", "secret").stdout, b"")

    def test_feed_password_lives_in_the_keyring(self):
        p = self.plan
        password = "Keyring-Feed-Pass-91"
        p.env.pop("LINEUP_FEED_PASSWORD", None)
        p.run("pillar", "add", "Community")
        url = f"http://127.0.0.1:{self.server.server_port}/plan.ics"
        out = p.run("feed", "add", "Team", "--webdav", url, "--user", "ana", "--password-stdin",
                    input_bytes=password.encode())
        self.assertNotIn(password.encode(), out.stdout + out.stderr)
        found = self.secret_tool("lookup", "account", "feed:Team", "kind", "password")
        self.assertEqual(found.stdout.decode(), password)
        listed = self.secret_tool("search", "--all", "account", "feed:Team")
        self.assertIn("Lineup: password for feed Team", (listed.stdout + listed.stderr).decode())

        Receiver.uploads.clear()
        p.run("feed", "publish", "Team")
        self.assertEqual(Receiver.uploads, ["Basic " + base64.b64encode(f"ana:{password}".encode()).decode()])
        p.sql("PRAGMA wal_checkpoint(TRUNCATE)")
        with open(p.path, "rb") as f:
            self.assertNotIn(password.encode(), f.read())

        p.run("feed", "remove", "Team")
        self.assertEqual(self.secret_tool("lookup", "account", "feed:Team", "kind", "password").stdout, b"")


if __name__ == "__main__":
    if os.environ.get("LINEUP_TEST_DBUS") != "1":
        env = dict(os.environ, LINEUP_TEST_DBUS="1")
        sys.exit(subprocess.call(["dbus-run-session", "--", sys.executable, os.path.abspath(__file__)], env=env))
    unittest.main(verbosity=2)
