"""Media files through a shared plan (issue 15, docs/sharing.md §2a), two
copies on Radicale (127.0.0.1): a file one copy attaches reaches the other
byte for byte as its own resource (media-SHA256.ics), uploaded once however
many posts use it; a server whose max_content_length is too small for a file
gets a message naming the file, and every other change still travels; a
resource whose bytes are not the file the post names is refused."""

import base64
import hashlib
import os
import struct
import unittest
import urllib.request
import zlib

import lineup_cli
from dav_servers import Radicale, Xandikos
from lineup_cli import Member


def png(width, height, pixels):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\0" + pixels[y * width * 3:(y + 1) * width * 3] for y in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def flat(width, height, rgb):
    return png(width, height, bytes(rgb) * width * height)


def noise(width, height):
    """An image that does not compress: larger than the small server takes."""
    return png(width, height, os.urandom(width * height * 3))


def sha256(data):
    return hashlib.sha256(data).hexdigest()


class ShareMedia(unittest.TestCase):
    def start(self, **server_args):
        self.server = Radicale(users=lineup_cli.SHARE_PASSWORDS, rights=Radicale.approvals_rights("alice", ["bob"]),
                               **server_args)
        self.server.start()
        self.addCleanup(self.server.close)
        self.alice, self.bob = Member("alice"), Member("bob")
        self.addCleanup(self.alice.close)
        self.addCleanup(self.bob.close)
        self.alice.run("pillar", "add", "Community")
        self.alice.share("create", self.server.url("/alice/plan/"))
        self.bob.share("join", self.server.url("/alice/plan/"))

    def collection(self):
        return os.path.join(self.server.dir.name, "collections", "collection-root", "alice", "plan")

    def media_resources(self):
        return sorted(n for n in os.listdir(self.collection()) if n.startswith("media-"))

    def local_file(self, member, data):
        return os.path.join(member.path + ".media", sha256(data) + ".png")

    def test_file_travels_once_and_byte_for_byte(self):
        self.start()
        alice, bob = self.alice, self.bob
        red = flat(40, 30, (255, 0, 0))
        first = alice.add("Bike day", "Community", "Proof", "--body", "Ride with us")
        alice.run("post", "attach", first, alice.file("bike.png", red), "--alt", "A red bicycle")
        self.assertEqual(alice.json("share", "status", "--json")["media_to_upload"], 1)
        alice.run("share", "sync")
        self.assertEqual(self.media_resources(), [f"media-{sha256(red)}.ics"])
        self.assertEqual(alice.json("share", "status", "--json")["media_to_upload"], 0)
        uploaded = os.stat(os.path.join(self.collection(), self.media_resources()[0])).st_mtime_ns

        bob.run("share", "sync")
        with open(self.local_file(bob, red), "rb") as f:
            self.assertEqual(f.read(), red)
        shown = bob.text("post", "media", first)
        self.assertIn("bike.png", shown)
        self.assertNotIn("not on this computer", shown)
        self.assertEqual(bob.json("share", "status", "--json")["media_to_download"], 0)

        # The same file on a second post: not sent again.
        second = alice.add("Bike day, again", "Community", "Proof", "--body", "Once more")
        alice.run("post", "attach", second, alice.file("bike again.png", red), "--alt", "The same bicycle")
        alice.run("share", "sync")
        bob.run("share", "sync")
        self.assertEqual(self.media_resources(), [f"media-{sha256(red)}.ics"])
        self.assertEqual(os.stat(os.path.join(self.collection(), self.media_resources()[0])).st_mtime_ns, uploaded)
        self.assertEqual([m["sha256"] for m in bob.json("post", "media", second, "--json")], [sha256(red)])

    def test_too_large_for_the_server_names_the_file(self):
        self.start(max_content_length=40000)
        alice, bob = self.alice, self.bob
        big = noise(120, 120)
        post = alice.add("Big picture", "Community", "Proof", "--body", "Look")
        alice.run("post", "attach", post, alice.file("huge photo.png", big), "--alt", "Noise")
        out = alice.run("share", "sync", check=False)
        self.assertNotEqual(out.returncode, 0)
        error = out.stderr.decode()
        self.assertIn("huge photo.png", error)
        self.assertIn("max_content_length", error)
        self.assertEqual(self.media_resources(), [])
        self.assertEqual(alice.json("share", "status", "--json")["media_to_upload"], 1)
        # The next pass says it again without sending the file again.
        out = alice.run("share", "sync", check=False)
        self.assertIn("huge photo.png", out.stderr.decode())
        with open(os.path.join(self.server.dir.name, "log"), errors="replace") as f:
            log = f.read()
        puts = [line for line in log.splitlines()
                if "PUT request for" in line and f"media-{sha256(big)}" in line]
        self.assertEqual(len(puts), 1, puts)

        # The post itself went: bob has it and its media list, not the file.
        bob.run("share", "sync")
        self.assertEqual(bob.show(post)["title"], "Big picture")
        self.assertEqual([m["sha256"] for m in bob.json("post", "media", post, "--json")], [sha256(big)])
        self.assertFalse(os.path.exists(self.local_file(bob, big)))
        self.assertEqual(bob.json("share", "status", "--json")["media_to_download"], 1)

    def test_tampered_resource_is_refused(self):
        self.start()
        alice, bob = self.alice, self.bob
        red, blue = flat(40, 30, (255, 0, 0)), flat(8, 8, (0, 0, 255))
        post = alice.add("Bike day", "Community", "Proof", "--body", "Ride with us")
        alice.run("post", "attach", post, alice.file("bike.png", red), "--alt", "A red bicycle")
        alice.run("share", "sync")

        # Someone puts other bytes under the red file's name.
        name = f"media-{sha256(red)}.ics"
        text = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VTODO\r\n"
                f"UID:media-{sha256(red)}\r\nDTSTAMP:20300101T000000Z\r\nSTATUS:COMPLETED\r\n"
                "SUMMARY:Lineup media: bike.png (kept by Lineup)\r\n"
                "ATTACH;VALUE=BINARY;ENCODING=BASE64;FMTTYPE=image/png:"
                + base64.b64encode(blue).decode() + "\r\nEND:VTODO\r\nEND:VCALENDAR\r\n")
        auth = base64.b64encode(b"alice:" + lineup_cli.SHARE_PASSWORDS["alice"].encode()).decode()
        request = urllib.request.Request(self.server.url("/alice/plan/" + name), data=text.encode(), method="PUT",
                                         headers={"Authorization": "Basic " + auth,
                                                  "Content-Type": "text/calendar; charset=utf-8"})
        with urllib.request.urlopen(request) as answer:
            self.assertLess(answer.status, 300)

        out = bob.run("share", "sync", check=False)
        self.assertNotEqual(out.returncode, 0)
        self.assertIn("bike.png", out.stderr.decode())
        self.assertIn("SHA-256", out.stderr.decode())
        self.assertFalse(os.path.exists(self.local_file(bob, red)))
        self.assertFalse(os.path.exists(os.path.join(bob.path + ".media", sha256(blue) + ".png")))
        self.assertIn("not on this computer", bob.text("post", "media", post))


class OnXandikos(unittest.TestCase):
    """The second server implementation: the file arrives whole there too."""

    def test_file_travels(self):
        server = Xandikos()
        server.start()
        self.addCleanup(server.close)
        alice, bob = Member("alice"), Member("bob")
        self.addCleanup(alice.close)
        self.addCleanup(bob.close)
        alice.run("pillar", "add", "Community")
        url = server.url(Xandikos.CALENDAR_HOME + "plan/")
        alice.share("create", url)
        bob.share("join", url)
        red = flat(40, 30, (255, 0, 0))
        post = alice.add("Bike day", "Community", "Proof", "--body", "Ride with us")
        alice.run("post", "attach", post, alice.file("bike.png", red), "--alt", "A red bicycle")
        alice.run("share", "sync")
        bob.run("share", "sync")
        with open(os.path.join(bob.path + ".media", sha256(red) + ".png"), "rb") as f:
            self.assertEqual(f.read(), red)
        self.assertEqual(bob.json("share", "status", "--json")["media_to_download"], 0)


if __name__ == "__main__":
    unittest.main()
