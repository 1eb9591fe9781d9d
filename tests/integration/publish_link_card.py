"""Bluesky link cards (issue 15): a post whose caption has a link and no
media goes out with app.bsky.embed.external built from the page's Open Graph
title, description and image, the image uploaded with uploadBlob as the
thumb. Against fake_pds.py (checks the embed and that the thumb is a blob
the account uploaded) and a web server this test starts on 127.0.0.1 with
pages as sites write them: Open Graph tags (entities, attribute order,
quotes), a relative image, an image too large for a blob, a redirect, no
tags at all, and hostile ones (a page that never ends, one that stalls,
malformed markup). A page that cannot be read costs the card, never the
post; a retry does not post twice."""

import datetime
import hashlib
import http.server
import os
import struct
import sys
import threading
import time
import unittest
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "fakes"))
import fake_pds  # noqa: E402
import utm_reference  # noqa: E402
from lineup_cli import ctl, Plan  # noqa: E402


def png(width, height, noise=False):
    """A PNG of @width × @height: a gradient (small) or noise (does not compress)."""
    rows = []
    for y in range(height):
        row = os.urandom(width * 3) if noise else bytes((x * 7 + y * 3) % 256 for x in range(width * 3))
        rows.append(b"\x00" + row)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"".join(rows), 6)) + chunk(b"IEND", b""))


SMALL_PNG = png(60, 30)
LARGE_PNG = png(900, 700, noise=True)

PAGES = {
    "/og.html": (
        "<!doctype html><html><head><meta charset=utf-8>"
        "<title>Not this title</title>"
        "<meta content=\"Tom &amp; Jerry&#8217;s &quot;launch&quot;\" property=\"og:title\">"
        "<meta property='og:description' content='Everything   about the\n launch &lt;3'>"
        "<meta property=\"og:image\" content=\"http://127.0.0.1:{port}/img/small.png\">"
        "</head><body>Hello</body></html>"),
    "/blog/relative.html": (
        "<html><head><meta property=og:title content=Relative>"
        "<meta name=\"description\" content=\"A relative image\">"
        "<meta property=\"og:image\" content=\"../img/small.png\"></head></html>"),
    "/large.html": (
        "<html><head><meta property=\"og:title\" content=\"Large image\">"
        "<meta property=\"og:image\" content=\"/img/large.png\"></head></html>"),
    "/plain.html": "<html><body><p>No title, no tags.</p></body></html>",
    "/malformed.html": (
        "<<html><head><<meta property=og:title content='Malformed but titled'"
        "><meta property=\"og:description content=<<<>>> &#xFFFFFFFF; &bogus <title>"),
    "/old.html": "<title>Moved here</title>",
}


class WebHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body, ctype="text/html; charset=utf-8", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path = self.path.split("?")[0]
        self.server.hits.append(path)
        try:
            if path in PAGES:
                self.send(200, PAGES[path].format(port=self.server.server_address[1]).encode())
            elif path == "/go":
                self.send(302, b"", headers=[("Location", "/old.html")])
            elif path == "/img/small.png":
                self.send(200, SMALL_PNG, "image/png")
            elif path == "/img/large.png":
                self.send(200, LARGE_PNG, "image/png")
            elif path == "/endless.html":
                # Never ends: a head that never closes, 64 kB at a time.
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(b"<html><head><title>")
                while True:
                    self.wfile.write(b"<meta property=og:title content='x'>" * 2000)
            elif path == "/stall.html":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", "100000")
                self.end_headers()
                self.wfile.write(b"<html><head><title>Stalled")
                self.wfile.flush()
                self.server.release.wait(30)
            else:
                self.send(404, b"not here")
        except (BrokenPipeError, ConnectionResetError):
            pass


class WebServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), WebHandler)
        self.hits = []
        self.release = threading.Event()
        self.url = f"http://127.0.0.1:{self.server_address[1]}"
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def stop(self):
        self.release.set()
        self.shutdown()
        self.server_close()


class LinkCards(unittest.TestCase):
    def setUp(self):
        self.plan = Plan(tz="UTC")
        p = self.plan
        p.env["LINEUP_SECRETS_FILE"] = os.path.join(p.dir.name, "secrets", "lineup.keys")
        p.env["LINEUP_HTTP_TIMEOUT"] = "2"
        p.env["LINEUP_SYNC_RETRY_BASE_MS"] = "50"
        p.run("pillar", "add", "Community")
        self.web = WebServer()
        self.addCleanup(self.web.stop)
        self.pds = fake_pds.FakePds()
        self.pds.start()
        self.addCleanup(self.pds.stop)
        ctl(self.pds.url, "POST", "/__fake/accounts", {"handle": "team.test", "password": "app-pass-1234"})
        p.run("account", "add", "bluesky", "--handle", "team.test", "--pds", self.pds.url,
              "--app-password-stdin", input_bytes=b"app-pass-1234")

    def tearDown(self):
        self.plan.close()

    def add(self, title, body):
        when = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=1)
        post = self.plan.force_stage(self.plan.add(title, "Community", "Proof", "--body", body,
                                                   "--date", when.strftime("%Y-%m-%d"),
                                                   "--time", when.strftime("%H:%M"),
                                                   "--platform", "bluesky"), "scheduled")
        self.plan.run("post", "target", post, "--account", "team.test")
        return post

    def sent_link(self, post, url):
        return utm_reference.tag_url(url, {"utm_source": "bluesky", "utm_medium": "social", "utm_content": post[:8]})

    def records(self):
        state = ctl(self.pds.url, "GET", "/__fake/state")
        return {r["text"]: r for r in state["accounts"][0]["records"].values()}, state["blobs"]

    def test_cards_published(self):
        p, web = self.plan, self.web
        og = self.add("OG", f"Our launch: {web.url}/og.html?ref=plan and more at {web.url}/plain.html")
        rel = self.add("Relative", f"Relative image {web.url}/blog/relative.html")
        large = self.add("Large", f"A big picture {web.url}/large.html")
        moved = self.add("Moved", f"Redirected {web.url}/go")
        bare = self.add("No link", "Just words, no link.")
        plain = self.add("Plain", f"No tags there {web.url}/plain.html")
        down = self.add("Down", "Unreachable http://127.0.0.1:9/nothing.html")
        malformed = self.add("Malformed", f"Bad markup {web.url}/malformed.html")
        start = time.monotonic()
        out = p.run("sync", "--once")
        records, blobs = self.records()
        self.assertEqual(len(records), 8)
        # Each card left out is noted in the log, with why.
        log = out.stderr.decode()
        self.assertIn("“Plain” goes to Bluesky without a link card", log)
        self.assertIn("has no title", log)
        self.assertIn("“Down” goes to Bluesky without a link card", log)
        for post in (og, rel, large, moved, bare, plain, down, malformed):
            self.assertEqual(p.show(post)["stage"], "published", post)
        by_title = {p.show(post)["title"]: p.show(post)["body"] for post in (og, rel, large, moved, bare, plain,
                                                                              down, malformed)}

        def record_of(post):
            sent = utm_reference.tag_text(p.show(post)["body"],
                                          {"utm_source": "bluesky", "utm_medium": "social", "utm_content": post[:8]})
            return records[sent]

        blob_by_cid = {b["cid"]: b for b in blobs}

        # Open Graph: entities decoded, attributes in any order and quotes, the first link's card.
        external = record_of(og)["embed"]["external"]
        self.assertEqual(record_of(og)["embed"]["$type"], "app.bsky.embed.external")
        self.assertEqual(external["uri"], self.sent_link(og, f"{web.url}/og.html?ref=plan"))
        self.assertEqual(external["title"], "Tom & Jerry’s \"launch\"")
        self.assertEqual(external["description"], "Everything about the launch <3")
        blob = blob_by_cid[external["thumb"]["ref"]["$link"]]
        self.assertEqual(blob["mimeType"], "image/png")
        self.assertEqual(blob["sha256"], hashlib.sha256(SMALL_PNG).hexdigest())

        # A relative image, resolved against the page.
        external = record_of(rel)["embed"]["external"]
        self.assertEqual((external["title"], external["description"]), ("Relative", "A relative image"))
        self.assertEqual(blob_by_cid[external["thumb"]["ref"]["$link"]]["sha256"],
                         hashlib.sha256(SMALL_PNG).hexdigest())
        self.assertIn("/img/small.png", web.hits)

        # Too large for a blob: scaled down as a JPEG under the limit.
        self.assertGreater(len(LARGE_PNG), 1_000_000)
        thumb = record_of(large)["embed"]["external"]["thumb"]
        self.assertEqual(thumb["mimeType"], "image/jpeg")
        self.assertLessEqual(thumb["size"], 1_000_000)

        # A redirect is followed; the card keeps the link as written (with its UTM parameters).
        external = record_of(moved)["embed"]["external"]
        self.assertEqual(external["title"], "Moved here")
        self.assertEqual(external["uri"], self.sent_link(moved, f"{web.url}/go"))
        self.assertNotIn("thumb", external)

        # Malformed markup still gives what it clearly says.
        self.assertEqual(record_of(malformed)["embed"]["external"]["title"], "Malformed but titled")

        # No link, no tags, no page: published without a card.
        for post in (bare, plain, down):
            self.assertNotIn("embed", record_of(post), by_title)
        self.assertLess(time.monotonic() - start, 60)

    def test_hostile_pages_and_retries(self):
        p, web = self.plan, self.web
        endless = self.add("Endless", f"Never ends {web.url}/endless.html")
        stalled = self.add("Stalled", f"Stalls {web.url}/stall.html")
        carded = self.add("Carded", f"With a card {web.url}/og.html")
        # Each record's answer is lost once (it comes after the timeout): the
        # retry builds the card again and writes the same record.
        ctl(self.pds.url, "POST", "/__fake/hostile",
            {"kind": "slow", "seconds": 3, "count": 3, "paths": ["/xrpc/com.atproto.repo.putRecord"]})
        start = time.monotonic()
        p.run("sync", "--once")
        self.assertLess(time.monotonic() - start, 60)
        self.assertEqual(ctl(self.pds.url, "GET", "/__fake/state")["puts"], 6)
        records, blobs = self.records()
        self.assertEqual(len(records), 3)
        for post in (endless, stalled, carded):
            self.assertEqual(p.show(post)["stage"], "published")
        embeds = [r["embed"]["external"] for r in records.values() if "embed" in r]
        self.assertEqual([e["title"] for e in embeds], ["Tom & Jerry’s \"launch\""])
        # The retry reused the card and its blob: one upload (uploadBlob is rationed).
        self.assertEqual([b["uploads"] for b in blobs], [1])
        self.assertEqual(embeds[0]["thumb"]["ref"]["$link"], blobs[0]["cid"])

    def test_upload_refused(self):
        p, web = self.plan, self.web
        post = self.add("Refused image", f"See {web.url}/og.html")
        # The PDS refuses the image (uploadBlob's daily allowance spent): the card goes without it.
        ctl(self.pds.url, "POST", "/__fake/faults",
            {"rate": 1.0, "kinds": ["429"], "paths": ["/xrpc/com.atproto.repo.uploadBlob"]})
        p.run("sync", "--once")
        self.assertEqual(p.show(post)["stage"], "published")
        records, blobs = self.records()
        external = next(iter(records.values()))["embed"]["external"]
        self.assertEqual(external["title"], "Tom & Jerry’s \"launch\"")
        self.assertNotIn("thumb", external)
        self.assertEqual(blobs, [])

    def test_cli_card(self):
        p, web = self.plan, self.web
        og = self.add("OG", f"See {web.url}/og.html")
        card = p.json("post", "card", og, "--json")
        self.assertEqual(card["uri"], self.sent_link(og, f"{web.url}/og.html"))
        self.assertEqual(card["title"], "Tom & Jerry’s \"launch\"")
        self.assertEqual(card["description"], "Everything about the launch <3")
        self.assertEqual(card["image"], f"{web.url}/img/small.png")
        self.assertEqual((card["thumb_type"], card["thumb_size"]), ("image/png", len(SMALL_PNG)))
        text = p.text("post", "card", og)
        self.assertIn("Tom & Jerry", text)
        self.assertIn(f"{web.url}/img/small.png", text)

        bare = self.add("Bare", "Nothing to link")
        self.assertIn("no link", p.text("post", "card", bare))
        plain = self.add("Plain", f"{web.url}/plain.html")
        out = p.run("post", "card", plain, check=False)
        self.assertEqual(out.returncode, 1)
        self.assertIn("no title", out.stderr.decode())


if __name__ == "__main__":
    unittest.main(verbosity=2)
