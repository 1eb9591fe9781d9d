"""A post's media published with it (issue 15): on Mastodon each medium is
uploaded with its alt text as the description, waited for while the server
processes it, and named in the scheduled status's media_ids; on Bluesky each
picture is a blob in app.bsky.embed.images with its alt text and aspect
ratio, a JPEG too large for a blob made smaller first; a webhook's payload
lists each medium with its bytes in base64. A sync killed between the upload
and the status, or whose answer was lost, neither posts twice nor attaches a
medium twice. Against fake_mastodon.py, fake_pds.py and webhook_receiver.py
(protocols.md §7)."""

import base64
import datetime
import hashlib
import json
import os
import random
import shutil
import signal
import struct
import subprocess
import sys
import time
import unittest
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "fakes"))
import fake_pds  # noqa: E402
import webhook_receiver  # noqa: E402
from fake_mastodon import FakeMastodon  # noqa: E402
from lineup_cli import BIN, ctl, Plan  # noqa: E402

TOKEN = "tok-media-4b1e-secret"
ALT = "A red bicycle leaning on a blue wall"


def png(width, height, pixel):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\0" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def big_picture(directory):
    """A picture over 1,000,000 bytes: a JPEG of noise made by GStreamer when
    it is installed, else a PNG of noise (both are made smaller by Lineup)."""
    path = os.path.join(directory, "big.jpg")
    if shutil.which("gst-launch-1.0"):
        out = subprocess.run(["gst-launch-1.0", "-q", "videotestsrc", "num-buffers=1", "pattern=snow", "!",
                              "video/x-raw,width=1200,height=900", "!", "jpegenc", "quality=100", "!",
                              "filesink", f"location={path}"], capture_output=True, timeout=60)
        if out.returncode == 0 and os.path.getsize(path) > 1_000_000:
            return path, 1200, 900
    rng = random.Random(3)
    path = os.path.join(directory, "big.png")
    with open(path, "wb") as f:
        f.write(png(640, 600, lambda x, y: (rng.randrange(256), rng.randrange(256), rng.randrange(256))))
    return path, 640, 600


class PublishMedia(unittest.TestCase):
    def setUp(self):
        self.plan = Plan(tz="UTC")
        p = self.plan
        p.env["LINEUP_SECRETS_FILE"] = os.path.join(p.dir.name, "secrets", "lineup.keys")
        p.env["LINEUP_HTTP_TIMEOUT"] = "3"
        p.env["LINEUP_SYNC_RETRY_BASE_MS"] = "50"
        p.env["LINEUP_MEDIA_POLL_SCALE"] = "0.01"
        p.run("pillar", "add", "Community")
        self.image = png(60, 40, lambda x, y: (200, 30, 30))
        self.image_path = p.file("red bike.png", self.image)

    def tearDown(self):
        self.plan.close()

    def post(self, title, platform, minutes, *paths, alt=ALT):
        p = self.plan
        when = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=minutes)
        post = p.add(title, "Community", "Proof", "--body", f"{title}: see the picture",
                     "--date", when.strftime("%Y-%m-%d"), "--time", when.strftime("%H:%M"), "--platform", platform)
        p.run("post", "attach", post, *(paths or (self.image_path,)), "--alt", alt)
        return p.force_stage(post, "scheduled")

    # ---- Mastodon ----

    def mastodon(self):
        fake = FakeMastodon()
        fake.start()
        self.addCleanup(fake.stop)
        ctl(fake.url, "POST", "/__fake/accounts", {"username": "team", "token": TOKEN, "scopes": "read write"})
        self.plan.run("account", "add", "mastodon", "--instance", fake.url, "--token-stdin",
                      input_bytes=TOKEN.encode())
        return fake, self.plan.json("account", "list", "--json")[0]["name"]

    def test_mastodon_alt_text_and_media_ids(self):
        p = self.plan
        fake, account = self.mastodon()
        ctl(fake.url, "POST", "/__fake/media", {"polls": 2})    # 202, then 206 twice, then 200
        post = self.post("Bike day", "mastodon", 60)
        p.run("post", "target", post, "--account", account)
        out = p.run("sync", "--once", check=False)
        self.assertEqual(out.returncode, 0, out.stderr)
        state = ctl(fake.url, "GET", "/__fake/state")["accounts"][0]
        self.assertEqual(len(state["scheduled"]), 1)
        media = state["media"]
        self.assertEqual(len(media), 1)
        self.assertEqual(media[0]["description"], ALT)
        self.assertEqual(media[0]["sha256"], hashlib.sha256(self.image).hexdigest())
        self.assertTrue(media[0]["processed"])
        scheduled = state["scheduled"][0]
        self.assertEqual(scheduled["params"]["media_ids"], [media[0]["id"]])
        self.assertEqual(media[0]["attached_to"], "scheduled:" + scheduled["id"])
        self.assertEqual(p.show(post)["sync"][0]["state"], "synced")

    def test_mastodon_waits_on_422_not_processed(self):
        p = self.plan
        fake, account = self.mastodon()
        # The server says the medium is ready before it is: the status is refused twice.
        ctl(fake.url, "POST", "/__fake/media", {"polls": 2, "early_url": True})
        post = self.post("Slow server", "mastodon", 60)
        p.run("post", "target", post, "--account", account)
        p.run("sync", "--once")
        state = ctl(fake.url, "GET", "/__fake/state")
        self.assertEqual(state["media_refusals"], 2)
        scheduled = state["accounts"][0]["scheduled"]
        self.assertEqual(len(scheduled), 1)
        self.assertEqual(len(scheduled[0]["params"]["media_ids"]), 1)
        self.assertEqual(len(state["accounts"][0]["media"]), 1)      # uploaded once
        self.assertEqual(p.show(post)["sync"][0]["state"], "synced")

    def test_media_over_the_limit_refused_before_sending(self):
        p = self.plan
        fake, account = self.mastodon()
        paths = [p.file(f"shade {i}.png", png(8 + i, 8, lambda x, y, i=i: (i * 40, 0, 0))) for i in range(5)]
        post = self.post("Five pictures", "mastodon", 60, *paths)
        p.run("post", "target", post, "--account", account)
        out = p.run("sync", "--once", check=False)
        self.assertEqual(out.returncode, 1, out.stderr)
        row = p.show(post)["sync"][0]
        self.assertEqual(row["state"], "failed")
        self.assertIn("Five pictures", row["message"])
        self.assertIn("4", row["message"])
        state = ctl(fake.url, "GET", "/__fake/state")["accounts"][0]
        self.assertEqual((state["media"], state["scheduled"]), ([], []))   # nothing sent

    def test_mastodon_kill_between_upload_and_status(self):
        p = self.plan
        fake, account = self.mastodon()
        ctl(fake.url, "POST", "/__fake/media", {"polls": 100000})   # never processed: the sync waits
        post = self.post("Killed", "mastodon", 60)
        p.run("post", "target", post, "--account", account)
        proc = subprocess.Popen([BIN, "--database", p.path, "sync", "--once"], env=p.env,
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while not ctl(fake.url, "GET", "/__fake/state")["accounts"][0]["media"]:
            self.assertLess(time.monotonic(), deadline, "the medium was never uploaded")
            self.assertIsNone(proc.poll(), "the sync ended before uploading")
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        self.assertEqual(p.integrity(), "ok")
        self.assertEqual(ctl(fake.url, "GET", "/__fake/state")["accounts"][0]["scheduled"], [])

        # Started again: the upload is sent again and the status made once.
        ctl(fake.url, "POST", "/__fake/media", {"polls": 0})
        p.run("sync", "--once")
        # The status's answer is lost once: the retry reuses the idempotency key.
        ctl(fake.url, "POST", "/__fake/faults", {"rate": 1.0, "kinds": ["reset_after"], "paths": ["/api/v1/statuses"]})
        again = self.post("Answer lost", "mastodon", 90)
        p.run("post", "target", again, "--account", account)
        creates = ctl(fake.url, "GET", "/__fake/state")["creates"]
        proc = subprocess.Popen([BIN, "--database", p.path, "sync", "--once"], env=p.env,
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.addCleanup(lambda: proc.poll() is None and proc.kill())
        deadline = time.monotonic() + 60
        while ctl(fake.url, "GET", "/__fake/state")["creates"] == creates:   # made, its answer lost
            self.assertLess(time.monotonic(), deadline, "the status was never made")
        ctl(fake.url, "POST", "/__fake/faults", {"rate": 0})
        proc.wait(timeout=60)
        p.run("sync", "--once")

        state = ctl(fake.url, "GET", "/__fake/state")["accounts"][0]
        self.assertEqual(len(state["scheduled"]), 2, state["scheduled"])
        self.assertEqual(state["statuses"], [])
        attached = [m["attached_to"] for m in state["media"] if m["attached_to"]]
        self.assertEqual(len(attached), len(set(attached)))            # no medium twice
        self.assertEqual(sorted(attached), sorted("scheduled:" + s["id"] for s in state["scheduled"]))
        for scheduled in state["scheduled"]:
            self.assertEqual(len(scheduled["params"]["media_ids"]), 1)
        self.assertEqual(p.show(post)["sync"][0]["state"], "synced")
        self.assertEqual(p.show(again)["sync"][0]["state"], "synced")

    # ---- Bluesky ----

    def test_bluesky_images_with_alt_and_aspect_ratio(self):
        p = self.plan
        pds = fake_pds.FakePds()
        pds.start()
        self.addCleanup(pds.stop)
        ctl(pds.url, "POST", "/__fake/accounts", {"handle": "team.test", "password": "app-pass-1234"})
        p.run("account", "add", "bluesky", "--handle", "team.test", "--pds", pds.url,
              "--app-password-stdin", input_bytes=b"app-pass-1234")
        big_path, width, height = big_picture(p.dir.name)
        self.assertGreater(os.path.getsize(big_path), 1_000_000)
        post = self.post("Two pictures", "bluesky", -1, self.image_path, big_path)
        p.run("post", "target", post, "--account", "team.test")
        out = p.run("sync", "--once", check=False)
        self.assertEqual(out.returncode, 0, out.stderr)
        state = ctl(pds.url, "GET", "/__fake/state")
        records = state["accounts"][0]["records"]
        self.assertEqual(len(records), 1)
        embed = next(iter(records.values()))["embed"]
        self.assertEqual(embed["$type"], "app.bsky.embed.images")
        images = embed["images"]
        self.assertEqual([i["alt"] for i in images], [ALT, ALT])
        self.assertEqual(images[0]["aspectRatio"], {"width": 60, "height": 40})
        ratio = images[1]["aspectRatio"]
        self.assertAlmostEqual(ratio["width"] / ratio["height"], width / height, places=2)
        self.assertEqual(images[0]["image"]["mimeType"], "image/png")
        self.assertEqual(images[1]["image"]["mimeType"], "image/jpeg")
        self.assertLessEqual(images[1]["image"]["size"], 1_000_000)
        self.assertEqual(p.show(post)["stage"], "published")

    # ---- webhooks ----

    def test_webhook_payload_lists_media_with_bytes(self):
        p = self.plan
        hook = webhook_receiver.WebhookReceiver()
        hook.start()
        self.addCleanup(hook.stop)
        out = p.text("account", "add", "webhook", "--url", hook.url + "/hook", "--name", "n8n")
        secret = [w for w in out.split() if w.startswith("whsec_")][0]
        ctl(hook.url, "POST", "/__fake/config", {"secret": secret})
        post = self.post("Hooked", "instagram", -1)
        p.run("post", "target", post, "--account", "n8n")
        p.run("sync", "--once")
        deliveries = ctl(hook.url, "GET", "/__fake/state")["deliveries"]
        self.assertEqual(len(deliveries), 1)
        self.assertTrue(deliveries[0]["signature_ok"])
        media = json.loads(deliveries[0]["body"])["data"]["media"]
        self.assertEqual(len(media), 1)
        medium = media[0]
        self.assertEqual((medium["type"], medium["mime"], medium["size"], medium["alt"], medium["width"],
                          medium["height"], medium["duration_ms"]),
                         ("image", "image/png", len(self.image), ALT, 60, 40, 0))
        self.assertEqual(medium["sha256"], hashlib.sha256(self.image).hexdigest())
        self.assertEqual(base64.b64decode(medium["data"]), self.image)


if __name__ == "__main__":
    unittest.main(verbosity=2)
