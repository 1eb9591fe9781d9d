"""How large a medium a webhook carries the bytes of, set per account
(issue 15): `lineup account add webhook … --media-bytes SIZE` and
`lineup account set NAME --media-bytes SIZE`. Media up to the size go with
their bytes (base64, "data"); larger ones, and every one when the size is 0,
are listed (type, size, sha256, alt…) without them, with "data_omitted"
saying why. The size is kept with the account, shown by `account list`, and
a size that is not one is refused with how to write one. Against
webhook_receiver.py (protocols.md §3)."""

import base64
import datetime
import hashlib
import json
import os
import struct
import sys
import unittest
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "fakes"))
import webhook_receiver  # noqa: E402
from lineup_cli import ctl, Plan  # noqa: E402

ALT = "A red bicycle leaning on a blue wall"


def png(width, height, rows):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\0" + rows(y) for y in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 1)) + chunk(b"IEND", b""))


class WebhookMediaBytes(unittest.TestCase):
    def setUp(self):
        self.plan = Plan(tz="UTC")
        p = self.plan
        p.env["LINEUP_SECRETS_FILE"] = os.path.join(p.dir.name, "secrets", "lineup.keys")
        p.env["LINEUP_HTTP_TIMEOUT"] = "3"
        p.env["LINEUP_SYNC_RETRY_BASE_MS"] = "50"
        p.run("pillar", "add", "Community")
        self.small = png(60, 40, lambda y: bytes((200, 30, 30)) * 60)
        self.small_path = p.file("red bike.png", self.small)
        self.hook = webhook_receiver.WebhookReceiver()
        self.hook.start()
        self.addCleanup(self.hook.stop)

    def tearDown(self):
        self.plan.close()

    def webhook(self, name, *options):
        out = self.plan.text("account", "add", "webhook", "--url", self.hook.url + "/" + name, "--name", name,
                             *options)
        return [w for w in out.split() if w.startswith("whsec_")][0]

    def deliver(self, name, secret, *paths):
        """One post with @paths to webhook @name, sent; its payload's media."""
        p = self.plan
        ctl(self.hook.url, "POST", "/__fake/config", {"secret": secret})
        when = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=1)
        post = p.add(f"To {name}", "Community", "Proof", "--body", "See the picture", "--date",
                     when.strftime("%Y-%m-%d"), "--time", when.strftime("%H:%M"), "--platform", "instagram")
        p.run("post", "attach", post, *paths, "--alt", ALT)
        p.force_stage(post, "scheduled")
        p.run("post", "target", post, "--account", name)
        p.run("sync", "--once")
        deliveries = ctl(self.hook.url, "GET", "/__fake/state")["deliveries"]
        self.assertEqual(len(deliveries), 1, deliveries)
        self.assertTrue(deliveries[0]["signature_ok"])
        return json.loads(deliveries[0]["body"])["data"]["media"]

    def test_zero_lists_media_without_their_bytes(self):
        secret = self.webhook("listonly", "--media-bytes", "0")
        media = self.deliver("listonly", secret, self.small_path)
        self.assertEqual(len(media), 1)
        medium = media[0]
        self.assertNotIn("data", medium)
        self.assertEqual(medium["data_omitted"], "off")
        self.assertEqual((medium["type"], medium["mime"], medium["size"], medium["alt"]),
                         ("image", "image/png", len(self.small), ALT))
        self.assertEqual(medium["sha256"], hashlib.sha256(self.small).hexdigest())

    def test_one_megabyte_carries_a_small_picture_not_a_large_one(self):
        big = png(820, 820, lambda y: os.urandom(820 * 3))
        self.assertGreater(len(big), 2_000_000)
        big_path = self.plan.file("noise.png", big)
        secret = self.webhook("mb", "--media-bytes", "1MB")
        media = self.deliver("mb", secret, self.small_path, big_path)
        self.assertEqual(len(media), 2)
        self.assertEqual(base64.b64decode(media[0]["data"]), self.small)
        self.assertNotIn("data_omitted", media[0])
        self.assertNotIn("data", media[1])
        self.assertEqual(media[1]["data_omitted"], "too_large")
        self.assertEqual((media[1]["size"], media[1]["sha256"]), (len(big), hashlib.sha256(big).hexdigest()))

    def test_size_is_kept_shown_and_changed(self):
        p = self.plan
        self.webhook("kept", "--media-bytes", "500kB")
        self.webhook("default")
        accounts = {a["name"]: a for a in p.json("account", "list", "--json")}
        self.assertEqual(accounts["kept"]["media_bytes"], 500_000)
        self.assertEqual(accounts["default"]["media_bytes"], 5_000_000)
        listing = p.text("account", "list")
        self.assertIn("media up to 500 kB go with their bytes", listing)
        self.assertIn("media up to 5 MB go with their bytes", listing)
        p.run("account", "set", "kept", "--media-bytes", "0")
        self.assertEqual({a["name"]: a for a in p.json("account", "list", "--json")}["kept"]["media_bytes"], 0)
        self.assertIn("media are listed without their bytes", p.text("account", "list"))
        self.assertEqual(p.sql("SELECT media_bytes FROM accounts WHERE name = 'kept'"), [(0,)])

    def test_bad_sizes_are_refused_with_how_to_write_one(self):
        p = self.plan
        out = p.run("account", "add", "webhook", "--url", self.hook.url + "/x", "--media-bytes", "5 parsecs",
                    check=False)
        self.assertEqual(out.returncode, 2)
        self.assertIn("--media-bytes: “5 parsecs” is not a size; write e.g. 5MB, 500kB or 0",
                      out.stderr.decode())
        self.assertEqual(p.json("account", "list", "--json"), [])
        self.webhook("hook")
        for bad in ("-1", "lots", "5 MBs", "1e9", "MB", "2GB"):
            out = p.run("account", "set", "hook", "--media-bytes", bad, check=False)
            self.assertEqual(out.returncode, 2, bad)
            self.assertIn("--media-bytes:", out.stderr.decode())
        self.assertEqual(p.json("account", "list", "--json")[0]["media_bytes"], 5_000_000)
        out = p.run("account", "add", "mastodon", "--instance", "https://example.org", "--media-bytes", "1MB",
                    check=False)
        self.assertEqual(out.returncode, 2)
        self.assertIn("--media-bytes is for webhook accounts", out.stderr.decode())


if __name__ == "__main__":
    unittest.main(verbosity=2)
