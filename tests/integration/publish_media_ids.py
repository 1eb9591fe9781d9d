"""A scheduled Mastodon post's media ids kept and used again (issue 15): each
medium is uploaded once per post and account; an alt text edit of a post the
server holds scheduled goes out as PUT /api/v1/media/:id with the new
description, the status untouched; a caption edit makes the status again
with the same media ids; a medium added is the only one uploaded; an id the
server no longer knows is uploaded again; a status refused for a while
is retried with the media already uploaded; a lost answer or a kill neither
attaches a medium twice nor loses the post. Against fake_mastodon.py
(protocols.md §1 and §7)."""

import datetime
import os
import signal
import sqlite3
import struct
import subprocess
import sys
import time
import unittest
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "fakes"))
from fake_mastodon import FakeMastodon  # noqa: E402
from lineup_cli import BIN, ctl, Plan  # noqa: E402

TOKEN = "tok-media-ids-7c2d-secret"


def png(width, height, rgb):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\0" + bytes(rgb) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


class MediaIds(unittest.TestCase):
    def setUp(self):
        self.fake = FakeMastodon()
        self.fake.start()
        self.addCleanup(self.fake.stop)
        self.plan = Plan(tz="UTC")
        self.addCleanup(self.plan.close)
        p = self.plan
        p.env["LINEUP_SECRETS_FILE"] = os.path.join(p.dir.name, "secrets", "lineup.keys")
        p.env["LINEUP_HTTP_TIMEOUT"] = "3"
        p.env["LINEUP_SYNC_RETRY_BASE_MS"] = "50"
        p.env["LINEUP_MEDIA_POLL_SCALE"] = "0.01"
        p.run("pillar", "add", "Community")
        for _ in range(5):          # approvals need every checklist item ticked
            p.run("checklist", "remove", "1")
        ctl(self.fake.url, "POST", "/__fake/accounts", {"username": "team", "token": TOKEN, "scopes": "read write"})
        p.run("account", "add", "mastodon", "--instance", self.fake.url, "--token-stdin", input_bytes=TOKEN.encode())
        self.account = p.json("account", "list", "--json")[0]["name"]
        self.red = p.file("red.png", png(30, 20, (200, 30, 30)))
        self.blue = p.file("blue.png", png(20, 30, (30, 30, 200)))
        self.green = p.file("green.png", png(25, 25, (30, 200, 30)))

    # ---- helpers ----

    def scheduled_post(self):
        """A post scheduled on Mastodon in two days with two images, synced."""
        p = self.plan
        when = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=2)
        post = p.add("Two bikes", "Community", "Proof", "--body", "Two bikes: see them",
                     "--date", when.strftime("%Y-%m-%d"), "--time", "09:00", "--platform", "mastodon")
        p.run("post", "attach", post, self.red, "--alt", "A red bike")
        p.run("post", "attach", post, self.blue, "--alt", "A blue bike")
        p.force_stage(post, "scheduled")
        p.run("post", "target", post, "--account", self.account)
        self.sync()
        state = self.state()
        self.assertEqual(len(state["scheduled"]), 1)
        self.assertEqual(self.fake_state()["media_uploads"], 2)
        return post, state["scheduled"][0]

    def sync(self):
        out = self.plan.run("sync", "--once", check=False)
        self.assertEqual(out.returncode, 0, out.stdout.decode() + out.stderr.decode())

    def fake_state(self):
        return ctl(self.fake.url, "GET", "/__fake/state")

    def state(self):
        return self.fake_state()["accounts"][0]

    def sync_row(self, post):
        rows = self.plan.show(post)["sync"]
        self.assertEqual(len(rows), 1)
        return rows[0]

    @staticmethod
    def descriptions(scheduled):
        """The descriptions of a ScheduledStatus's media, in its media_ids' order."""
        by_id = {m["id"]: m["description"] for m in scheduled["media_attachments"]}
        return [by_id.get(mid) for mid in scheduled["params"]["media_ids"]]

    def assert_attached_once(self):
        state = self.state()
        attached = [m["attached_to"] for m in state["media"] if m["attached_to"]]
        for scheduled in state["scheduled"]:
            ids = scheduled["params"]["media_ids"]
            self.assertEqual(len(ids), len(set(ids)), ids)
        self.assertEqual(sorted(attached), sorted("scheduled:" + s["id"] for s in state["scheduled"]
                                                  for _ in s["params"]["media_ids"]))

    def edit_caption(self, post, text):
        """A caption edit sends the post back to review; approved and
        scheduled again it goes out as DELETE + POST."""
        p = self.plan
        p.run("post", "edit", post, "--body", text)
        p.run("post", "approve", post, "--as", "Lena Lead")
        p.run("post", "stage", post, "scheduled")

    # ---- tests ----

    def test_alt_edit_is_a_put_of_the_medium(self):
        p = self.plan
        post, scheduled = self.scheduled_post()
        blue_id = scheduled["params"]["media_ids"][1]
        creates = self.fake_state()["creates"]

        p.run("post", "alt", post, "2", "A blue bike against a white wall")
        waiting = [(r["state"], r["ops"]) for r in p.json("outbox", "--json") if r["post"] == post]
        self.assertEqual(waiting, [("pending", ["describe"])])
        self.sync()

        fake = self.fake_state()
        self.assertEqual(fake["media_updates"], [{"id": blue_id, "description": "A blue bike against a white wall"}])
        self.assertEqual((fake["media_uploads"], fake["creates"]), (2, creates))   # no upload, no new status
        now = fake["accounts"][0]["scheduled"]
        self.assertEqual([s["id"] for s in now], [scheduled["id"]])
        self.assertEqual(self.descriptions(now[0]),
                         ["A red bike", "A blue bike against a white wall"])
        self.assertEqual(self.sync_row(post)["state"], "synced")
        self.sync()                                                      # nothing more to send
        self.assertEqual(len(self.fake_state()["media_updates"]), 1)

    def test_caption_edit_uses_the_same_media(self):
        post, scheduled = self.scheduled_post()
        self.edit_caption(post, "Two bikes, take two")
        self.sync()
        fake = self.fake_state()
        now = fake["accounts"][0]["scheduled"]
        self.assertEqual(len(now), 1)
        self.assertNotEqual(now[0]["id"], scheduled["id"])
        self.assertEqual(now[0]["params"]["text"], "Two bikes, take two")
        self.assertEqual(now[0]["params"]["media_ids"], scheduled["params"]["media_ids"])
        self.assertEqual(fake["media_uploads"], 2)
        self.assert_attached_once()
        self.assertEqual(self.sync_row(post)["state"], "synced")

        # Then an alt text edit goes to the media the new status holds.
        self.plan.run("post", "alt", post, "1", "A red bike, muddy")
        self.sync()
        fake = self.fake_state()
        self.assertEqual(fake["media_updates"], [{"id": scheduled["params"]["media_ids"][0],
                                                  "description": "A red bike, muddy"}])
        self.assertEqual(fake["media_uploads"], 2)

    def test_added_medium_is_the_only_upload(self):
        p = self.plan
        post, scheduled = self.scheduled_post()
        p.run("post", "stage", post, "in-review")
        p.run("post", "attach", post, self.green, "--alt", "A green bike")
        p.run("post", "approve", post, "--as", "Lena Lead")
        p.run("post", "stage", post, "scheduled")
        self.sync()
        fake = self.fake_state()
        self.assertEqual(fake["media_uploads"], 3)
        now = fake["accounts"][0]["scheduled"]
        self.assertEqual(len(now), 1)
        ids = now[0]["params"]["media_ids"]
        self.assertEqual(ids[:2], scheduled["params"]["media_ids"])
        self.assertEqual(len(ids), 3)
        self.assertEqual(self.descriptions(now[0]), ["A red bike", "A blue bike", "A green bike"])
        self.assert_attached_once()

    def test_medium_the_server_forgot_is_uploaded_again(self):
        post, scheduled = self.scheduled_post()
        red_id, blue_id = scheduled["params"]["media_ids"]
        self.edit_caption(post, "Two bikes again")
        p = self.plan
        # Withdrawn from the server, its media unattached, and the red one removed there.
        p.run("post", "stage", post, "approved")
        self.sync()
        self.assertEqual(self.state()["scheduled"], [])
        ctl(self.fake.url, "POST", "/__fake/media", {"forget": [red_id]})
        p.run("post", "stage", post, "scheduled")
        self.sync()
        fake = self.fake_state()
        self.assertEqual(fake["media_uploads"], 3)                      # the red one again, only
        now = fake["accounts"][0]["scheduled"]
        self.assertEqual(len(now), 1)
        ids = now[0]["params"]["media_ids"]
        self.assertEqual(len(ids), 2)
        self.assertNotEqual(ids[0], red_id)
        self.assertEqual(ids[1], blue_id)
        self.assertEqual(self.descriptions(now[0]), ["A red bike", "A blue bike"])
        self.assertEqual(self.sync_row(post)["state"], "synced")

    def test_alt_edit_of_a_medium_the_server_lost(self):
        p = self.plan
        post, scheduled = self.scheduled_post()
        red_id, blue_id = scheduled["params"]["media_ids"]
        ctl(self.fake.url, "POST", "/__fake/media", {"forget": [red_id]})
        p.run("post", "alt", post, "1", "A red bike, new")
        self.sync()
        # The PUT answered 404: the status is made again, the red picture
        # uploaded anew with its new alt text, the blue one used again.
        fake = self.fake_state()
        self.assertEqual(fake["media_updates"], [])
        self.assertEqual(fake["media_uploads"], 3)
        now = fake["accounts"][0]["scheduled"]
        self.assertEqual(len(now), 1)
        self.assertNotEqual(now[0]["id"], scheduled["id"])
        ids = now[0]["params"]["media_ids"]
        self.assertEqual(ids[1], blue_id)
        self.assertNotIn(red_id, ids)
        self.assertEqual(self.descriptions(now[0]), ["A red bike, new", "A blue bike"])
        self.assert_attached_once()
        self.assertEqual(self.sync_row(post)["state"], "synced")
        # The server lists the new status's media by id (the blue one first
        # now): the next edit still goes to the right one.
        p.run("post", "alt", post, "2", "A blue bike, new")
        self.sync()
        self.assertEqual(self.fake_state()["media_updates"], [{"id": blue_id, "description": "A blue bike, new"}])

    def test_alt_edit_of_a_status_scheduled_before_ids_were_kept(self):
        p = self.plan
        post, scheduled = self.scheduled_post()
        # As the upgrade leaves a status scheduled before: its media known by
        # file and alt text, not by id.
        db = sqlite3.connect(p.path)
        with db:
            db.execute("UPDATE remote_media SET media_id = NULL")
        db.close()
        p.run("post", "alt", post, "2", "A blue bike, seen again")
        self.sync()
        fake = self.fake_state()
        self.assertEqual(fake["media_updates"], [])
        self.assertEqual(fake["media_uploads"], 4)                       # both, once more
        now = fake["accounts"][0]["scheduled"]
        self.assertEqual(len(now), 1)
        self.assertNotEqual(now[0]["id"], scheduled["id"])
        self.assertEqual(self.descriptions(now[0]),
                         ["A red bike", "A blue bike, seen again"])
        self.assert_attached_once()
        # From now on the ids are known: the next edit is a PUT.
        p.run("post", "alt", post, "1", "A red bike, seen again")
        self.sync()
        fake = self.fake_state()
        self.assertEqual(fake["media_updates"], [{"id": now[0]["params"]["media_ids"][0],
                                                  "description": "A red bike, seen again"}])
        self.assertEqual(fake["media_uploads"], 4)

    def test_status_refused_for_a_while_uploads_once(self):
        p = self.plan
        when = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=2)
        post = p.add("Retried", "Community", "Proof", "--body", "Retried: see them",
                     "--date", when.strftime("%Y-%m-%d"), "--time", "09:00", "--platform", "mastodon")
        p.run("post", "attach", post, self.red, self.blue, "--alt", "Bikes")
        p.force_stage(post, "scheduled")
        p.run("post", "target", post, "--account", self.account)
        # The media go up; the status fails with 500 until the server recovers.
        ctl(self.fake.url, "POST", "/__fake/faults", {"rate": 1.0, "kinds": ["500"], "paths": ["/api/v1/statuses"]})
        proc = subprocess.Popen([BIN, "--database", p.path, "sync", "--once"], env=p.env,
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.addCleanup(lambda: proc.poll() is None and proc.kill())
        deadline = time.monotonic() + 60
        while self.fake_state()["faults"].get("500", 0) < 3:
            self.assertLess(time.monotonic(), deadline, "the status was never tried")
            time.sleep(0.02)
        ctl(self.fake.url, "POST", "/__fake/faults", {"rate": 0})
        proc.wait(timeout=60)
        fake = self.fake_state()
        self.assertEqual(fake["media_uploads"], 2)                      # each retry used the same ids
        now = fake["accounts"][0]["scheduled"]
        self.assertEqual(len(now), 1)
        self.assertEqual(len(now[0]["params"]["media_ids"]), 2)
        self.assert_attached_once()
        self.assertEqual(self.sync_row(post)["state"], "synced")

    def test_faults_and_a_kill_attach_nothing_twice(self):
        p = self.plan
        post, scheduled = self.scheduled_post()

        # The PUT fails with 500: the post says which medium, and it is
        # retried until it works.
        ctl(self.fake.url, "POST", "/__fake/faults", {"rate": 1.0, "kinds": ["500"], "paths": ["/api/v1/media/"]})
        p.run("post", "alt", post, "1", "A red bike, parked")
        proc = subprocess.Popen([BIN, "--database", p.path, "sync", "--once"], env=p.env,
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.addCleanup(lambda: proc.poll() is None and proc.kill())
        deadline = time.monotonic() + 60
        while self.fake_state()["faults"].get("500", 0) < 2:
            self.assertLess(time.monotonic(), deadline, "the alt text was never sent")
            time.sleep(0.02)
        row = self.sync_row(post)
        self.assertEqual(row["state"], "pending")
        self.assertIn("alt text of medium 1 of “Two bikes”", row["message"])
        ctl(self.fake.url, "POST", "/__fake/faults", {"rate": 0})
        proc.wait(timeout=60)
        self.assertEqual([u["description"] for u in self.fake_state()["media_updates"]], ["A red bike, parked"])
        self.assertEqual(self.sync_row(post)["state"], "synced")

        # A caption edit whose new status is made but its answer lost, the
        # sync killed then: started again, one status, no new upload.
        self.edit_caption(post, "Two bikes, third take")
        ctl(self.fake.url, "POST", "/__fake/faults", {"rate": 1.0, "kinds": ["reset_after"],
                                                      "paths": ["/api/v1/statuses"]})
        creates = self.fake_state()["creates"]
        proc = subprocess.Popen([BIN, "--database", p.path, "sync", "--once"], env=p.env,
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.addCleanup(lambda: proc.poll() is None and proc.kill())
        deadline = time.monotonic() + 60
        while self.fake_state()["creates"] == creates:
            self.assertLess(time.monotonic(), deadline, "the status was never made")
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        self.assertEqual(p.integrity(), "ok")
        ctl(self.fake.url, "POST", "/__fake/faults", {"rate": 0})
        self.sync()

        fake = self.fake_state()
        now = fake["accounts"][0]["scheduled"]
        self.assertEqual(len(now), 1, now)
        self.assertEqual(fake["accounts"][0]["statuses"], [])
        self.assertEqual(now[0]["params"]["text"], "Two bikes, third take")
        self.assertEqual(now[0]["params"]["media_ids"], scheduled["params"]["media_ids"])
        self.assertEqual(fake["media_uploads"], 2)
        self.assert_attached_once()
        self.assertEqual(self.sync_row(post)["state"], "synced")

        # And the alt text the server has is known: the next edit is a PUT again.
        p.run("post", "alt", post, "2", "A blue bike, parked")
        self.sync()
        fake = self.fake_state()
        self.assertEqual(fake["media_updates"][-1], {"id": scheduled["params"]["media_ids"][1],
                                                     "description": "A blue bike, parked"})
        self.assertEqual((fake["media_uploads"], len(fake["accounts"][0]["scheduled"])), (2, 1))


if __name__ == "__main__":
    unittest.main(verbosity=2)
