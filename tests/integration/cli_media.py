"""Media on posts (issue 15) by the command line: `lineup post attach` copies
pictures into the plan's media folder once per file, `post media`, `post alt`,
`post detach`, `post media-move` and `post subtitles` change a post's list,
`media clean` removes what nothing uses, `post show --json` lists the media;
a misnamed or truncated file is refused with its name and leaves the plan as
it was; a post with an image without alt text (or a video without subtitles)
cannot be approved. Test images are written here (PNG by hand with zlib),
test videos made with gst-launch-1.0 when its plugins are installed
(build-aux/setup-deps), never downloaded."""

import hashlib
import os
import shutil
import sqlite3
import struct
import subprocess
import unittest
import zlib

import lineup_cli
from dav_servers import Radicale
from lineup_cli import Member, Plan


def png(width, height, rgb):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\0" + bytes(rgb) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def make_video(path):
    """A one-second WebM made by GStreamer, or None when it cannot be made."""
    if shutil.which("gst-launch-1.0") is None:
        return None
    out = subprocess.run(["gst-launch-1.0", "-q", "videotestsrc", "num-buffers=10", "!",
                          "video/x-raw,width=64,height=48,framerate=10/1", "!", "vp8enc", "!", "webmmux", "!",
                          "filesink", f"location={path}"], capture_output=True, timeout=60)
    return path if out.returncode == 0 and os.path.getsize(path) > 0 else None


class Media(unittest.TestCase):
    def setUp(self):
        self.plan = Plan()
        p = self.plan
        p.run("pillar", "add", "Community")
        p.run("team", "add", "Ana", "--role", "approver")
        self.post = p.add("Bike day", "Community", "Proof", "--body", "Ride with us on Sunday",
                          "--platform", "mastodon", "--date", "2030-05-05", "--time", "10:00")
        self.red = png(40, 30, (255, 0, 0))
        self.blue = png(20, 10, (0, 0, 255))
        self.red_path = p.file("red bike.png", self.red)
        self.blue_path = p.file("helmet.png", self.blue)
        self.folder = p.path + ".media"

    def tearDown(self):
        self.plan.close()

    def media(self, post=None):
        return self.plan.json("post", "media", post or self.post, "--json")

    def files(self):
        return sorted(os.listdir(self.folder)) if os.path.isdir(self.folder) else []

    def refused(self, *args, status=1):
        before = self.plan.digest()
        files = self.files()
        out = self.plan.run(*args, check=False)
        self.assertEqual(out.returncode, status, out.stderr)
        self.assertEqual(self.plan.digest(), before)
        self.assertEqual(self.files(), files)
        return out.stderr.decode("utf-8")

    def ready_for_approval(self):
        p = self.plan
        p.run("post", "stage", self.post, "draft")
        p.run("post", "stage", self.post, "in-review")
        for n in range(1, 6):
            p.run("post", "check", self.post, str(n), check=False)

    def test_attach_list_alt_reorder_detach(self):
        p = self.plan
        out = p.text("post", "attach", self.post, self.red_path, self.blue_path, "--alt", "A red bicycle")
        self.assertIn("Attached 2 files", out)
        media = self.media()
        self.assertEqual([m["name"] for m in media], ["red bike.png", "helmet.png"])
        self.assertEqual(media[0]["sha256"], sha256(self.red))
        self.assertEqual((media[0]["mime_type"], media[0]["width"], media[0]["height"], media[0]["size"]),
                         ("image/png", 40, 30, len(self.red)))
        self.assertEqual([m["alt"] for m in media], ["A red bicycle", "A red bicycle"])
        # The files are in the media folder by hash, byte for byte.
        self.assertEqual(self.files(), sorted([sha256(self.red) + ".png", sha256(self.blue) + ".png"]))
        with open(media[1]["file"], "rb") as f:
            self.assertEqual(f.read(), self.blue)

        p.run("post", "alt", self.post, "2", "A blue helmet on the grass")
        p.run("post", "media-move", self.post, "2", "1")
        self.assertEqual([m["alt"] for m in self.media()], ["A blue helmet on the grass", "A red bicycle"])
        p.run("post", "detach", self.post, "1")
        self.assertEqual([m["name"] for m in self.media()], ["red bike.png"])
        # post show --json carries them too.
        self.assertEqual([m["sha256"] for m in p.show(self.post)["media"]], [sha256(self.red)])
        self.assertIn("red bike.png", p.text("post", "show", self.post))

    def test_same_file_stored_once_and_clean(self):
        p = self.plan
        other = p.add("Helmet tips", "Community", "Proof", "--body", "Wear one")
        p.run("post", "attach", self.post, self.red_path, self.red_path, "--alt", "Bike")
        copy = p.file("copy-of-bike.png", self.red)
        p.run("post", "attach", other, copy, self.blue_path, "--alt", "Bike")
        self.assertEqual(len(self.files()), 2)

        # Nothing is unused: clean removes nothing. A deleted post keeps its
        # media (undo may bring it back).
        p.run("post", "delete", other)
        self.assertIn("Removed 0 files", p.text("media", "clean"))
        self.assertEqual(len(self.files()), 2)

        p.run("post", "detach", self.post, "2")
        p.run("post", "detach", self.post, "1")
        self.assertIn("Removed 0 files", p.text("media", "clean"))
        # Remove the deleted post's rows as a purge would: its files go then.
        db = sqlite3.connect(p.path)
        with db:
            db.execute("DELETE FROM posts WHERE id = ?", (other,))
        db.close()
        # --dry-run says what would go and removes nothing.
        self.assertIn("2 files no post uses", p.text("media", "clean", "--dry-run"))
        self.assertEqual(len(self.files()), 2)
        out = p.text("media", "clean")
        self.assertIn("Removed 2 files", out)
        self.assertIn("0 files no post uses", p.text("media", "clean", "--dry-run"))
        self.assertEqual(self.files(), [])

    def test_refusals_name_the_file_and_change_nothing(self):
        p = self.plan
        p.run("post", "attach", self.post, self.red_path, "--alt", "Bike")
        notes = p.file("holiday.jpg", "Shot list: bikes, helmets, the park.\n")
        err = self.refused("post", "attach", self.post, self.blue_path, notes)
        self.assertIn("holiday.jpg", err)
        self.assertIn("JPEG", err)
        cut = p.file("cut.png", self.red[: len(self.red) // 2])
        err = self.refused("post", "attach", self.post, cut)
        self.assertIn("cut.png", err)
        self.assertIn("truncated", err)
        err = self.refused("post", "attach", self.post, os.path.join(p.dir.name, "missing.png"))
        self.assertIn("missing.png", err)
        err = self.refused("post", "alt", self.post, "3", "x")
        self.assertIn("has one medium", err)
        self.refused("post", "detach", self.post, "first", status=2)
        self.refused("post", "attach", self.post, status=2)
        self.assertEqual(len(self.media()), 1)

    def test_approval_needs_alt_text(self):
        p = self.plan
        p.run("post", "attach", self.post, self.red_path, self.blue_path)
        self.ready_for_approval()
        out = p.run("post", "approve", self.post, "--as", "Ana", check=False)
        self.assertEqual(out.returncode, 1)
        err = out.stderr.decode()
        self.assertIn("image 1", err)
        self.assertIn("no alt text", err)
        self.assertIn("lineup post alt", err)
        checklist = p.show(self.post)["checklist"]
        item = [c for c in checklist if "alt text" in c["item"]][0]
        self.assertEqual((item["checked"], item["computed"]), (False, True))

        p.run("post", "alt", self.post, "1", "A red bicycle")
        self.assertIn("image 2", p.run("post", "approve", self.post, "--as", "Ana", check=False).stderr.decode())
        p.run("post", "alt", self.post, "2", "A blue helmet")
        p.run("post", "approve", self.post, "--as", "Ana")
        self.assertEqual(p.show(self.post)["stage"], "approved")
        # Approved with these media: the list no longer changes, the alt text may.
        err = self.refused("post", "attach", self.post, self.red_path)
        self.assertIn("In review", err)
        p.run("post", "alt", self.post, "1", "A red bicycle against a wall")

    def test_ics_names_media_without_embedding_them(self):
        import icalendar
        p = self.plan
        p.run("post", "attach", self.post, self.red_path, self.blue_path, "--alt", "A red bicycle")
        full = icalendar.Calendar.from_ical(p.run("export", "ics", "--privacy", "full").stdout)
        [event] = [c for c in full.walk("VEVENT")]
        media = event.get("X-LINEUP-MEDIA")
        self.assertEqual([str(m) for m in media], [sha256(self.red), sha256(self.blue)])
        self.assertEqual((media[0].params["FMTTYPE"], media[0].params["X-SIZE"]), ("image/png", str(len(self.red))))
        alts = event.get("X-LINEUP-MEDIA-ALT")
        self.assertEqual([(str(a), a.params["X-NUMBER"]) for a in alts], [("A red bicycle", "1"), ("A red bicycle", "2")])
        self.assertIsNone(event.get("ATTACH"))
        # Titles only: the media are named, their alt text is not shown.
        titles = p.run("export", "ics").stdout.decode()
        self.assertIn("X-LINEUP-MEDIA;", titles)
        self.assertNotIn("X-LINEUP-MEDIA-ALT", titles)

    def test_video_needs_subtitles_or_none_needed(self):
        p = self.plan
        video = make_video(os.path.join(p.dir.name, "ride.webm"))
        if video is None:
            self.skipTest("gst-launch-1.0 with vp8enc and webmmux is not installed (build-aux/setup-deps installs it)")
        p.run("post", "attach", self.post, video)
        [medium] = self.media()
        self.assertEqual((medium["kind"], medium["mime_type"], medium["width"], medium["height"]),
                         ("video", "video/webm", 64, 48))
        self.assertGreater(medium["duration_ms"], 0)
        self.ready_for_approval()
        err = p.run("post", "approve", self.post, "--as", "Ana", check=False).stderr.decode()
        self.assertIn("no subtitles", err)
        # Subtitles for an image, or a file that is not subtitles: refused.
        p.run("post", "attach", self.post, self.red_path, "--alt", "Bike")
        self.assertIn("image", self.refused("post", "subtitles", self.post, "2", "--none-needed"))
        bogus = p.file("ride.vtt", "not subtitles at all\n")
        self.assertIn("ride.vtt", self.refused("post", "subtitles", self.post, "1", bogus))
        subtitles = p.file("ride.vtt", "WEBVTT\n\n00:00.000 --> 00:01.000\nLet's ride!\n")
        p.run("post", "subtitles", self.post, "1", subtitles)
        self.assertIsNotNone(self.media()[0]["subtitles"])
        p.run("post", "subtitles", self.post, "1", "--remove")
        p.run("post", "subtitles", self.post, "1", "--none-needed")
        self.assertTrue(self.media()[0]["no_subtitles_needed"])
        # Mastodon takes a video or pictures, not both: the picture goes.
        p.run("post", "detach", self.post, "2")
        p.run("post", "approve", self.post, "--as", "Ana")
        # A video named as a picture is refused.
        with open(video, "rb") as f:
            renamed = p.file("ride.png", f.read())
        self.assertIn("ride.png", self.refused("post", "attach", self.post, renamed))



class SharedMedia(unittest.TestCase):
    """Two copies of a shared plan (Radicale on 127.0.0.1): a post's media
    list with its alt text travels in the post's record, so the other copy
    computes the checklist from the same media."""

    def test_media_list_and_alt_text_travel(self):
        server = Radicale(users=lineup_cli.SHARE_PASSWORDS, rights=Radicale.approvals_rights("alice", ["bob"]))
        server.start()
        self.addCleanup(server.close)
        alice, bob = Member("alice"), Member("bob")
        self.addCleanup(alice.close)
        self.addCleanup(bob.close)
        alice.run("pillar", "add", "Community")
        alice.share("create", server.url("/alice/plan/"))
        bob.share("join", server.url("/alice/plan/"))

        red = png(40, 30, (255, 0, 0))
        post = alice.add("Bike day", "Community", "Proof", "--body", "Ride with us", "--platform", "mastodon")
        alice.run("post", "attach", post, alice.file("bike.png", red), alice.file("helmet.png", png(8, 8, (0, 0, 255))),
                  "--alt", "A red bicycle, leaning on a wall; 50% off")
        alice.run("post", "alt", post, "2", "")
        for member in (alice, bob):
            member.run("share", "sync")
        media = bob.json("post", "media", post, "--json")
        self.assertEqual([(m["sha256"], m["alt"], m["name"]) for m in media],
                         [(sha256(red), "A red bicycle, leaning on a wall; 50% off", "bike.png"),
                          (media[1]["sha256"], "", "helmet.png")])
        self.assertEqual((media[0]["mime_type"], media[0]["width"], media[0]["size"]), ("image/png", 40, len(red)))
        item = [c for c in bob.show(post)["checklist"] if "alt text" in c["item"]][0]
        self.assertEqual((item["computed"], item["checked"]), (True, False))

        # Bob writes the missing alt text and moves the helmet first: alice has both.
        bob.run("post", "alt", post, "2", "A blue helmet")
        bob.run("post", "media-move", post, "2", "1")
        for member in (bob, alice):
            member.run("share", "sync")
        self.assertEqual([m["alt"] for m in alice.json("post", "media", post, "--json")],
                         ["A blue helmet", "A red bicycle, leaning on a wall; 50% off"])
        item = [c for c in alice.show(post)["checklist"] if "alt text" in c["item"]][0]
        self.assertEqual((item["computed"], item["checked"]), (True, True))

        # A post without media keeps its record as it was: no media field.
        plain = alice.add("Plain", "Community", "Proof", "--body", "Text only")
        alice.run("share", "sync")
        bob.run("share", "sync")
        self.assertEqual(bob.json("post", "media", plain, "--json"), [])


if __name__ == "__main__":
    unittest.main()
